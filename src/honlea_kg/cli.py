"""The ``honlea-kg`` command: argument parsing, progress and messages only; no logic.

Exit codes (README, "Errors and exit codes"): 0 success; 1 the build or validation failed (some
report could not be built, or the graph has SHACL violations); 2 usage or input error (an input
path that does not exist, ``--validator jena`` without Jena, a query syntax error, a missing
dataset), always one line on stderr.  SPARQL errors are worded by
:func:`honlea_kg.sparql_errors.format_sparql_error`.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from . import __version__
from .config import CORPUS_DIR, DEFAULT_CACHE, DEFAULT_OUT, BuildSettings
from .iris import DEFAULT_BASE, check_base
from .model import HonleaError


def _fail(message: str, code: int = 2) -> None:
    click.echo(f"honlea-kg: error: {message}", err=True)
    sys.exit(code)



#: Files skipped in input folders listed one per line before the rest are only counted
#: (``--verbose`` lists them all): a folder of 100 other files must not bury the build's own output.
SKIPPED_SHOWN = 5

@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="honlea-kg")
def main() -> None:
    """Build, validate, query and publish the HONLEA knowledge graph.

    Reports of the UN Meetings of Heads of National Drug Law Enforcement Agencies (HONLEA:
    Africa, Asia and the Pacific, Europe, Latin America and the Caribbean) and of the
    Subcommission on Illicit Drug Traffic and Related Matters in the Near and Middle East, the
    subsidiary bodies of the Commission on Narcotic Drugs, become an RDF graph (one named graph
    per report), checked with SHACL and published as dumps and static, dereferenceable HTML
    pages.
    """


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--out", "out", type=click.Path(path_type=Path), default=DEFAULT_OUT, show_default=True,
              help="Output folder (replaced atomically on success).")
@click.option("--base-iri", default=DEFAULT_BASE, show_default=True, help="Base of every minted IRI (ends in '/').")
@click.option("--no-validate", is_flag=True,
              help="Skip SHACL validation (not for publishing; the build says nothing was validated).")
@click.option("--strict", is_flag=True, help="Treat warnings (numbering gaps, skipped files) as errors.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Worker processes for the per-report stage (default: number of cores).")
@click.option("--cache", "cache", type=click.Path(path_type=Path), default=DEFAULT_CACHE, show_default=True,
              help="Per-report build cache (keyed by content and code version); outside --out.")
@click.option("--no-cache", is_flag=True, help="Build every report from scratch and leave the cache alone.")
@click.option("--validator", type=click.Choice(["auto", "pyshacl", "jena"]), default="auto", show_default=True,
              help="SHACL engine: pyshacl (the reference, each report in its worker), Apache Jena (reports in "
                   "batches of 150; needs Debian's libapache-jena-java and a Java runtime, else exit 2), or auto "
                   "(Jena when 20 or more reports need validating, if installed; pyshacl otherwise; the "
                   "cross-report pass in pyshacl).")
@click.option("--add", "add", multiple=True, type=click.Path(path_type=Path),
              help="Add this report file to the reports the build in --out was made from (repeatable); "
                   "only what it changes is built and rendered.")
@click.option("--remove", "remove", multiple=True, type=click.Path(path_type=Path),
              help="Take this report file out of the build in --out (repeatable).")
@click.option("--executor", type=click.Choice(["process", "joblib", "dask"]), default="process", show_default=True,
              help="Where the per-report work runs: a local process pool, joblib's, or a Dask cluster "
                   "(with --dask-scheduler, else a local one of --jobs workers; needs honlea-kg[dask]).")
@click.option("--dask-scheduler", "scheduler", default=None, metavar="ADDRESS",
              help="Run the per-report work on the Dask cluster of this scheduler (tcp://HOST:8786); "
                   "the workers need the same honlea-kg version.")
@click.option("--verbose", "-v", is_flag=True, help="Also list files skipped by design (README*), and every skipped file past the first 5.")
@click.option("--browser-sparql-limit", type=click.IntRange(min=0), default=1_000_000, show_default=True,
              help="Triples above which the site's sparql/ page does not load the dump into a browser by itself "
                   "(it points to 'serve' or a SPARQL store instead).")
@click.option("--dataset-title", default=None, help="The dataset's title in citations and the VoID description "
              "(default: 'HONLEA knowledge graph').")
@click.option("--dataset-publisher", default=None, help="Who publishes the dataset, in citations "
              "(default: 'honlea-kg contributors').")
@click.option("--dataset-version", default=None, help="The dataset's version in citations and VoID "
              "(default: the version of honlea-kg).")
@click.option("--dataset-date", default=None, help="The dataset's date (YYYY-MM-DD) in citations "
              "(default: the newest report's issue date; never the build time, so rebuilds are identical).")
def build(paths: tuple[Path, ...], out: Path, base_iri: str, no_validate: bool, strict: bool, jobs: int | None,
          cache: Path, no_cache: bool, validator: str, add: tuple[Path, ...], remove: tuple[Path, ...],
          executor: str, scheduler: str | None, verbose: bool, browser_sparql_limit: int,
          dataset_title: str | None, dataset_publisher: str | None, dataset_version: str | None,
          dataset_date: str | None) -> None:
    """Build the graph and the site from report files and folders (default: the bundled corpus/).

    In a folder, files ending .txt, .md, .pdf or .docx are reports; dotfiles and other files are
    skipped with a notice, README* files silently (listed with --verbose).  A path that does not
    exist stops the build before anything is built (exit 2).  A report that cannot be read is
    listed and the others are still built; the output folder is replaced only when the graph
    validates.  With --add or --remove (and no PATHS), the reports are those the build in --out
    was made from, plus or minus these files.
    """
    from .pipeline import README_SKIPPED, STAGES, WORKER_STAGES, run_build, strict_warnings
    from .progress import progress_for

    try:
        base_iri = check_base(base_iri)
    except ValueError as exc:
        _fail(f"--base-iri: {exc}")
    if dataset_date is not None:
        from datetime import date

        try:
            date.fromisoformat(dataset_date)
        except ValueError:
            _fail(f"--dataset-date must be a date written YYYY-MM-DD, not {dataset_date!r}")
    dataset = {k: v for k, v in (("title", dataset_title), ("publisher", dataset_publisher),
                                 ("version", dataset_version), ("date", dataset_date)) if v is not None}
    absent = [p for p in paths if not p.exists()]
    if absent:  # a typing mistake, not a bad report: nothing is built
        names = ", ".join(str(p) for p in absent)
        _fail(f"{names}: no such file or folder{'s' if len(absent) > 1 else ''}; nothing was built")
    if validator == "jena" and not no_validate:
        from .jena import missing

        lacking = missing()
        if lacking:
            _fail(f"--validator jena needs {lacking}: install them (as root: scripts/install-system-deps.sh), "
                  "or use --validator auto or pyshacl")
    inputs = list(paths) or [CORPUS_DIR]
    if add or remove:
        from .stages.inputs import changed_inputs

        if paths:
            _fail("--add and --remove change the reports of the build in --out: give no PATHS with them")
        absent = [p for p in add if not p.exists()]
        if absent:
            _fail(f"{', '.join(str(p) for p in absent)}: no such file; nothing was built")
        try:
            inputs = changed_inputs(out, add, remove)
        except HonleaError as exc:
            _fail(str(exc))
    from .outdir import check_cache, check_out

    try:
        check_out(out, inputs, None if no_cache else cache)
        if not no_cache:
            check_cache(cache)
    except HonleaError as exc:
        _fail(f"{exc}; nothing was built")
    out_existed = out.exists()
    settings = BuildSettings(inputs=inputs, out=out, base_iri=base_iri,
                             strict=strict, validate=not no_validate, jobs=jobs,
                             cache_dir=None if no_cache else cache, validator=validator,
                             executor=executor, scheduler=scheduler,
                             browser_sparql_limit=browser_sparql_limit, dataset=dataset)
    try:
        with progress_for() as progress:
            result = run_build(settings, progress=progress, jobs=jobs, cache_dir=settings.cache_dir)
    except HonleaError as exc:
        _fail(str(exc))
    except KeyboardInterrupt:  # Ctrl-C: workers ignore SIGINT (executors.ignore_sigint); one line, exit 130
        kept = f"the previous output in {out}/ is intact" if out_existed else f"nothing was written to {out}/"
        _fail(f"interrupted; {kept}", code=130)
    if no_validate:
        click.echo("notice: --no-validate: nothing was validated against the SHACL shapes; do not publish "
                   "this output as checked", err=True)
    skipped_shown = 0
    skipped = [n for n in result.notices if ": skipped (" in n and not n.endswith(README_SKIPPED)]
    for notice in result.notices:
        if notice.endswith(README_SKIPPED) and not verbose:
            continue
        if ": skipped (" in notice and not verbose and len(skipped) > SKIPPED_SHOWN:
            skipped_shown += 1
            if skipped_shown > SKIPPED_SHOWN:
                continue
        click.echo(notice, err=True)
    if skipped_shown > SKIPPED_SHOWN:
        click.echo(f"... and {len(skipped) - SKIPPED_SHOWN} more files skipped (not report files); "
                   "--verbose lists them all", err=True)
    warnings = [w for r in result.reports for w in r.warnings]
    for w in warnings:
        click.echo(f"warning: {w}", err=True)
    for r in result.failed:
        click.echo(f"error: {r.error}", err=True)
    v = result.validation
    if v is not None:
        for f in v.findings:
            click.echo(f.line(), err=True)
    missing = [n for n in result.notices if ": error:" in n]
    ok = result.published and not result.failed and not missing
    left_out = [r for r in result.reports if r.duplicate_of is not None]
    good = len(result.reports) - len(result.failed) - len(left_out)
    dup = f", {len(left_out)} left out (same meeting as another file)" if left_out else ""
    click.echo(f"reports: {good} built{dup}, {len(result.failed)} failed; triples: {result.triples}; "
               f"pages: {result.pages}; seconds: {result.seconds:.1f}")
    timed = [(name, result.stages[name]) for name in STAGES if result.stages.get(name, 0) >= 0.05]
    if timed:
        click.echo("stages (s): " + ", ".join(f"{name} {sec:.1f}" for name, sec in timed))
    work = [(name, result.stages.get(name, 0.0)) for name in WORKER_STAGES if result.stages.get(name, 0) >= 0.05]
    if work:
        click.echo(f"per-report work (CPU s, {result.cache_misses} built, {result.cache_hits} from the cache): "
                   + ", ".join(f"{name} {sec:.1f}" for name, sec in work))
    kept = f"{out}/ left as it was" if out_existed else f"nothing written to {out}/"
    if result.published:
        click.echo(f"pages: {result.pages_rendered} rendered, {result.pages_reused} unchanged (linked)")
        click.echo(f"output: {result.out}/ (dataset.ttl, index.html)")
    elif result.blocked_by_strict:
        click.echo(f"not published: --strict and {len(strict_warnings(result))} warning(s); {kept}", err=True)
    elif v is not None and not v.conforms:
        click.echo(f"not published: {len(v.violations)} SHACL violation(s); {kept}", err=True)
    else:
        click.echo(f"not published: no report could be built; {kept}", err=True)
    sys.exit(0 if ok else 1)


def _check_urls(*options: tuple[str, str | None]) -> None:
    """Exit 2 with one line when a URL option (name, value) is not an http(s) URL, before any
    work is done."""
    from .remote import check_url

    for name, url in options:
        if url is not None:
            try:
                check_url(url, name)
            except HonleaError as exc:
                _fail(str(exc))


def _credential_options(func):
    """The credentials options shared by ``query --endpoint`` and ``load``."""
    func = click.option("--timeout", type=float, default=60.0, show_default=True,
                        help="Seconds per network operation.")(func)
    func = click.option("--auth", type=click.Choice(["basic", "digest"]), default=None,
                        help="HTTP authentication scheme (default: answer the server's challenge).")(func)
    func = click.option("--password", envvar="HONLEA_KG_PASSWORD", default=None,
                        help="Password (or HONLEA_KG_PASSWORD).")(func)
    func = click.option("--user", envvar="HONLEA_KG_USER", default=None, help="User name (or HONLEA_KG_USER).")(func)
    return func


@main.command()
@click.argument("query_file", required=False, type=click.Path(path_type=Path))
@click.option("-e", "--expression", help="An inline SPARQL query instead of QUERY_FILE.")
@click.option("--data", "data", type=click.Path(path_type=Path), default=DEFAULT_OUT, show_default=True,
              help="Folder of a built dataset (embedded execution).")
@click.option("--cache", "cache", type=click.Path(path_type=Path), default=DEFAULT_CACHE, show_default=True,
              help="Build cache holding the query store (made on first use for a build from elsewhere).")
@click.option("--endpoint", help="Run against this remote SPARQL 1.1 endpoint instead (POST).")
@click.option("--default-graph", "default_graphs", multiple=True,
              help="With --endpoint: a default-graph-uri (repeatable), e.g. the report graphs.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json"]), default="table",
              show_default=True, help="Result format (CONSTRUCT and DESCRIBE always print Turtle).")
@_credential_options
def query(query_file: Path | None, expression: str | None, data: Path, cache: Path, endpoint: str | None,
          default_graphs: tuple[str, ...], fmt: str, user: str | None, password: str | None,
          auth: str | None, timeout: float) -> None:
    """Run a SPARQL query (QUERY_FILE or -e) on the dataset built in --data, or at --endpoint.

    Embedded, the default graph is the union of the report graphs and GRAPH patterns see each
    report's graph; the dataset is read from its query store in --cache, made once per dataset.
    The query form (SELECT, ASK, CONSTRUCT, DESCRIBE) comes from parsing the query, never from
    words in its comments.
    """
    if (query_file is None) == (expression is None):
        _fail("give either a query file or -e 'SPARQL', not both or neither")
    if query_file is not None:
        try:
            text = query_file.read_text(encoding="utf-8")
        except OSError as exc:
            _fail(f"{query_file}: cannot read query file: {exc.strerror}")
        except UnicodeDecodeError:
            _fail(f"{query_file}: not UTF-8 text")
    else:
        text = expression
    _check_urls(("--endpoint", endpoint))
    try:
        if endpoint:
            from .remote import run_remote
            from .results import format_result

            result = run_remote(text, endpoint, user=user, password=password, auth=auth, timeout=timeout,
                                default_graphs=list(default_graphs) or None)
            click.echo(format_result(result, fmt), nl=False)
        else:
            from .query import execute

            notify = (lambda line: click.echo(f"honlea-kg: {line}", err=True)) if sys.stderr.isatty() else None
            timings: dict = {}
            out = execute(text, data, cache, fmt, notify=notify, timings=timings)
            sys.stdout.buffer.write(out)
            sys.stdout.flush()
            if os.environ.get("HONLEA_KG_TIMING"):  # for benchmarks/bench_query.py
                click.echo(f"honlea-kg: timing: open_s={timings.get('open', 0):.4f} "
                           f"query_s={timings.get('query', 0):.4f}", err=True)
    except HonleaError as exc:
        where = f"{query_file}: " if query_file else ""
        _fail(f"{where}{exc}")


@main.command()
@click.option("--data", "data", type=click.Path(path_type=Path), default=DEFAULT_OUT, show_default=True,
              help="Folder of a built dataset (its dataset.trig is loaded).")
@click.option("--endpoint", required=True, help="SPARQL query endpoint (also used for updates unless "
              "--update-endpoint is given), e.g. http://127.0.0.1:8890/sparql-auth for Virtuoso.")
@click.option("--graph-store", help="SPARQL 1.1 Graph Store HTTP Protocol URL, e.g. "
              "http://127.0.0.1:8890/sparql-graph-crud-auth; without it, SPARQL Update is used (slower).")
@click.option("--update-endpoint", help="SPARQL Update endpoint when it differs from --endpoint (Oxigraph).")
@_credential_options
def load(data: Path, endpoint: str, graph_store: str | None, update_endpoint: str | None, user: str | None,
         password: str | None, auth: str | None, timeout: float) -> None:
    """Load the build into a SPARQL store, one named graph per report, replacing each graph.

    Each graph goes to a staging graph first, its triple count is checked, and it is then
    MOVEd into place, so a failed load never leaves a half-written graph and reloading the same
    build changes nothing.
    """
    from .store import load_build

    _check_urls(("--endpoint", endpoint), ("--graph-store", graph_store), ("--update-endpoint", update_endpoint))
    try:
        loads = load_build(data, endpoint, graph_store, user=user, password=password, auth=auth,
                           timeout=timeout, update_endpoint=update_endpoint)
    except HonleaError as exc:
        _fail(str(exc), code=1)
    for g in loads:
        click.echo(f"{g.graph}: {g.found} triples (expected {g.expected}) in {g.seconds:.2f}s")
    click.echo(f"loaded {len(loads)} graph(s), {sum(g.found for g in loads)} triples")


@main.command()
@click.option("--data", "data", type=click.Path(path_type=Path), default=DEFAULT_OUT, show_default=True,
              help="Folder of a built dataset.")
@click.option("--strict", is_flag=True, help="Warnings (e.g. paragraph-numbering gaps) fail too.")
def validate(data: Path, strict: bool) -> None:
    """Check the dataset built in --data against the SHACL shapes (pyshacl, with the ontology).

    Prints the results grouped by shape, with each focus node's label and source paragraph,
    and writes the SHACL report as DATA/validation.ttl.  Exit code 1 on any violation (or any
    warning with --strict), 2 when there is no dataset.
    """
    from .validate import validate_command

    sys.exit(validate_command(data, strict))


@main.command()
@click.option("--data", "data", type=click.Path(path_type=Path), default=DEFAULT_OUT, show_default=True,
              help="Folder of a built site.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=int, default=8000, show_default=True, help="Port to listen on (0: any free port).")
@click.option("--cache", "cache", type=click.Path(path_type=Path), default=DEFAULT_CACHE, show_default=True,
              help="Build cache holding the query store of /sparql (made on first use).")
@click.option("--query-timeout", type=click.FloatRange(min=0.1), default=30.0, show_default=True,
              help="Seconds a /sparql query may run; its worker process is then killed and 503 answered.")
@click.option("--max-rows", type=click.IntRange(min=1), default=100_000, show_default=True,
              help="Most solutions (or triples) /sparql sends; a cut result carries X-SPARQL-MaxRows.")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Query worker processes of /sparql (default: number of cores).")
@click.option("--quiet", is_flag=True, help="Do not log requests.")
def serve(data: Path, host: str, port: int, cache: Path, query_timeout: float, max_rows: int,
          workers: int | None, quiet: bool) -> None:
    """Serve the built site with content negotiation and a SPARQL endpoint at /sparql.

    GET on an entity path answers 303 See Other to its HTML page, Turtle, JSON-LD or N-Triples
    file, chosen from the Accept header (RFC 9110, section 12.5.1); files are served with their
    media types and charset=utf-8, data files with CORS.  /sparql is a read-only SPARQL 1.1
    Protocol endpoint (GET and POST; results as JSON, XML, CSV, TSV, Turtle, N-Triples, JSON-LD);
    a browser opening it gets the query page.  Only the build folder is served.
    """
    from .endpoint import EndpointSettings
    from .serve import serve as run_server

    settings = EndpointSettings(timeout=query_timeout, max_rows=max_rows, workers=workers)
    try:
        run_server(data, host=host, port=port, quiet=quiet, cache_dir=cache, settings=settings)
    except HonleaError as exc:
        _fail(str(exc))
    except KeyboardInterrupt:
        pass


@main.command()
def doctor() -> None:
    """Show versions and what is installed, for a problem report.

    Prints the versions of honlea-kg, Python and its libraries; whether Java, Apache Jena,
    Virtuoso, Chromium, Node.js and npm are found (and the Debian package of each one that is
    not); where the project files and the build cache are; the default output folder and base
    IRI.  Changes nothing; exit code 0 (1 if a required library is missing)."""
    from .doctor import checks, render

    items = checks()
    click.echo(render(items), nl=False)
    sys.exit(0 if all(c.ok for c in items if c.name in ("honlea-kg", "python", "libraries")) else 1)


if __name__ == "__main__":  # pragma: no cover
    main()
