"""Coverage diagnostics: what a report printed that no extracted fact took.

The extraction never drops text silently.  After the facts are extracted, these checks compare
them with the report and return one warning per miss, naming the file and the line:

- **attendance and observer paragraphs**: every State (:mod:`.states`) and every listed
  organization (:mod:`.organizations`) named in a paragraph that says who was represented,
  attended or observed must be a participant of the meeting read from that paragraph (a list
  that was cut short or a name split in two shows up here);
- **symbols**: every symbol-shaped token in a paragraph (an organ in capitals, then at least two
  "/"-separated parts: ``UNODC/HONLAP/44/CRP.3``, ``E/2022/28``) must be part of a document
  symbol, range or list the documents extractor read (:func:`.symbols.find_symbols`), and every
  range must have expanded;
- **table rows**: every data row of a table must have given a fact: an officer (a row naming a
  person an officer fact of that paragraph holds), or a document (an annex row whose symbol
  cell gave a document, or the report's own symbol, left out on purpose);
- the checks the extraction already made join the same list: a report without a title naming
  its meeting, a title and symbol that disagree, no dates, and agenda item numbers (sittings,
  annex rows) absent from the adopted agenda.

The warnings are listed under ``coverage`` in the report's entry of ``build-info.json``, printed
like every warning, and fail ``--strict``.
"""

from __future__ import annotations

import re

from ..facts import ReportFacts
from ..model import Document, Paragraph, TableRow
from .organizations import names_at, org_fold
from .states import find_states
from .symbols import find_symbols
from .text import sentences

#: A sentence that says who attended: "were represented", "attended", "observers".
_ATTENDANCE = re.compile(r"(?i)\b(?:were|was)\s+(?:also\s+)?represented\b|\battended\b|\bobservers?\b"
                         r"|\bparticipated\b|\bwere\s+(?:also\s+)?present\b")
#: Something shaped like a UN document symbol: an organ in capitals and two or more parts.
SYMBOL_SHAPE = re.compile(r"(?<![\w/.\-])[A-Z]{1,10}(?:\.\d{1,5})?(?:/[A-Za-z0-9][A-Za-z0-9.\-]*){2,}")
_WORD_START = re.compile(r"(?<!\w)\w")


def _line(doc: Document, offset: int | None, fallback: int | None = None) -> int:
    if offset is None:
        return fallback or 1
    return doc.source.line_at(offset)


def _where(doc: Document, p: Paragraph) -> str:
    return f"{doc.source.path}:{p.lines[0]}"


def _organizations_in(text: str) -> list[tuple[str, str, int]]:
    """(name as written, gazetteer key, start) of every listed organization named in ``text``,
    longest names first at each word, not overlapping."""
    folded, offs = org_fold(text)
    out = []
    pos = 0
    for m in _WORD_START.finditer(folded):
        s = m.start()
        if s < pos:
            continue
        hits = names_at(text, folded, offs, s)
        if hits:
            end, key = hits[0]
            a, b = offs[s], offs[end - 1] + 1
            out.append((text[a:b], key, a))
            pos = end
    return out


def check_attendance(facts: ReportFacts) -> list[str]:
    """States and organizations named in attendance/observer paragraphs that no list took."""
    from .actors import organization_key

    doc = facts.document
    out: list[str] = []
    taken_states = {(s.iso3, s.paragraph) for s in facts.states if s.role in ("member", "observer")}
    taken_orgs: dict[int | None, set[str]] = {}
    for o in facts.organizations:
        taken_orgs.setdefault(o.paragraph, set()).add(organization_key(o.name, o.acronym)[0])
        taken_orgs[o.paragraph].add(o.name.casefold())
    for p in doc.paragraphs:
        text = p.text
        spans = [(s, e) for s, e in sentences(text) if _ATTENDANCE.search(text[s:e])]
        if not spans:
            continue
        for s, e in spans:
            sent = text[s:e]
            states = find_states(sent)
            orgs = _organizations_in(sent)
            took_any = any((iso, p.number) in taken_states for _g, iso, _a, _b in states) or bool(taken_orgs.get(p.number))
            if len(states) + len(orgs) < 2 and not took_any:
                continue  # a sentence naming one State in passing ("observers from Canada said")
            if not took_any and not re.search(r"(?i)represented|observers", sent):
                continue
            for as_given, iso, a, _b in states:
                if (iso, p.number) not in taken_states:
                    out.append(f"{_where(doc, p)}: coverage: paragraph {p.number} names the State "
                               f"{as_given!r} in an attendance or observer sentence, but no list of participants "
                               "or observers took it")
            for as_given, key, a in orgs:
                inside_state = any(sa <= a < sb for _g, _i, sa, sb in states)
                if inside_state or key in taken_orgs.get(p.number, set()):
                    continue
                if any(as_given.casefold() in n for n in taken_orgs.get(p.number, set())):
                    continue  # part of a longer name that was taken ("... of the Organization of American States")
                out.append(f"{_where(doc, p)}: coverage: paragraph {p.number} names the organization "
                           f"{as_given!r} in an attendance or observer sentence, but no list of observers took it")
    return out


