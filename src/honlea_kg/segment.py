"""Segment a normalised report into chapters, headings, numbered paragraphs and their parts.

UN reports number every body paragraph ``1.`` to ``N.`` in one running sequence across
chapters (UN Editorial Manual, "Numbering of paragraphs"); topic headings and agenda lists use
the same ``1.`` form.  The segmenter therefore decides by the running sequence, not by words:
a numbered block is the next paragraph only if its number is the one expected (or a little
ahead of it, or a repeat, when it reads like prose and no list is open: a numbering gap or
repeat, reported as a warning), and even then it is a heading when it looks like one (no final
punctuation) and the next numbered block carries the same number.  A block the reader knows to
be a heading (Markdown ``#``, a Word heading style) is never a paragraph.

Unnumbered blocks after a paragraph continue it (a page break cut it, or it is an unnumbered
block of the same paragraph) when they start in lower case, when the paragraph (or its last
sub-paragraph) has not ended a sentence, or when they read like prose (end like a sentence and
are long); short unpunctuated blocks are sub-headings.  After a list or table such a block
joins ``full_text`` only (``text`` is the prose before the first part).

Blocks the reader marked (:attr:`Block.kind`): ``footnote`` blocks become ``footnote`` headings
and never interrupt the open paragraph; ``row`` blocks (TAB-separated cells) are table rows of
the open paragraph (officer lists) or of the annex (list of documents).  ``Chair: Name (State)``
lines after a chapeau ending in ``:`` are two-cell rows too; in the annex a lone document symbol
opens a row whose next short blocks are its cells (one cell per line layout).
"""

from __future__ import annotations

import re

from .model import (Block, Chapter, Document, Heading, ListItem, Paragraph, SegmentError, Source, Span,
                    SubParagraph, Table, TableRow)
from .normalize import clean_literal

_ROMAN = re.compile(r"^(?P<num>[IVXLC]+)\.\s+(?P<title>\S.*)$")
_SECTION = re.compile(r"^(?P<num>[A-Z])\.\s+(?P<title>\S.*)$")
_NUMBERED = re.compile(r"^(?P<num>\d{1,4})\.\s+(?P<text>\S.*)$")
_LETTERED = re.compile(r"^(?:[-–•*]\s*)?\((?P<letter>[a-z]{1,3}|[ivx]{1,5})\)\s+(?P<text>\S.*)$")
_FOOTNOTE = re.compile(r"^(?P<marker>\*{1,3}|\d{1,2})\s+(?P<text>[A-Z].*)$")
_ANNEX = re.compile(r"^Annex(?:es)?(?:\s+[IVX]+)?$", re.I)
#: ``Chair: Name (State)`` officer lines (one per line layout of an officer list), also with a
#: press-style ordinal (``1st Vice-Chairman: Name (State)``).
_LABEL_ROW = re.compile(r"^(?P<label>(?:\d(?:st|nd|rd|th)\s+)?[A-Z][\w-]*(?:\s+[\w-]+){0,3}\s*:)\s+(?P<value>\S.*)$")
#: A second holder of the office on the officer line above, on a line of its own ("Vice-Chairmen:
#: Name (State)" then "Name (State)"): a name and the State in parentheses, nothing else.
_HOLDER_LINE = re.compile(r"^[A-Z][^:;.()]{2,80}\((?:[^()]|\([^()]*\)){2,80}\)$")
#: A document symbol opening an annex row in a one-per-line layout (``UNODC/HONEURO/12/1``,
#: a range with an en dash ``UNODC/HONLAP/45/CRP.1–CRP.14``).
_SYMBOL = re.compile(r"^[A-Z][A-Z0-9.]*/[A-Z0-9./()\-\u2013]+(?:\s+and(?:\s+\S+)?)?$")
#: The agenda-item cell of an annex row: "3", "6 (a)", "6(b)", or a dash for none.
_ITEM_CELL = re.compile(r"^(?:\d{1,2}(?:\s?\([a-z]\))?(?:\s*(?:,|and)\s*\d{1,2})*|[-\u2013\u2014])$")
#: How far ahead of the expected number a numbered prose block is still taken as a paragraph
#: (a numbering gap, warned about).
_MAX_GAP = 3


def roman_to_int(roman: str) -> int:
    """Convert a Roman numeral (``XI``) to an integer.

    :raises ValueError: for characters outside ``IVXLCDM``.
    """
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    total = 0
    for i, ch in enumerate(roman):
        v = values[ch]
        total += -v if i + 1 < len(roman) and values[roman[i + 1]] > v else v
    return total


