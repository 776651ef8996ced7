"""Consistency checks of the test fixtures under ``tests/fixtures`` (data, not library code).

* every expected-answer folder has the same 17 CSV files, with the same headers, as the sample's
  ``tests/expected/honlea-europe-12-2017``;
* the committed generated forms are what ``tests/fixtures/make_forms.py`` writes now;
* the PDF's text layer and the DOCX body give back every numbered paragraph of the sample.
"""
from __future__ import annotations

import csv
import importlib.util
import re
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
FIX = TESTS / "fixtures"
SAMPLE = TESTS / "expected" / "honlea-europe-12-2017"
EXPECTED = sorted(p for p in (FIX / "expected").iterdir() if p.is_dir())


def _load_make_forms():
    spec = importlib.util.spec_from_file_location("make_forms", FIX / "make_forms.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules["make_forms"] = mod  # dataclasses look their module up
    spec.loader.exec_module(mod)
    return mod


def _header(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as f:
        return next(csv.reader(f))


def test_every_fixture_has_a_report_and_17_expected_csvs():
    names = sorted(p.name for p in SAMPLE.glob("cq*.csv"))
    assert len(names) == 17
    assert len(EXPECTED) >= 2
    for folder in EXPECTED:
        assert sorted(p.name for p in folder.glob("cq*.csv")) == names, folder
        assert list((FIX / "reports").glob(folder.name + ".*")), folder
        for name in names:
            assert _header(folder / name) == _header(SAMPLE / name), (folder, name)


@pytest.mark.parametrize("folder", EXPECTED, ids=lambda p: p.name)
def test_expected_values_follow_the_conventions(folder):
    series = {"HONLAF", "HONLAP", "HONLAC", "HONEURO", "SUBCOM"}
    for path in folder.glob("cq*.csv"):
        with path.open(encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        assert rows, path
        for row in rows:
            s, n = row["meeting"].split("/")
            assert s in series and n.isdigit(), (path, row)
            for key in ("state",):
                if key in row:
                    assert re.fullmatch(r"[A-Z]{3}", row[key]), (path, row)
            for key in ("date", "start_date", "end_date"):
                if row.get(key):
                    assert re.fullmatch(r"\d{4}-\d\d-\d\d", row[key]), (path, row)
            if "symbol" in row:
                assert re.fullmatch(r"UNODC/HON\w+/\d+/[\w./]+", row["symbol"]), (path, row)
        # one row per fact
        assert len({tuple(r.values()) for r in rows}) == len(rows), path


def test_generated_forms_are_up_to_date():
    mf = _load_make_forms()
    blocks = mf.read_blocks(mf.ROOT / "corpus" / "honlea-europe-12-2017.txt")
    assert sum(b.kind == "para" for b in blocks) == 57
    text, breaks = mf.render_pdftext(blocks, mf.EUROPE)
    assert (FIX / "forms" / "honlea-europe-12-2017.pdftext.txt").read_text(encoding="utf-8") == text
    assert {b.kind for b in breaks} == {"keep", "remove"}
    assert (FIX / "forms" / "honlea-europe-12-2017.md").read_text(encoding="utf-8") == mf.render_markdown(blocks)
    ablocks = mf.read_blocks(FIX / "sources" / "honlea-africa-28-2018.txt")
    atext, _ = mf.render_pdftext(ablocks, mf.AFRICA)
    assert (FIX / "reports" / "honlea-africa-28-2018.txt").read_text(encoding="utf-8") == atext


def test_pdf_and_docx_give_back_the_paragraphs():
    import docx
    import pypdf

    mf = _load_make_forms()
    blocks = mf.read_blocks(mf.ROOT / "corpus" / "honlea-europe-12-2017.txt")
    paras = [b for b in blocks if b.kind == "para"]
    reader = pypdf.PdfReader(str(FIX / "forms" / "honlea-europe-12-2017.pdf"))
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)
    # paragraphs cut by a page break carry the running header/footer inside them
    found = [b.label for b in paras if " ".join(b.text.split()) in text]
    assert len(found) >= 50
    assert "“Use of the Internet for drug-related activities”" in text
    d = docx.Document(str(FIX / "forms" / "honlea-europe-12-2017.docx"))
    body = {p.text for p in d.paragraphs}
    assert all(f"{b.label}.\t{b.text}" in body for b in paras)
    assert [c.text for c in d.tables[-1].rows[-1].cells] == ["UNODC/HONEURO/12/CRP.2-22", "3", "Country reports"]
