"""Reading: format detection, encodings, page furniture, footnotes, bad input, speed."""

from __future__ import annotations

import shutil
import time
import zipfile
from pathlib import Path

import pytest

from honlea_kg.model import ReadError
from honlea_kg.reader import read_report
from honlea_kg.segment import segment

from conftest import FIXTURES, REPORT

FORMS = FIXTURES / "forms"

PAGED = """\
                                                  UNODC/HONLAF/9/6
                                                   Distr.: General
                                                    1 October 2018

                                                Original: English*

          Report of the Ninth Meeting of Heads of National Drug Law
          Enforcement Agencies, Africa, held in Accra from 1 to 3 May 2018

      I. Organization of the Meeting

          1.     The Meeting was held in Accra. The questionnaire was sent
          to all States and the replies were analysed by the Secre-
          tariat, which found that drug-related crime was rising.

          2.     Participants discussed the ques-

          __________________
          * Available only in English and French, which are the working
            languages of the subsidiary body.

V.18-01234 (E)    011018    021018
*1801234*
\fUNODC/HONLAF/9/6

          tionnaire and the Secretariat's analysis of drug-
          related trafficking in South-Eastern Africa.

          3.     The Meeting adopted its report.

2/3                                                                 V.18-01234
\f*1801234*UNODC/HONLAF/9/6

          4.     The Chair closed the Meeting.

V.18-01234                                                                 3/3
\f"""


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def test_page_furniture_is_removed_and_footnote_kept(tmp_path):
    src = read_report(write(tmp_path, "paged.txt", PAGED))
    text = src.text
    for junk in ("V.18-01234", "*1801234*", "2/3", "3/3", "011018", "_____"):
        assert junk not in text
    # the running header is furniture on later pages but the masthead symbol stays on page 1
    assert text.count("UNODC/HONLAF/9/6") == 1
    assert src.blocks[0].text == "UNODC/HONLAF/9/6"
    assert [b.text for b in src.blocks[1:4]] == ["Distr.: General", "1 October 2018", "Original: English*"]
    assert src.blocks[4].text == ("Report of the Ninth Meeting of Heads of National Drug Law Enforcement Agencies, "
                                  "Africa, held in Accra from 1 to 3 May 2018")
    assert len(src.footnotes) == 1
    fn = src.footnotes[0]
    assert fn.marker == "*"
    assert fn.text == "Available only in English and French, which are the working languages of the subsidiary body."
    assert text[fn.span.start:fn.span.end] == "* " + fn.text
    assert fn.lines == (19, 20)
    assert text[fn.anchor.start - 7:fn.anchor.end] == "English*"
    doc = segment(src)
    assert [p.number for p in doc.paragraphs] == [1, 2, 3, 4]
    assert doc.warnings == []
    p1, p2 = doc.paragraph(1), doc.paragraph(2)
    assert p1.text == ("The Meeting was held in Accra. The questionnaire was sent to all States and the replies were "
                       "analysed by the Secretariat, which found that drug-related crime was rising.")
    # cut by a page break (footnote, footer, header between): one paragraph, hyphen decided
    assert p2.text == ("Participants discussed the questionnaire and the Secretariat's analysis of drug-related "
                       "trafficking in South-Eastern Africa.")
    assert p2.lines == (16, 27)
    assert doc.paragraph(3).text == "The Meeting adopted its report."
    pages = {b.text[:2]: b.page for b in src.blocks}
    assert pages["1."] == 1 and pages["3."] == 2 and pages["4."] == 3
    assert "Available" not in p2.full_text


def test_encodings_are_decoded(tmp_path):
    text = "I. Chapter\n\n1. The “Côte d’Ivoire” delegation – and Türkiye – spoke.\n"
    ref = read_report(write(tmp_path, "utf8.txt", text.encode("utf-8"))).text
    assert "“Côte d’Ivoire”" in ref and "–" in ref
    for name, data in [("bom.txt", b"\xef\xbb\xbf" + text.encode("utf-8")),
                       ("utf16le.txt", text.encode("utf-16")),  # with BOM
                       ("utf16be.txt", b"\xfe\xff" + text.encode("utf-16-be")),
                       ("cp1252.txt", text.replace("Türkiye", "Turkey").encode("cp1252")),
                       ("crlf.txt", text.replace("\n", "\r\n").encode("utf-8"))]:
        got = read_report(write(tmp_path, name, data)).text
        assert got == ref.replace("Türkiye", "Turkey" if name == "cp1252.txt" else "Türkiye"), name


def test_decomposed_text_is_nfc_and_odd_spaces_go(tmp_path):
    src = read_report(write(tmp_path, "nfd.txt", "1.\u00a0The Tu\u0308rkiye que\u00adstion\u200b.\n"))
    assert src.text == "1. The Türkiye question."


