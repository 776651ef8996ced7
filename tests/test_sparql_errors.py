"""The one SPARQL error formatter (honlea_kg.sparql_errors) and the token reader under it
(honlea_kg.sparql_text), on what real engines say: pyoxigraph and rdflib raised here, Virtuoso
7.2.5's and Apache Jena 4.5's messages as recorded from those programs, QLever's JSON shape."""

from __future__ import annotations

import subprocess
import sys

import pyoxigraph as ox
import pytest
import rdflib
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib.plugins.sparql.parser import parseQuery

from honlea_kg.sparql_errors import KNOWN_PREFIXES, format_sparql_error
from honlea_kg.sparql_text import line_col, query_form, relative_iris, tokens, undeclared_prefixes

HL_FIX = "add PREFIX hl: <https://w3id.org/honlea-kg/ns#>"


def oxigraph_error(query: str) -> SyntaxError:
    with pytest.raises(SyntaxError) as info:
        ox.Store().query(query)
    return info.value


def rdflib_error(query: str) -> Exception:
    with pytest.raises(Exception) as info:
        rdflib.Graph().query(query)
    return info.value


# --- undeclared prefixes ---------------------------------------------------------------------

def test_undeclared_prefix_named_with_its_fix_not_character_classes():
    q = "SELECT ?m WHERE { ?m a hl:Meeting }"
    raw = str(oxigraph_error(q))
    assert len(raw) > 300 and "\\u{00C0}" in raw  # what the user saw before
    message = format_sparql_error(oxigraph_error(q), q)
    assert message == f"SPARQL syntax error at line 1, column 24: undeclared prefix `hl:`; {HL_FIX}"


def test_prefix_position_is_the_users_line_and_column():
    q = "# cq: meetings\nPREFIX schema: <https://schema.org/>\nSELECT ?m ?n\nWHERE {\n\t?m a hl:Meeting ;\n      schema:name ?n }"
    message = format_sparql_error(oxigraph_error(q), q)
    assert message.startswith("SPARQL syntax error at line 5, column 7: undeclared prefix `hl:`;")
    assert q.splitlines()[4][6:9] == "hl:"  # a tab counts as one column


def test_same_words_from_rdflib():
    q = "SELECT ?m WHERE {\n  ?m a hl:Meeting }"
    err = rdflib_error(q)
    assert "Unknown namespace prefix" in str(err)
    assert format_sparql_error(err, q) == f"SPARQL syntax error at line 2, column 8: undeclared prefix `hl:`; {HL_FIX}"


def test_every_undeclared_prefix_listed_when_the_engine_does_not_name_one():
    q = "SELECT ?m WHERE { ?m a hl:Meeting ; schema:name ?n ; dct:date ?d }"
    message = format_sparql_error(oxigraph_error(q), q)
    assert "undeclared prefix `hl:`" in message
    assert "also undeclared: `schema:` (PREFIX schema: <https://schema.org/>), `dct:` (PREFIX dct: <http://purl.org/dc/terms/>)" in message


def test_unknown_prefix_gets_nearest_known_prefix_and_the_list():
    q = "PREFIX hl: <https://w3id.org/honlea-kg/ns#>\nSELECT ?m WHERE { ?m a hl:Meeting ; schem:name ?n }"
    message = format_sparql_error(oxigraph_error(q), q)
    assert message.startswith("SPARQL syntax error at line 2, column 37: undeclared prefix `schem:`; "
                              "did you mean `schema:` (PREFIX schema: <https://schema.org/>)?")
    assert "this project's prefixes: hl:, schema:," in message


def test_known_prefixes_are_the_graphs_prefixes():
    assert KNOWN_PREFIXES["hl"] == "https://w3id.org/honlea-kg/ns#"
    assert KNOWN_PREFIXES["schema"] == "https://schema.org/"


def test_prefix_inside_strings_iris_and_comments_is_not_a_prefix():
    q = ('PREFIX ex: <http://example.org/>\n# hl:Meeting in a comment\n'
         'SELECT ?x WHERE { ?x ex:p "schema:name", """long "hl:x" string""" ; ex:q <urn:hl:y> ; ex:r _:b }')
    assert undeclared_prefixes(q) == []


# --- other syntax errors ---------------------------------------------------------------------

