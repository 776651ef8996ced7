"""Entity pages, per-entity data files, the report reading pages, class indexes and the home page.

One *document* per entity IRI at path ``P`` (see :mod:`honlea_kg.iris`): ``P/index.html`` for
people, ``P/index.ttl``, ``P/index.jsonld`` and ``P/index.nt`` for machines.  A document holds
the entity and the fragment IRIs that share its document part (a report and its paragraphs).
Data files hold the document's outgoing triples, its incoming triples and the labels of what it
links to (publishing-practice.md, section 6, criteria 1, 2 and 9); the HTML page embeds one
JSON-LD block with the entity's own triples and those labels (criterion 6).
"""

from __future__ import annotations

import re
from collections import OrderedDict, defaultdict
from pathlib import Path

import pyoxigraph as ox
from markupsafe import Markup

from .. import __version__
from ..iris import IriPolicy
from ..vocab import HL
from .dumps import TURTLE_PREFIXES, jsonld_bytes, ntriples_bytes, sort_triples, turtle_bytes
from .graphindex import RDF_TYPE, GraphIndex, doc_of

INCOMING_SHOWN = 100
_ANGLED = re.compile(r"<([^<>\s]*)>")
CLASS_PAGE_SIZE = 1000
HLNS = str(HL)
PARAGRAPH = HLNS + "Paragraph"
SUBPARAGRAPH = HLNS + "SubParagraph"
CHAPTER = HLNS + "Chapter"
REPORT = HLNS + "Report"
WAS_DERIVED_FROM = "http://www.w3.org/ns/prov#wasDerivedFrom"
XSD = "http://www.w3.org/2001/XMLSchema#"
#: Media types of the per-entity data files, in the order the page offers them.
ALTERNATES = (("ttl", "text/turtle", "Turtle"), ("jsonld", "application/ld+json", "JSON-LD"),
              ("nt", "application/n-triples", "N-Triples"))
#: Primary language subtags written right to left (Arabic among the six UN languages; the others
#: are those CLDR gives a right-to-left default script).
RTL_LANGUAGES = frozenset({"ar", "arc", "ckb", "dv", "fa", "he", "ku", "ps", "sd", "ug", "ur", "yi"})
RTL_SCRIPTS = frozenset({"arab", "hebr", "syrc", "thaa", "nkoo", "adlm", "rohg"})


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


