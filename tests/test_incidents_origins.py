"""Where people came from is not where an incident happened, and a place after it that
does not hold it is not part of the journey. Articles written for these tests."""

from __future__ import annotations

import datetime as dt

from test_incidents_scene import entry, run
from written_articles import incidents_in

TWIC = entry("Twic County", 9.0, 28.3, "admin2", "SS")
WARRAP = entry("Warrap", 8.0, 28.6, "admin1", "SS")
ABYEI = entry("Abyei", 9.6, 28.4, "city", "SS")


def test_a_visitor_from_abroad_is_not_placed_at_home() -> None:
    found = incidents_in("Four members of the Jordanian security forces and a woman visiting "
                         "from Canada were killed in Karak on Sunday.", dt.date(2016, 12, 18))
    assert [i.location.entry.country_code for i in found if i.location] == ["JO"]


def test_the_unit_an_origin_lies_in_is_part_of_the_origin() -> None:
    (raid,) = run("Gunmen from Twic County of Warrap killed 12 people in Abyei on Sunday.",
                  TWIC, WARRAP, ABYEI)  # fmt: skip
    assert raid.location is not None and raid.location.entry.name == "Abyei"
