"""Misreadings found on a set of real reports (benchmarks/incidents_real.py, split
fresh8), as mechanisms: an accident a vehicle had, named only as an "accident"; a
figure and its noun on two lines of hard-wrapped text; the missing told with each
place's toll; a country's toll told place by place; an embassy struck; a strike dated
by a possessive day; history in a part of a country.  Every article here is written for
the test.
"""

from __future__ import annotations

import datetime as dt

from written_articles import incidents_in

SATURDAY = dt.date(2021, 5, 15)


def _run(text: str, date: dt.date | None = SATURDAY):
    return incidents_in(text, date)


def _at(incidents, name: str):
    return [i for i in incidents if i.location is not None and i.location.entry.name == name]


def test_a_vehicle_accident_told_in_passing_is_an_incident_of_its_own() -> None:
    incidents = _run(
        "At least 15 people were killed when a minibus crashed into a lorry in Kenya on "
        "Friday, police said. The accident also injured nine passengers. In 2009, a bus "
        "accident near the town of Nakuru killed 30 people. On Monday, three people died "
        "in a car accident outside the town of Eldoret."
    )
    (history,) = _at(incidents, "Nakuru")
    assert (history.event_type, history.sub_event_type) == ("Accident", "Transport accident")
    assert history.temporal_status == "background"
    assert history.fatalities is not None and history.fatalities.value == 30
    (monday,) = _at(incidents, "Eldoret")
    assert monday.temporal_status == "new"
    assert monday.date_start == dt.date(2021, 5, 10)
    # "The accident also injured nine": the story's own accident, no second one
    assert len(incidents) == 3


def test_the_accident_refers_back_and_tells_none() -> None:
    incidents = _run(
        "Twelve people were killed when a train derailed near Mombasa on Friday. The "
        "accident disrupted traffic on the line to Nairobi for hours, the railway said."
    )
    assert [(i.event_type, i.location.entry.name if i.location else None)
            for i in incidents] == [("Accident", "Mombasa")]  # fmt: skip


def test_a_count_reads_on_across_a_hard_wrapped_line() -> None:
    # text copied with its lines hard-wrapped: the figure and its noun on two lines
    (attack,) = _run(
        "Gunmen killed five people when they stormed a market in the town of Maiduguri,\n"
        "Nigeria, on Monday, police said. Another twenty-three\n"
        "villagers were wounded in the attack and taken to a hospital in the\n"
        "town."
    )
    assert attack.fatalities is not None and attack.fatalities.value == 5
    assert attack.injured is not None and attack.injured.value == 23


def test_the_missing_of_each_place_stay_with_it() -> None:
    # "..., while 12 other workers were missing": counted at the place of the toll told
    # right before; "untraceable": missing; a sentence restating the lede's two figures
    # is the lede's total, not more of the last place's
    incidents = _run(
        "KATHMANDU: Two people were killed and 20 are missing in floods and landslides in "
        "Nepal, police said on Sunday. A worker at a dam under construction on a river in "
        "Dolakha district was found dead, while 12 other workers were missing on Saturday. "
        "In Panchthar district another person died and four members of one family were "
        "untraceable after their houses were swept away in a landslide. \"Two bodies have "
        "been recovered, but 20 people are missing,\" a police spokesperson said.",
        dt.date(2023, 6, 18),
    )
    (dolakha,) = _at(incidents, "Dolakha District")
    assert dolakha.people_affected is not None and dolakha.people_affected.value == 12
    (panchthar,) = _at(incidents, "Panchthar District")
    assert panchthar.people_affected is not None and panchthar.people_affected.value == 4
    assert panchthar.fatalities is not None and panchthar.fatalities.value == 1


def test_a_country_toll_told_place_by_place_leaves_each_place_its_own() -> None:
    # "another in hard-hit Mananjary district": the toll's place, past its adjective; the
    # country's six, five of them placed town by town, is the report's total, no record
    incidents = _run(
        "Madagascar cyclone fells power lines, wrecks homes\n"
        "Madagascar's government urged people to move to higher ground on Sunday as Cyclone "
        "Batsirai came ashore. At least six people were killed, the government said. The "
        "disaster office said one person had died in the city of Toamasina and another in "
        "hard-hit Mananjary district, while three people died in the town of Farafangana. "
        "In Mananjary, residents cleared up the devastation the cyclone left behind.",
        dt.date(2022, 2, 7),
    )
    dead = {i.location.entry.name: i.fatalities.value for i in incidents
            if i.location is not None and i.fatalities is not None}  # fmt: skip
    assert dead == {"Toamasina": 1, "Mananjary": 1, "Farafangana": 3}
    (mananjary,) = _at(incidents, "Mananjary")
    assert mananjary.geo_precision == 3  # the district the report names
    assert mananjary.date_start == dt.date(2022, 2, 6)


def test_an_embassy_struck_is_where_the_strike_happened() -> None:
    # "the embassy in X" is a body that speaks for its country, unless it was struck
    (strike,) = _run(
        "A drone strike on the Turkish embassy in Tripoli killed two guards on Sunday, "
        "Libyan officials said. Ankara condemned the attack.",
        dt.date(2024, 4, 4),
    )
    assert strike.sub_event_type == "Air/drone strike"
    assert strike.location is not None and strike.location.entry.name == "Tripoli"
    assert strike.fatalities is not None and strike.fatalities.value == 2


def test_a_strike_dated_by_a_possessive_day_happened() -> None:
    # "Monday's airstrike on a village in X": no verb, but a day it happened on
    incidents = _run(
        "Gunmen attacked a police post in Quetta, Pakistan, on Wednesday, killing four "
        "officers. The attack came after Monday's Pakistani airstrike on a village in "
        "Khost province, Afghanistan.",
        dt.date(2024, 4, 4),
    )
    (strike,) = [i for i in incidents if i.location is not None
                 and i.location.entry.country_code == "AF"]  # fmt: skip
    assert (strike.event_type, strike.sub_event_type) == ("Explosions/Remote violence",
                                                          "Air/drone strike")  # fmt: skip
    assert strike.date_start == dt.date(2024, 4, 1)
    assert strike.temporal_status == "new"


def test_history_in_a_part_of_a_country_is_mapped_a_country_tally_is_not() -> None:
    text = (
        "Gunmen attacked two police stations in Chabahar, Iran, on Wednesday, killing three "
        "officers. In late February, Iranian forces killed one of the group's leaders in an "
        "operation in southeastern Pakistan. Last year, militants killed 2,000 people in "
        "Pakistan."
    )
    incidents = _run(text, dt.date(2024, 4, 4))
    history = [i for i in incidents if i.temporal_status == "background"]
    (part,) = history  # the country's tally is not an event
    assert part.geo_precision == 5
    assert part.location_note == "the southeast of Pakistan"
    assert part.fatalities is not None and part.fatalities.value == 1
