"""Places and stated areas as GeoDataFrames: the tables maps and GeoJSON are drawn from.

``places_frame`` has one Point per place with its country and first-level
region filled in by spatial joins where the gazetteer left them empty;
``areas_frame`` has one circle per stated radius, buffered in metres in an
azimuthal equidistant projection centred on its place, so the circle is true
at any latitude.
"""

from __future__ import annotations

from collections.abc import Sequence

import geopandas as gpd
import numpy as np
import pandas as pd
import pyproj
import shapely

from geomap.records import Article, PlaceFacts
from geomap.text import sentence_at, sentence_spans

__all__ = ["AREA_COLUMNS", "PLACE_COLUMNS", "areas_frame", "places_frame"]

PLACE_COLUMNS = [
    "place_id",
    "name",
    "feature_type",
    "country_code",
    "country",
    "admin1",
    "geonameid",
    "lat",
    "lon",
    "mentions",
    "sentences",
    "score",
    "geocoder",
    "counts",
    "dates",
]
AREA_COLUMNS = ["area_id", "place_id", "place", "radius_m", "evidence"]

_NO_COUNTRY_NEAREST = frozenset({"sea", "ocean", "region"})
"""Features that lie outside every country: only a point inside one gets its code."""
_NO_ADMIN1 = frozenset({"country", "sea", "ocean", "region"})
_COAST_TOLERANCE_M = 25_000
"""A coastal point may fall just outside simplified country polygons."""
_EQUAL_EARTH = "EPSG:8857"
_QUAD_SEGS = 32
"""Segments per quarter circle: the polygon's area is within 0.1% of the circle's."""


def places_frame(
    article: Article,
    facts: Sequence[PlaceFacts],
    *,
    countries: gpd.GeoDataFrame | None = None,
    admin1: gpd.GeoDataFrame | None = None,
) -> gpd.GeoDataFrame:
    """One Point per place (EPSG:4326) with the facts stated about it.

    Columns are ``PLACE_COLUMNS``: ``counts`` holds dicts {value, noun,
    qualifier, text}, ``dates`` ISO strings, ``sentences`` the text of each
    sentence naming the place. ``countries``/``admin1`` default to the
    gazetteer's polygons (``geomap.gazetteer.shapes``).
    """
    if countries is None or admin1 is None:
        from geomap.gazetteer import shapes

        countries = shapes.countries() if countries is None else countries
        admin1 = shapes.admin1() if admin1 is None else admin1

    text = article.text
    rows = [
        {
            "place_id": item.place.entry.id,
            "name": item.place.entry.name,
            "feature_type": item.place.entry.feature_type,
            "country_code": _code(item.place.entry.country_code),
            "admin1": item.place.entry.admin1 or None,
            "geonameid": item.place.entry.geonameid,
            "lat": item.place.entry.lat,
            "lon": item.place.entry.lon,
            "mentions": len(item.place.mentions),
            "sentences": [text[start:end] for start, end in item.sentences],
            "score": float(item.place.score),
            "geocoder": item.place.geocoder,
            "counts": [
                {"value": c.value, "noun": c.noun, "qualifier": c.qualifier, "text": c.text}
                for c in item.counts
            ],
            "dates": list(dict.fromkeys(d.date.isoformat() for d in item.dates)),
        }
        for item in facts
    ]
    table = pd.DataFrame(rows, columns=[c for c in PLACE_COLUMNS if c != "country"])
    frame = gpd.GeoDataFrame(
        table,
        geometry=gpd.points_from_xy(table["lon"], table["lat"]),
        crs="EPSG:4326",
    )
    frame["geonameid"] = frame["geonameid"].astype("Int64")
    frame["mentions"] = frame["mentions"].astype("int64")
    frame["score"] = frame["score"].astype("float64")
    frame["country_code"] = _fill_country_codes(frame, countries)
    names = dict(zip(countries["iso_a2"], countries["name"], strict=True))
    frame["country"] = _nullable(frame["country_code"].map(names))
    frame["admin1"] = _nullable(_fill_admin1(frame, admin1))
    frame["country_code"] = _nullable(frame["country_code"])
    return frame[[*PLACE_COLUMNS, "geometry"]]


