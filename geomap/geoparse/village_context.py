"""Villages and neighbourhoods only where the article gives a reason to expect them.

The packs (``geomap gazetteer install``) add hundreds of thousands of small places whose
names are also people's names, words of other languages and brands ("Kameni", "Nasrin",
"Kuchava"). A name whose every gazetteer place is a village or a neighbourhood is
therefore held back while the article is read, and kept only when the article supports
it:

- the sentence says it is a place of that kind: "the village of X", "X village", "X
  hamlet", "the neighbourhood of X";
- the article names, as confident mentions, a place within ``NEAR_KM`` of it, or the
  village's own first-level region (or a town of that region).

A spelling the gazetteer holds only as an alternate name of a small town ("Kupiansk"
for Kupyansk) is held back the same way, and kept with a cue or a place nearby: US
local news is full of surnames that are some small town's old name. One of a town of
``KNOWN_TOWN`` or more is kept too where the article names the town's country or its
region ("Galkayo" for Gaalkacyo in a report that names Somalia). The article's
country alone is no support: measured on LGL, it let in more people ("Bashir",
"Sharif") than villages.

A US local story that contains an Afghan village's name as a surname gives none of
these, so nothing is added there; a report from Kherson Oblast that names a village
of the oblast does.

Names the gazetteer does not know at all are :mod:`geomap.geoparse.unknown_names`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from geomap.distance import equirectangular_km
from geomap.feature_types import WIDE_TYPES
from geomap.gazetteer.names import normalize
from geomap.geoparse.matches import Match, RecognizerState, joined
from geomap.records import GazetteerEntry, Mention

__all__ = ["KNOWN_TOWN", "NEAR_KM", "SMALL_PLACE_TYPES", "Support", "VillageContext",
           "near_or_in_region", "support_of"]

SMALL_PLACE_TYPES = frozenset({"village", "neighbourhood"})
"""Feature types recognised only with the article's support."""
KNOWN_TOWN = 50_000
"""A town this big is known by its other spellings too: one of them is a place in an
article that names the town's country ("Galkayo" for Gaalkacyo in a report from
Somalia), where a village needs a place nearby."""
NEAR_KM = 60.0
"""A confident place this close to a village supports it."""


@dataclass(frozen=True, slots=True)
class Support:
    """What the article's confident mentions say about where it is."""

    regions: frozenset[tuple[str, str]]
    points: tuple[tuple[float, float], ...]
    countries: frozenset[str] = frozenset()
    """The countries the article names as countries ("in Somalia", "Somali troops")."""


