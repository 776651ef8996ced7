"""Web-server configurations for hosting a build with content negotiation.

:func:`write_server_configs` writes three files into a build folder:

* ``nginx.conf``: ``map`` blocks (``$http_accept`` -> target suffix) and one ``server`` block
  to ``include`` inside nginx's ``http { }`` context;
* ``.htaccess``: Apache ``mod_rewrite`` rules (``RewriteCond %{HTTP_ACCEPT}`` ... ``[R=303]``,
  the W3C *Best Practice Recipes for Publishing RDF Vocabularies* pattern), ``AddType`` lines
  and CORS headers, for a folder with ``AllowOverride All``;
* ``HOSTING.md``: how to use them, and the GitHub Pages fallback.

Both configurations implement the behaviour of ``honlea-kg serve`` (:mod:`honlea_kg.serve`,
W3C "Cool URIs for the Semantic Web", section 4.3): an entity path ``P`` (no trailing slash)
whose ``P/index.html`` exists answers ``303 See Other`` with ``Vary: Accept`` to ``P/`` (HTML)
or ``P/index.ttl`` / ``.jsonld`` / ``.nt``; ``/.well-known/void`` answers 303 to ``void.ttl``;
unknown paths and folders without ``index.html`` answer 404; data files carry
``Access-Control-Allow-Origin: *`` (which files are data files: :mod:`honlea_kg.datafiles`,
the same rule ``serve`` applies).

**Approximation.** Neither nginx (without njs/Lua) nor ``mod_rewrite`` can compare q-values,
so the servers apply the ordered regular expressions of :data:`ACCEPT_RULES` to the whole
``Accept`` header (first match wins): HTML when ``text/html`` or ``application/xhtml+xml`` is
listed with full weight (what browsers send); else an RDF type listed with full weight; else an
RDF type listed with any weight above 0 (so rapper's long header, which lists HTML at q<=0.8
and Turtle at q=1, gets Turtle); else HTML listed with a lower weight; else ``*/*``/``text/*``
-> HTML, ``application/*`` -> JSON-LD; an empty header -> HTML; anything else -> 406.  This
agrees with :func:`honlea_kg.serve.negotiate` on browsers, curl, rapper and single-type
requests; it differs when a client gives two RDF types different weights below 1
(``application/ld+json;q=0.9, text/turtle;q=0.5`` gives Turtle here, JSON-LD in ``serve``) or
excludes HTML with ``q=0`` next to ``*/*``.  :func:`static_negotiate` runs the same rules in
Python.  Regular expressions escape ``+`` (``application/ld\\+json``): an unescaped ``+`` makes
the rule never match ``ld+json`` (the bug of dgarijo/Widoco#286).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from ..model import HonleaError
from ..datafiles import DATA_FILE_REGEX
from ..serve import CONTENT_TYPES, ENTITY_FORMATS


class ServerConfigError(HonleaError):
    """Bad arguments to :func:`write_server_configs` (base path, listen address)."""


def _full_weight(types: list[str]) -> str:
    """Regex: one of ``types`` listed with no ``q`` or ``q=1`` (no ``;q=0...`` in its element)."""
    alt = "|".join(re.escape(t) for t in types)
    return rf"(^|,)\s*({alt})\s*(?![^,]*;\s*q\s*=\s*0)(;|,|$)"


def _positive_weight(types: list[str]) -> str:
    """Regex: one of ``types`` listed with a weight above 0 (not ``q=0``, ``q=0.0``, ``q=0.000``)."""
    alt = "|".join(re.escape(t) for t in types)
    return rf"(^|,)\s*({alt})\s*(?![^,]*;\s*q\s*=\s*0(\.0*)?\s*(;|,|$))(;|,|$)"


_HTML, _TTL, _JSONLD, _NT = ENTITY_FORMATS


def _names(fmt) -> list[str]:
    return [fmt.media_type, *fmt.aliases]


#: Ordered (regex, extension) rules applied to the ``Accept`` header, first match wins;
#: extension ``html`` means "redirect to ``P/``".  See the module docstring.
ACCEPT_RULES: tuple[tuple[str, str], ...] = (
    (_full_weight(_names(_HTML)), "html"),
    (_full_weight(_names(_TTL)), "ttl"),
    (_full_weight(_names(_JSONLD)), "jsonld"),
    (_full_weight(_names(_NT)), "nt"),
    (_positive_weight(_names(_TTL)), "ttl"),
    (_positive_weight(_names(_JSONLD)), "jsonld"),
    (_positive_weight(_names(_NT)), "nt"),
    (_positive_weight(_names(_HTML)), "html"),
    (_positive_weight(["*/*", "text/*"]), "html"),
    (_positive_weight(["application/*"]), "jsonld"),
    (r"^\s*$", "html"),
)


def static_negotiate(accept_header: str | None) -> str | None:
    """The extension (``html``, ``ttl``, ``jsonld``, ``nt``) the generated nginx/Apache
    configurations choose for an ``Accept`` header, or ``None`` for 406.  A missing header is
    treated as empty (HTML).  Matching is case-insensitive, as in the configs."""
    header = accept_header or ""
    for regex, ext in ACCEPT_RULES:
        if re.search(regex, header, re.IGNORECASE):
            return ext
    return None


def _suffix(ext: str) -> str:
    return "/" if ext == "html" else f"/index.{ext}"


def _check_base_path(base_path: str) -> str:
    if not base_path.startswith("/") or not base_path.endswith("/") or re.search(r"[\s\"'\\;{}$#?%]", base_path):
        raise ServerConfigError(f"base path must start and end with '/' and hold no spaces, quotes, "
                                f"'\\', ';', '{{', '}}', '$', '#', '?' or '%': {base_path!r}")
    return base_path


def _charset_types() -> list[str]:
    # nginx always includes text/html; listing it again draws a "duplicate MIME type" warning
    return sorted({ct.split(";")[0] for ct in CONTENT_TYPES.values() if "charset=utf-8" in ct} - {"text/html"})


def _mime_table() -> dict[str, list[str]]:
    table: dict[str, list[str]] = {}
    for ext, ct in CONTENT_TYPES.items():
        table.setdefault(ct.split(";")[0], []).append(ext)
    return table


def _not_acceptable_html() -> str:
    items = "".join(f"<li>{f.media_type}: <code>P{_suffix(f.extension)}</code></li>" for f in ENTITY_FORMATS)
    return ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>406 Not Acceptable"
            "</title></head><body><h1>406 Not Acceptable</h1><p>None of the media types in your "
            f"Accept header is available. Each entity P is published as:</p><ul>{items}</ul></body></html>")


def nginx_config(base_path: str = "/", *, root: str, listen: str = "80", server_name: str = "_",
                 base_iri: str | None = None) -> str:
    """The text of ``nginx.conf`` (see :func:`write_server_configs` for the arguments)."""
    bp = _check_base_path(base_path)
    if not re.fullmatch(r"[\w.:\[\]-]+", listen) or not re.fullmatch(r"[\w.*-]+", server_name):
        raise ServerConfigError(f"bad listen address or server name: {listen!r} {server_name!r}")
    if re.search(r"[\s\"'\\;{}$]", root):
        raise ServerConfigError(f"root path holds a space, quote, ';', braces or '$': {root!r}")
    rules = "\n".join(f'    "~*{regex}" "{_suffix(ext)}";' for regex, ext in ACCEPT_RULES if ext)
    types = "\n".join(f"        {mt} {' '.join(exts)};" for mt, exts in sorted(_mime_table().items()))
    link = ""
    if base_iri:
        alternates = ", ".join(
            f'<$honlea_path{_suffix(f.extension)}>; rel=\\"alternate\\"; type=\\"{f.media_type}\\"'
            for f in ENTITY_FORMATS)
        link = (f'        add_header Link "<{base_iri}$honlea_rel>; rel=\\"cite-as\\", {alternates}" always;\n')
    return f"""# nginx configuration for a honlea-kg build (generated by honlea-kg; see HOSTING.md).
