"""An analyst's corrections: a wrong pin, a wrong type, a row that should not be there.

A correction (a *fix*) is kept in the collection's ``geomap_fixes`` table and applied
whenever a merged row is made from its reports, so ``build``, ``export`` and every
re-parse show it, and ``geomap list --check`` expects it.  Merged rows stay a fold of
their reports with the fixes applied on top: a corrected row is always merged again
from all its reports (never folded into), so dropping a fix gives the parser's row
back exactly.

What a fix is attached to must outlive a re-parse.  A place is its ``place_id`` (a
gazetteer id such as ``gn:706483``: the same place in every parse).  An incident's
ids are hashes of what the parser decided (its type, place and date), so a newer
parser that reads the same words differently gives it another id.  A fix on an
incident therefore keeps an *anchor* per report it covered: the article's content
hash (the hash of its words, which no parse changes) and the incident's evidence span
in that text, with the report's own id, place and type as tie-breakers.  When an
article is parsed again its anchors move to whichever of its new incidents matches
best (:func:`~geomap.collection.fix_anchors.reanchor`), and the fix follows them to
their new merged rows.

Kinds: ``location`` (a point, or a gazetteer place the analyst named), ``type`` (an
event type or sub-event type for an incident, a feature type for a place) and
``remove``.  A newer fix of the same kind on the same row replaces the older one; an
incident's own location fix beats one inherited from its place.

This module is what a fix is and how the analyst's input is checked; applying fixes
to rows is :mod:`~geomap.collection.fix_index`, following a re-parse
:mod:`~geomap.collection.fix_anchors`, and the store's part
:mod:`~geomap.collection.corrections`.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from geomap.errors import GeomapError

__all__ = ["FIX_COLUMNS", "FIX_KINDS", "Change", "Fix", "check_lat_lon", "describe", "id_kind",
           "type_value"]  # fmt: skip

FIX_COLUMNS = ["fix_id", "layer", "target", "kind", "value", "anchors", "created"]
"""The ``geomap_fixes`` table's columns (:mod:`geomap.collection.schema` creates it)."""
FIX_KINDS = ("location", "type", "remove")
MERGED_INCIDENT_ID = re.compile(r"inc:[0-9a-f]{16}")
"""A collection's incident id (``incident_id`` in its layers and exports)."""
REPORT_ID = re.compile(r"inc:[0-9a-f]{12}")
"""One article's own incident id (``report_ids`` of a merged row; ``geomap map``'s ids)."""
ANALYST_POINT = "analyst's point"
ANALYST_PLACE = "analyst's place"
"""``geometry_source`` of an incident an analyst placed."""


@dataclass(frozen=True, slots=True)
class Change:
    """A correction as asked for, before it is attached to a row.

    ``value``: ``{"lat", "lon"}`` for a point, the place's fields for a named place,
    ``{}`` to remove; for a type, ``{"type": "as given"}`` until the row (and so the
    table of types) is known, as
    :meth:`~geomap.collection.corrections.Corrections.record_fix` takes it, or what
    :func:`type_value` made of it."""

    kind: str
    value: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Fix:
    """One stored correction of one merged row (or of the rows its anchors lead to)."""

    fix_id: int
    layer: str
    """``incidents`` or ``places``."""
    target: str
    """The id the analyst gave."""
    kind: str
    value: dict[str, Any]
    anchors: list[dict[str, Any]] = field(default_factory=list)
    """Incidents: ``{"article", "start", "end", "report", "place_id", "event_type",
    "key"}`` per report covered (``key`` its merged row now, None when no report of
    the article matches any more); places: ``[{"key": place_id}]``."""
    created: str = ""

    @property
    def keys(self) -> set[str]:
        """The merged rows this fix applies to now."""
        return {a["key"] for a in self.anchors if a.get("key")}

    @classmethod
    def from_row(cls, row: Sequence[Any]) -> Fix:
        fix_id, layer, target, kind, value, anchors, created = row
        return cls(int(fix_id), layer, target, kind, json.loads(value), json.loads(anchors),
                   str(created))  # fmt: skip

    def row(self) -> list[Any]:
        """The table's cells after ``fix_id`` (which the store assigns)."""
        return [self.layer, self.target, self.kind, _dumps(self.value), _dumps(self.anchors),
                self.created]  # fmt: skip


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# --------------------------------------------------------------------- checking input


def check_lat_lon(lat: float, lon: float) -> tuple[float, float]:
    """A point the analyst typed, or one line saying what is wrong with it."""
    if not (math.isfinite(lat) and -90 <= lat <= 90):
        raise GeomapError(f"latitude {lat} is out of range (-90 to 90)")
    if not (math.isfinite(lon) and -180 <= lon <= 180):
        raise GeomapError(f"longitude {lon} is out of range (-180 to 180)")
    return float(lat), float(lon)


def id_kind(target: str) -> str:
    """``merged``, ``report`` or ``place``: which kind of id ``target`` looks like."""
    if MERGED_INCIDENT_ID.fullmatch(target):
        return "merged"
    if REPORT_ID.fullmatch(target):
        return "report"
    if target.startswith("inc:"):
        raise GeomapError(f"{target!r} is not an incident id (inc: and 16 hex digits, or 12 "
                          "for one article's own incident)")  # fmt: skip
    return "place"


def type_value(layer: str, given: str) -> dict[str, Any]:
    """``--type`` as the row's new type: an event type or sub-event type (any case) for
    an incident, a feature type for a place."""
    text = " ".join(given.split()).casefold()
    if layer == "places":
        from geomap.feature_types import FEATURE_TYPES

        for name in FEATURE_TYPES:
            if name.casefold() == text:
                return {"feature_type": name}
        raise GeomapError(f"unknown feature type {given!r} (a place's type is one of: "
                          f"{', '.join(FEATURE_TYPES)})")  # fmt: skip
    from geomap.event_types import EVENT_TYPES

    for event_type, subs in EVENT_TYPES.items():
        if event_type.casefold() == text:
            return {"event_type": event_type}
        for sub in subs:
            if sub.casefold() == text:
                return {"event_type": event_type, "sub_event_type": sub}
    raise GeomapError(f"unknown event type {given!r} (an incident's type is one of: "
                      f"{', '.join(EVENT_TYPES)}, or one of their sub-event types as "
                      "geomap/data/event_types.toml lists them)")  # fmt: skip


def describe(fix: Fix | Change) -> str:
    """What the fix does, in a few words (``list --fixes``)."""
    value = fix.value
    if fix.kind == "remove":
        return "removed"
    if fix.kind == "type":
        if "feature_type" in value:
            return f"type: {value['feature_type']}"
        sub = value.get("sub_event_type")
        return f"type: {value['event_type']}" + (f" / {sub}" if sub else "")
    where = f"{value['lat']:.5f}, {value['lon']:.5f}"
    if value.get("place_id"):
        return f"place: {value['place']} ({value['place_id']}) at {where}"
    return f"point: {where}"
