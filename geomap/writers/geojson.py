"""GeoJSON (RFC 7946): one FeatureCollection of places, areas and incidents.

One article's is :func:`geomap.export.to_geojson`'s; a collection's adds what only a
collection knows (:func:`geomap.collection.build.collection_geojson`).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from geomap.files import atomic_write_text
from geomap.writers import Layers

SUFFIX = ".geojson"
ABOUT = "RFC 7946 GeoJSON: places, areas and incidents in one FeatureCollection"


def write(layers: Layers, path: str | os.PathLike[str]) -> Path:
    """Written atomically; fails rather than write NaN (which is not JSON)."""
    if layers.is_collection:
        from geomap.collection.build import collection_geojson

        collection = collection_geojson(layers.places, layers.areas, layers.incidents)
    else:
        from geomap.export import to_geojson

        collection = to_geojson(layers.places, layers.areas, layers.incidents)
    text = json.dumps(collection, ensure_ascii=False, allow_nan=False, indent=1)
    return atomic_write_text(path, text + "\n")
