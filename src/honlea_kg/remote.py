"""Run SPARQL queries against a remote endpoint (Virtuoso, Fuseki, Oxigraph server, QLever...).

:func:`run_remote` sends a query with the SPARQL 1.1 Protocol (W3C REC 2013), section 2.1.2
"query via POST with URL-encoded parameters" -- so a query of hundreds of kilobytes (a long
``VALUES`` block) is not cut by URL length limits -- and turns the answer into the same
:class:`~honlea_kg.results.QueryResult` the embedded engine returns:

* SELECT/ASK: SPARQL 1.1 Query Results JSON Format (W3C REC 2013), each binding turned into an
  rdflib term (IRI, blank node, literal with its language tag or datatype);
* CONSTRUCT/DESCRIBE: Turtle (or N-Triples, RDF/XML, JSON-LD, whatever the server chose among
  those we accept) parsed into an :class:`rdflib.Graph`.

SPARQLWrapper builds the request (parameters, ``default-graph-uri``, ``Accept`` header); the
request is sent with a :mod:`urllib.request` opener made for this one call, so credentials never
end up in a process-wide opener (SPARQLWrapper's own digest support installs one globally).
:func:`http_request` is the same transport for other HTTP calls (SPARQL Update, Graph Store
Protocol) made by :mod:`honlea_kg.store`.

Every failure is a :class:`~honlea_kg.results.QueryError` whose message is one line: HTTP status
and the first line of the server's answer, connection refused, unknown host, timeout, or a
malformed answer.
"""

from __future__ import annotations

import base64
import http.client
import json
import os
import re
import socket
import ssl
import urllib.error
import urllib.parse
import urllib.request
import warnings
from dataclasses import dataclass

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD
from SPARQLWrapper import JSON, POST, TURTLE, URLENCODED, SPARQLWrapper

from .results import QueryError, QueryResult
from .sparql_errors import format_sparql_error
from .sparql_text import query_form

ENV_USER = "HONLEA_KG_USER"
"""Environment variable read for the user name when none is given."""
ENV_PASSWORD = "HONLEA_KG_PASSWORD"
"""Environment variable read for the password when none is given."""
AUTH_METHODS = ("basic", "digest")
"""HTTP authentication schemes: RFC 7617 (Basic), RFC 7616 (Digest)."""

_RESULTS_ACCEPT = "application/sparql-results+json, application/json;q=0.9"
_RDF_ACCEPT = ("text/turtle, application/n-triples;q=0.9, application/x-turtle;q=0.8, "
               "application/rdf+xml;q=0.5, application/ld+json;q=0.4")
_ANY_ACCEPT = f"{_RESULTS_ACCEPT}, text/turtle;q=0.8, application/n-triples;q=0.7"
_RDF_PARSERS = {
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/turtle": "turtle",
    "text/rdf+n3": "n3",
    "text/n3": "n3",
    "application/n-triples": "nt",
    "text/plain": "nt",  # the old N-Triples media type, still sent by some servers
    "application/rdf+xml": "xml",
    "application/ld+json": "json-ld",
}


@dataclass
class HttpResponse:
    """A successful (2xx) HTTP answer: ``status`` code, ``content_type`` (media type, lower case,
    no parameters), ``headers`` (the response's header object) and the whole ``body`` in bytes."""

    status: int
    content_type: str
    headers: object
    body: bytes


def credentials(user: str | None = None, password: str | None = None) -> tuple[str | None, str | None]:
    """Return ``(user, password)``: each argument, or else the environment variable
    :data:`ENV_USER` / :data:`ENV_PASSWORD`, or else ``None``."""
    if user is None:
        user = os.environ.get(ENV_USER) or None
    if password is None:
        password = os.environ.get(ENV_PASSWORD) or None
    return user, password


def check_url(url: str, what: str) -> None:
    """Check a URL given by the user before anything is sent (``what`` names it in the message).

    :raises QueryError: unless ``url`` is an http(s) URL with a host (and a valid port)."""
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # raises ValueError for a port that is not a number in 0-65535
        ok = parts.scheme in ("http", "https") and bool(parts.hostname)
        reason = ""
    except ValueError as exc:  # urllib: "Invalid IPv6 URL", "Port out of range 0-65535"
        ok, reason = False, f" ({exc})"
    if not ok:
        raise QueryError(f"{what} must be an http:// or https:// URL, got {url!r}{reason}")


