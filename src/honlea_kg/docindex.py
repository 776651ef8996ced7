"""The persistent per-document index of the report graphs, keyed by report.

Every report graph (its canonical N-Triples, named by their SHA-256: a *piece*) is cut once, in
the worker that built it, into per-document *parts* (:func:`piece_parts`): for each document
(an IRI without its fragment, :func:`~honlea_kg.publish.graphindex.doc_of`) the lines whose
subject is in it (``out``), the lines pointing into it from another document (``inc``), and the
label, ``hl:text`` and ``rdf:type`` lines of its subjects (``summary``).  :class:`DocIndex`
keeps the parts in SQLite (``index.sqlite`` in the build cache) with one row per (document,
piece), so:

* a page is rendered from the rows of its document alone (:class:`IndexView`, the interface the
  page writer reads), never from an index of the whole graph in memory;
* a build is a *state*, the set of pieces it publishes; what a rebuild must render anew is found
  by comparing the rows of the pieces that left or joined the state (:meth:`DocIndex.changes`),
  not by re-indexing everything;
* rows are written in one transaction per report (SQLite's journal makes a killed build leave
  whole reports or none), and a state is recorded under the SHA-256 of the ``build-info.json``
  it published, so the next build into the same folder finds what that folder holds.

Rows are kept while a recorded state uses their piece (:meth:`DocIndex.collect_garbage`).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from collections import OrderedDict, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from .publish.graphindex import (HL_FULL_TEXT, HL_TEXT, LABEL_PROPERTIES, RDF_TYPE, UI_LANG, VALUE_PREDICATES,
                                  LabelChoice, best_label, doc_of, iri_tail)

INDEX_FILE = "index.sqlite"
#: Bump when the rows' layout or meaning changes (a new format starts a new file).
FORMAT = "5"
HLNS = "https://w3id.org/honlea-kg/ns#"
REPORT = HLNS + "Report"
MEETING = HLNS + "Meeting"
TEXT_MANIFESTATION = HLNS + "TextManifestation"
_LABEL_RANK = {p: n for n, p in enumerate(LABEL_PROPERTIES)}
_SUMMARY = set(LABEL_PROPERTIES) | {HL_TEXT, HL_FULL_TEXT, RDF_TYPE} | VALUE_PREDICATES
DCT_ISSUED = "http://purl.org/dc/terms/issued"
SCHEMA_END = "https://schema.org/endDate"
REPORT_OF = HLNS + "reportOf"


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


#: The hash of the empty text (no body row is stored for it).
EMPTY = _digest("")


@dataclass
class DocPart:
    """One report's part of one document: N-Triples text (sorted lines, ``\\n``-terminated;
    ``""`` when none) of the lines about it (``out``), pointing to it (``inc``) and the label,
    text, full text, type and indexed value lines (:data:`~honlea_kg.publish.graphindex.
    VALUE_PREDICATES`, what the page views read of other documents) of its subjects
    (``summary``, a subset of ``out``)."""

    out: str = ""
    inc: str = ""
    summary: str = ""
    file: bool = False  # the document's IRI is typed hl:TextManifestation (a published file, no page)

    @property
    def hashes(self) -> tuple[str, str, str]:
        return _digest(self.out), _digest(self.inc), _digest(self.summary)


@dataclass
class PieceParts:
    """What one report graph contributes to the index (:func:`piece_parts`).

    ``docs``: document IRI -> :class:`DocPart`; ``members``: (class IRI, entity IRI) for the
    class indexes (:meth:`DocIndex.members`); ``dates``: (document IRI, ISO date) for the
    sitemap; ``triples``: distinct lines; ``typed``: (class IRI, IRI) of the typed IRIs that are
    not ``members`` (text units, files ...; for the vocabulary page's counts);
    ``predicates``: property IRI -> lines using it."""

    docs: dict[str, DocPart] = field(default_factory=dict)
    members: list[tuple[str, str]] = field(default_factory=list)
    typed: list[tuple[str, str]] = field(default_factory=list)
    predicates: dict[str, int] = field(default_factory=dict)
    dates: list[tuple[str, str]] = field(default_factory=list)
    triples: int = 0


def _split(line: str) -> tuple[str, str, str | None, str]:
    """(subject, predicate, object IRI or None, rest after the predicate) of an N-Triples line
    whose subject is an IRI."""
    end = line.index(">")
    subject = line[1:end]
    pstart = end + 3
    pend = line.index(">", pstart)
    rest = line[pend + 2:]
    obj = rest[1:rest.index(">")] if rest.startswith("<") else None
    return subject, line[pstart:pend], obj, rest


def piece_parts(ntriples: str | bytes, base: str) -> PieceParts:
    """Cut one report graph's canonical N-Triples into its per-document parts.

    The rules are those of :class:`~honlea_kg.publish.graphindex.GraphIndex` (the in-memory
    index of a whole graph), applied to one report: lines with a blank-node subject have no
    document; a line pointing into another document is also that document's ``inc``.
    ``members`` are the typed entities the class indexes list (:meth:`GraphIndex.members
    <honlea_kg.publish.graphindex.GraphIndex.members>`: under ``base``, not a published file, not a
    text unit or selector of a report); ``dates`` give a report's document and its meeting's
    the report's issue date, else the meeting's end date (sitemap ``lastmod``).
    """
    if isinstance(ntriples, bytes):
        ntriples = ntriples.decode("utf-8")
    out: dict[str, list[str]] = defaultdict(list)
    inc: dict[str, list[str]] = defaultdict(list)
    summary: dict[str, list[str]] = defaultdict(list)
    types: dict[str, list[str]] = defaultdict(list)
    props: dict[str, dict[str, str]] = defaultdict(dict)  # subject -> predicate -> first object (dates)
    count = 0
    used: dict[str, int] = defaultdict(int)
    for line in ntriples.splitlines():
        if not line.startswith("<"):
            continue
        count += 1
        subject, pred, obj, rest = _split(line)
        used[pred] += 1
        sdoc = subject.split("#", 1)[0]
        out[sdoc].append(line)
        if obj is not None:
            if pred == RDF_TYPE or pred in VALUE_PREDICATES:
                if pred == RDF_TYPE:
                    types[subject].append(obj)
                summary[sdoc].append(line)
            odoc = obj.split("#", 1)[0]
            if odoc != sdoc:
                inc[odoc].append(line)
            if pred == REPORT_OF:
                props[subject].setdefault(pred, obj)
        else:
            if pred in _SUMMARY:
                summary[sdoc].append(line)
            if pred in (DCT_ISSUED, SCHEMA_END):
                value = rest[1:rest.index('"', 1)] if rest.startswith('"') else None
                if value is not None:
                    props[subject].setdefault(pred, value)
    parts = PieceParts(triples=count, predicates=dict(sorted(used.items())))
    for doc in set(out) | set(inc):
        parts.docs[doc] = DocPart(_text(out.get(doc)), _text(inc.get(doc)), _text(summary.get(doc)),
                                  TEXT_MANIFESTATION in types.get(doc, ()))
    root = base.rstrip("/")
    for iri, classes in types.items():
        doc = iri.split("#", 1)[0]
        if (not iri.startswith(base) or TEXT_MANIFESTATION in classes or doc == root
                or (iri != doc and REPORT in types.get(doc, ()))):
            parts.typed.extend((cls, iri) for cls in sorted(set(classes)))
            continue
        parts.members.extend((cls, iri) for cls in sorted(set(classes)))
    parts.members.sort()
    parts.typed.sort()
    dates: dict[str, str] = {}
    for iri, classes in types.items():
        if REPORT not in classes:
            continue
        meeting = props.get(iri, {}).get(REPORT_OF)
        day = props.get(iri, {}).get(DCT_ISSUED) or props.get(meeting or "", {}).get(SCHEMA_END)
        if day:
            for d in (iri, meeting):
                if d:
                    dates[d] = max(dates.get(d, ""), day)
    parts.dates = sorted(dates.items())
    return parts


def _text(lines: list[str] | None) -> str:
    return "".join(line + "\n" for line in sorted(set(lines))) if lines else ""


def union_text(texts) -> str:
    """The distinct lines of several N-Triples texts, sorted (the union of report parts)."""
    texts = [t for t in dict.fromkeys(texts) if t]
    if len(texts) <= 1:
        return texts[0] if texts else ""
    lines = set()
    for t in texts:
        lines.update(t.splitlines())
    return "".join(line + "\n" for line in sorted(lines))


@dataclass
class State:
    """A recorded build: the pieces (report graphs) it published into ``out``, with the
    code-and-base ``salt`` its pages were rendered under and free ``meta`` (the inputs)."""

    build_id: str
    out: str
    salt: str
    pieces: dict[str, str]  # digest -> graph IRI
    meta: dict = field(default_factory=dict)


@dataclass
class Changes:
    """What differs between two states (:meth:`DocIndex.changes`).

    ``docs``: documents whose files must be rendered anew (their own lines changed, or a label
    or text they show); ``relabelled``: IRIs whose label, text or type lines changed;
    ``removed``/``added``: digests of the pieces that left/joined."""

    docs: set[str] = field(default_factory=set)
    relabelled: set[str] = field(default_factory=set)
    removed: set[str] = field(default_factory=set)
    added: set[str] = field(default_factory=set)


_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS piece (id INTEGER PRIMARY KEY, digest TEXT UNIQUE NOT NULL, graph TEXT NOT NULL,
                                  triples INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS part (doc TEXT NOT NULL, piece INTEGER NOT NULL, out_hash TEXT NOT NULL,
                                 inc_hash TEXT NOT NULL, sum_hash TEXT NOT NULL, nout INTEGER NOT NULL,
                                 file INTEGER NOT NULL, PRIMARY KEY (doc, piece)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS part_piece ON part (piece);
CREATE TABLE IF NOT EXISTS body (hash TEXT PRIMARY KEY, text TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS member (cls TEXT NOT NULL, iri TEXT NOT NULL, piece INTEGER NOT NULL,
                                   PRIMARY KEY (cls, iri, piece)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS member_piece ON member (piece);
CREATE TABLE IF NOT EXISTS typed (cls TEXT NOT NULL, iri TEXT NOT NULL, piece INTEGER NOT NULL,
                                  PRIMARY KEY (cls, iri, piece)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS typed_piece ON typed (piece);
CREATE TABLE IF NOT EXISTS predcount (piece INTEGER NOT NULL, pred TEXT NOT NULL, n INTEGER NOT NULL,
                                      PRIMARY KEY (piece, pred)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS day (doc TEXT NOT NULL, piece INTEGER NOT NULL, day TEXT NOT NULL,
                                PRIMARY KEY (doc, piece)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS day_piece ON day (piece);
CREATE TABLE IF NOT EXISTS state (build_id TEXT PRIMARY KEY, out TEXT NOT NULL, salt TEXT NOT NULL,
                                  created REAL NOT NULL, meta TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS state_piece (build_id TEXT NOT NULL, digest TEXT NOT NULL, graph TEXT NOT NULL,
                                        PRIMARY KEY (build_id, digest)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS state_node (build_id TEXT NOT NULL, node TEXT NOT NULL, context TEXT NOT NULL,
                                       docs TEXT NOT NULL, conflicting INTEGER NOT NULL,
                                       PRIMARY KEY (build_id, node)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS cross_result (node TEXT NOT NULL, context TEXT NOT NULL, findings TEXT NOT NULL,
                                         PRIMARY KEY (node, context)) WITHOUT ROWID;
"""


class DocIndex:
    """The persistent per-document index (SQLite file ``path``), see the module docstring.

    One writer at a time (SQLite's lock; other builds wait up to ``timeout`` seconds);
    readers (the page writers, forked) open their own connection with :meth:`reader`.
    Methods taking ``pieces`` read only the rows of those piece ids (a state), set with
    :meth:`use`.

    :raises sqlite3.DatabaseError: when the file is not an index (the caller may delete it).
    """

    def __init__(self, path: Path | str, timeout: float = 600.0, readonly: bool = False):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        uri = f"file:{self.path}?mode=ro" if readonly else f"file:{self.path}"
        self.db = sqlite3.connect(uri, uri=True, timeout=timeout, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL") if not readonly else None
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("PRAGMA temp_store=MEMORY")
        if not readonly:
            self.db.executescript(_SCHEMA)
            found = self.db.execute("SELECT value FROM meta WHERE key='format'").fetchone()
            if found is None:
                self.db.execute("INSERT OR IGNORE INTO meta VALUES ('format', ?)", (FORMAT,))
            elif found[0] != FORMAT:
                raise sqlite3.DatabaseError(f"{self.path}: index format {found[0]}, expected {FORMAT}")
        self._ids: dict[str, int] = {}
        self.pieces: tuple[int, ...] = ()

    @classmethod
    def open(cls, path: Path | str) -> "DocIndex":
        """The index at ``path``, made anew when the file there is damaged or of another format."""
        try:
            return cls(path)
        except sqlite3.DatabaseError:
            for suffix in ("", "-wal", "-shm"):
                Path(str(path) + suffix).unlink(missing_ok=True)
            return cls(path)

    def reader(self) -> "DocIndex":
        """A new read-only connection to the same file, using the same pieces (for a forked
        worker: SQLite connections must not cross a fork)."""
        other = DocIndex(self.path, readonly=True)
        other.use(self.pieces)
        return other

    def close(self) -> None:
        self.db.close()

    # --- writing ----------------------------------------------------------------------------
    def piece_id(self, digest: str) -> int | None:
        """The id of an indexed piece, or ``None`` when it is not in the index."""
        found = self._ids.get(digest)
        if found is None:
            row = self.db.execute("SELECT id FROM piece WHERE digest=?", (digest,)).fetchone()
            if row is None:
                return None
            found = self._ids[digest] = row[0]
        return found

    def add_piece(self, digest: str, graph: str, parts: PieceParts) -> int:
        """Index one report graph (its parts), in one transaction; return its piece id.  A
        piece already indexed is left as it is (its rows are a function of its content)."""
        found = self.piece_id(digest)
        if found is not None:
            return found
        db = self.db
        db.execute("BEGIN IMMEDIATE")
        try:
            row = db.execute("SELECT id FROM piece WHERE digest=?", (digest,)).fetchone()
            if row is not None:  # another build indexed it meanwhile
                db.execute("COMMIT")
                self._ids[digest] = row[0]
                return row[0]
            pid = db.execute("INSERT INTO piece (digest, graph, triples) VALUES (?, ?, ?)",
                             (digest, graph, parts.triples)).lastrowid
            db.executemany("INSERT INTO part VALUES (?, ?, ?, ?, ?, ?, ?)",
                           ((doc, pid, *p.hashes, p.out.count("\n"), int(p.file)) for doc, p in parts.docs.items()))
            db.executemany("INSERT OR IGNORE INTO body VALUES (?, ?)",
                           ((h, t) for p in parts.docs.values() for h, t in zip(p.hashes, (p.out, p.inc, p.summary))
                            if t))
            db.executemany("INSERT OR IGNORE INTO member VALUES (?, ?, ?)",
                           ((cls, iri, pid) for cls, iri in parts.members))
            db.executemany("INSERT INTO day VALUES (?, ?, ?)", ((doc, pid, day) for doc, day in parts.dates))
            db.executemany("INSERT OR IGNORE INTO typed VALUES (?, ?, ?)", ((cls, iri, pid) for cls, iri in parts.typed))
            db.executemany("INSERT INTO predcount VALUES (?, ?, ?)", ((pid, p, n) for p, n in parts.predicates.items()))
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        self._ids[digest] = pid
        return pid

    # --- states -----------------------------------------------------------------------------
    def save_state(self, state: State) -> None:
        """Record a build's state (replacing one with the same id)."""
        db = self.db
        db.execute("BEGIN IMMEDIATE")
        try:
            db.execute("DELETE FROM state_piece WHERE build_id=?", (state.build_id,))
            db.execute("INSERT OR REPLACE INTO state VALUES (?, ?, ?, ?, ?)",
                       (state.build_id, state.out, state.salt, time.time(), json.dumps(state.meta, sort_keys=True)))
            db.executemany("INSERT INTO state_piece VALUES (?, ?, ?)",
                           ((state.build_id, d, g) for d, g in sorted(state.pieces.items())))
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def save_nodes(self, build_id: str, nodes: dict[str, list]) -> None:
        """Record the cross-report facts of a state (node -> [context digest, context documents,
        conflicting], :func:`~honlea_kg.stages.cross.cross_report`)."""
        self.db.execute("BEGIN IMMEDIATE")
        self.db.execute("DELETE FROM state_node WHERE build_id=?", (build_id,))
        self.db.executemany("INSERT INTO state_node VALUES (?, ?, ?, ?, ?)",
                            ((build_id, n, c, json.dumps(d), int(f)) for n, (c, d, f) in sorted(nodes.items())))
        self.db.execute("COMMIT")

    def load_nodes(self, build_id: str) -> dict[str, list]:
        """The cross-report facts recorded with a state (see :meth:`save_nodes`)."""
        return {n: [c, json.loads(d), bool(f)] for n, c, d, f in self.db.execute(
            "SELECT node, context, docs, conflicting FROM state_node WHERE build_id=?", (build_id,))}

    def docs_of_pieces(self, digests) -> set[str]:
        """The documents with rows in these pieces (digests)."""
        ids = sorted(i for i in (self.piece_id(d) for d in digests) if i is not None)
        found: set[str] = set()
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            marks = ",".join("?" * len(chunk))
            found.update(r[0] for r in self.db.execute(f"SELECT DISTINCT doc FROM part WHERE piece IN ({marks})", chunk))
        return found

    def load_state(self, build_id: str) -> State | None:
        """The recorded state ``build_id``, or ``None``."""
        row = self.db.execute("SELECT out, salt, meta FROM state WHERE build_id=?", (build_id,)).fetchone()
        if row is None:
            return None
        pieces = dict(self.db.execute("SELECT digest, graph FROM state_piece WHERE build_id=?", (build_id,)))
        return State(build_id, row[0], row[1], pieces, json.loads(row[2]))

    def forget_states(self, out: str) -> None:
        """Forget the states recorded for the output ``out`` that neither it nor its spare
        (:func:`spare_of`) holds now."""
        held = {build_info_digest(Path(out)), build_info_digest(spare_of(Path(out)))}
        ids = [r[0] for r in self.db.execute("SELECT build_id FROM state WHERE out=?", (out,)) if r[0] not in held]
        for build_id in ids:
            for table in ("state_piece", "state_node", "state"):
                self.db.execute(f"DELETE FROM {table} WHERE build_id=?", (build_id,))

    def collect_garbage(self, keep: set[str] = frozenset()) -> int:
        """Delete the rows of pieces no recorded state uses (and not in ``keep``); return how
        many pieces went.  States that neither their output folder nor its spare holds any more
        are dropped first."""
        for out in [r[0] for r in self.db.execute("SELECT DISTINCT out FROM state")]:
            self.forget_states(out)
        used = {r[0] for r in self.db.execute("SELECT DISTINCT digest FROM state_piece")} | set(keep)
        gone = [(pid, d) for pid, d in self.db.execute("SELECT id, digest FROM piece") if d not in used]
        for pid, digest in gone:
            self.db.execute("BEGIN IMMEDIATE")
            for table in ("part", "member", "day", "typed", "predcount"):
                self.db.execute(f"DELETE FROM {table} WHERE piece=?", (pid,))
            self.db.execute("DELETE FROM piece WHERE id=?", (pid,))
            self.db.execute("COMMIT")
            self._ids.pop(digest, None)
        if gone:  # bodies no part points to any more
            self.db.execute("BEGIN IMMEDIATE")
            self.db.execute("CREATE TEMP TABLE IF NOT EXISTS used_hash (hash TEXT PRIMARY KEY)")
            self.db.execute("DELETE FROM used_hash")
            for col in ("out_hash", "inc_hash", "sum_hash"):
                self.db.execute(f"INSERT OR IGNORE INTO used_hash SELECT DISTINCT {col} FROM part")
            self.db.execute("DELETE FROM body WHERE hash NOT IN (SELECT hash FROM used_hash)")
            self.db.execute("COMMIT")
        return len(gone)

    # --- reading a state --------------------------------------------------------------------
    def use(self, pieces) -> None:
        """Read only the rows of these piece ids from now on."""
        self.pieces = tuple(sorted(set(pieces)))
        self.db.execute("CREATE TEMP TABLE IF NOT EXISTS cur (piece INTEGER PRIMARY KEY)")
        self.db.execute("DELETE FROM cur")
        self.db.executemany("INSERT INTO cur VALUES (?)", ((p,) for p in self.pieces))

    def documents(self, files: bool = True) -> list[str]:
        """Every document of the state (that has lines about it), sorted; without ``files``, not
        those that name published files."""
        having = "" if files else " HAVING MAX(file) = 0"
        return [r[0] for r in self.db.execute(
            "SELECT doc FROM part WHERE piece IN (SELECT piece FROM cur) AND nout > 0 "
            f"GROUP BY doc{having} ORDER BY doc")]

    _HASH = {"out": "out_hash", "inc": "inc_hash", "summary": "sum_hash"}

    def bodies(self, hashes) -> dict[str, str]:
        """Hash -> text of stored part bodies (the empty text has no row)."""
        hashes = [h for h in dict.fromkeys(hashes) if h != EMPTY]
        found = {EMPTY: ""}
        for i in range(0, len(hashes), 500):
            chunk = hashes[i:i + 500]
            marks = ",".join("?" * len(chunk))
            found.update(self.db.execute(f"SELECT hash, text FROM body WHERE hash IN ({marks})", chunk))
        return found

    def hashes(self, doc: str, column: str) -> list[str]:
        """The distinct hashes of the state's ``out``, ``inc`` or ``summary`` texts of ``doc``."""
        return [r[0] for r in self.db.execute(f"SELECT DISTINCT {self._HASH[column]} FROM part WHERE doc=? AND "
                                              f"piece IN (SELECT piece FROM cur)", (doc,))]

    def texts(self, doc: str, column: str) -> str:
        """The union of the state's ``out``, ``inc`` or ``summary`` texts of ``doc``."""
        hashes = self.hashes(doc, column)
        if not hashes or hashes == [EMPTY]:
            return ""
        bodies = self.bodies(hashes)
        return union_text(bodies[h] for h in hashes)

    def summaries(self, docs) -> dict[str, str]:
        """Document -> the union of its summary texts, for several documents in few queries."""
        docs = list(dict.fromkeys(docs))
        found: dict[str, list[str]] = defaultdict(list)
        for i in range(0, len(docs), 500):
            chunk = docs[i:i + 500]
            marks = ",".join("?" * len(chunk))
            for doc, h in self.db.execute(
                    f"SELECT DISTINCT doc, sum_hash FROM part WHERE doc IN ({marks}) AND "
                    f"piece IN (SELECT piece FROM cur)", chunk):
                found[doc].append(h)
        bodies = self.bodies(h for hs in found.values() for h in hs)
        return {doc: union_text(bodies[h] for h in found.get(doc, ())) for doc in docs}

    def count(self) -> int:
        """The number of distinct triples of the state (lines with an IRI subject)."""
        total = 0
        multi = []
        for doc, n, nout in self.db.execute(
                "SELECT doc, COUNT(*), SUM(nout) FROM part WHERE piece IN (SELECT piece FROM cur) "
                "AND nout > 0 GROUP BY doc"):
            if n == 1:
                total += nout
            else:
                multi.append(doc)
        for doc in multi:
            total += self.texts(doc, "out").count("\n")
        return total

    def members(self, classes=None) -> dict[str, list[str]]:
        """Class IRI -> its member entities (sorted IRIs) for the class indexes; all classes,
        or only ``classes``."""
        found: dict[str, set[str]] = defaultdict(set)
        if classes is None:
            rows = self.db.execute("SELECT cls, iri FROM member WHERE piece IN (SELECT piece FROM cur)")
        else:
            classes = sorted(classes)
            marks = ",".join("?" * len(classes))
            rows = self.db.execute(f"SELECT cls, iri FROM member WHERE cls IN ({marks}) AND "
                                   f"piece IN (SELECT piece FROM cur)", classes) if classes else []
        for cls, iri in rows:
            found[cls].add(iri)
        return {cls: sorted(iris) for cls, iris in sorted(found.items())}

    def member_classes(self) -> dict[str, int]:
        """Class IRI -> number of member entities, for every class of the state."""
        return dict(self.db.execute("SELECT cls, COUNT(DISTINCT iri) FROM member WHERE piece IN "
                                    "(SELECT piece FROM cur) GROUP BY cls ORDER BY cls"))

    def type_counts(self) -> dict[str, int]:
        """Class IRI -> the number of distinct IRIs typed with it in the state (members of the
        class indexes and every other typed IRI)."""
        return dict(self.db.execute(
            "SELECT cls, COUNT(DISTINCT iri) FROM (SELECT cls, iri FROM member WHERE piece IN (SELECT piece FROM cur) "
            "UNION ALL SELECT cls, iri FROM typed WHERE piece IN (SELECT piece FROM cur)) GROUP BY cls ORDER BY cls"))

    def predicate_counts(self) -> dict[str, int]:
        """Property IRI -> the lines using it, summed over the state's report graphs (as
        :class:`~honlea_kg.publish.graphindex.GraphIndex` counts the reports' texts)."""
        return dict(self.db.execute("SELECT pred, SUM(n) FROM predcount WHERE piece IN (SELECT piece FROM cur) "
                                    "GROUP BY pred ORDER BY pred"))

    def dates(self) -> dict[str, str]:
        """Document -> the latest date of the reports it comes from (sitemap ``lastmod``)."""
        return dict(self.db.execute("SELECT doc, MAX(day) FROM day WHERE piece IN (SELECT piece FROM cur) "
                                    "GROUP BY doc"))

    # --- what changed -----------------------------------------------------------------------
    def _rows_of(self, doc: str) -> list[tuple[int, str, str, str]]:
        return self.db.execute("SELECT piece, out_hash, inc_hash, sum_hash FROM part WHERE doc=?", (doc,)).fetchall()

    def _state_texts(self, doc: str, pieces: set[int], column: str) -> str:
        rows = self.db.execute(f"SELECT piece, {self._HASH[column]} FROM part WHERE doc=?", (doc,)).fetchall()
        hashes = list(dict.fromkeys(h for p, h in rows if p in pieces))
        bodies = self.bodies(hashes)
        return union_text(bodies[h] for h in hashes)

    def changes(self, old: dict[str, str], new: dict[str, str]) -> Changes:
        """The documents whose files differ between the state ``old`` and ``new`` (digest ->
        graph IRI; both indexed).

        A document is rendered from the union of its rows' ``out`` and ``inc`` texts and the
        labels, texts and types (``summary``) of every IRI its lines mention.  So it must be
        rendered anew when the set of its ``out``, ``inc`` or ``summary`` texts differs between
        the states, or when it mentions an IRI whose summary lines changed; every other
        document's files are the same bytes.  Only the rows of the pieces that left or joined
        are looked at, and of the documents they touch.
        """
        changes = Changes(removed=set(old) - set(new), added=set(new) - set(old))
        old_ids = {self.piece_id(d) for d in old}
        new_ids = {self.piece_id(d) for d in new}
        touched = self.docs_of_pieces(changes.removed | changes.added)
        summary_changed = []
        for doc in sorted(touched):
            rows = self._rows_of(doc)
            before = {r[1:] for r in rows if r[0] in old_ids}
            after = {r[1:] for r in rows if r[0] in new_ids}
            if {r[0] for r in before} != {r[0] for r in after} or {r[1] for r in before} != {r[1] for r in after}:
                changes.docs.add(doc)
            if {r[2] for r in before} != {r[2] for r in after}:
                changes.docs.add(doc)
                summary_changed.append(doc)
        value_docs = set()
        for doc in summary_changed:
            was = _summary_by_iri(self._state_texts(doc, old_ids, "summary"))
            now = _summary_by_iri(self._state_texts(doc, new_ids, "summary"))
            changed = [iri for iri in set(was) | set(now) if was.get(iri) != now.get(iri)]
            changes.relabelled.update(changed)
            if any(_value_lines(was.get(iri, ())) != _value_lines(now.get(iri, ())) for iri in changed):
                value_docs.add(doc)
        # the page views read indexed values of entities one document away (a State page, the
        # role of each participation in a meeting's document, and that meeting's dates): when a
        # document's values change, every document linked to it is rendered anew
        for doc in sorted(value_docs):
            for pieces in (old_ids, new_ids):
                for column in ("out", "inc"):
                    for line in self._state_texts(doc, pieces, column).splitlines():
                        subject, _pred, obj, _rest = _split(line)
                        changes.docs.add(doc_of(subject))
                        if obj is not None:
                            changes.docs.add(doc_of(obj))
        # every document whose lines mention a relabelled IRI: its own document and the
        # documents at the other end of its lines (found in its document's out and inc lines)
        by_doc: dict[str, set[str]] = defaultdict(set)
        for iri in changes.relabelled:
            by_doc[doc_of(iri)].add(iri)
        for doc, iris in by_doc.items():
            changes.docs.add(doc)
            for pieces in (old_ids, new_ids):
                for column in ("out", "inc"):
                    for line in self._state_texts(doc, pieces, column).splitlines():
                        subject, _pred, obj, _rest = _split(line)
                        if subject in iris or obj in iris:
                            changes.docs.add(doc_of(subject))
                            if obj is not None:
                                changes.docs.add(doc_of(obj))
        return changes

    # --- cross-report results ---------------------------------------------------------------
    def cross_results(self, keys: list[tuple[str, str]]) -> dict[tuple[str, str], list[dict]]:
        """Cached cross-report findings of (node, context digest) pairs (JSON dicts)."""
        found = {}
        for node, context in keys:
            row = self.db.execute("SELECT findings FROM cross_result WHERE node=? AND context=?",
                                  (node, context)).fetchone()
            if row is not None:
                found[(node, context)] = json.loads(row[0])
        return found

    def save_cross_results(self, results: dict[tuple[str, str], list[dict]]) -> None:
        """Keep cross-report findings by (node, context digest)."""
        self.db.execute("BEGIN IMMEDIATE")
        self.db.executemany("INSERT OR REPLACE INTO cross_result VALUES (?, ?, ?)",
                            ((n, c, json.dumps(f, sort_keys=True)) for (n, c), f in results.items()))
        self.db.execute("COMMIT")


def _value_lines(lines) -> tuple[str, ...]:
    """The lines of indexed values (:data:`~honlea_kg.publish.graphindex.VALUE_PREDICATES`)
    among summary lines."""
    return tuple(line for line in lines if _split(line)[1] in VALUE_PREDICATES)


def _summary_by_iri(text: str) -> dict[str, tuple[str, ...]]:
    by: dict[str, list[str]] = defaultdict(list)
    for line in text.splitlines():
        by[line[1:line.index(">")]].append(line)
    return {iri: tuple(lines) for iri, lines in by.items()}


def spare_of(out: Path) -> Path:
    """The spare folder kept beside the output ``out`` for the next build: ``.OUT.prev``
    (:mod:`honlea_kg.outdir`)."""
    out = Path(out)
    return out.with_name(f".{out.name}.prev")


def build_info_digest(out: Path) -> str | None:
    """SHA-256 (hex) of ``out/build-info.json`` (unique per build: it holds the build time), or
    ``None`` when there is none."""
    try:
        return hashlib.sha256((Path(out) / "build-info.json").read_bytes()).hexdigest()
    except OSError:
        return None


# --- the page writer's view of a state ------------------------------------------------------
def _key(t) -> tuple[str, str, str]:
    return (str(t.subject), str(t.predicate), str(t.object))


def _parse(text: str) -> list:
    return sorted(ox.parse(text.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES), key=_key) if text else []


class _Lru(OrderedDict):
    def __init__(self, size: int, load):
        super().__init__()
        self.size, self.load = size, load

    def fetch(self, key):
        if key in self:
            self.move_to_end(key)
            return self[key]
        value = self[key] = self.load(key)
        if len(self) > self.size:
            self.popitem(last=False)
        return value


class _Summary:
    """The labels, texts and types of the subjects of one document (parsed summary lines)."""

    __slots__ = ("labels", "texts", "types", "lines", "values", "full_texts")

    def __init__(self, text: str):
        self.labels: dict[str, list] = defaultdict(list)
        self.texts: dict[str, str] = {}
        self.full_texts: dict[str, str] = {}
        self.types: dict[str, list[str]] = defaultdict(list)
        self.lines: dict[str, list[str]] = defaultdict(list)
        self.values: dict[str, list[tuple[str, str]]] = defaultdict(list)
        literal_lines = []
        for line in text.splitlines():
            subject, pred, obj, _rest = _split(line)
            if pred == RDF_TYPE and obj is not None:
                self.types[subject].append(obj)
            elif obj is not None:
                if pred in VALUE_PREDICATES:
                    self.values[subject].append((pred, obj))
            else:
                literal_lines.append(line)
        if literal_lines:
            parsed = ox.parse(("\n".join(literal_lines) + "\n").encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
            for t, line in zip(parsed, literal_lines):
                sv, pv, o = t.subject.value, t.predicate.value, t.object
                if pv in VALUE_PREDICATES:
                    self.values[sv].append((pv, o.value))
                elif pv == HL_TEXT:
                    self.texts.setdefault(sv, o.value)
                elif pv == HL_FULL_TEXT:
                    self.full_texts.setdefault(sv, o.value)
                else:
                    self.labels[sv].append((_LABEL_RANK[pv], o.value, o.language))
                    self.lines[sv].append(line)
        for iri, options in self.labels.items():
            self.labels[iri] = sorted(set(options), key=lambda o: (o[0], o[1], o[2] or ""))
        for iri, types in self.types.items():
            self.types[iri] = sorted(set(types))
        for iri, pairs in self.values.items():
            self.values[iri] = sorted(set(pairs))
        for iri in [i for i, full in self.full_texts.items() if self.texts.get(i) == full]:
            del self.full_texts[iri]


class _SummaryMap:
    """A read-only mapping IRI -> one field of its document's :class:`_Summary` (``labels``,
    ``values``, ``full_texts``, ``texts``), as the page views ask
    :class:`~honlea_kg.publish.graphindex.GraphIndex`'s dictionaries."""

    def __init__(self, view: "IndexView", name: str):
        self.view, self.name = view, name

    def get(self, iri: str, default=None):
        found = getattr(self.view._summary(doc_of(iri)), self.name).get(iri)
        return found if found else default


class _DocMap:
    """A read-only mapping document -> sorted pyoxigraph triples, loaded from the index."""

    def __init__(self, view: "IndexView", column: str):
        self._lru = _Lru(64, lambda doc: _parse(view.index.texts(doc, column)))
        self._text = _Lru(256, lambda doc: view.index.texts(doc, column))

    def get(self, doc: str, default=None):
        found = self._lru.fetch(doc)
        return found if found else default

    def text(self, doc: str) -> str:
        return self._text.fetch(doc)


class _TypesMap:
    def __init__(self, view: "IndexView"):
        self.view = view

    def get(self, iri: str, default=None):
        found = self.view._summary(doc_of(iri)).types.get(iri)
        return found if found else default


class _BySubject:
    def __init__(self, view: "IndexView"):
        self.view = view
        self._lru = _Lru(64, self._group)

    def _group(self, doc: str) -> dict:
        grouped: dict[str, list] = {}
        for t in self.view.out.get(doc, []):
            grouped.setdefault(t.subject.value, []).append(t)
        return grouped

    def get(self, iri: str, default=None):
        return self._lru.fetch(doc_of(iri)).get(iri, default)


class IndexView:
    """The page writer's index of one state, read from a :class:`DocIndex` a document at a time.

    The same questions as :class:`~honlea_kg.publish.graphindex.GraphIndex` (``out``, ``inc``,
    ``by_subject``, ``types``, :meth:`label`, :meth:`text_of`, :meth:`label_triples` ...) and
    the same answers on the same graph (``tests/test_stages.py`` renders pages from both and
    compares the bytes), with the last documents' rows kept parsed (an LRU) and nothing about
    the whole graph held in memory.  :meth:`iris_of_type` and :meth:`members` replace walking
    every type of the graph.
    """

    def __init__(self, index: DocIndex):
        self.index = index
        self.out = _DocMap(self, "out")
        self.inc = _DocMap(self, "inc")
        self.by_subject = _BySubject(self)
        self.types = _TypesMap(self)
        self.labels = _SummaryMap(self, "labels")
        self.values = _SummaryMap(self, "values")
        self.full_texts = _SummaryMap(self, "full_texts")
        self.texts = _SummaryMap(self, "texts")
        self._summaries = _Lru(1024, self._load_summary)
        self._labels: dict[tuple[str, str], LabelChoice | None] = {}  # (IRI, language) -> label, memo

    def _load_summary(self, doc: str) -> _Summary:
        return _Summary(self.index.texts(doc, "summary"))

    def _summary(self, doc: str) -> _Summary:
        return self._summaries.fetch(doc)

    def prefetch(self, docs) -> None:
        """Load the summaries of several documents in one query (the labels a page shows)."""
        missing = [d for d in dict.fromkeys(docs) if d not in self._summaries]
        if len(missing) > 1:
            for doc, text in self.index.summaries(missing).items():
                self._summaries[doc] = _Summary(text)
            while len(self._summaries) > self._summaries.size:
                self._summaries.popitem(last=False)

    @property
    def out_text(self):
        return _TextMap(self.out)

    @property
    def inc_text(self):
        return _TextMap(self.inc)

    #: Labels remembered (a class index sorts and shows tens of thousands of entities whose
    #: documents' summaries do not all fit the LRU); about 200 bytes each.
    LABEL_MEMO = 200_000

    def label(self, iri: str, lang: str = UI_LANG) -> LabelChoice | None:
        """As :meth:`GraphIndex.label <honlea_kg.publish.graphindex.GraphIndex.label>`."""
        key = (iri, lang)
        if key in self._labels:
            return self._labels[key]
        if len(self._labels) >= self.LABEL_MEMO:
            self._labels.clear()
        found = self._labels[key] = self._choose_label(iri, lang)
        return found

    def _choose_label(self, iri: str, lang: str) -> LabelChoice | None:
        return best_label(self._summary(doc_of(iri)).labels.get(iri), lang)

    def label_text(self, iri: str) -> str:
        chosen = self.label(iri)
        return chosen.text if chosen else iri_tail(iri)

    def text_of(self, iri: str) -> str | None:
        return self._summary(doc_of(iri)).texts.get(iri)

    def label_lines(self, iri: str) -> list[str]:
        return self._summary(doc_of(iri)).lines.get(iri, [])

    def full_text_of(self, iri: str) -> str | None:
        summary = self._summary(doc_of(iri))
        return summary.full_texts.get(iri) or summary.texts.get(iri)

    def value(self, iri: str, prop: str) -> str | None:
        """As :meth:`GraphIndex.value <honlea_kg.publish.graphindex.GraphIndex.value>`."""
        for p, v in self._summary(doc_of(iri)).values.get(iri, ()):
            if p == prop:
                return v
        return None

    def values_of(self, iri: str, prop: str) -> list[str]:
        return [v for p, v in self._summary(doc_of(iri)).values.get(iri, ()) if p == prop]

    def meeting_code(self, iri: str) -> str | None:
        meeting = self.value(doc_of(iri), HLNS + "reportOf")
        return self.value(meeting, HLNS + "meetingCode") if meeting else None

    def type_counts(self) -> dict[str, int]:
        return self.index.type_counts()

    @property
    def predicate_counts(self) -> dict[str, int]:
        return self.index.predicate_counts()

    def label_triples(self, iris) -> list:
        iris = sorted(set(iris))
        self.prefetch(doc_of(i) for i in iris)
        lines = [line for iri in iris for line in sorted(self.label_lines(iri))]
        if not lines:
            return []
        return list(ox.parse(("\n".join(lines) + "\n").encode("utf-8"), format=ox.RdfFormat.N_TRIPLES))

    def documents(self, base: str, files: bool = True) -> list[str]:
        """Every document under ``base`` (not the base itself), sorted; without ``files``, not
        those that name published files."""
        return [d for d in self.index.documents(files) if d.startswith(base) and d != base.rstrip("/")]

    def iris_of_type(self, cls: str, base: str | None = None) -> list[str]:
        """The entities of class ``cls`` that the class indexes list, sorted (``base`` is the
        one the index was cut with)."""
        return self.index.members([cls]).get(cls, [])

    def files(self) -> "_Files":
        """The IRIs typed ``hl:TextManifestation`` (published files, not entity pages), as a
        container asked one IRI at a time."""
        return _Files(self)

    def dates(self) -> dict[str, str]:
        return self.index.dates()

    def members(self, classes=None, base: str | None = None) -> dict[str, list[str]]:
        return self.index.members(classes)

    @property
    def count(self) -> int:
        return self.index.count()


class _Files:
    def __init__(self, view: IndexView):
        self.view = view

    def __contains__(self, iri) -> bool:
        return TEXT_MANIFESTATION in (self.view.types.get(iri) or ())


class _TextMap:
    def __init__(self, docmap: _DocMap):
        self.docmap = docmap

    def get(self, doc: str, default: str = "") -> str:
        return self.docmap.text(doc) or default
