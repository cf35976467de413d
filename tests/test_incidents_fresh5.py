"""Misreadings found on a set of real reports held out for one session and then read
(benchmarks/incidents_real.py, split fresh5): attacks on lists of villages the gazetteer
lacks, "fatally shot", barrel bombs and helicopter attacks.  Every article here is
written for the test; the village names are made up, so no gazetteer knows them.
"""

from __future__ import annotations

import datetime as dt

import pytest

from geomap.article import article_from_text
from geomap.event_types import classify
from geomap.facts.counts import find_counts
from geomap.pipeline import run

SUNDAY = dt.date(2024, 5, 6)


def _run(text: str, date: dt.date | None = SUNDAY):
    return run(article_from_text(text, article_id="story", date=date)).incidents


@pytest.mark.parametrize(
    "sentence",
    [
        "Gunmen on motorcycles stormed the villages of Dangwajeri and Bakomarin in Zamfara "
        "State on Sunday, killing 12 people, police said.",
        "Gunmen on motorcycles stormed Dangwajeri, Bakomarin and Kuraudi villages in Zamfara "
        "State on Sunday, killing 12 people, police said.",
    ],
)
def test_an_attack_on_a_list_of_unknown_villages_is_one_record_each(sentence: str) -> None:
    incidents = _run(sentence)
    names = [name for name in ("Dangwajeri", "Bakomarin", "Kuraudi") if name in sentence]
    assert len(incidents) == len(names)
    for incident, name in zip(incidents, names, strict=True):
        # each at the state that holds it, honestly coarse, and saying which village
        assert incident.location is not None and incident.location.entry.name == "Zamfara State"
        assert incident.geo_precision == 4
        assert incident.location_note is not None and f"village of {name}" in (
            incident.location_note)
        assert incident.date_start == dt.date(2024, 5, 5)
    assert len({incident.id for incident in incidents}) == len(names)
    # the toll is carried once, not once per village
    assert [i.fatalities.value for i in incidents if i.fatalities] == [12]


def test_a_village_and_the_district_that_holds_it_are_one_place() -> None:
    incidents = _run("A drone struck a car on the road near Dangwajeri village in Bakomarin "
                     "district of Zamfara State on Sunday, killing one man.")
    assert len(incidents) == 1
    assert incidents[0].location_note is not None
    assert "Dangwajeri" in incidents[0].location_note


def test_fatally_shot_counts_the_dead() -> None:
    text = "On 21 September, gunmen fatally shot 10 people in an attack on a bar."
    counts = find_counts(text)
    assert [(c.value, c.noun) for c in counts] == [(10, "dead")]


@pytest.mark.parametrize(
    "clause",
    [
        "Two children were among 12 people killed when a barrel bomb hit a shelter.",
        "At least three died in the intense helicopters' attack on the town.",
    ],
)
def test_barrel_bombs_and_helicopter_attacks_are_air_strikes(clause: str) -> None:
    hit = classify(clause, sentence=clause)
    assert hit is not None and hit.sub_event_type == "Air/drone strike"