def _opener(url: str, user: str | None, password: str | None, auth: str | None):
    """A urllib opener for one call.  ``auth`` ``basic`` sends Basic credentials pre-emptively;
    ``digest`` answers a Digest challenge; ``None`` answers whichever challenge the server sends."""
    if auth is not None and auth not in AUTH_METHODS:
        raise QueryError(f"unknown authentication {auth!r}; expected one of {', '.join(AUTH_METHODS)}")
    handlers: list = []
    if user is not None and password is not None:
        manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        manager.add_password(None, url, user, password)
        if auth in ("digest", None):
            handlers.append(urllib.request.HTTPDigestAuthHandler(manager))
        if auth is None:
            handlers.append(urllib.request.HTTPBasicAuthHandler(manager))
    elif auth is not None and (user is None) != (password is None):
        missing = "password" if password is None else "user"
        raise QueryError(f"{auth} authentication needs a user and a password; no {missing} given "
                         f"(argument or {ENV_PASSWORD if missing == 'password' else ENV_USER})")
    return urllib.request.build_opener(*handlers)


def _first_line(body: bytes) -> str:
    """First non-blank line of an error body, HTML tags removed, at most 200 characters."""
    text = body.decode("utf-8", errors="replace")
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", text, flags=re.S | re.I)
    text = re.sub(r"<[^>]+>", "\n", text)
    for line in text.splitlines():
        line = " ".join(line.split())
        if line:
            return line[:200]
    return ""


def _describe_network_error(exc: BaseException, url: str, timeout: float) -> str:
    reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
    if isinstance(reason, socket.gaierror):
        host = urllib.parse.urlsplit(url).hostname
        return f"cannot resolve host {host!r} of {url} ({reason.strerror or reason})"
    if isinstance(reason, ConnectionRefusedError):
        return f"connection refused by {url} (is the server running?)"
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return f"no answer from {url} within {timeout:g} s (timeout)"
    if isinstance(reason, ssl.SSLError):
        return f"TLS error talking to {url}: {reason}"
    if isinstance(reason, (ConnectionResetError, BrokenPipeError, http.client.RemoteDisconnected,
                           http.client.IncompleteRead)):
        return f"connection to {url} closed before a complete answer ({type(reason).__name__})"
    if isinstance(reason, OSError):
        return f"cannot talk to {url}: {reason.strerror or reason}"
    return f"cannot talk to {url}: {' '.join(str(reason).split())}"


_PREAUTH_BYTES = 16 * 1024


def _preauthorize(request: urllib.request.Request, user: str | None, password: str | None,
                  auth: str | None, timeout: float) -> None:
    """Settle authentication before a request with a large body is sent.

    urllib answers a Digest challenge only after a 401, i.e. after sending the whole body once;
    Virtuoso answers that 401 and closes the connection while the body is still being written,
    which the client sees as a reset or a broken pipe.  So a body-less ``GET`` of the same URL
    fetches the challenge first (RFC 7616, section 3.3) and the real request carries the answer.
    Nothing happens when the GET is not challenged or fails for another reason.

    :raises QueryError: when the server asks for a scheme we cannot answer (no credentials, or
        ``auth`` names the other scheme): the same one-line HTTP 401 the real request would get.
    """
    probe = urllib.request.Request(request.full_url, method="GET")
    try:
        with urllib.request.build_opener().open(probe, timeout=timeout):
            return
    except urllib.error.HTTPError as exc:
        exc.close()
        if exc.code != 401:
            return
        challenge_error = exc
    except (urllib.error.URLError, OSError, http.client.HTTPException):
        return
    have_credentials = user is not None and password is not None
    for value in challenge_error.headers.get_all("WWW-Authenticate") or []:
        scheme, _, rest = value.strip().partition(" ")
        if not have_credentials:
            break
        if scheme.lower() == "digest" and auth in ("digest", None):
            manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            manager.add_password(None, request.full_url, user, password)
            chal = urllib.request.parse_keqv_list(
                [item for item in urllib.request.parse_http_list(rest) if "=" in item])
            # check the credentials with a second small GET before the large body goes out
            try:
                check = urllib.request.Request(request.full_url, method="GET")
                with urllib.request.build_opener(
                        urllib.request.HTTPDigestAuthHandler(manager)).open(check, timeout=timeout):
                    pass
            except urllib.error.HTTPError as exc:
                exc.close()
                if exc.code == 401:
                    raise QueryError(f"HTTP 401 from {request.get_method()} "
                                     f"{request.full_url.split('?', 1)[0]} (check the user and "
                                     "password): digest auth failed") from None
            except (urllib.error.URLError, OSError, http.client.HTTPException):
                return
            answer = urllib.request.HTTPDigestAuthHandler(manager).get_authorization(request, chal)
            if answer:
                request.add_unredirected_header("Authorization", f"Digest {answer}")
            return
        if scheme.lower() == "basic" and auth in ("basic", None):
            if auth is None:
                token = base64.b64encode(f"{user}:{password}".encode("utf-8")).decode("ascii")
                request.add_unredirected_header("Authorization", f"Basic {token}")
            return
    url = request.full_url.split("?", 1)[0]
    raise QueryError(f"HTTP 401 from {request.get_method()} {url}"
                     f"{_auth_hint(challenge_error, user, auth)}: Unauthorized")


