"""Hostile geocoder answers from a fake Nominatim on 127.0.0.1: wrong JSON types, 50 MB,
one byte at a time. Each bad answer is ignored with one warning and the run goes on."""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Iterator
from typing import Any

import pytest
from fake_geocoders import FakeGeocoderServer, FakePlace
from geopy.location import Location

from geomap.errors import GeomapError
from geomap.geocoders import (
    MAX_ANSWER_BYTES,
    ServiceUnreachable,
    build_geocoder,
    build_service,
    entry_from_location,
)

PLACES = [
    FakePlace("Tokmak", 47.2551, 35.7058, "node", 337412999, "town", "Ukraine", "ua",
              "Zaporizhzhia Oblast", "UA-23", 29740),
    FakePlace("Orikhiv", 47.5676, 35.7850, "node", 337412555, "town", "Ukraine", "ua",
              "Zaporizhzhia Oblast", "UA-23", 14136),
]  # fmt: skip
FAST = {"min_delay_seconds": 0, "backoff_seconds": 0.05, "timeout": 1.0, "max_retries": 1}

WRONG_TYPES = {
    "a list of lists": "[[47.2, 35.7]]",
    "a string": '"Tokmak"',
    "text coordinates": '[{"place_id": 1, "lat": "north", "lon": "east", "display_name": "T"}]',
    "NaN": '[{"place_id": 1, "lat": NaN, "lon": 35.7, "display_name": "T"}]',
    "latitude 1e308": '[{"place_id": 1, "lat": "1e308", "lon": "35.7", "display_name": "T"}]',
    "infinity": '[{"place_id": 1, "lat": 1e400, "lon": 35.7, "display_name": "T"}]',
    "deep nesting": "[" * 100_000 + "]" * 100_000,
}


@pytest.fixture
def server() -> Iterator[FakeGeocoderServer]:
    with FakeGeocoderServer(PLACES, trickle_seconds=0.2) as s:
        yield s


def online(server: FakeGeocoderServer, notices: list[str], **options: Any):
    """``--geocoder nominatim`` as the CLI builds it: online first, gazetteer fallback."""
    opts = {"domain": server.domain, "scheme": "http", **FAST, **options}
    return build_geocoder("nominatim", opts, cache=False, config={}, notify=notices.append)


@pytest.mark.parametrize("body", WRONG_TYPES.values(), ids=WRONG_TYPES.keys())
def test_a_wrongly_typed_answer_is_ignored_and_the_run_goes_on(
    server, gazetteer_cache, body
) -> None:
    notices: list[str] = []
    geocoder = online(server, notices)
    server.answer(body)
    found = geocoder.geocode("Tokmak", exactly_one=False)
    assert found and {loc.raw["geomap_geocoder"] for loc in found} == {"gazetteer"}
    assert len(server.requests) == 1  # not retried: the same question gets the same answer
    (notice,) = notices
    assert notice.startswith("nominatim answered 'Tokmak' with ") and "answer ignored" in notice
    assert geocoder.unreachable is None  # the service is still asked for the next name
    (orikhiv, *_) = geocoder.geocode("Orikhiv", exactly_one=False)
    assert orikhiv.raw["geomap_geocoder"] == "nominatim"


def test_fields_of_the_wrong_type_are_read_as_missing(server, gazetteer_cache) -> None:
    notices: list[str] = []
    server.answer(
        '[{"place_id": 7, "lat": "47.2551", "lon": "35.7058", "display_name": ["Tokmak"],'
        ' "name": {"en": "Tokmak"}, "address": [1, 2], "boundingbox": "everywhere",'
        ' "extratags": ["population"], "namedetails": [1], "population": 1e400,'
        ' "addresstype": 12, "country_code": ["ua"]}]'
    )
    (loc, *_) = online(server, notices).geocode("Tokmak", exactly_one=False)
    assert notices == [] and loc.raw["geomap_geocoder"] == "nominatim"
    assert (loc.raw["country_code"], loc.raw["bbox"], loc.raw["population"]) == (None, None, 0)
    assert (loc.latitude, loc.longitude) == pytest.approx((47.2551, 35.7058))


def test_an_impossible_box_in_an_answer_is_left_out() -> None:
    props = {"name": "X", "extent": ["w", 1e308, "nan", -1], "extra": [1],
             "countrycode": "Ukraine", "state": ["Z"], "osm_value": "state"}  # fmt: skip
    raw = {"properties": props}
    entry = entry_from_location(Location("X", (10.0, 20.0), raw), "photon")
    assert (entry.bbox, entry.population, entry.country_code) == (None, 0, None)
    assert (entry.feature_type, entry.admin1) == ("admin1", "X")


