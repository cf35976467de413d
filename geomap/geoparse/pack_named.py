"""Names the gazetteer does not know that the wording places weakly and a shipped pack
holds: recognised where one village of the pack fits the article.

"86 people were massacred at Seytenga", "the abduction happened in the community of
Ganthier", "attacks in Buenos Aires, Suarez, Mondomo, Cajibio and Jambalo", "Gwarinpa
in Abuja": the wording (:mod:`geomap.geoparse.pack_cues`) is no proof that the name is
a place, so the name is held back while the article is read. Then the packs of the
countries the article names (as countries, regions or districts; for "in Abuja", the
country of the place after it) are asked
(:func:`~geomap.geoparse.pack_choice.pack_fits`: the name as written, its other
romanisations, with Arabic's article, with its vowels written otherwise), and it is
admitted only where exactly one village of the name fits:

- near the article's places or in a region it names (for a list member or "X in Y":
  near, or in the region of, the places written beside it); of two, the one right
  beside one of the article's places or near a place of its own sentence;
- written before "in"/"of" and a district with its unit word ("Osara in Adavi LGA"),
  the one village of the name whose pack puts it in that district (the pack's
  ``parent``), else the one inside the unit the district was taken for, in the country
  of that unit (:func:`~geomap.geoparse.pack_choice.in_named_district`); nothing
  else decides for such a name, and a single word of English is never one ("Governor
  of Kogi State");
- for an event, else the only village of the name in the one country the article's
  places are in ("in northern Burkina Faso ... at Seytenga"; an adjective such as
  "French-speaking" names no place), unless a region or district its sentence names
  does not hold it.

A name of a country without a pack, of no pack village, of two villages that fit
equally, a person's first name or surname, or a name followed by an organisation's
head word ("Mondomo Group") is never admitted. Once admitted, the name's other
mentions are found as those of the other names the article says are places.
"""

from __future__ import annotations

from collections.abc import Sequence

from geomap.gazetteer.names import normalize
from geomap.geoparse.candidates import unit_level
from geomap.geoparse.matches import Match, RecognizerState
from geomap.geoparse.pack_choice import in_named_district, one_village, pack_fits
from geomap.geoparse.pack_cues import (
    MOST_COUNTRIES,
    agrees,
    communities_after,
    community_of,
    district_after,
    event_locative,
    in_place_after,
    listed_beside,
    points_of,
    sentence_bounds,
)
from geomap.geoparse.village_context import Support, near_or_in_region, support_of
from geomap.records import GazetteerEntry, Mention

__all__ = ["PackNamed"]

_MAX_WORDS = 3
"""Most words of a name admitted so."""
_MAX_HELD = 50
"""Most names of an article held back for the packs (keeps a hostile text cheap)."""
_MAX_UNKNOWN = 200
"""Most names the article says are places whose other mentions are looked for (as
:mod:`geomap.geoparse.unknown_names`)."""


