"""KML for Google Earth: a folder each for incidents (styled by type, dated), places
and areas.

Each event type has a style of its own, in the map legend's colour
(:data:`geomap.render.incidents.INCIDENT_STYLES`): the icon, a polygon's outline and
its translucent fill.  An incident with a date has a ``TimeSpan`` (its first and last
day; one day is a span from that day to itself), so Google Earth's time slider
shows it; an undated one has none and is always shown.

Google Earth, and other KML viewers, show a placemark's ``description`` as HTML, and
its default balloon puts the ``name`` into that HTML too.  Every text here comes
from articles or imported gazetteers, so none of it may arrive as markup:

* descriptions are HTML-escaped before they go into the XML (``<img onerror=...>``
  in a title is shown as those characters), line breaks become ``<br>``;
* every style's ``BalloonStyle`` shows ``$[description]`` only, so a name never
  lands in the balloon's HTML (names stay plain text, as KML defines them) and the
  default balloon's table of ``ExtendedData`` (raw values) is never drawn;
* characters XML 1.0 forbids (control characters pasted into an article) become
  U+FFFD, so the file always parses.
"""

from __future__ import annotations

import html
import json
import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd

from geomap.event_types import EVENT_TYPES
from geomap.export import json_safe
from geomap.files import atomic_write_bytes
from geomap.writers import Layers

SUFFIX = ".kml"
ABOUT = "KML for Google Earth: incidents styled by type and dated, places, areas"

_KML_NS = "http://www.opengis.net/kml/2.2"
_STYLE_ID = "geomap"
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_FILL_ALPHA = "66"
"""A polygon's fill: 40% opaque, so the ground shows through a province."""


def write(layers: Layers, path: str | os.PathLike[str]) -> Path:
    ET.register_namespace("", _KML_NS)
    kml = ET.Element(f"{{{_KML_NS}}}kml")
    document = _sub(kml, "Document")
    _sub(document, "name", layers.name)
    _style(document, _STYLE_ID, None)
    for event_type in EVENT_TYPES:
        _style(document, type_style_id(event_type), type_colour(event_type))
    _style(document, type_style_id(None), type_colour(None))
    _folder(document, "Incidents", layers.incidents, title=_incident_title,
            describe=_incident_description, style=lambda r: type_style_id(r.get("event_type")),
            when=True)  # fmt: skip
    _folder(document, "Places", layers.places, title=_place_title,
            describe=_place_description)  # fmt: skip
    _folder(document, "Areas", layers.areas, title=_area_title,
            describe=lambda r: [r.get("evidence")])  # fmt: skip
    ET.indent(kml)
    data = ET.tostring(kml, encoding="utf-8", xml_declaration=True)
    return atomic_write_bytes(path, data + b"\n")


def type_style_id(event_type: str | None) -> str:
    """The style of an event type: ``type-battles``, ``type-natural-disaster``..."""
    slug = re.sub(r"[^a-z0-9]+", "-", (event_type or "other").lower()).strip("-")
    return f"type-{slug if event_type in EVENT_TYPES else 'other'}"


def type_colour(event_type: str | None) -> str:
    """The map legend's colour of ``event_type`` as KML writes colours (aabbggrr)."""
    from geomap.render.incidents import INCIDENT_STYLES, OTHER_STYLE

    rgb = INCIDENT_STYLES.get(event_type or "", OTHER_STYLE).colour.lstrip("#")
    return f"ff{rgb[4:6]}{rgb[2:4]}{rgb[0:2]}".lower()


def _style(document: ET.Element, style_id: str, colour: str | None) -> None:
    style = _sub(document, "Style")
    style.set("id", style_id)
    if colour:
        _sub(_sub(style, "IconStyle"), "color", colour)
        line = _sub(style, "LineStyle")
        _sub(line, "color", colour)
        _sub(line, "width", "2")
        _sub(_sub(style, "PolyStyle"), "color", _FILL_ALPHA + colour[2:])
    _sub(_sub(style, "BalloonStyle"), "text", "$[description]")


def html_text(lines: list[str | None], heading: str | None = None) -> str:
    """Escaped HTML for a description: the heading in bold, then each line."""
    parts = [f"<b>{html.escape(heading)}</b>"] if heading else []
    parts += [html.escape(line).replace("\n", "<br>") for line in lines if line]
    return "<br>".join(parts)