@pytest.mark.parametrize("query, where, detail", [
    ("SELECT ?m WHERE {\n  ?m a <http://x/y> .\n  FILTER(?m = \n}", "at line 4, column 2 near `}`",
     "expected one of COALESCE, CONTAINS, DATATYPE, STRAFTER, TIMEZONE, isTriple, …"),
    ("SELECT * WHERE { ?s ?p ?o } LIMIT x", "at line 1, column 35 near `…?p ?o } LIMIT x`",
     "expected one of HAVING, OFFSET, OPTIONAL, VALUES"),
    ("SELECT (COUNT(*) AS ?n) ?m WHERE { ?m ?p ?o }", "at line 1, column 46",
     "The SELECT contains a variable that is unbound"),
])
def test_oxigraph_errors_cleaned(query, where, detail):
    message = format_sparql_error(oxigraph_error(query), query)
    assert message.startswith(f"SPARQL syntax error {where}")
    assert message.endswith(f": {detail}")
    assert "['" not in message and "\\u{" not in message and "\n" not in message


def test_relative_iri_named():
    q = "SELECT ?x WHERE {\n ?x a <Meeting> }"
    message = format_sparql_error(oxigraph_error(q), q)
    assert message.startswith("SPARQL syntax error at line 2, column 7: relative IRI `<Meeting>` and no BASE;")


def test_pyparsing_offset_becomes_line_and_column():
    q = "SELECT ?m WHERE {\n  ?m a <http://x/y> .\n  FILTER(?m = \n}"
    with pytest.raises(Exception) as info:
        parseQuery(q)
    message = format_sparql_error(info.value, q)
    assert message.startswith("SPARQL syntax error at line 3, column 3 near `FILTER(?m =`:")
    assert "(at char" not in message


# --- endpoints' error bodies -----------------------------------------------------------------

VIRTUOSO_PREFIX = ("Virtuoso 37000 Error SP030: SPARQL compiler, line 3: Undefined namespace prefix at 'hl' "
                   "before '}'\n\nSPARQL query:\ndefine sql:big-data-const 0 SELECT ?m\nWHERE {\n   ?m a hl:Meeting }")
VIRTUOSO_SYNTAX = ("Virtuoso 37000 Error SP030: SPARQL compiler, line 1: syntax error at 'x' before '}'\n\n"
                   "SPARQL query:\ndefine sql:big-data-const 0 SELECT ?x WHERE { ?x ?y \"a\" } LIMIT x")
JENA_PREFIX = "Line 3, column 9: Unresolved prefixed name: hl:Meeting"  # Jena 4.5 arq.qparse
FUSEKI_PREFIX = ("Error 400: Parse error: SELECT ?m\nWHERE {\n   ?m a hl:Meeting }\n" + JENA_PREFIX +
                 "\n\n\nFuseki - version 3.8.0 (Build date: 2018-06-25T11:00:34+0000)")
JENA_SYNTAX = ('Encountered " "}" "} "" at line 1, column 25.\nWas expecting one of:\n    <IRIref> ...\n'
               '    <PNAME_NS> ...\n    <PNAME_LN> ...\n')
QLEVER_PREFIX = ('{"exception": "Invalid SPARQL query: Prefix hl was not registered using a PREFIX declaration",'
                 ' "metadata": {"line": 3, "positionInLine": 8, "startIndex": 27, "stopIndex": 36},'
                 ' "query": "SELECT ?m\\nWHERE {\\n   ?m a hl:Meeting }", "status": "ERROR"}')


@pytest.mark.parametrize("body", [VIRTUOSO_PREFIX, JENA_PREFIX, FUSEKI_PREFIX, QLEVER_PREFIX],
                         ids=["virtuoso", "jena", "fuseki", "qlever"])
def test_endpoint_prefix_errors_in_one_wording(body):
    q = "SELECT ?m\nWHERE {\n   ?m a hl:Meeting }"
    assert format_sparql_error(body, q) == f"SPARQL syntax error at line 3, column 9: undeclared prefix `hl:`; {HL_FIX}"


def test_endpoint_prefix_error_names_the_prefix_the_endpoint_named():
    # wd: is predefined at Wikidata-like endpoints; the store complains about hl: only
    q = "SELECT ?m WHERE { ?m wdt:P31 wd:Q5 ; a hl:Meeting }"
    body = "Virtuoso 37000 Error SP030: SPARQL compiler, line 1: Undefined namespace prefix at 'hl' before '}'"
    assert format_sparql_error(body, q) == f"SPARQL syntax error at line 1, column 40: undeclared prefix `hl:`; {HL_FIX}"


