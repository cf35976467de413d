"""A GeoPackage written with the standard library's sqlite3, so one transaction spans layers.

GDAL (and so pyogrio and geopandas) writes one layer per call and commits each on
its own; a collection needs an article's places, incidents and areas to appear
together or not at all.  The GeoPackage encoding is small enough to follow
directly: the ``application_id``/``user_version`` pragmas, the three required
metadata tables, and geometries as a ``GP`` header followed by WKB.  QGIS, GDAL and
``geopandas.read_file(path, layer=...)`` read the result.  The file says it is
GeoPackage 1.2: nothing here needs a later version, and GDAL before 3.7 (Debian 12's
3.6) warns on every open of a 1.4 file that it "may only be partially supported".
"""

from __future__ import annotations

import sqlite3
import struct
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import shapely

__all__ = [
    "Column",
    "Layer",
    "blob_wkb",
    "create_layer",
    "from_blobs",
    "init_geopackage",
    "to_blobs",
    "update_extents",
]

_APPLICATION_ID = 0x47504B47  # "GPKG"
_USER_VERSION = 10200  # GeoPackage 1.2.0
_WGS84 = 4326
_ENVELOPE_BYTES = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}

_WGS84_WKT = (
    'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,'
    'AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,'
    'AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],'
    'AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]'
)

_METADATA_SQL = f"""
CREATE TABLE IF NOT EXISTS gpkg_spatial_ref_sys (
  srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL,
  organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
CREATE TABLE IF NOT EXISTS gpkg_contents (
  table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
  description TEXT DEFAULT '',
  last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
  CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
CREATE TABLE IF NOT EXISTS gpkg_geometry_columns (
  table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
  srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
  CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
  CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
  CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
INSERT OR IGNORE INTO gpkg_spatial_ref_sys VALUES
  ('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', 'undefined cartesian coordinate reference system'),
  ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', 'undefined geographic coordinate reference system'),
  ('WGS 84 geodetic', {_WGS84}, 'EPSG', 4326, '{_WGS84_WKT}', 'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid');
"""  # noqa: E501


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    type: str
    """A GeoPackage column type: TEXT, INTEGER, REAL, DATE, DATETIME, BOOLEAN, BLOB."""
    constraint: str = ""


@dataclass(frozen=True, slots=True)
class Layer:
    """A table registered in ``gpkg_contents``: features when ``geometry_type`` is set,
    attributes (no geometry) otherwise."""

    name: str
    columns: tuple[Column, ...]
    geometry_type: str | None = None
    """POINT, POLYGON, GEOMETRY...: the OGC type name GeoPackage readers expect."""
    description: str = ""

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


def init_geopackage(conn: sqlite3.Connection) -> None:
    """Stamp the file as a GeoPackage and create its metadata tables (idempotent)."""
    conn.execute(f"PRAGMA application_id = {_APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {_USER_VERSION}")
    for statement in _METADATA_SQL.split(";"):  # executescript would commit
        conn.execute(statement)


def create_layer(conn: sqlite3.Connection, layer: Layer) -> None:
    """Create ``layer``'s table and register it, unless it exists already."""
    cols = ["fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL"]
    if layer.geometry_type:
        cols.append(f"geom {layer.geometry_type}")
    cols += [f'"{c.name}" {c.type} {c.constraint}'.rstrip() for c in layer.columns]
    conn.execute(f'CREATE TABLE IF NOT EXISTS "{layer.name}" ({", ".join(cols)})')
    data_type = "features" if layer.geometry_type else "attributes"
    conn.execute(
        "INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier, description,"
        " srs_id) VALUES (?, ?, ?, ?, ?)",
        (layer.name, data_type, layer.name, layer.description,
         _WGS84 if layer.geometry_type else None),
    )  # fmt: skip
    if layer.geometry_type:
        conn.execute(
            "INSERT OR IGNORE INTO gpkg_geometry_columns VALUES (?, 'geom', ?, ?, 0, 0)",
            (layer.name, layer.geometry_type, _WGS84),
        )


def to_blobs(geometries: Sequence[object] | np.ndarray) -> list[bytes | None]:
    """GeoPackage geometry blobs (WGS 84, little-endian, with an xy envelope but for
    points); None stays None (a NULL geometry)."""
    geoms = np.asarray(geometries, dtype=object)
    wkbs = shapely.to_wkb(geoms, byte_order=1)
    bounds = shapely.bounds(geoms)
    out: list[bytes | None] = []
    for geom, wkb, (minx, miny, maxx, maxy) in zip(geoms, wkbs, bounds, strict=True):
        if geom is None:
            out.append(None)
            continue
        empty = bool(shapely.is_empty(geom))
        if empty or shapely.get_type_id(geom) == 0:
            flags = 0b1 | (0b10000 if empty else 0)
            out.append(b"GP\x00" + bytes([flags]) + struct.pack("<i", _WGS84) + wkb)
        else:
            flags = 0b1 | (1 << 1)
            envelope = struct.pack("<dddd", minx, maxx, miny, maxy)
            out.append(b"GP\x00" + bytes([flags]) + struct.pack("<i", _WGS84) + envelope + wkb)
    return out


def blob_wkb(blob: bytes | None) -> bytes | None:
    """The WKB inside a GeoPackage geometry blob (None stays None)."""
    if blob is None:
        return None
    return bytes(blob[8 + _ENVELOPE_BYTES[(blob[3] >> 1) & 0b111] :])


def from_blobs(blobs: Sequence[bytes | None]) -> np.ndarray:
    """Shapely geometries from GeoPackage geometry blobs (None for NULL)."""
    return shapely.from_wkb(np.asarray([blob_wkb(b) for b in blobs], dtype=object))


def update_extents(conn: sqlite3.Connection) -> None:
    """Record each feature layer's bounding box in ``gpkg_contents`` (QGIS zooms to it)."""
    layers = [name for (name,) in conn.execute(
        "SELECT table_name FROM gpkg_contents WHERE data_type = 'features'")]  # fmt: skip
    for name in layers:
        blobs = [b for (b,) in conn.execute(f'SELECT geom FROM "{name}"') if b]
        if not blobs:
            continue
        minx, miny, maxx, maxy = shapely.total_bounds(from_blobs(blobs))
        conn.execute(
            "UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, max_y = ? "
            "WHERE table_name = ?",
            (float(minx), float(miny), float(maxx), float(maxy), name),
        )
