"""Build a segmented document from report text written in a test (the genre's layout)."""

from __future__ import annotations

from pathlib import Path


def segment_text(tmp_path: Path, text: str, name: str = "report.txt"):
    """Write ``text`` to a file, read and segment it; return the :class:`Document`."""
    from honlea_kg.reader import read_report
    from honlea_kg.segment import segment

    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return segment(read_report(path))


def extract_text(tmp_path: Path, text: str):
    """The :class:`ReportFacts` of report ``text``."""
    from honlea_kg.extract.report import extract

    return extract(segment_text(tmp_path, text))


def coverage_of(facts, *, officers: bool = False) -> list[str]:
    """``facts.coverage`` without the report-level "no officers found" note (short reports written
    for a test elect no officers), unless ``officers``."""
    return [w for w in facts.coverage if officers or "no officers found" not in w]
