"""The index stage: this build's state against the one its staging folder starts from -> a plan.

A build's *state* is the set of report graphs (pieces) it publishes.  The staging folder starts
from the spare (the output before last) or from nothing while the unchanged files of ``--out``
are linked (:mod:`honlea_kg.outdir`); the state either holds is found in the persistent
per-document index (:mod:`honlea_kg.docindex`) by the SHA-256 of its ``build-info.json``.
:meth:`~honlea_kg.docindex.DocIndex.changes` then names the documents that the pieces which
left or joined touch, and only those are rendered anew (:class:`PagePlan`); without a known
state, everything is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..docindex import Changes, DocIndex, IndexView
from ..iris import IriPolicy


@dataclass
class PagePlan:
    """What the publish stage renders, removes and links, by the staging folder's ``mode``
    (:class:`~honlea_kg.outdir.Staging`).

    ``docs``: every entity document of the state (sorted); ``render``: documents rendered anew;
    ``remove``: documents the staging folder holds that the state no longer has (mode
    ``spare``); ``link``: unchanged documents hard-linked from ``previous`` (mode ``link``);
    ``classes``: classes whose index pages are rendered (``None``: all); ``drop_classes``:
    classes whose old index pages go (mode ``spare``: rendered anew or gone); ``counts``: every
    class's number of members; ``site_files``: the staging folder's files that are not a
    document's (mode ``spare``: those not written again are removed)."""

    docs: list[str]
    render: list[str]
    remove: list[str] = field(default_factory=list)
    link: list[str] = field(default_factory=list)
    previous: Path | None = None
    classes: set[str] | None = None
    drop_classes: set[str] = field(default_factory=set)
    counts: dict[str, int] = field(default_factory=dict)
    mode: str = "empty"
    site_files: list[str] = field(default_factory=list)


def affected_classes(index: DocIndex, changes: Changes) -> set[str]:
    """Classes whose index pages change: with members in the pieces that left or joined (when
    that membership differs between them) or with a relabelled member."""
    before, after = set(), set()
    for digest in changes.removed | changes.added:
        rows = index.db.execute("SELECT cls, iri FROM member WHERE piece=?", (index.piece_id(digest),)).fetchall()
        (before if digest in changes.removed else after).update(rows)
    classes = {cls for cls, _iri in before ^ after}
    relabelled = sorted(changes.relabelled)
    for i in range(0, len(relabelled), 500):
        chunk = relabelled[i:i + 500]
        marks = ",".join("?" * len(chunk))
        classes.update(r[0] for r in index.db.execute(f"SELECT DISTINCT cls FROM member WHERE iri IN ({marks})", chunk))
    return classes


def index_stage(index: DocIndex, staging, pieces: dict[str, str], iris: IriPolicy, out: Path) -> PagePlan:
    """The :class:`PagePlan` of the state ``pieces`` (digest -> graph IRI; ``index`` uses it)
    for the staging folder ``staging`` (:class:`~honlea_kg.outdir.Staging`): against the state
    it starts from - its own (spare) or that of ``out`` (link) - only the documents
    :meth:`~honlea_kg.docindex.DocIndex.changes` names are rendered; with none, everything."""
    from ..publish.pages import PageWriter

    docs = PageWriter(IndexView(index), iris, Path("."), None, {}).documents()
    counts = index.member_classes()
    base = staging.base
    if base is None:
        return PagePlan(docs, list(docs), counts=counts, mode="empty")
    changes = index.changes(base.pieces, pieces)
    render = [d for d in docs if d in changes.docs]
    classes = affected_classes(index, changes)
    if staging.mode == "link":
        return PagePlan(docs, render, link=[d for d in docs if d not in changes.docs], previous=Path(out),
                        classes=classes, counts=counts, mode="link")
    now = set(index.documents())  # a published file (a report's source.txt) is not removed either
    current = index.pieces
    index.use(index.piece_id(d) for d in base.pieces)
    before = index.member_classes()
    index.use(current)
    return PagePlan(docs, render, remove=sorted(d for d in changes.docs if d not in now), classes=classes,
                    drop_classes=classes | (set(before) - set(counts)), counts=counts, mode="spare",
                    site_files=list(base.meta.get("site_files", [])))
