"""The synthetic corpus generator: deterministic, genre-shaped, and buildable where main reads it."""

from __future__ import annotations

import re

from honlea_kg.iris import DEFAULT_BASE
from honlea_kg.pipeline import build_report
from honlea_kg.synth import SERIES_ORDER, generate_report, ordinal_word, write_corpus


def test_same_seed_same_bytes_and_report_i_independent_of_corpus_size(tmp_path):
    a = write_corpus(tmp_path / "a", 3, seed=7)
    b = write_corpus(tmp_path / "b", 6, seed=7)
    by_name = {p.name: p.read_bytes() for p in b}
    assert all(by_name[p.name] == p.read_bytes() for p in a)
    assert generate_report(8, 0).text != generate_report(7, 0).text


def test_series_cycle_and_every_report_is_another_meeting():
    reps = [generate_report(1, i) for i in range(12)]
    assert [r.series for r in reps[:5]] == list(SERIES_ORDER)
    assert len({(r.series, r.ordinal) for r in reps}) == 12
    assert reps[10].ordinal == 3


def test_ordinal_words_follow_un_titles():
    assert [ordinal_word(n) for n in (1, 12, 28, 40, 101)] == ["First", "Twelfth", "Twenty-eighth", "Fortieth", "101st"]


def test_converted_layout_has_links_tab_tables_and_genre_sentences():
    text = generate_report(3, 4).text
    assert re.search(r"\[UNODC/SUBCOM/1/2\]\(#\)", text)
    assert "<i>Chair:</i>\t" in text
    assert re.search(r"^UNODC/SUBCOM/1/1\t2\tProvisional agenda", text, re.M)
    assert re.search(r"At its 1st meeting, held on \d{1,2} \w+ \d{4}, the Meeting considered item 3 of the agenda", text)
    assert "The working group reached the following conclusions:" in text
    assert re.search(r"(General Assembly|Commission on Narcotic Drugs|Economic and Social Council) (resolution|decision) \d+/\d+", text)
    assert 20_000 < len(text) < 45_000  # about the size of the real report (39 kB)


def test_pdf_layout_is_wrapped_with_page_furniture():
    rep = generate_report(1, 1, "pdf")
    lines = rep.text.splitlines()
    assert max(len(l) for l in lines if not l.startswith(("UNODC/", "United Nations", "\f"))) <= 90
    assert re.search(r"^V\.\d{2}-\d{5} \(E\)", rep.text, re.M)
    assert re.search(r"^\*\d{7}\*$", rep.text, re.M)
    pages = re.findall(r"^(\d+)/(\d+)$", rep.text, re.M)
    assert pages and pages[-1][0] == pages[-1][1] and int(pages[0][0]) == 1
    assert re.search(r"\w-$", rep.text, re.M)  # end-of-line hyphenation
    assert re.search(r"Chair: \w+ \w+ \(", rep.text)
    assert "\u2013" in lines[5] or "\u2013" in rep.text.split("held in", 1)[1][:60]


def test_markdown_layout_has_headings_and_pipe_table():
    text = generate_report(1, 2, "md").text
    assert re.search(r"^# Report of the First Meeting of Heads of National Drug Law Enforcement Agencies, Asia", text, re.M)
    assert re.search(r"^## I\. Matters calling for action", text, re.M)
    assert "| Document number | Agenda item | Title or description |" in text


def test_converted_reports_build_without_errors_or_warnings(tmp_path):
    for path in write_corpus(tmp_path, 10, seed=5):
        rep_index = None
        o = build_report(path, DEFAULT_BASE)
        assert o.error is None, o.error
        assert o.warnings == []
        assert o.triples > 1000
        series, ordinal = o.meeting.split("/")
        assert series in SERIES_ORDER and path.name.split("-")[-2] == f"{int(ordinal):03d}"
        del rep_index
