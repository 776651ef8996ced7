"""Markdown reports (CommonMark with pipe tables and footnotes, as pandoc writes them).

The Markdown structure is read here, once: ATX headings (``#``) become ``heading`` lines, pipe
tables ``row`` lines with their cells (the row before the ``|---|`` separator is the header),
footnote definitions ``[^1]: ...`` (with indented continuation lines) ``footnote`` lines, and
footnote references ``[^1]`` in-line sentinels (:func:`.lines.footnote_ref`).  Emphasis, escapes
and links are removed later by the assembler (:data:`honlea_kg.normalize.MARKUP_STEPS`).
"""

from __future__ import annotations

import re
from pathlib import Path

from ..normalize import markdown_heading
from .lines import RawLine, footnote_ref
from .text import decode, text_lines

_MD_FOOTDEF = re.compile(r"^\s{0,3}\[\^([^\]\s]+)\]:\s*(.*)$")
_MD_FOOTREF = re.compile(r"\[\^([^\]\s]+)\](?!:)")
_PIPE_ROW = re.compile(r"^\s*\|(.*)\|\s*$")
_PIPE_SEP = re.compile(r"^[\s|:\-]+$")


def pipe_cells(text: str) -> list[str] | None:
    """Cells of a pipe-table row ``| a | b |`` (``[]`` for the ``|---|`` separator), else ``None``."""
    m = _PIPE_ROW.match(text)
    if not m:
        return None
    inner = m.group(1)
    if _PIPE_SEP.match(inner):
        return []
    return [c.strip() for c in re.split(r"(?<!\\)\|", inner)]


def read(data: bytes, path: Path, warnings: list[str]) -> list[RawLine]:
    """Physical lines of a Markdown report, classified (see the module docstring)."""
    lines = text_lines(decode(data, path))
    out: list[RawLine] = []
    note_open = False
    table = -1
    in_table = False
    for i, ln in enumerate(lines):
        text = ln.text
        m = _MD_FOOTDEF.match(text)
        if m:
            out.append(RawLine(m.group(2), ln.lineno, ln.page, "footnote", ln.page_break, marker=m.group(1)))
            note_open = True
            continue
        if note_open and text.startswith((" ", "\t")) and text.strip():
            out.append(RawLine(text.strip(), ln.lineno, ln.page, "footnote", ln.page_break))
            continue
        note_open = False
        text = _MD_FOOTREF.sub(lambda mm: footnote_ref(mm.group(1)), text)
        h = markdown_heading(text)
        if h:
            out.append(RawLine(h[1], ln.lineno, ln.page, "heading", ln.page_break))
            in_table = False
            continue
        cells = pipe_cells(text)
        if cells is not None:
            if not in_table:
                table += 1
                in_table = True
            if not cells:
                continue  # the separator
            nxt = pipe_cells(lines[i + 1].text) if i + 1 < len(lines) else None
            header = nxt == []
            if not any(c.strip() for c in cells):
                continue  # an empty header row
            out.append(RawLine("\t".join(cells), ln.lineno, ln.page, "row", ln.page_break, cells=cells,
                               table=table, header=header))
            continue
        in_table = False
        out.append(RawLine(text, ln.lineno, ln.page, ln.kind, ln.page_break))
    return out
