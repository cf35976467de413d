"""The geocoder answer cache when its file is damaged or holds rows of the wrong shape:
reset (or the row dropped) with one warning, and the run goes on asking the service."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from fake_geocoders import FakeGeocoderServer, FakePlace

from geomap.cli.main import cli
from geomap.gazetteer.index import CACHE_ENV
from geomap.geocoders import AnswerCache, build_service
from geomap.geocoders.cache import CACHE_FILE

PLACES = [FakePlace("Tokmak", 47.2551, 35.7058, "node", 337412999, "town", "Ukraine", "ua",
                    "Zaporizhzhia Oblast", "UA-23", 29740)]  # fmt: skip
FAST = {"min_delay_seconds": 0, "backoff_seconds": 0.05, "timeout": 1.0, "max_retries": 0}


@pytest.fixture
def server() -> Iterator[FakeGeocoderServer]:
    with FakeGeocoderServer(PLACES) as s:
        yield s


def _nominatim(server: FakeGeocoderServer, cache: AnswerCache):
    opts = {"domain": server.domain, "scheme": "http", **FAST}
    return build_service("nominatim", opts, cache=cache, config={})


def _warnings(capfd: pytest.CaptureFixture[str]) -> list[str]:
    return capfd.readouterr().err.strip().splitlines()


@pytest.mark.parametrize(
    "content",
    [b"this is not a database" * 100, b"SQLite format 3\x00" + b"\xff" * 8192],
    ids=["not SQLite", "garbage after the header"],
)
def test_a_damaged_cache_file_is_replaced_with_a_warning(server, tmp_path, capfd, content) -> None:
    path = tmp_path / CACHE_FILE
    path.write_bytes(content)
    cache = AnswerCache(path)
    (warning,) = _warnings(capfd)
    assert warning.startswith(f"geomap: the geocoder answer cache {path} is damaged (")
    assert warning.endswith("starting a new one")
    assert _nominatim(server, cache).geocode("Tokmak").latitude == pytest.approx(47.2551)
    assert _nominatim(server, cache).geocode("Tokmak") is not None
    assert len(server.requests) == 1  # the new cache keeps answers
    cache.close()


def test_a_cache_of_another_shape_is_replaced(tmp_path, capfd) -> None:
    path = tmp_path / CACHE_FILE
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE answers (service TEXT, answer TEXT)")
    conn.execute("INSERT INTO answers VALUES ('nominatim', '[]')")
    conn.commit()
    conn.close()
    cache = AnswerCache(path)
    (warning,) = _warnings(capfd)
    assert "columns ['service', 'answer']" in warning and "starting a new one" in warning
    assert cache.stats().answers == {}
    cache.close()


def test_rows_of_the_wrong_shape_are_dropped_and_asked_again(server, tmp_path, capfd) -> None:
    path = tmp_path / CACHE_FILE
    cache = AnswerCache(path)
    service = _nominatim(server, cache)
    params = service.query_options | {"exactly_one": False}
    key = cache.key("Tokmak", params | {"method": "geocode", "endpoint": service.endpoint})
    bad_answers = ["not json", '{"address": "x"}', '[{"point": "north"}]', "[[1, 2]]",
                   '[{"address": "T", "point": [1e308, 0], "raw": {}}]', "[" * 50_000]  # fmt: skip
    for asked, answer in enumerate(bad_answers, start=1):
        conn = sqlite3.connect(path)
        conn.execute(
            "INSERT OR REPLACE INTO answers VALUES ('nominatim', ?, 'Tokmak', '{}', ?, ?)",
            (key, time.time(), answer),
        )
        conn.commit()
        conn.close()
        (found,) = service.geocode("Tokmak", exactly_one=False)
        assert found.address == "Tokmak, Zaporizhzhia Oblast, Ukraine"
        assert len(server.requests) == asked  # the bad row was dropped, the service asked
    warnings = _warnings(capfd)
    assert len(warnings) == 1 and "holds an unreadable answer" in warnings[0]
    assert service.geocode("Tokmak", exactly_one=False)  # the good answer is kept
    assert len(server.requests) == len(bad_answers)
    cache.close()


def test_a_row_with_a_text_timestamp_is_dropped(tmp_path, capfd) -> None:
    path = tmp_path / CACHE_FILE
    cache = AnswerCache(path)
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO answers VALUES ('photon', ?, 'Kyiv', '{}', 'yesterday', '[]')",
        (cache.key("Kyiv", {}),),
    )
    conn.commit()
    conn.close()
    assert cache.get("photon", "Kyiv", {}) is None
    assert "unreadable answer (ValueError" in _warnings(capfd)[0]
    cache.close()


def test_cache_stats_on_a_damaged_file_warns_and_reports_an_empty_cache(tmp_path) -> None:
    (tmp_path / CACHE_FILE).write_bytes(b"\x00garbage" * 1000)
    done = CliRunner().invoke(cli, ["cache", "stats"], env={CACHE_ENV: str(tmp_path)})
    assert done.exit_code == 0, done.output
    (warning,) = done.stderr.strip().splitlines()
    assert warning.startswith("geomap: the geocoder answer cache ") and "damaged" in warning
    assert "answers: 0 (0 expired)" in done.stdout


def test_a_cache_folder_that_is_a_file_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "cache").write_text("x", encoding="utf-8")
    done = CliRunner().invoke(cli, ["cache", "stats"], env={CACHE_ENV: str(tmp_path / "cache")})
    assert done.exit_code == 1
    (line,) = done.stderr.strip().splitlines()
    assert line.startswith(f"geomap: cannot keep geocoder answers in {tmp_path}/cache")
    assert CACHE_ENV in line
