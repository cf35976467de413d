"""The word lists recognition consults, loaded once from ``geomap/geoparse/data``.

They are small, general English resources (not tuned to any article): common words,
first names and surnames, titles and role nouns that precede a person's name, words that
are never places, type words ("County", "region"), news-style abbreviations ("Ky.",
"B.C."), and the words that tell a place name from a name that merely contains one:
organisation head nouns ("Survey", "Ministry"), storm words ("Hurricane"), direction
words ("Northern"), generic landform words ("Wadi"), the second halves of adjectival
compounds ("-backed", "-based"), the Arabic article ("al-") and the words that make a
capitalised name a place ("Namoungou village").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from geomap.gazetteer.names import normalize

__all__ = ["Abbreviation", "Lexicon", "PlaceType", "lexicon"]

DATA = Path(__file__).with_name("data")
_MAX_SPELLED = 200_000
_UNASKED = object()


@dataclass(frozen=True, slots=True)
class PlaceType:
    qualifier: str
    feature_types: tuple[str, ...]
    in_span: bool
    """Whether the capitalised word is part of the name's span ("Laurel County")."""
    head_lookup: bool
    """Whether the name without the word may be looked up ("Laurel County" -> "Laurel")."""
    outside_always: bool = False
    """Whether the capitalised word stays outside the span even where the gazetteer holds
    name and word as one name ("Kogi State", "Marib Governorate" -> "Kogi", "Marib"),
    so long as the name alone names the same unit: news writes these words after a
    region's name as a qualifier, where "Oblast" or "County" belong to the name."""


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
    role_nouns: frozenset[str]
    """Lower-case nouns that put a person's name after them ("spokesperson Farhan Haq")."""
    org_heads: frozenset[str]
    """Nouns that end an organisation's name ("Geological Survey", "Doctors' Union")."""
    storm_words: frozenset[str]
    """Words written before a storm's name ("Hurricane Otis", "Cyclone Freddy")."""
    directions: frozenset[str]
    """Words that qualify a following place ("Northeastern Libya", "Greater Manchester")."""
    generic_words: frozenset[str]
    """Landform and facility words that are GeoNames places somewhere ("Wadi", "Gulf")."""
    compound_suffixes: frozenset[str]
    """Second halves of adjectival compounds that use a place as a modifier ("Iran-backed")."""
    language_suffixes: frozenset[str]
    """Second halves of compounds whose first half is a language ("English-speaking")."""
    broadcasters: frozenset[str]
    """Outlets' letters before the language of a service ("BBC Burmese", "VOA Somali")."""
    arabic_articles: frozenset[str]
    """The Arabic article and its assimilated forms, written before a name ("al-", "ash-")."""
    place_cues: frozenset[str] = frozenset()
    """Lower-case words that make the capitalised name beside them a place, known to the
    gazetteer or not ("Namoungou village", "the village of Sousian")."""
    facility_cues: frozenset[str] = frozenset()
    """The place cues that are facilities ("displacement camp", "base"): not after a
    person's name ("the Trump camp")."""
    type_phrases: dict[tuple[str, ...], str] = field(default_factory=dict)
    """Lower-case tokens of a type word written in several words, with dots or in
    capitals ("local government area", "L.G.A.", "LGA") -> the type word it stands for."""
    type_phrase_starts: frozenset[str] = frozenset()
    """The first tokens of ``type_phrases``: a token that is none starts none."""
    dedications: frozenset[str] = frozenset()
    """Nouns after a saint's name in the possessive that name a church, a school or a
    feast, not a place ("St Anthony's Shrine")."""
    facility_words: frozenset[str] = frozenset()
    """Nouns of facilities named after a place and said to lie in another ("Raghunathpur
    railroad station in Buxar district"): the place lies there too."""
    spelled: dict[str, float] = field(default_factory=dict, compare=False)
    """Memo of ``zipf`` for words not in ``common`` (British spellings, names)."""
    written: dict[str, float] = field(default_factory=dict, compare=False)
    """Memo of ``zipf`` by the word as written: recognition asks about the same words
    again and again."""
    singular_types: dict[str, tuple[str, PlaceType] | None] = field(
        default_factory=dict, compare=False
    )
    """Memo of ``singular_type`` by the word as written."""

    def zipf(self, word: str) -> float:
        """How common ``word`` is as an ordinary lower-case English word (0 = not at all);
        British spellings count as their American forms ("centre" as "center")."""
        found = self.written.get(word)
        if found is None:
            found = self._zipf(word)
            if len(self.written) > _MAX_SPELLED:
                self.written.clear()
            self.written[word] = found
        return found

    def singular_type(self, word: str) -> tuple[str, PlaceType] | None:
        """ "district" -> district; "oblasts", "counties" -> oblast, county (a plural is
        told by the returned word differing from the one written); None for a word that
        is no type word. Recognition asks about every capitalised run's next word."""
        found = self.singular_types.get(word, _UNASKED)
        if found is _UNASKED:
            found = self._singular_type(word)
            if len(self.singular_types) > _MAX_SPELLED:
                self.singular_types.clear()
            self.singular_types[word] = found
        return found  # type: ignore[return-value]

    def _singular_type(self, word: str) -> tuple[str, PlaceType] | None:
        lower = word.lower()
        types = self.place_types
        if lower in types:
            return lower, types[lower]
        for plural, single in (("ies", "y"), ("s", "")):
            if lower.endswith(plural):
                stem = lower[: -len(plural)] + single
                if stem in types:
                    return stem, types[stem]
        return None

    def _zipf(self, word: str) -> float:
        lower = word.lower()
        found = self.common.get(lower)
        if found is None:
            found = self.spelled.get(lower)
        if found is None:
            variants = _american_spellings(lower)
            found = max((self.common.get(v, 0.0) for v in variants), default=0.0)
            if len(self.spelled) > _MAX_SPELLED:
                self.spelled.clear()
            self.spelled[lower] = found
        return found


