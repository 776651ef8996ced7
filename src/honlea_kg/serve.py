"""``honlea-kg serve``: a local linked-data server for a build folder, with content negotiation
and a SPARQL 1.1 Protocol endpoint.

The HTTP stack is a Starlette application (:func:`make_app`) run by uvicorn, so the parsing of
requests, keep-alive, ``HEAD`` and streaming of large files are the libraries' work; ``Accept``
headers are parsed by Werkzeug (:func:`parse_accept`), and the choice among our formats
(:func:`negotiate`) is the rule below.  The SPARQL endpoint is :mod:`honlea_kg.endpoint`.

The server publishes ONLY the files of one build folder (the layout of :mod:`honlea_kg.iris`:
an entity at path ``P`` has ``P/index.html``, ``P/index.ttl``, ``P/index.jsonld``,
``P/index.nt``; the home page is ``index.html``; dumps and ``void.ttl`` sit at the top).

Behaviour (W3C "Cool URIs for the Semantic Web", section 4.3, the *303 URIs forwarding to
different documents* recipe):

* ``GET /P`` where ``P/index.html`` exists (an entity IRI, no trailing slash) answers
  ``303 See Other`` with ``Vary: Accept`` and ``Location: /P/`` for HTML or ``/P/index.ttl``,
  ``/P/index.jsonld``, ``/P/index.nt`` for RDF.  Whether ``P`` is an entity is decided by the
  presence of ``P/index.html`` on disk, never by what looks like an extension, so
  ``/doc/UNODC/HONEURO/12/CRP.2`` is an entity.  When no variant is acceptable the answer is
  ``406 Not Acceptable`` with an HTML body linking every alternative (RFC 9110 section
  15.5.7 allows either 406 or a default; we choose 406 so that an RDF client asking only for
  e.g. ``application/rdf+xml`` learns that we do not publish it instead of parsing HTML).
* ``GET /dataset`` (a top-level name with sibling files ``dataset.ttl`` ...) is negotiated the
  same way among the dump files (including ``application/trig``); ``/void`` likewise.
* ``GET /P/`` serves ``P/index.html``; files are served as they are, with the media types of
  :data:`CONTENT_TYPES` (``.wasm`` as ``application/wasm``, which browsers require to compile
  WebAssembly while it downloads); ``/.well-known/void`` answers ``303`` to ``/void.ttl``
  (VoID, section 7.2).
* ``/sparql`` (and ``/sparql/``) is the SPARQL endpoint (:mod:`honlea_kg.endpoint`); a browser
  opening it gets the site's query page ``sparql/index.html``.
* Entity responses (the 303 and the ``P/index.*`` files) carry ``Link: <IRI>; rel="cite-as"``
  (FAIR Signposting) and ``rel="alternate"`` links to each format; data files (the one
  definition in :mod:`honlea_kg.datafiles`, including each report's ``source.txt``) and 303s
  carry ``Access-Control-Allow-Origin: *``.  ``ETag``/``Last-Modified`` are sent and
  ``If-None-Match``/``If-Modified-Since`` answered with ``304``.  IRIs are converted to URIs
  (RFC 3987 section 3.1: non-ASCII characters percent-encoded as UTF-8, host names in IDNA)
  wherever they go into a header, so a non-ASCII base IRI works.
* ``HEAD`` sends exactly the headers of ``GET`` without the body.  Unknown paths give ``404``
  with an HTML body (the build's ``404.html`` when present); there are no directory listings
  and no dot-files (``.htaccess``) except under ``/.well-known/``.  Methods other than
  ``GET``, ``HEAD`` and ``OPTIONS`` (and ``POST`` on ``/sparql``) get ``405``.
* Request paths are split on ``/`` and each segment is percent-decoded exactly once (RFC 3986
  section 2.4); a decoded segment holding ``/``, ``\\``, NUL or another control character, a
  ``.``/``..`` segment, an empty segment (``//``) or a path that is not absolute answers
  ``400``; the resolved file must lie inside the build folder after following symlinks, else
  ``404``.  The query string is ignored outside ``/sparql``.

The IRI used in ``rel="cite-as"`` is the build's base IRI (``base_iri`` argument, else the
``"base_iri"`` key of ``build-info.json``, else the server's own URL) joined with the path.
"""

