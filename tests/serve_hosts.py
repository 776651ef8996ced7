"""Real nginx / Apache httpd instances on 127.0.0.1 for the server-config tests.

The binaries are installed with apt when missing and the tests run as root; otherwise the test
fails with a message saying what to install (never skipped).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

APACHE_MODULES = Path("/usr/lib/apache2/modules")


def ensure_binary(binary: str, package: str) -> str:
    """Path of ``binary``; installs Debian ``package`` with apt-get when missing and root."""
    found = shutil.which(binary) or shutil.which(binary, path="/usr/sbin:/sbin")
    if found:
        return found
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        pytest.fail(f"{binary} is not installed and cannot be installed here: "
                    f"run 'apt-get install {package}' as root, then rerun the tests")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    cmd = ["apt-get", "install", "-y", "-q", "-o", "DPkg::Lock::Timeout=600", package]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=900)
    if proc.returncode != 0:
        subprocess.run(["apt-get", "update", "-q"], capture_output=True, env=env, timeout=600)
        proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=900)
    found = shutil.which(binary) or shutil.which(binary, path="/usr/sbin:/sbin")
    if not found:
        pytest.fail(f"'apt-get install {package}' did not provide {binary}:\n{proc.stderr[-2000:]}")
    return found


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, proc: subprocess.Popen, log: Path, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"server exited with {proc.returncode}: {log.read_text() if log.exists() else ''}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"server did not listen on 127.0.0.1:{port}: {log.read_text() if log.exists() else ''}")


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)


def nginx_main_conf(work: Path, include: Path) -> Path:
    """A minimal nginx main configuration that includes the generated ``nginx.conf``."""
    conf = work / "main.conf"
    user = "user root;\n" if os.geteuid() == 0 else ""
    conf.write_text(
        f"daemon off;\nmaster_process on;\nworker_processes 1;\n{user}pid {work}/nginx.pid;\n"
        f"error_log {work}/error.log warn;\nevents {{ worker_connections 64; }}\n"
        f"http {{\n  access_log off;\n  client_body_temp_path {work}/tmp;\n  proxy_temp_path {work}/tmp;\n"
        f"  fastcgi_temp_path {work}/tmp;\n  uwsgi_temp_path {work}/tmp;\n  scgi_temp_path {work}/tmp;\n"
        f"  include {include};\n}}\n")
    (work / "tmp").mkdir(exist_ok=True)
    return conf


def apache_conf(work: Path, docroot: Path, port: int, *, include_htaccess: Path | None = None) -> Path:
    """A minimal httpd configuration serving ``docroot`` with ``AllowOverride All``.

    With ``include_htaccess`` the file is included in the ``<Directory>`` block instead (so that
    ``apache2 -t`` checks its syntax, which it never does for ``.htaccess`` files)."""
    mods = ["mpm_event", "authz_core", "mime", "dir", "rewrite", "headers"]
    loads = "".join(f"LoadModule {m}_module {APACHE_MODULES}/mod_{m}.so\n" for m in mods)
    user = "User www-data\nGroup www-data\n" if os.geteuid() == 0 else ""
    inner = f"  Include {include_htaccess}\n" if include_htaccess else "  AllowOverride All\n"
    conf = work / ("httpd-check.conf" if include_htaccess else "httpd.conf")
    conf.write_text(
        f"ServerRoot {work}\n{loads}TypesConfig /dev/null\nListen 127.0.0.1:{port}\n"
        f"ServerName 127.0.0.1\n{user}PidFile {work}/httpd.pid\nErrorLog {work}/error.log\n"
        f"DocumentRoot {docroot}\n<Directory />\n  AllowOverride None\n  Require all denied\n</Directory>\n"
        f"<Directory {docroot}>\n{inner}  Require all granted\n</Directory>\n")
    return conf
