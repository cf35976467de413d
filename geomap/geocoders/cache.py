"""A persistent cache of online geocoder answers, so a repeated name costs no request.

Answers live in one SQLite file in the user cache directory, keyed by service,
method, query and parameters, and expire after a number of days. Locations are
stored as JSON (address, point, raw); nothing is pickled.

It is only a cache: a damaged file (not SQLite, malformed, another schema) is
replaced by an empty one and a row that cannot be read is dropped, each with a
warning on stderr, and the run goes on asking the service.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from geopy.location import Location

from geomap.errors import GeomapError, warn
from geomap.files import os_reason
from geomap.gazetteer.schema import CACHE_ENV, default_cache_dir

__all__ = ["CACHE_FILE", "DEFAULT_EXPIRE_DAYS", "AnswerCache", "CacheStats"]

CACHE_FILE = "geocoder-answers.sqlite"
DEFAULT_EXPIRE_DAYS = 30.0
_SCHEMA = """
CREATE TABLE IF NOT EXISTS answers (
    service TEXT NOT NULL, key TEXT NOT NULL, query TEXT NOT NULL, params TEXT NOT NULL,
    created REAL NOT NULL, answer TEXT NOT NULL, PRIMARY KEY (service, key)
);
"""
_COLUMNS = ["service", "key", "query", "params", "created", "answer"]
_UNREADABLE_ROW = (AttributeError, KeyError, TypeError, ValueError, RecursionError)


class _Damaged(Exception):
    """The cache file is not what this module writes."""


@dataclass(frozen=True, slots=True)
class CacheStats:
    path: Path
    size_bytes: int
    answers: dict[str, int]
    """Stored answers per service."""
    expired: int


class AnswerCache:
    """Geocoder answers by (service, query, parameters); safe to share between threads."""

    def __init__(
        self, path: str | Path | None = None, *, expire_days: float = DEFAULT_EXPIRE_DAYS
    ) -> None:
        """

        :param path: The SQLite file; default ``geocoder-answers.sqlite`` in
            ``$GEOMAP_CACHE_DIR`` or the user cache directory.
        :param expire_days: Answers older than this are asked again.
        """
        self.path = Path(path) if path is not None else default_cache_dir() / CACHE_FILE
        self.expire_seconds = expire_days * 86_400.0
        self._lock = threading.Lock()
        self._told_rows = False
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise GeomapError(
                f"cannot keep geocoder answers in {self.path.parent}: {os_reason(e)}"
                f" (set {CACHE_ENV} to a writable folder)"
            ) from None
        try:
            self._conn: sqlite3.Connection | None = self._connect()
        except _Damaged as e:
            self._conn = self._reset(str(e))

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()

    @staticmethod
    def key(query: Any, params: Mapping[str, Any]) -> str:
        text = json.dumps([query, params], sort_keys=True, default=str, ensure_ascii=False)
        return hashlib.sha256(text.encode()).hexdigest()

    def get(self, service: str, query: Any, params: Mapping[str, Any]) -> list[Location] | None:
        """The stored answer (possibly an empty list), or None when absent or expired."""
        key = self.key(query, params)
        rows, _ = self._execute(
            "SELECT created, answer FROM answers WHERE service = ? AND key = ?", (service, key)
        )
        if not rows:
            return None
        row = rows[0]
        try:
            if time.time() - float(row[0]) > self.expire_seconds:
                return None
            return [_location(d) for d in json.loads(row[1])]
        except _UNREADABLE_ROW as e:
            if not self._told_rows:
                self._told_rows = True
                warn(f"the geocoder answer cache {self.path} holds an unreadable answer"
                     f" ({type(e).__name__}: {e}); dropping it and asking again")  # fmt: skip
            self._execute("DELETE FROM answers WHERE service = ? AND key = ?", (service, key))
            return None

    def put(
        self, service: str, query: Any, params: Mapping[str, Any], answer: list[Location]
    ) -> None:
        data = json.dumps([_jsonable(loc) for loc in answer], ensure_ascii=False, default=str)
        self._execute(
            "INSERT OR REPLACE INTO answers VALUES (?, ?, ?, ?, ?, ?)",
            (
                service,
                self.key(query, params),
                str(query),
                json.dumps(params, sort_keys=True, default=str),
                time.time(),
                data,
            ),
        )

    def stats(self) -> CacheStats:
        cutoff = time.time() - self.expire_seconds
        per_service, _ = self._execute(
            "SELECT service, COUNT(*) FROM answers GROUP BY service ORDER BY service"
        )
        expired, _ = self._execute("SELECT COUNT(*) FROM answers WHERE created < ?", (cutoff,))
        size = sum(p.stat().st_size for p in (self.path, Path(f"{self.path}-wal")) if p.is_file())
        return CacheStats(self.path, size, dict(per_service), expired[0][0] if expired else 0)

    def clear(self, *, service: str | None = None, expired_only: bool = False) -> int:
        """Delete answers (of one service, or only expired ones); returns how many."""
        where, params = [], []
        if service is not None:
            where.append("service = ?")
            params.append(service)
        if expired_only:
            where.append("created < ?")
            params.append(time.time() - self.expire_seconds)
        sql = "DELETE FROM answers" + (f" WHERE {' AND '.join(where)}" if where else "")
        _, deleted = self._execute(sql, tuple(params))
        self._execute("VACUUM")
        return deleted

    # ------------------------------------------------------------------ internals

    def _connect(self) -> sqlite3.Connection:
        """Open the file, making it if needed; _Damaged if it is not an answer cache."""
        try:
            conn = sqlite3.connect(self.path, check_same_thread=False, timeout=30)
        except sqlite3.Error as e:
            raise GeomapError(f"{self.path}: cannot open the geocoder cache: {e}") from None
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.executescript(_SCHEMA)
            columns = [r[1] for r in conn.execute("PRAGMA table_info(answers)")]
            if columns != _COLUMNS:
                raise _Damaged(f"its answers table has the columns {columns}")
            (check,) = conn.execute("PRAGMA quick_check").fetchone()
            if check != "ok":
                raise _Damaged(check)
        except sqlite3.DatabaseError as e:
            conn.close()
            if not _damage(e):
                raise GeomapError(f"{self.path}: cannot use the geocoder cache: {e}") from None
            raise _Damaged(str(e)) from None
        except _Damaged:
            conn.close()
            raise
        return conn

    def _reset(self, reason: str) -> sqlite3.Connection | None:
        """An empty cache in place of a damaged one; None (no cache) if even that fails."""
        warn(f"the geocoder answer cache {self.path} is damaged ({reason}); starting a new one")
        try:
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
            return self._connect()
        except (OSError, GeomapError, _Damaged) as e:
            warn(f"cannot start a new geocoder answer cache ({e}); answers are not kept")
            return None

    def _execute(self, sql: str, params: tuple[Any, ...] = ()) -> tuple[list[Any], int]:
        """One statement's rows and changed-row count; a cache damaged while in use is
        reset (and the statement does nothing)."""
        with self._lock:
            if self._conn is None:
                return [], 0
            try:
                with self._conn:
                    cursor = self._conn.execute(sql, params)
                    return cursor.fetchall(), cursor.rowcount
            except sqlite3.DatabaseError as e:
                if not _damage(e):
                    raise GeomapError(f"{self.path}: cannot use the geocoder cache: {e}") from None
                self._conn.close()
                self._conn = self._reset(str(e))
                return [], 0


def _damage(error: sqlite3.DatabaseError) -> bool:
    """Whether SQLite says the file itself is broken (not busy, full or read-only)."""
    name = getattr(error, "sqlite_errorname", "") or ""
    return name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or (
        "no such table" in str(error) or "has no column" in str(error)
    )


def _jsonable(loc: Location) -> dict[str, Any]:
    return {"address": loc.address, "point": list(loc.point), "raw": loc.raw}


def _location(data: dict[str, Any]) -> Location:
    return Location(data["address"], tuple(data["point"]), data["raw"])
