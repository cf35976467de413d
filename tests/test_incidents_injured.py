"""Injured counts as real reports write them (classes found on
benchmarks/incidents_real.py, split fresh5), on articles written for the test: people
"including" the dead are not added to the injured ("killing seven people including two
soldiers and wounding dozens of others"); an age aside between a figure and its verb
("Two firefighters, aged 41 and 36, were hurt"); a lede's injured over a region that the
report then tells town by town is not one town's toll."""

from __future__ import annotations

import datetime as dt

from written_articles import incidents_in

from geomap.facts.counts import find_counts

MONDAY = dt.date(2025, 9, 8)


def test_people_among_the_dead_are_not_added_to_the_injured() -> None:
    counts = find_counts("A bomber struck a bus station, killing seven people including two "
                         "soldiers and wounding dozens of others.")
    assert [(c.noun, c.value) for c in counts if c.noun in ("dead", "injured")] == [
        ("dead", 7), ("injured", 12)]  # "dozens": ACLED's 12, not 12 + the two soldiers


def test_an_age_aside_stands_between_a_figure_and_its_verb() -> None:
    incidents = incidents_in("Russian artillery pounded Kharkiv on Monday. Two firefighters, "
                             "aged 41 and 36, were hurt.", MONDAY)
    assert len(incidents) == 1
    assert incidents[0].injured is not None and incidents[0].injured.value == 2


def test_a_ledes_injured_over_a_region_told_town_by_town_is_no_towns_toll() -> None:
    incidents = incidents_in(
        "Three people were hurt in Kharkiv Oblast in Russian attacks on 8 September.\n\n"
        "A 70-year-old man was hurt after a Russian drone struck a house in the town of "
        "Kupiansk.\n\n"
        "In Lozova, two rescuers were hurt when a Russian drone hit their fire engine.",
        MONDAY)
    injured = {i.location.entry.name: i.injured.value for i in incidents
               if i.location is not None and i.injured is not None}  # fmt: skip
    assert injured == {"Kupyansk": 1, "Lozova": 2}  # the lede's 3 is their sum
