"""Collections: articles from text, a web page and a feed, merged, rebuilt and exported.

The tests that do not look inside the GeoPackage file itself run against both stores
(``store``: a GeoPackage file, and a real PostGIS server).
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
import sqlite3
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import TYPE_CHECKING

import geopandas as gpd
import pyogrio
import pytest
from click.testing import CliRunner
from test_sources import LANDSLIDE_BODY, QUAKE, page, rss, serve

from geomap.cli.main import cli
from geomap.collection.exports import INCIDENT_CSV_COLUMNS

if TYPE_CHECKING:
    from store_fixtures import StoreUnderTest

pytest_plugins = ["store_fixtures"]

POKHARA = (
    "Earthquake shakes Pokhara\n\n"
    "A magnitude 6.1 earthquake struck Pokhara, Nepal on March 3, 2024, damaging about 40 "
    "homes. The regional emergency office said schools would stay closed.\n"
)
POKHARA_FOLLOW_UP = (
    "Pokhara counts the damage\n\n"
    "Officials said on March 4, 2024 that the earthquake that struck Pokhara, Nepal on "
    "March 3, 2024 damaged more than 55 homes. Schools in Kathmandu stayed open.\n"
)
FLOOD = (
    "Floods forced about 600 residents from their homes in Porto Alegre, Brazil on May 6, "
    "2024. Rescuers in Rio Grande do Sul said the Guaiba river was still rising, and "
    "shelters in the city's schools were full. Volunteers brought boats from the coast to "
    "carry families to dry ground, and the state government asked the army for help with "
    "water and food. Forecasters expected more rain in the south of the state before the "
    "weekend."
)
FIRE = (
    "Wildfire near Perth\n\n"
    "A wildfire burned through bushland near Perth, Western Australia on January 12, 2024, "
    "and 200 residents were evacuated. Firefighters from Fremantle joined the effort.\n"
)


def run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def geojson_incidents(path: Path) -> dict[str, dict]:
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    return {f["id"]: f["properties"] for f in features if f["properties"]["kind"] == "incident"}


def map_incident_ids(path: Path) -> set[str]:
    return set(re.findall(r"inc:[0-9a-f]{16}", path.read_text(encoding="utf-8")))


@pytest.fixture
def sources(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A working directory with a text article, a served web page and a local RSS file."""
    www = tmp_path / "www"
    www.mkdir()
    (www / "landslide.html").write_text(
        page("Landslide near Cusco", LANDSLIDE_BODY, date="2024-02-21"), encoding="utf-8"
    )
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    Path("quake.txt").write_text(QUAKE, encoding="utf-8")
    Path("fire.txt").write_text(FIRE, encoding="utf-8")
    Path("pokhara.txt").write_text(POKHARA, encoding="utf-8")
    Path("follow-up.txt").write_text(POKHARA_FOLLOW_UP, encoding="utf-8")
    Path("south.rss").write_text(
        rss([{"title": "Floods in Porto Alegre", "link": "https://example.invalid/floods",
              "date": "Mon, 06 May 2024 18:00:00 GMT", "content": FLOOD}],
            title="South Wire"),
        encoding="utf-8",
    )  # fmt: skip
    with serve(www) as base:
        yield work, base


