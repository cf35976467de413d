"""Dates of incidents in local and international news (classes found on corpus-dev of
benchmarks/incidents_real.py), each on an article written for the test: a part of the
day of publication ("in the early hours of this morning", "earlier today"); "last
Sunday", which is not the day before publication ("yesterday"); a later sentence of help
arriving ("Police were called ... on Saturday"); a lede in the present perfect ("has
killed") with no day; an event named in passing "a week after" the story's undated one;
"on March 23, about two days after the fire"."""

from __future__ import annotations

import datetime as dt

from written_articles import incidents_in

from geomap.facts.dates import find_dates

MONDAY = dt.date(2024, 5, 6)
THURSDAY = dt.date(2024, 5, 9)


def _days(text: str, published: dt.date) -> list[tuple[str, dt.date]]:
    return [(ref.text, ref.date) for ref in find_dates(text, published)]


def test_parts_of_the_day_of_publication_are_that_day() -> None:
    for words in ("this morning", "this afternoon", "early this morning",
                  "earlier this evening", "earlier today"):
        assert [day for _, day in _days(f"A van overturned {words} on the bypass.",
                                        THURSDAY)] == [THURSDAY], words


def test_last_weekday_is_not_the_day_before_publication() -> None:
    # on a Monday, "yesterday" is Sunday: "last Sunday" is the one before
    assert _days("The pastor was shot dead there last Sunday.", MONDAY) == [
        ("last Sunday", dt.date(2024, 4, 28))]
    assert _days("Last Sunday, a storm hit the coast.", THURSDAY) == [
        ("Last Sunday", dt.date(2024, 5, 5))]
    # on the day itself, "last Thursday" is a week earlier
    assert _days("The bridge collapsed last Thursday.", THURSDAY) == [
        ("last Thursday", dt.date(2024, 5, 2))]
    assert _days("The bridge collapsed on Thursday.", THURSDAY) == [("Thursday", THURSDAY)]


def test_a_collision_in_the_early_hours_of_this_morning_is_of_the_day() -> None:
    incidents = incidents_in(
        "A bus collided with a lorry in Leeds in the early hours of this morning. Two "
        "passengers were taken to hospital with minor injuries.", THURSDAY)
    assert len(incidents) == 1
    assert (incidents[0].date_start, incidents[0].date_end) == (THURSDAY, THURSDAY)


def test_a_shooting_this_afternoon_is_of_the_day() -> None:
    incidents = incidents_in(
        "One man is dead and another is in hospital after a shooting this afternoon in a "
        "residential street in Baltimore, police said.", THURSDAY)
    assert len(incidents) == 1
    assert incidents[0].date_start == THURSDAY


def test_help_arriving_on_a_day_dates_the_incident_before_it() -> None:
    incidents = incidents_in(
        "A man was stabbed to death in Cardiff. Police said they were called to a flat "
        "above a shop just after 9 p.m. on Saturday. A neighbour was later arrested.",
        MONDAY)
    assert len(incidents) == 1
    assert (incidents[0].date_start, incidents[0].date_end) == (
        dt.date(2024, 5, 4), dt.date(2024, 5, 4))


def test_a_lede_in_the_present_perfect_is_news_of_the_day() -> None:
    incidents = incidents_in(
        "A car bomb has killed nine soldiers in Mosul, officials say. The blast destroyed "
        "an army truck near a checkpoint.", MONDAY)
    assert len(incidents) == 1
    assert (incidents[0].date_start, incidents[0].date_end) == (MONDAY, MONDAY)


def test_a_lede_in_the_simple_past_with_no_day_keeps_a_range() -> None:
    incidents = incidents_in(
        "A car bomb killed nine soldiers in Mosul, officials said. The blast destroyed "
        "an army truck near a checkpoint.", MONDAY)
    assert len(incidents) == 1
    assert incidents[0].date_start < incidents[0].date_end == MONDAY


def test_an_event_a_week_before_the_story_takes_the_story_day_less_a_week() -> None:
    incidents = incidents_in(
        "A car bomb has killed nine soldiers in Mosul, officials say. The blast destroyed "
        "an army truck near a checkpoint. It comes a week after 20 people were killed in a "
        "bombing in Kirkuk.", MONDAY)
    by_town = {i.location.entry.name: i for i in incidents if i.location is not None}
    assert by_town["Mosul"].date_start == MONDAY
    assert (by_town["Kirkuk"].date_start, by_town["Kirkuk"].date_end) == (
        dt.date(2024, 4, 29), dt.date(2024, 4, 29))


def test_a_day_told_as_days_after_the_incident_dates_it_that_much_earlier() -> None:
    incidents = incidents_in(
        "Hundreds of mourners gathered for the funeral of three children who died in a "
        "house fire in Dayton. Their father learned of their deaths on May 3, about two "
        "days after the fire, his sister said.", THURSDAY)
    fires = [i for i in incidents if i.sub_event_type == "Fire"]
    assert len(fires) == 1
    assert fires[0].date_start == dt.date(2024, 5, 1)


