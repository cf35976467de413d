from __future__ import annotations

import datetime as dt

import pytest
from hand_docs import facts_of

from geomap.facts import LENGTH_UNITS, find_counts, find_dates, find_radii
from geomap.records import Article, GazetteerEntry, Mention, Place

LYON = GazetteerEntry(
    "gn:2996944", "Lyon", 45.748, 4.847, "city", country_code="FR", admin1_code="FR-69"
)
RHONE = GazetteerEntry(
    "ne-admin1:FR-69", "Rhône", 45.87, 4.64, "admin1", country_code="FR", admin1_code="FR-69"
)
NICE = GazetteerEntry("gn:2990440", "Nice", 43.703, 7.266, "city", country_code="FR",
                      admin1_code="FR-06")
FRANCE = GazetteerEntry("gn:3017382", "France", 46.0, 2.0, "country", country_code="FR")
WAJIMA = GazetteerEntry("gn:1848976", "Wajima", 37.39, 136.9, "city", country_code="JP")
JAPAN = GazetteerEntry("gn:1861060", "Japan", 35.69, 139.75, "country", country_code="JP")


def place(entry: GazetteerEntry, text: str, *names: str) -> Place:
    """A place with a mention at every occurrence of each of ``names`` in ``text``."""
    mentions = []
    for name in names or (entry.name,):
        start = text.find(name)
        while start != -1:
            mentions.append(Mention(start, start + len(name), name, entry.name))
            start = text.find(name, start + 1)
    return Place(entry, tuple(sorted(mentions, key=lambda m: m.start)), score=0.9)


def counted(text: str) -> list[tuple[int, str, str | None]]:
    return [(c.value, c.noun, c.qualifier) for c in find_counts(text)]


# --- radii ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "metres"),
    [
        ("Homes within a 500-meter (550-yard) radius were cleared.", 500.0),
        ("Police sealed off a 3-mile exclusion zone around the plant.", 4828.032),
        ("Everyone within 2 km was told to stay indoors.", 2000.0),
        ("Residents within a radius of 1.5 kilometres must leave.", 1500.0),
        ("A 10km radius was closed to shipping.", 10_000.0),
        ("Nobody may stand within 300 feet of the wreck.", 91.44),
        ("The tanker is anchored within half a mile of the pier.", 804.672),
        ("Boats must stay within 12 nautical miles of the coast.", 22_224.0),
    ],
)
def test_radius_in_metres(sentence: str, metres: float) -> None:
    (radius,) = find_radii(sentence)
    assert radius.metres == pytest.approx(metres)
    assert sentence[radius.start : radius.end] == radius.text


def test_parenthetical_conversion_is_not_a_second_radius() -> None:
    radii = find_radii("Some 80 homes within a 400-metre (1,300-foot) radius were evacuated.")
    assert [(r.text, r.metres) for r in radii] == [("within a 400-metre (1,300-foot) radius", 400)]


def test_distances_that_are_not_radii() -> None:
    text = "The storm moved at 40 km/h, the runway is 3 km long and the lake covers 5 km2."
    assert find_radii(text) == []


def test_unit_table_comes_from_proj() -> None:
    assert LENGTH_UNITS["mile"] == pytest.approx(1609.344)
    assert LENGTH_UNITS["yard"] == pytest.approx(0.9144)


# --- counts --------------------------------------------------------------------


def test_counts_with_qualifiers_and_nouns() -> None:
    text = "About 600 residents of 323 homes were evacuated, and more than 1,200 people fled."
    assert counted(text) == [
        (600, "evacuated", "about"),  # what became of them, which makes them affected
        (323, "home", None),
        (1200, "person", "more than"),
    ]


def test_number_words_modifiers_and_of_phrases() -> None:
    text = (
        "The navy shot down six long-range cruise missiles and a dozen drones, "
        "and freed 230 of their prisoners, including twenty-five civilians."
    )
    assert counted(text) == [
        (6, "missile", None),
        (12, "drone", None),
        (230, "prisoner", None),
        (25, "civilian", None),
    ]


