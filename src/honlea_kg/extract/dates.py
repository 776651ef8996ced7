"""Minimal date parsing for the walking skeleton (replaced by the full grammar)."""
from __future__ import annotations

import re
from datetime import date

_M = "(January|February|March|April|May|June|July|August|September|October|November|December)"
_MONTHS = {m.lower(): i for i, m in enumerate(_M.strip("()").split("|"), start=1)}


def parse_date(text: str, default_year: int | None = None) -> date:
    m = re.search(rf"(\d{{1,2}})\s+{_M}(?:\s+(\d{{4}}))?", text)
    if not m or (not m.group(3) and default_year is None):
        raise ValueError(f"no date in {text!r}")
    return date(int(m.group(3) or default_year), _MONTHS[m.group(2).lower()], int(m.group(1)))


def parse_date_range(text: str, default_year: int | None = None) -> tuple[date, date]:
    m = re.search(rf"(\d{{1,2}})(?:\s+{_M})?\s*(?:to|[-–])\s*(\d{{1,2}})\s+{_M}(?:\s+(\d{{4}}))?", text)
    if not m:
        d = parse_date(text, default_year)
        return d, d
    year = int(m.group(5) or default_year)
    end = date(year, _MONTHS[m.group(4).lower()], int(m.group(3)))
    start = date(year, _MONTHS[(m.group(2) or m.group(4)).lower()], int(m.group(1)))
    return start, end
