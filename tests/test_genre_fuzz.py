"""The genre fuzzer (:mod:`honlea_kg.synth` with :class:`GenreOptions`): the extraction recovers
exactly the facts the generator wrote, over 200 seeds whose random options span every value of
every option; and with every option off the benchmark corpus is byte for byte what it was.

More seeds: ``benchmarks/fuzz_genre.py --seeds 2000``."""

from __future__ import annotations

import dataclasses
import hashlib
import random

import pytest

from honlea_kg.synth import (LAYOUTS, OPTION_VALUES, GenreOptions, GenreTruth, facts_view, generate_report,
                             random_options, write_corpus)

SEEDS = range(200)


def fuzz_case(seed: int):
    """Options and layout of seed ``seed``: random options, short reports except one seed in 20."""
    options = random_options(random.Random(seed))
    options = dataclasses.replace(options, compact=seed % 20 != 0)
    return options, LAYOUTS[seed % len(LAYOUTS)]


def test_the_seeds_span_every_value_of_every_option():
    seen = {name: set() for name in OPTION_VALUES}
    for seed in SEEDS:
        options, _layout = fuzz_case(seed)
        for name in OPTION_VALUES:
            seen[name].add(getattr(options, name))
    assert {name: set(values) for name, values in OPTION_VALUES.items()} == seen
    assert set(OPTION_VALUES) == {f.name for f in dataclasses.fields(GenreOptions)}


def test_extraction_recovers_the_generator_facts_over_every_option(tmp_path):
    from honlea_kg.extract.report import extract
    from honlea_kg.reader import read_report
    from honlea_kg.segment import segment

    failures = []
    checked = 0
    for seed in SEEDS:
        options, layout = fuzz_case(seed)
        rep = generate_report(seed, seed % 40, layout, options)
        path = tmp_path / f"{seed}-{rep.name}"
        path.write_text(rep.text, encoding="utf-8")
        facts = extract(segment(read_report(path)))
        diff = rep.truth.differences(facts_view(facts))
        if diff or facts.coverage:
            failures.append((seed, layout, options.changed(), diff, facts.coverage[:3]))
        checked += 1
        # the truth is not empty: every kind of fact is there to be recovered
        assert rep.truth.members and rep.truth.officers and rep.truth.documents and rep.truth.citations
    assert checked == len(SEEDS)
    assert failures == [], "\n".join(repr(f) for f in failures[:5])


def test_a_wrong_extraction_is_caught():
    """The comparison can fail: a truth that differs in one officer's State is reported."""
    rep = generate_report(3, 7, "converted", GenreOptions(officers="prose"))
    other = dataclasses.replace(rep.truth, officers={(r, p, "XXX") for r, p, _s in rep.truth.officers})
    assert set(rep.truth.differences(other)) == {"officers"}
    assert GenreTruth().differences(GenreTruth()) == {}


@pytest.mark.parametrize("name,value,pattern", [
    ("title_ordinal", "figure", r"Report of the 3rd Meeting"),
    ("subcom_on_its", True, r"on its first session, held in"),
    ("observers", "as-were", r"were represented by observers, as were"),
    ("officers", "table3", r"\nOffice\tName\tState\n"),
    ("citations", "old", r"resolution \d{1,4} \([IVXLC]+\)"),
    ("doc_symbols", "joint", r"E/\d{4}/28\]\(#\)\u2013\[E/CN\.7/"),
    ("topic_headings", "issue", r"\nIssue 1: "),
    ("furniture", "advance-unedited", r"\nADVANCE UNEDITED\n"),
])
def test_each_option_shows_in_the_text(name, value, pattern):
    import re

    index = 4 if name == "subcom_on_its" else 10
    layout = "pdf" if name == "furniture" else "converted"
    assert re.search(pattern, generate_report(5, index, layout, GenreOptions(**{name: value})).text)
    assert not re.search(pattern, generate_report(5, index, layout).text)


def test_default_corpus_is_unchanged_byte_for_byte(tmp_path):
    """Every option off: the reports of the build and query benchmarks are the bytes they were
    before the genre options existed (digests taken from that version)."""
    h = hashlib.sha256()
    for seed in (1, 7):
        for i in range(15):
            for layout in LAYOUTS:
                rep = generate_report(seed, i, layout)
                h.update(rep.name.encode() + b"\0" + rep.text.encode() + b"\0")
    assert h.hexdigest() == "fec9b04ef2bd754b3cfc01aa0af1fc4c13501e175aba7fefb0edb424eaf2959a"
    files = write_corpus(tmp_path, 12, seed=1)
    h = hashlib.sha256()
    for path in files:
        h.update(path.name.encode() + path.read_bytes())
    assert h.hexdigest() == "e854daf512f04edfc1f405cad12fb7f47c9e60ab616ce7269df0ff29fc6d5123"
    assert generate_report(1, 0, options=GenreOptions()).text == generate_report(1, 0).text


def test_unknown_option_value_is_refused():
    with pytest.raises(ValueError, match="genre option officers"):
        generate_report(1, 0, options=GenreOptions(officers="sideways"))
