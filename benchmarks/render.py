"""Time render_map + write_map and measure the page for growing numbers of places.

Run: python benchmarks/render.py [N ...]   (default: 1 100 1000 5000)
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import geopandas as gpd
import numpy as np

from geomap.render import render_map, write_map


def synthetic_places(n: int, *, seed: int = 0) -> gpd.GeoDataFrame:
    rng = np.random.default_rng(seed)
    lon, lat = rng.uniform(-170, 170, n), rng.uniform(-60, 70, n)
    types = rng.choice(["city", "country", "admin1", "lake", "island"], n)
    return gpd.GeoDataFrame(
        {
            "place_id": [f"p{i}" for i in range(n)],
            "name": [f"Place {i}" for i in range(n)],
            "feature_type": types,
            "lat": lat,
            "lon": lon,
            "mentions": np.ones(n, dtype=int),
            "sentences": [[f"Something happened in Place {i}."] for i in range(n)],
        },
        geometry=gpd.points_from_xy(lon, lat),
        crs=4326,
    )


def main(sizes: list[int]) -> None:
    render_map(None, None)  # load and simplify the borders once, outside the timings
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            places = synthetic_places(n)
            start = time.perf_counter()
            path = write_map(render_map(places, None, title=f"{n} places"), Path(tmp) / "m.html")
            seconds = time.perf_counter() - start
            print(f"{n:>6} places: {seconds:6.2f} s, {path.stat().st_size / 1e6:5.2f} MB")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1, 100, 1000, 5000])
