"""Pages of a meeting's parts and of a series: the agenda (its items, the documents and
sittings of each), a sitting (the items it considered), a working group (its findings and
recommendations by kind, with a chart) and a meeting series (its meetings, an attendance matrix
and a timeline)."""

from __future__ import annotations

from ..kinds import HL, PageKind, register
from ..labels import plural_label
from .base import DCT, PROV, SCHEMA, Page, dom_id, group_by, natural_key, plural, role_order

#: Meetings a series page lists before the paged list.
SERIES_ROWS = 100


def agenda_view(page: Page) -> dict:
    """The agenda page: items (nested), each with the documents considered under it and the
    sittings that considered it."""
    meeting = page.obj(page.doc, HL + "forMeeting") or next(
        iter(page.incoming(HL + "agenda")), None)
    page.meeting = meeting
    items = page.parts(HL + "AgendaItem")
    docs = group_by(page.incoming(HL + "consideredUnder"), lambda d: page.value(d, HL + "consideredUnder"))
    sittings = group_by(page.incoming(DCT + "subject", HL + "Consideration"), lambda c: page.value(c, DCT + "subject"))
    nodes = {}
    for i in items:
        title = page.lab.title_of(i) or page.ix.label_text(i)
        nodes[i] = {"number": page.value(i, HL + "itemNumber") or "", "title": title, "anchor": page.anchor(i),
                    "documents": sorted(({"href": page.link(d)["href"], "text": page.lab.symbol_of(d),
                                          "title": page.lab.title_of(d) or ""} for d in docs.get(i, [])),
                                        key=lambda d: natural_key(d["text"])),
                    "sittings": sorted(({"href": page.link(page.value(c, SCHEMA + "superEvent"))["href"],
                                         "text": page.ix.label_text(page.value(c, SCHEMA + "superEvent"))}
                                        for c in sittings.get(i, []) if page.value(c, SCHEMA + "superEvent")),
                                       key=lambda s: natural_key(s["text"])),
                    "subs": []}
    top = []
    for i in sorted(items, key=lambda i: natural_key(nodes[i]["number"])):
        parent = page.value(i, DCT + "isPartOf")
        (nodes[parent]["subs"] if parent in nodes else top).append(nodes[i])
    status = page.concept_label(page.obj(page.doc, HL + "agendaStatus"))
    ctx = {"meeting": page.link(meeting), "status": status, "items": top}
    ctx["description"] = f"{status or 'agenda'}: {plural(len(items), 'item')}"
    ctx["crumbs"] = [c for c in (page.link(page.value(meeting, SCHEMA + "superEvent")), page.link(meeting)) if c]
    return ctx


def sitting_view(page: Page) -> dict:
    """The sitting page: its meeting, number, date and the agenda items it considered."""
    meeting = page.obj(page.doc, SCHEMA + "superEvent")
    page.meeting = meeting
    considered = []
    for c in page.parts(HL + "Consideration"):
        item = page.value(c, DCT + "subject")
        link = page.link(item)
        if link:
            link["anchor"] = page.anchor(c)
            link["number"] = page.value(item, HL + "itemNumber") or ""
            link["source"] = page.link(page.obj(c, PROV + "wasDerivedFrom"))
            considered.append(link)
    considered.sort(key=lambda i: natural_key(i["number"]))
    date = page.obj(page.doc, SCHEMA + "startDate")
    ctx = {"meeting": page.link(meeting), "number": page.obj(page.doc, HL + "ordinal"),
           "date": page.meeting_date(page.doc) if date else None,
           "as_written": page.obj(page.doc, HL + "sourcePhrase"), "items": considered,
           "source": page.link(page.obj(page.doc, PROV + "wasDerivedFrom"))}
    ctx["description"] = f"sitting {ctx['number']}: {plural(len(considered), 'agenda item')} considered"
    ctx["crumbs"] = [c for c in (page.link(page.value(meeting, SCHEMA + "superEvent")), page.link(meeting)) if c]
    return ctx


