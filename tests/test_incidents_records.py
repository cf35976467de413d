"""Incident records end to end: the seed, geometry by precision, GeoJSON, the CLI."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from geomap.article import article_from_text, read_article
from geomap.cli.main import cli
from geomap.event_types import ACLED_TYPES, classify
from geomap.export import to_geojson
from geomap.pipeline import run

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_69c49434f5c8b06b.txt"

QUAKE = """Quake shakes Ishikawa

A magnitude 7.5 earthquake struck Wajima on Monday, killing at least 48 people and
destroying more than 200 houses, officials said. Tokyo said 1,000 soldiers were sent.

Firefighters evacuated about 3,000 residents within a 2-kilometre radius of the port.
"""


@pytest.fixture(scope="module")
def seed(gazetteer_cache):
    return run(read_article(SEED))


def _by_type(result, sub_event_type: str):
    return [i for i in result.incidents if i.sub_event_type == sub_event_type]


def test_acled_has_six_types_and_25_sub_types() -> None:
    assert len(ACLED_TYPES) == 6
    assert sum(len(subs) for subs in ACLED_TYPES.values()) == 25


def test_cues_need_an_event_not_just_a_word() -> None:
    assert classify("The museum shows old missiles and rockets.") is None
    assert classify("The storm downed power lines.").sub_event_type == "Storm"
    assert classify("Air defences shot down four drones.").sub_event_type == (
        "Disrupted weapons use"
    )


def test_seed_prisoner_exchange(seed) -> None:
    (exchange,) = _by_type(seed, "Agreement")
    assert exchange.event_type == "Strategic developments"
    assert exchange.date_start == exchange.date_end == dt.date(2024, 1, 3)
    assert exchange.date_precision == 1 and exchange.temporal_status == "new"
    assert exchange.mediators == ("United Arab Emirates",)
    assert "United Arab Emirates" not in exchange.actors
    stated = {(c.value, c.noun) for c in exchange.counts}
    assert {(230, "prisoner"), (6, "civilian"), (248, "soldier")} <= stated
    assert exchange.location is None  # the article does not say where


def test_seed_missiles_shot_down_over_the_region(seed) -> None:
    (downed,) = _by_type(seed, "Disrupted weapons use")
    assert downed.weapons_count.value == 12
    assert downed.location.entry.feature_type == "admin1" and downed.geo_precision == 4
    assert downed.date_start == dt.date(2024, 1, 3)
    assert sum(c.value for c in downed.counts if c.value == 6) == 12  # six and six


def test_seed_evacuation_around_unexploded_shell(seed) -> None:
    (evacuation,) = _by_type(seed, "Unexploded ordnance")
    assert evacuation.event_type == "Evacuation"
    assert evacuation.people_affected.value == 600
    assert evacuation.people_affected.qualifier == "about"
    assert evacuation.structures_affected.value == 323
    assert evacuation.radius.metres == 500
    assert evacuation.location.entry.feature_type == "city"


def test_seed_drones_across_the_country_since_friday(seed) -> None:
    (strike,) = _by_type(seed, "Air/drone strike")
    assert strike.date_start == dt.date(2023, 12, 29) and strike.date_end == dt.date(2024, 1, 2)
    assert strike.date_precision == 2
    assert strike.weapons_count.value == 300 and strike.weapons_count.qualifier == "more than"
    assert strike.location.entry.feature_type == "country" and strike.geo_precision == 6
    assert strike.location.entry.name != "Kyiv"  # "kyiv said" is the speaker


def test_seed_power_line_and_history(seed) -> None:
    texts = [" ".join([i.evidence, *i.support]) for i in seed.incidents]
    assert any("power line was cut" in text for text in texts)
    background = [i for i in seed.incidents if i.temporal_status == "background"]
    assert sorted(i.location.entry.name for i in background) == ["Mariupol", "Snake Island"]
    capitals = {i.location.entry.name for i in seed.incidents if i.location}
    assert not capitals & {"Kyiv", "Moscow"}


def test_seed_geojson_has_incidents_linked_areas_and_polygons(seed) -> None:
    collection = to_geojson(seed.places_frame, seed.areas_frame, seed.incidents_frame)
    incidents = [f for f in collection["features"] if f["properties"]["kind"] == "incident"]
    areas = [f for f in collection["features"] if f["properties"]["kind"] == "area"]
    assert len(incidents) == len(seed.incidents)
    ids = {f["id"] for f in incidents}
    assert [a["properties"]["incident_id"] in ids for a in areas] == [True]
    kinds = {f["properties"]["sub_event_type"]: f["geometry"] for f in incidents}
    assert kinds["Disrupted weapons use"]["type"] == "Polygon"
    assert kinds["Air/drone strike"]["type"] in {"Polygon", "MultiPolygon"}
    assert kinds["Agreement"] is None
    json.dumps(collection, allow_nan=False)
    evacuation = next(f for f in incidents if f["properties"]["event_type"] == "Evacuation")
    props = evacuation["properties"]
    assert props["people_affected"] == 600 and props["qualifiers"] == {"people_affected": "about"}
    assert props["fatalities"] is None and props["source_date"] == "2024-01-03"


def test_ids_are_stable(seed) -> None:
    again = run(read_article(SEED))
    assert [i.id for i in again.incidents] == [i.id for i in seed.incidents]


def test_disaster_article_counts_and_context_capital(gazetteer_cache) -> None:
    result = run(article_from_text(QUAKE, article_id="quake", date=dt.date(2024, 1, 2)))
    quakes = _by_type(result, "Earthquake")
    assert (
        quakes
        and quakes[0].fatalities.value == 48
        and quakes[0].fatalities.qualifier == ("at least")
    )
    assert quakes[0].structures_affected.value == 200
    assert quakes[0].date_start == dt.date(2024, 1, 1)
    assert all(i.location is None or i.location.entry.name != "Tokyo" for i in result.incidents)


def test_article_without_incidents_says_so(tmp_path, gazetteer_cache) -> None:
    path = tmp_path / "quiet.txt"
    path.write_text("The mayor of Lisbon opened a new library on the waterfront.\n")
    done = CliRunner().invoke(cli, ["incidents", str(path)])
    assert done.exit_code == 0
    assert "no incidents found; places only" in done.output and "Lisbon" in done.output


def test_incidents_command_table_and_json(gazetteer_cache) -> None:
    table = CliRunner().invoke(cli, ["incidents", str(SEED)], env={"COLUMNS": "200"})
    assert table.exit_code == 0
    assert "weapons: 12" in table.output and "background" in table.output
    done = CliRunner().invoke(cli, ["incidents", str(SEED), "--json", "--date", "2024-01-03"])
    records = [json.loads(line) for line in done.output.splitlines()]
    assert {r["sub_event_type"] for r in records} >= {"Agreement", "Air/drone strike"}
    assert all(r["source_date"] == "2024-01-03" for r in records)
