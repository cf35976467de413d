"""The Folium map: offline assets, escaping, legend, view; then the page in Chromium."""

from __future__ import annotations

import datetime as dt
import json
import re

import folium
import geopandas as gpd
import pandas as pd
import pytest
from browser import controls_coverage, launch, map_summary, open_html
from folium.plugins import AntPath, MarkerCluster
from shapely.geometry import Point, Polygon, box, shape

from geomap.assets import use_offline_assets
from geomap.errors import GeomapError
from geomap.records import Article
from geomap.render import (
    BASEMAPS,
    EMPTY_MESSAGE,
    STYLES,
    borders_json,
    marker_style,
    render_map,
    write_map,
)
from geomap.render.basemaps import tile_provider

SCRIPT_NAME = 'Lyon<script>window.__xss = "name"</script>'
IMG_SENTENCE = "Smoke rose over Lyon <img src=x onerror=\"window.__xss='img'\"> on Tuesday."
TEMPLATE_SENTENCE = "Residents said `${window.__xss = 'template'}` and \\u003cb\\u003e fled."
COUNT_TEXT = "40 homes <svg onload=\"window.__xss='svg'\">"


def _provider_urls() -> set[str]:
    """The tile URLs and attribution links of the base maps on offer, and nothing else."""
    urls = set()
    for name in BASEMAPS:
        provider, _ = tile_provider(name)
        urls.add(provider.build_url(scale_factor="{r}", fill_subdomain=False))
        urls.update(re.findall(r"https?://[^\s\"'<>()\\]+", provider.html_attribution))
    return urls


def _borders() -> gpd.GeoDataFrame:
    """Rough boxes standing in for Natural Earth countries (tests must not read data)."""
    return gpd.GeoDataFrame(
        {"iso_a2": ["FR", "US", "UG"], "name": ["France", "United States", "Uganda"]},
        geometry=[box(-5, 42, 8, 51), box(-125, 25, -67, 49), box(29.5, -1.5, 35, 4.2)],
        crs=4326,
    )


def _places(*, names: tuple[str, str, str] = ("Lyon", "Texas", "Lake Victoria")):
    return gpd.GeoDataFrame(
        {
            "place_id": ["gn:2996944", "ne-admin1:US-TX", "gn:433239"],
            "name": list(names),
            "feature_type": ["city", "admin1", "lake"],
            "country_code": ["FR", "US", None],
            "country": ["France", "United States", None],
            "admin1": ["Auvergne-Rhône-Alpes", "Texas", None],
            "geonameid": pd.array([2996944, None, 433239], dtype="Int64"),
            "lat": [45.74846, 31.25, -1.0],
            "lon": [4.84671, -99.25, 33.0],
            "mentions": [2, 1, 1],
            "sentences": [[IMG_SENTENCE, TEMPLATE_SENTENCE], ["Texas sent help."], []],
            "score": [0.92, float("nan"), 0.5],
            "geocoder": ["gazetteer", "gazetteer", "gazetteer"],
        },
        geometry=[Point(4.84671, 45.74846), Point(-99.25, 31.25), Point(33.0, -1.0)],
        crs=4326,
    ).assign(
        counts=[[{"value": 40, "noun": "home", "qualifier": None, "text": COUNT_TEXT}], [], []],
        dates=[["2024-03-05"], [], []],
    )


def _areas() -> gpd.GeoDataFrame:
    lyon = gpd.GeoSeries([Point(4.84671, 45.74846)], crs=4326).to_crs(2154)
    return gpd.GeoDataFrame(
        {
            "area_id": ["area-1"],
            "place_id": ["gn:2996944"],
            "place": ["Lyon"],
            "radius_m": [500.0],
            "evidence": ["Police closed a 500-metre radius <b onmouseover=alert(1)>around</b>."],
        },
        geometry=lyon.buffer(500).to_crs(4326).values,
        crs=4326,
    )


ARTICLE = Article(
    id="lyon-fire",
    text="(not used by the map)",
    title="Depot fire <i>forces</i> evacuations in Lyon",
    url="https://news.example.org/lyon-fire",
    date=dt.date(2024, 3, 5),
)


def _write(tmp_path, places, areas, **kwargs):
    m = render_map(places, areas, borders=_borders(), **kwargs)
    path = write_map(m, tmp_path / "map.html")
    return path, path.read_text(encoding="utf-8")


