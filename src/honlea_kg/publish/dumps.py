"""Bulk downloads and the dataset description, written deterministically.

Every file is written from sorted triples with pyoxigraph's serialisers (measured 20-35 times
faster than rdflib's Turtle writer: ``../shared/design/performance.md`` section 1), so the same
graph always gives the same bytes, whatever ``PYTHONHASHSEED`` is.  ``dataset.nt.gz`` has its
gzip header time set to 0 (RFC 1952, section 2.3.1: MTIME 0 = no time stamp).
"""

from __future__ import annotations

import gzip
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from ..vocab import PREFIXES
from .graphindex import nt

TURTLE_PREFIXES = {k: str(v) for k, v in PREFIXES.items()}

#: Dump file name -> (media type, pyoxigraph format or None for gzip of N-Triples, title).
DUMPS = {
    "dataset.ttl": ("text/turtle", ox.RdfFormat.TURTLE, "Turtle"),
    "dataset.nt": ("application/n-triples", ox.RdfFormat.N_TRIPLES, "N-Triples"),
    "dataset.nt.gz": ("application/gzip", None, "N-Triples, gzip-compressed"),
    "dataset.jsonld": ("application/ld+json", ox.RdfFormat.JSON_LD, "JSON-LD (expanded, inline context)"),
    "dataset.trig": ("application/trig", ox.RdfFormat.TRIG, "TriG, one named graph per report"),
}


@dataclass(frozen=True)
class FileInfo:
    """A written file: name (relative to the output folder), byte size and SHA-256 (hex)."""

    name: str
    size: int
    sha256: str
    media_type: str


def sort_triples(triples) -> list:
    """Triples sorted by the N-Triples forms of subject, predicate and object."""
    return sorted(triples, key=lambda t: (nt(t.subject), nt(t.predicate), nt(t.object)))


def turtle_bytes(triples, prefixes: dict | None = None) -> bytes:
    """Serialise triples as Turtle, sorted, with our prefixes (pyoxigraph groups a subject's
    consecutive triples with ``;``)."""
    return ox.serialize(sort_triples(triples), format=ox.RdfFormat.TURTLE,
                        prefixes=prefixes if prefixes is not None else TURTLE_PREFIXES)


def ntriples_bytes(triples) -> bytes:
    """Serialise triples as N-Triples, one per line, sorted."""
    return ox.serialize(sort_triples(triples), format=ox.RdfFormat.N_TRIPLES)


def jsonld_bytes(triples, prefixes: dict | None = None) -> bytes:
    """Serialise triples as JSON-LD: ``{"@context": {prefixes}, "@graph": [expanded nodes]}``.

    The context is inline (no remote ``@context``: JSON-LD 1.1, section 3.1); node objects are
    in expanded form, sorted by ``@id``, with keys sorted, so output is stable.
    """
    expanded = json.loads(ox.serialize(sort_triples(triples), format=ox.RdfFormat.JSON_LD) or b"[]")
    expanded.sort(key=lambda node: node.get("@id", ""))
    doc = {"@context": prefixes if prefixes is not None else TURTLE_PREFIXES, "@graph": expanded}
    return (json.dumps(doc, ensure_ascii=False, sort_keys=True, indent=1) + "\n").encode("utf-8")


def trig_bytes(quads) -> bytes:
    """Serialise quads as TriG, sorted by graph name then triple."""
    ordered = sorted(quads, key=lambda q: (nt(q.graph_name), nt(q.subject), nt(q.predicate), nt(q.object)))
    return ox.serialize(ordered, format=ox.RdfFormat.TRIG, prefixes=TURTLE_PREFIXES)


def gzip_bytes(data: bytes) -> bytes:
    """gzip ``data`` with a zero header time and no file name, so the bytes are reproducible."""
    import io

    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as gz:
        gz.write(data)
    return buf.getvalue()


def write_file(out: Path, name: str, data: bytes, media_type: str) -> FileInfo:
    """Write ``data`` to ``out/name`` and return its :class:`FileInfo`."""
    path = out / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return FileInfo(name, len(data), hashlib.sha256(data).hexdigest(), media_type)


def write_dumps(out: Path, triples: list, quads: list) -> list[FileInfo]:
    """Write the five bulk downloads and ``SHA256SUMS``; return their :class:`FileInfo`s.

    ``triples`` is the union graph (duplicates across reports removed); ``quads`` keep one
    named graph per report.
    """
    infos = []
    nt_data = ntriples_bytes(triples)
    for name, (media, fmt, _title) in DUMPS.items():
        if name == "dataset.nt":
            data = nt_data
        elif name == "dataset.nt.gz":
            data = gzip_bytes(nt_data)
        elif fmt == ox.RdfFormat.TURTLE:
            data = turtle_bytes(triples)
        elif fmt == ox.RdfFormat.JSON_LD:
            data = jsonld_bytes(triples)
        else:
            data = trig_bytes(quads)
        infos.append(write_file(out, name, data, media))
    sums = "".join(f"{i.sha256}  {i.name}\n" for i in infos)
    (out / "SHA256SUMS").write_text(sums, encoding="utf-8")
    return infos
