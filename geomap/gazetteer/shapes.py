"""Country and admin-1 polygons from the committed gazetteer data, for enrichment and maps."""

from __future__ import annotations

import gzip
import io
from functools import lru_cache
from pathlib import Path

import geopandas as gpd

from geomap.gazetteer.schema import default_data_dir

__all__ = ["admin1", "countries", "read_geojson"]


def read_geojson(path: Path) -> gpd.GeoDataFrame:
    """A (gzipped) GeoJSON file as a GeoDataFrame in EPSG:4326."""
    raw = path.read_bytes()
    if path.suffix == ".gz":
        raw = gzip.decompress(raw)
    return gpd.read_file(io.BytesIO(raw)).set_crs(4326, allow_override=True)


@lru_cache(maxsize=4)
def _load(name: str, data_dir: str | None) -> gpd.GeoDataFrame:
    folder = Path(data_dir) if data_dir else default_data_dir()
    return read_geojson(folder / name)


def countries(*, data_dir: str | Path | None = None) -> gpd.GeoDataFrame:
    """Country polygons (Natural Earth 1:50m, simplified to ~1 km).

    Columns: ``iso_a2``, ``iso_a3``, ``name``, ``geometry`` (EPSG:4326). Loaded once per
    process; copy before changing it.
    """
    return _load("countries.geojson.gz", str(data_dir) if data_dir else None)


def admin1(*, data_dir: str | Path | None = None) -> gpd.GeoDataFrame:
    """First-level region polygons (Natural Earth 1:10m admin-1, simplified to ~1 km).

    Columns: ``id`` (the gazetteer entry id), ``iso_3166_2`` (empty where Natural Earth has
    none), ``name``, ``country_code`` (from the ISO 3166-2 prefix: Crimea is UA), ``type``
    (Region, Province, State...), ``geometry`` (EPSG:4326). Loaded once per process.
    """
    return _load("admin1.geojson.gz", str(data_dir) if data_dir else None)
