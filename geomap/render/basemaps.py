"""Base layers: the offline map, and online tiles from ``xyzservices``.

The offline map is drawn from the gazetteer's country polygons, so the map needs no
network; around what the map shows it has detail that appears as one zooms in:
admin-1 borders, lakes and rivers (Natural Earth) and town labels (GeoNames).  All of
them are precomputed in ``geomap/render/data`` by ``build_basemap.py`` and read by
``offline.py``, which hands the page their JSON as text.  A tile layer is fetched only when
the user picks it, and one that fails gives way to the offline map (geomap.js).
Tile providers come from ``xyzservices`` with their own attribution; only providers
that need no API key are offered, because a key would end up in a shared HTML file.
"""

from __future__ import annotations

import functools
import json
from typing import Any

import folium
import geopandas as gpd
import numpy as np
import shapely
import xyzservices
from xyzservices.lib import QUERY_NAME_TRANSLATION

from geomap.antimeridian import cut_parts_at_antimeridian, polygon_parts
from geomap.errors import GeomapError
from geomap.render import offline
from geomap.render.elements import OfflineBaseLayer, RawJSON, packed_json
from geomap.render.places import esc

__all__ = [
    "BASEMAPS",
    "BORDER_STYLE",
    "DETAIL_STYLES",
    "OFFLINE",
    "add_base_layers",
    "borders_json",
    "country_parts",
    "default_borders_json",
    "detail_json",
    "detail_region",
    "tile_provider",
]

OFFLINE = "offline"
BASEMAPS: dict[str, tuple[str, str]] = {
    "osm": ("OpenStreetMap.Mapnik", "OpenStreetMap"),
    "light": ("Esri.WorldGrayCanvas", "Light (Esri World Gray Canvas)"),
    "dark": ("Stadia.AlidadeSmoothDark", "Dark (Stadia Alidade Smooth Dark)"),
    "satellite": ("Esri.WorldImagery", "Satellite (Esri World Imagery)"),
    "topo": ("OpenTopoMap", "Topographic (OpenTopoMap)"),
}
"""Short names for ``--tiles`` -> (xyzservices provider, layer name).  CartoDB's light
and dark tiles now need an API key; these do not.  Any other keyless xyzservices
provider can be named in full (``Esri.WorldStreetMap``)."""

BORDER_STYLE = {
    "color": "#8c8c8c",
    "weight": 0.7,
    "fillColor": "#f4f1ea",
    "fillOpacity": 1.0,
}
BORDER_TOLERANCE = 0.03
BORDER_DECIMALS = 2
"""Simplifying (degrees) and rounding Natural Earth 50m this much keeps the base layer
under 1 MB; the tile layers are there for detail."""


def tile_provider(name: str) -> tuple[xyzservices.TileProvider, str]:
    """(provider, layer name) for a short name in BASEMAPS or a full xyzservices name."""
    full, label = BASEMAPS.get(name, (name, ""))
    provider = _query_name(full)
    if provider is None:
        names = ", ".join([OFFLINE, *BASEMAPS])
        raise GeomapError(
            f"unknown base map {name!r}: use one of {names}, or an xyzservices provider name"
        )
    if provider.requires_token():
        raise GeomapError(f"base map {name!r} needs an API key: pick one that does not")
    return provider, label or provider.name


def _query_name(name: str) -> xyzservices.TileProvider | None:
    """xyzservices' provider of that name, spelt in any of the ways ``query_name``
    takes (which flattens the whole catalogue on each call, and a map asks for six)."""
    return _catalogue().get(name.translate(QUERY_NAME_TRANSLATION).lower())


@functools.cache
def _catalogue() -> dict[str, xyzservices.TileProvider]:
    return {name.translate(QUERY_NAME_TRANSLATION).lower(): provider
            for name, provider in xyzservices.providers.flatten().items()}  # fmt: skip


FINE_TOLERANCE = 0.005
"""Countries in a small region keep about the gazetteer's own detail (about 1 km);
a larger region gets its detail tier's (DETAIL_TIERS)."""

