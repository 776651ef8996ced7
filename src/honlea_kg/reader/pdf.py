"""PDF reports read from their geometry with pdfplumber (over pdfminer.six).

Why pdfplumber: it gives every character with its position, font and size (pypdf gives text,
in layout mode spaced to look like the page, but no sizes: a superscript footnote marker, a
footnote area in a smaller size and a table's column edges cannot be told from it).  Measured on
``tests/fixtures/office/`` and the shared fixture honlap-44 (README, "Reading PDF"): pdfplumber
reads the 11-page report in about 0.5 s against pypdf's 0.3 s (layout mode), and is the one of
the two from which superscripts, footnote areas and table cells can be decided.

What is decided from the geometry, page by page (units are PDF points, 1/72 inch; "size" is
the font size):

- **lines**: words (split where the font size changes) are grouped by baseline; a group of
  smaller words raised inside a taller line's height (a superscript) is merged into that line;
- **superscript markers**: a word in a size below 80 % of its line's, raised by at least 15 % of
  that size, made of digits, ``*`` or up to three letters, is a footnote reference: it becomes
  an anchor (:func:`.lines.footnote_ref`), never text;
- **running headers and footers**: lines in the top or bottom 12 % of the page whose text, digits
  aside, repeats on at least 40 % of the pages (and twice), or which hold only page furniture
  (job number, barcode, ``n/N`` page number, a bare page number, ``ADVANCE UNEDITED``), on either
  side of the page; the first page keeps its masthead (no running header there);
- **footnote area**: the lines below a short horizontal rule in the lower part of the page, or
  else the run of lines at the page foot set in a size under 90 % of the body's that starts with a
  marker; each footnote starts at a line beginning with a marker (``1``, ``*``, ``a``, or a
  superscript), the next lines continue it;
- **tables**: a run of lines split into cells by gaps wider than 1.5 times the font size, whose
  cells start at the same column edges (within 3 points) and fit inside their columns, with at
  least two multi-cell lines; lines closer together than the table's row pitch (or not separated
  by a rule) are one row with wrapped cells; a header line above the first row (``Agenda`` /
  ``item``) joins the header; the first row is a header when it is set apart by italic or bold
  type or a rule; a table that goes on at the top of the next page with the same columns is the
  same table, its repeated header row dropped;
- **indentation** in characters of half the body size from the page's left margin, the line's
  right edge likewise, and a blank line where the vertical gap is wider than 1.45 line pitches.

Failure is loud: a PDF that needs a password is a one-line :class:`ReadError`; one that opens with
the empty password (AES or RC4; AES needs the ``cryptography`` package) is read; characters a
font map cannot give (``(cid:N)``, unpaired surrogates) become U+FFFD with a warning naming the
page; an image-only page in a PDF with text is a warning naming the page; a PDF with no text at
all is a :class:`ReadError` (run OCR first).
"""

from __future__ import annotations

import io
import logging
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..model import ReadError
from ..normalize import HyphenLexicon, dehyphenate, furniture_kind
from .lines import RawLine, footnote_ref, starts_row_without_first_cell

_MARKER = re.compile(r"^(?:\d{1,3}|\*{1,3}|[a-z]{1,2}|[†‡§])$")
_PAGE_ALONE = re.compile(r"^(?:[-–]\s*)?(?:Page\s+)?\d{1,3}(?:\s*(?:of|/)\s*\d{1,3})?(?:\s*[-–])?$", re.I)
_ADVANCE = re.compile(r"^ADVANCE\s+UNEDITED(?:\s+VERSION)?$", re.I)
_BROKEN = re.compile(r"[\ud800-\udfff\ufffd]|\(cid:\d+\)")
_LEADER = re.compile(r"(?:\.\s?){4,}")
#: A hanging label (``IV.``, ``A.``, ``12.``, ``(a)``) set apart from its text: a heading or a
#: list item, not a table cell.
_LABEL = re.compile(r"^(?:[IVXLC]{1,7}\.|[A-Z]\.|\d{1,3}\.|\((?:[a-z]{1,3}|[ivx]{1,5})\))$")


@dataclass
class _Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    font: str
    sup: bool = False


