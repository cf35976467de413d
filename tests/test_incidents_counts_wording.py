"""Tolls as real reports word them, read by the facts stage: victims named by their
nation or group ("Two Palestinians were killed"), what the victims were doing between
them and their verb, how badly one was hurt, and parts that share one noun ("four female
and two male employees").  The articles are written here; the mechanisms come from misses
on real reports (benchmarks/incidents_real.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from written_articles import incidents_in

from geomap.facts.counts import find_counts


@pytest.mark.parametrize(
    ("text", "value", "noun"),
    [
        ("Two Palestinians were killed by live bullets near the camp.", 2, "dead"),
        ("Three Marines were wounded when their convoy was hit.", 3, "injured"),
        ("Two members of the security forces who were returning fire were wounded, the "
         "ministry said.", 2, "injured"),
        ("Four guards who had been escorting the convoy were killed.", 4, "dead"),
        ("A rocket hit a depot, injuring four female and two male employees.", 6, "injured"),
        ("The shelling killed three Armenians and two soldiers.", 5, "dead"),
        ("A policeman had been moderately injured by shrapnel, the army said.", 1, "injured"),
        ("A teacher was seriously wounded in the attack.", 1, "injured"),
        ("Three Rapid Support Forces (RSF) fighters were wounded.", 3, "injured"),
        ("Two soldiers and four New People's Army (NPA) fighters have been killed.", 6, "dead"),
    ],
)
def test_victims_are_counted_however_the_report_names_them(
    text: str, value: int, noun: str
) -> None:
    counts = [(c.value, c.noun) for c in find_counts(text)]
    assert counts[0] == (value, noun)


@pytest.mark.parametrize(
    ("text", "tolls"),
    [
        ("A district police chief and 12 officers were shot dead in the ambush.", [(13, "dead")]),
        ("One soldier and two civilians were wounded by the blast.", [(3, "injured")]),
        # the one is the object of another verb: a toll of its own, not one more injured
        ("The train derailed, killing one person and injuring 30 other passengers.",
         [(1, "dead"), (30, "injured")]),
    ],
)
def test_one_person_named_before_a_toll_s_figure_is_one_more(
    text: str, tolls: list[tuple[int, str]]
) -> None:
    assert [(c.value, c.noun) for c in find_counts(text)] == tolls


def test_a_fatal_wound_is_still_a_death() -> None:
    assert [(c.value, c.noun) for c in find_counts("Two Israelis were fatally wounded.")] == [
        (2, "dead")
    ]


def test_a_toll_of_a_nation_s_people_is_the_raid_s(gazetteer_cache) -> None:
    text = (
        "Troops raid town in the West Bank\n\n"
        "Israeli troops raided the town of Jenin before dawn on Tuesday, the health ministry "
        "said. Two Palestinians were killed by live bullets, and a soldier had been "
        "moderately injured by gunshot fragments, the army said.\n"
    )
    incidents = incidents_in(text, dt.date(2023, 9, 26))
    assert len(incidents) == 1
    raid = incidents[0]
    assert raid.location is not None and raid.location.entry.country_code == "PS"
    assert raid.fatalities is not None and raid.fatalities.value == 2
    assert raid.injured is not None and raid.injured.value == 1


def test_a_fire_in_a_marketplace_is_a_fire_with_its_toll(gazetteer_cache) -> None:
    text = (
        "Eight people were killed and 15 injured in a fire that broke out at a marketplace "
        "in Zhangjiakou on Saturday morning, local authorities said.\n"
    )
    incidents = incidents_in(text, dt.date(2025, 1, 4))
    assert [(i.event_type, i.sub_event_type) for i in incidents] == [("Accident", "Fire")]
    assert incidents[0].fatalities is not None and incidents[0].fatalities.value == 8
    assert incidents[0].injured is not None and incidents[0].injured.value == 15


_GWANTU = """Gunmen kill seven villagers in central Nigeria

At least seven villagers were killed on Monday in an attack on the village of Gwantu in \
Kaduna State, police said.
Gunmen stormed the market at dawn and opened fire on traders, a police spokesman said.
Such attacks are frequent in the region, where armed gangs raid villages for cattle.
On May 2, 14 farmers were killed in Kafanchan, in an attack blamed on the same gang.
According to the police, a trader was among those killed in Gwantu on Monday. Two police \
officers who were returning fire were wounded{tail}.
"""


@pytest.mark.parametrize("tail", ["", ", and several shops were set on fire"])
def test_a_toll_after_the_story_goes_back_to_an_earlier_scene_is_that_incident_s(
    gazetteer_cache, tail: str
) -> None:
    """The wounded of the last sentence are Gwantu's: the sentence before it went back to
    Gwantu, after a paragraph on another attack (with or without more told of it)."""
    incidents = incidents_in(_GWANTU.format(tail=tail), dt.date(2024, 5, 7))
    by_place = {i.location.entry.name: i for i in incidents if i.location is not None}
    assert set(by_place) == {"Gwantu", "Kafanchan"}
    assert by_place["Gwantu"].injured is not None and by_place["Gwantu"].injured.value == 2
    assert by_place["Kafanchan"].injured is None
    assert by_place["Kafanchan"].fatalities is not None
    assert by_place["Kafanchan"].fatalities.value == 14