class PageWriter:
    """Writes every page and per-entity data file of the site into ``out``."""

    def __init__(self, index: GraphIndex, iris: IriPolicy, out: Path, env, dates: dict[str, str]):
        self.ix = index
        self.iris = iris
        self.out = out
        self.env = env
        self.dates = dates  # document IRI -> ISO date of its report (for sitemap lastmod)
        self.base = iris.base
        self.written: list[tuple[str, str | None]] = []  # (entity IRI, lastmod) for the sitemap
        #: IRIs that name published files rather than entities (hl:TextManifestation): no page
        self.files = index.files()

    # --- values ---------------------------------------------------------------------------
    def href(self, here: str | None, target: str, ext: str = "html") -> str:
        if target in self.files:  # a published file (the normalised text), not an entity page
            from posixpath import relpath

            here_dir = (self.iris.path_of(here) or "").strip("/") if here else ""
            return relpath("/" + self.iris.path_of(target), "/" + here_dir)
        return self.iris.href(here, target, ext)

    def term_view(self, here: str, term) -> dict:
        """How a term is shown on a page: text, language, link and datatype."""
        if isinstance(term, ox.NamedNode):
            iri = term.value
            label = self.ix.label(iri)
            internal = iri.startswith(self.base)
            lang = label.lang if label else None
            return {"iri": iri, "text": label.text if label else self.ix.label_text(iri) if internal else _curie(iri),
                    "lang": lang, "dir": text_direction(lang), "href": self.href(here, iri) if internal else iri,
                    "external": not internal}
        if isinstance(term, ox.Literal):
            dt = term.datatype.value if term.datatype else None
            short = dt[len(XSD):] if dt and dt.startswith(XSD) else None
            show_dt = short if dt and short not in ("string", "langString") else None
            return {"text": term.value, "lang": term.language, "dir": text_direction(term.language),
                    "datatype": show_dt}
        return {"text": str(term)}

    def label_view(self, iri: str) -> dict:
        """The label of ``iri`` as shown in running text: ``{"text", "lang", "dir"}`` (``lang`` is
        the label's tag or ``None``; the text falls back to the IRI's local name)."""
        return label_view(self.ix, iri)

    def predicate_view(self, here: str, iri: str) -> dict:
        label = self.ix.label(iri)
        text = label.text if label else _curie(iri)
        return {"iri": iri, "text": text, "href": self.href(here, iri) if iri.startswith(self.base) else iri}

    def group(self, here: str, triples, side: str) -> list[dict]:
        groups: OrderedDict[str, list] = OrderedDict()
        for t in triples:
            groups.setdefault(t.predicate.value, []).append(t)
        rows = []
        for pred, ts in groups.items():
            values = [self.term_view(here, t.object if side == "out" else t.subject) for t in ts]
            values.sort(key=lambda v: natural_key(v.get("text", "")))  # Item 2 before Item 10
            rows.append({"predicate": self.predicate_view(here, pred), "vals": values, "count": len(values)})
        return rows

    # --- data files -----------------------------------------------------------------------
    def data_triples(self, doc: str) -> list:
        out = self.ix.out.get(doc, [])
        inc = self.ix.inc.get(doc, [])
        linked = {t.object.value for t in out if isinstance(t.object, ox.NamedNode)}
        linked |= {t.subject.value for t in inc}
        linked -= {t.subject.value for t in out}
        return list(dict.fromkeys(out + inc + self.ix.label_triples(linked)))

    def own_triples(self, iri: str) -> list:
        own = self.ix.by_subject.get(iri, [])
        linked = {t.object.value for t in own if isinstance(t.object, ox.NamedNode) and t.object.value != iri}
        return list(dict.fromkeys(own + self.ix.label_triples(linked)))

    def write_data_files(self, doc: str) -> None:
        triples = self.data_triples(doc)
        folder = self.out / Path(self.iris.file_of(doc, "ttl")).parent
        folder.mkdir(parents=True, exist_ok=True)
        ordered = sort_triples(triples)  # once for the three files
        (folder / "index.ttl").write_bytes(turtle_bytes(ordered, presorted=True))
        (folder / "index.nt").write_bytes(ntriples_bytes(ordered, presorted=True))
        (folder / "index.jsonld").write_bytes(jsonld_bytes(ordered, compact=True, presorted=True))

    # --- pages ----------------------------------------------------------------------------
    def common(self, here: str | None) -> dict:
        root = self.href(here, self.base) if here else "./"
        return {"root": root, "version": __version__, "base": self.base}

    def source_quote(self, here: str, iri: str) -> dict | None:
        for t in self.ix.by_subject.get(iri, []):
            if t.predicate.value == WAS_DERIVED_FROM and isinstance(t.object, ox.NamedNode):
                src = t.object.value
                text = self._text_of(src)
                return {"iri": src, "href": self.href(here, src), "label": self.label_view(src), "text": text}
        return None

    def _text_of(self, iri: str) -> str | None:
        return self.ix.text_of(iri)

    def entity_page(self, doc: str) -> None:
        here = doc
        label = self.ix.label(doc)
        types = [self.term_view(here, ox.NamedNode(t)) for t in sorted(self.ix.types.get(doc, []))]
        own = [t for t in self.ix.out.get(doc, []) if t.subject.value == doc and t.predicate.value != RDF_TYPE]
        parts = sorted({t.subject.value for t in self.ix.out.get(doc, []) if t.subject.value != doc})
        incoming = self.ix.inc.get(doc, [])
        inc_rows = self.group(here, incoming[:INCOMING_SHOWN], "in")
        jsonld = jsonld_bytes(self.own_triples(doc), compact=True).decode("utf-8")
        ctx = dict(self.common(here), iri=doc, label=label.text if label else self.ix.label_text(doc),
                   label_lang=label.lang if label else None, label_dir=text_direction(label.lang if label else None),
                   types=types, properties=self.group(here, own, "out"), incoming=inc_rows,
                   incoming_total=len(incoming), incoming_shown=min(len(incoming), INCOMING_SHOWN),
                   incoming_more="incoming.html" if len(incoming) > INCOMING_SHOWN else None,
                   parts=[{"iri": p, "anchor": p.split("#", 1)[1], "label": self.label_view(p),
                           "properties": self.group(here, [t for t in self.ix.by_subject.get(p, [])], "out")}
                          for p in parts if "#" in p and not re.search(r"-(pos|quote)\d+$", p)],
                   source=self.source_quote(here, doc), alternates=self.alternates(),
                   jsonld=Markup(_script_safe(jsonld)))
        ctx["title_lang"], ctx["title_dir"] = ctx["label_lang"], ctx["label_dir"]
        reports = sorted(t.subject.value for t in incoming if t.predicate.value == HLNS + "reportOf")
        ctx["reports"] = [{"href": self.href(here, r), "label": self.ix.label_text(r)} for r in reports]
        self.write_html(doc, "entity.html", ctx)
        if len(incoming) > INCOMING_SHOWN:
            # The full list: one row per incoming triple (criterion 9), in the index's stable order.
            rows = [{"predicate": self.predicate_view(here, t.predicate.value), "value": self.term_view(here, t.subject)}
                    for t in incoming]
            ctx_all = dict(ctx, incoming=rows, incoming_more=None, title_lang=None, title_dir=None)
            html = self.env.get_template("incoming.html").render(**ctx_all)
            (self.out / Path(self.iris.file_of(doc)).parent / "incoming.html").write_text(html, encoding="utf-8")

    def alternates(self) -> list[dict]:
        return [{"href": f"index.{ext}", "type": media, "title": title} for ext, media, title in ALTERNATES]

    def write_html(self, doc: str, template: str, ctx: dict) -> None:
        path = self.out / self.iris.file_of(doc)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(self.env.get_template(template).render(**ctx), encoding="utf-8")
        self.written.append((doc, self.dates.get(doc)))

    def report_page(self, doc: str) -> None:
        """The reading view of a report: chapters and numbered paragraphs with anchors, and the
        entities each paragraph is the source of, linked."""
        here = doc
        members = defaultdict(list)
        for t in self.ix.out.get(doc, []):
            members[t.subject.value].append(t)
        chapters, paras, subs = {}, {}, defaultdict(list)
        for iri, ts in members.items():
            types = {t.object.value for t in ts if t.predicate.value == RDF_TYPE}
            props = {t.predicate.value: t.object for t in ts}
            if CHAPTER in types:
                chapters[iri] = {"iri": iri, "anchor": iri.split("#", 1)[1],
                                 "number": props.get(HLNS + "number").value if props.get(HLNS + "number") else "",
                                 "position": int(props[_schema("position")].value) if _schema("position") in props else 0,
                                 "title": props[_dct("title")].value if _dct("title") in props else "",
                                 "paragraphs": []}
            elif PARAGRAPH in types:
                paras[iri] = {"iri": iri, "anchor": iri.split("#", 1)[1],
                              "number": int(props[HLNS + "number"].value),
                              "text": props[HLNS + "text"].value if HLNS + "text" in props else "",
                              "full": props[HLNS + "fullText"].value if HLNS + "fullText" in props else "",
                              "chapter": props[_dct("isPartOf")].value if _dct("isPartOf") in props else None,
                              "subs": [], "facts": self.facts_from(here, iri)}
            elif SUBPARAGRAPH in types:
                parent = props.get(_dct("isPartOf"))
                subs[parent.value if parent else ""].append({
                    "iri": iri, "anchor": iri.split("#", 1)[1],
                    "letter": props[HLNS + "letter"].value if HLNS + "letter" in props else "",
                    "text": props[HLNS + "text"].value if HLNS + "text" in props else "",
                    "facts": self.facts_from(here, iri)})
        for p in paras.values():
            p["subs"] = sorted(subs.get(p["iri"], []), key=lambda s: s["letter"])
            # lists and tables (agenda items, officers) are in the full text after the prose
            rest = p["full"][len(p["text"]):].strip() if p["full"].startswith(p["text"]) else ""
            p["rest"] = rest if rest and not p["subs"] else ""
        loose = []
        for p in sorted(paras.values(), key=lambda p: p["number"]):
            (chapters[p["chapter"]]["paragraphs"] if p["chapter"] in chapters else loose).append(p)
        label = self.ix.label(doc)
        report = {"chapters": sorted(chapters.values(), key=lambda c: c["position"]), "loose": loose}
        own = [t for t in self.ix.by_subject.get(doc, []) if t.predicate.value != RDF_TYPE]
        jsonld = jsonld_bytes(self.own_triples(doc), compact=True).decode("utf-8")
        ctx = dict(self.common(here), iri=doc, label=label.text if label else self.ix.label_text(doc),
                   label_lang=label.lang if label else None, label_dir=text_direction(label.lang if label else None),
                   types=[self.term_view(here, ox.NamedNode(t)) for t in sorted(self.ix.types.get(doc, []))],
                   properties=self.group(here, own, "out"), report=report,
                   incoming=self.group(here, self.ix.inc.get(doc, [])[:INCOMING_SHOWN], "in"),
                   incoming_total=len(self.ix.inc.get(doc, [])), incoming_more=None,
                   alternates=self.alternates(), jsonld=Markup(_script_safe(jsonld)), source=None, parts=[])
        ctx["title_lang"], ctx["title_dir"] = ctx["label_lang"], ctx["label_dir"]
        self.write_html(doc, "report.html", ctx)

    def facts_from(self, here: str, para_iri: str) -> list[dict]:
        """Entities whose facts were derived from a paragraph, or which it cites or mentions."""
        seen = OrderedDict()
        for t in self.ix.inc.get(doc_of(para_iri), []):
            if isinstance(t.object, ox.NamedNode) and t.object.value == para_iri \
                    and t.predicate.value == WAS_DERIVED_FROM:
                seen.setdefault(t.subject.value, None)
        for t in self.ix.by_subject.get(para_iri, []):
            if isinstance(t.object, ox.NamedNode) and t.predicate.value != RDF_TYPE \
                    and t.object.value.startswith(self.base) and doc_of(t.object.value) != doc_of(para_iri):
                seen.setdefault(t.object.value, None)
        return [{"iri": i, "href": self.href(here, i), "label": self.label_view(i)} for i in seen]

    def class_indexes(self, members: dict[str, list[str]] | None = None,
                      counts: dict[str, int] | None = None) -> list[dict]:
        """Write ``browse/<class>/index.html`` (and ``page-N.html``) for every class of
        ``members`` (class IRI -> entities; default: the index's
        :meth:`~honlea_kg.publish.graphindex.GraphIndex.members`, every class); return one
        entry per class of ``counts`` (class IRI -> number of entities; default: those of
        ``members``) for the home and browse pages."""
        if members is None:
            members = self.ix.members(base=self.base)
        if counts is None:
            counts = {cls: len(iris) for cls, iris in members.items()}
        for cls in sorted(members):
            docs = sorted(members[cls], key=lambda d: (self.ix.label_text(d).casefold(), d))
            slug = _curie(cls).replace(":", "-")
            pages = [docs[i:i + CLASS_PAGE_SIZE] for i in range(0, len(docs), CLASS_PAGE_SIZE)]
            for n, chunk in enumerate(pages, start=1):
                rel = f"browse/{slug}/" + ("index.html" if n == 1 else f"page-{n}.html")
                depth = rel.count("/")
                root = "../" * depth
                rows = [{"label": self.label_view(d), "href": root + self.href(None, d), "iri": d} for d in chunk]
                nav = [{"n": k, "href": ("index.html" if k == 1 else f"page-{k}.html")} for k in range(1, len(pages) + 1)]
                html = self.env.get_template("classindex.html").render(
                    root=root, version=__version__, base=self.base, cls=self.term_view(self.base, ox.NamedNode(cls)),
                    curie=_curie(cls), rows=rows, total=len(docs), page=n, pages=nav if len(pages) > 1 else [])
                path = self.out / rel
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(html, encoding="utf-8")
        return [{"curie": _curie(cls), "label": self.ix.label_text(cls) if cls.startswith(HLNS) else _curie(cls),
                 "href": f"browse/{_curie(cls).replace(':', '-')}/", "count": n} for cls, n in sorted(counts.items())]

    #: The files of one entity document, relative to its folder (see :meth:`write_docs`).
    DOC_FILES = ("index.html", "index.ttl", "index.nt", "index.jsonld", "incoming.html")

    def documents(self) -> list[str]:
        """The entity documents of the graph (one page each), sorted."""
        return [doc for doc in self.ix.documents(self.base, files=False) if "#" not in doc]

    def write_docs(self, docs: list[str]) -> int:
        """Write the pages and data files of ``docs`` (document IRIs); return the page count.

        Each document's files are its own, so documents can be written by several processes
        (:mod:`honlea_kg.stages.publish`) and the bytes do not depend on how they are shared."""
        count = 0
        for doc in docs:
            self.write_data_files(doc)
            if REPORT in self.ix.types.get(doc, []):
                self.report_page(doc)
            else:
                self.entity_page(doc)
            count += 1
        return count


