"""The publish stage: a build's state -> a complete site in a staging folder.

Which documents are rendered is the index stage's :class:`~honlea_kg.stages.index.PagePlan`; how
a page looks is :mod:`honlea_kg.publish` (the page writer and the site's other files).  From
the per-document index (:mod:`honlea_kg.docindex`):

* **dumps** are concatenated from each report's stored pieces (:func:`~honlea_kg.publish.dumps.
  write_dumps_from_files`), one piece at a time;
* **entity pages**: the plan's documents to render are rendered into the staging folder (in
  forked processes that each read the index), after their old files there are removed; the
  plan's removed documents are deleted; when the staging folder started empty, every other
  document's files are hard-linked from ``--out`` (:func:`link_documents`), and when it is the
  spare they are there already;
* **class indexes** are rendered for the plan's classes, the others' pages are kept or linked;
  the browse and home pages, sitemap, dataset description and server configurations are written
  from the index every time (they are small), beside the staging folder, and moved in;
* each report's normalised text is linked from the content store.

No file in the staging folder is ever written into: it may be a hard link shared with ``--out``.

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
    job["writer"] = PageWriter(view, job["iris"], job["out"], environment(), job["dates"], job["info"])


def _render_chunk(docs: list[str]) -> int:
    if "writer" not in _JOB:
        _render_init()
    return _JOB["writer"].write_docs(docs)


def render_documents(index: DocIndex, iris: IriPolicy, out: Path, docs: list[str], dates: dict[str, str],
                     jobs: int = 1, progress=None, info=None) -> int:
    """Render the pages and data files of ``docs`` into ``out`` from the state ``index`` uses,
    in ``jobs`` forked processes (each reading the index itself); return the page count.
    ``info``: how the dataset is cited (:func:`~honlea_kg.publish.site.dataset_info`)."""
    bar = progress.stage("pages", len(docs)) if progress else None
    _JOB.clear()
    _JOB.update(db=index.path, pieces=index.pieces, iris=iris, out=out, dates=dates, info=info)
    count = 0
    try:
        import multiprocessing as mp

        from ..executors import ignore_sigint

        if jobs <= 1 or len(docs) < FORK_MIN_DOCS or "fork" not in mp.get_all_start_methods():
            for i in range(0, len(docs), CHUNK_DOCS):
                count += _render_chunk(docs[i:i + CHUNK_DOCS])
                if bar:
                    bar.advance(len(docs[i:i + CHUNK_DOCS]))
        else:
            chunks = [docs[i:i + CHUNK_DOCS] for i in range(0, len(docs), CHUNK_DOCS)]
            with mp.get_context("fork").Pool(jobs, initializer=ignore_sigint) as pool:
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


def link_documents(previous: Path, out: Path, iris: IriPolicy, docs: list[str], progress=None) -> int:
    """Hard-link the files of each document of ``docs`` (:func:`~honlea_kg.publish.pages.
    is_doc_file`) from the output folder ``previous`` into ``out``; return the number of files
    linked.

    Called after every other file of the site is written: a path something else already wrote
    (the vocabulary page over an ``ns`` document) is left as written, as in a full build.
    Nothing writes into a linked file afterwards, so the previous output is never changed.  A
    file that cannot be linked (another file system) is copied.
    """
    from ..publish.pages import is_doc_file

    bar = progress.stage("link unchanged", len(docs)) if progress else None
    linked = 0
    for n, doc in enumerate(docs, start=1):
        rel = Path(iris.file_of(doc)).parent
        src, dst = previous / rel, out / rel
        try:
            present = [name for name in os.listdir(src) if is_doc_file(name)]
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


def _unlink_docs(staging: Path, iris: IriPolicy, docs, names=None, prune: bool = False) -> None:
    """Remove the files ``names`` of each document from ``staging`` (default: every file of the
    document, :func:`~honlea_kg.publish.pages.is_doc_file`), never writing into a file that may
    be a hard link shared with ``--out``; with ``prune``, also the folders left empty."""
    from ..publish.pages import is_doc_file

    for doc in docs:
        rel = iris.file_of(doc)
        if rel is None:
            continue
        folder = staging / Path(rel).parent
        if names is None:
            try:
                present = [n for n in os.listdir(folder) if is_doc_file(n)]
            except (FileNotFoundError, NotADirectoryError):
                present = []
        for name in (present if names is None else names):
            try:
                (folder / name).unlink()
            except (FileNotFoundError, NotADirectoryError):
                pass
        if prune:
            while folder != staging:
                try:
                    folder.rmdir()
                except OSError:
                    break
                folder = folder.parent


def _merge(site: Path, staging: Path) -> list[str]:
    """Move every file of ``site`` into ``staging`` (``os.replace``: a file there is replaced,
    not written into); return their relative paths, sorted."""
    moved = []
    for root, _dirs, names in os.walk(site):
        rel_root = Path(root).relative_to(site)
        if names:
            (staging / rel_root).mkdir(parents=True, exist_ok=True)
        for name in names:
            os.replace(Path(root) / name, staging / rel_root / name)
            moved.append((rel_root / name).as_posix())
    shutil.rmtree(site, ignore_errors=True)
    return sorted(moved)


def _link_tree(src: Path, dst: Path) -> None:
    """Hard-link every file of the folder ``src`` into ``dst`` (copied across file systems)."""
    for root, _dirs, names in os.walk(src):
        target = dst / Path(root).relative_to(src)
        target.mkdir(parents=True, exist_ok=True)
        for name in names:
            try:
                os.link(Path(root) / name, target / name)
            except FileExistsError:
                pass
            except OSError:
                shutil.copyfile(Path(root) / name, target / name)


def publish_state(staging: Path, index: DocIndex, plan: PagePlan, graphs: list[tuple[str, str]], store: ContentStore,
                  texts: list[tuple[str, str]], iris: IriPolicy, jobs: int = 1, timings: dict | None = None,
                  progress=None, dataset: dict | None = None, browser_sparql_limit: int | None = None,
                  query_store=None) -> dict:
    """Bring the staging folder ``staging`` to the state ``index`` uses, as ``plan`` says
    (:func:`~honlea_kg.stages.index.index_stage`).

    ``graphs``: (graph IRI, piece digest) of every published report; ``texts``: (report IRI,
    text digest).  Documents are removed and rendered in the staging folder; every other file
    (dumps, class indexes, home, description, sitemap ...) is written into a folder beside it
    and moved in, replacing what is there, so no file is ever written into (it may be a hard link
    shared with ``--out``).  Returns figures: ``pages``, ``triples``, ``files``, ``rendered``,
    ``linked`` (documents), ``site_files`` (the files that are not a document's, for the next
    build).  ``timings`` gets the wall seconds of ``publish dumps``, ``publish pages``,
    ``publish queries``, ``publish index pages`` and ``publish link``.  ``dataset``: the
    citation options (:func:`~honlea_kg.publish.site.dataset_info`); ``browser_sparql_limit``:
    see :func:`~honlea_kg.publish.site.publish`.  ``query_store``: a callable given the new
    ``dataset.trig`` and its SHA-256 that returns the build's query store (:mod:`.store`), run
    after the dumps; the query pages then run on it (``timings`` gets ``query store``), and the
    figures hold it as ``query_store`` (``None`` when there is none), with ``trig_sha256``.
    """
    from ..publish.dumps import write_dumps_from_files
    from ..publish.pages import PageWriter
    from ..publish.site import dataset_info, environment, finish_site

    timings = timings if timings is not None else {}
    notes: list[str] = []
    t0 = time.monotonic()
    site = staging.with_name(staging.name + ".site")
    shutil.rmtree(site, ignore_errors=True)
    site.mkdir()
    files = write_dumps_from_files(site, [(g, {ext: store.path(d, ext) for ext in ContentStore.PIECES})
                                          for g, d in graphs])
    t1 = time.monotonic()
    timings["publish dumps"] = t1 - t0
    trig_sha256 = next((f.sha256 for f in files if f.name == "dataset.trig"), None)
    qs = None
    if query_store is not None and trig_sha256 is not None:
        from ..model import HonleaError

        try:
            qs = query_store(site / "dataset.trig", trig_sha256)
        except HonleaError as exc:
            notes.append(f"notice: the query store was not made ({exc}); 'honlea-kg query' will make it")
        t1 = time.monotonic()
        timings["query store"] = t1 - t0 - timings["publish dumps"]
    _unlink_docs(staging, iris, plan.remove, prune=False)
    _unlink_docs(staging, iris, plan.remove, ("source.txt",), prune=True)
    _unlink_docs(staging, iris, plan.render)
    dates = index.dates()
    info = dataset_info(iris, dates, **(dataset or {}))
    pages = render_documents(index, iris, staging, plan.render, dates, jobs, progress, info)
    _unlink_docs(staging, iris, [r for r, _d in texts], ("source.txt",))
    link_texts(staging, iris, store, texts)
    timings["publish pages"] = time.monotonic() - t1
    view = IndexView(index)
    writer = PageWriter(view, iris, site, environment(), dates, info)
    members = index.members(plan.classes) if plan.classes is not None else index.members()
    ntriples = index.count()
    pages += finish_site(site, view, writer, iris, writer.env, files, ntriples, dates, plan.docs,
                         quads=_StoredQuads(graphs, store), triples=_StoredTriples(graphs, store),
                         members=members, counts=plan.counts, timings=timings,
                         browser_sparql_limit=browser_sparql_limit, query_store=qs)
    t2 = time.monotonic()
    for cls in sorted(plan.drop_classes):  # mode spare: the old pages of the classes rendered anew or gone
        shutil.rmtree(staging / "browse" / _slug(cls), ignore_errors=True)
    (staging / "validation.ttl").unlink(missing_ok=True)  # written again (or not) by the build
    moved = _merge(site, staging)
    site_files = [m for m in moved if not (m.startswith("browse/") and m.count("/") >= 2)]
    for rel in sorted(set(plan.site_files) - set(site_files)):  # mode spare: written last time, not now
        (staging / rel).unlink(missing_ok=True)
    if plan.previous is not None:  # mode link: the unchanged documents and class indexes of --out
        link_documents(plan.previous, staging, iris, plan.link, progress)
        for cls in sorted(set(plan.counts) - set(members)):
            src = plan.previous / "browse" / _slug(cls)
            if src.is_dir():
                _link_tree(src, staging / "browse" / _slug(cls))
    timings["publish link"] = time.monotonic() - t2
    pages += len(plan.docs) - len(plan.render)
    return {"pages": pages, "triples": ntriples, "files": files, "rendered": len(plan.render),
            "linked": len(plan.docs) - len(plan.render), "site_files": site_files, "query_store": qs,
            "trig_sha256": trig_sha256, "notices": notes}


def _slug(cls: str) -> str:
    from ..publish.pages import _curie

    return _curie(cls).replace(":", "-")
