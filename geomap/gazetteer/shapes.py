"""Country and admin-1 polygons from the committed gazetteer data, for enrichment and maps.

The polygons are read from ``polygons.npz`` beside the other gazetteer files: for each
layer, its attribute columns as plain string arrays and its geometries as WKB in chunks
of ``ROWS_PER_CHUNK`` rows, with each row's offsets (no pickle).  A short article needs
a few polygons, or none, and the names of countries: those come from the archive's small
members, and a polygon is decoded when asked for by its key.  Reading the whole of both
layers from GeoJSON cost about 0.4 s a run.  The archive is derived from
``countries.geojson.gz`` and ``admin1.geojson.gz`` (the build's readable output) by
:func:`write_store`, the build's ``polygons`` step (``python -m
geomap.gazetteer.build_data --only polygons``).
"""

from __future__ import annotations

import gzip
import io
import zipfile
from collections.abc import Iterable
from functools import cache, cached_property
from itertools import pairwise
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geomap.errors import GeomapError
from geomap.gazetteer.schema import default_data_dir

__all__ = [
    "LAYERS",
    "STORE_FILE",
    "admin1",
    "admin1_polygons",
    "countries",
    "country_names",
    "country_polygons",
    "read_geojson",
    "write_store",
]

STORE_FILE = "polygons.npz"
LAYERS: dict[str, tuple[str, ...]] = {
    "countries": ("iso_a2", "iso_a3", "name"),
    "admin1": ("id", "iso_3166_2", "name", "country_code", "type"),
}
"""Each layer's attribute columns, its key first, in the order its GeoDataFrame has them."""
ROWS_PER_CHUNK = 256
"""The WKB is stored in chunks of this many rows, so one polygon costs inflating its chunk,
not the layer (admin-1's 6 MB of WKB take about 25 ms to inflate)."""


def read_geojson(path: Path) -> gpd.GeoDataFrame:
    """A (gzipped) GeoJSON file as a GeoDataFrame in EPSG:4326."""
    raw = path.read_bytes()
    if path.suffix == ".gz":
        raw = gzip.decompress(raw)
    return gpd.read_file(io.BytesIO(raw)).set_crs(4326, allow_override=True)


