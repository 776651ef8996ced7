"""The meeting a report is about: series, ordinal, city and dates.

Read from the report's title ("Report of the Twelfth Meeting of Heads of National Drug Law
Enforcement Agencies, Europe, held in Vienna from 27 to 30 June 2017") and, when the title lacks
them, from the paragraph of chapter "Organization of the Meeting" that says where and when the
meeting was held.
"""

from __future__ import annotations

import re

from ..facts import MeetingFact, MeetingRef
from ..model import Document, ExtractionError

#: Region words in a series name -> series code (UNODC symbol convention).
SERIES_PATTERNS = (
    (re.compile(r"Near\s+and\s+Middle\s+East", re.I), "SUBCOM"),
    (re.compile(r"Latin\s+America\s+and\s+(?:the\s+)?Caribbean", re.I), "HONLAC"),
    (re.compile(r"Asia\s+and\s+(?:the\s+)?Pacific", re.I), "HONLAP"),
    (re.compile(r"\bAfrica\b", re.I), "HONLAF"),
    (re.compile(r"\bEurope\b", re.I), "HONEURO"),
)

_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], start=1)}
_ORD_WORD = r"[A-Z][a-z]+(?:[- ][a-z]+)?|[A-Z][a-z]+-[A-Z][a-z]+|\d{1,3}(?:st|nd|rd|th)"
_TITLE_MEETING = re.compile(
    rf"\b(?P<ord>{_ORD_WORD})\s+(?:Meeting|session)\s+of\s+(?:the\s+)?(?P<body>.+?)"
    r"(?:,\s*held\s+(?:in|at)\s+(?P<city>[A-Z][\w\- ]+?)(?:,\s*[A-Z][\w ]+?)?\s+(?:from|on)\s+(?P<dates>.+))?$")


def series_code(text: str) -> str | None:
    """Series code (``HONEURO`` ...) for a text naming a HONLEA series, or ``None``."""
    for pattern, code in SERIES_PATTERNS:
        if pattern.search(text):
            return code
    return None


def extract_meeting(doc: Document) -> MeetingFact:
    """Extract the :class:`MeetingFact` of ``doc``.

    :raises ExtractionError: when neither the title nor any paragraph names the meeting's
        series and ordinal (the graph cannot identify the meeting without them).
    """
    from .dates import parse_date, parse_date_range
    from .ordinals import parse_ordinal

    title = doc.title or ""
    m = _TITLE_MEETING.search(title)
    code = series_code(title)
    if not m or not code:
        raise ExtractionError("cannot tell which meeting this report is about: expected a title like "
                              "'Report of the Twelfth Meeting of Heads of National Drug Law Enforcement "
                              "Agencies, Europe, held in ...'", doc.source.path,
                              doc.front[-1].lines[0] if doc.front else None)
    ordinal = parse_ordinal(m.group("ord"))
    city = m.group("city")
    start = end = None
    if m.group("dates"):
        try:
            start, end = parse_date_range(m.group("dates"))
        except Exception:
            start = end = None
    issued = None
    for h in doc.front:
        if h.kind == "front":
            try:
                issued = parse_date(h.text)
                break
            except Exception:
                continue
    return MeetingFact(ref=MeetingRef(code, ordinal), ordinal_text=m.group("ord"), city=city, country=None,
                       start=start, end=end, issued=issued, title=title)


def month_number(name: str) -> int:
    """Month number of an English month name (``June`` -> 6).  :raises KeyError: otherwise."""
    return _MONTHS[name.lower()]
