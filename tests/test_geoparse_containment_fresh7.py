"""Places the wording puts in a town, district or region, on the real gazetteer.

Every sentence here was written for these tests. They cover what reports of incidents
write around a place's name: "Qiaoxi District of Zhangjiakou City" (a namesake in the
same province is no answer: the place lies at the stated city), "Raghunathpur railway
station in Buxar district", "ERBIL, Kurdistan" (Iraq's region, not Iran's
province), "Jammu and Kashmir" (one unit, not the city of Jammu and a region),
"India's Kashmir" (the region, not Natural Earth's sliver of it in the Karakoram),
"Petite Rivière" beside "the Artibonite region" (the commune whose official name adds
the region), "Imphal West district" and "in Lilong Nungei of the state's Thoubal
district". Each has a counter-example that must keep its reading.
"""

from __future__ import annotations

from geomap.distance import equirectangular_km
from geomap.gazetteer.index import GazetteerIndex
from geomap.gazetteer.names import normalize
from geomap.records import Resolution


def _km(r: Resolution, lat: float, lon: float) -> float:
    """How far the place (or, without one, the approximate point) of ``r`` lies."""
    e = r.entry or r.near
    assert e is not None, r
    return equirectangular_km(e.lat, e.lon, lat, lon)


ZHANGJIAKOU = (40.77, 114.88)
SHIJIAZHUANG = (38.04, 114.48)
BUXAR = (25.58, 83.98)
PURULIA_RAGHUNATHPUR = (23.54, 86.67)


def test_a_district_of_a_city_is_not_a_namesake_of_another_city(resolved) -> None:
    found = resolved(
        "BEIJING, June 2. A fire broke out at a furniture warehouse in Qiaoxi District of "
        "Zhangjiakou City, in north China's Hebei Province, on Sunday, killing three."
    )
    # the gazetteer's Qiaoxi of Hebei is Shijiazhuang's, 300 km away: the district lies
    # at the city the sentence names, approximately
    qiaoxi = found["Qiaoxi"]
    assert qiaoxi.entry is None and qiaoxi.near is not None, qiaoxi
    assert _km(qiaoxi, *ZHANGJIAKOU) < 20
    # written of the city that holds it, the district keeps its place
    found = resolved(
        "BEIJING, June 2. A fire broke out at a furniture warehouse in Qiaoxi District of "
        "Shijiazhuang City, in north China's Hebei Province, on Sunday, killing three."
    )
    assert found["Qiaoxi"].entry is not None
    assert _km(found["Qiaoxi"], *SHIJIAZHUANG) < 20


def test_a_station_in_a_district_lies_in_the_district(resolved) -> None:
    found = resolved(
        "PATNA, India. Four coaches of a passenger train left the tracks near Raghunathpur "
        "railway station in Buxar district of Bihar state late on Monday, officials said."
    )
    # Bihar's only Raghunathpur in the gazetteer lies 400 km east of Buxar
    raghunathpur = found["Raghunathpur"]
    assert raghunathpur.entry is None, raghunathpur
    assert _km(raghunathpur, *BUXAR) < 20
    # in a district that holds one of its namesakes, the station's town is that one
    found = resolved(
        "KOLKATA, India. Four coaches of a passenger train left the tracks near Raghunathpur "
        "railway station in Purulia district late on Monday, officials said."
    )
    assert found["Raghunathpur"].entry is not None
    assert _km(found["Raghunathpur"], *PURULIA_RAGHUNATHPUR) < 10


def test_a_region_beside_a_town_is_the_towns_countrys(resolved) -> None:
    found = resolved(
        "ERBIL, Kurdistan - Gunmen attacked an army checkpoint south of Kirkuk on Monday "
        "night, killing two soldiers, security officials said."
    )
    # Iran's Kurdistan province bears the name as its own; Iraq's region as another
    assert found["Kurdistan"].entry.country_code == "IQ"
    # beside a town of Iran's Kurdistan province, the name is that province
    found = resolved(
        "SANANDAJ, Kurdistan - Two border guards were killed in a clash near Marivan on "
        "Monday night, officials said."
    )
    kurdistan = found["Kurdistan"].entry
    assert kurdistan is not None
    assert (kurdistan.country_code, kurdistan.feature_type) == ("IR", "admin1")


