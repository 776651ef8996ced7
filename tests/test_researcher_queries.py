"""The researcher queries (``queries/q*.rq``), run through the CLI, against expected answers.

Each ``tests/expected/researcher/<query>.csv`` holds the rows the query must return on the
bundled report (``corpus/honlea-europe-12-2017.txt``), derived by hand from the report text and
the gold extraction's lists and counts (not from the query's output).  Rows are compared as
multisets with the competency-question scorer's normalisation (:func:`test_cq.norm`); only the
CSV's columns are compared (a query may return more, e.g. IRIs or gazetteer labels).  Columns
that aggregate a list (``GROUP_CONCAT`` with ``" | "``) are compared as sorted lists, since
SPARQL leaves the order inside a group undefined.

Every curated query (``cq*`` and ``q*``) must also open with a question and a ``Returns:`` line,
and run without error, fast, and with rows, on a build of the corpus plus every fixture report
(three series), where the cross-meeting queries have several meetings to work across.
"""

from __future__ import annotations

import collections
import re
import shutil
import time
from pathlib import Path

import pytest

from conftest import CORPUS, EXPECTED, FIXTURES, QUERIES, REPORT, run_cli
from test_cq import norm, rows_of

RESEARCHER = EXPECTED / "researcher"
QUERY_FILES = sorted(QUERIES.glob("q[0-9]*.rq"))
ALL_QUERIES = sorted(QUERIES.glob("*.rq"))
LIST_SEPARATOR = " | "
LIST_COLUMNS = {"meeting_list", "symbols", "occurrences", "items", "titles"}
REPORT_SUFFIXES = (".txt", ".md", ".pdf", ".docx")


def cell(value: str, column: str) -> str:
    """One value in comparison form; list columns as their sorted, normalised elements."""
    if column in LIST_COLUMNS:
        parts = [norm(p, column) for p in (value or "").split(LIST_SEPARATOR) if p.strip()]
        return LIST_SEPARATOR.join(sorted(parts))
    return norm(value, column)


def run(query: Path, data: Path) -> tuple[list[str], list[dict[str, str]]]:
    done = run_cli("query", str(query), "--data", str(data), "--format", "csv")
    assert done.returncode == 0, f"{query.name}: {done.stderr}"
    return rows_of(done.stdout)


@pytest.fixture(scope="module")
def built_all(tmp_path_factory) -> Path:
    """The corpus report and every fixture report (Europe, Africa, Asia and the Pacific) built
    together into one dataset."""
    folder = tmp_path_factory.mktemp("researcher-in")
    reports = [REPORT] + sorted(p for p in (FIXTURES / "reports").iterdir()
                                if p.suffix in REPORT_SUFFIXES and not p.name.endswith(".hyphens.tsv"))
    for path in reports:
        shutil.copy(path, folder / path.name)
    out = tmp_path_factory.mktemp("researcher-out") / "out"
    done = run_cli("build", str(folder), "--out", str(out))
    assert done.returncode == 0, done.stderr + done.stdout
    return out


def test_every_researcher_query_has_expected_answer_and_vice_versa():
    assert len(QUERY_FILES) >= 12
    names = {q.stem for q in QUERY_FILES}
    expected = {p.stem for p in RESEARCHER.glob("*.csv")}
    assert names == expected


@pytest.mark.parametrize("query", ALL_QUERIES, ids=[q.stem for q in ALL_QUERIES])
def test_query_opens_with_question_and_returns_line(query):
    from honlea_kg.publish.querypages import question_of

    text = query.read_text(encoding="utf-8")
    header = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        header.append(line)
    assert header, f"{query.name}: no leading comment"
    assert "?" in header[0], f"{query.name}: first line states no question: {header[0]!r}"
    returns = [h for h in header if h.startswith("# Returns:")]
    assert len(returns) == 1, f"{query.name}: needs one '# Returns:' line in its leading comment"
    assert question_of(text).endswith(("?", ".", ")")), query.name
    import pyoxigraph as ox

    variables = [v.value for v in ox.Store().query(text).variables]  # the projection, parsed
    assert variables, query.name
    for v in variables:
        assert re.search(rf"\b{v}\b", returns[0]), f"{query.name}: ?{v} not described in {returns[0]!r}"


