"""Extraction entry point: a segmented :class:`~honlea_kg.model.Document` -> :class:`ReportFacts`.

Order matters only where one fact needs another: the meeting first (its year completes dates
written without one, its series decides which "Nth Meeting" mentions are ours), then the
agendas (topics are matched to agenda sub-items by title), then everything else.
"""

from __future__ import annotations

from ..facts import ReportFacts
from ..model import Document
from .actors import extract_actors
from .agenda import extract_agendas, extract_sittings
from .documents import extract_citations, extract_documents, extract_instruments
from .groups import extract_topics
from .meeting import extract_meeting


def extract(doc: Document) -> ReportFacts:
    """Extract every fact of one report.

    :raises ExtractionError: if the report does not say which meeting it is about.
    """
    meeting = extract_meeting(doc)
    facts = ReportFacts(document=doc, meeting=meeting)
    facts.agenda = extract_agendas(doc, meeting)
    facts.sittings = extract_sittings(doc, meeting)
    facts.topics = extract_topics(doc, meeting, facts.agenda)
    facts.states, facts.organizations, facts.officers, facts.persons = extract_actors(doc)
    facts.documents, warnings = extract_documents(doc, meeting)
    facts.warnings.extend(warnings)
    facts.citations, warnings = extract_citations(doc)
    facts.warnings.extend(warnings)
    facts.instruments = extract_instruments(doc)
    return facts
