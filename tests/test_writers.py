"""Every export format through the real ``geomap`` console script, read back by GDAL's own
command-line tools (Debian's gdal-bin: ``ogrinfo``, ``ogr2ogr``) and by standard readers.

One collection holds what GIS formats find hard: incidents at a point, in a province
(a polygon) and in an island country (a multipolygon), one with no place at all, a
stated radius (an area), and a date known only to a range.
"""

from __future__ import annotations

import csv
import re
import shutil
import sqlite3
import subprocess
import zipfile
from contextlib import closing
from pathlib import Path

import lxml.etree
import pyogrio
import pytest

from geomap.event_types import EVENT_TYPES
from geomap.render.incidents import INCIDENT_STYLES
from geomap.writers import format_names, get_writer
from geomap.writers._acled import ACLED_COLUMNS, GEOMAP_COLUMNS

ARTICLES = {
    "quake.txt": "Earthquake shakes Pokhara\n\nA magnitude 6.1 earthquake struck Pokhara, "
    "Nepal on March 3, 2024, damaging about 40 homes.\n",
    "floods.txt": "Floods across Rio Grande do Sul\n\nFloods across the state of Rio Grande "
    "do Sul, Brazil, killed 12 people on May 2, 2024, officials said.\n",
    "leak.txt": "Evacuation near Kawasaki refinery\n\nFirefighters in Kawasaki, Japan "
    "evacuated about 1,200 residents living within a 2-kilometre radius of a refinery on "
    "Tuesday, June 4, 2024 after a toxic gas leak.\n",
    "nowhere.txt": "Gunmen killed 3 people on Tuesday, police said. The attackers fled.\n",
    "protest.txt": "Protesters clash with police in Nairobi\n\nPolice fired tear gas at "
    "protesters in Nairobi, Kenya on June 25, 2024, killing 2 people.\n",
    "storm.txt": "Typhoon strikes the Philippines\n\nA typhoon struck the Philippines between "
    "July 1 and July 4, 2024, forcing 5,000 residents from their homes.\n",
}
KML = {"k": "http://www.opengis.net/kml/2.2"}


@pytest.fixture(scope="module", autouse=True)
def gdal_tools() -> None:
    """GDAL's own tools judge the files; without them these tests fail, never skip."""
    missing = [t for t in ("ogrinfo", "ogr2ogr") if shutil.which(t) is None]
    if missing:
        pytest.fail(f"{', '.join(missing)} not found: install gdal-bin (.ci/run does)")


def geomap(*args: str, cwd: Path, umask: int = 0o022) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("geomap")
    if exe is None:
        pytest.skip("the geomap console script is not installed")
    done = subprocess.run([exe, *args], cwd=cwd, capture_output=True, text=True, timeout=300,
                          umask=umask)  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def work(gazetteer_cache: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding the collection ``mix`` (data/mix.gpkg) and its exports
    (``mix.<suffix>``), each written by ``geomap export``."""
    root = tmp_path_factory.mktemp("writers")
    inbox = root / "inbox"
    inbox.mkdir()
    for name, text in ARTICLES.items():
        (inbox / name).write_text(text, encoding="utf-8")
    geomap("add", "mix", "inbox", cwd=root)
    n_incidents = stored(root)["incidents"]
    for fmt in format_names():
        done = geomap("export", "mix", "-f", fmt, "-o", f"mix{get_writer(fmt).suffix}", cwd=root)
        assert done.stderr == "", (fmt, done.stderr)  # no warning from GDAL or pyogrio
        assert done.stdout.startswith(f"mix{get_writer(fmt).suffix}: {n_incidents} incidents")
    return root


def counts_of(path: Path | str) -> dict[str, int]:
    """Layer -> features, as GDAL's own ogrinfo reports them (warnings fail the test)."""
    done = run("ogrinfo", "-ro", "-al", "-so", path)
    assert done.returncode == 0 and done.stderr == "", done.stderr
    assert "Warning" not in done.stdout and "ERROR" not in done.stdout
    names = re.findall(r"^Layer name: (\S+)$", done.stdout, re.MULTILINE)
    features = [int(n) for n in re.findall(r"^Feature Count: (\d+)$", done.stdout, re.MULTILINE)]
    assert len(names) == len(features)
    return dict(zip(names, features, strict=True))


def stored(work: Path) -> dict[str, int]:
    """What the collection itself holds, read without geomap."""
    with closing(sqlite3.connect(work / "data" / "mix.gpkg")) as conn:
        counts = {name: conn.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0]
                  for name in ("articles", "places", "areas", "incidents")}  # fmt: skip
        counts["unlocated"] = conn.execute(
            "SELECT COUNT(*) FROM incidents WHERE geom IS NULL").fetchone()[0]  # fmt: skip
    return counts