from __future__ import annotations

import email.utils
import html
import json
import os
import re
import socket
import stat
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, unquote

from .datafiles import CORS_HEADERS, DATA_EXTENSIONS, is_data_file  # noqa: F401 - DATA_EXTENSIONS re-exported
from .model import HonleaError
from .negotiation import MediaRange, page, parse_accept  # noqa: F401 - re-exported
from .negotiation import negotiate as _negotiate


class ServeError(HonleaError):
    """The folder given to ``serve`` is not a build, or the server cannot start (port in use)."""


# --- the one table of formats -------------------------------------------------------------

@dataclass(frozen=True)
class Format:
    """One published representation: its file extension, canonical media type, the extra media
    types that also select it when named explicitly (never through wildcards), and the
    ``Content-Type`` header value sent for its files."""

    extension: str
    media_type: str
    aliases: tuple[str, ...]
    content_type: str


#: Entity formats in server preference order (ties in :func:`negotiate` go to the earlier one).
#: ``text/plain`` selects N-Triples: N-Triples was served as ``text/plain`` before RDF 1.1
#: registered ``application/n-triples`` (RDF 1.1 N-Triples, media type registration), and it is the only
#: one of our formats that is plain line-oriented text.  ``application/json`` selects JSON-LD
#: (JSON-LD 1.1, section 9: every JSON-LD document is JSON).  Browsers' ``application/xhtml+xml``
#: selects the HTML page.
ENTITY_FORMATS: tuple[Format, ...] = (
    Format("html", "text/html", ("application/xhtml+xml",), "text/html; charset=utf-8"),
    Format("ttl", "text/turtle", (), "text/turtle; charset=utf-8"),
    Format("jsonld", "application/ld+json", ("application/json",), "application/ld+json"),
    Format("nt", "application/n-triples", ("text/plain",), "application/n-triples; charset=utf-8"),
)
#: Extra formats that only the dumps have (negotiated at ``/dataset``).
DUMP_FORMATS: tuple[Format, ...] = (
    Format("trig", "application/trig", (), "application/trig; charset=utf-8"),
    Format("nq", "application/n-quads", (), "application/n-quads; charset=utf-8"),
)
FORMATS_BY_MEDIA_TYPE: dict[str, Format] = {f.media_type: f for f in ENTITY_FORMATS + DUMP_FORMATS}
#: Server preference order of canonical media types used by :func:`negotiate` callers.
PREFERENCE: tuple[str, ...] = tuple(f.media_type for f in ENTITY_FORMATS + DUMP_FORMATS)
#: Alias media type -> canonical media type.
ALIASES: dict[str, str] = {a: f.media_type for f in ENTITY_FORMATS + DUMP_FORMATS for a in f.aliases}

#: ``Content-Type`` by file extension.  JSON and JSON-LD define no ``charset`` parameter
#: (RFC 8259 section 11; JSON-LD 1.1 Appendix C), so none is sent; ``.gz`` files are served as
#: ``application/gzip`` *without* ``Content-Encoding`` so that clients save the archive as is;
#: ``.wasm`` is ``application/wasm`` (WebAssembly JS API, section "compileStreaming", which
#: refuses any other type).
CONTENT_TYPES: dict[str, str] = {
    **{f.extension: f.content_type for f in ENTITY_FORMATS + DUMP_FORMATS},
    "htm": "text/html; charset=utf-8",
    "gz": "application/gzip",
    "xml": "application/xml; charset=utf-8",
    "txt": "text/plain; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "css": "text/css; charset=utf-8",
    "js": "text/javascript; charset=utf-8",
    "mjs": "text/javascript; charset=utf-8",
    "wasm": "application/wasm",
    "svg": "image/svg+xml",
    "png": "image/png",
    "jpg": "image/jpeg",
    "ico": "image/vnd.microsoft.icon",
    "woff2": "font/woff2",
    "rq": "application/sparql-query",
    "shacl": "text/turtle; charset=utf-8",
    "conf": "text/plain; charset=utf-8",
}
DEFAULT_CONTENT_TYPE = "application/octet-stream"
# Which files are data files (CORS) is defined once, in honlea_kg.datafiles.

