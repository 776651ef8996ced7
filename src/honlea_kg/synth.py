"""A deterministic generator of synthetic HONLEA reports, for benchmarks and scale tests.

The reports follow the genre of the real report bundled in ``corpus/`` (the order of chapters,
the sentence patterns of agenda-item paragraphs, attendance lists, officer tables, working-group
observations, conclusions and recommendations, the annex list of documents, citations of
resolutions and decisions), with States from ``gazetteers/states.csv`` (UN names), generated
persons, document symbols, dates, cities and topics varied per report.  Nothing is lorem ipsum.

Three layouts are written (see ``corpus/README.md`` in this repository for the real ones):

``converted``
    text converted from the UN document: one paragraph per line, ``[SYMBOL](#)`` links,
    ``<i>…</i>`` tags, tab-separated tables, occasional paragraphs split by a page break.
``pdf``
    text extracted from the PDF: hard-wrapped at about 80 columns with end-of-line hyphenation,
    page headers and footers (job number ``V.18-05332 (E)``, barcode ``*1805332*``, the document
    symbol, page numbers ``2/9``), ``Chair: Name (State)`` on one line each, en-dash date ranges.
``md``
    Markdown: ``#`` headings, numbered paragraphs, pipe tables.

Report ``i`` of a corpus depends only on ``(seed, i)``: a corpus of 10 is the first 10 reports of
a corpus of 1,000.  Each report is a different meeting (series, ordinal).

**Genre fuzzer.**  :class:`GenreOptions` switches on the variation of the genre catalogued in
``docs/genre-variations.md`` (the copy of the shared design note) that text can express: title
forms (ordinal words in any case or figures, date ranges with dashes, across months and years,
city with country, the Subcommission's "on its Nth session", a title that lost its region, the
report's symbol in the masthead), list shapes (observers as a subject list, after "The following
...:", in two sentences, with "as were", "Observers for ... attended", with observer States,
appositives and relative clauses, organizations from the gazetteer with commas and "and" in their
names), officer layouts (two- and three-cell tables, ``Role: Name (State)`` lines, prose with
"respectively" and "of State", era titles, two holders of one role, a previous Chair who opens the
meeting), persons ("Name, representative of State"), citation forms (old style "1776 (LIV)",
plurals, special sessions, bare and postfix bodies, joint symbols, corrigenda), worded topic
headings ("Issue 1:"), the reviewed meeting two before, the next meeting's year, annex tables whose
cells wrap, and page furniture (alternating running headers, "ADVANCE UNEDITED", date codes after
the job number, a barcode glued to the next header, a running header inside a paragraph of a
plain-text export).  Every option is off by default, so the default corpus is unchanged byte for
byte (the build and query benchmarks stay comparable); :attr:`SynthReport.truth` holds the facts
the generator wrote (:class:`GenreTruth`), and :func:`facts_view` projects extracted
:class:`~honlea_kg.facts.ReportFacts` onto the same shape, so a test can ask for exact recovery.
"""

from __future__ import annotations

import csv
import random
import textwrap
from dataclasses import dataclass, field, fields
from datetime import date, timedelta
from importlib import resources
from pathlib import Path

LAYOUTS = ("converted", "pdf", "md")
#: Layouts the reader and segmenter build (all three since branch ``reader`` was merged).
BUILDABLE_LAYOUTS = ("converted", "pdf", "md")
SERIES_ORDER = ("HONEURO", "HONLAF", "HONLAP", "HONLAC", "SUBCOM")

_BODY = {
    "HONEURO": "Meeting of Heads of National Drug Law Enforcement Agencies, Europe",
    "HONLAF": "Meeting of Heads of National Drug Law Enforcement Agencies, Africa",
    "HONLAP": "Meeting of Heads of National Drug Law Enforcement Agencies, Asia and the Pacific",
    "HONLAC": "Meeting of Heads of National Drug Law Enforcement Agencies, Latin America and the Caribbean",
    "SUBCOM": "Subcommission on Illicit Drug Traffic and Related Matters in the Near and Middle East",
}
_REGION = {
    "HONEURO": ["AUT", "BEL", "BGR", "HRV", "CYP", "CZE", "DNK", "EST", "FIN", "FRA", "DEU", "GRC", "HUN", "IRL",
                "ITA", "LVA", "LTU", "MLT", "NLD", "NOR", "POL", "PRT", "ROU", "RUS", "SRB", "SVK", "SVN", "ESP",
                "SWE", "CHE", "TUR", "UKR", "GBR", "ARM", "GEO", "MDA", "ISR", "CAN", "USA", "BIH", "ALB", "BLR"],
    "HONLAF": ["DZA", "AGO", "BEN", "BWA", "BFA", "CMR", "CPV", "TCD", "CIV", "COD", "EGY", "ETH", "GAB", "GHA",
               "GIN", "KEN", "LSO", "LBR", "LBY", "MDG", "MWI", "MLI", "MAR", "MOZ", "NAM", "NER", "NGA", "SEN",
               "ZAF", "SDN", "TGO", "TUN", "UGA", "TZA", "ZMB", "ZWE", "FRA", "USA"],
    "HONLAP": ["AUS", "BGD", "BTN", "BRN", "KHM", "CHN", "FJI", "IND", "IDN", "IRN", "JPN", "LAO", "MYS", "MDV",
               "MNG", "MMR", "NPL", "NZL", "PAK", "PNG", "PHL", "KOR", "SGP", "LKA", "THA", "TLS", "VNM", "RUS",
               "USA", "FRA"],
    "HONLAC": ["ARG", "BHS", "BRB", "BLZ", "BOL", "BRA", "CHL", "COL", "CRI", "CUB", "DOM", "ECU", "SLV", "GTM",
               "GUY", "HTI", "HND", "JAM", "MEX", "NIC", "PAN", "PRY", "PER", "SUR", "TTO", "URY", "VEN", "ESP",
               "USA", "CAN", "NLD"],
    "SUBCOM": ["AFG", "ARM", "AZE", "BHR", "EGY", "IND", "IRN", "IRQ", "JOR", "KAZ", "KWT", "KGZ", "LBN", "OMN",
               "PAK", "QAT", "SAU", "LKA", "SYR", "TJK", "TUR", "TKM", "ARE", "UZB", "YEM"],
}
_CITIES = {
    "HONEURO": ["Vienna", "Lisbon", "Sofia", "Tallinn", "Minsk", "Bratislava", "Prague", "Budapest"],
    "HONLAF": ["Addis Ababa", "Nairobi", "Algiers", "Abuja", "Dakar", "Windhoek", "Accra", "Kampala"],
    "HONLAP": ["Bangkok", "Colombo", "Hanoi", "Tokyo", "Bali", "Kathmandu", "Ulaanbaatar", "Manila"],
    "HONLAC": ["Santiago", "Quito", "Lima", "Panama City", "Montevideo", "Bogota", "Havana", "Santo Domingo"],
    "SUBCOM": ["Vienna", "Tehran", "Doha", "Amman", "Baku", "Tashkent", "Muscat", "Islamabad"],
}
_GIVEN = ["Yoni", "Andrey", "Eka", "Kris", "Amina", "Carlos", "Mei", "Rahul", "Fatima", "Jonas", "Olga", "Tomas",
          "Aisha", "Diego", "Hiroshi", "Ngozi", "Pablo", "Sara", "Ivan", "Leila", "Kwame", "Lucia", "Omar", "Anna"]
