"""The model every format reader yields: physical lines of pages, with what the layout told.

A format reader (:mod:`.text`, :mod:`.markdown`, :mod:`.pdf`, :mod:`.docx`) turns a file into a
list of :class:`RawLine` in reading order; :func:`honlea_kg.reader.assemble.assemble` then
normalises them once (characters, page furniture, footnotes, tables, unwrapping) into the
:class:`honlea_kg.model.Source`.  A new format is one new module that yields these lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

#: Private-use characters that wrap a footnote reference inside a line's text
#: (``"session,\ue0001\ue001 including"``): the assembler removes them and records where the
#: marker was, so the marker never reaches the normalised text (Unicode private use area,
#: never in report text).
REF_OPEN, REF_CLOSE = "\ue000", "\ue001"


def footnote_ref(marker: str) -> str:
    """The in-line sentinel for a footnote reference with ``marker`` (``"1"``, ``"*"``)."""
    return f"{REF_OPEN}{marker}{REF_CLOSE}"


@dataclass
class RawLine:
    """One physical line of the original file (``lineno`` 1-based) on ``page`` (if known).

    ``kind`` is preset by readers that know the layout: ``text`` (a line the assembler must
    classify and unwrap), ``block`` (a whole paragraph: a Word paragraph), ``heading`` (a
    Markdown ``#`` heading, a Word heading style), ``row`` (a table row: ``cells`` holds the
    cells, ``text`` the cells joined by TAB; ``table`` numbers the table, ``header`` marks a
    header row), ``footnote`` (a footnote: ``marker`` is its marker, ``None`` for a further
    line of the footnote before), ``toc`` (a line of a table of contents) or ``furniture`` (a
    running header or footer the reader recognised from the page geometry; it is dropped but
    counts as a page boundary).  ``page_break`` is true for the first line after a form feed or
    a new PDF page.  ``right`` is the line's right edge in the same units as its indentation
    (characters) where the reader knows it better than ``len(text)``.
    """

    text: str
    lineno: int
    page: int | None = None
    kind: str = "text"
    page_break: bool = False
    cells: list[str] = field(default_factory=list)
    table: int | None = None
    header: bool = False
    marker: str | None = None
    level: int | None = None
    right: int | None = None


_OPEN_END = re.compile(r"(?:\b(?:and|or|of|the|for|in|on|to|with)|[,;:/\-–(])$", re.I)


def starts_row_without_first_cell(cells: list[str], previous: list[str]) -> bool:
    """Is a table line with an empty first cell a new row (a second holder of the office above:
    ``| Henrik Sørensen | Denmark`` under ``Vice-Chairs | Ana Marković | Serbia``) rather than the
    wrapped continuation of the row above?

    ``cells`` are the line's cells by column (``""`` where it has none), ``previous`` the cells of
    the row so far.  A new row fills every column but the first, each cell starting with a capital
    or a digit, and the row above is complete in those columns: every cell filled, its
    parentheses closed, not ending in a word or sign that goes on (``and``, ``of``, ``,``, ``–``).
    A word processor wraps a cell's text inside its column, so a continuation fills only the
    columns whose text was too long, and goes on from an unfinished cell.  In a table of two
    columns both cells must also end in a closed parenthesis (``Name (State)`` under ``Name
    (State)``): a wrapped title of a two-column list goes on in capitals too."""
    if len(cells) < 2 or cells[0] or len(previous) < len(cells):
        return False
    later, above = cells[1:], previous[1:len(cells)]
    if not all(c and (c[:1].isupper() or c[:1].isdigit()) for c in later):
        return False
    if len(cells) == 2 and not (later[0].rstrip().endswith(")") and above[0].rstrip().endswith(")")):
        return False
    return all(a and a.count("(") == a.count(")") and not _OPEN_END.search(a.rstrip()) for a in above)
