"""Small graphs for the SHACL tests: one graph that meets every shape, and one broken copy per
constraint (:data:`CASES`).

Each graph is written under its own namespace (``{N}`` below), so the broken copies can also be
unioned into one graph and validated in a single run of an independent engine (Jena).  Controlled
values are the concepts of ``ontology/schemes.ttl`` (default base), which validation mixes in
with the ontology.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Graph

PREFIXES = """\
@prefix hl: <https://w3id.org/honlea-kg/ns#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix schema: <https://schema.org/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix opengov: <http://www.w3.org/ns/opengov#> .
@prefix role: <https://w3id.org/honlea-kg/role/> .
@prefix status: <https://w3id.org/honlea-kg/agenda-status/> .
@prefix kind: <https://w3id.org/honlea-kg/document-kind/> .
@prefix fk: <https://w3id.org/honlea-kg/finding-kind/> .
@prefix timing: <https://w3id.org/honlea-kg/questionnaire-timing/> .
@prefix x: <{N}> .
@prefix st: <{N}state/> .
"""

VALID = """\
x:series a hl:MeetingSeries, schema:EventSeries ; rdfs:label "Meeting of HONLEA, Testland"@en ; hl:seriesCode "HONTEST" .
x:body a hl:SubsidiaryBody ; rdfs:label "HONLEA, Testland"@en ; org:subOrganizationOf x:cnd .
x:cnd a org:FormalOrganization ; rdfs:label "Commission on Narcotic Drugs"@en .
x:m12 a hl:Meeting, schema:Event ; rdfs:label "Twelfth Meeting"@en ; hl:ordinal 12 ; hl:meetingCode "HONTEST/12" ;
    schema:superEvent x:series ; schema:startDate "2017-06-27"^^xsd:date ; schema:endDate "2017-06-30"^^xsd:date ;
    schema:location x:vienna ; hl:agenda x:agenda ; hl:previousMeeting x:m11 .
x:m11 a hl:Meeting ; rdfs:label "Eleventh Meeting"@en ; hl:ordinal 11 ; hl:meetingCode "HONTEST/11" ; schema:superEvent x:series .
x:vienna a schema:Place ; rdfs:label "Vienna"@en .
x:m10 a hl:Meeting ; rdfs:label "Tenth Meeting"@en ; hl:ordinal 10 ; hl:meetingCode "HONTEST/10" ; schema:superEvent x:series .
x:review a hl:ImplementationReview, prov:Activity ; hl:forMeeting x:m12 ; hl:reviewedMeeting x:m10 ;
    prov:wasDerivedFrom x:report_para_2 .
x:sitting1 a hl:Sitting ; hl:ordinal 1 ; schema:superEvent x:m12 ; schema:startDate "2017-06-27"^^xsd:date ;
    prov:wasDerivedFrom x:report_para_2 .

x:agenda a hl:Agenda ; hl:agendaStatus status:adopted ; schema:itemListElement x:item6 .
x:item6 a hl:AgendaItem ; hl:itemNumber "6" ; schema:position 6 ; dct:title "Consideration of topics"@en ;
    prov:wasDerivedFrom x:report_para_2 .
x:item6a a hl:AgendaItem ; hl:itemNumber "6(a)" ; schema:position 1 ; dct:title "Use of the Internet"@en ;
    dct:isPartOf x:item6 ; prov:wasDerivedFrom x:report_para_2 .
x:consideration a hl:Consideration ; dct:subject x:item6 ; schema:superEvent x:sitting1 ; prov:used x:doc2 ;
    prov:wasDerivedFrom x:report_para_2 .

x:report a hl:Report ; rdfs:label "Report"@en ; hl:reportOf x:m12 ; hl:sourceFileName "report.txt" ;
    hl:sourceSha256 "0000000000000000000000000000000000000000000000000000000000000000" ;
    hl:textSha256 "1111111111111111111111111111111111111111111111111111111111111111" ;
    hl:normalisedText x:source ; dct:issued "2017-07-05"^^xsd:date ; dct:title "Report of the meeting"@en .
x:source a hl:TextManifestation ; hl:sha256 "2222222222222222222222222222222222222222222222222222222222222222" .
x:report_chapter_I a hl:Chapter ; hl:number "I" ; schema:position 1 ; dct:title "Recommendations"@en ;
    rdfs:label "I. Recommendations"@en ; dct:isPartOf x:report .
x:report_para_1 a hl:Paragraph ; hl:number 1 ; rdfs:label "Paragraph 1"@en ; hl:inReport x:report ;
    dct:isPartOf x:report_chapter_I ; hl:text "Participants adopted recommendations."@en ;
    hl:fullText "Participants adopted recommendations."@en ; hl:firstLine 9 ; hl:lastLine 9 ;
    oa:hasSelector x:report_para_1-pos1, x:report_para_1-quote1 .
x:report_para_1-pos1 a oa:TextPositionSelector ; oa:start "0"^^xsd:nonNegativeInteger ; oa:end "37"^^xsd:nonNegativeInteger .
x:report_para_1-quote1 a oa:TextQuoteSelector ; oa:exact "Participants adopted recommendations." .
x:report_para_2 a hl:Paragraph ; hl:number 2 ; rdfs:label "Paragraph 2"@en ; hl:inReport x:report ;
    hl:text "The following recommendations were made:"@en ; hl:firstLine 10 ; hl:lastLine 12 ;
    oa:hasSelector x:report_para_2-pos1, x:report_para_2-quote1 .
