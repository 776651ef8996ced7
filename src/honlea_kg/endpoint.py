"""The SPARQL 1.1 Protocol endpoint of ``honlea-kg serve`` (``/sparql``), read-only.

Protocol (W3C SPARQL 1.1 Protocol, 2013):

* **query operation** (section 2.1): ``GET /sparql?query=...`` (2.1.1), ``POST`` with
  ``application/x-www-form-urlencoded`` (2.1.2) or with ``application/sparql-query`` and the
  query as the UTF-8 body (2.1.3); ``default-graph-uri`` and ``named-graph-uri`` (2.1.4) make
  the RDF dataset of the query and override ``FROM``/``FROM NAMED``; when neither is given the
  default graph is the merge of the report graphs and every report graph is a named graph.
* **update operation** (2.2): refused with ``403`` (the endpoint is read-only; the store is a
  read-only copy of the published build).
* **responses**: SELECT results as SPARQL 1.1 Query Results JSON, XML, CSV or TSV; ASK as JSON
  or XML; CONSTRUCT and DESCRIBE as Turtle, N-Triples, JSON-LD or RDF/XML -- chosen from the
  ``Accept`` header by :func:`honlea_kg.serve.negotiate` (``406`` listing the types when none
  is acceptable).  A syntax error is ``400`` with the parser's message as one line of plain
  text (worded by :func:`honlea_kg.query.sparql_error_message`); a malformed request (two
  ``query`` parameters, a wrong media type, a body that is not UTF-8) is ``400`` or ``415``.
* **service description** (SPARQL 1.1 Service Description, section 2): ``GET /sparql`` without
  a query, for an RDF client, answers an ``sd:Service`` in Turtle (or another RDF format).  A
  browser (an ``Accept`` preferring ``text/html``) gets the site's query page instead, also
  when the link carries ``?query=``, which the page reads and runs.
* **CORS** (WHATWG Fetch, CORS protocol): every answer carries ``Access-Control-Allow-Origin:
  *``; ``OPTIONS`` answers the preflight of browser clients (YASGUI, Comunica).

**Limits** (:class:`EndpointSettings`, ``serve --query-timeout --max-rows --workers``): each
query runs in a worker process (pebble's ``ProcessPool``, each worker holding the query store
open read-only); pyoxigraph cannot cancel a query, so a query over its time limit has its
worker process killed (and replaced), and the client gets ``503``.  At most ``max_rows``
solutions (or triples) are sent; a result cut there carries ``X-SPARQL-MaxRows: N`` (the header
Virtuoso uses for the same purpose) so that clients can tell.
"""

from __future__ import annotations

import asyncio
import csv
import io
import json
import os
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from .model import HonleaError

RESULTS_JSON = "application/sparql-results+json"
RESULTS_XML = "application/sparql-results+xml"
CSV = "text/csv"
TSV = "text/tab-separated-values"
TURTLE = "text/turtle"
NTRIPLES = "application/n-triples"
JSONLD = "application/ld+json"
RDFXML = "application/rdf+xml"
HTML = "text/html"

#: Offers in server preference order, and the types that select them only when named.
TABULAR = (RESULTS_JSON, RESULTS_XML, CSV, TSV)
BOOLEAN = (RESULTS_JSON, RESULTS_XML)
GRAPH = (TURTLE, NTRIPLES, JSONLD, RDFXML)
RESULT_ALIASES = {"application/json": RESULTS_JSON, "application/xml": RESULTS_XML, "text/xml": RESULTS_XML,
                  "text/plain": NTRIPLES, "application/x-turtle": TURTLE}
CONTENT_TYPES = {RESULTS_JSON: "application/sparql-results+json", RESULTS_XML: "application/sparql-results+xml",
                 CSV: "text/csv; charset=utf-8", TSV: "text/tab-separated-values; charset=utf-8",
                 TURTLE: "text/turtle; charset=utf-8", NTRIPLES: "application/n-triples; charset=utf-8",
                 JSONLD: "application/ld+json", RDFXML: "application/rdf+xml"}
