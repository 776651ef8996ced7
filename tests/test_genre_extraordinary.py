"""Extraordinary sessions (genre-variations.md S22: the virtual sessions of 2020 and 2021 of the
four HONLEA regional meetings and the Subcommission): filed under their series and year, never
refused and never filed under a numbered meeting; their title and symbol forms; their IRI and
meeting code; the graph and the competency questions treat them like any other meeting.  The
whole-report answers of the genre fixture ``tests/fixtures/genre/honlac-es-2020/`` are checked by
``tests/test_cq.py``."""

from __future__ import annotations

from datetime import date

import pytest
from rdflib import RDF, Literal, URIRef
from rdflib.namespace import XSD

from conftest import FIXTURES
from extract_helpers import extract_text
from honlea_kg.extract.meeting import extraordinary_session, symbol_meeting, symbol_year
from honlea_kg.facts import MeetingRef
from honlea_kg.iris import IriPolicy, meeting_segment
from honlea_kg.mapping import meeting_label
from honlea_kg.model import ExtractionError
from honlea_kg.vocab import HL

HONLEA = "Heads of National Drug Law Enforcement Agencies"
SUBCOM = "Subcommission on Illicit Drug Traffic and Related Matters in the Near and Middle East"


def _report(title: str, symbol: str | None = None, paragraphs: list[str] | None = None,
            front: list[str] = ()) -> str:
    paragraphs = paragraphs or ["The session adopted its report."]
    body = "\n\n".join(f"{k}. {t}" for k, t in enumerate(paragraphs, 1))
    head = [symbol] if symbol else []
    head += ["30 November 2021", *front, title] if title else ["30 November 2021", *front]
    return "\n\n".join(head) + f"\n\nI. Organization of the session\n\n{body}\n"


# --- identity: series, year, number -----------------------------------------------------------

@pytest.mark.parametrize("title, key, start, end, city", [
    (f"Report of the extraordinary session of the Meeting of {HONLEA}, Africa, held virtually from 23 to 25 "
     "September 2020", "HONLAF/ES-2020", date(2020, 9, 23), date(2020, 9, 25), None),
    (f"Report of the {SUBCOM} on its extraordinary session, held online from 12 to 14 October 2021",
     "SUBCOM/ES-2021", date(2021, 10, 12), date(2021, 10, 14), None),
    (f"Report of the Extraordinary Session of the Meeting of {HONLEA}, Asia and the Pacific, held by "
     "videoconference on 9 December 2021", "HONLAP/ES-2021", date(2021, 12, 9), date(2021, 12, 9), None),
    (f"Report of the second extraordinary session of the Meeting of {HONLEA}, Europe, held in a virtual "
     "format from 29 November to 1 December 2021", "HONEURO/ES-2021-2", date(2021, 11, 29), date(2021, 12, 1), None),
    (f"Report of the first extraordinary session of the Meeting of {HONLEA}, Latin America and the Caribbean, "
     "held in Vienna and online from 6 to 8 October 2020", "HONLAC/ES-2020", date(2020, 10, 6), date(2020, 10, 8),
     "Vienna"),
])
def test_an_extraordinary_session_of_each_body_is_filed_under_its_series_and_year(tmp_path, title, key, start,
                                                                                  end, city):
    f = extract_text(tmp_path, _report(title))
    m = f.meeting
    assert (m.ref.key, m.start, m.end, m.city) == (key, start, end, city)
    assert m.ref.extraordinary and m.ref.ordinal is None and m.previous is None


def test_the_title_decides_over_the_symbol_year_and_a_disagreement_is_warned(tmp_path):
    f = extract_text(tmp_path, _report(
        f"Report of the extraordinary session of the Meeting of {HONLEA}, Africa, held virtually from 23 to 25 "
        "September 2020", symbol="UNODC/HONLAF/2021/1"))
    assert f.meeting.ref.key == "HONLAF/ES-2020" and f.meeting.symbol == "UNODC/HONLAF/2021/1"
    assert any("report.txt:5:" in w and "2021" in w and "held in 2020" in w for w in f.coverage)