def _auth_hint(exc: urllib.error.HTTPError, user: str | None, auth: str | None) -> str:
    """A short hint for 401/403 answers: which scheme the server asked for, or check credentials."""
    if exc.code not in (401, 403):
        return ""
    challenge = (exc.headers.get("WWW-Authenticate") or "").strip() if exc.headers else ""
    scheme = challenge.split(" ", 1)[0].lower()
    if exc.code == 401 and user is None:
        return f" (no user given; the server asks for {scheme or 'authentication'})"
    if exc.code == 401 and scheme in AUTH_METHODS and auth is not None and scheme != auth:
        return f" (the server asks for {scheme} authentication, not {auth})"
    return " (check the user and password)"


#: What a 500 answer says when it is really about the query's syntax (some stores answer a
#: malformed query with 500 instead of the 400 of the SPARQL 1.1 Protocol, section 2.1.4).
_SYNTAX_BODY = re.compile(r"syntax error|parse error|MalformedQueryException|QueryParseException|"
                          r"SP030|Encountered\s+\"|Unresolved prefixed name|Invalid SPARQL query", re.I)


def _open(request: urllib.request.Request, *, user: str | None, password: str | None,
          auth: str | None, timeout: float, query_text: str | None = None) -> HttpResponse:
    """Send ``request``; a 4xx/5xx answer becomes a one-line :class:`QueryError`.  With
    ``query_text`` (a SPARQL query sent in the request), a 400 answer (or a 500 whose body is a
    syntax error) is worded by :func:`~honlea_kg.sparql_errors.format_sparql_error` from the
    endpoint's whole error body, with positions in ``query_text``."""
    url = request.full_url.split("?", 1)[0]
    if auth == "basic" and user is not None and password is not None:
        token = base64.b64encode(f"{user}:{password}".encode("utf-8")).decode("ascii")
        request.add_header("Authorization", f"Basic {token}")
    opener = _opener(request.full_url, user, password, auth)
    if request.data and len(request.data) > _PREAUTH_BYTES:
        _preauthorize(request, user, password, auth, timeout)
    try:
        with opener.open(request, timeout=timeout) as response:
            body = response.read()
            status = response.status
            headers = response.headers
    except urllib.error.HTTPError as exc:
        try:
            body = exc.read() or b""
        except Exception:  # the body of an error may be cut; the status is what matters
            body = b""
        line = _first_line(body) or str(exc.reason or "").strip()
        text = body.decode("utf-8", errors="replace")
        if query_text is not None and (exc.code == 400 or (exc.code == 500 and _SYNTAX_BODY.search(text))):
            line = format_sparql_error(text or line, query_text)
        hint = _auth_hint(exc, user, auth)
        raise QueryError(f"HTTP {exc.code} from {request.get_method()} {url}{hint}: {line}"
                         .rstrip(": ")) from None
    except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:
        raise QueryError(_describe_network_error(exc, url, timeout)) from None
    except ValueError as exc:  # e.g. urllib's digest handler meeting an unknown scheme
        raise QueryError(f"cannot talk to {url}: {' '.join(str(exc).split())}") from None
    ctype = (headers.get("Content-Type") or "").split(";", 1)[0].strip().lower()
    return HttpResponse(status=status, content_type=ctype, headers=headers, body=body)


