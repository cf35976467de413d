"""Classes of sentences English news writes that the incident stages misread on reports
never tuned on (benchmarks/incidents_real.py, split fresh9): the payload a drone carries,
the people who did the harm and the people who live there counted as victims, a range of
figures, an earlier toll told after the story's own. Articles written here."""

from __future__ import annotations

import datetime as dt

from written_articles import incidents_in

_DAY = dt.date(2025, 3, 14)


def _value(count: object) -> int | None:
    return None if count is None else count.value  # type: ignore[attr-defined]


def test_explosives_a_drone_carries_keep_the_drone_strike() -> None:
    text = (
        "Rebels killed four soldiers and wounded nine in a drone attack on an army post "
        "in Kidal on Thursday.\n\n"
        "The army said the rebels used drones equipped with improvised explosives and "
        "launched explosive devices from home-made mortars."
    )
    [incident] = incidents_in(text, _DAY)
    assert incident.sub_event_type == "Air/drone strike"
