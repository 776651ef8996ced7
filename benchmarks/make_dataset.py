"""Make a synthetic built dataset for query benchmarks, without pages or dumps other than TriG.

    python benchmarks/make_dataset.py --reports N --out DIR [--jobs J] [--seed S]

Writes ``N`` synthetic reports (:func:`honlea_kg.synth.write_corpus`) into ``DIR/corpus/``,
builds them (:func:`honlea_kg.stages.report.build_report` on a process pool, no SHACL
validation) and writes ``DIR/dataset.trig``: one named graph per meeting (the first report of
a meeting, as the build keeps), graphs sorted by IRI, each graph's body its canonical N-Triples
lines (valid TriG, RDF 1.1 TriG section 2.2).  That is what
:func:`honlea_kg.query.load_store` loads.  Prints reports, failures, triples and seconds.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from honlea_kg.iris import DEFAULT_BASE
from honlea_kg.executors import make_executor, ordered
from honlea_kg.stages.report import build_report, one_report_per_meeting
from honlea_kg.query import DATASET_FILE
from honlea_kg.synth import write_corpus


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reports", type=int, required=True, help="number of synthetic reports")
    ap.add_argument("--out", type=Path, required=True, help="output folder (created)")
    ap.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--base", default=DEFAULT_BASE, help="base IRI of the data")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    files = write_corpus(args.out / "corpus", args.reports, seed=args.seed)
    executor = make_executor("process", args.jobs)
    try:
        outcomes = list(ordered(executor, build_report, ((p, args.base, False) for p in files)))
    finally:
        executor.close()
    failed = [o for o in outcomes if o.error]
    for o in failed:
        print(f"failed: {o.path}: {o.error}", file=sys.stderr)
    triples = 0
    with open(args.out / DATASET_FILE, "wb") as fh:
        for o in sorted(one_report_per_meeting([o for o in outcomes if not o.error]), key=lambda o: o.graph_iri):
            data = o.ntriples.encode("utf-8")
            triples += data.count(b"\n")
            fh.write(f"<{o.graph_iri}> {{\n".encode("utf-8"))
            fh.write(data)
            fh.write(b"}\n")
    print(f"reports={len(outcomes)} failed={len(failed)} triples={triples} "
          f"seconds={time.perf_counter() - t0:.1f} out={args.out / DATASET_FILE}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
