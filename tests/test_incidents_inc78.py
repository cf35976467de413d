"""Classes of sentences English news writes that the incident stages misread on reports
never tuned on (benchmarks/incidents_real.py, split fresh9): the payload a drone carries,
the people who did the harm and the people who live there counted as victims, a range of
figures, an earlier toll told after the story's own. Articles written here."""

from __future__ import annotations

import datetime as dt

from written_articles import incidents_in

from geomap.article import article_from_text
from geomap.facts.counts import find_counts
from geomap.pipeline import run

_DAY = dt.date(2025, 3, 14)


def _value(count: object) -> int | None:
    return None if count is None else count.value  # type: ignore[attr-defined]


def test_explosives_a_drone_carries_keep_the_drone_strike() -> None:
    text = (
        "Rebels killed four soldiers and wounded nine in a drone attack on an army post "
        "in Kidal on Thursday.\n\n"
        "The army said the rebels used drones equipped with improvised explosives and "
        "launched explosive devices from home-made mortars."
    )
    [incident] = incidents_in(text, _DAY)
    assert incident.sub_event_type == "Air/drone strike"


def test_who_did_the_killing_are_not_people_affected() -> None:
    text = (
        "On Tuesday morning, dozens of men on motorcycles machine-gunned villagers who "
        "were working in their fields near Djibo, killing at least 40 people."
    )
    [incident] = incidents_in(text, _DAY)
    assert _value(incident.fatalities) == 40
    assert incident.people_affected is None


def test_the_people_who_live_there_are_not_people_affected() -> None:
    counts = find_counts("The quake shook the archipelago of 320,000 people, home to "
                         "some 1.2 million goats, and a city of 50,000 residents.")
    assert counts == []
    text = (
        "A strong earthquake struck Tonga on Monday, killing six people in Nuku'alofa. "
        "The tremor shook the island nation of 100,000 people for almost a minute."
    )
    [incident] = incidents_in(text, _DAY)
    assert _value(incident.fatalities) == 6
    assert incident.people_affected is None


def test_a_range_of_figures_counts_its_lower_end() -> None:
    def dead(text: str) -> list[int]:
        return [c.value for c in find_counts(text) if c.noun == "dead"]

    assert dead("Between 30 and 50 people were killed.") == [30]
    assert dead("The death toll varies between 100 and several hundred.") == [100]
    assert dead("The death toll ranges from 12 to 20.") == [12]
    assert dead("The toll rose from 10 to 15 people killed.") == [15]  # a change, not a range


def test_an_earlier_toll_told_after_the_story_own_does_not_replace_it() -> None:
    text = (
        "Air strikes on the port of Mocha killed at least 58 people on Thursday, the "
        "health ministry said.\n\n"
        "A ministry spokesman earlier said the preliminary death toll stood at 20."
    )
    [incident] = incidents_in(text, _DAY)
    assert _value(incident.fatalities) == 58
    # a toll said to have changed is still the latest
    text = (
        "Air strikes on the port of Mocha killed at least 20 people on Thursday.\n\n"
        "On Friday the death toll stood at 58, the ministry said."
    )
    [incident] = incidents_in(text, _DAY)
    assert _value(incident.fatalities) == 58


def test_people_who_could_be_affected_are_not_counted() -> None:
    assert find_counts("Officials estimated 116,000 people could be affected by the storm, "
                       "and 5,000 residents may need to be evacuated.") == []
    assert [c.value for c in find_counts("5,000 residents were evacuated.")] == [5000]


def test_a_region_in_a_speaker_title_is_not_a_scene() -> None:
    text = (
        "A strong earthquake struck Fiji on Monday, killing six people in Suva.\n\n"
        "Jane Doe, head of the Red Cross in the Pacific, wrote that 14 people had died and "
        "200 injured people were being treated at the main hospital."
    )
    incidents = incidents_in(text, _DAY)
    assert [i.location.entry.name for i in incidents if i.location] == ["Suva"]
    assert _value(incidents[0].injured) == 200


def test_a_toll_in_a_separate_attack_is_another_incident() -> None:
    text = (
        "Gunmen killed 20 villagers in Zonkwa, Kaduna State, on Sunday.\n\n"
        "A police spokesman said that two soldiers were also killed in a separate attack "
        "on Sunday morning in the area."
    )
    incidents = incidents_in(text, _DAY)
    assert [_value(i.fatalities) for i in incidents] == [20, 2]
    # the soldiers of the other attack do not make the massacre a battle
    assert incidents[0].sub_event_type == "Attack"


def test_grenades_and_missiles_in_an_arsenal_of_firearms_arm_a_gunfight() -> None:
    text = (
        "A police officer and three gunmen were killed after about 30 attackers stormed "
        "the village of Kula near Gjilan on Sunday, police said.\n\n"
        "Officers were attacked with an arsenal of firearms, including hand grenades and "
        "shoulder-fired missiles, they said."
    )
    [incident] = incidents_in(text, _DAY)
    assert incident.event_type == "Battles"


def test_people_brought_to_hospital_are_injured() -> None:
    def injured(text: str) -> list[int]:
        return [c.value for c in find_counts(text) if c.noun == "injured"]

    assert injured("Locals managed to bring 17 people to hospital for emergency care.") == [17]
    assert injured("Ambulances rushed 12 people to the hospital.") == [12]
    assert injured("Rescuers evacuated 300 people to shelters.") == []


