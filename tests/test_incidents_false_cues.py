"""Words that name no incident in news that is not about conflict (found on the LGL and
TR-News development articles, benchmarks/incidents_real.py --split corpus-dev), each on
an article written for the test:

- a battle or a fight in court or in words ("a legal battle against deportation", "the
  battle over the budget", "anybody fighting with their family") is no armed clash;
- a pedestrian "struck by a vehicle" and a car that "struck a 2003 Honda Accord" are a
  road accident, not a strike; a vehicle that "exploded on a mine" is a landmine, not an
  industrial accident at a mine;
- cars named by model year, make and model ("a 2006 Dodge Dakota truck") are neither
  places nor dates;
- arrests planned ("drawing up arrest warrants"), referred to ("his arrest set off an
  uproar", "a tip led to Moore's arrest", "those arrested were to be transferred") or
  generic ("more likely to be injured, arrested or recruited") are no arrests, nor is a
  patient "detained under the Mental Health Act";
- a plot ("admitted to having plotted to ... attack a police station"), a prospect
  ("expect to hear about it as the group holds a rally") and a trend ("attacks have
  fallen to levels of ...") are no incidents;
- a battle known by its name ("captured at the Battle of Richmond") is history, at the
  place it is named after; an author named Flood who "called upon" an actor is no flood.
"""

from __future__ import annotations

import datetime as dt

import pytest
from written_articles import incidents_in

from geomap.event_types import classify
from geomap.gazetteer.index import GazetteerIndex
from geomap.geoparse import find_mentions

MONDAY = dt.date(2024, 5, 6)


def _kinds(text: str) -> list[tuple[str, str]]:
    return [(i.event_type, i.sub_event_type) for i in incidents_in(text, MONDAY)]


# --- battles in words ----------------------------------------------------------------


@pytest.mark.parametrize("clause", [
    "Mother wins reprieve in deportation battle",
    "a Galway mother who has been fighting a long legal battle against deportation",
    "the battle over the budget dragged on in the state senate",
    "anybody out there who is fighting with their family should read it",
    "the widow fought back tears as she spoke",
])  # fmt: skip
def test_a_battle_in_court_or_in_words_is_no_clash(clause: str) -> None:
    hit = classify(clause)
    assert hit is None or hit.event_type != "Battles"


def test_fighting_between_armed_sides_is_still_a_clash() -> None:
    for clause in ("Fighting between rebels and soldiers killed 12 people in Goma",
                   "the battle for control of the town went on for a week"):
        hit = classify(clause)
        assert hit is not None and hit.event_type == "Battles"


def test_an_article_about_a_deportation_case_has_no_incident() -> None:
    assert _kinds(
        "Mother wins reprieve in deportation battle. A Galway mother who has been fighting "
        "a long legal battle against deportation won a reprieve in the High Court in Dublin "
        "on Monday. Her supporters in Galway said the battle over her case had lasted five "
        "years.") == []  # fmt: skip


# --- vehicles --------------------------------------------------------------------------


def test_a_pedestrian_struck_by_a_vehicle_is_a_road_accident() -> None:
    incidents = incidents_in(
        "DAYTON, Ohio -- A 64-year-old woman died Sunday after being struck by a pickup "
        "truck while crossing Main Street in Dayton, police said. The driver stayed at the "
        "scene.", MONDAY)
    assert [(i.event_type, i.sub_event_type) for i in incidents] == [
        ("Accident", "Transport accident")]
    assert incidents[0].fatalities is not None and incidents[0].fatalities.value == 1


def test_a_car_that_struck_another_is_part_of_the_crash() -> None:
    incidents = incidents_in(
        "A three-car crash on Rancho Drive in Las Vegas on Monday left a woman in critical "
        "condition, police said. A 1998 Buick failed to stop and then was sent into the "
        "northbound lanes, where it struck a 2005 Nissan Altima driven by Maria Lopez, 23, "
        "of Las Vegas, and passenger Ana Ruiz, 24, of San Diego. Nobody else was hurt.",
        MONDAY)
    assert [(i.event_type, i.sub_event_type, i.temporal_status) for i in incidents] == [
        ("Accident", "Transport accident", "new")]


def test_a_drone_that_struck_a_car_is_still_a_strike() -> None:
    hit = classify("a drone struck a car near Tyre, killing two")
    assert hit is not None and hit.sub_event_type == "Air/drone strike"


def test_a_vehicle_that_exploded_on_a_mine_is_a_landmine() -> None:
    incidents = incidents_in(
        "A police pickup with five officers exploded on a mine while patrolling near the "
        "village of Mykolaivka on Sunday. One officer died, officials said.", MONDAY)
    assert [(i.event_type, i.sub_event_type) for i in incidents] == [
        ("Explosions/Remote violence", "Remote explosive/landmine/IED")]


# --- cars named by model year, make and model ------------------------------------------


def test_a_cars_make_and_model_are_no_places(gazetteer_index: GazetteerIndex) -> None:
    found = [m.text for m in find_mentions(
        "A 2006 Dodge Dakota truck parked in the garage was damaged. Police said a 2005 "
        "Pontiac Montana driven by a Tacoma man struck a 1999 Plymouth near Tacoma.",
        gazetteer_index)]  # fmt: skip
    assert "Dakota" not in found and "Montana" not in found
    assert "Pontiac" not in found and "Plymouth" not in found
    assert "Tacoma" in found


