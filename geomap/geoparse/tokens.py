"""Word tokens with character offsets and the case evidence recognition relies on.

Capitalisation is the strongest sign of a name in English, but it says nothing at
the start of a sentence, in a headline written in title case or in a text written
all in capitals; each token records whether its case can be trusted.
"""

from __future__ import annotations

import re
from typing import NamedTuple

__all__ = ["Token", "tokenize"]

# Dotted abbreviations first ("U.S.", "W.Va.", "D.C.", "L.A."), then words with inner
# apostrophes ("O'Hare"), but never a possessive 's; hyphens are tokens of their own, so
# "Athens-Clarke" holds "Athens" and recognition joins "Ivano-Frankivsk" back.
_TOKEN = re.compile(
    r"(?:[^\W\d_]{1,3}\.){2,}"
    r"|[^\W_]+(?:['\u2019](?!s\b)[^\W_]+)*"
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


def tokenize(text: str, *, abbreviations: frozenset[str] = frozenset()) -> list[Token]:
    """Split ``text`` into word and punctuation tokens with trustworthy-case flags.

    A word in ``abbreviations`` (e.g. "St", "Mt", "Calif") takes the period after it.
    """
    raw: list[tuple[int, int, str]] = []
    n = len(text)
    for m in _TOKEN.finditer(text):
        s, e = m.span()
        word = m.group()
        if e < n and word in abbreviations and _ABBREV_DOT.match(text, e):
            e += 1
            word += "."
        if raw and s < raw[-1][1]:  # the previous abbreviation swallowed this period
            continue
        raw.append((s, e, word))
    letters = list(filter(str.isalpha, text))
    n_upper = sum(map(str.isupper, letters))
    caseless = bool(letters) and (n_upper == 0 or n_upper / len(letters) > 0.6)
    headline = _headline_mask(text, raw)
    tokens: list[Token] = []
    append = tokens.append
    new = tuple.__new__  # Token(...) without the named tuple's Python-level __new__
    prev_end = 0
    sentence_start = True
    for (s, e, word), in_headline in zip(raw, headline, strict=True):
        is_word = word[0].isalnum()
        gap = text[prev_end:s]
        if "\n" in gap:
            sentence_start = True
        if is_word:
            cap = word[0].isupper()
            upper = len(word) > 1 and word.isupper()
            trusted = not (caseless or sentence_start or in_headline)
            append(new(Token, (s, e, word, True, cap, upper, trusted, gap)))
            sentence_start = (
                word[-1] == "." and len(word) > 2 and text.startswith(("\n", "  "), e)
            )  # an abbreviation's period ends the sentence only before a newline or two spaces
        else:
            append(new(Token, (s, e, word, False, False, False, False, gap)))
            if word in _SENTENCE_END:
                sentence_start = True
            # a quote or bracket (_OPENERS) keeps the sentence start for the word after it
        prev_end = e
    return tokens


def _headline_mask(text: str, tokens: list[tuple[int, int, str]]) -> list[bool]:
    """Mark tokens on lines (or leading sentences) written in title case."""
    mask = [False] * len(tokens)
    n = len(tokens)
    i = 0
    while i < n:
        # the tokens of one line: a line break lies in the gap before the next line's first
        j = i + 1
        while j < n and "\n" not in text[tokens[j - 1][1] : tokens[j][0]]:
            j += 1
        # the first sentence of the line: news titles are often glued to the body
        k = i + 1
        while k < j and tokens[k][2] not in _TITLE_ENDS:
            k += 1
        for a, b in ((i, k), (i, j)):
            long_words = [w for _, _, w in tokens[a:b] if len(w) > 3 and w[0].isalpha()]
            if len(long_words) >= 3:
                caps = sum(w[0].isupper() for w in long_words)
                if caps / len(long_words) >= 0.75:
                    mask[a:b] = [True] * (b - a)
                    break
        i = j
    return mask
