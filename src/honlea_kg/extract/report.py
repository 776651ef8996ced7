"""Extraction entry point: a segmented :class:`~honlea_kg.model.Document` -> :class:`ReportFacts`."""

from __future__ import annotations

from ..facts import ReportFacts
from ..model import Document
from .meeting import extract_meeting


def extract(doc: Document) -> ReportFacts:
    """Extract every fact of one report.

    :raises ExtractionError: if the report does not say which meeting it is about.
    """
    meeting = extract_meeting(doc)
    return ReportFacts(document=doc, meeting=meeting)
