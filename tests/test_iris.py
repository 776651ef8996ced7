"""The IRI policy: every minted IRI is absolute, valid, NFC, free of spaces and control
characters, deterministic, and survives Turtle, N-Triples and JSON-LD in rdflib and pyoxigraph."""

from __future__ import annotations

import json
import re
import unicodedata

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef

from honlea_kg.iris import DEFAULT_BASE, IriPolicy, check_base, symbol_path

IRIS = IriPolicy()
# RFC 3987 IRI: no spaces, controls, or the characters RFC 3986 excludes (<>"{}|\^`).
FORBIDDEN = re.compile(r'[\x00-\x20\x7f-\x9f<>"{}|\\^`]')
ABSOLUTE = re.compile(r"^https?://[^/\s]+/\S*$")


def assert_valid(iri: str) -> None:
    assert ABSOLUTE.match(iri), iri
    assert not FORBIDDEN.search(iri), iri
    assert unicodedata.normalize("NFC", iri) == iri, iri
    assert iri.count("#") <= 1, iri
    ox.NamedNode(iri)  # raises ValueError on an invalid IRI


def roundtrip(iri: str) -> None:
    """The IRI comes back unchanged from Turtle, N-Triples and JSON-LD, in rdflib and pyoxigraph."""
    g = Graph()
    g.add((URIRef(iri), URIRef("https://w3id.org/honlea-kg/ns#p"), Literal("v")))
    for fmt, ox_fmt in (("turtle", ox.RdfFormat.TURTLE), ("nt", ox.RdfFormat.N_TRIPLES),
                        ("json-ld", ox.RdfFormat.JSON_LD)):
        text = g.serialize(format=fmt)
        back = Graph().parse(data=text, format=fmt)
        assert {str(s) for s in back.subjects()} == {iri}, (fmt, text)
        parsed = list(ox.parse(text.encode("utf-8"), format=ox_fmt))
        assert [q.subject.value for q in parsed] == [iri], (fmt, text)
    # pyoxigraph writes, rdflib reads
    quad = ox.Triple(ox.NamedNode(iri), ox.NamedNode("https://w3id.org/honlea-kg/ns#p"), ox.Literal("v"))
    nt = ox.serialize([quad], format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
    assert str(next(Graph().parse(data=nt, format="nt").subjects())) == iri


SYMBOLS = ["UNODC/HONEURO/12/L.1/Add.3", "S/PV.7834 (Resumption 1)", "A/RES/S-30/1", "S/RES/1440 (2002)",
           "E/CN.7/2017/16-E/CN.15/2017/13", "UNODC/HONEURO/12/CRP.2", "A/71/L.5, annex", "ST/SGB/2018/1*",
           "A/HRC/37/L.1/Rev.1", "CND/Res.56/10 [draft]"]


@pytest.mark.parametrize("symbol", SYMBOLS)
def test_real_symbols_give_valid_iris_that_roundtrip(symbol):
    iri = IRIS.document(symbol)
    assert_valid(iri)
    roundtrip(iri)
    assert iri == IRIS.document(symbol)


def test_symbol_encoding_examples():
    assert IRIS.document("UNODC/HONEURO/12/L.1/Add.3") == DEFAULT_BASE + "doc/UNODC/HONEURO/12/L.1/Add.3"
    assert IRIS.document("S/PV.7834 (Resumption 1)") == DEFAULT_BASE + "doc/S/PV.7834_(Resumption_1)"
    assert symbol_path("A/71/L.5, annex") == "doc/A/71/L.5,_annex"
    assert symbol_path("CND/Res.56/10 [draft]") == "doc/CND/Res.56/10_%5Bdraft%5D"
    assert symbol_path("A/B/../C") == "doc/A/B/_../C"  # %2E%2E would equal ".." (RFC 3986 6.2.2.2)


def test_no_trailing_slash_and_fragments_for_text_units():
    meeting = IRIS.meeting("HONEURO", 12)
    assert meeting == "https://w3id.org/honlea-kg/series/honlea-europe/12"
    assert IRIS.paragraph("HONEURO", 12, 36) == meeting + "/report#para_36"
    assert IRIS.subparagraph("HONEURO", 12, 2, "a") == meeting + "/report#para_2__point_a"
    assert IRIS.report_text("HONEURO", 12) == meeting + "/report/source.txt"
    assert IRIS.schemes_graph() == DEFAULT_BASE + "graph/schemes"
    assert IRIS.concept("role", "First Vice-Chair") == DEFAULT_BASE + "role/first-vice-chair"
    assert IRIS.scheme("role") == DEFAULT_BASE + "scheme/role"


@pytest.mark.parametrize("bad", ["http://example.org", "ftp://example.org/", "https://exa mple.org/",
                                 "https://example.org/a\"b/", "https://example.org/a#b/", "/relative/"])
def test_bad_bases_are_refused(bad):
    with pytest.raises(ValueError, match="base IRI"):
        check_base(bad)


text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(symbol=text)
def test_any_symbol_gives_a_valid_absolute_iri(symbol):
    iri = IRIS.document(symbol)
    assert_valid(iri)
    assert iri.startswith(DEFAULT_BASE + "doc/")
    assert iri == IRIS.document(unicodedata.normalize("NFC", symbol))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=text, code=st.from_regex(r"[A-Z]{3}", fullmatch=True), n=st.integers(min_value=1, max_value=10**6))
