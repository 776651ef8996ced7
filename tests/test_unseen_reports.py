"""Reports nobody had seen: the gaps a reviewer's new reports of the five bodies found, each with a
test from an input written for it (a few read the genre fixtures of ``tests/fixtures/genre/``,
made with LibreOffice by ``make_genre.py``; their full competency answers are checked by
``tests/test_cq.py``), and what a report with a missing or odd element gives: a clear warning
or error, never a wrong fact."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import pytest

from conftest import FIXTURES
from extract_helpers import extract_text, segment_text
from honlea_kg.extract.citations import find_citations
from honlea_kg.extract.lists import split_actor_list
from honlea_kg.extract.meeting import read_title, symbol_meeting
from honlea_kg.extract.officers import officers_in_sentence, state_first_officers
from honlea_kg.model import ExtractionError
from honlea_kg.normalize import JOB_NUMBER, HyphenLexicon, furniture_kind
from honlea_kg.reader import read_report
from honlea_kg.reader.assemble import _join_cell
from honlea_kg.reader.lines import starts_row_without_first_cell
from honlea_kg.reader.pdf import _join_parts
from honlea_kg.segment import segment

GENRE = FIXTURES / "genre"
HONLEA = "Heads of National Drug Law Enforcement Agencies"


def _doc(path: Path):
    return segment(read_report(path))


# --- reader -------------------------------------------------------------------------------------

PAGE_BREAK_BEFORE_ANNEX_TITLE = """\
UNODC/HONLAF/40/5

2 May 2031

Report of the Fortieth Meeting of Heads of National Drug Law Enforcement Agencies, Africa, held in Accra from
14 to 17 April 2031

I.   Organization of the Meeting

     1.    The documents before the Meeting are listed in the annex.

     Annex

V.31-01234 (E)
*3101234*
\fUNODC/HONLAF/40/5

     List of documents before the Fortieth Meeting of Heads of National Drug Law Enforcement
     Agencies, Africa

     Document symbol              Agenda item     Title or description
     UNODC/HONLAF/40/1            2               Annotated provisional agenda
     UNODC/HONLAF/40/2            3               Report of the Secretariat on trends
