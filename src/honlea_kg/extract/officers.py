"""Officers of a meeting and the persons a report names, in every layout of the genre.

Officers (genre-variations.md items 32-34; UN reports' "Election of officers" section):

- a table, two cells (``Chair: | Name (State)``) or three (``Chair | Name | State``), with a
  regional group after the role ("First Vice-Chair (GRULAC):"), extra words before the State in
  the parentheses ("(Government delegate, Islamic Republic of Iran)"), the State after a comma
  ("Name, Mexico"), several holders of one role on rows whose role cell is empty;
- lines ``Role: Name (State)``, the State possibly with parentheses of its own
  ("(Iran (Islamic Republic of))"); a table exported one cell a line (role, name, State);
- the State before the name: "elected two Vice-Chairs from Iran (Islamic Republic of), Mr. X, and
  Pakistan, Mr. Y, and a Rapporteur from Jordan, Ms. Z" (prose) and "Vice-Chairs: from Iran, Mr. X"
  (an officer line);
- prose in a sentence with "elect": "elected Name (State) Chair by acclamation", "elected, by
  acclamation, Name (State) as Chair", "Name of Brazil and Name of Saint Lucia were elected First
  Vice-Chair and Second Vice-Chair, respectively", "Name (State) and Name (State) were elected
  Vice-Chairs" (several holders of one role), "elected as Rapporteur Name (State)";
- "The Chair of the session, Name (State), ..." (this meeting's officer when the words name this
  session or meeting; a Chair of another session, such as the previous Chair who opened the
  meeting, is a person with that position, not an officer of this one).

Roles are kept as written in the singular (gold judgement call: ``role`` as the text assigns it),
in every era's title: Chair, Chairperson, Chairman, Vice-Chair, Vice-Chairman, First
Vice-Chairperson, Rapporteur; non-breaking and other hyphens are written "-".

Persons: every named person with the State or position the report gives: "Name (State)",
"Name of State", "Name, Position of ..." (in lists of speakers too), "Name, representative of
...", "Name, of the Organization, ...".  Unnamed role holders ("the Executive Director of
UNODC") are not persons.
"""

from __future__ import annotations

import re

from ..facts import OfficerFact
from ..model import Paragraph
from .states import resolve_state
from .text import NOT_NAME_WORDS, ORDINAL, PERSON_NAME, looks_like_person, ordinal_value, sentences

_HYPHENS = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-"})
_H = r"[-\u2010\u2011\u2012 ]"
_ORDER = r"(?:(?:First|Second|Third|Fourth|Fifth|1st|2nd|3rd|4th|5th)\s+)"
#: One office, singular: "Chair", "First Vice-Chairperson", "Vice Chairman", "Rapporteur".
ROLE = (rf"(?:{_ORDER}?(?:Vice{_H}?)?(?:Chair(?:person|man|woman)?|President)|Rapporteur|Secretary)")
#: One office, singular or plural ("Vice-Chairs", "Vice-Chairmen", "Rapporteurs").
ROLE_ANY = (rf"(?:{_ORDER}?(?:Vice{_H}?)?(?:Chair(?:persons?|m[ae]n|wom[ae]n|s)?|Presidents?)"
            r"|Rapporteurs?|Secretar(?:y|ies))")
_ROLES = rf"(?P<roles>{ROLE_ANY}(?:\s*,\s*{ROLE_ANY})*(?:\s*,?\s*and\s+{ROLE_ANY})?)"
_ROLE_CELL = re.compile(rf"^\s*(?P<role>{ROLE_ANY})\s*(?:\((?P<group>[^()]{{1,40}})\))?\s*:?\s*$")
_STATE_PAREN = r"\((?P<state>[^()]{2,80}(?:\([^()]{1,40}\))?)\)"
ROLE_LINE = re.compile(rf"(?P<role>{ROLE_ANY})\s*(?:\([^()]{{1,40}}\)\s*)?:\s*(?:(?:Mr|Mrs|Ms|Dr)\.?\s+)?"
                       rf"(?P<name>{PERSON_NAME})\s*{_STATE_PAREN}")