@dataclass
class _PLine:
    words: list[_Word]
    page: int
    size: float = 0.0
    top: float = 0.0
    bottom: float = 0.0
    x0: float = 0.0
    x1: float = 0.0
    kind: str = "text"  # text | furniture | footnote
    segs: list[list[_Word]] = field(default_factory=list)
    order: float | None = None  # reading-order key (two-column pages); None: the top

    def finish(self) -> "_PLine":
        self.words.sort(key=lambda w: w.x0)
        sizes = Counter()
        for w in self.words:
            sizes[round(w.size, 1)] += len(w.text)
        self.size = sizes.most_common(1)[0][0]
        main = [w for w in self.words if w.size >= 0.8 * self.size] or self.words
        self.top = min(w.top for w in main)
        self.bottom = max(w.bottom for w in main)
        self.x0 = min(w.x0 for w in self.words)
        self.x1 = max(w.x1 for w in self.words)
        for w in self.words:
            w.sup = (w.size < 0.8 * self.size and w.bottom < self.bottom - 0.15 * self.size
                     and bool(_MARKER.match(w.text)))
        return self

    @property
    def text(self) -> str:
        return _join(self.words)

    def style(self) -> str:
        fonts = {("b" if "bold" in w.font.lower() else "") + ("i" if re.search(r"italic|oblique", w.font, re.I) else "")
                 for w in self.words if not w.sup}
        return fonts.pop() if len(fonts) == 1 else "mixed"


def _join(words: list[_Word], sup_refs: bool = True) -> str:
    out = ""
    prev = None
    for w in words:
        if w.sup:
            out += footnote_ref(w.text) if sup_refs else ""
            continue
        if prev is not None and out and not out.endswith(" "):
            gap = w.x0 - prev.x1
            if gap > 0.12 * w.size or out.endswith(("\ue001",)):
                out += " "
        out += w.text
        prev = w
    return out


def _segments(line: _PLine, factor: float = 1.2) -> list[list[_Word]]:
    """Split a line at gaps wider than ``factor`` times its font size (table cells, masthead
    parts); justified prose has narrower gaps."""
    segs: list[list[_Word]] = []
    for w in line.words:
        if segs and w.x0 - segs[-1][-1].x1 <= factor * line.size:
            segs[-1].append(w)
        else:
            segs.append([w])
    return segs


def _open(data: bytes, path: Path):
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    for name in ("pdfminer", "pdfplumber"):
        logging.getLogger(name).setLevel(logging.ERROR)
    try:
        pdf = pdfplumber.open(io.BytesIO(data), password="")
        pdf.pages  # noqa: B018 - parses the page tree: a wrong password fails here
        return pdf
    except Exception as exc:  # pdfplumber wraps pdfminer's errors in PdfminerException
        cause = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else exc
        if isinstance(cause, PDFPasswordIncorrect):
            raise ReadError("encrypted PDF that needs a password to open: save it without a password "
                            "(or print it to PDF) and build again", path) from None
        if isinstance(cause, PDFEncryptionError):
            raise ReadError(f"encrypted PDF in a form that cannot be read: {cause}".splitlines()[0], path) from None
        raise ReadError(f"damaged PDF: {type(cause).__name__}: {cause}".splitlines()[0], path) from None


@dataclass
class _Ruled:
    """A ruled table found by pdfplumber's line strategy: rows of cells and where it lies."""

    top: float
    bottom: float
    rows: list[list]
    header: bool
    columns: list[float]
    span: tuple[float, float] = (0.0, 0.0)


def _ruled_tables(page, ws: list[_Word]) -> list[_Ruled]:
    """Tables drawn with a full grid of rules (cell borders), via pdfplumber's ``find_tables``
    (lines strategy); the first row is a header when its words are all bold or italic and the
    second row's are not."""
    edges = len(page.rects) + len(page.lines)
    if edges < 6:
        return []
    out = []
    found = page.find_tables({"vertical_strategy": "lines", "horizontal_strategy": "lines"})
    if not found:
        # horizontal rules drawn cell by cell (no vertical rules): where the segments of one
        # rule abut are the column edges
        segs = sorted((round(r["top"], 0), r["x0"], r["x1"]) for r in list(page.rects) + list(page.lines)
                      if abs(r["bottom"] - r["top"]) <= 1.5 and r["x1"] - r["x0"] > 5)
        by_top: dict[float, list[tuple[float, float]]] = {}
        for top, x0, x1 in segs:
            by_top.setdefault(top, []).append((x0, x1))
        edges_at: Counter = Counter()
        for top_parts in by_top.values():
            parts = sorted({(round(a, 0), round(b, 0)) for a, b in top_parts})
            if len(parts) >= 2 and all(abs(a[1] - b[0]) <= 1.5 for a, b in zip(parts, parts[1:])):
                edges_at[tuple(round(x) for x in [parts[0][0]] + [p[1] for p in parts])] += 1
        for xs, count in edges_at.items():
            if count >= 2:
                found += page.find_tables({"vertical_strategy": "explicit", "explicit_vertical_lines": list(xs),
                                           "horizontal_strategy": "lines"})
    for t in found:
        rows = [r for r in t.rows if r.cells]
        if len(rows) < 2 or max(len(r.cells) for r in rows) < 2:
            continue
        x0, top, x1, bottom = t.bbox
        inside = [w for w in ws if x0 - 1 <= (w.x0 + w.x1) / 2 <= x1 + 1 and top - 1 <= (w.top + w.bottom) / 2 <= bottom + 1]
        grid = []
        styles = []
        for r in rows:
            cells = []
            row_fonts = set()
            for c in r.cells:
                if c is None:
                    cells.append("")
                    continue
                cx0, ctop, cx1, cbot = c
                cw = [w for w in inside if cx0 - 1 <= (w.x0 + w.x1) / 2 <= cx1 + 1 and ctop - 1 <= (w.top + w.bottom) / 2 <= cbot + 1]
                lines: list[list[_Word]] = []
                for w in sorted(cw, key=lambda w: (w.bottom, w.x0)):
                    if lines and abs(lines[-1][-1].bottom - w.bottom) <= 1.5:
                        lines[-1].append(w)
                    else:
                        lines.append([w])
                cells.append([_join(sorted(line, key=lambda w: w.x0)) for line in lines])
                row_fonts |= {("b" if "bold" in w.font.lower() else "") + ("i" if re.search(r"italic|oblique", w.font, re.I) else "")
                              for w in cw}
            grid.append(cells)
            styles.append(row_fonts)
        header = (len(styles) >= 2 and len(styles[0]) == 1 and next(iter(styles[0])) in ("b", "i", "bi")
                  and styles[0] != styles[1])
        cols = sorted({round(c[0], 1) for r in rows for c in r.cells if c is not None})
        out.append(_Ruled(top, bottom, grid, header, cols, (x0, x1)))
        for w in inside:
            w.text = ""  # taken by the table
    return out


