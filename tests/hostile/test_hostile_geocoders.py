"""Issue 10 §5 and §7: hostile configuration, caches and geocoder answers.

* Bad config values are refused in one line (exit 1) when read, before any request:
  a file that is not UTF-8, timeouts that are negative, zero, NaN or text, retries of
  100,000 or -1, a ``geocoders`` key that is not a table.
* A damaged answer cache (garbage bytes, a table of the wrong shape) is reset with a
  warning and the run goes on (exit 0, ``geomap:`` warning lines allowed).
* A geocoder answering with wrong JSON types, or trickling one byte a second, is
  ignored or cut off by its timeout; the run finishes on the gazetteer (exit 0,
  warnings allowed).
* A gazetteer index truncated in the middle is rebuilt with a message (exit 0) or
  refused in one line that says how to rebuild it (exit 1); a cache "directory"
  that is a file is one line.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from hostile_cli import (
    INDEX_FILE,
    Ahead,
    Sandbox,
    assert_failed_cleanly,
    assert_input_error,
    assert_succeeded,
)
from hostile_servers import KHARKIV, HostileNominatim, nominatim_options

CONFIGS = ["latin1.toml", "utf16.toml", "negative-timeout.toml", "zero-timeout.toml",
           "nan-timeout.toml", "string-timeout.toml", "retries.toml", "negative-retries.toml",
           "table-not-table.toml"]  # fmt: skip
ANSWER_CACHE = "geocoder-answers.sqlite"


def _bad_config(box: Sandbox, inputs: Path, name: str) -> None:
    shutil.copy(inputs / "configs" / name, box.config)
    with HostileNominatim([KHARKIV]) as server:
        server.script(*["500"] * 1000)  # were retries obeyed, this would never end
        run = box.run("map", inputs / "good.txt", *nominatim_options(server.domain), timeout=30)
        asked = len(server.requests)
    assert_input_error(run)
    assert asked == 0, f"the config was used before it was checked ({asked} requests)"
    assert not (box.work / "maps").exists()


def _bad_option(box: Sandbox, inputs: Path, option: str) -> None:
    with HostileNominatim([KHARKIV]) as server:
        server.script(*["500"] * 1000)
        args = [*nominatim_options(server.domain), "--geocoder-option", option]
        run = box.run("map", inputs / "good.txt", *args, timeout=30)
        asked = len(server.requests)
    assert_failed_cleanly(run)
    assert asked == 0, f"the option was used before it was checked ({asked} requests)"


def _damage_answer_cache(cache: Path, kind: str) -> None:
    path = cache / ANSWER_CACHE
    if kind == "garbage":
        path.write_bytes(b"this is not a database\x00" * 500)
    elif kind == "wrong-shape":
        with sqlite3.connect(path) as conn:
            conn.execute("CREATE TABLE answers (service, key, junk)")
            conn.execute("INSERT INTO answers VALUES ('nominatim', 'k', 'x')")
    elif kind == "bad-rows":  # rows a first run stored, then spoiled
        bad = ['{"not": "a list"}', "[1, 2]", "not json",
               '[{"address": null, "point": "x", "raw": 5}]']  # fmt: skip
        with sqlite3.connect(path) as conn:
            keys = [r[0] for r in conn.execute("SELECT key FROM answers")]
            assert keys, "the first run stored no answers: nothing to spoil"
            conn.executemany("UPDATE answers SET answer = ? WHERE key = ?",
                             [(bad[n % len(bad)], key) for n, key in enumerate(keys)])  # fmt: skip
    else:
        raise AssertionError(kind)


def _damaged_cache(box: Sandbox, inputs: Path, kind: str) -> None:
    with HostileNominatim([KHARKIV]) as server:
        args = [inputs / "good.txt", *nominatim_options(server.domain)]
        if kind == "bad-rows":
            assert_succeeded(box.run("map", *args), warnings=True)
        _damage_answer_cache(box.cache, kind)
        run = box.run("map", *args)
    assert_succeeded(run, warnings=True)
    assert (box.work / "maps" / "good.html").is_file()
    again = box.run("cache", "stats")
    assert_succeeded(again, warnings=True)


WRONG_TYPES = {
    "lists-for-objects": {"address": ["Kharkiv"], "boundingbox": {"a": 1}, "extratags": [1]},
    "text-coordinates": {"lat": "north", "lon": "east"},
    "null-coordinates": {"lat": None, "lon": None},
    "huge-latitude": {"lat": "1e308"},
    "nan-coordinates": {"lat": "NaN", "lon": "NaN"},
    "numbers-for-text": {"name": 5, "display_name": 7, "addresstype": [1], "osm_id": {"x": 1}},
}


def _wrong_types(box: Sandbox, inputs: Path, label: str) -> None:
    with HostileNominatim([KHARKIV], overrides=WRONG_TYPES[label]) as server:
        args = nominatim_options(server.domain, max_retries=0)
        run = box.run("map", inputs / "good.txt", "--geojson", "out.geojson", *args)
        asked = len(server.requests)
    assert asked, "the fake Nominatim was never asked: the case tests nothing"
    assert_succeeded(run, warnings=True)
    assert "1e+308" not in (box.work / "out.geojson").read_text()


def _trickle(box: Sandbox, inputs: Path) -> None:
    with HostileNominatim([KHARKIV], trickle=True) as server:
        args = nominatim_options(server.domain, timeout=2, max_retries=0)
        run = box.run("map", inputs / "good.txt", *args, timeout=45)
    assert_succeeded(run, warnings=True)
    assert (box.work / "maps" / "good.html").is_file()


def _truncated_index(box: Sandbox, inputs: Path, index_file: Path) -> None:
    """A private copy of the index, cut in the middle ("database disk image is
    malformed").  The first run rebuilds it (exit 0, saying so) or says how to; every
    later run works or says the same, never an internal error."""
    (box.cache / INDEX_FILE).unlink()  # the shared index's symlink: replaced by a copy
    size = index_file.stat().st_size
    with index_file.open("rb") as source, (box.cache / INDEX_FILE).open("wb") as copy:
        copy.write(source.read(size // 2))
    for _ in range(2):
        run = box.run("map", inputs / "good.txt", timeout=240)
        if run.returncode == 0:
            assert_succeeded(run, warnings=True)
        else:
            assert_input_error(run)
            assert "rebuil" in run.stderr or "delete" in run.stderr or "remove" in run.stderr, (
                run.describe())  # fmt: skip


def _cache_is_a_file(box: Sandbox, inputs: Path) -> None:
    not_a_folder = box.root / "cache-file"
    not_a_folder.write_bytes(b"not a folder")
    run = box.run("map", inputs / "good.txt", env={"GEOMAP_CACHE_DIR": str(not_a_folder)})
    assert_input_error(run)
    assert not_a_folder.read_bytes() == b"not a folder"


@pytest.fixture(scope="module")
def cases(ahead: Ahead, new_box: Callable[..., Sandbox], hostile_inputs: Path,
          index_file: Path) -> Ahead:  # fmt: skip
    box = lambda: new_box("geocoders")  # noqa: E731
    # The index rebuild first: it is the longest, and the rest overlaps it.
    ahead.each(test_truncated_gazetteer_index, _truncated_index, box, inputs=hostile_inputs,
               index_file=index_file)  # fmt: skip
    for test, body in ((test_bad_config_is_refused_when_read, _bad_config),
                       (test_bad_geocoder_option_is_refused, _bad_option),
                       (test_damaged_answer_cache_is_reset, _damaged_cache),
                       (test_wrongly_typed_answer_is_ignored, _wrong_types),
                       (test_trickling_geocoder_is_cut_off, _trickle),
                       (test_cache_directory_that_is_a_file, _cache_is_a_file)):  # fmt: skip
        ahead.each(test, body, box, inputs=hostile_inputs)
    return ahead


@pytest.mark.parametrize("name", CONFIGS)
def test_bad_config_is_refused_when_read(cases: Ahead, request: pytest.FixtureRequest,
                                         name: str) -> None:  # fmt: skip
    cases.result(request)


@pytest.mark.parametrize("option", ["timeout=-5", "max_retries=100000", "timeout=nan"])
def test_bad_geocoder_option_is_refused(cases: Ahead, request: pytest.FixtureRequest,
                                        option: str) -> None:  # fmt: skip
    cases.result(request)


@pytest.mark.parametrize("kind", ["garbage", "wrong-shape", "bad-rows"])
def test_damaged_answer_cache_is_reset(cases: Ahead, request: pytest.FixtureRequest,
                                       kind: str) -> None:  # fmt: skip
    cases.result(request)


@pytest.mark.parametrize("label", sorted(WRONG_TYPES))
def test_wrongly_typed_answer_is_ignored(cases: Ahead, request: pytest.FixtureRequest,
                                         label: str) -> None:  # fmt: skip
    cases.result(request)


def test_trickling_geocoder_is_cut_off(cases: Ahead, request: pytest.FixtureRequest) -> None:
    cases.result(request)


def test_truncated_gazetteer_index(cases: Ahead, request: pytest.FixtureRequest) -> None:
    """A private copy of the index, cut in the middle ("database disk image is
    malformed"): rebuilt with a message, or one line saying how; never an internal error,
    on the first run or the next."""
    cases.result(request)


def test_cache_directory_that_is_a_file(cases: Ahead, request: pytest.FixtureRequest) -> None:
    cases.result(request)
