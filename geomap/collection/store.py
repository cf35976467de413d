"""A collection: one GeoPackage file holding articles and what they report, merged.

Layers (QGIS lists them; ``geopandas.read_file(path, layer=...)`` reads them):

* ``articles`` (attributes): one row per article, keyed by the hash of its words,
  with its title, URL, site, date, text and the parser version that read it;
* ``places`` (points): one row per place across all articles (``mentions`` summed,
  ``articles`` listed);
* ``incidents`` (points or polygons): one row per incident, reports of the same type,
  place and date merged, every report kept in ``sources``;
* ``areas`` (polygons): one row per radius around a place.

Each article's own rows live in ``geomap_reports`` (a plain table, not a layer); the
merged layers are derived from them.  An article and everything it changes commit
in one transaction, so a killed run leaves the file as it was after some article.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import shapely

from geomap.collection.gpkg import Column, Layer, create_layer, from_blobs, init_geopackage
from geomap.collection.merge import Report, merge_area, merge_incident, merge_place
from geomap.collection.parse import ArticleResult
from geomap.enrich import AREA_COLUMNS, INCIDENT_COLUMNS, PLACE_COLUMNS
from geomap.errors import GeomapError

__all__ = ["ARTICLE_COLUMNS", "LAYERS", "Collection"]

_INTEGER = {"geonameid", "mentions", "date_precision", "geo_precision", "fatalities", "injured",
            "people_affected", "structures_affected", "weapons_count", "evidence_start",
            "evidence_end", "n_articles", "n_sources", "n_places", "n_incidents",
            "n_areas"}  # fmt: skip
_REAL = {"lat", "lon", "score", "radius_m"}
_DATE = {"date", "date_start", "date_end", "source_date"}
JSON_COLUMNS = frozenset({"sentences", "counts", "dates", "actors", "mediators", "qualifiers",
                          "support", "sources", "articles", "report_ids"})  # fmt: skip

ARTICLE_COLUMNS = ["content_hash", "article_id", "title", "url", "site", "date", "path",
                   "origin", "added", "parser_version", "n_places", "n_incidents", "n_areas",
                   "text"]  # fmt: skip


def _column(name: str, constraint: str = "") -> Column:
    if name in _INTEGER:
        kind = "INTEGER"
    elif name in _REAL:
        kind = "REAL"
    elif name in _DATE:
        kind = "DATE"
    elif name == "added":
        kind = "DATETIME"
    else:
        kind = "TEXT"
    return Column(name, kind, constraint)


def _layer(name: str, columns: list[str], key: str, geometry: str | None, about: str) -> Layer:
    cols = tuple(_column(c, "NOT NULL UNIQUE" if c == key else "") for c in columns)
    return Layer(name, cols, geometry, about)


LAYERS: dict[str, Layer] = {
    "articles": _layer("articles", ARTICLE_COLUMNS, "content_hash", None,
                       "One row per article, keyed by the hash of its words"),
    "places": _layer("places", [*PLACE_COLUMNS, "n_articles", "articles"], "place_id", "POINT",
                     "Every place the articles name, once"),
    "incidents": _layer("incidents", [*INCIDENT_COLUMNS, "merge_key", "n_sources", "sources",
                                      "articles", "report_ids"], "merge_key", "GEOMETRY",
                        "Incidents, reports of one type, place and date merged"),
    "areas": _layer("areas", [*AREA_COLUMNS, "n_articles", "articles"], "area_id", "GEOMETRY",
                    "Stated radii around places"),
}  # fmt: skip
_KEYS = {"places": "place_id", "incidents": "merge_key", "areas": "area_id"}
_MERGE = {
    "places": lambda key, reports: merge_place(reports),
    "incidents": merge_incident,
    "areas": lambda key, reports: merge_area(reports),
}
_REPORTS_SQL = """
CREATE TABLE IF NOT EXISTS geomap_reports (
  article_fid INTEGER NOT NULL REFERENCES articles(fid), layer TEXT NOT NULL,
  key TEXT NOT NULL, props TEXT NOT NULL, geom BLOB);
