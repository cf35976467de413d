"""Incidents as data for the map's own script: one style per event type, honest shapes.

The incidents frame (``geomap.enrich.INCIDENT_COLUMNS``) becomes one compact JSON
object that ``geomap/static/geomap.js`` draws: a marker per incident (clustered), the
shaded admin-1 or country polygon of a region-wide incident, an uncertainty circle
for one "near" a place, a side panel, filters and a time slider.  Popups are put
together in the browser, on demand, but only from fragments escaped here: the script
never sees raw article text, so the escaping stays in Python as for places.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geomap.count_fields import COUNT_TABLE, figure_text
from geomap.enrich import INCIDENT_COLUMNS
from geomap.errors import GeomapError
from geomap.export import json_safe
from geomap.render.elements import packed
from geomap.render.places import PIN_PATH, esc

__all__ = [
    "BACKGROUND_COLOUR",
    "INCIDENT_STYLES",
    "NEAR_RADIUS_M",
    "OTHER_STYLE",
    "PRECISION_LABELS",
    "SIZE_FIELDS",
    "IncidentStyle",
    "check_size_by",
    "coded",
    "incident_data",
    "incident_style",
    "incident_svg",
    "incident_types",
    "source_entry",
    "with_incident_columns",
]


@dataclass(frozen=True, slots=True)
class IncidentStyle:
    """How one event type is drawn: colour and a white glyph (SVG in a 24x24 box,
    centred on 12,12 within a radius of about 6)."""

    colour: str
    glyph: str


_W = 'fill="#fff"'
_S = 'fill="none" stroke="#fff" stroke-width="2" stroke-linecap="round"'
INCIDENT_STYLES: dict[str, IncidentStyle] = {
    "Battles": IncidentStyle("#c62828", f'<path d="M8 8l8 8M16 8l-8 8" {_S}/>'),
    "Explosions/Remote violence": IncidentStyle(
        "#ef6c00",
        f'<polygon points="12,5 13.6,9.6 18.5,8.5 15.2,12 18.5,15.5 13.6,14.4 12,19 10.4,14.4 '
        f'5.5,15.5 8.8,12 5.5,8.5 10.4,9.6" {_W}/>',
    ),
    "Violence against civilians": IncidentStyle(
        "#880e4f",
        f'<circle cx="12" cy="8.2" r="2.3" {_W}/><path d="M8.5 18v-3.5a3.5 3.5 0 0 1 '
        f'7 0V18z" {_W}/>',
    ),
    "Protests": IncidentStyle(
        "#1565c0", f'<path d="M8.5 18.5V6" {_S}/><path d="M9 6.5h8l-2 3 2 3H9z" {_W}/>'
    ),
    "Riots": IncidentStyle(
        "#6a1b9a",
        f'<path d="M12 5c1 3 4.5 4.5 4.5 8.2A4.5 4.5 0 0 1 7.5 13.2c0-1.8 1-3 2-3.8 0 1.5.8 '
        f'2.3 1.6 2.5C11 9.5 11 7 12 5z" {_W}/>',
    ),
    "Strategic developments": IncidentStyle(
        "#00838f", f'<polygon points="12,6 18,12 12,18 6,12" {_W}/>'
    ),
    "Natural disaster": IncidentStyle(
        "#2e7d32",
        f'<path d="M5.5 10.5c2-2 4.5-2 6.5 0s4.5 2 6.5 0M5.5 15c2-2 4.5-2 6.5 0s4.5 '
        f'2 6.5 0" {_S}/>',
    ),
    "Accident": IncidentStyle(
        "#9e7700",
        f'<path d="M12 5.5l6.5 12h-13z" {_W}/><path d="M12 10v3.6M12 15.6v.2" '
        'stroke="#9e7700" stroke-width="1.8" stroke-linecap="round"/>',
    ),
    "Evacuation": IncidentStyle("#ad1457", f'<path d="M6 12h11M13 7.5l4.5 4.5-4.5 4.5" {_S}/>'),
    "Unexploded ordnance": IncidentStyle(
        "#5d4037", f'<circle cx="11" cy="13" r="4.5" {_W}/><path d="M14 9.5l2.5-2.5" {_S}/>'
    ),
}
"""Colour and glyph per event type (``geomap.event_types.EVENT_TYPES``), legend order."""

OTHER_STYLE = IncidentStyle("#616161", f'<circle cx="12" cy="12" r="3" {_W}/>')
BACKGROUND_COLOUR = "#9e9e9e"
"""Background (historic) incidents keep their glyph but lose their colour."""

NEAR_RADIUS_M = 25_000
"""Radius of the uncertainty circle for geo_precision 2 ("near X"): UCDP codes a
location within about 25 km of a named place as precision 2."""

PRECISION_LABELS: dict[int, str] = {
    1: "exact place",
    2: f"near the place (within about {NEAR_RADIUS_M // 1000} km)",
    3: "second-level region",
    4: "somewhere in the province / region",
    5: "somewhere in a larger region",
    6: "somewhere in the country",
    7: "at sea or in airspace",
}
"""UCDP where_prec, in words, for popups."""

SHAPE_DECIMALS = 3
SHAPE_TOLERANCE = 0.01
"""Degrees: admin-1 and country polygons are simplified this much for drawing."""


def incident_style(event_type: str | None) -> IncidentStyle:
    return INCIDENT_STYLES.get(event_type or "", OTHER_STYLE)


def incident_types(frame: pd.DataFrame) -> list[str]:
    """The event types ``frame`` holds, in legend order (unknown ones last, sorted)."""
    used = set(frame["event_type"].fillna(""))
    return [t for t in INCIDENT_STYLES if t in used] + sorted(used - set(INCIDENT_STYLES))


def incident_svg(style: IncidentStyle, *, shape: str, colour: str | None = None) -> str:
    """A pin (an incident at a point) or a round badge with a dashed rim (an incident
    somewhere in a region, whose polygon is shaded), with the type's glyph."""
    fill = colour or style.colour
    if shape == "pin":
        body = f'<path d="{PIN_PATH}" fill="{fill}" stroke="#fff" stroke-width="1.5"/>{style.glyph}'
        return f'<svg width="26" height="38" viewBox="0 0 24 36" aria-hidden="true">{body}</svg>'
    body = (
        f'<circle cx="12" cy="12" r="10.5" fill="{fill}" stroke="#fff" stroke-width="1.5" '
        f'stroke-dasharray="3 2"/>{style.glyph}'
    )
    return f'<svg width="24" height="24" viewBox="0 0 24 24" aria-hidden="true">{body}</svg>'


_WORDS = re.compile(r"\w{4,}")


def _find_word(sentence: str, folded: str, needle: str) -> tuple[int, int] | None:
    """Span of the first ``needle`` in ``sentence`` that stands as a word, ignoring
    case (``folded`` is ``sentence.lower()``, of the same length)."""
    needle = needle.lower()
    start = folded.find(needle)
    while start >= 0:
        end = start + len(needle)
        before = sentence[start - 1] if start else " "
        after = sentence[end] if end < len(sentence) else " "
        if not (before.isalnum() or before == "_") and not (after.isalnum() or after == "_"):
            return start, end
        start = folded.find(needle, start + 1)
    return None


def _highlight(sentence: str, place: str | None) -> str:
    """The sentence, escaped, with the first naming of the place in ``<mark>``.

    The article may name the place differently from the gazetteer ("Belgorod region"
    for "Belgorod Oblast"): failing the full name, the first of the name's words (of
    four letters or more) that the sentence holds is marked.  (Plain string search:
    a regular expression per place made maps of many places slow to build.)
    """
    if not sentence:
        return ""
    if place:
        folded = sentence.lower()
        for needle in (place, *_WORDS.findall(place)):
            if len(folded) == len(sentence) and len(needle.lower()) == len(needle):
                span = _find_word(sentence, folded, needle)
            else:  # lower() changed a length (İ): the regular expression is right
                match = re.search(rf"(?<!\w){re.escape(needle)}(?!\w)", sentence, re.IGNORECASE)
                span = match.span() if match else None
            if span:
                a, b = span
                return f"{esc(sentence[:a])}<mark>{esc(sentence[a:b])}</mark>{esc(sentence[b:])}"
    return esc(sentence)


def _counts_text(row: dict[str, Any]) -> str:
    """The counts of a row already made :func:`json_safe`."""
    qualifiers = row.get("qualifiers") or {}
    parts = []
    for column, count_field in COUNT_TABLE.items():
        label = count_field.label
        value = row.get(column)
        if value is None:
            continue
        qualifier = qualifiers.get(column) if isinstance(qualifiers, dict) else None
        parts.append(f"{figure_text(value, qualifier)} {label}")
    radius = row.get("radius_m")
    if radius is not None:
        parts.append(f"radius {radius:,.0f} m")
    return esc("; ".join(parts))


