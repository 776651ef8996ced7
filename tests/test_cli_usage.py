"""Usage errors a breaker found: each is one line on stderr, exit code 2, checked before any
work is done, and nothing of the user's is touched (README, "Errors and exit codes")."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import CORPUS, run_cli
from honlea_kg.model import HonleaError
from honlea_kg.outdir import check_out, is_output


def one_line_usage_error(done, *words: str) -> str:
    """The single stderr line of a usage error, checked: exit 2, no traceback, nothing built."""
    assert done.returncode == 2, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    for w in words:
        assert w in lines[0], lines[0]
    assert done.stdout == ""
    return lines[0]


@pytest.fixture
def reports(tmp_path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(next(CORPUS.glob("*.txt")), folder)
    return folder


# --- item 1: --out never deletes what honlea-kg did not write -------------------------------------


def test_out_folder_of_other_files_is_refused_and_kept(tmp_path, reports):
    thesis = tmp_path / "p" / "thesis.txt"
    thesis.parent.mkdir()
    thesis.write_text("thesis\n", encoding="utf-8")
    done = run_cli("build", str(reports), "--out", str(thesis.parent), "--no-cache", cwd=tmp_path)
    one_line_usage_error(done, "--out", "not an output of honlea-kg", "build-info.json")
    assert thesis.read_text(encoding="utf-8") == "thesis\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p", "reports"]  # no spare, no staging


def test_out_equal_to_the_input_folder_is_refused(tmp_path, reports):
    done = run_cli("build", "reports", "--out", "reports", "--no-cache", cwd=tmp_path)
    one_line_usage_error(done, "--out reports", "is the input reports")
    assert len(list(reports.iterdir())) == 1


def test_out_holding_the_input_folder_is_refused(tmp_path, reports):
    done = run_cli("build", str(reports), "--out", str(tmp_path), "--no-cache", cwd=reports.parent.parent)
    one_line_usage_error(done, f"--out {tmp_path}", "holds the input")
    assert len(list(reports.iterdir())) == 1


def test_out_inside_the_input_folder_is_refused(tmp_path, reports):
    done = run_cli("build", "reports", "--out", "reports/site", "--no-cache", cwd=tmp_path)
    one_line_usage_error(done, "--out reports/site", "lies inside the input reports")
    assert not (reports / "site").exists()


def test_out_naming_a_regular_file_is_refused(tmp_path, reports):
    f = tmp_path / "notes.txt"
    f.write_text("keep me\n", encoding="utf-8")
    done = run_cli("build", str(reports), "--out", str(f), "--no-cache", cwd=tmp_path)
    one_line_usage_error(done, "a file, not a folder")
    assert f.read_text(encoding="utf-8") == "keep me\n"


def test_out_holding_the_cache_is_refused(tmp_path, reports):
    done = run_cli("build", str(reports), "--out", "site", "--cache", "site/cache", cwd=tmp_path)
    one_line_usage_error(done, "--out site", "holds the build cache")


def test_empty_folder_and_earlier_output_are_accepted(tmp_path, reports, built):
    empty = tmp_path / "empty"
    empty.mkdir()
    assert check_out(empty, [reports]) == empty
    assert check_out(tmp_path / "new" / "deeper", [reports])
    assert is_output(built) and check_out(built, [reports]) == built
    (empty / "build-info.json").write_text('{"generator": "something else"}', encoding="utf-8")
    assert not is_output(empty)
    with pytest.raises(HonleaError, match="not an output of honlea-kg"):
        check_out(empty, [reports])


# --- item 3: --out that used to end in a traceback -----------------------------------------------


@pytest.mark.parametrize("value", [".", "", "..", "/"])
def test_out_that_names_no_folder_is_refused_before_the_build(tmp_path, reports, value):
    done = run_cli("build", str(reports), "--out", value, "--no-cache", cwd=tmp_path)
    one_line_usage_error(done, "--out", "expected the name of an output folder")


def test_out_below_a_file_is_refused(tmp_path, reports, built):
    done = run_cli("build", str(reports), "--out", str(built / "dataset.ttl" / "x"), "--no-cache", cwd=tmp_path)
    one_line_usage_error(done, "dataset.ttl is not a folder")


def test_out_whose_parent_cannot_be_written_is_refused(tmp_path, reports, monkeypatch):
    import tempfile

    def refuse(*a, **kw):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkdtemp", refuse)  # what a read-only parent does to the probe
    with pytest.raises(HonleaError, match=r"--out .*cannot write in .*Permission denied"):
        check_out(tmp_path / "site", [reports])


@pytest.mark.parametrize("args, words", [
    (["query", "-e", "ASK {}", "--endpoint", "http://[::1"], ["--endpoint", "Invalid IPv6 URL"]),
    (["load", "--endpoint", "http://[::1"], ["--endpoint", "Invalid IPv6 URL"]),
    (["load", "--endpoint", "http://127.0.0.1:9/sparql", "--graph-store", "http://h:99999/"],
     ["--graph-store", "Port out of range"]),
    (["load", "--endpoint", "http://127.0.0.1:9/sparql", "--update-endpoint", "ftp://h/"], ["--update-endpoint"]),
])
def test_endpoint_urls_are_checked_before_anything_is_sent(tmp_path, args, words):
    done = run_cli(*args, "--data", str(tmp_path / "nothing"), cwd=tmp_path)
    one_line_usage_error(done, "must be an http:// or https:// URL", *words)


# --- item 4: one bad setting is a usage error, not an internal error of every report -------------


@pytest.mark.parametrize("cache, words", [
    ("/proc/nocache", ["--cache /proc/nocache", "cannot write in /proc"]),
    ("/etc/passwd", ["--cache /etc/passwd", "not a folder"]),
    ("/etc/passwd/x", ["--cache /etc/passwd/x", "/etc/passwd is not a folder"]),
])
def test_unusable_cache_is_a_usage_error(tmp_path, reports, cache, words):
    done = run_cli("build", str(reports), "--out", "site", "--cache", cache, cwd=tmp_path)
    one_line_usage_error(done, "expected a folder", "nothing was built", *words)
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize("base, words", [
    ("http://example.org/kg/%zz/", ["percent encoding", "%zz"]),
    ("http://[::1/", ["'[' in host"]),
])
def test_invalid_base_iri_is_a_usage_error(tmp_path, reports, base, words):
    done = run_cli("build", str(reports), "--out", "site", "--base-iri", base, "--no-cache", cwd=tmp_path)
    one_line_usage_error(done, "--base-iri", "absolute http(s) IRI", *words)
    assert not (tmp_path / "site").exists()
