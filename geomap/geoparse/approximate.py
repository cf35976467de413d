"""Where a place the gazetteer cannot place lies, as the article says.

Reports of conflicts and disasters name villages, camps and neighbourhoods that no
gazetteer or pack holds ("the village of Apakolu, about 25 kilometres northwest of
Eringeti", "Kfarjouz near Nabatieh", "Kaduna State's Kuriga town"). Recognition finds
them (:mod:`geomap.geoparse.unknown_names`) but resolution has no candidate, so they had
no coordinates at all, although the sentence says where they are. This step gives such
a mention the place the wording puts it in or near, as annotators and UCDP do for a
village they cannot find: its ``near`` (the mention's ``entry`` stays None, so maps and
incidents still see an unknown place, and the incident stays at the smallest known
unit). What says where it lies, first found first taken:

1. containment (:class:`~geomap.geoparse.structure.Relations`): "X in Y", "X, Y",
   "Y's X", "X near Y" (the place Y is said to be in);
2. a place named in the same sentence: the nearest one after the name, else before it
   ("X village in the northern Y region", "Y's ... X"), not a country (a country's point
   says nothing about where a village lies);
3. the same name elsewhere in the article, placed by 1 or 2;
4. else the place the article names most often: a report's unplaced villages lie, far
   more often than not, around what the report is about.

Only confident places (score at least ``SURE``) say where another lies, and no country,
sea, river or region wider than ``WIDEST_KM``; a name the wording puts in a place that
cannot say so ("in Sichuan province") gets nothing from 4. Only names the gazetteer has
no candidate for are placed so, where the words around one of its mentions call it a
village, town or unit ("the village of X", "X district", "X, a locality") or put it
inside another place; not names of what stretches far from any point ("Neches River",
"Canaan Valley", "Coffman Park"), while a small island no gazetteer holds is. So a
span given to the resolver (``--given-spans``) that no words call a place (a street, a
building) is not placed so either.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import cache

from geomap.distance import equirectangular_km
from geomap.gazetteer.names import normalize
from geomap.geoparse.lexicon import lexicon
from geomap.geoparse.structure import Relations
from geomap.records import GazetteerEntry, Mention, Resolution
from geomap.text import sentence_index, sentence_spans

__all__ = ["WIDEST_KM", "extent_km", "place_approximately"]

SURE = 0.5
"""How sure resolution must be of a place for it to say where another lies."""
_TOO_WIDE = frozenset({"country", "sea", "river"})
"""Places whose point says nothing about where a place in them lies. Narrower than
:data:`geomap.feature_types.WIDE_TYPES` on purpose: a region, a lake or a peninsula
says where a place in it lies unless its box is wider than ``WIDEST_KM``."""
WIDEST_KM = 500.0
"""A region wider or taller than this (Amhara, Guangdong, Sichuan) says too little about
where a village in it lies: its point may be hundreds of kilometres away."""
FOCUS_KM = 161.0
"""How near the article's focus its places must lie to count as around it."""


