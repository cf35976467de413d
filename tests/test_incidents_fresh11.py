"""Misreadings found on a set of real reports scored blind twice (fresh11) and then read:
people a landslide buried, a figure of more people of another outcome, an outlet's
section label, a standfirst's partial toll above the lede's full one.
Every article here is written for the test."""

from __future__ import annotations

import datetime as dt
import functools

from written_articles import incidents_in

from geomap.records import Incident

SATURDAY = dt.date(2024, 3, 23)

_run = functools.partial(incidents_in, date=SATURDAY)


def _at(incident: Incident) -> str:
    return incident.location.entry.name if incident.location else ""


def _value(count) -> int | None:
    return None if count is None else count.value


def test_people_a_landslide_buried_are_not_yet_dead() -> None:
    (landslide,) = _run(
        "A landslide in Nepal's Karnali province early Saturday buried 44 people and "
        "forced the evacuation of 200 more, officials said.")
    assert landslide.fatalities is None
    assert _value(landslide.people_affected) == 200


def test_more_people_of_another_outcome_are_not_more_dead() -> None:
    (flood,) = _run(
        "Floods killed 15 people in Zamfara state on Saturday and forced the "
        "evacuation of 2,000 more, police said.")
    assert (_value(flood.fatalities), _value(flood.people_affected)) == (15, 2000)


def test_a_continent_alone_on_a_line_is_the_outlets_section() -> None:
    incidents = _run(
        "AFRICA\n"
        "Soldiers killed in attack at military base\n"
        "Seven soldiers were killed in the attack, according to an officer.\n"
        "At least 17 people were killed in Somalia on Saturday after militants attacked "
        "a military base, officials said.")
    assert [_at(i) for i in incidents] == ["Somalia"]


def test_a_standfirsts_partial_toll_above_the_ledes_full_one() -> None:
    (attack,) = _run(
        "Soldiers killed in attack at military base\n"
        "Seven soldiers, including the commander of the base, were killed in the "
        "attack, according to an officer.\n"
        "At least 17 people were killed in Somalia on Saturday after militants attacked "
        "a military base, officials said.")
    assert _value(attack.fatalities) == 17
    assert attack.date_start == SATURDAY
