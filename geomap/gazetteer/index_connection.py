"""A read-only connection to the built gazetteer index file, shared by threads.

The file never changes while it is open (a rebuild writes a new file and renames it
into place), so it is opened immutable and its pages are read through a memory map
rather than copied. A file damaged after it was built (a disk fault, a truncated copy)
becomes one line for the user, and is removed so the next run rebuilds it instead of
failing again.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from geomap.errors import GeomapError
from geomap.gazetteer.schema import CACHE_ENV

__all__ = ["BATCH", "IndexConnection", "in_list"]

BATCH = 500
"""Names per query of a batch lookup (SQLite allows 999 parameters in older builds)."""
_MMAP_BYTES = 1 << 28


class IndexConnection:
    """Queries on the index file at ``path``, one at a time, damage reported as one line."""

    def __init__(self, path: Path) -> None:
        self.path = path
        uri = f"file:{path}?mode=ro&immutable=1"
        try:
            self._conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
        except sqlite3.Error as e:
            raise GeomapError(f"cannot open the gazetteer index {path}: {e}") from None
        self._lock = threading.Lock()
        # the file never changes while open: read its pages from memory, not by copies
        self._conn.execute(f"PRAGMA mmap_size = {_MMAP_BYTES}")

    def close(self) -> None:
        self._conn.close()

    def fetchone(self, sql: str, *params: object) -> tuple:
        with self._lock:
            try:
                return self._conn.execute(sql, params).fetchone()
            except sqlite3.DatabaseError as e:
                raise self._reported(e) from None

    def fetchall(self, sql: str, *params: object) -> list[tuple]:
        # the damage is reported in an except clause, not by a context manager around
        # the query: a first batch asks a few thousand queries, and making the manager
        # cost each more than the lookup of a name it does not hold
        with self._lock:
            try:
                return self._conn.execute(sql, params).fetchall()
            except sqlite3.DatabaseError as e:
                raise self._reported(e) from None

    def _reported(self, e: sqlite3.DatabaseError) -> Exception:
        """The error a failed query raises: a file damaged after it was built (a disk
        fault, a truncated copy) is one line, and a corrupt index is removed, so the next
        run rebuilds it instead of failing too; a bug in a query is raised as it is."""
        if isinstance(e, sqlite3.ProgrammingError):
            return e
        name = getattr(e, "sqlite_errorname", "") or ""
        if not name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
            return GeomapError(f"cannot read the gazetteer index {self.path}: {e}")
        try:
            self.path.unlink()
            then = "it was removed and will be rebuilt on the next run"
        except OSError:
            then = f"delete it (or set {CACHE_ENV} to another folder) to have it rebuilt"
        return GeomapError(f"the gazetteer index {self.path} is damaged ({e}); {then}")


def in_list(names: list[str]) -> tuple[str, list[str | None]]:
    """The placeholders of an IN list and its values, padded with NULLs (which match
    nothing) to a power of two: each size's statement is then compiled once (~0.15 ms)
    and kept by the connection, where a statement per list length was compiled for
    every new length (over a hundred in a batch of news articles)."""
    size = 1 << (len(names) - 1).bit_length()
    return ", ".join("?" * size), [*names, *[None] * (size - len(names))]
