"""The whole flow in one place: article -> mentions -> places -> facts -> incidents -> frames.

Each stage lives in its own module and hands the next one typed records; this
function only wires them together, so reading it shows what geomap does.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
from geopy.geocoders.base import Geocoder

from geomap.enrich import areas_frame, incidents_frame, places_frame
from geomap.facts import extract_facts
from geomap.gazetteer.index import GazetteerIndex
from geomap.geoparse import geoparse
from geomap.geoparse.resolve import group_places
from geomap.incidents import extract_incidents
from geomap.records import Article, Incident, Place, PlaceFacts, Resolution

__all__ = ["MapData", "run"]


@dataclass(frozen=True, slots=True)
class MapData:
    """Everything one article yields, from its mentions to the frames a map is drawn from."""

    article: Article
    resolutions: tuple[Resolution, ...]
    places: tuple[Place, ...]
    facts: tuple[PlaceFacts, ...]
    incidents: tuple[Incident, ...]
    places_frame: gpd.GeoDataFrame
    areas_frame: gpd.GeoDataFrame
    incidents_frame: gpd.GeoDataFrame


def run(
    article: Article, *, geocoder: Geocoder | None = None, index: GazetteerIndex | None = None
) -> MapData:
    """Run every stage on one article.

    ``geocoder`` defaults to the offline gazetteer; pass ``index`` (an open gazetteer
    index) to share one across many articles instead of opening it for each.
    """
    resolutions = geoparse(article, index=index, geocoder=geocoder)
    places = group_places(resolutions)
    facts = extract_facts(article, places)
    incidents = extract_incidents(article, places, facts=facts)
    return MapData(
        article=article,
        resolutions=tuple(resolutions),
        places=tuple(places),
        facts=tuple(facts),
        incidents=tuple(incidents),
        places_frame=places_frame(article, facts),
        areas_frame=areas_frame(facts, article, incidents=incidents),
        incidents_frame=incidents_frame(incidents),
    )
