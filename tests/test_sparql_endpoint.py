"""``serve``'s SPARQL endpoint and HTTP stack beyond the W3C cases (``test_sparql_protocol.py``):
the same rows as embedded queries through SPARQLWrapper and ``honlea-kg query --endpoint`` for
every bundled query, result formats, the time and row limits, CORS, the service description, the
query page for browsers, a refused POST followed by a GET on one keep-alive connection, and a
non-ASCII base IRI."""

from __future__ import annotations

import csv
import http.client
import io
import json
import os
import time
from collections import Counter
from pathlib import Path

import pytest
from rdflib import Graph
from SPARQLWrapper import JSON, POST, SPARQLWrapper

from conftest import QUERIES, run_cli
from honlea_kg.endpoint import EndpointSettings
from honlea_kg.query import query_build
from honlea_kg.serve import make_server, start_in_thread
from serve_fixture import make_build
from serve_http import FIREFOX, fetch

BUNDLED = sorted(QUERIES.glob("*.rq"))
HL = "https://w3id.org/honlea-kg/ns#"


class Running:
    """A server on a free port for ``folder`` (its query store in ``cache``); ``stop()`` ends it."""

    def __init__(self, folder: Path, cache: Path, **kw):
        self.server = make_server(folder, "127.0.0.1", 0, cache_dir=cache, **kw)
        self.thread = start_in_thread(self.server)
        self.port = self.server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}/sparql"

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)


