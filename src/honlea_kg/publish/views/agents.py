"""State, organization and person pages: the agent's roles meeting by meeting (attendance as a
member or an observer, offices held, country reports, questionnaire replies, statements), the
name each report printed, and the paragraphs that mention it, bounded at corpus scale."""

from __future__ import annotations

from ..charts import series_code
from ..kinds import HL, PageKind, register
from .base import DCT, OPENGOV, ORG, PROV, SCHEMA, Page, plural

SKOS_EXACT = "http://www.w3.org/2004/02/skos/core#exactMatch"
#: Meetings shown in the roles table before the paged list.
ROLE_ROWS = 50


def roles_by_meeting(page: Page) -> dict[str, dict]:
    """Meeting IRI -> what the agent did there, from the incoming triples: ``{"role",
    "printed" (set), "offices" [(role, person link)], "country_report", "questionnaire",
    "statement", "mentions"}``."""
    ix = page.ix
    meetings: dict[str, dict] = {}

    def at(meeting: str | None) -> dict | None:
        if not meeting:
            return None
        return meetings.setdefault(meeting, {"role": set(), "printed": set(), "offices": [], "country_report": False,
                                             "questionnaire": set(), "statement": False, "mentions": []})

    for t in ix.inc.get(page.doc, []):
        s, p = t.subject.value, t.predicate.value
        types = ix.types.get(s, ())
        meeting = ix.value(s, HL + "forMeeting") or (ix.value(s, SCHEMA + "superEvent") if HL + "Statement" in types
                                                      else None)
        row = at(meeting)
        printed = ix.value(s, HL + "asGiven")
        if p == SCHEMA + "attendee" and HL + "Participation" in types and row is not None:
            row["role"].add(page.concept_label(ix.value(s, SCHEMA + "roleName")) or "Participant")
        elif p == DCT + "creator" and HL + "CountryReport" in types and row is not None:
            row["country_report"] = True
        elif p == DCT + "creator" and HL + "QuestionnaireResponse" in types and row is not None:
            row["questionnaire"].add(page.concept_label(ix.value(s, HL + "timing")) or "received")
        elif p == PROV + "wasAssociatedWith" and HL + "Statement" in types and row is not None:
            row["statement"] = True
        elif p == OPENGOV + "onBehalfOf" and HL + "OfficerMandate" in types and row is not None:
            row["offices"].append((page.concept_label(ix.value(s, ORG + "role")) or ix.value(s, HL + "asGiven") or "",
                                   page.link(ix.value(s, ORG + "member"))))
            printed = None  # the role as written, not the State's name
        elif p in (ORG + "member", HL + "person") and row is not None:
            if HL + "OfficerMandate" in types:
                row["offices"].append((page.concept_label(ix.value(s, ORG + "role")) or "", None))
            printed = None
        else:
            continue
        if printed and row is not None:
            row["printed"].add(printed.removeprefix("the "))
    return meetings


def mentions(page: Page, needles: list[str]) -> list[list]:
    """The paragraphs mentioning (``schema:mentions``) the agent, as listing rows (paragraph,
    meeting, snippet), in meeting order."""
    paras = page.incoming(SCHEMA + "mentions")
    rows = []
    for para in paras:
        report = para.split("#", 1)[0]
        meeting = page.ix.value(report, HL + "reportOf")
        rows.append((page.meeting_key(meeting) if meeting else ("",), page.lab.sort_key(para), [
            page.link(para), page.meeting_link(meeting) or {"text": ""},
            {"text": page.snippet(page.ix.full_text_of(para) or page.ix.label_text(para), needles)}]))
    rows.sort(key=lambda r: (r[0], r[1]))
    return [r[2] for r in rows]


