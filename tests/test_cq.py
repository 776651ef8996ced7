"""The competency questions, answered through the CLI, against the expected answers.

For every folder ``tests/expected/<report>/`` and ``tests/fixtures/expected/<report>/`` whose
report exists (``corpus/``, ``tests/fixtures/reports/``; also the same report in the other layouts
of ``tests/fixtures/forms/`` and ``tests/fixtures/sources/``), for the shared fixtures
``tests/fixtures/shared/<report>/`` and for the genre fixtures ``tests/fixtures/genre/<report>/``
(one report of each of the five bodies, each in every format it was made in: PDF, DOCX, text,
Markdown; all 17 questions), the report is built with ``honlea-kg build`` and every ``queries/cq*.rq`` is run
with ``honlea-kg query --format csv``; the rows must equal the expected CSV's rows as multisets
after the scorer's normalisation (reimplemented here): Unicode NFC, curly quotes straight, white
space collapsed; in prose columns (text, title, organization, person, city, role) also case-folded,
with trailing ``; , . :`` and a final "and"/"or" removed.
"""

from __future__ import annotations

import collections
import csv
import io
import shutil
import unicodedata
from pathlib import Path

import pytest

from conftest import CORPUS, EXPECTED, FIXTURES, QUERIES, REPORT, run_cli

QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "})
PROSE = {"text", "title", "organization", "person", "city", "role"}
SUFFIXES = (".txt", ".md", ".pdf", ".docx")


def norm(value: str, column: str) -> str:
    """The scorer's comparison form of one value of ``column``."""
    value = " ".join(unicodedata.normalize("NFC", value or "").translate(QUOTES).split())
    if column not in PROSE:
        return value
    while True:
        stripped = value.rstrip(" ;,.:")
        for word in (" and", " or"):
            if stripped.lower().endswith(word):
                stripped = stripped[: -len(word)]
        if stripped == value:
            return value.casefold()
        value = stripped


