"""A saint a church is dedicated to is no town named after the saint.

Written sentences, on the real gazetteer index. Each rule has a counter-example: the
towns and the city-named bodies keep their place.
"""

from __future__ import annotations

import pytest

from geomap.gazetteer.index import GazetteerIndex
from geomap.geoparse import find_mentions


@pytest.fixture(scope="module")
def found(gazetteer_index: GazetteerIndex):
    def run(text: str) -> list[str]:
        return [m.text for m in find_mentions(text, gazetteer_index)]

    return run


@pytest.mark.parametrize(
    "text",
    [
        "The bomb hit the small church of St. Peter and St. Paul in Cairo on Sunday.",
        "Police guarded the Saint Peter and Saint Paul Coptic Orthodox Church in Cairo.",
        "Pilgrims gathered in Cairo for the Feast of Saint Paul.",
    ],
)
def test_the_saints_of_a_church_or_a_feast_are_no_towns(found, text: str) -> None:
    assert found(text) == ["Cairo"]


def test_towns_named_after_saints_stay_towns(found) -> None:
    names = found("Flooding closed roads between St. Paul and St. Cloud, Minnesota, and a "
                  "church in Saint Peter was damaged.")  # fmt: skip
    assert names[:2] == ["St. Paul", "St. Cloud"] and "Saint Peter" in names
