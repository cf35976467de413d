"""What the wording around mentions says about how their places relate.

Three readings of the text, each turned into features of the candidates:

- **containment**: "Paris, Texas", "Kalynivska Hromada of Kherson Oblast", "Graivoron in
  Belgorod Oblast", "Pissa in the central region of Mopti" put the first place inside
  the second (and a list that ends so, every member: "between Baye and Pissa in ...");
  "Kherson, Dniprovskyi district" and "Kaduna State's Kuriga" put the second inside the
  first. A candidate lying inside one of the other mention's candidates gets
  ``container`` (1 inside a region, district or town, 0.7 merely in the same country),
  so the district of the named city wins over a same-named district elsewhere.
- **lists**: "Alberta, Manitoba and Ontario", "Becker, Clay and Douglas counties" name
  places of one level, usually in one country: a candidate gets ``list_peer``, the share
  of the list's other names that likely are places of its level and country (computed
  with the context, from the other names' current candidate probabilities).
- **area cues**: "across Washington", "throughout the region of", "in southern England"
  speak of an area: ``area_cue`` is 1 for the candidates that are areas (countries,
  regions, districts, islands, seas), so a state is not taken for a town of its name.

Only the few characters between two mentions (or before one) are read, so this costs
nothing against the rest of resolution. This module reads the wording
(:class:`Relations`); the features are computed from it by
:mod:`geomap.geoparse.containment` (whether one place lies in another, and the
mentions the wording puts outside all their candidates) and
:mod:`geomap.geoparse.list_peers`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from geomap.feature_types import SPREAD_TYPES
from geomap.geoparse.candidates import Candidate
from geomap.geoparse.containment import inside
from geomap.geoparse.lexicon import lexicon
from geomap.records import GazetteerEntry, Mention

__all__ = ["Relations", "is_area"]

_MAX_GAP = 32
"""Longest stretch between two mentions read as a relation ("district of the ")."""
_LIST_SEPARATORS = frozenset({",", "and", "or", "&", ", and", ", or", "as well as", "/"})
_CONJUNCTIONS = frozenset({"and", "or", "&", ", and", ", or", "as well as"})
_AREA_WORDS = re.compile(
    r"\b(?:across|throughout|all\s+over|parts\s+of|much\s+of|most\s+of|rest\s+of|"
    r"whole\s+of|statewide\s+in|nationwide\s+in|"
    r"(?:region|province|state|department|governorate|prefecture|oblast)\s+of)"
    r"(?:\s+the)?\s+$",
    re.IGNORECASE,
)
"""Words before a name that speak of an area: "across Washington", "the central Peruvian
region of Huanuco" (the region, not its capital town)."""
_AREA_LAST_WORDS = ("across", "throughout", "over", "of", "in", "the")
"""How ``_AREA_WORDS`` can end, before its white space."""
_DIRECTION_ENDINGS = ("ern", "east", "west", "central")
"""How ``_DIRECTION_WORDS`` can end, before its white space."""
_DIRECTION_WORDS = re.compile(
    r"\b(?:(?:north|south|east|west)(?:ern|-?(?:east|west)(?:ern)?)|central)\s+$",
    re.IGNORECASE,
)
_IN_WORDS = re.compile(
    r",?\s*(?:in|of)(?:\s+the)?"
    r"(?:\s+(?:state|country|province|region|district|county|city)['\u2019]s)?"
    r"(?:\s+(?:(?:north|south|east|west)(?:ern|-?(?:east|west)(?:ern)?)"
    r"|central|far|remote|restive))?"
    r"(?:\s+(?:region|province|state|district|department|governorate|county|oblast)\s+of)?"
)
""""X in the Y", "X village in the northern Y", "X in the central region of Y", "X of the
state's Y district": X lies in Y."""
_FACILITY_GAP = re.compile(r"(?:[a-z]+\s+){0,2}([a-z]+)\s+(?=(?:in|of)\b)")
"""A facility named after the first place, before "in" or "of": "Raghunathpur railroad
station in Buxar district" (the station, so the place, lies in Buxar)."""
_NEAR_WORDS = re.compile(
    r",?\s*(?:near|outside|close\s+to|not\s+far\s+from)(?:\s+the)?(?:\s+(?:city|town|village)"
    r"\s+of)?"
)
""""X near Y": X lies where Y does (in Y's region and country)."""
_AREA_CUE_WINDOW = 32


