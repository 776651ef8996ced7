"""Publish a built dataset: bulk dumps, dataset description, entity pages and data files.

The publisher knows nothing of reports, only of the graph (pyoxigraph quads, one named graph per
report) and of the normalised report texts it publishes beside the graph for provenance.
"""

from __future__ import annotations

import shutil
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
from .pages import PageWriter, home_context


#: The document root written into the generated ``nginx.conf`` (edit it to where the build is
#: copied; a fixed value keeps rebuilds byte-identical wherever ``--out`` points).
SERVER_ROOT = "/var/www/honlea-kg"


def environment() -> Environment:
    """The Jinja2 environment of the site's templates: autoescape on for every template and
    every string template, so report text never becomes markup."""
    return Environment(loader=PackageLoader("honlea_kg.publish", "templates"),
                       autoescape=select_autoescape(default=True, default_for_string=True),
                       keep_trailing_newline=True)


def publish(quads: list, out: Path, iris: IriPolicy, texts: dict[str, tuple[str, str]] | None = None,
            timings: dict | None = None, graphs: list[tuple[str, bytes]] | None = None) -> dict:
    """Write the whole site into the empty folder ``out`` from a graph held in memory.

    ``quads``: pyoxigraph quads, one named graph per report.  ``texts``: report IRI ->
    (normalised text, original file name), published as ``<report>/source.txt`` for the
    Web Annotation selectors.  ``graphs``: (graph IRI, canonical N-Triples) per named graph, the
    dumps' source (default: derived from ``quads``).  Returns figures: ``pages``, ``triples``,
    ``files``.  ``timings`` (optional dict) receives the wall seconds of ``publish dumps`` and
    ``publish pages``.  (A build publishes from its per-document index instead, rendering only
    what changed: :mod:`honlea_kg.stages.publish`; both write the same files with
    :func:`finish_site`.)
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
    env = environment()
    dates = index.dates()
    writer = PageWriter(index, iris, out, env, dates)
    docs = writer.documents()
    pages = writer.write_docs(docs)
    write_texts(out, iris, texts or {})
    pages += finish_site(out, index, writer, iris, env, files, index.count, dates, docs, quads=quads, triples=triples)
    if timings is not None:
        timings["publish dumps"] = t1 - t0
        timings["publish pages"] = time.monotonic() - t1
    return {"pages": pages, "triples": index.count, "files": files}


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
                timings: dict | None = None) -> int:
    """Write every file of the site but the entity documents' own: vocabulary and query pages,
    class indexes, browse and home pages, 404 page, style sheet, dataset description, sitemap
    and server configurations.  Returns the number of HTML pages written.

    ``index``: the graph's index (:class:`GraphIndex` or the build's
    :class:`~honlea_kg.docindex.IndexView`); ``files``: the dumps' ``FileInfo``; ``docs``:
    every entity document (for the sitemap, with ``dates``); ``quads``/``triples``: the graph
    for the query pages (see :func:`~.querypages.write_query_pages`); ``members``: the classes
    whose index pages to write (class -> entities; default: all), ``counts``: every class's
    size (default: from ``members``).  ``timings`` gets ``publish queries`` and ``publish
    index pages`` (wall seconds).
    """
    import time

    from ..config import QUERIES_DIR
    from ..validate import load_ontology
    from .querypages import write_query_pages
    from .vocabdoc import write_vocabulary_docs

    t0 = time.monotonic()
    pages = write_vocabulary_docs(out, load_ontology(), env, iris)
    pages += write_query_pages(out, quads, QUERIES_DIR, env, iris, triples=triples, size=ntriples)
    t1 = time.monotonic()
    classes = writer.class_indexes(members, counts)
    (out / "browse").mkdir(exist_ok=True)
    (out / "browse" / "index.html").write_text(env.get_template("browse.html").render(
        root="../", version=__version__, classes=classes), encoding="utf-8")
    ctx = home_context(index, iris, classes, files, ntriples)
    (out / "index.html").write_text(env.get_template("index.html").render(**ctx), encoding="utf-8")
    (out / "404.html").write_text(env.get_template("404.html").render(root="/", version=__version__), encoding="utf-8")
    with resources.as_file(resources.files("honlea_kg.publish") / "static" / "style.css") as css:
        shutil.copyfile(css, out / "style.css")
    examples = [m["iri"] for m in ctx["meetings"] if m["reported"]][:3]
    vocabularies = sorted({str(ns) for ns in PREFIXES.values()})
    modified = max(dates.values()) if dates else None
    write_description(out, iris, files, ntriples, len(docs), examples, vocabularies, modified)
    write_sitemap(out, iris, [(d, dates.get(d)) for d in docs] + [(iris.base, modified)])
    from .server_configs import write_server_configs

    write_server_configs(out, "/", root=SERVER_ROOT, base_iri=iris.base)
    if timings is not None:
        timings["publish queries"] = t1 - t0
        timings["publish index pages"] = time.monotonic() - t1
    return pages + 2 + len(classes)
