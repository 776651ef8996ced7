"""SHACL shapes: every constraint is broken once by a small graph and reported with its message;
Apache Jena's SHACL engine agrees with pyshacl on those graphs and on the real build."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from rdflib import BNode, Graph, URIRef
from rdflib.namespace import RDF, RDFS, SH

from conftest import ROOT
from shape_fixtures import CASES, case_graph, namespace

from honlea_kg.validate import load_ontology, load_shapes, validate_graph

HL = "https://w3id.org/honlea-kg/ns#"
JENA_SCRIPT = ROOT / "scripts" / "jena-shacl.sh"


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes()


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return load_ontology()


def test_the_valid_fixture_meets_every_shape(shapes, ontology):
    outcome = validate_graph(case_graph(None, namespace(None)), shapes, ontology)
    assert outcome.findings == []
    assert outcome.conforms


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_each_broken_graph_is_reported_with_its_message(case, shapes, ontology):
    ns = namespace(case)
    outcome = validate_graph(case_graph(case, ns), shapes, ontology)
    hits = [f for f in outcome.findings
            if f.focus == ns + case.focus and f.shape == case.shape and f.severity == case.severity
            and f.component == str(SH) + case.component]
    assert hits, "\n".join(f.line() for f in outcome.findings)
    assert any(case.message in f.message for f in hits), [f.message for f in hits]
    assert outcome.conforms is (case.severity != "Violation")


def _node_shapes(shapes: Graph) -> list:
    return sorted(s for s in shapes.subjects(RDF.type, SH.NodeShape) if isinstance(s, URIRef))


def test_every_shape_has_a_name_a_description_and_messages(shapes):
    assert len(_node_shapes(shapes)) >= 35
    for shape in _node_shapes(shapes):
        assert shapes.value(shape, SH.name) is not None, shape
        assert shapes.value(shape, SH.description) is not None, shape
        for prop in shapes.objects(shape, SH.property):
            assert shapes.value(prop, SH.message) is not None, (shape, shapes.value(prop, SH.path))
        for constraint in shapes.objects(shape, SH.sparql):
            assert shapes.value(constraint, SH.message) is not None, shape
        if (shape, SH["or"], None) in shapes or (shape, SH.pattern, None) in shapes:
            assert shapes.value(shape, SH.message) is not None, shape


def test_every_targeted_shape_is_broken_by_some_case(shapes):
    targeted = {str(shapes.value(s, SH.name)) for s in _node_shapes(shapes) if (s, SH.targetClass, None) in shapes}
    assert targeted - {c.shape for c in CASES} == set()


def test_sh_class_relies_on_ontology_subclass_axioms(shapes, ontology):
    """hl:Resolution is a hl:Document only in the ontology: a consideration that used a
    resolution conforms with the ontology and fails without it."""
    ns = namespace(None)
    g = case_graph(None, ns)
    g.remove((URIRef(ns + "consideration"), URIRef("http://www.w3.org/ns/prov#used"), None))
    g.add((URIRef(ns + "consideration"), URIRef("http://www.w3.org/ns/prov#used"), URIRef(ns + "res")))
    assert (URIRef(ns + "res"), RDF.type, URIRef(HL + "Document")) not in g
    assert validate_graph(g, shapes, ontology).conforms
    without = validate_graph(g, shapes, Graph())
    assert any(f.focus == ns + "consideration" and f.component == str(SH) + "ClassConstraintComponent"
               for f in without.findings)


def test_every_class_of_the_real_graph_has_a_shape(built, shapes, ontology):
    data = Graph().parse(built / "dataset.nt", format="nt")
    targets = set(shapes.objects(None, SH.targetClass))
    used = {o for o in data.objects(None, RDF.type) if str(o).startswith(HL)}
    assert len(used) >= 25
    for cls in used:
        chain = {cls} | set(ontology.transitive_objects(cls, RDFS.subClassOf))
        assert chain & targets, f"no shape targets {cls} or a superclass of it"


# --- an independent engine ---------------------------------------------------------------

def _canon(g: Graph, term) -> str | None:
    if term is None:
        return None
    if isinstance(term, BNode):
        return "[" + " ".join(sorted(f"{p.n3()} {_canon(g, o)}" for p, o in g.predicate_objects(term))) + "]"
    return term.n3()


def result_keys(report: Graph) -> set[tuple]:
    """(focusNode, sourceConstraintComponent, resultPath, value) of the top-level results."""
    keys = set()
    for top in report.subjects(RDF.type, SH.ValidationReport):
        for r in report.objects(top, SH.result):
            keys.add(tuple(_canon(report, report.value(r, p)) for p in
                           (SH.focusNode, SH.sourceConstraintComponent, SH.resultPath, SH.value)))
    return keys


def run_jena(shapes: Graph, data: Graph, tmp: Path) -> Graph:
    """Validate with Apache Jena's shacl_validate through scripts/jena-shacl.sh; the ontology is
    merged into the data as pyshacl's ont_graph is."""
    assert shutil.which("java"), "Java is missing: install Debian packages default-jre-headless libapache-jena-java"
    assert Path("/usr/share/java/jena-shacl.jar").is_file(), \
        "Apache Jena is missing: install the Debian package libapache-jena-java (scripts/install-system-deps.sh)"
    shapes_file, data_file = tmp / "shapes.ttl", tmp / "data.nt"
    shapes.serialize(destination=str(shapes_file), format="turtle")
    data.serialize(destination=str(data_file), format="nt", encoding="utf-8")
    done = subprocess.run([str(JENA_SCRIPT), str(shapes_file), str(data_file), str(ROOT / "ontology" / "honlea.ttl")],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    return Graph().parse(data=done.stdout, format="turtle")


def test_jena_agrees_with_pyshacl_on_every_broken_graph(shapes, ontology, tmp_path):
    union = Graph()
    for case in [None, *CASES]:
        union += case_graph(case, namespace(case), schemes=False)
    from honlea_kg.schemes import scheme_graph

    union += scheme_graph()
    ours = result_keys(validate_graph(union, shapes, ontology).report)
    jena = result_keys(run_jena(shapes, union, tmp_path))
    assert len(ours) >= len(CASES)
    assert ours == jena, {"pyshacl only": ours - jena, "jena only": jena - ours}


def test_jena_agrees_with_pyshacl_on_the_real_graph(built, shapes, ontology, tmp_path):
    data = Graph().parse(built / "dataset.nt", format="nt")
    ours = validate_graph(data, shapes, ontology)
    jena = run_jena(shapes, data, tmp_path)
    assert result_keys(ours.report) == result_keys(jena)
    assert (None, SH.conforms, None) in jena
    assert ours.conforms and jena.value(next(jena.subjects(RDF.type, SH.ValidationReport)), SH.conforms).toPython()