def test_a_title_without_body_or_dates_takes_them_from_the_symbol_and_the_opening_paragraph(tmp_path):
    """"Extraordinary session" alone in the masthead, the body and year from the symbol
    (``UNODC/SUBCOM/2021/1``), the dates from "The extraordinary session ... was held ..."."""
    f = extract_text(tmp_path, _report(None, symbol="UNODC/SUBCOM/2021/1", front=["Extraordinary session"],
                                       paragraphs=[f"The extraordinary session of the {SUBCOM} was held online "
                                                   "from 7 to 9 December 2021.", "The session adopted its report."]))
    m = f.meeting
    assert (m.ref.key, m.start, m.end, m.city, m.symbol) == (
        "SUBCOM/ES-2021", date(2021, 12, 7), date(2021, 12, 9), None, "UNODC/SUBCOM/2021/1")


def test_a_year_symbol_with_an_es_element_names_the_series_and_year(tmp_path):
    assert symbol_year(["UNODC/HONLAF/ES/2021/1"]) == ("UNODC/HONLAF/ES/2021/1", "HONLAF", 2021)
    assert symbol_year(["UNODC/SUBCOM/2021/1"]) == ("UNODC/SUBCOM/2021/1", "SUBCOM", 2021)
    # the Commission's own extraordinary-session symbol (genre item 44) and an ordinal symbol: none
    assert symbol_year(["UNODC/CND/ES/2021/1", "UNODC/HONLAF/30/1", "E/CN.7/2021/1"]) is None
    # a year is never an ordinal
    assert symbol_meeting(["UNODC/HONLAF/2021/1"]) is None


def test_a_year_symbol_alone_with_a_paragraph_on_the_extraordinary_session(tmp_path):
    f = extract_text(tmp_path, _report(None, symbol="UNODC/HONLAC/2021/5", paragraphs=[
        f"The extraordinary session of the Meeting of {HONLEA}, Latin America and the Caribbean, was held "
        "virtually from 5 to 7 October 2021.", "The session adopted its report."]))
    assert (f.meeting.ref.key, f.meeting.start) == ("HONLAC/ES-2021", date(2021, 10, 5))


@pytest.mark.parametrize("text, found", [
    ("Report of the extraordinary session of ...", (True, 1)),
    ("Report of the first extraordinary session of ...", (True, 1)),
    ("Report of the Second Extraordinary Session of ...", (True, 2)),
    ("the 2nd extraordinary session", (True, 2)),
    ("Report of the Twelfth Meeting of ...", (False, 1)),
    ("the extraordinary meeting of the Bureau", (False, 1)),
])
def test_extraordinary_session_words(text, found):
    assert extraordinary_session(text) == found


def test_a_numbered_meeting_mentioning_an_extraordinary_session_stays_numbered(tmp_path):
    f = extract_text(tmp_path, _report(
        f"Report of the Thirtieth Meeting of {HONLEA}, Africa, held in Nairobi from 8 to 11 November 2022",
        paragraphs=["The Meeting recalled the recommendations of its extraordinary session held virtually in "
                    "2021.", "The Meeting adopted its report."]))
    assert f.meeting.ref.key == "HONLAF/30" and f.meeting.previous == MeetingRef("HONLAF", 29)


# --- errors: file, line and what was expected -------------------------------------------------

def test_an_extraordinary_session_naming_no_body_is_an_error_naming_file_and_line(tmp_path):
    with pytest.raises(ExtractionError) as err:
        extract_text(tmp_path, _report("Report of the extraordinary session, held virtually from 6 to 8 October 2020"))
    msg = str(err.value)
    assert "report.txt:3" in msg and "names no body" in msg and "UNODC/HONLAF/2020/1" in msg


def test_an_extraordinary_session_without_a_year_is_an_error_naming_file_and_line(tmp_path):
    with pytest.raises(ExtractionError) as err:
        extract_text(tmp_path, _report(f"Report of the extraordinary session of the Meeting of {HONLEA}, Africa"))
    msg = str(err.value)
    assert "report.txt:3" in msg and "gives no year" in msg


# --- the meeting sequence ----------------------------------------------------------------------

def test_an_extraordinary_session_has_no_previous_and_a_next_only_when_said_to_be_held(tmp_path):
    title = f"Report of the extraordinary session of the Meeting of {HONLEA}, Africa, held online on 21 September 2021"
    f = extract_text(tmp_path, _report(title, paragraphs=[
        f"The Twenty-ninth Meeting of {HONLEA}, Africa, held in Abuja in 2019, had adopted 12 recommendations.",
        f"The Thirtieth Meeting of {HONLEA}, Africa, would be held in Nairobi from 8 to 11 November 2022."]))
    m = f.meeting
    assert (m.previous, m.next, m.next_year) == (None, MeetingRef("HONLAF", 30), 2022)
    f2 = extract_text(tmp_path, _report(title, paragraphs=[
        f"The Twenty-ninth Meeting of {HONLEA}, Africa, was held in Abuja in 2019."]))
    assert (f2.meeting.previous, f2.meeting.next, f2.meeting.next_year) == (None, None, None)


