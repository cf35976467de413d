"""Corrections from a CSV or YAML file for one article's map: ``geomap map A --fixes F``.

Everything runs through the installed ``geomap`` console script.  The map is parsed
anew on every run, so a fixes file applies to every re-parse by construction; what
must hold is that the ids it names are the ones the map shows, run after run.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

ARTICLE = (
    "Attacks across Ukraine\n\n"
    "A Russian missile struck a residential building in Kharkiv, Ukraine on May 10, 2024, "
    "killing 3 people and injuring 12, officials said. Floods forced about 600 residents "
    "from their homes in Odesa on May 10, 2024.\n"
)
ODESA = "gn:698740"


def geomap(*args: str, code: int = 0) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("geomap")
    assert exe, "the geomap console script is installed with the package"
    done = subprocess.run([exe, *args], capture_output=True, text=True, env=os.environ.copy())
    assert done.returncode == code, (args, done.returncode, done.stdout, done.stderr)
    return done


def features(path: str | Path) -> dict[str, dict[str, Any]]:
    """Every feature of a map's GeoJSON by its id, its coordinates beside its properties."""
    out = {}
    for f in json.loads(Path(path).read_text(encoding="utf-8"))["features"]:
        props = f["properties"]
        key = props.get("incident_id") if props["kind"] == "incident" else props.get("place_id")
        out[key] = {**props, "coordinates": f["geometry"]["coordinates"]
                    if f["geometry"] and f["geometry"]["type"] == "Point" else None}  # fmt: skip
    return out


@pytest.fixture
def article(tmp_path: Path, gazetteer_cache: Path, monkeypatch: pytest.MonkeyPatch) -> dict:
    """The article's map without fixes: its incidents' ids by place."""
    monkeypatch.chdir(tmp_path)
    Path("attacks.txt").write_text(ARTICLE, encoding="utf-8")
    geomap("map", "attacks.txt")
    found = features("data/attacks.geojson")
    incidents = {p["place"]: k for k, p in found.items() if p["kind"] == "incident"}
    assert set(incidents) == {"Kharkiv", "Odesa"} and ODESA in found
    return {"strike": incidents["Kharkiv"], "flood": incidents["Odesa"], "plain": found}


def assert_applied(path: str, article: dict) -> None:
    found = features(path)
    assert article["flood"] not in found  # removed
    strike = found[article["strike"]]
    assert strike["sub_event_type"] == "Air/drone strike" and strike["fatalities"] == 3
    assert strike["event_type"] == "Explosions/Remote violence"
    assert found[ODESA]["coordinates"] == [30.7, 46.5]
    # Nothing else changed.
    for key in set(found) - {article["strike"], ODESA}:
        assert found[key] == article["plain"][key], key


def test_a_csv_and_a_yaml_file_correct_the_map(article: dict) -> None:
    Path("fixes.csv").write_text(
        "id,place,lat,lon,type,remove\n"
        f"{article['strike']},,,,air/drone strike,\n"
        f"{article['flood']},,,,,yes\n"
        f"{ODESA},,46.5,30.7,,\n",
        encoding="utf-8",
    )
    out = geomap("map", "attacks.txt", "--fixes", "fixes.csv").stdout
    assert "1 incident" in out
    assert_applied("data/attacks.geojson", article)
    html = Path("maps/attacks.html").read_text(encoding="utf-8")
    assert article["flood"] not in html and "Air/drone strike" in html
    Path("fixes.yaml").write_text(
        f"- id: '{article['strike']}'\n  type: Air/drone strike\n"
        f"- id: '{article['flood']}'\n  remove: true\n"
        f"- id: '{ODESA}'\n  lat: 46.5\n  lon: 30.7\n",
        encoding="utf-8",
    )
    geomap("map", "attacks.txt", "--fixes", "fixes.yaml", "--geojson", "yaml.geojson")
    assert_applied("yaml.geojson", article)


def test_a_named_place_moves_an_incident(article: dict) -> None:
    Path("fixes.csv").write_text(f"id,place\n{article['strike']},Poltava\n", encoding="utf-8")
    geomap("map", "attacks.txt", "--fixes", "fixes.csv")
    strike = features("data/attacks.geojson")[article["strike"]]
    assert strike["place"] == "Poltava" and strike["place_id"] != article["plain"][
        article["strike"]]["place_id"]  # fmt: skip
    assert strike["coordinates"] == pytest.approx([34.55, 49.59], abs=0.05)


def test_ids_stay_the_same_run_after_run(article: dict) -> None:
    """The file names ids from one run; the next parse gives the same ones."""
    geomap("map", "attacks.txt", "--geojson", "again.geojson")
    assert features("again.geojson") == article["plain"]


def test_bad_fixes_files_are_one_line_and_write_nothing(article: dict) -> None:
    Path("two.txt").write_text(ARTICLE, encoding="utf-8")
    bad = {
        "unknown.csv": ("id,type\ninc:0123456789ab,Riots\n", 1, "unknown.csv line 2: no "
                        "incident or place 'inc:0123456789ab'"),
        "type.csv": (f"id,type\n{article['strike']},Skirmish\n", 1,
                     "type.csv line 2: unknown event type 'Skirmish'"),
        "lat.csv": (f"id,lat,lon\n{ODESA},46.5,230\n", 1, "lat.csv line 2: longitude 230.0"),
        "nan.csv": (f"id,lat,lon\n{ODESA},north,30\n", 1, "latitude 'north' is not a number"),
        "column.csv": (f"id,colour\n{ODESA},red\n", 1, "the first line names the columns"),
        "empty.csv": (f"id,type\n{ODESA},\n", 1, "empty.csv line 2: no correction"),
        "list.yaml": ("id: [1, 2\n", 1, "list.yaml: not YAML"),
        "shape.yaml": ("just text\n", 1, "a list of mappings"),
        "fixes.txt": ("id,type\n", 1, "a fixes file is .csv or .yaml"),
    }
    for name, (text, code, words) in bad.items():
        Path(name).write_text(text, encoding="utf-8")
        done = geomap("map", "attacks.txt", "--fixes", name, "--out-dir", "bad",
                      "--geojson", "bad.geojson", code=code)  # fmt: skip
        lines = done.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith("geomap: ") and words in lines[0], \
            (name, done.stderr)  # fmt: skip
        assert not Path("bad.geojson").exists() and not list(Path("bad").glob("*.html"))
    done = geomap("map", "attacks.txt", "two.txt", "--fixes", "unknown.csv", code=2)
    assert "--fixes corrects one article's map" in done.stderr
    done = geomap("map", "attacks.txt", "--fixes", "missing.csv", code=1)
    assert "missing.csv: cannot read the fixes file" in done.stderr