def test_collection_grows_by_exactly_the_new_articles_incidents(
    sources, store: StoreUnderTest
) -> None:
    work, base = sources
    out = run("add", "news", "quake.txt", f"{base}/landslide.html", "south.rss")
    assert "3 articles added, 0 unchanged" in out
    run("build", "news")
    html, geojson = work / "maps" / "news.html", work / "data" / "news.geojson"
    before = geojson_incidents(geojson)
    assert {p["place"] for p in before.values()} >= {"Valparaíso", "Porto Alegre"}
    assert map_incident_ids(html) == set(before)
    # Every incident carries its article's metadata as its source.
    flood = next(p for p in before.values() if p["place"] == "Porto Alegre")
    assert flood["sources"] == [{"title": "Floods in Porto Alegre",
                                 "url": "https://example.invalid/floods",
                                 "date": "2024-05-06", "article_id": flood["articles"][0]}]
    landslide = next(p for p in before.values() if p["source_url"] == f"{base}/landslide.html")
    assert landslide["source_title"] == "Landslide near Cusco"

    out = run("add", "news", "fire.txt")
    assert "1 article added" in out
    run("build", "news")
    after = geojson_incidents(geojson)
    new = {k: v for k, v in after.items() if k not in before}
    assert set(before) <= set(after)
    assert new and {p["place"] for p in new.values()} == {"Perth"}
    assert all(p["sources"][0]["title"] == "Wildfire near Perth" for p in new.values())
    assert map_incident_ids(html) == set(after)

    # Re-adding everything parses nothing and leaves every row (and a file byte for
    # byte) as it was.
    gpkg = work / "data" / "news.gpkg"
    digest = hashlib.sha256(gpkg.read_bytes()).hexdigest() if store.kind == "gpkg" else None
    rows = store.rows("news")
    out = run("add", "news", "quake.txt", f"{base}/landslide.html", "south.rss", "fire.txt")
    assert "0 articles added, 4 unchanged" in out
    assert store.rows("news") == rows
    if digest is not None:
        assert hashlib.sha256(gpkg.read_bytes()).hexdigest() == digest
    run("build", "news")
    assert geojson_incidents(geojson) == after


def test_same_incident_and_place_across_articles_are_merged(
    sources, store: StoreUnderTest
) -> None:
    run("add", "news", "pokhara.txt", "follow-up.txt", "fire.txt")
    with store.open("news") as collection:
        incidents = collection.frame("incidents")
        places = collection.frame("places")
        assert collection.check() == []
    quakes = incidents[incidents["sub_event_type"] == "Earthquake"]
    assert len(quakes) == 1
    quake = quakes.iloc[0]
    assert quake["n_sources"] == 2
    assert [s["title"] for s in quake["sources"]] == [
        "Earthquake shakes Pokhara", "Pokhara counts the damage"
    ]
    assert quake["structures_affected"] == 55  # the highest figure reported
    assert quake["qualifiers"]["structures_affected"] == "more than"
    assert len(quake["report_ids"]) == 2
    pokhara = places[places["name"] == "Pokhara"].iloc[0]
    assert pokhara["articles"] == ["pokhara", "follow-up"]
    assert pokhara["n_articles"] == 2
    assert pokhara["mentions"] == 2 + 2  # each names it in its title and its text
    assert places["place_id"].is_unique


def test_geopackage_layers_read_back_with_geopandas(sources) -> None:
    """(The PostGIS tables' counterpart is in test_store_postgis.py.)"""
    run("add", "news", "quake.txt", "fire.txt", "--data-dir", "store")
    path = Path("store/news.gpkg")
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA application_id").fetchone()[0] == 0x47504B47
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    layers = dict(pyogrio.list_layers(path))
    assert layers == {"articles": None, "places": "Point", "incidents": "Unknown",
                      "areas": "Unknown"}  # fmt: skip
    articles = gpd.read_file(path, layer="articles")
    assert sorted(articles["article_id"]) == ["fire", "quake"]
    places = gpd.read_file(path, layer="places")
    assert places.crs.to_epsg() == 4326
    perth = places[places["name"] == "Perth"].iloc[0]
    assert perth.geometry.x == pytest.approx(115.86, abs=0.1)
    assert perth.geometry.y == pytest.approx(-31.95, abs=0.1)
    incidents = gpd.read_file(path, layer="incidents")
    assert set(incidents["place"]) == {"Valparaíso", "Perth"}
    assert json.loads(incidents["sources"].iloc[0])[0]["title"]


