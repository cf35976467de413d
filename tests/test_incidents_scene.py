"""Incident mechanisms that real reports need, on hand-built Docs (no gazetteer index):
datelines, stated offsets, finer scenes named later, one incident per event.

The articles are written here; each sentence shows the shape real news gives the
mechanism, not any real report's wording.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hand_docs import doc_with

from geomap.records import Article, GazetteerEntry, Incident, Mention, Place
from geomap.text import dateline_spans


def entry(name: str, lat: float, lon: float, kind: str, cc: str, *, code: str | None = None,
          admin1_code: str | None = None) -> GazetteerEntry:  # fmt: skip
    return GazetteerEntry(f"t:{name}", name, lat, lon, kind, country_code=cc,
                          admin1_code=admin1_code, feature_code=code)  # fmt: skip


CAIRO = entry("Cairo", 30.06, 31.25, "city", "EG", code="PPLC")
SUDAN = entry("Sudan", 15.5, 30.0, "country", "SD")
EL_FASHER = entry("El Fasher", 13.63, 25.35, "city", "SD")
ACAPULCO = entry("Acapulco", 16.85, -99.91, "city", "MX", code="PPLA")
MEXICO = entry("Mexico", 23.0, -102.0, "country", "MX")
AFGHANISTAN = entry("Afghanistan", 33.0, 65.0, "country", "AF")
HERAT = entry("Herat", 34.348, 62.2, "city", "AF", code="PPLA")
PAKISTAN = entry("Pakistan", 30.0, 70.0, "country", "PK")
PESHAWAR = entry("Peshawar", 34.01, 71.58, "city", "PK")
INDIA = entry("India", 22.0, 79.0, "country", "IN")
PUKHRAYAN = entry("Pukhrayan", 26.22, 79.84, "city", "IN")
MANBIJ = entry("Manbij", 36.53, 37.95, "city", "SY")
NAKURU = entry("Nakuru", -0.30, 36.07, "city", "KE")


def run(text: str, *entries: GazetteerEntry, date: dt.date | None = dt.date(2024, 3, 6)
        ) -> list[Incident]:  # fmt: skip
    """The incidents of ``text`` whose places are ``entries``, named by their names (in
    any case: datelines write them in capitals)."""
    places = []
    folded = text.lower()
    for e in entries:
        mentions = []
        start = folded.find(e.name.lower())
        while start != -1:
            end = start + len(e.name)
            mentions.append(Mention(start, end, text[start:end], e.name))
            start = folded.find(e.name.lower(), start + 1)
        if mentions:
            places.append(Place(e, tuple(mentions), score=0.9))
    return doc_with(Article("t", text, date=date), places).incidents


@pytest.mark.parametrize(
    ("text", "dateline"),
    [
        ("Strike kills 15\n\nCAIRO — (AP) — A drone strike killed 15.", "CAIRO — (AP) — "),
        ("Quake\n\nTEHRAN, Iran, February 22, 2005 (ENS) - A quake shook.",
         "TEHRAN, Iran, February 22, 2005 (ENS) - "),
        ("Missiles hit city\n\nADEN/SANAA: Two children were killed.", "ADEN/SANAA: "),
        ("Ferry capsizes\n\nJakarta, August 30: Rescuers resumed the search.",
         "Jakarta, August 30: "),
        ("By a reporter KADUNA, Nigeria \u2013 Gunmen kidnapped students.",
         "KADUNA, Nigeria \u2013 "),
    ],
)  # fmt: skip
def test_datelines_are_found_where_news_writes_them(text: str, dateline: str) -> None:
    assert [text[a:b] for a, b in dateline_spans(text)] == [dateline]


def test_a_headline_that_names_its_scene_is_no_dateline() -> None:
    assert dateline_spans("Haiti: gangs attack the capital\n\nGangs attacked.") == []


def test_the_dateline_city_is_not_the_scene() -> None:
    text = ("Drone strike kills 15 in Sudan\n\nCAIRO — (AP) — A drone strike killed 15 people "
            "in El Fasher on Monday, an aid worker in Sudan said.\n")  # fmt: skip
    (strike,) = run(text, CAIRO, SUDAN, EL_FASHER)
    assert strike.location.entry is EL_FASHER
    assert strike.fatalities.value == 15


def test_a_dateline_inside_the_country_refines_a_country_wide_scene() -> None:
    """Reporters file from the scene, but also from capitals far from it: a dateline
    that is not a capital and lies inside the incident's country is its scene."""
    text = ("Hurricane toll rises\n\nACAPULCO, Mexico — At least 43 people died when a "
            "hurricane slammed into Mexico's Pacific coast, officials said Sunday.\n")  # fmt: skip
    (storm,) = run(text, ACAPULCO, MEXICO)
    assert storm.location.entry is ACAPULCO and storm.location_note == "the report's dateline"
    capital = text.replace("ACAPULCO", "CAIRO").replace("Mexico", "Egypt")
    (far,) = run(capital, CAIRO, entry("Egypt", 26.0, 30.0, "country", "EG"))
    assert far.location.entry.name == "Egypt"


