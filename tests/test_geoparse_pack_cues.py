"""Villages only the shipped packs hold, named with less than "the village of": after a
locative in a sentence about an attack ("massacred at X", "a strike on X"), after
"community of" or in a list "communities" ends, in a list beside known places, before
"in" and a town, or at a stated distance from a town (geomap.geoparse.pack_cues,
pack_named, pack_villages).

The villages are real rows of the committed packs (wof-bf, wof-ht, wof-co, wof-lb,
wof-sy, wof-np, wof-ng, wof-cm),
none of them in the default index; the articles are written here. The counter-examples
are names the same packs hold, in wording that does not make them places here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from geopy.distance import great_circle

from geomap.article import article_from_text
from geomap.gazetteer.index import GazetteerIndex
from geomap.gazetteer.names import normalize
from geomap.gazetteer.pack_lookup import pack_villages
from geomap.gazetteer.packs import pack_source
from geomap.pipeline import run
from geomap.records import GazetteerEntry, Resolution

Parse = Callable[[str], list[Resolution]]



def _row(name: str, country: str, near: tuple[float, float] | None = None) -> GazetteerEntry:
    """The pack's village called ``name`` (the one nearest ``near`` when it has two)."""
    rows = pack_villages(normalize(name), country)
    assert rows, f"no {name} in {country}'s pack"
    if near is None:
        assert len(rows) == 1, rows
        return rows[0]
    return min(rows, key=lambda e: great_circle((e.lat, e.lon), near).km)


def _placed(found: list[Resolution], written: str) -> GazetteerEntry:
    """The one place every mention written ``written`` was given."""
    entries = [r.entry for r in found if r.mention.text == written]
    assert entries, f"{written!r} was not recognised in {[r.mention.text for r in found]}"
    assert all(e is not None and e == entries[0] for e in entries), entries
    assert entries[0] is not None
    return entries[0]


def _texts(found: list[Resolution]) -> list[str]:
    return [r.mention.text for r in found]


def test_the_default_index_lacks_the_villages(gazetteer_index: GazetteerIndex) -> None:
    for name in ("Seytenga", "Ganthier", "Mondomo", "Maaysra", "El Maaisra", "Barja",
                 "Deir Billa", "Birgui", "Haddad", "Fuaa", "Jajarkot", "Wanzamai", "Gwarinpa",
                 "Bamenyam"):  # fmt: skip
        assert not gazetteer_index.has_name(normalize(name)), name


# ---------------------------------------------------------------------- an event's place


def test_an_attack_at_the_one_village_of_the_name_in_the_country(parse: Parse) -> None:
    # Burkina Faso's pack holds one Seytenga (Sitenga's other name), far from Ouagadougou
    found = parse(
        "Jihadists kill dozens in Burkina Faso\n\nSuspected jihadists massacred 86 people at "
        "Seytenga on Saturday, the government in Ouagadougou said."
    )
    assert _placed(found, "Seytenga") == _row("Seytenga", "BF")


def test_a_strike_on_a_village_near_the_article_places(parse: Parse) -> None:
    # the report names Israel and Lebanon: no one country, but Barja lies by Beirut
    found = parse(
        "An Israeli strike on Barja killed four people on Saturday, Lebanon's health "
        "ministry said. Rescuers from Beirut searched the rubble."
    )
    assert _placed(found, "Barja") == _row("Barja", "LB")


def test_a_spelling_variant_with_the_article_near_a_place_of_its_sentence(
    parse: Parse,
) -> None:
    # the pack has two El Maaisra, one by Beirut and one in the Bekaa 60 km from Zahle:
    # the sentence names Beirut; the article's "Maaysra" is the pack's "El Maaisra"
    assert len(pack_villages("el maaisra", "LB")) == 2
    found = parse(
        "An Israeli strike on Maaysra, in the mountains north of Beirut, killed nine people. "
        "Another strike hit the edge of Zahle, Lebanon's state media said."
    )
    beirut = next(r.entry for r in found if r.mention.text == "Beirut")
    assert beirut is not None
    assert _placed(found, "Maaysra") == _row("El Maaisra", "LB", near=(beirut.lat, beirut.lon))


def test_the_incident_lands_on_the_village(gazetteer_cache: Path) -> None:
    text = (
        "Jihadists kill dozens in Burkina Faso\n\nSuspected jihadists killed 40 civilians "
        "at Seytenga on Saturday, the government in Ouagadougou said on Sunday."
    )
    incidents = run(article_from_text(text, article_id="t", date=dt.date(2022, 6, 13))).incidents
    killed = [i for i in incidents if i.fatalities is not None and i.fatalities.value == 40]
    assert len(killed) == 1 and killed[0].location is not None
    village = killed[0].location.entry
    assert village.id == _row("Seytenga", "BF").id and village.source == pack_source("wof-bf")
    assert killed[0].geo_precision == 1


# ---------------------------------------------------------------------- other wording


def test_the_community_of_a_village(parse: Parse) -> None:
    found = parse(
        "Gunmen abducted 17 missionaries on Saturday in the community of Ganthier, east of "
        "Port-au-Prince, Haitian police said."
    )
    assert _placed(found, "Ganthier") == _row("Ganthier", "HT")


def test_a_village_listed_with_towns_of_its_department(parse: Parse) -> None:
    found = parse(
        "Dissidents attacked police stations in Cajibio, Mondomo and Jambalo, in the "
        "department of Cauca, officials in Colombia said."
    )
    assert _placed(found, "Mondomo") == _row("Mondomo", "CO")


