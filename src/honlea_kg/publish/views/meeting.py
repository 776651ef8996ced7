"""The meeting page: who chaired, who attended, what was on the agenda and before the meeting,
what was recommended and found, in that order (the questions a researcher asks first)."""

from __future__ import annotations

from ..kinds import HL, PageKind, register
from ..labels import plural_label
from .base import DCT, OPENGOV, ORG, PROV, SCHEMA, Page, dom_id, group_by, natural_key, plural, role_order


def state_as_printed(page: Page, agent: str | None) -> dict | None:
    """A link to a State (or organization) with the name this meeting's report printed for it
    (the ``hl:asGiven`` of its participation, as the attendance list shows it: "Netherlands"),
    today's name as the tooltip when they differ ("Today: Netherlands (Kingdom of the)"); today's
    name alone when the report's participations do not name it."""
    link = page.link(agent)
    if link is None:
        return None
    printed = _printed_names(page).get(agent)
    if printed and printed != link["text"]:
        link = dict(link, text=printed, title=f"Today: {link['text']}")
    return link


def _printed_names(page: Page) -> dict[str, str]:
    """Agent IRI -> the name printed for it by the participations of the page's meeting."""
    cached = getattr(page, "_printed_names", None)
    if cached is None:
        cached = {}
        for iri in page.parts(HL + "Participation"):
            agent, printed = page.value(iri, SCHEMA + "attendee"), page.value(iri, HL + "asGiven")
            if agent and printed:
                cached.setdefault(agent, printed.removeprefix("the "))
        page._printed_names = cached
    return cached


def officers(page: Page, order: dict[str, int]) -> list[dict]:
    """The meeting's officers: ``{"role", "person", "state", "anchor"}``, Chair first; the State
    with the name as printed (:func:`state_as_printed`)."""
    rows = []
    for iri in page.parts(HL + "OfficerMandate"):
        role = page.value(iri, ORG + "role")
        rows.append({"role": page.concept_label(role) or page.value(iri, HL + "asGiven") or "",
                     "person": page.link(page.value(iri, ORG + "member")),
                     "state": state_as_printed(page, page.value(iri, OPENGOV + "onBehalfOf")),
                     "anchor": page.anchor(iri), "order": order.get(role or "", 99)})
    rows.sort(key=lambda r: (r["order"], natural_key(r["role"])))
    return rows


def record_link(page: Page, record: str, agent: str | None) -> dict | None:
    """A link to the ``agent`` of a per-meeting ``record`` (a participation, a country report
    ...): today's name, with ``printed`` the name as the report printed it when it differs
    ("Turkey" for Türkiye), and ``anchor`` the record's fragment id on the page."""
    link = page.link(agent)
    if link is None:
        return None
    printed = page.value(record, HL + "asGiven")
    if printed and printed.removeprefix("the ") != link["text"]:
        link["printed"] = printed.removeprefix("the ")
    link["anchor"] = page.anchor(record)
    return link


def attendance(page: Page, order: dict[str, int]) -> tuple[list[dict], int]:
    """Participations grouped by role (member States, observers, secretariat ...), each group
    ``{"role", "count", "members": [link with "printed" name]}``; and the number of States."""
    rows = []
    states = 0
    for iri in page.parts(HL + "Participation"):
        agent = page.value(iri, SCHEMA + "attendee")
        link = record_link(page, iri, agent)
        if link is None:
            continue
        is_state = page.is_a(agent, HL + "State")
        states += is_state
        role = page.value(iri, SCHEMA + "roleName")
        rows.append((role, is_state, link))
    if not rows:  # a graph with the meeting's schema:attendee only, no participation records
        for agent in dict.fromkeys(t.object.value for t in page.triples() if t.predicate.value == SCHEMA + "attendee"):
            link = page.link(agent)
            is_state = page.is_a(agent, HL + "State")
            states += is_state
            rows.append((None, is_state, link))
    groups = []
    for role, members in sorted(group_by(rows, lambda r: r[0]).items(), key=lambda kv: order.get(kv[0] or "", 99)):
        members.sort(key=lambda r: natural_key(r[2].get("printed") or r[2]["text"]))
        n_states = sum(1 for r in members if r[1])
        label = page.concept_label(role) or "Participant"
        group = {"role": label, "count": len(members), "states": n_states, "others": len(members) - n_states,
                 "members": [r[2] for r in members], "id": "attendance-" + dom_id(label).lower()}
        groups.append(group)
    for group in groups:
        group["phrase"] = attendance_phrase(group, all_states=states > 1 and group["states"] == states)
    return groups, states


