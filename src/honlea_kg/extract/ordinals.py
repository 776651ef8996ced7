"""Minimal ordinal parsing for the walking skeleton (replaced by the full grammar)."""
from __future__ import annotations

import re

_UNITS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
          "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
          "eighteenth", "nineteenth"]
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}
_TENTHS = {"twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60}


def parse_ordinal(text: str) -> int:
    t = text.strip().lower()
    m = re.fullmatch(r"(\d+)(?:st|nd|rd|th)", t)
    if m:
        return int(m.group(1))
    if t in _UNITS:
        return _UNITS.index(t) + 1
    if t in _TENTHS:
        return _TENTHS[t]
    parts = re.split(r"[- ]", t)
    if len(parts) == 2 and parts[0] in _TENS and parts[1] in _UNITS[:9]:
        return _TENS[parts[0]] + _UNITS.index(parts[1]) + 1
    raise ValueError(f"not an ordinal: {text!r}")


def ordinal_word(n: int) -> str:
    if 1 <= n <= 19:
        return _UNITS[n - 1].capitalize()
    tens, unit = divmod(n, 10)
    names = {v: k for k, v in _TENS.items()}
    if unit == 0:
        return {v: k for k, v in _TENTHS.items()}.get(n, f"{n}th").capitalize()
    return f"{names[tens * 10].capitalize()}-{_UNITS[unit - 1]}"
