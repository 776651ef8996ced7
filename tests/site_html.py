"""Reading published pages in tests: visible text with the elements it sits in, links, ids.

A small HTML parser (the standard library's), so the static tests need no browser.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

#: A compact RDF name (``schema:attendee``, ``hl:Meeting``) of the vocabularies the graph uses.
PREFIXED_NAME = re.compile(
    r"(?<![\w/.:#@-])(hl|schema|dct|dcterms|prov|org|foaf|skos|oa|cito|fabio|doco|undo|opengov|rdf|rdfs|owl|xsd|"
    r"wd|dcat|void|spdx|time|sh|vann):[A-Za-z_][\w.-]*")
VOID = {"meta", "link", "br", "img", "input", "hr", "source", "wbr", "area", "base", "col", "embed", "track"}


class Page(HTMLParser):
    """A page: ``texts`` (visible text nodes, each with the stack of its ancestors as
    ``(tag, attrs)``), ``links`` (href/src values), ``ids``, ``elements`` by tag."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict]] = []
        self.texts: list[tuple[str, tuple]] = []
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.elements: dict[str, list[dict]] = {}
        self._open: list[dict] = []
        self._chunks: list[str] = []  # visible text nodes in order; an element's text is a slice

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        for key in ("href", "src"):
            if a.get(key):
                self.links.append(a[key])
        if "id" in a:
            self.ids.add(a["id"])
        rec = dict(a, tag=tag, text="")
        self.elements.setdefault(tag, []).append(rec)
        if tag not in VOID:
            self.stack.append((tag, a))
            rec["_start"] = len(self._chunks)
            self._open.append(rec)

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                self._finish(self._open[i:])
                del self._open[i:]
                break

    def _finish(self, records: list[dict]) -> None:
        # joined once when the element ends (was: text += data on every open element, quadratic
        # on a long report page: minutes per site in test_site_views)
        for rec in records:
            rec["text"] = "".join(self._chunks[rec.pop("_start"):])

    def close(self):
        super().close()
        self._finish(self._open)
        self._open = []

    def handle_data(self, data):
        if any(t in ("script", "style", "title") for t, _ in self.stack):
            return
        self.texts.append((data, tuple(self.stack)))
        self._chunks.append(data)

    def visible_text(self, exclude=lambda tag, attrs: False) -> str:
        """The text of the page outside the elements ``exclude(tag, attrs)`` accepts."""
        return " ".join(t for t, stack in self.texts if not any(exclude(tag, a) for tag, a in stack))

    def by_id(self, element_id: str) -> dict | None:
        for recs in self.elements.values():
            for rec in recs:
                if rec.get("id") == element_id:
                    return rec
        return None


def parse(path: Path) -> Page:
    page = Page()
    page.feed(Path(path).read_text(encoding="utf-8"))
    page.close()
    return page


def broken_links(site: Path) -> list[str]:
    """Internal links of every page of ``site`` that name no file, or whose fragment names no
    element of the target page (``PAGE -> LINK``); external links are not followed."""
    from urllib.parse import unquote, urlsplit

    pages: dict[Path, Page] = {}
    broken = []

    def parsed_page(path: Path) -> Page:
        # each page parsed once (was: dict.setdefault(path, parse(path)), which parses anew for
        # every link with a fragment: thousands of parses of the report page, minutes a site)
        if path not in pages:
            pages[path] = parse(path)
        return pages[path]

    for page_path in sorted(Path(site).rglob("*.html")):
        if page_path.name == "404.html" or "pagefind" in page_path.parts:
            continue
        parsed = parsed_page(page_path)
        for link in parsed.links:
            parts = urlsplit(link)
            if parts.scheme or link.startswith("//"):
                continue
            target = (page_path.parent / unquote(parts.path)).resolve() if parts.path else page_path
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{page_path.relative_to(site)} -> {link}")
            elif parts.fragment and target.suffix == ".html":
                if parts.fragment not in parsed_page(target).ids:
                    broken.append(f"{page_path.relative_to(site)} -> {link} (no id)")
    return broken


def in_statements(tag: str, attrs: dict) -> bool:
    """The folded "all statements" tables of an entity page (and its incoming-links pages)."""
    return "statements" in attrs.get("class", "").split() or "props" in attrs.get("class", "").split()


__all__ = ["PREFIXED_NAME", "Page", "broken_links", "in_statements", "parse"]
