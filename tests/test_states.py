"""Tests of the State gazetteer and of resolve_state / split_state_list / find_states.

Real values: the State lists of paragraphs 6, 15 and 51 of the sample report against the expected
competency-question answers (cq02 participants, cq13 country reports, cq14 questionnaire
replies), paragraph 9's mentions, and UN names as the UN prints them.
"""

from __future__ import annotations

import csv
import re
import time
import unicodedata
from pathlib import Path

import pycountry
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from honlea_kg.extract.states import (
    GAZETTEER_PATH,
    GazetteerError,
    UnknownStateError,
    find_states,
    load_gazetteer,
    resolve_state,
    split_state_list,
    state_label,
    state_wikidata,
)
from honlea_kg.model import HonleaError

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "corpus" / "honlea-europe-12-2017.txt"
EXPECTED = ROOT / "tests" / "expected" / "honlea-europe-12-2017"


def _paragraph(n: int) -> str:
    """The first line of the sample report that is numbered paragraph ``n`` (one line each)."""
    for line in REPORT.read_text(encoding="utf-8").splitlines():
        if line.startswith(f"{n}. "):
            return line[len(f"{n}. "):]
    raise AssertionError(f"paragraph {n} not found")


def _expected(name: str, **where: str) -> list[str]:
    with (EXPECTED / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
        return [r["state"] for r in csv.DictReader(fh) if all(r[k] == v for k, v in where.items())]


def _rows() -> list[dict[str, str]]:
    with GAZETTEER_PATH.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


# ---------------------------------------------------------------------------------------------
# The sample report


def test_paragraph_51_attendance_list_matches_cq02():
    text = _paragraph(51).split("were represented: ", 1)[1]
    pairs = split_state_list(text)
    assert [iso for _, iso in pairs] == _expected("cq02-participants")
    assert len(pairs) == 34
    assert ("Republic of Moldova", "MDA") in pairs
    assert ("United Kingdom", "GBR") in pairs
    assert pairs[-1] == ("United States of America", "USA")  # final full stop not in as_given


def test_paragraph_6_country_reports_match_cq13():
    text = re.search(r"submitted by (.+)$", _paragraph(6)).group(1)
    # the list runs into "([UNODC/HONEURO/12/CRP.2-22](#))." : the annotation is not an element
    pairs = split_state_list(text)
    assert [iso for _, iso in pairs] == _expected("cq13-country-reports")
    assert ("the Russian Federation", "RUS") in pairs
    assert pairs[-1] == ("Ukraine", "UKR")


def test_paragraph_15_questionnaire_replies_match_cq14():
    para = _paragraph(15)
    # the in-time list ends at a full stop followed by another sentence: splitting stops there
    in_time = split_state_list(para.split("namely those from ", 1)[1])
    late = split_state_list(re.search(r"received from (.+?), which", para).group(1))
    assert [iso for _, iso in in_time] == _expected("cq14-questionnaire-replies", timing="in_time")
    assert [iso for _, iso in late] == _expected("cq14-questionnaire-replies", timing="late")
    assert in_time[1] == ("Bosnia and Herzegovina", "BIH")
    assert late[-1] == ("the United Kingdom of Great Britain and Northern Ireland", "GBR")


def test_every_state_name_in_the_sample_lists_resolves_alone():
    texts = [
        _paragraph(51).split("were represented: ", 1)[1],
        re.search(r"submitted by (.+)$", _paragraph(6)).group(1),
        _paragraph(15).split("namely those from ", 1)[1],
        re.search(r"received from (.+?), which", _paragraph(15)).group(1),
    ]
    seen = 0
    for text in texts:
        for as_given, iso in split_state_list(text):
            assert iso is not None, as_given
            assert resolve_state(as_given) == iso, as_given
            seen += 1
    assert seen == 34 + 21 + 24 + 6


def test_paragraph_9_mentions():
    text = _paragraph(9)
    found = find_states(text)
    assert [(g, iso) for g, iso, _, _ in found] == [
        ("Afghanistan", "AFG"), ("Afghanistan", "AFG"), ("the Islamic Republic of Iran", "IRN")]
    for as_given, _, a, b in found:
        assert text[a:b] == as_given


def test_whole_report_mentions_the_41_states_of_the_gold():
    text = REPORT.read_text(encoding="utf-8")
    found = {iso for _, iso, _, _ in find_states(text)}
    expected = set(_expected("cq02-participants")) | set(_expected("cq13-country-reports")) | set(
        _expected("cq14-questionnaire-replies")) | {iso for _, iso, _, _ in find_states(_paragraph(9))}
    assert found == expected
    assert len(found) == 41


def test_observers_are_not_states():
    pairs = split_state_list(
        "The European Union, the European Police Office (Europol) and the Organization for "
        "Security and Cooperation in Europe")
    assert pairs == [
        ("The European Union", None),
        ("the European Police Office (Europol)", None),
        ("the Organization for Security and Cooperation in Europe", None),
    ]
    for name in ("European Union", "Europol", "UNODC", "United Nations", "Secretariat", "",
                 "the", "and", "Northern Ireland", "Virgin Islands", "Korea"):
        assert resolve_state(name) is None, name


def test_find_states_ignores_organisations_and_symbols():
    text = ("UNODC and the European Police Office (Europol) met in Vienna; see "
            "[UNODC/HONEURO/12/CRP.2-22](#) and the Commission on Narcotic Drugs.")
    assert find_states(text) == []


# ---------------------------------------------------------------------------------------------
# Awkward names


UN_NAMES = {
    "Bolivia (Plurinational State of)": "BOL",
    "Türkiye": "TUR",
    "Iran (Islamic Republic of)": "IRN",
    "United Kingdom of Great Britain and Northern Ireland": "GBR",
    "Republic of Moldova": "MDA",
    "Côte d'Ivoire": "CIV",
    "Democratic People's Republic of Korea": "PRK",
    "Lao People's Democratic Republic": "LAO",
    "Viet Nam": "VNM",
    "Syrian Arab Republic": "SYR",
    "Venezuela (Bolivarian Republic of)": "VEN",
    "Micronesia (Federated States of)": "FSM",
    "United Republic of Tanzania": "TZA",
    "Congo": "COG",
    "Democratic Republic of the Congo": "COD",
    "Eswatini": "SWZ",
    "North Macedonia": "MKD",
    "Czechia": "CZE",
    "Cabo Verde": "CPV",
    "Timor-Leste": "TLS",
    "Holy See": "VAT",
    "State of Palestine": "PSE",
    "Republic of Korea": "KOR",
    "Netherlands (Kingdom of the)": "NLD",
    "Kosovo": "XKX",
}

OTHER_FORMS = {
    "the Islamic Republic of Iran": "IRN",
    "the Plurinational State of Bolivia": "BOL",
    "the Bolivarian Republic of Venezuela": "VEN",
    "the Lao People's Democratic Republic": "LAO",
    "Turkey": "TUR",
    "Swaziland": "SWZ",
    "The former Yugoslav Republic of Macedonia": "MKD",
    "the former Yugoslav Republic of Macedonia": "MKD",
    "Czech Republic": "CZE",
    "Cape Verde": "CPV",
    "Ivory Coast": "CIV",
    "United Kingdom": "GBR",
    "United States": "USA",
    "the Netherlands": "NLD",
    "The Gambia": "GMB",
    "the Niger": "NER",
    "the Sudan": "SDN",
    "Libyan Arab Jamahiriya": "LBY",
    "Hong Kong, China": "HKG",
    "China, Hong Kong Special Administrative Region": "HKG",
    "Macao, China": "MAC",
    "Kosovo under UNSCR 1244": "XKX",
    "Serbia and Montenegro": "SCG",
    # ISO 3166-1 comma forms, found through the pycountry fallback
    "Korea, Republic of": "KOR",
    "Congo, The Democratic Republic of the": "COD",
    "Iran, Islamic Republic of": "IRN",
    "Virgin Islands, British": "VGB",
}


@pytest.mark.parametrize("name,iso3", sorted({**UN_NAMES, **OTHER_FORMS}.items()))
def test_resolve_awkward_names(name, iso3):
    assert resolve_state(name) == iso3


@pytest.mark.parametrize("name,iso3", sorted(UN_NAMES.items()))
def test_un_short_names_are_the_labels(name, iso3):
    assert state_label(iso3) == name


@pytest.mark.parametrize("variant", [
    "Côte d’Ivoire",  # curly apostrophe
    "Côte d‘Ivoire",
    "Cote d'Ivoire",  # no diacritic
    "CÔTE D'IVOIRE",
    "côte d'ivoire",
    "the Côte d'Ivoire.",
    "  Côte\u00a0d'Ivoire ;",  # NBSP, edge punctuation
    unicodedata.normalize("NFD", "Côte d'Ivoire"),
    "“Côte d'Ivoire”",
])
def test_resolve_is_blind_to_typing(variant):
    assert resolve_state(variant) == "CIV"


def test_nfd_and_nfc_resolve_alike_for_every_name_in_the_table():
    for row in _rows():
        for name in [row["un_name"], *filter(None, row["aliases"].split("|"))]:
            nfd = unicodedata.normalize("NFD", name)
            nfc = unicodedata.normalize("NFC", name)
            assert resolve_state(nfd) == resolve_state(nfc) == row["iso3"], name


def test_turkiye_with_combining_diaeresis():
    nfd = "Tu\u0308rkiye"
    assert nfd != "Türkiye" and resolve_state(nfd) == "TUR"
    text = f"Statements were made by {nfd} and the Russian Federation."
    found = find_states(text)
    assert [(g, iso) for g, iso, _, _ in found] == [(nfd, "TUR"), ("the Russian Federation", "RUS")]
    g, _, a, b = found[0]
    assert text[a:b] == g and b - a == len(nfd)


def test_odd_spaces_and_line_breaks_in_running_text():
    text = "held with the United\u00a0Kingdom of Great Britain and\nNorthern Ireland and Bosnia\u2009and Herzegovina"
    found = find_states(text)
    assert [iso for _, iso, _, _ in found] == ["GBR", "BIH"]
    assert found[0][0] == "the United\u00a0Kingdom of Great Britain and\nNorthern Ireland"


# ---------------------------------------------------------------------------------------------
# Splitting lists


def test_split_names_containing_and():
    text = ("Antigua and Barbuda, Bosnia and Herzegovina, Heard Island and McDonald Islands, "
            "Saint Kitts and Nevis, Saint Vincent and the Grenadines, Sao Tome and Principe "
            "and Trinidad and Tobago")
    assert [iso for _, iso in split_state_list(text)] == [
        "ATG", "BIH", "HMD", "KNA", "VCT", "STP", "TTO"]


def test_split_parenthesised_names_and_trinidad():
    pairs = split_state_list(
        "Bolivia (Plurinational State of), Trinidad and Tobago and Venezuela (Bolivarian Republic of)")
    assert pairs == [("Bolivia (Plurinational State of)", "BOL"), ("Trinidad and Tobago", "TTO"),
                     ("Venezuela (Bolivarian Republic of)", "VEN")]


def test_split_oxford_comma_and_semicolons():
    assert split_state_list("Colombia, Ecuador, and Peru.") == [
        ("Colombia", "COL"), ("Ecuador", "ECU"), ("Peru", "PER")]
    assert split_state_list("Hong Kong, China; Macao, China; and Japan") == [
        ("Hong Kong, China", "HKG"), ("Macao, China", "MAC"), ("Japan", "JPN")]
    assert split_state_list("Iran (Islamic Republic of); Pakistan; the United Arab Emirates") == [
        ("Iran (Islamic Republic of)", "IRN"), ("Pakistan", "PAK"),
        ("the United Arab Emirates", "ARE")]


def test_split_comma_inside_names():
    pairs = split_state_list("Aruba, Bonaire, Sint Eustatius and Saba, Curaçao and Sint Maarten")
    assert [iso for _, iso in pairs] == ["ABW", "BES", "CUW", "SXM"]


def test_split_keeps_unknown_elements_with_none():
    pairs = split_state_list("Armenia, the European Union, Freedonia and Turkey")
    assert pairs == [("Armenia", "ARM"), ("the European Union", None), ("Freedonia", None),
                     ("Turkey", "TUR")]


def test_split_with_footnote_marker_and_nfd():
    pairs = split_state_list(f"Kosovo*, {unicodedata.normalize('NFD', 'Türkiye')} and Serbia")
    assert [iso for _, iso in pairs] == ["XKX", "TUR", "SRB"]
    assert pairs[0][0] == "Kosovo"


def test_split_empty():
    assert split_state_list("") == []
    assert split_state_list(" , and ") == []


# ---------------------------------------------------------------------------------------------
# Mentions in running text: the traps


def test_guinea_niger_dominica_congo_traps():
    text = ("Papua New Guinea, Equatorial Guinea and Guinea-Bissau met Guinea. Nigeria and the Niger "
            "agreed. The Dominican Republic thanked Dominica. The Democratic Republic of the Congo "
            "and the Congo signed; so did the Republic of Moldova and South Sudan, not Sudan.")
    got = [(g, iso) for g, iso, _, _ in find_states(text)]
    assert got == [
        ("Papua New Guinea", "PNG"), ("Equatorial Guinea", "GNQ"), ("Guinea-Bissau", "GNB"),
        ("Guinea", "GIN"), ("Nigeria", "NGA"), ("the Niger", "NER"),
        ("The Dominican Republic", "DOM"), ("Dominica", "DMA"),
        ("The Democratic Republic of the Congo", "COD"), ("the Congo", "COG"),
        ("the Republic of Moldova", "MDA"), ("South Sudan", "SSD"), ("Sudan", "SDN"),
    ]


def test_no_overlaps_and_offsets_are_exact():
    text = REPORT.read_text(encoding="utf-8")
    found = find_states(text)
    last = 0
    for as_given, iso, a, b in found:
        assert text[a:b] == as_given
        assert a >= last
        last = b
    assert ("the Islamic Republic of Iran", "IRN") in [(g, i) for g, i, _, _ in found]


def test_states_inside_other_place_names_are_not_mentions():
    text = ("Northern Ireland, the Gulf of Guinea, the Niger Delta and New Mexico are not States; "
            "the Indian Ocean and Southern Africa are regions.")
    assert find_states(text) == []


def test_lower_case_words_are_not_states_but_headings_are():
    assert find_states("a turkey, some china and a chad") == []
    assert [iso for _, iso, _, _ in find_states("REPORT OF TURKEY AND CHINA")] == ["TUR", "CHN"]


def test_find_states_is_fast():
    text = REPORT.read_text(encoding="utf-8")
    assert len(text) > 35_000
    find_states(text)  # load the gazetteer
    best = min(_timed(find_states, text) for _ in range(5))
    assert best < 0.05, f"find_states took {best * 1000:.1f} ms on {len(text)} characters"


def _timed(fn, arg):
    t0 = time.perf_counter()
    fn(arg)
    return time.perf_counter() - t0


# ---------------------------------------------------------------------------------------------
# The table


def test_table_codes_unique_and_names_resolve_to_their_own_code():
    rows = _rows()
    codes = [r["iso3"] for r in rows]
    assert len(codes) == len(set(codes)) == 252
    for r in rows:
        assert resolve_state(r["un_name"]) == r["iso3"], r["un_name"]
        for alias in filter(None, r["aliases"].split("|")):
            assert resolve_state(alias) == r["iso3"], alias
            # the article is code, not data ("The former Yugoslav Republic of Macedonia" was a
            # UN name with a capital "The" and is kept as printed)
            assert not alias.startswith("the "), alias


def test_table_covers_un_members_observers_and_iso():
    from honlea_kg.gazetteers.make_states import UN_MEMBERS

    codes = {r["iso3"] for r in _rows()}
    assert len(UN_MEMBERS) == 193 and set(UN_MEMBERS) <= codes
    assert {"VAT", "PSE", "XKX", "HKG", "MAC"} <= codes
    assert {c.alpha_3 for c in pycountry.countries} <= codes


def test_wikidata_caveats():
    assert state_wikidata("VAT") == "Q159583"  # Holy See, not Vatican City Q237
    assert state_wikidata("NLD") == "Q29999"
    assert state_wikidata("XKX") == "Q1246"
    assert state_wikidata("PSE") == "Q219060"
    assert state_wikidata("tur") == "Q43"
    assert state_wikidata("SCG") is None


def test_unknown_code_raises_our_error():
    with pytest.raises(UnknownStateError) as err:
        state_label("ZZZ")
    assert isinstance(err.value, HonleaError) and "ZZZ" in str(err.value)
    with pytest.raises(UnknownStateError):
        state_wikidata("EU")


def test_committed_csv_is_what_the_generator_writes():
    from honlea_kg.gazetteers import make_states

    assert make_states.render(make_states.build_rows()) == GAZETTEER_PATH.read_text(encoding="utf-8")


HEADER = "iso3,wikidata,un_name,aliases\n"


@pytest.mark.parametrize("body,line,fragment", [
    ("ARM,Q399,Armenia,\nAUT,Q40,Austria\n", 3, "expected 4 columns"),
    ("ARM,Q399,Armenia,\narm,Q40,Austria,\n", 3, "three capital letters"),
    ("ARM,Q399,Armenia,\nARM,Q40,Austria,\n", 3, "already given on line 2"),
    ("ARM,399,Armenia,\n", 2, "not a QID"),
    ("ARM,Q399,,\n", 2, "un_name of ARM is empty"),
    ("ARM,Q399,Armenia,Hayastan||Armenie\n", 2, "empty alias"),
    ("ARM,Q399,Armenia,\nAUT,Q40,Austria,the Armenia\n", 3, "both ARM (line 2) and AUT"),
])
def test_malformed_gazetteer_names_file_and_line(tmp_path, body, line, fragment):
    path = tmp_path / "bad.csv"
    path.write_text(HEADER + body, encoding="utf-8")
    with pytest.raises(GazetteerError) as err:
        load_gazetteer(path)
    assert err.value.path == str(path) and err.value.line == line
    assert fragment in err.value.message
    assert str(err.value).startswith(f"{path}:{line}: ")


def test_bad_header_and_missing_file(tmp_path):
    path = tmp_path / "h.csv"
    path.write_text("code,name\nARM,Armenia\n", encoding="utf-8")
    with pytest.raises(GazetteerError) as err:
        load_gazetteer(path)
    assert err.value.line == 1
    with pytest.raises(GazetteerError):
        load_gazetteer(tmp_path / "missing.csv")


def test_other_gazetteer_file_is_used(tmp_path):
    path = tmp_path / "small.csv"
    path.write_text(HEADER + "ARM,Q399,Armenia,Hayastan\nAUT,Q40,Austria,\n", encoding="utf-8")
    gaz = load_gazetteer(path)
    assert gaz.resolve_state("Hayastan") == "ARM"
    assert gaz.split_state_list("Hayastan and Austria") == [("Hayastan", "ARM"), ("Austria", "AUT")]
    assert gaz.record("AUT").un_name == "Austria"


# ---------------------------------------------------------------------------------------------
# Properties


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_resolve_and_split_never_raise(text):
    iso = resolve_state(text)
    assert iso is None or re.fullmatch(r"[A-Z]{3}", iso)
    for as_given, code in split_state_list(text):
        assert as_given and as_given in text
        if code is not None:
            assert resolve_state(as_given) == code


state_words = st.sampled_from(
    ["Guinea", "Papua New Guinea", "Niger", "Nigeria", "the", "and", ",", "Congo", "Democratic",
     "Republic", "of", "Iran", "Tu\u0308rkiye", "Dominica", "n", "\u00a0", "(", ")", "Sudan",
     "South", "Korea", "United", "States", "Kingdom", "Trinidad", "Tobago"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(state_words, st.text(max_size=5)), max_size=20).map(" ".join))
def test_find_states_spans_are_exact_and_disjoint(text):
    last = 0
    for as_given, iso, a, b in find_states(text):
        assert text[a:b] == as_given
        assert a >= last and b > a
        last = b
        assert resolve_state(as_given) == iso
    for as_given, code in split_state_list(text):
        assert as_given in text
        if code is not None:
            assert resolve_state(as_given) == code
