"""Benchmark the build on a synthetic corpus of N reports, against the plain approach.

    python benchmarks/bench_build.py --reports N [--jobs J] [--baseline-reports B] [--incremental]

Prints one line per stage (``stage=NAME seconds=S triples=T``), the pages stage per page
(``pages_stage seconds=S pages=P per_page_ms=X search_index_seconds=Y search_wait_seconds=W``:
the site's pages, their data files and charts, and the part of the Pagefind search index the
build waited for; Pagefind runs beside the end of validation, ``Y`` seconds in all), then the summary line
``reports=N triples=T pages=P seconds=S peak_rss_mb=M baseline_seconds=B speedup=X``.

* The build is :func:`honlea_kg.pipeline.run_build` (process pool, per-report validation, one
  cross-report pass, pyoxigraph dumps) with a fresh cache folder, validation on.
* Per-report stages (read, segment, extract, map, validate) are CPU seconds summed over the
  workers; the others are wall seconds.  ``seconds`` is the build's wall time.
* ``peak_rss_mb``: the peak memory of the whole process tree during the build (main process,
  pool workers, forked page writers, the Jena batch service and its JVM): the largest sum of
  their proportional set sizes (PSS, ``/proc/PID/smaps_rollup``) sampled every 0.5 s, so pages
  a forked worker shares with its parent count once (and not less than this process's own max
  RSS).  ``peak_rss_upper_bound_mb`` is the older figure, ``getrusage`` max RSS of this
  process plus that of the largest child, which counts shared pages twice.
* The baseline is the plain approach on the same corpus in the same run: reports built one
  after another, one rdflib ``Graph`` of everything, rdflib serialisers for the dumps, pyshacl
  over the whole graph, the same page writer.  It runs in a forked child process, so its memory
  does not count in ``peak_rss_mb``.  ``--baseline-reports B`` runs it on the first B reports and
  extrapolates linearly to N (said on its line).
* ``--incremental``: afterwards change one report, rebuild into the same output folder with the
  warm cache (unchanged entity pages are hard-linked from the last output), and compare the
  output byte for byte with a full rebuild from a cold cache into another folder.
"""

from __future__ import annotations

import argparse
import filecmp
import multiprocessing as mp
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

