"""The report page: the report laid out as printed, from the graph alone.

Chapters, every other heading (lettered sections, numbered topics, sub-headings, the annex's),
numbered paragraphs with their lettered sub-paragraphs, lists as lists and tables as tables
(:class:`hl:Heading`, :class:`hl:ListEntry`, :class:`hl:Table` ordered by ``hl:firstLine``),
the annex with its table; the document symbols and resolution numbers a paragraph cites are
links in its text, and the entities a paragraph is the source of or mentions are listed once
each under it, grouped by kind.
"""

from __future__ import annotations

import re
from collections import defaultdict

from ..kinds import HL, PageKind, kind_for, register
from ..labels import plural_label
from .base import CITO, DCT, PROV, RDF_TYPE, SCHEMA, Page, natural_key

RDF_MEMBER = re.compile(r"http://www\.w3\.org/1999/02/22-rdf-syntax-ns#_(\d+)$")
_BEFORE = re.compile(r"[\w/.]")
_AFTER = re.compile(r"\w|[-./][\w]")


def link_text(text: str, targets: list[tuple[str, str, str]]) -> list[dict]:
    """``text`` cut into segments ``{"text", "href"?, "title"?}`` where each of ``targets``
    (``(needle, href, title)``: a document symbol, a resolution number) occurs as a whole token:
    not inside a longer symbol (``CRP.2`` in ``CRP.2-22`` or ``CRP.20`` is not linked).  Longer
    needles win; matches never overlap."""
    spans: list[tuple[int, int, str, str]] = []
    taken = [False] * (len(text) + 1)
    for needle, href, title in sorted(targets, key=lambda t: -len(t[0])):
        if not needle:
            continue
        start = 0
        while True:
            at = text.find(needle, start)
            if at < 0:
                break
            end = at + len(needle)
            start = at + 1
            if at > 0 and _BEFORE.match(text[at - 1]):
                continue
            if _AFTER.match(text[end:end + 2]):
                continue
            if any(taken[at:end]):
                continue
            for k in range(at, end):
                taken[k] = True
            spans.append((at, end, href, title))
    spans.sort()
    out, pos = [], 0
    for at, end, href, title in spans:
        if at > pos:
            out.append({"text": text[pos:at]})
        out.append({"text": text[at:end], "href": href, "title": title})
        pos = end
    if pos < len(text) or not out:
        out.append({"text": text[pos:]})
    return out


class ReportLayout:
    """Reads a report's document once: its text units by IRI, grouped and ordered."""

    def __init__(self, page: Page):
        self.page = page
        self.props: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
        self.types: dict[str, set] = defaultdict(set)
        for t in page.ix.out.get(page.doc, []):
            s, p = t.subject.value, t.predicate.value
            if p == RDF_TYPE:
                self.types[s].add(t.object.value)
            else:
                self.props[s][p].append(t.object)
        self._of_type: dict[str, list[str]] = defaultdict(list)
        self._children: dict[tuple[str, str], list[str]] = defaultdict(list)
        for iri in sorted(self.types):
            parent = self.one(iri, DCT + "isPartOf")
            for cls in self.types[iri]:
                self._of_type[cls].append(iri)
                if parent is not None:
                    self._children[(parent, cls)].append(iri)

    def one(self, iri: str, prop: str) -> str | None:
        values = self.props[iri].get(prop)
        return values[0].value if values else None

    def number(self, iri: str, prop: str, default: int = 0) -> int:
        value = self.one(iri, prop)
        return int(value) if value is not None and value.lstrip("-").isdigit() else default

    def of_type(self, cls: str) -> list[str]:
        """The units of class ``cls``, sorted by IRI."""
        return self._of_type.get(cls, [])

    def children(self, parent: str, cls: str) -> list[str]:
        """The units of class ``cls`` that are ``dct:isPartOf`` ``parent``, sorted by IRI."""
        return self._children.get((parent, cls), [])


def cited_targets(page: Page, iris) -> list[tuple[str, str, str]]:
    """``(needle, href, title)`` for each UN document (its symbol) and act (its number) in
    ``iris`` (what a paragraph cites)."""
    out = []
    for iri in iris:
        types = page.ix.types.get(iri, ())
        link = page.link(iri)
        if HL + "Document" in types:
            out.append((page.lab.symbol_of(iri), link["href"], link["text"]))
        elif HL + "Resolution" in types or HL + "Decision" in types:
            number = page.value(iri, SCHEMA + "legislationIdentifier")
            if number:
                out.append((number, link["href"], link["text"]))
    return out


