"""``honlea-kg serve``: content negotiation (RFC 9110 section 12.5.1), 303 redirects, file
types, headers and path safety, against a fixture build folder (publishing-practice.md,
section 6, criteria 1-3, 5, 6, 10-12, 18)."""

from __future__ import annotations

import os
import re
import socket
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import Namespace

from honlea_kg.model import HonleaError
from honlea_kg.serve import (ENTITY_FORMATS, PREFERENCE, ServeError, content_type_for, make_server,
                             negotiate, parse_accept, start_in_thread)

from serve_fixture import BASE, make_build
from serve_http import CHROME, CURL, FIREFOX, RAPPER, fetch, follow, raw_request

ENTITY_TYPES = [f.media_type for f in ENTITY_FORMATS]
VOID = Namespace("http://rdfs.org/ns/void#")
HTML, TTL, JSONLD, NT = ENTITY_TYPES


# --- negotiate(): pure function -------------------------------------------------------------

@pytest.mark.parametrize("accept, expected", [
    (FIREFOX, HTML),
    (CHROME, HTML),
    (RAPPER, TTL),  # an RDF format, never HTML
    ("text/turtle;q=1, text/html;q=0.5", TTL),
    ("text/turtle", TTL),
    ("application/ld+json", JSONLD),
    ("application/json", JSONLD),
    ("application/n-triples", NT),
    ("text/plain", NT),
    ("application/xhtml+xml", HTML),
    (CURL, HTML),
    ("text/*", HTML),
    ("application/*", JSONLD),
    ("text/turtle, */*", TTL),  # explicit type beats the wildcard at equal q
    ("text/html;q=0, */*", TTL),  # q=0 excludes HTML; the next preference wins
    ("text/html;q=0, text/turtle;q=0, */*;q=0.1", JSONLD),
    ("application/ld+json;q=0.9, text/turtle;q=0.5", JSONLD),
    ("application/n-triples;q=0.4, text/turtle;q=0.3, text/html;q=0.2", NT),
    ("Text/Turtle", TTL),  # media types are case-insensitive
    ("text/turtle;q=2, application/ld+json", JSONLD),  # invalid qvalue: element dropped
    ("text/turtle;q=0.5;foo=bar, application/n-triples;q=0.4", TTL),  # accept-ext ignored
    ('text/turtle;profile="a,b";q=0.5, application/n-triples;q=0.4', TTL),  # quoted comma
    ("text/turtle;charset=utf-8;q=0.8, text/turtle;q=0.1, text/html;q=0.5", TTL),  # most specific
    ("", HTML),
    (None, HTML),
    ("garbage", HTML),  # unparseable header ignored
])
def test_negotiate_entity(accept, expected):
    assert negotiate(accept, ENTITY_TYPES) == expected


@pytest.mark.parametrize("accept", [
    "application/rdf+xml", "image/png", "*/*;q=0", "text/html;q=0", "application/xml, text/xml",
    "text/turtle;q=0, application/ld+json;q=0, application/n-triples;q=0, text/html;q=0",
])
def test_negotiate_nothing_acceptable(accept):
    assert negotiate(accept, ENTITY_TYPES) is None


def test_negotiate_respects_what_is_available():
    assert negotiate(FIREFOX, [TTL]) == TTL  # via */*;q=0.8
    assert negotiate("text/html", [TTL, NT]) is None
    assert negotiate(RAPPER, [HTML]) == HTML  # rapper accepts HTML at q=0.8 (xhtml alias)
    assert negotiate("application/trig", list(PREFERENCE)) == "application/trig"
    assert negotiate("application/trig", ENTITY_TYPES) is None
    assert negotiate("text/turtle", []) is None


def test_parse_accept_weights_and_specificity():
    ranges = parse_accept('text/html;level=1;q=0.7, text/*;q=0.3, */*, bad, a/b;q=x')
    assert [(r.type, r.subtype, r.q, r.specificity) for r in ranges] == [
        ("text", "html", 0.7, 3), ("text", "*", 0.3, 1), ("*", "*", 1.0, 0)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([0, 0.1, 0.5, 0.8, 0.9, 1]), min_size=4, max_size=4),
       st.permutations(ENTITY_TYPES))