from honlea_kg.config import BuildSettings
from honlea_kg.iris import DEFAULT_BASE
from honlea_kg.pipeline import STAGES, run_build
from honlea_kg.synth import write_corpus


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
    """Samples the PSS of this process tree (main process, pool workers, page writers, the Jena
    service and its JVM) every ``interval`` seconds in a thread; :attr:`peak_mb` is the largest
    sum seen (MB)."""

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
    import pyshacl
    from rdflib import Dataset, Graph, URIRef

    from honlea_kg.pipeline import assemble, build_report
    from honlea_kg.publish.site import publish
    from honlea_kg.iris import IriPolicy
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
    conforms, _report, _text = pyshacl.validate(g, shacl_graph=load_shapes(), ont_graph=load_ontology(),
                                                inference="none", abort_on_first=False, allow_warnings=True,
                                                advanced=True)
    times["validate"] = time.monotonic() - t
    t = time.monotonic()
    good = [o for o in outcomes if not o.error]
    publish(assemble(good), out / "site", IriPolicy(DEFAULT_BASE),
            {o.report_iri: (o.text, o.path.name) for o in good})
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


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reports", type=int, required=True)
    ap.add_argument("--jobs", type=int, default=None, help="worker processes (default: number of cores)")
    ap.add_argument("--baseline-reports", type=int, default=None, help="cap the baseline's size, extrapolate")
    ap.add_argument("--no-baseline", action="store_true")
    ap.add_argument("--incremental", action="store_true", help="also time a rebuild after changing one report")
    ap.add_argument("--no-identity-check", action="store_true",
                    help="with --incremental: skip the cold full rebuild that checks the bytes")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--layouts", default="converted,pdf,md", help="comma-separated mix of converted,pdf,md")
    ap.add_argument("--workdir", type=Path, default=None, help="folder to work in (default: a temporary one)")
    args = ap.parse_args(argv)
    n = args.reports
    jobs = args.jobs or os.cpu_count() or 1
    work = Path(args.workdir or tempfile.mkdtemp(prefix="honlea-bench-"))
    corpus, cache, out = work / "corpus", work / "cache", work / "out"
    t = time.monotonic()
    files = write_corpus(corpus, n, seed=args.seed, layouts=tuple(args.layouts.split(",")))
    print(f"stage=generate seconds={time.monotonic() - t:.2f} reports={len(files)} "
          f"bytes={sum(p.stat().st_size for p in files)} layouts={args.layouts}", flush=True)
    settings = BuildSettings(inputs=[corpus], out=out, base_iri=DEFAULT_BASE, jobs=jobs, validate=True)
    memory = TreeMemory()
    result = run_build(settings, jobs=jobs, cache_dir=cache)
    tree_peak = memory.stop()
    failed = result.failed
    report_triples = sum(o.triples for o in result.reports)
    for stage in STAGES:
        per_report = stage in ("read", "segment", "extract", "map", "validate")
        triples = report_triples if per_report else result.triples
        kind = "cpu_summed" if per_report else "wall"
        print(f"stage={stage} seconds={result.stages.get(stage, 0.0):.2f} triples={triples} ({kind})", flush=True)
    # the search index runs beside the end of validation: the build waits only for what is left
    pages_s = result.stages.get("publish pages", 0.0) + result.stages.get("search wait", 0.0)
    print(f"pages_stage seconds={pages_s:.2f} pages={result.pages} "
          f"per_page_ms={1000 * pages_s / max(result.pages, 1):.2f} "
          f"search_index_seconds={result.stages.get('search index', 0.0):.2f} "
          f"search_wait_seconds={result.stages.get('search wait', 0.0):.2f} "
          "(wall; entity pages, data files, charts, class indexes, query pages, and the part of the search "
          "index the build waited for)", flush=True)
    print(f"validation engine={result.report_validator} notices={len(result.notices)}"
          + "".join(f"\n  {n}" for n in result.notices if "Jena" in n), flush=True)
    upper = peak_rss_mb()
    peak = max(tree_peak, peak_rss_mb_own())
    if failed or not result.published:
        print(f"error: {len(failed)} reports failed, published={result.published}: "
              f"{failed[0].error if failed else ''}", file=sys.stderr)
        return 1
    if args.incremental:
        change_one_report(files[len(files) // 2])
        t = time.monotonic()
        inc = run_build(BuildSettings(inputs=[corpus], out=out, jobs=jobs, validate=True), jobs=jobs, cache_dir=cache)
        inc_s = time.monotonic() - t
        inc_stages = " ".join(f"{k.replace(' ', '_')}={v:.2f}" for k, v in inc.stages.items())
        print(f"incremental_stages {inc_stages} pages_reused={inc.pages_reused}", flush=True)
        line = f"incremental seconds={inc_s:.2f} cache_hits={inc.cache_hits} cache_misses={inc.cache_misses}"
        if not args.no_identity_check:
            full = run_build(BuildSettings(inputs=[corpus], out=work / "out-full", jobs=jobs, validate=True),
                             jobs=jobs, cache_dir=work / "cache-cold")
            diffs = same_tree(out, work / "out-full")
            line += f" full_rebuild_seconds={full.seconds:.2f} identical={not diffs} differing_files={len(diffs)}"
        print(line, flush=True)
    base_s, note = float("nan"), ""
    if not args.no_baseline:
        b = min(n, args.baseline_reports or n)
        base = run_baseline(files[:b], work / "baseline")
        parts = " ".join(f"{k}={v:.2f}" for k, v in base["times"].items())
        base_s = base["seconds"] * n / b
        note = f" (measured on {b} reports, extrapolated x{n / b:.1f})" if b < n else ""
        print(f"baseline reports={b} triples={base['triples']} seconds={base['seconds']:.2f} {parts}{note}",
              flush=True)
    speedup = base_s / result.seconds if result.seconds else float("nan")
    print(f"reports={n} triples={result.triples} pages={result.pages} seconds={result.seconds:.2f} "
          f"peak_rss_mb={peak:.0f} baseline_seconds={base_s:.2f} speedup={speedup:.1f} "
          f"peak_rss_upper_bound_mb={upper:.0f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