x:report_para_2-pos1 a oa:TextPositionSelector ; oa:start "38"^^xsd:nonNegativeInteger ; oa:end "78"^^xsd:nonNegativeInteger .
x:report_para_2-quote1 a oa:TextQuoteSelector ; oa:exact "The following recommendations were made:" .
x:report_para_2__point_a a hl:SubParagraph ; hl:letter "a" ; rdfs:label "Paragraph 2 (a)"@en ;
    hl:text "Governments should act;"@en ; dct:isPartOf x:report_para_2 ;
    oa:hasSelector x:report_para_2__point_a-pos1, x:report_para_2__point_a-quote1 .
x:report_para_2__point_a-pos1 a oa:TextPositionSelector ; oa:start "79"^^xsd:nonNegativeInteger ; oa:end "102"^^xsd:nonNegativeInteger .
x:report_para_2__point_a-quote1 a oa:TextQuoteSelector ; oa:exact "Governments should act;" .

x:doc2 a hl:Document ; dct:identifier "UNODC/HONTEST/12/2" ; dct:title "Statistics"@en ;
    hl:documentKind kind:paper ; hl:consideredUnder x:item6 .
x:docadd a hl:Document ; dct:identifier "UNODC/HONTEST/12/L.1/Add.3" ; hl:addendum 3 ; hl:documentKind kind:draft-report .
x:pv a hl:Document ; dct:identifier "S/PV.7834 (Resumption 1)" .
x:crps a hl:DocumentCollection ; hl:sourcePhrase "UNODC/HONTEST/12/CRP.2-3" ; dct:hasPart x:crp2, x:crp3 .
x:crp2 a hl:Document ; dct:identifier "UNODC/HONTEST/12/CRP.2" .
x:crp3 a hl:CountryReport ; dct:identifier "UNODC/HONTEST/12/CRP.3" ; dct:creator x:NLD .
x:res a hl:Resolution ; rdfs:label "General Assembly resolution 71/211"@en ; schema:legislationIdentifier "71/211" ;
    schema:legislationPassedBy x:ga .
x:dec a hl:Decision ; rdfs:label "Commission on Narcotic Drugs decision 60/1"@en ; schema:legislationIdentifier "60/1" .
x:tokyo a hl:Instrument ; rdfs:label "Tokyo Rules"@en .
x:report_para_2 <http://purl.org/spar/cito/cites> x:res .

st:NLD a hl:State, schema:Country ; dct:identifier "NLD" ; rdfs:label "Netherlands"@en ;
    skos:exactMatch <http://www.wikidata.org/entity/Q55> .
x:unodc a org:FormalOrganization ; rdfs:label "United Nations Office on Drugs and Crime"@en .
x:dekker a foaf:Person, schema:Person ; foaf:name "Yoni Dekker" ; rdfs:label "Yoni Dekker"@en .
x:aircop a hl:Programme ; rdfs:label "AIRCOP"@en ; hl:runBy x:unodc .
x:part-NLD a hl:Participation ; schema:attendee st:NLD ; hl:forMeeting x:m12 ; schema:roleName role:member-state ;
    hl:asGiven "the Netherlands" ; prov:wasDerivedFrom x:report_para_1 .
x:officer-chair a hl:OfficerMandate ; org:member x:dekker ; org:role role:chair ; org:organization x:body ;
    opengov:onBehalfOf st:NLD ; hl:forMeeting x:m12 ; prov:wasDerivedFrom x:report_para_1 .
x:reply-NLD a hl:QuestionnaireResponse ; dct:creator st:NLD ; hl:forMeeting x:m12 ; hl:timing timing:in-time ;
    hl:receivedOn "2017-04-28"^^xsd:date ; prov:wasDerivedFrom x:report_para_1 .
x:statement a hl:Statement ; prov:wasAssociatedWith st:NLD ; prov:wasDerivedFrom x:report_para_1 .

x:wgm1 a hl:WorkingGroupMeeting ; schema:superEvent x:m12 ; schema:organizer x:wg1 ; schema:startDate "2017-06-28"^^xsd:date ;
    prov:wasDerivedFrom x:report_para_2 .
x:report_annex a hl:Annex ; dct:isPartOf x:report .
x:report_heading_1 a hl:Heading ; hl:text "Attendance"@en ; hl:number "B" ; hl:level 2 ; hl:firstLine 40 ;
    hl:inReport x:report .
x:report_table_1 a hl:Table ; dct:isPartOf x:report_annex ; hl:headerRows 1 .
x:report_table_1__row_1 a hl:TableRow ; dct:isPartOf x:report_table_1 ; schema:position 1 ; rdf:_1 "Document number" .
x:report_para_1__item_6 a hl:ListEntry ; hl:number "6" ; hl:text "Consideration of topics."@en ; schema:position 6 ;
    dct:isPartOf x:report_para_1 .
x:res_para_97 a hl:ActPart ; dct:isPartOf x:res ; rdfs:label "paragraph 97"@en .
x:mention-dekker a hl:PersonMention ; hl:person x:dekker ; hl:forMeeting x:m12 ; opengov:onBehalfOf st:NLD ;
    prov:wasDerivedFrom x:report_para_1 .
x:topic-internet a skos:Concept ; skos:prefLabel "Use of the Internet"@en ; skos:inScheme x:topics .
x:topics a skos:ConceptScheme ; dct:title "Topics"@en .
x:wg1 a hl:WorkingGroup ; rdfs:label "Working group 1"@en ; hl:number 1 ; hl:forMeeting x:m12 ; dct:subject x:topic-internet .
x:rec1a a hl:Recommendation ; hl:letter "a" ; hl:text "Governments should act;"@en ; hl:forMeeting x:m12 ;
    prov:wasAttributedTo x:wg1 ; hl:findingKind fk:recommendation ; prov:wasDerivedFrom x:report_para_2__point_a .
x:obs1a a hl:Observation ; hl:letter "a" ; hl:text "Cybercrime grows;"@en ; hl:forMeeting x:m12 ;
    prov:wasAttributedTo x:wg1 ; prov:wasDerivedFrom x:report_para_2__point_a .
x:con1a a hl:Conclusion ; hl:letter "a" ; hl:text "Training is needed."@en ; hl:forMeeting x:m12 ;
    prov:wasAttributedTo x:wg1 ; prov:wasDerivedFrom x:report_para_2__point_a .
"""

SH = "http://www.w3.org/ns/shacl#"


@dataclass
class Case:
    """A broken copy of :data:`VALID`: ``remove`` lines (exact Turtle statements, as SPARQL-free
    text substitutions) and ``add`` Turtle; the expected result's focus node (local name under
    ``{N}``), constraint component (local name in ``sh:``), severity and message fragment."""

    id: str
    shape: str
    focus: str
    component: str
    message: str
    add: str = ""
    replace: list[tuple[str, str]] = field(default_factory=list)
    severity: str = "Violation"


CASES: list[Case] = [
    Case("series-code-pattern", "Meeting series", "series", "PatternConstraintComponent", "series code in capitals",
         replace=[('hl:seriesCode "HONTEST"', 'hl:seriesCode "hontest"')]),
    Case("series-label", "Meeting series", "series", "MinCountConstraintComponent", "needs a name",
         replace=[('rdfs:label "Meeting of HONLEA, Testland"@en ;', '')]),
    Case("meeting-ordinal-string", "Meeting", "m12", "DatatypeConstraintComponent", "at most one ordinal",
         replace=[("hl:ordinal 12 ;", 'hl:ordinal "12" ;')]),
    Case("meeting-two-ordinals", "Meeting", "m12", "MaxCountConstraintComponent", "at most one ordinal",
         add="x:m12 hl:ordinal 13 ."),
    Case("meeting-no-ordinal", "Meeting", "m12", "OrConstraintComponent", "unless it is an extraordinary session",
         replace=[("hl:ordinal 12 ;", "")]),
    Case("extraordinary-session-with-ordinal", "Extraordinary session", "m12", "MaxCountConstraintComponent",
         "has no ordinal", add='x:m12 a hl:ExtraordinarySession ; hl:sessionYear "2017"^^xsd:gYear .'),
    Case("extraordinary-session-no-year", "Extraordinary session", "m12", "MinCountConstraintComponent",
         "exactly one session year", replace=[("hl:ordinal 12 ;", "")], add="x:m12 a hl:ExtraordinarySession ."),
    Case("meeting-code-pattern", "Meeting", "m12", "PatternConstraintComponent", "code such as HONEURO/12",
         replace=[('hl:meetingCode "HONTEST/12"', 'hl:meetingCode "HONTEST 12"')]),
    Case("meeting-no-series", "Meeting", "m12", "MinCountConstraintComponent", "exactly one meeting series",
         replace=[("schema:superEvent x:series ; schema:startDate", "schema:startDate")]),
    Case("meeting-series-class", "Meeting", "m11", "ClassConstraintComponent", "exactly one meeting series",
         replace=[('hl:meetingCode "HONTEST/11" ; schema:superEvent x:series', 'hl:meetingCode "HONTEST/11" ; schema:superEvent x:vienna')]),
    Case("meeting-date-string", "Meeting", "m12", "OrConstraintComponent", "never as text",
         replace=[('schema:startDate "2017-06-27"^^xsd:date ; schema:endDate', 'schema:startDate "27 June 2017" ; schema:endDate')]),
    Case("meeting-end-date-string", "Meeting", "m12", "DatatypeConstraintComponent", "end date, an xsd:date",
         replace=[('schema:endDate "2017-06-30"^^xsd:date', 'schema:endDate "2017-06-30"')]),
    Case("meeting-location-class", "Meeting", "m12", "ClassConstraintComponent", "one place",
         replace=[("schema:location x:vienna", "schema:location x:series")]),
    Case("meeting-previous-class", "Meeting", "m12", "ClassConstraintComponent", "previous meeting",
         replace=[("hl:previousMeeting x:m11", "hl:previousMeeting x:vienna")]),
    Case("meeting-next-count", "Meeting", "m11", "MaxCountConstraintComponent", "next meeting",
         add="x:m11 hl:nextMeeting x:m12, x:m13 . x:m13 a hl:Meeting ; hl:ordinal 13 ; hl:meetingCode \"HONTEST/13\" ; schema:superEvent x:series ."),
    Case("meeting-dates-order", "Meeting dates in order", "m12", "LessThanOrEqualsConstraintComponent", "after its end date",
         replace=[('schema:endDate "2017-06-30"^^xsd:date', 'schema:endDate "2017-06-20"^^xsd:date')]),
    Case("review-no-meeting", "Implementation review", "review", "MinCountConstraintComponent", "reviews exactly one meeting",
         replace=[("hl:reviewedMeeting x:m10 ;", "")]),
    Case("review-two-owners", "Implementation review", "review", "MaxCountConstraintComponent", "belongs to exactly one meeting",
         replace=[("hl:forMeeting x:m12 ; hl:reviewedMeeting", "hl:forMeeting x:m12, x:m11 ; hl:reviewedMeeting")]),
    Case("review-provenance", "Implementation review", "review", "MinCountConstraintComponent", "paragraph or chapter",
         replace=[("hl:reviewedMeeting x:m10 ;\n    prov:wasDerivedFrom x:report_para_2 .", "hl:reviewedMeeting x:m10 .")]),
    Case("review-later-meeting", "Implementation review", "review", "SPARQLConstraintComponent", "not an earlier meeting",
         replace=[("hl:reviewedMeeting x:m10 ;", "hl:reviewedMeeting x:m13 ;")],
         add="x:m13 a hl:Meeting ; hl:ordinal 13 ; hl:meetingCode \"HONTEST/13\" ; schema:superEvent x:series ."),
    Case("sitting-no-meeting", "Sitting", "sitting1", "MinCountConstraintComponent", "exactly one meeting",
         replace=[("hl:ordinal 1 ; schema:superEvent x:m12 ;", "hl:ordinal 1 ;")]),
    Case("sitting-ordinal", "Sitting", "sitting1", "MinCountConstraintComponent", "exactly one number",
         replace=[("x:sitting1 a hl:Sitting ; hl:ordinal 1 ;", "x:sitting1 a hl:Sitting ;")]),
    Case("sitting-date", "Sitting", "sitting1", "DatatypeConstraintComponent", "at most one date",
         replace=[('x:m12 ; schema:startDate "2017-06-27"^^xsd:date ;\n    prov', 'x:m12 ; schema:startDate "2017-06-27T00:00:00"^^xsd:dateTime ;\n    prov')]),
    Case("sitting-provenance", "Sitting", "sitting1", "MinCountConstraintComponent", "paragraph(s) of the report",
         replace=[('"2017-06-27"^^xsd:date ;\n    prov:wasDerivedFrom x:report_para_2 .', '"2017-06-27"^^xsd:date .')]),
    Case("body-label", "Subsidiary body", "body", "MinCountConstraintComponent", "subsidiary body needs a name",
         replace=[('x:body a hl:SubsidiaryBody ; rdfs:label "HONLEA, Testland"@en ;', "x:body a hl:SubsidiaryBody ;")]),
    Case("body-parent", "Subsidiary body", "body", "NodeKindConstraintComponent", "named by an IRI",
         replace=[("org:subOrganizationOf x:cnd", 'org:subOrganizationOf "CND"')]),
    Case("place-label", "Place", "vienna", "DatatypeConstraintComponent", "place needs a name",
         replace=[('x:vienna a schema:Place ; rdfs:label "Vienna"@en', 'x:vienna a schema:Place ; rdfs:label "Vienna"')]),

    Case("agenda-no-meeting", "Agenda", "agenda", "MinCountConstraintComponent", "agenda of exactly one meeting",
         replace=[("schema:location x:vienna ; hl:agenda x:agenda ;", "schema:location x:vienna ;")]),
    Case("agenda-status-value", "Agenda", "agenda", "NodeConstraintComponent", "agenda-status list",
         replace=[("hl:agendaStatus status:adopted", "hl:agendaStatus role:chair")]),
    Case("agenda-no-items", "Agenda", "agenda", "MinCountConstraintComponent", "at least one item",
         replace=[("hl:agendaStatus status:adopted ; schema:itemListElement x:item6 .", "hl:agendaStatus status:adopted .")]),
    Case("item-number-pattern", "Agenda item", "item6", "PatternConstraintComponent", "such as 6 or 6(c)",
         replace=[('hl:itemNumber "6" ;', 'hl:itemNumber "six" ;')]),
    Case("item-title-lang", "Agenda item", "item6", "DatatypeConstraintComponent", "exactly one title",
         replace=[('dct:title "Consideration of topics"@en', 'dct:title "Consideration of topics"')]),
    Case("item-no-agenda", "Agenda item", "item6a", "MinCountConstraintComponent", "belongs to exactly one agenda",
         replace=[("dct:isPartOf x:item6 ; prov:wasDerivedFrom", "prov:wasDerivedFrom")]),
    Case("item-two-agendas", "Agenda item", "item6", "MaxCountConstraintComponent", "belongs to exactly one agenda",
         add="x:agenda2 a hl:Agenda ; hl:agendaStatus status:provisional ; schema:itemListElement x:item6 . x:m11 hl:agenda x:agenda2 ."),
    Case("item-provenance", "Agenda item", "item6", "MinCountConstraintComponent", "paragraph that lists it",
         replace=[('dct:title "Consideration of topics"@en ;\n    prov:wasDerivedFrom x:report_para_2 .',
                   'dct:title "Consideration of topics"@en .')]),
    Case("subitem-other-agenda", "Sub-items in their item's agenda", "agenda2", "SPARQLConstraintComponent",
         "must belong to an item of the same agenda",
         add="x:agenda2 a hl:Agenda ; hl:agendaStatus status:provisional ; schema:itemListElement x:item6a . x:m11 hl:agenda x:agenda2 ."),
    Case("subitem-other-number", "Sub-items in their item's agenda", "agenda", "SPARQLConstraintComponent",
         "another number", replace=[('hl:itemNumber "6(a)"', 'hl:itemNumber "7(a)"')]),
    Case("consideration-item", "Consideration of an agenda item", "consideration", "ClassConstraintComponent",
         "agenda item it considered", replace=[("dct:subject x:item6 ; schema:superEvent x:sitting1", "dct:subject x:doc2 ; schema:superEvent x:sitting1")]),
    Case("consideration-sitting", "Consideration of an agenda item", "consideration", "MinCountConstraintComponent",
         "sitting at which", replace=[("schema:superEvent x:sitting1 ; prov:used", "prov:used")]),
    Case("consideration-used", "Consideration of an agenda item", "consideration", "ClassConstraintComponent",
         "must be documents", replace=[("prov:used x:doc2", "prov:used x:tokyo")]),
    Case("consideration-provenance", "Consideration of an agenda item", "consideration", "ClassConstraintComponent",
         "paragraph that reports it", replace=[("prov:used x:doc2 ;\n    prov:wasDerivedFrom x:report_para_2", "prov:used x:doc2 ;\n    prov:wasDerivedFrom x:report")]),

    Case("report-meeting", "Report", "report", "MinCountConstraintComponent", "exactly one meeting",
         replace=[("hl:reportOf x:m12 ;", "")]),
    Case("report-filename", "Report", "report", "MinCountConstraintComponent", "name of the file",
         replace=[('hl:sourceFileName "report.txt" ;', "")]),
    Case("report-sha-pattern", "Report", "report", "PatternConstraintComponent", "SHA-256 of its source file",
         replace=[('hl:sourceSha256 "0000000000000000000000000000000000000000000000000000000000000000"', 'hl:sourceSha256 "ABC"')]),
    Case("report-text-sha", "Report", "report", "MinCountConstraintComponent", "normalised text",
         replace=[('hl:textSha256 "1111111111111111111111111111111111111111111111111111111111111111" ;', "")]),
    Case("report-issued-string", "Report", "report", "DatatypeConstraintComponent", "issue date, an xsd:date",
         replace=[('dct:issued "2017-07-05"^^xsd:date', 'dct:issued "5 July 2017"')]),
    Case("report-title-count", "Report", "report", "MaxCountConstraintComponent", "at most one title",
         add='x:report dct:title "Another title"@en .'),
    Case("report-manifestation-class", "Report", "report", "ClassConstraintComponent", "published normalised text",
         replace=[("hl:normalisedText x:source", "hl:normalisedText x:vienna")]),
    Case("manifestation-sha", "Normalised text", "source", "MinCountConstraintComponent", "carry its SHA-256",
         replace=[('x:source a hl:TextManifestation ; hl:sha256 "2222222222222222222222222222222222222222222222222222222222222222" .',
                   "x:source a hl:TextManifestation .")]),
    Case("paragraph-gap", "Paragraph numbering", "report", "SPARQLConstraintComponent", "has a gap",
         severity="Warning", replace=[("hl:number 2 ;", "hl:number 3 ;")]),
    Case("paragraph-number-type", "Paragraph", "report_para_1", "DatatypeConstraintComponent", "whole number from 1",
         replace=[("x:report_para_1 a hl:Paragraph ; hl:number 1 ;", 'x:report_para_1 a hl:Paragraph ; hl:number "1" ;')]),
    Case("paragraph-no-report", "Paragraph", "report_para_1", "MinCountConstraintComponent", "exactly one report",
         replace=[('rdfs:label "Paragraph 1"@en ; hl:inReport x:report ;', 'rdfs:label "Paragraph 1"@en ;')]),
    Case("paragraph-text-plain", "Paragraph", "report_para_2", "DatatypeConstraintComponent", "non-empty text",
         replace=[('hl:text "The following recommendations were made:"@en', 'hl:text "The following recommendations were made:"')]),
    Case("paragraph-lines", "Paragraph", "report_para_2", "LessThanOrEqualsConstraintComponent", "first line comes after",
         replace=[("hl:firstLine 10 ; hl:lastLine 12", "hl:firstLine 14 ; hl:lastLine 12")]),
    Case("paragraph-chapter-class", "Paragraph", "report_para_1", "ClassConstraintComponent", "at most one chapter",
         replace=[("dct:isPartOf x:report_chapter_I ; hl:text", "dct:isPartOf x:report ; hl:text")]),
    Case("paragraph-no-position", "Text unit", "report_para_1", "QualifiedMinCountConstraintComponent", "position selector",
         replace=[("oa:hasSelector x:report_para_1-pos1, x:report_para_1-quote1", "oa:hasSelector x:report_para_1-quote1")]),
    Case("paragraph-no-quote", "Text unit", "report_para_2", "QualifiedMinCountConstraintComponent", "quote selector",
         replace=[("oa:hasSelector x:report_para_2-pos1, x:report_para_2-quote1", "oa:hasSelector x:report_para_2-pos1")]),
    Case("paragraph-label", "Text unit", "report_para_2__point_a", "MinCountConstraintComponent", "label such as",
         replace=[('rdfs:label "Paragraph 2 (a)"@en ;', "")]),
    Case("selector-pairs", "Selectors in pairs", "report", "SPARQLConstraintComponent", "has no partner",
         add="x:report_para_1 oa:hasSelector x:extra-pos . x:extra-pos a oa:TextPositionSelector ; "
             'oa:start "1"^^xsd:nonNegativeInteger ; oa:end "2"^^xsd:nonNegativeInteger .'),
    Case("selector-quote-length", "Selectors in pairs", "report", "SPARQLConstraintComponent", "has no partner",
         replace=[('oa:exact "The following recommendations were made:"', 'oa:exact "The following recommendations were made"')]),
    Case("chapter-number", "Chapter", "report_chapter_I", "PatternConstraintComponent", "Roman numeral",
         replace=[('hl:number "I" ;', 'hl:number "1" ;')]),
    Case("chapter-report", "Chapter", "report_chapter_I", "ClassConstraintComponent", "exactly one report",
         replace=[('rdfs:label "I. Recommendations"@en ; dct:isPartOf x:report .', 'rdfs:label "I. Recommendations"@en ; dct:isPartOf x:m12 .')]),
    Case("subparagraph-letter", "Sub-paragraph", "report_para_2__point_a", "PatternConstraintComponent", "one letter",
         replace=[('hl:letter "a" ; rdfs:label "Paragraph 2 (a)"', 'hl:letter "(a)" ; rdfs:label "Paragraph 2 (a)"')]),
    Case("subparagraph-parent", "Sub-paragraph", "report_para_2__point_a", "ClassConstraintComponent", "numbered paragraph",
         replace=[("dct:isPartOf x:report_para_2 ;", "dct:isPartOf x:report ;")]),
    Case("selector-order", "Text position selector", "report_para_1-pos1", "LessThanConstraintComponent", "start must be before its end",
         replace=[('oa:start "0"^^xsd:nonNegativeInteger ; oa:end "37"', 'oa:start "37"^^xsd:nonNegativeInteger ; oa:end "37"')]),
    Case("selector-int", "Text position selector", "report_para_2-pos1", "DatatypeConstraintComponent", "end offset",
         replace=[('oa:end "78"^^xsd:nonNegativeInteger', 'oa:end "78"')]),
    Case("quote-exact", "Text quote selector", "report_para_1-quote1", "MinCountConstraintComponent", "exact text",
         replace=[('x:report_para_1-quote1 a oa:TextQuoteSelector ; oa:exact "Participants adopted recommendations." .',
                   "x:report_para_1-quote1 a oa:TextQuoteSelector .")]),

    Case("document-two-symbols", "Document", "doc2", "MaxCountConstraintComponent", "at most one identifier",
         add='x:doc2 dct:identifier "UNODC/HONTEST/12/3" .'),
    Case("document-kind", "Document", "doc2", "NodeConstraintComponent", "document-kind list",
         replace=[("hl:documentKind kind:paper", "hl:documentKind role:chair")]),
    Case("document-agenda-item", "Document", "doc2", "ClassConstraintComponent", "agenda items only",
         replace=[("hl:consideredUnder x:item6", "hl:consideredUnder x:agenda")]),
    Case("document-addendum", "Document", "docadd", "DatatypeConstraintComponent", "addendum number",
         replace=[("hl:addendum 3", 'hl:addendum "Add.3"')]),
    Case("document-symbol", "Document symbol", "crp2", "OrConstraintComponent", "not a UN document symbol",
         replace=[('dct:identifier "UNODC/HONTEST/12/CRP.2"', 'dct:identifier "unodc honeuro 12 crp 2"')]),
    Case("act-number", "Resolution or decision", "dec", "PatternConstraintComponent", "session/number",
         replace=[('schema:legislationIdentifier "60/1"', 'schema:legislationIdentifier "decision 60/1"')]),
    Case("act-label", "Resolution or decision", "res", "MinCountConstraintComponent", "needs a label",
         replace=[('x:res a hl:Resolution ; rdfs:label "General Assembly resolution 71/211"@en ;', "x:res a hl:Resolution ;")]),
    Case("collection-phrase", "Document range", "crps", "MinCountConstraintComponent", "exact string",
         replace=[('hl:sourcePhrase "UNODC/HONTEST/12/CRP.2-3" ;', "")]),
    Case("collection-parts", "Document range", "crps", "ClassConstraintComponent", "each a document",
         replace=[("dct:hasPart x:crp2, x:crp3", "dct:hasPart x:crp2, x:tokyo")]),
    Case("instrument-label", "Instrument", "tokyo", "MinCountConstraintComponent", "instrument needs a name",
         replace=[('x:tokyo a hl:Instrument ; rdfs:label "Tokyo Rules"@en .', "x:tokyo a hl:Instrument .")]),

    Case("state-iso", "State", "state/NLD", "PatternConstraintComponent", "three capital letters",
         replace=[('dct:identifier "NLD"', 'dct:identifier "NL"')]),
    Case("state-iri", "State", "state/nld", "PatternConstraintComponent", "IRI must end in /state/",
         add='st:nld a hl:State ; dct:identifier "NLD" ; rdfs:label "Netherlands"@en .'),
    Case("state-wikidata", "State", "state/NLD", "PatternConstraintComponent", "Wikidata item IRI",
         replace=[("skos:exactMatch <http://www.wikidata.org/entity/Q55>", "skos:exactMatch <https://en.wikipedia.org/wiki/Netherlands>")]),
    Case("organization-label", "Organization", "cnd", "MinCountConstraintComponent", "organization needs a name",
         replace=[('x:cnd a org:FormalOrganization ; rdfs:label "Commission on Narcotic Drugs"@en .', "x:cnd a org:FormalOrganization .")]),
    Case("person-label", "Person", "dekker", "MinCountConstraintComponent", "person needs a label",
         replace=[('foaf:name "Yoni Dekker" ; rdfs:label "Yoni Dekker"@en', 'foaf:name "Yoni Dekker"')]),
    Case("person-name-count", "Person", "dekker", "MaxCountConstraintComponent", "at most one name",
         add='x:dekker foaf:name "Y. Dekker" .'),
    Case("programme-run-by", "Programme", "aircop", "ClassConstraintComponent", "run by at most one organization",
         replace=[("hl:runBy x:unodc", "hl:runBy x:dekker")]),
    Case("participation-attendee", "Participation", "part-NLD", "OrConstraintComponent", "a State or an organization",
         replace=[("schema:attendee st:NLD ; hl:forMeeting", "schema:attendee x:dekker ; hl:forMeeting")]),
    Case("participation-role", "Participation", "part-NLD", "NodeConstraintComponent", "from the role list",
         replace=[("schema:roleName role:member-state", "schema:roleName status:adopted")]),
    Case("participation-role-text", "Participation", "part-NLD", "NodeConstraintComponent", "from the role list",
         replace=[("schema:roleName role:member-state", 'schema:roleName "member State"')]),
    Case("participation-meeting", "Participation", "part-NLD", "MinCountConstraintComponent", "exactly one meeting",
         replace=[("schema:attendee st:NLD ; hl:forMeeting x:m12 ;", "schema:attendee st:NLD ;")]),
    Case("participation-provenance", "Participation", "part-NLD", "MinCountConstraintComponent", "paragraph that lists it",
         replace=[('hl:asGiven "the Netherlands" ; prov:wasDerivedFrom x:report_para_1 .', 'hl:asGiven "the Netherlands" .')]),
    Case("mandate-person", "Officer mandate", "officer-chair", "OrConstraintComponent", "exactly one person",
         replace=[("org:member x:dekker", "org:member st:NLD")]),
    Case("mandate-role", "Officer mandate", "officer-chair", "MinCountConstraintComponent", "exactly one role",
         replace=[("org:role role:chair ;", "")]),
    Case("mandate-state", "Officer mandate", "officer-chair", "ClassConstraintComponent", "on behalf of at most one State",
         replace=[("org:organization x:body ;\n    opengov:onBehalfOf st:NLD", "org:organization x:body ;\n    opengov:onBehalfOf x:unodc")]),
    Case("mandate-provenance", "Officer mandate", "officer-chair", "ClassConstraintComponent", "reports the election",
         replace=[("hl:forMeeting x:m12 ; prov:wasDerivedFrom x:report_para_1 .\nx:reply", "hl:forMeeting x:m12 ; prov:wasDerivedFrom x:m12 .\nx:reply")]),
    Case("reply-timing", "Questionnaire response", "reply-NLD", "NodeConstraintComponent", "in time or late",
         replace=[("hl:timing timing:in-time", "hl:timing role:observer")]),
    Case("reply-date", "Questionnaire response", "reply-NLD", "DatatypeConstraintComponent", "reception date",
         replace=[('hl:receivedOn "2017-04-28"^^xsd:date', 'hl:receivedOn "28 April 2017"')]),
    Case("reply-creator", "Questionnaire response", "reply-NLD", "ClassConstraintComponent", "responding State",
         replace=[("x:reply-NLD a hl:QuestionnaireResponse ; dct:creator st:NLD", "x:reply-NLD a hl:QuestionnaireResponse ; dct:creator x:unodc")]),
    Case("statement-agent", "Statement", "statement", "MinCountConstraintComponent", "who made it",
         replace=[("x:statement a hl:Statement ; prov:wasAssociatedWith st:NLD ;", "x:statement a hl:Statement ;")]),

    Case("wgm-organizer", "Working-group meeting", "wgm1", "ClassConstraintComponent", "working group that met",
         replace=[("schema:organizer x:wg1", "schema:organizer x:unodc")]),
    Case("wgm-date", "Working-group meeting", "wgm1", "DatatypeConstraintComponent", "at most one date",
         replace=[('schema:startDate "2017-06-28"^^xsd:date', 'schema:startDate "28 June"')]),
    Case("annex-report", "Annex", "report_annex", "MinCountConstraintComponent", "exactly one report",
         replace=[("x:report_annex a hl:Annex ; dct:isPartOf x:report .", "x:report_annex a hl:Annex .")]),
    Case("heading-level", "Heading", "report_heading_1", "MinCountConstraintComponent", "exactly one level",
         replace=[("hl:level 2 ; hl:firstLine 40", "hl:firstLine 40")]),
    Case("row-table", "Table row", "report_table_1__row_1", "ClassConstraintComponent", "exactly one table",
         replace=[("dct:isPartOf x:report_table_1 ; schema:position 1", "dct:isPartOf x:report_annex ; schema:position 1")]),
    Case("entry-parent", "List entry", "report_para_1__item_6", "OrConstraintComponent", "paragraph or list entry",
         replace=[("dct:isPartOf x:report_para_1 .\n", "dct:isPartOf x:report_table_1 .\n")]),
    Case("table-header", "Table", "report_table_1", "MinCountConstraintComponent", "how many header rows",
         replace=[("x:report_table_1 a hl:Table ; dct:isPartOf x:report_annex ; hl:headerRows 1 .",
                   "x:report_table_1 a hl:Table ; dct:isPartOf x:report_annex .")]),
    Case("act-part", "Part of an act", "res_para_97", "OrConstraintComponent", "resolution, decision or instrument",
         replace=[("dct:isPartOf x:res ; rdfs:label", "dct:isPartOf x:doc2 ; rdfs:label")]),
    Case("mention-person", "Person mention", "mention-dekker", "OrConstraintComponent", "exactly one person",
         replace=[("hl:person x:dekker", "hl:person st:NLD")]),
    Case("mention-provenance", "Person mention", "mention-dekker", "MinCountConstraintComponent", "name the person",
         replace=[("opengov:onBehalfOf st:NLD ;\n    prov:wasDerivedFrom x:report_para_1 .\nx:topic",
                   "opengov:onBehalfOf st:NLD .\nx:topic")]),
    Case("concept-scheme", "Concept", "topic-internet", "MinCountConstraintComponent", "exactly one concept scheme",
         replace=[('skos:prefLabel "Use of the Internet"@en ; skos:inScheme x:topics .', 'skos:prefLabel "Use of the Internet"@en .')]),
    Case("concept-label-lang", "Concept", "topic-internet", "UniqueLangConstraintComponent", "at most one per language",
         add='x:topic-internet skos:prefLabel "Internet use"@en .'),
    Case("scheme-title", "Concept scheme", "topics", "MinCountConstraintComponent", "needs a title",
         replace=[('x:topics a skos:ConceptScheme ; dct:title "Topics"@en .', "x:topics a skos:ConceptScheme .")]),
    Case("wg-topic", "Working group", "wg1", "MaxCountConstraintComponent", "exactly one topic",
         add="x:wg1 dct:subject x:topic-other . x:topic-other a skos:Concept ; skos:prefLabel \"Other\"@en ; skos:inScheme x:topics ."),
    Case("wg-meeting", "Working group", "wg1", "MinCountConstraintComponent", "exactly one meeting",
         replace=[("hl:number 1 ; hl:forMeeting x:m12 ; dct:subject", "hl:number 1 ; dct:subject")]),
    Case("finding-letter", "Finding", "obs1a", "PatternConstraintComponent", "one letter",
         replace=[('x:obs1a a hl:Observation ; hl:letter "a"', 'x:obs1a a hl:Observation ; hl:letter "A."')]),
    Case("finding-text", "Finding", "con1a", "MinCountConstraintComponent", "non-empty text",
         replace=[('hl:text "Training is needed."@en ;', "")]),
    Case("finding-two-groups", "Finding", "rec1a", "QualifiedMaxCountConstraintComponent", "exactly one working group",
         add="x:rec1a prov:wasAttributedTo x:wg2 . x:wg2 a hl:WorkingGroup ; rdfs:label \"Working group 2\"@en ; "
             "hl:number 2 ; hl:forMeeting x:m12 ; dct:subject x:topic-internet ."),
    Case("finding-no-group", "Finding", "obs1a", "QualifiedMinCountConstraintComponent", "exactly one working group",
         replace=[("hl:forMeeting x:m12 ;\n    prov:wasAttributedTo x:wg1 ; prov:wasDerivedFrom x:report_para_2__point_a .\nx:con1a",
                   "hl:forMeeting x:m12 ;\n    prov:wasDerivedFrom x:report_para_2__point_a .\nx:con1a")]),
    Case("finding-kind", "Finding", "rec1a", "NodeConstraintComponent", "finding-kind list",
         replace=[("hl:findingKind fk:recommendation", "hl:findingKind kind:paper")]),
    Case("finding-provenance", "Finding", "rec1a", "MinCountConstraintComponent", "sub-paragraph (or paragraph) it was read from",
         replace=[("hl:findingKind fk:recommendation ; prov:wasDerivedFrom x:report_para_2__point_a .", "hl:findingKind fk:recommendation .")]),
    Case("recommendation-other-meeting", "Recommendations in topics of their meeting", "m11", "SPARQLConstraintComponent",
         "working group of another meeting",
         replace=[('x:rec1a a hl:Recommendation ; hl:letter "a" ; hl:text "Governments should act;"@en ; hl:forMeeting x:m12',
                   'x:rec1a a hl:Recommendation ; hl:letter "a" ; hl:text "Governments should act;"@en ; hl:forMeeting x:m11')]),
]


def case_turtle(case: Case | None, ns: str) -> str:
    """The Turtle text of the valid graph (``case`` None) or of a broken copy, under ``ns``.

    :raises AssertionError: if a replacement does not apply exactly once (a stale fixture).
    """
    body = VALID
    if case is not None:
        for old, new in case.replace:
            assert body.count(old) == 1, f"{case.id}: {old!r} occurs {body.count(old)} times"
            body = body.replace(old, new)
        body += "\n" + case.add + "\n"
    return PREFIXES.replace("{N}", ns) + body


def case_graph(case: Case | None, ns: str, schemes: bool = True) -> Graph:
    """:func:`case_turtle` parsed into an rdflib :class:`Graph`, plus (``schemes``) the SKOS
    concept schemes of the default base, as the pipeline adds them to every build."""
    g = Graph().parse(data=case_turtle(case, ns), format="turtle")
    if schemes:
        from honlea_kg.schemes import scheme_graph

        g += scheme_graph()
    return g


def namespace(case: Case | None) -> str:
    """The namespace of a case's graph: ``http://example.org/case/{id}/`` (``valid`` for None)."""
    return f"http://example.org/case/{case.id if case else 'valid'}/"
