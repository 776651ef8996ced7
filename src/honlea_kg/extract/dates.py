"""Calendar dates and date ranges as UN reports write them.

UN English style (United Nations Editorial Manual, "Dates") writes day, month, year without
commas: "27 June 2017"; ranges share the trailing month and year: "from 27 to 30 June 2017",
"22–26 October 2018", "30 September to 4 October 2013", "from 31 December 2018 to
2 January 2019".  Text extracted from PDFs adds non-breaking spaces and en dashes
("28 June – 1 July 2016").  The US form "June 27, 2017" is accepted too, and ISO 8601
("2017-06-27"), so :func:`parse_date` reads what :func:`format_date` writes; ordinal day
suffixes ("from 8th to 11th November 2022") and weekdays inside a range ("from Tuesday,
September 26, to Friday, September 29, 2023") are read too.

Rules:
- A year is never invented from nothing: a day and month without a year takes ``default_year``
  (the year of the meeting, from the report title); if that is ``None`` it is a
  :class:`ParseError` (:func:`find_dates` reports such mentions with ``first``/``last`` ``None``).
- In a range whose year is written only at its end, the start takes the end's year unless that
  would put the start after the end; then it takes the year before ("30 December to
  2 January 2019" -> 2018-12-30 .. 2019-01-02).
- A lone year ("Twelfth session, 2016") is not a date: :func:`parse_year` reads it.
- Impossible dates ("31 June 2017") and reversed ranges raise :class:`ParseError`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from . import ParseError

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
#: Month name (full, or 3-letter abbreviation with optional dot, "Sept.") -> 1..12.
_MONTH_NUMBER = {m: i + 1 for i, m in enumerate(MONTHS)}
_MONTH_NUMBER.update({m[:3]: i + 1 for i, m in enumerate(MONTHS)})
_MONTH_NUMBER["Sept"] = 9

_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November"
          r"|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?(?![a-z]))")
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"[12]\d{3}"
_WS = r"[\s\u00a0\u202f]"
#: Range separators: "to", "until", "through", hyphen, en/em dash, with optional spaces.
_TO = rf"(?:{_WS}*[-\u2010\u2011\u2012\u2013\u2014]{_WS}*|{_WS}+(?:to|until|through|till){_WS}+)"
_B = r"(?<![\w./\-\u2013])"  # a day is not glued to a preceding number, symbol or dash
_E = r"(?![\w\-\u2013])"

#: A weekday before a date in a range: "from Tuesday, September 26, to Friday, September 29, 2023".
_WEEKDAY = rf"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?{_WS}+)"

# Each form is a named pattern; the order is the order of the alternation (longest first).
DATE_FORMS: dict[str, str] = {
    # "from 31 December 2018 to 2 January 2019", "30 September to 4 October 2013",
    # "28 June – 1 July 2016", "30 September–4 October 2019"
    "dmy-dmy": rf"(?P<a_d1>{_DAY}){_WS}+(?P<a_m1>{_MONTH})(?:{_WS}+(?P<a_y1>{_YEAR}))?,?{_TO}{_WEEKDAY}?"
               rf"(?P<a_d2>{_DAY}){_WS}+(?P<a_m2>{_MONTH})(?:{_WS}+(?P<a_y2>{_YEAR}))?",
    # "from 27 to 30 June 2017", "22–26 October 2018", "from 28 to 29 June"
    "d-dmy": rf"(?P<b_d1>{_DAY}){_TO}(?P<b_d2>{_DAY}){_WS}+(?P<b_m>{_MONTH})"
             rf"(?:,?{_WS}+(?P<b_y>{_YEAR}))?",
    # US: "June 27–30, 2017", "June 28 to July 1, 2016"
    "md-mdy": rf"(?P<c_m1>{_MONTH}){_WS}+(?P<c_d1>{_DAY}),?{_TO}{_WEEKDAY}?(?:(?P<c_m2>{_MONTH}){_WS}+)?"
              rf"(?P<c_d2>{_DAY}),?{_WS}+(?P<c_y>{_YEAR})",
    # "27 June 2017", "27 June"
    "dmy": rf"(?P<d_d>{_DAY}){_WS}+(?P<d_m>{_MONTH})(?:{_WS}+(?P<d_y>{_YEAR}))?",
    # US: "June 27, 2017"
    "mdy": rf"(?P<e_m>{_MONTH}){_WS}+(?P<e_d>{_DAY}),?{_WS}+(?P<e_y>{_YEAR})",
    # ISO 8601 calendar date, as written by format_date
    "iso": rf"(?P<f_y>\d{{4}})-(?P<f_m>\d\d)-(?P<f_d>\d\d)",
}

DATE_REGEX = re.compile(
    _B + "(?:" + "|".join(f"(?P<{k.replace('-', '_')}>{v})" for k, v in DATE_FORMS.items())
    + ")" + _E)
_LEAD_REGEX = re.compile(rf"^(?:(?:held|from|on|between|of|dated){_WS}+)+", re.IGNORECASE)
_YEAR_REGEX = re.compile(r"(?<![\w/.\-])((?:1[89]|20)\d\d)(?![\w/\-])")


@dataclass(frozen=True)
class DateMention:
    """A date or date range found in text.

    ``raw`` is ``text[start:end]`` (no leading "from"/"on"); ``first``/``last`` are equal for a
    single day and ``None`` when no year is written and no ``default_year`` was given;
    ``year_given`` tells whether the text itself wrote the year; ``form`` names the matched
    pattern of :data:`DATE_FORMS`.
    """

    raw: str
    start: int
    end: int
    first: date | None
    last: date | None
    year_given: bool
    form: str

    @property
    def is_range(self) -> bool:
        """True for a written range ("27 to 30 June"), even a one-day one."""
        return self.form in ("dmy-dmy", "d-dmy", "md-mdy")


def _day(day: str) -> int:
    return int(re.match(r"\d+", day).group())


def _make(year: int, month: int, day: str, raw: str) -> date:
    d = _day(day)
    try:
        return date(year, month, d)
    except ValueError as exc:
        raise ParseError(f"invalid date {d} {MONTHS[month - 1]} {year} in {raw!r}", raw) from exc


def _month(name: str) -> int:
    return _MONTH_NUMBER[name.rstrip(".")]


def _resolve(m: re.Match, default_year: int | None) -> tuple[date, date, bool, str]:
    """Turn a DATE_REGEX match into (first, last, year_given, form); ParseError if impossible."""
    raw = m.group(0)
    g = m.group
    if g("dmy_dmy"):
        form = "dmy-dmy"
        m1, m2 = _month(g("a_m1")), _month(g("a_m2"))
        crosses = (m1, _day(g("a_d1"))) > (m2, _day(g("a_d2")))  # e.g. December -> January
        given = bool(g("a_y1") or g("a_y2"))
        if g("a_y2"):
            y2 = int(g("a_y2"))
            y1 = int(g("a_y1")) if g("a_y1") else y2 - crosses
        elif g("a_y1"):
            y1 = int(g("a_y1"))
            y2 = y1 + crosses
        elif default_year is not None:
            y2 = default_year
            y1 = y2 - crosses
        else:
            raise ParseError(f"no year in {raw!r} and no default year", raw)
        first, last = _make(y1, m1, g("a_d1"), raw), _make(y2, m2, g("a_d2"), raw)
    elif g("d_dmy"):
        form = "d-dmy"
        month = _month(g("b_m"))
        given = g("b_y") is not None
        year = int(g("b_y")) if given else default_year
        if year is None:
            raise ParseError(f"no year in {raw!r} and no default year", raw)
        first, last = _make(year, month, g("b_d1"), raw), _make(year, month, g("b_d2"), raw)
    elif g("md_mdy"):
        form = "md-mdy"
        year, given = int(g("c_y")), True
        m1 = _month(g("c_m1"))
        m2 = _month(g("c_m2")) if g("c_m2") else m1
        first = _make(year if m1 <= m2 else year - 1, m1, g("c_d1"), raw)
        last = _make(year, m2, g("c_d2"), raw)
    elif g("dmy"):
        form = "dmy"
        given = g("d_y") is not None
        year = int(g("d_y")) if given else default_year
        if year is None:
            raise ParseError(f"no year in {raw!r} and no default year", raw)
        first = last = _make(year, _month(g("d_m")), g("d_d"), raw)
    elif g("mdy"):
        form, given = "mdy", True
        first = last = _make(int(g("e_y")), _month(g("e_m")), g("e_d"), raw)
    else:
        form, given = "iso", True
        month = int(g("f_m"))
        if not 1 <= month <= 12:
            raise ParseError(f"invalid month in {raw!r}", raw)
        first = last = _make(int(g("f_y")), month, g("f_d"), raw)
    if last < first:
        raise ParseError(f"date range ends before it starts: {raw!r}", raw)
    return first, last, given, form


def find_dates(text: str, default_year: int | None = None) -> list[DateMention]:
    """Find the dates and date ranges in running text, in text order.

    Args:
        text: any text (a paragraph, a title, a whole report).
        default_year: the year for dates written without one ("on 30 June"); usually the year
            of the meeting.  ``None`` leaves such mentions with ``first``/``last`` ``None``.

    Returns:
        :class:`DateMention` objects with code-point offsets into ``text``.  Strings that look
        like dates but are impossible ("31 June 2017", "30 to 27 June") are skipped: they are
        not dates.  Never raises for any input.
    """
    out: list[DateMention] = []
    for m in DATE_REGEX.finditer(text):
        try:
            first, last, given, form = _resolve(m, default_year)
        except ParseError as exc:
            if "no year" not in exc.message:
                continue
            form = next(k for k in DATE_FORMS if m.group(k.replace("-", "_")))
            first = last = None
            given = False
        out.append(DateMention(m.group(0), m.start(), m.end(), first, last, given, form))
    return out


def _fullmatch(text: str) -> re.Match:
    s = _LEAD_REGEX.sub("", text.strip()).rstrip(" .,;")
    m = DATE_REGEX.fullmatch(s)
    if not m:
        raise ParseError(f"not a date or date range: {text!r}", text)
    return m


def parse_date_range(text: str, default_year: int | None = None) -> tuple[date, date]:
    """Parse a whole string as one date range (or single date) and return ``(first, last)``.

    Accepts every form of :data:`DATE_FORMS`, after optional leading "held", "from", "on",
    "between" and a trailing ".", "," or ";".  A single date gives ``(d, d)``.

    Raises:
        ParseError: not a date/range; no year and ``default_year`` is ``None``; an impossible
            date (31 June); a range ending before it starts.
    """
    return _resolve(_fullmatch(text), default_year)[:2]


def parse_date(text: str, default_year: int | None = None) -> date:
    """Parse a whole string as one calendar date ("27 June 2017", "on 27 June", "June 27, 2017",
    "2017-06-27") and return it.

    Raises:
        ParseError: not a single date (a range or a lone year is refused); no year and
            ``default_year`` is ``None``; an impossible date.
    """
    m = _fullmatch(text)
    first, last, _given, form = _resolve(m, default_year)
    if form not in ("dmy", "mdy", "iso"):
        raise ParseError(f"a date range, not a single date: {text!r}", text)
    return first


def parse_year(text: str) -> int:
    """Return the one year (1800-2099) written in ``text``: "Twelfth session, 2016" -> 2016.

    A number glued to a slash, dot, hyphen or letter (a symbol such as ``E/2016/28``, "2016-17")
    is not a year.  Raises :class:`ParseError` if no year, or two different years, are written.
    """
    years = {int(y) for y in _YEAR_REGEX.findall(text)}
    if len(years) != 1:
        what = "no year" if not years else f"several years {sorted(years)}"
        raise ParseError(f"{what} in {text!r}", text)
    return years.pop()


def format_date(d: date) -> str:
    """ISO 8601 calendar date ``YYYY-MM-DD`` (RFC 3339 full-date); :func:`parse_date` reads it."""
    return d.isoformat()


def format_date_text(d: date) -> str:
    """UN style "27 June 2017" (no leading zero, no comma); :func:`parse_date` reads it."""
    return f"{d.day} {MONTHS[d.month - 1]} {d.year:04d}"


__all__ = ["DateMention", "DATE_FORMS", "find_dates", "parse_date", "parse_date_range",
           "parse_year", "format_date", "format_date_text"]
