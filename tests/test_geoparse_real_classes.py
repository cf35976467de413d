"""Classes of names conflict and incident reports use, on the real gazetteer index.

Every sentence here was written for these tests; the names of villages and districts
are made up (none is in the gazetteer), so only what the sentence says can make them
places. Each class has a counter-example that must stay what it was.
"""

from __future__ import annotations

import pytest

from geomap.gazetteer.geocoder import GazetteerGeocoder
from geomap.gazetteer.index import GazetteerIndex
from geomap.geoparse import find_mentions, geoparse
from geomap.records import Article, GazetteerEntry


@pytest.fixture(scope="module")
def spans(gazetteer_index: GazetteerIndex):
    def run(text: str) -> list[str]:
        return [m.text for m in find_mentions(text, gazetteer_index)]

    return run


@pytest.fixture(scope="module")
def places(gazetteer_index: GazetteerIndex):
    """Each mention's place by its text (the first, where a name repeats)."""
    geocoder = GazetteerGeocoder(index=gazetteer_index)

    def run(text: str) -> dict[str, GazetteerEntry | None]:
        found: dict[str, GazetteerEntry | None] = {}
        for r in geoparse(Article(id="t", text=text), index=gazetteer_index, geocoder=geocoder):
            found.setdefault(r.mention.text, r.entry)
        return found

    return run


def test_a_capitalised_type_word_ends_an_unknown_name(spans) -> None:
    found = spans(
        "Troops burned 30 houses in Kyauk Sawbwa Village on Monday. People of Kyauk Sawbwa "
        "fled to the hills. A drone hit Gashena town in Lasqoray District."
    )
    assert found == ["Kyauk Sawbwa", "Kyauk Sawbwa", "Gashena", "Lasqoray"]
    # the type word of an institution or of an English name is theirs, not a cue
    assert spans("The wounded were taken to Lasqoray District Hospital.") == []
    assert "Qorwenda Administrative" not in spans(
        "Raiders came from the Greater Qorwenda Administrative Area."
    )


def test_a_village_name_ending_in_an_english_word_with_its_cue(spans) -> None:
    assert spans("Jets struck Moe Pyin Lay village on Wednesday.") == ["Moe Pyin Lay"]
    # without a village cue, such a run is a proper name
    assert spans("Jets struck the Moe Pyin Lay compound on Wednesday.") == []


def test_a_plural_type_word_after_a_list_of_unknown_names(spans) -> None:
    found = spans("Drones struck the Qorwenda and Lasqoray districts on Sunday.")
    assert found == ["Qorwenda", "Lasqoray"]
    assert spans("Drone strikes hit Bugdala, Qorwenda and Lasqoray woredas.") == [
        "Bugdala", "Qorwenda", "Lasqoray"
    ]  # fmt: skip


def test_names_with_an_arabic_article_the_sentence_calls_places(spans) -> None:
    found = spans(
        "An airstrike hit the Al-Qurwaini area of the district. A bomb went off in the "
        "Al-Zubaidat industrial area. Gunmen attacked the village of Wad al-Qorwena."
    )
    assert found == ["Al-Qurwaini", "Al-Zubaidat", "Wad al-Qorwena"]
    # no cue: a name with the article stays unrecognised ("al-Shabab" style groups)
    assert spans("Fighters of Al-Qurwaini claimed the attack.") == []


def test_another_spelling_of_a_region_is_recognised_alone(spans) -> None:
    # "Magwe" is held as another spelling of Magway, a town of under 100,000 people and
    # the region named after it: the region makes the one word a place
    found = spans("Three civilians were killed in Magwe when jets struck a school.")
    assert found == ["Magwe"]


def test_a_word_that_begins_place_names_makes_the_run_one_name(spans) -> None:
    found = spans(
        "Guerrillas attacked a base near Puerto Quenaro in Arauca. Villagers of Wad "
        "Hamdeen fled. Shelling hit Puerto Jordán."
    )
    assert found == ["Puerto Quenaro", "Arauca", "Wad Hamdeen", "Puerto Jordán"]
    # the country itself, and an English word written in lower case, stay what they are
    assert spans("Jordan condemned the attack; he handed over a wad of cash.") == ["Jordan"]


def test_two_known_places_side_by_side_are_two_mentions(spans) -> None:
    # a country written before its region, the type word after both
    assert spans("Floods hit Pakistan Punjab province on Monday.") == ["Pakistan", "Punjab"]
    # a known place starting a name the gazetteer lacks is still read as one name
    assert spans("Shelling hit the Kanpur Dehat district.") == ["Kanpur Dehat"]


def test_a_type_word_before_an_organisations_head_is_the_organisations(spans) -> None:
    found = spans("Bodies were found, said the chief of Dhaka Sadar River Police.")
    assert "Dhaka" in found
    assert not any("Police" in s or s.startswith("Dhaka ") for s in found)


