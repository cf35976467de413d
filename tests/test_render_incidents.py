"""Incidents on the map: styles per type, honest precision, popups, side panel, filters,
time slider and controls; in Python, then in headless Chromium with the network cut."""

from __future__ import annotations

import base64
import json
import re
import zlib

import geopandas as gpd
import pandas as pd
import pytest
from browser import launch, map_summary, open_html, open_panel
from pyproj import Geod
from shapely.geometry import Point, box

from geomap.enrich import INCIDENT_COLUMNS
from geomap.errors import GeomapError
from geomap.event_types import EVENT_TYPES
from geomap.render import INCIDENT_STYLES, render_map, write_map
from geomap.render.basemaps import tile_provider
from geomap.render.incidents import NEAR_RADIUS_M, incident_data

EVIL_PLACE = 'Sylhet<script>window.__xss="place"</script>'
EVIL_SENTENCE = "Floodwater <img src=x onerror=\"window.__xss='img'\"> swept through Sylhet."


def _incident(**values) -> dict:
    row = dict.fromkeys(INCIDENT_COLUMNS)
    row.update(
        actors=[], mediators=[], qualifiers={}, counts=[], support=[],
        temporal_status="new", source_title="Monsoon floods hit Sylhet",
        source_url="https://news.example.org/sylhet", source_date="2024-06-22",
    )  # fmt: skip
    row.update(values)
    return row


def _incidents(*, place: str = "Sylhet", sentence: str | None = None) -> gpd.GeoDataFrame:
    """Five incidents, one of each way of being placed, over six days."""
    rows = [
        _incident(
            incident_id="i-flood",
            event_type="Natural disaster",
            sub_event_type="Flood",
            date_start="2024-06-18",
            date_end="2024-06-18",
            place=place,
            place_id="gn:1185099",
            geo_precision=1,
            fatalities=12,
            qualifiers={"fatalities": "at least"},
            evidence=sentence
            or f"At least 12 people drowned when the river burst its banks in {place} on Tuesday.",
        ),
        _incident(
            incident_id="i-protest",
            event_type="Protests",
            sub_event_type="Peaceful protest",
            date_start="2024-06-20",
            date_end="2024-06-20",
            place="Nairobi",
            place_id="gn:184745",
            geo_precision=2,
            evidence="Hundreds marched near Nairobi demanding flood relief.",
            source_title="Relief protests in Kenya",
            source_url="https://news.example.org/kenya",
            source_date="2024-06-21",
        ),
        _incident(
            incident_id="i-slide",
            event_type="Natural disaster",
            sub_event_type="Landslide",
            date_start="2024-06-21",
            date_end="2024-06-23",
            place="Sylhet Division",
            place_id="ne-admin1:BD-60",
            geo_precision=4,
            people_affected=3000,
            evidence="Landslides in the hills around Sylhet displaced about 3,000 people.",
        ),
        _incident(
            incident_id="i-history",
            event_type="Battles",
            sub_event_type="Armed clash",
            temporal_status="background",
            place="Sunamganj",
            place_id="gn:1185090",
            geo_precision=1,
            evidence="Sunamganj saw fierce fighting in 1971.",
        ),
        _incident(
            incident_id="i-nowhere",
            event_type="Evacuation",
            sub_event_type="Other evacuation",
            date_start="2024-06-23",
            date_end="2024-06-23",
            geo_precision=None,
            evidence="Thousands were evacuated, officials said.",
        ),
    ]
    geometry = [
        Point(91.8687, 24.8949),
        Point(36.8172, -1.2864),
        box(90.9, 23.9, 92.5, 25.2),
        Point(91.3953, 25.0658),
        None,
    ]
    frame = pd.DataFrame(rows, columns=INCIDENT_COLUMNS)
    for name in ("fatalities", "injured", "people_affected", "structures_affected",
                 "weapons_count", "date_precision", "geo_precision"):  # fmt: skip
        frame[name] = frame[name].astype("Int64")
    return gpd.GeoDataFrame(frame, geometry=geometry, crs=4326)


