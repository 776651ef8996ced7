"""Load a build's named graphs into a SPARQL store, one report graph at a time, safely.

For each named graph of ``dataset.trig`` (one per report, e.g.
``https://w3id.org/honlea-kg/series/honlea-europe/12/report/graph``) :func:`load_build`:

1. writes it into a *staging* graph ``<graph>-staging``: with the SPARQL 1.1 Graph Store HTTP
   Protocol (W3C REC 2013), section 5.3 "HTTP PUT" on ``GRAPH_STORE?graph=<staging>``
   (indirect graph identification, section 4.2) when a graph-store URL is given, otherwise with
   SPARQL 1.1 Update ``DROP SILENT GRAPH`` + ``INSERT DATA`` (SPARQL 1.1 Update, sections 3.2.2
   and 3.1.1);
2. counts the staging graph's triples with a SPARQL ``COUNT`` query and compares them with the
   TriG's count;
3. replaces the real graph by it with ``MOVE GRAPH <staging> TO GRAPH <graph>`` (SPARQL 1.1
   Update, section 3.2.5: the destination is emptied, the source's triples inserted, the source
   dropped -- one operation, so readers never see half a report);
4. counts the real graph again.

If any step fails, the staging graph is dropped and :class:`StoreError` names the graph; the real
graph is untouched unless the ``MOVE`` itself was reached (the message then says so).  Because
``MOVE`` replaces, loading the same build twice leaves the store's triple count unchanged.

The payload is N-Triples (a line-based subset of Turtle: RDF 1.1 N-Triples, section 1), sent as
``text/turtle`` which every Graph Store implementation reads, Virtuoso 7 included.  Blank nodes
are scoped to one request, so each graph goes in one request.  The TriG is read with pyoxigraph
(20x faster than rdflib, see performance notes, section 1), which -- like the stores -- treats
``"x"`` and ``"x"^^xsd:string`` as one term (RDF 1.1 Concepts, section 3.3) and lower-cases
language tags, so the expected counts are the ones a store can reach.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from .model import HonleaError
from .remote import credentials, http_request, run_remote, sparql_update
from .results import QueryError

STAGING_SUFFIX = "-staging"
"""Appended to a graph IRI to name its staging graph."""


class StoreError(HonleaError):
    """Loading into a SPARQL store failed; the message names the graph and the failed step."""


@dataclass
class GraphLoad:
    """What :func:`load_build` did for one named graph: its IRI, the triples in the TriG
    (``expected``), the triples the store holds in it afterwards (``found``), and the wall time
    in ``seconds`` (upload, counts and move)."""

    graph: str
    expected: int
    found: int
    seconds: float = 0.0


def read_trig(path: str | Path) -> ox.Store:
    """Parse the TriG file ``path`` into an in-memory pyoxigraph store.

    :raises StoreError: if the file is missing or is not valid TriG (with its line), if it has
        triples outside named graphs, or a graph named by a blank node.
    """
    path = Path(path)
    if not path.is_file():
        raise StoreError("no such file (run `honlea-kg build` first)", path)
    store = ox.Store()
    try:
        store.load(path=str(path), format=ox.RdfFormat.TRIG)
    except SyntaxError as exc:
        raise StoreError(f"not valid TriG: {exc.msg}", path, exc.lineno) from None
    except (OSError, ValueError) as exc:
        raise StoreError(f"cannot read: {exc}", path) from None
    loose = sum(1 for _ in store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    if loose:
        raise StoreError(f"{loose} triple(s) outside named graphs; honlea-kg loads one named graph "
                         "per report and would lose them", path)
    for graph in store.named_graphs():
        if not isinstance(graph, ox.NamedNode):
            raise StoreError(f"a graph is named by a blank node ({graph}); a store cannot address it",
                             path)
    return store


def _count(endpoint: str, graph: str, auth_args: dict) -> int:
    result = run_remote(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}",
                        endpoint, **auth_args)
    try:
        return int(result.rows[0][0])
    except (IndexError, TypeError, ValueError):
        raise QueryError(f"COUNT query at {endpoint} gave no number: {result.rows[:1]!r}") from None


UPDATE_CHUNK_TRIPLES = 1000
"""Triples per SPARQL Update request when no graph-store URL is given (Virtuoso 7's SPARQL
compiler runs out of memory near 5 000 lines of ``INSERT DATA``)."""


def _update_requests(dataset: ox.Store, node: ox.NamedNode, staging: str,
                     chunk: int = UPDATE_CHUNK_TRIPLES) -> list[str]:
    """SPARQL Update texts that replace graph ``staging`` by the triples of graph ``node``.

    Triples are packed into requests of about ``chunk`` triples; triples linked through blank
    nodes stay in one request, because a blank-node label means one node only within a request
    (SPARQL 1.1 Update, section 3.1.1).  Requests without blank nodes use ``INSERT DATA``
    (section 3.1.1); the others ``INSERT { ... } WHERE {}`` (section 3.1.3), because Virtuoso 7
    rejects blank nodes in ``INSERT DATA`` ("SP031 ... not allowed in a constant clause") -- the
    empty WHERE has exactly one solution, so each label makes one fresh node, as in the TriG.
    The first request starts with ``DROP SILENT GRAPH <staging>``.
    """
    triples = [q.triple for q in dataset.quads_for_pattern(None, None, None, node)]
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    groups: dict[object, list] = {}
    for i, t in enumerate(triples):
        labels = [term.value for term in (t.subject, t.object) if isinstance(term, ox.BlankNode)]
        for other in labels[1:]:
            parent[find(other)] = find(labels[0])
    for i, t in enumerate(triples):
        labels = [term.value for term in (t.subject, t.object) if isinstance(term, ox.BlankNode)]
        groups.setdefault(find(labels[0]) if labels else i, []).append(t)
    batches: list[list] = [[]]
    for group in groups.values():
        if batches[-1] and len(batches[-1]) + len(group) > chunk:
            batches.append([])
        batches[-1].extend(group)
    texts = []
    for n, batch in enumerate(batches):
        body = ox.serialize(batch, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
        has_bnodes = any(isinstance(term, ox.BlankNode) for t in batch for term in (t.subject, t.object))
        insert = (f"INSERT {{ GRAPH <{staging}> {{\n{body}}} }} WHERE {{}}" if has_bnodes
                  else f"INSERT DATA {{ GRAPH <{staging}> {{\n{body}}} }}")
        texts.append((f"DROP SILENT GRAPH <{staging}> ;\n" if n == 0 else "") + insert)
    return texts


def _graph_store_url(graph_store: str, graph: str) -> str:
    from urllib.parse import quote

    sep = "&" if "?" in graph_store else "?"
    return f"{graph_store}{sep}graph={quote(graph, safe='')}"


def load_build(data_dir: str | Path, endpoint: str, graph_store: str | None = None, *,
               user: str | None = None, password: str | None = None, auth: str | None = None,
               timeout: float = 60, update_endpoint: str | None = None) -> list[GraphLoad]:
    """Load every named graph of ``DATA_DIR/dataset.trig`` into the store at ``endpoint``.

    :param data_dir: a build folder holding ``dataset.trig``.
    :param endpoint: SPARQL query endpoint, used for the ``COUNT`` checks; also the update
        endpoint unless ``update_endpoint`` is given (Virtuoso: ``http://HOST:PORT/sparql-auth``;
        Fuseki: ``http://HOST:3030/DATASET``; Oxigraph: ``/query`` with ``update_endpoint``
        ``/update``).
    :param graph_store: Graph Store HTTP Protocol URL (Virtuoso:
        ``http://HOST:PORT/sparql-graph-crud-auth``; Fuseki: ``http://HOST:3030/DATASET/data``;
        Oxigraph: ``http://HOST:7878/store``); ``None`` uploads with SPARQL Update instead.
    :param user, password: credentials for every request; default to the environment variables
        ``HONLEA_KG_USER`` / ``HONLEA_KG_PASSWORD``.
    :param auth: ``"basic"``, ``"digest"`` or ``None`` (answer whichever challenge the server sends).
    :param timeout: seconds per socket operation of each request.
    :returns: one :class:`GraphLoad` per named graph, in IRI order.
    :raises StoreError: unreadable TriG; or, naming the graph, a failed upload, count mismatch,
        failed move.  The staging graph is dropped first; graphs loaded before stay loaded.
    """
    data_dir = Path(data_dir)
    trig = data_dir / "dataset.trig"
    dataset = read_trig(trig)
    user, password = credentials(user, password)
    auth_args = dict(user=user, password=password, auth=auth, timeout=timeout)
    update_at = update_endpoint or endpoint
    loads: list[GraphLoad] = []
    for node in sorted(dataset.named_graphs(), key=lambda g: g.value):
        graph = node.value
        staging = graph + STAGING_SUFFIX
        started = time.perf_counter()
        expected = sum(1 for _ in dataset.quads_for_pattern(None, None, None, node))
        step = "upload to the staging graph"
        moved = False
        try:
            if graph_store:
                payload = dataset.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=node)
                http_request("PUT", _graph_store_url(graph_store, staging), data=payload,
                             headers={"Content-Type": "text/turtle; charset=utf-8"}, **auth_args)
            else:
                for text in _update_requests(dataset, node, staging):
                    sparql_update(text, update_at, **auth_args)
            step = "count the staging graph"
            staged = _count(endpoint, staging, auth_args)
            if staged != expected:
                raise QueryError(f"the staging graph holds {staged} triples, the TriG {expected}")
            step = "move the staging graph onto the real graph"
            sparql_update(f"MOVE GRAPH <{staging}> TO GRAPH <{graph}>", update_at, **auth_args)
            moved = True
            step = "count the real graph after the move"
            found = _count(endpoint, graph, auth_args)
            if found != expected:
                raise QueryError(f"the graph holds {found} triples after the move, the TriG {expected}")
        except QueryError as exc:
            try:
                sparql_update(f"DROP SILENT GRAPH <{staging}>", update_at, **auth_args)
                cleanup = "staging graph dropped"
            except QueryError as drop_exc:
                cleanup = f"could not drop the staging graph either: {drop_exc}"
            state = ("the real graph was replaced but does not match" if moved
                     else "the real graph was left untouched")
            raise StoreError(f"graph <{graph}>: {step} failed: {exc} ({cleanup}; {state})",
                             trig) from None
        loads.append(GraphLoad(graph=graph, expected=expected, found=found,
                               seconds=time.perf_counter() - started))
    return loads
