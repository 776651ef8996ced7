"""The persistent query store (``honlea_kg.querystore``): made by ``build``, opened by ``query``,
made on first use for a build folder from elsewhere, keyed by the dataset's SHA-256, rebuilt
(never trusted) when stale or damaged, safe for concurrent readers, and the same answers as the
in-memory dataset."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest

from conftest import CORPUS, QUERIES, run_cli
from honlea_kg.query import load_store, open_dataset, query_build, run_query
from honlea_kg.querystore import (DB, READY, STORES_DIR, QueryStore, StoreDamaged, dataset_digest, open_store,
                                  prune, sha256_file, store_folder)

TRIG = """<https://example.org/kg/graph/1> {
  <https://example.org/kg/a> <https://example.org/kg/p> "one" .
  <https://example.org/kg/shared> <http://www.w3.org/2000/01/rdf-schema#label> "shared" .
}
<https://example.org/kg/graph/2> {
  <https://example.org/kg/b> <https://example.org/kg/p> "two" .
  <https://example.org/kg/shared> <http://www.w3.org/2000/01/rdf-schema#label> "shared" .
}
"""
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def _folder(tmp_path: Path, text: str = TRIG) -> Path:
    data = tmp_path / "data"
    data.mkdir(exist_ok=True)
    (data / "dataset.trig").write_text(text, encoding="utf-8")
    return data


def _count(store: QueryStore, query: str = COUNT) -> int:
    return int(next(iter(store.query(query)))[0].value)


def test_store_holds_the_merged_default_graph_and_the_named_graphs(tmp_path):
    data, cache = _folder(tmp_path), tmp_path / "cache"
    store = open_store(data, cache)
    assert store.created and store.triples == 3 and store.graphs == 2
    assert _count(store) == 3  # the shared triple once: the RDF merge
    assert _count(store, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }") == 4
    assert store.path == store_folder(cache, sha256_file(data / "dataset.trig"))
    assert store.path.parent == cache / STORES_DIR and (store.path / READY).is_file()
    again = open_store(data, cache)
    assert not again.created and again.path == store.path


def test_stale_store_is_never_used(tmp_path):
    """Another dataset in the same folder has another digest, so another store."""
    data, cache = _folder(tmp_path), tmp_path / "cache"
    first = open_store(data, cache)
    (data / "dataset.trig").write_text(TRIG.replace('"two"', '"deux"'), encoding="utf-8")
    second = open_store(data, cache)
    assert second.created and second.path != first.path
    assert _count(second, 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p "deux" }') == 1


def test_digest_is_remembered_until_the_file_changes(tmp_path, monkeypatch):
    data, cache = _folder(tmp_path), tmp_path / "cache"
    trig = data / "dataset.trig"
    digest = dataset_digest(trig, cache)
    assert digest == sha256_file(trig)
    calls = []
    import honlea_kg.querystore as qs

    monkeypatch.setattr(qs, "sha256_file", lambda p, *a: calls.append(p) or sha256_file(p))
    assert dataset_digest(trig, cache) == digest and calls == []  # stat unchanged: not hashed
    trig.write_text(TRIG + "\n", encoding="utf-8")
    assert dataset_digest(trig, cache) != digest and len(calls) == 1


@pytest.mark.parametrize("damage", ["truncate", "delete", "extra", "ready", "other_format"])
def test_damaged_store_is_rebuilt_on_open(tmp_path, damage):
    data, cache = _folder(tmp_path), tmp_path / "cache"
    store = open_store(data, cache)
    db = store.path / DB
    sst = max(db.glob("*.sst"), key=lambda p: p.stat().st_size)
    if damage == "truncate":
        sst.write_bytes(sst.read_bytes()[:100])
    elif damage == "delete":
        sst.unlink()
    elif damage == "extra":
        (db / "999999.sst").write_bytes(b"junk")
    elif damage == "ready":
        (store.path / READY).write_text("{not json", encoding="utf-8")
    else:
        ready = json.loads((store.path / READY).read_text())
        (store.path / READY).write_text(json.dumps(dict(ready, format="0")), encoding="utf-8")
    with pytest.raises(StoreDamaged):
        open_store(data, cache, create=False)
    notes = []
    rebuilt = open_store(data, cache, notify=notes.append)
    assert rebuilt.created and _count(rebuilt) == 3
    assert any("rebuilding the query store" in n for n in notes)


def test_corrupt_block_found_while_querying_is_rebuilt_and_the_query_rerun(tmp_path):
    """Bytes flipped inside the data blocks (sizes unchanged): RocksDB's block checksums catch
    it when the query reads them; ``query_build`` then rebuilds the store and answers."""
    data, cache = _folder(tmp_path), tmp_path / "cache"
    store = open_store(data, cache)
    for sst in (store.path / DB).glob("*.sst"):
        raw = bytearray(sst.read_bytes())
        if len(raw) > 200:
            for i in range(40, len(raw) - 120, 53):
                raw[i] ^= 0xFF
            sst.write_bytes(bytes(raw))
    del store
    notes = []
    result = query_build(COUNT, data, cache, notify=notes.append)
    assert int(result.rows[0][0]) == 3
    assert any("rebuilding" in n for n in notes), notes


def test_concurrent_readers(tmp_path):
    """Four processes open the same store read-only and query it at once (RocksDB read-only
    instances take no lock); all get the same answer and the store is unchanged."""
    data, cache = _folder(tmp_path), tmp_path / "cache"
    store = open_store(data, cache)
    before = json.loads((store.path / READY).read_text())["files"]
    script = ("import sys; from pathlib import Path; from honlea_kg.querystore import open_store\n"
              "s = open_store(Path(sys.argv[1]), Path(sys.argv[2]), create=False)\n"
              "print(sum(1 for _ in range(200) for _ in s.query('SELECT * WHERE { ?s ?p ?o }')))\n")
    procs = [subprocess.Popen([sys.executable, "-c", script, str(data), str(cache)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(4)]
    outs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0] * 4, [e for _, e in outs]
    assert [o.strip() for o, _ in outs] == ["600"] * 4
    assert json.loads((store.path / READY).read_text())["files"] == before


def test_two_processes_making_the_same_store_make_it_once(tmp_path):
    data, cache = _folder(tmp_path), tmp_path / "cache"
    script = ("import sys; from pathlib import Path; from honlea_kg.querystore import open_store\n"
              "s = open_store(Path(sys.argv[1]), Path(sys.argv[2]))\nprint(s.created, s.triples)\n")
    procs = [subprocess.Popen([sys.executable, "-c", script, str(data), str(cache)], stdout=subprocess.PIPE,
                              text=True) for _ in range(3)]
    outs = sorted(p.communicate(timeout=120)[0].split()[0] for p in procs)
    assert outs == ["False", "False", "True"]
    assert len([p for p in (cache / STORES_DIR).iterdir() if p.is_dir()]) == 1


def test_read_only_cache_falls_back_to_memory(tmp_path):
    if os.geteuid() == 0:
        cache = tmp_path / "file-not-folder"
        cache.write_text("x")  # root ignores permissions: a file where the folder should be
    else:
        cache = tmp_path / "ro"
        cache.mkdir()
        cache.chmod(0o500)
    data = _folder(tmp_path)
    notes = []
    dataset = open_dataset(data, cache, notify=notes.append)
    assert int(run_query(COUNT, dataset).rows[0][0]) == 3
    assert notes and "into memory" in notes[0]


def test_prune_keeps_the_most_recently_opened(tmp_path):
    cache = tmp_path / "cache"
    paths = []
    for i in range(4):
        data = tmp_path / f"d{i}"
        data.mkdir()
        (data / "dataset.trig").write_text(TRIG.replace('"one"', f'"{i}"'), encoding="utf-8")
        store = open_store(data, cache)
        os.utime(store.path / READY, (1000 + i, 1000 + i))
        paths.append(store.path)
    gone = prune(cache, keep=2)
    assert sorted(gone) == sorted(paths[:2])
    assert all(p.exists() for p in paths[2:]) and not any(p.exists() for p in paths[:2])


def test_build_makes_the_store_and_a_copy_of_the_build_finds_it(tmp_path):
    """``build`` makes the store in its cache; a copy of the build folder (a build from
    elsewhere) finds the same store by the content of its dataset, without making another."""
    out, cache = tmp_path / "out", tmp_path / "cache"
    done = run_cli("build", str(CORPUS), "--out", str(out), "--cache", str(cache))
    assert done.returncode == 0, done.stderr
    digest = sha256_file(out / "dataset.trig")
    assert (store_folder(cache, digest) / READY).is_file()
    copy = tmp_path / "copy"
    shutil.copytree(out, copy)
    store = open_store(copy, cache, create=False)
    assert store.path == store_folder(cache, digest) and store.triples > 4000


@pytest.mark.parametrize("query", sorted(QUERIES.glob("*.rq")), ids=lambda p: p.stem)
def test_same_answers_as_the_in_memory_dataset(built, query):
    text = query.read_text(encoding="utf-8")
    on_disk = query_build(text, built, Path(".cache/honlea-kg"))
    in_memory = run_query(text, load_store(built))
    assert on_disk.variables == in_memory.variables
    assert Counter(on_disk.rows) == Counter(in_memory.rows) and on_disk.rows


def test_query_cli_makes_the_store_for_a_build_from_elsewhere(built, tmp_path):
    copy = tmp_path / "elsewhere"
    shutil.copytree(built, copy)
    (copy / "dataset.trig").write_text((built / "dataset.trig").read_text(encoding="utf-8") + "\n",
                                       encoding="utf-8")  # other bytes, same graph
    cache = tmp_path / "cache"
    done = run_cli("query", str(QUERIES / "cq04-officers.rq"), "--data", str(copy), "--cache", str(cache),
                   "--format", "csv")
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.splitlines()) == 5
    assert len([p for p in (cache / STORES_DIR).iterdir() if p.is_dir()]) == 1
    assert done.stderr == ""  # the notice is for terminals only
