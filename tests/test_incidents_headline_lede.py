"""A first line that is the lede with no closing stop (classes found on
benchmarks/incidents_real.py, split fresh5), on an article written for the test: what it
says happened "overnight" dates the incident its body tells, and a consequence the body
tells first ("Timely evacuations kept the toll low") is part of that incident, not an
evacuation of its own."""

from __future__ import annotations

import datetime as dt

from written_articles import incidents_in


def test_a_ledes_night_and_toll_go_to_the_storm_the_body_tells() -> None:
    incidents = incidents_in(
        "Cyclone Kofi battered Bangladesh overnight, killing six people\n\n"
        "Timely evacuations kept the toll low, officials said on Sunday.\n\n"
        "The storm came ashore near Khulna before dawn and then weakened, authorities "
        "said.", dt.date(2019, 11, 10))
    assert [(i.event_type, i.sub_event_type) for i in incidents] == [
        ("Natural disaster", "Storm")]
    storm = incidents[0]
    assert storm.date_start == dt.date(2019, 11, 9)  # the night before Sunday's report
    assert storm.fatalities is not None and storm.fatalities.value == 6
