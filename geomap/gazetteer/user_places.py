"""Places users add themselves: GeoNames dumps and CSV files, kept apart from the index.

``geomap gazetteer import`` loads GeoNames dump files (``allCountries.txt``, country
extracts such as ``UA.txt``, zipped or not) and CSV files of custom places into
``user-places.sqlite`` in the cache directory. It is a separate database so the
main index can be rebuilt (it is, whenever geomap's data changes) without losing
what users imported; the index merges it into its lookups.

Imports are bounded: files are read through :mod:`geomap.gazetteer.dumps`, which caps
decompression and line length and checks UTF-8, so a bomb ends in one line, not in a
full memory.  GeoNames rows whose values are impossible (a point outside the Earth, an
id past 64 bits, a population past ten billion) are rejected and counted.
"""

from __future__ import annotations

import csv
import os
import sqlite3
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from geomap.errors import GeomapError
from geomap.feature_types import FEATURE_TYPES as FEATURE_TABLE
from geomap.gazetteer.dumps import text_lines
from geomap.gazetteer.names import normalize
from geomap.gazetteer.schema import (
    default_cache_dir,
    default_data_dir,
    log_population,
    name_rows,
    read_csv_rows,
)
from geomap.records import GazetteerEntry

__all__ = [
    "CSV_COLUMNS",
    "FEATURE_TYPES",
    "USER_PLACES_FILE",
    "ImportReport",
    "SourceInfo",
    "UserPlaces",
]

USER_PLACES_FILE = "user-places.sqlite"
FEATURE_TYPES = tuple(FEATURE_TABLE)
"""The feature types a place may have (the feature-type table's rows)."""
CSV_COLUMNS = ("name", "lat", "lon", "feature_type", "country_code")
"""Required CSV columns; ``alternate_names`` (separated by ``;``), ``admin1`` and
``population`` are optional."""
_MAX_GEONAMEID = 2**63 - 1  # SQLite's INTEGER
_MAX_POPULATION = 10_000_000_000
_UNUSED, _IMPOSSIBLE = "unused", "impossible"
_GEONAMES_COLUMNS = 19
_BATCH = 20_000
_ENTRY_COLUMNS = (
    "id", "name", "lat", "lon", "feature_type", "country_code", "admin1", "admin1_code",
    "population", "geonameid", "source", "feature_code",
)  # fmt: skip
_SCHEMA = """
CREATE TABLE IF NOT EXISTS sources (
    source TEXT PRIMARY KEY, path TEXT NOT NULL, format TEXT NOT NULL,
    imported REAL NOT NULL, places INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS places (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL,
    feature_type TEXT NOT NULL, country_code TEXT, admin1 TEXT, admin1_code TEXT,
    population INTEGER NOT NULL, geonameid INTEGER, source TEXT NOT NULL, feature_code TEXT,
    gn_admin1 TEXT
);
CREATE TABLE IF NOT EXISTS names (
    norm TEXT NOT NULL, place_id TEXT NOT NULL, kind TEXT NOT NULL, score REAL NOT NULL,
    tokens INTEGER NOT NULL, PRIMARY KEY (norm, place_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS places_source ON places (source);
CREATE INDEX IF NOT EXISTS names_place ON names (place_id);
"""
# GeoNames feature class + code -> geomap feature type; classes R, U and V are left out.
_GN_CODES = {
    "A.PCLI": "country", "A.PCLD": "country", "A.PCLF": "country", "A.PCLS": "country",
    "A.PCL": "country", "A.PCLIX": "country", "A.TERR": "country", "A.ADM1": "admin1",
    "T.ISL": "island", "T.ISLS": "island", "T.ISLET": "island", "T.ATOL": "island",
    "T.PEN": "peninsula", "T.CAPE": "peninsula",
    "H.SEA": "sea", "H.BAY": "sea", "H.GULF": "sea", "H.STRT": "sea", "H.OCN": "sea",
    "H.SD": "sea", "H.LK": "lake", "H.LKS": "lake", "H.RSV": "lake", "H.LGN": "lake",
    "H.STM": "river", "H.STMS": "river", "H.CNL": "river",
    "S.AIRP": "airport", "S.AIRF": "airport", "S.AIRB": "airport", "S.PRT": "port",
    "L.PRT": "port", "L.RGN": "region", "L.AREA": "region",
}  # fmt: skip
_GN_CLASSES = {"P": "city", "A": "region", "T": "landmark", "H": "landmark", "S": "landmark",
               "L": "region"}  # fmt: skip


