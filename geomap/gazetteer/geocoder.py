"""The embedded gazetteer as a geopy geocoder, interchangeable with geopy's online ones."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Sequence
from typing import Any

from geopy.adapters import BaseSyncAdapter
from geopy.geocoders.base import DEFAULT_SENTINEL, Geocoder
from geopy.location import Location
from geopy.point import Point

from geomap.errors import GeomapError
from geomap.gazetteer.index import GazetteerIndex
from geomap.records import GazetteerEntry

__all__ = ["GazetteerGeocoder"]


class GazetteerGeocoder(Geocoder):
    """Geocoder over geomap's offline gazetteer (GeoNames cities500, Natural Earth, curated).

    Never touches the network. ``Location.raw`` holds the :class:`GazetteerEntry` as a
    dict (``dataclasses.asdict``), so callers can recover ids, feature types and
    GeoNames ids with :func:`entry_from_location`.
    """

    def __init__(
        self,
        *,
        index: GazetteerIndex | None = None,
        cache_dir: str | os.PathLike[str] | None = None,
        timeout: Any = DEFAULT_SENTINEL,
        user_agent: str | None = None,
    ) -> None:
        """

        :param index: An open :class:`GazetteerIndex` to share; by default one is opened
            (and built if needed) on first use.

        :param cache_dir: Where the index lives when this geocoder opens it; see
            :meth:`GazetteerIndex.open`.

        :param timeout: Accepted for geopy compatibility; lookups are local.

        :param user_agent: Accepted for geopy compatibility; nothing is sent anywhere.
        """
        super().__init__(timeout=timeout, user_agent=user_agent, adapter_factory=_NoRequests)
        self._index = index
        self._cache_dir = cache_dir

    @property
    def index(self) -> GazetteerIndex:
        if self._index is None:
            self._index = GazetteerIndex.open(self._cache_dir)
        return self._index

    def geocode(
        self,
        query: str,
        *,
        exactly_one: bool = True,
        country_codes: Sequence[str] | str | None = None,
        feature_types: Sequence[str] | str | None = None,
        limit: int | None = None,
        timeout: Any = DEFAULT_SENTINEL,
    ) -> Location | list[Location] | None:
        """Return places called ``query``, best known first.

        :param str query: The place name to look up; case, accents and punctuation do not
            matter ("kyiv", "St. Louis").

        :param bool exactly_one: Return one :class:`geopy.location.Location` (or ``None``)
            rather than a list.

        :param country_codes: ISO 3166-1 alpha-2 code(s) the place must lie in.
        :type country_codes: str or list

        :param feature_types: Feature type(s) to keep: country, admin1, city, island,
            peninsula, sea, lake, river, port, airport, region, landmark.
        :type feature_types: str or list

        :param int limit: Most results to return when ``exactly_one`` is False.

        :param timeout: Accepted for geopy compatibility; ignored.

        :rtype: ``None``, :class:`geopy.location.Location` or a list of them.
        """
        entries = self.index.lookup(
            query,
            country_codes=_as_list(country_codes),
            feature_types=_as_list(feature_types),
            limit=1 if exactly_one else limit,
        )
        return self._locations(entries, exactly_one)

    def reverse(
        self,
        query: Point | tuple[float, float] | str,
        *,
        exactly_one: bool = True,
        feature_types: Sequence[str] | str | None = ("city",),
        limit: int | None = None,
        timeout: Any = DEFAULT_SENTINEL,
    ) -> Location | list[Location] | None:
        """Return the gazetteer places nearest to a point (within about 200 km).

        :param query: The point, as geopy accepts it: ``Point``, ``(lat, lon)`` or
            ``"lat, lon"``.

        :param bool exactly_one: Return one :class:`geopy.location.Location` (or ``None``)
            rather than a list.

        :param feature_types: Feature type(s) to consider; cities by default, ``None``
            for all.

        :param int limit: Most results when ``exactly_one`` is False (default 10).

        :param timeout: Accepted for geopy compatibility; ignored.
        """
        point = Point(query)
        entries = self.index.nearest(
            point.latitude,
            point.longitude,
            feature_types=_as_list(feature_types),
            limit=1 if exactly_one else (limit or 10),
        )
        return self._locations(entries, exactly_one)

    def _locations(
        self, entries: list[GazetteerEntry], exactly_one: bool
    ) -> Location | list[Location] | None:
        locations = [
            Location(self.index.address(e.id) or e.name, (e.lat, e.lon), dataclasses.asdict(e))
            for e in entries
        ]
        if exactly_one:
            return locations[0] if locations else None
        return locations


class _NoRequests(BaseSyncAdapter):
    """The HTTP adapter of a geocoder that sends nothing. geopy's default one opens an
    HTTPS session and loads the system's certificates, ~20 ms for every geocoder made
    (``geomap.geoparse.geoparse`` makes one per article when given none)."""

    def __init__(self, *, proxies: Any, ssl_context: Any) -> None:
        pass  # nothing to set up: no request is ever made

    def get_json(self, url: str, *, timeout: Any, headers: Any) -> Any:
        raise GeomapError("the offline gazetteer makes no network requests")

    def get_text(self, url: str, *, timeout: Any, headers: Any) -> str:
        raise GeomapError("the offline gazetteer makes no network requests")


def _as_list(value: Sequence[str] | str | None) -> list[str] | None:
    if value is None:
        return None
    return [value] if isinstance(value, str) else list(value)
