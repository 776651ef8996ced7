"""Readable words for everything a page shows: terms, entities and literal values.

* **Terms** (properties and classes) are shown by their ``rdfs:label``: our own from
  ``ontology/honlea.ttl``, the reused standard terms from ``publish/terms.ttl`` (each after its
  own vocabulary).  The compact name (``schema:attendee``) and the IRI are the tooltip; a term
  with no label falls back to its compact name (the "all statements" tables only).
* **Entities** get a label that tells them apart where several would read alike
  (:meth:`Labeller.display`): a UN document is ``SYMBOL — title``, a paragraph
  ``HONEURO/12 report, para. 36``, a recommendation ``Recommendation 1 (a), HONEURO/12``.
* **Literals** are shown without datatype jargon (:meth:`Labeller.literal`): an ``xsd:date``
  reads ``27 June 2017`` (the UN's day-month-year style), a ``gYear`` ``2018``, a boolean
  ``yes``/``no``.
* **Sorting** is natural (:func:`natural_key`, :meth:`Labeller.sort_key`): ``CRP.2`` before
  ``CRP.10``, ``Item 2`` before ``Item 10``, meetings by series and ordinal (``Eleventh`` before
  ``Twelfth``), not as text.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from importlib import resources

import pyoxigraph as ox

from .graphindex import GraphIndex, doc_of

HL = "https://w3id.org/honlea-kg/ns#"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
RDFS_COMMENT = "http://www.w3.org/2000/01/rdf-schema#comment"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
XSD = "http://www.w3.org/2001/XMLSchema#"
DCT_TITLE = "http://purl.org/dc/terms/title"
DCT_PART = "http://purl.org/dc/terms/isPartOf"
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
#: Primary language subtags written right to left (Arabic among the six UN languages; the others
#: are those CLDR gives a right-to-left default script).
RTL_LANGUAGES = frozenset({"ar", "arc", "ckb", "dv", "fa", "he", "ku", "ps", "sd", "ug", "ur", "yi"})
RTL_SCRIPTS = frozenset({"arab", "hebr", "syrc", "thaa", "nkoo", "adlm", "rohg"})
_MEMBER = re.compile(re.escape(RDF) + r"_(\d+)$")
#: Display labels kept per page-writing process (about 200 bytes each).
DISPLAY_CACHE = 100_000


def text_direction(lang: str | None) -> str | None:
    """``"rtl"`` when the BCP 47 tag ``lang`` names a right-to-left language or script
    (``ar``, ``ar-EG``, ``az-Arab``...), else ``None`` (the page's left-to-right default).

    Source: HTML Living Standard 3.2.6.4 (the ``dir`` attribute) and W3C "Structural markup and
    right-to-left text in HTML": set ``dir="rtl"`` on each element holding right-to-left text.
    A script subtag wins over the language's default (``ku-Latn`` stays left to right)."""
    if not lang:
        return None
    parts = lang.lower().split("-")
    scripts = [p for p in parts[1:] if len(p) == 4 and p.isalpha()]
    if scripts:
        return "rtl" if scripts[0] in RTL_SCRIPTS else None
    return "rtl" if parts[0] in RTL_LANGUAGES else None


def natural_key(text: str) -> tuple:
    """Sort key that orders embedded numbers by value: ``CRP.2`` < ``CRP.10``, ``Item 2`` <
    ``Item 10``, ``6(a)`` < ``6(b)`` < ``10``; ties keep the case-folded text order, so the order
    is total and stable."""
    parts = re.split(r"(\d+)", text.casefold())
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in parts) + ((2, 0, text),)


def format_date(iso: str) -> str:
    """``2017-06-27`` -> ``27 June 2017`` (UN editorial style: day, month in words, year); any
    other text is returned unchanged."""
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", iso)
    if not m:
        return iso
    try:
        d = date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return iso
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def date_range(start: str | None, end: str | None) -> str:
    """``27 to 30 June 2017`` / ``30 June to 3 July 2017`` / one date / ``""``: a meeting's
    dates as UN reports print them."""
    if not start:
        return format_date(end) if end else ""
    if not end or end == start:
        return format_date(start)
    s, e = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", start), re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", end)
    if not (s and e):
        return f"{format_date(start)} to {format_date(end)}"
    if s[1] == e[1] and s[2] == e[2]:
        return f"{int(s[3])} to {format_date(end)}"
    if s[1] == e[1]:
        return f"{int(s[3])} {MONTHS[int(s[2]) - 1]} to {format_date(end)}"
    return f"{format_date(start)} to {format_date(end)}"


