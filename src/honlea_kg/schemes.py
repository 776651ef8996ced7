"""The controlled lists of the graph as SKOS concept schemes (W3C SKOS Reference, 2009).

One table, :data:`SCHEMES`, is the single source of every controlled value the mapping may use:
roles, agenda statuses, document kinds, finding kinds and questionnaire timing.  Concept and
scheme IRIs live under the *data* base, minted by :meth:`IriPolicy.concept` and
:meth:`IriPolicy.scheme` (``https://w3id.org/honlea-kg/role/chair`` in the scheme
``https://w3id.org/honlea-kg/scheme/role``), so they move with ``--base-iri``.

:func:`scheme_graph` renders the table for one base; the pipeline adds it to the dataset as the
named graph :meth:`IriPolicy.schemes_graph`.  ``ontology/schemes.ttl`` is the same graph for the
default base, committed so that the ontology documentation and external tools can read it; a
test keeps the two identical (``python -m honlea_kg.schemes > ontology/schemes.ttl`` rewrites it).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from .iris import DEFAULT_BASE, ONTOLOGY, IriPolicy
from .vocab import ORG, UNDO, bind_prefixes


@dataclass(frozen=True)
class Concept:
    """One controlled value.

    ``notation`` is the code the facts use (``first-vice-chair``, ``in_time``); the IRI's last
    segment is its slug (:func:`honlea_kg.iris.slugify`).  ``broader`` is another concept's
    notation in the same scheme; ``see_also`` external IRIs of the same idea (classes of UNDO,
    W3C ORG) given as ``rdfs:seeAlso``, since a class is not a concept (no ``skos:exactMatch``).
    """

    notation: str
    label: str
    definition: str
    broader: str | None = None
    see_also: tuple[str, ...] = ()


@dataclass(frozen=True)
class Scheme:
    """A concept scheme: ``key`` is the IRI segment (``role``), ``types`` extra ``rdf:type`` of
    every concept (roles are also ``org:Role``, W3C ORG section 5.3)."""

    key: str
    title: str
    definition: str
    concepts: tuple[Concept, ...]
    types: tuple[str, ...] = field(default=())


SCHEMES: tuple[Scheme, ...] = (
    Scheme("role", "Roles", "The roles an agent plays at a meeting: an elected office, attendance as a member "
           "State or as an observer, or the secretariat (report chapter X, 'Organization of the meeting').",
           (
               Concept("chair", "Chair", "The officer elected to preside over a meeting."),
               Concept("vice-chair", "Vice-Chair", "An officer elected to assist and replace the Chair."),
               Concept("first-vice-chair", "First Vice-Chair", "The first of the Vice-Chairs.", broader="vice-chair"),
               Concept("second-vice-chair", "Second Vice-Chair", "The second of the Vice-Chairs.",
                       broader="vice-chair"),
               Concept("rapporteur", "Rapporteur", "The officer elected to present the report of a meeting."),
               Concept("member-state", "Member State", "A State attending a meeting as a member of the body."),
               Concept("observer", "Observer", "A State or an organization attending a meeting as an observer."),
               Concept("secretariat", "Secretariat", "The office serving the meeting (for HONLEA: UNODC)."),
               Concept("participant", "Participant",
                       "An agent attending a meeting in a capacity the report does not state."),
           ), types=(str(ORG.Role),)),
    Scheme("agenda-status", "Agenda statuses", "The version of an agenda: the draft provisional agenda "
           "approved for the next meeting, the provisional agenda issued before it, and the agenda adopted at "
           "the meeting itself.",
           (
               Concept("draft-provisional", "draft provisional agenda",
                       "An agenda approved at one meeting for the next one, before it is issued."),
               Concept("provisional", "provisional agenda", "The agenda issued before a meeting, not yet adopted.",
                       see_also=(str(UNDO.MeetingAgenda),)),
               Concept("adopted", "adopted agenda", "The agenda as adopted by the meeting at its first sitting."),
           )),
    Scheme("document-kind", "Document kinds", "Kinds of document before a meeting, by the heading and the "
           "symbol element of the document (UN document symbols, ST/LIB/SER.B/5/Rev.5).",
           (
               Concept("annotated-agenda", "provisional agenda and annotations",
                       "The agenda of a meeting with explanatory annotations.", see_also=(str(UNDO.AnnotatedAgenda),)),
               Concept("note", "note by the Secretariat", "A note submitted by the Secretariat.",
                       see_also=(str(UNDO.Note),)),
               Concept("paper", "paper", "A report or paper submitted to a meeting.", see_also=(str(UNDO.Paper),)),
               Concept("conference-room-paper", "conference room paper",
                       "A document with a CRP symbol element, distributed in the meeting room only.",
                       see_also=(str(UNDO.Paper),)),
               Concept("country-report", "country report", "A report submitted by one State on its situation.",
                       see_also=(str(UNDO.Paper),)),
               Concept("draft-report", "draft report",
                       "A document of limited distribution (symbol element L.) holding the draft report, and its "
                       "addenda.", see_also=(str(UNDO.MeetingReport),)),
               Concept("meeting-report", "meeting report", "The final report of a meeting.",
                       see_also=(str(UNDO.MeetingReport),)),
               Concept("resolution", "resolution", "A resolution adopted by a United Nations body.",
                       see_also=(str(UNDO.Resolution),)),
               Concept("decision", "decision", "A decision adopted by a United Nations body.",
                       see_also=(str(UNDO.Decision),)),
           )),
    Scheme("finding-kind", "Finding kinds", "The three kinds of lettered point a working group makes (report "
           "chapters I and V).",
           (
               Concept("observation", "observation", "A fact a working group noted."),
               Concept("conclusion", "conclusion", "A conclusion a working group drew."),
               Concept("recommendation", "recommendation",
                       "A recommendation a working group made and the meeting adopted."),
           )),
    Scheme("questionnaire-timing", "Questionnaire timing", "Whether a State's reply to the questionnaire "
           "arrived by the cut-off date and was reflected in the Secretariat's report.",
           (
               Concept("in_time", "received in time", "Received by the cut-off date and reflected in the report."),
               Concept("late", "received late", "Received after the cut-off date and not reflected in the report."),
           )),
)


def scheme(key: str) -> Scheme:
    """The :class:`Scheme` with ``key``.  :raises KeyError: for an unknown key."""
    for s in SCHEMES:
        if s.key == key:
            return s
    raise KeyError(f"no concept scheme {key!r}; known: {', '.join(s.key for s in SCHEMES)}")


def concept_iri(iris: IriPolicy, scheme_key: str, notation: str) -> URIRef:
    """The IRI of a controlled value, e.g. ``concept_iri(iris, "role", "First Vice-Chair")``.

    ``notation`` may be given as the notation or as the label (case and spacing ignored).
    :raises KeyError: if the scheme has no such concept (controlled lists are closed).
    """
    s = scheme(scheme_key)
    wanted = _norm(notation)
    for c in s.concepts:
        if wanted in (_norm(c.notation), _norm(c.label)):
            return URIRef(iris.concept(s.key, c.notation))
    raise KeyError(f"{notation!r} is not in the concept scheme {scheme_key!r}; "
                   f"known: {', '.join(c.notation for c in s.concepts)}")


def _norm(value: str) -> str:
    return "".join(ch for ch in value.lower() if ch.isalnum())


def scheme_graph(iris: IriPolicy | None = None) -> Graph:
    """Every concept scheme as an rdflib :class:`Graph` under ``iris``'s base.

    Each scheme is a ``skos:ConceptScheme`` (``dct:title``, ``skos:definition``,
    ``skos:hasTopConcept``); each concept a ``skos:Concept`` with ``skos:prefLabel`` (@en),
    ``skos:definition`` (@en), ``skos:notation``, ``skos:inScheme``, and either
    ``skos:topConceptOf`` or ``skos:broader`` (SKOS Reference sections 4, 6, 8).
    """
    iris = iris or IriPolicy(DEFAULT_BASE)
    g = Graph()
    bind_prefixes(g)
    for s in SCHEMES:
        sch = URIRef(iris.scheme(s.key))
        g.add((sch, RDF.type, SKOS.ConceptScheme))
        g.add((sch, DCTERMS.title, Literal(s.title, lang="en")))
        g.add((sch, RDFS.label, Literal(s.title, lang="en")))
        g.add((sch, SKOS.definition, Literal(s.definition, lang="en")))
        g.add((sch, RDFS.isDefinedBy, URIRef(ONTOLOGY)))
        for c in s.concepts:
            node = URIRef(iris.concept(s.key, c.notation))
            g.add((node, RDF.type, SKOS.Concept))
            for t in s.types:
                g.add((node, RDF.type, URIRef(t)))
            g.add((node, SKOS.prefLabel, Literal(c.label, lang="en")))
            g.add((node, RDFS.label, Literal(c.label, lang="en")))
            g.add((node, SKOS.definition, Literal(c.definition, lang="en")))
            g.add((node, SKOS.notation, Literal(c.notation)))
            g.add((node, SKOS.inScheme, sch))
            if c.broader:
                parent = URIRef(iris.concept(s.key, c.broader))
                g.add((node, SKOS.broader, parent))
                g.add((parent, SKOS.narrower, node))
            else:
                g.add((node, SKOS.topConceptOf, sch))
                g.add((sch, SKOS.hasTopConcept, node))
            for other in c.see_also:
                g.add((node, RDFS.seeAlso, URIRef(other)))
    return g


def main() -> None:  # pragma: no cover - a maintenance entry point
    """Print the schemes for the default base as Turtle (to regenerate ``ontology/schemes.ttl``)."""
    import sys

    header = ("# Controlled lists of the HONLEA knowledge graph (SKOS), for the default base IRI.\n"
              "# Generated by `python -m honlea_kg.schemes`; do not edit: edit src/honlea_kg/schemes.py.\n")
    sys.stdout.write(header + scheme_graph().serialize(format="turtle"))


if __name__ == "__main__":  # pragma: no cover
    main()
