"""Ctrl-C during a build: one line, exit code 130, no worker traceback, the previous output
intact (a breaker saw every page-writing worker print a KeyboardInterrupt traceback)."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import REPORT, run_cli


def tree(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_ctrl_c_while_pages_are_written_prints_one_line_and_keeps_the_output(tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    shutil.copy(REPORT, reports)
    out = tmp_path / "out"
    first = run_cli("build", str(reports), "--out", str(out), "--no-cache")
    assert first.returncode == 0, first.stderr
    before = tree(out)
    proc = subprocess.Popen([sys.executable, "-m", "honlea_kg.cli", "build", str(reports), "--out", str(out),
                             "--no-cache", "--jobs", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, start_new_session=True,
                            # Ctrl-C's default action even where this test runs with SIGINT ignored
                            # (a background job of a non-interactive shell: an ignored signal is
                            # inherited through exec, and Python then installs no handler for it)
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 120
    hit = False
    while time.monotonic() < deadline and proc.poll() is None:
        staging = list(tmp_path.glob(".out.new-*"))
        if staging and any(staging[0].rglob("*.html")):  # the page writers are at work
            os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C does: the whole process group
            hit = True
            break
        time.sleep(0.005)
    stdout, stderr = proc.communicate(timeout=120)
    assert hit, "the build ended before its pages were written"
    assert proc.returncode == 130, stderr
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr, stderr
    assert stderr.strip().splitlines()[-1] == f"honlea-kg: error: interrupted; the previous output in {out}/ is intact"
    assert tree(out) == before
