"""The map's layout in Chromium, network cut: how much of the map the controls cover at a
desktop and a phone size, that no two controls overlap at any size, the incident panel
as a drawer on a phone, folds remembered in the URL, labels, the offline map's detail
when zoomed in, the time slider's range, clean snapshots and symbols sized by a figure.

The map is a collection as a reader meets one: 40 articles with long titles, every
event type, two weeks of news plus history, places hosting incidents and places named
as context, a stated radius; drawn on the gazetteer's own offline map.
"""

from __future__ import annotations

import datetime as dt

import geopandas as gpd
import pandas as pd
import pytest
from browser import controls_coverage, launch, map_summary, open_html, open_panel
from shapely.geometry import Point

from geomap.enrich import INCIDENT_COLUMNS
from geomap.errors import GeomapError
from geomap.event_types import EVENT_TYPES
from geomap.render import render_map, write_map

TOWNS = {
    "Kharkiv": (49.9935, 36.2304), "Kyiv": (50.4501, 30.5234), "Odesa": (46.4825, 30.7233),
    "Dnipro": (48.4647, 35.0462), "Zaporizhzhia": (47.8388, 35.1396),
    "Kherson": (46.6354, 32.6169), "Sumy": (50.9077, 34.7981), "Pokrovsk": (48.2817, 37.1758),
    "Bakhmut": (48.5947, 37.9999), "Lviv": (49.8397, 24.0297),
}  # fmt: skip
CONTEXT = {"Warsaw": (52.2297, 21.0122), "Moscow": (55.7558, 37.6173)}
TYPES = list(EVENT_TYPES)
FIRST_DAY = dt.date(2024, 6, 1)
NEWS_DAYS = 14


def _sources() -> list[dict]:
    return [
        {"title": f"Day {n} of the war: strikes, counter-attacks and evacuations along the "
                  f"front line as officials report on the situation in the east ({n})",
         "url": f"https://news.example.org/war/{n}", "date": "2024-06-15"}
        for n in range(40)
    ]  # fmt: skip


def _incidents(n: int = 160, *, history_day: str = "2022-02-24") -> gpd.GeoDataFrame:
    names = list(TOWNS)
    rows, points = [], []
    for i in range(n):
        town = names[i % len(names)]
        background = i % 16 == 15
        day = None if background else (FIRST_DAY + dt.timedelta(days=i % NEWS_DAYS)).isoformat()
        if background and i == 15:
            day = history_day  # one recalled event with a date, years back
        row = dict.fromkeys(INCIDENT_COLUMNS)
        event = TYPES[i % len(TYPES)]
        row.update(
            incident_id=f"inc-{i}", event_type=event, sub_event_type=EVENT_TYPES[event][0],
            date_start=day, date_end=day, temporal_status="background" if background else "new",
            place=town, place_id=f"p-{town}", geo_precision=2 if i % 5 == 0 else 1,
            fatalities=(i * 7) % 150 if i % 3 else None, evidence=f"Fighting near {town}.",
            qualifiers={}, source_title=f"Day {i % 40} of the war",
            source_url=f"https://news.example.org/war/{i % 40}", source_date="2024-06-15",
        )  # fmt: skip
        rows.append(row)
        lat, lon = TOWNS[town]
        points.append(Point(lon + (i % 7) * 0.02, lat + (i % 5) * 0.02))
    frame = pd.DataFrame(rows, columns=INCIDENT_COLUMNS)
    frame["fatalities"] = frame["fatalities"].astype("Int64")
    frame["geo_precision"] = frame["geo_precision"].astype("Int64")
    return gpd.GeoDataFrame(frame, geometry=points, crs=4326)


def _places() -> gpd.GeoDataFrame:
    every = {**TOWNS, **CONTEXT}
    return gpd.GeoDataFrame(
        {
            "place_id": [f"p-{name}" for name in every],
            "name": list(every),
            "feature_type": ["city"] * len(every),
            "country_code": ["UA"] * len(TOWNS) + ["PL", "RU"],
            "country": ["Ukraine"] * len(TOWNS) + ["Poland", "Russia"],
            "admin1": [None] * len(every),
            "geonameid": pd.array([None] * len(every), dtype="Int64"),
            "lat": [v[0] for v in every.values()],
            "lon": [v[1] for v in every.values()],
            "mentions": [3] * len(every),
            "sentences": [[f"News from {name}."] for name in every],
            "score": [0.9] * len(every),
            "geocoder": ["gazetteer"] * len(every),
            "counts": [[] for _ in every],
            "dates": [[] for _ in every],
        },
        geometry=[Point(lon, lat) for lat, lon in every.values()],
        crs=4326,
    )


