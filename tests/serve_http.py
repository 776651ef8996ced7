"""HTTP helpers for the serve tests: raw requests that never follow redirects."""

from __future__ import annotations

import http.client
import socket
from dataclasses import dataclass
from email.message import Message
from urllib.parse import urljoin

#: Real Accept headers.
FIREFOX = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
CHROME = ("text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,"
          "image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7")
#: rapper 2.0.14 (Redland raptor), as reported in zazukoians/trifid-ld#25.
RAPPER = ("application/rdf+xml, text/rdf;q=0.6, application/n-triples, text/plain;q=0.1, "
          "text/turtle, application/x-turtle, application/turtle, text/n3;q=0.3, "
          "text/rdf+n3;q=0.3, application/rdf+n3;q=0.3, application/x-trig, application/rss;q=0.8, "
          "application/rss+xml;q=0.8, text/rss;q=0.8, application/xml;q=0.3, text/xml;q=0.3, "
          "application/atom+xml;q=0.3, text/html;q=0.2, application/xhtml+xml;q=0.4, "
          "text/html;q=0.6, application/xhtml+xml;q=0.8, text/x-nquads, */*;q=0.1")
CURL = "*/*"


@dataclass
class Response:
    status: int
    headers: Message
    body: bytes

    def header(self, name: str) -> str | None:
        return self.headers.get(name)


def fetch(port: int, path: str, accept: str | None = None, method: str = "GET",
          headers: dict[str, str] | None = None) -> Response:
    """One request to 127.0.0.1:port; ``path`` is sent as is (no normalisation, no redirects)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        hdrs = dict(headers or {})
        if accept is not None:
            hdrs["Accept"] = accept
        conn.putrequest(method, path, skip_accept_encoding=True)
        for k, v in hdrs.items():
            conn.putheader(k, v)
        conn.endheaders()
        resp = conn.getresponse()
        body = resp.read()
        return Response(resp.status, resp.headers, body)
    finally:
        conn.close()


def raw_request(port: int, request_line: str) -> int:
    """Send a raw request line (bytes not escaped by http.client) and return the status code."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(request_line.encode("latin-1") + b"\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        data = b""
        while b"\r\n" not in data:
            chunk = sock.recv(4096)
            if not chunk:
                break
            data += chunk
    return int(data.split(b" ", 2)[1])


def follow(port: int, path: str, accept: str | None = None) -> tuple[Response, Response]:
    """The first response and the one after following a single redirect (like ``curl -L``)."""
    first = fetch(port, path, accept)
    location = first.header("Location")
    assert location, f"no Location on {first.status} for {path}"
    target = urljoin(f"http://127.0.0.1:{port}{path}", location)
    target_path = target.split(f"127.0.0.1:{port}", 1)[1]
    return first, fetch(port, target_path, accept)
