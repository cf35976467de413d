"""Word tokens with character offsets and the case evidence recognition relies on.

Capitalisation is the strongest sign of a name in English, but it says nothing at
the start of a sentence, in a headline written in title case or in a text written
all in capitals; each token records whether its case can be trusted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Token", "tokenize"]

# Dotted abbreviations first ("U.S.", "W.Va.", "D.C.", "L.A."), then words with inner
# apostrophes ("O'Hare"), but never a possessive 's; hyphens are tokens of their own, so
# "Athens-Clarke" holds "Athens" and recognition joins "Ivano-Frankivsk" back.
_TOKEN = re.compile(
    r"(?:[^\W\d_]{1,3}\.){2,}"
    r"|[^\W_](?:[^\W_]|['\u2019](?!s\b)(?=[^\W_]))*"
    r"|\S"
)
_ABBREV_DOT = re.compile(r"\.(?=\s|$|[,;:)\"'\u2019\u201d])")
_SENTENCE_END = frozenset(".!?:;\n•|")
_OPENERS = frozenset("\"'\u201c\u2018([\u00ab\u2014\u2013-")


@dataclass(frozen=True, slots=True)
class Token:
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
    raw: list[tuple[int, int]] = []
    for m in _TOKEN.finditer(text):
        s, e = m.span()
        if e < len(text) and text[s:e] in abbreviations and _ABBREV_DOT.match(text, e):
            e += 1
        if raw and s < raw[-1][1]:  # the previous abbreviation swallowed this period
            continue
        raw.append((s, e))
    letters = [c for c in text if c.isalpha()]
    n_upper = sum(c.isupper() for c in letters)
    caseless = bool(letters) and (n_upper == 0 or n_upper / len(letters) > 0.6)
    headline = _headline_mask(text, raw)
    tokens: list[Token] = []
    prev_end = 0
    sentence_start = True
    for i, (s, e) in enumerate(raw):
        word = text[s:e]
        is_word = word[0].isalnum()
        gap = text[prev_end:s]
        if "\n" in gap:
            sentence_start = True
        cap = is_word and word[0].isupper()
        upper = is_word and len(word) > 1 and word.isupper()
        trusted = is_word and not (caseless or sentence_start or headline[i])
        tokens.append(Token(s, e, word, is_word, cap, upper, trusted, gap))
        if is_word:
            sentence_start = False
        elif word in _SENTENCE_END or (word == "." and not tokens[-1].is_word):
            sentence_start = True
        elif word in _OPENERS:
            pass  # a quote or bracket keeps the sentence start for the word after it
        if is_word and word.endswith(".") and len(word) > 2 and _ends_sentence(text, e):
            sentence_start = True
        prev_end = e
    return tokens


def _ends_sentence(text: str, end: int) -> bool:
    """An abbreviation's period also ends the sentence when a capitalised word follows
    after two spaces or a newline; with one space it is ambiguous, so assume not."""
    rest = text[end : end + 3]
    return rest.startswith(("\n", "  "))


def _headline_mask(text: str, spans: list[tuple[int, int]]) -> list[bool]:
    """Mark tokens on lines (or leading sentences) written in title case."""
    mask = [False] * len(spans)
    line_start = 0
    i = 0
    for line in text.split("\n"):
        line_end = line_start + len(line)
        j = i
        while j < len(spans) and spans[j][0] < line_end:
            j += 1
        # the first sentence of the line: news titles are often glued to the body
        k = i
        while k < j and not (text[spans[k][0] : spans[k][1]] in ".!?" and k > i):
            k += 1
        for a, b in ((i, k), (i, j)):
            words = [text[s:e] for s, e in spans[a:b] if text[s].isalpha()]
            long_words = [w for w in words if len(w) > 3]
            if len(long_words) >= 3:
                caps = sum(w[0].isupper() for w in long_words)
                if caps / len(long_words) >= 0.75:
                    for t in range(a, b):
                        mask[t] = True
                    break
        i = j
        line_start = line_end + 1
    return mask
