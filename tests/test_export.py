"""The GeoJSON export follows RFC 7946 on places and areas we make up here."""

from __future__ import annotations

import datetime as dt
import json
import math
import re

import geopandas as gpd
import pandas as pd
import pytest
import shapely
from shapely.geometry import LinearRing, Point, Polygon

from geomap.enrich import areas_frame, places_frame
from geomap.export import json_safe, to_geojson, write_geojson
from geomap.records import (
    Article,
    Count,
    DateRef,
    GazetteerEntry,
    Mention,
    Place,
    PlaceFacts,
    Radius,
)


def _places() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {
            "place_id": ["gn:2996944", "ne-admin1:US-TX", "gn:433239"],
            "name": ["Lyon", "Texas", "Lake Victoria"],
            "feature_type": ["city", "admin1", "lake"],
            "country_code": ["FR", "US", None],
            "country": ["France", "United States", None],
            "admin1": ["Auvergne-Rhône-Alpes", "Texas", None],
            "geonameid": pd.array([2996944, None, 433239], dtype="Int64"),
            "lat": [45.7484600123456, 31.25, -1.0],
            "lon": [4.8467100987654, -99.25, 33.0],
            "mentions": [2, 1, 1],
            "sentences": [
                ["Firefighters in Lyon evacuated 40 homes.", "Lyon's mayor spoke."],
                ["Texas sent help."],
                [],
            ],
            "score": [0.92, float("nan"), 0.5],
            "geocoder": ["gazetteer", "gazetteer", "photon"],
        },
        geometry=[
            Point(4.8467100987654, 45.7484600123456),
            Point(-99.25, 31.25),
            Point(33.0, -1.0),
        ],
        crs=4326,
    )


def _areas() -> gpd.GeoDataFrame:
    """A 500 m radius around Lyon, built in Lambert-93 (metres) as enrichment would, and a
    ring-shaped area drawn clockwise with a counter-clockwise hole (the wrong way round)."""
    lyon = gpd.GeoSeries([Point(4.84671, 45.74846)], crs=4326).to_crs(2154)
    circle = lyon.buffer(500).to_crs(4326).iloc[0]
    shell = [(32.0, -2.0), (32.0, 0.0), (34.0, 0.0), (34.0, -2.0), (32.0, -2.0)]  # clockwise
    hole = [(32.5, -1.5), (33.5, -1.5), (33.5, -0.5), (32.5, -0.5), (32.5, -1.5)]  # ccw
    assert not LinearRing(shell).is_ccw and LinearRing(hole).is_ccw
    return gpd.GeoDataFrame(
        {
            "area_id": ["area-1", "area-2"],
            "place_id": ["gn:2996944", "gn:433239"],
            "place": ["Lyon", "Lake Victoria"],
            "radius_m": [500.0, float("inf")],
            "evidence": ["within a 500-metre radius of the depot", None],
        },
        geometry=[circle, Polygon(shell, [hole])],
        crs=4326,
    )


def _coordinates(geometry: dict) -> list[float]:
    flat: list[float] = []

    def walk(value: object) -> None:
        if isinstance(value, list):
            for v in value:
                walk(v)
        else:
            flat.append(value)  # type: ignore[arg-type]

    walk(geometry["coordinates"])
    return flat


def _reject_constant(name: str) -> float:
    raise ValueError(f"non-JSON constant {name} in output")


