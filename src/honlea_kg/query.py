"""Embedded SPARQL over a built dataset.

The engine is pyoxigraph (measured ~30-400 times faster than rdflib's engine on the same
queries: see ``benchmarks/bench_query.py`` and ``../shared/design/performance.md`` section 2).
The default graph is the merge of all report graphs, so a query sees one graph, as it would on a
store loaded with ``honlea-kg load`` and queried ``FROM`` the report graphs; ``GRAPH`` patterns
still see each report's named graph.

Two ways to hold the dataset:

* the **persistent query store** (:mod:`honlea_kg.querystore`, what ``honlea-kg query`` and
  ``serve`` use): made once per dataset in the build cache and opened read-only in
  milliseconds (:func:`open_dataset`, :func:`execute`);
* an **in-memory** store parsed from ``dataset.trig`` (:func:`load_store`, what the build's
  query pages and the rdflib comparisons use).

:func:`run_query` returns rdflib terms in a :class:`~honlea_kg.results.QueryResult`, identical
whichever engine ran; :func:`execute` writes the formatted answer straight from pyoxigraph
(SPARQL 1.1 Query Results CSV, TSV and JSON serialisers, no rdflib), which is what keeps a
``honlea-kg query`` process short.
"""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox

from .model import HonleaError, QueryError

DATASET_FILE = "dataset.trig"


def merged_store(statements, quads=None) -> ox.Store:
    """A store whose default graph is the union (RDF merge) of ``statements`` (triples or quads),
    plus, when ``quads`` is given, those quads in their named graphs.

    The default graph of a query is then the union of the report graphs, deduplicated, as
    SPARQL 1.1 (section 13.1) defines an RDF dataset's merged default graph; ``GRAPH`` patterns
    still see each report's graph.  pyoxigraph also plans joins over a real default graph far
    better than over ``use_default_graph_as_union``: measured on 100 synthetic reports, CQ02
    took 0.04 s here and more than 5 minutes with the union flag.
    """
    store = ox.Store()
    default = ox.DefaultGraph()
    store.bulk_extend(ox.Quad(s.subject, s.predicate, s.object, default) for s in statements)
    if quads is not None:
        store.bulk_extend(quads)
    return store


#: One SPARQL token that can hide the words GRAPH or FROM (strings, IRIs, comments; SPARQL 1.1
#: section 19.8 terminals STRING_LITERAL*, IRIREF and comments), or one of those words.
_TOKENS = re.compile("|".join([
    r'"""(?:[^"\\]|\\.|"(?!""))*"""',        # STRING_LITERAL_LONG2
    r"'''(?:[^'\\]|\\.|'(?!''))*'''",  # STRING_LITERAL_LONG1
    r'"(?:[^"\\\n\r]|\\.)*"',                 # STRING_LITERAL2
    r"'(?:[^'\\\n\r]|\\.)*'",                 # STRING_LITERAL1
    r'<[^<>"{}|^`\\\x00-\x20]*>',              # IRIREF
    r"#[^\n\r]*",                             # comment
    r"(?<![\w:?$.-])(GRAPH|FROM)(?![\w:-])",  # the keywords, not ?graph, ex:from, from_x
]), re.IGNORECASE)


def names_graphs(text: str) -> bool:
    """True when the SPARQL ``text`` has the keyword ``GRAPH`` or ``FROM`` outside strings, IRIs
    and comments, i.e. when it may name graphs (a ``GRAPH`` pattern, ``FROM``/``FROM NAMED``).

    Errs towards True: a query that does not parse is answered by the store that has every graph.
    """
    return any(m.group(1) for m in _TOKENS.finditer(text))


