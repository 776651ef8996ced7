"""Shared fixtures: the real bundled report, built once per test session."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
REPORT = CORPUS / "honlea-europe-12-2017.txt"
EXPECTED = ROOT / "tests" / "expected"
QUERIES = ROOT / "queries"
FIXTURES = ROOT / "tests" / "fixtures"


def run_cli(*args: str, **kw) -> subprocess.CompletedProcess:
    """Run ``honlea-kg ARGS`` in a subprocess (as a user would) and capture its output."""
    return subprocess.run([sys.executable, "-m", "honlea_kg.cli", *args], capture_output=True, text=True,
                          encoding="utf-8", **kw)


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """The bundled corpus built with the CLI into a fresh folder; returns the folder."""
    out = tmp_path_factory.mktemp("build") / "out"
    done = run_cli("build", str(CORPUS), "--out", str(out))
    assert done.returncode == 0, done.stderr + done.stdout
    return out


@pytest.fixture(scope="session")
def synth_built(tmp_path_factory) -> Path:
    """Three synthetic reports (``honlea_kg.synth``, seed 1: converted text, PDF text and
    Markdown layouts, three series) built with the CLI into a fresh folder; returns the folder."""
    from honlea_kg.synth import write_corpus

    work = tmp_path_factory.mktemp("synth-build")
    write_corpus(work / "corpus", 3, seed=1)
    out = work / "out"
    done = run_cli("build", str(work / "corpus"), "--out", str(out), "--no-cache")
    assert done.returncode == 0, done.stderr + done.stdout
    return out


@pytest.fixture(scope="session")
def document():
    """The real report read and segmented."""
    from honlea_kg.reader import read_report
    from honlea_kg.segment import segment

    return segment(read_report(REPORT))
