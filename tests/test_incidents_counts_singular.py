"""One person killed or hurt, as local news tells it without a figure ("an Elmwood man
remains hospitalized", "Jane Roe, 18, of Dover died", "the fatal shooting of a man"),
injured told apart from the dead, a toll of none ("causing no injuries"), and a toll in a
supporting sentence kept on its incident (not moved to the victim's home town or to the
town of the hospital where they died).  The articles are written here; the mechanisms
come from misses on the LGL / TR-News development split (benchmarks/incidents_real.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from written_articles import incidents_in

from geomap.facts.counts import find_counts
from geomap.facts.victims import none_harmed


def _tolls(text: str) -> list[tuple[int, str]]:
    return [(c.value, c.noun) for c in find_counts(text)]


@pytest.mark.parametrize(
    ("text", "tolls"),
    [
        # one person, by their state since
        ("An Elmwood man remains hospitalized after a two-vehicle crash on Route 9.",
         [(1, "injured")]),
        ("A crash on Monday left a 71-year-old Elmwood woman in critical condition.",
         [(1, "injured")]),
        # a victim named with an age, as local news writes one
        ("Police say Tom Roe, 25, of Millbrook, had a single gunshot wound to the leg.",
         [(1, "injured")]),
        ("Jane Roe, 18, of Dover died Saturday from injuries received in the collision.",
         [(1, "dead")]),
        ("Deputies said 22-year-old Sam Poe of Dover, Delaware, was killed when his car "
         "left the road.", [(1, "dead")]),
        ("41-year-old Poe is dead after being stabbed on Friday night.", [(1, "dead")]),
        ("Roe, 58, was taken to the Mercy Hospital and later transferred.", [(1, "injured")]),
        # a relative or partner of someone the story names
        ("Relatives tried to help, including his sister, who was injured as well.",
         [(1, "injured")]),
        ("He admitted that he gunned down his longtime girlfriend in a diner.", [(1, "dead")]),
        # the deed names its one victim
        ("Police are investigating the fatal shooting of a man outside a bar.", [(1, "dead")]),
        # figures told by wounds or by "to death"
        ("Two firefighters reported minor injuries, the fire marshal said.", [(2, "injured")]),
        ("In March, a man stabbed nine pupils to death at a school.", [(9, "dead")]),
        ("Gunmen beat two farmers to death near the river.", [(2, "dead")]),
        # a victim named by a first name or an age after the verb
        ("She is accused of driving the car that killed Terry A. Moe in a hit-and-run.",
         [(1, "dead")]),
        ("When police found the body of Jana Roe, 24, inside her flat, she had been "
         "missing for days.", [(1, "dead")]),
        # one person, what they were doing and how they were hit before the verb
        ("On Sunday, a six-year-old girl riding a bicycle on the road in Dover, south of "
         "the city, was hit by a car and killed.", [(1, "dead")]),
        # hurt by gunfire, not killed
        ("A 27-year-old man was shot twice early Tuesday in an apparent robbery.",
         [(1, "injured")]),
        # some of a figure told right after them: the figure is the toll
        ("Three of the 12 passengers who died in the crash were from Dover.", [(12, "dead")]),
        # one person joined to the others a figure counts
        ("Mourners remembered Cassie Roe and three other children who died in the fire.",
         [(4, "dead")]),
        ("A teacher and two other people were injured.", [(3, "injured")]),
        ("Five people were killed in Kabul and three others died in Herat.",
         [(5, "dead"), (3, "dead")]),
        ("The gunman killed a guard and wounded two other people.",
         [(1, "dead"), (2, "injured")]),
        # a headline in the present tense
        ("Bus crash kills one, injures six.", [(1, "dead"), (6, "injured")]),
    ],
)
def test_one_person_or_a_figure_told_without_the_usual_verb_is_counted(
    text: str, tolls: list[tuple[int, str]]
) -> None:
    assert _tolls(text) == tolls


@pytest.mark.parametrize(
    "text",
    [
        "A four-year-old passenger in the rear car, seated behind the driver, was not "
        "injured, police said.",
        "The driver of the truck was not hurt.",
        "A man was taken to hospital where he later died.",
        "The storm killed Monday Morning Smith.",
        "A man was shot dead on Monday.",
    ],
)
def test_a_person_not_hurt_or_who_died_is_not_one_injured(text: str) -> None:
    assert all(noun != "injured" for _, noun in _tolls(text))


@pytest.mark.parametrize(
    ("text", "nouns"),
    [
        ("Gunmen fired on a patrol near the border, causing no injuries.", ["injured"]),
        ("There were no injuries, the fire chief said.", ["injured"]),
        ("The roof collapsed, leaving no casualties.", ["dead", "injured"]),
    ],
)
def test_a_toll_of_none_in_other_words(text: str, nouns: list[str]) -> None:
    assert [(c.value, c.noun) for c in none_harmed(text)] == [(0, n) for n in nouns]


def test_there_were_no_reports_is_not_a_toll_of_none() -> None:
    assert none_harmed("There were no immediate reports of casualties.") == []


def test_a_headline_toll_beats_the_one_passenger_who_was_not_hurt(gazetteer_cache) -> None:
    text = (
        "Two-car crash kills one, injures four.\n\n"
        "A two-car crash in Bardstown, Kentucky, late Friday claimed the life of a high "
        "school student. A four-year-old passenger in the second car, seated behind the "
        "driver, was not injured, police said.\n"
    )
    incidents = incidents_in(text, dt.date(2021, 3, 22))
    crashes = [i for i in incidents if i.sub_event_type == "Transport accident"]
    assert len(crashes) == 1
    assert crashes[0].fatalities is not None and crashes[0].fatalities.value == 1
    assert crashes[0].injured is not None and crashes[0].injured.value == 4


def test_a_victim_s_home_town_and_the_hospital_s_town_are_not_scenes(gazetteer_cache) -> None:
    text = (
        "Man shot in Hardin County.\n\n"
        "Kentucky State Police say Sam Poe, 30, of Bardstown, was arrested Thursday "
        "following a shooting on a farm road in Hardin County. Police say Tom Roe, 25, of "
        "Bardstown, had a single gunshot wound to the leg. A second man, Jim Doe, 40, died "
        "Friday in a Louisville hospital.\n"
    )
    incidents = incidents_in(text, dt.date(2021, 3, 22))
    attacks = [i for i in incidents if i.event_type == "Violence against civilians"]
    names = {i.location.entry.name for i in attacks if i.location is not None}
    assert "Bardstown" not in names and "Louisville" not in names
    assert any(i.injured is not None and i.injured.value == 1 for i in attacks)


def test_gunfire_causing_no_injuries_is_a_toll_of_none(gazetteer_cache) -> None:
    text = (
        "Gunmen attack police in Jordan\n\n"
        "Gunmen attacked a police station in Qatraneh on Sunday, killing two officers, "
        "officials said. In another attack on Sunday, gunmen fired on a security patrol in "
        "Karak, causing no injuries, the statement said.\n"
    )
    incidents = incidents_in(text, dt.date(2016, 12, 18))
    karak = [i for i in incidents if i.location is not None and i.location.entry.name == "Karak"]
    assert len(karak) == 1
    assert karak[0].injured is not None and karak[0].injured.value == 0


def test_a_toll_far_down_a_story_of_one_fire_is_the_fire_s(gazetteer_cache) -> None:
    text = (
        "Residents escape apartment fire\n\n"
        "A fire broke out at an apartment complex in Bardstown, Kentucky, on Monday morning. "
        "A neighbour banged on the doors to wake the residents. "
        "By the time firefighters arrived, one building was engulfed in flames. "
        "The wind pushed the fire to a second building. "
        "Crews used aerial hoses to pour water on the blaze. "
        "The thick black smoke could be seen for miles. "
        "Investigators will look for the cause on Tuesday. "
        "Two firefighters reported minor injuries, the fire chief said.\n"
    )
    incidents = incidents_in(text, dt.date(2021, 3, 22))
    fires = [i for i in incidents if i.sub_event_type == "Fire"]
    assert len(fires) == 1
    assert fires[0].injured is not None and fires[0].injured.value == 2


def test_the_dead_joined_to_the_hurt_at_a_far_town_are_that_town_s(gazetteer_cache) -> None:
    text = (
        "Shelling kills two in Ukraine\n\n"
        "Russian shelling killed a man in a shop in Kherson on Sunday, officials said.\n"
        "In the east, police said a 55-year-old man was killed on the spot and a 60-year-old "
        "man suffered shrapnel wounds in the town of Pokrovsk.\n"
    )
    incidents = incidents_in(text, dt.date(2023, 12, 4))
    far = [i for i in incidents if i.location is not None and i.location.entry.name == "Pokrovsk"]
    assert len(far) == 1
    assert far[0].fatalities is not None and far[0].fatalities.value == 1
    assert far[0].injured is not None and far[0].injured.value == 1


def test_an_explosion_put_down_to_a_gas_leak_is_an_accident_with_its_toll(
    gazetteer_cache,
) -> None:
    text = (
        "An explosion at a shopping centre in the city of Isfahan injured 21 people and may "
        "have been caused by a gas leak, state media reported on Sunday.\n"
    )
    incidents = incidents_in(text, dt.date(2019, 5, 12))
    assert [(i.event_type, i.sub_event_type) for i in incidents] == [
        ("Accident", "Industrial accident")]
    assert incidents[0].injured is not None and incidents[0].injured.value == 21


@pytest.mark.parametrize(
    "text",
    [
        "BARDSTOWN, Ky. -- A man is dead as a result of a crash on Thursday morning in "
        "Bardstown, police said.\n",
        "BARDSTOWN, Ky. -- One woman has died after being struck by a vehicle in Bardstown "
        "on Thursday.\n",
    ],
)
def test_a_crash_or_a_person_struck_by_a_vehicle_is_a_transport_accident(
    text: str, gazetteer_cache
) -> None:
    incidents = incidents_in(text, dt.date(2016, 12, 16))
    assert [(i.event_type, i.sub_event_type) for i in incidents] == [
        ("Accident", "Transport accident")]
    assert incidents[0].fatalities is not None and incidents[0].fatalities.value == 1


def test_those_who_died_in_the_crash_tell_no_crash_of_their_own(gazetteer_cache) -> None:
    text = (
        "Plane crash victims had local ties\n\n"
        "Six passengers died when a small plane crashed near Billings, Montana, on Sunday. "
        "Tom Roe, his wife Ann and their son, all of whom died in the crash, had lived in "
        "Bardstown, Kentucky, for years.\n"
    )
    incidents = incidents_in(text, dt.date(2009, 3, 23))
    crashes = [i for i in incidents if i.sub_event_type == "Transport accident"]
    assert len(crashes) == 1


def test_a_breakdown_s_part_equal_to_a_toll_is_no_restatement_of_it(gazetteer_cache) -> None:
    text = (
        "State road toll rises to eight\n\n"
        "On Sunday afternoon, a six-year-old girl riding a bicycle on a road in Toowoomba, "
        "Queensland, was hit by a car and killed.\n"
        "She had been playing with her brother.\n"
        "Police said speed and inattention were factors in each death this Easter.\n"
        "Officers issued 17,000 speeding tickets over the weekend.\n"
        "Nearly 55,000 breath tests were conducted since Friday.\n"
        "One driver was clocked at 194 km/h in a 100 zone.\n"
        "\"People have made poor decisions,\" an inspector said.\n"
        "The national Easter road toll sits at 19, with a further three deaths recorded in "
        "Western Australia, two in Victoria and one in South Australia.\n"
    )
    incidents = incidents_in(text, dt.date(2015, 4, 5))
    assert [i.location.entry.name for i in incidents if i.location] == ["Toowoomba"]
    assert incidents[0].fatalities is not None and incidents[0].fatalities.value == 1
