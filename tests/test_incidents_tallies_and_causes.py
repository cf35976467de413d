"""Classes of misreading found on real reports (benchmarks/incidents_real.py, split
fresh5), each on an article written for the test: a period that ranks an event ("the
deadliest disaster this year") or a dateline's day taken for a tally of many events; a wire
dateline with no dash taken for the scene; an evacuation typed where the sentence says a
strike caused it; an incident told after "overnight" dated to the week before publication;
"two other provinces" counted as two dead; a place a journey's length is measured from
taken for the scene; a toll over two countries kept as one incident; "kidnap suspects"
arrested typed as another abduction."""

from __future__ import annotations

import datetime as dt

from written_articles import incidents_in

from geomap.facts.counts import find_counts

MONDAY = dt.date(2013, 8, 5)
THURSDAY = dt.date(2025, 1, 30)


def test_a_period_that_ranks_the_event_is_no_tally_and_no_date() -> None:
    incidents = incidents_in(
        "Flash floods killed more than 40 people in Parwan province in what officials "
        "called the deadliest disaster this year.", MONDAY)
    assert [(i.event_type, i.sub_event_type) for i in incidents] == [
        ("Natural disaster", "Flood")]
    flood = incidents[0]
    assert flood.fatalities is not None and flood.fatalities.value == 40
    assert flood.date_start != dt.date(2013, 1, 1)  # not "this year" as the event's days


def test_a_datelines_day_before_the_event_word_is_no_count_of_events() -> None:
    incidents = incidents_in(
        "KABUL Aug 5 A flash flood killed 12 people in Parwan province, the third to hit "
        "the valley in the past year, officials said.", MONDAY)
    assert [i.sub_event_type for i in incidents] == ["Flood"]
    assert incidents[0].fatalities is not None and incidents[0].fatalities.value == 12
    assert incidents[0].date_start == MONDAY  # the day it was told, not "the past year"


def test_a_wire_dateline_without_a_dash_is_not_the_scene() -> None:
    incidents = incidents_in(
        "KABUL Aug 5 A suicide bomber killed 12 people at a market in Parwan province on "
        "Sunday, officials said.", MONDAY)
    assert len(incidents) == 1
    bombing = incidents[0]
    assert bombing.sub_event_type == "Suicide bomb"
    assert bombing.location is not None and bombing.location.entry.name != "Kabul"
    assert bombing.location.entry.feature_type == "admin1"


def test_an_evacuation_caused_by_a_strike_is_the_strike() -> None:
    incidents = incidents_in(
        "Some 80 residents of the Poltava region were evacuated on Wednesday after a "
        "Russian drone hit a fuel depot, officials said.", THURSDAY)
    assert [(i.event_type, i.sub_event_type) for i in incidents] == [
        ("Explosions/Remote violence", "Air/drone strike")]
    strike = incidents[0]
    assert strike.location is not None and strike.location.entry.name == "Poltava"
    assert strike.people_affected is not None and strike.people_affected.value == 80


def test_an_incident_told_after_a_night_of_attacks_takes_that_night() -> None:
    incidents = incidents_in(
        "Russian forces sent dozens of drones toward Ukraine overnight, the air force said. "
        "Air defences downed most of them, it said.\n\n"
        "In the southern Odesa region, drones damaged a school and a shop, the governor "
        "said.", THURSDAY)
    odesa = [i for i in incidents if i.location is not None
             and i.location.entry.name in ("Odesa", "Odessa")]  # fmt: skip
    assert odesa and odesa[0].sub_event_type == "Air/drone strike"
    # the night began on Wednesday: not the week before publication
    assert {i.date_start for i in incidents} == {dt.date(2025, 1, 29)}


def test_other_provinces_are_no_dead() -> None:
    counts = find_counts("Nine more people died in two other northern provinces, Baghlan "
                         "and Takhar, police said.")
    assert [(c.noun, c.value) for c in counts if c.noun == "dead"] == [("dead", 9)]


def test_a_place_an_hours_journey_is_measured_from_is_not_the_scene() -> None:
    incidents = incidents_in(
        "Floods killed nine people in Parwan province, about two hours from Kabul, "
        "officials said on Monday.", MONDAY)
    assert len(incidents) == 1
    assert incidents[0].location is not None
    assert incidents[0].location.entry.name != "Kabul"


def test_a_toll_over_two_countries_is_told_country_by_country() -> None:
    incidents = incidents_in(
        "Monsoon floods across India and Nepal killed more than 90 people, officials said "
        "on Monday.\n\n"
        "In Nepal, landslides claimed 30 lives in Pokhara, local media reported.", MONDAY)
    tolls = [i.fatalities.value for i in incidents if i.fatalities]
    assert 90 not in tolls  # the sum over two countries is no one incident's toll
    pokhara = [i for i in incidents if i.location is not None
               and i.location.entry.name == "Pokhara"]  # fmt: skip
    assert len(pokhara) == 1 and pokhara[0].fatalities is not None
    assert pokhara[0].fatalities.value == 30


def test_kidnap_suspects_arrested_are_no_abduction_of_their_own() -> None:
    incidents = incidents_in(
        "Gunmen kidnapped 12 passengers near Kaduna on Sunday, police said.\n\n"
        "On Tuesday, police in Zaria said four kidnap suspects had been arrested in the "
        "town.", dt.date(2024, 5, 8))
    abductions = [i for i in incidents if i.sub_event_type == "Abduction/forced disappearance"]
    assert len(abductions) == 1  # the arrest is no second abduction at the town
    assert abductions[0].location is not None
    assert abductions[0].location.entry.name == "Kaduna"
    assert abductions[0].people_affected is not None
    assert abductions[0].people_affected.value == 12
