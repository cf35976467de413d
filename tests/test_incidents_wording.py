"""Wording of real reports that the incident stages must read as a reader does: victims
qualified before their verb, a province named with its country, a toll told again at a
finer place.  The articles are written here; the mechanisms come from misses on real
reports (benchmarks/incidents_real.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from geomap.article import article_from_text
from geomap.facts.counts import find_counts
from geomap.pipeline import run

KORDOFAN = """Drone strike kills family in Sudan

The Sudanese army said on Saturday that four civilians from one family, including a young \
boy, were killed in a drone strike carried out by the Rapid Support Forces in North \
Kordofan State in central Sudan.
The overnight attack hit the village of Wad Qarsaliya, the army said in a statement. Three \
other villagers were wounded.
"""

QUAKE = """Earthquake kills 12 in Ecuador and Peru

A strong earthquake shook southern Ecuador and northern Peru on Saturday, killing at least \
12 people and damaging hundreds of homes.
One of the victims died in Peru, while 11 others died in Ecuador, officials said.
In Peru, a 70-year-old man died when his house collapsed in the Piura region, the \
government said.
"""


def _run(text: str, date: dt.date):
    return run(article_from_text(text, article_id="story", date=date)).incidents


@pytest.mark.parametrize(
    ("text", "value", "noun"),
    [
        ("five civilians from one family, including two young girls, were killed", 5, "dead"),
        ("Twenty people on the bus died when it overturned.", 20, "dead"),
        ("Four people in the car were injured.", 4, "injured"),
        ("One of the victims died in Peru.", 1, "dead"),
        ("Bandits killed 12 villagers and seven policemen on Thursday.", 19, "dead"),
        ("The blast killed 3 people, 2 children and a woman.", 3, "dead"),
        ("At least nine workers, including five women were killed in the blast.", 9, "dead"),
    ],
)
def test_a_phrase_saying_whose_victims_stands_between_figure_and_verb(
    text: str, value: int, noun: str
) -> None:
    counts = [(c.value, c.noun) for c in find_counts(text)]
    assert counts[0] == (value, noun)


def test_a_province_named_with_its_country_is_the_scene_not_the_country(
    gazetteer_cache,
) -> None:
    """Sudan's label point lies inside North Kordofan's box: the province must still
    count as the finer scene, and the unknown village is named in the record."""
    incidents = _run(KORDOFAN, dt.date(2024, 5, 12))
    assert len(incidents) == 1
    strike = incidents[0]
    assert strike.sub_event_type == "Air/drone strike"
    assert strike.location is not None
    assert strike.location.entry.feature_type == "admin1"
    assert strike.location.entry.name == "North Kordofan"
    assert strike.geo_precision == 4
    assert "Wad Qarsaliya" in (strike.location_note or "")
    assert strike.fatalities is not None and strike.fatalities.value == 4
    assert strike.injured is not None and strike.injured.value == 3


def test_a_toll_told_again_at_a_finer_place_moves_the_record_there(gazetteer_cache) -> None:
    incidents = _run(QUAKE, dt.date(2024, 5, 12))
    peru = [i for i in incidents if i.location and i.location.entry.country_code == "PE"]
    assert len(peru) == 1, [(i.location.entry.name, i.fatalities) for i in peru]
    assert peru[0].location.entry.name == "Piura"
    assert peru[0].fatalities is not None and peru[0].fatalities.value == 1
    ecuador = [i for i in incidents if i.location and i.location.entry.country_code == "EC"]
    assert len(ecuador) == 1


CONVOY = """Jihadists kill 20 soldiers in northern Burkina Faso

At least 20 soldiers were killed on Monday when jihadists ambushed a supply convoy near \
Djibo, the army said.
Security sources said another attack in the Centre-Nord region on Monday left dozens dead.
A local official also reported that another, smaller attack had taken place on Monday in \
Gayeri, killing three army auxiliaries.
"""

KNIFE = """Man stabs shoppers in Lyon

