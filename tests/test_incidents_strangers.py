"""A place alone in a country the story names nowhere else is no incident's scene.

A small town abroad that a story is about comes with its country or other places of it;
one that comes alone, in a story whose other places lie in one other country, is more
often a word the gazetteer shares with a far town (a casino's name, an officer's
surname). Hand-built Docs, articles written for these tests.
"""

from __future__ import annotations

from test_incidents_scene import entry, run

from geomap.stranger_places import stranger_places

JOLIET = entry("Joliet", 41.53, -88.08, "city", "US")
WILL_COUNTY = entry("Will County", 41.45, -87.98, "admin2", "US")
CASINO = entry("Casino", -28.86, 153.05, "city", "AU")
AUSTRALIA = entry("Australia", -25.0, 134.0, "country", "AU")
LISMORE = entry("Lismore", -28.81, 153.28, "city", "AU")


def test_a_lone_town_abroad_is_not_the_scene() -> None:
    text = ("Fire guts riverboat pavilion\n\nA fire destroyed the pavilion of the Grand "
            "Casino in Joliet on Friday, officials in Will County said. Casino workers "
            "escaped unhurt, and the blaze destroyed three buildings in Joliet.")  # fmt: skip
    scenes = {i.location.entry.name for i in run(text, JOLIET, WILL_COUNTY, CASINO)
              if i.location is not None}  # fmt: skip
    assert scenes == {"Joliet"}


def test_a_town_abroad_with_its_country_is_the_scene() -> None:
    text = ("Floods in New South Wales\n\nFloodwaters cut off the town of Casino in "
            "Australia on Friday, and 300 people were evacuated from Lismore. Officials "
            "in Joliet, the sister city, sent help.")  # fmt: skip
    scenes = {i.location.entry.name for i in run(text, CASINO, AUSTRALIA, LISMORE, JOLIET)
              if i.location is not None}  # fmt: skip
    assert "Casino" in scenes


def test_no_stranger_without_one_country_the_story_is_in() -> None:
    # one mention each: the story is in neither country more than the other
    assert stranger_places([JOLIET, CASINO], [1, 1]) == set()
    assert stranger_places([JOLIET, CASINO], [2, 1]) == {1}
    # a capital or a big city is known without its country
    tokyo = entry("Tokyo", 35.69, 139.69, "city", "JP", code="PPLC")
    assert stranger_places([JOLIET, WILL_COUNTY, tokyo], [2, 1, 1]) == set()


def test_a_lake_two_countries_share_is_no_stranger() -> None:
    goma = entry("Goma", -1.68, 29.23, "city", "CD")
    bukavu = entry("Bukavu", -2.51, 28.86, "city", "CD")
    kivu = entry("Lake Kivu", -1.98, 29.2, "lake", "RW")
    assert stranger_places([goma, bukavu, kivu], [1, 1, 1]) == set()
