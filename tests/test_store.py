"""Loading a build into a real Virtuoso (honlea_kg.store): counts, reloads, failures mid-load."""

from __future__ import annotations

import socket
import time
import urllib.parse

import pyoxigraph as ox
import pytest
from rdflib import Dataset

from honlea_kg.model import HonleaError
from honlea_kg.remote import run_remote
from honlea_kg.store import STAGING_SUFFIX, GraphLoad, StoreError, load_build, read_trig
from http_helpers import FaultyProxy, norm, serve
from kg_sample import graph_iri, write_build

pytest_plugins = ["virtuoso_fixture"]

BASE = "https://w3id.org/honlea-kg/store-test/"
AFRICA = graph_iri("honlea-africa", 28, BASE)
EUROPE = graph_iri("honlea-europe", 12, BASE)
V2_TEXT = "SELECT ?t WHERE { ?p <https://w3id.org/honlea-kg/ontology#text> ?t FILTER(CONTAINS(?t, 'version 2')) }"


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """Two versions of the sample build (version 2 rewrites a paragraph in each graph)."""
    root = tmp_path_factory.mktemp("store-builds")
    return write_build(root / "v1", 1, BASE), write_build(root / "v2", 2, BASE)


def creds(v):
    return dict(user=v.user, password=v.password, auth=v.auth)