_BRITISH = (
    ("our", re.compile(r"our"), "or"),  # colour, neighbour, harbour
    ("tre", re.compile(r"tre(s|d)?$"), r"ter\1"),  # centre, theatres, metre
    ("ence", re.compile(r"ence(s)?$"), r"ense\1"),  # defence, licence
    ("is", re.compile(r"is(e|es|ed|ing|ation|ations|er|ers)$"), r"iz\1"),  # organise
    ("ys", re.compile(r"ys(e|es|ed|ing)$"), r"yz\1"),  # analyse
    ("ogue", re.compile(r"ogue(s)?$"), r"og\1"),  # catalogue
    ("mme", re.compile(r"mme(s)?$"), r"m\1"),  # programme
    ("ll", re.compile(r"ll(ed|ing|er|ers)$"), r"l\1"),  # travelled
)
"""Each rule with the letters it needs: a word without them is not tried (a memo miss
asks every rule, and most words have none of them)."""


_ANY_NEEDED = re.compile("|".join(needed for needed, _, _ in _BRITISH))
"""Any rule's letters: a word with none (most words a memo misses) needs no rule."""


def _american_spellings(word: str) -> list[str]:
    """The American forms a British spelling may have (each rule applied once)."""
    if not _ANY_NEEDED.search(word):
        return []
    return [
        v for needed, pattern, repl in _BRITISH
        if needed in word and (v := pattern.sub(repl, word)) != word
    ]  # fmt: skip


def _lines(name: str) -> list[str]:
    text = (DATA / name).read_text(encoding="utf-8")
    # the first character's test is cheaper than a call per line (the files are long)
    return [line for line in text.splitlines() if line and line[0] != "#" and not line.isspace()]


@cache
def lexicon() -> Lexicon:
    common = _word_numbers("common_words.tsv")
    place_types = {}
    for line in _lines("place_types.tsv"):
        word, qualifier, types, in_span, head = line.split("\t")
        place_types[word] = PlaceType(
            qualifier, tuple(types.split("|")), in_span == "yes", head == "yes",
            outside_always=in_span == "never",
        )
    type_phrases = {tuple(written.split(" ")): word
                    for written, word in (line.split("\t") for line in _lines("type_phrases.tsv"))}
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
        role_nouns=_lower_set("role_nouns.txt"),
        org_heads=_lower_set("org_heads.txt"),
        storm_words=_lower_set("storm_words.txt"),
        directions=_lower_set("directions.txt"),
        generic_words=_lower_set("generic_words.txt"),
        compound_suffixes=_lower_set("compound_suffixes.txt"),
        language_suffixes=_lower_set("language_suffixes.txt"),
        broadcasters=_lower_set("broadcasters.txt"),
        arabic_articles=_lower_set("arabic_articles.txt"),
        place_cues=_lower_set("place_cues.txt") | _lower_set("facility_cues.txt"),
        facility_cues=_lower_set("facility_cues.txt"),
        type_phrases=dict(type_phrases),
        type_phrase_starts=frozenset(key[0] for key in type_phrases),
        facility_words=_lower_set("facility_words.txt"),
        dedications=_lower_set("dedications.txt"),
        # a common word's own frequency, kept at once (each would be a memo miss)
        written=dict(common),
    )


def _word_numbers(name: str) -> dict[str, float]:
    """A file of ``word<TAB>number`` lines as a dict, split at C speed: the common words
    are some 22,000 lines, read by every process that recognises places (line by line
    they cost most of the lexicon's loading)."""
    lines = _lines(name)
    cells = "\t".join(lines).split("\t")
    if len(cells) != 2 * len(lines):
        raise ValueError(f"{name}: every line must be a word, a tab and a number")
    numbers = {text: float(text) for text in set(cells[1::2])}  # a few dozen distinct
    return dict(zip(cells[::2], map(numbers.__getitem__, cells[1::2]), strict=True))


def _lower_set(name: str) -> frozenset[str]:
    return frozenset(line.strip().lower() for line in _lines(name))
