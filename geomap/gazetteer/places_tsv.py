"""The one file format of derived place lists: the default index's extra sources and packs.

Who's On First, KATOTTG and airport places are written by the build scripts
(``geomap.gazetteer.build_*``) as gzipped, tab-separated files with these columns, read
by the index builder (``builder.py``) and by pack installs (``packs.py``). Tab-separated
because no name holds a tab; gzip with mtime 0 so a rebuild from the same inputs gives
the same bytes.
"""

from __future__ import annotations

import gzip
import io
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

__all__ = ["COLUMNS", "read_places", "write_places"]

COLUMNS = (
    "id",
    "name",
    "alt_names",
    "feature_type",
    "feature_code",
    "lat",
    "lon",
    "country_code",
    "admin1_id",
    "parent",
    "population",
    "geonameid",
    "min_lon",
    "min_lat",
    "max_lon",
    "max_lat",
    "source",
)
"""``alt_names`` are separated by ``|``; ``admin1_id`` is the admin-1 entry's id
("ne-admin1:UA-14"); ``parent`` is the name of the unit between the place and its
admin-1 region (a village's district, a hromada's raion), as addresses show it. An id
that the index already holds ("gn:703656") only adds its alternate names to it."""


def read_places(path: Path) -> Iterator[dict[str, str]]:
    """The rows of a places file, streamed (a pack holds up to ~130,000 places)."""
    with gzip.open(path, "rt", encoding="utf-8", newline="\n") as fh:
        header = fh.readline().rstrip("\n").split("\t")
        if tuple(header) != COLUMNS:
            raise ValueError(f"{path}: not a places file (columns {header[:4]}...)")
        for line in fh:
            yield dict(zip(COLUMNS, line.rstrip("\n").split("\t"), strict=True))


def write_places(path: Path, rows: Iterable[Mapping[str, object]]) -> int:
    """Write rows (sorted by the caller) as a places file; returns how many."""
    buf = io.StringIO()
    buf.write("\t".join(COLUMNS) + "\n")
    n = 0
    for row in rows:
        buf.write("\t".join(_cell(row.get(c)) for c in COLUMNS) + "\n")
        n += 1
    path.parent.mkdir(parents=True, exist_ok=True)
    data = gzip.compress(buf.getvalue().encode("utf-8"), compresslevel=9, mtime=0)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
    path.chmod(0o644)
    return n


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        if value != value:  # NaN
            return ""
        return f"{value:.5f}".rstrip("0").rstrip(".")
    text = str(value)
    if "\t" in text or "\n" in text:
        text = " ".join(text.split())
    return text
