"""Misreadings found on the fresh4 development reports (benchmarks/incidents_real.py,
split fresh4), each as a class: a bomb that kills with no blast verb, a victim written
without a figure by a noun the figures know ("killing a citizen"), a distance that says
where "the town" lies taken for the scene, and a city the wounded were referred to taken
for a scene.  Every article here is written for the test.
"""

from __future__ import annotations

import datetime as dt

from written_articles import incidents_in

SATURDAY = dt.date(2021, 3, 13)


def _kinds(incidents) -> list[tuple[str, str]]:
    return [(i.event_type, i.sub_event_type) for i in incidents]


def test_a_bomb_that_kills_is_an_attack() -> None:
    incidents = incidents_in(
        "A bomb killed five people at a crowded market in Peshawar on Friday, police said.",
        SATURDAY,
    )
    assert _kinds(incidents) == [("Explosions/Remote violence",
                                  "Remote explosive/landmine/IED")]
    (bombing,) = incidents
    assert bombing.fatalities is not None and bombing.fatalities.value == 5
    assert bombing.location is not None and bombing.location.entry.name == "Peshawar"


def test_a_bomb_dropped_from_the_air_is_not_a_planted_one() -> None:
    kinds = _kinds(incidents_in(
        "A bomb dropped by a military helicopter killed five people in Kidal on Friday.",
        SATURDAY,
    ))
    assert ("Explosions/Remote violence", "Remote explosive/landmine/IED") not in kinds


def test_a_victim_named_by_a_noun_of_the_figures_counts() -> None:
    (bombing,) = incidents_in(
        "A roadside bomb exploded in Mosul on Friday, killing a citizen and wounding a "
        "policeman.",
        SATURDAY,
    )
    assert bombing.fatalities is not None and bombing.fatalities.value == 1
    assert bombing.injured is not None and bombing.injured.value == 1


def test_the_distance_that_says_where_the_town_lies_is_no_scene() -> None:
    incidents = incidents_in(
        "Police imposed a curfew in Vidisha on Friday after a clash between two groups. "
        "The administration imposed the curfew in the town, which is situated about 50 km "
        "away from Bhopal, as a precaution, officials said.",
        SATURDAY,
    )
    curfews = [i for i in incidents if i.sub_event_type == "Change to group/activity"]
    assert curfews
    for curfew in curfews:
        assert curfew.location is not None and curfew.location.entry.name == "Vidisha"
        assert curfew.geo_precision == 1


def test_an_unnamed_village_measured_from_a_town_keeps_its_computed_point() -> None:
    (attack,) = incidents_in(
        "Gunmen attacked a village located 20 km north of Kunduz on Friday, killing five "
        "people.",
        SATURDAY,
    )
    assert attack.geo_precision == 2
    assert attack.location is not None and attack.location.entry.name == "Kunduz"


def test_the_city_the_wounded_were_referred_to_is_no_scene() -> None:
    incidents = incidents_in(
        "A curfew was imposed in Vidisha on Friday night after a clash that left seven "
        "people injured. The administration imposed the curfew in the town as a "
        "precaution, adding that three of the injured have been referred to Bhopal for "
        "treatment.",
        SATURDAY,
    )
    places = [i.location.entry.name for i in incidents if i.location is not None]
    assert "Vidisha" in places
    assert "Bhopal" not in places



def test_another_bomb_with_one_dead_is_another_incident() -> None:
    # one death each is no sign that "another bomb" retells the first (made-up villages)
    incidents = incidents_in(
        "A roadside bomb targeted a police patrol in Zarqaniyah village of Kirkuk on "
        "Friday, killing one officer. Another bomb exploded in Umm Tarfa village in the "
        "same province, killing a civilian and wounding a policeman.",
        SATURDAY,
    )
    assert _kinds(incidents) == [("Explosions/Remote violence",
                                  "Remote explosive/landmine/IED")] * 2
    assert [i.fatalities.value for i in incidents if i.fatalities is not None] == [1, 1]
    assert [i.injured.value for i in incidents if i.injured is not None] == [1]


def test_another_attack_with_the_same_toll_at_the_same_place_counts_the_series() -> None:
    incidents = incidents_in(
        "Gunmen attacked a village near Bama on Friday. They killed 23 people in another "
        "massacre in Bama, residents said.",
        SATURDAY,
    )
    assert len(incidents) == 1


def test_an_attack_on_another_unknown_village_is_an_incident_of_its_own() -> None:
    # made-up villages: no gazetteer knows them
    incidents = incidents_in(
        "A resident of a Kursk Region village died after a drone attack, the governor said. "
        "Troops attacked the village of Zarechnoye-Dalneye near Kursk with a drone. One "
        "civilian died.\n\nHe said earlier that two fighters had been wounded in an attack "
        "by a kamikaze drone on the village of Ostrovka-Pravaya.",
        SATURDAY,
    )
    assert _kinds(incidents) == [("Explosions/Remote violence", "Air/drone strike")] * 2
    first, second = incidents
    assert first.fatalities is not None and first.fatalities.value == 1
    assert first.injured is None
    assert second.injured is not None and second.injured.value == 2
    # the second village lies near no town its sentence names: the region the report
    # put the first one in, at a region's precision, says where it may be
    assert second.location is not None
    assert second.location.entry.feature_type == "admin1"
    assert second.geo_precision == 4
    assert second.location_note is not None and "Ostrovka-Pravaya" in second.location_note


def test_a_toll_opened_by_a_northwestern_province_is_counted_there() -> None:
    incidents = incidents_in(
        "Floods hit Skardu in Pakistan on Friday, killing four people. In the northwestern "
        "Khyber Pakhtunkhwa province, nine people lost their lives over the last 48 hours "
        "in rain-related incidents.",
        SATURDAY,
    )
    tolls = {i.location.entry.name: i.fatalities.value for i in incidents
             if i.location is not None and i.fatalities is not None}
    assert tolls == {"Skardu": 4, "Khyber Pakhtunkhwa": 9}


def test_the_clash_a_curfew_answered_is_where_the_curfew_was_imposed() -> None:
    incidents = incidents_in(
        "A curfew was imposed in Vidisha on Friday night after a clash between two "
        "communities that left seven people injured.",
        SATURDAY,
    )
    clashes = [i for i in incidents if i.event_type == "Riots"]
    assert len(clashes) == 1
    (clash,) = clashes
    assert clash.injured is not None and clash.injured.value == 7
    assert clash.location is not None and clash.location.entry.name == "Vidisha"
    assert clash.geo_precision == 1
