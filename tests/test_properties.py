"""Property-based tests (hypothesis) the grammar test files do not already have.

Already elsewhere (not repeated): symbol parse/print round trip and find-never-raises
(test_symbols.py), ISO/text/range date round trips and find-never-raises (test_dates.py), State
resolver never raises (test_states.py).  Here: the reader and the segmenter on arbitrary files
raise only our documented errors; dates written with the spacing and dashes of converted PDFs;
one State whatever its Unicode normalisation; document IRIs of arbitrary symbols are valid,
absolute and survive every RDF syntax; query form ignores words in comments.
"""

from __future__ import annotations

import tempfile
import unicodedata
from datetime import date, timedelta
from pathlib import Path

import pyoxigraph as ox
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS

from honlea_kg.model import HonleaError

REPORT_LIKE = st.lists(st.one_of(
    st.sampled_from(["1. ", "2. ", "I. ", "II. Organization of the session", "(a) ", "\n", "\n\n", "\t",
                     "\x0c", "Report of the Twelfth Meeting of Heads of National Drug Law Enforcement "
                     "Agencies, Europe, held in Vienna from 27 to 30 June 2017", "Annex", "* ", "# ",
                     "| a | b |", "[UNODC/HONEURO/12/1](#)", "<i>Chair:</i>", "\u00ad", "-\n", "\ufeff"]),
    st.text(max_size=30)), max_size=40).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(REPORT_LIKE, st.text()), st.sampled_from([".txt", ".md"]),
       st.sampled_from(["utf-8", "utf-16", "latin-1"]))
def test_reader_and_segmenter_raise_only_our_errors(text, suffix, encoding):
    from honlea_kg.reader import read_report
    from honlea_kg.segment import segment

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"report{suffix}"
        path.write_bytes(text.encode(encoding, errors="replace"))
        try:
            source = read_report(path)
        except HonleaError as exc:
            assert exc.path == str(path)
            return
        assert unicodedata.is_normalized("NFC", source.text)
        for b in source.blocks:
            assert source.text[b.span.start:b.span.end] == b.text
        try:
            doc = segment(source)
        except HonleaError as exc:
            assert str(path) in str(exc)
            return
        for p in doc.paragraphs:
            assert p.number >= 1


def test_page_break_on_a_blank_line_only_is_not_a_crash(tmp_path):
    """Found by the property above: a form feed alone on the last line made
    ``reader.running_headers`` take ``min()`` of nothing (ValueError, not a HonleaError)."""
    from honlea_kg.reader import read_report
    from honlea_kg.segment import segment

    path = tmp_path / "r.txt"
    path.write_bytes(b"1. \n\x0c")
    try:
        segment(read_report(path))
    except HonleaError as exc:
        assert str(path) in str(exc)
    path.write_bytes(b"Report\n\n1. First paragraph of text.\n\x0c\n\n2. Second paragraph.\n\x0c")
    source = read_report(path)
    assert "First paragraph of text." in source.text and "\x0c" not in source.text


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=2000), st.sampled_from([".txt", ".md", ".pdf", ".docx"]))
def test_reader_on_arbitrary_bytes_raises_only_our_errors(data, suffix):
    from honlea_kg.reader import read_report

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"x{suffix}"
        path.write_bytes(data)
        try:
            read_report(path)
        except HonleaError:
            pass


SPACES = st.sampled_from([" ", "\u00a0", "\u202f", "\u2009", "  "])
DASHES = st.sampled_from(["-", "\u2013", "\u2014", " to "])


@settings(deadline=None)
@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 1)), st.integers(1, 40), SPACES, DASHES)
def test_date_range_with_pdf_spacing_and_dashes(first, days, space, dash):
    from honlea_kg.extract.dates import MONTHS, parse_date_range

    last = first + timedelta(days=days)
    if last.year != first.year:
        return
    if dash == " to ":
        sep = " to "
    else:
        sep = f"{space}{dash}{space}"
    text = (f"{first.day}{space}{MONTHS[first.month - 1]}{sep}{last.day}{space}"
            f"{MONTHS[last.month - 1]}{space}{last.year}")
    assert parse_date_range(text) == (first, last)


