"""Actors: States in their roles, organizations (observers, secretariat), officers and persons.

Each role is read from the sentence form UN reports use for it (UN Editorial Manual; the
"Attendance", "Election of officers" and opening sections of HONLEA reports):

- attendance: "The following States members of the Meeting ... were represented: A, B and C";
  "The following States were represented by observers: ..."; "The following bodies and
  intergovernmental organizations were represented by observers: ..."; "A, B and C were
  represented by observers" (States among them are observer States, the rest observer
  organizations), with a second list after ", as were ..."; "Observers for A and B attended";
  list elements are whole names (:mod:`.lists`, the organization gazetteer
  :mod:`.organizations`), appositives and relative clauses left out;
- country reports: "country reports ... were submitted by A, B and C", "The following States had
  submitted country reports (symbols): A, B and C";
- questionnaire replies: "the replies received as at 28 April 2017, namely those from ...",
  "After that date, responses ... had been received from ..." (``questionnaire-late``);
- statements: "Statements were made by (the representatives of) A and B";
- secretariat: "UNODC served as the secretariat of the Meeting";
- officers and persons: every layout, see :mod:`.officers`.

States are resolved with :mod:`.states` (ISO 3166-1 alpha-3).  A State mentioned in a
paragraph in no other role gets the role ``mentioned``.
"""

from __future__ import annotations

import re

from ..facts import MeetingFact, OfficerFact, OrganizationFact, PersonFact, StateRoleFact
from ..model import Document, Paragraph
from . import organizations as _orgs
from .lists import split_actor_list
from .officers import officers_of_paragraph, persons_in_paragraph, session_officers
from .states import find_states, resolve_state
from .text import mask_quotes, sentences

ORGS_PATH = _orgs.ORGS_PATH

_REPRESENTED = re.compile(
    r"(?i)(?P<lead>\b(?:following|representatives?\s+of)\b[^.:]{0,200}?\b(?:were|was)\s+"
    r"(?:also\s+)?(?:represented|present)\b|\b(?:following|representatives?\s+of)\b[^.:]{0,200}?"
    r"\b(?:attended|participated)\b)(?P<how>[^.:]{0,120}):\s*(?P<list>[^\n]+)")
_BY_OBSERVERS = re.compile(
    r"(?P<list>(?:[Tt]he\s+)?[A-Z][^.:]{2,2000}?)\s+(?:were|was)\s+(?:also\s+)?represented\s+by\s+"
    r"(?:an?\s+)?observers?\b")
_ORG_WORDS = re.compile(r"(?i)\b(?:organi[sz]ations?|bodies|agencies|entities|institutions|programmes"
                        r"|specialized|intergovernmental|non-governmental|United\s+Nations\s+(?:offices|entities))\b")
_STATE_WORDS = re.compile(r"(?i)\b(?:States?|countries|Governments?)\b")
_COUNTRY_REPORTS = re.compile(
    r"(?i)\bcountry\s+reports?\b(?:[^.]|\.(?=\S))*?\b(?:submitted|presented|provided|made\s+available|received|prepared)\s+"
    r"(?:by|from)\s+(?:the\s+following\s+(?:States|countries)\s*:\s*)?(?P<list>.+)")
_COUNTRY_REPORTS_REV = re.compile(r"(?i)\b(?:submitted|presented|provided)\s+(?:their\s+)?country\s+reports?\b")
#: "The following States had submitted country reports (UNODC/HONLAF/29/CRP.1–CRP.12): A, B".
_COUNTRY_REPORTS_FOLLOWING = re.compile(
    r"(?i)\bfollowing\s+(?:States|countries|Governments)\b[^.:]{0,120}?\bcountry\s+reports?\b[^:]{0,200}:\s*"
    r"(?P<list>.+)")
_REPLIES = re.compile(
    r"(?i)\b(?:repl(?:y|ies)|responses?|answers?)\b(?:\s+of\s+(?!the\s+questionnaire|those|these)"
    r"|[^.]{0,200}?\b(?:from|by)\s+(?!\d))(?P<list>.+)")
_REPLIES_FOLLOWING = re.compile(
    r"(?i)\b(?:following|\d{1,3})\s+(?:States|countries|Governments)\b[^.:]{0,120}?\b(?:replies|responses|replied"
    r"|responded|answers)\b[^.:]{0,160}:\s*(?P<list>.+)")
