"""Prose lists of States and organizations, split into whole names.

Attendance and observer paragraphs list States and organizations in one sentence: "Canada,
Germany, the European Union, the Central Asian Regional Information and Coordination Centre for
Combating the Illicit Trafficking of Narcotic Drugs, Psychotropic Substances and their Precursors
(CARICC) and World Customs Organization".  Commas and "and" separate the elements, but also occur
inside names, so each element is matched whole against the two gazetteers (States:
:mod:`.states`; organizations: :mod:`.organizations`), longest name first; an element neither
gazetteer knows runs to the next comma or semicolon, or to an "and" that is followed by "the" or
by a known name.

An element may be followed by a bracketed annotation ("(Europol)", a document symbol) and by an
appositive or a relative clause set off by commas ("the State of Palestine, a non-member observer
State, and ..."; "the European Union, which ..., and ..."): a part that starts with a lower-case
word other than "the" is not a list element, and is skipped up to the next separator after which
a capitalised name (or "the") follows.

Public API: :class:`ListElement`, :func:`split_actor_list`.
"""

from __future__ import annotations

from typing import NamedTuple

from .organizations import names_at, org_fold
from .states import default_gazetteer


class ListElement(NamedTuple):
    """One element of a prose list: ``as_given`` exactly as printed (a leading "the" kept; a
    bracketed annotation after a State's name left out, an organization's acronym in brackets
    kept: "the European Police Office (Europol)"), the State's ISO alpha-3 code or the organization's
    gazetteer key (both ``None`` for a name neither gazetteer lists), and ``start``/``end``
    offsets of ``as_given`` in the split text."""

    as_given: str
    iso3: str | None
    org: str | None
    start: int
    end: int


def _is_lower_word(text: str, offs: list[int], pos: int) -> bool:
    """Does the list element at folded ``pos`` start with a lower-case word other than "the"
    (an appositive or relative clause, not a name)?"""
    if pos >= len(offs):
        return False
    i = offs[pos]
    c = text[i]
    if not c.isalpha() or not c.islower():
        return False
    word = text[i:i + 4]
    return not (word.startswith("the ") or word.startswith("the\u00a0"))


def _clause_end(text: str, folded: str, offs: list[int], pos: int, n: int) -> int:
    """The folded index where a skipped appositive/relative clause ends: the first top-level
    ``,``/``;`` after which (past "and") a capitalised word or "the" follows; ``n`` if none."""
    depth = 0
    j = pos
    while j < n:
        c = folded[j]
        if c in "([":
            depth += 1
        elif c in ")]":
            depth = max(0, depth - 1)
        elif depth == 0 and c in ",;":
            k = j + 1
            while k < n and folded[k] == " ":
                k += 1
            for w in ("and ", "as well as "):
                if folded.startswith(w, k):
                    k += len(w)
                    break
            if k < n and (folded.startswith("the ", k) or text[offs[k]].isupper()):
                return j
        elif depth == 0 and c == "." and (j + 1 == n or folded[j + 1] == " "):
            return j
        j += 1
    return n


def _org_at(text: str, folded: str, offs: list[int], pos: int, n: int):
    """The longest organization name at ``pos`` (after an optional "the") that may end a list
    element: ``(end, key, next)`` or ``None``."""
    gaz = default_gazetteer()
    p = pos + 4 if folded.startswith("the ", pos) else pos
    for end, key in names_at(text, folded, offs, p):
        b = gaz._boundary(folded, end, n)
        if b is not None:
            return end, key, b
    return None


#: Region names with "and" that organizations' names carry ("... Liaison Office for Asia and the
#: Pacific", "... of Latin America and the Caribbean"): their "and" never separates list elements
#: (the regions of the five bodies, UN regional groups and commissions; folded, lower case).
AND_PHRASES = ("asia and the pacific", "latin america and the caribbean", "near and middle east",
               "middle east and north africa", "eastern europe and central asia", "europe and central asia",
               "central and eastern europe", "west and central africa", "east and southern africa",
               "central asia and the caucasus")


def _inside_and_phrase(folded: str, j: int) -> bool:
    """Is the " and " starting at folded ``j`` (a space) the "and" of one of :data:`AND_PHRASES`?"""
    for phrase in AND_PHRASES:
        left, right = phrase.split(" and ", 1)
        if folded.endswith(left, 0, j) and folded.startswith(right, j + 5) and (
                j - len(left) == 0 or not folded[j - len(left) - 1].isalnum()):
            end = j + 5 + len(right)
            if end >= len(folded) or not folded[end].isalnum():
                return True
    return False


def _unknown_end(text: str, folded: str, offs: list[int], start: int, n: int) -> int:
    """End of an element no gazetteer knows: the next top-level ``,``/``;`` or sentence end, or
    " and " followed by "the", a known State or a known organization, unless that "and" is part of
    a region's name (:data:`AND_PHRASES`)."""
    gaz = default_gazetteer()
    depth = 0
    j = start
    while j < n:
        c = folded[j]
        if c in "([":
            depth += 1
        elif c in ")]":
            depth = max(0, depth - 1)
        elif depth == 0:
            if c in ",;" or gaz._sentence_end(folded, j, n):
                return j
            if c == " " and j > start and not _inside_and_phrase(folded, j):
                for w in ("and ", "or ", "as well as "):
                    if folded.startswith(w, j + 1):
                        nxt = j + 1 + len(w)
                        if (folded.startswith("the ", nxt) or gaz._list_name_at(folded, nxt, n)
                                or _org_at(text, folded, offs, nxt, n)):
                            return j
        j += 1
    return n


def split_actor_list(text: str) -> list[ListElement]:
    """Split a prose list that may mix States and organizations into whole names, in order.

    ``text`` starts at the list's first element and may run past its end: the list ends at a
    full stop or colon followed by a space, or at the end of ``text``.  See the module docstring
    for the rules; never raises for any ``str``.
    """
    if not isinstance(text, str) or not text:
        return []
    gaz = default_gazetteer()
    folded, offs = org_fold(text)
    n = len(folded)
    out: list[ListElement] = []
    pos = 0
    guard = 0
    while guard < 10_000:
        guard += 1
        pos = gaz._skip_separators(folded, pos, n)
        if pos >= n or gaz._sentence_end(folded, pos, n):
            break
        if _is_lower_word(text, offs, pos):
            nxt = _clause_end(text, folded, offs, pos, n)
            if nxt >= n or folded[nxt] == ".":
                break
            pos = nxt + 1
            continue
        start = pos
        st = gaz._list_name_at(folded, start, n)
        og = _org_at(text, folded, offs, start, n)
        iso3 = org = None
        if st is not None and (og is None or st[0] >= og[0]):
            end, entry, nxt = st
            iso3 = entry.iso3
        elif og is not None:
            end, org, nxt = og
            end = nxt  # an organization keeps its bracketed acronym: "... (Europol)"
        else:
            end = nxt = _unknown_end(text, folded, offs, start, n)
        e = end
        while e > start and folded[e - 1] in " .:*":
            e -= 1
        if e > start:
            a, b = gaz._orig_span(text, offs, start, e)
            out.append(ListElement(text[a:b], iso3, org, a, b))
        pos = nxt if nxt > pos else pos + 1
    return out


__all__ = ["ListElement", "split_actor_list"]