def _sub(parent: ET.Element, tag: str, text: str | None = None) -> ET.Element:
    element = ET.SubElement(parent, f"{{{_KML_NS}}}{tag}")
    if text is not None:
        element.text = _NOT_XML.sub("\ufffd", text)
    return element


def _folder(
    document: ET.Element,
    label: str,
    frame: gpd.GeoDataFrame,
    *,
    title: Callable[[dict[str, Any]], str],
    describe: Callable[[dict[str, Any]], list[str | None]],
    style: Callable[[dict[str, Any]], str] = lambda _: _STYLE_ID,
    when: bool = False,
) -> None:
    folder = _sub(document, "Folder")
    _sub(folder, "name", label)
    records = frame.drop(columns=frame.geometry.name).to_dict("records")
    for record, geom in zip(records, frame.geometry, strict=True):
        placemark = _sub(folder, "Placemark")
        heading = str(title(record))
        _sub(placemark, "name", heading)
        _sub(placemark, "description", html_text(describe(record), heading))
        _sub(placemark, "styleUrl", f"#{style(record)}")
        if when and record.get("date_start"):
            span = _sub(placemark, "TimeSpan")
            _sub(span, "begin", record["date_start"])
            _sub(span, "end", record.get("date_end") or record["date_start"])
        extended = _sub(placemark, "ExtendedData")
        for key, value in record.items():
            if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
                continue
            data = _sub(extended, "Data")
            data.set("name", key)
            text = value if isinstance(value, str) else json.dumps(json_safe(value),
                                                                   ensure_ascii=False)
            _sub(data, "value", text)
        if geom is not None and not geom.is_empty:
            _geometry(placemark, geom)


def _geometry(parent: ET.Element, geom: Any) -> None:
    kind = geom.geom_type
    if kind == "Point":
        point = _sub(parent, "Point")
        _sub(point, "coordinates", _coords([(geom.x, geom.y)]))
    elif kind == "LineString":
        _sub(_sub(parent, "LineString"), "coordinates", _coords(geom.coords))
    elif kind == "Polygon":
        polygon = _sub(parent, "Polygon")
        ring = _sub(_sub(polygon, "outerBoundaryIs"), "LinearRing")
        _sub(ring, "coordinates", _coords(geom.exterior.coords))
        for hole in geom.interiors:
            ring = _sub(_sub(polygon, "innerBoundaryIs"), "LinearRing")
            _sub(ring, "coordinates", _coords(hole.coords))
    else:  # Multi* and collections
        multi = _sub(parent, "MultiGeometry")
        for part in getattr(geom, "geoms", []):
            _geometry(multi, part)


def _coords(points: Any) -> str:
    return " ".join(f"{x:.6f},{y:.6f}" for x, y, *_ in points)


def _incident_title(record: dict[str, Any]) -> str:
    where = f" in {record['place']}" if record.get("place") else ""
    when = f" ({record['date_start']})" if record.get("date_start") else ""
    return f"{record.get('sub_event_type') or record.get('event_type') or 'Incident'}" \
        f"{where}{when}"


def _incident_description(record: dict[str, Any]) -> list[str | None]:
    lines = [record.get("evidence")]
    sources = record.get("sources") or ([{"title": record.get("source_title"),
                                          "date": record.get("source_date"),
                                          "url": record.get("source_url")}]
                                        if record.get("source_title") or record.get("source_url")
                                        else [])  # one article's incident names its own
    for source in sources:
        lines.append(" - ".join(str(v) for v in (source.get("title"), source.get("date"),
                                                 source.get("url")) if v))  # fmt: skip
    listed = len(sources)
    n_sources = json_safe(record.get("n_sources"))
    if isinstance(n_sources, int) and n_sources > listed:
        lines.append(f"and {n_sources - listed} more sources")
    return lines


def _place_title(record: dict[str, Any]) -> str:
    return str(record.get("name") or record["place_id"])


def _place_description(record: dict[str, Any]) -> list[str | None]:
    n_articles = record.get("n_articles") or len(record.get("articles") or [])
    mentions = f"{record.get('feature_type')}; {record.get('mentions')} mentions"
    if not n_articles:  # one article's map
        return [mentions]
    return [f"{mentions} in {n_articles} article{'s' if n_articles != 1 else ''}"]


def _area_title(record: dict[str, Any]) -> str:
    radius = record.get("radius_m")
    size = f"{radius:g} m" if isinstance(radius, int | float) and radius == radius else "Area"
    return f"{size} around {record.get('place') or 'a place'}"
