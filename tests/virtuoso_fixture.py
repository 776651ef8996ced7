"""pytest plugin: one private Virtuoso instance per test session (``virtuoso`` fixture).

List it in a conftest or test module: ``pytest_plugins = ["virtuoso_fixture"]`` (or
``"tests.virtuoso_fixture"`` when ``tests`` is a package).  The server runs from
``scripts/virtuoso.sh`` in a temporary folder on two free loopback ports and is stopped at the
end of the session.  When ``virtuoso-t`` is missing the fixture runs
``scripts/install-system-deps.sh`` (root only); if Virtuoso still cannot be had the tests FAIL
with a message saying how to install it -- they are never skipped (CI installs it).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "virtuoso.sh"
INSTALL = ROOT / "scripts" / "install-system-deps.sh"


@dataclass
class Virtuoso:
    """A running instance: ``sparql`` (anonymous, read-only), ``sparql_auth`` (query + update,
    digest), ``graph_store`` (Graph Store Protocol, digest), the dba credentials, its folder."""

    folder: Path
    port: int
    sparql: str
    sparql_auth: str
    graph_store: str
    user: str = "dba"
    password: str = "dba"
    auth: str = "digest"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _ensure_installed() -> None:
    if shutil.which("virtuoso-t") and shutil.which("isql-vt"):
        return
    how = f"install Debian's virtuoso-opensource: `{INSTALL}` (as root, or through sudo)"
    if os.geteuid() != 0:
        pytest.fail(f"Virtuoso (virtuoso-t) is not installed and this is not root; {how}",
                    pytrace=False)
    try:
        done = subprocess.run(["/bin/bash", str(INSTALL)], capture_output=True, text=True,
                              timeout=900)
    except (OSError, subprocess.SubprocessError) as exc:
        pytest.fail(f"Virtuoso is not installed and {INSTALL.name} could not run ({exc}); {how}",
                    pytrace=False)
    if done.returncode != 0 or not shutil.which("virtuoso-t"):
        tail = " ".join((done.stderr or done.stdout).split()[-40:])
        pytest.fail(f"Virtuoso is not installed (virtuoso-t not on PATH) and {INSTALL.name} did "
                    f"not fix it (rc {done.returncode}: {tail}); {how}", pytrace=False)


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory) -> Virtuoso:
    """Start Virtuoso once per session; yield a :class:`Virtuoso`; stop it afterwards."""
    _ensure_installed()
    folder = tmp_path_factory.mktemp("virtuoso")
    http, sql = _free_port(), _free_port()
    while sql == http:
        sql = _free_port()
    started = subprocess.run(["/bin/bash", str(SCRIPT), "start", str(folder), str(http), str(sql)],
                             capture_output=True, text=True, timeout=180)
    if started.returncode != 0:
        pytest.fail(f"scripts/virtuoso.sh start failed (rc {started.returncode}): "
                    f"{' '.join(started.stderr.split())[-600:]}", pytrace=False)
    base = f"http://127.0.0.1:{http}"
    try:
        yield Virtuoso(folder=folder, port=http, sparql=f"{base}/sparql",
                       sparql_auth=f"{base}/sparql-auth",
                       graph_store=f"{base}/sparql-graph-crud-auth")
    finally:
        subprocess.run(["/bin/bash", str(SCRIPT), "stop", str(folder)], capture_output=True,
                       text=True, timeout=120)
