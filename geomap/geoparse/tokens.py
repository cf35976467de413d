"""Word tokens with character offsets and the case evidence recognition relies on.

Capitalisation is the strongest sign of a name in English, but it says nothing at
the start of a sentence, in a headline written in title case or in a text written
all in capitals; each token records whether its case can be trusted.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from itertools import accumulate
from typing import Any

__all__ = ["Token", "tokenize"]

# Dotted abbreviations first ("U.S.", "W.Va.", "D.C.", "L.A."), then words with inner
# apostrophes ("O'Hare"), but never a possessive 's; hyphens are tokens of their own, so
# "Athens-Clarke" holds "Athens" and recognition joins "Ivano-Frankivsk" back.
_TOKEN = re.compile(
    # every token starts with one non-space character, taken first: a pattern that opens
    # so lets the regex engine skip the white space between tokens in a C loop, where
    # three alternatives were each tried and failed at every space; the lookbehinds then
    # pick the alternative that character opens, in the same order as before
    r"\S(?:"
    # possessive: fewer letters are never followed by "."; the first letters and period
    # are written out, not left to a repeat of two or more, which is slower to fail at
    # each of the many words that are no abbreviation
    r"(?<=[^\W\d_])[^\W\d_]{0,2}+\.(?:[^\W\d_]{1,3}+\.)++"
    r"|(?<=[^\W_])[^\W_]*+(?:['\u2019](?!s\b)[^\W_]++)*+"  # possessive: nothing follows a word
    r"|)"  # any other character is a token of its own
)
_ABBREV_DOT = re.compile(r"\.(?=\s|$|[,;:)\"'\u2019\u201d])")
_SENTENCE_END = frozenset(".!?:;\n•|")
_TITLE_ENDS = frozenset(".!?")
_OPENERS = frozenset("\"'\u201c\u2018([\u00ab\u2014\u2013-")


class Token:
    """One word or punctuation mark, not changed once ``tokenize`` returns it.

    A class with slots, not a named tuple: recognition reads tokens' fields about 4.4
    million times a pass over LGL's 588 articles, and CPython 3.11 reads a slot in a
    specialised step where a named tuple's field is a descriptor call each time (about
    six times slower); one is built as fast as a named tuple was. Equality, hashing,
    ``repr`` and ``_replace`` are a named tuple's."""

    __slots__ = ("cap", "end", "gap_before", "is_word", "start", "text", "trusted_case", "upper")
    _fields = ("start", "end", "text", "is_word", "cap", "upper", "trusted_case", "gap_before")

    start: int
    end: int
    text: str
    is_word: bool
    cap: bool
    """Starts with an upper-case letter (or a digit-free all-caps word)."""
    upper: bool
    """Written all in capitals (two letters or more)."""
    trusted_case: bool
    """False at sentence starts, in title-case headlines and in all-caps or
    all-lower-case texts, where capitals say little about names (the token's own
    all-caps spelling is not counted here: see ``upper``)."""
    gap_before: str
    """The characters between the previous token and this one."""

    def __init__(
        self,
        start: int,
        end: int,
        text: str,
        is_word: bool,
        cap: bool,
        upper: bool,
        trusted_case: bool,
        gap_before: str,
    ) -> None:
        self.start = start
        self.end = end
        self.text = text
        self.is_word = is_word
        self.cap = cap
        self.upper = upper
        self.trusted_case = trusted_case
        self.gap_before = gap_before

    def _astuple(self) -> tuple[int, int, str, bool, bool, bool, bool, str]:
        return (self.start, self.end, self.text, self.is_word, self.cap, self.upper,
                self.trusted_case, self.gap_before)  # fmt: skip

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Token):
            return NotImplemented
        return self._astuple() == other._astuple()

    def __hash__(self) -> int:
        return hash(self._astuple())

    def __repr__(self) -> str:
        return "Token(" + ", ".join(f"{f}={getattr(self, f)!r}" for f in self._fields) + ")"

    def _replace(self, **changes: Any) -> Token:
        """A copy with some fields changed."""
        return Token(**{f: changes.pop(f, getattr(self, f)) for f in self._fields}, **changes)