@pytest.mark.parametrize("query", QUERY_FILES, ids=[q.stem for q in QUERY_FILES])
def test_researcher_query_answers_the_real_report(query, built):
    expected = RESEARCHER / f"{query.stem}.csv"
    header, want_rows = rows_of(expected.read_text(encoding="utf-8"))
    got_header, got_rows = run(query, built)
    assert set(header) <= set(got_header), f"columns {got_header}, expected at least {header}"
    want = collections.Counter(tuple(cell(r[c], c) for c in header) for r in want_rows)
    got = collections.Counter(tuple(cell(r[c], c) for c in header) for r in got_rows)
    assert want == got, (f"missing {sorted((want - got).elements())[:5]}\n"
                         f"extra {sorted((got - want).elements())[:5]}")


def test_provenance_offsets_point_at_the_quoted_text(built):
    """q10's TextPositionSelector offsets select exactly the TextQuoteSelector's text in the
    report's normalised text (W3C Web Annotation Data Model 4.2.4-4.2.5)."""
    from honlea_kg.reader import read_report

    text = read_report(REPORT).text
    _, rows = run(QUERIES / "q10-fact-provenance.rq", built)
    assert len(rows) == 42
    for r in rows:
        start, end = int(r["start"]), int(r["end"])
        assert text[start:end] == r["exact"], r["fact"]
        assert r["source"].endswith(f"#para_{r['paragraph']}")


@pytest.mark.parametrize("query", ALL_QUERIES, ids=[q.stem for q in ALL_QUERIES])
def test_query_runs_with_rows_on_every_fixture(query, built_all):
    header, rows = run(query, built_all)
    assert header and rows, f"{query.name} returned no rows on the corpus plus fixtures"


def test_queries_are_fast_on_pyoxigraph(built_all):
    from honlea_kg.query import load_store, run_query

    store = load_store(built_all)
    slow = {}
    for query in ALL_QUERIES:
        started = time.perf_counter()
        run_query(query.read_text(encoding="utf-8"), store)
        elapsed = time.perf_counter() - started
        if elapsed > 2.0:  # measured 0.04-0.38 s each on the three-report build
            slow[query.name] = round(elapsed, 3)
    assert not slow, slow


def test_attendance_and_observers_work_across_meetings(built_all):
    """Across the three reports, States named in two of them count two meetings, and years
    span the meetings' years (Europe 2017, Asia and the Pacific 2017, Africa 2018)."""
    _, rows = run(QUERIES / "q01-attendance-by-state.rq", built_all)
    by_state = {r["state"]: r for r in rows}
    members = collections.defaultdict(set)
    for folder in [EXPECTED / "honlea-europe-12-2017", *sorted((FIXTURES / "expected").iterdir())]:
        for name in ("cq02-participants.csv",):
            _, exp = rows_of((folder / name).read_text(encoding="utf-8"))
            for r in exp:
                members[r["state"]].add(r["meeting"])
    for state, meetings in members.items():
        got = by_state[state]
        assert int(got["meetings"]) >= len(meetings), state
        assert set(got["meeting_list"].split(LIST_SEPARATOR)) >= meetings, state
    multi = {s: r for s, r in by_state.items() if int(r["meetings"]) >= 2}
    assert multi, "no State attended two meetings"
    assert any(r["first_year"] == "2017" and r["last_year"] == "2018" for r in multi.values())


def test_recurring_agenda_items_match_the_agendas_of_every_report(built_all):
    """q13 against the expected agendas (cq05) of all three reports, normalised the way the
    query's comment states."""
    def normalise(title: str) -> str:
        t = re.sub(r"[\s.;:]+$", "", title.lower())
        t = re.sub(r"\b([0-9]+|[a-z]+(-[a-z]+)?)(st|nd|rd|th) meeting\b", "nth meeting", t)
        return " ".join(t.split())

    meetings = collections.defaultdict(set)
    for folder in [EXPECTED / "honlea-europe-12-2017", *sorted((FIXTURES / "expected").iterdir())]:
        _, exp = rows_of((folder / "cq05-agenda.csv").read_text(encoding="utf-8"))
        for r in exp:
            meetings[normalise(r["title"])].add(r["meeting"])
    want = {t: len(ms) for t, ms in meetings.items() if len(ms) >= 2}
    _, rows = run(QUERIES / "q13-recurring-agenda-items.rq", built_all)
    got = {r["normalised_title"]: int(r["meetings"]) for r in rows}
    assert got == want
    assert got["election of officers"] == 6  # three reports, each with its next meeting's agenda