def test_negotiate_picks_highest_q_then_preference(qs, order):
    """With every type named explicitly, the winner is the highest q, ties to PREFERENCE order."""
    header = ", ".join(f"{mt};q={q}" for mt, q in zip(order, qs))
    weights = dict(zip(order, qs))
    positive = [mt for mt in ENTITY_TYPES if weights[mt] > 0]
    expected = max(positive, key=lambda mt: (weights[mt], -ENTITY_TYPES.index(mt))) if positive else None
    assert negotiate(header, ENTITY_TYPES) == expected


def test_content_types_table():
    assert content_type_for("index.ttl") == "text/turtle; charset=utf-8"
    assert content_type_for("index.jsonld") == "application/ld+json"
    assert content_type_for("index.nt") == "application/n-triples; charset=utf-8"
    assert content_type_for("dataset.nt.gz") == "application/gzip"
    assert content_type_for("README") == "application/octet-stream"


# --- the server -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def build(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    root = tmp_path_factory.mktemp("serve") / "build"
    entities = make_build(root)
    # a secret outside the build and symlinks pointing at it
    secret = root.parent / "secret.txt"
    secret.write_text("TOP-SECRET-OUTSIDE\n")
    os.symlink(secret, root / "leak.txt")
    os.symlink(root.parent, root / "parent")
    (root / ".htaccess").write_text("# hidden\n")
    return root, entities


@pytest.fixture(scope="module")
def port(build):
    root, _ = build
    server = make_server(root, "127.0.0.1", 0)
    thread = start_in_thread(server)
    yield server.server_address[1]
    server.shutdown()
    server.server_close()
    thread.join(5)
    assert not thread.is_alive()


def path_of(iri: str) -> str:
    return "/" + iri[len(BASE):]


ENTITIES = ["meeting", "report", "state", "add3", "crp2", "pv"]


@pytest.mark.parametrize("name", ENTITIES)
@pytest.mark.parametrize("accept, ext, ctype, fmt", [
    ("text/turtle", "ttl", "text/turtle; charset=utf-8", "turtle"),
    ("application/ld+json", "jsonld", "application/ld+json", "json-ld"),
    ("application/n-triples", "nt", "application/n-triples; charset=utf-8", "nt"),
])
def test_rdf_303_and_document(build, port, name, accept, ext, ctype, fmt):
    """Criteria 1-2: 303 to the per-format document, which parses and describes U."""
    _, entities = build
    iri = entities[name]
    first, second = follow(port, path_of(iri), accept)
    assert first.status == 303
    assert first.header("Location") == path_of(iri) + f"/index.{ext}"
    assert first.header("Vary") == "Accept"
    assert first.header("Access-Control-Allow-Origin") == "*"
    assert second.status == 200
    assert second.header("Content-Type") == ctype
    assert second.header("Access-Control-Allow-Origin") == "*"
    g = Graph().parse(data=second.body.decode("utf-8"), format=fmt)
    assert len(list(g.triples((URIRef(iri), None, None)))) >= 1


@pytest.mark.parametrize("name", ENTITIES)
def test_three_formats_isomorphic(build, port, name):
    _, entities = build
    p = path_of(entities[name])
    graphs = [Graph().parse(data=fetch(port, f"{p}/index.{ext}").body.decode(), format=fmt)
              for ext, fmt in (("ttl", "turtle"), ("jsonld", "json-ld"), ("nt", "nt"))]
    assert len(graphs[0]) > 0
    assert isomorphic(graphs[0], graphs[1]) and isomorphic(graphs[0], graphs[2])


@pytest.mark.parametrize("accept", [FIREFOX, CHROME, None, CURL, "text/html;q=0.5, text/turtle;q=0.4"])
@pytest.mark.parametrize("name", ["meeting", "crp2", "pv"])
def test_browser_gets_html(build, port, accept, name):
    """Criterion 3: browsers, curl and no Accept at all get 303 to P/ and then the page."""
    _, entities = build
    p = path_of(entities[name])
    first, second = follow(port, p, accept)
    assert (first.status, first.header("Location"), first.header("Vary")) == (303, p + "/", "Accept")
    assert second.status == 200
    assert second.header("Content-Type") == "text/html; charset=utf-8"
    assert b"<!DOCTYPE html>" in second.body


@pytest.mark.parametrize("accept, ext", [
    (RAPPER, "ttl"),
    ("text/turtle;q=1, text/html;q=0.5", "ttl"),
    ("application/json", "jsonld"),
    ("text/plain", "nt"),
])
def test_rdf_clients_never_get_html(build, port, accept, ext):
    _, entities = build
    p = path_of(entities["state"])
    r = fetch(port, p, accept)
    assert (r.status, r.header("Location")) == (303, f"{p}/index.{ext}")