def test_a_village_listed_before_communities(parse: Parse) -> None:
    # Nigeria's pack has two Wanzamai, in Zamfara and in Katsina: the article names Tsafe
    assert {e.admin1 for e in pack_villages("wanzamai", "NG")} == {"Zamfara State",
                                                                   "Katsina State"}  # fmt: skip
    found = parse(
        "Bandits abducted 30 people from the Kucheri, Wanzamai and Danwuri communities of "
        "Tsafe, Zamfara State, police said."
    )
    village = _placed(found, "Wanzamai")
    assert village.source == pack_source("wof-ng") and village.admin1 == "Zamfara State"


def test_a_neighbourhood_in_the_town_written_after_it(parse: Parse) -> None:
    found = parse(
        "A fire broke out at the market on 3rd Avenue, Gwarinpa in Abuja, on Thursday, "
        "destroying 40 shops."
    )
    assert _placed(found, "Gwarinpa") == _row("Gwarinpa", "NG")


def test_an_adjective_of_another_country_leaves_the_article_in_one(parse: Parse) -> None:
    # "French-speaking" names no place in France: the report is about Cameroon alone
    found = parse("Gunmen killed nine people in Bamenyam, a French-speaking area of Cameroon, "
                  "officials said.")  # fmt: skip
    assert _placed(found, "Bamenyam") == _row("Bamenyam", "CM")


def test_a_village_at_the_distance_the_article_states(parse: Parse) -> None:
    # Deir Billa lies 15 km east of Batroun: "some 15 kilometres from the town of"
    found = parse(
        "Residents of Deir Billa, some 15 kilometres (nine miles) from the town of Batroun, "
        "said a house was destroyed. Lebanon's civil defence sent teams."
    )
    village = _placed(found, "Deir Billa")
    batroun = next(r.entry for r in found if r.mention.text == "Batroun")
    assert village == _row("Deir Billa", "LB") and batroun is not None
    assert 10 < great_circle((village.lat, village.lon), (batroun.lat, batroun.lon)).km < 20


def test_a_long_vowel_written_twice_finds_the_pack_spelling(parse: Parse) -> None:
    # the pack writes Al Fu`ah, also Fu'a and Fua; the article "Fuaa"
    found = parse("Rebels shelled the town of Fuaa, near Idlib, killing three people, Syrian "
                  "state media said.")  # fmt: skip
    assert _placed(found, "Fuaa") == _row("Fua", "SY")


def test_a_bare_name_of_a_district_the_article_names_is_the_district(parse: Parse) -> None:
    # Nepal's pack holds villages called Jajarkot; the article names Jajarkot district
    assert pack_villages("jajarkot", "NP")
    found = parse(
        "The quake destroyed thousands of houses in Jajarkot on Friday night. It struck at "
        "11:47 p.m. in Jajarkot district of Karnali province, Nepal's officials said."
    )
    bare = [r.entry for r in found if r.mention.text == "Jajarkot" and r.mention.qualifier is None]
    district = [r.entry for r in found if r.mention.qualifier == "district"]
    assert bare and district and district[0] is not None
    assert district[0].feature_type == "admin2"
    assert all(e == district[0] for e in bare), bare


# ---------------------------------------------------------------------- not places


def test_a_surname_after_an_attack_word_is_no_place(parse: Parse) -> None:
    # Lebanon's pack holds one Haddad, but here Haddad is a man
    assert len(pack_villages("haddad", "LB")) == 1
    found = parse(
        "Gunmen opened fire on Haddad as he left his home in Beirut, Lebanese police said."
    )
    assert "Haddad" not in _texts(found)


def test_no_event_no_place(parse: Parse) -> None:
    found = parse("Burkina Faso's new minister grew up in Seytenga and studied in Ouagadougou.")
    assert "Seytenga" not in _texts(found)


def test_a_village_far_from_an_article_of_two_countries_is_no_place(parse: Parse) -> None:
    # one Seytenga in Burkina Faso, but the report is about two countries and names no
    # place near it
    found = parse(
        "Fighting between troops of Burkina Faso and Mali killed 20 people at Seytenga, "
        "officials in Bamako said."
    )
    assert "Seytenga" not in _texts(found)


def test_the_one_village_of_the_country_outside_the_region_of_its_sentence(
    parse: Parse,
) -> None:
    # Burkina Faso's one Seytenga lies in the Sahel, not in the region the sentence names
    found = parse(
        "In the Boucle du Mouhoun region, jihadists killed 12 people at Seytenga, officials "
        "in Burkina Faso said."
    )
    seytenga = _row("Seytenga", "BF")
    assert all(r.entry != seytenga for r in found)


def test_three_villages_of_the_name_far_apart_are_no_place(parse: Parse) -> None:
    rows = pack_villages("birgui", "BF")
    assert len(rows) == 3
    found = parse(
        "Jihadists killed five people at Birgui on Monday, officials in Burkina Faso said."
    )
    assert "Birgui" not in _texts(found)


def test_the_muslim_and_the_international_community_are_no_places(parse: Parse) -> None:
    found = parse(
        "Leaders of the Muslim community and the international community condemned the "
        "kidnapping of 17 missionaries in Haiti on Saturday."
    )
    assert _texts(found) == ["Haiti"]


def test_a_list_beside_no_known_place_makes_no_place(parse: Parse) -> None:
    # "Mondomo" listed with words the gazetteer does not know as places
    found = parse("Police in Colombia said Rodriguez, Mondomo and Fernandez were arrested.")
    assert "Mondomo" not in _texts(found)
