"""Agendas (adopted, and the draft provisional agenda of the next meeting) and plenary sittings.

Agendas are the numbered lists the segmenter finds inside a paragraph
(:attr:`~honlea_kg.model.Paragraph.items`); the paragraph's own words say which agenda it is:
"adopted the following agenda" (this meeting, ``adopted``) or "the following draft provisional
agenda for the Thirteenth Meeting was adopted" (that meeting, ``provisional``: gold README,
CQ conventions).

Sittings are the numbered plenary meetings of the session, named "At its 1st meeting", "At its
3rd to 5th meetings", "At its 5th and 6th meeting", "Also at its 1st meeting" (UN report style
for the meetings of a session), or "At the same meeting" (the sitting last named before it).  A sitting gets a date only where the clause names one day
("held on 27 June 2017", "on 30 June"); a range ("held from 28 to 29 June") gives none (gold
judgement call 15).  The agenda items a sitting considered are the item numbers written in the
same sentence ("considered item 3 of the agenda", "items 3 and 4", "agenda item 6 (a)");
implied items are not inferred (judgement call 16).
"""

from __future__ import annotations

import re

from ..facts import AgendaItemFact, MeetingFact, MeetingRef, SittingFact
from ..model import Document, Paragraph
from .dates import find_dates
from .meeting import is_our_meeting
from .text import ORDINAL, mask_quotes, meeting_mentions, ordinal_value, sentences, strip_terminal

_AGENDA_WORD = re.compile(r"(?i)\bagenda\b")
_PROVISIONAL = re.compile(r"(?i)\bprovisional\s+agenda\b")
_NEXT_SESSION = re.compile(r"(?i)\b(?:next|following|forthcoming)\s+(?:meeting|session)\b")

_SITTING_ORD = rf"(?:{ORDINAL})"
#: "at its 1st meeting", "at its 3rd to 5th meetings", "at its 5th and 6th meeting",
#: "at its 1st, 2nd and 3rd meetings", "at the 2nd meeting"; then an optional date clause.
SITTING_RE = re.compile(
    rf"\b[Aa]t\s+(?:its|the)\s+(?P<list>(?i:{_SITTING_ORD}(?:\s*(?:,|and|to|-|\u2013)\s*{_SITTING_ORD})*))"
    r"\s+(?:plenary\s+)?meetings?\b"
    r"(?P<when>\s*,?\s*(?:held\s+)?(?:on|from|between)\s+"
    r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?"  # "on Monday, 16 October 2023"
    r"[^,;]{3,60}?(?:,\s*(?:19|20)\d\d)?(?=,|;|\.\s|\.$|\s+the\s|$))?")  # "on October 16, 2023"
#: "At the same meeting", "Also at the same meeting", "At the same meetings": the sitting(s)
#: last named before it in the report (fixtures' judgement call 10).
SAME_SITTING_RE = re.compile(r"\b[Aa]t\s+the\s+same\s+(?:plenary\s+)?(?P<kind>meeting|sitting)(?P<pl>s)?\b")
_SITTING_PART = re.compile(rf"(?i)(?P<a>{_SITTING_ORD})(?:\s*(?P<sep>to|-|\u2013)\s*(?P<b>{_SITTING_ORD}))?")
#: "item 3", "items 3 and 4", "items 3, 4 and 5", "agenda item 6 (a)", "item 6(b)".
ITEM_RE = re.compile(
    r"(?i)\b(?:agenda\s+)?items?\s+(?P<list>\d{1,2}(?:\s*\([a-z]\))?"
    r"(?:\s*(?:,|and|to)\s*\d{1,2}(?:\s*\([a-z]\))?)*)(?!\s*\.\d|/)")
_ITEM_NUM = re.compile(r"(?P<n>\d{1,2})(?:\s*\((?P<l>[a-z])\))?")


def _agenda_owner(p: Paragraph, meeting: MeetingFact) -> tuple[MeetingRef, str] | None:
    """(meeting, status) an itemised paragraph's agenda belongs to, or ``None`` if its list is
    no agenda."""
    text = p.text
    if not _AGENDA_WORD.search(text):
        return None
    ref = meeting.ref
    if _PROVISIONAL.search(text):
        for m in meeting_mentions(text):
            n = ordinal_value(m.group("ord"))
            if n and n != ref.ordinal and is_our_meeting(m, ref.series):
                return MeetingRef(ref.series, n), "provisional"
        if _NEXT_SESSION.search(text):
            if ref.extraordinary:  # outside the numbering: the next meeting only if the report named it
                return (meeting.next, "provisional") if meeting.next is not None else None
            return MeetingRef(ref.series, ref.ordinal + 1), "provisional"
        if re.search(r"(?i)\badopted\s+the\s+following\s+provisional\s+agenda", text):
            return ref, "adopted"
        return ref, "provisional"
    return ref, "adopted"


