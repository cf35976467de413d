"""Measures over places (a state of emergency, a curfew) are incidents at the places
they cover, not at the unrest or disaster they answer: found on the read splits (a
nationwide curfew placed on the town of the attack, a state of emergency in two
countries told after an earthquake's toll, a curfew in a city and a region, a region's
state of emergency moved to a town, "until January 19" taken as the day).
Every article here is written for the test."""

from __future__ import annotations

import datetime as dt
import functools

from written_articles import incidents_in

from geomap.incidents.measures import MEASURE
from geomap.records import Incident

SATURDAY = dt.date(2025, 3, 29)

_run = functools.partial(incidents_in, date=SATURDAY)


def _at(incident: Incident) -> str:
    return incident.location.entry.name if incident.location else ""


def _measures(text: str) -> list[Incident]:
    return [i for i in _run(text) if (i.event_type, i.sub_event_type) == MEASURE]


def test_a_nationwide_curfew_covers_the_country_not_the_town_attacked() -> None:
    incidents = _run(
        "Sierra Leone's government declared a nationwide curfew on Sunday after "
        "assailants attacked the armoury at the Wilberforce barracks in Freetown.")
    (curfew,) = [i for i in incidents if (i.event_type, i.sub_event_type) == MEASURE]
    assert _at(curfew) == "Sierra Leone" and curfew.geo_precision == 6


def test_a_curfew_told_with_the_clashes_it_answers_is_an_incident_too() -> None:
    incidents = _run(
        "The government of Bangladesh late Friday night announced a nationwide curfew "
        "across Bangladesh following days of deadly clashes in Dhaka.")
    kinds = {(i.sub_event_type, _at(i)) for i in incidents}
    assert ("Change to group/activity", "Bangladesh") in kinds
    assert ("Armed clash", "Dhaka") in kinds


def test_a_state_of_emergency_in_two_countries_after_a_quake_is_one_in_each() -> None:
    incidents = _run(
        "An earthquake killed 144 people in Mandalay on Friday, which prompted both "
        "Thailand and Myanmar to declare a state of emergency.")
    (quake,) = [i for i in incidents if i.sub_event_type == "Earthquake"]
    assert _at(quake) == "Mandalay" and quake.fatalities.value == 144
    assert sorted(_at(m) for m in incidents if m is not quake) == ["Myanmar", "Thailand"]


def test_a_curfew_in_a_city_and_a_region_until_a_later_day_is_one_at_each() -> None:
    measures = _measures(
        "Kazakhstan's president introduced a state of emergency and a curfew in Almaty "
        "and the Mangistau region on Wednesday until January 19.")
    assert sorted(m.location.entry.feature_type for m in measures) == ["admin1", "city"]
    assert all(m.date_start == dt.date(2025, 3, 26) for m in measures)


def test_a_region_s_state_of_emergency_stays_on_the_region() -> None:
    (measure,) = _measures(
        "The Uzbek government declared a state of emergency in Karakalpakstan on Sunday "
        "after protests in Nukus.")
    assert _at(measure) == "Karakalpakstan" and measure.geo_precision == 4
