"""Agendas and sittings."""

from __future__ import annotations

from datetime import date

from extract_helpers import extract_text

REPORT = """Report of the Twenty-ninth Meeting of Heads of National Drug Law Enforcement Agencies, Latin America and the Caribbean, held in Lima from 1 to 5 October 2019

I. Proceedings

1. At its 1st meeting, on 1 October 2019, the Meeting considered items 3 and 4 of the agenda, entitled \u201cItem 9 of something\u201d.

2. At its 2nd and 3rd meetings, on 2 and 3 October, the Meeting considered agenda item 6 (a).

3. At its 4th to 6th meetings, held from 3 to 4 October, the Meeting considered item 6.

4. At its 7th meeting, on 5 October, the Meeting adopted the report.

5. Also at its 1st meeting, the Meeting adopted the following agenda:

1. Election of officers.
2. Consideration of topics by working groups:
 - (a) First topic;
 - (b) Second topic.

6. The following draft provisional agenda for the Thirtieth Meeting was approved:

1. Election of officers.
2. Other business.
"""


def test_agendas_adopted_and_provisional(tmp_path):
    f = extract_text(tmp_path, REPORT)
    rows = [(a.meeting.key, a.status, a.number, a.title) for a in f.agenda]
    assert ("HONLAC/29", "adopted", "2(b)", "Second topic") in rows
    assert ("HONLAC/29", "adopted", "2", "Consideration of topics by working groups") in rows
    assert ("HONLAC/30", "provisional", "2", "Other business") in rows
    assert len(rows) == 6
    assert f.meeting.next.key == "HONLAC/30" and f.meeting.next_year is None


def test_sittings_dates_and_items(tmp_path):
    f = extract_text(tmp_path, REPORT)
    got = {s.number: (s.date, s.agenda_items) for s in f.sittings}
    assert got[1] == (date(2019, 10, 1), ["3", "4"])  # an item number in a quoted title is not read
    assert got[2] == (None, ["6(a)"]) and got[3] == (None, ["6(a)"])  # "on 2 and 3 October": no single day
    assert got[4] == (None, ["6"]) and got[6] == (None, ["6"])  # a range of days
    assert got[7] == (date(2019, 10, 5), [])  # named without an item
    assert sorted(got) == [1, 2, 3, 4, 5, 6, 7]


def test_real_report_sittings(document):
    from honlea_kg.extract.agenda import extract_sittings
    from honlea_kg.extract.meeting import extract_meeting

    s = {x.number: (x.date, x.agenda_items) for x in extract_sittings(document, extract_meeting(document))}
    assert s[5] == (date(2017, 6, 29), ["6", "9"])
    assert s[3] == (None, ["6"]) and s[7] == (date(2017, 6, 30), ["8"])