def test_the_collection_has_every_geometry_kind(work: Path) -> None:
    """The premise: points, a polygon, a multipolygon, no geometry, and an area."""
    frame = pyogrio.read_dataframe(work / "data" / "mix.gpkg", layer="incidents")
    kinds = set(frame.geometry.dropna().geom_type)
    assert {"Point", "Polygon", "MultiPolygon"} <= kinds
    assert frame.geometry.isna().sum() == 1
    assert stored(work)["areas"] >= 1


def test_gpkg_has_one_geometry_type_per_layer_and_ogrinfo_reads_it_without_a_warning(
    work: Path,
) -> None:
    gpkg = work / "mix.gpkg"
    layers = dict(pyogrio.list_layers(gpkg).tolist())
    assert layers == {"incidents_points": "Point", "incidents_areas": "MultiPolygon",
                      "incidents_unlocated": None, "places": "Point",
                      "areas": "MultiPolygon", "articles": None}  # fmt: skip
    counts = counts_of(gpkg)
    expected = stored(work)
    assert counts["incidents_points"] + counts["incidents_areas"] + counts[
        "incidents_unlocated"] == expected["incidents"]  # fmt: skip
    assert counts["incidents_unlocated"] == expected["unlocated"] == 1
    assert counts["incidents_areas"] >= 2  # the province and the country
    assert (counts["places"], counts["areas"], counts["articles"]) == (
        expected["places"], expected["areas"], expected["articles"])  # fmt: skip
    with closing(sqlite3.connect(gpkg)) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 10200
        indexed = {t for (t,) in conn.execute(
            "SELECT table_name FROM gpkg_extensions WHERE extension_name = 'gpkg_rtree_index'")}
        assert indexed == {n for n, kind in layers.items() if kind}
        for name in indexed:  # every feature is in its layer's R-tree
            assert conn.execute(f'SELECT COUNT(*) FROM "rtree_{name}_geom"').fetchone()[0] == \
                counts[name]  # fmt: skip
        assert "geomap_reports" not in {t for (t,) in conn.execute(
            "SELECT name FROM sqlite_master")}  # fmt: skip


def test_ogr2ogr_converts_the_gpkg_to_shapefiles_and_flatgeobuf_with_every_feature(
    work: Path, tmp_path: Path,
) -> None:
    gpkg = work / "mix.gpkg"
    counts = counts_of(gpkg)
    done = run("ogr2ogr", tmp_path / "shp", gpkg)
    assert done.returncode == 0 and "ERROR" not in done.stderr, done.stderr
    for name, n in counts.items():
        suffix = ".shp" if dict(pyogrio.list_layers(gpkg).tolist())[name] else ".dbf"
        assert counts_of(tmp_path / "shp" / f"{name}{suffix}") == {name: n}
    # FlatGeobuf holds features with a geometry: every one of them converts.
    spatial = [n for n, kind in pyogrio.list_layers(gpkg).tolist() if kind]
    done = run("ogr2ogr", "-f", "FlatGeobuf", tmp_path / "fgb", gpkg, *spatial)
    assert done.returncode == 0 and done.stderr == "", done.stderr
    for name in spatial:
        assert counts_of(tmp_path / "fgb" / f"{name}.fgb") == {name: counts[name]}


