"""An article's (or a collection's) places, radius areas and incidents as one
self-contained Folium (Leaflet) HTML map.

The map opens with no network: Leaflet and Leaflet.markercluster are inlined from their
XStatic packages (:mod:`geomap.assets`), our own script and styles from
``geomap/static``, and the default base layer is Natural Earth country borders drawn as
GeoJSON; online tile layers are there to pick.  Article text is untrusted: every string
shown is HTML-escaped in Python and handed to the browser inside JSON.

``places.py`` styles places and areas, ``incidents.py`` turns incidents into the data
``geomap.js`` draws, ``basemaps.py`` holds the base layers, ``elements.py`` the Folium
elements of our own and ``snapshot.py`` takes PNG snapshots in headless Chromium.
"""

from __future__ import annotations

import html
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import folium
import geopandas as gpd
import numpy as np
import shapely
import shapely.geometry
from folium.map import FitBounds

from geomap.assets import asset_uri, use_offline_assets
from geomap.export import to_geojson
from geomap.files import atomic_write_text
from geomap.records import Article
from geomap.render.basemaps import BASEMAPS, OFFLINE, add_base_layers, borders_json
from geomap.render.elements import (
    FeatureLayer,
    IncidentLayer,
    MapControls,
    MapPanel,
    add_static,
    page_data,
)
from geomap.render.incidents import (
    BACKGROUND_COLOUR,
    INCIDENT_STYLES,
    NEAR_RADIUS_M,
    incident_data,
    incident_style,
    incident_svg,
    incident_types,
    source_entry,
    with_incident_columns,
)
from geomap.render.places import (
    AREA_STYLE,
    CONTEXT_COLOUR,
    STYLES,
    MarkerStyle,
    area_popup,
    distance_text,
    esc,
    marker_style,
    place_icon,
    place_popup,
    place_svg,
)

__all__ = [
    "AREA_STYLE",
    "BASEMAPS",
    "EMPTY_MESSAGE",
    "INCIDENT_STYLES",
    "OFFLINE",
    "STYLES",
    "MapPanel",
    "MarkerStyle",
    "borders_json",
    "marker_style",
    "render_map",
    "write_map",
]

EMPTY_MESSAGE = "No places found in this article"
PANEL_WIDTH = 310
"""Pixels the incident side panel takes on the left (see geomap.css)."""
LEGEND_WIDTH = 290
"""About the width of the legend of a map with incidents, in pixels."""
MAX_SOURCES = 8
"""Source articles listed in the title block; the rest are counted."""

def _legend(
    place_keys: set[str],
    *,
    context: bool,
    with_areas: bool,
    incident_types: list[str],
    precisions: set[str],
    background: bool,
) -> str:
    """The legend, from the same tables the markers are drawn from."""

    def item(swatch: str, label: str) -> str:
        return f'<li><span class="swatch">{swatch}</span>{esc(label)}</li>'

    parts = ["<h2>Legend</h2>"]
    if incident_types:
        items = [item(incident_svg(incident_style(t), shape="badge"), t or "Other")
                 for t in incident_types]  # fmt: skip
        if background:
            grey = incident_svg(incident_style(incident_types[0]), shape="badge",
                                colour=BACKGROUND_COLOUR)  # fmt: skip
            items.append(item(grey, "Background (historic) incident"))
        parts.append(f"<h3>Incidents</h3><ul>{''.join(items)}</ul>")
        where = []
        any_style = incident_style(incident_types[0])
        if "point" in precisions:
            where.append(item(incident_svg(any_style, shape="pin"), "At a named place"))
        if "near" in precisions:
            where.append(
                item(
                    '<span class="near"></span>',
                    f"Near a place (within about {NEAR_RADIUS_M // 1000} km)",
                )
            )
        if "region" in precisions:
            where.append(
                item('<span class="region"></span>', "Somewhere in a province or country (shaded)")
            )
        if where:
            parts.append(f"<h3>Where</h3><ul>{''.join(where)}</ul>")
    items = [item(place_svg(STYLES[key])[0], STYLES[key].label) for key in STYLES
             if key in place_keys]  # fmt: skip
    if context:
        items.append(
            item(
                place_svg(STYLES["city"], colour=CONTEXT_COLOUR, scale=0.75)[0],
                "Place named only as context",
            )
        )
    if with_areas:
        items.append('<li><span class="swatch"><span class="area"></span></span>Stated radius</li>')
    if items:
        parts.append(f"{'<h3>Places</h3>' if incident_types else ''}<ul>{''.join(items)}</ul>")
    return "".join(parts)


