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
from functools import lru_cache
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
    coverage: list[str] = field(default_factory=list)  # the coverage diagnostics among ``warnings``
    validated: bool = False  # True when ``findings`` come from validating this report's graph
    seconds: dict = field(default_factory=dict)  # stage -> seconds spent in the worker
    cached: bool = False  # True when taken from the build cache
    duplicate_of: Path | None = None  # the file kept for the same meeting, when this one was left out


@dataclass
class BuildResult:
    """The outcome of a whole build."""

    reports: list[ReportOutcome]
    notices: list[str]
    triples: int = 0
    pages: int = 0
    seconds: float = 0.0
    published: bool = False
    blocked_by_strict: bool = False
    validation: object | None = None
    out: Path | None = None
    stages: dict = field(default_factory=dict)  # stage name -> seconds (see STAGES)
    cache_hits: int = 0
    cache_misses: int = 0
    cache_corrupt: int = 0
    pages_reused: int = 0  # entity documents hard-linked from the last build instead of rendered
    report_validator: str | None = None  # engine of the per-report validation: pyshacl | jena

    @property
    def failed(self) -> list[ReportOutcome]:
        return [r for r in self.reports if r.error]


#: The end of the notice for a README skipped in an input folder (skipped by design; the
#: command line shows it only with ``--verbose``).
README_SKIPPED = "skipped (README)"


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
        elif item.is_file():
            files.append(item)
        else:
            notices.append(f"{item}: error: no such file or folder")
    return files, notices


#: Stages of a build, in order, as :attr:`BuildResult.stages` and the benchmark name them.
#: ``read``/``segment``/``extract``/``map``/``validate`` (per report) are summed over reports
#: (CPU seconds in the workers); the others are wall seconds in the main process.
STAGES = ("read", "segment", "extract", "map", "validate", "assemble", "validate cross-report",
          "publish dumps", "publish pages", "validate wait")


@lru_cache(maxsize=1)
def _shapes_and_ontology():
    """Shapes and ontology graphs, parsed once per process (each pool worker keeps its own)."""
    from .validate import load_ontology, load_shapes

    return load_shapes(), load_ontology()


def build_report(path: Path, base_iri: str, validate: bool = False, pieces_dir: Path | None = None) -> ReportOutcome:
    """Read, segment, extract and map one report; never raises for a bad report.

    With ``validate``, the report's own graph is also checked with pyshacl (on rdflib's in-memory
    graph as the mapper made it: an oxrdflib-backed graph gives false ``sh:in`` results,
    performance.md section 3) and the findings are kept in the outcome.  A pure function of
    the file's bytes, its path, ``base_iri`` and the code: safe to run in a worker process.
    ``ntriples`` is canonical (:func:`~honlea_kg.publish.dumps.canonical_ntriples`: sorted,
    distinct); with ``pieces_dir`` the report's dump pieces are written there too
    (:func:`~honlea_kg.publish.dumps.ensure_pieces`), so the main process only concatenates.
    """
    from .extract.report import extract
    from .mapping import map_report_triples, ntriples_of
    from .reader import read_report
    from .segment import segment

    outcome = ReportOutcome(path=Path(path))
    clock = time.process_time
    times = outcome.seconds
    try:
        iris = IriPolicy(base_iri)
        t = clock()
        source = read_report(path)
        times["read"] = clock() - t
        t = clock()
        doc = segment(source)
        times["segment"] = clock() - t
        t = clock()
        facts = extract(doc)
        times["extract"] = clock() - t
        t = clock()
        triples = map_report_triples(facts, iris)
        ref = facts.meeting.ref
        outcome.meeting = ref.key
        outcome.graph_iri = iris.graph(ref.series, ref.slot)

        from .publish.dumps import ensure_pieces

        nt_data = ntriples_of(triples)
        outcome.ntriples = nt_data.decode("utf-8")
        outcome.triples = len(triples)
        outcome.report_iri = iris.report(ref.series, ref.slot)
        outcome.text = source.text
        outcome.warnings = list(source.warnings) + list(doc.warnings) + list(facts.warnings) + list(facts.coverage)
        outcome.coverage = list(facts.coverage)
        if pieces_dir is not None:
            ensure_pieces(pieces_dir, nt_data)
        times["map"] = clock() - t
        if validate:
            from .validate import validate_graph

            t = clock()
            graph = Graph()
            for triple in triples:
                graph.add(triple)
            shapes, ontology = _shapes_and_ontology()
            outcome.findings = validate_graph(graph, shapes, ontology).findings
            outcome.validated = True
            times["validate"] = clock() - t
    except HonleaError as exc:
        outcome.error = str(exc)
    except Exception as exc:  # a bug, not bad input: still never stop the other reports
        outcome.error = f"{path}: internal error: {type(exc).__name__}: {exc}"
    return outcome


