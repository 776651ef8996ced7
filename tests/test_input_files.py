"""Input files that are not regular files, or are too large, are refused by name without being
read; the other reports are still built (a breaker saw a FIFO named x.txt hang the build and a
symbolic link to /dev/zero named .txt grow the build to 20 GB)."""

from __future__ import annotations

import os
import shutil

import pytest

from conftest import REPORT, run_cli
from honlea_kg.model import ReadError
from honlea_kg.reader.files import MAX_REPORT_BYTES, check_report_file


def test_fifo_device_and_huge_file_are_refused_and_the_rest_built(tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    shutil.copy(REPORT, reports)
    os.mkfifo(reports / "x.txt")
    (reports / "zero.txt").symlink_to("/dev/zero")
    with open(reports / "huge.txt", "wb") as f:  # sparse: no disk used
        f.truncate(MAX_REPORT_BYTES + 2**20)
    done = run_cli("build", str(reports), "--out", str(tmp_path / "out"), "--no-cache", timeout=300)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert "reports: 1 built, 3 failed" in done.stdout
    errors = [line for line in done.stderr.splitlines() if line.startswith("error: ")]
    assert f"error: {reports / 'x.txt'}: a named pipe (FIFO), not a regular file: expected a report file; not read" in errors
    assert any(line.startswith(f"error: {reports / 'zero.txt'}: a character device (a symbolic link to /dev/zero)")
               for line in errors), errors
    assert any(line.startswith(f"error: {reports / 'huge.txt'}: 201.0 MiB: larger than the 200 MiB") for line in errors), errors
    assert (tmp_path / "out" / "dataset.ttl").is_file()


def test_fifo_given_by_name_is_refused_by_name(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    done = run_cli("build", str(tmp_path / "pipe.txt"), "--out", str(tmp_path / "out"), "--no-cache", timeout=120)
    assert done.returncode == 1, done.stderr
    assert f"error: {tmp_path / 'pipe.txt'}: a named pipe (FIFO)" in done.stderr
    assert "no report could be built" in done.stderr


def test_size_limit_names_the_size(tmp_path):
    f = tmp_path / "r.txt"
    f.write_bytes(b"x" * 3 * 2**20)
    assert check_report_file(f) == 3 * 2**20
    with pytest.raises(ReadError, match=r"r\.txt: 3\.0 MiB: larger than the 2 MiB a report file may have"):
        check_report_file(f, limit=2 * 2**20)
