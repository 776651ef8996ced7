"""Each normalisation step on its own, and line-end hyphenation against the fixtures' ground truth."""

from __future__ import annotations

import csv

import pytest

from honlea_kg.normalize import (HyphenLexicon, broken_chars, clean_literal, collapse_spaces, control_chars,
                                 dehyphenate, english_zipf, furniture_kind, invisible, is_footnote_rule,
                                 is_suspended_hyphen, label_tab, ligatures, normalize_chars,
                                 markdown_emphasis, markdown_escapes, markdown_heading, markup, nfc,
                                 normalize_line, odd_spaces, strip_barcode)
from honlea_kg.reader import read_report

from conftest import FIXTURES


def test_nfc_composes_combining_marks():
    assert nfc("Tu\u0308rkiye") == "Türkiye"
    assert nfc("Côte d’Ivoire") == "Côte d’Ivoire"


def test_odd_spaces_become_plain_spaces():
    assert odd_spaces("27\u00a0June\u202f2017\u2009and\u3000x") == "27 June 2017 and x"


def test_invisible_drops_soft_hyphens_and_zero_width():
    assert invisible("question\u00adnaire\u200b") == "questionnaire"
    assert invisible("\ufeffReport") == "Report"


def test_control_chars_keep_tab_replace_form_feed():
    assert control_chars("a\fb\x0bc\x00d\u0085e") == "a b c d e"
    assert control_chars("Chair:\tYoni") == "Chair:\tYoni"


def test_markup_links_and_tags():
    assert markup("report ([UNODC/HONEURO/12/L.1](#) and Add.1-9)") == "report (UNODC/HONEURO/12/L.1 and Add.1-9)"
    assert markup("<i>Chair:</i>\tYoni Dekker") == "Chair:\tYoni Dekker"
    assert markup("decision [60/1](#decision-60-1) on") == "decision 60/1 on"


def test_markdown_escapes():
    assert markdown_escapes("44\\. The Meeting") == "44. The Meeting"
    assert markdown_escapes("\\(a\\) Governments") == "(a) Governments"
    assert markdown_escapes("no escapes") == "no escapes"


def test_markdown_emphasis_keeps_lone_asterisk():
    assert markdown_emphasis("*Chair:*") == "Chair:"
    assert markdown_emphasis("the *World Drug Report 2017* shows") == "the World Drug Report 2017 shows"
    assert markdown_emphasis("**bold** and __also__") == "bold and also"
    assert markdown_emphasis("Original: English*") == "Original: English*"
    assert markdown_emphasis("snake_case_name") == "snake_case_name"


def test_markdown_heading_levels():
    assert markdown_heading("### 1. Use of the Internet") == (3, "1. Use of the Internet")
    assert markdown_heading("## Annex ##") == (2, "Annex")
    assert markdown_heading("#hashtag") is None
    assert markdown_heading("44. text") is None


def test_label_tab_only_after_a_leading_label():
    assert label_tab("1.\tParticipants in") == "1. Participants in"
    assert label_tab("(a)\tGovernments") == "(a) Governments"
    assert label_tab("IV.\tFollow-up") == "IV. Follow-up"
    assert label_tab("UNODC/HONEURO/12/1\t2\tProvisional") == "UNODC/HONEURO/12/1\t2\tProvisional"


def test_collapse_and_trim():
    assert collapse_spaces("   1.     Participants  in  the   ") == "1. Participants in the"
    assert normalize_line("  Report\u00a0of  the\u00ad ") == "  Report of the"


def test_clean_literal_has_no_tabs_or_controls():
    assert clean_literal("Chair:\tYoni\fDekker\n (Netherlands) ") == "Chair: Yoni Dekker (Netherlands)"


@pytest.mark.parametrize("line,kind", [
    ("V.17-04747 (E)    110717    120717", "page"),
    ("17-04747 (E)", "page"),
    ("*1704747*", "header"),
    ("2/9", "page"),
    ("14/16                                         V.17-04747", "page"),
    ("V.17-04747                                   15/16", "page"),
    ("*1704747*V.17-04747", "page"),
    ("ADVANCE UNEDITED VERSION", "header"),
    ("   Advance unedited", "header"),
])
def test_furniture_lines(line, kind):
    assert furniture_kind(line) == kind


