"""Namesakes far from every place the article ties a village to, on the real gazetteer.

Every sentence here was written for these tests. The villages are real names whose only
gazetteer places lie hundreds of kilometres from the story (Crimea's Zhuravki and
Mazanka for a report from Kursk, Borno's Dikwa for one from Benue, Maharashtra's Sāngli
for Kinnaur's Sangla), so only the wording and the article's other places can tell that
the namesake is wrong. Each has a counter-example that must keep its place.
"""

from __future__ import annotations

from geomap.distance import equirectangular_km
from geomap.records import Resolution


def _near_only(r: Resolution, lat: float, lon: float, km: float) -> bool:
    """Whether ``r`` has no place but an approximate point within ``km`` of (lat, lon)."""
    near = r.near
    return r.entry is None and near is not None and (
        equirectangular_km(near.lat, near.lon, lat, lon) < km
    )


KURSK = (51.73, 36.19)
BENUE = (7.34, 8.74)


def test_a_village_near_a_town_is_not_a_namesake_hundreds_of_km_away(resolved) -> None:
    found = resolved(
        "KURSK, May 3. A drone hit a house in the village of Zhuravki near Kursk, the "
        "governor said. Earlier, shelling damaged a school in the village of Mazanka."
    )
    # the gazetteer's only Zhuravki and Mazanka are Crimean, 700 km from Kursk: the
    # villages lie where the article's town is, approximately
    for name in ("Zhuravki", "Mazanka"):
        assert _near_only(found[name], *KURSK, km=100), found[name]
    # in a report from Crimea the same villages are Crimea's
    crimea = resolved(
        "SIMFEROPOL, May 3. A drone hit a house in the village of Zhuravki near Simferopol, "
        "officials in Crimea said. Shelling damaged a school in the village of Mazanka."
    )
    assert crimea["Zhuravki"].entry is not None and crimea["Mazanka"].entry is not None
    assert crimea["Mazanka"].entry.admin1 == "Autonomous Republic of Crimea"


def test_listed_villages_lie_near_the_state_the_report_is_from(resolved) -> None:
    found = resolved(
        "Gunmen killed 12 people in Benue State on Sunday, police said. More bodies were "
        "found in the villages of Okpokwu-Ale and Dikwa, residents said."
    )
    assert _near_only(found["Dikwa"], *BENUE, km=250)  # Borno's Dikwa lies 600 km away
    # where the report is from Borno, Borno's Dikwa is meant
    borno = resolved(
        "Gunmen killed 12 people in Borno State on Sunday, police said. More bodies were "
        "found in the villages of Okpokwu-Ale and Dikwa, residents said."
    )
    assert borno["Dikwa"].entry is not None and borno["Dikwa"].entry.admin1 == "Borno State"
    # a village the sentence puts in a place that holds it stays there, however far
    abroad = resolved(
        "She ran a bakery in Makurdi for 30 years. She was born in the village of Dikwa "
        "in Nigeria's Borno State."
    )
    assert abroad["Dikwa"].entry is not None and abroad["Dikwa"].entry.admin1 == "Borno State"


def test_a_spelling_variant_far_from_every_place_of_the_article(resolved) -> None:
    found = resolved(
        "A bus fell into a gorge near Shimla in Himachal Pradesh on Monday. It was on its "
        "way to Sangla when the accident happened, officials said."
    )
    # Sāngli (Maharashtra) is a variant spelling 1,600 km away: not what "Sangla" means
    assert _near_only(found["Sangla"], 31.10, 77.17, km=200)
    # a variant near the article's places is the place meant: Derna is Libya's Darnah
    libya = resolved("Floods hit Derna on Sunday, officials in Benghazi said.")
    assert libya["Derna"].entry is not None and libya["Derna"].entry.country_code == "LY"


def test_a_facility_named_after_a_far_town_is_where_the_story_is(resolved) -> None:
    found = resolved(
        "A glider crashed on landing at Dillingham Airfield on Tuesday, Honolulu police "
        "said. The pilot was flown to a hospital on Oahu."
    )
    # Alaska's Dillingham lies 4,000 km from Honolulu and Oahu
    assert _near_only(found["Dillingham"], 21.4, -158.0, km=100)
    alaska = resolved(
        "A floatplane crashed near Dillingham Airport on Tuesday, officials in Anchorage "
        "said. Alaska troopers reached the site by boat."
    )["Dillingham"].entry
    assert alaska is not None and alaska.admin1 == "Alaska"