def _areas() -> gpd.GeoDataFrame:
    kharkiv = gpd.GeoSeries([Point(36.2304, 49.9935)], crs=4326).to_crs(3857)
    return gpd.GeoDataFrame(
        {"area_id": ["a-1"], "place_id": ["p-Kharkiv"], "place": ["Kharkiv"],
         "radius_m": [5000.0], "evidence": ["Within 5 km of the centre."],
         "incident_id": ["inc-0"]},
        geometry=kharkiv.buffer(5000).to_crs(4326).values, crs=4326,
    )  # fmt: skip


@pytest.fixture(scope="module")
def collection_map(tmp_path_factory):
    path = tmp_path_factory.mktemp("layout") / "war.html"
    m = render_map(_places(), _areas(), incidents=_incidents(), sources=_sources(),
                   title="A war, as 40 articles tell it", size_by="fatalities")  # fmt: skip
    return write_map(m, path)


@pytest.fixture(scope="module")
def osm_map(tmp_path_factory):
    """The same collection on OpenStreetMap's tiles (which the tests' network refuses)."""
    path = tmp_path_factory.mktemp("layout-osm") / "war.html"
    m = render_map(_places(), _areas(), incidents=_incidents(), sources=_sources(),
                   title="A war, as 40 articles tell it", tiles="osm")  # fmt: skip
    return write_map(m, path)


@pytest.fixture(scope="module")
def chromium():
    with launch() as browser:
        yield browser


# ---------------------------------------------------------------- in Python


def test_size_by_is_checked_and_drawn_in_the_legend():
    with pytest.raises(GeomapError, match="cannot size incidents by 'victims'"):
        render_map(_places(), None, incidents=_incidents(8), size_by="victims")


def test_the_page_stays_light(collection_map):
    """Detail for the region shown, not for the world: the page is under 2.5 MB."""
    assert collection_map.stat().st_size < 2_500_000


# ---------------------------------------------------------------- in Chromium


@pytest.mark.browser
def test_controls_cover_little_of_a_desktop_map(chromium, collection_map):
    with open_html(chromium, collection_map, size=(1280, 800)) as (page, report):
        share, overlaps = controls_coverage(page)
        print(f"1280x800, default state: controls cover {share:.1%} of the map")
        assert share <= 0.15
        assert overlaps == []
        # Everything open: more covered, still nothing on top of anything else.
        open_panel(page)
        page.locator(".geomap-title .geomap-fold").click()
        share_open, overlaps = controls_coverage(page)
        print(f"1280x800, panel and title open: {share_open:.1%}")
        assert overlaps == [] and share_open > share
        assert page.locator(".geomap-list li").count() > 100
    assert report.requests == [] and report.errors() == []


_REACHABLE = """() => {
    const box = geomap.map.getContainer().getBoundingClientRect();
    const icons = [...document.querySelectorAll('.geomap-cluster, .geomap-incident')];
    let shown = 0, reachable = 0;
    for (const icon of icons) {
        const r = icon.getBoundingClientRect();
        const x = (r.left + r.right) / 2, y = (r.top + r.bottom) / 2;
        if (x < box.left || x > box.right || y < box.top || y > box.bottom) continue;
        shown++;
        const hit = document.elementFromPoint(x, y);
        if (hit && icon.contains(hit)) reachable++;
    }
    return {shown, reachable};
}"""


@pytest.mark.browser
def test_the_panel_is_a_drawer_on_a_phone(chromium, collection_map):
    with open_html(chromium, collection_map, size=(390, 844)) as (page, report):
        share, overlaps = controls_coverage(page)
        print(f"390x844, drawer closed: controls cover {share:.1%} of the map")
        assert share <= 0.25 and overlaps == []
        assert not page.locator(".geomap-minimap").is_visible()
        assert page.locator(".geomap-legend").get_attribute("class").count("geomap-collapsed")
        # The opening view shows the incidents where a finger can reach them: most
        # clusters and pins are the top element at their centre, under no control.
        reachable = page.evaluate(_REACHABLE)
        assert reachable["shown"] > 0 and reachable["reachable"] >= 0.8 * reachable["shown"]
        drawer = page.locator(".geomap-drawer")
        assert not drawer.is_visible()
        page.locator(".geomap-side-toggle").click()
        assert drawer.is_visible()
        box = drawer.bounding_box()
        assert box["height"] >= 840 and box["width"] <= 390 * 0.9
        assert drawer.locator(".geomap-list li").count() > 100
        # Choosing an incident closes the drawer and shows it on the map.
        drawer.locator(".geomap-list li button").first.click()
        assert not drawer.is_visible()
        page.locator(".leaflet-popup-content").wait_for(timeout=5000)
        page.locator(".geomap-side-toggle").click()
        assert drawer.is_visible()
        page.locator(".geomap-drawer-close").click()
        assert not drawer.is_visible()
        assert "panel=0" in page.url
    assert report.requests == [] and report.errors() == []