def extract_agendas(doc: Document, meeting: MeetingFact) -> list[AgendaItemFact]:
    """Agenda items of every agenda list in ``doc`` (items and their lettered sub-items)."""
    out: list[AgendaItemFact] = []
    seen: set[tuple] = set()
    for p in doc.paragraphs:
        if not p.items:
            continue
        owner = _agenda_owner(p, meeting)
        if owner is None:
            continue
        ref, status = owner
        for it in p.items:
            for item, parent in [(it, None)] + [(s, it.number) for s in it.sub_items]:
                key = (ref, status, item.number)
                if key in seen:
                    continue
                seen.add(key)
                out.append(AgendaItemFact(meeting=ref, status=status, number=item.number,
                                          title=strip_terminal(item.title or item.raw), raw=item.raw,
                                          parent=parent, paragraph=p.number))
    return out


def _sitting_numbers(text: str) -> list[int]:
    nums: list[int] = []
    for part in _SITTING_PART.finditer(text):
        a = ordinal_value(part.group("a"))
        if a is None:
            continue
        b = ordinal_value(part.group("b")) if part.group("b") else None
        if b is not None and b >= a and b - a < 50:
            nums.extend(range(a, b + 1))
        else:
            nums.append(a)
            if b is not None:
                nums.append(b)
    return list(dict.fromkeys(nums))


def _items(text: str) -> list[str]:
    out: list[str] = []
    for m in ITEM_RE.finditer(text):
        lst = m.group("list")
        prev = prev_sep = None
        for part in re.split(r"\s*(,|and|to)\s*", lst):
            if part in (",", "and", "to"):
                prev_sep = part
                continue
            n = _ITEM_NUM.fullmatch(part.strip())
            if not n:
                continue
            num = n.group("n") + (f"({n.group('l')})" if n.group("l") else "")
            if prev is not None and prev_sep == "to" and not n.group("l") and "(" not in prev:
                out.extend(str(k) for k in range(int(prev) + 1, int(n.group("n"))))
            out.append(num)
            prev = num
            prev_sep = None
    return list(dict.fromkeys(out))


def extract_sittings(doc: Document, meeting: MeetingFact) -> list[SittingFact]:
    """Plenary sittings named in the paragraphs, with their single-day date and the agenda
    items explicitly named in the same sentence; sorted by number."""
    year = (meeting.start or meeting.end or meeting.issued)
    year = year.year if year else None
    sittings: dict[int, SittingFact] = {}
    last: list[int] = []
    for p in doc.paragraphs:
        masked = mask_quotes(p.text)
        for s, e in sentences(masked):
            sent = masked[s:e]
            found = [(m.start(), m, _sitting_numbers(m.group("list"))) for m in SITTING_RE.finditer(sent)]
            if last:
                found += [(m.start(), m, last if m.group("pl") else last[-1:]) for m in SAME_SITTING_RE.finditer(sent)]
            for _pos, m, nums in sorted(found, key=lambda x: x[0]):
                if not nums:
                    continue
                last = nums
                day = None
                if "when" in m.re.groupindex and m.group("when"):
                    ds = [d for d in find_dates(m.group("when"), year) if d.first]
                    rest = m.group("when").replace(ds[0].raw, "") if len(ds) == 1 else ""
                    if len(ds) == 1 and ds[0].first == ds[0].last and not re.search(r"\d", rest):
                        day = ds[0].first
                items = _items(sent)
                for n in nums:
                    st = sittings.setdefault(n, SittingFact(number=n, date=None))
                    if day and st.date is None:
                        st.date = day
                    for it in items:
                        if it not in st.agenda_items:
                            st.agenda_items.append(it)
                        said = st.item_paragraphs.setdefault(it, [])
                        if p.number not in said:
                            said.append(p.number)
                    if p.number not in st.paragraphs:
                        st.paragraphs.append(p.number)
                    st.phrases.append(p.text[s + m.start():s + m.end()].strip())
    return [sittings[k] for k in sorted(sittings)]
