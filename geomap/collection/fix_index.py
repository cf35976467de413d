"""Applying an analyst's fixes to merged rows: which fixes a row takes, and what they do.

A merged row is always made from its reports first and corrected after
(:mod:`geomap.collection.fixes` says why); :class:`FixIndex` is that last step, used
by the stores when they merge and by ``geomap map --fixes`` for one article's map.
An incident drawn at its place's point moves with its place's location fix unless a
location fix of its own says otherwise.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import shapely

from geomap.collection.fixes import ANALYST_PLACE, ANALYST_POINT, Fix

__all__ = ["FixIndex"]


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