def test_a_year_before_a_place_still_leaves_the_place(gazetteer_index: GazetteerIndex) -> None:
    found = [m.text for m in find_mentions(
        "Before the 2004 Athens Olympics she trained in Montana.", gazetteer_index)]
    assert "Athens" in found and "Montana" in found


def test_a_car_damaged_in_a_house_fire_is_the_fires() -> None:
    incidents = incidents_in(
        "ZANESVILLE, Ohio -- A fire heavily damaged a house on Maple Avenue in Zanesville on "
        "Sunday morning, firefighters said. A 2006 Dodge Dakota truck parked in the garage "
        "was also heavily damaged. No one was hurt.", MONDAY)
    assert [(i.event_type, i.sub_event_type) for i in incidents] == [("Accident", "Fire")]


def test_a_model_year_is_no_date_of_a_crash() -> None:
    incidents = incidents_in(
        "A Williston man was killed in a traffic accident in Williston, Florida, on Sunday. "
        "He was driving a 2000 Mercury Sable south on Main Street when his car crashed into "
        "a tree, troopers said.", MONDAY)
    assert incidents and all(i.temporal_status == "new" for i in incidents)
    assert all(i.date_start == dt.date(2024, 5, 5) for i in incidents)


# --- arrests that are not events -------------------------------------------------------


@pytest.mark.parametrize("text", [
    "PARIS, Ill. -- Police said Tuesday they are drawing up arrest warrants for two people "
    "in the death of a cyclist on Route 1 in Paris.",
    "PARIS, Ill. -- A tip gave investigators the break they needed to make an arrest in "
    "the death of a cyclist in Paris, police said Tuesday.",
    "CHARLESTON, W.Va. -- A Charleston man pleaded guilty Monday to killing his girlfriend "
    "in a restaurant in July 2008. His arrest and subsequent murder charges set off an "
    "uproar in the city.",
    "GAZA CITY -- Young people in Gaza are exceptionally vulnerable, a UN study released "
    "Tuesday found. They are more likely to be injured, arrested or drawn into violence, "
    "an official said.",
    "The activists had planned to destroy weapons in the Basque country. Sources close to "
    "the case said those arrested were to be transferred to Paris to be questioned.",
    "DAYTON, Ohio -- A Dayton woman pleaded guilty Monday to setting fire to her former "
    "home on Pine Road in March 2023. A tip from a neighbour led to Moore\u2019s arrest, the "
    "prosecutor said.",
    "LONDON -- Other members of the group included John Abdi, 21, of Tottenham, who was "
    "detained under the Mental Health Act after appearing in court on Monday.",
])  # fmt: skip
def test_an_arrest_planned_referred_to_or_generic_is_no_arrest(text: str) -> None:
    assert ("Strategic developments", "Arrests") not in _kinds(text)


def test_an_arrest_told_then_referred_to_is_one_arrest() -> None:
    assert _kinds("Police arrested two men in Dayton on Sunday. Their arrest came after a "
                  "long search.") == [("Strategic developments", "Arrests")]


# --- plots, prospects and trends ------------------------------------------------------


@pytest.mark.parametrize("text", [
    "CINCINNATI -- An Ohio man who admitted to having plotted to kill a soldier and then "
    "attack a police station in Cincinnati was sentenced on Wednesday to 20 years in prison.",
    "SACRAMENTO -- A new group opposes the plan. So, expect to hear a lot about this on talk "
    "radio as the group holds a kickoff rally Tuesday in Sacramento.",
    "BAGHDAD -- The blast in Baghdad came a day after the military said overall attacks "
    "nationwide have fallen to levels of the early months of the war.",
])  # fmt: skip
def test_a_plot_a_prospect_or_a_trend_is_no_incident(text: str) -> None:
    assert _kinds(text) == []


# --- history told in an article about something else -----------------------------------


def test_a_named_battle_is_history_at_its_place() -> None:
    incidents = incidents_in(
        "RICHMOND, Ky. -- Historian Ann Carter spoke about her new book on Wednesday at the "
        "county library. Wednesday's event also featured an exhibit of Civil War letters, "
        "including a pass for a civilian to go through Union lines at Louisville and a "
        "parole for a Union soldier who was captured at the Battle of Richmond.", MONDAY)
    assert [(i.event_type, i.temporal_status) for i in incidents] == [
        ("Battles", "background")]
    assert incidents[0].location is not None
    assert incidents[0].location.entry.name == "Richmond"


def test_a_speaker_named_flood_is_no_flood() -> None:
    assert _kinds(
        "Flood uses actor to illustrate talk in Richmond. RICHMOND, Ky. -- Author Ann Flood "
        "spoke about her new book on Wednesday at the library in Richmond. As the author "
        "addressed a crowd of 200 on Wednesday evening, Flood called upon an actor to read a "
        "letter. Flood said she had worked in the library for years. Author Ann Flood answers "
        "a question Wednesday night in Richmond.") == []  # fmt: skip


def test_a_flood_in_an_article_with_no_one_named_flood_is_still_a_flood() -> None:
    assert _kinds(
        "FARGO, N.D. -- Floods hit Fargo on Monday, forcing 300 people from their homes. "
        "Flood waters rose overnight, the mayor said.") == [("Natural disaster", "Flood")]


def test_a_flood_told_in_capitals_is_still_a_flood() -> None:
    hit = classify("Flood waters rose in Fargo on Monday")
    assert hit is not None and hit.sub_event_type == "Flood"
