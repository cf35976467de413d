"""Towns the article ties to its places that lie far from all of them.

Russia has no Who's On First extract, and Ukraine's holds Crimea's villages: "the
village of Otradnoye near Belgorod" finds only Crimean Otradnoyes, 670 km from Belgorod;
"the villages of Dungur and Kukawa" in a report from Plateau State finds Borno's Kukawa,
550 km away; "Sangla" in a report from Kinnaur finds Sāngli, a spelling variant 1,660 km
away. Ranking takes the namesake because nothing better is offered, and a pin there
puts the report's incident hundreds of kilometres from where it happened. The article
says where the place is, though: it calls it a village, writes it near or in a place,
lists it with others, or names a facility after it, and every other place it names
lies far away. An approximate point there (:mod:`geomap.geoparse.approximate`) is then
better than the namesake. So a pick is undone when

- it is a town or village (not a unit, a region or a natural feature) of fewer than
  ``SMALL_TOWN`` people, the wording ties it to the article's places (it calls it a
  village or hamlet, writes it near, in or with another place, in a list, or names a
  facility with it: "Dillingham Airfield" in a report from Oahu), and it
  lies over ``FAR_KM`` from every anchor of the article: the places it names that are no
  country, sea or ocean, and no such tied town themselves (a report's other villages may
  share the namesakes' wrong region); a region's box counts when the pick lies in it,
  else its point, when it is no wider than ``WIDEST_KM``; and the wording puts it in no
  place the article names ("the village of Flumeri in southern Italy", "south Kashmir's
  Pulwama": :func:`~geomap.geoparse.containment.drop_outside_containers` judges those);
- or it is a spelling variant of what the article wrote (Sāngli for "Sangla"), of any
  size and however written, over ``VARIANT_FAR_KM`` from every anchor (over ``FAR_KM``
  when it is a small town the wording ties as above: "the village of Habour" on Habur).

A city of any size that the wording calls a village ("the village of Yathrib near
Balad", Yathrib being an old name of Medina) is a namesake too when it lies in a country
none of the article's places is in. A town the wording puts at a distance from a place
("the villages of Khams Tlol and al-Madina, about 50 miles west of Mosul": the list it
ends, too) is one when it lies beyond twice that distance (or the distance and
``_DISTANCE_SLACK_KM``) from the place. A spelling variant is no namesake when it is a
town of ``KNOWN_TOWN`` or more in a country the article names, which names no other
region of it ("Galkayo" for Gaalkacyo in a report that names Somalia and Mogadishu).

"The town of X" ties nothing: a report's own town is often far from the capital it also
names. The mention then takes its best other candidate near an anchor, if it has one
("Vesele" of Zaporizhzhia rather than Crimea's, for a report from Kherson), or no place.
Then the pack villages of the article's countries and the approximate point are tried
for it as for a name the gazetteer lacks; where neither places it, it lies at the anchor
the wording ties it to ("near Belgorod"), else at the one the article names most often:
the anchors may be places resolution is unsure of, which the approximate point does not
take, but they are all the article offers, and each beats the namesake.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from geomap.distance import equirectangular_km
from geomap.gazetteer.names import normalize
from geomap.geoparse.approximate import WIDEST_KM, extent_km
from geomap.geoparse.candidates import Candidate, unit_level
from geomap.geoparse.structure import Relations
from geomap.geoparse.village_context import KNOWN_TOWN
from geomap.records import GazetteerEntry, Resolution

__all__ = ["FAR_KM", "SMALL_TOWN", "VARIANT_FAR_KM", "repick", "stated_km",
           "undo_far_namesakes"]

FAR_KM = 200.0
"""Farther than this from every anchor of the article, a village it ties to them is a
namesake: a report's villages lie within a region's reach of the places it names."""
VARIANT_FAR_KM = 500.0
"""Farther than this from every anchor, a spelling variant is a namesake however the
wording reads (Derna, written for Darnah, lies 250 km from Benghazi)."""
SMALL_TOWN = 100_000
"""A town this big is named for itself, not as a village of the story."""
_NOT_ANCHORS = frozenset({"country", "sea"})
"""Places whose point says nothing about where a village of the story lies (an ocean is
a ``sea`` row); nor does the point of an area wider than ``WIDEST_KM`` (Europe, a
continent's ``region`` row; Michigan), whose box does. Narrower than
:data:`geomap.feature_types.WIDE_TYPES` on purpose: a region, a lake or a river anchors
by its box where it has one (``_km_to``)."""
_SMALL_QUALIFIERS = frozenset({"village", "hamlet", "settlement", "locality", "kebele"})
_SMALL_BEFORE = re.compile(
    r"\b(?:villages?|hamlets?|settlements?|localit(?:y|ies)|kebeles?)\s+(?:of|like|such\s+as)"
    r"\s+(?:the\s+)?$", re.IGNORECASE
)
_FACILITY_AFTER = re.compile(
    r"\s+(?:Airfield|Airport|Air\s+Base|Airbase|Airstrip|Army\s+Airfield|Barracks|Dam)\b"
)
"""A facility named with the name ("Dillingham Airfield"): where the story happens, so
tied to its places, while the facility may bear a person's name, not the town's."""
_NEAR_GAP = re.compile(
    r",?\s*(?:near|outside|close\s+to|not\s+far\s+from)(?:\s+the)?"
    r"(?:\s+(?:city|town|village)\s+of)?\s+"
)
_STATED_DISTANCE = re.compile(
    r",?\s*(?:(?:about|some|around|nearly|roughly|approximately|just|only)\s+)?"
    r"(\d[\d,]*(?:\.\d+)?)\s*-?\s*(km|kms|kilomet(?:re|er)s|miles)\s+"
    r"(?:\([^)]{1,30}\)\s+)?"
    r"(?:(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+)?(?:of|from)\s+"
    r"(?:the\s+(?:city|town|village)\s+of\s+)?",
    re.IGNORECASE,
)
"""A distance from the next name: ", about 50 miles west of ", " 30 km from "."""
_DISTANCE_SLACK_KM = 50.0
"""A stated distance is rounded and measured by road: a place within twice it, or
this much more, may still be the one meant."""
_BOX_MARGIN = 0.1
"""Degrees of slack around an area's bounding box (its outline is simplified)."""


def stated_km(text: str, start: int, end: int) -> float | None:
    """The distance ``text[start:end]`` states from the name after it (", some 15
    kilometres (nine miles) from the town of "), in km, or None when it states none."""
    found = _STATED_DISTANCE.fullmatch(text, start, end)
    if found is None:
        return None
    return float(found.group(1).replace(",", "")) * (1.609 if found.group(2) == "miles" else 1)


def undo_far_namesakes(
    text: str, resolutions: Sequence[Resolution], relations: Relations,
    ranked: Sequence[Sequence[Candidate]],
) -> tuple[list[Resolution], dict[int, GazetteerEntry]]:  # fmt: skip
    """``resolutions`` with the far namesakes undone (see the module), and for each
    mention left without a place so, the anchor it lies at if nothing else places it."""
    out, beyond = _undo_beyond_stated_distance(text, resolutions, relations, ranked)
    out, undone = _undo_far(text, out, relations, ranked)
    return out, {**beyond, **undone}


def _undo_beyond_stated_distance(
    text: str, resolutions: Sequence[Resolution], relations: Relations,
    ranked: Sequence[Sequence[Candidate]],
) -> tuple[list[Resolution], dict[int, GazetteerEntry]]:  # fmt: skip
    """ "the villages of Khams Tlol and al-Madina, about 50 miles west of Mosul": a
    town the wording puts at a distance from a place (itself, or the list it ends) is
    no namesake several times that distance away (Al Madinah by Basra, 500 km from
    Mosul). It takes its best other candidate within reach, else no place, lying at
    the place it is measured from."""
    out = list(resolutions)
    undone: dict[int, GazetteerEntry] = {}
    last_of = {members[-1]: members for members in relations.lists}
    for k in range(len(out) - 1):
        km = stated_km(text, out[k].mention.end, out[k + 1].mention.start)
        anchor = out[k + 1].entry
        if km is None or anchor is None or unit_level(anchor) < 2:
            continue
        reach = max(2 * km, km + _DISTANCE_SLACK_KM)
        for j in last_of.get(k, (k,)):
            e = out[j].entry
            if e is None or out[j].mention.demonym or unit_level(e) < 4:
                continue
            if _km_to(e, anchor) <= reach:
                continue
            fits = [c for c in ranked[j] if _km_to(c.entry, anchor) <= reach]
            repick(out, j, fits, anchor, undone)
    return out, undone


def repick(
    out: list[Resolution],
    k: int,
    fits: Sequence[Candidate],
    anchor: GazetteerEntry,
    undone: dict[int, GazetteerEntry],
) -> None:
    """Mention ``k`` takes the best-ranked of the candidates that ``fits`` the place the
    wording ties it to (its score the ranking's), or, with none, no place, its
    ``anchor`` remembered in ``undone`` for the steps that place unknown names."""
    best = max(fits, key=lambda c: c.linear, default=None)
    if best is None:
        out[k] = replace(out[k], entry=None, score=0.0)
        undone[k] = anchor
    else:
        out[k] = replace(out[k], entry=best.entry, score=1.0 / (1.0 + math.exp(-best.linear)))


def _undo_far(
    text: str, resolutions: Sequence[Resolution], relations: Relations,
    ranked: Sequence[Sequence[Candidate]],
) -> tuple[list[Resolution], dict[int, GazetteerEntry]]:  # fmt: skip
    """The far namesakes of the module undone."""
    out = list(resolutions)
    partners: dict[int, list[int]] = {}  # mention -> the mentions the wording puts it in
    for inner, outer in relations.containment:
        partners.setdefault(inner, []).append(outer)
    for k in range(len(out) - 1):
        if _NEAR_GAP.fullmatch(text, out[k].mention.end, out[k + 1].mention.start):
            partners.setdefault(k, []).insert(0, k + 1)
    listed = {k for members in relations.lists for k in members}
    reach: dict[int, float] = {}  # suspect mention -> how far from every anchor it may not be
    big_villages: set[int] = set()  # towns of SMALL_TOWN or more the wording calls villages
    for k, r in enumerate(out):
        e = r.entry
        if e is None or r.mention.demonym or unit_level(e) < 4:
            continue
        tied = e.population < SMALL_TOWN and (k in partners or k in listed or _small(text, r))
        if _picked_variant(e, ranked[k]):
            if not _known_spelling(e, out):
                # "the village of Habour" on a Habur 290 km off: tied as any small town is
                reach[k] = FAR_KM if tied else VARIANT_FAR_KM
        elif tied:
            reach[k] = FAR_KM
        elif _small(text, r, facility=False):
            big_villages.add(k)  # "the village of Yathrib" on Medina: judged below
            reach[k] = FAR_KM
    if not reach:
        return out, {}  # the usual article
    anchors = {k: r.entry for k, r in enumerate(out)
               if r.entry is not None and k not in reach and not r.mention.demonym
               and r.entry.feature_type not in _NOT_ANCHORS}  # fmt: skip
    # a city the wording calls a village is a namesake only abroad: in a country none of
    # the article's places is in ("the village of Yathrib near Balad" is no Medina)
    countries = {e.country_code for e in anchors.values()}
    for k in big_villages:
        if out[k].entry.country_code in countries:  # type: ignore[union-attr]
            del reach[k]
    # places with a point that says where the story is: without one, nothing does
    local = {k: e for k, e in anchors.items() if not _wide(e)}
    if not local:
        return out, {}
    points = list(anchors.values())
    instead: dict[tuple[str, str], Candidate | None] = {}
    for k, km in reach.items():
        e = out[k].entry
        assert e is not None
        key = (normalize(out[k].mention.name), e.id)
        if key in instead or _near_any(e, points, km):
            continue
        if any(out[outer].entry is not None for inner, outer in relations.containment
               if inner == k):
            # "Flumeri in southern Italy", "south Kashmir's Pulwama": the place the wording
            # puts it in decides (drop_outside_containers), whose box may be faulty
            continue
        fits = [c for c in ranked[k] if c.entry.id != e.id and _near_any(c.entry, points, km)]
        instead[key] = max(fits, key=lambda c: c.linear, default=None)
    undone: dict[int, GazetteerEntry] = {}
    if not instead:
        return out, undone
    counts = Counter(e.id for e in points)
    focus = max(local.values(), key=lambda e: counts[e.id])  # the first of the most named
    for k, r in enumerate(out):
        if r.entry is None or (key := (normalize(r.mention.name), r.entry.id)) not in instead:
            continue
        best = instead[key]
        if best is None:
            out[k] = replace(r, entry=None, score=0.0)
            tied = [local[j] for j in partners.get(k, ()) if j in local]
            undone[k] = tied[0] if tied else focus
        else:
            out[k] = replace(r, entry=best.entry, score=1.0 / (1.0 + math.exp(-best.linear)))
    return out, undone


def _known_spelling(e: GazetteerEntry, out: Sequence[Resolution]) -> bool:
    """Whether ``e``, picked for another spelling of its name, is a town of
    ``KNOWN_TOWN`` or more in a country the article names as a country, and the article
    names no first-level region of that country but the town's: then the spelling is
    the town's ("Galkayo" for Gaalkacyo in a report that names Somalia and Mogadishu),
    however far the article's other towns lie. ("Sangla" in a report from Himachal
    Pradesh is no Sāngli of Maharashtra.)"""
    if e.population < KNOWN_TOWN or not e.country_code:
        return False
    named = False
    for r in out:
        other = r.entry
        if other is None or other.country_code != e.country_code:
            continue
        if other.feature_type == "country":
            named = True
        elif other.feature_type == "admin1" and normalize(other.admin1 or other.name) != (
            normalize(e.admin1 or "")
        ):
            return False
    return named


def _picked_variant(e: GazetteerEntry, cands: Sequence[Candidate]) -> bool:
    return any(c.entry.id == e.id and c.variant for c in cands)


def _small(text: str, r: Resolution, *, facility: bool = True) -> bool:
    """Whether the wording calls the mention a village or hamlet ("the village of X",
    "the villages of X and Y", "X village"), or (``facility``) names a facility with it
    ("X Airfield")."""
    m = r.mention
    return (m.qualifier or "").lower() in _SMALL_QUALIFIERS or bool(
        _SMALL_BEFORE.search(text, max(0, m.start - 40), m.start)
        or (facility and _FACILITY_AFTER.match(text, m.end))
    )


def _near_any(e: GazetteerEntry, anchors: Sequence[GazetteerEntry], km: float) -> bool:
    return any(_km_to(e, a) <= km for a in anchors)


def _wide(area: GazetteerEntry) -> bool:
    return area.bbox is not None and extent_km(area.bbox) > WIDEST_KM


def _km_to(e: GazetteerEntry, area: GazetteerEntry) -> float:
    """How far ``e`` lies from a place: 0 inside an administrative area's box (or a
    narrower area's), else from its point; an area wider than ``WIDEST_KM`` has no point
    near anything (Europe's box holds Romania's Derna, its point says nothing)."""
    level = unit_level(area)
    if area.bbox is None or level in (0, 4, 5):
        return equirectangular_km(e.lat, e.lon, area.lat, area.lon)
    west, south, east, north = area.bbox
    m = _BOX_MARGIN
    wide = _wide(area)
    in_box = west - m <= e.lon <= east + m and south - m <= e.lat <= north + m
    if in_box and (level != -1 or not wide):
        return 0.0
    return math.inf if wide else equirectangular_km(e.lat, e.lon, area.lat, area.lon)
