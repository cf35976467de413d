"""Geoparsing: find the place names of an article and choose the place each one means.

``geoparse(article)`` runs recognition (:func:`find_mentions`) then resolution
(:func:`resolve`) on the offline gazetteer; pass any geopy ``Geocoder`` to resolve
through another source.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

from geopy.geocoders.base import Geocoder

from geomap.gazetteer.index import GazetteerIndex
from geomap.geoparse.recognize import find_mentions, mentions_from_spans
from geomap.geoparse.resolve import group_places, resolve
from geomap.geoparse.scoring import Weights
from geomap.records import Article, Mention, Resolution

__all__ = [
    "ContextGeocoder",
    "find_mentions",
    "geoparse",
    "group_places",
    "mentions_from_spans",
    "resolve",
]


@runtime_checkable
class ContextGeocoder(Protocol):
    """A geocoder that resolves an article's mentions itself, in their context.

    The hybrid geocoder (:mod:`geomap.geocoders.hybrid`) is one: it resolves offline
    first and asks its online service only for the mentions left unsure.
    """

    def resolve_mentions(
        self, article: Article, mentions: Sequence[Mention], *, weights: Weights | None = None
    ) -> list[Resolution]: ...


def geoparse(
    article: Article,
    *,
    index: GazetteerIndex | None = None,
    geocoder: Geocoder | None = None,
    spans: Sequence[tuple[int, int]] | None = None,
    weights: Weights | None = None,
) -> list[Resolution]:
    """Resolutions for every place mention of ``article``, in text order.

    :param index: The gazetteer used to recognise names; opened (and built if needed)
        when not given.
    :param geocoder: Where candidates come from; default the offline gazetteer.
    :param spans: Resolve these (start, end) spans instead of recognising names.
    :param weights: Resolution weights; default the shipped ``weights.json``.
    """
    index = index if index is not None else GazetteerIndex.open()
    if geocoder is None:
        from geomap.gazetteer.geocoder import GazetteerGeocoder

        geocoder = GazetteerGeocoder(index=index)
    mentions: list[Mention]
    if spans is not None:
        mentions = mentions_from_spans(article.text, spans, index)
    else:
        mentions = find_mentions(article.text, index)
    if isinstance(geocoder, ContextGeocoder):
        return geocoder.resolve_mentions(article, mentions, weights=weights)
    return resolve(article, mentions, geocoder, weights=weights)