@pytest.mark.browser
@pytest.mark.parametrize("size", [(1920, 1080), (1024, 600), (800, 500), (600, 900),
                                  (320, 568), (568, 320)])  # fmt: skip
def test_no_controls_overlap_at_any_size(chromium, collection_map, size):
    with open_html(chromium, collection_map, size=size) as (page, report):
        assert controls_coverage(page)[1] == []
        page.locator(".geomap-title .geomap-fold").click()  # the longest title block
        assert controls_coverage(page)[1] == []
        page.set_viewport_size({"width": size[1], "height": size[0]})  # turned over
        page.wait_for_timeout(100)
        assert controls_coverage(page)[1] == []
    assert report.errors() == []


@pytest.mark.browser
def test_folds_are_remembered_in_the_url(chromium, collection_map):
    with open_html(chromium, collection_map, size=(1280, 800)) as (page, report):
        legend = page.locator(".geomap-legend")
        assert "geomap-collapsed" not in legend.get_attribute("class")
        legend.locator(".geomap-fold").click()
        assert "geomap-collapsed" in legend.get_attribute("class")
        open_panel(page)
        fragment = page.url.split("#", 1)[1]
        assert set(fragment.split("&")) == {"legend=0", "panel=1"}
    with open_html(chromium, collection_map, size=(1280, 800), fragment=fragment) as (page, _):
        assert "geomap-collapsed" in page.locator(".geomap-legend").get_attribute("class")
        assert page.locator(".geomap-side-toggle").get_attribute("aria-expanded") == "true"
        assert page.locator(".geomap-list").is_visible()
    assert report.errors() == []


def _labels_overlap(page) -> bool:
    return page.evaluate(
        """() => {
            const boxes = [...document.querySelectorAll('.geomap-label')]
                .map(n => n.firstChild ? n.getBoundingClientRect() : null).filter(Boolean);
            return boxes.some((a, i) => boxes.slice(i + 1).some(b =>
                a.left < b.right - 1 && b.left < a.right - 1 &&
                a.top < b.bottom - 1 && b.top < a.bottom - 1));
        }"""
    )


@pytest.mark.browser
def test_places_and_towns_are_labelled_and_detail_appears_zoomed_in(chromium, collection_map):
    with open_html(chromium, collection_map, size=(1280, 800)) as (page, report):
        places = page.locator(".geomap-label-place").all_inner_texts()
        assert {"Kharkiv", "Kyiv", "Odesa"} <= set(places)
        assert "Warsaw" not in places and "Moscow" not in places  # context: no label
        assert not _labels_overlap(page)
        base = ".leaflet-geomapBase-pane path"
        admin1 = f'{base}[stroke-dasharray="4 3"]'
        page.evaluate("() => { geomap.map.setView([49, 32], 3, {animate: false}); }")
        assert page.locator(admin1).count() == 0  # too far out for admin-1 borders
        # Zoomed in on Kharkiv: admin-1 borders, rivers and towns of the gazetteer,
        # only those around the view.
        page.evaluate("() => { geomap.map.setView([49.99, 36.23], 9, {animate: false}); }")
        page.wait_for_timeout(100)
        dashed = page.locator(admin1).count()
        rivers = page.locator(f'{base}[stroke="#8fb8d6"]').count()
        assert 0 < dashed < 40 and rivers > 0
        towns = page.locator(".geomap-label-town").all_inner_texts()
        # GeoNames towns around Kharkiv, the places' own labels not said twice.
        assert len(towns) >= 5 and not set(towns) & {"Kharkiv", "Sumy"}
        assert map_summary(page)["labels"] == len(towns) + page.locator(
            ".geomap-label-place").count()
        assert not _labels_overlap(page)
    assert report.requests == [] and report.errors() == []


@pytest.mark.browser
def test_incidents_are_drawn_above_places(chromium, collection_map):
    with open_html(chromium, collection_map, size=(1280, 800)) as (page, report):
        z = page.evaluate(
            """() => ['markerPane', 'geomapIncidents', 'geomapLabels']
                .map(p => +getComputedStyle(geomap.map.getPane(p)).zIndex)"""
        )
        assert z[1] > z[0]  # incidents over places
        assert z[1] > z[2]  # and over labels
        page.evaluate("() => { geomap.map.setView([49.99, 36.23], 15, {animate: false}); }")
        page.wait_for_timeout(100)
        # At Kharkiv's own point the top element is an incident, not the place's pin.
        top = page.evaluate(
            """() => { const p = geomap.map.latLngToContainerPoint([49.9935, 36.2304]);
                const box = geomap.map.getContainer().getBoundingClientRect();
                const hit = document.elementFromPoint(box.left + p.x, box.top + p.y - 12);
                return hit && hit.closest('.leaflet-marker-icon').className; }"""
        )
        assert "geomap-incident" in top or "geomap-cluster" in top
    assert report.errors() == []