_SPLIT = re.compile(f"({_TOKEN.pattern})")
"""Splits a text into the white space before each token and the token (every character
not in a token is white space), and the white space after the last."""
_ASCII_NOT_LETTERS = bytes(c for c in range(128) if not chr(c).isalpha())
_ASCII_NOT_UPPER = bytes(c for c in range(128) if not chr(c).isupper())
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def tokenize(text: str, *, abbreviations: frozenset[str] = frozenset()) -> list[Token]:
    """Split ``text`` into word and punctuation tokens with trustworthy-case flags.

    A word in ``abbreviations`` (e.g. "St", "Mt", "Calif") takes the period after it.
    """
    # gap, token, gap, token, ..., trailing space in one C-level pass; the offsets are
    # the running sums of their lengths
    parts = _SPLIT.split(text)
    gaps = parts[0:-1:2]
    words = parts[1::2]
    offsets = list(accumulate(map(len, parts)))
    starts = offsets[0:-1:2]
    ends = offsets[1::2]
    if abbreviations and not abbreviations.isdisjoint(words):
        _take_periods(text, abbreviations, gaps, words, starts, ends)
    caseless = _caseless(text)
    breaks = [False] * len(words)
    for k in _break_tokens(text, starts):
        breaks[k] = True
    tokens: list[Token] = []
    append = tokens.append
    sentence_start = True
    # each line's words of four letters or more and its capitalised ones, in all and in
    # its first sentence, counted on the way (see _headline_lines)
    lines: list[tuple[int, int, int, int, int, int]] = []
    line = n_long = n_caps = 0
    title_end = -1
    before_end = (0, 0)
    for s, e, word, gap, brk in zip(starts, ends, words, gaps, breaks, strict=True):
        if brk and tokens:
            lines.append((line, len(tokens), title_end, n_long, n_caps, *before_end))
            line, n_long, n_caps, title_end = len(tokens), 0, 0, -1
        if brk:
            sentence_start = True
        first = word[0]
        if first.isalnum():
            cap = first.isupper()
            if len(word) > 3 and first.isalpha():
                n_long += 1
                n_caps += cap
            upper = len(word) > 1 and word.isupper()
            trusted = not (caseless or sentence_start)
            append(Token(s, e, word, True, cap, upper, trusted, gap))
            sentence_start = (
                word[-1] == "." and len(word) > 2 and text.startswith(("\n", "  "), e)
            )  # an abbreviation's period ends the sentence only before a newline or two spaces
        else:
            if title_end < 0 and word in _TITLE_ENDS and len(tokens) > line:
                title_end, before_end = len(tokens), (n_long, n_caps)
            append(Token(s, e, word, False, False, False, False, gap))
            if word in _SENTENCE_END:
                sentence_start = True
            # a quote or bracket (_OPENERS) keeps the sentence start for the word after it
    if tokens:
        lines.append((line, len(tokens), title_end, n_long, n_caps, *before_end))
    for a, b in _headline_lines(lines):
        for k in range(a, b):
            tokens[k].trusted_case = False  # (the tokens are not returned yet)
    return tokens


def _headline_lines(
    lines: list[tuple[int, int, int, int, int, int, int]],
) -> Iterator[tuple[int, int]]:
    """The token ranges written in title case: per line (first token, end, its first
    title end or -1, its long words and capitalised long words, and those before the
    title end), its first sentence (news titles are often glued to the body) or else the
    whole line, where three words or more of four letters or more are, three in four,
    capitalised."""
    for start, end, title_end, n_long, n_caps, first_long, first_caps in lines:
        spans = (
            ((start, title_end, first_long, first_caps),) if title_end >= 0 else ()
        ) + ((start, end, n_long, n_caps),)
        for a, b, long_words, caps in spans:
            if long_words >= 3 and caps / long_words >= 0.75:
                yield a, b
                break


def _break_tokens(text: str, starts: list[int]) -> list[int]:
    """The tokens with a line break in the gap before them, in order (the gaps hold
    every character no token holds, but the white space after the last token)."""
    out: list[int] = []
    at = text.find("\n")
    while at >= 0:
        k = bisect_right(starts, at)
        if k < len(starts) and (not out or out[-1] != k):
            out.append(k)
        at = text.find("\n", at + 1)
    return out


def _take_periods(
    text: str,
    abbreviations: frozenset[str],
    gaps: list[str],
    words: list[str],
    starts: list[int],
    ends: list[int],
) -> None:
    """Join each abbreviation to the period right after it ("St." "Calif."), in place: the
    period is a token of its own until then."""
    k = len(words) - 2
    while k >= 0:
        e = ends[k]
        if words[k] in abbreviations and _ABBREV_DOT.match(text, e):
            # the period is the next token, with no gap before it
            words[k] += "."
            ends[k] = e + 1
            for column in (gaps, words, starts, ends):
                del column[k + 1]
        k -= 1


def _caseless(text: str) -> bool:
    """Whether the text is written without trustworthy case: no capital letter at all, or
    more than 60% of its letters capitals."""
    if text.isascii():  # most texts: count letters without a call per character
        data = text.encode("ascii")
        n_letters = len(data.translate(None, _ASCII_NOT_LETTERS))
        n_upper = len(data.translate(None, _ASCII_NOT_UPPER))
    else:  # the ASCII letters as above, the few others one by one
        data = text.encode("ascii", "ignore")
        others = list(filter(str.isalpha, "".join(_NON_ASCII.findall(text))))
        n_letters = len(data.translate(None, _ASCII_NOT_LETTERS)) + len(others)
        n_upper = len(data.translate(None, _ASCII_NOT_UPPER)) + sum(map(str.isupper, others))
    return bool(n_letters) and (n_upper == 0 or n_upper / n_letters > 0.6)


