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
nothing against the rest of resolution.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import Protocol

from geomap.distance import haversine_km
from geomap.gazetteer.names import normalize
from geomap.geoparse.candidates import Candidate, unit_level
from geomap.geoparse.foreign_namesakes import drop_foreign_namesakes
from geomap.geoparse.lexicon import lexicon
from geomap.records import GazetteerEntry, Mention, Resolution

__all__ = ["HasEntry", "ListPeers", "Relations", "add_containers", "drop_outside_containers",
           "inside", "list_peer_values"]

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
_AREA_TYPES = frozenset({"country", "admin1", "admin2", "admin3", "region", "island",
                         "peninsula", "sea", "lake"})  # fmt: skip
_AREA_CUE_WINDOW = 32
_TOWN_KM = 20.0
"""How far from a town's point a place written as inside it may lie (no town outline)."""
_DISTRICT_KM = 40.0
"""The same for a district or municipality the gazetteer has no outline for."""


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


def inside(inner: GazetteerEntry, outer: GazetteerEntry, *, strict: bool = False) -> float:
    """How surely ``inner`` lies in ``outer``: 1 in its region, district or town (by the
    gazetteer's region names, outlines, or distance from a town's point), 0.7 merely in
    its country, 0 otherwise (and for a place that cannot lie in the other, being of the
    same or a higher level; ``strict``: also a town in a town, or a place that is no
    administrative unit)."""
    if inner.id == outer.id:
        return 0.0
    li, lo = unit_level(inner), unit_level(outer)
    if strict and (li == -1 or lo == -1 or li <= lo):
        return 0.0
    if outer.feature_type == "country":
        return 0.7 if inner.country_code == outer.country_code and li != 0 else 0.0
    if li != -1 and lo != -1 and li <= lo and not (lo == 4 and li == 4):
        return 0.0
    if outer.feature_type == "admin1" and (outer.admin1_code or outer.bbox is None):
        same = (inner.country_code, normalize(inner.admin1 or "")) == (
            outer.country_code,
            normalize(outer.admin1 or outer.name),
        )
        return 1.0 if same and li not in (0, 1) else 0.0
    # a region Natural Earth does not code (Burkina Faso's Centre-Nord): its places carry
    # their province's name, so its box says what lies in it
    if outer.bbox is not None and (lo != -1 or li >= 2):
        x0, y0, x1, y1 = outer.bbox
        return 1.0 if x0 <= inner.lon <= x1 and y0 <= inner.lat <= y1 else 0.0
    if lo in (2, 3, 4) and li != -1:
        reach = _TOWN_KM if lo == 4 else _DISTRICT_KM
        return 1.0 if haversine_km(inner.lat, inner.lon, outer.lat, outer.lon) <= reach else 0.0
    return 0.0


def add_containers(cands: list[list[Candidate]], relations: Relations) -> None:
    """Set ``container`` on every inner candidate lying in one of the outer's candidates."""
    pairs = [(p, False) for p in relations.containment]
    pairs += [(p, True) for p in relations.subdivision]
    for (k_in, k_out), strict in pairs:
        outer = cands[k_out]
        if not outer:
            continue
        for c in cands[k_in]:
            best = max(inside(c.entry, o.entry, strict=strict) for o in outer)
            if best > c.features["container"]:
                # a copy: the dict may be the mention form's, shared by its other mentions
                c.features = {**c.features, "container": best}


def list_peer_values(
    members: Sequence[int],
    cands: list[list[Candidate]],
    probs: list[list[float]],
    groups: Sequence[str],
) -> dict[int, list[float]]:
    """Per list member, per candidate: the mean over the list's other names of the
    probability that each is a place of the candidate's level in its country (for a
    unit below a region, half of it for the same region)."""
    return ListPeers([members], cands, groups).values(probs)[0]


class HasEntry(Protocol):
    """A candidate, or its prepared base: what a list's peers read of it."""

    @property
    def entry(self) -> GazetteerEntry: ...


class ListPeers:
    """:func:`list_peer_values` of an article's lists, with what the probabilities do
    not change (each member's candidates' keys, each member's peers) worked out once:
    context asks every round, and a batch scores an article twice."""

    def __init__(
        self,
        lists: Sequence[Sequence[int]],
        cands: Sequence[Sequence[HasEntry]],
        groups: Sequence[str],
    ) -> None:
        self.lists = [
            (
                members,
                {k: [_peer_keys(c.entry) for c in cands[k]] for k in members},
                {k: [j for j in members if j != k and groups[j] != groups[k] and cands[j]]
                 for k in members},
            )
            for members in lists
        ]  # fmt: skip
        self.members = sorted({k for members in lists for k in members})
        """Every mention in a list: the only ones whose probabilities are read."""

    def values(
        self, probs: Sequence[Sequence[float]] | Mapping[int, Sequence[float]]
    ) -> list[dict[int, list[float]]]:
        """Per list, :func:`list_peer_values` of its members; ``probs``: per mention
        (at least per member), its candidates' probabilities."""
        found = []
        for members, keys, peers in self.lists:
            mass: dict[int, dict[tuple[object, ...], float]] = {}
            for k in members:
                by_key: dict[tuple[object, ...], float] = {}
                for candidate_keys, p in zip(keys[k], probs[k], strict=True):
                    for key in candidate_keys:
                        by_key[key] = by_key.get(key, 0.0) + p
                mass[k] = by_key
            out: dict[int, list[float]] = {}
            for k in members:
                others = peers[k]
                values = []
                for candidate_keys in keys[k]:
                    if not others or not candidate_keys:
                        values.append(0.0)
                        continue
                    weight = 1.0 / len(candidate_keys)
                    total = sum(weight * mass[j].get(key, 0.0)
                                for j in others for key in candidate_keys)  # fmt: skip
                    values.append(total / len(others))
                out[k] = values
            found.append(out)
        return found


