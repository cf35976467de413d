"""What every part of the gazetteer agrees on: where it lives, the tables, a row's shape.

The index (``index.py``) reads these tables, the builder (``builder.py``) writes them,
the user places (``user_places.py``) keep the same columns and name scores in a
database of their own, packs (``packs.py``) load into those, and the polygons
(``shapes.py``) come from the same data folder. Each of them imports this module and
none of them imports another for its schema, so there is no import circle among them.
"""

from __future__ import annotations

import csv
import gzip
import io
import math
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import platformdirs

from geomap.errors import GeomapError
from geomap.gazetteer.names import normalize, token_count, usable_alternate
from geomap.records import GazetteerEntry

__all__ = [
    "CACHE_ENV",
    "DATA_ENV",
    "ENTRY_COLUMNS",
    "GEONAMES_ALT_PENALTY",
    "INDEX_FILE",
    "INDEX_SCHEMA",
    "INDEX_VERSION",
    "NAME_KINDS",
    "POST_SCHEMA",
    "SHADOWED_ALT_PENALTY",
    "Candidate",
    "default_cache_dir",
    "default_data_dir",
    "entry_from_row",
    "kind_penalty",
    "log_population",
    "name_rows",
    "read_csv_rows",
]

INDEX_VERSION = 3
"""Bump when the schema or the way entries are derived changes."""
CACHE_ENV = "GEOMAP_CACHE_DIR"
DATA_ENV = "GEOMAP_GAZETTEER_DATA"
INDEX_FILE = "gazetteer.sqlite"

NAME_KINDS = ("primary", "alt", "abbr")
"""How a name row relates to its place: its main name, an alternate, an abbreviation."""
_KIND_PENALTY = {"primary": 0.0, "alt": 0.5, "abbr": 0.3}
# GeoNames alternates of cities are noisy (historic names, other languages' forms): they
# rank lower, and lower still where a place in another country bears the name as its own
# (Hong Kong's old name "Victoria" must not outrank Victoria, British Columbia).
GEONAMES_ALT_PENALTY = 1.0
SHADOWED_ALT_PENALTY = 2.0

ENTRY_COLUMNS = (
    "id",
    "name",
    "lat",
    "lon",
    "feature_type",
    "country_code",
    "admin1",
    "admin1_code",
    "population",
    "geonameid",
    "source",
    "feature_code",
    "min_lon",
    "min_lat",
    "max_lon",
    "max_lat",
    "prominence",
    "address",
)
INDEX_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE entries (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL,
    feature_type TEXT NOT NULL, country_code TEXT, admin1 TEXT, admin1_code TEXT,
    population INTEGER NOT NULL, geonameid INTEGER, source TEXT NOT NULL, feature_code TEXT,
    min_lon REAL, min_lat REAL, max_lon REAL, max_lat REAL, prominence REAL NOT NULL,
    address TEXT NOT NULL
);
CREATE TABLE names (
    norm TEXT NOT NULL, entry_id TEXT NOT NULL, kind TEXT NOT NULL, score REAL NOT NULL,
    tokens INTEGER NOT NULL, PRIMARY KEY (norm, entry_id)
) WITHOUT ROWID;
CREATE TABLE joined_names (
    key TEXT NOT NULL, norm TEXT NOT NULL, PRIMARY KEY (key, norm)
) WITHOUT ROWID;
CREATE TABLE demonyms (
    norm TEXT NOT NULL, entry_id TEXT NOT NULL, PRIMARY KEY (norm, entry_id)
) WITHOUT ROWID;
"""
POST_SCHEMA = """
CREATE INDEX entries_geonameid ON entries (geonameid);
CREATE INDEX entries_lat ON entries (lat);
"""


@dataclass(frozen=True, slots=True)
class Candidate:
    """One place a name may refer to, with how the name matched and how notable it is."""

    entry: GazetteerEntry
    name_kind: str
    """primary, alt or abbr (see ``NAME_KINDS``)."""
    prominence: float
    """Ranking score: countries above regions above cities, then by population."""


def default_cache_dir() -> Path:
    return Path(os.environ.get(CACHE_ENV) or platformdirs.user_cache_dir("geomap"))


def default_data_dir() -> Path:
    """``$GEOMAP_GAZETTEER_DATA``, else the wheel's ``geomap/_data``, else the checkout's."""
    if env := os.environ.get(DATA_ENV):
        return Path(env)
    return _shipped_data_dir()


@cache
def _shipped_data_dir() -> Path:
    """The data folder shipped with the code, found once per process: resolution asks
    for it thousands of times a batch (pack villages, regions), and each search resolved
    the module's path and looked for a file (a sixtieth of a batch's time)."""
    package = Path(__file__).resolve().parents[1]
    for candidate in (package / "_data" / "gazetteer", package.parent / "data" / "gazetteer"):
        if (candidate / "countries.csv").is_file():
            return candidate
    raise GeomapError("gazetteer data not found: reinstall geomap or set GEOMAP_GAZETTEER_DATA")


def entry_from_row(row: Sequence) -> GazetteerEntry:
    """The entry of one ``entries`` row (columns in ``ENTRY_COLUMNS`` order)."""
    (
        id_,
        name,
        lat,
        lon,
        ftype,
        cc,
        admin1,
        admin1_code,
        pop,
        gnid,
        source,
        fcode,
        min_lon,
        min_lat,
        max_lon,
        max_lat,
        _prominence,
        _address,
    ) = row
    bbox = (min_lon, min_lat, max_lon, max_lat) if min_lon is not None else None
    # positional, in the fields' order (id, name, lat, lon, feature_type, country_code,
    # admin1, admin1_code, population, geonameid, source, feature_code, bbox): a lookup
    # builds thousands, and keywords cost a third of the call
    return GazetteerEntry(
        id_, name, lat, lon, ftype, cc or None, admin1 or None, admin1_code or None,
        pop or 0, gnid, source, fcode or None, bbox,
    )  # fmt: skip


# ---------------------------------------------------------------------- rows


def read_csv_rows(path: Path) -> Iterator[dict[str, str]]:
    """Rows of a committed CSV or CSV.gz file as dicts of strings."""
    raw = path.read_bytes()
    if path.suffix == ".gz":
        raw = gzip.decompress(raw)
    yield from csv.DictReader(io.StringIO(raw.decode("utf-8")))


def kind_penalty(kind: str) -> float:
    return _KIND_PENALTY[kind]


def name_rows(
    entry_id: str,
    prominence: float,
    primary: str,
    alternates: Iterable[str],
    abbreviations: Iterable[str] = (),
    *,
    filter_alternates: bool = False,
) -> dict[str, tuple[str, str, str, float, int]]:
    """The names table rows of one entry, one per distinct normalised name (best kind wins)."""
    rows: dict[str, tuple[str, str, str, float, int]] = {}
    for kind, names in (("primary", [primary]), ("abbr", abbreviations), ("alt", alternates)):
        for name in names:
            if not name or (kind == "alt" and filter_alternates and not usable_alternate(name)):
                continue
            norm = normalize(name)
            if norm and norm not in rows:
                penalty = (
                    GEONAMES_ALT_PENALTY
                    if kind == "alt" and filter_alternates
                    else _KIND_PENALTY[kind]
                )
                score = round(prominence - penalty, 4)
                rows[norm] = (norm, entry_id, kind, score, token_count(norm))
    return rows


def log_population(population: int) -> float:
    return math.log10(max(population, 0) + 1)