class _Layer:
    """One layer of the archive; each array is read (and inflated) the first time it is used."""

    def __init__(self, archive: np.lib.npyio.NpzFile, name: str) -> None:
        self._archive = archive
        self._name = name
        self._arrays: dict[str, np.ndarray] = {}

    def array(self, member: str) -> np.ndarray:
        """A column (``LAYERS``), ``offsets`` (of each row's WKB in the whole layer's) or
        ``wkb<chunk>``."""
        if member not in self._arrays:
            self._arrays[member] = self._archive[f"{self._name}.{member}"]
        return self._arrays[member]

    @cached_property
    def _rows(self) -> dict[str, int]:
        return {key: row for row, key in enumerate(self.array(LAYERS[self._name][0]).tolist())}

    def polygons(self, keys: Iterable[str]) -> dict[str, shapely.Geometry]:
        """The geometries of those of ``keys`` the layer has."""
        rows = {key: self._rows[key] for key in keys if key in self._rows}
        if not rows:
            return {}
        offsets = self.array("offsets")
        found = {}
        for key, row in rows.items():
            chunk = row // ROWS_PER_CHUNK
            wkb = self.array(f"wkb{chunk}")
            start = offsets[chunk * ROWS_PER_CHUNK]
            found[key] = shapely.from_wkb(
                wkb[offsets[row] - start : offsets[row + 1] - start].tobytes()
            )
        return found

    @cached_property
    def frame(self) -> gpd.GeoDataFrame:
        offsets = self.array("offsets").tolist()
        chunks = range(-(-(len(offsets) - 1) // ROWS_PER_CHUNK))
        wkb = b"".join(self.array(f"wkb{chunk}").tobytes() for chunk in chunks)
        geometry = shapely.from_wkb(
            np.array([wkb[a:b] for a, b in pairwise(offsets)], dtype=object)
        )
        columns = {c: pd.Series(self.array(c).astype(object), dtype="str")
                   for c in LAYERS[self._name]}  # fmt: skip
        return gpd.GeoDataFrame(columns, geometry=geometry, crs=4326)


@cache
def _archive(data_dir: str | None) -> np.lib.npyio.NpzFile:
    """The polygons archive, read into memory: an open file kept for later reads would be
    shared with the worker processes ``geomap add --jobs`` forks, whose reads through the
    same file offset interleave with this process's and inflate garbage."""
    path = (Path(data_dir) if data_dir else default_data_dir()) / STORE_FILE
    try:
        return np.load(io.BytesIO(path.read_bytes()), allow_pickle=False)
    except (OSError, ValueError, zipfile.BadZipFile) as e:
        raise GeomapError(
            f"cannot read the gazetteer's polygons {path} ({e.__class__.__name__}): reinstall "
            "geomap, or rebuild it with python -m geomap.gazetteer.build_data --only polygons"
        ) from e


@cache
def _layer(name: str, data_dir: str | None) -> _Layer:
    return _Layer(_archive(data_dir), name)


def _folder(data_dir: str | Path | None) -> str | None:
    return str(data_dir) if data_dir else None


def countries(*, data_dir: str | Path | None = None) -> gpd.GeoDataFrame:
    """Country polygons (Natural Earth 1:50m, simplified to ~1 km).

    Columns: ``iso_a2``, ``iso_a3``, ``name``, ``geometry`` (EPSG:4326). Loaded once per
    process; copy before changing it.
    """
    return _layer("countries", _folder(data_dir)).frame


def admin1(*, data_dir: str | Path | None = None) -> gpd.GeoDataFrame:
    """First-level region polygons (Natural Earth 1:10m admin-1, simplified to ~1 km).

    Columns: ``id`` (the gazetteer entry id), ``iso_3166_2`` (empty where Natural Earth has
    none), ``name``, ``country_code`` (from the ISO 3166-2 prefix: Crimea is UA), ``type``
    (Region, Province, State...), ``geometry`` (EPSG:4326). Loaded once per process.
    """
    return _layer("admin1", _folder(data_dir)).frame


@cache
def _country_names(data_dir: str | None) -> dict[str, str]:
    layer = _layer("countries", data_dir)
    return dict(zip(layer.array("iso_a2").tolist(), layer.array("name").tolist(), strict=True))


def country_names(*, data_dir: str | Path | None = None) -> dict[str, str]:
    """Country name by ISO alpha-2 code, for the countries that have a polygon (the
    ``name`` column of :func:`countries`), without reading any polygon."""
    return _country_names(_folder(data_dir))


def country_polygons(
    codes: Iterable[str], *, data_dir: str | Path | None = None
) -> dict[str, shapely.Geometry]:
    """The polygons of those of the ISO alpha-2 ``codes`` that have one."""
    return _layer("countries", _folder(data_dir)).polygons(codes)


def admin1_polygons(
    ids: Iterable[str], *, data_dir: str | Path | None = None
) -> dict[str, shapely.Geometry]:
    """The polygons of those of the gazetteer entry ``ids`` that are admin-1 regions."""
    return _layer("admin1", _folder(data_dir)).polygons(ids)


def write_store(data_dir: Path) -> dict[str, int]:
    """Write ``STORE_FILE`` in ``data_dir`` from its ``<layer>.geojson.gz`` files; the same
    bytes for the same polygons (no timestamps), so a rebuild changes no committed file.
    Returns the number of polygons of each layer."""
    from geomap.files import atomic_write_bytes, reproducible_npz

    arrays: dict[str, np.ndarray] = {}
    for name, columns in LAYERS.items():
        frame = read_geojson(data_dir / f"{name}.geojson.gz")
        for column in columns:
            arrays[f"{name}.{column}"] = frame[column].to_numpy(dtype=str)
        wkb = shapely.to_wkb(frame.geometry.values)
        arrays[f"{name}.offsets"] = np.cumsum([0, *map(len, wkb)], dtype=np.int64)
        for chunk, start in enumerate(range(0, len(wkb), ROWS_PER_CHUNK)):
            rows = wkb[start : start + ROWS_PER_CHUNK]
            arrays[f"{name}.wkb{chunk}"] = np.frombuffer(b"".join(rows), dtype=np.uint8)
    atomic_write_bytes(data_dir / STORE_FILE, reproducible_npz(arrays)).chmod(0o644)
    return {name: len(arrays[f"{name}.offsets"]) - 1 for name in LAYERS}