# Include it inside the http {{ }} block:  include /path/to/build/nginx.conf;
# Content negotiation (W3C "Cool URIs for the Semantic Web", section 4.3): GET {bp}P where
# P/index.html exists -> 303 See Other to P/ (HTML) or P/index.ttl|jsonld|nt, Vary: Accept.
# The Accept header is matched by ordered regular expressions (first match wins); nginx cannot
# compare q-values, so this approximates `honlea-kg serve` (see HOSTING.md).

map $http_accept $honlea_suffix {{
    default "406";
    "" "/";
{rules}
}}

# the request path as sent (still percent-encoded), without the query string
map $request_uri $honlea_path {{
    default $request_uri;
    "~^(?<honlea_p>[^?]*)" $honlea_p;
}}

# the path relative to the base path (for Link: rel="cite-as")
map $honlea_path $honlea_rel {{
    default "";
    "~^{re.escape(bp)}(?<honlea_r>.*)$" $honlea_r;
}}

server {{
    listen {listen};
    server_name {server_name};
    # the directory whose URL is "/"; the build must sit at root + "{bp}"
    root {root};
    index index.html;
    autoindex off;
    absolute_redirect off;
    server_tokens off;
    charset utf-8;
    charset_types {' '.join(_charset_types())};
    types {{
{types}
    }}
    default_type application/octet-stream;
    error_page 404 {bp}404.html;

    # entity IRIs: no trailing slash and P/index.html exists -> negotiate
    set $honlea_entity "";
    if (-f $request_filename/index.html) {{
        set $honlea_entity "E";
    }}
    if ($uri ~ "/$") {{
        set $honlea_entity "";
    }}
    set $honlea_key "$honlea_entity$honlea_suffix";
    if ($honlea_key = "E406") {{
        rewrite ^ /.honlea-kg/not-acceptable last;
    }}
    if ($honlea_key ~ "^E(?<honlea_sfx>/.*)$") {{
        set $honlea_location "$honlea_path$honlea_sfx";
        rewrite ^ /.honlea-kg/see-other last;
    }}

    location = /.honlea-kg/see-other {{
        internal;
        add_header Vary Accept always;
        add_header Access-Control-Allow-Origin "*" always;
{link}        return 303 $honlea_location;
    }}

    location = /.honlea-kg/not-acceptable {{
        internal;
        default_type text/html;
        add_header Vary Accept always;
        add_header Access-Control-Allow-Origin "*" always;
        return 406 '{_not_acceptable_html()}';
    }}

    # VoID discovery (VoID, section 7.2)
    location = {bp}.well-known/void {{
        add_header Access-Control-Allow-Origin "*" always;
        return 303 {bp}void.ttl;
    }}

    # no dot-files (.htaccess)
    location ~ /\\. {{
        return 404;
    }}

    # data files (honlea_kg.datafiles): CORS
    location ~* "{DATA_FILE_REGEX}" {{
        add_header Access-Control-Allow-Origin "*" always;
        try_files $uri =404;
    }}

    # P/ -> P/index.html; a folder without index.html is 404 (no listing)
    location ~ /$ {{
        try_files ${{uri}}index.html =404;
    }}

    location / {{
        try_files $uri =404;
    }}
}}
"""


def _apache_regex(regex: str) -> str:
    # mod_rewrite CondPatterns are PCRE; spaces would end the argument, so none may appear.
    assert " " not in regex and '"' not in regex
    return regex


def htaccess(base_path: str = "/", *, base_iri: str | None = None) -> str:
    """The text of ``.htaccess`` (see :func:`write_server_configs`)."""
    bp = _check_base_path(base_path)
    # The charset goes with the type (not AddCharset): mod_mime applies every extension of
    # "dataset.nt.gz", so AddCharset for .nt would label the archive "charset=utf-8".
    mime = "\n".join(f'AddType "{ct}" .{ext}' for ext, ct in sorted(CONTENT_TYPES.items()))
    entity = ("RewriteCond %{REQUEST_URI} !/$\n"
              "RewriteCond %{REQUEST_FILENAME} -d\n"
              "RewriteCond %{REQUEST_FILENAME}/index.html -f\n")
    rules = []
    for regex, ext in ACCEPT_RULES:
        rules.append(f"{entity}RewriteCond %{{HTTP_ACCEPT}} {_apache_regex(regex)} [NC]\n"
                     f"RewriteRule ^(.*)$ $1{_suffix(ext)} [R=303,L,E=HONLEA_NEG:1,E=HONLEA_PATH:$1]")
    link = ""
    if base_iri:
        alternates = ", ".join(
            f'<{bp}%{{HONLEA_PATH}}e{_suffix(f.extension)}>; rel=\\"alternate\\"; type=\\"{f.media_type}\\"'
            for f in ENTITY_FORMATS)
        link = (f'  Header always set Link "<{base_iri}%{{HONLEA_PATH}}e>; rel=\\"cite-as\\", {alternates}" '
                "env=HONLEA_NEG\n")
    nl = "\n\n"
    return f"""# Apache configuration for a honlea-kg build (generated by honlea-kg; see HOSTING.md).
