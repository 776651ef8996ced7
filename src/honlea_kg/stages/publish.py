"""The publish stage: a build's state -> a complete site in a staging folder.

Which documents are rendered is the index stage's :class:`~honlea_kg.stages.index.PagePlan`; how
a page looks is :mod:`honlea_kg.publish` (the page writer and the site's other files).  From
the per-document index (:mod:`honlea_kg.docindex`):

* **dumps** are concatenated from each report's stored pieces (:func:`~honlea_kg.publish.dumps.
  write_dumps_from_files`), one piece at a time;
* **entity pages**: the plan's documents to render are rendered (in forked processes that each
  read the index) and every other document's files are hard-linked from the previous output
  (:func:`link_documents`);
* **class indexes** are rendered for the plan's classes and the others' pages are linked; the
  browse and home pages, sitemap, dataset description and server configurations are written
  from the index every time (they are small);
* each report's normalised text is linked from the content store.

The query pages run the curated queries on the whole graph and cannot be incremental; their
cost is reported on their own line (``publish queries``).
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from ..cache import ContentStore
from ..docindex import DocIndex, IndexView
from ..iris import IriPolicy
from .index import PagePlan

#: Below this many documents to render, they are rendered in this process.
FORK_MIN_DOCS = 60
CHUNK_DOCS = 40


# --- rendering in forked processes ----------------------------------------------------------
_JOB: dict = {}


def _render_init() -> None:
    """In a forked renderer: open its own connection to the index (SQLite connections must not
    cross a fork) and make its page writer."""
    from ..publish.pages import PageWriter
    from ..publish.site import environment

    job = _JOB
    view = IndexView(DocIndex(job["db"], readonly=True))
    view.index.use(job["pieces"])
    job["writer"] = PageWriter(view, job["iris"], job["out"], environment(), job["dates"])


def _render_chunk(docs: list[str]) -> int:
    if "writer" not in _JOB:
        _render_init()
    return _JOB["writer"].write_docs(docs)


def render_documents(index: DocIndex, iris: IriPolicy, out: Path, docs: list[str], dates: dict[str, str],
                     jobs: int = 1, progress=None) -> int:
    """Render the pages and data files of ``docs`` into ``out`` from the state ``index`` uses,
    in ``jobs`` forked processes (each reading the index itself); return the page count."""
    bar = progress.stage("pages", len(docs)) if progress else None
    _JOB.clear()
    _JOB.update(db=index.path, pieces=index.pieces, iris=iris, out=out, dates=dates)
    count = 0
    try:
        import multiprocessing as mp

        if jobs <= 1 or len(docs) < FORK_MIN_DOCS or "fork" not in mp.get_all_start_methods():
            for i in range(0, len(docs), CHUNK_DOCS):
                count += _render_chunk(docs[i:i + CHUNK_DOCS])
                if bar:
                    bar.advance(len(docs[i:i + CHUNK_DOCS]))
        else:
            chunks = [docs[i:i + CHUNK_DOCS] for i in range(0, len(docs), CHUNK_DOCS)]
            with mp.get_context("fork").Pool(jobs) as pool:
                for chunk, n in zip(chunks, pool.imap(_render_chunk, chunks)):
                    count += n
                    if bar:
                        bar.advance(len(chunk))
    finally:
        if "writer" in _JOB:
            _JOB["writer"].ix.index.close()
        _JOB.clear()
    if bar:
        bar.done()
    return count


def link_documents(previous: Path, out: Path, iris: IriPolicy, docs: list[str], names, progress=None) -> int:
    """Hard-link the files ``names`` of each document of ``docs`` from the output folder
    ``previous`` into ``out``; return the number of files linked.

    Called after every other file of the site is written: a path something else already wrote
    (the vocabulary page over an ``ns`` document) is left as written, as in a full build.
    Nothing writes into a linked file afterwards, so the previous output is never changed.  A
    file that cannot be linked (another file system) is copied.
    """
    bar = progress.stage("link unchanged", len(docs)) if progress else None
    names = set(names)
    linked = 0
    for n, doc in enumerate(docs, start=1):
        rel = Path(iris.file_of(doc)).parent
        src, dst = previous / rel, out / rel
        try:
            present = [name for name in os.listdir(src) if name in names]
        except FileNotFoundError:
            continue
        dst.mkdir(parents=True, exist_ok=True)
        for name in present:
            try:
                os.link(src / name, dst / name)
            except FileExistsError:
                continue
            except OSError:
                shutil.copyfile(src / name, dst / name)
            linked += 1
        if bar and n % 200 == 0:
            bar.advance(200)
    if bar:
        bar.done()
    return linked


def link_texts(out: Path, iris: IriPolicy, store: ContentStore, texts: list[tuple[str, str]]) -> None:
    """Publish each report's normalised text as ``<report>/source.txt`` (report IRI, text
    digest), hard-linked from the content store (copied across file systems)."""
    for report_iri, digest in sorted(texts):
        rel = iris.file_of(report_iri, "html")
        if not rel:
            continue
        folder = out / Path(rel).parent
        folder.mkdir(parents=True, exist_ok=True)
        src, dst = store.path(digest, "txt"), folder / "source.txt"
        try:
            os.link(src, dst)
        except FileExistsError:
            pass
        except OSError:
            shutil.copyfile(src, dst)


class _StoredQuads:
    """The quads of the state's graphs, parsed from the stored N-Triples when iterated (the
    query pages read them only for queries that name graphs)."""

    def __init__(self, graphs: list[tuple[str, str]], store: ContentStore):
        self.graphs, self.store = graphs, store

    def __iter__(self):
        import pyoxigraph as ox

        for graph, digest in sorted(self.graphs):
            g = ox.NamedNode(graph)
            with open(self.store.path(digest, "nt"), "rb") as f:
                for t in ox.parse(f, format=ox.RdfFormat.N_TRIPLES):
                    yield ox.Quad(t.subject, t.predicate, t.object, g)


class _StoredTriples(_StoredQuads):
    """The distinct triples of the state's graphs, parsed when iterated."""

    def __iter__(self):
        import pyoxigraph as ox

        for q in super().__iter__():
            yield ox.Triple(q.subject, q.predicate, q.object)


