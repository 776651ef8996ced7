"""Small HTML fragments written in Python for the parts of a page repeated hundreds of times
(links, values, the "all statements" tables, listings): a Jinja2 macro call costs about ten
times a Python function, and a meeting page calls them thousands of times.  Every text passes
through :func:`markupsafe.escape`; the functions return :class:`markupsafe.Markup`.  They are
registered as Jinja2 filters by :func:`register`.
"""

from __future__ import annotations

from markupsafe import Markup, escape


def _lang(v: dict) -> str:
    out = ""
    if v.get("lang"):
        out += f' lang="{escape(v["lang"])}"'
    if v.get("dir"):
        out += f' dir="{escape(v["dir"])}"'
    return out


def link(v: dict | None) -> Markup:
    """A link view ``{"href", "text", "lang", "dir", "title"?}`` as ``<a>`` (plain text, in a
    ``<span lang>`` when tagged, without ``href``); ``""`` for ``None``."""
    if not v:
        return Markup("")
    text = escape(v.get("text", ""))
    if v.get("href"):
        title = f' title="{escape(v["title"])}"' if v.get("title") else ""
        return Markup(f'<a href="{escape(v["href"])}"{_lang(v)}{title}>{text}</a>')
    attrs = _lang(v)
    return Markup(f"<span{attrs}>{text}</span>") if attrs else Markup(text)


value = link


def statements_table(rows: list[dict], caption: Markup | str) -> Markup:
    """An "all statements" table: one row per property (label with its compact name and IRI
    as tooltip), its values as a list."""
    out = ['<div class="scroll"><table class="props">\n<caption>', str(escape(caption)),
           '</caption>\n<thead><tr><th scope="col">Property</th><th scope="col">Value</th></tr></thead>\n<tbody>\n']
    for row in rows:
        p = row["predicate"]
        out.append(f'<tr><th scope="row"><a href="{escape(p["href"])}" title="{escape(p["title"])}">{escape(p["text"])}</a>')
        if p.get("labelled"):
            out.append(f' <code class="curie">{escape(p["curie"])}</code>')
        out.append("</th>\n<td>")
        vals = row["vals"]
        if len(vals) == 1:
            out.append(str(link(vals[0])))
        else:
            out.append("<ul>" + "".join(f"<li>{link(v)}</li>" for v in vals) + "</ul>")
        out.append("</td></tr>\n")
    out.append("</tbody>\n</table></div>")
    return Markup("".join(out))


def incoming_table(rows: list[dict], caption: Markup | str) -> Markup:
    """The incoming statements of an entity page: one row per property, with its count."""
    out = ['<div class="scroll"><table class="props">\n<caption>', str(escape(caption)),
           '</caption>\n<thead><tr><th scope="col">Property</th><th scope="col">From</th></tr></thead>\n<tbody>\n']
    for row in rows:
        p = row["predicate"]
        out.append(f'<tr><th scope="row"><a href="{escape(p["href"])}" title="{escape(p["title"])}">{escape(p["text"])}</a>'
                   f' ({row["count"]})</th>\n<td><ul>')
        out.append("".join(f"<li>{link(v)}</li>" for v in row["vals"]))
        out.append("</ul></td></tr>\n")
    out.append("</tbody>\n</table></div>")
    return Markup("".join(out))


def listing_rows(rows: list[list[dict]]) -> Markup:
    """The body rows of a listing (views.base.Page.listing): the first cell a row heading."""
    out = []
    for row in rows:
        cells = [f'<th scope="row">{link(row[0])}</th>'] + [f"<td>{link(c)}</td>" for c in row[1:]]
        out.append("<tr>" + "".join(cells) + "</tr>\n")
    return Markup("".join(out))


def segments(segs: list[dict]) -> Markup:
    """A text cut into segments ``{"text", "href"?, "title"?}`` (linked symbols)."""
    out = []
    for s in segs:
        if s.get("href"):
            out.append(f'<a href="{escape(s["href"])}" title="{escape(s.get("title", ""))}">{escape(s["text"])}</a>')
        else:
            out.append(str(escape(s["text"])))
    return Markup("".join(out))


def register(env) -> None:
    """Add the fragments to ``env`` as filters (``{{ v|link }}``, ``{{ rows|statements(caption) }}``,
    ``{{ class_iri|vocabulary }}``: the readable name of the class's vocabulary)."""
    from .labels import vocabulary_name

    env.filters.update({"link": link, "value": value, "statements": statements_table, "incoming": incoming_table,
                        "listing_rows": listing_rows, "segments": segments, "vocabulary": vocabulary_name})


__all__ = ["incoming_table", "link", "listing_rows", "register", "segments", "statements_table", "value"]