2/2                                                                                V.31-01234
"""


def test_annex_heading_at_the_foot_of_a_page_is_not_joined_with_the_annex_title(tmp_path):
    """"Annex" alone before a page break, its title on the next page: the annex is still found,
    its table read (plain-text layout here; the Europe genre fixture's PDF prints it the same way)."""
    d = segment_text(tmp_path, PAGE_BREAK_BEFORE_ANNEX_TITLE)
    assert d.annex_title == ("List of documents before the Fortieth Meeting of Heads of National Drug Law "
                             "Enforcement Agencies, Africa")
    assert [r.cells for r in d.annex_rows if not r.header] == [
        ["UNODC/HONLAF/40/1", "2", "Annotated provisional agenda"],
        ["UNODC/HONLAF/40/2", "3", "Report of the Secretariat on trends"]]
    pdf = _doc(GENRE / "honeuro-15" / "honeuro-15.pdf")
    assert pdf.annex_title.startswith("List of documents before the Fifteenth Meeting")
    assert len([r for r in pdf.annex_rows if not r.header]) == 7


@pytest.mark.parametrize("name", ["honeuro-15.pdf", "honeuro-15.layout.txt"])
def test_an_empty_role_cell_keeps_its_column_in_pdf_and_layout_text(name):
    """The officers table Office | Name | State whose second Vice-Chair row has an empty Office
    cell: that row is a row of its own, its cells in their columns (not joined to the row above)."""
    d = _doc(GENRE / "honeuro-15" / name)
    p = d.paragraph(32)
    assert [r.cells for r in p.rows] == [["Office", "Name", "State"], ["Chair", "Giorgi Tsiklauri", "Georgia"],
                                         ["Vice-Chairs", "Ana Marković", "Serbia"], ["", "Henrik Sørensen", "Denmark"],
                                         ["Rapporteur", "Oksana Melnyk", "Ukraine"]]


def test_an_empty_first_cell_keeps_its_column_in_markdown_and_word(tmp_path):
    md = _doc(GENRE / "honlac-19" / "honlac-19.md")
    assert [r.cells for r in md.paragraph(27).rows][1:3] == [
        ["Vice-Chairmen:", "Esteban Rojas Villalobos (Costa Rica)"], ["", "Marlon Greaves (Barbados)"]]
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

    def row(*cells):
        return "<w:tr>" + "".join(f"<w:tc><w:p><w:r><w:t>{c}</w:t></w:r></w:p></w:tc>" if c else "<w:tc><w:p/></w:tc>"
                                  for c in cells) + "</w:tr>"
    body = ("<w:p><w:r><w:t>I. Organization of the Meeting</w:t></w:r></w:p>"
            "<w:p><w:r><w:t>1. The Meeting elected the following officers:</w:t></w:r></w:p>"
            f"<w:tbl>{row('Vice-Chairs', 'Ana Kovač', 'Croatia')}{row('', 'Jan Novak', 'Czechia')}</w:tbl>"
            "<w:p><w:r><w:t>2. The report was adopted.</w:t></w:r></w:p>")
    path = tmp_path / "cells.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("word/document.xml", f'<?xml version="1.0"?><w:document {w}><w:body>{body}</w:body></w:document>')
    assert [r.cells for r in _doc(path).paragraph(1).rows] == [["Vice-Chairs", "Ana Kovač", "Croatia"],
                                                               ["", "Jan Novak", "Czechia"]]


@pytest.mark.parametrize("cells,previous,new", [
    (["", "Henrik Sørensen", "Denmark"], ["Vice-Chairs", "Ana Marković", "Serbia"], True),
    (["", "Marlon Greaves (Barbados)"], ["Vice-Chairmen:", "Esteban Rojas (Costa Rica)"], True),
    # continuations of wrapped cells
    (["", "", "in Europe and worldwide"], ["UNODC/X/2", "3", "Report of the Secretariat on statistics"], False),
    (["", "Karimi", "Republic of)"], ["Chair", "Mohammad Reza", "Iran (Islamic"], False),
    (["", "Europe and worldwide"], ["UNODC/X/2", "Report of the Secretariat on trends in"], False),
    (["", "Europe and worldwide"], ["UNODC/X/2", "Report of the Secretariat on trends"], False),
])
def test_a_line_with_an_empty_first_cell_is_a_new_row_only_when_it_fills_the_row(cells, previous, new):
    assert starts_row_without_first_cell(cells, previous) is new


def test_a_symbol_range_wrapped_at_its_dash_is_joined_without_a_space():
    lex = HyphenLexicon(["Country reports"])
    assert _join_parts(["UNODC/HONEURO/15/CRP.1–", "CRP.16"], lex) == "UNODC/HONEURO/15/CRP.1–CRP.16"
    assert _join_cell(["UNODC/HONEURO/15/CRP.1-", "16"], lex) == "UNODC/HONEURO/15/CRP.1-16"
    assert _join_parts(["Maritime Analysis and Operations Centre –", "Narcotics"], lex) == \
        "Maritime Analysis and Operations Centre – Narcotics"


def test_running_headers_are_kept_on_the_source_and_name_the_meeting(tmp_path):
    """The dropped running headers are on ``Source.running_headers`` in every format that prints
    them; a report whose title lost its ordinal and whose masthead lost its symbol is still filed
    under the symbol its running header prints (with a warning), never under another meeting."""
    assert read_report(GENRE / "honeuro-15" / "honeuro-15.pdf").running_headers == ["UNODC/HONEURO/15/5"]
    assert read_report(GENRE / "honeuro-15" / "honeuro-15.layout.txt").running_headers == ["UNODC/HONEURO/15/5"]
    assert read_report(GENRE / "honlaf-29" / "honlaf-29.docx").running_headers == ["UNODC/HONLAF/29/6"]
    page = ("1.   The Subcommission reviewed the recommendations adopted at its fifty-fifth session, held in "
            "Baku from 1 to 4 November 2020.\n\n")
    text = ("9 March 2024\n\nReport of the Subcommission on Illicit Drug Traffic and Related Matters in the Near "
            "and Middle East, held in Doha from 4 to 7 March 2024\n\nI.   Organization of the session\n\n" + page
            + "V.24-00001 (E)\n\fUNODC/SUBCOM/59/5\n\n2.   The session adopted its report.\n\n"
            "2/3     V.24-00001\n\fUNODC/SUBCOM/59/5\n\n3.   The Chair closed the session.\n3/3     V.24-00001\n")
    f = extract_text(tmp_path, text)
    assert f.document.source.running_headers == ["UNODC/SUBCOM/59/5"]
    assert (f.meeting.ref.key, f.meeting.city) == ("SUBCOM/59", "Doha")


def test_job_number_with_a_written_date_is_page_furniture():
    """The first page's foot of the synthetic corpus's PDF layout prints the job number and the
    date written out: furniture, like the job number alone; a date alone is not."""
    assert furniture_kind("V.17-01234 (E)    5 July 2017") == "page"
    assert furniture_kind("5 July 2017") is None
    assert furniture_kind("V.17-01234 (E)    5 July 2017 Report") is None


def test_synthetic_pdf_layout_first_page_foot_is_dropped(tmp_path):
    """The default synthetic PDF layout prints "V.92-02842 (E)    22 May 1992" at the first page's
    foot: no block of the read report holds it."""
    import re

    from honlea_kg.synth import generate_report

    for i in range(3):
        rep = generate_report(1, i, "pdf")
        assert re.search(r"^V\.\d\d-\d{5} \(E\) {4}\d{1,2} [A-Z][a-z]+ \d{4}$", rep.text, re.M)
        path = tmp_path / f"r{i}.txt"
        path.write_text(rep.text, encoding="utf-8")
        assert not [b.text for b in read_report(path).blocks if re.search(JOB_NUMBER, b.text)]


def test_a_text_box_is_read_once_after_the_paragraph_that_anchors_it(tmp_path):
    """A text box written as Word writes it (a DrawingML shape in ``mc:Choice`` and its VML copy
    in ``mc:Fallback``): its paragraph is read, once, after the paragraph holding its anchor."""
    ns = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
          'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
          'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
          'xmlns:v="urn:schemas-microsoft-com:vml" '
          'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
          'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"')
    box = "<w:txbxContent><w:p><w:r><w:t>2. The Meeting was held in Lomé.</w:t></w:r></w:p></w:txbxContent>"
    shape = ('<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData>'
             f'<wps:wsp><wps:txbx>{box}</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>'
             f'</mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>{box}</v:textbox></v:shape></w:pict>'
             '</mc:Fallback></mc:AlternateContent></w:r>')
    body = ("<w:p><w:r><w:t>I. Organization of the Meeting</w:t></w:r></w:p>"
            f"<w:p><w:r><w:t>1. The Meeting opened.</w:t></w:r>{shape}</w:p>"
            "<w:p><w:r><w:t>3. The report was adopted.</w:t></w:r></w:p>")
    path = tmp_path / "box.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("word/document.xml", f'<?xml version="1.0"?><w:document {ns}><w:body>{body}</w:body></w:document>')
    d = _doc(path)
    assert [(p.number, p.text) for p in d.paragraphs] == [
        (1, "The Meeting opened."), (2, "The Meeting was held in Lomé."), (3, "The report was adopted.")]


