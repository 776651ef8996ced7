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

    Read from the first keyword after the prologue by :func:`honlea_kg.sparql_text.query_form`
    (comments, strings and IRIs skipped), never guessed from words anywhere in the text, so
    comments mentioning "describe" or "ask" do not mislead it; no full parse, so it agrees with
    any engine that accepts the query.

    :raises QueryError: when the text does not start like a query (the message says what was
        found instead).
    """
    from .sparql_text import query_form as form_of

    form = form_of(text)
    if form is None:
        raise QueryError("SPARQL syntax error: the query does not start with SELECT, ASK, CONSTRUCT or "
                         "DESCRIBE (after any PREFIX and BASE declarations)")
    return form


def lexical(term) -> str:
    """Plain lexical form of an rdflib term for CSV/table output (``None`` -> ``""``)."""
    if term is None:
        return ""
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


_TSV_SHORT = {"http://www.w3.org/2001/XMLSchema#integer", "http://www.w3.org/2001/XMLSchema#decimal",
              "http://www.w3.org/2001/XMLSchema#boolean"}


def tsv_term(term) -> str:
    """An rdflib term as SPARQL 1.1 TSV writes it (Query Results CSV and TSV Formats, section 3:
    Turtle syntax; integers, decimals and booleans in their short form, as pyoxigraph writes
    them, so embedded and remote TSV agree); ``None`` (unbound) is empty."""
    import pyoxigraph as ox

    if term is None:
        return ""
    if isinstance(term, Literal):
        if not term.language and term.datatype is not None and str(term.datatype) in _TSV_SHORT:
            return str(term)
        if term.language:
            return str(ox.Literal(str(term), language=term.language))
        if term.datatype is not None:
            return str(ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype))))
        return str(ox.Literal(str(term)))  # escapes tabs and newlines, as TSV needs
    if isinstance(term, BNode):
        return f"_:{term}"
    return f"<{term}>"


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
    """Render ``result`` as ``table``, ``csv``, ``tsv`` (SPARQL 1.1 Query Results CSV and TSV
    Formats) or ``json`` (SPARQL 1.1 Query Results JSON Format, W3C REC 2013); CONSTRUCT/DESCRIBE
    results are always Turtle.

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
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n")
        writer.writerow(result.variables)
        for row in result.rows:
            writer.writerow([lexical(t) for t in row])
        return buf.getvalue()
    if fmt == "tsv":
        lines = ["\t".join(f"?{v}" for v in result.variables)]
        lines += ["\t".join(tsv_term(t) for t in row) for row in result.rows]
        return "\n".join(lines) + "\n"
    # table: aligned columns for a terminal, long values cut at 80 characters
    cells = [[lexical(t).replace("\n", " ") for t in row] for row in result.rows]
    cells = [[c if len(c) <= 80 else c[:79] + "…" for c in row] for row in cells]
    widths = [len(v) for v in result.variables]
    for row in cells:
        widths = [max(w, len(c)) for w, c in zip(widths, row)]
    # the last column is not padded: no trailing spaces for a terminal, a diff or a copy
    lines = [" | ".join(v.ljust(w) for v, w in zip(result.variables, widths)).rstrip(),
             "-+-".join("-" * w for w in widths)]
    lines += [" | ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in cells]
    lines.append(f"({len(cells)} row{'s' if len(cells) != 1 else ''})")
    return "\n".join(lines) + "\n"

