"""Word reports (``.docx``, ECMA-376 WordprocessingML) read as Word displays them.

The body (``word/document.xml``) is walked in order with lxml; python-docx is not used, because
it leaves out what matters here (automatic numbering, tracked changes, content controls, smart
tags, field results) and reading the XML it would expose is the same work:

- **automatic numbering** (ECMA-376 Part 1, 17.9): a paragraph's ``w:numPr`` (or its style's,
  through ``w:basedOn``) names a numbering instance (``w:num``) and level; the label is computed
  from ``numbering.xml`` as Word does: one counter set per abstract numbering (so a list
  continues after other paragraphs and across instances of the same list), a level's counter
  restarts when a higher level advances (``w:lvlRestart``) or when an instance overrides the
  start (``w:lvlOverride/w:startOverride``), formats ``decimal``, ``lowerLetter``,
  ``upperLetter``, ``lowerRoman``, ``upperRoman``, ``decimalZero``, ``bullet``, ``none``, and
  the level text (``%1.``, ``(%2)``, ``%1.%2``); the label is written before the text with
  one space;
- **tracked changes**, final view (17.13.5): insertions (``w:ins``, ``w:moveTo``) kept,
  deletions (``w:del``, ``w:moveFrom``, ``w:delText``) dropped, a deleted paragraph mark joins
  the paragraph to the next;
- text inside **content controls** (``w:sdt``), **smart tags** (``w:smartTag``), custom XML,
  **hyperlinks** and **fields** (``w:fldSimple``; the result of complex fields, never their
  ``w:instrText`` code) is kept; hidden text (``w:vanish``) is dropped;
- ``w:noBreakHyphen`` is written ``-``, ``w:softHyphen`` dropped, ``w:tab`` a TAB, ``w:br`` and
  ``w:cr`` a space;
- **text boxes** (``w:txbxContent`` in a DrawingML or VML shape) are read after the paragraph
  that anchors them, once (the ``mc:Choice`` shape, never its ``mc:Fallback`` copy);
- **tables** (``w:tbl``) become ``row`` lines with one cell per grid cell (a cell's paragraphs
  joined by a space; ``w:tblHeader`` rows are header rows; a cell continuing a vertical merge is
  empty);
- **footnotes and endnotes** (``footnotes.xml``, ``endnotes.xml``) are kept apart from the body:
  a reference becomes an anchor (:func:`.lines.footnote_ref`), never text; its marker is the
  footnote's number in reference order (or its custom mark, ``w:customMarkFollows``); headers
  and footers are page furniture, never text of the report: ``*`` notes UN Word files print in
  the first-page footer are kept as footnotes, the header parts' paragraphs as the running
  headers (:attr:`honlea_kg.model.Source.running_headers`: the report's symbol).

Heading kinds come from the paragraph style (``Title``, ``Subtitle``, ``Heading N``) or its
outline level.  Line numbers count the body's paragraphs and table rows (1-based).
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from ..model import ReadError
from .lines import RawLine, footnote_ref

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_STAR_NOTE = re.compile(r"^\s*(\*{1,3})\s+(\S.*)$")
#: Elements whose content is never displayed text in the final view.
_SKIP = {f"{W}{t}" for t in ("del", "moveFrom", "pPr", "rPr", "instrText", "delText", "delInstrText",
                             "fldData", "sectPr", "tblPr", "trPr", "tcPr", "tblGrid", "sdtPr", "sdtEndPr",
                             "commentReference", "annotationRef", "footnoteRef", "endnoteRef",
                             "separator", "continuationSeparator", "drawing", "pict", "object")}


def _val(el, name: str = "val") -> str | None:
    return el.get(f"{W}{name}") if el is not None else None


# --- numbering -----------------------------------------------------------------------------

def _roman(n: int) -> str:
    vals = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
            (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
    out = ""
    for v, s in vals:
        while n >= v:
            out += s
            n -= v
    return out


def _letters(n: int) -> str:
    # Word: a..z, then aa..zz, aaa... (the letter repeated), ECMA-376 17.18.59 lowerLetter
    if n <= 0:
        return str(n)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    """Format counter ``n`` in a WordprocessingML number format (ECMA-376 Part 1, 17.18.59)."""
    if fmt in ("lowerLetter",):
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "none":
        return ""
    return str(n)


class Numbering:
    """Word's automatic numbering: the abstract numberings and instances of ``numbering.xml``
    and the running counters (see the module docstring).  :meth:`label` returns the label of
    the next paragraph of ``(numId, ilvl)`` and advances the counters."""

    def __init__(self, root):
        self.abstract: dict[str, dict[int, dict]] = {}
        self.num_abstract: dict[str, str] = {}
        self.overrides: dict[str, dict[int, int]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.started: set[str] = set()
        if root is None:
            return
        for an in root.iter(f"{W}abstractNum"):
            levels = {}
            for lvl in an.iter(f"{W}lvl"):
                ilvl = int(_val(lvl, "ilvl") or 0)
                start = lvl.find(f"{W}start")
                fmt = lvl.find(f"{W}numFmt")
                text = lvl.find(f"{W}lvlText")
                restart = lvl.find(f"{W}lvlRestart")
                suff = lvl.find(f"{W}suff")
                levels[ilvl] = {"start": int(_val(start) or 1) if start is not None else 1,
                                "fmt": _val(fmt) or "decimal" if fmt is not None else "decimal",
                                "text": _val(text) if text is not None else f"%{ilvl + 1}.",
                                "restart": int(_val(restart)) if restart is not None and _val(restart) else None,
                                "suff": _val(suff) or "tab" if suff is not None else "tab"}
            self.abstract[_val(an, "abstractNumId")] = levels
            link = an.find(f"{W}numStyleLink")
            if link is not None:
                levels["_link"] = _val(link)
        for num in root.iter(f"{W}num"):
            nid = _val(num, "numId")
            ref = num.find(f"{W}abstractNumId")
            self.num_abstract[nid] = _val(ref)
            ov = {}
            for o in num.iter(f"{W}lvlOverride"):
                so = o.find(f"{W}startOverride")
                if so is not None:
                    ov[int(_val(o, "ilvl") or 0)] = int(_val(so) or 1)
            self.overrides[nid] = ov

    def label(self, num_id: str, ilvl: int) -> str | None:
        """The label (``"12."``, ``"(a)"``) of the next item of list ``num_id`` at level
        ``ilvl``; ``None`` for no numbering (``numId`` 0 or unknown), ``"•"`` for a bullet."""
        aid = self.num_abstract.get(num_id)
        if aid is None or aid not in self.abstract:
            return None
        levels = self.abstract[aid]
        if ilvl not in levels:
            return None
        counters = self.counters.setdefault(aid, {})
        if num_id not in self.started:
            self.started.add(num_id)
            for lv, start in self.overrides.get(num_id, {}).items():
                counters[lv] = start - 1
        lvl = levels[ilvl]
        counters[ilvl] = counters.get(ilvl, lvl["start"] - 1) + 1
        for deeper in list(counters):
            if deeper > ilvl:
                restart = levels.get(deeper, {}).get("restart")
                if restart is None or restart == 0 or restart > ilvl:
                    if restart != 0:
                        del counters[deeper]
        if lvl["fmt"] == "bullet":
            return "•"
        text = lvl["text"] or ""

        def fill(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            lv = levels.get(k, {"start": 1, "fmt": "decimal"})
            return format_number(counters.get(k, lv["start"]), lv["fmt"])
        return re.sub(r"%(\d)", fill, text).strip() or None


# --- the document ---------------------------------------------------------------------------

class _Reader:
    def __init__(self, zf: zipfile.ZipFile, path: Path):
        from lxml import etree

        self.path = path
        names = set(zf.namelist())

        def load(name: str):
            if name not in names:
                return None
            try:
                return etree.fromstring(zf.read(name))
            except etree.XMLSyntaxError as exc:
                raise ReadError(f"damaged DOCX: {name}: {exc}".splitlines()[0], path) from None

        self.doc = load("word/document.xml")
        if self.doc is None or self.doc.find(f"{W}body") is None:
            raise ReadError("damaged DOCX: word/document.xml has no body", path)
        self.numbering = Numbering(load("word/numbering.xml"))
        self.styles = self._styles(load("word/styles.xml"))
        self.notes = {"footnote": self._notes(load("word/footnotes.xml"), "footnote"),
                      "endnote": self._notes(load("word/endnotes.xml"), "endnote")}
        self.note_count = {"footnote": 0, "endnote": 0}
        self.used_notes: list[tuple[str, str]] = []  # (marker, text) in reference order
        self._custom = None
        self.footer_parts = [load(n) for n in sorted(names) if re.match(r"word/footer\d*\.xml$", n)]
        self.header_parts = [load(n) for n in sorted(names) if re.match(r"word/header\d*\.xml$", n)]

    # styles: id -> (name, numPr (numId, ilvl) or None, outline level or None, basedOn)
    def _styles(self, root) -> dict[str, dict]:
        out: dict[str, dict] = {}
        if root is None:
            return out
        for st in root.iter(f"{W}style"):
            sid = _val(st, "styleId")
            name = st.find(f"{W}name")
            ppr = st.find(f"{W}pPr")
            num = ppr.find(f"{W}numPr") if ppr is not None else None
            outline = ppr.find(f"{W}outlineLvl") if ppr is not None else None
            based = st.find(f"{W}basedOn")
            numpr = None
            if num is not None:
                numpr = (_val(num.find(f"{W}numId")), int(_val(num.find(f"{W}ilvl")) or "0"))
            out[sid] = {"name": _val(name) or sid, "num": numpr,
                        "outline": int(_val(outline)) if outline is not None and _val(outline) else None,
                        "based": _val(based)}
        return out

    def _style_attr(self, sid: str | None, key: str):
        seen = set()
        while sid and sid in self.styles and sid not in seen:
            seen.add(sid)
            v = self.styles[sid][key]
            if v is not None:
                return v
            sid = self.styles[sid]["based"]
        return None

    def _notes(self, root, kind: str) -> dict[str, object]:
        if root is None:
            return {}
        return {_val(n, "id"): n for n in root.iter(f"{W}{kind}")
                if _val(n, "type") not in ("separator", "continuationSeparator", "continuationNotice")}

    # text of a run container, in the final view
    def text_of(self, el, notes: bool = True) -> str:
        out: list[str] = []
        self._walk(el, out, notes)
        return "".join(out)

    def _walk(self, el, out: list[str], notes: bool) -> None:
        for child in el:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag == f"{W}r":
                rpr = child.find(f"{W}rPr")
                vanish = rpr.find(f"{W}vanish") if rpr is not None else None
                if vanish is not None and _val(vanish) not in ("0", "false", "off") \
                        and rpr.find(f"{W}specVanish") is None:
                    continue  # hidden text (ECMA-376 17.3.2.41), not displayed
                self._run(child, out, notes)
            elif tag == f"{W}p":
                if out and not out[-1].endswith(" "):
                    out.append(" ")
                self._walk(child, out, notes)
            else:  # ins, moveTo, hyperlink, smartTag, sdt/sdtContent, customXml, fldSimple, bdo, dir...
                self._walk(child, out, notes)

    def _run(self, run, out: list[str], notes: bool) -> None:
        for child in run:
            tag = child.tag
            if tag == f"{W}t":
                text = child.text or ""
                if self._custom is not None and text.strip():
                    note = self._custom[0]
                    self._custom = None
                    mark = text.strip()
                    if notes:
                        out.append(footnote_ref(mark))
                        if note is not None:
                            body = self._note_text(note)
                            if body.startswith(mark):
                                body = body[len(mark):].strip()
                            self.used_notes.append((mark, body))
                    continue
                out.append(text)
            elif tag == f"{W}tab":
                out.append("\t")
            elif tag in (f"{W}br", f"{W}cr"):
                out.append(" ")
            elif tag == f"{W}noBreakHyphen":
                out.append("-")
            elif tag == f"{W}softHyphen":
                pass
            elif tag == f"{W}sym":
                char = _val(child, "char")
                if char:
                    try:
                        code = int(char, 16)
                        out.append(chr(code - 0xF000) if code >= 0xF020 else chr(code))
                    except ValueError:
                        pass
            elif tag in (f"{W}footnoteReference", f"{W}endnoteReference"):
                kind = "footnote" if tag == f"{W}footnoteReference" else "endnote"
                note = self.notes[kind].get(_val(child, "id"))
                if _val(child, "customMarkFollows") in ("1", "true", "on"):
                    self._custom = (note,)
                    continue
                self.note_count[kind] += 1
                k = self.note_count[kind]
                marker = str(k) if kind == "footnote" else _roman(k)
                if notes:
                    out.append(footnote_ref(marker))
                    if note is not None:
                        self.used_notes.append((marker, self._note_text(note)))

    def _note_text(self, note) -> str:
        saved = self._custom
        self._custom = None
        text = " ".join(self.text_of(note, notes=False).split())
        self._custom = saved
        return text

    # paragraphs and tables
    def paragraph(self, p) -> tuple[str, str, bool]:
        """(text with its automatic label, kind, paragraph mark deleted?)"""
        ppr = p.find(f"{W}pPr")
        style = None
        numpr = None
        outline = None
        mark_deleted = False
        if ppr is not None:
            ps = ppr.find(f"{W}pStyle")
            style = _val(ps)
            num = ppr.find(f"{W}numPr")
            if num is not None:
                nid = num.find(f"{W}numId")
                il = num.find(f"{W}ilvl")
                numpr = (_val(nid) if nid is not None else None, int(_val(il) or 0) if il is not None else None)
            ol = ppr.find(f"{W}outlineLvl")
            if ol is not None and _val(ol):
                outline = int(_val(ol))
            rpr = ppr.find(f"{W}rPr")
            if rpr is not None and (rpr.find(f"{W}del") is not None or rpr.find(f"{W}moveFrom") is not None):
                mark_deleted = True
        snum = self._style_attr(style, "num")
        if numpr is None:
            numpr = snum
        elif numpr[0] is None and snum is not None:
            numpr = (snum[0], numpr[1])
        elif numpr[1] is None:
            numpr = (numpr[0], snum[1] if snum is not None else 0)
        self._custom = None
        text = self.text_of(p)
        label = None
        if numpr is not None and numpr[0] not in (None, "0"):
            label = self.numbering.label(numpr[0], numpr[1] or 0)
        if label:
            text = f"{label} {text.lstrip()}"
        name = self._style_attr(style, "name") or ""
        level = outline if outline is not None else self._style_attr(style, "outline")
        kind = "heading" if re.match(r"^(Title|Subtitle|[Hh]eading \d)$", str(name)) else "block"
        if kind == "block" and level is not None and level <= 2 and len(text) < 200 \
                and not re.match(r"^\s*\d{1,3}\.\s", text):
            kind = "heading"
        return text.replace("\n", " "), kind, mark_deleted

    def table_rows(self, tbl) -> list[tuple[list[str], bool]]:
        rows = []
        for tr in self._rows(tbl):
            trpr = tr.find(f"{W}trPr")
            if trpr is not None and (trpr.find(f"{W}del") is not None):
                continue
            header = trpr is not None and trpr.find(f"{W}tblHeader") is not None and \
                _val(trpr.find(f"{W}tblHeader")) not in ("0", "false", "off")
            cells = []
            for tc in tr:
                if tc.tag == f"{W}sdt":
                    tcs = tc.findall(f".//{W}tc")
                else:
                    tcs = [tc] if tc.tag == f"{W}tc" else []
                for cell in tcs:
                    tcpr = cell.find(f"{W}tcPr")
                    vm = tcpr.find(f"{W}vMerge") if tcpr is not None else None
                    if vm is not None and _val(vm) in (None, "continue"):
                        cells.append("")
                        continue
                    parts = [" ".join(self.text_of(p).replace("\t", " ").split()) for p in cell.iter(f"{W}p")]
                    cells.append(" ".join(x for x in parts if x))
            rows.append((cells, header))
        return rows

    def _rows(self, el):
        """The table's own rows (not those of a nested table), through content controls,
        custom XML and tracked insertions."""
        for child in el:
            if child.tag == f"{W}tr":
                yield child
            elif child.tag in (f"{W}sdt", f"{W}sdtContent", f"{W}customXml", f"{W}ins", f"{W}moveTo"):
                yield from self._rows(child)

    def lines(self) -> list[RawLine]:
        out: list[RawLine] = []
        n = 0
        table = -1
        carry = ""
        body = self.doc.find(f"{W}body")
        pending = list(self._blocks(body))
        while pending:
            el = pending.pop(0)
            if el.tag == f"{W}p":
                text, kind, joined = self.paragraph(el)
                boxes = [blk for box in self.text_boxes(el) for blk in self._blocks(box)]
                pending[:0] = boxes  # a text box's paragraphs are read after the one anchoring it
                if joined:
                    carry += text
                    continue
                n += 1
                out.append(RawLine(carry + text, n, None, kind))
                carry = ""
            else:
                table += 1
                for cells, header in self.table_rows(el):
                    n += 1
                    out.append(RawLine("\t".join(cells), n, None, "row", cells=cells, table=table, header=header))
        if carry:
            n += 1
            out.append(RawLine(carry, n, None, "block"))
        for marker, text in self.used_notes + self.footer_notes():
            n += 1
            out.append(RawLine(text, n, None, "footnote", marker=marker))
        for text in self.header_texts():
            n += 1
            out.append(RawLine(text, n, None, "furniture"))
        return out

    def header_texts(self) -> list[str]:
        """The distinct paragraph texts of the header parts (the running header: the report's
        symbol), as ``furniture`` lines: never text of the report, but evidence of its symbol
        (:attr:`honlea_kg.model.Source.running_headers`)."""
        out: list[str] = []
        for root in self.header_parts:
            if root is None:
                continue
            for p in root.iter(f"{W}p"):
                text = " ".join(self.text_of(p, notes=False).split())
                if text and text not in out:
                    out.append(text)
        return out

    @staticmethod
    def text_boxes(el) -> list:
        """The text boxes (``w:txbxContent``) anchored in paragraph ``el``, outermost first, each
        once: a text box is written twice, as a DrawingML shape in ``mc:Choice`` and as a VML
        shape in ``mc:Fallback`` for older readers (ECMA-376 Part 3, markup compatibility), and
        only the first is read.  Word users and PDF-to-Word converters put text in them (a
        converted report may hold every paragraph in one); it is read as Word shows it."""
        out = []

        def walk(node) -> None:
            for child in node:
                if not isinstance(child.tag, str) or child.tag == f"{MC}Fallback":
                    continue
                if child.tag == f"{W}txbxContent":
                    out.append(child)
                    continue
                walk(child)
        walk(el)
        return out

    def _blocks(self, el):
        """Body-level paragraphs and tables in order, through content controls, custom XML and
        tracked insertions of whole paragraphs."""
        for child in el:
            tag = child.tag
            if tag in (f"{W}p", f"{W}tbl"):
                yield child
            elif tag in (f"{W}sdt", f"{W}sdtContent", f"{W}customXml", f"{W}ins", f"{W}moveTo"):
                yield from self._blocks(child)

    def footer_notes(self) -> list[tuple[str, str]]:
        """``* text`` notes printed in page footers (UN Word files put the first page's ``*``
        footnote in the first-page footer, next to the job number and barcode)."""
        notes = []
        seen = set()
        for root in self.footer_parts:
            if root is None:
                continue
            for p in root.iter(f"{W}p"):
                m = _STAR_NOTE.match(self.text_of(p, notes=False))
                if m and m.group(2) not in seen:
                    seen.add(m.group(2))
                    notes.append((m.group(1), " ".join(m.group(2).split())))
        return notes


def read(data: bytes, path: Path, warnings: list[str]) -> list[RawLine]:
    """Physical lines of a Word report (see the module docstring).

    :raises ReadError: for a damaged document (not a ZIP, no or malformed ``document.xml``).
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return _Reader(zf, path).lines()
    except ReadError:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, RecursionError) as exc:
        raise ReadError(f"damaged DOCX: {type(exc).__name__}: {exc}".splitlines()[0], path) from None
