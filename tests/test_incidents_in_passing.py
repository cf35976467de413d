"""An earlier event a sentence names in passing (", one day after five soldiers were killed
in an ambush in B"), told with a toll and a place of its own, is an incident of its own,
dated that many days before; a later sentence that goes back to its place is about it.
The articles are written here; the mechanism comes from misses on real reports
(benchmarks/incidents_real.py)."""

from __future__ import annotations

import datetime as dt

from written_articles import incidents_in

_CONVOY = """Soldier killed in shootout in central Mexico

Also on Saturday, a soldier died in a shootout with criminals in the central state of \
Guanajuato, one day after five soldiers were killed in an ambush in the northern state of \
Sinaloa.
Police and soldiers were chasing a convoy of armed men in the township of Comonfort when \
the gunfight broke out.
It appeared unrelated to Friday's attack on a military convoy in Sinaloa.
Officials said the attackers used grenades to attack the army convoy.
"""


def _by_state(text: str) -> dict[str, object]:
    incidents = incidents_in(text, dt.date(2016, 10, 1))
    return {i.location.entry.admin1: i for i in incidents if i.location is not None}


def test_an_event_named_days_before_with_its_own_toll_and_place_is_its_own_incident(
    gazetteer_cache,
) -> None:
    by_state = _by_state(_CONVOY)
    assert set(by_state) == {"Guanajuato", "Sinaloa"}
    shootout, ambush = by_state["Guanajuato"], by_state["Sinaloa"]
    assert shootout.fatalities is not None and shootout.fatalities.value == 1
    assert shootout.date_start == dt.date(2016, 10, 1)
    assert ambush.fatalities is not None and ambush.fatalities.value == 5
    assert ambush.date_start == dt.date(2016, 9, 30)


def test_a_sentence_after_the_story_goes_back_to_the_named_event_s_place_is_about_it(
    gazetteer_cache,
) -> None:
    """The grenades were the Sinaloa attackers': the shootout stays a shootout, and the
    grenade sentence supports the ambush (which stays an armed clash: an ambush that
    killed soldiers is a battle whatever weapon it used, the table's [[retypes]])."""
    by_state = _by_state(_CONVOY)
    assert (by_state["Guanajuato"].event_type, by_state["Guanajuato"].sub_event_type) == (
        "Battles", "Armed clash")
    assert by_state["Sinaloa"].sub_event_type == "Armed clash"
    assert any("grenades" in s for s in by_state["Sinaloa"].support)
    assert not any("grenades" in s for s in by_state["Guanajuato"].support)


def test_the_rain_told_with_its_day_dates_the_flood_it_caused(gazetteer_cache) -> None:
    """The flood happened on the Friday the rain fell, not on the Saturday the agency spoke
    and survivors picked through the mud."""
    text = (
        "Floods kill dozens in northern Pakistan\n\n"
        "More than 40 people were killed in flash floods in Swat district, the disaster "
        "agency said on Saturday, as authorities declared an emergency.\n"
        "Torrential rains on Friday sent torrents of water and mud crashing through villages "
        "in the valley.\n"
        "Survivors on Saturday picked through damaged houses, and some areas were cut off by "
        "the flooding.\n"
    )
    incidents = incidents_in(text, dt.date(2024, 5, 12))
    floods = [i for i in incidents if i.sub_event_type == "Flood"]
    assert floods and all(i.date_start == dt.date(2024, 5, 10) for i in floods)


def test_just_a_few_days_earlier_tells_another_incident(gazetteer_cache) -> None:
    """"Just a few days earlier, a drone attack on B injured a child" is not the lede's
    attack (six injured, told with "using drones to bombard homes") moved to B."""
    text = (
        "Drones hit homes near Aleppo\n\n"
        "Government forces used drones to bombard homes in the town of Atarib on Monday, "
        "injuring six civilians, rescuers said.\n"
        "Just a few days earlier, a drone attack on the town of Darat Izza injured a child "
        "and damaged several houses.\n"
    )
    incidents = incidents_in(text, dt.date(2024, 9, 2))
    injured = sorted(i.injured.value for i in incidents if i.injured is not None)
    assert injured == [1, 6]
    assert all(i.sub_event_type == "Air/drone strike" for i in incidents)


def test_drones_used_to_bombard_are_a_drone_strike() -> None:
    from geomap.event_types import classify

    hit = classify("Militias resumed using drones to bombard residential homes on Monday.")
    assert hit is not None and hit.sub_event_type == "Air/drone strike"


def test_a_wave_of_strikes_launched_on_one_place_is_one_incident(gazetteer_cache) -> None:
    """"launched at least nine airstrikes on the southern suburbs of Beirut" is one event
    at one place on one day; "carried out 40 air strikes in July" stays a statistic."""
    text = (
        "Israel strikes Beirut suburbs\n\n"
        "Israel launched at least nine airstrikes on the southern suburbs of Beirut on "
        "Saturday, the state news agency said.\n"
        "The air force carried out 40 air strikes in October, the army said.\n"
    )
    incidents = incidents_in(text, dt.date(2024, 11, 16))
    assert len(incidents) == 1
    (wave,) = incidents
    assert wave.sub_event_type == "Air/drone strike"
    assert wave.location is not None and wave.location.entry.country_code == "LB"
    assert wave.date_start == dt.date(2024, 11, 16)
