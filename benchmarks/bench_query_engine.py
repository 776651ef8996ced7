"""Query latency on a built dataset: every ``queries/*.rq``, embedded, as ``honlea-kg query`` runs it.

    python benchmarks/bench_query_engine.py --data BUILD_DIR [--repeat 5] [--no-rdflib] [--only NAME ...]

Loads ``BUILD_DIR/dataset.trig`` with :func:`honlea_kg.query.load_store` (pyoxigraph; the default
graph is the merge of the report graphs) and runs each query with
:func:`honlea_kg.query.run_query`, exactly as ``honlea-kg query --data BUILD_DIR`` does after
loading.  Prints one line per query::

    query=NAME rows=R pyoxigraph_median_ms=A [rdflib_median_ms=B same=True]

then a summary line against the goal of issue 8 (median at most 50 ms per query; the whole-corpus
listings CQ11 and CQ12 and the full-text searches (Q03, Q09) at most 1 s)::

    queries=Q load_s=L median_of_medians_ms=M over_goal=[NAME:ms,...] cq11_ms=.. cq12_ms=..

Unless ``--no-rdflib``, the queries also run on an rdflib ``Dataset`` (``default_union``) and the
answers are compared as sets of rows (rdflib is slow on big graphs).  The load time is printed
once and is not part of any query's time.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from honlea_kg.config import QUERIES_DIR
from honlea_kg.query import load_store, run_query

#: Goal of issue 8, milliseconds: the default, and the queries allowed 1 s (whole-corpus listings
#: and full-text searches).
GOAL_MS = 50.0
LONG_GOAL_MS = 1000.0
LONG_QUERIES = ("cq11", "cq12", "q03", "q09")


def goal_ms(name: str) -> float:
    """The latency goal (ms) for the query file stem ``name`` (e.g. ``cq11-paragraphs``)."""
    return LONG_GOAL_MS if name.split("-", 1)[0] in LONG_QUERIES else GOAL_MS


def median_ms(fn, repeat: int):
    """Median wall time of ``repeat`` calls of ``fn`` in milliseconds, and the last result."""
    times, result = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), result


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, required=True)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--queries", type=Path, default=Path(QUERIES_DIR), help="folder of *.rq (default: queries/)")
    ap.add_argument("--only", nargs="*", help="run only queries whose name starts with one of these")
    ap.add_argument("--no-rdflib", action="store_true", help="pyoxigraph only (rdflib is slow on big graphs)")
    args = ap.parse_args(argv)
    t = time.perf_counter()
    store = load_store(args.data)
    load_s = time.perf_counter() - t
    ds = None
    if not args.no_rdflib:
        from rdflib import Dataset

        ds = Dataset(default_union=True)
        ds.parse(args.data / "dataset.trig", format="trig")
    medians: dict[str, float] = {}
    for path in sorted(Path(args.queries).glob("*.rq")):
        if args.only and not any(path.stem.startswith(o) for o in args.only):
            continue
        text = path.read_text(encoding="utf-8")
        ox_ms, ox_res = median_ms(lambda: run_query(text, store), args.repeat)
        medians[path.stem] = ox_ms
        ox_rows = {tuple(r) for r in ox_res.rows} if ox_res.rows is not None else None
        line = f"query={path.stem} rows={len(ox_res.rows or [])} pyoxigraph_median_ms={ox_ms:.1f}"
        if ds is not None:
            rl_ms, rl_res = median_ms(lambda: list(ds.query(text)), max(1, min(args.repeat, 3)))
            same = {tuple(r) for r in rl_res} == ox_rows
            line += f" rdflib_median_ms={rl_ms:.1f} same={same}"
        print(line, flush=True)
    over = [f"{name.split('-', 1)[0]}:{ms:.0f}" for name, ms in medians.items() if ms > goal_ms(name)]
    by_id = {name.split("-", 1)[0]: ms for name, ms in medians.items()}
    mom = statistics.median(medians.values()) if medians else 0.0
    print(f"queries={len(medians)} load_s={load_s:.1f} median_of_medians_ms={mom:.1f} over_goal=[{','.join(over)}] "
          f"cq11_ms={by_id.get('cq11', float('nan')):.1f} cq12_ms={by_id.get('cq12', float('nan')):.1f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