class EmbeddedDataset:
    """A built dataset loaded for embedded querying: the merged default graph in its own store,
    and the named report graphs in a second store loaded only when a query names graphs.

    ``merged``: a :func:`merged_store` holding only the default graph (the RDF merge of the report
    graphs, SPARQL 1.1 section 13.1).  ``full``: the default graph plus every report's named graph
    (loaded from ``path`` on first use).  Why two stores: pyoxigraph's in-memory store answers a
    pattern by walking every quad with the pattern's subject (or predicate, object) in all graphs,
    so the copy of each triple in its report graph doubled the cost of every default-graph lookup;
    measured on 100 synthetic reports, a two-pattern join took about half the time without the named
    graphs.  Queries without ``GRAPH``/``FROM`` (:func:`names_graphs`) see only ``merged``, and
    their answers are the same as on ``full``.
    """

    def __init__(self, merged: ox.Store, path: Path | None = None, full: ox.Store | None = None):
        self.merged = merged
        self.path = path
        self._full = full

    @property
    def full(self) -> ox.Store:
        """The store with the default graph and every named graph (loaded on first use).

        :raises QueryError: if the dataset file can no longer be read or parsed."""
        if self._full is None:
            if self.path is None:
                raise QueryError("the named graphs of this dataset are not available")
            quads = _parse(self.path)
            self._full = merged_store(quads, quads=quads)
        return self._full

    def __len__(self) -> int:
        """The number of triples in the merged default graph."""
        return len(self.merged)

    def query(self, text: str, use_default_graph_as_union: bool = False):
        """``pyoxigraph.Store.query`` on the store the query needs (see the class docstring)."""
        if use_default_graph_as_union or names_graphs(text):
            return self.full.query(text, use_default_graph_as_union=use_default_graph_as_union)
        return self.merged.query(text)


def _parse(path: Path) -> list:
    try:
        return list(ox.parse(path=str(path), format=ox.RdfFormat.TRIG))
    except (SyntaxError, ValueError, OSError) as exc:
        raise QueryError(f"cannot load {path}: {' '.join(str(exc).split())}") from None


def load_store(data_dir: Path) -> EmbeddedDataset:
    """Load ``DATA_DIR/dataset.trig`` for embedded querying (see :class:`EmbeddedDataset`): the
    merged default graph at once, the named graphs when a query first names graphs.

    :raises QueryError: if the folder holds no built dataset or it does not parse.
    """
    path = Path(data_dir) / DATASET_FILE
    if not path.is_file():
        raise QueryError(f"no built dataset: {path} not found (run 'honlea-kg build' first, or pass --data DIR)")
    return EmbeddedDataset(merged_store(_parse(path)), path)


def to_rdflib(term):
    """Convert a pyoxigraph term to the equal rdflib term (``None`` stays ``None``)."""
    from rdflib import BNode, Literal, URIRef

    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        dt = term.datatype.value if term.datatype else None
        if dt == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(dt) if dt else None)
    raise QueryError(f"unsupported term in result: {term!r}")


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


class _Converter:
    """:func:`to_rdflib` with a memo: a result repeats the same terms (meeting codes, States,
    IRIs) in many rows, and building an rdflib ``Literal`` (which parses typed lexical forms)
    costs far more than a dictionary look-up.  Measured on 100 synthetic reports: CQ02's 2,021
    rows converted in about a third of the time."""

    __slots__ = ("memo",)

    def __init__(self):
        self.memo: dict = {None: None}

    def __call__(self, term):
        try:
            return self.memo[term]
        except KeyError:
            value = self.memo[term] = to_rdflib(term)
            return value


def sparql_error_message(error: BaseException | str, query: str) -> str:
    """One readable line for an error pyoxigraph raised on ``query``: a syntax error worded by
    :func:`honlea_kg.sparql_errors.format_sparql_error` (the one formatter of SPARQL errors,
    shared with ``query --endpoint`` and ``serve``'s ``/sparql``), an evaluation error as
    ``query failed: ...``.  Imported only on this path (it loads rdflib's namespaces)."""
    if isinstance(error, SyntaxError):
        from .sparql_errors import format_sparql_error

        return format_sparql_error(error, query)
    return f"query failed: {' '.join(str(error).split())}"


