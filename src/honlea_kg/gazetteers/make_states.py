"""Generate ``states.csv``, the State gazetteer, from pycountry, the OWID QID table and the
hand-written UN name and alias tables below.

Run ``python -m honlea_kg.gazetteers.make_states`` (or this file) to rewrite ``states.csv`` next
to it; ``--check`` only compares and exits 1 if the committed file differs.  Sources of each
column are in ``README.md`` in this directory.

Rows: every ISO 3166-1 entry in pycountry (the 193 UN Member States, the two observer States and
all other territories a report may name, e.g. Hong Kong and Macao, China, in Asia-Pacific
reports, Caribbean territories in Latin America reports), plus Kosovo (``XKX``, a user-assigned
code, see the README) and two former entities still found in older reports (Serbia and
Montenegro ``SCG``, Netherlands Antilles ``ANT``; ISO 3166-3 codes).

``un_name``: the UN short name for Member and observer States (UN Member States list / UNTERM),
the UN M49 name for other territories where it differs from the ISO name, else the ISO name.
``aliases``: the hand-written aliases (inverted and former names, short forms) + pycountry
``name``/``common_name``/``official_name`` + the Wikidata English label from the OWID table,
minus any that fold to the same key as an earlier name, and minus ISO's comma-inverted forms
("Korea, Republic of"), which would break list splitting (``resolve_state`` still finds them
through pycountry).  No alias starts with "the": the code handles the article (the one "The" kept
is the former UN name "The former Yugoslav Republic of Macedonia", printed with a capital).
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

import pycountry

from honlea_kg.extract.states import NOT_STATES, name_key

HERE = Path(__file__).resolve().parent
QID_TABLE = HERE / "iso3-wikidata.csv"
OUT = HERE / "states.csv"

#: The 193 UN Member States by ISO alpha-3, with the UN short name where it differs from the
#: ISO 3166-1 short name in pycountry.  Source: United Nations, "Member States"
#: (www.un.org/en/about-us/member-states) and UNTERM country short names.
UN_MEMBERS: dict[str, str | None] = {
    "AFG": None, "ALB": None, "DZA": None, "AND": None, "AGO": None,
    "ATG": None, "ARG": None, "ARM": None, "AUS": None, "AUT": None,
    "AZE": None, "BHS": None, "BHR": None, "BGD": None, "BRB": None,
    "BLR": None, "BEL": None, "BLZ": None, "BEN": None, "BTN": None,
    "BOL": "Bolivia (Plurinational State of)", "BIH": None, "BWA": None, "BRA": None,
    "BRN": None, "BGR": None, "BFA": None, "BDI": None, "CPV": "Cabo Verde",
    "KHM": None, "CMR": None, "CAN": None, "CAF": None, "TCD": None,
    "CHL": None, "CHN": None, "COL": None, "COM": None, "COG": "Congo",
    "CRI": None, "CIV": "Côte d'Ivoire", "HRV": None, "CUB": None, "CYP": None,
    "CZE": "Czechia", "PRK": "Democratic People's Republic of Korea",
    "COD": "Democratic Republic of the Congo", "DNK": None, "DJI": None, "DMA": None,
    "DOM": None, "ECU": None, "EGY": None, "SLV": None, "GNQ": None,
    "ERI": None, "EST": None, "SWZ": "Eswatini", "ETH": None, "FJI": None,
    "FIN": None, "FRA": None, "GAB": None, "GMB": "Gambia", "GEO": None,
    "DEU": None, "GHA": None, "GRC": None, "GRD": None, "GTM": None,
    "GIN": None, "GNB": None, "GUY": None, "HTI": None, "HND": None,
    "HUN": None, "ISL": None, "IND": None, "IDN": None,
    "IRN": "Iran (Islamic Republic of)", "IRQ": None, "IRL": None, "ISR": None,
    "ITA": None, "JAM": None, "JPN": None, "JOR": None, "KAZ": None,
    "KEN": None, "KIR": None, "KWT": None, "KGZ": None,
    "LAO": "Lao People's Democratic Republic", "LVA": None, "LBN": None, "LSO": None,
    "LBR": None, "LBY": "Libya", "LIE": None, "LTU": None, "LUX": None,
    "MDG": None, "MWI": None, "MYS": None, "MDV": None, "MLI": None,
    "MLT": None, "MHL": None, "MRT": None, "MUS": None, "MEX": None,
    "FSM": "Micronesia (Federated States of)", "MCO": None, "MNG": None, "MNE": None,
    "MAR": None, "MOZ": None, "MMR": None, "NAM": None, "NRU": None,
    "NPL": None, "NLD": "Netherlands (Kingdom of the)", "NZL": None, "NIC": None,
    "NER": "Niger", "NGA": None, "MKD": "North Macedonia", "NOR": None, "OMN": None,
    "PAK": None, "PLW": None, "PAN": None, "PNG": None, "PRY": None,
    "PER": None, "PHL": None, "POL": None, "PRT": None, "QAT": None,
    "KOR": "Republic of Korea", "MDA": "Republic of Moldova", "ROU": None,
    "RUS": "Russian Federation", "RWA": None, "KNA": None, "LCA": None, "VCT": None,
    "WSM": None, "SMR": None, "STP": "Sao Tome and Principe", "SAU": None, "SEN": None,
    "SRB": None, "SYC": None, "SLE": None, "SGP": None, "SVK": None,
    "SVN": None, "SLB": None, "SOM": None, "ZAF": None, "SSD": None,
    "ESP": None, "LKA": None, "SDN": "Sudan", "SUR": None, "SWE": None,
    "CHE": None, "SYR": "Syrian Arab Republic", "TJK": None, "THA": None,
    "TLS": "Timor-Leste", "TGO": None, "TON": None, "TTO": None, "TUN": None,
    "TUR": "Türkiye", "TKM": None, "TUV": None, "UGA": None, "UKR": None,
    "ARE": None, "GBR": "United Kingdom of Great Britain and Northern Ireland",
    "TZA": "United Republic of Tanzania", "USA": "United States of America",
    "URY": None, "UZB": None, "VUT": None,
    "VEN": "Venezuela (Bolivarian Republic of)", "VNM": "Viet Nam", "YEM": None,
    "ZMB": None, "ZWE": None,
}

#: Non-member States with UN observer status (General Assembly resolutions 58/314 and 67/19).
UN_OBSERVERS: dict[str, str] = {"VAT": "Holy See", "PSE": "State of Palestine"}

#: Other entities: UN M49 names where they differ from the ISO short name, and entities without
#: a current ISO 3166-1 code.  Source: UN Statistics Division, "Standard country or area codes
#: for statistical use (M49)"; Kosovo: UN usage with the Security Council resolution 1244 (1999)
#: footnote; UNODC statistical usage for Taiwan Province of China.
OTHER_NAMES: dict[str, str] = {
    "HKG": "China, Hong Kong Special Administrative Region",
    "MAC": "China, Macao Special Administrative Region",
    "TWN": "Taiwan Province of China",
    "VIR": "United States Virgin Islands",
    "VGB": "British Virgin Islands",
    "SHN": "Saint Helena",
    "SJM": "Svalbard and Jan Mayen Islands",
    "WLF": "Wallis and Futuna Islands",
    "XKX": "Kosovo",
    "SCG": "Serbia and Montenegro",
    "ANT": "Netherlands Antilles",
}

#: Rows with no current ISO 3166-1 entry in pycountry: Kosovo (user-assigned XKX, as used by
#: the European Commission and the IMF) and two ISO 3166-3 former codes.
EXTRA_CODES = ("XKX", "SCG", "ANT")

#: QIDs that differ from the OWID table, with the reason (gazetteers README, "Caveats").
QID_OVERRIDES: dict[str, str] = {
    "VAT": "Q159583",  # the Holy See (UN observer State), not Vatican City State (Q237)
    "XKX": "Q1246",  # Kosovo: no ISO code, so not in the OWID table
}

#: Hand-written aliases: inverted forms used in running text ("the Islamic Republic of Iran"),
#: former UN names found in older reports ("Turkey", "Swaziland", "The former Yugoslav
#: Republic of Macedonia", "Libyan Arab Jamahiriya", "Zaire"), common short forms and the
#: forms UNODC uses for territories ("Hong Kong, China").  Never with a leading "the".
ALIASES: dict[str, list[str]] = {
    "BOL": ["Plurinational State of Bolivia", "Bolivia"],
    "VEN": ["Bolivarian Republic of Venezuela", "Venezuela"],
    "IRN": ["Islamic Republic of Iran", "Iran"],
    "TUR": ["Turkey", "Republic of Türkiye"],
    "GBR": ["United Kingdom"],
    "USA": ["United States"],
    "RUS": ["Russia"],
    "MDA": ["Moldova"],
    "CIV": ["Ivory Coast"],
    "PRK": ["North Korea"],
    "KOR": ["South Korea"],
    "LAO": ["Laos", "Lao PDR"],
    "VNM": ["Vietnam"],
    "SYR": ["Syria"],
    "FSM": ["Federated States of Micronesia"],
    "TZA": ["Tanzania"],
    "COG": ["Republic of the Congo", "Congo-Brazzaville"],
    "COD": ["DR Congo", "Congo-Kinshasa", "Zaire"],
    "SWZ": ["Swaziland", "Kingdom of Eswatini"],
    "MKD": ["The former Yugoslav Republic of Macedonia", "Republic of North Macedonia"],
    "CZE": ["Czech Republic"],
    "CPV": ["Cape Verde"],
    "TLS": ["East Timor"],
    "NLD": ["Netherlands", "Kingdom of the Netherlands"],
    "VAT": ["Vatican City", "Vatican City State", "Vatican"],
    "PSE": ["Palestine", "Occupied Palestinian Territory"],
    "LBY": ["Libyan Arab Jamahiriya"],
    "MMR": ["Burma"],
    "BRN": ["Brunei"],
    "KNA": ["St. Kitts and Nevis", "Saint Christopher and Nevis"],
    "LCA": ["St. Lucia"],
    "VCT": ["St. Vincent and the Grenadines"],
    "HKG": ["Hong Kong", "Hong Kong, China", "Hong Kong SAR", "Hong Kong SAR of China",
            "Hong Kong Special Administrative Region of China",
            "Hong Kong Special Administrative Region", "China, Hong Kong SAR"],
    "MAC": ["Macao", "Macau", "Macao, China", "Macao SAR", "Macao SAR of China",
            "Macao Special Administrative Region of China",
            "Macao Special Administrative Region", "China, Macao SAR"],
    "TWN": ["Taiwan", "Taiwan, Province of China"],
    "VIR": ["US Virgin Islands", "U.S. Virgin Islands", "Virgin Islands (U.S.)"],
    "VGB": ["Virgin Islands (British)"],
    "SHN": ["Saint Helena, Ascension and Tristan da Cunha"],
    "BES": ["Bonaire, Sint Eustatius and Saba", "Bonaire", "Caribbean Netherlands"],
    "SXM": ["Sint Maarten"],
    "SGS": ["South Georgia"],
    "XKX": ["Kosovo under UNSCR 1244", "Kosovo under Security Council resolution 1244 (1999)",
            "Kosovo (under Security Council resolution 1244 (1999))", "Republic of Kosovo"],
    "SCG": ["State Union of Serbia and Montenegro"],
}

#: Automatic aliases that would be wrong or ambiguous, by ISO code.
DROP_ALIASES: dict[str, set[str]] = {
    "ATA": {"Antarctic Treaty area"},  # the OWID label is the treaty area, not a name reports use
}


def _qid_table() -> dict[str, tuple[str, str]]:
    with QID_TABLE.open(encoding="utf-8", newline="") as fh:
        return {r["iso3"]: (r["wikidata"], r["wikidata_label"]) for r in csv.DictReader(fh)}


def _strip_the(name: str) -> str:
    return name[4:] if name[:4].lower() == "the " else name


def build_rows() -> list[tuple[str, str, str, str]]:
    """The gazetteer rows ``(iso3, wikidata, un_name, aliases)``, sorted by code."""
    assert len(UN_MEMBERS) == 193, len(UN_MEMBERS)
    qids = _qid_table()
    entries: dict[str, object] = {c.alpha_3: c for c in pycountry.countries}
    for code in EXTRA_CODES:
        entries[code] = pycountry.historic_countries.get(alpha_3=code)
    missing = set(UN_MEMBERS) - set(entries)
    assert not missing, missing

    rows = []
    owner: dict[str, str] = {}  # folded key -> code, to refuse one name for two States
    for k in (name_key(n) for n in NOT_STATES):
        owner[k] = "-"
    for code in sorted(entries):
        country = entries[code]
        iso_name = getattr(country, "name", None)
        if code in UN_MEMBERS:
            un_name = UN_MEMBERS[code] or iso_name
        elif code in UN_OBSERVERS:
            un_name = UN_OBSERVERS[code]
        else:
            un_name = OTHER_NAMES.get(code) or iso_name
        assert un_name, code
        qid, label = qids.get(code, ("", ""))
        qid = QID_OVERRIDES.get(code, qid)

        candidates = list(ALIASES.get(code, []))
        auto = [iso_name, getattr(country, "common_name", None),
                getattr(country, "official_name", None), label]
        hand = list(candidates)
        for name in auto:
            if not name or name in DROP_ALIASES.get(code, set()):
                continue
            if "," in name and name not in hand and name != un_name:
                continue  # ISO comma-inverted form: resolve_state finds it through pycountry
            candidates.append(name)

        seen = {name_key(un_name)}
        if owner.setdefault(name_key(un_name), code) != code:
            raise SystemExit(f"{code}: UN name {un_name!r} already used by {owner[name_key(un_name)]}")
        aliases = []
        for i, name in enumerate(candidates):
            name = name.strip()
            if i >= len(hand):  # automatic names: drop ISO's leading "the" ("the State of Eritrea")
                name = _strip_the(name)
            k = name_key(name)
            if k in seen:
                continue
            if owner.setdefault(k, code) != code:
                raise SystemExit(f"{code}: alias {name!r} already used by {owner[k]}")
            assert "|" not in name, name
            seen.add(k)
            aliases.append(name)
        rows.append((code, qid, un_name, "|".join(aliases)))
    return rows


def render(rows: list[tuple[str, str, str, str]]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["iso3", "wikidata", "un_name", "aliases"])
    w.writerows(rows)
    return buf.getvalue()


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    text = render(build_rows())
    if "--check" in argv:
        current = OUT.read_text(encoding="utf-8") if OUT.exists() else ""
        if current != text:
            print(f"{OUT} is out of date; run make_states.py", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT} ({text.count(chr(10)) - 1} rows)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