A man stabbed several people at a market in Lyon on Saturday, killing one woman, police \
said. Two police officers were injured as they stopped the attacker.
"""


def test_another_attack_is_a_new_incident_and_an_attack_on_soldiers_a_battle(
    gazetteer_cache,
) -> None:
    incidents = _run(CONVOY, dt.date(2023, 6, 28))
    assert len(incidents) == 3, [(i.sub_event_type, i.location) for i in incidents]
    convoy, region, gayeri = incidents
    assert convoy.location is not None and convoy.location.entry.name == "Djibo"
    assert convoy.fatalities is not None and convoy.fatalities.value == 20
    # Burkina Faso's regions (not Natural Earth's provinces) come from Who's On First
    assert region.location is not None
    assert region.location.entry.feature_type == "admin1"
    assert region.location.entry.country_code == "BF"
    assert "Centre-Nord" in region.location.entry.name
    assert gayeri.location is not None and gayeri.location.entry.country_code == "BF"
    assert gayeri.location.entry.feature_type != "admin1"
    assert (gayeri.event_type, gayeri.sub_event_type) == ("Battles", "Armed clash")
    assert gayeri.fatalities is not None and gayeri.fatalities.value == 3


def test_police_hurt_stopping_an_attacker_leave_it_an_attack_on_civilians(
    gazetteer_cache,
) -> None:
    (stabbing,) = _run(KNIFE, dt.date(2024, 5, 12))
    assert (stabbing.event_type, stabbing.sub_event_type) == (
        "Violence against civilians", "Attack"
    )
    assert stabbing.fatalities is not None and stabbing.fatalities.value == 1


TRAINS = """Trains collide in Greece, killing 20

Firefighters search the wreckage after the collision near Larissa city, Greece, on Wednesday.

A passenger train and a freight train collided head-on in Greece on Tuesday night, killing \
at least 20 people, officials said.
"""


def test_a_line_before_the_lede_gives_the_finer_scene(gazetteer_cache) -> None:
    """A caption or subtitle above the lede names where it happened: the incident is near
    that town, not somewhere in the whole country."""
    (crash,) = _run(TRAINS, dt.date(2023, 3, 1))
    assert crash.location is not None and crash.location.entry.country_code == "GR"
    assert crash.location.entry.feature_type != "country"
    assert crash.geo_precision == 2
    assert crash.fatalities is not None and crash.fatalities.value == 20


MINE = """Gold mine collapse kills six in Sulawesi

An illegal gold mine collapsed on Wednesday in Central Sulawesi province, killing six \
miners, officials said.
A video showed rescuers carrying a body bag out of an inundated ravine.
"""


def test_a_word_of_another_kind_with_nothing_of_its_own_is_no_incident(
    gazetteer_cache,
) -> None:
    incidents = _run(MINE, dt.date(2024, 7, 11))
    assert [i.sub_event_type for i in incidents] == ["Industrial accident"]
    assert incidents[0].fatalities is not None and incidents[0].fatalities.value == 6


FERRY = """Ferry capsizes off Borneo

An overcrowded ferry capsized off the Indonesian part of Borneo island on Friday night, \
killing at least 12 passengers, rescuers said.
The ship sank in South Kalimantan province moments after it left a harbour.
"""


def test_a_province_on_an_island_refines_the_islands_incident(gazetteer_cache) -> None:
    incidents = _run(FERRY, dt.date(2024, 8, 31))
    assert len(incidents) == 1, [(i.location, i.fatalities) for i in incidents]
    (ferry,) = incidents
    assert ferry.location is not None and ferry.location.entry.name == "South Kalimantan"
    assert ferry.fatalities is not None and ferry.fatalities.value == 12


BANDITS = """Gunmen kill 15 at market in northwest Nigeria

Gunmen opened fire on a market in Sabon Birni district of Sokoto state on Friday, killing \
at least 15 people, officials said.
The region is plagued by gangs of bandits, who raid villages, killing and abducting \
residents.
The gangs have been targeting schools where they abduct students.
"They attacked the market in the afternoon, killing 15 people," said a lawmaker who \
represents the district in the Sokoto parliament.
"""


def test_what_gangs_do_is_no_incident_and_a_quoted_toll_is_the_same_one(
    gazetteer_cache,
) -> None:
    incidents = _run(BANDITS, dt.date(2021, 10, 18))
    assert len(incidents) == 1, [(i.sub_event_type, i.location) for i in incidents]
    (attack,) = incidents
    assert (attack.event_type, attack.sub_event_type) == ("Violence against civilians", "Attack")
    assert attack.fatalities is not None and attack.fatalities.value == 15


ROADSIDE = """Roadside bomb kills two soldiers in Mali

