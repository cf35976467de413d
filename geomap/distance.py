"""Distances in kilometres between two points given in degrees, point by point.

Two formulas, kept apart on purpose because the rules that use them were tuned on
their figures and must keep giving the same answers at their thresholds:

- :func:`equirectangular_km` (a sphere of 6371.0 km): a plane around the two points'
  middle latitude. Cheap, and exact enough from tens to about a thousand kilometres,
  which is all the gazetteer build (same airport, same settlement, a misplaced name)
  and the village and namesake rules ask.
- :func:`haversine_km` (the mean Earth radius, 6371.0088 km): the great circle, right
  at any distance; for tests that can span a continent (how far a place lies from the
  region that is said to contain it) and for scoring against gold points.

The two differ by well under a kilometre at the ranges where both are used, but a
figure exactly at a threshold can fall on either side, so neither replaces the other.
Arrays of points are the business of numpy (``geoparse.context_arrays``), not of these.
"""

from __future__ import annotations

import math

__all__ = ["MEAN_EARTH_KM", "equirectangular_km", "haversine_km"]

MEAN_EARTH_KM = 6371.0088
"""The mean Earth radius (IUGG), the great circle's sphere."""


def equirectangular_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Equirectangular distance: exact enough from tens to a thousand kilometres."""
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    y = math.radians(lat2 - lat1)
    return 6371.0 * math.hypot(x, y)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance on the mean Earth sphere."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * MEAN_EARTH_KM * math.asin(min(1.0, math.sqrt(h)))