def _places() -> gpd.GeoDataFrame:
    """Sylhet hosts an incident; Dhaka is only named as context."""
    return gpd.GeoDataFrame(
        {
            "place_id": ["gn:1185099", "gn:1185241"],
            "name": ["Sylhet", "Dhaka"],
            "feature_type": ["city", "city"],
            "country_code": ["BD", "BD"],
            "country": ["Bangladesh", "Bangladesh"],
            "admin1": [None, None],
            "geonameid": pd.array([1185099, 1185241], dtype="Int64"),
            "lat": [24.8949, 23.7104],
            "lon": [91.8687, 90.4074],
            "mentions": [2, 1],
            "sentences": [["Floods in Sylhet."], ["Dhaka sent boats."]],
            "score": [0.9, 0.8],
            "geocoder": ["gazetteer", "gazetteer"],
            "counts": [[], []],
            "dates": [[], []],
        },
        geometry=[Point(91.8687, 24.8949), Point(90.4074, 23.7104)],
        crs=4326,
    )


def _borders() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"name": ["Bangladesh", "Kenya"]},
        geometry=[box(88, 20.5, 92.7, 26.6), box(33.9, -4.7, 41.9, 5)],
        crs=4326,
    )


def _areas() -> gpd.GeoDataFrame:
    """The flood's stated radius (a rough 2 km box is enough for drawing)."""
    return gpd.GeoDataFrame(
        {"area_id": ["gn:1185099:r2000"], "place_id": ["gn:1185099"], "place": ["Sylhet"],
         "radius_m": [2000.0], "evidence": ["Within 2 km of the river."],
         "incident_id": ["i-flood"]},
        geometry=[box(91.85, 24.877, 91.889, 24.913)], crs=4326,
    )  # fmt: skip


def _write(tmp_path, incidents=None, **kwargs):
    incidents = _incidents() if incidents is None else incidents
    m = render_map(_places(), _areas(), incidents=incidents, borders=_borders(), **kwargs)
    return write_map(m, tmp_path / "map.html")


def _column(column):
    """A column of the page's data: a list, or codes into its values (see ``coded``)."""
    if isinstance(column, dict):
        return [column["values"][code] for code in column["codes"]]
    return column


def _unpack(blob):
    """Data as the page's script unpacks it (``geomap.unpack``)."""
    if isinstance(blob, dict) and "packed" in blob:
        return json.loads(zlib.decompress(base64.b64decode(blob["packed"])))
    return blob


def _rows(data: dict) -> list[dict]:
    """incident_data's incidents come column by column, their quotes beside them."""
    columns = {name: _column(column) for name, column in _unpack(data["incidents"]).items()}
    columns["evidence"] = _unpack(data["evidence"])
    values = zip(*columns.values(), strict=True)
    return [dict(zip(columns, row, strict=True)) for row in values]


# ---------------------------------------------------------------- in Python


def test_every_event_type_has_its_own_colour_and_glyph():
    assert set(INCIDENT_STYLES) == set(EVENT_TYPES)
    colours = [s.colour for s in INCIDENT_STYLES.values()]
    glyphs = [s.glyph for s in INCIDENT_STYLES.values()]
    assert len(set(colours)) == len(colours) and len(set(glyphs)) == len(glyphs)


def test_incident_data_is_chronological_with_shapes_drawn_once():
    frame = _incidents()
    twin = frame.iloc[[2]].assign(incident_id="i-slide-2", date_start="2024-06-19")
    data = incident_data(pd.concat([frame, twin], ignore_index=True))
    rows = _rows(data)
    assert [r["id"] for r in rows] == [
        "i-flood", "i-slide-2", "i-protest", "i-slide", "i-nowhere", "i-history"
    ]  # fmt: skip
    assert len(data["shapes"]) == 1  # two incidents, one polygon
    by_id = {r["id"]: r for r in rows}
    assert by_id["i-slide"]["shape"] == by_id["i-slide-2"]["shape"] == 0
    assert by_id["i-flood"]["shape"] == -1
    assert (by_id["i-flood"]["lat"], by_id["i-flood"]["lon"]) == (24.8949, 91.8687)
    lat, lon = by_id["i-slide"]["lat"], by_id["i-slide"]["lon"]  # the region's marker: inside
    assert 23.9 <= lat <= 25.2 and 90.9 <= lon <= 92.5
    assert by_id["i-nowhere"]["lat"] is None and by_id["i-nowhere"]["lon"] is None
    assert by_id["i-history"]["bg"] == 1 and by_id["i-flood"]["bg"] == 0
    assert by_id["i-flood"]["counts"] == "at least 12 killed"
    assert by_id["i-slide"]["counts"] == "3,000 people affected"
    assert [t["label"] for t in data["types"]] == [
        "Battles", "Protests", "Natural disaster", "Evacuation"
    ]  # fmt: skip
    assert data["nearRadius"] == NEAR_RADIUS_M
    assert len(data["sources"]) == 2