def attendance_phrase(group: dict, all_states: bool = False) -> str:
    """``34 member States``, ``2 observer States and 3 observer organizations``,
    ``secretariat: United Nations Office on Drugs and Crime`` (names when there are one or two).

    ``all_states``: the group holds every State attending, so the count the sentence opens with
    ("34 States attending") is not repeated: ``all member States`` (new-user finding: "34 States
    attending: 34 member States")."""
    role = group["role"][:1].lower() + group["role"][1:]
    parts = []
    if group["states"]:
        noun = role if role.endswith("State") else f"{role} State"
        count = "all" if all_states else str(group["states"])
        parts.append(f"{count} {noun}{'s' if group['states'] != 1 else ''}")
    if group["others"]:
        others = [m.get("printed") or m["text"] for m in group["members"]]
        if group["others"] <= 2 and not group["states"]:
            parts.append(f"{role}: " + " and ".join(others))
        else:
            parts.append(f"{group['others']} {role} organization{'s' if group['others'] != 1 else ''}")
    return " and ".join(parts)


def agenda(page: Page) -> dict | None:
    """The meeting's agenda items as a nested list: ``{"link", "items": [{"number", "title",
    "href", "subs"}]}``."""
    items = [t.object.value for t in page.triples() if t.predicate.value == HL + "hasAgendaItem"]
    if not items:
        return None
    parents = {i: page.value(i, DCT + "isPartOf") for i in items}
    nodes = {}
    for i in items:
        link = page.link(i)
        nodes[i] = {"number": page.value(i, HL + "itemNumber") or "", "title": page.lab.title_of(i) or link["text"],
                    "href": link["href"], "subs": []}
    top = []
    for i in sorted(items, key=lambda i: natural_key(nodes[i]["number"])):
        parent = parents.get(i)
        (nodes[parent]["subs"] if parent in nodes else top).append(nodes[i])
    agenda_doc = page.obj(page.doc, HL + "agenda")
    return {"link": page.link(agenda_doc), "items": top}


def sittings(page: Page) -> list[dict]:
    """The sittings (``{"link", "number", "date", "items": [links]}``) in order."""
    out = []
    for s in page.incoming(SCHEMA + "superEvent", HL + "Sitting"):
        considered = []
        for t in page.ix.out.get(s, []):
            if t.predicate.value == DCT + "subject" and page.is_a(t.subject.value, HL + "Consideration"):
                considered.append(t.object.value)
        number = page.value(s, HL + "ordinal") or ""
        items = sorted(dict.fromkeys(considered), key=lambda i: natural_key(page.value(i, HL + "itemNumber") or ""))
        out.append({"link": page.link(s), "number": number,
                    "date": page.meeting_date(s) if page.value(s, SCHEMA + "startDate") else "",
                    "items": [dict(page.link(i), text=page.value(i, HL + "itemNumber") or page.link(i)["text"],
                                   title=page.link(i)["text"]) for i in items]})
    out.sort(key=lambda r: natural_key(r["number"]))
    return out


def documents(page: Page) -> list[dict]:
    """The documents before the meeting: ``{"symbol": link, "title", "item": link or None}``,
    in natural symbol order."""
    rows = []
    for d in dict.fromkeys(t.object.value for t in page.triples() if t.predicate.value == PROV + "used"):
        link = page.link(d)
        link["text"] = page.lab.symbol_of(d)
        item = page.value(d, HL + "consideredUnder")
        item_link = page.link(item)
        if item_link:
            item_link["title"] = item_link["text"]
            item_link["text"] = page.value(item, HL + "itemNumber") or item_link["text"]
        rows.append({"symbol": link, "title": page.lab.title_of(d) or "", "item": item_link})
    rows.sort(key=lambda r: natural_key(r["symbol"]["text"]))
    return rows


