"""FlatGeobuf: the located incidents in one file, points and polygons together.

FlatGeobuf holds one layer per file and needs a geometry for every feature (its
spatial index is built from them), so this file holds the incidents that have a
place (the GeoPackage's ``incidents_points``, ``incidents_areas`` and
``incidents_lines``), with the geometry type FlatGeobuf calls Unknown (any).  For
places and areas too, or one type per file, convert the GeoPackage:
``ogr2ogr -f FlatGeobuf out_folder NAME-export.gpkg``.
"""

from __future__ import annotations

import os
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio

from geomap.writers import Layers
from geomap.writers._ogr import ogr_tables, write_through_gdal

SUFFIX = ".fgb"
ABOUT = "FlatGeobuf: every located incident in one file (points and polygons)"


def write(layers: Layers, path: str | os.PathLike[str]) -> Path:
    def fill(folder: Path) -> Path:
        located = [t.frame for t in ogr_tables(layers)
                   if t.name.startswith("incidents_") and t.geometry_type]  # fmt: skip
        incidents = gpd.GeoDataFrame(pd.concat(located, ignore_index=True), crs=4326)
        target = folder / f"export{SUFFIX}"
        pyogrio.write_dataframe(incidents, target, layer="incidents", driver="FlatGeobuf",
                                geometry_type="Unknown")  # fmt: skip
        return target

    return write_through_gdal(path, fill)