def run_query(text: str, store, *, union: bool = False):
    """Run SPARQL ``text`` on ``store`` (a pyoxigraph store, an :class:`EmbeddedDataset` or a
    :class:`~honlea_kg.querystore.QueryStore`) and return a
    :class:`~honlea_kg.results.QueryResult` of rdflib terms.  On a :func:`merged_store` or a query
    store the default graph already is the union of the reports; ``union=True`` is for a store
    holding only named graphs.

    The query form comes from the kind of answer pyoxigraph's parser and engine give (solutions,
    boolean, triples), never from words in the text; only a graph answer is parsed again
    (:func:`~honlea_kg.results.query_form`) to tell CONSTRUCT from DESCRIBE.  Parsing every query
    with rdflib's parser as well cost 5-40 ms a query (measured on the bundled queries), more
    than most of them take to run.

    :raises QueryError: on a syntax error (worded by
        :func:`~honlea_kg.sparql_errors.format_sparql_error`: undeclared prefixes named with their
        ``PREFIX`` line, positions as line and column of ``text``) or an evaluation error.
    :raises querystore.StoreDamaged: when the on-disk store turns out to be corrupt.
    """
    from rdflib import Graph

    from .results import QueryResult, query_form

    try:
        answer = store.query(text, use_default_graph_as_union=union) if union else store.query(text)
    except SyntaxError as exc:
        raise QueryError(sparql_error_message(exc, text)) from None
    except (ValueError, OSError, RuntimeError) as exc:
        _raise_if_damaged(exc, store)
        raise QueryError(sparql_error_message(exc, text)) from None
    convert = _Converter()
    try:
        if isinstance(answer, ox.QueryBoolean):
            return QueryResult(form="ASK", boolean=bool(answer))
        if isinstance(answer, ox.QueryTriples):
            g = Graph()
            for t in answer:
                g.add((convert(t.subject), convert(t.predicate), convert(t.object)))
            return QueryResult(form=query_form(text), graph=g)
        variables = [v.value for v in answer.variables]
        rows = [tuple(map(convert, sol)) for sol in answer]
    except (ValueError, OSError, RuntimeError) as exc:  # evaluation is lazy: errors surface here
        _raise_if_damaged(exc, store)
        raise QueryError(sparql_error_message(exc, text)) from None
    return QueryResult(form="SELECT", variables=variables, rows=rows)


def _raise_if_damaged(exc: BaseException, store) -> None:
    from .querystore import QueryStore, StoreDamaged, is_corruption

    if isinstance(store, QueryStore) and is_corruption(exc):
        raise StoreDamaged(f"the query store is damaged ({' '.join(str(exc).split())[:200]})", store.path)


def open_dataset(data_dir: Path, cache_dir: Path | None, notify=None):
    """The dataset of the build in ``data_dir`` ready to query: its persistent query store in
    ``cache_dir`` (made on first use, see :mod:`honlea_kg.querystore`), or, when ``cache_dir``
    is ``None`` or cannot be written, an in-memory :class:`EmbeddedDataset` (with a ``notify``
    line saying why).

    :raises QueryError: no built dataset in ``data_dir``, or it does not parse.
    """
    from .querystore import StoreWriteError, open_store

    if cache_dir is None:
        return load_store(data_dir)
    try:
        return open_store(Path(data_dir), Path(cache_dir), notify=notify)
    except StoreWriteError as exc:
        if notify:
            notify(f"cannot write the query store ({exc}); loading {DATASET_FILE} into memory instead")
        return load_store(data_dir)
    except HonleaError as exc:
        raise QueryError(exc.message, exc.path, exc.line) from None


def _with_rebuild(data_dir: Path, cache_dir: Path | None, notify, action):
    """Run ``action(dataset)``; when the query store turns out damaged while reading, rebuild it
    (:func:`honlea_kg.querystore.rebuild`) and run ``action`` once more."""
    from .querystore import StoreDamaged, rebuild

    dataset = open_dataset(data_dir, cache_dir, notify)
    try:
        return action(dataset)
    except StoreDamaged as exc:
        if notify:
            notify(f"rebuilding the query store: {exc}")
        return action(rebuild(Path(data_dir), Path(cache_dir), dataset, notify))


def query_build(text: str, data_dir: Path, cache_dir: Path | None = None, notify=None):
    """Run ``text`` on the dataset built in ``data_dir`` and return a
    :class:`~honlea_kg.results.QueryResult` (rdflib terms).  With ``cache_dir`` the persistent
    query store is used (made on first use), else the TriG is loaded into memory."""
    return _with_rebuild(data_dir, cache_dir, notify, lambda ds: run_query(text, ds))


# --- formatted output straight from pyoxigraph (the CLI) -------------------------------------

#: Prefixes of CONSTRUCT/DESCRIBE output in Turtle (the namespaces of :mod:`honlea_kg.vocab`).
TURTLE_PREFIXES = {
    "hl": "https://w3id.org/honlea-kg/ns#", "schema": "https://schema.org/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#", "dct": "http://purl.org/dc/terms/",
    "skos": "http://www.w3.org/2004/02/skos/core#", "prov": "http://www.w3.org/ns/prov#",
    "org": "http://www.w3.org/ns/org#", "oa": "http://www.w3.org/ns/oa#", "cito": "http://purl.org/spar/cito/",
    "foaf": "http://xmlns.com/foaf/0.1/", "opengov": "http://www.w3.org/ns/opengov#",
}
_RESULT_FORMATS = {"csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV,
                   "json": ox.QueryResultsFormat.JSON}


