"""Picks checked against the town, district or region the wording puts them in.

:func:`~geomap.geoparse.containment.drop_outside_containers` keeps a mention inside the
country or first-level region the sentence names ("Fresno, Calif."). Two readings of the
same wording go further:

- **in a town or district**: "a marketplace in Qiaoxi District of Zhangjiakou City",
  "near Raghunathpur railroad station in Buxar district of Bihar state". Resolution took
  the Qiaoxi of Shijiazhuang and the Raghunathpur of Purnia: both lie in the right
  province (Hebei, Bihar), which is all the province's box can say, but 312 and 395 km
  from the city and district the sentence names. A place written "in" or "of" a town or
  district (a unit below the region, or the town it is named after: the gazetteer often
  has only the town) lies within ``REACH_KM`` of it, inside its box where it has one. The
  mention takes its best candidate that does; where none does, the gazetteer lacks the
  place meant, and it lies at the stated town (the approximate point,
  :mod:`geomap.geoparse.approximate`), as annotators and UCDP place a village they cannot
  find.
- **a region beside a town of another country**: "ERBIL, Kurdistan Region" is Iraq's
  Kurdistan Region, not Iran's Kurdistan province. Where a sure town is written in an
  area ("X, Y", "X in Y") whose pick lies in another country, and another candidate of the
  area is of the town's country, the area is that one.

Only the places the sentence writes side by side are read, so this costs nothing for an
article whose wording states no such pair.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace

from geomap.distance import equirectangular_km
from geomap.feature_types import REGION_TYPES
from geomap.geoparse.candidates import Candidate, unit_level
from geomap.geoparse.far_namesakes import repick
from geomap.geoparse.structure import Relations
from geomap.records import GazetteerEntry, Resolution

__all__ = ["REACH_KM", "keep_in_stated_towns", "region_of_the_towns_country"]

REACH_KM = 150.0
"""How far from the point of a town or district a place said to lie in it may lie: a
district is rarely wider than this, and a Chinese prefecture-level city's districts lie
around its centre."""
_SURE = 0.5
"""How sure resolution must be of the stated town for its word to decide."""
_BOX_MARGIN = 0.1
"""Degrees of slack around a district's box (its outline is simplified)."""
_BIG_TOWN = 100_000
"""A town this big is named for itself: it is not moved to a smaller town it is said to
lie in (the wording more likely misread)."""


def keep_in_stated_towns(
    resolutions: Sequence[Resolution],
    relations: Relations,
    ranked: Sequence[Sequence[Candidate]],
) -> tuple[list[Resolution], dict[int, GazetteerEntry]]:
    """``resolutions`` with every pick written "in" or "of" a town or district that lies
    beyond ``REACH_KM`` of it replaced by its best candidate within reach, or by no place;
    and, for each mention left without a place so, the town it lies at."""
    out = list(resolutions)
    undone: dict[int, GazetteerEntry] = {}
    for k_in, k_out in relations.written_in:
        inner, outer = out[k_in].entry, out[k_out].entry
        if (
            inner is None
            or outer is None
            or out[k_in].mention.demonym
            or out[k_out].mention.demonym
            or out[k_out].score < _SURE
            or unit_level(outer) not in (2, 3, 4)
            or unit_level(inner) < 2
            or unit_level(inner) <= unit_level(outer) < 4  # a district in a district
            or inner.population >= max(_BIG_TOWN, outer.population)
            or _within(inner, outer)
        ):
            continue
        fits = [c for c in ranked[k_in] if unit_level(c.entry) >= 2 and _within(c.entry, outer)]
        repick(out, k_in, fits, outer, undone)
    return out, undone


def region_of_the_towns_country(
    resolutions: Sequence[Resolution],
    relations: Relations,
    ranked: Sequence[Sequence[Candidate]],
) -> list[Resolution]:
    """``resolutions`` with an area written around a sure town ("ERBIL, Kurdistan
    Region") moved to its candidate in the town's country when its pick lies in another
    one (or in none)."""
    out = list(resolutions)
    for k_in, k_out in relations.containment:
        town, area = out[k_in].entry, out[k_out].entry
        if (
            town is None
            or area is None
            or not town.country_code
            or unit_level(town) < 2
            or out[k_in].score < _SURE
            or out[k_in].mention.demonym
            or area.feature_type not in REGION_TYPES
            or area.country_code == town.country_code
        ):
            continue
        # the town is sure of itself: none of its own candidates lies in the area's country
        if any(c.entry.country_code == area.country_code for c in ranked[k_in]
               if c.entry.id != town.id and area.country_code):  # fmt: skip
            continue
        there = [c for c in ranked[k_out] if c.entry.feature_type in REGION_TYPES
                 and c.entry.country_code == town.country_code]  # fmt: skip
        best = max(there, key=lambda c: c.linear, default=None)
        if best is not None:
            out[k_out] = replace(out[k_out], entry=best.entry,
                                 score=1.0 / (1.0 + math.exp(-best.linear)))  # fmt: skip
    return out


def _within(e: GazetteerEntry, town: GazetteerEntry) -> bool:
    """Whether ``e`` may lie in the town or district ``town``: inside its box (with a
    margin) where it has one, else within ``REACH_KM`` of its point."""
    if town.bbox is not None and unit_level(town) in (2, 3):
        west, south, east, north = town.bbox
        m = _BOX_MARGIN
        if west - m <= e.lon <= east + m and south - m <= e.lat <= north + m:
            return True
    return equirectangular_km(e.lat, e.lon, town.lat, town.lon) <= REACH_KM
