"""Working groups: topics, their lettered recommendations, observations and conclusions, the
working group's meeting date and the agenda sub-item each topic was considered under.

Report layout (HONLEA reports since the 2010s): chapter I lists the recommendations under
numbered topic headings ("1. Use of the Internet ..."), the chapter "Consideration of topics by
working groups" repeats the headings with the observations and conclusions.  Each list of
lettered points is introduced by a chapeau that says what the points are: "The following
recommendations were made ...", "the working group made the following observations",
"The working group reached the following conclusions" (:func:`point_kind`).  A topic is keyed by
its heading number; the agenda sub-item is found by comparing titles (normalised), never by
position (gold judgement call 4: topic 4 is item 6(c) in the sample).
"""

from __future__ import annotations

import re

from ..facts import AgendaItemFact, MeetingFact, PointFact, TopicFact
from ..model import Document
from .dates import find_dates
from .text import norm_title, title_similarity

_KIND_PATTERNS = (
    (re.compile(r"(?i)\bfollowing\s+(recommendations|observations|conclusions|findings)\b"), None),
    (re.compile(r"(?i)\b(recommendations|observations|conclusions)\s+(?:were|was|have\s+been)\s+"
                r"(?:made|reached|adopted|agreed|formulated|drawn)"), None),
    (re.compile(r"(?i)\b(recommend|observ|conclu)"), None),
)
_KIND_OF = {"recommend": "recommendation", "observ": "observation", "conclu": "conclusion",
            "finding": "observation"}
_QUOTED_TOPIC = re.compile(r"(?i)(?:topic|issue|theme)(?:\s+\d{1,2})?,?\s+entitled\s+[\u201c\"](?P<title>[^\u201d\"]+)[\u201d\"]")
#: A topic heading worded "Issue 1: Title", "Topic 2. Title", "Theme 3 - Title" (Asia-Pacific
#: reports), when the segmenter left it as an unnumbered heading.
_WORDED_TOPIC = re.compile(r"^(?:Issue|Topic|Theme|Subject)\s+(?P<n>\d{1,2})\s*[:.\u2013\u2014-]\s*(?P<title>\S.*)$")
_WG_MEETINGS = re.compile(
    r"(?i)\bworking\s+group\s+(?:held|met)\b[^.]*?(?:\bon|\bfrom)\s+(?P<when>[^.;]{3,60})")


def point_kind(chapeau: str) -> str | None:
    """``recommendation``, ``observation`` or ``conclusion`` for the chapeau introducing a list
    of lettered points, or ``None`` if it introduces none of these."""
    for pattern, _ in _KIND_PATTERNS:
        m = pattern.search(chapeau)
        if m:
            word = m.group(1).lower()
            for stem, kind in _KIND_OF.items():
                if word.startswith(stem):
                    return kind
    return None


def match_agenda_item(title: str, items: list[AgendaItemFact]) -> str | None:
    """The number of the agenda sub-item (or item) whose title is ``title``: equal after
    :func:`~.text.norm_title`, else the most similar title with a word overlap of at least 0.8."""
    key = norm_title(title)
    subs = [i for i in items if i.parent] or items
    for it in subs:
        if norm_title(it.title) == key:
            return it.number
    best, score = None, 0.0
    for it in subs:
        s = title_similarity(title, it.title)
        if s > score:
            best, score = it.number, s
    return best if score >= 0.8 else None


def _paragraph_headings(doc: Document) -> dict[int, tuple[str, str]]:
    """Paragraph number -> (topic number, title) of the topic heading it stands under: the
    segmenter's numbered heading (:attr:`Paragraph.heading`), else the nearest preceding heading
    worded "Issue N: Title" in the same chapter (until a chapter or section heading)."""
    out: dict[int, tuple[str, str]] = {}
    marks = []  # (offset, (number, title) or None to reset)
    for h in doc.headings:
        if h.kind in ("chapter", "section", "annex"):
            marks.append((h.span.start, None))
        elif h.kind in ("topic", "subheading"):
            m = _WORDED_TOPIC.match(h.text.strip())
            if m:
                marks.append((h.span.start, (m.group("n"), m.group("title").strip())))
            elif h.kind == "topic" and h.number and h.number.isdigit():
                marks.append((h.span.start, (h.number, h.text)))
    marks.sort(key=lambda x: x[0])
    for p in doc.paragraphs:
        if p.heading and p.heading[0].isdigit():
            out[p.number] = p.heading
            continue
        start = p.spans[0].start if p.spans else None
        if start is None:
            continue
        current = None
        for off, mark in marks:
            if off > start:
                break
            current = mark
        if current is not None:
            out[p.number] = current
    return out


def extract_topics(doc: Document, meeting: MeetingFact, agenda: list[AgendaItemFact]) -> list[TopicFact]:
    """Topics with their points, in number order.

    Topics come from the numbered topic headings (:attr:`Paragraph.heading`); a chapeau that
    names its topic ("with regard to the topic entitled “...”") without a heading is matched
    to a known topic by title, or becomes a new topic numbered after the known ones.
    """
    year = meeting.start.year if meeting.start else meeting.issued.year if meeting.issued else None
    topics: dict[int, TopicFact] = {}
    by_title: dict[str, int] = {}

    def topic_for(number: int | None, title: str) -> TopicFact:
        if number is None:
            number = by_title.get(norm_title(title))
            if number is None:
                for k, t in topics.items():
                    if title_similarity(t.title, title) >= 0.8:
                        number = k
                        break
            if number is None:
                number = max(topics, default=0) + 1
        t = topics.get(number)
        if t is None:
            t = topics[number] = TopicFact(number=number, title=title, agenda_item=None, wg_date=None)
            by_title[norm_title(title)] = number
        return t

    headings = _paragraph_headings(doc)
    for p in doc.paragraphs:
        h = headings.get(p.number)
        if h:
            topic_for(int(h[0]), h[1])
    for p in doc.paragraphs:
        quoted = _QUOTED_TOPIC.search(p.text)
        h = headings.get(p.number)
        if h:
            topic = topic_for(int(h[0]), h[1])
        elif quoted and p.subparagraphs:
            topic = topic_for(None, quoted.group("title").strip())
        else:
            continue
        if p.number not in topic.paragraphs:
            topic.paragraphs.append(p.number)
        wg = _WG_MEETINGS.search(p.text)
        if wg and topic.wg_date is None:
            ds = [d for d in find_dates(wg.group("when"), year) if d.first]
            rest = wg.group("when")[:ds[0].start] + wg.group("when")[ds[0].end:] if ds else ""
            if len(ds) == 1 and ds[0].first == ds[0].last and not re.search(r"\d", rest):
                topic.wg_date = ds[0].first
        if not p.subparagraphs:
            continue
        kind = point_kind(p.text[-300:]) or point_kind(p.text)
        if kind is None:
            continue
        for sp in p.subparagraphs:
            topic.points.append(PointFact(kind=kind, letter=sp.letter, text=sp.text, paragraph=p.number))
    adopted = [a for a in agenda if a.meeting == meeting.ref and a.status == "adopted"]
    for t in topics.values():
        t.agenda_item = match_agenda_item(t.title, adopted)
    return [topics[k] for k in sorted(topics)]
