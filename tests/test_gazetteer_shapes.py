"""The gazetteer's polygon archive (``polygons.npz``): current with the GeoJSON it is derived
from, looked up by key, and drawing incidents as the full layers do."""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import shapely
from geopandas.testing import assert_geodataframe_equal

from geomap.enrich import incidents_frame
from geomap.gazetteer import shapes
from geomap.gazetteer.index import default_data_dir
from geomap.records import GazetteerEntry, Incident, Mention, Place, Source


def test_committed_archive_is_current_and_rebuilds_to_the_same_bytes(tmp_path: Path) -> None:
    for name in shapes.LAYERS:
        shutil.copy(default_data_dir() / f"{name}.geojson.gz", tmp_path)
    counts = shapes.write_store(tmp_path)
    committed = (default_data_dir() / shapes.STORE_FILE).read_bytes()
    assert (tmp_path / shapes.STORE_FILE).read_bytes() == committed
    assert counts == {"countries": len(shapes.countries()), "admin1": len(shapes.admin1())}


def test_archive_layers_equal_the_geojson_layers() -> None:
    for name, read in (("countries", shapes.countries), ("admin1", shapes.admin1)):
        geojson = shapes.read_geojson(default_data_dir() / f"{name}.geojson.gz")
        archive = read()
        assert_geodataframe_equal(archive, geojson, check_dtype=True, check_crs=True)
        assert list(shapely.to_wkb(archive.geometry.values)) == list(
            shapely.to_wkb(geojson.geometry.values)
        )


def test_archive_holds_no_pickled_objects() -> None:
    with np.load(default_data_dir() / shapes.STORE_FILE, allow_pickle=False) as archive:
        kinds = {archive[member].dtype.kind for member in archive.files}
    assert kinds <= {"U", "i", "u"}


def test_polygons_by_key_are_the_layers_own() -> None:
    admin1 = shapes.admin1().set_index("id")
    found = shapes.admin1_polygons(["ne-admin1:UA-63", "gn:703448", "ne-admin1:nowhere"])
    assert list(found) == ["ne-admin1:UA-63"]
    assert shapely.equals_exact(found["ne-admin1:UA-63"], admin1.geometry["ne-admin1:UA-63"], 0)
    assert found["ne-admin1:UA-63"].contains(shapely.Point(36.23, 49.99))  # Kharkiv
    countries = shapes.countries().set_index("iso_a2")
    found = shapes.country_polygons({"UA", "XX"})
    assert list(found) == ["UA"] and found["UA"].contains(shapely.Point(34.10, 44.95))
    assert found["UA"].equals_exact(countries.geometry["UA"], 0)
    assert shapes.admin1_polygons([]) == {} and shapes.country_polygons([]) == {}


def test_country_names_are_the_layers_names() -> None:
    countries = shapes.countries()
    assert shapes.country_names() == dict(zip(countries["iso_a2"], countries["name"], strict=True))
    assert shapes.country_names()["UA"] == "Ukraine"


def _incident(entry: GazetteerEntry, precision: int, number: int) -> Incident:
    place = Place(entry, (Mention(0, len(entry.name), entry.name, entry.name),))
    return Incident(
        id=f"inc:{number}", event_type="Violence against civilians", sub_event_type="Attack",
        date_start=None, date_end=None, date_precision=None, temporal_status="new",
        location=place, geo_precision=precision, evidence=entry.name,
        evidence_span=(0, len(entry.name)), source=Source("t", None, dt.date(2024, 1, 3)),
    )  # fmt: skip


def test_incidents_are_drawn_the_same_from_lookups_as_from_the_whole_layers() -> None:
    kharkiv_oblast = GazetteerEntry(
        "ne-admin1:UA-63", "Kharkiv Oblast", 49.6, 36.4, "admin1", country_code="UA"
    )
    ukraine = GazetteerEntry("country:UA", "Ukraine", 49.0, 32.0, "country", country_code="UA")
    kharkiv = GazetteerEntry("gn:706483", "Kharkiv", 49.98, 36.25, "city", country_code="UA")
    incidents = [
        _incident(kharkiv_oblast, 4, 1),
        _incident(ukraine, 6, 2),
        _incident(kharkiv, 1, 3),
        _incident(kharkiv, 4, 4),  # a town at admin-1 precision: no polygon of its own
    ]
    looked_up = incidents_frame(incidents)
    whole = incidents_frame(incidents, countries=shapes.countries(), admin1=shapes.admin1())
    assert_geodataframe_equal(looked_up, whole, check_dtype=True)
    assert list(looked_up["geometry_source"]) == [
        "admin1 polygon", "country polygon", "point", "point"
    ]  # fmt: skip
    assert looked_up.geometry[0].equals_exact(shapes.admin1_polygons([kharkiv_oblast.id])[
        kharkiv_oblast.id], 0)  # fmt: skip


def test_a_missing_archive_is_one_line_and_exit_1(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(default_data_dir(), data, ignore=shutil.ignore_patterns(shapes.STORE_FILE))
    article = tmp_path / "a.txt"
    article.write_text("Shelling hit Kharkiv Oblast on Tuesday, killing 3 people.\n")
    env = {**os.environ, "GEOMAP_GAZETTEER_DATA": str(data)}
    out = subprocess.run(
        [sys.executable, "-m", "geomap.cli", "map", str(article), "--out-dir", str(tmp_path)],
        capture_output=True, text=True, env=env,
    )  # fmt: skip
    assert out.returncode == 1, out.stderr
    [line] = out.stderr.strip().splitlines()[-1:]
    assert line.startswith("geomap: cannot read the gazetteer's polygons ")
    assert "build_data --only polygons" in line and "Traceback" not in out.stderr
    assert not list(tmp_path.glob("*.html"))



def test_the_polygon_archive_keeps_no_open_file_a_forked_worker_would_share() -> None:
    # `geomap add --jobs` forks workers after the parent may have read polygons: a file
    # left open for later reads would share one offset between the processes, and their
    # interleaved reads inflate garbage ("Error -3 while decompressing data").
    archive = shapes._archive(None)
    assert not hasattr(archive.fid, "fileno") or isinstance(archive.fid, io.BytesIO)
