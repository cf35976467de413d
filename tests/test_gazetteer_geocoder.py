"""The gazetteer through geopy's interface and through ``geomap geocode``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from geomap.cli.main import cli
from geomap.errors import GeomapError
from geomap.gazetteer.geocoder import GazetteerGeocoder
from geomap.gazetteer.index import GazetteerIndex
from geomap.geocoders.entries import entry_from_location


def test_geocode_returns_a_geopy_location_with_the_record(
    gazetteer_index: GazetteerIndex,
) -> None:
    geocoder = GazetteerGeocoder(index=gazetteer_index)
    assert isinstance(geocoder, Geocoder)
    location = geocoder.geocode("Belgorod")
    assert isinstance(location, Location)
    assert location.address == "Belgorod, Belgorod Oblast, Russia"
    assert (round(location.latitude, 1), round(location.longitude, 1)) == (50.6, 36.6)
    assert location.raw["geonameid"] == 578072
    assert location.raw["feature_type"] == "city"
    entry = entry_from_location(location, "gazetteer")
    assert entry == gazetteer_index.get("gn:578072")


def test_geocode_filters_and_lists(gazetteer_index: GazetteerIndex) -> None:
    geocoder = GazetteerGeocoder(index=gazetteer_index)
    regions = geocoder.geocode("Belgorod", exactly_one=False, feature_types="admin1")
    assert [loc.raw["id"] for loc in regions] == ["ne-admin1:RU-BEL"]
    in_us = geocoder.geocode("Paris", exactly_one=False, country_codes=["US"], limit=2)
    assert len(in_us) == 2 and all(loc.raw["country_code"] == "US" for loc in in_us)
    assert geocoder.geocode("Xqzzyville") is None
    assert geocoder.geocode("Xqzzyville", exactly_one=False) == []


def test_reverse_finds_the_nearest_place(gazetteer_index: GazetteerIndex) -> None:
    geocoder = GazetteerGeocoder(index=gazetteer_index)
    location = geocoder.reverse("45.25, 30.20", feature_types=["island"])
    assert location is not None and location.raw["name"] == "Snake Island"
    paris = geocoder.reverse((48.8566, 2.3522))
    assert paris.raw["country_code"] == "FR" and paris.raw["admin1"] == "Paris"


def test_a_foreign_location_is_read_as_its_service_answer_not_as_an_entry() -> None:
    foreign = Location("Somewhere", (1.0, 2.0), {"place_id": 1, "display_name": "Somewhere"})
    entry = entry_from_location(foreign, "nominatim")
    assert entry.id.startswith("nominatim") and (entry.lat, entry.lon) == (1.0, 2.0)


def test_cli_prints_a_table_json_lines_and_fails_on_unknown_names(gazetteer_cache: Path) -> None:
    runner = CliRunner()
    env = {"GEOMAP_CACHE_DIR": str(gazetteer_cache)}
    table = runner.invoke(cli, ["geocode", "Snake Island", "--country", "UA"], env=env)
    assert table.exit_code == 0, table.output
    assert "Snake Island" in table.output and "island" in table.output

    lines = runner.invoke(cli, ["geocode", "Georgia", "--json", "--limit", "2"], env=env)
    assert lines.exit_code == 0
    records = [json.loads(line) for line in lines.output.splitlines()]
    assert [r["feature_type"] for r in records] == ["country", "admin1"]
    assert records[0]["geonameid"] == 614540

    missing = runner.invoke(cli, ["geocode", "Xqzzyville"], env=env)
    assert missing.exit_code == 1
    assert missing.stdout == ""
    assert missing.stderr == "geomap: no place called 'Xqzzyville' in the gazetteer\n"


def test_us_counties_are_in_the_index_under_their_full_name(
    gazetteer_index: GazetteerIndex,
) -> None:
    geocoder = GazetteerGeocoder(index=gazetteer_index)
    found = geocoder.geocode("Washington County", exactly_one=False, limit=100)
    assert len({loc.raw["admin1"] for loc in found}) >= 25  # one in most states
    [kentucky] = geocoder.geocode("Laurel County", exactly_one=False)
    assert kentucky.raw["admin1"] == "Kentucky"
    # a second-level unit of its state (UCDP precision 3 for an incident there)
    assert kentucky.raw["feature_code"] == "ADM2" and kentucky.raw["feature_type"] == "admin2"
    assert abs(kentucky.latitude - 37.1) < 0.3 and abs(kentucky.longitude + 84.1) < 0.3
    parishes = geocoder.geocode("Rapides Parish", exactly_one=False)
    assert [loc.raw["admin1"] for loc in parishes] == ["Louisiana"]
    # the bare name still means the towns, not the county
    assert all(
        loc.raw["feature_code"] != "ADM2" for loc in geocoder.geocode("Laurel", exactly_one=False)
    )


def test_the_offline_geocoder_has_no_http_session_and_sends_nothing(
    gazetteer_index: GazetteerIndex,
) -> None:
    """No HTTPS session is opened for a geocoder that never sends a request (geopy's
    default adapter loads the system's certificates for each geocoder made)."""
    geocoder = GazetteerGeocoder(index=gazetteer_index)
    assert not hasattr(geocoder.adapter, "session")
    found = geocoder.geocode("Kharkiv")
    assert isinstance(found, Location) and found.raw["country_code"] == "UA"
    with pytest.raises(GeomapError, match="makes no network requests"):
        geocoder.adapter.get_json("https://example.org/", timeout=1, headers={})