def test_unknown_type_406_lists_alternatives(build, port):
    _, entities = build
    p = path_of(entities["add3"])
    r = fetch(port, p, "application/rdf+xml")
    assert r.status == 406
    assert r.header("Content-Type") == "text/html; charset=utf-8"
    assert r.header("Vary") == "Accept"
    hrefs = re.findall(r'href="([^"]+)"', r.body.decode())
    assert hrefs == [p + "/", p + "/index.ttl", p + "/index.jsonld", p + "/index.nt"]
    for href in hrefs:
        assert fetch(port, href).status == 200


def test_percent_encoded_request_is_the_same_entity(build, port):
    """``(`` and ``)`` may arrive encoded; decoding once gives the same folder."""
    _, entities = build
    p = path_of(entities["pv"])  # /doc/S/PV.7834_(Resumption_1)
    encoded = p.replace("(", "%28").replace(")", "%29")
    r = fetch(port, encoded, "text/turtle")
    assert (r.status, r.header("Location")) == (303, p + "/index.ttl")


class _HeadParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.alternates: dict[str, str] = {}
        self.scripts: list[str] = []
        self.ids: set[str] = set()
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "link" and a.get("rel") == "alternate":
            self.alternates[a["type"]] = a["href"]
        if tag == "script" and a.get("type") == "application/ld+json":
            self._in_script = True
            self.scripts.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data


@pytest.mark.parametrize("name", ["meeting", "crp2", "state"])
def test_page_alternates_and_embedded_jsonld(build, port, name):
    """Criteria 5 and 6 (structure): the page links the three RDF files, which the server
    serves with their types, and embeds one JSON-LD block equal to the .jsonld document."""
    _, entities = build
    iri = entities[name]
    p = path_of(iri)
    page = fetch(port, p + "/", FIREFOX)
    parser = _HeadParser()
    parser.feed(page.body.decode())
    assert set(parser.alternates) == {TTL, JSONLD, NT}
    for mt, href in parser.alternates.items():
        r = fetch(port, p + "/" + href)
        assert r.status == 200 and r.header("Content-Type").split(";")[0] == mt
    assert len(parser.scripts) == 1
    embedded = Graph().parse(data=parser.scripts[0], format="json-ld")
    served = Graph().parse(data=fetch(port, p + "/index.jsonld").body.decode(), format="json-ld")
    u = URIRef(iri)
    mine = lambda g: {t for t in g if t[0] == u}  # noqa: E731
    assert mine(embedded) == mine(served) and len(mine(served)) >= 2


def test_paragraph_fragment_lives_on_report_page(build, port):
    """Criterion 4: ``.../report#para_36`` resolves to an element with that id."""
    _, entities = build
    iri = entities["para"]
    doc, frag = iri.split("#")
    page = fetch(port, path_of(doc) + "/")
    parser = _HeadParser()
    parser.feed(page.body.decode())
    assert frag in parser.ids
    # a client that sends the fragment anyway gets the same negotiation
    r = fetch(port, path_of(doc) + "#" + frag, "text/turtle")
    assert (r.status, r.header("Location")) == (303, path_of(doc) + "/index.ttl")


def test_link_headers_cite_as_and_alternates(build, port):
    """Signposting: cite-as the entity IRI (base from build-info.json) on 303 and on the files."""
    _, entities = build
    iri = entities["crp2"]
    p = path_of(iri)
    for resp in (fetch(port, p, "text/turtle"), fetch(port, p + "/"), fetch(port, p + "/index.nt")):
        link = resp.header("Link")
        assert f'<{iri}>; rel="cite-as"' in link
        for href, mt in ((p + "/", HTML), (p + "/index.ttl", TTL), (p + "/index.jsonld", JSONLD),
                         (p + "/index.nt", NT)):
            assert f'<{href}>; rel="alternate"; type="{mt}"' in link
    home = fetch(port, "/")
    assert home.status == 200 and f'<{BASE}>; rel="cite-as"' in home.header("Link")