March 26, 2020 - Two soldiers were killed and three others were wounded on Tuesday by a \
bomb placed on a road near Mopti, a day after rebels killed 40 troops in Chad, the army \
said on social media Wednesday.
"""


def test_a_bomb_on_a_road_an_event_a_day_before_and_a_day_said(gazetteer_cache) -> None:
    """A bomb placed on a road is an IED; the attack the sentence dates itself against
    ("a day after rebels killed 40 troops in Chad") is no part of it, but an incident of
    its own the day before (the annotation guide: recent events recalled as context are
    new incidents); the day the army said so is not the day it happened."""
    incidents = _run(ROADSIDE, dt.date(2020, 3, 26))
    assert len(incidents) == 2, [(i.sub_event_type, i.location) for i in incidents]
    bomb, chad = incidents
    assert chad.location is not None and chad.location.entry.country_code == "TD"
    assert chad.date_start == dt.date(2020, 3, 23)
    assert chad.fatalities is not None and chad.fatalities.value == 40
    assert bomb.sub_event_type == "Remote explosive/landmine/IED"
    assert bomb.location is not None and bomb.location.entry.country_code == "ML"
    assert bomb.date_start == dt.date(2020, 3, 24)
    assert bomb.fatalities is not None and bomb.fatalities.value == 2
    assert bomb.injured is not None and bomb.injured.value == 3


COUNCIL = """Council head shot dead in western Afghanistan

Gunmen shot and killed the head of a local council in the Shindand district of Herat \
province on Friday, Noor Khan, the spokesman for the Herat provincial police, said.
"""


def test_a_places_police_is_a_body_not_the_scene(gazetteer_cache) -> None:
    (killing,) = _run(COUNCIL, dt.date(2010, 12, 19))
    assert killing.location is not None
    assert killing.location.entry.feature_type == "admin2"
    assert "Shindand" in killing.location.entry.name
    assert killing.geo_precision == 3


TAIZ = """Boy killed in shelling of Taiz

A six-year-old boy died on Sunday after shelling of a residential district of Taiz, \
medics said.
On Saturday afternoon, Houthi forces fired an artillery barrage at houses in the city, \
wounding 11 children who were playing outside.
Hours after the shelling, dozens of people in Taiz staged a protest in front of a hotel.
"""


def test_a_death_the_day_after_and_a_protest_hours_after_the_shelling(gazetteer_cache) -> None:
    """The boy died on Sunday of Saturday's shelling: one incident, on Saturday; the
    protest "hours after the shelling" is a protest, on that day."""
    incidents = _run(TAIZ, dt.date(2022, 7, 25))
    kinds = sorted(i.sub_event_type for i in incidents)
    assert kinds == ["Peaceful protest", "Shelling/artillery/missile attack"], kinds
    shelling = next(i for i in incidents if i.sub_event_type.startswith("Shelling"))
    protest = next(i for i in incidents if i.sub_event_type == "Peaceful protest")
    assert shelling.date_start == dt.date(2022, 7, 23)
    assert shelling.fatalities is not None and shelling.fatalities.value == 1
    assert protest.date_start == dt.date(2022, 7, 23)
    assert protest.location is not None and protest.location.entry.country_code == "YE"


HARNAI = """Earthquake kills 20 in Pakistan

