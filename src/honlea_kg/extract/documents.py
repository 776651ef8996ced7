"""UN documents (the annex list and every paragraph citing one), citations of resolutions and
decisions, and instruments cited by name.

- The annex "List of documents before the ... Meeting" is a table: document symbol, agenda
  item, title (columns found by their header words, else in that order).  Ranges and lists
  ("L.1 and Add.1-Add.9", "CRP.2-22") are expanded in UN symbol style (gold judgement call 9).
- A paragraph cites every document whose symbol it writes, ranges expanded ("L.1 and Add.1-9"
  cites all ten); mentions inside agenda lines count for the paragraph holding the list
  (judgement call 10).
- A joint symbol (``E/2022/28-E/CN.7/2022/14``) is one document issued under two symbols: each
  symbol is a document the paragraph cites, and each names the other (``also_issued_as``).
- The report's own symbol (printed in the masthead, page headers) is never a document before
  the meeting nor a citation; symbols of resolutions (``A/RES/71/211``) are citations of the
  resolution, not of a document.
- Without an annex, the documents the Meeting "had before it" are the documents before the
  meeting, under the agenda item named in the same paragraph.
"""

from __future__ import annotations

import re

from ..facts import CitationFact, DocumentFact, InstrumentFact, MeetingFact
from ..model import Document
from .citations import find_citations, find_instruments
from .symbols import find_symbols, parse_symbol
from . import ParseError

_HEADER_SYMBOL = re.compile(r"(?i)\b(?:symbol|document)\b")
_HEADER_ITEM = re.compile(r"(?i)\bagenda\b|\bitem\b")
_HEADER_TITLE = re.compile(r"(?i)\btitle\b|\bdescription\b")
_ITEM_CELL = re.compile(r"^\s*(?P<n>\d{1,2})\s*(?:\(\s*(?P<l>[a-z])\s*\))?\s*$")
_BEFORE_IT = re.compile(r"(?i)\b(?:had\s+before\s+it|had\s+available\s+to\s+it|for\s+its\s+consideration)\b")
_ITEM_IN_TEXT = re.compile(r"(?i)\b(?:agenda\s+)?item\s+(?P<n>\d{1,2})(?:\s*\((?P<l>[a-z])\))?")
_CITATION_HINT = re.compile(r"(?i)resolution|decision|/RES/|/DEC/")
_RESOLUTION_KINDS = frozenset({"RES", "DEC", "PRST"})


def item_number(cell: str) -> str | None:
    """``"6 (a)"`` -> ``"6(a)"``; ``None`` if the cell is no agenda item number."""
    m = _ITEM_CELL.match(cell or "")
    if not m:
        return None
    return m.group("n") + (f"({m.group('l')})" if m.group("l") else "")


def own_symbols(doc: Document) -> set[str]:
    """Symbols printed in the report's masthead (front matter before the title): the report's
    own symbol, never a document before the meeting."""
    out: set[str] = set()
    for h in doc.front:
        if h.kind != "title":
            for m in find_symbols(h.text):
                out.update(m.symbols)
    return out


def _is_resolution_symbol(symbol: str) -> bool:
    try:
        s = parse_symbol(symbol)
    except ParseError:
        return False
    return (s.kind or "") in _RESOLUTION_KINDS


def _columns(rows) -> tuple[int, int | None, int | None, int]:
    """(symbol column, item column, title column, index of first data row)."""
    if rows:
        head = rows[0].cells
        if not any(find_symbols(c) for c in head):
            sym = next((i for i, c in enumerate(head) if _HEADER_SYMBOL.search(c)), 0)
            item = next((i for i, c in enumerate(head) if _HEADER_ITEM.search(c) and i != sym), None)
            title = next((i for i, c in enumerate(head) if _HEADER_TITLE.search(c) and i not in (sym, item)), None)
            return sym, item, title, 1
    n = max((len(r.cells) for r in rows), default=0)
    return 0, (1 if n >= 3 else None), (2 if n >= 3 else 1 if n == 2 else None), 0


