"""``honlea-kg serve``: a local linked-data server for a build folder, with content negotiation.

The server publishes ONLY the files of one build folder (the layout of :mod:`honlea_kg.iris`:
an entity at path ``P`` has ``P/index.html``, ``P/index.ttl``, ``P/index.jsonld``,
``P/index.nt``; the home page is ``index.html``; dumps and ``void.ttl`` sit at the top).
It is built on :class:`http.server.ThreadingHTTPServer` (standard library); the negotiation
rules are ours, in :func:`negotiate`.

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
  :data:`CONTENT_TYPES`; ``/.well-known/void`` answers ``303`` to ``/void.ttl`` (VoID,
  section 7.2).
* Entity responses (the 303 and the ``P/index.*`` files) carry ``Link: <IRI>; rel="cite-as"``
  (FAIR Signposting) and ``rel="alternate"`` links to each format; data files (the one
  definition in :mod:`honlea_kg.datafiles`, including each report's ``source.txt``) and 303s
  carry ``Access-Control-Allow-Origin: *``.  ``ETag``/``Last-Modified`` are sent and
  ``If-None-Match``/``If-Modified-Since`` answered with ``304``.
* ``HEAD`` sends exactly the headers of ``GET`` without the body.  Unknown paths give ``404``
  with an HTML body (the build's ``404.html`` when present); there are no directory listings
  and no dot-files (``.htaccess``) except under ``/.well-known/``.
* Request paths are split on ``/`` and each segment is percent-decoded exactly once (RFC 3986
  section 2.4); a decoded segment holding ``/``, ``\\``, NUL or another control character, a
  ``.``/``..`` segment, an empty segment (``//``) or a path that is not absolute answers
  ``400``; the resolved file must lie inside the build folder after following symlinks, else
  ``404``.  The query string is ignored.

The IRI used in ``rel="cite-as"`` is the build's base IRI (``base_iri`` argument, else the
``"base_iri"`` key of ``build-info.json``, else the server's own URL) joined with the path.
"""

from __future__ import annotations

import email.utils
import html
import json
import os
import re
import shutil
import stat
import sys
import threading
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from .datafiles import CORS_HEADERS, DATA_EXTENSIONS, is_data_file  # noqa: F401 - DATA_EXTENSIONS re-exported
from .model import HonleaError


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
#: ``application/gzip`` *without* ``Content-Encoding`` so that clients save the archive as is.
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


# --- content negotiation ------------------------------------------------------------------

_TOKEN = r"[!#$%&'*+.^_`|~0-9A-Za-z-]+"
_RANGE_RE = re.compile(rf"^\s*({_TOKEN})/({_TOKEN})\s*$")
_QVALUE_RE = re.compile(r"^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$")


@dataclass(frozen=True)
class MediaRange:
    """One parsed element of an ``Accept`` header: ``type/subtype``, its weight ``q`` (0..1)
    and its specificity (0 for ``*/*``, 1 for ``type/*``, 2 for ``type/subtype``, 3 when it
    also has parameters)."""

    type: str
    subtype: str
    q: float
    specificity: int


def _split_outside_quotes(text: str, sep: str) -> list[str]:
    parts, buf, quoted, escaped = [], [], False, False
    for ch in text:
        if escaped:
            buf.append(ch)
            escaped = False
        elif ch == "\\" and quoted:
            buf.append(ch)
            escaped = True
        elif ch == '"':
            buf.append(ch)
            quoted = not quoted
        elif ch == sep and not quoted:
            parts.append("".join(buf))
            buf = []
        else:
            buf.append(ch)
    parts.append("".join(buf))
    return parts


