"""The per-report work: one report file -> its graph, text, findings and index parts.

:func:`build_report` reads, segments, extracts and maps one report (and validates its own graph
with pyshacl when asked); it is a pure function of the file's bytes, its path, the base IRI and
the code, and never raises for a bad report: the :class:`ReportOutcome` carries the error, so
one bad report never stops the others.  :func:`report_task` is what an executor runs: it adds
everything later stages take from a report (its dump pieces and its rows of the per-document
index), so the main process only stores them.  Nothing here knows about processes, caches or
other reports.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..iris import IriPolicy
from ..model import HonleaError


@dataclass
class ReportOutcome:
    """What building one report gave: its meeting, graph and findings, or the error.

    ``ntriples`` (the report graph's canonical N-Triples) and ``text`` (the normalised text the
    selectors point into) are set by :func:`build_report`; the build keeps them in its content
    store under ``digest`` (SHA-256 of the N-Triples) and ``text_digest`` and drops them, so the
    main process holds one report's graph at a time.  ``warnings`` are non-fatal problems naming
    file and line; ``findings`` are the SHACL results of the report's own graph.
    """

    path: Path
    meeting: str | None = None
    graph_iri: str | None = None
    ntriples: str | None = None
    triples: int = 0
    report_iri: str | None = None
    text: str | None = None
    findings: list = field(default_factory=list)
    error: str | None = None
    warnings: list[str] = field(default_factory=list)
    coverage: list[str] = field(default_factory=list)  # the coverage diagnostics among ``warnings``
    validated: bool = False  # True when ``findings`` come from validating this report's graph
    seconds: dict = field(default_factory=dict)  # stage -> CPU seconds spent in the worker
    cached: bool = False  # True when taken from the build cache
    digest: str | None = None  # SHA-256 (hex) of ``ntriples``
    text_digest: str | None = None  # SHA-256 (hex) of ``text``
    duplicate_of: Path | None = None  # the file kept for the same meeting, when this one was left out


@lru_cache(maxsize=1)
def shapes_and_ontology():
    """Shapes and ontology graphs, parsed once per process (each worker keeps its own)."""
    from ..validate import load_ontology, load_shapes

    return load_shapes(), load_ontology()


def build_report(path: Path, base_iri: str, validate: bool = False) -> ReportOutcome:
    """Read, segment, extract and map one report; never raises for a bad report.

    With ``validate``, the report's own graph is also checked with pyshacl (on rdflib's in-memory
    graph as the mapper made it: an oxrdflib-backed graph gives false ``sh:in`` results,
    performance.md section 3) and the findings are kept in the outcome.  A pure function of
    the file's bytes, its path, ``base_iri`` and the code: safe to run in a worker process.
    ``ntriples`` is canonical (:func:`~honlea_kg.publish.dumps.canonical_ntriples`: sorted,
    distinct).  ``seconds`` holds the CPU seconds of ``read``, ``segment``, ``extract``, ``map``
    and ``validate``.
    """
    from ..extract.report import extract
    from ..mapping import map_report_triples, ntriples_of
    from ..reader import read_report
    from ..segment import segment

    outcome = ReportOutcome(path=Path(path))
    clock = time.process_time
    times = outcome.seconds
    try:
        iris = IriPolicy(base_iri)
        t = clock()
        source = read_report(path)
        times["read"] = clock() - t
        t = clock()
        doc = segment(source)
        times["segment"] = clock() - t
        t = clock()
        facts = extract(doc)
        times["extract"] = clock() - t
        t = clock()
        triples = map_report_triples(facts, iris)
        ref = facts.meeting.ref
        outcome.meeting = ref.key
        outcome.graph_iri = iris.graph(ref.series, ref.slot)
        nt_data = ntriples_of(triples)
        outcome.ntriples = nt_data.decode("utf-8")
        outcome.digest = hashlib.sha256(nt_data).hexdigest()
        outcome.triples = len(triples)
        outcome.report_iri = iris.report(ref.series, ref.slot)
        outcome.text = source.text
        outcome.text_digest = hashlib.sha256(source.text.encode("utf-8")).hexdigest()
        outcome.warnings = list(source.warnings) + list(doc.warnings) + list(facts.warnings) + list(facts.coverage)
        outcome.coverage = list(facts.coverage)
        times["map"] = clock() - t
        if validate:
            from rdflib import Graph

            from ..validate import validate_graph

            t = clock()
            graph = Graph()
            for triple in triples:
                graph.add(triple)
            shapes, ontology = shapes_and_ontology()
            outcome.findings = validate_graph(graph, shapes, ontology).findings
            outcome.validated = True
            times["validate"] = clock() - t
    except HonleaError as exc:
        outcome.error = str(exc)
    except Exception as exc:  # a bug, not bad input: still never stop the other reports
        outcome.error = f"{path}: internal error: {type(exc).__name__}: {exc}"
    return outcome


@dataclass
class ReportResult:
    """:func:`report_task`'s answer: the outcome and what the build stores from it.

    ``pieces``: the graph's dump pieces by extension (``ttl``, ``jsonld``, ``nt.gz``:
    :func:`~honlea_kg.publish.dumps.graph_pieces`); ``parts``: its rows of the per-document
    index (:func:`~honlea_kg.docindex.piece_parts`); ``version``: the worker's
    :func:`~honlea_kg.cache.code_version` (a cluster's workers must run the same code)."""

    outcome: ReportOutcome
    pieces: dict = field(default_factory=dict)
    parts: object | None = None
    version: str = ""


def report_task(path: str, base_iri: str, validate: bool, data: bytes | None = None) -> ReportResult:
    """Build one report and derive its dump pieces and index rows (what an executor runs).

    ``data``: the file's bytes when the worker may not see ``path`` (a cluster without a
    shared file system): the report is then read from a private copy with the same file name
    and messages name ``path``.  Never raises for a bad report.
    """
    import tempfile

    from ..cache import code_version
    from ..publish.dumps import graph_pieces
    from ..docindex import piece_parts

    local = Path(path)
    tmp = None
    if data is not None and not (local.is_file() and _sha256_of(local) == hashlib.sha256(data).hexdigest()):
        tmp = tempfile.TemporaryDirectory(prefix="honlea-report-")
        local = Path(tmp.name) / Path(path).name
        local.write_bytes(data)
    try:
        outcome = build_report(local, base_iri, validate)
    finally:
        if tmp is not None:
            tmp.cleanup()
    if tmp is not None:
        outcome.path = Path(path)
        fix = lambda s: s.replace(str(local), str(path)) if s else s  # noqa: E731
        outcome.error = fix(outcome.error)
        outcome.warnings = [fix(w) for w in outcome.warnings]
        outcome.coverage = [fix(w) for w in outcome.coverage]
    result = ReportResult(outcome, version=code_version())
    if outcome.error is None:
        t = time.process_time()
        nt_data = outcome.ntriples.encode("utf-8")
        result.pieces = graph_pieces(nt_data)
        result.parts = piece_parts(nt_data, base_iri)
        outcome.seconds["pieces"] = time.process_time() - t
    return result


def _sha256_of(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def one_report_per_meeting(outcomes: list[ReportOutcome]) -> list[ReportOutcome]:
    """Keep the first report (in input order) of each meeting; warn about the others.

    Two files of one meeting (the same report as .txt and .pdf, or a copy) would give the
    meeting's report two source files, hashes and titles; the graph publishes one report per
    meeting, so later files are left out with a warning naming the file kept.
    """
    kept: dict[str, ReportOutcome] = {}
    for o in outcomes:
        first = kept.get(o.meeting)
        if first is None:
            kept[o.meeting] = o
            continue
        same = first.text_digest is not None and first.text_digest == o.text_digest
        o.duplicate_of = first.path
        o.warnings.append(f"{o.path}: reports the same meeting ({o.meeting}) as {first.path}"
                          f"{' with the same text' if same else ''}; left out: one report per meeting is published")
    return list(kept.values())
