"""A collection out to other tools: CSV (ACLED-like), KML, GeoPackage and GeoJSON.

* CSV has one row per incident with ACLED's column names where the meaning is the
  same (``event_id_cnty``, ``event_date``, ``time_precision``, ``actor1``, ``iso``,
  ``admin1``, ``location``, ``latitude``, ``longitude``, ``geo_precision``,
  ``source``, ``notes``, ``fatalities``, ``timestamp``) and geomap's own after them.
* KML has a folder each for incidents (with a ``TimeSpan``, so Google Earth's time
  slider works), places and areas.
* The GeoPackage is the collection's layers without its internal report table.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import sqlite3
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import shapely

from geomap.collection.build import write_collection_geojson
from geomap.collection.store import Collection
from geomap.export import json_safe
from geomap.files import atomic_write_bytes, atomic_write_text

__all__ = ["EXPORTERS", "INCIDENT_CSV_COLUMNS", "incidents_table", "write_csv", "write_gpkg",
           "write_kml"]  # fmt: skip

INCIDENT_CSV_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "event_date_end", "event_type",
    "sub_event_type", "actor1", "actor2", "assoc_actors", "mediators", "iso", "country",
    "admin1", "location", "latitude", "longitude", "geo_precision", "source", "source_urls",
    "notes", "fatalities", "injured", "people_affected", "structures_affected",
    "weapons_count", "radius_m", "temporal_status", "n_sources", "place_id", "timestamp",
]  # fmt: skip
_KML_NS = "http://www.opengis.net/kml/2.2"


def incidents_table(collection: Collection) -> pd.DataFrame:
    """One row per incident, columns :data:`INCIDENT_CSV_COLUMNS`."""
    incidents = collection.frame("incidents")
    places = collection.frame("places").set_index("place_id")
    now = int(dt.datetime.now(dt.UTC).timestamp())
    rows = []
    for record, geom in zip(incidents.to_dict("records"), incidents.geometry, strict=True):
        place = places.loc[record["place_id"]] if record["place_id"] in places.index else None
        point = shapely.point_on_surface(geom) if geom is not None else None
        lat = place["lat"] if place is not None else (point.y if point is not None else None)
        lon = place["lon"] if place is not None else (point.x if point is not None else None)
        actors = list(record.get("actors") or [])
        sources = record.get("sources") or []
        date = record.get("date_start")
        rows.append({
            "event_id_cnty": record["incident_id"],
            "event_date": date,
            "year": int(date[:4]) if date else None,
            "time_precision": record.get("date_precision"),
            "event_date_end": record.get("date_end"),
            "event_type": record["event_type"],
            "sub_event_type": record["sub_event_type"],
            "actor1": actors[0] if actors else None,
            "actor2": actors[1] if len(actors) > 1 else None,
            "assoc_actors": "; ".join(actors[2:]) or None,
            "mediators": "; ".join(record.get("mediators") or []) or None,
            "iso": record.get("country_code"),
            "country": place["country"] if place is not None else None,
            "admin1": place["admin1"] if place is not None else None,
            "location": record.get("place"),
            "latitude": None if lat is None else round(float(lat), 6),
            "longitude": None if lon is None else round(float(lon), 6),
            "geo_precision": record.get("geo_precision"),
            "source": "; ".join(s.get("title") or s.get("article_id") or "" for s in sources),
            "source_urls": " ".join(s["url"] for s in sources if s.get("url")) or None,
            "notes": record.get("evidence"),
            **{n: record.get(n) for n in ("fatalities", "injured", "people_affected",
                                          "structures_affected", "weapons_count",
                                          "radius_m", "temporal_status", "n_sources",
                                          "place_id")},
            "timestamp": now,
        })  # fmt: skip
    table = pd.DataFrame(rows, columns=INCIDENT_CSV_COLUMNS)
    for name in ("year", "time_precision", "geo_precision", "fatalities", "injured",
                 "people_affected", "structures_affected", "weapons_count", "n_sources"):
        table[name] = table[name].astype("Int64")  # fmt: skip
    return table


def write_csv(collection: Collection, path: str | os.PathLike[str]) -> Path:
    buffer = io.StringIO()
    incidents_table(collection).to_csv(buffer, index=False)
    return atomic_write_text(path, buffer.getvalue())


def write_gpkg(collection: Collection, path: str | os.PathLike[str]) -> Path:
    """A copy of the collection's layers (articles, places, incidents, areas) only."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(fd)
    try:
        source = sqlite3.connect(collection.path)
        copy = sqlite3.connect(tmp)
        try:
            source.backup(copy)
            copy.execute("DROP TABLE IF EXISTS geomap_reports")
            copy.commit()
            copy.execute("PRAGMA journal_mode = DELETE")
            copy.execute("VACUUM")
        finally:
            copy.close()
            source.close()
        os.replace(tmp, target)
    finally:
        Path(tmp).unlink(missing_ok=True)
    return target


