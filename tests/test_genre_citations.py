"""Citations of every era and document symbols that look like resolution numbers, then the
coverage diagnostics, each from a miss crafted for the test.  All inputs are written here."""

from __future__ import annotations

import json

import pytest

from conftest import run_cli
from extract_helpers import coverage_of, extract_text

TITLE = ("Report of the Thirty-fourth Meeting of Heads of National Drug Law Enforcement Agencies, Africa, held in "
         "Dakar from 14 to 17 April 2025")


def _report(*paragraphs: str, annex: str = "") -> str:
    body = "\n\n".join(f"{i}. {p}" for i, p in enumerate(paragraphs, start=1))
    return f"UNODC/HONLAF/34/6\n\n30 April 2025\n\n{TITLE}\n\nI. Organization of the Meeting\n\n{body}\n{annex}"


def _cites(f):
    return [(c.paragraph, c.body, c.kind, c.number) for c in f.citations]


@pytest.mark.parametrize("text,want", [
    ("Recalling Economic and Social Council resolution 1776 (LIV) of 18 May 1973 and resolution 1845 (LVI) of "
     "15 May 1974,", [("ECOSOC", "1776 (LIV)"), ("ECOSOC", "1845 (LVI)")]),
    ("The Commission, in its resolution 6 (XXV), and Commission on Narcotic Drugs resolution 3(XXXII) of "
     "11 February 1987", [("CND", "6 (XXV)"), ("CND", "3 (XXXII)")]),
    ("General Assembly resolutions 2200 A (XXI) and 3201 (S-VI)", [("GA", "2200 A (XXI)"), ("GA", "3201 (S-VI)")]),
    ("resolution 1776 (LIV)", [("ECOSOC", "1776 (LIV)")]),  # bare: by rule
    ("General Assembly resolution S-30/1, annex, and resolutions 61/11 and 62/4 of the Commission",
     [("GA", "S-30/1"), ("CND", "61/11"), ("CND", "62/4")]),
    ("Security Council resolution 2482 (2019) and Economic and Social Council resolution 1987/34",
     [("SC", "2482 (2019)"), ("ECOSOC", "1987/34")]),
])
def test_citations_of_every_era(text, want):
    """Issue bullet 4 (the old style) and the other forms: the session numeral is kept as
    printed, with one space before it, without the date."""
    from honlea_kg.extract.citations import find_citations

    assert [(c.body, c.number) for c in find_citations(text)] == want


def test_old_style_number_in_the_graph_and_its_iri(tmp_path):
    from rdflib import Literal, URIRef

    from honlea_kg.iris import IriPolicy
    from honlea_kg.mapping import map_report
    from honlea_kg.vocab import SCHEMA

    f = extract_text(tmp_path, _report("The Meeting recalled Economic and Social Council resolution 1776 (LIV) of "
                                       "18 May 1973."))
    assert _cites(f) == [(1, "ECOSOC", "resolution", "1776 (LIV)")]
    iris = IriPolicy()
    node = URIRef(iris.base + "resolution/ecosoc/1776-liv")
    assert iris.resolution("ECOSOC", "resolution", "1776 (LIV)") == str(node)
    g = map_report(f, iris)
    assert g.value(node, SCHEMA.legislationIdentifier) == Literal("1776 (LIV)")


def test_document_symbols_that_look_like_resolution_numbers(tmp_path):
    """E/2025/28 is a document, not resolution 2025/28; a joint symbol is one document with two
    symbols; corrigenda and ranges expand."""
    f = extract_text(tmp_path, _report(
        "The report of the Commission on its sixty-eighth session (E/2025/28\u2013E/CN.7/2025/15) and document "
        "E/CN.7/2025/2 and Corr.1 were mentioned, as were Commission resolutions 68/2 and 68/5 and the country "
        "reports (UNODC/HONLAF/34/CRP.1\u2013CRP.3)."))
    assert _cites(f) == [(1, "CND", "resolution", "68/2"), (1, "CND", "resolution", "68/5")]
    docs = {d.symbol: d for d in f.documents}
    assert sorted(docs) == ["E/2025/28", "E/CN.7/2025/15", "E/CN.7/2025/2", "E/CN.7/2025/2/Corr.1",
                            "UNODC/HONLAF/34/CRP.1", "UNODC/HONLAF/34/CRP.2", "UNODC/HONLAF/34/CRP.3"]
    assert docs["E/2025/28"].also_issued_as == ["E/CN.7/2025/15"] and docs["E/2025/28"].collection is None
    assert docs["E/CN.7/2025/15"].also_issued_as == ["E/2025/28"]
    assert docs["UNODC/HONLAF/34/CRP.2"].collection == "UNODC/HONLAF/34/CRP.1\u2013CRP.3"  # as written
    assert "UNODC/HONLAF/34/6" not in docs  # the report's own symbol
    assert coverage_of(f) == []


