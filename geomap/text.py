"""Sentence and paragraph boundaries as character offsets into the original text.

Recognition and incident extraction both need to know which words share a
sentence; keeping offsets (not copies of strings) lets every fact point back at
its words. Rules are deliberately few: a blank line ends a paragraph, a line
break ends a sentence unless the next line starts in lower case (hard-wrapped
text), and ``.``/``!``/``?`` (plus closing quotes or brackets) ends a sentence
when followed by space and a capital, digit or opening quote, except after a
known abbreviation ("Mr.", "Jan.", "U.S.").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

__all__ = [
    "EXCERPT_CHARS",
    "dateline_spans",
    "excerpt",
    "paragraph_spans",
    "sentence_at",
    "sentence_index",
    "sentence_spans",
]

Span = tuple[int, int]

_ABBREVIATIONS = frozenset(
    re.findall(
        r"\w+",
        """
        mr mrs ms dr prof sen rep gov gen lt col maj capt cpt sgt adm cmdr st ste mt ft
        jr sr rev hon pres supt insp det no nos vol fig approx est dept univ inc corp ltd co
        vs etc al jan feb mar apr jun jul aug sep sept oct nov dec
        """,
    )
)
"""Words that end in a period without ending the sentence (lower case, no dot)."""

_SENTENCE_STARTERS = frozenset(
    re.findall(
        r"\w+",
        "the a an he she it they we i in on at but and this that there his her its their "
        "our after before when while as however meanwhile",
    )
)
"""After an initialism ("U.S.") a following capital starts a sentence only for these."""

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_LINE_BREAK = re.compile(r"\n")
_CLOSERS = "\"'\u201d\u2019)\\]"
_OPENERS = "\"'\u201c\u2018(\\["
_TERMINATOR = re.compile(
    rf"[.!?]+[{_CLOSERS}]*(?=\s+[{_OPENERS}]?[A-Z0-9])"
    rf"|(?<=[a-z]{{2}})[.!?][{_CLOSERS}]*(?=[{_OPENERS}]?[A-Z][a-z]+\b)"
)
"""A full stop before a capital; or one a scraped page left with no space after it
("... the city of Quetta.In May, suicide bombers ...", '... Gaza Strip."Furthermore'),
between two words."""
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
_WORD_WINDOW = 64
"""Characters looked back for the word before a full stop: searching from the line's start
each time would make splitting quadratic in the line's length."""
_NEXT_CHAR = re.compile(r"\s*(\S)")
_MID_SENTENCE = re.compile(r"[\w,;\u2013\u2014-][ \t]*$")
"""A line that stops on a word or a comma: the sentence goes on below."""
_WRAPPED_LINES = 3
_WRAPPED_SHARE = 0.25
"""A paragraph of at least this many line breaks, this share of them going on in lower
case, is text wrapped at a fixed width (a plain-text page, a copied e-mail), not lines
of their own (a headline, a list)."""
_NEXT_WORD = re.compile(rf"\s+[{_OPENERS}]?([A-Za-z]+)")


def paragraph_spans(text: str) -> list[Span]:
    """(start, end) of each paragraph, blank lines being the separators."""
    spans: list[Span] = []
    start = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        spans.extend(_strip(text, start, match.start()))
        start = match.end()
    spans.extend(_strip(text, start, len(text)))
    return spans


def sentence_spans(text: str) -> list[Span]:
    """(start, end) of each sentence, stripped of surrounding white space, in order."""
    spans: list[Span] = []
    for para_start, para_end in paragraph_spans(text):
        for line_start, line_end in _lines(text, para_start, para_end):
            spans.extend(_split_line(text, line_start, line_end))
    return spans


def sentence_at(spans: Sequence[Span], offset: int) -> Span:
    """The sentence holding ``offset``; between sentences, the one before it.

    Raises ValueError when ``spans`` is empty.
    """
    if not spans:
        raise ValueError("no sentences")
    return spans[sentence_index([start for start, _ in spans], offset)]


def sentence_index(starts: Sequence[int], offset: int) -> int:
    """Index of the sentence holding ``offset``, given each sentence's start in order;
    between sentences, the one before it (the first, before any)."""
    return max(bisect.bisect_right(starts, offset) - 1, 0)


def _strip(text: str, start: int, end: int) -> list[Span]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return [(start, end)] if start < end else []


