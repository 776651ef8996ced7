"""States in their roles, observer organizations, officers and persons."""

from __future__ import annotations

from collections import defaultdict

from extract_helpers import extract_text

REPORT = """Report of the Thirtieth Meeting of Heads of National Drug Law Enforcement Agencies, Africa, held in Nairobi from 1 to 4 July 2020

I. Organization of the Meeting

1. The Thirtieth Meeting was held in Nairobi from 1 to 4 July 2020. The Meeting was opened by Grace Wanjiru, Cabinet Secretary for the Interior of Kenya, and by Omar Diallo, Representative of the UNODC Regional Office for West and Central Africa. Statements were made by the representatives of Ghana, Mali and the Niger.

2. Representatives of the following States members of the Meeting attended: Kenya, Ghana, Mali, Niger and Nigeria.

3. The following States were represented by observers: Spain and Portugal.

4. The following intergovernmental organizations were represented by observers: African Union Commission; Economic Community of West African States (ECOWAS); and the International Criminal Police Organization (INTERPOL).

5. The secretariat of the Meeting was provided by the United Nations Office on Drugs and Crime.

6. At its 1st meeting, the Meeting elected by acclamation Grace Wanjiru (Kenya) Chair, Moussa Traor\u00e9 (Mali) and Kwame Mensah (Ghana) Vice-Chairs and Ifeoma Okafor (Nigeria) Rapporteur.

7. Country reports were submitted by the following States: Kenya, Mali and Nigeria.

8. The note reflected replies to the questionnaire received from Ghana and Kenya. Replies from Mali and Niger were received late and could not be included.

9. Trafficking through Guinea-Bissau and the Gambia was discussed.
"""


def test_state_roles(tmp_path):
    f = extract_text(tmp_path, REPORT)
    roles = defaultdict(list)
    for s in f.states:
        roles[s.role].append(s.iso3)
    assert roles["member"] == ["KEN", "GHA", "MLI", "NER", "NGA"]
    assert roles["observer"] == ["ESP", "PRT"]
    assert roles["statement"] == ["GHA", "MLI", "NER"]
    assert roles["country-report"] == ["KEN", "MLI", "NGA"]
    assert roles["questionnaire-in-time"] == ["GHA", "KEN"]
    assert roles["questionnaire-late"] == ["MLI", "NER"]
    assert {"GNB", "GMB"} <= set(roles["mentioned"])


def test_organizations(tmp_path):
    f = extract_text(tmp_path, REPORT)
    got = [(o.name, o.acronym, o.role) for o in f.organizations]
    assert got == [("African Union Commission", None, "observer"),
                   ("Economic Community of West African States", "ECOWAS", "observer"),
                   ("International Criminal Police Organization", "INTERPOL", "observer"),
                   ("United Nations Office on Drugs and Crime", None, "secretariat")]


def test_officers_in_prose_and_persons(tmp_path):
    f = extract_text(tmp_path, REPORT)
    assert [(o.role, o.person, o.state) for o in f.officers] == [
        ("Chair", "Grace Wanjiru", "KEN"), ("Vice-Chair", "Moussa Traor\u00e9", "MLI"),
        ("Vice-Chair", "Kwame Mensah", "GHA"), ("Rapporteur", "Ifeoma Okafor", "NGA")]
    persons = {p.name: p for p in f.persons}
    assert set(persons) == {"Grace Wanjiru", "Omar Diallo", "Moussa Traor\u00e9", "Kwame Mensah", "Ifeoma Okafor"}
    assert persons["Grace Wanjiru"].positions[0] == "Cabinet Secretary for the Interior of Kenya"
    assert persons["Omar Diallo"].positions == ["Representative of the UNODC Regional Office for West and Central Africa"]
    assert persons["Omar Diallo"].state is None and persons["Grace Wanjiru"].state == "KEN"


def test_real_report_actors(document):
    from honlea_kg.extract.actors import extract_actors

    states, orgs, officers, persons = extract_actors(document)
    assert len([s for s in states if s.role == "member"]) == 34
    assert len({s.iso3 for s in states}) == 41
    assert [o.name for o in orgs if o.role == "observer"] == [
        "European Union", "European Police Office", "Organization for Security and Cooperation in Europe"]
    assert [(o.role, o.person, o.state) for o in officers][1] == ("First Vice-Chair", "Andrey Khrapov", "RUS")
    by_name = {p.name: p for p in persons}
    assert len(by_name) == 7
    assert by_name["Yury Fedotov"].positions == ["Executive Director of UNODC"]
    assert by_name["Pedro Moitinho de Almeida"].state is None