_RDF_FORMATS = {TURTLE: ox.RdfFormat.TURTLE, NTRIPLES: ox.RdfFormat.N_TRIPLES, JSONLD: ox.RdfFormat.JSON_LD,
                RDFXML: ox.RdfFormat.RDF_XML}
#: W3C unique URIs for formats (https://www.w3.org/ns/formats/), for the service description.
FORMAT_URIS = {RESULTS_JSON: "SPARQL_Results_JSON", RESULTS_XML: "SPARQL_Results_XML", CSV: "SPARQL_Results_CSV",
               TSV: "SPARQL_Results_TSV", TURTLE: "Turtle", NTRIPLES: "N-Triples", JSONLD: "JSON-LD",
               RDFXML: "RDF_XML"}
ALLOW = "GET, HEAD, POST, OPTIONS"
CORS = {"Access-Control-Allow-Origin": "*", "Access-Control-Expose-Headers": "X-SPARQL-MaxRows"}
MAX_BODY = 10 * 1024 * 1024
XSD = "http://www.w3.org/2001/XMLSchema#"


@dataclass
class EndpointSettings:
    """Limits of the endpoint: ``timeout`` seconds of work per query (the worker is killed
    after it), ``max_rows`` solutions or triples sent at most, ``workers`` query processes
    (default: the number of cores)."""

    timeout: float = 30.0
    max_rows: int = 100_000
    workers: int | None = None


# --- what runs in the worker processes -----------------------------------------------------

_STORE: ox.Store | None = None


def _init_worker(db_path: str) -> None:
    global _STORE
    _STORE = ox.Store.read_only(db_path)


def _lexical(term) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Triple):
        return f"<< {term} >>"
    return term.value


def _json_term(term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD + "string":
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": {"subject": _json_term(term.subject),
                                        "predicate": _json_term(term.predicate),
                                        "object": _json_term(term.object)}}