@pytest.mark.parametrize("path, ctype", [
    ("/series/honlea-europe/12/index.ttl", "text/turtle; charset=utf-8"),
    ("/series/honlea-europe/12/index.jsonld", "application/ld+json"),
    ("/series/honlea-europe/12/index.nt", "application/n-triples; charset=utf-8"),
    ("/series/honlea-europe/12/index.html", "text/html; charset=utf-8"),
    ("/series/honlea-europe/12/", "text/html; charset=utf-8"),
    ("/doc/UNODC/HONEURO/12/CRP.2/", "text/html; charset=utf-8"),
    ("/doc/UNODC/HONEURO/12/CRP.2/index.ttl", "text/turtle; charset=utf-8"),
    ("/doc/S/PV.7834_(Resumption_1)/", "text/html; charset=utf-8"),
    ("/", "text/html; charset=utf-8"),
    ("/dataset.ttl", "text/turtle; charset=utf-8"),
    ("/dataset.nt", "application/n-triples; charset=utf-8"),
    ("/dataset.nt.gz", "application/gzip"),
    ("/dataset.jsonld", "application/ld+json"),
    ("/dataset.trig", "application/trig; charset=utf-8"),
    ("/void.ttl", "text/turtle; charset=utf-8"),
    ("/catalog.ttl", "text/turtle; charset=utf-8"),
    ("/sitemap.xml", "application/xml; charset=utf-8"),
    ("/robots.txt", "text/plain; charset=utf-8"),
    ("/build-info.json", "application/json"),
    ("/style.css", "text/css; charset=utf-8"),
    ("/search.js", "text/javascript; charset=utf-8"),
    ("/logo.svg", "image/svg+xml"),
    ("/vendor/sparql/oxigraph/web_bg.wasm", "application/wasm"),
])
def test_file_content_types(build, port, path, ctype):
    root, _ = build
    r = fetch(port, path)
    assert r.status == 200, path
    assert r.header("Content-Type") == ctype
    assert r.header("Content-Encoding") is None
    rel = path.lstrip("/") + ("index.html" if path.endswith("/") else "")
    assert r.body == (root / rel).read_bytes()
    assert int(r.header("Content-Length")) == len(r.body)


def test_gzip_dump_is_served_as_archive(build, port):
    import gzip
    root, _ = build
    r = fetch(port, "/dataset.nt.gz", headers={"Accept-Encoding": "gzip"})
    assert r.header("Content-Encoding") is None
    assert gzip.decompress(r.body) == (root / "dataset.nt").read_bytes()
    assert r.header("Access-Control-Allow-Origin") == "*"


def test_crp2_is_an_entity_not_a_file(build, port):
    """A symbol ending in ``.2`` is an entity because ``CRP.2/index.html`` exists."""
    r = fetch(port, "/doc/UNODC/HONEURO/12/CRP.2", FIREFOX)
    assert (r.status, r.header("Location")) == (303, "/doc/UNODC/HONEURO/12/CRP.2/")
    assert fetch(port, "/doc/UNODC/HONEURO/12/L.1", FIREFOX).status == 404  # no page for L.1 itself


@pytest.mark.parametrize("path", [
    "/series/honlea-europe/99", "/series/honlea-europe/12/nope/", "/nope.ttl",
    "/state/XXX", "/doc/UNODC/HONEURO/12/CRP.2/index.rdf",
])
def test_unknown_paths_404_with_html(build, port, path):
    """Criterion 10: no soft 404; the build's 404.html is the body."""
    r = fetch(port, path, FIREFOX)
    assert r.status == 404
    assert r.header("Content-Type") == "text/html; charset=utf-8"
    assert b"Not found (honlea fixture)" in r.body


@pytest.mark.parametrize("path", ["/series/", "/series", "/doc/UNODC/", "/doc/UNODC/HONEURO/12/L.1/"])
def test_no_directory_listing(build, port, path):
    r = fetch(port, path)
    assert r.status == 404
    assert b"index.ttl" not in r.body and b"honlea-europe" not in r.body


def test_well_known_void(build, port):
    """Criterion 12: /.well-known/void -> 303 to /void.ttl describing the dataset."""
    first, second = follow(port, "/.well-known/void", "text/turtle")
    assert (first.status, first.header("Location")) == (303, "/void.ttl")
    assert second.status == 200 and second.header("Content-Type") == "text/turtle; charset=utf-8"
    g = Graph().parse(data=second.body.decode(), format="turtle")
    assert list(g.objects(None, VOID.uriSpace))
    assert list(g.objects(None, VOID.exampleResource))
    assert list(g.objects(None, VOID.dataDump))


@pytest.mark.parametrize("accept, target", [
    ("application/trig", "/dataset.trig"), ("application/n-triples", "/dataset.nt"),
    (FIREFOX, "/dataset.ttl"), ("application/ld+json", "/dataset.jsonld"),
])
def test_dataset_negotiation(build, port, accept, target):
    r = fetch(port, "/dataset", accept)
    assert (r.status, r.header("Location"), r.header("Vary")) == (303, target, "Accept")


