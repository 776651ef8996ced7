"""Normalise the physical lines of any format once into the :class:`honlea_kg.model.Source`.

The steps, in order (each line keeps its original line number):

1. character normalisation of each line (:data:`honlea_kg.normalize.CHAR_STEPS`: NFC, ligatures
   decomposed, soft hyphens and zero-width characters dropped, odd spaces, control characters);
2. page furniture is dropped (job numbers, barcodes, page numbers and the running header that
   repeats the document symbol on every page but the first, wherever it interrupts a paragraph;
   the running headers' texts are kept apart in :attr:`Source.running_headers`) and a table of
   contents is set apart (:func:`toc_lines`: it never supplies chapters);
3. footnotes are set apart (after a ``______`` rule, ``* ...`` lines, or ``footnote`` lines a
   reader recognised) and footnote references become anchors, never text;
4. markup is removed (:data:`honlea_kg.normalize.MARKUP_STEPS`);
5. column-aligned tables (2+ spaces between columns, cells wrapped over several lines, a header
   on two lines) become rows of cells, a header row repeated after a page break is dropped;
6. hard-wrapped lines are unwrapped into logical blocks (:func:`unwrap`), joining line-end
   hyphenation by evidence (:func:`honlea_kg.normalize.dehyphenate`); text written one paragraph
   a line (:func:`one_paragraph_a_line`) is not unwrapped.

The blocks joined with ``"\\n"`` are :attr:`Source.text`, the text every character offset in the
graph refers to.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..model import Block, Footnote, ReadError, Source, Span
from ..normalize import (HyphenLexicon, collapse_spaces, dehyphenate, furniture_kind, is_footnote_rule,
                         is_suspended_hyphen, normalize_chars, remove_markup)
from .lines import REF_CLOSE, REF_OPEN, RawLine, footnote_ref, starts_row_without_first_cell

# Lines that always start a new logical block (UN report layout: numbered paragraphs, lettered
# sub-paragraphs, Roman-numbered chapters, lettered sections, bullets, the annex heading,
# ``Role: Name`` lines of an officer list).
_BLOCK_START = re.compile(
    r"^(?:\d{1,3}\.\s"
    r"|(?:[-–•*]\s*)?\((?:[a-z]{1,3}|[ivxlc]{1,6})\)\s"
    r"|[IVXLC]{1,7}\.\s"
    r"|[A-Z]\.\s"
    r"|[-–•]\s"
    r"|Annex(?:es)?(?:\s+[IVXLC]+)?\s*$"
    r"|(?:First |Second |Third |Fourth |1st |2nd |3rd |4th )?(?:Vice-)?(?:Chair|Chairperson|Chairman|Chairmen|"
    r"Chairwoman|Chairwomen|President|Rapporteur|Secretary)s?\s*:\s)")
#: Words after which a line-initial ``12.`` is a cross-reference wrapped to the next line
#: ("... in paragraph" / "12. The"), not a new numbered paragraph.
_REFERENCE_WORD = re.compile(r"(?:\b(?:paragraphs?|paras?\.?|items?|chapters?|annex|resolutions?|decisions?|"
                             r"pages?|and|or|of|in|to|from|on|by|under|see|No\.))$")
#: A line that is only a document symbol or only a number: a table cell on its own line (an
#: annex list of documents laid out one cell per line).
_CELL_LINE = re.compile(r"^(?:\d{1,3}|[A-Z][A-Z0-9.]*/[A-Z0-9./()\-\u2013]+(?:\s+and(?:\s+\S+)?)?)$")
#: The annex heading alone on its line (``Annex``, ``Annex II``, ``Annexes``): a block of its own,
#: never joined with the annex title after it, also when a page break falls between them.
_ANNEX_LINE = re.compile(r"^Annex(?:es)?(?:\s+[IVXLC]{1,6})?$")
_ENDS_SENTENCE = (".", ":", ";", "?", "!", "”", '"', ")", "’")
_STAR_FOOTNOTE = re.compile(r"^\s*(\*{1,3})\s+(\S.*)$")
_RULE_FOOTNOTE = re.compile(r"^\s*(\*{1,3}|\d{1,3}|[a-z]|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)\s+(\S.*)$")
_GLUED_STAR = re.compile(r"(?<=[^\s*])(\*{1,3})(?![\w*])")
_CELL_SPLIT = re.compile(r"\S(?:\S| (?! ))*")
#: A line of a table of contents: dot leaders (4+ dots, or spaced dots) ending the line or
#: followed by a page or paragraph number.
_TOC_LEADER = re.compile(r"(?:\.\s?){4,}\s*(?:\d{1,3}(?:\s*[-–]\s*\d{1,3})?)?\s*$")
_TOC_PAGE = re.compile(r"\S\s{2,}\d{1,3}(?:\s*[-–]\s*\d{1,3})?\s*$")
_TOC_HEAD = re.compile(r"^\s*(?:Contents|Table of contents|CONTENTS)\s*$")
_TOC_LABELS = re.compile(r"^\s*(?:Chapter|Paragraphs?)?\s*(?:Paragraphs?\s+)?Page\s*$")


@dataclass
class _Line:
    """A content line after furniture removal and markup (internal)."""

    text: str
    first: int
    last: int
    page: int | None
    kind: str  # text | heading | row | block
    blank_before: bool
    break_before: bool
    indent: int
    table: int | None = None
    header: bool = False
    right: int | None = None
    soft: bool = False


@dataclass
class _Note:
    marker: str
    parts: list[str]
    first: int
    last: int
    page: int | None


# --- furniture and footnotes -----------------------------------------------------------------

def running_headers(lines: list[RawLine], furniture: list[str | None]) -> frozenset[str]:
    """Lines that repeat at page boundaries (the document symbol printed on every page).

    A short line is a running header if it occurs within two non-blank lines of a page
    boundary (a form feed, a new PDF page or a job-number/page-number line) on at least half
    of the pages (and at least twice).  Without any page boundary there are no running headers.
    Linear in the number of lines.
    """
    boundary = [i for i, (ln, f) in enumerate(zip(lines, furniture)) if f or ln.page_break]
    if not boundary:
        return frozenset()
    breaks = sum(1 for ln in lines if ln.page_break)
    if not breaks:  # pages told only by footers: count runs of furniture lines
        breaks = sum(1 for i in boundary if i == 0 or not furniture[i - 1])
    nonblank = [i for i, ln in enumerate(lines) if ln.text.strip()]
    rank = {i: k for k, i in enumerate(nonblank)}
    brank = sorted({rank[i] for i in boundary if i in rank})
    if not brank:  # every boundary is a blank line (a lone form feed): nothing to be near
        return frozenset()
    near: Counter[str] = Counter()
    for i in nonblank:
        s = lines[i].text.strip()
        if len(s) > 80 or furniture[i] or _BLOCK_START.match(s):
            continue
        s = re.sub(r"^\*\d{6,8}\*", "", s).strip()
        if not s:
            continue
        r = rank[i]
        k = bisect.bisect_left(brank, r)
        dist = min(abs(brank[j] - r) for j in (k - 1, k) if 0 <= j < len(brank))
        if dist <= 2:
            near[s] += 1
    need = max(2, breaks // 2)
    return frozenset(s for s, c in near.items() if c >= need)


_SYMBOL_LINE = re.compile(r"^[A-Z][A-Z0-9.]*(?:/[A-Z0-9.()\-]+){2,}$")


def _bare(text: str) -> str:
    return re.sub(r"^\*\d{6,8}\*", "", text.strip()).strip()


def own_symbol_line(lines: list[RawLine]) -> str | None:
    """The report's own symbol when it is printed alone on a line near the top of the first page
    (the masthead, ``UNODC/HONLAP/44/5``) and again alone on at least one later line: those later
    lines are running headers (UN document layout: the symbol heads every page)."""
    seen = 0
    for ln in lines:
        t = _bare(ln.text)
        if not t:
            continue
        seen += 1
        if seen > 15:
            return None
        if _SYMBOL_LINE.match(t):
            if sum(1 for other in lines if _bare(other.text) == t) >= 2:
                return t
            return None
    return None


def toc_lines(lines: list[RawLine]) -> set[int]:
    """Indices of the lines of a table of contents (UN reports: ``Contents`` then entries with
    dot leaders and page or paragraph numbers; entries wrap).  The region runs from a
    ``Contents`` heading (or the first dot-leader line when three or more such lines come
    close together) to the last dot-leader line of the run; lines in between are entries'
    continuations.  Such lines never supply chapters: they repeat the body's headings."""
    leader = [i for i, ln in enumerate(lines) if ln.kind in ("text", "block", "toc") and _TOC_LEADER.search(ln.text)
              and len(ln.text.strip()) > 8]
    out: set[int] = {i for i, ln in enumerate(lines) if ln.kind == "toc"}
    # without dot leaders: after a "Contents" heading, entries ending in a page number set apart
    for h, ln in enumerate(lines):
        if not _TOC_HEAD.match(ln.text):
            continue
        entries: list[int] = []
        misses = 0
        for j in range(h + 1, min(len(lines), h + 200)):
            t = lines[j].text
            if not t.strip() or _TOC_LABELS.match(t):
                continue
            if _TOC_LEADER.search(t) or _TOC_PAGE.search(t):
                entries.append(j)
                misses = 0
            else:
                misses += 1
                if misses > 2:
                    break
        if len(entries) >= 3:
            out.update(range(h, entries[-1] + 1))
    if len(leader) < 3:
        return out
    k = 0
    while k < len(leader):
        run = [leader[k]]
        while k + 1 < len(leader) and leader[k + 1] - run[-1] <= 4:
            k += 1
            run.append(leader[k])
        k += 1
        if len(run) < 3:
            continue
        start = run[0]
        for j in range(max(0, run[0] - 4), run[0]):
            if _TOC_HEAD.match(lines[j].text) or _TOC_LABELS.match(lines[j].text):
                start = min(start, j)
        out.update(range(start, run[-1] + 1))
    return out


