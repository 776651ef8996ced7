"""Conformance of ``serve``'s ``/sparql`` with the W3C SPARQL 1.1 Protocol tests.

Every query case of the W3C manifest (``tests/fixtures/w3c-sparql11-protocol/manifest.ttl``,
copied from ``w3c/rdf-tests``; see its README) is read from the manifest itself -- method, path,
headers, body in its declared character encoding -- sent to a running ``serve``, and its
``mf:expectedStatus``, ``mf:expectedFormat`` and ``mf:expectedBoolean`` checked.  The graphs the
cases name (``ut:graphData``: ``data1.nt`` ... as ``http://kasei.us/.../data1.rdf``) are the named
graphs of the build served, as each report is in a real build.
"""

from __future__ import annotations

import http.client
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from rdflib import Graph, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS

from conftest import FIXTURES
from honlea_kg.serve import make_server, start_in_thread

SUITE = FIXTURES / "w3c-sparql11-protocol"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
HTS = "http://www.w3.org/2011/http-statusCodes#StatusCode"


def _manifest() -> tuple[Graph, list[URIRef]]:
    g = Graph().parse(SUITE / "manifest.ttl", format="turtle", publicID=(SUITE / "manifest.ttl").as_uri())
    manifest = next(g.subjects(RDF.type, MF.Manifest))
    entries = list(Collection(g, next(g.objects(manifest, MF.entries))))
    return g, entries


GRAPH, ENTRIES = _manifest()
#: The query cases: ``query_*``, ``bad_query_*`` and ``bad_multiple_queries`` (the others are updates).
QUERY_CASES = [e for e in ENTRIES if str(e).split("#")[-1].startswith(("query_", "bad_query_", "bad_multiple_queries"))]


def _name(entry: URIRef) -> str:
    return str(entry).split("#")[-1]


def test_the_manifest_has_the_query_cases():
    """The copy holds the 20 query cases of the W3C suite (13 queries, 7 bad queries)."""
    names = [_name(e) for e in QUERY_CASES]
    assert len([n for n in names if n.startswith("query_")]) == 13
    assert len([n for n in names if n.startswith("bad_")]) == 7


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    """A build folder whose named graphs are the suite's data files, served on a free port."""
    root = tmp_path_factory.mktemp("protocol") / "build"
    root.mkdir()
    (root / "index.html").write_text("<!DOCTYPE html><title>protocol tests</title>\n", encoding="utf-8")
    trig = []
    for data, label in {(o, lbl) for s, o in GRAPH.subject_objects(UT.graph)
                        for lbl in GRAPH.objects(s, RDFS.label)}:
        path = Path(str(data).removeprefix("file://"))
        trig.append(f"<{label}> {{\n{path.read_text(encoding='utf-8')}}}\n")
    assert len(trig) == 3
    (root / "dataset.trig").write_text("".join(sorted(trig)), encoding="utf-8")
    server = make_server(root, "127.0.0.1", 0, cache_dir=tmp_path_factory.mktemp("cache"))
    thread = start_in_thread(server)
    yield server.server_address[1]
    server.shutdown()
    server.server_close()
    thread.join(5)


def _requests(entry: URIRef) -> list:
    action = next(GRAPH.objects(entry, MF.action))
    return list(Collection(GRAPH, next(GRAPH.objects(action, HT.requests))))


def _send(port: int, request) -> tuple[int, str, bytes]:
    method = str(next(GRAPH.objects(request, HT.methodName)))
    path = str(next(GRAPH.objects(request, HT.absolutePath)))
    headers = {"Host": "www.example"}
    for h in GRAPH.objects(request, HT.headers):
        for header in Collection(GRAPH, h):
            headers[str(next(GRAPH.objects(header, HT.fieldName)))] = str(next(GRAPH.objects(header, HT.fieldValue)))
    body = None
    for b in GRAPH.objects(request, HT.body):
        encoding = str(next(GRAPH.objects(b, CNT.characterEncoding)))
        body = str(next(GRAPH.objects(b, CNT.chars))).encode(encoding)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request(method, path, body=body, headers=headers)
        resp = conn.getresponse()
        return resp.status, (resp.getheader("Content-Type") or "").split(";")[0].strip(), resp.read()
    finally:
        conn.close()


def _boolean(ctype: str, body: bytes) -> bool:
    if ctype == "application/sparql-results+json":
        return json.loads(body)["boolean"]
    assert ctype == "application/sparql-results+xml", ctype
    found = ET.fromstring(body).find("{http://www.w3.org/2005/sparql-results#}boolean")
    return found.text == "true"


FORMATS = {
    "boolean": {"application/sparql-results+json", "application/sparql-results+xml"},
    "tabular": {"application/sparql-results+json", "application/sparql-results+xml", "text/csv",
                "text/tab-separated-values"},
    "RDF": {"text/turtle", "application/n-triples", "application/rdf+xml", "application/ld+json"},
}


@pytest.mark.parametrize("entry", QUERY_CASES, ids=_name)
def test_w3c_protocol_query_case(endpoint, entry):
    for request in _requests(entry):
        status, ctype, body = _send(endpoint, request)
        expected = next(GRAPH.objects(request, HT.resp))
        classes = {str(s).removeprefix(HTS)[0] for s in GRAPH.objects(expected, MF.expectedStatus)}
        assert str(status)[0] in classes, (status, body[:300])
        for fmt in GRAPH.objects(expected, MF.expectedFormat):
            assert ctype in FORMATS[str(fmt)], (ctype, body[:200])
        for value in GRAPH.objects(expected, MF.expectedBoolean):
            assert _boolean(ctype, body) is value.toPython()