_FAMILY = ["Dekker", "Khrapov", "Tsankashvili", "Lapiere", "Mensah", "Alvarez", "Chen", "Sharma", "Haddad",
           "Berg", "Petrova", "Novak", "Okafor", "Romero", "Tanaka", "Adeyemi", "Moreno", "Lindqvist", "Kuznetsov",
           "Rahimi", "Asante", "Ferreira", "Nasser", "Kowalska", "Silva", "Dubois", "Yilmaz", "Nguyen"]
_TOPICS = [
    "Use of the Internet for drug-related activities",
    "Alternatives to imprisonment for certain offences as demand reduction strategies that promote public health "
    "and public safety",
    "Mainstreaming gender perspectives in drug-related policies and programmes",
    "Money-laundering, illicit financial flows and effective countermeasures",
    "Trafficking in synthetic drugs and the diversion of precursor chemicals",
    "Maritime drug trafficking and the control of containerized freight",
    "Drug trafficking through postal and courier services",
    "Cooperation between law enforcement, health and justice sectors",
    "New psychoactive substances and early warning systems",
    "Controlled deliveries and joint investigation teams",
    "Drug trafficking through international airports",
    "Corruption as a facilitator of drug trafficking",
    "Access to controlled substances for medical and scientific purposes",
    "Forensic capacities and the sharing of laboratory information",
]
_DRUGS = ["heroin", "cocaine", "cannabis resin", "cannabis herb", "methamphetamine", "amphetamine",
          "\u201ccaptagon\u201d tablets", "tramadol", "fentanyl analogues", "ketamine", "MDMA", "opium"]
_ROUTES = ["the Balkan route", "the northern route", "the southern route", "maritime routes across the Atlantic",
           "air courier routes", "the postal system", "land borders in the region"]
_VERBS = ["make full use of", "strengthen", "promote and implement", "develop", "enhance", "support",
          "review and, where necessary, amend", "invest in", "share information on", "adopt"]
_OBJECTS = ["specialized training for law enforcement officers", "mechanisms for the timely exchange of information",
            "joint investigation teams", "risk profiling of passengers and cargo", "forensic laboratory capacity",
            "national early warning systems", "inter-agency coordination", "cooperation with the private sector",
            "controlled delivery operations", "financial investigations running in parallel with drug investigations",
            "legislation on the control of precursor chemicals", "data collection and analysis"]
_GOALS = ["to dismantle organized criminal groups involved in drug trafficking",
          "to identify and seize the proceeds of crime", "to detect new psychoactive substances at an early stage",
          "to prevent the diversion of precursor chemicals", "to expedite requests for mutual legal assistance",
          "to address the specific needs of women and young people", "to reduce the supply of illicit drugs"]
_RESOLUTIONS = ["General Assembly resolution {a}/{b}", "Commission on Narcotic Drugs resolution {c}/{d}",
                "Economic and Social Council resolution {y}/{d}", "Commission on Narcotic Drugs decision {c}/{e}"]
_OBSERVERS = ["the European Union", "the International Criminal Police Organization (INTERPOL)",
              "the World Customs Organization", "the International Narcotics Control Board",
              "the Collective Security Treaty Organization", "the African Union",
              "the Colombo Plan", "the Gulf Cooperation Council Criminal Information Center to Combat Drugs"]
#: The country of each city of ``_CITIES`` (ISO 3166-1 alpha-3), for venues "City, Country".
_CITY_COUNTRY = {
    "Vienna": "AUT", "Lisbon": "PRT", "Sofia": "BGR", "Tallinn": "EST", "Minsk": "BLR", "Bratislava": "SVK",
    "Prague": "CZE", "Budapest": "HUN", "Addis Ababa": "ETH", "Nairobi": "KEN", "Algiers": "DZA", "Abuja": "NGA",
    "Dakar": "SEN", "Windhoek": "NAM", "Accra": "GHA", "Kampala": "UGA", "Bangkok": "THA", "Colombo": "LKA",
    "Hanoi": "VNM", "Tokyo": "JPN", "Bali": "IDN", "Kathmandu": "NPL", "Ulaanbaatar": "MNG", "Manila": "PHL",
    "Santiago": "CHL", "Quito": "ECU", "Lima": "PER", "Panama City": "PAN", "Montevideo": "URY", "Bogota": "COL",
    "Havana": "CUB", "Santo Domingo": "DOM", "Tehran": "IRN", "Doha": "QAT", "Amman": "JOR", "Baku": "AZE",
    "Tashkent": "UZB", "Muscat": "OMN", "Islamabad": "PAK",
}
#: States that attend as observers (outside the series' region, or UN observer States).
_OBSERVER_STATES = ["CAN", "JPN", "NOR", "CHE", "AUS", "VAT", "PSE", "KOR", "BRA", "MEX", "SGP", "NZL", "ISL",
                    "DEU", "FRA", "USA", "CHN"]


def _roman(n: int) -> str:
    """Roman numerals (1-399), as UN resolutions number sessions: 54 -> ``LIV``."""
    out = ""
    for value, letters in ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"),
                           (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + letters, n - value
    return out


_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"]
_UNITS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
          "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
          "eighteenth", "nineteenth"]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_TENTHS = {2: "twentieth", 3: "thirtieth", 4: "fortieth", 5: "fiftieth", 6: "sixtieth"}


def ordinal_word(n: int) -> str:
    """English ordinal word as UN titles write it (``Twelfth``, ``Twenty-eighth``); numeric
    (``101st``) where a word form is not in the genre (70th, 80th, 90th, 100 and above)."""
    if 1 <= n <= 19:
        return _UNITS[n - 1].capitalize()
    tens, unit = divmod(n, 10)
    if n < 100 and unit == 0 and tens in _TENTHS:
        return _TENTHS[tens].capitalize()
    if n < 100 and unit:
        return f"{_TENS[tens].capitalize()}-{_UNITS[unit - 1]}"
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _nth(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _state_names() -> dict[str, str]:
    names = {}
    with resources.files("honlea_kg.gazetteers").joinpath("states.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            names[row["iso3"]] = row["un_name"]
    return names


_THE = ("Russian Federation", "United ", "Netherlands", "Philippines", "Republic of", "Islamic Republic",
        "Democratic", "Lao People", "Syrian Arab", "Dominican Republic", "Bahamas", "Gambia", "Niger",
        "Central African", "Czech Republic", "Sudan", "Holy See", "Comoros", "Maldives", "Marshall")


def _with_the(name: str) -> str:
    return f"the {name}" if name.startswith(_THE) else name


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


#: Each genre option and the values it takes; the first value is the default (off).  The
#: numbers in brackets are the items of ``docs/genre-variations.md`` each one expresses.
OPTION_VALUES: dict[str, tuple] = {
    "title_ordinal": ("word", "lower", "caps", "figure"),            # [13, 38]
    "title_dates": ("default", "en-dash", "hyphen"),                  # [10, 42]
    "span": ("default", "cross-month", "cross-year"),                 # [42]
    "venue": ("city", "city-country", "country-parens"),              # [43]
    "title_marker": (False, True),                                    # [13, 17]
    "subcom_on_its": (False, True),                                   # [13]
    "masthead_symbol": (False, True),                                 # [9, 12]
    "title_region_lost": (False, True),                               # [22]
    "observers": ("subject", "following", "two-sentences", "as-were", "observers-for", "following-mixed"),  # [36]
    "observer_states": (False, True),                                 # [36]
    "gazetteer_orgs": (False, True),                                  # [36, 48]
    "appositive": (False, True),                                      # [35]
    "officers": ("table", "lines", "table3", "prose"),               # [32-34]
    "role_era": ("Chair", "Chairperson", "Chairman"),                 # [32, 33, 48]
    "two_vice": (False, True),                                        # [33]
    "previous_chair": (False, True),                                  # [32]
    "representative": (False, True),
    "citations": ("default", "old", "plural", "special", "bare", "postfix"),  # [45]
    "doc_symbols": ("default", "joint", "corrigendum"),               # [44]
    "topic_headings": ("numbered", "issue"),                          # [25, 30]
    "reviewed_skip": (False, True),                                   # [29]
    "next_year": (False, True),
    "annex_wrap": (False, True),                                      # [37]
    "furniture": ("default", "alternate", "advance-unedited", "date-codes", "barcode-glued"),  # [1-7]
    "header_in_paragraph": (False, True),                             # [4, 18]
    "compact": (False, True),
}


@dataclass(frozen=True)
class GenreOptions:
    """Which variations of the genre a synthetic report shows (see :data:`OPTION_VALUES` for
    the values of each field and the catalogue items they express).  All off by default."""

    title_ordinal: str = "word"
    title_dates: str = "default"
    span: str = "default"
    venue: str = "city"
    title_marker: bool = False
    subcom_on_its: bool = False
    masthead_symbol: bool = False
    title_region_lost: bool = False
    observers: str = "subject"
    observer_states: bool = False
    gazetteer_orgs: bool = False
    appositive: bool = False
    officers: str = "table"
    role_era: str = "Chair"
    two_vice: bool = False
    previous_chair: bool = False
    representative: bool = False
    citations: str = "default"
    doc_symbols: str = "default"
    topic_headings: str = "numbered"
    reviewed_skip: bool = False
    next_year: bool = False
    annex_wrap: bool = False
    furniture: str = "default"
    header_in_paragraph: bool = False
    compact: bool = False

    def changed(self) -> dict:
        """The options that differ from the default, ``{name: value}``."""
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) != f.default}