def test_a_large_map_codes_repeats_and_packs_its_quotes():
    """A year of a war: repeated values become codes, the quotes are deflated, and
    both read back as the incidents were (what geomap.js does with them)."""
    base = _incidents()
    many = pd.concat([base] * 2000, ignore_index=True)
    many["incident_id"] = [f"i-{n}" for n in range(len(many))]
    many["evidence"] = [f"Report {n}: {'water rose over the embankment ' * 40}" for n in
                        range(len(many))]  # fmt: skip
    data = incident_data(many)
    assert isinstance(data["incidents"]["sub"], dict)  # five sub-event types, 10,000 rows
    assert isinstance(data["incidents"]["id"], list)  # every id its own
    assert set(data["evidence"]) == {"packed", "bytes"}
    rows = _rows(data)
    assert len(rows) == 10_000 and len({r["id"] for r in rows}) == 10_000
    flood = next(r for r in rows if r["id"] == "i-0")
    assert flood["sub"] == "Flood" and flood["evidence"].startswith("Report 0: water rose")
    assert len(json.dumps(data)) < data["evidence"]["bytes"]  # packed smaller than plain


def test_evidence_is_escaped_and_the_place_highlighted():
    data = incident_data(_incidents(place=EVIL_PLACE))
    flood = _rows(data)[0]
    assert "<script>" not in flood["evidence"] and "<script>" not in flood["place"]
    assert (
        "<mark>Sylhet&lt;script&gt;window.__xss=&quot;place&quot;&lt;/script&gt;</mark>"
        in (flood["evidence"])
    )
    data = incident_data(_incidents(sentence=EVIL_SENTENCE))
    assert _rows(data)[0]["evidence"] == (
        "Floodwater &lt;img src=x onerror=&quot;window.__xss=&#x27;img&#x27;&quot;&gt; "
        "swept through <mark>Sylhet</mark>."
    )
    # A place named otherwise in the sentence ("Sylhet Division") is found by a word.
    slide = next(r for r in _rows(data) if r["id"] == "i-slide")
    assert "hills around <mark>Sylhet</mark> displaced" in slide["evidence"]


def test_title_block_names_every_source_article(tmp_path):
    sources = [
        {"title": "Monsoon <b>floods</b>", "url": "https://a.example/1", "date": "2024-06-22"},
        {"title": "Relief protests", "url": "javascript:alert(1)", "date": None},
    ]
    page = _write(tmp_path, sources=sources).read_text(encoding="utf-8")
    assert "Monsoon \\u0026lt;b\\u0026gt;floods" in page and "<b>floods" not in page
    assert "javascript:alert" not in page
    assert "2 articles" in page  # no title given: the sources name the map
    # Without sources or article, the incidents' own sources are named.
    page = _write(tmp_path).read_text(encoding="utf-8")
    assert "Monsoon floods hit Sylhet" in page and "Relief protests in Kenya" in page


def test_base_maps_come_from_xyzservices_without_keys():
    assert tile_provider("satellite")[0].name == "Esri.WorldImagery"
    assert tile_provider("Esri.WorldStreetMap")[0].name == "Esri.WorldStreetMap"
    with pytest.raises(GeomapError, match="API key"):
        tile_provider("CartoDB.Positron")
    with pytest.raises(GeomapError, match="unknown base map 'nowhere'"):
        tile_provider("nowhere")


def test_incident_map_needs_no_cdn(tmp_path):
    page = _write(tmp_path).read_text(encoding="utf-8")
    sources = re.findall(r'<(?:script|link)[^>]* (?:src|href)="([^"]{0,40})', page)
    assert len(sources) >= 2  # Leaflet's script and stylesheet; incidents are clustered by ours
    assert "markercluster" not in page.lower()
    assert all(s.startswith(("data:text/javascript", "data:text/css")) for s in sources)
    assert not re.search(r"unpkg|jsdelivr|cdnjs|googleapis", page)


