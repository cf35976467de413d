"""How places and radius areas look: marker shapes per gazetteer feature type, popups.

Article text is untrusted: every string shown is HTML-escaped here, in Python, and the
HTML handed to Leaflet inside JSON.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from geomap.feature_types import feature_type

__all__ = [
    "AREA_STYLE",
    "CONTEXT_COLOUR",
    "LABEL_ZOOMS",
    "MAX_SENTENCES",
    "PIN_PATH",
    "STYLES",
    "MarkerStyle",
    "area_popup",
    "distance_text",
    "esc",
    "marker_style",
    "place_icon",
    "place_popup",
    "place_svg",
]

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

LABEL_ZOOMS: dict[str, int] = {
    "country": 2, "admin1": 4, "region": 4, "city": 5, "site": 8, "island": 5, "water": 4,
    "other": 6,
}  # fmt: skip
"""The zoom from which a place of each style is labelled (labels that would overlap
one of a place with more incidents are left out, see geomap.js)."""

CONTEXT_COLOUR = "#9a9a9a"
"""Places the article names only as context (no incident there) are drawn in grey,
smaller and half transparent, so the incidents stand out."""

AREA_STYLE = {
    "color": "#d62728",
    "weight": 2,
    "fillColor": "#d62728",
    "fillOpacity": 0.15,
    "dashArray": "6 4",
}


def marker_style(name: str | None) -> str:
    """The key in STYLES for a gazetteer feature type (the feature-type table's
    ``style``; "other" for a type it does not list)."""
    return feature_type(name).style


def esc(value: Any) -> str:
    """``value`` as escaped HTML text ("" for None)."""
    return "" if value is None else html.escape(str(value), quote=True)


# Marker shapes: SVG drawn by us (Leaflet.awesome-markers has no offline package).
PIN_PATH = "M12 1C5.9 1 1 5.9 1 12c0 8.3 11 23 11 23s11-14.7 11-23C23 5.9 18.1 1 12 1z"
"""A map pin in a 24x36 box, its tip at (12, 35)."""


def place_svg(style: MarkerStyle, *, colour: str | None = None, scale: float = 1.0
              ) -> tuple[str, list[int], list[int]]:  # fmt: skip
    """(svg, size, anchor) of a place marker; the anchor is the pixel on the place."""
    fill = f'fill="{colour or style.colour}" stroke="#fff" stroke-width="1.5"'
    if style.shape == "pin":
        body = f'<path d="{PIN_PATH}" {fill}/><circle cx="12" cy="12" r="4.2" fill="#fff"/>'
        return _svg_tag(24, 36, body, scale), _px([24, 36], scale), _px([12, 35], scale)
    if style.shape == "square":
        body = f'<rect x="1" y="1" width="14" height="14" {fill}/>'
        return _svg_tag(16, 16, body, scale), _px([16, 16], scale), _px([8, 8], scale)
    if style.shape == "diamond":
        body = f'<polygon points="9,1 17,9 9,17 1,9" {fill}/>'
        return _svg_tag(18, 18, body, scale), _px([18, 18], scale), _px([9, 9], scale)
    body = f'<circle cx="8" cy="8" r="7" {fill}/>'
    return _svg_tag(16, 16, body, scale), _px([16, 16], scale), _px([8, 8], scale)


def _px(size: list[int], scale: float) -> list[int]:
    return [round(v * scale) for v in size]


def _svg_tag(width: int, height: int, body: str, scale: float = 1.0) -> str:
    return (
        f'<svg width="{round(width * scale)}" height="{round(height * scale)}" '
        f'viewBox="0 0 {width} {height}" aria-hidden="true">{body}</svg>'
    )


def place_icon(key: str, *, context: bool = False) -> dict[str, Any]:
    """Options of the ``L.divIcon`` for a place of style ``key``; ``context`` places
    (named only in passing) are grey and smaller."""
    svg, size, anchor = place_svg(
        STYLES[key], colour=CONTEXT_COLOUR if context else None, scale=0.75 if context else 1.0
    )
    top = -anchor[1]
    extra = " geomap-place-context" if context else ""
    return {
        "html": svg,
        "className": f"geomap-place geomap-place-{key}{extra}",
        "iconSize": size,
        "iconAnchor": anchor,
        "popupAnchor": [0, top + 2],
        "tooltipAnchor": [size[0] - anchor[0], top + size[1] // 2],
    }


def rows_html(rows: list[tuple[str, Any]]) -> str:
    cells = "".join(
        f"<tr><th>{esc(label)}</th><td>{esc(value)}</td></tr>"
        for label, value in rows
        if value not in (None, "")
    )
    return f"<table>{cells}</table>"


def _quotes(sentences: list[str]) -> str:
    shown = "".join(f"<blockquote>{esc(s)}</blockquote>" for s in sentences[:MAX_SENTENCES])
    more = len(sentences) - MAX_SENTENCES
    if more > 0:
        shown += f'<p class="geomap-more">and {more} more sentence{"s" * (more > 1)}</p>'
    return shown


def _count_text(count: Any) -> str:
    if isinstance(count, Mapping):
        return str(count.get("text") or count.get("value") or "")
    return str(count)


def place_popup(p: Mapping[str, Any], *, context: bool = False) -> str:
    country = p["country"]
    if p["country_code"]:
        country = f"{country} ({p['country_code']})" if country else p["country_code"]
    located = p["geocoder"]
    if p["score"] is not None:
        located = f"{located or ''} (score {p['score']:.2f})".strip()
    rows = [
        ("Type", p["feature_type"]),
        ("Role", "context only: no incident reported here" if context else None),
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
        f'<div class="geomap-popup"><h4>{esc(p["name"])}</h4>{rows_html(rows)}'
        f"{_quotes(p['sentences'])}</div>"
    )


def distance_text(metres: float | None) -> str:
    if metres is None:
        return "unknown radius"
    if metres >= 1000:
        return f"{metres / 1000:,.3g} km"
    return f"{metres:,.0f} m"


def area_popup(p: Mapping[str, Any]) -> str:
    heading = f"{distance_text(p['radius_m'])} around {p['place'] or 'a place'}"
    rows = [("Radius", None if p["radius_m"] is None else f"{p['radius_m']:,.0f} m")]
    evidence = _quotes([p["evidence"]]) if p["evidence"] else ""
    return f'<div class="geomap-popup"><h4>{esc(heading)}</h4>{rows_html(rows)}{evidence}</div>'
