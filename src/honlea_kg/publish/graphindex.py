"""An in-memory index of the published graph for the page and file writers.

Built once from the union of the report graphs (their N-Triples), it answers what the
publisher asks many times: the triples *about* an entity document (its IRI and the fragment IRIs
that live in the same document), the triples pointing *to* it, labels with language fallback,
types and texts.  Triples are handed out as pyoxigraph terms.
"""

from __future__ import annotations

import sys
from collections import Counter, OrderedDict, defaultdict
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
_LABEL_RANK = {p: n for n, p in enumerate(LABEL_PROPERTIES)}
#: A text unit's (or finding's) text, shown as the source quotation of what derives from it.
HL = "https://w3id.org/honlea-kg/ns#"
HL_TEXT = "https://w3id.org/honlea-kg/ns#text"
#: A paragraph's text with its sub-paragraphs, lists and tables: where a citation in a list is
#: found for a snippet (kept only when it differs from ``hl:text``; about 40 MB at 1,000 reports).
HL_FULL_TEXT = "https://w3id.org/honlea-kg/ns#fullText"
UI_LANG = "en"
_HL = "https://w3id.org/honlea-kg/ns#"
_SCHEMA = "https://schema.org/"
_DCT = "http://purl.org/dc/terms/"
_PROV = "http://www.w3.org/ns/prov#"
_ORG = "http://www.w3.org/ns/org#"
#: Properties whose values the page views read for entities *outside* the document being
#: written (a State page reads each participation's role and the name as printed; a resolution
#: page reads the meeting of each citing paragraph): kept per subject as Python values, so a view
#: never parses another document to show one value.  About 1,000 values a report.
VALUE_PREDICATES = frozenset({
    _SCHEMA + "roleName", _HL + "asGiven", _HL + "timing", _ORG + "role", _ORG + "member",
    _SCHEMA + "attendee", _DCT + "creator", "http://www.w3.org/ns/opengov#onBehalfOf",
    _PROV + "wasAssociatedWith", _PROV + "wasAttributedTo", _HL + "forMeeting", _HL + "person",
    _HL + "ordinal", _HL + "meetingCode", _HL + "seriesCode", _SCHEMA + "startDate", _SCHEMA + "endDate",
    _SCHEMA + "superEvent", _SCHEMA + "location", _HL + "reportOf", _DCT + "issued", _HL + "number",
    _HL + "letter", _HL + "findingKind", _HL + "itemNumber", _DCT + "identifier",
    _SCHEMA + "legislationIdentifier", _HL + "consideredUnder", _DCT + "subject", _HL + "agenda",
    _SCHEMA + "position", _HL + "agendaStatus", _HL + "inReport", _HL + "nextYear",
})


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


class _ParsedDocs:
    """A read-only mapping document IRI -> its triples (pyoxigraph, sorted), parsed from the
    document's N-Triples text when asked for; the last few are kept parsed."""

    KEEP = 64

    def __init__(self, texts: dict[str, str]):
        self.texts = texts
        self._parsed: OrderedDict[str, list] = OrderedDict()

    def get(self, doc: str, default=None):
        found = self._parsed.get(doc)
        if found is not None:
            self._parsed.move_to_end(doc)
            return found
        text = self.texts.get(doc)
        if text is None:
            return default
        found = sorted(ox.parse(text.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES), key=_key)
        self._parsed[doc] = found
        if len(self._parsed) > self.KEEP:
            self._parsed.popitem(last=False)
        return found

    def __getitem__(self, doc: str) -> list:
        found = self.get(doc)
        if found is None:
            raise KeyError(doc)
        return found

    def __contains__(self, doc) -> bool:
        return doc in self.texts

    def __iter__(self):
        return iter(self.texts)

    def __len__(self) -> int:
        return len(self.texts)

    def keys(self):
        return self.texts.keys()


