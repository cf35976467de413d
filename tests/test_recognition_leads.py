"""A place preposition before a name outweighs what follows it: a speech verb, a title
(real index, sentences written for these tests)."""

from __future__ import annotations

from geomap.gazetteer.index import GazetteerIndex
from geomap.geoparse.recognize import find_mentions


def _texts(index: GazetteerIndex, text: str) -> list[str]:
    return [m.text for m in find_mentions(text, index)]


def test_a_town_before_said_after_in_is_a_place(gazetteer_index: GazetteerIndex) -> None:
    found = _texts(gazetteer_index, "The health ministry in Ramallah said nine were hurt.")
    assert found == ["Ramallah"]
    # the same small town's name as the one who speaks is no place
    assert _texts(gazetteer_index, "Ramallah said nine were hurt.") == []


def test_a_place_named_with_a_title_after_near(gazetteer_index: GazetteerIndex) -> None:
    found = _texts(gazetteer_index, "Floods cut the road near Sultan Hamud on Sunday.")
    assert found == ["Sultan Hamud"]
    found = _texts(gazetteer_index, "Sultan Hamud met the envoys in Muscat on Monday.")
    assert found == ["Muscat"]
    assert _texts(gazetteer_index, "Mayor Jones spoke in Birmingham on Friday.") == ["Birmingham"]
