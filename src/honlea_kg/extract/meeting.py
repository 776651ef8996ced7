"""The meeting a report is about: series, ordinal, city and dates, and the meetings it refers to.

Read from the report's title ("Report of the Twelfth Meeting of Heads of National Drug Law
Enforcement Agencies, Europe, held in Vienna from 27 to 30 June 2017") and, when the title lacks
them, from the paragraph that says where and when the meeting was held ("The Twelfth Meeting
... was held in Vienna, from 27 to 30 June 2017").  The previous and next meetings of the
series are the ones the report names by ordinal ("the recommendations adopted by the Eleventh
Meeting", "the Thirteenth Meeting was to be held in 2019"); the next meeting's year is taken
only from a sentence saying when it is to be held, never guessed.
"""

from __future__ import annotations

import re
from datetime import date

from ..facts import MeetingFact, MeetingRef
from ..model import Document, ExtractionError
from .dates import find_dates
from .text import ORDINAL, mask_quotes, meeting_mentions, ordinal_value, sentences

#: Region words in a series name -> series code (UNODC symbol convention).
SERIES_PATTERNS = (
    (re.compile(r"Near\s+and\s+Middle\s+East|Subcommission", re.I), "SUBCOM"),
    (re.compile(r"Latin\s+America\s+and\s+(?:the\s+)?Caribbean", re.I), "HONLAC"),
    (re.compile(r"Asia\s+and\s+(?:the\s+)?Pacific", re.I), "HONLAP"),
    (re.compile(r"\bAfrica\b", re.I), "HONLAF"),
    (re.compile(r"\bEurope\b", re.I), "HONEURO"),
)
#: Words showing that "of the ..." after "Nth Meeting/session" names one of our bodies.
_OUR_BODY = re.compile(r"(?i)heads\s+of|drug\s+law\s+enforcement|subcommission|honlea")


_TITLE_MEETING = re.compile(
    rf"(?i)\b(?P<ord>{ORDINAL})\s+(?:Meeting|session)\s+of\s+(?:the\s+)?(?P<body>.+?)"
    r"(?:,?\s+(?:held|convened)\s+(?:in|at)\s+(?P<rest>.+))?$")
#: "was held in Vienna, from 27 to 30 June 2017", "held at Addis Ababa on 2 July 2018".
_HELD = re.compile(
    r"(?i)\b(?:was\s+|were\s+)?(?:held|convened|took\s+place)\s+(?:in|at)\s+"
    r"(?P<place>(?:the\s+)?[A-Z][^.;:()]{0,80}?)\s*(?:,?\s+(?:from|on|between)\s+|,?\s+(?=\d{1,2}(?:\s+[A-Z]|\s*[-\u2013])))")
#: "was to be held in 2019", "will take place in Nairobi in 2019".
_FUTURE_YEAR = re.compile(
    r"(?i)\b(?:held|take\s+place|convened|hosted|organized|scheduled)\b[^.;]{0,80}?"
    r"\b(?:in|during|for)\s+(?P<year>(?:19|20)\d\d)\b(?![/\-])")


def series_code(text: str) -> str | None:
    """Series code (``HONEURO`` ...) for a text naming a HONLEA series or the Subcommission,
    or ``None``.  Source: the series of UNODC document symbols (facts.SERIES)."""
    for pattern, code in SERIES_PATTERNS:
        if pattern.search(text):
            return code
    return None


def _place_and_dates(rest: str, year_hint: int | None):
    """Split "Vienna, Austria, from 27 to 30 June 2017" into (city, country, start, end)."""
    from .states import resolve_state

    text = rest if _HELD.match(rest) else "held in " + rest
    m = _HELD.match(text)
    place, tail = (m.group("place"), text[m.end():]) if m else (rest, "")
    if not m:
        # "Vienna, 27-30 June 2017": the place is the text before the first date
        ds = find_dates(rest, year_hint)
        if ds:
            place, tail = rest[:ds[0].start].rstrip(" ,"), rest[ds[0].start:]
    parts = [p.strip() for p in re.sub(r"^the\s+", "", place.strip(), flags=re.I).split(",") if p.strip()]
    city = parts[0] if parts else None
    country = resolve_state(parts[-1]) if len(parts) > 1 else None
    start = end = None
    ds = find_dates(tail, year_hint) if tail else []
    if ds and ds[0].start <= 2 and ds[0].first:
        start, end = ds[0].first, ds[0].last
    return city, country, start, end


def _issued(doc: Document) -> date | None:
    for h in doc.front:
        if h.kind == "front":
            ds = find_dates(h.text)
            if len(ds) == 1 and ds[0].first and ds[0].first == ds[0].last and \
                    len(h.text.strip()) <= len(ds[0].raw) + 2:
                return ds[0].first
    return None


def is_our_meeting(m, code: str) -> bool:
    """True if a :func:`~.text.meeting_mentions` mention names a meeting of series ``code``: "of" a
    body of that series, or no body with "Meeting" capitalised (HONLEA style) or "session"
    in a Subcommission report."""
    tail = m.group("tail")
    if tail:
        if _OUR_BODY.search(tail[:120]):
            found = series_code(tail[:160])
            return found is None or found == code
        return False
    if m.group("kind") == "Meeting":
        return True
    return code == "SUBCOM" and m.group("kind").lower() == "session"


