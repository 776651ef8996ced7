"""The scalable build: process pool, build cache, per-report plus cross-report validation."""

from __future__ import annotations

import filecmp
from pathlib import Path

import pytest

from honlea_kg.config import BuildSettings
from honlea_kg.iris import DEFAULT_BASE
from honlea_kg.pipeline import run_build
from honlea_kg.stages.cross import cross_report
from honlea_kg.docindex import DocIndex
from honlea_kg.stages.report import report_task
from honlea_kg.synth import write_corpus
from honlea_kg.validate import rdflib_graph_of, validate_graph


def tree_diff(a: Path, b: Path) -> list[str]:
    """Relative paths of the files (and folders) that differ between two output folders:
    present on one side only, or other bytes (``build-info.json`` aside)."""
    fa = {p.relative_to(a) for p in a.rglob("*") if p.is_file()}
    fb = {p.relative_to(b) for p in b.rglob("*") if p.is_file()}
    da = {p.relative_to(a) for p in a.rglob("*") if p.is_dir()}
    db = {p.relative_to(b) for p in b.rglob("*") if p.is_dir()}
    diffs = [str(r) for r in fa ^ fb] + [f"{r}/" for r in da ^ db]
    diffs += [str(r) for r in fa & fb if r.name != "build-info.json" and not filecmp.cmp(a / r, b / r, shallow=False)]
    return sorted(diffs)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("synth")
    write_corpus(folder, 6, seed=11)
    return folder


def build(corpus: Path, out: Path, jobs: int, cache: Path | None):
    result = run_build(BuildSettings(inputs=[corpus], out=out, base_iri=DEFAULT_BASE), jobs=jobs, cache_dir=cache)
    assert result.published and not result.failed, [r.error for r in result.failed]
    return result


def test_pool_build_is_byte_identical_to_one_process(corpus, tmp_path):
    one = build(corpus, tmp_path / "one", jobs=1, cache=None)
    two = build(corpus, tmp_path / "two", jobs=2, cache=None)
    assert one.triples == two.triples > 6 * 1000
    assert tree_diff(tmp_path / "one", tmp_path / "two") == []
    assert len(list((tmp_path / "two").rglob("*.html"))) >= 6 * 5


def test_incremental_rebuild_redoes_one_report_and_matches_a_full_rebuild(tmp_path):
    corpus = tmp_path / "corpus"
    files = write_corpus(corpus, 5, seed=3)
    cache = tmp_path / "cache"
    first = build(corpus, tmp_path / "out", jobs=2, cache=cache)
    assert (first.cache_hits, first.cache_misses) == (0, 5)
    again = build(corpus, tmp_path / "out", jobs=2, cache=cache)
    assert (again.cache_hits, again.cache_misses) == (5, 0)
    changed = files[2]
    changed.write_text(changed.read_text(encoding="utf-8").replace(
        "made closing remarks.", "made closing remarks and thanked the host Government."), encoding="utf-8")
    inc = build(corpus, tmp_path / "out", jobs=2, cache=cache)
    assert (inc.cache_hits, inc.cache_misses) == (4, 1)
    assert [r.path.name for r in inc.reports if not r.cached] == [changed.name]
    full = build(corpus, tmp_path / "full", jobs=1, cache=None)
    assert tree_diff(tmp_path / "out", tmp_path / "full") == []
    assert "thanked the host Government" in (tmp_path / "out" / "dataset.nt").read_text(encoding="utf-8")
    assert full.triples == inc.triples


