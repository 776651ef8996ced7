"""The vocabulary: metadata, every term documented and aligned, every term the graph and the
shapes use defined, the SKOS schemes in sync, and the generated documentation page."""

from __future__ import annotations

import re

from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from conftest import ROOT

import honlea_kg
from honlea_kg.iris import ONTOLOGY, VOCAB, IriPolicy
from honlea_kg.schemes import SCHEMES, concept_iri, scheme_graph

ONTO = Graph().parse(ROOT / "ontology" / "honlea.ttl", format="turtle")
VANN = "http://purl.org/vocab/vann/"
KINDS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)


def terms() -> list[URIRef]:
    return sorted({s for k in KINDS for s in ONTO.subjects(RDF.type, k)})


def test_ontology_header():
    o = URIRef(ONTOLOGY)
    assert (o, RDF.type, OWL.Ontology) in ONTO
    assert ONTO.value(o, DCTERMS.title) == Literal("HONLEA knowledge graph vocabulary", lang="en")
    assert str(ONTO.value(o, OWL.versionInfo)) == honlea_kg.__version__
    assert ONTO.value(o, OWL.versionIRI) == URIRef(f"{ONTOLOGY}/{honlea_kg.__version__}")
    assert ONTO.value(o, DCTERMS.license) == URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert str(ONTO.value(o, URIRef(VANN + "preferredNamespacePrefix"))) == "hl"
    assert str(ONTO.value(o, URIRef(VANN + "preferredNamespaceUri"))) == VOCAB
    assert not list(ONTO.objects(None, OWL.imports))


def test_every_term_is_ours_labelled_commented_and_defined_by_the_ontology():
    assert len(terms()) >= 70
    for t in terms():
        assert str(t).startswith(VOCAB), t
        assert re.fullmatch(r"[A-Za-z][A-Za-z0-9]*", str(t)[len(VOCAB):]), t
        assert ONTO.value(t, RDFS.label).language == "en", t
        assert len(str(ONTO.value(t, RDFS.comment))) > 20, t
        assert ONTO.value(t, RDFS.isDefinedBy) == URIRef(ONTOLOGY), t


def test_every_class_is_aligned_to_a_standard_vocabulary():
    for cls in ONTO.subjects(RDF.type, OWL.Class):
        supers = set(ONTO.transitive_objects(cls, RDFS.subClassOf)) - {cls}
        assert any(not str(s).startswith(VOCAB) for s in supers), f"{cls} has no standard superclass"


def _hl_terms(g: Graph) -> set[URIRef]:
    found = set()
    for triple in g:
        for term in triple:
            if isinstance(term, URIRef) and str(term).startswith(VOCAB) and str(term) != VOCAB:
                found.add(term)
    return found


def test_every_hl_term_of_the_real_graph_and_the_shapes_is_defined(built):
    from honlea_kg.validate import load_shapes

    defined = set(terms())
    data = Graph().parse(built / "dataset.nt", format="nt")
    used = _hl_terms(data) | _hl_terms(load_shapes())
    assert len(used) >= 50
    assert used - defined == set()


def test_committed_schemes_file_is_the_generated_one():
    committed = Graph().parse(ROOT / "ontology" / "schemes.ttl", format="turtle")
    assert isomorphic(committed, scheme_graph())


def test_schemes_follow_the_data_base_and_are_closed():
    iris = IriPolicy("https://example.org/kg/")
    g = scheme_graph(iris)
    chair = URIRef("https://example.org/kg/role/chair")
    assert (chair, SKOS.inScheme, URIRef("https://example.org/kg/scheme/role")) in g
    assert (URIRef("https://example.org/kg/role/first-vice-chair"), SKOS.broader,
            URIRef("https://example.org/kg/role/vice-chair")) in g
    assert concept_iri(iris, "role", "First Vice-Chair") == URIRef("https://example.org/kg/role/first-vice-chair")
    assert concept_iri(iris, "questionnaire-timing", "in_time") == URIRef(
        "https://example.org/kg/questionnaire-timing/in-time")
    keys = {s.key for s in SCHEMES}
    assert keys == {"role", "agenda-status", "document-kind", "finding-kind", "questionnaire-timing"}
    roles = {str(n) for n in g.objects(None, SKOS.notation)}
    assert {"chair", "first-vice-chair", "second-vice-chair", "vice-chair", "rapporteur", "member-state",
            "observer", "secretariat", "adopted", "provisional", "draft-provisional", "observation",
            "conclusion", "recommendation", "in_time", "late"} <= roles
    import pytest

    with pytest.raises(KeyError, match="not in the concept scheme"):
        concept_iri(iris, "role", "President")


def test_concepts_the_mapping_writes_are_in_the_schemes(built):
    """Every concept of a closed list in the real graph is one of schemes.py (same IRI)."""
    data = Graph().parse(built / "dataset.nt", format="nt")
    ours = set(scheme_graph().subjects(RDF.type, SKOS.Concept))
    used = {c for c in data.subjects(RDF.type, SKOS.Concept) if "/topic/" not in str(c)}
    assert len(used) >= 10
    assert used - ours == set()


def test_documentation_page_has_an_anchor_per_term(tmp_path):
    """The vocabulary page the build publishes at the namespace IRI (publish/vocabdoc.py)."""
    from honlea_kg.iris import IriPolicy
    from honlea_kg.publish.site import environment
    from honlea_kg.publish.vocabdoc import write_vocabulary_docs

    assert write_vocabulary_docs(tmp_path, ONTO, environment(), IriPolicy()) == 1
    page, ttl = tmp_path / "ns" / "index.html", tmp_path / "ns" / "index.ttl"
    html = page.read_text(encoding="utf-8")
    for t in terms():
        assert f'id="{str(t)[len(VOCAB):]}"' in html, t
    assert '<a href="https://schema.org/Event"' in html and ">schema:Event</a>" in html  # an alignment, linked
    assert isomorphic(Graph().parse(ttl, format="turtle"), ONTO)
    write_vocabulary_docs(tmp_path / "again", ONTO, environment(), IriPolicy())
    assert (tmp_path / "again" / "ns" / "index.html").read_bytes() == page.read_bytes()
