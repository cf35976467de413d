"""What each kind of place is, in one table: how specific, how an incident there is
placed, whether a radius may be drawn around it, how it is drawn.

The rows are ``geomap/data/feature_types.csv``; adding a kind of place (a district, an
air base) is one row there, and every stage that reasons about places reads it:
facts (which place a radius or a count belongs to), incidents (the most specific
scene, UCDP precision), enrichment (which places get a country or region by spatial
join), the map (marker style) and geoparsing (which kinds are administrative units of
which level, which are areas a sentence may speak of: the views at the end).
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources

__all__ = ["ADMIN_LEVELS", "ADMIN_UNIT_TYPES", "DISTRICT_TYPES", "FEATURE_TYPES", "NATURAL_TYPES",
           "OUTLINED_TYPES", "REGION_TYPES", "SETTLEMENT_TYPES", "SPREAD_TYPES", "WIDE_TYPES",
           "FeatureType", "feature_type", "specificity"]


@dataclass(frozen=True, slots=True)
class FeatureType:
    name: str
    label: str
    specificity: int
    """Lower is more specific: a fact or incident goes to the most specific place named."""
    geo_precision: int
    """UCDP where_prec of an incident placed at such a place (1 exact ... 7 sea or air)."""
    radius: bool
    """Whether a stated radius may be drawn around it (not a country, sea or region)."""
    area: bool
    """An administrative area with a polygon in the gazetteer (country, admin-1)."""
    agent: bool
    """Its name can stand for a government that acts or speaks ("Russia said")."""
    in_country: bool
    """It lies inside one country (a sea or a cross-border region does not)."""
    has_admin1: bool
    """It lies inside one first-level region."""
    style: str
    """Marker style on the map (``geomap.render.places.STYLES``)."""
    admin_level: int = -1
    """How deep in the administrative tree such a place is: country 0, first-level region
    1, district 2, municipality 3, town or village 4, neighbourhood 5; -1 for what is no
    administrative unit (a sea, an island, a site, a region without an administration)."""
    extent: str = "other"
    """How it spreads: ``point`` (a site or a settlement), ``line`` (a river), ``district``
    (a district or a municipality), ``land`` (an island, a peninsula), ``region`` (a
    first-level region, or a region of no administration), ``water`` (a lake, a sea) or
    ``country``."""


def _yes(value: str) -> bool:
    if value not in ("yes", "no"):
        raise ValueError(f"feature_types.csv: expected yes or no, got {value!r}")
    return value == "yes"


@functools.cache
def _table() -> dict[str, FeatureType]:
    text = resources.files("geomap").joinpath("data", "feature_types.csv").read_text("utf-8")
    table = {}
    for row in csv.DictReader(text.splitlines()):
        table[row["feature_type"]] = FeatureType(
            name=row["feature_type"],
            label=row["label"],
            specificity=int(row["specificity"]),
            geo_precision=int(row["geo_precision"]),
            radius=_yes(row["radius"]),
            area=_yes(row["area"]),
            agent=_yes(row["agent"]),
            in_country=_yes(row["in_country"]),
            has_admin1=_yes(row["has_admin1"]),
            style=row["style"],
            admin_level=int(row["admin_level"]),
            extent=row["extent"],
        )
    return table


FEATURE_TYPES: dict[str, FeatureType] = _table()
"""Every feature type, in the table's order (most specific first)."""

_UNKNOWN = FeatureType("other", "other place", 5, 5, True, False, False, True, True, "other")
"""An unlisted type (from an online geocoder) counts as a region-sized place."""


def feature_type(name: str | None) -> FeatureType:
    """The row for ``name``; an unlisted name gets a region-sized default."""
    return FEATURE_TYPES.get(name or "", _UNKNOWN)


def specificity(name: str | None) -> int:
    return feature_type(name).specificity


def _kinds(keep: Callable[[FeatureType], bool]) -> frozenset[str]:
    return frozenset(name for name, row in FEATURE_TYPES.items() if keep(row))


ADMIN_LEVELS: dict[str, int] = {
    name: row.admin_level for name, row in FEATURE_TYPES.items() if row.admin_level >= 0
}
"""The administrative units by level (``admin_level``); a kind not here is no unit."""
ADMIN_UNIT_TYPES = _kinds(lambda row: 1 <= row.admin_level <= 3)
"""The units between a country and a town: first-level regions, districts, municipalities."""
DISTRICT_TYPES = _kinds(lambda row: row.extent == "district")
"""Districts and municipalities (admin-2 and admin-3 units)."""
SETTLEMENT_TYPES = _kinds(lambda row: row.admin_level >= 4)
"""Towns, villages and neighbourhoods: the settlements, below every unit."""
NATURAL_TYPES = _kinds(lambda row: row.admin_level == -1 and row.extent != "point")
"""Seas, lakes, rivers, islands, peninsulas and regions of no administration: no unit, no
site."""
OUTLINED_TYPES = _kinds(lambda row: row.area)
"""Countries and first-level regions (``area``): the areas the gazetteer has outlines
for, named on weaker evidence than a town (recognition) and no point of a story's
local area (an outlet's home: ``geoparse.source``)."""
SPREAD_TYPES = _kinds(lambda row: row.extent not in ("point", "line"))
"""Places spread over an area (countries, regions, districts, islands, seas, lakes), not
a point or a river: what "across", "throughout" or "the region of" speak of."""
REGION_TYPES = _kinds(lambda row: row.extent == "region")
"""Regions of a country, administrative or not: what "X, Y" names beside a town, which
a namesake abroad may be."""
WIDE_TYPES = _kinds(lambda row: row.specificity >= FEATURE_TYPES["admin1"].specificity)
"""A first-level region or wider (a sea, a river, a lake, a peninsula too): its point
says nothing of what lies near it."""