def _sources(frame: pd.DataFrame) -> tuple[list[dict[str, str | None]], list[int]]:
    """Unique source articles, and each row's index into them."""
    keys: dict[tuple[Any, Any, Any], int] = {}
    index = []
    for title, url, date in zip(
        frame["source_title"], frame["source_url"], frame["source_date"], strict=True
    ):
        key = (json_safe(title), json_safe(url), json_safe(date))
        index.append(keys.setdefault(key, len(keys)))
    return [source_entry(*key) for key in keys], index


def source_entry(title: Any, url: Any, date: Any) -> dict[str, str | None]:
    """A source article for the page: escaped title, an http(s) URL only, ISO date."""
    title, url, date = json_safe(title), json_safe(url), json_safe(date)
    url = str(url) if url else None
    return {
        "title": esc(title) if title else None,
        "url": esc(url) if url and url.startswith(("http://", "https://")) else None,
        "date": esc(date) if date else None,
    }


def _shapes(frame: gpd.GeoDataFrame) -> tuple[list[dict[str, Any]], np.ndarray, np.ndarray]:
    """Polygons drawn once however many incidents share them, each row's index into
    them (-1 for a point or no geometry), and each row's anchor (lon, lat) for its
    marker: the point itself, or a point inside the polygon."""
    geoms = np.asarray(frame.geometry.values, dtype=object)
    missing = shapely.is_missing(geoms) | shapely.is_empty(geoms)
    is_area = ~missing & np.isin(shapely.get_type_id(geoms), [3, 6])
    anchors = np.full((len(geoms), 2), np.nan)
    present = ~missing
    if present.any():
        points = shapely.point_on_surface(geoms[present])
        anchors[present] = shapely.get_coordinates(points)
    index = np.full(len(geoms), -1)
    shapes: list[dict[str, Any]] = []
    if is_area.any():
        wkb = shapely.to_wkb(geoms[is_area])
        _, first, inverse = np.unique(wkb, return_index=True, return_inverse=True)
        drawn = shapely.simplify(geoms[is_area][first], SHAPE_TOLERANCE, preserve_topology=True)
        drawn = shapely.transform(drawn, lambda xy: np.round(xy, SHAPE_DECIMALS))
        shapes = [json.loads(text) for text in shapely.to_geojson(drawn)]
        index[is_area] = inverse.ravel()
    return shapes, index, anchors


def with_incident_columns(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """``frame`` with every column of ``INCIDENT_COLUMNS`` (missing ones empty), so
    frames built elsewhere (merged collections, older files) draw as well."""
    missing = [c for c in INCIDENT_COLUMNS if c not in frame.columns]
    return frame.assign(**dict.fromkeys(missing)) if missing else frame


SIZE_FIELDS = tuple(COUNT_TABLE)
"""Count fields a map can size incident symbols by (``--size-by``)."""

_SHOWN_COLUMNS = (
    "incident_id", "event_type", "sub_event_type", "date_start", "date_end",
    "temporal_status", "geo_precision", "place", "location_note", "evidence",
    "qualifiers", "radius_m",
)  # fmt: skip


def coded(values: list[Any]) -> Any:
    """A column as it goes into the page: as it is, or, when most of its values repeat
    (types of event, dates, places of a war), as ``{"values", "codes"}``."""
    if len(values) < 64:
        return values
    index: dict[Any, int] = {}
    codes = [index.setdefault(v, len(index)) for v in values]
    if len(index) > len(values) // 2:
        return values
    return {"values": list(index), "codes": codes}


def _plain(column: pd.Series) -> list[Any]:
    """A column's cells as plain JSON data (:func:`json_safe`); strings and None pass
    straight through, as most cells are (a call per cell cost a large map seconds)."""
    return [v if v is None or type(v) is str else json_safe(v) for v in column.tolist()]


def check_size_by(size_by: str | None) -> None:
    if size_by is not None and size_by not in SIZE_FIELDS:
        raise GeomapError(
            f"cannot size incidents by {size_by!r}: use one of {', '.join(SIZE_FIELDS)}"
        )


def _figure(value: Any) -> float | None:
    """A count as a number for sizing (None when not stated)."""
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) or number < 0 else number