def test_exports_csv_kml_gpkg(sources, store: StoreUnderTest) -> None:
    run("add", "news", "pokhara.txt", "follow-up.txt", "fire.txt")
    run("export", "news", "-f", "csv", "-o", "out/news.csv")
    run("export", "news", "-f", "kml", "-o", "out/news.kml")
    run("export", "news", "-f", "gpkg", "-o", "out/news.gpkg")
    run("export", "news", "-f", "geojson")
    with store.open("news") as collection:
        n_incidents = collection.counts()["incidents"]
        n_places = collection.counts()["places"]

    with open("out/news.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == INCIDENT_CSV_COLUMNS
    assert len(rows) == n_incidents
    quake = next(r for r in rows if r["sub_event_type"] == "Earthquake")
    assert quake["event_date"] == "2024-03-03" and quake["year"] == "2024"
    assert quake["iso"] == "524" and quake["country"] == "Nepal"  # ISO numeric, as ACLED
    assert quake["country_code"] == "NP" and quake["region"] == "South Asia"
    assert quake["location"] == "Pokhara" and quake["n_sources"] == "2"
    assert float(quake["latitude"]) == pytest.approx(28.21, abs=0.1)
    assert float(quake["longitude"]) == pytest.approx(83.99, abs=0.1)
    assert quake["fatalities"] == "0"  # none reported: ACLED writes 0
    assert quake["structures_affected"] == "55"
    assert quake["source"] == "Earthquake shakes Pokhara; Pokhara counts the damage"

    ns = {"k": "http://www.opengis.net/kml/2.2"}
    kml = ET.parse("out/news.kml").getroot()
    folders = {f.findtext("k:name", namespaces=ns): f for f in kml.iter(f"{{{ns['k']}}}Folder")}
    assert len(folders["Incidents"].findall("k:Placemark", ns)) == n_incidents
    assert len(folders["Places"].findall("k:Placemark", ns)) == n_places
    spans = [p.findtext("k:TimeSpan/k:begin", namespaces=ns)
             for p in folders["Incidents"].findall("k:Placemark", ns)]  # fmt: skip
    assert "2024-03-03" in spans
    assert gpd.read_file("out/news.kml", layer="Incidents").geometry.notna().all()

    assert {name for name, _ in pyogrio.list_layers("out/news.gpkg")} == {
        "articles", "places", "incidents_points", "incidents_areas", "areas"}  # fmt: skip
    with sqlite3.connect("out/news.gpkg") as conn:
        tables = {t for (t,) in conn.execute("SELECT name FROM sqlite_master")}
    assert "geomap_reports" not in tables
    exported = gpd.read_file("out/news.gpkg", layer="incidents_points")  # all in towns
    assert len(exported) == n_incidents and exported.crs.to_epsg() == 4326
    assert json.loads(exported.loc[exported["sub_event_type"] == "Earthquake",
                                   "sources"].iloc[0])[1]["title"] == "Pokhara counts the damage"
    assert len(gpd.read_file("out/news.gpkg", layer="articles")) == 3
    assert len(geojson_incidents(Path("data/news-export.geojson"))) == n_incidents


def test_a_newer_parser_reparses_what_it_read(sources, store: StoreUnderTest) -> None:
    run("add", "news", "quake.txt", "fire.txt")
    current = store.sql("news", "SELECT parser_version FROM articles")[0][0]
    store.sql("news", "UPDATE articles SET parser_version = '0.0.1+older' "
                      "WHERE article_id = 'fire'")  # fmt: skip
    listing = json.loads(run("list", "news", "--json"))
    assert listing["stale_articles"] == 1
    out = run("build", "news")
    assert "1 articles re-parsed" in out
    versions = {v for (v,) in store.sql("news", "SELECT parser_version FROM articles")}
    assert versions == {current}
    listing = json.loads(run("list", "news", "--json", "--check"))
    assert listing["stale_articles"] == 0 and listing["problems"] == []
    assert listing["articles"] == 2
    # Adding a stale article's file again re-parses it too, rather than skip it.
    store.sql("news", "UPDATE articles SET parser_version = '0.0.1+older'")
    assert "0 articles added, 2 re-parsed, 0 unchanged" in run("add", "news", "quake.txt",
                                                              "fire.txt")


def test_stdin_jsonl_and_parallel_jobs(sources, store: StoreUnderTest) -> None:
    cities = ["Bergen", "Tromso", "Lyon", "Seville", "Krakow", "Gdansk", "Tallinn", "Riga",
              "Varna", "Izmir"]  # fmt: skip
    lines = "\n".join(
        json.dumps({"id": f"storm-{i}", "title": f"Storm in {city}",
                    "text": f"A storm damaged about {10 + i} homes in {city} on "
                            f"January {i + 1}, 2024.", "url": f"https://example.invalid/{i}"})
        for i, city in enumerate(cities)
    )  # fmt: skip
    result = CliRunner().invoke(cli, ["add", "storms", "-", "--jobs", "2"], input=lines)
    assert result.exit_code == 0, result.output
    assert "10 articles added" in result.output
    with store.open("storms") as collection:
        articles = collection.articles()
        assert list(articles["article_id"]) == [f"storm-{i}" for i in range(10)]
        assert collection.check() == []
        places = set(collection.frame("incidents")["place"])
    assert {"Bergen", "Lyon", "Seville"} <= places


def test_errors_are_one_line(sources, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["build", "nothing"])
    assert result.exit_code == 1
    assert "no such collection" in result.output
    result = CliRunner().invoke(cli, ["add", "bad/name", "quake.txt"])
    assert result.exit_code == 2
    Path("data").mkdir(exist_ok=True)
    Path("data/other.gpkg").write_text("some other file", encoding="utf-8")
    result = CliRunner().invoke(cli, ["list", "other"])
    assert result.exit_code == 1 and "not a geomap collection" in result.output
    # With --strict a bad input stops the run before anything is written.
    result = CliRunner().invoke(cli, ["add", "fresh", "quake.txt", "missing.txt", "--strict"])
    assert result.exit_code == 1 and "missing.txt: no such file" in result.output
    assert not Path("data/fresh.gpkg").exists()


def test_two_files_with_one_name_stay_two_articles(sources, store: StoreUnderTest) -> None:
    for folder, text in (("monday", POKHARA), ("tuesday", FIRE)):
        Path(folder).mkdir()
        Path(folder, "report.txt").write_text(text, encoding="utf-8")
    assert "2 articles added" in run("add", "news", "monday", "tuesday/report.txt")
    with store.open("news") as collection:
        ids = list(collection.articles()["article_id"])
        places = collection.frame("places")
    assert ids[0] == "report" and ids[1].startswith("report-") and len(set(ids)) == 2
    assert places.loc[places["name"] == "Perth", "articles"].iloc[0] == [ids[1]]


def test_a_radius_stated_by_two_articles_is_one_area(sources, store: StoreUnderTest) -> None:
    Path("bomb.txt").write_text(
        "Wartime bomb found in Gdansk\n\nPolice evacuated about 300 residents within a "
        "500-metre radius of a building site in Gdansk, Poland on June 4, 2024 after workers "
        "found an unexploded wartime bomb.\n", encoding="utf-8")  # fmt: skip
    Path("defused.txt").write_text(
        "Gdansk bomb defused\n\nSappers defused an unexploded wartime bomb in Gdansk, Poland "
        "on June 4, 2024, and residents who had left their homes within a 500-metre radius "
        "returned in the evening.\n", encoding="utf-8")  # fmt: skip
    run("add", "news", "bomb.txt", "defused.txt")
    run("build", "news")
    features = json.loads(Path("data/news.geojson").read_text(encoding="utf-8"))["features"]
    areas = [f for f in features if f["properties"]["kind"] == "area"]
    assert len(areas) == 1
    area = areas[0]["properties"]
    assert area["radius_m"] == 500 and area["place"] == "Gdańsk"
    assert area["articles"] == ["bomb", "defused"] and area["n_articles"] == 2
    incident_ids = {f["id"] for f in features if f["properties"]["kind"] == "incident"}
    assert area["incident_id"] in incident_ids
