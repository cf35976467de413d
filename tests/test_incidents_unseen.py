"""Stories of real reports that the incident stages first misread on sets of reports
never tuned on (benchmarks/incidents_real.py, splits fresh2 and fresh4): a wreck measured
from a coast town, a tally since the war, roundups told place by place, a total told
before its parts, a summary box told again in the body.  The articles are written here;
the word-level cases are in test_incidents_unseen_words.py.
"""

from __future__ import annotations

import datetime as dt

from geomap.article import article_from_text
from geomap.pipeline import run


def _run(text: str, date: dt.date | None):
    return run(article_from_text(text, article_id="story", date=date)).incidents


SHIPWRECK = """Migrant boat capsizes off Libya

VALLETTA -- At least 200 migrants are feared to have died after their boat capsized in \
the Mediterranean off the Libyan coast on Wednesday. Some 300 have been rescued so far.
Rescuers said the sea was calm. The coastguard sent two ships.
A spokesman said survivors were taken to a port. Officials thanked the fishermen.
Some 45 are now confirmed dead, the coastguard said.
The incident took place some 20 nautical miles north of Zuwarah.
The boat capsized when the migrants attempting the crossing to Italy moved to one side.
"""


def test_a_wreck_measured_from_a_coast_town_and_a_toll_confirmed_later(
    gazetteer_cache,
) -> None:
    (wreck,) = _run(SHIPWRECK, dt.date(2015, 8, 7))
    assert wreck.sub_event_type == "Transport accident"
    assert wreck.fatalities is not None and wreck.fatalities.value == 45  # not 200 "feared"
    assert wreck.geo_precision == 2 and wreck.location.entry.name == "Zuwarah"
    lat, lon = wreck.scene_point
    assert 33.2 < lat < 33.3 and abs(lon - wreck.location.entry.lon) < 0.01  # 20 nmi north


RAID = """Troops kill four in refugee camp

Health officials say 300 Palestinians have now been killed in the West Bank since the war \
in Gaza began.
Israeli forces shot dead four Palestinians in a West Bank refugee camp near Tubas on \
Monday, the ministry said, taking the toll in the territory to over 300 during the Gaza war.
Earlier this month Israeli forces shot dead at least six Palestinians in a raid on the camp.
"""


def test_a_tally_since_the_war_is_no_incident_and_earlier_this_month_is_another(
    gazetteer_cache,
) -> None:
    incidents = _run(RAID, dt.date(2023, 12, 18))
    assert all(i.temporal_status == "new" for i in incidents)
    tolls = sorted((i.date_start, i.fatalities.value) for i in incidents)
    assert tolls == [(dt.date(2023, 12, 1), 6), (dt.date(2023, 12, 18), 4)]
    assert all(i.location.entry.name != "Gaza" for i in incidents)  # "the Gaza war"


ROUNDUP = """SANAA, March 2 -- At least nine civilians were killed on Wednesday in air \
strikes on Hajjah and Saada provinces, an official said.
In Saada province, warplanes bombed a house in the city of Saada, killing four people.
In Hajjah province, five girls were killed when an air strike hit a house in the town of \
Hajjah.
"""


def test_a_roundup_of_provinces_told_province_by_province(gazetteer_cache) -> None:
    incidents = _run(ROUNDUP, dt.date(2023, 3, 2))
    tolls = sorted((i.location.entry.name, i.fatalities.value) for i in incidents)
    assert [toll for _, toll in tolls] == [4, 5]  # not the nine of the summary as well
    assert len({name for name, _ in tolls}) == 2


KIDNAP = """Bandits kill six, abduct women in raid

Bandits killed six people and abducted several women in an attack on a village in Zamfara \
state on Sunday, residents said.
"""


def test_a_raid_that_kills_and_abducts_is_an_attack(gazetteer_cache) -> None:
    (raid,) = _run(KIDNAP, dt.date(2021, 11, 8))
    assert (raid.event_type, raid.sub_event_type) == ("Violence against civilians", "Attack")


BAR = """Gunmen kill 12 at a bar in Guanajuato

Twelve people were killed after an armed group invaded a bar in Guanajuato early on Sunday.
Police arrived at the bar, located in Jaral del Progreso, about 35 kilometres south of \
Salamanca.
"""


def test_a_distance_after_a_town_says_where_the_town_lies(gazetteer_cache) -> None:
    (shooting,) = _run(BAR, dt.date(2020, 9, 28))
    assert shooting.location.entry.name == "Jaral del Progreso"


LEDE = """Scores killed in attack on village

Scores have been killed in a paramilitary attack on a village in Gezira state, a group said.
An attack on a village in central Sudan has killed "up to 100" people, the group said on \
Thursday.
The group said that the Rapid Support Forces attacked the village of Wad Madani on \
Wednesday.
"""


