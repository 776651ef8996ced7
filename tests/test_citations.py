"""Resolution/decision citations and instruments cited by name."""

from __future__ import annotations

import re
import time
from collections import defaultdict

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_text import expected, paragraph_line, report_text
from honlea_kg.extract.citations import (
    BODIES, Citation, find_citations, find_instruments, instrument_table,
)


def _cites(text, context=None):
    return [(c.body, c.kind, c.number, c.pinpoint) for c in find_citations(text, context)]


# fmt: off
CITATION_TABLE = [
    ("Commission on Narcotic Drugs decision 60/1", [("CND", "decision", "60/1", None)]),
    ("Commission on Narcotic Drugs resolution 56/10", [("CND", "resolution", "56/10", None)]),
    ("General Assembly resolution 71/211", [("GA", "resolution", "71/211", None)]),
    ("Economic and Social Council resolution 1987/34",
     [("ECOSOC", "resolution", "1987/34", None)]),
    ("Security Council resolution 2253 (2015)", [("SC", "resolution", "2253 (2015)", None)]),
    ("Security Council resolution 1373", [("SC", "resolution", "1373", None)]),
    ("Human Rights Council resolution 32/1", [("HRC", "resolution", "32/1", None)]),
    ("General Assembly resolution S-30/1", [("GA", "resolution", "S-30/1", None)]),
    ("paragraph 97 of General Assembly resolution 71/211",
     [("GA", "resolution", "71/211", "paragraph 97")]),
    ("paragraphs 2 and 3 of Assembly resolution 70/1",
     [("GA", "resolution", "70/1", "paragraphs 2 and 3")]),
    ("annex to Economic and Social Council resolution 2015/20",
     [("ECOSOC", "resolution", "2015/20", "annex")]),
    ("Commission on Narcotic Drugs resolutions 58/4 and 59/3",
     [("CND", "resolution", "58/4", None), ("CND", "resolution", "59/3", None)]),
    ("General Assembly resolutions S-30/1, 71/211 and 72/198.",
     [("GA", "resolution", "S-30/1", None), ("GA", "resolution", "71/211", None),
      ("GA", "resolution", "72/198", None)]),
    ("Commission resolution 60/4", [("CND", "resolution", "60/4", None)]),
    ("Council resolution 1999/30", [("ECOSOC", "resolution", "1999/30", None)]),
    ("CND resolution 61/11", [("CND", "resolution", "61/11", None)]),
    ("resolution 60/1 of the Commission on Narcotic Drugs", [("CND", "resolution", "60/1", None)]),
    ("Commission on Narcotic Drugs decision [60/1](#) on", [("CND", "decision", "60/1", None)]),
    # no body: number pattern decides when no body was named before it
    ("decision 60/1", [("CND", "decision", "60/1", None)]),
    ("resolution 1999/30", [("ECOSOC", "resolution", "1999/30", None)]),
    ("resolution S-30/1", [("GA", "resolution", "S-30/1", None)]),
    # no body: the nearest body named before it in the paragraph
    ("The General Assembly, in its resolution 71/211, invited",
     [("GA", "resolution", "71/211", None)]),
    ("Commission on Narcotic Drugs resolution 56/10 and decision 60/1",
     [("CND", "resolution", "56/10", None), ("CND", "decision", "60/1", None)]),
    # ... whose numbering fits: ECOSOC numbers are year/number
    ("the Economic and Social Council took note; see decision 60/1",
     [("CND", "decision", "60/1", None)]),
    # bare symbols of resolutions and decisions
    ("as in A/RES/71/211, E/RES/1987/34 and S/RES/2253 (2015).",
     [("GA", "resolution", "71/211", None), ("ECOSOC", "resolution", "1987/34", None),
      ("SC", "resolution", "2253 (2015)", None)]),
    ("A/HRC/RES/32/1 and E/DEC/2016/250",
     [("HRC", "resolution", "32/1", None), ("ECOSOC", "decision", "2016/250", None)]),
    # not citations
    ("the scheduling decisions taken by the Commission", []),
    ("In that decision the Commission decided", []),
    ("in its resolution 2018 on", []),
    ("document E/CN.7/2016/L.3", []),
]
# fmt: on


