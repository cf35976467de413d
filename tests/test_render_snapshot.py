"""PNG snapshots of maps in headless Chromium, from the library and ``geomap map --png``."""

from __future__ import annotations

import struct

import geopandas as gpd
import pytest
from browser import chromium_path
from click.testing import CliRunner
from shapely.geometry import Point, box

from geomap.cli.main import cli
from geomap.errors import GeomapError
from geomap.render import render_map, write_map
from geomap.render.snapshot import _with_flag, snapshot_png

ARTICLE = """Ferry capsizes off Zanzibar

A ferry carrying 80 passengers capsized near Stone Town, Zanzibar, on 3 May 2024,
and at least 9 people drowned, the Tanzanian coast guard said.
"""


def _size(png: bytes) -> tuple[int, int]:
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", png[16:24])


@pytest.fixture
def needs_chromium():
    if chromium_path() is None:
        pytest.skip("no Chromium found")


def _map(tmp_path):
    places = gpd.GeoDataFrame(
        {"place_id": ["p1"], "name": ["Stone Town"], "feature_type": ["city"],
         "lat": [-6.1622], "lon": [39.1921], "mentions": [1], "sentences": [["Stone Town."]]},
        geometry=[Point(39.1921, -6.1622)], crs=4326,
    )  # fmt: skip
    borders = gpd.GeoDataFrame({"name": ["Tanzania"]}, geometry=[box(29, -12, 40.5, -1)], crs=4326)
    return write_map(render_map(places, None, borders=borders), tmp_path / "map.html")


@pytest.mark.browser
def test_snapshot_is_a_png_of_the_asked_size(tmp_path, needs_chromium):
    out = snapshot_png(_map(tmp_path), tmp_path / "shot.png", width=800, height=500)
    assert _size(out.read_bytes()) == (800, 500)


@pytest.mark.browser
def test_chromium_screenshot_flag_works_without_playwright(tmp_path, needs_chromium):
    png = _with_flag(chromium_path(), _map(tmp_path).as_uri(), 640, 400)
    assert _size(png)[0] == 640


def test_missing_chromium_is_one_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv("GEOMAP_CHROMIUM", str(tmp_path / "no-chromium"))
    with pytest.raises(GeomapError, match="needs Chromium"):
        snapshot_png(tmp_path / "map.html", tmp_path / "shot.png")
    assert not (tmp_path / "shot.png").exists()


@pytest.mark.browser
def test_map_command_writes_a_png(tmp_path, monkeypatch, needs_chromium):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ferry.txt").write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(cli, ["map", "ferry.txt", "--png", "ferry.png"])
    assert result.exit_code == 0, result.output
    assert _size((tmp_path / "ferry.png").read_bytes()) == (1200, 800)
    assert "ferry.png" in result.output


def test_png_and_tiles_options_are_checked_before_any_work(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(cli, ["map", "a.txt", "a.txt", "--png", "x.png"])
    assert result.exit_code == 2
    result = CliRunner().invoke(cli, ["map", "a.txt", "--tiles", "CartoDB.DarkMatter"])
    assert result.exit_code == 1 and "API key" in result.output
    assert not (tmp_path / "maps").exists()
