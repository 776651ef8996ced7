"""Smoke test of the build benchmark at N = 3: its output lines, not its timings."""

from __future__ import annotations

import re
import subprocess
import sys

from conftest import ROOT

from honlea_kg.pipeline import STAGES, WORKER_STAGES


def test_bench_build_prints_stage_lines_rebuilds_and_the_summary(tmp_path):
    done = subprocess.run([sys.executable, "-W", "ignore", str(ROOT / "benchmarks" / "bench_build.py"),
                           "--reports", "3", "--jobs", "2", "--baseline-reports", "2", "--incremental",
                           "--workdir", str(tmp_path)], capture_output=True, text=True, encoding="utf-8")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    n = 1 + len(WORKER_STAGES) + len(STAGES)
    stages = [re.match(r"stage=(.+?) seconds=(\d+\.\d\d) (?:triples|reports)=(\d+)", l) for l in lines[:n]]
    assert all(stages), lines[:n]
    assert [m.group(1) for m in stages] == ["generate", *WORKER_STAGES, *STAGES]
    final = dict(kv.split("=") for kv in next(l for l in lines if l.startswith("reports=3 ")).split())
    assert list(final) == ["reports", "triples", "pages", "seconds", "peak_rss_mb", "baseline_seconds", "speedup",
                           "peak_rss_upper_bound_mb"]
    assert final["reports"] == "3" and int(final["triples"]) > 3000 and int(final["pages"]) >= 15
    assert float(final["seconds"]) > 0 and int(final["peak_rss_mb"]) > 30
    assert all(int(m.group(3)) >= int(final["triples"]) for m in stages[1:])
    # the search index (Pagefind over every page, not incremental) and the query store on their own lines
    timed = {m.group(1): float(m.group(2)) for m in stages}
    assert timed["search index"] > 0 and timed["query store"] > 0 and timed["publish pages"] > 0
    # issue 15: the pages stage per document, the search index beside it
    pages = dict(kv.split("=") for kv in next(l for l in lines if l.startswith("pages_stage ")).split()[1:])
    assert float(pages["seconds"]) == timed["publish pages"] and float(pages["search_index_seconds"]) == timed["search index"]
    assert int(pages["documents"]) > 100 and int(pages["pages"]) == int(final["pages"])
    assert abs(float(pages["per_document_ms"]) - 1000 * timed["publish pages"] / int(pages["documents"])) < 0.1
    base = next(l for l in lines if l.startswith("baseline "))
    assert "reports=2" in base and "extrapolated x1.5" in base
    assert abs(float(final["speedup"]) - float(final["baseline_seconds"]) / float(final["seconds"])) < 0.11
    change = dict(kv.split("=") for kv in next(l for l in lines if l.startswith("incremental change ")).split()[2:])
    assert (change["cache_hits"], change["cache_misses"], change["identical"]) == ("2", "1", "True")
    # only the changed report's page is rendered: the closing paragraph is on the report page
    assert change["pages_rendered"] == "1" and int(change["pages_reused"]) > 100
    add = dict(kv.split("=") for kv in next(l for l in lines if l.startswith("incremental add ")).split()[2:])
    assert (add["reports"], add["cache_misses"], add["identical"]) == ("4", "1", "True")
    assert 0 < int(add["pages_rendered"]) < int(add["pages_reused"])
    # goals are printed only where the run measured them (N = 100 and 1,000)
    assert not [l for l in lines if l.startswith("goal ")]
