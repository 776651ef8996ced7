"""Apache Jena SHACL (``honlea_kg.jena``) gives the same findings as pyshacl."""

from __future__ import annotations

from rdflib import Graph, URIRef

from conftest import ROOT
from honlea_kg.iris import DEFAULT_BASE
from honlea_kg.jena import validate_file
from honlea_kg.pipeline import build_report
from honlea_kg.validate import load_ontology, load_shapes, validate_graph

HL = "https://w3id.org/honlea-kg/ns#"


def keys(outcome):
    return sorted({(f.severity, f.shape, f.focus, f.path, f.value) for f in outcome.findings})


def both(graph: Graph, tmp_path):
    shapes, ontology = load_shapes(), load_ontology()
    path = tmp_path / "data.nt"
    path.write_bytes(graph.serialize(format="nt", encoding="utf-8"))
    return validate_graph(graph, shapes, ontology), validate_file(path, shapes, ontology)


def report_graph() -> Graph:
    outcome = build_report(ROOT / "corpus" / "honlea-europe-12-2017.txt", DEFAULT_BASE)
    assert outcome.error is None
    return Graph().parse(data=outcome.ntriples, format="nt")


def test_jena_and_pyshacl_agree_on_the_real_report(tmp_path):
    py, jena = both(report_graph(), tmp_path)
    assert keys(jena) == keys(py)
    assert jena.conforms == py.conforms


def test_jena_and_pyshacl_agree_on_a_broken_graph(tmp_path):
    g = report_graph()
    paragraphs = list(g.subjects(URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), URIRef(HL + "Paragraph")))
    for p in paragraphs[:3]:
        g.remove((p, URIRef(HL + "number"), None))
        g.remove((p, URIRef(HL + "text"), None))
    py, jena = both(g, tmp_path)
    assert not py.conforms and not jena.conforms
    assert len(py.violations) >= 3
    assert keys(jena) == keys(py)
    assert {f.focus for f in jena.violations} >= {str(p) for p in paragraphs[:3]}