def test_virtuoso_syntax_error_located_on_the_users_line():
    q = 'SELECT ?x WHERE { ?x ?y "a" } LIMIT x'
    assert format_sparql_error(VIRTUOSO_SYNTAX, q) == (
        "SPARQL syntax error at line 1, column 37 near `…?y \"a\" } LIMIT x`: syntax error at 'x' before '}'")


def test_jena_javacc_error_short():
    q = "SELECT ?x WHERE { ?x ?y }"
    assert format_sparql_error(JENA_SYNTAX, q) == (
        "SPARQL syntax error at line 1, column 25 near `…WHERE { ?x ?y }`: unexpected `}`; "
        "expected one of <IRIref>, <PNAME_NS>, <PNAME_LN>")


def test_html_body_and_java_trace():
    q = "SELECT ?x WHERE { ?x ?y }"
    body = ("<html><body><h1>Bad Request</h1><pre>SPARQL-QUERY: queryStr=SELECT ?x WHERE { ?x ?y }\n"
            "java.util.concurrent.ExecutionException: org.openrdf.query.MalformedQueryException: "
            "Encountered &quot; &quot;}&quot; &quot;} &quot;&quot; at line 1, column 25.\n"
            "Was expecting one of:\n    &lt;IRIref&gt; ...\n\tat com.bigdata.rdf.sail.webapp.BigdataRDFContext"
            "</pre></body></html>")
    message = format_sparql_error(body, q)
    assert message.startswith("SPARQL syntax error at line 1, column 25")
    assert "unexpected `}`" in message and "<html>" not in message and "\n" not in message


def test_not_a_syntax_error_keeps_the_engines_words():
    q = "SELECT * { ?s ?p ?o }"
    message = format_sparql_error("Virtuoso S1T00 Error SR171: Transaction timed out", q)
    assert message == "SPARQL error: Virtuoso S1T00 Error SR171: Transaction timed out"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300), st.text(max_size=200))
def test_never_raises_and_one_line(body, query):
    message = format_sparql_error(body, query)
    assert isinstance(message, str) and "\n" not in message and len(message) < 700
    message = format_sparql_error(ValueError(body), query)
    assert "\n" not in message


# --- the token reader -----------------------------------------------------------------------

@pytest.mark.parametrize("text, form", [
    ("SELECT * {}", "SELECT"),
    ("# DESCRIBE in a comment\nPREFIX ask: <http://x/>\nBASE <http://y/>\nconstruct { ?s ?p ?o } WHERE { ?s ?p ?o }", "CONSTRUCT"),
    ('PREFIX ex: <http://example.org/describe#>\nASK { ?s ex:select "SELECT" }', "ASK"),
    ("DESCRIBE <http://x>", "DESCRIBE"),
    ("SELEC * {}", None),
    ("INSERT DATA { <a:b> <a:c> 1 }", None),
    ("", None),
])
def test_query_form_without_a_parse(text, form):
    assert query_form(text) == form


def test_service_in_service_form():
    q = ("PREFIX wd: <http://www.wikidata.org/entity/>\nSELECT ?x WHERE { SERVICE <http://a/sparql> "
         "{ SERVICE <http://b/sparql> { ?x ?p wd:Q5 } } }")
    assert query_form(q) == "SELECT"


def test_tokens_and_positions():
    q = "SELECT ?é WHERE {\n ?é <http://x> 'a' }"
    assert [(t.kind, t.text) for t in tokens(q)][:3] == [("word", "SELECT"), ("var", "?é"), ("word", "WHERE")]
    iri = next(t for t in tokens(q) if t.kind == "iri")
    assert line_col(q, iri.start) == (2, 5)
    assert [t.text for t in relative_iris("SELECT * { ?s <p> <http://x> }")] == ["<p>"]
    assert relative_iris("BASE <http://x/> SELECT * { ?s <p> ?o }") == []


def test_cli_prints_the_formatted_line(tmp_path):
    """`honlea-kg query -e` on a built dataset: exit 2, one line with the fix."""
    (tmp_path / "dataset.trig").write_text("<http://x/a> <http://x/p> 1 .\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "honlea_kg.cli", "query", "--data", str(tmp_path),
                           "-e", "SELECT ?m WHERE { ?m a hl:Meeting }"], capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stderr == ("honlea-kg: error: SPARQL syntax error at line 1, column 24: undeclared prefix `hl:`; "
                           f"{HL_FIX}\n")