def _assert_rfc7946(text: str) -> dict:
    """The rules every file we write must follow; returns the parsed collection."""
    data = json.loads(text, parse_constant=_reject_constant)
    assert data["type"] == "FeatureCollection"
    assert "crs" not in data and "NaN" not in text and "Infinity" not in text
    for feature in data["features"]:
        assert feature["properties"]["kind"] in {"place", "area"}
        assert isinstance(feature["id"], str)
        assert feature["type"] == "Feature"
        coords = _coordinates(feature["geometry"])
        assert coords and all(round(c, 6) == c for c in coords)
        for ring_index, ring in enumerate(
            feature["geometry"]["coordinates"] if feature["geometry"]["type"] == "Polygon" else []
        ):
            assert LinearRing(ring).is_ccw == (ring_index == 0)  # exterior ccw, holes cw

    # No number anywhere in the coordinates is written with more than 6 decimals.
    for match in re.finditer(r'"coordinates":\s*(\[[^a-z"]*\])', text):
        decimals = re.findall(r"\.(\d+)", match.group(1))
        assert decimals and max(len(d) for d in decimals) <= 6
    return data


def test_written_file_follows_rfc_7946(tmp_path):
    path = write_geojson(_places(), _areas(), tmp_path / "out" / "article.geojson")
    data = _assert_rfc7946(path.read_text(encoding="utf-8"))
    kinds = [f["properties"]["kind"] for f in data["features"]]
    assert kinds == ["place", "place", "place", "area", "area"]
    assert [f["id"] for f in data["features"]] == [
        "gn:2996944", "ne-admin1:US-TX", "gn:433239", "area-1", "area-2",
    ]  # fmt: skip

    # The ring with a hole still has it, oriented RFC 7946's way.
    ring_area = shapely.geometry.shape(data["features"][4]["geometry"])
    assert len(ring_area.interiors) == 1 and ring_area.area == pytest.approx(3.0)


def test_place_properties_are_typed_and_lon_lat_ordered():
    data = to_geojson(_places(), None)
    lyon, texas, lake = (f["properties"] for f in data["features"])
    assert data["features"][0]["geometry"] == {"type": "Point", "coordinates": [4.84671, 45.74846]}
    assert (lyon["lon"], lyon["lat"]) == (4.84671, 45.74846)
    assert lyon["geonameid"] == 2996944 and type(lyon["geonameid"]) is int
    assert texas["geonameid"] is None
    assert texas["score"] is None  # NaN becomes null
    assert type(lyon["mentions"]) is int and lyon["mentions"] == 2
    assert lyon["sentences"] == ["Firefighters in Lyon evacuated 40 homes.", "Lyon's mayor spoke."]
    assert lake["sentences"] == [] and lake["country_code"] is None and lake["geocoder"] == "photon"
    expected = {
        "kind", "place_id", "name", "feature_type", "country_code", "country", "admin1",
        "geonameid", "lat", "lon", "mentions", "score", "geocoder", "sentences",
    }  # fmt: skip
    assert set(lyon) == expected


def test_area_properties_and_reprojection():
    areas = _areas()
    data = to_geojson(None, areas.to_crs(2154))  # metres in, degrees out
    circle, ring = (f["properties"] for f in data["features"])
    assert circle == {
        "kind": "area",
        "area_id": "area-1",
        "place_id": "gn:2996944",
        "place": "Lyon",
        "radius_m": 500.0,
        "evidence": "within a 500-metre radius of the depot",
    }
    assert ring["radius_m"] is None and ring["evidence"] is None  # infinity and None -> null
    west, south, east, north = data["bbox"]
    assert (west, south, east, north) == pytest.approx((4.8403, -2.0, 34.0, 45.7530), abs=1e-3)
    centre = shapely.geometry.shape(data["features"][0]["geometry"]).centroid
    assert (centre.x, centre.y) == pytest.approx((4.84671, 45.74846), abs=1e-4)


def test_inputs_are_not_modified():
    places, areas = _places(), _areas()
    before = (places.copy(), areas.copy())
    to_geojson(places, areas)
    pd.testing.assert_frame_equal(places, before[0])
    pd.testing.assert_frame_equal(areas, before[1])