def facts_of(page: Page, unit: str, derived: dict[str, list[str]], layout: ReportLayout) -> list[dict]:
    """The entities a text unit is the source of (``prov:wasDerivedFrom``) or cites/mentions,
    each once, grouped by the kind of page they have: ``[{"kind", "items": [links]}]``."""
    targets = list(derived.get(unit, []))
    for p, values in layout.props[unit].items():
        if p in (CITO + "cites", SCHEMA + "mentions", HL + "citesPart"):
            targets += [v.value for v in values]
    seen = dict.fromkeys(t for t in targets if t.startswith(page.lab.base))
    groups: dict[str, list] = defaultdict(list)
    for iri in seen:
        types = page.ix.types.get(iri, ())
        kind = _kind_label(page, types)
        groups[kind].append(page.link(iri))
    out = []
    for kind in sorted(groups, key=natural_key):
        items = sorted(groups[kind], key=lambda l: natural_key(l["text"]))
        out.append({"kind": kind, "items": items})
    return out


def _kind_label(page: Page, types) -> str:
    """The plural name of what a linked entity is (``States``, ``UN documents``,
    ``Participations``), from its most specific class of our vocabulary."""
    ours = sorted(t for t in types if t.startswith(HL) and t not in (HL + "Finding",))
    if ours:
        label = page.lab.class_label(ours[0])
    else:
        label = kind_for(types).title
    return plural_label(label)


