"""Small text helpers shared by the extractors: sentences, quoted titles, ordinals in prose,
personal names, title comparison.

All patterns are compiled once at import.  Nothing here knows about one report's wording: the
rules follow UN editorial conventions (United Nations Editorial Manual: titles of agenda items
and topics are quoted with curly quotes; ordinals of meetings are words in titles and figures
for sittings; personal names are followed by the State in parentheses in lists of officers).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .ordinals import parse_ordinal
from . import ParseError

_UNIT = ("first|second|third|fourth|fifth|sixth|seventh|eighth|ninth")
_TEENS = ("tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth"
          "|nineteenth")
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_TENTHS = "twentieth|thirtieth|fortieth|fiftieth|sixtieth|seventieth|eightieth|ninetieth"
_HYPH = r"[-\u2010\u2011\u2013 ]"
_BELOW_100 = rf"(?:(?:{_TENS}){_HYPH}(?:{_UNIT})|{_TENTHS}|{_TEENS}|{_UNIT})"
_HUNDREDS = r"(?:(?:one|two|three|four|five|six|seven|eight|nine)\s+|a\s+)?hundred"
#: An ordinal written as a word ("Twelfth", "Twenty-eighth", "twenty eighth", "One hundredth",
#: "one hundred and first", "Hundred-and-Second") or a figure ("41st", "101st"); any case.
ORDINAL = (rf"(?:{_HUNDREDS}(?:{_HYPH}+and)?{_HYPH}+{_BELOW_100}|{_HUNDREDS}th|{_BELOW_100}"
           r"|\d{1,3}(?:st|nd|rd|th))")
ORDINAL_RE = re.compile(rf"(?i)\b{ORDINAL}\b")

_KIND_RE = re.compile(r"(?i)\b(meeting|session)\b")
_ORD_END_RE = re.compile(rf"(?i)\b({ORDINAL})\s+$")
_TAIL_RE = re.compile(r"\s+of\s+(?:the\s+)?[^.;:\u201d\"]{0,160}")


class MeetingMention:
    """A mention "the Twelfth Meeting" / "fifty-second session" (+ "of the ..." tail) in a text:
    ``group("ord"|"kind"|"tail")``, ``start()``, ``end()`` like a regex match."""

    __slots__ = ("_groups", "_start", "_end")

    def __init__(self, ord_text: str, kind: str, tail: str | None, start: int, end: int):
        self._groups = {"ord": ord_text, "kind": kind, "tail": tail}
        self._start, self._end = start, end

    def group(self, name: str):
        return self._groups[name]

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end


def meeting_mentions(text: str) -> list[MeetingMention]:
    """Every "<ordinal> Meeting/session" in ``text`` with its "of the ..." tail, in order.

    Found by the word "meeting"/"session" first and the ordinal just before it (fast: reports
    have few such words)."""
    out = []
    for m in _KIND_RE.finditer(text):
        pre = text[max(0, m.start() - 60):m.start()]
        o = _ORD_END_RE.search(pre)
        if not o:
            continue
        t = _TAIL_RE.match(text, m.end())
        start = m.start() - (len(pre) - o.start())
        out.append(MeetingMention(o.group(1), m.group(1), t.group(0) if t else None, start,
                                  t.end() if t else m.end()))
    return out


_QUOTED = re.compile(r"[\u201c\"][^\u201c\u201d\"]{0,600}[\u201d\"]")
#: A sentence ends at ".", "!" or "?" before white space and a capital, an opening quote or a
#: parenthesis; not after a personal initial ("Ricardo E. Solís", but Roman numerals I, V and X
#: can end a sentence: "see chapter V. The ...") nor after "St.", "Mr.", "Mrs.", "Ms.", "Dr.",
#: "No.", "Nos.", "Add.", "Corr.", "Rev.", "para.", "paras.".
_SENTENCE_END = re.compile(r"(?<=[.!?])(?<!\b[A-HJ-UWYZ]\.)(?<!\bSt\.)(?<!\bMr\.)(?<!\bMs\.)(?<!\bDr\.)"
                           r"(?<!\bMrs\.)(?<!\bNo\.)(?<!\bNos\.)(?<!\bAdd\.)(?<!\bRev\.)(?<!\bCorr\.)"
                           r"(?<!\bpara\.)(?<!\bparas\.)[\u201d\"]?\s+(?=[A-Z\u201c(])")


def ordinal_value(text: str) -> int | None:
    """The integer of an ordinal word or figure, ``None`` if ``text`` is not one."""
    try:
        return parse_ordinal(text)
    except ParseError:
        return None


def mask_quotes(text: str) -> str:
    """``text`` with every quoted title (“...” or "...") replaced by spaces of the same length,
    so offsets stay valid and words inside titles are not read as the sentence's own words."""
    return _QUOTED.sub(lambda m: " " * len(m.group(0)), text)