def natural_key(text: str) -> tuple:
    """Sort key that orders embedded numbers by value: ``CRP.2`` < ``CRP.10``, ``Item 2`` <
    ``Item 10``; ties keep the case-folded text order, so the order is total and stable."""
    parts = re.split(r"(\d+)", text.casefold())
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in parts) + ((2, 0, text),)


def _schema(local: str) -> str:
    return "https://schema.org/" + local


def _dct(local: str) -> str:
    return "http://purl.org/dc/terms/" + local


def _curie(iri: str) -> str:
    best = None
    for prefix, ns in TURTLE_PREFIXES.items():
        if iri.startswith(ns) and len(iri) > len(ns):
            if best is None or len(ns) > len(best[1]):
                best = (prefix, ns)
    return f"{best[0]}:{iri[len(best[1]):]}" if best else iri


def _script_safe(text: str) -> str:
    """Make JSON safe inside ``<script>``: escape ``<``, ``>`` and ``&`` as JSON unicode escapes
    (HTML Living Standard, 4.12.1.3: script content restrictions)."""
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def home_context(ix: GraphIndex, iris: IriPolicy, classes: list[dict], files, triples: int) -> dict:
    """The context of the home page: figures, downloads, meetings, classes."""
    meetings = []
    for doc in ix.iris_of_type(HLNS + "Meeting", iris.base):
        if doc.startswith(iris.base):
            has_report = any(t.predicate.value == HLNS + "reportOf" for t in ix.inc.get(doc, []))
            start = next((t.object.value for t in ix.by_subject.get(doc, [])
                          if t.predicate.value == _schema("startDate")), None)
            meetings.append({"iri": doc, "href": iris.href(None, doc), "label": label_view(ix, doc),
                             "start": start, "reported": has_report})
    meetings.sort(key=lambda m: (m["start"] or "", m["iri"]))
    return {"root": "./", "version": __version__, "base": iris.base, "meetings": meetings, "classes": classes,
            "files": files, "triples": triples}


def label_view(ix: GraphIndex, iri: str) -> dict:
    """``{"text", "lang", "dir"}`` for the label of ``iri`` (see :meth:`GraphIndex.label`), for
    templates to put the label in an element carrying its language (criterion 7)."""
    chosen = ix.label(iri)
    lang = chosen.lang if chosen else None
    return {"text": chosen.text if chosen else ix.label_text(iri), "lang": lang, "dir": text_direction(lang)}


__all__ = ["PageWriter", "home_context", "label_view", "text_direction"]
