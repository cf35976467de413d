"""The article's places and radius areas as a self-contained Folium (Leaflet) HTML map.

The map opens with no network: Leaflet is inlined from its XStatic package
(:mod:`geomap.assets`), the default base layer is Natural Earth country borders drawn
as GeoJSON, and OpenStreetMap tiles are an optional layer.  Article text is untrusted:
every string shown is HTML-escaped in Python and handed to Leaflet inside JSON.
"""

from __future__ import annotations

import functools
import html
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import folium
import geopandas as gpd
import numpy as np
import shapely
import xyzservices
from branca.element import Element, MacroElement
from folium.template import Template
from folium.utilities import JsCode

from geomap.antimeridian import cut_parts_at_antimeridian, polygon_parts
from geomap.assets import asset_uri, use_offline_assets
from geomap.errors import GeomapError
from geomap.export import to_geojson
from geomap.files import atomic_write_text
from geomap.records import Article

__all__ = [
    "AREA_STYLE",
    "BASE_LAYERS",
    "EMPTY_MESSAGE",
    "FEATURE_STYLES",
    "STYLES",
    "MapPanel",
    "MarkerStyle",
    "marker_style",
    "render_map",
    "write_map",
]

EMPTY_MESSAGE = "No places found in this article"
BASE_LAYERS = ("borders", "osm")
MAX_SENTENCES = 5
"""Sentences quoted in a popup; the rest are counted."""


@dataclass(frozen=True, slots=True)
class MarkerStyle:
    """How one kind of place is drawn, on the map and in the legend."""

    label: str
    shape: str
    """pin, square, diamond or circle."""
    colour: str
    zoom: int
    """A zoom that shows a lone place of this kind with some context."""


STYLES: dict[str, MarkerStyle] = {
    "country": MarkerStyle("Country", "square", "#6a3d9a", 5),
    "admin1": MarkerStyle("Province / state", "diamond", "#1f78b4", 7),
    "region": MarkerStyle("Region", "diamond", "#b15928", 5),
    "city": MarkerStyle("City / town", "pin", "#e31a1c", 11),
    "site": MarkerStyle("Port / airport / landmark", "pin", "#ff7f00", 13),
    "island": MarkerStyle("Island / peninsula", "circle", "#33a02c", 8),
    "water": MarkerStyle("Sea / lake / river", "circle", "#0868ac", 6),
    "other": MarkerStyle("Other place", "circle", "#636363", 9),
}
"""Marker styles in legend order; the legend lists those the map uses."""

FEATURE_STYLES: dict[str, str] = {
    "country": "country",
    "admin1": "admin1",
    "region": "region",
    "city": "city",
    "port": "site",
    "airport": "site",
    "landmark": "site",
    "island": "island",
    "peninsula": "island",
    "sea": "water",
    "lake": "water",
    "river": "water",
}
"""Gazetteer feature_type -> key in STYLES (anything else is "other")."""

AREA_STYLE = {
    "color": "#d62728",
    "weight": 2,
    "fillColor": "#d62728",
    "fillOpacity": 0.15,
    "dashArray": "6 4",
}
BORDER_STYLE = {
    "color": "#8c8c8c",
    "weight": 0.7,
    "fillColor": "#f4f1ea",
    "fillOpacity": 1.0,
}
BORDER_TOLERANCE = 0.03
BORDER_DECIMALS = 2
"""Simplifying (degrees) and rounding Natural Earth 50m this much keeps the base layer
under 1 MB; OpenStreetMap is there for detail."""


def marker_style(feature_type: str | None) -> str:
    """The key in STYLES for a gazetteer ``feature_type``."""
    return FEATURE_STYLES.get(feature_type or "", "other")


def _esc(value: Any) -> str:
    return "" if value is None else html.escape(str(value), quote=True)


# Marker shapes: SVG drawn by us (Leaflet.awesome-markers has no offline package).
# Each gives (svg, size, anchor): anchor is the pixel that sits on the place.
def _svg(style: MarkerStyle) -> tuple[str, list[int], list[int]]:
    fill = f'fill="{style.colour}" stroke="#fff" stroke-width="1.5"'
    if style.shape == "pin":
        path = "M12 1C5.9 1 1 5.9 1 12c0 8.3 11 23 11 23s11-14.7 11-23C23 5.9 18.1 1 12 1z"
        body = f'<path d="{path}" {fill}/><circle cx="12" cy="12" r="4.2" fill="#fff"/>'
        return _svg_tag(24, 36, body), [24, 36], [12, 35]
    if style.shape == "square":
        body = f'<rect x="1" y="1" width="14" height="14" {fill}/>'
        return _svg_tag(16, 16, body), [16, 16], [8, 8]
    if style.shape == "diamond":
        body = f'<polygon points="9,1 17,9 9,17 1,9" {fill}/>'
        return _svg_tag(18, 18, body), [18, 18], [9, 9]
    return _svg_tag(16, 16, f'<circle cx="8" cy="8" r="7" {fill}/>'), [16, 16], [8, 8]