At least 20 people were killed in an earthquake that struck southwestern Pakistan early \
on Thursday, officials said.
The epicentre was near Harnai, about 60 miles from Quetta, where a 7.7-magnitude \
earthquake struck in 1935 that killed 60,000 people.
Officials said at least 300 people were injured on Thursday.
More than 100 mud houses collapsed and damaged others, a local official said.
"""


def test_a_toll_of_the_days_quake_after_history_and_the_houses_it_felled(
    gazetteer_cache,
) -> None:
    incidents = _run(HARNAI, dt.date(2021, 10, 7))
    new = [i for i in incidents if i.temporal_status == "new"]
    assert len(new) == 1
    (quake,) = new
    assert quake.fatalities is not None and quake.fatalities.value == 20
    assert quake.injured is not None and quake.injured.value == 300
    assert quake.structures_affected is not None and quake.structures_affected.value == 100


def test_a_strike_with_no_weapon_named_is_from_the_air(gazetteer_cache) -> None:
    text = ("Strike kills three in Gaza\n\nThree people were killed on Tuesday in an Israeli "
            "strike on a tent in Khan Younis, medics said.\n")  # fmt: skip
    (strike,) = _run(text, dt.date(2024, 9, 11))
    assert (strike.event_type, strike.sub_event_type) == (
        "Explosions/Remote violence", "Air/drone strike"
    )
    assert strike.fatalities is not None and strike.fatalities.value == 3


MARKET = """Gunmen kill 20 at cattle market in Burkina Faso

No one claimed responsibility for the attack in the commune of Fada N'Gourma.

Gunmen stormed a cattle market and opened fire in an eastern Burkina Faso village, \
killing at least 20 people, an official said.
The attack in Namoungou village on Friday is being investigated, said the governor of the \
eastern region.
"""


def test_the_attack_in_a_village_names_the_scene(gazetteer_cache) -> None:
    """"The attack in Namoungou village" says where the lede's attack was; the village
    is one the shipped packs hold (placed without an install)."""
    (attack,) = _run(MARKET, dt.date(2018, 3, 3))
    assert attack.location is not None
    assert attack.location.entry.name == "Namoungou"
    assert attack.location.entry.feature_type == "village"
    assert attack.geo_precision == 1
    assert attack.fatalities is not None and attack.fatalities.value == 20


ZAMFARA = """Gunmen kill 17 in weekend attack in Nigerian village

A village in northern Nigeria has been left in mourning after gunmen killed 17 people over \
the weekend.
Police confirmed the incident which took place in the Maradun district of Zamfara state on \
Saturday, when gunmen on motorcycles shot at residents.
On Wednesday, 25 people were killed when gunmen raided two villages in Birnin Magaji \
district of the state.
Farming communities in Zamfara have for years been wracked by cattle rustling and \
kidnapping for ransom, and they have also targeted schools and kidnapped students.
"""


def test_the_incident_which_took_place_and_another_days_raid(gazetteer_cache) -> None:
    """"the incident which took place in X on Saturday" places and dates the lede's
    killing; "On Wednesday, 25 were killed ... in Y" is another incident; what gangs have
    done for years is none."""
    incidents = _run(ZAMFARA, dt.date(2018, 12, 25))
    assert len(incidents) == 2, [(i.sub_event_type, i.location) for i in incidents]
    weekend, wednesday = sorted(incidents, key=lambda i: i.fatalities.value if i.fatalities else 0)
    assert weekend.fatalities is not None and weekend.fatalities.value == 17
    assert weekend.date_start == dt.date(2018, 12, 22)
    assert weekend.location is not None and "Maradun" in weekend.location.entry.name
    assert wednesday.fatalities is not None and wednesday.fatalities.value == 25
    assert wednesday.date_start == dt.date(2018, 12, 19)
    assert wednesday.location is not None and "Birnin Magaji" in wednesday.location.entry.name
    assert all(i.sub_event_type != "Abduction/forced disappearance" for i in incidents)


KHERSON = """Russian shelling kills two in Ukraine

Russian shelling killed a man in a garage in Kherson on Sunday, the city's military \
administration said.
In the east, the prosecutor general's office said a 69-year-old woman was killed on the \
spot and a 70-year-old woman suffered gunshot wounds in the town of Kostyantynivka.
"""

JENIN = """Israeli raid kills seven in Jenin