def parse_accept(accept_header: str) -> list[MediaRange]:
    """Parse an ``Accept`` field value (RFC 9110 section 12.5.1) into media ranges.

    Types are lower-cased.  Elements that are not ``type/subtype`` (or ``*/*``, ``type/*``)
    or whose ``q`` is not a valid qvalue (``0``..``1``, at most three decimals) are dropped, as
    RFC 9110 section 12.5.1 lets a server ignore what it cannot parse.  Parameters other than
    ``q`` (``charset``, ``profile``, ``level``) do not restrict matching here but count for
    specificity; everything after ``q`` (accept-ext) is ignored.  Commas and semicolons inside
    quoted strings are respected.
    """
    ranges: list[MediaRange] = []
    for element in _split_outside_quotes(accept_header, ","):
        if not element.strip():
            continue
        pieces = _split_outside_quotes(element, ";")
        m = _RANGE_RE.match(pieces[0])
        if not m:
            continue
        mtype, msub = m.group(1).lower(), m.group(2).lower()
        if mtype == "*" and msub != "*":
            continue
        q, has_params, valid = 1.0, False, True
        for param in pieces[1:]:
            name, eq, value = param.partition("=")
            name = name.strip().lower()
            if name == "q":
                value = value.strip()
                if not eq or not _QVALUE_RE.match(value):
                    valid = False
                else:
                    q = float(value)
                break  # accept-ext parameters after the weight are ignored
            if name:
                has_params = True
        if not valid:
            continue
        specificity = 0 if mtype == "*" else 1 if msub == "*" else 3 if has_params else 2
        ranges.append(MediaRange(mtype, msub, q, specificity))
    return ranges


def _quality(media_type: str, ranges: list[MediaRange], allow_wildcards: bool) -> tuple[float, int]:
    """(q, specificity) of the most specific range matching ``media_type``; (-1, -1) if none.

    Among equally specific matches the highest q counts (a header listing ``text/html`` twice).
    """
    mtype, _, msub = media_type.partition("/")
    best_spec, best_q = -1, -1.0
    for r in ranges:
        if r.type == "*" or r.subtype == "*":
            if not allow_wildcards:
                continue
            if r.type != "*" and r.type != mtype:
                continue
        elif (r.type, r.subtype) != (mtype, msub):
            continue
        if r.specificity > best_spec or (r.specificity == best_spec and r.q > best_q):
            best_spec, best_q = r.specificity, r.q
    return best_q, best_spec


def negotiate(accept_header: str | None, available: list[str]) -> str | None:
    """Choose one of ``available`` (canonical media types, in server preference order) for an
    ``Accept`` header, following RFC 9110 section 12.5.1.

    * Each available type gets the weight of the *most specific* media range matching it
      (``text/turtle`` over ``text/*`` over ``*/*``), so ``text/html;q=0, */*`` excludes HTML.
      Alias types (:data:`ALIASES`: ``application/xhtml+xml`` for HTML, ``application/json``
      for JSON-LD, ``text/plain`` for N-Triples) count only when named explicitly; wildcards
      match the canonical type only.  A type's weight is the best of its own and its aliases'.
    * The highest weight wins; ``q=0`` means "not acceptable".  Ties go to the type matched by
      the more specific range (``text/turtle, */*`` gives Turtle), then to the earlier entry of
      ``available`` (our order :data:`PREFERENCE`: HTML, Turtle, JSON-LD, N-Triples, TriG,
      N-Quads), so a browser's ``text/html,application/xhtml+xml,...,*/*;q=0.8`` gets HTML and
      ``text/turtle;q=1, text/html;q=0.5`` gets Turtle.
    * A missing, empty or wholly unparseable header means "anything" and gives
      ``available[0]``.

    :param accept_header: the field value, or ``None`` when the request had none.
    :param available: canonical media types the resource exists in, most preferred first.
    :returns: the chosen media type, or ``None`` when none is acceptable (answer 406).
    """
    if not available:
        return None
    ranges = parse_accept(accept_header or "")
    if not ranges:
        return available[0]
    best: tuple[float, int, int] | None = None
    chosen = None
    for index, media_type in enumerate(available):
        q, spec = _quality(media_type, ranges, allow_wildcards=True)
        for alias, canonical in ALIASES.items():
            if canonical == media_type:
                aq, aspec = _quality(alias, ranges, allow_wildcards=False)
                if (aq, aspec) > (q, spec):
                    q, spec = aq, aspec
        if q <= 0:
            continue
        key = (q, spec, -index)
        if best is None or key > best:
            best, chosen = key, media_type
    return chosen


# --- the HTTP server ----------------------------------------------------------------------

class _BadRequest(Exception):
    pass


def _http_date(ts: float) -> str:
    return email.utils.formatdate(ts, usegmt=True)


def _page(title: str, body_html: str) -> bytes:
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\">"
        f"<title>{html.escape(title)}</title></head>\n<body>\n<h1>{html.escape(title)}</h1>\n"
        f"{body_html}\n</body>\n</html>\n"
    ).encode("utf-8")


