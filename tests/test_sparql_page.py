"""The site's ``sparql/`` page in a real browser (Debian's Chromium driven by Playwright).

The bundled build is served by a plain static file server (``http.server``; no ``honlea-kg
serve``), as on any static host: the page loads Oxigraph's WebAssembly build and
``dataset.trig`` and answers in the browser.  Checked: a shared ``?query=`` link holding CQ04
shows the four officers of the bundled report with links to their pages; a syntax error shows
the parser's message; every request stays on the site (no CDN, no prefix or vocabulary
look-ups); the ready-made questions with their parameters and the meeting restriction; the size
limit; the same page served by ``serve`` at ``/sparql`` using the endpoint; axe-core finds no
serious or critical problem.  Timings are not asserted (``benchmarks/bench_sparql_page.py``).
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest

from conftest import QUERIES, ROOT

CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / "tests" / "js" / "node_modules" / "axe-core" / "axe.min.js"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]
OFFICERS = ["Yoni Dekker", "Andrey Khrapov", "Kris Lapiere", "Eka Tsankashvili"]


class _Plain(http.server.SimpleHTTPRequestHandler):
    """A static file server as a plain host would be (application/wasm for .wasm, as GitHub Pages,
    nginx's and Apache's default media types do)."""

    extensions_map = dict(http.server.SimpleHTTPRequestHandler.extensions_map, **{".wasm": "application/wasm"})

    def log_message(self, *args):
        pass


class StaticServer:
    def __init__(self, folder: Path):
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Plain, directory=str(folder)))
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(5)


@pytest.fixture(scope="module")
def chromium(tmp_path_factory):
    if not CHROMIUM.is_file():
        pytest.fail(f"{CHROMIUM} is missing: run `bash scripts/install-browser.sh` (as root)")
    from playwright.sync_api import sync_playwright

    pw = sync_playwright().start()
    context = pw.chromium.launch_persistent_context(str(tmp_path_factory.mktemp("profile")), headless=True,
                                                    executable_path=str(CHROMIUM), args=ARGS, locale="en-GB")
    context.set_default_timeout(60_000)
    yield context
    context.close()
    pw.stop()


@pytest.fixture(scope="module")
def site(built):
    server = StaticServer(built)
    yield built, server.url
    server.stop()


class Visit:
    """One page with its requests, console errors and page errors recorded."""

    def __init__(self, context, url: str):
        self.page = context.new_page()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.goto(url)

    def close(self) -> None:
        self.page.close()


def _rows(page) -> list[list[str]]:
    return page.eval_on_selector_all("table.sparql-results tbody tr",
                                     "rows => rows.map(r => [...r.cells].map(c => c.textContent))")


def test_shared_cq04_link_shows_the_four_officers_with_links(chromium, site):
    built, url = site
    cq04 = (QUERIES / "cq04-officers.rq").read_text(encoding="utf-8")
    visit = Visit(chromium, url + "sparql/?query=" + quote(cq04))
    page = visit.page
    page.wait_for_selector("table.sparql-results")
    rows = _rows(page)
    assert sorted(r[2] for r in rows) == sorted(OFFICERS)
    assert {r[0] for r in rows} == {"HONEURO/12"}
    assert sorted(r[3] for r in rows) == ["BEL", "GEO", "NLD", "RUS"]
    links = page.eval_on_selector_all("table.sparql-results tbody tr td:nth-child(3) a",
                                      "as => as.map(a => [a.textContent, a.href])")
    assert sorted(t for t, _ in links) == sorted(OFFICERS)
    for text, href in links:  # each name links to the person's page, which exists on the site
        path = urlsplit(href).path
        assert path.startswith("/person/") and path.endswith("/")
        assert (built / path.strip("/") / "index.html").is_file()
    assert "4 rows" in page.inner_text("#status")
    assert page.get_attribute("#download-csv", "href").startswith("blob:")
    origin = url.rstrip("/")
    assert [r for r in visit.requests if not r.startswith(origin) and not r.startswith(("blob:", "data:"))] == []
    assert any(r.endswith("/vendor/sparql/oxigraph/web_bg.wasm") for r in visit.requests)
    assert visit.errors == []
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    serious = [v["id"] for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == []
    visit.close()


def test_syntax_error_shows_the_parsers_message(chromium, site):
    _, url = site
    visit = Visit(chromium, url + "sparql/?query=" + quote("SELECT ?x WHERE { ?x ?y }"))
    page = visit.page
    page.wait_for_selector("#error:not([hidden])")
    message = page.inner_text("#error")
    assert message.startswith("The query failed: ") and "error at 1:" in message, message
    assert page.query_selector("table.sparql-results") is None
    visit.close()


def test_example_parameters_and_meeting_restriction(chromium, site):
    _, url = site
    visit = Visit(chromium, url + "sparql/")
    page = visit.page
    page.wait_for_function("() => window.honleaSparql !== undefined")
    page.select_option("#example", "q09-full-text-search")
    assert page.input_value("#param-0") == "darknet, container"
    page.fill("#param-0", "drug")
    query = page.evaluate("() => window.honleaSparql.getQuery()")
    assert 'VALUES ?term { "drug" }' in query and "darknet" not in query
    page.click("#run")
    page.wait_for_selector("table.sparql-results")
    rows = _rows(page)
    assert rows and all(r[0] == "drug" and r[1] == "HONEURO/12" for r in rows)
    page.fill("#meeting", "HONEURO/11")  # a meeting the bundled report names but did not report
    page.select_option("#example", "cq02-participants")
    query = page.evaluate("() => window.honleaSparql.getQuery()")
    assert query.count('VALUES ?meeting { "HONEURO/11" }') == 2  # the outer query and the sub-select
    page.click("#run")
    page.wait_for_function("() => document.querySelector('#status').textContent.startsWith('0 rows')")
    visit.close()


def test_size_limit_points_to_serve(chromium, built, tmp_path):
    from honlea_kg.iris import IriPolicy
    from honlea_kg.publish.site import environment
    from honlea_kg.publish.sparqlpage import write_sparql_page

    copy = tmp_path / "site"
    shutil.copytree(built, copy)
    write_sparql_page(copy, environment(), IriPolicy(), 4707, ROOT / "queries", limit=1000)
    server = StaticServer(copy)
    try:
        visit = Visit(chromium, server.url + "sparql/?query=" + quote("ASK { ?s ?p ?o }"))
        page = visit.page
        assert "more than the 1,000 this page loads" in page.inner_text("#too-big")
        page.wait_for_selector("#error:not([hidden])")
        assert "honlea-kg serve" in page.inner_text("#error")
        assert not any(r.endswith("dataset.trig") for r in visit.requests)
        page.click("#load-anyway")
        page.wait_for_function("() => document.querySelector('#status').textContent.startsWith('ASK answered')")
        visit.close()
    finally:
        server.stop()


def test_served_page_queries_the_endpoint(chromium, built, tmp_path):
    from honlea_kg.serve import make_server, start_in_thread

    server = make_server(built, "127.0.0.1", 0, cache_dir=tmp_path / "cache")
    thread = start_in_thread(server)
    try:
        cq04 = (QUERIES / "cq04-officers.rq").read_text(encoding="utf-8")
        visit = Visit(chromium, server.url + "sparql?query=" + quote(cq04))
        page = visit.page
        page.wait_for_selector("table.sparql-results")
        assert sorted(r[2] for r in _rows(page)) == sorted(OFFICERS)
        assert "SPARQL endpoint of honlea-kg serve" in page.inner_text("#status")
        assert not any(r.endswith(".wasm") or r.endswith("dataset.trig") for r in visit.requests)
        assert visit.errors == []
        visit.close()
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def test_typing_a_prefixed_name_declares_the_datasets_prefix_and_asks_nobody(chromium, site):
    """Typing ``schema:attendee`` makes the editor declare ``schema:`` itself: with the dataset's
    namespace (``https://schema.org/``, from :data:`honlea_kg.vocab.PREFIXES`), never
    prefix.cc's ``http://schema.org/`` (which answers 0 rows), and no keystroke goes to the LOV
    service or any other host while typing (the page says nothing is sent anywhere)."""
    from honlea_kg.vocab import PREFIXES

    _, url = site
    visit = Visit(chromium, url + "sparql/")
    page = visit.page
    page.wait_for_function("() => window.honleaSparql !== undefined")
    page.evaluate("() => window.honleaSparql.setQuery('')")
    page.click(".CodeMirror")
    page.keyboard.type("SELECT (COUNT(*) AS ?n) WHERE { ?meeting schema:attendee ?who ; a ?c . "
                        "FILTER(?c != hl:Nothing) }", delay=20)
    page.wait_for_timeout(1500)  # time for any completer's request to be made
    query = page.evaluate("() => window.honleaSparql.getQuery()")
    assert f"PREFIX schema: <{PREFIXES['schema']}>" in query, query
    assert f"PREFIX hl: <{PREFIXES['hl']}>" in query, query  # a prefix no public list has
    assert "http://schema.org/" not in query
    origin = url.rstrip("/")
    assert [r for r in visit.requests if not r.startswith(origin) and not r.startswith(("blob:", "data:"))] == []
    page.keyboard.press("Escape")
    page.click("#run")
    page.wait_for_selector("table.sparql-results")
    assert int(_rows(page)[0][0]) > 0  # the inserted prefix is the one the data uses
    assert "Failed fetching suggestions" not in page.content()
    visit.close()
