"""`honlea-kg doctor` (issue 18): what a problem report needs, found on this machine."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from importlib import metadata
from pathlib import Path

from conftest import ROOT, run_cli
from honlea_kg import __version__
from honlea_kg.iris import DEFAULT_BASE


def lines_of(stdout: str) -> dict[str, str]:
    out = {}
    for line in stdout.splitlines():
        name, _, value = line.partition(":")
        out[name] = value.strip()
        assert line == line.rstrip()
    return out


def test_doctor_reports_versions_programs_cache_and_base(tmp_path):
    done = run_cli("doctor", cwd=str(tmp_path))
    assert done.returncode == 0, done.stderr
    got = lines_of(done.stdout)
    assert got["honlea-kg"].startswith(__version__ + " (")
    assert got["python"].startswith(sys.version.split()[0])
    for dist in ("rdflib", "pyshacl", "pyoxigraph", "SPARQLWrapper", "jinja2", "click"):
        assert f"{dist} {metadata.version(dist)}" in got["libraries"]
    java = shutil.which("java")
    assert got["java"].startswith(java) and "version" in got["java"]  # CI installs Java
    jars = sorted(p.name for p in Path("/usr/share/java").glob("jena-shacl-*.jar"))  # CI installs Jena
    assert jars and got["apache jena"] == jars[-1].removeprefix("jena-shacl-").removesuffix(".jar") + " in /usr/share/java"
    assert got["virtuoso"].startswith(shutil.which("virtuoso-t") + " (Version 7.")
    assert got["chromium"].startswith("/usr/bin/chromium (Chromium ")
    assert got["node"].startswith(shutil.which("node") + " (v")
    assert got["build cache"].startswith(f"{tmp_path / '.cache' / 'honlea-kg'} (not created yet")
    assert got["default base IRI"].startswith(DEFAULT_BASE + " ")
    assert got["project files"].startswith(str(ROOT))


def test_doctor_names_the_packages_of_what_is_missing(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    done = subprocess.run([sys.executable, "-m", "honlea_kg.cli", "doctor"], capture_output=True, text=True,
                          env={**os.environ, "PATH": str(empty), "HONLEA_KG_JAVA_DIR": str(empty)})
    assert done.returncode == 0, done.stderr  # optional programs missing: still 0
    got = lines_of(done.stdout)
    assert got["java"].startswith("not found (java not on PATH): Debian package default-jre-headless")
    assert "Debian package libapache-jena-java" in got["apache jena"] and "auto falls back" in got["apache jena"]
    assert got["virtuoso"].startswith("not found (virtuoso-t not on PATH): Debian package virtuoso-opensource")
    assert got["chromium"].startswith("not found") and got["npm"].startswith("not found")
    assert got["HONLEA_KG_JAVA_DIR"] == str(empty)