NAME_STATE = re.compile(rf"(?P<name>{PERSON_NAME})\s*{_STATE_PAREN}")
#: "Name of Brazil": the State is checked against the gazetteer, longest first.
_NAME_OF = re.compile(rf"(?P<name>{PERSON_NAME})\s+of\s+(?P<state>(?:the\s+)?[A-Z][^\s,;.()]*"
                      r"(?:\s+(?:[^\s,;.()]+|\([^()]{1,40}\))){0,7})")
_ELECTED = re.compile(r"(?i)\belect")
_ROLE_AFTER = re.compile(
    rf"^\s*,?\s*(?:(?:was|were)\s+(?:(?:unanimously|also|then)\s+)?(?:re-?)?elected\s+"
    rf"(?:,?\s*by\s+acclamation\s*,?\s+)?)?(?:,?\s*by\s+acclamation\s*,?\s+)?(?:as\s+)?(?:(?:the|its)\s+)?"
    rf"{_ROLES}\b(?P<resp>\s*,?\s*respectively)?")
_ROLE_BEFORE = re.compile(rf"\belected\s+(?:,?\s*by\s+acclamation\s*,?\s+)?(?:as\s+)?(?:(?:the|its)\s+)?"
                          rf"(?P<role>{ROLE})\s*[,:]?\s*$")
#: "The Chair of the session, Name (State)", "The Chairperson of the Twelfth Meeting, Name".
_ROLE_OF_SESSION = re.compile(
    rf"\b(?:[Tt]he|[Ii]ts)\s+(?P<role>{ROLE})\s+of\s+the\s+(?:(?P<ord>{ORDINAL})\s+)?(?P<what>session|Meeting|"
    rf"Subcommission)\b(?:\s+of\s+[^,]{{3,160}}?)?\s*,\s*(?:(?:Mr|Mrs|Ms|Dr)\.?\s+)?(?P<name>{PERSON_NAME})"
    rf"(?:\s*{_STATE_PAREN}|\s+of\s+(?P<state2>(?:the\s+)?[A-Z][^,;.()]{{2,60}}?)(?=\s*[,;.]))?")
_HONORIFIC = re.compile(r"^(?:(?:Mr|Mrs|Ms|Dr|Prof|H\.\s?E|Sir|Madam|General|Colonel|Major|Judge)\.?\s+)+")
#: A personal name in a list of speakers: at the start, after "by", ", ", "and " or ": ",
#: followed by a comma (an apposition follows).
_NAME_CAND = re.compile(rf"(?:^|(?<=\bby\s)|(?<=,\s)|(?<=\band\s)|(?<=:\s))(?P<name>{PERSON_NAME})(?=\s*,\s)")
_POSITION_WORDS = re.compile(
    r"(?i)\b(?:director|chair(?:person|man|woman)?|minister|facilitator|secretary|president|head|"
    r"representative|commissioner|ambassador|officer|chief|coordinator|advis[eo]r|deputy|rapporteur|"
    r"executive|general|judge|prosecutor|expert|inspector|commander|superintendent|manager|delegate|envoy|"
    r"governor|attorney|consultant)\b")
_POS_BEFORE = re.compile(r"(?:^|[,.;:]\s*|\b(?:by|and)\s+)(?:[Tt]he|[Hh]is|[Hh]er|[Ii]ts)\s+(?P<pos>[^,;.()]{3,100}),\s*$")
#: Words of institutions and offices that never start or make up a personal name in "X of
#: State" (so "Public Security of Panama" or "the Government of Japan" is no person).
_NOT_IN_NAME = NOT_NAME_WORDS | frozenset("""
public security justice interior affairs health customs narcotics narcotic control board department
division service services force forces guard unit programme program centre center authority special
regional federal central permanent mission embassy bank court prime foreign defence defense home
ministers excellency attorney-general secretary-general under-secretary-general deputy-director
""".split())


