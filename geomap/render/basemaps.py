"""Base layers: offline Natural Earth borders, and online tiles from ``xyzservices``.

The borders are drawn from the gazetteer's polygons, so the map needs no network; a
tile layer is fetched only when the user picks it.  Tile providers come from
``xyzservices`` with their own attribution; only providers that need no API key are
offered, because a key would end up in a shared HTML file.
"""

from __future__ import annotations

import functools
import json

import folium
import geopandas as gpd
import numpy as np
import shapely
import xyzservices

from geomap.antimeridian import cut_parts_at_antimeridian, polygon_parts
from geomap.errors import GeomapError
from geomap.render.elements import FeatureLayer

__all__ = [
    "BASEMAPS",
    "BORDER_STYLE",
    "OFFLINE",
    "add_base_layers",
    "borders_json",
    "default_borders_json",
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
    try:
        provider = xyzservices.providers.query_name(full)
    except ValueError:
        names = ", ".join([OFFLINE, *BASEMAPS])
        raise GeomapError(
            f"unknown base map {name!r}: use one of {names}, or an xyzservices provider name"
        ) from None
    if provider.requires_token():
        raise GeomapError(f"base map {name!r} needs an API key: pick one that does not")
    return provider, label or provider.name


@functools.cache
def default_borders_json() -> str:
    from geomap.gazetteer.shapes import countries

    return borders_json(countries())


def borders_json(borders: gpd.GeoDataFrame) -> str:
    """Country polygons, simplified, rounded and cut at 180°: a light offline base layer.

    One feature per polygon: the layer is only drawn, never queried.
    """
    if borders.crs is not None and not borders.crs.equals("EPSG:4326"):
        borders = borders.to_crs(4326)
    # Cut before make_valid: repairing a ring that wraps across 180° slices it into
    # latitude bands.
    parts, country = polygon_parts(np.asarray(borders.geometry.values, dtype=object))
    parts, origin = cut_parts_at_antimeridian(parts)
    parts, inner = polygon_parts(shapely.make_valid(parts))
    country = country[origin][inner]
    parts = shapely.simplify(parts, BORDER_TOLERANCE, preserve_topology=True)
    parts = shapely.transform(parts, lambda xy: np.round(xy, BORDER_DECIMALS))
    names = borders["name"].tolist() if "name" in borders else [None] * len(borders)
    features = [
        {
            "type": "Feature",
            "id": i,
            "properties": {"name": None if names[c] is None else str(names[c])},
            "geometry": json.loads(text),
        }
        for i, (c, part, text) in enumerate(
            zip(country, parts, shapely.to_geojson(parts), strict=True)
        )
        if not shapely.is_empty(part)
    ]
    return json.dumps({"type": "FeatureCollection", "features": features})


def add_base_layers(
    m: folium.Map, tiles: str | None, borders: gpd.GeoDataFrame | None
) -> FeatureLayer:
    """Add the borders and every tile layer of BASEMAPS (plus ``tiles`` if it is another
    provider) as base layers; ``tiles`` is shown first, the borders when it is None or
    "offline".  Returns the borders layer (the minimap draws it too)."""
    chosen = None if tiles in (None, OFFLINE) else tiles
    layers = dict.fromkeys(BASEMAPS)
    if chosen is not None:
        tile_provider(chosen)  # fails early, with the user's spelling
        if chosen not in BASEMAPS:
            layers[chosen] = None
    data = default_borders_json() if borders is None else borders_json(borders)
    border_layer = FeatureLayer(
        json.loads(data),
        kind="borders",
        name="Country borders (Natural Earth, offline)",
        overlay=False,
        show=chosen is None,
        style=BORDER_STYLE,
        interactive=False,
    )
    border_layer.add_to(m)
    for name in layers:
        provider, label = tile_provider(name)
        folium.TileLayer(
            tiles=provider,
            name=label,
            overlay=False,
            show=name == chosen,
            max_zoom=19,
            max_native_zoom=provider.get("max_zoom", 19),
        ).add_to(m)
    return border_layer
