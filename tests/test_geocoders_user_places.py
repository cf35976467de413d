"""Importing GeoNames dumps and CSV files of one's own places; the cache commands."""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from geomap.cli.main import cli
from geomap.gazetteer.index import CACHE_ENV, INDEX_FILE, GazetteerIndex
from geomap.gazetteer.user_places import UserPlaces
from geomap.geocoders import AnswerCache
from geomap.geoparse import geoparse
from geomap.records import Article

# GeoNames dump rows (19 tab-separated columns) for hamlets too small for cities500.
GEONAMES_ROWS = [
    ["9900001", "Robotyne", "Robotyne", "Robotino,Роботине", "47.44970", "35.83720", "P",
     "PPL", "UA", "", "26", "", "", "", "480", "", "120", "Europe/Zaporozhye", "2024-01-10"],
    ["9900002", "Kopani", "Kopani", "", "47.39100", "35.87100", "P", "PPL", "UA", "", "26",
     "", "", "", "310", "", "150", "Europe/Zaporozhye", "2024-01-10"],
    ["9900003", "Robotyne road", "Robotyne road", "", "47.45", "35.84", "R", "RD", "UA", "",
     "26", "", "", "", "0", "", "120", "Europe/Zaporozhye", "2024-01-10"],
]  # fmt: skip


def write_dump(path: Path) -> Path:
    path.write_text("".join("\t".join(r) + "\n" for r in GEONAMES_ROWS), encoding="utf-8")
    return path


def test_geonames_dump_plain_and_zipped(tmp_path: Path) -> None:
    dump = write_dump(tmp_path / "UA.txt")
    with UserPlaces.open(tmp_path / "cache") as places:
        report = places.import_file(dump)
        assert (report.source, report.places, report.skipped) == ("user-geonames:UA.txt", 2, 1)
        (entry,) = places.lookup("robotyne")
        assert (entry.id, entry.geonameid, entry.feature_type, entry.country_code) == (
            "gn:9900001", 9900001, "city", "UA")  # fmt: skip
        assert (entry.admin1, entry.admin1_code, entry.population) == (
            "Zaporizhzhia", "UA-23", 480)  # fmt: skip
        assert places.has_name("robotino") and places.name_kinds("robotino") == {"alt"}
        assert not places.has_name("robotyne road")
        # The same file again replaces its places rather than adding them twice.
        places.import_file(dump)
        assert len(places) == 2
        archive = tmp_path / "UA.zip"
        with zipfile.ZipFile(archive, "w") as zf:
            zf.writestr("readme.txt", "GeoNames extract\n")
            zf.write(dump, "UA.txt")
        assert places.import_file(archive).places == 2
        assert [s.source for s in places.sources()] == [
            "user-geonames:UA.txt", "user-geonames:UA.zip"]  # fmt: skip


def test_csv_of_custom_places_and_its_errors(tmp_path: Path) -> None:
    good = tmp_path / "sites.csv"
    good.write_text(
        "name,lat,lon,feature_type,country_code,alternate_names,admin1,population\n"
        "Kakhovka Dam,46.7776,33.3706,landmark,UA,Kakhovka HPP;Kakhovka hydroelectric dam,"
        "Kherson,\n",
        encoding="utf-8",
    )
    with UserPlaces.open(tmp_path) as places:
        assert places.import_file(good).places == 1
        (entry,) = places.lookup("kakhovka hpp")
        assert (entry.name, entry.feature_type, entry.admin1) == (
            "Kakhovka Dam", "landmark", "Kherson")  # fmt: skip
        bad = tmp_path / "bad.csv"
        bad.write_text("name,lat,lon,feature_type,country_code\nX,91,0,city,UA\n")
        with pytest.raises(Exception, match="line 2: needs a name and a point"):
            places.import_file(bad)
        bad.write_text("name,lat,lon\nX,1,2\n")
        with pytest.raises(Exception, match="missing: feature_type, country_code"):
            places.import_file(bad)


def _private_cache(gazetteer_cache: Path, tmp_path: Path) -> Path:
    """A cache directory sharing the session's built index but with its own imports."""
    cache = tmp_path / "cache"
    cache.mkdir()
    os.symlink(gazetteer_cache / INDEX_FILE, cache / INDEX_FILE)
    return cache


