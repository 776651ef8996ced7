"""Documentation of our vocabulary (``ontology/*.ttl``) published at the namespace IRI.

Every ``hl:`` term gets an anchor ``ns/#Term``, so the term IRIs used in the data dereference
to their definition; the ontology itself is copied as ``ns/index.ttl``.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from .. import __version__
from ..vocab import HL
from .pages import _curie


def write_vocabulary_docs(out: Path, ontology: Graph, env, iris) -> int:
    """Write ``ns/index.html`` and ``ns/index.ttl`` when the namespace is under the data base.

    Returns the number of pages written (0 when the vocabulary lives elsewhere).
    """
    rel = iris.file_of(str(HL))
    if rel is None:
        return 0
    folder = out / Path(rel).parent
    folder.mkdir(parents=True, exist_ok=True)
    groups = []
    for title, kinds, gid in (("Classes", (OWL.Class, RDFS.Class), "classes"),
                              ("Properties", (OWL.ObjectProperty, OWL.DatatypeProperty, RDF.Property,
                                              OWL.AnnotationProperty), "properties")):
        terms = set()
        for kind in kinds:
            terms |= {s for s in ontology.subjects(RDF.type, kind) if isinstance(s, URIRef) and str(s).startswith(str(HL))}
        rows = []
        for term in sorted(terms):
            parents = sorted(_curie(str(p)) for p in list(ontology.objects(term, RDFS.subClassOf))
                             + list(ontology.objects(term, RDFS.subPropertyOf)) if isinstance(p, URIRef))
            rows.append({"local": str(term)[len(str(HL)):], "label": str(ontology.value(term, RDFS.label) or ""),
                         "comment": str(ontology.value(term, RDFS.comment) or ""), "parents": parents})
        groups.append({"title": title, "terms": rows, "id": gid})
    depth = rel.count("/")
    html = env.get_template("vocab.html").render(root="../" * depth, version=__version__, ns=str(HL),
                                                 title="HONLEA knowledge graph vocabulary", groups=groups)
    (folder / "index.html").write_text(html, encoding="utf-8")
    from .dumps import turtle_bytes
    import pyoxigraph as ox

    triples = ox.parse(ontology.serialize(format="nt").encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    (folder / "index.ttl").write_bytes(turtle_bytes(list(triples)))
    return 1
