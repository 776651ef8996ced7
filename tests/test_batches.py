"""Large builds: mapping without an rdflib Graph, and Jena validating reports in batches."""

from __future__ import annotations

import re

from pathlib import Path

import pyoxigraph as ox
import pytest

from honlea_kg import batches, jena
from honlea_kg.config import CORPUS_DIR, BuildSettings
from honlea_kg.extract.report import extract
from honlea_kg.iris import DEFAULT_BASE, IriPolicy
from honlea_kg.mapping import map_report, map_report_triples, ntriples_of
from honlea_kg.model import HonleaError
from honlea_kg.pipeline import build_report, choose_report_validator, run_build
from honlea_kg.publish.dumps import canonical_ntriples
from honlea_kg.reader import read_report
from honlea_kg.segment import segment
from honlea_kg.synth import write_corpus
from honlea_kg.validate import Finding, ValidationOutcome, load_ontology, load_shapes
from test_pipeline import tree_diff

FIXTURE_REPORTS = Path(__file__).parent / "fixtures" / "reports"
HL = "https://w3id.org/honlea-kg/ns#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def report_files() -> list[Path]:
    return sorted(CORPUS_DIR.glob("*.txt")) + sorted(p for p in FIXTURE_REPORTS.iterdir() if p.is_file()
                                                    and p.suffix in (".txt", ".md"))


@pytest.mark.parametrize("path", report_files(), ids=lambda p: p.name)
def test_mapping_without_a_graph_writes_the_same_ntriples(path):
    facts = extract(segment(read_report(path)))
    iris = IriPolicy(DEFAULT_BASE)
    graph = map_report(facts, iris)
    through_rdflib = canonical_ntriples(ox.parse(graph.serialize(format="nt", encoding="utf-8"),
                                                 format=ox.RdfFormat.N_TRIPLES))
    triples = map_report_triples(facts, iris)
    assert len(triples) == len(graph) > 1000
    assert ntriples_of(triples) == through_rdflib


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("batch-corpus")
    write_corpus(folder, 4, seed=5)
    return folder


def _with_two_ordinals(ntriples: str) -> tuple[str, str]:
    """The N-Triples with a second hl:ordinal on the meeting (a sh:maxCount 1 violation on the
    path hl:ordinal; a missing ordinal is a node-level sh:or finding since an extraordinary
    session has none), and the meeting's IRI."""
    lines = ntriples.splitlines(keepends=True)
    line = next(line for line in lines if f"<{HL}ordinal>" in line and "/sitting/" not in line.split()[0])
    second = re.sub(r'"(\d+)"', lambda m: f'"{int(m.group(1)) + 1}"', line, count=1)
    assert second != line
    return "".join(lines) + second, line.split()[0][1:-1]


def test_a_jena_batch_gives_each_report_the_findings_pyshacl_gives_it(corpus, tmp_path):
    outcomes = [build_report(p, DEFAULT_BASE, validate=False) for p in sorted(corpus.iterdir())[:3]]
    damaged, meeting = _with_two_ordinals(outcomes[1].ntriples)
    texts = [outcomes[0].ntriples, damaged, outcomes[2].ntriples]
    batch = []
    for n, text in enumerate(texts):
        path = tmp_path / f"{n}.nt"
        path.write_text(text, encoding="utf-8")
        batch.append((n, str(path)))
    shapes, ontology = load_shapes(), load_ontology()
    found, notes = batches.validate_batch(batch, shapes, ontology)
    assert notes == []
    reference = batches._with_pyshacl(dict(enumerate(texts)), shapes, ontology)
    key = lambda f: (f.severity, f.shape, f.focus, f.path, f.value)  # noqa: E731  (messages may differ)
    assert {n: [key(f) for f in fs] for n, fs in found.items()} == \
        {n: [key(f) for f in fs] for n, fs in reference.items()}
    assert found[0] == [] and found[2] == []
    assert [(f.focus, f.path) for f in found[1]] == [(meeting, HL + "ordinal")]


def test_a_jena_failure_falls_back_to_pyshacl_and_says_so(corpus, tmp_path, monkeypatch):
    outcome = build_report(sorted(corpus.iterdir())[0], DEFAULT_BASE, validate=False)
    damaged, meeting = _with_two_ordinals(outcome.ntriples)
    path = tmp_path / "0.nt"
    path.write_text(damaged, encoding="utf-8")

    def broken(*_args, **_kwargs):
        raise jena.JenaError("java: not found")

    monkeypatch.setattr(jena, "validate_file", broken)
    found, notes = batches.validate_batch([(0, str(path))], load_shapes(), load_ontology())
    assert [(f.focus, f.path) for f in found[0]] == [(meeting, HL + "ordinal")]
    assert len(notes) == 1 and "validated with pyshacl" in notes[0] and "java: not found" in notes[0]


