"""Docs built by hand: an article and its places, run through the stages after
geoparsing, so facts and incidents are tested without the gazetteer index.

Tests import it as ``from hand_docs import ...`` (pytest puts ``tests/`` on sys.path).
"""

from __future__ import annotations

from collections.abc import Sequence

from geomap.doc import Doc
from geomap.facts import attach_facts, find_facts
from geomap.incidents import extract_incidents
from geomap.place_roles import place_roles
from geomap.records import Article, Incident, Place, PlaceFacts

__all__ = ["doc_with", "facts_of", "incidents_of"]


def doc_with(article: Article, places: Sequence[Place], *, upto: str = "incidents") -> Doc:
    """A Doc of ``article`` with ``places`` as its places layer, run through the stages
    after geoparsing up to and including ``upto``."""
    doc = Doc.of(article)
    doc.places = list(places)
    for name, stage in (("facts", find_facts), ("place_facts", attach_facts),
                        ("roles", place_roles), ("incidents", extract_incidents)):  # fmt: skip
        stage(doc)
        if name == upto:
            break
    return doc


def facts_of(article: Article, places: Sequence[Place]) -> list[PlaceFacts]:
    return doc_with(article, places, upto="place_facts").place_facts


def incidents_of(article: Article, places: Sequence[Place]) -> list[Incident]:
    return doc_with(article, places).incidents