CREATE INDEX IF NOT EXISTS geomap_reports_key ON geomap_reports (layer, key);
CREATE INDEX IF NOT EXISTS geomap_reports_article ON geomap_reports (article_fid);
CREATE INDEX IF NOT EXISTS geomap_articles_id ON articles (article_id);
"""


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
        p.parent.mkdir(parents=True, exist_ok=True)
        try:
            conn = sqlite3.connect(p, isolation_level=None, timeout=60)
            if not _is_collection(conn):
                if p.stat().st_size:
                    conn.close()
                    raise GeomapError(f"{p}: not a geomap collection (a file of other data)")
                with _transaction(conn):
                    init_geopackage(conn)
                    for layer in LAYERS.values():
                        create_layer(conn, layer)
                    for statement in _REPORTS_SQL.split(";"):
                        conn.execute(statement)
        except sqlite3.DatabaseError as e:
            raise GeomapError(f"{p}: not a geomap collection ({e})") from None
        return cls(p, conn)

    def close(self) -> None:
        """Record each layer's extent and leave a single self-contained file."""
        try:
            if self._changed:
                with _transaction(self._conn):
                    self._update_extents()
                self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                self._conn.execute("PRAGMA journal_mode = DELETE")
        except sqlite3.OperationalError:
            pass  # another process has it open: it will tidy up when it closes
        self._conn.close()

    def _writing(self) -> None:
        """Commits go through a write-ahead log while articles are added: each article
        still commits on its own, without a sync to disk per article."""
        if not self._wal:
            self._conn.execute("PRAGMA journal_mode = WAL")
            self._conn.execute("PRAGMA synchronous = NORMAL")
            self._wal = True

    def __enter__(self) -> Collection:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ writing

    def parsed(self) -> dict[str, str]:
        """content hash -> parser version of every stored article."""
        return dict(self._conn.execute("SELECT content_hash, parser_version FROM articles"))

    def add(self, result: ArticleResult, *, origin: str | None = None,
            site: str | None = None) -> None:  # fmt: skip
        """Store one parsed article (replacing an earlier parse of the same words) and
        merge what it touches, in one transaction."""
        fields = dict(result.article)
        fields.update(origin=origin, site=site,
                      added=dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
                      n_places=len(result.places), n_incidents=len(result.incidents),
                      n_areas=len(result.areas))  # fmt: skip
        self._writing()
        with _transaction(self._conn):
            touched = self._delete_article(fields["content_hash"])
            # Two inputs with one name ("report.txt" from two folders) stay two articles.
            if self._conn.execute(
                "SELECT 1 FROM articles WHERE article_id = ?", (fields["article_id"],)
            ).fetchone():
                fields["article_id"] = f"{fields['article_id']}-{fields['content_hash'][:8]}"
            names = ARTICLE_COLUMNS
            cur = self._conn.execute(
                f"INSERT INTO articles ({', '.join(names)}) "
                f"VALUES ({', '.join('?' * len(names))})",
                [fields.get(n) for n in names],
            )
            fid = cur.lastrowid
            for layer, rows in (("places", result.places), ("incidents", result.incidents),
                                ("areas", result.areas)):  # fmt: skip
                self._conn.executemany(
                    "INSERT INTO geomap_reports VALUES (?, ?, ?, ?, ?)",
                    [(fid, layer, key, _dumps(props), geom) for key, props, geom in rows],
                )
                touched.setdefault(layer, set()).update(key for key, _, _ in rows)
            self._refresh(touched)

    def remove(self, content_hash: str) -> bool:
        """Forget one article and what only it reported."""
        self._writing()
        with _transaction(self._conn):
            touched = self._delete_article(content_hash)
            self._refresh(touched)
        return bool(touched)

    def _delete_article(self, content_hash: str) -> dict[str, set[str]]:
        row = self._conn.execute(
            "SELECT fid FROM articles WHERE content_hash = ?", (content_hash,)
        ).fetchone()
        if row is None:
            return {}
        touched: dict[str, set[str]] = {}
        for layer, key in self._conn.execute(
            "SELECT layer, key FROM geomap_reports WHERE article_fid = ?", row
        ):
            touched.setdefault(layer, set()).add(key)
        self._conn.execute("DELETE FROM geomap_reports WHERE article_fid = ?", row)
        self._conn.execute("DELETE FROM articles WHERE fid = ?", row)
        return touched

    def _refresh(self, touched: dict[str, set[str]]) -> None:
        self._changed = True
        for layer, keys in touched.items():
            key_column = _KEYS[layer]
            names = LAYERS[layer].column_names
            upsert = (
                f'INSERT INTO "{layer}" (geom, {", ".join(names)}) '
                f"VALUES (?, {', '.join('?' * len(names))}) "
                f"ON CONFLICT({key_column}) DO UPDATE SET geom = excluded.geom, "
                + ", ".join(f"{n} = excluded.{n}" for n in names if n != key_column)
            )
            for key in sorted(keys):
                row = self._merged(layer, key)
                if row is None:
                    self._conn.execute(f'DELETE FROM "{layer}" WHERE {key_column} = ?', (key,))
                else:
                    self._conn.execute(upsert, row)
        self._conn.execute(
            "UPDATE gpkg_contents SET last_change = strftime('%Y-%m-%dT%H:%M:%fZ','now')"
        )

    def _merged(self, layer: str, key: str) -> list[Any] | None:
        """The merged row for ``key`` as stored: geometry blob, then the layer's columns."""
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
        props, geom = _MERGE[layer](key, reports)
        props[_KEYS[layer]] = key
        return [geom, *(_cell(n, props.get(n)) for n in LAYERS[layer].column_names)]

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

    def articles(self) -> pd.DataFrame:
        """The articles layer without the texts, oldest first."""
        names = [c for c in ARTICLE_COLUMNS if c != "text"]
        rows = self._conn.execute(f"SELECT {', '.join(names)} FROM articles ORDER BY fid")
        return pd.DataFrame(rows.fetchall(), columns=names)

    def stored_article(self, content_hash: str) -> dict[str, Any]:
        cur = self._conn.execute(
            f"SELECT {', '.join(ARTICLE_COLUMNS)} FROM articles WHERE content_hash = ?",
            (content_hash,),
        )
        return dict(zip(ARTICLE_COLUMNS, cur.fetchone(), strict=True))

    def frame(self, layer: str) -> gpd.GeoDataFrame:
        """A merged layer as a GeoDataFrame (EPSG:4326) with lists and dicts decoded,
        columns as :data:`geomap.enrich` names them plus the collection's own."""
        names = LAYERS[layer].column_names
        rows = self._conn.execute(
            f'SELECT geom, {", ".join(names)} FROM "{layer}" ORDER BY fid'
        ).fetchall()
        table = pd.DataFrame([r[1:] for r in rows], columns=names)
        for name in names:
            if name in JSON_COLUMNS:
                table[name] = [json.loads(v) if v is not None else None for v in table[name]]
            elif name in _INTEGER:
                table[name] = table[name].astype("Int64")
            elif name in _REAL:
                table[name] = table[name].astype("float64")
            else:
                table[name] = table[name].astype(object)
        geometry = gpd.GeoSeries(from_blobs([r[0] for r in rows]), crs="EPSG:4326")
        return gpd.GeoDataFrame(table, geometry=geometry, crs="EPSG:4326")

    def counts(self) -> dict[str, int]:
        return {
            name: self._conn.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0]
            for name in LAYERS
        }

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
        for layer, key_column in _KEYS.items():
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


def _is_collection(conn: sqlite3.Connection) -> bool:
    """True for a file this module made (then opening it writes nothing)."""
    tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master")}
    return {"gpkg_contents", "geomap_reports", *LAYERS} <= tables


@contextmanager
def _transaction(conn: sqlite3.Connection) -> Iterator[None]:
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


def _cell(name: str, value: Any) -> Any:
    if name in JSON_COLUMNS:
        return None if value is None else _dumps(value)
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, dict | list):
        return _dumps(value)
    return value