def _lines(text: str, start: int, end: int) -> list[Span]:
    """Split a paragraph at line breaks, joining lines that continue in lower case; in a
    paragraph wrapped at a fixed width (many of its lines go on in lower case), also
    joining a line that stops mid-sentence ("killed a National\nPolice Reservist")."""
    breaks = list(_LINE_BREAK.finditer(text, start, end))
    continued = [_NEXT_CHAR.match(text, m.end(), end) for m in breaks]
    lower = sum(1 for c in continued if c is not None and c.group(1).islower())
    wrapped = len(breaks) >= _WRAPPED_LINES and lower >= len(breaks) * _WRAPPED_SHARE
    lines: list[Span] = []
    line_start = start
    for match, following in zip(breaks, continued, strict=True):
        if following is not None and following.group(1).islower():
            continue
        if wrapped and _MID_SENTENCE.search(text, line_start, match.start()):
            continue
        lines.extend(_strip(text, line_start, match.start()))
        line_start = match.end()
    lines.extend(_strip(text, line_start, end))
    return lines


def _split_line(text: str, start: int, end: int) -> list[Span]:
    spans: list[Span] = []
    sentence_start = start
    for match in _TERMINATOR.finditer(text, start, end):
        if not _ends_sentence(text, match, end):
            continue
        spans.extend(_strip(text, sentence_start, match.end()))
        sentence_start = match.end()
    spans.extend(_strip(text, sentence_start, end))
    return spans


def _ends_sentence(text: str, match: re.Match[str], end: int) -> bool:
    if text[match.start()] != ".":
        return True
    before = _WORD_BEFORE.search(text, max(match.start() - _WORD_WINDOW, 0), match.start())
    if before is None:
        return True
    word = before.group(1)
    if "." in word or (len(word) == 1 and word.isupper()):
        # Initialism such as "U.S." or a middle initial: a new sentence only if a
        # typical sentence opener follows.
        following = _NEXT_WORD.match(text, match.end(), end)
        return following is not None and following.group(1).lower() in _SENTENCE_STARTERS
    return word.lower() not in _ABBREVIATIONS


EXCERPT_CHARS = 600
"""Longest sentence quoted whole as evidence; a longer one (a list of 5,000 towns, a
table flattened to one line) is quoted as this many characters around the place."""
ELLIPSIS = "\u2026"