Israeli troops killed seven Palestinians during a raid in Jenin on Tuesday, health \
officials said.
The Palestinian health ministry in Ramallah said nine people had been wounded.
"""


def test_a_toll_at_a_far_town_is_that_towns_and_a_ministrys_seat_is_no_scene(
    gazetteer_cache,
) -> None:
    shelling = _run(KHERSON, dt.date(2023, 12, 4))
    towns = sorted(i.location.entry.name for i in shelling if i.location)
    assert len(shelling) == 2 and towns[0] == "Kherson", towns
    assert all(i.fatalities is not None and i.fatalities.value == 1 for i in shelling)
    (raid,) = _run(JENIN, dt.date(2024, 5, 21))
    assert raid.fatalities is not None and raid.fatalities.value == 7
    assert raid.injured is not None and raid.injured.value == 9


def test_a_town_regularly_shelled_is_a_habit_not_an_incident(gazetteer_cache) -> None:
    text = ("Shelling kills man in Kherson\n\nRussian shelling killed a man in Kherson on "
            "Sunday, officials said.\nNikopol, across the river, is regularly shelled from "
            "the eastern bank.\n")  # fmt: skip
    incidents = _run(text, dt.date(2023, 12, 4))
    assert [i.location.entry.name for i in incidents if i.location] == ["Kherson"]


SICHUAN = """Landslide leaves 21 missing in China

A landslide in Sichuan province left 21 people missing on Wednesday, officials said.
On Monday, a mud flow in Yunnan Province left 11 injured and another 11 missing.
Floods this year have already killed at least 823 people, the flood control agency said.
"""


def test_a_year_tally_is_no_ones_toll_and_another_day_elsewhere_is_another(
    gazetteer_cache,
) -> None:
    incidents = _run(SICHUAN, dt.date(2010, 8, 19))
    by_place = {i.location.entry.name: i for i in incidents if i.location}
    assert set(by_place) == {"Sichuan", "Yunnan"}, list(by_place)
    assert all(i.fatalities is None for i in incidents)
    assert by_place["Yunnan"].injured is not None and by_place["Yunnan"].injured.value == 11


AMAZON = """BRASILIA, (Reuters) \u2013 At least 13 people drowned when an overcrowded boat \
capsized early on Friday on a river in the northern state of Para, police said.
The boat capsized on a river snaking through an island en route to the port city of Belem.
"We don't know how many are missing," the head of the rescue, Orivaldo Santos, told Reuters.
Currents were so strong that the boat sank more than a mile downstream, Santos said.
"""


def test_an_agencys_dateline_a_port_en_route_and_a_speaker_are_no_scenes(
    gazetteer_cache,
) -> None:
    incidents = _run(AMAZON, dt.date(2013, 4, 20))
    assert len(incidents) == 1, [(i.location.entry.name if i.location else None)
                                 for i in incidents]  # fmt: skip
    (wreck,) = incidents
    assert wreck.location is not None and wreck.location.entry.feature_type == "admin1"
    assert wreck.location.entry.country_code == "BR"
    assert wreck.fatalities is not None and wreck.fatalities.value == 13


CRACKERS = """Blast at fireworks factory kills nine in Tamil Nadu

At least nine workers, including five women were killed and 12 others injured in an \
explosion at a fireworks factory near Sivakasi in Virudhunagar district on Thursday, police \
said.
Fire tenders from Sattur, Vembakottai and Sivakasi rushed to the factory and put out the \
blaze.
"""


def test_fire_tenders_from_towns_are_no_scenes(gazetteer_cache) -> None:
    (blast,) = _run(CRACKERS, dt.date(2024, 5, 10))
    assert blast.location is not None and blast.location.entry.name == "Sivakasi"
    assert blast.fatalities is not None and blast.fatalities.value == 9
    assert blast.injured is not None and blast.injured.value == 12


def test_injured_in_the_blast_are_the_told_incidents(gazetteer_cache) -> None:
    text = ("Fireworks factory blast kills 29\n\nA powerful explosion destroyed a fireworks "
            "factory in Hebei Province on Monday, killing 29 people, state media reported.\n"
            "Reports said that more than 100 people were injured in the blast.\n")  # fmt: skip
    (blast,) = _run(text, dt.date(2003, 7, 30))
    assert blast.sub_event_type == "Industrial accident"
    assert blast.fatalities is not None and blast.fatalities.value == 29
    assert blast.injured is not None and blast.injured.value == 100
