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
    ``row`` (a table row, cells separated by TAB) or ``footnote`` (a page footnote).
    """

    text: str
    span: Span
    lines: tuple[int, int]
    page: int | None = None
    kind: str = "text"


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
    """

    path: Path
    fmt: str
    text: str
    blocks: list[Block]
    original_sha256: str
    text_sha256: str
    footnotes: list[Footnote] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

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
    """One row of a table (officer list, annex list of documents); ``cells`` in column order."""

    cells: list[str]
    span: Span
    lines: tuple[int, int]


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
    ``subheading``, ``annex``, ``front`` (date, language line)."""

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

    def paragraph(self, number: int) -> Paragraph | None:
        """Return paragraph ``number`` or ``None``."""
        for p in self.paragraphs:
            if p.number == number:
                return p
        return None