def running_header_texts(lines: list[RawLine], kept: list[RawLine | None]) -> list[str]:
    """The distinct texts of the dropped running headers and footers that are not only page
    furniture tokens (page and job numbers, barcodes): the report's symbol, a title printed on
    every page, in order of first appearance.  They are evidence of which report this is (its
    own symbol, genre-variations.md item 4) though never text of the report."""
    out: list[str] = []
    for ln, k in zip(lines, kept):
        if k is not None or not ln.text.strip():
            continue
        text = " ".join(_bare(ln.text).split())
        if text and furniture_kind(text) is None and text not in out:
            out.append(text)
    return out


def _strip_furniture(lines: list[RawLine], fmt: str) -> tuple[list[RawLine | None], list[bool]]:
    """Replace furniture lines with ``None``; return also, per line, whether a page boundary
    (form feed, new page, furniture) lies right before it."""
    base = [("header" if ln.kind == "furniture" else furniture_kind(ln.text) if ln.kind == "text" else None)
            for ln in lines]
    headers = running_headers(lines, base) if fmt != "docx" else frozenset()
    own = own_symbol_line(lines) if fmt != "docx" else None
    if own is not None:
        # the report's own symbol alone on a line after its first occurrence: a running header
        # (a plain-text export without page breaks), wherever it interrupts a paragraph
        first_own = next(i for i, ln in enumerate(lines) if _bare(ln.text) == own)
        for i in range(first_own + 1, len(lines)):
            if base[i] is None and lines[i].kind == "text" and _bare(lines[i].text) == own:
                base[i] = "header"
    first_boundary = next((i for i, (ln, f) in enumerate(zip(lines, base)) if f or ln.page_break), len(lines))
    out: list[RawLine | None] = []
    breaks: list[bool] = []
    pending = False
    for i, ln in enumerate(lines):
        kind = base[i]
        if kind is None and headers and ln.kind == "text" and i >= first_boundary:
            kind = furniture_kind(ln.text, headers)
        if kind is not None:
            out.append(None)
            breaks.append(False)
            pending = True
            continue
        if ln.page_break:
            pending = True
        out.append(ln)
        breaks.append(pending and bool(ln.text.strip()))
        if ln.text.strip():
            pending = False
    return out, breaks