FOOTNOTE_AT_PAGE_FOOT = """\
I.   Major regional drug trafficking trends

     1.   The Meeting noted the record seizures reported at the sixty-seventh session.1 Speakers
          reported the following:
          (a)   Laboratories relocated to the region;



     1 See Official Records of the Economic and Social Council, 2024, Supplement No. 8 (E/2024/28).

2/4                                                                                     V.24-18342
\fUNODC/HONEURO/15/5

          (b)   Smaller ports were used (UNODC/HONEURO/15/CRP.1 and Add.1 listed them).
     2.   The Meeting adopted its report.
3/4                                                                                     V.24-18342
\fUNODC/HONEURO/15/5

     3.   The Chair closed the Meeting.
4/4                                                                                     V.24-18342
"""


def test_a_numbered_footnote_at_a_page_foot_without_a_rule_is_a_footnote(tmp_path):
    """Layout text of a word processor's PDF prints no footnote rule: a page's last block "1 See
    ..." after a blank line, whose number is glued to a word above ("session.1"), is a footnote:
    its marker leaves the text, its symbol is in no paragraph, and the sub-paragraph after the page
    break stays in its paragraph.  Symbol components ("CRP.1", "Add.1") are never markers."""
    d = segment_text(tmp_path, "Report of the Fifteenth Meeting of Heads of National Drug Law Enforcement "
                               "Agencies, Europe, held in Tbilisi from 30 September to 3 October 2024\n\n"
                     + FOOTNOTE_AT_PAGE_FOOT)
    p = d.paragraph(1)
    assert p.text == ("The Meeting noted the record seizures reported at the sixty-seventh session. Speakers "
                      "reported the following:")
    assert [s.letter for s in p.subparagraphs] == ["a", "b"]
    assert "CRP.1 and Add.1" in p.subparagraphs[1].text
    assert [(f.marker, f.text[:20]) for f in d.source.footnotes] == [("1", "See Official Records")]
    assert "E/2024/28" not in p.full_text


