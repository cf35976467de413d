"""The offline gazetteer: name folding, ranking, admin-1 regions, demonyms, rebuilds."""

from __future__ import annotations

import dataclasses
import math
import shutil
import sqlite3
from pathlib import Path

import pytest

from geomap.gazetteer import shapes
from geomap.gazetteer.index import INDEX_FILE, GazetteerIndex, default_data_dir
from geomap.gazetteer.names import normalize, usable_alternate
from geomap.gazetteer.schema import ENTRY_COLUMNS, entry_from_row


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dlat, dlon = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dlat / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dlon / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(a))


# ---------------------------------------------------------------------------- names


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Kyiv", "kyiv"),
        ("St. Louis", "st louis"),
        ("Ivano-Frankivsk", "ivano frankivsk"),
        ("Côte d\u2019Ivoire", "Cote d'Ivoire"),
        ("Łódź", "Lodz"),
        ("  São   Paulo ", "sao paulo"),
        ("Donets'k", "Donetsk"),
        ("U.S.", "US"),
    ],
)
def test_normalize_folds_equivalent_spellings(a: str, b: str) -> None:
    assert normalize(a) == normalize(b)


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Dnipró", "dnipro"),  # accents only: folded as an ASCII name is
        ("Zürich-Altstetten", "zurich altstetten"),
        ("Straße", "strasse"),  # case folding makes it ASCII
        ("İstanbul", "istanbul"),
        ("Ærøskøbing", "aeroskobing"),  # letters NFKD keeps whole
        ("Αθήνα", "αθηνα"),  # other scripts keep their letters, lose their accents
        ("كَرْم", "كرم"),  # marks outside the Latin accents' block go too
        ("Ki\u034fev", "ki ev"),  # the grapheme joiner is no accent: a separator
    ],
)
def test_normalize_non_ascii_names(name: str, key: str) -> None:
    assert normalize(name) == key


def test_normalize_keeps_distinct_words_apart() -> None:
    assert normalize("Kyiv") != normalize("Kyivs")
    assert normalize("Kyiv\u2019s") == "kyivs"
    assert normalize("Mount Etna") == "mount etna"


def test_usable_alternate_rejects_codes_scraps_and_common_words() -> None:
    assert usable_alternate("Kiev")
    assert not usable_alternate("IEV")  # airport code
    assert not usable_alternate("Ko")  # scrap
    assert not usable_alternate("kheiyf")  # lowercase romanisation
    assert not usable_alternate("Київ")  # other script
    assert not usable_alternate("March")  # common word


# ---------------------------------------------------------------------------- lookups


def test_paris_ranks_france_first_and_country_filter_finds_texas(
    gazetteer_index: GazetteerIndex,
) -> None:
    top = gazetteer_index.lookup("Paris")[0]
    assert (top.country_code, top.feature_type, top.geonameid) == ("FR", "city", 2988507)
    in_us = gazetteer_index.lookup("Paris", country_codes=["US"])
    assert len(in_us) >= 3
    assert {e.country_code for e in in_us} == {"US"}
    assert in_us[0].admin1 == "Texas"


def test_georgia_is_both_a_country_and_a_us_state(gazetteer_index: GazetteerIndex) -> None:
    found = gazetteer_index.lookup("Georgia")
    assert found[0].id == "country:GE"
    state = gazetteer_index.lookup("Georgia", feature_types=["admin1"], country_codes=["US"])
    assert state[0].admin1_code == "US-GA"


@pytest.mark.parametrize(
    ("name", "geonameid", "feature_type", "country"),
    [
        ("Ukraine", 690791, "country", "UA"),
        ("Russia", 2017370, "country", "RU"),
        ("United Arab Emirates", 290557, "country", "AE"),
        ("UAE", 290557, "country", "AE"),
        ("Kyiv", 703448, "city", "UA"),
        ("kyiv", 703448, "city", "UA"),
        ("Kiev", 703448, "city", "UA"),
        ("Moscow", 524901, "city", "RU"),
        ("Belgorod", 578072, "city", "RU"),
        ("Mariupol", 701822, "city", "UA"),
    ],
)
def test_well_known_places_resolve_to_their_geonames_ids(
    gazetteer_index: GazetteerIndex, name: str, geonameid: int, feature_type: str, country: str
) -> None:
    top = gazetteer_index.lookup(name)[0]
    assert (top.geonameid, top.feature_type, top.country_code) == (geonameid, feature_type, country)


def test_admin1_regions_by_full_name_and_by_type_filter(gazetteer_index: GazetteerIndex) -> None:
    oblast = gazetteer_index.lookup("Belgorod Oblast")[0]
    assert (oblast.feature_type, oblast.admin1_code, oblast.country_code) == (
        "admin1",
        "RU-BEL",
        "RU",
    )
    assert oblast.bbox is not None and oblast.bbox[0] < 37 < oblast.bbox[2]
    by_type = gazetteer_index.lookup("Belgorod", feature_types=["admin1"])
    assert by_type[0].id == oblast.id


def test_cities_carry_their_admin1_region(gazetteer_index: GazetteerIndex) -> None:
    mariupol = gazetteer_index.lookup("Mariupol")[0]
    assert (mariupol.admin1, mariupol.admin1_code) == ("Donetsk", "UA-14")
    lyon = gazetteer_index.lookup("Lyon", country_codes=["FR"])[0]
    assert lyon.admin1_code == "FR-69"


def test_crimea_belongs_to_ukraine_by_iso_code(gazetteer_index: GazetteerIndex) -> None:
    sevastopol = gazetteer_index.lookup("Sevastopol", feature_types=["city"])[0]
    assert sevastopol.country_code == "UA"
    assert sevastopol.admin1_code == "UA-40"