#: The head of a list that names its kind or count before a colon: "the following States:",
#: "14 States:", "the following 12 countries that replied:".
_FOLLOWING_PREFIX = re.compile(r"(?i)^(?:the\s+)?(?:following\s+)?(?:\d{1,3}\s+)?(?:Member\s+)?"
                               r"(?:States|countries|Governments)\b[^:]{0,60}:\s*")
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
_CUT = re.compile(r"(?:;\s+(?!and\b|or\b|the\b)[a-z]|,\s+(?:but|although|while)\b|\.\s|\.$"
                  r"|\s+(?:were|was|had|have|has|are|is|could|would)\s)")
#: Small words inside States' names and list separators, never the end of a list of States.
_NAME_SMALL_WORDS = frozenset("and or of the as well d de da del y et".split())


def organization_table() -> dict[str, tuple[str, str, str | None]]:
    """Folded name/acronym/alias/former name -> (key, name, acronym) from
    ``gazetteers/organizations.csv`` (see :mod:`.organizations`)."""
    return _orgs.organization_table()


_INNER_ACRONYM = re.compile(r"\s*\((?P<acr>[A-Z][A-Za-z0-9]*(?:[-/&. ][A-Z][A-Za-z0-9]*){0,3})\)(?=\s|$)")


def clean_org_name(as_given: str) -> tuple[str, str | None]:
    """("European Police Office", "Europol") for "the European Police Office (Europol)": a leading
    "the" and the parenthesised acronym removed wherever it stands ("the Inter-American Drug Abuse
    Control Commission (CICAD) of the Organization of American States" -> "Inter-American Drug
    Abuse Control Commission of the Organization of American States", "CICAD"; gold and fixtures:
    observers' ``name``).  An acronym has at least two capitals or is listed in the gazetteer
    ("(Europol)"); "(Narcotics)" is kept."""
    name = re.sub(r"^(?:and\s+)?(?:the\s+)", "", " ".join(as_given.split()), flags=re.I).strip(" ,;.")
    acr = None
    for m in _INNER_ACRONYM.finditer(name):
        if sum(ch.isupper() for ch in m.group("acr")) >= 2 or _orgs.lookup(m.group("acr")):
            acr = m.group("acr")
            name = (name[:m.start()] + name[m.end():]).strip()
            break
    return name, acr


def organization_key(name: str, acronym: str | None) -> tuple[str, str, str | None]:
    """(identity key, canonical name, acronym): from the organizations gazetteer when the name,
    acronym, an alias or a former name is listed, else the name itself (slugged by the IRI
    policy)."""
    for v in (name, acronym):
        found = _orgs.lookup(v) if v else None
        if found:
            return found
    return (acronym or name), name, acronym


def split_org_list(text: str) -> list[str]:
    """The elements of a list of organizations as printed ("The European Union, the European
    Police Office (Europol) and the Organization for Security and Cooperation in Europe"), names
    matched whole against the gazetteers (:func:`.lists.split_actor_list`)."""
    return [e.as_given for e in split_actor_list(text)]


def _cut(text: str) -> str:
    """A list of States up to where it ends: a clause after a semicolon, ", but", a full stop, a
    verb ("were", "had" ...), or any other lower-case word straight after a capitalised name
    ("Ecuador and Guatemala arrived after the deadline"), but not the small words inside States'
    names (of, the, and, d') nor the words of an appositive set off by a comma."""
    m = _CUT.search(text)
    end = m.start() if m else len(text)
    for w in re.finditer(r"(?<=\S)\s+(?P<w>[a-z][\w-]*)", text[:end]):
        if w.group("w") in _NAME_SMALL_WORDS:
            continue
        prev = text[:w.start()].split()[-1]
        if (prev[:1].isupper() or prev.endswith(")")) and not prev.endswith((",", ";")):
            return text[:w.start()]
    return text[:end]


#: "the Governments of A, B and C", "the delegations of A and B": the States themselves.
_GOVERNMENTS_OF = re.compile(r"(?i)^\s*(?:the\s+)?(?:Governments?|delegations?|representatives?)\s+of\s+"
                             r"(?=(?:the\s+)?[A-Z])")


def _state_run(text: str) -> list[tuple[str, str]]:
    """The leading run of States of a list (stops at the first non-State after a State); an
    appositive or relative clause after a State ("the State of Palestine, a non-member observer
    State, and Switzerland") is skipped, not taken for the end of the list; a list introduced by
    "the Governments of" or "the delegations of" names the States."""
    out = []
    for e in split_actor_list(_cut(_GOVERNMENTS_OF.sub("", text))):
        if e.iso3:
            out.append((e.as_given, e.iso3))
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