# --- extraction ---------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence,want", [
    ("It also elected two Vice-Chairs from Iran (Islamic Republic of), Mr. Reza Ahmadi, and Pakistan, Mr. Imran "
     "Qureshi, and a Rapporteur from Jordan, Ms. Lina Haddad.",
     [("Vice-Chair", "Reza Ahmadi", "IRN"), ("Vice-Chair", "Imran Qureshi", "PAK"),
      ("Rapporteur", "Lina Haddad", "JOR")]),
    ("The Meeting elected two Vice Chairs from Iran, Mr. Ali Karimi, and Pakistan, Mr. Asad Khan, and a Rapporteur "
     "from Singapore, Ms. Tan Mei Ling.",
     [("Vice Chair", "Ali Karimi", "IRN"), ("Vice Chair", "Asad Khan", "PAK"), ("Rapporteur", "Tan Mei Ling", "SGP")]),
    ("Ms. Wanjiru Kamau (Kenya) was elected 1st Vice-Chairman and Mr. Ousmane Diallo (Senegal) 2nd "
     "Vice-Chairman.", [("1st Vice-Chairman", "Wanjiru Kamau", "KEN"), ("2nd Vice-Chairman", "Ousmane Diallo", "SEN")]),
])
def test_officers_with_the_state_before_the_name_and_press_ordinals(sentence, want):
    assert officers_in_sentence(sentence) == want


def test_officer_lines_with_the_state_before_the_name(tmp_path):
    assert state_first_officers("Vice-Chairs: from Iran (Islamic Republic of), Mr. Reza Ahmadi") == [
        ("Vice-Chair", "Reza Ahmadi", "IRN")]
    text = (f"Report of the Thirtieth Meeting of {HONLEA}, Asia and the Pacific, held in Dhaka from 2 to 5 May "
            "2006\n\nI. Organization of the Meeting\n\n1. The officers of the Meeting were:\n\n"
            "Chairperson: Rashed Karim (Bangladesh)\n\nVice-Chairs: from Nepal, Mr. Hari Thapa\n\n"
            "2. The report was adopted.\n")
    f = extract_text(tmp_path, text)
    assert [(o.role, o.person, o.state) for o in f.officers] == [
        ("Chairperson", "Rashed Karim", "BGD"), ("Vice-Chair", "Hari Thapa", "NPL")]


@pytest.mark.parametrize("text,want", [
    ("ECOSOC resolution 1999/30", [("ECOSOC", "resolution", "1999/30")]),
    ("Economic and Social Council resolution 1999/30", [("ECOSOC", "resolution", "1999/30")]),
    ("CND resolution 60/1", [("CND", "resolution", "60/1")]),
    ("GA resolution 71/211", [("GA", "resolution", "71/211")]),
    ("UNGA resolution 71/211", [("GA", "resolution", "71/211")]),
    ("ECOSOC resolution 1845", [("ECOSOC", "resolution", "1845")]),
    ("in its resolution 2018 on", []),
    ("Council resolution 2018", []),
])
def test_citations_with_the_body_as_a_prefix(text, want):
    assert [(c.body, c.kind, c.number) for c in find_citations(text)] == want


