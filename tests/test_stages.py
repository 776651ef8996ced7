"""The build as a staged plan: no import cycles, the persistent per-document index, rebuilds in
proportion to the change (add, replace, remove) giving the bytes of a full build, progress."""

from __future__ import annotations

import ast
import io
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import REPORT, ROOT, run_cli
from test_pipeline import tree_diff

from honlea_kg.config import BuildSettings
from honlea_kg.iris import DEFAULT_BASE
from honlea_kg.pipeline import STAGES, run_build
from honlea_kg.synth import generate_report, write_corpus

SRC = ROOT / "src" / "honlea_kg"


# --- the plan's modules -------------------------------------------------------------------------
def import_graph() -> dict[str, set[str]]:
    """Module -> the package modules it imports anywhere in its text (top level or inside a
    function)."""
    mods = {}
    for p in SRC.rglob("*.py"):
        parts = p.relative_to(SRC.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        mods[name] = p
    graph = {m: set() for m in mods}
    for m, p in mods.items():
        package = m if p.name == "__init__.py" else m.rsplit(".", 1)[0]
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)] if node.level else []
                target = ".".join(base + ([node.module] if node.module else [])) if node.level else node.module
                for a in node.names:
                    full = f"{target}.{a.name}"
                    graph[m].add(full if full in mods else target)
            elif isinstance(node, ast.Import):
                graph[m].update(a.name for a in node.names)
        graph[m] = {t for t in graph[m] if t in mods and t != m}
    return graph


def test_no_module_imports_one_that_imports_it_back():
    graph = import_graph()
    assert "honlea_kg.stages.per_report" in graph["honlea_kg.pipeline"]  # the graph sees real imports
    cycles = []
    for start in graph:  # a path from a module back to itself
        seen, todo = set(), [(start, (start,))]
        while todo:
            node, path = todo.pop()
            for nxt in graph[node]:
                if nxt == start:
                    cycles.append(" -> ".join(path + (start,)))
                elif nxt not in seen:
                    seen.add(nxt)
                    todo.append((nxt, path + (nxt,)))
    assert cycles == []


def test_each_stage_is_a_module_and_no_stage_imports_the_plan_or_a_later_stage():
    order = ["inputs", "report", "per_report", "cross", "index", "publish", "swap"]
    for name in order:
        assert (SRC / "stages" / f"{name}.py").is_file(), name
    graph = import_graph()
    for i, name in enumerate(order):
        imports = graph[f"honlea_kg.stages.{name}"]
        assert "honlea_kg.pipeline" not in imports, name
        later = {f"honlea_kg.stages.{x}" for x in order[i + 1:]}
        assert not (imports & later), (name, imports & later)
    # the plan runs every stage
    assert {f"honlea_kg.stages.{x}" for x in order} <= graph["honlea_kg.pipeline"]


# --- rebuilds -------------------------------------------------------------------------------------
def build(corpus, out: Path, cache: Path | None, **kw):
    inputs = corpus if isinstance(corpus, list) else [corpus]
    result = run_build(BuildSettings(inputs=inputs, out=out, base_iri=DEFAULT_BASE, **kw), jobs=2, cache_dir=cache)
    assert result.published and not result.failed, [r.error for r in result.failed]
    return result


@pytest.fixture()
def corpus(tmp_path) -> Path:
    folder = tmp_path / "corpus"
    write_corpus(folder, 4, seed=21)
    return folder


def test_the_same_site_from_the_index_as_from_a_graph_in_memory(tmp_path):
    """Pages rendered from the persistent per-document index (one document's rows at a time)
    are the bytes of those rendered from an index of the whole graph in memory."""
    import pyoxigraph as ox

    from honlea_kg.iris import IriPolicy
    from honlea_kg.publish.site import publish
    from honlea_kg.stages.report import build_report

    folder = tmp_path / "c"
    write_corpus(folder, 3, seed=4)
    (folder / REPORT.name).write_bytes(REPORT.read_bytes())
    result = build(folder, tmp_path / "staged", None)
    outcomes = [build_report(p, DEFAULT_BASE) for p in sorted(folder.iterdir())]
    quads = [ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(o.graph_iri)) for o in outcomes
             for t in ox.parse(o.ntriples.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)]
    publish(quads, tmp_path / "memory", IriPolicy(DEFAULT_BASE), {o.report_iri: (o.text, o.path.name) for o in outcomes})
    diffs = tree_diff(tmp_path / "staged", tmp_path / "memory")
    assert diffs == ["build-info.json", "validation.ttl"]  # written by the build only
    assert result.pages_rendered > 300


