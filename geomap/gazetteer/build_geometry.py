"""Shapes made fit for the committed gazetteer files, shared by the build's steps.

Natural Earth and world-atlas geometries arrive with invalid rings and more detail than
a map or a point-in-polygon test needs. Every step reads them valid, simplifies them on
a 0.001-degree grid (so the committed files are small and the same on every machine),
and describes each shape by its box and one label point well inside it, as the index
and the maps read them.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geomap.gazetteer.shapes import read_geojson

__all__ = ["bounds_columns", "label_points", "read_valid_geojson", "simplify"]


def read_valid_geojson(path: Path) -> gpd.GeoDataFrame:
    """A gzipped GeoJSON file of the raw data, in EPSG:4326, its geometries made valid."""
    frame = read_geojson(path)
    frame["geometry"] = frame.geometry.make_valid()
    return frame


def simplify(geoms: gpd.GeoSeries, tolerance: float) -> gpd.GeoSeries:
    """Valid, simplified geometries with coordinates on a 0.001-degree grid."""
    geoms = geoms.make_valid()
    simple = shapely.simplify(geoms.values, tolerance, preserve_topology=True)
    simple = shapely.set_precision(simple, 0.001)
    return gpd.GeoSeries(shapely.make_valid(simple), index=geoms.index, crs=4326)


def bounds_columns(frame: gpd.GeoDataFrame) -> pd.DataFrame:
    """Each shape's box as the files' ``min_lon``, ``min_lat``, ``max_lon``, ``max_lat``."""
    b = frame.geometry.bounds.round(3)
    return b.rename(
        columns={"minx": "min_lon", "miny": "min_lat", "maxx": "max_lon", "maxy": "max_lat"}
    )


def label_points(geoms: gpd.GeoSeries) -> tuple[np.ndarray, np.ndarray]:
    """A point well inside each geometry's largest part (polylabel), as (lat, lon)."""
    lats, lons = [], []
    for geom in geoms:
        if geom is None or geom.is_empty:
            lats.append(np.nan)
            lons.append(np.nan)
            continue
        parts = list(getattr(geom, "geoms", [geom]))
        polys = [p for p in parts if p.geom_type == "Polygon"]
        if polys:
            point = shapely.ops.polylabel(max(polys, key=lambda p: p.area), tolerance=0.05)
        elif geom.geom_type == "Point":
            point = geom
        else:
            longest = max(parts, key=lambda p: p.length)
            point = longest.interpolate(0.5, normalized=True)
        lats.append(round(point.y, 4))
        lons.append(round(point.x, 4))
    return np.array(lats), np.array(lons)
