"""Text normalisation steps, each a small pure function on one string.

The reader applies them to every line of a report before segmentation, in the order of
:data:`LINE_STEPS`.  None of them changes the line structure, so line numbers survive.
"""

from __future__ import annotations

import re
import unicodedata

#: Space characters other than U+0020 that converters leave in UN texts (NBSP, narrow NBSP,
#: figure space, thin/hair spaces, ideographic space...): Unicode category Zs.
_ODD_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
#: Zero-width characters and the soft hyphen (U+00AD), invisible in print.
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff]")
#: C0/C1 control characters except TAB (kept as a table-cell separator), e.g. the form feed a
#: PDF page break leaves.
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]")
_MD_LINK = re.compile(r"\[([^\]\n]*)\]\((?:#|[^)\s]*)\)")
_HTML_TAG = re.compile(r"</?(?:i|b|em|strong|u|sup|sub|span|p|br)\b[^>]*>", re.I)
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")


def nfc(text: str) -> str:
    """Unicode Normalization Form C (UAX #15): ``"Tu\\u0308rkiye"`` -> ``"Türkiye"``."""
    return unicodedata.normalize("NFC", text)


def odd_spaces(text: str) -> str:
    """Replace non-breaking and other Unicode spaces with U+0020."""
    return _ODD_SPACES.sub(" ", text)


def invisible(text: str) -> str:
    """Drop soft hyphens (U+00AD) and zero-width characters."""
    return _INVISIBLE.sub("", text)


def control_chars(text: str) -> str:
    """Replace control characters (form feed, vertical tab, NUL, C1 controls) with a space.

    TAB is kept: the reader uses it to split table cells; literals never receive it.
    """
    return _CONTROL.sub(" ", text)


def markup(text: str) -> str:
    """Remove markup the converters leave: ``[SYMBOL](#)`` links -> ``SYMBOL``, ``<i>`` tags."""
    return _HTML_TAG.sub("", _MD_LINK.sub(r"\1", text))


def markdown_escapes(text: str) -> str:
    """Undo Markdown backslash escapes: ``44\\.`` -> ``44.`` (CommonMark 0.31, section 2.4)."""
    return _MD_ESCAPE.sub(r"\1", text)


def trim(text: str) -> str:
    """Strip trailing white space; collapse runs of spaces (not tabs) inside the line."""
    return re.sub(r" {2,}", " ", text.rstrip())


LINE_STEPS = (nfc, invisible, odd_spaces, control_chars, markup, trim)


def normalize_line(text: str) -> str:
    """Apply every step of :data:`LINE_STEPS` to one line."""
    for step in LINE_STEPS:
        text = step(text)
    return text


def clean_literal(text: str) -> str:
    """Text as it may enter an RDF literal: NFC, no control characters (TAB included), single
    spaces, stripped."""
    text = _CONTROL.sub(" ", nfc(text)).replace("\t", " ")
    return re.sub(r"\s+", " ", text).strip()