class _BySubject:
    """A read-only mapping IRI -> the triples with that subject (from its document's triples)."""

    KEEP = 64

    def __init__(self, out: _ParsedDocs):
        self.out = out
        self._grouped: OrderedDict[str, dict] = OrderedDict()

    def get(self, iri: str, default=None):
        doc = doc_of(iri)
        grouped = self._grouped.get(doc)
        if grouped is None:
            ts = self.out.get(doc)
            if ts is None:
                return default
            grouped = {}
            for t in ts:
                grouped.setdefault(t.subject.value, []).append(t)
            self._grouped[doc] = grouped
            if len(self._grouped) > self.KEEP:
                self._grouped.popitem(last=False)
        else:
            self._grouped.move_to_end(doc)
        return grouped.get(iri, default)



def iri_tail(iri: str) -> str:
    """What stands for an entity with no label: its IRI's fragment, else its last path segment
    (the whole IRI when both are empty)."""
    tail = iri.rsplit("#", 1)[-1] if "#" in iri else iri.rstrip("/").rsplit("/", 1)[-1]
    return tail or iri

def best_label(options, lang: str = UI_LANG) -> "LabelChoice | None":
    """The label :meth:`GraphIndex.label` chooses among ``options`` (``(property rank, value,
    language tag or None)`` tuples, or nothing): language ``lang`` first, then English, untagged,
    any other; then by property rank and value.  ``None`` for no options."""
    if not options:
        return None

    def rank(opt):
        prop, value, tag = opt
        tag_rank = 0 if tag == lang else 1 if tag == "en" else 2 if tag is None else 3
        return (tag_rank, prop, value)

    _, value, tag = min(options, key=rank)
    return LabelChoice(value, tag)

