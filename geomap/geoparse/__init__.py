"""Geoparsing: find the place names of an article and choose the place each one means.

``geoparse(article)`` runs recognition (:func:`find_mentions`) then resolution
(:func:`resolve`) on the offline gazetteer; pass any geopy ``Geocoder`` to resolve
through another source.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from geopy.geocoders.base import Geocoder

from geomap.gazetteer.index import GazetteerIndex
from geomap.geoparse.recognize import find_mentions, mentions_from_spans
from geomap.geoparse.resolve import group_places, resolve
from geomap.geoparse.scoring import Weights
from geomap.records import Article, Mention, Resolution

if TYPE_CHECKING:
    from geomap.doc import Doc

__all__ = [
    "find_mentions",
    "find_places",
    "geoparse",
    "group_places",
    "mentions_from_spans",
    "recognize",
    "resolve",
    "resolve_mentions",
]


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
    mentions: list[Mention]
    if spans is not None:
        mentions = mentions_from_spans(article.text, spans, index)
    else:
        mentions = find_mentions(article.text, index)
    return _resolve(article, mentions, index=index, geocoder=geocoder, weights=weights)


def _resolve(
    article: Article,
    mentions: Sequence[Mention],
    *,
    index: GazetteerIndex,
    geocoder: Geocoder | None,
    weights: Weights | None = None,
) -> list[Resolution]:
    if geocoder is None:
        from geomap.gazetteer.geocoder import GazetteerGeocoder

        geocoder = GazetteerGeocoder(index=index)
    return resolve(article, mentions, geocoder, weights=weights)


# The pipeline's stages (geomap.pipeline): each adds one layer to the Doc.


def recognize(doc: Doc, *, index: GazetteerIndex) -> None:
    """The ``mentions`` stage: the spans of the article that name places."""
    doc.mentions = find_mentions(doc.text, index)


def resolve_mentions(doc: Doc, *, index: GazetteerIndex, geocoder: Geocoder | None) -> None:
    """The ``resolutions`` stage: the place each mention means, through ``geocoder`` (the
    offline gazetteer when None)."""
    doc.resolutions = _resolve(doc.article, doc.mentions, index=index, geocoder=geocoder)


def find_places(doc: Doc) -> None:
    """The ``places`` stage: distinct places in order of first mention."""
    doc.places = group_places(doc.resolutions)
