"""A collection: one GeoPackage file holding articles and what they report, merged.

:mod:`geomap.collection.schema` lists the layers.  Each article's own rows live in
``geomap_reports``; the merged layers are folds of them (:mod:`.merge`), updated
as each article arrives from its own rows only.  An article and everything it
changes commit in one transaction, so a killed run leaves the file as it was after
some article.  SQLite's errors (a read-only, damaged or foreign file, a full disk)
become one-line :class:`~geomap.errors.GeomapError` messages naming the file.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

import geopandas as gpd
import pandas as pd
import shapely

from geomap.collection.gpkg import create_layer, from_blobs, init_geopackage
from geomap.collection.merge import Report, merge, merge_article
from geomap.collection.parse import ArticleResult
from geomap.collection.schema import (
    ARTICLE_COLUMNS,
    KEYS,
    LAYERS,
    REPORTS_SQL,
    cell,
    decode,
    storable,
    table,
    text_cell,
)
from geomap.errors import GeomapError

__all__ = ["ARTICLE_COLUMNS", "LAYERS", "Collection", "Stored", "is_collection_file"]

Stored = tuple[ArticleResult, str | None, str | None]
"""A parsed article to store, with its origin (file or URL) and site."""

_P = ParamSpec("_P")
_R = TypeVar("_R")


def _reported(method: Callable[_P, _R]) -> Callable[_P, _R]:
    """SQLite's errors in ``method`` as one line naming the collection's file."""

    @functools.wraps(method)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        try:
            return method(*args, **kwargs)
        except sqlite3.Error as e:
            raise _problem(args[0].path, e) from None  # type: ignore[attr-defined]

    return wrapper


class Collection:
    """An open collection file; use :meth:`open` and close it (or use ``with``)."""

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self._conn = conn
        self._changed = False
        self._wal = False

    @classmethod
    def open(cls, path: str | Path, *, create: bool = True) -> Collection:
        """Open (or create) the GeoPackage at ``path``; a missing file without ``create``
        and a file that is not a collection are one-line errors."""
        p = Path(path)
        if not p.exists() and not create:
            raise GeomapError(f"{p}: no such collection (create it with geomap add)")
        if p.exists() and not p.is_file():
            raise GeomapError(f"{p}: not a geomap collection (not a regular file)")
        try:
            p.parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise GeomapError(f"{p.parent}: cannot make the folder ({e.strerror})") from None
        try:
            conn = sqlite3.connect(p, isolation_level=None, timeout=60)
        except sqlite3.Error as e:
            raise _problem(p, e) from None
        try:
            if not _is_collection(conn):
                if p.stat().st_size:
                    raise GeomapError(f"{p}: not a geomap collection (a file of other data)")
                with _transaction(conn):
                    init_geopackage(conn)
                    for layer in LAYERS.values():
                        create_layer(conn, layer)
                    for statement in REPORTS_SQL.split(";"):
                        conn.execute(statement)
        except sqlite3.DatabaseError as e:
            conn.close()
            if any(words in str(e) for words in ("readonly", "unable to open", "malformed")):
                raise _problem(p, e) from None
            raise GeomapError(f"{p}: not a geomap collection ({e})") from None
        except BaseException:
            conn.close()
            raise
        return cls(p, conn)

    def close(self) -> None:
        """Record each layer's extent and leave a single self-contained file (best
        effort: the articles are committed already)."""
        try:
            if self._changed:
                with _transaction(self._conn):
                    self._update_extents()
            if self._wal:
                self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                self._conn.execute("PRAGMA journal_mode = DELETE")
        except sqlite3.Error:
            pass  # another process has it open (it tidies up when it closes), or a full disk
        self._conn.close()

    @_reported
    def start_writing(self) -> None:
        """Ready the file for adding articles, or say now (before any parsing) that it
        cannot be written.  Commits then go through a write-ahead log: each article
        still commits on its own, without a sync to disk per article."""
        if not self._wal:
            try:
                self._conn.execute("PRAGMA journal_mode = WAL")
            except sqlite3.OperationalError as e:
                raise GeomapError(f"{self.path}: cannot write to the collection ({e}; is the "
                                  "file or its folder read-only?)") from None  # fmt: skip
            self._conn.execute("PRAGMA synchronous = NORMAL")
            self._wal = True

    def __enter__(self) -> Collection:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ writing

    @_reported
    def parsed(self) -> dict[str, str]:
        """content hash -> parser version of every stored article."""
        return dict(self._conn.execute("SELECT content_hash, parser_version FROM articles"))

    def add(self, result: ArticleResult, *, origin: str | None = None,
            site: str | None = None) -> None:  # fmt: skip
        """Store one parsed article (replacing an earlier parse of the same words) and
        merge what it reports, in one transaction."""
        self.add_batch([(result, origin, site)])

    @_reported
    def add_batch(self, items: Sequence[Stored]) -> None:
        """Store parsed articles in one transaction.  A new article's reports are folded
        into the merged rows; a key that loses an earlier parse's reports is merged
        again from all its reports, once per batch (so re-parsing many reports of one
        incident merges it once per batch, not once per article)."""
        self.start_writing()
        with _transaction(self._conn):
            remerge: dict[str, set[str]] = {layer: set() for layer in KEYS}
            for result, origin, site in items:
                fid, touched = self._delete_article(result.article["content_hash"])
                for layer, keys in touched.items():
                    remerge[layer] |= keys
                fid, article_id = self._insert_article(result, origin, site, fid)
                for layer, rows in (("places", result.places), ("incidents", result.incidents),
                                    ("areas", result.areas)):  # fmt: skip
                    groups: dict[str, list[Report]] = {}
                    for key, props, geom in rows:
                        key = text_cell(key)
                        text, props = storable(props)
                        self._conn.execute("INSERT INTO geomap_reports VALUES (?, ?, ?, ?, ?)",
                                           (fid, layer, key, text, geom))  # fmt: skip
                        groups.setdefault(key, []).append(Report(article_id, props, geom))
                    for key, reports in groups.items():
                        if key not in remerge[layer]:
                            self._merge_in(layer, key, reports)
            for layer, keys in remerge.items():
                for key in sorted(keys):
                    self._remerge(layer, key)
            self._touch()

    @_reported
    def remove(self, content_hash: str) -> bool:
        """Forget one article and what only it reported."""
        self.start_writing()
        with _transaction(self._conn):
            _, touched = self._delete_article(content_hash)
            for layer, keys in touched.items():
                for key in sorted(keys):
                    self._remerge(layer, key)
            self._touch()
        return bool(touched)

    def _insert_article(self, result: ArticleResult, origin: str | None, site: str | None,
                        fid: int | None) -> tuple[int, str]:  # fmt: skip
        """Insert the article's row, at ``fid`` when it replaces an earlier parse (so
        re-parsing keeps the articles' order, and the order of merged lists)."""
        fields = {name: text_cell(value) for name, value in result.article.items()}
        fields.update(origin=text_cell(origin), site=text_cell(site),
                      added=dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
                      n_places=len(result.places), n_incidents=len(result.incidents),
                      n_areas=len(result.areas))  # fmt: skip
        # Two inputs with one name ("report.txt" from two folders) stay two articles.
        if self._conn.execute(
            "SELECT 1 FROM articles WHERE article_id = ?", (fields["article_id"],)
        ).fetchone():
            fields["article_id"] = f"{fields['article_id']}-{fields['content_hash'][:8]}"
        cur = self._conn.execute(
            f"INSERT INTO articles (fid, {', '.join(ARTICLE_COLUMNS)}) "
            f"VALUES (?, {', '.join('?' * len(ARTICLE_COLUMNS))})",
            [fid, *(fields.get(n) for n in ARTICLE_COLUMNS)],
        )
        assert cur.lastrowid is not None
        return cur.lastrowid, fields["article_id"]

    def _delete_article(self, content_hash: str) -> tuple[int | None, dict[str, set[str]]]:
        """Delete an article and its reports: its fid, and the keys they touched."""
        row = self._conn.execute(
            "SELECT fid FROM articles WHERE content_hash = ?", (content_hash,)
        ).fetchone()
        if row is None:
            return None, {}
        touched: dict[str, set[str]] = {}
        for layer, key in self._conn.execute(
            "SELECT layer, key FROM geomap_reports WHERE article_fid = ?", row
        ):
            touched.setdefault(layer, set()).add(key)
        self._conn.execute("DELETE FROM geomap_reports WHERE article_fid = ?", row)
        self._conn.execute("DELETE FROM articles WHERE fid = ?", row)
        return row[0], touched

    def _merge_in(self, layer: str, key: str, reports: list[Report]) -> None:
        """Fold one new article's reports into the stored row: its own rows' cost."""
        names = LAYERS[layer].column_names
        stored = self._conn.execute(
            f'SELECT geom, {", ".join(names)} FROM "{layer}" WHERE {KEYS[layer]} = ?', (key,)
        ).fetchone()
        if stored is None:
            props, geom = merge(layer, key, reports)
        else:
            props, geom = merge_article(layer, decode(names, stored[1:]), reports), stored[0]
        self._upsert(layer, [geom, *(cell(n, props.get(n)) for n in names)])

    def _remerge(self, layer: str, key: str) -> None:
        row = self._merged(layer, key)
        if row is None:
            self._conn.execute(f'DELETE FROM "{layer}" WHERE {KEYS[layer]} = ?', (key,))
        else:
            self._upsert(layer, row)

    def _upsert(self, layer: str, row: list[Any]) -> None:
        names = LAYERS[layer].column_names
        self._conn.execute(
            f'INSERT INTO "{layer}" (geom, {", ".join(names)}) '
            f"VALUES (?, {', '.join('?' * len(names))}) "
            f"ON CONFLICT({KEYS[layer]}) DO UPDATE SET geom = excluded.geom, "
            + ", ".join(f"{n} = excluded.{n}" for n in names if n != KEYS[layer]),
            row,
        )

    def _touch(self) -> None:
        self._changed = True
        self._conn.execute(
            "UPDATE gpkg_contents SET last_change = strftime('%Y-%m-%dT%H:%M:%fZ','now')"
        )

    def _merged(self, layer: str, key: str) -> list[Any] | None:
        """The merged row for ``key`` from all its reports, as stored: geometry blob,
        then the layer's columns."""
        reports = [
            Report(article_id, json.loads(props), geom)
            for article_id, props, geom in self._conn.execute(
                "SELECT a.article_id, r.props, r.geom FROM geomap_reports r "
                "JOIN articles a ON a.fid = r.article_fid "
                "WHERE r.layer = ? AND r.key = ? ORDER BY a.fid, r.rowid",
                (layer, key),
            )
        ]
        if not reports:
            return None
        props, geom = merge(layer, key, reports)
        return [geom, *(cell(n, props.get(n)) for n in LAYERS[layer].column_names)]

    def _update_extents(self) -> None:
        for name, layer in LAYERS.items():
            if not layer.geometry_type:
                continue
            blobs = [b for (b,) in self._conn.execute(f'SELECT geom FROM "{name}"') if b]
            if not blobs:
                continue
            minx, miny, maxx, maxy = shapely.total_bounds(from_blobs(blobs))
            self._conn.execute(
                "UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, max_y = ? "
                "WHERE table_name = ?",
                (float(minx), float(miny), float(maxx), float(maxy), name),
            )

    # ------------------------------------------------------------------ reading

    @_reported
    def articles(self) -> pd.DataFrame:
        """The articles layer without the texts, oldest first."""
        names = [c for c in ARTICLE_COLUMNS if c != "text"]
        rows = self._conn.execute(f"SELECT {', '.join(names)} FROM articles ORDER BY fid")
        return table(rows.fetchall(), names)

    @_reported
    def stored_article(self, content_hash: str) -> dict[str, Any]:
        cur = self._conn.execute(
            f"SELECT {', '.join(ARTICLE_COLUMNS)} FROM articles WHERE content_hash = ?",
            (content_hash,),
        )
        return dict(zip(ARTICLE_COLUMNS, cur.fetchone(), strict=True))

    @_reported
    def frame(self, layer: str) -> gpd.GeoDataFrame:
        """A merged layer as a GeoDataFrame (EPSG:4326) with lists and dicts decoded,
        columns as :data:`geomap.enrich` names them plus the collection's own."""
        names = LAYERS[layer].column_names
        rows = self._conn.execute(
            f'SELECT geom, {", ".join(names)} FROM "{layer}" ORDER BY fid'
        ).fetchall()
        geometry = gpd.GeoSeries(from_blobs([r[0] for r in rows]), crs="EPSG:4326")
        return gpd.GeoDataFrame(table([r[1:] for r in rows], names), geometry=geometry,
                                crs="EPSG:4326")  # fmt: skip

    @_reported
    def backup(self, target: sqlite3.Connection) -> None:
        """Copy the whole file, as of its last commit, into ``target``."""
        self._conn.backup(target)

    @_reported
    def counts(self) -> dict[str, int]:
        return {
            name: self._conn.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0]
            for name in LAYERS
        }

    @_reported
    def check(self) -> list[str]:
        """Problems found: SQLite's integrity check, reports without an article, and
        merged rows that differ from merging the reports again (empty when consistent)."""
        problems = [r for (r,) in self._conn.execute("PRAGMA integrity_check") if r != "ok"]
        orphans = self._conn.execute(
            "SELECT COUNT(*) FROM geomap_reports WHERE article_fid NOT IN "
            "(SELECT fid FROM articles)"
        ).fetchone()[0]
        if orphans:
            problems.append(f"{orphans} reports belong to no article")
        (miscounted,) = self._conn.execute(
            "SELECT COUNT(*) FROM articles a WHERE n_places + n_incidents + n_areas != "
            "(SELECT COUNT(*) FROM geomap_reports r WHERE r.article_fid = a.fid)"
        ).fetchone()
        if miscounted:
            problems.append(f"{miscounted} articles lack some of their reports")
        for layer, key_column in KEYS.items():
            names = LAYERS[layer].column_names
            stored = {
                row[1 + names.index(key_column)]: list(row)
                for row in self._conn.execute(f'SELECT geom, {", ".join(names)} FROM "{layer}"')
            }
            keys = {
                k for (k,) in self._conn.execute(
                    "SELECT DISTINCT key FROM geomap_reports WHERE layer = ?", (layer,)
                )
            }  # fmt: skip
            differ = len(set(stored) ^ keys) + sum(
                1 for key in keys & set(stored) if stored[key] != self._merged(layer, key)
            )
            if differ:
                problems.append(f"{layer}: {differ} rows differ from their reports")
        return problems


