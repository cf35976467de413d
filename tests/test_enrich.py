from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest
import shapely
from hand_docs import facts_of
from pyproj import Geod

from geomap.enrich import AREA_COLUMNS, PLACE_COLUMNS, areas_frame, places_frame
from geomap.records import Article, GazetteerEntry, Mention, Place, PlaceFacts, Radius

GEOD = Geod(ellps="WGS84")

TEXT = (
    "Flooding in Houston\n\n"
    "At least 3 people were killed in Houston, Texas, on Tuesday and about 2,000 homes "
    "were flooded.\n\n"
    "In Venice, officials closed a 2 km radius around the Rialto after a collapse.\n\n"
    "A ferry sank in the Black Sea."
)
ARTICLE = Article("floods", TEXT, date=dt.date(2024, 4, 25))

HOUSTON = GazetteerEntry(
    "gn:4699066", "Houston", 29.763, -95.363, "city", country_code="US", admin1="Texas",
    geonameid=4699066,
)  # fmt: skip
TEXAS = GazetteerEntry("ne-admin1:US-TX", "Texas", 31.0, -99.0, "admin1", country_code="US")
# No country code or region given: both come from the spatial joins.
VENICE = GazetteerEntry("gn:3164603", "Venice", 45.438, 12.335, "city", geonameid=3164603)
BLACK_SEA = GazetteerEntry("ne-sea:black", "Black Sea", 43.0, 34.0, "sea")


def place(entry: GazetteerEntry) -> Place:
    mentions = []
    start = TEXT.find(entry.name)
    while start != -1:
        mentions.append(Mention(start, start + len(entry.name), entry.name, entry.name))
        start = TEXT.find(entry.name, start + 1)
    return Place(entry, tuple(mentions), score=0.8, geocoder="gazetteer")


@pytest.fixture(scope="module")
def facts() -> list[PlaceFacts]:
    return facts_of(ARTICLE, [place(e) for e in (HOUSTON, TEXAS, VENICE, BLACK_SEA)])


def test_places_frame_columns_and_points(facts: list[PlaceFacts]) -> None:
    frame = places_frame(ARTICLE, facts)
    assert list(frame.columns) == [*PLACE_COLUMNS, "geometry"]
    assert frame.crs.to_epsg() == 4326
    assert list(frame["place_id"]) == [e.id for e in (HOUSTON, TEXAS, VENICE, BLACK_SEA)]
    assert frame.geometry.iloc[0].equals(shapely.Point(-95.363, 29.763))
    assert str(frame["geonameid"].dtype) == "Int64"
    assert frame["geonameid"].iloc[0] == 4699066
    assert pd.isna(frame["geonameid"].iloc[1])
    assert list(frame["mentions"]) == [2, 1, 1, 1]


def test_country_and_region_are_filled_by_spatial_join(facts: list[PlaceFacts]) -> None:
    frame = places_frame(ARTICLE, facts).set_index("name")
    assert frame.loc["Houston", ["country_code", "country", "admin1"]].tolist() == [
        "US", "United States", "Texas",
    ]  # fmt: skip
    # Venice's point lies in its lagoon, just outside the simplified coastline.
    assert frame.loc["Venice", ["country_code", "country", "admin1"]].tolist() == [
        "IT", "Italy", "Venice",
    ]  # fmt: skip
    assert frame.loc["Black Sea", ["country_code", "country", "admin1"]].tolist() == [None] * 3


def test_facts_columns(facts: list[PlaceFacts]) -> None:
    houston = places_frame(ARTICLE, facts).set_index("name").loc["Houston"]
    assert houston["counts"] == [
        {"value": 3, "noun": "dead", "qualifier": "at least",
         "text": "At least 3 people were killed"},
        {"value": 2000, "noun": "home", "qualifier": "about", "text": "about 2,000 homes"},
    ]  # fmt: skip
    assert houston["dates"] == ["2024-04-23"]
    assert houston["sentences"][0] == "Flooding in Houston"
    assert houston["sentences"][1].startswith("At least 3 people")


def test_areas_frame_for_a_stated_radius(facts: list[PlaceFacts]) -> None:
    areas = areas_frame(facts, ARTICLE)
    assert list(areas.columns) == [*AREA_COLUMNS, "geometry"]
    assert areas.crs.to_epsg() == 4326
    (row,) = areas.itertuples()
    assert (row.area_id, row.place_id, row.place, row.radius_m) == (
        "gn:3164603:r2000", "gn:3164603", "Venice", 2000.0,
    )  # fmt: skip
    assert row.evidence.startswith("In Venice, officials closed a 2 km radius")
    assert row.geometry.contains(shapely.Point(VENICE.lon, VENICE.lat))


def _facts_with_radii(lat: float, lon: float, radii: list[float]) -> list[PlaceFacts]:
    entry = GazetteerEntry(f"test:{lat}:{lon}", "Somewhere", lat, lon, "city")
    stated = tuple(Radius(0, 4, "text", r) for r in radii)
    return [PlaceFacts(Place(entry, ()), radii=stated)]


@pytest.mark.parametrize("lat", [0.0, 50.0, 70.0])
def test_circle_area_is_true_at_any_latitude(lat: float) -> None:
    radii = [500.0, 2000.0, 50_000.0]
    areas = areas_frame(_facts_with_radii(lat, 20.0, radii), Article("x", "text"))
    assert list(areas["radius_m"]) == radii
    for radius, polygon in zip(radii, areas.geometry, strict=True):
        area = abs(GEOD.geometry_area_perimeter(polygon)[0])
        assert area == pytest.approx(math.pi * radius**2, rel=0.01)
    assert abs(GEOD.geometry_area_perimeter(areas.geometry.iloc[0])[0]) / 1e6 == pytest.approx(
        0.785, abs=0.005
    )


def test_circle_across_the_antimeridian_is_split() -> None:
    areas = areas_frame(_facts_with_radii(-17.0, 179.95, [20_000.0]), Article("x", "text"))
    polygon = areas.geometry.iloc[0]
    assert polygon.geom_type == "MultiPolygon"
    minx, _, maxx, _ = polygon.bounds
    assert (minx, maxx) == (-180.0, 180.0)
    area = abs(GEOD.geometry_area_perimeter(polygon)[0])
    assert area == pytest.approx(math.pi * 20_000.0**2, rel=0.01)


def test_same_radius_twice_is_one_area_and_empty_input_gives_empty_frames() -> None:
    areas = areas_frame(_facts_with_radii(10.0, 10.0, [300.0, 300.0]), Article("x", "text"))
    assert list(areas["area_id"]) == ["test:10.0:10.0:r300"]
    empty = areas_frame([], ARTICLE)
    assert list(empty.columns) == [*AREA_COLUMNS, "geometry"] and len(empty) == 0
    assert len(places_frame(ARTICLE, [])) == 0


def test_inputs_are_not_changed(facts: list[PlaceFacts]) -> None:
    from geomap.gazetteer import shapes

    countries = shapes.countries()
    before = countries.copy()
    snapshot = list(facts)
    places_frame(ARTICLE, facts, countries=countries)
    areas_frame(facts, ARTICLE)
    assert facts == snapshot
    pd.testing.assert_frame_equal(countries, before)
