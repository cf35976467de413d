"""A collection's map and GeoJSON, drawn from its merged layers.

The GeoJSON is :func:`geomap.export.to_geojson`'s, with what only a collection
knows added to each feature: an incident's ``sources`` (every article that reports
it) and ``n_sources``, each place's and area's ``articles``, and on places and
incidents ``corrected`` (what an analyst's fix changed, null when nothing).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import geopandas as gpd

from geomap.collection.store import Store
from geomap.files import atomic_write_text

__all__ = ["BuildResult", "build_outputs", "collection_geojson", "write_collection_geojson"]

_EXTRA = {
    "place": ("place_id", ("n_articles", "articles", "corrected")),
    "area": ("area_id", ("n_articles", "articles")),
    "incident": ("incident_id", ("n_sources", "sources", "articles", "corrected")),
}


@dataclass(frozen=True, slots=True)
class BuildResult:
    html: Path
    geojson: Path
    articles: int
    places: int
    incidents: int
    areas: int


def collection_geojson(
    places: gpd.GeoDataFrame, areas: gpd.GeoDataFrame, incidents: gpd.GeoDataFrame
) -> dict[str, Any]:
    """The RFC 7946 FeatureCollection of a collection's merged layers."""
    from geomap.export import json_safe, to_geojson

    collection = to_geojson(places, areas, incidents)
    extra: dict[tuple[str, str], dict[str, Any]] = {}
    for kind, frame in (("place", places), ("area", areas), ("incident", incidents)):
        id_column, names = _EXTRA[kind]
        for record in frame[[id_column, *names]].to_dict("records"):
            extra[(kind, str(record[id_column]))] = {n: json_safe(record[n]) for n in names}
    for feature in collection["features"]:
        props = feature["properties"]
        id_column = _EXTRA[props["kind"]][0]
        props.update(extra.get((props["kind"], str(props.get(id_column))), {}))
    return collection


def write_collection_geojson(
    places: gpd.GeoDataFrame,
    areas: gpd.GeoDataFrame,
    incidents: gpd.GeoDataFrame,
    path: str | os.PathLike[str],
) -> Path:
    collection = collection_geojson(places, areas, incidents)
    text = json.dumps(collection, ensure_ascii=False, allow_nan=False, indent=1)
    return atomic_write_text(path, text + "\n")


def build_outputs(
    collection: Store,
    *,
    html_path: str | os.PathLike[str],
    geojson_path: str | os.PathLike[str],
    title: str | None = None,
    tiles: str | None = None,
) -> BuildResult:
    """Write the collection's map (every incident, by date) and its GeoJSON."""
    from geomap.render import render_map, write_map

    places = collection.frame("places")
    areas = collection.frame("areas")
    incidents = collection.frame("incidents")
    articles = collection.articles()
    sources = [
        {"title": r.title or r.article_id, "url": r.url, "date": r.date}
        for r in articles.itertuples()
    ]
    m = render_map(places, areas, incidents=incidents, title=title, tiles=tiles, sources=sources)
    write_map(m, html_path)
    write_collection_geojson(places, areas, incidents, geojson_path)
    return BuildResult(
        html=Path(html_path),
        geojson=Path(geojson_path),
        articles=len(articles),
        places=len(places),
        incidents=len(incidents),
        areas=len(areas),
    )
