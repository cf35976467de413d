"""Classes of misreading found reading the split fresh5 of benchmarks/incidents_real.py
(helper inc80): the people a toll names among its own dead ("including three children
and five women") are who died, not people affected besides; an attack that killed no one
and wounded troops is a battle.  Every article here is written for the test.
"""

from __future__ import annotations

import datetime as dt

import pytest
from written_articles import incidents_in

from geomap.facts.counts import find_counts
from geomap.facts.sums import among_tolls

WEDNESDAY = dt.date(2015, 4, 15)


@pytest.mark.parametrize(
    "sentence",
    [
        "Nine civilians, including three children and five women, died after an air strike "
        "on Aleppo on Monday, activists said.",
        "An air strike on Aleppo on Monday killed 9 civilians, including 3 children and 5 "
        "women, activists said.",
        "An air strike killed 12 people, among them four children, in Aleppo on Monday.",
    ],
)
def test_the_people_a_toll_names_among_its_dead_are_not_people_affected(
    sentence: str,
) -> None:
    (incident,) = incidents_in(sentence, WEDNESDAY)
    assert incident.sub_event_type == "Air/drone strike"
    assert incident.fatalities is not None
    assert incident.fatalities.value in (9, 12)
    assert incident.people_affected is None


def test_people_of_another_outcome_after_a_toll_are_still_affected() -> None:
    (incident,) = incidents_in(
        "Floods killed 12 people in Aleppo on Monday, and 300 residents were evacuated.",
        WEDNESDAY,
    )
    assert incident.fatalities is not None and incident.fatalities.value == 12
    assert incident.people_affected is not None and incident.people_affected.value == 300


def _among(text: str) -> list[tuple[int, str]]:
    counts = find_counts(text)
    ids = among_tolls(text, counts)
    return [(c.value, c.noun) for c in counts if id(c) in ids]


def test_the_people_named_among_a_toll_are_found_only_next_to_it() -> None:
    # the figures stay facts of the article; only the toll's own people are marked
    assert _among("The strike killed 12 people, including five children and two women.") == [
        (5, "child"), (2, "woman")]  # fmt: skip
    assert _among("Gunmen wounded 30 people, among them four policemen.") == [
        (4, "policeman")]  # fmt: skip
    # people of a clause of their own are not the toll's
    assert _among("The strike killed 12 people. Five children were taken in by relatives.") == []
    assert _among("Floods killed 12 people, and 300 residents were evacuated.") == []


def test_an_attack_that_wounded_only_soldiers_is_a_battle() -> None:
    incidents = incidents_in(
        "Militants attacked an army base near Kismayo on Monday, killing 27 soldiers, "
        "the group said. The group had attacked the same base in June, wounding seven "
        "soldiers.",
        dt.date(2018, 7, 24),
    )
    assert [(i.event_type, i.temporal_status) for i in incidents] == [
        ("Battles", "new"), ("Battles", "background")]  # fmt: skip
    assert incidents[1].injured is not None and incidents[1].injured.value == 7


def test_gunmen_who_wounded_only_soldiers_fought_a_battle() -> None:
    (incident,) = incidents_in(
        "Gunmen attacked a bus near Kismayo on Monday, wounding seven soldiers.",
        dt.date(2018, 7, 24),
    )
    assert (incident.event_type, incident.sub_event_type) == ("Battles", "Armed clash")


def test_police_hurt_stopping_an_attacker_leave_an_attack_on_civilians() -> None:
    (incident,) = incidents_in(
        "A knifeman attacked shoppers in Kismayo on Monday, wounding two police officers.",
        dt.date(2018, 7, 24),
    )
    assert (incident.event_type, incident.sub_event_type) == (
        "Violence against civilians", "Attack")  # fmt: skip


@pytest.mark.parametrize(
    "opening",
    ["In the northeastern Indian state of Assam,", "In the remote northeastern state of Assam,"],
)
def test_a_toll_opened_by_a_unit_with_words_of_where_and_country_is_that_unit_s(
    opening: str,
) -> None:
    """"In the remote eastern Afghan province of X, ...": a sentence may open with
    several words saying where the unit lies and in which country before its name."""
    incidents = incidents_in(
        "Monsoon floods across India killed more than 50 people this week, officials said "
        "on Tuesday.\nIn the western state of Maharashtra, 30 people were killed in Pune "
        f"district.\n{opening} 12 people died, a disaster official said.",
        dt.date(2020, 7, 8),
    )
    by_place = {i.location.entry.name: i for i in incidents if i.location}
    assert "Assam" in by_place
    assert by_place["Assam"].fatalities is not None
    assert by_place["Assam"].fatalities.value == 12


