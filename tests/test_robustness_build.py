"""One bad report never stops the others; publishing is atomic (issue "Robustness and security").

End to end through ``honlea-kg build`` in a subprocess: a corpus of good reports with every
kind of bad input the reader knows (empty, binary, damaged PDF, image-only PDF, not a report, a
report without its title and meeting paragraph); ``--strict``; a build that fails validation;
and a build killed with SIGKILL half-way.  After a failed build the previous output folder must
be byte-for-byte what it was, with no half-written folder swapped in.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import REPORT, ROOT, run_cli
from test_hostile_inputs import report_variant


def tree_digest(folder: Path) -> dict[str, str]:
    """Relative path -> SHA-256 of every file under ``folder`` (and '/' for every folder)."""
    out = {}
    for p in sorted(folder.rglob("*")):
        rel = p.relative_to(folder).as_posix()
        out[rel] = "/" if p.is_dir() else hashlib.sha256(p.read_bytes()).hexdigest()
    return out


def image_only_pdf(path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    for _ in range(2):
        pdf.add_page()
        pdf.set_fill_color(40, 40, 40)
        for i in range(12):  # drawn "lines of text": vector shapes, no text layer
            pdf.rect(20, 20 + i * 10, 170, 4, style="F")
    pdf.output(str(path))


def without_title_and_meeting(text: str) -> str:
    """The report with its title line removed and its meeting never named ("the Meeting")."""
    lines = [ln for ln in text.split("\n") if not ln.startswith("Report of the ")]
    text = "\n".join(lines)
    text = re.sub(r"(?:[A-Z][a-z]+ )?Meeting of Heads of (?:National )?Drug Law Enforcement Agencies"
                  r"(?: \(HONLEA\))?,? Europe", "Meeting", text)
    assert "Heads of National Drug Law Enforcement Agencies, Europe" not in text
    return text


def untitled_but_named(text: str) -> str:
    """The report with its title line removed; paragraphs still name the meeting."""
    return "\n".join(ln for ln in text.split("\n") if not ln.startswith("Report of the "))


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    root = tmp_path_factory.mktemp("mixed")
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "good-12.txt").write_text(report_variant(12), encoding="utf-8")
    (corpus / "good-13.txt").write_text(report_variant(13), encoding="utf-8")
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (corpus / "damaged.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nstream\n\x8f\x00garbage")
    image_only_pdf(corpus / "scanned.pdf")
    (corpus / "recipe.txt").write_text("Apple pie\n\nTake six apples and some flour.\n\nBake for an hour.\n",
                                       encoding="utf-8")
    (corpus / "untitled.txt").write_text(without_title_and_meeting(report_variant(14)), encoding="utf-8")
    out = root / "out"
    done = run_cli("build", str(corpus), "--out", str(out))
    return corpus, out, done


BAD = ("empty.txt", "binary.txt", "damaged.pdf", "scanned.pdf", "recipe.txt", "untitled.txt")


def test_good_reports_are_built_and_published_despite_bad_ones(mixed):
    corpus, out, done = mixed
    assert done.returncode == 1, done.stderr
    assert "reports: 2 built, 6 failed" in done.stdout
    assert (out / "series" / "honlea-europe" / "12" / "index.html").is_file()
    assert (out / "series" / "honlea-europe" / "13" / "index.html").is_file()
    assert not (out / "series" / "honlea-europe" / "14" / "report").exists()  # 14 is only 13's next meeting


@pytest.mark.parametrize("name", BAD)
def test_each_bad_file_is_listed_once_with_file_and_reason(mixed, name):
    corpus, out, done = mixed
    lines = [ln for ln in done.stderr.splitlines() if ln.startswith("error: ") and f"/{name}" in ln]
    assert len(lines) == 1, done.stderr
    line = lines[0]
    assert str(corpus / name) in line
    reason = line.split(str(corpus / name), 1)[1]
    assert re.match(r"^(:\d+)?: \S", reason), line  # FILE[:LINE]: reason
    assert "internal error" not in line and "Traceback" not in done.stderr
    if name in ("recipe.txt", "untitled.txt"):  # text files: the line where the problem shows
        assert re.match(r"^:\d+: ", reason), line


def test_failed_reports_are_recorded_in_build_info(mixed):
    import json

    corpus, out, done = mixed
    info = json.loads((out / "build-info.json").read_text(encoding="utf-8"))
    errors = {Path(r["file"]).name: r["error"] for r in info["reports"]}
    assert {n for n, e in errors.items() if e} == set(BAD)
    assert errors["good-12.txt"] is None and errors["good-13.txt"] is None


def test_missing_input_path_stops_the_build_before_anything_is_built(tmp_path):
    """A path that does not exist is a typing mistake, not a bad report (issue 18, point 4):
    exit 2, one line naming it, and nothing built, not even the reports that exist."""
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "good.txt").write_text(report_variant(12), encoding="utf-8")
    done = run_cli("build", str(tmp_path / "c"), str(tmp_path / "nowhere.txt"), "--out", str(tmp_path / "out"))
    assert done.returncode == 2
    assert done.stderr == f"honlea-kg: error: {tmp_path / 'nowhere.txt'}: no such file or folder; nothing was built\n"
    assert done.stdout == ""
    assert not (tmp_path / "out").exists()


def test_report_without_title_is_built_with_a_warning(tmp_path):
    """The meeting is taken from the first paragraph naming it (extract/meeting.py), but the
    lost title (and with it the meeting's place and dates) must be said, so --strict can refuse
    it.  Fails today: extract_meeting falls back silently (bug reported to the lead)."""
    from honlea_kg.pipeline import build_report

    path = tmp_path / "untitled.txt"
    path.write_text(untitled_but_named(report_variant(14)), encoding="utf-8")
    outcome = build_report(path, "https://w3id.org/honlea-kg/")
    assert outcome.error is None and outcome.meeting
    assert any(str(path) in w and "title" in w for w in outcome.warnings), outcome.warnings


# --- previous output intact ------------------------------------------------------------------

@pytest.fixture(scope="module")
def previous(tmp_path_factory):
    """A good build of one report: the 'previous output' later builds must not damage."""
    root = tmp_path_factory.mktemp("previous")
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "europe-12.txt").write_text(report_variant(12), encoding="utf-8")
    out = root / "out"
    done = run_cli("build", str(corpus), "--out", str(out))
    assert done.returncode == 0, done.stderr
    return root, out, tree_digest(out)


def leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.name.startswith(".out"))


def test_build_failing_validation_leaves_previous_output_intact(previous, tmp_path):
    root, out, digest = previous
    home = tmp_path / "home"
    for sub in ("ontology", "shapes", "queries"):
        shutil.copytree(ROOT / sub, home / sub)
    (home / "shapes" / "zz-always-fails.ttl").write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "@prefix hl: <https://w3id.org/honlea-kg/ns#> .\n"
        "<urn:test:NoMeetingShape> a sh:NodeShape ; sh:targetClass hl:Meeting ;\n"
        "  sh:name \"test: no meeting may exist\" ; sh:property [ sh:path hl:nothing ; sh:minCount 1 ] .\n",
        encoding="utf-8")
    done = run_cli("build", str(root / "corpus"), "--out", str(out),
                   env={**os.environ, "HONLEA_KG_HOME": str(home)})
    assert done.returncode == 1
    assert "test: no meeting may exist" in done.stderr
    assert "left as it was" in done.stderr
    assert tree_digest(out) == digest
    assert leftovers(root) == []


def test_strict_makes_a_warning_fatal(previous, tmp_path):
    """A warning under --strict fails the build as a whole: exit 1 and the previous output
    left byte-for-byte as it was.  The exit code part holds; the output part fails today
    (run_build ignores ``settings.strict`` and publishes; bug reported to the lead)."""
    root, out, digest = previous
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "europe-12.txt").write_text(report_variant(12), encoding="utf-8")
    (corpus / "notes.csv").write_text("not,a,report\n", encoding="utf-8")  # skipped with a notice
    lax = run_cli("build", str(corpus), "--out", str(tmp_path / "lax"))
    assert lax.returncode == 0, lax.stderr
    assert "notes.csv: skipped" in lax.stderr
    strict = run_cli("build", str(corpus), "--out", str(out), "--strict")
    assert strict.returncode == 1
    assert "notes.csv: skipped" in strict.stderr
    assert tree_digest(out) == digest


def test_copies_of_one_report_build_and_publish(tmp_path):
    """The same report in several files (the issue's "corpus of many copies of the report") is
    one meeting; it must still publish.  Fails today: each copy adds its own
    hl:sourceFileName and the Report shape allows one (sh:maxCount 1), so the build is refused
    with a SHACL violation (bug reported to the lead)."""
    corpus = tmp_path / "copies"
    corpus.mkdir()
    for i in range(2):
        shutil.copy(REPORT, corpus / f"copy-{i}.txt")
    done = run_cli("build", str(corpus), "--out", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr[-2000:]
    assert (tmp_path / "out" / "series" / "honlea-europe" / "12" / "report" / "index.html").is_file()


def test_sigkill_mid_build_leaves_previous_output_intact(previous, tmp_path):
    root, out, digest = previous
    corpus = tmp_path / "many"
    corpus.mkdir()
    for n in range(12, 24):  # the report as twelve meetings of the series: a long build
        (corpus / f"europe-{n}.txt").write_text(report_variant(n), encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "honlea_kg.cli", "build", str(corpus), "--out", str(out)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        # kill while the new site is being written: as soon as the staging folder appears
        deadline = time.monotonic() + 900
        while not any(p.name.startswith(".out.new-") for p in root.iterdir()):
            assert proc.poll() is None, "the build ended before it could be killed"
            assert time.monotonic() < deadline
            time.sleep(0.02)
        time.sleep(0.3)
        assert proc.poll() is None, "the build ended before it could be killed; make the corpus larger"
    finally:
        os.killpg(proc.pid, signal.SIGKILL)  # the build and its worker processes
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert tree_digest(out) == digest
    # a staging folder may be left beside the output (never swapped in); a rebuild cleans up
    # nothing it should not and still publishes
    stale = leftovers(root)
    assert all(name.startswith(".out.new-") for name in stale), stale
    again = run_cli("build", str(root / "corpus"), "--out", str(out))
    assert again.returncode == 0, again.stderr
    assert tree_digest(out).keys() == digest.keys()
