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
best (:func:`reanchor`), and the fix follows them to their new merged rows.

Kinds: ``location`` (a point, or a gazetteer place the analyst named), ``type`` (an
event type or sub-event type for an incident, a feature type for a place) and
``remove``.  A newer fix of the same kind on the same row replaces the older one; an
incident's own location fix beats one inherited from its place.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
import re
from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import shapely

from geomap.collection.parse import merged_incident_id
from geomap.collection.schema import KEYS, text_cell
from geomap.errors import GeomapError

if TYPE_CHECKING:
    from geomap.collection.parse import ArticleResult

__all__ = ["FIX_COLUMNS", "FIX_KINDS", "Change", "Corrections", "Fix", "FixIndex", "best_report",
           "check_lat_lon", "describe", "id_kind", "reanchor", "type_value"]  # fmt: skip

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
    table of types) is known, as :meth:`Corrections.record_fix` takes it, or what
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


# --------------------------------------------------------------------------- applying


class FixIndex:
    """The stored fixes by the merged rows they apply to, ready to correct rows."""

    def __init__(self, fixes: Iterable[Fix] = ()) -> None:
        self.fixes = sorted(fixes, key=lambda f: f.fix_id)
        self.by_key: dict[str, dict[str, list[Fix]]] = {"incidents": {}, "places": {}}
        for fix in self.fixes:
            for key in fix.keys:
                self.by_key[fix.layer].setdefault(key, []).append(fix)

    def __bool__(self) -> bool:
        return bool(self.fixes)

    def for_row(self, layer: str, key: str, props: dict[str, Any]) -> list[Fix]:
        """The fixes on the row, oldest first: an incident's place's location fix (for an
        incident drawn at its place's point that no fix of its own places) before the
        incident's own."""
        if layer not in self.by_key:
            return []
        own = self.by_key[layer].get(key, [])
        if layer != "incidents" or props.get("geometry_source") != "point" or \
                any(f.kind == "location" for f in own):  # fmt: skip
            return own
        place = props.get("place_id")
        inherited = [f for f in self.by_key["places"].get(place, []) if f.kind == "location"]
        return inherited + own if place else own

    def affects(self, layer: str, key: str, props: dict[str, Any]) -> bool:
        return bool(self.for_row(layer, key, props))

    def apply(self, layer: str, key: str,
              props: dict[str, Any]) -> tuple[dict[str, Any] | None, Any]:  # fmt: skip
        """The row's properties corrected and its new geometry (shapely; None to keep
        the parser's), or (None, None) when a fix removes the row."""
        fixes = self.for_row(layer, key, props)
        if not fixes:
            return props, None
        if any(f.kind == "remove" and f.layer == layer for f in fixes):
            return None, None
        props = dict(props)
        geometry = None
        done: list[str] = []
        for fix in fixes:
            if fix.kind == "type":
                _retype(layer, props, fix.value)
                done.append("type")
            elif fix.kind == "location":
                geometry = shapely.Point(fix.value["lon"], fix.value["lat"])
                _relocate(layer, props, fix.value, inherited=fix.layer != layer)
                done.append("place location" if fix.layer != layer else "location")
        props["corrected"] = ", ".join(dict.fromkeys(done))
        return props, geometry


def _retype(layer: str, props: dict[str, Any], value: dict[str, Any]) -> None:
    if layer == "places":
        props["feature_type"] = value["feature_type"]
        return
    from geomap.event_types import EVENT_TYPES

    props["event_type"] = value["event_type"]
    if "sub_event_type" in value:
        props["sub_event_type"] = value["sub_event_type"]
    elif props.get("sub_event_type") not in EVENT_TYPES[value["event_type"]]:
        props["sub_event_type"] = None


def _relocate(layer: str, props: dict[str, Any], value: dict[str, Any], *,
              inherited: bool) -> None:  # fmt: skip
    """A place gets the point (and, for a named place, its name and region); an incident
    gets the point and the named place (a bare point leaves it at no gazetteer place)."""
    named = bool(value.get("place_id"))
    if layer == "places":
        props["lat"], props["lon"] = value["lat"], value["lon"]
        if named:
            for name in ("feature_type", "country_code", "admin1", "geonameid"):
                props[name] = value.get(name)
            props["name"] = value["place"]
        return
    if inherited:  # the incident's place moved: it stays that place
        if named:
            props["place"] = value["place"]
            props["feature_type"] = value.get("feature_type")
            props["country_code"] = value.get("country_code")
        return
    if named:
        from geomap.feature_types import feature_type

        props.update(place_id=value["place_id"], place=value["place"],
                     feature_type=value.get("feature_type"),
                     country_code=value.get("country_code"),
                     geo_precision=feature_type(value.get("feature_type")).geo_precision,
                     geometry_source=ANALYST_PLACE)  # fmt: skip
    else:
        props.update(place_id=None, geometry_source=ANALYST_POINT)