def singular_role(role: str) -> str:
    """"Vice-Chairs" -> "Vice-Chair", "Vice‑Chairmen" -> "Vice-Chairman", "Rapporteurs" ->
    "Rapporteur"; white space single, every hyphen "-"."""
    r = " ".join(role.translate(_HYPHENS).split())
    for plural, single in (("persons", "person"), ("men", "man"), ("women", "woman"), ("Secretaries", "Secretary")):
        if r.endswith(plural):
            return r[: -len(plural)] + single
    if r.endswith("s") and not r.endswith("ss"):
        return r[:-1]
    return r


def strip_name(name: str) -> str | None:
    """The personal name inside a capitalised run: honorifics and leading non-name words
    ("Chair Yoni Dekker") dropped; ``None`` if no 2+ word name remains."""
    name = _HONORIFIC.sub("", " ".join(name.split()))
    words = name.split()
    for i in range(len(words) - 1):
        cand = " ".join(words[i:])
        if looks_like_person(cand) and not resolve_state(cand):
            return cand
        if words[i].lower().strip(".,") not in NOT_NAME_WORDS and words[i][0].isupper():
            return None
    return None


def _strict_name(name: str) -> str | None:
    """:func:`strip_name` with the institution words of :data:`_NOT_IN_NAME` refused too (for
    the weaker "Name of State" form)."""
    n = strip_name(name)
    if n and not any(w.lower().strip(".,") in _NOT_IN_NAME for w in n.split()):
        return n
    return None


def state_in(text: str) -> str | None:
    """The State written in an officer's parentheses or after "of": the whole text, or its last
    comma-separated part ("Government delegate, Islamic Republic of Iran")."""
    t = text.strip(" ,;.")
    iso = resolve_state(t)
    if iso is None and "," in t:
        iso = resolve_state(t.rsplit(",", 1)[1])
    return iso


def _of_state(text: str) -> tuple[str, str] | None:
    """("Saint Lucia", "LCA") for the longest prefix of ``text`` that is a State name."""
    words = text.split()
    for k in range(len(words), 0, -1):
        cand = " ".join(words[:k]).strip(" ,;.")
        iso = resolve_state(cand)
        if iso:
            return cand, iso
    return None


def name_mentions(sent: str) -> list[tuple[int, int, str, str | None]]:
    """Personal names with a State in a sentence, in order: "Name (State)" and "Name of State",
    as ``(start, end, name, iso3)`` (``end`` after the State)."""
    out = []
    for m in NAME_STATE.finditer(sent):
        iso = state_in(m.group("state"))
        name = strip_name(m.group("name")) if iso else None
        if name:
            out.append((m.start() + m.group("name").rfind(name), m.end(), name, iso))
    pos = 0
    while True:
        m = _NAME_OF.search(sent, pos)
        if m is None:
            break
        pos = m.start("state")  # the next name may start inside this match's State words
        found = _of_state(m.group("state"))
        name = _strict_name(m.group("name")) if found else None
        if not name:
            continue
        start = m.start() + m.group("name").rfind(name)
        before = sent[max(0, start - 12):start]
        if start and not re.search(r"(?:^|[,;:(]\s*|\b(?:by|and|elected|to|from|with)\s+|^\s*)$", before):
            continue
        end = m.start("state") + len(found[0])
        pos = end
        if any(a <= start < b for a, b, _n, _s in out):
            continue
        out.append((start, end, name, found[1]))
    out.sort()
    return out


def _roles_of(text: str) -> list[str]:
    parts = re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", text.strip())
    return [singular_role(p) for p in parts if p.strip()]


#: An office followed by "from" and the State before the holder's name (genre-variations.md
#: item 33, S13: "elected two Vice Chairs from Iran, Mr. ..., and Pakistan, Mr. ...", a Rapporteur
#: "from Singapore"; an officer line "Vice-Chairs: from Iran (Islamic Republic of), Mr. ...").
_ROLE_FROM = re.compile(rf"(?:\b(?:two|three|four|a|an|the|its|as)\s+)?(?P<role>{ROLE_ANY})\s*:?\s*from\s+")
_HOLDER = re.compile(rf"^[\s,:]*(?:(?:Mr|Mrs|Ms|Dr|H\.\s?E)\.?\s+)?(?P<name>{PERSON_NAME})")
#: The end of a sentence or line (a full stop after an honorific is not one).
_CLAUSE_END = re.compile(r"(?<!\bMr)(?<!\bMs)(?<!\bMrs)(?<!\bDr)\.(?:\s|$)|;|\n")


