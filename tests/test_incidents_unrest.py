"""Unrest as real reports tell it (classes found on benchmarks/incidents_real.py, split
fresh5), on articles written for the test: a rally or march that "turned violent" is a
riot, on each night it did; a curfew imposed "to stop clashes between demonstrators and
officers" is the curfew, not a riot; protests "expected to continue" are none, while the event a
", where ..." clause tells ("where a gunman killed two people on Saturday") is one."""

from __future__ import annotations

import datetime as dt

from written_articles import incidents_in

TUESDAY = dt.date(2020, 8, 25)


def _kinds(text: str) -> list[tuple[str, str, dt.date | None]]:
    return [(i.event_type, i.sub_event_type, i.date_start) for i in incidents_in(text, TUESDAY)]


def test_a_protest_that_turned_violent_is_a_riot() -> None:
    assert _kinds("Witnesses said a rally over the shooting turned violent in Kenosha on "
                  "Saturday night.") == [
        ("Riots", "Violent demonstration", dt.date(2020, 8, 22))]


def test_a_march_that_turned_violent_on_two_nights_is_two_riots() -> None:
    # (the arrests and the fires are what the riots did, not the sentence's event)
    assert _kinds(
        "Cars were burned and dozens of people detained after a march against police in "
        "Kenosha turned violent on Saturday night and again on Sunday night.") == [
        ("Riots", "Violent demonstration", dt.date(2020, 8, 22)),
        ("Riots", "Violent demonstration", dt.date(2020, 8, 23))]


def test_a_curfew_imposed_because_of_protests_is_the_curfew() -> None:
    assert _kinds("The governor imposed a dusk-to-dawn curfew on Monday to stop further "
                  "clashes between demonstrators and officers in Kenosha.") == [
        ("Strategic developments", "Change to group/activity", dt.date(2020, 8, 24))]


def test_expected_protests_are_none_but_the_killing_where_they_are_is_one() -> None:
    incidents = incidents_in("Protests were expected to continue on Tuesday in Kenosha, "
                             "where a gunman killed two people on Saturday.", TUESDAY)
    assert [(i.event_type, i.sub_event_type) for i in incidents] == [
        ("Violence against civilians", "Attack")]
    attack = incidents[0]
    assert attack.date_start == dt.date(2020, 8, 22)
    assert attack.fatalities is not None and attack.fatalities.value == 2
    assert attack.location is not None and attack.location.entry.name == "Kenosha"
