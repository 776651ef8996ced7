"""The cross-report stage: re-check the nodes whose description only the union of reports gives.

Every report's own graph was validated in the per-report stage.  A node's result can only change
in the union when its description there is not the description some single report gives it (its
triples come from several reports, say a meeting described by its own report and, as "the next
meeting", by the report before it), or when it already failed in its own report (say
``sh:class`` of a node typed only in another report).  A node several reports describe the same
way (a State, a concept) keeps its per-report result: in the union its values can only gain
types, which satisfies ``sh:class`` the same way.

Each node to re-check is validated on its *context* in the union: its own triples, the
``rdf:type`` triples of the nodes it points to, the full description of the values of properties
that a shape checks with ``sh:node``, and the triples pointing to it through a property a shape
reads as ``sh:inversePath`` (with their subjects' types).  That gives the whole-graph result for
constraints on the node's own properties and their values (every shape of ``shapes/``; a path
reaching two steps into other reports would need the whole-graph pass,
:func:`~honlea_kg.validate.validate_graph` on the union).  A node's findings are kept in the
index by the SHA-256 of its context, so a rebuild validates only the nodes whose context the
changed reports touched; the others' findings are read back.  pyshacl validates the nodes (only
them: its ``focus_nodes``), split among forked processes when there are many; ``--validator
jena`` hands them to Apache Jena instead.  Both give the shapes' own ``sh:message`` texts, so a
node's findings do not depend on the engine that found them.
"""

from __future__ import annotations

import hashlib
import tempfile
from collections import defaultdict
from dataclasses import asdict
from functools import lru_cache
from pathlib import Path

from ..publish.graphindex import RDF_TYPE, doc_of
from ..docindex import DocIndex, _split, union_text
from .report import ReportOutcome, shapes_and_ontology

@lru_cache(maxsize=1)
def shape_paths() -> tuple[frozenset[str], frozenset[str]]:
    """(predicates whose values a shape checks with ``sh:node``, predicates a shape reads as
    ``sh:inversePath``), from the shapes graph."""
    from rdflib import URIRef
    from rdflib.namespace import SH

    shapes, _ontology = shapes_and_ontology()
    node_preds, inverse = set(), set()
    for prop in set(shapes.subjects(SH.path, None)):
        path = shapes.value(prop, SH.path)
        if isinstance(path, URIRef) and (prop, SH.node, None) in shapes:
            node_preds.add(str(path))
    for _s, inv in shapes.subject_objects(SH.inversePath):
        if isinstance(inv, URIRef):
            inverse.add(str(inv))
    return frozenset(node_preds), frozenset(inverse)


class _Lines:
    """Union lines of the state's documents by subject (``out``) and by object (``inc`` plus
    same-document lines), read from the index a document at a time."""

    def __init__(self, index: DocIndex):
        self.index = index
        self._out: dict[str, dict[str, list[str]]] = {}
        self._in: dict[str, dict[str, list[str]]] = {}

    def _load(self, doc: str) -> None:
        by_s, by_o = defaultdict(list), defaultdict(list)
        for text in (self.index.texts(doc, "out"),):
            for line in text.splitlines():
                s, _p, o, _r = _split(line)
                by_s[s].append(line)
                if o is not None and doc_of(o) == doc:
                    by_o[o].append(line)
        for line in self.index.texts(doc, "inc").splitlines():
            _s, _p, o, _r = _split(line)
            by_o[o].append(line)
        self._out[doc], self._in[doc] = by_s, by_o
        if len(self._out) > 512:
            first = next(iter(self._out))
            del self._out[first], self._in[first]

    def about(self, iri: str) -> list[str]:
        doc = doc_of(iri)
        if doc not in self._out:
            self._load(doc)
        return self._out[doc].get(iri, [])

    def pointing_to(self, iri: str) -> list[str]:
        doc = doc_of(iri)
        if doc not in self._out:
            self._load(doc)
        return self._in[doc].get(iri, [])


