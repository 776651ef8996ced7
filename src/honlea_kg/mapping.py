"""Map one report's :class:`~honlea_kg.facts.ReportFacts` to RDF (one named graph per report).

The mapping knows nothing of text layout: it reads facts and the segmented document's
paragraphs and writes triples with the vocabularies of :mod:`honlea_kg.vocab`, minting every IRI
through :class:`~honlea_kg.iris.IriPolicy`.  Literals pass through
:func:`~honlea_kg.normalize.clean_literal` so no control character reaches the graph, and plain
strings are written as ``xsd:string``-free simple literals (RDF 1.1: the same term), so a value
produced twice is one triple.
"""

from __future__ import annotations

from datetime import date

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, XSD

from .facts import SERIES, ReportFacts
from .iris import IriPolicy
from .model import Paragraph, Span
from .normalize import clean_literal
from .vocab import DOCO, FABIO, HL, OA, SCHEMA, UNDO, bind_prefixes

EN = "en"


def text(value: str, lang: str | None = EN) -> Literal:
    """A cleaned text literal, language-tagged (``@en``) unless ``lang`` is ``None``."""
    return Literal(clean_literal(value), lang=lang) if lang else Literal(clean_literal(value))


def xsd_date(value: date) -> Literal:
    """An ``xsd:date`` literal with the ISO 8601 lexical form ``YYYY-MM-DD``."""
    return Literal(value.isoformat(), datatype=XSD.date)


def integer(value: int) -> Literal:
    """An ``xsd:integer`` literal."""
    return Literal(int(value), datatype=XSD.integer)


