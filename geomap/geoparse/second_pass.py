"""Resolution's second pass: ask the online service for the mentions left unsure, rank again.

With a :class:`~geomap.geocoders.hybrid.HybridGeocoder` in ``hybrid`` mode, the
article is first resolved on the offline gazetteer alone. A mention is *unsure* when
nothing offline fits it or its best offline candidate scores below the geocoder's
``confident_score`` in the article's context; only the names looked up for those
mentions (their shorter fallback forms included) are asked online, and the article is
ranked again with offline and online candidates together, so the same features
(country and region of the article's other places, proximity, feature type) decide
between them. In ``online`` mode every name is asked online and the article is ranked
once. Once the service is unreachable, the offline ranking stands.

The geocoder only geocodes (:mod:`geomap.geocoders.hybrid`); what to ask and when is
decided here, by resolution, which knows how sure it is.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import Any

from geopy.geocoders.base import DEFAULT_SENTINEL, Geocoder
from geopy.location import Location

from geomap.gazetteer.names import normalize
from geomap.geocoders.hybrid import OFFLINE_NAME, HybridGeocoder
from geomap.geoparse.candidates import Candidate, candidates_for
from geomap.geoparse.scoring import Weights, decide
from geomap.records import Mention, Resolution

__all__ = ["Ranker", "resolve_with_service"]

Ranker = Callable[[Geocoder], Sequence[Sequence[Candidate]]]
"""Scores an article's mentions with candidates from a geocoder (the article, its
outlet's prior and the weights already bound): what both passes share."""


def resolve_with_service(
    mentions: Sequence[Mention],
    geocoder: HybridGeocoder,
    rank: Ranker,
    *,
    weights: Weights,
    offline_ranked: Sequence[Sequence[Candidate]] | None = None,
) -> list[Resolution]:
    """One Resolution per mention, each saying which geocoder placed it.

    :param rank: Scores the article's mentions through a given geocoder.
    :param offline_ranked: The offline ranking when the caller has it already (a batch
        scores every article offline first); computed with ``rank`` otherwise.
    """
    if geocoder.mode == "online":
        ranked = rank(_AskOnline(geocoder, ask_all=True))
    else:
        if offline_ranked is None:
            offline_ranked = rank(geocoder.offline)
        first = decide(mentions, offline_ranked, weights=weights, geocoder_name=OFFLINE_NAME)
        unsure = [
            m for m, r in zip(mentions, first, strict=True)
            if r.entry is None or r.score < geocoder.confident_score
        ]  # fmt: skip
        if not unsure or geocoder.unreachable:
            return first
        ranked = rank(_AskOnline(geocoder, queries=_names_looked_up(unsure, geocoder.offline)))
    second = decide(mentions, ranked, weights=weights, geocoder_name=geocoder.name)
    return [dataclasses.replace(r, geocoder=geocoder.placed_by(r.entry)) for r in second]


def _names_looked_up(mentions: Sequence[Mention], offline: Geocoder) -> set[str]:
    """The (normalised) names resolution looks up for ``mentions``, fallbacks included
    ("Laurel County", then "Laurel")."""
    recorder = _Recorder(offline)
    for m in mentions:
        candidates_for(m, recorder)
    return recorder.asked


class _AskOnline(Geocoder):
    """The hybrid geocoder for one article's second pass: online too for chosen names."""

    def __init__(
        self,
        hybrid: HybridGeocoder,
        *,
        queries: set[str] | frozenset[str] = frozenset(),
        ask_all: bool = False,
    ) -> None:
        super().__init__()
        self.hybrid = hybrid
        self.queries = queries
        self.ask_all = ask_all

    def geocode(
        self, query: str, *, exactly_one: bool = True, timeout: Any = DEFAULT_SENTINEL
    ) -> Location | list[Location] | None:
        ask = self.ask_all or normalize(query) in self.queries
        found = self.hybrid.answer(query, ask_online=ask, timeout=timeout)
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
