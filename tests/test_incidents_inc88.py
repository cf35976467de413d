"""Which incidents are found and where: places a sentence names that are not the scene
(who reports, who is blamed, where a country lies, whose capital), each class on an
article written here."""

from __future__ import annotations

import datetime as dt

from written_articles import incidents_in

from geomap.article import article_from_text
from geomap.pipeline import run

DAY = dt.date(2024, 5, 10)


def _roles(text: str) -> dict[str, str]:
    doc = run(article_from_text(text, article_id="story", date=DAY)).doc
    return {r.mention.text: r.role for sentence in doc.roles for r in sentence}


def _countries(text: str) -> set[str | None]:
    return {i.location.entry.country_code if i.location else None
            for i in incidents_in(text, DAY)}


def test_a_state_news_agency_is_not_a_scene() -> None:
    """"Russian state news agency TASS reported that one guard was killed": the agency's
    country reports the toll, it is not where anyone died."""
    text = ("Heavy fighting broke out on Friday between border troops near the town of "
            "Isfara in northern Tajikistan, officials said.\n"
            "Russian state news agency TASS, citing official sources, reported that one "
            "border guard was killed and three more had been injured.")
    assert "RU" not in _countries(text)
    assert _roles("Iranian state media said the fire was put out.")["Iranian"] == "context"


def test_the_side_blamed_is_not_a_scene() -> None:
    """"The army has condemned Cambodia for targeting civilian areas": the side accused
    of the act, not its scene."""
    text = ("The army has reported a severe escalation in violence along the border, "
            "resulting in the deaths of nine civilians. The army has condemned Cambodia for "
            "targeting civilian areas during the clashes.")
    assert "KH" not in _countries(text)
    assert _roles("The government accused Rwanda of shelling the town.")["Rwanda"] == "actor"


def test_a_region_after_a_country_says_where_it_lies() -> None:
    """"the border between Tajikistan and Kyrgyzstan in Central Asia": the region is
    wider than the country it places, never the scene."""
    roles = _roles("Fresh clashes on the volatile border between Tajikistan and Kyrgyzstan "
                   "in Central Asia left more than two dozen people injured. Russia has "
                   "offered to mediate talks. Officials in Bishkek and Dushanbe supported a "
                   "ceasefire.")
    assert roles["Central Asia"] == "context"
    roles = _roles("Floods in Mali, in West Africa, have killed 30 people. The rains hit "
                   "Mopti and Segou.")
    assert roles["West Africa"] == "context"


def test_a_country_s_capital_is_not_the_country() -> None:
    """"an explosion near Peru's capital": a town described by its country; the
    country is not the scene."""
    text = ("The death toll from a powerful explosion near Peru's capital rose to 11 on "
            "Tuesday, with dozens injured.\n"
            "The blast tore through a crowded market in Chosica on Monday, authorities said.")
    found = incidents_in(text, DAY)
    assert all(i.geo_precision != 6 for i in found)


def test_a_photo_caption_tells_no_incident_of_its_own() -> None:
    """A wire caption ("A handout picture released by the police shows ...", "... near
    the village of X, January 11, 2021.") describes a picture, of this story or an older
    one: it only supports the story's incident."""
    text = ("A bus plunged into a ravine near the town of Celendin on Sunday night, killing "
            "25 people and injuring 13, police said.\n"
            "A handout picture released by the police shows an officer inspecting the "
            "remains of a bus that plunged into a ravine from a mountain road in the region "
            "of Cajamarca, Peru, on April 29, 2024.\n"
            "Ethnic Armenian soldiers gather at their fighting positions near the village of "
            "Taghavard in the region of Nagorno-Karabakh, January 11, 2021.")
    found = incidents_in(text, DAY)
    assert [i.location.entry.name for i in found if i.location] == ["Celendín"]


def test_prose_dated_with_its_year_is_no_caption() -> None:
    from geomap.incidents.sentences import is_caption

    assert not is_caption("The ship sank off Pylos on June 14, 2023.")
    assert not is_caption("A storm damaged about 40 homes in Lyon, France, on January 4, 2024.")
    assert not is_caption("A fire broke out in a market in Kano, Nigeria, on May 3, 2023.")
    assert is_caption("Relatives of the prisoners await news outside the jail, Quito, on "
                      "April 14, 2023.")
    assert not is_caption("Video shared on social media showed flames engulfing the block.")
    assert is_caption("In this file photo, firefighters battle a blaze in Athens.")


def test_a_breakdown_s_first_share_is_counted() -> None:
    """"six deaths, including three in Carroll County, two in ...", "nine died: four in
    Lee County, ...": the first share of a breakdown by place is a toll too."""
    from geomap.facts.counts import find_counts

    text = ("Officials reported six more deaths, including three in Carroll County, two in "
            "Monroe County and one in Humphreys County.")
    assert [(c.value, c.noun) for c in find_counts(text)] == [
        (6, "dead"), (3, "dead"), (2, "dead"), (1, "dead")]
    text = "The storm killed nine people: four in Lee County and five in Clay County."
    assert (4, "dead") in [(c.value, c.noun) for c in find_counts(text)]
    # not a share: a share is told at a place ("including three in the capital" is not)
    assert [c.value for c in find_counts("Twelve were killed, including three in the capital.")
            ] == [12]


