"""How to cite a page or the dataset: plain text, BibTeX and CSL-JSON.

Every citation names the entity's IRI (its persistent identifier, W3C "Cool URIs"), the
dataset's title, version, date and publisher as the build options give them
(:class:`DatasetInfo`), never the time of the build, so a rebuild gives the same bytes.  The
software itself is cited with ``CITATION.cff``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from .labels import format_date

DEFAULT_TITLE = "HONLEA knowledge graph"
DEFAULT_PUBLISHER = "honlea-kg contributors"


@dataclass(frozen=True)
class DatasetInfo:
    """The dataset as cited: ``title``, ``publisher``, ``version`` (free text: ``0.1.0``,
    ``2017-07``), ``date`` (ISO ``YYYY-MM-DD`` or ``None``: by default the newest report's issue
    date), ``iri`` (the dataset's IRI, ``{base}dataset``) and ``licence`` (an IRI)."""

    title: str = DEFAULT_TITLE
    publisher: str = DEFAULT_PUBLISHER
    version: str = ""
    date: str | None = None
    iri: str = ""
    licence: str = "https://creativecommons.org/licenses/by/4.0/"

    @property
    def year(self) -> str | None:
        return self.date[:4] if self.date else None


_BIB_SPECIAL = re.compile(r"([{}\\&%$#_^~])")


def bibtex_escape(text: str) -> str:
    """Escape BibTeX/LaTeX special characters (``{ } \\ & % $ # _ ^ ~``)."""
    def repl(m: re.Match) -> str:
        c = m.group(1)
        return {"\\": r"\textbackslash{}", "^": r"\^{}", "~": r"\~{}"}.get(c, "\\" + c)

    return _BIB_SPECIAL.sub(repl, text)


def bibtex_key(iri: str, base: str) -> str:
    """A BibTeX key from the IRI's path: ``honlea-series-honlea-europe-12``."""
    path = iri[len(base):] if iri.startswith(base) else iri
    return "honlea-" + (re.sub(r"[^A-Za-z0-9]+", "-", path).strip("-") or "dataset")


def citation(label: str, iri: str, kind: str, dataset: DatasetInfo, base: str, lang: str | None = None) -> dict:
    """The three forms of the citation of entity ``iri`` (``label`` in language ``lang``, of
    ``kind`` such as "Meeting"): ``{"text", "bibtex", "csl"}`` (CSL-JSON as a string, CSL 1.0.2
    item schema), and ``label`` (``{"text", "lang", "dir"}``) and ``rest`` for a page that shows
    the label in its own language (``text`` is ``label`` + ``rest``)."""
    from .labels import text_direction

    version = f", version {dataset.version}" if dataset.version else ""
    when = f" ({format_date(dataset.date)})" if dataset.date else ""
    rest = f" [{kind}]. In: {dataset.title}{version}{when}. {dataset.publisher}. {iri}"
    text = label + rest
    fields = [("title", bibtex_escape(label)), ("howpublished", "\\url{" + iri + "}"),
              ("note", bibtex_escape(f"{kind} in {dataset.title}{version}")),
              ("publisher", bibtex_escape(dataset.publisher))]
    if dataset.year:
        fields.append(("year", dataset.year))
    bib = "@misc{" + bibtex_key(iri, base) + ",\n" + ",\n".join(f"  {k} = {{{v}}}" for k, v in fields) + "\n}"
    csl = {"id": iri, "type": "entry", "title": label, "genre": kind, "container-title": dataset.title,
           "publisher": dataset.publisher, "URL": iri}
    if dataset.version:
        csl["version"] = dataset.version
    if dataset.date:
        csl["issued"] = {"date-parts": [[int(p) for p in dataset.date.split("-")]]}
    return {"text": text, "bibtex": bib, "csl": json.dumps(csl, ensure_ascii=False, indent=2),
            "label": {"text": label, "lang": lang, "dir": text_direction(lang)}, "rest": rest}


def dataset_citation(dataset: DatasetInfo) -> dict:
    """The citation of the whole dataset (home page): ``{"text", "bibtex", "csl"}``."""
    version = f" (version {dataset.version})" if dataset.version else ""
    when = f", {format_date(dataset.date)}" if dataset.date else ""
    text = f"{dataset.publisher}. {dataset.title}{version} [dataset]{when}. {dataset.iri}"
    fields = [("title", bibtex_escape(dataset.title)), ("author", "{" + bibtex_escape(dataset.publisher) + "}"),
              ("howpublished", "\\url{" + dataset.iri + "}")]
    if dataset.version:
        fields.append(("version", bibtex_escape(dataset.version)))
    if dataset.year:
        fields.append(("year", dataset.year))
    bib = "@misc{honlea-dataset,\n" + ",\n".join(f"  {k} = {{{v}}}" for k, v in fields) + "\n}"
    csl = {"id": dataset.iri, "type": "dataset", "title": dataset.title, "author": [{"literal": dataset.publisher}],
           "publisher": dataset.publisher, "URL": dataset.iri}
    if dataset.version:
        csl["version"] = dataset.version
    if dataset.date:
        csl["issued"] = {"date-parts": [[int(p) for p in dataset.date.split("-")]]}
    return {"text": text, "bibtex": bib, "csl": json.dumps(csl, ensure_ascii=False, indent=2)}


__all__ = ["DatasetInfo", "bibtex_escape", "citation", "dataset_citation"]