def random_options(rng: random.Random) -> GenreOptions:
    """A random combination of genre options (each option's value drawn uniformly)."""
    return GenreOptions(**{name: rng.choice(values) for name, values in OPTION_VALUES.items()})


@dataclass
class GenreTruth:
    """The facts a synthetic report states, as the generator wrote them (the ground truth of the
    genre fuzzer).  Sets of tuples so that order does not matter: ``members`` and
    ``observer_states`` are ISO alpha-3 codes, ``observer_orgs`` names without "the" or acronym,
    ``officers`` ``(role, person, ISO3)``, ``persons`` names, ``documents`` ``(symbol, agenda item,
    title)`` of the annex, ``document_citations`` ``(paragraph, symbol)``, ``citations``
    ``(paragraph, body, kind, number)``, ``recommendations`` ``(topic, letter)``."""

    meeting: str = ""
    city: str | None = None
    country: str | None = None
    start: date | None = None
    end: date | None = None
    previous: str | None = None
    next: str | None = None
    next_year: int | None = None
    reviewed: str | None = None
    members: set = field(default_factory=set)
    observer_states: set = field(default_factory=set)
    observer_orgs: set = field(default_factory=set)
    officers: set = field(default_factory=set)
    persons: set = field(default_factory=set)
    documents: set = field(default_factory=set)
    document_citations: set = field(default_factory=set)
    citations: set = field(default_factory=set)
    recommendations: set = field(default_factory=set)

    def differences(self, other: "GenreTruth") -> dict:
        """``{field: (missing, extra)}`` for every field where ``other`` differs from ``self``."""
        out = {}
        for f in fields(self):
            a, b = getattr(self, f.name), getattr(other, f.name)
            if a != b:
                out[f.name] = (a - b, b - a) if isinstance(a, set) else (a, b)
        return out


def facts_view(facts) -> GenreTruth:
    """Project extracted :class:`~honlea_kg.facts.ReportFacts` onto :class:`GenreTruth`."""
    from .extract.actors import clean_org_name

    m = facts.meeting
    t = GenreTruth(meeting=m.ref.key, city=m.city, country=m.country, start=m.start, end=m.end,
                   previous=m.previous.key if m.previous else None, next=m.next.key if m.next else None,
                   next_year=m.next_year, reviewed=m.reviewed.key if m.reviewed else None)
    t.members = {s.iso3 for s in facts.states if s.role == "member"}
    t.observer_states = {s.iso3 for s in facts.states if s.role == "observer"}
    t.observer_orgs = {clean_org_name(o.name)[0] for o in facts.organizations if o.role == "observer"}
    t.officers = {(o.role, o.person, o.state) for o in facts.officers}
    t.persons = {p.name for p in facts.persons}
    t.documents = {(d.symbol, d.agenda_item, d.title) for d in facts.documents if d.in_annex}
    t.document_citations = {(p, d.symbol) for d in facts.documents for p in d.cited_in}
    t.citations = {(c.paragraph, c.body, c.kind, c.number) for c in facts.citations}
    t.recommendations = {(tp.number, pt.letter) for tp in facts.topics for pt in tp.points
                         if pt.kind == "recommendation"}
    return t


@dataclass
class SynthReport:
    """One generated report: file name, layout, series, ordinal, text, the options it was
    generated with and the facts it states (:class:`GenreTruth`)."""

    name: str
    layout: str
    series: str
    ordinal: int
    text: str
    options: GenreOptions = field(default_factory=GenreOptions)
    truth: GenreTruth = field(default_factory=GenreTruth)


