"""A collection out to other tools: CSV (ACLED-like), KML, GeoPackage and GeoJSON.

* CSV has one row per incident with ACLED's column names where the meaning is the
  same (``event_id_cnty``, ``event_date``, ``time_precision``, ``actor1``, ``iso``,
  ``admin1``, ``location``, ``latitude``, ``longitude``, ``geo_precision``,
  ``source``, ``notes``, ``fatalities``, ``timestamp``) and geomap's own after them.
  Articles are untrusted, and a spreadsheet runs a cell that starts with ``=`` as a
  formula, so text cells are neutralised as OWASP's CSV-injection advice says (see
  :func:`spreadsheet_text`); numeric columns hold numbers only and are left as
  numbers (a longitude of -3.7 stays a number).
* KML has a folder each for incidents (with a ``TimeSpan``, so Google Earth's time
  slider works), places and areas; :mod:`geomap.collection.kml` says how its HTML is
  escaped.
* The GeoPackage is the collection's layers without its internal report table.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import shapely

from geomap.collection.build import write_collection_geojson
from geomap.collection.kml import write_kml
from geomap.collection.store import Store
from geomap.export import json_safe
from geomap.files import atomic_write_bytes, atomic_write_text

__all__ = ["EXPORTERS", "FORMULA_PREFIXES", "INCIDENT_CSV_COLUMNS", "incidents_table",
           "spreadsheet_text", "write_csv", "write_gpkg", "write_kml"]  # fmt: skip

INCIDENT_CSV_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "event_date_end", "event_type",
    "sub_event_type", "actor1", "actor2", "assoc_actors", "mediators", "iso", "country",
    "admin1", "location", "latitude", "longitude", "geo_precision", "source", "source_urls",
    "notes", "fatalities", "injured", "people_affected", "structures_affected",
    "weapons_count", "radius_m", "temporal_status", "n_sources", "place_id", "timestamp",
]  # fmt: skip
NUMERIC_CSV_COLUMNS = frozenset({
    "year", "time_precision", "latitude", "longitude", "geo_precision", "fatalities",
    "injured", "people_affected", "structures_affected", "weapons_count", "radius_m",
    "n_sources", "timestamp",
})  # fmt: skip
"""Columns that hold numbers computed by geomap, written as numbers (never text)."""
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n", "\0")
"""A text cell starting with one of these is read as a formula by some spreadsheet:
OWASP's list (``= + - @``, tab, carriage return), plus line feed and NUL (ASVS)."""


def incidents_table(collection: Store) -> pd.DataFrame:
    """One row per incident, columns :data:`INCIDENT_CSV_COLUMNS`."""
    incidents = collection.frame("incidents")
    places = collection.frame("places").set_index("place_id")
    now = int(dt.datetime.now(dt.UTC).timestamp())
    rows = []
    for record, geom in zip(incidents.to_dict("records"), incidents.geometry, strict=True):
        place_id = record.get("place_id")
        place = places.loc[place_id] if place_id is not None and place_id in places.index \
            else None
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
            "latitude": _coordinate(lat),
            "longitude": _coordinate(lon),
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


def spreadsheet_text(value: str) -> str:
    """``value`` as a spreadsheet shows text, never as a formula: OWASP's CSV-injection
    rule, a single quote before a cell that starts with a formula character (the
    spreadsheet shows the quote; the text after it is unchanged)."""
    return f"'{value}" if value.startswith(FORMULA_PREFIXES) else value


def _csv_cells(table: pd.DataFrame) -> list[list[Any]]:
    """The table's rows as CSV cells: numbers in numeric columns (None when missing),
    neutralised text everywhere else."""
    numeric = [name in NUMERIC_CSV_COLUMNS for name in table.columns]
    rows = []
    for values in table.itertuples(index=False, name=None):
        cells: list[Any] = []
        for is_number, value in zip(numeric, values, strict=True):
            value = json_safe(value)
            if value is None:
                cells.append(None)
            elif is_number:
                cells.append(value if isinstance(value, int | float) else None)
            else:
                cells.append(spreadsheet_text(str(value)))
        rows.append(cells)
    return rows


def write_csv(collection: Store, path: str | os.PathLike[str]) -> Path:
    """Text cells are quoted as well as neutralised: a spreadsheet that splits on ``;``
    or tabs then cannot start a new cell inside an article's text."""
    table = incidents_table(collection)
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\r\n")
    writer.writerow(table.columns)
    writer.writerows(_csv_cells(table))
    return atomic_write_text(path, buffer.getvalue())


def _coordinate(value: Any) -> float | None:
    value = json_safe(value)
    return round(float(value), 6) if isinstance(value, int | float) else None


def write_gpkg(collection: Store, path: str | os.PathLike[str]) -> Path:
    """A copy of the collection's layers (articles, places, incidents, areas) only,
    made in memory and written as any other output (atomically, never onto a device,
    FIFO or symlink)."""
    return atomic_write_bytes(path, collection.geopackage_bytes())


def write_geojson(collection: Store, path: str | os.PathLike[str]) -> Path:
    return write_collection_geojson(
        collection.frame("places"), collection.frame("areas"), collection.frame("incidents"),
        path,
    )


EXPORTERS: dict[str, tuple[str, Callable[[Store, Path], Path]]] = {
    "geojson": (".geojson", write_geojson),
    "gpkg": (".gpkg", write_gpkg),
    "csv": (".csv", write_csv),
    "kml": (".kml", write_kml),
}
"""format -> (file suffix, writer)."""
