"""The one wording of SPARQL errors, whichever engine found them.

:func:`format_sparql_error` turns what an engine said about a query -- pyoxigraph's
``SyntaxError`` (``error at 1:34: expected one of Prefix not found, ['%'], ['-' | '0' ..= '9'
...`` and 400 characters more of character classes), rdflib's ``pyparsing`` exception or its
``Unknown namespace prefix : hl``, or the error body of a remote endpoint (Virtuoso, Apache Jena
Fuseki, Oxigraph server, QLever, Blazegraph) -- into one line a person can act on:

* an undeclared prefix is named with its fix, at the user's line and column::

      SPARQL syntax error at line 3, column 12: undeclared prefix `hl:`; add
      PREFIX hl: <https://w3id.org/honlea-kg/ns#>

  (one line in reality), with the namespace of the project's prefix (:data:`KNOWN_PREFIXES`,
  the prefixes of the published graph) or, for a prefix the project does not use, the nearest
  known one (``schem:`` -> ``schema:``) and the list of known prefixes;
* a relative IRI (``<p>`` without ``BASE``) is named as such;
* anything else keeps the engine's own words, cleaned: positions become ``line L, column C``
  of the text the user wrote (1-based, counted in characters), character classes are dropped,
  lists of expected tokens are cut to a few, HTML and echoed queries and Java stack traces
  are removed, and the text near the position is quoted.

The result is one line (no newline) of at most about 300 characters, without a
``honlea-kg: error:`` prefix: the caller adds its own context (``FILE:`` or the endpoint URL).

Used by ``honlea-kg query`` (embedded pyoxigraph), ``query --endpoint`` (the endpoint's error
body) and the SPARQL endpoint of ``honlea-kg serve``.  The public shape --
``format_sparql_error(error: BaseException | str, query: str) -> str`` -- is stable.
"""

from __future__ import annotations

import difflib
import json
import re

from .sparql_text import line_col, offset_of, relative_iris, tokens, undeclared_prefixes

__all__ = ["format_sparql_error", "KNOWN_PREFIXES", "prefix_declaration"]


def _known_prefixes() -> dict[str, str]:
    from .vocab import PREFIXES

    return {prefix: str(ns) for prefix, ns in PREFIXES.items()}


#: The prefixes of the published graph (:data:`honlea_kg.vocab.PREFIXES`): prefix -> namespace IRI.
KNOWN_PREFIXES: dict[str, str] = _known_prefixes()

_MAX = 300  # characters of engine text kept in one message


def prefix_declaration(prefix: str) -> str | None:
    """``PREFIX hl: <https://w3id.org/honlea-kg/ns#>`` for a known prefix, else ``None``."""
    ns = KNOWN_PREFIXES.get(prefix)
    return f"PREFIX {prefix}: <{ns}>" if ns else None


# --- reading what the engine said ------------------------------------------------------------

def _error_text(error: BaseException | str) -> str:
    if isinstance(error, BaseException):
        return str(error) or type(error).__name__
    return error if isinstance(error, str) else str(error)


def _strip_markup(text: str) -> str:
    """An endpoint's error body as plain text: HTML tags removed, the echoed query dropped."""
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", text, flags=re.S | re.I)
    if re.search(r"<(html|body|pre|p|h1|title)\b", text, re.I):
        text = re.sub(r"<[^>]+>", "\n", text)
        text = (text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
                .replace("&#39;", "'").replace("&amp;", "&"))
    # Virtuoso echoes the query after "SPARQL query:"; Blazegraph starts with "SPARQL-QUERY: queryStr=..."
    text = re.split(r"\n\s*SPARQL query:", text, maxsplit=1)[0]
    return text


def _from_json(text: str) -> tuple[str, tuple[int, int] | None] | None:
    """QLever answers errors as JSON: ``{"exception": ..., "metadata": {"line": .., "positionInLine": ..}}``."""
    stripped = text.strip()
    if not stripped.startswith("{"):
        return None
    try:
        doc = json.loads(stripped)
    except ValueError:
        return None
    if not isinstance(doc, dict):
        return None
    message = doc.get("exception") or doc.get("message") or doc.get("error")
    if not isinstance(message, str):
        return None
    meta = doc.get("metadata")
    pos = None
    if isinstance(meta, dict) and isinstance(meta.get("line"), int) and isinstance(meta.get("positionInLine"), int):
        pos = (meta["line"], meta["positionInLine"] + 1)  # ANTLR: line 1-based, position 0-based
    return message, pos


