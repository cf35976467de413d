"""How the build writes ``data/gazetteer/``: its name cells and its files.

The files are committed, so a rebuild from the same raw data must give the same bytes:
gzip without a timestamp, rows in a fixed order (each step sorts), atomic writes that
leave no half-written file, and permissions that let every user read them. Alternate
names are one cell of distinct names joined by ``|``, and ids made from names are
normalised slugs, as :mod:`geomap.gazetteer.schema` reads them back.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterable
from pathlib import Path

import geopandas as gpd
import pandas as pd

from geomap.files import atomic_write_bytes
from geomap.gazetteer.names import normalize

__all__ = ["pipe_names", "slug", "write_csv", "write_geojson"]


def slug(text: str) -> str:
    """A name as part of an id (``ne-lake:lake-chad``)."""
    return normalize(text).replace(" ", "-")


def pipe_names(names: Iterable[str | None], *, exclude: str = "") -> str:
    """Join distinct names with '|', dropping empties and the primary name itself."""
    seen = {normalize(exclude)} if exclude else set()
    out = []
    for name in names:
        if not name or not isinstance(name, str):
            continue
        name = name.strip()
        key = normalize(name)
        if key and key not in seen:
            seen.add(key)
            out.append(name)
    return "|".join(out)


def write_csv(path: Path, frame: pd.DataFrame) -> None:
    """A table as CSV, gzipped when ``path`` ends in ``.gz``."""
    text = frame.to_csv(index=False, lineterminator="\n")
    data = text.encode("utf-8")
    _write(path, gzip.compress(data, mtime=0) if path.suffix == ".gz" else data)


def write_geojson(path: Path, frame: gpd.GeoDataFrame) -> None:
    """Shapes as gzipped GeoJSON (no feature ids, names as written)."""
    text = frame.to_json(drop_id=True, ensure_ascii=False)
    _write(path, gzip.compress(text.encode("utf-8"), mtime=0))


def _write(path: Path, data: bytes) -> None:
    atomic_write_bytes(path, data).chmod(0o644)  # committed files, readable by all
