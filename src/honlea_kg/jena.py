"""SHACL validation with Apache Jena (Debian ``libapache-jena-java``) for large graphs.

pyshacl holds the whole data graph in rdflib and is slow past a few hundred thousand triples;
Jena's ``shacl.shacl_validate`` (jena-cmds) validates the same shapes in a JVM.  Debian's jars
need two fixes (``performance.md`` section 4): an explicit classpath (the ``/usr/share/java/*``
wildcard loads two clashing slf4j bindings) and the Xerces ``.properties`` resources copied to
the package Debian relocated the classes to (``xerces.impl...``), else the first datatype
check fails with ``ExceptionInInitializerError``.

The data given to Jena is the data graph plus the ontology (what pyshacl's ``ont_graph`` adds),
so ``sh:class`` sees ``rdfs:subClassOf`` the same way.  Findings are read back from Jena's
``sh:ValidationReport`` with the same naming rules as :func:`honlea_kg.validate.validate_graph`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import zipfile
from functools import lru_cache
from pathlib import Path

from .model import HonleaError

#: Where Debian installs Java libraries (``HONLEA_KG_JAVA_DIR`` overrides it, e.g. for a folder
#: holding Apache Jena's jars and their dependencies on another system).
JAVA_DIR = Path(os.environ.get("HONLEA_KG_JAVA_DIR") or "/usr/share/java")
#: Debian packages whose jars Jena's command line needs (performance.md section 4).
DEPENDENCIES = ("commons-cli", "commons-codec", "commons-compress", "commons-csv", "commons-io", "commons-lang3",
                "dexx.collection", "gson", "guava", "httpclient", "httpcore", "jackson-core", "jackson-databind",
                "jackson-annotations", "jsonld-java", "jakarta.json-api", "protobuf", "thrift", "titanium-json-ld",
                "caffeine", "slf4j-api", "slf4j-simple")
FIX_DIR = Path.home() / ".cache" / "honlea-kg" / "jena-fix"
#: The JVM's heap cap (``-Xmx``): a batch of :data:`honlea_kg.batches.BATCH_REPORTS` reports
#: (about 560k triples) needs well under it; without a cap the JVM may take a quarter of the
#: machine's memory.  A batch that does not fit fails and is validated with pyshacl instead.
JAVA_HEAP = os.environ.get("HONLEA_KG_JAVA_HEAP", "2g")


class JenaError(HonleaError):
    """Jena is not installed or its validator failed (message names the cause)."""


def available() -> bool:
    """True when ``java`` and Debian's jena-shacl and jena-cmds jars are present."""
    return missing() is None


def missing() -> str | None:
    """What Jena SHACL lacks on this machine, as the Debian packages to install, or ``None``
    when :func:`available`.  E.g. ``"Java (java not on PATH; Debian package default-jre-headless)"``."""
    lacks = []
    if shutil.which("java") is None:
        lacks.append("Java (java not on PATH; Debian package default-jre-headless)")
    jars = [name for name in ("jena-shacl.jar", "jena-cmds.jar") if not (JAVA_DIR / name).is_file()]
    if jars:
        lacks.append(f"Apache Jena (no {JAVA_DIR / jars[0]}; Debian package libapache-jena-java)")
    return " and ".join(lacks) or None


@lru_cache(maxsize=1)
def classpath(fix_dir: Path = FIX_DIR) -> str:
    """The explicit classpath: the Xerces resource fix, the ``jena-*.jar`` and their dependencies.

    :raises JenaError: when Jena is not installed.
    """
    if not available():
        raise JenaError("Apache Jena not found: install the Debian package libapache-jena-java (and a JRE)")
    target = Path(fix_dir) / "classes"
    marker = target / "xerces" / ".done"
    if not marker.is_file():
        with zipfile.ZipFile(JAVA_DIR / "jena-core.jar") as jar:
            prefix = "org/apache/jena/ext/xerces/"
            for name in jar.namelist():
                if name.startswith(prefix) and not name.endswith(("/", ".class")):
                    dest = target / "xerces" / name[len(prefix):]
                    dest.parent.mkdir(parents=True, exist_ok=True)
                    dest.write_bytes(jar.read(name))
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.touch()
    jars = sorted(p for p in JAVA_DIR.glob("jena-*.jar") if not p.is_symlink())
    for dep in DEPENDENCIES:
        found = sorted(p for p in JAVA_DIR.glob(f"{dep}*.jar") if not p.is_symlink()) \
            or sorted(JAVA_DIR.glob(f"{dep}.jar"))
        jars += found[:1]
    return os.pathsep.join([str(target)] + [str(j) for j in jars])


