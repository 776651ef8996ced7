"""Read report files (``.txt``, ``.md``, ``.pdf``, ``.docx``) into a normalised :class:`Source`.

The format is chosen by content first, extension second (:func:`sniff_format`): ``%PDF-`` magic
is a PDF whatever the name, a ZIP holding ``word/document.xml`` is a DOCX, anything else is text
(Markdown if it ends in ``.md``).  Every format is turned into physical lines
(:class:`RawLine`: text, 1-based line number, page), and one pipeline makes the logical blocks:

1. character normalisation of each line (:data:`honlea_kg.normalize.CHAR_STEPS`);
2. page furniture is dropped (job numbers, barcodes, page numbers and the running header that
   repeats the document symbol on every page but the first) and footnotes are set apart
   (after a ``______`` rule, ``* ...`` lines, Markdown ``[^1]:`` definitions, Word footnotes);
3. markup is removed (:data:`honlea_kg.normalize.MARKUP_STEPS`, Markdown headings, pipe tables);
4. column-aligned tables (2+ spaces between columns, cells wrapped over several lines) become
   TAB-separated rows;
5. hard-wrapped lines are unwrapped into logical blocks (:func:`unwrap`), joining line-end
   hyphenation by the evidence of the document itself (:func:`honlea_kg.normalize.dehyphenate`).

The blocks joined with ``"\\n"`` are :attr:`Source.text`, the text every character offset in the
graph refers to.  Line numbers are those of the original file; for a PDF they are the lines of
its extracted text (pages in order, pypdf "layout" extraction) and each block also knows its
page; for a DOCX they count the body's paragraphs and table rows (1-based).
"""

from __future__ import annotations

import bisect
import codecs
import hashlib
import io
import re
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .model import Block, Footnote, ReadError, Source, Span
from .normalize import (HyphenLexicon, collapse_spaces, dehyphenate, furniture_kind, is_footnote_rule,
                        is_suspended_hyphen, markdown_heading, normalize_chars, remove_markup)

#: File endings a corpus folder is searched for.
REPORT_SUFFIXES = (".txt", ".md", ".pdf", ".docx")

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

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
    r"|(?:First |Second |Third |Fourth )?(?:Vice-)?(?:Chair|Chairperson|Chairman|President|Rapporteur|"
    r"Vice-Chairs|Vice-Chairpersons|Secretary)s?\s*:\s)")
#: Words after which a line-initial ``12.`` is a cross-reference wrapped to the next line
#: ("... in paragraph" / "12. The"), not a new numbered paragraph.
_REFERENCE_WORD = re.compile(r"(?:\b(?:paragraphs?|paras?\.?|items?|chapters?|annex|resolutions?|decisions?|"
                             r"pages?|and|or|of|in|to|from|on|by|under|see|No\.))$")
#: A line that is only a document symbol or only a number: a table cell on its own line (an
#: annex list of documents laid out one cell per line).
_CELL_LINE = re.compile(r"^(?:\d{1,3}|[A-Z][A-Z0-9.]*/[A-Z0-9./()\-]+(?:\s+and\s+\S+)?)$")
_ENDS_SENTENCE = (".", ":", ";", "?", "!", "”", '"', ")", "’")
_STAR_FOOTNOTE = re.compile(r"^\s*(\*{1,3})\s+(\S.*)$")
_RULE_FOOTNOTE = re.compile(r"^\s*(\*{1,3}|\d{1,3}|[a-z]|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)\s+(\S.*)$")
_GLUED_STAR = re.compile(r"(?<=[^\s*])(\*{1,3})(?![\w*])")
_MD_FOOTDEF = re.compile(r"^\s{0,3}\[\^([^\]\s]+)\]:\s*(.*)$")
_MD_FOOTREF = re.compile(r"\[\^([^\]\s]+)\](?!:)")
_PIPE_ROW = re.compile(r"^\s*\|(.*)\|\s*$")
_PIPE_SEP = re.compile(r"^[\s|:\-]+$")
_CELL_SPLIT = re.compile(r"\S(?:\S| (?! ))*")


@dataclass
class RawLine:
    """One physical line of the original file (``lineno`` 1-based) on ``page`` (if known).

    ``kind`` is preset by readers that know the layout (DOCX: ``heading``, ``row``, ``block``);
    ``page_break`` is true for the first line after a form feed or a new PDF page.
    """

    text: str
    lineno: int
    page: int | None = None
    kind: str = "text"
    page_break: bool = False


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


@dataclass
class _Note:
    marker: str
    parts: list[str]
    first: int
    last: int
    page: int | None


