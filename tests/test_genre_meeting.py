"""Meeting identity from the report's own evidence (title, symbol) for every body and title form,
and the meeting sequence (previous, next, the meeting whose recommendations are reviewed).

Every report here is written for the test; none is copied from a fixture or the issue."""

from __future__ import annotations

from datetime import date

import pytest

from extract_helpers import coverage_of, extract_text, segment_text

HONLEA = "Heads of National Drug Law Enforcement Agencies"
SUBCOMMISSION = "Subcommission on Illicit Drug Traffic and Related Matters in the Near and Middle East"


def _report(title: str, body: str = "", front: str = "") -> str:
    return (f"{front}15 January 2025\n\nOriginal: English\n\n{title}\n\n"
            "I. Organization of the Meeting\n\n"
            f"1. {body or 'Participants met in plenary.'}\n\n2. The report was adopted.\n")


@pytest.mark.parametrize("title,key,city,country,start,end", [
    (f"Report of the Twenty-Ninth Meeting of {HONLEA}, Africa, held in Windhoek, Namibia, from 30 September "
     "to 4 October 2019*", "HONLAF/29", "Windhoek", "NAM", date(2019, 9, 30), date(2019, 10, 4)),
    (f"Report of the {SUBCOMMISSION} on its fifty-eighth session, held in Amman from 4 to 7 December 2023",
     "SUBCOM/58", "Amman", None, date(2023, 12, 4), date(2023, 12, 7)),
    (f"Report of the Sub-Commission on Illicit Drug Traffic and Related Matters in the Near and Middle East on its "
     "39th session, held in Tehran, Iran (Islamic Republic of), from 25 to 29 October 2004",
     "SUBCOM/39", "Tehran", "IRN", date(2004, 10, 25), date(2004, 10, 29)),
    (f"Report of the 24th Meeting of {HONLEA}, Latin America and the Caribbean, held in Montevideo (Uruguay) "
     "from 29 September to 2 October 2014", "HONLAC/24", "Montevideo", "URY", date(2014, 9, 29), date(2014, 10, 2)),
    (f"Report of the Forty-Sixth Meeting of {HONLEA}, Asia and the Pacific, held in Colombo, Sri Lanka, from "
     "30 December 2024 to 2 January 2025", "HONLAP/46", "Colombo", "LKA", date(2024, 12, 30), date(2025, 1, 2)),
    (f"Report of the One Hundred and First Meeting of {HONLEA}, Europe, held in Lisbon from 3 to 5 May 2090",
     "HONEURO/101", "Lisbon", None, date(2090, 5, 3), date(2090, 5, 5)),
    (f"Report of the twenty-first meeting of {HONLEA}, Europe, held in Denpasar, Bali, Indonesia, "
     "22\u201326 October 2035", "HONEURO/21", "Denpasar", "IDN", date(2035, 10, 22), date(2035, 10, 26)),
    (f"Report of the Meeting of Operational Heads of National Narcotics Law Enforcement Agencies, Latin American and "
     "Caribbean Region, on its fourth meeting, held from 2 to 6 May 1990 in Quito", "HONLAC/4", "Quito", None,
     date(1990, 5, 2), date(1990, 5, 6)),
    (f"Report of the Seventieth Meeting of {HONLEA}, Africa, held at the Conference Centre, Kigali, Rwanda, "
     "from 7 to 10 July 2062", "HONLAF/70", "Kigali", "RWA", date(2062, 7, 7), date(2062, 7, 10)),
    (f"Report of the Thirty-first Meeting of {HONLEA}, Africa, held in Abuja from Tuesday, September 26, to "
     "Friday, September 29, 2023", "HONLAF/31", "Abuja", None, date(2023, 9, 26), date(2023, 9, 29)),
    (f"Report of the 30th Meeting of {HONLEA}, Africa, held in Nairobi, Kenya, from 8th to 11th November 2022",
     "HONLAF/30", "Nairobi", "KEN", date(2022, 11, 8), date(2022, 11, 11)),
])
def test_every_title_form_of_the_five_bodies(tmp_path, title, key, city, country, start, end):
    m = extract_text(tmp_path, _report(title)).meeting
    assert (m.ref.key, m.city, m.country, m.start, m.end) == (key, city, country, start, end)
    assert m.previous.key == f"{m.ref.series}/{m.ref.ordinal - 1}" and m.next.key == f"{m.ref.series}/{m.ref.ordinal + 1}"


