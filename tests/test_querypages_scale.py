"""Query pages of a large build show the queries without results (querypages.RUN_LIMIT)."""

from __future__ import annotations

import pyoxigraph as ox

from honlea_kg.config import QUERIES_DIR
from honlea_kg.iris import DEFAULT_BASE, IriPolicy
from honlea_kg.publish import querypages
from honlea_kg.publish.site import environment

HL = "https://w3id.org/honlea-kg/ns#"


def _quads():
    g = ox.NamedNode(DEFAULT_BASE + "series/honlea-europe/12/report/graph")
    m = ox.NamedNode(DEFAULT_BASE + "series/honlea-europe/12")
    return [ox.Quad(m, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), ox.NamedNode(HL + "Meeting"), g),
            ox.Quad(m, ox.NamedNode(HL + "meetingCode"), ox.Literal("HONEURO/12"), g)]


def test_small_build_pages_hold_results_large_build_pages_say_how_to_run(tmp_path):
    env, iris = environment(), IriPolicy(DEFAULT_BASE)
    small, large = tmp_path / "small", tmp_path / "large"
    n = querypages.write_query_pages(small, _quads(), QUERIES_DIR, env, iris, size=2)
    assert n == len(list(QUERIES_DIR.glob("*.rq"))) + 1
    page = (small / "queries" / "cq01-meetings" / "index.html").read_text(encoding="utf-8")
    assert "Result on this build" in page and "too many to run" not in page

    querypages.write_query_pages(large, _quads(), QUERIES_DIR, env, iris, size=querypages.RUN_LIMIT + 1)
    page = (large / "queries" / "cq01-meetings" / "index.html").read_text(encoding="utf-8")
    assert f"{querypages.RUN_LIMIT + 1:,} triples, too many to run" in page
    assert "honlea-kg query query.rq --data DIR" in page and "Result on this build" not in page
    assert (large / "queries" / "cq01-meetings" / "query.rq").read_text(encoding="utf-8") == \
        (QUERIES_DIR / "cq01-meetings.rq").read_text(encoding="utf-8")
    index = (large / "queries" / "index.html").read_text(encoding="utf-8")
    assert index.count("<td>not run</td>") == len(list(QUERIES_DIR.glob("*.rq")))
