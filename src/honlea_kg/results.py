"""SPARQL query results in one shape, whichever engine produced them, and their output formats.

Embedded execution (:mod:`honlea_kg.query`) and remote execution (:mod:`honlea_kg.remote`) both
return a :class:`QueryResult`; :func:`format_result` renders it.  The CSV form is the contract of
the competency-question scorer: a header of variable names without ``?``, one row per solution,
values as plain lexical forms (IRI as the IRI, literal as its text, unbound as empty), per
SPARQL 1.1 Query Results CSV and TSV Formats (W3C REC 2013), section 2.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.plugins.sparql.parser import parseQuery

from .model import HonleaError, QueryError  # noqa: F401 - QueryError is re-exported here

FORMATS = ("table", "csv", "json", "tsv")


@dataclass
class QueryResult:
    """The answer to a query.

    ``form`` is ``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE``.  For SELECT, ``variables``
    are the projected names (no ``?``) and ``rows`` tuples of rdflib terms (``None`` = unbound);
    for ASK, ``boolean``; for CONSTRUCT/DESCRIBE, ``graph``.
    """

    form: str
    variables: list[str] = field(default_factory=list)
    rows: list[tuple] = field(default_factory=list)
    boolean: bool | None = None
    graph: Graph | None = None

    def as_strings(self) -> set[tuple[str, ...]]:
        """The rows as a set of tuples of plain lexical forms (for comparing two engines)."""
        return {tuple(lexical(v) for v in row) for row in self.rows}


def query_form(text: str) -> str:
    """Return the query form (``SELECT``/``ASK``/``CONSTRUCT``/``DESCRIBE``) of SPARQL ``text``.

    Taken from rdflib's parse of the query, never guessed from words in its text, so comments
    mentioning "describe" or "ask" do not mislead it (issue: robustness input 8).

    :raises QueryError: if the query does not parse (the message gives rdflib's position).
    """
    try:
        parsed = parseQuery(text)
    except Exception as exc:  # pyparsing.ParseException and friends
        raise QueryError(f"SPARQL syntax error: {_one_line(exc)}") from None
    name = parsed[1].name  # e.g. "SelectQuery"
    return name.replace("Query", "").upper()


def lexical(term) -> str:
    """Plain lexical form of an rdflib term for CSV/table output (``None`` -> ``""``)."""
    if term is None:
        return ""
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def _json_term(term) -> dict:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    if isinstance(term, Literal):
        out = {"type": "literal", "value": str(term)}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype:
            out["datatype"] = str(term.datatype)
        return out
    return {"type": "literal", "value": str(term)}


def format_result(result: QueryResult, fmt: str = "table") -> str:
    """Render ``result`` as ``table``, ``csv``, ``tsv`` or ``json`` (SPARQL 1.1 Query Results
    JSON Format, W3C REC 2013); CONSTRUCT/DESCRIBE results are always Turtle.

    :raises QueryError: for an unknown ``fmt``.
    """
    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    if result.form in ("CONSTRUCT", "DESCRIBE"):
        graph = result.graph if result.graph is not None else Graph()
        return graph.serialize(format="turtle")
    if result.form == "ASK":
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": bool(result.boolean)}) + "\n"
        if fmt in ("csv", "tsv"):
            return "boolean\r\n" + ("true" if result.boolean else "false") + "\r\n"
        return "true\n" if result.boolean else "false\n"
    if fmt == "json":
        bindings = []
        for row in result.rows:
            bindings.append({v: _json_term(t) for v, t in zip(result.variables, row) if t is not None})
        doc = {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}
        return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"
    if fmt in ("csv", "tsv"):
        buf = io.StringIO()
        writer = csv.writer(buf, delimiter="," if fmt == "csv" else "\t", lineterminator="\r\n")
        writer.writerow(result.variables)
        for row in result.rows:
            writer.writerow([lexical(t) for t in row])
        return buf.getvalue()
    # table: aligned columns for a terminal, long values cut at 80 characters
    cells = [[lexical(t).replace("\n", " ") for t in row] for row in result.rows]
    cells = [[c if len(c) <= 80 else c[:79] + "…" for c in row] for row in cells]
    widths = [len(v) for v in result.variables]
    for row in cells:
        widths = [max(w, len(c)) for w, c in zip(widths, row)]
    lines = [" | ".join(v.ljust(w) for v, w in zip(result.variables, widths)),
             "-+-".join("-" * w for w in widths)]
    lines += [" | ".join(c.ljust(w) for c, w in zip(row, widths)) for row in cells]
    lines.append(f"({len(cells)} row{'s' if len(cells) != 1 else ''})")
    return "\n".join(lines) + "\n"


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:300]
