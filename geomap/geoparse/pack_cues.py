"""Wording that makes an unknown name worth looking up in the shipped packs.

The cues of :mod:`geomap.geoparse.unknown_names` ("the village of X", "X district")
say in so many words that a name is a place. Reports name many villages with less:

- "86 people were massacred at Seytenga", "an Israeli strike on Barja": a locative
  preposition before a capitalised name, in a sentence that tells of a violent event or
  a disaster (``EVENT``);
- "the abduction happened in the community of Ganthier": "community of" before it (not
  "the Muslim community", whose name comes first, nor "the international community",
  which names none), or a list of names that "communities" ends ("the Kucheri,
  Wanzamai and Danwuri communities");
- "attacked police stations in Buenos Aires, Suarez, Mondomo, Cajibio and Jambalo": a
  member of a list beside names the gazetteer knows;
- "on 3rd Avenue, Gwarinpa in Abuja": "in" and a known place below the country after
  it ("the Bahai in Iran" may live anywhere there);
- "Osara in Adavi LGA", "Akucieng Village of Manyang-Ngok Payam": "in" or "of" and a
  name with a unit word after it (:func:`district_after`). The packs record the district
  each village lies in (their ``parent``), so the name is the one village of the name
  whose district is the one written, or, failing that, the one inside the unit the
  article's district resolved to (its box).

Such wording alone would make places of organisations, people and words of other
languages, so it only asks the packs: the name is a place where a pack of the article's
countries holds one village of that name that fits the article (near its places, in
its region, or, for an event, the only one of that name in the one country the article
names, unless a region or district its sentence names does not hold it). Recognition
admits it so (:mod:`geomap.geoparse.pack_named`), and resolution places it the same way
(:mod:`geomap.geoparse.pack_villages`).

The textual cues read the text only; the last functions read them from resolution's
output, for :mod:`geomap.geoparse.pack_villages`.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from functools import cache

from geomap.distance import equirectangular_km
from geomap.feature_types import ADMIN_UNIT_TYPES
from geomap.gazetteer.names import normalize
from geomap.geoparse.candidates import unit_level
from geomap.geoparse.containment import inside
from geomap.geoparse.far_namesakes import stated_km
from geomap.geoparse.lexicon import lexicon
from geomap.geoparse.structure import Relations
from geomap.records import GazetteerEntry, Resolution

__all__ = ["EVENT", "MOST_COUNTRIES", "SURE", "agrees", "at_about", "communities_after",
           "community_of", "district_after", "district_key", "event_locative", "in_place_after",
           "listed_beside", "points_of",
           "sentence_bounds", "sentence_places", "stated_anchor", "weakly_cued"]

SURE = 0.5
"""How sure resolution must be of a place for it to say where the article is (as
:mod:`geomap.geoparse.pack_villages`)."""
MOST_COUNTRIES = 3
"""Most countries whose packs a weaker cue asks: a roundup that names a dozen countries
says nothing about where a village is, and a country asked for the first time ever
costs up to 2 s to build its names file (:mod:`geomap.gazetteer.pack_names`)."""
_DISTANCE_SLACK_KM = 5.0
"""How far from a stated distance a village may lie, at the least."""

EVENT = re.compile(
    r"\b(?:massacr|attack|strike|struck|kill|shell|bomb|raid|ambush|clash|explo|blast"
    r"|kidnap|abduct|hostage|fought|fighting|gunm[ae]n|gunfire|shot|shoot|fired|airstrike"
    r"|drone|missile|rocket|mortar|wound|injur|dead\b|died|death|destroy|torch|burn|loot"
    r"|stormed|seized|captur|overran|offensive|assault|flood|landslide|earthquake|quake)",
    re.IGNORECASE,
)
"""Stems of the words that tell of a violent event or a disaster."""
_LOCATIVE = re.compile(r"(?:^|[\s\"'\u201c])(?:at|in|on|At|In|On)\s+$")
_KNOWN_AS = re.compile(
    r"\b(?:area|place|village|town|locality|neighbou?rhood|district|hamlet|settlement)\s+"
    r"(?:known\s+as|called|named)\s+$", re.IGNORECASE)
""""the airstrike hit an area known as Barja": a place named as such, where the event was."""
"""A locative preposition right before the name: "at ", "in ", "on "."""
_COMMUNITY_OF = re.compile(r"\bcommunity\s+of\s+(?:the\s+)?$")
"""Lower-case "community of": "the Community of Sant'Egidio" names an organisation."""
_NAME = r"[A-Z][\w'\u2019-]*(?: [A-Z][\w'\u2019-]*){0,3}"
_COMMUNITIES_AFTER = re.compile(rf"(?:(?:,|,? and|,? or) {_NAME}){{1,8}} communities\b")
"""The rest of a list that "communities" ends: ", Wanzamai, and Danwuri communities"."""
_COMMUNITIES = re.compile(r" communities\b")
_IN_PLACE_AFTER = re.compile(rf" in (?:the )?(?P<place>{_NAME})(?![\w'\u2019-])")
_SEPARATOR_BEFORE = re.compile(
    r"(?P<other>[A-Z][\w'\u2019-]*(?: [A-Z][\w'\u2019-]*){0,3})(?:,|,? and|,? or) $"
)
_SEPARATOR_AFTER = re.compile(
    r"(?:,|,? and|,? or) (?P<other>[A-Z][\w'\u2019-]*(?: [A-Z][\w'\u2019-]*){0,3})"
    r"(?![\w'\u2019-])"
)
_COMMA = re.compile(r",\s+")
_SENTENCE_END = re.compile(r"[.!?](?=[\s\"'\u201d\u2019)]|$)|\n")
_LOOK = 400
"""Most characters read either side of a name for its sentence."""


def sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    """The (start, end) of the sentence holding character ``pos``, read within
    ``_LOOK`` characters either side (a hostile text's lines stay cheap)."""
    lo = max(0, pos - _LOOK)
    start = lo
    for found in _SENTENCE_END.finditer(text, lo, pos):
        start = found.end()
    after = _SENTENCE_END.search(text, pos, min(len(text), pos + _LOOK))
    return start, after.end() if after else min(len(text), pos + _LOOK)


def event_locative(text: str, start: int) -> bool:
    """Whether a locative preposition stands right before ``start`` ("massacred at X",
    "a strike on X", "hit an area known as X") in a sentence that tells of a violent
    event or a disaster."""
    if not (_LOCATIVE.search(text, max(0, start - 6), start)
            or _KNOWN_AS.search(text, max(0, start - 40), start)):
        return False
    lo, hi = sentence_bounds(text, start)
    return EVENT.search(text, lo, hi) is not None


def community_of(text: str, start: int) -> bool:
    """Whether "community of" stands right before ``start`` ("in the community of X")."""
    return _COMMUNITY_OF.search(text, max(0, start - 20), start) is not None


def communities_after(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a member of a list that "communities" ends ("the
    Kucheri, Wanzamai, and Danwuri communities"), as Nigerian news calls villages; one
    name before it ("the Muslim communities") is none."""
    if _COMMUNITIES_AFTER.match(text, end):
        return True
    return _COMMUNITIES.match(text, end) is not None and (
        _SEPARATOR_BEFORE.search(text, max(0, start - 60), start) is not None
    )


def in_place_after(text: str, end: int) -> str | None:
    """The capitalised name written right after "in" after the name ending at ``end``
    ("Gwarinpa in Abuja"), or None."""
    found = _IN_PLACE_AFTER.match(text, end)
    return found.group("place") if found else None


@cache
def _units() -> tuple[re.Pattern[str], frozenset[str]]:
    """The pattern of "in"/"of" and a name with a unit word after it, and the unit
    words as single tokens (to drop from a district's name): the recogniser's type words
    of administrative units ("district", "payam", "tehsil", "province") and its type
    phrases ("local government area", "LGA")."""
    lex = lexicon()
    words = {w for w, p in lex.place_types.items() if ADMIN_UNIT_TYPES & set(p.feature_types)}
    phrases = [r"\s+".join(re.escape(t) for t in key) for key in lex.type_phrases]
    alternatives = "|".join(sorted([*map(re.escape, words), *phrases], key=len, reverse=True))
    pattern = re.compile(
        rf"\s+(?:[Vv]illage\s+)?(?:in|of)\s+(?:the\s+)?(?P<place>{_NAME}?)"
        rf"\s+(?i:{alternatives})(?![\w'\u2019-])"
    )
    tokens = words | {t for key in lex.type_phrases for t in key} | {f"{w}s" for w in words}
    return pattern, frozenset(tokens)


def district_after(text: str, end: int) -> tuple[str, int] | None:
    """The district written after the name ending at ``end`` and where it starts:
    "Osara in Adavi LGA" -> ("Adavi", ...), "Akucieng Village of Manyang-Ngok Payam" ->
    ("Manyang-Ngok", ...); None where no unit word follows a name after "in"/"of"."""
    found = _units()[0].match(text, end)
    if found is None or not found.group("place"):
        return None
    return found.group("place"), found.start("place")


def district_key(name: str) -> str:
    """A district's name folded to compare a written one with a pack's ``parent``:
    normalised, without unit words or numbers ("Adavi Local Government Area",
    "Zhytomyrskyi Raion", "Butaganzwa1" -> "adavi", "zhytomyrskyi", "butaganzwa")."""
    words = _units()[1]
    kept = [w for w in normalize(re.sub(r"\d+", " ", name)).split() if w not in words]
    return " ".join(kept)


def listed_beside(text: str, start: int, end: int) -> list[str]:
    """The names written right before and after ``text[start:end]`` as members of one
    list ("Suarez, X, Cajibio"): the capitalised runs across a comma, "and" or "or"."""
    names = []
    found = _SEPARATOR_BEFORE.search(text, max(0, start - 60), start)
    if found is not None:
        names.append(found.group("other"))
    found = _SEPARATOR_AFTER.match(text, end)
    if found is not None:
        names.append(found.group("other"))
    return names


# ------------------------------------------------------------ read from resolutions


def weakly_cued(text: str, k: int, out: Sequence[Resolution], relations: Relations) -> bool:
    """Whether the wording around mention ``k`` (a name without a type word) is one of
    the module's cues, or states its distance from the sure place named after it
    ("Deir Billa, some 15 kilometres from the town of Batroun")."""
    m = out[k].mention
    if m.qualifier is not None or m.demonym or _beside_its_country(text, k, out):
        return False
    listed = any(_sure(out[j]) for members in relations.lists if k in members
                 for j in members if j != k)  # fmt: skip
    return (
        community_of(text, m.start)
        or communities_after(text, m.start, m.end)
        or event_locative(text, m.start)
        or listed
        or stated_anchor(text, k, out) is not None
    )


def stated_anchor(
    text: str, k: int, out: Sequence[Resolution]
) -> tuple[GazetteerEntry, float] | None:
    """The sure place mention ``k`` is said to lie at a distance from, and the distance
    in km ("X, some 15 kilometres (nine miles) from the town of Y"), or None."""
    if k + 1 >= len(out):
        return None
    km = stated_km(text, out[k].mention.end, out[k + 1].mention.start)
    anchor = out[k + 1]
    if km is None or not _sure(anchor) or unit_level(anchor.entry) < 2:  # type: ignore[arg-type]
        return None
    return anchor.entry, km  # type: ignore[return-value]


def at_about(entry: GazetteerEntry, anchor: GazetteerEntry, km: float) -> bool:
    """Whether ``entry`` lies at about ``km`` from ``anchor``: a stated distance is
    rounded and often measured by road."""
    found = equirectangular_km(entry.lat, entry.lon, anchor.lat, anchor.lon)
    return abs(found - km) <= max(_DISTANCE_SLACK_KM, km / 2)


def sentence_places(
    text: str, ks: Sequence[int], out: Sequence[Resolution], skip: Collection[int]
) -> list[GazetteerEntry]:
    """The sure places, no country and no adjective, named in the sentences of mentions
    ``ks`` (not those of ``skip``): of two villages of a name near the article's places,
    the one near a place of its own sentence is meant ("a strike on Maaysra, ... north
    of Beirut"), and one the sentence's own places contradict is not ("in Qahza area of
    Saada" is no Qahzah 300 km from Saada)."""
    spans = [sentence_bounds(text, out[k].mention.start) for k in ks]
    return [
        e
        for j, r in enumerate(out)
        if j not in skip and _sure(r) and not r.mention.demonym
        and (e := r.entry) is not None and unit_level(e) != 0
        and any(lo <= r.mention.start < hi for lo, hi in spans)
    ]  # fmt: skip


def points_of(places: Sequence[GazetteerEntry]) -> list[tuple[float, float]]:
    """The points of ``places`` that are no region (whose point says little)."""
    return [(e.lat, e.lon) for e in places if unit_level(e) not in (0, 1)]


def agrees(entry: GazetteerEntry, places: Sequence[GazetteerEntry]) -> bool:
    """Whether ``entry`` lies inside one of the regions or districts among ``places``
    (its sentence's), or the sentence names none: a town it names may be where the news
    came from ("..., the government in Ouagadougou said")."""
    units = [p for p in places if unit_level(p) in (1, 2, 3)]
    return not units or any(inside(entry, p) > 0 for p in units)


def _beside_its_country(text: str, k: int, out: Sequence[Resolution]) -> bool:
    """Whether mention ``k`` is written "X, <country>" ("fighting in Kordofan, Sudan"):
    X may then be a region of the country, no village."""
    if k + 1 >= len(out):
        return False
    after = out[k + 1]
    return (
        after.entry is not None
        and unit_level(after.entry) == 0
        and _COMMA.fullmatch(text, out[k].mention.end, after.mention.start) is not None
    )


def _sure(r: Resolution) -> bool:
    return r.entry is not None and r.score >= SURE