# ---------------------------------------------------------------------------- anchors


def anchor(content_hash: str, report: dict[str, Any], key: str) -> dict[str, Any]:
    """Where one report of a corrected incident is, in words no parse changes."""
    return {"article": content_hash, "start": report.get("evidence_start"),
            "end": report.get("evidence_end"), "report": report.get("incident_id"),
            "place_id": report.get("place_id"), "event_type": report.get("event_type"),
            "key": key}  # fmt: skip


def best_report(mark: dict[str, Any],
                reports: Sequence[tuple[str, dict[str, Any]]]) -> str | None:  # fmt: skip
    """The key of the report (``(key, properties)``, from one parse of the anchor's
    article) that is the anchored incident: the same report id, else the same evidence
    span, else the most overlapping span; place and type break ties.  None when no
    report's evidence overlaps the anchor's."""
    start, end = mark.get("start"), mark.get("end")
    best: tuple[Any, ...] | None = None
    found = None
    for key, props in reports:
        same_id = props.get("incident_id") == mark.get("report")
        s, e = props.get("evidence_start"), props.get("evidence_end")
        overlap = 0
        if None not in (start, end, s, e):
            overlap = max(0, min(end, e) - max(start, s))
        if not same_id and not overlap:
            continue
        score = (same_id, (s, e) == (start, end), props.get("place_id") == mark.get("place_id"),
                 props.get("event_type") == mark.get("event_type"), overlap)
        if best is None or score > best:
            best, found = score, key
    return found


def reanchor(fixes: FixIndex, content_hash: str,
             reports: Sequence[tuple[str, dict[str, Any]]]) -> list[Fix]:  # fmt: skip
    """The fixes whose anchors in the article ``content_hash`` moved, with their new
    keys, after the article was parsed again into ``reports`` (``(key, properties)``)."""
    moved = []
    for fix in fixes.fixes:
        if fix.layer != "incidents" or not any(a["article"] == content_hash
                                               for a in fix.anchors):  # fmt: skip
            continue
        anchors = []
        for mark in fix.anchors:
            if mark["article"] == content_hash:
                mark = {**mark, "key": best_report(mark, reports)}
            anchors.append(mark)
        if anchors != fix.anchors:
            moved.append(dataclasses.replace(fix, anchors=anchors))
    return moved


# ------------------------------------------------------------------------ the store's part


