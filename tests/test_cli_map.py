"""``geomap map`` end to end: real files in, real HTML and GeoJSON out, errors as one line."""

from __future__ import annotations

import json
import math
import shutil
import subprocess
from pathlib import Path

import pytest
import shapely
from click.testing import CliRunner
from pyproj import Geod

from geomap.cli.main import cli

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_69c49434f5c8b06b.txt"

LEAK = """Chemical leak forces evacuation in Kawasaki

Firefighters in Kawasaki, in Japan's Kanagawa Prefecture, evacuated about 1,200 residents
living within a 2-kilometre radius of a refinery on Tuesday after a toxic gas leak, city
officials said. Trains between Yokohama and Tokyo were briefly halted. Three workers were
taken to hospital.
"""

WEATHER = "It rained on Monday and then the sun came out on Tuesday afternoon.\n"


def _km2(polygon: dict) -> float:
    area, _ = Geod(ellps="WGS84").geometry_area_perimeter(shapely.geometry.shape(polygon))
    return abs(area) / 1e6


def _distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    return Geod(ellps="WGS84").inv(lon1, lat1, lon2, lat2)[2] / 1000


@pytest.fixture
def workdir(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def _places(geojson: dict) -> dict[tuple[str, str], dict]:
    """Place properties by (name, feature type): a city and its province may share a name."""
    return {
        (f["properties"]["name"], f["properties"]["feature_type"]): f["properties"]
        for f in geojson["features"]
        if f["properties"]["kind"] == "place"
    }


def test_map_writes_html_and_geojson_under_the_default_folders(workdir) -> None:
    article = workdir / "kawasaki_leak.txt"
    article.write_text(LEAK, encoding="utf-8")
    result = _run("map", str(article))
    assert result.exit_code == 0, result.output
    html = workdir / "maps" / "kawasaki_leak.html"
    geojson = json.loads((workdir / "data" / "kawasaki_leak.geojson").read_text())
    assert html.stat().st_size > 0
    places = _places(geojson)
    kawasaki = places["Kawasaki", "city"]
    assert kawasaki["country_code"] == "JP"
    assert _distance_km(kawasaki["lat"], kawasaki["lon"], 35.52, 139.70) < 15
    assert {("Japan", "country"), ("Yokohama", "city"), ("Tokyo", "city")} <= set(places)
    assert any(ftype == "admin1" and "Kanagawa" in name for name, ftype in places)
    areas = [f for f in geojson["features"] if f["properties"]["kind"] == "area"]
    assert len(areas) == 1
    assert areas[0]["properties"]["radius_m"] == 2000
    assert areas[0]["properties"]["place"] == "Kawasaki"
    assert _km2(areas[0]["geometry"]) == pytest.approx(math.pi * 4, rel=0.01)
    incidents = [f for f in geojson["features"] if f["properties"]["kind"] == "incident"]
    assert [(i["properties"]["place"], i["properties"]["people_affected"]) for i in incidents] == [
        ("Kawasaki", 1200)
    ]
    assert areas[0]["properties"]["incident_id"] == incidents[0]["id"]
    assert "1 incident" in result.output


def test_seed_article_maps_its_places_and_the_evacuation_radius(workdir) -> None:
    shutil.copy(SEED, workdir / SEED.name)
    result = _run("map", SEED.name)
    assert result.exit_code == 0, result.output
    geojson = json.loads((workdir / "data" / f"{SEED.stem}.geojson").read_text())
    assert (workdir / "maps" / f"{SEED.stem}.html").exists()
    places = _places(geojson)
    expected = {  # name -> (feature type, country, lat, lon, tolerance km)
        "Russia": ("country", "RU", None, None, None),
        "Ukraine": ("country", "UA", None, None, None),
        "United Arab Emirates": ("country", "AE", None, None, None),
        "Kyiv": ("city", "UA", 50.45, 30.52, 25),
        "Moscow": ("city", "RU", 55.75, 37.62, 25),
        "Mariupol": ("city", "UA", 47.10, 37.55, 25),
        "Belgorod": ("city", "RU", 50.60, 36.59, 25),
        "Snake Island": ("island", "UA", 45.25, 30.20, 5),
    }
    for name, (ftype, cc, lat, lon, tol) in expected.items():
        place = places.get((name, ftype))
        assert place is not None, f"{name} ({ftype}) missing from {sorted(places)}"
        assert place["country_code"] == cc
        if lat is not None:
            assert _distance_km(place["lat"], place["lon"], lat, lon) < tol
    regions = [p for p in places.values() if p["feature_type"] == "admin1"]
    assert [(p["country_code"], "Belgorod" in p["name"]) for p in regions] == [("RU", True)]
    assert _distance_km(regions[0]["lat"], regions[0]["lon"], 50.7, 37.4) < 100
    assert len(places) == len(expected) + 1, f"unexpected places: {sorted(places)}"
    areas = [f for f in geojson["features"] if f["properties"]["kind"] == "area"]
    assert [(a["properties"]["place"], a["properties"]["radius_m"]) for a in areas] == [
        ("Belgorod", 500)
    ]
    assert _km2(areas[0]["geometry"]) == pytest.approx(0.785, rel=0.01)


def test_article_with_no_places_gives_an_empty_map_that_says_so(workdir) -> None:
    (workdir / "weather.txt").write_text(WEATHER, encoding="utf-8")
    result = _run("map", "weather.txt")
    assert result.exit_code == 0, result.output
    assert "no places found" in result.output
    geojson = json.loads((workdir / "data" / "weather.geojson").read_text())
    assert geojson["features"] == []
    assert "No places found" in (workdir / "maps" / "weather.html").read_text()


@pytest.mark.parametrize("year", ["0001", "9999"])
def test_dates_at_the_ends_of_the_calendar_are_no_publication_date(workdir, year) -> None:
    """Date arithmetic near year 1 or 9999 overflows (dateparser's too): such a date in
    the text or the page's metadata is not taken as the publication date."""
    text = (f"Published 1 January {year}\n\nMissiles struck Kharkiv on Monday, 1 January "
            f"{year}, and on Tuesday, killing 3 people, officials said.\n")  # fmt: skip
    (workdir / "old.txt").write_text(text, encoding="utf-8")
    meta = f'<meta property="article:published_time" content="{year}-12-31">'
    page = (f"<html><head>{meta}<title>Strike</title></head>"
            f"<body><article><p>{text}</p></article></body></html>")  # fmt: skip
    (workdir / "old.html").write_text(page, encoding="utf-8")
    for name in ("old.txt", "old.html"):
        result = CliRunner().invoke(cli, ["map", name])
        assert result.exit_code == 0, result.output
        geojson = json.loads((workdir / "data" / f"{Path(name).stem}.geojson").read_text())
        incidents = [f["properties"] for f in geojson["features"]
                     if f["properties"]["kind"] == "incident"]  # fmt: skip
        assert incidents and all(i["date_start"] is None for i in incidents)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        (b"", "empty"),
        (b"\x00\x01\x02binary\x00", "binary"),
        ("Séisme près de Nîmes".encode("latin-1"), "not UTF-8"),
    ],
)
def test_bad_input_is_one_line_on_stderr_exit_1_and_no_output(workdir, content, message) -> None:
    path = workdir / "bad.txt"
    if content is not None:
        path.write_bytes(content)
    result = CliRunner().invoke(cli, ["map", "bad.txt"])
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0] and lines[0].startswith("geomap: ")
    assert not (workdir / "maps").exists() and not (workdir / "data").exists()


