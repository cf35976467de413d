"""One country's pack villages by name, in a SQLite file built once in the cache folder.

:mod:`geomap.gazetteer.pack_lookup` asks the committed packs for villages of a name. A
pack is a gzipped table of up to 130,000 rows (Pakistan's), and most names asked are in
none: reading and decompressing a country's packs into a dict for every process cost
up to 0.45 s a country, paid again by each ``geomap`` run. So the first ask of a country
ever writes its villages into ``pack_names/<CC>.sqlite`` beside the gazetteer index, by
normalised name and already as entries (the admin-1 region resolved, the district the
pack puts each in kept beside it: "Osara in Adavi LGA" asks it), and every later
process opens that file: a name no village bears costs one look in an index of names,
a village found reads its own rows only.

A country's file records what it was derived from (:func:`_derived_from`): each of its
packs' file name, size and modification time, those of ``admin1.csv.gz`` (the regions),
the code that folds names and makes entries, and the Unicode version names fold with. A
file built from anything else, or that cannot be read (damaged, cut short), is built
again. A build writes a temporary file and renames it into place, so a reader (another
process, a Dask worker) sees the old file or the new one, never half of one; two
processes building the same country at once each write the same file. Where the cache
folder cannot be written the country's villages are built in memory for the process
instead: the same rows, read again by the next process.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import re
import sqlite3
import tempfile
import unicodedata
import zlib
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path

from geomap.errors import GeomapError
from geomap.gazetteer import names as _names_module
from geomap.gazetteer import packs as _packs_module
from geomap.gazetteer import places_tsv as _places_tsv_module
from geomap.gazetteer.names import normalize
from geomap.gazetteer.packs import Pack, pack_source, place_values
from geomap.gazetteer.places_tsv import COLUMNS
from geomap.records import GazetteerEntry

__all__ = ["FOLDER", "CountryNames", "open_country"]

FOLDER = "pack_names"
"""The folder of the cache directory the countries' files are kept in."""
_FORMAT = 2
"""Raise when the tables change: every file is then built again."""
_CODE = (_names_module, _packs_module, _places_tsv_module)
"""Modules whose code decides the rows (how names fold, how a row becomes an entry)."""
_ENTRY_COLUMNS = (
    "id, name, lat, lon, feature_type, country_code, admin1, admin1_code, population,"
    " geonameid, source, feature_code"
)
"""The first twelve fields of a ``GazetteerEntry``, the ones a pack row gives."""
_SCHEMA = (
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE entries (row INTEGER PRIMARY KEY, id TEXT, name TEXT, lat REAL, lon REAL,"
    " feature_type TEXT, country_code TEXT, admin1 TEXT, admin1_code TEXT, population INTEGER,"
    " geonameid INTEGER, source TEXT, feature_code TEXT, parent TEXT)",
    "CREATE TABLE names (norm TEXT NOT NULL, row INTEGER NOT NULL, PRIMARY KEY (norm, row))"
    " WITHOUT ROWID",
)
_LOOKUP = (
    f"SELECT {', '.join(f'e.{c.strip()}' for c in _ENTRY_COLUMNS.split(','))} FROM names n"
    " JOIN entries e ON e.row = n.row WHERE n.norm = ? ORDER BY n.row"
)
_LOOKUP_PARENTS = _LOOKUP.replace(" FROM names", ", e.parent FROM names")
"""As ``_LOOKUP``, each row followed by the name of the district the pack puts it in."""
_fold = normalize.__wrapped__
"""``normalize`` without its cache: a pack's 200,000 names would only push recognition's
names out of it."""
_PLAIN = re.compile(r"[A-Za-z]+(?: [A-Za-z]+)*").fullmatch
"""Names ``normalize`` only lower-cases (most of a pack's)."""


def _key(name: str) -> str:
    return name.lower() if _PLAIN(name) else _fold(name)


class CountryNames:
    """One country's villages by normalised name, read from its file (or memory)."""

    def __init__(self, conn: sqlite3.Connection, path: Path | None) -> None:
        self._conn = conn
        self.path = path
        """The file read, or None where the villages were built in memory."""

    def entries(self, normalized: str) -> list[GazetteerEntry]:
        """The villages called ``normalized``, in the packs' order (as the rows were
        read); raises sqlite3.DatabaseError where the file is damaged."""
        return [GazetteerEntry(*row) for row in self._conn.execute(_LOOKUP, (normalized,))]

    def entries_with_parents(self, normalized: str) -> list[tuple[GazetteerEntry, str]]:
        """As :meth:`entries`, each village with the name of the district its pack puts
        it in (the pack's ``parent`` column; "" where it gives none)."""
        return [(GazetteerEntry(*row[:12]), row[12] or "")
                for row in self._conn.execute(_LOOKUP_PARENTS, (normalized,))]  # fmt: skip

    def close(self) -> None:
        self._conn.close()


def open_country(
    cache_dir: Path,
    data_dir: Path,
    country_code: str,
    packs: list[Pack],
    regions: Callable[[], dict[str, tuple[str, str | None]]],
    *,
    rebuild: bool = False,
) -> CountryNames:
    """The villages of ``country_code``'s ``packs``, from its file in ``cache_dir``,
    built first if it is missing, unreadable or derived from other inputs (or
    ``rebuild``). ``regions`` gives the admin-1 regions, only when a build needs them."""
    path = cache_dir / FOLDER / f"{country_code.upper()}.sqlite"
    derived_from = _derived_from(data_dir, packs)
    if not rebuild:
        conn = _open_current(path, derived_from)
        if conn is not None:
            return CountryNames(conn, path)
    rows = list(_rows(packs, regions()))
    try:
        _write_file(path, rows, derived_from)
    except (OSError, sqlite3.OperationalError):  # read-only or full: this process only
        return _in_memory(rows, derived_from)
    conn = _open_current(path, derived_from)
    if conn is None:  # replaced at once by a build from other inputs (another data folder)
        return _in_memory(rows, derived_from)
    return CountryNames(conn, path)


def _in_memory(rows: list[tuple[tuple, set[str]]], derived_from: str) -> CountryNames:
    conn = sqlite3.connect(":memory:", check_same_thread=False)
    _fill(conn, rows, derived_from)
    return CountryNames(conn, None)


def _derived_from(data_dir: Path, packs: list[Pack]) -> str:
    """What a country's rows are derived from, as a file records it: checked on every
    open, so it stats files rather than hashing them (a pack is several megabytes)."""
    parts = [_code_version()]
    for path in [*(p.path for p in packs), data_dir / "admin1.csv.gz"]:
        try:
            stat = path.stat()
        except OSError:
            parts.append(f"{path.name} missing")
            continue
        parts.append(f"{path.name} {stat.st_size} {stat.st_mtime_ns}")
    return "|".join(parts)


@cache
def _code_version() -> str:
    """The format, the Unicode version names fold with and a hash of the code that makes
    the rows (read once a process)."""
    parts = [f"format {_FORMAT}", f"unicode {unicodedata.unidata_version}"]
    for module in _CODE:
        source = Path(module.__file__ or "").read_bytes()
        parts.append(f"{module.__name__} {hashlib.sha256(source).hexdigest()[:16]}")
    return "|".join(parts)


def _open_current(path: Path, derived_from: str) -> sqlite3.Connection | None:
    """The file at ``path`` opened to read, when it holds rows of ``derived_from``."""
    try:
        # never written once in place (a build renames a new file over it): immutable,
        # so reads take no locks
        conn = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True,
                               check_same_thread=False)  # fmt: skip
    except sqlite3.Error:
        return None
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = 'derived_from'").fetchone()
    except sqlite3.Error:  # missing, not a database, cut short
        row = None
    if row is None or row[0] != derived_from:
        conn.close()
        return None
    return conn


