"""The one IRI policy: minting entity IRIs and mapping them to published files and hrefs.

Decisions (documented in the README, "Identifiers"):

* The default base IRI is :data:`DEFAULT_BASE` (``https://w3id.org/honlea-kg/``); ``--base-iri``
  changes it.  A base must be an absolute ``http(s)`` IRI ending in ``/``.
* Our vocabulary lives at the fixed namespace :data:`VOCAB` (``https://w3id.org/honlea-kg/ns#``),
  whatever the data base is, so that queries and shapes do not depend on where data is hosted.
* Entity IRIs do **not** end in a slash (``.../series/honlea-europe/12``).  An entity at path
  ``P`` (relative to the base) is published as the files ``P/index.html``, ``P/index.ttl``,
  ``P/index.jsonld`` and ``P/index.nt``; directory-style files let a document and its addenda
  coexist (``.../L.1/index.html`` next to ``.../L.1/Add.1/index.html``).  ``honlea-kg serve``
  answers ``GET P`` with ``303 See Other`` to the negotiated file (W3C "Cool URIs for the
  Semantic Web", section 4.3); a plain static host redirects ``P`` to ``P/``.
* A meeting is ``series/{series-slug}/{ordinal}``; an extraordinary session, which its body did
  not number (the virtual sessions of 2020 and 2021, genre-variations.md S22), is
  ``series/{series-slug}/es-{year}`` (``es-{year}-{n}`` for the second or later of one year),
  so it never collides with an ordinal and is the same in every report that cites it.
* Text units inside one report (paragraphs, sub-paragraphs) are fragment IRIs of the report
  (``.../12/report#para_36``, ``#para_2__point_a``: Akoma Ntoso eId style) and live on the
  report's page.
* Small per-meeting nodes are fragment IRIs ("hash IRIs", W3C "Cool URIs for the Semantic
  Web", section 4.2) of the document a reader sees them in: participations, officer mandates,
  person mentions, country reports, questionnaire replies, statements and document sets of the
  meeting's (``.../12#participant-BEL``, ``#officer-chair``); agenda items of their agenda's
  (``.../12/agenda#item-6a``); considerations of their sitting's (``.../sitting/7#item-8``);
  findings, recommendations and the group's meeting of the working group's
  (``.../wg/4#conclusion-c``, ``#recommendation-f``, ``#meeting``).  A report then publishes
  about 15 documents instead of about 190, which is what lets a corpus of 1,000 reports build
  in minutes (issue 8); the cited, shared entities (States, documents, resolutions, persons,
  meetings, sittings, working groups) keep documents of their own.
* UN document symbols keep their case and their ``/`` as path separators; a space becomes
  ``_`` and any character outside RFC 3987 ``iunreserved`` / ``sub-delims`` / ``:@`` is
  percent-encoded (RFC 3986 section 2.1), so ``S/PV.7834 (Resumption 1)`` gives
  ``doc/S/PV.7834_(Resumption_1)``.  Every IRI is NFC and free of spaces and control characters.
* The same input always gives the same IRI: IRIs depend only on the fact's key, never on order.
* Controlled values (roles, agenda statuses, document kinds ...) are SKOS concepts under the data
  base: scheme ``{base}scheme/{scheme}``, concept ``{base}{scheme}/{slug}`` (``.../role/chair``);
  the table of values is :mod:`honlea_kg.schemes`, published as the named graph
  ``{base}graph/schemes``.
* A report's normalised text (what Web Annotation selectors count in) is published as the file
  ``{report}/source.txt`` (exactly that path, not a directory), with its SHA-256 in the graph.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
import unicodedata
from urllib.parse import quote, unquote

DEFAULT_BASE = "https://w3id.org/honlea-kg/"
VOCAB = "https://w3id.org/honlea-kg/ns#"
#: The ontology's own IRI (the vocabulary namespace without its ``#``).
ONTOLOGY = "https://w3id.org/honlea-kg/ns"

_CONTROL = re.compile(r"[\x00-\x20\x7f-\x9f]")
# RFC 3986 unreserved + sub-delims + ":" "@"; percent-encode everything else in a path segment.
_SEGMENT_SAFE = "-._~!$&'()*+,;=:@"


def check_base(base: str) -> str:
    """Validate and return a base IRI.

    :raises ValueError: if ``base`` is not an absolute http(s) IRI ending in ``/``, holds
        spaces/control characters, or is not an IRI by RFC 3987's grammar (a ``%`` not followed
        by two hex digits, an unclosed IPv6 host ``[::1``: checked by pyoxigraph's IRI parser).
    """
    import pyoxigraph as ox

    base = unicodedata.normalize("NFC", base.strip())
    if (not re.match(r"^https?://[^/\s]+/(?:[^\s]*/)?$", base) or _CONTROL.search(base)
            or re.search(r'[<>"{}|\\^`#?]', base)):
        raise ValueError(f"base IRI must be an absolute http(s) IRI ending in '/': {base!r}")
    try:
        ox.NamedNode(base + "x")
    except ValueError as exc:
        raise ValueError(f"base IRI must be an absolute http(s) IRI ending in '/': {base!r} ({exc})") from None
    return base


def slugify(text: str) -> str:
    """A readable, lower-case ASCII slug for a name: ``"Yoni Dekker"`` -> ``"yoni-dekker"``.

    Letters are folded to ASCII by Unicode decomposition (NFKD, combining marks dropped); any run
    of other characters becomes ``-``.  A name with no ASCII letter or digit at all gets
    ``x-`` plus the first 12 hex digits of the SHA-1 of its NFC form, so the slug is never empty
    and always the same for the same name.
    """
    nfc = unicodedata.normalize("NFC", text)
    folded = "".join(c for c in unicodedata.normalize("NFKD", nfc) if not unicodedata.combining(c))
    slug = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")
    if not slug:
        slug = "x-" + hashlib.sha1(nfc.encode("utf-8")).hexdigest()[:12]
    return slug


def encode_segment(segment: str) -> str:
    """Percent-encode one path segment of a symbol (space -> ``_``; ``.``/``..`` made safe)."""
    seg = unicodedata.normalize("NFC", segment).replace(" ", "_")
    seg = _CONTROL.sub("", seg)
    if seg in ("", ".", ".."):
        # not "%2E%2E": RFC 3986 section 6.2.2.2 makes it equivalent to "..", which browsers
        # and servers resolve as the parent folder
        return "_" + seg
    return quote(seg, safe=_SEGMENT_SAFE)


def symbol_path(symbol: str) -> str:
    """The IRI path (relative to the base) of a UN document symbol: ``doc/UNODC/HONEURO/12/L.1``."""
    parts = [p.strip() for p in unicodedata.normalize("NFC", symbol).split("/")]
    return "doc/" + "/".join(encode_segment(p) for p in parts)


_EXTRAORDINARY_SLOT = re.compile(r"es-[0-9]{4}(?:-[1-9][0-9]*)?")


def meeting_segment(ordinal: int | str) -> str:
    """The path segment of a meeting after its series: an ordinal (``12``, also given as
    ``"12"``) or an extraordinary session's slot (``es-2020``, ``es-2021-2``).

    :raises ValueError: for anything else."""
    if isinstance(ordinal, str) and _EXTRAORDINARY_SLOT.fullmatch(ordinal):
        return ordinal
    n = int(ordinal)
    if n < 1:
        raise ValueError(f"not a meeting ordinal: {ordinal!r}")
    return str(n)


def item_slug(number: str) -> str:
    """Agenda item number ``6(a)`` -> ``6a``; ``10`` -> ``10``."""
    return re.sub(r"[^0-9A-Za-z]", "", number).lower() or slugify(number)


class IriPolicy:
    """Mints every IRI of the graph under one base.

    All methods return absolute IRIs as ``str``.  Meetings are given as ``(series, ordinal)``
    pairs such as ``("HONEURO", 12)``, where an extraordinary session's ``ordinal`` is its slot
    (``("HONLAF", "es-2020")``, :attr:`honlea_kg.facts.MeetingRef.slot`).
    """

    def __init__(self, base: str = DEFAULT_BASE):
        self.base = check_base(base)

    # --- entities -------------------------------------------------------------------------
    def series(self, code: str) -> str:
        from .facts import SERIES

        slug = SERIES.get(code, (slugify(code), ""))[0]
        return f"{self.base}series/{slug}"

    def body(self, code: str) -> str:
        from .facts import SERIES

        slug = SERIES.get(code, (slugify(code), ""))[0]
        return f"{self.base}org/{slug}"

    def meeting(self, series: str, ordinal: int | str) -> str:
        """A meeting of a series: ``.../series/honlea-europe/12`` for an ordinal, and for an
        extraordinary session, which has no ordinal, its slot (:attr:`~honlea_kg.facts.MeetingRef.slot`)
        ``es-YYYY`` or ``es-YYYY-N``: ``.../series/honlea-africa/es-2020``.  The two forms never
        collide (a slot is never all digits), every report citing the session mints the same
        IRI, and in a series folder the extraordinary sessions sort after the numbered meetings,
        by year.

        :raises ValueError: for any other ``ordinal`` (not a positive whole number or a slot).
        """
        return f"{self.series(series)}/{meeting_segment(ordinal)}"

    def report(self, series: str, ordinal: int) -> str:
        return f"{self.meeting(series, ordinal)}/report"

    def paragraph(self, series: str, ordinal: int, number: int) -> str:
        return f"{self.report(series, ordinal)}#para_{int(number)}"

    def subparagraph(self, series: str, ordinal: int, number: int, letter: str) -> str:
        return f"{self.paragraph(series, ordinal, number)}__point_{slugify(letter)}"

    def list_entry(self, series: str, ordinal: int, paragraph: int, number: str) -> str:
        """An entry of a numbered list printed in a paragraph (an agenda's item ``6(a)``), as
        text: a fragment of the report (``.../report#para_55__item_6a``)."""
        return f"{self.paragraph(series, ordinal, paragraph)}__item_{item_slug(number)}"

    def heading(self, series: str, ordinal: int, index: int) -> str:
        """The ``index``-th heading (1-based, reading order) of a report other than its chapter
        headings: a fragment of the report (``.../report#heading_3``)."""
        return f"{self.report(series, ordinal)}#heading_{int(index)}"

    def table(self, series: str, ordinal: int, index: int, row: int | None = None) -> str:
        """The ``index``-th table (1-based, reading order) of a report, or its ``row``-th row
        (1-based): fragments of the report (``.../report#table_2``, ``#table_2__row_1``)."""
        node = f"{self.report(series, ordinal)}#table_{int(index)}"
        return node if row is None else f"{node}__row_{int(row)}"

    def annex(self, series: str, ordinal: int) -> str:
        """The annex of a report: a fragment of the report (``.../report#annex``)."""
        return f"{self.report(series, ordinal)}#annex"

    def sitting(self, series: str, ordinal: int, number: int) -> str:
        return f"{self.meeting(series, ordinal)}/sitting/{int(number)}"

    def agenda(self, series: str, ordinal: int, status: str = "adopted") -> str:
        base = f"{self.meeting(series, ordinal)}/agenda"
        return base if status == "adopted" else f"{base}/{slugify(status)}"

    def agenda_item(self, series: str, ordinal: int, number: str, status: str = "adopted") -> str:
        """An item of an agenda: a fragment of the agenda's document (``.../agenda#item-6a``)."""
        return f"{self.agenda(series, ordinal, status)}#item-{item_slug(number)}"

    def working_group(self, series: str, ordinal: int, topic: int) -> str:
        return f"{self.meeting(series, ordinal)}/wg/{int(topic)}"

    def finding(self, series: str, ordinal: int, topic: int, kind: str, letter: str) -> str:
        """An observation or conclusion of a working group: a fragment of the group's document
        (``.../wg/4#conclusion-c``)."""
        return f"{self.working_group(series, ordinal, topic)}#{slugify(kind)}-{slugify(letter)}"

    def recommendation(self, series: str, ordinal: int, topic: int, letter: str) -> str:
        """A recommendation adopted on a working group's topic: a fragment of the group's
        document (``.../wg/2#recommendation-f``)."""
        return f"{self.working_group(series, ordinal, topic)}#recommendation-{slugify(letter)}"

    def working_group_meeting(self, series: str, ordinal: int, topic: int) -> str:
        """The meeting a working group held (its one event node): ``.../wg/4#meeting``."""
        return f"{self.working_group(series, ordinal, topic)}#meeting"

    def consideration(self, series: str, ordinal: int, sitting: int, item: str) -> str:
        """The consideration of agenda item ``item`` at sitting ``sitting``: a fragment of the
        sitting's document (``.../sitting/7#item-8``)."""
        return f"{self.sitting(series, ordinal, sitting)}#item-{item_slug(item)}"

    def participant(self, series: str, ordinal: int, key: str) -> str:
        """Participation of a State (``key`` an ISO alpha-3 code, kept upper-case) or an
        organization (``key`` its name or acronym, slugged) in a meeting."""
        return self.record(series, ordinal, "participant", key)

    def record(self, series: str, ordinal: int, kind: str, key: str) -> str:
        """A per-meeting record about an agent: ``kind`` is ``participant``,
        ``country-report``, ``questionnaire-reply``, ``statement`` or ``person``; ``key`` an ISO
        alpha-3 code (kept upper-case) or a name (slugged).

        The record is a fragment of the meeting's document: ``.../12#participant-BEL``,
        ``.../12#person-yoni-dekker``.
        """
        k = key if re.fullmatch(r"[A-Z]{3}", key) else slugify(key)
        return f"{self.meeting(series, ordinal)}#{slugify(kind)}-{k}"

    def docset(self, series: str, ordinal: int, raw: str) -> str:
        """A range or list of documents as written ("UNODC/HONEURO/12/CRP.2-22"): a fragment
        of the meeting's document (``.../12#docset-unodc-honeuro-12-crp-2-22``)."""
        return f"{self.meeting(series, ordinal)}#docset-{slugify(raw)}"

    def officer(self, series: str, ordinal: int, role: str) -> str:
        """An officer's mandate at a meeting: a fragment of the meeting's document
        (``.../12#officer-chair``)."""
        return f"{self.meeting(series, ordinal)}#officer-{slugify(role)}"

    def document(self, symbol: str) -> str:
        return self.base + symbol_path(symbol)

    def resolution(self, body: str, kind: str, number: str) -> str:
        return f"{self.base}{slugify(kind)}/{slugify(body)}/{slugify(number)}"

    def state(self, iso3: str) -> str:
        code = iso3.strip().upper()
        if not re.fullmatch(r"[A-Z]{3}", code):
            raise ValueError(f"not an ISO 3166-1 alpha-3 code: {iso3!r}")
        return f"{self.base}state/{code}"

    def organization(self, name_or_acronym: str) -> str:
        return f"{self.base}org/{slugify(name_or_acronym)}"

    def person(self, name: str) -> str:
        return f"{self.base}person/{slugify(name)}"

    def place(self, name: str) -> str:
        return f"{self.base}place/{slugify(name)}"

    def instrument(self, key: str) -> str:
        return f"{self.base}instrument/{slugify(key)}"

    def scheme(self, scheme: str) -> str:
        return f"{self.base}scheme/{slugify(scheme)}"

    def concept(self, scheme: str, label: str) -> str:
        return f"{self.base}{slugify(scheme)}/{slugify(label)}"

    def graph(self, series: str, ordinal: int) -> str:
        """The named graph holding one report's triples."""
        return f"{self.report(series, ordinal)}/graph"

    def schemes_graph(self) -> str:
        """The named graph holding the SKOS concept schemes (:func:`honlea_kg.schemes.scheme_graph`)."""
        return f"{self.base}graph/schemes"

    def report_text(self, series: str, ordinal: int) -> str:
        """The published normalised text of a report: the file ``{report}/source.txt``.

        This IRI names a file, not an entity page: it is published at exactly its path
        (:meth:`path_of`), not through :meth:`file_of`.
        """
        return f"{self.report(series, ordinal)}/source.txt"

    # --- files and links ------------------------------------------------------------------
    def path_of(self, iri: str) -> str | None:
        """The IRI's path relative to the base, without fragment, or ``None`` if not ours."""
        doc = iri.split("#", 1)[0]
        if not doc.startswith(self.base):
            return None
        return doc[len(self.base):]

    def file_of(self, iri: str, ext: str = "html") -> str | None:
        """Relative file path (on disk, percent-decoded) publishing ``iri`` as ``ext``.

        ``ext`` is one of ``html``, ``ttl``, ``jsonld``, ``nt``.  The home page (the base
        itself) is ``index.html``.
        """
        path = self.path_of(iri)
        if path is None:
            return None
        # Decode each segment once; a segment that decodes to "." or ".." stays encoded, so a
        # hostile symbol can never name a folder outside the build.
        segments = [unquote(seg) for seg in path.strip("/").split("/") if seg]
        segments = ["_" + seg if seg in (".", "..") else seg for seg in segments]
        path = "/".join(segments)
        return posixpath.join(path, f"index.{ext}") if path else f"index.{ext}"

    def href(self, from_iri: str | None, to_iri: str, ext: str = "html") -> str:
        """A relative link from the page of ``from_iri`` (``None`` = site root) to ``to_iri``.

        HTML targets link to the directory (``../12/``) so that hosts serve ``index.html``;
        data targets link to the file.  Fragments are kept.  IRIs outside the base are
        returned unchanged.
        """
        path = self.path_of(to_iri)
        if path is None:
            return to_iri
        frag = "#" + to_iri.split("#", 1)[1] if "#" in to_iri else ""
        target = path.strip("/")
        here = (self.path_of(from_iri) or "").strip("/") if from_iri else ""
        target_file = (target + "/" if target else "") + ("" if ext == "html" else f"index.{ext}")
        rel = posixpath.relpath("/" + (target_file or "."), "/" + here if here else "/")
        if ext == "html":
            rel = rel.rstrip("/") + "/" if rel not in (".",) else "./"
        return rel + frag
