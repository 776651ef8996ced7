"""Lists of States and organizations in every sentence shape, the organization gazetteer, and
officers and persons in every layout.  All inputs are written for these tests."""

from __future__ import annotations

from extract_helpers import coverage_of, extract_text

TITLE = ("Report of the Fifty-ninth session of the Subcommission on Illicit Drug Traffic and Related Matters in the "
         "Near and Middle East, held in Muscat from 2 to 5 December 2024")


def _report(*paragraphs: str, title: str = TITLE) -> str:
    body = "\n\n".join(f"{i}. {p}" for i, p in enumerate(paragraphs, start=1))
    return f"20 December 2024\n\n{title}\n\nI. Organization of the session\n\n{body}\n"


def _roles(f, role):
    return [s.iso3 for s in f.states if s.role == role]


def _orgs(f, role="observer"):
    return [o.name for o in f.organizations if o.role == role]


def test_observer_states_then_organizations_in_one_sentence_as_were(tmp_path):
    """Issue bullet 2: observer States first, then organizations after "as were"."""
    f = extract_text(tmp_path, _report(
        "Canada, Germany and the Holy See were represented by observers, as were the European Union, the Colombo "
        "Plan and the Gulf Criminal Intelligence Centre (GCIC)."))
    assert _roles(f, "observer") == ["CAN", "DEU", "VAT"]
    assert _orgs(f) == ["European Union", "Colombo Plan", "Gulf Criminal Intelligence Centre"]
    assert coverage_of(f) == []


def test_following_list_mixes_states_and_organizations_with_an_appositive(tmp_path):
    """Issue bullet 3: a State followed by an appositive is not an organization; a name with
    commas and "and" is one element."""
    f = extract_text(tmp_path, _report(
        "The following States and organizations were represented by observers: Japan; the State of Palestine, a "
        "non-member observer State maintaining a permanent observer mission at Headquarters; the Pompidou Group, "
        "Council of Europe International Co-operation Group on Drugs and Addictions; and the Southern African "
        "Development Community."))
    assert _roles(f, "observer") == ["JPN", "PSE"]
    assert _orgs(f) == ["Pompidou Group, Council of Europe International Co-operation Group on Drugs and Addictions",
                        "Southern African Development Community"]


def test_observers_in_several_sentences_and_relative_clauses(tmp_path):
    f = extract_text(tmp_path, _report(
        "The following States members of the Subcommission were represented: Jordan, Oman and Qatar.",
        "Spain was represented by an observer. The International Criminal Police Organization (INTERPOL), which "
        "attended for the first time, and the Maritime Analysis and Operations Centre \u2013 Narcotics (MAOC-N) "
        "were also represented by observers.",
        "Observers for Norway and the World Health Organization attended the session."))
    assert _roles(f, "member") == ["JOR", "OMN", "QAT"]
    assert _roles(f, "observer") == ["ESP", "NOR"]
    assert _orgs(f) == ["International Criminal Police Organization", "Maritime Analysis and Operations Centre \u2013 Narcotics",
                        "World Health Organization"]
    assert [o.acronym for o in f.organizations if o.role == "observer"][:2] == ["INTERPOL", "MAOC-N"]


def test_organization_gazetteer_names_acronyms_and_former_names():
    from honlea_kg.extract.actors import clean_org_name, organization_key
    from honlea_kg.extract.organizations import lookup, organization_records

    assert lookup("the Organisation of African Unity")[0] == "au"  # former name, same body
    assert lookup("European Police Office")[0] == lookup("Europol")[0] == "europol"
    assert lookup("CARICOM IMPACS")[0] == "caricom-impacs"
    assert clean_org_name("the Inter-American Drug Abuse Control Commission (CICAD) of the Organization of American "
                          "States") == ("Inter-American Drug Abuse Control Commission of the Organization of American "
                                        "States", "CICAD")
    assert organization_key("Inter-American Drug Abuse Control Commission of the Organization of American States",
                            "CICAD")[0] == "cicad"
    assert clean_org_name("the Maritime Analysis and Operations Centre (Narcotics)")[1] is None
    recs = organization_records()
    assert all(r.source for r in recs), [r.key for r in recs if not r.source]
    assert len({r.key for r in recs}) == len(recs)


def test_list_splitter_takes_whole_names_and_skips_clauses():
    from honlea_kg.extract.lists import split_actor_list

    got = [(e.as_given, e.iso3, e.org) for e in split_actor_list(
        "Trinidad and Tobago, the European Union, which attended for the first time, the Economic Community of "
        "West African States (ECOWAS), Acme Regional Centre and World Customs Organization.")]
    assert got == [("Trinidad and Tobago", "TTO", None), ("the European Union", None, "eu"),
                   ("the Economic Community of West African States (ECOWAS)", None, "ecowas"),
                   ("Acme Regional Centre", None, None), ("World Customs Organization", None, "wco")]