def test_page_links_nothing_but_tile_servers(tmp_path):
    _, page = _write(tmp_path, _places(), _areas())
    urls = set(re.findall(r"https?://[^\s\"'<>()\\]+", page))
    expected = _provider_urls()
    assert "https://tile.openstreetmap.org/{z}/{x}/{y}.png" in urls
    assert urls <= expected | {u.replace("{r}", "") for u in expected}, urls - expected
    sources = re.findall(r'<(?:script|link)[^>]* (?:src|href)="([^"]{0,40})', page)
    assert sources and all(s.startswith(("data:text/javascript", "data:text/css")) for s in sources)
    assert "jquery" not in page.lower() and "bootstrap" not in page.lower()


def test_untrusted_text_is_escaped_in_the_page(tmp_path):
    places = _places(names=(SCRIPT_NAME, "Texas", "Lake Victoria"))
    _, page = _write(tmp_path, places, _areas(), article=ARTICLE)
    for raw in ("<script>window.__xss", "<img src=x", "<b onmouseover", "<i>forces</i>"):
        assert raw not in page
    # Escaped HTML, inside JSON that escapes "<" too.
    assert "\\u0026lt;img src=x onerror=\\u0026quot;" in page
    assert "Depot fire \\u0026lt;i\\u0026gt;forces" in page


def test_assets_are_replaced_per_instance():
    render_map(_places(), None, borders=_borders())
    # Folium's class-wide lists still name the CDNs: nothing leaked into other maps.
    assert folium.Map.default_js[0][1].startswith("https://")
    assert folium.Map().default_js[0][1].startswith("https://")
    assert MarkerCluster.default_js[0][1].startswith("https://")


def test_other_folium_plugins_are_inlined_or_refused():
    m = folium.Map(tiles=None)
    MarkerCluster().add_to(m)
    use_offline_assets(m.get_root())
    html = m.get_root().render()
    assert "cdn" not in html and "https://" not in html.replace("https://leafletjs.com", "")
    assert html.count('src="data:text/javascript') == 3  # leaflet, jquery, markercluster
    m = folium.Map(tiles=None)
    AntPath([[0, 0], [1, 1]]).add_to(m)
    with pytest.raises(ValueError, match="antpath"):
        use_offline_assets(m.get_root())


def _panel(m: folium.Map, css_class: str) -> str:
    return next(c.html for c in m._children.values() if css_class in getattr(c, "css_class", ""))


def test_legend_comes_from_the_style_table():
    legend = _panel(render_map(_places(), _areas(), borders=_borders()), "geomap-legend")
    for key in ("city", "admin1", "water"):
        assert STYLES[key].label in legend and STYLES[key].colour in legend
    assert STYLES["country"].label not in legend and STYLES["island"].label not in legend
    assert "Stated radius" in legend
    no_areas = _panel(render_map(_places(), None, borders=_borders()), "geomap-legend")
    assert "Stated radius" not in no_areas
    assert marker_style("lake") == marker_style("sea") == "water"
    assert marker_style("volcano") == "other" and marker_style(None) == "other"


def _opening_view(m: folium.Map) -> dict:
    """The view the page fits once its panels are in place (MapControls' ``fit``)."""
    return next(c for c in m._children.values() if type(c).__name__ == "MapControls").options[
        "fit"
    ]


def test_view_fits_the_places():
    m = render_map(_places(), _areas(), borders=_borders())
    view = _opening_view(m)
    (south, west), (north, east) = view["bounds"]
    assert (south, west, east) == (-1.0, -99.25, 33.0)
    assert north == pytest.approx(45.7530, abs=1e-4)  # the top of Lyon's 500 m circle
    assert view["maxZoom"] >= STYLES["city"].zoom
    one = render_map(_places().iloc[[0]], None, borders=_borders())
    assert one.location == pytest.approx([45.74846, 4.84671])
    assert one.options["zoom"] == STYLES["city"].zoom


def test_empty_article_gets_a_world_map_with_a_notice(tmp_path):
    empty = gpd.GeoDataFrame({"place_id": []}, geometry=[], crs=4326)
    _, page = _write(tmp_path, empty, None, article=ARTICLE)
    assert EMPTY_MESSAGE in page
    assert '"Places"' not in page and "Legend" not in page


