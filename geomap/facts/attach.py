"""Which place each fact is stated about: the places named in the fact's sentence or,
when it names none, the most specific place of the closest earlier sentence that does;
a radius to the one place it is drawn around."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from geomap.doc import Doc
from geomap.feature_types import feature_type, specificity
from geomap.records import Count, DateRef, GazetteerEntry, Mention, Place, PlaceFacts, Radius

__all__ = ["attach_facts"]

_LOOK_BACK = 3
"""Sentences to look back for a place when a fact's own sentence names none."""


@dataclass(frozen=True, slots=True)
class _Named:
    place: int
    mention: Mention


def attach_facts(doc: Doc) -> None:
    """The ``place_facts`` stage: one PlaceFacts per place of ``doc.places``, in order,
    with the facts (``doc.facts``) stated about it."""
    text = doc.text
    places = doc.places
    by_sentence: dict[int, list[_Named]] = {}
    place_sentences: list[set[int]] = [set() for _ in places]
    for index, place in enumerate(places):
        for mention in place.mentions:
            sentence = doc.sentence_of(mention.start)
            place_sentences[index].add(sentence)
            by_sentence.setdefault(sentence, []).append(_Named(index, mention))

    radii: list[list[Radius]] = [[] for _ in places]
    counts: list[list[Count]] = [[] for _ in places]
    dates: list[list[DateRef]] = [[] for _ in places]
    for radius in doc.facts.radii:
        sentence = doc.sentence_of(radius.start)
        anchor = _radius_anchor(text, radius, by_sentence.get(sentence, []))
        if anchor == _NAMED_AFTER:
            continue
        if anchor is None or anchor == _UNNAMED:
            # Around something the gazetteer lacks ("of a refinery", "of the damaged
            # dam"): a town of its own sentence at most, never one named before it.
            owner = _radius_owner(places, by_sentence, sentence, radius, look_back=anchor is None)
        elif not feature_type(places[anchor].entry.feature_type).radius:
            owner = None
        else:
            owner = anchor
        if owner is not None:
            radii[owner].append(radius)
    for facts, found in ((counts, doc.facts.counts), (dates, doc.facts.dates)):
        for fact in found:
            for owner in _owners(places, by_sentence, doc.sentence_of(fact.start)):
                facts[owner].append(fact)

    doc.place_facts = [
        PlaceFacts(
            place=place,
            sentences=tuple(doc.sentences[i] for i in sorted(place_sentences[index])),
            radii=tuple(radii[index]),
            counts=tuple(counts[index]),
            dates=tuple(dates[index]),
        )
        for index, place in enumerate(places)
    ]


_UNNAMED = -1
"""A radius drawn around something the gazetteer has no place for ("a refinery")."""
_NAMED_AFTER = -2
"""A radius around a site named after a place ("the Campotosto dam"), not the place itself."""
_IN_PLACE = re.compile(r"\b(?:in|at|near|outside)\s+(?:the\s+)?$", re.IGNORECASE)
_ANCHOR_BEFORE = re.compile(
    r"\s*(?:\([^()]{0,40}\)\s*)?(?:radius\s+|zone\s+|perimeter\s+)?"
    r"(?:of|from|around|surrounding)\s+(?=\S)",
    re.IGNORECASE,
)
_ANAPHORIC_ANCHOR = re.compile(
    r"(?:the|that|this)\s+(?:city|town|village|port|settlement|capital|island|area|site|"
    r"scene|region|district|locality|community|municipality)\b|(?:it|there|here)\b",
    re.IGNORECASE,
)
_PLACE_LEAD = re.compile(r"(?:the\s+)?(?:(?:city|town|village|port)\s+of\s+)?", re.IGNORECASE)
_ANCHOR_END = re.compile(
    r"\s*(?:[,;.:()\]\u2014\u2013-]|$|(?:to|and|or|had|has|have|were|was|is|are|be|for|in|on|"
    r"at|after|before|while|until|said|when|where|who|which|because|as|with|by|from)\b)",
    re.IGNORECASE,
)


