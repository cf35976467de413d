"""Names written with a unit word after them, on the real gazetteer.

Every sentence here was written for these tests. The names are real: Kanam, Adavi,
Lokoja, Rijau and Tsafe are Nigerian local government areas that the gazetteer holds as
"X Local Government Area" (and "X District"); the gazetteer's only town called Kanam lies
in India, and "Munya" is one of the names of Monywa, in Myanmar, while no Munya LGA is
held. So only the unit word after the name and the article's other places can say which
place is meant. Each rule has a counter-example that must keep its place.
"""

from __future__ import annotations

import pytest

from geomap.gazetteer.index import GazetteerIndex
from geomap.geoparse.approximate import place_approximately
from geomap.geoparse.structure import Relations
from geomap.records import Mention, Resolution


def _unit(r: Resolution | None, name: str, country: str) -> bool:
    return (r is not None and r.entry is not None and r.entry.name == name
            and r.entry.feature_type == "admin2" and r.entry.country_code == country)  # fmt: skip


@pytest.mark.parametrize(
    "written",
    ["local government area", "Local Government Area", "local government", "LGA", "L.G.A.",
     "Local Government area"],
)  # fmt: skip
def test_a_local_government_area_written_any_way_is_the_unit(resolved, written: str) -> None:
    found = resolved(f"Gunmen attacked villages in Kanam {written} of Plateau state.")
    # the span is the name alone, in every case; the place is the LGA, not India's Kanam
    assert _unit(found.get("Kanam"), "Kanam Local Government Area", "NG"), found
    assert found["Kanam"].mention.qualifier == "local government area"
    assert not any(text.startswith("Kanam ") for text in found)


def test_the_town_stays_the_town_without_its_unit_word(resolved) -> None:
    unit = resolved("Police in Lokoja LGA of Kogi State arrested three suspects.")
    assert _unit(unit["Lokoja"], "Lokoja Local Government Area", "NG")
    town = resolved("Floods hit Lokoja, the capital of Kogi State, on Monday.")
    lokoja = town["Lokoja"].entry
    assert lokoja is not None and lokoja.feature_type == "city" and lokoja.country_code == "NG"


def test_a_plural_phrase_after_a_list_names_each_unit(resolved) -> None:
    found = resolved(
        "Gunmen killed nine farmers in Rijau and Munya local government areas of Niger State."
    )
    assert _unit(found["Rijau"], "Rijau Local Government Area", "NG")
    # no Munya LGA is held: left unplaced, never Myanmar's Monywa
    assert found["Munya"].entry is None


@pytest.mark.parametrize(
    ("unit_text", "town_text", "name", "country"),
    [
        # the gazetteer holds no "Kalat tehsil", but Kalat District under the word it
        # writes after every district's name
        ("Three people died in a landslide in Kalat tehsil of Balochistan province.",
         "Three people died in a landslide near Kalat in Balochistan province.", "Kalat", "PK"),
        # Colombia's municipalities are its second-level units, held as "X District"
        ("Dissidents attacked an Army base in the Suarez municipality of Cauca department "
         "on Sunday.",
         "Dissidents attacked an Army base near Suarez in Cauca department.", "Suarez", "CO"),
    ],
)
def test_a_unit_word_the_gazetteer_does_not_write_finds_the_unit_by_its_other_name(
    resolved, unit_text: str, town_text: str, name: str, country: str
) -> None:
    unit = resolved(unit_text)[name].entry
    assert unit is not None and unit.feature_type == "admin2" and unit.country_code == country
    town = resolved(town_text)[name].entry
    assert town is not None and town.feature_type == "city" and town.country_code == country


def test_area_is_the_unit_only_where_no_town_of_the_name_fits(resolved) -> None:
    nigeria = resolved("Gunmen attacked villages in Kanam area of Plateau state on Sunday.")
    assert _unit(nigeria["Kanam"], "Kanam Local Government Area", "NG")
    # in a report from Tamil Nadu, India's Kanam fits: the town stays
    india = resolved(
        "Police said the Kanam area of Tamil Nadu was calm after the clashes in Chennai."
    )
    kanam = india["Kanam"].entry
    assert kanam is not None and kanam.country_code == "IN" and kanam.feature_type == "city"
    # a big town named for itself keeps its place beside another country's towns
    tokyo = resolved("Home prices rose in the Tokyo area, while sales fell in Chicago and Denver.")
    assert tokyo["Tokyo"].entry is not None and tokyo["Tokyo"].entry.country_code == "JP"