_FOOT_START = re.compile(r"^\s*(?P<marker>\d{1,2})\s{1,6}(?P<text>[A-Z“\"‘(].*)$")
#: A footnote number glued to the word or punctuation it follows, as a converter prints a
#: superscript (``session.1 Speakers``, ``States,1``, ``2023”2``); never the number of a symbol
#: component (``CRP.1``, ``Add.1``) or a section (``No.1``).
_GLUED_NUMBER = r"(?:(?<=[a-z”’\)][.,;:])|(?<=[a-z”’\)]))(?<!Add\.)(?<!Corr\.)(?<!Rev\.)(?<!No\.)(?<!para\.)({n})(?=\s|$)"


#: A footnote number glued to the punctuation after a word or a closing quotation mark or
#: parenthesis, then a space or the line end; never a symbol component (``Add.1``, ``Corr.1``).
_GLUED_REFERENCE = re.compile(
    r"(?:(?<=[a-z][.,;:])|(?<=[”’\)][.,;:])|(?<=[”’\)]))(?<!Add\.)(?<!Corr\.)(?<!Rev\.)(?<!Amend\.)(?<!No\.)"
    r"(?<!para\.)(?<!paras\.)(?<!art\.)(?<!chap\.)(?<!sect\.)(?<!Suppl\.)(\d{1,2})(?=\s|$)")
_SPACED_NUMBER = r"(?:(?<=[a-z][.,;:] )|(?<=[”’\)] ))({n})(?=\s+[a-z]|\s+[A-Z][a-z])"
#: Glued after a year or another number and a full stop ("World Drug Report 2009.1"): taken only
#: when neither form above is found.
_GLUED_AFTER_NUMBER = r"(?<=\d\d[.,;:])({n})(?=\s|$)"


def _reference_to(marker: str, lines: list[RawLine | None], body: list[int]) -> int | None:
    """Make the last place in ``body`` (line indices) where footnote number ``marker`` is printed
    a footnote reference (:func:`.lines.footnote_ref`); return that line's index, ``None`` if the
    number is printed nowhere as a marker.  Glued to a word's punctuation first (``session.1``),
    else one space after it (``levels, 1 and``), else glued to a number (``Report 2009.1``)."""
    for form in (_GLUED_NUMBER, _SPACED_NUMBER, _GLUED_AFTER_NUMBER):
        pattern = re.compile(form.format(n=marker))
        for i in reversed(body):
            ln = lines[i]
            if ln.kind == "text":
                found = list(pattern.finditer(ln.text))
                if found:
                    m = found[-1]
                    ln.text = ln.text[:m.start()] + footnote_ref(marker) + ln.text[m.end():]
                    return i
    return None