def _facts(tmp_path, paragraphs: list[str], title: str | None = None):
    title = title or f"Report of the Twentieth Meeting of {HONLEA}, Africa, held in Accra from 3 to 6 May 2010"
    body = "\n\n".join(f"{k}. {t}" for k, t in enumerate(paragraphs, 1))
    return extract_text(tmp_path, f"12 May 2010\n\n{title}\n\nI. Organization of the Meeting\n\n{body}\n")


def _roles(f, role):
    return [s.iso3 for s in f.states if s.role == role]


def test_country_reports_and_questionnaire_replies_in_more_sentence_shapes(tmp_path):
    f = _facts(tmp_path, [
        "The following States had submitted country reports (UNODC/HONLAF/20/CRP.1–CRP.3): Ghana, Kenya and Togo.",
        "Country reports (UNODC/HONLAF/20/CRP.4-CRP.5) were presented by the delegations of Mali and Niger.",
        "Country reports had been made available by the Governments of Benin and Chad.",
        "Country reports were submitted by 2 States: Egypt and Sudan.",
        "By the deadline of 31 March 2010, 2 States had replied to the questionnaire: Angola and Zambia. Late "
        "replies were received from Gabon.",
        "The note on the questionnaire was based on the replies received from Algeria and Tunisia; a reply from "
        "Libya was received after the note had been prepared.",
        "The replies of Morocco and Senegal to the questionnaire arrived after the deadline.",
    ])
    assert _roles(f, "country-report") == ["GHA", "KEN", "TGO", "MLI", "NER", "BEN", "TCD", "EGY", "SDN"]
    assert _roles(f, "questionnaire-in-time") == ["AGO", "ZMB", "DZA", "TUN"]
    assert _roles(f, "questionnaire-late") == ["GAB", "LBY", "MAR", "SEN"]


def test_observers_in_more_sentence_shapes(tmp_path):
    f = _facts(tmp_path, [
        "Observers for Brazil and the United States of America also attended.",
        "Observers from the following organizations also attended: the Pacific Transnational Crime Coordination "
        "Centre and the World Customs Organization Regional Intelligence Liaison Office for Asia and the Pacific.",
    ])
    assert _roles(f, "observer") == ["BRA", "USA"]
    assert [(o.name, o.role) for o in f.organizations] == [
        ("Pacific Transnational Crime Coordination Centre", "observer"),
        ("World Customs Organization Regional Intelligence Liaison Office for Asia and the Pacific", "observer")]
    assert [e.as_given for e in split_actor_list("the Economic and Social Commission for Asia and the Pacific and "
                                                 "the Colombo Plan")] == [
        "the Economic and Social Commission for Asia and the Pacific", "the Colombo Plan"]


def test_a_sitting_dated_with_its_weekday(tmp_path):
    f = _facts(tmp_path, ["At its 1st meeting, held on Monday, 3 May 2010, the Meeting considered item 3 of the "
                          "agenda.", "At its 2nd meeting, on Tuesday, May 4, 2010, the Meeting considered item 4."])
    assert [(s.number, s.date, s.agenda_items) for s in f.sittings] == [
        (1, date(2010, 5, 3), ["3"]), (2, date(2010, 5, 4), ["4"])]


# --- a missing or odd element: a clear warning or error, never a wrong fact ---------------------

@pytest.mark.parametrize("held,city,remote", [
    ("held virtually from 6 to 8 September 2021", None, True),
    ("held online from 6 to 8 September 2021", None, True),
    ("held in a virtual format from 6 to 8 September 2021", None, True),
    ("held by videoconference from 6 to 8 September 2021", None, True),
    ("held in Vienna in a hybrid format from 6 to 8 September 2021", "Vienna", False),
    ("held in a hybrid format in Nairobi, Kenya, from 6 to 8 September 2021", "Nairobi", False),
    ("held in Vienna and online from 6 to 8 September 2021", "Vienna", False),
])
def test_a_meeting_held_online_or_in_a_hybrid_format(held, city, remote):
    ev = read_title(f"Report of the Thirtieth Meeting of {HONLEA}, Africa, {held}")
    assert (ev.ordinal, ev.series, ev.city, ev.start, ev.end, ev.remote) == (
        30, "HONLAF", city, date(2021, 9, 6), date(2021, 9, 8), remote)


