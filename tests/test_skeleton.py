"""The walking skeleton end to end on the real report: build, dumps, query, exit codes."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

from rdflib import Dataset, Graph

from conftest import QUERIES, REPORT, run_cli


def test_real_report_has_57_paragraphs_in_11_chapters(document):
    assert [p.number for p in document.paragraphs] == list(range(1, 58))
    assert [c.roman for c in document.chapters] == ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI"]
    assert document.chapters[9].paragraphs == list(range(50, 57))
    assert [s for s, _ in document.chapters[9].sections] == ["A", "B", "C", "D", "E"]
    assert sum(len(p.subparagraphs) for p in document.paragraphs) == 56
    assert document.warnings == []


def test_meeting_dates_and_place(document):
    from honlea_kg.extract.report import extract

    m = extract(document).meeting
    assert (m.ref.series, m.ref.ordinal, m.city) == ("HONEURO", 12, "Vienna")
    assert (m.start, m.end) == (date(2017, 6, 27), date(2017, 6, 30))
    assert m.issued == date(2017, 7, 5)


def test_build_writes_dumps_and_pages(built):
    assert (built / "dataset.ttl").is_file()
    assert (built / "index.html").is_file()
    assert (built / "series" / "honlea-europe" / "12" / "index.html").is_file()


def test_turtle_dump_parses_back_to_the_same_triples(built):
    ttl = Graph().parse(built / "dataset.ttl", format="turtle")
    nt = Graph().parse(built / "dataset.nt", format="nt")
    trig = Dataset().parse(built / "dataset.trig", format="trig")
    union = {q[:3] for q in trig.quads((None, None, None, None))}
    assert len(ttl) == len(nt) == len(union) > 1000
    assert set(ttl) == set(nt) == union


def test_query_csv_header_and_values(built):
    done = run_cli("query", str(QUERIES / "cq01-meetings.rq"), "--data", str(built), "--format", "csv")
    assert done.returncode == 0, done.stderr
    rows = list(csv.reader(io.StringIO(done.stdout)))
    assert rows[0] == ["meeting", "ordinal", "city", "start_date", "end_date"]
    assert rows[1:] == [["HONEURO/12", "12", "Vienna", "2017-06-27", "2017-06-30"]]


def test_query_json_is_sparql_results_json(built):
    done = run_cli("query", "-e", "SELECT (COUNT(*) AS ?n) WHERE { ?p a <https://w3id.org/honlea-kg/ns#Paragraph> }",
                   "--data", str(built), "--format", "json")
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)
    assert doc["head"]["vars"] == ["n"]
    assert doc["results"]["bindings"][0]["n"]["value"] == "57"


def test_query_errors_exit_2_with_one_line(built, tmp_path):
    bad = tmp_path / "bad.rq"
    bad.write_text("SELEC ?x WHERE { ?x ?y ?z }", encoding="utf-8")
    for args in (["query", str(bad), "--data", str(built)],
                 ["query", str(tmp_path / "missing.rq"), "--data", str(built)],
                 ["query", "-e", "SELECT * WHERE { ?s ?p ?o }", "--data", str(tmp_path / "nodata")]):
        done = run_cli(*args)
        assert done.returncode == 2, args
        assert "Traceback" not in done.stderr
        assert len(done.stderr.strip().splitlines()) == 1, done.stderr


def test_build_of_a_non_report_fails_and_keeps_previous_output(tmp_path):
    out = tmp_path / "out"
    assert run_cli("build", str(REPORT), "--out", str(out)).returncode == 0
    before = (out / "dataset.ttl").read_bytes()
    junk = tmp_path / "junk.txt"
    junk.write_text("Nothing numbered here.\nJust two lines.\n", encoding="utf-8")
    done = run_cli("build", str(junk), "--out", str(out))
    assert done.returncode == 1
    assert "junk.txt" in done.stderr and "no numbered paragraphs" in done.stderr
    assert (out / "dataset.ttl").read_bytes() == before