def test_one_bad_file_among_several_stops_before_anything_is_written(workdir) -> None:
    (workdir / "good.txt").write_text(LEAK, encoding="utf-8")
    result = CliRunner().invoke(cli, ["map", "good.txt", "missing.txt"])
    assert result.exit_code == 1
    assert not (workdir / "maps").exists()


def test_geojson_option_takes_one_article_only(workdir) -> None:
    (workdir / "a.txt").write_text(LEAK, encoding="utf-8")
    result = CliRunner().invoke(cli, ["map", "a.txt", "a.txt", "--geojson", "x.geojson"])
    assert result.exit_code == 2


def test_every_command_has_help() -> None:
    for command in ("map", "geocode", "geoparse"):
        result = _run(command, "--help")
        assert result.exit_code == 0 and "Usage:" in result.output


@pytest.mark.browser
def test_seed_map_opens_offline_with_a_marker_per_place_and_the_radius(workdir) -> None:
    from browser import launch, map_summary, open_html

    shutil.copy(SEED, workdir / SEED.name)
    assert _run("map", SEED.name).exit_code == 0
    geojson = json.loads((workdir / "data" / f"{SEED.stem}.geojson").read_text())
    n_places = sum(f["properties"]["kind"] == "place" for f in geojson["features"])
    with launch() as browser, open_html(browser, workdir / "maps" / f"{SEED.stem}.html") as (
        page,
        report,
    ):
        summary = map_summary(page)
        assert summary["leaflet"] and summary["maps"] == 1
        assert summary["places"] == n_places
        assert summary["areas"] == 1
        assert report.requests == []
        assert report.errors() == []


def test_console_script_reports_bad_input_without_a_traceback(tmp_path) -> None:
    geomap = shutil.which("geomap")
    if geomap is None:
        pytest.skip("the geomap console script is not installed")
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00\x00")
    for args in (["map", "missing.txt"], ["map", "bad.txt"]):
        done = subprocess.run([geomap, *args], cwd=tmp_path, capture_output=True, text=True)
        assert done.returncode == 1
        assert len(done.stderr.strip().splitlines()) == 1
        assert "Traceback" not in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.txt"]