def _build_task(args) -> ReportOutcome:
    return build_report(*args)


def build_reports(files: list[Path], base_iri: str, validate: bool = False, jobs: int | None = None,
                  cache_dir: Path | None = None, pieces_dir: Path | None = None,
                  progress: Callable[[str], None] | None = None,
                  batch_validator: Callable[[int], "object | None"] | None = None
                  ) -> tuple[list[ReportOutcome], "object | None", "object | None"]:
    """Build every report, from the cache where possible, the rest in a process pool.

    ``jobs``: worker processes (``None`` = number of cores; 1 = in this process).
    ``cache_dir``: the build cache folder (``None`` = no cache).  ``pieces_dir``: where the
    workers write each report's dump pieces (``None`` = not in the workers).  Returns the outcomes in the
    order of ``files``, the :class:`~honlea_kg.cache.ReportCache` used (or ``None``) and the
    batch validator used (or ``None``).  The result does not depend on ``jobs`` or on the
    cache: each report is a pure function.

    ``batch_validator`` (used with ``validate``): called with the number of reports not in the
    cache, it returns a :class:`~honlea_kg.batches.JenaBatchValidator` or ``None``.  With one,
    the workers skip pyshacl, each fresh report is submitted to it as it arrives and is cached
    once validated (its ``on_validated`` is set here); the caller must ``close()`` it before
    reading the findings.
    """
    from .cache import ReportCache, entry_key, outcome_payload
    from .validate import Finding

    cache = ReportCache(cache_dir) if cache_dir is not None else None
    outcomes: list[ReportOutcome | None] = [None] * len(files)
    keys: list[str | None] = [None] * len(files)
    todo = []
    for i, path in enumerate(files):
        if cache is not None:
            try:
                data = Path(path).read_bytes()
            except OSError:
                data = None
            if data is not None:
                keys[i] = entry_key(data, str(path), base_iri, validate)
                payload = cache.get(keys[i])
                if payload is not None:
                    payload.pop("key", None)
                    findings = [Finding(**f) for f in payload.pop("findings")]
                    outcomes[i] = ReportOutcome(path=Path(path), findings=findings, cached=True, **payload)
                    if progress:
                        progress(str(path))
                    continue
        todo.append(i)
    deferred = batch_validator(len(todo)) if validate and todo and batch_validator is not None else None
    if deferred is not None:
        key_of: dict[int, str] = {}

        def cache_it(outcome) -> None:
            key = key_of.get(id(outcome))
            if cache is not None and key is not None:
                cache.put(key, outcome_payload(outcome))

        deferred.on_validated = cache_it
    in_worker = validate and deferred is None
    jobs = jobs or os.cpu_count() or 1
    jobs = max(1, min(jobs, len(todo)))
    if jobs == 1:
        results = (build_report(files[i], base_iri, in_worker, pieces_dir) for i in todo)
        pool = None
    else:
        import multiprocessing as mp
        from concurrent.futures import ProcessPoolExecutor

        # fork is cheap and inherits the imported modules; the work is a pure function anyway
        ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else None
        pool = ProcessPoolExecutor(max_workers=jobs, mp_context=ctx)
        chunk = max(1, min(16, len(todo) // (jobs * 4)))
        results = pool.map(_build_task, [(files[i], base_iri, in_worker, pieces_dir) for i in todo], chunksize=chunk)
    try:
        for i, outcome in zip(todo, results):
            outcomes[i] = outcome
            if progress:
                progress(str(files[i]))
            if deferred is not None and not outcome.error:
                if keys[i] is not None:
                    key_of[id(outcome)] = keys[i]
                deferred.submit(outcome)  # cached by the validator once validated
            elif cache is not None and keys[i] is not None and "internal error" not in (outcome.error or ""):
                cache.put(keys[i], outcome_payload(outcome))
    except BaseException:
        if deferred is not None:
            deferred.cancel()
        raise
    finally:
        if pool is not None:
            pool.shutdown()
    if deferred is not None:
        deferred.flush()
    return outcomes, cache, deferred


def assemble(outcomes: list[ReportOutcome]) -> list:
    """The quads of all successfully built reports: one named graph per report.

    Two reports of the same meeting (e.g. the same file twice) share one named graph, so the
    same entities appear once.
    """
    return assemble_indexed(outcomes)[0]


def assemble_indexed(outcomes: list[ReportOutcome]) -> tuple[list, set[str]]:
    """:func:`assemble`, and the IRIs that are the subject of triples in two or more reports
    (the nodes whose constraints only the union of the reports can decide).

    Linear in triples: each report's N-Triples is parsed once with pyoxigraph.
    """
    import pyoxigraph as ox

    quads: dict = {}
    owner: dict[str, int] = {}
    shared: set[str] = set()
    order = sorted((o.graph_iri, n) for n, o in enumerate(outcomes) if not o.error and o.ntriples is not None)
    for graph_iri, n in order:
        o = outcomes[n]
        graph = ox.NamedNode(graph_iri)
        for t in ox.parse(o.ntriples.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES):
            s = t.subject
            quads[ox.Quad(s, t.predicate, t.object, graph)] = None
            if isinstance(s, ox.NamedNode):
                first = owner.setdefault(s.value, n)
                if first != n:
                    shared.add(s.value)
    # Graph by graph (sorted by IRI), each graph's triples in canonical order (the workers'
    # N-Triples is sorted): the order a full sort would give for single-report graphs, without
    # sorting millions of quads by string keys.
    return list(quads), shared


def shared_subjects(outcomes: list[ReportOutcome]) -> set[str]:
    """The IRIs that are the subject of triples in two or more of the reports (as
    :func:`assemble_indexed` gives them), read from their canonical N-Triples lines without
    building a triple object per line."""
    from .batches import subjects_of

    owner: dict[str, int] = {}
    shared: set[str] = set()
    for n, o in enumerate(outcomes):
        if o.error or o.ntriples is None:
            continue
        for subject in subjects_of(o.ntriples):
            if owner.setdefault(subject, n) != n:
                shared.add(subject)
    return shared


def _recheck_lines(outcomes: list[ReportOutcome], recheck: set[str]) -> list[str]:
    """The distinct N-Triples lines of the reports whose subject is in ``recheck``, plus the
    ``rdf:type`` lines of the IRIs they point to (two passes over the lines)."""
    rdf_type = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
    picked: dict[str, None] = {}
    objects: set[str] = set()
    texts = [o.ntriples for o in outcomes if not o.error and o.ntriples is not None]
    for text in texts:
        for line in text.splitlines():
            if line.startswith("<") and line[1:line.index(">")] in recheck:
                picked[line] = None
                rest = line[line.index(">", line.index(">") + 3) + 2:]
                if rest.startswith("<"):
                    objects.add(rest[1:rest.index(">")])
    for text in texts:
        for line in text.splitlines():
            if line.startswith("<") and f"> {rdf_type} <" in line and line[1:line.index(">")] in objects:
                picked[line] = None
    return list(picked)


def _lines_graph(lines: list[str]) -> Graph:
    """An rdflib Graph of N-Triples lines (parsed by pyoxigraph)."""
    return rdflib_graph_of("".join(line + "\n" for line in lines))


def rdflib_graph_of(ntriples: str) -> Graph:
    """A plain rdflib :class:`Graph` of N-Triples text, parsed by pyoxigraph (rdflib's own
    parser reads about 13k triples/s)."""
    import pyoxigraph as ox

    from .query import to_rdflib

    g = Graph()
    if ntriples:
        for t in ox.parse(ntriples.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES):
            g.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
    return g


def _validate_lines(validator: str, lines: list[str], shapes, ontology, foci: set[str] | None = None):
    """Validate the graph of ``lines`` with ``validator`` (as :func:`_validate_with`); Jena
    reads the lines from a file, so no rdflib graph is built for it (building and serialising
    one cost more than Jena's validation at 1,000 reports)."""
    from . import jena

    if _cross_engine(validator, len(lines)) == "jena":
        with tempfile.TemporaryDirectory(prefix="honlea-validate-") as tmp:
            path = Path(tmp) / "data.nt"
            path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
            return jena.validate_file(path, shapes, ontology, foci=foci)
    from .validate import validate_graph

    return validate_graph(_lines_graph(lines), shapes, ontology)


def validate_reports(outcomes: list[ReportOutcome], quads: list | None, shared: set[str], validator: str = "auto"):
    """Validation of the union graph from per-report results plus one cross-report pass.

    ``quads``: the union's quads or its distinct triples (only subject, predicate and object
    are read), or ``None``: then the outcomes' N-Triples lines are read
    (:func:`_recheck_lines`).

    Every report's own graph was validated in its worker (:func:`build_report` with
    ``validate``).  A node's result can only change in the union when its triples come from
    several reports (``shared``, from :func:`assemble_indexed`) or when it already failed in its
    own report (say ``sh:class`` of a node typed only in another report).  Those nodes are
    validated once more on their triples in the union plus the ``rdf:type`` triples of the nodes
    they point to; their per-report findings are replaced by that pass's.  This gives the
    findings of validating the whole union for constraints whose paths are one step long and
    whose value nodes need only their types (all of ``shapes/``; a ``sh:sparql`` constraint or a
    longer path reaching into another report would need the whole-graph pass,
    :func:`~honlea_kg.validate.validate_graph` on :func:`rdflib_union`).

    ``validator`` picks the engine of the cross-report pass: ``pyshacl``, ``jena``
    (:mod:`honlea_kg.jena`, Apache Jena SHACL in a JVM) or ``auto`` (Jena when the pass's graph
    has more than :data:`honlea_kg.jena.AUTO_THRESHOLD` triples and Jena is installed).

    Returns a :class:`~honlea_kg.validate.ValidationOutcome` (``report`` is ``None``).
    """
    import pyoxigraph as ox
    from rdflib import Graph

    from .query import to_rdflib
    from .validate import ValidationOutcome

    recheck = set(shared)
    for o in outcomes:
        recheck.update(f.focus for f in o.findings if ":" in f.focus)  # IRIs; blank nodes stay per report
    findings = [f for o in outcomes for f in o.findings if f.focus not in recheck]
    if recheck and quads is None:
        shapes, ontology = _shapes_and_ontology()
        lines = _recheck_lines(outcomes, recheck)
        findings += [f for f in _validate_lines(validator, lines, shapes, ontology, foci=recheck).findings
                     if f.focus in recheck]
    elif recheck:
        rdf_type = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
        picked, objects, types = [], set(), {}
        for q in quads:
            s = q.subject
            if not isinstance(s, ox.NamedNode):
                continue
            if s.value in recheck:
                picked.append(q)
                if isinstance(q.object, ox.NamedNode):
                    objects.add(q.object.value)
            elif q.predicate.value == rdf_type:
                types.setdefault(s.value, []).append(q)
        g = Graph()
        for q in picked + [q for o in sorted(objects) for q in types.get(o, ())]:
            g.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
        shapes, ontology = _shapes_and_ontology()
        findings += [f for f in _validate_with(validator, g, shapes, ontology).findings if f.focus in recheck]
    unique = {(f.severity, f.shape, f.focus, f.path, f.value, f.message): f for f in findings}
    findings = sorted(unique.values(), key=lambda f: (f.severity != "Violation", f.shape, f.focus, f.path or "",
                                                      f.value or ""))
    return ValidationOutcome(conforms=not any(f.severity == "Violation" for f in findings), findings=findings)


def merged_graphs(outcomes: list[ReportOutcome]) -> list[tuple[str, bytes]]:
    """(graph IRI, canonical N-Triples as ``str`` or ``bytes``) per named graph; reports sharing a graph (the same meeting
    twice) are merged into one canonical chunk."""
    from .publish.dumps import canonical_ntriples

    by_graph: dict[str, list[ReportOutcome]] = {}
    for o in outcomes:
        if not o.error and o.ntriples is not None:
            by_graph.setdefault(o.graph_iri, []).append(o)
    graphs = []
    for graph, group in by_graph.items():
        if len(group) == 1:
            graphs.append((graph, group[0].ntriples))  # str: encoded one graph at a time when written
        else:
            import pyoxigraph as ox

            triples = [t for o in group for t in ox.parse(o.ntriples.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)]
            graphs.append((graph, canonical_ntriples(triples)))
    return graphs


VALIDATORS = ("auto", "pyshacl", "jena")


def _cross_engine(validator: str, size: int) -> str:
    """The engine of a cross-report pass over ``size`` triples: ``jena`` or ``pyshacl``
    (``auto``: Jena above :data:`honlea_kg.jena.AUTO_THRESHOLD` triples when installed).

    :raises HonleaError: for an unknown validator name.
    """
    from . import jena

    if validator not in VALIDATORS:
        raise HonleaError(f"unknown validator {validator!r}: expected one of {', '.join(VALIDATORS)}")
    if validator == "auto":
        return "jena" if size > jena.AUTO_THRESHOLD and jena.available() else "pyshacl"
    return validator


def _validate_with(validator: str, g: Graph, shapes, ontology):
    """Validate ``g`` with the engine ``validator`` names (see :func:`validate_reports`)."""
    from . import jena
    from .validate import validate_graph

    if _cross_engine(validator, len(g)) == "jena":
        with tempfile.TemporaryDirectory(prefix="honlea-validate-") as tmp:
            path = Path(tmp) / "data.nt"
            g.serialize(path, format="nt", encoding="utf-8")
            return jena.validate_file(path, shapes, ontology)
    return validate_graph(g, shapes, ontology)


def rdflib_union(quads: list) -> Graph:
    """All triples of all named graphs in one plain rdflib :class:`Graph` (for validation)."""
    from .query import to_rdflib
    from .vocab import bind_prefixes

    g = Graph()
    bind_prefixes(g)
    for q in quads:
        g.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
    return g


MANIFEST = "pages-manifest.json"


def page_salt(base_iri: str, dataset: dict | None = None) -> str:
    """What every page fingerprint includes besides its triples: the code version (package
    files, templates, ontology, shapes: :func:`~honlea_kg.cache.code_version`), the base IRI and
    the dataset's citation options (every page cites them)."""
    from .cache import code_version

    return f"{code_version()}\0{base_iri}\0{sorted((dataset or {}).items())!r}"


def _build_info_digest(out: Path) -> str | None:
    import hashlib

    try:
        return hashlib.sha256((Path(out) / "build-info.json").read_bytes()).hexdigest()
    except OSError:
        return None


def load_page_manifest(cache_dir: Path, out: Path, salt: str) -> dict[str, str] | None:
    """The page fingerprints of the last build into ``out`` (document IRI -> fingerprint), or
    ``None`` when there is none or ``out`` is not that build's output any more (its
    ``build-info.json``, unique per build, must have the digest the manifest recorded)."""
    import json

    try:
        data = json.loads((Path(cache_dir) / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("out") != str(Path(out).resolve()) or data.get("salt") != salt:
        return None
    digest = _build_info_digest(out)
    if digest is None or data.get("build_info") != digest:
        return None
    docs = data.get("docs")
    return docs if isinstance(docs, dict) else None


def save_page_manifest(cache_dir: Path, out: Path, salt: str, fingerprints: dict[str, str]) -> None:
    """Record the page fingerprints of the build just published into ``out`` (atomically)."""
    import json

    folder = Path(cache_dir)
    folder.mkdir(parents=True, exist_ok=True)
    body = json.dumps({"out": str(Path(out).resolve()), "salt": salt, "build_info": _build_info_digest(out),
                       "docs": fingerprints}, sort_keys=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=folder)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(body)
    os.replace(tmp, folder / MANIFEST)


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


def _display_path(path: Path) -> str:
    """A report's path relative to the working directory when it lies below it (so a published
    build-info.json does not reveal the builder's folders), else as given."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


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
        "reports": [{"file": _display_path(r.path), "meeting": r.meeting, "graph": r.graph_iri, "triples": r.triples,
                     "error": r.error, "coverage": list(r.coverage)} for r in result.reports],
    }
    (out / "build-info.json").write_text(json.dumps(info, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def one_report_per_meeting(outcomes: list[ReportOutcome]) -> list[ReportOutcome]:
    """Keep the first report (in input order) of each meeting; warn about the others.

    Two files of one meeting (the same report as .txt and .pdf, or a copy) would give the
    meeting's report two source files, hashes and titles; the graph publishes one report per
    meeting, so later files are left out with a warning naming the file kept.
    """
    kept: dict[str, ReportOutcome] = {}
    for o in outcomes:
        first = kept.get(o.meeting)
        if first is None:
            kept[o.meeting] = o
            continue
        same = first.text is not None and first.text == o.text
        o.duplicate_of = first.path
        o.warnings.append(f"{o.path}: reports the same meeting ({o.meeting}) as {first.path}"
                          f"{' with the same text' if same else ''}; left out: one report per meeting is published")
    return list(kept.values())


def strict_warnings(result: BuildResult) -> list[str]:
    """The warnings ``--strict`` makes fatal: report warnings (numbering gaps...), SHACL
    warnings, and input files skipped because they are not reports (README and dotfiles are
    skipped silently by design and do not count)."""
    found = [w for r in result.reports for w in r.warnings]
    found += [n for n in result.notices if "not a report file" in n]
    if result.validation is not None:
        found += [f.line() for f in result.validation.warnings]
    return found


def run_build(settings: BuildSettings, progress: Callable[[str], None] | None = None, *,
              jobs: int | None = None, cache_dir: Path | None = None) -> BuildResult:
    """Run a whole build; publish to ``settings.out`` only if validation passes.

    ``progress`` (optional) is called with each report's path as it is built.  ``jobs``: worker
    processes for the per-report stage (default ``settings.jobs``, ``None`` = number of cores).
    ``cache_dir``: the per-report build cache (default ``settings.cache_dir`` when that
    attribute exists, else no cache; see :mod:`honlea_kg.cache`).  The output is the same bytes
    (but ``build-info.json``) whatever ``jobs`` and the cache state are.
    """
    t0 = time.monotonic()
    jobs = jobs if jobs is not None else settings.jobs
    if cache_dir is None:
        cache_dir = getattr(settings, "cache_dir", None)
    files, notices = collect_inputs(settings.inputs)
    out = Path(settings.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    scratch = None
    if cache_dir is not None:
        pieces_dir = Path(cache_dir) / "pieces"
    else:
        scratch = Path(tempfile.mkdtemp(prefix=f".{out.name}.pieces-", dir=out.parent))
        pieces_dir = scratch
    try:
        return _run_build(settings, progress, jobs, cache_dir, files, notices, out, pieces_dir, t0)
    finally:
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)


def choose_report_validator(validator: str, fresh: int) -> str:
    """The engine that validates each fresh report's own graph: ``pyshacl`` (in the workers)
    or ``jena`` (in batches, :mod:`honlea_kg.batches`).

    ``validator`` is the build's ``--validator``: ``pyshacl`` and ``jena`` are taken as said;
    ``auto`` picks Jena when at least :data:`~honlea_kg.batches.AUTO_MIN_REPORTS` reports need
    validating and Jena is installed, else pyshacl (the reference validator, and as fast as a
    JVM start for a few reports).

    :raises HonleaError: for an unknown validator name.
    """
    from . import jena
    from .batches import AUTO_MIN_REPORTS

    if validator not in VALIDATORS:
        raise HonleaError(f"unknown validator {validator!r}: expected one of {', '.join(VALIDATORS)}")
    if validator == "auto":
        return "jena" if fresh >= AUTO_MIN_REPORTS and jena.available() else "pyshacl"
    return validator


def _wait_search(job, stages: dict, notices: list[str]) -> None:
    """Wait for the site's search index (started by ``publish``); record its seconds in
    ``stages`` (``search index``: its whole run, ``search wait``: the part the build waited
    for) or, when Pagefind failed, a warning in ``notices``.  Returns ``None`` (the job is done)."""
    if job is None:
        return None
    from .publish.search import SearchIndexError
    from .publish.site import search_notice

    t = time.monotonic()
    try:
        stages["search index"] = job.wait()
    except SearchIndexError as exc:
        notices.append(search_notice(exc))
    stages["search wait"] = time.monotonic() - t
    return None


def _stop_search(job) -> None:
    """Stop the site's search indexing when the staging folder is dropped."""
    if job is not None:
        job.cancel()


def _run_build(settings, progress, jobs, cache_dir, files, notices, out, pieces_dir, t0) -> BuildResult:
    from .publish.site import publish

    validator = getattr(settings, "validator", "auto")
    engines: list[str] = []

    def batch_validator(fresh: int):
        engine = choose_report_validator(validator, fresh)
        engines.append(engine)
        if engine != "jena":
            return None
        from .batches import JenaBatchValidator

        shapes, ontology = _shapes_and_ontology()
        return JenaBatchValidator(shapes, ontology, workdir=out.parent)

    outcomes, cache, deferred = build_reports(files, settings.base_iri, validate=settings.validate, jobs=jobs,
                                              cache_dir=cache_dir, pieces_dir=pieces_dir, progress=progress,
                                              batch_validator=batch_validator)
    result = BuildResult(reports=outcomes, notices=notices)
    result.report_validator = engines[0] if engines else None
    stages = result.stages
    for name in ("read", "segment", "extract", "map", "validate"):
        stages[name] = sum(o.seconds.get(name, 0.0) for o in outcomes)
    if cache is not None:
        result.cache_hits, result.cache_misses, result.cache_corrupt = cache.hits, cache.misses, cache.corrupt
    good = one_report_per_meeting([o for o in outcomes if not o.error])
    if not good:
        if deferred is not None:
            deferred.close()
        result.seconds = time.monotonic() - t0
        return result
    staging = None
    search_job = None
    try:
        t = time.monotonic()
        shared = shared_subjects(good)
        result.triples = sum(o.triples for o in good)  # until the publisher counts distinct ones
        stages["assemble"] = time.monotonic() - t
        if settings.validate and deferred is None:
            # pyshacl ran in the workers: decide before publishing anything
            if not _cross_validate(settings, result, good, shared, validator, stages, t0):
                return result
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
        staging.chmod(0o755)  # mkdtemp makes 0700; a web server must be able to read the site
        texts = {o.report_iri: (o.text, o.path.name) for o in good if o.report_iri}
        graphs = merged_graphs(good)
        salt = page_salt(settings.base_iri, settings.dataset)
        previous = load_page_manifest(cache_dir, out, salt) if cache_dir is not None else None
        # with Jena batches, the site is written into the staging folder while Jena works
        figures = publish(None, staging, IriPolicy(settings.base_iri), texts, timings=stages, graphs=graphs,
                          pieces_dir=pieces_dir, jobs=jobs or os.cpu_count() or 1,
                          previous=(out, previous) if previous else None,
                          salt=salt if cache_dir is not None else None, dataset=settings.dataset,
                          browser_sparql_limit=getattr(settings, "browser_sparql_limit", None),
                          search="background")
        # Pagefind indexes the site while Jena and the cross-report pass finish (waited for below)
        search_job = figures.get("search_job")
        result.pages = figures["pages"]
        notices.extend(figures.get("notices", []))
        result.pages_reused = figures["reused"]
        result.triples = figures["triples"]
        if deferred is not None:
            t = time.monotonic()
            deferred.close()
            notices.extend(deferred.notes)
            stages["validate wait"] = time.monotonic() - t
            stages["validate"] = deferred.seconds
            deferred = None
            if not _cross_validate(settings, result, good, shared, validator, stages, t0):
                _stop_search(search_job)
                shutil.rmtree(staging, ignore_errors=True)
                return result
        search_job = _wait_search(search_job, stages, notices)
        if settings.strict and strict_warnings(result):
            shutil.rmtree(staging, ignore_errors=True)
            result.blocked_by_strict = True
            result.seconds = time.monotonic() - t0
            return result
        if result.validation is not None:  # the SHACL report, published beside the data
            from .validate import REPORT_FILE, write_report

            write_report(result.validation, staging / REPORT_FILE)
        write_build_info(staging, settings, result)
        swap_in(staging, out)
        if cache_dir is not None:
            save_page_manifest(cache_dir, out, salt, figures["fingerprints"])
            t = time.monotonic()
            make_query_store(out, cache_dir, notices)
            stages["query store"] = time.monotonic() - t
    except BaseException:
        _stop_search(search_job)
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
        if deferred is not None:
            deferred.cancel()
        raise
    result.published = True
    result.out = out
    result.seconds = time.monotonic() - t0
    return result


def make_query_store(out: Path, cache_dir: Path, notices: list[str]) -> None:
    """Make the persistent query store of the published ``out`` in ``cache_dir``
    (:mod:`honlea_kg.querystore`), so that ``query`` and ``serve`` open it at once.  A failure
    is a notice, never a failed build: ``query`` makes the store on first use anyway."""
    from .querystore import ensure_store

    try:
        ensure_store(out, cache_dir)
    except (HonleaError, OSError) as exc:
        notices.append(f"notice: the query store was not made ({exc}); 'honlea-kg query' will make it")


def _cross_validate(settings, result, good, shared, validator, stages, t0) -> bool:
    """The cross-report pass (:func:`validate_reports`); sets ``result.validation``; returns
    whether the union conforms (``result.seconds`` is set when it does not)."""
    t = time.monotonic()
    outcome = validate_reports(good, None, shared, validator)
    stages["validate cross-report"] = time.monotonic() - t
    result.validation = outcome
    if not outcome.conforms:
        result.seconds = time.monotonic() - t0
        return False
    return True