def test_a_lede_told_with_a_weak_word_gives_its_toll_to_the_incident_named_after(
    gazetteer_cache,
) -> None:
    (attack,) = _run(LEDE, dt.date(2024, 6, 6))
    # the lede's figure, not the vague "scores"; the paramilitaries are not the dead
    assert (attack.sub_event_type, attack.fatalities.value) == ("Attack", 100)


WILDFIRE = """Deadly wildfire burns 150 homes in California

LAKE ISABELLA, Calif. -- A deadly wildfire in central California has burned 150 homes, fire \
officials said Saturday.
About 1,100 firefighters battled the flames.
Jane Doe, 45, fled Thursday as the fire came down a mountain toward her mobile home.
"""


def test_a_fire_told_in_a_wildfires_story_is_that_wildfire_and_gives_its_day(
    gazetteer_cache,
) -> None:
    (fire,) = _run(WILDFIRE, dt.date(2016, 6, 25))
    assert fire.sub_event_type == "Wildfire"
    assert fire.date_start == dt.date(2016, 6, 23)  # Thursday, not the day officials spoke


FOLLOWED = """Shelling kills eight in Idlib

BEIRUT -- Artillery fire from government-held territory killed at least eight civilians, \
mostly children, in Idlib province on Saturday, rescuers said.
A monitor said the shelling was followed by air strikes by warplanes that hit areas west \
of Idlib city, wounding five rescue workers.
"""


def test_an_event_followed_by_another_kind_is_two_incidents(gazetteer_cache) -> None:
    incidents = _run(FOLLOWED, dt.date(2021, 7, 3))
    kinds = sorted((i.sub_event_type, i.date_start) for i in incidents)
    assert kinds == [("Air/drone strike", dt.date(2021, 7, 3)),
                     ("Shelling/artillery/missile attack", dt.date(2021, 7, 3))]


ROLES = """Militants storm border town in Somalia

MOGADISHU -- Islamist fighters stormed the town of Beled Hawo on Monday, killing four \
soldiers, a military official told Kurdistan 24. Some soldiers fled across the border into \
Kenya before returning. The alliance between Mauritania, Mali and Chad was not involved.
"""


def test_where_soldiers_fled_whom_an_official_told_and_an_alliance_are_no_scenes(
    gazetteer_cache,
) -> None:
    countries = {i.location.entry.country_code for i in _run(ROLES, dt.date(2017, 9, 11))
                 if i.location is not None}  # fmt: skip
    assert countries == {"SO"}


TANKER = """Fuel tanker explosion kills dozens in Tanzania

At least 60 people have been killed and 70 injured after a fuel tanker exploded in Tanzania \
after a collision.
The tanker burst into flames as crowds gathered to siphon petrol from the vehicle in \
Morogoro, about 125 miles west of Dar es Salaam.
"""


def test_a_country_named_later_gives_way_to_the_town_inside_it(gazetteer_cache) -> None:
    (blast,) = _run(TANKER, dt.date(2019, 8, 10))
    assert blast.location.entry.name == "Morogoro"


TWO_ATTACKS = """Jihadists kill 27 in two attacks in Burkina Faso

Suspected jihadists killed at least 27 people in two separate attacks on villages in \
northern Burkina Faso at the weekend, security sources said.
At least 15 people, some of them children, were killed late on Sunday in Kossi province, \
a source said.
Twelve people died in a separate attack on Saturday in Yatenga province, another source said.
"""


def test_a_total_told_before_its_parts_is_no_incidents_toll(gazetteer_cache) -> None:
    incidents = _run(TWO_ATTACKS, dt.date(2022, 7, 4))
    tolls = sorted((i.location.entry.name, i.fatalities.value) for i in incidents)
    assert tolls == [("Kossi", 15), ("Yatenga", 12)]


ROUNDUP_PK = """Eight killed in suspected militant attacks in Pakistan

At least eight people were killed in multiple suspected militant attacks in Khyber \
Pakhtunkhwa province on Tuesday, officials said.
In the Karak district, militants targeted a vehicle carrying paramilitary personnel, \
killing four soldiers.
In a third incident, a soldier was shot dead by gunmen while on leave in Lakki Marwat.
According to a think tank, 82 militant attacks took place across the country in July, \
resulting in 215 fatalities.
"""


def test_a_roundup_of_attacks_and_a_months_statistics(gazetteer_cache) -> None:
    incidents = _run(ROUNDUP_PK, dt.date(2025, 8, 6))
    tolls = sorted(i.fatalities.value for i in incidents if i.fatalities is not None)
    assert 215 not in tolls and 8 not in tolls  # statistics, and the total of the parts
    assert 4 in tolls


