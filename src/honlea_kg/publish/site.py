"""Publish a built dataset: bulk dumps, dataset description, entity pages and data files.

The publisher knows nothing of reports, only of the graph (pyoxigraph quads, one named graph per
report) and of the normalised report texts it publishes beside the graph for provenance.
"""

from __future__ import annotations

import shutil
from collections import Counter
from importlib import resources
from pathlib import Path

import pyoxigraph as ox
from jinja2 import Environment, PackageLoader, select_autoescape

from .. import __version__
from ..iris import IriPolicy
from ..vocab import PREFIXES
from .describe import write_description, write_sitemap
from .dumps import canonical_ntriples, write_dumps_from_pieces
from .graphindex import GraphIndex
from .cite import DEFAULT_PUBLISHER, DEFAULT_TITLE, DatasetInfo
from .pages import PageWriter, home_context


#: The document root written into the generated ``nginx.conf`` (edit it to where the build is
#: copied; a fixed value keeps rebuilds byte-identical wherever ``--out`` points).
SERVER_ROOT = "/var/www/honlea-kg"


def environment() -> Environment:
    """The Jinja2 environment of the site's templates: autoescape on for every template and
    every string template, so report text never becomes markup; the fragments of
    :mod:`.html` as filters; templates loaded once (no check for changed files per page)."""
    from .html import register

    env = Environment(loader=PackageLoader("honlea_kg.publish", "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      keep_trailing_newline=True, auto_reload=False)
    register(env)
    return env


def dataset_info(iris: IriPolicy, dates: dict[str, str], title: str | None = None, publisher: str | None = None,
                 version: str | None = None, date: str | None = None) -> DatasetInfo:
    """How the dataset is cited: the build options, with their defaults: the title
    :data:`~.cite.DEFAULT_TITLE`, the publisher :data:`~.cite.DEFAULT_PUBLISHER`, the version
    of honlea-kg, and the date of the newest report (its issue date, else its meeting's end
    date), never the time of the build."""
    return DatasetInfo(title=title or DEFAULT_TITLE, publisher=publisher or DEFAULT_PUBLISHER,
                       version=version if version is not None else __version__,
                       date=date or (max(dates.values()) if dates else None), iri=iris.base + "dataset")


def publish(quads: list, out: Path, iris: IriPolicy, texts: dict[str, tuple[str, str]] | None = None,
            timings: dict | None = None, graphs: list[tuple[str, bytes]] | None = None,
            browser_sparql_limit: int | None = None, dataset: dict | None = None, search: bool = True) -> dict:
    """Write the whole site into the empty folder ``out`` from a graph held in memory.

    ``quads``: pyoxigraph quads, one named graph per report.  ``texts``: report IRI ->
    (normalised text, original file name), published as ``<report>/source.txt`` for the
    Web Annotation selectors.  ``graphs``: (graph IRI, canonical N-Triples) per named graph, the
    dumps' source (default: derived from ``quads``).  Returns figures: ``pages``, ``triples``,
    ``files``, ``notices``.  ``timings`` (optional dict) receives the wall seconds of ``publish
    dumps``, ``publish pages`` and ``search index``.  ``browser_sparql_limit``: triples above
    which the ``sparql/`` page does not load the dump into the browser by itself (default
    :data:`~.sparqlpage.BROWSER_LIMIT`).  ``dataset``: the build options naming the dataset in
    citations (``title``, ``publisher``, ``version``, ``date``; see :func:`dataset_info`).
    ``search``: index the site with Pagefind (:func:`run_search`); when Pagefind fails the site
    is published without search and ``notices`` says why.  (A build publishes from its
    per-document index instead, rendering only what changed: :mod:`honlea_kg.stages.publish`;
    both write the same files with :func:`finish_site`.)
    """
    import tempfile
    import time

    t0 = time.monotonic()
    out.mkdir(parents=True, exist_ok=True)
    triples = list(dict.fromkeys(ox.Triple(q.subject, q.predicate, q.object) for q in quads))
    if graphs is None:
        grouped: dict[str, list] = {}
        for q in quads:
            grouped.setdefault(q.graph_name.value, []).append(ox.Triple(q.subject, q.predicate, q.object))
        graphs = [(g, canonical_ntriples(ts)) for g, ts in grouped.items()]
    with tempfile.TemporaryDirectory(prefix=".pieces-", dir=out.parent) as tmp:
        files = write_dumps_from_pieces(out, graphs, Path(tmp))
    t1 = time.monotonic()
    index = GraphIndex(triples)
    # statements per property as a build counts them: summed over the report graphs
    index.predicate_counts = Counter(q.predicate.value for q in quads if isinstance(q.subject, ox.NamedNode))
    env = environment()
    dates = index.dates()
    info = dataset_info(iris, dates, **(dataset or {}))
    writer = PageWriter(index, iris, out, env, dates, info)
    docs = writer.documents()
    pages = writer.write_docs(docs)
    write_texts(out, iris, texts or {})
    pages += finish_site(out, index, writer, iris, env, files, index.count, dates, docs, quads=quads, triples=triples,
                         browser_sparql_limit=browser_sparql_limit)
    t2 = time.monotonic()
    notices = run_search(out, timings) if search else []
    if timings is not None:
        timings["publish dumps"] = t1 - t0
        timings["publish pages"] = t2 - t1
    return {"pages": pages, "triples": index.count, "files": files, "notices": notices}


def run_search(out: Path, timings: dict | None = None) -> list[str]:
    """Index the finished site in ``out`` with Pagefind into ``out/pagefind/`` (:mod:`.search`;
    any ``pagefind/`` there is removed first, never written into: its files may be hard links
    shared with another output).  Not incremental: every page is read each build.  Returns the
    notices (a warning when Pagefind failed: the site is published without search);
    ``timings`` gets ``search index`` (wall seconds)."""
    import time

    from .search import SearchIndexError, start_index

    t = time.monotonic()
    shutil.rmtree(out / "pagefind", ignore_errors=True)
    notices = []
    try:
        start_index(out).wait()
    except SearchIndexError as exc:  # the site works without search: say so, publish the rest
        notices.append(search_notice(exc))
    if timings is not None:
        timings["search index"] = time.monotonic() - t
    return notices


def write_texts(out: Path, iris: IriPolicy, texts: dict[str, tuple[str, str]]) -> None:
    """Write each report's normalised text as ``<report>/source.txt`` (report IRI -> (text,
    file name))."""
    for report_iri, (text, _name) in sorted(texts.items()):
        rel = iris.file_of(report_iri, "html")
        if rel:
            folder = out / Path(rel).parent
            folder.mkdir(parents=True, exist_ok=True)
            (folder / "source.txt").write_text(text, encoding="utf-8")


def finish_site(out: Path, index, writer: PageWriter, iris: IriPolicy, env, files, ntriples: int,
                dates: dict[str, str], docs: list[str], quads=None, triples=None,
                members: dict[str, list[str]] | None = None, counts: dict[str, int] | None = None,
                timings: dict | None = None, browser_sparql_limit: int | None = None, query_store=None) -> int:
    """Write every file of the site but the entity documents' own: vocabulary and query pages,
    class indexes, browse and home pages, 404 page, style sheet, dataset description, sitemap
    and server configurations.  Returns the number of HTML pages written.

    ``index``: the graph's index (:class:`GraphIndex` or the build's
    :class:`~honlea_kg.docindex.IndexView`); ``files``: the dumps' ``FileInfo``; ``docs``:
    every entity document (for the sitemap, with ``dates``); ``quads``/``triples``: the graph
    for the query pages (see :func:`~.querypages.write_query_pages`); ``members``: the classes
    whose index pages to write (class -> entities; default: all), ``counts``: every class's
    size (default: from ``members``).  ``timings`` gets ``publish queries`` and ``publish
    index pages`` (wall seconds).  ``browser_sparql_limit``: see :func:`publish`; ``query_store``:
    the build's query store, which the query pages then run on (instead of ``quads``).
    """
    import time

    from ..config import QUERIES_DIR
    from ..validate import load_ontology
    from .querypages import write_query_pages
    from .vocabdoc import write_vocabulary_docs

    t0 = time.monotonic()
    pages = write_query_pages(out, quads, QUERIES_DIR, env, iris, triples=triples, size=ntriples,
                              query_store=query_store)
    t1 = time.monotonic()
    classes = writer.class_indexes(members, counts)
    pages += write_vocabulary_docs(out, load_ontology(), env, iris, index, writer.lab,
                                   browse={c["iri"]: c["href"] for c in classes})
    from .sparqlpage import BROWSER_LIMIT, write_sparql_page

    pages += write_sparql_page(out, env, iris, ntriples, QUERIES_DIR,
                               BROWSER_LIMIT if browser_sparql_limit is None else browser_sparql_limit)
    common = writer.common(None)
    (out / "browse").mkdir(exist_ok=True)
    (out / "browse" / "index.html").write_text(env.get_template("browse.html").render(
        **dict(common, root="../", classes=classes, crumbs=[{"text": "Home", "href": "../"}])), encoding="utf-8")
    ctx = home_context(index, iris, classes, files, ntriples, writer.lab, writer.dataset)
    from .charts import write_chart

    ctx["charts"] = [write_chart(out, c) for c in ctx.pop("chart_data")]
    ctx["site"] = common["site"]
    (out / "index.html").write_text(env.get_template("index.html").render(**ctx), encoding="utf-8")
    (out / "404.html").write_text(env.get_template("404.html").render(**dict(common, root="/")), encoding="utf-8")
    (out / "search").mkdir(exist_ok=True)
    (out / "search" / "index.html").write_text(env.get_template("search.html").render(
        **dict(common, root="../", crumbs=[{"text": "Home", "href": "../"}])), encoding="utf-8")
    copy_static(out)
    examples = [m["iri"] for m in ctx["meetings"] if m["reported"]][:3]
    vocabularies = sorted({str(ns) for ns in PREFIXES.values()})
    modified = max(dates.values()) if dates else None
    write_description(out, iris, files, ntriples, len(docs), examples, vocabularies, modified, writer.dataset)
    write_sitemap(out, iris, [(d, dates.get(d)) for d in docs] + [(iris.base, modified)])
    from .server_configs import write_server_configs

    write_server_configs(out, "/", root=SERVER_ROOT, base_iri=iris.base)
    if timings is not None:
        timings["publish queries"] = t1 - t0
        timings["publish index pages"] = time.monotonic() - t1
    return pages + 2 + len(classes)


def search_notice(exc: Exception) -> str:
    """The warning a build prints when the site could not get its search index."""
    return f"warning: the site has no search index: {exc}"


#: The static files of the site (under ``publish/static/``), copied as they are.
STATIC_FILES = ("style.css", "site.js", "search.js", "vendor/charts/vega.min.js", "vendor/charts/vega-lite.min.js",
                "vendor/charts/vega-embed.min.js", "vendor/charts/LICENSES.txt")


def copy_static(out: Path) -> None:
    """Copy :data:`STATIC_FILES` into ``out`` (the chart libraries under ``vendor/charts/``)."""
    static = resources.files("honlea_kg.publish") / "static"
    for name in STATIC_FILES:
        target = out / name
        target.parent.mkdir(parents=True, exist_ok=True)
        with resources.as_file(static.joinpath(*name.split("/"))) as src:
            shutil.copyfile(src, target)


class _QuadsOf:
    """The quads of (graph IRI, N-Triples) pairs, made when iterated (rarely needed)."""

    def __init__(self, graphs):
        self.graphs = graphs

    def __iter__(self):
        for graph, data in self.graphs:
            g = ox.NamedNode(graph)
            raw = data.encode("utf-8") if isinstance(data, str) else data
            for t in ox.parse(raw, format=ox.RdfFormat.N_TRIPLES):
                yield ox.Quad(t.subject, t.predicate, t.object, g)
