"""Open a local HTML file in headless Chromium with the network cut off.

Tests import it as ``from browser import ...`` (pytest puts ``tests/`` on sys.path).
Every request that is not ``file:``/``data:``/``blob:`` is aborted and recorded, and
console errors and uncaught page errors are collected, so a test can assert that a
page works offline and cleanly.  Chromium is Debian's (``/usr/bin/chromium``): no
``playwright install`` is needed or possible.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from geomap.render.snapshot import CHROMIUM_ARGS, chromium_path

__all__ = [
    "CHROMIUM_ARGS",
    "PageReport",
    "chromium_path",
    "launch",
    "map_summary",
    "open_html",
]

LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")


@contextmanager
def launch() -> Iterator[Any]:
    """A headless Chromium (a playwright Browser); skips the test when there is none."""
    executable = chromium_path()
    if executable is None:
        pytest.skip("no Chromium found (install Debian's chromium or set GEOMAP_CHROMIUM)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class PageReport:
    """What happened while the page was open."""

    requests: list[str] = field(default_factory=list)
    """Non-local URLs the page tried to fetch (all were aborted)."""
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    def errors(self, *, ignore: Callable[[str], bool] | None = None) -> list[str]:
        """Console and page errors, less those ``ignore`` accepts."""
        found = [*self.console_errors, *self.page_errors]
        return [e for e in found if ignore is None or not ignore(e)]


@contextmanager
def open_html(browser: Any, path: str | os.PathLike[str]) -> Iterator[tuple[Any, PageReport]]:
    """Load ``path`` in a fresh page of ``browser``; yield (playwright Page, PageReport)."""
    report = PageReport()
    context = browser.new_context(viewport={"width": 1200, "height": 800})
    page = context.new_page()

    def route(r: Any) -> None:
        url = r.request.url
        if url.startswith(LOCAL_SCHEMES):
            r.continue_()
        else:
            report.requests.append(url)
            r.abort()

    page.route("**/*", route)
    page.on("console", lambda m: m.type == "error" and report.console_errors.append(m.text))
    page.on("pageerror", lambda e: report.page_errors.append(str(e)))
    try:
        page.goto(Path(path).resolve().as_uri(), wait_until="load")
        # Our maps say when their opening view has settled (see geomap/static/geomap.js).
        page.wait_for_function("() => !window.geomap || window.geomapReadyAt !== undefined")
        yield page, report
    finally:
        context.close()


_SUMMARY_JS = """
() => {
    const out = {leaflet: typeof window.L === "object" && !!window.L.Map};
    if (!out.leaflet) return out;
    const maps = Object.keys(window)
        .filter(k => k.startsWith("map_"))
        .map(k => window[k])
        .filter(v => v instanceof L.Map);
    out.maps = maps.length;
    if (maps.length !== 1) return out;
    const map = maps[0];
    const count = {places: 0, areas: 0, markers: 0, paths: 0, tiles: 0};
    map.eachLayer(layer => {
        const kind = layer.feature && layer.feature.properties && layer.feature.properties.kind;
        if (kind === "place" && layer instanceof L.Marker) count.places++;
        if (kind === "area" && layer instanceof L.Polygon) count.areas++;
        if (layer instanceof L.Marker) count.markers++;
        if (layer instanceof L.Path) count.paths++;
        if (layer instanceof L.TileLayer) count.tiles++;
    });
    const c = map.getCenter();
    return {...out, ...count, version: L.version, zoom: map.getZoom(),
            center: [c.lat, c.lng], maxZoom: map.getMaxZoom()};
}
"""


def map_summary(page: Any) -> dict[str, Any]:
    """What the page's single Folium map holds: Leaflet loaded (``leaflet``), number of
    maps, layers of the places (``places``: markers whose GeoJSON feature has
    ``kind == "place"``) and areas (``areas``: polygons with ``kind == "area"``), all
    markers, paths and tile layers on the map, its zoom, centre and max zoom."""
    return page.evaluate(_SUMMARY_JS)
