"""The generic "all statements" tables of an entity page: every triple of the document, grouped
by property, with readable labels (the compact name stays visible beside each property here,
and only here, for those who read RDF).

Kept apart from the views (which answer a page's questions in words) and from the templates
(``_statements.html`` renders what :func:`statement_rows` returns).
"""

from __future__ import annotations

from collections import OrderedDict

import pyoxigraph as ox

from .labels import Labeller, natural_key


def term_view(lab: Labeller, here: str, term, meeting: str | None = None) -> dict:
    """How one RDF term is shown in a table cell: ``{"text", "lang", "dir", "href"?, "iri"?,
    "external"?}``.  IRIs get their display label and a link (ours relative, others as they
    are; terms of a vocabulary show their label); literals their value without datatype."""
    if isinstance(term, ox.NamedNode):
        iri = term.value
        internal = iri.startswith(lab.base)
        if internal or lab.ix.labels.get(iri):
            view = lab.link(here, iri, meeting)
        else:
            t = lab.term(iri)
            view = {"text": t["text"], "lang": None, "dir": None, "href": lab._href(here, iri), "iri": iri,
                    "title": t["title"]}
        view["external"] = not internal
        return view
    if isinstance(term, ox.Literal):
        return lab.literal(term)
    return {"text": str(term), "lang": None, "dir": None}


def statement_rows(lab: Labeller, here: str, triples, side: str, meeting: str | None = None) -> list[dict]:
    """Rows of a statements table: one per property, in first-seen order, each ``{"predicate":
    term, "vals": [term views], "count"}``; values in natural order (Item 2 before Item 10).
    ``side`` is ``"out"`` (values are the objects) or ``"in"`` (values are the subjects)."""
    groups: OrderedDict[str, list] = OrderedDict()
    for t in triples:
        groups.setdefault(t.predicate.value, []).append(t)
    rows = []
    for pred, ts in groups.items():
        values = [term_view(lab, here, t.object if side == "out" else t.subject, meeting) for t in ts]
        values.sort(key=lambda v: natural_key(v.get("text", "")))
        term = lab.term(pred)
        term["href"] = lab._href(here, pred)
        rows.append({"predicate": term, "vals": values, "count": len(values)})
    return rows


__all__ = ["statement_rows", "term_view"]
