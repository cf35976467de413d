"""The whole flow in one place: named stages over one :class:`~geomap.doc.Doc`.

Like spaCy's ``Language.pipe_names``: :func:`stages` lists the stages by name, each a
function that takes the Doc and adds its layer; :func:`run` makes the Doc (splitting
the article into sentences once), runs them in order and draws the frames maps and
exports are made from.  Reading this module shows what geomap does.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

import geopandas as gpd
from geopy.geocoders.base import Geocoder

from geomap.doc import Doc
from geomap.enrich import areas_frame, incidents_frame, places_frame
from geomap.facts import attach_facts, find_facts
from geomap.gazetteer.index import GazetteerIndex
from geomap.geoparse import find_places, recognize, resolve_mentions
from geomap.incidents import extract_incidents
from geomap.place_roles import place_roles
from geomap.records import Article, Incident, Place, PlaceFacts, Resolution

__all__ = ["PIPE_NAMES", "MapData", "Stage", "run", "stages"]

Stage = Callable[[Doc], None]

PIPE_NAMES = ("mentions", "resolutions", "places", "facts", "place_facts", "roles", "incidents")
"""The stages, in order; each adds the Doc layer of its name."""


def stages(*, index: GazetteerIndex, geocoder: Geocoder | None = None) -> list[tuple[str, Stage]]:
    """(name, stage) for every stage, bound to the gazetteer ``index`` and ``geocoder``
    (the offline gazetteer when None)."""
    table: dict[str, Stage] = {
        "mentions": functools.partial(recognize, index=index),
        "resolutions": functools.partial(resolve_mentions, index=index, geocoder=geocoder),
        "places": find_places,
        "facts": find_facts,
        "place_facts": attach_facts,
        "roles": place_roles,
        "incidents": extract_incidents,
    }
    return [(name, table[name]) for name in PIPE_NAMES]


@dataclass(frozen=True, slots=True)
class MapData:
    """Everything one article yields: its Doc and the frames a map is drawn from."""

    doc: Doc
    places_frame: gpd.GeoDataFrame
    areas_frame: gpd.GeoDataFrame
    incidents_frame: gpd.GeoDataFrame

    @property
    def article(self) -> Article:
        return self.doc.article

    @property
    def resolutions(self) -> tuple[Resolution, ...]:
        return tuple(self.doc.resolutions)

    @property
    def places(self) -> tuple[Place, ...]:
        return tuple(self.doc.places)

    @property
    def facts(self) -> tuple[PlaceFacts, ...]:
        """The facts stated about each place (the Doc's ``place_facts``)."""
        return tuple(self.doc.place_facts)

    @property
    def incidents(self) -> tuple[Incident, ...]:
        return tuple(self.doc.incidents)


def run(
    article: Article, *, geocoder: Geocoder | None = None, index: GazetteerIndex | None = None
) -> MapData:
    """Run every stage on one article, then draw its frames.

    ``geocoder`` defaults to the offline gazetteer; pass ``index`` (an open gazetteer
    index) to share one across many articles instead of opening it for each.
    """
    doc = Doc.of(article)
    for _name, stage in stages(index=index or GazetteerIndex.open(), geocoder=geocoder):
        stage(doc)
    areas = areas_frame(doc.place_facts, article, incidents=doc.incidents,
                        sentences=doc.sentences)  # fmt: skip
    return MapData(
        doc=doc,
        places_frame=places_frame(article, doc.place_facts),
        areas_frame=areas,
        incidents_frame=incidents_frame(doc.incidents),
    )