def test_a_stated_offset_is_a_computed_point_with_its_uncertainty() -> None:
    text = ("A 6.3-magnitude earthquake struck western Afghanistan on Saturday, 40 kilometres "
            "northwest of Herat, killing 14 people.\n")  # fmt: skip
    (quake,) = run(text, AFGHANISTAN, HERAT)
    assert quake.location.entry is HERAT and quake.geo_precision == 2
    lat, lon = quake.scene_point
    assert lat == pytest.approx(34.60, abs=0.02) and lon == pytest.approx(61.89, abs=0.02)
    assert quake.uncertainty_m == pytest.approx(40_000)


def test_a_town_named_later_in_the_story_refines_a_country_wide_scene() -> None:
    text = ("Train derails\n\nFourteen coaches of a train derailed in northern India on "
            "Sunday, killing 127 people. Rescuers worked through the night at the coaches "
            "near Pukhrayan.\n\nThe railway minister promised an inquiry.\n")  # fmt: skip
    (crash,) = run(text, INDIA, PUKHRAYAN)
    assert crash.location.entry is PUKHRAYAN and crash.geo_precision == 2
    assert crash.fatalities.value == 127


def test_sentences_typing_one_event_differently_make_one_incident() -> None:
    text = ("At least 15 people were killed in an explosion in Manbij on Monday. The car bomb "
            "went off near a bus carrying farm workers in Manbij.\n")  # fmt: skip
    (blast,) = run(text, MANBIJ)
    assert blast.sub_event_type == "Remote explosive/landmine/IED"
    assert blast.fatalities.value == 15


def test_fleeing_is_part_of_the_disaster_that_caused_it() -> None:
    text = ("Floods killed seven people in Nakuru on Sunday. About 2,000 residents were "
            "evacuated from their homes in Nakuru.\n")  # fmt: skip
    (flood,) = run(text, NAKURU)
    assert flood.sub_event_type == "Flood" and flood.fatalities.value == 7


def test_a_quake_is_one_incident_per_country_however_many_towns_it_hits() -> None:
    """One event per place: the quake's toll in another country is that country's
    record (ACLED), while towns that only report damage are part of the one quake."""
    text = ("A powerful earthquake struck near Herat in Afghanistan on Monday, destroying "
            "homes in Herat and Kabul. In Pakistan, 28 people were killed by the quake in "
            "Peshawar.\n")  # fmt: skip
    incidents = run(text, AFGHANISTAN, HERAT, entry("Kabul", 34.53, 69.17, "city", "AF",
                                                   code="PPLC"), PAKISTAN, PESHAWAR)  # fmt: skip
    assert sorted(i.location.entry.name for i in incidents) == ["Herat", "Peshawar"]
    assert {i.sub_event_type for i in incidents} == {"Earthquake"}
    assert next(i for i in incidents if i.location.entry is PESHAWAR).fatalities.value == 28