def test_resulting_in_the_death_of_and_injuries_to_are_casualties() -> None:
    counts = find_counts("Gunmen fired upon a bus, resulting in the death of at least 10 "
                         "people and injuries to 33 others.")
    assert [(c.value, c.noun) for c in counts] == [(10, "dead"), (33, "injured")]


def test_a_government_act_named_by_its_seat_is_not_a_scene() -> None:
    doc = run(article_from_text("State of emergency declared in New Caledonia as Paris vote "
                                "sparks deadly unrest", article_id="u")).doc
    roles = {r.entry.name: r.role for sentence in doc.roles for r in sentence}
    assert roles["Paris"] == "actor"
    assert roles["New Caledonia"] == "location"


def test_history_named_then_told_with_its_toll_is_history() -> None:
    text = (
        "Gunmen opened fire on tourists in Pahalgam on Tuesday, killing at least 26 "
        "people.\n\n"
        "The last big terror strike in Jammu and Kashmir was on June 9, 2024. Unidentified "
        "terrorists fired upon a bus ferrying pilgrims, resulting in the death of at "
        "least 10 people and injuries to 33 others in the Reasi district."
    )
    incidents = incidents_in(text, dt.date(2025, 4, 23))
    new = [i for i in incidents if i.temporal_status == "new"]
    assert [(_value(i.fatalities), i.date_start) for i in new] == [(26, dt.date(2025, 4, 22))]
    [history] = [i for i in incidents if i.temporal_status == "background"]
    assert history.sub_event_type == "Attack"  # a terror strike is not from the air
    assert (_value(history.fatalities), _value(history.injured)) == (10, 33)


def test_the_previous_morning_is_the_day_before_the_last_day_told() -> None:
    text = (
        "Villagers in Djibo had not finished digging a trench around their village. On "
        "Sunday, August 25, a video showing dozens of bodies in the trench circulated "
        "online.\n\n"
        "The previous morning, gunmen on motorcycles machine-gunned the villagers, killing "
        "at least 100 people."
    )
    [incident] = incidents_in(text, dt.date(2024, 8, 27))
    assert (incident.date_start, incident.date_end) == (dt.date(2024, 8, 24),
                                                        dt.date(2024, 8, 24))
    text = text.replace("The previous morning", "The next day")
    [incident] = incidents_in(text, dt.date(2024, 8, 27))
    assert incident.date_start == dt.date(2024, 8, 26)


def test_a_site_name_whose_namesake_lies_far_from_the_site_town_is_not_a_scene() -> None:
    doc = run(article_from_text("Gunmen attacked the Jos military academy in Kaduna on "
                                "Tuesday, killing four officers.", article_id="u")).doc
    roles = {r.entry.name: r.role for sentence in doc.roles for r in sentence}
    assert roles == {"Jos": "context", "Kaduna": "location"}
    # a site in a town that lies in the town is that town's place still
    doc = run(article_from_text("Gunmen attacked the Gwarinpa market in Abuja on Tuesday, "
                                "killing four traders.", article_id="u")).doc
    roles = {r.entry.name: r.role for sentence in doc.roles for r in sentence}
    assert roles.get("Gwarinpa", "location") == "location"


def test_a_series_of_strikes_since_a_day_is_not_one_incident() -> None:
    text = (
        "Air strikes on the port of Mocha killed at least 58 people on Thursday, the "
        "health ministry said.\n\n"
        "The coalition has hammered the rebels with near-daily air strikes since February 15 "
        "in a bid to end their attacks on shipping in the Red Sea."
    )
    incidents = incidents_in(text, _DAY)
    assert [i.location.entry.name for i in incidents if i.location] == ["Mocha"]


def test_whom_a_group_stands_with_is_not_a_scene() -> None:
    for text in ("The group began its attacks in late 2023, in solidarity with Palestinians "
                 "in Gaza.", "Protesters rallied in Paris in solidarity with Gaza."):
        doc = run(article_from_text(text, article_id="u")).doc
        roles = {r.entry.name: r.role for sentence in doc.roles for r in sentence}
        assert roles.get("Gaza") == "context"


def test_where_a_weapon_was_fired_from_is_not_the_scene() -> None:
    [incident] = incidents_in("A missile from Yemen struck near Tel Aviv on Friday, wounding "
                              "two people.", _DAY)
    assert incident.location is not None and incident.location.entry.country_code == "IL"
    doc = run(article_from_text("Rockets fired from Lebanon hit the town of Kiryat Shmona.",
                                article_id="u")).doc
    roles = {r.entry.name: r.role for sentence in doc.roles for r in sentence}
    assert roles.get("Lebanon") == "origin"


def test_a_dam_that_gives_way_is_a_flood() -> None:
    from geomap.event_types import classify

    for clause in ("The old dam burst early on Monday, sweeping away houses.",
                   "Houses were destroyed by water from a burst dam in the valley.",
                   "A levee breached overnight near the town."):
        hit = classify(clause, sentence=clause)
        assert hit is not None and hit.sub_event_type == "Flood", clause
