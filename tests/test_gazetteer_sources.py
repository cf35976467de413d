"""The gazetteer's newer sources, read from the committed data: Who's On First districts
and villages, Ukraine's KATOTTG units in KMU 2010 romanisation, air bases from
airportsdata, curated facilities, packs, and a deterministic index build."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from geomap.gazetteer.index import INDEX_FILE, GazetteerIndex, default_data_dir
from geomap.gazetteer.kmu2010 import romanize
from geomap.gazetteer.packs import available
from geomap.gazetteer.places_tsv import read_places


def _geomap(*args: str, cache: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GEOMAP_CACHE_DIR": str(cache)}
    return subprocess.run(
        [sys.executable, "-m", "geomap.cli", *args],
        env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip


@pytest.fixture
def own_cache(gazetteer_cache: Path, tmp_path: Path) -> Path:
    """A cache of its own with the session's index in it: installing a pack there leaves
    every other test's lookups as they were."""
    cache = tmp_path / "cache"
    cache.mkdir()
    shutil.copy2(gazetteer_cache / INDEX_FILE, cache / INDEX_FILE)
    return cache


# ---------------------------------------------------------------------- KMU 2010


@pytest.mark.parametrize(
    ("ukrainian", "latin"),
    [  # the resolution's own examples, and the names this project needs
        ("Згурівка", "Zghurivka"), ("Їжакевич", "Yizhakevych"), ("Щербухи", "Shcherbukhy"),
        ("Знам'янка", "Znamianka"), ("Юрій", "Yurii"), ("Яготин", "Yahotyn"),
        ("Куп'янськ", "Kupiansk"), ("Запоріжжя", "Zaporizhzhia"), ("Донецька", "Donetska"),
        ("Біла Церква", "Bila Tserkva"),
    ],
)  # fmt: skip
def test_kmu2010_romanisation(ukrainian: str, latin: str) -> None:
    assert romanize(ukrainian) == latin


# ---------------------------------------------------------------------- admin units


def test_adjectival_oblast_name_is_the_admin1_region(gazetteer_index: GazetteerIndex) -> None:
    for name in ("Donetska oblast", "Donetska Oblast", "Kharkivska oblast"):
        top = gazetteer_index.lookup(name)[0]
        assert top.feature_type == "admin1"
        assert top.admin1_code == ("UA-14" if "Donetska" in name else "UA-63")


def test_raion_by_adjective_and_by_town(gazetteer_index: GazetteerIndex) -> None:
    raion = gazetteer_index.lookup("Kupianskyi raion")[0]
    assert (raion.feature_type, raion.country_code, raion.admin1_code) == ("admin2", "UA", "UA-63")
    assert raion.source == "katottg" and raion.bbox is not None
    # placed at its centre, the town of Kupiansk
    assert abs(raion.lat - 49.71) < 0.05 and abs(raion.lon - 37.61) < 0.05
    assert gazetteer_index.lookup("Kupiansk district")[0].id == raion.id
    # the bare town name still means the town
    town = gazetteer_index.lookup("Kupiansk")[0]
    assert town.feature_type == "city" and town.geonameid == 703656


def test_hromada_is_its_own_unit(gazetteer_index: GazetteerIndex) -> None:
    found = gazetteer_index.lookup("Pokrovska hromada", country_codes=["UA"])
    assert found and all(e.feature_type == "admin3" for e in found)
    donetsk = [e for e in found if e.admin1_code == "UA-14"]
    assert len(donetsk) == 1 and "Pokrovsk" in (gazetteer_index.address(donetsk[0].id) or "")


def test_admin2_district_with_its_region(gazetteer_index: GazetteerIndex) -> None:
    district = gazetteer_index.lookup("Nabatieh District")[0]
    assert (district.feature_type, district.country_code) == ("admin2", "LB")
    assert district.admin1 == "Nabatieh" and district.bbox is not None
    # the bare name stays the town's
    assert gazetteer_index.lookup("Nabatieh")[0].feature_type == "city"


# ---------------------------------------------------------------------- villages


