"""Words of real reports that the incident stages first misread on a set of reports never
tuned on (benchmarks/incidents_real.py, splits fresh2 and fresh4): cues of events, what
is not an event, figures and days. Sentences written here; the stories are in
test_incidents_unseen.py."""

from __future__ import annotations

import datetime as dt

import pytest

from geomap.event_types import classify
from geomap.facts.counts import find_counts
from geomap.facts.dates import find_periods
from geomap.incidents.happened import happened
from geomap.text import dateline_spans


@pytest.mark.parametrize(
    ("clause", "sub_event_type"),
    [
        ("Guided bombs hit private houses in the village.", "Air/drone strike"),
        ("Russian forces dropped bombs on two villages.", "Air/drone strike"),
        ("A bus rolled 300 feet down into a gorge.", "Transport accident"),
        ("Eleven died in the launch capsize on the river.", "Transport accident"),
        ("A mound of earth fell on their vehicle near the pass.", "Landslide"),
        ("Riot police opened fire on protesters in the village.",
         "Excessive force against protesters"),
        ("Notorious militia storms Kalima area, killing 17 villagers.", "Attack"),
        ("Six men arrived at the bar and began firing at everyone.", "Attack"),
        ("Gunmen killed 14 people during a cattle raid on Monday.", "Armed clash"),
        ("A soldier died in a shootout with criminals in the state.", "Armed clash"),
    ],
)
def test_cues_of_unseen_reports(clause: str, sub_event_type: str) -> None:
    hit = classify(clause, sentence=clause)
    assert hit is not None and hit.sub_event_type == sub_event_type


@pytest.mark.parametrize(
    "clause",
    [
        "A helicopter was sent to evacuate the injured.",  # care, not an evacuation
        "An unexploded aerial bomb was defused near the school.",  # ordnance, not a strike
        "Two soldiers who were returning fire were wounded in the market.",  # no fire
        "A ceasefire has been in place in the region since 2020.",  # a state of affairs
        "Police tried to extract the miners from the pits, flooded with water.",  # no flood
    ],
)
def test_what_is_not_that_event(clause: str) -> None:
    found = happened(clause, clause)
    assert found is None or found[0].sub_event_type not in {
        "Other evacuation", "Air/drone strike", "Fire", "Agreement", "Flood"}


def test_weather_is_not_the_verb_storms() -> None:
    storms = "Storms lashed the coast."
    assert classify(storms, sentence=storms).sub_event_type == "Storm"
    hit = classify("The militia storms Kalima.", sentence="The militia storms Kalima.")
    assert hit is None or hit.sub_event_type != "Storm"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Soldiers shot dead four farmers on Monday.", [(4, "dead", False)]),
        ("Some 45 are now confirmed dead.", [(45, "dead", True)]),
        ("Some 400 have been rescued so far.", [(400, "rescued", False)]),
        ("Five girls were killed.", [(5, "dead", False)]),
        ("A woman and her five-year-old daughter died in the river.", [(2, "dead", False)]),
        ("Six more bodies were recovered, taking the overall toll in Sunday's capsize to 33.",
         [(6, "dead", False), (33, "dead", True)]),
        ("That came after authorities had raised the toll to 39 on Saturday.",
         [(39, "dead", False)]),
    ],
)
def test_counts_of_unseen_reports(text: str, expected: list) -> None:
    assert [(c.value, c.noun, c.update) for c in find_counts(text)] == expected


def test_earlier_this_month_ends_before_the_report() -> None:
    (period,) = find_periods("Earlier this month troops raided the camp.", dt.date(2023, 12, 18))
    assert (period.first, period.last) == (dt.date(2023, 12, 1), dt.date(2023, 12, 17))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('An attack on a village has killed "up to 100" people.', [(100, "dead")]),
        ("Scores have been killed in a paramilitary attack.", [(24, "dead")]),
    ],
)
def test_quoted_and_vague_figures(text: str, expected: list) -> None:
    counts = find_counts(text)
    assert [(c.value, c.noun) for c in counts] == expected
    assert all(c.text == text[c.start : c.end] for c in counts)  # as written, quotes kept


def test_a_first_line_that_is_a_lede_keeps_its_dateline() -> None:
    lede = ("Maputo — Insurgents killed five people on Tuesday in the Mucojo administrative "
            "post, in Macomia district, in the northern province of Cabo Delgado, the report "
            "said.\nMore followed.")
    assert dateline_spans(lede) == [(0, 9)]
    assert dateline_spans("Haiti: gangs attack a town\nThe body.") == []  # a headline


def test_murdered_and_beheaded_counts_deaths() -> None:
    counts = find_counts("Insurgents murdered and beheaded five people on Tuesday.")
    assert [(c.value, c.noun) for c in counts] == [(5, "dead")]


def test_at_the_weekend_is_the_saturday_and_sunday_before_the_report() -> None:
    (period,) = find_periods("Jihadists killed 27 people at the weekend.", dt.date(2022, 7, 4))
    assert (period.first, period.last) == (dt.date(2022, 7, 2), dt.date(2022, 7, 3))
