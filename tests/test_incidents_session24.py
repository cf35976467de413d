"""Misreadings found on the development splits in session 24: a main clause that goes on
after a relative clause set between commas, and an event referred back to by the word
another kind of incident was told with.  Every article here is written for the test."""

from __future__ import annotations

import datetime as dt
import functools

import pytest
from written_articles import incidents_in

from geomap.records import Incident

WEDNESDAY = dt.date(2021, 3, 10)

_run = functools.partial(incidents_in, date=WEDNESDAY)


def _at(incident: Incident) -> str:
    return incident.location.entry.name if incident.location else ""


def test_the_main_clause_goes_on_after_a_relative_clause_between_commas() -> None:
    # the town is the clash's scene, though a later sentence tells another incident
    # there and another names the region the protests are centred in
    incidents = _run(
        "Clashes in Bolivia between police and protesters, who are demanding higher "
        "wages, left at least seven dead on Monday in Huanuni, during an attempt to take "
        "the town's bus station. On Tuesday a bomb exploded at a market in Huanuni, "
        "wounding four. The Oruro region is the centre of the protests."
    )
    clash = next(i for i in incidents if i.date_start == dt.date(2021, 3, 8))
    assert _at(clash) == "Huanuni"
    assert clash.location.entry.feature_type == "city"
    assert clash.fatalities is not None and clash.fatalities.value == 7


def test_the_clashes_named_again_at_the_same_town_are_the_same_incident() -> None:
    incidents = _run(
        "Clashes in Bolivia between police and protesters, who are demanding new "
        "elections, left at least seven dead on Monday in Oruro. "
        '"We have confirmed seven dead today in Oruro during clashes with the police," '
        "an official said. Earlier, a doctor had counted \"five dead in the morgue "
        'following the clashes in Oruro".'
    )
    assert len(incidents) == 1
    (clash,) = incidents
    assert _at(clash) == "Oruro"
    assert clash.event_type == "Riots"
    assert clash.fatalities is not None and clash.fatalities.value == 7


def test_a_relative_clause_followed_by_a_phrase_of_its_own_still_breaks() -> None:
    # "which lies ..., near X": the words after the comma belong to the relative
    # clause's sentence part, not to a main clause that goes on
    incidents = _run(
        "Gunmen attacked a bus in Oruro on Monday, killing three passengers. The road, "
        "which was closed for a week, in the past saw many robberies."
    )
    assert [_at(i) for i in incidents] == ["Oruro"]


@pytest.mark.parametrize(
    "treated",
    [
        "At least seven inmates were being treated at a hospital in La Paz, officials said.",
        "Seven inmates were taken for treatment, officials said.",
        "Seven inmates were rushed to a nearby hospital.",
    ],
)
def test_people_treated_in_hospital_are_the_injured(treated: str) -> None:
    incidents = _run(f"Gunmen stormed a prison in Oruro on Monday, killing 12 inmates. {treated}")
    (attack,) = incidents
    assert attack.fatalities is not None and attack.fatalities.value == 12
    assert attack.injured is not None and attack.injured.value == 7
    assert attack.people_affected is None


def test_a_final_toll_between_two_figures_is_the_lower_one() -> None:
    incidents = _run(
        "A drone strike on a market in Huanuni on Monday killed more than 40 civilians. "
        "The final death toll is believed to be between 52 and 60, officials said."
    )
    (strike,) = incidents
    assert strike.fatalities is not None and strike.fatalities.value == 52


@pytest.mark.parametrize(
    ("sentence", "affected"),
    [
        ("Dozens of people were forced to take refuge in a school.", 12),
        ("More than 300 people had to leave their homes.", 300),
        ("Six soldiers remain unaccounted for.", 6),
        ("Eleven workers who had hid in the forest were rescued.", 11),
    ],
)
def test_people_displaced_missing_or_rescued_in_a_later_sentence_are_affected(
    sentence: str, affected: int
) -> None:
    incidents = _run(
        f"Fighting between two armed groups killed 13 people in Huanuni on Monday. {sentence}"
    )
    (fighting,) = incidents
    assert fighting.fatalities is not None and fighting.fatalities.value == 13
    assert fighting.people_affected is not None and fighting.people_affected.value == affected


def test_a_countrys_total_or_a_wars_is_not_the_incidents_people_affected() -> None:
    incidents = _run(
        "Floods killed 13 people in Huanuni on Monday. Across the country, nearly 59,000 "
        "people have been affected. Thousands have died in the conflict to date and "
        "hundreds of thousands of people have had to flee their homes."
    )
    (flood,) = incidents
    assert flood.fatalities is not None and flood.fatalities.value == 13
    assert flood.people_affected is None