def test_casualties_are_counted_as_dead_and_injured() -> None:
    text = (
        "An earthquake near Wajima killed at least 12 people and 40 were injured. "
        "At least 5 people were killed in Kanazawa, where 30 others were hurt. "
        "The death toll rose to 17 on Friday."
    )
    assert counted(text) == [
        (12, "dead", "at least"),
        (40, "injured", None),
        (5, "dead", "at least"),
        (30, "injured", None),
        (17, "dead", None),
    ]
    assert [c.text for c in find_counts(text)][:2] == [
        "killed at least 12 people",
        "40 were injured",
    ]


def test_wounded_who_died_are_deaths() -> None:
    text = ("The toll rose to four after two wounded police officers succumbed to their "
            "injuries. Five wounded people were taken to hospital.")  # fmt: skip
    assert counted(text) == [(4, "dead", None), (2, "dead", None), (5, "injured", None)]


def test_years_ordinals_percentages_money_times_and_model_names_are_not_counts() -> None:
    text = (
        "In 2023 homes were rebuilt for the 49th time; 40% of buildings, $5 million, "
        "10:30 people, a Su-34 jet and the F-16 fighters. On March 5 residents met. "
        "Several soldiers and many homes. No one was hurt."
    )
    assert counted(text) == []


def test_vague_figures_take_acleds_values_and_keep_their_word() -> None:
    text = "Dozens of people were killed and hundreds of homes were destroyed."
    assert counted(text) == [(12, "dead", "dozens"), (100, "home", "hundreds")]


def test_counted_noun_agrees_with_the_figure() -> None:
    text = (
        "Six high school seniors and two business owners spoke; one man arrived early, "
        "one of the cars was towed and one person was killed."
    )
    # "school"/"business" are singular modifiers; a tally of one is kept for casualties only.
    assert counted(text) == [(1, "dead", None)]


def test_count_offsets_cover_the_stated_words() -> None:
    text = "Firefighters saved nearly 90 houses."
    (count,) = find_counts(text)
    assert text[count.start : count.end] == count.text == "nearly 90 houses"


# --- dates ---------------------------------------------------------------------

PUBLISHED = dt.date(2024, 3, 14)  # a Thursday


def test_absolute_dates() -> None:
    text = "The dam failed on March 3, 2024, was inspected on 2024-02-20 and on 5 January 2023."
    assert [(d.text, d.date, d.relative) for d in find_dates(text, None)] == [
        ("March 3, 2024", dt.date(2024, 3, 3), False),
        ("2024-02-20", dt.date(2024, 2, 20), False),
        ("5 January 2023", dt.date(2023, 1, 5), False),
    ]


def test_weekdays_and_relative_words_resolve_against_publication() -> None:
    text = "Rain began on Tuesday, eased Thursday and stopped yesterday; the levee broke Feb. 28."
    assert [(d.text, d.date) for d in find_dates(text, PUBLISHED)] == [
        ("Tuesday", dt.date(2024, 3, 12)),
        ("Thursday", dt.date(2024, 3, 14)),  # the publication day itself
        ("yesterday", dt.date(2024, 3, 13)),
        ("Feb. 28", dt.date(2024, 2, 28)),
    ]
    assert all(d.relative for d in find_dates(text, PUBLISHED))


def test_relative_dates_without_publication_date_are_not_invented() -> None:
    assert find_dates("Rain began on Tuesday and stopped yesterday, Feb. 28.", None) == []


def test_future_weekday_named_days_and_dated_weekdays() -> None:
    text = (
        "The council will vote on Monday. USA Today said the Good Friday march and the "
        "Sunday School picnic were cancelled on Tuesday, March 5."
    )
    assert [(d.text, d.date) for d in find_dates(text, PUBLISHED)] == [
        ("Monday", dt.date(2024, 3, 18)),  # future tense: the next Monday
        ("March 5", dt.date(2024, 3, 5)),  # the weekday before it adds nothing
    ]


def test_plain_numbers_are_not_dates() -> None:
    text = "230 prisoners from 323 homes marked the 49th exchange; a Su-34 jet flew."
    assert find_dates(text, PUBLISHED) == []


# --- attaching facts to places ---------------------------------------------------


