"""The page of any other entity (a place, a concept of a controlled list, a concept scheme, an
instrument ...): what it is, in words, and what links to it, grouped by property and by the
kind of what links, counted, the first items shown and the rest on paged lists."""

from __future__ import annotations

from collections import defaultdict

from ..kinds import HL, PageKind, register
from .base import Page, dom_id, plural

SKOS = "http://www.w3.org/2004/02/skos/core#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
#: Items of each "what links here" group shown on the page.
GROUP_SHOWN = 12


def linked_from(page: Page) -> list[dict]:
    """Incoming links grouped by (property, kind of subject): listings titled in words
    (``Meetings with this as location``)."""
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    for t in page.ix.inc.get(page.doc, []):
        s = t.subject.value
        types = sorted(c for c in page.ix.types.get(s, ()) if c.startswith(HL)) or sorted(page.ix.types.get(s, ()))
        cls = types[0] if types else ""
        groups[(t.predicate.value, cls)].append(s)
    out = []
    for (prop, cls), subjects in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        subjects = sorted(dict.fromkeys(subjects), key=page.lab.sort_key)
        what = page.lab.class_label(cls) if cls else "Resources"
        what = what + ("" if what.endswith("s") else "s")
        prop_label = page.lab.term(prop)["text"]
        rows = [[page.link(s)] for s in subjects]
        key = "linked-" + dom_id(f"{page.lab.curie(prop)}-{page.lab.curie(cls) if cls else 'x'}").lower()
        out.append(page.listing(key, f"{what} with this as {prop_label}", [what[:-1] if what.endswith("s") else what],
                                rows, shown=GROUP_SHOWN, caption=f"{what} with this as {prop_label} ({len(rows)})"))
    return out


def generic_view(page: Page) -> dict:
    """Any entity without a view of its own."""
    own = {t.predicate.value: t.object for t in page.triples()}
    definition = own.get(SKOS + "definition") or own.get(RDFS + "comment")
    scheme = page.obj(page.doc, SKOS + "inScheme")
    members = []
    if page.is_a(page.doc, SKOS + "ConceptScheme"):
        members = sorted(page.incoming(SKOS + "inScheme"), key=page.lab.sort_key)
    ctx = {"definition": definition.value if definition is not None else None, "scheme": page.link(scheme),
           "notation": page.obj(page.doc, SKOS + "notation"), "members": [page.link(m) for m in members],
           "linked": linked_from(page)}
    total = sum(g["total"] for g in ctx["linked"])
    ctx["description"] = f"linked from {plural(total, 'statement')}" if total else ""
    return ctx


register(PageKind("generic", "Entity", (), generic_view, "kinds/generic.html",
                  "What the entity is, and what links to it, grouped and counted."))

__all__ = ["generic_view", "linked_from"]
