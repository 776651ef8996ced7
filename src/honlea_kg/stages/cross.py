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
changed reports touched; the others' findings are read back.
"""

from __future__ import annotations

import hashlib
import tempfile
from collections import defaultdict
from dataclasses import asdict
from functools import lru_cache
from pathlib import Path

from ..model import HonleaError
from ..publish.graphindex import RDF_TYPE, doc_of
from ..docindex import DocIndex, _split, union_text
from .report import ReportOutcome, shapes_and_ontology

VALIDATORS = ("auto", "pyshacl", "jena")


def cross_engine(validator: str, size: int) -> str:
    """The engine of a cross-report pass over ``size`` triples: ``jena`` or ``pyshacl``
    (``auto``: Jena above :data:`honlea_kg.jena.AUTO_THRESHOLD` triples when installed).

    :raises HonleaError: for an unknown validator name.
    """
    from .. import jena

    if validator not in VALIDATORS:
        raise HonleaError(f"unknown validator {validator!r}: expected one of {', '.join(VALIDATORS)}")
    if validator == "auto":
        return "jena" if size > jena.AUTO_THRESHOLD and jena.available() else "pyshacl"
    return validator


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


def conflicting_nodes(index: DocIndex) -> set[str]:
    """The IRIs that several reports of the state describe, and no single one as the union does.

    Documents with one report's rows, or whose reports' rows are the same text, are skipped by
    SQL; the others are compared subject by subject."""
    found: set[str] = set()
    docs = [r[0] for r in index.db.execute(
        "SELECT doc FROM part WHERE piece IN (SELECT piece FROM cur) AND nout > 0 "
        "GROUP BY doc HAVING COUNT(DISTINCT out_hash) > 1")]
    for doc in docs:
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


def cross_report(index: DocIndex, outcomes: list[ReportOutcome], validator: str = "auto", progress=None):
    """Validation of the union of the state's reports (``index.use`` set to them) from their
    per-report findings plus the re-check of the nodes the module docstring names.

    ``outcomes``: the published reports (their ``findings``).  ``validator`` picks the engine
    of the re-check: ``pyshacl``, ``jena`` or ``auto`` (Jena above
    :data:`honlea_kg.jena.AUTO_THRESHOLD` triples).  Returns a
    :class:`~honlea_kg.validate.ValidationOutcome` (``report`` is ``None``) whose ``rechecked``
    and ``revalidated`` attributes say how many nodes were re-checked and how many of them had
    to be validated (the others' findings came from the index).
    """
    from ..validate import Finding, ValidationOutcome

    recheck = conflicting_nodes(index)
    for o in outcomes:
        recheck.update(f.focus for f in o.findings if ":" in f.focus)  # IRIs; blank nodes stay per report
    findings = [f for o in outcomes for f in o.findings if f.focus not in recheck]
    lines = _Lines(index)
    contexts = {}
    bar = progress.stage("cross-report", len(recheck)) if progress else None
    for node in sorted(recheck):
        ctx = context_lines(node, lines)
        contexts[node] = (hashlib.sha256("\n".join(ctx).encode("utf-8")).hexdigest(), ctx)
        if bar:
            bar.advance()
    cached = index.cross_results([(n, c[0]) for n, c in contexts.items()])
    todo = {n: c for n, c in contexts.items() if (n, c[0]) not in cached}
    fresh: dict[tuple[str, str], list[dict]] = {}
    if todo:
        union = sorted(set().union(*(c[1] for c in todo.values())))
        shapes, ontology = shapes_and_ontology()
        result = _validate_lines(validator, union, shapes, ontology, set(todo))
        by_node: dict[str, list[dict]] = {n: [] for n in todo}
        for f in result.findings:
            if f.focus in by_node:
                by_node[f.focus].append(asdict(f))
        fresh = {(n, todo[n][0]): fs for n, fs in by_node.items()}
        index.save_cross_results(fresh)
    for key in contexts.items():
        node, (digest, _ctx) = key
        for f in cached.get((node, digest)) or fresh.get((node, digest), []):
            findings.append(Finding(**f))
    if bar:
        bar.done()
    unique = {(f.severity, f.shape, f.focus, f.path, f.value, f.message): f for f in findings}
    findings = sorted(unique.values(), key=lambda f: (f.severity != "Violation", f.shape, f.focus, f.path or "",
                                                      f.value or ""))
    outcome = ValidationOutcome(conforms=not any(f.severity == "Violation" for f in findings), findings=findings)
    outcome.rechecked = len(contexts)
    outcome.revalidated = len(todo)
    return outcome


def _validate_lines(validator: str, lines: list[str], shapes, ontology, foci: set[str]):
    """Validate the graph of ``lines`` for the focus nodes ``foci`` with the engine
    :func:`cross_engine` picks; Jena reads the lines from a file (no rdflib graph)."""
    from .. import jena
    from ..validate import rdflib_graph_of, validate_graph

    if cross_engine(validator, len(lines)) == "jena":
        with tempfile.TemporaryDirectory(prefix="honlea-validate-") as tmp:
            path = Path(tmp) / "data.nt"
            path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
            return jena.validate_file(path, shapes, ontology, foci=foci)
    return validate_graph(rdflib_graph_of("".join(line + "\n" for line in lines)), shapes, ontology,
                          focus_nodes=sorted(foci))


__all__ = ["cross_report", "cross_engine", "conflicting_nodes", "context_lines", "union_text"]