def test_shapefile_and_flatgeobuf_exports_hold_every_located_feature(work: Path) -> None:
    gpkg_counts = counts_of(work / "mix.gpkg")
    zipped = work / "mix.shp.zip"
    assert counts_of(zipped) == gpkg_counts
    names = zipfile.ZipFile(zipped).namelist()
    assert "incidents_points.shp" in names and "incidents_areas.shp" in names
    fields = pyogrio.read_info(zipped, layer="incidents_points")["fields"]
    assert all(len(f) <= 10 for f in fields) and len(set(fields)) == len(fields)
    located = gpkg_counts["incidents_points"] + gpkg_counts["incidents_areas"]
    assert counts_of(work / "mix.fgb") == {"incidents": located}


def test_every_export_has_the_mode_of_every_other_output(work: Path) -> None:
    """0666 less the umask, as the map and the GeoJSON (no 0600 from a temporary file)."""
    for fmt in format_names():
        mode = (work / f"mix{get_writer(fmt).suffix}").stat().st_mode & 0o777
        assert mode == 0o644, (fmt, oct(mode))
    geomap("export", "mix", "-f", "gpkg", "-o", "private.gpkg", cwd=work, umask=0o027)
    assert (work / "private.gpkg").stat().st_mode & 0o777 == 0o640


def test_gpkg_to_standard_output_is_the_same_geopackage(work: Path, tmp_path: Path) -> None:
    exe = shutil.which("geomap")
    assert exe
    done = subprocess.run([exe, "export", "mix", "-f", "gpkg", "-o", "-"], cwd=work,
                          capture_output=True, timeout=300)  # fmt: skip
    assert done.returncode == 0 and done.stdout.startswith(b"SQLite format 3\x00")
    (tmp_path / "piped.gpkg").write_bytes(done.stdout)
    assert dict(pyogrio.list_layers(tmp_path / "piped.gpkg").tolist()) == dict(
        pyogrio.list_layers(work / "mix.gpkg").tolist())  # fmt: skip