def test_a_meeting_held_online_has_no_city_and_says_why(tmp_path):
    f = _facts(tmp_path, ["The Meeting adopted its report."],
               title=f"Report of the Thirtieth Meeting of {HONLEA}, Africa, held virtually from 6 to 8 September 2021")
    assert (f.meeting.ref.key, f.meeting.city, f.meeting.start) == ("HONLAF/30", None, date(2021, 9, 6))
    assert any("held online" in w and "no city" in w for w in f.coverage)


def test_an_extraordinary_session_is_built_under_its_series_and_year(tmp_path):
    """The 2021 extraordinary sessions of the five bodies (genre-variations.md S22) have no
    ordinal: such a report is filed under its series and year (HONLAF/ES-2021), never under a
    meeting named in its body or a year-numbered symbol (``UNODC/HONLAF/2021/1`` is no 2021st
    meeting).  More in ``test_genre_extraordinary.py``."""
    assert symbol_meeting(["UNODC/HONLAF/2021/1"]) is None
    text = ("UNODC/HONLAF/2021/1\n\n30 September 2021\n\nReport of the Meeting of Heads of National Drug Law "
            "Enforcement Agencies, Africa, on its extraordinary session, held online on 21 September 2021\n\n"
            "I. Organization of the session\n\n1. The Thirtieth Meeting of Heads of National Drug Law Enforcement "
            "Agencies, Africa, would be held in Nairobi from 8 to 11 November 2022.\n\n2. The report was adopted.\n")
    m = extract_text(tmp_path, text).meeting
    assert (m.ref.key, m.start, m.city, m.symbol) == ("HONLAF/ES-2021", date(2021, 9, 21), None, "UNODC/HONLAF/2021/1")
    assert (m.next.key, m.next_year) == ("HONLAF/30", 2022)


def test_a_meeting_still_to_come_never_names_the_report(tmp_path):
    """Without title or symbol, "The Nth Meeting would be held in CITY from ..." is the next meeting,
    not this one: the report is refused, not filed under it."""
    text = ("12 May 2010\n\nI. Organization of the Meeting\n\n1. The Twenty-first Meeting of Heads of National "
            "Drug Law Enforcement Agencies, Africa, would be held in Lomé from 3 to 6 May 2011.\n\n"
            "2. The report was adopted.\n")
    with pytest.raises(ExtractionError, match="cannot tell which meeting"):
        extract_text(tmp_path, text)


def test_a_report_without_officers_or_agenda_sub_items_gives_no_officer_and_plain_items(tmp_path):
    f = _facts(tmp_path, ["The Meeting was opened by the Secretary.", "Statements were made.",
                          "The Meeting discussed regional cooperation.", "The Meeting heard country reports.",
                          "The Meeting adopted the following agenda:\n\n1. Election of officers.\n\n"
                          "2. Consideration of topics by working groups.\n\n3. Adoption of the report.",
                          "The documents before the Meeting are listed in the annex."])
    assert f.officers == []
    assert [w for w in f.coverage if "officer" in w] == [f"{f.document.source.path}: no officers found: the report "
                                                        "elects none in a table, a 'Role: Name (State)' line or a "
                                                        "sentence"]
    assert [(a.number, a.title) for a in f.agenda] == [
        ("1", "Election of officers"), ("2", "Consideration of topics by working groups"),
        ("3", "Adoption of the report")]
    lap = segment(read_report(GENRE / "honlap-45" / "honlap-45.docx"))
    assert [it.sub_items for it in lap.paragraph(29).items] == [[]] * 9


def test_a_paragraph_electing_officers_that_gives_none_is_named(tmp_path):
    f = _facts(tmp_path, ["The Meeting elected its officers by acclamation.", "The report was adopted."])
    assert f.officers == []
    assert [w.split(": ", 1)[1] for w in f.coverage if "officer" in w] == [
        "paragraph 1 speaks of electing officers, but no officer (role, name, State) was read from it"]


