"""A small graph for the page tests: labels in several languages and a large fan-in.

Used by ``test_page_i18n.py`` (rendered through ``PageWriter``) and ``test_browser.py`` (a
published site opened in Chromium).  It is made in code, not taken from a report, so that the
label-fallback and incoming-link rules are tested on cases the bundled report does not hold:

* ``FR_ONLY``: a State with only a French ``rdfs:label``;
* ``BILINGUAL``: a State with ``rdfs:label`` in English and French plus a French
  ``skos:prefLabel`` (the English label must win: publishing-practice.md, section 6,
  criterion 8, prefers the UI language over the label property);
* ``UNTAGGED``: an organisation with only an untagged label;
* ``ARABIC``: a State with only an Arabic label (right to left);
* ``NO_LABEL``: a place with no label at all (falls back to its local name);
* ``MEETING``: a meeting whose ``schema:attendee`` links to all of the above;
* ``inbound`` recommendations, each ``schema:mentions`` ``BILINGUAL`` (criterion 9).
"""

from __future__ import annotations

import pyoxigraph as ox

from honlea_kg.iris import DEFAULT_BASE, VOCAB

BASE = DEFAULT_BASE
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SKOS_PREF = "http://www.w3.org/2004/02/skos/core#prefLabel"
SCHEMA = "https://schema.org/"

MEETING = BASE + "series/honlea-fixture/1"
FR_ONLY = BASE + "state/CIV"
BILINGUAL = BASE + "state/BEL"
UNTAGGED = BASE + "org/fixture-drug-control-agency"
ARABIC = BASE + "state/EGY"
NO_LABEL = BASE + "place/nowhere-in-particular"
MENTIONS = SCHEMA + "mentions"
GRAPH = MEETING + "/report/graph"

#: (subject, property, text, language tag or None) of every label in the fixture.
LABELS = (
    (MEETING, SCHEMA + "name", "First Fixture Meeting of Heads of Agencies", "en"),
    (FR_ONLY, RDFS_LABEL, "République de Côte d'Ivoire", "fr"),
    (BILINGUAL, RDFS_LABEL, "Belgium", "en"),
    (BILINGUAL, RDFS_LABEL, "Belgique", "fr"),
    (BILINGUAL, SKOS_PREF, "Royaume de Belgique", "fr"),
    (UNTAGGED, RDFS_LABEL, "Fixture Drug Control Agency", None),
    (ARABIC, RDFS_LABEL, "جمهورية مصر العربية", "ar"),
)


def recommendation(k: int) -> str:
    """The IRI of the fixture's ``k``-th recommendation (k from 1)."""
    return f"{MEETING}/wg/1#recommendation-{k:03d}"


def fixture_quads(inbound: int) -> list:
    """The fixture graph as pyoxigraph quads in one named graph, with ``inbound``
    recommendations linking to ``BILINGUAL``."""
    g = ox.NamedNode(GRAPH)

    def q(s, p, o):
        return ox.Quad(ox.NamedNode(s), ox.NamedNode(p), o, g)

    quads = [
        q(MEETING, RDF_TYPE, ox.NamedNode(VOCAB + "Meeting")),
        q(MEETING, SCHEMA + "startDate", ox.Literal("2020-05-04", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date"))),
        q(FR_ONLY, RDF_TYPE, ox.NamedNode(VOCAB + "State")),
        q(BILINGUAL, RDF_TYPE, ox.NamedNode(VOCAB + "State")),
        q(ARABIC, RDF_TYPE, ox.NamedNode(VOCAB + "State")),
        q(UNTAGGED, RDF_TYPE, ox.NamedNode(SCHEMA + "Organization")),
        q(NO_LABEL, RDF_TYPE, ox.NamedNode(SCHEMA + "Place")),
    ]
    for s, p, text, lang in LABELS:
        quads.append(q(s, p, ox.Literal(text, language=lang) if lang else ox.Literal(text)))
    for target in (FR_ONLY, BILINGUAL, UNTAGGED, ARABIC, NO_LABEL):
        quads.append(q(MEETING, SCHEMA + "attendee", ox.NamedNode(target)))
    for k in range(1, inbound + 1):
        rec = recommendation(k)
        quads += [q(rec, RDF_TYPE, ox.NamedNode(VOCAB + "Recommendation")),
                  q(rec, RDFS_LABEL, ox.Literal(f"Recommendation {k} of the fixture meeting", language="en")),
                  q(rec, MENTIONS, ox.NamedNode(BILINGUAL))]
    return quads
