"""What every view reads and returns: :class:`Page`, the document being written, with helpers
over the build's index, and :meth:`Page.listing`, the bounded list of a page (the first items
shown, every item on paged list pages beside it).

A view never parses another report's text and never reads files: it asks the index
(:class:`~..graphindex.GraphIndex`) for a document's triples, the incoming triples, labels,
``hl:text`` values and the per-entity values of :data:`~..graphindex.VALUE_PREDICATES`.
"""

from __future__ import annotations

import re
from collections import defaultdict

import pyoxigraph as ox

from ...schemes import SCHEMES, concept_iri
from ..graphindex import RDF_TYPE, doc_of
from ..labels import date_range, format_date, natural_key, plural_label

HL = "https://w3id.org/honlea-kg/ns#"
SCHEMA = "https://schema.org/"
DCT = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
ORG = "http://www.w3.org/ns/org#"
FOAF = "http://xmlns.com/foaf/0.1/"
CITO = "http://purl.org/spar/cito/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
OPENGOV = "http://www.w3.org/ns/opengov#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
#: How many items a page shows of a list before sending the reader to the paged list pages.
SHOWN = 20
#: Items per paged list page.
PAGE_SIZE = 200
#: Characters of context either side of a match in a snippet.
SNIPPET = 90


class Page:
    """The document ``doc`` being written by ``writer`` (a :class:`~..pages.PageWriter`), as
    its view sees it.

    ``meeting`` is the meeting the page is about, if any (labels of its own parts then leave
    the meeting code out); ``anchors`` collects the fragment ids the view's answers render (the
    statements tables then give those parts other ids, so each id is unique); ``lists`` collects
    the paged list pages to write beside the page."""

    def __init__(self, writer, doc: str):
        self.w = writer
        self.doc = doc
        self.ix = writer.ix
        self.lab = writer.lab
        self.iris = writer.iris
        self.types = set(self.ix.types.get(doc, ()))
        self.meeting: str | None = None
        self.anchors: set[str] = set()
        self.lists: list[dict] = []

    # --- reading ---------------------------------------------------------------------------
    def triples(self, iri: str | None = None) -> list:
        """The triples whose subject is ``iri`` (default: the page's entity)."""
        return self.ix.by_subject.get(iri or self.doc, []) or []

    def objects(self, iri: str, prop: str) -> list:
        """The objects (pyoxigraph terms) of ``prop`` on ``iri``, in the index's order."""
        return [t.object for t in self.triples(iri) if t.predicate.value == prop]

    def obj(self, iri: str, prop: str) -> str | None:
        """The first object's value (IRI or lexical form) of ``prop`` on ``iri``, else ``None``."""
        for t in self.triples(iri):
            if t.predicate.value == prop:
                return t.object.value
        return None

    def parts(self, cls: str | None = None) -> list[str]:
        """The fragment entities of the page's document (``doc#...``), sorted; only instances of
        ``cls`` when given."""
        seen = dict.fromkeys(t.subject.value for t in self.ix.out.get(self.doc, []) if t.subject.value != self.doc)
        out = [iri for iri in seen if cls is None or cls in self.ix.types.get(iri, ())]
        return sorted(out)

    def incoming(self, prop: str | None = None, cls: str | None = None) -> list[str]:
        """Subjects of the triples pointing into the page's document (its entity or its parts)
        with property ``prop`` and subject class ``cls`` (either optional), each once."""
        out = dict.fromkeys(t.subject.value for t in self.ix.inc.get(self.doc, [])
                            if (prop is None or t.predicate.value == prop)
                            and (cls is None or cls in self.ix.types.get(t.subject.value, ())))
        return list(out)

    def incoming_to(self, target: str, prop: str) -> list[str]:
        """Subjects of ``prop`` triples whose object is exactly ``target`` (in this document)."""
        return list(dict.fromkeys(t.subject.value for t in self.ix.inc.get(self.doc, [])
                                  if t.predicate.value == prop and t.object.value == target))

    def value(self, iri: str | None, prop: str) -> str | None:
        """A value of ``prop`` on any entity of the graph (see :meth:`GraphIndex.value`)."""
        return self.ix.value(iri, prop) if iri else None

    def is_a(self, iri: str, cls: str) -> bool:
        return cls in self.ix.types.get(iri, ())

    def text(self, iri: str) -> str | None:
        return self.ix.text_of(iri)

    # --- showing ---------------------------------------------------------------------------
    def link(self, iri: str | None) -> dict | None:
        """A link to ``iri`` from this page (see :meth:`Labeller.link`), ``None`` for ``None``."""
        return self.lab.link(self.doc, iri, self.meeting) if iri else None

    def concept_label(self, iri: str | None) -> str | None:
        """The label of a concept (a role, a timing ...), ``None`` for ``None``."""
        return self.ix.label_text(iri) if iri else None

    def meeting_link(self, meeting: str | None) -> dict | None:
        """A link to a meeting labelled by its code (``HONEURO/12``) with its full name as the
        tooltip, for tables of many meetings."""
        if not meeting:
            return None
        view = self.lab.link(self.doc, meeting)
        code = self.ix.value(meeting, HL + "meetingCode")
        if code:
            view["title"] = view["text"]
            view["text"] = code
        return view

    def meeting_date(self, meeting: str | None) -> str:
        if not meeting:
            return ""
        return date_range(self.ix.value(meeting, SCHEMA + "startDate"), self.ix.value(meeting, SCHEMA + "endDate")) \
            or (self.ix.value(meeting, HL + "nextYear") or "")

    def meeting_key(self, meeting: str) -> tuple:
        """Chronological order of meetings: start date, then series and ordinal."""
        start = self.ix.value(meeting, SCHEMA + "startDate") or self.ix.value(meeting, HL + "nextYear") or "9999"
        return (start,) + self.lab.sort_key(meeting)

    def snippet(self, text: str | None, needles=(), width: int = SNIPPET) -> str:
        """Up to ``width`` characters either side of the first of ``needles`` found in ``text``
        (case-insensitive), with ``…`` where cut; the opening words when none is found."""
        if not text:
            return ""
        low = text.casefold()
        at = -1
        for needle in needles:
            if needle:
                at = low.find(needle.casefold())
                if at >= 0:
                    break
        if at < 0:
            return text if len(text) <= 2 * width else text[:2 * width].rsplit(" ", 1)[0] + " …"
        start = max(0, at - width)
        end = min(len(text), at + width + max(len(n) for n in needles if n))
        if start > 0:
            start = text.find(" ", start) + 1 or start
        if end < len(text):
            cut = text.rfind(" ", at, end)
            end = cut if cut > at else end
        return ("… " if start > 0 else "") + text[start:end] + (" …" if end < len(text) else "")

    def anchor(self, iri: str) -> str | None:
        """The fragment id of a part of this page's document (and note it as rendered)."""
        if "#" in iri and doc_of(iri) == self.doc:
            frag = iri.split("#", 1)[1]
            self.anchors.add(frag)
            return frag
        return None

    def listing(self, key: str, title: str, columns: list[str], rows: list[list], shown: int = SHOWN,
                caption: str | None = None) -> dict:
        """A list of ``rows`` (each a list of cells: a link dict, ``{"text"}`` or a string) with
        ``columns`` headings: the page shows the first ``shown``; when there are more, every row
        is written on list pages ``{key}-1.html``, ``{key}-2.html`` ... of :data:`PAGE_SIZE` rows
        beside the page, and the listing links the first.  Returns ``{"key", "title",
        "columns", "rows" (shown), "total", "more" (href or None), "caption"}``."""
        cells = [[c if isinstance(c, dict) else {"text": "" if c is None else str(c)} for c in row] for row in rows]
        more = None
        if len(cells) > shown:
            pages = [cells[i:i + PAGE_SIZE] for i in range(0, len(cells), PAGE_SIZE)]
            more = f"{key}-1.html"
            self.lists.append({"key": key, "title": title, "columns": columns, "pages": pages,
                               "total": len(cells)})
        return {"key": key, "title": title, "columns": columns, "rows": cells[:shown], "total": len(cells),
                "more": more, "caption": caption or title}