def _xml_term(term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value != XSD + "string":
            return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
        return f"<literal>{escape(term.value)}</literal>"
    return (f"<triple><subject>{_xml_term(term.subject)}</subject><predicate>{_xml_term(term.predicate)}"
            f"</predicate><object>{_xml_term(term.object)}</object></triple>")


_SHORT = {XSD + "integer", XSD + "decimal", XSD + "boolean"}


def _tsv_term(term) -> str:
    """A term in SPARQL TSV (Turtle syntax; integers, decimals and booleans in short form, as
    pyoxigraph's own TSV writer does)."""
    if term is None:
        return ""
    if isinstance(term, ox.Literal) and term.datatype.value in _SHORT and not term.language:
        return term.value
    return str(term)


def serialize_solutions(variables: list[str], rows: list, media_type: str) -> bytes:
    """SELECT results in the SPARQL 1.1 Query Results JSON (section 3), XML (section 2 of the
    XML format REC), CSV or TSV format (SPARQL 1.1 Query Results CSV and TSV Formats)."""
    if media_type == RESULTS_JSON:
        bindings = [{v: _json_term(t) for v, t in zip(variables, row) if t is not None} for row in rows]
        return json.dumps({"head": {"vars": variables}, "results": {"bindings": bindings}},
                          ensure_ascii=False).encode("utf-8")
    if media_type == RESULTS_XML:
        parts = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n<head>']
        parts += [f"<variable name={quoteattr(v)}/>" for v in variables]
        parts.append("</head>\n<results>")
        for row in rows:
            parts.append("<result>" + "".join(f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
                                              for v, t in zip(variables, row) if t is not None) + "</result>")
        parts.append("</results>\n</sparql>\n")
        return "\n".join(parts).encode("utf-8")
    if media_type == CSV:
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n")
        writer.writerow(variables)
        for row in rows:
            writer.writerow([_lexical(t) for t in row])
        return buf.getvalue().encode("utf-8")
    lines = ["\t".join(f"?{v}" for v in variables)]
    lines += ["\t".join(_tsv_term(t) for t in row) for row in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


def serialize_boolean(value: bool, media_type: str) -> bytes:
    """An ASK answer in the SPARQL 1.1 Query Results JSON or XML format."""
    if media_type == RESULTS_JSON:
        return json.dumps({"head": {}, "boolean": value}).encode("utf-8")
    return ('<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
            f"<head/><boolean>{'true' if value else 'false'}</boolean></sparql>\n").encode("utf-8")


def _text(status: int, message: str, headers: dict | None = None) -> tuple:
    return status, "text/plain; charset=utf-8", dict(headers or {}), (message + "\n").encode("utf-8")


def run_operation(op: dict) -> tuple[int, str, dict, bytes]:
    """Run one query operation in a worker (module-level, so worker processes can import it).

    ``op``: ``query`` (text), ``base_iri`` (the endpoint's URL, against which relative IRIs of a
    query without ``BASE`` are resolved: RFC 3986 section 5.1.3, the retrieval URI), ``default_graphs``/``named_graphs`` (lists of IRIs, or ``None``
    for the store's own), ``choices`` (media type chosen for ``tabular``, ``boolean`` and
    ``graph`` answers, ``None`` = not acceptable), ``max_rows``.  Returns (status,
    Content-Type, extra headers, body).
    """
    from .query import sparql_error_message

    text = op["query"]
    kwargs = {"base_iri": op["base_iri"]} if op.get("base_iri") else {}
    if op.get("default_graphs") is not None or op.get("named_graphs") is not None:
        kwargs["default_graph"] = [ox.NamedNode(g) for g in op.get("default_graphs") or []]
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in op.get("named_graphs") or []]
    max_rows = op["max_rows"]
    choices = op["choices"]
    try:
        answer = _STORE.query(text, **kwargs)
        if isinstance(answer, ox.QueryBoolean):
            kind = "boolean"
        elif isinstance(answer, ox.QueryTriples):
            kind = "graph"
        else:
            kind = "tabular"
        media_type = choices.get(kind)
        if media_type is None:
            offered = {"tabular": TABULAR, "boolean": BOOLEAN, "graph": GRAPH}[kind]
            return _text(406, f"406 Not Acceptable: this {'ASK' if kind == 'boolean' else kind} answer is "
                              f"available as {', '.join(offered)}")
        headers = {}
        if kind == "boolean":
            body = serialize_boolean(bool(answer), media_type)
        elif kind == "graph":
            triples = list(islice(answer, max_rows + 1))
            if len(triples) > max_rows:
                triples = triples[:max_rows]
                headers["X-SPARQL-MaxRows"] = str(max_rows)
            body = ox.serialize(triples, format=_RDF_FORMATS[media_type])
        else:
            variables = [v.value for v in answer.variables]
            rows = list(islice(answer, max_rows + 1))
            if len(rows) > max_rows:
                rows = rows[:max_rows]
                headers["X-SPARQL-MaxRows"] = str(max_rows)
            body = serialize_solutions(variables, [tuple(r) for r in rows], media_type)
        return 200, CONTENT_TYPES[media_type], headers, body
    except SyntaxError as exc:
        return _text(400, sparql_error_message(exc, text))
    except (ValueError, OSError, RuntimeError) as exc:
        from .querystore import is_corruption

        if is_corruption(exc):
            return _text(500, "the query store is damaged; restart 'honlea-kg serve' to rebuild it")
        return _text(400, sparql_error_message(exc, text))


# --- the endpoint in the server ---------------------------------------------------------------

@dataclass
class Operation:
    """A parsed query request: the query text and the protocol's dataset (``None``: not given)."""

    query: str | None
    default_graphs: list[str] | None
    named_graphs: list[str] | None


class ProtocolError(Exception):
    """A request that breaks the protocol: ``status`` and a one-line message."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


def _media_type(content_type: str | None) -> tuple[str, dict]:
    from werkzeug.http import parse_options_header

    mime, params = parse_options_header(content_type or "")
    return mime.lower(), {k.lower(): v for k, v in params.items()}


def parse_operation(method: str, url_params: list[tuple[str, str]], content_type: str | None,
                    body: bytes) -> Operation:
    """The query operation of a request (SPARQL 1.1 Protocol, section 2.1), from its method, its
    URL's query parameters (in order, repeated ones kept), its ``Content-Type`` and its body.

    :raises ProtocolError: an update (403, read-only), two queries, a POST of another media type
        (415), a body or charset that is not UTF-8, or a body that is not URL-encoded (400).
    """
    from urllib.parse import parse_qsl

    params = list(url_params)
    direct_query = None
    if method == "POST":
        mime, options = _media_type(content_type)
        if mime == "application/x-www-form-urlencoded":
            try:
                params += parse_qsl(body.decode("ascii"), keep_blank_values=True, strict_parsing=False,
                                    encoding="utf-8", errors="strict")
            except (UnicodeDecodeError, ValueError):
                raise ProtocolError(400, "the URL-encoded body is not ASCII text with UTF-8 escapes") from None
        elif mime == "application/sparql-query":
            charset = options.get("charset", "utf-8").lower()
            if charset not in ("utf-8", "utf8"):
                raise ProtocolError(400, f"the query must be UTF-8 (SPARQL 1.1 Protocol 2.1.3), not {charset}")
            try:
                direct_query = body.decode("utf-8")
            except UnicodeDecodeError:
                raise ProtocolError(400, "the query body is not UTF-8 text") from None
        elif mime == "application/sparql-update":
            raise ProtocolError(403, "this endpoint is read-only: SPARQL Update is not accepted")
        else:
            raise ProtocolError(415, "POST a query as application/x-www-form-urlencoded (query=...) or as "
                                     f"application/sparql-query, not {mime or 'a body without Content-Type'}")
    names = [k for k, _ in params]
    if "update" in names or "using-graph-uri" in names or "using-named-graph-uri" in names:
        raise ProtocolError(403, "this endpoint is read-only: SPARQL Update is not accepted")
    queries = [v for k, v in params if k == "query"]
    if direct_query is not None:
        if queries:
            raise ProtocolError(400, "a direct POST carries the query as its body, not also as a parameter")
        queries = [direct_query]
    if len(queries) > 1:
        raise ProtocolError(400, "more than one query parameter (SPARQL 1.1 Protocol 2.1: exactly one)")
    defaults = [v for k, v in params if k == "default-graph-uri"]
    named = [v for k, v in params if k == "named-graph-uri"]
    for iri in defaults + named:
        if not iri or any(c in iri for c in ' <>"{}|^`\\') or ":" not in iri:
            raise ProtocolError(400, f"not an absolute IRI: {iri!r}")
    return Operation(queries[0] if queries else None, defaults or None, named or None)


class Endpoint:
    """The ``/sparql`` endpoint of one build: its query store (made if missing) and a pool of
    worker processes that run queries under the time limit.

    :raises HonleaError: the query store cannot be made or opened.
    """

    def __init__(self, root: Path, cache_dir: Path, settings: EndpointSettings | None = None, notify=None):
        import multiprocessing

        from pebble import ProcessPool

        from .querystore import DB, open_store

        self.root = root
        self.settings = settings or EndpointSettings()
        qs = open_store(root, cache_dir, notify=notify)
        self.store = qs
        self.triples = qs.triples
        self.graph_names = sorted(g.value for g in qs.store.named_graphs() if isinstance(g, ox.NamedNode))
        del qs.store  # the workers hold the store; the server needs only its description
        workers = self.settings.workers or os.cpu_count() or 1
        self.pool = ProcessPool(max_workers=workers, initializer=_init_worker, initargs=(str(self.store.path / DB),),
                                context=multiprocessing.get_context("spawn"))
        self._closed = False

    def close(self) -> None:
        """Stop the worker processes (killing a running query)."""
        if not self._closed:
            self._closed = True
            self.pool.stop()
            self.pool.join(timeout=10)

    # -- answers --
    @staticmethod
    def _response(status: int, body: bytes, ctype: str | None, headers: dict | None = None):
        from starlette.responses import Response

        hdrs = {**CORS, **(headers or {})}
        if ctype:
            hdrs["Content-Type"] = ctype
        return Response(body, status_code=status, headers=hdrs)

    def _page(self, site):
        """The site's query page (``sparql/index.html``, marked with ``<meta
        name="honlea-sparql-endpoint">`` so that its script sends queries here), or a plain form
        when the build has none."""
        page = site.inside(self.root / "sparql" / "index.html")
        if page is not None and page.is_file():
            # the same page as on a static host, told that this server answers its queries
            marker = b'<meta name="honlea-sparql-endpoint" content="/sparql">\n'
            body = page.read_bytes().replace(b"<head>\n", b"<head>\n" + marker, 1)
        else:
            from .negotiation import page as status_page

            body = status_page("SPARQL endpoint", (
                '<form method="get" action="/sparql"><p><label for="q">Query</label></p>'
                '<p><textarea id="q" name="query" rows="12" cols="80">SELECT * WHERE { ?s ?p ?o } LIMIT 10'
                '</textarea></p><p><button type="submit">Run</button></p></form>'))
        return self._response(200, body, "text/html; charset=utf-8", {"Vary": "Accept"})

    def service_description(self, endpoint_url: str, media_type: str) -> bytes:
        """The SPARQL 1.1 Service Description (section 3) of this endpoint as RDF."""
        sd = "http://www.w3.org/ns/sparql-service-description#"
        void = "http://rdfs.org/ns/void#"
        rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
        service, dataset, default = ox.BlankNode("service"), ox.BlankNode("dataset"), ox.BlankNode("default")
        n = ox.NamedNode
        triples = [
            ox.Triple(service, rdf_type, n(sd + "Service")),
            ox.Triple(service, n(sd + "endpoint"), n(endpoint_url)),
            ox.Triple(service, n(sd + "supportedLanguage"), n(sd + "SPARQL11Query")),
            ox.Triple(service, n(sd + "feature"), n(sd + "UnionDefaultGraph")),
            ox.Triple(service, n(sd + "defaultEntailmentRegime"), n("http://www.w3.org/ns/entailment/Simple")),
            ox.Triple(service, n(sd + "defaultDataset"), dataset),
            ox.Triple(dataset, rdf_type, n(sd + "Dataset")),
            ox.Triple(dataset, n(sd + "defaultGraph"), default),
            ox.Triple(default, rdf_type, n(sd + "Graph")),
            ox.Triple(default, n(void + "triples"), ox.Literal(str(self.triples), datatype=n(XSD + "integer"))),
            ox.Triple(service, n("http://www.w3.org/2000/01/rdf-schema#comment"), ox.Literal(
                "Read-only SPARQL 1.1 endpoint of a honlea-kg build. The default graph is the merge of the "
                f"report graphs; each report is a named graph. Queries stop after {self.settings.timeout:g} s; "
                f"at most {self.settings.max_rows} rows are sent (X-SPARQL-MaxRows marks a cut result).",
                language="en")),
        ]
        for mt in TABULAR + GRAPH:
            triples.append(ox.Triple(service, n(sd + "resultFormat"),
                                     n("http://www.w3.org/ns/formats/" + FORMAT_URIS[mt])))
        for i, g in enumerate(self.graph_names):
            named = ox.BlankNode(f"g{i}")
            triples += [ox.Triple(dataset, n(sd + "namedGraph"), named),
                        ox.Triple(named, rdf_type, n(sd + "NamedGraph")),
                        ox.Triple(named, n(sd + "name"), n(g))]
        prefixes = {"sd": sd, "void": void, "xsd": XSD, "rdfs": "http://www.w3.org/2000/01/rdf-schema#"}
        if media_type == TURTLE:
            return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes)
        return ox.serialize(triples, format=_RDF_FORMATS[media_type])

    async def handle(self, request, site):
        """Answer one request to ``/sparql`` (a Starlette ``Request``; ``site`` the
        :class:`honlea_kg.serve.Site`, for the query page)."""
        from concurrent.futures import TimeoutError as FutureTimeout

        from pebble import ProcessExpired

        from .negotiation import negotiate

        method = request.method
        if method == "OPTIONS":
            return self._response(204, b"", None, {
                "Allow": ALLOW, "Access-Control-Allow-Methods": ALLOW,
                "Access-Control-Allow-Headers": "Accept, Content-Type", "Access-Control-Max-Age": "86400"})
        if method not in ("GET", "HEAD", "POST"):
            return self._response(405, f"405 Method Not Allowed: {ALLOW}\n".encode(), "text/plain; charset=utf-8",
                                  {"Allow": ALLOW})
        body = b""
        if method == "POST":
            length = request.headers.get("content-length")
            if length is not None and length.isdigit() and int(length) > MAX_BODY:
                return self._response(413, b"the request body is larger than 10 MB\n", "text/plain; charset=utf-8")
            body = await request.body()
        try:
            op = parse_operation(method, request.query_params.multi_items(), request.headers.get("content-type"),
                                 body)
        except ProtocolError as exc:
            return self._response(exc.status, (exc.message + "\n").encode("utf-8"), "text/plain; charset=utf-8")
        accept = request.headers.get("accept")
        everything = list(TABULAR) + [t for t in GRAPH] + [HTML]
        if method in ("GET", "HEAD") and negotiate(accept, everything, RESULT_ALIASES) == HTML:
            return self._page(site)
        if op.query is None:
            chosen = negotiate(accept, list(GRAPH), RESULT_ALIASES)
            if chosen is None:
                return self._response(406, f"406 Not Acceptable: the service description is available as "
                                           f"{', '.join(GRAPH)}\n".encode(), "text/plain; charset=utf-8")
            url = str(request.base_url).rstrip("/") + "/sparql"
            return self._response(200, self.service_description(url, chosen), CONTENT_TYPES[chosen],
                                  {"Vary": "Accept"})
        payload = {"query": op.query, "base_iri": str(request.url).split("?", 1)[0], "default_graphs": op.default_graphs, "named_graphs": op.named_graphs,
                   "max_rows": self.settings.max_rows,
                   "choices": {"tabular": negotiate(accept, list(TABULAR), RESULT_ALIASES),
                               "boolean": negotiate(accept, list(BOOLEAN), RESULT_ALIASES),
                               "graph": negotiate(accept, list(GRAPH), RESULT_ALIASES)}}
        future = self.pool.schedule(run_operation, args=(payload,), timeout=self.settings.timeout)
        try:
            status, ctype, headers, out = await asyncio.wrap_future(future)
        except FutureTimeout:
            return self._response(503, (f"the query was stopped after {self.settings.timeout:g} s, this endpoint's "
                                        "time limit (honlea-kg serve --query-timeout); restrict it (a VALUES block, "
                                        "LIMIT) or run it with honlea-kg query\n").encode(),
                                  "text/plain; charset=utf-8")
        except ProcessExpired as exc:
            return self._response(500, f"the query's worker process ended ({exc}); try again\n".encode(),
                                  "text/plain; charset=utf-8")
        except HonleaError as exc:
            return self._response(500, f"{exc}\n".encode(), "text/plain; charset=utf-8")
        headers["Vary"] = "Accept"
        return self._response(status, out, ctype, headers)
