"""Dates and date ranges in UN report style."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_text import paragraph_line, report_text
from honlea_kg.extract import ParseError
from honlea_kg.extract.dates import (
    find_dates, format_date, format_date_text, parse_date, parse_date_range, parse_year,
)

D = date
NB = "\u00a0"

# fmt: off
RANGE_TABLE = [
    ("from 27 to 30 June 2017",                 None, (D(2017, 6, 27), D(2017, 6, 30))),
    ("27 to 30 June 2017",                      None, (D(2017, 6, 27), D(2017, 6, 30))),
    ("22\u201326 October 2018",                 None, (D(2018, 10, 22), D(2018, 10, 26))),
    ("22-26 October 2018",                      None, (D(2018, 10, 22), D(2018, 10, 26))),
    ("30 September to 4 October 2013",          None, (D(2013, 9, 30), D(2013, 10, 4))),
    ("30 September\u20134 October 2019",        None, (D(2019, 9, 30), D(2019, 10, 4))),
    (f"28{NB}June{NB}\u2013{NB}1{NB}July 2016", None, (D(2016, 6, 28), D(2016, 7, 1))),
    ("from 28 to 29 June",                      2017, (D(2017, 6, 28), D(2017, 6, 29))),
    ("on 27 June 2017",                         None, (D(2017, 6, 27), D(2017, 6, 27))),
    ("27 June",                                 2017, (D(2017, 6, 27), D(2017, 6, 27))),
    ("June 27, 2017",                           None, (D(2017, 6, 27), D(2017, 6, 27))),
    ("June 27\u201330, 2017",                   None, (D(2017, 6, 27), D(2017, 6, 30))),
    ("from 31 December 2018 to 2 January 2019", None, (D(2018, 12, 31), D(2019, 1, 2))),
    ("30 December to 2 January 2019",           None, (D(2018, 12, 30), D(2019, 1, 2))),
    ("31 December 2018 to 2 January",           None, (D(2018, 12, 31), D(2019, 1, 2))),
    ("held from 27 to 30 June 2017.",          None, (D(2017, 6, 27), D(2017, 6, 30))),
    ("5 Sept. 2016",                            None, (D(2016, 9, 5), D(2016, 9, 5))),
    ("2017-06-27",                              None, (D(2017, 6, 27), D(2017, 6, 27))),
]
# fmt: on


@pytest.mark.parametrize("text,year,want", RANGE_TABLE, ids=[t for t, _, _ in RANGE_TABLE])
def test_parse_date_range(text, year, want):
    assert parse_date_range(text, default_year=year) == want


@pytest.mark.parametrize("text,year,message", [
    ("from 28 to 29 June", None, "no year"),
    ("27 June", None, "no year"),
    ("31 June 2017", None, "invalid date"),
    ("29 February 2017", None, "invalid date"),
    ("30 to 27 June 2017", None, "ends before"),
    ("2016", None, "not a date"),
    ("Twelfth session, 2016", 2016, "not a date"),
    ("June 2017", None, "not a date"),
    ("item 3 of the agenda", 2017, "not a date"),
    ("2017-13-01", None, "invalid month"),
])
def test_parse_date_range_errors(text, year, message):
    with pytest.raises(ParseError, match=message):
        parse_date_range(text, default_year=year)


def test_parse_date_single_only():
    assert parse_date("on 27 June 2017") == D(2017, 6, 27)
    assert parse_date("30 June", default_year=2017) == D(2017, 6, 30)
    assert parse_date("29 February 2016") == D(2016, 2, 29)
    with pytest.raises(ParseError, match="range"):
        parse_date("27 to 30 June 2017")


def test_parse_year():
    assert parse_year("Twelfth session, 2016") == 2016
    assert parse_year("Vienna, 27-30 June 2017") == 2017
    with pytest.raises(ParseError, match="no year"):
        parse_year("document E/2016/28")  # a symbol's component is not a year
    with pytest.raises(ParseError, match="several years"):
        parse_year("from 2016 to 2018")


def test_report_dates():
    text = report_text()
    assert parse_date(text.splitlines()[2]) == D(2017, 7, 5)  # the issue date, line 3
    title = text.splitlines()[6]
    (m,) = find_dates(title)
    assert (m.raw, m.first, m.last, m.year_given) == (
        "27 to 30 June 2017", D(2017, 6, 27), D(2017, 6, 30), True)
    # para 26: "held from 28 to 29 June" -- the year comes from the meeting
    (m,) = find_dates(paragraph_line(26), default_year=2017)
    assert (m.raw, m.first, m.last, m.year_given, m.is_range) == (
        "28 to 29 June", D(2017, 6, 28), D(2017, 6, 29), False, True)
    (m,) = find_dates(paragraph_line(26))
    assert (m.first, m.last) == (None, None)
    # para 41: "At its 7th meeting, held on 30 June"
    assert [(m.raw, m.first) for m in find_dates(paragraph_line(41), 2017)] == [
        ("30 June", D(2017, 6, 30))]
    # para 15: the sitting date and the questionnaire cut-off date
    assert [m.first for m in find_dates(paragraph_line(15))] == [D(2017, 6, 27), D(2017, 4, 28)]
    # para 50: the meeting's dates and the inaugural ceremony
    assert [(m.first, m.last) for m in find_dates(paragraph_line(50))] == [
        (D(2017, 6, 27), D(2017, 6, 30)), (D(2017, 6, 27), D(2017, 6, 27))]
    # the whole report: every date is in June/July 2017 or the April questionnaire date
    found = find_dates(text, default_year=2017)
    assert len(found) == 18
    assert {m.first.month for m in found} == {4, 6, 7}


def test_find_dates_spans_and_skips_impossible():
    text = "Held on 31 June 2017 and from 28 to 29 June 2017; item 3; 2 Sept. 2016."
    ms = find_dates(text)
    assert [text[m.start:m.end] for m in ms] == ["28 to 29 June 2017", "2 Sept. 2016"]
    assert [m.form for m in ms] == ["d-dmy", "dmy"]


def test_no_false_dates_in_symbols_or_counts():
    assert find_dates("UNODC/HONEURO/12/CRP.2-22 and Add.1-9 and 70 countries") == []


@given(st.dates())
def test_property_iso_round_trip(d):
    assert parse_date(format_date(d)) == d
    assert format_date(d) == d.isoformat()


@given(st.dates(min_value=D(1000, 1, 1), max_value=D(2999, 12, 31)))
def test_property_text_round_trip(d):
    text = format_date_text(d)
    assert parse_date(text) == d
    (m,) = find_dates(f"It was held on {text}.")
    assert m.first == m.last == d


@given(st.dates(min_value=D(1900, 1, 1), max_value=D(2099, 12, 31)),
       st.integers(min_value=0, max_value=40))
def test_property_range_round_trip(first, days):
    from datetime import timedelta
    last = first + timedelta(days=days)
    if first.month == last.month and first.year == last.year:
        text = f"from {first.day} to {last.day} {format_date_text(last).split(' ', 1)[1]}"
    else:
        a = format_date_text(first)
        if first.year == last.year:
            a = a.rsplit(" ", 1)[0]
        text = f"{a} \u2013 {format_date_text(last)}"
    assert parse_date_range(text) == (first, last)


@settings(max_examples=300)
@given(st.one_of(st.text(), st.lists(st.one_of(st.sampled_from(
    ["31 ", "June", " 2017", " to ", "\u2013", "-", "from ", "29 February", " 2100", "Sept.",
     "May ", ", ", "0", "2017-02-30", NB]), st.text(max_size=3))).map("".join)),
    st.one_of(st.none(), st.integers(1, 9999)))
def test_property_find_dates_never_raises(text, year):
    for m in find_dates(text, default_year=year):
        assert 0 <= m.start < m.end <= len(text)
        if m.first is not None:
            assert m.first <= m.last
