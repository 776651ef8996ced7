"""SHACL validation of the data graph with pyshacl, the ontology passed as ``ont_graph``.

pyshacl mixes the ontology into a *copy* of the data graph (so ``rdfs:subClassOf`` axioms that
live only in the ontology are seen by class targets and ``sh:class``), and never changes the data
graph itself (SHACL 1.0, W3C REC 2017, section 1.5: validation does not change the data graph).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pyshacl
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH

from .config import ONTOLOGY_DIR, SHAPES_DIR
from .model import HonleaError


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
    component: str | None = None  # the SHACL constraint component, e.g. sh:MinCountConstraintComponent

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


#: The ontology files passed to pyshacl as ``ont_graph``.  Only axioms: pyshacl copies just the
#: RDFS/OWL class and property descriptions of ``ont_graph`` into the data (its "inoculation"),
#: so the SKOS concepts of ``schemes.ttl`` must be *data* (the named graph of
#: :func:`honlea_kg.schemes.scheme_graph`), not ontology.
ONTOLOGY_FILES = ("honlea.ttl",)


def load_ontology(ontology_dir: Path = ONTOLOGY_DIR) -> Graph:
    """The ontology graph (``ontology/honlea.ttl``) for pyshacl's ``ont_graph``."""
    g = Graph()
    for name in ONTOLOGY_FILES:
        g.parse(Path(ontology_dir) / name, format="turtle")
    return g


class ValidationError(HonleaError):
    """Validation could not run: no built dataset in the folder, or a shapes/ontology/data file
    that does not parse.  (A graph that *breaks* shapes is not an error: see
    :class:`ValidationOutcome`.)"""


PROV_DERIVED = URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")
OA_HAS_SELECTOR = URIRef("http://www.w3.org/ns/oa#hasSelector")
DCT_IS_PART_OF = URIRef("http://purl.org/dc/terms/isPartOf")
HL_IN_REPORT = URIRef("https://w3id.org/honlea-kg/ns#inReport")
SCHEMA_NAME = URIRef("https://schema.org/name")
SKOS_PREF = URIRef("http://www.w3.org/2004/02/skos/core#prefLabel")

#: File names in a build folder: the dataset read by :func:`validate_build`, the report it writes.
DATASET_FILES = ("dataset.nt", "dataset.ttl", "dataset.trig")
REPORT_FILE = "validation.ttl"


def _label(data: Graph, node) -> str | None:
    for p in (RDFS.label, SKOS_PREF, SCHEMA_NAME):
        values = sorted(data.objects(node, p), key=str)
        if values:
            return str(values[0])
    return None


def _text_unit(data: Graph, node) -> bool:
    return (node, HL_IN_REPORT, None) in data or (
        isinstance(node, URIRef) and "#para_" in str(node) and (node, DCT_IS_PART_OF, None) in data)


def _source(data: Graph, node) -> str | None:
    """The paragraph (or sub-paragraph) a focus node comes from: its ``prov:wasDerivedFrom``; a
    text unit is its own source; a selector's source is the text unit that holds it."""
    derived = sorted(data.objects(node, PROV_DERIVED), key=str)
    if derived:
        return ", ".join(str(d) for d in derived)
    if _text_unit(data, node):
        return str(node)
    for holder in sorted(data.subjects(OA_HAS_SELECTOR, node), key=str):
        return str(holder)
    return None


def _shape_name(shapes: Graph, shape) -> str | None:
    """``sh:name`` of a shape, or of the node shape holding a property shape (also inside
    ``sh:or`` lists)."""
    if shape is None:
        return None
    name = shapes.value(shape, SH.name)
    if name is not None:
        return str(name)
    parent = shapes.value(None, SH.property, shape)
    if parent is not None:
        return _shape_name(shapes, parent)
    # a member of an RDF list under sh:or / sh:and / sh:xone
    node = shape
    for _ in range(100):
        owner = shapes.value(None, RDF.first, node)
        if owner is None:
            owner = shapes.value(None, RDF.rest, node)
        if owner is None:
            break
        node = owner
    for p in (SH["or"], SH["and"], SH.xone):
        holder = shapes.value(None, p, node)
        if holder is not None:
            return _shape_name(shapes, holder)
    return str(shape) if isinstance(shape, URIRef) else None