def report_view(page: Page) -> dict:
    """The report's reading view (see the module docstring)."""
    L = ReportLayout(page)
    meeting = L.one(page.doc, HL + "reportOf")
    page.meeting = meeting
    derived: dict[str, list[str]] = defaultdict(list)
    for t in page.ix.inc.get(page.doc, []):
        if t.predicate.value == PROV + "wasDerivedFrom":
            derived[t.object.value].append(t.subject.value)
    annex = next(iter(L.of_type(HL + "Annex")), None)

    def table_view(table: str) -> dict:
        header_rows = L.number(table, HL + "headerRows")
        rows = sorted(L.children(table, HL + "TableRow"), key=lambda r: L.number(r, SCHEMA + "position"))
        targets = cited_targets(page, derived.get(page.doc, []) + derived.get(annex or "", []))
        out = []
        for r in rows:
            cells = sorted(((int(m[1]), v[0].value) for p, v in L.props[r].items() if (m := RDF_MEMBER.match(p))))
            out.append([link_text(c, targets) for _, c in cells])
        width = max((len(r) for r in out), default=0)
        out = [r + [[{"text": ""}]] * (width - len(r)) for r in out]
        return {"head": out[:header_rows], "body": out[header_rows:]}

    def entries(parent: str) -> list[dict]:
        rows = sorted(L.children(parent, HL + "ListEntry"), key=lambda e: L.number(e, SCHEMA + "position"))
        return [{"number": L.one(e, HL + "number") or "", "text": L.one(e, HL + "text") or "",
                 "subs": entries(e)} for e in rows]

    def para_view(p: str) -> dict:
        cites = [v.value for v in L.props[p].get(CITO + "cites", [])]
        subs = sorted(L.children(p, HL + "SubParagraph"), key=lambda s: natural_key(L.one(s, HL + "letter") or ""))
        tables = sorted(L.children(p, HL + "Table"), key=lambda t: L.number(t, HL + "firstLine"))
        sub_views = []
        for s in subs:
            s_cites = cites + [v.value for v in L.props[s].get(CITO + "cites", [])]
            sub_views.append({"anchor": s.split("#", 1)[1], "letter": L.one(s, HL + "letter") or "",
                              "segments": link_text(L.one(s, HL + "text") or "", cited_targets(page, s_cites)),
                              "facts": facts_of(page, s, derived, L)})
        text = L.one(p, HL + "text") or ""
        full = L.one(p, HL + "fullText") or ""
        items = entries(p)
        rest = ""
        if not subs and not items and not tables and full.startswith(text):
            rest = full[len(text):].strip()  # anything else the paragraph holds, as one block
        return {"anchor": p.split("#", 1)[1], "number": L.number(p, HL + "number"),
                "segments": link_text(text, cited_targets(page, cites)), "rest": rest,
                "subs": sub_views, "items": items, "tables": [table_view(t) for t in tables],
                "facts": facts_of(page, p, derived, L), "line": L.number(p, HL + "firstLine")}

    chapters = []
    paragraphs = L.of_type(HL + "Paragraph")
    by_chapter = defaultdict(list)
    for p in paragraphs:
        by_chapter[L.one(p, DCT + "isPartOf")].append(p)
    headings = defaultdict(list)
    for h in L.of_type(HL + "Heading"):
        headings[L.one(h, DCT + "isPartOf")].append(h)

    def blocks(parent: str | None) -> list[dict]:
        out = [{"type": "para", "line": L.number(p, HL + "firstLine"), "para": para_view(p)}
               for p in by_chapter.get(parent, [])]
        for h in headings.get(parent, []):
            out.append({"type": "heading", "line": L.number(h, HL + "firstLine"), "anchor": h.split("#", 1)[1],
                        "number": L.one(h, HL + "number"), "text": L.one(h, HL + "text") or "",
                        "depth": L.number(h, HL + "level", 2)})
        out.sort(key=lambda b: (b["line"], b["type"] != "heading",
                                b["para"]["number"] if b["type"] == "para" else 0))
        level = 2
        for b in out:  # HTML heading levels under the chapter's h2, never skipping one
            if b["type"] == "heading":
                b["level"] = min(max(3, b["depth"] + 1), level + 1, 6)
                level = b["level"]
        return out

    for ch in sorted(L.of_type(HL + "Chapter"), key=lambda c: L.number(c, SCHEMA + "position")):
        chapters.append({"anchor": ch.split("#", 1)[1], "number": L.one(ch, HL + "number") or "",
                         "title": L.one(ch, DCT + "title") or "", "blocks": blocks(ch)})
    loose = blocks(None)
    annex_view = None
    if annex:
        tables = sorted(L.children(annex, HL + "Table"), key=lambda t: L.number(t, HL + "firstLine"))
        annex_view = {"anchor": annex.split("#", 1)[1], "label": page.ix.label_text(annex),
                      "title": L.one(annex, DCT + "title"), "blocks": blocks(annex),
                      "tables": [table_view(t) for t in tables]}
    report_tables = [table_view(t) for t in L.of_type(HL + "Table") if L.one(t, DCT + "isPartOf") == page.doc]
    issued = L.one(page.doc, DCT + "issued")
    symbol = L.one(page.doc, DCT + "identifier")
    toc = [{"href": "#" + c["anchor"], "text": f"{c['number']}. {c['title']}"} for c in chapters]
    if annex_view:
        toc.append({"href": "#" + annex_view["anchor"], "text": annex_view["label"]
                    + (f": {annex_view['title']}" if annex_view["title"] else "")})
    ctx = {"meeting": page.link(meeting), "code": page.value(meeting, HL + "meetingCode"),
           "symbol": symbol, "links": [], "issued": page.lab.literal(L.props[page.doc][DCT + "issued"][0])["text"]
           if issued else None, "chapters": chapters, "loose": loose, "annex": annex_view,
           "tables": report_tables, "toc": toc, "paragraphs": len(paragraphs),
           "source_text": page.link(L.one(page.doc, HL + "normalisedText")),
           "file_name": L.one(page.doc, HL + "sourceFileName")}
    if symbol:
        from .documents import un_links

        ctx["links"] = un_links(symbol)
    ctx["description"] = f"{ctx['paragraphs']} paragraphs" + (f", issued {ctx['issued']}" if ctx["issued"] else "")
    ctx["crumbs"] = [c for c in (page.link(page.value(meeting, SCHEMA + "superEvent")), page.link(meeting)) if c]
    return ctx


register(PageKind("report", "Report", (HL + "Report",), report_view, "kinds/report.html",
                  "The report as printed: chapters, headings, paragraphs, lists, tables and annex, with what each "
                  "paragraph says linked to the entities it is the source of."))

__all__ = ["link_text", "report_view"]
