"""The index stage: this build's state against the one the output folder holds -> a page plan.

A build's *state* is the set of report graphs (pieces) it publishes.  The state the output
folder holds is found in the persistent per-document index (:mod:`honlea_kg.docindex`) by the
SHA-256 of the folder's ``build-info.json``; when it was rendered by the same code and base IRI,
:meth:`~honlea_kg.docindex.DocIndex.changes` names the documents the pieces that left or joined
touch, and only those are rendered anew (:class:`PagePlan`); otherwise everything is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..docindex import Changes, DocIndex, IndexView, State, build_info_digest
from ..iris import IriPolicy


@dataclass
class PagePlan:
    """Which entity documents a build renders and which it links from the previous output.

    ``docs``: every entity document of the state (sorted); ``render`` and ``link`` split them;
    ``previous``: the previous output folder (``None``: nothing to link); ``classes``: the
    classes whose index pages are rendered (``None``: all), the others' are linked;
    ``counts``: every class's number of members."""

    docs: list[str]
    render: list[str]
    link: list[str] = field(default_factory=list)
    previous: Path | None = None
    classes: set[str] | None = None
    counts: dict[str, int] = field(default_factory=dict)


def plan_pages(index: DocIndex, view: IndexView, iris: IriPolicy, changes: Changes | None,
               previous: Path | None) -> PagePlan:
    """The :class:`PagePlan` of the state ``index`` uses: everything rendered without
    ``changes`` (or without a ``previous`` folder), else only the changed documents and the
    classes with members in the pieces that left or joined (when that membership differs) or
    with a relabelled member."""
    from ..publish.pages import PageWriter

    writer = PageWriter(view, iris, Path("."), None, {})
    docs = writer.documents()
    counts = index.member_classes()
    if changes is None or previous is None:
        return PagePlan(docs, list(docs), [], None, None, counts)
    render = [d for d in docs if d in changes.docs]
    link = [d for d in docs if d not in changes.docs]
    moved_pieces = [index.piece_id(d) for d in changes.removed | changes.added]
    before, after = set(), set()
    for pid in moved_pieces:
        rows = index.db.execute("SELECT cls, iri FROM member WHERE piece=?", (pid,)).fetchall()
        digest = index.db.execute("SELECT digest FROM piece WHERE id=?", (pid,)).fetchone()[0]
        (before if digest in changes.removed else after).update(rows)
    classes = {cls for cls, _iri in before ^ after}
    relabelled = sorted(changes.relabelled)
    for i in range(0, len(relabelled), 500):
        chunk = relabelled[i:i + 500]
        marks = ",".join("?" * len(chunk))
        classes.update(r[0] for r in index.db.execute(f"SELECT DISTINCT cls FROM member WHERE iri IN ({marks})", chunk))
    return PagePlan(docs, render, link, Path(previous), classes, counts)


def previous_state(index: DocIndex, out: Path, salt: str) -> State | None:
    """The state the folder ``out`` holds, when it is recorded, was rendered under ``salt``
    (code version and base IRI) and all its pieces are still indexed; else ``None``."""
    state = index.load_state(build_info_digest(out) or "")
    if state is None or state.salt != salt or state.out != str(Path(out).resolve()):
        return None
    if any(index.piece_id(d) is None for d in state.pieces):
        return None
    return state


def index_stage(index: DocIndex, out: Path, pieces: dict[str, str], iris: IriPolicy, salt: str) -> PagePlan:
    """The page plan of the state ``pieces`` (digest -> graph IRI, used by ``index``) published
    into ``out``: against the state ``out`` holds (:func:`previous_state`), or everything."""
    before = previous_state(index, out, salt)
    changes = index.changes(before.pieces, pieces) if before is not None else None
    return plan_pages(index, IndexView(index), iris, changes, Path(out) if before is not None else None)