# --- the genre fixtures ----------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["honeuro15", "honlaf29", "subcom58", "honlap45", "honlac19"])
def test_genre_fixture_expected_answers_are_what_the_hand_facts_say(tmp_path, name):
    """The committed ``expected/`` CSVs are what ``make_genre.py`` writes from the report's text and
    its hand-entered facts (every fact's words checked against its paragraph), and each report
    exists in the formats its module names."""
    import importlib
    import sys

    sys.path[:0] = [str(GENRE), str(GENRE / "reports")]
    try:
        mg = importlib.import_module("make_genre")
        m = importlib.import_module(name)
        mg.write_expected(m, importlib.import_module(name + "_facts"), tmp_path)
    finally:
        del sys.path[:2]
    folder = GENRE / m.SLUG
    for csv_file in sorted((folder / "expected").glob("cq*.csv")):
        assert (tmp_path / csv_file.name).read_text(encoding="utf-8") == csv_file.read_text(encoding="utf-8"), csv_file
    assert len(list((folder / "expected").glob("cq*.csv"))) == 17
    suffixes = {"pdf": ".pdf", "layout": ".layout.txt", "docx": ".docx", "export": ".export.txt", "md": ".md"}
    assert all((folder / f"{m.SLUG}{suffixes[f]}").is_file() for f in m.FORMATS)


# --- every format of the same reports: layout text and a word processor's text export --------------

LAYOUT_ANNEX_AND_OFFICERS = """\
Report of the Nineteenth Meeting of Heads of National Drug Law Enforcement Agencies, Latin America and
the Caribbean, held in Lima from 5 to 8 October 2009

I.       Organization of the Meeting

         1.      At its 1st meeting, the Meeting elected the following officers:

         Chairman:                       Julio Almonte (Dominican Republic)
         1st Vice-Chairman:              Esteban Rojas (Costa Rica)
         Vice-Chairmen:                  Ana Ruiz (Peru)
                                         Marlon Greaves (Barbados)
         Rapporteur:                     Lucía Fernández (Uruguay)

         2.      The documents before the Meeting are listed in the annex.

         Annex
         List of documents
         Document symbol                  Agenda item Title or description
         UNODC/HONLAC/19/1                2            Provisional agenda and annotations
         UNODC/HONLAC/19/L.1 and 9                     Draft report
         Add.1-Add.7
         UNODC/HONLAC/19/CRP.1- 3                      Country reports
         CRP.11
"""


def test_layout_text_officers_and_an_annex_whose_columns_ran_together(tmp_path):
    """``pdftotext -layout`` of a report: a header whose narrow column leaves one space between
    two cells ("Agenda item Title"), a wrapped symbol cell run into the agenda item ("L.1 and 9"),
    a range wrapped at its dash; officer lines with a press ordinal and a second holder on a line
    of its own under the office."""
    d = segment_text(tmp_path, LAYOUT_ANNEX_AND_OFFICERS)
    assert [r.cells for r in d.annex_rows] == [
        ["Document symbol", "Agenda item", "Title or description"],
        ["UNODC/HONLAC/19/1", "2", "Provisional agenda and annotations"],
        ["UNODC/HONLAC/19/L.1 and Add.1-Add.7", "9", "Draft report"],
        ["UNODC/HONLAC/19/CRP.1-CRP.11", "3", "Country reports"]]
    assert [r.cells for r in d.paragraph(1).rows] == [
        ["Chairman:", "Julio Almonte (Dominican Republic)"], ["1st Vice-Chairman:", "Esteban Rojas (Costa Rica)"],
        ["Vice-Chairmen:", "Ana Ruiz (Peru)"], ["", "Marlon Greaves (Barbados)"],
        ["Rapporteur:", "Lucía Fernández (Uruguay)"]]
    f = extract_text(tmp_path, LAYOUT_ANNEX_AND_OFFICERS)
    assert [(o.role, o.person, o.state) for o in f.officers] == [
        ("Chairman", "Julio Almonte", "DOM"), ("1st Vice-Chairman", "Esteban Rojas", "CRI"),
        ("Vice-Chairman", "Ana Ruiz", "PER"), ("Vice-Chairman", "Marlon Greaves", "BRB"),
        ("Rapporteur", "Lucía Fernández", "URY")]


