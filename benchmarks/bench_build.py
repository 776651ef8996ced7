"""Benchmark the build on a synthetic corpus of N reports, against the plain approach, with goals.

    python benchmarks/bench_build.py --reports N[,N2...] [--jobs J] [--baseline-reports B]
                                     [--incremental] [--identity change,add|none] [--identity-large change]
                                     [--executors process,joblib,dask] [--no-baseline]

For each N, prints one line per stage (``stage=NAME seconds=S ...``), a ``pages_stage`` line
(the pages stage per document: ``seconds documents pages per_document_ms index_pages_seconds
search_index_seconds``), the incremental rebuilds' lines, the baseline's line, the summary line ``reports=N triples=T pages=P seconds=S
peak_rss_mb=M baseline_seconds=B speedup=X peak_rss_upper_bound_mb=U``, and then one line per
goal of issue 17 that the run measured: ``goal NAME: met|missed (figures)``.  The ``search index``
stage (Pagefind over every page) is not incremental and is printed on its own line.

* The build is :func:`honlea_kg.pipeline.run_build` (validation on, ``--validator auto``) with a
  fresh cache folder, into a fresh output folder.
* Stages: ``collect`` ... ``swap`` are wall seconds (:data:`~honlea_kg.pipeline.STAGES`);
  ``read`` ... ``validate`` are CPU seconds summed over the reports built
  (:data:`~honlea_kg.pipeline.WORKER_STAGES`, spent in the workers, overlapping).  ``seconds``
  is the build's wall time.
* ``peak_rss_mb``: the peak memory of the whole process tree during the build (main process,
  pool workers, page renderers, Jena's JVMs): the largest sum of their proportional set sizes
  (PSS, ``/proc/PID/smaps_rollup``) sampled every 0.5 s, so pages a forked worker shares with
  its parent count once (and not less than this process's own max RSS).
  ``peak_rss_upper_bound_mb`` is ``getrusage`` max RSS of this process plus that of the
  largest child, which counts shared pages twice.
* The baseline is the plain approach on the same corpus in the same run: reports built one after
  another, one rdflib ``Graph`` of everything, rdflib serialisers for the dumps, pyshacl over
  the whole graph, the same page writer on an in-memory index.  It runs in a forked child
  process, so its memory does not count in ``peak_rss_mb``.  ``--baseline-reports B`` runs it
  on the first B reports and extrapolates linearly to N (said on its line).
* ``--incremental``: after the full build, (1) change one report's closing paragraph and rebuild
  into the same output with the warm cache; (2) add an (N+1)th report with ``--add``
  (:func:`honlea_kg.stages.inputs.changed_inputs`) and rebuild.  ``--identity`` (default both)
  compares each rebuilt output byte for byte with a full build of the same inputs from a cold
  cache into another folder (``build-info.json`` aside).
* ``--executors``: also times the per-report stage (and the whole build, no cache) on each
  executor (:mod:`honlea_kg.executors`) and checks they give the same bytes.
* Goals (issue 17): at N = 1,000 the build within 300 s, peak tree memory within 4 GB, at least
  10 times the baseline, each rebuild within 15 s and identical; at N = 100 the rebuild after one
  change within a tenth of the full build; with two N (100 and 1,000), seconds per report at
  the larger within 1.2 times the smaller's.
"""

from __future__ import annotations

import argparse
import filecmp
import multiprocessing as mp
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

from honlea_kg.config import BuildSettings
from honlea_kg.iris import DEFAULT_BASE
from honlea_kg.pipeline import STAGES, WORKER_STAGES, run_build
from honlea_kg.synth import BUILDABLE_LAYOUTS, generate_report, layout_for, write_corpus

#: Issue 17's goals: (N they apply at, name, limit).
BUILD_SECONDS_1000 = 300.0
PEAK_MB_1000 = 4096.0
SPEEDUP_1000 = 10.0
REBUILD_SECONDS_1000 = 15.0
REBUILD_FRACTION_100 = 0.1
GROWTH = 1.2