def _peer_keys(e: GazetteerEntry) -> tuple[tuple[object, ...], ...]:
    """What a list's other names must be for a candidate to agree with them: a country
    (any), or a region of its country. Towns get none: a list of towns agrees with
    namesakes in every state ("Cornwall and Kent"), which the region's context weighs."""
    level = unit_level(e)
    if level == 0:
        return ((0,),)
    if level == 1:
        return ((1, e.country_code),)
    return ()


def is_area(e: GazetteerEntry) -> bool:
    return e.feature_type in _AREA_TYPES


def drop_outside_containers(
    text: str,
    resolutions: Sequence[Resolution],
    relations: Relations,
    ranked: Sequence[Sequence[Candidate]],
) -> list[Resolution]:
    """A mention the wording puts inside a region or country ("Fresno, Calif.", "X village
    in the northern Y region") takes its best candidate that lies there, or no place when
    none does: the gazetteer lacks the place the article means, which then stays at the
    stated area (the incident's scene). Then small towns abroad that an article about
    one country names by accident are left unplaced too
    (:mod:`geomap.geoparse.foreign_namesakes`)."""
    out = list(resolutions)
    for k_in, k_out in relations.containment:
        inner, outer = out[k_in].entry, out[k_out].entry
        region = out[k_out].mention.qualifier in _REGION_QUALIFIERS  # "X, Kherson region"
        if (
            inner is None
            or outer is None
            or out[k_out].mention.demonym
            or out[k_out].score < _SURE_OUTER
            or outer.feature_type not in ("country", "admin1", "admin2")
            or unit_level(inner) in (-1, 0)
            or unit_level(inner) <= unit_level(outer)
            or not _surely_outside(inner, outer, said_region=region)
            or _likened(text, out[k_in].mention, out[k_out].mention)
        ):
            continue
        there = [c for c in ranked[k_in] if not _surely_outside(c.entry, outer, said_region=region)
                 and unit_level(c.entry) > unit_level(outer)]  # fmt: skip
        best = max(there, key=lambda c: c.linear, default=None)
        entry = best.entry if best is not None else None
        score = 1.0 / (1.0 + math.exp(-best.linear)) if best is not None else 0.0
        out[k_in] = replace(out[k_in], entry=entry, score=score)
    return drop_foreign_namesakes(out)


_THE_BEFORE = re.compile(r"\bthe\s+$", re.IGNORECASE)


def _likened(text: str, inner: Mention, outer: Mention) -> bool:
    """"Sochi could become the Nice of Russia": a likeness, not a place inside another
    (while "the Nord region of Burkina Faso" is one)."""
    if text[inner.end : outer.start].strip() != "of":
        return False
    return _THE_BEFORE.search(text, max(0, inner.start - 8), inner.start) is not None


_SURE_OUTER = 0.5
"""How sure the place written around another must be for its word to decide."""


_OUTLINE_MARGIN = 0.1
"""Degrees of slack around a region's bounding box (its outline is simplified)."""
_FAR_FROM_REGION_KM = 400.0
"""Farther than this from a region's point, a place is not in it whatever its box says."""


def _surely_outside(
    inner: GazetteerEntry, outer: GazetteerEntry, *, said_region: bool = False
) -> bool:
    """In another country, or both outside the region's box and far from its point: names
    of regions differ between sources ("Kashmir", "Jammu and Kashmir") and some boxes
    are a data fault, so neither alone is proof. ``said_region``: the wording calls the
    outer place a region ("X, Kherson region"); then a place outside its box that the
    gazetteer puts in a region of another name is outside it, however near."""
    if inner.country_code != outer.country_code:
        return bool(inner.country_code and outer.country_code)
    if outer.feature_type != "admin1" or outer.bbox is None:
        return False
    west, south, east, north = outer.bbox
    m = _OUTLINE_MARGIN
    in_box = west - m <= inner.lon <= east + m and south - m <= inner.lat <= north + m
    if in_box:
        return False
    # outside the box and said to be in another region, whose name shares no word with
    # this one's ("Autonomous Republic of Crimea" for a village "of Kherson region"):
    # two sources agree, however near
    other = _name_stems(inner.admin1 or "")
    return haversine_km(inner.lat, inner.lon, outer.lat, outer.lon) > _FAR_FROM_REGION_KM or (
        said_region and bool(other) and not other & _name_stems(outer.admin1 or outer.name)
    )


_REGION_QUALIFIERS = frozenset(["region", "oblast", "province", "governorate", "state", "krai",
                                "prefecture"])  # fmt: skip
"""Type words after a name that say it is a first-level region."""
_REGION_WORDS = frozenset(
    ["oblast", "region", "province", "state", "autonomous", "republic", "of", "the", "and",
     "city", "governorate", "district", "county"]
)  # fmt: skip


def _name_stems(name: str) -> set[str]:
    """The first three letters of a region name's own words, so that two sources'
    spellings agree ("Sums'ka Oblast'" and "Sumy" both give "sum"; "Azad Kashmir" and
    "Jammu and Kashmir" share "kas")."""
    return {w[:3] for w in normalize(name).replace("-", " ").split() if w not in _REGION_WORDS}