def extract_documents(doc: Document, meeting: MeetingFact) -> tuple[list[DocumentFact], list[str]]:
    """Documents of the annex and those cited in paragraphs; returns (documents, warnings)."""
    own = own_symbols(doc)
    if own and not meeting.symbol:
        meeting.symbol = sorted(own)[0]
    docs: dict[str, DocumentFact] = {}
    warnings: list[str] = []
    rows = doc.annex_rows
    sym_col, item_col, title_col, first = _columns(rows)
    for row in rows[first:]:
        cells = row.cells
        if sym_col >= len(cells):
            continue
        mentions = find_symbols(cells[sym_col])
        if not mentions:
            continue
        item = item_number(cells[item_col]) if item_col is not None and item_col < len(cells) else None
        title = cells[title_col].strip() if title_col is not None and title_col < len(cells) else None
        for mention in mentions:
            joint = mention.symbols if mention.joint else []
            if mention.error:
                warnings.append(f"{doc.source.path}:{row.lines[0]}: symbol range {mention.raw!r}: {mention.error}")
            for sym in mention.symbols:
                if sym in own:
                    continue
                d = docs.setdefault(sym, DocumentFact(symbol=sym))
                d.in_annex = True
                d.before_meeting = True
                d.agenda_item = d.agenda_item or item
                d.title = d.title or title
                if mention.is_group:
                    d.collection = mention.raw
                d.also_issued_as.extend(o for o in joint if o != sym and o not in d.also_issued_as)
    has_annex = any(d.in_annex for d in docs.values())
    for p in doc.paragraphs:
        before = bool(_BEFORE_IT.search(p.text))
        item_m = _ITEM_IN_TEXT.search(p.text)
        item = (item_m.group("n") + (f"({item_m.group('l')})" if item_m.group("l") else "")) if item_m else None
        if "/" not in p.full_text:
            continue
        for mention in find_symbols(p.full_text):
            for sym in mention.symbols:
                if sym in own or _is_resolution_symbol(sym):
                    continue
                d = docs.setdefault(sym, DocumentFact(symbol=sym))
                if p.number not in d.cited_in:
                    d.cited_in.append(p.number)
                if mention.is_group and not d.collection:
                    d.collection = mention.raw
                if mention.joint:
                    d.also_issued_as.extend(o for o in mention.symbols if o != sym and o not in d.also_issued_as)
                if before and not has_annex:
                    d.before_meeting = True
                    d.agenda_item = d.agenda_item or item
    return list(docs.values()), warnings


def extract_citations(doc: Document, context: str = "CND") -> tuple[list[CitationFact], list[str]]:
    """Citations of resolutions and decisions, one per (paragraph, act, pinpoint)."""
    out: list[CitationFact] = []
    warnings: list[str] = []
    seen = set()
    for p in doc.paragraphs:
        if not _CITATION_HINT.search(p.full_text):
            continue
        for c in find_citations(p.full_text, context):
            if not c.body:
                warnings.append(f"{doc.source.path}:{p.lines[0]}: no adopting body for {c.raw!r}")
                continue
            key = (c.body, c.kind, c.number, p.number, c.pinpoint)
            if key in seen:
                continue
            seen.add(key)
            out.append(CitationFact(body=c.body, kind=c.kind, number=c.number, paragraph=p.number,
                                    pinpoint=c.pinpoint))
    return out, warnings


def extract_instruments(doc: Document) -> list[InstrumentFact]:
    """Instruments cited by name, each with the paragraphs naming it."""
    found: dict[str, InstrumentFact] = {}
    for p in doc.paragraphs:
        for m in find_instruments(p.full_text):
            inst = found.setdefault(m.key, InstrumentFact(key=m.key, label=m.label))
            if p.number not in inst.paragraphs:
                inst.paragraphs.append(p.number)
    return list(found.values())
