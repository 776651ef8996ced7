"""scripts/install-system-deps.sh (issue 18, points 1 and 2): it waits for the dpkg/apt lock
instead of failing with apt's "Could not get lock", says who holds it, gives up after a
timeout; it installs Node.js and npm with the other test packages; without root and without
sudo it says what to run.  Locks are held by `flock` (and by a POSIX lock, the kind dpkg and apt
take) on temporary files: no root needed, the machine's real apt is never touched."""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "install-system-deps.sh"


def sourced(snippet: str, env: dict | None = None, timeout: float = 60) -> subprocess.CompletedProcess:
    """Run ``snippet`` in bash after sourcing the install script (which then runs nothing)."""
    code = f'source "{SCRIPT}"\nset +e\n{snippet}'
    return subprocess.run(["bash", "-c", code], capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, "HONLEA_LOCK_POLL_SECONDS": "1", **(env or {})})


@pytest.fixture
def flock_held(tmp_path):
    """Hold a lock on a temporary file with the `flock` command for ``seconds``; yields (path, start)."""
    procs = []

    def hold(seconds: float):
        lock = tmp_path / "lock-frontend"
        lock.touch()
        proc = subprocess.Popen(["flock", str(lock), "sleep", str(seconds)])
        procs.append(proc)
        deadline = time.monotonic() + 10
        while not sourced(f'lock_holder "{lock}"').stdout.strip():  # wait until flock has it
            assert time.monotonic() < deadline, "flock did not take the lock"
            time.sleep(0.1)
        return lock, proc

    yield hold
    for proc in procs:
        proc.kill()
        proc.wait()


def test_free_or_absent_lock_does_not_wait(tmp_path):
    free = tmp_path / "free"
    free.touch()
    done = sourced(f'wait_for_lock "{free}" 5; echo "rc=$?"; wait_for_lock "{tmp_path / "absent"}" 5; echo "rc=$?"')
    assert done.stdout == "rc=0\nrc=0\n" and done.stderr == ""


def test_waits_for_a_lock_held_by_flock_and_says_who(flock_held):
    lock, proc = flock_held(3)
    started = time.monotonic()
    done = sourced(f'wait_for_lock "{lock}" 30; echo "rc=$?"')
    waited = time.monotonic() - started
    assert done.stdout == "rc=0\n"
    assert waited >= 1.5, "returned while the lock was still held"
    assert f"install-system-deps: waiting for {lock}, locked by process {proc.pid} (flock)" in done.stderr
    assert "of at most 30 s" in done.stderr


def test_gives_up_after_the_timeout_with_a_message(flock_held):
    lock, proc = flock_held(60)
    started = time.monotonic()
    done = sourced(f'wait_for_lock "{lock}" 2; echo "rc=$?"')
    assert done.stdout == "rc=1\n"
    assert time.monotonic() - started < 20
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith(f"install-system-deps: {lock} is still locked by process {proc.pid} (flock) after 2 s; giving up.")
    assert "HONLEA_APT_LOCK_TIMEOUT" in last