#: Openers that can precede the subject of "X were represented by observers" in the same
#: sentence ("In addition, Canada ..."): never an organization.
_OPENERS = re.compile(r"(?i)^(?:in\s+addition|also|moreover|furthermore|finally|similarly|likewise|further|in\s+"
                      r"that\s+regard|at\s+the\s+same\s+meeting|in\s+total|in\s+all)\b")
#: ", as were ...", "as was ...": a second list in the same role.
_AS_WERE = re.compile(r",?\s+as\s+(?:were|was)\s+(?:also\s+)?")
_FOLLOWING_HEAD = re.compile(r"(?i)^(?:also\s+)?(?:the\s+)?following\b[^:]{0,160}:\s*")
#: "Observers for Canada and the European Union attended", "Representatives of A and B attended
#: the Meeting as observers".
_OBSERVERS_FOR = re.compile(
    r"(?P<lead>\b(?:[Oo]bservers|[Rr]epresentatives)\s+(?:for|from|of)\s+)(?P<list>(?:the\s+)?[A-Z][^.:]{2,600})"
    r"\s+(?:also\s+)?(?:attended|participated|were\s+present)\b(?P<as>[^.]{0,40}?\bas\s+observers)?")
#: "The Meeting was attended by representatives of the following States members ...: A, B".
_ATTENDED_BY = re.compile(
    r"(?i)(?P<lead>\battended\s+by\s+(?:the\s+)?(?:representatives|observers|delegations)\s+(?:of|for|from)\s+"
    r"(?:the\s+)?following\b[^:]{0,200}):\s*(?P<list>.+)")
_CUT_MIXED = re.compile(r"(?:;\s+(?!and\b|or\b|the\b)[a-z]|\.\s|\.$|\s+(?:were|was|had|have|has|are|is|could|would)\s)")


def _mixed_list(text: str) -> list[tuple[str, str | None]]:
    """Elements of a list that may mix States and organizations: (as_given, iso3 or None);
    names matched whole (:func:`.lists.split_actor_list`), appositives and relative clauses
    left out, a sentence opener before the first name dropped."""
    out = []
    for i, e in enumerate(split_actor_list(text)):
        if i == 0 and not (e.iso3 or e.org) and _OPENERS.match(e.as_given):
            continue
        out.append((e.as_given, e.iso3))
    return out


def _cut_mixed(text: str) -> str:
    m = _CUT_MIXED.search(text)
    return text[:m.start()] if m else text


def _take_mixed(lst: str, observer: bool, p: Paragraph, c: "_Collector") -> None:
    for el, iso in _mixed_list(_cut_mixed(lst)):
        if iso:
            c.state(iso, "observer" if observer else "member", el, p.number)
        else:
            c.org(el, "observer" if observer else "participant", p.number)


def _split_as_were(lst: str) -> tuple[str, str | None]:
    """("Canada and Germany", "the European Union and INTERPOL") for "Canada and Germany, as
    were the European Union and INTERPOL"; the tail's "the following organizations:" dropped."""
    m = _AS_WERE.search(lst)
    if not m:
        return lst, None
    return lst[:m.start()], _FOLLOWING_HEAD.sub("", lst[m.end():])


