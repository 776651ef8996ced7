"""What can be learnt from SPARQL text without parsing it: tokens, the query form, prefixes.

A query sent to a remote endpoint is judged by that endpoint (``query --endpoint`` sends what the
user wrote), and an error message should name what the user typed; both need only the *tokens*
of the query, not a parse tree.  :func:`tokens` splits SPARQL text into the terminals of the
SPARQL 1.1 grammar (W3C REC 2013, section 19.8) that can hide other words -- comments, the four
kinds of string literal, ``IRIREF``, variables, blank-node labels, language tags and prefixed
names (``PNAME_NS``/``PNAME_LN``) -- plus keywords and single characters.  It never fails:
text that is not SPARQL still splits into tokens.

Why not a library lexer: Pygments' ``SparqlLexer`` (2.21) treats everything after the first
``\"\"\"`` string holding a quote as part of that string, hiding the rest of the query, and
rdflib's parser is a full parse (it refuses queries it cannot parse, such as a ``SERVICE``
inside a ``SERVICE``).  The terminals below are the grammar's own, with ``\\w`` standing for
its ``PN_CHARS`` ranges.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Query forms (SPARQL 1.1, section 16).
QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")

_PN_EXTRA = "\u00B7\u0300-\u036F\u203F\u2040"  # PN_CHARS beyond \w and '-'
_PN_CHARS = rf"[\w\-{_PN_EXTRA}]"
_PLX = r"(?:%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%])"
_LOCAL_CHAR = rf"(?:[\w\-:{_PN_EXTRA}]|{_PLX})"

_LEXER = re.compile("|".join([
    r"(?P<ws>\s+)",
    r"(?P<comment>#[^\n\r]*)",
    r'(?P<string>"""(?:[^"\\]|\\.|"(?!""))*(?:"""|$)'     # STRING_LITERAL_LONG2 (unclosed: to the end)
    r"|'''(?:[^'\\]|\\.|'(?!''))*(?:'''|$)"                # STRING_LITERAL_LONG1
    r'|"(?:[^"\\\n\r]|\\.)*"?'                             # STRING_LITERAL2 (unclosed: to the line end)
    r"|'(?:[^'\\\n\r]|\\.)*'?)",                           # STRING_LITERAL1
    r'(?P<iri><[^<>"{}|^`\\\x00-\x20]*>)',                 # IRIREF
    rf"(?P<var>[?$]{_PN_CHARS}+)",                         # VAR1, VAR2
    rf"(?P<bnode>_:{_PN_CHARS}(?:[\w.\-{_PN_EXTRA}]*{_PN_CHARS})?)",  # BLANK_NODE_LABEL
    r"(?P<langtag>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)",          # LANGTAG
    # PNAME_LN / PNAME_NS: PN_PREFIX? ':' PN_LOCAL?  (no '.' at the end of either part)
    rf"(?P<pname>(?P<prefix>(?:[^\W\d_](?:[\w.\-{_PN_EXTRA}]*{_PN_CHARS})?)?):"
    rf"(?:{_LOCAL_CHAR}(?:(?:{_LOCAL_CHAR}|\.)*{_LOCAL_CHAR})?)?)",
    r"(?P<word>[A-Za-z][A-Za-z0-9_]*)",                    # keywords, function names, 'a'
    r"(?P<number>[0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?)",
    r"(?P<other>.)",
]), re.DOTALL)


@dataclass(frozen=True)
class Token:
    """One token of SPARQL text: ``kind`` (``comment``, ``string``, ``iri``, ``var``, ``bnode``,
    ``langtag``, ``pname``, ``word``, ``number``, ``other``), its ``text`` and its ``start``
    offset in code points (0-based) in the text given to :func:`tokens`."""

    kind: str
    text: str
    start: int

    @property
    def prefix(self) -> str | None:
        """For a prefixed name (``hl:Meeting``, ``:x``, ``hl:``), its prefix without the colon."""
        return self.text.split(":", 1)[0] if self.kind == "pname" else None


def tokens(text: str) -> list[Token]:
    """The tokens of SPARQL ``text`` without white space (see the module docstring).  Never raises."""
    out = []
    for m in _LEXER.finditer(text):
        kind = m.lastgroup  # the outermost group of the alternative that matched
        if kind != "ws":
            out.append(Token(kind, m.group(0), m.start()))
    return out


def _code(toks: list[Token]) -> list[Token]:
    return [t for t in toks if t.kind != "comment"]


def query_form(text: str) -> str | None:
    """The form of SPARQL query ``text`` (``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE``), read
    from its first keyword after the prologue (``BASE``/``PREFIX`` declarations, SPARQL 1.1
    section 4.1.1) -- never from words in comments, strings or IRIs.  ``None`` when the text does
    not start like a query (an update, a typo such as ``SELEC``, empty text): the caller decides
    (an endpoint can still be asked and will judge the syntax)."""
    toks = _code(tokens(text))
    i = 0
    while i < len(toks):
        t = toks[i]
        word = t.text.upper() if t.kind == "word" else None
        if word == "PREFIX":
            i += 3  # PREFIX pname: <iri>
            continue
        if word == "BASE":
            i += 2
            continue
        return word if word in QUERY_FORMS else None
    return None


@dataclass(frozen=True)
class Declarations:
    """The prologue of a query: ``prefixes`` declared (prefix -> namespace IRI, without the
    brackets) and whether a ``BASE`` is declared."""

    prefixes: dict[str, str]
    base: bool


def declarations(text: str) -> Declarations:
    """The ``PREFIX`` and ``BASE`` declarations of SPARQL ``text`` (wherever they appear)."""
    toks = _code(tokens(text))
    prefixes: dict[str, str] = {}
    base = False
    for i, t in enumerate(toks):
        if t.kind != "word":
            continue
        word = t.text.upper()
        if word == "PREFIX" and i + 2 < len(toks) and toks[i + 1].kind == "pname" and toks[i + 2].kind == "iri":
            prefixes[toks[i + 1].prefix] = toks[i + 2].text[1:-1]
        elif word == "BASE" and i + 1 < len(toks) and toks[i + 1].kind == "iri":
            base = True
    return Declarations(prefixes, base)


def _declaration_tokens(toks: list[Token]) -> set[int]:
    """Indices of the tokens that belong to PREFIX/BASE declarations."""
    skip: set[int] = set()
    for i, t in enumerate(toks):
        if t.kind == "word" and t.text.upper() == "PREFIX":
            skip.update((i + 1, i + 2))
        elif t.kind == "word" and t.text.upper() == "BASE":
            skip.add(i + 1)
    return skip


def undeclared_prefixes(text: str) -> list[Token]:
    """The first use of each prefix that SPARQL ``text`` uses in a prefixed name without declaring
    it (``hl:Meeting`` with no ``PREFIX hl:``), in order of appearance.  SPARQL 1.1 section 4.1.1:
    a prefixed name's prefix must be declared in the prologue (some stores predefine a few)."""
    toks = _code(tokens(text))
    declared = set(declarations(text).prefixes)
    skip = _declaration_tokens(toks)
    seen: dict[str, Token] = {}
    for i, t in enumerate(toks):
        if t.kind == "pname" and i not in skip and t.prefix not in declared and t.prefix not in seen:
            seen[t.prefix] = t
    return list(seen.values())


_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")


def relative_iris(text: str) -> list[Token]:
    """The IRIs of SPARQL ``text`` written relative (``<p>``, no scheme) when no ``BASE`` is
    declared; engines without a base IRI refuse them."""
    toks = _code(tokens(text))
    if declarations(text).base:
        return []
    return [t for t in toks if t.kind == "iri" and not _SCHEME.match(t.text[1:-1])]


def line_col(text: str, offset: int) -> tuple[int, int]:
    """The 1-based line and column (in code points) of 0-based code-point ``offset`` in ``text``.

    Lines end at ``\\n`` (``\\r\\n`` counts once); an offset past the end is clamped to the end."""
    offset = max(0, min(offset, len(text)))
    line = text.count("\n", 0, offset) + 1
    start = text.rfind("\n", 0, offset) + 1
    return line, offset - start + 1


def offset_of(text: str, line: int, column: int) -> int:
    """The 0-based code-point offset of 1-based ``line`` and ``column`` in ``text`` (clamped)."""
    start = 0
    for _ in range(max(0, line - 1)):
        nl = text.find("\n", start)
        if nl < 0:
            return len(text)
        start = nl + 1
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    return min(start + max(0, column - 1), end)