def _svg_tag(width: int, height: int, body: str) -> str:
    return (
        f'<svg width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-hidden="true">{body}</svg>'
    )


def _icon(key: str) -> dict[str, Any]:
    svg, size, anchor = _svg(STYLES[key])
    top = -anchor[1]
    return {
        "html": svg,
        "className": f"geomap-place geomap-place-{key}",
        "iconSize": size,
        "iconAnchor": anchor,
        "popupAnchor": [0, top + 2],
        "tooltipAnchor": [size[0] - anchor[0], top + size[1] // 2],
    }


def _rows(rows: list[tuple[str, Any]]) -> str:
    cells = "".join(
        f"<tr><th>{_esc(label)}</th><td>{_esc(value)}</td></tr>"
        for label, value in rows
        if value not in (None, "")
    )
    return f"<table>{cells}</table>"


def _quotes(sentences: list[str]) -> str:
    shown = "".join(f"<blockquote>{_esc(s)}</blockquote>" for s in sentences[:MAX_SENTENCES])
    more = len(sentences) - MAX_SENTENCES
    if more > 0:
        shown += f'<p class="geomap-more">and {more} more sentence{"s" * (more > 1)}</p>'
    return shown


def _count_text(count: Any) -> str:
    if isinstance(count, Mapping):
        return str(count.get("text") or count.get("value") or "")
    return str(count)


def _place_popup(p: Mapping[str, Any]) -> str:
    country = p["country"]
    if p["country_code"]:
        country = f"{country} ({p['country_code']})" if country else p["country_code"]
    located = p["geocoder"]
    if p["score"] is not None:
        located = f"{located or ''} (score {p['score']:.2f})".strip()
    rows = [
        ("Type", p["feature_type"]),
        ("Country", country),
        ("Admin-1", p["admin1"]),
        ("Mentions", p["mentions"]),
        ("Dates", ", ".join(str(d) for d in p.get("dates") or [])),
        ("Figures", "; ".join(_count_text(c) for c in p.get("counts") or [])),
        ("Located by", located),
        ("GeoNames id", p["geonameid"]),
        ("Lat, lon", f"{p['lat']:.4f}, {p['lon']:.4f}" if p["lat"] is not None else None),
    ]
    return (
        f'<div class="geomap-popup"><h4>{_esc(p["name"])}</h4>{_rows(rows)}'
        f"{_quotes(p['sentences'])}</div>"
    )


def _distance(metres: float | None) -> str:
    if metres is None:
        return "unknown radius"
    if metres >= 1000:
        return f"{metres / 1000:,.3g} km"
    return f"{metres:,.0f} m"


def _area_popup(p: Mapping[str, Any]) -> str:
    heading = f"{_distance(p['radius_m'])} around {p['place'] or 'a place'}"
    rows = [("Radius", None if p["radius_m"] is None else f"{p['radius_m']:,.0f} m")]
    evidence = _quotes([p["evidence"]]) if p["evidence"] else ""
    return f'<div class="geomap-popup"><h4>{_esc(heading)}</h4>{_rows(rows)}{evidence}</div>'


class MapPanel(MacroElement):
    """A block of our own HTML on the map: a Leaflet control in a corner, or, with
    ``position=None``, a box centred over the map.  ``html`` must already be escaped."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function() {
            var map = {{ this._parent.get_name() }};
            function build(parent) {
                var div = L.DomUtil.create("div", {{ this.css_class|tojson }}, parent);
                div.innerHTML = {{ this.html|tojson }};
                L.DomEvent.disableClickPropagation(div);
                L.DomEvent.disableScrollPropagation(div);
                return div;
            }
            {%- if this.position %}
            var control = L.control({position: {{ this.position|tojson }}});
            control.onAdd = function() { return build(); };
            control.addTo(map);
            {%- else %}
            build(map.getContainer());
            {%- endif %}
        })();
        {% endmacro %}
        """
    )

    def __init__(self, html_text: str, *, css_class: str, position: str | None) -> None:
        super().__init__()
        self._name = "MapPanel"
        self.html = html_text
        self.css_class = css_class
        self.position = position


