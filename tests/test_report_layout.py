"""The report's layout in the graph (mapping.map_layout) and the State as the report printed it
(hl:asGiven on per-meeting records): read from the bundled report's built dataset."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

HL = "https://w3id.org/honlea-kg/ns#"
REPORT = "https://w3id.org/honlea-kg/series/honlea-europe/12/report"
MEETING = "https://w3id.org/honlea-kg/series/honlea-europe/12"
PREFIXES = (f"PREFIX hl: <{HL}> PREFIX dct: <http://purl.org/dc/terms/> PREFIX schema: <https://schema.org/> "
            "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> ")


@pytest.fixture(scope="module")
def store(built):
    s = ox.Store()
    with open(built / "dataset.nt", "rb") as f:
        s.load(f, format=ox.RdfFormat.N_TRIPLES)
    return s


def rows(store, query: str) -> list[tuple]:
    return [tuple(v.value if v is not None else None for v in r) for r in store.query(PREFIXES + query)]


def test_headings_of_sections_and_topics_are_in_the_graph(store):
    found = rows(store, "SELECT ?n ?t ?level ?ch WHERE { ?h a hl:Heading ; hl:text ?t ; hl:level ?level ; "
                        "hl:firstLine ?line ; dct:isPartOf ?ch OPTIONAL { ?h hl:number ?n } } ORDER BY ?line")
    sections = [(n, t) for n, t, level, ch in found if ch.endswith("#chapter_X")]
    assert sections == [("A", "Opening and duration of the Meeting"), ("B", "Attendance"), ("C", "Election of officers"),
                        ("D", "Adoption of the agenda"), ("E", "Documentation")]
    topics = [(n, level) for n, t, level, ch in found if ch.endswith("#chapter_V")]
    assert topics == [("1", "3"), ("2", "3"), ("3", "3"), ("4", "3")]


def test_agenda_list_entries_nest_sub_items(store):
    top = rows(store, f"SELECT ?n WHERE {{ ?e a hl:ListEntry ; hl:number ?n ; schema:position ?p ; "
                      f"dct:isPartOf <{REPORT}#para_55> }} ORDER BY ?p")
    assert [n for (n,) in top] == [str(k) for k in range(1, 11)]
    subs = rows(store, f"SELECT ?n ?t WHERE {{ ?e dct:isPartOf <{REPORT}#para_55__item_6> ; hl:number ?n ; hl:text ?t ; "
                       f"schema:position ?p }} ORDER BY ?p")
    assert [n for n, _ in subs] == ["6(a)", "6(b)", "6(c)", "6(d)"]
    assert subs[0][1].startswith("Use of the Internet for drug-related activities")


def test_tables_keep_rows_cells_and_header(store):
    annex = rows(store, f"SELECT ?t ?h WHERE {{ ?t a hl:Table ; dct:isPartOf <{REPORT}#annex> ; hl:headerRows ?h }}")
    assert len(annex) == 1 and annex[0][1] == "1"
    cells = rows(store, f"SELECT ?pos ?c1 ?c2 ?c3 WHERE {{ ?r dct:isPartOf <{annex[0][0]}> ; schema:position ?pos ; "
                        f"rdf:_1 ?c1 ; rdf:_2 ?c2 ; rdf:_3 ?c3 }} ORDER BY ?pos")
    assert cells[0][1:] == ("Document number", "Agenda item", "Title or description")
    assert ("2", "UNODC/HONEURO/12/1", "2", "Provisional agenda and annotations") in cells
    officers = rows(store, f"SELECT ?c1 ?c2 WHERE {{ ?t dct:isPartOf <{REPORT}#para_54> . ?r dct:isPartOf ?t ; "
                           f"schema:position ?p ; rdf:_1 ?c1 ; rdf:_2 ?c2 }} ORDER BY ?p")
    assert officers[0] == ("Chair:", "Yoni Dekker (Netherlands)") and len(officers) == 4
    title = rows(store, f"SELECT ?t WHERE {{ <{REPORT}#annex> a hl:Annex ; dct:title ?t }}")
    assert title[0][0].startswith("List of documents before the Twelfth Meeting")


def test_records_keep_the_state_as_printed(store):
    """The 2017 report prints "Turkey"; the State's label is today's UN name."""
    assert rows(store, "SELECT ?l WHERE { <https://w3id.org/honlea-kg/state/TUR> rdfs:label ?l }") == [("Türkiye",)]
    for record in ("country-report-TUR", "questionnaire-reply-TUR", "participant-TUR"):
        printed = rows(store, f"SELECT ?g ?l WHERE {{ <{MEETING}#{record}> hl:asGiven ?g ; rdfs:label ?l }}")
        assert printed and printed[0][0] == "Turkey" and "Turkey" in printed[0][1] and "Türkiye" not in printed[0][1]
