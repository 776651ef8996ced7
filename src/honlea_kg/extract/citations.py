"""Citations of resolutions and decisions, and of instruments cited by name.

Forms read (each a pattern below; United Nations Editorial Manual, "Citation of United Nations
documents"; lines of the HONLEA, Europe, 2017 report quoted where they need a form):

- body, kind, number: "Commission on Narcotic Drugs decision 60/1" (para. 35),
  "General Assembly resolution 71/211" (para. 36), "Economic and Social Council resolution
  1987/34", "Security Council resolution 2253 (2015)", "General Assembly resolution S-30/1";
- a pinpoint before it: "paragraph 97 of General Assembly resolution 71/211" (para. 36),
  "paragraphs 2 and 3 of", "operative paragraph 5 of", "annex to", "section II of";
- a plural with several numbers, all of the same body: "resolutions 58/4 and 59/3",
  "decisions 60/1, 61/2 and 62/3";
- a short body name: "Commission resolution 60/4" (the Commission is ``context``, see below),
  "Assembly resolution 70/1" (GA), "Council resolution 1999/30" (ECOSOC), acronyms
  ("CND resolution 61/11");
- the body after the number: "resolution 60/1 of the Commission on Narcotic Drugs",
  "resolutions 61/11 and 62/4 of the Commission" (the short name, ``context``);
- no body at all: "decision 60/1" (see :func:`find_citations` for the rule);
- the number as a Markdown link, "decision [60/1](#)" (para. 44 as converted);
- a resolution's or decision's document symbol: ``A/RES/71/211`` (GA), ``E/RES/1987/34``
  (ECOSOC), ``S/RES/2253 (2015)`` (SC), ``A/HRC/RES/32/1`` (HRC), ``E/DEC/2016/250``.

Numbers are kept as written: ``"60/1"``, ``"S-30/1"``, ``"1987/34"``; Security Council
resolutions carry their year as in their symbol: ``"2253 (2015)"`` (``"2253"`` when the text
gives no year); the old style keeps its session numeral as printed, one space before it, and
not the date that may follow: "resolution 1776 (LIV) of 18 May 1973" -> ``"1776 (LIV)"``.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

from . import ParseError
from .symbols import find_symbols, parse_symbol


class Body(NamedTuple):
    """A body that adopts resolutions/decisions: ``code``, English ``name``, ``acronym`` used in
    running text (or ``None``) and ``numbering``: ``session`` ("60/1", "S-30/1" for the GA),
    ``year`` ("1987/34") or ``sc`` ("2253 (2015)")."""

    code: str
    name: str
    acronym: str | None
    numbering: str


#: Bodies whose acts reports cite.  Order does not matter: names are matched longest first.
BODIES: tuple[Body, ...] = (
    Body("CND", "Commission on Narcotic Drugs", "CND", "session"),
    Body("CCPCJ", "Commission on Crime Prevention and Criminal Justice", "CCPCJ", "session"),
    Body("GA", "General Assembly", None, "session"),
    Body("ECOSOC", "Economic and Social Council", "ECOSOC", "year"),
    Body("SC", "Security Council", None, "sc"),
    Body("HRC", "Human Rights Council", "HRC", "session"),
    Body("CSW", "Commission on the Status of Women", "CSW", "session"),
    Body("UNTOC-COP", "Conference of the Parties to the United Nations Convention against "
         "Transnational Organized Crime", None, "session"),
    Body("UNCAC-COSP", "Conference of the States Parties to the United Nations Convention "
         "against Corruption", None, "session"),
)
_BY_CODE = {b.code: b for b in BODIES}
#: Further abbreviations that stand before "resolution" in running text and on web pages
#: (genre-variations.md item 45: "ECOSOC resolution 1845", press and meeting summaries "GA
#: resolution 71/211", "UNGA resolution ..."), abbreviation -> body code.
ACRONYM_ALIASES = {"GA": "GA", "UNGA": "GA", "UNSC": "SC"}
#: Short names standing for a body in running text.  "Commission" stands for ``context``.
SHORT_NAMES = {"Assembly": "GA", "Council": "ECOSOC", "Commission": None}
#: Organ (and series) of a resolution/decision symbol -> body.
SYMBOL_BODIES = {("A", None): "GA", ("E", None): "ECOSOC", ("S", None): "SC",
                 ("A", "HRC"): "HRC"}
#: The parent body of every series this project reads (HONLEA meetings and the Subcommission
#: are subsidiary bodies of the CND; facts.SERIES), the default ``context``.
DEFAULT_CONTEXT = "CND"

_WS = r"[\s\u00a0]+"


def _name_regex(name: str) -> str:
    return re.escape(name).replace(r"\ ", _WS)


_FULL_NAMES = sorted([(b.name, b.code) for b in BODIES]
                     + [(b.acronym, b.code) for b in BODIES if b.acronym]
                     + list(ACRONYM_ALIASES.items()),
                     key=lambda x: -len(x[0]))
_NAME_TO_CODE = {re.sub(r"\s+", " ", n): c for n, c in _FULL_NAMES}
_BODY_ALT = "|".join(_name_regex(n) for n, _ in _FULL_NAMES)
_SHORT_ALT = "|".join(SHORT_NAMES)

#: "60/1", "71/211", "1987/34", "S-30/1", "ES-10/19", "2253 (2015)", and the numbering used until
#: the late 1970s (GA, ECOSOC) and 1980s (CND): number and session in Roman numerals, "6 (XXV)",
#: "1776 (LIV)", "2200 A (XXI)", "3201 (S-VI)" (a special session).
OLD_NUMBER_REGEX = r"\d{1,4}(?:[ \u00a0][A-Z])?[ \u00a0]?\((?:S-)?[IVXLC]{1,8}\)"
NUMBER_REGEX = (r"(?:(?:E?S-\d{1,3}|\d{1,4})/\d{1,4}(?![\w/])"
                r"|\d{1,5}(?:[ \u00a0]?\((?:19|20)\d\d\))"
                rf"|{OLD_NUMBER_REGEX})")
_OLD_NUMBER = re.compile(r"^(?P<n>\d{1,4}(?: [A-Z])?) ?\((?P<s>(?:S-)?[IVXLC]{1,8})\)$")
#: Bodies that numbered their resolutions "number (session)" in Roman numerals.
OLD_STYLE_BODIES = frozenset({"GA", "ECOSOC", "CND"})
_NUMBER = re.compile(NUMBER_REGEX)
_LINKED_NUMBER = rf"(?:\[{NUMBER_REGEX}\]\([^()\s]*\)|{NUMBER_REGEX})"
#: The number of a singular citation: also a bare Security Council number "resolution 1373".
_SC_BARE = r"\d{3,5}(?![\w/(]|[ \u00a0]\()"
PINPOINT_REGEX = (
    r"(?:(?:operative|preambular)[ \u00a0]+)?paragraphs?[ \u00a0]+\d+(?:[ \u00a0]?\([a-z]{1,4}\))?"
    r"(?:(?:[ \u00a0]*,[ \u00a0]*|[ \u00a0]+and[ \u00a0]+|[ \u00a0]+to[ \u00a0]+|[-\u2013])\d+"
    r"(?:[ \u00a0]?\([a-z]{1,4}\))?)*"
    r"|(?:section|chapter|part)[ \u00a0]+[IVXL]+(?:\.[A-Z])?"
    r"|annex(?:[ \u00a0]+[IVX]+)?")

CITATION_REGEX = re.compile(
    rf"(?<![\w\-])"
    rf"(?:(?P<pin>{PINPOINT_REGEX}){_WS}(?:of|to){_WS}(?:the{_WS})?)?"
    rf"(?:(?P<body>{_BODY_ALT}|{_SHORT_ALT})(?:'s)?{_WS})?"
    rf"(?P<kind>[Rr]esolution|[Dd]ecision)(?P<plural>s)?{_WS}"
    rf"(?P<nums>{_LINKED_NUMBER}(?:(?:[ \u00a0]*,[ \u00a0]*(?:and{_WS})?|{_WS}and{_WS})"
    rf"{_LINKED_NUMBER})*|{_SC_BARE})"
    rf"(?:{_WS}of{_WS}the{_WS}(?P<body2>{_BODY_ALT}|(?:{_SHORT_ALT})(?!{_WS}(?:on|of|for)\b)(?![\w\-])))?")
#: Bodies named anywhere in the text, for body-less citations: full names, acronyms and
#: "the Commission/Assembly/Council" when no "on/of/for" follows (that would be another body).
BODY_MENTION_REGEX = re.compile(
    rf"(?<![\w\-])(?:(?P<full>{_BODY_ALT})|[Tt]he{_WS}(?P<short>{_SHORT_ALT})"
    rf"(?!{_WS}(?:on|of|for)\b))(?![\w\-])")
_LINK = re.compile(r"\[([^\[\]]*)\]\([^()\s]*\)")


@dataclass(frozen=True)
class Citation:
    """A citation of one resolution or decision.

    ``body`` is a code of :data:`BODIES` (``"CND"``, ``"GA"``, ``"ECOSOC"``, ``"SC"``,
    ``"HRC"`` ...) or ``None`` if no rule finds one; ``kind`` is ``"resolution"`` or
    ``"decision"``; ``number`` as written (``"60/1"``, ``"S-30/1"``, ``"2253 (2015)"``);
    ``pinpoint`` as written (``"paragraph 97"``) or ``None``.  ``start``/``end`` delimit the
    citation in the searched text (code points, end exclusive); for the second and later
    numbers of a plural ("resolutions 58/4 and 59/3") just the number.  ``raw`` is that text
    with Markdown link markup removed and white space made single spaces.  ``form`` says how it
    was written: ``named`` (body before the kind word), ``short`` ("Commission resolution"),
    ``postfix`` ("of the General Assembly"), ``contextual`` (no body) or ``symbol``.
    """

    body: str | None
    kind: str
    number: str
    pinpoint: str | None
    start: int
    end: int
    raw: str
    form: str = "named"

    @property
    def key(self) -> str:
        """``"CND/decision/60/1"``; the body is ``"UNKNOWN"`` when ``None``."""
        return f"{self.body or 'UNKNOWN'}/{self.kind}/{self.number}"


def _clean(s: str) -> str:
    return re.sub(r"[\s\u00a0]+", " ", _LINK.sub(r"\1", s)).strip()


def _roman(numeral: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    total = 0
    for i, ch in enumerate(numeral):
        v = values[ch]
        total += -v if i + 1 < len(numeral) and values[numeral[i + 1]] > v else v
    return total


def old_number(number: str) -> str | None:
    """``"1776 (LIV)"`` for an old-style number written "1776(LIV)" or "1776 (LIV)" (one space
    before the parenthesis; the session numeral as printed), ``None`` for other numbers."""
    m = _OLD_NUMBER.match(" ".join(number.split()))
    return f"{m.group('n')} ({m.group('s')})" if m else None


def _style(number: str) -> str:
    """The numbering style of a number: ``year``, ``special`` (GA), ``sc``, ``old`` (Roman
    session) or ``session``."""
    if _OLD_NUMBER.match(number):
        return "old"
    if "(" in number or "/" not in number:
        return "sc"
    head = number.split("/")[0]
    if "S-" in head:
        return "special"
    return "year" if len(head) == 4 and head[:2] in ("19", "20") else "session"


def _compatible(code: str, style: str) -> bool:
    body = _BY_CODE.get(code)
    if body is None:
        return False
    if style == "special":
        return code == "GA"
    if style == "old":
        return code in OLD_STYLE_BODIES
    return body.numbering == style


def _default_body(number: str, context: str) -> str | None:
    """Body of a citation that names none and follows no compatible body name (documented rule
    in :func:`find_citations`)."""
    style = _style(number)
    if style == "old":
        m = _OLD_NUMBER.match(number)
        if m.group("s").startswith("S-"):
            return "GA"  # special sessions of the General Assembly: "3201 (S-VI)"
        if int(m.group("n").split()[0]) < 50:
            return context  # the Commission numbered a few resolutions per session: "6 (XXV)"
        return "ECOSOC" if _roman(m.group("s")) > 31 else "GA"
    return {"year": "ECOSOC", "special": "GA", "sc": "SC", "session": context}[style]


def find_citations(text: str, context: str | None = None) -> list[Citation]:
    """Find the resolutions and decisions cited in ``text`` (usually one paragraph), in order.

    Args:
        text: a paragraph (the nearest-body rule below looks only inside ``text``).
        context: code of the body that a bare "Commission" means and that session-numbered
            citations without a body default to: the report's parent body.  ``None`` means
            :data:`DEFAULT_CONTEXT` (``"CND"``: HONLEA meetings and the Subcommission report
            to the Commission on Narcotic Drugs).

    Body of a citation that names none ("decision 60/1", "in its resolution 56/10"):

    1. the nearest body named before it in ``text`` whose numbering fits the number
       (a full name, an acronym, "the Commission" = ``context``, "the Assembly" = GA,
       "the Council" = ECOSOC; ECOSOC numbers are year/number, Security Council ones
       number (year), the GA and commissions session/number, special sessions S-n/number);
    2. otherwise by the number's pattern: ``YYYY/n`` -> ECOSOC, ``S-n/n`` -> GA,
       ``n (YYYY)`` -> SC, ``n/n`` (session/number) -> ``context``; the old style ``n (ROMAN)``
       -> GA for a special session ``(S-VI)``, ``context`` for numbers below 50 (the Commission
       adopted a handful a session: CND resolution 3 (XXXII)), ECOSOC after session XXXI (the
       General Assembly used Roman sessions up to its thirtieth), else the General Assembly.

    Returns:
        :class:`Citation` objects in text order.  Never raises for any input.
    """
    ctx = context or DEFAULT_CONTEXT
    mentions = [(m.end(), _NAME_TO_CODE[_clean(m.group("full"))] if m.group("full")
                 else (SHORT_NAMES[m.group("short")] or ctx))
                for m in BODY_MENTION_REGEX.finditer(text)]
    out: list[Citation] = []
    taken: list[tuple[int, int]] = []
    for m in CITATION_REGEX.finditer(text):
        kind = m.group("kind").lower()
        named = m.group("body")
        if named:
            short = _clean(named)
            form = "short" if short in SHORT_NAMES else "named"
            code = (SHORT_NAMES[short] or ctx) if form == "short" else _NAME_TO_CODE[short]
        elif m.group("body2"):
            b2 = _clean(m.group("body2"))
            form, code = "postfix", (SHORT_NAMES[b2] or ctx) if b2 in SHORT_NAMES else _NAME_TO_CODE[b2]
        else:
            form, code = "contextual", None
        pin = _clean(m.group("pin")) if m.group("pin") else None
        nums = list(_NUMBER.finditer(text, m.start("nums"), m.end("nums")))
        if not nums:  # a bare number: "Security Council resolution 1373", "ECOSOC resolution 1845"
            # (an old-style ECOSOC or GA number printed without its session, genre item 45: kept as
            # printed when the body is named before it, never guessed from a bare "resolution 2018")
            if not (code == "SC" or code in ("ECOSOC", "GA") and form == "named"):
                continue
            nums = [re.match(r"\d+", text[m.start("nums"):m.end("nums")])]
            spans = [(m.start("nums"), m.end("nums"))]
        else:
            spans = [(n.start(), n.end()) for n in nums]
        for i, (n, (ns, ne)) in enumerate(zip(nums, spans)):
            number = _clean(n.group(0))
            number = old_number(number) or number
            body = code
            if body is None:
                style = _style(number)
                before = [c for e, c in mentions if e <= m.start() and _compatible(c, style)]
                body = before[-1] if before else _default_body(number, ctx)
            start = m.start() if i == 0 else ns
            end = ne
            if i == len(nums) - 1 and m.group("body2"):
                end = m.end()
            if ne < len(text) and text[ne] == "]":  # close a linked number
                lm = re.match(r"\]\([^()\s]*\)", text[ne:])
                end = max(end, ne + lm.end()) if lm else end
            out.append(Citation(body, kind, number, pin if i == 0 else None, start, end,
                                _clean(text[start:end]), form))
        taken.append((m.start(), m.end()))
    for sm in find_symbols(text):
        if any(s <= sm.start < e for s, e in taken):
            continue
        for sym_text in sm.symbols:
            try:
                sym = parse_symbol(sym_text)
            except ParseError:  # pragma: no cover - find_symbols only returns valid symbols
                continue
            if sym.kind not in ("RES", "DEC") or sym.joint:
                continue
            code = SYMBOL_BODIES.get((sym.body_prefix, sym.series))
            if code is None:
                continue
            number = "/".join(p for p in (sym.session, sym.number) if p)
            if sym.qualifier and sym.qualifier.isdigit():
                number = f"{number} ({sym.qualifier})"
            kind = "resolution" if sym.kind == "RES" else "decision"
            out.append(Citation(code, kind, number, None, sm.start, sm.end, sm.raw, "symbol"))
    out.sort(key=lambda c: (c.start, c.end))
    return out


# --- instruments cited by name ------------------------------------------------------------

_INSTRUMENT_EDGE = r"(?<![\w\-])"  # an instrument name starts a word


class Instrument(NamedTuple):
    """A row of ``gazetteers/instruments.csv``: ``key`` and ``label`` (may contain ``{n}``,
    filled from the pattern's group ``n``), compiled ``pattern``, ``adopted_by`` (a citation key
    such as ``"GA/resolution/64/182"`` or ``None``) and ``source`` (where the facts come from)."""

    key: str
    label: str
    pattern: re.Pattern
    adopted_by: str | None
    source: str


class InstrumentMention(NamedTuple):
    """An instrument named in text: ``key``, ``label``, ``start``, ``end`` (code points)."""

    key: str
    label: str
    start: int
    end: int


@lru_cache(maxsize=1)
def instrument_table() -> tuple[Instrument, ...]:
    """Load ``honlea_kg/gazetteers/instruments.csv`` (columns key, label, patterns: one Python
    regular expression, alternatives joined by ``|``; adopted_by, source; several rows may share
    a key: short forms).  Spaces in a pattern match any run of
    white space.  Raises :class:`ParseError` naming the row if a pattern does not compile."""
    path = resources.files("honlea_kg") / "gazetteers" / "instruments.csv"
    rows = []
    with path.open(encoding="utf-8", newline="") as fh:
        for line, row in enumerate(csv.DictReader(fh), start=2):
            pattern = row["patterns"].replace(" ", r"(?:[\s\u00a0]+)")
            try:
                rx = re.compile(rf"{_INSTRUMENT_EDGE}(?:{pattern})(?![\w\-])")
            except re.error as exc:
                raise ParseError(f"bad pattern for {row['key']!r}: {exc}", row["patterns"],
                                 path=str(path), line=line) from exc
            rows.append(Instrument(row["key"], row["label"], rx, row["adopted_by"] or None,
                                   row["source"]))
    return tuple(rows)


@lru_cache(maxsize=1)
def _instrument_regex() -> re.Pattern:
    """All rows of the table in one alternation (group ``i<k>`` for row k; one scan of the text
    instead of one per row).  At one position the earlier row wins: full names come first."""
    parts = []
    for k, inst in enumerate(instrument_table()):
        body = inst.pattern.pattern[len(_INSTRUMENT_EDGE):]
        parts.append(f"(?P<i{k}>{body.replace('(?P<n>', f'(?P<i{k}_n>')})")
    return re.compile(_INSTRUMENT_EDGE + "(?:" + "|".join(parts) + ")")


def find_instruments(text: str) -> list[InstrumentMention]:
    """Find instruments cited by name (the Political Declaration and Plan of Action, the outcome
    document of the thirtieth special session, the Tokyo/Bangkok/Nelson Mandela Rules,
    Sustainable Development Goal N, the three drug control conventions ...), in text order.

    Mentions do not overlap: the longest name wins ("... (the Tokyo Rules)" is one mention; the
    short "Political Declaration and Plan of Action" inside the full title is not counted
    again).  Never raises for any input (the table is checked when loaded).
    """
    table = instrument_table()
    out: list[InstrumentMention] = []
    for m in _instrument_regex().finditer(text):
        k = int(m.lastgroup[1:])
        n = m.group(f"i{k}_n") if f"i{k}_n" in m.re.groupindex else None
        inst = table[k]
        out.append(InstrumentMention(inst.key.replace("{n}", n or ""),
                                     inst.label.replace("{n}", n or ""), m.start(), m.end()))
    return out


__all__ = ["Citation", "Body", "BODIES", "find_citations", "Instrument", "InstrumentMention",
           "instrument_table", "find_instruments", "DEFAULT_CONTEXT"]