def test_people_burned_alive_are_dead_not_affected() -> None:
    incidents = _run(
        "Militiamen attacked a camp for displaced people in Huanuni on Monday, killing "
        "nine people. At least 12 people were burned alive after their shelters were set "
        "on fire."
    )
    (attack,) = incidents
    assert attack.people_affected is None
    assert any(c.noun == "dead" and c.value == 12 for c in attack.counts)


def test_a_country_battling_a_crisis_is_no_battle() -> None:
    incidents = _run(
        "Gunmen killed seven villagers in an attack on Huanuni on Monday. Bolivia is "
        "battling a political, security and economic crisis and has been ravaged by armed "
        "groups since 2012."
    )
    (attack,) = incidents
    assert (attack.event_type, attack.sub_event_type) == ("Violence against civilians", "Attack")


def test_an_act_of_another_kind_hours_later_is_another_event_at_the_same_place() -> None:
    incidents = _run(
        "Gunmen stormed a gold mining camp in Huanuni on Monday, killing seven workers. "
        "Hours later, a two-hour shootout took place between soldiers and the rebels "
        "occupying the camp."
    )
    kinds = sorted((i.event_type, i.sub_event_type, _at(i)) for i in incidents)
    assert kinds == [
        ("Battles", "Armed clash", "Huanuni"),
        ("Violence against civilians", "Attack", "Huanuni"),
    ]
    attack = next(i for i in incidents if i.event_type == "Violence against civilians")
    assert attack.fatalities is not None and attack.fatalities.value == 7


@pytest.mark.parametrize(
    ("sentence", "sub_event_type"),
    [
        ("At least 40 people were killed after a fire broke out at a factory in Oruro on "
         "Monday.", "Fire"),
        ("At least 40 people were killed after an explosion at a factory in Oruro on "
         "Monday.", "Industrial accident"),
    ],
)
def test_a_factory_fire_is_a_fire_and_a_factory_blast_an_industrial_accident(
    sentence: str, sub_event_type: str
) -> None:
    (accident,) = _run(sentence)
    assert (accident.event_type, accident.sub_event_type) == ("Accident", sub_event_type)


def test_a_toll_told_in_parts_after_a_figure_of_killed_and_injured() -> None:
    incidents = _run(
        "Nine civilians, including women and children, were killed and injured on Monday "
        "in a shelling attack on the Sabr district of Taiz governorate, Yemen. Officials "
        "said one man and three children were killed, while five women and children were "
        "injured in the village of Beit Zurran in the Wadi Qamar area."
    )
    (shelling,) = incidents
    assert shelling.sub_event_type == "Shelling/artillery/missile attack"
    assert shelling.fatalities is not None and shelling.fatalities.value == 4
    assert shelling.injured is not None and shelling.injured.value == 5
    assert shelling.people_affected is None
    assert "Beit Zurran" in (shelling.location_note or "")


def test_a_toll_told_place_by_place_with_another_and_there() -> None:
    incidents = _run(
        "Floods hit Bolivia on Monday. Officials said one person died in Oruro and another "
        "in the hard-hit town of Huanuni, while in Cochabamba residents said two people "
        "died there."
    )
    tolls = sorted((_at(i), i.fatalities.value if i.fatalities else None) for i in incidents)
    assert tolls == [("Cochabamba", 2), ("Huanuni", 1), ("Oruro", 1)]


def test_outside_a_town_named_with_its_direction_is_near_it() -> None:
    (crash,) = _run("On Monday, four people were killed in a bus crash outside the "
                    "southwestern town of Huanuni.")
    assert _at(crash) == "Huanuni"
    assert crash.geo_precision == 2


def test_the_day_a_toll_rose_gives_way_to_the_day_it_happened() -> None:
    (blast,) = _run(
        "The death toll from a coal mine explosion in Huanuni rose to at least 40 people "
        "Tuesday, officials said. There were 110 miners working in the shaft when the "
        "explosion occurred Monday evening."
    )
    assert blast.date_start == dt.date(2021, 3, 8)
    assert blast.fatalities is not None and blast.fatalities.value == 40


def test_a_total_told_again_district_by_district_is_not_a_record_of_its_own() -> None:
    incidents = _run(
        "Two people were killed in floods and landslides caused by monsoon rains in western "
        "Bolivia, authorities said on Monday. A worker at a mine on the river in Oruro "
        "department was found dead. In neighbouring Potosí department another person died "
        "after a landslide swept away houses."
    )
    tolls = sorted((_at(i), i.fatalities.value if i.fatalities else None) for i in incidents)
    assert [t for _, t in tolls] == [1, 1]
    assert {i.location.entry.feature_type for i in incidents} == {"admin1"}


