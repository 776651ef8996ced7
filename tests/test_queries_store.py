"""Every query of queries/ gives the same answer embedded and on Virtuoso after `honlea-kg load`."""

from __future__ import annotations

import json

import pytest

from conftest import QUERIES, run_cli

pytest_plugins = ["virtuoso_fixture"]


@pytest.fixture(scope="module")
def loaded(virtuoso, built):
    args = ["load", "--data", str(built), "--endpoint", virtuoso.sparql_auth, "--graph-store", virtuoso.graph_store,
            "--user", virtuoso.user, "--password", virtuoso.password, "--auth", virtuoso.auth]
    done = run_cli(*args)
    assert done.returncode == 0, done.stderr
    graphs = [r["graph"] for r in json.loads((built / "build-info.json").read_text())["reports"] if r["graph"]]
    return args, graphs


def _count(virtuoso, graphs) -> int:
    from honlea_kg.remote import run_remote

    froms = " ".join(f"FROM <{g}>" for g in graphs)
    result = run_remote(f"SELECT (COUNT(*) AS ?n) {froms} WHERE {{ ?s ?p ?o }}", virtuoso.sparql)
    return int(result.rows[0][0])


@pytest.mark.parametrize("query", sorted(QUERIES.glob("*.rq")), ids=lambda p: p.stem)
def test_query_same_embedded_and_on_virtuoso(query, loaded, virtuoso, built):
    from honlea_kg.query import query_build
    from honlea_kg.remote import run_remote

    _args, graphs = loaded
    text = query.read_text(encoding="utf-8")
    embedded = query_build(text, built)
    remote = run_remote(text, virtuoso.sparql, default_graphs=graphs)
    assert remote.form == embedded.form
    if embedded.form == "SELECT":
        assert remote.variables == embedded.variables
        assert remote.as_strings() == embedded.as_strings()
        assert len(embedded.rows) > 0


def test_reload_leaves_the_triple_count_unchanged(loaded, virtuoso):
    args, graphs = loaded
    before = _count(virtuoso, graphs)
    assert before > 1000
    done = run_cli(*args)
    assert done.returncode == 0, done.stderr
    assert _count(virtuoso, graphs) == before


def test_remote_query_through_the_cli(loaded, virtuoso):
    _args, graphs = loaded
    done = run_cli("query", str(QUERIES / "cq01-meetings.rq"), "--endpoint", virtuoso.sparql,
                   "--default-graph", graphs[0], "--format", "csv")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[1] == "HONEURO/12,12,Vienna,2017-06-27,2017-06-30"


def test_unreachable_endpoint_is_one_line_exit_2(tmp_path):
    done = run_cli("query", "-e", "SELECT * WHERE { ?s ?p ?o }", "--endpoint", "http://127.0.0.1:9/sparql",
                   "--timeout", "2")
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr
