"""The offline gazetteer and an online service as one geocoder, with offline fallback.

In ``hybrid`` mode the service is asked only where the gazetteer is not confident:
a name it does not know, or (through :meth:`HybridGeocoder.resolve_mentions`) a
mention whose best offline candidate scores below ``confident_score`` in the
article's context. In ``online`` mode the service is asked for every name and the
gazetteer answers only the names the service does not know. Either way, once the
service is unreachable the rest of the run goes on offline, and that is said once.
Every answer records which geocoder placed it.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Sequence
from typing import Any

from geopy.exc import GeocoderQueryError, GeocoderServiceError
from geopy.geocoders.base import DEFAULT_SENTINEL, Geocoder
from geopy.location import Location

from geomap.errors import warn
from geomap.gazetteer.geocoder import GazetteerGeocoder
from geomap.gazetteer.names import normalize
from geomap.geocoders.entries import entry_from_location
from geomap.geocoders.http import UnusableAnswer
from geomap.geocoders.polite import GEOCODER_KEY, first_line
from geomap.records import Article, GazetteerEntry, Mention, Resolution

__all__ = ["MODES", "OFFLINE_NAME", "HybridGeocoder"]

MODES = ("hybrid", "online")
OFFLINE_NAME = "gazetteer"
_SAME_PLACE_KM = 10.0


class HybridGeocoder(Geocoder):
    """Offline gazetteer plus an online geocoder, ranked together, falling back offline."""

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
            this is asked online too (see :meth:`resolve_mentions`).
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
        found = self._answer(query, ask_online=self.mode == "online", timeout=timeout)
        if exactly_one:
            return found[0] if found else None
        return found

    def placed_by(self, entry: GazetteerEntry | None) -> str:
        """The geocoder an entry this geocoder returned came from."""
        if entry is not None and entry.source == self.online_name:
            return self.online_name
        return OFFLINE_NAME if entry is not None else self.name

    # ------------------------------------------------------------------ resolution

    def resolve_mentions(
        self, article: Article, mentions: Sequence[Mention], *, weights: Any = None
    ) -> list[Resolution]:
        """Resolve on the gazetteer, then again with online candidates for the unsure.

        A mention is unsure when nothing offline fits it or its best offline candidate
        scores below ``confident_score`` in the article's context. The second pass ranks
        offline and online candidates together with the same features (country and
        region of the article's other places, proximity, feature type), so the article's
        context decides between them.
        """
        from geomap.geoparse.resolve import candidates_for, resolve

        if self.mode == "online":
            view: Geocoder = _ArticleView(self, ask_all=True)
        else:
            first = resolve(article, mentions, self.offline, weights=weights)
            unsure = [
                m for m, r in zip(mentions, first, strict=True)
                if r.entry is None or r.score < self.confident_score
            ]  # fmt: skip
            if not unsure or self.unreachable:
                return [dataclasses.replace(r, geocoder=OFFLINE_NAME) for r in first]
            recorder = _Recorder(self.offline)
            for m in unsure:
                candidates_for(m, recorder)
            view = _ArticleView(self, queries=recorder.asked)
        second = resolve(article, mentions, view, weights=weights)
        return [dataclasses.replace(r, geocoder=self.placed_by(r.entry)) for r in second]

    # ------------------------------------------------------------------ internals

    def _answer(self, query: str, *, ask_online: bool, timeout: Any) -> list[Location]:
        offline = self._offline(query)
        if self.mode == "online":
            return self._online(query, timeout) or offline
        if not offline or ask_online:
            return offline + _new_places(self._online(query, timeout), offline)
        return offline

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


class _ArticleView(Geocoder):
    """The hybrid geocoder during one article's resolution: online for chosen names."""

    def __init__(
        self, hybrid: HybridGeocoder, *, queries: set[str] = frozenset(), ask_all: bool = False
    ) -> None:
        super().__init__()
        self.hybrid = hybrid
        self.queries = queries
        self.ask_all = ask_all

    def geocode(
        self, query: str, *, exactly_one: bool = True, timeout: Any = DEFAULT_SENTINEL
    ) -> Location | list[Location] | None:
        ask = self.ask_all or normalize(query) in self.queries
        found = self.hybrid._answer(query, ask_online=ask, timeout=timeout)
        return (found[0] if found else None) if exactly_one else found


class _Recorder(Geocoder):
    """Notes which names resolution looks up for a mention (its fallbacks included)."""

    def __init__(self, inner: Geocoder) -> None:
        super().__init__()
        self.inner = inner
        self.asked: set[str] = set()

    def geocode(self, query: str, **kwargs: Any) -> Location | list[Location] | None:
        self.asked.add(normalize(query))
        return self.inner.geocode(query, **kwargs)


def _new_places(online: list[Location], offline: list[Location]) -> list[Location]:
    """Online answers that are not a place the gazetteer already offers."""
    known = [(loc.raw.get("feature_type"), loc.raw.get("country_code"),
              normalize(str(loc.raw.get("name", ""))), loc.latitude, loc.longitude)
             for loc in offline]  # fmt: skip
    out = []
    for loc in online:
        ftype, cc = loc.raw.get("feature_type"), loc.raw.get("country_code")
        name = normalize(str(loc.raw.get("name", "")))
        same = any(
            t == ftype and (
                _km(lat, lon, loc.latitude, loc.longitude) <= _SAME_PLACE_KM
                or (t in ("country", "admin1") and c == cc and n == name)
            )
            for t, c, n, lat, lon in known
        )  # fmt: skip
        if not same:
            out.append(loc)
    return out


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))