def state_first_officers(text: str) -> list[tuple[str, str, str]]:
    """(role, name, State) of officers given with the State before the name: "two Vice-Chairs
    from Iran (Islamic Republic of), Mr. Reza Ahmadi, and Pakistan, Mr. Imran Qureshi", "a
    Rapporteur from Jordan, Ms. Lina Haddad", "Vice-Chairs: from Iran, Mr. X" (one row per holder,
    the role in the singular); the name is the capitalised run after each State (honorific
    dropped), up to the next State, office or the end of the clause."""
    from .states import find_states

    out: list[tuple[str, str, str]] = []
    marks = list(_ROLE_FROM.finditer(text))
    for k, m in enumerate(marks):
        end = marks[k + 1].start() if k + 1 < len(marks) else len(text)
        seg = text[m.end():end]
        stop = _CLAUSE_END.search(seg)
        seg = seg[:stop.start()] if stop else seg
        states = find_states(seg)
        if not states or states[0][2] > 2:  # "from" must be followed by the State itself
            continue
        role = singular_role(m.group("role"))
        for i, (_as_given, iso, _a, b) in enumerate(states):
            nxt = states[i + 1][2] if i + 1 < len(states) else len(seg)
            h = _HOLDER.match(seg[b:nxt])
            name = strip_name(h.group("name")) if h else None
            if name:
                out.append((role, name, iso))
    return out


def officers_in_sentence(sent: str) -> list[tuple[str, str, str | None]]:
    """(role, name, State) of every officer a sentence with "elect" assigns, in order: "Name
    (State)" and "Name of State" with the office before or after them, and the State before the
    name (:func:`state_first_officers`)."""
    found: list[tuple[str, str, str | None]] = []
    pending: list[tuple[str, str | None]] = []
    for start, end, name, iso in name_mentions(sent):
        r = _ROLE_AFTER.match(sent[end:])
        if r is None and not pending:
            b = _ROLE_BEFORE.search(sent[max(0, start - 80):start])
            if b:
                found.append((singular_role(b.group("role")), name, iso))
                continue
        pending.append((name, iso))
        if r is None:
            continue
        roles = _roles_of(r.group("roles"))
        if len(roles) == 1:
            found.extend((roles[0], nm, st) for nm, st in pending)
        else:  # "A and B were elected First Vice-Chair and Second Vice-Chair, respectively"
            for (nm, st), role in zip(pending, roles):
                found.append((role, nm, st))
        pending = []
    for role, name, iso in state_first_officers(sent):
        if not any(n == name for _r, n, _s in found):
            found.append((role, name, iso))
    return found


def _state_at_end(text: str) -> tuple[int, str] | None:
    """(start, ISO3) of a State name that ends ``text`` (a name and State cell merged by the
    reader: "Jonas Moreno Iran (Islamic Republic of)"), else ``None``."""
    from .states import find_states

    t = text.rstrip(" .;")
    found = find_states(t)
    if found and found[-1][3] == len(t) and found[-1][2] > 0:
        return found[-1][2], found[-1][1]
    return None