class GraphIndex:
    """Index of the published graph by document: outgoing triples (subject in the document),
    incoming triples (object in the document, subject elsewhere), labels, types and ``hl:text``.

    Built from N-Triples lines (:meth:`from_ntriples`, what the build has) or from pyoxigraph
    triples.  Each document's triples are kept as one N-Triples string and parsed when a page
    asks for them (``out``, ``inc`` and ``by_subject`` behave as read-only dicts of sorted
    pyoxigraph triples): measured on 100 synthetic reports, a pyoxigraph ``Triple`` object held
    per triple cost about 670 bytes, about four times its text, and forked page writers copied
    the objects they touched.  Labels, types and ``hl:text`` values are kept as Python values.
    Duplicate triples (the same triple stated by two reports) are kept once.
    """

    def __init__(self, triples=()):
        self._lines_out: dict[str, list[str]] = defaultdict(list)
        self._lines_inc: dict[str, list[str]] = defaultdict(list)
        self._label_lines: dict[str, list[str]] = defaultdict(list)
        self.labels: dict[str, list] = defaultdict(list)    # IRI -> [(prop rank, value, lang)]
        self.types: dict[str, list[str]] = defaultdict(list)
        self.texts: dict[str, str] = {}                     # IRI -> hl:text value
        self.full_texts: dict[str, str] = {}                # IRI -> hl:fullText value (when not hl:text)
        self.values: dict[str, list[tuple[str, str]]] = defaultdict(list)  # IRI -> [(property, value)]
        self.predicate_counts: Counter = Counter()  # property IRI -> statements (lines, before dedup)
        self._pending_literals: list[str] = []
        lines = [str(t) + " ." for t in triples]
        if lines:
            self._add_lines(lines)
        self._finish()

    @classmethod
    def from_ntriples(cls, texts) -> "GraphIndex":
        """The index of the union of ``texts`` (N-Triples strings or bytes, one triple per line,
        as pyoxigraph writes them)."""
        ix = cls.__new__(cls)
        ix._lines_out = defaultdict(list)
        ix._lines_inc = defaultdict(list)
        ix._label_lines = defaultdict(list)
        ix.labels = defaultdict(list)
        ix.types = defaultdict(list)
        ix.texts = {}
        ix.full_texts = {}
        ix.values = defaultdict(list)
        ix.predicate_counts = Counter()
        ix._pending_literals = []
        for text in texts:
            if isinstance(text, bytes):
                text = text.decode("utf-8")
            ix._add_lines(text.splitlines())
        ix._finish()
        return ix

    def _add_lines(self, lines) -> None:
        out, inc, pending = self._lines_out, self._lines_inc, self._pending_literals
        values, intern, used = self.values, sys.intern, self.predicate_counts
        for line in lines:
            if not line.startswith("<"):
                continue  # blank-node subjects have no page (the mapping writes none)
            end = line.index(">")
            subject = line[1:end]
            sdoc = subject.split("#", 1)[0]
            out[sdoc].append(line)
            pstart = end + 3
            pend = line.index(">", pstart)
            pred = line[pstart:pend]
            used[pred] += 1
            rest = line[pend + 2:]
            if rest.startswith("<"):
                obj = rest[1:rest.index(">")]
                if pred == RDF_TYPE:
                    self.types[subject].append(obj)
                elif pred in VALUE_PREDICATES:
                    values[intern(subject)].append((intern(pred), intern(obj)))
                odoc = obj.split("#", 1)[0]
                if odoc != sdoc:
                    inc[odoc].append(line)
            elif pred in _LABEL_RANK or pred == HL_TEXT or pred == HL_FULL_TEXT or pred in VALUE_PREDICATES:
                pending.append(line)

    def _finish(self) -> None:
        if self._pending_literals:
            text = "\n".join(dict.fromkeys(self._pending_literals)) + "\n"
            for t, line in zip(ox.parse(text.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES),
                               dict.fromkeys(self._pending_literals)):
                sv, pv, o = t.subject.value, t.predicate.value, t.object
                if pv in VALUE_PREDICATES:
                    self.values[sys.intern(sv)].append((sys.intern(pv), o.value))
                elif pv == HL_TEXT:
                    self.texts.setdefault(sv, o.value)
                elif pv == HL_FULL_TEXT:
                    self.full_texts.setdefault(sv, o.value)
                else:
                    self.labels[sv].append((_LABEL_RANK[pv], o.value, o.language))
                    self._label_lines[sv].append(line)
        self._pending_literals = []
        for iri in [i for i, full in self.full_texts.items() if self.texts.get(i) == full]:
            del self.full_texts[iri]
        count = 0
        out_texts = {}
        for doc, lines in self._lines_out.items():
            distinct = sorted(set(lines))
            count += len(distinct)
            out_texts[doc] = "\n".join(distinct) + "\n"
        inc_texts = {doc: "\n".join(sorted(set(lines))) + "\n" for doc, lines in self._lines_inc.items()}
        self._lines_out = self._lines_inc = None
        for iri, types in self.types.items():
            self.types[iri] = sorted(set(types))
        for iri, pairs in self.values.items():
            self.values[iri] = sorted(set(pairs))
        for iri, options in self.labels.items():
            self.labels[iri] = sorted(set(options), key=lambda o: (o[0], o[1], o[2] or ""))
        self.count = count
        self.out_text = out_texts
        self.inc_text = inc_texts
        self.out = _ParsedDocs(out_texts)
        self.inc = _ParsedDocs(inc_texts)
        self.by_subject = _BySubject(self.out)

    def label(self, iri: str, lang: str = UI_LANG) -> LabelChoice | None:
        """The best label of ``iri``: by property order (skos:prefLabel, rdfs:label,
        schema:name, foaf:name, dct:title), then language (``lang``, English, untagged, any)."""
        return best_label(self.labels.get(iri), lang)

    def value(self, iri: str, prop: str) -> str | None:
        """The first (sorted) value of ``prop`` (one of :data:`VALUE_PREDICATES`) on ``iri``: an
        IRI or a literal's lexical form, ``None`` when it has none."""
        for p, v in self.values.get(iri, ()):
            if p == prop:
                return v
        return None

    def values_of(self, iri: str, prop: str) -> list[str]:
        """Every value of ``prop`` (one of :data:`VALUE_PREDICATES`) on ``iri``, sorted."""
        return [v for p, v in self.values.get(iri, ()) if p == prop]

    def meeting_code(self, iri: str) -> str | None:
        """The code (``HONEURO/12``) of the meeting a report, or a text unit of a report, is
        about: the report is the document of ``iri``; ``None`` when the graph does not say."""
        meeting = self.value(doc_of(iri), _HL + "reportOf")
        return self.value(meeting, _HL + "meetingCode") if meeting else None

    def label_text(self, iri: str) -> str:
        """The label, or the IRI's last path segment / fragment when it has none."""
        chosen = self.label(iri)
        return chosen.text if chosen else iri_tail(iri)

    def text_of(self, iri: str) -> str | None:
        """The ``hl:text`` of ``iri`` (a paragraph's text), if it has one."""
        return self.texts.get(iri)

    def full_text_of(self, iri: str) -> str | None:
        """The ``hl:fullText`` of ``iri`` (a paragraph with its lists and sub-paragraphs), else
        its ``hl:text``."""
        return self.full_texts.get(iri) or self.texts.get(iri)

    def documents(self, base: str, files: bool = True) -> list[str]:
        """Every document IRI under ``base`` that has triples about it, sorted; without
        ``files``, not those that name published files (:meth:`files`)."""
        skip = set() if files else self.files()
        return sorted(d for d in self.out_text if d.startswith(base) and d != base.rstrip("/") and d not in skip)

    # --- questions about the whole graph, asked through the index (IndexView answers them
    # from the persistent per-document index of a build) ------------------------------------
    def files(self) -> set[str]:
        """The IRIs typed ``hl:TextManifestation``: published files (a report's normalised
        text), linked as files rather than entity pages."""
        return {iri for iri, types in self.types.items() if HL + "TextManifestation" in types}

    def members(self, classes=None, base: str = "https://w3id.org/honlea-kg/") -> dict[str, list[str]]:
        """Class IRI -> the entities the class indexes list (sorted): every typed entity under
        the data ``base`` that is not a published file, its document not the base itself, and
        not a fragment (text unit, selector) of a report's document.  ``classes``: only these
        classes."""
        files = self.files()
        found: dict[str, list[str]] = defaultdict(list)
        for iri, types in self.types.items():
            if not iri.startswith(base) or iri in files or not types:
                continue
            doc = doc_of(iri)
            if doc == base.rstrip("/") or (iri != doc and HL + "Report" in self.types.get(doc, ())):
                continue
            for t in types:
                if classes is None or t in classes:
                    found[t].append(iri)
        return {cls: sorted(set(iris)) for cls, iris in sorted(found.items())}

    def type_counts(self) -> dict[str, int]:
        """Class IRI -> the number of IRIs typed with it (every typed IRI of the graph)."""
        counts: dict[str, int] = {}
        for types in self.types.values():
            for t in types:
                counts[t] = counts.get(t, 0) + 1
        return counts

    def iris_of_type(self, cls: str, base: str | None = "https://w3id.org/honlea-kg/") -> list[str]:
        """The entities of class ``cls`` that the class indexes list under ``base``, sorted
        (``None``: every IRI typed ``cls``; the same for the entities the class indexes list)."""
        if base is None:
            return sorted(iri for iri, types in self.types.items() if cls in types)
        return self.members([cls], base).get(cls, [])

    def dates(self) -> dict[str, str]:
        """Document IRI -> the ISO date of the report it comes from (its issue date, else the
        meeting's end date), for sitemap ``lastmod``; a report's meeting takes it too, the
        latest when several reports give one."""
        dates: dict[str, str] = {}
        issued = "http://purl.org/dc/terms/issued"
        end = "https://schema.org/endDate"
        report_of = HL + "reportOf"
        for doc, types in self.types.items():
            if HL + "Report" not in types:
                continue
            own = self.by_subject.get(doc, [])
            day = next((t.object.value for t in own if t.predicate.value == issued), None)
            meeting = next((t.object.value for t in own if t.predicate.value == report_of), None)
            if day is None:
                day = next((t.object.value for t in self.by_subject.get(meeting or "", [])
                            if t.predicate.value == end), None)
            if not day:
                continue
            for d in (doc, meeting):
                if d:
                    dates[d] = max(dates.get(d, ""), day)
        return dates

    def label_lines(self, iri: str) -> list[str]:
        """The N-Triples lines of the label triples of ``iri``."""
        return self._label_lines.get(iri, [])

    def label_triples(self, iris) -> list:
        """The label triples of ``iris`` (for the 'labels of what it links to' in data files),
        sorted by IRI, then as the triples sort."""
        lines = [line for iri in sorted(set(iris)) for line in sorted(self._label_lines.get(iri, ()))]
        if not lines:
            return []
        return list(ox.parse(("\n".join(lines) + "\n").encode("utf-8"), format=ox.RdfFormat.N_TRIPLES))
