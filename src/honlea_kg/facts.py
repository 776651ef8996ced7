"""The facts extracted from one report: the input of the RDF mapping.

Every fact carries ``paragraph`` (the number of the numbered paragraph it was read from, or
``None`` when it comes from a heading or the annex) so the mapping can point it to its source
(provenance down to the paragraph, Web Annotation selectors on the paragraph).  Values are plain
Python: ISO 8601 dates as :class:`datetime.date`, States as ISO 3166-1 alpha-3 codes, UN document
symbols as exact strings.  Nothing here knows about RDF.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .model import Document

#: Meeting series: code used in UN symbols -> (slug for IRIs, English name).
#: Source: UNODC document symbols (UNODC/HONEURO/..., UNODC/HONLAF/..., UNODC/HONLAP/...,
#: UNODC/HONLAC/..., UNODC/SUBCOM/...), as listed in the issue and the corpus README.
SERIES = {
    "HONEURO": ("honlea-europe", "Meeting of Heads of National Drug Law Enforcement Agencies, Europe"),
    "HONLAF": ("honlea-africa", "Meeting of Heads of National Drug Law Enforcement Agencies, Africa"),
    "HONLAP": ("honlea-asia-pacific",
               "Meeting of Heads of National Drug Law Enforcement Agencies, Asia and the Pacific"),
    "HONLAC": ("honlea-lac",
               "Meeting of Heads of National Drug Law Enforcement Agencies, Latin America and the Caribbean"),
    "SUBCOM": ("subcommission-near-middle-east",
               "Subcommission on Illicit Drug Traffic and Related Matters in the Near and Middle East"),
}


@dataclass(frozen=True)
class MeetingRef:
    """A meeting of a series: by series code (``HONEURO``) and ordinal (``12``), or, for an
    extraordinary session, which the bodies did not number (the virtual sessions of 2020 and
    2021 of all five bodies: genre-variations.md S22), by series code and ``year`` (``2020``),
    with ``number`` (``2``) only for the second or later extraordinary session of one year
    ("second extraordinary session"; the first is never numbered, so "the extraordinary session
    of 2020" and "the first extraordinary session of 2020" are one meeting).

    Exactly one of ``ordinal`` and ``year`` is set; :raises ValueError: otherwise.
    Ordered by series, then ordinal meetings by ordinal, then extraordinary sessions by year
    and number (:meth:`sort_key`)."""

    series: str
    ordinal: int | None = None
    year: int | None = None
    number: int = 1

    def __post_init__(self):
        if (self.ordinal is None) == (self.year is None):
            raise ValueError(f"a meeting has an ordinal or (an extraordinary session) a year: {self!r}")
        if self.year is not None and not (1900 <= self.year <= 2999 and self.number >= 1):
            raise ValueError(f"not the year and number of an extraordinary session: {self!r}")

    @classmethod
    def extraordinary_session(cls, series: str, year: int, number: int = 1) -> "MeetingRef":
        """The ``number``-th extraordinary session of ``series`` held in ``year``."""
        return cls(series, None, int(year), int(number))

    @property
    def extraordinary(self) -> bool:
        """True for an extraordinary session (no ordinal)."""
        return self.ordinal is None

    @property
    def slot(self) -> int | str:
        """What follows the series in the meeting's IRI: the ordinal (``12``) or, for an
        extraordinary session, ``es-2020`` (``es-2020-2`` for the second of the year), which no
        ordinal can equal (:meth:`honlea_kg.iris.IriPolicy.meeting`)."""
        if self.ordinal is not None:
            return self.ordinal
        return f"es-{self.year:04d}" + (f"-{self.number}" if self.number > 1 else "")

    @property
    def key(self) -> str:
        """The competency-question form ``HONEURO/12``; ``HONLAF/ES-2020`` (``HONLAF/ES-2020-2``)
        for an extraordinary session."""
        if self.ordinal is not None:
            return f"{self.series}/{self.ordinal}"
        return f"{self.series}/{str(self.slot).upper()}"

    def sort_key(self) -> tuple:
        """Series, then ordinal meetings by ordinal, then extraordinary sessions by year, number."""
        if self.ordinal is not None:
            return (self.series, 0, self.ordinal, 0)
        return (self.series, 1, self.year, self.number)

    def __lt__(self, other: "MeetingRef") -> bool:
        return self.sort_key() < other.sort_key()

    def __le__(self, other: "MeetingRef") -> bool:
        return self.sort_key() <= other.sort_key()

    def __gt__(self, other: "MeetingRef") -> bool:
        return self.sort_key() > other.sort_key()

    def __ge__(self, other: "MeetingRef") -> bool:
        return self.sort_key() >= other.sort_key()


@dataclass
class MeetingFact:
    """The meeting a report is about.  ``start``/``end`` are ``None`` if the report gives none.

    ``previous``/``next`` are the meetings before and after it in the series (ordinal -/+ 1);
    ``next_year`` the year the report gives for the next one.  ``reviewed`` is the meeting whose
    recommendations the report's implementation chapter reviews, which may be earlier than
    ``previous`` (a meeting that adopted none is skipped).  ``symbol`` is the report's own
    symbol as printed (masthead or running header), kept even where it names another meeting
    than the title (a warning says so)."""

    ref: MeetingRef
    ordinal_text: str
    city: str | None
    country: str | None  # ISO alpha-3 when the text names it
    start: date | None
    end: date | None
    issued: date | None = None
    title: str | None = None
    symbol: str | None = None  # the report's own symbol, when printed (never in the sample)
    previous: MeetingRef | None = None
    next: MeetingRef | None = None
    next_year: int | None = None
    paragraph: int | None = None  # paragraph giving place and dates
    reviewed: MeetingRef | None = None  # the meeting whose recommendations the report reviews
    reviewed_paragraphs: list[int] = field(default_factory=list)  # paragraphs saying so
    notes: list[str] = field(default_factory=list)  # warnings about how the meeting was identified


@dataclass
class AgendaItemFact:
    """An agenda item.  ``status`` is ``adopted`` or ``provisional`` (draft provisional agenda of
    the next meeting, which belongs to that meeting).  ``number`` is ``6`` or ``6(a)``."""

    meeting: MeetingRef
    status: str
    number: str
    title: str
    raw: str
    parent: str | None
    paragraph: int | None


@dataclass
class SittingFact:
    """A plenary sitting ("at its 1st meeting").  ``date`` only where the report states one day."""

    number: int
    date: date | None
    agenda_items: list[str] = field(default_factory=list)
    paragraphs: list[int] = field(default_factory=list)
    phrases: list[str] = field(default_factory=list)
    item_paragraphs: dict[str, list[int]] = field(default_factory=dict)  # item -> paragraphs saying so


@dataclass
class PointFact:
    """A lettered observation, conclusion or recommendation of a working group."""

    kind: str  # recommendation | observation | conclusion
    letter: str
    text: str
    paragraph: int


@dataclass
class TopicFact:
    """A working-group topic as numbered in the report's headings, with its findings."""

    number: int
    title: str
    agenda_item: str | None  # e.g. "6(c)", matched by title
    wg_date: date | None
    points: list[PointFact] = field(default_factory=list)
    paragraphs: list[int] = field(default_factory=list)


@dataclass
class StateRoleFact:
    """A State in one role: ``member`` (attending member), ``observer``, ``country-report``,
    ``questionnaire-in-time``, ``questionnaire-late``, ``statement`` or ``mentioned``."""

    iso3: str
    role: str
    as_given: str
    paragraph: int | None


@dataclass
class OrganizationFact:
    """An organization in a role (``observer``, ``secretariat``); ``name`` as written without a
    leading "the" or the acronym in parentheses."""

    name: str
    acronym: str | None
    role: str
    paragraph: int | None


@dataclass
class OfficerFact:
    """An elected officer: role as written (``First Vice-Chair``), person, State (alpha-3)."""

    role: str
    person: str
    state: str | None
    paragraph: int | None
    sitting: int | None = None


@dataclass
class PersonFact:
    """A named person and the positions the report gives them."""

    name: str
    positions: list[str] = field(default_factory=list)
    state: str | None = None
    paragraphs: list[int] = field(default_factory=list)


@dataclass
class DocumentFact:
    """A UN document before the meeting or cited.  ``cited_in`` lists citing paragraphs."""

    symbol: str
    agenda_item: str | None = None
    title: str | None = None
    in_annex: bool = False
    cited_in: list[int] = field(default_factory=list)
    collection: str | None = None  # the raw range string it was expanded from, if any
    before_meeting: bool = False  # listed in the annex (or "had before it" when there is no annex)
    also_issued_as: list[str] = field(default_factory=list)  # the other symbols of a joint document


@dataclass
class CitationFact:
    """A citation of a resolution or decision: body (``CND``, ``GA``, ``ECOSOC``, ``SC``), kind
    (``resolution``/``decision``), number (``60/1``), the citing paragraph and pinpoint."""

    body: str
    kind: str
    number: str
    paragraph: int | None
    pinpoint: str | None = None


@dataclass
class InstrumentFact:
    """A named instrument cited by name (Tokyo Rules, Political Declaration ...)."""

    key: str
    label: str
    paragraphs: list[int] = field(default_factory=list)


@dataclass
class ReportFacts:
    """Everything extracted from one report, with the segmented :class:`Document` it came from."""

    document: Document
    meeting: MeetingFact
    agenda: list[AgendaItemFact] = field(default_factory=list)
    sittings: list[SittingFact] = field(default_factory=list)
    topics: list[TopicFact] = field(default_factory=list)
    states: list[StateRoleFact] = field(default_factory=list)
    organizations: list[OrganizationFact] = field(default_factory=list)
    officers: list[OfficerFact] = field(default_factory=list)
    persons: list[PersonFact] = field(default_factory=list)
    documents: list[DocumentFact] = field(default_factory=list)
    citations: list[CitationFact] = field(default_factory=list)
    instruments: list[InstrumentFact] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: coverage diagnostics (:mod:`honlea_kg.extract.coverage`): text no fact took, each naming
    #: file and line; warnings like ``warnings``, listed apart in ``build-info.json``
    coverage: list[str] = field(default_factory=list)