def _page_lines(page, pno: int) -> tuple[list[_PLine], bool, list[_Ruled], int]:
    broken = 0
    for c in page.chars:
        t = c.get("text") or ""
        if not t or _BROKEN.search(t):
            # a glyph the font's ToUnicode map does not give (pdfminer drops unpaired surrogates
            # and writes (cid:N) for unmapped glyphs): keep its place, visibly
            c["text"] = "\ufffd"
            broken += 1
    words = page.extract_words(x_tolerance=1.5, y_tolerance=2, keep_blank_chars=False, use_text_flow=False,
                               extra_attrs=["size", "fontname"])
    ws = [_Word(w["text"], w["x0"], w["x1"], w["top"], w["bottom"], float(w["size"]), w["fontname"])
          for w in words if w["text"].strip()]
    ruled = _ruled_tables(page, ws)
    ws = [w for w in ws if w.text]
    ws.sort(key=lambda w: (round(w.bottom, 0), w.x0))
    groups: list[list[_Word]] = []
    for w in sorted(ws, key=lambda w: w.bottom):
        if groups and abs(groups[-1][-1].bottom - w.bottom) <= 1.5 and abs(groups[-1][0].size - w.size) < 3:
            groups[-1].append(w)
        else:
            groups.append([w])
    lines = [_PLine(g, pno).finish() for g in groups]
    # merge raised small groups (superscripts) into the taller line they sit in
    merged: list[_PLine] = []
    for ln in sorted(lines, key=lambda ln: ln.top):
        host = None
        mid = (ln.top + ln.bottom) / 2
        for other in merged[-3:]:
            if other.size >= 1.25 * ln.size and other.top - 1 <= mid <= other.bottom + 1:
                host = other
        if host is None:
            for other in lines:
                if other is not ln and other.size >= 1.25 * ln.size and other.top - 1 <= mid <= other.bottom + 1:
                    host = other
                    break
        if host is not None and len(ln.text) <= 8:
            host.words.extend(ln.words)
            if host in merged:
                host.finish()
            continue
        merged.append(ln)
    merged = [ln.finish() for ln in merged]
    merged.sort(key=lambda ln: (ln.top, ln.x0))
    has_image = bool(page.images)
    return merged, has_image, ruled, broken


def _furniture(pages: list[list[_PLine]], heights: list[float]) -> None:
    """Mark running headers and footers (see the module docstring)."""
    n = len(pages)
    band: Counter[str] = Counter()
    for lines, h in zip(pages, heights):
        seen = set()
        for ln in lines:
            if ln.top < 0.12 * h or ln.bottom > 0.88 * h:
                seen.add(re.sub(r"\d+", "#", ln.text))
        band.update(seen)
    need = max(2, int(0.4 * n + 0.999))
    for k, (lines, h) in enumerate(zip(pages, heights)):
        for ln in lines:
            top_band = ln.top < 0.12 * h
            if not (top_band or ln.bottom > 0.88 * h):
                continue
            text = ln.text.strip()
            if k == 0 and top_band:
                continue  # the first page's masthead
            if (band[re.sub(r"\d+", "#", ln.text)] >= need and n >= 2) or furniture_kind(text) \
                    or _PAGE_ALONE.match(text) or _ADVANCE.match(text):
                ln.kind = "furniture"
        # page 1 foot: job number and barcode lines
        if k == 0:
            for ln in lines:
                if ln.bottom > 0.88 * h and furniture_kind(ln.text.strip()):
                    ln.kind = "furniture"


