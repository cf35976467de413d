"""Classes of sentences read wrong on real reports (incidents, counts, place roles), each on
an article written here."""

from __future__ import annotations

import datetime as dt

from written_articles import incidents_in

from geomap.article import article_from_text
from geomap.facts.counts import find_counts
from geomap.pipeline import run

DAY = dt.date(2024, 5, 3)


def _counts(text: str) -> list[tuple[int, str]]:
    return [(c.value, c.noun) for c in find_counts(text)]


def test_another_wounded_after_one_killed_is_one_injured() -> None:
    """"one policeman was killed and another wounded": the other one is hurt."""
    assert (1, "injured") in _counts(
        "One policeman was killed and another wounded in the attack on the patrol.")
    assert (1, "injured") in _counts("One person died and another was seriously hurt.")
    assert (1, "dead") in _counts("One soldier was wounded and another killed.")


def test_another_wounded_reaches_the_incident() -> None:
    found = incidents_in(
        "Gunmen attacked a police patrol in Kumanovo on Thursday. One policeman was killed "
        "and another wounded, the interior ministry said.", DAY)
    assert len(found) == 1
    assert found[0].fatalities is not None and found[0].fatalities.value == 1
    assert found[0].injured is not None and found[0].injured.value == 1


def test_killed_a_total_of_is_a_death_toll() -> None:
    """"killed a total of 158 people": dead, not people affected."""
    assert _counts("The floods killed a total of 158 people across the region.") == [
        (158, "dead")]
    assert _counts("The blasts injured a combined 40 people.") == [(40, "injured")]


def test_a_body_pulled_out_of_a_building_is_no_withdrawal() -> None:
    """"the body ... was pulled out of a cafe": brought out, not forces leaving a place."""
    found = incidents_in(
        "Floods swept through the town of Sueca on Tuesday. The body of a teenage girl was "
        "pulled out of her parents' cafe in Sueca on Wednesday, residents said.", DAY)
    assert {i.sub_event_type for i in found} == {"Flood"}


def test_forces_that_pulled_out_of_a_town_still_withdraw() -> None:
    found = incidents_in("Rebel fighters pulled out of the town of Bunia on Monday.", DAY)
    assert [i.sub_event_type for i in found] == ["Non-violent transfer of territory"]


def test_the_area_of_an_unlisted_origin_is_no_scene() -> None:
    """"going from Kalyanpur in West Bengal to Chennai": West Bengal holds where the train
    came from, not where it crashed."""
    found = incidents_in(
        "At least 40 people were killed when a passenger train derailed in Jharkhand on "
        "Friday. Many passengers are still trapped in the derailed coaches of the express, "
        "which was going from Kalyanpur in West Bengal to Tamil Nadu's capital Chennai.", DAY)
    assert [i.location.entry.name for i in found if i.location] == ["Jharkhand"]


def test_the_far_end_of_a_journey_from_a_place_is_no_scene() -> None:
    """"the train, which went from Kolkata to Ranchi": Ranchi is where it was going."""
    found = incidents_in(
        "At least 40 people were killed when a passenger train derailed in Jharkhand on "
        "Friday. Many passengers are still trapped in the coaches of the train, which went "
        "from Kolkata to Ranchi.", DAY)
    assert [i.location.entry.name for i in found if i.location] == ["Jharkhand"]


def test_rockets_fired_from_a_country_to_a_city_strike_the_city() -> None:
    found = incidents_in("Rockets fired from Lebanon to Haifa killed two people on Friday.",
                         DAY)
    assert [i.location.entry.name for i in found if i.location] == ["Haifa"]


def test_half_a_million_is_half() -> None:
    """"a conflict that has killed half a million people": 500,000 dead, not a million
    people affected."""
    assert _counts("The conflict has killed half a million people.") == [(500000, "dead")]
    assert _counts("Half a dozen soldiers were wounded.") == [(6, "injured")]


def test_a_war_total_in_half_a_million_is_no_toll_of_the_ambush() -> None:
    found = incidents_in(
        "An ambush on a police convoy in the town of Jableh killed at least 16 officers on "
        "Thursday, the monitor said. Conflicting figures are common after attacks in the "
        "13-year conflict that has killed half a million people.", DAY)
    assert len(found) == 1
    assert found[0].fatalities is not None and found[0].fatalities.value == 16
    assert found[0].people_affected is None


def test_an_interception_is_over_the_defended_country() -> None:
    """"Israel's army said it intercepted an incoming missile from Yemen": over Israel, not
    at the port an earlier sentence named for an air strike."""
    found = incidents_in(
        "US air strikes on the port of Hodeidah in Yemen killed 58 people on Thursday, the "
        "Houthis said. Israel's army said on Friday it had intercepted an incoming missile "
        "from Yemen.", DAY)
    stopped = [i for i in found if i.sub_event_type == "Disrupted weapons use"]
    assert [i.location.entry.name for i in stopped if i.location] == ["Israel"]
    assert stopped[0].geo_precision == 6


