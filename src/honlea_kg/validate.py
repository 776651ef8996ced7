"""SHACL validation of the data graph with pyshacl, the ontology passed as ``ont_graph``.

pyshacl mixes the ontology into a *copy* of the data graph (so ``rdfs:subClassOf`` axioms that
live only in the ontology are seen by class targets and ``sh:class``), and never changes the data
graph itself (SHACL 1.0, W3C REC 2017, section 1.5: validation does not change the data graph).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pyshacl
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH

from .config import ONTOLOGY_DIR, SHAPES_DIR


@dataclass
class Finding:
    """One validation result: severity (``Violation``/``Warning``/``Info``), the shape's name,
    the focus node, its label, the path, the offending value and the message."""

    severity: str
    shape: str
    focus: str
    focus_label: str | None
    path: str | None
    value: str | None
    message: str
    source: str | None = None  # the focus node's source paragraph, where known

    def line(self) -> str:
        """One readable line for a terminal."""
        who = f"{self.focus_label} <{self.focus}>" if self.focus_label else f"<{self.focus}>"
        extra = f" (value {self.value})" if self.value else ""
        src = f" [source: {self.source}]" if self.source else ""
        return f"{self.severity}: {self.shape}: {who}: {self.message}{extra}{src}"


@dataclass
class ValidationOutcome:
    """The result of validating a graph: ``conforms`` is False when any ``sh:Violation`` exists."""

    conforms: bool
    findings: list[Finding] = field(default_factory=list)
    report: Graph | None = None

    @property
    def violations(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "Violation"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity != "Violation"]


def load_graph_dir(folder: Path, pattern: str = "*.ttl") -> Graph:
    """Parse every Turtle file of ``folder`` (sorted by name) into one graph."""
    g = Graph()
    for path in sorted(Path(folder).glob(pattern)):
        g.parse(path, format="turtle")
    return g


def load_shapes(shapes_dir: Path = SHAPES_DIR) -> Graph:
    """The SHACL shapes graph from ``shapes/*.ttl``."""
    return load_graph_dir(shapes_dir)


def load_ontology(ontology_dir: Path = ONTOLOGY_DIR) -> Graph:
    """The ontology graph from ``ontology/*.ttl``."""
    return load_graph_dir(ontology_dir)


def _label(data: Graph, node) -> str | None:
    for p in (RDFS.label, URIRef("https://schema.org/name")):
        for o in data.objects(node, p):
            return str(o)
    return None


def _source(data: Graph, node) -> str | None:
    for o in data.objects(node, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")):
        return str(o)
    return None


def validate_graph(data: Graph, shapes: Graph | None = None, ontology: Graph | None = None) -> ValidationOutcome:
    """Validate ``data`` against ``shapes`` with ``ontology`` as pyshacl's ``ont_graph``.

    Returns the outcome with one :class:`Finding` per ``sh:ValidationResult``.  The data graph
    is not modified.
    """
    shapes = shapes if shapes is not None else load_shapes()
    ontology = ontology if ontology is not None else load_ontology()
    conforms, report, _text = pyshacl.validate(
        data, shacl_graph=shapes, ont_graph=ontology, inference="none", abort_on_first=False,
        allow_warnings=True, advanced=True, meta_shacl=False)
    findings = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        sev = report.value(result, SH.resultSeverity)
        shape = report.value(result, SH.sourceShape)
        name = None
        if shape is not None:
            name = shapes.value(shape, SH.name) or (shape if isinstance(shape, URIRef) else None)
            if name is None:  # a property shape: name the node shape that holds it
                parent = shapes.value(None, SH.property, shape)
                name = shapes.value(parent, SH.name) if parent is not None else None
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        value = report.value(result, SH.value)
        msg = report.value(result, SH.resultMessage)
        findings.append(Finding(
            severity=str(sev).rsplit("#", 1)[-1] if sev else "Violation",
            shape=str(name) if name is not None else "(unnamed shape)",
            focus=str(focus), focus_label=_label(data, focus),
            path=str(path) if path is not None else None,
            value=str(value) if isinstance(value, (Literal, URIRef)) else None,
            message=str(msg) if msg else "constraint not met",
            source=_source(data, focus)))
    findings.sort(key=lambda f: (f.severity != "Violation", f.shape, f.focus, f.path or "", f.value or ""))
    violations = any(f.severity == "Violation" for f in findings)
    return ValidationOutcome(conforms=not violations, findings=findings, report=report)
