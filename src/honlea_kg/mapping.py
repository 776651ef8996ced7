"""Map one report's :class:`~honlea_kg.facts.ReportFacts` to RDF (one named graph per report).

The mapping knows nothing of text layout: it reads facts and the segmented document's
paragraphs and writes triples with the vocabularies of :mod:`honlea_kg.vocab`, minting every IRI
through :class:`~honlea_kg.iris.IriPolicy`.  Literals pass through
:func:`~honlea_kg.normalize.clean_literal` so no control character reaches the graph, and plain
strings are written as ``xsd:string``-free simple literals (RDF 1.1: the same term), so a value
produced twice is one triple.  No blank nodes are written: every node has an IRI that depends
only on the fact's key, so building the same report twice (or two reports naming the same
State, document, resolution, series, organization or person) gives each entity once.

Every fact node has ``prov:wasDerivedFrom`` the paragraph (``report#para_N``) or lettered
sub-paragraph (``#para_N__point_x``) it was read from (annex rows: the report itself).

Classes and properties emitted (``hl:`` = ``https://w3id.org/honlea-kg/ns#``; concept IRIs are
``{base}{scheme}/{slug}`` in ``{base}scheme/{scheme}``):

=========================  ====================================================================
Node (IRI)                 Types; properties
=========================  ====================================================================
series ``series/{slug}``   hl:MeetingSeries, schema:EventSeries; rdfs:label, hl:seriesCode,
                           schema:organizer body
body ``org/{series}``      hl:SubsidiaryBody, org:Organization; rdfs:label
meeting ``series/{s}/{n}`` hl:Meeting, schema:Event; schema:superEvent series, hl:ordinal,
                           hl:meetingCode, rdfs:label, schema:startDate, schema:endDate,
                           schema:location place, hl:previousMeeting, hl:nextMeeting, hl:agenda,
                           schema:attendee (State/organization, flat), prov:used document
                           (the documents before it), hl:reviewsRecommendationsOf the meeting
                           whose recommendations it reviewed;
                           next meeting: hl:nextYear (xsd:gYear), schema:eventStatus
                           schema:EventScheduled
extraordinary session      also hl:ExtraordinarySession; hl:sessionYear (xsd:gYear) and, for the
``series/{s}/es-{year}``   second of a year (``es-{year}-2``), hl:sessionNumber, instead of
                           hl:ordinal; meeting code ``HONLAF/ES-2020``
implementation review      hl:ImplementationReview, prov:Activity; hl:forMeeting,
``{m}#review-{key}``        hl:reviewedMeeting (an earlier meeting, not always the previous),
                           rdfs:label, prov:wasDerivedFrom the paragraphs naming it
place ``place/{slug}``     schema:Place; rdfs:label
report ``{meeting}/report`` hl:Report, undo:MeetingReport, fabio:ReportDocument; hl:reportOf,
                           dct:title, dct:issued, dct:identifier (own symbol, when printed) ...
chapter, paragraph,        hl:Chapter; hl:Paragraph, doco:Paragraph; hl:SubParagraph (unchanged)
sub-paragraph
layout ``{report}#heading_{k}``, hl:Heading (hl:text, hl:number, hl:level, hl:firstLine, dct:isPartOf
``#para_{n}__item_{i}``,   chapter or annex); hl:ListEntry (hl:number, hl:text, schema:position,
``#table_{k}``,            dct:isPartOf paragraph or entry); hl:Table (dct:isPartOf paragraph or
``#table_{k}__row_{i}``,   annex, hl:headerRows, hl:firstLine); hl:TableRow (dct:isPartOf table,
``#annex``                 schema:position, cells as rdf:_1, rdf:_2 ...); hl:Annex (rdfs:label,
                           dct:title, dct:isPartOf report, hl:firstLine)
agenda ``{m}/agenda``,     hl:Agenda, schema:ItemList; hl:agendaStatus concept (agenda-status:
``{m}/agenda/draft-provisional``  adopted / provisional), schema:itemListElement item,
                           prov:wasDerivedFrom paragraph
agenda item                hl:AgendaItem, schema:ListItem; hl:itemNumber ("6(a)"), dct:title,
                           schema:position, dct:isPartOf parent item (sub-items), hl:forMeeting,
                           prov:wasDerivedFrom; meeting hl:hasAgendaItem item
sitting ``{m}/sitting/{n}`` hl:Sitting, schema:Event; schema:superEvent meeting, hl:ordinal,
                           schema:startDate (one stated day only), hl:sourcePhrase,
                           prov:wasDerivedFrom
consideration              hl:Consideration, prov:Activity; schema:superEvent sitting,
``{sitting}#item-{n}``      dct:subject agenda item, prov:wasDerivedFrom
working group ``{m}/wg/{n}`` hl:WorkingGroup, org:OrganizationalUnit; hl:number, rdfs:label,
                           dct:title, dct:subject topic concept (scheme topic), hl:forMeeting,
                           prov:wasDerivedFrom; the agenda sub-item matched by title has
                           dct:subject the same topic concept
working-group meeting      hl:WorkingGroupMeeting, schema:Event; schema:organizer wg,
                           schema:superEvent meeting, schema:startDate, prov:wasDerivedFrom
recommendation / finding   hl:Finding + hl:Recommendation | hl:Observation | hl:Conclusion;
                           hl:findingKind concept (finding-kind), hl:letter, hl:text,
                           hl:forMeeting, prov:wasAttributedTo wg, prov:wasDerivedFrom
                           sub-paragraph; meeting hl:adopted recommendation
State ``state/{ISO3}``     hl:State, org:FormalOrganization, schema:Country; dct:identifier,
                           rdfs:label, skos:exactMatch + schema:sameAs Wikidata
participation              hl:Participation, schema:Role; schema:attendee State/organization,
``{m}#participant-{key}``  schema:roleName concept (role: member-state / observer /
                           secretariat / participant), hl:forMeeting, hl:asGiven,
                           prov:wasDerivedFrom
country report             hl:CountryReport, undo:Paper; dct:creator State, hl:forMeeting,
                           hl:asGiven (the State as printed: labels of per-meeting records use it,
                           "Turkey" in a 2017 report), prov:wasDerivedFrom
questionnaire reply        hl:QuestionnaireResponse, prov:Entity; dct:creator State,
                           hl:forMeeting, hl:timing concept (questionnaire-timing: in-time /
                           late), prov:wasDerivedFrom
statement                  hl:Statement, prov:Activity; prov:wasAssociatedWith State,
                           schema:superEvent meeting, prov:wasDerivedFrom
(any State mention)        paragraph schema:mentions State
organization ``org/{key}`` org:FormalOrganization, schema:Organization; rdfs:label,
                           skos:altLabel (as written), schema:alternateName (acronym)
officer ``{m}#officer-{role}`` hl:OfficerMandate, org:Membership; org:member person,
                           org:role concept (role), org:organization body, opengov:onBehalfOf
                           State, hl:forMeeting, hl:asGiven (role as written),
                           prov:wasDerivedFrom
person ``person/{id}``     foaf:Person, schema:Person; schema:name, rdfs:label
person mention             hl:PersonMention, prov:Entity; hl:person person, hl:forMeeting,
``{m}#person-{id}``         hl:asGiven (name), schema:roleName (positions, text),
                           opengov:onBehalfOf State, prov:wasDerivedFrom; paragraph
                           schema:mentions person
document ``doc/{symbol}``  hl:Document, undo:Document; dct:identifier, rdfs:label, dct:title,
                           hl:consideredUnder agenda item, prov:wasDerivedFrom, hl:alsoIssuedAs
                           (the other symbol of a joint document);
                           paragraph cito:cites document
document range             hl:DocumentCollection, undo:Collection; hl:sourcePhrase, dct:hasPart
``{m}#docset-{slug}``
resolution / decision      hl:Resolution | hl:Decision, schema:Legislation; rdfs:label,
``{kind}/{body}/{number}`` schema:legislationIdentifier, schema:legislationPassedBy body org;
                           paragraph cito:cites act; pinpoint ``act#{slug}``:
                           dct:isPartOf act, rdfs:label; paragraph hl:citesPart it
adopting body ``org/{code}`` org:FormalOrganization; rdfs:label, skos:notation
instrument                 hl:Instrument; rdfs:label; paragraph cito:cites instrument
=========================  ====================================================================
"""

