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

from rdflib import Graph

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
    report_iri: str | None = None
    text: str | None = None  # the normalised text the selectors point into
    findings: list = field(default_factory=list)  # SHACL results of the report's own graph
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
        outcome.report_iri = iris.report(ref.series, ref.ordinal)
        outcome.text = source.text
        outcome.warnings = list(source.warnings) + list(doc.warnings) + list(facts.warnings)
    except HonleaError as exc:
        outcome.error = str(exc)
    except Exception as exc:  # a bug, not bad input: still never stop the other reports
        outcome.error = f"{path}: internal error: {type(exc).__name__}: {exc}"
    return outcome


def assemble(outcomes: list[ReportOutcome]) -> list:
    """The quads of all successfully built reports: one named graph per report.

    Two reports of the same meeting (e.g. the same file twice) share one named graph, so the
    same entities appear once.
    """
    import pyoxigraph as ox

    quads = set()
    for o in outcomes:
        if o.error or o.ntriples is None:
            continue
        graph = ox.NamedNode(o.graph_iri)
        for t in ox.parse(o.ntriples.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES):
            quads.add(ox.Quad(t.subject, t.predicate, t.object, graph))
    return sorted(quads, key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object)))


def rdflib_union(quads: list) -> Graph:
    """All triples of all named graphs in one plain rdflib :class:`Graph` (for validation)."""
    from .query import to_rdflib
    from .vocab import bind_prefixes

    g = Graph()
    bind_prefixes(g)
    for q in quads:
        g.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
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


def write_build_info(out: Path, settings: BuildSettings, result: BuildResult) -> None:
    """Write ``build-info.json``: when and with which version the build ran, from which files.

    This is the only output file that changes between two builds of the same input.
    """
    import datetime
    import json

    from . import __version__

    info = {
        "generator": f"honlea-kg {__version__}",
        "built_at": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "base_iri": settings.base_iri,
        "reports": [{"file": str(r.path), "meeting": r.meeting, "graph": r.graph_iri, "triples": r.triples,
                     "error": r.error} for r in result.reports],
    }
    (out / "build-info.json").write_text(json.dumps(info, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


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
    quads = assemble(good)
    union = rdflib_union(quads)
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
    staging.chmod(0o755)  # mkdtemp makes 0700; a web server must be able to read the site
    try:
        texts = {o.report_iri: (o.text, o.path.name) for o in good if o.report_iri}
        figures = publish(quads, staging, IriPolicy(settings.base_iri), texts)
        result.pages = figures["pages"]
        write_build_info(staging, settings, result)
        swap_in(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    result.published = True
    result.out = out
    result.seconds = time.monotonic() - t0
    return result
