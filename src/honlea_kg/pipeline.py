"""The build: report files -> one graph per report -> validation -> atomic publishing.

Each report is handled by :func:`build_report`, a pure function of (path, base IRI) that never
raises for a bad report: it returns a :class:`ReportOutcome` with either the report's triples or
the error, so one bad report never stops the others.  The published folder is written anew
beside the output folder and swapped in only when the build succeeded, so a failed build never
damages the last good output.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from rdflib import Dataset, Graph, URIRef

from .config import BuildSettings
from .iris import IriPolicy
from .model import HonleaError
from .reader import REPORT_SUFFIXES


@dataclass
class ReportOutcome:
    """What building one report gave: the triples as N-Triples text (picklable, cacheable) or
    the error; ``warnings`` are non-fatal problems naming file and line."""

    path: Path
    meeting: str | None = None
    graph_iri: str | None = None
    ntriples: str | None = None
    triples: int = 0
    error: str | None = None
    warnings: list[str] = field(default_factory=list)


@dataclass
class BuildResult:
    """The outcome of a whole build."""

    reports: list[ReportOutcome]
    notices: list[str]
    triples: int = 0
    pages: int = 0
    seconds: float = 0.0
    published: bool = False
    validation: object | None = None
    out: Path | None = None

    @property
    def failed(self) -> list[ReportOutcome]:
        return [r for r in self.reports if r.error]


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
                    notices.append(f"{path}: skipped (README)")
                elif path.suffix.lower() not in REPORT_SUFFIXES:
                    notices.append(f"{path}: skipped (not a report file: expected {', '.join(REPORT_SUFFIXES)})")
                else:
                    files.append(path)
        elif item.is_file():
            files.append(item)
        else:
            notices.append(f"{item}: error: no such file or folder")
    return files, notices


def build_report(path: Path, base_iri: str) -> ReportOutcome:
    """Read, segment, extract and map one report; never raises for a bad report."""
    from .extract.report import extract
    from .mapping import map_report
    from .reader import read_report
    from .segment import segment

    outcome = ReportOutcome(path=Path(path))
    try:
        iris = IriPolicy(base_iri)
        source = read_report(path)
        doc = segment(source)
        facts = extract(doc)
        graph = map_report(facts, iris)
        ref = facts.meeting.ref
        outcome.meeting = ref.key
        outcome.graph_iri = iris.graph(ref.series, ref.ordinal)
        outcome.ntriples = graph.serialize(format="nt")
        outcome.triples = len(graph)
        outcome.warnings = list(source.warnings) + list(doc.warnings) + list(facts.warnings)
    except HonleaError as exc:
        outcome.error = str(exc)
    except Exception as exc:  # a bug, not bad input: still never stop the other reports
        outcome.error = f"{path}: internal error: {type(exc).__name__}: {exc}"
    return outcome


def assemble(outcomes: list[ReportOutcome]) -> Dataset:
    """One rdflib :class:`Dataset` with a named graph per successfully built report.

    Two reports of the same meeting (e.g. the same file twice) share one named graph, so the
    same entities appear once.
    """
    from .vocab import bind_prefixes

    ds = Dataset()
    bind_prefixes(ds)
    for o in outcomes:
        if o.error or o.ntriples is None:
            continue
        ds.graph(URIRef(o.graph_iri)).parse(data=o.ntriples, format="nt")
    return ds


def union_graph(ds: Dataset) -> Graph:
    """All triples of all named graphs in one plain :class:`Graph` (for validation)."""
    from .vocab import bind_prefixes

    g = Graph()
    bind_prefixes(g)
    for quad in ds.quads((None, None, None, None)):
        g.add(quad[:3])
    return g


def swap_in(staging: Path, out: Path) -> None:
    """Replace ``out`` with ``staging`` by renames, so readers never see a half-written folder."""
    out = Path(out)
    old = None
    if out.exists():
        old = out.with_name(f".{out.name}.old-{os.getpid()}")
        if old.exists():
            shutil.rmtree(old)
        os.replace(out, old)
    os.replace(staging, out)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def run_build(settings: BuildSettings, progress: Callable[[str], None] | None = None) -> BuildResult:
    """Run a whole build; publish to ``settings.out`` only if validation passes.

    ``progress`` (optional) is called with each report's path as it is built.
    """
    from .publish.site import publish
    from .validate import validate_graph

    t0 = time.monotonic()
    files, notices = collect_inputs(settings.inputs)
    outcomes = []
    for path in files:
        if progress:
            progress(str(path))
        outcomes.append(build_report(path, settings.base_iri))
    result = BuildResult(reports=outcomes, notices=notices)
    good = [o for o in outcomes if not o.error]
    if not good:
        result.seconds = time.monotonic() - t0
        return result
    ds = assemble(good)
    from .schemes import scheme_graph  # the controlled lists, as one named graph

    schemes_iris = IriPolicy(settings.base_iri)
    ds.graph(URIRef(schemes_iris.schemes_graph())).__iadd__(scheme_graph(schemes_iris))
    union = union_graph(ds)
    result.triples = len(union)
    if settings.validate:
        outcome = validate_graph(union)
        result.validation = outcome
        if not outcome.conforms:
            result.seconds = time.monotonic() - t0
            return result
    out = Path(settings.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    try:
        result.pages = publish(ds, union, staging, IriPolicy(settings.base_iri), result)
        swap_in(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    result.published = True
    result.out = out
    result.seconds = time.monotonic() - t0
    return result
