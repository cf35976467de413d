"""Local news: road crashes told without a vehicle word, and counties as districts.

Articles written for these tests, run through the whole pipeline on the real gazetteer.
"""

from __future__ import annotations

import datetime as dt

from written_articles import incidents_in

THURSDAY = dt.date(2016, 12, 15)


def test_a_crash_that_kills_is_a_road_crash_without_a_vehicle_word() -> None:
    (crash,) = incidents_in(
        "One dead in Laurel County crash\n\nA man is dead as a result of a crash on "
        "Thursday morning in Laurel County, Kentucky, the sheriff's office said.", THURSDAY)
    assert (crash.event_type, crash.sub_event_type) == ("Accident", "Transport accident")
    assert crash.fatalities is not None and crash.fatalities.value == 1
    assert crash.date_start == THURSDAY


def test_a_crash_that_harms_no_one_is_no_incident() -> None:
    assert incidents_in("The stock market crash of 2008 wiped out the savings of many "
                        "families in Laurel County, Kentucky.", THURSDAY) == ()  # fmt: skip


def test_a_county_is_a_district_of_its_state() -> None:
    # UCDP precision 3 (a second-level unit), and more specific than its state
    (fire,) = incidents_in(
        "Barn fire\n\nA fire destroyed a barn and killed two people on Thursday in Adair "
        "County, Kentucky, firefighters said.", THURSDAY)
    assert fire.location is not None and fire.location.entry.name == "Adair County"
    assert fire.geo_precision == 3


def test_a_named_victims_home_town_is_not_the_scene() -> None:
    (crash,) = incidents_in(
        "One killed on off-ramp\n\nAuthorities say one person was killed after crashing his "
        "car on an interstate off-ramp in Pope County, Arkansas. State police say "
        "22-year-old Beau Dunn of London, Arkansas, was killed when his car went off the "
        "ramp and hit several trees.", THURSDAY)
    # the county the crash was in, not the victim's town; a car that went off a ramp is
    # no bomb that went off
    assert (crash.event_type, crash.sub_event_type) == ("Accident", "Transport accident")
    assert crash.location is not None and crash.location.entry.name == "Pope County"
    assert crash.fatalities is not None and crash.fatalities.value == 1


def test_a_bomb_that_went_off_is_still_a_bomb() -> None:
    (blast,) = incidents_in("A bomb went off at a market in Kabul on Thursday, killing "
                            "three people, police said.", THURSDAY)  # fmt: skip
    assert blast.sub_event_type == "Remote explosive/landmine/IED"


def test_the_town_of_the_hospital_a_victim_died_in_is_not_a_scene() -> None:
    found = incidents_in(
        "PARIS, Texas -- A two-car accident here late Friday claimed the life of a former "
        "student. Jessica Kay, 18, of Paris died Saturday in a Dallas hospital from "
        "injuries suffered in the crash.", dt.date(2009, 3, 23))
    assert [i.location.entry.name for i in found if i.location] == ["Paris"]