def _rows(
    packs: list[Pack], regions: dict[str, tuple[str, str | None]]
) -> Iterator[tuple[tuple, set[str]]]:
    """Each pack row as entry values (``GazetteerEntry``'s first twelve fields, then the
    name of its district, the pack's ``parent``) and its normalised names, pack by pack,
    in file order."""
    for pack in packs:
        source = pack_source(pack.name)
        try:
            lines = gzip.decompress(pack.path.read_bytes()).decode("utf-8").split("\n")
            if tuple(lines[0].split("\t")) != COLUMNS:
                raise ValueError(f"not a places file (columns {lines[0].split()[:4]}...)")
            for line in lines[1:]:
                if not line:
                    continue
                row = dict(zip(COLUMNS, line.split("\t"), strict=True))
                keys = {_key(row["name"]), *(_key(a) for a in row["alt_names"].split("|") if a)}
                yield (*place_values(row, source, regions)[:12], row["parent"]), keys
        except (OSError, EOFError, ValueError, IndexError, zlib.error) as e:
            raise GeomapError(f"{pack.path}: the pack is damaged ({e}); reinstall geomap") from None


def _fill(conn: sqlite3.Connection, rows: list[tuple[tuple, set[str]]], derived_from: str) -> None:
    for statement in _SCHEMA:
        conn.execute(statement)
    marks = ", ".join("?" * 13)
    conn.executemany(f"INSERT INTO entries VALUES (?, {marks})",
                     ((k, *values) for k, (values, _) in enumerate(rows)))  # fmt: skip
    conn.executemany("INSERT INTO names VALUES (?, ?)",
                     ((key, k) for k, (_, keys) in enumerate(rows) for key in keys))  # fmt: skip
    conn.execute("INSERT INTO meta VALUES ('derived_from', ?)", (derived_from,))
    conn.commit()


def _write_file(path: Path, rows: list[tuple[tuple, set[str]]], derived_from: str) -> None:
    """Write the rows into a temporary file beside ``path``, then rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    try:
        conn = sqlite3.connect(tmp)
        try:
            conn.execute("PRAGMA journal_mode = OFF")  # a new file: nothing to roll back to
            _fill(conn, rows, derived_from)
        finally:
            conn.close()
        os.replace(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)