@pytest.mark.parametrize("text,want", CITATION_TABLE, ids=[t for t, _ in CITATION_TABLE])
def test_citation_forms(text, want):
    assert _cites(text) == want


def test_context_names_the_commission():
    assert _cites("Commission resolution 26/3", context="CCPCJ") == [
        ("CCPCJ", "resolution", "26/3", None)]
    assert _cites("decision 26/3", context="CCPCJ") == [("CCPCJ", "decision", "26/3", None)]
    assert _cites("the Commission adopted decision 26/3", context="CCPCJ") == [
        ("CCPCJ", "decision", "26/3", None)]
    # a year/number stays ECOSOC whatever the context
    assert _cites("resolution 2016/20", context="CCPCJ")[0][0] == "ECOSOC"


def test_spans_and_raw():
    text = "mindful of paragraph 97 of General Assembly resolution 71/211, and"
    (c,) = find_citations(text)
    assert text[c.start:c.end] == c.raw == "paragraph 97 of General Assembly resolution 71/211"
    text = "Commission on Narcotic Drugs decision [60/1](#) on strengthening"
    (c,) = find_citations(text)
    assert text[c.start:c.end] == "Commission on Narcotic Drugs decision [60/1](#)"
    assert c.raw == "Commission on Narcotic Drugs decision 60/1"
    assert c.key == "CND/decision/60/1"
    text = "resolutions 58/4 and 59/3"
    a, b = find_citations(text)
    assert (text[a.start:a.end], text[b.start:b.end]) == ("resolutions 58/4", "59/3")


def test_citation_inside_a_longer_name_is_one_citation():
    text = ("Implementation of Commission on Narcotic Drugs decision 60/1 on strengthening the "
            "subsidiary bodies of the Commission on Narcotic Drugs")
    assert _cites(text) == [("CND", "decision", "60/1", None)]


def test_report_paragraphs_match_cq08():
    """Paragraphs 35, 36 and 39 and the agenda lines of 44 and 55 (cq08)."""
    want = defaultdict(list)
    for row in expected("cq08-resolution-citations.csv"):
        want[int(row["paragraph"])].append((row["body"], row["kind"], row["number"]))
    for para in (35, 36, 39):
        got = sorted({(c.body, c.kind, c.number) for c in find_citations(paragraph_line(para))})
        assert got == sorted(want[para]), para
    lines = report_text().splitlines()
    agenda_7 = [ln for ln in lines if ln.startswith("7. Implementation of Commission")]
    assert len(agenda_7) == 2  # para 44 (linked number) and para 55
    for ln in agenda_7:
        assert _cites(ln) == [("CND", "decision", "60/1", None)]


def test_report_paragraph_36_details():
    cites = find_citations(paragraph_line(36))
    assert [(c.body, c.number, c.pinpoint) for c in cites] == [
        ("CND", "60/1", None), ("GA", "71/211", "paragraph 97"), ("CND", "56/10", None),
        ("GA", "71/211", None)]


def test_every_body_name_is_recognised():
    for body in BODIES:
        (c,) = find_citations(f"{body.name} resolution 12/3")
        assert c.body == body.code or body.numbering != "session"


@settings(max_examples=300)
@given(st.one_of(st.text(), st.lists(st.one_of(st.sampled_from(
    ["resolution ", "decisions ", "General Assembly ", "Commission ", "60/1", " and ", ", ",
     "S-30/1", "2253 (2015)", "paragraph 97 of ", "[", "](#)", "A/RES/71/211", "1987/34",
     "the Council ", " of the Security Council", "\u00a0", "(", ")"]),
    st.text(max_size=3))).map("".join)))
def test_property_find_citations_never_raises(text):
    for c in find_citations(text):
        assert isinstance(c, Citation)
        assert 0 <= c.start < c.end <= len(text)
        assert c.kind in ("resolution", "decision")


# --- instruments ----------------------------------------------------------------------