WARRAP = """Over 40 killed in Warrap attacks

February 1, 2014 (JUBA) - At least 42 people have been confirmed dead following attacks \
on two villages in Tonj North County of Warrap state.
Armed gunmen carried out simultaneous attacks on Friday, officials said.
Thirty-five people were killed at about 2am, with another 10 wounded.
Seven people were confirmed dead and 21 others injured after a separate attack in Keng.
Officials in Juba said they would send a team.
"""


def test_an_agency_dateline_after_the_date_and_a_village_the_gazetteer_lacks(
    gazetteer_cache,
) -> None:
    incidents = _run(WARRAP, dt.date(2014, 2, 1))
    assert {i.location.entry.name for i in incidents} == {"Tonj North County"}  # not Juba
    assert sorted(i.fatalities.value for i in incidents) == [7, 35]


KHARKIV = """Russian attacks cause casualties in three Ukrainian regions

KYIV (Reuters) - Russian attacks on Kharkiv and the Black Sea port city of Odesa killed \
two people and injured several, officials said on Friday.
An 82-year-old woman was killed and two men were injured in overnight shelling in Kharkiv \
city, the governor wrote on Telegram.
In the south, Odesa regional governor Oleh Kiper said three people had been injured in the \
city by a missile strike.
However, falling debris injured four people and sparked a fire in an office building.
"""


def test_a_roundup_of_cities_told_city_by_city(gazetteer_cache) -> None:
    incidents = _run(KHARKIV, dt.date(2024, 6, 7))
    told = {(i.location.entry.name, i.sub_event_type) for i in incidents}
    assert ("Odesa", "Shelling/artillery/missile attack") in told  # "in the city": Odesa's
    assert ("Kharkiv", "Shelling/artillery/missile attack") in told
    assert not any(i.sub_event_type == "Fire" for i in incidents)  # debris of a downed drone
    assert all(i.fatalities is None or i.fatalities.value == 1 for i in incidents)  # no total


ITURI = """Militia kills 17 in northeastern Congo

A militia stormed a village in northeastern Ituri province, killing at least 17 villagers, \
a local official said.
Gunmen from the Cooperative for the Development of the Congo militia stormed the village \
in Djugu territory during the morning, he said.
"""


def test_a_congolese_province_and_the_town_inside_it_are_one_scene(gazetteer_cache) -> None:
    places = run(article_from_text(ITURI, article_id="story", date=None)).places
    ituri = next(p.entry for p in places if any(m.text == "Ituri" for m in p.mentions))
    assert (ituri.country_code, ituri.feature_type) == ("CD", "admin2")  # not the river
    (attack,) = _run(ITURI, None)  # "the Development of the Congo" names no other country
    assert attack.location.entry.name == "Djugu" and attack.fatalities.value == 17


FLOODS = """Flash floods kill dozens in Afghanistan

Flash floods hit the capital, Kabul, and the Maidan Wardak and Ghazni provinces on \
Thursday, officials said.
The most recent flash flood happened in the Jalrez district of Maidan Wardak province west \
of Kabul, killing 12 people.
"""


def test_the_most_recent_flood_is_its_own_incident_in_its_district(gazetteer_cache) -> None:
    incidents = _run(FLOODS, dt.date(2024, 5, 12))
    jalrez = [i for i in incidents if i.fatalities is not None and i.fatalities.value == 12]
    assert len(incidents) >= 2 and len(jalrez) == 1
    assert jalrez[0].location.entry.name.startswith("Jalrez")  # not Kabul, "west of" which


KENYA = """Floods kill 15 in Kenya

- A woman and her five-year-old daughter died in fast-moving water while crossing a river \
in Machakos County on Sunday.
At least 15 people have been killed by floods across the country, officials said.
Seven people died on Sunday morning after a car they were travelling in was swept by \
floods in Nakuru County.
A woman and her five-year-old daughter died in fast-moving water while crossing a river in \
Machakos County on Sunday, the county commissioner said.
"""


def test_a_summary_box_and_the_body_that_tells_it_again_are_one_incident(
    gazetteer_cache,
) -> None:
    incidents = _run(KENYA, dt.date(2024, 4, 29))
    machakos = [i for i in incidents if i.location.entry.name == "Machakos County"]
    assert len(machakos) == 1 and machakos[0].fatalities.value == 2


TRUCE = """Shelling kills three despite truce

Government shelling killed three civilians in the village of Qaqfin on Sunday, the \
observatory's director told Agence France-Presse.
A new truce, negotiated between Turkey, which backs the rebels, and Russia, was signed on \
Friday.
"""


def test_the_parties_of_a_truce_and_a_news_agency_are_no_scenes(gazetteer_cache) -> None:
    incidents = _run(TRUCE, dt.date(2023, 11, 26))
    assert not {i.location.entry.country_code for i in incidents if i.location} & {
        "FR", "TR", "RU"}
