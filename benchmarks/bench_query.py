"""Query speed as a user meets it: ``honlea-kg query FILE --data DIR`` (a new process each time)
on a large build against the one-report bundled build, and the ``/sparql`` endpoint of
``honlea-kg serve`` under concurrent clients.

    python benchmarks/bench_query.py --data BIG --baseline BUNDLED [--cache DIR] [--repeat 3]
        [--only cq01 q02 ...] [--no-endpoint] [--clients 8] [--seconds 30] [--meetings 10]

``BIG`` is a folder holding ``dataset.trig`` (``benchmarks/make_dataset.py --reports 1000``, or a
build); ``BUNDLED`` the bundled build (``make run`` writes ``build/``).  Both query stores are made
in ``--cache`` first (timed once, not part of any query figure).

**End to end** (goal: every bundled query restricted to one meeting at most 1 s and at most 3 times
the same command on the bundled build; whole-corpus listings at most 0.5 s more than the query
itself).  For each ``queries/*.rq``:

* *restricted*: the query with ``VALUES ?meeting { "CODE" }`` added at the start of every
  ``WHERE`` group whose ``SELECT`` projects the meeting variable (``?meeting``; ``?code`` in Q01,
  Q08 and Q13) -- :func:`restrict`, the same rewrite as the site's SPARQL page -- run as
  ``honlea-kg query FILE --data BIG --format csv`` (a new process, output to a pipe), median of
  ``--repeat`` runs; the same on ``BUNDLED`` restricted to its meeting (HONEURO/12); the ratio;
* *unrestricted*: the bundled query on ``BIG`` end to end, and "the query itself": the seconds
  that same process spent running the query and formatting its answer (it reports them on
  stderr when ``HONLEA_KG_TIMING`` is set); the difference is the start-up (interpreter,
  imports) and store-opening overhead.  Also printed: the same query on a store this benchmark
  keeps open (``warm_in_process_s``: RocksDB's block cache already filled).

One line per query, then a summary line.

**Endpoint** (goal: at least 100 queries/s on 2 cores with 8 concurrent clients):
``honlea-kg serve`` is started on ``BIG`` (a folder beside it with ``dataset.trig`` linked and a
one-line ``index.html``, since ``serve`` wants a site); ``--clients`` threads, each with its own
keep-alive connection, send for ``--seconds`` the restricted bundled queries (every query
restricted to one of ``--meetings`` reported meetings, in turn) as ``GET /sparql`` asking for
SPARQL JSON.  Printed: queries per second, p50/p95/max latency, errors, and the memory of the
serve process tree (RSS and PSS of the server and its query workers, sampled every 0.5 s), the
CPU time the server tree and the load generator spent per query, and from them the rate two
otherwise idle cores would sustain (2 CPU-seconds a second over both CPU costs): on a shared
machine the measured rate is what the other work left over.

The machine is reported (cores, load average before the run): figures from a shared machine
vary; compare the ratios measured in one run.
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from honlea_kg.config import QUERIES_DIR

#: The variable holding the meeting code in a bundled query (default ``meeting``).
MEETING_VARS = {"q01": "code", "q08": "code", "q13": "code"}
GOAL_RESTRICTED_S = 1.0
GOAL_RATIO = 3.0
GOAL_OVERHEAD_S = 0.5
GOAL_QPS = 100.0
CLI = [sys.executable, "-m", "honlea_kg.cli"]
QUERY = CLI + ["query"]


def restrict(text: str, variable: str, value: str) -> str:
    """``text`` with ``VALUES ?variable { value }`` at the start of every ``WHERE`` group whose
    ``SELECT`` projects ``?variable`` (or ``*``): the outer query and each sub-select that
    binds it, so every part of the query sees only that meeting."""
    out, pos = [], 0
    for m in re.finditer(r"\bSELECT\b(.*?)\bWHERE\s*\{", text, re.I | re.S):
        projection = m.group(1)
        if re.search(r"\?" + variable + r"\b", projection) or re.search(r"(^|\s)\*(\s|$)", projection):
            out.append(text[pos:m.end()])
            out.append(f" VALUES ?{variable} {{ {value} }} ")
            pos = m.end()
    out.append(text[pos:])
    return "".join(out)


def meeting_var(name: str) -> str:
    return MEETING_VARS.get(name.split("-", 1)[0], "meeting")


def run_cli(args: list[str]) -> tuple[float, subprocess.CompletedProcess]:
    started = time.perf_counter()
    done = subprocess.run(QUERY + args, capture_output=True, env={**os.environ, "HONLEA_KG_TIMING": "1"})
    return time.perf_counter() - started, done


def e2e(query_file: Path, data: Path, cache: Path, repeat: int) -> tuple[float, int, float]:
    """Median wall seconds of ``honlea-kg query FILE --data DATA --format csv``, its row count,
    and the median seconds the process itself spent running the query and formatting its answer
    (``HONLEA_KG_TIMING``), the rest being start-up, imports and opening the store."""
    times, inside, rows = [], [], 0
    for _ in range(repeat):
        seconds, done = run_cli([str(query_file), "--data", str(data), "--cache", str(cache), "--format", "csv"])
        if done.returncode != 0:
            raise SystemExit(f"{query_file}: {done.stderr.decode()}")
        times.append(seconds)
        found = re.search(rb"query_s=([0-9.]+)", done.stderr)
        inside.append(float(found.group(1)) if found else float("nan"))
        rows = max(0, done.stdout.count(b"\n") - 1)
    return statistics.median(times), rows, statistics.median(inside)


def reported_meetings(data: Path, cache: Path) -> list[str]:
    from honlea_kg.query import execute

    out = execute("PREFIX hl: <https://w3id.org/honlea-kg/ns#> SELECT DISTINCT ?code WHERE "
                  "{ ?r hl:reportOf ?m . ?m hl:meetingCode ?code } ORDER BY ?code", data, cache, "csv")
    return [line for line in out.decode().splitlines()[1:] if line]


def machine() -> str:
    load = os.getloadavg()
    return f"cores={os.cpu_count()} load_avg_1m={load[0]:.2f} load_avg_5m={load[1]:.2f}"


# --- end to end -------------------------------------------------------------------------------

def bench_cli(args, queries: list[Path], tmp: Path) -> None:
    from honlea_kg.query import format_answer, open_dataset

    print(f"machine {machine()}", flush=True)
    for data in (args.baseline, args.data):
        seconds, done = run_cli(["-e", "ASK {}", "--data", str(data), "--cache", str(args.cache)])
        if done.returncode != 0:
            raise SystemExit(done.stderr.decode())
        print(f"store data={data} first_open_s={seconds:.2f} (made if missing)", flush=True)
    big_meetings = reported_meetings(args.data, args.cache)
    base_meetings = reported_meetings(args.baseline, args.cache)
    code = big_meetings[len(big_meetings) // 2]
    base_code = base_meetings[0]
    print(f"restricted to: big {code!r} (of {len(big_meetings)} reported meetings), bundled {base_code!r}", flush=True)
    dataset = open_dataset(args.data, args.cache)
    rows_out = []
    for path in queries:
        name = path.stem
        text = path.read_text(encoding="utf-8")
        var = meeting_var(name)
        big_file, base_file = tmp / f"{name}.big.rq", tmp / f"{name}.base.rq"
        big_file.write_text(restrict(text, var, f'"{code}"'), encoding="utf-8")
        base_file.write_text(restrict(text, var, f'"{base_code}"'), encoding="utf-8")
        r_big, r_rows, _ = e2e(big_file, args.data, args.cache, args.repeat)
        r_base, _, _ = e2e(base_file, args.baseline, args.cache, args.repeat)
        full, f_rows, itself = e2e(path, args.data, args.cache, args.repeat)
        warm = []
        for _ in range(args.repeat):
            t = time.perf_counter()
            format_answer(dataset.query(text), "csv")
            warm.append(time.perf_counter() - t)
        ratio = r_big / r_base
        ok = r_big <= GOAL_RESTRICTED_S and ratio <= GOAL_RATIO
        rows_out.append((name, r_big, ratio, full - itself, ok))
        print(f"query={name} restricted_rows={r_rows} restricted_s={r_big:.3f} bundled_s={r_base:.3f} "
              f"ratio={ratio:.2f} restricted_met={ok} full_rows={f_rows} full_s={full:.3f} "
              f"query_itself_s={itself:.3f} overhead_s={full - itself:.3f} "
              f"warm_in_process_s={statistics.median(warm):.3f}", flush=True)
    missed = [f"{n}:{s:.2f}s/x{r:.1f}" for n, s, r, _, ok in rows_out if not ok]
    over = [f"{n}:{o:.2f}s" for n, _, _, o, _ in rows_out if o > GOAL_OVERHEAD_S]
    print(f"summary queries={len(rows_out)} restricted_max_s={max(r[1] for r in rows_out):.3f} "
          f"restricted_median_s={statistics.median(r[1] for r in rows_out):.3f} "
          f"ratio_max={max(r[2] for r in rows_out):.2f} ratio_median={statistics.median(r[2] for r in rows_out):.2f} "
          f"restricted_missed=[{','.join(missed)}] overhead_median_s={statistics.median(r[3] for r in rows_out):.3f} "
          f"overhead_max_s={max(r[3] for r in rows_out):.3f} overhead_over_goal=[{','.join(over)}] {machine()}",
          flush=True)


# --- the endpoint -----------------------------------------------------------------------------

def _tree(pid: int) -> list[int]:
    children = {}
    for p in filter(str.isdigit, os.listdir("/proc")):
        try:
            ppid = int(Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(p))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(children.get(p, []))
    return out


def _cpu_s(pid: int) -> float:
    """CPU seconds (user + system) used so far by the process tree of ``pid`` (live processes)."""
    ticks, total = os.sysconf("SC_CLK_TCK"), 0.0
    for p in _tree(pid):
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / ticks
        except (OSError, IndexError, ValueError):
            continue
    return total


def _memory_mb(pid: int) -> tuple[float, float]:
    """RSS and PSS (MB) summed over the process tree of ``pid`` (from /proc/*/smaps_rollup)."""
    rss = pss = 0
    for p in _tree(pid):
        try:
            for line in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines():
                if line.startswith("Rss:"):
                    rss += int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss += int(line.split()[1])
        except OSError:
            continue
    return rss / 1024, pss / 1024


def bench_endpoint(args, queries: list[Path], tmp: Path) -> None:
    import http.client
    from urllib.parse import urlencode

    folder = tmp / "serve"
    folder.mkdir()
    (folder / "dataset.trig").symlink_to(Path(args.data).resolve() / "dataset.trig")
    (folder / "index.html").write_text("<!DOCTYPE html><title>benchmark</title>\n", encoding="utf-8")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    meetings = reported_meetings(args.data, args.cache)
    step = max(1, len(meetings) // args.meetings)
    chosen = meetings[::step][:args.meetings]
    work = []
    for path in queries:
        text = path.read_text(encoding="utf-8")
        for code in chosen:
            work.append((path.stem, "/sparql?" + urlencode({"query": restrict(text, meeting_var(path.stem), f'"{code}"')})))
    print(f"endpoint set: {len(queries)} bundled queries x {len(chosen)} meetings ({', '.join(chosen[:3])}, ...) = "
          f"{len(work)} requests in turn; {args.clients} clients; {args.seconds:g} s", flush=True)
    server = subprocess.Popen(CLI + ["serve", "--data", str(folder), "--cache", str(args.cache), "--port", str(port),
                                     "--quiet"] + (["--workers", str(args.workers)] if args.workers else []),
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 600
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"serve did not start: {server.stderr.read().decode()}")
                time.sleep(0.2)
        idle_rss, idle_pss = _memory_mb(server.pid)
        # warm-up: every request once, one client
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        for _, url in work:
            conn.request("GET", url, headers={"Accept": "application/sparql-results+json"})
            conn.getresponse().read()
        conn.close()
        latencies: list[float] = []
        errors: list[str] = []
        lock = threading.Lock()
        stop = time.monotonic() + args.seconds
        peak = [0.0, 0.0]

        def sampler():
            while time.monotonic() < stop:
                rss, pss = _memory_mb(server.pid)
                peak[0], peak[1] = max(peak[0], rss), max(peak[1], pss)
                time.sleep(0.5)

        def client(k: int):
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            i = k * 7
            mine, bad = [], []
            while time.monotonic() < stop:
                name, url = work[i % len(work)]
                i += 1
                t = time.perf_counter()
                try:
                    c.request("GET", url, headers={"Accept": "application/sparql-results+json"})
                    r = c.getresponse()
                    r.read()
                    if r.status != 200:
                        bad.append(f"{name}:{r.status}")
                except (OSError, http.client.HTTPException) as exc:
                    bad.append(f"{name}:{exc.__class__.__name__}")
                    c.close()
                    c = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
                mine.append(time.perf_counter() - t)
            c.close()
            with lock:
                latencies.extend(mine)
                errors.extend(bad)

        started = time.monotonic()
        serve_cpu, client_cpu = _cpu_s(server.pid), time.process_time()
        threads = [threading.Thread(target=client, args=(k,)) for k in range(args.clients)]
        threads.append(threading.Thread(target=sampler))
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.monotonic() - started
        serve_cpu, client_cpu = _cpu_s(server.pid) - serve_cpu, time.process_time() - client_cpu
        latencies.sort()
        qps = len(latencies) / elapsed
        p = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000  # noqa: E731
        print(f"endpoint queries={len(latencies)} seconds={elapsed:.1f} qps={qps:.1f} goal_met={qps >= GOAL_QPS} "
              f"p50_ms={p(0.5):.1f} p95_ms={p(0.95):.1f} max_ms={latencies[-1] * 1000:.1f} errors={len(errors)} "
              f"{sorted(set(errors))[:5]} serve_rss_mb_idle={idle_rss:.0f} serve_pss_mb_idle={idle_pss:.0f} "
              f"serve_rss_mb_peak={peak[0]:.0f} serve_pss_mb_peak={peak[1]:.0f} "
              f"serve_cpu_ms_per_query={1000 * serve_cpu / max(1, len(latencies)):.1f} "
              f"client_cpu_ms_per_query={1000 * client_cpu / max(1, len(latencies)):.1f} "
              f"capacity_2_quiet_cores_qps={2 * len(latencies) / max(1e-9, serve_cpu + client_cpu):.0f} {machine()}",
              flush=True)
    finally:
        server.terminate()
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, required=True, help="the large build (a folder with dataset.trig)")
    ap.add_argument("--baseline", type=Path, required=True, help="the bundled one-report build")
    ap.add_argument("--cache", type=Path, default=Path(".cache/honlea-kg"), help="build cache holding the stores")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--only", nargs="*", help="only queries whose name starts with one of these")
    ap.add_argument("--no-cli", action="store_true", help="skip the end-to-end part")
    ap.add_argument("--no-endpoint", action="store_true", help="skip the endpoint part")
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--seconds", type=float, default=30)
    ap.add_argument("--meetings", type=int, default=10, help="meetings the endpoint's query set is restricted to")
    ap.add_argument("--workers", type=int, default=None, help="serve --workers (default: its own)")
    args = ap.parse_args(argv)
    queries = [p for p in sorted(Path(QUERIES_DIR).glob("*.rq"))
               if not args.only or any(p.stem.startswith(o) for o in args.only)]
    with tempfile.TemporaryDirectory(prefix="bench-query-") as tmp:
        if not args.no_cli:
            bench_cli(args, queries, Path(tmp))
        if not args.no_endpoint:
            bench_endpoint(args, queries, Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