def test_unknown_base_map_is_a_user_error():
    with pytest.raises(GeomapError, match="stamen"):
        render_map(_places(), None, tiles="stamen", borders=_borders())


def test_borders_wrapping_across_180_degrees_are_cut():
    """A ring written across the antimeridian (as Natural Earth writes Fiji) would be
    drawn by Leaflet as a band around the world."""
    fiji = Polygon([(178, -17), (-178, -17), (-178, -16), (178, -16)])
    borders = gpd.GeoDataFrame({"name": ["Fiji"]}, geometry=[fiji], crs=4326)
    data = json.loads(borders_json(borders))
    widths = sorted(shape(f["geometry"]).bounds[2] - shape(f["geometry"]).bounds[0]
                    for f in data["features"])  # fmt: skip
    assert widths == [2.0, 2.0]
    assert {f["properties"]["name"] for f in data["features"]} == {"Fiji"}
    assert sum(shape(f["geometry"]).area for f in data["features"]) == pytest.approx(4.0)


def test_default_borders_come_from_the_gazetteer(tmp_path):
    m = render_map(_places(), None)
    page = write_map(m, tmp_path / "map.html").read_text(encoding="utf-8")
    assert "Country borders (Natural Earth, offline)" in page
    assert len(page) < 2_000_000  # simplified: the page stays light


# ---------------------------------------------------------------- in Chromium


@pytest.fixture(scope="module")
def chromium():
    with launch() as browser:
        yield browser


@pytest.mark.browser
def test_map_opens_offline_with_markers_area_and_legend(chromium, tmp_path):
    path, _ = _write(tmp_path, _places(), _areas(), article=ARTICLE)
    with open_html(chromium, path) as (page, report):
        summary = map_summary(page)
        assert summary["leaflet"] and summary["maps"] == 1 and summary["version"] == "1.9.3"
        assert summary["places"] == 3 and summary["markers"] == 3
        assert page.locator(".geomap-place").count() == 3
        assert summary["areas"] == 1
        assert summary["tiles"] == 0 and summary["maxZoom"] == 19
        assert page.locator(".geomap-legend").is_visible()
        assert "City / town" in page.locator(".geomap-legend").inner_text()
        title = page.locator(".geomap-title").inner_text()
        assert "Depot fire <i>forces</i> evacuations in Lyon" in title and "2024-03-05" in title
        # The borders base layer is drawn, and the layer control lists everything.
        assert page.locator(".leaflet-geomapBase-pane path").count() == 3  # the three boxes
        control = page.locator(".leaflet-control-layers").text_content()
        assert "Places" in control and "Stated radii" in control and "OpenStreetMap" in control
        assert "Satellite" in control and "Country borders" in control
        assert 1 <= summary["zoom"] <= 5  # Lyon, Texas and Lake Victoria all in view
    assert report.requests == []
    assert report.errors() == []


@pytest.mark.browser
def test_untrusted_text_never_runs_or_makes_elements(chromium, tmp_path):
    places = _places(names=(SCRIPT_NAME, "Texas", "Lake Victoria"))
    path, _ = _write(tmp_path, places, _areas(), article=ARTICLE)
    with open_html(chromium, path) as (page, report):
        texts = page.evaluate(
            """() => {
                const map = Object.keys(window).filter(k => k.startsWith("map_"))
                    .map(k => window[k]).find(v => v instanceof L.Map);
                const out = [];
                map.eachLayer(layer => {
                    if (!layer.feature || !layer.getPopup()) return;
                    layer.openPopup();
                    layer.openTooltip();
                    const popup = layer.getPopup().getElement();
                    const tip = layer.getTooltip().getElement();
                    out.push({
                        text: popup.textContent,
                        tooltip: tip.textContent,
                        injected: popup.querySelectorAll("script, img, b, i, svg").length
                            + tip.querySelectorAll("*").length,
                    });
                    layer.closePopup();
                });
                return out;
            }"""
        )
        assert len(texts) == 4  # three places, one area
        assert all(t["injected"] == 0 for t in texts)
        joined = " ".join(t["text"] for t in texts)
        assert IMG_SENTENCE in joined and TEMPLATE_SENTENCE in joined
        assert "<b onmouseover=alert(1)>around</b>" in joined
        assert COUNT_TEXT in joined and "2024-03-05" in joined
        assert any(t["tooltip"].strip() == SCRIPT_NAME for t in texts)
        assert page.evaluate("() => window.__xss") is None
        assert page.locator(".geomap-title i").count() == 0
    assert report.requests == [] and report.errors() == []


