"""English ordinal words and figures."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corpus_text import paragraph_line, report_text
from honlea_kg.extract import ParseError
from honlea_kg.extract.ordinals import (
    FIGURE_REGEX, ordinal_figure, ordinal_suffix, ordinal_word, parse_ordinal,
)


@pytest.mark.parametrize("text,n", [
    ("Twelfth", 12), ("Twenty-eighth", 28), ("Thirty-Third", 33), ("twenty eighth", 28),
    ("Forty-first", 41), ("FIFTY-FOURTH", 54), ("Twenty\u2013eighth", 28), (" Eleventh ", 11),
    ("Twentieth", 20), ("Ninety-ninth", 99), ("First", 1),
    ("41st", 41), ("2nd", 2), ("3rd", 3), ("11th", 11), ("12th", 12), ("13th", 13),
    ("112th", 112), ("101st", 101),
    ("Hundredth", 100), ("One hundredth", 100), ("One hundred and first", 101),
    ("two hundred twelfth", 212), ("Nine hundred and ninety-ninth", 999),
])
def test_parse_ordinal(text, n):
    assert parse_ordinal(text) == n


@pytest.mark.parametrize("bad", [
    "", "twelve", "twenty", "twenty-eight", "Twenty-tenth", "Tenth-first", "2th", "1nd",
    "11st", "0th", "first second", "hundred", "one hundred", "Meeting", "twelfth meeting",
])
def test_parse_ordinal_rejects(bad):
    with pytest.raises(ParseError):
        parse_ordinal(bad)


@pytest.mark.parametrize("n,word", [
    (1, "First"), (12, "Twelfth"), (20, "Twentieth"), (28, "Twenty-eighth"),
    (41, "Forty-first"), (99, "Ninety-ninth"), (100, "One hundredth"),
    (101, "One hundred and first"), (999, "Nine hundred and ninety-ninth"),
])
def test_ordinal_word(n, word):
    assert ordinal_word(n) == word
    assert ordinal_word(n, capitalize=False) == word[0].lower() + word[1:]


def test_round_trip_all_words_and_figures():
    for n in range(1, 1000):
        assert parse_ordinal(ordinal_word(n)) == n
        assert parse_ordinal(ordinal_word(n, capitalize=False)) == n
        assert parse_ordinal(ordinal_figure(n)) == n


@pytest.mark.parametrize("n", [0, -1, 1000])
def test_ordinal_word_range(n):
    with pytest.raises(ParseError):
        ordinal_word(n)


def test_suffixes():
    assert [ordinal_suffix(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 111, 1001)] == [
        "st", "nd", "rd", "th", "th", "th", "th", "st", "nd", "rd", "th", "st"]


@given(st.integers(min_value=1, max_value=10**9))
def test_property_figures_round_trip(n):
    assert parse_ordinal(ordinal_figure(n)) == n


def test_report_ordinals():
    """Meeting ordinals in the title and sitting ordinals (the caller splits "3rd to 5th")."""
    title = report_text().splitlines()[6]
    assert parse_ordinal(title.split()[3]) == 12  # "Report of the Twelfth Meeting ..."
    sittings = [parse_ordinal(m.group(0)) for m in FIGURE_REGEX.finditer(paragraph_line(26))]
    assert sittings == [3, 5]
    sittings = [parse_ordinal(m.group(0)) for m in FIGURE_REGEX.finditer(paragraph_line(45))]
    assert sittings == [5, 6]
    assert parse_ordinal("Thirteenth") == 13 and parse_ordinal("Fourteenth") == 14