DETAIL_STYLES: dict[str, dict[str, Any]] = {
    "admin1": {"color": "#9d9384", "weight": 0.8, "dashArray": "4 3", "fill": False},
    "lakes": {"color": "#8fb8d6", "weight": 0.6, "fillColor": "#cfe2ef", "fillOpacity": 1.0},
    "rivers": {"color": "#8fb8d6", "weight": 1.3, "fill": False},
}
ADMIN1_MIN_ZOOM = 4
MAX_TOWNS = 1500
TOWN_ZOOMS = ((1_000_000, 4), (300_000, 6), (100_000, 7), (40_000, 8), (0, 9))
"""(population, zoom): a town's label shows from the zoom of the first row it reaches."""
REGION_CELL = offline.REGION_CELL
"""Degrees: the region with detail is made of cells this size around what the map
shows (one cell of margin all round), so three far-apart places get three small
regions, not the box around them all."""
DETAIL_TIERS = ((2_000.0, 0.005, 3), (8_000.0, 0.01, 3), (float("inf"), 0.03, 2))
"""(region area up to, in square degrees; simplification; decimals): a larger region
gets coarser detail, which keeps a map of a whole war under a few megabytes of it."""
DATA_DIR = offline.DATA_DIR


def default_borders_json() -> str:
    return _default_borders_json(None)


def _default_borders_json(region: shapely.Geometry | None) -> str:
    """The gazetteer's countries (precomputed, ``offline.py``), finer in ``region``."""
    if region is None:
        return _world_borders_json()
    tolerance, decimals = _fine_tier(region)
    return offline.countries_json(offline.cell_ids(region), tolerance, decimals)


@functools.cache
def _world_borders_json() -> str:
    return offline.countries_json(None, BORDER_TOLERANCE, BORDER_DECIMALS)


def _fine_tier(region: shapely.Geometry) -> tuple[float, int]:
    """As fine as the region's detail, never coarser than the rest of the world."""
    tolerance, decimals = _tier(region)
    return min(max(tolerance, FINE_TOLERANCE), BORDER_TOLERANCE), max(decimals, BORDER_DECIMALS)


def country_parts(borders: gpd.GeoDataFrame) -> tuple[np.ndarray, list[str | None]]:
    """Each polygon of ``borders`` (EPSG:4326) cut at 180° and made valid, and the name
    of its country: the offline layer's features."""
    if borders.crs is not None and not borders.crs.equals("EPSG:4326"):
        borders = borders.to_crs(4326)
    # Cut before make_valid: repairing a ring that wraps across 180° slices it into
    # latitude bands.
    parts, country = polygon_parts(np.asarray(borders.geometry.values, dtype=object))
    parts, origin = cut_parts_at_antimeridian(parts)
    parts, inner = polygon_parts(shapely.make_valid(parts))
    country = country[origin][inner]
    names = borders["name"].tolist() if "name" in borders else [None] * len(borders)
    return parts, [None if names[c] is None else str(names[c]) for c in country]


def borders_json(borders: gpd.GeoDataFrame, *, region: shapely.Geometry | None = None) -> str:
    """Country polygons, simplified, rounded and cut at 180°: a light offline base layer.

    One feature per polygon: the layer is only drawn, never queried.  Polygons that
    meet ``region`` keep finer detail.
    """
    parts, names = country_parts(borders)
    fine = (shapely.intersects(parts, region) if region is not None
            else np.zeros(len(parts), dtype=bool))  # fmt: skip
    fine_tolerance, fine_decimals = (_fine_tier(region) if region is not None
                                     else (BORDER_TOLERANCE, BORDER_DECIMALS))  # fmt: skip
    drawn: list[str | None] = [None] * len(parts)
    for mask, tolerance, decimals in ((fine, fine_tolerance, fine_decimals),
                                      (~fine, BORDER_TOLERANCE, BORDER_DECIMALS)):  # fmt: skip
        texts = offline.geojson_texts(parts[mask], tolerance, decimals)
        for i, text in zip(np.flatnonzero(mask), texts, strict=True):
            drawn[i] = text
    return offline.feature_collection([
        offline.country_feature(i, name, text)
        for i, (name, text) in enumerate(zip(names, drawn, strict=True))
        if text is not None
    ])


