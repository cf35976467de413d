"""Where an incident happened: the most specific places its sentences name as scenes
(not actors, speakers or context), one record per distinct scene; else the place a
stated radius is drawn around, a place the sentence refers to, or the scene of an
earlier sentence; with UCDP precision from the feature-type table."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

import numpy as np

from geomap.feature_types import feature_type, specificity
from geomap.incidents.sentences import LOOK_BACK, Sentence
from geomap.incidents.triggers import Draft
from geomap.place_roles import RoledMention
from geomap.records import GazetteerEntry, Place

__all__ = ["contains", "distinct", "geo_precision", "has_town", "locations", "same_ground"]

_SPOT = specificity("island")
"""Places of a town's size or smaller (towns, islands, sites): an incident at several
of them is one record each."""


def _rank(scene: RoledMention) -> int:
    return specificity(scene.entry.feature_type)

_LARGE_ISLAND_DEG2 = 1.0
"""An island whose box is bigger than this (Sicily, Borneo) is a region, not a spot."""


_ANAPHORA = {
    "admin1": re.compile(
        r"\b(?:one\s+of\s+(?:its|their|the)\s+(?:\w+\s+)?(?:regions|provinces|oblasts|states)|"
        r"the\s+(?:region|province|oblast|state|prefecture))\b",
        re.IGNORECASE,
    ),
    "city": re.compile(r"\b(?:the|that)\s+(?:city|town|village|port)\b", re.IGNORECASE),
}


def geo_precision(entry: GazetteerEntry, *, near: bool = False) -> int:
    """UCDP where_prec for an incident at ``entry``; ``near`` when only close to it."""
    precision = feature_type(entry.feature_type).geo_precision
    if entry.feature_type == "island" and entry.bbox is not None:
        west, south, east, north = entry.bbox
        if (east - west) * (north - south) > _LARGE_ISLAND_DEG2:
            precision = 5
    if precision == 1 and near:
        return 2
    return precision


def locations(
    draft: Draft,
    sentences: Sequence[Sentence],
    radius_owner: dict[tuple[int, int], Place],
    scene_keys: set[str],
) -> list[tuple[RoledMention | Place | None, int | None]]:
    """[(scene, geo precision)]: one per distinct scene, or [(None, None)].
    ``scene_keys`` are the places any sentence names as a scene."""
    scenes = distinct(draft.scenes)
    if scenes:
        return [(scene, geo_precision(scene.entry, near=scene.near)) for scene in scenes]
    for radius in draft.radii:
        owner = radius_owner.get((radius.start, radius.end))
        if owner is not None and owner.entry.id in scene_keys:
            draft.location_note = "the place the stated radius is drawn around"
            return [(owner, geo_precision(owner.entry, near=True))]
    main = sentences[draft.sentence]
    for kind, pattern in _ANAPHORA.items():
        if not pattern.search(main.text):
            continue
        for index in (draft.sentence + 1, draft.sentence - 1, draft.sentence + 2):
            if not 0 <= index < len(sentences):
                continue
            found = [
                r for r in sentences[index].roled
                if r.entry.feature_type == kind and r.role == "location"
            ]  # fmt: skip
            if found:
                draft.location_note = f"'{pattern.search(main.text).group(0)}', named nearby"
                return [(found[0], geo_precision(found[0].entry))]
    for index in range(
        min(draft.sentences) - 1, max(min(draft.sentences) - 1 - LOOK_BACK, -1), -1
    ):
        earlier = sentences[index]
        found = distinct([r for r in earlier.roled if r.role == "location"])
        if found and not earlier.heading:
            scene = found[0]
            draft.location_note = "named in an earlier sentence"
            return [(scene, geo_precision(scene.entry, near=True))]
        if earlier.heading:
            if found:
                draft.location_note = "named in the section heading"
                return [(found[0], geo_precision(found[0].entry, near=True))]
            break
    return [(None, None)]


def distinct(scenes: Sequence[RoledMention]) -> list[RoledMention]:
    """The most specific scenes, one per place, without the ones containing another."""
    unique: dict[str, RoledMention] = {}
    for scene in scenes:
        unique.setdefault(scene.entry.id, scene)
    holds = _holds_another([s.entry for s in unique.values()])
    kept = [s for s, outer in zip(unique.values(), holds, strict=True) if not outer]
    if not kept:
        return []
    best = min(_rank(s) for s in kept)
    top = [s for s in kept if _rank(s) == best]
    if best <= _SPOT:
        # Several towns or islands: one record each.
        return [s for s in kept if _rank(s) <= _SPOT]
    return top[:1]


def _holds_another(entries: Sequence[GazetteerEntry]) -> list[bool]:
    """For each entry, whether it contains another of ``entries`` (:func:`contains`),
    in time linear in their number for countries: an article may list thousands of towns."""
    codes = Counter(e.country_code for e in entries if e.country_code)
    admin1_codes = Counter(e.admin1_code for e in entries if e.admin1_code)
    lon = np.array([e.lon for e in entries], dtype=float)
    lat = np.array([e.lat for e in entries], dtype=float)
    coded = np.array([bool(e.admin1_code) for e in entries], dtype=bool)
    result = []
    for k, e in enumerate(entries):
        if e.feature_type == "country":
            result.append(bool(e.country_code) and codes[e.country_code] > 1)
        elif e.feature_type == "admin1":
            if e.admin1_code and admin1_codes[e.admin1_code] > 1:
                result.append(True)
                continue
            if e.bbox is None:
                result.append(False)
                continue
            west, south, east, north = e.bbox
            others = ~coded if e.admin1_code else np.ones(len(entries), dtype=bool)
            others[k] = False
            inside = others & (lon >= west) & (lon <= east) & (lat >= south) & (lat <= north)
            result.append(bool(inside.any()))
        else:
            result.append(False)
    return result


def has_town(scenes: Sequence[RoledMention]) -> bool:
    """Whether an incident already has a town-sized scene, which later mentions of other
    towns ("buildings collapsed in A, B and C") support rather than replace."""
    return any(_rank(s) <= _SPOT for s in scenes)


def same_ground(a: GazetteerEntry, b: GazetteerEntry) -> bool:
    if a.id == b.id:
        return True
    return contains(a, b) or contains(b, a)


def contains(outer: GazetteerEntry, inner: GazetteerEntry) -> bool:
    if outer.feature_type == "country":
        return bool(inner.country_code) and inner.country_code == outer.country_code
    if outer.feature_type == "admin1":
        if outer.admin1_code and inner.admin1_code:
            return outer.admin1_code == inner.admin1_code
        if outer.bbox is not None:
            west, south, east, north = outer.bbox
            return west <= inner.lon <= east and south <= inner.lat <= north
    return False
