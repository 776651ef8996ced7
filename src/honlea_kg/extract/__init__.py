"""Extraction: segmented report -> facts.

The grammar modules here (:mod:`.symbols`, :mod:`.citations`, :mod:`.dates`, :mod:`.ordinals`)
are pure functions over strings; they raise :class:`ParseError` for documented failures.
"""

from __future__ import annotations

from ..model import HonleaError


class ParseError(HonleaError):
    """A string does not have the form a grammar expects (not a UN document symbol, an invalid
    calendar date, a symbol range whose end is below its start, an unknown ordinal word ...).

    ``text`` is the offending input (possibly shortened by the raiser), kept for messages and tests.
    """

    def __init__(self, message: str, text: str | None = None, path=None, line=None):
        super().__init__(message, path=path, line=line)
        self.text = text


__all__ = ["ParseError"]
