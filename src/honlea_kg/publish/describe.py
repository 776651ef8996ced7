"""The dataset's description: VoID (W3C IG Note 2011), DCAT 3 (W3C REC 2024), sitemap, robots.

Byte sizes and checksums come from the files as written (:class:`~.dumps.FileInfo`), so the
description always matches the downloads.  Dates come from the reports, never from the clock,
so rebuilding the same input gives the same bytes.
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

import pyoxigraph as ox

from .. import __version__
from ..iris import IriPolicy
from .dumps import FileInfo, turtle_bytes, write_file

NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "void": "http://rdfs.org/ns/void#",
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "spdx": "http://spdx.org/rdf/terms#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "foaf": "http://xmlns.com/foaf/0.1/",
}
LICENSE = "https://creativecommons.org/licenses/by/4.0/"


def _n(prefix: str, local: str) -> ox.NamedNode:
    return ox.NamedNode(NS[prefix] + local)


def _lit(value, datatype: str | None = None, lang: str | None = None) -> ox.Literal:
    if lang:
        return ox.Literal(str(value), language=lang)
    if datatype:
        return ox.Literal(str(value), datatype=_n("xsd", datatype))
    return ox.Literal(str(value))


def description_triples(iris: IriPolicy, files: list[FileInfo], triples: int, entities: int,
                        examples: list[str], vocabularies: list[str], modified: str | None, dataset=None) -> list:
    """VoID and DCAT triples describing the dataset and its distributions.  ``dataset`` (a
    :class:`~.cite.DatasetInfo`) gives the title, publisher and version the build options
    chose (default: the defaults of those options)."""
    base = iris.base
    ds = ox.NamedNode(base + "dataset")
    cat = ox.NamedNode(base + "catalog")
    t = ox.Triple
    out = [
        t(ds, _n("rdf", "type"), _n("void", "Dataset")),
        t(ds, _n("rdf", "type"), _n("dcat", "Dataset")),
        t(ds, _n("dct", "title"), _lit(dataset.title if dataset else "HONLEA knowledge graph", lang="en")),
        t(ds, _n("dct", "description"), _lit(
            "Meetings, agenda items, sittings, working-group findings and recommendations, States, "
            "officers, persons, UN documents and cited resolutions extracted from the reports of the UN "
            "Meetings of Heads of National Drug Law Enforcement Agencies (HONLEA).", lang="en")),
        t(ds, _n("dct", "license"), ox.NamedNode(LICENSE)),
        t(ds, _n("void", "uriSpace"), _lit(base)),
        t(ds, _n("void", "triples"), _lit(triples, "integer")),
        t(ds, _n("void", "entities"), _lit(entities, "integer")),
        t(ds, _n("dcat", "version"), _lit(dataset.version if dataset and dataset.version else __version__)),
        t(ds, _n("void", "feature"), ox.NamedNode("http://www.w3.org/ns/formats/Turtle")),
        t(cat, _n("rdf", "type"), _n("dcat", "Catalog")),
        t(cat, _n("dct", "title"), _lit("HONLEA knowledge graph catalogue", lang="en")),
        t(cat, _n("dcat", "dataset"), ds),
    ]
    if dataset is not None:
        out.append(t(ds, _n("dct", "publisher"), _lit(dataset.publisher)))
        if dataset.date:
            out.append(t(ds, _n("dct", "issued"), _lit(dataset.date, "date")))
    if modified:
        out.append(t(ds, _n("dct", "modified"), _lit(modified, "date")))
    for ex in examples:
        out.append(t(ds, _n("void", "exampleResource"), ox.NamedNode(ex)))
    for vocab in vocabularies:
        out.append(t(ds, _n("void", "vocabulary"), ox.NamedNode(vocab)))
    for f in files:
        url = ox.NamedNode(base + f.name)
        dist = ox.NamedNode(base + f.name + "#distribution")
        checksum = ox.NamedNode(base + f.name + "#sha256")
        if f.name.startswith("dataset."):
            out.append(t(ds, _n("void", "dataDump"), url))
        out += [
            t(ds, _n("dcat", "distribution"), dist),
            t(dist, _n("rdf", "type"), _n("dcat", "Distribution")),
            t(dist, _n("dcat", "downloadURL"), url),
            t(dist, _n("dcat", "mediaType"), ox.NamedNode("https://www.iana.org/assignments/media-types/" + f.media_type)),
            t(dist, _n("dcat", "byteSize"), _lit(f.size, "nonNegativeInteger")),
            t(dist, _n("spdx", "checksum"), checksum),
            t(checksum, _n("rdf", "type"), _n("spdx", "Checksum")),
            t(checksum, _n("spdx", "algorithm"), _n("spdx", "checksumAlgorithm_sha256")),
            t(checksum, _n("spdx", "checksumValue"), _lit(f.sha256, "hexBinary")),
        ]
    return out


def write_description(out: Path, iris: IriPolicy, files: list[FileInfo], triples: int, entities: int,
                      examples: list[str], vocabularies: list[str], modified: str | None,
                      dataset=None) -> list[FileInfo]:
    """Write ``void.ttl`` (also as ``.well-known/void``) and ``catalog.ttl``."""
    desc = description_triples(iris, files, triples, entities, examples, vocabularies, modified, dataset)
    data = turtle_bytes(desc, prefixes=NS)
    written = [write_file(out, "void.ttl", data, "text/turtle"),
               write_file(out, ".well-known/void", data, "text/turtle"),
               write_file(out, "catalog.ttl", data, "text/turtle")]
    return written


def write_sitemap(out: Path, iris: IriPolicy, pages: list[tuple[str, str | None]]) -> None:
    """Write ``sitemap.xml`` (sitemaps.org protocol 0.9) listing every entity page with its
    ``lastmod`` (the date of the report it comes from), and ``robots.txt`` pointing to it.

    ``pages`` is a list of (entity IRI, ISO date or None).  Above 50,000 URLs the protocol
    requires a sitemap index; files ``sitemap-N.xml`` are then written and indexed.
    """
    entries = sorted(pages)
    chunks = [entries[i:i + 50000] for i in range(0, len(entries), 50000)] or [[]]

    def urlset(rows) -> str:
        lines = ['<?xml version="1.0" encoding="UTF-8"?>',
                 '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
        for iri, day in rows:
            loc = escape(iri if iri == iris.base else iri + "/")
            lastmod = f"<lastmod>{day}</lastmod>" if day else ""
            lines.append(f"<url><loc>{loc}</loc>{lastmod}</url>")
        lines.append("</urlset>")
        return "\n".join(lines) + "\n"

    if len(chunks) == 1:
        (out / "sitemap.xml").write_text(urlset(chunks[0]), encoding="utf-8")
    else:
        index = ['<?xml version="1.0" encoding="UTF-8"?>',
                 '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
        for n, rows in enumerate(chunks, start=1):
            (out / f"sitemap-{n}.xml").write_text(urlset(rows), encoding="utf-8")
            index.append(f"<sitemap><loc>{escape(iris.base)}sitemap-{n}.xml</loc></sitemap>")
        index.append("</sitemapindex>")
        (out / "sitemap.xml").write_text("\n".join(index) + "\n", encoding="utf-8")
    (out / "robots.txt").write_text(f"User-agent: *\nAllow: /\nSitemap: {iris.base}sitemap.xml\n", encoding="utf-8")