def extract_meeting(doc: Document) -> MeetingFact:
    """Extract the :class:`MeetingFact` of ``doc``.

    :raises ExtractionError: when neither the title nor any paragraph names the meeting's
        series and ordinal (the graph cannot identify the meeting without them).
    """
    issued = _issued(doc)
    title = doc.title or ""
    m = _TITLE_MEETING.search(title)
    code = series_code(title)
    ordinal = ordinal_value(m.group("ord")) if m else None
    city = country = start = end = None
    para_no = None
    if m and m.group("rest"):
        city, country, start, end = _place_and_dates(m.group("rest"), issued.year if issued else None)
    notes: list[str] = []
    if not (m and code and ordinal):
        # no usable title: the first paragraph naming "the Nth Meeting of <series>"
        line = doc.front[-1].lines[0] if doc.front else (doc.paragraphs[0].lines[0] if doc.paragraphs else 1)
        notes.append(f"{doc.source.path}:{line}: no report title naming the meeting "
                     "('Report of the Nth Meeting of ..., held in CITY from DATE to DATE'): "
                     "meeting taken from the first paragraph that names it")
        for p in doc.paragraphs:
            for mm in meeting_mentions(p.text):
                c = series_code(mm.group("tail") or "")
                n = ordinal_value(mm.group("ord"))
                if c and n:
                    code, ordinal, m = c, n, mm
                    break
            if code and ordinal:
                break
    if not (code and ordinal):
        raise ExtractionError("cannot tell which meeting this report is about: expected a title like "
                              "'Report of the Twelfth Meeting of Heads of National Drug Law Enforcement "
                              "Agencies, Europe, held in ...'", doc.source.path,
                              doc.front[-1].lines[0] if doc.front else None)
    year_hint = (start.year if start else issued.year if issued else None)
    # the place/date paragraph: a fallback for the title, and the provenance of place and dates
    for p in doc.paragraphs:
        h = _HELD.search(p.text)
        if not h:
            continue
        before = p.text[:h.start()]
        mm = None
        for mm in meeting_mentions(before):
            pass
        if mm is None or ordinal_value(mm.group("ord")) != ordinal:
            continue
        c2, k2, s2, e2 = _place_and_dates(p.text[h.start():], year_hint)
        if s2 is None and c2 is None:
            continue
        para_no = p.number
        city, country = city or c2, country or k2
        if start is None:
            start, end = s2, e2
        break
    ref = MeetingRef(code, ordinal)
    fact = MeetingFact(ref=ref, ordinal_text=m.group("ord") if m else str(ordinal), city=city,
                       country=country, start=start, end=end, issued=issued, title=title or None,
                       paragraph=para_no, notes=notes)
    if start is None:
        notes.append(f"{doc.source.path}: no dates found for the meeting {ref.key} in the title or "
                     "in a paragraph saying where and when it was held")
    _sequence(doc, fact)
    return fact


def _texts(doc: Document):
    """(text, paragraph number or None) for chapter titles, paragraphs and agenda lines."""
    for ch in doc.chapters:
        yield ch.title, None
    for p in doc.paragraphs:
        yield p.text, p.number
        for sp in p.subparagraphs:
            yield sp.text, p.number
        for it in p.items:
            yield it.raw, p.number
            for sub in it.sub_items:
                yield sub.raw, p.number


def _sequence(doc: Document, fact: MeetingFact) -> None:
    """Set ``previous``, ``next`` and ``next_year`` from mentions of ordinal +/- 1 (mentions
    inside quoted titles count for previous/next, but a year is read only from the report's own
    sentence saying when the next meeting is held)."""
    code, n = fact.ref.series, fact.ref.ordinal
    for text, _para in _texts(doc):
        if "eeting" not in text and "ession" not in text:
            continue
        masked = None
        for m in meeting_mentions(text):
            k = ordinal_value(m.group("ord"))
            if k not in (n - 1, n + 1) or not is_our_meeting(m, code):
                continue
            if k == n - 1:
                fact.previous = MeetingRef(code, k)
                continue
            fact.next = MeetingRef(code, k)
            if fact.next_year is None:
                masked = masked or mask_quotes(text)
                if masked[m.start()] != " ":
                    fact.next_year = _next_year(masked, m.end(), fact)


def _next_year(text: str, after: int, fact: MeetingFact) -> int | None:
    """The year the sentence holding offset ``after`` says the next meeting is to be held in,
    read from the words after the mention ("was to be held in 2019", "would be held in Vienna
    from 22 to 26 June 2019"); ``None`` if it says none."""
    base = fact.end.year if fact.end else fact.issued.year if fact.issued else None
    for s, e in sentences(text):
        if not s <= after <= e:
            continue
        sent = text[after:e]
        y = _FUTURE_YEAR.search(sent)
        if y:
            year = int(y.group("year"))
            if base is None or year >= base:
                return year
        h = re.search(r"(?i)\b(?:held|take\s+place|convened)\b", sent)
        if h:
            for d in find_dates(sent[h.end():]):
                if d.year_given and d.first and (base is None or d.first.year >= base):
                    return d.first.year
        return None
    return None
