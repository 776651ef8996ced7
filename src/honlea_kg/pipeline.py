"""The build as a plan of stages: collect inputs -> per-report -> cross-report -> index ->
publish -> swap in (each stage is a module of :mod:`honlea_kg.stages`; see its docstring).

:func:`run_build` runs them in order and times each.  The output folder is written anew beside
``--out`` and swapped in only when the build succeeded, so a failed or killed build never
damages the last good output; a rebuild does work in proportion to what changed (reports by
content hash, the cross-report pass by node context, pages by the documents the changed reports
touch), and gives the same bytes as a full build of the same inputs.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from .config import BuildSettings
from .iris import IriPolicy
from .model import HonleaError
from .stages.inputs import README_SKIPPED, collect_inputs
from .stages.per_report import VALIDATORS, WORKER_STAGES, choose_report_validator
from .stages.report import ReportOutcome, build_report, one_report_per_meeting

__all__ = ["run_build", "BuildResult", "STAGES", "WORKER_STAGES", "ReportOutcome", "build_report",
           "collect_inputs", "choose_report_validator", "strict_warnings", "VALIDATORS", "page_salt",
           "README_SKIPPED"]

#: The wall-clock stages of a build, in order, as :attr:`BuildResult.stages` names them (plus
#: :data:`WORKER_STAGES`, CPU seconds summed over the reports built).
STAGES = ("collect", "reports", "cross-report", "index", "publish dumps", "query store", "publish pages", "publish queries",
          "publish index pages", "publish link", "search index", "swap")


@dataclass
class BuildResult:
    """The outcome of a whole build.

    ``stages``: stage name -> seconds (:data:`STAGES` wall seconds; :data:`WORKER_STAGES` CPU
    seconds in the workers, summed); ``pages_rendered``/``pages_reused``: entity documents
    rendered anew / hard-linked from the previous output."""

    reports: list[ReportOutcome]
    notices: list[str]
    triples: int = 0
    pages: int = 0
    seconds: float = 0.0
    published: bool = False
    blocked_by_strict: bool = False
    validation: object | None = None
    out: Path | None = None
    stages: dict = field(default_factory=dict)
    cache_hits: int = 0
    cache_misses: int = 0
    cache_corrupt: int = 0
    pages_rendered: int = 0
    pages_reused: int = 0
    report_validator: str | None = None  # engine of the per-report validation: pyshacl | jena
    executor: str | None = None
    rechecked: int = 0  # nodes of the cross-report pass (revalidated: of them, validated anew)
    revalidated: int = 0
    staging_mode: str | None = None  # what the staging folder started from: spare | link | empty

    @property
    def failed(self) -> list[ReportOutcome]:
        return [r for r in self.reports if r.error]


def page_salt(base_iri: str, dataset: dict | None = None) -> str:
    """What every page depends on besides the graph: the code version (package files,
    templates, ontology, shapes: :func:`~honlea_kg.cache.code_version`), the base IRI and the
    dataset's citation options (every page cites them).  A previous output built under another
    salt is not reused."""
    from .cache import code_version

    return f"{code_version()}\0{base_iri}\0{sorted((dataset or {}).items())!r}"


def strict_warnings(result: BuildResult) -> list[str]:
    """The warnings ``--strict`` makes fatal: report warnings (numbering gaps...), SHACL
    warnings, and input files skipped because they are not reports (README and dotfiles are
    skipped silently by design and do not count)."""
    found = [w for r in result.reports for w in r.warnings]
    found += [n for n in result.notices if "not a report file" in n]
    if result.validation is not None:
        found += [f.line() for f in result.validation.warnings]
    return found


class _Clock:
    """Wall seconds per stage into ``stages``."""

    def __init__(self, stages: dict):
        self.stages, self.t = stages, time.monotonic()

    def lap(self, name: str) -> None:
        now = time.monotonic()
        self.stages[name] = self.stages.get(name, 0.0) + now - self.t
        self.t = now


def run_build(settings: BuildSettings, progress=None, *, jobs: int | None = None,
              cache_dir: Path | None = None) -> BuildResult:
    """Run a whole build; publish to ``settings.out`` only if validation passes.

    ``progress``: a :class:`~honlea_kg.progress.Progress` (default: draws nothing).  ``jobs``:
    worker processes for the per-report stage and the pages (default ``settings.jobs``,
    ``None`` = number of cores).  ``cache_dir``: the per-report cache, content store and
    per-document index (default ``settings.cache_dir``; ``None`` = a scratch folder, removed
    afterwards, so every report is built and every page rendered).  The output is the same
    bytes (but ``build-info.json``) whatever ``jobs``, the executor and the cache state are.

    :raises HonleaError: for an unknown validator or executor, or an unreachable cluster.
    """
    from .progress import Progress

    t0 = time.monotonic()
    progress = progress or Progress()
    jobs = jobs if jobs is not None else settings.jobs
    cache_dir = cache_dir if cache_dir is not None else settings.cache_dir
    stages: dict = {}
    clock = _Clock(stages)
    files, notices = collect_inputs(settings.inputs)
    clock.lap("collect")
    out = Path(settings.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    scratch = None
    if cache_dir is None:
        scratch = Path(tempfile.mkdtemp(prefix=f".{out.name}.work-", dir=out.parent))
        cache_dir = scratch
    try:
        return _run(settings, progress, jobs, Path(cache_dir), scratch is None, files, notices, out, stages, clock, t0)
    finally:
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)


def _run(settings, progress, jobs, cache_dir, use_cache, files, notices, out, stages, clock, t0) -> BuildResult:
    from .cache import ContentStore, ReportCache
    from .executors import make_executor
    from .docindex import INDEX_FILE, DocIndex, State, build_info_digest
    from .stages.per_report import run_reports

    validator = settings.validator
    if validator not in VALIDATORS:
        raise HonleaError(f"unknown validator {validator!r}: expected one of {', '.join(VALIDATORS)}")
    store = ContentStore(cache_dir)
    index = DocIndex.open(cache_dir / INDEX_FILE)
    try:
        executor = make_executor(settings.executor, jobs, settings.scheduler)
        try:
            reports = run_reports(files, settings.base_iri, settings.validate, executor, store, index,
                                  cache=ReportCache(cache_dir) if use_cache else None, validator=validator,
                                  progress=progress)
        except BaseException:  # interrupted (Ctrl-C) or failed: do not wait for the queued reports
            executor.close(cancel=True)
            raise
        executor.close()
        result = BuildResult(reports=reports.outcomes, notices=notices, stages=stages,
                             report_validator=reports.validator, executor=executor.name,
                             cache_hits=reports.cache_hits, cache_misses=reports.cache_misses,
                             cache_corrupt=reports.cache_corrupt)
        notices.extend(reports.notes)
        for name in WORKER_STAGES:
            stages[name] = sum(o.seconds.get(name, 0.0) for o in reports.outcomes)
        clock.lap("reports")
        good = one_report_per_meeting([o for o in reports.outcomes if not o.error])
        if not good:
            result.seconds = time.monotonic() - t0
            return result
        pieces = {o.digest: o.graph_iri for o in good}
        index.use(index.piece_id(d) for d in pieces)
        result.triples = sum(o.triples for o in good)
        salt = page_salt(settings.base_iri, settings.dataset)
        from .outdir import usable_state

        before = usable_state(index, out, out, salt)  # what changed since the build --out holds
        if settings.validate:
            from .stages.cross import cross_report

            previous = index.load_nodes(before.build_id) if before is not None else None
            touched = index.docs_of_pieces(set(before.pieces) ^ set(pieces)) if before is not None else None
            result.validation = cross_report(index, good, validator, progress, previous=previous, touched=touched,
                                             jobs=jobs or os.cpu_count() or 1)
            result.rechecked = result.validation.rechecked
            result.revalidated = result.validation.revalidated
            clock.lap("cross-report")
            if not result.validation.conforms:
                result.seconds = time.monotonic() - t0
                return result
        if settings.strict and strict_warnings(result):
            result.blocked_by_strict = True
            result.seconds = time.monotonic() - t0
            return result
        from . import outdir
        from .stages.index import index_stage
        from .stages.publish import publish_state
        from .stages.swap import swap_in, write_build_info

        iris = IriPolicy(settings.base_iri)
        make_store = None
        if use_cache:  # the query store, updated from the one of the build --out holds
            from .stages.store import query_store_stage

            last = (out / "dataset.trig", before.pieces) if before is not None else None

            def make_store(trig, digest):
                return query_store_stage(cache_dir, store, trig, digest, last, pieces)

        staging = outdir.open_staging(out, index, salt)
        try:
            plan = index_stage(index, staging, pieces, iris, out)
            clock.lap("index")
            figures = publish_state(staging.path, index, plan, sorted((g, d) for d, g in pieces.items()), store,
                                    [(o.report_iri, o.text_digest) for o in good if o.report_iri], iris,
                                    jobs=jobs or os.cpu_count() or 1, timings=stages, progress=progress,
                                    dataset=settings.dataset, browser_sparql_limit=settings.browser_sparql_limit,
                                    query_store=make_store)
            notices.extend(figures["notices"])
            if figures["query_store"] is not None:
                figures["query_store"].store = None  # close it (RocksDB) before the folder moves
            clock.t = time.monotonic()
            if settings.search:  # Pagefind reads every page: not incremental
                from .publish.site import run_search

                bar = progress.stage("search index (every page)")
                notices.extend(run_search(staging.path, stages))
                bar.done()
                clock.t = time.monotonic()
            result.pages, result.triples = figures["pages"], figures["triples"]
            result.pages_rendered, result.pages_reused = figures["rendered"], figures["linked"]
            result.staging_mode = staging.mode
            if result.validation is not None:  # the SHACL report, published beside the data
                from .validate import REPORT_FILE, write_report

                write_report(result.validation, staging.path / REPORT_FILE)
            write_build_info(staging.path, settings.base_iri, result.reports)
            build_id = build_info_digest(staging.path)
            index.save_state(State(build_id, str(out.resolve()), salt, pieces,
                                   {"inputs": [str(Path(p).resolve()) for p in settings.inputs],
                                    "site_files": figures["site_files"]}))
            if result.validation is not None:
                index.save_nodes(build_id, result.validation.nodes)
            swap_in(staging.path, out)
        except BaseException:
            outdir.discard(staging)
            raise
        index.forget_states(str(out.resolve()))
        index.collect_garbage(keep={o.digest for o in result.reports if o.digest})
        clock.lap("swap")
        if use_cache and figures["trig_sha256"]:
            from .querystore import remember_digest

            remember_digest(out / "dataset.trig", cache_dir, figures["trig_sha256"])
    finally:
        index.close()
    result.published = True
    result.out = out
    result.seconds = time.monotonic() - t0
    return result