def http_request(method: str, url: str, *, data: bytes | None = None,
                 headers: dict[str, str] | None = None, user: str | None = None,
                 password: str | None = None, auth: str | None = "basic",
                 timeout: float = 60) -> HttpResponse:
    """Send one HTTP request and return the 2xx answer.

    ``user``/``password`` default to :func:`credentials`; ``auth`` is ``"basic"`` (sent
    pre-emptively), ``"digest"`` (answers the server's challenge) or ``None`` (answers whichever
    challenge comes).  ``timeout`` is in seconds, per socket operation.

    :raises QueryError: one line naming the URL: ``HTTP <status> ...: <first line of body>``,
        connection refused, unknown host, timeout, connection closed.
    """
    check_url(url, "URL")
    user, password = credentials(user, password)
    request = urllib.request.Request(url, data=data, method=method, headers=dict(headers or {}))
    return _open(request, user=user, password=password, auth=auth, timeout=timeout)


def sparql_update(update_text: str, endpoint: str, *, user: str | None = None,
                  password: str | None = None, auth: str | None = "basic",
                  timeout: float = 60) -> HttpResponse:
    """POST a SPARQL 1.1 Update request, URL-encoded (SPARQL 1.1 Protocol, section 2.2.1).

    :raises QueryError: as :func:`http_request`.
    """
    data = urllib.parse.urlencode({"update": update_text}).encode("ascii")
    return http_request("POST", endpoint, data=data,
                        headers={"Content-Type": "application/x-www-form-urlencoded; charset=UTF-8"},
                        user=user, password=password, auth=auth, timeout=timeout)


def _bnode(value: str) -> BNode:
    # Virtuoso labels blank nodes "nodeID://b10000"; keep a Turtle-safe label.
    return BNode(re.sub(r"[^A-Za-z0-9_]", "_", value) or "b")


def json_term(binding: dict):
    """Turn one RDF term of the SPARQL 1.1 Query Results JSON Format (section 3.2.2) into rdflib.

    Also reads the pre-REC ``"typed-literal"`` type that Virtuoso still sends.  A literal typed
    ``xsd:string`` becomes a plain :class:`~rdflib.Literal`, as rdflib's parsers produce for
    plain literals (RDF 1.1 Concepts, section 3.3: a simple literal *is* an ``xsd:string``), so
    results from different engines compare equal.

    :raises QueryError: for a binding that is not an RDF term.
    """
    if not isinstance(binding, dict) or "value" not in binding:
        raise QueryError(f"malformed SPARQL JSON results: binding {binding!r} has no value")
    kind = binding.get("type")
    value = binding["value"]
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return _bnode(value)
    if kind in ("literal", "typed-literal"):
        lang = binding.get("xml:lang")
        if lang:
            return Literal(value, lang=lang)
        datatype = binding.get("datatype")
        if datatype and datatype not in (str(XSD.string), str(RDF.langString)):
            return Literal(value, datatype=URIRef(datatype))
        return Literal(value)
    if kind == "triple":  # SPARQL-star; not used by honlea-kg
        raise QueryError("SPARQL JSON results hold an RDF-star triple term, which honlea-kg does not read")
    raise QueryError(f"malformed SPARQL JSON results: unknown term type {kind!r}")


def parse_json_results(body: bytes, form: str, source: str = "endpoint") -> QueryResult:
    """Parse a SPARQL 1.1 Query Results JSON document (W3C REC 2013) for a SELECT or ASK query.

    :raises QueryError: if ``body`` is not such a document (message names ``source``).
    """
    try:
        doc = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise QueryError(f"malformed answer from {source}: not SPARQL JSON results ({exc}); "
                         f"it begins {_first_line(body)[:80]!r}") from None
    if not isinstance(doc, dict):
        raise QueryError(f"malformed answer from {source}: SPARQL JSON results must be an object")
    if form == "ASK":
        if not isinstance(doc.get("boolean"), bool):
            raise QueryError(f"malformed answer from {source}: ASK result has no boolean")
        return QueryResult(form="ASK", boolean=doc["boolean"])
    try:
        variables = list(doc["head"]["vars"])
        bindings = doc["results"]["bindings"]
    except (KeyError, TypeError):
        raise QueryError(f"malformed answer from {source}: SELECT result lacks head.vars or "
                         "results.bindings") from None
    rows = []
    for solution in bindings:
        if not isinstance(solution, dict):
            raise QueryError(f"malformed answer from {source}: a solution is not an object")
        rows.append(tuple(json_term(solution[v]) if v in solution else None for v in variables))
    return QueryResult(form="SELECT", variables=variables, rows=rows)