def _sources(
    sources: Sequence[Mapping[str, Any]] | None,
    article: Article | None,
    incidents: gpd.GeoDataFrame | None,
) -> list[dict[str, str | None]]:
    """The source articles to name: given, else the article, else the incidents' own."""
    if sources:
        return [source_entry(s.get("title"), s.get("url"), s.get("date")) for s in sources]
    if article is not None:
        date = article.date.isoformat() if article.date else None
        return [source_entry(article.title, article.url, date)]
    if incidents is not None and len(incidents) and "source_title" in incidents:
        rows = incidents[["source_title", "source_url", "source_date"]].drop_duplicates()
        return [source_entry(*row) for row in rows.itertuples(index=False)]
    return []


def _title(title: str, sources: list[dict[str, str | None]], counts: dict[str, int]) -> str:
    lines = []
    if len(sources) == 1:
        source = sources[0]
        if source["date"]:
            lines.append(f"<p>{source['date']}</p>")
        if source["url"]:
            lines.append(f'<p><a href="{source["url"]}" target="_blank" '
                         f'rel="noopener noreferrer">{source["url"]}</a></p>')  # fmt: skip
    elif sources:
        items = []
        for source in sources[:MAX_SOURCES]:
            text = source["title"] or source["url"] or "untitled article"
            if source["url"]:
                text = (f'<a href="{source["url"]}" target="_blank" '
                        f'rel="noopener noreferrer">{text}</a>')  # fmt: skip
            items.append(f"<li>{text}{' · ' + source['date'] if source['date'] else ''}</li>")
        more = len(sources) - MAX_SOURCES
        if more > 0:
            items.append(f"<li>and {more} more article{'s' * (more > 1)}</li>")
        lines.append(f"<ul>{''.join(items)}</ul>")
    shown = [f"{n} {noun}{'' if n == 1 else plural}" for noun, plural, n in (
        ("place", "s", counts["places"]), ("stated radius", "es", counts["areas"]),
        ("incident", "s", counts["incidents"])) if n or noun == "place"]  # fmt: skip
    lines.append(f"<p>{esc(', '.join(shown))}</p>")
    return f"<h1>{esc(title)}</h1>{''.join(lines)}"


def _fit(
    m: folium.Map,
    bounds: list[float] | None,
    zoom_keys: set[str],
    *,
    areas: bool,
    panel: bool,
    legend: bool,
) -> None:
    """Fit the view to everything drawn; a lone point gets its kind's zoom, not max."""
    if not bounds:
        return
    west, south, east, north = bounds
    m.location = [(south + north) / 2, (west + east) / 2]
    zoom = max((STYLES[key].zoom for key in zoom_keys), default=STYLES["other"].zoom)
    if areas:
        zoom = max(zoom, 13)  # areas have an extent of their own to fit
    if west == east and south == north:
        m.options["zoom"] = zoom
    # The incident panel covers the map's left side and the legend its lower right:
    # keep what is drawn clear of them.
    fit = FitBounds(
        [[south, west], [north, east]],
        padding_top_left=(PANEL_WIDTH + 40 if panel else 40, 40),
        padding_bottom_right=(LEGEND_WIDTH + 40 if legend else 40, 80 if panel else 40),
        max_zoom=zoom,
    )
    fit.options["animate"] = False  # the page opens on its view, not zooming into it
    m.add_child(fit)