def test_katottg_village_pack(gazetteer_index: GazetteerIndex, own_cache: Path) -> None:
    """A Crimean village GeoNames cities500 lacks: not in the default index (villages are
    packs), a candidate for its name once the KATOTTG pack is installed."""
    assert not [v for v in gazetteer_index.lookup("Krasna Dolyna") if v.admin1_code == "UA-43"]
    done = _geomap("gazetteer", "install", "katottg-ua", cache=own_cache)
    assert done.returncode == 0, done.stderr
    found = _geomap("geocode", "Krasna Dolyna", "--country", "UA", "--json", cache=own_cache)
    assert found.returncode == 0, found.stderr
    records = [json.loads(line) for line in found.stdout.splitlines()]
    crimean = [r for r in records if r["admin1_code"] == "UA-43"]
    assert len(crimean) == 1 and crimean[0]["feature_type"] == "village"
    assert crimean[0]["source"] == "pack:katottg-ua" and crimean[0]["population"] < 500
    with GazetteerIndex.open(own_cache, progress=False) as index:
        ids = {c.entry.id for c in index.candidates("Krasna Dolyna")}
    assert crimean[0]["id"] in ids


def test_pack_village_found_after_install(own_cache: Path) -> None:
    assert "wof-np" in {p.name for p in available()}
    before = _geomap("geocode", "Shikharpur", cache=own_cache)
    assert before.returncode == 1 and "no place called" in before.stderr
    done = _geomap("gazetteer", "install", "wof-np", cache=own_cache)
    assert done.returncode == 0, done.stderr
    assert "installed as pack:wof-np" in done.stdout
    found = _geomap("geocode", "Shikharpur", "--json", cache=own_cache)
    assert found.returncode == 0, found.stderr
    records = [json.loads(line) for line in found.stdout.splitlines()]
    assert records and all(r["country_code"] == "NP" for r in records)
    assert {r["feature_type"] for r in records} == {"village"}
    assert all(r["source"] == "pack:wof-np" for r in records)
    listed = _geomap("gazetteer", "packs", cache=own_cache)
    assert any(line.startswith("wof-np\t") and "installed" in line
               for line in listed.stdout.splitlines())  # fmt: skip
    assert _geomap("gazetteer", "install", "wof-xx", cache=own_cache).returncode == 1


def test_misplaced_wof_names_are_dropped(gazetteer_index: GazetteerIndex) -> None:
    """WOF puts Bakhmut's names on Siversk; the build keeps them off."""
    found = gazetteer_index.lookup("Bakhmut", country_codes=["UA"])
    assert found[0].geonameid == 713174
    assert all(abs(e.lat - 48.87) > 0.02 or abs(e.lon - 38.10) > 0.05 for e in found)


# ---------------------------------------------------------------------- facilities


def test_air_base_from_airportsdata(gazetteer_index: GazetteerIndex) -> None:
    for name in ("Konotop Air Base", "Konotop airbase"):
        base = gazetteer_index.lookup(name)[0]
        assert (base.feature_type, base.country_code, base.id) == ("airbase", "UA", "icao:UKBF")
    assert gazetteer_index.lookup("UKBF") == []  # codes are not names


def test_curated_dam_and_camp(gazetteer_index: GazetteerIndex) -> None:
    dam = gazetteer_index.lookup("Mosul Dam")[0]
    assert (dam.feature_type, dam.country_code) == ("dam", "IQ")
    assert dam.source.startswith("curated (Wikipedia")
    camp = gazetteer_index.lookup("Zaatari refugee camp")[0]
    assert (camp.feature_type, camp.country_code) == ("camp", "JO")


# ---------------------------------------------------------------------- build


def test_places_files_are_well_formed() -> None:
    data = default_data_dir()
    for name in ("wof.tsv.gz", "katottg.tsv.gz", "airports.tsv.gz"):
        ids = [r["id"] for r in read_places(data / name)]
        assert ids == sorted(ids) and len(ids) > 1000


def test_index_build_is_deterministic(tmp_path: Path) -> None:
    dumps = []
    for run in ("a", "b"):
        with GazetteerIndex.open(tmp_path / run, min_city_population=15000, progress=False):
            pass
        conn = sqlite3.connect(tmp_path / run / INDEX_FILE)
        dumps.append(
            [
                conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall()
                for t in ("entries", "names", "demonyms")
            ]
        )
        conn.close()
    assert dumps[0] == dumps[1]
    assert len(dumps[0][0]) > 50_000
