"""Plain-text reports (``.txt``: a converter's text, ``pdftotext -layout`` output, hard-wrapped or
not): decoding and the split into physical lines."""

from __future__ import annotations

import codecs
from pathlib import Path

from ..model import ReadError
from .lines import RawLine


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


def read(data: bytes, path: Path, warnings: list[str]) -> list[RawLine]:
    """Physical lines of a plain-text report (see :func:`decode`, :func:`text_lines`)."""
    return text_lines(decode(data, path))