def detail_region(boxes: np.ndarray) -> shapely.Geometry | None:
    """The region that gets detail: the REGION_CELL cells that ``boxes`` (rows of
    west, south, east, north) touch, and one cell around them."""
    boxes = np.asarray(boxes, dtype=float).reshape(-1, 4)
    boxes = boxes[np.isfinite(boxes).all(axis=1)]
    if not len(boxes):
        return None
    cells = np.floor(boxes / REGION_CELL).astype(np.int64)
    cells = np.unique(cells, axis=0)
    found: set[tuple[int, int]] = set()
    for x0, y0, x1, y1 in cells:
        for x in range(x0 - 1, x1 + 2):
            for y in range(max(y0 - 1, -45), min(y1 + 2, 45)):
                found.add((x, y))
    xy = np.array(sorted(found), dtype=float) * REGION_CELL
    xy[:, 0] = np.clip(xy[:, 0], -180.0, 180.0 - REGION_CELL)
    squares = shapely.box(xy[:, 0], xy[:, 1], xy[:, 0] + REGION_CELL, xy[:, 1] + REGION_CELL)
    return shapely.union_all(squares)


def _tier(region: shapely.Geometry) -> tuple[float, int]:
    """Simplification and decimals for the region's detail: coarser for a larger one."""
    return next((tol, dec) for most, tol, dec in DETAIL_TIERS if region.area <= most)


def _town_labels(region: shapely.Geometry) -> dict[str, list[Any]]:
    towns = offline.towns()
    population = towns.population
    inside = np.flatnonzero(shapely.contains_xy(region, towns.lon, towns.lat))
    chosen = inside[np.argsort(-population[inside], kind="stable")][:MAX_TOWNS]
    zoom = [next(z for floor, z in TOWN_ZOOMS if population[i] >= floor) for i in chosen]
    return {
        "name": [esc(towns.name(i)) for i in chosen],
        "lat": [round(float(towns.lat[i]), 4) for i in chosen],
        "lon": [round(float(towns.lon[i]), 4) for i in chosen],
        "minZoom": zoom,
        "rank": [int(population[i]) for i in chosen],
    }


def detail_json(region: shapely.Geometry) -> str:
    """Admin-1 borders, lakes, rivers and town labels of ``region`` for the offline map,
    as JSON text."""
    tolerance, decimals = _tier(region)
    cells = offline.cell_ids(region)
    layers = {
        "admin1": offline.features_json("admin1", cells, ADMIN1_MIN_ZOOM,
                                        tolerance=tolerance, decimals=decimals),
        **{name: offline.features_json(name, cells, offline.min_zooms(name),
                                       tolerance=tolerance, decimals=decimals)
           for name in ("lakes", "rivers")},
        "towns": json.dumps(_town_labels(region), separators=(",", ":"), ensure_ascii=False,
                            allow_nan=False),
    }  # fmt: skip
    return "{" + ",".join(f'"{name}":{text}' for name, text in layers.items()) + "}"


def add_base_layers(
    m: folium.Map,
    tiles: str | None,
    borders: gpd.GeoDataFrame | None,
    *,
    region: shapely.Geometry | None = None,
    detail: bool | None = None,
) -> tuple[OfflineBaseLayer, list[tuple[str, str]]]:
    """Add the offline base map and every tile layer of BASEMAPS (plus ``tiles`` if it
    is another provider) as base layers; ``tiles`` is shown first, the offline map
    when it is None or "offline".  The offline map has detail for ``region`` when
    ``detail`` is true (by default: when ``borders`` is the gazetteer's own).  Returns
    the offline layer (the minimap draws it too) and (variable, name) of each tile
    layer, for the message of the fallback."""
    chosen = None if tiles in (None, OFFLINE) else tiles
    layers = dict.fromkeys(BASEMAPS)
    if chosen is not None:
        tile_provider(chosen)  # fails early, with the user's spelling
        if chosen not in BASEMAPS:
            layers[chosen] = None
    with_detail = (borders is None if detail is None else detail) and region is not None
    if borders is None:
        countries = _default_borders_json(region if with_detail else None)
    else:
        countries = borders_json(borders, region=region if with_detail else None)
    detail = packed_json(detail_json(region)) if with_detail and region else None
    data = {"countries": RawJSON(countries), "detail": detail}
    offline = OfflineBaseLayer(
        data,
        name="Country borders (Natural Earth, offline)",
        show=chosen is None,
        options={"style": BORDER_STYLE, "detailStyles": DETAIL_STYLES,
                 "attribution": "Natural Earth, GeoNames"},
    )
    offline.add_to(m)
    names = []
    for name in layers:
        provider, label = tile_provider(name)
        layer = folium.TileLayer(
            tiles=provider,
            name=label,
            overlay=False,
            show=name == chosen,
            max_zoom=19,
            max_native_zoom=provider.get("max_zoom", 19),
        )
        layer.add_to(m)
        names.append((layer.get_name(), label))
    return offline, names