@pytest.mark.parametrize("line", [
    "9/2", "60/1", "110717", "5 July 2017", "UNODC/HONEURO/12/6",
    "1. Election of officers.", "decision 60/1 on strengthening",
])
def test_content_is_not_furniture(line):
    assert furniture_kind(line) is None


def test_running_header_glued_to_barcode():
    headers = frozenset({"UNODC/HONEURO/12/6"})
    assert furniture_kind("*1704747*UNODC/HONEURO/12/6", headers) == "header"
    assert furniture_kind("UNODC/HONEURO/12/6", headers) == "header"
    assert furniture_kind("UNODC/HONEURO/12/6", frozenset()) is None
    assert strip_barcode("*1704747*UNODC/HONEURO/12/6") == "UNODC/HONEURO/12/6"


def test_footnote_rule():
    assert is_footnote_rule("          __________________")
    assert not is_footnote_rule("__init__")


def test_dehyphenate_by_document_evidence():
    lex = HyphenLexicon(["drug-related offences", "questionnaire replies", "Vice-Chair"])
    assert dehyphenate("use of drug-", "related offences", lex) is False      # compound occurs unbroken
    assert dehyphenate("the ques-", "tionnaire was", lex) is True              # joined word occurs
    assert dehyphenate("the First Vice-", "Chair of", lex) is False


def test_dehyphenate_fallbacks_without_evidence():
    lex = HyphenLexicon(["nothing relevant here"])
    assert dehyphenate("cooperation in South-", "Eastern Europe", lex) is False  # capital after hyphen
    assert dehyphenate("COVID-", "19 measures", lex) is False                    # digit
    assert dehyphenate("Law Enforce-", "ment Agencies", lex) is True             # suffix fragment
    assert dehyphenate("a non-", "custodial sentence", lex) is False             # compound head
    assert dehyphenate("the psycho-", "active", lex) is True                     # default: join


def test_dehyphenate_by_the_english_word_list():
    """Without evidence in the document, the general English word list (wordfreq) decides."""
    lex = HyphenLexicon(["nothing relevant here"])
    assert english_zipf("international") > 4 and english_zipf("evidencebased") == 0
    assert dehyphenate("on an inter-", "national basis", lex) is True      # "international" is a word
    assert dehyphenate("with recom-", "mendations on", lex) is True
    assert dehyphenate("evidence-", "based prevention", lex) is False      # "evidencebased" is not
    assert dehyphenate("the sixty-", "second session", lex) is False
    assert dehyphenate("the follow-", "up to the", lex) is False           # UN English: follow-up
    assert dehyphenate("anti-", "corruption agencies", HyphenLexicon(["anti-drug agencies"])) is False


def test_ligatures_are_decomposed():
    assert ligatures("o\ufb03cers and \ufb01nancial \ufb02ows") == "officers and financial flows"
    assert ligatures("no ligature") == "no ligature"
    assert normalize_chars("e\ufb00orts") == "efforts"


def test_broken_characters_become_replacement_characters():
    assert broken_chars("Z\ud800ambia (cid:42)") == "Z\ufffdambia \ufffd"
    assert normalize_chars("\ud800") == "\ufffd"  # then encodable as UTF-8
    assert normalize_chars("\ud800").encode("utf-8")


def test_suspended_hyphen():
    assert is_suspended_hyphen("and age-disaggregated data")
    assert not is_suspended_hyphen("related offences")


@pytest.mark.parametrize("name", ["forms/honlea-europe-12-2017.pdftext", "reports/honlea-africa-28-2018"])
def test_every_line_end_hyphen_of_the_fixtures_is_decided_right(name):
    """The fixtures list each line-final hyphen and whether it is kept; the reader must agree."""
    src = read_report(FIXTURES / f"{name}.txt")
    with open(FIXTURES / f"{name}.hyphens.tsv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    assert rows
    for row in rows:
        line = int(row["line"])
        block = next(b for b in src.blocks if b.lines[0] <= line <= b.lines[1] and b.kind != "footnote")
        joined = row["joined"]
        assert joined in block.text, (line, joined, block.text)
        if row["kind"] == "remove":
            assert row["head"] + row["tail"] not in block.text
