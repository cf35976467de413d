"""Names written in ways real reports use and recognition missed (development split
fresh5): a possessive inside a name ("Cox's Bazar"), a country's short form
("Burkina"), an acronym the article defines ("the Federal Capital Territory (FCT)").
The articles are written for the tests."""

from __future__ import annotations

import datetime as dt

import pytest

from geomap.article import article_from_text
from geomap.pipeline import run


def _places(text: str) -> list[tuple[str, str | None, str | None]]:
    doc = run(article_from_text(text, article_id="story", date=dt.date(2024, 7, 19)))
    return [(r.mention.text, r.entry.name if r.entry else None,
             r.entry.country_code if r.entry else None) for r in doc.resolutions]


@pytest.mark.parametrize("apostrophe", ["'", "\u2019"])
def test_a_possessive_inside_a_name_is_part_of_it(apostrophe: str) -> None:
    places = _places(f"About 1,200 tourists were stuck on Saint Martin island in the "
                     f"Cox{apostrophe}s Bazar district of Bangladesh on Monday.")
    assert (f"Cox{apostrophe}s Bazar", "Cox's Bazar District", "BD") in places
    # a possessive of a place before another name still stays outside it
    assert ("Ukraine", "Ukraine", "UA") in _places("Ukraine's Kharkiv was shelled on Monday.")


def test_a_countrys_short_form_is_the_country() -> None:
    places = _places("Burkina: at least 12 civilians were killed by suspected jihadists "
                     "near the border with Mali on Sunday.")
    assert ("Burkina", "Burkina Faso", "BF") in places


def test_an_acronym_the_article_defines_is_that_place() -> None:
    places = _places("Gunmen kidnapped commuters in the Federal Capital Territory (FCT), "
                     "Abuja, on Sunday. Police in the FCT said four suspects were held.")
    assert [p for p in places if p[0] == "FCT"] == [("FCT", "Federal Capital Territory", "NG")] * 2
    # initials that are not the name's define nothing
    assert ("Kenya", "Kenya", "KE") in _places("Floods hit Kenya (AFP) on Monday.")


def test_a_country_the_article_also_writes_as_a_state_is_the_state() -> None:
    places = _places("Gunmen went haywire across Niger communities on Sunday, killing 60 "
                     "vigilantes in Rijau, Niger state.")
    assert [p for p in places if p[0] == "Niger"] == [("Niger", "Niger State", "NG")] * 2
    # the border with the country is still the country
    places = _places("Gunmen from Niger killed 5 in Sokoto. The Niger state governor "
                     "condemned it. Troops crossed the border with Niger.")
    assert places[-1] == ("Niger", "Niger", "NE")