# --- decoding and format detection -----------------------------------------------------------

def decode(data: bytes, path: Path) -> str:
    """Decode report bytes: UTF-8 with or without BOM, UTF-16 with a BOM, else CP1252.

    :raises ReadError: for an empty file or one that looks binary (NUL bytes without a UTF-16
        BOM, many control characters, or bytes undefined in CP1252).
    """
    if not data.strip():
        raise ReadError("empty file: expected the text of a report", path)
    if data.startswith(codecs.BOM_UTF8):
        text = data[len(codecs.BOM_UTF8):].decode("utf-8", errors="replace")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ReadError(f"damaged UTF-16 text at byte {exc.start}", path) from None
    else:
        if b"\x00" in data:
            raise ReadError("binary file (NUL bytes): expected report text", path)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError as exc:
                raise ReadError(f"binary file: byte {exc.start} is not text in UTF-8 or CP1252", path) from None
    controls = sum(1 for c in text if c < " " and c not in "\t\n\r\f")
    if controls > max(3, len(text) // 100):
        raise ReadError("binary file (control characters): expected report text", path)
    if not text.strip():
        raise ReadError("empty file: expected the text of a report", path)
    return text


def sniff_format(data: bytes, path: Path) -> str:
    """Tell the format by content, then by extension: ``pdf``, ``docx``, ``md`` or ``txt``.

    ``%PDF-`` in the first 1024 bytes (ISO 32000-1, 7.5.2) is a PDF; a ZIP archive holding
    ``word/document.xml`` (ECMA-376 Part 2, Open Packaging Conventions) is a DOCX.

    :raises ReadError: for an empty file or a ZIP archive that is not a Word document.
    """
    if not data.strip():
        raise ReadError("empty file: expected the text of a report", path)
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data[:4] == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                names = set(zf.namelist())
        except (zipfile.BadZipFile, ValueError):
            raise ReadError("damaged ZIP/DOCX file: cannot open the archive", path) from None
        if "word/document.xml" in names:
            return "docx"
        raise ReadError("ZIP archive without word/document.xml: not a Word (.docx) report", path)
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        raise ReadError("damaged PDF: no %PDF- header", path)
    if suffix == ".docx":
        raise ReadError("damaged DOCX: not a ZIP archive", path)
    return "md" if suffix in (".md", ".markdown") else "txt"


def text_lines(text: str) -> list[RawLine]:
    """Split decoded text into physical lines (``\\r\\n``, ``\\r`` or ``\\n``); a form feed
    (``\\f``, a PDF page break) starts a new page and is removed from the line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    has_ff = "\f" in text
    page = 1
    out: list[RawLine] = []
    for lineno, raw in enumerate(text.split("\n"), start=1):
        brk = False
        if "\f" in raw:
            page += raw.count("\f")
            raw = raw.replace("\f", " ")
            brk = True
        out.append(RawLine(raw, lineno, page if has_ff else None, page_break=brk))
    return out


def pdf_lines(data: bytes, path: Path) -> list[RawLine]:
    """Extract the text layer of a PDF with pypdf (layout mode, which keeps indentation and
    blank lines between blocks), one :class:`RawLine` per extracted line, pages in order.

    :raises ReadError: for a damaged or encrypted PDF, or one without a text layer (scanned).
    """
    import logging

    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception:
                raise ReadError("encrypted PDF: cannot extract its text", path) from None
        pages = []
        for page in reader.pages:
            try:
                pages.append(page.extract_text(extraction_mode="layout") or "")
            except Exception:
                pages.append(page.extract_text() or "")
    except ReadError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError, RecursionError) as exc:
        raise ReadError(f"damaged PDF: {type(exc).__name__}: {exc}".splitlines()[0], path) from None
    if not pages:
        raise ReadError("damaged PDF: no pages", path)
    if not any(p.strip() for p in pages):
        raise ReadError("PDF has no text layer (a scanned image?): run OCR first", path)
    out: list[RawLine] = []
    lineno = 0
    for pno, page_text in enumerate(pages, start=1):
        for k, raw in enumerate(page_text.replace("\r\n", "\n").split("\n")):
            lineno += 1
            out.append(RawLine(raw.replace("\f", " "), lineno, pno, page_break=(k == 0 and pno > 1)))
    return out


def docx_lines(data: bytes, path: Path) -> list[RawLine]:
    """Read a Word document with python-docx: one :class:`RawLine` per body paragraph (kind
    ``block``, or ``heading`` for Title/Heading styles) and per table row (kind ``row``, cells
    joined by TAB), in body order, numbered 1, 2, ...; then the footnotes of
    ``word/footnotes.xml`` as ``* text`` lines of kind ``footnote``.

    :raises ReadError: for a damaged document.
    """
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph as DocxParagraph

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds (KeyError, XMLSyntaxError...)
        raise ReadError(f"damaged DOCX: {type(exc).__name__}: {exc}".splitlines()[0], path) from None
    out: list[RawLine] = []
    n = 0
    body = document.element.body
    for child in body.iterchildren():
        if child.tag == f"{_W}p":
            par = DocxParagraph(child, document)
            style = (par.style.name if par.style is not None else "") or ""
            kind = "heading" if re.match(r"^(Title|Heading \d|Subtitle)$", style) else "block"
            n += 1
            out.append(RawLine(par.text.replace("\n", " "), n, None, kind))
        elif child.tag == f"{_W}tbl":
            for row in Table(child, document).rows:
                cells: list[str] = []
                for cell in row.cells:
                    t = " ".join(cell.text.split())
                    if not cells or t != cells[-1] or not t:  # merged cells repeat
                        cells.append(t)
                n += 1
                out.append(RawLine("\t".join(cells), n, None, "row"))
    for marker, text in _docx_footnotes(data) + _docx_footer_notes(document):
        n += 1
        out.append(RawLine(f"{marker} {text}", n, None, "footnote"))
    return out


def _docx_footer_notes(document) -> list[tuple[str, str]]:
    """``* text`` notes printed in page footers (UN Word files put the first page's ``*``
    footnote in the first-page footer, next to the job number and barcode)."""
    notes: list[tuple[str, str]] = []
    seen: set[str] = set()
    for section in document.sections:
        for footer in (section.first_page_footer, section.footer, section.even_page_footer):
            try:
                paragraphs = footer.paragraphs
            except Exception:
                continue
            for par in paragraphs:
                m = _STAR_FOOTNOTE.match(par.text)
                if m and m.group(2) not in seen:
                    seen.add(m.group(2))
                    notes.append((m.group(1), " ".join(m.group(2).split())))
    return notes


def _docx_footnotes(data: bytes) -> list[tuple[str, str]]:
    """Footnotes of ``word/footnotes.xml`` (ECMA-376 Part 1, 17.11) as ``(marker, text)``; the
    marker is the footnote's number (Word numbers them 1, 2, ... in order)."""
    from lxml import etree

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            if "word/footnotes.xml" not in zf.namelist():
                return []
            root = etree.fromstring(zf.read("word/footnotes.xml"))
    except Exception:
        return []
    notes = []
    k = 0
    for fn in root.iter(f"{_W}footnote"):
        if fn.get(f"{_W}type") in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        text = " ".join("".join(t.text or "" for t in fn.iter(f"{_W}t")).split())
        if text:
            k += 1
            notes.append((str(k), text))
    return notes


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


def _strip_furniture(lines: list[RawLine], fmt: str) -> tuple[list[RawLine | None], list[bool]]:
    """Replace furniture lines with ``None``; return also, per line, whether a page boundary
    (form feed, new page, furniture) lies right before it."""
    base = [furniture_kind(ln.text) if ln.kind == "text" else None for ln in lines]
    headers = running_headers(lines, base) if fmt != "docx" else frozenset()
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
        elif out.endswith("-") and w2 and lexicon is not None and re.search(r"[^\W\d_]-$", out):
            out = out[:-1] + part if dehyphenate(out, part, lexicon) else out + part
        else:
            out += " " + part
    return out


def column_tables(lines: list[_Line], lexicon: HyphenLexicon | None = None) -> list[_Line]:
    """Turn column-aligned tables (cells separated by 2+ spaces, aligned on the same columns
    in consecutive lines, cells possibly wrapped over several lines) into TAB-separated ``row``
    lines.  A candidate row has 2 to 4 cells (justified prose has many more gaps); a table needs
    two aligned candidate rows.  Lines without a first-column cell continue the cells of the
    previous row (or of the next row when they precede it and its cell goes on in lower case:
    a vertically centred cell of a PDF table).  Linear in the number of lines.
    """
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
        cols = sorted({s for s, _ in c})
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
            for start, text in cells:
                k = max((q for q, s in enumerate(cols) if s <= start + 1), default=0)
                slots[k].append(text)
            if slots[0] and len(cells) >= 2 or not rows and prefix is None and slots[0]:
                if prefix:
                    slots = [p + s for p, s in zip(prefix, slots)]
                    prefix = None
                rows.append((slots, ln.first, ln.last, ln))
            elif slots[0] and rows:
                rows[-1][0][0].extend(slots[0])
                rows[-1] = (rows[-1][0], rows[-1][1], ln.last, rows[-1][3])
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
                             ln0.break_before, ln0.indent))
        i = j
    return out