# Needs mod_rewrite, mod_mime, mod_dir and (for CORS/Vary) mod_headers, and AllowOverride All
# (or FileInfo Indexes Options) for this folder, which is served at URL path {bp}
# Content negotiation (W3C "Cool URIs for the Semantic Web", section 4.3; the recipes of
# "Best Practice Recipes for Publishing RDF Vocabularies"): GET {bp}P where P/index.html exists
# -> 303 See Other to P/ (HTML) or P/index.ttl|jsonld|nt.  The Accept header is matched by
# ordered regular expressions (first match wins), approximating `honlea-kg serve`.
# '+' in media types is escaped (application/ld\\+json): see dgarijo/Widoco#286.

Options -Indexes -MultiViews
DirectoryIndex index.html
ErrorDocument 404 {bp}404.html
ErrorDocument 406 "{_not_acceptable_html().replace('"', "'")}"

{mime}
# dataset.nt.gz is an archive to download, not a compressed representation
RemoveEncoding .gz

<IfModule mod_headers.c>
  # data files (honlea_kg.datafiles)
  <FilesMatch "(?i){DATA_FILE_REGEX}">
    Header set Access-Control-Allow-Origin "*"
  </FilesMatch>
  Header always set Vary Accept env=HONLEA_NEG
  Header always set Access-Control-Allow-Origin "*" env=HONLEA_NEG
  Header always set Access-Control-Allow-Origin "*" env=HONLEA_CORS
{link}</IfModule>