def page_foot_notes(lines: list[RawLine | None]) -> None:
    """Numbered footnotes at the foot of a page of layout text that prints no footnote rule
    (``pdftotext -layout`` of a word processor's PDF draws the rule as a line, not as text).

    A page's last block of lines, after a blank line and before the page boundary (furniture or a
    form feed), is a footnote area when its first line (after any ``*`` notes) is ``N Text`` and
    ``N`` is printed glued to a word or punctuation mark earlier on the page or the page before
    (``session.1``; else one space after a punctuation mark, ``levels, 1 and``, or glued to a
    number, ``Report 2009.1``), the footnote numbers of the document in order.  Its lines become ``footnote`` lines (a line
    ``N Text`` starts footnote ``N``, the others continue the one before), and the glued number in
    the body becomes a footnote reference (:func:`.lines.footnote_ref`), never text.  Lines are
    changed in place; ``None`` entries are furniture (page boundaries)."""
    pages: list[list[int]] = [[]]
    for i, ln in enumerate(lines):
        if ln is None or ln.page_break:
            if pages[-1]:
                pages.append([])
            if ln is None:
                continue
        pages[-1].append(i)
    expected = 1
    body_before: list[int] = []
    for page in pages:
        content = [i for i in page if lines[i].text.strip()]
        if not content:
            continue
        # the last run of non-blank lines, after a blank line
        k = len(page) - 1
        while k >= 0 and not lines[page[k]].text.strip():
            k -= 1
        start = k
        while start > 0 and lines[page[start - 1]].text.strip():
            start -= 1
        run = page[start:k + 1]
        # "*" notes (the first page's) may come first: the numbered notes start after them
        while run and lines[run[0]].kind == "text" and _STAR_FOOTNOTE.match(lines[run[0]].text) and len(run) > 1:
            run = run[1:]
            start += 1
        head = _FOOT_START.match(lines[run[0]].text) if run and start > 0 and lines[run[0]].kind == "text" else None
        if head is None or int(head.group("marker")) != expected or any(lines[i].kind != "text" for i in run):
            body_before = page
            continue
        body = body_before + page[:start]
        if _reference_to(head.group("marker"), lines, body) is None:
            body_before = page
            continue
        for i in run:
            note = _FOOT_START.match(lines[i].text)
            if note is not None and int(note.group("marker")) == expected:
                if i != run[0]:
                    _reference_to(note.group("marker"), lines, body)
                lines[i].kind, lines[i].marker, lines[i].text = "footnote", note.group("marker"), note.group("text")
                expected += 1
            else:
                lines[i].kind, lines[i].marker, lines[i].text = "footnote", None, lines[i].text.strip()
        body_before = page[:start]


def _pages_from_furniture(lines: list[RawLine], kept: list[RawLine | None]) -> None:
    """Give text lines without page information the page implied by page furniture seen."""
    if any(ln.page is not None for ln in lines):
        return
    if all(k is not None for k in kept):
        return
    page = 1
    in_run = False
    for ln, k in zip(lines, kept):
        if k is None:
            if not in_run:
                page += 1
                in_run = True
            continue
        if ln.text.strip():
            in_run = False
        ln.page = page
    # a footer run at the very start would count one page too many: never happens in a report


# --- column-aligned tables -------------------------------------------------------------------

def _cells(text: str) -> list[tuple[int, str]]:
    """Cells of a line split at runs of 2+ spaces, as ``(start column, text)``."""
    return [(m.start(), m.group()) for m in _CELL_SPLIT.finditer(text)]


def _aligned(a: list[tuple[int, str]], b: list[tuple[int, str]]) -> bool:
    sa = {c for c, _ in a[1:]}
    return any(abs(c - s) <= 1 for c, _ in b[1:] for s in sa)


def _join_cell(parts: list[str], lexicon: HyphenLexicon | None) -> str:
    """Join the pieces of a wrapped table cell with spaces; a word a narrow column broke without
    a hyphen (``Agend`` + ``a item``) is rejoined when only the joined form is a word of the
    document."""
    out = ""
    for part in parts:
        part = " ".join(part.split())
        if not out:
            out = part
            continue
        w1 = re.findall(r"[^\W\d_]+$", out)
        w2 = re.findall(r"^[^\W\d_]+", part)
        if (lexicon is not None and w1 and w2
                and lexicon.count(w1[0] + w2[0]) > max(1, lexicon.count(w1[0]))):
            out += part
        elif re.search(r"[^\s]–$|\d-$", out) and part[:1].isalnum():
            out += part  # a symbol range wrapped at its dash (``CRP.1–`` | ``CRP.16``)
        elif out.endswith("-") and w2 and lexicon is not None and re.search(r"[^\W\d_]-$", out):
            out = out[:-1] + part if dehyphenate(out, part, lexicon) else out + part
        else:
            out += " " + part
    return out


#: A symbol cell that a converter ran into the agenda-item cell next to it.
_SYMBOL_THEN_ITEM = re.compile(r"^(?P<sym>[A-Z][A-Z0-9.]*/[A-Z0-9./()\-\u2013]+(?:\s+and)?)\s(?P<item>\d{1,2})$")