# --- officers and persons -----------------------------------------------------------------------

def _officers(f):
    return [(o.role, o.person, o.state) for o in f.officers]


def test_officers_in_prose_by_acclamation_respectively_and_several_holders(tmp_path):
    f = extract_text(tmp_path, _report(
        "At its 1st meeting, the Subcommission elected Farid Haddad (Lebanon) Chairman by acclamation. "
        "Nadia Rahimi of Afghanistan and Omar Al-Sayed of Oman were elected Vice-Chairmen, and Huda Mansour "
        "(Jordan) and Rashid Karimov (Uzbekistan) were elected First Vice-Chairperson and Rapporteur, "
        "respectively."))
    assert _officers(f) == [("Chairman", "Farid Haddad", "LBN"), ("Vice-Chairman", "Nadia Rahimi", "AFG"),
                            ("Vice-Chairman", "Omar Al-Sayed", "OMN"), ("First Vice-Chairperson", "Huda Mansour", "JOR"),
                            ("Rapporteur", "Rashid Karimov", "UZB")]


def test_chair_of_the_session_is_an_officer_and_a_previous_chair_a_person(tmp_path):
    f = extract_text(tmp_path, _report(
        "The session was opened by the Chairperson of the fifty-eighth session, Leila Farahani (Iran (Islamic "
        "Republic of)), who handed over to the Chairperson of the session, Yusuf Demir (T\u00fcrkiye).",
        "Salim Nasser, representative of the Syrian Arab Republic, and Aigerim Sadykova, of the Central Asian "
        "Regional Information and Coordination Centre, made statements."))
    assert _officers(f) == [("Chairperson", "Yusuf Demir", "TUR")]
    persons = {p.name: (p.state, p.positions) for p in f.persons}
    assert persons["Leila Farahani"][0] == "IRN" and "Leila Farahani" not in [o.person for o in f.officers]
    assert persons["Salim Nasser"] == (None, ["representative of the Syrian Arab Republic"])
    assert "Aigerim Sadykova" in persons


def test_officer_tables_with_three_cells_groups_and_lines(tmp_path):
    md = ("# Report of the Twenty-sixth Meeting of Heads of National Drug Law Enforcement Agencies, Latin America "
          "and the Caribbean, held in Lima from 5 to 9 October 2016\n\n## I. Organization of the Meeting\n\n"
          "1\\. At its 1st meeting, the Meeting elected the following officers:\n\n"
          "| Office | Name | State |\n|---|---|---|\n"
          "| Chair | Rosa Quispe | Peru |\n| Vice-Chair (GRULAC) | Mr. Jorge Alvarado | Ecuador |\n"
          "| | Ana Beltr\u00e1n | Colombia |\n| Rapporteur | Kevin Baptiste, Saint Lucia | |\n\n"
          "2\\. The officers of the previous Meeting were thanked.\n")
    from extract_helpers import segment_text
    from honlea_kg.extract.report import extract

    f = extract(segment_text(tmp_path, md, "report.md"))
    assert _officers(f) == [("Chair", "Rosa Quispe", "PER"), ("Vice-Chair", "Jorge Alvarado", "ECU"),
                            ("Vice-Chair", "Ana Beltr\u00e1n", "COL"), ("Rapporteur", "Kevin Baptiste", "LCA")]
    lines = extract_text(tmp_path, _report(
        "At its 1st meeting, the Subcommission elected the following officers:\n\n"
        "Chairperson: Wei Ling Tan (Iran (Islamic Republic of))\n\nRapporteur: Sami Idris (Sudan)"))
    assert _officers(lines) == [("Chairperson", "Wei Ling Tan", "IRN"), ("Rapporteur", "Sami Idris", "SDN")]


def test_person_introduced_as_representative_of(tmp_path):
    """Issue bullet 5."""
    f = extract_text(tmp_path, _report(
        "Amir Hosseini, representative of the Islamic Republic of Iran, described recent seizures of opium.",
        "The representative of Pakistan, Bilal Qureshi, said that cooperation had improved."))
    persons = {p.name: p.positions for p in f.persons}
    assert persons["Amir Hosseini"] == ["representative of the Islamic Republic of Iran"]
    assert "Bilal Qureshi" in persons
    assert f.officers == []


def test_no_person_from_institutions_of_a_state(tmp_path):
    f = extract_text(tmp_path, _report(
        "Statements were made by the Minister of Public Security of Panama and by the Government of Japan."))
    assert f.persons == []
