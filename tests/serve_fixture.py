"""A tiny build folder in the layout of ``honlea_kg.iris`` for the serve / server-config tests.

The graph is made with rdflib and each entity's files are serialised from the same subgraph
(its own triples plus the triples pointing at it), so the three RDF files of an entity are
isomorphic and its HTML page embeds the same triples as JSON-LD.
"""

from __future__ import annotations

import gzip
import html
import json
from pathlib import Path

from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS

from honlea_kg.iris import IriPolicy

BASE = "https://example.org/honlea/"
SCHEMA = Namespace("https://schema.org/")
HL = Namespace("https://w3id.org/honlea-kg/ns#")
VOID = Namespace("http://rdfs.org/ns/void#")


def fixture_graph(policy: IriPolicy) -> Graph:
    g = Graph()
    meeting = URIRef(policy.meeting("HONEURO", 12))
    report = URIRef(policy.report("HONEURO", 12))
    para = URIRef(policy.paragraph("HONEURO", 12, 36))
    nld = URIRef(policy.state("NLD"))
    add3 = URIRef(policy.document("UNODC/HONEURO/12/L.1/Add.3"))
    crp2 = URIRef(policy.document("UNODC/HONEURO/12/CRP.2"))
    pv = URIRef(policy.document("S/PV.7834 (Resumption 1)"))
    g.add((meeting, RDF.type, SCHEMA.Event))
    g.add((meeting, RDFS.label, Literal("Twelfth Meeting of HONLEA, Europe", lang="en")))
    g.add((meeting, SCHEMA.attendee, nld))
    g.add((report, RDF.type, HL.Report))
    g.add((report, RDFS.label, Literal("Report of the twelfth meeting", lang="en")))
    g.add((report, DCTERMS.subject, meeting))
    g.add((para, RDF.type, HL.Paragraph))
    g.add((para, DCTERMS.isPartOf, report))
    g.add((para, RDF.value, Literal("The Meeting adopted the report …", lang="en")))
    g.add((nld, RDF.type, SCHEMA.Country))
    g.add((nld, RDFS.label, Literal("Netherlands (Kingdom of the)", lang="en")))
    g.add((nld, RDFS.label, Literal("Pays-Bas (Royaume des)", lang="fr")))
    for doc, label in ((add3, "UNODC/HONEURO/12/L.1/Add.3"), (crp2, "UNODC/HONEURO/12/CRP.2"),
                       (pv, "S/PV.7834 (Resumption 1)")):
        g.add((doc, RDF.type, SCHEMA.CreativeWork))
        g.add((doc, SCHEMA.identifier, Literal(label)))
        g.add((meeting, DCTERMS.references, doc))
    return g


def describe(g: Graph, subject: URIRef) -> Graph:
    """The entity's document: triples with ``subject`` (or a fragment of it) as subject or object."""
    out = Graph()
    for prefix, ns in (("schema", SCHEMA), ("hl", HL), ("dcterms", DCTERMS)):
        out.bind(prefix, ns)
    doc = str(subject)
    for s, p, o in g:
        if str(s) == doc or str(s).startswith(doc + "#") or o == subject:
            out.add((s, p, o))
    return out


def page(policy: IriPolicy, iri: str, sub: Graph, extra_body: str = "") -> str:
    jsonld = sub.serialize(format="json-ld")
    label = next((str(o) for o in sub.objects(URIRef(iri), RDFS.label)), iri)
    alt = "".join(
        f'<link rel="alternate" type="{mt}" href="{html.escape(policy.href(iri, iri, ext))}">\n'
        for mt, ext in (("text/turtle", "ttl"), ("application/ld+json", "jsonld"),
                        ("application/n-triples", "nt")))
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{html.escape(label)}</title>\n{alt}"
            f'<script type="application/ld+json">{jsonld}</script>\n</head>\n'
            f"<body><h1>{html.escape(label)}</h1>\n{extra_body}</body>\n</html>\n")


