"""Polygons that wrap across 180° (Natural Earth's Chukotka, Fiji), cut in two there.

Left whole, such a polygon's bounds span the globe: Leaflet draws it as a band
around the world and a point-in-polygon test finds Finland "in Russia".
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import shapely

__all__ = ["cut_at_antimeridian", "cut_parts_at_antimeridian", "polygon_parts"]

_TURN = np.array([360.0, 0.0])


def polygon_parts(geoms: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every polygon inside ``geoms`` (collections opened), with the index it came from."""
    parts, index = shapely.get_parts(geoms, return_index=True)
    parts, inner = shapely.get_parts(parts, return_index=True)
    keep = shapely.get_type_id(parts) == shapely.GeometryType.POLYGON
    return parts[keep], index[inner][keep]


def cut_parts_at_antimeridian(parts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Polygons cut at 180° where they wrap; returns the pieces and each one's origin.

    Antarctica (reaching south of 60°S) spans every longitude for real and is left alone.
    """
    bounds = shapely.bounds(parts)
    wraps = ((bounds[:, 2] - bounds[:, 0]) > 180) & (bounds[:, 1] > -60)
    origin = np.arange(len(parts))
    if not wraps.any():
        return parts, origin
    shifted = shapely.make_valid(
        shapely.transform(parts[wraps], lambda xy: np.where(xy[:, :1] < 0, xy + _TURN, xy))
    )
    west = shapely.intersection(shifted, shapely.box(-180, -90, 180, 90))
    east = shapely.transform(
        shapely.intersection(shifted, shapely.box(180, -90, 540, 90)), lambda xy: xy - _TURN
    )
    pieces = np.concatenate([parts[~wraps], west, east])
    origin = np.concatenate([origin[~wraps], origin[wraps], origin[wraps]])
    pieces, inner = polygon_parts(pieces)
    return pieces, origin[inner]


def cut_at_antimeridian(geoms: gpd.GeoSeries) -> gpd.GeoSeries:
    """``geoms`` with every polygon part that wraps across 180° cut there; same index."""
    parts, owner = polygon_parts(np.asarray(geoms.values))
    pieces, origin = cut_parts_at_antimeridian(parts)
    pieces, inner = polygon_parts(shapely.make_valid(pieces))
    origin = origin[inner]
    frame = gpd.GeoDataFrame(geometry=pieces, index=owner[origin], crs=geoms.crs)
    merged = frame.dissolve(level=0).geometry
    return gpd.GeoSeries(
        merged.reindex(range(len(geoms))).values, index=geoms.index, crs=geoms.crs
    )
