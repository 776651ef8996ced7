"""Namespaces of the vocabularies the graph uses, in one place.

Our own terms are in :data:`HL` (``https://w3id.org/honlea-kg/ns#``, see ``ontology/honlea.ttl``);
everything else is reused from the standards named in ``ontology/honlea.ttl``'s alignments.
"""

from rdflib import Namespace
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SKOS, XSD

from .iris import VOCAB

HL = Namespace(VOCAB)
SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
OA = Namespace("http://www.w3.org/ns/oa#")
FABIO = Namespace("http://purl.org/spar/fabio/")
CITO = Namespace("http://purl.org/spar/cito/")
DOCO = Namespace("http://purl.org/spar/doco/")
UNDO = Namespace("https://w3id.org/un/ontology/undo/")
OPENGOV = Namespace("http://www.w3.org/ns/opengov#")
WD = Namespace("http://www.wikidata.org/entity/")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
VOID = Namespace("http://rdfs.org/ns/void#")
SPDX = Namespace("http://spdx.org/rdf/terms#")
TIME = Namespace("http://www.w3.org/2006/time#")

PREFIXES = {
    "hl": HL, "schema": SCHEMA, "org": ORG, "oa": OA, "fabio": FABIO, "cito": CITO, "doco": DOCO,
    "undo": UNDO, "opengov": OPENGOV, "wd": WD, "dcat": DCAT, "void": VOID, "spdx": SPDX,
    "dct": DCTERMS, "foaf": FOAF, "owl": OWL, "prov": PROV, "rdf": RDF, "rdfs": RDFS, "skos": SKOS,
    "xsd": XSD, "time": TIME,
}


def bind_prefixes(graph) -> None:
    """Bind every prefix of :data:`PREFIXES` on an rdflib graph or dataset (replacing defaults)."""
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True, replace=True)
