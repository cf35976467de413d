"""Numbers as news writes them: "1,200", "2.5 million", "twenty-five", "a dozen"; the
qualifiers that go with them ("at least", "about"); and the one rule every finder
shares, that overlapping matches keep the earliest and longest."""

from __future__ import annotations

import re

__all__ = ["NUMBER", "NUMBER_WORD", "QUALIFIER", "non_overlapping", "number_value", "overlaps",
           "words"]

def words(spaced: str) -> list[str]:
    return spaced.split()


_UNITS = words(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen"
)
_TENS = words("twenty thirty forty fifty sixty seventy eighty ninety")
_SMALL_NUMBERS = {word: value for value, word in enumerate(_UNITS)} | {
    word: 10 * (index + 2) for index, word in enumerate(_TENS)
}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
NUMBER_WORD = r"(?:" + "|".join([*_SMALL_NUMBERS, *_SCALES, "dozen"]) + r")"
_WORD_NUMBER = (
    rf"(?:(?:half\s+)?an?\s+(?:dozen|hundred|thousand|million)|{NUMBER_WORD})"
    rf"(?:(?:[ \t]+and[ \t]+|[ \t-]+){NUMBER_WORD})*"
)
_DIGIT_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
NUMBER = rf"(?:(?:{_DIGIT_NUMBER})(?:\s+(?:million|billion|thousand))?|{_WORD_NUMBER})"


def number_value(words: str) -> float | None:
    """Value of "1,200", "2.5 million", "twenty-five", "a dozen", "one hundred and six",
    "half a million"."""
    if words[:1].isdigit():
        head, *scales = words.lower().split()
        value = float(head.replace(",", ""))
        for scale in scales:
            value *= _SCALES[scale]
        return value
    tokens = [token for token in re.split(r"[\s-]+", words.lower()) if token]
    if tokens[:1] == ["half"]:  # "half a million": not a million
        rest = number_value(" ".join(tokens[1:]))
        return rest / 2 if rest is not None else None
    total = current = 0
    for token in tokens:
        if token in {"a", "an"}:
            current = max(current, 1)
        elif token == "and":
            continue
        elif token == "dozen":
            current = max(current, 1) * 12
        elif token in _SMALL_NUMBERS:
            current += _SMALL_NUMBERS[token]
        elif token == "hundred":
            current = max(current, 1) * 100
        elif token in _SCALES:
            total += max(current, 1) * _SCALES[token]
            current = 0
        else:
            return None
    return float(total + current)


QUALIFIER = (
    r"(?:(?:no|not)\s+(?:fewer|less)\s+than|more\s+than|fewer\s+than|less\s+than|at\s+least|at\s+most|up\s+to|as\s+many\s+as|"
    r"close\s+to|upwards\s+of|an\s+estimated|nearly|almost|about|around|approximately|"
    r"roughly|over|some|under|estimated)"
)


def overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``start:end`` overlaps one of ``spans`` (figures already found)."""
    return any(a < end and start < b for a, b in spans)


def non_overlapping(groups) -> list[re.Match[str]]:
    matches = sorted((m for group in groups for m in group), key=lambda m: (m.start(), -m.end()))
    kept: list[re.Match[str]] = []
    for match in matches:
        if not kept or match.start() >= kept[-1].end():
            kept.append(match)
    return kept
