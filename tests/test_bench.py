"""Smoke test of the build benchmark at N = 3: its output lines, not its timings."""

from __future__ import annotations

import re
import subprocess
import sys

from conftest import ROOT

STAGE_NAMES = ["read", "segment", "extract", "map", "validate", "assemble", "validate cross-report",
               "publish dumps", "publish pages", "validate wait"]


def test_bench_build_prints_stage_lines_and_the_summary(tmp_path):
    done = subprocess.run([sys.executable, "-W", "ignore", str(ROOT / "benchmarks" / "bench_build.py"),
                           "--reports", "3", "--jobs", "2", "--baseline-reports", "2", "--incremental",
                           "--workdir", str(tmp_path)], capture_output=True, text=True, encoding="utf-8")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    stages = [re.match(r"stage=(.+?) seconds=(\d+\.\d\d) (?:triples|reports)=(\d+)", l) for l in lines[:11]]
    assert all(stages), lines[:11]
    assert [m.group(1) for m in stages] == ["generate"] + STAGE_NAMES
    final = dict(kv.split("=") for kv in lines[-1].split())
    assert list(final) == ["reports", "triples", "pages", "seconds", "peak_rss_mb", "baseline_seconds", "speedup",
                           "peak_rss_upper_bound_mb"]
    assert final["reports"] == "3" and int(final["triples"]) > 3000 and int(final["pages"]) >= 15
    assert float(final["seconds"]) > 0 and int(final["peak_rss_mb"]) > 30
    assert all(int(m.group(3)) >= int(final["triples"]) for m in stages[1:])
    pages = dict(kv.split("=") for kv in next(l for l in lines if l.startswith("pages_stage ")).split()[1:6])
    assert int(pages["pages"]) == int(final["pages"]) and float(pages["per_page_ms"]) > 0
    assert float(pages["search_index_seconds"]) > 0
    assert float(pages["search_wait_seconds"]) <= float(pages["seconds"])
    base = next(l for l in lines if l.startswith("baseline "))
    assert "reports=2" in base and "extrapolated x1.5" in base
    assert abs(float(final["speedup"]) - float(final["baseline_seconds"]) / float(final["seconds"])) < 0.11
    inc = next(l for l in lines if l.startswith("incremental "))
    assert "cache_hits=2 cache_misses=1" in inc and "identical=True" in inc
