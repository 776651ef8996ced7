"""Publish a built dataset: bulk dumps and static HTML pages.

The publisher knows nothing of reports, only of the graph: it asks the graph for meetings,
their reports and paragraphs, and renders Jinja2 templates (autoescape on for every template).
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF, RDFS

from .. import __version__
from ..iris import IriPolicy
from ..vocab import HL, SCHEMA


def environment() -> Environment:
    """The Jinja2 environment of the site's templates (autoescape on for every template)."""
    return Environment(loader=PackageLoader("honlea_kg.publish", "templates"),
                       autoescape=select_autoescape(default=True, default_for_string=True),
                       keep_trailing_newline=True)


def write_dumps(ds: Dataset, union: Graph, out: Path) -> list[Path]:
    """Write ``dataset.ttl`` (union of all reports), ``dataset.nt`` and ``dataset.trig``
    (one named graph per report)."""
    paths = []
    for name, graph, fmt in (("dataset.ttl", union, "turtle"), ("dataset.nt", union, "nt"),
                             ("dataset.trig", ds, "trig")):
        path = out / name
        graph.serialize(destination=str(path), format=fmt, encoding="utf-8")
        paths.append(path)
    return paths


def _meetings(union: Graph) -> list[dict]:
    rows = []
    for report in sorted(union.subjects(RDF.type, HL.Report)):
        meeting = union.value(report, HL.reportOf)
        paras = []
        for p in union.subjects(HL.inReport, report):
            n = union.value(p, HL.number)
            paras.append({"iri": str(p), "number": int(n), "text": str(union.value(p, HL.text) or ""),
                          "anchor": str(p).split("#", 1)[1]})
        paras.sort(key=lambda d: d["number"])
        rows.append({
            "iri": str(meeting), "report": str(report),
            "label": str(union.value(meeting, RDFS.label) or meeting),
            "title": str(union.value(report, RDFS.label) or ""),
            "start": union.value(meeting, SCHEMA.startDate), "end": union.value(meeting, SCHEMA.endDate),
            "paragraphs": paras,
        })
    rows.sort(key=lambda d: d["iri"])
    return rows


def publish(ds: Dataset, union: Graph, out: Path, iris: IriPolicy, result) -> int:
    """Write dumps and pages into the empty folder ``out``; return the number of HTML pages."""
    out.mkdir(parents=True, exist_ok=True)
    write_dumps(ds, union, out)
    env = environment()
    meetings = _meetings(union)
    pages = 0
    for m in meetings:
        path = out / iris.file_of(m["iri"])
        path.parent.mkdir(parents=True, exist_ok=True)
        html = env.get_template("meeting.html").render(m=m, root=iris.href(m["iri"], iris.base), version=__version__)
        path.write_text(html, encoding="utf-8")
        pages += 1
    for m in meetings:
        m["href"] = iris.href(None, m["iri"])
    (out / "index.html").write_text(env.get_template("index.html").render(
        meetings=meetings, triples=len(union), root="./", version=__version__), encoding="utf-8")
    return pages + 1
