"""A deterministic generator of synthetic HONLEA reports, for benchmarks and scale tests.

The reports follow the genre of the real report bundled in ``corpus/`` (the order of chapters,
the sentence patterns of agenda-item paragraphs, attendance lists, officer tables, working-group
observations, conclusions and recommendations, the annex list of documents, citations of
resolutions and decisions), with States from ``gazetteers/states.csv`` (UN names), generated
persons, document symbols, dates, cities and topics varied per report.  Nothing is lorem ipsum.

Three layouts are written (see ``/work/shared/corpus/README.md`` for the real ones):

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
"""

from __future__ import annotations

import csv
import random
import textwrap
from dataclasses import dataclass
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


@dataclass
class SynthReport:
    """One generated report: file name, layout, series, ordinal and text."""

    name: str
    layout: str
    series: str
    ordinal: int
    text: str


class _Gen:
    """Builds one report as a list of logical blocks ``(kind, text)``, then lays them out."""

    def __init__(self, seed: int, index: int, layout: str):
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

    # -- helpers ---------------------------------------------------------------------------
    def day(self, d: date, year: bool = True) -> str:
        return f"{d.day} {_MONTHS[d.month - 1]}" + (f" {d.year}" if year else "")

    def span(self) -> str:
        a, b = self.days[0], self.days[-1]
        dash = "\u2013" if self.layout == "pdf" else None
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
        return r.choice(_RESOLUTIONS).format(a=r.randint(55, 75), b=r.randint(100, 260), c=r.randint(45, 66),
                                             d=r.randint(1, 15), e=r.randint(1, 5), y=r.randint(1995, 2020))

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
    def agenda(self, current: bool, topics: list[str] | None) -> list[str]:
        """The agenda adopted by this meeting (``current``) or the provisional agenda of the next."""
        before = (self.prev or "previous") if current else self.ord
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

    def build(self) -> SynthReport:
        r = self.r
        name = self.meeting_name(self.ord)
        self.add("front", self.day(self.issued))
        self.add("front", "Original: English*")
        self.add("title", f"Report of the {name}, held in {self.city} {self.span()}")
        self.add("chapter", "I. Matters calling for action by the Commission on Narcotic Drugs or brought to its "
                            "attention")
        self.add("heading", f"Recommendations adopted by the {name}")
        self.p(f"Participants in the {name} adopted a number of recommendations made by its working groups. "
               "Those recommendations are presented below.")
        for k, topic in enumerate(self.topics, start=1):
            self.add("topic", f"{k}. {topic}")
            self.p(f"The following recommendations were made with regard to the topic entitled \u201c{topic}\u201d:")
            self.subs([self.rec() for _ in range(r.randint(2, 5))])
        self.add("footnote", "* Available only in English, French, Russian and Spanish, which are the working "
                             "languages of the subsidiary body.")
        docs = [(f"{self.sym}/1", 2, "Provisional agenda and annotations")]
        self.add("chapter", "II. Current situation with respect to regional and subregional cooperation")
        crp = r.randint(8, 22)
        d2, d3 = f"{self.sym}/2", f"{self.sym}/3"
        docs += [(d2, 3, "Report of the Secretariat on statistics on drug trafficking trends"),
                 (d3, 3, "Report of the Secretariat on regional and subregional cooperation")]
        self.p(f"At its 1st meeting, held on {self.day(self.days[0])}, the Meeting considered item 3 of the agenda, "
               f"entitled \u201cCurrent situation with respect to regional and subregional cooperation\u201d. For its "
               f"consideration of the item, the Meeting had before it two reports prepared by the Secretariat, "
               f"entitled \u201cStatistics on drug trafficking trends in the region and worldwide\u201d "
               f"({self.link(d2)}) and \u201cCurrent situation with respect to regional and subregional "
               f"cooperation\u201d ({self.link(d3)}). In addition, country reports on the illicit drug trafficking "
               f"situation were submitted by {self.state_list(crp - 1, crp - 1)} "
               f"({self.link(f'{self.sym}/CRP.2-{crp}')}).")
        docs.append((f"{self.sym}/CRP.2-{crp}", 3, "Country reports"))
        self.discussion(14, 20)
        self.add("chapter", f"III. Implementation of the recommendations adopted by the "
                            f"{self.meeting_name(self.prev or 'previous')}")
        d4 = f"{self.sym}/4"
        docs.append((d4, 4, "Note by the Secretariat on the implementation of the recommendations"))
        self.p(f"At its 1st meeting, held on {self.day(self.days[0])}, the Meeting also considered item 4 of the "
               f"agenda. The Meeting had before it a document on that topic, which had been prepared by the "
               f"Secretariat ({self.link(d4)}), which was based on information provided by Governments in response "
               f"to a questionnaire sent to all States participating in the Meeting. The document reflected the "
               f"replies received as at {self.day(self.days[0] - timedelta(days=r.randint(30, 70)))}, namely those "
               f"from {self.state_list(6, 20)}.")
        self.discussion(3, 6)
        self.add("chapter", "IV. Follow-up to the Political Declaration and Plan of Action on International "
                            "Cooperation towards an Integrated and Balanced Strategy to Counter the World Drug Problem")
        self.p(f"At its 2nd meeting, held on {self.day(self.days[0])}, the Meeting discussed item 5 entitled "
               f"\u201cFollow-up to the Political Declaration and Plan of Action\u201d. In that context, reference was "
               f"made to {self.resolution()} and to {self.resolution()}.")
        self.discussion(2, 3)
        self.add("chapter", "V. Consideration of topics by working groups")
        self.p(f"At its 3rd to 5th meetings, held from {self.day(self.days[1], False)} to "
               f"{self.day(self.days[2], False)}, the Meeting established working groups to examine "
               f"{len(self.topics)} topics under item 6 of the agenda, entitled \u201cConsideration of topics by "
               f"working groups\u201d. The observations made by the working groups and the conclusions reached are "
               f"presented below.")
        for k, topic in enumerate(self.topics, start=1):
            self.add("topic", f"{k}. {topic}")
            self.p(f"The working group held one meeting, on {self.day(r.choice(self.days[1:3]), False)}. In its "
                   f"consideration of the topic under review, the working group made the following observations:")
            self.subs([self.finding() for _ in range(r.randint(3, 6))])
            self.p("The working group reached the following conclusions:")
            self.subs([self.finding() for _ in range(r.randint(2, 5))])
        self.add("chapter", f"VI. Organization of the {self.meeting_name(self.next)}")
        d5 = f"{self.sym}/5"
        docs.append((d5, 7, f"Note by the Secretariat on the organization of the {self.next} Meeting"))
        self.p(f"At its {_nth(len(self.days) + 2)} meeting, held on {self.day(self.days[-1], False)}, the Meeting "
               f"considered item 7 of its agenda. For its consideration of the item, the Meeting had before it a "
               f"document on that topic, which had been prepared by the Secretariat ({self.link(d5)}).")
        self.p("The Meeting took note of the proposals and, on that basis, adopted the following draft provisional "
               f"agenda for the {self.next} Meeting:")
        for i, item in enumerate(self.agenda(False, None), start=1):
            self.add("list", f"{i}. {item}")
        self.add("chapter", "VII. Other business")
        self.p(f"At its {_nth(len(self.days) + 1)} meeting, held on {self.day(self.days[-2])}, the Meeting "
               f"considered item 8 of the agenda entitled \u201cOther business\u201d.")
        self.discussion(1, 2)
        self.add("chapter", "VIII. Adoption of the report")
        self.p(f"At its {_nth(len(self.days) + 2)} meeting, on {self.day(self.days[-1], False)}, the Meeting adopted "
               f"the report of its {self.ord} Meeting ({self.link(self.sym + '/L.1')} and Add.1-{r.randint(2, 9)}), "
               f"as orally amended, including the reports of the working groups and their recommendations.")
        docs.append((f"{self.sym}/L.1", 9, "Draft report"))
        self.add("chapter", "IX. Organization of the Meeting")
        self.add("section", "A. Opening and duration of the Meeting")
        officers = [(role, self.persons[i], r.choice(self.states))
                    for i, role in enumerate(("Chair", "First Vice-Chair", "Second Vice-Chair", "Rapporteur"))]
        self.p(f"The {name} was held in {self.city}, {self.span()}. The inaugural ceremony was held on "
               f"{self.day(self.days[0])} and addressed by {self.persons[5]}, Executive Director of UNODC, and "
               f"{self.persons[6]}, Chair of the Commission on Narcotic Drugs. The Chairperson of the {self.ord} "
               f"Meeting, {officers[0][1]} ({officers[0][2]}) also addressed the Meeting.")
        self.add("section", "B. Attendance")
        self.p(f"The following States members of the {self.body} were represented: {_join(self.states_sample(12, 30))}.")
        obs = r.sample(_OBSERVERS, r.randint(2, 3))
        line = f"{_join(obs)} were represented by observers."
        self.p(line[0].upper() + line[1:])
        self.p("UNODC served as the secretariat of the Meeting.")
        self.add("section", "C. Election of officers")
        self.p(f"At its 1st meeting, on {self.day(self.days[0], False)}, the {self.ord} Meeting elected the "
               f"following officers:")
        for role, person, state in officers:
            self.add("officer", f"{role}:\t{person} ({state})")
        self.add("section", "D. Adoption of the agenda")
        self.p(f"Also at its 1st meeting, the {self.ord} Meeting adopted the following agenda:")
        for i, item in enumerate(self.agenda(True, self.topics), start=1):
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
        text = {"converted": self.converted, "pdf": self.pdf, "md": self.markdown}[self.layout]()
        ext = "md" if self.layout == "md" else "txt"
        name = f"{_BODY_SLUG[self.series]}-{self.ordinal:03d}-{self.days[0].year}.{ext}"
        return SynthReport(name=name, layout=self.layout, series=self.series, ordinal=self.ordinal, text=text)

    # -- layouts ---------------------------------------------------------------------------
    def converted(self) -> str:
        lines = ["", ""]
        for kind, text in self.blocks:
            if kind == "officer":
                role, rest = text.split("\t")
                lines.append(f"<i>{role}</i>\t{rest}")  # role ends in ":" as in the real report
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
            elif kind == "tablehead":
                out += ["| " + " | ".join(text.split("\t")) + " |", "|---|---|---|"]
            elif kind == "row":
                out += ["| " + " | ".join(text.split("\t")) + " |"]
            elif kind in ("list", "agendasub"):
                out += [text]
            else:
                out += [text, ""]
        return "\n".join(out) + "\n"

    def pdf(self) -> str:
        job = f"V.{self.issued.year % 100:02d}-{self.r.randint(1000, 9999):05d}"
        barcode = "*" + job[2:].replace("-", "") + "*"
        symbol = f"{self.sym}/5" if self.series != "SUBCOM" else f"UNODC/SUBCOM/{self.ordinal}/5"
        body: list[str] = []
        for kind, text in self.blocks:
            if kind == "officer":
                role, rest = text.split("\t")
                body.append(f"     {role} {rest}")
                continue
            if kind in ("tablehead", "row"):
                body.append("   ".join(c.ljust(24) if i < 2 else c for i, c in enumerate(text.split("\t"))).rstrip())
                continue
            hang = "      " if kind in ("sub", "para") else ""
            body += _wrap(text, 80, hang, self.r)
            body.append("")
        pages, per = [], 46
        chunks = [body[i:i + per] for i in range(0, len(body), per)]
        total = len(chunks)
        for n, chunk in enumerate(chunks, start=1):
            head = [f"{symbol}", ""] if n > 1 else [f"United Nations{' ' * 40}{symbol}", ""]
            foot = ["", f"{job} (E)" + (f"    {self.day(self.issued)}" if n == 1 else ""), barcode if n == 1 else "",
                    f"{n}/{total}"]
            pages.append("\n".join(head + chunk + foot))
        return "\n\f".join(pages) + "\n"


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


def generate_report(seed: int, index: int, layout: str = "converted") -> SynthReport:
    """Generate report number ``index`` (0-based) of the corpus with ``seed``, in ``layout``.

    Series cycle HONEURO, HONLAF, HONLAP, HONLAC, SUBCOM; the ordinal is ``index // 5 + 1``, so
    every report of a corpus is a different meeting.  :raises ValueError: for an unknown layout.
    """
    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}: expected one of {', '.join(LAYOUTS)}")
    return _Gen(seed, index, layout).build()


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
