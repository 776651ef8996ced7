"""The site's SPARQL page, ``sparql/index.html``: SPARQL in the browser, on any static host.

The page (template ``sparql.html``, script ``static/sparql.js``) runs queries with Oxigraph
compiled to WebAssembly over the published ``dataset.trig`` -- no server, no call outside the
site, so it works offline and on GitHub Pages -- or, when ``honlea-kg serve`` serves it (the
server marks the page with ``<meta name="honlea-sparql-endpoint">``), on the ``/sparql``
endpoint.  The editor is YASQE (CodeMirror with SPARQL mode).  The third-party JavaScript and
WebAssembly are committed under ``static/vendor/sparql/`` (``scripts/refresh-sparql-vendor.sh``
refreshes them from npm; ``LICENSES.md`` lists them) and copied into the build's
``vendor/sparql/``.

The bundled queries (``queries/*.rq``) are offered as examples; the first ``VALUES`` block of
string literals in a query is shown as editable parameters, and any query with a meeting
variable can be restricted to one meeting.  Above :data:`BROWSER_LIMIT` triples (``build
--browser-sparql-limit``) the page does not load the dump unless asked, and says to use
``serve`` or a store instead.
"""

from __future__ import annotations

import json
import re
import shutil
from importlib import resources
from pathlib import Path

from .. import __version__
from ..vocab import PREFIXES
from .querypages import question_of

#: Triples above which the page does not load the dump into the browser by itself: Oxigraph's
#: WebAssembly store holds about 0.4 KB a triple and parses about 200,000 triples a second, so
#: a million triples is about 400 MB and 5 s of parsing (performance.md, section 1).
BROWSER_LIMIT = 1_000_000

#: The first VALUES block: ``VALUES ?v { ... }`` or ``VALUES (?a ?b) { ( ... ) }``.
_VALUES = re.compile(r"VALUES\s+(\?\w+|\((?:\s*\?\w+)+\s*\))\s*\{([^{}]*)\}", re.IGNORECASE)
_STRING = re.compile(r'"((?:[^"\\\n]|\\.)*)"')
#: The variable holding the meeting code, where it is not ``?meeting``.
MEETING_VARS = {"q01": "code", "q08": "code", "q13": "code"}


def parameters(text: str) -> dict | None:
    """The editable parameters of a query: its first ``VALUES`` block if every value in it is a
    plain string literal (``{"start", "end", "vars", "rows"}``: character offsets of the block in
    ``text``, its variable names, and its values -- all values of a one-variable block, or the
    first row of a block of several variables), else ``None``."""
    m = _VALUES.search(text)
    if m is None:
        return None
    names = re.findall(r"\?(\w+)", m.group(1))
    body = m.group(2)
    values = [json.loads('"' + s + '"') for s in _STRING.findall(body)]
    rest = _STRING.sub("", body).replace("(", "").replace(")", "").strip()
    if rest or not values:
        return None  # IRIs, prefixed names, numbers: not a parameter a reader types
    if len(names) > 1:
        values = values[:len(names)]
        if len(values) != len(names):
            return None
    return {"start": m.start(), "end": m.end(), "vars": names, "rows": values}


def examples(queries_dir: Path) -> list[dict]:
    """The bundled queries as examples for the page: name, question, text, parameters and the
    meeting variable."""
    out = []
    for path in sorted(Path(queries_dir).glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        short = path.stem.split("-", 1)[0]
        out.append({"name": path.stem, "question": question_of(text), "text": text,
                    "values": parameters(text), "meeting_var": MEETING_VARS.get(short, "meeting")})
    return out


def editor_prefixes() -> dict[str, str]:
    """The prefixes the editor completes and declares by itself (prefix -> namespace IRI): the
    dataset's own, :data:`honlea_kg.vocab.PREFIXES` (so ``schema:`` is ``https://schema.org/``,
    as in the graph, never prefix.cc's ``http://schema.org/``)."""
    return {prefix: str(ns) for prefix, ns in PREFIXES.items()}


def copy_assets(out: Path) -> None:
    """Copy the page's script and style sheet to ``out/sparql/`` and the vendored third-party
    files to ``out/vendor/sparql/``."""
    static = resources.files("honlea_kg.publish") / "static"
    with resources.as_file(static) as folder:
        (out / "sparql").mkdir(parents=True, exist_ok=True)
        for name in ("sparql.js", "sparql.css"):
            shutil.copyfile(Path(folder) / name, out / "sparql" / name)
        vendor = out / "vendor" / "sparql"
        if vendor.exists():
            shutil.rmtree(vendor)
        shutil.copytree(Path(folder) / "vendor" / "sparql", vendor)


def write_sparql_page(out: Path, env, iris, triples: int, queries_dir: Path, limit: int = BROWSER_LIMIT) -> int:
    """Write ``out/sparql/index.html`` with its assets; returns the number of pages (1).

    :param triples: distinct triples of the build (the page compares them with ``limit``).
    :param iris: the build's :class:`~honlea_kg.iris.IriPolicy` (its base links results to pages).
    """
    copy_assets(out)
    items = examples(queries_dir)
    default = next((q["text"] for q in items if q["name"].startswith("cq01")),
                   "SELECT * WHERE { ?s ?p ?o } LIMIT 10\n")
    config = {"base": iris.base, "triples": int(triples), "limit": int(limit), "dataset": "dataset.trig",
              "examples": items, "prefixes": editor_prefixes()}
    # </script> cannot appear in the JSON: "<" is escaped as \u003c
    config_json = json.dumps(config, ensure_ascii=False).replace("<", "\\u003c")
    (out / "sparql" / "index.html").write_text(env.get_template("sparql.html").render(
        root="../", version=__version__, triples=int(triples), limit=int(limit), examples=items,
        default_query=default, config_json=config_json), encoding="utf-8")
    return 1
