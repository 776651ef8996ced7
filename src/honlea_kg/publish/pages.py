"""Entity pages, per-entity data files, the report reading pages, class indexes and the home page.

One *document* per entity IRI at path ``P`` (see :mod:`honlea_kg.iris`): ``P/index.html`` for
people, ``P/index.ttl``, ``P/index.jsonld`` and ``P/index.nt`` for machines.  A document holds
the entity and the fragment IRIs that share its document part (a report and its paragraphs).
Data files hold the document's outgoing triples, its incoming triples and the labels of what it
links to (publishing-practice.md, section 6, criteria 1, 2 and 9); the HTML page embeds one
JSON-LD block with the entity's own triples and those labels (criterion 6).

The HTML page of a document is three separate pieces: the **view** of its kind of page
(:mod:`.kinds`, :mod:`.views`: the page's questions answered in words), the kind's
**template** (``templates/kinds/*.html``, extending ``entity.html``) and the generic
**statements tables** (:mod:`.statements`, folded under "All statements").  Long lists are
bounded: a page shows the first items and writes the rest on paged list pages beside it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
from markupsafe import Markup

from .. import __version__
from ..iris import VOCAB, IriPolicy
from ..vocab import HL
from . import views  # noqa: F401  (registers the page kinds)
from .cite import DatasetInfo, citation
from .dumps import TURTLE_PREFIXES, jsonld_bytes, ntriples_bytes, sort_triples, turtle_bytes
from .graphindex import RDF_TYPE, GraphIndex, doc_of
from .kinds import kind_for
from .labels import Labeller, load_term_labels, natural_key, text_direction
from .statements import statement_rows, term_view

#: Incoming statements shown in a page's "all statements" table; the rest are on
#: ``incoming.html`` (and ``incoming-N.html``, :data:`INCOMING_PAGE` rows each).
INCOMING_SHOWN = 100
INCOMING_PAGE = 500
_ANGLED = re.compile(r"<([^<>\s]*)>")
CLASS_PAGE_SIZE = 1000
HLNS = str(HL)
PARAGRAPH = HLNS + "Paragraph"
SUBPARAGRAPH = HLNS + "SubParagraph"
CHAPTER = HLNS + "Chapter"
REPORT = HLNS + "Report"
WAS_DERIVED_FROM = "http://www.w3.org/ns/prov#wasDerivedFrom"
SITE_NAME = "HONLEA knowledge graph"
#: Media types of the per-entity data files, in the order the page offers them.
ALTERNATES = (("ttl", "text/turtle", "Turtle"), ("jsonld", "application/ld+json", "JSON-LD"),
              ("nt", "application/n-triples", "N-Triples"))
#: Fragments that are Web Annotation selectors of a text unit: described in the statements
#: tables of the unit, never shown as parts of their own.
_SELECTOR = re.compile(r"-(pos|quote)\d+$")


@lru_cache(maxsize=1)
def _term_labels() -> tuple[dict, dict]:
    from ..validate import load_ontology

    return load_term_labels(load_ontology())


class PageWriter:
    """Writes every page and per-entity data file of the site into ``out``.

    ``index``: the build's :class:`~.graphindex.GraphIndex`; ``iris``: its IRI policy; ``env``:
    the Jinja2 environment (:func:`~.site.environment`); ``dates``: document IRI -> ISO date of
    its report (sitemap ``lastmod``); ``dataset``: how the dataset is cited
    (:class:`~.cite.DatasetInfo`, default: the defaults of the build options)."""

    def __init__(self, index: GraphIndex, iris: IriPolicy, out: Path, env, dates: dict[str, str],
                 dataset: DatasetInfo | None = None):
        self.ix = index
        self.iris = iris
        self.out = out
        self.env = env
        self.dates = dates
        self.base = iris.base
        self.dataset = dataset or DatasetInfo(version=__version__, iri=iris.base + "dataset")
        self.written: list[tuple[str, str | None]] = []  # (entity IRI, lastmod) for the sitemap
        #: IRIs that name published files rather than entities (hl:TextManifestation): no page
        self.files = index.files()
        labels, comments = _term_labels()
        self.lab = Labeller(index, iris, labels, comments, _curie, self.href)

    # --- links ----------------------------------------------------------------------------
    def href(self, here: str | None, target: str, ext: str = "html") -> str:
        """The link from the page of ``here`` (``None``: the site root) to ``target``: a
        relative link for our entities, published files and the vocabulary (documented at
        ``ns/`` of the site under any base IRI); other IRIs as they are."""
        from posixpath import relpath

        here_dir = (self.iris.path_of(here) or "").strip("/") if here else ""
        if ext == "html" and target.startswith(self.base) and target not in self.files:
            return _relative_dir(here_dir, target[len(self.base):])
        if target in self.files:  # a published file (the normalised text), not an entity page
            return relpath("/" + self.iris.path_of(target), "/" + here_dir)
        if target.startswith(VOCAB) and not target.startswith(self.base):
            rel = relpath("/ns", "/" + here_dir) if here_dir else "ns"
            return rel + "/#" + target[len(VOCAB):]
        return self.iris.href(here, target, ext)

    def root_of(self, here: str | None) -> str:
        return self.href(here, self.base) if here else "./"

    def label_view(self, iri: str) -> dict:
        """The label of ``iri`` as shown in running text: ``{"text", "lang", "dir"}``."""
        return label_view(self.ix, iri)

    def term_view(self, here: str, term) -> dict:
        return term_view(self.lab, here, term)

    def group(self, here: str, triples, side: str) -> list[dict]:
        return statement_rows(self.lab, here, triples, side)

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
        """What every page's template needs: ``root`` (relative link to the home page),
        ``version``, ``base``, ``site`` (the site's name) and ``dataset``."""
        return {"root": self.root_of(here), "version": __version__, "base": self.base, "site": SITE_NAME,
                "dataset": self.dataset}

    def alternates(self) -> list[dict]:
        return [{"href": f"index.{ext}", "type": media, "title": title} for ext, media, title in ALTERNATES]

    def page_context(self, doc: str) -> tuple[dict, list, list]:
        """The context of the page of ``doc`` (its kind's answers, breadcrumbs, citation and the
        statements tables) and the paged lists and charts to write beside it."""
        from .views.base import Page

        kind = kind_for(self.ix.types.get(doc, ()))
        page = Page(self, doc)
        answers = kind.view(page)
        here = doc
        chosen = self.ix.label(doc)
        label = chosen.text if chosen else self.ix.label_text(doc)
        lang = chosen.lang if chosen else None
        display = self.lab.display(doc)
        heading = answers.get("heading") or display
        type_iris = sorted(self.ix.types.get(doc, []))
        types = [dict(self.lab.term(t), href=self.href(here, t)) for t in type_iris
                 if t.startswith(HLNS)] or [dict(self.lab.term(t), href=self.href(here, t)) for t in type_iris[:1]]
        own = [t for t in self.ix.by_subject.get(doc, []) or [] if t.predicate.value != RDF_TYPE]
        incoming = self.ix.inc.get(doc, [])
        parts = sorted({t.subject.value for t in self.ix.out.get(doc, []) if t.subject.value != doc})
        part_rows = []
        for p in parts:
            if "#" not in p or _SELECTOR.search(p) or REPORT in self.ix.types.get(doc, ()):
                continue  # a report's text units are read in the report itself
            frag = p.split("#", 1)[1]
            part_rows.append({"iri": p, "anchor": ("statements-" + frag) if frag in page.anchors else frag,
                              "label": self.lab.display(p, page.meeting),
                              "properties": statement_rows(self.lab, here, self.ix.by_subject.get(p, []) or [], "out",
                                                           page.meeting)})
        crumbs = [{"text": "Home", "href": self.root_of(here)}]
        for c in answers.get("crumbs") or []:
            crumbs.append({"text": c["text"], "href": c["href"], "lang": c.get("lang"), "dir": c.get("dir")})
        if not answers.get("crumbs"):
            cls = self._browse_class(doc)
            if cls:
                crumbs.append({"text": self.lab.class_label(cls) + "s" if not self.lab.class_label(cls).endswith("s")
                               else self.lab.class_label(cls),
                               "href": self.root_of(here) + "browse/" + _curie(cls).replace(":", "-") + "/"})
        description = answers.get("description") or ""
        ctx = dict(self.common(here), iri=doc, label=label, label_lang=lang, label_dir=text_direction(lang),
                   heading=heading, title_text=display["text"], kind=kind, types=types, page=answers, crumbs=crumbs,
                   meta_description=f"{kind.title}: {heading['text']}" + (f". {description}." if description else "."),
                   properties=statement_rows(self.lab, here, own, "out", page.meeting), parts=part_rows,
                   incoming=statement_rows(self.lab, here, incoming[:INCOMING_SHOWN], "in", page.meeting),
                   incoming_total=len(incoming), incoming_shown=min(len(incoming), INCOMING_SHOWN),
                   incoming_more="incoming.html" if len(incoming) > INCOMING_SHOWN else None,
                   alternates=self.alternates(),
                   cite=citation(display["text"], doc, kind.title, self.dataset, self.base, display.get("lang")),
                   title_lang=display.get("lang"), title_dir=display.get("dir"))
        return ctx, page.lists, [c for c in (answers.get("charts") or [answers.get("chart")]) if c]

    def _browse_class(self, doc: str) -> str | None:
        """The class whose index page a breadcrumb leads to: the entity's first class of our
        vocabulary, else its first class."""
        types = sorted(self.ix.types.get(doc, []))
        ours = [t for t in types if t.startswith(HLNS)]
        return (ours or types or [None])[0]

    def entity_page(self, doc: str, ctx: dict | None = None, lists=None, charts=None) -> None:
        """Write the HTML page of ``doc``, its paged lists, its charts' data and (when it has
        more incoming statements than a page shows) its full incoming list pages."""
        if ctx is None:
            ctx, lists, charts = self.page_context(doc)
        folder = self.out / Path(self.iris.file_of(doc)).parent
        folder.mkdir(parents=True, exist_ok=True)
        from .charts import write_chart

        ctx["charts"] = [write_chart(folder, c) for c in charts or []]
        jsonld = jsonld_bytes(self.own_triples(doc), compact=True).decode("utf-8")
        ctx["jsonld"] = Markup(_script_safe(jsonld))
        self.write_html(doc, ctx["kind"].template, ctx)
        for lst in lists or []:
            self.write_list_pages(folder, ctx, lst)
        incoming = self.ix.inc.get(doc, [])
        if len(incoming) > INCOMING_SHOWN:
            # The full list: one row per incoming triple (criterion 9), in the index's stable
            # order, INCOMING_PAGE rows a page.
            chunks = [incoming[i:i + INCOMING_PAGE] for i in range(0, len(incoming), INCOMING_PAGE)]
            nav = [{"n": k, "href": "incoming.html" if k == 1 else f"incoming-{k}.html"} for k in range(1, len(chunks) + 1)]
            for n, chunk in enumerate(chunks, start=1):
                rows = [{"predicate": dict(self.lab.term(t.predicate.value), href=self.href(doc, t.predicate.value)),
                         "value": term_view(self.lab, doc, t.subject)} for t in chunk]
                ctx_all = dict(ctx, incoming=rows, incoming_more=None, title_lang=None, title_dir=None,
                               pager=nav if len(chunks) > 1 else [], page_number=n)
                html = self.env.get_template("incoming.html").render(**ctx_all)
                (folder / nav[n - 1]["href"]).write_text(html, encoding="utf-8")

    def write_list_pages(self, folder: Path, ctx: dict, lst: dict) -> None:
        """Write the paged list ``lst`` (from :meth:`.views.base.Page.listing`) as
        ``KEY-1.html`` ... beside the entity page."""
        pages = lst["pages"]
        nav = [{"n": k, "href": f"{lst['key']}-{k}.html"} for k in range(1, len(pages) + 1)]
        for n, rows in enumerate(pages, start=1):
            html = self.env.get_template("list.html").render(
                **dict(ctx, listing=lst, rows=rows, pager=nav, page_number=n, title_lang=None, title_dir=None,
                       first=(n - 1) * len(pages[0]) + 1))
            (folder / nav[n - 1]["href"]).write_text(html, encoding="utf-8")

    def write_html(self, doc: str, template: str, ctx: dict) -> None:
        path = self.out / self.iris.file_of(doc)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(self.env.get_template(template).render(**ctx), encoding="utf-8")
        self.written.append((doc, self.dates.get(doc)))

    def class_indexes(self, members: dict[str, list[str]] | None = None,
                      counts: dict[str, int] | None = None) -> list[dict]:
        """Write ``browse/<class>/index.html`` (and ``page-N.html``) for every class of
        ``members`` (class IRI -> entities; default: the index's
        :meth:`~honlea_kg.publish.graphindex.GraphIndex.members`, every class); return one
        entry per class of ``counts`` (class IRI -> number of entities; default: those of
        ``members``) for the home and browse pages, the project's own classes first, each
        ``{"curie", "label", "href", "count", "ours", "iri", "title"}``."""
        if members is None:
            members = self.ix.members(base=self.base)
        if counts is None:
            counts = {cls: len(iris) for cls, iris in members.items()}
        for cls in sorted(members):
            docs = sorted(members[cls], key=self.lab.sort_key)
            slug = _curie(cls).replace(":", "-")
            pages = [docs[i:i + CLASS_PAGE_SIZE] for i in range(0, len(docs), CLASS_PAGE_SIZE)]
            term = self.lab.term(cls)
            for n, chunk in enumerate(pages, start=1):
                rel = f"browse/{slug}/" + ("index.html" if n == 1 else f"page-{n}.html")
                depth = rel.count("/")
                root = "../" * depth
                rows = [{"label": self.lab.display(d), "href": root + self.href(None, d), "iri": d} for d in chunk]
                nav = [{"n": k, "href": ("index.html" if k == 1 else f"page-{k}.html")} for k in range(1, len(pages) + 1)]
                html = self.env.get_template("classindex.html").render(
                    root=root, version=__version__, base=self.base, site=SITE_NAME, cls=term,
                    cls_href=root + self.href(None, cls) if cls.startswith(VOCAB) else cls,
                    rows=rows, total=len(docs), page=n, pages=nav if len(pages) > 1 else [],
                    crumbs=[{"text": "Home", "href": root}, {"text": "Browse", "href": root + "browse/"}])
                path = self.out / rel
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(html, encoding="utf-8")
        classes = []
        for cls in sorted(counts, key=lambda c: (not c.startswith(HLNS), natural_key(self.lab.class_label(c)), c)):
            term = self.lab.term(cls)
            classes.append({"curie": _curie(cls), "label": term["text"], "title": term["title"], "iri": cls,
                            "href": f"browse/{_curie(cls).replace(':', '-')}/", "count": counts[cls],
                            "ours": cls.startswith(HLNS)})
        return classes

    #: The fixed files of one entity document, relative to its folder (see :meth:`write_docs`);
    #: beside them a page may have paged lists (``KEY-N.html``), more incoming statements
    #: (``incoming-N.html``) and chart data (``NAME.csv``, ``.json``, ``.vl.json``):
    #: :func:`is_doc_file` names them all.
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
            ctx, lists, charts = self.page_context(doc)
            self.write_data_files(doc)
            self.entity_page(doc, ctx, lists, charts)
            count += 1
        return count


def _relative_dir(here_dir: str, target: str) -> str:
    """The relative link from the folder ``here_dir`` to the page of the IRI path ``target``
    (under the base, maybe with a fragment): ``../12/``, ``./#para_3``; the same as
    :meth:`IriPolicy.href` for HTML, without ``posixpath.relpath`` (measured: a third of the
    time of a link)."""
    frag = ""
    if "#" in target:
        target, frag = target.split("#", 1)
        frag = "#" + frag
    target = target.strip("/")
    here = here_dir.split("/") if here_dir else []
    there = target.split("/") if target else []
    common = 0
    for a, b in zip(here, there):
        if a != b:
            break
        common += 1
    rest = "/".join(there[common:])
    rel = "../" * (len(here) - common) + (rest + "/" if rest else "")
    return (rel or "./") + frag


def is_doc_file(name: str) -> bool:
    """Whether a file name in a document's folder is one of the document's own files
    (:attr:`PageWriter.DOC_FILES`, paged lists and incoming pages ``*-N.html``, chart data
    ``*.csv``, ``*.json``, ``*.vl.json``); not ``source.txt`` (a report's text, published apart)."""
    return (name in PageWriter.DOC_FILES or bool(re.fullmatch(r"[a-z0-9_-]+-\d+\.html", name))
            or name.endswith((".csv", ".json")))


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


#: Meetings the home page lists (the latest); every meeting is on its series' page.
HOME_MEETINGS = 30


def meetings_of(ix: GraphIndex, base: str) -> tuple[list[str], set[str]]:
    """Every meeting under ``base``, in time order (start date, or the year of a meeting only
    announced, then series and ordinal), and the set of those with a report in the build."""
    reported = {ix.value(r, HLNS + "reportOf") for r in ix.iris_of_type(REPORT, base)}
    meetings = [d for d in ix.iris_of_type(HLNS + "Meeting", base) if d.startswith(base)]

    def key(m: str) -> tuple:
        ordinal = ix.value(m, HLNS + "ordinal") or "0"
        return (ix.value(m, _schema("startDate")) or ix.value(m, HLNS + "nextYear") or "9999",
                ix.value(m, _schema("superEvent")) or "", int(ordinal) if ordinal.isdigit() else 0, m)

    return sorted(meetings, key=key), reported


def home_context(ix: GraphIndex, iris: IriPolicy, classes: list[dict], files, triples: int,
                 lab: Labeller | None = None, dataset: DatasetInfo | None = None) -> dict:
    """The context of the home page: what the dataset is and how to cite it, its series and
    latest meetings (bounded: the rest are on the series pages), figures, charts, downloads."""
    from .charts import attendance_matrix, timeline
    from .cite import dataset_citation

    dataset = dataset or DatasetInfo(version=__version__, iri=iris.base + "dataset")
    ordered, reported = meetings_of(ix, iris.base)
    from .labels import date_range

    def row(m: str) -> dict:
        return {"iri": m, "href": iris.href(None, m), "label": label_view(ix, m),
                "code": ix.value(m, HLNS + "meetingCode"), "start": ix.value(m, _schema("startDate")),
                "dates": date_range(ix.value(m, _schema("startDate")), ix.value(m, _schema("endDate")))
                or ix.value(m, HLNS + "nextYear") or "", "reported": m in reported}

    latest = [row(m) for m in reversed(ordered) if m in reported or not reported][:HOME_MEETINGS]
    series = []
    for s in ix.iris_of_type(HLNS + "MeetingSeries", iris.base):
        if s.startswith(iris.base):
            of_series = [m for m in ordered if ix.value(m, _schema("superEvent")) == s]
            series.append({"href": iris.href(None, s), "label": label_view(ix, s),
                           "code": ix.value(s, HLNS + "seriesCode"), "meetings": len(of_series),
                           "reported": sum(1 for m in of_series if m in reported)})
    series.sort(key=lambda r: natural_key(r["label"]["text"]))
    with_reports = [m for m in ordered if m in reported]
    charts = [attendance_matrix(ix, lab, with_reports, iris.base), timeline(ix, lab, ordered, iris.base)] \
        if with_reports else []
    return {"root": "./", "version": __version__, "base": iris.base, "site": SITE_NAME, "meetings": latest,
            "meeting_total": len(ordered), "reported_total": len(with_reports), "series": series,
            "classes": classes, "files": files, "triples": triples, "dataset": dataset,
            "cite": dataset_citation(dataset), "chart_data": [c for c in charts if c["rows"]],
            "crumbs": [], "meta_description": f"{dataset.title}: meetings, attendance, agendas, documents, "
            "recommendations and findings of the UN Meetings of Heads of National Drug Law Enforcement Agencies, "
            "from their reports, as linked data."}


def label_view(ix: GraphIndex, iri: str) -> dict:
    """``{"text", "lang", "dir"}`` for the label of ``iri`` (see :meth:`GraphIndex.label`), for
    templates to put the label in an element carrying its language (criterion 7)."""
    chosen = ix.label(iri)
    lang = chosen.lang if chosen else None
    return {"text": chosen.text if chosen else ix.label_text(iri), "lang": lang, "dir": text_direction(lang)}


__all__ = ["PageWriter", "home_context", "label_view", "meetings_of", "natural_key", "text_direction"]
