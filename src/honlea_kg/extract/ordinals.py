"""English ordinals: words ("Twelfth", "Twenty-eighth") and figures ("41st") <-> integers.

UN reports number meetings of a series with ordinal words in titles ("Report of the Twelfth
Meeting ...", "Twenty-eighth Meeting ...") and sittings with figures ("At its 3rd to 5th
meetings").  Spelling follows the United Nations Editorial Manual: compound ordinals are
hyphenated ("twenty-eighth"), hundreds take "and" ("one hundred and first").

Supported range: 1 to 999 for words, any positive integer for figures.
"""

from __future__ import annotations

import re

from . import ParseError

_UNITS = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
          "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
          "eighteen", "nineteen"]
_UNIT_ORD = ["", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
             "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth",
             "sixteenth", "seventeenth", "eighteenth", "nineteenth"]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_TENS_ORD = ["", "", "twentieth", "thirtieth", "fortieth", "fiftieth", "sixtieth",
             "seventieth", "eightieth", "ninetieth"]

_CARDINAL = {w: i for i, w in enumerate(_UNITS) if w}
_CARDINAL.update({w: 10 * i for i, w in enumerate(_TENS) if w})
_ORDINAL = {w: i for i, w in enumerate(_UNIT_ORD) if w}
_ORDINAL.update({w: 10 * i for i, w in enumerate(_TENS_ORD) if w})

#: A figure ordinal, "41st", "2nd", "3rd", "12th", as a whole word (usable with ``finditer``
#: on running text: "At its 3rd to 5th meetings").  "41 st" (a split suffix) is not accepted.
FIGURE_REGEX = re.compile(r"\b(\d+)(st|nd|rd|th)\b", re.IGNORECASE)
_SEP_REGEX = re.compile(r"[\s\-\u2010\u2011\u2012\u2013\u00ad]+")


def ordinal_suffix(n: int) -> str:
    """Return the English ordinal suffix of ``n`` (``"st"``, ``"nd"``, ``"rd"`` or ``"th"``).

    11, 12 and 13 (and 111, 112 ...) take ``"th"``.  Raises :class:`ParseError` if ``n < 1``.
    """
    if n < 1:
        raise ParseError(f"ordinals start at 1, got {n}", str(n))
    if n % 100 in (11, 12, 13):
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def ordinal_figure(n: int) -> str:
    """``41 -> "41st"``.  Raises :class:`ParseError` if ``n < 1``."""
    return f"{n}{ordinal_suffix(n)}"


def _below_hundred_words(n: int) -> str:
    if n < 20:
        return _UNIT_ORD[n]
    tens, unit = divmod(n, 10)
    return _TENS_ORD[tens] if unit == 0 else f"{_TENS[tens]}-{_UNIT_ORD[unit]}"


def ordinal_word(n: int, capitalize: bool = True) -> str:
    """Spell ``n`` (1..999) as an English ordinal: ``12 -> "Twelfth"``, ``28 -> "Twenty-eighth"``,
    ``100 -> "One hundredth"``, ``101 -> "One hundred and first"``.

    Only the first letter is capitalised (title position in UN report titles); pass
    ``capitalize=False`` for running text.  Raises :class:`ParseError` outside 1..999.
    """
    if not 1 <= n <= 999:
        raise ParseError(f"ordinal words are supported for 1 to 999, got {n}", str(n))
    hundreds, rest = divmod(n, 100)
    if hundreds and not rest:
        word = f"{_UNITS[hundreds]} hundredth"
    elif hundreds:
        word = f"{_UNITS[hundreds]} hundred and {_below_hundred_words(rest)}"
    else:
        word = _below_hundred_words(rest)
    return word[0].upper() + word[1:] if capitalize else word


def _parse_below_hundred(tokens: list[str], original: str) -> int:
    """Parse ``[tens-cardinal] ordinal`` tokens (already lower-cased)."""
    if len(tokens) == 1 and tokens[0] in _ORDINAL:
        return _ORDINAL[tokens[0]]
    if (len(tokens) == 2 and tokens[0] in _TENS[2:] and tokens[1] in _UNIT_ORD[1:10]):
        return _CARDINAL[tokens[0]] + _ORDINAL[tokens[1]]
    raise ParseError(f"not an English ordinal: {original!r}", original)


def parse_ordinal(text: str) -> int:
    """Parse an English ordinal and return its value.

    Accepts words in any case, with hyphens, en dashes or spaces between the parts
    ("Twelfth", "Twenty-eighth", "Thirty-Third", "twenty eighth", "Forty-first", "Hundredth",
    "One hundred and first") and figures with the matching suffix ("41st", "2nd", "3rd",
    "11th"; a wrong suffix such as "2th" is rejected).  Surrounding whitespace is ignored.

    Raises :class:`ParseError` for anything else (cardinals such as "twelve", "twenty",
    "twenty-eight", empty strings, unknown words).
    """
    original = text
    s = text.strip()
    m = FIGURE_REGEX.fullmatch(s)
    if m:
        n = int(m.group(1))
        if n < 1 or m.group(2).lower() != ordinal_suffix(n):
            raise ParseError(f"wrong ordinal suffix in {original!r}", original)
        return n
    tokens = [t for t in _SEP_REGEX.split(s.lower()) if t]
    if not tokens:
        raise ParseError("empty ordinal", original)
    if "hundred" in tokens or "hundredth" in tokens:
        if tokens[0] == "a":
            tokens[0] = "one"  # "a hundred and first"
        if tokens[0] in ("hundred", "hundredth"):
            tokens = ["one"] + tokens  # "Hundredth", "hundred and first"
        if len(tokens) < 2 or tokens[0] not in _UNITS[1:10]:
            raise ParseError(f"not an English ordinal: {original!r}", original)
        hundreds = _CARDINAL[tokens[0]] * 100
        if tokens[1:] == ["hundredth"]:
            return hundreds
        rest = tokens[2:]
        if tokens[1] != "hundred" or not rest:
            raise ParseError(f"not an English ordinal: {original!r}", original)
        if rest[0] == "and":
            rest = rest[1:]
        return hundreds + _parse_below_hundred(rest, original)
    return _parse_below_hundred(tokens, original)


__all__ = ["parse_ordinal", "ordinal_word", "ordinal_figure", "ordinal_suffix"]
