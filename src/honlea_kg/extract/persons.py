"""Person identity across the corpus: one IRI per exact name, corrected by a curated crosswalk.

Reports give a person only as a name, sometimes with a State in parentheses; transliterations
vary ("Yury"/"Yuri") and different people share names.  The rule is therefore conservative:

1. by default the identity key of a person is the slug of the exact name as printed
   (:func:`honlea_kg.iris.slugify`), so the same name in two reports is one person and two
   spellings are two persons;
2. ``gazetteers/persons-crosswalk.csv`` (columns ``name_variant,person_id,note``) overrides
   it.  A ``name_variant`` is a name as printed, optionally qualified to split homonyms:
   ``"Name (ISO3)"`` applies only where the report gives that State for the person, and
   ``"Name @SERIES/N"`` (e.g. ``"John Smith @HONLAF/28"``) only in that meeting's report.
   The most specific matching row wins (meeting, then State, then bare name).  Several variants
   with one ``person_id`` merge persons; qualified rows with different ids split a name.

Names are compared after NFC normalisation and white-space collapsing, case-sensitively.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from ..iris import slugify
from ..model import HonleaError

CROSSWALK_PATH = Path(__file__).resolve().parent.parent / "gazetteers" / "persons-crosswalk.csv"
_QUALIFIED = re.compile(r"^(?P<name>.+?)\s*(?:\((?P<state>[A-Z]{3})\)|@(?P<meeting>[A-Z]+/\d+))\s*$")


class CrosswalkError(HonleaError):
    """The persons crosswalk is malformed (missing column, empty id), naming file and line."""


def _norm(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).split())


def load_crosswalk(path: str | Path = CROSSWALK_PATH) -> dict[tuple[str, str | None, str | None], str]:
    """Read a crosswalk CSV into ``{(name, state or None, meeting key or None): person_id}``.

    :raises CrosswalkError: when a column is missing or a row has an empty field.
    """
    table: dict[tuple[str, str | None, str | None], str] = {}
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        missing = {"name_variant", "person_id"} - set(reader.fieldnames or [])
        if missing:
            raise CrosswalkError(f"missing column(s) {sorted(missing)}", path, 1)
        for line, row in enumerate(reader, start=2):
            variant, pid = (row.get("name_variant") or "").strip(), (row.get("person_id") or "").strip()
            if not variant or not pid:
                raise CrosswalkError("empty name_variant or person_id", path, line)
            m = _QUALIFIED.match(variant)
            if m:
                key = (_norm(m.group("name")), m.group("state"), m.group("meeting"))
            else:
                key = (_norm(variant), None, None)
            table[key] = slugify(pid)
    return table


@lru_cache(maxsize=1)
def default_crosswalk() -> dict[tuple[str, str | None, str | None], str]:
    """The committed crosswalk (loaded once)."""
    return load_crosswalk(CROSSWALK_PATH)


def person_id(name: str, state: str | None = None, meeting: str | None = None,
              crosswalk: dict | None = None) -> str:
    """The identity key (IRI slug) of a person named ``name`` in the report of ``meeting``
    (``"HONEURO/12"``), where the report gives ``state`` (alpha-3) or none."""
    table = default_crosswalk() if crosswalk is None else crosswalk
    n = _norm(name)
    for key in ((n, None, meeting), (n, state, None), (n, None, None)):
        if key in table:
            return table[key]
    return slugify(n)