def sentences(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` offsets of the sentences of ``text``.

    A sentence ends at ``.``, ``!`` or ``?`` followed by white space and a capital letter or an
    opening quote/parenthesis; dots inside quoted titles and inside document symbols
    ("L.1", "Add.1-9") do not end a sentence.  (Results are cached: the extractors split the
    same paragraphs several times.)
    """
    return list(_sentences(text))


@lru_cache(maxsize=4096)
def _sentences(text: str) -> tuple[tuple[int, int], ...]:
    masked = mask_quotes(text)
    out, start = [], 0
    for m in _SENTENCE_END.finditer(masked):
        # "Add.1" / "No. 5": a dot after an abbreviation followed by a digit is no end
        out.append((start, m.start()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return tuple((s, e) for s, e in out if text[s:e].strip())


_LETTER_UP = r"[A-Z\u00c0-\u00d6\u00d8-\u00de\u0100-\u017f\u0400-\u042f]"
_WORD = rf"{_LETTER_UP}[\w\u2019'\-\u2010.]*"
_PARTICLE = r"(?:de|da|do|dos|das|del|della|di|du|van|von|der|den|ten|ter|la|le|al|el|bin|ibn|y|e|zu)"
#: A personal name: two to six capitalised words, with lower-case particles inside
#: ("Pedro Moitinho de Almeida", "Bente Angell-Hansen", "Abdel Rahman al-Khatib").
PERSON_NAME = rf"{_WORD}(?:\s+(?:{_PARTICLE}\s+)*{_WORD}){{1,5}}"

#: Words that never occur in a personal name as reports print them: they mark institutions,
#: places, positions or sentence openings.
NOT_NAME_WORDS = frozenset("""
the a an in on of at by for to and or with from as this that these those its their his her
meeting meetings session commission office united nations republic federation states state
kingdom union organization organisation council assembly committee secretariat programme
conference agency agencies bureau police national international european african asian
general executive director chair chairperson chairman vice-chair rapporteur president secretary
minister ministry deputy head heads representative representatives ambassador delegation
delegations government governments mr mrs ms dr h.e. his excellency also statements statement
introductory report annex document agenda item items draft drug drugs law enforcement world
plurinational bolivarian democratic
""".split())


def looks_like_person(name: str) -> bool:
    """True if ``name`` can be a personal name: 2-6 words, each capitalised or a particle, none of
    them an institution/position/function word (:data:`NOT_NAME_WORDS`)."""
    words = name.split()
    if not 2 <= len(words) <= 6:
        return False
    caps = 0
    for w in words:
        lw = w.lower().strip(".,")
        if lw in NOT_NAME_WORDS:
            return False
        if w[0].isupper():
            caps += 1
        elif not re.fullmatch(_PARTICLE, w) and not re.match(r"(?:al|el|bin|ibn)[-\u2010]", w):
            return False
        if any(c.isdigit() for c in w):
            return False
    return caps >= 2


_NORM_DROP = re.compile(r"[^\w\s]")


def norm_title(text: str) -> str:
    """Comparable form of a title: NFKC, case-folded, punctuation dropped (hyphens become spaces),
    white space collapsed, a leading "the" dropped."""
    t = unicodedata.normalize("NFKC", text).casefold().replace("-", " ").replace("\u2010", " ")
    t = " ".join(_NORM_DROP.sub(" ", t).split())
    return t[4:] if t.startswith("the ") else t


def title_similarity(a: str, b: str) -> float:
    """Dice coefficient of the word sets of two titles after :func:`norm_title` (0..1)."""
    wa, wb = set(norm_title(a).split()), set(norm_title(b).split())
    if not wa or not wb:
        return 0.0
    return 2 * len(wa & wb) / (len(wa) + len(wb))


def strip_terminal(text: str) -> str:
    """``text`` without white space and one terminal ``.``, ``;`` or ``:`` (gold README,
    "Agenda items": ``title`` is ``raw`` without its terminal punctuation)."""
    t = text.strip()
    return t[:-1].rstrip() if t.endswith((".", ";", ":")) else t