def role_order(iris) -> dict[str, int]:
    """Concept IRI -> its place in the project's table of controlled values
    (:data:`honlea_kg.schemes.SCHEMES`): Chair before the Vice-Chairs before the Rapporteur,
    member States before observers."""
    order: dict[str, int] = {}
    for scheme in SCHEMES:
        for n, concept in enumerate(scheme.concepts):
            order[str(concept_iri(iris, scheme.key, concept.notation))] = n
    return order


def literal_text(term) -> str:
    """The lexical form of a literal (a date in words), ``""`` for anything else."""
    if isinstance(term, ox.Literal):
        dt = term.datatype.value if term.datatype else ""
        return format_date(term.value) if dt.endswith("#date") else term.value
    return ""


def group_by(items, key) -> dict:
    out: dict = defaultdict(list)
    for item in items:
        out[key(item)].append(item)
    return out


def plural(n: int, one: str, many: str | None = None) -> str:
    """``1 State``, ``34 States``."""
    return f"{n} {one if n == 1 else (many or plural_label(one))}"


_ID_SAFE = re.compile(r"[^A-Za-z0-9_-]+")


def dom_id(text: str) -> str:
    """An HTML id made of ``text`` (letters, digits, ``-`` and ``_``)."""
    return _ID_SAFE.sub("-", text).strip("-") or "x"


__all__ = ["Page", "RDF_TYPE", "SHOWN", "PAGE_SIZE", "dom_id", "group_by", "literal_text", "natural_key",
           "plural", "role_order"]