class _Gen:
    """Builds one report as a list of logical blocks ``(kind, text)``, then lays them out."""

    def __init__(self, seed: int, index: int, layout: str, options: GenreOptions | None = None):
        self.o = options or GenreOptions()
        #: randomness of the genre options only, so the default report draws exactly what it did
        self.g = random.Random(f"{seed}:{index}:genre")
        self.truth = GenreTruth()
        self.r = random.Random(f"{seed}:{index}")
        self.index = index
        self.layout = layout
        self.series = SERIES_ORDER[index % len(SERIES_ORDER)]
        self.ordinal = index // len(SERIES_ORDER) + 1
        self.body = _BODY[self.series]
        names = _state_names()
        self.states = sorted({names[c] for c in _REGION[self.series] if c in names})
        year = 1990 + self.ordinal + self.r.randint(0, 1) + index % 3
        month = self.r.randint(1, 11)
        start = date(year, month, self.r.randint(1, 20))
        self.days = [start + timedelta(days=i) for i in range(self.r.choice((4, 5)))]
        self.issued = self.days[-1] + timedelta(days=self.r.randint(3, 20))
        self.city = self.r.choice(_CITIES[self.series])
        self.sym = f"UNODC/{self.series}/{self.ordinal}"
        self.ord = ordinal_word(self.ordinal)
        self.prev = ordinal_word(self.ordinal - 1) if self.ordinal > 1 else None
        self.next = ordinal_word(self.ordinal + 1)
        self.topics = self.r.sample(_TOPICS, self.r.choice((3, 4, 4, 5)))
        self.blocks: list[tuple[str, str]] = []
        self.para = 0
        used: set[str] = set()
        self.persons = []
        while len(self.persons) < 8:
            p = f"{self.r.choice(_GIVEN)} {self.r.choice(_FAMILY)}"
            if p not in used:
                used.add(p)
                self.persons.append(p)
        self.iso = {v: k for k, v in names.items()}
        if self.o.compact:  # a short report for property tests: two topics, one discussion paragraph each
            self.topics = self.topics[:2]
        if self.o.span != "default":  # dates across a month or a year end (same issue delay)
            delay = self.issued - self.days[-1]
            n = len(self.days)
            if self.o.span == "cross-year":
                first = date(year, 12, 31 - self.g.randint(0, n - 2))
            else:
                m = self.g.randint(1, 11)
                last = (date(year, m + 1, 1) - timedelta(days=1)).day
                first = date(year, m, last - self.g.randint(0, n - 2))
            self.days = [first + timedelta(days=i) for i in range(n)]
            self.issued = self.days[-1] + delay
        #: the report's own symbol: the next free number after the documents before the meeting
        #: (genre item 12); the default corpus keeps the /5 it always printed in the PDF layout
        self.own = f"{self.sym}/5" if self.o == GenreOptions() else f"{self.sym}/6"
        t = self.truth
        t.meeting, t.city = f"{self.series}/{self.ordinal}", self.city
        t.start, t.end = self.days[0], self.days[-1]
        t.previous = f"{self.series}/{self.ordinal - 1}" if self.ordinal > 1 else None
        t.next = f"{self.series}/{self.ordinal + 1}"
        if self.ordinal > 1:
            t.reviewed = f"{self.series}/{self.ordinal - 1}"

    # -- truth -----------------------------------------------------------------------------
    def cite_doc(self, symbols, para: int | None = None) -> None:
        """Record that the next paragraph (or ``para``) cites ``symbols``."""
        for sym in ([symbols] if isinstance(symbols, str) else symbols):
            self.truth.document_citations.add((para or self.para + 1, sym))

    def cite(self, body: str, kind: str, number: str, para: int | None = None) -> None:
        self.truth.citations.add((para or self.para + 1, body, kind, number))

    # -- helpers ---------------------------------------------------------------------------
    def day(self, d: date, year: bool = True) -> str:
        return f"{d.day} {_MONTHS[d.month - 1]}" + (f" {d.year}" if year else "")

    def span(self, title: bool = False) -> str:
        a, b = self.days[0], self.days[-1]
        dash = "\u2013" if self.layout == "pdf" else None
        if title and self.o.title_dates != "default":
            dash = "\u2013" if self.o.title_dates == "en-dash" else "-"
            if a.month == b.month:
                return f"{a.day}{dash}{b.day} {_MONTHS[b.month - 1]} {b.year}"
            if a.year == b.year:
                return f"{self.day(a, False)}{dash}{self.day(b)}"
            return f"{self.day(a)}{dash}{self.day(b)}"
        if a.year != b.year:  # a range across a year end writes both years
            return f"{self.day(a)}\u2013{self.day(b)}" if dash else f"from {self.day(a)} to {self.day(b)}"
        if a.month == b.month:
            return f"{a.day}\u2013{b.day} {_MONTHS[b.month - 1]} {b.year}" if dash else \
                f"from {a.day} to {b.day} {_MONTHS[b.month - 1]} {b.year}"
        return f"{self.day(a, False)}\u2013{self.day(b)}" if dash else f"from {self.day(a, False)} to {self.day(b)}"

    def link(self, symbol: str) -> str:
        return f"[{symbol}](#)" if self.layout == "converted" else symbol

    def states_sample(self, lo: int, hi: int) -> list[str]:
        k = min(len(self.states), self.r.randint(lo, hi))
        return sorted(self.r.sample(self.states, k))

    def state_list(self, lo: int, hi: int) -> str:
        return _join([_with_the(s) for s in self.states_sample(lo, hi)])

    def resolution(self) -> str:
        r = self.r
        form = r.choice(_RESOLUTIONS)
        a, b, c, d, e, y = (r.randint(55, 75), r.randint(100, 260), r.randint(45, 66), r.randint(1, 15),
                            r.randint(1, 5), r.randint(1995, 2020))
        body, kind, number = {0: ("GA", "resolution", f"{a}/{b}"), 1: ("CND", "resolution", f"{c}/{d}"),
                              2: ("ECOSOC", "resolution", f"{y}/{d}"),
                              3: ("CND", "decision", f"{c}/{e}")}[_RESOLUTIONS.index(form)]
        self.cite(body, kind, number)
        return form.format(a=a, b=b, c=c, d=d, e=e, y=y)

    def add(self, kind: str, text: str) -> None:
        self.blocks.append((kind, text))

    def p(self, text: str) -> None:
        self.para += 1
        self.add("para", f"{self.para}. {text}")

    def subs(self, items: list[str]) -> None:
        for i, item in enumerate(items):
            end = "." if i == len(items) - 1 else ";"
            self.add("sub", f"({chr(97 + i)}) {item}{end}")

    def sentence(self) -> str:
        r = self.r
        pattern = r.randrange(8)
        if pattern == 0:
            return (f"Reference was made to seizures of {r.choice(_DRUGS)}, {r.choice(_DRUGS)} and "
                    f"{r.choice(_DRUGS)}. Information was shared on the continued use of {r.choice(_ROUTES)} "
                    f"for trafficking from {_with_the(r.choice(self.states))}.")
        if pattern == 1:
            return (f"One delegation noted a decline in the use of {r.choice(_ROUTES)} and an increased importance of "
                    f"{_with_the(r.choice(self.states))} as both a transit State and a destination for "
                    f"{r.choice(_DRUGS)}.")
        if pattern == 2:
            return (f"Several speakers made reference to the need to {r.choice(_VERBS)} "
                    f"{r.choice(_OBJECTS)} {r.choice(_GOALS)}.")
        if pattern == 3:
            return (f"The representative of {_with_the(r.choice(self.states))} reported that {r.randint(2, 900)} "
                    f"kilograms of {r.choice(_DRUGS)} had been seized in {self.days[0].year - 1}, an increase of "
                    f"{r.randint(5, 60)} per cent over the previous year.")
        if pattern == 4:
            return (f"It was observed that organized criminal groups were making full use of new technologies and "
                    f"{r.choice(_ROUTES)}, often using equipment more sophisticated than that available to law "
                    f"enforcement authorities.")
        if pattern == 5:
            return (f"Concern was expressed that illicit proceeds from the trafficking of {r.choice(_DRUGS)} "
                    f"threatened to destabilize the rule of law, in particular when used to finance terrorist groups.")
        if pattern == 6:
            return (f"A number of speakers stressed the importance of {r.choice(_OBJECTS)} and of "
                    f"{r.choice(_OBJECTS)} in line with {self.resolution()}.")
        return (f"Participants discussed emerging challenges, in particular the rise of {r.choice(_DRUGS)} and "
                f"the use of {r.choice(_ROUTES)} for drug trafficking purposes.")

    def discussion(self, lo: int, hi: int) -> None:
        for _ in range(self.r.randint(lo, hi)):
            self.p(" ".join(self.sentence() for _ in range(self.r.randint(2, 4))))

    def rec(self) -> str:
        r = self.r
        return (f"Governments {r.choice(('are encouraged to', 'should', 'are invited to'))} {r.choice(_VERBS)} "
                f"{r.choice(_OBJECTS)} {r.choice(_GOALS)}")

    def finding(self) -> str:
        r = self.r
        return r.choice((
            f"{r.choice(_OBJECTS).capitalize()} remains essential {r.choice(_GOALS)}",
            f"Trafficking in {r.choice(_DRUGS)} through {r.choice(_ROUTES)} continues to pose a challenge to "
            f"law enforcement agencies in the region",
            f"Lack of {r.choice(_OBJECTS)} remains an obstacle to efforts {r.choice(_GOALS)}",
            f"Law enforcement agencies should {r.choice(_VERBS)} {r.choice(_OBJECTS)}",
        ))

    # -- the report ------------------------------------------------------------------------
    def agenda(self, current: bool, topics: list[str] | None, reviewed: str | None = None) -> list[str]:
        """The agenda adopted by this meeting (``current``) or the provisional agenda of the next;
        ``reviewed``: the ordinal word of the meeting whose recommendations this one reviews."""
        before = (reviewed or self.prev or "previous") if current else self.ord
        this = self.ord if current else self.next
        after = self.next if current else ordinal_word(self.ordinal + 2)
        return ["Election of officers.", "Adoption of the agenda and organization of work.",
                "Current situation with respect to regional and subregional cooperation.",
                f"Implementation of the recommendations adopted by the {self.meeting_name(before)}.",
                "Follow-up to the Political Declaration and Plan of Action on International Cooperation towards an "
                "Integrated and Balanced Strategy to Counter the World Drug Problem.",
                "Consideration of topics by working groups" + (":" if topics else "."),
                f"Organization of the {self.meeting_name(after)}.",
                "Other business.",
                f"Adoption of the report of the {self.meeting_name(this)}."]

    def meeting_name(self, ordw: str) -> str:
        if self.series == "SUBCOM":
            return f"{ordw} session of the {self.body}"
        return f"{ordw} {self.body}"

    # -- genre options ------------------------------------------------------------------------
    def title_ordinal(self) -> str:
        o = self.o.title_ordinal
        if o == "lower":
            return self.ord.lower()
        if o == "caps":
            return "-".join(w[:1].upper() + w[1:] for w in self.ord.split("-"))
        if o == "figure":
            return _nth(self.ordinal)
        return self.ord

    def title(self, name: str) -> str:
        o = self.o
        venue = self.city
        country = _CITY_COUNTRY.get(self.city)
        cname = _state_names().get(country) if country else None
        if o.venue == "city-country" and cname:
            venue, self.truth.country = f"{self.city}, {cname}", country
        elif o.venue == "country-parens" and cname:
            venue, self.truth.country = f"{self.city} ({cname})", country
        ordw = self.title_ordinal()
        if self.series == "SUBCOM" and o.subcom_on_its:
            head = f"Report of the {self.body} on its {ordw.lower() if o.title_ordinal != 'figure' else ordw} session"
        elif o.title_region_lost and self.series != "SUBCOM":
            head = f"Report of the {ordw} Meeting of Heads of National Drug Agencies"  # words lost in conversion
        else:
            head = f"Report of the {self.meeting_name(ordw)}"
        return f"{head}, held in {venue} {self.span(title=True)}" + ("*" if o.title_marker else "")

    def roles(self) -> list[str]:
        era = self.o.role_era
        vice = ["Vice-" + era, "Vice-" + era] if self.o.two_vice else ["First Vice-" + era, "Second Vice-" + era]
        return [era, *vice, "Rapporteur"]

    def observers(self, default_obs: list[str]) -> list[str]:
        """The observer paragraphs' texts (one or two sentences or paragraphs); records the truth."""
        o, g, t = self.o, self.g, self.truth
        if o.gazetteer_orgs:
            from .extract.organizations import organization_records

            recs = [rec for rec in organization_records() if rec.key not in ("unodc", "cnd")]
            orgs = []
            for rec in g.sample(recs, g.randint(2, 4)):
                text = ("the " if g.random() < 0.6 else "") + rec.name
                if rec.acronym and g.random() < 0.5:
                    text += f" ({rec.acronym})"
                orgs.append(text)
                t.observer_orgs.add(rec.name)
        else:
            orgs = list(default_obs)
            from .extract.actors import clean_org_name

            t.observer_orgs.update(clean_org_name(x)[0] for x in orgs)
        states: list[str] = []
        if o.observer_states or o.observers in ("as-were",) or o.appositive:
            names = _state_names()
            pool = [c for c in _OBSERVER_STATES if names.get(c) and names[c] not in self.states]
            picks = g.sample(pool, g.randint(1, 3))
            if o.appositive and "PSE" not in picks:
                picks[-1] = "PSE"
            for c in sorted(picks, key=lambda c: names[c]):
                text = _with_the(names[c])
                if c == "PSE" and o.appositive:
                    text = "the State of Palestine, a non-member observer State maintaining a permanent observer " \
                           "mission at Headquarters,"
                states.append(text)
                t.observer_states.add(c)
        if o.appositive and orgs:
            orgs[0] = orgs[0] + ", which attended for the first time,"

        def join(items):  # an appositive or relative clause keeps its closing comma: "X, which ..., and Y"
            return _join(items).replace(",, ", ", ")

        def cap(x):
            return x[0].upper() + x[1:]

        shape = o.observers
        if shape == "as-were" and states:
            return [cap(f"{join(states)} were represented by observers, as were {join(orgs)}.")]
        if shape == "following":
            out = [f"The following intergovernmental organizations were represented by observers: {join(orgs)}."]
            if states:
                out.insert(0, f"The following States were represented by observers: {join(states)}.")
            return [" ".join(out)]
        if shape == "two-sentences" and states:
            return [cap(f"{join(states)} were represented by observers.") + " "
                    + cap(f"{join(orgs)} were also represented by observers.")]
        if shape == "observers-for":
            return [f"Observers for {join(states + orgs)} attended the Meeting."]
        if shape == "following-mixed":
            return [f"The following States and organizations were represented by observers: {join(states + orgs)}."]
        return [cap(f"{join(states + orgs)} were represented by observers.")]

    def citation_sentence(self) -> str:
        """The extra citations of the ``citations`` and ``doc_symbols`` options (one or two
        sentences for the item-5 paragraph); records the truth."""
        o, g = self.o, self.g
        out = []
        c = g.randint(45, 66)
        if o.citations == "old":
            n, s = g.randint(1000, 2100), g.randint(32, 63)
            k, s2 = g.randint(1, 20), g.randint(10, 34)
            when = self.day(date(1940 + s, g.randint(1, 12), g.randint(1, 28)))
            out.append(f"The Meeting recalled Economic and Social Council resolution {n} ({_roman(s)}) of {when} and "
                       f"Commission on Narcotic Drugs resolution {k} ({_roman(s2)}).")
            self.cite("ECOSOC", "resolution", f"{n} ({_roman(s)})")
            self.cite("CND", "resolution", f"{k} ({_roman(s2)})")
        elif o.citations == "plural":
            d1 = g.randint(1, 7)
            d2 = d1 + g.randint(1, 6)
            out.append(f"Speakers referred to Commission on Narcotic Drugs resolutions {c}/{d1} and {c}/{d2}.")
            self.cite("CND", "resolution", f"{c}/{d1}")
            self.cite("CND", "resolution", f"{c}/{d2}")
        elif o.citations == "special":
            ss = g.choice((20, 30))
            out.append(f"The outcome of General Assembly resolution S-{ss}/1 was recalled.")
            self.cite("GA", "resolution", f"S-{ss}/1")
        elif o.citations == "bare":
            e = g.randint(1, 5)
            out.append(f"The Commission, in its decision {c}/{e}, had invited its subsidiary bodies to report.")
            self.cite("CND", "decision", f"{c}/{e}")
        elif o.citations == "postfix":
            d = g.randint(1, 15)
            out.append(f"Reference was also made to resolution {c}/{d} of the Commission on Narcotic Drugs.")
            self.cite("CND", "resolution", f"{c}/{d}")
        y, k = self.days[0].year, g.randint(2, 14)
        if o.doc_symbols == "joint":
            out.append(f"The report of the Commission on its previous session ({self.link(f'E/{y}/28')}\u2013"
                       f"{self.link(f'E/CN.7/{y}/{k}')}) was noted.")
            self.cite_doc([f"E/{y}/28", f"E/CN.7/{y}/{k}"])
        elif o.doc_symbols == "corrigendum":
            out.append(f"The Meeting took note of document {self.link(f'E/CN.7/{y}/{k}')} and Corr.1.")
            self.cite_doc([f"E/CN.7/{y}/{k}", f"E/CN.7/{y}/{k}/Corr.1"])
        return (" " + " ".join(out)) if out else ""

    def build(self) -> SynthReport:
        r, o, t = self.r, self.o, self.truth
        name = self.meeting_name(self.ord)
        if o.masthead_symbol or o.title_region_lost or o.header_in_paragraph:
            self.add("front", self.own)
        self.add("front", self.day(self.issued))
        self.add("front", "Original: English*")
        if o == GenreOptions():
            self.add("title", f"Report of the {name}, held in {self.city} {self.span()}")
        else:
            self.add("title", self.title(name))
        self.add("chapter", "I. Matters calling for action by the Commission on Narcotic Drugs or brought to its "
                            "attention")
        self.add("heading", f"Recommendations adopted by the {name}")
        self.p(f"Participants in the {name} adopted a number of recommendations made by its working groups. "
               "Those recommendations are presented below.")
        for k, topic in enumerate(self.topics, start=1):
            self.add("topic", f"Issue {k}: {topic}" if o.topic_headings == "issue" else f"{k}. {topic}")
            self.p(f"The following recommendations were made with regard to the topic entitled \u201c{topic}\u201d:")
            recs = [self.rec() for _ in range(r.randint(2, 5))]
            t.recommendations.update((k, chr(97 + i)) for i in range(len(recs)))
            self.subs(recs)
        self.add("footnote", "* Available only in English, French, Russian and Spanish, which are the working "
                             "languages of the subsidiary body.")
        docs = [(f"{self.sym}/1", 2, "Provisional agenda and annotations")]
        self.add("chapter", "II. Current situation with respect to regional and subregional cooperation")
        crp = r.randint(8, 22)
        d2, d3 = f"{self.sym}/2", f"{self.sym}/3"
        docs += [(d2, 3, "Report of the Secretariat on statistics on drug trafficking trends"),
                 (d3, 3, "Report of the Secretariat on regional and subregional cooperation")]
        self.cite_doc([d2, d3] + [f"{self.sym}/CRP.{k}" for k in range(2, crp + 1)])
        self.p(f"At its 1st meeting, held on {self.day(self.days[0])}, the Meeting considered item 3 of the agenda, "
               f"entitled \u201cCurrent situation with respect to regional and subregional cooperation\u201d. For its "
               f"consideration of the item, the Meeting had before it two reports prepared by the Secretariat, "
               f"entitled \u201cStatistics on drug trafficking trends in the region and worldwide\u201d "
               f"({self.link(d2)}) and \u201cCurrent situation with respect to regional and subregional "
               f"cooperation\u201d ({self.link(d3)}). In addition, country reports on the illicit drug trafficking "
               f"situation were submitted by {self.state_list(crp - 1, crp - 1)} "
               f"({self.link(f'{self.sym}/CRP.2-{crp}')}).")
        docs.append((f"{self.sym}/CRP.2-{crp}", 3, "Country reports"))
        self.discussion(*((1, 1) if o.compact else (14, 20)))
        if o.representative:
            state = self.g.choice(self.states)
            self.p(f"{self.persons[4]}, representative of {_with_the(state)}, described recent seizures and the "
                   "use of new trafficking routes.")
            t.persons.add(self.persons[4])
        reviewed = self.prev or "previous"
        if o.reviewed_skip and self.ordinal > 2:
            reviewed = ordinal_word(self.ordinal - 2)
            t.reviewed = f"{self.series}/{self.ordinal - 2}"
        self.add("chapter", f"III. Implementation of the recommendations adopted by the "
                            f"{self.meeting_name(reviewed)}")
        d4 = f"{self.sym}/4"
        docs.append((d4, 4, "Note by the Secretariat on the implementation of the recommendations"))
        self.cite_doc(d4)
        self.p(f"At its 1st meeting, held on {self.day(self.days[0])}, the Meeting also considered item 4 of the "
               f"agenda. The Meeting had before it a document on that topic, which had been prepared by the "
               f"Secretariat ({self.link(d4)}), which was based on information provided by Governments in response "
               f"to a questionnaire sent to all States participating in the Meeting. The document reflected the "
               f"replies received as at {self.day(self.days[0] - timedelta(days=r.randint(30, 70)))}, namely those "
               f"from {self.state_list(6, 20)}.")
        self.discussion(*((1, 1) if o.compact else (3, 6)))
        self.add("chapter", "IV. Follow-up to the Political Declaration and Plan of Action on International "
                            "Cooperation towards an Integrated and Balanced Strategy to Counter the World Drug Problem")
        first, second = self.resolution(), self.resolution()
        self.p(f"At its 2nd meeting, held on {self.day(self.days[0])}, the Meeting discussed item 5 entitled "
               f"\u201cFollow-up to the Political Declaration and Plan of Action\u201d. In that context, reference was "
               f"made to {first} and to {second}." + self.citation_sentence())
        self.discussion(*((1, 1) if o.compact else (2, 3)))
        self.add("chapter", "V. Consideration of topics by working groups")
        self.p(f"At its 3rd to 5th meetings, held from {self.day(self.days[1], False)} to "
               f"{self.day(self.days[2], False)}, the Meeting established working groups to examine "
               f"{len(self.topics)} topics under item 6 of the agenda, entitled \u201cConsideration of topics by "
               f"working groups\u201d. The observations made by the working groups and the conclusions reached are "
               f"presented below.")
        for k, topic in enumerate(self.topics, start=1):
            self.add("topic", f"Issue {k}: {topic}" if o.topic_headings == "issue" else f"{k}. {topic}")
            self.p(f"The working group held one meeting, on {self.day(r.choice(self.days[1:3]), False)}. In its "
                   f"consideration of the topic under review, the working group made the following observations:")
            self.subs([self.finding() for _ in range(r.randint(3, 6))])
            self.p("The working group reached the following conclusions:")
            self.subs([self.finding() for _ in range(r.randint(2, 5))])
        self.add("chapter", f"VI. Organization of the {self.meeting_name(self.next)}")
        d5 = f"{self.sym}/5"
        docs.append((d5, 7, f"Note by the Secretariat on the organization of the {self.next} Meeting"))
        self.cite_doc(d5)
        when = ""
        if o.next_year:
            year = self.days[-1].year + 1
            when = f" The Meeting agreed that the {self.meeting_name(self.next)} would be held in {year}."
            t.next_year = year
        self.p(f"At its {_nth(len(self.days) + 2)} meeting, held on {self.day(self.days[-1], False)}, the Meeting "
               f"considered item 7 of its agenda. For its consideration of the item, the Meeting had before it a "
               f"document on that topic, which had been prepared by the Secretariat ({self.link(d5)})." + when)
        self.p("The Meeting took note of the proposals and, on that basis, adopted the following draft provisional "
               f"agenda for the {self.next} Meeting:")
        for i, item in enumerate(self.agenda(False, None), start=1):
            self.add("list", f"{i}. {item}")
        self.add("chapter", "VII. Other business")
        self.p(f"At its {_nth(len(self.days) + 1)} meeting, held on {self.day(self.days[-2])}, the Meeting "
               f"considered item 8 of the agenda entitled \u201cOther business\u201d.")
        self.discussion(1, 1) if o.compact else self.discussion(1, 2)
        self.add("chapter", "VIII. Adoption of the report")
        adds = r.randint(2, 9)
        self.cite_doc([self.sym + "/L.1"] + [f"{self.sym}/L.1/Add.{k}" for k in range(1, adds + 1)])
        self.p(f"At its {_nth(len(self.days) + 2)} meeting, on {self.day(self.days[-1], False)}, the Meeting adopted "
               f"the report of its {self.ord} Meeting ({self.link(self.sym + '/L.1')} and Add.1-{adds}), "
               f"as orally amended, including the reports of the working groups and their recommendations.")
        docs.append((f"{self.sym}/L.1" + (f" and Add.1-Add.{adds}" if o.annex_wrap else ""), 9, "Draft report"))
        self.add("chapter", "IX. Organization of the Meeting")
        self.add("section", "A. Opening and duration of the Meeting")
        roles = self.roles() if o != GenreOptions() else ("Chair", "First Vice-Chair", "Second Vice-Chair",
                                                          "Rapporteur")
        officers = [(role, self.persons[i], r.choice(self.states)) for i, role in enumerate(roles)]
        t.officers.update((role, person, self.iso[state]) for role, person, state in officers)
        t.persons.update(person for _role, person, _state in officers)
        t.persons.update(self.persons[5:7])
        opened = ""
        if o.previous_chair and self.ordinal > 1:
            st = self.g.choice(self.states)
            opened = (f" The Meeting was opened by the Chair of the {self.prev} Meeting, {self.persons[7]} "
                      f"({st}).")
            t.persons.add(self.persons[7])
        self.p(f"The {name} was held in {self.city}, {self.span()}.{opened} The inaugural ceremony was held on "
               f"{self.day(self.days[0])} and addressed by {self.persons[5]}, Executive Director of UNODC, and "
               f"{self.persons[6]}, Chair of the Commission on Narcotic Drugs. The Chairperson of the {self.ord} "
               f"Meeting, {officers[0][1]} ({officers[0][2]}) also addressed the Meeting.")
        self.add("section", "B. Attendance")
        members = self.states_sample(12, 30)
        t.members.update(self.iso[s] for s in members)
        self.p(f"The following States members of the {self.body} were represented: {_join(members)}.")
        obs = r.sample(_OBSERVERS, r.randint(2, 3))
        if o == GenreOptions():
            line = f"{_join(obs)} were represented by observers."
            self.p(line[0].upper() + line[1:])
            from .extract.actors import clean_org_name

            t.observer_orgs.update(clean_org_name(x)[0] for x in obs)
        else:
            for text in self.observers(obs):
                self.p(text)
        self.p("UNODC served as the secretariat of the Meeting.")
        self.add("section", "C. Election of officers")
        if o.officers == "prose":
            self.p(self.election_prose(officers))
        else:
            self.p(f"At its 1st meeting, on {self.day(self.days[0], False)}, the {self.ord} Meeting elected the "
                   f"following officers:")
            kind = {"table": "officer", "lines": "officerline", "table3": "officer3"}[o.officers]
            if kind == "officer3":
                self.add("officer3head", "Office\tName\tState")
            for role, person, state in officers:
                self.add(kind, f"{role}\t{person}\t{state}" if kind == "officer3" else f"{role}:\t{person} ({state})")
        self.add("section", "D. Adoption of the agenda")
        self.p(f"Also at its 1st meeting, the {self.ord} Meeting adopted the following agenda:")
        for i, item in enumerate(self.agenda(True, self.topics, reviewed), start=1):
            self.add("list", f"{i}. {item}")
            if i == 6:
                for j, topic in enumerate(self.topics):
                    end = "." if j == len(self.topics) - 1 else ";"
                    self.add("agendasub", f" - ({chr(97 + j)}) {topic}{end}")
        self.add("section", "E. Documentation")
        self.p(f"The documents before the {self.ord} Meeting are listed in the annex.")
        self.add("chapter", "X. Closure of the Meeting")
        self.p(f"The Chair of the {self.ord} Meeting made closing remarks.")
        self.add("annex", "Annex")
        self.add("heading", f"List of documents before the {name}")
        self.add("tablehead", "Document number\tAgenda item\tTitle or description")
        for sym, item, title in sorted(docs, key=lambda d: d[0]):
            self.add("row", f"{sym}\t{item}\t{title}")
            from .extract.symbols import expand

            for one in expand(sym.replace(" and ", " and ")):
                t.documents.add((one, str(item), title))
        text = {"converted": self.converted, "pdf": self.pdf, "md": self.markdown}[self.layout]()
        if self.own in text.split("Report of the", 1)[0] or self.layout == "pdf":  # printed: never a document
            t.documents = {d for d in t.documents if d[0] != self.own}
            t.document_citations = {d for d in t.document_citations if d[1] != self.own}
        ext = "md" if self.layout == "md" else "txt"
        name = f"{_BODY_SLUG[self.series]}-{self.ordinal:03d}-{self.days[0].year}.{ext}"
        return SynthReport(name=name, layout=self.layout, series=self.series, ordinal=self.ordinal, text=text,
                           options=o, truth=t)

    def election_prose(self, officers) -> str:
        """The election of officers in prose: the Chair "(State) ... by acclamation", the vice-chairs
        "Name of State" with "respectively" (or one plural office), the Rapporteur "(State)"."""
        (r0, p0, s0), (r1, p1, s1), (r2, p2, s2), (r3, p3, s3) = officers
        if r1 == r2:
            plural = r1[:-3] + "men" if r1.endswith("man") else r1 + "s"
            vice = f"{p1} of {_with_the(s1)} and {p2} of {_with_the(s2)} were elected {plural}"
        else:
            vice = f"{p1} of {_with_the(s1)} and {p2} of {_with_the(s2)} were elected {r1} and {r2}, respectively"
        return (f"At its 1st meeting, on {self.day(self.days[0], False)}, the {self.ord} Meeting elected {p0} "
                f"({s0}) {r0} by acclamation. {vice}, and {p3} ({s3}) was elected {r3}.")

    # -- layouts ---------------------------------------------------------------------------
    def converted(self) -> str:
        lines = ["", ""]
        headers = 0
        for kind, text in self.blocks:
            if kind == "officer":
                role, rest = text.split("\t")
                lines.append(f"<i>{role}</i>\t{rest}")  # role ends in ":" as in the real report
                continue
            if kind == "officerline":
                lines += [text.replace("\t", " "), ""]
                continue
            if kind in ("officer3", "officer3head"):
                lines.append(text)
                continue
            if kind == "para" and self.o.header_in_paragraph and len(text) > 300 and headers < 3:
                # a plain-text export keeps the running header (the report's symbol) where a page
                # broke inside the paragraph
                words = text.split(" ")
                cut = len(words) // 2
                lines += [" ".join(words[:cut]), self.own, " ".join(words[cut:]), ""]
                headers += 1
                continue
            if kind == "tablehead":
                lines.append("\t".join(f"<i>{c}</i>" for c in text.split("\t")))
                continue
            if kind in ("list", "agendasub", "row"):
                lines.append(text)
                continue
            if kind == "para" and len(text) > 400 and self.r.random() < 0.08:
                # a page break in the middle of a sentence, as converted UN documents have
                words = text.split(" ")
                cut = len(words) // 2
                while cut < len(words) - 1 and not words[cut + 1][:1].islower():
                    cut += 1
                if cut < len(words) - 1:
                    lines += [" ".join(words[:cut + 1]), "", " ".join(words[cut + 1:]), ""]
                    continue
            lines += [text, ""]
        return "\n".join(lines) + "\n"

    def markdown(self) -> str:
        out = []
        for kind, text in self.blocks:
            if kind == "title":
                out += [f"# {text}", ""]
            elif kind == "chapter":
                out += [f"## {text}", ""]
            elif kind in ("section", "annex"):
                out += [f"### {text}", ""]
            elif kind in ("heading", "topic"):
                out += [f"**{text}**", ""]
            elif kind == "officer":
                role, rest = text.split("\t")
                out += [f"*{role}* {rest}  "]
            elif kind == "officerline":
                out += [text.replace("\t", " "), ""]
            elif kind == "officer3head":
                out += ["", "| " + " | ".join(text.split("\t")) + " |", "|---|---|---|"]
            elif kind == "officer3":
                out += ["| " + " | ".join(text.split("\t")) + " |"]
            elif kind == "tablehead":
                out += ["| " + " | ".join(text.split("\t")) + " |", "|---|---|---|"]
            elif kind == "row":
                out += ["| " + " | ".join(text.split("\t")) + " |"]
            elif kind in ("list", "agendasub"):
                out += [text]
            else:
                if out and out[-1].startswith("| ") and kind != "row":
                    out.append("")
                out += [text, ""]
        return "\n".join(out) + "\n"

    def pdf(self) -> str:
        o = self.o
        job = f"V.{self.issued.year % 100:02d}-{self.r.randint(1000, 9999):05d}"
        barcode = "*" + job[2:].replace("-", "") + "*"
        symbol = self.own
        body: list[str] = []
        annex_at = None
        for kind, text in self.blocks:
            if kind in ("officer", "officerline"):
                role, rest = text.split("\t")
                body.append(f"     {role} {rest}")
                continue
            if kind in ("officer3", "officer3head"):
                body.append("".join(c.ljust(26) if i < 2 else c for i, c in enumerate(text.split("\t"))).rstrip())
                continue
            if kind in ("tablehead", "row") and o.annex_wrap:
                body += _table_lines(text.split("\t"), (30, 10, 40), head=kind == "tablehead")
                continue
            if kind in ("tablehead", "row"):
                body.append("   ".join(c.ljust(24) if i < 2 else c for i, c in enumerate(text.split("\t"))).rstrip())
                continue
            if kind == "front" and text == symbol:
                continue  # printed in the page-1 header below
            if kind == "annex" and o != GenreOptions():
                annex_at = len(body)  # an annex starts on a new page
            hang = "      " if kind in ("sub", "para") else ""
            body += _wrap(text, 80, hang, self.r)
            body.append("")
        pages, per = [], 46
        parts = [body] if annex_at is None else [body[:annex_at], body[annex_at:]]
        chunks = [part[i:i + per] for part in parts for i in range(0, len(part), per)]
        total = len(chunks)
        for n, chunk in enumerate(chunks, start=1):
            head = [f"{symbol}", ""] if n > 1 else [f"United Nations{' ' * 40}{symbol}", ""]
            if o.furniture == "alternate" and n > 1 and n % 2:
                head = [symbol.rjust(80), ""]
            if o.furniture == "advance-unedited":
                head = head[:1] + ["ADVANCE UNEDITED", ""]
            if o.furniture == "barcode-glued" and n == 2:
                head = [barcode + symbol, ""]
            job_line = f"{job} (E)" + (f"    {self.day(self.issued)}" if n == 1 and o == GenreOptions() else "")
            if o.furniture == "date-codes" and n == 1:
                codes = [self.issued + timedelta(days=k) for k in (0, 3)]
                job_line = f"{job} (E)    " + "    ".join(d.strftime("%d%m%y") for d in codes)
            pageno = f"{n}/{total}"
            if o.furniture == "alternate":
                pageno = f"{n}/{total}{' ' * 60}{job}" if n % 2 == 0 else f"{job}{' ' * 60}{n}/{total}"
            last_bar = barcode if n == 1 and not (o.furniture == "barcode-glued" and total > 1) else ""
            foot = ["", job_line, last_bar, pageno]
            pages.append("\n".join(head + chunk + foot))
        return "\n\f".join(pages) + "\n"


