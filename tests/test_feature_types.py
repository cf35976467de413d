"""The feature-type table's administrative level and extent, and the views geoparsing
reads of them: one row decides what a kind of place is for every stage."""

from __future__ import annotations

import pytest

from geomap.feature_types import (
    ADMIN_LEVELS,
    ADMIN_UNIT_TYPES,
    DISTRICT_TYPES,
    FEATURE_TYPES,
    NATURAL_TYPES,
    OUTLINED_TYPES,
    REGION_TYPES,
    SETTLEMENT_TYPES,
    SPREAD_TYPES,
    WIDE_TYPES,
    feature_type,
)
from geomap.geoparse.candidates import unit_level
from geomap.geoparse.structure import is_area
from geomap.records import GazetteerEntry

EXTENTS = {"point", "line", "district", "land", "region", "water", "country"}


def _entry(kind: str, code: str | None = None) -> GazetteerEntry:
    return GazetteerEntry(id=f"t:{kind}", name="Somewhere", lat=10.0, lon=20.0,
                          feature_type=kind, feature_code=code)  # fmt: skip


def test_every_row_has_a_level_and_an_extent() -> None:
    for name, row in FEATURE_TYPES.items():
        assert row.extent in EXTENTS, name
        assert -1 <= row.admin_level <= 5, name
    # an unlisted type (from an online geocoder) is no unit
    assert feature_type("something-else").admin_level == -1


@pytest.mark.parametrize(
    ("kind", "level"),
    [("country", 0), ("admin1", 1), ("admin2", 2), ("admin3", 3), ("city", 4),
     ("village", 4), ("neighbourhood", 5), ("island", -1), ("sea", -1), ("airport", -1),
     ("region", -1), ("unlisted", -1)],
)  # fmt: skip
def test_unit_level_reads_the_table(kind: str, level: int) -> None:
    assert unit_level(_entry(kind)) == level
    assert ADMIN_LEVELS.get(kind, -1) == level


def test_a_feature_code_still_says_a_region_is_a_district() -> None:
    # GeoNames' ADM2 on a row the source calls a region: a district, whatever its type
    assert unit_level(_entry("region", "ADM2")) == 2


@pytest.mark.parametrize(
    ("kind", "spread"),
    [("country", True), ("admin1", True), ("admin2", True), ("admin3", True),
     ("region", True), ("island", True), ("peninsula", True), ("sea", True), ("lake", True),
     ("river", False), ("city", False), ("village", False), ("airport", False),
     ("unlisted", False)],
)  # fmt: skip
def test_what_an_area_cue_may_speak_of(kind: str, spread: bool) -> None:
    """"across Washington", "throughout the region of": areas, not points or rivers."""
    assert is_area(_entry(kind)) is spread
    assert (kind in SPREAD_TYPES) is spread


def test_the_views_are_the_table_columns() -> None:
    assert {n for n, row in FEATURE_TYPES.items() if row.area} == OUTLINED_TYPES
    assert {"country", "admin1"} == OUTLINED_TYPES
    assert {"admin1", "region"} == REGION_TYPES
    # a region or wider: its point says nothing of what lies near; an island's may
    assert {"country", "admin1", "region", "sea", "river", "lake", "peninsula"} == WIDE_TYPES
    assert {"admin1", "admin2", "admin3"} == ADMIN_UNIT_TYPES
    assert {"admin2", "admin3"} == DISTRICT_TYPES
    assert {"city", "village", "neighbourhood"} == SETTLEMENT_TYPES
    assert {"region", "sea", "island", "peninsula", "lake", "river"} == NATURAL_TYPES


def test_every_kind_is_a_unit_a_settlement_a_site_or_natural() -> None:
    """Each row falls in exactly one of the views recognition and resolution tell apart
    (the country, the units, the settlements, the natural features, the sites)."""
    sites = {n for n, row in FEATURE_TYPES.items() if row.extent == "point"} - SETTLEMENT_TYPES
    parts = [{"country"}, ADMIN_UNIT_TYPES, SETTLEMENT_TYPES, NATURAL_TYPES, sites]
    assert sum(len(p) for p in parts) == len(FEATURE_TYPES)
    assert set().union(*parts) == set(FEATURE_TYPES)
