"""Injured counts as real reports write them (classes found on
benchmarks/incidents_real.py, split fresh5), on articles written for the test: people
"including" the dead are not added to the injured ("killing 10 people including four
police officers and injuring dozens of others"); an age aside between a figure and its
verb ("Two emergency workers, aged 33 and 28, have been injured"); a lede's injured over a
region that the report then tells town by town is not one town's toll."""

from __future__ import annotations

import datetime as dt

from written_articles import incidents_in

from geomap.facts.counts import find_counts

MONDAY = dt.date(2025, 9, 8)


def test_people_among_the_dead_are_not_added_to_the_injured() -> None:
    counts = find_counts("A suicide bomber blew himself up in a market, killing 10 people "
                         "including four police officers and injuring dozens of others.")
    assert [(c.noun, c.value) for c in counts if c.noun in ("dead", "injured")] == [
        ("dead", 10), ("injured", 12)]  # "dozens": ACLED's 12, not 12 + the four officers


def test_an_age_aside_stands_between_a_figure_and_its_verb() -> None:
    incidents = incidents_in("Russian drones struck Kharkiv on Monday. Two emergency workers, "
                             "aged 33 and 28, have been injured.", MONDAY)
    assert len(incidents) == 1
    assert incidents[0].injured is not None and incidents[0].injured.value == 2


def test_a_ledes_injured_over_a_region_told_town_by_town_is_no_towns_toll() -> None:
    incidents = incidents_in(
        "Three people were injured in Kharkiv Oblast as a result of Russian attacks on "
        "8 September.\n\n"
        "A 69-year-old man was injured after a Russian drone hit a house in the town of "
        "Kupiansk.\n\n"
        "Emergency workers in Lozova came under Russian drone attack while responding to an "
        "earlier strike. Two emergency workers have been injured.", MONDAY)
    injured = {i.location.entry.name: i.injured.value for i in incidents
               if i.location is not None and i.injured is not None}  # fmt: skip
    assert injured == {"Kupyansk": 1, "Lozova": 2}  # the lede's 3 is their sum