def _table_lines(cells: list[str], widths: tuple[int, ...], head: bool = False) -> list[str]:
    """A table row laid out in columns of ``widths`` characters, each cell wrapped inside its
    column ("UNODC/HONEURO/12/L.1 and" / "Add.1-Add.9"; "Agenda" / "item"), as layout-preserving
    PDF text shows wrapped cells."""
    wrapped = []
    for i, (cell, width) in enumerate(zip(cells, widths)):
        if head and cell == "Agenda item":
            wrapped.append(["Agenda", "item"])
        elif i == 0 and " and " in cell:
            a, b = cell.split(" and ", 1)
            wrapped.append([a + " and", b])
        else:
            wrapped.append(textwrap.wrap(cell, width - 2, break_long_words=False) or [""])
    out = []
    for k in range(max(len(w) for w in wrapped)):
        parts = [(w[k] if k < len(w) else "") for w in wrapped]
        out.append("".join(p.ljust(w) if i < len(parts) - 1 else p for i, (p, w) in enumerate(zip(parts, widths)))
                   .rstrip())
    return out


_BODY_SLUG = {"HONEURO": "honlea-europe", "HONLAF": "honlea-africa", "HONLAP": "honlea-asia-pacific",
              "HONLAC": "honlea-lac", "SUBCOM": "subcom"}