def working_group_view(page: Page) -> dict:
    """The working group page: topic, meeting, and its findings and recommendations by kind,
    each with its text (and a chart of how many of each kind)."""
    meeting = page.obj(page.doc, HL + "forMeeting")
    page.meeting = meeting
    found = page.parts(HL + "Finding")
    kinds = group_by(found, lambda f: page.value(f, HL + "findingKind"))
    groups = []
    order = role_order(page.iris)
    for kind, items in sorted(kinds.items(), key=lambda kv: (order.get(kv[0] or "", 99),
                                                             natural_key(page.concept_label(kv[0]) or ""))):
        label = (page.concept_label(kind) or "finding").capitalize()
        rows = []
        for f in sorted(items, key=lambda f: natural_key(page.value(f, HL + "letter") or "")):
            rows.append({"letter": page.value(f, HL + "letter") or "", "text": page.text(f) or "",
                         "anchor": page.anchor(f), "source": page.link(page.obj(f, PROV + "wasDerivedFrom"))})
        groups.append({"kind": plural_label(label), "id": dom_id(plural_label(label).lower()), "items": rows})
    # recommendations first: what the meeting adopted
    groups.sort(key=lambda g: (g["kind"] != "Recommendations", g["kind"]))
    wg_meeting = next(iter(page.parts(HL + "WorkingGroupMeeting")), None)
    if wg_meeting:
        page.anchor(wg_meeting)
    ctx = {"meeting": page.link(meeting), "number": page.obj(page.doc, HL + "number"),
           "title": page.lab.title_of(page.doc), "topic": page.link(page.obj(page.doc, DCT + "subject")),
           "met": page.meeting_date(wg_meeting) if wg_meeting and page.value(wg_meeting, SCHEMA + "startDate") else None,
           "met_anchor": wg_meeting.split("#", 1)[1] if wg_meeting else None,
           "groups": groups,
           "chart": {"name": "findings", "kind": "findings-by-kind",
                     "title": "Findings and recommendations of the working group, by kind",
                     "rows": [{"kind": g["kind"], "count": len(g["items"])} for g in groups]} if groups else None}
    ctx["description"] = "; ".join(f"{len(g['items'])} {g['kind'].lower()}" for g in groups) or "working group"
    ctx["crumbs"] = [c for c in (page.link(page.value(meeting, SCHEMA + "superEvent")), page.link(meeting)) if c]
    return ctx


def series_view(page: Page) -> dict:
    """The series page: its meetings (latest first, paged), the attendance matrix of States by
    meeting and the timeline of meetings (charts with their data and tables)."""
    meetings = sorted(page.incoming(SCHEMA + "superEvent", HL + "Meeting"), key=page.lab.sort_key)  # by ordinal
    rows = []
    for m in reversed(meetings):
        report = _report_of(page, m)
        rows.append([page.meeting_link(m) | {"title": page.ix.label_text(m)}, {"text": page.meeting_date(m) or "—"},
                     page.link(page.value(m, SCHEMA + "location")) or {"text": "—"},
                     page.link(report) | {"text": "Report"} if report else {"text": "referred to; no report"}])
    ctx = {"code": page.obj(page.doc, HL + "seriesCode"), "body": page.link(page.obj(page.doc, SCHEMA + "organizer")),
           "meetings": page.listing("meetings", f"Meetings of {page.ix.label_text(page.doc)}",
                                    ["Meeting", "Dates", "Place", "Report"], rows, shown=SERIES_ROWS,
                                    caption="Meetings of the series, latest first"),
           "count": len(meetings), "reported": sum(1 for m in meetings if _report_of(page, m))}
    from ..charts import attendance_matrix, timeline

    ctx["charts"] = [attendance_matrix(page.ix, page.lab, meetings, page.doc),
                     timeline(page.ix, page.lab, meetings, page.doc)]
    ctx["description"] = f"{plural(len(meetings), 'meeting')}, {ctx['reported']} with a report in this dataset"
    return ctx


def _report_of(page: Page, meeting: str) -> str | None:
    for t in page.ix.inc.get(meeting, []):
        if t.predicate.value == HL + "reportOf":
            return t.subject.value
    return None


register(PageKind("agenda", "Agenda", (HL + "Agenda",), agenda_view, "kinds/agenda.html",
                  "The items of the agenda; for each, the documents considered under it and the sittings that "
                  "considered it."))
register(PageKind("sitting", "Sitting", (HL + "Sitting",), sitting_view, "kinds/sitting.html",
                  "When the sitting was held and which agenda items it considered."))
register(PageKind("working-group", "Working group", (HL + "WorkingGroup",), working_group_view,
                  "kinds/working-group.html",
                  "The group's topic and meeting; its recommendations, conclusions and observations with their text."))
register(PageKind("series", "Meeting series", (HL + "MeetingSeries",), series_view, "kinds/series.html",
                  "Which meetings the series held, when and where; which States attended which meeting."))

__all__ = ["agenda_view", "series_view", "sitting_view", "working_group_view"]