def _table_columns(first: list[tuple[int, str]], cand: list, lines: list[_Line], i: int) -> list[int]:
    """The column starts of a table whose first candidate line is ``lines[i]``: the starts of its
    cells and of the next aligned candidate lines' (up to six, no blank line between), close
    starts (within one column) merged.  A header whose cells a narrow column runs together
    (``Agenda item Title or description``) thus still gets the columns of the rows below it."""
    starts = sorted({st for st, _ in first})
    seen = first
    for j in range(i + 1, min(len(lines), i + 7)):
        if cand[j] is None or lines[j].blank_before or not _aligned(seen, cand[j]) and not _aligned(first, cand[j]):
            break
        starts = sorted(set(starts) | {st for st, _ in cand[j]})
        seen = cand[j]
    cols: list[int] = []
    for st in starts:
        if cols and st - cols[-1] <= 1:
            continue
        cols.append(st)
    return cols if len(cols) <= 4 else sorted({st for st, _ in first})


def _split_at_columns(cells: list[tuple[int, str]], cols: list[int]) -> list[tuple[int, str]]:
    """Cells of a line with a cell that runs over a column's start split there, where a space
    stands just before it (layout text with one space between two cells of a narrow column:
    ``Agenda item Title``, ``UNODC/HONLAC/19/L.1 and 9``)."""
    out: list[tuple[int, str]] = []
    for start, text in cells:
        for col in cols:
            # the next cell starts at the column, or one place before it (a converter's rounding)
            for k in (col - start, col - start - 1):
                if 1 < k < len(text) and text[k - 1] == " " and text[k] != " ":
                    out.append((start, text[:k - 1]))
                    start, text = start + k, text[k:]
                    break
        out.append((start, text))
    return out


def column_tables(lines: list[_Line], lexicon: HyphenLexicon | None = None, first_table: int = 0) -> list[_Line]:
    """Turn column-aligned tables (cells separated by 2+ spaces, aligned on the same columns
    in consecutive lines, cells possibly wrapped over several lines) into TAB-separated ``row``
    lines.  A candidate row has 2 to 4 cells (justified prose has many more gaps); a table needs
    two aligned candidate rows.  Lines without a first-column cell continue the cells of the
    previous row (or of the next row when they precede it and its cell goes on in lower case:
    a vertically centred cell of a PDF table).  Each table found gets the next table number
    from ``first_table`` on.  Linear in the number of lines.
    """
    table_no = first_table
    cand = []
    for ln in lines:
        c = _cells(ln.text) if ln.kind == "text" and "\t" not in ln.text else []
        cand.append(c if 2 <= len(c) <= 4 and not _BLOCK_START.match(ln.text.strip()) else None)
    out: list[_Line] = []
    i = 0
    n = len(lines)
    while i < n:
        c = cand[i]
        nxt = i + 1
        if c is None or not (nxt < n and cand[nxt] is not None and _aligned(c, cand[nxt])
                             or i > 0 and cand[i - 1] is not None and _aligned(cand[i - 1], c)):
            # a header whose second line is a continuation: look two ahead
            if not (c is not None and i + 2 < n and cand[i + 2] is not None and _aligned(c, cand[i + 2])
                    and not lines[i + 1].blank_before):
                out.append(lines[i])
                i += 1
                continue
        cols = _table_columns(c, cand, lines, i)
        rows: list[tuple[list[list[str]], int, int, _Line]] = []
        prefix: list[list[str]] | None = None
        j = i
        while j < n:
            ln = lines[j]
            if ln.kind != "text" or "\t" in ln.text:
                break
            cells = _cells(ln.text)
            if not cells or cells[0][0] < cols[0] - 1 or _BLOCK_START.match(ln.text.strip()):
                break
            if (ln.blank_before and not ln.break_before and j > i
                    and not (cand[j] is not None and cells[0][0] <= cols[0] + 1)):
                break
            slots: list[list[str]] = [[] for _ in cols]
            for start, text in _split_at_columns(cells, cols):
                k = max((q for q, s in enumerate(cols) if s <= start + 1), default=0)
                slots[k].append(text)
            if len(cols) >= 3 and slots[0] and not slots[1]:
                # an agenda item set one space after a wrapped symbol cell ("UNODC/X/19/L.1 and 9")
                m = _SYMBOL_THEN_ITEM.match(slots[0][-1])
                if m:
                    slots[0][-1], slots[1] = m.group("sym"), [m.group("item")]
            if slots[0] and len(cells) >= 2 or not rows and prefix is None and slots[0]:
                if prefix:
                    slots = [p + s for p, s in zip(prefix, slots)]
                    prefix = None
                rows.append((slots, ln.first, ln.last, ln))
            elif slots[0] and rows:
                rows[-1][0][0].extend(slots[0])
                rows[-1] = (rows[-1][0], rows[-1][1], ln.last, rows[-1][3])
            elif rows and prefix is None and starts_row_without_first_cell(
                    [" ".join(s) for s in slots], [_join_cell(s, lexicon) for s in rows[-1][0]]):
                rows.append((slots, ln.first, ln.last, ln))  # an empty first cell: a new row
            else:
                # continuation of later cells: previous row, or next row if vertically centred
                follow = next((q for q in range(j + 1, min(n, j + 3)) if not lines[q].blank_before or q == j + 1), None)
                nxt_cells = _cells(lines[follow].text) if follow is not None else []
                goes_next = False
                if nxt_cells and nxt_cells[0][0] <= cols[0] + 1 and len(nxt_cells) >= 2:
                    last_text = nxt_cells[-1][1]
                    goes_next = last_text[:1].islower() or not rows
                if goes_next or not rows:
                    prefix = [p + s for p, s in zip(prefix or [[] for _ in cols], slots)]
                else:
                    for k in range(len(cols)):
                        rows[-1][0][k].extend(slots[k])
                    rows[-1] = (rows[-1][0], rows[-1][1], ln.last, rows[-1][3])
            j += 1
        if len(rows) < 2:
            out.append(lines[i])
            i += 1
            continue
        for slots, first, last, ln0 in rows:
            cells_text = [_join_cell(s, lexicon) for s in slots]
            while cells_text and not cells_text[-1]:
                cells_text.pop()
            out.append(_Line("\t".join(cells_text), first, last, ln0.page, "row", ln0.blank_before,
                             ln0.break_before, ln0.indent, table_no))
        table_no += 1
        i = j
    return out