def test_facts_attach_to_places_of_the_same_sentence() -> None:
    text = (
        "A strong earthquake struck Wajima, Japan, on Monday. "
        "At least 12 people were killed and 40 injured."
    )
    article = Article("quake", text, date=dt.date(2024, 1, 2))
    wajima, japan = facts_of(article, [place(WAJIMA, text), place(JAPAN, text)])
    assert [d.date for d in wajima.dates] == [dt.date(2024, 1, 1)]
    assert [d.date for d in japan.dates] == [dt.date(2024, 1, 1)]
    # The casualty sentence names no place: its facts go to the most specific place before.
    assert [(c.value, c.noun) for c in wajima.counts] == [(12, "dead"), (40, "injured")]
    assert japan.counts == ()
    assert wajima.sentences == ((0, text.index(" At least")),)


def test_radius_goes_to_one_specific_place_looking_back() -> None:
    text = (
        "Gas leak in Lyon\n\n"
        "The prefect of the Rhône department in France said crews were working overnight.\n\n"
        "About 300 residents within a 300-metre radius were evacuated, he said.\n\n"
        "France has had three such leaks this year."
    )
    article = Article("leak", text)
    lyon, rhone, france = facts_of(
        article, [place(LYON, text), place(RHONE, text), place(FRANCE, text)]
    )
    # The region is the closest place named, but a circle belongs around its town.
    assert [r.metres for r in lyon.radii] == [300]
    assert rhone.radii == france.radii == ()
    assert [(c.value, c.noun) for c in rhone.counts] == [(300, "resident")]
    assert france.counts == ()  # "three such leaks": not a counted noun
    assert len(france.sentences) == 2


def test_radius_in_a_region_without_a_named_town_of_its_own_is_not_drawn() -> None:
    text = (
        "Flights to Nice resumed.\n\n"
        "The prefect of the Rhône department said crews were working overnight.\n\n"
        "Residents within a 300-metre radius were evacuated, he said."
    )
    nice, rhone = facts_of(Article("leak", text), [place(NICE, text), place(RHONE, text)])
    assert nice.radii == rhone.radii == ()


def test_radius_is_never_drawn_around_a_country() -> None:
    text = "France ordered everyone within 5 km of the site to stay indoors."
    (france,) = facts_of(Article("a", text), [place(FRANCE, text)])
    assert france.radii == ()


def test_article_without_facts_gives_empty_tuples() -> None:
    text = "Lyon hosted a festival of lights."
    (lyon,) = facts_of(Article("b", text), [place(LYON, text)])
    assert (lyon.radii, lyon.counts, lyon.dates) == ((), (), ())
    assert lyon.sentences == ((0, len(text)),)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Six men and two women were killed in the attack.", [(8, "dead", None)]),
        ("Three women, four men and two children were killed.", [(9, "dead", None)]),
        ("Two people were fatally shot and at least 12 others sustained gunshot wounds.",
         [(2, "dead", None), (12, "injured", "at least")]),
        ("Twelve were taken to hospital after the blast.", [(12, "injured", None)]),
        ("Four passengers drowned when the boat capsized.", [(4, "dead", None)]),
        ("At least 30 people are said to have been killed in the valley.",
         [(30, "dead", "at least")]),
        ("Nine villagers were believed to have died in the fire.", [(9, "dead", None)]),
        ("At least 10 other people, including two children, were wounded in the attack.",
         [(10, "injured", "at least"), (2, "child", None)]),
        # a figure that leaves out what it counts is more of the figure before it
        ("Eleven people were killed in the hills, another 6 near the river and two more "
         "in the town.", [(11, "dead", None), (6, "dead", None), (2, "dead", None)]),
    ],
)  # fmt: skip
def test_casualties_as_news_words_them(sentence: str, expected: list) -> None:
    assert counted(sentence) == expected


def test_another_day_s_figure_is_not_more_of_the_toll() -> None:
    first, more = find_counts("Gunmen killed 14 people in the market and another 3 in the mosque.")
    assert (more.value, more.noun, more.more) == (3, "dead", True)
    assert first.more is False
    monday, tuesday = find_counts("Gunmen killed 9 on Monday and another 5 on Tuesday.")
    assert (monday.value, monday.more) == (9, False)
    assert (tuesday.value, tuesday.noun, tuesday.more) == (5, "dead", False)


def test_a_toll_said_to_have_changed_is_an_update() -> None:
    (update, earlier) = find_counts(
        "The death toll from the explosion in the coastal town has risen to 20, after 6 "
        "people died on Monday."
    )
    assert (update.value, update.noun, update.update) == (20, "dead", True)
    assert (earlier.value, earlier.update) == (6, False)
