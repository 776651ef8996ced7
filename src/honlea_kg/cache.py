"""The per-report build cache: what building one report gave, kept between builds.

An entry is keyed by the SHA-256 of (the report file's bytes and path, the base IRI, whether it was
validated, and :func:`code_version` - the hash of the package's source files, ``ontology/`` and
``shapes/``), so any change of input, code, ontology or shapes makes a new key and an old entry
is simply never asked for again.  An entry holds the report's N-Triples, normalised text, SHACL
findings and warnings as JSON, preceded by one line with the SHA-256 of that JSON: a truncated
or altered entry fails the check, is deleted and the report is rebuilt (never trusted).

The cache lives outside the output folder (default ``.cache/honlea-kg/`` in the working
directory), so publishing a fresh output folder never loses it.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import asdict
from functools import lru_cache
from pathlib import Path

DEFAULT_CACHE_DIR = Path(".cache") / "honlea-kg"
#: Bump when the entry format changes.
FORMAT = "1"


@lru_cache(maxsize=1)
def code_version() -> str:
    """SHA-256 (hex) over the package's files (``*.py``, templates, static files and scripts, the
    display labels ``publish/terms.ttl``, gazetteers)
    and the ``ontology/*.ttl`` and ``shapes/*.ttl`` of the project, by relative path and content.

    Cached for the life of the process.
    """
    from .config import ONTOLOGY_DIR, SHAPES_DIR

    h = hashlib.sha256(FORMAT.encode())
    package = Path(__file__).resolve().parent
    roots = [("pkg", package, ("*.py", "*.html", "*.css", "*.csv", "*.js", "*.ttl")),
             ("ontology", ONTOLOGY_DIR, ("*.ttl",)), ("shapes", SHAPES_DIR, ("*.ttl",))]
    for label, root, patterns in roots:
        files = sorted({p for pat in patterns for p in Path(root).rglob(pat)
                        if "__pycache__" not in p.parts})
        for path in files:
            h.update(f"{label}/{path.relative_to(root).as_posix()}\0".encode())
            h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def entry_key(data: bytes, path: str, base_iri: str, validate: bool, version: str | None = None) -> str:
    """The cache key (hex SHA-256) of a report file's bytes and path (warnings name the file)
    under the current code version."""
    h = hashlib.sha256()
    for part in (version or code_version(), path, base_iri, "validated" if validate else "unvalidated"):
        h.update(part.encode("utf-8") + b"\0")
    h.update(hashlib.sha256(data).digest())
    return h.hexdigest()


class ReportCache:
    """A folder of cache entries, one file ``<key[:2]>/<key>.json`` per built report.

    Counters ``hits``, ``misses`` and ``corrupt`` (entries that failed the checksum or could not
    be decoded: deleted and counted as misses too) tell what a build reused.
    """

    def __init__(self, folder: Path | str = DEFAULT_CACHE_DIR):
        self.folder = Path(folder)
        self.hits = 0
        self.misses = 0
        self.corrupt = 0

    def path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> dict | None:
        """The entry's payload, or ``None`` if there is none or it is corrupt (then deleted)."""
        path = self.path(key)
        try:
            raw = path.read_bytes()
        except OSError:
            self.misses += 1
            return None
        digest, _, body = raw.partition(b"\n")
        try:
            if hashlib.sha256(body).hexdigest().encode() != digest:
                raise ValueError("checksum mismatch")
            payload = json.loads(body)
            if payload.get("key") != key:
                raise ValueError("entry of another key")
        except ValueError:
            self.corrupt += 1
            self.misses += 1
            path.unlink(missing_ok=True)
            return None
        self.hits += 1
        return payload

    def put(self, key: str, payload: dict) -> None:
        """Write an entry atomically (temporary file + rename): readers never see half of it."""
        path = self.path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        body = json.dumps(dict(payload, key=key), ensure_ascii=False, sort_keys=True).encode("utf-8")
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(hashlib.sha256(body).hexdigest().encode() + b"\n" + body)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


def outcome_payload(outcome) -> dict:
    """The JSON-able fields of a :class:`~honlea_kg.pipeline.ReportOutcome` (not its path)."""
    return {"meeting": outcome.meeting, "graph_iri": outcome.graph_iri, "ntriples": outcome.ntriples,
            "triples": outcome.triples, "report_iri": outcome.report_iri, "text": outcome.text,
            "findings": [asdict(f) for f in outcome.findings], "error": outcome.error,
            "warnings": list(outcome.warnings), "coverage": list(outcome.coverage), "validated": outcome.validated}