from __future__ import annotations

import re
from datetime import date

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, PROV, RDF, RDFS, SKOS, XSD

from .extract.ordinals import ordinal_figure
from .facts import SERIES, MeetingRef, ReportFacts
from .iris import IriPolicy, slugify
from .model import Paragraph, Span
from .normalize import clean_literal
from .vocab import CITO, DOCO, FABIO, HL, OA, OPENGOV, ORG, SCHEMA, UNDO, WD, bind_prefixes

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


def paragraph_spans(p: Paragraph) -> list[Span]:
    """Every stretch of source text a paragraph's facts may come from, in reading order: its own
    prose, then the blocks of its lists (agenda items and their sub-items) and tables (officer
    rows).  Sub-paragraphs have selectors of their own.  Facts read from a list or table (an
    officer, an agenda item citing decision 60/1) can thus be traced to a quote that holds them."""
    spans = list(p.spans)
    for item in p.items:
        spans.append(item.span)
        spans.extend(sub.span for sub in item.sub_items)
    spans.extend(row.span for row in p.rows)
    return sorted(set(spans), key=lambda sp: (sp.start, sp.end))


#: Short names of the bodies for the labels of extraordinary sessions ("Extraordinary session of
#: HONLEA Africa, 2020"), as UNODC's pages on the 2021 sessions name them (genre-variations.md S22).
SERIES_SHORT = {"HONEURO": "HONLEA Europe", "HONLAF": "HONLEA Africa", "HONLAP": "HONLEA Asia and the Pacific",
                "HONLAC": "HONLEA Latin America and the Caribbean",
                "SUBCOM": "the Subcommission on Illicit Drug Traffic and Related Matters in the Near and Middle East"}


def meeting_label(ref) -> str:
    """``Twelfth Meeting of Heads of National Drug Law Enforcement Agencies, Europe``; for an
    extraordinary session ``Extraordinary session of HONLEA Africa, 2020`` (``Second
    extraordinary session of ..., 2021`` for the second of a year)."""
    from .extract.ordinals import ordinal_word

    if ref.extraordinary:
        nth = f"{ordinal_word(ref.number)} extraordinary" if ref.number > 1 else "Extraordinary"
        return f"{nth} session of {SERIES_SHORT.get(ref.series, ref.series)}, {ref.year}"
    return f"{ordinal_word(ref.ordinal)} {SERIES.get(ref.series, ('', ref.series))[1]}"


def state_name(iso3: str) -> str:
    """The UN short name of a State for labels, or its code when the gazetteer lacks it."""
    from .extract.states import state_label

    try:
        return state_label(iso3)
    except Exception:
        return iso3


