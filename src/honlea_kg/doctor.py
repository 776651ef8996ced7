"""``honlea-kg doctor``: what a user needs to know before reporting a problem.

:func:`checks` returns one :class:`Check` per line: the versions of honlea-kg, Python and the
libraries the build depends on; whether the optional programs are found (Java and Apache Jena
for ``--validator jena``, Virtuoso for ``load``/``query --endpoint`` and its tests, Chromium,
Node.js and npm for the browser test) with their versions and, when missing, the Debian package
that provides them; where the project files and the build cache are; and the default base IRI.
Nothing here changes anything; each external program is asked for its version with a timeout.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from . import __version__

#: Distributions whose versions are printed (the build's dependencies in ``pyproject.toml``).
PACKAGES = ("rdflib", "pyshacl", "pyoxigraph", "SPARQLWrapper", "jinja2", "click", "pycountry", "pypdf",
            "python-docx")

_INSTALL = "scripts/install-system-deps.sh (as root, or through sudo)"


@dataclass(frozen=True)
class Check:
    """One line of the report: ``name``, ``value`` (what was found, or how to get it) and ``ok``
    (False when something is missing; missing optional programs do not stop the build)."""

    name: str
    value: str
    ok: bool = True


def _version_of(cmd: list[str], pattern: str = r".+") -> str | None:
    """The first line of ``cmd``'s output matching ``pattern`` (stdout, then stderr), or ``None``."""
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=15)
    except (OSError, subprocess.SubprocessError):
        return None
    for line in (done.stdout + "\n" + done.stderr).splitlines():
        if re.search(pattern, line.strip()):
            return line.strip()
    return None


def _program(name: str, command: str, version_args: list[str], package: str, why: str,
             pattern: str = r".+") -> Check:
    path = shutil.which(command)
    if path is None:
        return Check(name, f"not found ({command} not on PATH): Debian package {package}, {_INSTALL}; {why}", False)
    version = _version_of([path, *version_args], pattern)
    return Check(name, f"{path}{f' ({version})' if version else ''}")


def _jena() -> Check:
    from . import jena

    lacking = jena.missing()
    if lacking:
        return Check("apache jena", f"not found: {lacking}; {_INSTALL}; --validator jena needs it, auto "
                                    "falls back to pyshacl", False)
    versions = sorted(m.group(1) for p in jena.JAVA_DIR.glob("jena-shacl-*.jar")
                      if (m := re.match(r"jena-shacl-(.+)\.jar$", p.name)))
    return Check("apache jena", f"{versions[-1] if versions else 'found'} in {jena.JAVA_DIR}")


def _cache(default_cache: Path) -> Check:
    path = default_cache if default_cache.is_absolute() else Path.cwd() / default_cache
    state = "exists" if path.is_dir() else "not created yet"
    where = "; the default is relative to the current folder" if not default_cache.is_absolute() else ""
    return Check("build cache", f"{path} ({state}{where}; build --cache DIR or --no-cache)")


def checks() -> list[Check]:
    """Everything :func:`render` prints, in order (see the module docstring)."""
    from .config import DEFAULT_CACHE, DEFAULT_OUT, PROJECT_ROOT
    from .iris import DEFAULT_BASE, VOCAB
    from .jena import FIX_DIR

    found = []
    for dist in PACKAGES:
        try:
            found.append(f"{dist} {metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            found.append(f"{dist} MISSING")
    missing_dists = [p for p in found if p.endswith("MISSING")]
    out = [
        Check("honlea-kg", f"{__version__} ({Path(__file__).resolve().parent})"),
        Check("python", f"{sys.version.split()[0]} ({sys.executable})"),
        Check("libraries", ", ".join(found) + (" (run: .venv/bin/pip install -e '.[test]')" if missing_dists else ""),
              not missing_dists),
        _program("java", "java", ["-version"], "default-jre-headless", "Apache Jena runs in it", r"version"),
        _jena(),
        _program("virtuoso", "virtuoso-t", ["--help"], "virtuoso-opensource",
                 "only scripts/virtuoso.sh and its tests need it", r"^Version"),
        _program("chromium", "chromium", ["--version"], "chromium", "only the browser test needs it", r"\d"),
        _program("node", "node", ["--version"], "nodejs", "only the browser test's npm packages need it", r"\d"),
        _program("npm", "npm", ["--version"], "npm", "only the browser test's npm packages need it", r"\d"),
        Check("project files", f"{PROJECT_ROOT} (ontology/, shapes/, queries/, corpus/; HONLEA_KG_HOME overrides)"),
        _cache(DEFAULT_CACHE),
        Check("jena cache", f"{FIX_DIR}"),
        Check("default output", f"{DEFAULT_OUT}/ (build --out DIR)"),
        Check("default base IRI", f"{DEFAULT_BASE} (build --base-iri IRI)"),
        Check("vocabulary", f"{VOCAB} (prefix hl:)"),
    ]
    if os.environ.get("HONLEA_KG_JAVA_DIR"):
        out.insert(5, Check("HONLEA_KG_JAVA_DIR", os.environ["HONLEA_KG_JAVA_DIR"]))
    return out


def render(items: list[Check]) -> str:
    """One ``name: value`` line per check, names aligned, no trailing spaces."""
    width = max(len(c.name) for c in items) + 1
    return "".join(f"{(c.name + ':').ljust(width)} {c.value}".rstrip() + "\n" for c in items)
