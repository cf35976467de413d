"""The offline gazetteer and an online service as one geocoder, with offline fallback.

This module only geocodes. In ``hybrid`` mode :meth:`HybridGeocoder.geocode` asks the
service only for a name the gazetteer does not know; :meth:`HybridGeocoder.answer`
asks it for any name resolution chooses, which is how resolution's second pass
(:mod:`geomap.geoparse.second_pass`) asks it for the mentions whose best offline
candidate scores below ``confident_score`` in the article's context. In ``online``
mode the service is asked for every name and the gazetteer answers only the names the
service does not know. Either way, once the service is unreachable the rest of the run
goes on offline, and that is said once. Every answer records which geocoder gave it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from geopy.distance import great_circle
from geopy.exc import GeocoderQueryError, GeocoderServiceError
from geopy.geocoders.base import DEFAULT_SENTINEL, Geocoder
from geopy.location import Location

from geomap.errors import warn
from geomap.feature_types import feature_type
from geomap.gazetteer.geocoder import GazetteerGeocoder
from geomap.gazetteer.names import normalize
from geomap.geocoders.entries import entry_from_location
from geomap.geocoders.http import UnusableAnswer
from geomap.geocoders.polite import GEOCODER_KEY, first_line
from geomap.records import GazetteerEntry

__all__ = ["MODES", "OFFLINE_NAME", "HybridGeocoder"]

MODES = ("hybrid", "online")
OFFLINE_NAME = "gazetteer"
_SAME_PLACE_KM = 10.0


class HybridGeocoder(Geocoder):
    """Offline gazetteer plus an online geocoder: one list of answers per name, offline
    once the service is unreachable."""

    def __init__(
        self,
        online: Geocoder,
        *,
        offline: Geocoder | None = None,
        mode: str = "hybrid",
        confident_score: float = 0.6,
        notify: Callable[[str], None] | None = None,
    ) -> None:
        """

        :param online: Any geopy geocoder, usually a :class:`~geomap.geocoders.polite.
            ServiceGeocoder`; its ``name`` attribute (else its class name) is recorded
            on the places it places.
        :param offline: Default a :class:`GazetteerGeocoder` on the default index.
        :param mode: ``hybrid`` (online only where offline is unsure) or ``online``.
        :param confident_score: A mention whose best offline score in context is below
            this is asked online too (by :mod:`geomap.geoparse.second_pass`).
        :param notify: Called once with a message when the service becomes unreachable;
            default prints it on stderr.
        """
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}")
        super().__init__(user_agent=online.headers.get("User-Agent"))
        self.online = online
        self.offline = offline if offline is not None else GazetteerGeocoder()
        self.mode = mode
        self.confident_score = confident_score
        self.online_name = str(getattr(online, "name", type(online).__name__.lower()))
        self.name = f"hybrid:{self.online_name}" if mode == "hybrid" else self.online_name
        self.unreachable: str | None = None
        """Why the service was given up on, once it was."""
        self._notify = notify or warn

    # ------------------------------------------------------------------ geopy interface

    def geocode(
        self, query: str, *, exactly_one: bool = True, timeout: Any = DEFAULT_SENTINEL
    ) -> Location | list[Location] | None:
        """Places called ``query``: gazetteer first and the service where it knows nothing
        (``hybrid``), or the service first and the gazetteer where it knows nothing."""
        found = self.answer(query, ask_online=self.mode == "online", timeout=timeout)
        if exactly_one:
            return found[0] if found else None
        return found

    def answer(
        self, query: str, *, ask_online: bool, timeout: Any = DEFAULT_SENTINEL
    ) -> list[Location]:
        """Places called ``query``; with ``ask_online`` the service is asked even when the
        gazetteer knows the name, and its places the gazetteer lacks are added to the
        gazetteer's (``online`` mode: the service's answer, else the gazetteer's)."""
        offline = self._offline(query)
        if self.mode == "online":
            return self._online(query, timeout) or offline
        if not offline or ask_online:
            return offline + _new_places(self._online(query, timeout), offline)
        return offline

    def placed_by(self, entry: GazetteerEntry | None) -> str:
        """The geocoder an entry this geocoder returned came from."""
        if entry is not None and entry.source == self.online_name:
            return self.online_name
        return OFFLINE_NAME if entry is not None else self.name

    # ------------------------------------------------------------------ internals

    def _offline(self, query: str) -> list[Location]:
        found = self.offline.geocode(query, exactly_one=False) or []
        return [
            Location(loc.address, loc.point, dict(loc.raw) | {GEOCODER_KEY: OFFLINE_NAME})
            for loc in found
        ]

    def _online(self, query: str, timeout: Any) -> list[Location]:
        if self.unreachable:
            return []
        try:
            found = self.online.geocode(query, exactly_one=False, timeout=timeout) or []
        except UnusableAnswer as e:
            self._notify(f"{self.online_name} answered {query!r} with {e}; answer ignored")
            return []
        except GeocoderQueryError:
            return []  # this one query is unacceptable to the service; others may be fine
        except GeocoderServiceError as e:
            self.unreachable = first_line(e)
            self._notify(
                f"{self.online_name} is unreachable ({self.unreachable}); "
                "continuing on the offline gazetteer"
            )
            return []
        out = []
        for loc in found:
            entry = entry_from_location(loc, self.online_name)
            raw = dataclasses.asdict(entry) | {
                GEOCODER_KEY: self.online_name,
                "service_raw": loc.raw,
            }
            out.append(Location(loc.address, loc.point, raw))
        return out


def _new_places(online: list[Location], offline: list[Location]) -> list[Location]:
    """Online answers that are not a place the gazetteer already offers: not the same
    kind of place (a settlement, whether either source calls it a town or a village; a
    region; a site...) within 10 km, nor a country or region of the same name."""
    known = [(_kind(loc), loc.raw.get("country_code"),
              normalize(str(loc.raw.get("name", ""))), loc.latitude, loc.longitude)
             for loc in offline]  # fmt: skip
    out = []
    for loc in online:
        kind, cc = _kind(loc), loc.raw.get("country_code")
        name = normalize(str(loc.raw.get("name", "")))
        same = any(
            t == kind and (
                great_circle((lat, lon), loc.point).km <= _SAME_PLACE_KM
                or (feature_type(t).area and c == cc and n == name)
            )
            for t, c, n, lat, lon in known
        )  # fmt: skip
        if not same:
            out.append(loc)
    return out


def _kind(location: Location) -> str:
    """The feature-type table's row for an answer, settlements as one (town, village and
    neighbourhood share the table's ``city`` style)."""
    row = feature_type(str(location.raw.get("feature_type")))
    return "settlement" if row.style == "city" else row.name