def _footnotes(lines: list[_PLine], rules: list[tuple[float, float, float]], body: float, height: float,
               ruled: list[_Ruled]) -> None:
    """Mark the footnote area of one page (see the module docstring)."""
    content = [ln for ln in lines if ln.kind == "text"]
    if not content:
        return
    zone_top = None
    left = min(ln.x0 for ln in content)
    text_width = max(ln.x1 for ln in content) - left
    for top, x0, x1 in rules:
        alone = sum(1 for t, a, b in rules if abs(t - top) <= 1.5) == 1
        in_table = any(rt.top - 2 <= top <= rt.bottom + 2 for rt in ruled)
        if alone and not in_table and abs(x0 - left) <= 12 and top > 0.45 * height \
                and 20 < x1 - x0 < 0.6 * max(text_width, 1):
            below = [ln for ln in content if ln.top > top]
            above = [ln for ln in content if ln.bottom < top]
            if below and above and all(ln.size < 0.95 * body for ln in below):
                zone_top = top if zone_top is None else min(zone_top, top)
    if zone_top is None:
        # a trailing run of smaller lines starting with a marker
        run: list[_PLine] = []
        for ln in reversed(content):
            if ln.size < 0.9 * body:
                run.append(ln)
            else:
                break
        run.reverse()
        if run and len(run) < len(content) and run[0].top > 0.5 * height:
            first = run[0].words[0]
            if first.sup or _MARKER.match(first.text):
                zone_top = run[0].top - 0.5
    if zone_top is None:
        return
    for ln in content:
        if ln.top >= zone_top:
            ln.kind = "footnote"


def _tables(lines: list[_PLine], rules: list[tuple[float, float, float]]) -> list[tuple[int, int]]:
    """Find column-aligned tables among one page's content lines; return (first, last) index
    ranges (inclusive) into ``lines``; each line's ``segs`` is set."""
    for ln in lines:
        ln.segs = _segments(ln, 1.0)
    out = []
    i = 0
    n = len(lines)
    while i < n:
        ln = lines[i]
        if ln.kind != "text" or not 2 <= len(ln.segs) <= 5 or _LEADER.search(ln.text) \
                or _LABEL.match(_join(ln.segs[0])):
            i += 1
            continue
        cols = [s[0].x0 for s in ln.segs]
        multi = 1
        single_run = 0
        j = i + 1
        while j < n:
            nx = lines[j]
            if nx.kind != "text" or _LEADER.search(nx.text) or nx.top - lines[j - 1].bottom > 1.2 * nx.size:
                break
            if len(nx.segs) >= 2 and _LABEL.match(_join(nx.segs[0])) or len(nx.segs) > 5:
                break
            single_run = single_run + 1 if len(nx.segs) == 1 else 0
            if single_run > 4:
                j -= 4
                break
            starts = [s[0].x0 for s in nx.segs]
            ok = True
            new_cols = list(cols)
            for s in nx.segs:
                k = next((q for q, c in enumerate(new_cols) if abs(c - s[0].x0) <= 3), None)
                if k is None:
                    if len(nx.segs) >= 2 and any(abs(c - st) <= 3 for c in cols for st in starts):
                        new_cols.append(s[0].x0)
                        new_cols.sort()
                        continue
                    ok = False
                    break
            # every word inside its column (a narrow gap may join two cells into one segment)
            for w in nx.words if ok else ():
                k = _col_of(w.x0, new_cols)
                if k + 1 < len(new_cols) and w.x1 > new_cols[k + 1] + 2:
                    ok = False
                    break
            if not ok:
                break
            cols = new_cols
            if len(nx.segs) >= 2:
                multi += 1
            j += 1
        if multi >= 2 and len(cols) >= 2:
            start = i
            # a header line above (``Agenda`` over ``item``): one cell at a later column, close above
            if i > 0 and lines[i - 1].kind == "text" and len(lines[i - 1].segs) == 1 \
                    and any(abs(lines[i - 1].x0 - c) <= 3 for c in cols[1:]) \
                    and ln.top - lines[i - 1].bottom < 0.6 * ln.size:
                start = i - 1
            for q in range(start, j):
                lines[q].segs = _segments(lines[q], 1.0)
            out.append((start, j - 1, cols))
            i = j
        else:
            i += 1
    return out