def test_an_event_named_by_its_year_is_history() -> None:
    text = ("The quake was the deadliest in the region since the 2005 Kashmir earthquake "
            "killed 73,000 people in Pakistan.\n")  # fmt: skip
    incidents = run(text, PAKISTAN)
    # The history's place and toll belong to 2005: nothing new happened in Pakistan.
    assert not [i for i in incidents if i.location is not None
                and i.location.entry is PAKISTAN and i.temporal_status == "new"]  # fmt: skip
    assert not [i for i in incidents if i.fatalities is not None
                and i.fatalities.value == 73000 and i.temporal_status == "new"]  # fmt: skip


LIBYA = entry("Libya", 27.0, 17.0, "country", "LY")
TOBRUK = entry("Tobruk", 32.08, 23.96, "city", "LY")
PERU_LIMA = entry("Lima", -12.05, -77.04, "city", "PE", code="PPLC")


def test_negated_and_warned_of_events_are_no_incidents() -> None:
    text = ("A strong earthquake struck off Tobruk on Monday, but no tsunami was reported. "
            "A landslide warning was issued for Tobruk.\n")  # fmt: skip
    incidents = run(text, LIBYA, TOBRUK)
    assert [i.sub_event_type for i in incidents] == ["Earthquake"]


def test_a_wreck_off_a_town_is_at_sea() -> None:
    text = "A boat carrying 80 migrants capsized off Tobruk on Monday, leaving 12 dead.\n"
    (wreck,) = run(text, LIBYA, TOBRUK)
    assert wreck.sub_event_type == "Transport accident"
    assert wreck.location.entry is TOBRUK and wreck.geo_precision == 7
    assert wreck.fatalities.value == 12


def test_a_building_fire_is_a_fire_not_a_fight() -> None:
    fire = "A fire gutted a five-storey apartment block in Lima on Monday, killing 9 people.\n"
    (incident,) = run(fire, PERU_LIMA)
    assert (incident.event_type, incident.sub_event_type) == ("Accident", "Fire")
    gunfire = "Gunmen opened fire on a bus in Lima on Monday, killing 4 people.\n"
    (attack,) = run(gunfire, PERU_LIMA)
    assert attack.event_type == "Violence against civilians"


def test_each_figure_of_a_toll_list_goes_to_its_own_place() -> None:
    """"In Pakistan, 30 were killed in the hills, another 12 near the border and four
    more in Peshawar": Peshawar's record has its four, Pakistan's the other 42, and the
    quake's own scene in Afghanistan none of them."""
    text = ("A strong earthquake struck near Herat in Afghanistan on Monday.\n"
            "In Pakistan, 30 people were killed in the hills, another 12 near the border "
            "and four more in Peshawar, officials said.\n")  # fmt: skip
    incidents = run(text, AFGHANISTAN, HERAT, PAKISTAN, PESHAWAR)
    by_place = {i.location.entry.name: i for i in incidents}
    assert by_place["Peshawar"].fatalities.value == 4
    assert by_place["Pakistan"].fatalities.value == 42
    assert by_place["Herat"].fatalities is None


def test_killed_and_injured_in_a_province_both_belong_to_it() -> None:
    text = ("A strong earthquake struck near Herat in Afghanistan on Monday, killing 12.\n"
            "Seven people have been reported killed and 71 injured in the eastern province "
            "of Nangarhar.\n")  # fmt: skip
    nangarhar = entry("Nangarhar", 34.2, 70.4, "admin1", "AF")
    incidents = run(text, AFGHANISTAN, HERAT, nangarhar)
    (east,) = [i for i in incidents if i.location.entry is nangarhar]
    assert (east.fatalities.value, east.injured.value) == (7, 71)
    (west,) = [i for i in incidents if i.location.entry is HERAT]
    assert (west.fatalities.value, west.injured) == (12, None)


def test_what_an_event_was_caused_by_is_the_incident() -> None:
    text = ("Roads near Nakuru were blocked by landslides caused by the earthquake on "
            "Monday.\n")  # fmt: skip
    (quake,) = run(text, NAKURU)
    assert quake.sub_event_type == "Earthquake"