def _attendance(p: Paragraph, sent: str, c: _Collector) -> None:
    """States and organizations attending, in every sentence shape of the genre (module
    docstring; genre-variations.md items 35-36): a lead naming what follows ("The following
    States members of the Meeting were represented:", "The following bodies and
    intergovernmental organizations were represented by observers:", "attended by
    representatives of the following ...:"), a subject list ("A, B and C were represented by
    observers"), a second list after "as were", and "Observers for A and B attended"."""
    low = sent.lower()
    if "represented" not in low and "attended" not in low and "participated" not in low and "present" not in low:
        return
    m = _REPRESENTED.search(sent) or _ATTENDED_BY.search(sent)
    if m:
        lead = m.group("lead") + (m.group("how") if "how" in m.re.groupindex else "")
        # "Observers from the following organizations also attended:": the words before the lead
        observer = "observer" in sent[:m.start("list")].lower()
        head, tail = _split_as_were(m.group("list"))
        if _STATE_WORDS.search(lead) and not _ORG_WORDS.search(lead) or re.search(r"(?i)\bStates\s+members\b", lead):
            for as_given, iso in _state_run(head):
                c.state(iso, "observer" if observer else "member", as_given, p.number)
        else:  # organizations, or a list of observers of any kind
            _take_mixed(head, observer, p, c)
        if tail:
            _take_mixed(tail, observer, p, c)
        return
    m = _BY_OBSERVERS.search(sent) if "observer" in low else None
    if m:
        lst = re.sub(r"^.*?\b(?:and|also)\s+(?=[Tt]he\s)", "", m.group("list")) \
            if re.search(r"(?i)\bfollowing\b", m.group("list")) else m.group("list")
        _take_mixed(lst, True, p, c)
        rest = sent[m.end():]
        t = _AS_WERE.match(rest)
        if t:
            _take_mixed(_FOLLOWING_HEAD.sub("", rest[t.end():]), True, p, c)
        return
    m = _OBSERVERS_FOR.search(sent)
    if m and ("observer" in m.group("lead").lower() or m.group("as")):
        # the list runs to the last "attended" (a relative clause may hold one of its own); an
        # adverb before that verb ("... and the United States of America also attended") is no name
        _take_mixed(re.sub(r"\s+(?:also|likewise|further)$", "", m.group("list")), True, p, c)


def _reply_clauses(sent: str) -> list[str]:
    """A sentence about questionnaire replies cut at each semicolon that starts a clause naming
    replies of its own ("...; a reply from Egypt was received after the note had been prepared"),
    so that each clause's list takes the timing its own words give."""
    parts = re.split(r";\s+", sent)
    out = [parts[0]]
    for part in parts[1:]:
        if re.search(r"(?i)\b(?:repl(?:y|ies)|responses?|answers?)\b", part):
            out.append(part)
        else:
            out[-1] += "; " + part
    return out


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


def extract_actors(doc: Document, meeting: MeetingFact | None = None):
    """Return ``(states, organizations, officers, persons)`` for ``doc``.

    ``meeting`` (optional) tells which ordinal "the Chair of the Nth session" must name to be an
    officer of this meeting (see :mod:`.officers`)."""
    c = _Collector()
    ordinal = meeting.ref.ordinal if meeting is not None else None
    session: list[tuple[str, str, str | None, int]] = []
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
                m = _COUNTRY_REPORTS_FOLLOWING.search(sent) or _COUNTRY_REPORTS.search(sent)
                if m:
                    for as_given, iso in _state_run(_FOLLOWING_PREFIX.sub("", m.group("list"))):
                        c.state(iso, "country-report", as_given, p.number)
                elif _COUNTRY_REPORTS_REV.search(sent):
                    head = sent[:_COUNTRY_REPORTS_REV.search(sent).start()]
                    for as_given, iso, _a, _b in find_states(head):
                        c.state(iso, "country-report", as_given, p.number)
            if has_q and ("repl" in low or "respon" in low or "answer" in low):
                # clauses after a semicolon that name replies of their own are read apart: "replies
                # were received from A and B; a reply from C was received after the note ..."
                for clause in _reply_clauses(sent):
                    m = _REPLIES_FOLLOWING.search(clause) or _REPLIES.search(clause)
                    if m:
                        role = "questionnaire-late" if _LATE.search(clause) else "questionnaire-in-time"
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
        found = officers_of_paragraph(p, trailing.get(p.number, []))
        for role, name, state in found:
            officers.append(OfficerFact(role=role, person=name, state=state, paragraph=p.number))
            person(name, p.number, role, state)
        for role, name, state, ours in session_officers(p.text, ordinal):
            if ours:
                session.append((role, name, state, p.number))
            else:
                person(name, p.number, None, state)
        persons_in_paragraph(p, person)
    # "The Chair of the session, Name (State)": an officer unless the election named the office
    for role, name, state, para in session:
        if not any(o.person == name or o.role == role for o in officers):
            officers.append(OfficerFact(role=role, person=name, state=state, paragraph=para))
        person(name, para, role, state)
    # every other State mention: role "mentioned"
    roles_in_para = {(s.iso3, s.paragraph) for s in c.states}
    for p in doc.paragraphs:
        for as_given, iso, _a, _b in find_states(p.full_text):
            if (iso, p.number) not in roles_in_para:
                roles_in_para.add((iso, p.number))
                c.state(iso, "mentioned", as_given, p.number)
    return c.states, c.orgs, officers, list(persons.values())
