"""The offline base map's layers, precomputed: countries, admin-1 borders, lakes, rivers.

Simplifying and serialising every country of the world for each map, and reading the
admin-1 regions, lakes and rivers as GeoDataFrames to take a few of them, was most of
a map's time.  ``build_basemap.py`` writes them once into ``data/basemap.npz`` (plain
arrays, no pickle):

- ``<layer>_wkb_<k>``, ``<layer>_offsets``, ``<layer>_chunk_first``, ``<layer>_position``:
  each feature's geometry as WKB, end to end in chunks of about 64 kB, features that
  are near each other in the same chunk (offsets and chunks by stored position, the
  position of each feature by its index): a map inflates only its region's chunks;
- ``<layer>_cell_start`` / ``<layer>_cell_features``: for each REGION_CELL cell of the
  world, the features whose geometry meets it (found with the geometries themselves,
  so the region's features are exactly those ``shapely.intersects`` finds);
- ``countries_coarse`` / ``countries_coarse_offsets``: the whole world's country
  polygons as GeoJSON Feature text, simplified for the map outside the region;
  ``countries_names``: their names as a JSON list;
- ``lakes_min_zoom`` / ``rivers_min_zoom``: Natural Earth's zoom for each feature.

A map reads the coarse text as it is, and decodes, simplifies and serialises only the
features that meet its region: its JSON is spliced into the page as text.
"""

from __future__ import annotations

import functools
import io
import json
import math
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import numpy as np
import shapely

__all__ = [
    "BASEMAP_FILE",
    "CELL_COLUMNS",
    "CELL_ROWS",
    "DATA_DIR",
    "LAYERS",
    "REGION_CELL",
    "TOWNS_FILE",
    "cell_ids",
    "countries_json",
    "country_feature",
    "feature_collection",
    "features_json",
    "geojson_texts",
    "min_zooms",
    "towns",
]

DATA_DIR = Path(__file__).resolve().parent / "data"
BASEMAP_FILE = "basemap.npz"
TOWNS_FILE = "towns.npz"
LAYERS = ("countries", "admin1", "lakes", "rivers")
REGION_CELL = 2.0
"""Degrees: the side of a cell of the detail's region (see basemaps.detail_region)."""
CELL_COLUMNS = int(360 / REGION_CELL)
CELL_ROWS = int(180 / REGION_CELL)
"""A cell's id is ``column * CELL_ROWS + row``, columns from 180°W, rows from 90°S."""


class _Archive:
    """The arrays of ``basemap.npz``, each read (and inflated) the first time it is used."""

    def __init__(self, path: Path) -> None:
        # read into memory: an open file would share its offset with forked workers
        self._file = np.load(io.BytesIO(path.read_bytes()), allow_pickle=False)
        self._arrays: dict[str, np.ndarray] = {}

    def __getitem__(self, key: str) -> np.ndarray:
        if key not in self._arrays:
            self._arrays[key] = self._file[key]
        return self._arrays[key]


@functools.cache
def _archive() -> _Archive:
    return _Archive(DATA_DIR / BASEMAP_FILE)


class Towns(NamedTuple):
    """GeoNames towns (``TOWNS_FILE``), largest first: ``name(i)`` decodes one name."""

    names: bytes
    name_offsets: np.ndarray
    lat: np.ndarray
    lon: np.ndarray
    population: np.ndarray

    def name(self, i: int) -> str:
        return self.names[self.name_offsets[i]:self.name_offsets[i + 1]].decode("utf-8")


@functools.cache
def towns() -> Towns:
    """The towns the offline map labels (written by ``build_basemap.build_towns``)."""
    with np.load(DATA_DIR / TOWNS_FILE, allow_pickle=False) as data:
        return Towns(data["names"].tobytes(), data["name_offsets"], data["lat"], data["lon"],
                     data["population"])  # fmt: skip