def _radius_anchor(text: str, radius: Radius, named: Sequence[_Named]) -> int | None:
    """The place a radius names as its centre ("within 5 km of Wajima", "of a site in
    Gdansk"); ``_NAMED_AFTER`` for a site named after a place ("of the Campotosto dam");
    ``_UNNAMED`` when its centre is something else ("of the damaged dam", "around the
    plant"); None when it names no centre or refers back ("of the town")."""
    lead = _ANCHOR_BEFORE.match(text, radius.end)
    if lead is None:
        return None
    anchor = lead.end()
    if _ANAPHORIC_ANCHOR.match(text, anchor):
        return None
    phrase_end = re.compile(r"[,;.()]|$").search(text, anchor).start()
    for item in sorted(named, key=lambda n: n.mention.start):
        mention = item.mention
        if not anchor <= mention.start <= min(phrase_end, anchor + 60):
            continue
        between = text[anchor : mention.start]
        if _IN_PLACE.search(between):
            return item.place  # "of a building site in Gdansk"
        if not _ANCHOR_END.match(text, mention.end):
            return _NAMED_AFTER  # "of the cracked Campotosto dam": not the town itself
        if _PLACE_LEAD.fullmatch(between):
            return item.place  # "of Wajima", "of the town of Suzu"
    return _UNNAMED


def _rank(place: Place) -> int:
    return specificity(place.entry.feature_type)


_TOWN_SIZED = specificity("admin1")
"""Places more specific than a province: a radius is drawn around one of them."""


def _owners(
    places: Sequence[Place], by_sentence: dict[int, list[_Named]], sentence: int
) -> list[int]:
    """Every place of the fact's sentence, else the most specific of the closest before."""
    here = by_sentence.get(sentence, [])
    if here:
        return sorted({named.place for named in here})
    for earlier in range(sentence - 1, max(sentence - 1 - _LOOK_BACK, -1), -1):
        named = by_sentence.get(earlier, [])
        if named:
            best = min(named, key=lambda n: (_rank(places[n.place]), -n.mention.start))
            return [best.place]
    return []


def _radius_owner(
    places: Sequence[Place],
    by_sentence: dict[int, list[_Named]],
    sentence: int,
    radius: Radius,
    *,
    look_back: bool = True,
) -> int | None:
    """The one specific place a radius is drawn around.

    A radius stated in a sentence about a province ("the governor of the X region
    said residents within 500 m were evacuated") is about a town in it: the town
    of that province the article names closest to the radius. Never a province,
    country or sea itself, where a circle would mark the wrong ground.
    """
    for index in range(sentence, max(sentence - 1 - (_LOOK_BACK if look_back else 0), -1), -1):
        named = [
            n
            for n in by_sentence.get(index, [])
            if feature_type(places[n.place].entry.feature_type).radius
        ]
        if not named:
            continue
        best = min(
            named,
            key=lambda n: (_rank(places[n.place]), abs(n.mention.start - radius.start)),
        )
        if _rank(places[best.place]) < _TOWN_SIZED:
            return best.place
        if places[best.place].entry.feature_type == "admin1":
            return _town_within(places, places[best.place].entry, radius.start)
        return None
    return None


def _town_within(places: Sequence[Place], region: GazetteerEntry, offset: int) -> int | None:
    """The article's town in ``region`` named closest to ``offset``, if any."""
    towns = [
        (min(abs(m.start - offset) for m in place.mentions), index)
        for index, place in enumerate(places)
        if _rank(place) < _TOWN_SIZED and _inside(place.entry, region)
    ]
    return min(towns)[1] if towns else None


def _inside(entry: GazetteerEntry, region: GazetteerEntry) -> bool:
    if entry.country_code != region.country_code:
        return False
    if entry.admin1_code and region.admin1_code:
        return entry.admin1_code == region.admin1_code
    if entry.admin1 and region.admin1:
        return entry.admin1 == region.admin1
    if region.bbox is not None:
        min_lon, min_lat, max_lon, max_lat = region.bbox
        return min_lon <= entry.lon <= max_lon and min_lat <= entry.lat <= max_lat
    return False