def load_term_labels(ontology) -> tuple[dict[str, str], dict[str, str]]:
    """(term IRI -> English label, term IRI -> English comment) from the ontology (an rdflib
    graph) and ``publish/terms.ttl`` (the reused terms' display labels)."""
    labels: dict[str, str] = {}
    comments: dict[str, str] = {}
    data = (resources.files("honlea_kg.publish") / "terms.ttl").read_bytes()
    rows = [(t.subject.value, t.predicate.value, t.object.value, t.object.language)
            for t in ox.parse(data, format=ox.RdfFormat.TURTLE) if isinstance(t.object, ox.Literal)]
    if ontology is not None:
        from rdflib import Literal

        rows += [(str(s), str(p), str(o), o.language) for s, p, o in ontology if isinstance(o, Literal)]
    for subject, prop, value, lang in rows:
        if lang not in (None, "en"):
            continue
        if prop == RDFS_LABEL:
            labels.setdefault(subject, value)
        elif prop == RDFS_COMMENT:
            comments.setdefault(subject, value)
    return labels, comments


class Labeller:
    """Labels, display labels, links, literal values and sort keys for the pages of one build.

    ``ix`` is the build's :class:`~.graphindex.GraphIndex`, ``iris`` its
    :class:`~honlea_kg.iris.IriPolicy`, ``term_labels``/``term_comments`` the maps of
    :func:`load_term_labels`, ``curie`` a function giving a term's compact name, ``href`` one
    giving the link from one page to an entity (``href(here, iri)``)."""

    def __init__(self, ix: GraphIndex, iris, term_labels: dict[str, str], term_comments: dict[str, str],
                 curie, href):
        self.ix = ix
        self.iris = iris
        self.base = iris.base
        self.term_labels = term_labels
        self.term_comments = term_comments
        self.curie = curie
        self._href = href
        self._terms: dict[str, dict] = {}
        self._displays: dict[tuple, dict] = {}
        self._numbered: dict[str, list[tuple[str, int]]] = {}  # series -> (start date, ordinal)

    # --- terms ------------------------------------------------------------------------------
    def term(self, iri: str) -> dict:
        """A property or class as shown: ``{"text", "curie", "iri", "title", "labelled"}``; the
        text is the term's label (``attendee``), the compact name (``schema:attendee``) when it
        has none (``labelled`` is then false).  A fresh dict each call (callers add to it)."""
        known = self._terms.get(iri)
        if known is not None:
            return dict(known)
        curie = self.curie(iri)
        m = _MEMBER.match(iri)
        label = self.term_labels.get(iri) or (f"item {m[1]}" if m else None)
        comment = self.term_comments.get(iri)
        title = f"{curie} ({iri})" if curie != iri else iri
        if comment:
            title = f"{title}: {comment}"
        known = {"text": label or curie, "curie": curie, "iri": iri, "title": title, "labelled": bool(label)}
        self._terms[iri] = known
        return dict(known)

    def class_label(self, iri: str) -> str:
        """A class's label (``Meeting``), its compact name without a label."""
        return self.term(iri)["text"]

    # --- entities ---------------------------------------------------------------------------
    def display(self, iri: str, meeting: str | None = None) -> dict:
        """The label of entity ``iri`` as a link or heading shows it, ``{"text", "lang",
        "dir"}``, told apart from its look-alikes: ``SYMBOL — title`` for a UN document,
        ``HONEURO/12 report, para. 36`` for a paragraph, ``Recommendation 1 (a), HONEURO/12``
        for a finding, ``Item 6(a). Title, HONEURO/12`` for an agenda item.  ``meeting``: the
        meeting the page is about; the meeting code is left out for its own parts.  A fresh dict
        each call (callers add to it); the labels are computed once per process (the graph does
        not change while pages are written; at most :data:`DISPLAY_CACHE` are kept)."""
        key = (iri, meeting)
        known = self._displays.get(key)
        if known is None:
            known = self._display(iri, meeting)
            if len(self._displays) >= DISPLAY_CACHE:
                self._displays.clear()
            self._displays[key] = known
        return dict(known)

    def _display(self, iri: str, meeting: str | None) -> dict:
        ix = self.ix
        types = ix.types.get(iri, ())
        chosen = ix.label(iri)
        text = chosen.text if chosen else ix.label_text(iri)
        lang = chosen.lang if chosen else None
        if HL + "Document" in types:
            text, lang = self.symbol_of(iri), None
            title = self.title_of(iri)
            if title and title != text:
                text = f"{text} — {title}"
        elif HL + "Paragraph" in types or HL + "SubParagraph" in types:
            text, lang = self.paragraph_label(iri), "en"
        elif (HL + "Finding" in types or HL + "AgendaItem" in types or HL + "Sitting" in types) and chosen:
            owner = ix.value(iri, HL + "forMeeting") or ix.value(iri, "https://schema.org/superEvent")
            code = ix.value(owner, HL + "meetingCode") if owner else None
            if code and owner != meeting and code not in text:
                text = f"{text}, {code}"
        return {"text": text, "lang": lang, "dir": text_direction(lang)}

    def paragraph_label(self, iri: str) -> str:
        """``HONEURO/12 report, para. 36`` (``…, para. 27 (a)`` for a sub-paragraph); the
        report's title stands in for the code when the graph gives no meeting code."""
        ix = self.ix
        code = ix.meeting_code(iri)
        report = f"{code} report" if code else ix.label_text(doc_of(iri))
        letter = ix.value(iri, HL + "letter")
        number = ix.value(iri, HL + "number")
        if letter is not None:
            parent = self.parent_of(iri)
            number = ix.value(parent, HL + "number") if parent else None
            return f"{report}, para. {number} ({letter})" if number else f"{report}, ({letter})"
        return f"{report}, para. {number}" if number else ix.label_text(iri)

    def parent_of(self, iri: str) -> str | None:
        """The paragraph a sub-paragraph is part of (its ``dct:isPartOf``), from the index's
        values or, where the index does not keep that property, from the triples of the
        sub-paragraph's own document; ``None`` when the graph names none."""
        parent = self.ix.value(iri, DCT_PART)
        if parent:
            return parent
        for t in self.ix.by_subject.get(iri, ()):
            if t.predicate.value == DCT_PART and not isinstance(t.object, ox.Literal):
                return t.object.value
        return None

    def symbol_of(self, iri: str) -> str:
        """A UN document's symbol: its ``dct:identifier``, else its ``rdfs:label``, else the
        IRI's last segment (its title is not a symbol, whatever the label order says)."""
        symbol = self.ix.value(iri, "http://purl.org/dc/terms/identifier")
        if symbol:
            return symbol
        for rank, value, _lang in self.ix.labels.get(iri, ()):
            if rank == 1:  # rdfs:label (graphindex.LABEL_PROPERTIES)
                return value
        return self.ix.label_text(iri)

    def title_of(self, iri: str) -> str | None:
        """The ``dct:title`` of ``iri`` in the UI language (or untagged), if any."""
        best = None
        for rank, value, lang in self.ix.labels.get(iri, ()):
            if rank == 4 and lang in ("en", None):  # dct:title (graphindex.LABEL_PROPERTIES)
                if best is None or lang == "en":
                    best = value
        return best

    def link(self, here: str | None, iri: str, meeting: str | None = None) -> dict:
        """A link to entity ``iri`` from the page of ``here``: the display label, its language
        and ``href`` (external IRIs are linked as they are)."""
        view = self.display(iri, meeting)
        view["href"] = self._href(here, iri)
        view["iri"] = iri
        return view

    # --- values -----------------------------------------------------------------------------
    def literal(self, term: ox.Literal) -> dict:
        """A literal as shown, ``{"text", "lang", "dir"}``: dates in words, no datatype."""
        dt = term.datatype.value if term.datatype else ""
        text = term.value
        if dt == XSD + "date":
            text = format_date(text)
        elif dt == XSD + "boolean":
            text = "yes" if text in ("true", "1") else "no"
        return {"text": text, "lang": term.language, "dir": text_direction(term.language)}

    # --- order ------------------------------------------------------------------------------
    def sort_key(self, iri: str) -> tuple:
        """A natural order for entities of one kind: meetings by series and ordinal (an
        extraordinary session after the last numbered meeting that started before it), UN
        documents by symbol, agenda items by number, paragraphs by report and number, the rest
        by display label (numbers inside by value)."""
        ix = self.ix
        ordinal = ix.value(iri, HL + "ordinal")
        if ordinal is not None and ordinal.isdigit():
            series = ix.value(iri, "https://schema.org/superEvent") or ""
            return (0, natural_key(ix.label_text(series) if series else ""), int(ordinal), iri)
        if HL + "ExtraordinarySession" in ix.types.get(iri, ()):
            series = ix.value(iri, "https://schema.org/superEvent") or ""
            return (0, natural_key(ix.label_text(series) if series else ""), self._between(iri, series), iri)
        number = ix.value(iri, HL + "itemNumber")
        if number:
            return (1, natural_key(number), iri)
        para = ix.value(iri, HL + "number")
        if para is not None and para.isdigit() and HL + "Paragraph" in ix.types.get(iri, ()):
            return (2, natural_key(ix.meeting_code(iri) or ""), int(para), iri)
        if HL + "Document" in ix.types.get(iri, ()):
            return (3, natural_key(self.symbol_of(iri)), iri)
        return (3, natural_key(ix.label_text(iri)), iri)


    def _between(self, session: str, series: str) -> float:
        """Where an extraordinary session (no ordinal) falls among the numbered meetings of its
        series: just before the first one dated after it (its start date, or the year set for
        it), ``29.5`` between the Twenty-ninth and the Thirtieth Meeting; after all of them when
        none is (or the session has no date)."""
        ix = self.ix
        if series not in self._numbered:
            self._numbered[series] = sorted(
                (ix.value(m, "https://schema.org/startDate") or ix.value(m, HL + "nextYear") or "",
                 int(ix.value(m, HL + "ordinal")))
                for m in ix.iris_of_type(HL + "Meeting", None)
                if (ix.value(m, HL + "ordinal") or "").isdigit()
                and ix.value(m, "https://schema.org/superEvent") == series)
        numbered = self._numbered[series]
        start = ix.value(session, "https://schema.org/startDate") or ""
        after = [n for s, n in numbered if start and s and s[:len(start)] > start[:len(s)]]
        if after:
            return min(after) - 0.5
        return max((n for _s, n in numbered), default=0) + 0.5