def _cells_officer(cells: list[str], last_role: str | None) -> list[tuple[str, str, str | None]]:
    """Officers of one table row: role | name (State), role | name | State, or an empty role
    cell continuing the previous role (several holders of one office)."""
    cells = [c.strip() for c in cells]
    if not cells:
        return []
    m = _ROLE_CELL.match(cells[0]) if cells[0] else None
    if m:
        role = singular_role(m.group("role"))
    elif not cells[0] and last_role:
        role = last_role
    else:
        return []
    rest = [c for c in cells[1:] if c]
    if not rest:
        return []
    out = []
    joined = " ".join(rest)
    if re.match(r"from\s", joined):  # "Vice-Chairs: | from Iran (Islamic Republic of), Mr. X"
        return [(role, n, s) for _r, n, s in state_first_officers(f"{m.group('role') if m else role} {joined}")]
    if len(rest) >= 2 and state_in(rest[-1]) and "(" not in rest[0]:  # role | name | State
        person = strip_name(rest[0])
        return [(role, person, state_in(rest[-1]))] if person else []
    tail = _state_at_end(joined)
    if tail is not None and "(" not in joined[:tail[0]]:  # "Name Bolivia (Plurinational State of)"
        person = strip_name(joined[:tail[0]].rstrip(" ,"))
        if person:
            return [(role, person, tail[1])]
    many = list(NAME_STATE.finditer(joined))
    if many:
        for nm in many:
            iso = state_in(nm.group("state"))
            name = strip_name(nm.group("name"))
            if name:
                out.append((role, name, iso))
        return out
    if len(rest) >= 2 and state_in(rest[-1]):
        name, iso = rest[0], state_in(rest[-1])
    elif "," in joined and state_in(joined.rsplit(",", 1)[1]):
        name, st = joined.rsplit(",", 1)
        iso = state_in(st)
    else:
        name, iso = joined, None
    person = strip_name(name)
    return [(role, person, iso)] if person else []  # "to be announced" is no officer


def cell_lines_officers(lines: list[str]) -> list[tuple[str, str, str | None]]:
    """Officers of a table printed one cell a line (a text export of a Word or LibreOffice table:
    ``Chair`` / ``Giorgi Tsiklauri`` / ``Georgia`` / ``Vice-Chairs`` / ``Ana Marković`` / ``Serbia``
    / ``Henrik Sørensen`` / ``Denmark``): a line that is only an office sets the role, then each
    "Name (State)" line, or name line and State line, is a holder of it; a header line ("Office",
    "Name") before the first office is skipped; the first other line ends the list."""
    out: list[tuple[str, str, str | None]] = []
    role = None
    pending = None
    for line in lines:
        t = " ".join(line.split())
        m = _ROLE_CELL.match(t)
        if m:
            if pending and role:
                out.append((role, pending, None))
            role, pending = singular_role(m.group("role")), None
            continue
        if role is None:
            continue
        ns = NAME_STATE.fullmatch(t)
        if ns and state_in(ns.group("state")) and strip_name(ns.group("name")):
            out.append((role, strip_name(ns.group("name")), state_in(ns.group("state"))))
            pending = None
            continue
        iso = state_in(t)
        if pending and iso:
            out.append((role, pending, iso))
            pending = None
            continue
        name = strip_name(t) if not iso else None
        if not name or pending:
            break
        pending = name
    if pending and role:
        out.append((role, pending, None))
    return out


def officers_of_paragraph(p: Paragraph, extra: list[str]) -> list[tuple[str, str, str | None]]:
    """Officers a paragraph elects: its table rows, else ``Role: Name (State)`` lines (in the
    paragraph or in ``extra`` lines a layout left after it), else the sentences saying who was
    elected.  A table row's cells keep their columns (:class:`~honlea_kg.model.TableRow`): a row
    whose role cell is empty continues the role of the row above (a second holder of one
    office)."""
    if not (_ELECTED.search(p.text) or re.search(r"(?i)\bofficers?\b|\bbureau\b", p.text)):
        return []
    found: list[tuple[str, str, str | None]] = []
    last_role = None
    for row in p.rows:
        if getattr(row, "header", False):
            continue
        got = _cells_officer(list(row.cells), last_role)
        if got:
            last_role = got[-1][0]
        found.extend(got)
    if not found:
        lines = "\n".join([p.full_text, *extra])
        for m in ROLE_LINE.finditer(lines):
            name = strip_name(m.group("name"))
            if name:
                found.append((singular_role(m.group("role")), name, state_in(m.group("state"))))
        if found or not _ELECTED.search(p.text):  # lines "Vice-Chairs: from Iran (...), Mr. X"
            found += [o for o in state_first_officers(lines) if not any(o[1] == f[1] for f in found)]
        cells = cell_lines_officers(extra)  # a table exported one cell a line
        if len(cells) > len(found):
            found = cells
    if not found and _ELECTED.search(p.text):
        for s, e in sentences(p.text):
            sent = p.text[s:e]
            if _ELECTED.search(sent):
                found.extend(officers_in_sentence(sent))
    return found