def test_a_unit_named_with_and_is_one_place(resolved) -> None:
    found = resolved(
        "SRINAGAR, India. Police in Jammu and Kashmir said two militants were killed. "
        "Ministers from Trinidad and Tobago met their counterparts in Ottawa. Floods hit "
        "Alberta and Manitoba, and a storm reached Knightsbridge and Belgravia."
    )
    jk = found["Jammu and Kashmir"].entry
    assert (jk.country_code, jk.feature_type) == ("IN", "admin1")
    assert found["Trinidad and Tobago"].entry.feature_type == "country"
    # two provinces, two places; and a town called "A and B" is read as a list
    assert "Alberta" in found and "Manitoba" in found
    assert "Knightsbridge and Belgravia" not in found


def test_kashmir_is_the_region_not_natural_earths_sliver(
    resolved, gazetteer_index: GazetteerIndex
) -> None:
    found = resolved(
        "SRINAGAR, India. Gunmen attacked an army convoy in India's Kashmir on Thursday, "
        "the police said. Kashmir has been tense since the summer."
    )
    kashmir = found["Kashmir"]
    assert kashmir.entry is not None and kashmir.entry.feature_type == "region"
    assert _km(kashmir, 34.3, 75.5) < 20  # the Kashmir Valley, not the Karakoram
    # Pakistan's Kashmir is the part Pakistan administers
    found = resolved("MUZAFFARABAD, Pakistan. Floods swept villages in Pakistan's Kashmir.")
    assert found["Kashmir"].entry.name == "Azad Kashmir"
    # the build drops only an uncoded Natural Earth unit a curated region names: other
    # uncoded units keep their names
    ids = {e.id for e in gazetteer_index.lookup(normalize("Kashmir"))}
    assert "ne-admin1:KAS00" not in ids
    assert "ne-admin1:SOL00" in {e.id for e in gazetteer_index.lookup("somaliland")}


def test_a_commune_named_without_its_region(resolved) -> None:
    found = resolved(
        "PORT-AU-PRINCE, Haiti. Gang members burned a dozen houses in Petite Rivière on "
        "Sunday, a local official said. Petite Rivière lies in the Artibonite region, where "
        "gangs have attacked several farming towns this year."
    )
    commune = found["Petite Rivière"].entry
    assert commune is not None and commune.country_code == "HT"
    assert commune.admin1 == "Artibonite"
    # without the region's name, nothing says which of Haiti's six Petite Rivières
    found = resolved(
        "PORT-AU-PRINCE, Haiti. Gang members burned a dozen houses in Petite Rivière on "
        "Sunday, a local official said."
    )
    entry = found["Petite Rivière"].entry if "Petite Rivière" in found else None
    assert entry is None or entry.admin1 != "Artibonite"


def test_districts_and_villages_of_districts(resolved) -> None:
    found = resolved(
        "IMPHAL, India. Gunmen shot dead two farmers in Wangjing Lamding of the state's "
        "Thoubal district on Monday. A curfew was imposed in Imphal West district."
    )
    village = found["Wangjing Lamding"]  # known to no gazetteer, placed at its district
    assert village.entry is None and village.near is not None
    assert normalize(village.near.name) == normalize("Thoubāl")
    # "Imphal West district" is one district named after Imphal, not Imphal and a
    # region called "West"
    assert "Imphal West" in found and "West" not in found
    assert found["Imphal West"].entry.name == "Imphal"
    # without a unit word after the place, "of" says nothing
    found = resolved(
        "IMPHAL, India. Gunmen shot dead two farmers in Wangjing Lamding of the Thoubal "
        "police station area on Monday."
    )
    assert "Wangjing Lamding" not in found