def test_an_extraordinary_session_reviews_a_numbered_meeting(tmp_path):
    f = extract_text(tmp_path, _report(
        f"Report of the extraordinary session of the Meeting of {HONLEA}, Europe, held virtually on 3 June 2021",
        paragraphs=[f"The session reviewed the implementation of the recommendations adopted by the Fourteenth "
                    f"Meeting of {HONLEA}, Europe.", "The session adopted its report."]))
    assert f.meeting.reviewed == MeetingRef("HONEURO", 14) and f.meeting.reviewed_paragraphs == [1]


# --- identifiers ---------------------------------------------------------------------------------

def test_meeting_ref_keys_slots_order_and_checks():
    es, es2, n30 = (MeetingRef.extraordinary_session("HONLAF", 2021), MeetingRef.extraordinary_session("HONLAF", 2021, 2),
                    MeetingRef("HONLAF", 30))
    assert (es.key, es2.key, n30.key) == ("HONLAF/ES-2021", "HONLAF/ES-2021-2", "HONLAF/30")
    assert (es.slot, es2.slot, n30.slot) == ("es-2021", "es-2021-2", 30)
    assert sorted([es2, MeetingRef("HONEURO", 3), es, n30]) == [MeetingRef("HONEURO", 3), n30, es, es2]
    # "first" is never numbered: the same meeting as "the extraordinary session of 2021"
    assert MeetingRef.extraordinary_session("HONLAF", 2021, 1) == es
    with pytest.raises(ValueError):
        MeetingRef("HONLAF")
    with pytest.raises(ValueError):
        MeetingRef("HONLAF", 30, 2021)


def test_extraordinary_session_iris_never_collide_with_ordinals_and_are_stable():
    iris = IriPolicy()
    es = MeetingRef.extraordinary_session("HONLAF", 2020)
    assert iris.meeting("HONLAF", es.slot) == "https://w3id.org/honlea-kg/series/honlea-africa/es-2020"
    assert iris.report("SUBCOM", "es-2021-2") == \
        "https://w3id.org/honlea-kg/series/subcommission-near-middle-east/es-2021-2/report"
    assert iris.meeting("HONLAF", 2020) != iris.meeting("HONLAF", es.slot)
    assert meeting_segment("12") == "12"
    for bad in ("es-20", "ES-2020", "es-2020-0", "../x", 0):
        with pytest.raises(ValueError):
            meeting_segment(bad)


def test_labels_of_extraordinary_sessions():
    assert meeting_label(MeetingRef.extraordinary_session("HONLAF", 2020)) == \
        "Extraordinary session of HONLEA Africa, 2020"
    assert meeting_label(MeetingRef.extraordinary_session("HONLAP", 2021, 2)) == \
        "Second extraordinary session of HONLEA Asia and the Pacific, 2021"


def test_the_graph_types_and_identifies_an_extraordinary_session(tmp_path):
    """The fixture's meeting is an hl:Meeting and an hl:ExtraordinarySession with its year, code
    and label, no ordinal and no place (it was held online), and conforms to the shapes."""
    from honlea_kg.extract.report import extract
    from honlea_kg.mapping import ReportMapper
    from honlea_kg.reader import read_report
    from honlea_kg.segment import segment
    from honlea_kg.validate import validate_graph

    path = FIXTURES / "genre" / "honlac-es-2020" / "honlac-es-2020.docx"
    g = ReportMapper(extract(segment(read_report(path))), IriPolicy()).map()
    m = URIRef("https://w3id.org/honlea-kg/series/honlea-lac/es-2020")
    assert {HL.Meeting, HL.ExtraordinarySession} <= set(g.objects(m, RDF.type))
    assert g.value(m, HL.sessionYear) == Literal("2020", datatype=XSD.gYear)
    assert str(g.value(m, HL.meetingCode)) == "HONLAC/ES-2020"
    assert str(g.value(m, URIRef("http://www.w3.org/2000/01/rdf-schema#label"))) == \
        "Extraordinary session of HONLEA Latin America and the Caribbean, 2020"
    assert g.value(m, HL.ordinal) is None and g.value(m, URIRef("https://schema.org/location")) is None
    outcome = validate_graph(g)
    assert outcome.conforms and not outcome.findings, outcome.findings
