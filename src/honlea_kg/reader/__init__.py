"""Read report files (``.txt``, ``.md``, ``.pdf``, ``.docx``) into a normalised :class:`Source`.

One small reader per format turns a file into physical lines of pages
(:class:`.lines.RawLine`: text, page, and what the layout told: headings, table rows with their
cells, footnotes with their markers, furniture, tables of contents); :func:`.assemble.assemble`
then normalises them once into the :class:`honlea_kg.model.Source`:

- :mod:`.text`: plain text (decoding, form feeds as page breaks);
- :mod:`.markdown`: Markdown headings, pipe tables, footnotes;
- :mod:`.pdf`: PDF read from its geometry with pdfplumber (pdfminer.six): running headers and
  footers, footnote areas, superscript markers, indentation, column-aligned and ruled tables;
- :mod:`.docx`: Word read as Word displays it (automatic numbering, tracked changes, content
  controls, fields, footnotes apart from the body).

The format is chosen by content first, extension second (:func:`sniff_format`).  A new format is
one new module with a ``read(data, path, warnings) -> list[RawLine]`` function, named in
:data:`READERS`.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from ..model import ReadError, Source
from . import docx, markdown, pdf, text
from .assemble import assemble
from .text import decode

__all__ = ["REPORT_SUFFIXES", "READERS", "decode", "read_report", "sniff_format"]

#: File endings a corpus folder is searched for.
REPORT_SUFFIXES = (".txt", ".md", ".pdf", ".docx")

#: The reader of each format: ``read(data: bytes, path: Path, warnings: list[str]) -> list[RawLine]``.
READERS = {"txt": text.read, "md": markdown.read, "pdf": pdf.read, "docx": docx.read}


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


def read_report(path: str | Path) -> Source:
    """Read one report file (``.txt``, ``.md``, ``.pdf`` or ``.docx``, told by content) into a
    normalised :class:`Source`; warnings of the reader (an image-only page, characters a font
    could not map) are in :attr:`Source.warnings`, each naming the file and page.

    :raises ReadError: if the file is missing, empty, binary, a damaged PDF/DOCX, a PDF that
        needs a password or has no text layer, or holds no text; the message names the file.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(f"cannot read file: {exc.strerror or exc}", path) from None
    fmt = sniff_format(data, path)
    warnings: list[str] = []
    raw = READERS[fmt](data, path, warnings)
    source = assemble(path, fmt, raw, data)
    source.warnings[:0] = warnings
    return source
