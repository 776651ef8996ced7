"""Validation sees the ontology (issue "Robustness and security", input 7).

``hl:Resolution rdfs:subClassOf hl:Document`` lives only in ``ontology/``; a node typed only
``hl:Resolution`` must satisfy a shape that requires an ``hl:Document`` (the consideration's
``prov:used``).  Without the ontology the same graph fails: the test can tell.
"""

from __future__ import annotations

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS

HL = Namespace("https://w3id.org/honlea-kg/ns#")
PROV = Namespace("http://www.w3.org/ns/prov#")
DCT = Namespace("http://purl.org/dc/terms/")
SCHEMA = Namespace("https://schema.org/")
B = "https://example.org/kg/"


def consideration_using_a_resolution() -> tuple[Graph, URIRef]:
    g = Graph()
    c = URIRef(B + "series/honlea-europe/12/sitting/7#item-8")
    item, sitting, para = (URIRef(B + "series/honlea-europe/12/agenda#item-8"),
                           URIRef(B + "series/honlea-europe/12/sitting/7"),
                           URIRef(B + "series/honlea-europe/12/report#para_41"))
    res = URIRef(B + "resolution/ga/71-211")
    g.add((c, RDF.type, HL.Consideration))
    g.add((c, DCT.subject, item))
    g.add((c, SCHEMA.superEvent, sitting))
    g.add((c, PROV.wasDerivedFrom, para))
    g.add((c, PROV.used, res))
    g.add((item, RDF.type, HL.AgendaItem))
    g.add((sitting, RDF.type, HL.Sitting))
    g.add((para, RDF.type, HL.Paragraph))
    g.add((res, RDF.type, HL.Resolution))  # and nothing else: not hl:Document in the data
    g.add((res, RDFS.label, Literal("General Assembly resolution 71/211", lang="en")))
    return g, c


def test_shape_requiring_a_document_accepts_a_resolution_through_the_ontology():
    from honlea_kg.validate import load_ontology, load_shapes, validate_graph

    g, c = consideration_using_a_resolution()
    assert (URIRef(B + "resolution/ga/71-211"), RDF.type, HL.Document) not in g
    shapes = load_shapes()
    with_ontology = validate_graph(g, shapes, load_ontology())
    used = str(PROV.used)
    assert not [f for f in with_ontology.findings if f.focus == str(c) and f.path == used]
    without = validate_graph(g, shapes, Graph())
    assert [f for f in without.findings if f.focus == str(c) and f.path == used]


def test_paragraph_is_a_text_unit_through_the_ontology():
    from honlea_kg.validate import load_ontology, load_shapes, validate_graph

    g, c = consideration_using_a_resolution()
    outcome = validate_graph(g, load_shapes(), load_ontology())
    assert not [f for f in outcome.findings if f.focus == str(c) and f.path == str(PROV.wasDerivedFrom)]