def validate_file(data_nt: Path, shapes, ontology, timeout: float = 3600, foci: set[str] | None = None) -> "object":
    """Validate the N-Triples file ``data_nt`` (plus ``ontology``, an rdflib Graph) against
    ``shapes`` (rdflib Graph) with Jena; return a :class:`~honlea_kg.validate.ValidationOutcome`.

    ``foci``: keep only the results about these focus node IRIs (the cross-report pass, whose
    data holds context nodes it does not judge: at 1,000 reports Jena reported 160,000 results
    about them, and reading them all into rdflib took two minutes).  The report is read with
    pyoxigraph and only the kept results are converted.

    :raises JenaError: when Jena is missing, fails or times out (its stderr in the message).
    """
    from rdflib import Graph

    from .validate import ValidationOutcome

    cp = classpath()
    named, back = _name_property_shapes(shapes)
    with tempfile.TemporaryDirectory(prefix="honlea-jena-") as tmp:
        shapes_path = Path(tmp) / "shapes.nt"
        shapes_path.write_bytes(named.serialize(format="nt", encoding="utf-8"))
        data_path = Path(tmp) / "data.nt"
        with open(data_path, "wb") as f:
            with open(data_nt, "rb") as src:
                shutil.copyfileobj(src, f)
            f.write(ontology.serialize(format="nt", encoding="utf-8"))
        try:
            done = subprocess.run(["java", f"-Xmx{JAVA_HEAP}", "-cp", cp, "shacl.shacl_validate", "--shapes", str(shapes_path),
                                   "--data", str(data_path)], capture_output=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            raise JenaError(f"Jena SHACL timed out after {timeout:.0f} s on {data_nt}") from None
        if done.returncode != 0:
            raise JenaError(f"Jena SHACL failed on {data_nt}: {done.stderr.decode('utf-8', 'replace')[-800:]}")
        report = _report_graph(done.stdout, foci)
        from rdflib.namespace import SH

        for result, shape in list(report.subject_objects(SH.sourceShape)):
            if shape in back:
                report.set((result, SH.sourceShape, back[shape]))
        data = _triples_about(data_path, {str(f) for f in report.objects(None, SH.focusNode)})
    findings = findings_of(report, shapes, data)
    return ValidationOutcome(conforms=not any(f.severity == "Violation" for f in findings), findings=findings,
                             report=report)


def _report_graph(turtle: bytes, foci: set[str] | None):
    """Jena's ``sh:ValidationReport`` (Turtle) as an rdflib Graph, holding only the results
    whose ``sh:focusNode`` is in ``foci`` (all results when ``foci`` is ``None``) with every
    blank node they reach (paths, details), and the report node."""
    import pyoxigraph as ox
    from rdflib import Graph

    from .query import to_rdflib

    sh = "http://www.w3.org/ns/shacl#"
    triples = list(ox.parse(turtle, format=ox.RdfFormat.TURTLE))
    by_subject: dict = {}
    for t in triples:
        by_subject.setdefault(t.subject, []).append(t)
    keep: list = []
    seen: set = set()
    todo = []
    for t in triples:
        p = t.predicate.value
        if p == sh + "result":
            result = t.object
            focus = next((x.object for x in by_subject.get(result, ()) if x.predicate.value == sh + "focusNode"), None)
            if foci is None or (isinstance(focus, ox.NamedNode) and focus.value in foci):
                keep.append(t)
                todo.append(result)
    for t in triples:  # the report node's own triples (type, sh:conforms)
        if t.predicate.value != sh + "result" and any(
                x.predicate.value == "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
                and x.object.value == sh + "ValidationReport" for x in by_subject.get(t.subject, ())):
            keep.append(t)
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        for t in by_subject.get(node, ()):
            keep.append(t)
            if isinstance(t.object, ox.BlankNode):
                todo.append(t.object)
    g = Graph()
    bnodes: dict = {}

    def conv(term):
        if isinstance(term, ox.BlankNode):
            return bnodes.setdefault(term.value, to_rdflib(term))
        return to_rdflib(term)

    for t in keep:
        g.add((conv(t.subject), conv(t.predicate), conv(t.object)))
    return g


def _triples_about(data_nt: Path, foci: set[str]):
    """An rdflib Graph of the triples of ``data_nt`` whose subject or object is one of ``foci``
    (what a finding's label and source paragraph are read from, see
    :func:`honlea_kg.validate.findings_from_report`).

    Parsing the whole batch into rdflib cost more than Jena's validation itself (13k triples/s);
    pyoxigraph reads the file and only the triples a finding needs are converted.
    """
    import pyoxigraph as ox
    from rdflib import Graph

    from .query import to_rdflib

    g = Graph()
    if not foci:
        return g
    with open(data_nt, "rb") as f:
        for t in ox.parse(f, format=ox.RdfFormat.N_TRIPLES):
            s, o = t.subject, t.object
            if (isinstance(s, ox.NamedNode) and s.value in foci) or (isinstance(o, ox.NamedNode) and o.value in foci):
                g.add((to_rdflib(s), to_rdflib(t.predicate), to_rdflib(o)))
    return g


SKOLEM = "urn:x-honlea-shape:"


def _name_property_shapes(shapes):
    """A copy of ``shapes`` whose blank-node property shapes are IRIs ``urn:x-honlea-shape:ID``
    (Jena relabels blank nodes, so its ``sh:sourceShape`` could not be traced back), and the
    map back from those IRIs to the original blank nodes."""
    from rdflib import BNode, Graph, URIRef
    from rdflib.namespace import SH

    props = {o for o in shapes.objects(None, SH.property) if isinstance(o, BNode)}
    back = {URIRef(SKOLEM + str(b)): b for b in props}
    fwd = {b: i for i, b in back.items()}
    named = Graph()
    for s, p, o in shapes:
        named.add((fwd.get(s, s), p, fwd.get(o, o)))
    return named, back


def findings_of(report, shapes, data) -> list:
    """The :class:`~honlea_kg.validate.Finding` list of Jena's ``sh:ValidationReport``, named and
    sorted as :func:`honlea_kg.validate.validate_graph` names pyshacl's (one shared function)."""
    from .validate import findings_from_report

    return findings_from_report(report, shapes, data)
