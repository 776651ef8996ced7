"""Actors: States in their roles, organizations (observers, secretariat), officers and persons.

Each role is read from the sentence form UN reports use for it (UN Editorial Manual; the
"Attendance", "Election of officers" and opening sections of HONLEA reports):

- attendance: "The following States members of the Meeting ... were represented: A, B and C";
  "The following States were represented by observers: ..."; "A, B and C were represented by
  observers" (States among them are observer States, the rest observer organizations);
- country reports: "country reports ... were submitted by A, B and C";
- questionnaire replies: "the replies received as at 28 April 2017, namely those from ...",
  "After that date, responses ... had been received from ..." (``questionnaire-late``);
- statements: "Statements were made by (the representatives of) A and B";
- secretariat: "UNODC served as the secretariat of the Meeting";
- officers: table rows "Chair: | Name (State)", lines "Chair: Name (State)", or prose
  "elected Name (State) Chair and Name (State) Vice-Chair";
- persons: officers, "Name (State)" and appositions in lists of speakers ("addressed by Yury
  Fedotov, Executive Director of UNODC, ...") where the apposition names a position.

States are resolved with :mod:`.states` (ISO 3166-1 alpha-3).  A State mentioned in a
paragraph in no other role gets the role ``mentioned``.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path

from ..facts import OfficerFact, OrganizationFact, PersonFact, StateRoleFact
from ..model import Document, Paragraph
from .states import find_states, resolve_state, split_state_list
from .text import NOT_NAME_WORDS, PERSON_NAME, looks_like_person, mask_quotes, sentences

ORGS_PATH = Path(__file__).resolve().parent.parent / "gazetteers" / "organizations.csv"

_REPRESENTED = re.compile(
    r"(?i)(?P<lead>\b(?:following|representatives?\s+of)\b[^.:]{0,200}?\b(?:were|was)\s+"
    r"(?:also\s+)?(?:represented|present)\b|\b(?:following|representatives?\s+of)\b[^.:]{0,200}?"
    r"\b(?:attended|participated)\b)(?P<how>[^.:]{0,120}):\s*(?P<list>[^\n]+)")
_BY_OBSERVERS = re.compile(
    r"(?P<list>(?:[Tt]he\s+)?[A-Z][^.:]{2,400}?)\s+(?:were|was)\s+(?:also\s+)?represented\s+by\s+"
    r"(?:an?\s+)?observers?\b")
_ORG_WORDS = re.compile(r"(?i)\b(?:organi[sz]ations?|bodies|agencies|entities|institutions|programmes"
                        r"|specialized|intergovernmental|non-governmental|United\s+Nations\s+(?:offices|entities))\b")
_STATE_WORDS = re.compile(r"(?i)\b(?:States?|countries|Governments?)\b")
_COUNTRY_REPORTS = re.compile(
    r"(?i)\bcountry\s+reports?\b[^.]*?\b(?:submitted|presented|provided|made\s+available|received|prepared)\s+"
    r"(?:by|from)\s+(?:the\s+following\s+(?:States|countries)\s*:\s*)?(?P<list>.+)")
_COUNTRY_REPORTS_REV = re.compile(r"(?i)\b(?:submitted|presented|provided)\s+(?:their\s+)?country\s+reports?\b")
_REPLIES = re.compile(
    r"(?i)\b(?:replies|responses|answers)\b[^.]{0,200}?\b(?:from|by)\s+(?!\d)(?P<list>.+)")
_REPLIES_FOLLOWING = re.compile(
    r"(?i)\bfollowing\s+(?:States|countries|Governments)\b[^.:]{0,120}?\b(?:replies|responses|replied"
    r"|responded|answers)\b[^.:]{0,160}:\s*(?P<list>.+)")
_FOLLOWING_PREFIX = re.compile(r"(?i)^(?:the\s+)?following\s+(?:States|countries|Governments)[^:]{0,60}:\s*")
_LATE = re.compile(r"(?i)\bafter\s+(?:that|this|the)\s+(?:(?:cut-?off\s+|closing\s+)?date|deadline|cut-?off"
                   r"|note|document|report)\b|\blate\b|"
                   r"after\s+the\s+(?:deadline|cut-?off)|\bsubsequently\b|could\s+not\s+be\s+(?:included|reflected)"
                   r"|not\s+(?:been\s+)?able\s+to\s+include")
_STATEMENTS = re.compile(
    r"(?i)\bstatements?\s+(?:was|were)\s+(?:also\s+)?(?:made|delivered|given)\s+by\s+(?:the\s+)?"
    r"(?:(?:representatives?|delegations?|observers?)\s+(?:of\s+)?)?(?P<list>.+)")
_STATEMENTS_REV = re.compile(
    r"(?i)\b(?:representatives?|delegations?)\s+of\s+(?P<list>.+?)\s+(?:made|delivered)\s+statements?\b")
_SECRETARIAT = re.compile(
    r"(?P<org>(?:[Tt]he\s+)?[A-Z][\w\s,()\-]{1,120}?)\s+(?:served|acted|functioned)\s+as\s+(?:the\s+)?secretariat\b"
    r"|\bsecretariat\s+(?:services\s+)?(?:of\s+the\s+\w+\s+)?(?:was|were)\s+provided\s+by\s+(?P<org2>(?:the\s+)?"
    r"[A-Z][^.;]{1,120})")
_CUT = re.compile(r"(?:;\s+(?!and\b|or\b)[a-z]|,\s+(?:which|who|whose|but|although|while|as\s+well\s+as)\b|\.\s|\.$"
                  r"|\s+(?:were|was|had|have|has|are|is|could|would)\s)")
_ACRONYM = re.compile(r"\s*\((?P<acr>[A-Z][A-Za-z\-]{1,15})\)\s*$")
_HONORIFIC = re.compile(r"^(?:(?:Mr|Mrs|Ms|Dr|Prof|H\.\s?E|Sir|Madam|General|Colonel|Major|Judge)\.?\s+)+")

_ROLE = (r"(?:(?:First|Second|Third|Fourth|1st|2nd|3rd)\s+)?(?:Vice[-\u2010\u2011 ]?)?"
         r"(?:Chair(?:person|man|woman)?|President|Rapporteur|Secretary)")
_ROLE_LINE = re.compile(rf"(?P<role>{_ROLE})\s*:\s*(?P<name>{PERSON_NAME})\s*\((?P<state>[^()]+)\)")
_ROLE_CELL = re.compile(rf"^\s*(?P<role>{_ROLE}s?)\s*:?\s*$")
_NAME_STATE = re.compile(rf"(?P<name>{PERSON_NAME})\s*\((?P<state>[^()]{{2,80}}(?:\([^()]{{1,40}}\))?)\)")
_CELL_NAME_STATE = re.compile(r"^(?P<name>[^()]+?)\s*\((?P<state>.+)\)\s*$")
_ELECTED = re.compile(r"(?i)\belect")
_ROLE_AFTER = re.compile(rf"^\s*,?\s*(?:as\s+)?(?:(?:the|its)\s+)?(?P<role>{_ROLE})(?P<pl>s)?\b")
_NAME_CAND = re.compile(rf"(?:^|(?<=\bby\s)|(?<=,\s)|(?<=\band\s)|(?<=:\s))(?P<name>{PERSON_NAME})(?=\s*,\s)")
_POSITION_WORDS = re.compile(
    r"(?i)\b(?:director|chair(?:person|man|woman)?|minister|facilitator|secretary|president|head|"
    r"representative|commissioner|ambassador|officer|chief|coordinator|advis[eo]r|deputy|rapporteur|"
    r"executive|general|judge|prosecutor|expert|inspector|commander|superintendent|manager|delegate|envoy|"
    r"governor|attorney|consultant)\b")
_POS_BEFORE = re.compile(r"(?:^|[,.;:]\s*|\b(?:by|and)\s+)(?:[Tt]he|[Hh]is|[Hh]er|[Ii]ts)\s+(?P<pos>[^,;.()]{3,100}),\s*$")


@lru_cache(maxsize=1)
def organization_table() -> dict[str, tuple[str, str, str | None]]:
    """Folded name/acronym/alias -> (key, name, acronym) from ``gazetteers/organizations.csv``."""
    table: dict[str, tuple[str, str, str | None]] = {}
    with open(ORGS_PATH, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            rec = (row["key"], row["name"], row["acronym"] or None)
            for v in [row["name"], row["acronym"], *row["aliases"].split("|")]:
                if v.strip():
                    table[v.strip().casefold()] = rec
    return table


def clean_org_name(as_given: str) -> tuple[str, str | None]:
    """("European Police Office", "Europol") for "the European Police Office (Europol)": leading
    "the" and a final parenthesised acronym removed (gold: observers' ``name``)."""
    name = re.sub(r"^(?:and\s+)?(?:the\s+)", "", as_given.strip(), flags=re.I).strip(" ,;.")
    acr = None
    m = _ACRONYM.search(name)
    if m:
        acr, name = m.group("acr"), name[:m.start()].strip()
    return name, acr


def organization_key(name: str, acronym: str | None) -> tuple[str, str, str | None]:
    """(identity key, canonical name, acronym): from the organizations gazetteer when the name,
    acronym or an alias is listed, else the name itself (slugged by the IRI policy)."""
    table = organization_table()
    for v in (name, acronym):
        if v and v.casefold() in table:
            return table[v.casefold()]
    return (acronym or name), name, acronym


def split_org_list(text: str) -> list[str]:
    """Split "The European Union, the European Police Office (Europol) and the Organization for
    Security and Cooperation in Europe" into its elements (an "and" splits only before "the",
    an acronym or after a parenthesis, so names containing "and" stay whole)."""
    parts = re.split(r"\s*;\s*|\s*,\s*(?:and\s+)?|\s+and\s+(?=the\s|[A-Z]{2,}\b)|(?<=\))\s+and\s+", text.strip())
    return [p.strip(" .") for p in parts if p and p.strip(" .")]


def _cut(text: str) -> str:
    m = _CUT.search(text)
    return text[:m.start()] if m else text


def _state_run(text: str) -> list[tuple[str, str]]:
    """The leading run of States of a list (stops at the first non-State after a State)."""
    out = []
    for as_given, iso3 in split_state_list(_cut(text)):
        if iso3:
            out.append((as_given, iso3))
        elif out:
            break
    return out


class _Collector:
    def __init__(self):
        self.states: list[StateRoleFact] = []
        self.seen: set[tuple[str, str, int | None]] = set()
        self.orgs: list[OrganizationFact] = []
        self.org_seen: set[tuple[str, str]] = set()

    def state(self, iso3: str, role: str, as_given: str, para: int | None) -> None:
        if (iso3, role, para) not in self.seen:
            self.seen.add((iso3, role, para))
            self.states.append(StateRoleFact(iso3, role, as_given, para))

    def org(self, as_given: str, role: str, para: int | None) -> None:
        name, acr = clean_org_name(as_given)
        if not name or resolve_state(name):
            return
        if (name.casefold(), role) not in self.org_seen:
            self.org_seen.add((name.casefold(), role))
            self.orgs.append(OrganizationFact(name=name, acronym=acr, role=role, paragraph=para))


def _mixed_list(text: str) -> list[tuple[str, str | None]]:
    """Elements of a list that may mix States and organizations: (as_given, iso3 or None)."""
    out = []
    for as_given, iso in split_state_list(text):
        if iso:
            out.append((as_given, iso))
        else:
            out.extend((el, resolve_state(el)) for el in split_org_list(as_given))
    return out


def _attendance(p: Paragraph, sent: str, c: _Collector) -> None:
    low = sent.lower()
    if "represented" not in low and "attended" not in low and "participated" not in low and "present" not in low:
        return
    m = _REPRESENTED.search(sent)
    if m:
        lead = m.group("lead") + m.group("how")
        observer = "observer" in lead.lower()
        lst = _cut(m.group("list"))
        if _ORG_WORDS.search(lead) and not re.search(r"(?i)\bStates\s+members\b", lead):
            for el, iso in _mixed_list(lst):
                if iso:
                    c.state(iso, "observer" if observer else "member", el, p.number)
                else:
                    c.org(el, "observer" if observer else "participant", p.number)
        elif _STATE_WORDS.search(lead):
            for as_given, iso in _state_run(lst):
                c.state(iso, "observer" if observer else "member", as_given, p.number)
        return
    m = _BY_OBSERVERS.search(sent) if "observer" in low else None
    if m:
        lst = re.sub(r"^.*?\b(?:and|also)\s+(?=[Tt]he\s)", "", m.group("list")) \
            if re.search(r"(?i)\bfollowing\b", m.group("list")) else m.group("list")
        for el, iso in _mixed_list(lst):
            if iso:
                c.state(iso, "observer", el, p.number)
            else:
                c.org(el, "observer", p.number)


def _trailing_lines(doc: Document) -> dict[int, list[str]]:
    """Paragraph number -> texts of the non-paragraph lines between it and the next paragraph
    (officer lines "Chair: Name (State)" that a layout leaves outside the paragraph)."""
    starts = [(p.spans[0].start if p.spans else 0, p.number) for p in doc.paragraphs]
    out: dict[int, list[str]] = {}
    for h in doc.headings:
        if h.kind not in ("subheading", "section", "topic"):
            continue
        prev = None
        for st, num in starts:
            if st <= h.span.start:
                prev = num
            else:
                break
        if prev is not None:
            out.setdefault(prev, []).append(h.text)
    return out


def extract_actors(doc: Document):
    """Return ``(states, organizations, officers, persons)`` for ``doc``."""
    c = _Collector()
    officers: list[OfficerFact] = []
    persons: dict[str, PersonFact] = {}

    def person(name: str, para: int, position: str | None = None, state: str | None = None) -> None:
        name = " ".join(name.split())
        pf = persons.get(name)
        if pf is None:
            pf = persons[name] = PersonFact(name=name)
        if position and position not in pf.positions:
            pf.positions.append(position)
        if state and not pf.state:
            pf.state = state
        if para not in pf.paragraphs:
            pf.paragraphs.append(para)

    questionnaire_paras = set()
    trailing = _trailing_lines(doc)
    for p in doc.paragraphs:
        text = p.text
        masked = mask_quotes(text)
        has_q = bool(re.search(r"(?i)questionnaire", text)) or (p.number - 1 in questionnaire_paras
                                                                 and re.search(r"(?i)\b(?:replies|responses)\b", text))
        if has_q:
            questionnaire_paras.add(p.number)
        for s, e in sentences(masked):
            sent = text[s:e]
            low = sent.lower()
            _attendance(p, sent, c)
            if "country report" in low:
                m = _COUNTRY_REPORTS.search(sent)
                if m:
                    for as_given, iso in _state_run(_FOLLOWING_PREFIX.sub("", m.group("list"))):
                        c.state(iso, "country-report", as_given, p.number)
                elif _COUNTRY_REPORTS_REV.search(sent):
                    head = sent[:_COUNTRY_REPORTS_REV.search(sent).start()]
                    for as_given, iso, _a, _b in find_states(head):
                        c.state(iso, "country-report", as_given, p.number)
            if has_q and ("repl" in low or "respon" in low or "answer" in low):
                m = _REPLIES_FOLLOWING.search(sent) or _REPLIES.search(sent)
                if m:
                    role = "questionnaire-late" if _LATE.search(sent) else "questionnaire-in-time"
                    for as_given, iso in _state_run(_FOLLOWING_PREFIX.sub("", m.group("list"))):
                        c.state(iso, role, as_given, p.number)
            if "statement" in low:
                m = _STATEMENTS.search(sent) or _STATEMENTS_REV.search(sent)
                if m:
                    for as_given, iso in _state_run(m.group("list")):
                        c.state(iso, "statement", as_given, p.number)
            if "secretariat" in low:
                m = _SECRETARIAT.search(sent)
                if m:
                    org = m.group("org") or m.group("org2")
                    if m.group("org"):  # "In addition, UNODC served as ...": the subject only
                        org = re.sub(r"^.*(?:,|\bthat)\s+(?=[A-Z])", "", org.strip())
                    if org:
                        c.org(org, "secretariat", p.number)
        _officers(p, trailing.get(p.number, []), officers, person)
        _persons(p, person)
    # every other State mention: role "mentioned"
    roles_in_para = {(s.iso3, s.paragraph) for s in c.states}
    for p in doc.paragraphs:
        for as_given, iso, _a, _b in find_states(p.full_text):
            if (iso, p.number) not in roles_in_para:
                roles_in_para.add((iso, p.number))
                c.state(iso, "mentioned", as_given, p.number)
    return c.states, c.orgs, officers, list(persons.values())


def _strip_name(name: str) -> str | None:
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


def _officers(p: Paragraph, extra: list[str], officers: list[OfficerFact], person) -> None:
    if not (_ELECTED.search(p.text) or re.search(r"(?i)\bofficers?\b|\bbureau\b", p.text)):
        return
    found = []
    for row in p.rows:
        cells = [c.strip() for c in row.cells if c.strip()]
        if len(cells) < 2 or not _ROLE_CELL.match(cells[0]):
            continue
        role = cells[0].rstrip(": ").strip()
        rest = " ".join(cells[1:])
        m = _CELL_NAME_STATE.match(rest)
        if m:
            name, state = _strip_name(m.group("name")) or m.group("name").strip(), m.group("state")
        elif len(cells) >= 3:
            name, state = cells[1], cells[2].strip("() ")
        else:
            name, state = rest, None
        found.append((role, name, resolve_state(state) if state else None))
    if not found:
        for m in _ROLE_LINE.finditer("\n".join([p.full_text, *extra])):
            name = _strip_name(m.group("name"))
            if name:
                found.append((m.group("role"), name, resolve_state(m.group("state"))))
    if not found and _ELECTED.search(p.text):
        for s, e in sentences(p.text):
            sent = p.text[s:e]
            if not _ELECTED.search(sent):
                continue
            pending = []
            for m in _NAME_STATE.finditer(sent):
                iso = resolve_state(m.group("state"))
                name = _strip_name(m.group("name"))
                if not (iso and name):
                    continue
                pending.append((name, iso))
                r = _ROLE_AFTER.match(sent[m.end():])
                if r:
                    role = re.sub(r"\s+", " ", r.group("role"))
                    for nm, st in pending:
                        found.append((role, nm, st))
                    pending = []
    for role, name, state in found:
        officers.append(OfficerFact(role=role, person=name, state=state, paragraph=p.number))
        person(name, p.number, role, state)


def _persons(p: Paragraph, person) -> None:
    text = p.full_text
    for m in (_NAME_STATE.finditer(text) if "(" in text else ()):
        iso = resolve_state(m.group("state"))
        name = _strip_name(m.group("name")) if iso else None
        if not name:
            continue
        start = m.start() + m.group("name").rfind(name)
        pos = _POS_BEFORE.search(text[max(0, start - 120):start])
        position = pos.group("pos").strip() if pos and _POSITION_WORDS.search(pos.group("pos")) else None
        person(name, p.number, position, iso)
    # appositions in lists of speakers: "by Name, Position of Org, Name, Position and Name, ..."
    for s, e in sentences(text):
        sent = text[s:e]
        cands = []
        for m in _NAME_CAND.finditer(sent):
            name = _strip_name(m.group("name"))
            if name and m.group("name").endswith(name):
                cands.append((m.start() + len(m.group("name")) - len(name), m.end(), name))
        for i, (a, b, name) in enumerate(cands):
            stop = cands[i + 1][0] if i + 1 < len(cands) else len(sent)
            tail = sent[b:stop]
            tail = re.sub(r"^\s*,\s*", "", tail)
            tail = re.split(r"\s*[.;]\s|\s*[.;]$|\s*\(", tail)[0]
            tail = re.sub(r"(?:\s*,)?\s*(?:and\s+)?(?:by\s+)?$", "", tail).strip(" ,")
            tail = re.split(r",\s+(?=[a-z])", tail)[0].strip(" ,")
            if tail and len(tail) <= 160 and _POSITION_WORDS.search(tail.split(",")[0]):
                person(name, p.number, tail, None)