def write_geojson(collection: Collection, path: str | os.PathLike[str]) -> Path:
    return write_collection_geojson(
        collection.frame("places"), collection.frame("areas"), collection.frame("incidents"),
        path,
    )


def write_kml(collection: Collection, path: str | os.PathLike[str], *,
              name: str | None = None) -> Path:  # fmt: skip
    ET.register_namespace("", _KML_NS)
    kml = ET.Element(f"{{{_KML_NS}}}kml")
    document = _sub(kml, "Document")
    _sub(document, "name", name or collection.path.stem)
    incidents = collection.frame("incidents")
    _folder(document, "Incidents", incidents, title=_incident_title,
            describe=_incident_description, when=True)  # fmt: skip
    _folder(document, "Places", collection.frame("places"),
            title=lambda r: r["name"], describe=_place_description)  # fmt: skip
    _folder(document, "Areas", collection.frame("areas"),
            title=lambda r: f"{r['radius_m']:g} m around {r['place']}",
            describe=lambda r: r.get("evidence") or "")  # fmt: skip
    ET.indent(kml)
    data = ET.tostring(kml, encoding="utf-8", xml_declaration=True)
    return atomic_write_bytes(path, data + b"\n")


EXPORTERS: dict[str, tuple[str, Callable[[Collection, Path], Path]]] = {
    "geojson": (".geojson", write_geojson),
    "gpkg": (".gpkg", write_gpkg),
    "csv": (".csv", write_csv),
    "kml": (".kml", write_kml),
}
"""format -> (file suffix, writer)."""


# ---------------------------------------------------------------------- KML helpers


def _sub(parent: ET.Element, tag: str, text: str | None = None) -> ET.Element:
    element = ET.SubElement(parent, f"{{{_KML_NS}}}{tag}")
    if text is not None:
        element.text = text
    return element


def _folder(
    document: ET.Element,
    label: str,
    frame: gpd.GeoDataFrame,
    *,
    title: Callable[[dict[str, Any]], str],
    describe: Callable[[dict[str, Any]], str],
    when: bool = False,
) -> None:
    folder = _sub(document, "Folder")
    _sub(folder, "name", label)
    records = frame.drop(columns=frame.geometry.name).to_dict("records")
    for record, geom in zip(records, frame.geometry, strict=True):
        placemark = _sub(folder, "Placemark")
        _sub(placemark, "name", str(title(record)))
        _sub(placemark, "description", describe(record))
        if when and record.get("date_start"):
            span = _sub(placemark, "TimeSpan")
            _sub(span, "begin", record["date_start"])
            _sub(span, "end", record.get("date_end") or record["date_start"])
        extended = _sub(placemark, "ExtendedData")
        for key, value in record.items():
            if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
                continue
            data = _sub(extended, "Data")
            data.set("name", key)
            text = value if isinstance(value, str) else json.dumps(json_safe(value),
                                                                   ensure_ascii=False)
            _sub(data, "value", text)
        if geom is not None and not geom.is_empty:
            _geometry(placemark, geom)


def _geometry(parent: ET.Element, geom: Any) -> None:
    kind = geom.geom_type
    if kind == "Point":
        point = _sub(parent, "Point")
        _sub(point, "coordinates", _coords([(geom.x, geom.y)]))
    elif kind == "LineString":
        _sub(_sub(parent, "LineString"), "coordinates", _coords(geom.coords))
    elif kind == "Polygon":
        polygon = _sub(parent, "Polygon")
        ring = _sub(_sub(polygon, "outerBoundaryIs"), "LinearRing")
        _sub(ring, "coordinates", _coords(geom.exterior.coords))
        for hole in geom.interiors:
            ring = _sub(_sub(polygon, "innerBoundaryIs"), "LinearRing")
            _sub(ring, "coordinates", _coords(hole.coords))
    else:  # Multi* and collections
        multi = _sub(parent, "MultiGeometry")
        for part in getattr(geom, "geoms", []):
            _geometry(multi, part)


def _coords(points: Any) -> str:
    return " ".join(f"{x:.6f},{y:.6f}" for x, y, *_ in points)


def _incident_title(record: dict[str, Any]) -> str:
    where = f" in {record['place']}" if record.get("place") else ""
    when = f" ({record['date_start']})" if record.get("date_start") else ""
    return f"{record['sub_event_type'] or record['event_type']}{where}{when}"


def _incident_description(record: dict[str, Any]) -> str:
    lines = [record.get("evidence") or ""]
    for source in record.get("sources") or []:
        lines.append(" - ".join(str(v) for v in (source.get("title"), source.get("date"),
                                                 source.get("url")) if v))  # fmt: skip
    return "\n".join(line for line in lines if line)


def _place_description(record: dict[str, Any]) -> str:
    articles = record.get("articles") or []
    return f"{record.get('feature_type')}; {record.get('mentions')} mentions in " \
        f"{len(articles)} article{'s' if len(articles) != 1 else ''}"