def test_auto_validates_few_reports_with_pyshacl_and_many_with_jena():
    assert jena.available(), "Apache Jena is part of the test prerequisites (scripts/install-system-deps.sh)"
    assert choose_report_validator("auto", 1) == "pyshacl"
    assert choose_report_validator("auto", batches.AUTO_MIN_REPORTS - 1) == "pyshacl"
    assert choose_report_validator("auto", batches.AUTO_MIN_REPORTS) == "jena"
    assert choose_report_validator("pyshacl", 1000) == "pyshacl"
    assert choose_report_validator("jena", 1) == "jena"
    with pytest.raises(HonleaError, match="unknown validator 'shaclex'"):
        choose_report_validator("shaclex", 3)


def test_a_build_validated_in_jena_batches_publishes_the_same_site(corpus, tmp_path):
    by_jena = run_build(BuildSettings(inputs=[corpus], out=tmp_path / "jena", validator="jena"), jobs=2,
                        cache_dir=tmp_path / "cache")
    by_pyshacl = run_build(BuildSettings(inputs=[corpus], out=tmp_path / "pyshacl", validator="pyshacl"), jobs=2)
    assert by_jena.published and by_pyshacl.published
    assert (by_jena.report_validator, by_pyshacl.report_validator) == ("jena", "pyshacl")
    assert all(o.validated for o in by_jena.reports)
    assert tree_diff(tmp_path / "jena", tmp_path / "pyshacl") == []
    # the batch results went into the cache: a second build validates nothing again
    again = run_build(BuildSettings(inputs=[corpus], out=tmp_path / "jena", validator="jena"), jobs=2,
                      cache_dir=tmp_path / "cache")
    assert again.published and again.cache_hits == 4 and again.cache_misses == 0
    assert again.report_validator is None and all(o.validated and o.cached for o in again.reports)


def test_a_violation_found_in_a_jena_batch_blocks_publishing(corpus, tmp_path, monkeypatch):
    out = tmp_path / "out"
    first = run_build(BuildSettings(inputs=[corpus], out=out, validator="jena"), jobs=1)
    assert first.published
    before = (out / "dataset.nt").read_bytes()
    real = jena.validate_file
    planted = first.reports[0].graph_iri.removesuffix("/report/graph")  # the first report's meeting

    def with_a_violation(path, shapes, ontology, timeout=3600, foci=None):
        """Jena's real findings plus one violation on one meeting, whenever the data holds it:
        in the batch (the first call) and in the cross-report pass that rechecks failed nodes."""
        outcome = real(path, shapes, ontology, timeout, foci=foci)
        meetings = {t.subject.value for t in ox.parse(Path(path).read_bytes(), format=ox.RdfFormat.N_TRIPLES)
                    if t.predicate.value == RDF_TYPE and t.object.value == HL + "Meeting"}
        if planted not in meetings:
            return outcome
        finding = Finding("Violation", "Meeting", planted, None, HL + "ordinal", None, "planted for the test")
        return ValidationOutcome(conforms=False, findings=outcome.findings + [finding])

    monkeypatch.setattr(jena, "validate_file", with_a_violation)  # the forked service inherits it
    second = run_build(BuildSettings(inputs=[corpus], out=out, validator="jena"), jobs=1)
    assert not second.published and not second.validation.conforms
    assert [f.message for f in second.validation.violations] == ["planted for the test"]
    with_finding = [o for o in second.reports if o.findings]
    assert [o.path for o in with_finding] == [first.reports[0].path]
    assert [f.focus for f in with_finding[0].findings] == [planted]
    assert (out / "dataset.nt").read_bytes() == before  # the last good output is untouched
    assert not list(tmp_path.glob(".out.new-*"))  # the staging folder was removed


def test_jena_reads_back_only_the_results_about_the_given_focus_nodes(corpus, tmp_path):
    outcome = build_report(sorted(corpus.iterdir())[0], DEFAULT_BASE, validate=False)
    damaged, meeting = _with_two_ordinals(outcome.ntriples)
    path = tmp_path / "data.nt"
    path.write_text(damaged, encoding="utf-8")
    shapes, ontology = load_shapes(), load_ontology()
    everything = jena.validate_file(path, shapes, ontology)
    kept = jena.validate_file(path, shapes, ontology, foci={meeting})
    none = jena.validate_file(path, shapes, ontology, foci={"urn:x-test:nothing"})
    assert [(f.focus, f.path) for f in everything.findings] == [(meeting, HL + "ordinal")]
    assert kept.findings == everything.findings and not kept.conforms
    assert none.findings == [] and none.conforms
