"""Embedded SPARQL over a built dataset.

The engine is pyoxigraph (measured ~30-400 times faster than rdflib's engine on the same
queries: see ``benchmarks/bench_query.py`` and ``../shared/design/performance.md`` section 2).
The default graph is the merge of all report graphs (:func:`merged_store`), so a query sees
one graph, as it would on a store loaded with ``honlea-kg load`` and queried ``FROM`` the
report graphs; ``GRAPH`` patterns still see each report's named graph.  Results come back as rdflib terms in a
:class:`~honlea_kg.results.QueryResult`, identical whichever engine ran.
"""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef

from .results import QueryError, QueryResult, query_form
from .sparql_errors import format_sparql_error

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


def run_query(text: str, store: "ox.Store | EmbeddedDataset", *, union: bool = False) -> QueryResult:
    """Run SPARQL ``text`` on ``store`` (a pyoxigraph store or an :class:`EmbeddedDataset`).  On a :func:`merged_store` the default graph already is
    the union of the reports; ``union=True`` is for a store holding only named graphs.

    The query form comes from the kind of answer pyoxigraph's parser and engine give (solutions,
    boolean, triples), never from words in the text; only a graph answer is parsed again
    (:func:`~honlea_kg.results.query_form`) to tell CONSTRUCT from DESCRIBE.  Parsing every query
    with rdflib's parser as well cost 5-40 ms a query (measured on the bundled queries), more
    than most of them take to run.

    :raises QueryError: on a syntax error (worded by
        :func:`~honlea_kg.sparql_errors.format_sparql_error`: undeclared prefixes named with their
        ``PREFIX`` line, positions as line and column of ``text``) or an evaluation error.
    """
    try:
        answer = store.query(text, use_default_graph_as_union=union)
    except SyntaxError as exc:  # one wording for every engine: honlea_kg.sparql_errors
        raise QueryError(format_sparql_error(exc, text)) from None
    except (ValueError, OSError, RuntimeError) as exc:
        raise QueryError(f"query failed: {' '.join(str(exc).split())}") from None
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
        raise QueryError(f"query failed: {' '.join(str(exc).split())}") from None
    return QueryResult(form="SELECT", variables=variables, rows=rows)


def query_build(text: str, data_dir: Path) -> QueryResult:
    """Load the dataset built in ``data_dir`` and run ``text`` on it."""
    return run_query(text, load_store(data_dir))
