"""Names that contain a place name without naming a place, on the real gazetteer index.

Every sentence here was written for these tests. Each class of name (organisations,
adjectival compounds, storms, longer proper names, people, generic and direction words,
agencies in capitals) has counter-examples that must stay places.
"""

from __future__ import annotations

import pytest

from geomap.gazetteer.index import GazetteerIndex
from geomap.geoparse import find_mentions
from geomap.geoparse.lexicon import lexicon
from geomap.geoparse.organisations import organisation_run
from geomap.records import Mention


@pytest.fixture(scope="module")
def mentions(gazetteer_index: GazetteerIndex):
    def run(text: str) -> dict[str, Mention]:
        return {m.text: m for m in find_mentions(text, gazetteer_index)}

    return run


def test_a_place_an_organisation_is_named_after_is_told_by_its_run(mentions) -> None:
    text = (
        "The United States Geological Survey said the quake struck near Herat, and the "
        "Sudan Doctors' Union reported deaths in Port Sudan. A spokesman for the Athens "
        "Police Department said the fire at Kandahar Airport was out."
    )
    found = mentions(text)
    lex = lexicon()
    # the organisations' namesakes stay mentions (news corpora count them as toponyms);
    # organisation_run tells place roles that they name no scene
    for namesake in ("United States", "Sudan", "Athens"):
        m = found[namesake]
        assert organisation_run(text, m.start, m.end, lex) is not None, namesake
    # places where things happen, a facility named after its town among them
    for place in ("Herat", "Port Sudan", "Kandahar Airport"):
        m = found[place]
        assert organisation_run(text, m.start, m.end, lex) is None, place


def test_an_ordinary_word_inside_an_organisation_name_is_no_place(mentions) -> None:
    found = mentions("UK Maritime Trade Operations said a tanker was hit east of Aden.")
    assert list(found) == ["UK", "Aden"]  # not the region of Togo called Maritime


def test_organisation_run_spans_the_name_through_of_and_possessives() -> None:
    lex = lexicon()
    text = "the Syrian Observatory for Human Rights said, and the Hunt County Sheriff's Office"
    start = text.index("Syrian")
    assert organisation_run(text, start, start + 6, lex) == (start, text.index(" said"))
    hunt = text.index("Hunt County")
    assert organisation_run(text, hunt, hunt + 11, lex) == (hunt, len(text))
    station = "near the Bara Police Station on Monday"
    bara = station.index("Bara")
    assert organisation_run(station, bara, bara + 4, lex) is None  # a facility


def test_adjectival_compounds_use_a_place_as_a_modifier(mentions) -> None:
    found = mentions(
        "The Iran-backed militia, a Britain-based monitor, the Saudi-led coalition, a "
        "Russian-installed official, U.S.-made rockets and a Liberian-flagged tanker."
    )
    assert set(found) == {"Iran", "Britain", "Saudi", "Russian", "U.S.", "Liberian"}
    assert all(m.demonym for m in found.values())
    found = mentions(
        "A Panama-flagged carrier and a Marshall Islands-flagged tanker were hit off Hodeidah."
    )
    assert found["Panama"].demonym and found["Marshall Islands"].demonym  # ship flags
    assert not found["Hodeidah"].demonym
    # a destination and an area are places
    found = mentions("The Delhi-bound train stopped in an Atlanta-area suburb.")
    assert not found["Delhi"].demonym and not found["Atlanta"].demonym
    # a time zone after a clock time
    found = mentions("The quake struck at 07:10 Cyprus time, 40 km off Paphos.")
    assert found["Cyprus"].demonym and not found["Paphos"].demonym


def test_a_sports_club_is_told_by_its_run(mentions) -> None:
    text = "Manchester United beat Chelsea in London."
    found = mentions(text)
    m = found["Manchester"]
    assert organisation_run(text, m.start, m.end, lexicon()) == (m.start, text.index(" beat"))
    assert organisation_run(text, found["London"].start, found["London"].end, lexicon()) is None


def test_named_storms_are_not_places(mentions) -> None:
    found = mentions(
        "Hurricane Otis hit Acapulco; Typhoon Mangkhut, Cyclone Freddy, Storm Daniel and "
        "Tropical Storm Alberto followed. Otis was the strongest of them."
    )
    assert list(found) == ["Acapulco"]
    # the town of Hurricane, where the text says so
    found = mentions("Floods reached homes in Hurricane, Utah, on Monday.")
    assert list(found) == ["Hurricane", "Utah"]


def test_a_place_name_inside_a_longer_proper_name_is_not_a_place(mentions) -> None:
    assert list(
        mentions("The raid was claimed by Boko Haram, which is active in Borno State.")
    ) == ["Borno"]  # "State" outside the span, as news corpora mark it
    # the village is the whole name ("Lay" alone is no place)
    found = mentions("Jets struck Moe Tarr Lay village in Katha township.")
    assert list(found) == ["Moe Tarr Lay", "Katha"]
    assert list(mentions("The Arab coalition struck Sanaa overnight.")) == ["Sanaa"]
    # the same town named on its own
    assert list(mentions("The ferry sank near Haram, Norway, on Friday.")) == ["Haram", "Norway"]


def test_the_arabic_article_makes_a_name_unless_the_place_has_it(mentions) -> None:
    found = mentions("Fighters of al-Shabab attacked a base; shelling hit al-Bab and el-Fasher.")
    assert list(found) == ["al-Bab", "el-Fasher"]


def test_people_after_role_nouns_bylines_and_given_names(mentions) -> None:
    found = mentions(
        "UN spokesperson Marta Lisboa said aid reached Gaza City. Lisboa added that more "
        "trucks were waiting."
    )
    assert list(found) == ["Gaza City"]  # "Lisboa" is Lisbon in Portuguese
    assert list(mentions("By Ahmed-ul-Hassan\nA strong quake hit Herat province.")) == ["Herat"]
    # a first name and a surname that are both towns somewhere
    assert list(mentions("Kristian Molde stood on the beach in Acapulco.")) == ["Acapulco"]
    # a town before a person's name, after "of"
    found = mentions("The mayor of Marka Abdi Warsame was among the dead.")
    assert list(found) == ["Marka"]
    # an abbreviated title: its full stop does not end it
    found = mentions("Defense Secretary Gen. Salvador Cienfuegos spoke in Sinaloa.")
    assert list(found) == ["Sinaloa"]
    assert list(mentions("Floods hit St. Louis and Ft. Worth.")) == ["St. Louis", "Ft. Worth"]


def test_directions_and_generic_words_are_not_places_alone(mentions) -> None:
    found = mentions(
        "In Northeastern Libya two dams collapsed, and migrants reached a response centre "
        "near the Gulf countries."
    )
    assert list(found) == ["Libya"]
    found = mentions("Belfast in Northern Ireland, New York, Lake Victoria and Kharkiv Oblast.")
    assert list(found) == [
        "Belfast",
        "Northern Ireland",
        "New York",
        "Lake Victoria",
        "Kharkiv Oblast",
    ]
    found = mentions("Several other South American countries had fires.")
    assert found["South American"].name == "South America" and found["South American"].demonym


def test_agencies_in_capitals_are_not_places_but_datelines_are(mentions) -> None:
    found = mentions(
        "DAMASCUS, Syria (AP) — SANA reported the blast, and the FARS news agency said "
        "Tehran was calm."
    )
    assert list(found) == ["DAMASCUS", "Syria", "Tehran"]