def acled_rows(work: Path) -> dict[str, dict[str, str]]:
    with (work / "mix.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return {r["location"] or "(none)": r for r in rows}


def test_csv_has_acleds_31_columns_in_order_then_geomaps(work: Path) -> None:
    with (work / "mix.csv").open(encoding="utf-8", newline="") as fh:
        header = next(csv.reader(fh))
    assert header[:31] == [
        "event_id_cnty", "event_date", "year", "time_precision", "disorder_type",
        "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2",
        "assoc_actor_2", "inter2", "interaction", "civilian_targeting", "iso", "region",
        "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
        "geo_precision", "source", "source_scale", "notes", "fatalities", "tags",
        "timestamp"]  # fmt: skip
    assert header == [*ACLED_COLUMNS, *GEOMAP_COLUMNS]
    assert len(acled_rows(work)) == stored(work)["incidents"]


def test_csv_follows_acleds_conventions(work: Path) -> None:
    rows = acled_rows(work)
    quake = rows["Pokhara"]
    assert quake["iso"] == "524" and quake["country_code"] == "NP"  # numeric, as ACLED
    assert quake["region"] == "South Asia" and quake["country"] == "Nepal"
    assert re.fullmatch(r"NPL\d+", quake["event_id_cnty"])
    assert (quake["event_date"], quake["year"], quake["time_precision"]) == (
        "2024-03-03", "2024", "1")  # fmt: skip
    assert quake["fatalities"] == "0"  # none reported: ACLED writes 0
    assert quake["disorder_type"] == "" and quake["inter2"] == ""  # not an ACLED type
    assert re.fullmatch(r"-?\d+\.\d{1,4}", quake["latitude"])  # four decimals at most
    assert quake["geo_precision"] == "1" and quake["ucdp_where_prec"] == "1"
    leak = rows["Kawasaki"]
    assert (leak["ucdp_where_prec"], leak["geo_precision"]) == ("2", "2")
    province = rows["Rio Grande do Sul"]
    assert (province["ucdp_where_prec"], province["geo_precision"]) == ("4", "3")
    assert province["fatalities"] == "12" and province["region"] == "South America"
    protest = rows["Nairobi"]
    assert protest["disorder_type"] == "Demonstrations" and protest["iso"] == "404"
    assert protest["region"] == "Eastern Africa"
    assert protest["inter2"] == "0" or protest["actor2"]  # no second actor: 0, as ACLED
    attack = rows["(none)"]  # no place: no country, coordinates or region
    assert attack["disorder_type"] == "Political violence"
    assert attack["civilian_targeting"] == "Civilian targeting"
    assert attack["event_id_cnty"].startswith("XXX") and attack["iso"] == ""
    storm = rows["Philippines"]
    assert storm["ucdp_date_prec"] == "2" and storm["time_precision"] == "2"
    assert storm["event_date"] == "2024-07-02"  # the range's middle, as ACLED codes a week
    assert (storm["date_start"], storm["date_end"]) == ("2024-07-01", "2024-07-04")
    assert storm["geo_precision"] == "3" and storm["region"] == "Southeast Asia"
    ids = {r["incident_id"]: r["event_id_cnty"] for r in rows.values()}
    assert len(set(ids.values())) == len(ids)


def test_an_incident_keeps_its_acled_id_and_timestamp_in_every_export(work: Path) -> None:
    first = acled_rows(work)
    geomap("export", "mix", "-f", "csv", "-o", "again.csv", cwd=work)
    with (work / "again.csv").open(encoding="utf-8", newline="") as fh:
        again = {r["location"] or "(none)": r for r in csv.DictReader(fh)}
    assert {k: (r["event_id_cnty"], r["timestamp"]) for k, r in again.items()} == {
        k: (r["event_id_cnty"], r["timestamp"]) for k, r in first.items()}  # fmt: skip


def test_kml_styles_each_event_type_in_the_legend_colour_and_dates_incidents(
    work: Path,
) -> None:
    root = lxml.etree.parse(str(work / "mix.kml")).getroot()
    styles = {s.get("id"): s for s in root.iterfind("k:Document/k:Style", KML)}
    folder = next(f for f in root.iterfind(".//k:Folder", KML)
                  if f.findtext("k:name", namespaces=KML) == "Incidents")  # fmt: skip
    placemarks = folder.findall("k:Placemark", KML)
    assert len(placemarks) == stored(work)["incidents"]
    seen = set()
    for placemark in placemarks:
        data = {d.get("name"): d.findtext("k:value", namespaces=KML)
                for d in placemark.iterfind("k:ExtendedData/k:Data", KML)}  # fmt: skip
        style = styles[placemark.findtext("k:styleUrl", namespaces=KML).lstrip("#")]
        rgb = INCIDENT_STYLES[data["event_type"]].colour.lstrip("#").lower()
        assert style.findtext("k:IconStyle/k:color", namespaces=KML) == \
            f"ff{rgb[4:6]}{rgb[2:4]}{rgb[0:2]}"  # KML's aabbggrr  # fmt: skip
        assert style.findtext("k:BalloonStyle/k:text", namespaces=KML) == "$[description]"
        seen.add(data["event_type"])
        begin = placemark.findtext("k:TimeSpan/k:begin", namespaces=KML)
        assert begin == data.get("date_start")  # undated: no TimeSpan
    assert len(seen) >= 4
    assert len({styles[f"type-{t}"] for t in ("natural-disaster", "protests")}) == 2
    assert len([s for s in styles if s.startswith("type-")]) == len(EVENT_TYPES) + 1


def test_the_collection_file_itself_opens_in_gdal_without_a_warning(work: Path) -> None:
    """It says GeoPackage 1.2: Debian 12's GDAL 3.6 warned on every open of a 1.4 file."""
    counts = counts_of(work / "data" / "mix.gpkg")
    assert counts["incidents"] == stored(work)["incidents"]