def validate_graph(data: Graph, shapes: Graph | None = None, ontology: Graph | None = None,
                   focus_nodes: list[str] | None = None) -> ValidationOutcome:
    """Validate ``data`` against ``shapes`` with ``ontology`` as pyshacl's ``ont_graph``.

    ``focus_nodes``: validate only these nodes (IRIs; pyshacl's ``focus_nodes``), as the
    cross-report pass does on data that also holds the nodes around them.

    ``shapes`` defaults to ``shapes/*.ttl``, ``ontology`` to ``ontology/*.ttl``.  pyshacl mixes
    the ontology into a copy of the data, so ``rdfs:subClassOf`` axioms that live only in the
    ontology count for ``sh:targetClass`` and ``sh:class`` (SHACL 1.0, 2.1.3.1 and 4.1.1); no RDFS
    or OWL inference is run otherwise (``inference="none"``).  Returns the outcome with one
    :class:`Finding` per ``sh:ValidationResult``, sorted (violations first, then by shape name,
    focus node, path and value).  ``data`` is not modified.
    """
    shapes = shapes if shapes is not None else load_shapes()
    ontology = ontology if ontology is not None else load_ontology()
    conforms, report, _text = pyshacl.validate(
        data, shacl_graph=shapes, ont_graph=ontology, inference="none", abort_on_first=False,
        allow_warnings=True, advanced=True, meta_shacl=False,
        focus_nodes=[URIRef(f) for f in sorted(focus_nodes)] if focus_nodes is not None else None)
    findings = findings_from_report(report, shapes, data)
    violations = any(f.severity == "Violation" for f in findings)
    return ValidationOutcome(conforms=not violations, findings=findings, report=report)


def findings_from_report(report: Graph, shapes: Graph, data: Graph) -> list[Finding]:
    """The :class:`Finding` list of a ``sh:ValidationReport`` graph (from pyshacl or Jena).

    Top-level results only: nested ``sh:detail`` results (of ``sh:node``, ``sh:or`` ...) are
    explained by their parent's message.  Shapes are named by ``sh:name`` (a property shape by
    its node shape's); labels and source paragraphs come from ``data``.  Sorted: violations
    first, then by shape name, focus node, path, value and message.
    """
    findings = []
    results = [r for top in report.subjects(RDF.type, SH.ValidationReport) for r in report.objects(top, SH.result)]
    for result in results:
        sev = report.value(result, SH.resultSeverity)
        name = _shape_name(shapes, report.value(result, SH.sourceShape))
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        value = report.value(result, SH.value)
        msg = report.value(result, SH.resultMessage)
        findings.append(Finding(
            severity=str(sev).rsplit("#", 1)[-1] if sev else "Violation",
            shape=name if name is not None else "(unnamed shape)",
            focus=str(focus), focus_label=_label(data, focus),
            path=str(path) if isinstance(path, URIRef) else (_path_text(report, path) if path is not None else None),
            value=str(value) if isinstance(value, (Literal, URIRef)) else None,
            message=str(msg) if msg else "constraint not met",
            source=_source(data, focus),
            component=str(report.value(result, SH.sourceConstraintComponent) or "") or None))
    findings.sort(key=lambda f: (f.severity != "Violation", f.shape, f.focus, f.path or "", f.value or "",
                                 f.message))
    return findings


def _path_text(report: Graph, path) -> str:
    """A readable rendering of a complex SHACL path (inverse, alternative, sequence)."""
    inv = report.value(path, SH.inversePath)
    if inv is not None:
        return f"^{_path_text(report, inv)}"
    alt = report.value(path, SH.alternativePath)
    if alt is not None:
        return "(" + " | ".join(_path_text(report, p) for p in Collection(report, alt)) + ")"
    if (path, RDF.first, None) in report:
        return "/".join(_path_text(report, p) for p in Collection(report, path))
    return str(path)


