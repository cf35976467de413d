"""Incident extraction on unseen layouts: headlines, datelines, tolls, anchored radii.

Each count must reach at most one record (an analyst sums them), a headline
restating the lede is support rather than a second record, and a radius drawn
around something the gazetteer lacks ("the damaged dam") is no circle at all.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hand_docs import facts_of

from geomap.article import article_from_text
from geomap.pipeline import run

QUAKE = """Strong earthquake kills dozens in central Italy

ROME, Aug 24, 2016 - A magnitude 6.2 earthquake struck near Norcia early on Wednesday, \
killing at least 38 people and injuring more than 150, civil protection officials said.

Houses collapsed in Amatrice, Accumoli and Arquata del Tronto, and tremors were felt \
as far away as Naples. Residents within 3 km of the cracked Campotosto dam were told to leave.
"""

FIRE = """Bushfire forces thousands to flee near Sydney

A fast-moving bushfire in the hills above Katoomba destroyed at least 80 homes on Monday \
and forced 12,000 people to leave, officials said on December 3, 2019.

The premier declared a state of emergency for New South Wales. Three people were killed in Leura.
"""


def _run(text: str, date: dt.date, name: str = "a"):
    return run(article_from_text(text, article_id=name, date=date))


@pytest.fixture(scope="module")
def quake(gazetteer_cache):
    return _run(QUAKE, dt.date(2016, 8, 24), "quake")


def _count_spans(result) -> list[tuple[int, int]]:
    return [(c.start, c.end) for i in result.incidents for c in i.counts]


def test_lede_keeps_its_scene_and_later_towns_do_not_copy_its_counts(quake) -> None:
    (incident,) = quake.incidents
    assert incident.location.entry.name == "Norcia" and incident.geo_precision == 2
    assert (incident.fatalities.value, incident.fatalities.qualifier) == (38, "at least")
    assert (incident.injured.value, incident.injured.qualifier) == (150, "more than")
    assert any("Houses collapsed" in text for text in incident.support)
    assert any("Strong earthquake" in text for text in incident.support)  # the headline


def test_dateline_and_far_away_places_are_not_scenes(quake) -> None:
    scenes = {i.location.entry.name for i in quake.incidents}
    assert not scenes & {"Rome", "Naples"}


def test_radius_around_an_unnamed_structure_is_no_circle(quake) -> None:
    assert all(i.radius is None for i in quake.incidents)
    assert not any(f.radii for f in facts_of(quake.article, quake.places))


@pytest.mark.parametrize(
    ("sentence", "owner"),
    [
        ("Police evacuated residents within 2 km of the town.", "Wajima"),
        ("Police evacuated residents within 2 km of Suzu on Tuesday.", "Suzu"),
        ("About 60 residents within a 500-meter (550-yard) radius had been evacuated.", "Wajima"),
        ("Police set up a 3 km exclusion zone around the nuclear plant.", None),
        ("Residents within 5 km of the Suzu power station were moved.", None),
        ("Police evacuated 300 people within 1 km of a depot in Suzu.", "Suzu"),
        ("In Suzu, police closed a 2 km radius around a depot.", "Suzu"),
    ],
)
def test_radius_owner_follows_its_anchor(sentence: str, owner: str | None, gazetteer_cache) -> None:
    result = _run(f"A landslide hit Wajima on Monday. {sentence}", dt.date(2024, 1, 2))
    owners = [f.place.entry.name for f in facts_of(result.article, result.places) if f.radii]
    assert owners == ([owner] if owner else [])


def test_toll_in_a_neighbouring_country_is_its_own_record(gazetteer_cache) -> None:
    text = (
        "Earthquake kills scores on Ecuador coast\n\n"
        "QUITO, April 17, 2016 (Reuters) - A magnitude 7.8 earthquake struck near Muisne on "
        "Saturday evening, killing at least 77 people and injuring more than 500, the "
        "government said.\n\nBuildings fell in Manta, Portoviejo and Guayaquil. In neighbouring "
        "Peru, officials said 3 people were killed in Tumbes.\n"
    )
    result = _run(text, dt.date(2016, 4, 17))
    main, neighbour = result.incidents
    assert main.location.entry.name == "Muisne" and main.fatalities.value == 77
    assert neighbour.sub_event_type == "Earthquake"
    assert neighbour.location.entry.country_code == "PE" and neighbour.fatalities.value == 3
    assert neighbour.injured is None
    spans = _count_spans(result)
    assert len(spans) == len(set(spans))


def test_headline_is_support_and_a_bare_toll_adds_to_the_fire(gazetteer_cache) -> None:
    result = _run(FIRE, dt.date(2019, 12, 3))
    fires = [i for i in result.incidents if i.sub_event_type == "Wildfire"]
    assert len(fires) == 1
    (fire,) = fires
    assert fire.location.entry.name == "Katoomba" and fire.date_start == dt.date(2019, 12, 2)
    assert fire.fatalities.value == 3 and fire.structures_affected.value == 80
    emergency = [i for i in result.incidents if i.event_type == "Strategic developments"]
    assert all(i.fatalities is None for i in emergency)


def test_counts_stated_per_town_go_to_that_town(gazetteer_cache) -> None:
    text = "Flash floods on Sunday killed 3 people in Derna and injured 9 people in Bayda."
    result = _run(text, dt.date(2023, 9, 11))
    spans = _count_spans(result)
    assert len(result.incidents) == 2 and len(spans) == len(set(spans))
    by_place = {i.location.entry.name: i for i in result.incidents}
    derna = next(i for name, i in by_place.items() if name.startswith("Darn"))
    assert derna.fatalities.value == 3 and derna.injured is None


def test_headline_alone_is_still_an_incident(gazetteer_cache) -> None:
    text = "Storm batters Galway\n\nThe mayor of Galway opened a new library on Monday.\n"
    (storm,) = _run(text, dt.date(2024, 3, 5)).incidents
    assert storm.sub_event_type == "Storm" and storm.location.entry.name == "Galway"