def session_officers(text: str, ordinal: int | None) -> list[tuple[str, str, str | None, bool]]:
    """"The Chair of the session, Name (State)": ``(role, name, State, ours)`` where ``ours`` is
    true when the words name this meeting (no ordinal, or ``ordinal``) and false for another
    one (the Chair of the previous session who opened this one)."""
    out = []
    for m in _ROLE_OF_SESSION.finditer(text):
        name = strip_name(m.group("name"))
        if not name:
            continue
        st = m.group("state") or m.group("state2")
        iso = state_in(st) if st else None
        k = ordinal_value(m.group("ord")) if m.group("ord") else None
        ours = k is None or k == ordinal
        role = singular_role(m.group("role"))
        out.append((role, name, iso, ours))
    return out


def persons_in_paragraph(p: Paragraph, person) -> None:
    """Call ``person(name, paragraph, position, state)`` for every person the paragraph names
    with a State ("Name (State)", "Name of State") or a position or affiliation ("Name,
    Executive Director of UNODC", "Name, representative of ...", "Name, of the Colombo Plan
    ...")."""
    text = p.full_text
    for s, e in sentences(text):
        sent = text[s:e]
        for start, end, name, iso in name_mentions(sent):
            pos = _POS_BEFORE.search(sent[max(0, start - 120):start])
            position = pos.group("pos").strip() if pos and _POSITION_WORDS.search(pos.group("pos")) else None
            person(name, p.number, position, iso)
        # appositions in lists of speakers: "by Name, Position of Org, Name, Position and Name, ..."
        cands = []
        for m in _NAME_CAND.finditer(sent):
            name = strip_name(m.group("name"))
            if name and m.group("name").endswith(name):
                cands.append((m.start() + len(m.group("name")) - len(name), m.end(), name))
        for i, (a, b, name) in enumerate(cands):
            stop = cands[i + 1][0] if i + 1 < len(cands) else len(sent)
            tail = sent[b:stop]
            tail = re.sub(r"^\s*,\s*", "", tail)
            tail = re.split(r"\s*[.;]\s|\s*[.;]$|\s*\(", tail)[0]
            tail = re.sub(r"(?:\s*,)?\s*(?:and\s+)?(?:by\s+)?$", "", tail).strip(" ,")
            affiliation = re.match(r"of\s+(?:the\s+)?[A-Z]", tail)
            tail = re.split(r",\s+(?=[a-z])", tail)[0].strip(" ,")
            if affiliation:  # "Name, of the Colombo Plan Drug Advisory Programme, presented"
                iso = resolve_state(tail[3:]) if tail.startswith("of ") else None
                person(name, p.number, None if iso else tail, iso)
            elif tail and len(tail) <= 160 and _POSITION_WORDS.search(tail.split(",")[0]):
                person(name, p.number, tail, None)
            else:  # "The representative of Pakistan, Name, said ..."
                pos = _POS_BEFORE.search(sent[max(0, a - 120):a])
                if pos and _POSITION_WORDS.search(pos.group("pos")):
                    person(name, p.number, pos.group("pos").strip(), None)


def officer_facts(found, paragraph: int | None) -> list[OfficerFact]:
    """:class:`OfficerFact` objects for ``(role, name, State)`` triples read from one paragraph."""
    return [OfficerFact(role=r, person=n, state=s, paragraph=paragraph) for r, n, s in found]


__all__ = ["ROLE", "ROLE_ANY", "singular_role", "strip_name", "state_in", "name_mentions",
           "officers_in_sentence", "state_first_officers", "cell_lines_officers", "officers_of_paragraph", "session_officers", "persons_in_paragraph",
           "officer_facts"]
