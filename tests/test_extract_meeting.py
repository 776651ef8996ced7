"""Meeting facts: series, ordinal, place and dates, previous and next meeting."""

from __future__ import annotations

from datetime import date

import pytest

from extract_helpers import extract_text, segment_text

SUBCOM = """10 January 2019

Report of the Subcommission on Illicit Drug Traffic and Related Matters in the Near and Middle East on its fifty-third session

I. Organization of the session

1. The fifty-third session of the Subcommission on Illicit Drug Traffic and Related Matters in the Near and Middle East was held in Tehran, from 10 to 13 December 2018.

2. The Subcommission considered the implementation of the recommendations adopted at its fifty-second session. It decided that its fifty-fourth session would be held in Tashkent from 18 to 21 November 2019.

3. The sixty-second session of the Commission on Narcotic Drugs was mentioned.
"""


def test_real_report_meeting(document):
    from honlea_kg.extract.meeting import extract_meeting

    m = extract_meeting(document)
    assert (m.ref.key, m.city, m.start, m.end) == ("HONEURO/12", "Vienna", date(2017, 6, 27), date(2017, 6, 30))
    assert (m.previous.key, m.next.key, m.next_year) == ("HONEURO/11", "HONEURO/13", 2019)
    assert m.paragraph == 50


def test_subcommission_session_from_paragraph(tmp_path):
    """No place or dates in the title: read from the "was held in" paragraph; "session" is the
    Subcommission's word for a meeting; another body's session is not ours."""
    m = extract_text(tmp_path, SUBCOM).meeting
    assert (m.ref.series, m.ref.ordinal) == ("SUBCOM", 53)
    assert (m.city, m.start, m.end, m.paragraph) == ("Tehran", date(2018, 12, 10), date(2018, 12, 13), 1)
    assert m.previous.key == "SUBCOM/52" and m.next.key == "SUBCOM/54"
    assert m.next_year == 2019


def test_next_year_is_never_invented(tmp_path):
    text = SUBCOM.replace(" would be held in Tashkent from 18 to 21 November 2019", " would be held at a venue to be determined")
    m = extract_text(tmp_path, text).meeting
    assert m.next.key == "SUBCOM/54" and m.next_year is None


def test_numeric_ordinal_and_en_dash_range(tmp_path):
    text = """Report of the 41st Meeting of Heads of National Drug Law Enforcement Agencies, Asia and the Pacific, held in Tokyo, 30 October\u20132 November 2017

I. Organization

1. The 41st Meeting was held in Tokyo, 30 October\u20132 November 2017.
"""
    m = extract_text(tmp_path, text).meeting
    assert (m.ref.key, m.city, m.start, m.end) == ("HONLAP/41", "Tokyo", date(2017, 10, 30), date(2017, 11, 2))
    # the sequence follows the series even where the report names neither meeting
    assert (m.previous.key, m.next.key, m.next_year) == ("HONLAP/40", "HONLAP/42", None)


def test_unidentifiable_report_raises(tmp_path):
    from honlea_kg.extract.meeting import extract_meeting
    from honlea_kg.model import ExtractionError

    doc = segment_text(tmp_path, "Some minutes\n\nI. Things\n\n1. Something happened.\n")
    with pytest.raises(ExtractionError, match="which meeting"):
        extract_meeting(doc)
