"""The names files of the committed packs (:mod:`geomap.gazetteer.pack_names`): built once
in the cache folder from the real packs of ``data/gazetteer/packs``, they answer exactly
as the packs' rows would, a later process reads no pack, and a changed pack or a
damaged file is built again rather than trusted or turned into a traceback."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from dataclasses import astuple
from pathlib import Path

import pytest

from geomap.gazetteer.names import normalize
from geomap.gazetteer.pack_lookup import pack_villages
from geomap.gazetteer.pack_names import FOLDER, open_country
from geomap.gazetteer.packs import admin1_regions, pack_source, place_values, village_packs
from geomap.gazetteer.places_tsv import read_places, write_places
from geomap.gazetteer.schema import default_data_dir
from geomap.records import GazetteerEntry

DATA = default_data_dir()

ASK = """
import dataclasses, json, sys
from geomap.gazetteer.pack_lookup import pack_villages
opened = []
sys.addaudithook(lambda event, args: event == "open" and opened.append(str(args[0])))
names, code, data, cache = json.loads(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
found = {n: [dataclasses.astuple(e) for e in pack_villages(n, code, data_dir=data,
                                                           cache_dir=cache)] for n in names}
print(json.dumps({"found": found, "packs_read": [p for p in opened if "/packs/" in p]}))
"""
"""A lookup in a process of its own: what it found, and which pack files it opened."""


def _ask(names: list[str], code: str, data: Path, cache: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", ASK, json.dumps(names), code, str(data),
                          str(cache)], capture_output=True, text=True, check=True)  # fmt: skip
    return json.loads(out.stdout)


def _as_installed(data: Path, code: str) -> dict[str, list[GazetteerEntry]]:
    """Every name of a country's packs and its rows, read from the pack files as
    ``geomap gazetteer install`` reads them, in the packs' order."""
    regions = admin1_regions(data)
    by_name: dict[str, list[GazetteerEntry]] = {}
    for pack in village_packs(code, data):
        for row in read_places(pack.path):
            entry = GazetteerEntry(*place_values(row, pack_source(pack.name), regions)[:12])
            alternates = [a for a in row["alt_names"].split("|") if a]
            for key in dict.fromkeys(normalize(n) for n in [row["name"], *alternates]):
                by_name.setdefault(key, []).append(entry)
    return by_name


def _names_file(cache: Path, code: str) -> Path:
    return cache / FOLDER / f"{code}.sqlite"


def _data_with(tmp_path: Path, pack: str) -> Path:
    """A data folder of its own holding one real pack and the admin-1 regions."""
    data = tmp_path / "data"
    (data / "packs").mkdir(parents=True)
    shutil.copy2(DATA / "admin1.csv.gz", data / "admin1.csv.gz")
    shutil.copy2(DATA / "packs" / f"{pack}.tsv.gz", data / "packs" / f"{pack}.tsv.gz")
    return data


@pytest.mark.parametrize("code", ["LB", "UA"])  # UA has two packs: wof-ua and katottg-ua
def test_every_name_finds_the_rows_the_packs_hold(tmp_path: Path, code: str) -> None:
    expected = _as_installed(DATA, code)
    assert len(expected) > 5_000
    found = {key: pack_villages(key, code, data_dir=DATA, cache_dir=tmp_path) for key in expected}
    assert found == expected
    assert _names_file(tmp_path, code).is_file()


def test_a_name_in_no_pack_finds_nothing(tmp_path: Path) -> None:
    assert pack_villages(normalize("Beit Lahm Xq"), "LB", data_dir=DATA, cache_dir=tmp_path) == []
    assert pack_villages("paris", "FR", data_dir=DATA, cache_dir=tmp_path) == []  # no pack
    assert not _names_file(tmp_path, "FR").exists()


def test_a_later_process_reads_the_names_file_and_no_pack(tmp_path: Path) -> None:
    names = ["rustavi", "shubani", "no such village"]
    first = _ask(names, "GE", DATA, tmp_path)
    assert first["packs_read"] == [str(DATA / "packs" / "wof-ge.tsv.gz")]
    built = _names_file(tmp_path, "GE").stat()
    later = _ask(names, "GE", DATA, tmp_path)
    assert later == {**first, "packs_read": []}
    assert later["found"]["rustavi"] and later["found"]["no such village"] == []
    assert _names_file(tmp_path, "GE").stat().st_mtime_ns == built.st_mtime_ns


def test_a_changed_pack_is_read_again(tmp_path: Path) -> None:
    data = _data_with(tmp_path, "wof-lb")
    cache = tmp_path / "cache"
    assert _ask(["deir billa", "qaryat al tajriba"], "LB", data, cache)["found"] == {
        "deir billa": [list(astuple(e)) for e in _as_installed(DATA, "LB")["deir billa"]],
        "qaryat al tajriba": [],
    }
    pack = data / "packs" / "wof-lb.tsv.gz"
    rows = list(read_places(pack))
    rows.append({**rows[0], "id": "wof:1", "name": "Qaryat al Tajriba", "alt_names": ""})
    write_places(pack, rows)
    after = _ask(["deir billa", "qaryat al tajriba"], "LB", data, cache)
    assert after["packs_read"] == [str(pack)]
    assert [e[:2] for e in after["found"]["qaryat al tajriba"]] == [["wof:1", "Qaryat al Tajriba"]]
    assert after["found"]["deir billa"]
    assert [p.name for p in (cache / FOLDER).iterdir()] == ["LB.sqlite"]  # no temporary left


def _built(cache: Path, code: str) -> Path:
    open_country(cache, DATA, code, village_packs(code, DATA), lambda: admin1_regions(DATA)).close()
    return _names_file(cache, code)


def _garble_names_table(path: Path) -> None:
    """Overwrite the first page of the names table's B-tree: its rows cannot be read."""
    conn = sqlite3.connect(path)
    (page,) = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'names'").fetchone()
    (size,) = conn.execute("PRAGMA page_size").fetchone()
    conn.close()
    with path.open("r+b") as fh:
        fh.seek((page - 1) * size)
        fh.write(b"\xff" * size)


@pytest.mark.parametrize(
    "damage",
    [
        lambda p: p.write_bytes(b"not a database at all" * 100),
        lambda p: os.truncate(p, p.stat().st_size // 2),
        lambda p: p.write_bytes(b""),
        _garble_names_table,
    ],
    ids=["garbage", "cut-short", "empty", "names-page-overwritten"],
)
def test_a_damaged_names_file_is_built_again(
    tmp_path: Path, damage: Callable[[Path], object]
) -> None:
    path = _built(tmp_path, "GE")
    damage(path)
    expected = _as_installed(DATA, "GE")
    for key in ("rustavi", "shubani", "tbilisi", "kutaisi"):
        assert pack_villages(key, "GE", data_dir=DATA, cache_dir=tmp_path) == expected.get(key, [])
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()


def test_a_cache_folder_that_cannot_be_written_still_answers(tmp_path: Path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    expected = _as_installed(DATA, "IL")
    for key in list(expected)[:200]:
        assert pack_villages(key, "IL", data_dir=DATA, cache_dir=blocked) == expected[key]
    assert blocked.read_text() == "not a folder"


def test_processes_building_at_once_agree(tmp_path: Path) -> None:
    names = ["deir billa", "el khiam", "no such village"]
    ask = [sys.executable, "-c", ASK, json.dumps(names), "LB", str(DATA), str(tmp_path)]
    running = [subprocess.Popen(ask, stdout=subprocess.PIPE, text=True) for _ in range(3)]
    answers = [json.loads(p.communicate()[0])["found"] for p in running]
    assert all(p.returncode == 0 for p in running)
    assert answers[0] == answers[1] == answers[2] and answers[0]["deir billa"]
    assert [p.name for p in (tmp_path / FOLDER).iterdir()] == ["LB.sqlite"]
    assert _ask(names, "LB", DATA, tmp_path) == {"found": answers[0], "packs_read": []}