def load_build(data_dir: Path) -> Graph:
    """The union graph of a built dataset in ``data_dir`` (``dataset.nt``, else ``.ttl``, else
    ``.trig``: all hold the same triples, N-Triples parses fastest).

    :raises ValidationError: if the folder holds none of them, or the file does not parse.
    """
    data_dir = Path(data_dir)
    for name in DATASET_FILES:
        path = data_dir / name
        if path.is_file():
            break
    else:
        raise ValidationError(f"no built dataset: none of {', '.join(DATASET_FILES)} in {data_dir} "
                              "(run 'honlea-kg build' first, or pass --data DIR)")
    fmt = {".nt": "nt", ".ttl": "turtle", ".trig": "trig"}[path.suffix]
    try:
        if fmt == "trig":
            ds = Dataset()
            ds.parse(path, format="trig")
            g = Graph()
            for quad in ds.quads((None, None, None, None)):
                g.add(quad[:3])
            return g
        return Graph().parse(path, format=fmt)
    except Exception as exc:  # rdflib raises many parser-specific types
        raise ValidationError(f"cannot parse: {' '.join(str(exc).split())[:300]}", path=path) from None


def validate_build(data_dir: Path, shapes: Graph | None = None, ontology: Graph | None = None) -> ValidationOutcome:
    """Validate the dataset built in ``data_dir`` (see :func:`load_build`) against the shapes,
    with the ontology as ``ont_graph``.

    :raises ValidationError: if there is no built dataset or it does not parse.
    """
    data = load_build(data_dir)
    return validate_graph(data, shapes=shapes, ontology=ontology)


def findings_report(outcome: ValidationOutcome) -> Graph:
    """An ``sh:ValidationReport`` graph rebuilt from ``outcome.findings`` (for outcomes merged from
    per-report validation, which keep findings rather than pyshacl's report graph).  Each result
    carries focus node, severity, path, value, message and constraint component (SHACL 1.0,
    section 3.6); the shape is named by ``sh:sourceShape`` only as its ``sh:name`` text in
    ``rdfs:comment``, since the per-report shape nodes are blank."""
    g = Graph()
    root = BNode("report")
    g.add((root, RDF.type, SH.ValidationReport))
    g.add((root, SH.conforms, Literal(outcome.conforms)))
    for i, f in enumerate(outcome.findings, start=1):
        r = BNode(f"result{i:05d}")
        g.add((root, SH.result, r))
        g.add((r, RDF.type, SH.ValidationResult))
        g.add((r, SH.focusNode, URIRef(f.focus)))
        g.add((r, SH.resultSeverity, SH[f.severity]))
        g.add((r, SH.resultMessage, Literal(f.message)))
        g.add((r, RDFS.comment, Literal(f.shape)))
        if f.path:
            g.add((r, SH.resultPath, URIRef(f.path)))
        if f.value:
            g.add((r, SH.value, Literal(f.value)))
        if f.component:
            comp = f.component if f.component.startswith("http") else str(SH) + f.component.split(":")[-1]
            g.add((r, SH.sourceConstraintComponent, URIRef(comp)))
    return g


def write_report(outcome: ValidationOutcome, path: Path) -> Path:
    """Write the SHACL validation report (``sh:ValidationReport``) of ``outcome`` as Turtle.

    Blank nodes are relabelled in a fixed order (by focus node, constraint component, path,
    value, message), so the same findings always give the same bytes.
    """
    from .vocab import bind_prefixes

    report = outcome.report if outcome.report is not None else findings_report(outcome)
    out = Graph()
    bind_prefixes(out)
    out.bind("sh", SH)
    roots = sorted(report.subjects(RDF.type, SH.ValidationReport), key=str)
    root = BNode("report")
    out.add((root, RDF.type, SH.ValidationReport))
    out.add((root, SH.conforms, Literal(outcome.conforms)))
    results = [r for top in roots for r in report.objects(top, SH.result)]

    def key(r):
        return tuple(_canon(report, report.value(r, p)) for p in
                     (SH.focusNode, SH.sourceConstraintComponent, SH.resultPath, SH.value, SH.resultMessage))

    for i, r in enumerate(sorted(results, key=key), start=1):
        node = BNode(f"result{i:05d}")
        out.add((root, SH.result, node))
        _copy(report, r, out, node, f"result{i:05d}")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(out.serialize(format="turtle"), encoding="utf-8")
    return path


