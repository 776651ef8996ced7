"""Project paths and build settings, declared once (read by the CLI, the pipeline and the docs)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .iris import DEFAULT_BASE

#: The project checkout holding ``ontology/``, ``shapes/``, ``queries/`` and ``corpus/``
#: (honlea-kg is installed in editable mode from it; ``HONLEA_KG_HOME`` overrides).
PROJECT_ROOT = Path(os.environ.get("HONLEA_KG_HOME") or Path(__file__).resolve().parents[2])
ONTOLOGY_DIR = PROJECT_ROOT / "ontology"
SHAPES_DIR = PROJECT_ROOT / "shapes"
QUERIES_DIR = PROJECT_ROOT / "queries"
CORPUS_DIR = PROJECT_ROOT / "corpus"
DEFAULT_OUT = Path("build")
#: The per-report build cache (outside the output folder; see :mod:`honlea_kg.cache`).
DEFAULT_CACHE = Path(".cache") / "honlea-kg"


@dataclass
class BuildSettings:
    """Options of one build.

    ``inputs``: report files or folders; ``out``: output folder; ``base_iri``: base of the data
    IRIs; ``jobs``: worker processes (``None`` = number of cores); ``strict``: warnings fail the
    build; ``validate``: run SHACL validation before publishing; ``cache_dir``: the per-report
    cache (``None`` = no cache); ``validator``: the SHACL engine of the per-report and
    cross-report passes (``auto``, ``pyshacl`` or ``jena``; see
    :func:`honlea_kg.stages.per_report.choose_report_validator`); ``executor``: where the
    per-report tasks run (``process``, ``joblib`` or ``dask``: :mod:`honlea_kg.executors`);
    ``scheduler``: the address of a Dask scheduler (implies ``dask``; ``None`` with ``dask`` =
    a local cluster of ``jobs`` workers); ``browser_sparql_limit``: above this many
    triples the site's ``sparql/`` page does not load the dump into the browser by itself;
    ``dataset``: how the dataset is named in citations (``title``, ``publisher``, ``version``, ``date``; absent keys take the defaults of
    :func:`honlea_kg.publish.site.dataset_info`); ``search``: write the site's Pagefind search
    index (every build reads every page: not incremental).
    """

    inputs: list[Path] = field(default_factory=lambda: [CORPUS_DIR])
    out: Path = DEFAULT_OUT
    base_iri: str = DEFAULT_BASE
    jobs: int | None = None
    strict: bool = False
    validate: bool = True
    cache_dir: Path | None = None
    validator: str = "auto"  # SHACL engine: auto | pyshacl | jena
    executor: str = "process"  # process | joblib | dask
    scheduler: str | None = None  # tcp://HOST:PORT of a Dask scheduler
    dataset: dict = field(default_factory=dict)  # citation: title, publisher, version, date
    browser_sparql_limit: int = 1_000_000  # triples the sparql/ page loads into a browser by itself
    search: bool = True  # index the site with Pagefind (publish/search.py)
