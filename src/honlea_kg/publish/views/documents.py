"""UN document, resolution, decision and instrument pages: the symbol and title, where to read
the document (undocs.org, the UN Digital Library), the meetings that had it before them, and
every citing paragraph with its meeting and a snippet (the first ones on the page, the rest on
paged lists)."""

from __future__ import annotations

from urllib.parse import quote

from ..kinds import HL, PageKind, register
from .base import CITO, DCT, PROV, SCHEMA, Page, natural_key, plural

SKOS_NOTATION = "http://www.w3.org/2004/02/skos/core#notation"
UNDOCS = "https://undocs.org/"
LIBRARY = "https://digitallibrary.un.org/search?ln=en&p="


def un_links(symbol: str | None, query: str | None = None) -> list[dict]:
    """Where a researcher reads a UN document: its ``undocs.org`` address (the UN's symbol
    resolver, https://undocs.org/SYMBOL) and a search of the UN Digital Library."""
    out = []
    if symbol:
        out.append({"href": UNDOCS + quote(symbol, safe="/()"), "text": f"{symbol} on undocs.org"})
    if symbol or query:
        out.append({"href": LIBRARY + quote(f'"{symbol or query}"', safe=""),
                    "text": "Search the UN Digital Library"})
    return out


def act_symbol(page: Page) -> str | None:
    """The document symbol of a resolution or decision of the General Assembly, the Economic
    and Social Council, the Security Council or the Human Rights Council, from its body and
    number (UN document symbols, ST/LIB/SER.B/5/Rev.5: ``A/RES/71/211``, ``E/RES/1987/34``,
    ``S/RES/2253 (2015)``, ``A/HRC/RES/32/1``; decisions ``A/DEC/…``, ``E/DEC/…``); ``None`` for
    bodies whose acts have no symbol of their own (the CND's appear in its session reports)."""
    from ...extract.citations import SYMBOL_BODIES

    number = page.obj(page.doc, SCHEMA + "legislationIdentifier")
    body = page.obj(page.doc, SCHEMA + "legislationPassedBy")
    code = page.value(body, SKOS_NOTATION) if body else None
    if code is None and body:
        code = next((t.object.value for t in page.ix.by_subject.get(body, []) or []
                     if t.predicate.value == SKOS_NOTATION), None)
    organ = {v: k for k, v in SYMBOL_BODIES.items()}.get(code or "")
    if not number or organ is None:
        return None
    kind = "DEC" if page.is_a(page.doc, HL + "Decision") else "RES"
    prefix, series = organ
    return f"{prefix}/{series + '/' if series else ''}{kind}/{number}"


def citing(page: Page, needles: list[str]) -> list[list]:
    """Listing rows of the paragraphs citing the page's entity (``cito:cites``, and
    ``hl:citesPart`` of a pinpointed part): paragraph, meeting, snippet; in meeting order."""
    paras = dict.fromkeys(page.incoming(CITO + "cites") + page.incoming(HL + "citesPart"))
    rows = []
    for para in paras:
        if not (page.is_a(para, HL + "Paragraph") or page.is_a(para, HL + "SubParagraph")):
            continue
        meeting = page.ix.value(para.split("#", 1)[0], HL + "reportOf")
        rows.append((page.meeting_key(meeting) if meeting else ("",), page.lab.sort_key(para),
                     [page.link(para), page.meeting_link(meeting) or {"text": ""},
                      {"text": page.snippet(page.ix.full_text_of(para), needles)}]))
    rows.sort(key=lambda r: (r[0], r[1]))
    return [r[2] for r in rows]


def document_view(page: Page) -> dict:
    """The UN document page."""
    symbol = page.lab.symbol_of(page.doc)
    title = page.lab.title_of(page.doc)
    before = sorted(page.incoming(PROV + "used"), key=page.meeting_key)
    items = []
    for t in page.triples():
        if t.predicate.value == HL + "consideredUnder":
            link = page.link(t.object.value)
            items.append(link)
    sets = [page.link(s) for s in page.incoming(DCT + "hasPart")]
    for s in sets:
        s["text"] = page.ix.label_text(s["iri"])
    rows = citing(page, [symbol, symbol.rsplit("/", 1)[-1]])
    ctx = {"heading": {"text": symbol, "lang": None, "dir": None}, "symbol": symbol, "title": title,
           "links": un_links(symbol),
           "before": [page.meeting_link(m) | {"title": page.lab.display(m)["text"]} for m in before],
           "items": items, "sets": sets,
           "citing": page.listing("citing", f"Paragraphs citing {symbol}", ["Paragraph", "Meeting", "Text"], rows,
                                  caption=f"Paragraphs that cite {symbol}")}
    parts = [f"{symbol}" + (f", “{title}”" if title else "")]
    if before:
        parts.append(f"before {plural(len(before), 'meeting')}")
    if rows:
        parts.append(f"cited in {plural(len(rows), 'paragraph')}")
    ctx["description"] = "; ".join(parts)
    return ctx


def act_view(page: Page) -> dict:
    """The resolution or decision page (and an instrument's: a convention, a declaration)."""
    label = page.ix.label_text(page.doc)
    number = page.obj(page.doc, SCHEMA + "legislationIdentifier")
    body = page.link(page.obj(page.doc, SCHEMA + "legislationPassedBy"))
    symbol = act_symbol(page)
    parts_cited = sorted(page.incoming(DCT + "isPartOf"), key=natural_key)
    needles = [n for n in (number, label) if n]
    rows = citing(page, needles)
    meetings = {r[1].get("href") for r in rows if r[1].get("href")}
    ctx = {"number": number, "body": body, "symbol": symbol,
           "links": un_links(symbol, None if symbol else label),
           "parts": [page.link(p) for p in parts_cited],
           "citing": page.listing("citing", f"Paragraphs citing {label}", ["Paragraph", "Meeting", "Text"], rows,
                                  caption=f"Paragraphs that cite {label}"),
           "meetings": len(meetings)}
    ctx["description"] = f"{label}: cited in {plural(len(rows), 'paragraph')} of {plural(len(meetings), 'meeting')}"
    return ctx


register(PageKind("document", "UN document", (HL + "Document",), document_view, "kinds/document.html",
                  "Its symbol and title; where to read it; which meetings had it before them, under which agenda "
                  "item; which paragraphs cite it."))
register(PageKind("act", "Resolution or decision", (HL + "Resolution", HL + "Decision", HL + "Instrument"), act_view,
                  "kinds/act.html", "Which body adopted it; where to read it; which paragraphs of which meetings "
                  "cite it, in what words."))

__all__ = ["act_view", "document_view", "un_links"]
