"""Helpers for tests that read the bundled sample report (``corpus/``, part of the project)."""

from __future__ import annotations

import csv
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "corpus" / "honlea-europe-12-2017.txt"
EXPECTED = ROOT / "tests" / "expected" / "honlea-europe-12-2017"


def report_text() -> str:
    return REPORT.read_text(encoding="utf-8")


def paragraph_line(number: int) -> str:
    """The first line of numbered paragraph ``number`` (its prose, as one line in this file).

    Paragraph lines are the ones whose number continues the paragraph sequence; agenda lines
    inside paragraphs 44 and 55 restart at 1, so the search takes the line whose number is
    ``number`` and that comes after paragraph ``number - 1``.
    """
    lines = report_text().splitlines()
    pos = 0
    for n in range(1, number + 1):
        rx = re.compile(rf"^{n}\. ")
        while not rx.match(lines[pos]):
            pos += 1
        if n < number:
            pos += 1
    return lines[pos]


def annex_rows() -> list[list[str]]:
    """The tab-separated rows of the annex list of documents, header excluded."""
    text = report_text()
    rows = [ln.split("\t") for ln in text.splitlines() if "\t" in ln and ln.startswith("UNODC/")]
    return rows


def expected(name: str) -> list[dict[str, str]]:
    with (EXPECTED / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))
