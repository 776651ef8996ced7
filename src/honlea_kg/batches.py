"""Validating many report graphs with Apache Jena in batches, beside the rest of the build.

pyshacl (the reference validator) checks one report's graph in about 0.65 s; a 1,000-report
corpus would spend 650 CPU seconds there.  Jena's SHACL engine, fed the same shapes
(:mod:`honlea_kg.jena`; ``tests/test_jena.py`` and ``tests/test_pipeline.py`` show both give
the same findings), checks about 30k triples a second after a JVM start of about 2 s, so large
builds hand their fresh reports to Jena :data:`BATCH_REPORTS` at a time, as tasks of the same
executor that builds the reports (:mod:`honlea_kg.executors`), so Jena works while the other
reports are still being built.

A batch is the union of its reports' own graphs.  Each finding is given to the reports whose
graph has its focus node as a subject (else: that mention it; else: the batch's first report),
so the build cache keeps per-report findings as it does for pyshacl.  Findings of a node whose
triples come from several reports are replaced by the build's cross-report pass
(:mod:`honlea_kg.stages.cross`), as for pyshacl.  One difference, stated: a value
typed only in another report of the same batch counts as typed (as it does in the union).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

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


def validate_batch_task(items: list[tuple[str, bytes]]) -> tuple[dict[str, list], list[str], float]:
    """Validate a batch of report graphs ((digest, canonical N-Triples) pairs) with Jena, as an
    executor task: returns ({digest: findings}, notes, seconds).  The shapes and ontology are
    loaded once per worker process; see :func:`validate_batch` for how findings are given out
    and for the pyshacl fallback."""
    import time

    from .stages.report import shapes_and_ontology

    t0 = time.monotonic()
    shapes, ontology = shapes_and_ontology()
    with tempfile.TemporaryDirectory(prefix="honlea-batch-in-") as tmp:
        batch = []
        for n, (_digest, data) in enumerate(items):
            path = Path(tmp) / f"{n:07d}.nt"
            path.write_bytes(data)
            batch.append((n, str(path)))
        found, notes = validate_batch(batch, shapes, ontology)
    return {items[n][0]: fs for n, fs in found.items()}, notes, time.monotonic() - t0


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
    from .validate import rdflib_graph_of, validate_graph

    return {n: validate_graph(rdflib_graph_of(text), shapes, ontology).findings for n, text in texts.items()}