# --- unwrapping ------------------------------------------------------------------------------

def _right_edges_width(lines: list[_Line]) -> int:
    edges = sorted(ln.indent + len(ln.text.strip()) for ln in lines if ln.kind == "text")
    if not edges:
        return 0
    return edges[int(len(edges) * 0.9)]


def unwrap(lines: list[_Line], lexicon: HyphenLexicon, wrapped: bool) -> list[_Line]:
    """Join hard-wrapped physical lines into logical blocks (one ``_Line`` per block).

    A line continues the current block unless (rules for the UN report layout): it follows a
    blank line; it starts a numbered paragraph, lettered sub-paragraph, chapter, section,
    bullet, annex heading or officer line (``_BLOCK_START``); it is a heading, a table row or
    a right-aligned masthead line (indent 20+ columns beyond the body's); or the previous line
    ended a sentence well short of the text width.  After a page boundary (furniture removed)
    a line continues the block only if the block ended mid-sentence or the line starts in lower
    case.  A line-final hyphen is kept or dropped by :func:`honlea_kg.normalize.dehyphenate`;
    a suspended hyphen (``gender- and``) is joined with a space.  With ``wrapped=False`` (Word
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
    for ln in lines:
        text = ln.text.strip()
        own = (ln.kind in ("heading", "row", "block")
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
                        ln.blank_before, ln.break_before, ln.indent)
        else:
            ctext = cur.text.rstrip()
            if re.search(r"[^\W\d_]-$", ctext) and text[:1].isalpha() and not ctext.endswith(" -"):
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
        prev_edge = ln.indent + len(text)
        prev_own = own
    if cur is not None:
        out.append(cur)
    return out


# --- assembling the Source -------------------------------------------------------------------

def _pipe_cells(text: str) -> list[str] | None:
    m = _PIPE_ROW.match(text)
    if not m:
        return None
    inner = m.group(1)
    if _PIPE_SEP.match(inner):
        return []
    return [c.strip() for c in re.split(r"(?<!\\)\|", inner)]


def assemble(path: Path, fmt: str, raw: list[RawLine], data: bytes) -> Source:
    """Build the normalised :class:`Source` from the physical lines of any format (see the
    module docstring for the steps).

    :raises ReadError: if no text is left.
    """
    for ln in raw:
        ln.text = normalize_chars(ln.text)
    kept, breaks = _strip_furniture(raw, fmt)
    _pages_from_furniture(raw, kept)

    notes: list[_Note] = []
    content: list[_Line] = []
    blank = False
    in_zone = False  # after a footnote rule, until the next page boundary
    note_open = False
    star_markers: set[str] = set()
    for ln, brk in zip(kept, breaks):
        if ln is None:
            in_zone = False
            note_open = False
            continue
        text = ln.text
        if brk:
            in_zone = False
            note_open = False
        if not text.strip():
            blank = True
            note_open = False if not in_zone else note_open
            continue
        if ln.kind == "footnote":
            marker, _, body = text.partition(" ")
            notes.append(_Note(marker, [body], ln.lineno, ln.lineno, ln.page))
            continue
        if fmt != "md" and ln.kind == "text" and is_footnote_rule(text):
            in_zone = True
            note_open = False
            continue
        if fmt == "md":
            m = _MD_FOOTDEF.match(text)
            if m:
                notes.append(_Note(m.group(1), [m.group(2)], ln.lineno, ln.lineno, ln.page))
                note_open = True
                continue
            if note_open and text.startswith((" ", "\t")):
                notes[-1].parts.append(text)
                notes[-1].last = ln.lineno
                continue
            note_open = False
        else:
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
        if fmt == "md":
            # a footnote reference: kept as a sentinel until the block's offsets are known
            text = _MD_FOOTREF.sub(lambda m: f"\ue000{m.group(1)}\ue001", text)
            h = markdown_heading(text)
            if h:
                text, kind = h[1], "heading"
            else:
                cells = _pipe_cells(text)
                if cells is not None:
                    cells = [remove_markup(c) for c in cells]
                    if not any(cells):
                        continue  # separator or empty header row
                    text, kind = "\t".join(cells), "row"
        text = remove_markup(text).rstrip()
        if kind == "row":
            text = "\t".join(" ".join(c.split()) for c in text.split("\t"))
        elif "\t" in text and kind in ("text", "block"):
            kind = "row" if len([c for c in text.split("\t") if c.strip()]) >= 2 else kind
            if kind != "row":
                text = text.replace("\t", " ")
        if not text.strip():
            continue
        if "*" in text:
            star_markers.update(_GLUED_STAR.findall(text))
        indent = len(text) - len(text.lstrip(" "))
        content.append(_Line(text, ln.lineno, ln.lineno, ln.page, kind, blank, brk, indent))
        blank = False

    wrapped = fmt != "docx"
    lexicon = HyphenLexicon(ln.text for ln in content)
    if wrapped:
        content = column_tables(content, lexicon)
    logical = unwrap(content, lexicon, wrapped)

    blocks: list[Block] = []
    parts: list[str] = []
    offset = 0
    note_at: dict[int, list[_Note]] = {}
    firsts = [lg.first for lg in logical]
    for note in notes:
        # a footnote goes right after the block holding the last body line before it
        note_at.setdefault(bisect.bisect_right(firsts, note.first) - 1, []).append(note)

    ref_at: dict[str, Span] = {}

    def emit(text: str, first: int, last: int, page: int | None, kind: str) -> Block:
        nonlocal offset
        if parts:
            offset += 1
        if "\ue000" in text:
            pieces = re.split(r"\ue000([^\ue001]*)\ue001", text)
            clean = pieces[0]
            for k in range(1, len(pieces), 2):
                ref_at.setdefault(pieces[k], Span(offset + len(clean), offset + len(clean)))
                clean += pieces[k + 1]
            text = clean
        b = Block(text=text, span=Span(offset, offset + len(text)), lines=(first, last), page=page, kind=kind)
        blocks.append(b)
        parts.append(text)
        offset += len(text)
        return b

    footnotes: list[Footnote] = []
    pending_notes = list(note_at.get(-1, []))
    for idx, lg in enumerate(logical):
        if lg.kind == "row":
            text = "\t".join(collapse_spaces(c) for c in lg.text.split("\t"))
        else:
            text = collapse_spaces(lg.text)
        if text.strip():
            emit(text, lg.first, lg.last, lg.page, lg.kind)
        for note in note_at.get(idx, []) + pending_notes:
            body = collapse_spaces(" ".join(p.strip() for p in note.parts))
            b = emit(f"{note.marker} {body}", note.first, note.last, note.page, "footnote")
            footnotes.append(Footnote(marker=note.marker, text=body, span=b.span, lines=b.lines))
        pending_notes = []
    if not logical:
        for note in notes:
            body = collapse_spaces(" ".join(p.strip() for p in note.parts))
            b = emit(f"{note.marker} {body}", note.first, note.last, note.page, "footnote")
            footnotes.append(Footnote(marker=note.marker, text=body, span=b.span, lines=b.lines))
    norm = "\n".join(parts)
    for fn in footnotes:
        fn.anchor = ref_at.get(fn.marker) if fmt == "md" else _find_anchor(norm, fn)
    if not any(b.kind != "footnote" for b in blocks):
        raise ReadError("no text: expected the text of a report", path)
    return Source(path=path, fmt=fmt, text=norm, blocks=blocks, original_sha256=hashlib.sha256(data).hexdigest(),
                  text_sha256=hashlib.sha256(norm.encode("utf-8")).hexdigest(), footnotes=footnotes)


def _find_anchor(text: str, fn: Footnote) -> Span | None:
    """The first place before the footnote where its marker is glued to a word or to the
    punctuation after it (``English*``, ``States,1``)."""
    marker = re.escape(fn.marker)
    tail = r"(?!\d)" if fn.marker.isdigit() else r"(?![\w*])"
    m = re.search(rf"(?<=[^\W\d_.,;:”’)]|[.,;:”’)]){marker}{tail}", text[:fn.span.start])
    return Span(m.start(), m.end()) if m else None


def read_report(path: str | Path) -> Source:
    """Read one report file (``.txt``, ``.md``, ``.pdf`` or ``.docx``, told by content) into a
    normalised :class:`Source`.

    :raises ReadError: if the file is missing, empty, binary, a damaged PDF/DOCX, a PDF without
        a text layer, or holds no text; the message names the file.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(f"cannot read file: {exc.strerror or exc}", path) from None
    fmt = sniff_format(data, path)
    if fmt == "pdf":
        raw = pdf_lines(data, path)
    elif fmt == "docx":
        raw = docx_lines(data, path)
    else:
        raw = text_lines(decode(data, path))
    return assemble(path, fmt, raw, data)
