"""A small build folder made with rdflib for the store/remote tests.

Two report graphs shaped like honlea-kg's (meeting, report, paragraphs, sub-paragraphs, a country
shared by both), with the term kinds stores get wrong: language-tagged literals (mixed-case
tags), ``xsd:date``, ``xsd:integer``, an explicit ``xsd:string``, a long literal (20 000
characters), quotes/backslashes/newlines, non-Latin and non-BMP characters, blank nodes, and long
IRIs holding ``/``, ``(`` and ``)``.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import BNode, Dataset, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, XSD

BASE = "https://w3id.org/honlea-kg/"
HK = Namespace(BASE + "ontology#")


def graph_iri(series: str, number: int, base: str = BASE) -> str:
    """IRI of a report graph, as honlea-kg's IRI policy names it."""
    return f"{base}series/{series}/{number}/report/graph"


def report_graphs(version: int = 1, base: str = BASE) -> dict[str, list[tuple]]:
    """The triples of each report graph, by graph IRI (IRIs start with ``base``, so two test
    modules can use separate graphs in one store).  ``version`` 2 rewrites paragraph 1 of each
    graph and adds a comment to it, to tell a reload's new content from the old."""
    graphs: dict[str, list[tuple]] = {}
    country = URIRef(f"{base}country/AUT")
    long_text = " ".join(f"word{i} trafficking" for i in range(1, 1300))  # ~20 000 characters
    for series, number, date, lang in (("honlea-europe", 12, "2017-06-27", "en-GB"),
                                       ("honlea-africa", 28, "2018-09-17", "fr")):
        meeting = URIRef(f"{base}series/{series}/{number}")
        report = URIRef(f"{base}series/{series}/{number}/report")
        triples = [
            (meeting, RDF.type, HK.Meeting),
            (meeting, RDFS.label, Literal(f"Meeting {number} of {series}", lang="en")),
            (meeting, RDFS.label, Literal(f"Réunion {number}", lang="fr")),
            (meeting, DCTERMS.date, Literal(date, datatype=XSD.date)),
            (meeting, HK.ordinal, Literal(number, datatype=XSD.integer)),
            (meeting, HK.attendedBy, country),
            (country, RDFS.label, Literal("Austria", lang="en")),
            (country, RDFS.label, Literal("Австрия", lang="ru")),
            (report, RDF.type, HK.Report),
            (report, DCTERMS.identifier, Literal(f"UNODC/HONLEA/{number}/5", datatype=XSD.string)),
            (report, HK.reportOf, meeting),
            (report, HK.longText, Literal(long_text, lang=lang)),
            (report, RDFS.comment, Literal('He said "no"\\ then\nleft; tab\there 😀', lang=lang)),
        ]
        for p in range(1, 6):
            para = URIRef(f"{report}/chapter/II/paragraph/{p}")
            triples += [
                (para, RDF.type, HK.Paragraph),
                (para, HK.number, Literal(p)),
                (para, HK.partOf, report),
                (para, HK.text, Literal(f"Paragraph {p} of meeting {number}.", lang=lang)),
            ]
            for letter in "ab":
                sub = URIRef(f"{para}/subparagraph/({letter})")
                triples += [(sub, HK.partOf, para), (sub, HK.letter, Literal(f"({letter})"))]
        selector = BNode()
        triples += [
            (report, HK.selector, selector),
            (selector, RDF.type, HK.TextPositionSelector),
            (selector, HK.start, Literal(10)),
            (selector, HK.end, Literal(42)),
        ]
        if version == 2:
            para = URIRef(f"{report}/chapter/II/paragraph/1")
            triples = [t for t in triples if not (t[0] == para and t[1] == HK.text)]
            triples += [(para, HK.text, Literal(f"Paragraph 1 of meeting {number}, version 2.", lang=lang)),
                        (para, RDFS.comment, Literal("added in version 2"))]
        graphs[graph_iri(series, number, base)] = triples
    return graphs


def write_build(folder: Path, version: int = 1, base: str = BASE) -> Path:
    """Write ``dataset.trig``, ``dataset.ttl`` and ``dataset.nt`` into ``folder``; return it."""
    folder.mkdir(parents=True, exist_ok=True)
    ds = Dataset()
    for iri, triples in report_graphs(version, base).items():
        g = ds.graph(URIRef(iri))
        for t in triples:
            g.add(t)
    ds.serialize(destination=folder / "dataset.trig", format="trig")
    union = Dataset(default_union=True)
    union.parse(folder / "dataset.trig", format="trig")
    from rdflib import Graph

    merged = Graph()
    for t in union.triples((None, None, None)):
        merged.add(t)
    merged.serialize(destination=folder / "dataset.ttl", format="turtle")
    merged.serialize(destination=folder / "dataset.nt", format="nt", encoding="utf-8")
    return folder
