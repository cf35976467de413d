"""A collection out to other tools, through :mod:`geomap.writers` (every format geomap
writes: GeoJSON, GeoPackage, CSV in ACLED's columns, KML, Shapefile, FlatGeobuf).

The export is of the collection's merged layers and its articles (without their
text); geomap's own bookkeeping (each article's reports) stays in the collection.
"""

from __future__ import annotations

import os
from pathlib import Path

from geomap.collection.store import Store
from geomap.writers import Layers, get_writer
from geomap.writers._acled import INCIDENT_CSV_COLUMNS
from geomap.writers.csv import FORMULA_PREFIXES, spreadsheet_text

__all__ = ["FORMULA_PREFIXES", "INCIDENT_CSV_COLUMNS", "export_collection", "spreadsheet_text"]


def export_collection(collection: Store, fmt: str, path: str | os.PathLike[str]) -> Path:
    """Write ``collection`` in format ``fmt`` (a name of :func:`geomap.writers.format_names`)."""
    return get_writer(fmt).write(Layers.of_collection(collection), path)
