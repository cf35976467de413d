"""The reads both stores share: the same SQL, with what differs between SQLite and
PostgreSQL filled in per store.

A query below is a template: ``{p}`` is a parameter (``?`` or ``%s``), ``{geom}`` the
geometry read back as the store keeps it, ``{in}`` a test that a column is one of many
values (``IN (?, ?, ...)`` in lists SQLite accepts, or ``= ANY(%s)`` with one array),
``{id}`` the column that orders an article's reports, and ``{columns}`` the columns
asked for, as the GeoPackage holds them (PostgreSQL's dates and JSON read back as
text).  :class:`~geomap.collection.geopackage.GeoPackageStore` and
:class:`~geomap.collection.postgis.PostGISStore` say only those few things.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Iterator, Sequence
from typing import Any

import pandas as pd

from geomap.collection.fixes import FIX_COLUMNS
from geomap.collection.merge import Report
from geomap.collection.schema import ARTICLE_COLUMNS, KEYS, LAYERS, table
from geomap.collection.store import (
    MergedRows,
    Store,
    StoredArticle,
    decode_reports,
    decode_stored,
    guarded,
)

__all__ = ["SqlStore"]

PARSED = "SELECT content_hash, parser_version FROM articles"
ARTICLES = "SELECT {columns} FROM articles ORDER BY fid"
ONE_ARTICLE = "SELECT {columns} FROM articles WHERE content_hash = {p}"
COUNT = 'SELECT count(*) FROM "{layer}"'
LAYER_ROWS = 'SELECT {geom}, {columns} FROM "{layer}" ORDER BY fid'
STORED_VERSIONS = ("SELECT content_hash, fid, parser_version, article_id FROM articles "
                   "WHERE content_hash {in}")  # fmt: skip
TAKEN_IDS = "SELECT article_id FROM articles WHERE article_id {in}"
STORED_ROWS = 'SELECT {geom}, {columns} FROM "{layer}" WHERE {key} {in}'
REPORTS = ("SELECT r.key, a.article_id, r.props, r.geom FROM geomap_reports r "
           "JOIN articles a ON a.fid = r.article_fid WHERE r.layer = {p} AND r.key {in} "
           "ORDER BY a.fid, r.{id}")  # fmt: skip
FIXES = f"SELECT {', '.join(FIX_COLUMNS)} FROM geomap_fixes ORDER BY fix_id"
FIND_KEYS = 'SELECT {key} FROM "{layer}" WHERE "{column}" = {p}'
REPORT_KEYS_OF = ("SELECT DISTINCT key FROM geomap_reports WHERE layer = 'incidents' "
                  "AND props LIKE {p}")  # fmt: skip
ARTICLE_HASHES = "SELECT article_id, content_hash FROM articles WHERE article_id {in}"
REPORT_KEYS = "SELECT DISTINCT key FROM geomap_reports WHERE layer = {p}"
ORPHANS = ("SELECT count(*) FROM geomap_reports r WHERE NOT EXISTS "
           "(SELECT 1 FROM articles a WHERE a.fid = r.article_fid)")  # fmt: skip
MISCOUNTED = ("SELECT count(*) FROM articles a WHERE n_places + n_incidents + n_areas != "
              "(SELECT count(*) FROM geomap_reports r WHERE r.article_fid = a.fid)")  # fmt: skip


class SqlStore(Store):
    """A store whose connection runs SQL (``self._conn.execute(query, params)``)."""

    _conn: Any
    _param: str
    """How a query writes a parameter."""
    _geom: str
    """How a query reads a merged layer's geometry back."""
    _report_id: str
    """The column of ``geomap_reports`` that keeps an article's reports in order."""

    @abstractmethod
    def _columns(self, names: Sequence[str]) -> str:
        """``names`` for a SELECT, read back as the GeoPackage holds them."""

    @abstractmethod
    def _in_tests(self, values: Sequence[Any]) -> Iterator[tuple[str, list[Any]]]:
        """``{in}`` tests covering ``values``, with their parameters (one query each)."""

    def _sql(self, template: str, **fill: str) -> str:
        return template.format(p=self._param, geom=self._geom, id=self._report_id, **fill)

    def _rows(self, template: str, params: Sequence[Any] = (), **fill: str) -> list[Any]:
        return self._conn.execute(self._sql(template, **fill), params).fetchall()

    def _rows_in(self, template: str, values: Sequence[Any], before: Sequence[Any] = (),
                 **fill: str) -> list[Any]:  # fmt: skip
        """The rows of ``template`` whose ``{in}`` column is one of ``values``."""
        rows: list[Any] = []
        for test, params in self._in_tests(list(values)):
            rows += self._rows(template, [*before, *params], **fill, **{"in": test})
        return rows

    # ------------------------------------------------------------------ reading

    @guarded
    def parsed(self) -> dict[str, str]:
        return dict(self._rows(PARSED))

    @guarded
    def articles(self) -> pd.DataFrame:
        names = [c for c in ARTICLE_COLUMNS if c != "text"]
        return table(self._rows(ARTICLES, columns=self._columns(names)), names)

    @guarded
    def stored_article(self, content_hash: str) -> dict[str, Any]:
        (row,) = self._rows(ONE_ARTICLE, [content_hash], columns=self._columns(ARTICLE_COLUMNS))
        return dict(zip(ARTICLE_COLUMNS, row, strict=True))

    @guarded
    def counts(self) -> dict[str, int]:
        return {layer: self._rows(COUNT, layer=layer)[0][0] for layer in LAYERS}

    def _layer_rows(self, layer: str) -> list[tuple[Any, ...]]:
        return self._rows(LAYER_ROWS, layer=layer,
                          columns=self._columns(LAYERS[layer].column_names))  # fmt: skip

    def _stored_versions(self, hashes: Sequence[str]) -> dict[str, StoredArticle]:
        return {digest: StoredArticle(fid, version, article_id) for digest, fid, version,
                article_id in self._rows_in(STORED_VERSIONS, hashes)}  # fmt: skip

    def _taken_ids(self, article_ids: Sequence[str]) -> set[str]:
        return {i for (i,) in self._rows_in(TAKEN_IDS, article_ids)}

    def _stored_rows(self, layer: str, keys: list[str]) -> MergedRows:
        return decode_stored(layer, self._rows_in(
            STORED_ROWS, keys, layer=layer, key=KEYS[layer],
            columns=self._columns(LAYERS[layer].column_names)))  # fmt: skip

    def _reports(self, layer: str, keys: list[str]) -> dict[str, list[Report]]:
        """Per key, in the articles' order (a key's reports are all in one query)."""
        return decode_reports(self._rows_in(REPORTS, keys, [layer]))

    def _fix_rows(self) -> list[tuple[Any, ...]]:
        return self._rows(FIXES)

    def _find_keys(self, layer: str, column: str, value: str) -> list[str]:
        return [k for (k,) in self._rows(FIND_KEYS, [value], key=KEYS[layer], layer=layer,
                                         column=column)]  # fmt: skip

    def _report_keys_of(self, report_id: str) -> list[str]:
        return [k for (k,) in self._rows(REPORT_KEYS_OF, [f'%"incident_id":"{report_id}"%'])]

    def _article_hashes(self, article_ids: Sequence[str]) -> dict[str, str]:
        return dict(self._rows_in(ARTICLE_HASHES, article_ids))

    def _report_keys(self, layer: str) -> set[str]:
        return {k for (k,) in self._rows(REPORT_KEYS, [layer])}

    def _report_problems(self) -> tuple[int, int]:
        return self._rows(ORPHANS)[0][0], self._rows(MISCOUNTED)[0][0]
