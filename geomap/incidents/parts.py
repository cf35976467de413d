"""Parts of a country as scenes: "13 civilians were killed in northern Burkina Faso",
"shelling in the north-west of Pakistan" (not "Ukraine's southern Odesa region", which
says where the region lies).

The report names a direction inside a large place, not the whole of it: its centroid
would be hundreds of kilometres from where it happened. The scene is a point inside
that part of the place's polygon (the third of it lying that way, or the quarter for
"north-east"), at UCDP precision 5 (UCDP's "northern Uganda"), with the part's
half-extent as its uncertainty.  A report that places an incident nowhere puts it in
the country it tells its other incidents in (:func:`country_of_the_report`).
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Sequence

import shapely

from geomap.incidents.references import REFERENCE_SINCE
from geomap.incidents.sentences import Sentence, sentence_at
from geomap.incidents.setting import Scene, Setting
from geomap.place_roles import RoledMention
from geomap.records import GazetteerEntry

__all__ = ["country_of_the_report", "direction_alone", "direction_before", "part_named",
           "part_of", "part_scene", "part_scene_of"]

_DIRECTION = (
    r"(?P<dir>north|south|east|west|north-?east|north-?west|south-?east|south-?west)"
)
_PART_BEFORE = re.compile(
    rf"(?<!['\u2019]s\s)\b(?:{_DIRECTION}(?:ern)?\s+|the\s+{_DIRECTION.replace('dir', 'dir2')}\s+"
    r"(?:part\s+|region\s+|parts\s+)?of\s+(?:the\s+)?)$",
    re.IGNORECASE,
)
"""A direction right before a place's name: "northern ", "the north-west of "."""


def direction_before(text: str) -> str | None:
    """The direction ("north", "southeast") the words right before a name point to."""
    found = _PART_BEFORE.search(text)
    if found is None:
        return None
    return (found.group("dir") or found.group("dir2")).lower().replace("-", "")


_PART_ALONE = re.compile(
    rf"\bin\s+the\s+(?:far\s+)?{_DIRECTION}(?:ern\s+part)?\b(?!\s+of\b)", re.IGNORECASE
)
"""A part named without the place it is part of: "in the northeast"."""


def direction_alone(text: str) -> str | None:
    """The direction of a part a sentence names without its place ("44 civilians were
    killed in two villages in the northeast"): the report's country's part."""
    found = _PART_ALONE.search(text)
    return found.group("dir").lower().replace("-", "") if found else None


def part_of(
    entry: GazetteerEntry, direction: str
) -> tuple[tuple[float, float], float] | None:
    """((lat, lon), half-extent in metres) of the ``direction`` part of a country or
    admin-1 region's polygon, or None when the gazetteer has no polygon or box for it."""
    shape = _polygon(entry)
    if shape is None:
        return None
    west, south, east, north = shape.bounds
    width, height = east - west, north - south
    box = [west, south, east, north]
    if "north" in direction:
        box[1] = north - height / (2 if len(direction) > 5 else 3)
    if "south" in direction:
        box[3] = south + height / (2 if len(direction) > 5 else 3)
    if "east" in direction:
        box[0] = east - width / (2 if len(direction) > 5 else 3)
    if "west" in direction:
        box[2] = west + width / (2 if len(direction) > 5 else 3)
    part = shapely.intersection(shape, shapely.box(*box))
    if part.is_empty:
        return None
    point = part.centroid if part.contains(part.centroid) else part.representative_point()
    pw, ps, pe, pn = part.bounds
    half = max(pe - pw, pn - ps) / 2 * 111_000
    return (round(point.y, 5), round(point.x, 5)), round(half, -3)


def _polygon(entry: GazetteerEntry) -> shapely.Geometry | None:
    if entry.feature_type == "country" and entry.country_code:
        shape = _country(entry.country_code)
    elif entry.feature_type == "admin1":
        shape = _admin1(entry.id)
    else:
        return None
    if shape is None and entry.bbox is not None:
        shape = shapely.box(*entry.bbox)
    return shape


@functools.lru_cache(maxsize=256)
def _country(code: str) -> shapely.Geometry | None:
    from geomap.gazetteer import shapes

    return shapes.country_polygons([code]).get(code)


@functools.lru_cache(maxsize=256)
def _admin1(entry_id: str) -> shapely.Geometry | None:
    from geomap.gazetteer import shapes

    return shapes.admin1_polygons([entry_id]).get(entry_id)


def part_scene_of(scene: Scene, setting: Setting) -> Scene:
    """"in northern Burkina Faso": a point in that part of the country
    (:mod:`geomap.incidents.parts`), not its centre."""
    named = scene.place
    if not isinstance(named, RoledMention) or named.entry.feature_type != "country":
        return scene  # "in southern Idlib province" says where the province lies
    direction = part_named(named, setting.sentences)
    part = part_scene(named, direction) if direction else None
    return part if part is not None else scene


def part_named(country: RoledMention, sentences: Sequence[Sentence]) -> str | None:
    """The direction of the part of a country its mention names ("eastern
    Afghanistan": "east"), or None when it names the whole country."""
    start = country.mention.start
    sentence = sentence_at(sentences, start)
    if sentence is None:
        return None
    offset = start - sentence.span[0]
    return direction_before(sentence.text[max(0, offset - 40) : offset])


def part_scene(country: RoledMention, direction: str) -> Scene | None:
    """The ``direction`` part of a country as a scene: a point in it, UCDP 5, with the
    part's half-extent as uncertainty (:mod:`geomap.incidents.parts`)."""
    found = part_of(country.entry, direction)
    if found is None:
        return None
    point, half = found
    return Scene(country, 5, point=point, uncertainty_m=half,
                 note=f"the {direction} of {country.entry.name}")


def country_of_the_report(setting: Setting) -> Scene | None:
    """"A spokesman told AFP there had been another air strike on Friday", in a report of
    strikes in Myanmar: an incident no sentence places is in the country the report puts
    its other incidents in (the one most of their scenes lie in), at UCDP precision 6."""
    votes: Counter[str] = Counter()
    named: dict[str, RoledMention] = {}
    mentioned: Counter[str] = Counter()
    for sentence in setting.sentences:
        for r in sentence.roled:
            if r.entry.id in setting.owners and r.entry.country_code:
                votes[r.entry.country_code] += 1
            if r.entry.feature_type == "country" and r.role in ("location", "actor"):
                named.setdefault(r.entry.country_code, r)
                if r.role == "location" and not _in_reference(sentence, r):
                    mentioned[r.entry.country_code] += 1
    # no incident placed: the one country the report names as where something is (not
    # in a reference to another event: "since the 2005 earthquake killed 73,000 in
    # Pakistan")
    ranked = votes.most_common(2) or mentioned.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None  # no country, or two as often: which one is a guess
    country = named.get(ranked[0][0])
    if country is None:
        return None
    return Scene(country, 6, note="no place stated for it: the country the report is about")


def _in_reference(sentence: Sentence, r: RoledMention) -> bool:
    offset = r.mention.start - sentence.span[0]
    return any(m.start() <= offset < m.end() for m in REFERENCE_SINCE.finditer(sentence.text))
