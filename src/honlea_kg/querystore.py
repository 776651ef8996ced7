"""The persistent query store: a build's dataset in an on-disk pyoxigraph store, made once.

Parsing ``dataset.trig`` takes seconds to minutes (about 40 s at 1,000 reports), so every
``honlea-kg query`` and every ``serve`` start used to pay that before the first answer.  This
module keeps, in the build cache (never under ``--out``, which stays a static site), one
RocksDB-backed pyoxigraph store per dataset, holding

* the **default graph**: the RDF merge of the report graphs (SPARQL 1.1 Query, section 13.1),
  as ``honlea-kg query`` has always answered queries without ``GRAPH`` or ``FROM``; and
* the **named graphs**: one per report, as in ``dataset.trig``, for ``GRAPH`` patterns,
  ``FROM``/``FROM NAMED`` and the protocol's ``default-graph-uri``/``named-graph-uri``.

On disk the default graph has its own indexes (unlike the in-memory store, where the copy of
each triple in its report graph doubled every default-graph lookup), so one store serves both.

**Identity.**  A store is named by the SHA-256 of the ``dataset.trig`` bytes it was made from:
``CACHE/query-stores/<sha256>/``.  Hashing 700 MB takes seconds, so the digest of a file is
remembered beside the stores with the file's device, inode, size, modification and change
times (the way git's index trusts an unchanged ``stat``); any change of those makes the file
hashed again.  A build folder copied from elsewhere therefore costs one hash, and a dataset
already seen (the same bytes) finds its store at once.

**Never trusted when stale or damaged.**  A store is made in a temporary folder and renamed into
place only when complete, with a ``READY.json`` recording the format, the digest, the
pyoxigraph version, the triple and quad counts, and the name and size of every file.  Opening
checks all of that (a missing, extra, truncated or grown file, another digest or format means
the store is rebuilt); RocksDB checks each block's checksum when it reads it, and a query that
meets a corrupt block raises :class:`StoreDamaged` so the caller can rebuild and rerun
(:func:`open_store`, :meth:`QueryStore.query`).  Only one process builds a given store
(an exclusive ``flock`` on ``<sha256>.lock``); the others wait and then open it.

**Concurrent readers.**  Stores are opened with :meth:`pyoxigraph.Store.read_only`, which takes
no lock and writes nothing, so any number of processes (``query`` calls, ``serve`` workers) read
one store at once; a store is never written after it is made.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from .model import HonleaError

#: Bump when the layout of a store or of ``READY.json`` changes: older stores are rebuilt.
FORMAT = "1"
STORES_DIR = "query-stores"
READY = "READY.json"
DB = "db"
DIGESTS = "digests.json"
DATASET_FILE = "dataset.trig"


class StoreError(HonleaError):
    """The query store could not be made (unreadable or invalid TriG, disk full)."""


class StoreWriteError(StoreError):
    """The store could not be written (a read-only or full cache, a file where a folder should be)."""


class StoreDamaged(HonleaError):
    """A store's files do not match its ``READY.json``, or RocksDB found a corrupt block."""


# --- the dataset's digest --------------------------------------------------------------------

def _stat_key(st: os.stat_result) -> list:
    return [st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns]