def test_posix_lock_as_dpkg_takes_it_is_seen(tmp_path):
    """dpkg and apt take fcntl (POSIX) locks, not flock(2) ones: both must be seen."""
    lock = tmp_path / "lock"
    lock.touch()
    holder = subprocess.Popen([sys.executable, "-c", (
        "import fcntl, sys, time\n"
        f"f = open({str(lock)!r}, 'r+')\n"
        "fcntl.lockf(f, fcntl.LOCK_EX)\n"
        "print('locked', flush=True)\n"
        "time.sleep(3)\n")], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline() == "locked\n"
        done = sourced(f'lock_holder "{lock}"; wait_for_lock "{lock}" 30; echo "rc=$?"')
        assert done.stdout.splitlines() == [str(holder.pid), "rc=0"]
        assert f"locked by process {holder.pid} (python" in done.stderr
    finally:
        holder.kill()
        holder.wait()


def test_apt_get_runs_only_after_every_lock_is_free(tmp_path, flock_held):
    """apt_get waits for each lock of APT_LOCKS, then calls apt-get with apt's own lock timeout."""
    lock, proc = flock_held(2)
    fake_bin = tmp_path / "bin"
    fake_bin.mkdir()
    record = tmp_path / "calls"
    (fake_bin / "apt-get").write_text(f'#!/bin/sh\necho "$(date +%s.%N) $*" >> "{record}"\n')
    (fake_bin / "apt-get").chmod(0o755)
    started = time.time()
    done = sourced(f'APT_LOCKS=("{lock}" "{tmp_path / "absent"}")\napt_get install -y nodejs; echo "rc=$?"',
                   env={"PATH": f"{fake_bin}:{os.environ['PATH']}", "HONLEA_APT_LOCK_TIMEOUT": "45"})
    assert done.stdout == "rc=0\n", done.stderr
    when, args = record.read_text().split(" ", 1)
    assert float(when) - started >= 1.0  # after the lock was released
    assert args.strip() == "-o DPkg::Lock::Timeout=45 install -y nodejs"
    assert "waiting for" in done.stderr


def test_node_and_npm_are_test_packages():
    done = sourced('printf "%s\\n" "${TEST_PACKAGES[@]}"')
    entries = done.stdout.split()
    assert "nodejs:node" in entries and "npm:npm" in entries
    assert "chromium:chromium" in entries and "virtuoso-opensource:virtuoso-t" in entries


def test_a_package_counts_as_present_by_dpkg_or_by_its_command():
    done = sourced('missing_packages "honlea-no-such-package:" "honlea-no-such-package-2:ls" "bash:"')
    assert done.stdout.split() == ["honlea-no-such-package"]


def test_check_names_what_is_missing_and_the_command():
    done = sourced('TEST_PACKAGES=("honlea-no-such-package:")\nmain --check; echo "rc=$?"')
    assert done.stdout == "rc=1\n"
    assert done.stderr == ("install-system-deps: missing Debian packages: honlea-no-such-package; install them "
                           "with: sudo scripts/install-system-deps.sh (or as root: scripts/install-system-deps.sh)\n")


@pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("setpriv"), reason="needs root to become another user")
def test_not_root_without_sudo_says_what_to_run():
    """A user who is not root on a machine without sudo gets the command, not `sudo: not found`."""
    import tempfile

    tmp_path = Path(tempfile.mkdtemp(prefix="honlea-nonroot-", dir="/tmp"))  # readable by nobody
    try:
        _not_root_without_sudo(tmp_path)
    finally:
        shutil.rmtree(tmp_path, ignore_errors=True)


def _not_root_without_sudo(tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"  # a PATH with what the script uses, and no sudo
    bin_dir.mkdir()
    for tool in ("bash", "dpkg-query", "grep", "id", "sed", "awk", "stat", "ps", "env", "cat"):
        (bin_dir / tool).symlink_to(shutil.which(tool))
    script = tmp_path / "install-system-deps.sh"
    script.write_text(SCRIPT.read_text().replace(
        '  "npm:npm"\n', '  "npm:npm"\n  "honlea-no-such-package:"\n'))
    tmp_path.chmod(0o755)
    script.chmod(0o755)
    done = subprocess.run([shutil.which("setpriv"), "--reuid=65534", "--regid=65534", "--clear-groups",
                           str(bin_dir / "bash"), str(script)], capture_output=True, text=True,
                          env={"PATH": str(bin_dir)}, timeout=60)
    assert done.returncode == 1
    assert re.search(r"missing Debian packages: .*honlea-no-such-package; this is not root and sudo is not "
                     r"installed: run as root: scripts/install-system-deps.sh", done.stderr), done.stderr
    assert "sudo: " not in done.stderr and "command not found" not in done.stderr