_CSS = """
<style>
.leaflet-container { background: #cfe2ef; font: 13px/1.4 system-ui, sans-serif; }
.geomap-place { background: none; border: none; }
.geomap-place svg { display: block; filter: drop-shadow(0 1px 1px rgba(0,0,0,.45)); }
.geomap-panel { background: rgba(255,255,255,.94); padding: 6px 10px; border-radius: 5px;
  box-shadow: 0 1px 4px rgba(0,0,0,.35); }
.geomap-title { max-width: min(420px, 60vw); }
.geomap-title h1 { font-size: 15px; margin: 0 0 2px; }
.geomap-title p { margin: 0; color: #555; overflow-wrap: anywhere; }
.geomap-legend h2 { font-size: 13px; margin: 0 0 4px; }
.geomap-legend ul { list-style: none; margin: 0; padding: 0; }
.geomap-legend li { display: flex; align-items: center; gap: 6px; margin: 2px 0; }
.geomap-legend .swatch { width: 24px; display: flex; justify-content: center; }
.geomap-legend .swatch svg { max-height: 18px; width: auto; }
.geomap-legend .area { display: inline-block; width: 18px; height: 12px;
  border: 2px dashed #d62728; background: rgba(214,39,40,.15); }
.geomap-notice { position: absolute; top: 50%; left: 50%; transform: translate(-50%,-50%);
  z-index: 1000; font-size: 18px; padding: 12px 20px; pointer-events: none; }
.geomap-popup { max-height: 320px; overflow-y: auto; }
.geomap-popup h4 { margin: 0 0 4px; font-size: 14px; }
.geomap-popup table { border-collapse: collapse; margin-bottom: 4px; }
.geomap-popup th { text-align: left; padding-right: 8px; color: #555; font-weight: 600; }
.geomap-popup blockquote { margin: 4px 0; padding-left: 8px; border-left: 3px solid #bbb; }
.geomap-more { margin: 2px 0; color: #777; font-style: italic; }
</style>
"""


def _legend(keys: list[str], *, with_areas: bool) -> str:
    items = [
        f'<li><span class="swatch">{_svg(STYLES[key])[0]}</span>{_esc(STYLES[key].label)}</li>'
        for key in STYLES
        if key in keys
    ]
    if with_areas:
        items.append('<li><span class="swatch"><span class="area"></span></span>Stated radius</li>')
    return f"<h2>Legend</h2><ul>{''.join(items)}</ul>"


def _title(title: str, article: Article | None, n_places: int, n_areas: int) -> str:
    lines = []
    if article is not None and article.date is not None:
        lines.append(_esc(article.date.isoformat()))
    if article is not None and article.url and article.url.startswith(("http://", "https://")):
        lines.append(f'<a href="{_esc(article.url)}" target="_blank" rel="noopener noreferrer">'
                     f"{_esc(article.url)}</a>")  # fmt: skip
    counts = f"{n_places} place{'s' * (n_places != 1)}"
    if n_areas:
        counts += f", {n_areas} stated radius{'es' * (n_areas != 1)}"
    lines.append(counts)
    body = "".join(f"<p>{line}</p>" for line in lines)
    return f"<h1>{_esc(title)}</h1>{body}"


@functools.cache
def _default_borders_json() -> str:
    from geomap.gazetteer.shapes import countries

    return _borders_json(countries())


def _borders_json(borders: gpd.GeoDataFrame) -> str:
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


def _base_layers(m: folium.Map, tiles: str | None, borders: gpd.GeoDataFrame | None) -> None:
    if tiles not in (None, *BASE_LAYERS):
        raise GeomapError(f"unknown base map {tiles!r}: use one of {', '.join(BASE_LAYERS)}")
    osm_default = tiles == "osm"
    data = _default_borders_json() if borders is None else _borders_json(borders)
    folium.GeoJson(
        json.loads(data),
        name="Country borders (Natural Earth)",
        overlay=False,
        show=not osm_default,
        style_function=lambda _feature: BORDER_STYLE,
        interactive=False,
    ).add_to(m)
    folium.TileLayer(
        tiles=xyzservices.providers.OpenStreetMap.Mapnik,
        name="OpenStreetMap",
        overlay=False,
        show=osm_default,
        max_zoom=19,
    ).add_to(m)


_BIND = JsCode(
    """function(feature, layer) {
        layer.bindPopup(feature.properties.popup, {maxWidth: 360});
        layer.bindTooltip(feature.properties.tooltip);
    }"""
)
_PLACE_MARKER = JsCode(
    """function(feature, latlng) {
        var p = feature.properties;
        return L.marker(latlng, {icon: L.divIcon(p.icon), alt: p.name, riseOnHover: true});
    }"""
)