class ReportMapper:
    """Writes the triples of one report into ``graph``.

    ``graph`` is an rdflib :class:`Graph` (the report's named graph); the caller decides where it
    goes.  Call :meth:`map` once.
    """

    def __init__(self, facts: ReportFacts, iris: IriPolicy, graph: Graph | None = None):
        self.facts = facts
        self.iris = iris
        self.g = graph if graph is not None else Graph()
        bind_prefixes(self.g)
        ref = facts.meeting.ref
        self.series_code, self.ordinal = ref.series, ref.ordinal
        self.meeting = URIRef(iris.meeting(ref.series, ref.ordinal))
        self.report = URIRef(iris.report(ref.series, ref.ordinal))

    def add(self, s, p, o) -> None:
        if o is not None:
            self.g.add((s, p, o))

    def map(self) -> Graph:
        """Map every fact; return the graph."""
        self.map_meeting()
        self.map_report()
        self.map_structure()
        return self.g

    # --- meeting and series -------------------------------------------------------------
    def map_series(self, code: str) -> URIRef:
        series = URIRef(self.iris.series(code))
        slug, name = SERIES.get(code, (code.lower(), code))
        self.add(series, RDF.type, HL.MeetingSeries)
        self.add(series, RDF.type, SCHEMA.EventSeries)
        self.add(series, RDFS.label, text(name))
        self.add(series, HL.seriesCode, Literal(code))
        return series

    def meeting_node(self, ref) -> URIRef:
        """Type and identify a meeting of a series (this report's or one it refers to)."""
        node = URIRef(self.iris.meeting(ref.series, ref.ordinal))
        series = self.map_series(ref.series)
        self.add(node, RDF.type, HL.Meeting)
        self.add(node, RDF.type, SCHEMA.Event)
        self.add(node, SCHEMA.superEvent, series)
        self.add(node, HL.ordinal, integer(ref.ordinal))
        self.add(node, HL.meetingCode, Literal(ref.key))
        return node

    def map_meeting(self) -> None:
        m = self.facts.meeting
        node = self.meeting_node(m.ref)
        from .extract.ordinals import ordinal_word
        label = f"{ordinal_word(m.ref.ordinal)} {SERIES.get(m.ref.series, ('', m.ref.series))[1]}"
        self.add(node, RDFS.label, text(label))
        if m.start:
            self.add(node, SCHEMA.startDate, xsd_date(m.start))
        if m.end:
            self.add(node, SCHEMA.endDate, xsd_date(m.end))
        if m.city:
            place = URIRef(self.iris.place(m.city))
            self.add(place, RDF.type, SCHEMA.Place)
            self.add(place, RDFS.label, text(m.city))
            self.add(node, SCHEMA.location, place)

    # --- the report and its text --------------------------------------------------------
    def map_report(self) -> None:
        m, doc = self.facts.meeting, self.facts.document
        r = self.report
        self.add(r, RDF.type, HL.Report)
        self.add(r, RDF.type, UNDO.MeetingReport)
        self.add(r, RDF.type, FABIO.ReportDocument)
        self.add(r, HL.reportOf, self.meeting)
        self.add(r, DCTERMS.language, Literal("en"))
        if doc.title:
            self.add(r, DCTERMS.title, text(doc.title))
            self.add(r, RDFS.label, text(doc.title))
        if m.issued:
            self.add(r, DCTERMS.issued, xsd_date(m.issued))
        self.add(r, HL.sourceFileName, Literal(doc.source.path.name))
        self.add(r, HL.sourceSha256, Literal(doc.source.original_sha256))
        self.add(r, HL.textSha256, Literal(doc.source.text_sha256))

    def fragment(self, name: str) -> URIRef:
        return URIRef(f"{self.report}#{name}")

    def selectors(self, node: URIRef, spans: list[Span]) -> None:
        """Web Annotation selectors for each contiguous span of ``node``'s text (W3C Web
        Annotation Data Model, 4.2.4 TextQuoteSelector and 4.2.5 TextPositionSelector; positions
        in code points of the normalised text, end exclusive)."""
        source_text = self.facts.document.source.text
        for i, span in enumerate(spans):
            pos = URIRef(f"{node}-pos{i + 1}")
            self.add(node, OA.hasSelector, pos)
            self.add(pos, RDF.type, OA.TextPositionSelector)
            self.add(pos, OA.start, Literal(span.start, datatype=XSD.nonNegativeInteger))
            self.add(pos, OA.end, Literal(span.end, datatype=XSD.nonNegativeInteger))
            quote = URIRef(f"{node}-quote{i + 1}")
            self.add(node, OA.hasSelector, quote)
            self.add(quote, RDF.type, OA.TextQuoteSelector)
            self.add(quote, OA.exact, Literal(source_text[span.start:span.end]))

    def map_structure(self) -> None:
        doc = self.facts.document
        for ch in doc.chapters:
            node = self.fragment(f"chapter_{ch.roman}")
            self.add(node, RDF.type, HL.Chapter)
            self.add(node, HL.number, Literal(ch.roman))
            self.add(node, SCHEMA.position, integer(ch.number))
            self.add(node, DCTERMS.title, text(ch.title))
            self.add(node, RDFS.label, text(f"{ch.roman}. {ch.title}"))
            self.add(node, DCTERMS.isPartOf, self.report)
        for p in doc.paragraphs:
            self.map_paragraph(p)

    def map_paragraph(self, p: Paragraph) -> None:
        node = URIRef(self.iris.paragraph(self.series_code, self.ordinal, p.number))
        self.add(node, RDF.type, HL.Paragraph)
        self.add(node, RDF.type, DOCO.Paragraph)
        self.add(node, HL.number, integer(p.number))
        self.add(node, RDFS.label, Literal(f"Paragraph {p.number}", lang=EN))
        self.add(node, HL.inReport, self.report)
        if p.chapter:
            self.add(node, DCTERMS.isPartOf, self.fragment(f"chapter_{p.chapter}"))
        self.add(node, HL.text, text(p.text))
        self.add(node, HL.fullText, text(p.full_text))
        self.add(node, HL.firstLine, integer(p.lines[0]))
        self.add(node, HL.lastLine, integer(p.lines[1]))
        self.selectors(node, p.spans)
        for sp in p.subparagraphs:
            sub = URIRef(self.iris.subparagraph(self.series_code, self.ordinal, p.number, sp.letter))
            self.add(sub, RDF.type, HL.SubParagraph)
            self.add(sub, HL.letter, Literal(sp.letter))
            self.add(sub, HL.text, text(sp.text))
            self.add(sub, RDFS.label, Literal(f"Paragraph {p.number} ({sp.letter})", lang=EN))
            self.add(sub, DCTERMS.isPartOf, node)
            self.selectors(sub, sp.spans)


def map_report(facts: ReportFacts, iris: IriPolicy) -> Graph:
    """Map one report's facts to a new rdflib :class:`Graph` (its named graph's content)."""
    return ReportMapper(facts, iris).map()