def test_a_toll_broken_down_by_county_is_one_record_per_county() -> None:
    """A toll broken down over three counties or more is one event per county, even when
    the story's route ran through a town in one of them (Amory is in Monroe County)."""
    text = ("A powerful tornado tore through rural Mississippi on Friday night, killing at "
            "least 13 people in the town of Rolling Fork, and raced on through towns "
            "including Winona and Amory.\n"
            "Officials on Saturday reported an additional six deaths, including three in "
            "Carroll County, two in Monroe County and one in Humphreys County, citing the "
            "county coroners.")
    tolls = {i.location.entry.name: i.fatalities.value for i in incidents_in(text, DAY)
             if i.location and i.fatalities}
    assert {k: v for k, v in tolls.items() if "County" in k} == {
        "Carroll County": 3, "Monroe County": 2, "Humphreys County": 1}


def test_a_country_a_place_lies_near_is_not_the_scene() -> None:
    """"an ambush in the region of Tillaberi (west) near Burkina Faso": the neighbouring
    country says where the region lies."""
    found = incidents_in("Ten soldiers were killed on Monday in an ambush in the region of "
                         "Tillaberi (west) near Burkina Faso, the army said.", DAY)
    assert [i.location.entry.country_code for i in found if i.location] == ["NE"]


def test_a_mixed_case_dateline_with_its_region_and_agency_is_no_scene() -> None:
    """"Jayapura, Papua (ANTARA) - Using rifles ...": the filing town, its region and the
    agency's tag open the body; the town is not where the attack was."""
    from geomap.text import dateline_spans

    text = ("Rebels attack workers in Ilaga: police\n\n"
            "Jayapura, Papua (ANTARA) - Using rifles and arrows, separatists attacked several "
            "workers at a health centre project in Ilaga on Thursday, killing one worker and "
            "injuring two others, police said.")
    assert [text[a:b] for a, b in dateline_spans(text)] == ["Jayapura, Papua (ANTARA) - "]
    assert [i.location.entry.name for i in incidents_in(text, DAY) if i.location] == ["Ilaga"]
    # a sentence is no dateline for naming a place and a bracket
    assert dateline_spans("Headline\n\nThe army said on Monday, in Kabul (Afghanistan) - no") == []


def test_a_trend_is_no_incident() -> None:
    """"Clashes between the two groups have been rising in recent months": a trend over
    months, not an event at the place it names."""
    text = ("Gunmen killed at least 42 people in Ethiopia's Oromiya region on Tuesday, two "
            "residents said.\n"
            "Clashes between the Oromo and Amhara, Ethiopia's two largest ethnic groups, have "
            "been rising in recent months.")
    found = incidents_in(text, DAY)
    assert [i.location.entry.name for i in found if i.location] == ["Oromia"]


def test_history_told_after_the_dateline_keeps_its_own_place() -> None:
    """The dateline files today's news: "On December 2, 2018, rebels killed 31 workers in
    North Kivu province", paragraphs later, is history in the province, not at the town
    the reporter filed from."""
    text = ("GOMA, Congo (AP) - Rebels attacked a displacement camp near the town of Sake on "
            "Monday, killing five people, officials said.\n"
            "The camp holds thousands of families.\n"
            "Aid workers said food was running short.\n"
            "Schools in the area have closed.\n"
            "The army has sent reinforcements.\n"
            "On December 2, 2018, a group of rebels killed 31 workers in North Kivu province, "
            "officials recalled.")
    history = [i for i in incidents_in(text, DAY) if i.fatalities and i.fatalities.value == 31]
    assert [i.location.entry.name for i in history if i.location] == ["North Kivu"]


def test_a_two_word_bearing_says_where_a_place_lies() -> None:
    """"in Gampaha District, north east of the capital Colombo": the capital is a
    yardstick, like "north of the capital Baghdad"."""
    found = incidents_in("Flooding in Kelaniya in Gampaha District, north east of the capital "
                         "Colombo, forced around 12,000 people from their homes on Monday.", DAY)
    assert [i.location.entry.name for i in found if i.location] == ["Kelaniya"]


def test_where_a_person_comes_from_and_whose_officer_speaks_are_no_scenes() -> None:
    """"A 31-year-old man from St Helens ... arrested": the man's home; "The Merseyside
    chief constable ... said": a force's area, naming who speaks."""
    roles = _roles("A 31-year-old man from St Helens and a 39-year-old man from Southport "
                   "were arrested on suspicion of violent disorder.")
    assert roles["St Helens"] == "origin"
    roles = _roles("The Merseyside chief constable, Jane Doe, said the four were arrested in "
                   "connection with the riots.")
    assert roles["Merseyside"] == "context"