def test_drones_shot_down_by_a_demonym_air_force() -> None:
    found = incidents_in(
        "A Russian missile strike on Kharkiv killed three people on Thursday. Ukrainian air "
        "defences shot down 40 drones launched from Russia overnight.", DAY)
    stopped = [i for i in found if i.sub_event_type == "Disrupted weapons use"]
    assert [i.location.entry.name for i in stopped if i.location] == ["Ukraine"]


def _roles(text: str) -> dict[str, str]:
    doc = run(article_from_text(text, article_id="story", date=DAY)).doc
    return {r.mention.text: r.role for sentence in doc.roles for r in sentence}


def test_a_place_before_an_official_title_is_no_scene() -> None:
    """"Meghalaya Chief Minister Conrad Sangma said": the office's place, not where
    anything happened; the students "returned from Bangladesh", where they came from."""
    roles = _roles("Meghalaya Chief Minister Conrad Sangma said 63 students from the state "
                   "safely returned from Bangladesh.")
    assert roles == {"Meghalaya": "context", "Bangladesh": "origin"}
    assert _roles("Naivasha MP Jane Doe said the floods had caused huge destruction.") == {
        "Naivasha": "context"}


def test_a_town_written_as_its_district_is_the_district() -> None:
    """"in the Reasi district of the Jammu region", a district no gazetteer holds: the
    unit around the town of that name (UCDP 3), not the town itself."""
    found = incidents_in("Gunmen fired upon a bus ferrying pilgrims on Sunday, killing at "
                         "least 10 people in the Reasi district of the Jammu region.", DAY)
    assert [(i.location.entry.name, i.geo_precision) for i in found if i.location] == [
        ("Riāsi", 3)]


def test_a_district_hospital_stays_in_its_town() -> None:
    found = incidents_in("Gunmen stormed the Reasi district hospital on Sunday, killing at "
                         "least 10 people.", DAY)
    assert [i.geo_precision for i in found] == [1]


def test_a_district_of_a_city_is_part_of_the_city() -> None:
    """"the Sheikh Radwan district of Gaza City": a part of a city, which is its city (the
    city is not "the district of" anything)."""
    found = incidents_in("A gunman killed three people in the Sheikh Radwan district of Gaza "
                         "City on Sunday.", DAY)
    assert [i.geo_precision for i in found] == [1]


def test_where_people_are_from_is_no_scene() -> None:
    """"disrupting the lives of many students, including those from India": where the
    students live, so "the protests" stay the story's protests, not a record in India."""
    found = incidents_in(
        "Student protesters stormed a jail in Narsingdi district on Friday and set it on "
        "fire. Police banned all rallies in the capital. The protests have prompted the "
        "Bangladeshi authorities to shut down all universities, disrupting the lives of many "
        "students, including those from India.", DAY)
    assert all(i.location is None or i.location.entry.country_code == "BD" for i in found)
    assert _roles("Hundreds of pilgrims from Kerala were stranded.") == {"Kerala": "origin"}


def test_a_toll_due_to_heavy_rains_is_a_flood() -> None:
    """"The death toll due to heavy rains in the state ... has risen to 147": the deaths the
    rain caused, a flood, even where no sentence says "flood"."""
    found = incidents_in("The death toll due to heavy rains in the state of Rio Grande do Sul "
                         "has risen to 147, the civil defence said on Monday.", DAY)
    assert [(i.sub_event_type, i.fatalities.value if i.fatalities else None)
            for i in found] == [("Flood", 147)]
    found = incidents_in("Two soldiers were killed in an ambush during heavy rain in Kharkiv "
                         "on Monday.", DAY)
    assert [i.event_type for i in found] != ["Natural disaster"]


def test_a_town_in_the_weather_forecast_is_no_scene() -> None:
    """"Rains may return on Thursday, especially in Porto Alegre": where the weather may
    come, not a finer place of the flood."""
    found = incidents_in(
        "The death toll due to heavy rains in the state of Rio Grande do Sul has risen to "
        "147. Floods have affected 2.1 million people in Rio Grande do Sul. Rains may return "
        "on Thursday, especially in Porto Alegre.", DAY)
    assert [i.location.entry.name for i in found if i.location] == ["Rio Grande do Sul"]


def test_where_a_measure_was_decided_is_no_scene() -> None:
    """"announced following a national security council meeting in Paris": where the
    decision was taken, not where the state of emergency holds; a meeting struck by a
    bomber is the scene."""
    assert _roles("The state of emergency was announced following a national security "
                  "council meeting in Paris between the president and ministers.") == {
        "Paris": "context"}
    found = incidents_in("A suicide bomber struck a security meeting in Bannu on Monday, "
                         "killing 12 people.", DAY)
    assert [i.location.entry.name for i in found if i.location] == ["Bannu"]