# --- unwrapping ------------------------------------------------------------------------------

def _right_edges_width(lines: list[_Line]) -> int:
    edges = sorted(ln.right if ln.right is not None else ln.indent + len(ln.text.strip())
                   for ln in lines if ln.kind == "text")
    if not edges:
        return 0
    return edges[int(len(edges) * 0.9)]


def one_paragraph_a_line(lines: list[_Line]) -> bool:
    """Is this text one paragraph a line, never hard-wrapped (a word processor's text export:
    LibreOffice writes each paragraph and each table cell on a line of its own, with no blank
    lines)?  True when blank lines are rare (at most 10 % of the lines) and lines longer than
    any line of a printed page (over 200 characters, white space collapsed, contents lines
    aside) are 3 % of the lines or more: hard-wrapped and layout text (``pdftotext -layout``) has
    none, and the converted text of the bundled report, one paragraph a line too, separates its
    paragraphs with blank lines.  Such lines are each a block of their own, never joined."""
    body = [ln for ln in lines if ln.kind != "toc"]
    if not body:
        return False
    blanks = sum(1 for ln in body if ln.blank_before)
    long = sum(1 for ln in body if len(" ".join(ln.text.split())) > 200)
    return blanks <= 0.10 * len(body) and long >= 0.03 * len(body)


def unwrap(lines: list[_Line], lexicon: HyphenLexicon, wrapped: bool) -> list[_Line]:
    """Join hard-wrapped physical lines into logical blocks (one ``_Line`` per block).

    A line continues the current block unless (rules for the UN report layout): it follows a
    blank line; it starts a numbered paragraph, lettered sub-paragraph, chapter, section,
    bullet, annex heading or officer line (``_BLOCK_START``); it is a heading, a table row or
    a right-aligned masthead line (indent 20+ columns beyond the body's); or the previous line
    ended a sentence well short of the text width.  After a page boundary (furniture removed)
    a line continues the block only if the block ended mid-sentence or the line starts in lower
    case.  A line-final hyphen is kept or dropped by :func:`honlea_kg.normalize.dehyphenate`;
    a suspended hyphen (``gender- and``) is joined with a space, a hyphen between a word and a
    number (``COVID-`` | ``19``, ``S-`` | ``30/1``) without one.  With ``wrapped=False`` (Word
    paragraphs) every line is its own block.
    """
    if not lines:
        return []
    width = _right_edges_width(lines) if wrapped else 0
    indents = Counter(ln.indent for ln in lines if ln.kind == "text")
    body_indent = indents.most_common(1)[0][0] if indents else 0
    out: list[_Line] = []
    cur: _Line | None = None
    prev_edge = 0
    prev_own = False
    prev_soft = False
    for ln in lines:
        # a table row keeps its empty cells (a leading TAB is an empty first cell, the role cell
        # of a second holder of one office): strip spaces only
        text = ln.text.strip(" ") if ln.kind == "row" else ln.text.strip()
        own = (ln.kind in ("heading", "row", "block", "toc") or bool(_ANNEX_LINE.match(text))
               or wrapped and (ln.indent > body_indent + 20 or bool(_CELL_LINE.match(text))))
        start = bool(_BLOCK_START.match(text))
        if start and wrapped and cur is not None and text[:1].isdigit() and _REFERENCE_WORD.search(cur.text):
            start = ln.blank_before
        new = (cur is None or not wrapped or own or prev_own or cur.kind != "text" or start)
        if not new and ln.break_before:
            ctext = cur.text.rstrip()
            new = ctext.endswith(_ENDS_SENTENCE) and not text[:1].islower()
        elif not new and ln.blank_before:
            new = True
        elif not new:
            ctext = cur.text.rstrip()
            new = (ctext.endswith((".", ";", ":", "!", "?")) and prev_edge < 0.7 * width
                   and not text[:1].islower())
        if new:
            if cur is not None:
                out.append(cur)
            cur = _Line(text, ln.first, ln.last, ln.page, ln.kind if ln.kind != "block" else "text",
                        ln.blank_before, ln.break_before, ln.indent, ln.table, ln.header)
        else:
            ctext = cur.text.rstrip()
            if prev_soft and text[:1].isalpha():
                joined = ctext + text  # a soft hyphen ended the line: one word
            elif re.search(r"[^\W\d_]-$", ctext) and text[:1].isdigit() and not ctext.endswith(" -"):
                joined = ctext + text  # a word-and-number compound broken at its hyphen: COVID-|19, S-|30/1
            elif re.search(r"[^\W\d_]-$", ctext) and text[:1].isalpha() and not ctext.endswith(" -"):
                if is_suspended_hyphen(text):
                    joined = ctext + " " + text
                elif dehyphenate(ctext, text, lexicon):
                    joined = ctext[:-1] + text
                else:
                    joined = ctext + text
            else:
                joined = ctext + " " + text
            cur.text = joined
            cur.last = ln.last
        prev_edge = ln.right if ln.right is not None else ln.indent + len(text)
        prev_own = own
        prev_soft = ln.soft
    if cur is not None:
        out.append(cur)
    return out


