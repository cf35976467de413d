"""Places, radius areas and incidents as one RFC 7946 GeoJSON FeatureCollection.

RFC 7946 asks for WGS 84 longitude/latitude with no ``crs`` member, exterior rings
counter-clockwise and holes clockwise; we also round coordinates to 6 decimals
(about 0.1 m, far finer than any geocoder) and never write NaN, which is not JSON.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geomap.enrich import INCIDENT_COLUMNS
from geomap.files import atomic_write_text

__all__ = [
    "COORDINATE_DECIMALS",
    "json_safe",
    "to_geojson",
    "write_geojson",
]

COORDINATE_DECIMALS = 6

PLACE_PROPERTIES = (
    "place_id", "name", "feature_type", "country_code", "country", "admin1", "geonameid",
    "lat", "lon", "mentions", "score", "geocoder", "sentences",
)  # fmt: skip
OPTIONAL_PLACE_PROPERTIES = ("counts", "dates")
"""Written when enrichment supplies them: counts as {value, noun, qualifier, text},
dates as ISO strings."""
AREA_PROPERTIES = ("area_id", "place_id", "place", "radius_m", "evidence")
OPTIONAL_AREA_PROPERTIES = ("incident_id",)
INCIDENT_PROPERTIES = tuple(INCIDENT_COLUMNS)


def json_safe(value: Any) -> Any:
    """``value`` as plain JSON data: NaN, NA and infinities become None, numpy scalars
    become Python ones, sequences become lists."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        return float(value) if math.isfinite(value) else None
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple | np.ndarray | pd.Series):
        return [json_safe(v) for v in value]
    if isinstance(value, dt.date | pd.Timestamp):
        return value.isoformat()
    return str(value)


def _wgs84(frame: gpd.GeoDataFrame | None) -> gpd.GeoDataFrame | None:
    if frame is None or len(frame) == 0:
        return None
    if frame.crs is not None and not frame.crs.equals("EPSG:4326"):
        frame = frame.to_crs(4326)
    return frame


def _geometries(frame: gpd.GeoDataFrame) -> list[dict[str, Any] | None]:
    """RFC 7946 geometries: rounded, rings oriented; None for missing or non-finite ones."""
    geoms = shapely.transform(
        np.asarray(frame.geometry.values, dtype=object),
        lambda xy: np.round(xy, COORDINATE_DECIMALS),
    )
    geoms = shapely.orient_polygons(geoms, exterior_cw=False)
    out: list[dict[str, Any] | None] = []
    for geom, text in zip(geoms, shapely.to_geojson(geoms), strict=True):
        if geom is None or shapely.is_empty(geom):
            out.append(None)
            continue
        if not np.isfinite(shapely.get_coordinates(geom)).all():
            out.append(None)
            continue
        out.append(json.loads(text))
    return out


def _rounded(value: Any) -> float | None:
    value = json_safe(value)
    return None if value is None else round(float(value), COORDINATE_DECIMALS)


def _features(
    frame: gpd.GeoDataFrame | None,
    *,
    kind: str,
    id_column: str,
    columns: Iterable[str],
    optional: Iterable[str] = (),
) -> list[dict[str, Any]]:
    frame = _wgs84(frame)
    if frame is None:
        return []
    geometries = _geometries(frame)
    records = frame.drop(columns=frame.geometry.name).to_dict("records")
    features = []
    for record, geometry in zip(records, geometries, strict=True):
        properties: dict[str, Any] = {"kind": kind}
        properties.update({c: json_safe(record.get(c)) for c in columns})
        properties.update({c: json_safe(record[c]) for c in optional if c in record})
        feature: dict[str, Any] = {"type": "Feature"}
        if properties.get(id_column) is not None:
            feature["id"] = str(properties[id_column])
        feature["geometry"] = geometry
        feature["properties"] = properties
        features.append(feature)
    return features


def _place_features(places: gpd.GeoDataFrame | None) -> list[dict[str, Any]]:
    features = _features(
        places,
        kind="place",
        id_column="place_id",
        columns=PLACE_PROPERTIES,
        optional=OPTIONAL_PLACE_PROPERTIES,
    )
    for feature in features:
        props = feature["properties"]
        geometry = feature["geometry"]
        if geometry is not None and geometry["type"] == "Point":
            props["lon"], props["lat"] = geometry["coordinates"][:2]
        else:
            props["lat"], props["lon"] = _rounded(props["lat"]), _rounded(props["lon"])
        props["geonameid"] = None if props["geonameid"] is None else int(props["geonameid"])
        props["mentions"] = int(props["mentions"] or 0)
        props["sentences"] = [str(s) for s in props["sentences"] or []]
        for name in OPTIONAL_PLACE_PROPERTIES:
            if name in props:
                props[name] = props[name] or []
    return features


def to_geojson(
    places: gpd.GeoDataFrame | None,
    areas: gpd.GeoDataFrame | None,
    incidents: gpd.GeoDataFrame | None = None,
) -> dict[str, Any]:
    """A FeatureCollection of every place (``properties.kind == "place"``), every
    radius area (``"area"``) and every incident (``"incident"``), with a ``bbox``
    when anything has a geometry.

    The frames are enrichment's GeoDataFrames (any CRS; EPSG:4326 is assumed when
    unset); any may be None or empty.
    """
    features = [
        *_place_features(places),
        *_features(
            areas,
            kind="area",
            id_column="area_id",
            columns=AREA_PROPERTIES,
            optional=OPTIONAL_AREA_PROPERTIES,
        ),
        *_features(
            incidents, kind="incident", id_column="incident_id", columns=INCIDENT_PROPERTIES
        ),
    ]
    collection: dict[str, Any] = {"type": "FeatureCollection"}
    geoms = [shapely.from_geojson(json.dumps(f["geometry"])) for f in features if f["geometry"]]
    if geoms:
        bounds = shapely.total_bounds(geoms)
        collection["bbox"] = [round(float(b), COORDINATE_DECIMALS) for b in bounds]
    collection["features"] = features
    return collection


def write_geojson(
    places: gpd.GeoDataFrame | None,
    areas: gpd.GeoDataFrame | None,
    path: str | os.PathLike[str],
    *,
    incidents: gpd.GeoDataFrame | None = None,
) -> Path:
    """Write :func:`to_geojson` to ``path`` atomically; fails rather than write NaN."""
    collection = to_geojson(places, areas, incidents)
    text = json.dumps(collection, ensure_ascii=False, allow_nan=False, indent=1)
    return atomic_write_text(path, text + "\n")
