"""Validating many report graphs with Apache Jena in batches, beside the rest of the build.

pyshacl (the reference validator) checks one report's graph in about 0.65 s; a 1,000-report
corpus would spend 650 CPU seconds there.  Jena's SHACL engine, fed the same shapes
(:mod:`honlea_kg.jena`; ``tests/test_jena.py`` and ``tests/test_pipeline.py`` show both give
the same findings), checks about 30k triples a second after a JVM start of about 2 s, so large
builds hand their fresh reports to Jena ``size`` reports at a time, in a service process
that runs while the other reports are still being built and while the site is written.

A batch is the union of its reports' own graphs.  Each finding is given to the reports whose
graph has its focus node as a subject (else: that mention it; else: the batch's first report),
so the build cache keeps per-report findings as it does for pyshacl.  Findings of a node whose
triples come from several reports are replaced by the build's cross-report pass
(:func:`honlea_kg.pipeline.validate_reports`), as for pyshacl.  One difference, stated: a value
typed only in another report of the same batch counts as typed (as it does in the union).
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Callable

#: Reports per Jena run: about 500k triples, a few hundred MB of JVM heap.
BATCH_REPORTS = 150
#: ``--validator auto`` validates fresh reports with Jena when at least this many need it
#: (below it, pyshacl in the workers is as fast as starting a JVM) and Jena is installed.
AUTO_MIN_REPORTS = 20


def subjects_of(ntriples: str) -> set[str]:
    """The IRIs that are subjects in canonical N-Triples text (one triple per line)."""
    out = set()
    for line in ntriples.splitlines():
        if line.startswith("<"):
            out.add(line[1:line.index(">")])
    return out


class JenaBatchValidator:
    """Validates the own graphs of report outcomes with Jena, ``size`` reports per JVM run,
    in one forked service process.

    ``submit(outcome)`` queues a :class:`~honlea_kg.pipeline.ReportOutcome` (one without an
    error): its N-Triples are written to a file and, once ``size`` reports are queued, the
    batch is sent to the service, which runs Jena while this process goes on.  :meth:`close`
    sends what is left, waits, and then gives each outcome its ``findings`` and
    ``validated = True`` and calls ``on_validated(outcome)`` (the build uses it to fill the
    cache).  If Jena fails on a batch (missing, crashed, timed out), the service validates that
    batch with pyshacl instead and the reason is kept in :attr:`notes`: a build never fails
    because the faster engine did.

    A process rather than a thread: pyoxigraph objects must be freed on the thread that made
    them, and a thread doing Python work here let the garbage collector free the query pages'
    results on the wrong thread.  The service is forked when the validator is made (before the
    build holds much memory) and only exchanges file paths and findings with this process.
    """

    def __init__(self, shapes, ontology, size: int = BATCH_REPORTS,
                 on_validated: Callable[[object], None] | None = None, workdir: Path | None = None):
        import multiprocessing as mp

        self.size = max(1, size)
        self.on_validated = on_validated
        self.notes: list[str] = []
        self.batches = 0
        self.seconds = 0.0  # seconds the service spent validating (while the build went on)
        self._tmp = tempfile.TemporaryDirectory(prefix="honlea-batches-", dir=workdir)
        self._pending: list[tuple[int, str]] = []
        self._outcomes: dict[int, object] = {}
        self._closed = False
        ctx = mp.get_context("fork")
        self._conn, child = ctx.Pipe()
        self._proc = ctx.Process(target=_service, args=(child, shapes, ontology, self._tmp.name), daemon=True)
        self._proc.start()
        child.close()

    def submit(self, outcome) -> None:
        """Queue one built report for validation."""
        n = len(self._outcomes)
        self._outcomes[n] = outcome
        path = Path(self._tmp.name) / f"{n:07d}.nt"
        path.write_text(outcome.ntriples, encoding="utf-8")
        self._pending.append((n, str(path)))
        if len(self._pending) >= self.size:
            self._send()

    def flush(self) -> None:
        """Send the queued reports as a batch now (the build calls it when the last report is
        built, so Jena works while the site is written)."""
        self._send()

    def _send(self) -> None:
        if self._pending:
            self._conn.send(self._pending)
            self._pending = []
            self.batches += 1

    def close(self) -> None:
        """Validate what is left, wait for the service and hand out the findings.

        :raises RuntimeError: when the service process died (a bug, not a finding).
        """
        if self._closed:
            return
        self._send()
        self._conn.send(None)
        import pickle

        results = []
        try:
            for _ in range(self.batches):
                with open(self._conn.recv(), "rb") as f:
                    results.append(pickle.load(f))
        except EOFError:
            raise RuntimeError("the Jena batch validation process died") from None
        finally:
            self._finish()
        for findings, notes, seconds in results:
            self.notes.extend(notes)
            self.seconds += seconds
            for n, found in findings.items():
                outcome = self._outcomes[n]
                outcome.findings = found
                outcome.validated = True
                if self.on_validated is not None:
                    self.on_validated(outcome)

    def cancel(self) -> None:
        """Stop the service without waiting for its results (the build failed otherwise)."""
        if self._closed:
            return
        if self._proc.is_alive():
            self._proc.terminate()
        self._finish()

    def _finish(self) -> None:
        self._closed = True
        self._proc.join()
        self._conn.close()
        self._tmp.cleanup()


def _service(conn, shapes, ontology, folder: str) -> None:
    """The service process: validate each batch of (id, N-Triples file) it is sent; write
    ({id: findings}, notes, seconds) per batch to a pickle file in ``folder`` and reply with its
    path (so a batch with many findings never fills the pipe while the build is not reading
    it); stop on ``None``."""
    import pickle
    import time

    n = 0
    while True:
        batch = conn.recv()
        if batch is None:
            break
        t0 = time.monotonic()
        findings, notes = validate_batch(batch, shapes, ontology)
        n += 1
        path = Path(folder) / f"result-{n:05d}.pickle"
        with open(path, "wb") as f:
            pickle.dump((findings, notes, time.monotonic() - t0), f)
        conn.send(str(path))
    conn.close()


def validate_batch(batch: list[tuple[int, str]], shapes, ontology) -> tuple[dict[int, list], list[str]]:
    """Validate the union of the report graphs in ``batch`` ((id, N-Triples file) pairs) with
    Jena and give each finding to the reports whose graph has its focus node as a subject (else
    that mention it; else the first).  Returns ({id: findings}, notes); on a Jena failure the
    reports are validated one by one with pyshacl and the note says why.
    """
    from . import jena

    texts = {n: Path(path).read_text(encoding="utf-8") for n, path in batch}
    with tempfile.TemporaryDirectory(prefix="honlea-batch-") as tmp:
        union = Path(tmp) / "batch.nt"
        with open(union, "w", encoding="utf-8") as f:
            for n, _path in batch:
                f.write(texts[n])
        try:
            found = jena.validate_file(union, shapes, ontology).findings
        except jena.JenaError as exc:
            note = (f"Jena failed on a batch of {len(batch)} reports; they were validated with pyshacl instead: "
                    f"{(str(exc).splitlines() or [''])[0]}")
            return _with_pyshacl(texts, shapes, ontology), [note]
    owners: dict[str, list[int]] = {}
    for n, text in texts.items():
        for s in subjects_of(text):
            owners.setdefault(s, []).append(n)
    result: dict[int, list] = {n: [] for n in texts}
    first = batch[0][0]
    for f in found:
        targets = owners.get(f.focus)
        if not targets:
            needle = f"<{f.focus}>"
            targets = [n for n, text in texts.items() if needle in text] or [first]
        for n in targets:
            result[n].append(f)
    return result, []


def _with_pyshacl(texts: dict[int, str], shapes, ontology) -> dict[int, list]:
    from .pipeline import rdflib_graph_of
    from .validate import validate_graph

    return {n: validate_graph(rdflib_graph_of(text), shapes, ontology).findings for n, text in texts.items()}