def peak_rss_mb_own() -> float:
    """Max RSS of this process alone, in MB (a floor for the tree's peak)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _tree_pss_kb(root: int) -> int:
    """Proportional set size (kB) of ``root`` and all its descendants (Linux ``/proc``): shared
    pages are divided among the processes sharing them, so forked workers count once."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(b")") + 2:].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo.extend(children.get(pid, ()))
        try:
            with open(f"/proc/{pid}/smaps_rollup", "rb") as f:
                for line in f:
                    if line.startswith(b"Pss:"):
                        total += int(line.split()[1])
                        break
        except OSError:
            continue
    return total


class TreeMemory:
    """Samples the PSS of this process tree every ``interval`` seconds in a thread;
    :attr:`peak_mb` is the largest sum seen (MB)."""

    def __init__(self, interval: float = 0.5):
        import threading

        self.interval, self.peak_kb = interval, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        me = os.getpid()
        while not self._stop.is_set():
            self.peak_kb = max(self.peak_kb, _tree_pss_kb(me))
            self._stop.wait(self.interval)

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        return self.peak_kb / 1024

    @property
    def peak_mb(self) -> float:
        return self.peak_kb / 1024


def peak_rss_mb() -> float:
    """Max RSS of this process plus the largest child process so far, in MB (Linux: KB units)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return (own + kids) / 1024


def baseline(files: list[Path], out: Path) -> dict:
    """The plain approach on ``files``: returns seconds per stage and the triple count."""
    import pyoxigraph as ox
    import pyshacl
    from rdflib import Dataset, Graph, URIRef

    from honlea_kg.iris import IriPolicy
    from honlea_kg.publish.site import publish
    from honlea_kg.stages.report import build_report
    from honlea_kg.validate import load_ontology, load_shapes
    from honlea_kg.vocab import bind_prefixes

    times = {}
    t = time.monotonic()
    outcomes = [build_report(p, DEFAULT_BASE) for p in files]
    times["per-report"] = time.monotonic() - t
    t = time.monotonic()
    g = Graph()
    bind_prefixes(g)
    ds = Dataset()
    for o in outcomes:
        if o.ntriples:
            g.parse(data=o.ntriples, format="nt")
            ds.graph(URIRef(o.graph_iri)).parse(data=o.ntriples, format="nt")
    times["union"] = time.monotonic() - t
    t = time.monotonic()
    out.mkdir(parents=True, exist_ok=True)
    g.serialize(out / "dataset.ttl", format="turtle")
    g.serialize(out / "dataset.nt", format="nt")
    g.serialize(out / "dataset.jsonld", format="json-ld")
    ds.serialize(out / "dataset.trig", format="trig")
    times["dumps"] = time.monotonic() - t
    t = time.monotonic()
    pyshacl.validate(g, shacl_graph=load_shapes(), ont_graph=load_ontology(), inference="none",
                     abort_on_first=False, allow_warnings=True, advanced=True)
    times["validate"] = time.monotonic() - t
    t = time.monotonic()
    good = [o for o in outcomes if not o.error]
    quads = [ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(o.graph_iri)) for o in good
             for t in ox.parse(o.ntriples.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)]
    publish(quads, out / "site", IriPolicy(DEFAULT_BASE), {o.report_iri: (o.text, o.path.name) for o in good})
    times["pages"] = time.monotonic() - t
    return {"times": times, "triples": len(g), "seconds": sum(times.values())}


def _baseline_child(files, out, conn):
    conn.send(baseline(files, out))
    conn.close()


def run_baseline(files: list[Path], out: Path) -> dict:
    """Run :func:`baseline` in a forked child process (its memory stays out of our peak)."""
    ctx = mp.get_context("fork")
    parent, child = ctx.Pipe()
    proc = ctx.Process(target=_baseline_child, args=(files, out, child))
    proc.start()
    result = parent.recv()
    proc.join()
    return result


def same_tree(a: Path, b: Path, ignore=("build-info.json",)) -> list[str]:
    """Relative paths that differ between two folders (missing on one side or other bytes)."""
    diffs = []
    files_a = {p.relative_to(a) for p in a.rglob("*") if p.is_file()}
    files_b = {p.relative_to(b) for p in b.rglob("*") if p.is_file()}
    for rel in sorted(files_a ^ files_b):
        diffs.append(str(rel))
    for rel in sorted(files_a & files_b):
        if rel.name not in ignore and not filecmp.cmp(a / rel, b / rel, shallow=False):
            diffs.append(str(rel))
    return diffs


def change_one_report(path: Path) -> None:
    """Change one report in a way the build sees (the closing paragraph's wording)."""
    text = path.read_text(encoding="utf-8")
    new = text.replace("made closing remarks.", "made closing remarks and thanked the host Government.", 1)
    if new == text:
        raise SystemExit(f"{path}: cannot find the closing paragraph to change")
    path.write_text(new, encoding="utf-8")


def _stage_line(result) -> str:
    return " ".join(f"{k.replace(' ', '_')}={v:.2f}" for k, v in result.stages.items() if k in STAGES)


class Goals:
    """Collects ``goal NAME: met|missed (figures)`` lines."""

    def __init__(self):
        self.lines: list[str] = []

    def add(self, name: str, met: bool, figures: str) -> None:
        self.lines.append(f"goal {name}: {'met' if met else 'missed'} ({figures})")


def identical_to_full_build(inputs, out: Path, work: Path, jobs: int) -> tuple[bool, str]:
    """Build ``inputs`` from a cold cache into ``work/out-full`` and compare it with ``out``
    byte for byte (``build-info.json`` aside); return (identical, the figures for the line).
    The cold build and its cache are deleted afterwards."""
    full = run_build(BuildSettings(inputs=inputs, out=work / "out-full", jobs=jobs, validate=True),
                     jobs=jobs, cache_dir=work / "cache-cold")
    diffs = same_tree(out, work / "out-full")
    shutil.rmtree(work / "cache-cold", ignore_errors=True)
    shutil.rmtree(work / "out-full", ignore_errors=True)
    return not diffs, f" full_rebuild_seconds={full.seconds:.2f} identical={not diffs} differing_files={len(diffs)}"


def bench_one(n: int, args, goals: Goals) -> dict:
    """The full build, rebuilds and baseline at N = ``n``; returns figures for the growth goal."""
    jobs = args.jobs or os.cpu_count() or 1
    work = Path(args.workdir or tempfile.mkdtemp(prefix="honlea-bench-")) / f"n{n}"
    if work.exists():
        shutil.rmtree(work)
    corpus, cache, out = work / "corpus", work / "cache", work / "out"
    layouts = tuple(args.layouts.split(","))
    t = time.monotonic()
    files = write_corpus(corpus, n, seed=args.seed, layouts=layouts)
    print(f"stage=generate seconds={time.monotonic() - t:.2f} reports={len(files)} "
          f"bytes={sum(p.stat().st_size for p in files)} layouts={args.layouts}", flush=True)
    settings = BuildSettings(inputs=[corpus], out=out, base_iri=DEFAULT_BASE, jobs=jobs, validate=True)
    memory = TreeMemory()
    result = run_build(settings, jobs=jobs, cache_dir=cache)
    tree_peak = memory.stop()
    failed = result.failed
    report_triples = sum(o.triples for o in result.reports)
    for stage in WORKER_STAGES:
        print(f"stage={stage} seconds={result.stages.get(stage, 0.0):.2f} triples={report_triples} (cpu_summed)",
              flush=True)
    for stage in STAGES:
        print(f"stage={stage} seconds={result.stages.get(stage, 0.0):.2f} triples={result.triples} (wall)", flush=True)
    print(f"validation engine={result.report_validator} rechecked={result.rechecked} notices={len(result.notices)}"
          + "".join(f"\n  {x}" for x in result.notices if "Jena" in x), flush=True)
    # issue 15: the pages stage (entity pages with their views and charts) per document, and
    # the search index (Pagefind over every page) beside it
    pages_s = result.stages.get("publish pages", 0.0)
    documents = result.pages_rendered + result.pages_reused
    print(f"pages_stage seconds={pages_s:.2f} documents={documents} pages={result.pages} "
          f"per_document_ms={1000 * pages_s / max(documents, 1):.2f} "
          f"index_pages_seconds={result.stages.get('publish index pages', 0.0):.2f} "
          f"search_index_seconds={result.stages.get('search index', 0.0):.2f}", flush=True)
    upper = peak_rss_mb()
    peak = max(tree_peak, peak_rss_mb_own())
    if failed or not result.published:
        print(f"error: {len(failed)} reports failed, published={result.published}: "
              f"{failed[0].error if failed else ''}", file=sys.stderr)
        raise SystemExit(1)
    figures = {"n": n, "seconds": result.seconds}
    wanted = args.identity_large if n >= 1000 else args.identity
    identity = set(filter(None, wanted.split(","))) if wanted != "none" else set()
    if args.incremental:
        # (1) one report changed, rebuilt into the same output with the warm cache
        change_one_report(files[len(files) // 2])
        memory = TreeMemory()
        inc = run_build(BuildSettings(inputs=[corpus], out=out, jobs=jobs, validate=True), jobs=jobs, cache_dir=cache)
        inc_peak = memory.stop()
        line = (f"incremental change seconds={inc.seconds:.2f} cache_hits={inc.cache_hits} "
                f"cache_misses={inc.cache_misses} pages_rendered={inc.pages_rendered} pages_reused={inc.pages_reused} "
                f"peak_rss_mb={inc_peak:.0f}")
        same = None
        if "change" in identity:
            same, note = identical_to_full_build([corpus], out, work, jobs)
            line += note
        print(f"incremental_stages change {_stage_line(inc)}", flush=True)
        print(line, flush=True)
        figures["change"] = inc.seconds
        # (2) an (N+1)th report added with --add
        from honlea_kg.stages.inputs import changed_inputs

        extra_dir = work / "new"
        extra_dir.mkdir()
        rep = generate_report(args.seed, n, layout_for(n, layouts))
        extra = extra_dir / rep.name
        extra.write_text(rep.text, encoding="utf-8")
        inputs = changed_inputs(out, add=[extra])
        memory = TreeMemory()
        add = run_build(BuildSettings(inputs=inputs, out=out, jobs=jobs, validate=True), jobs=jobs, cache_dir=cache)
        add_peak = memory.stop()
        line = (f"incremental add seconds={add.seconds:.2f} reports={len(add.reports)} cache_misses={add.cache_misses} "
                f"pages_rendered={add.pages_rendered} pages_reused={add.pages_reused} peak_rss_mb={add_peak:.0f}")
        same_add = None
        if "add" in identity:
            same_add, note = identical_to_full_build(inputs, out, work, jobs)
            line += note
        print(f"incremental_stages add {_stage_line(add)}", flush=True)
        print(line, flush=True)
        figures["add"] = add.seconds
        if n == 1000:
            for name, sec, same_ in (("change", inc.seconds, same), ("add", add.seconds, same_add)):
                checked = "identical" if same_ else "NOT identical" if same_ is False else "identity not checked"
                goals.add(f"rebuild after one {name} at N=1000 <= {REBUILD_SECONDS_1000:.0f} s and identical",
                          sec <= REBUILD_SECONDS_1000 and same_ is not False, f"{sec:.1f} s, {checked}")
        if n == 100:
            ratio = inc.seconds / result.seconds
            goals.add(f"rebuild after one change at N=100 <= {REBUILD_FRACTION_100} of the full build",
                      ratio <= REBUILD_FRACTION_100 and same is not False,
                      f"{inc.seconds:.1f} s / {result.seconds:.1f} s = {ratio:.3f}")
    if args.executors:
        for kind in args.executors.split(","):
            t = time.monotonic()
            by = run_build(BuildSettings(inputs=[corpus], out=work / f"out-{kind}", jobs=jobs, validate=True,
                                         executor=kind), jobs=jobs, cache_dir=None)
            diffs = same_tree(work / f"out-{kind}", out) if not args.incremental else None
            print(f"executor={kind} seconds={time.monotonic() - t:.2f} reports_stage_seconds={by.stages['reports']:.2f} "
                  f"identical_to_default={'n/a (corpus changed)' if diffs is None else not diffs}", flush=True)
            shutil.rmtree(work / f"out-{kind}", ignore_errors=True)
    base_s, note = float("nan"), ""
    if not args.no_baseline:
        b = min(n, args.baseline_reports or n)
        base = run_baseline(write_corpus(work / "corpus-baseline", n, seed=args.seed, layouts=layouts)[:b],
                            work / "baseline")
        parts = " ".join(f"{k}={v:.2f}" for k, v in base["times"].items())
        base_s = base["seconds"] * n / b
        note = f" (measured on {b} reports, extrapolated x{n / b:.1f})" if b < n else ""
        print(f"baseline reports={b} triples={base['triples']} seconds={base['seconds']:.2f} {parts}{note}",
              flush=True)
    speedup = base_s / result.seconds if result.seconds else float("nan")
    print(f"reports={n} triples={result.triples} pages={result.pages} seconds={result.seconds:.2f} "
          f"peak_rss_mb={peak:.0f} baseline_seconds={base_s:.2f} speedup={speedup:.1f} "
          f"peak_rss_upper_bound_mb={upper:.0f}", flush=True)
    if n == 1000:
        goals.add(f"build at N=1000 <= {BUILD_SECONDS_1000:.0f} s", result.seconds <= BUILD_SECONDS_1000,
                  f"{result.seconds:.1f} s")
        goals.add(f"peak tree memory at N=1000 <= {PEAK_MB_1000:.0f} MB", peak <= PEAK_MB_1000, f"{peak:.0f} MB")
        if not args.no_baseline:
            goals.add(f"speed-up at N=1000 >= {SPEEDUP_1000:.0f}x the plain baseline", speedup >= SPEEDUP_1000,
                      f"{speedup:.1f}x{note}")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return figures


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reports", required=True, help="N, or several N separated by commas (growth goal)")
    ap.add_argument("--jobs", type=int, default=None, help="worker processes (default: number of cores)")
    ap.add_argument("--baseline-reports", type=int, default=None, help="cap the baseline's size, extrapolate")
    ap.add_argument("--no-baseline", action="store_true")
    ap.add_argument("--incremental", action="store_true", help="also time rebuilds after a change and an addition")
    ap.add_argument("--identity", default="change,add",
                    help="with --incremental: which rebuilds to compare with a cold full build (change,add|none)")
    ap.add_argument("--no-identity-check", action="store_true", help="same as --identity none")
    ap.add_argument("--identity-large", default=None,
                    help="--identity for N >= 1000 (default: as --identity); a cold full build at 1,000 reports "
                         "takes minutes, so 'change' checks identity there once")
    ap.add_argument("--executors", default="", help="also build on these executors (process,joblib,dask)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--layouts", default=",".join(BUILDABLE_LAYOUTS), help="comma-separated mix of layouts")
    ap.add_argument("--workdir", type=Path, default=None, help="folder to work in (default: a temporary one)")
    ap.add_argument("--keep", action="store_true", help="keep the work folder")
    args = ap.parse_args(argv)
    if args.no_identity_check:
        args.identity = "none"
    if args.identity_large is None:
        args.identity_large = args.identity
    sizes = [int(x) for x in args.reports.split(",")]
    goals = Goals()
    done = [bench_one(n, args, goals) for n in sizes]
    if len(done) >= 2:
        small, large = min(done, key=lambda d: d["n"]), max(done, key=lambda d: d["n"])
        per_small, per_large = small["seconds"] / small["n"], large["seconds"] / large["n"]
        goals.add(f"growth: seconds per report at N={large['n']} <= {GROWTH}x that at N={small['n']}",
                  per_large <= GROWTH * per_small,
                  f"{per_large:.3f} s vs {per_small:.3f} s = {per_large / per_small:.2f}x")
    for line in goals.lines:
        print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
