"""Collect inputs: report files and folders -> the sorted list of report files to build.

A build names its inputs as paths (files and folders) or as changes to the inputs of an
existing output (``--add FILE``, ``--remove FILE``: :func:`previous_files` reads what that
output was built from).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from ..model import HonleaError
from ..reader import REPORT_SUFFIXES

#: The end of the notice for a README skipped in an input folder (skipped by design; the
#: command line shows it only with ``--verbose``).
README_SKIPPED = "skipped (README)"


@dataclass
class Inputs:
    """The report files of a build in input order (folders expanded, sorted), and one-line
    notices about what was skipped or missing (``PATH: error: ...`` for a missing path)."""

    files: list[Path] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)


def collect_inputs(inputs: Iterable[Path]) -> tuple[list[Path], list[str]]:
    """Expand files and folders into report files, sorted; return (files, notices).

    In a folder, files ending ``.txt``, ``.md``, ``.pdf`` or ``.docx`` are reports; ``README*``,
    dotfiles and anything else are skipped with a one-line notice.  A missing path is a notice
    too (and counts as a failed input for the exit code).
    """
    files: list[Path] = []
    notices: list[str] = []
    for item in inputs:
        item = Path(item)
        if item.is_dir():
            for path in sorted(item.rglob("*")):
                if path.is_dir():
                    continue
                rel = path.relative_to(item)
                if any(part.startswith(".") for part in rel.parts):
                    notices.append(f"{path}: skipped (hidden file)")
                elif path.name.upper().startswith("README"):
                    notices.append(f"{path}: {README_SKIPPED}")
                elif path.suffix.lower() not in REPORT_SUFFIXES:
                    notices.append(f"{path}: skipped (not a report file: expected {', '.join(REPORT_SUFFIXES)})")
                else:
                    files.append(path)
        elif item.is_file() or item.exists():  # a FIFO or device is refused by name when read
            files.append(item)
        else:
            notices.append(f"{item}: error: no such file or folder")
    return files, notices


def collect(inputs: Iterable[Path]) -> Inputs:
    """:func:`collect_inputs` as an :class:`Inputs`."""
    files, notices = collect_inputs(inputs)
    return Inputs(files, notices)


def previous_files(out: Path) -> list[Path]:
    """The report files the build in ``out`` was made from (its ``build-info.json``, in the
    order it lists them; a path relative there is relative to the working directory, as the
    build wrote it).

    :raises HonleaError: when ``out`` holds no build (nothing to add to).
    """
    try:
        info = json.loads((Path(out) / "build-info.json").read_text(encoding="utf-8"))
        files = [Path(r["file"]) for r in info["reports"]]
    except (OSError, ValueError, KeyError, TypeError):
        raise HonleaError(f"{out}: no build to add to or remove from (no readable build-info.json); "
                          "build the corpus first") from None
    return files


def changed_inputs(out: Path, add: Iterable[Path] = (), remove: Iterable[Path] = ()) -> list[Path]:
    """The inputs of a build that adds ``add`` to, and takes ``remove`` from, the report files
    the build in ``out`` was made from.  A removed file is matched by its resolved path.

    :raises HonleaError: when ``out`` holds no build, or a file to remove is not one of its
        reports.
    """
    files = previous_files(out)
    resolved = {f.resolve(): f for f in files}
    for r in remove:
        if Path(r).resolve() not in resolved:
            raise HonleaError(f"{r}: not one of the reports of {out} (see its build-info.json)")
    gone = {Path(r).resolve() for r in remove}
    kept = [f for f in files if f.resolve() not in gone]
    known = {f.resolve() for f in kept}
    return kept + [Path(a) for a in add if Path(a).resolve() not in known]