# --- assembling the Source -------------------------------------------------------------------

def _rows_of(text: str) -> list[str]:
    return text.split("\t")


def _drop_repeated_headers(lines: list[_Line]) -> list[_Line]:
    """Drop a table row that repeats the first row of its table after a page break (the header
    row a word processor repeats on every page a table spans)."""
    first: dict[int, str] = {}
    out: list[_Line] = []
    for ln in lines:
        if ln.kind == "row" and ln.table is not None:
            key = " ".join(ln.text.split())
            if ln.table not in first:
                first[ln.table] = key
            elif key == first[ln.table] and (ln.break_before or ln.header):
                continue
        out.append(ln)
    return out


def assemble(path: Path, fmt: str, raw: list[RawLine], data: bytes) -> Source:
    """Build the normalised :class:`Source` from the physical lines of any format (see the
    module docstring for the steps).

    :raises ReadError: if no text is left.
    """
    soft_end: set[int] = set()
    for ln in raw:
        if ln.text.rstrip().endswith("\u00ad"):
            soft_end.add(ln.lineno)  # a soft hyphen at the line end: the word goes on
        ln.text = normalize_chars(ln.text)
        if ln.cells:
            ln.cells = [normalize_chars(c) for c in ln.cells]
    for i in toc_lines(raw):
        raw[i].kind = "toc"
    kept, breaks = _strip_furniture(raw, fmt)
    headers = running_header_texts(raw, kept)
    _pages_from_furniture(raw, kept)
    if fmt == "txt":
        page_foot_notes(kept)

    notes: list[_Note] = []
    content: list[_Line] = []
    blank = False
    in_zone = False  # after a footnote rule, until the next page boundary
    note_open = False
    star_markers: set[str] = set()
    next_table = 1 + max((ln.table for ln in raw if ln.table is not None), default=-1)
    auto_from = next_table
    plain = fmt in ("txt", "pdf")
    for ln, brk in zip(kept, breaks):
        if ln is None:
            in_zone = False
            note_open = False
            continue
        text = ln.text
        if brk:
            in_zone = False
            note_open = False
        if not text.strip() and ln.kind != "row":
            blank = True
            note_open = False if not in_zone else note_open
            continue
        if ln.kind == "footnote":
            if ln.marker is None and notes:
                # a further line of the footnote before (also one continued at the next page's foot)
                notes[-1].parts.append(text)
                notes[-1].last = ln.lineno
            elif ln.marker is None:
                marker, _, body = text.strip().partition(" ")
                notes.append(_Note(marker, [body], ln.lineno, ln.lineno, ln.page))
            else:
                notes.append(_Note(ln.marker, [text], ln.lineno, ln.lineno, ln.page))
            continue
        if plain and ln.kind == "text" and is_footnote_rule(text):
            in_zone = True
            note_open = False
            continue
        if plain and ln.kind == "text":
            m = (_RULE_FOOTNOTE if in_zone else _STAR_FOOTNOTE).match(text)
            if m and not in_zone and m.group(1) not in star_markers:
                m = None  # "* item" is a bullet unless some line before carries the marker
            if m and not re.match(r"^\s*\*\d{6,8}\*", text):
                notes.append(_Note(m.group(1), [m.group(2)], ln.lineno, ln.lineno, ln.page))
                note_open = True
                blank = False
                continue
            if note_open and (in_zone or not blank):
                notes[-1].parts.append(text)
                notes[-1].last = ln.lineno
                continue
            note_open = False
        kind = ln.kind
        if kind == "row":
            cells = ln.cells if ln.cells else text.split("\t")
            text = "\t".join(" ".join(remove_markup(c).split()) for c in cells)
            if not text.strip():
                continue
        else:
            text = remove_markup(text).rstrip()
            if "\t" in text and kind in ("text", "block"):
                kind = "row" if len([c for c in text.split("\t") if c.strip()]) >= 2 else kind
                if kind != "row":
                    text = text.replace("\t", " ")
                else:
                    text = "\t".join(" ".join(c.split()) for c in text.split("\t"))
        if not text.strip():
            continue
        if fmt == "txt" and kind == "text":
            # a footnote number glued to the punctuation after a word ("session.1 Speakers",
            # "levels,1 and"), as a converter prints a superscript, is a reference, never text, also
            # where the converter dropped the footnote itself (LibreOffice's text export does)
            text = _GLUED_REFERENCE.sub(lambda g: footnote_ref(g.group(1)), text)
        if "*" in text:
            star_markers.update(_GLUED_STAR.findall(text))
        indent = len(text) - len(text.lstrip(" "))
        table = ln.table
        if kind == "row" and table is None:
            prev = content[-1] if content else None
            if prev is not None and prev.kind == "row" and prev.table is not None and prev.table >= auto_from:
                table = prev.table  # TAB-separated rows in a run: one table
            else:
                table = next_table
                next_table += 1
        content.append(_Line(text, ln.lineno, ln.lineno, ln.page, kind, blank, brk, indent, table, ln.header,
                             ln.right, ln.lineno in soft_end))
        blank = False

    wrapped = fmt != "docx" and not (fmt == "txt" and one_paragraph_a_line(content))
    lexicon = HyphenLexicon(ln.text for ln in content)
    if wrapped:
        content = column_tables(content, lexicon, next_table)
    content = _drop_repeated_headers(content)
    logical = unwrap(content, lexicon, wrapped)

    blocks: list[Block] = []
    parts: list[str] = []
    offset = 0
    ref_at: dict[str, Span] = {}
    ref_block: dict[str, int] = {}

    def emit(text: str, lg: _Line | None, first: int, last: int, page: int | None, kind: str) -> Block:
        nonlocal offset
        if parts:
            offset += 1
        if REF_OPEN in text:
            pieces = re.split(f"{REF_OPEN}([^{REF_CLOSE}]*){REF_CLOSE}", text)
            clean = pieces[0]
            for k in range(1, len(pieces), 2):
                ref_at.setdefault(pieces[k], Span(offset + len(clean), offset + len(clean)))
                ref_block.setdefault(pieces[k], len(blocks))
                clean += pieces[k + 1]
            text = clean
            if kind != "row":
                text = re.sub(r" {2,}", " ", text).strip(" ")
        b = Block(text=text, span=Span(offset, offset + len(text)), lines=(first, last), page=page, kind=kind,
                  table=lg.table if lg is not None and kind == "row" else None,
                  header=bool(lg is not None and kind == "row" and lg.header),
                  indent=lg.indent if lg is not None else None)
        blocks.append(b)
        parts.append(text)
        offset += len(text)
        return b

    # where each footnote goes: right after the block holding its reference, else after the
    # block holding the last body line before it (the foot of its page)
    firsts = [lg.first for lg in logical]
    refs_in: dict[str, int] = {}
    for idx, lg in enumerate(logical):
        for m in re.finditer(f"{REF_OPEN}([^{REF_CLOSE}]*){REF_CLOSE}", lg.text):
            refs_in.setdefault(m.group(1), idx)
    note_at: dict[int, list[_Note]] = {}
    for note in notes:
        idx = refs_in.get(note.marker)
        if idx is None:
            idx = bisect.bisect_right(firsts, note.first) - 1
        note_at.setdefault(idx, []).append(note)

    footnotes: list[Footnote] = []

    def emit_note(note: _Note) -> None:
        body = collapse_spaces(" ".join(p.strip() for p in note.parts))
        body = re.sub(f"{REF_OPEN}[^{REF_CLOSE}]*{REF_CLOSE}", "", body)
        b = emit(f"{note.marker} {body}", None, note.first, note.last, note.page, "footnote")
        footnotes.append(Footnote(marker=note.marker, text=body, span=b.span, lines=b.lines))

    for note in note_at.get(-1, []):
        emit_note(note)
    for idx, lg in enumerate(logical):
        if lg.kind == "row":
            text = "\t".join(collapse_spaces(c) for c in lg.text.split("\t"))
        else:
            text = collapse_spaces(lg.text)
        if text.strip():
            emit(text, lg, lg.first, lg.last, lg.page, lg.kind)
        for note in note_at.get(idx, []):
            emit_note(note)
    norm = "\n".join(parts)
    for fn in footnotes:
        fn.anchor = ref_at.get(fn.marker) or (_find_anchor(norm, fn) if fmt != "md" else None)
    if not any(b.kind not in ("footnote", "toc") for b in blocks):
        raise ReadError("no text: expected the text of a report", path)
    return Source(path=path, fmt=fmt, text=norm, blocks=blocks, original_sha256=hashlib.sha256(data).hexdigest(),
                  text_sha256=hashlib.sha256(norm.encode("utf-8")).hexdigest(), footnotes=footnotes,
                  running_headers=headers)


def _find_anchor(text: str, fn: Footnote) -> Span | None:
    """The first place before the footnote where its marker is glued to a word or to the
    punctuation after it (``English*``, ``States,1``)."""
    marker = re.escape(fn.marker)
    tail = r"(?!\d)" if fn.marker.isdigit() else r"(?![\w*])"
    m = re.search(rf"(?<=[^\W\d_.,;:”’)]|[.,;:”’)]){marker}{tail}", text[:fn.span.start])
    return Span(m.start(), m.end()) if m else None
