"""Types, counts and dates of incidents, on articles written for these tests: classes of
sentences English news writes (lightning that starts a fire, a blast at an oil depot
or a bakery, force used on protesters told in a sentence of its own, one house left
buried, a building that collapsed)."""

from __future__ import annotations

import datetime as dt

from written_articles import incidents_in

DEPOT = (
    "Blaze at oil depot leaves four firefighters missing\n\n"
    "A fire set off by a lightning strike at an oil storage facility raged uncontrolled "
    "in the port city of Matanzas on Friday, where two explosions injured 40 people, "
    "officials said.\n\n"
    "Firefighters were still trying to put out the blaze on Saturday.\n"
)


def test_lightning_strike_is_no_air_strike_and_depot_blasts_are_an_accident() -> None:
    found = incidents_in(DEPOT, dt.date(2022, 8, 7))
    types = {(i.event_type, i.sub_event_type) for i in found}
    assert all(t[0] != "Explosions/Remote violence" for t in types), types
    accident = [i for i in found if i.event_type == "Accident"]
    assert accident and any(i.injured is not None and i.injured.value == 40 for i in accident)


def test_explosion_at_a_bakery_is_an_industrial_accident() -> None:
    text = (
        "Blast at a bakery kills six\n\n"
        "An explosion at a bakery in the centre of San Cristobal on Monday killed six "
        "people and injured 30, officials said.\n"
    )
    found = incidents_in(text, dt.date(2023, 8, 15))
    assert [(i.event_type, i.sub_event_type) for i in found] == [
        ("Accident", "Industrial accident")]
    assert found[0].fatalities is not None and found[0].fatalities.value == 6


def test_excessive_force_told_after_the_protest_types_it_and_brings_its_toll() -> None:
    text = (
        "Unrest in the provinces\n\n"
        "Thousands took to the streets of Nukus on Monday against the reform. "
        "Demonstrators tried to seize the regional parliament. They were met with "
        "excessive force, leaving at least 12 dead and hundreds injured, rights groups "
        "said.\n"
    )
    found = incidents_in(text, dt.date(2022, 7, 5))
    protests = [i for i in found if i.event_type == "Protests"]
    assert len(protests) == 1, found
    assert protests[0].sub_event_type == "Excessive force against protesters"
    assert protests[0].fatalities is not None and protests[0].fatalities.value == 12
    assert protests[0].injured is not None and protests[0].injured.value == 100


def test_lethal_force_against_armed_resistance_is_no_protest() -> None:
    text = (
        "Resistance movements, some armed, have emerged across the country, which the "
        "military has countered with excessive force.\n"
    )
    found = incidents_in(text, dt.date(2023, 5, 1))
    assert not [i for i in found if i.event_type == "Protests"], found


def test_one_home_left_buried_is_a_structure_affected() -> None:
    text = (
        "Landslide kills five in El Salvador\n\n"
        "A landslide on Sunday killed five members of one family in Panchimalco, and "
        "their home in the hamlet of Los Planes was left completely buried by mud, "
        "officials said.\n"
    )
    found = incidents_in(text, dt.date(2022, 9, 22))
    assert len(found) == 1
    assert found[0].structures_affected is not None
    assert found[0].structures_affected.value == 1


def test_a_building_that_collapsed_is_one_structure() -> None:
    text = (
        "A four-storey building collapsed in the centre of Dar es Salaam on Saturday, "
        "killing 13 people, officials said.\n"
    )
    found = incidents_in(text, dt.date(2024, 11, 18))
    assert len(found) == 1
    assert found[0].structures_affected is not None
    assert found[0].structures_affected.value == 1


def test_a_days_possessive_dates_an_incident_whose_toll_rose_another_day() -> None:
    text = (
        "The death toll from a powerful explosion near the capital of Ruritania rose to 11 "
        "on Tuesday, with dozens injured.\n\n"
        "Monday's explosion also left more than 50 people injured as the blast tore "
        "through a busy market, officials said.\n"
    )
    found = incidents_in(text, dt.date(2023, 8, 15))
    assert found
    assert all(i.date_start == dt.date(2023, 8, 14) for i in found), [
        i.date_start for i in found]


def test_a_day_right_before_its_reporting_verb_is_not_the_events_day() -> None:
    text = (
        "A powerful tornado tore through rural Mississippi on Friday night, killing at "
        "least 13 people in Rolling Fork, officials said.\n\n"
        "Local television early Saturday reported an additional three deaths in Humphreys "
        "County.\n"
    )
    found = incidents_in(text, dt.date(2023, 3, 25))
    assert len(found) == 2
    assert all(i.date_start == dt.date(2023, 3, 24) for i in found), [
        i.date_start for i in found]