def test_subcommission_report_is_not_filed_under_the_session_it_reviews(tmp_path):
    """Issue bullet 1: a Subcommission report titled "on its Nth session, held in ..." whose
    first paragraphs name an earlier session (the one whose recommendations it reviews)."""
    text = (f"UNODC/SUBCOM/58/6\n\n14 December 2023\n\nReport of the {SUBCOMMISSION} on its fifty-eighth session, "
            "held in Amman from 4 to 7 December 2023*\n\n"
            "I. Implementation of the recommendations adopted by the Subcommission at its fifty-sixth session\n\n"
            "1. The Subcommission reviewed the recommendations adopted at its fifty-sixth session, held in Tashkent "
            "from 1 to 4 November 2021, and noted that most had been implemented.\n\n"
            "II. Organization of the session\n\n"
            f"2. The fifty-eighth session of the {SUBCOMMISSION} was held in Amman from 4 to 7 December 2023.\n\n"
            "3. The Subcommission agreed that its fifty-ninth session would be held in 2024.\n")
    f = extract_text(tmp_path, text)
    m = f.meeting
    assert (m.ref.key, m.city, m.start, m.end) == ("SUBCOM/58", "Amman", date(2023, 12, 4), date(2023, 12, 7))
    assert (m.previous.key, m.next.key, m.next_year) == ("SUBCOM/57", "SUBCOM/59", 2024)
    assert m.reviewed.key == "SUBCOM/56" and 1 in m.reviewed_paragraphs
    assert m.symbol == "UNODC/SUBCOM/58/6" and m.paragraph == 2
    assert coverage_of(f) == [] and f.warnings == []


def test_symbol_decides_when_there_is_no_title_and_says_so(tmp_path):
    text = ("UNODC/HONLAC/33/5\n\n2 November 2025\n\nI. Organization of the Meeting\n\n"
            "1. The Thirty-third Meeting was held in Kingston from 20 to 24 October 2025.\n\n"
            "2. The recommendations adopted by the Thirty-first Meeting were reviewed.\n")
    f = extract_text(tmp_path, text)
    assert (f.meeting.ref.key, f.meeting.city, f.meeting.start) == ("HONLAC/33", "Kingston", date(2025, 10, 20))
    note = [w for w in f.coverage if "no report title" in w]
    assert note and "report.txt:" in note[0] and "UNODC/HONLAC/33/5" in note[0]


def test_title_and_symbol_that_disagree_give_a_warning_with_file_and_line(tmp_path):
    title = f"Report of the Forty-sixth Meeting of {HONLEA}, Asia and the Pacific, held in Suva from 1 to 4 June 2026"
    text = _report(title, front="UNODC/HONLAP/47/5\n\n")
    f = extract_text(tmp_path, text)
    assert f.meeting.ref.key == "HONLAP/46" and f.meeting.symbol == "UNODC/HONLAP/47/5"  # as printed
    line = text.splitlines().index(title) + 1
    assert [w for w in f.coverage if "UNODC/HONLAP/47/5" in w] == [
        f"{tmp_path / 'report.txt'}:{line}: the report's symbol UNODC/HONLAP/47/5 names meeting HONLAP/47 but its "
        "title names HONLAP/46: the title is used"]


def test_series_lost_from_the_title_comes_from_the_symbol(tmp_path):
    title = "Report of the Thirtieth Meeting of Heads of National Drug Agencies, held in Nairobi from 8 to 11 November 2022"
    m = extract_text(tmp_path, _report(title, front="UNODC/HONLAF/30/6\n\n")).meeting
    assert (m.ref.key, m.city, m.symbol) == ("HONLAF/30", "Nairobi", "UNODC/HONLAF/30/6")
    assert m.end == date(2022, 11, 11)