def test_a_distance_from_or_to_a_name_says_it_is_a_place(spans) -> None:
    found = spans(
        "Rebels struck Kisomboli, about 25 kilometres northwest of Mabwenge, at dawn. "
        "A bomb went off 30 kilometers (18 miles) from Dhuwaqle. Kisomboli was burned."
    )
    assert found == ["Kisomboli", "Mabwenge", "Dhuwaqle", "Kisomboli"]
    # a person's name before a distance stays a person's
    assert spans("Smith, 45 miles away, said the road was closed.") == []


def test_a_territory_and_a_village_named_with_english_words(spans) -> None:
    assert spans("Militia attacked Mambasa in the Lubanza territory.")[-1] == "Lubanza"
    assert spans("Jets hit the village of Let Yet Kone on Friday.") == ["Let Yet Kone"]


def test_a_village_said_to_be_in_a_region_is_not_placed_in_the_next_one(places) -> None:
    # the gazetteer's only Sovietskyi lies in Crimea, outside Kherson Oblast's box and
    # in a region whose name shares nothing with Kherson's, though under 400 km away
    found = places("Shelling hit the village of Sovietskyi, Kherson region, on Friday.")
    village = found["Sovietskyi"]
    assert village is None or village.admin1 == "Kherson"
    assert found["Kherson"] is not None and found["Kherson"].feature_type == "admin1"
    # where the region is the village's own, it stays
    found = places("Shelling hit the village of Nyzhnohirskyi, Crimea, on Friday.")
    assert found["Nyzhnohirskyi"] is not None


def test_a_district_word_supports_a_small_places_other_spelling(spans) -> None:
    # "Hais" is held only as another spelling of a small Yemeni town: alone it may be a
    # surname, but "Hais district" says it is a place
    assert spans("An airstrike hit a farm in Hais district on Monday.") == ["Hais"]
    assert spans("Hais said the farm was hit on Monday.") == []


def test_the_kind_of_place_written_before_its_name_without_of(spans) -> None:
    found = spans("Bodies were pulled from the river Tolokhya at Char Baduria on Sunday.")
    assert found == ["Tolokhya", "Char Baduria"]  # "at" is no Arabic article here
    assert spans("The town Mayor said the river was high.") == []


def test_a_road_named_by_the_two_places_it_joins(spans) -> None:
    found = spans("Earth fell on their car near Gholling on the Gholling-Tepru diversion road.")
    assert found == ["Gholling", "Gholling", "Tepru"]
    # a hyphenated pair with no road after it says nothing
    assert spans("The Gholling-Tepru partnership was signed.") == []


def test_a_small_town_abroad_is_no_pin_for_a_report_about_one_country(places) -> None:
    found = places(
        "Floods swept Kerala's Thrissur district on Saturday. Rescuers searched the small "
        "town of Mala, where a house collapsed. The chief minister flew to Thrissur."
    )
    assert found["Thrissur"] is not None and found["Thrissur"].country_code == "IN"
    # the gazetteer's Malas lie in Peru, China, Sweden and Spain: none is this one
    assert found["Mala"] is None
    # a town abroad in a country the article names stays
    found = places("A soldier from Dayton, Ohio, was killed near Zaranj, Afghanistan.")
    assert found["Zaranj"] is not None and found["Zaranj"].country_code == "AF"


def test_a_dateline_in_capitals_repeats_a_name_the_article_calls_a_place(spans) -> None:
    found = spans("KORWENDA, Feb. 28 - Nine civilians were killed in Korwenda district.")
    assert found == ["KORWENDA", "Korwenda"]
    # without the article saying so, a word in capitals is no place
    assert spans("KORWENDA, Feb. 28 - Nine civilians were killed.") == []


def test_congo_is_the_democratic_republic_in_a_report_from_it(places) -> None:
    # both countries are called "Congo" in the news: the article's other places decide
    found = places(
        "Militiamen of CODECO killed eleven people in Djugu territory of Ituri province "
        "overnight, local officials said. The army has fought armed groups in eastern Congo "
        "for decades."
    )
    congo = found["Congo"]
    assert congo is not None and (congo.feature_type, congo.country_code) == ("country", "CD")
    # counter-example: a report from Brazzaville's Congo keeps it
    found = places(
        "Floods in Brazzaville and Pointe-Noire killed twelve people on Monday, the "
        "government of Congo said."
    )
    congo = found["Congo"]
    assert congo is not None and (congo.feature_type, congo.country_code) == ("country", "CG")


def test_hodaida_is_yemens_hodeidah(places) -> None:
    # "Hodaida", as Yemeni agencies write it: the governorate and the port city
    found = places(
        "Coalition airstrikes on Hodaida and Saada provinces killed nine civilians on "
        "Wednesday, Yemeni officials said."
    )
    province = found["Hodaida"]
    assert province is not None and (province.feature_type, province.geonameid) == (
        "admin1",
        79416,
    )
    found = places("Fishermen were wounded in the port city of Hodaida, Yemeni officials said.")
    city = found["Hodaida"]
    assert city is not None and (city.feature_type, city.geonameid) == ("city", 79415)


