"""Merging on hand-built Docs: when two reports of one kind are one incident by their ground.

A disaster covers several towns of one country, so two quakes' sentences placed in one
country may be one quake; places with no country (seas) share none, and are compared
by their ground instead.
"""

from __future__ import annotations

from test_incidents_scene import entry, run

BANDA_SEA = entry("Banda Sea", -6.0, 127.0, "sea", None)
MOLUCCA_SEA = entry("Molucca Sea", 1.5, 126.4, "sea", None)


def test_quakes_under_two_seas_are_two_incidents() -> None:
    text = ("Earthquakes at sea\n\nA magnitude 6.8 earthquake struck the Banda Sea on Tuesday, "
            "injuring 12 people on a cargo ship, the agency said. On Tuesday evening a "
            "magnitude 6.1 earthquake struck the Molucca Sea, injuring three crew members "
            "of a tanker.")  # fmt: skip
    found = {i.location.entry.name: i.injured.value for i in run(text, BANDA_SEA, MOLUCCA_SEA)
             if i.location is not None and i.injured is not None}  # fmt: skip
    assert found == {"Banda Sea": 12, "Molucca Sea": 3}
