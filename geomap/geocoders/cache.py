"""A persistent cache of online geocoder answers, so a repeated name costs no request.

Answers live in one SQLite file in the user cache directory, keyed by service,
method, query and parameters, and expire after a number of days. Locations are
stored as JSON (address, point, raw); nothing is pickled.
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

from geomap.errors import GeomapError
from geomap.gazetteer.index import default_cache_dir

__all__ = ["CACHE_FILE", "DEFAULT_EXPIRE_DAYS", "AnswerCache", "CacheStats"]

CACHE_FILE = "geocoder-answers.sqlite"
DEFAULT_EXPIRE_DAYS = 30.0
_SCHEMA = """
CREATE TABLE IF NOT EXISTS answers (
    service TEXT NOT NULL, key TEXT NOT NULL, query TEXT NOT NULL, params TEXT NOT NULL,
    created REAL NOT NULL, answer TEXT NOT NULL, PRIMARY KEY (service, key)
);
"""


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
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._conn = sqlite3.connect(self.path, check_same_thread=False, timeout=30)
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.executescript(_SCHEMA)
        except (OSError, sqlite3.Error) as e:
            raise GeomapError(f"{self.path}: cannot open the geocoder cache: {e}") from None

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    @staticmethod
    def key(query: Any, params: Mapping[str, Any]) -> str:
        text = json.dumps([query, params], sort_keys=True, default=str, ensure_ascii=False)
        return hashlib.sha256(text.encode()).hexdigest()

    def get(self, service: str, query: Any, params: Mapping[str, Any]) -> list[Location] | None:
        """The stored answer (possibly an empty list), or None when absent or expired."""
        with self._lock:
            row = self._conn.execute(
                "SELECT created, answer FROM answers WHERE service = ? AND key = ?",
                (service, self.key(query, params)),
            ).fetchone()
        if row is None or time.time() - row[0] > self.expire_seconds:
            return None
        return [_location(d) for d in json.loads(row[1])]

    def put(
        self, service: str, query: Any, params: Mapping[str, Any], answer: list[Location]
    ) -> None:
        data = json.dumps([_jsonable(loc) for loc in answer], ensure_ascii=False, default=str)
        with self._lock, self._conn:
            self._conn.execute(
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
        with self._lock:
            rows = self._conn.execute(
                "SELECT service, COUNT(*) FROM answers GROUP BY service ORDER BY service"
            ).fetchall()
            (expired,) = self._conn.execute(
                "SELECT COUNT(*) FROM answers WHERE created < ?", (cutoff,)
            ).fetchone()
        size = sum(p.stat().st_size for p in (self.path, Path(f"{self.path}-wal")) if p.is_file())
        return CacheStats(self.path, size, dict(rows), expired)

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
        with self._lock, self._conn:
            n = self._conn.execute(sql, params).rowcount
        with self._lock:
            self._conn.execute("VACUUM")
        return n


def _jsonable(loc: Location) -> dict[str, Any]:
    return {"address": loc.address, "point": list(loc.point), "raw": loc.raw}


def _location(data: dict[str, Any]) -> Location:
    return Location(data["address"], tuple(data["point"]), data["raw"])