def test_an_answer_dressed_as_a_gazetteer_entry_is_read_as_the_services() -> None:
    """The converter gives back the entry a gazetteer location carries; an answer with the
    same keys but the wrong types (a hostile or broken service) is no such entry."""
    raw = {"id": ["gn:1"], "name": "Tokmak", "lat": "47.2", "lon": 35.7,
           "feature_type": "city", "source": "geonames", "addresstype": "town"}  # fmt: skip
    entry = entry_from_location(Location("Tokmak", (47.2551, 35.7058), raw), "nominatim")
    assert entry.id.startswith("nominatim:") and entry.source == "nominatim"
    assert (entry.lat, entry.feature_type) == (47.2551, "city")
    carried = {"id": "gn:706524", "name": "Tokmak", "lat": 47.2551, "lon": 35.7058,
               "feature_type": "city", "source": "geonames-cities500", "population": 29740,
               "bbox": None, "geomap_geocoder": "gazetteer"}  # fmt: skip
    entry = entry_from_location(Location("Tokmak", (47.2551, 35.7058), carried), "gazetteer")
    assert (entry.id, entry.source, entry.population) == ("gn:706524", "geonames-cities500", 29740)


def test_a_50_mb_answer_is_read_no_further_than_the_limit(server, gazetteer_cache) -> None:
    notices: list[str] = []
    server.script("huge")
    start = time.monotonic()
    found = online(server, notices).geocode("Tokmak", exactly_one=False)
    assert time.monotonic() - start < FAST["timeout"] * 2 + 5
    assert found and {loc.raw["geomap_geocoder"] for loc in found} == {"gazetteer"}
    assert notices == [
        f"nominatim answered 'Tokmak' with an answer larger than {MAX_ANSWER_BYTES // 10**6} MB;"
        " answer ignored"
    ]
    assert len(server.requests) == 1


def test_a_service_that_trickles_is_cut_off_by_the_timeout_as_a_total(server) -> None:
    """One byte every 0.2 s: each read is quick, the whole answer would take 20 s."""
    server.script("trickle", "trickle")
    opts = {"domain": server.domain, "scheme": "http", **FAST}
    service = build_service("nominatim", opts, cache=False, config={})
    start = time.monotonic()
    with pytest.raises(ServiceUnreachable, match="after 2 tries"):
        service.geocode("Tokmak")
    tries = FAST["max_retries"] + 1
    assert time.monotonic() - start < tries * FAST["timeout"] + 2
    assert len(server.requests) == tries


def test_a_request_the_service_cannot_be_asked_is_an_option_error(server) -> None:
    opts = {"domain": server.domain, "scheme": "http", **FAST, "limit": -1}
    with pytest.raises(GeomapError, match=r"nominatim cannot be asked .*check its options"):
        build_service("nominatim", opts, cache=False, config={}).geocode(
            "Tokmak", exactly_one=False
        )
    assert server.requests == []


def test_the_console_script_maps_through_bad_answers_with_one_warning_each(
    server, gazetteer_cache, tmp_path
) -> None:
    exe = shutil.which("geomap")
    if exe is None:
        pytest.skip("the geomap console script is not installed")
    (tmp_path / "leak.txt").write_text(
        "Gas leak in Kawasaki\n\nFirefighters in Kawasaki, Japan, evacuated 1,200 residents"
        " on Tuesday after a gas leak near Yokohama.\n",
        encoding="utf-8",
    )
    server.answer(WRONG_TYPES["latitude 1e308"], WRONG_TYPES["a list of lists"])
    server.script("huge")
    options = [f"domain={server.domain}", "scheme=http", "timeout=2", "min_delay_seconds=0"]
    done = subprocess.run(
        [exe, "map", "leak.txt", "--geocoder", "nominatim",
         *(arg for o in options for arg in ("--geocoder-option", o))],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    notices = done.stderr.strip().splitlines()
    assert len(notices) == 3 and all(
        n.startswith("geomap: nominatim answered ") and n.endswith("answer ignored")
        for n in notices
    ), done.stderr  # and no Python warning from geopy
    assert "Kawasaki" in (tmp_path / "data" / "leak.geojson").read_text(encoding="utf-8")