def _table_rows(lines: list[_PLine], cols: list[float], rules: list[tuple[float, float, float]],
                lexicon: HyphenLexicon) -> list[tuple[list[str], bool, int, int]]:
    """Rows of one table region: (cells, header?, index of first line, index of last line)."""
    gaps = [b.top - a.top for a, b in zip(lines, lines[1:])]
    tight = min(gaps) if gaps else 0
    even = bool(gaps) and max(gaps) - min(gaps) < 1.5
    rule_tops = [t for t, x0, x1 in rules]

    def line_parts(k: int) -> list[list[str]]:
        # each word goes to the column it starts in (a narrow gap between two cells, as in a
        # header ``Agenda item Title``, still separates them)
        parts: list[list[str]] = [[] for _ in cols]
        cur_col = None
        piece: list[_Word] = []
        for w in lines[k].words:
            c = max((q for q, x in enumerate(cols) if x <= w.x0 + 3), default=0)
            if cur_col is not None and c != cur_col:
                parts[cur_col].append(_join(piece))
                piece = []
            cur_col = c
            piece.append(w)
        if piece:
            parts[cur_col].append(_join(piece))
        return parts

    def group_cells(g: list[int]) -> list[str]:
        parts: list[list[str]] = [[] for _ in cols]
        for k in g:
            for q, p in enumerate(line_parts(k)):
                parts[q] += p
        return [_join_parts(p, lexicon) for p in parts]

    groups: list[list[int]] = []
    for k, ln in enumerate(lines):
        if not groups:
            groups.append([k])
            continue
        prev = lines[k - 1]
        ruled = any(prev.bottom - 1 < t < ln.top + 1 for t in rule_tops)
        first_col = abs(ln.segs[0][0].x0 - cols[0]) <= 3
        if even:
            new = first_col and not (len(ln.segs) == 1 and ln.text[:1].islower())
            if not first_col:  # an empty first cell: a second holder of the office above?
                new = starts_row_without_first_cell([" ".join(p) for p in line_parts(k)],
                                                    group_cells(groups[-1]))
        else:
            new = ruled or gaps[k - 1] > tight + 1.5
        if new:
            groups.append([k])
        else:
            groups[-1].append(k)
    rows = []
    for g in groups:
        cells = group_cells(g)
        while cells and not cells[-1]:
            cells.pop()
        rows.append((cells, False, g[0], g[-1]))
    if len(rows) >= 2:
        h_style = {lines[k].style() for k in range(rows[0][2], rows[0][3] + 1)}
        b_style = {lines[k].style() for k in range(rows[1][2], rows[1][3] + 1)}
        first_ruled = any(lines[rows[0][3]].bottom - 1 < t < lines[rows[1][2]].top + 1 for t in rule_tops) and \
            any(t < lines[rows[0][2]].top + 1 for t in rule_tops)
        styled = len(h_style) == 1 and next(iter(h_style)) in ("i", "b", "bi") and h_style != b_style
        no_digits = not any(re.search(r"\d", c) for c in rows[0][0])
        if no_digits and (styled or first_ruled):
            rows[0] = (rows[0][0], True, rows[0][2], rows[0][3])
    return rows


def _join_parts(parts: list[str], lexicon: HyphenLexicon, cell: bool = True) -> str:
    """Join the lines of a wrapped cell: after ``/`` or a range dash without a space (a symbol
    wrapped at its slash, ``CRP.1–`` | ``CRP.16``), after a line-end hyphen by evidence, a word a narrow column broke without a hyphen
    (``Agend`` + ``a item``) when only the joined form is a word of the document, else with one
    space."""
    out = ""
    for p in parts:
        p = p.strip()
        w1 = re.findall(r"[^\W\d_]+$", out)
        w2 = re.findall(r"^[^\W\d_]+", p)
        if not out:
            out = p
        elif cell and w1 and w2 and lexicon.count(w1[0] + w2[0]) > max(1, lexicon.count(w1[0])):
            out += p
        elif out.endswith("/") or re.search(r"[^\s]–$|\d-$", out) and p[:1].isalnum():
            out += p  # a symbol wrapped at its slash or inside its range (``CRP.1–`` | ``CRP.16``)
        elif re.search(r"[^\W\d_]-$", out) and p[:1].isalpha():
            out = out[:-1] + p if dehyphenate(out, p, lexicon) else out + p
        else:
            out += " " + p
    return out