@pytest.mark.parametrize(
    "yardstick",
    [
        "about 600 kilometers (370 miles) northwest of the capital, Kimbe",
        "about two hours' drive from the provincial capital of Kimbe",
    ],
)
def test_a_place_a_distance_or_a_journey_is_measured_from_is_no_scene(yardstick: str) -> None:
    province = entry("Talasea", -5.3, 150.1, "admin1", "PG")
    kimbe = entry("Kimbe", -5.55, 150.14, "city", "PG", code="PPLA")
    text = f"A landslide buried homes in Talasea province on Friday, {yardstick}.\n"
    (slide,) = run(text, province, kimbe)
    assert slide.location.entry is province


def test_a_lede_without_a_place_is_placed_by_its_headline_then_by_its_story() -> None:
    """The headline says the country; two sentences on, the story names the province."""
    nigeria = entry("Nigeria", 9.0, 8.0, "country", "NG")
    kano = entry("Kano State", 11.7, 8.6, "admin1", "NG")
    text = ("Gunmen abduct 40 pupils from a school in Nigeria\n"
            "A headteacher says gunmen who stormed the school abducted 40 pupils.\n"
            "It is the second mass abduction this month.\n"
            "Residents said the assailants surrounded the school in Kano State at "
            "dawn.\n")  # fmt: skip
    (abduction,) = run(text, nigeria, kano)
    assert abduction.location.entry is kano
    assert abduction.people_affected.value == 40


def test_a_place_an_organisation_is_of_is_no_scene() -> None:
    iran = entry("Iran", 32.0, 53.0, "country", "IR")
    tehran = entry("Tehran", 35.69, 51.42, "city", "IR", code="PPLC")
    text = ("An earthquake struck north-western Iran on Thursday, according to the "
            "seismological centre of the University of Tehran.\n")  # fmt: skip
    (quake,) = run(text, iran, tehran)
    assert quake.location.entry is iran


def test_a_toll_a_neighbouring_country_reports_is_that_country_s_record() -> None:
    malawi = entry("Malawi", -13.5, 34.0, "country", "MW")
    mozambique = entry("Mozambique", -18.0, 35.0, "country", "MZ")
    blantyre = entry("Blantyre", -15.79, 35.0, "city", "MW")
    text = ("A cyclone flattened homes in Blantyre on Sunday.\n"
            "Malawi's government said at least 150 people were killed with 300 injured, "
            "while authorities in neighbouring Mozambique reported 12 deaths and 30 "
            "injured.\n")  # fmt: skip
    incidents = run(text, malawi, mozambique, blantyre)
    by_place = {i.location.entry.name: i for i in incidents}
    assert sorted(by_place) == ["Blantyre", "Mozambique"]
    tolls = {name: (i.fatalities.value, i.injured.value) for name, i in by_place.items()}
    assert tolls == {"Mozambique": (12, 30), "Blantyre": (150, 300)}


def test_a_bus_that_fell_into_a_ravine_is_a_crash_where_it_fell_not_at_the_hospitals() -> None:
    region = entry("Junin", -11.5, -75.0, "admin1", "PE")
    huancayo = entry("Huancayo", -12.07, -75.21, "city", "PE")
    text = ("At least nine people died on Saturday when a bus fell into a ravine in the "
            "region of Junin.\n"
            "Rescuers took the injured to hospitals around Huancayo.\n")  # fmt: skip
    (crash,) = run(text, region, huancayo)
    assert (crash.sub_event_type, crash.location.entry) == ("Transport accident", region)
    assert crash.fatalities.value == 9


