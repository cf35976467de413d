"""Corrections that stick: ``geomap fix`` on real collections, against both stores.

Collections are built by the real ``geomap`` console script (``add``, ``fix``,
``build``, ``list``, ``export`` as subprocesses); each test runs on a GeoPackage file
and on a real PostGIS server.  A re-parse is forced the two ways the code knows a
parser changed: the stored parser version is older than the running one (as after an
upgrade), or the running one is newer (``geomap.__version__`` bumped in-process).
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyogrio
import pytest
from click.testing import CliRunner, Result
from fake_geocoders import FakeGeocoderServer, FakePlace

from geomap.cli.main import cli

if TYPE_CHECKING:
    from store_fixtures import StoreUnderTest

pytest_plugins = ["store_fixtures"]

POKHARA = (
    "Earthquake shakes Pokhara\n\n"
    "A magnitude 6.1 earthquake struck Pokhara, Nepal on March 3, 2024, damaging about 40 "
    "homes. The regional emergency office said schools would stay closed.\n"
)
POKHARA_FOLLOW_UP = (
    "Pokhara counts the damage\n\n"
    "Officials said on March 4, 2024 that the earthquake that struck Pokhara, Nepal on "
    "March 3, 2024 damaged more than 55 homes. Schools in Kathmandu stayed open.\n"
)
STRIKE = (
    "Missile strike on Kharkiv\n\n"
    "A Russian missile struck a residential building in Kharkiv, Ukraine on May 10, 2024, "
    "killing 3 people and injuring 12, officials said.\n"
)
FLOOD = (
    "Floods in Porto Alegre\n\n"
    "Floods forced about 600 residents from their homes in Porto Alegre, Brazil on May 6, "
    "2024. Rescuers said the Guaiba river was still rising.\n"
)
KATHMANDU = (27.70169, 85.3206)  # the gazetteer's Kathmandu, gn:1283240
KHARKIV_ID = "gn:706483"


def geomap(*args: str, code: int = 0) -> subprocess.CompletedProcess[str]:
    """The installed console script, in the test's working directory and environment
    (GEOMAP_STORE picks the store, GEOMAP_CACHE_DIR the session's gazetteer)."""
    exe = shutil.which("geomap")
    assert exe, "the geomap console script is installed with the package"
    done = subprocess.run([exe, *args], capture_output=True, text=True, env=os.environ.copy())
    assert done.returncode == code, (args, done.returncode, done.stdout, done.stderr)
    return done


def run(*args: str, code: int = 0) -> Result:
    """A command in this process (quicker than the console script, same code path)."""
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == code, (args, result.exit_code, result.output)
    return result


def incidents_by_id(geojson: Path) -> dict[str, dict[str, Any]]:
    """The GeoJSON's incidents by id, each with its point's coordinates."""
    features = json.loads(geojson.read_text(encoding="utf-8"))["features"]
    return {f["properties"]["incident_id"]: {**f["properties"],
                                             "coordinates": f["geometry"]["coordinates"]}
            for f in features if f["properties"]["kind"] == "incident"}  # fmt: skip


def without_fid(rows: list[str]) -> list[str]:
    """A table's rows (``repr`` of each, as ``StoreUnderTest.rows`` gives) without the
    row number: a row removed and brought back is a new row with the same cells."""
    return sorted(row.split(", ", 1)[1] for row in rows)


def listing(*flags: str) -> dict[str, Any]:
    return json.loads(run("list", "news", "--json", *flags).stdout)


@pytest.fixture
def news(tmp_path: Path, gazetteer_cache: Path, monkeypatch: pytest.MonkeyPatch,
         store: StoreUnderTest) -> dict[str, Any]:  # fmt: skip
    """A collection of three articles, one incident each; their ids by what they are."""
    monkeypatch.chdir(tmp_path)
    for name, text in (("quake.txt", POKHARA), ("strike.txt", STRIKE), ("flood.txt", FLOOD),
                       ("follow-up.txt", POKHARA_FOLLOW_UP)):  # fmt: skip
        Path(name).write_text(text, encoding="utf-8")
    assert "3 articles added" in geomap("add", "news", "quake.txt", "strike.txt",
                                        "flood.txt").stdout  # fmt: skip
    rows = listing("--incidents")["incident_list"]
    ids = {row["place"]: row["incident_id"] for row in rows}
    assert set(ids) == {"Pokhara", "Kharkiv", "Porto Alegre"}, rows
    return {"store": store, "quake": ids["Pokhara"], "strike": ids["Kharkiv"],
            "flood": ids["Porto Alegre"], "rows": {r["incident_id"]: r for r in rows}}


def correct_all(news: dict[str, Any]) -> None:
    """One correction of each kind: a type, a named place, a removal, a place's point."""
    out = geomap("fix", "news", news["strike"], "--type", "air/drone strike").stdout
    assert "Explosions/Remote violence / Air/drone strike" in out
    assert "Kathmandu" in geomap("fix", "news", news["quake"], "--place", "Kathmandu").stdout
    assert "removed" in geomap("fix", "news", news["flood"], "--remove").stdout
    assert "50.00000, 36.30000" in geomap("fix", "news", KHARKIV_ID, "--lat", "50",
                                          "--lon", "36.3").stdout  # fmt: skip


def assert_corrected(news: dict[str, Any]) -> None:
    """The map's GeoJSON shows every correction, and only on the corrected rows."""
    incidents = incidents_by_id(Path("data/news.geojson"))
    assert set(incidents) == {news["strike"], news["quake"]}  # the flood is removed
    strike, quake = incidents[news["strike"]], incidents[news["quake"]]
    assert (strike["event_type"], strike["sub_event_type"]) == ("Explosions/Remote violence",
                                                                "Air/drone strike")
    assert strike["coordinates"] == [36.3, 50.0]  # its place was moved
    assert strike["corrected"] == "place location, type"
    assert strike["fatalities"] == 3  # what the parser found is kept
    assert (quake["place"], quake["place_id"]) == ("Kathmandu", "gn:1283240")
    assert quake["coordinates"] == [KATHMANDU[1], KATHMANDU[0]]
    assert quake["corrected"] == "location" and quake["sub_event_type"] == "Earthquake"
    features = json.loads(Path("data/news.geojson").read_text(encoding="utf-8"))["features"]
    places = {f["properties"]["place_id"]: f for f in features
              if f["properties"]["kind"] == "place"}  # fmt: skip
    assert places[KHARKIV_ID]["geometry"]["coordinates"] == [36.3, 50.0]
    assert places[KHARKIV_ID]["properties"]["corrected"] == "location"
    uncorrected = [f for pid, f in places.items() if pid != KHARKIV_ID]
    assert uncorrected and all(f["properties"]["corrected"] is None for f in uncorrected)


def test_corrections_show_in_build_and_exports(news: dict[str, Any]) -> None:
    correct_all(news)
    geomap("build", "news")
    assert_corrected(news)
    html = Path("maps/news.html").read_text(encoding="utf-8")
    assert news["strike"] in html and news["flood"] not in html
    # The exported GeoPackage's layers carry the marker; the CSV shows the corrected rows.
    geomap("export", "news", "-f", "gpkg", "-o", "out.gpkg")
    marks = {}
    for name, _ in pyogrio.list_layers("out.gpkg"):  # incidents, or split by geometry type
        if name == "incidents" or name.startswith("incidents_"):
            layer = pyogrio.read_dataframe("out.gpkg", layer=name)
            marks.update(zip(layer["incident_id"], layer["corrected"], strict=True))
    assert marks == {news["strike"]: "place location, type", news["quake"]: "location"}
    run("export", "news", "-f", "csv", "-o", "out.csv")
    with open("out.csv", encoding="utf-8", newline="") as f:
        rows = {r["location"]: r for r in csv.DictReader(f)}
    assert set(rows) == {"Kharkiv", "Kathmandu"}  # no Porto Alegre, no Pokhara
    assert rows["Kharkiv"]["sub_event_type"] == "Air/drone strike"
    assert float(rows["Kathmandu"]["latitude"]) == pytest.approx(KATHMANDU[0])
    assert float(rows["Kharkiv"]["latitude"]) == pytest.approx(50.0)
    check = listing("--check", "--fixes")
    assert check["problems"] == [] and check["incidents"] == 2
    assert [(f["fix"], f["id"], f["applies_to"]) for f in check["fixes"]] == [
        (1, news["strike"], [news["strike"]]), (2, news["quake"], [news["quake"]]),
        (3, news["flood"], [news["flood"]]), (4, KHARKIV_ID, [KHARKIV_ID])]


def test_corrections_survive_a_reparse_by_an_upgraded_parser(news: dict[str, Any]) -> None:
    correct_all(news)
    store: StoreUnderTest = news["store"]
    # As after an upgrade: every article was read by an older parser than the one running.
    store.sql("news", "UPDATE articles SET parser_version = '0.0.1+older'")
    assert "3 articles re-parsed" in geomap("build", "news").stdout
    assert {v for (v,) in store.sql("news", "SELECT parser_version FROM articles")} != \
        {"0.0.1+older"}  # fmt: skip
    assert_corrected(news)
    check = listing("--check", "--fixes")
    assert check["problems"] == [] and len(check["fixes"]) == 4
    assert all(f["applies_to"] for f in check["fixes"])


def test_corrections_survive_a_parser_version_bump(news: dict[str, Any],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """The running parser is newer (geomap's version bumped): ``reparse_stale``, which
    ``build`` runs, parses every article again and the fixes still apply."""
    import geomap as package
    from geomap.collection.ingest import reparse_stale

    correct_all(news)
    store: StoreUnderTest = news["store"]
    before = {v for (v,) in store.sql("news", "SELECT parser_version FROM articles")}
    monkeypatch.setattr(package, "__version__", "99.0.0")
    with store.open("news") as collection:
        assert reparse_stale(collection) == 3
        assert collection.check() == []
        incidents = collection.frame("incidents").set_index("incident_id")
    after = {v for (v,) in store.sql("news", "SELECT parser_version FROM articles")}
    assert after != before and all(v.startswith("99.0.0+") for v in after)
    assert set(incidents.index) == {news["strike"], news["quake"]}
    assert incidents.loc[news["strike"], "sub_event_type"] == "Air/drone strike"
    assert incidents.loc[news["quake"], "place"] == "Kathmandu"
    assert incidents.loc[news["strike"], "corrected"] == "place location, type"


def test_a_new_report_of_a_corrected_incident_joins_it(news: dict[str, Any]) -> None:
    run("fix", "news", news["quake"], "--type", "Accident")
    assert "1 article added" in geomap("add", "news", "follow-up.txt").stdout
    check = listing("--check", "--incidents")
    assert check["problems"] == []
    quake = next(r for r in check["incident_list"] if r["incident_id"] == news["quake"])
    # The follow-up reports the same quake: it is folded into the corrected row.
    assert quake["n_sources"] == 2 and quake["corrected"] == "type"
    assert quake["sub_event_type"] is None  # Earthquake is no Accident's sub-type


def test_a_later_fix_of_the_same_kind_replaces_the_earlier(news: dict[str, Any]) -> None:
    run("fix", "news", news["strike"], "--type", "Battles")
    run("fix", "news", news["strike"], "--type", "Riots")
    fixes = listing("--fixes")["fixes"]
    assert [(f["id"], f["correction"]) for f in fixes] == [(news["strike"], "type: Riots")]


def test_a_place_is_looked_up_with_the_geocoder_given(news: dict[str, Any]) -> None:
    """--place asks the geocoder the command names (here a Nominatim on 127.0.0.1)."""
    robotyne = FakePlace("Robotyne", 47.4497, 35.8372, "node", 337412120, "village", "Ukraine",
                         "ua", "Zaporizhzhia Oblast", "UA-23", 480)  # fmt: skip
    with FakeGeocoderServer([robotyne]) as server:
        out = run("fix", "news", news["strike"], "--place", "Robotyne", "--geocoder",
                  "nominatim", "--geocoder-option", f"domain={server.domain}",
                  "--geocoder-option", "scheme=http",
                  "--geocoder-option", "min_delay_seconds=0").stdout  # fmt: skip
        assert server.queries() == ["Robotyne"]
    assert "place: Robotyne" in out and "47.44970, 35.83720" in out
    with news["store"].open("news") as collection:
        strike = collection.frame("incidents").set_index("incident_id").loc[news["strike"]]
    assert (strike["place"], strike["corrected"]) == ("Robotyne", "location")
    assert (strike.geometry.x, strike.geometry.y) == (35.8372, 47.4497)


def test_undo_gives_the_parsers_rows_back(news: dict[str, Any]) -> None:
    store: StoreUnderTest = news["store"]
    before = store.rows("news")
    correct_all(news)
    assert store.rows("news") != before
    for target in (news["strike"], news["quake"], news["flood"], KHARKIV_ID):
        assert "dropped" in run("fix", "news", target, "--undo").stdout
    after = store.rows("news")
    for table in ("articles", "places", "geomap_reports"):
        assert after[table] == before[table], table
    # The removed incident is back (as a new row of the layer); every other row is as it was.
    for table in ("incidents", "areas"):
        assert without_fid(after[table]) == without_fid(before[table]), table
    assert listing("--fixes", "--check")["fixes"] == []


def test_bad_fixes_are_one_line_and_change_nothing(news: dict[str, Any]) -> None:
    store: StoreUnderTest = news["store"]
    before = store.rows("news")
    cases = [
        (("fix", "news", "inc:0123456789abcdef", "--remove"), 1, "no incident"),
        (("fix", "news", "gn:1", "--remove"), 1, "no incident or place 'gn:1'"),
        (("fix", "news", "inc:12", "--remove"), 1, "not an incident id"),
        (("fix", "news", news["strike"], "--type", "Skirmish"), 1, "unknown event type"),
        (("fix", "news", KHARKIV_ID, "--type", "metropolis"), 1, "unknown feature type"),
        (("fix", "news", news["strike"], "--lat", "91", "--lon", "0"), 1, "latitude 91.0"),
        (("fix", "news", news["strike"], "--lat", "9", "--lon", "-181"), 1, "longitude -181"),
        (("fix", "news", news["strike"], "--place", "Qqqxyzzy Nowhere"), 1, "no place called"),
        (("fix", "nosuch", news["strike"], "--remove"), 1, "no such collection"),
        (("fix", "news", news["strike"], "--lat", "9"), 2, "--lat and --lon go together"),
        (("fix", "news", news["strike"], "--lat", "north", "--lon", "3"), 2, "north"),
        (("fix", "news", news["strike"], "--remove", "--type", "Riots"), 2, "give one of"),
        (("fix", "news", news["strike"]), 2, "give one of"),
    ]
    for number, (args, code, words) in enumerate(cases):
        # the first two through the console script, the rest in this process
        done = geomap(*args, code=code) if number < 2 else run(*args, code=code)
        lines = done.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith("geomap: ") and words in lines[0], \
            (args, done.stderr)  # fmt: skip
        assert "Traceback" not in done.stderr and done.stdout == ""
    assert store.rows("news") == before


def test_an_older_collection_is_given_the_corrections_table(news: dict[str, Any]) -> None:
    store: StoreUnderTest = news["store"]
    store.sql("news", "DROP TABLE geomap_fixes")
    for layer in ("incidents", "places"):
        store.sql("news", f"ALTER TABLE {layer} DROP COLUMN corrected")
    assert listing("--check")["problems"] == []  # opened, upgraded, consistent
    run("fix", "news", news["strike"], "--type", "Battles")
    assert listing("--fixes")["fixes"][0]["correction"] == "type: Battles"