def make_build(root: Path, base: str = BASE) -> dict[str, str]:
    """Write the fixture build into ``root``; return ``{name: IRI}`` of its entities."""
    policy = IriPolicy(base)
    g = fixture_graph(policy)
    entities = {
        "meeting": policy.meeting("HONEURO", 12),
        "report": policy.report("HONEURO", 12),
        "state": policy.state("NLD"),
        "add3": policy.document("UNODC/HONEURO/12/L.1/Add.3"),
        "crp2": policy.document("UNODC/HONEURO/12/CRP.2"),
        "pv": policy.document("S/PV.7834 (Resumption 1)"),
        "para": policy.paragraph("HONEURO", 12, 36),
    }
    root.mkdir(parents=True, exist_ok=True)
    for name, iri in entities.items():
        if "#" in iri:
            continue
        sub = describe(g, URIRef(iri))
        extra = ""
        if name == "report":
            extra = '<p id="para_36">36. The Meeting adopted the report …</p>\n'
            # the report's normalised text, which the paragraphs' text selectors point into
            (root / policy.file_of(iri, "html")).parent.mkdir(parents=True, exist_ok=True)
            (root / policy.file_of(iri, "html")).parent.joinpath("source.txt").write_text(
                "36. The Meeting adopted the report …\n", encoding="utf-8")
        folder = root / policy.file_of(iri, "html")
        folder.parent.mkdir(parents=True, exist_ok=True)
        (root / policy.file_of(iri, "html")).write_text(page(policy, iri, sub, extra), encoding="utf-8")
        (root / policy.file_of(iri, "ttl")).write_text(sub.serialize(format="turtle"), encoding="utf-8")
        (root / policy.file_of(iri, "jsonld")).write_text(sub.serialize(format="json-ld"), encoding="utf-8")
        (root / policy.file_of(iri, "nt")).write_text(sub.serialize(format="nt"), encoding="utf-8")
    # the home page and the dumps
    (root / "index.html").write_text(page(policy, base, describe(g, URIRef(base))), encoding="utf-8")
    (root / "index.ttl").write_text(describe(g, URIRef(base)).serialize(format="turtle"), encoding="utf-8")
    (root / "dataset.ttl").write_text(g.serialize(format="turtle"), encoding="utf-8")
    nt = g.serialize(format="nt")
    (root / "dataset.nt").write_text(nt, encoding="utf-8")
    (root / "dataset.nt.gz").write_bytes(gzip.compress(nt.encode("utf-8"), mtime=0))
    (root / "dataset.jsonld").write_text(g.serialize(format="json-ld"), encoding="utf-8")
    ds = Dataset()
    graph = ds.graph(URIRef(policy.graph("HONEURO", 12)))
    for t in g:
        graph.add(t)
    (root / "dataset.trig").write_text(ds.serialize(format="trig"), encoding="utf-8")
    void = Graph()
    dataset = URIRef(base + "dataset")
    void.add((dataset, RDF.type, VOID.Dataset))
    void.add((dataset, VOID.uriSpace, Literal(base)))
    void.add((dataset, VOID.exampleResource, URIRef(entities["meeting"])))
    void.add((dataset, VOID.dataDump, URIRef(base + "dataset.nt.gz")))
    void.add((dataset, VOID.triples, Literal(len(g))))
    (root / "void.ttl").write_text(void.serialize(format="turtle"), encoding="utf-8")
    (root / "catalog.ttl").write_text(void.serialize(format="turtle"), encoding="utf-8")
    (root / "sitemap.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        + "".join(f"<url><loc>{html.escape(i)}</loc></url>" for i in entities.values() if "#" not in i)
        + "</urlset>\n", encoding="utf-8")
    (root / "SHA256SUMS").write_text("0" * 64 + "  dataset.nt.gz\n", encoding="utf-8")
    (root / "robots.txt").write_text(f"User-agent: *\nAllow: /\nSitemap: {base}sitemap.xml\n", encoding="utf-8")
    (root / "build-info.json").write_text(json.dumps({"base_iri": base, "triples": len(g)}), encoding="utf-8")
    (root / "404.html").write_text(
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Not found</title></head>'
        "<body><h1>Not found (honlea fixture)</h1></body></html>\n", encoding="utf-8")
    (root / "style.css").write_text("body { font-family: sans-serif; }\n", encoding="utf-8")
    (root / "search.js").write_text("export const x = 1;\n", encoding="utf-8")
    (root / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>\n', encoding="utf-8")
    wasm = root / "vendor" / "sparql" / "oxigraph" / "web_bg.wasm"
    wasm.parent.mkdir(parents=True)
    wasm.write_bytes(b"\0asm\x01\0\0\0")  # the smallest WebAssembly module: magic and version
    return entities
