"""What a newcomer meets on the command line (issue 18): exit codes and one-line messages of
``honlea-kg build`` and ``query``, run in a subprocess as a user would, on the bundled report."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from conftest import REPORT, run_cli
from honlea_kg.results import QueryResult, format_result


def no_jena_env(tmp_path: Path) -> dict[str, str]:
    """The environment of a machine without Apache Jena: its jars' folder is empty."""
    empty = tmp_path / "no-java-libs"
    empty.mkdir(exist_ok=True)
    return {**os.environ, "HONLEA_KG_JAVA_DIR": str(empty)}


# --- point 4: a path that does not exist ----------------------------------------------------

def test_typo_in_one_of_two_paths_builds_nothing(tmp_path):
    typo = tmp_path / "typo.txt"
    done = run_cli("build", str(REPORT), str(typo), "--out", str(tmp_path / "out"), "--no-cache")
    assert done.returncode == 2
    assert done.stderr == f"honlea-kg: error: {typo}: no such file or folder; nothing was built\n"
    assert done.stdout == "" and not (tmp_path / "out").exists()


def test_two_typos_named_in_one_line(tmp_path):
    a, b = tmp_path / "corpus" / "typo.txt", tmp_path / "nope"
    done = run_cli("build", str(a), str(b), "--out", str(tmp_path / "out"))
    assert done.returncode == 2
    assert done.stderr == f"honlea-kg: error: {a}, {b}: no such file or folders; nothing was built\n"


def test_not_published_does_not_claim_an_output_that_never_existed(tmp_path):
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "empty.txt").write_bytes(b"")
    out = tmp_path / "never"
    done = run_cli("build", str(tmp_path / "c"), "--out", str(out), "--no-cache")
    assert done.returncode == 1
    assert f"not published: no report could be built; nothing written to {out}/" in done.stderr
    assert "left as it was" not in done.stderr and not out.exists()


# --- point 3: --validator jena without Jena -------------------------------------------------

def test_validator_jena_without_jena_exits_2_naming_the_package(tmp_path):
    out = tmp_path / "out"
    done = run_cli("build", str(REPORT), "--out", str(out), "--validator", "jena", env=no_jena_env(tmp_path))
    assert done.returncode == 2
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("honlea-kg: error: --validator jena needs Apache Jena (no ")
    assert "Debian package libapache-jena-java" in lines[0] and "--validator auto" in lines[0]
    assert not out.exists()


def test_validator_jena_without_java_names_the_runtime(tmp_path):
    bin_dir = tmp_path / "bin"  # a PATH without java
    bin_dir.mkdir()
    done = subprocess.run([sys.executable, "-m", "honlea_kg.cli", "build", str(REPORT), "--out",
                           str(tmp_path / "out"), "--validator", "jena"], capture_output=True, text=True,
                          env={**os.environ, "PATH": str(bin_dir)})
    assert done.returncode == 2
    assert "Java (java not on PATH; Debian package default-jre-headless)" in done.stderr
    assert len(done.stderr.splitlines()) == 1


# --- points 3, 4, 7: one corpus, two builds ---------------------------------------------------