def test_the_pacific_alone_is_the_ocean(gazetteer_index: GazetteerIndex) -> None:
    # "Mexico's southern Pacific coast": given the span, the name finds the ocean
    text = "Hurricane Otis slammed into Mexico's southern Pacific coast on Wednesday."
    start = text.index("Pacific")
    geocoder = GazetteerGeocoder(index=gazetteer_index)
    found = geoparse(Article(id="t", text=text), index=gazetteer_index, geocoder=geocoder,
                     spans=[(text.index("Mexico"), text.index("Mexico") + 6),
                            (start, start + len("Pacific"))])  # fmt: skip
    ocean = found[1].entry
    assert ocean is not None and (ocean.feature_type, ocean.geonameid) == ("sea", 2363254)


def test_unit_words_of_more_countries_make_unknown_names_places(spans) -> None:
    # South Sudan's payams, Cameroon's departments, India's blocks, Ethiopia's zones
    found = spans("Raiders struck the Malabek payam and the Qorwenda department on Friday.")
    assert found == ["Malabek", "Qorwenda"]
    assert spans("Two bodies were found in Kovanuru block and Lasqoray zone.") == [
        "Kovanuru", "Lasqoray"
    ]  # fmt: skip
    # a type word that describes something else is no cue
    assert spans("The Kowalski department store closed on Monday.") == []


def test_an_unknown_name_inside_a_known_place_without_a_comma(spans) -> None:
    # "at X in Y province", "in X in North Darfur": as "in X, Y" (the place Y is known)
    assert spans("Twelve people died at Tundunwa in Kossi province.") == ["Tundunwa", "Kossi"]
    assert "Tundunwa" in spans("Shelling in Tundunwa in North Darfur uprooted 650 families.")
    # without a place preposition before it, or with a first name, it stays a name
    assert "Tundunwa" not in spans("Officials told Tundunwa in Kossi province to leave.")
    assert "Maria" not in spans("The children stayed with Maria in Blantyre.")


def test_a_spelling_of_a_town_followed_by_a_connector_word(spans) -> None:
    # "on the" after the name is no part of a longer name ("Rostov-on-Don"): the other
    # spelling of Kostyantynivka the sentence calls a town is recognised
    found = spans("Shells hit the town of Kostiantynivka on the morning of 2 April.")
    assert found == ["Kostiantynivka"]


def test_a_list_of_unknown_names_after_a_plural_type_word(spans) -> None:
    found = spans("Gunmen raided the villages of Tundunwa, Malabek and Qorwenda on Sunday.")
    assert found == ["Tundunwa", "Malabek", "Qorwenda"]
    # "of" after a plural that is no type word lists no places
    assert spans("He thanked the families of Tundunwa and Malabek.") == []


def test_an_unknown_name_with_the_arabic_article_in_lower_case(spans) -> None:
    assert spans("The drone hit al-Qurwaini village as mourners gathered.") == ["al-Qurwaini"]
    assert spans("Troops entered the town of al-Zubaidat on Friday.") == ["al-Zubaidat"]
    # without a cue it stays unrecognised, as "al-Shabab" must
    assert spans("Fighters of al-Qurwaini claimed the attack.") == []


def test_two_word_unit_names_and_a_direction_opening_an_unknown_name(spans) -> None:
    # Nigeria's local government areas, Mozambique's administrative posts
    found = spans("Gunmen struck in the Owan Qorwenda local government area of the state.")
    assert found == ["Owan Qorwenda"]
    assert spans("Five people were killed in the Malabek administrative post.") == ["Malabek"]
    # a direction opens the name where a cue word says it is a place
    assert spans("Troops moved into the districts of North Qorwenda and Lasqoray.") == [
        "North Qorwenda", "Lasqoray"
    ]  # fmt: skip
    # but not before a place the gazetteer knows, nor without a cue
    assert spans("Prices may fall in the Greater Toronto Area.") == ["Toronto"]
    assert spans("He walked toward his South Qorwenda mobile home.") == []


def test_the_region_of_a_name_is_the_region_not_its_capital(gazetteer_index) -> None:
    text = ("LIMA - At least seven people died on Saturday when a bus fell into a ravine in the "
            "central Peruvian region of Huanuco, officials said. The bus was travelling from "
            "Pucallpa to Huanuco when it veered off the road near Tingo Maria.")
    geocoder = GazetteerGeocoder(index=gazetteer_index)
    kinds = [r.entry.feature_type for r in geoparse(Article(id="t", text=text),
             index=gazetteer_index, geocoder=geocoder) if r.mention.text == "Huanuco"]  # fmt: skip
    assert kinds == ["admin1", "city"]  # "travelling ... to Huanuco" stays the town
