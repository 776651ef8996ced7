"""The per-report stage on other executors: joblib, and a Dask cluster of two workers (the
README's "Scaling out"), giving the same bytes as the default process pool."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_cli
from test_pipeline import tree_diff

from honlea_kg.config import BuildSettings
from honlea_kg.iris import DEFAULT_BASE
from honlea_kg.model import HonleaError
from honlea_kg.pipeline import run_build
from honlea_kg.stages.report import report_task
from honlea_kg.synth import write_corpus


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("exec-corpus")
    write_corpus(folder, 4, seed=17)
    (folder / "junk.txt").write_text("Nothing numbered here.\n", encoding="utf-8")  # one bad report
    return folder


@pytest.fixture(scope="module")
def local(corpus, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("exec-local") / "out"
    done = run_cli("build", str(corpus), "--out", str(out), "--no-cache", "--jobs", "2")
    assert done.returncode == 1 and "junk.txt" in done.stderr  # the bad report fails, the others publish
    return out


@pytest.fixture(scope="module")
def cluster():
    """A local Dask cluster of two single-threaded worker processes (a stand-in for a real one)."""
    distributed = pytest.importorskip("distributed", reason="Dask is part of the test extras (pyproject.toml)")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=40) as c:
        yield c


def test_a_dask_cluster_of_two_workers_builds_the_same_bytes(corpus, local, cluster, tmp_path):
    out = tmp_path / "dask"
    done = run_cli("build", str(corpus), "--out", str(out), "--no-cache", "--dask-scheduler", cluster.scheduler_address)
    assert done.returncode == 1, done.stderr
    assert done.stderr.count("junk.txt") == 1 and "no numbered paragraphs" in done.stderr
    assert tree_diff(out, local) == []


def test_both_dask_workers_build_reports_and_a_worker_of_other_code_is_refused(corpus, cluster, tmp_path, monkeypatch):
    from distributed import Client, get_task_stream

    with Client(cluster.scheduler_address) as client, get_task_stream(client) as stream:
        result = run_build(BuildSettings(inputs=[corpus], out=tmp_path / "out", scheduler=cluster.scheduler_address),
                           jobs=2, cache_dir=tmp_path / "cache")
    assert result.executor == "dask" and result.published and len(result.failed) == 1
    tasks = [t for t in stream.data if t["key"].startswith("report_task")]
    assert len(tasks) == 5 and len({t["worker"] for t in tasks}) == 2
    import honlea_kg.stages.per_report as per_report

    monkeypatch.setattr(per_report, "code_version", lambda: "0" * 64)  # this process runs "other" code
    with pytest.raises(HonleaError, match="another version of honlea-kg"):
        run_build(BuildSettings(inputs=[corpus], out=tmp_path / "other", scheduler=cluster.scheduler_address),
                  jobs=2, cache_dir=tmp_path / "cache-other")
    assert not (tmp_path / "other").exists()


def test_an_unreachable_scheduler_is_one_line_and_exit_code_2(corpus, tmp_path):
    import socket

    with socket.socket() as s:  # a free port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    done = run_cli("build", str(corpus), "--out", str(tmp_path / "out"), "--dask-scheduler", f"tcp://127.0.0.1:{port}")
    assert done.returncode == 2 and "cannot reach the Dask scheduler" in done.stderr
    assert "Traceback" not in done.stderr


def test_joblib_builds_the_same_bytes(corpus, local, tmp_path):
    out = tmp_path / "joblib"
    done = run_cli("build", str(corpus), "--out", str(out), "--no-cache", "--executor", "joblib", "--jobs", "2")
    assert done.returncode == 1, done.stderr
    assert tree_diff(out, local) == []


def test_a_worker_without_the_file_builds_it_from_the_bytes_sent(corpus, tmp_path):
    """A cluster's worker may not share our file system: the task gets the file's bytes, and
    messages and the graph name the file as given."""
    path = sorted(p for p in corpus.iterdir() if p.name != "junk.txt")[0]
    elsewhere = str(tmp_path / "not-here" / path.name)
    sent = report_task(elsewhere, DEFAULT_BASE, False, path.read_bytes())
    here = report_task(str(path), DEFAULT_BASE, False)
    assert sent.outcome.error is None and sent.outcome.ntriples == here.outcome.ntriples
    assert str(sent.outcome.path) == elsewhere
    bad = report_task(str(tmp_path / "not-here" / "junk.txt"), DEFAULT_BASE, False, b"Nothing numbered here.\n")
    assert bad.outcome.error.startswith(str(tmp_path / "not-here" / "junk.txt") + ":")