def test_replace_add_and_remove_a_report_render_only_what_changed_and_match_a_full_build(corpus, tmp_path):
    cache, out = tmp_path / "cache", tmp_path / "out"
    first = build(corpus, out, cache)
    documents = first.pages_rendered
    # replace: a report's closing paragraph is reworded; only its report page changes
    victim = sorted(corpus.iterdir())[1]
    victim.write_text(victim.read_text(encoding="utf-8").replace(
        "made closing remarks.", "made closing remarks and thanked the host Government.", 1), encoding="utf-8")
    again = build(corpus, out, cache)
    assert (again.cache_hits, again.cache_misses) == (3, 1)
    assert again.pages_rendered == 1 and again.pages_reused == documents - 1
    assert tree_diff(out, build(corpus, tmp_path / "full1", None).out) == []
    # the query store was updated from the previous build's (one graph out, its new version in),
    # and holds what a store made from the new dataset.trig holds
    import json

    from honlea_kg.querystore import dataset_digest, open_store, store_folder

    ready = json.loads((store_folder(cache, dataset_digest(out / "dataset.trig", cache)) / "READY.json").read_text())
    assert ready["from"] and ready["graphs"] == 4
    cold = open_store(out, tmp_path / "cold-cache")
    updated = open_store(out, cache)
    assert not updated.created and "from" in ready
    for q in ("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
              "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o LIMIT 50 OFFSET 7000"):
        assert [list(map(str, r)) for r in updated.query(q)] == [list(map(str, r)) for r in cold.query(q)]
    assert (ready["triples"], ready["graphs"]) == (cold.triples, cold.graphs)
    # replace: a paragraph that cites a UN document; the document's page quotes or names it
    text = victim.read_text(encoding="utf-8")
    assert "The document reflected the replies" in text
    victim.write_text(text.replace("The document reflected the replies", "The document reflected all the replies"),
                      encoding="utf-8")
    relabel = build(corpus, out, cache)
    assert 1 < relabel.pages_rendered < 20
    assert tree_diff(out, build(corpus, tmp_path / "full2", None).out) == []
    # add: a new meeting's report from another folder, with the CLI's --add
    extra = tmp_path / "new"
    extra.mkdir()
    rep = generate_report(21, 4, "converted")
    (extra / rep.name).write_text(rep.text, encoding="utf-8")
    done = run_cli("build", "--add", str(extra / rep.name), "--out", str(out), "--cache", str(cache))
    assert done.returncode == 0, done.stderr
    rendered = int(done.stdout.split("pages: ")[2].split(" rendered")[0])
    assert 50 < rendered < documents  # the new report's documents and those it shares
    assert tree_diff(out, build([corpus, extra], tmp_path / "full3", None).out) == []
    # a second file of an already-built meeting: left out with a warning, as in any build
    twin = tmp_path / ("twin" + victim.suffix)
    twin.write_bytes(victim.read_bytes())
    done = run_cli("build", "--add", str(twin), "--out", str(out), "--cache", str(cache))
    assert done.returncode == 0 and "left out: one report per meeting is published" in done.stderr
    assert tree_diff(out, tmp_path / "full3") == []  # the site is as before
    # remove: the added report goes again
    done = run_cli("build", "--remove", str(extra / rep.name), "--remove", str(twin), "--out", str(out),
                   "--cache", str(cache))
    assert done.returncode == 0, done.stderr
    assert tree_diff(out, tmp_path / "full2") == []
    done = run_cli("build", "--remove", str(tmp_path / "nothing.txt"), "--out", str(out))
    assert done.returncode == 2 and "not one of the reports of" in done.stderr


