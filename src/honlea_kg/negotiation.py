"""HTTP content negotiation (RFC 9110 section 12.5.1) and minimal status pages, shared by the
linked-data server (:mod:`honlea_kg.serve`) and the SPARQL endpoint (:mod:`honlea_kg.endpoint`),
so that neither imports the other."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass


_TOKEN_RE = re.compile(r"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")


@dataclass(frozen=True)
class MediaRange:
    """One parsed element of an ``Accept`` header: ``type/subtype``, its weight ``q`` (0..1)
    and its specificity (0 for ``*/*``, 1 for ``type/*``, 2 for ``type/subtype``, 3 when it
    also has parameters)."""

    type: str
    subtype: str
    q: float
    specificity: int


def parse_accept(accept_header: str) -> list[MediaRange]:
    """Parse an ``Accept`` field value (RFC 9110 section 12.5.1) into media ranges, with
    Werkzeug's parser (``werkzeug.http.parse_accept_header``: quoted strings, ``q`` values,
    parameters).

    Types are lower-cased.  Elements that are not ``type/subtype`` (or ``*/*``, ``type/*``)
    or whose ``q`` is not a valid qvalue (``0``..``1``, at most three decimals) are dropped, as
    RFC 9110 section 12.5.1 lets a server ignore what it cannot parse.  Parameters other than
    ``q`` (``charset``, ``profile``, ``level``) do not restrict matching here but count for
    specificity.  The ranges come in Werkzeug's order (:func:`negotiate` does not depend on it).
    """
    from werkzeug.datastructures import MIMEAccept
    from werkzeug.http import parse_accept_header, parse_options_header

    ranges: list[MediaRange] = []
    for value, q in parse_accept_header(accept_header or "", MIMEAccept):
        mime, params = parse_options_header(value)
        mtype, slash, msub = mime.strip().lower().partition("/")
        if not slash or not _TOKEN_RE.match(mtype) or not _TOKEN_RE.match(msub):
            continue
        if mtype == "*" and msub != "*":
            continue
        specificity = 0 if mtype == "*" else 1 if msub == "*" else 3 if params else 2
        ranges.append(MediaRange(mtype, msub, float(q), specificity))
    return ranges


def _quality(media_type: str, ranges: list[MediaRange], allow_wildcards: bool) -> tuple[float, int]:
    """(q, specificity) of the most specific range matching ``media_type``; (-1, -1) if none.

    Among equally specific matches the highest q counts (a header listing ``text/html`` twice).
    """
    mtype, _, msub = media_type.partition("/")
    best_spec, best_q = -1, -1.0
    for r in ranges:
        if r.type == "*" or r.subtype == "*":
            if not allow_wildcards:
                continue
            if r.type != "*" and r.type != mtype:
                continue
        elif (r.type, r.subtype) != (mtype, msub):
            continue
        if r.specificity > best_spec or (r.specificity == best_spec and r.q > best_q):
            best_spec, best_q = r.specificity, r.q
    return best_q, best_spec


def negotiate(accept_header: str | None, available: list[str], aliases: dict[str, str]) -> str | None:
    """Choose one of ``available`` (canonical media types, in server preference order) for an
    ``Accept`` header, following RFC 9110 section 12.5.1.

    * Each available type gets the weight of the *most specific* media range matching it
      (``text/turtle`` over ``text/*`` over ``*/*``), so ``text/html;q=0, */*`` excludes HTML.
      Alias types (``aliases``; :data:`honlea_kg.serve.ALIASES`: ``application/xhtml+xml`` for HTML,
      ``application/json`` for JSON-LD, ``text/plain`` for N-Triples) count only when named
      explicitly; wildcards match the canonical type only.  A type's weight is the best of its
      own and its aliases'.
    * The highest weight wins; ``q=0`` means "not acceptable".  Ties go to the type matched by
      the more specific range (``text/turtle, */*`` gives Turtle), then to the earlier entry of
      ``available`` (our order :data:`honlea_kg.serve.PREFERENCE`: HTML, Turtle, JSON-LD, N-Triples, TriG,
      N-Quads), so a browser's ``text/html,application/xhtml+xml,...,*/*;q=0.8`` gets HTML and
      ``text/turtle;q=1, text/html;q=0.5`` gets Turtle.
    * A missing, empty or wholly unparseable header means "anything" and gives
      ``available[0]``.

    :param accept_header: the field value, or ``None`` when the request had none.
    :param available: canonical media types the resource exists in, most preferred first.
    :returns: the chosen media type, or ``None`` when none is acceptable (answer 406).
    """
    if not available:
        return None
    ranges = parse_accept(accept_header or "")
    if not ranges:
        return available[0]
    best: tuple[float, int, int] | None = None
    chosen = None
    for index, media_type in enumerate(available):
        q, spec = _quality(media_type, ranges, allow_wildcards=True)
        for alias, canonical in aliases.items():
            if canonical == media_type:
                aq, aspec = _quality(alias, ranges, allow_wildcards=False)
                if (aq, aspec) > (q, spec):
                    q, spec = aq, aspec
        if q <= 0:
            continue
        key = (q, spec, -index)
        if best is None or key > best:
            best, chosen = key, media_type
    return chosen



def page(title: str, body_html: str) -> bytes:
    """A minimal HTML page (status pages: 303, 400, 404, 405, 406)."""
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\">"
        f"<title>{html.escape(title)}</title></head>\n<body>\n<h1>{html.escape(title)}</h1>\n"
        f"{body_html}\n</body>\n</html>\n"
    ).encode("utf-8")


__all__ = ["MediaRange", "negotiate", "page", "parse_accept"]