@pytest.fixture(scope="module")
def cache(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(scope="module")
def bundled(built, cache):
    """``serve`` on the bundled build."""
    running = Running(built, cache)
    yield built, running
    running.stop()


def _key(binding: dict | None):
    """A comparable form of a SPARQL JSON term (``xsd:string`` = plain literal, RDF 1.1)."""
    if binding is None:
        return None
    kind = "literal" if binding["type"] == "typed-literal" else binding["type"]
    datatype = binding.get("datatype")
    if datatype == "http://www.w3.org/2001/XMLSchema#string":
        datatype = None
    return kind, binding["value"], binding.get("xml:lang"), datatype


def _embedded_key(term):
    from rdflib import BNode, Literal, URIRef

    if term is None:
        return None
    if isinstance(term, URIRef):
        return "uri", str(term), None, None
    if isinstance(term, BNode):
        return "bnode", str(term), None, None
    assert isinstance(term, Literal)
    dt = str(term.datatype) if term.datatype and not term.language else None
    return "literal", str(term), term.language, None if dt == "http://www.w3.org/2001/XMLSchema#string" else dt


@pytest.mark.parametrize("query", BUNDLED, ids=lambda p: p.stem)
def test_sparqlwrapper_sees_every_bundled_query_as_a_select(query):
    """SPARQLWrapper guesses the query form from the first keyword it finds after dropping
    comment lines -- but its comment pattern keeps every second consecutive comment line, so a
    word like "dropped" in a bundled query's comment made it send the query as an update (and
    the endpoint refuse it).  Every bundled query must read as a SELECT to it."""
    wrapper = SPARQLWrapper("http://127.0.0.1/sparql")
    wrapper.setQuery(query.read_text(encoding="utf-8"))
    assert wrapper.queryType == "SELECT" and not wrapper.isSparqlUpdateRequest()


@pytest.mark.parametrize("query", BUNDLED, ids=lambda p: p.stem)
def test_sparqlwrapper_gets_the_embedded_rows(bundled, cache, query):
    """Done when: SPARQLWrapper against /sparql gives the same rows as the embedded query."""
    built, running = bundled
    text = query.read_text(encoding="utf-8")
    embedded = query_build(text, built, cache)
    wrapper = SPARQLWrapper(running.url)
    wrapper.setQuery(text)
    wrapper.setReturnFormat(JSON)
    wrapper.setMethod(POST)
    doc = wrapper.query().convert()
    assert doc["head"]["vars"] == embedded.variables
    got = Counter(tuple(_key(b.get(v)) for v in doc["head"]["vars"]) for b in doc["results"]["bindings"])
    expected = Counter(tuple(_embedded_key(t) for t in row) for row in embedded.rows)
    assert got == expected
    assert sum(expected.values()) == len(embedded.rows)


@pytest.mark.parametrize("query", BUNDLED, ids=lambda p: p.stem)
def test_query_endpoint_cli_gets_the_embedded_rows(bundled, cache, query):
    """Done when: ``honlea-kg query --endpoint`` against /sparql prints the rows the embedded
    query prints (CSV, as multisets; the order of tied rows is the engine's)."""
    built, running = bundled
    remote = run_cli("query", str(query), "--endpoint", running.url, "--format", "csv")
    local = run_cli("query", str(query), "--data", str(built), "--cache", str(cache), "--format", "csv")
    assert remote.returncode == 0 and local.returncode == 0, remote.stderr + local.stderr
    remote_rows = list(csv.reader(io.StringIO(remote.stdout)))
    local_rows = list(csv.reader(io.StringIO(local.stdout)))
    assert remote_rows[0] == local_rows[0]
    assert Counter(map(tuple, remote_rows[1:])) == Counter(map(tuple, local_rows[1:]))
    assert len(local_rows) > 1 or query.stem.startswith(("q03", "q13"))  # q03's sample keyword is absent


def _get(port: int, params: dict | None = None, accept: str | None = None, method: str = "GET",
         path: str = "/sparql", body: bytes | None = None, headers: dict | None = None):
    from urllib.parse import urlencode

    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    hdrs = dict(headers or {})
    if accept:
        hdrs["Accept"] = accept
    try:
        conn.request(method, path + ("?" + urlencode(params) if params else ""), body=body, headers=hdrs)
        resp = conn.getresponse()
        return resp.status, dict((k.lower(), v) for k, v in resp.getheaders()), resp.read()
    finally:
        conn.close()


CQ04 = (QUERIES / "cq04-officers.rq").read_text(encoding="utf-8")


@pytest.mark.parametrize("accept, ctype", [
    (None, "application/sparql-results+json"),
    ("application/sparql-results+json", "application/sparql-results+json"),
    ("application/json", "application/sparql-results+json"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv; charset=utf-8"),
    ("text/tab-separated-values", "text/tab-separated-values; charset=utf-8"),
    ("text/csv;q=0.5, application/sparql-results+xml;q=0.9", "application/sparql-results+xml"),
])
def test_select_formats_by_accept(bundled, accept, ctype):
    _, running = bundled
    status, headers, body = _get(running.port, {"query": CQ04}, accept)
    assert status == 200 and headers["content-type"] == ctype
    assert headers["access-control-allow-origin"] == "*" and headers["vary"] == "Accept"
    text = body.decode("utf-8")
    for person in ("Yoni Dekker", "Andrey Khrapov", "Kris Lapiere", "Eka Tsankashvili"):
        assert person in text


def test_tsv_terms_are_in_turtle_syntax(bundled):
    _, running = bundled
    q = f"SELECT ?m ?code ?n WHERE {{ ?m <{HL}meetingCode> ?code ; <{HL}ordinal> ?n }} ORDER BY ?code LIMIT 1"
    status, _, body = _get(running.port, {"query": q}, "text/tab-separated-values")
    lines = body.decode().splitlines()
    assert lines[0] == "?m\t?code\t?n"
    m, code, n = lines[1].split("\t")
    assert m.startswith("<https://w3id.org/honlea-kg/series/") and m.endswith(">")
    assert code.startswith('"HON') and n.isdigit()


@pytest.mark.parametrize("accept, ctype, fmt", [
    ("text/turtle", "text/turtle; charset=utf-8", "turtle"),
    ("application/n-triples", "application/n-triples; charset=utf-8", "nt"),
    ("application/ld+json", "application/ld+json", "json-ld"),
    ("application/rdf+xml", "application/rdf+xml", "xml"),
])
def test_graph_results_by_accept(bundled, accept, ctype, fmt):
    _, running = bundled
    q = f"CONSTRUCT {{ ?m <{HL}meetingCode> ?c }} WHERE {{ ?r <{HL}reportOf> ?m . ?m <{HL}meetingCode> ?c }}"
    status, headers, body = _get(running.port, {"query": q}, accept)
    assert status == 200 and headers["content-type"] == ctype
    g = Graph().parse(data=body.decode("utf-8"), format=fmt)
    assert {str(o) for o in g.objects()} == {"HONEURO/12"}


def test_ask_and_describe(bundled):
    _, running = bundled
    status, headers, body = _get(running.port, {"query": f"ASK {{ ?m <{HL}meetingCode> \"HONEURO/12\" }}"})
    assert status == 200 and json.loads(body) == {"head": {}, "boolean": True}
    status, headers, body = _get(running.port, {"query": "DESCRIBE <https://w3id.org/honlea-kg/state/NLD>"},
                                 "text/turtle")
    assert status == 200 and "Netherlands" in body.decode()
    status, headers, body = _get(running.port, {"query": "ASK {}"}, "text/csv")
    assert status == 406 and b"application/sparql-results+json" in body


def test_syntax_error_is_400_with_the_parsers_message(bundled):
    _, running = bundled
    status, headers, body = _get(running.port, {"query": "SELECT ?x WHERE { ?x ?y }"})
    assert status == 400 and headers["content-type"] == "text/plain; charset=utf-8"
    message = body.decode()
    assert "line 1" in message or "1:" in message, message
    assert len(message.strip().splitlines()) == 1


def test_updates_are_refused(bundled, built):
    _, running = bundled
    before = (built / "dataset.trig").read_bytes()
    for method, params, body, ctype in (
            ("GET", {"update": "CLEAR ALL"}, None, None),
            ("POST", None, b"update=CLEAR%20ALL", "application/x-www-form-urlencoded"),
            ("POST", None, b"CLEAR ALL", "application/sparql-update"),
            ("POST", None, b"INSERT DATA { <urn:a> <urn:b> <urn:c> }", "application/sparql-query")):
        status, _, _ = _get(running.port, params, method=method, body=body,
                            headers={"Content-Type": ctype} if ctype else None)
        assert 400 <= status < 500, (method, params, body)
    status, _, body = _get(running.port, {"query": "ASK { <urn:a> <urn:b> <urn:c> }"})
    assert json.loads(body)["boolean"] is False
    assert (built / "dataset.trig").read_bytes() == before


def test_cors_preflight_for_browser_clients(bundled):
    _, running = bundled
    status, headers, _ = _get(running.port, method="OPTIONS", headers={
        "Origin": "https://yasgui.example", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert status == 204
    assert headers["access-control-allow-origin"] == "*"
    assert "POST" in headers["access-control-allow-methods"]
    assert "content-type" in headers["access-control-allow-headers"].lower()


def test_service_description(bundled):
    _, running = bundled
    status, headers, body = _get(running.port, accept="text/turtle")
    assert status == 200 and headers["content-type"] == "text/turtle; charset=utf-8"
    g = Graph().parse(data=body.decode(), format="turtle")
    rows = list(g.query("""PREFIX sd: <http://www.w3.org/ns/sparql-service-description#>
        SELECT ?endpoint ?g WHERE { ?s a sd:Service ; sd:endpoint ?endpoint ;
          sd:supportedLanguage sd:SPARQL11Query ; sd:defaultDataset/sd:namedGraph/sd:name ?g }"""))
    assert [(str(e), str(g)) for e, g in rows] == [
        (running.url, "https://w3id.org/honlea-kg/series/honlea-europe/12/report/graph")]


def test_browser_gets_the_query_page(bundled, built):
    _, running = bundled
    for params in (None, {"query": CQ04}):
        status, headers, body = _get(running.port, params, FIREFOX)
        assert status == 200 and headers["content-type"] == "text/html; charset=utf-8"
        page = (built / "sparql" / "index.html").read_bytes()
        marker = b'<meta name="honlea-sparql-endpoint" content="/sparql">\n'
        assert body == page.replace(b"<head>\n", b"<head>\n" + marker, 1) and marker in body


def test_time_limit_kills_the_query(tmp_path):
    """A query over the limit answers 503 soon after it, and its worker stops working (no child
    process keeps using CPU); the next query is answered."""
    root = tmp_path / "b"
    make_build(root)
    running = Running(root, tmp_path / "cache", settings=EndpointSettings(timeout=1, workers=1))
    try:
        # a cross product of eight scans of the fixture's graph: about 10^12 rows, hours of work
        slow = "SELECT (COUNT(*) AS ?n) WHERE { " + " . ".join(f"?s{i} ?p{i} ?o{i}" for i in range(8)) + " }"
        started = time.monotonic()
        status, _, body = _get(running.port, {"query": slow})
        waited = time.monotonic() - started
        assert status == 503 and b"stopped after 1 s" in body
        assert waited < 10
        time.sleep(0.5)
        before = _children_cpu()
        time.sleep(1.5)
        assert _children_cpu() - before < 0.3  # no worker is still running the query
        status, _, body = _get(running.port, {"query": "ASK { ?s ?p ?o }"})
        assert status == 200 and json.loads(body)["boolean"] is True
    finally:
        running.stop()


def _children_cpu() -> float:
    """CPU seconds (user + system) of this process's children, read from /proc."""
    me, total = os.getpid(), 0.0
    ticks = os.sysconf("SC_CLK_TCK")
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == me:
            total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def test_row_limit_marks_a_cut_result(tmp_path):
    root = tmp_path / "b"
    make_build(root)
    running = Running(root, tmp_path / "cache", settings=EndpointSettings(max_rows=3))
    try:
        status, headers, body = _get(running.port, {"query": "SELECT * WHERE { ?s ?p ?o }"})
        assert status == 200 and headers["x-sparql-maxrows"] == "3"
        assert len(json.loads(body)["results"]["bindings"]) == 3
        status, headers, body = _get(running.port, {"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 2"})
        assert "x-sparql-maxrows" not in headers and len(json.loads(body)["results"]["bindings"]) == 2
    finally:
        running.stop()


def test_refused_post_then_get_on_one_connection(tmp_path):
    """The body of a refused POST is not read as the next request on a keep-alive connection."""
    root = tmp_path / "b"
    make_build(root)
    running = Running(root, tmp_path / "cache")
    try:
        conn = http.client.HTTPConnection("127.0.0.1", running.port, timeout=10)
        smuggled = b"GET /nope HTTP/1.1\r\nHost: x\r\n\r\n"
        for method, path in (("POST", "/dataset.ttl"), ("PUT", "/state/NLD"), ("POST", "/sparql")):
            conn.request(method, path, body=smuggled, headers={"Content-Type": "text/plain"})
            first = conn.getresponse()
            first.read()
            assert first.status in (405, 415), (method, path, first.status)
            conn.request("GET", "/dataset.ttl")
            second = conn.getresponse()
            assert second.status == 200
            assert second.read() == (root / "dataset.ttl").read_bytes()
        conn.close()
    finally:
        running.stop()


def test_non_ascii_base_iri(tmp_path):
    """An IRI with non-ASCII characters goes into Location/Link as a URI (RFC 3987 section 3.1)."""
    base = "https://exämple.org/daten/hönlea/"
    root = tmp_path / "b"
    entities = make_build(root, base)
    running = Running(root, tmp_path / "cache")
    try:
        path = "/" + entities["state"][len(base):]
        r = fetch(running.port, path, "text/turtle")
        assert r.status == 303 and r.header("Location") == path + "/index.ttl"
        link = r.header("Link")
        assert '<https://xn--exmple-cua.org/daten/h%C3%B6nlea/state/NLD>; rel="cite-as"' in link
        assert link.isascii()
        page = fetch(running.port, path + "/", FIREFOX)
        assert page.status == 200 and "cite-as" in page.header("Link")
    finally:
        running.stop()
