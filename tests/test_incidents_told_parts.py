"""Misreadings found on the read splits (fresh9 to fresh12): a quake's toll and its
parts, asides in a figure's phrase, trends that are no event, the precision of a town
the story named before, a police operation on its day. Every article here is written
for the test."""

from __future__ import annotations

import datetime as dt
import functools

from written_articles import incidents_in

from geomap.facts import find_counts

_run = functools.partial(incidents_in, date=dt.date(2025, 10, 1))


def test_a_town_s_part_of_a_quake_s_toll_does_not_replace_the_total() -> None:
    (quake,) = [i for i in _run(
        "An earthquake of magnitude 6.9 collapsed houses late Tuesday in a central "
        "Philippine province, killing at least 31 people, officials said.\n"
        "The epicentre was about 19 kilometres northeast of Bogo, a coastal city in Cebu "
        "province where at least 14 residents died.\n") if i.sub_event_type == "Earthquake"]
    assert quake.fatalities.value == 31


def test_a_list_set_between_commas_keeps_the_figure_with_its_verb() -> None:
    (count, *_) = find_counts(
        "Five people, consisting of three coast guard personnel, a firefighter and a "
        "child, were killed by collapsing walls.")
    assert (count.value, count.noun) == (5, "dead")
    (count, *_) = find_counts("Ten people, including the mayor, a teacher and two "
                              "children, died.")
    assert (count.value, count.noun) == (10, "dead")


def test_clashes_that_have_been_rising_are_a_trend_not_an_incident() -> None:
    assert _run("Clashes between the two largest ethnic groups of the region have been "
                "rising in recent months, residents of Nekemte said.") == ()


def test_a_town_the_story_named_before_is_the_exact_scene_not_near_it() -> None:
    (attack,) = _run(
        "Hundreds of residents gathered in Alausi on Saturday to demand help.\n"
        "Police opened fire on the crowd, killing two people, officials said.\n")
    assert attack.location.entry.name == "Alausí" and attack.geo_precision == 1


def test_a_police_operation_on_a_day_targeting_gangs_is_a_battle() -> None:
    (raid,) = _run(
        "A police operation Thursday targeting gang members in a complex of favelas in "
        "Rio de Janeiro left at least 18 people dead.\n"
        "Videos showed intense shootouts between gang members and officers.\n"
        "It is a massacre, one resident told reporters.\n")
    assert (raid.event_type, raid.sub_event_type) == ("Battles", "Armed clash")


def test_the_day_a_later_sentence_says_it_happened_beats_the_hunt_s_day() -> None:
    (attack,) = _run(
        "Police hunted on Saturday for an unknown assailant hours after he killed three "
        "people in a stabbing attack at a festival in Solingen.\n"
        "The attack occurred at about 9.40pm on Friday, police said.\n")
    assert attack.date_start == dt.date(2025, 9, 26)


def test_a_storm_counted_in_another_country_is_that_country_s_incident() -> None:
    storms = incidents_in(
        "Typhoon Gaemi killed three people in Taiwan on Wednesday.\n"
        "In China's coastal Fujian province, flights were cancelled and more than 240,000 "
        "residents were evacuated as the typhoon approached on Thursday.\n",
        dt.date(2024, 7, 25))
    by_place = {s.location.entry.name: s for s in storms}
    assert set(by_place) == {"Taiwan", "Fujian"}
    assert by_place["Taiwan"].people_affected is None
    assert by_place["Fujian"].people_affected.value == 240000