@dataclass(frozen=True, slots=True)
class Relations:
    """The relations the wording sets between an article's mentions (by index)."""

    containment: tuple[tuple[int, int], ...]
    """(inner, outer) pairs: the first mention's place lies in the second's."""
    subdivision: tuple[tuple[int, int], ...]
    """(inner, outer) pairs where the inner place can only be a unit below the outer one:
    "Kherson, Dniprovskyi district" (while "Bronx, New York" is no town in a town)."""
    lists: tuple[tuple[int, ...], ...]
    """Runs of mentions written as a list of places of one kind."""
    area_cue: tuple[float, ...]
    """Per mention: 1 when the words before it speak of an area ("across", "throughout"),
    0.5 when they are a direction ("southern", "central": "central Kyiv" is often the
    city), else 0. A list's first member's cue is the whole list's."""
    list_qualifier: tuple[str | None, ...]
    """Per mention: the plural type word written after the list it is in ("Idlib, Aleppo
    and Hama provinces": each is a province), or None."""
    written_in: tuple[tuple[int, int], ...] = ()
    """The containment pairs written with "in" or "of" ("Qiaoxi District of Zhangjiakou
    City", "X railroad station in Y district"), not with a comma or a possessive: the
    wording says which is inside."""

    @classmethod
    def read(cls, text: str, mentions: Sequence[Mention]) -> Relations:
        pairs: list[tuple[int, int]] = []
        strict: list[tuple[int, int]] = []
        lists: list[tuple[int, ...]] = []
        run: list[int] = []
        joined = False  # the current run has a conjunction
        near: list[tuple[int, int]] = []
        inside_pairs: set[tuple[int, int]] = set()  # the pairs written with "in"
        for k in range(len(mentions) - 1):
            a, b = mentions[k], mentions[k + 1]
            gap = text[a.end : b.start]
            relation = _relation(gap, a) if len(gap) <= _MAX_GAP else None
            if relation == "in":
                pairs.append((k, k + 1))
                inside_pairs.add((k, k + 1))
            elif relation == "has":
                pairs.append((k + 1, k))
            elif relation == "near":
                near.append((k, k + 1))
            elif relation == ",":
                pairs.append((k, k + 1))
                # "Kherson, Dniprovskyi district": a town's district may be a town entry
                (pairs if b.qualifier else strict).append((k + 1, k))
            if relation in _LIST_SEPARATORS:
                run = run or [k]
                run.append(k + 1)
                joined = joined or relation in _CONJUNCTIONS
                continue
            if len(run) >= 3 or (joined and len(run) == 2):
                lists.append(tuple(run))
            run, joined = [], False
        if len(run) >= 3 or (joined and len(run) == 2):
            lists.append(tuple(run))
        # "in Tempe near Larissa city, Greece": what lies near a place lies in the region
        # or country that place is said to be in.
        outer_of = dict(pairs)
        pairs += [(k, outer_of[b]) for k, b in near if b in outer_of]
        # "between Baye and Pissa in the central region of Mopti": a list said to lie in
        # a place ("in", not a comma: "Chicago and Paris, France") lies there whole
        for members in lists:
            last = members[-1]
            outer = last + 1
            if (last, outer) in inside_pairs:
                pairs += [(k, outer) for k in members[:-1] if (k, outer) not in pairs]
        cues = [_area_cue(text[max(0, m.start - _AREA_CUE_WINDOW) : m.start]) for m in mentions]
        for members in lists:
            for k in members[1:]:
                cues[k] = max(cues[k], cues[members[0]])
        qualifiers: list[str | None] = [None] * len(mentions)
        for members in lists:
            word = _plural_type_word(text[mentions[members[-1]].end :])
            for k in members if word else ():
                qualifiers[k] = word
        return cls(tuple(pairs), tuple(strict), tuple(lists), tuple(cues), tuple(qualifiers),
                   tuple(sorted(inside_pairs)))  # fmt: skip

    def lists_of_items(self, cands: list[list[Candidate]]) -> list[tuple[int, ...]]:
        """The lists without the regions and countries that only say where the item
        before them is ("Louisville, Ky., New Haven, Conn. and Sioux Falls" lists three
        towns)."""
        out = []
        for members in self.lists:
            kept = [
                k for i, k in enumerate(members)
                if i == 0 or not _says_where(cands[members[i - 1]], cands[k])
            ]  # fmt: skip
            if len(kept) >= 2:
                out.append(tuple(kept))
        return out