def row_from_block(block: Block) -> TableRow:
    """A :class:`TableRow` from a ``row`` block (cells separated by TAB), each cell with its span
    in :attr:`Source.text` (leading and trailing spaces of the cell excluded); empty cells are
    kept in place so that columns stay aligned, trailing empty cells are dropped."""
    cells: list[str] = []
    spans: list[Span] = []
    pos = 0
    for raw in block.text.split("\t"):
        lead = len(raw) - len(raw.lstrip())
        start = block.span.start + pos + lead
        text = raw.strip()
        cells.append(clean_literal(text))
        spans.append(Span(start, start + len(text)))
        pos += len(raw) + 1
    while cells and not cells[-1]:
        cells.pop()
        spans.pop()
    return TableRow(cells=cells, span=block.span, lines=block.lines, cell_spans=spans, header=block.header)


def _looks_like_heading(text: str) -> bool:
    return not text.rstrip().endswith((".", ":", ";", ",")) and len(text) < 250


def _ends_sentence(text: str) -> bool:
    return text.rstrip().endswith((".", ":", ";", "?", "!", "”", '"', ")"))


class _Builder:
    def __init__(self, source: Source):
        self.source = source
        self.path = source.path
        self.front: list[Heading] = []
        self.headings: list[Heading] = []
        self.chapters: list[Chapter] = []
        self.paragraphs: list[Paragraph] = []
        self.warnings: list[str] = []
        self.annex_rows: list[TableRow] = []
        self.annex_title: str | None = None
        self.in_annex = False
        self.one_per_line = False
        self.section: str | None = None
        self.topic: tuple[str, str] | None = None
        self.current: Paragraph | None = None
        self.last_part = None  # the SubParagraph/ListItem/TableRow last appended, or None
        self.tables: list[Table] = []
        self.open_table: Table | None = None
        self.open_table_id: int | None = None

    # -- helpers -------------------------------------------------------------------------
    def heading(self, kind: str, block: Block, text: str, number: str | None = None) -> Heading:
        h = Heading(kind=kind, text=text, span=block.span, lines=block.lines, number=number)
        (self.front if not self.chapters and kind in ("front", "title") else self.headings).append(h)
        return h

    def close(self) -> None:
        self.current = None
        self.last_part = None
        self.open_table = None

    def add_row(self, row: TableRow, block: Block) -> TableRow:
        """Put ``row`` in the open table, or open a new :class:`Table` (a new reader table id, a
        different container, or a non-row block in between)."""
        t = self.open_table
        if t is None or (block.table is not None and block.table != self.open_table_id) or (
                row.header and t.rows and not t.rows[-1].header):
            t = Table(rows=[], paragraph=self.current.number if self.current is not None else None,
                      annex=self.in_annex)
            self.tables.append(t)
            self.open_table = t
            self.open_table_id = block.table
        row.table = len(self.tables) - 1 if t is self.tables[-1] else self.tables.index(t)
        t.rows.append(row)
        if row.header and len(t.rows) == t.header_rows + 1:
            t.header_rows += 1
        t.columns = max(t.columns, len(row.cells))
        if block.page is not None and block.page not in t.pages:
            t.pages = t.pages + (block.page,)
        return row

    def expected(self) -> int:
        return self.paragraphs[-1].number + 1 if self.paragraphs else 1

    # -- main loop -----------------------------------------------------------------------
    def run(self) -> Document:
        blocks = self.source.blocks
        numbered = [(i, int(m.group("num"))) for i, b in enumerate(blocks) if (m := _NUMBERED.match(b.text))]
        next_numbered = {}
        for k, (i, _n) in enumerate(numbered):
            next_numbered[i] = numbered[k + 1][1] if k + 1 < len(numbered) else None
        for i, block in enumerate(blocks):
            self.step(i, block, next_numbered)
        return self.finish()

    def step(self, i: int, block: Block, next_numbered: dict) -> None:
        text = block.text
        kind = block.kind
        if kind not in ("row", "footnote") and not (self.in_annex and self.one_per_line) \
                and not (_LABEL_ROW.match(text) and self.current is not None and self.in_table()) \
                and not self.second_holder(text):
            self.open_table = None
        if kind == "footnote":
            marker, _, body = text.partition(" ")
            self.heading("footnote", block, clean_literal(body), marker)
            return
        if kind == "toc":
            # a line of the table of contents: it repeats a heading of the body, never opens one
            self.headings.append(Heading(kind="toc", text=clean_literal(text), span=block.span, lines=block.lines))
            return
        if self.in_annex:
            self.annex(block)
            return
        if _ANNEX.match(text.strip()) and self.paragraphs:
            self.close()
            self.in_annex = True
            self.heading("annex", block, text.strip())
            return
        m = _ROMAN.match(text)
        if m and kind != "row" and self.next_chapter(m.group("num")):
            self.close()
            roman = m.group("num")
            self.chapters.append(Chapter(roman=roman, number=roman_to_int(roman), title=clean_literal(m.group("title")),
                                         span=block.span, lines=block.lines))
            self.heading("chapter", block, clean_literal(m.group("title")), roman)
            self.section = None
            self.topic = None
            return
        if not self.chapters:
            self.front_block(block)
            return
        m = _SECTION.match(text)
        if m and kind != "row" and _looks_like_heading(m.group("title")) and not _LETTERED.match(text):
            self.close()
            self.section = m.group("num")
            self.chapters[-1].sections.append((self.section, clean_literal(m.group("title"))))
            self.heading("section", block, clean_literal(m.group("title")), self.section)
            return
        if kind == "row":
            self.table_row(block)
            return
        m = _NUMBERED.match(text)
        if m:
            n = int(m.group("num"))
            body = m.group("text")
            if kind != "heading" and self.is_paragraph(n, body, next_numbered.get(i)):
                self.new_paragraph(n, body, block)
                return
            if kind != "heading" and self.current is not None and self.in_list():
                self.list_item(m.group("num"), body, block)
                return
            self.close()
            self.topic = (m.group("num"), clean_literal(body))
            self.heading("topic", block, clean_literal(body), m.group("num"))
            return
        if kind == "heading":
            self.close()
            self.heading("subheading", block, clean_literal(text))
            return
        m = _LETTERED.match(text)
        if m and self.current is not None:
            if self.current.items and self.current.items[-1].raw.rstrip().endswith(":") and not self.current.subparagraphs:
                self.sub_item(m.group("letter"), m.group("text"), block)
            else:
                sp = SubParagraph(letter=m.group("letter"), text=clean_literal(m.group("text")),
                                  spans=[self.span_after(block, m.start("text"))], lines=block.lines)
                self.current.subparagraphs.append(sp)
                self.last_part = sp
                self.extend(block)
            return
        m = _LABEL_ROW.match(text)
        if m and self.current is not None and self.in_table():
            s0 = block.span.start
            row = TableRow(cells=[clean_literal(m.group("label")), clean_literal(m.group("value"))],
                           span=block.span, lines=block.lines,
                           cell_spans=[Span(s0 + m.start("label"), s0 + m.end("label")),
                                       Span(s0 + m.start("value"), s0 + len(text.rstrip()))])
            self.add_row(row, block)
            self.current.rows.append(row)
            self.last_part = row
            self.extend(block)
            return
        if self.second_holder(text):
            # "Name (State)" under "Vice-Chairmen: Name (State)": a row whose role cell is empty
            s0 = block.span.start
            row = TableRow(cells=["", clean_literal(text)], span=block.span, lines=block.lines,
                           cell_spans=[Span(s0, s0), Span(s0, s0 + len(text.rstrip()))])
            self.add_row(row, block)
            self.current.rows.append(row)
            self.last_part = row
            self.extend(block)
            return
        m = _FOOTNOTE.match(text)
        if m and (self.current is None or _ends_sentence(self.current.full_text)) and m.group("marker").startswith("*"):
            self.heading("footnote", block, clean_literal(m.group("text")), m.group("marker"))
            return
        if self.current is not None and self.is_continuation(text):
            self.continuation(block)
            return
        self.close()
        self.heading("subheading", block, clean_literal(text))

    def is_paragraph(self, n: int, body: str, next_n: int | None) -> bool:
        """Is numbered block ``n. body`` the next body paragraph (by the running sequence)?"""
        expected = self.expected()
        if next_n == n and _looks_like_heading(body):
            return False  # a topic heading followed by the paragraph of the same number
        if n == expected:
            return True
        if self.current is not None and self.in_list():
            return False
        prose = body.rstrip().endswith((".", ":", ";", "”", ")")) and len(body) > 60
        # a gap (n a little ahead) or a repeat (n == last), in prose, with the sequence going on
        return prose and (expected < n <= expected + _MAX_GAP or n == expected - 1) and \
            (next_n is None or next_n == n + 1 or next_n == n)

    def table_row(self, block: Block) -> None:
        row = row_from_block(block)
        if self.current is None:
            if self.in_annex:
                self.annex_rows.append(self.add_row(row, block))
            else:
                self.headings.append(Heading(kind="row", text=block.text, span=block.span, lines=block.lines))
            return
        self.add_row(row, block)
        self.current.rows.append(row)
        self.last_part = row
        self.extend(block)

    def second_holder(self, text: str) -> bool:
        """Is ``text`` a second holder of the office on the officer line just read (a ``Name
        (State)`` line after a ``Role: Name (State)`` row of the open paragraph)?"""
        last = self.last_part
        return (self.current is not None and isinstance(last, TableRow) and len(last.cells) == 2
                and (last.cells[0].endswith(":") or not last.cells[0])
                and bool(_HOLDER_LINE.match(text.strip())))

    def in_table(self) -> bool:
        cur = self.current
        if cur is None or cur.subparagraphs or cur.items:
            return False
        return bool(cur.rows) or cur.text.rstrip().endswith(":")

    def next_chapter(self, roman: str) -> bool:
        """A Roman numeral opens a chapter only if it is the next in sequence (``C.`` after
        ``B.`` is a section letter, not chapter 100)."""
        try:
            value = roman_to_int(roman)
        except KeyError:
            return False
        return value == len(self.chapters) + 1

    def front_block(self, block: Block) -> None:
        text = clean_literal(block.text)
        kind = "title" if re.match(r"^Report of\b", text) else "front"
        self.heading(kind, block, text)

    def in_list(self) -> bool:
        cur = self.current
        if cur is None:
            return False
        if cur.items:
            return True
        return cur.text.rstrip().endswith(":") and not cur.subparagraphs

    def is_continuation(self, text: str) -> bool:
        """Does unnumbered block ``text`` continue the open paragraph (see module docstring)?"""
        cur = self.current
        last = self.last_part
        # A long prose block ending like a sentence continues the paragraph (gold README,
        # judgement call 1: UN reports number every body paragraph).
        # So does a shorter whole sentence ("Speakers referred to resolutions 54/7 and 54/9."):
        # headings never end with a full stop and are mostly capitalised words.
        words = text.split()
        sentence = (len(words) >= 6 and text.rstrip().endswith(".")
                    and sum(w[:1].isupper() for w in words) * 2 <= len(words))
        prose = (len(text) > 120 or sentence) and text.rstrip().endswith((".", ":", ";"))
        if isinstance(last, (ListItem, TableRow)):
            return prose or text[:1].islower()
        prev = last.text if isinstance(last, SubParagraph) else cur.text
        if text[:1].islower() or not _ends_sentence(prev):
            return True
        if prev.rstrip().endswith(":") and text.rstrip().endswith((".", ";")):
            return True  # the list a chapeau announces, cut from it by a page break ("...: Germany, Mexico.")
        return prose

    def span_after(self, block: Block, start_in_block: int) -> Span:
        return Span(block.span.start + start_in_block, block.span.end)

    def new_paragraph(self, n: int, body: str, block: Block) -> None:
        start = block.text.index(body)
        chapter = self.chapters[-1].roman if self.chapters else None
        p = Paragraph(number=n, chapter=chapter, section=self.section, text=clean_literal(body),
                      full_text=clean_literal(body), spans=[self.span_after(block, start)], lines=block.lines,
                      heading=self.topic)
        if self.paragraphs and n != self.paragraphs[-1].number + 1:
            what = "repeat" if n <= self.paragraphs[-1].number else "gap"
            self.warnings.append(f"{self.path}:{block.lines[0]}: paragraph {n} follows paragraph "
                                 f"{self.paragraphs[-1].number}: numbering {what}")
        elif not self.paragraphs and n != 1:
            self.warnings.append(f"{self.path}:{block.lines[0]}: the first paragraph is numbered {n}, not 1: "
                                 f"numbering gap")
        self.paragraphs.append(p)
        if self.chapters:
            self.chapters[-1].paragraphs.append(n)
        self.current = p
        self.last_part = None

    def extend(self, block: Block) -> None:
        cur = self.current
        cur.lines = (cur.lines[0], block.lines[1])
        cur.full_text = clean_literal(cur.full_text + " " + block.text)

    def continuation(self, block: Block) -> None:
        cur = self.current
        last = self.last_part
        if isinstance(last, SubParagraph):
            last.text = clean_literal(last.text + " " + block.text)
            last.spans.append(block.span)
            last.lines = (last.lines[0], block.lines[1])
        elif last is None:
            cur.text = clean_literal(cur.text + " " + block.text)
            cur.spans.append(block.span)
        # after a list or table the block is part of full_text only (text is the prose before it)
        self.extend(block)

    def list_item(self, num: str, body: str, block: Block) -> None:
        raw = clean_literal(body)
        item = ListItem(number=num, raw=raw, title=re.sub(r"[.;:]$", "", raw), span=block.span, lines=block.lines)
        self.current.items.append(item)
        self.last_part = item
        self.extend(block)

    def sub_item(self, letter: str, body: str, block: Block) -> None:
        parent = self.current.items[-1]
        raw = clean_literal(body)
        parent.sub_items.append(ListItem(number=f"{parent.number}({letter})", raw=raw,
                                         title=re.sub(r"[.;:]$", "", raw), span=block.span, lines=block.lines))
        self.extend(block)

    def annex(self, block: Block) -> None:
        """An annex block: a table row (TAB-separated), or in the one-cell-per-line layout a
        document symbol opening a row and the short lines after it (agenda item, title)
        filling its cells; otherwise the annex title or another annex heading."""
        text = block.text
        if block.kind == "footnote":
            return
        if block.kind == "row" or "\t" in text:
            self.annex_rows.append(self.add_row(row_from_block(block), block))
            self.one_per_line = False
        elif _SYMBOL.match(text.strip()) and self.annex_title is not None:
            row = TableRow(cells=[clean_literal(text)], span=block.span, lines=block.lines,
                           cell_spans=[Span(block.span.start, block.span.start + len(text.rstrip()))])
            self.annex_rows.append(self.add_row(row, block))
            self.one_per_line = True
        elif self.one_per_line and self.annex_rows and len(self.annex_rows[-1].cells) < 3:
            row = self.annex_rows[-1]
            if len(row.cells) == 1 and row.cells[0].endswith(" and") and re.match(r"^[A-Z][a-z]*\.\d", text.strip()):
                # the symbol cell on two lines: "UNODC/HONLAF/29/L.1 and" / "Add.1–Add.8"
                row.cells[0] = clean_literal(row.cells[0] + " " + text)
                row.cell_spans[0] = Span(row.cell_spans[0].start, block.span.start + len(text.rstrip()))
                row.span = Span(row.span.start, block.span.end)
                row.lines = (row.lines[0], block.lines[1])
                return
            if len(row.cells) == 1 and not _ITEM_CELL.match(text.strip()) and self.annex_has_item_column():
                # the agenda-item cell is empty (a text export leaves no line for it): the title
                row.cells.append("")
                row.cell_spans.append(Span(block.span.start, block.span.start))
            row.cells.append(clean_literal(text))
            row.cell_spans.append(Span(block.span.start, block.span.start + len(text.rstrip())))
            row.span = Span(row.span.start, block.span.end)
            row.lines = (row.lines[0], block.lines[1])
            if row.table is not None:
                self.tables[row.table].columns = max(self.tables[row.table].columns, len(row.cells))
        elif self.annex_title is None:
            self.annex_title = clean_literal(text)
            self.heading("annex", block, self.annex_title)
        else:
            self.heading("annex", block, clean_literal(text))

    def annex_has_item_column(self) -> bool:
        """Does the annex name an agenda-item column (a header "Agenda item" read as a heading or
        a header row), so that a title line after a symbol leaves that cell empty?"""
        return any(h.kind == "annex" and re.match(r"(?i)agenda\s+items?\b", h.text) for h in self.headings) or any(
            r.header and any(re.search(r"(?i)\bagenda\b", c) for c in r.cells) for r in self.annex_rows)

    def finish(self) -> Document:
        if not self.paragraphs:
            line = self.source.blocks[0].lines[0] if self.source.blocks else None
            raise SegmentError("no numbered paragraphs: expected a report with paragraphs 1., 2., ...",
                               self.path, line)
        for t in self.tables:
            # an annex table whose first row names columns (no symbol, no number) has a header
            if t.annex and not t.header_rows and len(t.rows) >= 2 and t.columns >= 2 and all(
                    c and len(c) < 40 and not re.search(r"[\d/]", c) for c in t.rows[0].cells):
                t.rows[0].header = True
                t.header_rows = 1
        title = next((h.text for h in self.front if h.kind == "title"), None)
        return Document(source=self.source, title=title, front=self.front, headings=self.headings,
                        chapters=self.chapters, paragraphs=self.paragraphs, annex_title=self.annex_title,
                        annex_rows=self.annex_rows, warnings=self.warnings, tables=self.tables)


def segment(source: Source) -> Document:
    """Segment ``source`` into a :class:`Document`.

    :raises SegmentError: if the text has no numbered paragraphs (not a report).
    """
    return _Builder(source).run()
