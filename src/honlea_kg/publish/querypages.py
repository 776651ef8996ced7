"""Pages showing each curated SPARQL query (``queries/*.rq``) with its result on the build.

Queries run at build time on the published graph (pyoxigraph, default graph = union of the
report graphs), exactly as ``honlea-kg query`` runs them.  In the result table an IRI of the
build is shown by its label and links to its page, and a literal that names exactly one entity
with a page of its own (a meeting code, an ISO code, a document symbol, a name or label:
:data:`NAMING`) links to that page; the whole result is published beside the page as
``result.csv`` (SPARQL 1.1 Query Results CSV) and ``result.json`` (SPARQL 1.1 Query Results
JSON).
"""

from __future__ import annotations


import json
import re
from pathlib import Path

import pyoxigraph as ox
from rdflib import URIRef

from .. import __version__
from ..model import HonleaError
from ..query import merged_store, run_query
from ..results import format_result, lexical

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


#: Properties whose literal value names an entity (see the module docstring).
NAMING = ("https://w3id.org/honlea-kg/ns#meetingCode", "http://purl.org/dc/terms/identifier",
          "http://www.w3.org/2004/02/skos/core#prefLabel", "http://www.w3.org/2000/01/rdf-schema#label",
          "https://schema.org/name", "http://xmlns.com/foaf/0.1/name")
#: Properties whose value is shown for an IRI, in order of preference.
LABELS = ("http://www.w3.org/2004/02/skos/core#prefLabel", "http://www.w3.org/2000/01/rdf-schema#label",
          "https://schema.org/name")


def _ox_term(term):
    """The pyoxigraph term of an rdflib IRI or literal (``None`` for blank nodes)."""
    from rdflib import Literal, URIRef

    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    return None


def names_and_pages(store: ox.Store, rows, base: str) -> tuple[dict[str, str], dict]:
    """For the terms of ``rows`` (rdflib terms): IRI -> label (English or untagged preferred,
    :data:`LABELS` in order), and literal (pyoxigraph term) -> the one entity it names
    (:data:`NAMING`; an IRI under ``base`` without a fragment), looked up with two queries."""
    iris, literals = set(), set()
    for row in rows:
        for term in row:
            t = _ox_term(term)
            if isinstance(t, ox.NamedNode) and t.value.startswith(base):
                iris.add(t)
            elif isinstance(t, ox.Literal) and len(t.value) <= 200:
                literals.add(t)
    labels: dict[str, tuple] = {}
    if iris:
        q = ("SELECT ?s ?p ?label WHERE { VALUES ?s { " + " ".join(map(str, iris)) + " } VALUES ?p { "
             + " ".join(f"<{p}>" for p in LABELS) + " } ?s ?p ?label }")
        for s, p, label in store.query(q):
            rank = (LABELS.index(p.value), 0 if label.language == "en" else 1 if not label.language else 2)
            if s.value not in labels or rank < labels[s.value][0]:
                labels[s.value] = (rank, label.value)
    entities: dict = {}
    if literals:
        q = ("SELECT DISTINCT ?v ?e WHERE { VALUES ?v { " + " ".join(map(str, literals)) + " } VALUES ?p { "
             + " ".join(f"<{p}>" for p in NAMING) + " } ?e ?p ?v . FILTER (STRSTARTS(STR(?e), "
             + '"' + base.replace('"', '\\"') + '") && !CONTAINS(STR(?e), "#")) }')
        found: dict = {}
        for v, e in store.query(q):
            found.setdefault(v, set()).add(e.value)
        entities = {v: next(iter(es)) for v, es in found.items() if len(es) == 1}
    return {k: v[1] for k, v in labels.items()}, entities


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


_HL = "https://w3id.org/honlea-kg/ns#"


def link_paragraph_numbers(store: ox.Store, variables: list[str], rows, cells_rows: list[list[dict]], iris) -> None:
    """Link the paragraph numbers of a result to their paragraphs (in place): in a result with a
    ``paragraph`` variable, a number in a row that also holds a meeting (an IRI of the build with
    a report, ``hl:reportOf``) links to that report's paragraph (``report/#para_N``), or to its
    sub-paragraph when the row has a ``letter`` too.  Numbers no report paragraph matches stay
    plain text."""
    if "paragraph" not in variables:
        return
    col = variables.index("paragraph")
    letter_col = variables.index("letter") if "letter" in variables else None
    for terms, cells in zip(rows, cells_rows):
        number = terms[col]
        if number is None or isinstance(number, URIRef) or not str(number).isdigit() or cells[col].get("href"):
            continue
        # the row's meeting: an IRI of the build, or a literal the page linked to its entity (a
        # meeting code such as "HONEURO/12", whose cell carries the entity's IRI as its title)
        meetings = sorted({str(t) for t in terms if isinstance(t, URIRef) and str(t).startswith(iris.base)}
                          | {c["title"] for c in cells if c.get("href") and c.get("title", "").startswith(iris.base)})
        if not meetings:
            continue
        letter = terms[letter_col] if letter_col is not None else None
        where = (f"VALUES ?m {{ {' '.join(f'<{m}>' for m in meetings)} }} ?r <{_HL}reportOf> ?m . "
                 f"?p a <{_HL}Paragraph> ; <{_HL}number> {int(str(number))} . "
                 'FILTER(STRSTARTS(STR(?p), CONCAT(STR(?r), "#"))) ')
        if letter is not None and not isinstance(letter, URIRef):
            where += (f"?u <{_HL}letter> {json.dumps(str(letter))} ; <http://purl.org/dc/terms/isPartOf> ?p . ")
        else:
            where += "BIND(?p AS ?u) "
        found = sorted(r[0].value for r in store.query(f"SELECT DISTINCT ?u WHERE {{ {where} }}"))
        if len(found) == 1:
            cells[col]["href"] = "../../" + iris.href(None, found[0])
            cells[col]["title"] = found[0]


