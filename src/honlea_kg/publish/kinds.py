"""The registry of page kinds: which view and which template write the page of an entity.

One table, read in order (the style of datasette's renderer registry: built-ins use the same
entry point a newcomer would): the first kind one of whose classes the document's entity has
wins, and :data:`GENERIC` takes the rest.  A view is a function ``view(page) -> dict`` (see
:class:`~.views.base.Page`) returning what its template shows above the folded "all
statements" tables; the template extends ``entity.html``.  To add a kind: write the view and
its template and call :func:`register` (or add a line to ``views/__init__.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

HL = "https://w3id.org/honlea-kg/ns#"


@dataclass(frozen=True)
class PageKind:
    """One kind of page.

    ``name``: short identifier (``meeting``), also the CSS class of the page's ``<main>``;
    ``title``: what the page is, in words (``Meeting``); ``classes``: class IRIs whose
    instances get this kind; ``view``: the function computing the page's answers;
    ``template``: the Jinja2 template (``kinds/meeting.html``); ``questions``: the questions the
    view answers, in words (documentation and the page's meta description)."""

    name: str
    title: str
    classes: tuple[str, ...]
    view: Callable
    template: str
    questions: str = ""


KINDS: list[PageKind] = []


def register(kind: PageKind) -> PageKind:
    """Add ``kind`` to the registry (after those already there; a name registered twice is
    replaced in place).  Returns it."""
    for i, known in enumerate(KINDS):
        if known.name == kind.name:
            KINDS[i] = kind
            return kind
    KINDS.append(kind)
    return kind


def kind_for(types) -> PageKind:
    """The kind of page for an entity of ``types`` (class IRIs): the first registered kind
    naming one of them, else the generic kind.

    :raises LookupError: when no generic kind is registered (the views were not imported).
    """
    types = set(types)
    for kind in KINDS:
        if kind.name != "generic" and types.intersection(kind.classes):
            return kind
    for kind in KINDS:
        if kind.name == "generic":
            return kind
    raise LookupError("no page kinds registered: import honlea_kg.publish.views")


__all__ = ["KINDS", "PageKind", "kind_for", "register"]
