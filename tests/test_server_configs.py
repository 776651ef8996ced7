"""Generated nginx / Apache configurations: syntax checked by the real servers, then a real
nginx and a real Apache httpd on 127.0.0.1 answer the same requests as ``honlea-kg serve``."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from honlea_kg.publish.server_configs import (ACCEPT_RULES, ServerConfigError, htaccess, static_negotiate,
                                              write_server_configs)
from honlea_kg.serve import ENTITY_FORMATS, make_server, negotiate, start_in_thread

from serve_fixture import make_build
from serve_hosts import (apache_conf, ensure_binary, free_port, nginx_main_conf, stop, wait_for_port)
from serve_http import CHROME, CURL, FIREFOX, RAPPER, fetch

ENTITY_TYPES = [f.media_type for f in ENTITY_FORMATS]
EXT_OF = {f.media_type: f.extension for f in ENTITY_FORMATS}

# real-world and single-type Accept headers on which the configs must agree with serve
AGREEING = [FIREFOX, CHROME, RAPPER, CURL, None, "", "text/turtle", "application/ld+json",
            "application/json", "application/n-triples", "text/plain", "text/html",
            "application/xhtml+xml", "text/turtle;q=1, text/html;q=0.5", "text/turtle, */*",
            "application/rdf+xml", "image/png", "*/*;q=0", "text/*", "application/*",
            "application/ld+json, text/turtle;q=0.8", "text/html;q=0.9, application/n-triples",
            "TEXT/TURTLE", "application/rdf+xml, application/xml; q=0.7, text/xml; q=0.6, text/plain; q=0.1",
            "text/turtle;q=0, application/ld+json"]


@pytest.mark.parametrize("accept", AGREEING)
def test_static_rules_agree_with_serve(accept):
    chosen = negotiate(accept, ENTITY_TYPES)
    assert static_negotiate(accept) == (EXT_OF[chosen] if chosen else None)


def test_documented_divergence():
    """HOSTING.md states where regex matching differs from q-value negotiation."""
    accept = "application/ld+json;q=0.9, text/turtle;q=0.5"
    assert negotiate(accept, ENTITY_TYPES) == "application/ld+json"
    assert static_negotiate(accept) == "ttl"


def test_plus_is_escaped_widoco_286():
    jsonld_rules = [r for r, ext in ACCEPT_RULES if ext == "jsonld" and "ld" in r]
    assert jsonld_rules and all(r"ld\+json" in r for r in jsonld_rules)
    text = htaccess("/")
    conds = [line for line in text.splitlines() if line.startswith("RewriteCond %{HTTP_ACCEPT}")]
    assert len(conds) == len(ACCEPT_RULES)
    assert not any(re.search(r"[^\\]\+json", c) for c in conds)
    assert any(r"application/ld\+json" in c for c in conds)
    assert all(c.endswith("[NC]") for c in conds)


def test_written_files_and_base_path(tmp_path):
    root = tmp_path / "www"
    build = root / "honlea-kg"
    make_build(build)
    written = write_server_configs(build, "/honlea-kg/")
    assert sorted(p.name for p in written) == [".htaccess", "HOSTING.md", "nginx.conf"]
    nginx = (build / "nginx.conf").read_text()
    assert f"root {root.resolve()};" in nginx
    assert "location = /honlea-kg/.well-known/void" in nginx
    assert "return 303 /honlea-kg/void.ttl;" in nginx
    assert '<https://example.org/honlea/$honlea_rel>; rel=\\"cite-as\\"' in nginx  # from build-info.json
    ht = (build / ".htaccess").read_text()
    assert "RewriteBase /honlea-kg/" in ht and "[R=303" in ht
    assert 'AddType "text/turtle; charset=utf-8" .ttl' in ht
    assert 'AddType "application/ld+json" .jsonld' in ht
    hosting = (build / "HOSTING.md").read_text()
    assert 'rel="alternate"' in hosting and "GitHub Pages" in hosting
    with pytest.raises(ServerConfigError, match="give root="):
        write_server_configs(build, "/elsewhere/")
    for bad in ("honlea", "/honlea", "/a b/", "/x;y/"):
        with pytest.raises(ServerConfigError, match="base path"):
            write_server_configs(build, bad)


# --- real servers -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def site():
    """A fixture build in a world-readable folder (Apache workers run as www-data)."""
    work = Path(tempfile.mkdtemp(prefix="honlea-hosts-", dir="/tmp"))
    work.chmod(0o755)
    build = work / "build"
    entities = make_build(build)
    (build / ".htaccess").write_text("")  # replaced below
    for path in [build, *build.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    yield work, build, entities
    shutil.rmtree(work, ignore_errors=True)


@pytest.fixture(scope="module")
def serve_port(site):
    _, build, _ = site
    server = make_server(build, "127.0.0.1", 0)
    thread = start_in_thread(server)
    yield server.server_address[1]
    server.shutdown()
    server.server_close()
    thread.join(5)


@pytest.fixture(scope="module")
def nginx_port(site):
    work, build, _ = site
    nginx = ensure_binary("nginx", "nginx")
    port = free_port()
    write_server_configs(build, "/", listen=f"127.0.0.1:{port}")
    conf = nginx_main_conf(work, build / "nginx.conf")
    check = subprocess.run([nginx, "-t", "-c", str(conf), "-p", str(work)], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    assert "syntax is ok" in check.stderr and "[warn]" not in check.stderr, check.stderr
    proc = subprocess.Popen([nginx, "-c", str(conf), "-p", str(work)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_port(port, proc, work / "error.log")
        yield port
    finally:
        stop(proc)


@pytest.fixture(scope="module")
def apache_port(site, nginx_port):
    work, build, _ = site
    apache = ensure_binary("apache2", "apache2")
    port = free_port()
    write_server_configs(build, "/", listen=f"127.0.0.1:{nginx_port}")
    (build / ".htaccess").chmod(0o644)
    check_conf = apache_conf(work, build, port, include_htaccess=build / ".htaccess")
    check = subprocess.run([apache, "-t", "-f", str(check_conf)], capture_output=True, text=True)
    assert check.returncode == 0 and "Syntax OK" in check.stderr, check.stderr
    conf = apache_conf(work, build, port)
    proc = subprocess.Popen([apache, "-f", str(conf), "-DFOREGROUND"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_port(port, proc, work / "error.log")
        yield port
    finally:
        stop(proc)


REQUESTS = [
    ("/series/honlea-europe/12", "text/turtle"),
    ("/series/honlea-europe/12", "application/ld+json"),
    ("/series/honlea-europe/12", "application/n-triples"),
    ("/series/honlea-europe/12", FIREFOX),
    ("/doc/UNODC/HONEURO/12/CRP.2", FIREFOX),
    ("/doc/UNODC/HONEURO/12/CRP.2", "text/turtle"),
    ("/doc/UNODC/HONEURO/12/L.1/Add.3", CHROME),
    ("/doc/S/PV.7834_(Resumption_1)", "application/n-triples"),
    ("/doc/S/PV.7834_%28Resumption_1%29", CHROME),
    ("/state/NLD", RAPPER),
    ("/state/NLD", "text/turtle;q=1, text/html;q=0.5"),
    ("/state/NLD", None),
    ("/state/NLD", CURL),
    ("/state/NLD", "application/rdf+xml"),
    ("/series/honlea-europe/12/report", "application/json"),
    ("/series/honlea-europe/12/", FIREFOX),
    ("/doc/UNODC/HONEURO/12/CRP.2/", None),
    ("/doc/UNODC/HONEURO/12/CRP.2/index.ttl", None),
    ("/state/NLD/index.jsonld", None),
    ("/state/NLD/index.nt", None),
    ("/", FIREFOX),
    ("/dataset.nt.gz", None),
    ("/dataset.trig", None),
    ("/sitemap.xml", None),
    ("/void.ttl", None),
    ("/series/honlea-europe/12/report/source.txt", None),
    ("/robots.txt", None),
    ("/.well-known/void", None),
    ("/series/", None),
    ("/series", FIREFOX),
    ("/nope", None),
    ("/state/NLD/index.rdf", None),
    ("/.htaccess", None),
    ("/vendor/sparql/oxigraph/web_bg.wasm", None),  # application/wasm, or browsers refuse to compile it
]


def summary(resp) -> dict:
    out = {"status": resp.status}
    loc = resp.header("Location")
    if loc:
        out["location"] = unquote(urlsplit(loc).path)
    if resp.status in (200, 404):
        out["type"] = resp.header("Content-Type")
    if resp.status in (303, 406) and resp.header("Vary"):
        out["vary"] = resp.header("Vary")
    out["cors"] = resp.header("Access-Control-Allow-Origin")
    if resp.status == 200:
        out["length"] = len(resp.body)
    return out


@pytest.mark.parametrize("path, accept", REQUESTS)
def test_nginx_behaves_like_serve(serve_port, nginx_port, path, accept):
    expected = summary(fetch(serve_port, path, accept))
    got = summary(fetch(nginx_port, path, accept))
    if expected["status"] == 404:  # CORS on error pages is not promised by either
        expected.pop("cors"), got.pop("cors")
    assert got == expected


@pytest.mark.parametrize("path, accept", REQUESTS)
def test_apache_behaves_like_serve(serve_port, apache_port, path, accept):
    expected = summary(fetch(serve_port, path, accept))
    got = summary(fetch(apache_port, path, accept))
    if expected["status"] == 404:
        expected.pop("cors"), got.pop("cors")
    assert got == expected


def test_real_servers_cite_as_on_303(site, nginx_port, apache_port):
    _, _, entities = site
    iri = entities["crp2"]
    for port in (nginx_port, apache_port):
        link = fetch(port, "/doc/UNODC/HONEURO/12/CRP.2", "text/turtle").header("Link")
        assert f'<{iri}>; rel="cite-as"' in link
        assert '</doc/UNODC/HONEURO/12/CRP.2/index.nt>; rel="alternate"; type="application/n-triples"' in link


def test_real_servers_406_body_lists_alternatives(nginx_port, apache_port):
    for port in (nginx_port, apache_port):
        r = fetch(port, "/state/NLD", "application/rdf+xml")
        assert r.status == 406
        body = r.body.decode()
        for f in ENTITY_FORMATS:
            assert f.media_type in body


def test_nginx_under_a_base_path(tmp_path):
    nginx = ensure_binary("nginx", "nginx")
    work = Path(tempfile.mkdtemp(prefix="honlea-base-", dir="/tmp"))
    try:
        build = work / "www" / "honlea-kg"
        make_build(build)
        port = free_port()
        write_server_configs(build, "/honlea-kg/", listen=f"127.0.0.1:{port}")
        conf = nginx_main_conf(work, build / "nginx.conf")
        proc = subprocess.Popen([nginx, "-c", str(conf), "-p", str(work)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait_for_port(port, proc, work / "error.log")
            r = fetch(port, "/honlea-kg/state/NLD", "text/turtle")
            assert (r.status, r.header("Location")) == (303, "/honlea-kg/state/NLD/index.ttl")
            assert '<https://example.org/honlea/state/NLD>; rel="cite-as"' in r.header("Link")
            r = fetch(port, "/honlea-kg/.well-known/void")
            assert (r.status, r.header("Location")) == (303, "/honlea-kg/void.ttl")
            r = fetch(port, "/honlea-kg/state/NLD/index.ttl")
            assert (r.status, r.header("Content-Type")) == (200, "text/turtle; charset=utf-8")
        finally:
            stop(proc)
    finally:
        shutil.rmtree(work, ignore_errors=True)


# --- CORS: one definition of data files (honlea_kg.datafiles) for serve, nginx and Apache ------

CORS_PATHS = {
    "/series/honlea-europe/12/report/source.txt": "*",  # the text the selectors point into
    "/SHA256SUMS": "*",
    "/dataset.nt.gz": "*",
    "/dataset.ttl": "*",
    "/state/NLD/index.jsonld": "*",
    "/build-info.json": "*",
    "/robots.txt": None,
    "/style.css": None,
    "/series/honlea-europe/12/": None,  # an HTML page
}


def test_data_file_rule():
    from honlea_kg.datafiles import DATA_FILE_REGEX, is_data_file
    for path, cors in CORS_PATHS.items():
        name = "index.html" if path.endswith("/") else path
        assert is_data_file(name) is (cors == "*"), path
        assert bool(re.search(DATA_FILE_REGEX, path.rsplit("/", 1)[-1] or "index.html", re.I)) is (cors == "*")
    assert is_data_file("DATASET.TTL") and not is_data_file("source.txt.html")
    assert not is_data_file("not-source.txt")


@pytest.mark.parametrize("path", sorted(CORS_PATHS))
def test_cors_on_data_files_in_all_three_servers(serve_port, nginx_port, apache_port, path):
    for name, port in (("serve", serve_port), ("nginx", nginx_port), ("apache", apache_port)):
        r = fetch(port, path)
        assert r.status == 200, (name, path, r.status)
        assert r.header("Access-Control-Allow-Origin") == CORS_PATHS[path], (name, path)