def working_groups(page: Page) -> list[str]:
    """The working groups of the meeting, by number."""
    groups = page.incoming(HL + "forMeeting", HL + "WorkingGroup")
    return sorted(groups, key=lambda g: natural_key(page.value(g, HL + "number") or page.ix.label_text(g)))


def findings_by_group(page: Page, groups: list[str], order: dict[str, int]) -> tuple[list[dict], list[dict]]:
    """Recommendations and other findings per working group (topic): two lists of ``{"group":
    link, "id", "kinds": [{"kind", "items": [{"letter", "text", "href"}]}]}``."""
    recs, other = [], []
    adopted = {t.object.value for t in page.triples() if t.predicate.value == HL + "adopted"}
    by_group = group_by(page.incoming(HL + "forMeeting", HL + "Finding") + sorted(adopted),
                        lambda f: page.value(f, PROV + "wasAttributedTo"))
    for g in groups + [k for k in by_group if k not in groups]:
        found = list(dict.fromkeys(by_group.get(g, [])))
        if not found:
            continue
        link = page.link(g) if g else None
        title = page.lab.title_of(g) if g else None
        number = page.value(g, HL + "number") if g else None
        name = f"{number}. {title}" if number and title else (title or (link["text"] if link else "Other"))
        rec_items, kinds = [], group_by([f for f in found if not page.is_a(f, HL + "Recommendation")],
                                        lambda f: page.value(f, HL + "findingKind"))
        for f in sorted((f for f in found if page.is_a(f, HL + "Recommendation")),
                        key=lambda f: natural_key(page.value(f, HL + "letter") or "")):
            rec_items.append(finding_item(page, f))
        gid = dom_id(f"topic-{number or len(recs) + 1}")
        if rec_items:
            recs.append({"group": link, "name": name, "id": "recommendations-" + gid, "items": rec_items})
        kind_rows = []
        for kind, items in sorted(kinds.items(), key=lambda kv: (order.get(kv[0] or "", 99),
                                                                   natural_key(page.concept_label(kv[0]) or ""))):
            items = sorted(items, key=lambda f: natural_key(page.value(f, HL + "letter") or ""))
            kind_rows.append({"kind": plural_label((page.concept_label(kind) or "finding").capitalize()),
                              "items": [finding_item(page, f) for f in items]})
        if kind_rows:
            other.append({"group": link, "name": name, "id": "findings-" + gid, "kinds": kind_rows})
    return recs, other


def finding_item(page: Page, f: str) -> dict:
    link = page.link(f)
    return {"letter": page.value(f, HL + "letter") or "", "text": page.text(f) or link["text"], "href": link["href"],
            "label": link["text"]}


def records(page: Page, cls: str, prop: str) -> list[dict]:
    """Per-meeting records of one class (country reports, questionnaire replies, statements),
    each a link to the agent with the name as printed, sorted by it."""
    out = []
    for iri in page.parts(cls):
        link = record_link(page, iri, page.value(iri, prop))
        if link is None:
            continue
        link["timing"] = page.concept_label(page.value(iri, HL + "timing"))
        out.append(link)
    out.sort(key=lambda r: natural_key(r.get("printed") or r["text"]))
    return out


def persons(page: Page) -> list[dict]:
    """Persons the report names at this meeting: ``{"person", "roles", "state", "anchor"}``."""
    out = []
    for iri in page.parts(HL + "PersonMention"):
        roles = [t.object.value for t in page.triples(iri) if t.predicate.value == SCHEMA + "roleName"]
        out.append({"person": page.link(page.value(iri, HL + "person")), "roles": "; ".join(roles),
                    "state": state_as_printed(page, page.value(iri, OPENGOV + "onBehalfOf")),
                    "anchor": page.anchor(iri)})
    out.sort(key=lambda r: natural_key(r["person"]["text"] if r["person"] else ""))
    return out