def _relation(gap: str, before: Mention) -> str | None:
    """How the words between two mentions relate them: "in" (the first lies in the
    second), "has" (the second lies in the first), "," (either: "Paris, Texas" or
    "Kherson, Dniprovskyi district"), a list separator, or None."""
    words = gap.strip().lower()
    if words in ("'s", "\u2019s"):
        return "has"
    first, _, rest = words.partition(" ")
    # a type word written after the first name: "Kupiansk district of", "Beni region, "
    if first.rstrip(",") in _type_words() or (before.qualifier and first == before.qualifier):
        words = (first[-1] + " " + rest).strip() if first.endswith(",") else rest.strip()
    elif (facility := _FACILITY_GAP.match(words)) and facility.group(1) in _facility_words():
        words = words[facility.end() :]  # "railroad station in": the station's place
    if words == ",":
        return ","
    if _IN_WORDS.fullmatch(words):
        return "in"
    if _NEAR_WORDS.fullmatch(words):
        return "near"
    if words in _LIST_SEPARATORS:
        return words
    return None


def _area_cue(before: str) -> float:
    # both patterns end in a word and white space: an ASCII text ending otherwise (most
    # do) is searched by neither (a text with other letters is, as case folds them)
    if before.isascii():
        last = before.rstrip()
        if len(last) == len(before):
            return 0.0
        last = last.lower()
        area = last.endswith(_AREA_LAST_WORDS)
        if not (area or last.endswith(_DIRECTION_ENDINGS)):
            return 0.0
    if _AREA_WORDS.search(before):
        return 1.0
    return 0.5 if _DIRECTION_WORDS.search(before) else 0.0


def _plural_type_word(after: str) -> str | None:
    """The type word of ``after``'s first word when it is a plural one ("provinces")."""
    found = re.match(r"\s+([a-z]+)\b", after)
    if found is None:
        return None
    word = found.group(1)
    singular = word[:-3] + "y" if word.endswith("ies") else word[:-1] if word.endswith("s") else ""
    return singular if singular in _type_words() else None


def _says_where(before: list[Candidate], after: list[Candidate]) -> bool:
    """Whether a region or country among ``after`` holds one of ``before``."""
    outer = [o.entry for o in after if o.entry.feature_type in ("admin1", "country")]
    return any(inside(c.entry, o) > 0 for c in before for o in outer)


@cache
def _facility_words() -> frozenset[str]:
    return lexicon().facility_words


@cache
def _type_words() -> frozenset[str]:
    """The type words and their plurals, built once: every gap between two mentions asks
    (rebuilding the sets each time took 30 us a call, ~2% of geoparsing LGL)."""
    ptypes = lexicon().place_types
    return frozenset(ptypes) | frozenset(f"{w}s" for w in ptypes) | {"hromada", "raion"}


def is_area(e: GazetteerEntry) -> bool:
    """Whether ``e`` is spread over an area an area cue may speak of
    (:data:`geomap.feature_types.SPREAD_TYPES`)."""
    return e.feature_type in SPREAD_TYPES
