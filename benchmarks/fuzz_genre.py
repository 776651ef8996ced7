"""Run the genre fuzzer over many seeds and print how exactly the extraction recovers the facts.

Each seed draws random genre options (:func:`honlea_kg.synth.random_options`) and a layout
(round robin over converted, PDF text and Markdown), writes the report, reads, segments and
extracts it, and compares the facts with the generator's ground truth
(:meth:`~honlea_kg.synth.GenreTruth.differences`); a report also fails when it has coverage
warnings.  The test suite runs 200 seeds (``tests/test_genre_fuzz.py``); this script runs more:

    .venv/bin/python benchmarks/fuzz_genre.py --seeds 2000 [--first 200] [--full] [--show 5]

``--full`` keeps the reports at full length (the default makes them short, as the test does,
except one seed in 20).  Output: one line per option value that failed (seeds, failures), one
line per fact field that differed, up to ``--show`` failing seeds with their differences, then
``seeds=N exact=E failed=F seconds=S cpu_ms_per_report=C baseline_cpu_ms_per_report=B ratio=R``,
where the baseline is the same number of default reports (no option on) processed in the same
run, so the ratio says what the variation costs.  Exit code 1 when any seed failed.
"""

from __future__ import annotations

import argparse
import collections
import dataclasses
import random
import sys
import tempfile
import time
from pathlib import Path

from honlea_kg.extract.report import extract
from honlea_kg.reader import read_report
from honlea_kg.segment import segment
from honlea_kg.synth import LAYOUTS, OPTION_VALUES, GenreOptions, facts_view, generate_report, random_options


def _run(seed: int, options: GenreOptions, layout: str, folder: Path):
    rep = generate_report(seed, seed % 40, layout, options)
    path = folder / f"{seed}-{rep.name}"
    path.write_text(rep.text, encoding="utf-8")
    started = time.process_time()
    facts = extract(segment(read_report(path)))
    cpu = time.process_time() - started
    return rep.truth.differences(facts_view(facts)), facts.coverage, cpu


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=int, default=1000, help="number of seeds (default 1000)")
    ap.add_argument("--first", type=int, default=0, help="first seed (default 0)")
    ap.add_argument("--full", action="store_true", help="full-length reports (default: short, as the test)")
    ap.add_argument("--show", type=int, default=3, help="failing seeds to print in full (default 3)")
    args = ap.parse_args(argv)
    by_value: dict[tuple, list[int]] = collections.defaultdict(lambda: [0, 0])
    by_field: collections.Counter = collections.Counter()
    failed = shown = 0
    cpu = base_cpu = 0.0
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="fuzz-genre-") as tmp:
        folder = Path(tmp)
        for seed in range(args.first, args.first + args.seeds):
            options = random_options(random.Random(seed))
            options = dataclasses.replace(options, compact=not args.full and seed % 20 != 0)
            layout = LAYOUTS[seed % len(LAYOUTS)]
            diff, coverage, spent = _run(seed, options, layout, folder)
            cpu += spent
            base_cpu += _run(seed, GenreOptions(compact=options.compact), layout, folder)[2]
            bad = bool(diff or coverage)
            failed += bad
            for name in OPTION_VALUES:
                counts = by_value[(name, getattr(options, name))]
                counts[0] += 1
                counts[1] += bad
            by_field.update(diff.keys())
            if coverage:
                by_field["coverage"] += 1
            if bad and shown < args.show:
                shown += 1
                print(f"seed {seed} {layout} {options.changed()}")
                for name, (missing, extra) in diff.items():
                    print(f"  {name}: missing {missing!r} extra {extra!r}")
                for line in coverage[:3]:
                    print(f"  {line}")
    for (name, value), (seen, bad) in sorted(by_value.items(), key=lambda x: (x[0][0], str(x[0][1]))):
        if bad:
            print(f"option {name}={value!r}: {bad} of {seen} seeds failed")
    for name, n in by_field.most_common():
        print(f"field {name}: differed in {n} seeds")
    n = args.seeds
    seconds = time.perf_counter() - started
    print(f"seeds={n} exact={n - failed} failed={failed} seconds={seconds:.1f} "
          f"cpu_ms_per_report={cpu / n * 1000:.1f} baseline_cpu_ms_per_report={base_cpu / n * 1000:.1f} "
          f"ratio={cpu / base_cpu if base_cpu else float('nan'):.2f}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