class ReportMapper:
    """Writes the triples of one report into ``graph``.

    ``graph`` is an rdflib :class:`Graph` (the report's named graph); the caller decides where it
    goes.  Call :meth:`map` once.
    """

    def __init__(self, facts: ReportFacts, iris: IriPolicy, graph: Graph | None = None):
        self.facts = facts
        self.iris = iris
        self.g = graph
        #: the triples in the order first written, each once (rdflib terms)
        self.triples: dict[tuple, None] = {}
        ref = facts.meeting.ref
        self.series_code, self.ordinal = ref.series, ref.slot
        self.meeting = URIRef(iris.meeting(ref.series, ref.slot))
        self.report = URIRef(iris.report(ref.series, ref.slot))

    def add(self, s, p, o) -> None:
        if o is not None:
            self.triples[(s, p, o)] = None

    def map(self) -> Graph:
        """Map every fact; return the graph (the one given to the constructor, or a new one)."""
        self.map_triples()
        g = self.g if self.g is not None else Graph()
        bind_prefixes(g)
        for t in self.triples:
            g.add(t)
        self.g = g
        return g

    def map_triples(self) -> list[tuple]:
        """Map every fact; return the distinct triples (rdflib terms) in the order first written.

        No rdflib :class:`Graph` is built: adding to one costs about half of the mapping's time
        (measured on synthetic reports: 100 ms -> 45 ms per report), and a build that validates
        with Jena, or not at all, needs only the N-Triples (:func:`ntriples_of`).
        """
        self.map_meeting()
        self.map_report()
        self.map_structure()
        self.map_agendas()
        self.map_sittings()
        self.map_topics()
        self.map_states()
        self.map_organizations()
        self.map_officers()
        self.map_persons()
        self.map_documents()
        self.map_citations()
        self.map_instruments()
        return list(self.triples)

    # --- meeting and series -------------------------------------------------------------
    def map_series(self, code: str) -> URIRef:
        series = URIRef(self.iris.series(code))
        slug, name = SERIES.get(code, (code.lower(), code))
        self.add(series, RDF.type, HL.MeetingSeries)
        self.add(series, RDF.type, SCHEMA.EventSeries)
        self.add(series, RDFS.label, text(name))
        self.add(series, HL.seriesCode, Literal(code))
        body = URIRef(self.iris.body(code))
        self.add(body, RDF.type, HL.SubsidiaryBody)
        self.add(body, RDF.type, ORG.Organization)
        self.add(body, RDFS.label, text(name))
        self.add(series, SCHEMA.organizer, body)
        return series

    def meeting_node(self, ref) -> URIRef:
        """Type and identify a meeting of a series (this report's or one it refers to)."""
        node = URIRef(self.iris.meeting(ref.series, ref.slot))
        series = self.map_series(ref.series)
        self.add(node, RDF.type, HL.Meeting)
        self.add(node, RDF.type, SCHEMA.Event)
        self.add(node, SCHEMA.superEvent, series)
        if ref.extraordinary:
            self.add(node, RDF.type, HL.ExtraordinarySession)
            self.add(node, HL.sessionYear, Literal(f"{ref.year:04d}", datatype=XSD.gYear))
            if ref.number > 1:
                self.add(node, HL.sessionNumber, integer(ref.number))
        else:
            self.add(node, HL.ordinal, integer(ref.ordinal))
        self.add(node, HL.meetingCode, Literal(ref.key))
        self.add(node, RDFS.label, text(meeting_label(ref)))
        return node

    def map_meeting(self) -> None:
        m = self.facts.meeting
        node = self.meeting_node(m.ref)
        if m.start:
            self.add(node, SCHEMA.startDate, xsd_date(m.start))
        if m.end:
            self.add(node, SCHEMA.endDate, xsd_date(m.end))
        if m.city:
            place = URIRef(self.iris.place(m.city))
            self.add(place, RDF.type, SCHEMA.Place)
            self.add(place, RDFS.label, text(m.city))
            self.add(node, SCHEMA.location, place)
        if m.previous:
            self.add(node, HL.previousMeeting, self.meeting_node(m.previous))
        if m.next:
            nxt = self.meeting_node(m.next)
            self.add(node, HL.nextMeeting, nxt)
            if m.next_year:
                self.add(nxt, HL.nextYear, Literal(f"{m.next_year:04d}", datatype=XSD.gYear))
                self.add(nxt, SCHEMA.eventStatus, SCHEMA.EventScheduled)
        if m.reviewed:
            reviewed = self.meeting_node(m.reviewed)
            self.add(node, HL.reviewsRecommendationsOf, reviewed)
            review = URIRef(self.iris.record(m.ref.series, m.ref.slot, "review", m.reviewed.key))
            self.add(review, RDF.type, HL.ImplementationReview)
            self.add(review, RDF.type, PROV.Activity)
            self.add(review, HL.forMeeting, node)
            self.add(review, HL.reviewedMeeting, reviewed)
            self.add(review, RDFS.label, text(f"Review at {m.ref.key} of the implementation of the recommendations "
                                              f"adopted by {m.reviewed.key}"))
            for para in m.reviewed_paragraphs or [None]:
                self.derived(review, para)

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
        if m.symbol:
            self.add(r, DCTERMS.identifier, Literal(m.symbol))
        self.add(r, HL.sourceFileName, Literal(doc.source.path.name))
        self.add(r, HL.sourceSha256, Literal(doc.source.original_sha256))
        self.add(r, HL.textSha256, Literal(doc.source.text_sha256))
        # the normalised text every selector counts in, published as a file beside the report page
        manifestation = URIRef(self.iris.report_text(self.series_code, self.ordinal))
        self.add(r, HL.normalisedText, manifestation)
        self.add(manifestation, RDF.type, HL.TextManifestation)
        self.add(manifestation, HL.sha256, Literal(doc.source.text_sha256))
        self.add(manifestation, DCTERMS["format"], Literal("text/plain; charset=utf-8"))

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
        self.map_layout()

    #: Nominal depth of each kind of heading below the report title (a chapter is 1): the
    #: publisher turns it into an HTML heading level without skipping one.
    HEADING_LEVELS = {"section": 2, "subheading": 2, "topic": 3, "annex": 2}

    def map_layout(self) -> None:
        """What a reader needs to lay the report out as printed: its headings other than the
        chapters' (lettered sections, numbered topics, sub-headings, the annex's), the entries
        of numbered lists inside paragraphs (an agenda), its tables (row by row, cells in column
        order as ``rdf:_1``, ``rdf:_2`` ..., RDF 1.1 Semantics section 9 container membership)
        and its annex.  Each carries ``hl:firstLine`` (headings, the annex) or a position, so the
        publisher orders them among the paragraphs without reading the text."""
        doc = self.facts.document
        chapters = sorted(doc.chapters, key=lambda c: c.lines[0])
        annex = None
        annex_headings = [h for h in doc.headings if h.kind == "annex"]
        if annex_headings or doc.annex_rows:
            annex = URIRef(self.iris.annex(self.series_code, self.ordinal))
            self.add(annex, RDF.type, HL.Annex)
            self.add(annex, DCTERMS.isPartOf, self.report)
            self.add(annex, RDFS.label, text(annex_headings[0].text if annex_headings else "Annex"))
            if doc.annex_title:
                self.add(annex, DCTERMS.title, text(doc.annex_title))
            first = annex_headings[0].lines[0] if annex_headings else doc.annex_rows[0].lines[0]
            self.add(annex, HL.firstLine, integer(first))
        k = 0
        for h in doc.headings:
            if h.kind not in self.HEADING_LEVELS or (h.kind == "annex" and h.text in (
                    annex_headings[0].text, doc.annex_title)):
                continue  # chapters are hl:Chapter; the annex's own heading and title label it
            k += 1
            node = URIRef(self.iris.heading(self.series_code, self.ordinal, k))
            self.add(node, RDF.type, HL.Heading)
            self.add(node, HL.text, text(h.text))
            if h.number:
                self.add(node, HL.number, Literal(h.number))
            self.add(node, HL.level, integer(self.HEADING_LEVELS[h.kind]))
            self.add(node, HL.firstLine, integer(h.lines[0]))
            self.add(node, HL.inReport, self.report)
            if h.kind == "annex" and annex is not None:
                self.add(node, DCTERMS.isPartOf, annex)
            else:
                chapter = next((c for c in reversed(chapters) if c.lines[0] <= h.lines[0]), None)
                if chapter is not None:
                    self.add(node, DCTERMS.isPartOf, self.fragment(f"chapter_{chapter.roman}"))
        for p in doc.paragraphs:
            para = self.para(p.number)
            for pos, item in enumerate(p.items, start=1):
                self.map_list_entry(p.number, item, para, pos)
        for n, table in enumerate(doc.tables, start=1):
            node = URIRef(self.iris.table(self.series_code, self.ordinal, n))
            self.add(node, RDF.type, HL.Table)
            self.add(node, DCTERMS.isPartOf, annex if table.annex and annex is not None
                     else self.para(table.paragraph) if table.paragraph is not None else self.report)
            self.add(node, HL.headerRows, integer(table.header_rows))
            if table.rows:
                self.add(node, HL.firstLine, integer(table.rows[0].lines[0]))
            for i, row in enumerate(table.rows, start=1):
                r = URIRef(self.iris.table(self.series_code, self.ordinal, n, i))
                self.add(r, RDF.type, HL.TableRow)
                self.add(r, DCTERMS.isPartOf, node)
                self.add(r, SCHEMA.position, integer(i))
                for c, cell in enumerate(row.cells, start=1):
                    self.add(r, RDF[f"_{c}"], Literal(clean_literal(cell)))

    def map_list_entry(self, paragraph: int, item, parent: URIRef, position: int) -> None:
        """One entry of a numbered list in paragraph ``paragraph`` (and its lettered sub-entries)."""
        node = URIRef(self.iris.list_entry(self.series_code, self.ordinal, paragraph, item.number))
        self.add(node, RDF.type, HL.ListEntry)
        self.add(node, HL.number, Literal(item.number))
        self.add(node, HL.text, text(item.raw))
        self.add(node, SCHEMA.position, integer(position))
        self.add(node, DCTERMS.isPartOf, parent)
        for pos, sub in enumerate(item.sub_items, start=1):
            self.map_list_entry(paragraph, sub, node, pos)

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
        self.selectors(node, paragraph_spans(p))
        for sp in p.subparagraphs:
            sub = URIRef(self.iris.subparagraph(self.series_code, self.ordinal, p.number, sp.letter))
            self.add(sub, RDF.type, HL.SubParagraph)
            self.add(sub, HL.letter, Literal(sp.letter))
            self.add(sub, HL.text, text(sp.text))
            self.add(sub, RDFS.label, Literal(f"Paragraph {p.number} ({sp.letter})", lang=EN))
            self.add(sub, DCTERMS.isPartOf, node)
            self.selectors(sub, sp.spans)


    # --- helpers --------------------------------------------------------------------------
    def para(self, number: int | None) -> URIRef:
        """The IRI of paragraph ``number`` of this report (the report itself when ``None``: a fact
        read from the annex or a heading)."""
        if number is None:
            return self.report
        return URIRef(self.iris.paragraph(self.series_code, self.ordinal, number))

    def derived(self, node: URIRef, paragraph: int | None, letter: str | None = None) -> None:
        """``node prov:wasDerivedFrom`` its source paragraph or lettered sub-paragraph."""
        if letter is not None and paragraph is not None:
            src = URIRef(self.iris.subparagraph(self.series_code, self.ordinal, paragraph, letter))
        else:
            src = self.para(paragraph)
        self.add(node, PROV.wasDerivedFrom, src)

    def concept(self, scheme: str, label: str, pref: str | None = None) -> URIRef:
        """The SKOS concept for ``label`` in one of our schemes.

        Controlled values (the closed lists of :mod:`honlea_kg.schemes`: roles, agenda statuses,
        finding kinds, questionnaire timing) are linked by IRI with their ``skos:notation`` only
        (the scheme graph describes them); other values (a role such as "President", working-group
        topics) become concepts of their own, typed and labelled here (``pref`` overrides the
        label)."""
        from .schemes import concept_iri, scheme as scheme_of

        try:
            node = concept_iri(self.iris, scheme, label)
        except KeyError:
            node = None
        if node is not None:  # the scheme graph's own triples, repeated so each report validates alone
            c = next(c for c in scheme_of(scheme).concepts if URIRef(self.iris.concept(scheme, c.notation)) == node)
            self.add(node, RDF.type, SKOS.Concept)
            sch = URIRef(self.iris.scheme(scheme))
            self.add(node, SKOS.inScheme, sch)
            self.add(sch, RDF.type, SKOS.ConceptScheme)
            self.add(sch, DCTERMS.title, Literal(scheme_of(scheme).title, lang=EN))
            self.add(node, SKOS.prefLabel, Literal(c.label, lang=EN))
            self.add(node, SKOS.notation, Literal(c.notation))
            return node
        node = URIRef(self.iris.concept(scheme, label))
        sch = URIRef(self.iris.scheme(scheme))
        self.add(node, RDF.type, SKOS.Concept)
        self.add(node, SKOS.inScheme, sch)
        self.add(node, SKOS.prefLabel, text(pref or label))
        self.add(node, SKOS.notation, Literal(slugify(label)))
        self.add(sch, RDF.type, SKOS.ConceptScheme)
        self.add(sch, DCTERMS.title, text(SCHEME_TITLES.get(scheme, scheme.replace("-", " ").capitalize())))
        return node

    def state(self, iso3: str) -> URIRef:
        """A State node (corpus-wide), labelled and linked to Wikidata."""
        from .extract.states import state_label, state_wikidata

        node = URIRef(self.iris.state(iso3))
        self.add(node, RDF.type, HL.State)
        self.add(node, RDF.type, ORG.FormalOrganization)
        self.add(node, RDF.type, SCHEMA.Country)
        self.add(node, DCTERMS.identifier, Literal(iso3))
        try:
            self.add(node, RDFS.label, text(state_label(iso3)))
            qid = state_wikidata(iso3)
        except Exception:  # a code outside the gazetteer: keep the code as label
            self.add(node, RDFS.label, text(iso3))
            qid = None
        if qid:
            self.add(node, SKOS.exactMatch, WD[qid])
            self.add(node, SCHEMA.sameAs, WD[qid])
        return node

    def meeting_of(self, ref: MeetingRef) -> URIRef:
        return URIRef(self.iris.meeting(ref.series, ref.slot))

    # --- agendas and sittings -----------------------------------------------------------------
    def map_agendas(self) -> None:
        items: dict[tuple, URIRef] = {}
        for a in self.facts.agenda:
            status_slug = "adopted" if a.status == "adopted" else "draft-provisional"
            meeting = self.meeting_node(a.meeting)
            agenda = URIRef(self.iris.agenda(a.meeting.series, a.meeting.slot, status_slug))
            self.add(meeting, HL.agenda, agenda)
            self.add(agenda, RDF.type, HL.Agenda)
            self.add(agenda, RDF.type, SCHEMA.ItemList)
            self.add(agenda, HL.agendaStatus, self.concept("agenda-status", a.status))
            self.add(agenda, RDFS.label, text(f"{'Adopted agenda' if a.status == 'adopted' else 'Draft provisional agenda'}"
                                              f" of {a.meeting.key}"))
            self.derived(agenda, a.paragraph)
            item = URIRef(self.iris.agenda_item(a.meeting.series, a.meeting.slot, a.number, status_slug))
            items[(a.meeting, a.status, a.number)] = item
            self.add(item, RDF.type, HL.AgendaItem)
            self.add(item, RDF.type, SCHEMA.ListItem)
            self.add(item, HL.itemNumber, Literal(a.number))
            self.add(item, DCTERMS.title, text(a.title))
            self.add(item, RDFS.label, text(f"Item {a.number}. {a.title}"))
            self.add(item, HL.forMeeting, meeting)
            self.add(meeting, HL.hasAgendaItem, item)
            self.derived(item, a.paragraph)
            if a.parent:
                parent = items.get((a.meeting, a.status, a.parent)) or URIRef(
                    self.iris.agenda_item(a.meeting.series, a.meeting.slot, a.parent, status_slug))
                self.add(item, DCTERMS.isPartOf, parent)
                letter = a.number[len(a.parent):].strip("()")
                if len(letter) == 1 and letter.isalpha():
                    self.add(item, SCHEMA.position, integer(ord(letter.lower()) - 96))
            else:
                self.add(agenda, SCHEMA.itemListElement, item)
                if a.number.isdigit():
                    self.add(item, SCHEMA.position, integer(int(a.number)))

    def adopted_items(self) -> set[str]:
        """Numbers of this meeting's adopted agenda items (links go only to items that exist)."""
        ref = self.facts.meeting.ref
        return {a.number for a in self.facts.agenda if a.meeting == ref and a.status == "adopted"}

    def agenda_item(self, number: str) -> URIRef:
        """This meeting's adopted agenda item ``number``."""
        return URIRef(self.iris.agenda_item(self.series_code, self.ordinal, number, "adopted"))

    def map_sittings(self) -> None:
        adopted = {a.number for a in self.facts.agenda if a.meeting == self.facts.meeting.ref and a.status == "adopted"}
        for st in self.facts.sittings:
            node = URIRef(self.iris.sitting(self.series_code, self.ordinal, st.number))
            self.add(node, RDF.type, HL.Sitting)
            self.add(node, RDF.type, SCHEMA.Event)
            self.add(node, SCHEMA.superEvent, self.meeting)
            self.add(node, HL.ordinal, integer(st.number))
            self.add(node, RDFS.label, Literal(f"Sitting {st.number} of {self.facts.meeting.ref.key}", lang=EN))
            if st.date:
                self.add(node, SCHEMA.startDate, xsd_date(st.date))
            for phrase in st.phrases:
                self.add(node, HL.sourcePhrase, Literal(clean_literal(phrase)))
            for para in st.paragraphs:
                self.derived(node, para)
            for number in st.agenda_items:
                if number not in adopted:  # not on the adopted agenda: no item to point to (warned)
                    continue
                cons = URIRef(self.iris.consideration(self.series_code, self.ordinal, st.number, number))
                self.add(cons, RDF.type, HL.Consideration)
                self.add(cons, RDF.type, PROV.Activity)
                self.add(cons, SCHEMA.superEvent, node)
                self.add(cons, DCTERMS.subject, self.agenda_item(number))
                self.add(cons, RDFS.label, Literal(f"Item {number} at the {ordinal_figure(st.number)} sitting of "
                                                   f"{self.facts.meeting.ref.key}", lang=EN))
                for para in st.item_paragraphs.get(number, st.paragraphs):
                    self.derived(cons, para)

    # --- working groups ------------------------------------------------------------------------
    def map_topics(self) -> None:
        for t in self.facts.topics:
            wg = URIRef(self.iris.working_group(self.series_code, self.ordinal, t.number))
            self.add(wg, RDF.type, HL.WorkingGroup)
            self.add(wg, RDF.type, ORG.OrganizationalUnit)
            self.add(wg, HL.number, integer(t.number))
            self.add(wg, DCTERMS.title, text(t.title))
            self.add(wg, RDFS.label, text(f"Working group {t.number} of {self.facts.meeting.ref.key}: {t.title}"))
            topic = self.concept("topic", t.title, t.title[:1].upper() + t.title[1:])
            self.add(wg, DCTERMS.subject, topic)
            self.add(wg, HL.forMeeting, self.meeting)
            self.add(wg, ORG.unitOf, URIRef(self.iris.body(self.series_code)))
            for para in t.paragraphs[:1]:
                self.derived(wg, para)
            if not t.paragraphs:
                self.derived(wg, t.points[0].paragraph if t.points else None)
            if t.agenda_item in self.adopted_items():  # the sub-item and the group share their topic
                self.add(self.agenda_item(t.agenda_item), DCTERMS.subject, topic)
            if t.wg_date:
                ev = URIRef(self.iris.working_group_meeting(self.series_code, self.ordinal, t.number))
                self.add(ev, RDF.type, HL.WorkingGroupMeeting)
                self.add(ev, RDF.type, SCHEMA.Event)
                self.add(ev, SCHEMA.organizer, wg)
                self.add(ev, SCHEMA.superEvent, self.meeting)
                self.add(ev, SCHEMA.startDate, xsd_date(t.wg_date))
                self.add(ev, RDFS.label, Literal(f"Meeting of working group {t.number}", lang=EN))
                src = next((p for p in t.paragraphs if p > 0), None)
                self.derived(ev, src)
            for pt in t.points:
                if pt.kind == "recommendation":
                    node = URIRef(self.iris.recommendation(self.series_code, self.ordinal, t.number, pt.letter))
                    self.add(self.meeting, HL.adopted, node)
                else:
                    node = URIRef(self.iris.finding(self.series_code, self.ordinal, t.number, pt.kind, pt.letter))
                self.add(node, RDF.type, HL.Finding)
                self.add(node, RDF.type, FINDING_CLASS[pt.kind])
                self.add(node, HL.findingKind, self.concept("finding-kind", pt.kind))
                self.add(node, HL.letter, Literal(pt.letter))
                self.add(node, HL.text, text(pt.text))
                self.add(node, RDFS.label, Literal(f"{pt.kind.capitalize()} {t.number} ({pt.letter})", lang=EN))
                self.add(node, HL.forMeeting, self.meeting)
                self.add(node, PROV.wasAttributedTo, wg)
                self.derived(node, pt.paragraph, pt.letter)

    # --- States, organizations, officers, persons ----------------------------------------------
    def map_states(self) -> None:
        m = self.facts.meeting.ref
        for s in self.facts.states:
            state = self.state(s.iso3)
            # the name as this report prints it ("Turkey" in 2017), for labels of per-meeting
            # records; the State's own label is today's UN short name
            printed = clean_literal(s.as_given) or state_name(s.iso3)
            bare = re.sub(r"^the\s+", "", printed)
            if s.role in ("member", "observer"):
                node = URIRef(self.iris.participant(m.series, m.slot, s.iso3))
                self.add(node, RDF.type, HL.Participation)
                self.add(node, RDF.type, SCHEMA.Role)
                self.add(node, SCHEMA.attendee, state)
                self.add(node, SCHEMA.roleName, self.concept("role", "member-state" if s.role == "member" else "observer",
                                                             "Member State" if s.role == "member" else "Observer"))
                self.add(node, HL.forMeeting, self.meeting)
                self.add(node, HL.asGiven, Literal(clean_literal(s.as_given)))
                self.add(node, RDFS.label, text(f"{bare} ({'member State' if s.role == 'member' else 'observer'})"
                                                f" at {m.key}"))
                self.add(self.meeting, SCHEMA.attendee, state)
                self.derived(node, s.paragraph)
            elif s.role == "country-report":
                node = URIRef(self.iris.record(m.series, m.slot, "country-report", s.iso3))
                self.add(node, RDF.type, HL.CountryReport)
                self.add(node, RDF.type, UNDO.Paper)
                self.add(node, DCTERMS.creator, state)
                self.add(node, HL.forMeeting, self.meeting)
                self.add(node, HL.asGiven, Literal(printed))
                self.add(node, RDFS.label, Literal(f"Country report of {printed} to {m.key}", lang=EN))
                self.derived(node, s.paragraph)
            elif s.role.startswith("questionnaire-"):
                timing = "in-time" if s.role.endswith("in-time") else "late"
                node = URIRef(self.iris.record(m.series, m.slot, "questionnaire-reply", s.iso3))
                self.add(node, RDF.type, HL.QuestionnaireResponse)
                self.add(node, RDF.type, PROV.Entity)
                self.add(node, DCTERMS.creator, state)
                self.add(node, HL.forMeeting, self.meeting)
                self.add(node, HL.timing, self.concept("questionnaire-timing", timing,
                                                       "In time" if timing == "in-time" else "Late"))
                self.add(node, HL.asGiven, Literal(printed))
                self.add(node, RDFS.label, Literal(f"Questionnaire reply of {printed} for {m.key}", lang=EN))
                self.derived(node, s.paragraph)
            elif s.role == "statement":
                node = URIRef(self.iris.record(m.series, m.slot, "statement", s.iso3))
                self.add(node, RDF.type, HL.Statement)
                self.add(node, RDF.type, PROV.Activity)
                self.add(node, PROV.wasAssociatedWith, state)
                self.add(node, SCHEMA.superEvent, self.meeting)
                self.add(node, HL.asGiven, Literal(printed))
                self.add(node, RDFS.label, Literal(f"Statement by {printed} at {m.key}", lang=EN))
                self.derived(node, s.paragraph)
            if s.paragraph is not None:
                self.add(self.para(s.paragraph), SCHEMA.mentions, state)

    def organization(self, name: str, acronym: str | None) -> URIRef:
        from .extract.actors import organization_key

        key, canonical, acr = organization_key(name, acronym)
        node = URIRef(self.iris.organization(key))
        self.add(node, RDF.type, ORG.FormalOrganization)
        self.add(node, RDF.type, SCHEMA.Organization)
        self.add(node, RDFS.label, text(canonical))
        if name != canonical:
            self.add(node, SKOS.altLabel, text(name))
        if acr or acronym:
            self.add(node, SCHEMA.alternateName, Literal(acr or acronym))
        return node

    def map_organizations(self) -> None:
        m = self.facts.meeting.ref
        for o in self.facts.organizations:
            org = self.organization(o.name, o.acronym)
            node = URIRef(self.iris.participant(m.series, m.slot, o.acronym or o.name))
            self.add(node, RDF.type, HL.Participation)
            self.add(node, RDF.type, SCHEMA.Role)
            self.add(node, SCHEMA.attendee, org)
            self.add(node, SCHEMA.roleName, self.concept("role", o.role, o.role.capitalize()))
            self.add(node, HL.forMeeting, self.meeting)
            self.add(node, HL.asGiven, Literal(clean_literal(o.name)))
            self.add(node, RDFS.label, text(f"{o.name} ({o.role}) at {m.key}"))
            self.add(self.meeting, SCHEMA.attendee, org)
            self.derived(node, o.paragraph)

    def person(self, name: str, state: str | None) -> URIRef:
        from .extract.persons import person_id

        pid = person_id(name, state, self.facts.meeting.ref.key)
        node = URIRef(self.iris.person(pid))
        self.add(node, RDF.type, FOAF.Person)
        self.add(node, RDF.type, SCHEMA.Person)
        self.add(node, RDFS.label, text(name))
        # schema:name, not foaf:name: two spellings that share an id (diacritics lost in a PDF,
        # a crosswalk merge) are both names of the person; foaf:name is kept to one value
        self.add(node, SCHEMA.name, Literal(clean_literal(name)))
        return node

    def map_officers(self) -> None:
        m = self.facts.meeting.ref
        counts: dict[str, int] = {}
        for o in self.facts.officers:
            counts[slugify(o.role)] = counts.get(slugify(o.role), 0) + 1
        for o in self.facts.officers:
            role_key = o.role if counts[slugify(o.role)] == 1 else f"{o.role} {o.person}"
            node = URIRef(self.iris.officer(m.series, m.slot, role_key))
            self.add(node, RDF.type, HL.OfficerMandate)
            self.add(node, RDF.type, ORG.Membership)
            self.add(node, ORG.member, self.person(o.person, o.state))
            self.add(node, ORG.role, self.concept("role", o.role, canonical_role(o.role)))
            self.add(node, ORG.organization, URIRef(self.iris.body(m.series)))
            if o.state:
                self.add(node, OPENGOV.onBehalfOf, self.state(o.state))
            self.add(node, HL.forMeeting, self.meeting)
            self.add(node, HL.asGiven, Literal(clean_literal(o.role)))
            self.add(node, RDFS.label, text(f"{o.role} of {m.key}: {o.person}"))
            self.derived(node, o.paragraph)

    def map_persons(self) -> None:
        m = self.facts.meeting.ref
        for pf in self.facts.persons:
            person = self.person(pf.name, pf.state)
            from .extract.persons import person_id

            node = URIRef(self.iris.record(m.series, m.slot, "person", person_id(pf.name, pf.state, m.key)))
            self.add(node, RDF.type, HL.PersonMention)
            self.add(node, RDF.type, PROV.Entity)
            self.add(node, HL.person, person)
            self.add(node, HL.forMeeting, self.meeting)
            self.add(node, HL.asGiven, Literal(clean_literal(pf.name)))
            self.add(node, RDFS.label, text(f"{pf.name} at {m.key}"))
            for pos in pf.positions:
                self.add(node, SCHEMA.roleName, Literal(clean_literal(pos)))
            if pf.state:
                self.add(node, OPENGOV.onBehalfOf, self.state(pf.state))
            for para in pf.paragraphs:
                self.derived(node, para)
                self.add(self.para(para), SCHEMA.mentions, person)

    # --- documents and citations ---------------------------------------------------------------
    def map_documents(self) -> None:
        m = self.facts.meeting.ref
        sets: dict[str, list[URIRef]] = {}
        for d in self.facts.documents:
            node = URIRef(self.iris.document(d.symbol))
            self.add(node, RDF.type, HL.Document)
            self.add(node, RDF.type, UNDO.Document)
            self.add(node, DCTERMS.identifier, Literal(d.symbol))
            self.add(node, RDFS.label, Literal(d.symbol))
            if d.title:
                self.add(node, DCTERMS.title, text(d.title))
            if d.before_meeting:
                self.add(self.meeting, PROV.used, node)
                if d.agenda_item in self.adopted_items():
                    self.add(node, HL.consideredUnder, self.agenda_item(d.agenda_item))
            if d.in_annex:
                self.derived(node, None)
            for para in d.cited_in:
                self.add(self.para(para), CITO.cites, node)
                self.derived(node, para)
            if d.collection:
                sets.setdefault(d.collection, []).append(node)
            for other in d.also_issued_as:
                self.add(node, HL.alsoIssuedAs, URIRef(self.iris.document(other)))
        for raw, parts in sets.items():
            node = URIRef(self.iris.docset(m.series, m.slot, raw))
            self.add(node, RDF.type, HL.DocumentCollection)
            self.add(node, RDF.type, UNDO.Collection)
            self.add(node, HL.sourcePhrase, Literal(clean_literal(raw)))
            self.add(node, RDFS.label, Literal(clean_literal(raw)))
            for part in parts:
                self.add(node, DCTERMS.hasPart, part)

    def map_citations(self) -> None:
        from .extract.citations import BODIES

        names = {b.code: b.name for b in BODIES}
        for c in self.facts.citations:
            node = URIRef(self.iris.resolution(c.body, c.kind, c.number))
            self.add(node, RDF.type, HL.Resolution if c.kind == "resolution" else HL.Decision)
            self.add(node, RDF.type, SCHEMA.Legislation)
            self.add(node, RDFS.label, text(f"{names.get(c.body, c.body)} {c.kind} {c.number}"))
            self.add(node, SCHEMA.legislationIdentifier, Literal(c.number))
            body = URIRef(self.iris.organization(c.body))
            self.add(body, RDF.type, ORG.FormalOrganization)
            self.add(body, RDFS.label, text(names.get(c.body, c.body)))
            self.add(body, SKOS.notation, Literal(c.body))
            self.add(node, SCHEMA.legislationPassedBy, body)
            para = self.para(c.paragraph)
            self.add(para, CITO.cites, node)
            if c.pinpoint:
                part = URIRef(f"{node}#{slugify(c.pinpoint)}")
                self.add(part, DCTERMS.isPartOf, node)
                self.add(part, RDFS.label, text(c.pinpoint))
                self.add(para, HL.citesPart, part)

    def map_instruments(self) -> None:
        for inst in self.facts.instruments:
            node = URIRef(self.iris.instrument(inst.key))
            self.add(node, RDF.type, HL.Instrument)
            self.add(node, RDFS.label, text(inst.label))
            for para in inst.paragraphs:
                self.add(self.para(para), CITO.cites, node)