class PackNamed(RecognizerState):
    """Rules mixed into the recogniser: unknown names with weak cues, held for the packs."""

    pack_held: list[tuple[Match, str, tuple[str, ...]]]
    """Each held name's match, its cue ("district", "event", "community", "list", "in")
    and, for a list, the names written beside it (for "in", the place after it; for
    "district", the district's name)."""
    unknown_names: dict[str, str]

    def _hold_for_packs(self, i: int, j: int, surface: str) -> bool:
        """Hold tokens i..j, a capitalised name the gazetteer does not know, for the
        packs when the wording is one of :mod:`~geomap.geoparse.pack_cues`' cues;
        whether it was held."""
        toks = self.tokens
        words = sum(t.is_word for t in toks[i:j])
        if words > _MAX_WORDS or len(self.pack_held) >= _MAX_HELD:
            return False
        first = toks[i].text
        if first in self.lex.first_names or (words == 1 and first in self.lex.surnames):
            return False  # "an attack on Smith", "Sheila D"
        if any(t.is_word and self.lex.zipf(t.text) >= 3.0 for t in toks[i + 1 : j]):
            return False  # "Islamic State", "Christmas Day": a word of English in it
        if self.index.demonym(normalize(surface)) or surface.endswith("."):
            return False  # "in Arabic", "Memphis St."
        after = toks[j] if j < len(toks) else None
        if after is not None and after.is_word and (
            after.text.lower() in self.lex.org_heads or after.text.lower() in self.lex.role_nouns
        ):
            return False  # "Mondomo Group", "Barja mayor"
        start, end = toks[i].start, toks[j - 1].end
        beside: tuple[str, ...] = ()
        if (district := district_after(self.text, end)) is not None:
            if words == 1 and self.lex.zipf(first) >= 3.0:
                return False  # "Governor of Kogi State": a word of English
            cue, beside = "district", (district[0],)  # "Osara in Adavi LGA"
        elif community_of(self.text, start) or communities_after(self.text, start, end):
            cue = "community"
        elif event_locative(self.text, start):
            cue = "event"
        elif (inside := in_place_after(self.text, end)) is not None and self._below_country(
            inside
        ):
            cue, beside = "in", (inside,)  # "Gwarinpa in Abuja": near the place after it
        else:
            beside = tuple(
                n for n in listed_beside(self.text, start, end) if self.index.has_name(normalize(n))
            )
            if not beside:
                return False
            cue = "list"
        self.pack_held.append((Match(i, j, surface), cue, beside))
        return True

    def _admit_pack_named(self, mentions: Sequence[Mention]) -> list[Match]:
        """The held names one pack village fits (see the module), not overlapping
        ``mentions``."""
        if not self.pack_held:
            return []
        tops = [(m, e) for m in mentions if (e := self._top_of(m)) is not None]
        support = support_of(e for _, e in tops)
        # the countries the article names, or of whose regions or districts it names
        # one: reading a pack costs up to 0.7 s, which a US story naming Baghdad must
        # not pay
        countries = {e.country_code for _, e in tops
                     if e.country_code and unit_level(e) in (0, 1, 2)}  # fmt: skip
        taken = [(m.start, m.end) for m in mentions]
        admitted = []
        for match, cue, beside in self.pack_held:
            start = self.tokens[match.start_tok].start
            end = self.tokens[match.end_tok - 1].end
            if any(s < end and start < e for s, e in taken):
                continue
            mention = Mention(start, end, self.text[start:end], match.name)
            village = self._one_fit(mention, cue, beside, tops, support, countries)
            if village is None:
                continue
            admitted.append(match)
            taken.append((start, end))
            if len(self.unknown_names) < _MAX_UNKNOWN:  # its other mentions are this place too
                self.unknown_names.setdefault(match.name, match.name)
        return admitted

    def _one_fit(
        self,
        mention: Mention,
        cue: str,
        beside: tuple[str, ...],
        tops: Sequence[tuple[Mention, GazetteerEntry]],
        support: Support,
        countries: set[str],
    ) -> GazetteerEntry | None:
        """The one pack village of the article's countries the held ``mention`` names."""
        if cue == "district":
            # "Osara in Adavi LGA": the village the pack puts in that district, in the
            # country of the place the district was taken for, else the article's
            found = district_after(self.text, mention.end)
            if found is None:
                return None
            unit = next((e for m, e in tops if m.start == found[1]
                         and 1 <= unit_level(e) <= 3), None)  # fmt: skip
            where = {unit.country_code} if unit is not None and unit.country_code else countries
            return in_named_district(mention, where, found[0], unit)
        if cue in ("list", "in"):
            # the names beside it that recognition took as places (not "Peres, X and
            # Netanyahu", whose names some town also bears)
            named = {normalize(m.name) for m, _ in tops} | {normalize(m.text) for m, _ in tops}
            listed = [e for n in beside if normalize(n) in named
                      and (e := self._top(normalize(n))) is not None]  # fmt: skip
            ref = support_of(listed)
            asked = {e.country_code for e in listed if e.country_code}
            if cue == "list":  # "in Abuja" says the country as surely as the article
                asked &= countries
        else:
            ref, asked = support, countries
        if not asked or len(asked) > MOST_COUNTRIES:
            return None
        fits = pack_fits(mention, asked, lambda e: near_or_in_region(e, ref))
        lo, hi = sentence_bounds(self.text, mention.start)
        in_sentence = [e for m, e in tops
                       if lo <= m.start < hi and not m.demonym and unit_level(e) != 0]  # fmt: skip
        village = one_village(fits, ref.points, points_of(in_sentence))
        if village is None and not fits and cue == "event":
            # "in northern Burkina Faso ... massacred at Seytenga": the only one of the
            # one country the article's places (not its adjectives: "French-speaking")
            # are in
            named = {e.country_code for m, e in tops if not m.demonym
                     and e.country_code and unit_level(e) in (0, 1, 2)}  # fmt: skip
            if len(named) == 1:
                village = one_village(pack_fits(mention, named, lambda e: True), ())
                if village is not None and not agrees(village, in_sentence):
                    return None  # "in Qahza area of Saada": not a Qahzah far from Saada
        return village

    def _below_country(self, name: str) -> bool:
        """Whether the best-known place called ``name`` is a place inside a country
        ("Gwarinpa in Abuja"; "the Bahai in Iran" may live anywhere there)."""
        top = self._top(normalize(name))
        return top is not None and unit_level(top) != 0

    def _top_of(self, m: Mention) -> GazetteerEntry | None:
        """The best-known place a mention's name may mean (a demonym's country)."""
        norm = normalize(m.name)
        if m.demonym:
            found = self.index.demonym(norm) or self.index.lookup(norm, limit=1)
            return found[0] if found else None
        return self._top(norm)
