"""Names no gazetteer holds get the place the article's wording puts them in, on the
real gazetteer index.

Every sentence here was written for these tests; the village names are made up (none is
in the gazetteer or a pack), so only what the article says can place them.
"""

from __future__ import annotations

import json

import pytest

from geomap.gazetteer.geocoder import GazetteerGeocoder
from geomap.gazetteer.index import GazetteerIndex
from geomap.gazetteer.names import normalize
from geomap.geoparse import geoparse
from geomap.geoparse.jsonl import geoparse_records, read_records
from geomap.records import Article, Resolution


@pytest.fixture(scope="module")
def resolve(gazetteer_index: GazetteerIndex):
    geocoder = GazetteerGeocoder(index=gazetteer_index)

    def run(text: str) -> dict[str, list[Resolution]]:
        found: dict[str, list[Resolution]] = {}
        for r in geoparse(Article(id="t", text=text), index=gazetteer_index, geocoder=geocoder):
            found.setdefault(r.mention.text, []).append(r)
        return found

    return run


def test_an_unknown_village_lies_in_the_region_its_sentence_names(resolve, gazetteer_index):
    text = (
        "Gunmen attacked the village of Tungan Kwarbai in Kaduna State on Sunday, killing "
        "five people, residents said. Survivors of Tungan Kwarbai fled to nearby towns."
    )
    found = resolve(text)
    state = found["Kaduna"][0].entry  # the span leaves "State" out
    assert state is not None and state.country_code == "NG"
    assert not gazetteer_index.has_name(normalize("Tungan Kwarbai"))
    first, second = found["Tungan Kwarbai"]
    # no place is chosen (it is none of the gazetteer's), but it lies in Kaduna State,
    # and so does the same name in the next sentence, which names no place
    assert first.entry is None and second.entry is None
    assert first.near == state and second.near == state


def test_an_unknown_village_near_a_town_lies_at_the_town(resolve):
    found = resolve("An airstrike hit the village of Dar Qoumeh near Aleppo in Syria on Tuesday.")
    (village,) = found["Dar Qoumeh"]
    (town,) = found["Aleppo"]
    assert town.entry is not None and village.near == town.entry


def test_a_region_too_wide_to_say_where_leaves_the_village_unplaced(resolve):
    # Sichuan is about 1,000 km across: its point says nothing of where the village is,
    # and the article's other place (the capital of its dateline) says so even less
    found = resolve(
        "BEIJING - A landslide buried the village of Qiaoluogou in Sichuan province "
        "on Saturday, state media said. Rescuers in Qiaoluogou searched for survivors."
    )
    assert found["Sichuan"][0].entry is not None
    assert [r.near for r in found["Qiaoluogou"]] == [None, None]


def test_a_known_name_left_unplaced_and_a_river_are_not_approximated(resolve):
    found = resolve(
        "Floods hit the town of Masvingo in Zimbabwe. Farmers along the Qorwenda River in "
        "Masvingo lost their crops."
    )
    assert found["Masvingo"][0].entry is not None
    assert all(r.near is None for r in found.get("Qorwenda River", []))


def test_the_geoparse_record_carries_the_approximate_point(gazetteer_index):
    text = "Gunmen attacked the village of Tungan Kwarbai in Kaduna State on Sunday."
    line = json.dumps({"id": "a", "text": text})
    (record,) = geoparse_records(read_records([line]), index=gazetteer_index)
    by_name = {t["name"]: t for t in record["toponyms"]}
    village, state = by_name["Tungan Kwarbai"], by_name["Kaduna"]
    assert (village["lat"], village["lon"]) == (state["lat"], state["lon"])
    assert village["near"] == state["place"]
    # it is not the state: no GeoNames id, type or place name of its own
    assert village["geonameid"] is None and village["place"] is None
    assert "near" not in state


def test_a_village_in_an_unknown_unit_lies_where_the_unit_does(resolve):
    found = resolve(
        "Gunmen stormed the market in the village of Tungan Kwarbai, in the Qorwenda "
        "department, on Tuesday. Police in Kaduna State said nine people died. Kaduna "
        "State has seen many such attacks."
    )
    state = found["Kaduna"][0].entry  # the span leaves "State" out
    assert state is not None
    # the unit is placed where the article is about; the village where its unit is
    assert found["Qorwenda"][0].near == state
    assert found["Tungan Kwarbai"][0].near == state


def test_a_small_island_no_gazetteer_holds_lies_among_the_articles_places(resolve):
    found = resolve(
        "A ferry sank off Mago Island on Friday, police in Suva said. Survivors were taken "
        "to a hospital on Viti Levu."
    )
    # the gazetteer's only Mago is a Russian town, no island: the island lies by Suva
    mago = found["Mago Island"][0]
    assert mago.entry is None and mago.near is not None and mago.near.name == "Suva"
    # a group of islands stretches too far to take one place's point
    groups = resolve("Crops failed on the Lau Islands, police in Suva said. Food was "
                     "shipped from Viti Levu.")["Lau Islands"][0]  # fmt: skip
    assert groups.entry is None and groups.near is None