STATE_NAMES = st.sampled_from(["Türkiye", "Côte d'Ivoire", "Réunion", "Curaçao", "São Tomé and Príncipe",
                               "Turkey", "Germany", "Viet Nam"])


@settings(deadline=None)
@given(STATE_NAMES, st.sampled_from(["NFC", "NFD", "NFKC", "NFKD"]))
def test_state_resolution_ignores_unicode_normalisation(name, form):
    from honlea_kg.extract.states import resolve_state

    assert resolve_state(unicodedata.normalize(form, name)) == resolve_state(name)


SYMBOL_TEXT = st.lists(st.one_of(st.sampled_from(["A", "E", "S", "RES", "CN.7", "PV.7834", "L.3", "CRP.2",
                                                   " (Resumption 1)", ", para", "Add.1", "é", "*", "#", "%",
                                                   "?", "<", ">", '"', "{", "|", "\\", "^", "`", " ", "..",
                                                   "\x0c", "\u00a0"]),
                                  st.text(max_size=4)), min_size=1, max_size=6).map("/".join)


@settings(max_examples=200, deadline=None)
@given(SYMBOL_TEXT)
def test_document_iri_of_any_symbol_is_absolute_valid_and_round_trips(symbol):
    from honlea_kg.iris import IriPolicy

    policy = IriPolicy("https://example.org/kg/")
    iri = policy.document(symbol)
    assert iri.startswith("https://example.org/kg/doc/")
    assert not any(c in iri for c in ' <>"{}|\\^`') and not any(ord(c) < 0x21 or 0x7f <= ord(c) <= 0x9f for c in iri)
    assert "/../" not in iri and "/./" not in iri
    # the file it is published as stays inside the build folder
    rel = policy.file_of(iri)
    assert rel and not rel.startswith("/") and ".." not in Path(rel).parts
    g = Graph()
    g.add((URIRef(iri), RDFS.label, Literal(symbol)))
    for fmt, oxf in (("nt", ox.RdfFormat.N_TRIPLES), ("turtle", ox.RdfFormat.TURTLE),
                     ("json-ld", ox.RdfFormat.JSON_LD)):
        text = g.serialize(format=fmt)
        assert [t.subject.value for t in ox.parse(text.encode("utf-8"), format=oxf)] == [iri]
        assert set(Graph().parse(data=text, format=fmt).subjects()) == {URIRef(iri)}


def test_dot_segments_of_a_symbol_never_leave_the_build_folder():
    """Found by the property above: symbol ".." gave ``doc/%2E%2E`` (the same IRI as ``doc/..``
    under RFC 3986 section 6.2.2.2) published as ``doc/../index.html`` -- the home page."""
    from honlea_kg.iris import IriPolicy

    policy = IriPolicy("https://example.org/kg/")
    for symbol, path in (("..", "doc/_.."), ("../..", "doc/_../_.."), ("A/./1", "doc/A/_./1"), ("A//1", "doc/A/_/1")):
        iri = policy.document(symbol)
        assert iri == "https://example.org/kg/" + path
        assert policy.file_of(iri) == path + "/index.html"
        assert "%2E" not in iri.upper()
    # an IRI written by hand with encoded dot segments still maps inside the folder
    assert ".." not in Path(policy.file_of("https://example.org/kg/doc/%2E%2E/%2e%2e/x")).parts


COMMENT_WORDS = st.lists(st.sampled_from(["address", "load", "ask", "describe", "construct", "insert",
                                          "ASK", "DESCRIBE", "LOAD", "select", "{", "}", "#", "WHERE"]),
                         max_size=8).map(" ".join)


@settings(deadline=None)
@given(st.lists(COMMENT_WORDS, max_size=4))
def test_query_form_ignores_words_in_comments(comments):
    from honlea_kg.results import query_form

    head = "".join(f"# {c}\n" for c in comments)
    assert query_form(head + "PREFIX ex: <http://example.org/>\nSELECT ?s WHERE { ?s ?p ?o } LIMIT 1") == "SELECT"
    assert query_form(head + "ASK { ?s ?p ?o }") == "ASK"