def test_places_with_no_incident_are_context(tmp_path):
    page = _write(tmp_path).read_text(encoding="utf-8")
    assert page.count("geomap-place-city geomap-place-context") == 1  # Dhaka, not Sylhet
    assert "Place named only as context" in page
    assert "Background (historic) incident" in page


# ---------------------------------------------------------------- in Chromium

_COUNT = """() => geomap.views[0].onMap()"""
_AREA_OPACITY = """() => {
    const out = [];
    geomap.views[0].areas.eachLayer(l => out.push(l.options.opacity));
    return out;
}"""
_VISIBLE = """() => geomap.views[0].visible.map(i => geomap.views[0].incidents[i].id)"""


@pytest.fixture(scope="module")
def chromium():
    with launch() as browser:
        yield browser


@pytest.mark.browser
def test_click_a_marker_and_read_its_popup(chromium, tmp_path):
    path = _write(tmp_path, _incidents(sentence=EVIL_SENTENCE))
    with open_html(chromium, path) as (page, report):
        assert map_summary(page)["maps"] == 1
        assert page.evaluate(_COUNT) == 3  # every new incident with a place (history is off)
        # The flood is a pin, the landslide a badge over its shaded province.
        page.evaluate("() => geomap.views[0].map.setView([24.9, 91.87], 12)")
        page.locator('.geomap-incident[data-incident="i-flood"]').click()
        popup = page.locator(".leaflet-popup-content")
        popup.wait_for()
        text = popup.inner_text()
        assert "Flood" in text and "2024-06-18" in text and "at least 12 killed" in text
        assert "exact place" in text
        assert "Floodwater <img src=x" in text  # shown as text, not as an element
        assert popup.locator("mark").inner_text() == "Sylhet"
        link = popup.locator("a")
        assert link.get_attribute("href") == "https://news.example.org/sylhet"
        assert link.get_attribute("rel") == "noopener noreferrer"
        assert popup.locator("img, script").count() == 0
        assert page.evaluate("() => window.__xss") is None
        shapes = page.evaluate(
            "() => geomap.views[0].shapesGroup.getLayers().map(l => l.feature.properties.kind)"
        )
        assert shapes == ["incident-area"]  # the landslide's province
        # The protest "near Nairobi" gets its uncertainty circle once it stands alone.
        page.evaluate("() => geomap.views[0].map.setView([-1.29, 36.82], 9, {animate: false})")
        radius = page.evaluate(
            "() => geomap.views[0].circlesGroup.getLayers()"
            ".filter(l => l.feature.properties.kind === 'incident-uncertainty')"
            ".map(l => l.getRadius())"
        )
        assert radius == [NEAR_RADIUS_M]
    assert report.requests == [] and report.errors() == []


@pytest.mark.browser
def test_a_packed_map_reads_the_same_as_a_plain_one(chromium, tmp_path, monkeypatch):
    """The page of a year of a war deflates its columns and quotes (over a megabyte of
    JSON each); here every blob is packed, and the page lists, filters and quotes
    exactly as the plain one does."""
    incidents = _incidents(sentence=EVIL_SENTENCE)
    plain = _write(tmp_path / "plain", incidents)
    monkeypatch.setattr("geomap.render.elements.PACK_MIN_BYTES", 0)
    packed = _write(tmp_path / "packed", incidents)
    blobs = json.loads(re.search(r'id="geomap-data">(.*?)</script>',
                                 packed.read_text(encoding="utf-8"), re.S).group(1))  # fmt: skip
    layer = next(v for k, v in blobs.items() if k.startswith("incident_layer"))
    assert set(layer["incidents"]) == set(layer["evidence"]) == {"packed", "bytes"}
    seen = []
    for path in (plain, packed):
        with open_html(chromium, path) as (page, report):
            open_panel(page)
            page.locator(".geomap-filter-type", has_text="Protests").locator("input").uncheck()
            page.wait_for_function("() => geomap.views[0].evidence !== null")
            page.evaluate("() => geomap.views[0].map.setView([24.9, 91.87], 12)")
            page.locator('.geomap-incident[data-incident="i-flood"]').click()
            popup = page.locator(".leaflet-popup-content blockquote")
            popup.wait_for()
            listed = page.locator(".geomap-list").inner_text()
            seen.append((page.evaluate(_COUNT), page.evaluate(_VISIBLE), listed,
                         popup.inner_text()))  # fmt: skip
            if path == packed:  # a popup opened before the quotes are in gets its quote
                page.evaluate("() => { geomap.map.closePopup(); geomap.views[0].evidence = null; }")
                page.locator('.geomap-incident[data-incident="i-flood"]').click()
                page.locator(".leaflet-popup-content .geomap-loading").wait_for()
                page.evaluate("() => geomap.views[0]._quotes()")
                page.locator(".leaflet-popup-content blockquote:not(.geomap-loading)").wait_for()
                assert popup.inner_text() == seen[-1][3]
            assert page.evaluate("() => window.__xss") is None
        assert report.requests == [] and report.errors() == []
    assert seen[0] == seen[1]
    assert seen[1][0] == 2 and "Floodwater <img src=x" in seen[1][3]