def test_any_name_gives_valid_iris_for_every_minting_method(name, code, n):
    minted = [IRIS.person(name), IRIS.organization(name), IRIS.place(name), IRIS.instrument(name),
              IRIS.concept(name, name), IRIS.scheme(name), IRIS.series(name), IRIS.body(name),
              IRIS.meeting(name, n), IRIS.officer(code, n, name), IRIS.agenda_item(code, n, name),
              IRIS.agenda(code, n, name), IRIS.finding(code, n, n, name, name), IRIS.recommendation(code, n, n, name),
              IRIS.subparagraph(code, n, n, name), IRIS.resolution(name, name, name), IRIS.state(code),
              IRIS.graph(code, n)]
    for iri in minted:
        assert_valid(iri)
        assert not iri.endswith("/"), iri
    assert minted == [IRIS.person(name), IRIS.organization(name), IRIS.place(name), IRIS.instrument(name),
                      IRIS.concept(name, name), IRIS.scheme(name), IRIS.series(name), IRIS.body(name),
                      IRIS.meeting(name, n), IRIS.officer(code, n, name), IRIS.agenda_item(code, n, name),
                      IRIS.agenda(code, n, name), IRIS.finding(code, n, n, name, name),
                      IRIS.recommendation(code, n, n, name), IRIS.subparagraph(code, n, n, name),
                      IRIS.resolution(name, name, name), IRIS.state(code), IRIS.graph(code, n)]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(symbol=text)
def test_any_symbol_iri_roundtrips_through_three_syntaxes_and_two_libraries(symbol):
    roundtrip(IRIS.document(symbol))


def test_every_iri_of_the_real_build_is_valid(built):
    """Every IRI in the dumps is absolute, valid for pyoxigraph, NFC, without spaces or controls."""
    seen = set()
    for quad in ox.parse(path=str(built / "dataset.trig"), format=ox.RdfFormat.TRIG):
        for term in (quad.subject, quad.predicate, quad.object, quad.graph_name):
            if isinstance(term, ox.NamedNode):
                seen.add(term.value)
    assert len(seen) > 500
    for iri in seen:
        assert_valid(iri)
    g = Graph().parse(built / "dataset.nt", format="nt")
    rdflib_iris = {str(t) for triple in g for t in triple if isinstance(t, URIRef)}
    assert rdflib_iris <= seen
    jsonld_files = sorted(built.rglob("index.jsonld"))[:50]
    for path in jsonld_files:
        json.loads(path.read_text(encoding="utf-8"))
