"""Word tokens with character offsets and the case evidence recognition relies on.

Capitalisation is the strongest sign of a name in English, but it says nothing at
the start of a sentence, in a headline written in title case or in a text written
all in capitals; each token records whether its case can be trusted.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate, compress, repeat
from operator import and_, gt, itemgetter
from typing import NamedTuple

__all__ = ["Token", "tokenize"]

# Dotted abbreviations first ("U.S.", "W.Va.", "D.C.", "L.A."), then words with inner
# apostrophes ("O'Hare"), but never a possessive 's; hyphens are tokens of their own, so
# "Athens-Clarke" holds "Athens" and recognition joins "Ivano-Frankivsk" back.
_TOKEN = re.compile(
    r"(?:[^\W\d_]{1,3}+\.){2,}"  # possessive: fewer letters are never followed by "."
    r"|[^\W_]++(?:['\u2019](?!s\b)[^\W_]++)*+"  # possessive: nothing follows a word
    r"|\S"
)
_ABBREV_DOT = re.compile(r"\.(?=\s|$|[,;:)\"'\u2019\u201d])")
_SENTENCE_END = frozenset(".!?:;\n•|")
_TITLE_ENDS = frozenset(".!?")
_OPENERS = frozenset("\"'\u201c\u2018([\u00ab\u2014\u2013-")


class Token(NamedTuple):
    """One word or punctuation mark; a named tuple because an article makes hundreds and
    a tuple is built several times faster than a frozen dataclass."""

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
    break_tokens = _break_tokens(text, starts)
    breaks = [False] * len(words)
    for k in break_tokens:
        breaks[k] = True
    headline = _headline_mask(words, break_tokens)
    tokens: list[Token] = []
    append = tokens.append
    new = tuple.__new__  # Token(...) without the named tuple's Python-level __new__
    sentence_start = True
    for s, e, word, gap, brk, in_headline in zip(
        starts, ends, words, gaps, breaks, headline, strict=True
    ):
        if brk:
            sentence_start = True
        if word[0].isalnum():
            upper = len(word) > 1 and word.isupper()
            trusted = not (caseless or sentence_start or in_headline)
            append(new(Token, (s, e, word, True, word[0].isupper(), upper, trusted, gap)))
            sentence_start = (
                word[-1] == "." and len(word) > 2 and text.startswith(("\n", "  "), e)
            )  # an abbreviation's period ends the sentence only before a newline or two spaces
        else:
            append(new(Token, (s, e, word, False, False, False, False, gap)))
            if word in _SENTENCE_END:
                sentence_start = True
            # a quote or bracket (_OPENERS) keeps the sentence start for the word after it
    return tokens


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


def _headline_mask(words: list[str], breaks: list[int]) -> list[bool]:
    """Mark tokens on lines (or leading sentences) written in title case; ``breaks``:
    the tokens a line break comes before, in order."""
    mask = [False] * len(words)
    n = len(words)
    i = 0
    later = iter(b for b in breaks if b > 0)
    while i < n:
        # the tokens of one line: a line break lies in the gap before the next line's first
        j = next(later, n)
        # the first sentence of the line: news titles are often glued to the body
        k = j
        for end in _TITLE_ENDS:
            k = _index(words, end, i + 1, k)
        for a, b in ((i, k), (i, j)):
            # the words of four letters or more, and how many are capitalised, at C speed
            # (a text with no line break is one line: every word is counted here)
            line = words[a:b]
            long_words = list(compress(line, map(and_, map(gt, map(len, line), repeat(3)),
                                                 map(str.isalpha, map(itemgetter(0), line)))))
            if len(long_words) >= 3:
                caps = sum(map(str.isupper, map(itemgetter(0), long_words)))
                if caps / len(long_words) >= 0.75:
                    mask[a:b] = [True] * (b - a)
                    break
        i = j
    return mask


def _index(items: list, value: object, start: int, stop: int) -> int:
    """The first position of ``value`` in ``items[start:stop]`` (``stop`` if none), found
    by the list's own C-level search."""
    try:
        return items.index(value, start, stop)
    except ValueError:
        return stop