def agent_view(page: Page) -> dict:
    """The State or organization page."""
    ix = page.ix
    label = ix.label_text(page.doc)
    roles = roles_by_meeting(page)
    ordered = sorted(roles, key=page.meeting_key)
    printed_names: dict[str, list] = {}
    rows = []
    member = observer = 0
    for m in ordered:
        r = roles[m]
        member += "Member State" in r["role"]
        observer += "Observer" in r["role"]
        for name in r["printed"]:
            printed_names.setdefault(name, []).append(page.meeting_link(m))
        offices = "; ".join(f"{role} ({who['text']})" if who else role for role, who in r["offices"])
        rows.append([page.meeting_link(m), {"text": page.meeting_date(m)},
                     {"text": ", ".join(sorted(r["role"])) or "—"},
                     {"text": ", ".join(sorted(r["printed"])) or "—"},
                     {"text": offices or "—"},
                     {"text": "yes" if r["country_report"] else "—"},
                     {"text": ", ".join(sorted(r["questionnaire"])) or "—"},
                     {"text": "yes" if r["statement"] else "—"}])
    rows.reverse()  # the latest meetings first
    attended = sum(1 for m in ordered if roles[m]["role"])
    table = page.listing("roles", "Roles meeting by meeting",
                         ["Meeting", "Dates", "Attended as", "Name as printed", "Offices held", "Country report",
                          "Questionnaire reply", "Statement"], rows, shown=ROLE_ROWS,
                         caption="Roles at each meeting (latest first)")
    needles = sorted({label, *printed_names}, key=len, reverse=True)
    mention_rows = mentions(page, needles)
    same_as = [t.object.value for t in page.triples() if t.predicate.value in (SCHEMA + "sameAs", SKOS_EXACT)]
    ctx = {
        "identifier": page.obj(page.doc, DCT + "identifier"),
        "same_as": sorted(set(same_as)),
        "printed_names": [{"name": n, "meetings": ms} for n, ms in sorted(printed_names.items())],
        "label": label,
        "roles": table,
        "attended": attended, "member": member, "observer": observer,
        "offices_held": sum(len(roles[m]["offices"]) for m in ordered),
        "country_reports": sum(roles[m]["country_report"] for m in ordered),
        "mentions": page.listing("mentions", "Paragraphs that mention it", ["Paragraph", "Meeting", "Text"],
                                 mention_rows, caption="Paragraphs that mention it, by meeting"),
        "chart": attendance_series(page, roles, ordered) if attended else None,
        "body_of": [page.link(s) for s in page.incoming(SCHEMA + "organizer", HL + "MeetingSeries")],
        "alternate": sorted({t.object.value for t in page.triples()
                             if t.predicate.value in (SCHEMA + "alternateName",
                                                      "http://www.w3.org/2004/02/skos/core#altLabel")}),
    }
    parts = []
    if attended:
        parts.append(f"attended {plural(attended, 'meeting')}")
        if member and observer:
            parts.append(f"{member} as a member State and {observer} as an observer")
    if ctx["offices_held"]:
        parts.append(f"held {plural(ctx['offices_held'], 'office')}")
    if mention_rows:
        parts.append(f"mentioned in {plural(len(mention_rows), 'paragraph')}")
    ctx["description"] = ", ".join(parts)
    ctx["summary"] = ", ".join(parts)
    return ctx


def attendance_series(page: Page, roles: dict, ordered: list[str]) -> dict:
    """The data of the 'attendance over time' chart: one row per meeting attended (``series``
    code, ``meeting`` code, ``date``, ``year``, ``role``, ``series_name``)."""
    rows = []
    for m in ordered:
        if not roles[m]["role"]:
            continue
        code, name = series_code(page.ix, page.value(m, SCHEMA + "superEvent"))
        start = page.value(m, SCHEMA + "startDate") or ""
        rows.append({"series": code, "meeting": page.value(m, HL + "meetingCode") or page.ix.label_text(m),
                     "date": start, "year": start[:4], "role": ", ".join(sorted(roles[m]["role"])),
                     "series_name": name})
    return {"name": "attendance", "kind": "attendance-over-time", "rows": rows,
            "title": "Meetings attended, by series and date"}


def person_view(page: Page) -> dict:
    """The person page: the positions and State given at each meeting, offices held."""
    ix = page.ix
    label = ix.label_text(page.doc)
    rows = []
    for s in page.incoming(HL + "person", HL + "PersonMention") + page.incoming(ORG + "member", HL + "OfficerMandate"):
        meeting = ix.value(s, HL + "forMeeting")
        if HL + "OfficerMandate" in ix.types.get(s, ()):
            what = page.concept_label(ix.value(s, ORG + "role")) or ix.value(s, HL + "asGiven") or ""
            kind = "Office"
        else:
            what = "; ".join(t.object.value for t in page.ix.by_subject.get(s, []) or []
                             if t.predicate.value == SCHEMA + "roleName")
            kind = "Named as"
        rows.append((page.meeting_key(meeting) if meeting else ("",), [
            page.meeting_link(meeting) or {"text": ""}, {"text": kind}, {"text": what or "—"},
            page.link(ix.value(s, OPENGOV + "onBehalfOf")) or {"text": "—"}]))
    rows.sort(key=lambda r: r[0], reverse=True)
    table = page.listing("roles", "Meeting by meeting", ["Meeting", "Record", "Position or office", "State"],
                         [r[1] for r in rows], shown=ROLE_ROWS, caption="Positions and offices at each meeting (latest first)")
    mention_rows = mentions(page, [label])
    meetings = {r[1][0]["text"] for r in rows if r[1][0].get("href")}
    ctx = {"label": label, "roles": table, "meetings": len(meetings),
           "mentions": page.listing("mentions", "Paragraphs that name the person", ["Paragraph", "Meeting", "Text"],
                                    mention_rows, caption="Paragraphs that name the person, by meeting")}
    ctx["description"] = f"{label}: named at {plural(len(meetings), 'meeting')}"
    ctx["summary"] = f"named in the reports of {plural(len(meetings), 'meeting')}"
    return ctx


register(PageKind("state", "State", (HL + "State",), agent_view, "kinds/agent.html",
                  "Which meetings it attended and as what; the offices it held; its country reports, questionnaire "
                  "replies and statements; the name each report printed."))
register(PageKind("person", "Person", ("http://xmlns.com/foaf/0.1/Person", SCHEMA + "Person"), person_view,
                  "kinds/person.html", "Which meetings name the person, with which positions and State; offices held."))
register(PageKind("organization", "Organization", (HL + "SubsidiaryBody", ORG + "FormalOrganization",
                                                   ORG + "Organization", SCHEMA + "Organization"),
                  agent_view, "kinds/agent.html",
                  "Which meetings it attended and as what; the paragraphs that mention it."))

__all__ = ["agent_view", "person_view"]
