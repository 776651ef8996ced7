"""Which published files are *data files*: the files served with ``Access-Control-Allow-Origin: *``.

One definition, used by ``honlea-kg serve`` (:mod:`honlea_kg.serve`) and by the generated
``nginx.conf`` and ``.htaccess`` (:mod:`honlea_kg.publish.server_configs`), so the three always
agree (the tests run a real nginx and Apache httpd against ``serve``).

A data file is one that a program on another web site may want to read with ``fetch()``: the
RDF of every entity and of the dumps, the SPARQL queries and their results, the catalogue and
sitemap, the checksums, and each report's normalised text ``…/report/source.txt``, which the
``oa:TextPositionSelector`` offsets of every paragraph point into (Web Annotation Data Model,
section 4.2.1), so an annotation client must be able to fetch it across origins.  HTML pages,
style sheets and scripts are not data files.  CORS: WHATWG Fetch Standard, "CORS protocol"
(the ``Access-Control-Allow-Origin`` response header).

Public shape (stable; other modules and branches rely on it):

* :data:`DATA_EXTENSIONS` -- last file extensions (lower case) that make a file a data file;
* :data:`DATA_FILE_NAMES` -- whole file names that are data files whatever their extension;
* :data:`DATA_FILE_REGEX` -- the same rule as one PCRE/Python regular expression, to be matched
  case-insensitively against a URL path (nginx ``location ~*``) or a file's base name (Apache
  ``<FilesMatch>``, with ``(?i)``);
* :func:`is_data_file` -- the rule in Python, for a URL path, a file path or a base name;
* :data:`CORS_HEADERS` -- the header(s) a data file carries.
"""

from __future__ import annotations

import re

__all__ = ["DATA_EXTENSIONS", "DATA_FILE_NAMES", "DATA_FILE_REGEX", "CORS_HEADERS", "is_data_file"]

#: File extensions (the last one, lower case, without the dot) of data files: RDF (Turtle,
#: JSON-LD, N-Triples, TriG, N-Quads), the gzipped dump, JSON (``build-info.json``, query
#: results), XML (``sitemap.xml``), CSV, SPARQL queries (``.rq``).
DATA_EXTENSIONS: frozenset[str] = frozenset({"ttl", "jsonld", "nt", "trig", "nq", "gz", "json", "xml", "csv", "rq"})

#: Base names of data files whose extension alone does not say so: each report's normalised text
#: (``series/…/report/source.txt``, the target of the paragraphs' text selectors) and the
#: checksum list of the dumps (``SHA256SUMS``).
DATA_FILE_NAMES: frozenset[str] = frozenset({"source.txt", "SHA256SUMS"})

#: The rule as a regular expression (PCRE and Python syntax; match case-insensitively) for a URL
#: path (``/series/honlea-europe/12/report/source.txt``) or a base name (``source.txt``).
DATA_FILE_REGEX: str = (
    r"(?:^|/)(?:" + "|".join(re.escape(n) for n in sorted(DATA_FILE_NAMES)) + r")$"
    r"|\.(?:" + "|".join(sorted(DATA_EXTENSIONS)) + r")$"
)

#: Headers every data file carries (and every 303/406 answer about an entity or dump).
CORS_HEADERS: dict[str, str] = {"Access-Control-Allow-Origin": "*"}

_DATA_FILE = re.compile(DATA_FILE_REGEX, re.IGNORECASE)


def is_data_file(path: str) -> bool:
    """True when the file at ``path`` (a URL path, a file-system path with ``/`` separators, or a
    base name) is a data file and gets :data:`CORS_HEADERS`.  ``"/state/NLD/index.ttl"``,
    ``"dataset.nt.gz"``, ``"series/honlea-europe/12/report/source.txt"`` and ``"SHA256SUMS"`` are;
    ``"index.html"``, ``"style.css"`` and ``"robots.txt"`` are not."""
    return bool(_DATA_FILE.search(path))
