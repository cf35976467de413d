"""geomap: news articles about incidents, turned into maps, offline by default.

The flow, one module a stage, each handing the next typed records
(:mod:`geomap.records`) that keep character offsets into the article:

    article       geomap.article, geomap.sources      text, HTML, URL, feeds, JSON Lines
                  geomap.fetch                        URLs, with a deadline, a size cap and no
                                                      private addresses from content
    mentions      geomap.geoparse.recognize           spans of text that name places
    resolutions   geomap.geoparse.resolve             a place per mention, via a geopy Geocoder
    facts         geomap.facts                        radii, counts and dates near each place
    incidents     geomap.incidents                    ACLED-like records with UCDP precision
    frames        geomap.enrich                       GeoDataFrames: points, polygons, radii
    outputs       geomap.render, geomap.export        Folium HTML map, RFC 7946 GeoJSON

:func:`geomap.pipeline.run` wires them together for one article (``geomap.run``
here); :mod:`geomap.collection` keeps many articles in one GeoPackage.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["__version__", "run"]


def __getattr__(name: str) -> Any:
    # Imported on first use: the CLI's start-up should not pay for GeoPandas.
    if name == "run":
        from geomap.pipeline import run

        return run
    raise AttributeError(f"module 'geomap' has no attribute {name!r}")
