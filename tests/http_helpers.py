"""Small loopback HTTP servers for the remote/store tests, and term comparison helpers.

* :func:`serve` runs a handler function on ``127.0.0.1:<free port>`` in a thread.
* :class:`FaultyProxy` forwards every request to a real store (Virtuoso) unchanged -- digest
  challenges and answers pass through, since the path is the same -- except the ones a test asks
  it to break: the N-th authorised ``PUT``, the first ``MOVE``, or a ``PUT`` whose body it cuts.
"""

from __future__ import annotations

import http.client
import threading
import urllib.parse
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.namespace import XSD


@contextmanager
def serve(handle):
    """Run ``handle(request_handler)`` for every request on a loopback port; yield the base URL."""

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):  # keep test output clean
            pass

        def do_GET(self):
            handle(self)

        do_POST = do_PUT = do_DELETE = do_HEAD = do_GET

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def reply(handler, status: int, body: bytes = b"", ctype: str = "text/plain", headers=()):
    """Send a complete answer from a :class:`BaseHTTPRequestHandler`."""
    handler.send_response(status)
    handler.send_header("Content-Type", ctype)
    handler.send_header("Content-Length", str(len(body)))
    for name, value in headers:
        handler.send_header(name, value)
    handler.end_headers()
    if handler.command != "HEAD":
        try:
            handler.wfile.write(body)
        except OSError:  # the client gave up (timeout tests)
            pass


class FaultyProxy:
    """Forwarding proxy to ``target`` (``host:port``) that injects one kind of failure.

    ``fail_put`` = N: the N-th authorised PUT gets HTTP 500 (not forwarded);
    ``fail_move``: the first update containing ``MOVE`` gets HTTP 500 (not forwarded);
    ``truncate_put``: authorised PUT bodies are cut to their first half of lines (forwarded).
    ``seen`` records ``(method, path, first 60 bytes of body)`` of every request.
    """

    def __init__(self, target: str, fail_put: int | None = None, fail_move: bool = False,
                 truncate_put: bool = False):
        self.target = target
        self.fail_put = fail_put
        self.fail_move = fail_move
        self.truncate_put = truncate_put
        self.puts = 0
        self.moves = 0
        self.seen: list[tuple[str, str, bytes]] = []
        self.lock = threading.Lock()

    def __call__(self, handler: BaseHTTPRequestHandler) -> None:
        length = int(handler.headers.get("Content-Length") or 0)
        body = handler.rfile.read(length) if length else b""
        authorised = "Authorization" in handler.headers
        with self.lock:
            self.seen.append((handler.command, handler.path, body[:60]))
            if handler.command == "PUT" and authorised:
                self.puts += 1
                if self.fail_put == self.puts:
                    return reply(handler, 500, b"Injected failure: disk full\nsecond line")
                if self.truncate_put:
                    lines = body.splitlines(keepends=True)
                    body = b"".join(lines[: len(lines) // 2])
            if handler.command == "POST" and authorised and self.fail_move:
                update = urllib.parse.parse_qs(body.decode("ascii")).get("update", [""])[0]
                if "MOVE" in update and self.moves == 0:
                    self.moves += 1
                    return reply(handler, 500, b"Injected failure: MOVE refused")
        conn = http.client.HTTPConnection(self.target, timeout=60)
        headers = {k: v for k, v in handler.headers.items()
                   if k.lower() not in ("host", "content-length", "connection")}
        headers["Content-Length"] = str(len(body))
        conn.request(handler.command, handler.path, body=body, headers=headers)
        answer = conn.getresponse()
        data = answer.read()
        handler.send_response(answer.status)
        for name, value in answer.getheaders():
            if name.lower() not in ("content-length", "connection", "transfer-encoding"):
                handler.send_header(name, value)
        handler.send_header("Content-Length", str(len(data)))
        handler.send_header("Connection", "close")
        handler.end_headers()
        handler.wfile.write(data)
        conn.close()


def norm(term):
    """A comparable key for an rdflib term across engines: blank nodes all alike (labels are
    per-engine), ``xsd:string`` = plain literal (RDF 1.1), language tags lower-cased."""
    if term is None:
        return None
    if isinstance(term, BNode):
        return ("bnode",)
    if isinstance(term, URIRef):
        return ("iri", str(term))
    if isinstance(term, Literal):
        if term.language:
            return ("lit", str(term), "@" + term.language.lower())
        datatype = term.datatype
        return ("lit", str(term), "" if datatype in (None, XSD.string) else str(datatype))
    raise TypeError(term)


def rows_key(rows) -> list:
    """Rows as a sorted list of normalised tuples (a multiset, so duplicates count)."""
    return sorted((tuple(norm(t) for t in row) for row in rows), key=repr)


def embedded_dataset(trig_path) -> Dataset:
    """The build's TriG parsed by rdflib; queries see the union of the named graphs."""
    ds = Dataset(default_union=True)
    ds.parse(trig_path, format="trig")
    return ds
