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
from pathlib import Path

import pytest
from hostile_cli import (
    INDEX_FILE,
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


@pytest.mark.parametrize("name", CONFIGS)
def test_bad_config_is_refused_when_read(sandbox: Sandbox, hostile_inputs: Path,
                                         name: str) -> None:  # fmt: skip
    shutil.copy(hostile_inputs / "configs" / name, sandbox.config)
    with HostileNominatim([KHARKIV]) as server:
        server.script(*["500"] * 1000)  # were retries obeyed, this would never end
        run = sandbox.run("map", hostile_inputs / "good.txt", *nominatim_options(server.domain),
                          timeout=30)  # fmt: skip
        asked = len(server.requests)
    assert_input_error(run)
    assert asked == 0, f"the config was used before it was checked ({asked} requests)"
    assert not (sandbox.work / "maps").exists()


@pytest.mark.parametrize("option", ["timeout=-5", "max_retries=100000", "timeout=nan"])
def test_bad_geocoder_option_is_refused(sandbox: Sandbox, hostile_inputs: Path,
                                        option: str) -> None:  # fmt: skip
    with HostileNominatim([KHARKIV]) as server:
        server.script(*["500"] * 1000)
        args = [*nominatim_options(server.domain), "--geocoder-option", option]
        run = sandbox.run("map", hostile_inputs / "good.txt", *args, timeout=30)
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


@pytest.mark.parametrize("kind", ["garbage", "wrong-shape", "bad-rows"])
def test_damaged_answer_cache_is_reset(sandbox: Sandbox, hostile_inputs: Path,
                                       kind: str) -> None:  # fmt: skip
    with HostileNominatim([KHARKIV]) as server:
        args = [hostile_inputs / "good.txt", *nominatim_options(server.domain)]
        if kind == "bad-rows":
            assert_succeeded(sandbox.run("map", *args), warnings=True)
        _damage_answer_cache(sandbox.cache, kind)
        run = sandbox.run("map", *args)
    assert_succeeded(run, warnings=True)
    assert (sandbox.work / "maps" / "good.html").is_file()
    again = sandbox.run("cache", "stats")
    assert_succeeded(again, warnings=True)


WRONG_TYPES = {
    "lists-for-objects": {"address": ["Kharkiv"], "boundingbox": {"a": 1}, "extratags": [1]},
    "text-coordinates": {"lat": "north", "lon": "east"},
    "null-coordinates": {"lat": None, "lon": None},
    "huge-latitude": {"lat": "1e308"},
    "nan-coordinates": {"lat": "NaN", "lon": "NaN"},
    "numbers-for-text": {"name": 5, "display_name": 7, "addresstype": [1], "osm_id": {"x": 1}},
}


@pytest.mark.parametrize("label", sorted(WRONG_TYPES))
def test_wrongly_typed_answer_is_ignored(sandbox: Sandbox, hostile_inputs: Path,
                                         label: str) -> None:  # fmt: skip
    with HostileNominatim([KHARKIV], overrides=WRONG_TYPES[label]) as server:
        args = nominatim_options(server.domain, max_retries=0)
        run = sandbox.run("map", hostile_inputs / "good.txt", "--geojson", "out.geojson",
                          *args, timeout=60)  # fmt: skip
        asked = len(server.requests)
    assert asked, "the fake Nominatim was never asked: the case tests nothing"
    assert_succeeded(run, warnings=True)
    assert "1e+308" not in (sandbox.work / "out.geojson").read_text()


def test_trickling_geocoder_is_cut_off_by_its_timeout(sandbox: Sandbox,
                                                      hostile_inputs: Path) -> None:  # fmt: skip
    with HostileNominatim([KHARKIV], trickle=True) as server:
        args = nominatim_options(server.domain, timeout=2, max_retries=0)
        run = sandbox.run("map", hostile_inputs / "good.txt", *args, timeout=45)
    assert_succeeded(run, warnings=True)
    assert (sandbox.work / "maps" / "good.html").is_file()


def test_truncated_gazetteer_index(tmp_path: Path, index_file: Path,
                                   hostile_inputs: Path) -> None:  # fmt: skip
    """A private copy of the index, cut in the middle ("database disk image is
    malformed").  The first run rebuilds it (exit 0, saying so) or says how to; every
    later run works or says the same, never an internal error."""
    cache = tmp_path / "cache"
    cache.mkdir()
    size = index_file.stat().st_size
    with index_file.open("rb") as source, (cache / INDEX_FILE).open("wb") as copy:
        copy.write(source.read(size // 2))
    box = Sandbox(tmp_path, cache)
    for _ in range(2):
        run = box.run("map", hostile_inputs / "good.txt", timeout=240)
        if run.returncode == 0:
            assert_succeeded(run, warnings=True)
        else:
            assert_input_error(run)
            assert "rebuil" in run.stderr or "delete" in run.stderr or "remove" in run.stderr, (
                run.describe())  # fmt: skip


def test_cache_directory_that_is_a_file(sandbox: Sandbox, hostile_inputs: Path) -> None:
    not_a_folder = sandbox.root / "cache-file"
    not_a_folder.write_bytes(b"not a folder")
    run = sandbox.run("map", hostile_inputs / "good.txt",
                      env={"GEOMAP_CACHE_DIR": str(not_a_folder)})  # fmt: skip
    assert_input_error(run)
    assert not_a_folder.read_bytes() == b"not a folder"
