"""Text normalisation steps, each a small pure function on one string (or one decision).

The reader (:mod:`honlea_kg.reader`) applies the *line* steps to every physical line of a report
before it recognises page furniture and unwraps hard-wrapped lines into logical blocks:

1. :func:`broken_chars`, :func:`nfc`, :func:`ligatures`, :func:`invisible`, :func:`odd_spaces`,
   :func:`control_chars` (:data:`CHAR_STEPS`, never change what a line *says*, only how its
   characters are encoded);
2. page furniture is recognised on those lines (:func:`furniture_kind`), before any markup is
   removed (a barcode ``*1704747*`` looks like Markdown emphasis);
3. :func:`markup`, :func:`markdown_escapes`, :func:`markdown_emphasis`, :func:`label_tab`
   (:data:`MARKUP_STEPS`) remove what converters add around the words;
4. line-end hyphenation is decided by :func:`dehyphenate` with a :class:`HyphenLexicon` built
   from the document itself, and :func:`collapse_spaces` gives the block its single spaces.

None of the line steps changes the line structure, so line numbers survive.  Every literal that
reaches the graph passes :func:`clean_literal` (no control characters, no tabs, NFC).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

#: Space characters other than U+0020 that converters leave in UN texts (NBSP, narrow NBSP,
#: figure space, thin/hair spaces, ideographic space...): Unicode category Zs.
_ODD_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
#: Zero-width characters and the soft hyphen (U+00AD), invisible in print.
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff]")
#: C0/C1 control characters except TAB (kept as a table-cell separator), e.g. the form feed a
#: PDF page break leaves, and the Unicode line/paragraph separators.
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]")
_MD_LINK = re.compile(r"\[([^\]\n]*)\]\((?:#[^)\s]*|[^)\s]*)\)")
_HTML_TAG = re.compile(r"</?(?:i|b|em|strong|u|sup|sub|span|p|br|small|font)\b[^>]*>", re.I)
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_MD_STRONG = re.compile(r"(?<![\w*\\])(\*\*|__)(?=\S)(.+?)(?<=\S)\1(?![\w*])")
_MD_EM = re.compile(r"(?<![\w*\\])\*(?=[^\s*])([^*\n]*?[^\s*\\])\*(?![\w*])"
                    r"|(?<![\w\\])_(?=[^\s_])([^_\n]*?[^\s_\\])_(?![\w])")
_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
_LABEL_TAB = re.compile(r"^(\s*(?:\d{1,4}\.|\((?:[a-z]{1,3}|[ivxlc]{1,6})\)|[IVXLC]{1,7}\.|[A-Z]\.))\t+")

# --- page furniture (UN document production conventions, as printed on every page) ---------
#: UN job number: ``V.17-04747 (E)``, ``17-04747``, optionally with the ``(E)`` language tag.
JOB_NUMBER = r"(?:[A-Z]\.)?\d{2}-\d{5}(?:\s*\([A-Z]\))?"
#: Barcode line: the job number without dash between asterisks, ``*1704747*``.
BARCODE = r"\*\d{6,8}\*"
#: Page number ``2/9`` (page/pages).
PAGE_NUMBER = r"\d{1,3}/\d{1,3}"
#: Processing dates printed after the job number (``110717    120717``).
STAMP = r"\d{6}"
_FURNITURE_TOKEN = re.compile(rf"(?:{JOB_NUMBER}|{BARCODE}|{PAGE_NUMBER}|{STAMP})")
_FOOTNOTE_RULE = re.compile(r"^\s*[_\u2014\u2015-]{5,}\s*$")
#: The stamp of advance versions, printed on every page (genre-variations item 7).
_ADVANCE_STAMP = re.compile(r"^\s*ADVANCE\s+UNEDITED(?:\s+VERSION)?\s*$", re.I)
_BARCODE_PREFIX = re.compile(rf"^\s*{BARCODE}\s*")
#: A processing date written out after the job number on the first page's foot
#: (``V.17-04747 (E)    5 July 2017``, as the synthetic corpus's PDF layout prints it; the numeric
#: form ``110717`` is :data:`STAMP`): dropped with the job number it follows, never alone.
_JOB_WRITTEN_DATE = re.compile(
    rf"^(?P<job>{JOB_NUMBER})\s+\d{{1,2}}\s+(?:January|February|March|April|May|June|July|August|September|"
    r"October|November|December)\s+(?:19|20)\d\d$")


def nfc(text: str) -> str:
    """Unicode Normalization Form C (UAX #15): ``"Tu\\u0308rkiye"`` -> ``"Türkiye"``."""
    return unicodedata.normalize("NFC", text)


#: Latin ligature characters (Unicode Alphabetic Presentation Forms, U+FB00-U+FB06) that PDF
#: text layers carry for ``ﬁ``, ``ﬂ``, ``ﬀ``, ``ﬃ``, ``ﬄ``, ``ﬅ``, ``ﬆ``: decomposed by their
#: compatibility mapping (UAX #15, NFKC of these code points only).
_LIGATURES = re.compile("[\ufb00-\ufb06]")
#: Unpaired UTF-16 surrogates (a broken font map) and pdfminer's ``(cid:N)`` for a glyph it
#: could not map: both become U+FFFD REPLACEMENT CHARACTER.
_BROKEN = re.compile(r"[\ud800-\udfff]|\(cid:\d+\)")


def ligatures(text: str) -> str:
    """Decompose ligature characters: ``"ﬁnancial"`` -> ``"financial"``, ``"e\ufb03cient"`` ->
    ``"efficient"``."""
    return _LIGATURES.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text) if _has_lig(text) else text