RewriteEngine On
RewriteBase {bp}

# VoID discovery (VoID, section 7.2)
RewriteRule ^\\.well-known/void$ void.ttl [R=303,L,E=HONLEA_CORS:1]

# no dot-files
RewriteRule (^|/)\\. - [R=404,L]

# a folder without index.html is 404 (no listing)
RewriteCond %{{REQUEST_FILENAME}} -d
RewriteCond %{{REQUEST_FILENAME}}/index.html !-f
RewriteRule ^ - [R=404,L]

# entity IRIs: 303 to the negotiated document, first matching rule wins
{nl.join(rules)}

# entity IRI, nothing acceptable
{entity}RewriteRule ^(.*)$ - [R=406,L,E=HONLEA_NEG:1,E=HONLEA_PATH:$1]
"""


def hosting_md(base_path: str = "/") -> str:
    """The text of ``HOSTING.md``."""
    bp = _check_base_path(base_path)
    rows = "\n".join(f"| `{regex}` | `{_suffix(ext)}` |" for regex, ext in ACCEPT_RULES)
    return f"""# Hosting this build

This folder is a complete, static linked-data site.  Entity IRIs have no trailing slash
(`{bp}series/honlea-europe/12`); the entity's files are `P/index.html`, `P/index.ttl`,
`P/index.jsonld` and `P/index.nt`.  Text units (`.../report#para_36`) are fragments of their
report's page.

## Locally

    honlea-kg serve --data THIS_FOLDER --port 8000

answers `GET /P` with `303 See Other` (W3C *Cool URIs for the Semantic Web*, section 4.3) to
`/P/` for browsers and to `/P/index.ttl`, `/P/index.jsonld` or `/P/index.nt` for RDF clients,
negotiating on q-values (RFC 9110 section 12.5.1); `406` when nothing offered is acceptable.

## nginx

`nginx.conf` holds `map` blocks and a `server` block: include it inside `http {{ }}`
(`include /srv/honlea/nginx.conf;`), set `root` (the directory whose URL is `/`; the build must
be at root + `{bp}`), `listen` and `server_name`, then `nginx -t && nginx -s reload`.

## Apache httpd