def _two_columns(content: list[_PLine], height: float) -> list[_PLine]:
    """Reading order of a page set in two columns: the left column, then the right one, section
    by section (a line spanning the gutter, such as a full-width heading, starts a section).

    A page is in two columns when at least six lines, and half of its lines, have a gap wider
    than twice their font size (one such gap only) before words that start at one x position (the
    right column, within 3 points), with four or more words on each side (prose, not a table's
    cells), and with
    text of at least 30 % of the text width on both sides (a table's narrow first column does not
    qualify).  Lines laid side by side on one baseline are split at the gutter.  Other pages are
    returned as they are."""
    if len(content) < 6:
        return content
    left_edge = min(ln.x0 for ln in content)
    right_edge = max(ln.x1 for ln in content)
    width = right_edge - left_edge
    gaps: Counter[int] = Counter()
    sides: dict[int, list[tuple[int, int]]] = {}
    for ln in content:
        big = [k for k, (a, b) in enumerate(zip(ln.words, ln.words[1:]), 1) if b.x0 - a.x1 > 2 * ln.size]
        if len(big) == 1:  # one gap: the gutter (a table row has one between each pair of cells)
            key = round(ln.words[big[0]].x0 / 3)  # where the right column starts
            gaps[key] += 1
            sides.setdefault(key, []).append((big[0], len(ln.words) - big[0]))
    if not gaps:
        return content
    bucket, count = gaps.most_common(1)[0]
    gutter = bucket * 3 - 2
    words_left = statistics.median(a for a, _ in sides[bucket])
    words_right = statistics.median(b for _, b in sides[bucket])
    if words_left < 4 or words_right < 4:  # columns of prose, not the cells of a table
        return content
    if count < 6 or count < 0.5 * len(content) or gutter - left_edge < 0.3 * width or right_edge - gutter < 0.3 * width:
        return content
    out: list[_PLine] = []
    section = 0
    for ln in sorted(content, key=lambda ln: ln.top):
        lw = [w for w in ln.words if w.x1 <= gutter]
        rw = [w for w in ln.words if w.x0 >= gutter - 2]
        if len(lw) + len(rw) != len(ln.words):  # spans the gutter: a new section
            section += 1
            ln.order = section * 4 * height + ln.top
            out.append(ln)
            section += 1
            continue
        for col, words in ((0, lw), (1, rw)):
            if words:
                part = _PLine(words, ln.page).finish()
                part.kind = ln.kind
                part.order = section * 4 * height + col * 2 * height + part.top
                out.append(part)
    out.sort(key=lambda ln: ln.order)
    return out


def _col_of(x: float, cols: list[float]) -> int:
    return max((q for q, c in enumerate(cols) if c <= x + 3), default=0)


def _attach_to_ruled(content: list[_PLine], rt: _Ruled, lexicon: HyphenLexicon) -> set[int]:
    """Lines next to a ruled table that belong to it: header lines above its first rule (a
    header row drawn without a top border, a header cell wrapped in a narrow column: ``Agend`` /
    ``a item``) and rows below its last rule (a last row drawn without a bottom border), each
    with its segments in the table's columns.  Returns the indices of the lines taken."""
    taken: set[int] = set()
    cols = rt.columns
    x0, x1 = rt.span

    def inside(ln: _PLine) -> bool:
        return ln.x0 >= x0 - 3 and ln.x1 <= x1 + 3

    above = [k for k, ln in enumerate(content) if ln.bottom <= rt.top + 1 and ln.top >= rt.top - 4 * ln.size]
    head: list[int] = []
    for k in reversed(above):
        ln = content[k]
        lower = content[head[-1]].top if head else rt.top
        if not inside(ln) or lower - ln.bottom > 1.2 * ln.size:
            break
        head.append(k)
    head.reverse()
    if head:
        used = {_col_of(seg[0].x0, cols) for k in head for seg in _segments(content[k])}
        if len(used) >= 2:
            parts: list[list[str]] = [[] for _ in cols]
            for k in head:
                for seg in _segments(content[k]):
                    parts[_col_of(seg[0].x0, cols)].append(_join(seg))
            rt.rows.insert(0, [_join_parts(p, lexicon, cell=True) for p in parts])
            rt.header = True
            taken.update(head)
    bottom = rt.bottom
    for k, ln in enumerate(content):
        if ln.top < rt.bottom - 1 or k in taken:
            continue
        if ln.top - bottom > 1.2 * ln.size or not inside(ln):
            break
        segs = _segments(ln)
        if len(segs) >= 2 and abs(segs[0][0].x0 - cols[0]) <= 8:
            row: list[list[str]] = [[] for _ in cols]
            for seg in segs:
                row[_col_of(seg[0].x0, cols)].append(_join(seg))
            rt.rows.append(row)
        elif rt.rows and len(segs) == 1 and _col_of(segs[0][0].x0, cols) > 0 and isinstance(rt.rows[-1][0], list):
            rt.rows[-1][_col_of(segs[0][0].x0, cols)].append(_join(segs[0]))
        else:
            break
        taken.add(k)
        bottom = ln.bottom
    return taken