#: Characters left unencoded when re-encoding a path segment (RFC 3986 pchar), as in iris.py.
_PCHAR_SAFE = "-._~!$&'()*+,;=:@"


def content_type_for(name: str) -> str:
    """The ``Content-Type`` for a file name by its last extension (``application/octet-stream``
    when unknown)."""
    _, dot, ext = name.rpartition(".")
    return CONTENT_TYPES.get(ext.lower(), DEFAULT_CONTENT_TYPE) if dot else DEFAULT_CONTENT_TYPE


def iri_to_uri(iri: str) -> str:
    """The URI of an IRI for an HTTP header (RFC 3987 section 3.1): non-ASCII characters
    percent-encoded as UTF-8, the host name in IDNA (Werkzeug's ``iri_to_uri``).  ASCII-only
    IRIs come back unchanged."""
    if iri.isascii():
        return iri
    from werkzeug.urls import iri_to_uri as convert

    return convert(iri)


# --- content negotiation (honlea_kg.negotiation) -------------------------------------------

def negotiate(accept_header: str | None, available: list[str], aliases: dict[str, str] | None = None) -> str | None:
    """:func:`honlea_kg.negotiation.negotiate` with the aliases of our formats (:data:`ALIASES`)
    by default."""
    return _negotiate(accept_header, available, ALIASES if aliases is None else aliases)


# --- the linked-data site -------------------------------------------------------------------

class _BadRequest(Exception):
    pass


def _http_date(ts: float) -> str:
    return email.utils.formatdate(ts, usegmt=True)