def _has_lig(text: str) -> bool:
    return any("\ufb00" <= c <= "\ufb06" for c in text)


def broken_chars(text: str) -> str:
    """Replace what a broken font map leaves (unpaired surrogates, ``(cid:N)``) with U+FFFD, so
    that the text can be encoded and the loss is visible (the PDF reader warns, naming the page)."""
    return _BROKEN.sub("\ufffd", text)


def odd_spaces(text: str) -> str:
    """Replace non-breaking and other Unicode spaces (category Zs) with U+0020."""
    return _ODD_SPACES.sub(" ", text)


def invisible(text: str) -> str:
    """Drop soft hyphens (U+00AD) and zero-width characters (U+200B-U+200D, U+2060, U+FEFF)."""
    return _INVISIBLE.sub("", text)


def control_chars(text: str) -> str:
    """Replace control characters (form feed, vertical tab, NUL, C1 controls) with a space.

    TAB is kept: the reader uses it to split table cells; literals never receive it
    (:func:`clean_literal`).
    """
    return _CONTROL.sub(" ", text)


def markup(text: str) -> str:
    """Remove markup the converters leave: ``[SYMBOL](#)`` links -> ``SYMBOL``, ``<i>`` tags."""
    return _HTML_TAG.sub("", _MD_LINK.sub(r"\1", text))


def markdown_escapes(text: str) -> str:
    """Undo Markdown backslash escapes: ``44\\.`` -> ``44.``, ``\\(a\\)`` -> ``(a)``
    (CommonMark 0.31, section 2.4)."""
    return _MD_ESCAPE.sub(r"\1", text) if "\\" in text else text


def markdown_emphasis(text: str) -> str:
    """Remove Markdown emphasis delimiters: ``*Chair:*`` -> ``Chair:``, ``**x**``/``__x__``/``_x_``
    -> ``x`` (CommonMark 0.31, section 6.2, left/right-flanking runs only).

    A lone ``*`` (a footnote marker such as ``English*``) is left alone.
    """
    if "*" not in text and "_" not in text:
        return text
    text = _MD_STRONG.sub(r"\2", text)
    return _MD_EM.sub(lambda m: m.group(1) if m.group(1) is not None else m.group(2), text)


def markdown_heading(text: str) -> tuple[int, str] | None:
    """``"### 1. Use of ..."`` -> ``(3, "1. Use of ...")``; ``None`` if not an ATX heading
    (CommonMark 0.31, section 4.2)."""
    if "#" not in text[:4]:
        return None
    m = _MD_HEADING.match(text)
    return (len(m.group(1)), m.group(2)) if m else None


def label_tab(text: str) -> str:
    """A tab right after a leading label becomes one space: ``"1.\\tParticipants"`` ->
    ``"1. Participants"`` (Word documents separate the number from the text with a tab)."""
    return _LABEL_TAB.sub(r"\1 ", text) if "\t" in text else text


def collapse_spaces(text: str) -> str:
    """Strip the line and collapse runs of spaces (not tabs) to one: ``"1.     Participants  in"``
    -> ``"1. Participants in"``."""
    return re.sub(r" {2,}", " ", text.strip(" "))


def trim(text: str) -> str:
    """Strip trailing white space; collapse runs of spaces (not tabs) after the indentation."""
    body = text.rstrip()
    indent = len(body) - len(body.lstrip(" "))
    return body[:indent] + re.sub(r" {2,}", " ", body[indent:])


#: Character-level steps, applied to every raw line first.
CHAR_STEPS = (broken_chars, nfc, ligatures, invisible, odd_spaces, control_chars)
#: Markup steps, applied after page furniture has been recognised.
MARKUP_STEPS = (markup, markdown_escapes, markdown_emphasis, label_tab)
LINE_STEPS = CHAR_STEPS + MARKUP_STEPS + (trim,)


def normalize_chars(text: str) -> str:
    """Apply :data:`CHAR_STEPS` to one line."""
    for step in CHAR_STEPS:
        text = step(text)
    return text


