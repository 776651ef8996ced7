"""Remote SPARQL (honlea_kg.remote) against a real Virtuoso, compared with rdflib embedded."""

from __future__ import annotations

import re
import socket
import time

import pytest
from rdflib import Graph

from honlea_kg.remote import run_remote, sparql_update
from honlea_kg.results import QueryError
from honlea_kg.store import load_build
from http_helpers import embedded_dataset, norm, reply, serve
from kg_sample import write_build

pytest_plugins = ["virtuoso_fixture"]

BASE = "https://w3id.org/honlea-kg/remote-test/"
PREFIXES = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX hk: <https://w3id.org/honlea-kg/ontology#>
"""


@pytest.fixture(scope="module")
def loaded(virtuoso, tmp_path_factory):
    """The sample build loaded into Virtuoso; returns (virtuoso, rdflib dataset, graph IRIs)."""
    build = write_build(tmp_path_factory.mktemp("remote-build"), base=BASE)
    loads = load_build(build, virtuoso.sparql_auth, virtuoso.graph_store, user=virtuoso.user,
                       password=virtuoso.password, auth=virtuoso.auth)
    return virtuoso, embedded_dataset(build / "dataset.trig"), [g.graph for g in loads]


def embedded_rows(ds, query):
    result = ds.query(query)
    return [tuple(row) for row in result], [str(v) for v in result.vars]


SELECTS = {
    "all triples": "SELECT ?s ?p ?o WHERE { ?s ?p ?o }",
    "language filter": "SELECT ?x ?l WHERE { ?x rdfs:label ?l FILTER(LANG(?l) = 'fr') }",
    "lang-tagged text in en-GB": "SELECT ?t WHERE { ?p hk:text ?t FILTER(LANGMATCHES(LANG(?t), 'en-GB')) }",
    "date comparison": "SELECT ?m ?d WHERE { ?m dcterms:date ?d FILTER(?d >= '2018-01-01'^^xsd:date) }",
    "xsd:string identifier": "SELECT ?r ?id WHERE { ?r dcterms:identifier ?id }",
    "long literal length": "SELECT ?r (STRLEN(?t) AS ?n) WHERE { ?r hk:longText ?t }",
    "iri with parentheses": "SELECT ?sub WHERE { ?sub hk:letter '(b)' }",
    "optional unbound": "SELECT ?p ?c WHERE { ?p a hk:Paragraph OPTIONAL { ?p rdfs:comment ?c } }",
    "aggregate": "SELECT ?m (COUNT(?p) AS ?n) WHERE { ?p hk:partOf/hk:reportOf ?m } GROUP BY ?m",
    "blank node path": "SELECT ?r ?start WHERE { ?r hk:selector [ hk:start ?start ] }",
    "special characters": "SELECT ?c WHERE { ?r rdfs:comment ?c FILTER(CONTAINS(?c, 'said')) }",
}


@pytest.mark.parametrize("name", sorted(SELECTS))
def test_select_matches_embedded(loaded, name):
    virtuoso, ds, graphs = loaded
    query = PREFIXES + SELECTS[name]
    remote = run_remote(query, virtuoso.sparql, default_graphs=graphs)
    local, variables = embedded_rows(ds, query)
    assert remote.form == "SELECT"
    assert remote.variables == variables
    assert local, "the embedded query found nothing: the comparison would prove nothing"
    assert {tuple(norm(t) for t in r) for r in remote.rows} == {tuple(norm(t) for t in r) for r in local}


def test_terms_keep_datatypes_and_languages(loaded):
    virtuoso, _, graphs = loaded
    rows = run_remote(PREFIXES + "SELECT ?d ?n ?l WHERE { ?m dcterms:date ?d ; hk:ordinal ?n ; "
                      "rdfs:label ?l FILTER(LANG(?l) = 'fr') }",
                      virtuoso.sparql, default_graphs=graphs).rows
    by_year = {str(r[0])[:4]: r for r in rows}
    d, n, label = by_year["2017"]
    assert str(d.datatype) == "http://www.w3.org/2001/XMLSchema#date"
    assert d.toPython().isoformat() == "2017-06-27"
    assert n.toPython() == 12 and isinstance(n.toPython(), int)
    assert label.language == "fr" and str(label) == "Réunion 12"


def test_construct_matches_embedded(loaded):
    virtuoso, ds, graphs = loaded
    query = PREFIXES + "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o FILTER(?p != hk:longText) }"
    remote = run_remote(query, virtuoso.sparql, default_graphs=graphs)
    local = ds.query(query).graph
    assert remote.form == "CONSTRUCT" and isinstance(remote.graph, Graph)
    assert len(remote.graph) == len(local) > 50
    assert ({tuple(norm(t) for t in tr) for tr in remote.graph}
            == {tuple(norm(t) for t in tr) for tr in local})


def test_describe_returns_a_graph(loaded):
    virtuoso, _, graphs = loaded
    meeting = f"{BASE}series/honlea-europe/12"
    remote = run_remote(f"DESCRIBE <{meeting}>", virtuoso.sparql, default_graphs=graphs)
    assert remote.form == "DESCRIBE"
    labels = {str(o) for s, p, o in remote.graph
              if str(s) == meeting and str(p).endswith("#label")}
    assert "Réunion 12" in labels


def test_ask(loaded):
    virtuoso, _, graphs = loaded
    yes = run_remote(PREFIXES + "ASK { ?m hk:ordinal 28 }", virtuoso.sparql, default_graphs=graphs)
    no = run_remote(PREFIXES + "ASK { ?m hk:ordinal 29 }", virtuoso.sparql, default_graphs=graphs)
    assert (yes.form, yes.boolean, no.boolean) == ("ASK", True, False)


def test_query_over_100_kb_with_values(loaded):
    virtuoso, ds, graphs = loaded
    real = [f"{BASE}series/honlea-{s}/report/chapter/II/paragraph/{p}/subparagraph/({letter})"
            for s in ("europe/12", "africa/28") for p in (1, 3, 5) for letter in "ab"]
    fake = [f"{BASE}series/honlea-asia/{i}/report/chapter/IV/paragraph/{i % 97}/subparagraph/"
            f"({chr(97 + i % 26)})/not-in-the-data/{i:06d}" for i in range(1500 - len(real))]
    iris = " ".join(f"<{iri}>" for iri in fake[:700] + real + fake[700:])
    query = PREFIXES + f"SELECT ?sub ?letter WHERE {{ VALUES ?sub {{ {iris} }} ?sub hk:letter ?letter }}"
    assert len(query.encode("utf-8")) > 100_000
    remote = run_remote(query, virtuoso.sparql, default_graphs=graphs)
    local, _ = embedded_rows(ds, query)
    assert len(remote.rows) == len(real) == 12
    assert {tuple(norm(t) for t in r) for r in remote.rows} == {tuple(norm(t) for t in r) for r in local}


def test_digest_auth_and_credentials_from_environment(loaded, monkeypatch):
    virtuoso, _, graphs = loaded
    monkeypatch.setenv("HONLEA_KG_USER", virtuoso.user)
    monkeypatch.setenv("HONLEA_KG_PASSWORD", virtuoso.password)
    result = run_remote(PREFIXES + "SELECT ?m WHERE { ?m hk:ordinal 12 }", virtuoso.sparql_auth,
                        auth="digest", default_graphs=graphs)
    assert [str(r[0]) for r in result.rows] == [f"{BASE}series/honlea-europe/12"]


def test_wrong_password_is_one_line_401(loaded):
    virtuoso, _, _ = loaded
    with pytest.raises(QueryError) as info:
        run_remote("ASK {}", virtuoso.sparql_auth, user="dba", password="not-the-password",
                   auth="digest")
    message = str(info.value)
    assert "HTTP 401" in message and virtuoso.sparql_auth in message
    assert "\n" not in message


def test_update_on_read_only_endpoint_is_refused_in_one_line(loaded):
    virtuoso, _, _ = loaded
    with pytest.raises(QueryError) as info:
        sparql_update("INSERT DATA { GRAPH <urn:x:g> { <urn:x:s> <urn:x:p> 1 } }", virtuoso.sparql)
    message = str(info.value)
    assert message.startswith("HTTP ") and "\n" not in message
    still_empty = run_remote("ASK { GRAPH <urn:x:g> { ?s ?p ?o } }", virtuoso.sparql)
    assert still_empty.boolean is False


def test_server_error_gives_status_and_first_line(loaded):
    virtuoso, _, _ = loaded
    with pytest.raises(QueryError) as info:
        run_remote("SELECT * WHERE { ?s ?p ?o FILTER(<http://www.openlinksw.com/schemas/bif#nosuch>(?o)) }",
                   virtuoso.sparql)
    message = str(info.value)
    # Virtuoso 7.2 answers 500 "SR185: Undefined procedure ..."; the status and that line must show
    assert re.match(r"HTTP [45]\d\d from POST http://127\.0\.0\.1:\d+/sparql: Virtuoso ", message)
    assert "nosuch" in message and "\n" not in message


def test_virtuoso_syntax_error_worded_by_the_formatter(loaded):
    """The endpoint judges the syntax; its answer comes back in the one wording, at the user's
    line and column (Virtuoso 7.2 says only `line 3: Undefined namespace prefix at 'hl'`)."""
    virtuoso, _, _ = loaded
    query = "SELECT ?m\nWHERE {\n   ?m a hl:Meeting }"
    with pytest.raises(QueryError) as info:
        run_remote(query, virtuoso.sparql)
    assert str(info.value) == (f"HTTP 400 from POST {virtuoso.sparql}: SPARQL syntax error at line 3, "
                               "column 9: undeclared prefix `hl:`; add PREFIX hl: <https://w3id.org/honlea-kg/ns#>")
    with pytest.raises(QueryError) as info:
        run_remote("SELEC ?s WHERE { ?s ?p ?o }", virtuoso.sparql)  # no form: sent anyway
    assert str(info.value) == (f"HTTP 400 from POST {virtuoso.sparql}: SPARQL syntax error at line 1, "
                               "column 1 near `SELEC ?s WHERE…`: syntax error at 'SELEC' before '?s'")


def _recording_endpoint(seen, body=b'{"head": {"vars": ["x"]}, "results": {"bindings": []}}',
                        ctype="application/sparql-results+json"):
    def record(handler):
        from urllib.parse import parse_qs

        length = int(handler.headers["Content-Length"])
        seen["query"] = parse_qs(handler.rfile.read(length).decode("ascii"))["query"][0]
        seen["accept"] = handler.headers["Accept"]
        reply(handler, 200, body, ctype)
    return record


def test_query_rdflib_cannot_parse_is_sent_as_written():
    """A SERVICE inside a SERVICE (as Wikidata's federated queries use) is valid SPARQL 1.1 that
    rdflib's parser refuses; it goes to the endpoint untouched."""
    from rdflib.plugins.sparql.parser import parseQuery

    query = ("PREFIX wd: <http://www.wikidata.org/entity/>\n# a SELECT of people\n"
             "SELECT ?x WHERE {\n  SERVICE <https://a.example/sparql> {\n"
             "    SERVICE <https://b.example/sparql> { ?x ?p wd:Q5 }\n  }\n}")
    with pytest.raises(Exception):
        parseQuery(query)
    seen = {}
    with serve(_recording_endpoint(seen)) as base:
        result = run_remote(query, base + "/sparql")
    assert seen["query"] == query
    assert seen["accept"].startswith("application/sparql-results+json")
    assert result.form == "SELECT" and result.variables == ["x"] and result.rows == []


@pytest.mark.parametrize("body, ctype, form", [
    (b'{"head": {}, "boolean": true}', "application/sparql-results+json", "ASK"),
    (b'{"head": {"vars": ["s"]}, "results": {"bindings": []}}', "application/sparql-results+json", "SELECT"),
    (b"<urn:a> <urn:b> <urn:c> .", "text/turtle", "CONSTRUCT"),
])
def test_unknown_form_is_sent_and_the_answer_decides(body, ctype, form):
    seen = {}
    query = "SELEC ?s WHERE { ?s ?p ?o }"  # no form keyword: the endpoint judges
    with serve(_recording_endpoint(seen, body, ctype)) as base:
        result = run_remote(query, base + "/sparql")
    assert seen["query"] == query and "text/turtle" in seen["accept"]
    assert result.form == form


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_connection_refused_is_one_line():
    endpoint = f"http://127.0.0.1:{_closed_port()}/sparql"
    with pytest.raises(QueryError) as info:
        run_remote("ASK {}", endpoint)
    assert str(info.value) == f"connection refused by {endpoint} (is the server running?)"


def test_unknown_host_is_one_line(monkeypatch):
    def no_dns(*args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_dns)
    with pytest.raises(QueryError) as info:
        run_remote("ASK {}", "http://sparql.example.invalid/sparql")
    message = str(info.value)
    assert message.startswith("cannot resolve host 'sparql.example.invalid'") and "\n" not in message


def test_timeout_is_one_line():
    def slow(handler):
        time.sleep(3)
        reply(handler, 200, b'{"boolean": true}', "application/sparql-results+json")

    with serve(slow) as base:
        started = time.perf_counter()
        with pytest.raises(QueryError) as info:
            run_remote("ASK {}", base + "/sparql", timeout=0.5)
        elapsed = time.perf_counter() - started
    assert "within 0.5 s (timeout)" in str(info.value)
    assert elapsed < 2.5


@pytest.mark.parametrize("body,ctype,form,expected", [
    (b"<html><body>Service unavailable</body></html>", "text/html", "SELECT ?s {?s ?p ?o}",
     "not SPARQL JSON results"),
    (b'{"head": {"vars": ["s"]}}', "application/sparql-results+json", "SELECT ?s {?s ?p ?o}",
     "lacks head.vars or results.bindings"),
    (b'{"head": {}, "results": {}}', "application/sparql-results+json", "ASK {}",
     "ASK result has no boolean"),
    (b'{"head": {"vars": ["s"]}, "results": {"bindings": [{"s": {"type": "frob", "value": "x"}}]}}',
     "application/sparql-results+json", "SELECT ?s {?s ?p ?o}", "unknown term type 'frob'"),
    (b"<a> <b> .", "text/turtle", "CONSTRUCT {?s ?p ?o} WHERE {?s ?p ?o}", "malformed text/turtle"),
    (b"{}", "application/json", "CONSTRUCT {?s ?p ?o} WHERE {?s ?p ?o}", "unexpected media type"),
])
def test_malformed_answers_are_one_line_errors(body, ctype, form, expected):
    with serve(lambda h: reply(h, 200, body, ctype)) as base:
        with pytest.raises(QueryError) as info:
            run_remote(form, base + "/sparql")
    assert expected in str(info.value) and "\n" not in str(info.value)


def test_http_error_from_other_servers_keeps_first_line():
    def broken(handler):
        reply(handler, 503, b"<html><h1>Backend down</h1>\n<p>retry later</p></html>", "text/html")

    with serve(broken) as base:
        with pytest.raises(QueryError) as info:
            run_remote("ASK {}", base + "/sparql")
    assert str(info.value) == f"HTTP 503 from POST {base}/sparql: Backend down"


def test_request_is_urlencoded_post_with_default_graphs():
    seen = {}

    def record(handler):
        length = int(handler.headers["Content-Length"])
        seen["method"] = handler.command
        seen["ctype"] = handler.headers["Content-Type"]
        seen["accept"] = handler.headers["Accept"]
        seen["body"] = handler.rfile.read(length).decode("ascii")
        reply(handler, 200, b'{"head": {"vars": ["s"]}, "results": {"bindings": [{"s": '
              b'{"type": "typed-literal", "value": "x", "datatype": '
              b'"http://www.w3.org/2001/XMLSchema#string"}}]}}', "application/sparql-results+json")

    with serve(record) as base:
        result = run_remote("SELECT ?s WHERE { ?s ?p ?o } # describe", base + "/q",
                            default_graphs=["https://w3id.org/honlea-kg/g(1)"])
    from urllib.parse import parse_qs

    params = parse_qs(seen["body"])
    assert seen["method"] == "POST" and seen["ctype"].startswith("application/x-www-form-urlencoded")
    assert params["default-graph-uri"] == ["https://w3id.org/honlea-kg/g(1)"]
    assert params["query"] == ["SELECT ?s WHERE { ?s ?p ?o } # describe"]
    assert "format" not in params and "output" not in params
    assert seen["accept"].startswith("application/sparql-results+json")
    assert norm(result.rows[0][0]) == ("lit", "x", "")


def test_round_trip_time_is_reported(loaded, record_property):
    virtuoso, _, graphs = loaded
    query = PREFIXES + SELECTS["all triples"]
    times = []
    for _ in range(5):
        started = time.perf_counter()
        rows = run_remote(query, virtuoso.sparql, default_graphs=graphs).rows
        times.append(time.perf_counter() - started)
    median = sorted(times)[2]
    record_property("virtuoso_select_all_median_s", round(median, 4))
    print(f"\nVirtuoso round trip, SELECT all ({len(rows)} rows): median {median * 1000:.1f} ms")
    assert len(rows) > 100
    assert median < 5


def test_unknown_auth_scheme_and_bad_endpoint():
    with pytest.raises(QueryError, match="unknown authentication 'ntlm'"):
        run_remote("ASK {}", "http://127.0.0.1:9/sparql", user="u", password="p", auth="ntlm")
    with pytest.raises(QueryError, match="endpoint must be an http:// or https:// URL"):
        run_remote("ASK {}", "127.0.0.1:8890/sparql")