def rows_of(text: str) -> tuple[list[str], list[dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = [h.strip().lstrip("?") for h in reader.fieldnames or []]
    return header, [{h: raw.get(f) or "" for h, f in zip(header, reader.fieldnames or [])} for raw in reader]


def report_file(name: str) -> Path | None:
    """The report an expected folder is for: the bundled corpus or a fixture report."""
    for folder in (CORPUS, FIXTURES / "reports"):
        for suffix in SUFFIXES:
            path = folder / f"{name}{suffix}"
            if path.is_file():
                return path
    return None


def cases() -> list:
    out = []
    for root in (EXPECTED, FIXTURES / "expected"):
        if not root.is_dir():
            continue
        for folder in sorted(p for p in root.iterdir() if p.is_dir()):
            report = report_file(folder.name)
            if report is not None:
                out.append(pytest.param(report, folder, id=report.name))
            for form in sorted((FIXTURES / "forms").glob(f"{folder.name}.*")):
                if form.suffix in SUFFIXES:  # the same report in another layout: same answers
                    out.append(pytest.param(form, folder, id=f"forms/{form.name}"))
            source = FIXTURES / "sources" / f"{folder.name}.txt"
            if source.is_file():  # the same report in the sample's converted layout
                out.append(pytest.param(source, folder, id=f"sources/{source.name}"))
    # the shared fixtures (HONLAP 44 as PDF, HONLAC 31 as DOCX) and the genre fixtures (one
    # report of each body, in every format it was made in): report and expected/ side by side
    for root in ("shared", "genre"):
        for folder in sorted(p for p in (FIXTURES / root).glob("*/expected") if p.is_dir()):
            # the report, and its other forms named <report>.<form><suffix> (honeuro-15.layout.txt)
            for report in sorted(folder.parent.glob(f"{folder.parent.name}*")):
                if report.suffix in SUFFIXES and report.is_file():
                    out.append(pytest.param(report, folder, id=f"{root}/{report.name}"))
    return out


QUERY_FILES = sorted(QUERIES.glob("cq*.rq"))


def answers(data: Path) -> dict[str, tuple[list[str], list[dict[str, str]]]]:
    """Run every CQ query on a built folder; name -> (header, rows)."""
    out = {}
    for q in QUERY_FILES:
        done = run_cli("query", str(q), "--data", str(data), "--format", "csv")
        assert done.returncode == 0, f"{q.name}: {done.stderr}"
        out[q.stem] = rows_of(done.stdout)
    return out


_BUILDS: dict[Path, Path] = {}


def build(report: Path, tmp_path_factory) -> Path:
    if report not in _BUILDS:
        folder = tmp_path_factory.mktemp("cq-in")
        shutil.copy(report, folder / report.name)
        out = tmp_path_factory.mktemp("cq-out") / "out"
        done = run_cli("build", str(folder), "--out", str(out))
        assert done.returncode == 0, done.stderr + done.stdout
        _BUILDS[report] = out
    return _BUILDS[report]


def test_there_is_a_query_for_every_expected_answer():
    names = {q.stem for q in QUERY_FILES}
    for pattern in ("*/cq*.csv",):
        for csv_file in [*EXPECTED.glob(pattern), *(FIXTURES / "expected").glob(pattern),
                         *(FIXTURES / "shared").glob("*/expected/cq*.csv"),
                         *(FIXTURES / "genre").glob("*/expected/cq*.csv")]:
            assert csv_file.stem in names, csv_file
    for q in QUERY_FILES:
        head = q.read_text(encoding="utf-8").splitlines()[:2]
        assert head[0].startswith(f"# {q.stem[:4].upper()}:") and head[1].startswith("# Returns:"), q.name
        assert "SELECT DISTINCT" in q.read_text(encoding="utf-8"), q.name


@pytest.mark.parametrize("report,expected", cases())
def test_competency_questions_match_expected(report, expected, tmp_path_factory):
    data = build(report, tmp_path_factory)
    got_all = answers(data)
    failures = []
    for exp in sorted(expected.glob("cq*.csv")):
        header, want_rows = rows_of(exp.read_text(encoding="utf-8"))
        got_header, got_rows = got_all[exp.stem]
        assert set(header) <= set(got_header), f"{exp.stem}: columns {got_header}, expected {header}"
        want = collections.Counter(tuple(norm(r[c], c) for c in header) for r in want_rows)
        got = collections.Counter(tuple(norm(r[c], c) for c in header) for r in got_rows)
        if want != got:
            failures.append(f"{exp.stem}: missing {sorted((want - got).elements())[:5]} "
                            f"extra {sorted((got - want).elements())[:5]}")
    assert not failures, "\n".join(failures)


def test_same_report_twice_gives_each_entity_once(built, tmp_path):
    """Two copies of the real report in one corpus: the same answers, no duplicate rows, and
    the same triples as one copy (one IRI per entity, no blank nodes)."""
    folder = tmp_path / "twice"
    for copy in ("one", "two"):  # same file name, so even hl:sourceFileName is one triple
        (folder / copy).mkdir(parents=True)
        shutil.copy(REPORT, folder / copy / REPORT.name)
    out = tmp_path / "out"
    done = run_cli("build", str(folder), "--out", str(out))
    assert done.returncode == 0, done.stderr
    once, twice = answers(built), answers(out)
    for name in once:
        h1, r1 = once[name]
        h2, r2 = twice[name]
        c1 = collections.Counter(tuple(r[c] for c in h1) for r in r1)
        c2 = collections.Counter(tuple(r[c] for c in h2) for r in r2)
        assert c1 == c2, name
        assert all(n == 1 for n in c2.values()), name
    from rdflib import Graph

    g1 = Graph().parse(built / "dataset.nt", format="nt")
    g2 = Graph().parse(out / "dataset.nt", format="nt")
    assert len(g1) == len(g2)
    assert not any(type(t).__name__ == "BNode" for triple in g2 for t in triple)
    counts = collections.Counter(str(s) for s, p, o in g2.triples((None, None, None))
                                 if str(p).endswith("#type") and str(o).endswith("ns#State"))
    assert len(counts) == 41 and set(counts.values()) == {1}
