"""Misreadings found on the development splits in session 23: a war's running total
counted as an incident's figures, and tolls a report gives town by town.  Every article
here is written for the test."""

from __future__ import annotations

import datetime as dt

from geomap.article import article_from_text
from geomap.pipeline import run

TUESDAY = dt.date(2020, 1, 28)


def _run(text: str, date: dt.date | None = TUESDAY):
    return run(article_from_text(text, article_id="story", date=date)).incidents


def test_a_wars_running_total_is_no_incidents_count() -> None:
    incidents = _run(
        "At least two farmers were killed in a drone strike in Pakistan on Tuesday. "
        "Researchers say as many as 900 civilians have been killed by the drone war in "
        "Pakistan, including 170 children."
    )
    assert len(incidents) == 1
    (strike,) = incidents
    assert strike.sub_event_type == "Air/drone strike"
    assert strike.fatalities is not None and strike.fatalities.value == 2
    assert strike.people_affected is None


def test_a_report_counting_town_by_town_gives_each_town_its_record() -> None:
    incidents = _run(
        "Landslides triggered by heavy rain killed at least 12 people in Nepal on Sunday. "
        "Five people died when a landslide buried their house in the city of Pokhara. "
        "Four children died in Bhaktapur, officials said. Three other people died in "
        "Lalitpur, according to the police."
    )
    tolls = {i.location.entry.name: i.fatalities.value for i in incidents
             if i.location is not None and i.fatalities is not None}  # fmt: skip
    assert tolls.get("Bhaktapur") == 4
    # Lalitpur (GeoNames' Patan), 12 km away: its own event, not more of Bhaktapur's
    assert sorted(tolls.values()) == [3, 4, 5]