#: Readable names of the vocabularies whose prefixes the graph uses (:data:`honlea_kg.vocab.PREFIXES`),
#: by prefix: their titles as their publishers give them.
VOCABULARY_NAMES = {
    "hl": "HONLEA vocabulary", "schema": "Schema.org", "org": "W3C Organization Ontology",
    "oa": "Web Annotation Vocabulary", "fabio": "FaBiO", "cito": "CiTO", "doco": "DoCO",
    "undo": "UN Documents Ontology", "opengov": "Open Government Vocabulary", "wd": "Wikidata",
    "dcat": "DCAT", "void": "VoID", "spdx": "SPDX", "dct": "DCMI Metadata Terms", "foaf": "FOAF",
    "owl": "OWL", "prov": "PROV-O", "rdf": "RDF", "rdfs": "RDF Schema", "skos": "SKOS",
    "xsd": "XML Schema datatypes", "time": "OWL-Time",
}


def vocabulary_name(iri: str) -> str:
    """The readable name of the vocabulary a class or property IRI belongs to ("Schema.org" for
    ``https://schema.org/Person``, "FOAF" for ``http://xmlns.com/foaf/0.1/Person``), found by the
    longest namespace of :data:`honlea_kg.vocab.PREFIXES` the IRI starts with; the IRI's
    namespace itself (up to its last ``#`` or ``/``) when no known one does."""
    from ..vocab import PREFIXES

    best = max(((p, str(ns)) for p, ns in PREFIXES.items() if iri.startswith(str(ns))),
               key=lambda pn: len(pn[1]), default=None)
    if best:
        return VOCABULARY_NAMES.get(best[0], best[1])
    cut = max(iri.rfind("#"), iri.rfind("/"))
    return iri[:cut + 1] if cut > 0 else iri


