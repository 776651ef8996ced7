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
from ..vocab import HL, PREFIXES
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


def _report_dates(index: GraphIndex) -> dict[str, str]:
    """Document IRI -> the ISO date of the report it comes from (its issue date, else the
    meeting's end date), for sitemap ``lastmod``; entities shared by reports take the latest."""
    dates: dict[str, str] = {}
    issued = "http://purl.org/dc/terms/issued"
    end = "https://schema.org/endDate"
    for doc, types in index.types.items():
        if str(HL.Report) not in types:
            continue
        day = None
        for t in index.by_subject.get(doc, []):
            if t.predicate.value == issued:
                day = t.object.value
        if day is None:
            meeting = next((t.object.value for t in index.by_subject.get(doc, [])
                            if t.predicate.value == str(HL.reportOf)), None)
            for t in index.by_subject.get(meeting or "", []):
                if t.predicate.value == end:
                    day = t.object.value
        if not day:
            continue
        graph_docs = {doc}
        meeting = next((t.object.value for t in index.by_subject.get(doc, []) if t.predicate.value == str(HL.reportOf)), None)
        if meeting:
            graph_docs.add(meeting)
        for d in graph_docs:
            dates[d] = max(dates.get(d, ""), day)
    return dates


def publish(quads: list, out: Path, iris: IriPolicy, texts: dict[str, tuple[str, str]] | None = None,
            timings: dict | None = None, graphs: list[tuple[str, bytes]] | None = None,
            pieces_dir: Path | None = None, jobs: int = 1,
            previous: tuple[Path, dict[str, str]] | None = None, salt: str = "", triples: list | None = None,
            browser_sparql_limit: int | None = None) -> dict:
    """Write the whole site into the empty folder ``out``.

    ``quads``: pyoxigraph quads, one named graph per report.  ``texts``: report IRI ->
    (normalised text, original file name), published as ``<report>/source.txt`` for the
    Web Annotation selectors.  Returns figures: ``pages``, ``triples``, ``files``.  ``timings``
    (optional dict) receives the wall seconds of ``publish dumps`` and ``publish pages``.
    ``graphs``: (graph IRI, canonical N-Triples) per named graph, the dumps' source (default:
    derived from ``quads``); ``pieces_dir``: where dump pieces are kept between builds
    (default: a temporary folder) - see :func:`~.dumps.write_dumps_from_pieces`.  ``jobs``:
    processes rendering the entity pages (:meth:`PageWriter.write_all`).  ``previous``: (the
    last build's output folder, its page fingerprints): an entity document whose
    :meth:`~.pages.PageWriter.fingerprint` (with ``salt``) is unchanged is hard-linked from
    there instead of rendered.  The figures then also hold ``fingerprints`` (document ->
    fingerprint) and ``reused`` (documents linked).  ``triples``: the union's distinct triples
    when the caller has them; with ``quads`` and ``triples`` both ``None``, everything is read
    from ``graphs``: the index from their N-Triples text, the query pages' store from quads
    streamed out of them.  ``browser_sparql_limit``: triples above which the ``sparql/`` page
    does not load the dump into the browser by itself (default
    :data:`~.sparqlpage.BROWSER_LIMIT`).
    """
    import tempfile
    import time

    t0 = time.monotonic()
    out.mkdir(parents=True, exist_ok=True)
    if triples is None and quads is not None:
        triples = list(dict.fromkeys(ox.Triple(q.subject, q.predicate, q.object) for q in quads))
    if quads is None:
        quads = _QuadsOf(graphs)
    if graphs is None:
        grouped: dict[str, list] = {}
        for q in quads:
            grouped.setdefault(q.graph_name.value, []).append(ox.Triple(q.subject, q.predicate, q.object))
        graphs = [(g, canonical_ntriples(ts)) for g, ts in grouped.items()]
    if pieces_dir is None:
        with tempfile.TemporaryDirectory(prefix=".pieces-", dir=out.parent) as tmp:
            files = write_dumps_from_pieces(out, graphs, Path(tmp))
    else:
        files = write_dumps_from_pieces(out, graphs, pieces_dir)
    t1 = time.monotonic()
    # the index of the union from the graphs' N-Triples text (no pyoxigraph object per triple)
    index = GraphIndex(triples) if triples is not None else GraphIndex.from_ntriples(data for _g, data in graphs)
    ntriples = index.count
    env = environment()
    dates = _report_dates(index)
    writer = PageWriter(index, iris, out, env, dates)
    pages = writer.write_all(jobs, previous[1] if previous else None, salt)
    for report_iri, (text, _name) in sorted((texts or {}).items()):
        rel = iris.file_of(report_iri, "html")
        if rel:
            folder = out / Path(rel).parent
            folder.mkdir(parents=True, exist_ok=True)
            (folder / "source.txt").write_text(text, encoding="utf-8")
    from ..validate import load_ontology
    from .vocabdoc import write_vocabulary_docs

    from ..config import QUERIES_DIR
    from .querypages import write_query_pages

    vocab_pages = write_vocabulary_docs(out, load_ontology(), env, iris)
    vocab_pages += write_query_pages(out, quads, QUERIES_DIR, env, iris, triples=triples, size=ntriples)
    from .sparqlpage import BROWSER_LIMIT, write_sparql_page

    vocab_pages += write_sparql_page(out, env, iris, ntriples, QUERIES_DIR,
                                     BROWSER_LIMIT if browser_sparql_limit is None else browser_sparql_limit)
    classes = writer.class_indexes()
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
    entities = len([d for d in index.documents(iris.base) if "#" not in d])
    write_description(out, iris, files, ntriples, entities, examples, vocabularies, modified)
    writer.written.append((iris.base, modified))
    write_sitemap(out, iris, writer.written)
    from .server_configs import write_server_configs

    write_server_configs(out, "/", root=SERVER_ROOT, base_iri=iris.base)
    if previous is not None and writer.reusable:
        writer.link_reused(Path(previous[0]))
    if timings is not None:
        timings["publish dumps"] = t1 - t0
        timings["publish pages"] = time.monotonic() - t1
    return {"pages": pages + 2 + len(classes) + vocab_pages, "triples": ntriples, "files": files,
            "fingerprints": writer.fingerprints, "reused": len(writer.reusable)}


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