@pytest.mark.browser
def test_filters_change_the_markers_and_the_list(chromium, tmp_path):
    with open_html(chromium, _write(tmp_path)) as (page, report):
        count = page.locator(".geomap-count")
        # Background history is off until asked for.
        assert count.inner_text() == "4 of 5 incidents shown"
        open_panel(page)
        assert page.locator(".geomap-list li").count() == 4
        page.locator(".geomap-filter-type", has_text="Natural disaster").locator("input").uncheck()
        assert page.evaluate(_COUNT) == 1
        assert count.inner_text() == "2 of 5 incidents shown"
        # The flood's stated radius goes with it.
        assert page.evaluate(_AREA_OPACITY) == [0]
        assert sorted(page.evaluate(_VISIBLE)) == ["i-nowhere", "i-protest"]
        page.locator(".geomap-filter-background").check()
        assert sorted(page.evaluate(_VISIBLE)) == ["i-history", "i-nowhere", "i-protest"]
        page.locator(".geomap-filter-background").uncheck()
        page.locator(".geomap-filter-type", has_text="Natural disaster").locator("input").check()
        page.locator(".geomap-filter-from").fill("2024-06-21")
        assert page.locator(".geomap-filter-undated").count() == 0  # every new one is dated
        assert sorted(page.evaluate(_VISIBLE)) == ["i-nowhere", "i-slide"]
        assert page.evaluate(_COUNT) == 1
        assert page.evaluate(_AREA_OPACITY) == [0]  # the flood is before 2024-06-21
        # History is not on the news's timeline: the toggle shows it whatever the dates.
        page.locator(".geomap-filter-background").check()
        assert sorted(page.evaluate(_VISIBLE)) == ["i-history", "i-nowhere", "i-slide"]
        page.locator(".geomap-filter-from").fill("2024-06-18")
        assert page.evaluate(_AREA_OPACITY) == [1]
    assert report.requests == [] and report.errors() == []


@pytest.mark.browser
def test_time_slider_shows_incidents_up_to_a_day(chromium, tmp_path):
    with open_html(chromium, _write(tmp_path)) as (page, report):
        slider = page.locator(".geomap-slider")
        assert slider.get_attribute("max") == "5"  # 2024-06-18 to 2024-06-23
        slider.fill("0")
        assert page.evaluate(_VISIBLE) == ["i-flood"]
        assert page.locator(".geomap-timeline-label").inner_text() == (
            "2024-06-18 \u2192 2024-06-18: 1 incident"
        )
        assert page.locator(".geomap-filter-to").input_value() == "2024-06-18"
        slider.fill("3")
        assert sorted(page.evaluate(_VISIBLE)) == ["i-flood", "i-protest", "i-slide"]
        assert page.evaluate(_COUNT) == 3
    assert report.requests == [] and report.errors() == []