def test_markdown_layout(tmp_path):
    md = ("# Report of the Ninth Meeting\n\n## I. Organization\n\n### 1. A topic\n\n"
          "1\\. The Meeting *noted* [UNODC/HONLAF/9/1](#) and <i>more</i>.[^1]\n"
          "It went on.\n\n\\(a\\) First;\n\n| *Chair:* | A. Person (Ghana) |\n|---|---|\n\n[^1]: A note.\n")
    src = read_report(write(tmp_path, "r.md", md))
    assert src.fmt == "md"
    kinds = [(b.kind, b.text) for b in src.blocks]
    assert kinds[:3] == [("heading", "Report of the Ninth Meeting"), ("heading", "I. Organization"),
                         ("heading", "1. A topic")]
    assert ("text", "1. The Meeting noted UNODC/HONLAF/9/1 and more. It went on.") in kinds
    assert ("row", "Chair:\tA. Person (Ghana)") in kinds
    assert src.footnotes[0].marker == "1" and src.footnotes[0].text == "A note."
    assert src.text[src.footnotes[0].anchor.start - 5:src.footnotes[0].anchor.start] == "more."
    doc = segment(src)
    assert doc.paragraph(1).heading == ("1", "A topic")
    assert doc.paragraph(1).subparagraphs[0].text == "First;"


@pytest.mark.parametrize("form,fmt", [("pdf", "pdf"), ("docx", "docx")])
def test_format_told_by_content_not_name(tmp_path, form, fmt):
    disguised = tmp_path / "report.txt"
    shutil.copy(FORMS / f"honlea-europe-12-2017.{form}", disguised)
    src = read_report(disguised)
    assert src.fmt == fmt
    assert len(segment(src).paragraphs) == 57


def test_docx_footer_footnote_and_star_bullets(tmp_path):
    src = read_report(FORMS / "honlea-europe-12-2017.docx")
    assert [(f.marker, f.text[:19]) for f in src.footnotes] == [("*", "Available only in E")]
    assert src.text[src.footnotes[0].anchor.start - 7:src.footnotes[0].anchor.end] == "English*"
    # without a glued "*" marker before it, a "* ..." line is text, not a footnote
    plain = read_report(write(tmp_path, "b.txt", "1. The list:\n\n* Available tools and more.\n"))
    assert plain.footnotes == [] and plain.blocks[1].kind == "text"


def test_pdf_blocks_know_their_page():
    src = read_report(FORMS / "honlea-europe-12-2017.pdf")
    doc = segment(src)
    assert src.fmt == "pdf"
    assert src.blocks[0].page == 1 and src.blocks[-1].page > 10
    assert src.footnotes and src.footnotes[0].marker == "*"
    assert doc.paragraph(57).lines[0] > doc.paragraph(1).lines[0]
    assert "V.17-04747" not in src.text and "1704747" not in src.text


def one_line_error(exc: pytest.ExceptionInfo, path: Path) -> str:
    msg = str(exc.value)
    assert "\n" not in msg
    assert msg.startswith(str(path) + ":"), msg
    return msg


def test_empty_file(tmp_path):
    for name, data in [("empty.txt", b""), ("blank.txt", b"  \n\n \t\n"), ("bom.txt", b"\xef\xbb\xbf\n")]:
        path = write(tmp_path, name, data)
        with pytest.raises(ReadError) as exc:
            read_report(path)
        assert "empty" in one_line_error(exc, path)


def test_binary_file(tmp_path):
    path = write(tmp_path, "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" * 20)
    with pytest.raises(ReadError) as exc:
        read_report(path)
    assert "binary" in one_line_error(exc, path)
    path = write(tmp_path, "noise.txt", bytes(range(1, 32)) * 10)
    with pytest.raises(ReadError) as exc:
        read_report(path)
    assert "binary" in one_line_error(exc, path)


def test_damaged_pdf(tmp_path):
    good = (FORMS / "honlea-europe-12-2017.pdf").read_bytes()
    for name, data in [("cut.pdf", good[:2000]), ("junk.pdf", b"%PDF-1.7\n" + b"garbage " * 100),
                       ("noheader.pdf", b"this is not a pdf at all\n")]:
        path = write(tmp_path, name, data)
        with pytest.raises(ReadError) as exc:
            read_report(path)
        assert "PDF" in one_line_error(exc, path)


def test_image_only_pdf_has_no_text_layer(tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")
    path = write(tmp_path, "scan.pdf", bytes(pdf.output()))
    with pytest.raises(ReadError) as exc:
        read_report(path)
    assert "no text layer" in one_line_error(exc, path)


def test_damaged_docx_and_other_zip(tmp_path):
    path = write(tmp_path, "bad.docx", b"PK\x03\x04" + b"\x00broken" * 50)
    with pytest.raises(ReadError) as exc:
        read_report(path)
    assert "damaged" in one_line_error(exc, path)
    other = tmp_path / "other.docx"
    with zipfile.ZipFile(other, "w") as zf:
        zf.writestr("hello.txt", "hi")
    with pytest.raises(ReadError) as exc:
        read_report(other)
    assert "word/document.xml" in one_line_error(exc, other)


def test_missing_file(tmp_path):
    path = tmp_path / "missing.txt"
    with pytest.raises(ReadError) as exc:
        read_report(path)
    assert "cannot read" in one_line_error(exc, path)


def _timed(path: Path) -> float:
    t = time.perf_counter()
    segment(read_report(path))
    return time.perf_counter() - t


def test_twice_the_report_takes_about_twice_the_time(tmp_path):
    """No quadratic step: a report of 8 copies takes well under 8 * 8 times one copy."""
    text = REPORT.read_text(encoding="utf-8")
    big = write(tmp_path, "big.txt", "\n\n".join([text] * 8))
    one = min(_timed(REPORT) for _ in range(3))
    eight = min(_timed(big) for _ in range(2))
    assert eight < one * 20, (one, eight)