def test_empty_and_missing_inputs_give_an_empty_collection(tmp_path):
    empty = gpd.GeoDataFrame({"place_id": []}, geometry=[], crs=4326)
    assert to_geojson(None, None) == {"type": "FeatureCollection", "features": []}
    assert to_geojson(empty, empty.iloc[0:0]) == {"type": "FeatureCollection", "features": []}
    text = write_geojson(None, None, tmp_path / "empty.geojson").read_text()
    assert json.loads(text) == {"type": "FeatureCollection", "features": []}


def test_unusable_geometry_becomes_null():
    places = _places().iloc[[0]].copy()
    places["geometry"] = [Point(float("nan"), float("nan"))]
    feature = to_geojson(places, None)["features"][0]
    assert feature["geometry"] is None
    json.dumps(feature, allow_nan=False)


def test_json_safe_turns_numpy_and_missing_values_into_json():
    import numpy as np

    value = {
        "a": np.int64(3),
        "b": np.float32(0.5),
        "c": [np.nan, pd.NA, None, math.inf],
        "d": np.array([1, 2]),
        "e": np.bool_(True),
    }
    assert json_safe(value) == {"a": 3, "b": 0.5, "c": [None] * 4, "d": [1, 2], "e": True}
    assert type(json_safe(np.int64(3))) is int


def test_counts_and_dates_are_written_when_enrichment_gives_them():
    places = _places()
    places["counts"] = [
        [{"value": 40, "noun": "home", "qualifier": None, "text": "40 homes"}],
        [],
        None,
    ]
    places["dates"] = [["2024-03-05"], [], []]
    lyon, texas, lake = (f["properties"] for f in to_geojson(places, None)["features"])
    assert lyon["counts"] == [{"value": 40, "noun": "home", "qualifier": None, "text": "40 homes"}]
    assert lyon["dates"] == ["2024-03-05"]
    assert texas["counts"] == [] and lake["counts"] == [] and lake["dates"] == []


def test_enrichment_output_exports_cleanly(tmp_path):
    """The real producer of our inputs: geomap.enrich on records of a made-up article."""
    text = (
        "Police closed roads within a 2-kilometre radius of the port of Mombasa on Friday. "
        "About 300 families left. Kenya said it would help."
    )
    article = Article(id="mombasa", text=text, date=dt.date(2024, 5, 3))
    mombasa = GazetteerEntry(
        id="gn:186301", name="Mombasa", lat=-4.05466, lon=39.66359, feature_type="city",
        country_code="KE", geonameid=186301,
    )  # fmt: skip
    kenya = GazetteerEntry(id="ne:KE", name="Kenya", lat=0.2, lon=37.8, feature_type="country")
    at, ke, r = text.index("Mombasa"), text.index("Kenya"), text.index("2-kilometre radius")
    c = text.index("About 300")
    facts = [
        PlaceFacts(
            Place(mombasa, (Mention(at, at + 7, "Mombasa", "Mombasa"),), score=0.9),
            sentences=((0, text.index(" About")),),
            radii=(Radius(r, r + 18, "2-kilometre radius", 2000.0),),
            counts=(Count(c, c + 18, "About 300 families", 300, "family", "about"),),
            dates=(DateRef(70, 79, "on Friday", dt.date(2024, 5, 3), relative=True),),
        ),
        PlaceFacts(Place(kenya, (Mention(ke, ke + 5, "Kenya", "Kenya"),), score=0.8)),
    ]
    path = write_geojson(
        places_frame(article, facts), areas_frame(facts, article), tmp_path / "m.geojson"
    )
    data = _assert_rfc7946(path.read_text(encoding="utf-8"))
    place, country, area = data["features"]
    assert place["properties"]["counts"][0]["value"] == 300
    assert place["properties"]["dates"] == ["2024-05-03"]
    assert country["properties"]["geonameid"] is None
    assert area["properties"]["place_id"] == "gn:186301"
    assert area["properties"]["radius_m"] == 2000.0
    assert shapely.geometry.shape(area["geometry"]).contains(Point(39.66359, -4.05466))