def count(v, graph=None) -> int:
    where = f"GRAPH <{graph}> {{ ?s ?p ?o }}" if graph else "?s ?p ?o"
    return int(run_remote(f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}", v.sparql).rows[0][0])


def contents(v, graph) -> set:
    rows = run_remote(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}", v.sparql).rows
    return {tuple(norm(t) for t in r) for r in rows}


def trig_counts(build) -> dict[str, int]:
    """Triples per named graph, counted with rdflib (independently of the loader's pyoxigraph)."""
    ds = Dataset()
    ds.parse(build / "dataset.trig", format="trig")
    return {str(g.identifier): len(g) for g in ds.graphs() if len(g)}


def has_v2(v, graph) -> bool:
    return bool(run_remote(V2_TEXT, v.sparql, default_graphs=[graph]).rows)


def test_load_counts_equal_the_trig(virtuoso, builds, record_property):
    v1, _ = builds
    expected = trig_counts(v1)
    assert set(expected) == {AFRICA, EUROPE}
    started = time.perf_counter()
    loads = load_build(v1, virtuoso.sparql_auth, virtuoso.graph_store, **creds(virtuoso))
    elapsed = time.perf_counter() - started
    record_property("virtuoso_load_s", round(elapsed, 3))
    print(f"\nVirtuoso Graph Store load of {sum(expected.values())} triples in "
          f"{len(loads)} graphs: {elapsed * 1000:.0f} ms")
    assert [load.graph for load in loads] == sorted(expected)
    for load in loads:
        assert isinstance(load, GraphLoad)
        assert load.expected == load.found == expected[load.graph] == count(virtuoso, load.graph)
        assert count(virtuoso, load.graph + STAGING_SUFFIX) == 0
    # the loaded terms are the TriG's terms: long literal, language tags, dates, IRIs with "("
    ds = Dataset()
    ds.parse(v1 / "dataset.trig", format="trig")
    for graph in expected:
        local = {tuple(norm(t) for t in tr) for tr in ds.graph(graph)}
        assert contents(virtuoso, graph) == local


def test_reload_leaves_the_store_count_unchanged(virtuoso, builds):
    v1, _ = builds
    load_build(v1, virtuoso.sparql_auth, virtuoso.graph_store, **creds(virtuoso))
    before = count(virtuoso)
    per_graph = {g: count(virtuoso, g) for g in (AFRICA, EUROPE)}
    again = load_build(v1, virtuoso.sparql_auth, virtuoso.graph_store, **creds(virtuoso))
    assert count(virtuoso) == before
    assert {load.graph: load.found for load in again} == per_graph


def test_new_version_replaces_the_old(virtuoso, builds):
    v1, v2 = builds
    load_build(v1, virtuoso.sparql_auth, virtuoso.graph_store, **creds(virtuoso))
    assert not has_v2(virtuoso, AFRICA)
    loads = load_build(v2, virtuoso.sparql_auth, virtuoso.graph_store, **creds(virtuoso))
    assert has_v2(virtuoso, AFRICA) and has_v2(virtuoso, EUROPE)
    assert {load.graph: load.found for load in loads} == trig_counts(v2)
    old = run_remote("ASK { ?p ?x 'Paragraph 1 of meeting 28.'@fr }", virtuoso.sparql,
                     default_graphs=[AFRICA])
    assert old.boolean is False


def test_load_through_sparql_update_without_graph_store(virtuoso, builds):
    v1, v2 = builds
    load_build(v2, virtuoso.sparql_auth, virtuoso.graph_store, **creds(virtuoso))
    via_gsp = {g: contents(virtuoso, g) for g in (AFRICA, EUROPE)}
    load_build(v1, virtuoso.sparql_auth, None, **creds(virtuoso))  # something else in between
    loads = load_build(v2, virtuoso.sparql_auth, None, **creds(virtuoso))
    assert {load.graph: load.found for load in loads} == trig_counts(v2)
    assert {g: contents(virtuoso, g) for g in (AFRICA, EUROPE)} == via_gsp


def test_update_path_keeps_blank_nodes_apart_across_chunks(virtuoso, tmp_path):
    # 2 500 triples -> three requests; each of 300 blank nodes has 2 triples that must stay together
    graph = BASE + "chunked/graph"
    lines = [f'<{BASE}r{i}> <{BASE}p> "{i}" .' for i in range(1900)]
    for i in range(300):
        lines += [f"<{BASE}r{i}> <{BASE}sel> _:b{i} .", f'_:b{i} <{BASE}start> "{i}" .']
    (tmp_path / "dataset.trig").write_text(f"<{graph}> {{\n" + "\n".join(lines) + "\n}\n")
    loads = load_build(tmp_path, virtuoso.sparql_auth, None, **creds(virtuoso))
    assert [(load.expected, load.found) for load in loads] == [(2500, 2500)]
    pairs = run_remote(f"SELECT ?r ?s WHERE {{ ?r <{BASE}sel> [ <{BASE}start> ?s ] }}",
                       virtuoso.sparql, default_graphs=[graph]).rows
    assert {(str(r).rsplit("r", 1)[1], str(s)) for r, s in pairs} == {(str(i), str(i)) for i in range(300)}
    nodes = run_remote(f"SELECT (COUNT(DISTINCT ?b) AS ?n) WHERE {{ ?r <{BASE}sel> ?b }}",
                       virtuoso.sparql, default_graphs=[graph]).rows
    assert int(nodes[0][0]) == 300


def _proxy_url(proxy_base: str, url: str) -> str:
    return proxy_base + urllib.parse.urlsplit(url).path


def test_failure_on_second_put_leaves_that_graph_untouched(virtuoso, builds):
    v1, v2 = builds
    load_build(v1, virtuoso.sparql_auth, virtuoso.graph_store, **creds(virtuoso))
    europe_before = contents(virtuoso, EUROPE)
    proxy = FaultyProxy(f"127.0.0.1:{virtuoso.port}", fail_put=2)
    with serve(proxy) as base:
        with pytest.raises(StoreError) as info:
            load_build(v2, _proxy_url(base, virtuoso.sparql_auth),
                       _proxy_url(base, virtuoso.graph_store), **creds(virtuoso))
    message = str(info.value)
    assert f"graph <{EUROPE}>: upload to the staging graph failed: HTTP 500" in message
    assert "Injected failure: disk full" in message and "second line" not in message
    assert "the real graph was left untouched" in message and "\n" not in message
    assert has_v2(virtuoso, AFRICA)  # loaded before the failure
    assert contents(virtuoso, EUROPE) == europe_before  # untouched
    assert count(virtuoso, EUROPE + STAGING_SUFFIX) == 0
    assert any(m == "POST" and b"DROP" in body for m, _, body in proxy.seen)


def test_failure_on_move_leaves_the_graph_untouched_and_drops_staging(virtuoso, builds):
    v1, v2 = builds
    load_build(v1, virtuoso.sparql_auth, virtuoso.graph_store, **creds(virtuoso))
    before = {g: contents(virtuoso, g) for g in (AFRICA, EUROPE)}
    total = count(virtuoso)
    proxy = FaultyProxy(f"127.0.0.1:{virtuoso.port}", fail_move=True)
    with serve(proxy) as base:
        with pytest.raises(StoreError) as info:
            load_build(v2, _proxy_url(base, virtuoso.sparql_auth),
                       _proxy_url(base, virtuoso.graph_store), **creds(virtuoso))
    message = str(info.value)
    assert f"graph <{AFRICA}>: move the staging graph onto the real graph failed: HTTP 500" in message
    assert "staging graph dropped" in message
    assert {g: contents(virtuoso, g) for g in (AFRICA, EUROPE)} == before
    assert count(virtuoso, AFRICA + STAGING_SUFFIX) == 0
    assert count(virtuoso) == total


def test_short_upload_is_caught_by_the_count(virtuoso, builds):
    v1, v2 = builds
    load_build(v1, virtuoso.sparql_auth, virtuoso.graph_store, **creds(virtuoso))
    before = contents(virtuoso, AFRICA)
    proxy = FaultyProxy(f"127.0.0.1:{virtuoso.port}", truncate_put=True)
    with serve(proxy) as base:
        with pytest.raises(StoreError) as info:
            load_build(v2, _proxy_url(base, virtuoso.sparql_auth),
                       _proxy_url(base, virtuoso.graph_store), **creds(virtuoso))
    expected = trig_counts(v2)[AFRICA]
    message = str(info.value)
    assert f"graph <{AFRICA}>: count the staging graph failed" in message
    assert f"the TriG {expected}" in message
    assert contents(virtuoso, AFRICA) == before
    assert count(virtuoso, AFRICA + STAGING_SUFFIX) == 0


def test_wrong_password_is_a_one_line_store_error(virtuoso, builds):
    v1, _ = builds
    with pytest.raises(StoreError) as info:
        load_build(v1, virtuoso.sparql_auth, virtuoso.graph_store, user="dba",
                   password="wrong", auth="digest")
    message = str(info.value)
    assert (f"graph <{AFRICA}>: upload to the staging graph failed: HTTP 401 from PUT "
            f"{virtuoso.graph_store} (check the user and password)") in message
    assert "\n" not in message and isinstance(info.value, HonleaError)


def test_scheme_mismatch_is_named(virtuoso, builds):
    v1, _ = builds
    with pytest.raises(StoreError) as info:
        load_build(v1, virtuoso.sparql_auth, virtuoso.graph_store, user="dba",
                   password="dba", auth="basic")
    assert (f"upload to the staging graph failed: HTTP 401 from PUT {virtuoso.graph_store} "
            "(the server asks for digest authentication, not basic)") in str(info.value)


def test_connection_refused_is_a_one_line_store_error(builds):
    v1, _ = builds
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(StoreError) as info:
        load_build(v1, f"http://127.0.0.1:{port}/sparql-auth",
                   f"http://127.0.0.1:{port}/sparql-graph-crud-auth", user="u", password="p")
    message = str(info.value)
    assert f"connection refused by http://127.0.0.1:{port}/sparql-graph-crud-auth" in message
    assert "\n" not in message


def test_missing_trig(tmp_path):
    with pytest.raises(StoreError, match="no such file"):
        load_build(tmp_path, "http://127.0.0.1:9/sparql")


def test_bad_trig_names_file_and_line(tmp_path):
    (tmp_path / "dataset.trig").write_text(
        "<https://w3id.org/honlea-kg/g> {\n<urn:a> <urn:b> <urn:c> .\n<urn:a> <urn:b> \"open .\n}\n")
    with pytest.raises(StoreError) as info:
        read_trig(tmp_path / "dataset.trig")
    assert info.value.path == str(tmp_path / "dataset.trig") and info.value.line == 3
    assert str(info.value).startswith(f"{tmp_path / 'dataset.trig'}:3: not valid TriG")


def test_triples_outside_named_graphs_are_refused(tmp_path):
    (tmp_path / "dataset.trig").write_text(
        "<urn:a> <urn:b> <urn:c> .\n<https://w3id.org/honlea-kg/g> { <urn:a> <urn:b> <urn:d> . }\n")
    with pytest.raises(StoreError, match="1 triple\\(s\\) outside named graphs"):
        read_trig(tmp_path / "dataset.trig")


def test_read_trig_counts_like_rdflib(builds):
    v1, _ = builds
    store = read_trig(v1 / "dataset.trig")
    counts = {g.value: sum(1 for _ in store.quads_for_pattern(None, None, None, g))
              for g in store.named_graphs()}
    assert counts == trig_counts(v1)
    assert all(isinstance(g, ox.NamedNode) for g in store.named_graphs())
