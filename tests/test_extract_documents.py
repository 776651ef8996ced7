"""Documents before the meeting, document and resolution citations."""

from __future__ import annotations

from extract_helpers import extract_text


def test_real_report_documents(document):
    from honlea_kg.extract.documents import extract_documents
    from honlea_kg.extract.meeting import extract_meeting

    docs, warnings = extract_documents(document, extract_meeting(document))
    by = {d.symbol: d for d in docs}
    assert len(by) == 36 and warnings == []
    assert by["UNODC/HONEURO/12/L.1/Add.9"].agenda_item == "10" and by["UNODC/HONEURO/12/L.1/Add.9"].cited_in == [49]
    assert by["UNODC/HONEURO/12/CRP.22"].title == "Country reports" and by["UNODC/HONEURO/12/CRP.22"].cited_in == [6]
    assert by["UNODC/HONEURO/12/1"].cited_in == [] and by["UNODC/HONEURO/12/1"].in_annex


def test_own_symbol_and_no_annex(tmp_path):
    """The masthead symbol is the report's own; without an annex the documents the Meeting
    "had before it" are before the meeting under the item of that paragraph; a resolution's
    symbol is a citation of the resolution, not a document."""
    text = """UNODC/HONLAF/30/6

1 August 2020

Report of the Thirtieth Meeting of Heads of National Drug Law Enforcement Agencies, Africa, held in Nairobi from 1 to 4 July 2020

I. Proceedings

1. At its 1st meeting, the Meeting considered item 3 of the agenda. It had before it a note by the Secretariat (UNODC/HONLAF/30/2) and country reports (UNODC/HONLAF/30/CRP.1-3).

2. The Meeting recalled General Assembly resolution 73/192 (A/RES/73/192) and paragraph 5 of Commission on Narcotic Drugs resolution 62/4. The present report (UNODC/HONLAF/30/6) was adopted.
"""
    f = extract_text(tmp_path, text)
    assert f.meeting.symbol == "UNODC/HONLAF/30/6"
    docs = {d.symbol: d for d in f.documents}
    assert sorted(docs) == ["UNODC/HONLAF/30/2", "UNODC/HONLAF/30/CRP.1", "UNODC/HONLAF/30/CRP.2",
                            "UNODC/HONLAF/30/CRP.3"]
    assert all(d.before_meeting and d.agenda_item == "3" and d.cited_in == [1] for d in docs.values())
    cites = {(c.body, c.kind, c.number, c.paragraph, c.pinpoint) for c in f.citations}
    assert ("GA", "resolution", "73/192", 2, None) in cites
    assert ("CND", "resolution", "62/4", 2, "paragraph 5") in cites


def test_real_report_citations(document):
    from honlea_kg.extract.documents import extract_citations

    cites, _ = extract_citations(document)
    assert {(c.paragraph, c.body, c.kind, c.number) for c in cites} == {
        (35, "CND", "decision", "60/1"), (36, "CND", "decision", "60/1"), (39, "CND", "decision", "60/1"),
        (44, "CND", "decision", "60/1"), (55, "CND", "decision", "60/1"), (36, "GA", "resolution", "71/211"),
        (36, "CND", "resolution", "56/10")}
    assert any(c.pinpoint == "paragraph 97" and c.number == "71/211" for c in cites)