@pytest.mark.parametrize("path, accept", [
    ("/series/honlea-europe/12", "text/turtle"),  # 303
    ("/series/honlea-europe/12", "application/rdf+xml"),  # 406
    ("/series/honlea-europe/12/index.ttl", None),  # 200 data
    ("/doc/UNODC/HONEURO/12/CRP.2/", FIREFOX),  # 200 page
    ("/dataset.nt.gz", None),
    ("/missing", None),  # 404
    ("/.well-known/void", None),
])
def test_head_mirrors_get(build, port, path, accept):
    """Criterion 18: HEAD sends GET's status and headers (except Date) and no body."""
    get = fetch(port, path, accept)
    head = fetch(port, path, accept, method="HEAD")
    assert head.status == get.status
    assert head.body == b""
    strip = lambda r: sorted((k, v) for k, v in r.headers.items() if k != "Date")  # noqa: E731
    assert strip(head) == strip(get)
    assert int(head.header("Content-Length")) == len(get.body)


@pytest.mark.parametrize("request_line", [
    "GET /../../../../etc/passwd HTTP/1.1",
    "GET /%2e%2e/%2e%2e/%2e%2e/etc/passwd HTTP/1.1",
    "GET /%2E%2E/secret.txt HTTP/1.1",
    "GET /series/..%2f..%2f..%2fetc%2fpasswd HTTP/1.1",
    "GET /series%2F..%2F..%2Fsecret.txt HTTP/1.1",
    "GET /..\\secret.txt HTTP/1.1",
    "GET /%5c..%5csecret.txt HTTP/1.1",
    "GET /index.html%00.ttl HTTP/1.1",
    "GET //etc/passwd HTTP/1.1",
    "GET /./index.html HTTP/1.1",
    "GET /%ff%fe HTTP/1.1",
    "GET etc/passwd HTTP/1.1",
    "GET http://127.0.0.1/../secret.txt HTTP/1.1",
])
def test_traversal_rejected(port, request_line):
    assert raw_request(port, request_line) in (400, 404)


@pytest.mark.parametrize("path", [
    "/leak.txt", "/parent/secret.txt", "/%252e%252e/secret.txt",
    "/.htaccess", "/%2ehtaccess",
])
def test_nothing_outside_the_build_or_hidden(build, port, path):
    r = fetch(port, path)
    assert r.status == 404
    assert b"TOP-SECRET" not in r.body and b"# hidden" not in r.body


def test_conditional_get_and_methods(port):
    first = fetch(port, "/dataset.ttl")
    etag = first.header("ETag")
    assert etag and first.header("Last-Modified")
    again = fetch(port, "/dataset.ttl", headers={"If-None-Match": etag})
    assert again.status == 304 and again.body == b""
    assert fetch(port, "/dataset.ttl", method="POST").status == 405
    opts = fetch(port, "/series/honlea-europe/12", method="OPTIONS")
    assert opts.status == 204 and opts.header("Access-Control-Allow-Origin") == "*"


# --- make_server errors -----------------------------------------------------------------------

def test_not_a_build_folder(tmp_path):
    (tmp_path / "dataset.ttl").write_text("")
    with pytest.raises(ServeError, match="not a build folder") as info:
        make_server(tmp_path, "127.0.0.1", 0)
    assert isinstance(info.value, HonleaError) and str(tmp_path) in str(info.value)
    with pytest.raises(ServeError, match="not a folder"):
        make_server(tmp_path / "missing", "127.0.0.1", 0)


def test_port_in_use(build):
    root, _ = build
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        busy = sock.getsockname()[1]
        with pytest.raises(ServeError, match=f"cannot listen on 127.0.0.1:{busy}"):
            make_server(root, "127.0.0.1", busy)


def test_base_iri_fallback_is_the_server_url(tmp_path):
    root = tmp_path / "b"
    make_build(root)
    (root / "build-info.json").unlink()
    server = make_server(root, "127.0.0.1", 0)
    thread = start_in_thread(server)
    try:
        p = server.server_address[1]
        r = fetch(p, "/state/NLD", "text/turtle")
        assert f'<http://127.0.0.1:{p}/state/NLD>; rel="cite-as"' in r.header("Link")
        assert quote("/state/NLD") == "/state/NLD"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
