"""Shapefile, zipped: one ``.shp`` per layer of :mod:`geomap.writers._ogr` in one file.

A Shapefile holds one geometry type and no more, so each layer is its own
(``incidents_points.shp``, ``incidents_areas.shp``, ``places.shp``, ``areas.shp``;
tables without geometries are a ``.dbf`` alone).  They travel in one ZIP named
``.shp.zip``, which GDAL (3.1 and later), QGIS and ArcGIS open as it is.  dBase
limits apply and are met here rather than left to GDAL's warnings: field names are
cut to 10 characters (kept distinct), text to 254 bytes (JSON lists longer than
that are cut too: the GeoPackage keeps them whole).
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pandas as pd
import pyogrio

from geomap.writers import Layers
from geomap.writers._ogr import ogr_tables, write_through_gdal

SUFFIX = ".shp.zip"
ABOUT = "Shapefiles, one per layer and geometry type, in one .shp.zip"
FIELD_NAME_LENGTH = 10
TEXT_BYTES = 254


def write(layers: Layers, path: str | os.PathLike[str]) -> Path:
    def fill(folder: Path) -> Path:
        files = folder / "layers"
        files.mkdir()
        for table in ogr_tables(layers):
            frame = dbase_columns(table.frame)
            pyogrio.write_dataframe(frame, files / f"{table.name}.shp", layer=table.name,
                                    driver="ESRI Shapefile", geometry_type=table.geometry_type,
                                    layer_options={"ENCODING": "UTF-8"})  # fmt: skip
        target = folder / f"export{SUFFIX}"
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
            for file in sorted(files.iterdir()):
                archive.write(file, file.name)
        return target

    return write_through_gdal(path, fill)


def dbase_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """Columns renamed to distinct names of at most 10 characters, text cut to 254 bytes."""
    names: dict[str, str] = {}
    taken: set[str] = set()
    for name in frame.columns:
        if name == getattr(frame, "_geometry_column_name", None):
            continue
        short = name[:FIELD_NAME_LENGTH]
        n = 1
        while short.lower() in taken:
            suffix = f"_{n}"
            short = name[: FIELD_NAME_LENGTH - len(suffix)] + suffix
            n += 1
        taken.add(short.lower())
        names[name] = short
    out = frame.rename(columns=names)
    for name in names.values():
        if out[name].dtype == object:
            out[name] = [_cut(v) for v in out[name]]
    return out


def _cut(value: object) -> object:
    if not isinstance(value, str):
        return value
    data = value.encode("utf-8")
    return value if len(data) <= TEXT_BYTES else data[:TEXT_BYTES].decode("utf-8", "ignore")