class VillageContext(RecognizerState):
    """Rules mixed into the recogniser: hold small places back, admit them with support."""

    pending: list[Match]
    """Matches of names that are only villages or neighbourhoods, awaiting support."""

    def _qualifier_before(self, i: int) -> str | None: ...  # provided by unit_names
    def _run_end(self, i: int) -> int: ...  # provided by the recogniser

    if TYPE_CHECKING:  # provided by unknown_names, after this class in the recogniser's MRO

        def _facility_place(self, i: int, j: int) -> bool: ...

    small_only: dict[str, bool]
    """``_small_place_only`` by name, for the process (see ``name_index.derived_answers``):
    a name's places are read again for every mention of it."""
    large_kinds: dict[str, frozenset[str]]
    """``_name_kinds`` by name, likewise."""

    def _small_place_only(self, norm: str) -> bool:
        """Whether every place called ``norm`` is a village or a neighbourhood."""
        found = self.small_only.get(norm)
        if found is None:
            entries = self.index.lookup(norm)
            found = self.small_only[norm] = bool(entries) and all(
                e.feature_type in SMALL_PLACE_TYPES for e in entries
            )
        return found

    def _name_kinds(self, norm: str) -> frozenset[str]:
        """How ``norm`` names the places that are not villages (primary, alt, abbr): a
        village called "Wal" must not make "Wal", an old spelling of a town, a name of
        its own."""
        found = self.large_kinds.get(norm)
        if found is None:
            found = self.large_kinds[norm] = frozenset(
                c.name_kind
                for c in self.index.candidates(norm)
                if c.entry.feature_type not in SMALL_PLACE_TYPES
            )
        return found

    def _hold(self, match: Match) -> None:
        """Hold a match back for support, unless it is only the first words of a longer
        capitalised name ("Bool" of "Bool-Kiiba", "Regi" of "Regi Model Town"): matching
        goes on after it either way."""
        end = self._run_end(match.start_tok)
        while end > match.end_tok and not self.tokens[end - 1].cap:
            end -= 1  # "Kostiantynivka on the morning": a connector ends no name
        if match.end_tok == end:
            self.pending.append(match)
        self.skip_to = max(self.skip_to, match.end_tok)

    def _admit_pending(self, mentions: list[Mention]) -> list[Match]:
        """The held-back matches the article supports, not overlapping ``mentions``."""
        if not self.pending:
            return []
        support = self._support(mentions)
        taken = [(m.start, m.end) for m in mentions]
        admitted = []
        for match in self.pending:
            start = self.tokens[match.start_tok].start
            end = self.tokens[match.end_tok - 1].end
            if any(s < end and start < e for s, e in taken):
                continue
            if self._supported(match, support):
                admitted.append(match)
                taken.append((start, end))
        return admitted

    def _supported(self, match: Match, support: Support) -> bool:
        lone = match.end_tok - match.start_tok == 1 and match.qualifier is not None
        if lone and self.tokens[match.start_tok].text.lower() in self.lex.directions:
            # "the West region" (unit_names): a first-level unit of a country the
            # article names, or of a country one of its places lies in
            named = support.countries | {country for country, _ in support.regions}
            return any(v.feature_type == "admin1" and v.country_code in named
                       for v in self.index.lookup(normalize(match.name)))  # fmt: skip
        if self._cued(match):
            return True
        places = self.index.lookup(normalize(match.name))
        village = all(v.feature_type in SMALL_PLACE_TYPES for v in places)
        for v in places:
            if v.country_code is None:
                continue
            if near(v, support.points):
                return True
            if (
                not village
                and v.population >= KNOWN_TOWN
                and (v.country_code in support.countries
                     or (v.country_code, normalize(v.admin1 or "")) in support.regions)
            ):  # fmt: skip
                return True  # "Galkayo" for Gaalkacyo in a report that names Somalia
            if village and v.admin1 and (v.country_code, normalize(v.admin1)) in support.regions:
                return True
        return False

    def _cued(self, match: Match) -> bool:
        """ "the village of X", "X village", "X and Y villages", "Hais district": the text
        says so (``place_cues.txt``: a district's word says it as surely as a village's)."""
        cues = self.lex.place_cues
        qualifier = match.qualifier or self._qualifier_before(match.start_tok)
        if qualifier is not None and qualifier.split()[-1] in cues:
            return True
        j = match.end_tok
        toks = self.tokens
        if j >= len(toks) or not joined(toks[j]) or toks[j].text.lower() not in cues:
            return False
        # "in Kalma camp", but not "the Brockway camp said": a campaign
        return (toks[j].text.lower() not in self.lex.facility_cues
                or self._facility_place(match.start_tok, j))  # fmt: skip

    def _support(self, mentions: Iterable[Mention]) -> Support:
        tops = []
        for m in mentions:
            norm = normalize(m.name)
            # a demonym's mention bears its country's name ("Somali": Somalia)
            entries = (self.index.demonym(norm) or self.index.lookup(norm, limit=1)
                       if m.demonym else self.index.lookup(norm, limit=1))  # fmt: skip
            tops += entries[:1]
        return support_of(tops)


def support_of(places: Iterable[GazetteerEntry]) -> Support:
    """What the article's confident ``places`` say about where it is: the points of the
    places that are not wide areas, and their first-level regions."""
    regions: set[tuple[str, str]] = set()
    points: list[tuple[float, float]] = []
    countries = set()
    for e in places:
        _add(e, regions, points)
        if e.feature_type == "country" and e.country_code:
            countries.add(e.country_code)
    return Support(frozenset(regions), tuple(points), frozenset(countries))


def near_or_in_region(village: GazetteerEntry, support: Support) -> bool:
    """Whether the article supports ``village``: one of its places lies within
    ``NEAR_KM``, or it names the village's first-level region (or a town of it)."""
    if village.country_code is None:
        return False
    if near(village, support.points):
        return True
    return (
        bool(village.admin1)
        and (village.country_code, normalize(village.admin1 or "")) in support.regions
    )


def _add(
    e: GazetteerEntry,
    regions: set[tuple[str, str]],
    points: list[tuple[float, float]],
) -> None:
    if e.country_code is None:
        return
    if e.feature_type == "admin1":
        regions.add((e.country_code, normalize(e.admin1 or e.name)))
    elif e.admin1:
        regions.add((e.country_code, normalize(e.admin1)))
    if e.feature_type not in WIDE_TYPES:
        points.append((e.lat, e.lon))


def near(entry: GazetteerEntry, points: Iterable[tuple[float, float]]) -> bool:
    """Whether one of ``points`` lies within ``NEAR_KM`` of ``entry``."""
    return any(equirectangular_km(entry.lat, entry.lon, lat, lon) <= NEAR_KM for lat, lon in points)