def test_a_story_refines_its_scene_step_by_step_and_a_regional_emergency_is_the_region_s(
) -> None:  # fmt: skip
    chile = entry("Chile", -33.0, -71.0, "country", "CL")
    region = entry("Coquimbo", -30.5, -71.0, "admin1", "CL", admin1_code="CL.07")
    town = entry("Ovalle", -30.6, -71.2, "city", "CL", admin1_code="CL.07")
    text = ("Wildfires swept through Chile on Friday, and at least 30 people died.\n"
            "The president called it the worst disaster in the country since a "
            "catastrophic earthquake in 2010 left more than 400 dead.\n"
            "Firefighters fought the blazes across the Coquimbo region.\n"
            "Hundreds of homes burned on the hills around the city of Ovalle.\n"
            "A regional state of emergency was declared.\n")  # fmt: skip
    incidents = run(text, chile, region, town)
    (fire,) = [i for i in incidents if i.sub_event_type == "Wildfire"]
    assert fire.location.entry is town
    assert fire.fatalities.value == 30
    assert 400 not in [c.value for c in fire.counts]  # the dead of 2010 are not its
    (emergency,) = [i for i in incidents if i.event_type == "Strategic developments"]
    assert emergency.location.entry is region


def test_a_disaster_named_by_its_place_is_there() -> None:
    kashmir = entry("Kashmir", 34.3, 74.5, "admin1", "IN")
    text = ("Similarly, the devastating 2005 Kashmir earthquake was magnitude 7.6 and "
            "just 26km deep.\n")  # fmt: skip
    (history,) = run(text, kashmir)
    assert (history.location.entry, history.temporal_status) == (kashmir, "background")


def test_a_dateline_scene_the_story_puts_the_incident_near_is_precision_2() -> None:
    text = ("ACAPULCO, Mexico — A passenger train derailed in Mexico on Monday, killing 9.\n"
            "The coaches overturned in a field near Acapulco.\n")  # fmt: skip
    (crash,) = run(text, ACAPULCO, MEXICO)
    assert (crash.location.entry, crash.geo_precision) == (ACAPULCO, 2)


def test_a_separate_incident_told_by_its_toll_is_its_own_record() -> None:
    text = ("A suicide bomber killed four people in Herat on Tuesday.\n"
            "In a separate incident last night, two policemen were killed, and two others "
            "were injured in Kabul.\n")  # fmt: skip
    kabul = entry("Kabul", 34.53, 69.17, "city", "AF", code="PPLC")
    incidents = run(text, HERAT, kabul)
    tolls = {i.location.entry.name: (i.fatalities.value, i.injured and i.injured.value)
             for i in incidents}  # fmt: skip
    assert tolls == {"Herat": (4, None), "Kabul": (2, 2)}


def test_a_clause_that_opens_with_a_warning_goes_on_to_the_incident_and_its_scene() -> None:
    # The warning's places are where sirens sounded; the strike is where the clause
    # goes on to put it, after its comma.
    text = ("Air raid sirens sounded in Herat and Peshawar on Tuesday, and at least 12 people were "
            "killed when a missile struck Manbij, officials said.")  # fmt: skip
    incidents = run(text, HERAT, PESHAWAR, MANBIJ)
    assert [(i.location.entry.name, i.fatalities and i.fatalities.value) for i in incidents] == [
        ("Manbij", 12)
    ]
    assert incidents[0].date_start == dt.date(2024, 3, 5)


def test_the_day_a_source_told_a_reporter_is_not_the_incidents_day() -> None:
    # Published on a Wednesday: the strike was Monday night, the telling Wednesday.
    text = ("A drone strike killed at least 15 people at a market in El Fasher. The strike "
            "also wounded 12 people, a doctor told The Associated Press on Wednesday. The "
            "doctor said the attack happened Monday night.")  # fmt: skip
    (strike,) = run(text, EL_FASHER, date=dt.date(2025, 9, 24))
    assert (strike.fatalities.value, strike.injured.value) == (15, 12)
    assert strike.date_start == dt.date(2025, 9, 22)