def _java_message(text: str) -> str:
    """From a Java stack trace (Blazegraph, Fuseki), the message of the parse exception."""
    hits = re.findall(r"(?:MalformedQueryException|QueryParseException|ParseException|QueryException)"
                      r":\s*(.+)", text)
    return hits[-1] if hits else text


_POSITIONS = [
    re.compile(r"error at (\d+):(\d+)"),                                      # oxigraph, Oxigraph server
    re.compile(r"\(line:\s*(\d+),\s*col:\s*(\d+)\)"),                          # pyparsing (rdflib)
    re.compile(r"\bline (\d+),? column (\d+)", re.I),                          # Jena/Fuseki, Blazegraph
]
_VIRTUOSO = re.compile(r"SPARQL compiler, line (\d+):.*? at '([^']*)'")


def _virtuoso_position(text: str, query: str) -> tuple[int, int | None] | None:
    """Virtuoso names a line (1-based; 0 for some errors) and the token it stopped at
    (``line 3: syntax error at '}' before '}'``): find that token on that line."""
    m = _VIRTUOSO.search(text)
    if not m:
        m2 = re.search(r"SPARQL compiler, line (\d+):", text)
        return (int(m2.group(1)), None) if m2 and int(m2.group(1)) > 0 else None
    line, token = int(m.group(1)), m.group(2)
    lines = query.split("\n")
    if 1 <= line <= len(lines) and token:
        # the first whole token with that text on that line ('x' is not the x of '?x')
        for t in tokens(query):
            t_line, t_col = line_col(query, t.start)
            if t_line == line and t.text == token:
                return line, t_col
        col = lines[line - 1].find(token)
        if col >= 0:
            return line, col + 1
    return (line, None) if line > 0 else None


def _position(text: str, error: BaseException | str, query: str) -> tuple[int, int | None] | None:
    """The user's (line, column) of the error, or ``None``; column ``None`` when only the line is known."""
    loc = getattr(error, "loc", None)  # pyparsing: offset in the query
    if isinstance(loc, int) and not isinstance(error, str):
        return line_col(query, loc)
    for pattern in _POSITIONS:
        m = pattern.search(text)
        if m:
            return int(m.group(1)), int(m.group(2))
    return _virtuoso_position(text, query)


_CHAR_CLASS = re.compile(r"\[(?:'(?:\\.|[^'\\])*'|\"(?:\\.|[^\"\\])*\"|[^\]'\"])*\]")


def _shorten(items: list[str], limit: int = 6) -> str:
    return ", ".join(items[:limit]) + (", …" if len(items) > limit else "")


