"""The table model (issue 13): one rows-and-cells structure for every format, each cell's span
pointing into the normalised text."""

from __future__ import annotations

import pytest

from honlea_kg.reader import read_report
from honlea_kg.segment import segment

from conftest import FIXTURES, REPORT

FORMS = FIXTURES / "forms"
EUROPE_FORMS = [REPORT, FORMS / "honlea-europe-12-2017.md", FORMS / "honlea-europe-12-2017.pdftext.txt",
                FORMS / "honlea-europe-12-2017.pdf", FORMS / "honlea-europe-12-2017.docx"]


@pytest.mark.parametrize("path", EUROPE_FORMS, ids=lambda p: p.name)
def test_same_tables_in_every_form(path):
    doc = segment(read_report(path))
    text = doc.source.text
    officers, annex = doc.tables
    assert officers.paragraph == 54 and not officers.annex and officers.header_rows == 0
    assert [r.cells for r in officers.rows][0] == ["Chair:", "Yoni Dekker (Netherlands)"]
    assert len(officers.rows) == 4
    assert annex.annex and annex.header == ["Document number", "Agenda item", "Title or description"]
    assert annex.column("agenda") == 1
    assert len(annex.body) == 7
    l1 = annex.body[-2] if "L.1" in annex.body[-2].cells[0] else annex.body[-1]
    assert l1.cells[:2] == ["UNODC/HONEURO/12/L.1 and Add.1-Add.9", "10"]
    for t in doc.tables:
        for row in t.rows:
            assert row.table == doc.tables.index(t)
            assert len(row.cell_spans) == len(row.cells)
            for cell, sp in zip(row.cells, row.cell_spans):
                # the cell's span holds the cell (white space folded: a wrapped cell is one line)
                assert " ".join(text[sp.start:sp.end].split()) == cell
    # the rows of a paragraph's table are the paragraph's rows
    assert doc.paragraph(54).rows == officers.rows
    assert doc.annex_rows == annex.rows


def test_cell_accessor_on_short_row():
    doc = segment(read_report(REPORT))
    row = doc.tables[0].rows[0]
    assert row.cell(1) == "Yoni Dekker (Netherlands)" and row.cell(5) == ""
