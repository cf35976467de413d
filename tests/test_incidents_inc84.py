"""Classes of misreading found reading the splits fresh8 and fresh4 of
benchmarks/incidents_real.py (helper inc84): a speaker's hospital is not a scene; an
attack at a town after one at a village the gazetteer lacks is another incident; people
counted at a place of their own after a toll share its verb.  Every article here is
written for the test."""

from __future__ import annotations

import datetime as dt

import pytest
from written_articles import incidents_in

from geomap.facts.counts import find_counts


def test_a_toll_told_by_staff_at_a_hospital_is_not_the_hospitals_town() -> None:
    """"said a doctor at Comilla hospital": where the speaker works, not where the
    bodies of the capsizing were found; no record at Comilla."""
    text = (
        "Ferry capsizes in Bangladesh river, killing 20\n\n"
        "At least 20 people were killed when an overcrowded ferry capsized on the Meghna "
        "river near Chandpur on Sunday, police said.\n\n"
        "\"Three bodies were found by fishermen this morning,\" said a doctor at Comilla "
        "hospital.\n\n"
        "Rescuers were still searching for a dozen missing passengers.\n"
    )
    found = incidents_in(text, dt.date(2024, 5, 7))
    assert [i.location.entry.name for i in found] == ["Chāndpur"]
    assert found[0].fatalities is not None and found[0].fatalities.value == 20


def test_a_town_attacked_after_a_village_the_gazetteer_lacks_is_its_own_incident() -> None:
    """An attack with a toll of its own at a town, after one at a village no gazetteer
    knows in the unit that holds the town: two places, two incidents (one event per
    place); the village's stays at its unit, not at the town."""
    text = (
        "Insurgents kill five in northeast Nigeria\n\n"
        "On Friday, insurgents killed two farmers in Dalwa Kura village, in Konduga local "
        "government area of Borno State, residents said.\n\n"
        "Later on Friday, an insurgent group attacked an outlying neighbourhood of Konduga "
        "town itself, where they killed three people.\n"
    )
    found = incidents_in(text, dt.date(2024, 5, 7))
    tolls = sorted((i.fatalities.value, i.geo_precision) for i in found if i.fatalities)
    assert tolls == [(2, 3), (3, 1)]


def test_the_same_toll_told_again_at_the_town_is_the_villages_incident() -> None:
    """The village's toll told again near the town is not a second incident."""
    text = (
        "On Friday, insurgents killed two farmers in Dalwa Kura village, in Konduga local "
        "government area of Borno State, residents said.\n\n"
        "The insurgents killed the two farmers near Konduga town, a police spokesman said.\n"
    )
    found = incidents_in(text, dt.date(2024, 5, 7))
    assert len(found) == 1


def test_people_counted_at_a_place_of_their_own_after_a_toll_are_its_dead() -> None:
    """"killed 20 people in Garissa, as well as 12 people in Beledweyne": the 12 are dead
    too (the verb governs both), at a place of their own; not people affected."""
    text = (
        "Heavy rains hit East Africa\n\n"
        "Flash floods killed 20 people in Garissa, as well as 12 people in Beledweyne, "
        "officials said on Monday.\n"
    )
    found = incidents_in(text, dt.date(2024, 5, 7))
    by_place = {i.location.entry.name: i for i in found}
    assert by_place["Beledweyne"].fatalities is not None
    assert by_place["Beledweyne"].fatalities.value == 12
    assert by_place["Beledweyne"].people_affected is None
    assert by_place["Garissa"].fatalities.value == 20


@pytest.mark.parametrize(
    ("sentence", "nouns"),
    [
        ("The storm killed 20 people in Luzon and five people in Vietnam.", ["dead", "dead"]),
        ("Floods killed 20 people in Kenya, along with 12 people in Somalia.", ["dead", "dead"]),
        ("The storm killed 20 people in Luzon and left 500 people homeless.",
         ["dead", "person"]),
        ("The storm killed 20 people in Luzon and 500 people in Manila were evacuated.",
         ["dead", "evacuated"]),
    ],
)
def test_a_toll_told_place_by_place_shares_its_verb(sentence: str, nouns: list[str]) -> None:
    """The people after a placed toll are its dead only with no verb of their own."""
    assert [c.noun for c in find_counts(sentence)] == nouns


