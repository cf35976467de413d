"""Layers as OGR tables of one geometry type each, written through pyogrio (GDAL).

GIS formats want one geometry type per layer: a Shapefile takes its type from its
first feature and refuses the rest, FlatGeobuf and GeoPackage readers style and
index a layer by its declared type.  Incidents are points, areas or (rarely) lines,
so they are split by geometry family:

========================  ===============  ==========================================
layer                     geometry         rows
========================  ===============  ==========================================
``incidents_points``      Point            incidents drawn at a point (a town, a site)
``incidents_areas``       MultiPolygon     incidents drawn as a region or a country
``incidents_lines``       MultiLineString  incidents along a line (only when any)
``incidents_unlocated``   none             incidents whose place is not known (only
                                           when any)
``places``                Point            every place named
``areas``                 MultiPolygon     stated radii around places
``articles``              none             a collection's articles (collections only)
========================  ===============  ==========================================

Polygons are always written as MultiPolygon (a country split at the antimeridian is
a MultiPolygon, a province a Polygon: one declared type holds both). Lists and
objects (``actors``, ``sources``, ``counts``...) are written as JSON text.
"""

from __future__ import annotations

import json
import os
import tempfile
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geomap.export import json_safe
from geomap.files import atomic_write_bytes
from geomap.writers import Layers

__all__ = ["Table", "ogr_tables", "write_through_gdal"]

_FAMILY = {0: "points", 4: "points", 1: "lines", 2: "lines", 5: "lines", 3: "areas",
           6: "areas"}  # fmt: skip
"""Shapely type id -> geometry family (a geometry collection goes with its
highest-dimension parts first: a point and a polygon is the polygon)."""
_DECLARED = {"points": "Point", "areas": "MultiPolygon", "lines": "MultiLineString"}
_MULTIPOINT = 4

DESCRIPTIONS = {
    "incidents_points": "Incidents located at a point: a town, a site, or near one",
    "incidents_areas": "Incidents located only in a region or a country (its outline)",
    "incidents_lines": "Incidents located along a line",
    "incidents_unlocated": "Incidents whose place the reports do not say",
    "places": "Every place the articles name, once",
    "areas": "Stated radii around places",
    "articles": "The collection's articles (their text is not included)",
}


@dataclass(frozen=True, slots=True)
class Table:
    """One OGR layer: its rows (a GeoDataFrame when it has geometries) and the
    geometry type it declares (None for a table without geometries)."""

    name: str
    frame: pd.DataFrame
    geometry_type: str | None

    @property
    def description(self) -> str:
        return DESCRIPTIONS.get(self.name, "")


def ogr_tables(layers: Layers) -> list[Table]:
    """Every layer split by geometry family, in the order of the module's table;
    ``incidents_points``, ``incidents_areas``, ``places`` and ``areas`` are always
    there (maybe empty), so scripts can name them."""
    tables = [*_split(layers.incidents, "incidents", always=("points", "areas")),
              *_split(layers.places, "places", main="points"),
              *_split(layers.areas, "areas", main="areas")]  # fmt: skip
    if layers.articles is not None:
        tables.append(Table("articles", _attributes(layers.articles), None))
    return tables


def _split(
    frame: gpd.GeoDataFrame,
    base: str,
    *,
    main: str | None = None,
    always: tuple[str, ...] = (),
) -> Iterator[Table]:
    """``frame``'s rows by geometry family. The ``main`` family keeps ``base`` as its
    name, others are ``base_family``; rows without a geometry are ``base_unlocated``."""
    if frame.crs is not None and not frame.crs.equals("EPSG:4326"):
        frame = frame.to_crs(4326)
    geoms = np.asarray(frame.geometry.values, dtype=object)
    missing = shapely.is_missing(geoms) | shapely.is_empty(geoms)
    geoms = np.where(missing, None, geoms)
    geoms = np.asarray([_main_parts(g) for g in geoms], dtype=object)
    type_ids = np.where(missing, -1, shapely.get_type_id(geoms))
    families = np.asarray([_FAMILY[t] if t >= 0 else "unlocated" for t in type_ids])
    attributes = _attributes(frame.drop(columns=frame.geometry.name))
    for family in ("points", "areas", "lines", "unlocated"):
        rows = families == family
        if not rows.any() and family not in always and family != main:
            continue
        name = base if family == main else f"{base}_{family}"
        if family == "unlocated":
            yield Table(name, attributes[rows].reset_index(drop=True), None)
            continue
        declared = _DECLARED[family]
        if family == "points" and (type_ids[rows] == _MULTIPOINT).any():
            declared = "MultiPoint"  # one multi-point among points: all of them multi
        parts = geoms[rows]
        if declared.startswith("Multi"):
            parts = np.asarray([_as_multi(g) for g in parts], dtype=object)
        yield Table(name, gpd.GeoDataFrame(attributes[rows].reset_index(drop=True),
                                           geometry=list(parts), crs=4326), declared)


def _main_parts(geom: Any) -> Any:
    if geom is None or shapely.get_type_id(geom) != 7:
        return geom
    parts = shapely.get_parts(geom)
    top = max(shapely.get_dimensions(parts))
    kept = [p for p in parts if shapely.get_dimensions(p) == top]
    return shapely.union_all(kept) if len(kept) > 1 else kept[0]


def _as_multi(geom: Any) -> Any:
    kind = shapely.get_type_id(geom)
    if kind == 0:
        return shapely.MultiPoint([geom])
    if kind in (1, 2):
        return shapely.MultiLineString([geom])
    if kind == 3:
        return shapely.MultiPolygon([geom])
    return geom


def _attributes(frame: pd.DataFrame) -> pd.DataFrame:
    """Columns OGR can type: lists and objects as JSON text, missing text as None."""
    out = {}
    for name in frame.columns:
        column = frame[name]
        if column.dtype == object:
            out[name] = pd.Series([_cell(v) for v in column], dtype=object, index=frame.index)
        elif column.dtype == bool:
            out[name] = column.astype("Int64")
        else:
            out[name] = column
    return pd.DataFrame(out, index=frame.index)


def _cell(value: Any) -> Any:
    value = json_safe(value)
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, allow_nan=False)
    if isinstance(value, bool):
        return int(value)
    return value


def write_through_gdal(path: str | os.PathLike[str], fill: Callable[[Path], Path]) -> Path:
    """Have ``fill(folder)`` write the file into a private temporary folder and return
    it, then put its bytes at ``path`` as every output is put (atomically, never onto
    a link or device, mode 0666 less the umask; ``-`` for standard output). GDAL
    writes a layer at a time: nobody ever sees a half-written export."""
    with tempfile.TemporaryDirectory(prefix="geomap-export-") as folder:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # pyogrio's notes on types it chose
            written = fill(Path(folder))
        data = written.read_bytes()
    return atomic_write_bytes(path, data)