@pytest.mark.browser
def test_empty_map_says_no_places(chromium, tmp_path):
    path, _ = _write(tmp_path, None, None, article=ARTICLE)
    with open_html(chromium, path) as (page, report):
        summary = map_summary(page)
        assert summary["leaflet"] and summary["places"] == 0 and summary["zoom"] == 2
        notice = page.locator(".geomap-notice")
        assert notice.is_visible() and notice.inner_text() == EMPTY_MESSAGE
    assert report.requests == [] and report.errors() == []


@pytest.mark.browser
def test_single_place_gets_its_kinds_zoom(chromium, tmp_path):
    path, _ = _write(tmp_path, _places().iloc[[0]], None)
    with open_html(chromium, path) as (page, report):
        summary = map_summary(page)
        assert summary["places"] == 1 and summary["zoom"] == STYLES["city"].zoom
        # In view, clear of the legend (the view is fitted beside it, not centred on it).
        marker = page.locator(".geomap-place").bounding_box()
        legend = page.locator(".geomap-legend").bounding_box()
        assert marker["x"] > 0 and marker["x"] + marker["width"] < legend["x"]
        assert 0 < marker["y"] < 800
        lat, lng = page.evaluate("() => Object.values(geomap.map.getCenter())")
        assert lat == pytest.approx(45.74846, abs=0.02) and lng == pytest.approx(4.84671, abs=0.1)
    assert report.requests == [] and report.errors() == []


@pytest.mark.browser
def test_osm_tiles_that_fail_give_way_to_the_offline_map(chromium, tmp_path):
    """Every tile request is aborted (open_html cuts the network): the map drops the
    tile layer, shows the offline map and says so."""
    path, _ = _write(tmp_path, _places(), _areas(), tiles="osm")
    with open_html(chromium, path) as (page, report):
        notice = page.locator(".geomap-fallback")
        notice.wait_for(timeout=10_000)
        assert "OpenStreetMap could not be loaded" in notice.inner_text()
        assert "offline base map" in notice.inner_text()
        summary = map_summary(page)
        assert summary["tiles"] == 0 and summary["places"] == 3
        assert page.locator(".leaflet-geomapBase-pane path").count() == 3  # the three boxes
        checked = page.locator(".leaflet-control-layers-base input:checked + span")
        assert "Country borders" in checked.inner_text()
        _share, overlaps = controls_coverage(page)
        assert overlaps == []  # the message finds a place of its own
        page.locator(".geomap-fallback-close").click()
        assert not notice.is_visible()
    assert report.requests
    assert all(u.startswith("https://tile.openstreetmap.org/") for u in report.requests)
    assert report.errors(ignore=lambda e: "Failed to load resource" in e) == []


@pytest.mark.browser
def test_default_borders_draw_the_world(chromium, tmp_path):
    path = write_map(render_map(None, None, title="Nothing"), tmp_path / "world.html")
    with open_html(chromium, path) as (page, report):
        assert page.locator(".leaflet-geomapBase-pane path").count() > 150
        assert map_summary(page)["paths"] > 200  # one per polygon part
    assert report.requests == [] and report.errors() == []


@pytest.mark.browser
def test_folium_default_marker_icon_works_offline(chromium, tmp_path):
    m = render_map(_places(), None, borders=_borders())
    folium.Marker([48.8566, 2.3522], tooltip="Paris").add_to(m)  # Leaflet's own icon
    path = write_map(m, tmp_path / "map.html")
    with open_html(chromium, path) as (page, report):
        assert map_summary(page)["markers"] == 4
        icons = page.locator("img.leaflet-marker-icon")
        assert icons.count() == 1
        assert icons.get_attribute("src").startswith("data:image/png;base64,")
        assert page.locator("img.leaflet-marker-shadow").get_attribute("src").startswith("data:")
        assert page.evaluate("() => document.querySelector('img.leaflet-marker-icon').complete")
    assert report.requests == [] and report.errors() == []