def test_another_attack_told_without_a_place_is_in_the_unit_not_the_last_town() -> None:
    """"in another attack overnight", after a death in Beryslav, Kherson region: another
    incident than Beryslav's (one event per place and day), so the region that holds it,
    not Beryslav."""
    text = (
        "Russian attacks kill one in southern Ukraine\n\n"
        "In the Kherson region, Russian shelling killed a 60-year-old man in Beryslav on "
        "Friday, the regional governor said.\n\n"
        "He also said three people had been wounded in another attack overnight.\n"
    )
    found = incidents_in(text, dt.date(2024, 5, 11))
    assert len(found) == 2
    second = next(i for i in found if i.injured is not None)
    assert second.injured.value == 3
    assert second.location.entry.feature_type == "admin1"
    assert second.geo_precision == 4


def test_a_facility_named_after_a_place_near_the_scene_is_no_scene() -> None:
    """"in Marhanets, near the Russian-held Zaporizhzhia nuclear power plant": the plant
    says where Marhanets lies; its namesake city is no second scene."""
    text = (
        "Shelling wounds two in southern Ukraine\n\n"
        "Russian shelling damaged houses and wounded two people in Marhanets, near the "
        "Russian-held Zaporizhzhia nuclear power plant, the regional governor said on "
        "Saturday.\n"
    )
    found = incidents_in(text, dt.date(2024, 5, 11))
    assert [i.location.entry.name for i in found] == ["Marhanets"]


def test_an_undated_attack_takes_the_day_the_lede_gives_its_place() -> None:
    """"simultaneous attacks on Friday in Pakwau and Duk Padiet", then "after a separate
    attack in Duk Padiet, witnesses told reporters on Sunday": Friday, the day stated for
    an event at that place, not the day it was told."""
    text = (
        "Gunmen kill 30 in two Jonglei villages\n\n"
        "Gunmen carried out simultaneous attacks on Friday in Pakwau and Duk Padiet in "
        "Jonglei state, local officials said.\n\n"
        "Twenty-four people were killed in Pakwau, most of them women and children.\n\n"
        "Six people were confirmed dead after a separate attack in Duk Padiet, witnesses "
        "told reporters on Sunday.\n"
    )
    found = incidents_in(text, dt.date(2024, 5, 13))
    six = next(i for i in found if i.fatalities is not None and i.fatalities.value == 6)
    assert six.date_start == dt.date(2024, 5, 10)


def test_victims_named_with_an_age_and_no_article_are_counted() -> None:
    """"34-year-old John Mwangi, a trader, was shot dead ... 22-year-old Amina Yusuf was
    seriously wounded": one dead and one injured, though no figure and no article."""
    text = (
        "Gunman opens fire at Eldoret market\n\n"
        "A gunman opened fire at a crowded market in Eldoret on Monday, police said.\n\n"
        "Police said 34-year-old John Mwangi, a trader, was shot dead at his stall, while "
        "22-year-old Amina Yusuf was seriously wounded.\n"
    )
    (found,) = incidents_in(text, dt.date(2024, 5, 7))
    assert found.fatalities is not None and found.fatalities.value == 1
    assert found.injured is not None and found.injured.value == 1


def test_a_named_person_arrested_is_no_casualty() -> None:
    assert find_counts("Police said 34-year-old John Mwangi was arrested on Monday.") == []


def test_a_village_the_gazetteer_lacks_beside_a_town_is_near_the_town() -> None:
    """"in Tal Qasrayn village of Mosul": a village no gazetteer knows, put beside the
    town, is near Mosul (UCDP 2, the village in the note), not in the city itself."""
    text = (
        "Roadside bomb kills policeman in northern Iraq\n\n"
        "A roadside bomb targeted a police patrol in Tal Qasrayn village of Mosul on "
        "Tuesday, killing one officer and wounding two others, security sources said.\n"
    )
    (found,) = incidents_in(text, dt.date(2024, 5, 8))
    assert found.location.entry.name == "Mosul"
    assert found.geo_precision == 2
    assert found.location_note is not None and "Tal Qasrayn" in found.location_note


def test_a_figure_is_no_modifier_of_the_noun_another_figure_counts() -> None:
    """"two communities left nine people injured": nine injured, not two (the people
    are the second figure's, whatever noun the first one has)."""
    text = ("Clashes between two communities left nine people injured in Bhilwara on "
            "Friday, police said.\n")
    (found,) = incidents_in(text, dt.date(2024, 5, 8))
    assert found.injured is not None and found.injured.value == 9
    assert [(c.value, c.noun) for c in find_counts(
        "Some two million people were displaced.")] == [(2000000, "displaced")]
