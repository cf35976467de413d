"""GeoPackage for GIS: one geometry type per layer, each with a spatial index.

The layers are :mod:`geomap.writers._ogr`'s (``incidents_points``,
``incidents_areas``, ``places``, ``areas``, ``articles``...), written by GDAL
through pyogrio, so GDAL's own tools read the file without a warning and
``ogr2ogr`` converts it to Shapefile or FlatGeobuf layer by layer with every
feature.  The file says it is GeoPackage 1.2, the newest version every GDAL
still in use (Debian 12 ships 3.6) reads without a warning; nothing in it needs
a later one.  The collection's own file is a different thing (its layers mix
geometry types, and it keeps each article's reports): this is the file to hand on.
"""

from __future__ import annotations

import os
from pathlib import Path

import pyogrio

from geomap.writers import Layers
from geomap.writers._ogr import ogr_tables, write_through_gdal

SUFFIX = ".gpkg"
ABOUT = "GeoPackage: one geometry type per layer (incidents_points, incidents_areas, ...)"
GEOPACKAGE_VERSION = "1.2"


def write(layers: Layers, path: str | os.PathLike[str]) -> Path:
    def fill(folder: Path) -> Path:
        target = folder / f"export{SUFFIX}"
        for table in ogr_tables(layers):
            pyogrio.write_dataframe(
                table.frame, target, layer=table.name, driver="GPKG",
                geometry_type=table.geometry_type, promote_to_multi=False,
                dataset_options={"VERSION": GEOPACKAGE_VERSION},
                layer_options={"SPATIAL_INDEX": "YES", "DESCRIPTION": table.description},
            )  # fmt: skip
        return target

    return write_through_gdal(path, fill)