def context_lines(node: str, lines: _Lines) -> list[str]:
    """The sorted, distinct N-Triples lines a node is re-checked on (see the module docstring)."""
    node_preds, inverse = shape_paths()
    picked = set(lines.about(node))
    for line in list(picked):
        _s, pred, obj, _r = _split(line)
        if obj is None:
            continue
        about = lines.about(obj)
        picked.update(about if pred in node_preds else (x for x in about if _split(x)[1] == RDF_TYPE))
    for line in lines.pointing_to(node):
        s, pred, _o, _r = _split(line)
        if pred in inverse:
            picked.add(line)
            picked.update(x for x in lines.about(s) if _split(x)[1] == RDF_TYPE)
    return sorted(picked)


def conflicting_nodes(index: DocIndex, docs: set[str] | None = None) -> set[str]:
    """The IRIs that several reports of the state describe, and no single one as the union does
    (in ``docs`` only, when given).

    Documents with one report's rows, or whose reports' rows are the same text, are skipped by
    SQL; the others are compared subject by subject."""
    found: set[str] = set()
    query = ("SELECT doc FROM part WHERE piece IN (SELECT piece FROM cur) AND nout > 0 "
             "GROUP BY doc HAVING COUNT(DISTINCT out_hash) > 1")
    candidates = [r[0] for r in index.db.execute(query)] if docs is None else \
        [d for d in sorted(docs) if len([h for h in index.hashes(d, "out")]) > 1]
    for doc in candidates:
        per_piece: dict[str, list[frozenset[str]]] = defaultdict(list)
        for text in index.bodies(index.hashes(doc, "out")).values():
            by_s: dict[str, set[str]] = defaultdict(set)
            for line in text.splitlines():
                by_s[line[1:line.index(">")]].add(line)
            for s, ls in by_s.items():
                per_piece[s].append(frozenset(ls))
        for s, sets in per_piece.items():
            if len(sets) > 1:
                union = frozenset().union(*sets)
                if union not in sets:
                    found.add(s)
    return found


#: Above this many nodes to validate, ``auto`` splits them among forked pyshacl processes.
PARALLEL_NODES = 60


def cross_report(index: DocIndex, outcomes: list[ReportOutcome], validator: str = "auto", progress=None,
                 previous: dict | None = None, touched: set[str] | None = None, jobs: int = 1):
    """Validation of the union of the state's reports (``index.use`` set to them) from their
    per-report findings plus the re-check of the nodes the module docstring names.

    ``outcomes``: the published reports (their ``findings``).  ``previous``: the cross-report
    facts of a build whose state differs from this one only in the documents ``touched`` (those
    with rows in the reports that left or joined): ``{node: [context digest, context documents,
    conflicting]}`` as this function's result's ``nodes`` gives them.  With it, only the nodes of
    touched documents are looked at again, and a node whose context documents were not touched
    keeps its context digest (and so its findings, read from the index by digest).
    ``validator`` picks the engine of the re-check: ``pyshacl`` (``auto``: in up to ``jobs``
    forked processes when there are many nodes) or ``jena``.  Returns a
    :class:`~honlea_kg.validate.ValidationOutcome` (``report`` is ``None``) with ``rechecked``
    (nodes re-checked), ``revalidated`` (of them, validated anew) and ``nodes`` (for the next
    build).
    """
    from ..validate import Finding, ValidationOutcome

    if previous is not None and touched is not None:
        conflicting = {n for n, (_c, _d, flag) in previous.items() if flag and doc_of(n) not in touched}
        conflicting |= conflicting_nodes(index, touched)
    else:
        previous, touched = {}, set()
        conflicting = conflicting_nodes(index)
    recheck = set(conflicting)
    for o in outcomes:
        recheck.update(f.focus for f in o.findings if ":" in f.focus)  # IRIs; blank nodes stay per report
    findings = [f for o in outcomes for f in o.findings if f.focus not in recheck]
    lines = _Lines(index)
    nodes: dict[str, list] = {}
    contexts: dict[str, list[str]] = {}
    bar = progress.stage("cross-report", len(recheck)) if progress else None
    for node in sorted(recheck):
        known = previous.get(node)
        if known is not None and not (set(known[1]) & touched):
            nodes[node] = [known[0], known[1], node in conflicting]
        else:
            ctx = context_lines(node, lines)
            docs = sorted({doc_of(iri) for line in ctx for iri in (_split(line)[0], _split(line)[2]) if iri})
            nodes[node] = [hashlib.sha256("\n".join(ctx).encode("utf-8")).hexdigest(), docs, node in conflicting]
            contexts[node] = ctx
        if bar:
            bar.advance()
    cached = index.cross_results([(n, v[0]) for n, v in nodes.items()])
    todo = {n for n, v in nodes.items() if (n, v[0]) not in cached}
    for n in todo - set(contexts):  # kept digest, result no longer in the index
        contexts[n] = context_lines(n, lines)
    fresh: dict[tuple[str, str], list[dict]] = {}
    if todo:
        found = _validate_nodes(validator, {n: contexts[n] for n in todo}, jobs)
        fresh = {(n, nodes[n][0]): found.get(n, []) for n in todo}
        index.save_cross_results(fresh)
    for node, (digest, _docs, _flag) in nodes.items():
        for f in cached.get((node, digest)) or fresh.get((node, digest), []):
            findings.append(Finding(**f))
    if bar:
        bar.done()
    unique = {(f.severity, f.shape, f.focus, f.path, f.value, f.message): f for f in findings}
    findings = sorted(unique.values(), key=lambda f: (f.severity != "Violation", f.shape, f.focus, f.path or "",
                                                      f.value or ""))
    outcome = ValidationOutcome(conforms=not any(f.severity == "Violation" for f in findings), findings=findings)
    outcome.rechecked = len(nodes)
    outcome.revalidated = len(todo)
    outcome.nodes = nodes
    return outcome


