"""Organizations named in HONLEA reports: the gazetteer and whole-name matching in running text.

The gazetteer is ``gazetteers/organizations.csv`` (columns ``key,name,acronym,aliases,
former_names,source``; ``aliases`` and ``former_names`` ``|``-separated; ``source`` the page the
row was checked against).  It lists the intergovernmental bodies that attend the meetings as
observers or are named in their reports, with their full names as the UN prints them, including
names with commas, "and" and parentheses ("Central Asian Regional Information and Coordination
Centre for Combating the Illicit Trafficking of Narcotic Drugs, Psychotropic Substances and their
Precursors"), their acronyms ("CARICOM IMPACS", "ASEAN-NARCO") and their former names (the
European Police Office, now the European Union Agency for Law Enforcement Cooperation; the
Organization of African Unity, now the African Union): all name the same organization, one key.

Names are matched as the State gazetteer matches States (:func:`.states.fold`: case, diacritics,
apostrophes, hyphens and white space folded; en and em dashes read as hyphens), longest name
first, so a name is never cut at its inner commas or "and".  A full name must start with a
capital letter in the text; an acronym must be written exactly (so the word "who" is not WHO).

Public API: :func:`organization_records`, :func:`organization_table`, :func:`lookup`,
:func:`names_at`, :class:`OrgRecord`.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from .states import fold, name_key

ORGS_PATH = Path(__file__).resolve().parent.parent / "gazetteers" / "organizations.csv"
_END = ""
_DASHES = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2212": "-"})


class OrgRecord(NamedTuple):
    """One gazetteer row: identity ``key`` (the IRI slug ``org/{key}``), current ``name``,
    ``acronym`` (or ``None``), other current names (``aliases``), ``former_names`` and ``source``."""

    key: str
    name: str
    acronym: str | None
    aliases: tuple[str, ...]
    former_names: tuple[str, ...]
    source: str


def org_fold(text: str) -> tuple[str, list[int]]:
    """:func:`.states.fold` with en/em dashes and minus signs read as hyphens (same offsets)."""
    return fold(text.translate(_DASHES))


@lru_cache(maxsize=1)
def organization_records() -> tuple[OrgRecord, ...]:
    """The rows of ``gazetteers/organizations.csv``, in file order."""
    out = []
    with open(ORGS_PATH, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            split = lambda v: tuple(x.strip() for x in (v or "").split("|") if x.strip())  # noqa: E731
            out.append(OrgRecord(row["key"].strip(), row["name"].strip(), (row["acronym"] or "").strip() or None,
                                 split(row["aliases"]), split(row.get("former_names")), (row.get("source") or "").strip()))
    return tuple(out)


@lru_cache(maxsize=1)
def organization_table() -> dict[str, tuple[str, str, str | None]]:
    """Folded name, alias, former name or acronym -> ``(key, name, acronym)``."""
    table: dict[str, tuple[str, str, str | None]] = {}
    for r in organization_records():
        rec = (r.key, r.name, r.acronym)
        for v in (r.name, r.acronym, *r.aliases, *r.former_names):
            if v:
                table[name_key(v.translate(_DASHES))] = rec
    return table


def lookup(name: str) -> tuple[str, str, str | None] | None:
    """``(key, name, acronym)`` of a name as written ("the European Police Office", "INTERPOL",
    "Organisation of African Unity"), or ``None`` if the gazetteer does not list it."""
    if not name:
        return None
    return organization_table().get(name_key(name.translate(_DASHES)))


class _Variant(NamedTuple):
    key: str
    exact: str | None  # an acronym: the text must be exactly this (case-sensitive)


@lru_cache(maxsize=1)
def _trie() -> dict:
    root: dict = {}
    for r in organization_records():
        for v in (r.name, *r.aliases, *r.former_names, r.acronym):
            if not v:
                continue
            k = name_key(v.translate(_DASHES))
            node = root
            for ch in k:
                node = node.setdefault(ch, {})
            is_acronym = v == r.acronym or (v.replace("-", "").replace(" ", "").isupper() and len(v) <= 16)
            node.setdefault(_END, []).append(_Variant(r.key, v if is_acronym else None))
    return root


def names_at(text: str, folded: str, offs: list[int], start: int) -> list[tuple[int, str]]:
    """Every gazetteer name starting at ``folded[start]`` and ending at a word boundary, longest
    first, as ``(end in folded, key)``; ``folded, offs`` are :func:`org_fold` of ``text``."""
    node = _trie()
    n = len(folded)
    found: list[tuple[int, str]] = []
    j = start
    while j < n:
        node = node.get(folded[j])
        if node is None:
            break
        j += 1
        variants = node.get(_END)
        if variants and (j == n or not folded[j].isalnum() or not folded[j - 1].isalnum()):
            a, b = offs[start], offs[j - 1] + 1
            written = text[a:b]
            for v in variants:
                if v.exact is not None:
                    if " ".join(written.split()).translate(_DASHES) != v.exact.translate(_DASHES):
                        continue
                elif not written[:1].isupper():
                    continue
                found.append((j, v.key))
                break
    found.reverse()
    return found


__all__ = ["OrgRecord", "organization_records", "organization_table", "lookup", "names_at", "org_fold",
           "ORGS_PATH"]
