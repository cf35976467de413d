"""Issue 10 §2 and §4: a collection of hostile articles exports safely.

One collection gathers articles whose titles, sentences, sites and imported place
names begin with spreadsheet formulas (= + - @ tab CR), HTML payloads, template
syntax, and half of whose articles have no title or date.  Every command on it
exits 0; the CSV has no cell a spreadsheet would run (numbers aside); KML names and
descriptions carry no markup a viewer would render; the other formats are readable.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest
from hostile_cli import Run, Sandbox, assert_succeeded, json_lines, temp_files
from make_inputs import FORMULA_PAYLOADS, IMPORTED_NAMES, XSS_PAYLOADS

DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r")
NUMBER_COLUMNS = frozenset({
    "year", "time_precision", "latitude", "longitude", "geo_precision", "fatalities",
    "injured", "people_affected", "structures_affected", "weapons_count", "radius_m",
    "n_sources", "timestamp",
})  # fmt: skip
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_MARKUP = re.compile(r"<\s*/?\s*(script|img|svg|iframe|a|object|embed)\b", re.IGNORECASE)


@dataclass
class Hostile:
    box: Sandbox
    add: Run


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory, imported_cache: Path,
            hostile_inputs: Path) -> Hostile:  # fmt: skip
    box = Sandbox(tmp_path_factory.mktemp("exports"), imported_cache)
    inputs = [hostile_inputs / name for name in (
        "records-formula.jsonl", "records-xss.jsonl", "feed-xss.rss", "imported-formula.txt",
        "imported-xss.txt", "records-template.jsonl", "good.txt")]  # fmt: skip
    return Hostile(box, box.run("add", "hostile", *inputs))


def _export(hostile: Hostile, fmt: str) -> tuple[Run, Path]:
    assert_succeeded(hostile.add)
    target = hostile.box.work / f"out.{fmt}"
    run = hostile.box.run("export", "hostile", "-f", fmt, "-o", target.name)
    assert temp_files(hostile.box.work) == []
    return run, target


def test_add_takes_every_hostile_article(hostile: Hostile) -> None:
    assert_succeeded(hostile.add)
    listing = hostile.box.run("list", "hostile", "--json")
    assert_succeeded(listing)
    summary = json.loads(listing.stdout)
    titles = [a.get("title") for a in summary["article_list"]]
    assert None in titles or "" in titles, "no untitled article: the mix is not tested"
    assert any(t and t.lstrip().startswith("=") for t in titles)


def test_list_table_with_titled_and_untitled_articles(hostile: Hostile) -> None:
    assert_succeeded(hostile.add)
    table = hostile.box.run("list", "hostile")
    assert_succeeded(table)
    assert "hostile.gpkg" in table.stdout


def test_csv_cells_cannot_run_in_a_spreadsheet(hostile: Hostile) -> None:
    run, target = _export(hostile, "csv")
    assert_succeeded(run)
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"), newline="")))
    assert rows
    dangerous = [
        (column, value)
        for row in rows
        for column, value in row.items()
        if value and value.startswith(DANGEROUS_START)
        and not (column in NUMBER_COLUMNS and _NUMBER.match(value))
    ]
    assert not dangerous, f"cells a spreadsheet would run: {dangerous[:5]}"
    text = " ".join(v for row in rows for v in row.values() if v)
    # The formulas are kept as text (neutralised), not dropped.
    assert "HYPERLINK(" in text and "cmd|' /C calc'!A0" in text
    locations = {row["location"] for row in rows}
    assert any(FORMULA_PAYLOADS["hyperlink"] in (loc or "") for loc in locations), locations
    dates = {bool(row["event_date"]) for row in rows}
    assert dates == {True, False}, "the export should mix dated and undated incidents"


def test_kml_descriptions_hold_no_markup(hostile: Hostile) -> None:
    run, target = _export(hostile, "kml")
    assert_succeeded(run)
    root = ET.fromstring(target.read_bytes())
    # Viewers render a description as HTML (a name is plain text).
    texts = [el.text or "" for el in root.iter() if el.tag.endswith("}description")]
    assert len(texts) > 10
    rendered = [text[:120] for text in texts if _MARKUP.search(text)]
    assert not rendered, f"markup a KML viewer would render: {rendered[:5]}"
    joined = " ".join(texts)
    assert "script" in joined and "onerror" in joined, "the payloads were dropped, not escaped"


def test_geojson_and_gpkg_exports_are_whole(hostile: Hostile) -> None:
    run, target = _export(hostile, "geojson")
    assert_succeeded(run)
    data = json.loads(target.read_text(encoding="utf-8"))
    names = {f["properties"].get("name") for f in data["features"]}
    alias = IMPORTED_NAMES["xss"][0]
    assert f"{alias} {XSS_PAYLOADS['script']}" in names
    run, target = _export(hostile, "gpkg")
    assert_succeeded(run)
    with sqlite3.connect(target) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        tables = {r[0] for r in conn.execute("SELECT table_name FROM gpkg_contents")}
    assert {"articles", "places", "incidents_points", "incidents_areas"} <= tables


def test_build_writes_a_map_of_the_hostile_collection(hostile: Hostile) -> None:
    assert_succeeded(hostile.add)
    run = hostile.box.run("build", "hostile")
    assert_succeeded(run)
    page = (hostile.box.work / "maps" / "hostile.html").read_text(encoding="utf-8")
    raw = [p for p in XSS_PAYLOADS.values() if "<" in p and p in page]
    assert not raw, f"payloads reached the page as markup: {raw}"


def test_geoparse_of_formula_records(hostile: Hostile, hostile_inputs: Path) -> None:
    run = hostile.box.run("geoparse", hostile_inputs / "records-formula.jsonl")
    assert_succeeded(run)
    assert len(json_lines(run.stdout)) == len(FORMULA_PAYLOADS)
