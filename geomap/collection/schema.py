"""What a collection's GeoPackage holds, and how values go into and out of its cells.

Layers (QGIS lists them; ``geopandas.read_file(path, layer=...)`` reads them):

* ``articles`` (attributes): one row per article, keyed by the hash of its words,
  with its title, URL, site, date, text and the parser version that read it;
* ``places`` (points): one row per place across all articles (``mentions`` summed,
  ``articles`` listed);
* ``incidents`` (points or polygons): one row per incident, reports of the same type,
  place and date merged, the reporting articles in ``sources``;
* ``areas`` (polygons): one row per radius around a place.

Each article's own rows live in ``geomap_reports`` (a plain table, not a layer); the
merged layers are derived from them, with the analyst's corrections in ``geomap_fixes``
applied (such rows say what was changed in ``corrected``).
"""

from __future__ import annotations

import json
import re
from typing import Any

import numpy as np
import pandas as pd

from geomap.collection.gpkg import Column, Layer
from geomap.enrich import AREA_COLUMNS, INCIDENT_COLUMNS, PLACE_COLUMNS

__all__ = ["ARTICLE_COLUMNS", "CORRECTABLE", "CORRECTED", "FIXES_SQL", "JSON_COLUMNS", "KEYS",
           "LAYERS", "REPORTS_SQL", "cell",
           "decode", "dumps", "storable", "table", "text_cell"]  # fmt: skip

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
    "places": _layer("places", [*PLACE_COLUMNS, "n_articles", "articles", "corrected"],
                     "place_id", "POINT", "Every place the articles name, once"),
    "incidents": _layer("incidents", [*INCIDENT_COLUMNS, "merge_key", "n_sources", "sources",
                                      "articles", "report_ids", "corrected"], "merge_key",
                        "GEOMETRY",
                        "Incidents, reports of one type, place and date merged"),
    "areas": _layer("areas", [*AREA_COLUMNS, "n_articles", "articles"], "area_id", "GEOMETRY",
                    "Stated radii around places"),
}  # fmt: skip
KEYS = {"places": "place_id", "incidents": "merge_key", "areas": "area_id"}
"""Merged layer -> the column that keys its rows (and its reports)."""
CORRECTED = "corrected"
"""The column of merged rows an analyst's fix changed (:mod:`.fixes`): what it changed
("type", "location", "place location"), empty for rows as the parser made them."""
CORRECTABLE = ("places", "incidents")
"""The layers that carry :data:`CORRECTED` (added to older collections when opened)."""

REPORTS_SQL = """
CREATE TABLE IF NOT EXISTS geomap_reports (
  article_fid INTEGER NOT NULL REFERENCES articles(fid), layer TEXT NOT NULL,
  key TEXT NOT NULL, props TEXT NOT NULL, geom BLOB);
CREATE INDEX IF NOT EXISTS geomap_reports_key ON geomap_reports (layer, key);
CREATE INDEX IF NOT EXISTS geomap_reports_article ON geomap_reports (article_fid);
CREATE INDEX IF NOT EXISTS geomap_articles_id ON articles (article_id);
"""
FIXES_SQL = """
CREATE TABLE IF NOT EXISTS geomap_fixes (
  fix_id INTEGER PRIMARY KEY AUTOINCREMENT, layer TEXT NOT NULL, target TEXT NOT NULL,
  kind TEXT NOT NULL, value TEXT NOT NULL, anchors TEXT NOT NULL, created TEXT NOT NULL)
"""
"""An analyst's corrections (:mod:`geomap.collection.fixes`), applied to merged rows."""


_SURROGATE = re.compile("[\ud800-\udfff]")
_UNSTORABLE = re.compile("[\ud800-\udfff\x00]")


def dumps(value: Any) -> str:
    """JSON text as stored: a lone surrogate (from a file name that is not UTF-8)
    becomes U+FFFD, as SQLite stores only valid UTF-8."""
    text = json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    return _SURROGATE.sub("\ufffd", text)


def storable(props: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """A report's JSON text, and its properties exactly as they will read back (so a
    merge of the new report equals a merge of the stored one).  NUL characters
    become U+FFFD too: PostgreSQL's text cannot hold them, and both stores keep the
    same text."""
    text, replaced = _SURROGATE.subn(
        "\ufffd", json.dumps(props, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    )
    if "\\u0000" in text:  # maybe a NUL character (or the six characters \u0000)
        props = _without_nul(json.loads(text))
        text = json.dumps(props, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
        return text, props
    return text, json.loads(text) if replaced else props


def _without_nul(value: Any) -> Any:
    if isinstance(value, str):
        return value.replace("\x00", "\ufffd")
    if isinstance(value, list):
        return [_without_nul(v) for v in value]
    if isinstance(value, dict):
        return {_without_nul(k): _without_nul(v) for k, v in value.items()}
    return value


def text_cell(value: Any) -> Any:
    """A value for a text column: lone surrogates (as in :func:`dumps`) and NUL
    characters (as in :func:`storable`) replaced."""
    return _UNSTORABLE.sub("\ufffd", value) if isinstance(value, str) else value


def cell(name: str, value: Any) -> Any:
    """A property as the layer's column ``name`` stores it."""
    if name in JSON_COLUMNS:
        return None if value is None else dumps(value)
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, dict | list):
        return dumps(value)
    return value


def decode(names: list[str], values: tuple[Any, ...] | list[Any]) -> dict[str, Any]:
    """A stored row's cells as properties (lists and objects decoded)."""
    return {name: json.loads(value) if name in JSON_COLUMNS and value is not None else value
            for name, value in zip(names, values, strict=True)}  # fmt: skip


def table(rows: list[tuple[Any, ...]], names: list[str]) -> pd.DataFrame:
    """Stored rows as a frame whose missing values are what each kind of column
    expects: None in text and JSON columns (pandas 3 would make missing strings float
    NaN, which ``value or ""`` takes for text), ``pd.NA`` in integer columns and NaN in
    real ones; lists and objects decoded."""
    columns = list(zip(*rows, strict=True)) if rows else [()] * len(names)
    data: dict[str, pd.Series] = {}
    for name, values in zip(names, columns, strict=True):
        if name in JSON_COLUMNS:
            data[name] = pd.Series([None if v is None else json.loads(v) for v in values],
                                   dtype=object)  # fmt: skip
        elif name in _INTEGER:
            data[name] = pd.Series(values, dtype="Int64")
        elif name in _REAL:
            data[name] = pd.Series([np.nan if v is None else v for v in values],
                                   dtype="float64")  # fmt: skip
        else:
            data[name] = pd.Series(values, dtype=object)
    return pd.DataFrame(data, columns=names)
