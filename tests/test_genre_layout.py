"""Layout-level bullets of the genre issue, each from an input written for the test: the report's
symbol repeated as a running header inside a paragraph of a plain-text export, an annex table in
column-aligned text whose title cells wrap, and the reviewed meeting's recommendations found
across two reports of one graph."""

from __future__ import annotations

import csv
import io

from conftest import QUERIES, run_cli
from extract_helpers import coverage_of, extract_text


def test_running_header_symbol_inside_a_paragraph_is_not_paragraph_text(tmp_path):
    text = ("UNODC/HONLAP/47/6\n\nDistr.: General\n3 April 2024\n\nReport of the Forty-seventh Meeting of Heads of "
            "National Drug Law Enforcement Agencies, Asia and the Pacific, held in Suva from 11 to 14 March 2024\n\n"
            "I. Organization of the Meeting\n\n"
            "1. The Meeting noted that the seizures of methamphetamine reported by the States of the region had\n"
            "UNODC/HONLAP/47/6\n"
            "reached a new record in 2023 and that most of them had been made at sea.\n\n"
            "2. Other matters were discussed.\n\n"
            "V.24-01234                                                                   2/5\n")
    f = extract_text(tmp_path, text)
    p1 = f.document.paragraph(1)
    assert "UNODC/HONLAP/47/6" not in p1.text and p1.text.endswith("had been made at sea.")
    assert f.meeting.symbol == "UNODC/HONLAP/47/6"
    assert not any(d.symbol == "UNODC/HONLAP/47/6" for d in f.documents)
    assert coverage_of(f) == []


def test_annex_table_in_aligned_text_with_wrapped_titles(tmp_path):
    text = ("Report of the Thirty-second Meeting of Heads of National Drug Law Enforcement Agencies, Africa, held in "
            "Accra from 9 to 12 September 2024\n\nI. Organization of the Meeting\n\n"
            "1. Also at its 1st meeting, the Meeting adopted the following agenda:\n\n"
            "1. Election of officers.\n2. Adoption of the agenda.\n3. Current situation.\n4. Implementation of the "
            "recommendations.\n9. Adoption of the report.\n\n"
            "Annex\n\nList of documents before the Thirty-second Meeting\n\n"
            "Document symbol             Agenda   Title or description\n"
            "                            item\n"
            "UNODC/HONLAF/32/1           2        Annotated provisional agenda\n"
            "UNODC/HONLAF/32/2           3        Report of the Secretariat on statistics on drug\n"
            "                                     trafficking trends in Africa and worldwide\n"
            "UNODC/HONLAF/32/3           4        Implementation of the recommendations adopted by\n"
            "                                     the Thirty-first Meeting of Heads of National Drug\n"
            "                                     Law Enforcement Agencies, Africa\n"
            "UNODC/HONLAF/32/L.1 and     9        Draft report\n"
            "Add.1-Add.4\n")
    f = extract_text(tmp_path, text)
    docs = {d.symbol: (d.agenda_item, d.title) for d in f.documents}
    assert docs["UNODC/HONLAF/32/2"] == ("3", "Report of the Secretariat on statistics on drug trafficking trends "
                                                "in Africa and worldwide")
    assert docs["UNODC/HONLAF/32/3"][1].endswith("Law Enforcement Agencies, Africa")
    assert [s for s in docs if "/L.1" in s] == ["UNODC/HONLAF/32/L.1"] + [f"UNODC/HONLAF/32/L.1/Add.{k}"
                                                                           for k in range(1, 5)]
    assert all(title for _item, title in docs.values())


def test_reviewed_recommendations_across_two_reports(tmp_path):
    """HONEURO/3 reviews HONEURO/1 (not its previous meeting); built together with HONEURO/1's
    report, q15 lists HONEURO/1's recommendations for it."""
    from honlea_kg.synth import GenreOptions, generate_report

    folder = tmp_path / "in"
    folder.mkdir()
    first = generate_report(2, 0, "md", GenreOptions(compact=True))
    third = generate_report(2, 10, "md", GenreOptions(compact=True, reviewed_skip=True))
    assert (first.series, first.ordinal, third.series, third.ordinal) == ("HONEURO", 1, "HONEURO", 3)
    for rep in (first, third):
        (folder / rep.name).write_text(rep.text, encoding="utf-8")
    out = tmp_path / "out"
    done = run_cli("build", str(folder), "--out", str(out))
    assert done.returncode == 0, done.stderr
    done = run_cli("query", str(QUERIES / "q15-reviewed-recommendations.rq"), "--data", str(out), "--format", "csv")
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    third_rows = [r for r in rows if r["meeting"] == "HONEURO/3"]
    assert {(r["reviewed_meeting"], r["previous_meeting"]) for r in third_rows} == {("HONEURO/1", "HONEURO/2")}
    letters = {(r["recommendation"].split("/wg/")[1].split("#")[0], r["letter"]) for r in third_rows}
    assert letters == {(str(t), letter) for t, letter in first.truth.recommendations}
