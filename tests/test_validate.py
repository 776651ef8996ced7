"""``validate``: the data graph is untouched, the report is readable and saved as Turtle, exit codes."""

from __future__ import annotations

import shutil

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SH, XSD

from honlea_kg.validate import (REPORT_FILE, ValidationError, format_outcome, load_build, validate_build,
                                validate_command, validate_graph)

HL = "https://w3id.org/honlea-kg/ns#"
MEETING = URIRef("https://w3id.org/honlea-kg/series/honlea-europe/12")


class Echo:
    """Collects what validate_command prints (stdout and stderr apart)."""

    def __init__(self):
        self.out, self.err = [], []

    def __call__(self, text, err=False):
        (self.err if err else self.out).append(text)


@pytest.fixture()
def copy_of(built, tmp_path):
    """A writable copy of the real build's N-Triples dump, with a function to damage it."""
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(built / "dataset.nt", folder / "dataset.nt")
    return folder


def rewrite(folder, change) -> None:
    g = Graph().parse(folder / "dataset.nt", format="nt")
    change(g)
    g.serialize(destination=str(folder / "dataset.nt"), format="nt", encoding="utf-8")


def test_validation_does_not_change_the_data_graph(built):
    data = load_build(built)
    before = set(data)
    outcome = validate_graph(data)
    assert len(data) == len(before) > 4000
    assert set(data) == before
    assert outcome.conforms


def test_real_build_conforms_exits_0_and_writes_a_stable_report(copy_of):
    echo = Echo()
    assert validate_command(copy_of, strict=True, echo=echo) == 0
    assert echo.out[0].startswith("SHACL: the graph conforms: 0 violations")
    first = (copy_of / REPORT_FILE).read_bytes()
    report = Graph().parse(copy_of / REPORT_FILE, format="turtle")
    assert (None, SH.conforms, Literal(True)) in report
    assert validate_command(copy_of, echo=Echo()) == 0
    assert (copy_of / REPORT_FILE).read_bytes() == first


def test_a_violation_exits_1_and_is_reported_by_shape_with_label_and_source(copy_of):
    officer = URIRef("https://w3id.org/honlea-kg/series/honlea-europe/12#officer-chair")

    def damage(g):
        g.set((MEETING, URIRef(HL + "ordinal"), Literal("12")))           # a number as text
        g.remove((officer, URIRef(HL + "forMeeting"), None))              # a mandate without meeting

    rewrite(copy_of, damage)
    echo = Echo()
    assert validate_command(copy_of, echo=echo) == 1
    text = "\n".join(echo.err)
    assert "Meeting: 2 violations" in text  # not an xsd:integer, and so not >= 1
    assert "Twelfth Meeting" in text and "A meeting has at most one ordinal number, a whole number from 1" in text
    assert "Officer mandate: 1 violation" in text
    assert "An officer mandate belongs to exactly one meeting (hl:forMeeting)." in text
    assert "source: https://w3id.org/honlea-kg/series/honlea-europe/12/report#para_54" in text
    assert "3 violations" in echo.out[0]
    report = Graph().parse(copy_of / REPORT_FILE, format="turtle")
    assert (None, SH.conforms, Literal(False)) in report
    assert set(report.objects(None, SH.focusNode)) == {MEETING, officer}


def test_a_paragraph_gap_is_a_warning_that_fails_only_with_strict(copy_of):
    last = URIRef("https://w3id.org/honlea-kg/series/honlea-europe/12/report#para_57")

    def damage(g):
        g.set((last, URIRef(HL + "number"), Literal(59, datatype=XSD.integer)))

    rewrite(copy_of, damage)
    outcome = validate_build(copy_of)
    assert outcome.conforms and [f.shape for f in outcome.warnings] == ["Paragraph numbering"]
    assert outcome.warnings[0].value == "59"
    assert "there is a paragraph 59 but no paragraph before it" in format_outcome(outcome)
    assert validate_command(copy_of, echo=Echo()) == 0
    assert validate_command(copy_of, strict=True, echo=Echo()) == 1


def test_no_dataset_exits_2_with_one_line(tmp_path):
    echo = Echo()
    assert validate_command(tmp_path, echo=echo) == 2
    assert len(echo.err) == 1 and "no built dataset" in echo.err[0] and echo.out == []
    with pytest.raises(ValidationError):
        validate_build(tmp_path)


def test_a_damaged_dump_is_a_validation_error_naming_the_file(tmp_path):
    (tmp_path / "dataset.nt").write_text("<a> <b> .\n", encoding="utf-8")
    with pytest.raises(ValidationError, match="dataset.nt"):
        validate_build(tmp_path)