def _bounds(
    features: list[dict[str, Any]], incidents: gpd.GeoDataFrame | None
) -> list[float] | None:
    """[west, south, east, north] of the features' and incidents' geometries."""
    geoms = [shapely.geometry.shape(f["geometry"]) for f in features if f["geometry"]]
    if incidents is not None:
        frame = incidents if incidents.crs is None else incidents.to_crs(4326)
        shown = np.asarray(frame.geometry.values, dtype=object)
        geoms.extend(shown[~(shapely.is_missing(shown) | shapely.is_empty(shown))])
    if not geoms:
        return None
    return [float(b) for b in shapely.total_bounds(geoms)]


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
) -> folium.Map:
    """A map of the places, the stated radii and the incidents.

    ``places`` / ``areas`` / ``incidents`` are enrichment's GeoDataFrames
    (``PLACE_COLUMNS``, ``AREA_COLUMNS``, ``INCIDENT_COLUMNS``; any may be None or
    empty).  Places that host no incident are drawn quietly as context.  ``sources``
    lists the source articles ({title, url, date}) for the title block; by default it
    is ``article``, else the incidents' own sources.  ``tiles`` picks the base layer
    shown first: None or "offline" for Natural Earth borders (``borders``, columns
    ``name`` and geometry, default ``geomap.gazetteer.shapes``), a name in
    ``BASEMAPS`` or any xyzservices provider that needs no key.
    """
    collection = to_geojson(places, areas)
    place_features = [f for f in collection["features"] if f["properties"]["kind"] == "place"]
    area_features = [f for f in collection["features"] if f["properties"]["kind"] == "area"]
    if incidents is not None and len(incidents) == 0:
        incidents = None
    if incidents is not None:
        incidents = with_incident_columns(incidents)

    m = folium.Map(location=[20, 0], zoom_start=2, tiles=None, control_scale=True)
    # Our markers are SVG and our popups plain Leaflet: Leaflet is all the map needs
    # (no jQuery, Bootstrap, awesome-markers or Font Awesome).  Set on this instance only.
    m.default_js = [("leaflet", asset_uri("leaflet"))]
    m.default_css = [("leaflet_css", asset_uri("leaflet_css"))]
    m.options["max_zoom"] = 19  # with tiles=None Folium drops max_zoom
    m.options["min_zoom"] = 1
    shown_sources = _sources(sources, article, incidents)
    shown_title = title or (article.title if article else None) or (article.id if article else "")
    if not shown_title and shown_sources:
        shown_title = (f"{len(shown_sources)} articles" if len(shown_sources) > 1
                       else shown_sources[0]["title"] or "")  # fmt: skip
        shown_title = html.unescape(shown_title)  # escaped again below
    root = m.get_root()
    root.title = esc(shown_title or "geomap")
    page_data(root)
    add_static(root)
    border_layer = add_base_layers(m, tiles, borders)

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

    hosts = set() if incidents is None else set(incidents["place_id"].dropna())
    place_keys: set[str] = set()
    zoom_keys: set[str] = set()
    any_context = False
    if place_features:
        for feature in place_features:
            p = feature["properties"]
            key = marker_style(p["feature_type"])
            context = incidents is not None and p["place_id"] not in hosts
            any_context |= context
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
            }
        FeatureLayer(
            {"type": "FeatureCollection", "features": place_features},
            kind="place",
            name="Places",
        ).add_to(m)

    incident_layer = None
    types: list[str] = []
    precisions: set[str] = set()
    if incidents is not None:
        data = incident_data(incidents)
        incident_layer = IncidentLayer(data, areas=area_layer.get_name() if area_layer else None)
        incident_layer.add_to(m)
        types = incident_types(incidents)
        columns = data["incidents"]
        for ll, shape, prec in zip(columns["ll"], columns["shape"], columns["prec"], strict=True):
            if ll is not None:
                zoom_keys.add("city")
                precisions.add("region" if shape >= 0 else "point")
                if prec == 2 and shape < 0:
                    precisions.add("near")

    n_incidents = 0 if incidents is None else len(incidents)
    if shown_title:
        counts = {"places": len(place_features), "areas": len(area_features),
                  "incidents": n_incidents}  # fmt: skip
        MapPanel(_title(shown_title, shown_sources, counts),
                 css_class="geomap-panel geomap-title", position="topright").add_to(m)  # fmt: skip
    if place_features or area_features or n_incidents:
        background = incidents is not None and (incidents["temporal_status"] == "background").any()
        legend = _legend(place_keys, context=any_context, with_areas=bool(area_features),
                         incident_types=types, precisions=precisions,
                         background=bool(background))  # fmt: skip
        MapPanel(legend, css_class="geomap-panel geomap-legend", position="bottomright").add_to(m)
    else:
        notice = MapPanel(esc(EMPTY_MESSAGE), css_class="geomap-panel geomap-notice", position=None)
        notice.add_to(m)
    layer_control = folium.LayerControl(position="topright", collapsed=True)
    layer_control.add_to(m)
    # Fit what the article is about: incidents, radii and the places they happen at;
    # places named only as context are left out unless they are all there is.
    focus = area_features + [f for f in place_features if not f["properties"]["context"]]
    bounds = _bounds(focus, incidents) or _bounds(place_features, None)
    _fit(
        m,
        bounds,
        zoom_keys,
        areas=bool(area_features),
        panel=incident_layer is not None,
        legend=incident_layer is not None,
    )
    MapControls(
        borders=border_layer.get_name(),
        minimap=minimap,
        incidents=incident_layer.get_name() if incident_layer else None,
        layer_control=layer_control.get_name(),
    ).add_to(m)
    use_offline_assets(m.get_root())
    return m


def write_map(m: folium.Map, path: str | os.PathLike[str]) -> Path:
    """Write the map as one self-contained HTML file, atomically."""
    use_offline_assets(m.get_root())  # catches elements added after render_map
    return atomic_write_text(path, m.get_root().render())