def areas_frame(facts: Sequence[PlaceFacts], article: Article) -> gpd.GeoDataFrame:
    """One Polygon per stated radius (EPSG:4326); columns are ``AREA_COLUMNS``.

    ``area_id`` is ``{place_id}:r{metres}``, so the same radius stated twice
    about a place is one area.
    """
    spans = sentence_spans(article.text)
    rows: dict[str, dict[str, object]] = {}
    for item in facts:
        entry = item.place.entry
        for radius in item.radii:
            area_id = f"{entry.id}:r{_metres_label(radius.metres)}"
            if area_id in rows:
                continue
            start, end = sentence_at(spans, radius.start) if spans else (0, 0)
            rows[area_id] = {
                "area_id": area_id,
                "place_id": entry.id,
                "place": entry.name,
                "radius_m": float(radius.metres),
                "evidence": article.text[start:end],
                "lat": entry.lat,
                "lon": entry.lon,
            }
    table = pd.DataFrame(list(rows.values()), columns=[*AREA_COLUMNS, "lat", "lon"])
    geometry = gpd.GeoSeries([None] * len(table), index=table.index, crs="EPSG:4326")
    for (lat, lon), group in table.groupby(["lat", "lon"], sort=False):
        geometry.loc[group.index] = _circles(lat, lon, group["radius_m"].to_numpy()).to_numpy()
    return gpd.GeoDataFrame(table[AREA_COLUMNS], geometry=geometry, crs="EPSG:4326")


def _circles(lat: float, lon: float, radii: np.ndarray) -> gpd.GeoSeries:
    """Circles of ``radii`` metres around (lat, lon), as lon/lat polygons."""
    local = pyproj.CRS.from_proj4(
        f"+proj=aeqd +lat_0={lat!r} +lon_0={lon!r} +datum=WGS84 +units=m +no_defs"
    )
    centre = gpd.GeoSeries(shapely.points(np.zeros((len(radii), 2))), crs=local)
    circles = centre.buffer(radii, quad_segs=_QUAD_SEGS).to_crs("EPSG:4326")
    return _split_antimeridian(circles)


def _split_antimeridian(circles: gpd.GeoSeries) -> gpd.GeoSeries:
    """Cut polygons that wrap across ±180° into a MultiPolygon on either side."""
    bounds = circles.bounds
    wraps = (bounds["maxx"] - bounds["minx"]) > 180
    if not wraps.any():
        return circles
    fixed = circles.copy()
    shifted = shapely.transform(
        circles[wraps].to_numpy(),
        lambda xy: np.column_stack([np.where(xy[:, 0] < 0, xy[:, 0] + 360, xy[:, 0]), xy[:, 1]]),
    )
    east = shapely.intersection(shifted, shapely.box(0, -90, 180, 90))
    west = shapely.transform(
        shapely.intersection(shifted, shapely.box(180, -90, 360, 90)),
        lambda xy: xy - np.array([360.0, 0.0]),
    )
    fixed[wraps] = shapely.union(east, west)
    return fixed


def _nullable(values: pd.Series) -> pd.Series:
    """Text column with None (not NaN) where empty, as GeoJSON writers expect."""
    return values.astype(object).where(values.notna(), None)


def _metres_label(metres: float) -> str:
    return f"{round(metres, 2):.10g}"


def _code(code: str | None) -> str | None:
    return code if code and code != "-99" else None


def _fill_country_codes(frame: gpd.GeoDataFrame, countries: gpd.GeoDataFrame) -> pd.Series:
    codes = frame["country_code"].astype(object).copy()
    missing = codes.isna()
    if not missing.any():
        return codes
    polygons = countries.loc[countries["iso_a2"].map(_code).notna(), ["iso_a2", "geometry"]]
    points = frame.loc[missing, ["feature_type", "geometry"]]
    inside = gpd.sjoin(points, polygons, how="inner", predicate="within")
    found = inside.groupby(level=0)["iso_a2"].first()
    codes.loc[found.index] = found
    rest = points.loc[
        codes.loc[points.index].isna() & ~points["feature_type"].isin(_NO_COUNTRY_NEAREST)
    ]
    if len(rest):
        near = gpd.sjoin_nearest(
            rest.to_crs(_EQUAL_EARTH),
            polygons.to_crs(_EQUAL_EARTH),
            how="inner",
            max_distance=_COAST_TOLERANCE_M,
        )
        found = near.groupby(level=0)["iso_a2"].first()
        codes.loc[found.index] = found
    return codes


def _fill_admin1(frame: gpd.GeoDataFrame, admin1: gpd.GeoDataFrame) -> pd.Series:
    names = frame["admin1"].astype(object).copy()
    wanted = names.isna() & ~frame["feature_type"].isin(_NO_ADMIN1)
    if not wanted.any():
        return names
    points = frame.loc[wanted, ["country_code", "geometry"]]
    regions = admin1[["name", "country_code", "geometry"]].rename(
        columns={"name": "admin1_name", "country_code": "admin1_country"}
    )
    joined = gpd.sjoin(points, regions, how="inner", predicate="within")
    same_country = joined["country_code"].isna() | (
        joined["country_code"] == joined["admin1_country"]
    )
    found = joined.loc[same_country].groupby(level=0)["admin1_name"].first()
    names.loc[found.index] = found
    return names