def _validate_chunk(args) -> dict[str, list[dict]]:
    validator, contexts = args
    union = sorted(set().union(*contexts.values()))
    shapes, ontology = shapes_and_ontology()
    result = _validate_lines(validator, union, shapes, ontology, set(contexts))
    found: dict[str, list[dict]] = {n: [] for n in contexts}
    for f in result.findings:
        if f.focus in found:
            found[f.focus].append(asdict(f))
    return found


def _validate_nodes(validator: str, contexts: dict[str, list[str]], jobs: int) -> dict[str, list[dict]]:
    """Node -> findings (as dicts) of validating each node on its context; with pyshacl and
    many nodes, the nodes are split among ``jobs`` forked processes."""
    import multiprocessing as mp

    from ..executors import ignore_sigint

    engine = "jena" if validator == "jena" else "pyshacl"
    names = sorted(contexts)
    if engine == "jena" or jobs <= 1 or len(names) < PARALLEL_NODES or "fork" not in mp.get_all_start_methods():
        return _validate_chunk((engine, contexts))
    chunks = [{n: contexts[n] for n in names[i::jobs]} for i in range(jobs)]
    found: dict[str, list[dict]] = {}
    with mp.get_context("fork").Pool(jobs, initializer=ignore_sigint) as pool:
        for part in pool.imap(_validate_chunk, [(engine, c) for c in chunks]):
            found.update(part)
    return found


def _validate_lines(validator: str, lines: list[str], shapes, ontology, foci: set[str]):
    """Validate the graph of ``lines`` for the focus nodes ``foci`` with ``validator``
    (``jena`` or ``pyshacl``); Jena reads the lines from a file (no rdflib graph)."""
    from .. import jena
    from ..validate import rdflib_graph_of, validate_graph

    if validator == "jena":
        with tempfile.TemporaryDirectory(prefix="honlea-validate-") as tmp:
            path = Path(tmp) / "data.nt"
            path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
            return jena.validate_file(path, shapes, ontology, foci=foci)
    return validate_graph(rdflib_graph_of("".join(line + "\n" for line in lines)), shapes, ontology,
                          focus_nodes=sorted(foci))


__all__ = ["cross_report", "conflicting_nodes", "context_lines", "union_text"]
