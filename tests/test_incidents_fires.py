"""Fires as real reports tell them (found on the read split fresh11): a fire that kills
is an incident however plainly told, gunfire is not one, a blaze in crop stubble is a
wildfire, two wildfires in one country are two fires while one blaze that spreads to
villages is one, and "authorities said Thursday, March 30" is when it was told.
Every article here is written for the test."""

from __future__ import annotations

import datetime as dt
import functools

import pytest
from written_articles import incidents_in

from geomap.records import Incident

SUNDAY = dt.date(2024, 6, 23)

_run = functools.partial(incidents_in, date=SUNDAY)


def _at(incident: Incident) -> str:
    return incident.location.entry.name if incident.location else ""


def _value(count) -> int | None:
    return None if count is None else count.value


@pytest.mark.parametrize("text", [
    "A fire killed 11 people in Izmir on Monday, officials said.",
    "In Izmir, a blaze injured 14 people on Monday.",
])
def test_a_fire_that_kills_or_destroys_is_an_incident(text: str) -> None:
    (fire,) = _run(text)
    assert (fire.event_type, fire.sub_event_type) == ("Accident", "Fire")
    assert _at(fire) == "İzmir" and fire.date_start == dt.date(2024, 6, 17)


@pytest.mark.parametrize("text", [
    "Three civilians were killed in a Russian fire attack on Kharkiv on Monday.",
    "Soldiers came under fire near Kharkiv on Monday and two of them were killed.",
    "Two people were killed in an exchange of fire in Kharkiv on Monday.",
])
def test_gunfire_and_shelling_are_not_fires(text: str) -> None:
    assert all(i.sub_event_type != "Fire" for i in _run(text))


def test_a_fire_in_crop_stubble_is_a_wildfire_and_one_blaze_is_one_incident() -> None:
    fires = _run(
        "In southeast Turkey, a fire that started in crop stubble spread rapidly on "
        "Thursday, killing 11 people. The blaze broke out near Mardin, quickly spreading "
        "to the villages of Yazcicegi and Bagacik.")
    (fire,) = fires
    assert fire.sub_event_type == "Wildfire" and _value(fire.fatalities) == 11
    assert fire.location.entry.country_code == "TR"


def test_two_wildfires_in_one_country_are_two_fires() -> None:
    fires = _run(
        "A wildfire killed four people near Mugla on Thursday.\n"
        "Meanwhile, in the northwest of the country, firefighters worked to contain a "
        "wildfire near the town of Canakkale on Thursday.\n"
        "In Greece, wildfires also broke out in the Peloponnese region on Thursday.")
    assert sorted(_at(f) for f in fires) == ["Muğla", "Peloponnese", "Çanakkale"]
    (mugla,) = [f for f in fires if _at(f) == "Muğla"]
    assert _value(mugla.fatalities) == 4


def test_the_day_authorities_spoke_does_not_date_the_fire() -> None:
    (fire,) = _run(
        "At least 31 people died after a fire engulfed a ferry off Basilan, authorities "
        "said Thursday, June 20.\n"
        "The ferry was travelling from Zamboanga City to Jolo when the fire broke out late "
        "Wednesday, June 19, the coast guard said.")
    assert fire.date_start == dt.date(2024, 6, 19)
    assert _value(fire.fatalities) == 31