def place_approximately(
    text: str,
    resolutions: Sequence[Resolution],
    relations: Relations,
    ranked: Sequence[Sequence[object]],
    undone: frozenset[int] = frozenset(),
) -> list[Resolution]:
    """``resolutions`` with each unplaced mention's ``near`` set to the place the
    article's wording puts it in or beside (unchanged where the wording says nothing).
    Only names the gazetteer has no candidate for (``ranked`` empty) are placed so, and
    the ``undone`` mentions, whose only candidates lie far from the article's places
    that their wording ties them to (:mod:`geomap.geoparse.far_namesakes`): a known name
    left unplaced otherwise was judged no place of the article's."""
    out = list(resolutions)
    unplaced = [
        k for k, r in enumerate(out)
        if r.entry is None and (not ranked[k] or k in undone or _no_island(r.mention, ranked[k]))
        and not r.mention.demonym and not _stretches(r.mention.text)
    ]  # fmt: skip
    if not unplaced:
        return out  # the usual article: nothing is read
    outer_of: dict[int, list[int]] = {}
    for inner, outer in relations.containment:
        outer_of.setdefault(inner, []).append(outer)
    for k in unplaced:  # "X near Y": Y, before the region Y is said to be in
        if k + 1 < len(out) and _NEAR.fullmatch(text, out[k].mention.end, out[k + 1].mention.start):
            outer_of.setdefault(k, []).insert(0, k + 1)
    for members in relations.lists:  # "the villages of Foua and Kfraya in Idlib"
        for outer in outer_of.get(members[-1], ()):
            for k in members[:-1]:
                outer_of.setdefault(k, []).append(outer)
    said = {normalize(out[k].mention.name) for k in unplaced if k in undone
            or outer_of.get(k) or _said_to_be_a_place(text, out[k].mention)}  # fmt: skip
    unplaced = [k for k in unplaced if normalize(out[k].mention.name) in said]
    if not unplaced:
        return out  # no words say these are places
    sentence_of: list[int] = []  # each mention's sentence, split only when asked
    by_name: dict[str, GazetteerEntry] = {}
    for _ in range(2):  # "X, 25 km from Y in Z province": Y is placed after X
        for k in unplaced:
            if out[k].near is not None:
                continue
            # where the wording puts the name in a place, only that place may say
            if k in outer_of:
                anchor = _contained_in(k, out, outer_of)
            else:
                if not sentence_of:
                    starts = [start for start, _ in sentence_spans(text)]
                    sentence_of = [sentence_index(starts, r.mention.start) for r in out]
                anchor = _beside(k, out, sentence_of)
            if anchor is not None:
                by_name.setdefault(normalize(out[k].mention.name), anchor)
                out[k] = replace(out[k], near=anchor)
    # a name the wording puts in a place that says too little ("in Sichuan province")
    # or that resolution could not place is left where it is, wherever it is written;
    # one put in a name no gazetteer holds ("X, in the Y department") lies where Y does
    waiting = {k: [o for o in outer_of[k] if out[o].entry is None and ranked[o] == []
                   and not out[o].mention.demonym] for k in unplaced if k in outer_of}  # fmt: skip
    kept = {normalize(out[k].mention.name) for k, outers in waiting.items()
            if out[k].near is None and not outers}  # fmt: skip
    focus = _article_focus(out)
    for k in unplaced:
        name = normalize(out[k].mention.name)
        if out[k].near is None and name not in kept and k not in waiting:
            anchor = by_name.get(name) or focus
            if anchor is not None:
                out[k] = replace(out[k], near=anchor)
    for _ in range(len(waiting)):  # "X in the Y payam in Z and W in the V payam": a chain
        placed = False
        for k, outers in waiting.items():
            anchor = next((out[o].near for o in outers if out[o].near is not None), None)
            if out[k].near is None and anchor is not None:
                out[k] = replace(out[k], near=anchor)
                placed = True
        if not placed:
            break
    return out


def _article_focus(out: Sequence[Resolution]) -> GazetteerEntry | None:
    """The place the article names most often (the first of those named as often) among
    those that may say where another lies, when the article is about its area: where a
    report's unplaced village most likely is when no sentence says."""
    counts: dict[str, int] = {}
    first: dict[str, GazetteerEntry] = {}
    for r in out:
        anchor = _says_where(r) if r.entry is not None else None
        if anchor is not None:
            counts[anchor.id] = counts.get(anchor.id, 0) + 1
            first.setdefault(anchor.id, anchor)
    if not counts:
        return None
    focus = first[max(counts, key=counts.__getitem__)]
    # a report from a capital about somewhere else ("BEIJING ... in Sichuan province")
    # is about no one place: the focus must hold a third of its sure places
    sure = [r.entry for r in out if r.entry is not None and r.score >= SURE
            and not r.mention.demonym and r.entry.feature_type not in _TOO_WIDE]  # fmt: skip
    close = sum(equirectangular_km(e.lat, e.lon, focus.lat, focus.lon) <= FOCUS_KM for e in sure)
    return focus if 3 * close >= len(sure) else None


_SETTLED_TYPES = frozenset({"city", "village", "neighbourhood", "admin2", "admin3", "street",
                           "island"})  # fmt: skip
"""Kinds of place that lie where the place beside them does; not rivers, lakes, valleys or
parks, which stretch far from any town's point. An island no gazetteer holds is a small
one (Natural Earth holds every large island: Viti Levu, Vanua Levu), a few kilometres
across: "two people on Ovalau Island died" lies among the article's islands."""


