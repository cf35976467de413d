"""Misreadings found on the fresh4 development reports (benchmarks/incidents_real.py,
split fresh4), each as a class: a bomb that kills with no blast verb, a victim written
without a figure by a noun the figures know ("killing a citizen"), a distance that says
where "the town" lies taken for the scene, and a city the wounded were referred to taken
for a scene.  Every article here is written for the test.
"""

from __future__ import annotations

import datetime as dt

from written_articles import incidents_in

SATURDAY = dt.date(2021, 3, 13)


def _kinds(incidents) -> list[tuple[str, str]]:
    return [(i.event_type, i.sub_event_type) for i in incidents]


def test_a_bomb_that_kills_is_an_attack() -> None:
    incidents = incidents_in(
        "A bomb killed five people at a crowded market in Peshawar on Friday, police said.",
        SATURDAY,
    )
    assert _kinds(incidents) == [("Explosions/Remote violence",
                                  "Remote explosive/landmine/IED")]
    (bombing,) = incidents
    assert bombing.fatalities is not None and bombing.fatalities.value == 5
    assert bombing.location is not None and bombing.location.entry.name == "Peshawar"


def test_a_bomb_dropped_from_the_air_is_not_a_planted_one() -> None:
    kinds = _kinds(incidents_in(
        "A bomb dropped by a military helicopter killed five people in Kidal on Friday.",
        SATURDAY,
    ))
    assert ("Explosions/Remote violence", "Remote explosive/landmine/IED") not in kinds


def test_a_victim_named_by_a_noun_of_the_figures_counts() -> None:
    (bombing,) = incidents_in(
        "A roadside bomb exploded in Mosul on Friday, killing a citizen and wounding a "
        "policeman.",
        SATURDAY,
    )
    assert bombing.fatalities is not None and bombing.fatalities.value == 1
    assert bombing.injured is not None and bombing.injured.value == 1
