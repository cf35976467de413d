"""Folium's CDN scripts and stylesheets, served instead from installed XStatic packages.

A map must open with no network, so every JS/CSS file Folium would link from a CDN
is read from an XStatic package at render time and inlined as a ``data:`` URI; the
images and fonts the stylesheets point at are inlined too, because a ``data:``
stylesheet has no base URL to resolve them against.  Assets are set per element
instance: ``add_js_link`` would change Folium's class-wide lists for every map.
"""

from __future__ import annotations

import base64
import functools
import importlib
import json
import mimetypes
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from branca.element import Element, JavascriptLink

__all__ = [
    "ASSETS",
    "DROPPED",
    "Asset",
    "RawHTML",
    "asset_uri",
    "data_uri",
    "use_offline_assets",
]


class RawHTML(Element):
    """Markup that is inserted as it is: unlike ``branca.element.Element(text)``, which
    compiles ``text`` as a template, this never evaluates anything in it."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self._name = "RawHTML"
        self.text = text

    def render(self, **kwargs: Any) -> str:
        return self.text


@dataclass(frozen=True, slots=True)
class Asset:
    """One file inside an XStatic package (``xstatic.pkg.<package>.BASE_DIR``)."""

    package: str
    path: str

    @property
    def file(self) -> Path:
        module = importlib.import_module(f"xstatic.pkg.{self.package}")
        return Path(module.BASE_DIR) / self.path


ASSETS: dict[str, Asset] = {
    # Names are the keys Folium uses in its ``default_js`` / ``default_css`` lists.
    "leaflet": Asset("leaflet", "leaflet.js"),
    "leaflet_css": Asset("leaflet", "leaflet.css"),
    "jquery": Asset("jquery", "jquery.min.js"),
    "markerclusterjs": Asset("leaflet_markercluster", "leaflet.markercluster.js"),
    "markerclustercss": Asset("leaflet_markercluster", "MarkerCluster.css"),
    "markerclusterdefaultcss": Asset("leaflet_markercluster", "MarkerCluster.Default.css"),
    "awesome_markers_font_css": Asset("font_awesome", "css/all.min.css"),
}
"""Offline replacement for each Folium asset name we support."""

DROPPED = frozenset(
    {
        "bootstrap",
        "bootstrap_css",
        "glyphicons_css",
        "awesome_markers",
        "awesome_markers_css",
        "awesome_rotate_css",
    }
)
"""Folium assets our maps do not use (Bootstrap, Leaflet.awesome-markers): left out."""

_SOURCE_MAP = re.compile(r"^\s*(//|/\*)#\s*sourceMappingURL=.*$", re.MULTILINE)
_CSS_URL = re.compile(r"url\(\s*(['\"]?)([^'\")]+)\1\s*\)")
_TTF_FALLBACK = re.compile(r",\s*url\([^)]*\.ttf\)\s*format\([\"']truetype[\"']\)")


def data_uri(data: bytes, mime: str) -> str:
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


_MIME_TYPES = {".png": "image/png", ".svg": "image/svg+xml", ".gif": "image/gif",
               ".woff2": "font/woff2", ".woff": "font/woff"}  # fmt: skip
"""What Leaflet's stylesheet refers to: asking ``mimetypes`` reads the system's table
of types first (8 ms of every map)."""


def _inline_css_urls(css: str, base: Path) -> str:
    """Replace relative ``url(...)`` references by ``data:`` URIs of the files they name."""
    css = _TTF_FALLBACK.sub("", css)  # every browser we target reads the woff2 fonts

    def replace(match: re.Match[str]) -> str:
        ref = match.group(2)
        if ref.startswith(("data:", "#")) or "://" in ref:
            return match.group(0)
        target = (base / ref.split("?")[0].split("#")[0]).resolve()
        if not target.is_file():
            return match.group(0)
        mime = (_MIME_TYPES.get(target.suffix.lower()) or mimetypes.guess_type(target.name)[0]
                or "application/octet-stream")  # fmt: skip
        return f'url("{data_uri(target.read_bytes(), mime)}")'

    return _CSS_URL.sub(replace, css)


@functools.cache
def asset_uri(name: str) -> str:
    """The ``data:`` URI standing in for Folium's asset ``name``."""
    asset = ASSETS[name]
    file = asset.file
    if file.suffix == ".css":
        css = _inline_css_urls(file.read_text(encoding="utf-8"), file.parent)
        return data_uri(_SOURCE_MAP.sub("", css).encode("utf-8"), "text/css")
    js = _SOURCE_MAP.sub("", file.read_text(encoding="utf-8"))
    return data_uri(js.encode("utf-8"), "text/javascript")


def _offline_links(links: list[tuple[str, str]]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for name, url in links:
        if name in DROPPED:
            continue
        if name not in ASSETS:
            raise ValueError(f"no offline copy of Folium asset {name!r} ({url})")
        out.append((name, asset_uri(name)))
    return out


def _default_icon_script() -> RawHTML:
    """Leaflet finds its default marker images through a CSS url, which is useless once
    the CSS is a ``data:`` URI: give it the images themselves."""
    images = Asset("leaflet", "images").file
    urls = {
        option: data_uri((images / name).read_bytes(), "image/png")
        for option, name in (
            ("iconUrl", "marker-icon.png"),
            ("iconRetinaUrl", "marker-icon-2x.png"),
            ("shadowUrl", "marker-shadow.png"),
        )
    }
    return RawHTML(
        '<script>L.Icon.Default.imagePath = "";'
        f" L.Icon.Default.mergeOptions({json.dumps(urls)});</script>"
    )


def use_offline_assets(root: Element) -> None:
    """Point every element under ``root`` at inlined assets instead of CDN links.

    Call it once the map is complete: elements added afterwards keep their CDN links.
    Raises ValueError for an asset with no offline copy, so a new plugin cannot
    quietly bring a network dependency back.
    """
    stack = [root]
    while stack:
        element = stack.pop()
        for attr in ("default_js", "default_css"):
            links = getattr(element, attr, None)
            if links:
                # An instance attribute: the class-wide list stays untouched.
                setattr(element, attr, _offline_links(links))
        if any(name == "leaflet" for name, _ in getattr(element, "default_js", ())):
            header = element.get_root().header
            # Leaflet's link is re-added under the same name when the map renders, and
            # keeps this place: before the script that fixes its icon paths.
            header.add_child(JavascriptLink(asset_uri("leaflet")), name="leaflet")
            header.add_child(_default_icon_script(), name="leaflet_default_icon")
        stack.extend(element._children.values())
