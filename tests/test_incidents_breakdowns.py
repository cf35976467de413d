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