def test_an_ambush_on_troops_stays_a_battle_whatever_weapon_it_used() -> None:
    text = (
        "Suspected jihadists mounted an ambush on Thursday on an army convoy near the "
        "town of Douentza that left 12 soldiers dead and 20 wounded, the army said.\n\n"
        "The attackers apparently used grenades to attack the convoy, officials said.\n"
    )
    found = incidents_in(text, dt.date(2019, 1, 26))
    assert [(i.event_type, i.sub_event_type) for i in found] == [("Battles", "Armed clash")]
    assert found[0].fatalities is not None and found[0].fatalities.value == 12


def test_force_on_protesters_told_first_stays_excessive_force_after_stones_thrown() -> None:
    text = (
        "Police in Iran opened fire on protesters in the city of Zahedan on Friday, "
        "killing at least four, activists said.\n\n"
        "The protests began after Friday prayers.\n\n"
        "Officials said several police officers had been hurt by stone-throwing "
        "protesters who set fire to a police post.\n"
    )
    found = incidents_in(text, dt.date(2022, 11, 4))
    assert [(i.event_type, i.sub_event_type) for i in found] == [
        ("Protests", "Excessive force against protesters")]


def test_a_riot_told_first_stays_a_riot_when_police_then_open_fire() -> None:
    text = (
        "Rioters set fire to cars and looted shops in the city of Zahedan on Friday.\n\n"
        "Police opened fire on the protesters, killing two, officials said.\n"
    )
    found = incidents_in(text, dt.date(2022, 11, 4))
    assert [(i.event_type, i.sub_event_type) for i in found] == [
        ("Riots", "Violent demonstration")]


def test_a_body_found_is_one_dead() -> None:
    text = (
        "A fire at an oil storage facility raged uncontrolled in the port city of "
        "Matanzas on Friday, officials said.\n\n"
        "Officials said an unidentified body had been found late on Saturday.\n"
    )
    found = incidents_in(text, dt.date(2022, 8, 7))
    assert len(found) == 1
    assert found[0].fatalities is not None and found[0].fatalities.value == 1


def test_a_toll_a_relative_clause_gives_another_event_is_not_the_riots() -> None:
    text = (
        "More than 50 police officers were injured and four men arrested after riots in "
        "Southport, which broke out as the town reeled from a knife attack that killed "
        "three children.\n"
    )
    found = incidents_in(text, dt.date(2024, 7, 31))
    riots = [i for i in found if i.event_type == "Riots"]
    assert len(riots) == 1
    assert riots[0].fatalities is None
    assert riots[0].injured is not None and riots[0].injured.value == 50


def test_ages_listed_between_a_figure_and_its_verb_keep_the_toll() -> None:
    text = (
        "A man stabbed children at a dance class in the town of Southport on Monday. "
        "Three girls, aged six, seven and nine, were killed, and eight other children and "
        "two adults were injured, police said.\n"
    )
    found = incidents_in(text, dt.date(2024, 7, 30))
    assert len(found) == 1
    assert found[0].fatalities is not None and found[0].fatalities.value == 3
    assert found[0].injured is not None and found[0].injured.value == 10


def test_soldiers_killed_in_strikes_by_forces_is_a_strike_not_a_clash() -> None:
    text = (
        "Two soldiers were killed and 14 others were injured on Monday in strikes by "
        "Azerbaijani forces near the town of Jermuk, the defence ministry said.\n"
    )
    found = incidents_in(text, dt.date(2022, 9, 13))
    assert [(i.event_type, i.sub_event_type) for i in found] == [
        ("Explosions/Remote violence", "Air/drone strike")]
    assert found[0].fatalities is not None and found[0].fatalities.value == 2


def test_a_police_operation_on_a_day_against_gangs_is_a_battle() -> None:
    text = (
        "A police operation Thursday targeting gang members in a favela of Rio de Janeiro "
        "killed at least 18 people, officials said.\n"
    )
    found = incidents_in(text, dt.date(2022, 7, 22))
    assert [(i.event_type, i.sub_event_type) for i in found] == [("Battles", "Armed clash")]


def test_these_facts_occurred_on_a_day_dates_the_story_incident() -> None:
    text = (
        "A command of armed men broke into a bar in Celaya and opened fire, killing three "
        "people and seriously injuring a fourth.\n\n"
        "These facts occurred at about 9:30 p.m. this Thursday in the Renacimiento "
        "neighborhood, local media reported.\n"
    )
    found = incidents_in(text, dt.date(2024, 6, 28))
    assert len(found) == 1
    assert found[0].date_start == dt.date(2024, 6, 27)