def cell_ids(region: shapely.Geometry) -> np.ndarray:
    """The ids of the cells ``region`` (a union of whole cells) is made of."""
    if region.is_empty:
        return np.empty(0, dtype=np.int64)
    west, south, east, north = region.bounds
    columns = np.arange(math.floor(west / REGION_CELL), math.ceil(east / REGION_CELL))
    rows = np.arange(math.floor(south / REGION_CELL), math.ceil(north / REGION_CELL))
    x, y = np.meshgrid(columns, rows, indexing="ij")
    inside = shapely.contains_xy(region, (x + 0.5) * REGION_CELL, (y + 0.5) * REGION_CELL)
    x, y = x[inside], y[inside]
    return (x + CELL_COLUMNS // 2) * CELL_ROWS + (y + CELL_ROWS // 2)


def _meeting(layer: str, cells: np.ndarray) -> np.ndarray:
    """The indexes (ascending) of the layer's features that meet any of ``cells``."""
    start = _archive()[f"{layer}_cell_start"]
    features = _archive()[f"{layer}_cell_features"]
    found = [features[start[c]:start[c + 1]] for c in cells]
    return np.unique(np.concatenate(found)) if found else np.empty(0, dtype=np.int64)


def _geometries(layer: str, indexes: np.ndarray) -> np.ndarray:
    """The features' geometries, from the chunks of WKB that hold them."""
    positions = _archive()[f"{layer}_position"][np.asarray(indexes, dtype=np.int64)]
    offsets = _archive()[f"{layer}_offsets"]
    first = _archive()[f"{layer}_chunk_first"]
    chunk_of = np.searchsorted(first, positions, side="right") - 1
    chunks = {k: (_archive()[f"{layer}_wkb_{k}"].tobytes(), offsets[first[k]])
              for k in np.unique(chunk_of).tolist()}  # fmt: skip
    wkb = []
    for p, k in zip(positions.tolist(), chunk_of.tolist(), strict=True):
        data, base = chunks[k]
        wkb.append(data[offsets[p] - base:offsets[p + 1] - base])
    return shapely.from_wkb(wkb)


def geojson_texts(geoms: np.ndarray, tolerance: float, decimals: int) -> list[str | None]:
    """Each geometry simplified, rounded and as GeoJSON text (None where nothing is left).

    GEOS writes rounded coordinates as Python's ``json`` would (checked for every
    feature of every layer by the tests), so no parse and dump is needed.
    """
    simple = shapely.simplify(geoms, tolerance, preserve_topology=True)
    simple = shapely.transform(simple, lambda xy: np.round(xy, decimals))
    empty = shapely.is_empty(simple)
    return [None if e else t for e, t in zip(empty, shapely.to_geojson(simple), strict=True)]


def feature_collection(features: list[str]) -> str:
    return '{"type":"FeatureCollection","features":[' + ",".join(features) + "]}"


@functools.cache
def _coarse_countries() -> tuple[bytes, np.ndarray]:
    return _archive()["countries_coarse"].tobytes(), _archive()["countries_coarse_offsets"]


@functools.cache
def _country_names() -> list[str | None]:
    return json.loads(_archive()["countries_names"].tobytes().decode("utf-8"))


def country_feature(index: int, name: str | None, geometry: str) -> str:
    """One country polygon as the Feature text the offline layer draws."""
    props = json.dumps({"name": name}, separators=(",", ":"), ensure_ascii=False)
    return f'{{"type":"Feature","id":{index},"properties":{props},"geometry":{geometry}}}'


def countries_json(cells: np.ndarray | None, tolerance: float, decimals: int) -> str:
    """The world's country polygons as a FeatureCollection, coarse but for those that
    meet ``cells``, which are simplified to ``tolerance`` and rounded to ``decimals``."""
    blob, offsets = _coarse_countries()
    fine = _meeting("countries", cells) if cells is not None else np.empty(0, dtype=np.int64)
    replaced = dict(zip(fine.tolist(), geojson_texts(_geometries("countries", fine), tolerance,
                                                     decimals), strict=True))  # fmt: skip
    names = _country_names() if replaced else []
    features: list[bytes] = []
    for i in range(len(offsets) - 1):
        if i in replaced:
            geometry = replaced[i]
            if geometry is not None:
                features.append(country_feature(i, names[i], geometry).encode("utf-8"))
        elif offsets[i] < offsets[i + 1]:
            features.append(blob[offsets[i]:offsets[i + 1]])
    return feature_collection([b",".join(features).decode("utf-8")] if features else [])


def features_json(layer: str, cells: np.ndarray, min_zoom: int | Callable[[np.ndarray], np.ndarray],
                  *, tolerance: float, decimals: int) -> str:  # fmt: skip
    """The layer's features that meet ``cells``, simplified, each with its ``minZoom``
    (``min_zoom``, or ``min_zoom(indexes)``) as a FeatureCollection."""
    hits = _meeting(layer, cells)
    zooms = np.full(len(hits), min_zoom) if isinstance(min_zoom, int) else min_zoom(hits)
    texts = geojson_texts(_geometries(layer, hits), tolerance, decimals)
    return feature_collection([
        f'{{"type":"Feature","properties":{{"minZoom":{int(z)}}},"geometry":{t}}}'
        for z, t in zip(zooms, texts, strict=True)
        if t is not None
    ])


def min_zooms(layer: str) -> Callable[[np.ndarray], np.ndarray]:
    """Natural Earth's zoom of the layer's features, by index."""
    return lambda indexes: _archive()[f"{layer}_min_zoom"][indexes]