def test_a_range_written_with_full_symbols_is_still_a_range():
    from honlea_kg.extract.symbols import find_symbols

    (m,) = find_symbols("(UNODC/HONLAF/34/CRP.1\u2013UNODC/HONLAF/34/CRP.4)")
    assert not m.joint and m.symbols == [f"UNODC/HONLAF/34/CRP.{k}" for k in range(1, 5)]


# --- coverage diagnostics --------------------------------------------------------------------------

def test_coverage_attendance_names_no_list_took(tmp_path):
    f = extract_text(tmp_path, _report(
        "The following States members of the Meeting were represented: Senegal, Mali and Niger.",
        "Observers from Canada, Germany and the European Union followed the proceedings."))
    got = [w for w in f.coverage if "in an attendance" in w]
    assert len(got) == 3
    assert all(w.startswith(f"{tmp_path / 'report.txt'}:") for w in got)
    assert "'Canada'" in got[0] and "'Germany'" in got[1] and "'European Union'" in got[2]


def test_coverage_symbol_shaped_token_no_document_took(tmp_path):
    f = extract_text(tmp_path, _report("The Meeting had before it documents UNODC/HONLAF/34/CRP.4a and "
                                       "UNODC/HONLAF/34/CRP.9-3."))
    got = [w for w in f.coverage if "paragraph 1" in w]
    assert any("'UNODC/HONLAF/34/CRP.4a'" in w and "no document took it" in w for w in got), got
    assert any("could not be expanded" in w and "CRP.9-3" in w for w in got), got


def test_coverage_table_rows_no_fact_took(tmp_path):
    annex = ("\nAnnex\n\nList of documents\n\nDocument number\tAgenda item\tTitle or description\n"
             "UNODC/HONLAF/34/1\t2\tAnnotated provisional agenda\n"
             "Information for participants\t\u2013\tNote by the Secretariat\n")
    f = extract_text(tmp_path, _report(
        "At its 1st meeting, the Meeting elected the following officers:\n\nChair:\tAwa Ndiaye (Senegal)\n"
        "Secretary:\tto be announced", annex=annex))
    rows = [w for w in f.coverage if "gave no" in w]
    assert len(rows) == 2, f.coverage
    assert "to be announced" in rows[0] and "paragraph 1" in rows[0]
    assert "Information for participants" in rows[1]
    assert [(o.role, o.person) for o in f.officers] == [("Chair", "Awa Ndiaye")]


def test_coverage_joins_title_and_agenda_checks_in_build_info_and_fails_strict(tmp_path):
    """The coverage warnings are listed under ``coverage`` in build-info.json and make
    ``--strict`` refuse to publish; without --strict the build publishes and prints them."""
    src = tmp_path / "in"
    src.mkdir()
    text = ("UNODC/HONLAF/34/6\n\n30 April 2025\n\nI. Organization of the Meeting\n\n"
            "1. The Thirty-fourth Meeting was held in Dakar from 14 to 17 April 2025.\n\n"
            "2. At its 1st meeting, the Meeting adopted the following agenda:\n\n1. Opening.\n2. Other business.\n\n"
            "3. At its 2nd meeting, the Meeting considered item 7 of the agenda.\n\n"
            "4. Canada, Germany and Acme were represented by observers and Japan and the European Union followed "
            "the debate as observers.\n")
    (src / "honlaf-34.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    done = run_cli("build", str(src), "--out", str(out), "--no-validate")
    assert done.returncode == 0, done.stderr
    info = json.loads((out / "build-info.json").read_text(encoding="utf-8"))
    cov = info["reports"][0]["coverage"]
    assert any("no report title" in w for w in cov)
    assert any("considered item 7, which is not on the adopted agenda" in w for w in cov)
    assert any("'Japan'" in w for w in cov) and any("'European Union'" in w for w in cov)
    assert all(w in done.stderr for w in cov)
    strict_out = tmp_path / "strict"
    done = run_cli("build", str(src), "--out", str(strict_out), "--no-validate", "--strict")
    assert done.returncode == 1 and not strict_out.exists()