def _symbol_texts(doc: Document):
    """(text, paragraph or None, line) of every text in which the documents extractor looks for
    symbols: paragraphs (with their lists and tables) and annex cells."""
    for p in doc.paragraphs:
        yield p.full_text, p, p.lines[0]
    for row in doc.annex_rows:
        yield " ".join(row.cells), None, row.lines[0]


def check_symbols(facts: ReportFacts) -> list[str]:
    """Symbol-shaped tokens that no symbol, range or list took, and ranges that did not expand."""
    doc = facts.document
    out: list[str] = []
    known = {d.symbol for d in facts.documents}
    for text, p, line in _symbol_texts(doc):
        if "/" not in text:
            continue
        mentions = find_symbols(text)
        where = f"{doc.source.path}:{line}"
        what = f"paragraph {p.number}" if p is not None else "the annex"
        for m in mentions:
            if m.error and p is not None:
                out.append(f"{where}: coverage: {what}: the range {m.raw!r} could not be expanded ({m.error})")
        for t in SYMBOL_SHAPE.finditer(text):
            token = t.group(0).rstrip(".")
            if any(m.start <= t.start() < m.end for m in mentions):
                continue
            if token in known:
                continue
            out.append(f"{where}: coverage: {what} writes {token!r}, shaped like a UN document symbol, "
                       "but no document took it (not a well-formed symbol?)")
    return out


#: Words of column headings ("Office | Name | State", "Document symbol | Agenda item | Title").
_HEADER_WORDS = re.compile(r"(?i)^(?:office|offices|role|post|position|name|names|state|states|country|member"
                           r"|document|documents|symbol|number|agenda|item|title|description|or|and|of)$")


def _is_header(row: TableRow) -> bool:
    """A row made only of column-heading words: a header the reader did not mark."""
    words = " ".join(row.cells).split()
    return bool(words) and all(_HEADER_WORDS.match(w.strip(":|")) for w in words)


def _row_text(row: TableRow) -> str:
    return " ".join(c for c in row.cells if c)


def check_rows(facts: ReportFacts) -> list[str]:
    """Data rows of tables that gave no fact (officer or document)."""
    doc = facts.document
    out: list[str] = []
    own = set()
    if facts.meeting.symbol:
        own.add(facts.meeting.symbol)
    from .documents import own_symbols

    own |= own_symbols(doc)
    annex_docs = {d.symbol for d in facts.documents if d.in_annex}
    officers_by_para: dict[int | None, list[str]] = {}
    for o in facts.officers:
        officers_by_para.setdefault(o.paragraph, []).append(o.person)
    for p in doc.paragraphs:
        for row in p.rows:
            if getattr(row, "header", False) or not _row_text(row).strip() or _is_header(row):
                continue
            text = _row_text(row)
            if any(name in text for name in officers_by_para.get(p.number, [])):
                continue
            out.append(f"{doc.source.path}:{row.lines[0]}: coverage: a row of the table in paragraph {p.number} "
                       f"gave no fact: {text[:120]!r}")
    rows = doc.annex_rows
    for i, row in enumerate(rows):
        if getattr(row, "header", False) or not _row_text(row).strip():
            continue
        syms = [s for m in find_symbols(_row_text(row)) for s in m.symbols]
        if not syms and (i == 0 or _is_header(row)):
            continue  # the header row of a table the reader did not mark
        if any(s in annex_docs or s in own for s in syms):
            continue
        out.append(f"{doc.source.path}:{row.lines[0]}: coverage: an annex row gave no document: "
                   f"{_row_text(row)[:120]!r}")
    return out


def check_coverage(facts: ReportFacts) -> list[str]:
    """Every coverage warning of one report (see the module docstring), in a stable order."""
    return check_attendance(facts) + check_symbols(facts) + check_rows(facts)


__all__ = ["check_coverage", "check_attendance", "check_symbols", "check_rows", "SYMBOL_SHAPE"]
