"""The pages answer their questions in words (issue 15), read from the built HTML without a
browser: the meeting, report, State, document and resolution pages of the bundled report, the
readable words everywhere (no raw prefixed name outside the "all statements" tables, the query
pages and the vocabulary pages), citations, the vocabulary page, builds under another base IRI,
and pages that stay bounded when an entity is cited hundreds of times."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pyoxigraph as ox
import pytest

from conftest import CORPUS, run_cli
from site_html import PREFIXED_NAME, broken_links, in_statements, parse

MEETING = "series/honlea-europe/12/index.html"
REPORT = "series/honlea-europe/12/report/index.html"


def listing_rows(path: Path, section_id: str) -> list[str]:
    """The text of each body row of the table in the element with id ``section_id``."""
    html = path.read_text(encoding="utf-8")
    start = html.index(f'id="{section_id}"')
    block = html[start:html.index("</table>", start)]
    return [re.sub(r"<[^>]+>", " ", row) for row in re.findall(r"<tr>(.*?)</tr>", block.split("<tbody>", 1)[1], re.S)]


def section(page, section_id: str) -> str:
    """The text inside the element with id ``section_id``."""
    rec = page.by_id(section_id)
    assert rec is not None, f"no element #{section_id}"
    return rec["text"]



def test_a_meeting_known_only_by_reference_has_no_empty_table_of_contents(built):
    # the Eleventh Meeting is only named by the report of the Twelfth: no section to list, so no
    # "On this page" box with nothing in it (a new user's finding); the Twelfth's lists its sections
    referenced = (built / "series/honlea-europe/11/index.html").read_text(encoding="utf-8")
    assert "No report of this meeting in this dataset" in referenced
    assert "On this page" not in referenced and "<ul></ul>" not in referenced
    reported = (built / MEETING).read_text(encoding="utf-8")
    assert 'aria-label="On this page"' in reported and 'href="#officers"' in reported


# --- the meeting page ---------------------------------------------------------------------------
def test_meeting_page_answers_chair_attendance_documents_and_recommendations(built):
    page = parse(built / MEETING)
    glance = section(page, "at-a-glance")
    assert "Yoni Dekker" in glance and "Chair" in glance
    assert "34 States attending: all member States; 3 observer organizations" in glance  # not "34 ...: 34 member States"
    assert "27 to 30 June 2017" in glance and "Vienna" in glance
    officers = section(page, "officers")
    for name in ("Yoni Dekker", "Andrey Khrapov", "Eka Tsankashvili", "Kris Lapiere"):
        assert name in officers
    assert officers.index("Chair") < officers.index("First Vice-Chair") < officers.index("Rapporteur")
    # the documents before the meeting: a table of symbols and titles, natural order
    rows = [tr for tr in page.elements["tr"] if tr["text"].strip().startswith("UNODC/HONEURO/12/")]
    symbols = [th["text"].strip() for th in page.elements["th"] if th.get("scope") == "row"
               and th["text"].strip().startswith("UNODC/HONEURO/12/")]
    assert len(symbols) == 36 and len(set(symbols)) == 36
    assert symbols.index("UNODC/HONEURO/12/CRP.2") < symbols.index("UNODC/HONEURO/12/CRP.10")
    assert symbols.index("UNODC/HONEURO/12/2") < symbols.index("UNODC/HONEURO/12/CRP.2")
    assert any("Provisional agenda and annotations" in r["text"] for r in rows)
    # recommendations by topic, with their text, linked from the table of contents
    recs = section(page, "recommendations")
    assert "Governments should be encouraged to ensure that their law enforcement agencies" in recs
    assert recs.count("(a)") == 4  # four topics, each from (a)
    toc = [a for a in page.elements["a"] if a.get("href") == "#recommendations"]
    assert toc, "the table of contents links the recommendations"
    # attendance grouped by role, the names as printed
    attendance = section(page, "attendance")
    assert "Member State (34)" in attendance and "Turkey" in attendance and "Türkiye" not in attendance


def test_meeting_page_agenda_in_natural_order(built):
    html = (built / MEETING).read_text(encoding="utf-8")
    agenda = html[html.index('<section id="agenda"'):]
    agenda = agenda[:agenda.index("</section>")]
    numbers = re.findall(r'<span class="num">([^<]+)\.</span>', agenda)
    assert numbers[:7] == ["1", "2", "3", "4", "5", "6", "6(a)"] and numbers[-1] == "10"


# --- the report page ----------------------------------------------------------------------------
def test_report_page_is_complete(built):
    page = parse(built / REPORT)
    headings = {(h["tag"], " ".join(h["text"].split())) for tag in ("h2", "h3", "h4") for h in page.elements.get(tag, [])}
    assert ("h3", "A. Opening and duration of the Meeting") in headings
    assert ("h3", "E. Documentation") in headings
    assert any(t == "h3" and text.startswith("1. Use of the Internet") for t, text in headings)
    assert any(text.startswith("Annex: List of documents before the Twelfth Meeting") for _, text in headings)
    # the annex table, its header row as column headings
    annex = page.by_id("annex")
    assert annex is not None and "UNODC/HONEURO/12/CRP.2-22" in annex["text"]
    assert "Document number" in [th["text"] for th in page.elements["th"]]
    # the adopted agenda as a list (para 55: ten items, item 6 with four sub-items)
    para55 = page.by_id("para_55")["text"]
    for n in ("1", "6", "6(a)", "6(d)", "10"):
        assert f"{n} " in para55
    # the officers as a table (para 54)
    cells = [td["text"] for td in page.elements["td"]]
    assert "Chair:" in cells and "Yoni Dekker (Netherlands)" in cells
    # symbols and resolution numbers in the text are links to their pages
    hrefs = [a["href"] for a in page.elements["a"]]
    assert any(h.endswith("doc/UNODC/HONEURO/12/2/") for h in hrefs)
    assert any(h.endswith("resolution/ga/71-211/") for h in hrefs)


def test_report_paragraph_links_entities_once_grouped(built):
    html = (built / REPORT).read_text(encoding="utf-8")
    block = html[html.index('id="para_51"'):html.index('id="para_52"')]
    linked = re.findall(r'<div class="facts-linked">(.*?)</div>', block, re.S)
    assert linked
    hrefs = re.findall(r'href="([^"]+)"', linked[0])
    assert len(hrefs) == len(set(hrefs)), "an entity is linked twice under one paragraph"
    assert 'States</span> (34)' in linked[0] and 'Participations</span> (34)' in linked[0]


# --- State, document and resolution pages ------------------------------------------------------------
def test_state_page_roles_with_the_name_as_printed(built):
    page = parse(built / "state/TUR/index.html")
    assert page.elements["h1"][0]["text"] == "Türkiye"
    roles = section(page, "roles")
    assert "HONEURO/12" in roles and "Turkey" in roles and "Member State" in roles and "received in time" in roles
    mentions = section(page, "mentions")
    assert "HONEURO/12 report, para. 51" in mentions


def test_document_page_has_the_symbol_as_heading_and_un_links(built):
    page = parse(built / "doc/UNODC/HONEURO/12/2/index.html")
    assert page.elements["h1"][0]["text"] == "UNODC/HONEURO/12/2"
    text = page.visible_text()
    assert "Report of the Secretariat on statistics on drug trafficking trends" in text
    hrefs = [a["href"] for a in page.elements["a"]]
    assert "https://undocs.org/UNODC/HONEURO/12/2" in hrefs
    assert any(h.startswith("https://digitallibrary.un.org/search") for h in hrefs)
    assert "HONEURO/12 report, para. 6" in section(page, "citing")


def test_resolution_page_lists_citing_paragraphs_with_meeting_and_snippet(built):
    page = parse(built / "resolution/ga/71-211/index.html")
    citing = section(page, "citing")
    assert "HONEURO/12 report, para." in citing and "HONEURO/12" in citing
    rows = listing_rows(built / "resolution/ga/71-211/index.html", "citing")
    assert rows and all("71/211" in r for r in rows), "each snippet shows the citation"
    assert "https://undocs.org/A/RES/71/211" in [a["href"] for a in page.elements["a"]]


# --- readable words ----------------------------------------------------------------------------
def raw_names(site: Path) -> list[str]:
    found = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if rel.startswith(("queries/", "sparql/", "ns/", "pagefind/")):  # the query pages and the vocabulary
            continue
        text = parse(path).visible_text(in_statements)
        for m in PREFIXED_NAME.finditer(text):
            found.append(f"{rel}: {m.group(0)}")
    return found


def test_no_raw_prefixed_name_outside_statements_queries_and_vocabulary(built, synth_built):
    assert raw_names(built) == []
    assert raw_names(synth_built) == []
    # the check itself sees raw names where they are allowed
    assert PREFIXED_NAME.search(parse(built / "ns/index.html").visible_text())
    assert PREFIXED_NAME.search(parse(built / MEETING).visible_text())


def test_entity_pages_have_breadcrumbs_site_name_description_and_citation(built):
    for rel in (MEETING, REPORT, "state/TUR/index.html", "resolution/ga/71-211/index.html"):
        html = (built / rel).read_text(encoding="utf-8")
        page = parse(built / rel)
        assert re.search(r"<title[^>]*>[^<]+ · HONLEA knowledge graph</title>", html), rel
        assert re.search(r'<meta name="description" content="[^"]{20,}">', html), rel
        crumbs = [n for n in page.elements["nav"] if n.get("aria-label") == "Breadcrumb"]
        assert crumbs and crumbs[0]["text"].startswith("Home"), rel
        cite = section(page, "cite-text")
        iri = page.elements["link"][[l.get("rel") for l in page.elements["link"]].index("cite-as")]["href"]
        assert iri in cite and "version 0.1.0" in cite and "5 July 2017" in cite, cite
        csl = json.loads(section(page, "cite-csl"))
        assert csl["URL"] == iri and csl["issued"] == {"date-parts": [[2017, 7, 5]]} and csl["version"] == "0.1.0"
        assert iri in section(page, "cite-bibtex")


def test_dataset_citation_options(tmp_path):
    out = tmp_path / "out"
    done = run_cli("build", str(CORPUS), "--out", str(out), "--no-cache", "--dataset-version", "2026.1",
                   "--dataset-title", "HONLEA data", "--dataset-publisher", "A research group", "--dataset-date",
                   "2026-01-31")
    assert done.returncode == 0, done.stderr
    home = parse(out / "index.html")
    text = section(home, "cite-dataset-text")
    assert text == "A research group. HONLEA data (version 2026.1) [dataset], 31 January 2026. https://w3id.org/honlea-kg/dataset"
    meeting = section(parse(out / MEETING), "cite-text")
    assert "In: HONLEA data, version 2026.1 (31 January 2026). A research group." in meeting
    void = (out / "void.ttl").read_text(encoding="utf-8")
    assert '"2026.1"' in void and '"HONLEA data"@en' in void
    bad = run_cli("build", str(CORPUS), "--out", str(tmp_path / "bad"), "--dataset-date", "31/01/2026")
    assert bad.returncode == 2 and "YYYY-MM-DD" in bad.stderr and "Traceback" not in bad.stderr


# --- orientation ----------------------------------------------------------------------------------
def test_vocabulary_page_has_domain_range_version_and_counts(built):
    page = parse(built / "ns/index.html")
    term = section(page, "hadBefore")
    assert "Domain" in term and "hl:Meeting" in term and "Range" in term and "hl:Document" in term
    adopted = section(page, "adopted")
    assert re.search(r"Statements in this dataset\s*16", adopted), adopted
    meeting = section(page, "Meeting")
    assert re.search(r"Instances in this dataset\s*3", meeting)
    assert "0.1.0" in page.visible_text()


def test_browse_lists_the_project_classes_first(built):
    page = parse(built / "browse/index.html")
    hrefs = [a["href"] for a in page.elements["a"] if a["href"].startswith("../browse/") and a["href"] != "../browse/"]
    ours = [i for i, h in enumerate(hrefs) if "/hl-" in h]
    assert ours and max(ours) < min(i for i, h in enumerate(hrefs) if "/hl-" not in h)
    meetings = parse(built / "browse/hl-Meeting/index.html")
    names = [a["text"] for a in meetings.elements["a"] if "/series/" in a["href"]]
    assert [n.split()[0] for n in names] == ["Eleventh", "Twelfth", "Thirteenth"]


def test_custom_base_iri_build_has_no_broken_internal_link(tmp_path):
    out = tmp_path / "out"
    done = run_cli("build", str(CORPUS), "--out", str(out), "--no-cache", "--base-iri", "https://example.org/data/kg/")
    assert done.returncode == 0, done.stderr
    assert (out / "ns" / "index.html").is_file()
    assert broken_links(out) == []
    vocab = parse(out / "ns" / "index.html")
    assert "its home is https://w3id.org/honlea-kg/ns" in " ".join(vocab.visible_text().split())
    meeting = parse(out / MEETING)
    assert any(a["href"].startswith("../../../ns/#") for a in meeting.elements["a"])


def test_synthetic_build_has_no_broken_internal_link(synth_built):
    assert broken_links(synth_built) == []


# --- bounded pages ------------------------------------------------------------------------------
def scale_quads(n: int) -> list:
    """A State mentioned by, and a resolution cited by, ``n`` paragraphs of four reports."""
    base = "https://w3id.org/honlea-kg/"
    hl = "https://w3id.org/honlea-kg/ns#"
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    state, res = ox.NamedNode(base + "state/NLD"), ox.NamedNode(base + "resolution/ga/71-211")
    g = ox.NamedNode(base + "graph/x")
    quads = [ox.Quad(state, rdf_type, ox.NamedNode(hl + "State"), g),
             ox.Quad(state, label, ox.Literal("Netherlands", language="en"), g),
             ox.Quad(res, rdf_type, ox.NamedNode(hl + "Resolution"), g),
             ox.Quad(res, label, ox.Literal("General Assembly resolution 71/211", language="en"), g),
             ox.Quad(res, ox.NamedNode("https://schema.org/legislationIdentifier"), ox.Literal("71/211"), g)]
    for k in range(n):
        meeting = f"{base}series/honlea-europe/{k % 4 + 1}"
        report = ox.NamedNode(meeting + "/report")
        para = ox.NamedNode(f"{meeting}/report#para_{k + 1}")
        quads += [ox.Quad(report, ox.NamedNode(hl + "reportOf"), ox.NamedNode(meeting), g),
                  ox.Quad(ox.NamedNode(meeting), ox.NamedNode(hl + "meetingCode"), ox.Literal(f"HONEURO/{k % 4 + 1}"), g),
                  ox.Quad(para, rdf_type, ox.NamedNode(hl + "Paragraph"), g),
                  ox.Quad(para, ox.NamedNode(hl + "number"), ox.Literal(str(k + 1), datatype=ox.NamedNode(
                      "http://www.w3.org/2001/XMLSchema#integer")), g),
                  ox.Quad(para, ox.NamedNode(hl + "text"), ox.Literal(
                      f"The Netherlands recalled General Assembly resolution 71/211 in paragraph {k + 1}.", language="en"), g),
                  ox.Quad(para, ox.NamedNode("https://schema.org/mentions"), state, g),
                  ox.Quad(para, ox.NamedNode("http://purl.org/spar/cito/cites"), res, g)]
    return quads


@pytest.mark.parametrize("path", ["state/NLD", "resolution/ga/71-211"])
def test_pages_stay_bounded_when_cited_hundreds_of_times(tmp_path, path):
    from honlea_kg.iris import IriPolicy
    from honlea_kg.publish.site import publish

    sizes = {}
    for n in (300, 1200):
        out = tmp_path / f"n{n}"
        publish(scale_quads(n), out, IriPolicy(), search=False)
        page = parse(out / path / "index.html")
        key = "mentions" if path.startswith("state") else "citing"
        listing = section(page, key)
        assert f"(the first 20 of {n})" in listing and f"All {n}" in listing
        rows = listing_rows(out / path / "index.html", key)
        assert len(rows) == 20
        pages = sorted((out / path).glob(f"{key}-*.html"))
        assert len(pages) == -(-n // 200)
        listed = sum(len([tr for tr in parse(p).elements["tr"] if "report, para." in tr["text"]]) for p in pages)
        assert listed == n
        sizes[n] = (out / path / "index.html").stat().st_size
        assert max(p.stat().st_size for p in (out / path).glob("*.html")) < 300_000
    assert sizes[1200] < sizes[300] * 1.25, sizes


def test_a_failing_search_indexer_leaves_the_site_published_with_a_warning(tmp_path, monkeypatch):
    from honlea_kg.iris import IriPolicy
    from honlea_kg.publish import search
    from honlea_kg.publish.site import publish
    from i18n_fixture import fixture_quads

    monkeypatch.setattr(search, "pagefind_binary", lambda: str(tmp_path / "no-such-pagefind"))
    figures = publish(fixture_quads(3), tmp_path / "out", IriPolicy())
    assert (tmp_path / "out" / "index.html").is_file() and not (tmp_path / "out" / "pagefind").exists()
    assert len(figures["notices"]) == 1 and "no search index" in figures["notices"][0]
    assert "no-such-pagefind" in figures["notices"][0]


def test_a_build_whose_search_indexer_fails_is_published_with_a_warning(tmp_path, monkeypatch):
    from honlea_kg.config import BuildSettings
    from honlea_kg.pipeline import run_build
    from honlea_kg.publish import search

    monkeypatch.setattr(search, "pagefind_binary", lambda: str(tmp_path / "no-such-pagefind"))
    result = run_build(BuildSettings(inputs=[CORPUS], out=tmp_path / "out", jobs=1), jobs=1, cache_dir=None)
    assert result.published and (tmp_path / "out" / "index.html").is_file()
    assert [n for n in result.notices if "no search index" in n and "no-such-pagefind" in n]


# --- what the search index holds ------------------------------------------------------------------
def pagefind_contents(site: Path) -> dict[str, str]:
    """The text Pagefind indexed for each page (url -> content), read from the build's own index
    fragments (``pagefind/fragment/*.pf_fragment``: gzip, a ``pagefind_dcd`` signature, JSON)."""
    import gzip

    out = {}
    for path in sorted((site / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        data = data[data.index(b"{"):]
        record = json.loads(data)
        out[record["url"]] = record["content"]
    return out


def glued_pairs(html: str) -> list[tuple[str, str]]:
    """Pairs of texts that sit side by side in separate boxes of a page (a ``dt`` and its ``dd``,
    neighbouring cells of a table row, neighbouring list items), whitespace-normalised."""
    from lxml import html as lhtml

    root = lhtml.fromstring(html)
    text = lambda el: " ".join(el.text_content().split())  # noqa: E731
    pairs = []
    for el in root.iter("dt", "th", "td", "li"):
        nxt = el.getnext()
        if nxt is not None and nxt.tag in ("dd", "td", "th", "li") and text(el) and text(nxt):
            pairs.append((text(el), text(nxt)))
    return pairs


@pytest.mark.parametrize("which", ["bundled", "synthetic"])
def test_search_index_keeps_labels_and_values_apart(which, built, synth_built):
    """Pagefind's text of a page never runs a label into its value ("Adopted byGeneral
    Assembly", "Name as printedCanada"): the excerpts a researcher reads are that text."""
    site = built if which == "bundled" else synth_built
    contents = pagefind_contents(site)
    assert len(contents) > 50
    glued = []
    for url, content in contents.items():
        page = site / url.strip("/") / "index.html" if not url.endswith(".html") else site / url.strip("/")
        for a, b in glued_pairs(page.read_text(encoding="utf-8")):
            if a + b in content:
                glued.append((url, a + b))
    assert glued == [], glued[:10]


@pytest.mark.parametrize("which", ["bundled", "synthetic"])
def test_sub_paragraph_citations_carry_their_paragraph_number(which, built, synth_built):
    """A link to a sub-paragraph (``#para_3__point_a``) reads "HONEURO/12 report, para. 3 (a)",
    never "HONEURO/12 report, (a)" (the working groups' findings cite their sub-paragraphs)."""
    site = built if which == "bundled" else synth_built
    link = re.compile(r'<a href="[^"]*#para_(\d+)__point_([a-z]+)"[^>]*>([^<]*)</a>')
    seen, wrong = 0, []
    for path in sorted(site.rglob("index.html")):
        if "pagefind" in path.parts:
            continue
        for number, letter, text in link.findall(path.read_text(encoding="utf-8")):
            if " report, " not in text:
                continue  # a short label inside the report page itself
            seen += 1
            if f"para. {number} ({letter})" not in text:
                wrong.append((path.relative_to(site).as_posix(), text))
    assert seen > 0
    assert wrong == [], wrong[:10]


@pytest.mark.parametrize("which", ["bundled", "synthetic"])
def test_class_names_in_lists_are_proper_english_plurals(which, built, synth_built):
    """The kinds under "Linked from this paragraph" (and the other group headings) are English
    plurals of the class labels: "Entities", not "Entitys"; "Considerations of an agenda item",
    not "Consideration of an agenda items" (the head noun of an "X of a Y" label is inflected)."""
    site = built if which == "bundled" else synth_built
    names = set()
    for path in site.rglob("index.html"):
        if "pagefind" not in path.parts:
            names.update(re.findall(r'class="kind-name">([^<]+)<', path.read_text(encoding="utf-8")))
    assert names
    consonant_ys = [n for n in names if re.search(r"[^aeiouAEIOU]ys$", n)]
    wrong_head = [n for n in names if re.search(r"\b(?:of|for|to|in) (?:an?|one) \w+(?: \w+)*s$", n)]
    assert consonant_ys == [] and wrong_head == [], (consonant_ys, wrong_head)
    if which == "bundled":  # classes the bundled report's paragraphs link to (report page)
        assert {"Entities", "Considerations of an agenda item", "Questionnaire responses"} <= names


@pytest.mark.parametrize("which", ["bundled", "synthetic"])
def test_browse_tells_classes_of_the_same_name_apart(which, built, synth_built):
    """Two vocabularies' classes of the same name (Schema.org's and FOAF's Person, Schema.org's
    and the W3C Organization Ontology's Organization) read differently on ``browse/``: each entry
    names its vocabulary; the project's own classes come first."""
    site = built if which == "bundled" else synth_built
    html = (site / "browse" / "index.html").read_text(encoding="utf-8")
    entries = [" ".join(re.sub(r"<[^>]+>", " ", label + rest).split())
               for label, rest in re.findall(r'<li><a href="\.\./browse/[^"]+"[^>]*>(.*?)</a>(.*?)\(\d[\d,]*\)</li>', html)]
    page = parse(site / "browse" / "index.html")
    assert len(entries) > 10
    dupes = sorted({e for e in entries if entries.count(e) > 1})
    assert dupes == [], dupes
    text = " ".join(page.elements["main"][0]["text"].split())
    assert "Person (Schema.org)" in text and "Person (FOAF)" in text
    assert text.index("Classes of the HONLEA vocabulary") < text.index("Classes of other vocabularies")


@pytest.mark.parametrize("which", ["bundled", "synthetic"])
def test_officers_state_reads_as_the_attendance_list_prints_it(which, built, synth_built):
    """An officer's State is named as the report printed it, as in the attendance list
    ("Yoni Dekker (Netherlands)", not "Netherlands (Kingdom of the)"), today's name a tooltip."""
    site = built if which == "bundled" else synth_built
    checked = 0
    for path in sorted(site.glob("series/*/*/index.html")):
        html = path.read_text(encoding="utf-8")
        if 'id="officers"' not in html or 'id="attendance"' not in html:
            continue
        attendance = html[html.index('id="attendance"'):]
        attendance = attendance[:attendance.index("</section>")]
        printed = dict(re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', attendance))
        officers = html[html.index('id="officers"'):]
        officers = officers[:officers.index("</table>")]
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", officers, re.S)[1:]:
            cells = re.findall(r"<td>(.*?)</td>", row, re.S)
            state = re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', cells[-1]) if cells else []
            for href, text in state:
                if href in printed:
                    checked += 1
                    assert text == printed[href], (path, text, printed[href])
        glance = html[html.index('id="at-a-glance"'):]
        glance = glance[:glance.index("</dl>")]
        for href, text in re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', glance):
            if href in printed and "/state/" in href:
                assert text == printed[href], (path, text, printed[href])
    assert checked > 0


def test_query_pages_have_a_readable_heading_and_breadcrumbs(built):
    """A query's page is headed by its question (the query's leading comment), not its file
    name, and has breadcrumbs back to the home page and the list of queries."""
    from honlea_kg.publish.querypages import question_of

    pages = sorted((built / "queries").glob("*/index.html"))
    assert pages
    for path in pages:
        name = path.parent.name
        text = (path.parent / "query.rq").read_text(encoding="utf-8")
        page = parse(path)
        h1 = " ".join(page.elements["h1"][0]["text"].split())
        question = question_of(text)
        if question:
            assert h1 and question.startswith(h1) and h1 != name, (name, h1)
        crumbs = [a["href"] for a in page.elements["a"] if a["href"] in ("../../", "../")]
        assert "../../" in crumbs and "../" in crumbs, name


def test_report_page_says_what_its_plain_text_is_in_plain_words(built):
    html = (built / REPORT).read_text(encoding="utf-8")
    dd = html[html.index("<dt>Text</dt>"):]
    text = " ".join(re.sub(r"<[^>]+>", " ", dd[:dd.index("</dd>")]).split())
    assert "selectors count in" not in text and "normalised text" not in text
    assert "the report as plain text" in text


@pytest.mark.parametrize("which", ["bundled", "synthetic"])
def test_query_results_link_paragraph_numbers_to_their_paragraphs(which, built, synth_built):
    """In a query result with a ``paragraph`` column and a meeting in the row (CQ11's paragraphs,
    CQ07's citations), each number links to that paragraph of the meeting's report, whose page
    has the anchor."""
    site = built if which == "bundled" else synth_built
    linked = 0
    for path in sorted((site / "queries").glob("*/index.html")):
        html = path.read_text(encoding="utf-8")
        heads = re.findall(r'<th scope="col">([^<]*)</th>', html)
        if "paragraph" not in heads:
            continue
        col = heads.index("paragraph")
        for row in re.findall(r"<tr>(.*?)</tr>", html.split("<tbody>", 1)[-1], re.S):
            cells = re.findall(r"<td>(.*?)</td>", row, re.S)
            if len(cells) <= col or "/series/" not in row:
                continue
            m = re.match(r'<a href="\.\./\.\./([^"#]+)#([^"]+)"[^>]*>(\d+)</a>$', cells[col])
            assert m, (path.parent.name, cells[col])
            target = (site / m.group(1) / "index.html").read_text(encoding="utf-8")
            assert f'id="{m.group(2)}"' in target and m.group(2).startswith(f"para_{m.group(3)}")
            linked += 1
    assert linked > 0