def remove_markup(text: str) -> str:
    """Apply :data:`MARKUP_STEPS` to one line."""
    for step in MARKUP_STEPS:
        text = step(text)
    return text


def normalize_line(text: str) -> str:
    """Apply every step of :data:`LINE_STEPS` to one line (keeps leading indentation)."""
    for step in LINE_STEPS:
        text = step(text)
    return text


def clean_literal(text: str) -> str:
    """Text as it may enter an RDF literal: NFC, no control characters (TAB included), single
    spaces, stripped."""
    text = _CONTROL.sub(" ", nfc(text)).replace("\t", " ")
    return re.sub(r"\s+", " ", text).strip()


# --- page furniture ------------------------------------------------------------------------

def is_footnote_rule(text: str) -> bool:
    """True for the short rule that separates footnotes from the page body (``__________``)."""
    return bool(_FOOTNOTE_RULE.match(text))


def strip_barcode(text: str) -> str:
    """Remove a barcode glued to the start of a line: ``"*1704747*UNODC/HONEURO/12/6"`` ->
    ``"UNODC/HONEURO/12/6"``."""
    return _BARCODE_PREFIX.sub("", text, count=1)


def furniture_kind(text: str, running_headers: frozenset[str] = frozenset()) -> str | None:
    """Classify a line as page furniture, or return ``None`` for content.

    Furniture lines (UN Editorial Manual / document production: printed in every page's header
    or footer) are the stamp ``ADVANCE UNEDITED`` or are made only of job numbers
    (``V.17-04747 (E)``), processing date stamps (``110717``, or a date written out after the job
    number: ``V.17-04747 (E)  5 July 2017``), barcodes (``*1704747*``), page numbers (``2/9``) and
    running headers (lines in
    ``running_headers``, e.g. the document symbol), separated by white space.  Returns
    ``"page"`` if the line holds a page number or a job number (it marks a page boundary), else
    ``"header"``.
    """
    s = text.strip()
    if not s:
        return None
    if _ADVANCE_STAMP.match(s):
        return "header"
    written = _JOB_WRITTEN_DATE.match(s)
    if written:
        s = written.group("job")
    found_page = False
    rest = s
    if running_headers:
        for h in running_headers:
            if h and h in rest:
                rest = rest.replace(h, " ")
    tokens = rest.split()
    if not tokens:
        return "header"
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        # the job number's language tag is a separate token: "V.17-04747 (E)"
        if i + 1 < len(tokens) and re.fullmatch(r"\([A-Z]\)", tokens[i + 1]):
            tok = tok + " " + tokens[i + 1]
            i += 1
        if not _FURNITURE_TOKEN.fullmatch(tok):
            # a barcode glued to a header or job number: "*1704747*V.17-04747"
            m = re.fullmatch(rf"({BARCODE})(.+)", tok)
            if not (m and _FURNITURE_TOKEN.fullmatch(m.group(2))):
                return None
            tok = m.group(2)
        if re.fullmatch(rf"{PAGE_NUMBER}|{JOB_NUMBER}", tok):
            if re.fullmatch(PAGE_NUMBER, tok):
                a, b = tok.split("/")
                if not (0 < int(a) <= int(b)):
                    return None
            found_page = True
        i += 1
    if len(tokens) == 1 and re.fullmatch(STAMP, tokens[0]):
        return None  # a lone six-digit number is not furniture
    return "page" if found_page else "header"


# --- line-end hyphenation ------------------------------------------------------------------

_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")

#: First elements that make real hyphenated compounds in UN English (UN Editorial Manual,
#: "Hyphenation"; UN Terminology Database usage): a line-end hyphen after one of them is kept
#: when the document itself gives no evidence either way.
COMPOUND_HEADS = frozenset("""
non self cross cyber well vice co ex e follow money drug gender age health law anti counter
multi post pre inter intra socio long short high low full part small large mid semi quasi
policy decision follow-up case task time cost evidence risk rule web
""".split())

#: Word endings that are never words of their own: a line-end hyphen before one of them is a
#: typographic break (``Enforce-`` + ``ment``), so the parts are joined.
SUFFIX_FRAGMENTS = frozenset("""
ment ments tion tions sion sions ing ings ed ly ity ities ance ances ence ences ness ive ives
al ally ous able ible ure ures ist ists ism isms ize ized izes izing ise ised ises ising er ers
or ors ary ory ic ics ical ate ated ates ating es s y ies ant ants ent ents ful ship ships
cy ogy ogies ial ially ional ation ations ition itions
""".split())


