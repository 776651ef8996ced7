"""The published site: links resolve, rebuilds are byte-identical, pages embed their data."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

from rdflib import Graph, URIRef

from conftest import CORPUS, ROOT
from site_html import broken_links


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.jsonld: list[str] = []
        self._in_jsonld = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for key in ("href", "src"):
            if a.get(key):
                self.links.append(a[key])
        if "id" in a:
            self.ids.add(a["id"])
        self._in_jsonld = tag == "script" and a.get("type") == "application/ld+json"

    def handle_data(self, data):
        if self._in_jsonld:
            self.jsonld.append(data)

    def handle_endtag(self, tag):
        self._in_jsonld = False


def _parse(path: Path) -> _Links:
    p = _Links()
    p.feed(path.read_text(encoding="utf-8"))
    return p


def test_every_internal_link_resolves_to_a_file(built):
    assert len(list(built.rglob("*.html"))) > 10
    assert broken_links(built) == []


def test_entity_page_embeds_its_own_triples(built):
    page = built / "series" / "honlea-europe" / "12" / "index.html"
    embedded = Graph().parse(data="".join(_parse(page).jsonld), format="json-ld")
    data = Graph().parse(page.parent / "index.jsonld", format="json-ld")
    iri = URIRef("https://w3id.org/honlea-kg/series/honlea-europe/12")
    own_embedded = {t for t in embedded if t[0] == iri}
    own_data = {t for t in data if t[0] == iri}
    assert own_embedded == own_data and len(own_data) >= 8
    ttl = Graph().parse(page.parent / "index.ttl", format="turtle")
    nt = Graph().parse(page.parent / "index.nt", format="nt")
    assert set(ttl) == set(nt) == set(data)


def _checksums(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name != "build-info.json"}


def test_rebuilds_are_byte_identical_under_other_hash_seeds(tmp_path):
    sums = []
    for seed in ("1", "4242"):
        out = tmp_path / f"out{seed}"
        env = dict(os.environ, PYTHONHASHSEED=seed)
        done = subprocess.run([sys.executable, "-m", "honlea_kg.cli", "build", str(CORPUS), "--out", str(out)],
                              capture_output=True, text=True, env=env, cwd=ROOT)
        assert done.returncode == 0, done.stderr
        sums.append(_checksums(out))
    assert sums[0] == sums[1]
    assert len(sums[0]) > 20


def test_dataset_description_matches_the_files(built):
    void = Graph().parse(built / "void.ttl", format="turtle")
    q = """PREFIX dcat: <http://www.w3.org/ns/dcat#> PREFIX spdx: <http://spdx.org/rdf/terms#>
           SELECT ?url ?size ?sum WHERE { ?d dcat:downloadURL ?url ; dcat:byteSize ?size ;
           spdx:checksum/spdx:checksumValue ?sum }"""
    rows = list(void.query(q))
    names = {str(r.url).rsplit("/", 1)[-1] for r in rows}
    assert {"dataset.ttl", "dataset.nt", "dataset.nt.gz", "dataset.jsonld", "dataset.trig"} <= names
    for url, size, checksum in rows:
        data = (built / str(url).rsplit("/", 1)[-1]).read_bytes()
        assert len(data) == int(size)
        assert hashlib.sha256(data).hexdigest() == str(checksum)
    assert (built / ".well-known" / "void").read_bytes() == (built / "void.ttl").read_bytes()


def test_gzip_dump_has_no_timestamp(built):
    data = (built / "dataset.nt.gz").read_bytes()
    assert data[:2] == b"\x1f\x8b" and data[4:8] == b"\0\0\0\0"


def test_sitemap_lastmod_comes_from_the_report(built):
    sitemap = (built / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://w3id.org/honlea-kg/series/honlea-europe/12/</loc><lastmod>2017-07-05</lastmod>" in sitemap
    assert "Sitemap: https://w3id.org/honlea-kg/sitemap.xml" in (built / "robots.txt").read_text()


def test_report_page_has_every_paragraph_anchor(built):
    ids = _parse(built / "series" / "honlea-europe" / "12" / "report" / "index.html").ids
    assert {f"para_{n}" for n in range(1, 58)} <= ids
    assert "para_2__point_a" in ids


def test_report_text_is_escaped(tmp_path):
    report = tmp_path / "r.txt"
    text = (CORPUS / "honlea-europe-12-2017.txt").read_text(encoding="utf-8")
    report.write_text(text.replace("Several speakers made reference", "<script>alert(1)</script> Several speakers"),
                      encoding="utf-8")
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-m", "honlea_kg.cli", "build", str(report), "--out", str(out)],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    html = (out / "series" / "honlea-europe" / "12" / "report" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html
    assert not re.search(r"<script>alert", "".join(p.read_text(encoding="utf-8") for p in out.rglob("*.html")))
