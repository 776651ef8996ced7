"""The vocabulary's documentation page: ``ns/index.html`` (one anchor per term) and ``ns/index.ttl``.

The ontology IRI is ``https://w3id.org/honlea-kg/ns`` and its terms are ``…/ns#Term``, so the
page at ``ns/`` with an anchor ``#Term`` per term is what every term IRI dereferences to (W3C
"Best Practice Recipes for Publishing RDF Vocabularies", recipe 3: hash namespace).  pyLODE
3.4.1 was tried and does not start once installed (it opens ``pyproject.toml`` in
``site-packages``), so this small generator, with HTML escaping by :func:`html.escape`, is used
instead.
"""

from __future__ import annotations

import html
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS

from ..config import ONTOLOGY_DIR
from ..iris import ONTOLOGY, VOCAB
from ..vocab import PREFIXES

VANN = "http://purl.org/vocab/vann/"


def _curie(iri) -> str:
    text = str(iri)
    for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(str(kv[1]))):
        if text.startswith(str(ns)) and len(text) > len(str(ns)):
            return f"{prefix}:{text[len(str(ns)):]}"
    return text


def _link(iri) -> str:
    text = str(iri)
    if text.startswith(VOCAB):
        local = text[len(VOCAB):]
        return f'<a href="#{html.escape(local)}"><code>hl:{html.escape(local)}</code></a>'
    return f'<a href="{html.escape(text)}"><code>{html.escape(_curie(text))}</code></a>'


def _value(g: Graph, node, prop) -> str:
    values = sorted(g.objects(node, prop), key=str)
    english = [v for v in values if getattr(v, "language", None) in ("en", None)]
    return str((english or values or [""])[0])


def _terms(g: Graph, kinds) -> list[URIRef]:
    found = {s for k in kinds for s in g.subjects(RDF.type, k) if str(s).startswith(VOCAB)}
    return sorted(found, key=lambda t: str(t).lower())


def render_html(g: Graph) -> str:
    """The documentation page of the ontology graph ``g`` as an HTML string."""
    onto = URIRef(ONTOLOGY)
    title = _value(g, onto, DCTERMS.title) or "Vocabulary"
    version = _value(g, onto, OWL.versionInfo)
    parts = [
        "<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
        f"<title>{html.escape(title)}</title>",
        '<link rel="alternate" type="text/turtle" href="index.ttl">',
        "<style>body{font-family:sans-serif;max-width:60em;margin:auto;padding:1em;line-height:1.4}"
        "section.term{border-top:1px solid #ccc;padding:.5em 0}dt{font-weight:bold}code{font-size:95%}</style>",
        "</head>", "<body>",
        f"<h1>{html.escape(title)}</h1>",
        "<dl>",
        f"<dt>IRI</dt><dd><code>{html.escape(ONTOLOGY)}</code></dd>",
        f"<dt>Version</dt><dd>{html.escape(version)} "
        f"(<code>{html.escape(_value(g, onto, OWL.versionIRI))}</code>)</dd>",
        f"<dt>Preferred prefix</dt><dd><code>{html.escape(_value(g, onto, URIRef(VANN + 'preferredNamespacePrefix')))}"
        f"</code> = <code>{html.escape(VOCAB)}</code></dd>",
        f"<dt>Licence</dt><dd>{_link(_value(g, onto, DCTERMS.license))}</dd>",
        '<dt>Turtle</dt><dd><a href="index.ttl">index.ttl</a></dd>',
        "</dl>",
        f"<p>{html.escape(_value(g, onto, DCTERMS.description))}</p>",
    ]
    sections = (
        ("Classes", (OWL.Class, RDFS.Class), ((RDFS.subClassOf, "Subclass of"),)),
        ("Object properties", (OWL.ObjectProperty,), ((RDFS.subPropertyOf, "Subproperty of"),
                                                      (RDFS.domain, "Domain"), (RDFS.range, "Range"),
                                                      (OWL.inverseOf, "Inverse of"))),
        ("Datatype properties", (OWL.DatatypeProperty,), ((RDFS.subPropertyOf, "Subproperty of"),
                                                          (RDFS.domain, "Domain"), (RDFS.range, "Range"))),
    )
    parts.append("<nav><ul>")
    for heading, kinds, _ in sections:
        links = ", ".join(_link(t) for t in _terms(g, kinds))
        parts.append(f"<li>{html.escape(heading)}: {links}</li>")
    parts.append("</ul></nav>")
    for heading, kinds, props in sections:
        parts.append(f"<h2>{html.escape(heading)}</h2>")
        for term in _terms(g, kinds):
            local = str(term)[len(VOCAB):]
            parts.append(f'<section class="term" id="{html.escape(local)}">')
            parts.append(f"<h3>{html.escape(_value(g, term, RDFS.label))} <code>hl:{html.escape(local)}</code></h3>")
            parts.append(f"<p>{html.escape(_value(g, term, RDFS.comment))}</p><dl>")
            parts.append(f"<dt>IRI</dt><dd><code>{html.escape(str(term))}</code></dd>")
            for prop, label in props:
                values = sorted(g.objects(term, prop), key=str)
                if values:
                    parts.append(f"<dt>{label}</dt><dd>{', '.join(_link(v) for v in values)}</dd>")
            if heading == "Classes":
                subs = sorted(s for s in g.subjects(RDFS.subClassOf, term) if str(s).startswith(VOCAB))
                if subs:
                    parts.append(f"<dt>Subclasses</dt><dd>{', '.join(_link(s) for s in subs)}</dd>")
            parts.append("</dl></section>")
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)


def write_ontology_docs(out_dir: Path, ontology_file: Path | None = None) -> list[Path]:
    """Write ``OUT/ns/index.html`` and ``OUT/ns/index.ttl`` (the ontology as Turtle); return both
    paths.  The output depends only on the ontology file, so rebuilds are byte-identical.

    :raises FileNotFoundError: if the ontology file is missing.
    """
    source = Path(ontology_file) if ontology_file else ONTOLOGY_DIR / "honlea.ttl"
    g = Graph().parse(source, format="turtle")
    folder = Path(out_dir) / "ns"
    folder.mkdir(parents=True, exist_ok=True)
    page = folder / "index.html"
    page.write_text(render_html(g), encoding="utf-8")
    ttl = folder / "index.ttl"
    ttl.write_bytes(source.read_bytes())
    return [page, ttl]
