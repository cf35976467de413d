""""The Ukrainian region of Kharkiv" names the region, as "the region of Kharkiv" does:
a country's adjective before the type word is not a place whose unit it is ("the
Kupiansk district of Kharkiv Oblast" stays the district). Articles written for the test."""

from __future__ import annotations

import datetime as dt

import pytest

from geomap.article import article_from_text
from geomap.pipeline import run


def _resolved(text: str) -> dict[str, tuple[str, str]]:
    doc = run(article_from_text(text, article_id="story", date=dt.date(2024, 9, 25))).doc
    return {r.mention.text: (r.entry.name, r.entry.feature_type)
            for r in doc.resolutions if r.entry is not None}


@pytest.mark.parametrize("text", [
    "Russian strikes damaged a hangar in the Ukrainian region of Kharkiv on Wednesday.",
    "Russian strikes damaged a hangar in the region of Kharkiv on Wednesday.",
])
def test_a_country_adjective_before_region_of_keeps_the_region(text: str) -> None:
    assert _resolved(text)["Kharkiv"][1] == "admin1"


def test_a_place_before_district_of_is_the_district() -> None:
    found = _resolved("Fighting raged in the Kupiansk district of Kharkiv Oblast on Monday.")
    assert found["Kupiansk"] == ("Kupianskyi Raion", "admin2")