class Corrections(ABC):
    """What :class:`~geomap.collection.store.Store` does with fixes: record, drop, follow
    a re-parsed article.  The storage primitives are each store's (``_fix_rows``...);
    the rest (``_write``, ``_reports``, ``_remerge``...) are the store's own."""

    label: str
    name: str
    _guard: Any
    _write: Any
    _reports: Any
    _remerge: Any
    _touch: Any
    start_writing: Any

    _fixes: FixIndex = FixIndex()
    """The stored fixes, read at the start of each write (and check)."""

    def fixes(self) -> list[Fix]:
        """Every stored correction, oldest first."""
        with self._guard():
            return self._load_fixes().fixes

    def _load_fixes(self) -> FixIndex:
        return FixIndex(Fix.from_row(row) for row in self._fix_rows())

    def record_fix(self, target: str, change: Change) -> Fix:
        """Attach ``change`` to the incident or place ``target`` (an id as ``list`` and
        exports show it) and correct its merged rows now; a fix of the same kind on the
        same row is replaced."""
        self.start_writing()
        with self._guard(), self._write():
            self._fixes = self._load_fixes()
            layer, keys = self._resolve(target)
            value = change.value
            if change.kind == "type" and "type" in value:
                value = type_value(layer, value["type"])
            if layer == "incidents":
                reports = self._reports(layer, sorted(keys))
                hashes = self._article_hashes(sorted({r.article_id for rs in reports.values()
                                                      for r in rs}))  # fmt: skip
                marks = [anchor(hashes[r.article_id], r.props, key)
                         for key, rs in reports.items() for r in rs]  # fmt: skip
                marks += [{"article": None, "key": k} for k in keys if k not in reports]
            else:
                marks = [{"key": k} for k in sorted(keys)]
            fix = Fix(0, layer, target, change.kind, value, marks, now())
            replaced = [f for f in self._fixes.fixes
                        if f.layer == layer and f.kind == fix.kind and f.keys & fix.keys]
            self._delete_fixes([f.fix_id for f in replaced])
            fix = dataclasses.replace(fix, fix_id=self._insert_fix(fix.row()))
            self._refresh([fix, *replaced])
        return fix

    def undo_fixes(self, target: str) -> list[Fix]:
        """Drop every fix on ``target`` (what it was given as, or the row it resolves
        to): its rows are merged again as the parser made them."""
        self.start_writing()
        with self._guard(), self._write():
            self._fixes = self._load_fixes()
            mine = [f for f in self._fixes.fixes if f.target == target]
            if not mine:
                layer, keys = self._resolve(target)
                mine = [f for f in self._fixes.fixes if f.layer == layer and f.keys & keys]
            self._delete_fixes([f.fix_id for f in mine])
            self._refresh(mine)
        return mine

    def _refresh(self, changed: list[Fix]) -> None:
        """Merge again the rows ``changed`` fixes touch (a place's incidents with it)."""
        self._fixes = self._load_fixes()
        touched: dict[str, set[str]] = {layer: set() for layer in KEYS}
        for fix in changed:
            touched[fix.layer] |= fix.keys
            if fix.layer == "places":  # its incidents, and any placed by a fix of their own
                for place_id in fix.keys:
                    touched["incidents"] |= set(self._find_keys("incidents", "place_id",
                                                                place_id))  # fmt: skip
                touched["incidents"] |= {k for f in self._fixes.fixes
                                         if f.layer == "incidents" for k in f.keys}  # fmt: skip
        for layer, keys in touched.items():
            self._remerge(layer, sorted(keys))
        self._touch()

    def _resolve(self, target: str) -> tuple[str, set[str]]:
        """The layer and merged keys ``target`` names (a removed row through its fix)."""
        kind = id_kind(target)
        if kind == "merged":
            layer = "incidents"
            keys = set(self._find_keys(layer, "incident_id", target))
            keys |= {k for f in self._fixes.fixes if f.layer == layer for k in f.keys
                     if merged_incident_id(k) == target}  # fmt: skip
        elif kind == "report":
            layer, keys = "incidents", set(self._report_keys_of(target))
        else:
            layer = "places"
            keys = set(self._find_keys(layer, "place_id", target))
            keys |= {k for f in self._fixes.fixes if f.layer == layer for k in f.keys
                     if k == target}  # fmt: skip
        if not keys:
            what = "incident" if layer == "incidents" else "incident or place"
            raise GeomapError(f"{self.label}: no {what} {target!r} (geomap list {self.name} "
                              "--incidents shows incident ids; exports show place ids)")
        return layer, keys

    def _follow_fixes(self, digest: str, result: ArticleResult,
                      remerge: dict[str, set[str]]) -> None:  # fmt: skip
        """A re-parsed article's incidents take the fixes anchored in it."""
        reports = [(text_cell(key), props) for key, props, _ in result.incidents]
        moved = reanchor(self._fixes, digest, reports)
        for fix in moved:
            self._update_fix_anchors(fix.fix_id, fix.row()[4])
            remerge["incidents"] |= fix.keys
        if moved:
            self._fixes = self._load_fixes()

    @abstractmethod
    def _fix_rows(self) -> list[tuple[Any, ...]]:
        """Every row of ``geomap_fixes`` (:data:`~.fixes.FIX_COLUMNS`), oldest first."""

    @abstractmethod
    def _insert_fix(self, cells: list[Any]) -> int:
        """A new fix (its cells after ``fix_id``); its id."""

    @abstractmethod
    def _delete_fixes(self, fix_ids: list[int]) -> None: ...

    @abstractmethod
    def _update_fix_anchors(self, fix_id: int, anchors: str) -> None: ...

    @abstractmethod
    def _find_keys(self, layer: str, column: str, value: str) -> list[str]:
        """Keys of the merged rows whose ``column`` is ``value``."""

    @abstractmethod
    def _report_keys_of(self, report_id: str) -> list[str]:
        """Keys of the incident reports whose own id (one article's) is ``report_id``."""

    @abstractmethod
    def _article_hashes(self, article_ids: Sequence[str]) -> dict[str, str]:
        """article id -> content hash."""