def read(data: bytes, path: Path, warnings: list[str]) -> list[RawLine]:
    """Physical lines of a PDF report, read from the page geometry (module docstring).

    :raises ReadError: for a damaged PDF, one that needs a password, or one without text.
    """
    pdf = _open(data, path)
    try:
        pages: list[list[_PLine]] = []
        heights: list[float] = []
        rules: list[list[tuple[float, float, float]]] = []
        images: list[bool] = []
        ruled_tables: list[list[_Ruled]] = []
        broken_chars: list[int] = []
        for pno, page in enumerate(pdf.pages, start=1):
            try:
                lines, has_image, ruled, broken = _page_lines(page, pno)
                hr = [(r["top"], r["x0"], r["x1"]) for r in list(page.rects) + list(page.lines)
                      if abs(r["bottom"] - r["top"]) <= 1.5 and r["x1"] - r["x0"] > 15]
            except ReadError:
                raise
            except Exception as exc:
                raise ReadError(f"damaged PDF: page {pno}: {type(exc).__name__}: {exc}".splitlines()[0],
                                path) from None
            pages.append(lines)
            heights.append(float(page.height))
            rules.append(hr)
            images.append(has_image)
            ruled_tables.append(ruled)
            broken_chars.append(broken)
    except ReadError:
        raise
    except Exception as exc:
        raise ReadError(f"damaged PDF: {type(exc).__name__}: {exc}".splitlines()[0], path) from None
    finally:
        try:
            pdf.close()
        except Exception:
            pass
    if not pages:
        raise ReadError("damaged PDF: no pages", path)
    if not any(pages) and not any(ruled_tables):
        raise ReadError("PDF has no text layer (a scanned image?): run OCR first", path)
    for pno, (lines, img) in enumerate(zip(pages, images), start=1):
        if not lines:
            what = "an image only" if img else "empty"
            warnings.append(f"{path}: page {pno}: no text on the page ({what}); its content, if any, is not "
                            f"read (run OCR on the page)")
        broken = broken_chars[pno - 1]
        if broken:
            warnings.append(f"{path}: page {pno}: {broken} character(s) the font cannot map to Unicode "
                            f"(written U+FFFD)")
    try:
        return _layout(pages, heights, rules, ruled_tables, path)
    except (ValueError, KeyError, IndexError, TypeError, ZeroDivisionError, statistics.StatisticsError) as exc:
        raise ReadError(f"PDF pages could not be laid out: {type(exc).__name__}: {exc}".splitlines()[0],
                        path) from None


def _key(ln: _PLine) -> float:
    return ln.order if ln.order is not None else ln.top


