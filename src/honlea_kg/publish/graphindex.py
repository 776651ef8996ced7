"""An in-memory index of the published graph for the page and file writers.

Built once from the union of the report graphs (a pyoxigraph store), it answers what the
publisher asks many times: the triples *about* an entity document (its IRI and the fragment IRIs
that live in the same document), the triples pointing *to* it, labels with language fallback,
and types.  Terms are pyoxigraph terms throughout; nothing here re-reads the store.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import pyoxigraph as ox

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
#: Label properties in order of preference (publishing-practice.md, section 6, criterion 8).
LABEL_PROPERTIES = (
    "http://www.w3.org/2004/02/skos/core#prefLabel",
    "http://www.w3.org/2000/01/rdf-schema#label",
    "https://schema.org/name",
    "http://xmlns.com/foaf/0.1/name",
    "http://purl.org/dc/terms/title",
)
UI_LANG = "en"


def doc_of(iri: str) -> str:
    """The document part of an IRI (without its fragment)."""
    return iri.split("#", 1)[0]


def nt(term) -> str:
    """The N-Triples form of a pyoxigraph term (used as a stable sort key)."""
    return str(term)


def _key(t) -> tuple[str, str, str]:
    return (str(t.subject), str(t.predicate), str(t.object))


@dataclass(frozen=True)
class LabelChoice:
    """A chosen label and its language tag (``None`` if untagged)."""

    text: str
    lang: str | None


class GraphIndex:
    """Index of triples by document (subject side) and by object document (incoming side)."""

    def __init__(self, triples):
        self.out: dict[str, list] = defaultdict(list)       # doc IRI -> triples with subject in doc
        self.inc: dict[str, list] = defaultdict(list)       # doc IRI -> triples with object in doc
        self.by_subject: dict[str, list] = defaultdict(list)
        self.labels: dict[str, list] = defaultdict(list)    # IRI -> [(prop rank, value, lang)]
        self.types: dict[str, list[str]] = defaultdict(list)
        count = 0
        for t in triples:
            count += 1
            s, p, o = t.subject, t.predicate, t.object
            if not isinstance(s, ox.NamedNode):
                continue
            sv = s.value
            sdoc = doc_of(sv)
            self.out[sdoc].append(t)
            pv = p.value
            if pv == RDF_TYPE and isinstance(o, ox.NamedNode):
                self.types[sv].append(o.value)
            elif pv in LABEL_PROPERTIES and isinstance(o, ox.Literal):
                self.labels[sv].append((LABEL_PROPERTIES.index(pv), o.value, o.language))
            if isinstance(o, ox.NamedNode):
                odoc = doc_of(o.value)
                if odoc != sdoc:
                    self.inc[odoc].append(t)
        self.count = count
        for key in self.out:
            self.out[key].sort(key=_key)
        # by subject, in the same sorted order whatever order the triples came in (a document's
        # sorted triples hold each of its subjects' triples as one sorted run)
        for ts in self.out.values():
            for t in ts:
                self.by_subject[t.subject.value].append(t)
        for key in self.inc:
            self.inc[key].sort(key=_key)

    def label(self, iri: str, lang: str = UI_LANG) -> LabelChoice | None:
        """The best label of ``iri``: by property order (skos:prefLabel, rdfs:label,
        schema:name, foaf:name, dct:title), then language (``lang``, English, untagged, any)."""
        options = self.labels.get(iri)
        if not options:
            return None

        def rank(opt):
            prop, value, tag = opt
            tag_rank = 0 if tag == lang else 1 if tag == "en" else 2 if tag is None else 3
            return (tag_rank, prop, value)

        _, value, tag = min(options, key=rank)
        return LabelChoice(value, tag)

    def label_text(self, iri: str) -> str:
        """The label, or the IRI's last path segment / fragment when it has none."""
        chosen = self.label(iri)
        if chosen:
            return chosen.text
        tail = iri.rsplit("#", 1)[-1] if "#" in iri else iri.rstrip("/").rsplit("/", 1)[-1]
        return tail or iri

    def documents(self, base: str) -> list[str]:
        """Every document IRI under ``base`` that has triples about it, sorted."""
        return sorted(d for d in self.out if d.startswith(base) and d != base.rstrip("/"))

    def label_triples(self, iris) -> list:
        """The label triples of ``iris`` (for the 'labels of what it links to' in data files)."""
        out = []
        for iri in sorted(set(iris)):
            for t in self.by_subject.get(iri, ()):
                if t.predicate.value in LABEL_PROPERTIES:
                    out.append(t)
        return out