@dataclass(frozen=True, slots=True)
class SourceInfo:
    source: str
    path: str
    format: str
    """geonames or csv."""
    imported: float
    """Unix time of the import."""
    places: int


@dataclass(frozen=True, slots=True)
class ImportReport:
    source: str
    format: str
    places: int
    skipped: int
    """Rows of a kind geomap does not use (roads, vegetation, undersea features)."""
    rejected: int = 0
    """GeoNames rows with impossible values: a point outside the Earth (or NaN), an id
    past 64 bits, a population past ten billion."""


class UserPlaces:
    """The user's own places; safe to share between threads."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._conn = sqlite3.connect(self.path, check_same_thread=False, timeout=30)
            self._conn.executescript(_SCHEMA)
        except (OSError, sqlite3.Error) as e:
            raise GeomapError(f"{self.path}: cannot open the user places: {e}") from None

    @classmethod
    def open(cls, cache_dir: str | os.PathLike[str] | None = None) -> UserPlaces:
        """The user places in ``cache_dir`` (default: the gazetteer's cache directory)."""
        return cls(_dir(cache_dir) / USER_PLACES_FILE)

    @classmethod
    def existing(cls, cache_dir: str | os.PathLike[str] | None = None) -> UserPlaces | None:
        """Like :meth:`open`, or None when nothing was ever imported (no file is made)."""
        path = _dir(cache_dir) / USER_PLACES_FILE
        return cls(path) if path.is_file() else None

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> UserPlaces:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ lookups

    def lookup(self, normalized: str) -> list[GazetteerEntry]:
        """Places called this (already normalised) name, best known first."""
        return [entry for entry, _, _ in self.candidates(normalized)]

    def candidates(self, normalized: str) -> list[tuple[GazetteerEntry, str, float]]:
        """(entry, name kind, name score) for a normalised name, best first; the score is
        on the main index's scale (log10 population, less the alternate-name penalty)."""
        columns = ", ".join(f"p.{c}" for c in _ENTRY_COLUMNS)
        rows = self._fetchall(
            f"SELECT {columns}, n.kind, n.score FROM names n JOIN places p ON p.id = n.place_id"
            " WHERE n.norm = ? AND p.lat BETWEEN -90 AND 90 AND p.lon BETWEEN -180 AND 180"
            " ORDER BY n.score DESC, p.id",  # an older geomap let points off the Earth in
            normalized,
        )
        return [(_entry(r[:-2]), r[-2], r[-1]) for r in rows]

    def has_name(self, normalized: str) -> bool:
        return bool(self._fetchall("SELECT 1 FROM names WHERE norm = ? LIMIT 1", normalized))

    def name_kinds(self, normalized: str) -> frozenset[str]:
        rows = self._fetchall("SELECT DISTINCT kind FROM names WHERE norm = ?", normalized)
        return frozenset(r[0] for r in rows)

    def max_name_tokens(self) -> int:
        return self._fetchall("SELECT COALESCE(MAX(tokens), 0) FROM names")[0][0]

    def sources(self) -> list[SourceInfo]:
        rows = self._fetchall("SELECT * FROM sources ORDER BY imported")
        return [SourceInfo(*r) for r in rows]

    def __len__(self) -> int:
        return self._fetchall("SELECT COUNT(*) FROM places")[0][0]

    # ------------------------------------------------------------------ imports

    def import_file(
        self,
        path: str | os.PathLike[str],
        *,
        progress: Callable[[int], None] | None = None,
    ) -> ImportReport:
        """Load a GeoNames dump (.txt or .zip) or a CSV of places, replacing any earlier
        import of a file with the same name.

        :param progress: Called now and then with the number of rows read so far.
        """
        p = Path(path)
        if not p.exists():
            raise GeomapError(f"{p}: no such file")
        if not p.is_file():
            raise GeomapError(f"{p}: not a regular file (GeoNames dumps and CSV files only)")
        fmt = "csv" if p.name.lower().removesuffix(".gz").endswith(".csv") else "geonames"
        source = f"user-{fmt}:{p.name}"
        rows = _read_csv(p, source) if fmt == "csv" else _read_geonames(p, source)
        return self.load(source, p, fmt, rows, progress=progress)

    def load(
        self,
        source: str,
        path: Path,
        fmt: str,
        rows: Iterable[tuple[tuple, list[str]] | str],
        *,
        progress: Callable[[int], None] | None = None,
    ) -> ImportReport:
        """Replace the places of ``source`` with ``rows``: (place row, alternate names), or
        the reason a row was left out ("unused", "impossible")."""
        places, left_out = 0, Counter[str]()
        with self._writing() as conn:
            conn.execute("DELETE FROM names WHERE place_id IN (SELECT id FROM places"
                         " WHERE source = ?)", (source,))  # fmt: skip
            conn.execute("DELETE FROM places WHERE source = ?", (source,))
            batch: list[tuple[tuple, list[str]]] = []
            for n, row in enumerate(rows, 1):
                if isinstance(row, str):
                    left_out[row] += 1
                else:
                    batch.append(row)
                if len(batch) >= _BATCH:
                    places += _insert(conn, batch)
                    batch.clear()
                if progress is not None and n % _BATCH == 0:
                    progress(n)
            places += _insert(conn, batch)
            _fill_admin1(conn, source)
            conn.execute(
                "INSERT OR REPLACE INTO sources VALUES (?, ?, ?, ?, ?)",
                (source, str(path.resolve()), fmt, time.time(), places),
            )
        return ImportReport(source, fmt, places, left_out[_UNUSED], left_out[_IMPOSSIBLE])

    def remove(self, source: str) -> int:
        """Forget one import (a name from :meth:`sources`); returns how many places went."""
        with self._writing() as conn:
            conn.execute("DELETE FROM names WHERE place_id IN (SELECT id FROM places"
                         " WHERE source = ?)", (source,))  # fmt: skip
            n = conn.execute("DELETE FROM places WHERE source = ?", (source,)).rowcount
            conn.execute("DELETE FROM sources WHERE source = ?", (source,))
        return n

    # ------------------------------------------------------------------ internals

    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        with self._lock, self._conn:
            yield self._conn

    def _fetchall(self, sql: str, *params: object) -> list[tuple]:
        with self._lock:
            return self._conn.execute(sql, params).fetchall()


def _dir(cache_dir: str | os.PathLike[str] | None) -> Path:
    return Path(cache_dir) if cache_dir is not None else default_cache_dir()


def _entry(row: tuple) -> GazetteerEntry:
    data = dict(zip(_ENTRY_COLUMNS, row, strict=True))
    data["population"] = data["population"] or 0
    return GazetteerEntry(**data)


def _insert(conn: sqlite3.Connection, batch: list[tuple[tuple, list[str]]]) -> int:
    # The id is the primary key: a place listed twice (or in two files) keeps its last row.
    conn.executemany(
        f"INSERT OR REPLACE INTO places VALUES ({', '.join('?' * 13)})", [r for r, _ in batch]
    )
    names = []
    for row, alternates in batch:
        entry_id, name, population = row[0], row[1], row[8]
        prominence = log_population(population)
        # GeoNames alternates are noisy and filtered; a user's own CSV names are meant.
        geonames = str(row[10]).startswith("user-geonames")
        names.extend(
            name_rows(entry_id, prominence, name, alternates, filter_alternates=geonames).values()
        )
    conn.executemany("INSERT OR REPLACE INTO names VALUES (?, ?, ?, ?, ?)", names)
    return len(batch)


def _fill_admin1(conn: sqlite3.Connection, source: str) -> None:
    """Regions by the imported file's own ADM1 rows where geomap's table lacks them."""
    conn.execute(
        "UPDATE places SET admin1 = (SELECT a.name FROM places a WHERE a.feature_code = 'ADM1'"
        " AND a.gn_admin1 = places.gn_admin1 LIMIT 1)"
        " WHERE source = ? AND admin1 IS NULL AND gn_admin1 IS NOT NULL",
        (source,),
    )


# ---------------------------------------------------------------------- rows


def _on_earth(lat: float, lon: float) -> bool:
    return -90 <= lat <= 90 and -180 <= lon <= 180  # False for NaN


def _read_geonames(path: Path, source: str) -> Iterator[tuple[tuple, list[str]] | str]:
    admin1 = _admin1_names()
    for n, line in enumerate(text_lines(path), 1):
        line = line.rstrip("\r\n")
        if not line or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != _GEONAMES_COLUMNS:
            raise GeomapError(
                f"{path}: line {n}: {len(cols)} tab-separated columns, a GeoNames dump has 19"
            )
        (gid, name, ascii_name, alternates, lat, lon, fclass, fcode, cc, _cc2, a1, *_rest) = cols
        population = cols[14]
        ftype = _GN_CODES.get(f"{fclass}.{fcode}") or _GN_CLASSES.get(fclass)
        if ftype is None:
            yield _UNUSED
            continue
        try:
            row_lat, row_lon, gnid = float(lat), float(lon), int(gid)
            pop = int(population or 0)
        except ValueError:
            raise GeomapError(f"{path}: line {n}: not a GeoNames row (bad number)") from None
        if not (_on_earth(row_lat, row_lon) and 0 < gnid <= _MAX_GEONAMEID
                and 0 <= pop <= _MAX_POPULATION):  # fmt: skip
            yield _IMPOSSIBLE
            continue
        gn_admin1 = f"{cc}.{a1}" if cc and a1 else None
        region, region_code = admin1.get(gn_admin1 or "", (None, None))
        if ftype == "admin1":
            region = name
        yield (
            (f"gn:{gnid}", name, row_lat, row_lon, ftype, cc or None, region, region_code,
             pop, gnid, source, fcode or None, gn_admin1),
            [ascii_name, *alternates.split(",")],
        )  # fmt: skip


def _read_csv(path: Path, source: str) -> Iterator[tuple[tuple, list[str]] | str]:
    reader = csv.DictReader(text_lines(path))
    try:
        yield from _csv_rows(reader, path, source)
    except csv.Error as e:
        raise GeomapError(f"{path}: line {reader.reader.line_num}: not a places CSV ({e}; a field"
                          " may be longer than 128 KB or a quote never closed)") from None


def _csv_rows(
    reader: csv.DictReader[str], path: Path, source: str
) -> Iterator[tuple[tuple, list[str]]]:
    missing = [c for c in CSV_COLUMNS if c not in (reader.fieldnames or ())]
    if missing:
        raise GeomapError(
            f"{path}: a places CSV needs the columns {', '.join(CSV_COLUMNS)}"
            f" (missing: {', '.join(missing)})"
        )
    for n, r in enumerate(reader, 2):
        name = (r.get("name") or "").strip()
        ftype = (r.get("feature_type") or "").strip().lower()
        try:
            lat, lon = float(r["lat"]), float(r["lon"])
            pop_value = float(r.get("population") or 0)
        except (TypeError, ValueError):
            raise GeomapError(
                f"{path}: line {n}: lat, lon and population must be numbers"
            ) from None
        if not name or not _on_earth(lat, lon):
            raise GeomapError(f"{path}: line {n}: needs a name and a point on the Earth")
        if not 0 <= pop_value <= _MAX_POPULATION:  # False for NaN
            raise GeomapError(f"{path}: line {n}: population must be from 0 to ten billion")
        pop = int(pop_value)
        if ftype not in FEATURE_TYPES:
            raise GeomapError(
                f"{path}: line {n}: feature_type {ftype!r} is not one of"
                f" {', '.join(sorted(FEATURE_TYPES))}"
            )
        cc = (r.get("country_code") or "").strip().upper() or None
        admin1 = (r.get("admin1") or "").strip() or (name if ftype == "admin1" else None)
        alternates = [a.strip() for a in (r.get("alternate_names") or "").split(";") if a.strip()]
        yield (
            (f"user:{normalize(name)}:{lat:.5f},{lon:.5f}", name, lat, lon, ftype, cc, admin1,
             None, pop, None, source, None, None),
            alternates,
        )  # fmt: skip


def _admin1_names() -> dict[str, tuple[str, str | None]]:
    """GeoNames admin1 code ("UA.26") -> (region name, ISO 3166-2) from geomap's data."""
    try:
        rows = read_csv_rows(default_data_dir() / "admin1.csv.gz")
        return {
            r["gn_a1_code"]: (r["name"], r["iso_3166_2"] or None)
            for r in rows
            if r.get("gn_a1_code")
        }
    except (GeomapError, OSError, KeyError):
        return {}
