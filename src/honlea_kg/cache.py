"""The per-report build cache: what building one report gave, kept between builds.

An entry is keyed by the SHA-256 of (the report file's bytes and path, the base IRI, whether it was
validated, and :func:`code_version` - the hash of the package's source files, ``ontology/`` and
``shapes/``), so any change of input, code, ontology or shapes makes a new key and an old entry
is simply never asked for again.  An entry is small JSON (the report's meeting, graph, SHACL
findings, warnings and the SHA-256 of its N-Triples and of its normalised text), preceded by
one line with the SHA-256 of that JSON: a truncated or altered entry fails the check, is
deleted and the report is rebuilt (never trusted).  The N-Triples, the text and the dump pieces
derived from them live in a :class:`ContentStore` beside it, named by their own SHA-256, so a
rebuild reads them only when it needs them.

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
FORMAT = "2"


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
    """The JSON-able fields of a :class:`~honlea_kg.stages.report.ReportOutcome` (not its path,
    nor its N-Triples and text, which are in the :class:`ContentStore` by ``digest`` and
    ``text_digest``)."""
    return {"meeting": outcome.meeting, "graph_iri": outcome.graph_iri, "digest": outcome.digest,
            "text_digest": outcome.text_digest, "triples": outcome.triples, "report_iri": outcome.report_iri,
            "findings": [asdict(f) for f in outcome.findings], "error": outcome.error,
            "warnings": list(outcome.warnings), "coverage": list(outcome.coverage), "validated": outcome.validated}


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename: a reader (or a build
    killed half-way) never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class ContentStore:
    """Files named by the SHA-256 of what they are derived from: ``<kind>/<d[:2]>/<d>.<ext>``.

    Kinds: a report graph's canonical N-Triples (``nt``, named by its own SHA-256: the *piece*
    digest) and its dump pieces (``ttl``, ``jsonld``, ``nt.gz``, named by the same digest:
    :func:`~honlea_kg.publish.dumps.graph_pieces`), and a report's normalised text (``txt``,
    named by the text's SHA-256), and beside the dump pieces their manifest (``sha256``: the
    SHA-256 of each piece, since pieces are named by their graph's digest, not their own).
    Files are written atomically and never changed in place, so any number of builds may share
    a store; a file found damaged (:meth:`check`) is replaced by the next :meth:`put`.
    """

    PIECES = ("nt", "ttl", "jsonld", "nt.gz")

    def __init__(self, folder: Path | str):
        self.folder = Path(folder)

    def path(self, digest: str, ext: str) -> Path:
        kind = "texts" if ext == "txt" else "pieces"  # "sha256": the pieces' manifest
        return self.folder / kind / digest[:2] / f"{digest}.{ext}"

    def has(self, digest: str, ext: str) -> bool:
        return self.path(digest, ext).is_file()

    def put(self, digest: str, ext: str, data: bytes) -> Path:
        """Store ``data`` as (``digest``, ``ext``) unless the same bytes are there already (a
        damaged file is replaced); return its path."""
        path = self.path(digest, ext)
        try:
            same = path.stat().st_size == len(data) and path.read_bytes() == data
        except OSError:
            same = False
        if not same:
            write_atomic(path, data)
        return path

    def manifest_path(self, digest: str) -> Path:
        """The file holding the SHA-256 of each dump piece of the graph ``digest`` (the pieces
        are named by the graph's digest, not their own, so they are checked against it)."""
        return self.folder / "pieces" / digest[:2] / f"{digest}.sha256"

    def put_pieces(self, digest: str, pieces: dict[str, bytes]) -> None:
        """Store the dump pieces of the graph ``digest`` (``ext -> bytes``) and, last, their
        manifest (so a manifest never vouches for a piece not yet written)."""
        for ext, data in pieces.items():
            self.put(digest, ext, data)
        sums = {ext: hashlib.sha256(data).hexdigest() for ext, data in sorted(pieces.items())}
        self.put(digest, "sha256", json.dumps(sums, sort_keys=True).encode("ascii"))

    def _sha256(self, digest: str, ext: str) -> str | None:
        try:
            with open(self.path(digest, ext), "rb") as f:
                return hashlib.file_digest(f, "sha256").hexdigest()
        except OSError:
            return None

    def check(self, digest: str, text_digest: str) -> tuple[list[str], list[str]]:
        """Check a cached report's files against their SHA-256: the graph's N-Triples and the
        text (named by their own digest) and the dump pieces (against the manifest written with
        them).  Return (``damaged``, ``missing``): names of the files present with other bytes
        than they should hold, and of the files (or manifest) absent.  Costs one read of each
        file (about 1 ms per MB)."""
        damaged: list[str] = []
        missing: list[str] = []
        for ext, want in (("nt", digest), ("txt", text_digest)):
            got = self._sha256(want, ext)
            if got is None:
                missing.append(ext)
            elif got != want:
                damaged.append(ext)
        try:
            sums = json.loads(self.path(digest, "sha256").read_bytes())
            if not isinstance(sums, dict) or sorted(sums) != sorted(self.PIECES[1:]):
                raise ValueError("not a manifest")
        except OSError:
            missing.append("sha256")
            sums = {}
        except ValueError:
            damaged.append("sha256")
            sums = {}
        for ext in self.PIECES[1:]:
            got = self._sha256(digest, ext)
            if got is None:
                missing.append(ext)
            elif sums and got != sums[ext]:
                damaged.append(ext)
        return damaged, missing

    def read(self, digest: str, ext: str) -> bytes:
        """:raises OSError: when the file is not in the store."""
        return self.path(digest, ext).read_bytes()