def _read_base_iri(root: Path) -> str | None:
    info = root / "build-info.json"
    try:
        data = json.loads(info.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    base = data.get("base_iri") if isinstance(data, dict) else None
    return base if isinstance(base, str) and base.endswith("/") else None


HTML_TYPE = "text/html; charset=utf-8"
ALLOWED = "GET, HEAD, OPTIONS"


class Site:
    """The linked-data side of the server for one build folder: every request that is not for
    the SPARQL endpoint.  ``root`` is the resolved build folder; ``base_iri`` the IRI prefix of
    ``rel="cite-as"`` (``None``: the server's own URL)."""

    def __init__(self, root: Path, base_iri: str | None):
        self.root = root
        self.base_iri = base_iri

    # -- responses --
    @staticmethod
    def response(status: int, body: bytes = b"", ctype: str | None = None, headers: dict | None = None):
        from starlette.responses import Response

        hdrs = dict(headers or {})
        if ctype:
            hdrs["Content-Type"] = ctype
        return Response(body, status_code=status, headers=hdrs)

    def not_found(self):
        custom = self.inside(self.root / "404.html")
        if custom is not None and custom.is_file():
            body = custom.read_bytes()
        else:
            body = page("404 Not Found", "<p>Nothing is published at this address.</p>"
                                         '<p><a href="/">Home page</a></p>')
        return self.response(404, body, HTML_TYPE)

    def not_allowed(self, allow: str = ALLOWED):
        body = page("405 Method Not Allowed", f"<p>This address answers {html.escape(allow)}.</p>")
        return self.response(405, body, HTML_TYPE, {"Allow": allow})

    def bad_request(self, message: str):
        return self.response(400, page("400 Bad Request", f"<p>{html.escape(message)}</p>"), HTML_TYPE)

    def redirect(self, location: str, *, vary: bool, extra: dict[str, str]):
        headers = {"Location": iri_to_uri(location), **extra}
        if vary:
            headers["Vary"] = "Accept"
        body = page("303 See Other", f'<p>See <a href="{html.escape(location)}">{html.escape(location)}</a>.</p>')
        return self.response(303, body, HTML_TYPE, headers)

    def not_acceptable(self, alternatives: list[tuple[str, str]]):
        items = "\n".join(
            f'<li><a href="{html.escape(href)}" type="{html.escape(mt)}">{html.escape(mt)}</a></li>'
            for mt, href in alternatives)
        body = page("406 Not Acceptable",
                    "<p>None of the media types in your Accept header is available. "
                    f"This resource is published as:</p>\n<ul>\n{items}\n</ul>")
        return self.response(406, body, HTML_TYPE, {"Vary": "Accept", **CORS_HEADERS})

    # -- paths --
    @staticmethod
    def segments(raw_path: str) -> tuple[list[str], bool]:
        """Decoded path segments and whether the path ends in ``/``; raises _BadRequest."""
        raw = raw_path.split("?", 1)[0].split("#", 1)[0]
        if not raw.startswith("/"):
            raise _BadRequest("the request target is not an absolute path")
        if "\\" in raw or "\x00" in raw:
            raise _BadRequest("backslash or NUL in path")
        raw_segments = raw[1:].split("/")
        trailing = raw.endswith("/")
        if trailing:
            raw_segments.pop()
        segments: list[str] = []
        for raw_seg in raw_segments:
            try:
                seg = unquote(raw_seg, encoding="utf-8", errors="strict")
            except UnicodeDecodeError as exc:
                raise _BadRequest("percent-encoding is not UTF-8") from exc
            if seg in ("", ".", "..") or "/" in seg or "\\" in seg or re.search(r"[\x00-\x1f\x7f]", seg):
                raise _BadRequest(f"path segment not allowed: {raw_seg!r}")
            segments.append(seg)
        return segments, trailing

    def inside(self, path: Path) -> Path | None:
        """``path`` resolved (symlinks followed) if it stays inside the build folder."""
        try:
            real = Path(os.path.realpath(path))
        except (OSError, ValueError):
            return None
        if real != self.root and self.root not in real.parents:
            return None
        return real

    # -- entities --
    @staticmethod
    def encoded(segments: list[str]) -> str:
        return "/" + "/".join(quote(s, safe=_PCHAR_SAFE) for s in segments)

    def cite_as(self, segments: list[str], host: str | None) -> str:
        base = self.base_iri
        if base is None:
            base = f"http://{host or 'localhost'}/"
        return iri_to_uri(base) + "/".join(quote(s, safe=_PCHAR_SAFE) for s in segments)

    def entity_links(self, segments: list[str], formats: list[Format], host: str | None) -> str:
        path = self.encoded(segments)
        links = [f'<{self.cite_as(segments, host)}>; rel="cite-as"']
        for f in formats:
            href = (path.rstrip("/") + "/") if f.extension == "html" else f"{path.rstrip('/')}/index.{f.extension}"
            links.append(f'<{href}>; rel="alternate"; type="{f.media_type}"')
        return ", ".join(links)

    def entity_formats(self, segments: list[str]) -> list[Format]:
        folder = self.root.joinpath(*segments)
        return [f for f in ENTITY_FORMATS if (folder / f"index.{f.extension}").is_file()]

    def negotiate_entity(self, segments: list[str], accept: str | None, host: str | None):
        formats = self.entity_formats(segments)
        path = self.encoded(segments)
        targets = {f.media_type: (path + "/" if f.extension == "html" else f"{path}/index.{f.extension}")
                   for f in formats}
        chosen = negotiate(accept, [f.media_type for f in formats])
        if chosen is None:
            return self.not_acceptable(list(targets.items()))
        return self.redirect(targets[chosen], vary=True, extra={
            **CORS_HEADERS, "Link": self.entity_links(segments, formats, host)})

    def negotiate_top(self, name: str, accept: str | None):
        """``/dataset`` -> ``/dataset.ttl`` etc.; ``None`` when no ``name.<ext>`` file exists."""
        formats = [f for f in ENTITY_FORMATS + DUMP_FORMATS
                   if (self.root / f"{name}.{f.extension}").is_file()
                   and self.inside(self.root / f"{name}.{f.extension}") is not None]
        if not formats:
            return None
        stem = "/" + quote(name, safe=_PCHAR_SAFE)
        targets = {f.media_type: f"{stem}.{f.extension}" for f in formats}
        chosen = negotiate(accept, [f.media_type for f in formats])
        if chosen is None:
            return self.not_acceptable(list(targets.items()))
        return self.redirect(targets[chosen], vary=True, extra=dict(CORS_HEADERS))

    # -- files --
    def file(self, path: Path, request_headers, entity: list[str] | None, host: str | None):
        """Serve a regular file; ``entity`` = the entity's segments when ``path`` is one of its
        ``index.*`` files (adds the Link headers)."""
        from starlette.responses import FileResponse

        try:
            st = os.stat(path)
        except OSError:
            return self.not_found()
        if not stat.S_ISREG(st.st_mode):
            return self.not_found()
        etag = f'"{st.st_mtime_ns:x}-{st.st_size:x}"'
        headers = {"ETag": etag, "Last-Modified": _http_date(st.st_mtime)}
        if is_data_file(path.name):
            headers.update(CORS_HEADERS)
        if entity is not None and (self.root.joinpath(*entity) / "index.html").is_file():
            headers["Link"] = self.entity_links(entity, self.entity_formats(entity), host)
        if self.not_modified(request_headers, etag, st.st_mtime):
            return self.response(304, b"", None, headers)
        return FileResponse(path, media_type=content_type_for(path.name), headers=headers, stat_result=st)

    @staticmethod
    def not_modified(request_headers, etag: str, mtime: float) -> bool:
        inm = request_headers.get("if-none-match")
        if inm is not None:
            tags = [t.strip() for t in inm.split(",")]
            return "*" in tags or etag in tags or f"W/{etag}" in tags
        ims = request_headers.get("if-modified-since")
        if ims:
            try:
                since = email.utils.parsedate_to_datetime(ims).timestamp()
            except (TypeError, ValueError, IndexError, OverflowError):
                return False
            return int(mtime) <= since
        return False

    # -- the dispatcher --
    def handle(self, method: str, raw_path: str, headers):
        """The response to ``method`` on ``raw_path`` (as sent, still percent-encoded) with the
        request ``headers`` (a Starlette ``Headers``)."""
        if method == "OPTIONS":
            return self.response(204, b"", None, {
                "Allow": ALLOWED, **CORS_HEADERS,
                "Access-Control-Allow-Methods": ALLOWED, "Access-Control-Allow-Headers": "Accept"})
        if method not in ("GET", "HEAD"):
            return self.not_allowed()
        try:
            segments, trailing = self.segments(raw_path)
        except _BadRequest as exc:
            return self.bad_request(str(exc))
        accept = headers.get("accept")
        host = headers.get("host")
        if any(s.startswith(".") for s in segments) and segments[:1] != [".well-known"]:
            return self.not_found()
        if segments == [".well-known", "void"] and not trailing:
            return self.redirect("/void.ttl", vary=False, extra=dict(CORS_HEADERS))
        fs_path = self.root.joinpath(*segments) if segments else self.root
        real = self.inside(fs_path)
        if real is None:
            return self.not_found()
        if trailing or not segments:
            index = self.inside(fs_path / "index.html")
            if real.is_dir() and index is not None and index.is_file():
                return self.file(index, headers, segments, host)
            return self.not_found()
        if real.is_dir():
            index = self.inside(fs_path / "index.html")
            if index is not None and index.is_file():
                return self.negotiate_entity(segments, accept, host)
            return self.not_found()
        if real.is_file():
            parent = segments[:-1] if segments[-1].startswith("index.") else None
            return self.file(real, headers, parent, host)
        if len(segments) == 1:
            answer = self.negotiate_top(segments[0], accept)
            if answer is not None:
                return answer
        return self.not_found()


def make_app(root: Path, base_iri: str | None, endpoint=None):
    """The Starlette application serving build folder ``root`` (resolved), with the SPARQL
    endpoint ``endpoint`` (an :class:`honlea_kg.endpoint.Endpoint`, or ``None``: ``/sparql``
    then answers 503 saying why) at ``/sparql`` and ``/sparql/``."""
    from starlette.applications import Starlette
    from starlette.concurrency import run_in_threadpool
    from starlette.requests import Request
    from starlette.routing import Route

    site = Site(root, base_iri)

    def raw_path(request: Request) -> str:
        raw = request.scope.get("raw_path")
        if raw:
            return raw.decode("latin-1")
        return quote(request.scope.get("path", "/"), safe="/" + _PCHAR_SAFE)

    async def files(request: Request):
        return await run_in_threadpool(site.handle, request.method, raw_path(request), request.headers)

    async def sparql(request: Request):
        if endpoint is None:
            return site.response(503, page("503 Service Unavailable",
                                           "<p>This build has no dataset.trig, so there is nothing to query.</p>"),
                                 HTML_TYPE, dict(CORS_HEADERS))
        return await endpoint.handle(request, site)

    methods = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"]
    routes = [Route("/sparql", sparql, methods=methods), Route("/sparql/", sparql, methods=methods),
              Route("/{path:path}", files, methods=methods)]
    app = Starlette(routes=routes)
    app.state.site = site
    return app


# --- the server -------------------------------------------------------------------------------

class LinkedDataServer:
    """uvicorn serving :func:`make_app` on a socket bound at construction (so a busy port fails
    at once and ``port=0`` picks a free one).

    ``root`` is the resolved build folder, ``base_iri`` the IRI prefix used in
    ``rel="cite-as"``, ``url`` is ``http://host:port/``, ``server_address`` the bound
    ``(host, port)``.  Run with :meth:`serve_forever` (blocking); stop from another thread with
    :meth:`shutdown` then :meth:`server_close`.
    """

    def __init__(self, root: Path, sock: socket.socket, *, base_iri: str | None, quiet: bool, endpoint=None):
        import uvicorn

        self.root = root
        self.base_iri = base_iri
        self.quiet = quiet
        self.socket = sock
        self.endpoint = endpoint
        self.app = make_app(root, base_iri, endpoint)
        config = uvicorn.Config(self.app, log_level="warning" if quiet else "info", access_log=not quiet,
                                lifespan="off", server_header=False, timeout_keep_alive=15,
                                headers=[("server", "honlea-kg")])
        self._uvicorn = uvicorn.Server(config)
        self._stopped = threading.Event()
        self._stopped.set()

    @property
    def server_address(self) -> tuple:
        return self.socket.getsockname()[:2]

    @property
    def url(self) -> str:
        host, port = self.server_address
        host = f"[{host}]" if ":" in str(host) else host
        return f"http://{host}:{port}/"

    def serve_forever(self) -> None:
        """Serve until :meth:`shutdown` (or Ctrl-C in the main thread)."""
        self._stopped.clear()
        try:
            self._uvicorn.run(sockets=[self.socket])
        finally:
            self._stopped.set()

    def shutdown(self, timeout: float = 10) -> None:
        """Ask the server to stop and wait (up to ``timeout`` seconds) until it has."""
        self._uvicorn.should_exit = True
        self._stopped.wait(timeout)

    def server_close(self) -> None:
        """Close the listening socket and stop the endpoint's query workers."""
        try:
            self.socket.close()
        finally:
            if self.endpoint is not None:
                self.endpoint.close()


def _bind(host: str, port: int) -> socket.socket:
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    family, _, _, _, address = infos[0]
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
        sock.listen(128)
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


def make_server(data_dir: Path | str, host: str = "127.0.0.1", port: int = 8000, *,
                base_iri: str | None = None, quiet: bool = True, cache_dir: Path | str | None = None,
                settings=None, notify=None) -> LinkedDataServer:
    """Create (not start) a server for build folder ``data_dir`` bound to ``host:port``.

    ``port=0`` picks a free port (read it from ``server.server_address[1]`` or ``server.url``).
    Run it with ``server.serve_forever()`` (e.g. in a thread, :func:`start_in_thread`); stop it
    with ``server.shutdown()`` then ``server.server_close()``.

    :param base_iri: IRI prefix for ``Link: <...>; rel="cite-as"``; default: the ``base_iri`` key
        of ``build-info.json``, else the server's own URL.
    :param cache_dir: the build cache holding the query store of ``/sparql`` (default: the
        build's default, ``.cache/honlea-kg``); the store is made there if missing.
    :param settings: :class:`honlea_kg.endpoint.EndpointSettings` (time and row limits, workers).
    :param notify: optional callable given one line when the query store is being made.
    :raises ServeError: if ``data_dir`` is not a directory holding ``index.html`` (not a build),
        the query store cannot be made, or the address cannot be bound (port in use, unknown host).
    """
    root = Path(data_dir)
    if not root.is_dir():
        raise ServeError("not a folder; run 'honlea-kg build' first", path=root)
    if not (root / "index.html").is_file():
        raise ServeError("not a build folder (no index.html); run 'honlea-kg build' first", path=root)
    root = Path(os.path.realpath(root))
    if base_iri is None:
        base_iri = _read_base_iri(root)
    try:
        sock = _bind(host, port)
    except OSError as exc:
        raise ServeError(f"cannot listen on {host}:{port}: {exc.strerror or exc}", path=root) from exc
    endpoint = None
    try:
        if (root / "dataset.trig").is_file():
            from .config import DEFAULT_CACHE
            from .endpoint import Endpoint

            endpoint = Endpoint(root, Path(cache_dir) if cache_dir is not None else DEFAULT_CACHE, settings,
                                notify=notify)
        return LinkedDataServer(root, sock, base_iri=base_iri, quiet=quiet, endpoint=endpoint)
    except HonleaError as exc:
        sock.close()
        if endpoint is not None:
            endpoint.close()
        raise ServeError(f"cannot start the SPARQL endpoint: {exc}", path=root) from None
    except BaseException:
        sock.close()
        if endpoint is not None:
            endpoint.close()
        raise


def serve(data_dir: Path | str, host: str = "127.0.0.1", port: int = 8000, *,
          quiet: bool = False, base_iri: str | None = None, cache_dir: Path | str | None = None,
          settings=None) -> None:
    """Serve build folder ``data_dir`` at ``http://host:port/`` until interrupted (blocking).

    Prints the URL to stderr unless ``quiet``; Ctrl-C stops it cleanly.

    :raises ServeError: as :func:`make_server`.
    """
    notify = None if quiet else (lambda line: print(f"honlea-kg: {line}", file=sys.stderr, flush=True))
    server = make_server(data_dir, host, port, base_iri=base_iri, quiet=quiet, cache_dir=cache_dir,
                         settings=settings, notify=notify)
    if not quiet:
        print(f"Serving {server.root} at {server.url} (SPARQL endpoint: {server.url}sparql; Ctrl-C to stop)",
              file=sys.stderr, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


def start_in_thread(server: LinkedDataServer) -> threading.Thread:
    """Run ``server.serve_forever()`` in a daemon thread, wait until it accepts connections,
    and return the thread (for tests and embedding); stop with
    ``server.shutdown(); server.server_close()``."""
    thread = threading.Thread(target=server.serve_forever, name="honlea-kg-serve", daemon=True)
    thread.start()
    for _ in range(500):
        if server._uvicorn.started or not thread.is_alive():
            break
        threading.Event().wait(0.01)
    return thread