@pytest.mark.parametrize("text,key", [
    ("the Political Declaration and Plan of Action on International Cooperation towards an "
     "Integrated and Balanced Strategy to Counter the World Drug Problem", "political-declaration-2009"),
    ("commitments made in the Political Declaration and Plan of Action.",
     "political-declaration-2009"),
    ("the outcome document of the thirtieth special session of the General Assembly",
     "ungass-2016-outcome"),
    ("identified in the outcome document of the special session.", "ungass-2016-outcome"),
    ("the Tokyo Rules", "tokyo-rules"),
    ("the Bangkok Rules", "bangkok-rules"),
    ("the Nelson Mandela Rules", "nelson-mandela-rules"),
    ("achieving Sustainable Development Goal 5 on gender equality", "sdg-5"),
    ("SDG 16", "sdg-16"),
    ("the 2019 Ministerial Declaration", "ministerial-declaration-2019"),
    ("the Single Convention on Narcotic Drugs of 1961", "single-convention-1961"),
    ("the Convention on Psychotropic Substances of 1971", "convention-1971"),
    ("the United Nations Convention against Illicit Traffic in Narcotic Drugs and Psychotropic "
     "Substances of 1988", "convention-1988"),
    ("The international drug control conventions allow", "drug-control-conventions"),
])
def test_instrument_forms(text, key):
    assert [m.key for m in find_instruments(text)] == [key]


def test_instrument_longest_wins_and_label():
    text = ("the United Nations Standard Minimum Rules for Non-custodial Measures (the Tokyo "
            "Rules) and")
    (m,) = find_instruments(text)
    assert text[m.start:m.end].endswith("(the Tokyo Rules)")
    assert m.label.startswith("United Nations Standard Minimum Rules")
    (sdg,) = find_instruments("SDG 5")
    assert sdg.label == "Sustainable Development Goal 5"
    assert find_instruments("SDG 18") == [] and find_instruments("SDG 50") == []


def test_instrument_table_adopting_resolutions():
    table = {i.key: i.adopted_by for i in instrument_table()}
    assert table["ungass-2016-outcome"] == "GA/resolution/S-30/1"
    assert table["tokyo-rules"] == "GA/resolution/45/110"
    assert table["single-convention-1961"] is None
    for inst in instrument_table():
        if inst.adopted_by:
            assert re.fullmatch(r"[A-Z]+/(resolution|decision)/[\w/-]+", inst.adopted_by)


def _line_starting(prefix: str) -> str:
    (line,) = [ln for ln in report_text().splitlines() if ln.startswith(prefix)]
    return line


def test_report_instruments_by_paragraph():
    """The core instruments of the gold extraction (README, other_instruments)."""
    keys = {p: [m.key for m in find_instruments(paragraph_line(p))] for p in (21, 23, 36, 38, 40)}
    assert keys[21] == ["political-declaration-2009", "political-declaration-2009",
                        "ungass-2016-outcome", "ungass-2016-outcome"]  # item title, text, title
    assert keys[23] == ["political-declaration-2009"]
    assert keys[36] == ["ungass-2016-outcome"]
    assert keys[38] == ["ungass-2016-outcome", "political-declaration-2009"]
    para_29_c = _line_starting("(c) The international drug control conventions")
    assert [m.key for m in find_instruments(para_29_c)] == [
        "drug-control-conventions", "tokyo-rules", "bangkok-rules"]
    para_31_e = _line_starting("(e) Mainstreaming gender perspectives")
    assert [m.key for m in find_instruments(para_31_e)] == ["sdg-5"]
    whole = {m.key for m in find_instruments(report_text())}
    assert whole == {"political-declaration-2009", "ungass-2016-outcome",
                     "drug-control-conventions", "tokyo-rules", "bangkok-rules", "sdg-5"}


def test_whole_report_scan_time():
    """Both finders over the 40 kB report in under 50 ms (best of 5 runs: the test machine may
    be busy)."""
    text = report_text()
    find_instruments("warm up")
    best = 1.0
    for _ in range(5):
        t0 = time.perf_counter()
        find_citations(text)
        find_instruments(text)
        best = min(best, time.perf_counter() - t0)
    assert best < 0.05


@given(st.text())
def test_property_find_instruments_never_raises(text):
    for m in find_instruments(text):
        assert 0 <= m.start < m.end <= len(text)