def _layout(pages: list[list[_PLine]], heights: list[float], rules: list, ruled_tables: list[list[_Ruled]],
            path: Path) -> list[RawLine]:
    """The lines of the pages in reading order, furniture, footnotes and tables decided."""
    sizes: Counter[float] = Counter()
    for lines in pages:
        for ln in lines:
            sizes[ln.size] += len(ln.text)
    body = sizes.most_common(1)[0][0]
    _furniture(pages, heights)
    for lines, hr, h, rt in zip(pages, rules, heights, ruled_tables):
        _footnotes(lines, hr, body, h, rt)
    lexicon = HyphenLexicon(ln.text for lines in pages for ln in lines)
    # the body's left margin on odd and even pages, and the line pitch
    lefts = {0: [], 1: []}
    pitches = []
    for pno, lines in enumerate(pages, start=1):
        content = [ln for ln in lines if ln.kind == "text" and abs(ln.size - body) < 0.5]
        if content:
            lefts[pno % 2].append(min(ln.x0 for ln in content))
        pitches += [b.top - a.top for a, b in zip(content, content[1:]) if 0 < b.top - a.top < 3 * body]
    left = {k: (statistics.median(v) if v else None) for k, v in lefts.items()}
    pitch = statistics.median(pitches) if pitches else 1.2 * body
    unit = 0.5 * body

    out: list[RawLine] = []
    lineno = 0
    table_no = -1
    last_row: dict[int, RawLine] = {}
    last_table: tuple[int, list[float]] | None = None  # (table number, columns) open at a page end
    for pno, lines in enumerate(pages, start=1):
        margin = left[pno % 2] if left[pno % 2] is not None else (left[1 - pno % 2] or 0)
        content = _two_columns([ln for ln in lines if ln.kind == "text"], heights[pno - 1])
        taken: set[int] = set()
        for rt in ruled_tables[pno - 1]:
            taken |= _attach_to_ruled(content, rt, lexicon)
        content = [ln for k, ln in enumerate(content) if k not in taken]
        regions = _tables(content, rules[pno - 1])
        region_at = {r[0]: r for r in regions}
        first_out = True
        prev_bottom = None
        k = 0
        carry_table = last_table
        last_table = None
        emitted: list[tuple[float, RawLine]] = []
        prev_style = ""
        prev_size = 0.0
        first_top = content[0].top if content else float("inf")
        for rt in ruled_tables[pno - 1]:
            at_top = rt.top <= first_top
            same = (carry_table is not None and at_top and len(rt.columns) == len(carry_table[1]))
            if same:
                tno = carry_table[0]
            else:
                table_no += 1
                tno = table_no
            for r, cells in enumerate(rt.rows):
                texts = [_join_parts(c, lexicon) if isinstance(c, list) else c for c in cells]
                lineno += 1
                emitted.append((rt.top + r * 0.001, RawLine("\t".join(texts), lineno, pno, "row",
                                                            at_top and pno > 1 and r == 0, cells=texts,
                                                            table=tno, header=rt.header and r == 0)))
            if rt.bottom >= max((ln.bottom for ln in content), default=0):
                last_table = (tno, rt.columns)
            if at_top:
                first_out = False
        while k < len(content):
            ln = content[k]
            brk = first_out and pno > 1
            blank = prev_bottom is not None and ln.top - prev_bottom > 1.45 * pitch - (ln.bottom - ln.top)
            style = ln.style()
            if k > 0 and ((style == "b") != (prev_style == "b") or abs(ln.size - prev_size) > 0.5):
                blank = True  # a heading (bold, another size) and the text after it are separate blocks
            prev_style = style
            prev_size = ln.size
            if k in region_at:
                _, end, cols = region_at[k]
                block = content[k:end + 1]
                rows = _table_rows(block, cols, rules[pno - 1], lexicon)
                same = (carry_table is not None and first_out and len(cols) == len(carry_table[1])
                        and all(abs(a - b) <= 4 for a, b in zip(cols, carry_table[1])))
                if same:
                    tno = carry_table[0]
                else:
                    table_no += 1
                    tno = table_no
                body_seen = False
                for cells, header, a, b in rows:
                    first_line = block[a]
                    if same and not header and not body_seen and tno in last_row:
                        body_seen = True
                        prev_row = last_row[tno]
                        filled = sum(1 for c in cells if c)
                        if filled < sum(1 for c in prev_row.cells if c) and prev_row.text.replace("\t", " ") != \
                                " ".join(cells):
                            # a row the page break split: its rest continues the last row
                            for q, c in enumerate(cells):
                                if c and q < len(prev_row.cells):
                                    prev_row.cells[q] = _join_parts([prev_row.cells[q], c], lexicon)
                            prev_row.text = "\t".join(prev_row.cells)
                            continue
                    if not header:
                        body_seen = True
                    lineno += 1
                    row = RawLine("\t".join(cells), lineno, pno, "row", brk, cells=cells, table=tno, header=header)
                    emitted.append((_key(first_line), row))
                    if not header:
                        last_row[tno] = row
                    brk = False
                    first_out = False
                prev_bottom = block[-1].bottom
                if end == len(content) - 1:
                    last_table = (tno, cols)
                k = end + 1
                continue
            if blank:
                lineno += 1
                emitted.append((_key(ln) - 0.001, RawLine("", lineno, pno)))
            segs = _segments(ln)
            far = any(b[0].x0 - a[-1].x1 > 4 * ln.size for a, b in zip(segs, segs[1:]))
            page_ref = len(segs) >= 2 and bool(re.fullmatch(r"\d{1,3}(?:[-–]\d{1,3})?", _join(segs[-1])))
            # parts far apart on one baseline (masthead) are lines of their own; an entry of a
            # table of contents keeps its page number, set apart by spaces
            pieces = [segs] if not far or page_ref else [[s] for s in segs]
            for piece in pieces:
                words = [w for s in piece for w in s]
                text = _join(words)
                if page_ref and len(piece) >= 2:
                    text = _join([w for s in piece[:-1] for w in s]) + "   " + _join(piece[-1])
                indent = max(0, round((words[0].x0 - margin) / unit))
                right = max(0, round((words[-1].x1 - margin) / unit))
                lineno += 1
                raw = RawLine(" " * indent + text, lineno, pno, "text", brk)
                raw.right = right
                emitted.append((_key(ln), raw))
                brk = False
            first_out = False
            prev_bottom = ln.bottom
            k += 1
        for ln in lines:
            if ln.kind == "footnote":
                first = ln.words[0]
                text = _join(ln.words, sup_refs=False) if not first.sup else _join(ln.words[1:], sup_refs=False)
                if first.sup:
                    marker = first.text
                elif _MARKER.match(first.text) and len(ln.words) > 1:
                    marker = first.text
                    text = _join(ln.words[1:], sup_refs=False)
                else:
                    marker = None
                lineno += 1
                emitted.append((100 * heights[pno - 1] + ln.top, RawLine(text, lineno, pno, "footnote", marker=marker)))
            elif ln.kind == "furniture":
                lineno += 1
                at_foot = ln.top > 0.5 * heights[pno - 1]
                emitted.append((ln.top + (200 * heights[pno - 1] if at_foot else 0),
                                RawLine(ln.text, lineno, pno, "furniture")))
        emitted.sort(key=lambda t: t[0])
        for _, raw in emitted:
            raw.lineno = len(out) + 1
            out.append(raw)
    return out
