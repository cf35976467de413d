"""Places the shipped data holds that only the sentence's context finds or places right.

The articles are written here; the places are real rows of the default index or of the
committed packs (Burkina Faso's and Mali's WOF villages, Lebanon's, Ukraine's KATOTTG).
Each test names the mechanism it checks:

- a capitalised unknown name set beside its unit in commas at a sentence start ("X, in Y
  province, ...") or joined by "between ... and" to a place is a place, looked up in the
  packs inside the unit;
- a list said to lie "in" a place lies there whole, so a namesake abroad loses to the
  pack village inside it;
- of two pack namesakes, the one beside a place the article names is taken, even one
  resolution is unsure of;
- another spelling of a well-known town is a place, and stays on the town, in an article
  that names its country;
- a name the sentence calls a village is no big city abroad;
- a list's other villages pull a namesake to them, and a distance stated from a place
  undoes a namesake many times that distance away;
- a village "in the region of" a town may lie beyond the town's own few kilometres;
- "communities" after a list of three names or more names places, one name before it
  never;
- "in X, in the Y region" and "in X in the Y payam" put X in Y; of two pack villages
  in Y, the one that bears the name as its own is taken.
"""

from __future__ import annotations

from collections.abc import Callable

from geopy.distance import great_circle

from geomap.records import Resolution

Parse = Callable[[str], list[Resolution]]



def _of(resolutions: list[Resolution], text: str) -> list[Resolution]:
    return [r for r in resolutions if r.mention.text == text]


def _km(r: Resolution, lat: float, lon: float) -> float:
    assert r.entry is not None, f"{r.mention.text} unplaced"
    return great_circle((r.entry.lat, r.entry.lon), (lat, lon)).km


def test_name_apposed_to_its_province_at_a_sentence_start_is_the_pack_village(
    parse: Parse,
) -> None:
    found = parse(
        "Markoye, in Oudalan province, is a market town near the border with Niger. "
        "Jihadists attacked a military detachment between Markoye and Tokabangou on "
        "Sunday, killing five soldiers, the army of Burkina Faso said."
    )
    markoye = _of(found, "Markoye")
    assert len(markoye) == 2  # the name opening the sentence, and its later mention
    for r in markoye:
        assert r.entry is not None and r.entry.country_code == "BF"
        assert r.entry.admin1 == "Oudalan" and _km(r, 14.64, 0.04) < 5
    # joined by "between ... and" to a place: a place too, though no gazetteer holds it
    assert [r.mention.text for r in _of(found, "Tokabangou")] == ["Tokabangou"]


def test_between_two_actors_names_no_place(parse: Parse) -> None:
    found = parse(
        "Talks between Hamas and Fatah resumed on Monday in Cairo, and a gas deal "
        "between Gazprom and Naftogaz was signed in Kyiv."
    )
    assert {r.mention.text for r in found} == {"Cairo", "Kyiv"}


def test_a_list_in_a_named_region_beats_a_namesake_abroad(parse: Parse) -> None:
    found = parse(
        "A bomb placed on a road between Baye and Pissa in the central region of Mopti "
        "killed four civilians in Mali on Monday."
    )
    (baye,) = _of(found, "Baye")  # Baye, Finistère is the index's only Baye
    assert baye.entry is not None and baye.entry.country_code == "ML"
    assert _km(baye, 14.63, -3.23) < 5
    (pissa,) = _of(found, "Pissa")
    assert pissa.entry is not None and pissa.entry.admin1 == "Mopti"


def test_of_two_pack_namesakes_the_one_beside_the_article_s_town(parse: Parse) -> None:
    found = parse(
        "Israeli strikes hit southern Lebanon on Tuesday. A drone struck a car in the "
        "southeast village of Khiam, killing two people. Shelling also hit Marjayoun."
    )
    (khiam,) = _of(found, "Khiam")
    # the packs hold El Khiyam by Marjayoun and an El Khiam in Mount Lebanon, 40 km off
    assert khiam.entry is not None and khiam.entry.admin1 == "Nabatieh"
    assert _km(khiam, 33.33, 35.61) < 5


