"""An article's (or a collection's) places, radius areas and incidents as one
self-contained Folium (Leaflet) HTML map.

The map opens with no network: Leaflet is inlined from its XStatic package
(:mod:`geomap.assets`), our own scripts and styles from ``geomap/static``, and the
default base layer is the offline map (Natural Earth countries, and around what the
map shows admin-1 borders, lakes, rivers and town labels); online tile layers are
there to pick.  Article text is untrusted: every string shown is HTML-escaped in
Python and handed to the browser inside JSON.

``places.py`` styles places and areas, ``incidents.py`` turns incidents into the data
``incidents.js`` draws, ``panels.py`` writes the title and legend, ``basemaps.py``
holds the base layers, ``elements.py`` the Folium elements of our own and
``snapshot.py`` takes PNG snapshots in headless Chromium.
"""

from __future__ import annotations

import html
import os
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import folium
import geopandas as gpd
import numpy as np
import shapely
import shapely.geometry

from geomap.assets import asset_uri, use_offline_assets
from geomap.export import to_geojson
from geomap.files import atomic_write_text
from geomap.records import Article
from geomap.render.basemaps import (
    BASEMAPS,
    OFFLINE,
    add_base_layers,
    borders_json,
    detail_region,
)
from geomap.render.elements import (
    FeatureLayer,
    IncidentLayer,
    MapControls,
    MapPanel,
    add_static,
    page_data,
)
from geomap.render.incidents import (
    INCIDENT_STYLES,
    SIZE_FIELDS,
    check_size_by,
    incident_data,
    incident_types,
    with_incident_columns,
)
from geomap.render.panels import legend_html, source_list, title_html
from geomap.render.places import (
    AREA_STYLE,
    LABEL_ZOOMS,
    STYLES,
    MarkerStyle,
    area_popup,
    distance_text,
    esc,
    marker_style,
    place_icon,
    place_popup,
)

__all__ = [
    "AREA_STYLE",
    "BASEMAPS",
    "EMPTY_MESSAGE",
    "INCIDENT_STYLES",
    "OFFLINE",
    "SIZE_FIELDS",
    "STYLES",
    "MapPanel",
    "MarkerStyle",
    "borders_json",
    "marker_style",
    "render_map",
    "write_map",
]

EMPTY_MESSAGE = "No places found in this article"


def _view(
    m: folium.Map, bounds: list[float] | None, zoom_keys: set[str], *, areas: bool
) -> dict[str, Any] | None:
    """The opening view: everything drawn, a lone point at its kind's zoom, not max.
    Fitted in the browser, once the panels are in place (see layout.js)."""
    if not bounds:
        return None
    west, south, east, north = bounds
    m.location = [(south + north) / 2, (west + east) / 2]
    zoom = max((STYLES[key].zoom for key in zoom_keys), default=STYLES["other"].zoom)
    if areas:
        zoom = max(zoom, 13)  # areas have an extent of their own to fit
    if west == east and south == north:
        m.options["zoom"] = zoom
    return {"bounds": [[south, west], [north, east]], "maxZoom": zoom}


def _precisions(incidents: gpd.GeoDataFrame) -> set[str]:
    """How the incidents are placed, for the legend: at a point, near one, in a region."""
    geoms = np.asarray(incidents.geometry.values, dtype=object)
    present = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    region = present & np.isin(shapely.get_type_id(geoms), [3, 6])
    point = present & ~region
    near = point & (incidents["geo_precision"].astype("Float64").fillna(0).to_numpy() == 2)
    return {name for name, mask in (("region", region), ("point", point), ("near", near))
            if mask.any()}  # fmt: skip


def _boxes(features: list[dict[str, Any]], incidents: gpd.GeoDataFrame | None) -> np.ndarray:
    """(west, south, east, north) of each of the features' and incidents' geometries."""
    geoms = [shapely.geometry.shape(f["geometry"]) for f in features if f["geometry"]]
    if incidents is not None:
        shown = np.asarray(incidents.geometry.values, dtype=object)
        geoms.extend(shown[~(shapely.is_missing(shown) | shapely.is_empty(shown))])
    if not geoms:
        return np.empty((0, 4))
    return shapely.bounds(np.asarray(geoms, dtype=object))


