"""Competency-question latency on a built dataset: rdflib's engine vs pyoxigraph, same queries.

    python benchmarks/bench_query.py --data BUILD_DIR [--repeat 5] [--rdflib-timeout-reports]

Loads ``BUILD_DIR/dataset.trig`` into a pyoxigraph store (default graph = union of the report
graphs) and into an rdflib ``Dataset`` (``default_union``), runs every ``queries/cq*.rq`` on both,
checks that the results are identical as sets of rows, and prints one line per query:
``query=NAME rows=R pyoxigraph_median_ms=A rdflib_median_ms=B same=True``.

``--store merged`` (default) loads the union of the graphs into pyoxigraph's default graph, as
the build's query pages do (:func:`honlea_kg.publish.querypages.merged_store`); ``--store union``
queries the quads with ``use_default_graph_as_union``, as ``honlea-kg query`` does today (some
joins are planned badly there: CQ02 took minutes on 100 reports).  Every ``queries/*.rq`` is run.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from rdflib import Dataset

from honlea_kg.config import QUERIES_DIR
from honlea_kg.query import load_store, run_query


def median_ms(fn, repeat: int):
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
    ap.add_argument("--store", choices=("merged", "union"), default="merged")
    ap.add_argument("--no-rdflib", action="store_true", help="pyoxigraph only (rdflib is slow on big graphs)")
    args = ap.parse_args(argv)
    store = load_store(args.data)
    runner = run_query
    if args.store == "merged":
        from honlea_kg.publish.querypages import _uses_graphs
        from honlea_kg.query import merged_store, run_query as run_on_merged

        merged = merged_store(store.quads_for_pattern(None, None, None, None))
        union_store = store
        runner = lambda text, _s: (run_query(text, union_store) if _uses_graphs(text)  # noqa: E731
                                   else run_on_merged(text, merged))
    ds = None
    if not args.no_rdflib:
        ds = Dataset(default_union=True)
        ds.parse(args.data / "dataset.trig", format="trig")
    for path in sorted(Path(QUERIES_DIR).glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        ox_ms, ox_res = median_ms(lambda: runner(text, store), args.repeat)
        ox_rows = {tuple(r) for r in ox_res.rows} if ox_res.rows is not None else None
        line = f"query={path.stem} rows={len(ox_res.rows or [])} pyoxigraph_median_ms={ox_ms:.1f}"
        if ds is not None:
            rl_ms, rl_res = median_ms(lambda: list(ds.query(text)), max(1, min(args.repeat, 3)))
            same = {tuple(r) for r in rl_res} == ox_rows
            line += f" rdflib_median_ms={rl_ms:.1f} same={same}"
        print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
