"""The seed article's map, made by ``geomap map``, used in Chromium with the network cut:
click a marker, filter, move the time slider.  Expectations come from the GeoJSON the
same run wrote, not from knowing the seed."""

from __future__ import annotations

import html
import json
import shutil
from pathlib import Path

import pytest
from browser import controls_coverage, launch, map_summary, open_html, open_panel
from click.testing import CliRunner

from geomap.cli.main import cli

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_69c49434f5c8b06b.txt"

_COUNT = "() => geomap.views[0].onMap()"


@pytest.fixture(scope="module")
def seed_map(tmp_path_factory) -> tuple[Path, list[dict]]:
    work = tmp_path_factory.mktemp("seed")
    shutil.copy(SEED, work / SEED.name)
    result = CliRunner().invoke(
        cli,
        ["map", str(work / SEED.name), "--out-dir", str(work / "maps"),
         "--geojson", str(work / "seed.geojson")],
        catch_exceptions=False,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    collection = json.loads((work / "seed.geojson").read_text(encoding="utf-8"))
    incidents = [f for f in collection["features"] if f["properties"]["kind"] == "incident"]
    assert incidents, "the seed reports incidents"
    return work / "maps" / f"{SEED.stem}.html", incidents


@pytest.mark.browser
def test_seed_map_click_filter_and_slide(seed_map):
    path, every = seed_map
    # Background history is off until asked for: the map opens on the news.
    incidents = [f for f in every if f["properties"]["temporal_status"] != "background"]
    located = [f for f in incidents if f["geometry"] is not None]
    with launch() as browser, open_html(browser, path) as (page, report):
        assert map_summary(page)["maps"] == 1
        assert page.evaluate(_COUNT) == len(located)
        assert page.locator(".geomap-list li").count() == len(incidents)
        # The places incidents happen at are labelled.
        labels = page.locator(".geomap-label-place").all_inner_texts()
        assert labels and all(label.strip() for label in labels)

        # Click a marker (brought out of its cluster first) and read its popup.
        target = next(f for f in located if f["geometry"]["type"] == "Point")
        page.evaluate(
            """id => new Promise(done => {
                const view = geomap.views[0];
                const index = view.incidents.findIndex(inc => inc.id === id);
                view.reveal(index, () => setTimeout(done, 300));
            })""",
            target["id"],
        )
        page.locator(f'.geomap-incident[data-incident="{target["id"]}"]').click()
        popup = page.locator(".leaflet-popup-content")
        popup.wait_for()
        text = popup.inner_text()
        assert target["properties"]["sub_event_type"] in text
        assert target["properties"]["evidence"][:60] in text
        assert target["properties"]["place"] in popup.locator("mark").inner_text()

        # Filter out one type: its markers leave the map and the list.
        page.keyboard.press("Escape")
        open_panel(page)
        first = page.locator(".geomap-filter-type").first
        label = html.unescape(page.evaluate("() => geomap.views[0].data.types[0].label"))
        assert label in first.inner_text()
        of_type = [f for f in located if f["properties"]["event_type"] == label]
        first.locator("input").uncheck()
        assert page.evaluate(_COUNT) == len(located) - len(of_type)
        shown = len(incidents) - sum(f["properties"]["event_type"] == label for f in incidents)
        assert page.locator(".geomap-count").inner_text() == (
            f"{shown} of {len(every)} incident{'s' * (len(every) != 1)} shown"
        )
        first.locator("input").check()

        # Slide back to the first day: only what started by then (or is undated) stays.
        dates = sorted(f["properties"]["date_start"] for f in incidents
                       if f["properties"]["date_start"])  # fmt: skip
        if dates and dates[0] != max(f["properties"]["date_end"] or dates[0] for f in incidents):
            page.locator(".geomap-slider").fill("0")
            expected = [f for f in located if (f["properties"]["date_start"] or "") <= dates[0]]
            assert page.evaluate(_COUNT) == len(expected) < len(located)
    assert report.requests == []
    assert report.errors() == []


@pytest.mark.browser
@pytest.mark.parametrize(("size", "most"), [((1280, 800), 0.15), ((390, 844), 0.25)])
def test_seed_map_controls_leave_the_map_visible(seed_map, size, most):
    """The controls' rectangles, united, cover at most 15% of a desktop map and 25% of a
    phone's (drawer closed), and none overlaps another."""
    path, _ = seed_map
    with launch() as browser, open_html(browser, path, size=size) as (page, report):
        share, overlaps = controls_coverage(page)
        print(f"seed map at {size[0]}x{size[1]}: controls cover {share:.1%}")
        assert share <= most and overlaps == []
    assert report.errors() == []
