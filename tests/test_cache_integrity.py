"""A damaged build cache is never published: each cached file is checked against its SHA-256
when a report is taken from the cache, and a damaged one makes the report a cache miss (built
again from its file, with a notice naming it).  Found by a breaker: cached pieces cut to a
third or overwritten with garbage were concatenated into dataset.ttl (exit 0)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from conftest import REPORT, run_cli
from honlea_kg.cache import ContentStore


@pytest.fixture(scope="module")
def cached(tmp_path_factory):
    """One report built with a cache; returns (root, reports, out, cache, dumps of the good build)."""
    root = tmp_path_factory.mktemp("cachedamage")
    reports = root / "reports"
    reports.mkdir()
    shutil.copy(REPORT, reports)
    out, cache = root / "out", root / "cache"
    done = run_cli("build", str(reports), "--out", str(out), "--cache", str(cache))
    assert done.returncode == 0, done.stderr
    good = {name: (out / name).read_bytes() for name in ("dataset.ttl", "dataset.jsonld", "dataset.nt.gz")}
    return root, reports, out, cache, good


def cut_to_a_third(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])


def garbage(path: Path) -> None:
    path.write_bytes(b"\x00garbage\xff" * 300)


@pytest.mark.parametrize("damage", [cut_to_a_third, garbage])
def test_damaged_cached_pieces_are_rebuilt_not_published(cached, damage):
    root, reports, out, cache, good = cached
    pieces = sorted(p for p in (cache / "pieces").glob("*/*") if p.is_file())
    assert {p.name.split(".", 1)[1] for p in pieces} >= {"nt", "ttl", "jsonld", "nt.gz", "sha256"}
    for p in pieces:
        damage(p)
    for r in reports.iterdir():
        os.utime(r)
    done = run_cli("build", str(reports), "--out", str(out), "--cache", str(cache))
    assert done.returncode == 0, done.stderr
    assert "files in the build cache were damaged" in done.stderr and "its graph" in done.stderr
    assert str(reports / REPORT.name) in done.stderr
    assert "1 built, 0 from the cache" in done.stdout  # a cache miss
    for name, data in good.items():
        assert (out / name).read_bytes() == data, name
    # the damaged files were replaced: the next build takes the report from the cache, silently
    again = run_cli("build", str(reports), "--out", str(out), "--cache", str(cache))
    assert again.returncode == 0 and "damaged" not in again.stderr
    assert "1 built, 0 from the cache" not in again.stdout
    assert (out / "dataset.ttl").read_bytes() == good["dataset.ttl"]


def test_one_damaged_piece_is_named(tmp_path):
    store = ContentStore(tmp_path)
    nt = b"<http://example.org/a> <http://example.org/b> <http://example.org/c> .\n"
    import hashlib

    digest = hashlib.sha256(nt).hexdigest()
    text = b"text"
    tdigest = hashlib.sha256(text).hexdigest()
    store.put(digest, "nt", nt)
    store.put(tdigest, "txt", text)
    store.put_pieces(digest, {"ttl": b"ttl", "jsonld": b"jsonld", "nt.gz": b"gz"})
    assert store.check(digest, tdigest) == ([], [])
    store.path(digest, "jsonld").write_bytes(b"jsonle")  # same size, other bytes
    assert store.check(digest, tdigest) == (["jsonld"], [])
    store.path(digest, "ttl").unlink()
    assert store.check(digest, tdigest) == (["jsonld"], ["ttl"])
    store.put_pieces(digest, {"ttl": b"ttl", "jsonld": b"jsonld", "nt.gz": b"gz"})  # replaces the damaged one
    assert store.check(digest, tdigest) == ([], [])
