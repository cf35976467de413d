"""Which places are one ground: the most specific of an incident's scenes, whether one
place holds another (a country its towns, a province or district the towns in its box),
and the UCDP precision an incident at a place has (from the feature-type table)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np
import pyproj

from geomap.distance import equirectangular_km
from geomap.feature_types import feature_type, specificity
from geomap.place_roles import RoledMention
from geomap.records import GazetteerEntry

__all__ = ["UNIT_TYPES", "WGS84", "contains", "countries_of", "distinct", "geo_precision",
           "has_town", "nearby", "rank", "same_ground", "spot", "unit_around",
           "units_beside_towns", "units_listed_with_towns", "within_boxless", "within_km"]

WGS84 = pyproj.Geod(ellps="WGS84")
"""Geodesics on the WGS84 ellipsoid: how far two scenes lie apart, the point a stated
offset from a place gives."""

_LARGE_ISLAND_DEG2 = 1.0
"""An island whose box is bigger than this (Sicily, Borneo) is a region, not a spot."""


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


def spot(scene: RoledMention) -> bool:
    """A place of a town's size or smaller (a town, a village, a small island, a site):
    an incident at several of them is one record each."""
    return geo_precision(scene.entry) <= 2


def rank(scene: RoledMention) -> int:
    return specificity(scene.entry.feature_type)


def _without_province_towns(spots: list[RoledMention]) -> list[RoledMention]:
    """"in Bannang Sata, Yala": a town named right after another town of its province,
    when the province bears its name, writes the province the first town is in (the
    "X, Texas" pair), not a second scene."""
    return [s for s in spots if not any(
        0 < s.mention.start - t.mention.end <= _PAIR_GAP and t.entry.id != s.entry.id
        and s.entry.admin1 is not None and s.entry.admin1 == s.entry.name
        and t.entry.admin1_code is not None and t.entry.admin1_code == s.entry.admin1_code
        for t in spots)]


_PAIR_GAP = 2
"""Characters between the two names of an "X, Province" pair (", ")."""


def distinct(scenes: Sequence[RoledMention]) -> list[RoledMention]:
    """The most specific scenes, one per place, without the ones containing another."""
    unique: dict[str, RoledMention] = {}
    for scene in scenes:
        known = unique.setdefault(scene.entry.id, scene)
        if known.near and not scene.near:
            unique[scene.entry.id] = scene  # "near Herat ... homes in Herat": in Herat
    holds = _holds_another([s.entry for s in unique.values()])
    kept = [s for s, outer in zip(unique.values(), holds, strict=True) if not outer]
    if not kept:
        return []
    spots = [s for s in kept if spot(s)]
    if any(not s.near for s in spots):
        # "Kfar Kila near Nabatieh": Kfar Kila; but "a strike on a tent camp in Mawasi,
        # west of Khan Younis" further on places another strike near Khan Younis
        firm = [s for s in spots if not s.near]
        spots = [s for s in spots if not s.near or not any(
            0 <= s.mention.start - f.mention.end <= _DESCRIBES for f in firm)]
    elif spots:
        # "in the Jalrez district of Maidan Wardak province west of Kabul": the district
        # it happened in, not the city it is told from
        units = [s for s in kept if not s.near and s.entry.feature_type in _DISTRICTS]
        if units:
            return units[:1]
    if spots:
        return _without_province_towns(spots)  # several towns or islands: one record each
    best = min(rank(s) for s in kept)
    top = [s for s in kept if rank(s) == best]
    return top[:1]


UNIT_TYPES = frozenset({"admin1", "admin2", "admin3"})
"""Feature types of an administrative unit below the country."""


def units_beside_towns(
    scenes: Sequence[RoledMention], chosen: Sequence[RoledMention]
) -> list[RoledMention]:
    """The units a disaster's sentences name beside the towns :func:`distinct` chose,
    that neither hold nor lie in one of them nor hold another scene ("Flash floods hit
    the capital, Kabul, the Maidan Wardak and Ghazni provinces": Kabul, and the two
    provinces, each a place the flood struck)."""
    kept: list[RoledMention] = []
    seen = {c.entry.id for c in chosen}
    for scene in scenes:
        entry = scene.entry
        if entry.feature_type not in UNIT_TYPES or scene.near or entry.id in seen:
            continue
        if any(contains(entry, c.entry) or contains(c.entry, entry) for c in chosen) or any(
                contains(entry, o.entry) for o in scenes if o.entry.id != entry.id):
            continue
        seen.add(entry.id)
        kept.append(scene)
    return kept


_LIST_GAP = 6
"""Characters between two names of one list (", ", " and ", ", and ")."""


def units_listed_with_towns(
    scenes: Sequence[RoledMention], chosen: Sequence[RoledMention]
) -> list[RoledMention]:
    """The units :func:`units_beside_towns` finds that are named in one list with a
    chosen town ("church services in Colombo, Negombo and Batticaloa", the last read as
    its district): one more place the incident reached, not the area the towns lie in."""
    towns = [c for c in chosen if spot(c)]
    return [u for u in units_beside_towns(scenes, chosen) if any(
        0 < u.mention.start - t.mention.end <= _LIST_GAP
        or 0 < t.mention.start - u.mention.end <= _LIST_GAP for t in towns)]


_DISTRICTS = frozenset({"admin2", "admin3"})
_DESCRIBES = 40
"""Characters from a town to a place "near" which it lies ("Kfar Kila near Nabatieh")."""


def _holds_another(entries: Sequence[GazetteerEntry]) -> list[bool]:
    """For each entry, whether it contains another of ``entries`` (:func:`contains`),
    in time linear in their number for countries: an article may list thousands of towns."""
    codes = Counter(e.country_code for e in entries if e.country_code)
    admin1_codes = Counter(e.admin1_code for e in entries if e.admin1_code)
    lon = np.array([e.lon for e in entries], dtype=float)
    lat = np.array([e.lat for e in entries], dtype=float)
    coded = np.array([bool(e.admin1_code) for e in entries], dtype=bool)
    # A country's label point may fall inside a province's box (Sudan's inside North
    # Kordofan's): a country is never held by a province.
    country = np.array([e.feature_type == "country" for e in entries], dtype=bool)
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
            others = (~coded if e.admin1_code else np.ones(len(entries), dtype=bool)) & ~country
            others[k] = False
            inside = others & (lon >= west) & (lon <= east) & (lat >= south) & (lat <= north)
            result.append(bool(inside.any()))
        else:
            result.append(False)
    return result


def has_town(scenes: Sequence[RoledMention]) -> bool:
    """Whether an incident already has a town-sized scene, which later mentions of other
    towns ("buildings collapsed in A, B and C") support rather than replace."""
    return any(spot(s) for s in scenes)


def countries_of(scenes: Sequence[RoledMention]) -> set[str]:
    """The countries the scenes lie in (of those the gazetteer gives a country)."""
    return {s.entry.country_code for s in scenes if s.entry.country_code}


def unit_around(town: RoledMention, named: Sequence[RoledMention]) -> RoledMention | None:
    """The finest unit among ``named`` scenes that holds ``town`` ("In the Dnipropetrovsk
    region, shelling ... in Nikopol": the region), or None."""
    units = [r for r in named if r.role == "location" and r.entry.feature_type in UNIT_TYPES
             and r.entry.id != town.entry.id and contains(r.entry, town.entry)]  # fmt: skip
    return max(units, key=rank) if units else None


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
    if outer.feature_type in _WIDE_LAND and outer.bbox is not None and inner.id != outer.id:
        # "a ferry capsized off Borneo" ... "sank in South Kalimantan province"
        west, south, east, north = outer.bbox
        return west <= inner.lon <= east and south <= inner.lat <= north
    return False


_WIDE_LAND = frozenset({"island", "region", "peninsula", "admin2"})
"""Areas that hold towns and provinces without codes for them: by their box (a district
holds its towns: "Ituri province" ... "Djugu")."""


_SAME_PLACE_KM = 25.0
"""A toll stated at a town this close to the incident's scene is the same incident's
(UCDP's "near" radius): a fire above Pasadena kills two in Altadena."""


def within_km(a: GazetteerEntry, b: GazetteerEntry, km: float) -> bool:
    """Whether the points of two places lie within ``km`` of each other."""
    _, _, metres = WGS84.inv(a.lon, a.lat, b.lon, b.lat)
    return metres <= km * 1000


def nearby(a: GazetteerEntry, b: GazetteerEntry) -> bool:
    return same_ground(a, b) or within_km(a, b, _SAME_PLACE_KM)


_BOXLESS_AREAS = frozenset({"region", "peninsula", "island", "admin2"})
_BOXLESS_KM = 50.0
"""How far from the point of an area the gazetteer has no box for ("the Golan Heights")
a smaller place may lie and still be read as inside it."""


def within_boxless(inner: GazetteerEntry, area: GazetteerEntry) -> bool:
    """Whether ``inner``, a smaller place, lies near the point of an area with no box."""
    return (area.feature_type in _BOXLESS_AREAS and area.bbox is None
            and specificity(inner.feature_type) < specificity(area.feature_type)
            and equirectangular_km(inner.lat, inner.lon, area.lat, area.lon) <= _BOXLESS_KM)