@lru_cache(maxsize=4096)
def plural_label(label: str) -> str:
    """The plural of an English class or concept label, for headings and counts: ``Entity`` ->
    ``Entities``, ``Consideration of an agenda item`` -> ``Considerations of an agenda item``,
    ``Questionnaire reply`` -> ``Questionnaire replies``, ``Series`` -> ``Series``.

    Inflected by the ``inflect`` library (English rules, compound nouns with prepositions).  The
    label is inflected in lower case (inflect leaves capitalised words alone as proper names) and
    each word keeps the capitals it had (``UN document`` -> ``UN documents``).  An empty label
    stays empty."""
    if not label.strip():
        return label
    words = label.split(" ")
    inflected = _inflect_engine().plural_noun(label.lower()).split(" ")
    if len(inflected) != len(words):
        return _inflect_engine().plural_noun(label)
    out = []
    for orig, new in zip(words, inflected):
        if new == orig.lower():
            out.append(orig)
        elif orig[:1].isupper():
            out.append(new[:1].upper() + new[1:])
        else:
            out.append(new)
    return " ".join(out)


@lru_cache(maxsize=1)
def _inflect_engine():
    import inflect

    return inflect.engine()

__all__ = ["Labeller", "date_range", "format_date", "load_term_labels", "natural_key", "text_direction"]
