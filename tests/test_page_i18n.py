"""Labels, languages and incoming links on entity pages (publishing-practice.md, section 6,
criteria 7, 8 and 9), rendered through ``GraphIndex`` and ``PageWriter`` from a small graph."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef

from honlea_kg.iris import IriPolicy
from honlea_kg.publish.graphindex import GraphIndex
from honlea_kg.publish.pages import INCOMING_SHOWN, PageWriter, home_context, text_direction
from honlea_kg.publish.site import environment
from i18n_fixture import (ARABIC, BASE, BILINGUAL, FR_ONLY, LABELS, MEETING, MENTIONS, NO_LABEL, UNTAGGED,
                          fixture_quads, recommendation)

INBOUND = INCOMING_SHOWN + 37
#: The recommendations plus the meeting's schema:attendee link.
TOTAL_IN = INBOUND + 1


class _Page(HTMLParser):
    """Every text node of a page with the language and direction it inherits, and the
    ``<title>``, ``<h1>`` and links with their own attributes."""

    VOID = {"meta", "link", "br", "img", "input", "hr", "source", "wbr", "area", "base", "col", "embed", "track"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None, str | None]] = []   # (tag, lang, dir) in effect
        self.texts: list[tuple[str, str | None, str | None, tuple[str, ...]]] = []
        self.elements: dict[str, list[dict]] = {}   # tag -> [{attrs..., "text": ...}] for title/h1/a/tr
        self._open: list[dict] = []
        self.html_lang = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.html_lang = a.get("lang")
        lang = a["lang"] if "lang" in a else (self.stack[-1][1] if self.stack else None)
        direction = a["dir"] if "dir" in a else (self.stack[-1][2] if self.stack else None)
        if tag in ("title", "h1", "a", "tr", "li", "section", "table", "tbody", "main", "nav"):
            rec = dict(a, tag=tag, text="", lang_in_effect=lang, dir_in_effect=direction,
                       ancestors=tuple(e["tag"] + ("#" + e["id"] if e.get("id") else "")
                                     + ("@" + e["aria-labelledby"] if e.get("aria-labelledby") else "")
                                     for e in self._open))
            self.elements.setdefault(tag, []).append(rec)
            self._open.append(rec)
        if tag not in self.VOID:
            self.stack.append((tag, lang, direction))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break
        for i in range(len(self._open) - 1, -1, -1):
            if self._open[i]["tag"] == tag:
                del self._open[i:]
                break

    def handle_data(self, data):
        tags = tuple(t for t, _, _ in self.stack)
        if "script" in tags or "style" in tags:
            return
        lang, direction = (self.stack[-1][1], self.stack[-1][2]) if self.stack else (None, None)
        self.texts.append((data, lang, direction, tags))
        for rec in self._open:
            rec["text"] += data


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> Path:
    """The fixture graph's pages and data files written by ``PageWriter.write_docs``."""
    out = tmp_path_factory.mktemp("i18n")
    quads = fixture_quads(INBOUND)
    triples = sorted({ox.Triple(q.subject, q.predicate, q.object) for q in quads},
                     key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    iris = IriPolicy(BASE)
    index, env = GraphIndex(triples), environment()
    writer = PageWriter(index, iris, out, env, {})
    assert writer.write_docs(writer.documents()) == 6 + 1  # six entity documents and the working group whose fragments the recommendations are
    classes = writer.class_indexes()
    (out / "index.html").write_text(env.get_template("index.html").render(
        **home_context(index, iris, classes, [], len(triples))), encoding="utf-8")
    return out


def page_of(out: Path, iri: str, name: str = "index.html") -> Path:
    return out / iri[len(BASE):] / name


#: Every page's <title> ends with the site's name.
SITE_SUFFIX = " · HONLEA knowledge graph"


def title(page: _Page) -> dict:
    """The <title> element with the site's name (which it must end with) cut off."""
    (t,) = page.elements["title"]
    assert t["text"].endswith(SITE_SUFFIX), t["text"]
    return dict(t, text=t["text"][:-len(SITE_SUFFIX)])


def test_french_only_label_is_the_title_with_its_language(pages):
    page = parse(page_of(pages, FR_ONLY))
    assert page.html_lang == "en"
    t, (h1,) = title(page), page.elements["h1"]
    assert (t["text"], t.get("lang"), t.get("dir")) == ("République de Côte d'Ivoire", "fr", None)
    assert (h1["text"], h1.get("lang")) == ("République de Côte d'Ivoire", "fr")


def test_english_label_wins_over_a_french_preferred_label(pages):
    page = parse(page_of(pages, BILINGUAL))
    t, (h1,) = title(page), page.elements["h1"]
    assert t["text"] == h1["text"] == "Belgium"
    assert t["lang_in_effect"] == h1["lang_in_effect"] == "en"


def test_untagged_label_and_local_name_fallback(pages):
    assert title(parse(page_of(pages, UNTAGGED)))["text"] == "Fixture Drug Control Agency"
    page = parse(page_of(pages, NO_LABEL))
    assert title(page)["text"] == page.elements["h1"][0]["text"] == "nowhere-in-particular"


def test_arabic_label_is_right_to_left(pages):
    page = parse(page_of(pages, ARABIC))
    t, (h1,) = title(page), page.elements["h1"]
    assert (t["text"], t.get("lang"), t.get("dir")) == ("جمهورية مصر العربية", "ar", "rtl")
    assert (h1.get("lang"), h1.get("dir")) == ("ar", "rtl")
    assert text_direction("ar-EG") == "rtl" and text_direction("ku-Arab") == "rtl"
    assert text_direction("fr") is None and text_direction("ku-Latn") is None and text_direction(None) is None


def test_object_iris_are_shown_by_their_labels(pages):
    page = parse(page_of(pages, MEETING))
    links = {a["href"]: a for a in page.elements["a"]}
    expected = {FR_ONLY: ("République de Côte d'Ivoire", "fr", None), BILINGUAL: ("Belgium", "en", None),
                UNTAGGED: ("Fixture Drug Control Agency", None, None), ARABIC: ("جمهورية مصر العربية", "ar", "rtl"),
                NO_LABEL: ("nowhere-in-particular", None, None)}
    for iri, (text, lang, direction) in expected.items():
        href = "../../../" + iri[len(BASE):] + "/"
        assert href in links, f"no link to {iri} on the meeting page"
        a = links[href]
        assert (a["text"], a.get("lang"), a.get("dir")) == (text, lang, direction)
    assert not any(text.strip().startswith(BASE) for text, *_ in page.texts
                   if "code" not in _[-1]), "a raw IRI is shown as text outside the IRI line"


def test_every_language_tagged_literal_sits_in_an_element_of_its_language(pages):
    htmls = sorted(pages.rglob("*.html"))
    seen = set()
    for path in htmls:
        page = parse(path)
        assert page.html_lang == "en", path
        for _, _, text, lang in LABELS:
            if lang is None:
                continue
            for data, in_effect, direction, _tags in page.texts:
                if text in data:
                    seen.add(text)
                    assert in_effect == lang, f"{path.relative_to(pages)}: {text!r} sits in lang={in_effect!r}"
                    assert direction == text_direction(lang), f"{path.relative_to(pages)}: {text!r} dir={direction!r}"
    assert seen == {text for _, _, text, lang in LABELS if lang}
    browse = parse(pages / "browse" / "hl-State" / "index.html")
    assert {(a["text"], a.get("lang"), a.get("dir")) for a in browse.elements["a"]
            if "main#main" in a["ancestors"] and "li" in a["ancestors"]} == {("Belgium", "en", None), ("République de Côte d'Ivoire", "fr", None),
                                                      ("جمهورية مصر العربية", "ar", "rtl")}


def test_incoming_links_first_hundred_then_a_full_page(pages):
    page = parse(page_of(pages, BILINGUAL))
    text = "".join(t for t, *_ in page.texts)
    assert f"Incoming links ({TOTAL_IN})" in text
    assert f"Showing the first {INCOMING_SHOWN} of {TOTAL_IN}." in text
    shown = [li for li in page.elements["li"] if "section@in-h" in li["ancestors"] and "tbody" in li["ancestors"]]
    assert len(shown) == INCOMING_SHOWN
    assert any(a["href"] == "incoming.html" for a in page.elements["a"])

    full = parse(page_of(pages, BILINGUAL, "incoming.html"))
    rows = [tr for tr in full.elements["tr"] if "tbody" in tr["ancestors"]]
    assert len(rows) == TOTAL_IN
    hrefs = [a["href"] for a in full.elements["a"] if "tbody" in a["ancestors"] and not a["href"].startswith("http")]
    def href(iri: str) -> str:  # a fragment IRI links to its document's folder plus the fragment
        doc, _, frag = iri.partition("#")
        return "../../" + doc[len(BASE):] + "/" + ("#" + frag if frag else "")

    assert sorted(hrefs) == sorted([href(recommendation(k)) for k in range(1, INBOUND + 1)]
                                   + ["../../series/honlea-fixture/1/"])
    assert title(full)["text"] == "Incoming links: Belgium"


def test_few_incoming_links_have_no_extra_page(pages):
    page = parse(page_of(pages, FR_ONLY))
    text = "".join(t for t, *_ in page.texts)
    assert "Incoming links (1)" in text and "Showing the first" not in text
    assert not page_of(pages, FR_ONLY, "incoming.html").exists()


def test_data_file_holds_every_incoming_triple(pages):
    g = Graph().parse(page_of(pages, BILINGUAL, "index.ttl"), format="turtle")
    inbound = set(g.subjects(URIRef(MENTIONS), URIRef(BILINGUAL)))
    assert inbound == {URIRef(recommendation(k)) for k in range(1, INBOUND + 1)}
    assert (URIRef(MEETING), URIRef("https://schema.org/attendee"), URIRef(BILINGUAL)) in g
