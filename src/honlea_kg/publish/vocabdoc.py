"""Documentation of our vocabulary (``ontology/*.ttl``), published at ``ns/`` of every site.

In the manner of pyLODE's pages: the ontology's title, version and licence; for each class its
label, IRI, definition, superclasses and the number of its instances in this dataset (linked to
its list under ``browse/``); for each property its domain, range, super-properties and how many
statements use it.  Every ``hl:`` term has an anchor ``ns/#Term``, so the site links every term
to its definition whatever the base IRI; with the default base the page is the namespace's own
document (the term IRIs dereference to it), with another base it is a copy and names the
vocabulary's real home.  The ontology itself is copied as ``ns/index.ttl``.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS

from .. import __version__
from ..iris import ONTOLOGY, VOCAB
from ..vocab import HL
from .pages import _curie


def write_vocabulary_docs(out: Path, ontology: Graph, env, iris, index=None, lab=None,
                          browse: dict[str, str] | None = None) -> int:
    """Write ``ns/index.html`` and ``ns/index.ttl`` into ``out``; return the number of pages (1).

    ``index`` (the build's :class:`~.graphindex.GraphIndex`) gives the instance and usage
    counts; ``lab`` (its :class:`~.labels.Labeller`) the labels of the standard terms a domain
    or range names; ``browse`` maps a class IRI to its list under ``browse/`` (relative to the
    site's root)."""
    folder = out / "ns"
    folder.mkdir(parents=True, exist_ok=True)
    counts = index.type_counts() if index is not None else {}
    used = dict(index.predicate_counts) if index is not None else {}

    def term_ref(node) -> dict:
        iri = str(node)
        if iri.startswith(str(HL)):
            return {"href": "#" + iri[len(str(HL)):], "text": _curie(iri), "title": iri}
        label = lab.term(iri)["text"] if lab is not None else _curie(iri)
        return {"href": iri, "text": _curie(iri), "title": f"{label} ({iri})"}

    groups = []
    for title, kinds, gid in (("Classes", (OWL.Class, RDFS.Class), "classes"),
                              ("Properties", (OWL.ObjectProperty, OWL.DatatypeProperty, RDF.Property,
                                              OWL.AnnotationProperty), "properties")):
        terms = set()
        for kind in kinds:
            terms |= {s for s in ontology.subjects(RDF.type, kind) if isinstance(s, URIRef) and str(s).startswith(str(HL))}
        rows = []
        for term in sorted(terms):
            iri = str(term)
            parents = [term_ref(p) for p in sorted(list(ontology.objects(term, RDFS.subClassOf))
                                                   + list(ontology.objects(term, RDFS.subPropertyOf)))
                       if isinstance(p, URIRef)]
            row = {"local": iri[len(str(HL)):], "iri": iri, "label": str(ontology.value(term, RDFS.label) or ""),
                   "comment": str(ontology.value(term, RDFS.comment) or ""), "parents": parents,
                   "domain": [term_ref(d) for d in sorted(ontology.objects(term, RDFS.domain)) if isinstance(d, URIRef)],
                   "range": [term_ref(r) for r in sorted(ontology.objects(term, RDFS.range)) if isinstance(r, URIRef)],
                   "inverse": [term_ref(r) for r in sorted(ontology.objects(term, OWL.inverseOf)) if isinstance(r, URIRef)]}
            if gid == "classes":
                row["count"] = counts.get(iri, 0)
                row["browse"] = "../" + browse[iri] if browse and iri in browse else None
            else:
                row["count"] = used.get(iri, 0)
            rows.append(row)
        groups.append({"title": title, "terms": rows, "id": gid})
    onto = URIRef(ONTOLOGY)
    version = str(ontology.value(onto, OWL.versionInfo) or "")
    html = env.get_template("vocab.html").render(
        root="../", version=__version__, site="HONLEA knowledge graph", ns=VOCAB, home=ONTOLOGY,
        copy=not VOCAB.startswith(iris.base),
        title=str(ontology.value(onto, DCTERMS.title) or "HONLEA knowledge graph vocabulary"),
        description=str(ontology.value(onto, DCTERMS.description) or ""), ontology_version=version,
        version_iri=str(ontology.value(onto, OWL.versionIRI) or ""), licence=str(ontology.value(onto, DCTERMS.license) or ""),
        groups=groups, crumbs=[{"text": "Home", "href": "../"}],
        meta_description="The HONLEA knowledge graph vocabulary: its classes and properties, with their domains, "
                         "ranges and use in this dataset.")
    (folder / "index.html").write_text(html, encoding="utf-8")
    from .dumps import turtle_bytes
    import pyoxigraph as ox

    triples = ox.parse(ontology.serialize(format="nt").encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    (folder / "index.ttl").write_bytes(turtle_bytes(list(triples)))
    return 1
