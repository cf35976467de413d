"""Places and stated areas as GeoDataFrames: the tables maps and GeoJSON are drawn from.

``places_frame`` has one Point per place with its country and first-level
region filled in by spatial joins where the gazetteer left them empty;
``areas_frame`` has one circle per stated radius, buffered in metres in an
azimuthal equidistant projection centred on its place, so the circle is true
at any latitude; ``incidents_frame`` has one row per incident, drawn as honestly
as the article places it: a point for a town, the admin-1 or country polygon
for an incident "across" a province or country.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Sequence
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import pyproj
import shapely

from geomap.feature_types import feature_type
from geomap.gazetteer import shapes
from geomap.records import COUNT_FIELDS, Article, Count, Incident, PlaceFacts
from geomap.text import excerpt, sentence_at, sentence_spans

__all__ = [
    "AREA_COLUMNS",
    "INCIDENT_COLUMNS",
    "PLACE_COLUMNS",
    "areas_frame",
    "incidents_frame",
    "places_frame",
]

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
AREA_COLUMNS = ["area_id", "place_id", "place", "radius_m", "evidence", "incident_id"]
INCIDENT_COLUMNS = [
    "incident_id", "event_type", "sub_event_type", "date_start", "date_end", "date_precision",
    "temporal_status", "actors", "mediators", "fatalities", "injured", "people_affected",
    "structures_affected", "weapons_count", "radius_m", "qualifiers", "counts", "place_id",
    "place", "feature_type", "country_code", "geo_precision", "geometry_source",
    "location_note", "evidence", "evidence_start", "evidence_end", "support",
    "source_title", "source_url", "source_date",
]  # fmt: skip

_COAST_TOLERANCE_M = 25_000
"""A coastal point may fall just outside simplified country polygons."""
_EQUAL_EARTH = "EPSG:8857"
_QUAD_SEGS = 32
"""Segments per quarter circle: the polygon's area is within 0.1% of the circle's."""


def _places_frame(
    article: Article,
    facts: Sequence[PlaceFacts],
    *,
    countries: gpd.GeoDataFrame | None = None,
    admin1: gpd.GeoDataFrame | None = None,
) -> gpd.GeoDataFrame:
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
            "sentences": _quotes(text, item),
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
    if countries is None:
        names = shapes.country_names()
    else:
        names = dict(zip(countries["iso_a2"], countries["name"], strict=True))
    frame["country"] = _nullable(frame["country_code"].map(names))
    frame["admin1"] = _nullable(_fill_admin1(frame, admin1))
    frame["country_code"] = _nullable(frame["country_code"])
    return frame[[*PLACE_COLUMNS, "geometry"]]


def _quotes(text: str, item: PlaceFacts) -> list[str]:
    """Each sentence naming the place, quoted around its first naming there."""
    mentions = sorted(item.place.mentions, key=lambda m: m.start)
    starts = [m.start for m in mentions]
    quotes = []
    for start, end in item.sentences:
        k = bisect.bisect_left(starts, start)
        named = k < len(starts) and starts[k] < end
        focus = (mentions[k].start, mentions[k].end) if named else None
        quotes.append(excerpt(text, (start, end), focus))
    return quotes


def _areas_frame(
    facts: Sequence[PlaceFacts],
    article: Article,
    *,
    incidents: Sequence[Incident] = (),
    sentences: Sequence[tuple[int, int]] | None = None,
) -> gpd.GeoDataFrame:
    owners = {(i.radius.start, i.radius.end): i.id for i in incidents if i.radius is not None}
    spans = list(sentences) if sentences is not None else sentence_spans(article.text)
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
                "evidence": excerpt(article.text, (start, end), (radius.start, radius.end)),
                "incident_id": owners.get((radius.start, radius.end)),
                "lat": entry.lat,
                "lon": entry.lon,
            }
    table = pd.DataFrame(list(rows.values()), columns=[*AREA_COLUMNS, "lat", "lon"])
    geometry = gpd.GeoSeries([None] * len(table), index=table.index, crs="EPSG:4326")
    for (lat, lon), group in table.groupby(["lat", "lon"], sort=False):
        geometry.loc[group.index] = _circles(lat, lon, group["radius_m"].to_numpy()).to_numpy()
    return gpd.GeoDataFrame(table[AREA_COLUMNS], geometry=geometry, crs="EPSG:4326")


def _incidents_frame(
    incidents: Sequence[Incident],
    *,
    countries: gpd.GeoDataFrame | None = None,
    admin1: gpd.GeoDataFrame | None = None,
) -> gpd.GeoDataFrame:
    # Only the polygons these incidents are drawn as, looked up by key: reading every
    # region of the world would cost more than the rest of a short article.
    drawn = [i for i in incidents if i.location is not None and i.scene_point is None]
    admin1_shapes = _admin1_shapes(
        {i.location.entry.id for i in drawn if i.geo_precision == 4}, admin1
    )
    country_shapes = _country_shapes(
        {i.location.entry.country_code for i in drawn if i.geo_precision == 6}, countries
    )
    rows: list[dict[str, Any]] = []
    geometries: list[Any] = []
    for incident in incidents:
        geometry, how = _incident_geometry(incident, admin1_shapes, country_shapes)
        rows.append(_incident_row(incident, how))
        geometries.append(geometry)
    table = pd.DataFrame(rows, columns=INCIDENT_COLUMNS)
    for name in (*COUNT_FIELDS, "date_precision", "geo_precision", "evidence_start",
                 "evidence_end"):  # fmt: skip
        table[name] = table[name].astype("Int64")
    return gpd.GeoDataFrame(
        table, geometry=gpd.GeoSeries(geometries, index=table.index, crs="EPSG:4326")
    )


def _incident_geometry(
    incident: Incident, admin1_shapes: dict[str, Any], country_shapes: dict[str, Any]
) -> tuple[Any, str | None]:
    if incident.location is None:
        return None, None
    if incident.scene_point is not None:
        lat, lon = incident.scene_point
        return shapely.Point(lon, lat), "point (a stated distance from the place)"
    entry = incident.location.entry
    if incident.geo_precision == 4 and entry.id in admin1_shapes:
        return admin1_shapes[entry.id], "admin1 polygon"
    if incident.geo_precision == 6 and entry.country_code in country_shapes:
        return country_shapes[entry.country_code], "country polygon"
    point = shapely.Point(entry.lon, entry.lat)
    if entry.feature_type == "sea":
        return point, "point (no sea polygon in the gazetteer)"
    return point, "point"


def _incident_row(incident: Incident, geometry_source: str | None) -> dict[str, Any]:
    entry = incident.location.entry if incident.location else None
    counts = {name: getattr(incident, name) for name in COUNT_FIELDS}
    qualifiers = {name: c.qualifier for name, c in counts.items() if c and c.qualifier}
    if incident.radius_qualifier:
        qualifiers["radius_m"] = incident.radius_qualifier
    return {
        "incident_id": incident.id,
        "event_type": incident.event_type,
        "sub_event_type": incident.sub_event_type,
        "date_start": _iso(incident.date_start),
        "date_end": _iso(incident.date_end),
        "date_precision": incident.date_precision,
        "temporal_status": incident.temporal_status,
        "actors": list(incident.actors),
        "mediators": list(incident.mediators),
        **{name: (c.value if c else None) for name, c in counts.items()},
        "radius_m": float(incident.radius.metres) if incident.radius else None,
        "qualifiers": qualifiers,
        "counts": [_count_dict(c) for c in incident.counts],
        "place_id": entry.id if entry else None,
        "place": entry.name if entry else None,
        "feature_type": entry.feature_type if entry else None,
        "country_code": _code(entry.country_code) if entry else None,
        "geo_precision": incident.geo_precision,
        "geometry_source": geometry_source,
        "location_note": incident.location_note,
        "evidence": incident.evidence,
        "evidence_start": incident.evidence_span[0],
        "evidence_end": incident.evidence_span[1],
        "support": [
            {"start": start, "end": end, "text": text}
            for (start, end), text in zip(incident.support_spans, incident.support, strict=True)
        ],
        "source_title": incident.source.title,
        "source_url": incident.source.url,
        "source_date": _iso(incident.source.date),
    }


def _count_dict(count: Count) -> dict[str, Any]:
    return {"value": count.value, "noun": count.noun, "qualifier": count.qualifier,
            "text": count.text, "start": count.start, "end": count.end}  # fmt: skip


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


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


def _in_country(name: str | None) -> bool:
    return feature_type(name).in_country


def _has_admin1(name: str | None) -> bool:
    return feature_type(name).has_admin1


def _fill_country_codes(frame: gpd.GeoDataFrame, countries: gpd.GeoDataFrame | None) -> pd.Series:
    codes = frame["country_code"].astype(object).copy()
    missing = codes.isna()
    if not missing.any():
        return codes
    if countries is None:
        countries = shapes.countries()
    polygons = countries.loc[countries["iso_a2"].map(_code).notna(), ["iso_a2", "geometry"]]
    points = frame.loc[missing, ["feature_type", "geometry"]]
    inside = gpd.sjoin(points, polygons, how="inner", predicate="within")
    found = inside.groupby(level=0)["iso_a2"].first()
    codes.loc[found.index] = found
    rest = points.loc[
        codes.loc[points.index].isna() & points["feature_type"].map(_in_country).astype(bool)
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


def _fill_admin1(frame: gpd.GeoDataFrame, admin1: gpd.GeoDataFrame | None) -> pd.Series:
    names = frame["admin1"].astype(object).copy()
    wanted = names.isna() & frame["feature_type"].map(_has_admin1).astype(bool)
    if not wanted.any():
        return names
    if admin1 is None:
        admin1 = shapes.admin1()
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


# Most articles have no radius, many no incident: an empty frame with the right columns
# and dtypes is made once and copied, not rebuilt (a few ms each) per article.


def places_frame(
    article: Article,
    facts: Sequence[PlaceFacts],
    *,
    countries: gpd.GeoDataFrame | None = None,
    admin1: gpd.GeoDataFrame | None = None,
) -> gpd.GeoDataFrame:
    """One Point per place (EPSG:4326) with the facts stated about it.

    Columns are ``PLACE_COLUMNS``: ``counts`` holds dicts {value, noun,
    qualifier, text}, ``dates`` ISO strings, ``sentences`` each sentence naming
    the place (a very long one quoted around the place: :func:`geomap.text.excerpt`).
    ``countries``/``admin1`` default to the gazetteer's polygons
    (``geomap.gazetteer.shapes``).
    """
    if not facts:
        return _no_places().copy()
    return _places_frame(article, facts, countries=countries, admin1=admin1)


def areas_frame(
    facts: Sequence[PlaceFacts],
    article: Article,
    *,
    incidents: Sequence[Incident] = (),
    sentences: Sequence[tuple[int, int]] | None = None,
) -> gpd.GeoDataFrame:
    """One Polygon per stated radius (EPSG:4326); columns are ``AREA_COLUMNS``.

    ``area_id`` is ``{place_id}:r{metres}``, so the same radius stated twice
    about a place is one area; ``incident_id`` links it to the incident whose
    radius it is (None when no incident states it).  ``sentences`` are the article's
    sentence spans when already split (:class:`geomap.doc.Doc`).
    """
    if not any(item.radii for item in facts):
        return _no_areas().copy()
    return _areas_frame(facts, article, incidents=incidents, sentences=sentences)


def incidents_frame(
    incidents: Sequence[Incident],
    *,
    countries: gpd.GeoDataFrame | None = None,
    admin1: gpd.GeoDataFrame | None = None,
) -> gpd.GeoDataFrame:
    """One row per incident (EPSG:4326); columns are ``INCIDENT_COLUMNS``.

    Geometry follows ``geo_precision``: the admin-1 polygon for 4, the country
    polygon for 6, else the place's point (the gazetteer has no sea polygons, so
    an incident at sea is its sea's label point); None when the article gives no
    place.  ``geometry_source`` says which.  Counts are plain integers (None when
    not stated); ``qualifiers`` maps a count's name to "more than", "about"...
    """
    if not incidents:
        return _no_incidents().copy()
    return _incidents_frame(incidents, countries=countries, admin1=admin1)


def _admin1_shapes(ids: set[str], admin1: gpd.GeoDataFrame | None) -> dict[str, Any]:
    """The admin-1 polygons of ``ids`` among those given, else the gazetteer's."""
    if admin1 is None:
        return shapes.admin1_polygons(ids)
    admin1 = admin1[admin1["id"].isin(ids)]
    return dict(zip(admin1["id"], admin1.geometry, strict=True))


def _country_shapes(codes: set[str], countries: gpd.GeoDataFrame | None) -> dict[str, Any]:
    """The country polygons of ``codes`` among those given, else the gazetteer's."""
    if countries is None:
        return shapes.country_polygons(codes)
    countries = countries[countries["iso_a2"].isin(codes)]
    return dict(zip(countries["iso_a2"], countries.geometry, strict=True))


@functools.cache
def _no_places() -> gpd.GeoDataFrame:
    return _places_frame(Article(id="", text=""), ())


@functools.cache
def _no_areas() -> gpd.GeoDataFrame:
    return _areas_frame((), Article(id="", text=""))


@functools.cache
def _no_incidents() -> gpd.GeoDataFrame:
    return _incidents_frame(())
