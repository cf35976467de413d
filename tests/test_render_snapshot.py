"""PNG snapshots of maps in headless Chromium, from the library and ``geomap map --png``."""

from __future__ import annotations

import struct
import zlib

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


def _rows(png: bytes, first: int, last: int) -> bytes:
    """The encoded scanlines ``first`` to ``last`` (filter byte and pixels): the same
    picture in those rows encodes the same, a different one differently."""
    width, _ = _size(png)
    depth, colour = png[24], png[25]
    channels = {2: 3, 6: 4}[colour]
    assert depth == 8
    data, at = b"", 8
    while at < len(png):
        length, kind = struct.unpack(">I4s", png[at : at + 8])
        if kind == b"IDAT":
            data += png[at + 8 : at + 8 + length]
        at += 12 + length
    stride = 1 + width * channels
    return zlib.decompress(data)[first * stride : last * stride]


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


@pytest.mark.browser
def test_map_command_writes_a_clean_png(tmp_path, monkeypatch, needs_chromium):
    """--clean leaves the controls out: the rows of the zoom and tool buttons differ
    from the full snapshot's (the layout test checks, in the browser, what #clean
    hides), and the command says which files it wrote."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ferry.txt").write_text(ARTICLE, encoding="utf-8")
    full = CliRunner().invoke(cli, ["map", "ferry.txt", "--png", "full.png"])
    clean = CliRunner().invoke(cli, ["map", "ferry.txt", "--png", "clean.png", "--clean",
                                     "--size-by", "fatalities"])  # fmt: skip
    assert full.exit_code == 0 and clean.exit_code == 0, full.output + clean.output
    assert "clean.png" in clean.output
    full_png = (tmp_path / "full.png").read_bytes()
    clean_png = (tmp_path / "clean.png").read_bytes()
    assert _size(clean_png) == (1200, 800)
    assert _rows(full_png, 15, 140) != _rows(clean_png, 15, 140)  # zoom and tool buttons


def test_clean_needs_png_and_size_by_a_known_figure(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(cli, ["map", "a.txt", "--clean"])
    assert result.exit_code == 2 and "--clean is for the snapshot" in result.output
    result = CliRunner().invoke(cli, ["map", "a.txt", "--size-by", "victims"])
    assert result.exit_code == 2 and "victims" in result.output
    result = CliRunner().invoke(cli, ["build", "news", "--clean"])
    assert result.exit_code == 2 and "--clean is for the snapshot" in result.output
    assert not (tmp_path / "maps").exists()


@pytest.mark.browser
def test_build_writes_a_png_of_the_collection(tmp_path, monkeypatch, needs_chromium):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ferry.txt").write_text(ARTICLE, encoding="utf-8")
    added = CliRunner().invoke(cli, ["add", "coast", "ferry.txt"])
    assert added.exit_code == 0, added.output
    # A PNG path that cannot be written stops the build before any work.
    (tmp_path / "taken").mkdir()
    refused = CliRunner().invoke(cli, ["build", "coast", "--png", "taken"])
    assert refused.exit_code == 1 and "taken" in refused.output
    assert not (tmp_path / "maps" / "coast.html").exists()
    result = CliRunner().invoke(cli, ["build", "coast", "--png", "coast.png", "--clean"])
    assert result.exit_code == 0, result.output
    assert _size((tmp_path / "coast.png").read_bytes()) == (1200, 800)
    assert "coast.png" in result.output and (tmp_path / "maps" / "coast.html").is_file()


def test_png_and_tiles_options_are_checked_before_any_work(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(cli, ["map", "a.txt", "a.txt", "--png", "x.png"])
    assert result.exit_code == 2
    result = CliRunner().invoke(cli, ["map", "a.txt", "--tiles", "CartoDB.DarkMatter"])
    assert result.exit_code == 1 and "API key" in result.output
    assert not (tmp_path / "maps").exists()
