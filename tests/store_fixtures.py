"""Fixtures that run collection tests against each store: a GeoPackage file and PostGIS.

A test module loads them with ``pytest_plugins = ["store_fixtures"]``.  The PostGIS
server is real (:mod:`store_servers`), started once per session on first use and
stopped at its end; each test (or module) gets a fresh database copied from a
PostGIS template.  The store reaches every command through ``GEOMAP_STORE``, so
in-process ``CliRunner`` calls and ``geomap`` subprocesses alike use it.

Where PostgreSQL cannot exist (its server programs are not installed) the PostGIS
cases skip with the reason; under CI (``CI`` set, as ``.ci/run`` runs) they fail
instead, since ``.ci/run`` installs PostgreSQL and a skip would hide a broken setup.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from store_servers import PostgresServer, start_postgres

from geomap.collection.store import Store, open_collection

STORES = ["gpkg", "postgis"]

_server: PostgresServer | None = None
_problem: str | None = None


def postgres() -> PostgresServer:
    """The session's PostgreSQL + PostGIS server (started on first use)."""
    global _server, _problem
    if _server is None and _problem is None:
        try:
            _server = start_postgres()
        except RuntimeError as e:
            _problem = str(e)
    if _server is None:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL is needed in CI: {_problem}")
        pytest.skip(f"no PostgreSQL + PostGIS here: {_problem}")
    return _server


@pytest.fixture(scope="session")
def postgis_server() -> Iterator[PostgresServer]:
    yield postgres()
    # stopped by pytest_sessionfinish, once, whichever module started it


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    global _server
    if _server is not None:
        _server.stop()
        _server = None


@dataclass
class StoreUnderTest:
    """One store as the tests see it; ``url`` is None for GeoPackage files."""

    kind: str
    url: str | None = None
    server: PostgresServer | None = None
    database: str | None = None

    def open(self, name: str, data_dir: str | Path = "data", *, create: bool = False) -> Store:
        return open_collection(name, data_dir=data_dir, store=self.url or "gpkg", create=create)

    def label(self, name: str, data_dir: str | Path = "data") -> str:
        if self.url is None:
            return str(Path(data_dir) / f"{name}.gpkg")
        return f"{self.url}#{name}"

    def sql(self, name: str, statement: str, data_dir: str | Path = "data") -> list[tuple]:
        """Run one statement on the collection's own tables (tests that age a parse)."""
        if self.url is None:
            with sqlite3.connect(Path(data_dir) / f"{name}.gpkg") as conn:
                return conn.execute(statement).fetchall()
        import psycopg

        with psycopg.connect(self.url, autocommit=True) as conn:
            conn.execute(f'SET search_path = "{name}", public')
            cur = conn.execute(statement)
            return cur.fetchall() if cur.description else []

    def articles_stored(self, name: str, data_dir: str | Path = "data") -> int:
        """Articles committed so far (0 while the collection does not exist yet)."""
        try:
            return self.sql(name, "SELECT count(*) FROM articles", data_dir)[0][0]
        except Exception:
            return 0

    def rows(self, name: str, data_dir: str | Path = "data") -> dict[str, list[tuple[Any, ...]]]:
        """Every row of every table, to tell whether a command changed anything."""
        out = {}
        for table in ("articles", "places", "incidents", "areas", "geomap_reports"):
            out[table] = sorted(map(repr, self.sql(name, f"SELECT * FROM {table}", data_dir)))
        return out


def _store(kind: str, patch: pytest.MonkeyPatch) -> StoreUnderTest:
    if kind == "gpkg":
        patch.setenv("GEOMAP_STORE", "gpkg")
        return StoreUnderTest("gpkg")
    server = postgres()
    database = server.new_database()
    url = server.url(database)
    patch.setenv("GEOMAP_STORE", url)
    return StoreUnderTest("postgis", url, server, database)


@pytest.fixture(params=STORES)
def store(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> StoreUnderTest:
    """Each store in turn, chosen for every command through ``GEOMAP_STORE``."""
    return _store(request.param, monkeypatch)


@pytest.fixture(scope="module", params=STORES)
def module_store(request: pytest.FixtureRequest) -> Iterator[StoreUnderTest]:
    """Each store in turn, for a module's shared collection."""
    with pytest.MonkeyPatch.context() as patch:
        yield _store(request.param, patch)
