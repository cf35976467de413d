"""More classes of misreading found on real reports (benchmarks/incidents_real.py, split
fresh5), each on an article written for the test: a truck that blows up at a checkpoint
read as no incident; the sentences that go on with an incident named in passing ("The
bombing came a day after militants attacked a police post. They were driven back in
clashes that left 14 dead") given to the story's incident; a farm building without a
figure ("destroyed a barn") not counted."""

from __future__ import annotations

import datetime as dt

from written_articles import incidents_in

MONDAY = dt.date(2024, 5, 6)


def test_a_vehicle_that_blows_up_at_a_checkpoint_is_a_vehicle_bomb() -> None:
    incidents = incidents_in(
        "Police said three civilians died on Sunday when a fuel truck blew up beside a "
        "police checkpoint north of Kirkuk.", MONDAY)
    assert [(i.event_type, i.sub_event_type) for i in incidents] == [
        ("Explosions/Remote violence", "Remote explosive/landmine/IED")]
    blast = incidents[0]
    assert blast.fatalities is not None and blast.fatalities.value == 3
    assert blast.date_start == dt.date(2024, 5, 5)


def test_a_fuel_tanker_blast_on_a_highway_stays_an_accident() -> None:
    incidents = incidents_in(
        "A fuel tanker exploded on a highway near Kano on Sunday, killing 12 people, "
        "officials said.", MONDAY)
    assert [i.event_type for i in incidents] == ["Accident"]


def test_the_sentence_after_an_incident_named_in_passing_goes_on_with_it() -> None:
    incidents = incidents_in(
        "A suicide bomber killed nine people at a market in Tikrit on Sunday, police said. "
        "The bombing came a day after militants attacked a police post near Kirkuk. They "
        "were driven back by soldiers in clashes that left 14 people dead, a local official "
        "said.", MONDAY)
    bombing = [i for i in incidents if i.sub_event_type == "Suicide bomb"]
    kirkuk = [i for i in incidents if i.location is not None
              and i.location.entry.name == "Kirkuk"]  # fmt: skip
    assert len(bombing) == 1 and bombing[0].fatalities is not None
    assert bombing[0].fatalities.value == 9
    assert len(kirkuk) == 1 and kirkuk[0].fatalities is not None
    assert kirkuk[0].fatalities.value == 14  # the clashes' toll, not the bombing's


def test_a_farm_building_destroyed_is_one_structure() -> None:
    incidents = incidents_in(
        "In the Poltava region, a Russian drone destroyed a barn on Wednesday, officials "
        "said.", MONDAY)
    assert len(incidents) == 1
    assert incidents[0].structures_affected is not None
    assert incidents[0].structures_affected.value == 1
