"""The per-report stage: every report file -> its outcome, stored and indexed as it arrives.

A report whose cache entry matches (file bytes and path, base IRI, validation, code version:
:func:`~honlea_kg.cache.entry_key`) is taken from the cache; the others run as
:func:`~honlea_kg.stages.report.report_task` on an executor (:mod:`honlea_kg.executors`).  Each
fresh result is stored as it arrives (the graph's N-Triples, dump pieces and text in the
:class:`~honlea_kg.cache.ContentStore`, its rows in the
:class:`~honlea_kg.docindex.DocIndex`) and its graph and text are dropped, so the main
process holds a few reports at a time whatever the corpus.

Validation of each report's own graph: pyshacl in the worker, or - for many fresh reports -
Apache Jena on batches of :data:`~honlea_kg.batches.BATCH_REPORTS` reports, submitted to the
same executor as the batch fills (:func:`~honlea_kg.batches.validate_batch_task`).  A report's
cache entry is written once its findings are known.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from ..batches import AUTO_MIN_REPORTS, BATCH_REPORTS, validate_batch_task
from ..cache import ContentStore, ReportCache, code_version, entry_key, outcome_payload
from ..executors import ordered
from ..model import HonleaError, ReadError
from ..reader.files import check_report_file
from ..docindex import DocIndex, piece_parts
from .report import ReportOutcome, ReportResult, report_task

VALIDATORS = ("auto", "pyshacl", "jena")
#: The CPU seconds each report's outcome records (summed over reports in the stage figures).
WORKER_STAGES = ("read", "segment", "extract", "map", "pieces", "validate")


@dataclass
class Reports:
    """The per-report stage's result: one outcome per input file (in input order; graphs and
    texts stored by digest, not held), cache counters, the engine that validated the fresh
    reports (``pyshacl``, ``jena`` or ``None`` when none was validated), notes (a Jena batch
    that fell back to pyshacl), and the wall seconds of waiting for validation."""

    outcomes: list[ReportOutcome]
    cache_hits: int = 0
    cache_misses: int = 0
    cache_corrupt: int = 0
    validator: str | None = None
    notes: list[str] = field(default_factory=list)
    validate_seconds: float = 0.0  # seconds spent by the Jena batches (in the workers)
    wait_seconds: float = 0.0  # wall seconds waiting for the last batches after the last report


def choose_report_validator(validator: str, fresh: int) -> str:
    """The engine that validates each fresh report's own graph: ``pyshacl`` (in the workers)
    or ``jena`` (in batches, :mod:`honlea_kg.batches`).

    ``validator`` is the build's ``--validator``: ``pyshacl`` and ``jena`` are taken as said;
    ``auto`` picks Jena when at least :data:`~honlea_kg.batches.AUTO_MIN_REPORTS` reports need
    validating and Jena is installed, else pyshacl (the reference validator, and as fast as a
    JVM start for a few reports).

    :raises HonleaError: for an unknown validator name.
    """
    from .. import jena

    if validator not in VALIDATORS:
        raise HonleaError(f"unknown validator {validator!r}: expected one of {', '.join(VALIDATORS)}")
    if validator == "auto":
        return "jena" if fresh >= AUTO_MIN_REPORTS and jena.available() else "pyshacl"
    return validator


def store_result(result: ReportResult, store: ContentStore, index: DocIndex) -> ReportOutcome:
    """Keep what a fresh report gave (graph, dump pieces, text, index rows); drop its graph
    and text from the outcome; return the outcome."""
    o = result.outcome
    if o.error is None:
        store.put(o.digest, "nt", o.ntriples.encode("utf-8"))
        store.put_pieces(o.digest, result.pieces)
        store.put(o.text_digest, "txt", o.text.encode("utf-8"))
        index.add_piece(o.digest, o.graph_iri, result.parts)
    o.ntriples = None
    o.text = None
    return o


#: How a notice names the files of a cached report (:meth:`~honlea_kg.cache.ContentStore.check`).
CACHE_FILES = {"nt": "its graph", "txt": "its text", "sha256": "the checksums of its dump pieces",
               "ttl": "its Turtle piece", "jsonld": "its JSON-LD piece", "nt.gz": "its gzipped N-Triples piece"}


def ensure_indexed(outcome: ReportOutcome, store: ContentStore, index: DocIndex, base_iri: str,
                   notes: list[str] | None = None) -> bool:
    """Make sure a cached report's graph is in the index and its files in the store (both may
    have been cleared since), each file checked against its SHA-256
    (:meth:`~honlea_kg.cache.ContentStore.check`); return ``False`` when the store lacks them
    or one is damaged (rebuild the report: a damaged file is never published; a notice naming
    the report and the files is added to ``notes``).  Dump pieces that are merely absent are
    derived again from the stored graph."""
    if outcome.error is not None:
        return True
    damaged, missing = store.check(outcome.digest, outcome.text_digest)
    if damaged:
        if notes is not None:
            notes.append(f"{outcome.path}: notice: its files in the build cache were damaged "
                         f"({', '.join(CACHE_FILES.get(d, d) for d in damaged)}: not the bytes they were stored with); the report was built again")
        return False
    if "nt" in missing or "txt" in missing:
        return False
    if index.piece_id(outcome.digest) is None or missing:
        from ..publish.dumps import graph_pieces

        data = store.read(outcome.digest, "nt")
        store.put_pieces(outcome.digest, graph_pieces(data))
        index.add_piece(outcome.digest, outcome.graph_iri, piece_parts(data, base_iri))
    return True


def run_reports(files: list[Path], base_iri: str, validate: bool, executor, store: ContentStore, index: DocIndex,
                cache: ReportCache | None = None, validator: str = "auto", progress=None) -> Reports:
    """Build every report of ``files`` (see the module docstring) and return :class:`Reports`.

    ``executor``: where fresh reports run (:func:`~honlea_kg.executors.make_executor`);
    ``cache``: the per-report cache (``None``: build every report); ``progress``: a
    :class:`~honlea_kg.progress.Progress` (stages ``reports`` and ``validate``).  The outcomes do
    not depend on the executor or the cache: each report is a pure function of its file.

    :raises HonleaError: for an unknown validator, or when an executor's worker runs another
        version of the code.
    """
    from ..validate import Finding

    outcomes: list[ReportOutcome | None] = [None] * len(files)
    keys: list[str | None] = [None] * len(files)
    datas: list[bytes | None] = [None] * len(files)
    todo: list[int] = []
    bar = progress.stage("reports", len(files)) if progress else None
    cache_notes: list[str] = []
    for i, path in enumerate(files):
        try:
            check_report_file(path)  # a FIFO would hang the build, /dev/zero fill the memory
        except ReadError as exc:
            outcomes[i] = ReportOutcome(path=Path(path), error=str(exc))
            if bar:
                bar.advance()
            continue
        try:
            data = Path(path).read_bytes()
        except OSError:
            data = None
        if cache is not None and data is not None:
            keys[i] = entry_key(data, str(path), base_iri, validate)
            payload = cache.get(keys[i])
            if payload is not None:
                payload.pop("key", None)
                findings = [Finding(**f) for f in payload.pop("findings")]
                o = ReportOutcome(path=Path(path), findings=findings, cached=True, **payload)
                if ensure_indexed(o, store, index, base_iri, cache_notes):
                    outcomes[i] = o
                    if bar:
                        bar.advance()
                    continue
                cache.hits -= 1  # its graph is gone from the store: build it again
                cache.misses += 1
        if getattr(executor, "sends_data", False):
            datas[i] = data
        todo.append(i)
    engine = choose_report_validator(validator, len(todo)) if validate and todo else None
    in_worker = validate and engine == "pyshacl"
    result = Reports(outcomes=outcomes, validator=engine)
    result.notes.extend(cache_notes)
    batch: list[int] = []
    pending: list[tuple[list[int], object]] = []
    vbar = progress.stage("validate", len(todo)) if progress and engine == "jena" else None

    def cache_put(i: int) -> None:
        o = outcomes[i]
        if cache is not None and keys[i] is not None and "internal error" not in (o.error or ""):
            cache.put(keys[i], outcome_payload(o))

    def send_batch(split: int = 1) -> None:
        """Submit the queued reports as ``split`` batches (the last reports are split among the
        workers, so no core waits for one JVM at the end)."""
        step = max(AUTO_MIN_REPORTS // 2, -(-len(batch) // max(1, split)))
        for start in range(0, len(batch), step):
            ids = batch[start:start + step]
            items = [(outcomes[i].digest, store.read(outcomes[i].digest, "nt")) for i in ids]
            pending.append((ids, executor.submit(validate_batch_task, items)))
        batch.clear()

    def collect(done_only: bool) -> None:
        for entry in list(pending):
            ids, future = entry
            if done_only and not future.done():
                continue
            found, notes, seconds = future.result()
            pending.remove(entry)
            result.notes.extend(notes)
            result.validate_seconds += seconds
            for i in ids:
                outcomes[i].findings = found.get(outcomes[i].digest, [])
                outcomes[i].validated = True
                outcomes[i].seconds["validate"] = seconds / len(ids)
                cache_put(i)
            if vbar:
                vbar.advance(len(ids))

    version = code_version()
    try:
        args = ((str(files[i]), base_iri, in_worker, datas[i]) for i in todo)
        for i, res in zip(todo, ordered(executor, report_task, args)):
            datas[i] = None
            if res.version != version:
                raise HonleaError(f"a worker runs another version of honlea-kg (code {res.version[:12]}, "
                                  f"here {version[:12]}): install the same version on every worker")
            o = store_result(res, store, index)
            outcomes[i] = o
            if bar:
                bar.advance()
            if engine == "jena" and o.error is None:
                batch.append(i)
                if len(batch) >= BATCH_REPORTS:
                    send_batch()
                collect(done_only=True)
            else:
                cache_put(i)
        send_batch(split=getattr(executor, "jobs", 1))
        if bar:
            bar.done()
        t = time.monotonic()
        collect(done_only=False)
        result.wait_seconds = time.monotonic() - t
    except BaseException:
        for _ids, future in pending:
            future.cancel()
        raise
    if vbar:
        vbar.done()
    if cache is not None:
        result.cache_hits, result.cache_misses, result.cache_corrupt = cache.hits, cache.misses, cache.corrupt
    return result