def run_remote(query_text: str, endpoint: str, *, user: str | None = None,
               password: str | None = None, auth: str | None = "basic", timeout: float = 60,
               default_graphs: list[str] | None = None) -> QueryResult:
    """Run ``query_text`` at the SPARQL endpoint ``endpoint`` and return a :class:`QueryResult`.

    The request is a POST with URL-encoded ``query`` (SPARQL 1.1 Protocol, section 2.1.2), one
    ``default-graph-uri`` parameter per IRI of ``default_graphs`` (section 2.1.4: the default
    graph of the query is their merge -- use it to keep a store's system graphs out of the
    answers).  The query is sent exactly as written: the endpoint judges its syntax (a valid query
    that rdflib cannot parse, such as a ``SERVICE`` inside a ``SERVICE``, still runs).  The form
    (SELECT/ASK/CONSTRUCT/DESCRIBE), which decides the ``Accept`` header, is read from the first
    keyword after the prologue (:func:`~honlea_kg.sparql_text.query_form`: comments, strings and
    IRIs skipped); when there is none (a typo such as ``SELEC``) both result formats are accepted
    and the answer's media type decides.  An endpoint's syntax error comes back worded by
    :func:`~honlea_kg.sparql_errors.format_sparql_error` (line and column in ``query_text``).

    ``user``/``password`` default to the environment variables :data:`ENV_USER` and
    :data:`ENV_PASSWORD`; ``auth`` is ``"basic"``, ``"digest"`` (Virtuoso's ``/sparql-auth``) or
    ``None`` (answer whatever challenge the server sends).  ``timeout`` is in seconds, applied
    to connecting and to each read.

    :returns: SELECT: ``variables`` and ``rows`` of rdflib terms (``None`` = unbound); ASK:
        ``boolean``; CONSTRUCT/DESCRIBE: ``graph``.
    :raises QueryError: the endpoint's syntax error (worded as above); HTTP error (status and
        first line of the server's message); connection refused; unknown host; timeout;
        malformed answer.  Always one line.
    """
    check_url(endpoint, "endpoint")
    form = query_form(query_text)
    user, password = credentials(user, password)
    wrapper = SPARQLWrapper(endpoint)
    wrapper.setMethod(POST)
    wrapper.setRequestMethod(URLENCODED)
    with warnings.catch_warnings():  # SPARQLWrapper warns about query types it cannot guess
        warnings.simplefilter("ignore")
        wrapper.setQuery(query_text)
    wrapper.queryType = form or "SELECT"  # our reading, not SPARQLWrapper's keyword guess
    wrapper.setReturnFormat(TURTLE if form in ("CONSTRUCT", "DESCRIBE") else JSON)
    wrapper.setOnlyConneg(True)  # no format=/output= parameters: content negotiation only
    for graph in default_graphs or ():
        wrapper.addDefaultGraph(str(graph))
    # SPARQLWrapper 2.x builds the request; it is sent with our own per-call opener (see module doc).
    request = wrapper._createRequest()
    if form in ("CONSTRUCT", "DESCRIBE"):
        request.add_header("Accept", _RDF_ACCEPT)
    elif form is not None:
        request.add_header("Accept", _RESULTS_ACCEPT)
    else:
        request.add_header("Accept", _ANY_ACCEPT)
    request.add_header("User-Agent", "honlea-kg (SPARQLWrapper)")
    response = _open(request, user=user, password=password, auth=auth, timeout=timeout,
                     query_text=query_text)

    if form is None:  # the answer's media type tells the form
        form = "CONSTRUCT"
        if response.content_type in ("application/sparql-results+json", "application/json"):
            try:
                doc = json.loads(response.body.decode("utf-8"))
            except (UnicodeDecodeError, ValueError):
                doc = None
            form = "ASK" if isinstance(doc, dict) and "boolean" in doc else "SELECT"
    if form in ("SELECT", "ASK"):
        return parse_json_results(response.body, form, endpoint)
    fmt = _RDF_PARSERS.get(response.content_type)
    if fmt is None:
        raise QueryError(f"malformed answer from {endpoint}: {form} result in unexpected media type "
                         f"{response.content_type or '(none)'!r}; expected Turtle or N-Triples")
    graph = Graph()
    try:
        graph.parse(data=response.body.decode("utf-8"), format=fmt, publicID=endpoint)
    except Exception as exc:  # rdflib parsers raise assorted exception types
        raise QueryError(f"malformed {response.content_type} answer from {endpoint}: "
                         f"{' '.join(str(exc).split())[:200]}") from None
    return QueryResult(form=form, graph=graph)