#: The class of each kind of working-group point.
FINDING_CLASS = {"recommendation": HL.Recommendation, "observation": HL.Observation,
                 "conclusion": HL.Conclusion}
#: Titles of the concept schemes the mapping writes concepts into.
SCHEME_TITLES = {"role": "Roles at meetings", "agenda-status": "Agenda statuses",
                 "finding-kind": "Kinds of working-group findings",
                 "questionnaire-timing": "Timing of questionnaire replies",
                 "topic": "Working-group topics"}


def canonical_role(role: str) -> str:
    """One spelling per role concept: each hyphen- or space-separated word capitalised
    ("first vice-chair" -> "First Vice-Chair"), so two reports' spellings give one label."""
    return " ".join("-".join(p[:1].upper() + p[1:].lower() for p in w.split("-")) for w in role.split())


def map_report(facts: ReportFacts, iris: IriPolicy) -> Graph:
    """Map one report's facts to a new rdflib :class:`Graph` (its named graph's content)."""
    return ReportMapper(facts, iris).map()


def map_report_triples(facts: ReportFacts, iris: IriPolicy) -> list[tuple]:
    """Map one report's facts to its distinct triples (rdflib terms, no :class:`Graph`); the
    same triples :func:`map_report` puts in its graph."""
    return ReportMapper(facts, iris).map_triples()


def ox_term(term):
    """The pyoxigraph term of an rdflib IRI or literal (the mapping writes no blank nodes).

    Literals keep rdflib's lexical form (what rdflib's N-Triples serialiser writes), their
    language tag or datatype; a simple literal stays simple (RDF 1.1: ``xsd:string``).

    :raises TypeError: for a blank node or anything else that is not an IRI or a literal.
    """
    import pyoxigraph as ox

    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"the mapping writes IRIs and literals only, not {type(term).__name__}: {term!r}")


def ntriples_of(triples) -> bytes:
    """The canonical N-Triples (:func:`~honlea_kg.publish.dumps.canonical_ntriples`: sorted,
    distinct) of rdflib-term triples, without an rdflib :class:`Graph`."""
    import pyoxigraph as ox

    from .publish.dumps import canonical_ntriples

    cache: dict = {}

    def conv(term):
        found = cache.get(term)
        if found is None:
            found = cache[term] = ox_term(term)
        return found

    return canonical_ntriples(ox.Triple(conv(s), conv(p), conv(o)) for s, p, o in triples)