@pytest.mark.browser
def test_play_steps_through_the_days(chromium, tmp_path):
    with open_html(chromium, _write(tmp_path)) as (page, report):
        slider = page.locator(".geomap-slider")
        page.locator(".geomap-play").click()  # at the last day: starts again from the first
        assert slider.input_value() == "0"
        assert page.evaluate(_VISIBLE) == ["i-flood"]
        page.wait_for_function("() => document.querySelector('.geomap-slider').value === '5'")
        page.wait_for_function("() => geomap.views[0].playing === null")
        assert page.evaluate(_COUNT) == 3
    assert report.requests == [] and report.errors() == []


@pytest.mark.browser
def test_long_lists_are_cut_and_counted(chromium, tmp_path):
    many = pd.concat([_incidents().iloc[[0]]] * 350, ignore_index=True)
    many["incident_id"] = [f"i-{n}" for n in range(350)]
    with open_html(chromium, _write(tmp_path, many)) as (page, report):
        open_panel(page)
        assert page.locator(".geomap-list li").count() == 300
        assert page.locator(".geomap-side .geomap-more").inner_text() == (
            "and 50 more: filter to narrow the list"
        )
        assert page.evaluate(_COUNT) == 350
        # All in one place: one cluster, which fans out (60 at most) when clicked.
        page.locator(".geomap-cluster").click()
        page.wait_for_function("() => document.querySelectorAll('.geomap-incident').length === 60")
        assert "Showing 60 of the 350 incidents" in page.locator(".geomap-fallback").inner_text()
    assert report.requests == [] and report.errors() == []


@pytest.mark.browser
def test_list_click_flies_to_the_incident(chromium, tmp_path):
    with open_html(chromium, _write(tmp_path)) as (page, report):
        open_panel(page)
        page.locator(".geomap-list li", has_text="Peaceful protest").locator("button").click()
        popup = page.locator(".leaflet-popup-content")
        popup.wait_for(timeout=5000)
        assert "Hundreds marched near Nairobi" in popup.inner_text()
        assert "within about 25 km" in popup.inner_text()
        lat, lng = page.evaluate("() => Object.values(geomap.views[0].map.getCenter())")
        assert lat == pytest.approx(-1.2864, abs=0.2) and lng == pytest.approx(36.8172, abs=0.2)
        assert page.locator(".geomap-list li.geomap-selected").inner_text().count("Nairobi") == 1
        nowhere = page.locator(".geomap-list li", has_text="no location")
        assert nowhere.locator("button").is_disabled()
    assert report.requests == [] and report.errors() == []


@pytest.mark.browser
def test_no_time_slider_for_a_single_day(chromium, tmp_path):
    one_day = _incidents().iloc[[0, 1]].assign(date_start="2024-06-18", date_end="2024-06-18")
    with open_html(chromium, _write(tmp_path, one_day)) as (page, report):
        assert page.locator(".geomap-list li").count() == 2
        assert page.locator(".geomap-slider").count() == 0
    assert report.requests == [] and report.errors() == []


@pytest.mark.browser
def test_measure_minimap_and_fullscreen_controls(chromium, tmp_path):
    with open_html(chromium, _write(tmp_path)) as (page, report):
        page.locator(".geomap-measure").click()
        box = page.locator(".leaflet-container").first.bounding_box()
        a, b = (box["x"] + 500, box["y"] + 250), (box["x"] + 800, box["y"] + 360)
        page.mouse.click(*a)
        page.mouse.click(*b)
        label = page.locator(".geomap-measure-label").inner_text()
        ends = page.evaluate(
            """([a, b]) => [a, b].map(p => geomap.views[0].map.containerPointToLatLng(p))""",
            [[500, 250], [800, 360]],
        )
        _, _, metres = Geod(ellps="WGS84").inv(
            ends[0]["lng"], ends[0]["lat"], ends[1]["lng"], ends[1]["lat"]
        )
        shown = float(re.match(r"([\d.]+) km", label).group(1)) * 1000
        assert shown == pytest.approx(metres, rel=0.01)  # Leaflet's sphere vs the ellipsoid
        assert page.locator(".geomap-minimap canvas").count() == 1
        page.locator(".geomap-fullscreen").click()
        page.wait_for_function("() => document.fullscreenElement !== null")
        page.locator(".geomap-fullscreen").click()
        page.wait_for_function("() => document.fullscreenElement === null")
    assert report.requests == [] and report.errors() == []