class HyphenLexicon:
    """Word counts of one document, to decide line-end hyphens from the document itself.

    Built once from all the document's content lines (``O(n)``); ``counts`` maps lower-cased
    words and hyphenated compounds (``drug-related``) to their number of occurrences.
    """

    def __init__(self, lines: Iterable[str]):
        counts: Counter[str] = Counter()
        for line in lines:
            counts.update(w.lower() for w in _WORD.findall(line))
        self.counts = counts
        #: first elements of the document's hyphenated compounds (``anti`` of ``anti-drug``)
        self.heads: Counter[str] = Counter(w.split("-")[0] for w in counts if "-" in w)

    def __contains__(self, word: str) -> bool:
        return self.counts.get(word.lower(), 0) > 0

    def count(self, word: str) -> int:
        """Occurrences of ``word`` (case-insensitive) in the document."""
        return self.counts.get(word.lower(), 0)


#: Compound-forming first elements that UN English always hyphenates (``follow-up``,
#: ``cross-border``, ``well-being``, ``decision-making``, ``non-State``): kept before the general
#: word list is asked, which knows ``followup`` and ``wellbeing`` as words.
STRONG_HEADS = frozenset("""
self cross well follow vice ex non decision evidence money drug gender age cyber policy case task
time cost risk rule web law health long short high low full part small large mid quasi socio e
""".split())

_ZIPF = None


def english_zipf(word: str) -> float:
    """Frequency of ``word`` in general English on the Zipf scale (0 = unknown, 3 = once per
    million words), from ``wordfreq`` (its ``en`` list, built from Wikipedia, subtitles, books,
    news and the web; loaded on first use, about 0.2 s).  ``0.0`` if wordfreq is unavailable."""
    global _ZIPF
    if _ZIPF is None:
        try:
            from wordfreq import zipf_frequency
        except ImportError:  # pragma: no cover - a declared dependency
            _ZIPF = lambda w, lang: 0.0  # noqa: E731
        else:
            _ZIPF = zipf_frequency
    return _ZIPF(word, "en")


def dehyphenate(head: str, tail: str, lexicon: HyphenLexicon) -> bool:
    """Decide whether a line ending in ``head`` (ending with ``-``) and the next line starting
    with ``tail`` are one word broken by a typographic hyphen (``True``: drop the hyphen and
    join) or a real hyphenated compound (``False``: keep the hyphen, join without a space).

    The caller has already ruled out suspended hyphens (``gender- and age-``).  The order of the
    evidence: (1) the hyphenated compound occurs unbroken elsewhere in the document -> keep;
    (2) the joined word occurs elsewhere -> join; (3) a digit or a capital after the hyphen
    (``South-Eastern``, ``COVID-19``) -> keep; (4) the tail is a suffix fragment such as
    ``ment``/``tion`` -> join; (5) the head is an element UN English always hyphenates
    (:data:`STRONG_HEADS`: ``follow-``, ``cross-``, ``non-``) or one the document hyphenates in
    other compounds (``anti-`` of ``anti-drug``) -> keep; (6) a general English word
    list (:func:`english_zipf`, wordfreq): the joined form is a known word (Zipf 1.5 or more:
    ``inter-national``, ``psycho-active``) -> join, the joined form is unknown while both parts
    are words (``evidence-based``, ``sixty-second``) -> keep; (7) the head is another
    compound-forming element of :data:`COMPOUND_HEADS` (``anti-``, ``multi-``) -> keep;
    (8) otherwise join (line-end hyphens in typeset UN documents are mostly typographic).
    """
    hw = _WORD.findall(head)
    tw = _WORD.findall(tail)
    if not hw or not tw or not tail[:1].isalpha():
        return False
    first, second = hw[-1], tw[0]
    second_first = second.split("-")[0]
    if f"{first}-{second}".lower() in lexicon:
        return False
    if f"{first}{second}".lower() in lexicon:
        return True
    if second[:1].isupper() or any(c.isdigit() for c in tail[:len(second) + 1]):
        return False
    if second_first.lower() in SUFFIX_FRAGMENTS:
        return True
    last_element = first.split("-")[-1].lower()
    if last_element in STRONG_HEADS or lexicon.heads.get(last_element, 0) > 0:
        return False
    joined = f"{last_element}{second_first.lower()}"
    z = english_zipf(joined)
    if z >= 1.5:
        return True
    if z == 0.0 and english_zipf(last_element) > 0 and english_zipf(second_first.lower()) > 0:
        return False
    if last_element in COMPOUND_HEADS:
        return False
    return True


#: Words after a line-end hyphen that show a suspended hyphen (``gender- and age-disaggregated``).
SUSPENDED_NEXT = frozenset({"and", "or", "nor", "to", "as"})


def is_suspended_hyphen(tail: str) -> bool:
    """True if a line-final ``X-`` is followed by ``and``/``or``...: a suspended compound,
    joined with a space (``gender- and age-disaggregated``)."""
    first = tail.split(" ", 1)[0].lower()
    return first in SUSPENDED_NEXT