def _clean_detail(text: str, syntax: bool = True) -> str:
    """The engine's explanation without positions, character classes, echoed queries or long
    lists; for an error that is not about syntax (``syntax=False``) the store's own error code
    (``Virtuoso S1T00 Error SR171``) is kept, as it is what its documentation is searched by."""
    text = _java_message(text)
    # Jena (JavaCC): 'Encountered " "}" "} "" at line 1, column 25.\nWas expecting one of:\n <IRIref> ...'
    m = re.search(r'Encountered\s+"\s*(?:"(?:[^"\\]|\\.)*"|<\w+>)\s+"(.*?)\s*""\s+at line \d+, column \d+\.'
                  r'(?:\s*Was expecting(?: one of)?:\s*(.*))?', text, re.S)
    if m:
        expected = [e.strip().rstrip(".").strip() for e in (m.group(2) or "").split("\n")]
        expected = [e for e in expected if e and not e.startswith("Fuseki")]
        found = f"unexpected `{m.group(1)}`" if m.group(1) else "unexpected end of the query"
        return found + (f"; expected {'one of ' if len(expected) > 1 else ''}{_shorten(expected)}" if expected else "")
    # Jena/Fuseki: "Line 1, column 24: Unresolved prefixed name: hl:Meeting"
    m = re.search(r"\bLine \d+, column \d+:\s*([^\n]+)", text)
    if m:
        text = m.group(1)
    text = re.sub(r"^\s*(?:Error \d+:\s*)?", "", text)
    if syntax:
        text = re.sub(r"^Virtuoso \w+ Error \w+:\s*", "", text)
    text = re.sub(r"error at \d+:\d+:\s*", "", text)
    text = re.sub(r"\s*\(at char \d+\),?\s*\(line:\s*\d+,\s*col:\s*\d+\)", "", text)
    text = re.sub(r"(?:SPARQL compiler, )?\bline \d+(?:,? column \d+)?[:.,]?\s*", "", text, flags=re.I)
    text = re.sub(r"^(?:Parse error|Invalid SPARQL query|Syntax error)\s*:\s*", "", text.strip(), flags=re.I)
    text = re.split(r"\s*Fuseki - version", text)[0]
    text = " ".join(text.split())
    m = re.match(r"expected (?:one of )?(.*)$", text, re.S)
    if m:
        items = [i.strip() for i in re.split(r",\s*", _CHAR_CLASS.sub("", m.group(1))) if i.strip()]
        messages = [i for i in items if " " in i and not i.startswith('"') and i != "Prefix not found"]
        words = [i for i in items if i not in messages and i != "Prefix not found"]
        if messages:
            return "; ".join(messages)
        if not words:
            return "unexpected character"
        return f"expected {'one of ' if len(words) > 1 else ''}{_shorten(words)}"
    return text[:_MAX].rstrip() + ("…" if len(text) > _MAX else "")


def _near(query: str, line: int, col: int | None) -> str:
    """A short quote of the query around ``line``/``col``: `` near `...` `` or ``""``."""
    if col is None:
        return ""
    offset = offset_of(query, line, col)
    start = query.rfind("\n", 0, offset) + 1
    end = query.find("\n", offset)
    end = len(query) if end < 0 else end
    lo, hi = max(start, offset - 15), min(end, offset + 15)
    snippet = query[lo:hi].strip()
    if not snippet:
        return " (at the end of the query)" if offset >= len(query.rstrip()) else ""
    snippet = snippet.replace("`", "'")
    return f" near `{'…' if lo > start else ''}{snippet}{'…' if hi < end else ''}`"


def _where(line: int, col: int | None) -> str:
    return f" at line {line}, column {col}" if col is not None else f" at line {line}"


# --- the prefix and IRI advice ----------------------------------------------------------------

_PREFIX_MENTION = [
    re.compile(r"Unknown namespace prefix\s*:\s*([^\s:]*)", re.I),               # rdflib
    re.compile(r"Unresolved prefixed name:\s*([^\s:]*):", re.I),                  # Jena / Fuseki
    re.compile(r"Undefined namespace prefix at '([^':\s]*)'", re.I),             # Virtuoso 7.2
    re.compile(r"prefix:localpart notation at '([^':\s]*):", re.I),             # older Virtuoso
    re.compile(r"\bPrefix\s+['\"]?([^\s'\":]*)['\"]?\s+(?:was not registered|is not declared|not declared)", re.I),
    re.compile(r"namespace prefix\s+['\"]?([^\s'\":]*)['\"]?\s+(?:not declared|undefined)", re.I),  # Sesame/Blazegraph
]


def _mentions_prefix(text: str) -> bool:
    return bool(re.search(r"prefix|namespace", text, re.I))


def _named_prefix(text: str) -> str | None:
    for pattern in _PREFIX_MENTION:
        m = pattern.search(text)
        if m:
            return m.group(1)
    return None


def _prefix_fix(prefix: str) -> str:
    declaration = prefix_declaration(prefix)
    if declaration:
        return f"add {declaration}"
    near = difflib.get_close_matches(prefix, list(KNOWN_PREFIXES), n=1, cutoff=0.6)
    hint = f"did you mean `{near[0]}:` ({prefix_declaration(near[0])})? " if near else ""
    known = ", ".join(f"{p}:" for p in KNOWN_PREFIXES)
    return (f"{hint}declare it with PREFIX {prefix}: <namespace IRI> "
            f"(this project's prefixes: {known})")