def test_another_spelling_of_a_known_town_in_the_named_country(parse: Parse) -> None:
    text = "Fighting in Galkayo killed two soldiers on Monday, officials in Mogadishu said."
    (galkayo,) = _of(parse(text.replace("on Monday", "in Somalia on Monday")), "Galkayo")
    assert galkayo.entry is not None and galkayo.entry.name == "Gaalkacyo"
    assert galkayo.entry.country_code == "SO"
    # without the country named, another spelling of a small town is held back
    assert not _of(parse(text.replace("Mogadishu", "the capital")), "Galkayo")
    # a demonym names the country, a region the town's region
    (near,) = _of(parse("Somali troops fought militants 170 km from Galkayo."), "Galkayo")
    assert near.entry is not None and near.entry.name == "Gaalkacyo"
    (mudug,) = _of(parse("Militants attacked a base near Galkayo, Mudug region."), "Galkayo")
    assert mudug.entry is not None and mudug.entry.name == "Gaalkacyo"


def test_a_village_is_no_big_city_abroad(parse: Parse) -> None:
    found = parse(
        "Gunmen killed three people at a checkpoint in the village of Yathrib near the "
        "city of Balad, north of Baghdad, Iraqi police said."
    )
    (yathrib,) = _of(found, "Yathrib")  # an old name of Medina
    assert yathrib.entry is None or yathrib.entry.country_code == "IQ"
    assert yathrib.entry is not None or (yathrib.near is not None and yathrib.near.name == "Balad")
    # called no village, and in an article about Saudi Arabia, the name is Medina's
    (medina,) = _of(parse("Pilgrims reached Yathrib in Saudi Arabia on Monday."), "Yathrib")
    assert medina.entry is not None and medina.entry.country_code == "SA"


def test_list_siblings_pull_a_namesake(parse: Parse) -> None:
    found = parse(
        "Russian shelling hit Kherson region on Monday. In Beryslav district, the villages "
        "of Tiahynka and Vesele were shelled, the regional administration said."
    )
    (tiahynka,) = _of(found, "Tiahynka")
    (vesele,) = _of(found, "Vesele")
    assert tiahynka.entry is not None and vesele.entry is not None
    assert vesele.entry.admin1 == "Kherson"  # not the index's Vesele of Zaporizhzhia
    assert _km(vesele, tiahynka.entry.lat, tiahynka.entry.lon) < 60


def test_communities_after_a_list_names_places_not_after_one_name(parse: Parse) -> None:
    found = parse(
        "Gunmen stormed Kudodo, Galapai, Dnakpala Makera and Dnalgwa communities in "
        "Kaduna State, killing 12 people. Leaders of the Muslim community and of "
        "Latino communities in the state condemned the attack."
    )
    names = [r.mention.text for r in found]
    assert names[:4] == ["Kudodo", "Galapai", "Dnakpala Makera", "Dnalgwa"]
    assert not {"Muslim", "Latino"} & set(names)


def test_a_stated_distance_undoes_a_namesake_far_beyond_it(parse: Parse) -> None:
    found = parse(
        "Islamic State fighters attacked the villages of Khams Tlol and al-Madina, about "
        "50 miles west of Mosul, Iraqi officers said."
    )
    (madina,) = _of(found, "al-Madina")
    # the index's Al Madinah lies by Basra, 500 km from Mosul
    assert madina.entry is None or _km(madina, 36.34, 43.12) < 200
    assert madina.entry is not None or (madina.near is not None and madina.near.name == "Mosul")
    # a distance the namesake keeps changes nothing
    (bucha,) = _of(parse("Shelling hit Bucha, 30 km northwest of Kyiv, on Monday."), "Bucha")
    assert bucha.entry is not None and _km(bucha, 50.55, 30.21) < 10


def test_a_village_in_the_region_of_a_town(parse: Parse) -> None:
    found = parse(
        "Gunmen burst into a cattle market in Namoungou village in the region of Fada "
        "N'Gourma, in eastern Burkina Faso, and killed 20 people."
    )
    (namoungou,) = _of(found, "Namoungou")  # 28 km from the town of Fada N'Gourma
    assert namoungou.entry is not None and _km(namoungou, 12.02, 0.61) < 5


def test_a_name_in_a_unit_set_beside_it(parse: Parse) -> None:
    found = parse(
        "Soldiers were ambushed in Namsiguia, in the Centre-nord region, on Monday. Gunmen "
        "struck in Juer in the Alabek payam of Jonglei state."
    )
    names = {r.mention.text for r in found}
    assert {"Namsiguia", "Juer", "Alabek"} <= names
    (namsiguia,) = _of(found, "Namsiguia")
    # the packs hold two in the region: Bam's "Namssiguia" (also written Namsiguia)
    # and Sanmatenga's Namsiguia, whose own name it is
    assert namsiguia.entry is not None and namsiguia.entry.admin1 == "Sanmatenga"
    # a capitalised word after "in" with no place beside it is nothing
    assert not _of(parse("The talks ended in Geneva in the Palais, officials said."), "Palais")

