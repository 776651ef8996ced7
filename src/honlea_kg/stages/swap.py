"""Swap in: the staging folder becomes ``--out`` by renames, and the build is recorded.

The folder it replaces becomes the spare the next build starts from (:mod:`honlea_kg.outdir`).

``build-info.json`` (when and with which version the build ran, from which files) is written
last into the staging folder; its SHA-256 names the build's state in the per-document index
(:meth:`~honlea_kg.docindex.DocIndex.save_state`), recorded *before* the rename, so
whatever point a build is killed at, the folder ``--out`` holds and the state recorded for it
agree (a state whose folder never got its ``build-info.json`` is simply never asked for).
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path


def display_path(path: Path) -> str:
    """A report's path relative to the working directory when it lies below it (so a published
    build-info.json does not reveal the builder's folders), else as given."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def write_build_info(out: Path, base_iri: str, reports: list) -> None:
    """Write ``build-info.json``: when and with which version the build ran, from which files
    (``reports``: :class:`~honlea_kg.stages.report.ReportOutcome`, in input order, with the
    SHA-256 of each published graph's N-Triples).

    This is the only output file that changes between two builds of the same input.
    """
    from .. import __version__

    info = {
        "generator": f"honlea-kg {__version__}",
        "built_at": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "base_iri": base_iri,
        "reports": [{"file": display_path(r.path), "meeting": r.meeting, "graph": r.graph_iri, "triples": r.triples,
                     "sha256": r.digest, "error": r.error, "coverage": list(r.coverage)} for r in reports],
    }
    (out / "build-info.json").write_text(json.dumps(info, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def swap_in(staging: Path, out: Path) -> None:
    """Replace ``out`` with ``staging`` by renames, so readers never see a half-written folder;
    the folder replaced is kept as the next build's spare (:func:`honlea_kg.outdir.swap_in`)."""
    from .. import outdir

    outdir.swap_in(staging, out)