def test_a_build_killed_at_any_point_leaves_an_index_the_next_build_uses(corpus, tmp_path):
    """SIGKILL during the per-report stage (while report rows are written), during publishing
    and between recording the state and the swap; each time the next build publishes the
    bytes of a full build and reuses what it can."""
    cache, out = tmp_path / "cache", tmp_path / "out"
    build(corpus, out, cache)
    files = sorted(corpus.iterdir())
    for n, (watch, victim) in enumerate([("index", files[0]), ("staging", files[2])]):
        victim.write_text(victim.read_text(encoding="utf-8").replace("made closing remarks", f"closed ({n})", 1),
                          encoding="utf-8")
        proc = subprocess.Popen([sys.executable, "-m", "honlea_kg.cli", "build", str(corpus), "--out", str(out),
                                 "--cache", str(cache), "--jobs", "2"], stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, start_new_session=True)
        try:
            deadline = time.monotonic() + 600
            wal = cache / "index.sqlite-wal"
            size = wal.stat().st_size if wal.exists() else 0
            while True:
                assert proc.poll() is None, "the build ended before it could be killed"
                assert time.monotonic() < deadline
                if watch == "index" and wal.exists() and wal.stat().st_size != size:
                    break  # the changed report's rows are being written
                if watch == "staging" and any(p.name.startswith(".out.new-") for p in tmp_path.iterdir()):
                    time.sleep(0.2)
                    break
                time.sleep(0.01)
        finally:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)
        db = sqlite3.connect(cache / "index.sqlite")
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        db.close()
        again = build(corpus, out, cache)
        assert again.pages_rendered < 10 and again.cache_hits >= 3
        assert tree_diff(out, build(corpus, tmp_path / f"full{n}", None).out) == []
    # killed after the state was recorded and before the swap (simulated: the swap fails)
    from honlea_kg.stages import swap

    victim = files[3]
    victim.write_text(victim.read_text(encoding="utf-8").replace("made closing remarks", "closed (3)", 1),
                      encoding="utf-8")
    real = swap.swap_in

    def killed(staging, target):
        raise KeyboardInterrupt

    swap.swap_in = killed
    try:
        with pytest.raises(KeyboardInterrupt):
            build(corpus, out, cache)
    finally:
        swap.swap_in = real
    again = build(corpus, out, cache)
    assert again.pages_rendered == 1
    assert tree_diff(out, build(corpus, tmp_path / "full3", None).out) == []


# --- progress -------------------------------------------------------------------------------------
class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_shows_each_stage_with_count_rate_and_time_left_on_a_terminal_only(tmp_path):
    from honlea_kg.progress import Progress, RichProgress, progress_for

    folder = tmp_path / "c"
    write_corpus(folder, 3, seed=8)
    screen = _Terminal()
    progress = progress_for(screen)
    assert isinstance(progress, RichProgress)
    with progress:
        result = run_build(BuildSettings(inputs=[folder], out=tmp_path / "out"), progress=progress, jobs=2,
                           cache_dir=tmp_path / "cache")
    shown = re.split(r"[\r\n]", re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", screen.getvalue()))  # lines, no colours
    for stage, total in (("reports", 3), ("pages", result.pages_rendered)):
        line = [ln for ln in shown if ln.strip().startswith(stage)][-1]
        assert f"{total}/{total}" in line and "/s" in line and "left" in line, line
    assert type(progress_for(io.StringIO())) is Progress  # a log or a pipe: nothing drawn
    # the summary names each stage's seconds; a captured stderr gets no progress bar
    done = run_cli("build", str(folder), "--out", str(tmp_path / "cli"), "--no-cache")
    assert done.returncode == 0, done.stderr
    summary = next(ln for ln in done.stdout.splitlines() if ln.startswith("stages (s): "))
    named = [part.rsplit(" ", 1)[0] for part in summary[len("stages (s): "):].split(", ")]
    assert named and set(named) <= set(STAGES) and "reports" in named and "publish pages" in named
    assert "━" not in done.stderr and "left" not in done.stderr