def test_curated_island_and_sea(gazetteer_index: GazetteerIndex) -> None:
    snake = gazetteer_index.lookup("Snake Island")[0]
    assert snake.feature_type == "island"
    assert _km(snake.lat, snake.lon, 45.255, 30.204) < 3
    assert gazetteer_index.lookup("Zmiinyi Island")[0].id == snake.id
    sea = gazetteer_index.lookup("Black Sea")[0]
    assert (sea.feature_type, sea.geonameid) == ("sea", 630673)
    assert sea.bbox is not None


def test_name_kinds_separate_primary_names_from_alternates(
    gazetteer_index: GazetteerIndex,
) -> None:
    assert gazetteer_index.has_name("kyiv")
    assert not gazetteer_index.has_name("xqzzyville")
    assert "abbr" in gazetteer_index.name_kinds("uae")
    kiev = gazetteer_index.candidates("Kiev")[0]
    assert kiev.name_kind == "alt"
    assert gazetteer_index.candidates("Kyiv")[0].name_kind == "primary"
    assert gazetteer_index.max_name_tokens() >= 4


def test_demonyms(gazetteer_index: GazetteerIndex) -> None:
    assert [e.id for e in gazetteer_index.demonym("russian")] == ["country:RU"]
    assert [e.id for e in gazetteer_index.demonym("ukrainians")] == ["country:UA"]
    assert gazetteer_index.demonym("emirati")[0].geonameid == 290557
    assert gazetteer_index.demonym("texan")[0].admin1_code == "US-TX"
    congolese = {e.id for e in gazetteer_index.demonym("congolese")}
    assert congolese == {"country:CD", "country:CG"}
    assert gazetteer_index.demonym("moscow") == []


def test_entry_from_row_puts_each_column_in_its_field() -> None:
    """Entries are built positionally (a lookup builds thousands): each column must
    still land in the field of its name, whatever the order of the record's fields."""
    values = {
        "id": "gn:1", "name": "Name", "lat": 1.5, "lon": 2.5, "feature_type": "city",
        "country_code": "US", "admin1": "Texas", "admin1_code": "US-TX", "population": 7,
        "geonameid": 11, "source": "src", "feature_code": "PPL", "min_lon": -1.0,
        "min_lat": -2.0, "max_lon": 3.0, "max_lat": 4.0, "prominence": 9.0, "address": "a",
    }  # fmt: skip
    entry = entry_from_row(tuple(values[c] for c in ENTRY_COLUMNS))
    for field in dataclasses.fields(entry):
        expected = values.get(field.name, (-1.0, -2.0, 3.0, 4.0))  # bbox from the corners
        assert getattr(entry, field.name) == expected, field.name
    blank = dict(values, country_code="", admin1="", admin1_code="", population=None,
                 feature_code="", min_lon=None)  # fmt: skip
    entry = entry_from_row(tuple(blank[c] for c in ENTRY_COLUMNS))
    assert (entry.country_code, entry.admin1, entry.admin1_code) == (None, None, None)
    assert (entry.population, entry.feature_code, entry.bbox) == (0, None, None)


def test_get_and_address(gazetteer_index: GazetteerIndex) -> None:
    entry = gazetteer_index.get("gn:578072")
    assert entry is not None and entry.name == "Belgorod"
    assert gazetteer_index.address(entry.id) == "Belgorod, Belgorod Oblast, Russia"
    assert gazetteer_index.get("gn:0") is None


def test_nearest_finds_the_closest_city(gazetteer_index: GazetteerIndex) -> None:
    near = gazetteer_index.nearest(50.61, 36.59, limit=3)
    assert near[0].geonameid == 578072  # Belgorod, about 1 km away
    assert len(near) == 3


# ---------------------------------------------------------------------------- shapes


def test_country_and_admin1_polygons() -> None:
    import shapely

    countries = shapes.countries()
    assert {"iso_a2", "name", "geometry"} <= set(countries.columns)
    assert countries.crs.to_epsg() == 4326
    simferopol = shapely.Point(34.10, 44.95)
    assert countries.loc[countries.contains(simferopol), "iso_a2"].tolist() == ["UA"]
    kharkiv = shapely.Point(36.23, 49.99)
    admin1 = shapes.admin1()
    assert {"iso_3166_2", "name", "country_code", "type", "geometry"} <= set(admin1.columns)
    assert admin1.loc[admin1.contains(kharkiv), "iso_3166_2"].tolist() == ["UA-63"]


# ---------------------------------------------------------------------------- rebuilds


def test_index_rebuilds_when_an_input_changes(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(default_data_dir(), data)
    cache = tmp_path / "cache"
    small = {"data_dir": data, "min_city_population": 15000, "progress": False}
    with GazetteerIndex.open(cache, **small) as index:
        assert index.lookup("Xanadu Rock") == []
    built = (cache / INDEX_FILE).stat().st_mtime_ns

    with GazetteerIndex.open(cache, **small):  # unchanged inputs: reused as is
        pass
    assert (cache / INDEX_FILE).stat().st_mtime_ns == built

    with (data / "curated.csv").open("a", encoding="utf-8") as fh:
        fh.write("curated:xanadu-rock,Xanadu Rock,,,island,ISL,-10.5,150.25,PG,,,6.5,test row\n")
    with GazetteerIndex.open(cache, **small) as index:
        rock = index.lookup("xanadu rock")
        assert [(e.id, e.lat, e.lon, e.country_code) for e in rock] == [
            ("curated:xanadu-rock", -10.5, 150.25, "PG")
        ]
    conn = sqlite3.connect(cache / INDEX_FILE)
    assert conn.execute("SELECT value FROM meta WHERE key='min_city_population'").fetchone() == (
        "15000",
    )
    conn.close()
    assert not list(cache.glob("*.tmp"))