def test_gazetteer_import_and_info_commands(
    gazetteer_cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CACHE_ENV, str(_private_cache(gazetteer_cache, tmp_path)))
    runner = CliRunner()
    before = runner.invoke(cli, ["gazetteer", "info"])
    assert before.exit_code == 0, before.output
    assert "geonames-cities500" in before.output and "imported: none" in before.output
    result = runner.invoke(cli, ["gazetteer", "import", str(write_dump(tmp_path / "UA.txt"))])
    assert result.exit_code == 0, result.output
    assert "2 places imported as user-geonames:UA.txt" in result.output
    after = runner.invoke(cli, ["gazetteer", "info"])
    assert "user-geonames:UA.txt: 2" in after.output
    missing = runner.invoke(cli, ["gazetteer", "import", str(tmp_path / "nope.txt")])
    assert missing.exit_code == 1 and "no such file" in missing.stderr


def test_imported_village_is_found_and_resolved(gazetteer_cache: Path, tmp_path: Path) -> None:
    cache = _private_cache(gazetteer_cache, tmp_path)
    with UserPlaces.open(cache) as places:
        places.import_file(write_dump(tmp_path / "UA.txt"))
    text = "Shelling hit Robotyne, south of Orikhiv in Zaporizhzhia, on Monday."
    with GazetteerIndex.open(cache, progress=False) as index:
        resolutions = geoparse(Article(id="r", text=text), index=index)
    placed = {r.mention.name: r.entry for r in resolutions if r.entry is not None}
    assert placed["Robotyne"].geonameid == 9900001


def test_cache_stats_and_clear(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from geopy.location import Location

    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    answers = AnswerCache()
    answers.put("nominatim", "Tokmak", {"limit": 1}, [Location("Tokmak", (47.25, 35.7), {})])
    answers.put("photon", "Tokmak", {}, [])
    answers.close()
    runner = CliRunner()
    stats = runner.invoke(cli, ["cache", "stats"])
    assert stats.exit_code == 0, stats.output
    assert "answers: 2 (0 expired)" in stats.output and "nominatim: 1" in stats.output
    cleared = runner.invoke(cli, ["cache", "clear", "--service", "photon"])
    assert "deleted 1 answer " in cleared.output
    assert "answers: 1" in runner.invoke(cli, ["cache", "stats"]).output
    assert AnswerCache().get("nominatim", "Tokmak", {"limit": 1})[0].address == "Tokmak"


VILLAGE_ROW = ["9900010", "Pustelnyky", "Pustelnyky", "", "47.12000", "37.55000", "P",
               "PPL", "UA", "", "05", "", "", "", "210", "", "150", "Europe/Kyiv",
               "2024-01-10"]  # fmt: skip
"""A GeoNames row of a village in Donetsk Oblast (GeoNames admin-1 code UA.05; UA.14,
which this row had before, is Luhansk: resolution now rejects a village the gazetteer
puts in another region than the one the report names)."""
RAID = """Shelling hits village

Russian artillery shelled the village of Pustelnyky in Donetsk Oblast on Tuesday,
killing two civilians, regional officials said.
"""


def test_an_incident_at_an_unknown_village_moves_to_it_once_imported(
    gazetteer_cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before the import the incident sits at the smallest unit the report names, with
    the village it happened in said in its note; after it, at the village."""
    monkeypatch.setenv(CACHE_ENV, str(_private_cache(gazetteer_cache, tmp_path)))
    (tmp_path / "raid.txt").write_text(RAID, encoding="utf-8")
    runner = CliRunner()

    def shelling() -> dict:
        done = runner.invoke(cli, ["incidents", str(tmp_path / "raid.txt"), "--json",
                                   "--date", "2024-03-06"])  # fmt: skip
        assert done.exit_code == 0, done.output
        records = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
        (record,) = [r for r in records if r["sub_event_type"].startswith("Shelling")]
        return record

    before = shelling()
    assert before["feature_type"] == "admin1" and before["geo_precision"] == 4
    assert "Pustelnyky" in before["location_note"]
    dump = tmp_path / "UA.txt"
    dump.write_text("\t".join(VILLAGE_ROW) + "\n", encoding="utf-8")
    assert runner.invoke(cli, ["gazetteer", "import", str(dump)]).exit_code == 0
    after = shelling()
    assert after["place"] == "Pustelnyky" and after["geo_precision"] == 1
    assert after["fatalities"] == 2
