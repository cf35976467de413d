"""The word lists recognition consults, loaded once from ``geomap/geoparse/data``.

They are small, general English resources (not tuned to any article): common words,
first names and surnames, titles that precede a person's name, words that are never
places, type words ("County", "region") and news-style abbreviations ("Ky.", "B.C.").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from geomap.gazetteer.names import normalize

__all__ = ["Abbreviation", "Lexicon", "PlaceType", "lexicon"]

DATA = Path(__file__).with_name("data")


@dataclass(frozen=True, slots=True)
class PlaceType:
    qualifier: str
    feature_types: tuple[str, ...]
    in_span: bool
    """Whether the capitalised word is part of the name's span ("Laurel County")."""
    head_lookup: bool
    """Whether the name without the word may be looked up ("Laurel County" -> "Laurel")."""


@dataclass(frozen=True, slots=True)
class Abbreviation:
    full_name: str
    feature_type: str


@dataclass(frozen=True, slots=True)
class Lexicon:
    common: dict[str, float]
    """Lower-case English word -> Zipf frequency (3 = once per million words)."""
    first_names: frozenset[str]
    surnames: frozenset[str]
    titles: frozenset[str]
    not_places: frozenset[str]
    place_types: dict[str, PlaceType]
    abbreviations: dict[str, Abbreviation]
    """Written form ("Ky.") -> the place it stands for."""
    keeps_period: frozenset[str]
    """Words the tokeniser joins to their period ("St", "Ky", "Calif")."""

    def zipf(self, word: str) -> float:
        """How common ``word`` is as an ordinary lower-case English word (0 = not at all)."""
        return self.common.get(word.lower(), 0.0)


def _lines(name: str) -> list[str]:
    text = (DATA / name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def lexicon() -> Lexicon:
    common = {}
    for line in _lines("common_words.tsv"):
        word, zipf = line.split("\t")
        common[word] = float(zipf)
    place_types = {}
    for line in _lines("place_types.tsv"):
        word, qualifier, types, in_span, head = line.split("\t")
        place_types[word] = PlaceType(
            qualifier, tuple(types.split("|")), in_span == "yes", head == "yes"
        )
    abbreviations = {}
    for line in _lines("abbreviations.tsv"):
        written, full, ftype = [*line.split("\t"), "", ""][:3]
        if full:
            abbreviations[written] = Abbreviation(full, ftype)
    keeps_period = frozenset(
        a[:-1]
        for a in [*abbreviations, *(line.split("\t")[0] for line in _lines("abbreviations.tsv"))]
        if a.endswith(".") and "." not in a[:-1]
    )
    return Lexicon(
        common=common,
        first_names=frozenset(_lines("first_names.txt")),
        surnames=frozenset(_lines("surnames.txt")),
        titles=frozenset(_lines("person_titles.txt")),
        not_places=frozenset(normalize(w) for w in _lines("not_places.txt")),
        place_types=place_types,
        abbreviations=abbreviations,
        keeps_period=keeps_period,
    )