Copy the folder with its `.htaccess`; enable `mod_rewrite` and `mod_headers`
(`a2enmod rewrite headers`) and allow overrides: `AllowOverride All` for the folder.

## How the web servers choose

nginx (without njs) and `mod_rewrite` cannot compare q-values, so both apply these regular
expressions to the `Accept` header, case-insensitively, in order; the first match gives the
target (`/` = the HTML page at `P/`); no match gives `406`:

| Accept header matches | 303 to P + |
|---|---|
{rows}

This agrees with `honlea-kg serve` for browsers, curl (`*/*`), rapper, rdflib and any request
naming one type.  It differs when a client weighs two RDF types both below 1 (first listed RDF
type in the order Turtle, JSON-LD, N-Triples wins) or excludes HTML with `q=0` beside `*/*`.

## GitHub Pages and other plain static hosts (fallback)

Static hosts cannot negotiate or answer 303.  What still works:

* `GET {bp}P` on a folder `P/` with `index.html` is redirected by the host to `{bp}P/` and the
  HTML page is shown, so every entity IRI resolves for people;
* every page names its RDF documents in `<head>`:
  `<link rel="alternate" type="text/turtle" href="index.ttl">` (and `application/ld+json`,
  `application/n-triples`) and embeds its triples as `<script type="application/ld+json">`,
  so RDF clients that follow `rel="alternate"` or read JSON-LD in HTML find the data;
* the dumps (`dataset.ttl`, `dataset.nt.gz`, ...) and `void.ttl` are plain files
  (GitHub Pages does not serve `/.well-known/void` as a redirect: link `void.ttl` instead).

For full conneg behind a persistent identifier (w3id.org), put the 303 rules in the w3id
`.htaccess` and point them at the static files: `P` -> `P/index.ttl` etc.
"""


def write_server_configs(out_dir: Path | str, base_path: str = "/", *, root: str | None = None,
                         listen: str = "80", server_name: str = "_",
                         base_iri: str | None = None) -> list[Path]:
    """Write ``nginx.conf``, ``.htaccess`` and ``HOSTING.md`` into build folder ``out_dir``.

    :param base_path: URL path at which the build is served (``"/"`` or ``"/honlea-kg/"``).
    :param root: nginx ``root`` (the directory whose URL is ``/``); default: ``out_dir`` itself
        when ``base_path`` is ``"/"``, else its parent folders matching ``base_path``.
    :param listen: nginx ``listen`` value (``"80"``, ``"127.0.0.1:8080"``).
    :param server_name: nginx ``server_name``.
    :param base_iri: IRI prefix for ``Link: <IRI>; rel="cite-as"`` on 303 responses; default:
        ``"base_iri"`` of ``out_dir/build-info.json`` when present, else no Link header.
    :returns: the three paths written.
    :raises ServerConfigError: bad ``base_path``/``listen``/``server_name``/``root``, or a
        ``base_path`` that ``out_dir`` does not end with when ``root`` is not given.
    """
    out = Path(out_dir)
    bp = _check_base_path(base_path)
    if root is None:
        resolved = out.resolve()
        parts = [p for p in bp.strip("/").split("/") if p]
        if parts and list(resolved.parts[-len(parts):]) != parts:
            raise ServerConfigError(f"give root= : the folder does not end with base path {bp}", path=out)
        root = str(resolved.parents[len(parts) - 1]) if parts else str(resolved)
    if base_iri is None:
        try:
            info = json.loads((out / "build-info.json").read_text(encoding="utf-8"))
            base_iri = info.get("base_iri") if isinstance(info, dict) else None
        except (OSError, ValueError):
            base_iri = None
    if base_iri is not None and re.search(r"[\s\"'\\<>{}$]", base_iri):
        raise ServerConfigError(f"base IRI holds characters not allowed in a Link header: {base_iri!r}")
    out.mkdir(parents=True, exist_ok=True)
    files = {
        "nginx.conf": nginx_config(bp, root=root, listen=listen, server_name=server_name, base_iri=base_iri),
        ".htaccess": htaccess(bp, base_iri=base_iri),
        "HOSTING.md": hosting_md(bp),
    }
    written = []
    for name, text in files.items():
        path = out / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
