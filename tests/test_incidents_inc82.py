"""Classes of misreading found reading the split fresh10 of benchmarks/incidents_real.py
(helper inc82): a mission an aircraft is on in a town is no diplomatic mission there; a
town told by its country ("Colombia's third-largest city"); "Hours later" is the day told
before; a photo's caption repeats the story; "was also attacked" at a place of its own;
a toll right after an event named in passing is that event's; "in the same region" is
the story's region; "in the area" points back; the arrests that end the story's one
attack are part of it; a district listed with towns is one more place; an event "the day
after" which a date is told happened the day before; tremors felt "as far as" a town do
not put the quake there.  Every article here is written for the test.
"""

from __future__ import annotations

import datetime as dt

from written_articles import incidents_in

SATURDAY = dt.date(2024, 3, 16)


def _at(incidents, name: str) -> list:
    return [i for i in incidents if i.location is not None and i.location.entry.name == name]


def test_a_mission_an_aircraft_is_on_in_a_town_places_the_attack_there() -> None:
    text = (
        "A police helicopter on a reconnaissance mission in Tumaco, southwestern Colombia, "
        "was shot down by a drone on Friday, killing all nine officers on board."
    )
    (incident,) = incidents_in(text, SATURDAY)
    assert incident.location is not None
    assert incident.location.entry.name == "Tumaco"
    assert incident.geo_precision == 1


def test_a_town_told_by_its_country_is_the_town_named_before() -> None:
    text = (
        "A car bomb exploded outside a police station in Medellín on Friday, killing four "
        "people, police said.\n\n"
        "The mayor announced a ban on motorbikes and the imposition of a curfew in "
        "Colombia's second-largest city."
    )
    incidents = incidents_in(text, SATURDAY)
    curfews = [i for i in incidents if i.sub_event_type == "Change to group/activity"]
    assert len(curfews) == 1
    assert curfews[0].location is not None
    assert curfews[0].location.entry.name == "Medellín"


def test_hours_later_is_the_day_of_the_event_told_before() -> None:
    text = (
        "A car bomb exploded outside a police station in Medellín on Thursday, killing four "
        "people.\n\n"
        "Hours later, a drone attack hit a police patrol in Tumaco, killing two officers.\n\n"
        "Colombia saw one of its deadliest weeks with two major attacks yesterday."
    )
    incidents = incidents_in(text, SATURDAY)
    (drone,) = _at(incidents, "Tumaco")
    assert drone.date_start == dt.date(2024, 3, 14)


def test_a_photo_caption_is_no_incident_of_its_own() -> None:
    text = (
        "Kenyan police say three bodies have been found in a burnt-out shop in Nairobi, the "
        "first deaths after three days of rioting.\n\n"
        "Protests have targeted shops in Nairobi's Kibera district.(AFP: Jane Smith)\n\n"
        "Soldiers joined police on the streets on Saturday to restore order."
    )
    incidents = incidents_in(text, SATURDAY)
    assert [i.event_type for i in incidents] == ["Riots"]


def test_a_place_also_attacked_is_an_incident_of_the_story_kind() -> None:
    text = (
        "Bombs exploded at churches in Kandy and Galle on Sunday morning, killing at least 40 "
        "worshippers, police said.\n\n"
        "Police have not said which church was worst hit.\n\n"
        "On the east coast at 9am, a church in Trincomalee was also attacked during its "
        "service."
    )
    incidents = incidents_in(text, SATURDAY)
    (east,) = _at(incidents, "Trincomalee")
    assert east.event_type == "Explosions/Remote violence"


def test_a_toll_after_an_event_named_in_passing_is_that_events() -> None:
    text = (
        "Gunmen killed 20 villagers in an attack on the town of Bandiagara in the Mopti "
        "region, officials said.\n\n"
        "The massacre comes two days after the army carried out an air strike on militants "
        "at a gold mining site in the same region.\n\n"
        "The operation resulted in the deaths of 30 suspected militants, the army said."
    )
    incidents = incidents_in(text, SATURDAY)
    (attack,) = _at(incidents, "Bandiagara")
    assert attack.fatalities is not None and attack.fatalities.value == 20
    (strike,) = [i for i in incidents if i.sub_event_type == "Air/drone strike"]
    assert strike.fatalities is not None and strike.fatalities.value == 30
    assert strike.location is not None
    assert strike.location.entry.feature_type == "admin1"
    assert strike.location.entry.name == "Mopti"


def test_in_the_area_points_back_to_the_place_told_before() -> None:
    text = (
        "A landslide buried dozens of homes in Pelileo on Sunday night, killing 12 people.\n\n"
        "Just days ago, the road that connects Pelileo with Riobamba was closed after it "
        "cracked open.\n\n"
        "On Saturday, residents protested to demand intervention in the area.\n\n"
        "Rescuers worked through the night.\n\n"
        "The emergency was reported around 9 pm on Sunday in the province of Tungurahua."
    )
    incidents = incidents_in(text, dt.date(2024, 3, 18))
    (protest,) = [i for i in incidents if i.event_type == "Protests"]
    assert protest.location is not None
    assert protest.location.entry.name == "Pelileo"


def test_the_arrests_ending_the_story_one_attack_are_part_of_it() -> None:
    text = (
        "Masked gunmen stormed a radio station in Cuenca on Tuesday morning.\n\n"
        "The brazen attack happened live on air.\n\n"
        "Staff fled for their lives while listeners heard the intruders shout.\n\n"
        "One man put a gun to my head, the station's news editor recounted.\n\n"
        "Sounds resembling gunfire rang out inside the building.\n\n"
        "The broadcast ended after some 15 minutes.\n\n"
        "Police then surrounded the building.\n\n"
        "Witnesses described scenes of panic in the street outside.\n\n"
        "The intruders started hiding when they saw the police outside, the editor said.\n\n"
        "The station owner spoke of a dark day for the press.\n\n"
        "Colleagues gathered outside to offer support.\n\n"
        "The government promised to protect journalists.\n\n"
        "Eventually, all nine attackers were apprehended and detained."
    )
    incidents = incidents_in(text, SATURDAY)
    assert [i.sub_event_type for i in incidents if i.event_type == "Strategic developments"] == []
    assert len(incidents) == 1


def test_a_district_listed_with_towns_is_one_more_place() -> None:
    text = (
        "Bombs exploded during Sunday services at churches in Colombo, Negombo and "
        "Trincomalee, killing at least 40 worshippers, police said."
    )
    incidents = incidents_in(text, SATURDAY)
    places = {i.location.entry.name for i in incidents if i.location is not None}
    assert places == {"Colombo", "Negombo", "Trincomalee"}


def test_an_event_the_day_after_which_a_date_is_told_happened_the_day_before() -> None:
    text = (
        "Relatives wept outside the school in Na Klang on October 7, 2022, the day after a "
        "former police officer killed at least 30 people in a mass shooting at the site.\n\n"
        "The attacker later killed himself."
    )
    (incident,) = incidents_in(text, None)
    assert incident.date_start == dt.date(2022, 10, 6)


def test_a_town_tremors_reached_as_far_as_is_not_the_scene() -> None:
    text = (
        "At least 30 people have died after a powerful earthquake struck western Nepal "
        "today, sending tremors as far as Kolkata and reducing buildings in the region to "
        "rubble."
    )
    (incident,) = incidents_in(text, SATURDAY)
    assert incident.location is not None
    assert incident.location.entry.name == "Nepal"