def test_layout_text_footnote_markers_set_off_or_after_a_year(tmp_path):
    """A footnote number ``pdftotext`` set one space after the comma ("levels, 1 and") or glued to
    a year ("Report 2009.1"), with its footnote at the page foot (after the first page's ``*``
    note): a reference, never text."""
    page1 = ("UNODC/HONLAF/29/6\n\nReport of the Twenty-Ninth Meeting of Heads of National Drug Law Enforcement Agencies, Africa, held "
             "in Abuja from 26 to 29 September 2023*\n\nI.   Trends\n\n"
             "     1.   Seizures of tramadol had reached record levels, 1 and cocaine transited through ports.\n"
             "     2.   It had before it the World Drug Report 2009.2\n\n\n"
             "     * Available only in English and French.\n"
             "     1 See World Drug Report 2023, booklet 2.\n"
             "     2 United Nations publication, Sales No. E.09.XI.12.\n\n"
             "V.23-19577 (E)\n*2319577*\n\fUNODC/HONLAF/29/6\n\n     3.   The report was adopted.\n2/2     V.23-19577\n")
    d = segment_text(tmp_path, page1)
    assert [p.text for p in d.paragraphs[:2]] == [
        "Seizures of tramadol had reached record levels, and cocaine transited through ports.",
        "It had before it the World Drug Report 2009."]
    assert sorted(f.marker for f in d.source.footnotes) == ["*", "1", "2"]


LIBREOFFICE_TEXT_EXPORT = (
    "\ufeffSYNTHETIC TEST DOCUMENT — not a UN document\nUnited Nations\tUNODC/HONEURO/16/5\nDistr.: General\n"
    "12 October 2026\nReport of the Sixteenth Meeting of Heads of National Drug Law Enforcement Agencies, Europe, "
    "held in Lisbon from 29 September to 2 October 2026\nI.\tOrganization of the Meeting\n"
    "    1. The Sixteenth Meeting of Heads of National Drug Law Enforcement Agencies, Europe, was held in Lisbon "
    "from 29 September to 2 October 2026. The Meeting noted the record seizures reported at the sixty-ninth "
    "session of the Commission.1 Speakers welcomed the cooperation established with the Maritime Analysis and "
    "Operations Centre – Narcotics and called for further joint operations along the maritime routes.\n"
    "    2. At its 1st meeting, the Meeting elected the following officers:\n"
    "Office\nName\nState\nChair\nRui Almeida\nPortugal\nVice-Chairs\nAna Marković\nSerbia\n\nHenrik Sørensen\n"
    "Denmark\nRapporteur\nOksana Melnyk\nUkraine\n"
    "    3. The documents before the Meeting are listed in the annex to the present report, which also lists the "
    "country reports submitted by the States members of the Meeting and the background paper of the Secretariat.\n"
    "Annex\nList of documents before the Sixteenth Meeting\nDocument symbol\nAgenda item\nTitle or description\n"
    "UNODC/HONEURO/16/1\n2\nAnnotated provisional agenda\nUNODC/HONEURO/16/L.1 and\nAdd.1–Add.5\n9\nDraft report\n"
    "UNODC/HONEURO/16/CRP.17\n\nBackground paper prepared by the Secretariat for the working groups\n")


def test_a_word_processors_text_export_one_paragraph_a_line(tmp_path):
    """LibreOffice's text export: one paragraph a line, no blank lines, each table cell on a line
    of its own (an empty cell an empty line), footnotes dropped but their numbers left glued in the
    text: lines are never joined, the officers table and the annex are read cell by cell."""
    f = extract_text(tmp_path, LIBREOFFICE_TEXT_EXPORT)
    d = f.document
    assert d.paragraph(1).text.startswith("The Sixteenth Meeting") and "of the Commission. Speakers" in d.paragraph(1).text
    assert [(o.role, o.person, o.state) for o in f.officers] == [
        ("Chair", "Rui Almeida", "PRT"), ("Vice-Chair", "Ana Marković", "SRB"), ("Vice-Chair", "Henrik Sørensen", "DNK"),
        ("Rapporteur", "Oksana Melnyk", "UKR")]
    assert [r.cells for r in d.annex_rows] == [
        ["UNODC/HONEURO/16/1", "2", "Annotated provisional agenda"],
        ["UNODC/HONEURO/16/L.1 and Add.1–Add.5", "9", "Draft report"],
        ["UNODC/HONEURO/16/CRP.17", "", "Background paper prepared by the Secretariat for the working groups"]]