def _total(boxes: np.ndarray) -> list[float] | None:
    """[west, south, east, north] around every box."""
    if not len(boxes):
        return None
    return [float(boxes[:, 0].min()), float(boxes[:, 1].min()),
            float(boxes[:, 2].max()), float(boxes[:, 3].max())]  # fmt: skip


def render_map(
    places: gpd.GeoDataFrame | None,
    areas: gpd.GeoDataFrame | None,
    *,
    incidents: gpd.GeoDataFrame | None = None,
    article: Article | None = None,
    title: str | None = None,
    tiles: str | None = None,
    sources: Sequence[Mapping[str, Any]] | None = None,
    borders: gpd.GeoDataFrame | None = None,
    minimap: bool = True,
    size_by: str | None = None,
    detail: bool | None = None,
) -> folium.Map:
    """A map of the places, the stated radii and the incidents.

    ``places`` / ``areas`` / ``incidents`` are enrichment's GeoDataFrames
    (``PLACE_COLUMNS``, ``AREA_COLUMNS``, ``INCIDENT_COLUMNS``; any may be None or
    empty).  Places that host no incident are drawn quietly as context; the others
    get labels.  ``sources`` lists the source articles ({title, url, date}) for the
    title block; by default it is ``article``, else the incidents' own sources.
    ``tiles`` picks the base layer shown first: None or "offline" for the offline
    map (countries from ``borders``, columns ``name`` and geometry, default
    ``geomap.gazetteer.shapes``), a name in ``BASEMAPS`` or any xyzservices provider
    that needs no key.  ``detail`` adds admin-1 borders, lakes, rivers and town labels
    around what the map shows to the offline map (default: when ``borders`` is the
    gazetteer's own).  ``size_by`` (a count field in ``SIZE_FIELDS``, such as
    "fatalities") scales incident symbols by that figure.
    """
    check_size_by(size_by)
    collection = to_geojson(places, areas)
    place_features = [f for f in collection["features"] if f["properties"]["kind"] == "place"]
    area_features = [f for f in collection["features"] if f["properties"]["kind"] == "area"]
    if incidents is not None and len(incidents) == 0:
        incidents = None
    if incidents is not None:
        incidents = with_incident_columns(incidents)
        if incidents.crs is not None and not incidents.crs.equals("EPSG:4326"):
            incidents = incidents.to_crs(4326)

    m = folium.Map(location=[20, 0], zoom_start=2, tiles=None, control_scale=True)
    # Our markers are SVG and our popups plain Leaflet: Leaflet is all the map needs
    # (no jQuery, Bootstrap, awesome-markers or Font Awesome).  Set on this instance only.
    m.default_js = [("leaflet", asset_uri("leaflet"))]
    m.default_css = [("leaflet_css", asset_uri("leaflet_css"))]
    m.options["max_zoom"] = 19  # with tiles=None Folium drops max_zoom
    m.options["min_zoom"] = 1
    shown_sources = source_list(sources, article, incidents)
    shown_title = title or (article.title if article else None) or (article.id if article else "")
    if not shown_title and shown_sources:
        shown_title = (f"{len(shown_sources)} articles" if len(shown_sources) > 1
                       else shown_sources[0]["title"] or "")  # fmt: skip
        shown_title = html.unescape(shown_title)  # escaped again below
    root = m.get_root()
    root.title = esc(shown_title or "geomap")
    page_data(root)
    add_static(root)

    hosts = Counter() if incidents is None else Counter(incidents["place_id"].dropna())
    contexts = [incidents is not None and f["properties"]["place_id"] not in hosts
                for f in place_features]  # fmt: skip
    # Open on what the article is about: incidents, radii and the places they happen
    # at; places named only as context are left out unless they are all there is.
    focus = area_features + [f for f, c in zip(place_features, contexts, strict=True) if not c]
    boxes = _boxes(focus, incidents)
    if not len(boxes):
        boxes = _boxes(place_features, None)
    bounds = _total(boxes)
    offline, tile_names = add_base_layers(m, tiles, borders, region=detail_region(boxes),
                                          detail=detail)  # fmt: skip

    area_layer = None
    if area_features:
        for feature in area_features:
            p = feature["properties"]
            feature["properties"] = {
                "kind": "area",
                "area_id": p["area_id"],
                "incident_id": p.get("incident_id"),
                "popup": area_popup(p),
                "tooltip": esc(f"{distance_text(p['radius_m'])} around {p['place'] or 'a place'}"),
            }
        area_layer = FeatureLayer(
            {"type": "FeatureCollection", "features": area_features},
            kind="area",
            name="Stated radii",
            style=AREA_STYLE,
        )
        area_layer.add_to(m)

    place_keys: set[str] = set()
    zoom_keys: set[str] = set()
    if place_features:
        for feature, context in zip(place_features, contexts, strict=True):
            p = feature["properties"]
            key = marker_style(p["feature_type"])
            zoom_keys.add(key)
            if not context:
                place_keys.add(key)
            feature["properties"] = {
                "kind": "place",
                "place_id": p["place_id"],
                "name": p["name"],
                "feature_type": p["feature_type"],
                "style_key": key,
                "context": context,
                "icon": place_icon(key, context=context),
                "popup": place_popup(p, context=context),
                "tooltip": esc(p["name"]),
                "label": None if context else {"text": esc(p["name"]), "minZoom": LABEL_ZOOMS[key],
                                               "rank": hosts.get(p["place_id"], 0)},
            }  # fmt: skip
        FeatureLayer(
            {"type": "FeatureCollection", "features": place_features},
            kind="place",
            name="Places",
        ).add_to(m)

    incident_layer = None
    types: list[str] = []
    precisions: set[str] = set()
    if incidents is not None:
        data = incident_data(incidents, size_by=size_by)
        incident_layer = IncidentLayer(data, areas=area_layer.get_name() if area_layer else None)
        incident_layer.add_to(m)
        types = incident_types(incidents)
        precisions = _precisions(incidents)
        if precisions:
            zoom_keys.add("city")

    n_incidents = 0 if incidents is None else len(incidents)
    if shown_title:
        counts = {"places": len(place_features), "areas": len(area_features),
                  "incidents": n_incidents}  # fmt: skip
        block = title_html(shown_title, shown_sources, counts)
        MapPanel(block, css_class="geomap-panel geomap-title", position="topright",
                 fold="title", open_wide=False).add_to(m)  # fmt: skip
    if place_features or area_features or n_incidents:
        background = incidents is not None and (incidents["temporal_status"] == "background").any()
        legend = legend_html(place_keys, context=any(contexts), with_areas=bool(area_features),
                             incident_types=types, precisions=precisions,
                             background=bool(background), size_by=size_by)  # fmt: skip
        MapPanel(legend, css_class="geomap-panel geomap-legend", position="bottomright",
                 fold="legend", open_wide=True).add_to(m)  # fmt: skip
    else:
        notice = MapPanel(esc(EMPTY_MESSAGE), css_class="geomap-panel geomap-notice", position=None)
        notice.add_to(m)
    layer_control = folium.LayerControl(position="topright", collapsed=True)
    layer_control.add_to(m)
    MapControls(
        borders=offline.get_name(),
        minimap=minimap,
        incidents=incident_layer.get_name() if incident_layer else None,
        layer_control=layer_control.get_name(),
        fit=_view(m, bounds, zoom_keys, areas=bool(area_features)),
        tile_names=tile_names,
    ).add_to(m)
    use_offline_assets(m.get_root())
    return m


def write_map(m: folium.Map, path: str | os.PathLike[str]) -> Path:
    """Write the map as one self-contained HTML file, atomically."""
    use_offline_assets(m.get_root())  # catches elements added after render_map
    return atomic_write_text(path, m.get_root().render())
