"""Names the gazetteer does not know are places where the sentence says so (real index,
articles written for these tests)."""

from __future__ import annotations

import pytest

from geomap.gazetteer.index import GazetteerIndex
from geomap.gazetteer.names import normalize
from geomap.geoparse.recognize import find_mentions
from geomap.records import Mention

UNKNOWN = ["Bool-Kiiba", "Namoungou", "Hamarweyne", "Kelbarra", "Ushtovo", "Rinsoko"]


@pytest.fixture(scope="module")
def mentions(gazetteer_index: GazetteerIndex):
    for name in UNKNOWN:  # the premise: no place of the index is called so
        assert not gazetteer_index.has_name(normalize(name)), name

    def run(text: str) -> dict[str, list[Mention]]:
        found: dict[str, list[Mention]] = {}
        for m in find_mentions(text, gazetteer_index):
            found.setdefault(m.text, []).append(m)
        return found

    return run


def test_the_village_of_a_name_and_the_name_again_later(mentions) -> None:
    found = mentions(
        'Three people "were shot dead in the village of Bool-Kiiba," an official said. '
        "A security official confirmed that an attack on Bool-Kiiba had taken place."
    )
    assert len(found["Bool-Kiiba"]) == 2
    assert found["Bool-Kiiba"][0].qualifier == "village"


def test_a_type_word_after_the_name(mentions) -> None:
    found = mentions(
        "The attack in Namoungou village on Friday is being investigated. A bomber set off "
        "his vest in the Hamarweyne district of Mogadishu, near a restaurant."
    )
    assert found["Namoungou"][0].qualifier == "village"
    assert found["Hamarweyne"][0].qualifier == "district"
    assert "Mogadishu" in found


def test_an_apposition_and_a_place_inside_a_known_one(mentions) -> None:
    found = mentions(
        "The plane came down in Kelbarra, a remote village in Makwanpur district. "
        "A woman drowned in Ushtovo, Machakos county, on Friday."
    )
    assert "Kelbarra" in found and "Ushtovo" in found


def test_no_cue_no_place(mentions) -> None:
    found = mentions(
        "Rinsoko said the talks would go on. Agencies in the DFW Metroplex area are "
        "investigating, and Ossetian-controlled villages came under fire."
    )
    assert "Rinsoko" not in found
    assert "Metroplex" not in found and "DFW Metroplex" not in found
    assert not any("controlled" in text for text in found)


def test_a_type_word_followed_by_a_role_is_not_a_cue(mentions) -> None:
    found = mentions("The Rinsoko district attorney said charges would follow.")
    assert "Rinsoko" not in found