def sha256_file(path: Path, chunk: int = 1 << 20) -> str:
    """The SHA-256 (hex) of the bytes of ``path``, read in 1 MiB chunks.

    :raises OSError: if the file cannot be read."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while True:
            block = fh.read(chunk)
            if not block:
                return h.hexdigest()
            h.update(block)


def _write_json_atomic(path: Path, data) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    try:
        os.fchmod(fd, 0o644)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, sort_keys=True)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def dataset_digest(trig: Path, cache_dir: Path | None) -> str:
    """The SHA-256 of ``trig``'s bytes, hashed only when its ``stat`` changed since last time.

    The memo (``CACHE/query-stores/digests.json``: real path -> device, inode, size, mtime and
    ctime in nanoseconds, digest) is rewritten atomically; when it cannot be written (a read-only
    cache) the digest is still returned.

    :raises OSError: if ``trig`` cannot be read.
    """
    real = os.path.realpath(trig)
    st = os.stat(real)
    memo_path = Path(cache_dir) / STORES_DIR / DIGESTS if cache_dir is not None else None
    memo: dict = _read_memo(memo_path) if memo_path is not None else {}
    if memo_path is not None:
        entry = memo.get(real)
        if isinstance(entry, dict) and entry.get("stat") == _stat_key(st) and isinstance(entry.get("sha256"), str):
            return entry["sha256"]
    digest = sha256_file(Path(real))
    if memo_path is not None:
        st_after = os.stat(real)
        if _stat_key(st_after) == _stat_key(st):  # not changed while we read it
            memo[real] = {"stat": _stat_key(st), "sha256": digest}
            try:
                _write_json_atomic(memo_path, memo)
            except OSError:
                pass
    return digest


# --- making a store --------------------------------------------------------------------------

def _files_of(folder: Path) -> dict[str, int]:
    """Name -> size of the store's files, without RocksDB's informational ``LOG`` files."""
    return {p.relative_to(folder).as_posix(): p.stat().st_size
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.name.startswith("LOG")}


def make_store(trig: Path, target: Path, digest: str) -> dict:
    """Load ``trig`` into a new on-disk store at ``target`` (which must not exist): every quad
    in its named graph and, once, its triple in the default graph (the merge).  Writes
    ``READY.json`` last and returns its content.

    The TriG is streamed (pyoxigraph's parser) into ``bulk_extend``; the store is then compacted
    (``optimize``) so that reads need few files.  Peak memory is about 0.6 KB per quad.

    :raises StoreError: if ``trig`` is not valid TriG (with its line) or cannot be read, or the
        store cannot be written.
    """
    started = time.monotonic()
    db = target / DB
    target.mkdir(parents=True)
    default = ox.DefaultGraph()
    counts = {"quads": 0}

    def both():
        for q in ox.parse(path=str(trig), format=ox.RdfFormat.TRIG):
            counts["quads"] += 1
            yield q
            yield ox.Quad(q.subject, q.predicate, q.object, default)

    try:
        store = ox.Store(str(db))
        store.bulk_extend(both())
        store.optimize()
        store.flush()
        triples = sum(1 for _ in store.quads_for_pattern(None, None, None, default))
        graphs = sum(1 for _ in store.named_graphs())
        del store
    except SyntaxError as exc:
        raise StoreError(f"not valid TriG: {' '.join(str(exc.msg if hasattr(exc, 'msg') else exc).split())}",
                         trig, getattr(exc, "lineno", None)) from None
    except (OSError, ValueError) as exc:
        raise StoreWriteError(f"cannot make the query store: {' '.join(str(exc).split())}", target) from None
    ready = {"format": FORMAT, "sha256": digest, "pyoxigraph": ox.__version__ if hasattr(ox, "__version__") else "",
             "triples": triples, "quads": counts["quads"], "graphs": graphs,
             "seconds": round(time.monotonic() - started, 3), "files": _files_of(db)}
    _write_json_atomic(target / READY, ready)
    return ready


# --- opening a store -------------------------------------------------------------------------

@dataclass
class QueryStore:
    """An opened, checked query store: ``path`` (its folder), ``digest`` (SHA-256 of the dataset
    it holds), ``store`` (the read-only :class:`pyoxigraph.Store`), ``triples`` (in the merged
    default graph), ``graphs`` (named graphs), ``created`` (True when this call made it)."""

    path: Path
    digest: str
    store: ox.Store
    triples: int
    graphs: int
    created: bool = False

    def query(self, text: str, **kwargs):
        """``pyoxigraph.Store.query`` on the store; a corrupt block becomes :class:`StoreDamaged`
        (the message names the store) instead of an engine error.

        :raises SyntaxError: on a syntax error (pyoxigraph's message).
        :raises StoreDamaged: when RocksDB reports corruption.
        """
        try:
            return self.store.query(text, **kwargs)
        except (OSError, RuntimeError) as exc:
            if is_corruption(exc):
                raise StoreDamaged(f"the query store is damaged ({' '.join(str(exc).split())[:200]})",
                                   self.path) from None
            raise


def is_corruption(exc: BaseException) -> bool:
    text = str(exc).lower()
    return "corrupt" in text or "checksum" in text or "no such file" in text


def _check(folder: Path, digest: str) -> dict:
    """``READY.json`` of the store in ``folder`` if it matches ``digest``, the format and its
    files; raises :class:`StoreDamaged` otherwise."""
    try:
        ready = json.loads((folder / READY).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise StoreDamaged(f"no valid {READY} ({exc.__class__.__name__})", folder) from None
    if not isinstance(ready, dict) or ready.get("format") != FORMAT or ready.get("sha256") != digest:
        raise StoreDamaged("made by another version or from another dataset", folder)
    files = ready.get("files")
    if not isinstance(files, dict) or not files:
        raise StoreDamaged(f"{READY} lists no files", folder)
    try:
        found = _files_of(folder / DB)
    except OSError as exc:
        raise StoreDamaged(f"cannot list the store's files: {exc}", folder) from None
    if found != files:
        changed = sorted(set(found.items()) ^ set(files.items()))[:3]
        raise StoreDamaged(f"the store's files differ from {READY}: {changed}", folder)
    return ready


def _discard(folder: Path) -> None:
    """Move a bad store aside (readers that have it open keep their file handles) and delete it."""
    if not folder.exists():
        return
    trash = folder.with_name(f".trash-{folder.name}-{os.getpid()}-{time.monotonic_ns()}")
    try:
        os.replace(folder, trash)
    except OSError:
        trash = folder
    shutil.rmtree(trash, ignore_errors=True)


#: Stores kept in a cache: when a new one is made, the least recently opened beyond this many
#: are deleted (each test build, benchmark dataset or rebuilt corpus makes one).
KEEP_STORES = 6


def prune(cache_dir: Path, keep: int = KEEP_STORES, spare: Path | None = None) -> list[Path]:
    """Delete all but the ``keep`` most recently opened stores under ``cache_dir`` (never
    ``spare``); returns the folders deleted.  "Opened" is the modification time of their
    ``READY.json``, touched at every open."""
    root = Path(cache_dir) / STORES_DIR
    try:
        folders = [p for p in root.iterdir() if p.is_dir() and len(p.name) == 64 and p != spare]
    except OSError:
        return []

    def used(p: Path) -> float:
        try:
            return (p / READY).stat().st_mtime
        except OSError:
            return 0.0

    folders.sort(key=used, reverse=True)
    gone = folders[max(0, keep - (1 if spare else 0)):]
    for folder in gone:
        _discard(folder)
        folder.with_name(folder.name + ".lock").unlink(missing_ok=True)
    return gone


def _open(folder: Path, digest: str, created: bool) -> QueryStore:
    ready = _check(folder, digest)
    try:
        os.utime(folder / READY)  # "last opened", for prune()
    except OSError:
        pass
    try:
        store = ox.Store.read_only(str(folder / DB))
    except (OSError, RuntimeError) as exc:
        raise StoreDamaged(f"RocksDB cannot open it: {' '.join(str(exc).split())[:200]}", folder) from None
    return QueryStore(folder, digest, store, int(ready.get("triples", 0)), int(ready.get("graphs", 0)), created)


def store_folder(cache_dir: Path, digest: str) -> Path:
    """Where the store of the dataset with SHA-256 ``digest`` lives under ``cache_dir``."""
    return Path(cache_dir) / STORES_DIR / digest


def open_store(data_dir: Path, cache_dir: Path, *, create: bool = True, notify=None) -> QueryStore:
    """Open the query store of the build in ``data_dir`` (its ``dataset.trig``), making it
    first when there is none or it is stale or damaged (then rebuilt, never trusted).

    :param cache_dir: the build cache (``build --cache``); stores live in ``query-stores/``.
    :param create: when False, raise :class:`StoreDamaged` instead of making a missing store.
    :param notify: optional callable given one line of text when a store is made or rebuilt
        (the CLI prints it on stderr, so a user knows why the first query waits).
    :raises HonleaError: no ``dataset.trig`` in ``data_dir``.
    :raises StoreError: the dataset does not parse; :class:`StoreWriteError` when the cache
        cannot be written.
    :raises StoreDamaged: the store is bad and ``create`` is False.
    """
    trig = Path(data_dir) / DATASET_FILE
    if not trig.is_file():
        raise HonleaError(f"no built dataset: {trig} not found (run 'honlea-kg build' first, or pass --data DIR)")
    try:
        digest = dataset_digest(trig, cache_dir)
    except OSError as exc:
        raise StoreError(f"cannot read: {exc.strerror or exc}", trig) from None
    folder = store_folder(cache_dir, digest)
    if (folder / READY).is_file():
        try:
            return _open(folder, digest, False)
        except StoreDamaged as exc:
            if not create:
                raise
            if notify:
                notify(f"rebuilding the query store: {exc}")
    elif not create:
        raise StoreDamaged("no query store for this dataset yet", folder)
    try:
        return _build_locked(trig, folder, digest, notify)
    except OSError as exc:
        raise StoreWriteError(f"cannot write the query store: {exc.strerror or exc}", folder) from None


def _build_locked(trig: Path, folder: Path, digest: str, notify) -> QueryStore:
    folder.parent.mkdir(parents=True, exist_ok=True)
    lock_path = folder.with_name(folder.name + ".lock")
    with open(lock_path, "a+") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another process may be making the same store
        try:
            if (folder / READY).is_file():
                try:
                    return _open(folder, digest, False)
                except StoreDamaged:
                    pass
            _discard(folder)
            if notify:
                notify(f"making the query store for {trig} (once per dataset) in {folder}")
            tmp = Path(tempfile.mkdtemp(prefix=f".new-{digest[:12]}-", dir=folder.parent))
            tmp.rmdir()
            try:
                make_store(trig, tmp, digest)
                os.replace(tmp, folder)
                prune(folder.parent.parent, spare=folder)
            except BaseException:
                shutil.rmtree(tmp, ignore_errors=True)
                raise
            return _open(folder, digest, True)
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _read_memo(memo_path: Path) -> dict:
    """The digest memo (real path -> ``{"stat", "sha256"}``), empty when it is missing, cannot
    be read or is not a JSON object."""
    try:
        memo = json.loads(memo_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return memo if isinstance(memo, dict) else {}


def remember_digest(trig: Path, cache_dir: Path, digest: str) -> None:
    """Record ``digest`` as the SHA-256 of ``trig`` in the memo :func:`dataset_digest` reads
    (the build knows it from writing the file), so the first ``query`` does not hash it again."""
    real = os.path.realpath(trig)
    memo_path = Path(cache_dir) / STORES_DIR / DIGESTS
    memo = _read_memo(memo_path)
    try:
        memo[real] = {"stat": _stat_key(os.stat(real)), "sha256": digest}
        _write_json_atomic(memo_path, memo)
    except OSError:
        pass


def _parse_nt(path: Path):
    with open(path, "rb") as f:
        return list(ox.parse(f, format=ox.RdfFormat.N_TRIPLES))


def update_store(cache_dir: Path, old_digest: str, new_digest: str, removed: list[tuple[str, Path]],
                 added: list[tuple[str, Path]]) -> QueryStore | None:
    """Make the store of the dataset ``new_digest`` from that of ``old_digest`` by changing only
    the report graphs that differ: ``removed`` and ``added`` are (graph IRI, path of the report
    graph's N-Triples).  Returns ``None`` when there is no usable old store (the caller then
    makes the store from ``dataset.trig``, :func:`open_store`).

    The old store is copied with RocksDB's checkpoint (``Store.backup``: its table files are
    hard-linked, so the copy costs little and the old store is never written); each removed
    graph is dropped, and a triple of it leaves the default graph (the merge) only when no other
    report graph states it; each added graph's triples go into their graph and the default graph.
    The counts of ``READY.json`` are carried over and adjusted, so nothing is re-read; the store
    is renamed into place when complete, as :func:`make_store`'s are.  About 0.3 ms per triple
    removed and a few microseconds per triple added (a report is about 3,500 triples).

    :raises StoreWriteError: when the cache cannot be written.
    """
    old = store_folder(cache_dir, old_digest)
    target = store_folder(cache_dir, new_digest)
    if (target / READY).is_file():
        try:
            return _open(target, new_digest, False)
        except StoreDamaged:
            _discard(target)
    try:
        ready = _check(old, old_digest)
    except StoreDamaged:
        return None
    started = time.monotonic()
    tmp = Path(tempfile.mkdtemp(prefix=f".new-{new_digest[:12]}-", dir=old.parent))
    default = ox.DefaultGraph()
    try:
        source = ox.Store.read_only(str(old / DB))
        source.backup(str(tmp / DB))
        del source
        store = ox.Store(str(tmp / DB))
        triples, quads, graphs = int(ready["triples"]), int(ready["quads"]), int(ready["graphs"])
        for graph, path in removed:
            g = ox.NamedNode(graph)
            gone = _parse_nt(path)
            store.remove_graph(g)
            quads -= len(gone)
            graphs -= 1
            for t in gone:
                if not any(q.graph_name != default for q in store.quads_for_pattern(t.subject, t.predicate, t.object)):
                    store.remove(ox.Quad(t.subject, t.predicate, t.object, default))
                    triples -= 1
        for graph, path in added:
            g = ox.NamedNode(graph)
            new = _parse_nt(path)
            fresh = [t for t in new if ox.Quad(t.subject, t.predicate, t.object, default) not in store]
            store.extend([ox.Quad(t.subject, t.predicate, t.object, g) for t in new]
                         + [ox.Quad(t.subject, t.predicate, t.object, default) for t in fresh])
            quads += len(new)
            graphs += 1
            triples += len(fresh)
        store.flush()
        del store
        ready = {"format": FORMAT, "sha256": new_digest, "pyoxigraph": ready.get("pyoxigraph", ""),
                 "triples": triples, "quads": quads, "graphs": graphs,
                 "seconds": round(time.monotonic() - started, 3), "files": _files_of(tmp / DB),
                 "from": old_digest}
        _write_json_atomic(tmp / READY, ready)
        _discard(target)
        os.replace(tmp, target)
        prune(Path(cache_dir), spare=target)
    except (OSError, RuntimeError, ValueError, SyntaxError) as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise StoreWriteError(f"cannot update the query store: {' '.join(str(exc).split())[:200]}", target) from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return _open(target, new_digest, True)


def rebuild(data_dir: Path, cache_dir: Path, damaged: QueryStore, notify=None) -> QueryStore:
    """Discard ``damaged`` (found corrupt while reading) and make the store again."""
    _discard(damaged.path)
    return open_store(data_dir, cache_dir, notify=notify)


def ensure_store(data_dir: Path, cache_dir: Path, notify=None) -> QueryStore:
    """Make (or check) the query store of a freshly published build; what ``build`` calls."""
    return open_store(data_dir, cache_dir, notify=notify)