@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """The real report twice (a second copy of the same meeting), a README and a stray file."""
    root = tmp_path_factory.mktemp("newcomer")
    folder = root / "corpus"
    (folder / "copy").mkdir(parents=True)
    shutil.copy(REPORT, folder / REPORT.name)
    shutil.copy(REPORT, folder / "copy" / "europe-12-again.txt")
    (folder / "README.md").write_text("# My reports\n", encoding="utf-8")
    (folder / "notes.rtf").write_text("{\\rtf1 notes}", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def no_validate(corpus):
    out = corpus.parent / "out-novalidate"
    return out, run_cli("build", str(corpus), "--out", str(out), "--no-validate",
                        "--cache", str(corpus.parent / "cache"))


@pytest.fixture(scope="module")
def verbose_auto_without_jena(corpus, tmp_path_factory):
    out = corpus.parent / "out-auto"
    return out, run_cli("build", str(corpus), "--out", str(out), "--verbose", "--validator", "auto",
                        "--cache", str(corpus.parent / "cache"),
                        env=no_jena_env(tmp_path_factory.mktemp("env")))


def test_no_validate_publishes_with_a_notice(no_validate):
    out, done = no_validate
    assert done.returncode == 0, done.stderr
    assert "notice: --no-validate: nothing was validated against the SHACL shapes" in done.stderr
    assert (out / "dataset.ttl").is_file()


def test_readme_is_skipped_silently_other_files_are_noticed(no_validate, corpus):
    _, done = no_validate
    assert "README" not in done.stderr
    assert f"{corpus / 'notes.rtf'}: skipped (not a report file" in done.stderr


def test_verbose_lists_the_skipped_readme(verbose_auto_without_jena, corpus):
    _, done = verbose_auto_without_jena
    assert f"{corpus / 'README.md'}: skipped (README)" in done.stderr


def test_same_meeting_twice_is_not_counted_as_two_built(no_validate, corpus):
    _, done = no_validate
    assert "reports: 1 built, 1 left out (same meeting as another file), 0 failed;" in done.stdout
    # the first file in input order is kept (folders are read in sorted order: copy/ first)
    assert f"{corpus / REPORT.name}: reports the same meeting" in done.stderr


def test_auto_falls_back_to_pyshacl_without_jena(verbose_auto_without_jena):
    out, done = verbose_auto_without_jena
    assert done.returncode == 0, done.stderr
    assert "nothing was validated" not in done.stderr
    assert (out / "validation.ttl").is_file()


# --- point 7: the table output -----------------------------------------------------------------

def test_table_does_not_pad_the_last_column():
    result = QueryResult(form="SELECT", variables=["state", "label"],
                         rows=[(URIRef("https://w3id.org/honlea-kg/state/NLD"), Literal("Netherlands")),
                               (URIRef("https://w3id.org/honlea-kg/state/AT"), Literal("Austria"))])
    lines = format_result(result, "table").splitlines()
    assert lines[0] == "state" + " " * 31 + " | label"
    assert lines[2] == "https://w3id.org/honlea-kg/state/NLD | Netherlands"
    assert lines[3] == "https://w3id.org/honlea-kg/state/AT  | Austria"
    assert all(line == line.rstrip() for line in lines)


def test_query_table_on_the_build_has_no_trailing_spaces(no_validate):
    out, _ = no_validate
    done = run_cli("query", "queries/cq01-meetings.rq", "--data", str(out), cwd=str(Path(__file__).parents[1]))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) > 3 and all(line == line.rstrip() for line in lines), lines[:4]


# --- a folder of many other files (new-user finding: 101 'skipped' lines buried the summary) ---

def test_many_skipped_files_are_counted_past_the_first_five_and_listed_with_verbose(tmp_path):
    corpus = tmp_path / "mixed"
    corpus.mkdir()
    shutil.copy(REPORT, corpus / REPORT.name)
    for i in range(8):
        (corpus / f"table-{i}.csv").write_text("a,b\n", encoding="utf-8")
    done = run_cli("build", str(corpus), "--out", str(tmp_path / "out"), "--no-validate", "--no-cache")
    assert done.returncode == 0, done.stderr
    listed = [l for l in done.stderr.splitlines() if ": skipped (not a report file" in l]
    assert listed == [f"{corpus / f'table-{i}.csv'}: skipped (not a report file: expected .txt, .md, .pdf, .docx)"
                      for i in range(5)]
    assert "... and 3 more files skipped (not report files); --verbose lists them all" in done.stderr
    loud = run_cli("build", str(corpus), "--out", str(tmp_path / "out2"), "--no-validate", "--no-cache", "--verbose")
    assert sum(": skipped (not a report file" in l for l in loud.stderr.splitlines()) == 8
    assert "more files skipped" not in loud.stderr


def test_top_level_help_names_all_five_bodies():
    done = run_cli("--help")
    text = " ".join(done.stdout.split())
    assert "Subcommission on Illicit Drug Traffic and Related Matters in the Near and Middle East" in text
    assert "Latin America and the Caribbean" in text