def _read_base_iri(root: Path) -> str | None:
    info = root / "build-info.json"
    try:
        data = json.loads(info.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    base = data.get("base_iri") if isinstance(data, dict) else None
    return base if isinstance(base, str) and base.endswith("/") else None


class _Handler(BaseHTTPRequestHandler):
    """Request handler; ``server`` is a :class:`LinkedDataServer`."""

    server: "LinkedDataServer"
    server_version = "honlea-kg"
    protocol_version = "HTTP/1.1"

    def version_string(self) -> str:
        return self.server_version

    # -- plumbing --
    def log_message(self, format: str, *args) -> None:  # noqa: A002 - stdlib signature
        if not self.server.quiet:
            super().log_message(format, *args)

    def do_GET(self) -> None:  # noqa: N802 - stdlib naming
        self._handle(head=False)

    def do_HEAD(self) -> None:  # noqa: N802
        self._handle(head=True)

    def do_OPTIONS(self) -> None:  # noqa: N802
        self._send(HTTPStatus.NO_CONTENT, b"", None, head=True, extra={
            "Allow": "GET, HEAD, OPTIONS",
            "Access-Control-Allow-Origin": "*",
            "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
            "Access-Control-Allow-Headers": "Accept",
        })

    def _not_allowed(self) -> None:
        body = _page("405 Method Not Allowed", "<p>This server answers GET, HEAD and OPTIONS.</p>")
        self._send(HTTPStatus.METHOD_NOT_ALLOWED, body, "text/html; charset=utf-8",
                   head=False, extra={"Allow": "GET, HEAD, OPTIONS"})

    do_POST = do_PUT = do_DELETE = do_PATCH = _not_allowed  # noqa: N815

    def _send(self, status: int, body: bytes, ctype: str | None, *, head: bool,
              extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if not head and body:
            self.wfile.write(body)

    # -- routing --
    def _segments(self) -> tuple[list[str], bool]:
        """Decoded path segments and whether the path ends in ``/``; raises _BadRequest."""
        target = self.path
        if not target.startswith("/"):
            parts = urlsplit(target)
            if parts.scheme not in ("http", "https") or not parts.path.startswith("/"):
                raise _BadRequest("the request target is not an absolute path")
            target = parts.path
        raw = target.split("?", 1)[0].split("#", 1)[0]
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

    def _inside(self, path: Path) -> Path | None:
        """``path`` resolved (symlinks followed) if it stays inside the build folder."""
        try:
            real = Path(os.path.realpath(path))
        except (OSError, ValueError):
            return None
        root = self.server.root
        if real != root and root not in real.parents:
            return None
        return real

    def _handle(self, head: bool) -> None:
        try:
            segments, trailing = self._segments()
        except _BadRequest as exc:
            body = _page("400 Bad Request", f"<p>{html.escape(str(exc))}</p>")
            self._send(HTTPStatus.BAD_REQUEST, body, "text/html; charset=utf-8", head=head)
            return
        if any(s.startswith(".") for s in segments) and segments[:1] != [".well-known"]:
            self._not_found(head)
            return
        if segments == [".well-known", "void"] and not trailing:
            self._redirect("/void.ttl", head, vary=False, extra={"Access-Control-Allow-Origin": "*"})
            return
        root = self.server.root
        fs_path = root.joinpath(*segments) if segments else root
        real = self._inside(fs_path)
        if real is None:
            self._not_found(head)
            return
        if trailing or not segments:
            index = self._inside(fs_path / "index.html")
            if real.is_dir() and index is not None and index.is_file():
                self._file(index, head, segments)
            else:
                self._not_found(head)
            return
        if real.is_dir():
            index = self._inside(fs_path / "index.html")
            if index is not None and index.is_file():
                self._negotiate_entity(segments, head)
            else:
                self._not_found(head)
            return
        if real.is_file():
            parent = segments[:-1] if segments[-1].startswith("index.") else None
            self._file(real, head, parent)
            return
        if len(segments) == 1 and self._negotiate_top(segments[0], head):
            return
        self._not_found(head)

    # -- responses --
    def _encoded(self, segments: list[str]) -> str:
        return "/" + "/".join(quote(s, safe=_PCHAR_SAFE) for s in segments)

    def _cite_as(self, segments: list[str]) -> str:
        base = self.server.base_iri
        if base is None:
            host = self.headers.get("Host") or "%s:%d" % self.server.server_address[:2]
            base = f"http://{host}/"
        return base + "/".join(quote(s, safe=_PCHAR_SAFE) for s in segments)

    def _entity_links(self, segments: list[str], formats: list[Format]) -> str:
        path = self._encoded(segments)
        links = [f'<{self._cite_as(segments)}>; rel="cite-as"']
        for f in formats:
            href = (path.rstrip("/") + "/") if f.extension == "html" else f"{path.rstrip('/')}/index.{f.extension}"
            links.append(f'<{href}>; rel="alternate"; type="{f.media_type}"')
        return ", ".join(links)

    def _entity_formats(self, segments: list[str]) -> list[Format]:
        folder = self.server.root.joinpath(*segments)
        return [f for f in ENTITY_FORMATS if (folder / f"index.{f.extension}").is_file()]

    def _redirect(self, location: str, head: bool, *, vary: bool, extra: dict[str, str]) -> None:
        headers = {"Location": location, **extra}
        if vary:
            headers["Vary"] = "Accept"
        body = _page("303 See Other", f'<p>See <a href="{html.escape(location)}">{html.escape(location)}</a>.</p>')
        self._send(HTTPStatus.SEE_OTHER, body, "text/html; charset=utf-8", head=head, extra=headers)

    def _not_acceptable(self, alternatives: list[tuple[str, str]], head: bool) -> None:
        items = "\n".join(
            f'<li><a href="{html.escape(href)}" type="{html.escape(mt)}">{html.escape(mt)}</a></li>'
            for mt, href in alternatives)
        body = _page("406 Not Acceptable",
                     "<p>None of the media types in your Accept header is available. "
                     f"This resource is published as:</p>\n<ul>\n{items}\n</ul>")
        self._send(HTTPStatus.NOT_ACCEPTABLE, body, "text/html; charset=utf-8", head=head,
                   extra={"Vary": "Accept", "Access-Control-Allow-Origin": "*"})

    def _negotiate_entity(self, segments: list[str], head: bool) -> None:
        formats = self._entity_formats(segments)
        path = self._encoded(segments)
        targets = {f.media_type: (path + "/" if f.extension == "html" else f"{path}/index.{f.extension}")
                   for f in formats}
        chosen = negotiate(self.headers.get("Accept"), [f.media_type for f in formats])
        if chosen is None:
            self._not_acceptable(list(targets.items()), head)
            return
        self._redirect(targets[chosen], head, vary=True, extra={
            "Access-Control-Allow-Origin": "*",
            "Link": self._entity_links(segments, formats),
        })

    def _negotiate_top(self, name: str, head: bool) -> bool:
        """``/dataset`` -> ``/dataset.ttl`` etc.; False when no ``name.<ext>`` file exists."""
        root = self.server.root
        formats = [f for f in ENTITY_FORMATS + DUMP_FORMATS
                   if (root / f"{name}.{f.extension}").is_file()
                   and self._inside(root / f"{name}.{f.extension}") is not None]
        if not formats:
            return False
        stem = "/" + quote(name, safe=_PCHAR_SAFE)
        targets = {f.media_type: f"{stem}.{f.extension}" for f in formats}
        chosen = negotiate(self.headers.get("Accept"), [f.media_type for f in formats])
        if chosen is None:
            self._not_acceptable(list(targets.items()), head)
        else:
            self._redirect(targets[chosen], head, vary=True, extra={"Access-Control-Allow-Origin": "*"})
        return True

    def _not_found(self, head: bool) -> None:
        custom = self._inside(self.server.root / "404.html")
        if custom is not None and custom.is_file():
            body = custom.read_bytes()
        else:
            body = _page("404 Not Found", "<p>Nothing is published at this address.</p>"
                                          '<p><a href="/">Home page</a></p>')
        self._send(HTTPStatus.NOT_FOUND, body, "text/html; charset=utf-8", head=head)

    def _file(self, path: Path, head: bool, entity: list[str] | None) -> None:
        """Serve a regular file; ``entity`` = the entity's segments when ``path`` is one of its
        ``index.*`` files (adds the Link headers)."""
        try:
            fh = open(path, "rb")
        except OSError:
            self._not_found(head)
            return
        with fh:
            st = os.fstat(fh.fileno())
            if not stat.S_ISREG(st.st_mode):
                self._not_found(head)
                return
            etag = f'"{st.st_mtime_ns:x}-{st.st_size:x}"'
            headers = {"ETag": etag, "Last-Modified": _http_date(st.st_mtime)}
            if is_data_file(path.name):
                headers.update(CORS_HEADERS)
            if entity is not None and (self.server.root.joinpath(*entity) / "index.html").is_file():
                headers["Link"] = self._entity_links(entity, self._entity_formats(entity))
            if self._not_modified(etag, st.st_mtime):
                self.send_response(HTTPStatus.NOT_MODIFIED)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                return
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", content_type_for(path.name))
            self.send_header("Content-Length", str(st.st_size))
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            if not head:
                shutil.copyfileobj(fh, self.wfile)

    def _not_modified(self, etag: str, mtime: float) -> bool:
        inm = self.headers.get("If-None-Match")
        if inm is not None:
            tags = [t.strip() for t in inm.split(",")]
            return "*" in tags or etag in tags or f"W/{etag}" in tags
        ims = self.headers.get("If-Modified-Since")
        if ims:
            try:
                since = email.utils.parsedate_to_datetime(ims).timestamp()
            except (TypeError, ValueError, IndexError, OverflowError):
                return False
            return int(mtime) <= since
        return False


class LinkedDataServer(ThreadingHTTPServer):
    """A :class:`ThreadingHTTPServer` publishing one build folder (see the module docstring).

    ``root`` is the resolved build folder, ``base_iri`` the IRI prefix used in
    ``rel="cite-as"`` (or ``None``: the server's own URL), ``quiet`` suppresses the access log.
    ``url`` is ``http://host:port/``.
    """

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, root: Path, host: str, port: int, *, base_iri: str | None, quiet: bool):
        self.root = root
        self.base_iri = base_iri
        self.quiet = quiet
        super().__init__((host, port), _Handler)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        host = f"[{host}]" if ":" in str(host) else host
        return f"http://{host}:{port}/"


def make_server(data_dir: Path | str, host: str = "127.0.0.1", port: int = 8000, *,
                base_iri: str | None = None, quiet: bool = True) -> LinkedDataServer:
    """Create (not start) a server for build folder ``data_dir`` bound to ``host:port``.

    ``port=0`` picks a free port (read it from ``server.server_address[1]`` or ``server.url``).
    Run it with ``server.serve_forever()`` (e.g. in a thread); stop it with
    ``server.shutdown()`` then ``server.server_close()``.

    :param base_iri: IRI prefix for ``Link: <...>; rel="cite-as"``; default: the ``base_iri`` key
        of ``build-info.json``, else the server's own URL.
    :raises ServeError: if ``data_dir`` is not a directory holding ``index.html`` (not a build),
        or the address cannot be bound (port in use, unknown host).
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
        return LinkedDataServer(root, host, port, base_iri=base_iri, quiet=quiet)
    except OSError as exc:
        raise ServeError(f"cannot listen on {host}:{port}: {exc.strerror or exc}", path=root) from exc


def serve(data_dir: Path | str, host: str = "127.0.0.1", port: int = 8000, *,
          quiet: bool = False, base_iri: str | None = None) -> None:
    """Serve build folder ``data_dir`` at ``http://host:port/`` until interrupted (blocking).

    Prints the URL to stderr unless ``quiet``; Ctrl-C (KeyboardInterrupt) stops it cleanly.

    :raises ServeError: as :func:`make_server`.
    """
    server = make_server(data_dir, host, port, base_iri=base_iri, quiet=quiet)
    if not quiet:
        print(f"Serving {server.root} at {server.url} (Ctrl-C to stop)", file=sys.stderr)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


def start_in_thread(server: LinkedDataServer) -> threading.Thread:
    """Run ``server.serve_forever()`` in a daemon thread and return the thread (for tests and
    embedding); stop with ``server.shutdown(); server.server_close()``."""
    thread = threading.Thread(target=server.serve_forever, name="honlea-kg-serve", daemon=True)
    thread.start()
    return thread