def test_a_mention_of_another_meeting_never_decides(tmp_path):
    """No title and no symbol: a paragraph naming an earlier session is not evidence; the
    paragraph of the organization chapter saying where and when this session was held is."""
    from honlea_kg.extract.meeting import extract_meeting
    from honlea_kg.model import ExtractionError

    body = ("I. Implementation of earlier recommendations\n\n"
            "1. The fifty-sixth session of the Subcommission was held in Tashkent from 1 to 4 November 2021 and "
            "adopted twelve recommendations.\n\nII. Organization of the session\n\n"
            "2. The fifty-eighth session of the Subcommission was held in Amman from 4 to 7 December 2023.\n")
    m = extract_text(tmp_path, "14 December 2023\n\n" + body).meeting
    assert (m.ref.key, m.city, m.start) == ("SUBCOM/58", "Amman", date(2023, 12, 4))
    only_mention = ("14 December 2023\n\nI. Review\n\n1. The recommendations of the fifty-sixth session of the "
                    "Subcommission were reviewed.\n")
    with pytest.raises(ExtractionError, match="which meeting"):
        extract_meeting(segment_text(tmp_path, only_mention, "other.txt"))


def test_previous_is_ordinal_minus_one_and_reviewed_meeting_is_its_own_fact(tmp_path):
    """An Asia-Pacific report reviews the meeting before the previous one: the previous meeting
    stays ordinal - 1; the graph records the reviewed meeting with its source paragraph."""
    from rdflib import URIRef

    from honlea_kg.iris import IriPolicy
    from honlea_kg.mapping import map_report
    from honlea_kg.vocab import HL

    title = f"Report of the Forty-eighth Meeting of {HONLEA}, Asia and the Pacific, held in Dhaka from 3 to 6 March 2025"
    body = ("At its 2nd meeting, the Meeting considered item 4, entitled \u201cImplementation of the recommendations "
            "adopted by the Forty-sixth Meeting\u201d. The Forty-ninth Meeting would be held in Hanoi from 2 to 5 March "
            "2026, and a delegation offered to host the Fiftieth Meeting in 2027.")
    f = extract_text(tmp_path, _report(title, body))
    m = f.meeting
    assert (m.previous.key, m.reviewed.key, m.next.key, m.next_year) == ("HONLAP/47", "HONLAP/46", "HONLAP/49", 2026)
    iris = IriPolicy()
    g = map_report(f, iris)
    meeting = URIRef(iris.meeting("HONLAP", 48))
    assert g.value(meeting, HL.previousMeeting) == URIRef(iris.meeting("HONLAP", 47))
    assert g.value(meeting, HL.reviewsRecommendationsOf) == URIRef(iris.meeting("HONLAP", 46))
    review = URIRef(iris.meeting("HONLAP", 48) + "#review-honlap-46")
    assert g.value(review, HL.reviewedMeeting) == URIRef(iris.meeting("HONLAP", 46))
    assert str(g.value(review, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"))).endswith("#para_1")


def test_ordinals_to_the_hundreds_in_any_case(tmp_path):
    from honlea_kg.extract.text import meeting_mentions, ordinal_value

    for words, n in [("TWENTY-NINTH", 29), ("twenty ninth", 29), ("One hundredth", 100),
                     ("one hundred and twelfth", 112), ("Hundred-and-Second", 102), ("103rd", 103)]:
        found = meeting_mentions(f"the {words} Meeting of Heads")
        assert [ordinal_value(x.group("ord")) for x in found] == [n], words


def test_next_year_from_the_next_meeting_not_a_working_group_or_a_sitting(tmp_path):
    title = f"Report of the {SUBCOMMISSION} on its sixtieth session, held in Doha from 1 to 4 December 2025"
    text = _report(title, "The working group agreed to hold its next meeting in 2026. At the following meeting, held "
                          "in 2025, the Subcommission decided that its next session would be held in 2027.")
    m = extract_text(tmp_path, text).meeting
    assert (m.next.key, m.next_year) == ("SUBCOM/61", 2027)
    honlea = _report(f"Report of the Ninth Meeting of {HONLEA}, Europe, held in Sofia from 2 to 5 June 2031",
                     "The next meeting of the working group would be held in 2032; the next Meeting would be held "
                     "in Vienna in 2033.")
    assert extract_text(tmp_path, honlea).meeting.next_year == 2033