def _wrap(text: str, width: int, hang: str, r: random.Random) -> list[str]:
    """Hard-wrap at ``width`` columns, hyphenating a long word at the line end now and then, as
    text extracted from a UN PDF is."""
    lines = textwrap.wrap(text, width=width, subsequent_indent=hang, break_long_words=False,
                          break_on_hyphens=False)
    out = []
    carry = ""
    for i, line in enumerate(lines):
        line = (hang + carry + line.lstrip()) if carry else line
        carry = ""
        if i + 1 < len(lines) and r.random() < 0.15:
            head, _, last = line.rpartition(" ")
            if len(last) >= 8 and last.isalpha():
                cut = len(last) // 2
                line, carry = f"{head} {last[:cut]}-", last[cut:] + " "
        out.append(line)
    if carry:
        out.append(hang + carry.strip())
    return out


def generate_report(seed: int, index: int, layout: str = "converted",
                    options: GenreOptions | None = None) -> SynthReport:
    """Generate report number ``index`` (0-based) of the corpus with ``seed``, in ``layout``,
    with the genre variations ``options`` switches on (default: none, the benchmark corpus).

    Series cycle HONEURO, HONLAF, HONLAP, HONLAC, SUBCOM; the ordinal is ``index // 5 + 1``, so
    every report of a corpus is a different meeting.  :raises ValueError: for an unknown layout
    or an option value not in :data:`OPTION_VALUES`.
    """
    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}: expected one of {', '.join(LAYOUTS)}")
    opts = options or GenreOptions()
    for name, value in opts.changed().items():
        if value not in OPTION_VALUES[name]:
            raise ValueError(f"genre option {name}={value!r}: expected one of {OPTION_VALUES[name]}")
    return _Gen(seed, index, layout, opts).build()


def layout_for(index: int, layouts: tuple[str, ...] | list[str]) -> str:
    """The layout of report ``index`` in a mix: round robin over ``layouts``."""
    return layouts[index % len(layouts)]


def write_corpus(folder: Path, n: int, seed: int = 1, layouts=BUILDABLE_LAYOUTS) -> list[Path]:
    """Write ``n`` synthetic reports into ``folder`` (created); return their paths, sorted.

    ``layouts``: the mix, assigned round robin (default: the layouts the current reader builds).
    Files are written as UTF-8; the same ``(n, seed, layouts)`` always gives the same bytes.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        rep = generate_report(seed, i, layout_for(i, tuple(layouts)))
        path = folder / rep.name
        path.write_text(rep.text, encoding="utf-8")
        paths.append(path)
    return sorted(paths)
