"""Working groups: topics, points by chapeau, agenda sub-item matched by title."""

from __future__ import annotations

from datetime import date

from honlea_kg.extract.groups import match_agenda_item, point_kind


def test_point_kind_by_chapeau():
    assert point_kind("The following recommendations were made with regard to the topic") == "recommendation"
    assert point_kind("In its consideration of the topic under review, the working group made the following observations:") == "observation"
    assert point_kind("The working group reached the following conclusions:") == "conclusion"
    assert point_kind("Conclusions were reached by the group as follows:") == "conclusion"
    assert point_kind("The Meeting adopted the following agenda:") is None


def test_real_report_topics(document):
    from honlea_kg.extract.agenda import extract_agendas
    from honlea_kg.extract.groups import extract_topics
    from honlea_kg.extract.meeting import extract_meeting

    m = extract_meeting(document)
    topics = extract_topics(document, m, extract_agendas(document, m))
    assert [(t.number, t.agenda_item) for t in topics] == [(1, "6(a)"), (2, "6(b)"), (3, "6(d)"), (4, "6(c)")]
    counts = [(sum(p.kind == k for p in t.points)) for k in ("recommendation", "observation", "conclusion") for t in topics]
    assert counts == [3, 6, 3, 4, 5, 4, 5, 6, 4, 7, 4, 5]
    assert [t.wg_date for t in topics] == [date(2017, 6, 28)] * 3 + [date(2017, 6, 29)]
    rec = topics[3].points[0]
    assert (rec.kind, rec.letter, rec.paragraph) == ("recommendation", "a", 5)
    assert rec.text.startswith("In support of the investigation") and "access by their law" in rec.text


def test_match_by_title_not_position():
    from honlea_kg.facts import AgendaItemFact, MeetingRef

    ref = MeetingRef("HONEURO", 12)
    items = [AgendaItemFact(ref, "adopted", n, t, t, "6", 55) for n, t in
             [("6(a)", "Money-laundering, illicit financial flows"), ("6(b)", "Use of the Internet")]]
    assert match_agenda_item("use of the internet", items) == "6(b)"
    assert match_agenda_item("Money laundering, illicit financial flows", items) == "6(a)"
    assert match_agenda_item("Something else entirely", items) is None
