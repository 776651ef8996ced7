"""The meeting a report is about, from the report's own evidence, and the meetings it refers to.

Which meeting a report is about is decided by two pieces of evidence the report prints about
itself (``../shared/design/genre-variations.md`` items 9-13, 22, 38-43):

1. **its title**, in every form of the genre: "Report of the Eighth Meeting of Heads of National
   Drug Law Enforcement Agencies, Europe, held in Vienna from 16 to 18 June 2009*", "Report of
   the Subcommission on Illicit Drug Traffic and Related Matters in the Near and Middle East on
   its fifty-third session, held in Baku from 19 to 23 November 2018", "... the 41st Meeting
   ..., held in Tokyo, 30 October-2 November 2017", "... held in Bangkok, Thailand, from
   28 November to 1 December 2022"; ordinals as words up to the hundreds in any capitalisation
   ("Twenty-Eighth", "one hundred and first") or figures ("41st"); "Meeting" (HONLEA) or
   "session" (the Subcommission); cross-month and cross-year date ranges; a city alone, with its
   country ("Santiago, Chile") or with the country in parentheses ("Addis Ababa (Ethiopia)");
2. **its symbol**, printed on the first page and repeated as the running header of every other
   page (``UNODC/HONLAP/44/5`` names series HONLAP and meeting 44: UNODC symbol convention,
   :func:`~.symbols.symbol_series`).

The title decides (it is what the report says of itself in words); the symbol fills a series the
title lost ("...Heads of National Drug Agencies," with the region dropped by a converter, genre
item 22) and stands in for a missing title.  When the two disagree the build says so, naming the
file and the title's line.  Without either, only a paragraph saying that the meeting "was held
in CITY from D to D" (the report describing its own meeting, preferably in its organization
chapter) can identify it, with a warning; a mere mention of some other meeting in the body (a
reviewed session, the next meeting) never decides.

Place and dates come from the title, else from that "was held in" paragraph.  The meeting
sequence follows the series (gold README and fixtures' judgement call 1): the previous meeting is
ordinal - 1, the next ordinal + 1, whose year is read only from a sentence saying when it is to
be held, never guessed.  The meeting whose recommendations the report reviews (its implementation
chapter: "Implementation of the recommendations adopted by the Forty-second Meeting") is a fact
of its own (``reviewed``), which may be an earlier meeting than the previous one (genre item 29).
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

from ..facts import SERIES, MeetingFact, MeetingRef
from ..model import Document, ExtractionError
from .dates import find_dates
from .ordinals import ordinal_word
from .text import ORDINAL, mask_quotes, meeting_mentions, ordinal_value, sentences

#: Words of a series name -> series code (UNODC symbol convention).  Older and variant names of
#: the bodies count (genre item 48): "Sub-Commission", "Latin American and Caribbean Region",
#: "African Region", the symbol acronyms (HONEUR is the web's form of HONEURO).
SERIES_PATTERNS = (
    (re.compile(r"Near\s+and\s+Middle\s+East|\bSub-?\s?commission\b|\bSUBCOM\b", re.I), "SUBCOM"),
    (re.compile(r"Latin\s+America(?:n)?\s+and\s+(?:the\s+)?Caribbean|\bHONLAC\b", re.I), "HONLAC"),
    (re.compile(r"\bAsia(?:n)?\s+and\s+(?:the\s+)?Pacific\b|\bHONLAP\b", re.I), "HONLAP"),
    (re.compile(r"\bAfrica(?:n)?\b|\bHONLAF\b", re.I), "HONLAF"),
    (re.compile(r"\bEurope\b|\bEuropean\s+Region\b|\bHONEURO?\b", re.I), "HONEURO"),
)
#: Words showing that "of the ..." after "Nth Meeting/session" names one of our bodies.
_OUR_BODY = re.compile(r"(?i)heads\s+of|drug\s+law\s+enforcement|narcotics?\s+law\s+enforcement"
                       r"|sub-?\s?commission|honlea")

_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
#: "held in", "convened in", "took place at" (then the place, then the dates).
_HELD_IN = re.compile(r"(?i)\b(?:held|convened|took\s+place|met)\s+(?:in|at)\s+")
#: "held from 27 to 30 June 2017 in Vienna": dates first, then the place.
_HELD_DATES_FIRST = re.compile(r"(?i)\b(?:held|convened|took\s+place|met)\s+(?:from|on|between)\s+")
#: "held its fifty-third session in Baku from ...": the mention after the verb.
_HELD_ITS = re.compile(rf"(?i)\b(?:held|convened)\s+its\s+(?P<ord>{ORDINAL})\s+(?P<kind>meeting|session)\s+"
                       r"(?:in|at)\s+")
#: A sentence whose subject is this meeting without an ordinal: "The Meeting was held in ...".
_BARE_SUBJECT = re.compile(r"(?:^|\.\s+)\s*The\s+(?:Meeting|session|Subcommission)\s+(?:was\s+|were\s+)?$")
#: "was to be held in 2019", "will take place in Nairobi in 2019".
_FUTURE_YEAR = re.compile(
    r"(?i)\b(?:held|take\s+place|convened|hosted|organized|scheduled)\b[^.;]{0,80}?"
    r"\b(?:in|during|for)\s+(?P<year>(?:19|20)\d\d)\b(?![/\-])")
#: Venue words: a part of "held at the Hilton Hotel, Hurghada, Egypt" that is not the city.
_VENUE = re.compile(r"(?i)\b(?:hotel|centre|center|hall|palace|headquarters|building|premises|resort"
                    r"|office|house|auditorium|room)\b")
#: A chapter where a report describes its own meeting (opening, attendance, organization).
_ORGANIZATION_CHAPTER = re.compile(r"(?i)\borgani[sz]ation\s+of\s+the\b|\bopening\b|\battendance\b")
#: "recommendations adopted by/at the", "recommendations of the", "recommendations made by":
#: what comes before the reviewed meeting's mention in an implementation chapter or item.
_REVIEW_BEFORE = re.compile(r"(?i)\brecommendations\s+(?:(?:adopted|made|agreed(?:\s+upon)?|approved)"
                            r"\s+(?:by|at)|of)\s+(?:the\s+)?(?:(?:Meeting|Subcommission)\s+at\s+)?(?:its\s+|the\s+)?$")
_MARKERS = re.compile(r"[\s*\u2020\u2021]+$")
#: How a meeting was held other than in one place (genre-variations.md S22: the 2020 and 2021
#: extraordinary sessions "in a virtual format", "hosted on an online platform"; later meetings
#: "in a hybrid format"): these words are not part of the place.  ``remote`` marks the words of a
#: meeting held with no venue at all (online, virtually, by videoconference).
_FORMAT_WORDS = re.compile(
    r"(?i),?\s*\b(?:(?P<remote>virtually|online|remotely|(?:by|via)\s+video-?\s?conference)"
    r"|(?:in|through|using)\s+(?:a|an)\s+(?P<kind>hybrid|virtual|online|remote)(?:\s*\([^()]{0,60}\))?"
    r"\s+(?:format|mode|setting|manner))\b(?P<and>\s+and\s+online\b)?|\s+and\s+online\b")

#: "extraordinary session", "second extraordinary session", "2nd Extraordinary Session": a
#: session outside the numbered sequence (genre-variations.md S22, the virtual sessions of 2020
#: and 2021); ``nth`` is its number in its year when the words give one.
_EXTRAORDINARY = re.compile(
    r"(?i)\b(?:(?P<nth>first|second|third|fourth|fifth|1st|2nd|3rd|4th|5th)\s+)?extraordinary\s+session\b")
_NTH = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
        "5th": 5}
#: The subject of a sentence saying where and when an extraordinary session was held ("The
#: extraordinary session of the Meeting ... was held virtually from ...").
_ES_SUBJECT = re.compile(r"(?i)\bextraordinary\s+session\b[^.;]{0,220}?(?:\b(?:was|were)\s*)?$")
#: Words saying that a meeting is still to come, in the sentence naming it.
_FUTURE = re.compile(r"(?i)\b(?:would|will|shall|is\s+to|was\s+to|to\s+be|scheduled|postponed|planned)\b")


def extraordinary_session(text: str) -> tuple[bool, int]:
    """Whether ``text`` (a title or masthead line) names an extraordinary session, and its
    number in its year: ``"Report of the second extraordinary session of ..."`` -> ``(True, 2)``;
    ``"... extraordinary session ..."`` and ``"first extraordinary session"`` -> ``(True, 1)``.
    Source: the titles of the 2020 and 2021 sessions (genre-variations.md S22)."""
    m = _EXTRAORDINARY.search(text)
    if not m:
        return False, 1
    return True, _NTH.get((m.group("nth") or "first").lower(), 1)


def symbol_year(symbols: list[str]) -> tuple[str, str, int] | None:
    """The first (symbol, series, year) among ``symbols`` whose session component is a year, as
    the documents of the 2020 and 2021 extraordinary sessions are numbered (``UNODC/HONLAF/2020/1``,
    ``UNODC/SUBCOM/2021/1``; also with an ``ES`` element: ``UNODC/HONLAF/ES/2021/1``, the form of
    ``UNODC/CND/ES/2021/1``, genre-variations.md item 44), for one of our series; else ``None``."""
    from . import ParseError
    from .symbols import parse_symbol

    for s in symbols:
        try:
            sym = parse_symbol(s)
        except ParseError:
            continue
        series = (sym.series or "").removesuffix("/ES")
        if (sym.body_prefix == "UNODC" and series in SERIES and sym.session and sym.session.isdigit()
                and len(sym.session) == 4 and 1900 <= int(sym.session) <= 2999):
            return s, series, int(sym.session)
    return None


def without_format_words(text: str) -> tuple[str, bool]:
    """``text`` without the words saying how a meeting was held ("held in Vienna in a hybrid
    format from ..." -> "held in Vienna from ...", "held virtually from ..." -> "held from ..."),
    and whether they say it was held with no venue (online, virtually, in a virtual format)."""
    remote = False
    for m in _FORMAT_WORDS.finditer(text):
        if m.group("remote") or (m.group("kind") or "").lower() in ("virtual", "online", "remote"):
            remote = True
    return _FORMAT_WORDS.sub("", text), remote


def series_code(text: str) -> str | None:
    """Series code (``HONEURO`` ...) for a text naming a HONLEA series or the Subcommission,
    or ``None``.  Source: the series of UNODC document symbols (facts.SERIES) and the bodies'
    names over time (genre-variations.md item 48)."""
    for pattern, code in SERIES_PATTERNS:
        if pattern.search(text):
            return code
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


def _is_any_our_body(m) -> bool:
    """A mention of a meeting of one of our bodies, whichever series ("of" one of our bodies,
    or no body with a capitalised "Meeting" or a "session" of no other body)."""
    tail = m.group("tail")
    if tail:
        return bool(_OUR_BODY.search(tail[:120]))
    return True


# --- place and dates ---------------------------------------------------------------------------

def place_parts(place: str) -> tuple[str | None, str | None]:
    """(city, country ISO alpha-3) of a venue as titles print it: "Vienna", "Bangkok, Thailand",
    "Addis Ababa (Ethiopia)", "Denpasar, Bali, Indonesia", "the Hilton Hotel, Hurghada, Egypt"
    (genre-variations.md item 43).  The city is the first part that is neither a venue (hotel,
    centre ...) nor a State; the country the last part when it is a State."""
    from .states import resolve_state

    text = re.sub(r"^(?:the\s+)", "", " ".join(place.split()), flags=re.I).strip(" ,.;:")
    country = None
    if text.endswith(")"):  # "Tehran (Iran (Islamic Republic of))": the outermost group at the end
        depth, k = 0, len(text) - 1
        while k >= 0:
            depth += {")": 1, "(": -1}.get(text[k], 0)
            if depth == 0:
                break
            k -= 1
        inner = text[k + 1:-1] if k >= 0 else ""
        if inner and resolve_state(inner):
            country, text = resolve_state(inner), text[:k].rstrip()
    parts = [p.strip() for p in text.split(",") if p.strip()]
    if len(parts) > 1 and resolve_state(parts[-1]):
        country = country or resolve_state(parts[-1])
        parts = parts[:-1]
    city = next((p for p in parts if not _VENUE.search(p)), None)
    if city is None and len(parts) == 1 and not resolve_state(parts[0]):
        city = None
    if city is not None:
        city = re.sub(r"^(?:the\s+city\s+of\s+)", "", city, flags=re.I)
    if city is None and not parts and country is None:
        return None, None
    return city, country


def _place_and_dates(rest: str, year_hint: int | None):
    """Read (city, country, start, end) from the words after "held in" ("Vienna from 27 to 30 June
    2017", "Bangkok, Thailand, from 28 November to 1 December 2022", "Tokyo, 30 October-2 November
    2017", "Addis Ababa (Ethiopia), 2 July 2018"); parts it cannot find are ``None``."""
    ds = [d for d in find_dates(rest, year_hint)]
    d = ds[0] if ds else None
    if d is not None and d.start > 160:
        d = None
    head = rest[:d.start] if d else re.split(r"[.;]", rest, maxsplit=1)[0]
    head = re.sub(rf"(?i)(?:[\s,]+(?:from|on|between))?[\s,]*(?:{_WEEKDAY}\s*,?\s*)?$", "", head)
    city, country = place_parts(head) if head.strip() else (None, None)
    start = end = None
    if d is not None and d.first:
        start, end = d.first, d.last
    return city, country, start, end


def _dates_then_place(rest: str, year_hint: int | None):
    """"held from 27 to 30 June 2017 in Vienna": (city, country, start, end)."""
    ds = find_dates(rest, year_hint)
    if not ds or ds[0].start > 30 or not ds[0].first:
        return None, None, None, None
    tail = rest[ds[0].end:]
    m = re.match(r"\s*,?\s*(?:in|at)\s+([^.;]{2,120})", tail)
    city, country = place_parts(m.group(1)) if m else (None, None)
    return city, country, ds[0].first, ds[0].last


def _issued(doc: Document) -> date | None:
    for h in doc.front:
        if h.kind == "front":
            ds = find_dates(h.text)
            if len(ds) == 1 and ds[0].first and ds[0].first == ds[0].last and \
                    len(h.text.strip()) <= len(ds[0].raw) + 2:
                return ds[0].first
    return None


# --- evidence: title, symbol, the "was held in" paragraph -------------------------------------

class _TitleEvidence:
    """What a title (or masthead meeting line) says: ordinal, its words, series, place, dates."""

    def __init__(self, text: str, line: int | None):
        self.text, self.line = text, line
        self.ordinal: int | None = None
        self.ordinal_text: str | None = None
        self.series: str | None = None
        self.city = self.country = None
        self.start = self.end = None
        self.remote = False  # held online, virtually: no city


def read_title(title: str, year_hint: int | None = None, line: int | None = None) -> _TitleEvidence:
    """Read a report title: the first mention of a meeting or session of one of our bodies (never
    of another body: "... on its fifty-third session" but not "the sixty-fifth session of the
    Commission"), the series named in it, and the place and dates after "held in"."""
    ev = _TitleEvidence(title, line)
    t, ev.remote = without_format_words(_MARKERS.sub("", " ".join(title.split())))
    ev.series = series_code(t)
    for m in meeting_mentions(t):
        n = ordinal_value(m.group("ord"))
        if n and _is_any_our_body(m):
            ev.ordinal, ev.ordinal_text = n, m.group("ord")
            break
    h = _HELD_IN.search(t)
    if h:
        ev.city, ev.country, ev.start, ev.end = _place_and_dates(t[h.end():], year_hint)
    else:
        h = _HELD_DATES_FIRST.search(t)
        if h:
            ev.city, ev.country, ev.start, ev.end = _dates_then_place(t[h.end():], year_hint)
        else:  # "..., Europe, Vienna, 27-30 June 2017": the place is the part before the date
            ds = [d for d in find_dates(t, year_hint) if d.first]
            if ds:
                head = t[:ds[0].start].rstrip(" ,")
                last = head.rsplit(",", 1)[-1].strip() if "," in head else ""
                if last and not series_code(last) and not meeting_mentions(last):
                    ev.city, ev.country = place_parts(last)
                ev.start, ev.end = ds[0].first, ds[0].last
    return ev


def _title_candidates(doc: Document):
    """The report title, then other masthead lines that name a meeting (a pre-session style
    "Fifty-second session" line), as (text, first line)."""
    for h in doc.front:
        if h.kind == "title":
            yield h.text, h.lines[0]
    if doc.title and not any(h.kind == "title" for h in doc.front):
        yield doc.title, None
    for h in doc.front:
        if h.kind != "title" and meeting_mentions(h.text):
            yield h.text, h.lines[0]


def own_symbol_candidates(doc: Document) -> list[str]:
    """The report's own symbols: those printed in the masthead (front matter other than the
    title) and, where the reader kept them, in the running headers (``Source.running_headers``),
    most frequent first."""
    from .symbols import find_symbols

    found: Counter = Counter()
    for h in doc.front:
        if h.kind != "title":
            for m in find_symbols(h.text):
                found.update(m.symbols)
    for text in getattr(doc.source, "running_headers", None) or ():
        for m in find_symbols(text):
            found.update(m.symbols)
    return [s for s, _n in found.most_common()]


def symbol_meeting(symbols: list[str]) -> tuple[str, MeetingRef] | None:
    """The first (symbol, meeting) among ``symbols`` that is a meeting document of one of our
    series (``UNODC/HONLAP/44/5`` -> HONLAP/44)."""
    from . import ParseError
    from .symbols import symbol_series

    for s in symbols:
        try:
            found = symbol_series(s)
        except ParseError:
            continue
        if found and found[0] in SERIES and found[1] > 0:
            return s, MeetingRef(found[0], found[1])
    return None


def _extraordinary_evidence(doc: Document, symbols: list[str], year_hint: int | None):
    """What a report without an ordinal says of itself as an extraordinary session, or ``None``.

    The evidence is a title or masthead line naming an "extraordinary session" ("Report of the
    extraordinary session of the Meeting of Heads of National Drug Law Enforcement Agencies,
    Africa, held virtually from 23 to 25 September 2020", "Extraordinary session of the
    Subcommission ..."), or else a symbol with a year (``UNODC/SUBCOM/2021/1``) in a report whose
    opening paragraphs speak of an extraordinary session.  Series, place and dates are merged
    from the report title and the lines naming the session, in that order (the first that gives
    each wins).

    :returns: ``(text, line, number, evidence, symbol)``: the line naming the session (``None``
        when only the symbol and a paragraph say so), its first line number, its number in its
        year (1 unless "second ..."), a merged :class:`_TitleEvidence` (or ``None``) and
        ``(symbol, series, year)`` from :func:`symbol_year` (or ``None``).
    """
    lines = [(h.text, h.lines[0]) for h in doc.front if h.kind == "title"]
    if doc.title and not lines:
        lines.append((doc.title, None))
    lines += [(h.text, h.lines[0]) for h in doc.front if h.kind != "title"]
    named = [(t, ln) for t, ln in lines if _EXTRAORDINARY.search(t)]
    es_sym = symbol_year(symbols)
    number = 1
    if named:
        number = extraordinary_session(named[0][0])[1]
    elif es_sym is not None:
        said = next((p for p in doc.paragraphs[:6] if _EXTRAORDINARY.search(p.text)), None)
        if said is None:
            return None
        number = extraordinary_session(said.text)[1]
    else:
        return None
    ev = None
    for text, line in [ln for ln in lines if ln in named or re.match(r"(?i)report\b", ln[0])]:
        cand = read_title(text, year_hint, line)
        if ev is None:
            ev = cand
            continue
        ev.series = ev.series or cand.series
        if ev.start is None and cand.start is not None:
            ev.start, ev.end = cand.start, cand.end
        if ev.city is None and cand.city is not None:
            ev.city, ev.country = cand.city, cand.country
        ev.remote = ev.remote or cand.remote
    text, line = named[0] if named else (None, None)
    return text, line, number, ev, es_sym


def _held_clauses(doc: Document, extraordinary: bool = False):
    """Every sentence saying where and when a meeting was held: (paragraph, ordinal or None,
    mention or None, words after "held in", dates_first).  In the report of an extraordinary
    session (``extraordinary``), a sentence whose subject is "the extraordinary session ..."
    is one about this meeting (ordinal ``None``)."""
    for p in doc.paragraphs:
        text = p.text
        if "held" not in text and "took place" not in text and "convened" not in text and "met " not in text:
            continue
        for s, e in sentences(text):
            sent, _remote = without_format_words(text[s:e])
            hi = _HELD_ITS.search(sent)
            if hi:
                yield p, ordinal_value(hi.group("ord")), None, sent[hi.end():], False
                continue
            h = _HELD_IN.search(sent) or _HELD_DATES_FIRST.search(sent)
            if not h:
                continue
            first = h.re is _HELD_DATES_FIRST
            before = sent[:h.start()]
            if re.search(r"(?i)\b(?:would|will|shall|to|is\s+to|was\s+to)\s+be\s+$", before):
                continue  # a meeting still to come ("would be held in Nairobi from ..."), never this one
            mm = None
            for mm in meeting_mentions(before):
                pass
            if mm is not None:
                yield p, ordinal_value(mm.group("ord")), mm, sent[h.end():], first
            elif _BARE_SUBJECT.search(before + " ") or re.match(r"^\s*The\s+(?:Meeting|session)\s+(?:was|were)\s*$",
                                                                  before):
                yield p, None, None, sent[h.end():], first
            elif extraordinary and _ES_SUBJECT.search(before):
                yield p, None, None, sent[h.end():], first


def _read_held(rest: str, first: bool, year_hint: int | None):
    return _dates_then_place(rest, year_hint) if first else _place_and_dates(rest, year_hint)


# --- the extractor -----------------------------------------------------------------------------

def extract_meeting(doc: Document) -> MeetingFact:
    """Extract the :class:`MeetingFact` of ``doc`` (see the module docstring for the rules).

    Warnings (in ``notes``, each naming the file and a line): no title naming the meeting; title
    and symbol naming different meetings; no dates found.

    :raises ExtractionError: when neither the title, nor the report's symbol, nor a paragraph
        saying where and when the meeting was held names the meeting's series and ordinal.
    """
    path = doc.source.path
    issued = _issued(doc)
    year_hint = issued.year if issued else None
    notes: list[str] = []
    title = doc.title or ""
    ev = None
    lost = None  # a title that lost its ordinal (genre item 22) still gives the place and dates
    for text, line in _title_candidates(doc):
        cand = read_title(text, year_hint, line)
        if cand.ordinal:
            ev = cand
            if not title:
                title = text
            break
        if lost is None and re.match(r"(?i)report\b", text) and (cand.city or cand.start):
            lost = cand
    symbols = own_symbol_candidates(doc)
    sym = symbol_meeting(symbols)
    title_line = ev.line if ev else (doc.front[0].lines[0] if doc.front else 1)
    code = ordinal = None
    city = country = start = end = None
    remote = ev.remote if ev is not None else False
    ordinal_text = None
    if ev is not None:
        ordinal, ordinal_text = ev.ordinal, ev.ordinal_text
        code = ev.series
        city, country, start, end = ev.city, ev.country, ev.start, ev.end
        if sym is not None:
            s_text, s_ref = sym
            if code is None:
                code = s_ref.series
            if (code, ordinal) != (s_ref.series, s_ref.ordinal):
                notes.append(f"{path}:{title_line}: the report's symbol {s_text} names meeting {s_ref.key} but its "
                             f"title names {(code or '?')}/{ordinal}: the title is used")
        if code is None:  # the title lost its region: a mention of the same ordinal with its body
            for p in doc.paragraphs:
                for mm in meeting_mentions(p.text):
                    if ordinal_value(mm.group("ord")) == ordinal and mm.group("tail"):
                        code = series_code(mm.group("tail"))
                        if code:
                            break
                if code:
                    break
    elif sym is not None:
        code, ordinal = sym[1].series, sym[1].ordinal
        notes.append(f"{path}:{title_line}: no report title naming the meeting ('Report of the Nth Meeting "
                     f"of ..., held in CITY from DATE to DATE'): meeting {sym[1].key} taken from the report's "
                     f"symbol {sym[0]}")
        if lost is not None and lost.series in (None, code):
            city, country, start, end = lost.city, lost.country, lost.start, lost.end
            remote = lost.remote
    es = None  # an extraordinary session: (year, number), read below
    if not (code and ordinal):
        found = _extraordinary_evidence(doc, symbols, year_hint)
        if found is not None:
            # the 2020 and 2021 sessions of the five bodies (genre-variations.md S22) have no
            # ordinal: the session is filed under its series and year
            es_text, es_line, es_number, es_ev, es_sym = found
            title_line = es_line or title_line
            if not title:
                title = es_text
            code = es_ev.series if es_ev is not None else None
            if es_ev is not None:
                city, country, start, end, remote = es_ev.city, es_ev.country, es_ev.start, es_ev.end, es_ev.remote
            if es_sym is not None:
                if code is None:
                    code = es_sym[1]
                elif code != es_sym[1]:
                    notes.append(f"{path}:{title_line}: the report's symbol {es_sym[0]} names series {es_sym[1]} "
                                 f"but its title names {code}: the title is used")
            es = (None, es_number)
    held = list(_held_clauses(doc, extraordinary=es is not None))
    if es is not None:
        if code is None:
            raise ExtractionError("the report of an extraordinary session that names no body: expected its "
                                  "title to name the Meeting of Heads of National Drug Law Enforcement "
                                  "Agencies of a region or the Subcommission ('Report of the extraordinary "
                                  "session of the Meeting of ..., Africa, held virtually from ...'), or its "
                                  "symbol (UNODC/HONLAF/2020/1)", path, title_line)
        if start is None:  # "The extraordinary session ... was held virtually from 23 to 25 September 2020"
            for p, n, _mm, rest, first in held:
                if n is None:
                    c2, k2, s2, e2 = _read_held(rest, first, year_hint)
                    if s2 is not None:
                        city, country, start, end = city or c2, country or k2, s2, e2
                        break
        es_sym = found[4]
        year = start.year if start else es_sym[2] if es_sym else None
        if year is None:
            raise ExtractionError("the report of an extraordinary session, which its body did not number, "
                                  "gives no year to file it under: expected the dates in its title ('held "
                                  "virtually from 23 to 25 September 2020'), a paragraph saying when it was "
                                  "held, or a symbol with the year (UNODC/HONLAF/2020/1)", path, title_line)
        if es_sym is not None and start is not None and es_sym[2] != start.year:
            notes.append(f"{path}:{title_line}: the report's symbol {es_sym[0]} names the year {es_sym[2]} but "
                         f"the session was held in {start.year}: the dates are used")
        es = (year, es[1])
    held = list(_held_clauses(doc))
    if es is None and not (code and ordinal):
        # last resort: the paragraph describing this report's own meeting ("The Nth Meeting of ...
        # was held in CITY from D to D"), preferably in the organization chapter
        chapters = {ch.roman: ch.title for ch in doc.chapters}
        best = None
        for p, n, mm, rest, first in held:
            if not n or mm is None or not is_our_meeting(mm, series_code(mm.group("tail") or "") or "?"):
                continue
            c = series_code(mm.group("tail") or "") or code
            if not c:
                continue
            _c, _k, s2, _e2 = _read_held(rest, first, year_hint)
            if s2 is None:
                continue
            score = 1 if _ORGANIZATION_CHAPTER.search(chapters.get(p.chapter, "") or "") else 0
            if best is None or score > best[0]:
                best = (score, c, n, p)
        if best is not None:
            code, ordinal = best[1], best[2]
            notes.append(f"{path}:{best[3].lines[0]}: no report title or symbol naming the meeting: meeting "
                         f"{code}/{ordinal} taken from paragraph {best[3].number}, which says where and when it "
                         "was held")
    if es is None and not (code and ordinal):
        raise ExtractionError("cannot tell which meeting this report is about: expected a title like "
                              "'Report of the Twelfth Meeting of Heads of National Drug Law Enforcement "
                              "Agencies, Europe, held in ...' or the report's symbol (UNODC/HONEURO/12/6)",
                              path, title_line)
    if year_hint is None and start:
        year_hint = start.year
    # the place/date paragraph: a fallback for the title, and the provenance of place and dates
    para_no = None
    for p, n, mm, rest, first in held:
        if n is not None and (n != ordinal or (mm is not None and not is_our_meeting(mm, code))):
            continue
        c2, k2, s2, e2 = _read_held(rest, first, year_hint)
        if s2 is None and c2 is None:
            continue
        if n is None and start is not None and s2 != start:
            continue  # "The Meeting was held ..." about something else
        para_no = p.number
        city, country = city or c2, country or k2
        if start is None:
            start, end = s2, e2
        break
    if es is not None:
        ref = MeetingRef.extraordinary_session(code, es[0], es[1])
        symbol = found[4][0] if found[4] is not None else None
        ordinal_text = f"{ordinal_word(es[1], capitalize=False)} extraordinary" if es[1] > 1 else "extraordinary"
    else:
        ref = MeetingRef(code, ordinal)
        symbol = sym[0] if sym is not None else None  # as printed, even where it disagrees (warned)
    fact = MeetingFact(ref=ref, ordinal_text=ordinal_text or str(ordinal), city=city, country=country,
                       start=start, end=end, issued=issued, title=title or None, symbol=symbol,
                       paragraph=para_no, notes=notes)
    if start is None:
        notes.append(f"{path}:{title_line}: no dates found for the meeting {ref.key} in the title or "
                     "in a paragraph saying where and when it was held")
    if city is None:
        if remote:
            notes.append(f"{path}:{title_line}: the meeting {ref.key} was held online (its title says so): "
                         "it has no city")
        else:
            notes.append(f"{path}:{title_line}: no city found for the meeting {ref.key} in the title or in a "
                         "paragraph saying where it was held")
    _sequence(doc, fact)
    _reviewed(doc, fact)
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


#: "the next Meeting", "its next session" (a Subcommission report): the next meeting named
#: without its ordinal.  "Meeting" must be capitalised (a sitting is a lower-case "meeting").
_NEXT_WORDS = re.compile(r"\b(?:[Nn]ext|[Ff]orthcoming|[Ss]ubsequent)\s+(?P<kind>Meeting|session)\b")


def _sequence(doc: Document, fact: MeetingFact) -> None:
    """Set ``previous`` (ordinal - 1), ``next`` (ordinal + 1) and ``next_year``: the year a sentence
    of the report (outside quoted titles) gives for the next meeting, named by its ordinal or as
    "the next meeting/session"."""
    code, n = fact.ref.series, fact.ref.ordinal
    if fact.ref.extraordinary:
        _sequence_extraordinary(doc, fact)
        return
    fact.previous = MeetingRef(code, n - 1) if n > 1 else None
    fact.next = MeetingRef(code, n + 1)
    for text, _para in _texts(doc):
        if fact.next_year is not None:
            return
        if "eeting" not in text and "ession" not in text:
            continue
        masked = None
        for m in meeting_mentions(text):
            if ordinal_value(m.group("ord")) != n + 1 or not is_our_meeting(m, code):
                continue
            masked = masked or mask_quotes(text)
            if masked[m.start()] != " ":  # the words after the ordinal, its "of ..." tail included
                fact.next_year = _next_year(masked, m.start() + len(m.group("ord")), fact)
                if fact.next_year is not None:
                    return
        if "ext" in text or "orthcoming" in text or "ubsequent" in text:
            masked = masked or mask_quotes(text)
            for m in _NEXT_WORDS.finditer(masked):
                if m.group("kind") == "session" and code != "SUBCOM":
                    continue
                if (re.match(r"(?i)\s+of\s+(?:the|its|each)\s+working\s+groups?", masked[m.end():])
                        or re.search(r"(?i)working\s+groups?\b[^.;]{0,40}$", masked[max(0, m.start() - 60):m.start()])):
                    continue  # the next meeting of a working group
                fact.next_year = _next_year(masked, m.end(), fact)
                if fact.next_year is not None:
                    return


def _sequence_extraordinary(doc: Document, fact: MeetingFact) -> None:
    """The sequence of an extraordinary session, which stands outside its series' numbering:
    no previous meeting (ordinal - 1 has no meaning), and as ``next`` (with ``next_year``) only
    a numbered meeting of the series that a sentence of the report says is still to be held,
    in a year not before the session ("the Thirtieth Meeting would be held in Nairobi in
    2022"); none when the report names none."""
    code = fact.ref.series
    for text, _para in _texts(doc):
        if "eeting" not in text and "ession" not in text:
            continue
        masked = None
        for m in meeting_mentions(text):
            k = ordinal_value(m.group("ord"))
            if not k or not is_our_meeting(m, code):
                continue
            masked = masked or mask_quotes(text)
            if masked[m.start()] == " ":
                continue  # inside a quoted title
            sent = next((masked[a:e] for a, e in sentences(masked) if a <= m.start() < e), "")
            if not _FUTURE.search(sent):
                continue
            year = _next_year(masked, m.start() + len(m.group("ord")), fact)
            if year is not None:
                fact.next, fact.next_year = MeetingRef(code, k), year
                return


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


def _reviewed(doc: Document, fact: MeetingFact) -> None:
    """Set ``reviewed`` (and ``reviewed_paragraphs``): the earlier meeting of the series whose
    recommendations the report reviews, read from "recommendations adopted by the Nth Meeting"
    in chapter titles, paragraphs and this meeting's adopted agenda (never from the draft
    provisional agenda of the next meeting, which reviews another).  The most frequent
    reading wins; ``None`` when the report names none."""
    code, n = fact.ref.series, fact.ref.ordinal
    votes: Counter = Counter()
    paras: dict[int, list[int]] = {}

    def scan(text: str, para: int | None) -> None:
        if "ecommendation" not in text:
            return
        for m in meeting_mentions(text):
            k = ordinal_value(m.group("ord"))
            if not k or (n is not None and k >= n) or not is_our_meeting(m, code):
                continue  # (an extraordinary session, n None, can review any numbered meeting)
            if _REVIEW_BEFORE.search(text[max(0, m.start() - 120):m.start()]):
                votes[k] += 1
                if para is not None and para not in paras.setdefault(k, []):
                    paras[k].append(para)

    for ch in doc.chapters:
        scan(ch.title, None)
    for p in doc.paragraphs:
        scan(p.text, p.number)
        if p.items and not re.search(r"(?i)\bprovisional\s+agenda\b", p.text):
            for it in p.items:
                scan(it.raw, p.number)
    if votes:
        k = max(votes, key=lambda x: (votes[x], x))
        fact.reviewed = MeetingRef(code, k)
        fact.reviewed_paragraphs = sorted(paras.get(k, []))
