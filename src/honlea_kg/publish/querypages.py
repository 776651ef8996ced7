"""Pages showing each curated SPARQL query (``queries/*.rq``) with its result on the build.

Queries run at build time on the published graph (pyoxigraph, default graph = union of the
report graphs), exactly as ``honlea-kg query`` runs them.
"""

from __future__ import annotations


import re
from pathlib import Path

import pyoxigraph as ox
from rdflib import URIRef

from .. import __version__
from ..model import HonleaError
from ..query import merged_store, run_query
from ..results import lexical

MAX_ROWS = 500
#: A ``GRAPH`` pattern or a ``FROM`` clause: the query names graphs and needs the quads.
_NAMES_GRAPHS = re.compile(r"\b(GRAPH|FROM)\b", re.IGNORECASE)


class _NotRun(Exception):
    """The build is too large for results on the query pages (:data:`RUN_LIMIT`)."""


def _uses_graphs(text: str) -> bool:
    """True when the query (comments dropped) has a ``GRAPH`` pattern or a ``FROM`` clause."""
    body = re.sub(r'<[^<>\s]*>|"[^"\n]*"', " ", text)  # IRIs and strings may say "graph"
    body = "\n".join(line.split("#", 1)[0] for line in body.splitlines())
    return bool(_NAMES_GRAPHS.search(body))


def question_of(text: str) -> str:
    """The plain-words question from a query's leading ``#`` comment lines (without the
    'Returns:' line), e.g. 'CQ01: Which meetings do the reports cover...?'."""
    lines = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        body = line.lstrip("#").strip()
        if body.lower().startswith(("returns", "variables")):
            break
        lines.append(body)
    return " ".join(lines).strip()


#: Above this many triples the query pages show the queries without running them: at 1,000
#: reports (3.8 million triples) running every curated query at build time took several
#: minutes and a second in-memory store of the quads; a researcher runs them with
#: ``honlea-kg query`` or on a SPARQL store instead.
RUN_LIMIT = 1_000_000


def write_query_pages(out: Path, quads, queries_dir: Path, env, iris, triples=None, size: int | None = None) -> int:
    """Run every ``queries_dir/*.rq`` on ``quads`` and write ``queries/index.html`` and one page
    per query (with the query text as ``query.rq``).  Returns the number of pages written.

    ``triples`` (optional): the union's distinct triples, for the merged store; ``quads`` (any
    iterable) is then read only if a query names graphs.  ``size``: the number of triples when
    known; above :data:`RUN_LIMIT` the pages hold the queries and how to run them, no results."""
    files = sorted(Path(queries_dir).glob("*.rq"))
    if not files:
        return 0
    run = size is None or size <= RUN_LIMIT
    store = None
    merged = merged_store(triples if triples is not None else quads) if run else None
    rows_out = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        name = path.stem
        entry = {"name": name, "question": question_of(text), "text": text, "count": 0, "rows": [],
                 "variables": [], "error": None, "truncated": False, "run": run, "size": size}
        try:
            if not run:
                raise _NotRun
            if _uses_graphs(text):
                if store is None:
                    store = ox.Store()
                    store.bulk_extend(quads)
                result = run_query(text, store, union=True)
            else:
                result = run_query(text, merged)
            if result.form == "SELECT":
                entry["variables"] = result.variables
                entry["count"] = len(result.rows)
                for row in result.rows[:MAX_ROWS]:
                    cells = []
                    for term in row:
                        cell = {"text": lexical(term)}
                        if isinstance(term, URIRef) and str(term).startswith(iris.base):
                            cell["href"] = "../../" + iris.href(None, str(term))
                        cells.append(cell)
                    entry["rows"].append(cells)
                entry["truncated"] = len(result.rows) > MAX_ROWS
            elif result.form == "ASK":
                entry["variables"], entry["rows"], entry["count"] = ["answer"], [[{"text": str(result.boolean).lower()}]], 1
            else:
                entry["count"] = len(result.graph)
        except _NotRun:
            entry["count"] = None
        except HonleaError as exc:
            entry["error"] = str(exc)
        folder = out / "queries" / name
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "query.rq").write_text(text, encoding="utf-8")
        (folder / "index.html").write_text(env.get_template("query.html").render(
            root="../../", version=__version__, q=entry), encoding="utf-8")
        rows_out.append(entry)
    (out / "queries" / "index.html").write_text(env.get_template("queries.html").render(
        root="../", version=__version__, queries=rows_out), encoding="utf-8")
    return len(files) + 1