@pytest.mark.browser
def test_the_time_slider_spans_the_news_not_history(chromium, collection_map):
    with open_html(chromium, collection_map, size=(1280, 800)) as (page, report):
        slider = page.locator(".geomap-slider")
        assert slider.get_attribute("max") == str(NEWS_DAYS - 1)  # not back to 2022
        view = "geomap.views[0]"
        history = page.evaluate(f"() => {view}.incidents.filter(i => i.bg).length")
        assert history == 10
        shown = page.evaluate(f"() => {view}.visible.length")
        assert shown == 150  # the news only
        open_panel(page)
        page.locator(".geomap-filter-background").check()
        assert page.evaluate(f"() => {view}.visible.length") == 160
        assert slider.get_attribute("max") == str(NEWS_DAYS - 1)
        slider.fill("0")  # the first day, with history still shown beside it
        first_day = page.evaluate(
            f"() => {view}.visible.filter(i => !{view}.incidents[i].bg).length"
        )
        assert first_day == len([i for i in range(160) if i % 16 != 15 and i % NEWS_DAYS == 0])
        assert page.evaluate(f"() => {view}.visible.length") == first_day + 10
    assert report.errors() == []


@pytest.mark.browser
def test_symbols_are_sized_by_fatalities(chromium, collection_map):
    with open_html(chromium, collection_map, size=(1280, 800)) as (page, report):
        assert "Size: killed" in page.locator(".geomap-legend").inner_text()
        sizes = page.evaluate(
            """() => { const view = geomap.views[0];
                const pick = f => view.incidents.find(i => (i.size || 0) === f && !i.bg);
                return [pick(0), pick(140)].map(inc => view.icon(inc).options.iconSize[1]); }"""
        )
        assert sizes[0] == 38 and sizes[1] > 60  # a plain pin, one for 140 killed
    assert report.errors() == []


@pytest.mark.browser
def test_clean_mode_leaves_only_the_map_title_legend_and_scale(chromium, collection_map):
    with open_html(chromium, collection_map, size=(1280, 800), fragment="clean") as (page, _):
        for hidden in (".leaflet-control-zoom", ".geomap-tools", ".leaflet-control-layers",
                       ".geomap-minimap", ".geomap-side", ".geomap-timeline"):  # fmt: skip
            assert not page.locator(hidden).is_visible(), hidden
        for shown in (".geomap-title", ".geomap-legend", ".leaflet-control-scale"):
            assert page.locator(shown).is_visible(), shown
        share, overlaps = controls_coverage(page)
        assert overlaps == [] and share < 0.15


@pytest.mark.browser
@pytest.mark.parametrize("size", [(1280, 800), (390, 844)])
def test_failed_tiles_fall_back_to_the_offline_map_with_its_detail(chromium, osm_map, size):
    """No tile loads: the map says so in a message clear of the other controls, shows
    the offline map instead, and that map has admin-1 borders, lakes, rivers and
    towns once zoomed in (around Kyiv and its reservoir)."""
    with open_html(chromium, osm_map, size=size) as (page, report):
        notice = page.locator(".geomap-fallback")
        notice.wait_for(timeout=10_000)
        assert "OpenStreetMap could not be loaded" in notice.inner_text()
        assert "offline base map" in notice.inner_text()
        share, overlaps = controls_coverage(page)
        print(f"{size[0]}x{size[1]}, fallback message shown: controls cover {share:.1%}")
        assert overlaps == []
        assert map_summary(page)["tiles"] == 0
        page.evaluate("() => { geomap.map.setView([50.6, 30.5], 8, {animate: false}); }")
        page.wait_for_timeout(100)
        base = ".leaflet-geomapBase-pane path"
        assert page.locator(f'{base}[stroke-dasharray="4 3"]').count() > 0  # admin-1
        assert page.locator(f'{base}[fill="#cfe2ef"]').count() > 0  # lakes
        assert page.locator(f'{base}[stroke="#8fb8d6"][fill="none"]').count() > 0  # rivers
        assert page.locator(".geomap-label-town").count() >= 3
        page.locator(".geomap-fallback-close").click()
        assert not notice.is_visible()
        assert controls_coverage(page)[0] <= (0.15 if size[0] > 600 else 0.25)
    assert report.requests
    assert all(u.startswith("https://tile.openstreetmap.org/") for u in report.requests)
    assert report.errors(ignore=lambda e: "Failed to load resource" in e) == []