def query_heading(text: str, name: str) -> tuple[str, str]:
    """``(heading, rest)`` of a query's page: the first sentence of its leading comment
    (:func:`question_of`; "CQ01: Which meetings do the reports cover ...?") as the heading and
    the rest of the comment below it; the file name made readable ("q09 full text search") when
    the query has no comment."""
    question = question_of(text)
    if not question:
        return name.replace("-", " "), ""
    m = re.match(r"(.+?[?.])(\s+|$)", question)
    if m and len(m.group(1)) >= 12:
        return m.group(1), question[m.end():].strip()
    return question, ""


#: Above this many triples the query pages show the queries without running them: at 1,000
#: reports (3.8 million triples) running every curated query at build time took several
#: minutes and a second in-memory store of the quads; a researcher runs them with
#: ``honlea-kg query`` or on a SPARQL store instead.
RUN_LIMIT = 1_000_000


def write_query_pages(out: Path, quads, queries_dir: Path, env, iris, triples=None, size: int | None = None,
                      query_store=None) -> int:
    """Run every ``queries_dir/*.rq`` on ``quads`` and write ``queries/index.html`` and one page
    per query (with the query text as ``query.rq``).  Returns the number of pages written.

    ``triples`` (optional): the union's distinct triples, for the merged store; ``quads`` (any
    iterable) is then read only if a query names graphs.  ``size``: the number of triples when
    known; above :data:`RUN_LIMIT` the pages hold the queries and how to run them, no results.
    ``query_store``: the build's persistent :class:`~honlea_kg.querystore.QueryStore` of this
    graph (default graph the merge, one named graph per report); when given, the queries run on
    it and ``quads``/``triples`` are not read (no store is loaded into memory)."""
    files = sorted(Path(queries_dir).glob("*.rq"))
    if not files:
        return 0
    run = size is None or size <= RUN_LIMIT
    store = None
    if not run:
        merged = None
    elif query_store is not None:
        merged = query_store.store
    else:
        merged = merged_store(triples if triples is not None else quads)
    rows_out = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        name = path.stem
        heading, rest = query_heading(text, name)
        entry = {"name": name, "question": question_of(text), "heading": heading, "rest": rest,
                 "short": name.split("-", 1)[0].upper(), "text": text, "count": 0, "rows": [],
                 "variables": [], "error": None, "truncated": False, "run": run, "size": size, "downloads": False}
        try:
            if not run:
                raise _NotRun
            if query_store is not None:
                result = run_query(text, query_store)
            elif _uses_graphs(text):
                if store is None:
                    store = ox.Store()
                    store.bulk_extend(quads)
                result = run_query(text, store, union=True)
            else:
                result = run_query(text, merged)
            if result.form == "SELECT":
                entry["variables"] = result.variables
                entry["count"] = len(result.rows)
                shown = result.rows[:MAX_ROWS]
                labels, entities = names_and_pages(merged, shown, iris.base)
                for row in shown:
                    cells = []
                    for term in row:
                        cell = {"text": lexical(term)}
                        if isinstance(term, URIRef) and str(term).startswith(iris.base):
                            cell["href"] = "../../" + iris.href(None, str(term))
                            if str(term) in labels:
                                cell["text"], cell["title"] = labels[str(term)], str(term)
                        elif term is not None and not isinstance(term, URIRef):
                            entity = entities.get(_ox_term(term))
                            if entity is not None:
                                cell["href"], cell["title"] = "../../" + iris.href(None, entity), entity
                        cells.append(cell)
                    entry["rows"].append(cells)
                link_paragraph_numbers(merged, result.variables, shown, entry["rows"], iris)
                entry["truncated"] = len(result.rows) > MAX_ROWS
                entry["downloads"] = True
                folder = out / "queries" / name
                folder.mkdir(parents=True, exist_ok=True)
                (folder / "result.csv").write_text(format_result(result, "csv"), encoding="utf-8", newline="")
                (folder / "result.json").write_text(format_result(result, "json"), encoding="utf-8")
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
            root="../../", version=__version__, q=entry,
            crumbs=[{"text": "Home", "href": "../../"}, {"text": "Queries", "href": "../"}]), encoding="utf-8")
        rows_out.append(entry)
    (out / "queries" / "index.html").write_text(env.get_template("queries.html").render(
        root="../", version=__version__, queries=rows_out, crumbs=[{"text": "Home", "href": "../"}]),
        encoding="utf-8")
    return len(files) + 1