def test_corrupted_cache_entry_is_detected_and_rebuilt(corpus, tmp_path):
    cache = tmp_path / "cache"
    build(corpus, tmp_path / "a", jobs=1, cache=cache)
    entries = sorted(cache.glob("??/*.json"))  # the report entries (not the content store's files)
    assert len(entries) == 6
    victim = entries[0]
    raw = victim.read_bytes()
    assert b'"meeting": "' in raw
    victim.write_bytes(raw.replace(b'"meeting": "', b'"meeting": "X', 1)[:len(raw)])  # same length, other bytes
    result = build(corpus, tmp_path / "b", jobs=1, cache=cache)
    assert (result.cache_hits, result.cache_misses, result.cache_corrupt) == (5, 1, 1)
    assert tree_diff(tmp_path / "a", tmp_path / "b") == []
    assert victim.read_bytes() == raw  # rebuilt and written again, not trusted
    victim.write_bytes(raw[: len(raw) // 2])  # truncated
    assert build(corpus, tmp_path / "c", jobs=1, cache=cache).cache_corrupt == 1


def test_per_report_plus_cross_report_validation_equals_whole_graph(corpus, tmp_path):
    # a second file of one meeting with another end date: only the union breaks sh:maxCount 1
    # a report in the converted layout (title on one line), whichever the generator made first
    src = next(p for p in sorted(corpus.glob("*.txt"))
               if any(line.startswith("Report of the") and " to " in line
                      for line in p.read_text(encoding="utf-8").splitlines()))
    text = src.read_text(encoding="utf-8")
    twin = tmp_path / ("twin-" + src.name)
    title = next(line for line in text.splitlines() if line.startswith("Report of the"))
    day = int(title.split(" to ")[1].split()[0]) if " to " in title else None
    assert day is not None
    twin.write_text(text.replace(title, title.replace(f" to {day} ", f" to {day + 1} ")), encoding="utf-8")
    files = sorted(corpus.glob("*.txt")) + [twin]
    results = [report_task(str(p), DEFAULT_BASE, True) for p in files]
    outcomes = [r.outcome for r in results]
    assert all(o.error is None and o.validated and o.findings == [] for o in outcomes)
    index = DocIndex(tmp_path / "index.sqlite")
    for r in results:
        index.add_piece(r.outcome.digest, r.outcome.graph_iri, r.parts)
    index.use(index.piece_id(o.digest) for o in outcomes)
    fast = cross_report(index, outcomes, "pyshacl")
    whole = validate_graph(rdflib_graph_of("".join(o.ntriples for o in outcomes)))
    key = lambda f: (f.severity, f.shape, f.focus, f.path, f.value, f.message)  # noqa: E731
    assert [key(f) for f in fast.findings] == [key(f) for f in whole.findings]
    assert not fast.conforms
    # the end date breaks the meeting's sh:maxCount; the twin file's own title and hashes break
    # the report's (the pipeline itself keeps one report per meeting: one_report_per_meeting)
    assert "https://schema.org/endDate" in {f.path for f in fast.violations}
    # only the nodes whose union description no single report gives were re-checked: the
    # meetings named as the next meeting by the report before them, and the twin's meeting and
    # report (a State every report describes the same way keeps its per-report result)
    assert 0 < fast.rechecked < 40 and fast.revalidated == fast.rechecked
    again = cross_report(index, outcomes, "pyshacl")  # the same contexts: read back from the index
    assert (again.revalidated, [key(f) for f in again.findings]) == (0, [key(f) for f in fast.findings])
    index.save_cross_results({})
    jena = DocIndex(tmp_path / "index-jena.sqlite")
    for r in results:
        jena.add_piece(r.outcome.digest, r.outcome.graph_iri, r.parts)
    jena.use(jena.piece_id(o.digest) for o in outcomes)
    by_jena = cross_report(jena, outcomes, "jena")  # the cross-report pass in Jena
    short = lambda f: (f.severity, f.shape, f.focus, f.path, f.value)  # noqa: E731  (messages differ)
    assert [short(f) for f in by_jena.findings] == [short(f) for f in fast.findings]


def test_a_failed_report_does_not_stop_the_pool(corpus, tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    for p in sorted(corpus.glob("*.txt"))[:3]:
        (folder / p.name).write_bytes(p.read_bytes())
    (folder / "junk.txt").write_text("Nothing numbered here.\n", encoding="utf-8")
    result = run_build(BuildSettings(inputs=[folder], out=tmp_path / "out"), jobs=2, cache_dir=tmp_path / "c")
    assert [r.path.name for r in result.failed] == ["junk.txt"]
    assert "no numbered paragraphs" in result.failed[0].error
    assert result.published and len(result.reports) == 4