def excerpt(
    text: str,
    span: Span | None = None,
    focus: Span | None = None,
    *,
    limit: int = EXCERPT_CHARS,
) -> str:
    """The sentence ``text[span]`` (all of ``text`` when None) whole when it is short,
    else about ``limit`` characters of it around ``focus`` (offsets into ``text``; the
    sentence's start when None), cut at spaces and marked with an ellipsis where cut.

    Evidence is copied into every place, area and incident that quotes it: quoting at
    most ``limit`` characters keeps a map's size linear in the article's, however long
    one of its sentences is.  Only the quoted part of ``text`` is ever copied.
    """
    first, last = span if span is not None else (0, len(text))
    if last - first <= limit:
        return text[first:last]
    centre = (focus[0] + focus[1]) // 2 if focus is not None else first
    start = min(max(centre - limit // 2, first), last - limit)
    end = start + limit
    if start > first:
        space = text.find(" ", start, start + 40)
        start = space + 1 if space >= 0 else start
    if end < last:
        space = text.rfind(" ", end - 40, end)
        end = space if space > start else end
    body = text[start:end].strip()
    return f"{ELLIPSIS if start > first else ''}{body}{ELLIPSIS if end < last else ''}"


_MONTH_WORD = (
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
)
_DATELINE_DATE = rf"(?:,?\s+{_MONTH_WORD}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?)"
_DATELINE_AGENCY = r"(?:,?\s*\([^()\n]{1,40}\))"
_DATELINE_END = r"\s*(?:[-\u2013\u2014]{1,2}|:|\u00e2[\u20ac\s]?[\u201c\u201d])\s"
"""A dash or a colon; or a dash garbled by a page read in the wrong encoding: the UTF-8 of
an em or en dash read as Windows-1252 ("â€”", "â€“", or "â ”" with the middle byte lost)."""
_CAPS_DATELINE = re.compile(
    r"(?<![\w,.(])(?P<place>[A-Z][A-Z'\u2019.-]{2,}(?:(?:\s*/\s*|\s)[A-Z][A-Z'\u2019.-]{1,})*)"
    r"(?:,\s*[A-Z][\w'\u2019.-]*(?:\s[A-Z][\w'\u2019.-]*){0,2}){0,2}"
    rf"(?:{_DATELINE_DATE}?{_DATELINE_AGENCY}?(?:\.\s+[A-Z]{{2,}})?{_DATELINE_END}"
    rf"(?:{_DATELINE_AGENCY}{_DATELINE_END})?|{_DATELINE_DATE}\s+(?=[A-Z\"\u201c]))"
)
"""An all-capitals place, its country or state, a date and the agency, then a dash or a
colon: "CAIRO — (AP) —", "TEHRAN, Iran, February 22, 2005 (ENS) -", "ADEN/SANAA:"; or a
date and the story's first word, as wire copy stripped of its agency tag writes it:
"KABUL Aug 5 Heavy rains ..."."""
_LINE_DATELINE = re.compile(
    r"(?m)^[ \t]*(?:date\s+\d{4}-\d{2}-\d{2}\s+)?(?:\([^()\n]{1,40}\)\s*)?"
    r"(?P<place>[A-Z][\w'\u2019.-]*(?:(?:\s*/\s*|\s)[A-Z][\w'\u2019.-]*){0,3})"
    r"(?:\s*\[[A-Z][^\[\]\n]{1,30}\])?"
    rf"(?:{_DATELINE_DATE}{_DATELINE_AGENCY}?(?:{_DATELINE_END}|\s+(?=[A-Z0-9]))"
    rf"|{_DATELINE_AGENCY}?{_DATELINE_END}(?=[A-Z0-9\"\u201c])"
    # "Jayapura, Papua (ANTARA) - Using rifles ...": its region, then the agency's tag
    rf"|(?:,\s*[A-Z][\w'\u2019.-]*(?:\s[A-Z][\w'\u2019.-]*){{0,2}}){{1,2}}\s*\([^()\n]{{1,40}}\)"
    rf"{_DATELINE_END}(?=[A-Z0-9\"\u201c]))"
)
"""A line that opens with a place and a date or a dash: "Jakarta, August 30: Rescue...",
"Algiers [Algeria] August 10 (ANI/Sputnik): Seven people...",
"Srinagar, Sep 7  Nine people...", "El Fula — At least...", "Quito: At least...",
"Jayapura, Papua (ANTARA) - Using ...", after a
syndicator's tag: "(MENAFN- IANS) Khartoum, Oct 26 (IANS) More than 50 ..."."""


_DATE_FIRST_DATELINE = re.compile(
    rf"(?m)^[ \t]*{_MONTH_WORD}\s+\d{{1,2}},?\s+\d{{4}}\s*\([A-Z][A-Z'\u2019. /-]{{2,}}\)"
    rf"{_DATELINE_END}"
)
"""The date, then the place in brackets and a dash: "February 1, 2014 (JUBA) -"."""
_DATE_ONLY_DATELINE = re.compile(
    rf"(?m)^[ \t]*(?:date\s+\d{{4}}-\d{{2}}-\d{{2}}\s+)?(?:[A-Z][a-z]+day,?\s+)?{_MONTH_WORD}"
    rf"\s+\d{{1,2}},?\s+\d{{4}}{_DATELINE_END}"
)
"""A line that opens with the day it was filed and a dash: "Sunday, October 06, 2024 -
Gang members ...": not the day anything happened."""
_STORED_DATE = re.compile(r"\s*date\s+\d{4}-\d{2}-\d{2}\b")
"""The date a stored copy of a page opens with: when it was published, not an event's."""


_LEDE_NOT_HEADLINE = re.compile(r"[^\n]{150,}")
"""A first line this long is the lede, not a headline."""
_DATED = re.compile(_DATELINE_DATE)


def dateline_spans(text: str) -> list[Span]:
    """Where the article says where (and when) it was filed: news writes the filing
    city before the story ("CAIRO — (AP) —"), and it is not where anything happened.

    All-capitals datelines are found anywhere (a byline may precede them); mixed-case
    ones only at the start of a line after the first (the first is the headline, and
    "Haiti: gangs attack..." names the scene), or after a stored page's leading
    "date YYYY-MM-DD".
    """
    spans = [m.span() for m in _CAPS_DATELINE.finditer(text)]
    spans += [m.span() for m in _DATE_FIRST_DATELINE.finditer(text)]
    spans += [m.span() for m in _DATE_ONLY_DATELINE.finditer(text)]
    stored = _STORED_DATE.match(text)
    if stored is not None:
        spans.append(stored.span())
    first_line = text.find("\n")
    for m in _LINE_DATELINE.finditer(text):
        if (first_line >= 0 and m.start() > first_line) or m.group(0).lstrip().startswith("date "):
            spans.append(m.span())
        elif _LEDE_NOT_HEADLINE.match(text, m.end()) and (
            m.group(0).rstrip()[-1] in "-\u2013\u2014:" or _DATED.search(m.group(0))
        ):
            # "Maputo — Terrorists murdered ...", "Islamabad, Oct. 1: A suicide bomber ...":
            # a text with no headline opens with its dateline
            spans.append(m.span())
    return sorted(set(spans))