def test_a_town_abroad_written_with_a_unit_word_is_never_taken(resolved) -> None:
    found = resolved("Gunmen killed 12 farmers in Munya LGA of Niger State on Sunday.")
    assert found["Munya"].entry is None  # not Monywa, Myanmar
    assert found["Niger State"].entry is not None
    # its other mentions follow it
    twice = resolved(
        "Gunmen killed 12 farmers in Munya local government area of Niger State. Residents "
        "of Munya fled to Minna."
    )
    assert all(r.entry is None or r.entry.country_code == "NG" for r in twice.values())


def test_a_town_abroad_undone_lies_where_the_wording_puts_it(resolved) -> None:
    # the gazetteer's only Bara Bazar is a West Bengal town; a continent named beside the
    # country does not make the article one of several countries
    found = resolved(
        "Asia news: the death toll from a suicide attack in the Bara Bazar area of Khyber "
        "Pakhtunkhwa's Khyber district in Pakistan rose to four on Monday."
    )
    bara = found["Bara Bazar"]
    assert bara.entry is None
    assert bara.near is not None and bara.near.country_code == "PK", bara


def test_a_name_with_its_unit_word_left_unplaced_takes_the_unit(resolved) -> None:
    # the namesake abroad is dropped as an accident of an article about Nigeria; the
    # unit word still says which place is meant
    found = resolved(
        "Gunmen have attacked villages in Nigeria's central Plateau state. The attackers "
        "stormed four remote villages on Sunday in Kanam area in the state."
    )
    assert _unit(found["Kanam"], "Kanam Local Government Area", "NG")
    # a span given without its unit word ("Adavi", as a corpus gives it) is looked up
    # with the word written after it
    text = "Students were abducted in Osara in Adavi LGA of Kogi State on Thursday."
    spans = [(text.index(n), text.index(n) + len(n)) for n in ("Osara", "Adavi", "Kogi State")]
    given = resolved(text, spans)
    assert _unit(given["Adavi"], "Adavi Local Government Area", "NG")


def test_a_name_beside_the_word_area_that_is_no_place_stays_none(resolved) -> None:
    found = resolved("Clashes erupted in the Muslim area of the city of Jos, Plateau State.")
    assert "Muslim" not in found or found["Muslim"].entry is None
    assert found["Jos"].entry is not None and found["Jos"].entry.country_code == "NG"


def test_unknown_names_in_a_chain_of_units_lie_where_the_last_placed_one_does(
    gazetteer_index: GazetteerIndex,
) -> None:
    # "X in the Y payam in Z and W in the V payam in the U area": each name no gazetteer
    # holds lies in the next; only the last is placed (near the place the article is
    # about), and every name before it lies there too, not only the one next to it
    text = ("Gunmen attacked Juer in the Alabek payam in Lou Mawien Ariik and Keng in the "
            "Aliek payam in the Kongor area. Officials in Warrap state said 35 people died.")
    names = ["Juer", "Alabek", "Lou Mawien Ariik", "Keng", "Aliek", "Kongor", "Warrap"]
    mentions = []
    for name in names:
        start = text.index(name)
        mentions.append(Mention(start=start, end=start + len(name), text=name, name=name))
    warrap = next(e for e in gazetteer_index.lookup("Warrap") if e.country_code == "SS")
    resolutions = [Resolution(m, None) for m in mentions[:-1]]
    resolutions.append(Resolution(mentions[-1], warrap, score=0.9))
    ranked: list[list[object]] = [[] for _ in names[:-1]] + [[object()]]
    placed = place_approximately(text, resolutions, Relations.read(text, mentions), ranked)
    for r in placed[:-1]:
        assert r.near is not None and r.near.id == warrap.id, r