def test_people_arrested_day_by_day_belong_to_each_day_s_riot() -> None:
    """"turned violent on Friday night and again on Saturday night" ... "arrested 20
    protesters Friday night and 11 others on Saturday night": one riot a night, each with
    its own arrests (one event per place and day)."""
    incidents = incidents_in(
        "A night curfew was imposed in Leeds on Sunday after two nights of unrest. Shops "
        "were looted and police cars set ablaze after a standoff between police and "
        "protesters turned violent on Friday night and again on Saturday night.\n"
        "Police arrested 20 protesters Friday night and 11 others on Saturday night.",
        dt.date(2021, 6, 7),
    )
    riots = sorted((i for i in incidents if i.event_type == "Riots"), key=lambda i: i.date_start)
    assert [(i.date_start, i.people_affected.value if i.people_affected else None)
            for i in riots] == [(dt.date(2021, 6, 4), 20), (dt.date(2021, 6, 5), 11)]
    assert not [i for i in incidents if i.event_type == "Protests"]


def test_a_figure_told_day_by_day_leaves_out_what_it_counts() -> None:
    counts = find_counts("Police arrested 20 protesters on Friday and 11 others on Saturday.")
    assert [(c.value, c.noun, c.more) for c in counts] == [
        (20, "arrested", False), (11, "arrested", False)]  # fmt: skip
    # place by place, the later figure is more of the same
    counts = find_counts("Police arrested 20 people in Leeds and 11 more in York.")
    assert [(c.value, c.noun, c.more) for c in counts] == [
        (20, "arrested", False), (11, "arrested", True)]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "noun"),
    [
        ("In another development, a middle-aged man has been arrested in Kontagora.",
         "arrested"),
        ("Police arrested a suspect in Kontagora on Tuesday.", "arrested"),
        ("Gunmen kidnapped a pastor in Kontagora on Tuesday.", "abducted"),
    ],
)
def test_one_person_taken_without_a_figure_is_one(text: str, noun: str) -> None:
    assert [(c.value, c.noun) for c in find_counts(text)] == [(1, noun)]


def test_one_arrest_written_without_a_figure_affects_one_person() -> None:
    incidents = incidents_in(
        "Police said a middle-aged man has been arrested in Kontagora with 20 jerrycans of "
        "petrol meant for the gunmen.",
        dt.date(2022, 3, 8),
    )
    arrests = [i for i in incidents if i.sub_event_type == "Arrests"]
    assert len(arrests) == 1
    assert arrests[0].people_affected is not None and arrests[0].people_affected.value == 1


@pytest.mark.parametrize(
    "sentence",
    [
        "A drone blasted a hole in an apartment building in Kharkiv overnight, killing three "
        "people, officials said.",
        "Overnight in Kharkiv, a missile tore a huge hole through a school, killing three "
        "people, officials said.",
    ],
)
def test_a_hole_blasted_in_a_building_is_one_building_harmed(sentence: str) -> None:
    (incident,) = incidents_in(sentence, dt.date(2025, 1, 30))
    assert incident.fatalities is not None and incident.fatalities.value == 3
    assert incident.structures_affected is not None
    assert incident.structures_affected.value == 1


def test_an_event_named_in_passing_that_the_story_goes_on_with_is_told() -> None:
    """"The explosion came hours after insurgents stormed two villages. They were
    repelled in clashes ... The attack began at 4 a.m. when gunmen drove into the
    villages of A and B, about 40 miles west of Mosul": once the story goes on about the
    clash named in passing, "the attack" is that clash, and its place is not the
    bombing's."""
    incidents = incidents_in(
        "Police said three civilians were killed when a car bomb exploded near an army "
        "checkpoint south of Kirkuk on Sunday. The explosion came hours after suspected "
        "insurgents stormed two villages in northern Iraq. They were repelled by security "
        "forces in clashes that left at least 15 people dead, a local official said. The "
        "attack began about 4 a.m. when gunmen drove into the villages of Tal Ward and Umm "
        "Hajar, about 40 miles west of Mosul, the official said.",
        dt.date(2008, 5, 5),
    )
    by_type = {i.event_type: i for i in incidents}
    bombing, clash = by_type["Explosions/Remote violence"], by_type["Battles"]
    assert bombing.location is not None and bombing.location.entry.name == "Kirkuk"
    assert bombing.scene_point is None
    assert clash.scene_point is not None and clash.location_note is not None
    assert "west of Mosul" in clash.location_note


@pytest.mark.parametrize(
    "sentence",
    [
        "A car bomb exploded at the gate of a military base in Kismayo on Sunday before "
        "dozens of fighters stormed it, an official said.",
        "Militants set off a car bomb at a military base in Kismayo on Sunday, then stormed "
        "the base, an official said.",
    ],
)
def test_a_car_bomb_that_opens_the_storming_of_a_base_is_a_battle(sentence: str) -> None:
    (incident,) = incidents_in(sentence, dt.date(2020, 6, 22))
    assert (incident.event_type, incident.sub_event_type) == ("Battles", "Armed clash")


def test_a_car_bomb_at_a_base_that_no_one_storms_stays_a_bombing() -> None:
    (incident,) = incidents_in(
        "A car bomb exploded near a military base in Kismayo on Sunday, killing four "
        "soldiers, an official said.",
        dt.date(2020, 6, 22),
    )
    assert incident.event_type == "Explosions/Remote violence"
