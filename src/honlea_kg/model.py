"""Plain, typed values passed between the pipeline stages.

The data flow is ``read -> Source -> segment -> Document -> extract -> ReportFacts -> map -> rdflib
graph``.  Every value here is a frozen-ish dataclass that can be printed, compared in a test and
pickled into a worker process or a cache.  None of them knows anything about RDF.

Offsets are Python ``str`` indices (Unicode code points) into :attr:`Source.text`, the report's
*normalised* text, which is what the Web Annotation ``oa:TextPositionSelector`` counts
(W3C Web Annotation Data Model, section 4.2.5: positions in code points, end exclusive).
Line numbers are 1-based physical lines of the original file (for a PDF: of its extracted text).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from pathlib import Path


class HonleaError(Exception):
    """Base class of every error honlea-kg raises on purpose.

    ``path`` and ``line`` (1-based, optional) name where in which input file the problem is;
    ``str(err)`` renders as ``FILE:LINE: message`` so the CLI can print it on one line.
    """

    def __init__(self, message: str, path: str | Path | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line

    def __str__(self) -> str:
        where = self.path or ""
        if where and self.line:
            where = f"{where}:{self.line}"
        return f"{where}: {self.message}" if where else self.message


class QueryError(HonleaError):
    """A query could not be parsed or run (syntax error, missing data, endpoint failure)."""


class ReadError(HonleaError):
    """A file could not be read or decoded as a report (empty, binary, damaged, no text layer)."""


class SegmentError(HonleaError):
    """A readable file does not have the structure of a report (e.g. no numbered paragraphs)."""


class ExtractionError(HonleaError):
    """A report lacks a fact the graph cannot do without (e.g. which meeting it reports on)."""


@dataclass(frozen=True)
class Span:
    """A half-open character range ``[start, end)`` in :attr:`Source.text`."""

    start: int
    end: int


@dataclass(frozen=True)
class Block:
    """One logical line of a report after normalisation: a heading, a paragraph or part of one.

    ``text`` has no line breaks; ``span`` locates it in :attr:`Source.text`; ``lines`` is the
    inclusive range of original-file lines it came from (several for hard-wrapped text) and
    ``page`` the 1-based page where known (PDF, or page furniture seen in the text).
    ``kind`` is what the reader knows from the layout: ``text`` (prose, or a line the segmenter
    must classify), ``heading`` (a Markdown ``#`` heading or a Word heading/title style),
    ``row`` (a table row, cells separated by TAB), ``footnote`` (a page footnote) or ``toc`` (a
    line of a table of contents).
    For a ``row``, ``table`` numbers the table it belongs to (0, 1, ... in the order the reader
    met them; rows of one table split across pages share it) and ``header`` marks a header row.
    ``indent`` is the block's indentation from the body's left margin in character widths (text:
    columns; PDF: half the body font size; a hanging number and an indented sub-paragraph differ
    by it), ``None`` for footnotes; Word and Markdown blocks have 0.
    """

    text: str
    span: Span
    lines: tuple[int, int]
    page: int | None = None
    kind: str = "text"
    table: int | None = None
    header: bool = False
    indent: int | None = None


@dataclass
class Footnote:
    """A footnote: its marker (``*``, ``1``...), text (without the marker) and where it is.

    ``span`` covers the footnote's block in :attr:`Source.text`; ``anchor`` is the position of
    the marker it belongs to in the body text (``English*``), ``None`` if not found.
    """

    marker: str
    text: str
    span: Span
    lines: tuple[int, int]
    anchor: Span | None = None


@dataclass
class Source:
    """A report file read and normalised.

    ``text`` is the normalised text: the blocks joined with ``"\\n"``.  ``original_sha256`` is the
    SHA-256 (hex) of the file's bytes; ``text_sha256`` that of ``text`` encoded as UTF-8.
    ``fmt`` is the detected format (``txt``, ``md``, ``pdf`` or ``docx``).
    ``running_headers`` are the distinct texts of the running headers (and footers) the reader
    dropped as page furniture, page and job numbers aside: the report's own symbol as every page
    but the first prints it (``UNODC/HONLAP/44/5``), in a DOCX the text of its header parts.
    They are never part of :attr:`text`; the extraction reads the report's symbol from them.
    """

    path: Path
    fmt: str
    text: str
    blocks: list[Block]
    original_sha256: str
    text_sha256: str
    footnotes: list[Footnote] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    running_headers: list[str] = field(default_factory=list)

    def line_at(self, offset: int) -> int:
        """Return the original-file line (1-based) holding normalised character ``offset``."""
        starts = [b.span.start for b in self.blocks]
        i = max(0, bisect.bisect_right(starts, offset) - 1)
        return self.blocks[i].lines[0] if self.blocks else 1


@dataclass
class SubParagraph:
    """A lettered sub-paragraph ``(a) ...``; ``text`` excludes the ``(a)`` prefix, keeps the final ``;``/``.``."""

    letter: str
    text: str
    spans: list[Span]
    lines: tuple[int, int]


@dataclass
class ListItem:
    """An item of a numbered list inside a paragraph (an agenda), with lettered sub-items.

    ``number`` is ``"6"`` for an item and ``"6(a)"`` for a sub-item; ``raw`` keeps the final
    punctuation, ``title`` drops one final ``.``, ``;`` or ``:`` (gold README, "Agenda items").
    """

    number: str
    raw: str
    title: str
    span: Span
    lines: tuple[int, int]
    sub_items: list["ListItem"] = field(default_factory=list)


@dataclass
class TableRow:
    """One row of a table (officer list, annex list of documents); ``cells`` in column order.

    ``cells`` (``list[str]``) is each cell's text, cleaned (:func:`honlea_kg.normalize.clean_literal`:
    single spaces, no tabs or line breaks); a cell wrapped over several lines in the source is one
    string.  Cells keep their columns: ``cells[k]`` is the cell of column ``k``, an empty cell is
    ``""`` in its place (the empty role cell of a second Vice-Chair, the empty agenda-item cell of
    an annex row), so no cell ever moves to another column; only empty cells at the end of a row
    may be left out (:meth:`cell` gives ``""`` for them).  Every reader keeps them: a Word or
    Markdown table cell by cell; a PDF or plain-text table by the column its text starts in,
    and a line whose first cell is empty starts a new row when it fills every other column
    (:func:`honlea_kg.reader.lines.starts_row_without_first_cell`).  ``cell_spans`` gives, for each cell in the same order, its half-open span in
    :attr:`Source.text` (the normalised text), so a fact read from a cell can point at it; it is
    empty only for rows made by hand in tests.  ``span`` covers the whole row and ``lines`` the
    original-file lines it came from.  ``header`` is true for a header row (``Document number |
    Agenda item | Title``), which the extraction reads as column names, never as data; ``table``
    is the index of the row's :class:`Table` in :attr:`Document.tables` (``None`` for a row made
    outside a table, e.g. a ``Chair: Name (State)`` line of an officer list).
    """

    cells: list[str]
    span: Span
    lines: tuple[int, int]
    cell_spans: list[Span] = field(default_factory=list)
    header: bool = False
    table: int | None = None

    def cell(self, k: int) -> str:
        """Text of cell ``k`` (0-based), ``""`` if the row has fewer cells (a short row)."""
        return self.cells[k] if 0 <= k < len(self.cells) else ""


@dataclass
class Table:
    """A table of the report, one model for every input format.

    The readers (PDF: ruled or column-aligned cells from the page geometry; DOCX: ``w:tbl``;
    Markdown: pipe tables; plain text: column-aligned lines whose cells may wrap) all yield rows
    of cells; the segmenter collects them here.  ``rows`` are in reading order, header rows first
    (``header_rows`` of them, 0 when the table has no header: an officers table ``Chair: | Name
    (State)``).  A table split across pages whose header row is repeated on the next page is one
    table: the repeated header is dropped (it is page furniture, like a running header).
    ``columns`` is the largest number of cells in a row.  ``paragraph`` is the number of the
    numbered paragraph the table belongs to (an officers table after "elected the following
    officers:"), ``None`` for an annex table; ``annex`` is true for a table of the annex (the
    list of documents).  ``span`` covers all rows in :attr:`Source.text`; ``pages`` are the
    1-based pages it lies on where known.

    The extraction reads cells (``row.cells`` or :meth:`column`), never column positions.
    """

    rows: list[TableRow]
    header_rows: int = 0
    columns: int = 0
    paragraph: int | None = None
    annex: bool = False
    pages: tuple[int, ...] = ()

    @property
    def header(self) -> list[str]:
        """Column names: the header rows' cells joined per column (a two-line header ``Agenda`` /
        ``item`` is one row already; two header rows are joined with a space)."""
        if not self.header_rows:
            return []
        names = [""] * self.columns
        for row in self.rows[:self.header_rows]:
            for k, c in enumerate(row.cells[:self.columns]):
                names[k] = (names[k] + " " + c).strip()
        return names

    @property
    def body(self) -> list[TableRow]:
        """The data rows (all rows after the header rows)."""
        return self.rows[self.header_rows:]

    @property
    def span(self) -> Span | None:
        """From the first row's start to the last row's end, ``None`` for an empty table."""
        return Span(self.rows[0].span.start, self.rows[-1].span.end) if self.rows else None

    def column(self, name: str) -> int | None:
        """Index of the first column whose header contains ``name`` (case-insensitive), else ``None``."""
        for k, h in enumerate(self.header):
            if name.lower() in h.lower():
                return k
        return None


@dataclass
class Paragraph:
    """A numbered paragraph of the report body.

    ``text`` is the paragraph's own prose before its first sub-paragraph, list or table
    (continuation blocks cut by a page break are joined with one space); ``full_text`` adds
    sub-paragraphs, list items and table rows in reading order.  ``spans`` has one span per
    contiguous stretch of ``text`` in :attr:`Source.text`.  ``heading`` is the nearest
    preceding numbered topic heading inside the chapter, if any (``("1", "Use of the ...")``).
    """

    number: int
    chapter: str | None
    section: str | None
    text: str
    full_text: str
    spans: list[Span]
    lines: tuple[int, int]
    subparagraphs: list[SubParagraph] = field(default_factory=list)
    items: list[ListItem] = field(default_factory=list)
    rows: list[TableRow] = field(default_factory=list)
    heading: tuple[str, str] | None = None


@dataclass
class Heading:
    """A non-paragraph line: ``kind`` is one of ``title``, ``chapter``, ``section``, ``topic``,
    ``subheading``, ``annex``, ``front`` (date, language line), ``footnote``, ``toc`` (a line
    of the table of contents, which never opens a chapter) or ``row``."""

    kind: str
    text: str
    span: Span
    lines: tuple[int, int]
    number: str | None = None


@dataclass
class Chapter:
    """A chapter: Roman numeral, its integer, title and the numbers of its paragraphs."""

    roman: str
    number: int
    title: str
    span: Span
    lines: tuple[int, int]
    paragraphs: list[int] = field(default_factory=list)
    sections: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Document:
    """A report segmented into its structure.

    ``front`` holds the blocks before the first chapter (date, language line, title);
    ``annex`` holds the annex headings and table rows (e.g. the list of documents).
    ``warnings`` are numbering problems and the like, each naming file and line.
    ``tables`` holds every table of the report (:class:`Table`), in reading order; the same
    :class:`TableRow` objects are also in :attr:`Paragraph.rows` or :attr:`annex_rows`.
    """

    source: Source
    title: str | None
    front: list[Heading]
    headings: list[Heading]
    chapters: list[Chapter]
    paragraphs: list[Paragraph]
    annex_title: str | None = None
    annex_rows: list[TableRow] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)

    def paragraph(self, number: int) -> Paragraph | None:
        """Return paragraph ``number`` or ``None``."""
        for p in self.paragraphs:
            if p.number == number:
                return p
        return None