def _fit(m: folium.Map, collection: dict[str, Any], style_keys: list[str]) -> None:
    """Fit the view to everything drawn; a lone point gets its kind's zoom, not max."""
    bbox = collection.get("bbox")
    if not bbox:
        return
    west, south, east, north = bbox
    m.location = [(south + north) / 2, (west + east) / 2]
    zoom = max((STYLES[key].zoom for key in style_keys), default=STYLES["other"].zoom)
    if any(f["properties"]["kind"] == "area" for f in collection["features"]):
        zoom = max(zoom, 13)  # areas have an extent of their own to fit
    if west == east and south == north:
        m.options["zoom"] = zoom
    m.fit_bounds([[south, west], [north, east]], padding=(40, 40), max_zoom=zoom)


def render_map(
    places: gpd.GeoDataFrame | None,
    areas: gpd.GeoDataFrame | None,
    *,
    article: Article | None = None,
    title: str | None = None,
    tiles: str | None = None,
    borders: gpd.GeoDataFrame | None = None,
) -> folium.Map:
    """A map with a marker per place and a polygon per stated radius.

    ``places`` / ``areas`` are enrichment's GeoDataFrames (either may be None or
    empty).  ``tiles="osm"`` makes OpenStreetMap tiles the base layer (they need the
    network); by default the base is offline Natural Earth country borders, from
    ``borders`` (columns ``name``, geometry) or else ``geomap.gazetteer.shapes``.
    """
    collection = to_geojson(places, areas)
    place_features = [f for f in collection["features"] if f["properties"]["kind"] == "place"]
    area_features = [f for f in collection["features"] if f["properties"]["kind"] == "area"]

    m = folium.Map(location=[20, 0], zoom_start=2, tiles=None, control_scale=True)
    # Our markers are SVG and our popups plain Leaflet: Leaflet is all the map needs
    # (no jQuery, Bootstrap, awesome-markers or Font Awesome).  Set on this instance only.
    m.default_js = [("leaflet", asset_uri("leaflet"))]
    m.default_css = [("leaflet_css", asset_uri("leaflet_css"))]
    m.options["max_zoom"] = 19  # with tiles=None Folium drops max_zoom
    m.options["min_zoom"] = 1
    shown_title = title or (article.title if article else None) or (article.id if article else "")
    root = m.get_root()
    root.title = _esc(shown_title or "geomap")
    root.header.add_child(Element(_CSS), name="geomap_css")
    _base_layers(m, tiles, borders)

    if area_features:
        for feature in area_features:
            p = feature["properties"]
            feature["properties"] = {
                "kind": "area",
                "area_id": p["area_id"],
                "popup": _area_popup(p),
                "tooltip": _esc(f"{_distance(p['radius_m'])} around {p['place'] or 'a place'}"),
            }
        folium.GeoJson(
            {"type": "FeatureCollection", "features": area_features},
            name="Areas",
            overlay=True,
            style_function=lambda _feature: AREA_STYLE,
            on_each_feature=_BIND,
        ).add_to(m)

    style_keys: list[str] = []
    if place_features:
        for feature in place_features:
            p = feature["properties"]
            key = marker_style(p["feature_type"])
            style_keys.append(key)
            feature["properties"] = {
                "kind": "place",
                "place_id": p["place_id"],
                "name": p["name"],
                "feature_type": p["feature_type"],
                "style_key": key,
                "icon": _icon(key),
                "popup": _place_popup(p),
                "tooltip": _esc(p["name"]),
            }
        folium.GeoJson(
            {"type": "FeatureCollection", "features": place_features},
            name="Places",
            overlay=True,
            on_each_feature=_BIND,
            point_to_layer=_PLACE_MARKER,
        ).add_to(m)

    if shown_title:
        title_html = _title(shown_title, article, len(place_features), len(area_features))
        MapPanel(title_html, css_class="geomap-panel geomap-title", position="topright").add_to(m)
    if place_features or area_features:
        legend = _legend(style_keys, with_areas=bool(area_features))
        MapPanel(legend, css_class="geomap-panel geomap-legend", position="bottomright").add_to(m)
    else:
        notice = MapPanel(
            _esc(EMPTY_MESSAGE), css_class="geomap-panel geomap-notice", position=None
        )
        notice.add_to(m)
    folium.LayerControl(position="topright", collapsed=True).add_to(m)
    _fit(m, collection, style_keys)
    use_offline_assets(m.get_root())
    return m


def write_map(m: folium.Map, path: str | os.PathLike[str]) -> Path:
    """Write the map as one self-contained HTML file, atomically."""
    use_offline_assets(m.get_root())  # catches elements added after render_map
    return atomic_write_text(path, m.get_root().render())