def _canon(g: Graph, term) -> str:
    if term is None:
        return ""
    if isinstance(term, BNode):
        return "[" + " ".join(sorted(f"{p} {_canon(g, o)}" for p, o in g.predicate_objects(term))) + "]"
    return term.n3()


def _copy(src: Graph, node, out: Graph, new, prefix: str, depth: int = 0) -> None:
    """Copy ``node``'s description into ``out`` as ``new``; nested blank nodes get stable labels.

    ``sh:sourceShape`` blank nodes (shapes-graph nodes) are replaced by the shape's canonical
    text, since their labels are arbitrary."""
    for j, (p, o) in enumerate(sorted(src.predicate_objects(node), key=lambda po: (str(po[0]), _canon(src, po[1])))):
        if isinstance(o, BNode):
            if p == SH.sourceShape or depth > 20:
                continue
            child = BNode(f"{prefix}_{j}")
            out.add((new, p, child))
            _copy(src, o, out, child, f"{prefix}_{j}", depth + 1)
        else:
            out.add((new, p, o))


def format_outcome(outcome: ValidationOutcome) -> str:
    """A readable report: findings grouped by shape (violations first), each with the focus
    node's label and IRI, the message, the offending value and the source paragraph; then a
    one-line summary."""
    lines: list[str] = []
    groups: dict[tuple[bool, str], list[Finding]] = {}
    for f in outcome.findings:
        groups.setdefault((f.severity != "Violation", f.shape), []).append(f)
    for (is_warning, shape), items in sorted(groups.items()):
        kind = "warning" if is_warning else "violation"
        lines.append(f"{shape}: {len(items)} {kind}{'s' if len(items) != 1 else ''}")
        for f in items:
            who = f"{f.focus_label} <{f.focus}>" if f.focus_label else f"<{f.focus}>"
            lines.append(f"  {f.severity}: {who}")
            lines.append(f"    {f.message}")
            if f.path:
                lines.append(f"    property: {f.path}")
            if f.value:
                lines.append(f"    value: {f.value}")
            if f.source:
                lines.append(f"    source: {f.source}")
    n_v, n_w = len(outcome.violations), len(outcome.warnings)
    verdict = "conforms" if outcome.conforms else "does not conform"
    lines.append(f"SHACL: the graph {verdict}: {n_v} violation{'s' if n_v != 1 else ''}, "
                 f"{n_w} warning{'s' if n_w != 1 else ''}")
    return "\n".join(lines) + "\n"


def validate_command(data: Path, strict: bool = False, echo=None) -> int:
    """The ``honlea-kg validate [--data DIR] [--strict]`` command; returns the exit code.

    Validates the dataset built in ``data``, prints :func:`format_outcome` (through ``echo``,
    default ``click.echo`` to standard error for findings and standard output for the summary),
    writes the SHACL report to ``DATA/validation.ttl`` and returns 0 when the graph conforms
    (warnings are shown but do not fail unless ``strict``), 1 on any violation (or any warning
    with ``strict``), 2 when there is no dataset to validate (the message on one line).
    """
    import click

    echo = echo or click.echo
    try:
        outcome = validate_build(data)
    except ValidationError as exc:
        echo(f"honlea-kg: error: {exc}", err=True)
        return 2
    text = format_outcome(outcome)
    *details, summary = text.rstrip("\n").split("\n")
    for line in details:
        echo(line, err=True)
    path = write_report(outcome, Path(data) / REPORT_FILE)
    echo(summary)
    echo(f"report: {path}")
    if not outcome.conforms or (strict and outcome.warnings):
        return 1
    return 0


def rdflib_graph_of(ntriples: str) -> Graph:
    """A plain rdflib :class:`Graph` of N-Triples text, parsed by pyoxigraph (rdflib's own
    parser reads about 13k triples/s)."""
    import pyoxigraph as ox

    from .query import to_rdflib

    g = Graph()
    if ntriples:
        for t in ox.parse(ntriples.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES):
            g.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
    return g
