"""Pages showing each curated SPARQL query (``queries/*.rq``) with its result on the build.

Queries run at build time on the published graph (pyoxigraph, default graph = union of the
report graphs), exactly as ``honlea-kg query`` runs them.
"""

from __future__ import annotations


from pathlib import Path

import pyoxigraph as ox
from rdflib import URIRef

from .. import __version__
from ..model import HonleaError
from ..query import run_query
from ..results import lexical

MAX_ROWS = 500


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


def write_query_pages(out: Path, quads: list, queries_dir: Path, env, iris) -> int:
    """Run every ``queries_dir/*.rq`` on ``quads`` and write ``queries/index.html`` and one page
    per query (with the query text as ``query.rq``).  Returns the number of pages written."""
    files = sorted(Path(queries_dir).glob("*.rq"))
    if not files:
        return 0
    store = ox.Store()
    store.extend(quads)
    rows_out = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        name = path.stem
        entry = {"name": name, "question": question_of(text), "text": text, "count": 0, "rows": [],
                 "variables": [], "error": None, "truncated": False}
        try:
            result = run_query(text, store)
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