def publish_state(staging: Path, index: DocIndex, plan: PagePlan, graphs: list[tuple[str, str]], store: ContentStore,
                  texts: list[tuple[str, str]], iris: IriPolicy, jobs: int = 1, timings: dict | None = None,
                  progress=None) -> dict:
    """Write the site of the state ``index`` uses into the empty folder ``staging``.

    ``graphs``: (graph IRI, piece digest) of every published report; ``texts``: (report IRI,
    text digest); ``plan``: :func:`~honlea_kg.stages.index.plan_pages`.  Returns figures: ``pages``, ``triples``,
    ``files``, ``rendered`` and ``linked`` (documents).  ``timings`` gets the wall seconds of
    ``publish dumps``, ``publish pages``, ``publish queries``, ``publish index pages`` and
    ``publish link``.
    """
    from ..publish.dumps import write_dumps_from_files
    from ..publish.pages import PageWriter
    from ..publish.site import environment, finish_site

    timings = timings if timings is not None else {}
    t0 = time.monotonic()
    staging.mkdir(parents=True, exist_ok=True)
    files = write_dumps_from_files(staging, [(g, {ext: store.path(d, ext) for ext in ContentStore.PIECES})
                                             for g, d in graphs])
    t1 = time.monotonic()
    timings["publish dumps"] = t1 - t0
    dates = index.dates()
    pages = render_documents(index, iris, staging, plan.render, dates, jobs, progress)
    link_texts(staging, iris, store, texts)
    timings["publish pages"] = time.monotonic() - t1
    view = IndexView(index)
    writer = PageWriter(view, iris, staging, environment(), dates)
    members = index.members(plan.classes) if plan.classes is not None else index.members()
    ntriples = index.count()
    pages += finish_site(staging, view, writer, iris, writer.env, files, ntriples, dates, plan.docs,
                         quads=_StoredQuads(graphs, store), triples=_StoredTriples(graphs, store),
                         members=members, counts=plan.counts, timings=timings)
    t2 = time.monotonic()
    linked = 0
    if plan.previous is not None:
        linked = link_documents(plan.previous, staging, iris, plan.link, PageWriter.DOC_FILES, progress)
        pages += len(plan.link)
        for cls in sorted(set(plan.counts) - set(members)):
            slug = _slug(cls)
            src = plan.previous / "browse" / slug
            if src.is_dir():
                (staging / "browse" / slug).mkdir(parents=True, exist_ok=True)
                for name in os.listdir(src):
                    try:
                        os.link(src / name, staging / "browse" / slug / name)
                    except FileExistsError:
                        pass
                    except OSError:
                        shutil.copyfile(src / name, staging / "browse" / slug / name)
    timings["publish link"] = time.monotonic() - t2
    return {"pages": pages, "triples": ntriples, "files": files, "rendered": len(plan.render),
            "linked": len(plan.link)}


def _slug(cls: str) -> str:
    from ..publish.pages import _curie

    return _curie(cls).replace(":", "-")
