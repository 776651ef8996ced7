"""Read report files into a normalised :class:`~honlea_kg.model.Source`.

Each non-empty line of the (decoded, normalised) file becomes one :class:`Block`; the blocks
joined with ``"\\n"`` are the report's normalised text, the text every character offset in the
graph refers to.
"""

from __future__ import annotations

import codecs
import hashlib
from pathlib import Path

from .model import Block, ReadError, Source, Span
from .normalize import markdown_escapes, normalize_line

#: File endings a corpus folder is searched for.
REPORT_SUFFIXES = (".txt", ".md", ".pdf", ".docx")


def decode(data: bytes, path: Path) -> str:
    """Decode report bytes: UTF-8 with or without BOM, UTF-16 with a BOM, else CP1252.

    :raises ReadError: for an empty file or one that looks binary (NUL bytes without a UTF-16
        BOM, or bytes undefined in CP1252).
    """
    if not data.strip():
        raise ReadError("empty file: expected the text of a report", path)
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", errors="strict")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    if b"\x00" in data:
        raise ReadError("binary file (NUL bytes): expected report text", path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise ReadError(f"cannot decode as UTF-8 or CP1252 at byte {exc.start}", path) from None


def read_text_lines(path: Path, text: str, fmt: str) -> Source:
    """Build a :class:`Source` from decoded text, one block per non-empty line."""
    blocks: list[Block] = []
    parts: list[str] = []
    offset = 0
    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = normalize_line(raw).strip(" ")
        if fmt == "md":
            line = markdown_escapes(line)
        if not line.strip():
            continue
        if parts:
            offset += 1  # the "\n" joining blocks
        blocks.append(Block(text=line, span=Span(offset, offset + len(line)), lines=(lineno, lineno)))
        parts.append(line)
        offset += len(line)
    norm = "\n".join(parts)
    return Source(path=path, fmt=fmt, text=norm, blocks=blocks,
                  original_sha256="", text_sha256=hashlib.sha256(norm.encode("utf-8")).hexdigest())


def read_report(path: str | Path) -> Source:
    """Read one report file (``.txt`` or ``.md``) into a normalised :class:`Source`.

    :raises ReadError: if the file is missing, empty, binary or of an unsupported kind.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(f"cannot read file: {exc.strerror}", path) from None
    suffix = path.suffix.lower()
    if suffix not in (".txt", ".md"):
        raise ReadError(f"unsupported file type {suffix!r}: expected .txt or .md", path)
    text = decode(data, path)
    source = read_text_lines(path, text, suffix.lstrip("."))
    source.original_sha256 = hashlib.sha256(data).hexdigest()
    if not source.blocks:
        raise ReadError("no text: expected the text of a report", path)
    return source