def test_the_disaster_also_at_a_neighbouring_district_is_its_own_record() -> None:
    incidents = _run(
        "Nine bodies of people who died in the landslides in Taplejung district have been "
        "recovered. The landslide, triggered by heavy rains on Monday, buried several homes. "
        "It hit two wards of the municipality, where 20 homes were buried. The landslides "
        "also occurred in Panchthar district, where a farmer's house collapsed."
    )
    assert len(incidents) == 2
    taplejung = next(i for i in incidents if "Taplejung" in _at(i))
    assert taplejung.fatalities is not None and taplejung.fatalities.value == 9
    assert taplejung.structures_affected is not None
    assert taplejung.structures_affected.value == 20
    assert any("Panchthar" in _at(i) for i in incidents)


def test_a_bombing_that_derails_a_train_is_an_attack_and_keeps_its_own_distance() -> None:
    incidents = _run(
        "At least 64 people were killed in northern India on Monday after a passenger train "
        "derailed in Uttar Pradesh. Meanwhile, in the eastern state of Assam, a bombing "
        "caused four carriages of an express train to derail 65km from the city of "
        "Guwahati."
    )
    kinds = {(i.event_type, i.sub_event_type): i for i in incidents}
    bombing = kinds[("Explosions/Remote violence", "Remote explosive/landmine/IED")]
    derailment = kinds[("Accident", "Transport accident")]
    assert "Guwahati" in (bombing.location_note or "")
    assert _at(derailment) == "Uttar Pradesh"
    assert derailment.fatalities is not None and derailment.fatalities.value == 64


@pytest.mark.parametrize(
    ("arrests", "records"),
    [
        ("Police said eight suspects had been rounded up.", 2),
        ("The bomber's driver was detained for questioning.", 1),
    ],
)
def test_arrests_told_with_how_many_are_an_event_of_their_own(arrests: str, records: int) -> None:
    incidents = _run(
        f"A suicide bomber killed 25 people in a mosque in Huanuni on Monday. {arrests}"
    )
    assert len(incidents) == records
    if records == 2:
        arrested = next(i for i in incidents if i.sub_event_type == "Arrests")
        assert arrested.people_affected is not None and arrested.people_affected.value == 8
        assert _at(arrested) == "Huanuni"


def test_an_angry_mob_after_a_bombing_is_a_riot_of_its_own() -> None:
    incidents = _run(
        "A suicide bomber killed 25 people in a mosque in Huanuni on Monday. The situation "
        "in Huanuni remained tense after the bombing. An angry mob reportedly clashed with "
        "the police and burnt a police vehicle near the site of the explosion."
    )
    riots = [i for i in incidents if i.event_type == "Riots"]
    assert len(riots) == 1
    assert _at(riots[0]) == "Huanuni"
    assert riots[0].fatalities is None


def test_a_town_then_its_province_named_like_a_city_is_one_scene() -> None:
    incidents = _run("A car bomb detonated near a police station in Huanuni, Oruro, on Monday, "
                     "killing one officer.")
    assert [_at(i) for i in incidents] == ["Huanuni"]


def test_a_toll_in_the_second_country_a_quake_struck_is_that_countrys_record() -> None:
    incidents = _run(
        "The death toll of a magnitude 6.5 earthquake that hit Bolivia and northern Peru "
        "late on Tuesday amounted to at least 13 people killed, officials said on Wednesday. "
        "At least nine people were killed and 44 injured in northwest Peru, a Peruvian "
        "official said, and hospitals in the northern Piura region were put into a state of "
        "emergency. At least four people were killed and 50 injured in Bolivia, a health "
        "official said."
    )
    by_country = {i.location.entry.country_code: i for i in incidents if i.location}
    assert set(by_country) == {"BO", "PE"}
    assert by_country["PE"].fatalities is not None and by_country["PE"].fatalities.value == 9
    assert by_country["PE"].injured is not None and by_country["PE"].injured.value == 44
    assert by_country["BO"].fatalities is not None and by_country["BO"].fatalities.value == 4
    assert by_country["BO"].injured is not None and by_country["BO"].injured.value == 50


def test_the_storm_a_story_follows_on_the_heels_of_keeps_the_storys_evacuations() -> None:
    incidents = _run(
        "Typhoon Fung-wong killed at least four people in the city of Tuguegarao before "
        "leaving the Philippines on Monday. Fung-wong follows on the heels of Typhoon "
        "Kalmaegi, which killed almost 200 people in Vietnam. About 1.4 million people "
        "were evacuated ahead of the typhoon making landfall on Sunday night."
    )
    story = next(i for i in incidents if _at(i) == "Tuguegarao")
    assert story.people_affected is not None
    assert story.people_affected.value == 1_400_000
