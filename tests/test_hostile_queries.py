"""A query whose leading comments say "address", "load", "ask" or "describe" is a SELECT
(issue "Robustness and security", input 8): embedded, and sent to a remote endpoint (a local
stub SPARQL server that records the request and answers only a correct SELECT request).
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import pytest

from conftest import run_cli

QUERY = """# Which documents address the agenda?  We load them all, ask for their symbols
# and describe each one.  LOAD <http://example.org/x> ; ASK { ?s ?p ?o } DESCRIBE <urn:x>
#   address: load; ask; describe
PREFIX dct: <http://purl.org/dc/terms/>
SELECT ?doc ?id WHERE { ?doc dct:identifier ?id } ORDER BY ?id
"""

TRIG = """<https://example.org/kg/graph/1> {
  <https://example.org/kg/doc/E/CN.7/2016/L.3> <http://purl.org/dc/terms/identifier> "E/CN.7/2016/L.3" .
  <https://example.org/kg/doc/S/PV.7834_(Resumption_1)> <http://purl.org/dc/terms/identifier> "S/PV.7834 (Resumption 1)" .
}
"""


@pytest.fixture()
def query_file(tmp_path):
    path = tmp_path / "comments.rq"
    path.write_text(QUERY, encoding="utf-8")
    return path


def test_embedded_query_with_misleading_comments_is_a_select(tmp_path, query_file):
    data = tmp_path / "data"
    data.mkdir()
    (data / "dataset.trig").write_text(TRIG, encoding="utf-8")
    done = run_cli("query", str(query_file), "--data", str(data), "--format", "csv")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "doc,id",
        "https://example.org/kg/doc/E/CN.7/2016/L.3,E/CN.7/2016/L.3",
        "https://example.org/kg/doc/S/PV.7834_(Resumption_1),S/PV.7834 (Resumption 1)",
    ]


class _Stub(BaseHTTPRequestHandler):
    seen: list = []

    def log_message(self, *args):  # quiet
        pass

    def do_GET(self):  # noqa: N802
        self.seen.append(("GET", self.path, dict(self.headers), b""))
        self.send_error(405)

    def do_POST(self):  # noqa: N802
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.seen.append(("POST", self.path, dict(self.headers), body))
        form = parse_qs(body.decode("utf-8"), keep_blank_values=True)
        ok = (self.headers.get("Content-Type", "").startswith("application/x-www-form-urlencoded")
              and set(form) <= {"query", "default-graph-uri"} and form.get("query") == [QUERY]
              and "application/sparql-results+json" in self.headers.get("Accept", ""))
        if not ok:
            self.send_error(400, "not a SPARQL SELECT request")
            return
        answer = {"head": {"vars": ["doc", "id"]}, "results": {"bindings": [
            {"doc": {"type": "uri", "value": "https://example.org/kg/doc/E/CN.7/2016/L.3"},
             "id": {"type": "literal", "value": "E/CN.7/2016/L.3"}}]}}
        data = json.dumps(answer).encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


@pytest.fixture()
def stub():
    _Stub.seen = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Stub)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/sparql", _Stub.seen
    server.shutdown()
    server.server_close()


def test_remote_query_with_misleading_comments_is_sent_and_answered_as_select(stub, query_file):
    url, seen = stub
    done = run_cli("query", str(query_file), "--endpoint", url, "--format", "csv")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["doc,id", "https://example.org/kg/doc/E/CN.7/2016/L.3,E/CN.7/2016/L.3"]
    assert len(seen) == 1
    method, path, headers, body = seen[0]
    assert method == "POST" and path == "/sparql"
    assert parse_qs(body.decode("utf-8")) == {"query": [QUERY]}


def test_remote_query_in_python_returns_a_select_result(stub):
    from honlea_kg.remote import run_remote

    url, seen = stub
    result = run_remote(QUERY, url, timeout=10)
    assert result.form == "SELECT" and result.variables == ["doc", "id"]
    assert [str(v) for v in result.rows[0]] == ["https://example.org/kg/doc/E/CN.7/2016/L.3", "E/CN.7/2016/L.3"]