def incident_data(incidents: gpd.GeoDataFrame, *, size_by: str | None = None) -> dict[str, Any]:
    """The JSON object ``geomap.js`` draws: ``types`` (style table rows used, in legend
    order), ``shapes`` (GeoJSON polygons), ``sources``, ``incidents`` (a list per
    field, sorted by date, undated last, see :func:`coded`) and ``evidence`` (the
    quotes, in the same order); the last two packed when large, see
    :func:`geomap.render.elements.packed`.
    Every text is escaped HTML.  With ``size_by`` (a count field) each incident carries
    its figure as ``size`` and the symbols scale with it."""
    check_size_by(size_by)
    frame = with_incident_columns(incidents)
    if frame.crs is not None and not frame.crs.equals("EPSG:4326"):
        frame = frame.to_crs(4326)
    frame = frame.reset_index(drop=True)
    shapes, shape_index, anchors = _shapes(frame)
    sources, source_index = _sources(frame)
    type_keys = incident_types(frame)
    type_index = {k: i for i, k in enumerate(type_keys)}
    types = []
    for key in type_keys:
        style = incident_style(key)
        types.append(
            {
                "label": esc(key or "Other"),
                "colour": style.colour,
                "pin": incident_svg(style, shape="pin"),
                "badge": incident_svg(style, shape="badge"),
                "greyPin": incident_svg(style, shape="pin", colour=BACKGROUND_COLOUR),
                "greyBadge": incident_svg(style, shape="badge", colour=BACKGROUND_COLOUR),
            }
        )
    # Only the columns the page shows (a collection's frame has thirty more), built
    # column by column: a dict per incident cost a map of 100,000 seconds.
    shown = [*_SHOWN_COLUMNS, *COUNT_TABLE, *([size_by] if size_by else [])]
    cell = {c: _plain(frame[c]) for c in dict.fromkeys(shown)}
    located = ~np.isnan(anchors[:, 1])
    starts = [esc(v) if v else None for v in cell["date_start"]]
    count_columns = [*COUNT_TABLE, "qualifiers", "radius_m"]
    values: dict[str, list[Any]] = {
        "id": [esc(v) for v in cell["incident_id"]],
        "type": [type_index[v or ""] for v in cell["event_type"]],
        "sub": [esc(v) for v in cell["sub_event_type"]],
        "start": starts,
        "end": [esc(e) if e and e != s else None
                for s, e in zip(cell["date_start"], cell["date_end"], strict=True)],
        "bg": [1 if v == "background" else 0 for v in cell["temporal_status"]],
        "lat": [round(float(v), 5) if ok else None
                for v, ok in zip(anchors[:, 1], located, strict=True)],
        "lon": [round(float(v), 5) if ok else None
                for v, ok in zip(anchors[:, 0], located, strict=True)],
        "prec": cell["geo_precision"],
        "shape": shape_index.tolist(),
        "place": [esc(v) for v in cell["place"]],
        "counts": [_counts_text(dict(zip(count_columns, row, strict=True)))
                   for row in zip(*(cell[c] for c in count_columns), strict=True)],
        "note": [esc(v) for v in cell["location_note"]],
        "src": source_index,
    }  # fmt: skip
    if size_by:
        values["size"] = [_figure(v) for v in cell[size_by]]
    evidence = [_highlight(str(text or ""), place)
                for text, place in zip(cell["evidence"], cell["place"], strict=True)]  # fmt: skip
    order = sorted(range(len(frame)), key=lambda i: (starts[i] is None, starts[i] or "", i))
    return {
        "types": types,
        "shapes": shapes,
        "sources": sources,
        # Column by column (a key per incident would add a megabyte per 10,000), the
        # columns that repeat as codes into their values; packed when large (a third
        # of the size for a year of a war, unpacked in a few tens of milliseconds).
        "incidents": packed(
            {c: coded([column[i] for i in order]) for c, column in values.items()}
        ) if order else {},
        # The quotes are most of a large map's bytes and only popups need them: packed
        # when large, and unpacked once the map is up.
        "evidence": packed([evidence[i] for i in order]),
        "precision": {str(k): v for k, v in PRECISION_LABELS.items()},
        "nearRadius": NEAR_RADIUS_M,
        "sizeBy": COUNT_TABLE[size_by].label if size_by else None,
    }
