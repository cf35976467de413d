"""The embedded offline gazetteer: place names, points, extents and polygons."""

from __future__ import annotations

from geomap.gazetteer.index import Candidate, GazetteerIndex
from geomap.gazetteer.names import normalize

__all__ = ["Candidate", "GazetteerIndex", "normalize"]