def meeting_view(page: Page) -> dict:
    """Everything the meeting page answers (see the module docstring)."""
    m = page.doc
    page.meeting = m
    order = role_order(page.iris)
    start, end = page.value(m, SCHEMA + "startDate"), page.value(m, SCHEMA + "endDate")
    report = next(iter(page.incoming(HL + "reportOf")), None)
    offs = officers(page, order)
    groups, n_states = attendance(page, order)
    groups_wg = working_groups(page)
    recs, other = findings_by_group(page, groups_wg, order)
    docs = documents(page)
    ctx = {
        "code": page.value(m, HL + "meetingCode"),
        "series": page.link(page.value(m, SCHEMA + "superEvent")),
        "dates": page.meeting_date(m) if start or end else "",
        "next_year": page.value(m, HL + "nextYear"),
        "place": page.link(page.obj(m, SCHEMA + "location")),
        "report": page.link(report),
        "issued": page.lab.literal(_date_literal(page.value(report, DCT + "issued")))["text"]
        if report and page.value(report, DCT + "issued") else None,
        "previous": page.link(page.obj(m, HL + "previousMeeting")),
        "next": page.link(page.obj(m, HL + "nextMeeting")),
        "chair": next((o for o in offs if o["order"] == 0), offs[0] if offs else None),
        "officers": offs,
        "attendance": groups,
        "states_attending": n_states,
        "attendees": sum(g["count"] for g in groups),
        "agenda": agenda(page),
        "sittings": sittings(page),
        "documents": docs,
        "recommendations": recs,
        "findings": other,
        "country_reports": records(page, HL + "CountryReport", DCT + "creator"),
        "questionnaire": records(page, HL + "QuestionnaireResponse", DCT + "creator"),
        "statements": records(page, HL + "Statement", PROV + "wasAssociatedWith"),
        "persons": persons(page),
        "groups": [page.link(g) for g in groups_wg],
    }
    ctx["recommendation_count"] = sum(len(r["items"]) for r in recs)
    toc = [("at-a-glance", "At a glance", None)]
    for key, anchor, text in (("officers", "officers", "Officers"), ("attendance", "attendance", "Attendance"),
                              ("recommendations", "recommendations", "Recommendations"),
                              ("agenda", "agenda", "Agenda"), ("documents", "documents", "Documents before the meeting"),
                              ("sittings", "sittings", "Sittings"), ("findings", "findings", "Findings of the working groups"),
                              ("country_reports", "country-reports", "Country reports"),
                              ("questionnaire", "questionnaire", "Questionnaire replies"),
                              ("statements", "statements-made", "Statements"), ("persons", "persons", "Persons named")):
        if ctx[key]:
            subs = [(r["id"], r["name"]) for r in recs] if key == "recommendations" else None
            toc.append((anchor, text, subs))
    ctx["toc"] = [{"href": "#" + a, "text": t, "subs": [{"href": "#" + i, "text": n} for i, n in (s or [])]}
                  for a, t, s in toc]
    parts = []
    if ctx["dates"]:
        parts.append(ctx["dates"])
    if ctx["place"]:
        parts.append(ctx["place"]["text"])
    if ctx["chair"] and ctx["chair"]["person"]:
        parts.append(f"chaired by {ctx['chair']['person']['text']}")
    if n_states:
        parts.append(f"{plural(n_states, 'State')} attending")
    ctx["description"] = ", ".join(parts)
    ctx["crumbs"] = [ctx["series"]] if ctx["series"] else []
    return ctx


def _date_literal(value: str | None):
    import pyoxigraph as ox

    return ox.Literal(value or "", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date"))


register(PageKind("meeting", "Meeting", (HL + "Meeting",), meeting_view, "kinds/meeting.html",
                  "Who chaired and who attended; what was on the agenda and before the meeting; what was "
                  "recommended and found, by topic."))

__all__ = ["meeting_view"]