def test_an_earlier_incident_named_in_passing_is_its_own_record() -> None:
    # The mosque strike is another incident: its toll is not added to the market's, and
    # "the attack" of the next sentence is still the market strike.
    text = ("A drone strike killed at least 15 people at a market in El Fasher on Monday. "
            "The strike came only a few days after fighters struck a mosque in the city, "
            "killing at least 70 people. Witnesses said the attack began at dawn.")  # fmt: skip
    incidents = run(text, EL_FASHER, date=dt.date(2025, 9, 24))
    assert sorted(i.fatalities.value for i in incidents) == [15, 70]
    market = next(i for i in incidents if i.fatalities.value == 15)
    assert market.date_start == dt.date(2025, 9, 22)
    assert all(i.location.entry.name == "El Fasher" for i in incidents)


def test_fighting_a_group_tracks_or_strikes_in_general_are_no_incident() -> None:
    text = ("A network of activists who are tracking the fighting met in Cairo on Monday. "
            "Drone strikes have been a regular feature of the war in Sudan.")  # fmt: skip
    assert run(text, CAIRO, SUDAN) == []


def test_a_storm_is_dated_by_its_landfall_not_by_the_funerals_after() -> None:
    text = ("At least 43 people died when Hurricane Otis slammed into Acapulco, the governor "
            "said Sunday. In Acapulco, families began to bury the dead on Sunday. Otis "
            "roared ashore early Wednesday with winds of 165 mph.")  # fmt: skip
    (storm,) = run(text, ACAPULCO, date=dt.date(2023, 10, 29))
    assert storm.sub_event_type == "Storm" and storm.fatalities.value == 43
    assert storm.date_start == dt.date(2023, 10, 25)


def test_others_hurt_beside_a_restated_toll_add_to_it() -> None:
    text = ("A gunman opened fire at a party in Nakuru on Sunday, killing two people and "
            "wounding 12 others. In addition to the 12 wounded by gunfire, two other guests "
            "sustained unspecified injuries.")  # fmt: skip
    (attack,) = run(text, NAKURU)
    assert (attack.fatalities.value, attack.injured.value) == (2, 14)


@pytest.mark.parametrize(
    "where", ["on the outskirts of the city of Manbij", "on the edge of the town of Manbij",
              "near the city of Manbij"],
)  # fmt: skip
def test_an_incident_near_a_town_is_precision_two(where: str) -> None:
    text = f"A car bomb exploded {where} on Monday, killing 15 farm workers."
    (bombing,) = run(text, MANBIJ)
    assert (bombing.location.entry.name, bombing.geo_precision) == ("Manbij", 2)


def test_an_incident_in_a_town_is_precision_one() -> None:
    (bombing,) = run("A car bomb exploded in the city of Manbij on Monday, killing 15.", MANBIJ)
    assert bombing.geo_precision == 1


def test_a_dateline_the_story_never_puts_the_incident_in_is_precision_two() -> None:
    text = ("Gunmen kidnap students\n\nNAKURU, Kenya — Gunmen in Kenya kidnapped 30 "
            "students from a college late on Thursday, police said.\n")  # fmt: skip
    kenya = entry("Kenya", 0.5, 37.9, "country", "KE")
    (abduction,) = run(text, NAKURU, kenya)
    assert abduction.location.entry is NAKURU and abduction.geo_precision == 2
    inside = text.replace("from a college", "from a college in Nakuru")
    (there,) = run(inside, NAKURU, kenya)
    assert there.location.entry is NAKURU and there.geo_precision == 1


def test_on_the_outskirts_of_the_state_capital_is_near_it() -> None:
    text = ("Gunmen kidnapped 30 students from a college on Thursday. The college sits on the "
            "outskirts of the state capital, Nakuru.\n")  # fmt: skip
    (abduction,) = run(text, NAKURU)
    assert abduction.location.entry is NAKURU and abduction.geo_precision == 2


def test_an_attack_that_comes_days_after_another_names_that_other_one() -> None:
    text = ("Gunmen attacked a market in El Fasher on Monday, killing 15 people. The attack "
            "comes days after fighters shelled a mosque in the city, killing 70.")  # fmt: skip
    incidents = run(text, EL_FASHER, date=dt.date(2025, 9, 24))
    assert sorted(i.fatalities.value for i in incidents) == [15, 70]
