"""Extraction entry point: a segmented :class:`~honlea_kg.model.Document` -> :class:`ReportFacts`.

Order matters only where one fact needs another: the meeting first (its year completes dates
written without one, its series decides which "Nth Meeting" mentions are ours), then the
agendas (topics are matched to agenda sub-items by title), then everything else; last, the
coverage checks (:mod:`.coverage`) compare the facts with the text and list what no fact took.
"""

from __future__ import annotations

from ..facts import ReportFacts
from ..model import Document
from .actors import extract_actors
from .agenda import extract_agendas, extract_sittings
from .coverage import check_coverage
from .documents import extract_citations, extract_documents, extract_instruments
from .groups import extract_topics
from .meeting import extract_meeting


def extract(doc: Document) -> ReportFacts:
    """Extract every fact of one report.

    :raises ExtractionError: if the report does not say which meeting it is about.
    """
    meeting = extract_meeting(doc)
    facts = ReportFacts(document=doc, meeting=meeting)
    facts.coverage.extend(meeting.notes)
    facts.agenda = extract_agendas(doc, meeting)
    facts.sittings = extract_sittings(doc, meeting)
    facts.topics = extract_topics(doc, meeting, facts.agenda)
    facts.states, facts.organizations, facts.officers, facts.persons = extract_actors(doc, meeting)
    facts.documents, warnings = extract_documents(doc, meeting)
    facts.warnings.extend(warnings)
    facts.citations, warnings = extract_citations(doc)
    facts.warnings.extend(warnings)
    facts.instruments = extract_instruments(doc)
    _check_items(facts)
    _check_officers(facts)
    facts.coverage.extend(check_coverage(facts))
    return facts


def _check_officers(facts: ReportFacts) -> None:
    """A coverage warning when no officer was read: naming the paragraph that speaks of electing
    officers (a layout the extraction did not read), or saying the report has no election of
    officers at all (a report without that section, such as the 2021 extraordinary sessions')."""
    if facts.officers:
        return
    doc = facts.document
    where = str(doc.source.path)
    import re

    for p in doc.paragraphs:
        if re.search(r"(?i)\belect(?:ed|ion)\b[^.]{0,80}\b(?:officers?|Chair|Chairperson|Chairman|Rapporteur)"
                     r"|\b(?:officers?|Chair|Chairperson|Chairman|Rapporteur)\b[^.]{0,80}\belected\b", p.text):
            facts.coverage.append(f"{where}:{p.lines[0]}: paragraph {p.number} speaks of electing officers, but "
                                  "no officer (role, name, State) was read from it")
            return
    facts.coverage.append(f"{where}: no officers found: the report elects none in a table, a 'Role: Name (State)' "
                          "line or a sentence")


def _check_items(facts: ReportFacts) -> None:
    """Coverage warnings for agenda item numbers (sittings, annex rows) absent from the adopted
    agenda: the graph cannot link them to an item."""
    ref = facts.meeting.ref
    adopted = {a.number for a in facts.agenda if a.meeting == ref and a.status == "adopted"}
    where = str(facts.document.source.path)
    if not adopted:
        if any(s.agenda_items for s in facts.sittings) or any(d.agenda_item for d in facts.documents):
            facts.coverage.append(f"{where}: no adopted agenda found: sittings and documents are not linked "
                                  "to agenda items")
        return
    for s in facts.sittings:
        for n in s.agenda_items:
            if n not in adopted:
                facts.coverage.append(f"{where}: sitting {s.number} considered item {n}, which is not on the "
                                      "adopted agenda")
    for d in facts.documents:
        if d.agenda_item and d.agenda_item not in adopted:
            facts.coverage.append(f"{where}: document {d.symbol} is listed under item {d.agenda_item}, which is "
                                  "not on the adopted agenda")
