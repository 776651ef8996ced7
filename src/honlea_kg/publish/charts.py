"""Charts where people would rather look than read, drawn in the browser by Vega-Lite (through
vega-embed; the built JavaScript is committed under ``static/vendor/charts/``, no CDN).

A chart is a plain dict ``{"name", "kind", "title", "rows"}`` made by a view; the page writer
publishes, beside the page, its data as ``NAME.csv`` and ``NAME.json`` and its Vega-Lite
specification as ``NAME.vl.json`` (whose ``data.url`` is the CSV), and the template shows the
chart with an accessible table of the same data (or, when the data has more rows than a page
should hold, a summary table and the CSV).  Kinds:

``attendance-matrix``  rows ``state, meeting, date, role``: which State attended which meeting
                       (home and series pages); a matrix of more than :data:`MATRIX_MEETINGS`
                       meetings is drawn by year (``state, year, meetings``).
``timeline``           rows ``meeting, series, start, end, place, series_name``: meetings in time
                       (``series`` is the series' short code, see :func:`series_code`).
``attendance-over-time`` rows ``series, meeting, date, year, role, series_name``: one State's
                       attendance.
``findings-by-kind``   rows ``kind, count``: a working group's findings and recommendations.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter, defaultdict
from pathlib import Path

from .labels import format_date, natural_key

HL = "https://w3id.org/honlea-kg/ns#"
SCHEMA = "https://schema.org/"
SCHEMA_URL = "https://vega.github.io/schema/vega-lite/v6.json"
#: Above this many meetings, the attendance matrix is drawn by year.
MATRIX_MEETINGS = 60
#: Most rows an accessible table shows on a page; larger data get a summary table.
TABLE_ROWS = 200
COLUMN_NAMES = {"state": "State", "meeting": "Meeting", "date": "Date", "role": "Attended as", "year": "Year",
                "meetings": "Meetings attended", "series": "Series", "start": "Start", "end": "End",
                "place": "Place", "kind": "Kind", "count": "Number", "series_name": "Series name"}
#: The State axis of the attendance matrix shows whole names ("United Kingdom of Great Britain and
#: Northern Ireland", about 320 px), never cut with "..." (Vega's default limit is 180 px; 0: none);
#: the matrix scrolls sideways in its box on a narrow screen.
STATE_AXIS = {"labelLimit": 0}


#: The points of the time charts keep 16 px from the plot's edges (a continuous scale's padding).
TIME_SCALE = {"padding": 16}


def time_axis(dates: list[str]) -> dict:
    """The Vega-Lite axis of a time chart over ``dates`` (ISO 8601 strings): ticks by month
    labelled "Jun 2017" (d3-time-format) over up to 2 years, every 3 months up to 6, else by year
    ("2017"), so one meeting's points read as a date, never as a weekday ("Tue 27")."""
    years = sorted({d[:4] for d in dates if d[:4].isdigit()})
    span = int(years[-1]) - int(years[0]) if years else 0
    if span > 6:
        return {"format": "%Y", "labelOverlap": True, "tickCount": {"interval": "year", "step": max(1, span // 12)}}
    return {"format": "%b %Y", "labelOverlap": True,
            "tickCount": {"interval": "month", "step": 1 if span <= 2 else 3}}
def time_scale(dates: list[str]) -> dict:
    """The Vega-Lite scale of a time chart over ``dates`` (ISO 8601): points 16 px clear of the
    edges (:data:`TIME_SCALE`); when every date falls in one month (one meeting, or a State that
    attended one), the domain is that whole month (Vega-Lite DateTime objects, months 1-12), so
    the axis has its "Jun 2017" ticks instead of none on a zero-width domain."""
    months = {d[:7] for d in dates if len(d) >= 7 and d[:4].isdigit() and d[5:7].isdigit()}
    if len(months) != 1:
        return dict(TIME_SCALE)
    year, month = map(int, next(iter(months)).split("-"))
    after = (year + 1, 1) if month == 12 else (year, month + 1)
    return {**TIME_SCALE, "domain": [{"year": year, "month": month, "date": 1},
                                     {"year": after[0], "month": after[1], "date": 1}]}


#: The height of a row of a fit-x chart's discrete y axis, in pixels (a series, a kind of finding).
ROW_PX = 28
#: Charts as wide as their box, their height from their discrete rows ("fit-x": Vega-Lite drops
#: a "fit" height when the height is discrete, with a console warning).
FIT_X = {"type": "fit-x", "contains": "padding"}


def series_code(ix, series: str | None) -> tuple[str, str]:
    """``(code, name)`` of a meeting series: its ``hl:seriesCode`` ("HONEURO") for axes and
    legends, where the full name ("Meeting of Heads of National Drug Law Enforcement Agencies,
    Europe") would be cut, and its label for tooltips and tables; the label twice when the graph
    has no code, ``("", "")`` for no series."""
    if not series:
        return "", ""
    name = ix.label_text(series)
    return ix.value(series, HL + "seriesCode") or name, name


def participations(ix) -> dict[str, list[tuple[str, str]]]:
    """Meeting IRI -> [(attendee IRI, role concept IRI)] of every participation in the graph
    (computed once per index; the participations are found with ``ix.iris_of_type``, which the
    build's per-document index answers without walking the graph)."""
    cached = getattr(ix, "_participations", None)
    if cached is not None:
        return cached
    out: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for iri in ix.iris_of_type(HL + "Participation", None):
        meeting = ix.value(iri, HL + "forMeeting")
        agent = ix.value(iri, SCHEMA + "attendee")
        if meeting and agent:
            out[meeting].append((agent, ix.value(iri, SCHEMA + "roleName") or ""))
    ix._participations = out
    return out


def attendance_matrix(ix, lab, meetings: list[str], here: str) -> dict:
    """The State x meeting attendance chart of ``meetings`` (chronological)."""
    parts = participations(ix)
    rows = []
    by_year = len(meetings) > MATRIX_MEETINGS
    counts: Counter = Counter()
    for m in meetings:
        code = ix.value(m, HL + "meetingCode") or ix.label_text(m)
        start = ix.value(m, SCHEMA + "startDate") or ""
        for agent, role in sorted(parts.get(m, [])):
            if HL + "State" not in ix.types.get(agent, ()):
                continue
            state = ix.label_text(agent)
            if by_year:
                counts[(state, start[:4] or "unknown")] += 1
            else:
                rows.append({"state": state, "meeting": code, "date": start, "role": ix.label_text(role)})
    if by_year:
        rows = [{"state": s, "year": y, "meetings": n} for (s, y), n in sorted(counts.items())]
    return {"name": "attendance-matrix", "kind": "attendance-matrix", "by_year": by_year, "rows": rows,
            "title": "Which States attended which meeting" + (" (meetings per year)" if by_year else "")}


def timeline(ix, lab, meetings: list[str], here: str) -> dict:
    """The timeline of ``meetings``: one row per meeting with a known start date."""
    rows = []
    for m in meetings:
        start = ix.value(m, SCHEMA + "startDate")
        if not start:
            continue
        code, name = series_code(ix, ix.value(m, SCHEMA + "superEvent"))
        place = ix.value(m, SCHEMA + "location")
        rows.append({"meeting": ix.value(m, HL + "meetingCode") or ix.label_text(m),
                     "series": code, "start": start, "end": ix.value(m, SCHEMA + "endDate") or start,
                     "place": ix.label_text(place) if place else "", "series_name": name})
    return {"name": "timeline", "kind": "timeline", "rows": rows, "title": "Meetings in time, by series"}


def spec(chart: dict, data_url: str) -> dict:
    """The Vega-Lite specification of ``chart`` reading its data from ``data_url`` (CSV)."""
    kind = chart["kind"]
    base = {"$schema": SCHEMA_URL, "description": chart["title"], "width": "container",
            "data": {"url": data_url, "format": {"type": "csv"}}, "config": {"font": "system-ui, sans-serif"}}
    if kind == "attendance-matrix":
        base.update({"width": {"step": 22}, "height": {"step": 16}})
    if kind == "attendance-matrix" and chart.get("by_year"):
        base.update({"mark": "rect", "encoding": {
            "x": {"field": "year", "type": "ordinal", "title": "Year"},
            "y": {"field": "state", "type": "nominal", "title": None, "sort": "ascending", "axis": STATE_AXIS},
            "color": {"field": "meetings", "type": "quantitative", "title": "Meetings attended"},
            "tooltip": [{"field": "state"}, {"field": "year"}, {"field": "meetings", "type": "quantitative"}]}})
    elif kind == "attendance-matrix":
        base.update({"mark": "rect", "encoding": {
            "x": {"field": "meeting", "type": "ordinal", "title": "Meeting", "sort": {"field": "date"}},
            "y": {"field": "state", "type": "nominal", "title": None, "sort": "ascending", "axis": STATE_AXIS},
            "color": {"field": "role", "type": "nominal", "title": "Attended as"},
            "tooltip": [{"field": "state", "title": "State"}, {"field": "meeting", "title": "Meeting"},
                        {"field": "role", "title": "Attended as"}]}})
    elif kind == "timeline":
        base.update({"autosize": FIT_X, "mark": {"type": "point", "filled": True, "size": 80}, "encoding": {
            "x": {"field": "start", "type": "temporal", "title": "Date", "scale": time_scale([r["start"] for r in chart["rows"]]),
                  "axis": time_axis([r["start"] for r in chart["rows"]])},
            "y": {"field": "series", "type": "nominal", "title": "Series"},
            "tooltip": [{"field": "meeting", "title": "Meeting"}, {"field": "series_name", "title": "Series"},
                        {"field": "start", "type": "temporal", "title": "Start", "format": "%d %B %Y"},
                        {"field": "place", "title": "Place"}]}})
    elif kind == "attendance-over-time":
        base.update({"autosize": FIT_X, "mark": {"type": "point", "filled": True, "size": 80}, "encoding": {
            "x": {"field": "date", "type": "temporal", "title": "Date", "scale": time_scale([r["date"] for r in chart["rows"]]),
                  "axis": time_axis([r["date"] for r in chart["rows"]])},
            "y": {"field": "series", "type": "nominal", "title": "Series"},
            "color": {"field": "role", "type": "nominal", "title": "Attended as"},
            "tooltip": [{"field": "meeting", "title": "Meeting"}, {"field": "series_name", "title": "Series"},
                        {"field": "date", "type": "temporal", "title": "Date", "format": "%d %B %Y"},
                        {"field": "role", "title": "Attended as"}]}})
    elif kind == "findings-by-kind":
        base.update({"autosize": FIT_X, "mark": "bar", "encoding": {
            "y": {"field": "kind", "type": "nominal", "title": None},
            "x": {"field": "count", "type": "quantitative", "title": "Number", "axis": {"tickMinStep": 1}},
            "tooltip": [{"field": "kind", "title": "Kind"}, {"field": "count", "type": "quantitative"}]}})
    else:
        raise ValueError(f"unknown chart kind {kind!r}")
    if base.get("autosize") == FIT_X:
        # a fit-x chart with a discrete (step) height makes Vega-Lite warn 'Dropping "fit-y"'
        # (compile.ts getTopLevelProperties): give it a fixed height, a row band per y value
        field = base["encoding"]["y"]["field"]
        base["height"] = ROW_PX * max(1, len({r.get(field) for r in chart["rows"]}))
    return base


def columns(chart: dict) -> list[str]:
    """The data's columns, in the order of the first row."""
    return list(chart["rows"][0]) if chart["rows"] else []


def data_table(chart: dict) -> dict:
    """The accessible table shown with the chart: ``{"columns", "rows", "summary"}``, every row
    when there are at most :data:`TABLE_ROWS`, else a per-State (or per-series) summary."""
    cols = columns(chart)
    rows = chart["rows"]
    fmt = lambda c, v: format_date(v) if c in ("date", "start", "end") else str(v)  # noqa: E731
    if len(rows) <= TABLE_ROWS:
        return {"columns": [COLUMN_NAMES.get(c, c) for c in cols], "summary": False,
                "rows": [[fmt(c, r[c]) for c in cols] for r in rows]}
    key = "state" if "state" in cols else "series" if "series" in cols else cols[0]
    groups: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        groups[r[key]].append(r)
    when = "date" if "date" in cols else "start" if "start" in cols else "year" if "year" in cols else None
    out = []
    for k in sorted(groups, key=natural_key)[:TABLE_ROWS]:
        g = groups[k]
        n = sum(int(r["meetings"]) for r in g) if "meetings" in cols else len(g)
        times = sorted(str(r[when]) for r in g if r.get(when)) if when else []
        out.append([k, str(n), fmt(when, times[0]) if times else "", fmt(when, times[-1]) if times else ""])
    return {"columns": [COLUMN_NAMES.get(key, key), "Meetings", "First", "Last"], "summary": True, "rows": out}


def csv_bytes(chart: dict) -> bytes:
    cols = columns(chart)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(cols)
    for r in chart["rows"]:
        writer.writerow([r[c] for c in cols])
    return buf.getvalue().encode("utf-8")


def write_chart(folder: Path, chart: dict) -> dict:
    """Write the chart's ``NAME.csv``, ``NAME.json`` and ``NAME.vl.json`` into ``folder``;
    return what the template shows (``name``, ``title``, ``spec``, ``csv``, ``json``, ``table``)."""
    name = chart["name"]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.csv").write_bytes(csv_bytes(chart))
    (folder / f"{name}.json").write_text(json.dumps(chart["rows"], ensure_ascii=False, indent=1) + "\n",
                                         encoding="utf-8")
    (folder / f"{name}.vl.json").write_text(json.dumps(spec(chart, f"{name}.csv"), indent=1) + "\n",
                                            encoding="utf-8")
    return {"name": name, "title": chart["title"], "spec": f"{name}.vl.json", "csv": f"{name}.csv",
            "json": f"{name}.json", "table": data_table(chart), "count": len(chart["rows"])}


__all__ = ["attendance_matrix", "data_table", "series_code", "spec", "timeline", "write_chart"]
