"""Open a local HTML file in headless Chromium with the network cut off.

Tests import it as ``from browser import ...`` (pytest puts ``tests/`` on sys.path).
Every request that is not ``file:``/``data:``/``blob:`` is aborted and recorded, and
console errors and uncaught page errors are collected, so a test can assert that a
page works offline and cleanly.  Chromium is Debian's (``/usr/bin/chromium``): no
``playwright install`` is needed or possible.
"""

from __future__ import annotations

import itertools
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
    "controls_coverage",
    "launch",
    "map_summary",
    "open_html",
    "open_panel",
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
def open_html(
    browser: Any,
    path: str | os.PathLike[str],
    *,
    size: tuple[int, int] = (1200, 800),
    fragment: str = "",
) -> Iterator[tuple[Any, PageReport]]:
    """Load ``path`` (with ``#fragment``) in a fresh page of ``browser`` of ``size``
    pixels; yield (playwright Page, PageReport)."""
    report = PageReport()
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
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
        url = Path(path).resolve().as_uri() + (f"#{fragment}" if fragment else "")
        page.goto(url, wait_until="load")
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
    const count = {places: 0, areas: 0, markers: 0, labels: 0, paths: 0, tiles: 0};
    map.eachLayer(layer => {
        const kind = layer.feature && layer.feature.properties && layer.feature.properties.kind;
        if (kind === "place" && layer instanceof L.Marker) count.places++;
        if (kind === "area" && layer instanceof L.Polygon) count.areas++;
        if (layer instanceof L.Marker && layer.options.pane === "geomapLabels") count.labels++;
        else if (layer instanceof L.Marker) count.markers++;
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
    markers (less the labels, counted as ``labels``), paths and tile layers on the
    map, its zoom, centre and max zoom."""
    return page.evaluate(_SUMMARY_JS)


def open_panel(page: Any) -> None:
    """Open the incident panel (folded by default), as a reader would."""
    toggle = page.locator(".geomap-side-toggle")
    if toggle.get_attribute("aria-expanded") != "true":
        toggle.click()


_RECTS_JS = """
() => {
    const box = document.querySelector(".leaflet-container").getBoundingClientRect();
    const nodes = document.querySelectorAll(
        ".leaflet-container .leaflet-control, .geomap-drawer, .geomap-fallback");
    const rects = [];
    for (const node of nodes) {
        const r = node.getBoundingClientRect();
        const style = getComputedStyle(node);
        if (r.width === 0 || r.height === 0 || style.display === "none" ||
            style.visibility === "hidden" || node.closest("[hidden]")) continue;
        const nested = [...nodes].some(o => o !== node && o.contains(node));
        if (nested) continue;
        rects.push({name: node.className, left: r.left, top: r.top, right: r.right,
                    bottom: r.bottom});
    }
    return {map: {left: box.left, top: box.top, right: box.right, bottom: box.bottom},
            rects};
}
"""


def _union_area(rects: list[tuple[float, float, float, float]]) -> float:
    """Area of the union of rectangles (left, top, right, bottom), exactly: the plane
    cut at every edge, each cell counted once if any rectangle covers it."""
    xs = sorted({x for r in rects for x in (r[0], r[2])})
    ys = sorted({y for r in rects for y in (r[1], r[3])})
    area = 0.0
    for x0, x1 in itertools.pairwise(xs):
        for y0, y1 in itertools.pairwise(ys):
            if any(r[0] <= x0 and x1 <= r[2] and r[1] <= y0 and y1 <= r[3] for r in rects):
                area += (x1 - x0) * (y1 - y0)
    return area


def controls_coverage(page: Any) -> tuple[float, list[tuple[str, str]]]:
    """(share of the map covered by its controls, pairs of controls that overlap): the
    union of every visible control's rectangle, clipped to the map, over the map."""
    found = page.evaluate(_RECTS_JS)
    m = found["map"]
    clipped = []
    for r in found["rects"]:
        left, top = max(r["left"], m["left"]), max(r["top"], m["top"])
        right, bottom = min(r["right"], m["right"]), min(r["bottom"], m["bottom"])
        if right > left and bottom > top:
            clipped.append((r["name"], (left, top, right, bottom)))
    overlaps = [
        (a, b)
        for i, (a, ra) in enumerate(clipped)
        for b, rb in clipped[i + 1 :]
        if ra[0] < rb[2] - 1 and rb[0] < ra[2] - 1 and ra[1] < rb[3] - 1 and rb[1] < ra[3] - 1
    ]
    share = _union_area([r for _, r in clipped]) / (
        (m["right"] - m["left"]) * (m["bottom"] - m["top"])
    )
    return share, overlaps
