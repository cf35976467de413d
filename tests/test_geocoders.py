"""Online geocoders through geopy against a fake Nominatim and Photon on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fake_geocoders import FakeGeocoderServer, FakePlace

from geomap.errors import GeomapError
from geomap.geocoders import (
    AnswerCache,
    ServiceUnreachable,
    build_geocoder,
    build_service,
    entry_from_location,
)
from geomap.geocoders.config import parse_option

PLACES = [
    FakePlace("Robotyne", 47.4497, 35.8372, "node", 337412120, "village", "Ukraine", "ua",
              "Zaporizhzhia Oblast", "UA-23", 480),
    FakePlace("Orikhiv", 47.5676, 35.7850, "node", 337412555, "town", "Ukraine", "ua",
              "Zaporizhzhia Oblast", "UA-23", 14136),
    FakePlace("Zaporizhzhia Oblast", 47.5, 35.8, "relation", 71980, "state", "Ukraine", "ua",
              "Zaporizhzhia Oblast", "UA-23", None, place_rank=8),
    FakePlace("Tokmak", 47.2551, 35.7058, "node", 337412999, "town", "Ukraine", "ua",
              "Zaporizhzhia Oblast", "UA-23", 29740),
]  # fmt: skip
FAST = {"min_delay_seconds": 0, "backoff_seconds": 0.05, "timeout": 0.5, "max_retries": 2}


@pytest.fixture
def server() -> Iterator[FakeGeocoderServer]:
    with FakeGeocoderServer(PLACES) as s:
        yield s


@pytest.fixture
def answers(tmp_path: Path) -> Iterator[AnswerCache]:
    cache = AnswerCache(tmp_path / "answers.sqlite")
    yield cache
    cache.close()


def service(server: FakeGeocoderServer, name: str, cache: Any = False, **options: Any):
    opts = {"domain": server.domain, "scheme": "http", **FAST, **options}
    return build_service(name, opts, cache=cache, config={})


def test_nominatim_answer_is_read_into_a_ranked_entry(server: FakeGeocoderServer) -> None:
    found = service(server, "nominatim").geocode("Robotyne", exactly_one=False)
    assert [loc.address for loc in found] == ["Robotyne, Zaporizhzhia Oblast, Ukraine"]
    (request,) = server.requests
    assert request.path == "/search"
    assert request.params["addressdetails"] == ["1"]  # what resolution needs is asked for
    assert request.user_agent.startswith("geomap/")
    assert found[0].raw["geomap_geocoder"] == "nominatim"
    e = entry_from_location(found[0], "nominatim")
    assert (e.id, e.name, e.feature_type, e.country_code) == (
        "nominatim:N337412120", "Robotyne", "village", "UA")  # fmt: skip
    assert (e.admin1, e.admin1_code, e.population) == ("Zaporizhzhia Oblast", "UA-23", 480)
    assert (e.lat, e.lon) == pytest.approx((47.4497, 35.8372))


def test_nominatim_region_and_photon_answers(server: FakeGeocoderServer) -> None:
    region = service(server, "nominatim").geocode("Zaporizhzhia Oblast")
    e = entry_from_location(region, "nominatim")
    assert (e.feature_type, e.admin1, e.bbox) == (
        "admin1", "Zaporizhzhia Oblast", pytest.approx((35.6, 47.3, 36.0, 47.7)))  # fmt: skip
    town = service(server, "photon").geocode("Tokmak")
    assert server.requests[-1].path == "/api"
    e = entry_from_location(town, "photon")
    assert (e.id, e.feature_type, e.country_code, e.admin1) == (
        "photon:N337412999", "city", "UA", "Zaporizhzhia Oblast")  # fmt: skip
    assert (e.lat, e.lon) == pytest.approx((47.2551, 35.7058))


KINDS = [
    FakePlace("Kupianskyi Raion", 49.7, 37.6, "relation", 1742401, "district", "Ukraine", "ua",
              "Kharkiv Oblast", "UA-63", None, place_rank=12),
    FakePlace("Laurel County", 37.1, -84.1, "relation", 1801702, "county", "United States",
              "us", "Kentucky", "US-KY", None, place_rank=12),
    FakePlace("Synkivka", 49.8, 37.7, "node", 1742402, "hamlet", "Ukraine", "ua",
              "Kharkiv Oblast", "UA-63", 90),
    FakePlace("Saltivka", 50.0, 36.3, "node", 1742403, "suburb", "Ukraine", "ua",
              "Kharkiv Oblast", "UA-63", None),
    FakePlace("Pokrovska Hromada", 48.3, 37.2, "relation", 1742404, "municipality", "Ukraine",
              "ua", "Donetsk Oblast", "UA-14", None, place_rank=14),
]  # fmt: skip


@pytest.mark.parametrize("name", ["nominatim", "photon"])
def test_osm_kinds_of_place_are_the_feature_table_rows(name: str) -> None:
    """A county or raion is an admin2, a hromada an admin3, a hamlet a village and a suburb
    a neighbourhood, as the gazetteer's own places are: resolution's type features (a
    "district" fits an admin2) and the map's styles read the same table for both."""
    with FakeGeocoderServer(KINDS) as kinds:
        g = service(kinds, name)
        got = {p.name: entry_from_location(g.geocode(p.name), name) for p in KINDS}
    assert {n: e.feature_type for n, e in got.items()} == {
        "Kupianskyi Raion": "admin2", "Laurel County": "admin2", "Synkivka": "village",
        "Saltivka": "neighbourhood", "Pokrovska Hromada": "admin3",
    }  # fmt: skip
    # a unit keeps its box (containment reads it); a village's is only its outline
    assert got["Kupianskyi Raion"].bbox is not None and got["Synkivka"].bbox is None


