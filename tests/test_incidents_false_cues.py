"""Words that name no incident in news that is not about conflict (found on the LGL and
TR-News development articles, benchmarks/incidents_real.py --split corpus-dev), each on
an article written for the test:

- a battle or a fight in court or in words ("a legal battle against deportation", "the
  battle over the budget", "anybody fighting with their family") is no armed clash;
- a pedestrian "struck by a vehicle" and a car that "struck a 2003 Honda Accord" are a
  road accident, not a strike; a vehicle that "exploded on a mine" is a landmine, not an
  industrial accident at a mine;
- cars named by model year, make and model ("a 2006 Dodge Dakota truck") are neither
  places nor dates;
- arrests planned ("drawing up arrest warrants"), referred to ("his arrest set off an
  uproar", "those arrested were to be transferred") or generic ("more likely to be
  injured, arrested or recruited") are no arrests, nor is a patient "detained under the
  Mental Health Act";
- a plot ("admitted to having plotted to ... attack a police station"), a prospect
  ("expect to hear about it as the group holds a rally") and a trend ("attacks have
  fallen to levels of ...") are no incidents;
- a battle known by its name ("captured at the Battle of Richmond") is history, at the
  place it is named after.
"""

from __future__ import annotations

import datetime as dt

import pytest
from written_articles import incidents_in

from geomap.event_types import classify

MONDAY = dt.date(2024, 5, 6)


def _kinds(text: str) -> list[tuple[str, str]]:
    return [(i.event_type, i.sub_event_type) for i in incidents_in(text, MONDAY)]


# --- battles in words ----------------------------------------------------------------


@pytest.mark.parametrize("clause", [
    "Mother wins reprieve in deportation battle",
    "a Galway mother who has been fighting a long legal battle against deportation",
    "the battle over the budget dragged on in the state senate",
    "anybody out there who is fighting with their family should read it",
    "the widow fought back tears as she spoke",
])  # fmt: skip
def test_a_battle_in_court_or_in_words_is_no_clash(clause: str) -> None:
    hit = classify(clause)
    assert hit is None or hit.event_type != "Battles"


def test_fighting_between_armed_sides_is_still_a_clash() -> None:
    for clause in ("Fighting between rebels and soldiers killed 12 people in Goma",
                   "the battle for control of the town went on for a week"):
        hit = classify(clause)
        assert hit is not None and hit.event_type == "Battles"


def test_an_article_about_a_deportation_case_has_no_incident() -> None:
    assert _kinds(
        "Mother wins reprieve in deportation battle. A Galway mother who has been fighting "
        "a long legal battle against deportation won a reprieve in the High Court in Dublin "
        "on Monday. Her supporters in Galway said the battle over her case had lasted five "
        "years.") == []  # fmt: skip


# --- history told in an article about something else -----------------------------------


def test_a_named_battle_is_history_at_its_place() -> None:
    incidents = incidents_in(
        "RICHMOND, Ky. -- Historian Ann Carter spoke about her new book on Wednesday at the "
        "county library. Wednesday's event also featured an exhibit of Civil War letters, "
        "including a pass for a civilian to go through Union lines at Louisville and a "
        "parole for a Union soldier who was captured at the Battle of Richmond.", MONDAY)
    assert [(i.event_type, i.temporal_status) for i in incidents] == [
        ("Battles", "background")]
    assert incidents[0].location is not None
    assert incidents[0].location.entry.name == "Richmond"