def _stretches(text: str) -> bool:
    """Whether the name as written ends in a type word of something that stretches
    ("Neches River", "Canaan Valley", "Coffman Park")."""
    last = text.rsplit(None, 1)[-1].lower()
    ptype = lexicon().place_types.get(last)
    return ptype is not None and ptype.in_span and not _SETTLED_TYPES & set(ptype.feature_types)


@cache
def _cue_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A cue word before a name ("the village of "), and after it (" village", ", a
    remote village"), from ``place_cues.txt``."""
    cues = sorted(lexicon().place_cues, key=len, reverse=True)
    words = "|".join(re.escape(w) for w in cues)
    either = "|".join(re.escape(w) for w in (*cues, *(w.capitalize() for w in cues)))
    before = re.compile(rf"\b(?:{either})\s+of\s+(?:the\s+)?$")
    after = re.compile(
        rf"\s+(?:[a-z]+\s+)?(?:{either})\b|,\s+(?:a|an|the)\s+(?:[\w-]+\s+){{0,2}}?(?:{words})\b"
        rf"|,\s+(?:(?:about|some|around|nearly|roughly|approximately)\s+)?\d[\d.,]*\s*-?\s*"
        rf"{_UNITS}\b"
    )
    return before, after


_NEAR = re.compile(
    r",?\s*(?:near|outside|close\s+to|not\s+far\s+from)(?:\s+the)?"
    r"(?:\s+(?:city|town|village)\s+of)?\s+"
)
_UNITS = r"(?:km|kms|kilomet(?:re|er)s|miles)"
_DISTANCE_BEFORE = re.compile(
    rf"\d\s*-?\s*{_UNITS}\s+(?:\([^)]{{1,20}}\)\s+)?(?:[a-z-]+\s+)?(?:of|from)\s+(?:the\s+)?"
    r"(?:(?:city|town|village)\s+of\s+)?$"
)


def _no_island(m: Mention, cands: Sequence[object]) -> bool:
    """Whether the mention names one island ("Koro Island") and none of its candidates is
    an island (Koro in Mali is a town): the gazetteer does not know it."""
    return m.text.rsplit(None, 1)[-1].lower() == "island" and not any(
        getattr(getattr(c, "entry", None), "feature_type", None) == "island" for c in cands
    )


def _said_to_be_a_place(text: str, m: Mention) -> bool:
    """Whether the words around the mention say it is a village, town or unit ("the
    village of X", "X district", "X, a locality in", "X, 25 km north of"), measure a
    distance from it, or it names one island ("Ovalau Island", not "Lau Islands")."""
    before, after = _cue_patterns()
    window = max(0, m.start - 48)
    return bool(
        m.text.rsplit(None, 1)[-1].lower() == "island"
        or before.search(text, window, m.start)
        or after.match(text, m.end)
        or _DISTANCE_BEFORE.search(text, window, m.start)
    )


def _says_where(r: Resolution) -> GazetteerEntry | None:
    """The place ``r`` gives another mention to lie in: its own, when it is sure and
    no country, or the place its wording put it in."""
    if r.entry is None:
        return r.near
    e = r.entry
    if r.score < SURE or r.mention.demonym or e.feature_type in _TOO_WIDE:
        return None
    if e.bbox is not None and extent_km(e.bbox) > WIDEST_KM:
        return None
    return e


def extent_km(bbox: tuple[float, float, float, float]) -> float:
    """The larger of a box's width (at its middle latitude) and height, in km."""
    west, south, east, north = bbox
    middle = (south + north) / 2
    return max(equirectangular_km(middle, west, middle, east),
               equirectangular_km(south, west, north, west))


def _contained_in(
    k: int, out: Sequence[Resolution], outer_of: dict[int, list[int]]
) -> GazetteerEntry | None:
    for outer in outer_of.get(k, ()):
        anchor = _says_where(out[outer])
        if anchor is not None:
            return anchor
    return None


def _beside(k: int, out: Sequence[Resolution], sentence_of: Sequence[int]) -> GazetteerEntry | None:
    """The nearest place of the same sentence that says where mention ``k`` lies: after
    it first (the container is usually written after), then before it."""
    here = sentence_of[k]
    for j in range(k + 1, len(out)):
        if sentence_of[j] != here:
            break
        anchor = _says_where(out[j])
        if anchor is not None:
            return anchor
    for j in range(k - 1, -1, -1):
        if sentence_of[j] != here:
            break
        anchor = _says_where(out[j])
        if anchor is not None:
            return anchor
    return None