@pytest.mark.parametrize("name", ["nominatim", "photon"])
def test_no_answer_is_an_empty_list_and_is_cached(
    server: FakeGeocoderServer, answers: AnswerCache, name: str
) -> None:
    g = service(server, name, cache=answers)
    assert g.geocode("Atlantis", exactly_one=False) == []
    server.script("empty")
    assert g.geocode("Robotyne") is None
    assert service(server, name, cache=answers).geocode("Atlantis", exactly_one=False) == []
    assert len(server.requests) == 2


def test_429_then_success_waits_for_retry_after(server: FakeGeocoderServer) -> None:
    server.script("429")
    found = service(server, "nominatim").geocode("Tokmak")
    assert found.address.startswith("Tokmak")
    first, second = server.times()
    assert second - first >= 0.9  # the fake sends Retry-After: 1


def test_500_is_retried_then_reported_unreachable(server: FakeGeocoderServer) -> None:
    server.script("500")
    assert service(server, "photon").geocode("Orikhiv") is not None
    assert len(server.requests) == 2
    server.script("500", "500", "500")
    with pytest.raises(ServiceUnreachable, match=r"after 3 tries.*500"):
        service(server, "photon").geocode("Tokmak")
    assert len(server.requests) == 5


def test_timeout_is_retried(server: FakeGeocoderServer) -> None:
    server.script("slow")
    assert service(server, "nominatim").geocode("Orikhiv") is not None
    server.script("slow")
    with pytest.raises(ServiceUnreachable, match="timed out"):
        service(server, "nominatim", max_retries=0).geocode("Tokmak")


def test_malformed_json_is_retried_then_unreachable(server: FakeGeocoderServer) -> None:
    server.script("malformed")
    assert service(server, "nominatim").geocode("Robotyne") is not None
    server.script("malformed", "malformed", "malformed")
    with pytest.raises(ServiceUnreachable):
        service(server, "nominatim").geocode("Robotyne")
    assert len(server.requests) == 5


@pytest.mark.parametrize(("status", "reason"), [("401", "authentication"), ("403", "may not")])
def test_refusal_is_one_clear_line_without_retries(
    server: FakeGeocoderServer, status: str, reason: str
) -> None:
    server.script(status)
    with pytest.raises(GeomapError, match=f"photon refused the request: .*{reason}") as e:
        service(server, "photon").geocode("Tokmak")
    assert "\n" not in str(e.value) and "GEOMAP_PHOTON_API_KEY" in str(e.value)
    assert len(server.requests) == 1


def test_cached_repeat_makes_no_request(server: FakeGeocoderServer, tmp_path: Path) -> None:
    path = tmp_path / "answers.sqlite"
    first = service(server, "nominatim", cache=AnswerCache(path)).geocode("Robotyne")
    n = len(server.requests)
    again = service(server, "nominatim", cache=AnswerCache(path)).geocode("Robotyne")
    assert len(server.requests) == n == 1
    assert (again.address, again.point, again.raw) == (first.address, first.point, first.raw)
    stale = service(server, "nominatim", cache=AnswerCache(path, expire_days=0))
    stale.geocode("Robotyne")
    assert len(server.requests) == 2


def test_nominatim_is_asked_at_most_once_a_second(server: FakeGeocoderServer) -> None:
    g = build_service(
        "nominatim", {"domain": server.domain, "scheme": "http"}, cache=False, config={}
    )
    for name in ("Robotyne", "Orikhiv", "Tokmak", "Atlantis"):
        g.geocode(name)
    times = server.times()
    assert len(times) == 4
    for t in times:  # no one-second window holds two requests
        assert sum(t <= u < t + 0.95 for u in times) == 1


def test_options_come_from_command_line_environment_and_config(
    server: FakeGeocoderServer, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert parse_option("timeout=5") == ("timeout", 5)
    assert parse_option("domain=127.0.0.1:8080") == ("domain", "127.0.0.1:8080")
    config = tmp_path / "config.toml"
    config.write_text(
        'user_agent = "newsroom-maps/2.0 (maps@example.org)"\n'
        '[geocoders.photon]\nmin_delay_seconds = 0\nscheme = "http"\n'
    )
    monkeypatch.setenv("GEOMAP_CONFIG", str(config))
    monkeypatch.setenv("GEOMAP_PHOTON_DOMAIN", server.domain)
    g = build_service("photon", {"limit": 3}, cache=False)
    assert g.geocode("Tokmak") is not None
    request = server.requests[-1]
    assert request.user_agent == "newsroom-maps/2.0 (maps@example.org)"
    assert request.params["limit"] == ["1"]  # exactly_one
    g.geocode("Tokmak", exactly_one=False)
    assert server.requests[-1].params["limit"] == ["3"]


def test_bad_names_and_options_are_one_line_errors() -> None:
    with pytest.raises(GeomapError, match="unknown geocoder 'nominatium'"):
        build_geocoder("nominatium", config={})
    with pytest.raises(GeomapError, match="photon has no option 'api_kee'"):
        build_service("photon", {"api_kee": "x"}, config={})
    with pytest.raises(GeomapError, match=r"opencage needs api_key.*GEOMAP_OPENCAGE_API_KEY"):
        build_service("opencage", {}, config={})
    with pytest.raises(GeomapError, match="KEY=VALUE"):
        build_geocoder("nominatim", ["timeout"], config={})
