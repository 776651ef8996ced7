"""Time until the site's ``sparql/`` page answers its first query, in headless Chromium.

    python benchmarks/bench_sparql_page.py [--site build] [--runs 5] [--query queries/cq04-officers.rq]

The build folder is served by a plain static file server (Python's ``http.server`` on
127.0.0.1, as any static host would serve it); each run opens a fresh browser context (empty
cache) at ``sparql/?query=...`` and measures, from the start of navigation to the result table
on screen: the whole wait, and the part spent fetching and compiling Oxigraph's WebAssembly and
loading ``dataset.trig`` into it (``window.honleaSparqlLoadedMs``).  A second query on the same
page shows the cost of a query once the engine is loaded.  Prints one line per run and a
median line.  Needs Debian's Chromium (``scripts/install-browser.sh``).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import statistics
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]


class _Plain(http.server.SimpleHTTPRequestHandler):
    extensions_map = dict(http.server.SimpleHTTPRequestHandler.extensions_map, **{".wasm": "application/wasm"})

    def log_message(self, *args):
        pass


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--site", type=Path, default=ROOT / "build")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--query", type=Path, default=ROOT / "queries" / "cq04-officers.rq")
    args = ap.parse_args(argv)
    from playwright.sync_api import sync_playwright

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Plain, directory=str(args.site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{httpd.server_address[1]}/sparql/?query=" + quote(args.query.read_text(encoding="utf-8"))
    triples = (args.site / "dataset.trig").stat().st_size
    totals, loads, seconds = [], [], []
    load = os.getloadavg()
    print(f"site={args.site} dataset_trig_bytes={triples} query={args.query.name} cores={os.cpu_count()} "
          f"load_avg_1m={load[0]:.2f}", flush=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                     args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        for run in range(args.runs):
            context = browser.new_context()
            page = context.new_page()
            started = time.perf_counter()
            page.goto(url)
            page.wait_for_selector("table.sparql-results", timeout=120_000)
            total = (time.perf_counter() - started) * 1000
            engine = page.evaluate("() => window.honleaSparqlLoadedMs")
            page.evaluate("() => window.honleaSparql.setQuery('SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }')")
            t = time.perf_counter()
            page.click("#run")
            page.wait_for_function("() => document.querySelector('#status').textContent.includes('1 row in')")
            second = (time.perf_counter() - t) * 1000
            print(f"run={run + 1} first_answer_ms={total:.0f} engine_and_dump_ms={engine:.0f} "
                  f"second_query_ms={second:.0f}", flush=True)
            totals.append(total)
            loads.append(engine)
            seconds.append(second)
            context.close()
        browser.close()
    httpd.shutdown()
    print(f"median first_answer_ms={statistics.median(totals):.0f} engine_and_dump_ms={statistics.median(loads):.0f} "
          f"second_query_ms={statistics.median(seconds):.0f} runs={args.runs}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