def _prefix_message(query: str, text: str, engine_pos: tuple[int, int | None] | None) -> str | None:
    """The undeclared-prefix message, or ``None`` when the error is not about a prefix."""
    missing = undeclared_prefixes(query)
    if not missing:
        return None
    named = _named_prefix(text)
    oxigraph_prefix = "Prefix not found" in text
    if not (named is not None or oxigraph_prefix or _mentions_prefix(text)):
        return None
    chosen = None
    if named is not None:
        chosen = next((t for t in missing if t.prefix == named), None)
    if chosen is None and engine_pos is not None:
        # the prefixed name that ends at (or just before) the engine's position
        offset = offset_of(query, engine_pos[0], engine_pos[1] or 1)
        before = [t for t in missing if t.start <= offset]
        chosen = before[-1] if before else None
    if chosen is None:
        chosen = missing[0]
    line, col = line_col(query, chosen.start)
    message = (f"SPARQL syntax error at line {line}, column {col}: undeclared prefix "
               f"`{chosen.prefix}:`; {_prefix_fix(chosen.prefix)}")
    others = [t for t in missing if t is not chosen]
    if others and (oxigraph_prefix or named is None):
        also = [f"`{t.prefix}:` ({prefix_declaration(t.prefix) or 'not a prefix of this project'})" for t in others]
        message += f"; also undeclared: {', '.join(also)}"
    return message


def _relative_iri_message(query: str, text: str) -> str | None:
    rel = relative_iris(query)
    if not rel or not (re.search(r"error at \d+:\d+", text) or re.search(r"\bIRI\b|relative|base", text, re.I)):
        return None
    line, col = line_col(query, rel[0].start)
    return (f"SPARQL syntax error at line {line}, column {col}: relative IRI `{rel[0].text}` and no BASE; "
            "write the full IRI (e.g. <https://w3id.org/honlea-kg/ns#Meeting>) or declare BASE <…>")


def _is_syntax(error: BaseException | str, text: str) -> bool:
    if isinstance(error, SyntaxError) or type(error).__name__ in ("ParseException", "ParseSyntaxException"):
        return True
    return bool(re.search(r"syntax|parse|error at \d+:\d+|expected|encountered|lexical|SP0\d\d|"
                          r"unresolved|undefined|unknown namespace|invalid sparql", text, re.I))


def format_sparql_error(error: BaseException | str, query: str) -> str:
    """One line saying what is wrong with SPARQL ``query`` and, where we know it, how to fix it.

    :param error: what the engine raised (pyoxigraph ``SyntaxError``, rdflib/pyparsing
        exceptions) or said (a remote endpoint's error body: plain text, HTML, or QLever's JSON).
    :param query: the query exactly as the user wrote it; positions are reported in it, as
        1-based line and column counted in characters (pyoxigraph's own ``line:column`` are
        already that; pyparsing's character offset is converted).
    :returns: e.g. ``SPARQL syntax error at line 1, column 24: undeclared prefix `hl:`; add PREFIX
        hl: <https://w3id.org/honlea-kg/ns#>``, or ``SPARQL syntax error at line 2, column 29
        near `?m ?p }`: expected OPTIONAL``; never more than one line, never a traceback.
        Errors that are not about syntax (a timeout, a store's internal error) start ``SPARQL
        error``.  Never raises.
    """
    try:
        return _format(error, query or "")
    except Exception:  # a formatter must never hide the original error behind its own
        text = " ".join(_error_text(error).split())
        return f"SPARQL error: {text[:_MAX]}"


def _format(error: BaseException | str, query: str) -> str:
    raw = _error_text(error)
    json_error = _from_json(raw) if isinstance(error, str) else None
    if json_error is not None:
        raw, json_pos = json_error
    else:
        json_pos = None
        raw = _strip_markup(raw) if isinstance(error, str) else raw
    pos = json_pos or _position(raw, error, query)
    prefix = _prefix_message(query, raw, pos)
    if prefix:
        return prefix
    relative = _relative_iri_message(query, raw)
    if relative:
        return relative
    label = "SPARQL syntax error" if _is_syntax(error, raw) else "SPARQL error"
    detail = _clean_detail(raw, syntax=label != "SPARQL error") or "the engine gave no reason"
    if pos is None:
        return f"{label}: {detail}"
    line, col = pos
    return f"{label}{_where(line, col)}{_near(query, line, col)}: {detail}"