def lexical(term) -> str:
    """Plain lexical form of a pyoxigraph term (IRI, literal text, ``_:label``; ``None`` -> "")."""
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


def _table(variables: list[str], rows) -> str:
    """Aligned columns for a terminal, long values cut at 80 characters, and a row count."""
    cells = [[lexical(t).replace("\n", " ") for t in row] for row in rows]
    cells = [[c if len(c) <= 80 else c[:79] + "…" for c in row] for row in cells]
    widths = [len(v) for v in variables]
    for row in cells:
        widths = [max(w, len(c)) for w, c in zip(widths, row)]
    # the last column is not padded: no trailing spaces for a terminal, a diff or a copy
    lines = [" | ".join(v.ljust(w) for v, w in zip(variables, widths)).rstrip(),
             "-+-".join("-" * w for w in widths)]
    lines += [" | ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in cells]
    lines.append(f"({len(cells)} row{'s' if len(cells) != 1 else ''})")
    return "\n".join(lines) + "\n"


def format_answer(answer, fmt: str) -> bytes:
    """A pyoxigraph answer (solutions, boolean or triples) formatted as ``table``, ``csv``,
    ``tsv`` or ``json`` (SPARQL 1.1 Query Results CSV/TSV and JSON formats, pyoxigraph's
    serialisers); graph answers are always Turtle.  ASK in CSV/TSV is a ``boolean`` header and
    ``true``/``false`` (the result formats define no boolean form for CSV/TSV).

    :raises ValueError, OSError, RuntimeError: evaluation errors surfacing while the answer is
        read (pyoxigraph evaluates lazily).
    """
    if isinstance(answer, ox.QueryBoolean):
        value = bool(answer)
        if fmt == "json":
            return (('{"head":{},"boolean":%s}' % ("true" if value else "false")) + "\n").encode()
        if fmt in ("csv", "tsv"):
            return ("boolean\r\n" + ("true" if value else "false") + "\r\n").encode()
        return b"true\n" if value else b"false\n"
    if isinstance(answer, ox.QueryTriples):
        return ox.serialize(answer, format=ox.RdfFormat.TURTLE, prefixes=TURTLE_PREFIXES)
    if fmt in _RESULT_FORMATS:
        out = answer.serialize(format=_RESULT_FORMATS[fmt])
        return out if fmt != "json" else out + b"\n"
    variables = [v.value for v in answer.variables]
    return _table(variables, [tuple(sol) for sol in answer]).encode("utf-8")


def execute(text: str, data_dir: Path, cache_dir: Path | None, fmt: str = "table", notify=None,
            timings: dict | None = None) -> bytes:
    """Run ``text`` on the build in ``data_dir`` (its query store in ``cache_dir``, made on first
    use) and return the answer formatted by :func:`format_answer` -- what ``honlea-kg query``
    prints.  No rdflib is imported on this path.

    :param timings: when given, receives ``open`` (seconds to find, check and open the store)
        and ``query`` (seconds to run the query and format the answer).
    :raises QueryError: no built dataset; a syntax or evaluation error (one line, see
        :func:`sparql_error_message`).
    """
    import time

    started = time.perf_counter()

    def action(ds):
        if timings is not None:
            timings["open"] = time.perf_counter() - started
        begun = time.perf_counter()
        try:
            return _answer(ds)
        finally:
            if timings is not None:
                timings["query"] = time.perf_counter() - begun

    def _answer(ds):
        try:
            answer = ds.query(text)
        except SyntaxError as exc:
            raise QueryError(sparql_error_message(exc, text)) from None
        except (ValueError, OSError, RuntimeError) as exc:
            _raise_if_damaged(exc, ds)
            raise QueryError(sparql_error_message(exc, text)) from None
        try:
            return format_answer(answer, fmt)
        except (ValueError, OSError, RuntimeError) as exc:
            _raise_if_damaged(exc, ds)
            raise QueryError(sparql_error_message(exc, text)) from None

    return _with_rebuild(data_dir, cache_dir, notify, action)