def test_the_day_of_a_court_hearing_is_not_the_day_of_the_crime() -> None:
    incidents = incidents_in(
        "A Dayton man admitted in Montgomery County Common Pleas Court on Monday that he "
        "shot and killed his neighbour outside a bar in Dayton in July 2023.", THURSDAY)
    assert len(incidents) == 1
    assert (incidents[0].date_start, incidents[0].date_end) == (
        dt.date(2023, 7, 1), dt.date(2023, 7, 31))
    assert incidents[0].temporal_status == "background"


def test_a_first_court_appearance_does_not_date_the_crash_it_is_about() -> None:
    incidents = incidents_in(
        "A woman accused of driving the car that killed a cyclist in a hit-and-run crash "
        "in Dayton made her first court appearance Monday.", THURSDAY)
    assert len(incidents) == 1
    assert incidents[0].date_start != dt.date(2024, 5, 6)


SATURDAY = dt.date(2024, 5, 11)


def test_a_day_given_for_greenwich_time_is_moved_to_the_local_day() -> None:
    assert _days("It struck at around 5 am (2100 GMT Friday).", SATURDAY) == [
        ("Friday", SATURDAY)]  # east of Greenwich, already Saturday
    assert _days("It struck at 11.30 p.m. local time (0230 GMT Saturday).", SATURDAY) == [
        ("Saturday", dt.date(2024, 5, 10))]  # west of it, still Friday
    assert _days("It struck at 9:15 a.m. (0715 GMT Friday).", SATURDAY) == [
        ("Friday", dt.date(2024, 5, 10))]
    incidents = incidents_in(
        "A landslide buried 40 homes in a village in Maoxian county at around 5 am (2100 "
        "GMT Friday), officials said.", SATURDAY)
    assert len(incidents) == 1
    assert incidents[0].date_start == SATURDAY


def test_a_day_earlier_than_the_last_day_told_beats_a_later_week() -> None:
    incidents = incidents_in(
        "A landslide buried 40 homes in a village in Maoxian county on Saturday, officials "
        "said. Rescuers were searching for 20 missing people. A day earlier, two villagers "
        "died while four were injured in a landslide in Puge county. Floods have affected "
        "390,000 people across the province this week.", SATURDAY)
    earlier = [i for i in incidents if i.fatalities is not None and i.fatalities.value == 2]
    assert len(earlier) == 1
    assert (earlier[0].date_start, earlier[0].date_end) == (
        dt.date(2024, 5, 10), dt.date(2024, 5, 10))


def test_a_later_days_possessive_before_a_word_of_the_incidents_kind_dates_it() -> None:
    incidents = incidents_in(
        "A fire destroyed the pavilion of a casino in Joliet, the city's building "
        "inspector says. He said Tuesday the sprinklers had been shut off just before "
        "Friday's blaze because work was being done on them.", THURSDAY)
    assert len(incidents) == 1
    assert (incidents[0].date_start, incidents[0].date_end) == (
        dt.date(2024, 5, 3), dt.date(2024, 5, 3))


def test_the_day_the_lede_says_the_story_was_reported_dates_an_undated_incident() -> None:
    incidents = incidents_in(
        "Thirty-seven people were hurt in the southern city of Shiraz, state media reported "
        "on Saturday. The head of the fire department in Shiraz said a fire in a "
        "supermarket may have been caused by a gas leak.", THURSDAY)
    assert len(incidents) == 1
    assert (incidents[0].date_start, incidents[0].date_end) == (
        dt.date(2024, 5, 4), dt.date(2024, 5, 4))


def test_a_story_incident_is_as_many_days_after_a_dated_one_named_in_passing() -> None:
    incidents = incidents_in(
        "A car bomb killed nine soldiers in Mosul, officials said. The blast destroyed an "
        "army truck near a checkpoint. It comes two days after 20 people were killed in a "
        "bombing in Kirkuk on Tuesday.", THURSDAY)
    by_town = {i.location.entry.name: i for i in incidents if i.location is not None}
    assert by_town["Kirkuk"].date_start == dt.date(2024, 5, 7)
    assert (by_town["Mosul"].date_start, by_town["Mosul"].date_end) == (THURSDAY, THURSDAY)


def test_last_december_is_the_latest_december_before_publication() -> None:
    incidents = incidents_in(
        "Police said a woman was stabbed to death in her apartment in Alexandria early "
        "last December. A grand jury on Monday indicted a man in her killing.",
        dt.date(2024, 3, 14))
    assert len(incidents) == 1
    assert (incidents[0].date_start, incidents[0].date_end) == (
        dt.date(2023, 12, 1), dt.date(2023, 12, 31))
    assert incidents[0].temporal_status == "background"


def test_a_later_sentence_saying_when_it_began_opens_its_range() -> None:
    incidents = incidents_in(
        "Meanwhile, a 300-acre brush fire was contained by Friday night in Osceola County, "
        "a county spokeswoman said. A dozen homes are nearby but are not in danger, she "
        "said. The fire started Thursday, died down and flared again Friday.", SATURDAY)
    assert len(incidents) == 1
    assert (incidents[0].date_start, incidents[0].date_end) == (
        dt.date(2024, 5, 9), dt.date(2024, 5, 10))
