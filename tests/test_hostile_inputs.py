"""Hostile inputs, end to end through ``honlea-kg build`` (issue "Robustness and security").

One corpus of three edited copies of the bundled report (three distinct meetings of the Europe
series) is built once with a non-default base IRI; each test checks one promise of the issue on
what was published: symbols at the end of a sentence, symbols with parentheses, a bare
resolution symbol, date ranges (plain, and with non-breaking spaces and an en dash), control
characters from a PDF, one State written three ways, one canonical form of plain literals,
escaping in pages, links to documents whose symbols look like file extensions, and what
``honlea-kg serve`` answers for them (types, and path traversal refused).
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDFS, XSD

from conftest import REPORT, run_cli

BASE = "https://example.org/hostile-kg/"
SCHEMA = "https://schema.org/"
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
HOSTILE_TEXT = 'Speakers compared seizures where A < B & C > D, under the "5 < 6" rule.'


def report_variant(ordinal: int = 12, *, dates: str | None = None, turkey: str = "Turkey",
                   extra: str = "") -> str:
    """The bundled report edited into another meeting of the same series.

    ``ordinal`` renumbers the meeting (and its previous/next meetings and its own document
    symbols); ``dates`` replaces "from 27 to 30 June 2017"; ``turkey`` replaces how that State
    is written in the attendance lists; ``extra`` is appended to paragraph 36.
    """
    from honlea_kg.extract.ordinals import ordinal_word

    text = REPORT.read_text(encoding="utf-8")
    if ordinal != 12:
        text = (text.replace("Thirteenth", "@NEXT@").replace("Eleventh", "@PREV@")
                .replace("Twelfth", ordinal_word(ordinal))
                .replace("@NEXT@", ordinal_word(ordinal + 1)).replace("@PREV@", ordinal_word(ordinal - 1))
                .replace("HONEURO/12/", f"HONEURO/{ordinal}/"))
    if dates:
        assert "from 27 to 30 June 2017" in text
        text = text.replace("from 27 to 30 June 2017", dates)
    assert "Tajikistan, Turkey and" in text and "Sweden, Turkey," in text
    text = text.replace("Tajikistan, Turkey and", f"Tajikistan, {turkey} and").replace(
        "Sweden, Turkey,", f"Sweden, {turkey},")
    if extra:
        marker = "\n\n37. The role"
        assert marker in text
        text = text.replace(marker, " " + extra + marker, 1)
    return text


EXTRA_12 = ("The Meeting took note of the proposals as contained in document E/CN.7/2016/L.3. "
            "It recalled resolution A/RES/69/201 and the records in S/PV.7834 (Resumption 1) and "
            "UNODC/HONEURO/12/CRP.2. " + HOSTILE_TEXT)
NFD_TURKIYE = unicodedata.normalize("NFD", "Türkiye")


def write_hostile_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "europe-12.txt").write_text(report_variant(12, turkey="Türkiye", extra=EXTRA_12), encoding="utf-8")
    (folder / "europe-13.txt").write_text(
        report_variant(13, dates="from 28 to 30 June 2016", turkey=NFD_TURKIYE), encoding="utf-8")
    pdf_like = report_variant(14, dates="from 28\u00a0June\u00a0\u2013\u00a01\u00a0July\u00a02016")
    assert "\nD. Adoption of the agenda\n" in pdf_like
    pdf_like = pdf_like.replace("\nD. Adoption of the agenda\n", "\nD. Item 3\x0cAdoption of the agenda\x07\n")
    pdf_like = pdf_like.replace("\n\n57. ", "\n\x0c\x0b\x1b[0m\n57. ")
    pdf_like = pdf_like.replace("closing remarks.", "closing\x08 remarks.\x7f\x85")
    (folder / "europe-14.txt").write_text(pdf_like, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    corpus = write_hostile_corpus(root / "corpus")
    out = root / "out"
    done = run_cli("build", str(corpus), "--out", str(out), "--base-iri", BASE)
    assert done.returncode == 0, done.stderr + done.stdout
    assert "reports: 3 built, 0 failed" in done.stdout
    return out


@pytest.fixture(scope="module")
def nt_graph(hostile) -> Graph:
    return Graph().parse(hostile / "dataset.nt", format="nt")


def meeting(n: int) -> URIRef:
    return URIRef(f"{BASE}series/honlea-europe/{n}")


# --- 1. symbols -------------------------------------------------------------------------------

def test_symbol_at_end_of_sentence_has_no_final_dot(nt_graph):
    doc = URIRef(BASE + "doc/E/CN.7/2016/L.3")
    assert set(nt_graph.objects(doc, URIRef("http://purl.org/dc/terms/identifier"))) == {Literal("E/CN.7/2016/L.3")}
    bad = {s for s in nt_graph.subjects() if isinstance(s, URIRef) and "/doc/" in s and s.endswith(".")}
    assert not bad


@pytest.mark.parametrize("symbol", ["S/PV.7834 (Resumption 1)", "A/C.3/71/L.1, para", "E/CN.7/2016/L.3",
                                    "A/RES/S-30/1", "UNODC/HONEURO/12/CRP.2-22", "E/2016/28*",
                                    "S/PV.7834 (Resumption\u00a01)", "X/\u00e9t\u00e9/1"])
def test_document_iri_round_trips_through_every_format(symbol):
    from honlea_kg.iris import IriPolicy

    iri = URIRef(IriPolicy(BASE).document(symbol))
    g = Graph()
    g.add((iri, RDFS.label, Literal(symbol)))
    for fmt, ox_fmt in (("turtle", ox.RdfFormat.TURTLE), ("nt", ox.RdfFormat.N_TRIPLES),
                        ("json-ld", ox.RdfFormat.JSON_LD)):
        text = g.serialize(format=fmt)
        back = Graph().parse(data=text, format=fmt)
        assert set(back.subjects()) == {iri}, (fmt, text)
        second = [t.subject.value for t in ox.parse(text.encode("utf-8"), format=ox_fmt)]
        assert second == [str(iri)], (fmt, text)


def test_parenthesised_symbol_is_one_document_in_every_dump(hostile):
    iri = BASE + "doc/S/PV.7834_(Resumption_1)"
    for name, fmt in (("dataset.nt", ox.RdfFormat.N_TRIPLES), ("dataset.ttl", ox.RdfFormat.TURTLE),
                      ("dataset.trig", ox.RdfFormat.TRIG), ("dataset.jsonld", ox.RdfFormat.JSON_LD)):
        docs = {q.subject.value for q in ox.parse(path=str(hostile / name), format=fmt)
                if isinstance(q.subject, ox.NamedNode) and "PV.7834" in q.subject.value}
        assert docs == {iri}, name


# --- 2. bare citation, absolute IRIs ----------------------------------------------------------

IRI_OK = re.compile(r"^[a-z][a-z0-9+.-]*:[^\s<>\"{}|\\^`\x00-\x20]+$")


def test_bare_resolution_symbol_gets_an_absolute_iri_under_the_base(nt_graph):
    res = URIRef(BASE + "resolution/ga/69-201")
    assert (res, None, None) in nt_graph
    ours = [t for t in nt_graph.all_nodes() if isinstance(t, URIRef) and "resolution/ga/69-201" in t]
    assert ours and all(str(t).startswith(BASE) for t in ours)


def test_every_iri_in_every_dump_is_absolute_and_valid(hostile):
    for name, fmt in (("dataset.nt", ox.RdfFormat.N_TRIPLES), ("dataset.trig", ox.RdfFormat.TRIG)):
        for q in ox.parse(path=str(hostile / name), format=fmt):
            for term in (q.subject, q.predicate, q.object, getattr(q, "graph_name", None)):
                if isinstance(term, ox.NamedNode):
                    assert IRI_OK.match(term.value), (name, term.value)
    # rdflib's N-Triples parser is strict about IRIs too
    assert len(Graph().parse(hostile / "dataset.nt", format="nt")) > 1000


# --- 3/5. dates -------------------------------------------------------------------------------

def _dates_in(hostile: Path, name: str, fmt) -> dict[tuple[str, str], set[str]]:
    found: dict[tuple[str, str], set[str]] = {}
    for q in ox.parse(path=str(hostile / name), format=fmt):
        if isinstance(q.object, ox.Literal) and q.object.datatype.value in (str(XSD.date), str(XSD.gYear)):
            found.setdefault((q.subject.value, q.predicate.value), set()).add(
                (q.object.value, q.object.datatype.value))
    return found


@pytest.mark.parametrize("name,fmt", [("dataset.nt", ox.RdfFormat.N_TRIPLES), ("dataset.ttl", ox.RdfFormat.TURTLE),
                                      ("dataset.trig", ox.RdfFormat.TRIG), ("dataset.jsonld", ox.RdfFormat.JSON_LD)])
def test_meeting_dates_have_exact_lexical_forms_in_every_format(hostile, name, fmt):
    dates = _dates_in(hostile, name, fmt)
    d = str(XSD.date)
    assert dates[(str(meeting(13)), SCHEMA + "startDate")] == {("2016-06-28", d)}
    assert dates[(str(meeting(13)), SCHEMA + "endDate")] == {("2016-06-30", d)}
    # written "28 June – 1 July 2016" with non-breaking spaces and an en dash
    assert dates[(str(meeting(14)), SCHEMA + "startDate")] == {("2016-06-28", d)}
    assert dates[(str(meeting(14)), SCHEMA + "endDate")] == {("2016-07-01", d)}
    for values in dates.values():
        for value, dt in values:
            assert re.fullmatch(r"\d{4}" if dt.endswith("gYear") else r"\d{4}-\d{2}-\d{2}", value), value


def test_a_year_alone_is_a_gyear_never_a_made_up_first_of_january(hostile, nt_graph):
    years = [(s, o) for s, p, o in nt_graph if isinstance(o, Literal) and o.datatype == XSD.gYear]
    assert years, "the next meeting's year ('to be held in 2019') should be an xsd:gYear"
    assert all(re.fullmatch(r"\d{4}", str(o)) for _, o in years)
    made_up = [o for o in nt_graph.objects() if isinstance(o, Literal) and o.datatype == XSD.date
               and str(o).endswith("-01-01")]
    assert not made_up  # no report says "1 January"
    assert "1 January" not in (hostile.parent / "corpus" / "europe-12.txt").read_text(encoding="utf-8")


# --- 4. control characters --------------------------------------------------------------------

def test_no_control_character_reaches_any_literal_or_iri(hostile):
    seen = 0
    for q in ox.parse(path=str(hostile / "dataset.trig"), format=ox.RdfFormat.TRIG):
        for term in (q.subject, q.predicate, q.object, q.graph_name):
            if isinstance(term, (ox.NamedNode, ox.Literal)):
                assert not CONTROL.search(term.value), repr(term.value[:200])
                seen += 1
    assert seen > 10000
    # the words around the form feed survive as text
    text = (hostile / "dataset.nt").read_text(encoding="utf-8")
    assert "closing remarks" in text or "closing  remarks" in text


def test_every_written_rdf_file_of_the_pdf_like_report_reparses(hostile):
    folder = hostile / "series" / "honlea-europe" / "14"
    files = [p for p in folder.rglob("*") if p.suffix in (".ttl", ".nt", ".jsonld", ".rdf")]
    pages = list(folder.rglob("index.html"))
    assert len(pages) >= 5 and len(files) == 3 * len(pages)  # each document: Turtle, N-Triples, JSON-LD
    fmts = {".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES, ".jsonld": ox.RdfFormat.JSON_LD,
            ".rdf": ox.RdfFormat.RDF_XML}
    rdflib_fmt = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".rdf": "xml"}
    for p in files:
        raw = p.read_bytes()
        assert not CONTROL.search(raw.decode("utf-8")), p
        a = {(str(t.subject), str(t.predicate), str(t.object)) for t in ox.parse(raw, format=fmts[p.suffix])}
        b = Graph().parse(data=raw, format=rdflib_fmt[p.suffix])
        assert len(a) == len(b), p


@pytest.mark.parametrize("name,fmt,rfmt", [("dataset.nt", ox.RdfFormat.N_TRIPLES, "nt"),
                                           ("dataset.ttl", ox.RdfFormat.TURTLE, "turtle"),
                                           ("dataset.jsonld", ox.RdfFormat.JSON_LD, "json-ld")])
def test_every_dump_reparses_to_the_same_triples_in_two_parsers(hostile, name, fmt, rfmt):
    from rdflib import BNode

    def key(t):
        if isinstance(t, (BNode, ox.BlankNode)):
            return "_"
        if isinstance(t, ox.Literal):
            dt = t.datatype.value if t.datatype else None
            return ("L", t.value, t.language or "",
                    "" if (t.language or dt == str(XSD.string)) else dt)
        if isinstance(t, Literal):
            dt = str(t.datatype) if t.datatype else ""
            return ("L", str(t), t.language or "", "" if (t.language or dt in ("", str(XSD.string))) else dt)
        return str(t.value if isinstance(t, ox.NamedNode) else t)

    ox_triples = {(key(t.subject), key(t.predicate), key(t.object)) for t in ox.parse(path=str(hostile / name), format=fmt)}
    if rfmt == "nt":
        g = Graph().parse(hostile / name, format=rfmt)
        rdf_triples = {(key(s), key(p), key(o)) for s, p, o in g}
    else:
        ds = Dataset().parse(hostile / name, format=rfmt)
        rdf_triples = {(key(s), key(p), key(o)) for s, p, o, _ in ds.quads()}
    assert ox_triples == rdf_triples


# --- 5. one State, three spellings ------------------------------------------------------------

def test_one_state_for_turkiye_nfc_nfd_and_turkey(hostile, nt_graph):
    tur = URIRef(BASE + "state/TUR")
    labels = list(nt_graph.objects(tur, RDFS.label))
    assert len(labels) == 1 and unicodedata.is_normalized("NFC", str(labels[0]))
    attendees = {m for m in (meeting(12), meeting(13), meeting(14)) if (m, None, tur) in nt_graph}
    assert attendees == {meeting(12), meeting(13), meeting(14)}
    states = {s for s in nt_graph.all_nodes() if isinstance(s, URIRef) and str(s).startswith(BASE + "state/")}
    assert all(re.fullmatch(r"[A-Z]{3}", str(s).rsplit("/", 1)[1]) for s in states)
    pages = sorted(p.parent.name for p in (hostile / "state").glob("*/index.html"))
    assert pages == sorted(str(s).rsplit("/", 1)[1] for s in states)
    page = (hostile / "state" / "TUR" / "index.html").read_text(encoding="utf-8")
    assert unicodedata.is_normalized("NFC", page)
    assert NFD_TURKIYE not in page
    for m in (12, 13, 14):  # the state's page lists all three meetings
        assert f"series/honlea-europe/{m}/" in page


# --- 6. plain literal vs xsd:string -----------------------------------------------------------

def test_plain_and_xsd_string_literals_have_one_canonical_form(nt_graph):
    pairs: dict[tuple, set] = {}
    for s, p, o in nt_graph:
        if isinstance(o, Literal) and o.language is None and o.datatype in (None, XSD.string):
            pairs.setdefault((s, p, str(o)), set()).add(o.datatype)
    twins = [k for k, v in pairs.items() if len(v) > 1]
    assert not twins, twins[:5]
    # and the N-Triples count equals the count pyoxigraph (RDF 1.1: simple literal == xsd:string) sees
    ox_count = len({(t.subject, t.predicate, t.object) for t in ox.parse(
        nt_graph.serialize(format="nt").encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)})
    assert ox_count == len(nt_graph)


# --- escaping ---------------------------------------------------------------------------------

def test_every_literal_that_reaches_a_page_is_escaped(hostile):
    page = (hostile / "series" / "honlea-europe" / "12" / "report" / "index.html").read_text(encoding="utf-8")
    assert "A &lt; B &amp; C &gt; D" in page and HOSTILE_TEXT in html.unescape(page)
    assert "A < B" not in page and "C > D" not in page.replace("-->", "")
    # the embedded JSON-LD cannot close its <script> element early
    for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S):
        assert "</" not in block
        json.loads(block)


# --- 9. links to documents whose symbols look like files --------------------------------------

DOC_LINKS = {"UNODC/HONEURO/12/CRP.2": "doc/UNODC/HONEURO/12/CRP.2",
             "S/PV.7834 (Resumption 1)": "doc/S/PV.7834_(Resumption_1)"}


def _hrefs_to(page_path: Path, target_fragment: str) -> list[str]:
    text = page_path.read_text(encoding="utf-8")
    hrefs = [html.unescape(h) for h in re.findall(r'href="([^"]+)"', text)]
    return [h for h in hrefs if unquote(h.split("#", 1)[0]).rstrip("/").endswith(target_fragment)]


def test_links_to_documents_resolve_on_a_static_host(hostile):
    page = hostile / "series" / "honlea-europe" / "12" / "report" / "index.html"
    for symbol, path in DOC_LINKS.items():
        hrefs = _hrefs_to(page, unquote(path))
        assert hrefs, symbol
        for href in hrefs:
            target = (page.parent / unquote(href.split("#", 1)[0])).resolve()
            assert target == (hostile / unquote(path)).resolve(), href
            written = (target / "index.html").read_text(encoding="utf-8")
            assert html.escape(symbol, quote=False) in written


# --- 9/10. serve ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def served(hostile):
    from honlea_kg.serve import make_server, start_in_thread

    secret = hostile.parent / "secret.txt"
    secret.write_text("not for the web", encoding="utf-8")
    server = make_server(hostile, "127.0.0.1", 0)
    start_in_thread(server)
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def test_served_links_resolve_to_the_document_pages(hostile, served):
    from serve_http import fetch

    page_url = "/series/honlea-europe/12/report/"
    page = hostile / "series" / "honlea-europe" / "12" / "report" / "index.html"
    for symbol, path in DOC_LINKS.items():
        for href in _hrefs_to(page, unquote(path)):
            url = urlsplit(urljoin("http://127.0.0.1" + page_url, href)).path
            r = fetch(served, url, accept="text/html")
            assert r.status == 200, (href, url, r.status)
            assert r.header("Content-Type") == "text/html; charset=utf-8"
            assert html.escape(symbol, quote=False) in r.body.decode("utf-8")


def same_type(got: str | None, want: str) -> bool:
    """``got`` is ``want`` (media type and parameters); for N-Triples and JSON-LD, whose media
    types define UTF-8 as their only encoding, a ``charset=utf-8`` parameter is also accepted."""
    norm = (got or "").replace(" ", "").lower()
    want = want.replace(" ", "").lower()
    return norm == want or (";" not in want and norm == want + ";charset=utf-8")


@pytest.mark.parametrize("path,ctype", [
    ("/dataset.ttl", "text/turtle; charset=utf-8"),
    ("/dataset.jsonld", "application/ld+json"),
    ("/dataset.nt", "application/n-triples"),
    ("/doc/UNODC/HONEURO/12/CRP.2/", "text/html; charset=utf-8"),
    ("/doc/UNODC/HONEURO/12/CRP.2/index.html", "text/html; charset=utf-8"),
    ("/doc/UNODC/HONEURO/12/CRP.2/index.ttl", "text/turtle; charset=utf-8"),
    ("/doc/UNODC/HONEURO/12/CRP.2/index.jsonld", "application/ld+json"),
    ("/doc/UNODC/HONEURO/12/CRP.2/index.nt", "application/n-triples"),
    ("/doc/S/PV.7834_(Resumption_1)/", "text/html; charset=utf-8"),
    ("/doc/S/PV.7834_%28Resumption_1%29/index.ttl", "text/turtle; charset=utf-8"),
])
def test_served_content_types(served, path, ctype):
    from serve_http import fetch

    r = fetch(served, path)
    assert r.status == 200, path
    assert same_type(r.header("Content-Type"), ctype)


@pytest.mark.parametrize("accept,ctype", [("text/html", "text/html; charset=utf-8"),
                                          ("text/turtle", "text/turtle; charset=utf-8"),
                                          ("application/ld+json", "application/ld+json"),
                                          ("application/n-triples", "application/n-triples")])
def test_entity_whose_symbol_ends_like_an_extension_negotiates(served, accept, ctype):
    from serve_http import fetch

    r = fetch(served, "/doc/UNODC/HONEURO/12/CRP.2", accept=accept)
    assert r.status == 303
    target = urlsplit(urljoin("http://127.0.0.1/doc/UNODC/HONEURO/12/CRP.2", r.header("Location"))).path
    r2 = fetch(served, target)
    assert r2.status == 200
    assert same_type(r2.header("Content-Type"), ctype)


@pytest.mark.parametrize("path", [
    "/../secret.txt", "/doc/../../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt",
    "/doc/%2e%2e/%2e%2e/secret.txt", "/..%2fsecret.txt", "/..%2Fsecret.txt", "/%2e%2e%2fsecret.txt",
    "/..%5csecret.txt", "/..\\secret.txt", "//etc/passwd", "/%2Fetc%2Fpasswd", "/etc/passwd",
    "/%252e%252e/secret.txt", "/state/TUR/%00index.html", "/.%2e/secret.txt",
])
def test_serve_refuses_path_traversal(served, hostile, path):
    from serve_http import fetch, raw_request

    r = fetch(served, path)
    assert r.status in (400, 403, 404), (path, r.status)
    assert b"not for the web" not in r.body and b"root:" not in r.body
    assert raw_request(served, f"GET {path} HTTP/1.1") in (400, 403, 404)


def test_plain_and_xsd_string_from_two_reports_assemble_to_one_triple(tmp_path):
    """The same value produced once as a plain literal and once as ``xsd:string`` (RDF 1.1:
    the same literal) is one triple in the published union, and validates."""
    import pyoxigraph as ox

    from honlea_kg.publish.dumps import canonical_ntriples
    from honlea_kg.stages.cross import conflicting_nodes
    from honlea_kg.docindex import DocIndex, IndexView, piece_parts

    s = URIRef(BASE + "series/honlea-europe/12/report")
    lang = URIRef("http://purl.org/dc/terms/language")
    index = DocIndex(tmp_path / "index.sqlite")
    for n, lit in enumerate((Literal("en"), Literal("en", datatype=XSD.string))):
        g = Graph()
        g.add((s, lang, lit))
        # each report's N-Triples is canonical, as the per-report stage writes it
        nt = canonical_ntriples(ox.parse(g.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES))
        index.add_piece(f"piece{n}", BASE + "graph/1", piece_parts(nt, BASE))
    index.use([index.piece_id("piece0"), index.piece_id("piece1")])
    (triple,) = IndexView(index).out.get(str(s))
    assert triple.object.value == "en" and index.count() == 1
    assert conflicting_nodes(index) == set()  # both reports say the same: nothing to re-check