def is_collection_file(path: str | Path) -> bool:
    """True when ``path`` is a collection's file (which an output must not replace)."""
    p = Path(path)
    if not p.is_file():
        return False
    try:
        conn = sqlite3.connect(f"{p.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return False
    try:
        return _is_collection(conn)
    except sqlite3.Error:
        return False
    finally:
        conn.close()


def _is_collection(conn: sqlite3.Connection) -> bool:
    """True for a file this module made (then opening it writes nothing)."""
    tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master")}
    return {"gpkg_contents", "geomap_reports", *LAYERS} <= tables


def _problem(path: Path, error: sqlite3.Error) -> GeomapError:
    """What went wrong with the file, in words a user can act on."""
    text = str(error)
    if "readonly" in text:
        return GeomapError(f"{path}: cannot write to the collection (the file or its folder "
                           "is read-only)")  # fmt: skip
    if "malformed" in text or "not a database" in text:
        return GeomapError(f"{path}: the collection file is damaged ({text}); restore it "
                           "from a copy, or add the articles to a new collection")  # fmt: skip
    if "unable to open" in text:
        return GeomapError(f"{path}: cannot open the collection ({text}; can its folder be "
                           "read and written?)")  # fmt: skip
    if "locked" in text:
        return GeomapError(f"{path}: another program holds the collection ({text}); try "
                           "again when it has finished")  # fmt: skip
    return GeomapError(f"{path}: {text}")


@contextmanager
def _transaction(conn: sqlite3.Connection) -> Iterator[None]:
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
