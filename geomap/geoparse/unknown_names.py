"""Names the gazetteer does not know, where the sentence says they are places.

A capitalised name the gazetteer does not know at all is a place only where the sentence
says so in so many words (``place_cues.txt``): "Namoungou village", "the village of
Sousian", "Hamarweyne district", "Ponnar Village" (a capitalised type word ends the name,
except one news keeps in it: "Laurel County"), "the Kawot and Molale districts" (a plural
one after a list), "the Al-Taji industrial area", "Godoria, a locality in ...", "in
Masinga, Machakos county" (a name placed inside a known place), "Markoye, in Oudalan
province, is ..." (a sentence's first name set beside its unit), "between Baye and
Pissa" (joined to a known place by "between ... and"), or "Kudodo, Galapai and Dnalgwa
communities" (a list of three names or more before "communities"; one name before it,
"the Muslim community", never). A word that begins place
names ("Puerto", "Kafr", "Wad": ``name_prefixes.txt``) says so too. Once the article has
said so, the same name elsewhere in it is that place too ("Yambali sits along a road
...").

This module decides, from the name's own words and what is said around it, and finds
the name's other mentions; the cue words are read by
:mod:`geomap.geoparse.unknown_name_cues`, the known places written beside the name by
:mod:`geomap.geoparse.unknown_beside_known` (both mixed in here).
"""

from __future__ import annotations

import re
from functools import cache

from geomap.gazetteer.names import normalize
from geomap.geoparse.lexicon import DATA
from geomap.geoparse.matches import Match, glued, joined, spaced
from geomap.geoparse.place_lists import listed_with_places
from geomap.geoparse.unknown_beside_known import UnknownBesideKnown
from geomap.geoparse.unknown_name_cues import SMALL_CUES, UnknownNameCues
from geomap.records import Mention

__all__ = ["UnknownNames", "name_prefixes"]

_BARE_CAMP = re.compile(r" camps?\b")
"""A camp named by its name alone: a campaign's ("the Biden camp") as often as a place's."""
_CAMP_LEADS = frozenset(["in", "at", "near", "outside", "from", "into", "to", "inside"])
"""Words that make such a camp a place ("fled to Zamzam camp")."""
_ROAD_AFTER = re.compile(r" (?:[a-z]+ )?(?:road|highway|motorway)\b")
"""A road named after the places it joins, written in lower case: "the X-Y diversion road"."""
_ENGLISH_PREPOSITIONS = frozenset(["at", "as"])
"""Spellings of Arabic's article that are English words: written apart, not the article."""
_HYPHENS = frozenset("-\u2010")
_UNKNOWN_WORDS = 4
"""Most words of a name the gazetteer does not know ("Beu Manyama-Moliso")."""
_MAX_UNKNOWN = 200
"""Most such names an article's other mentions are looked for (keeps a hostile text linear)."""


class UnknownNames(UnknownNameCues, UnknownBesideKnown):
    """Rules mixed into the recogniser for names the gazetteer does not know."""

    unknown_names: dict[str, str]
    """Names the gazetteer does not know that the article has said are places, and the
    name each is looked up by."""

    def _hold_for_packs(self, i: int, j: int, surface: str) -> bool: ...  # by pack_named

    def _unknown_place(self, i: int, shorter: Match | None) -> Match | None:
        """The capitalised run from ``i``, a name the gazetteer does not know, where the
        sentence says it is a place; ``shorter`` is the known name found at its start,
        which it replaces (as the span, not as the name looked up) only when the cue word
        stands right beside the whole run."""
        toks = self.tokens
        tok = toks[i]
        if tok.upper or self.person[i]:
            return None
        # "al-Luweib village": written in lower case (so never at a capitalised word, the
        # most of the calls: the test is not asked there)
        article = not tok.cap and self._arabic_article_next(i)
        if not (tok.cap or article):
            return None
        # "North Waziristan", "North Shewa Zone": a direction opening a longer name, a
        # place only where a cue word says so
        lower = tok.text.lower()
        direction = lower in self.lex.directions
        if direction and not (i + 1 < len(toks) and toks[i + 1].cap and spaced(toks[i + 1])):
            return None
        if (
            self.lex.zipf(tok.text) >= 3.0
            and not article
            and not direction
            and not self._arabic_article_next(i + 1)
            and lower not in name_prefixes()
            and (self._qualifier_before(i) or "") not in SMALL_CUES
        ):
            # an English word, but not "Wad al-Noura", "Tell al-Hawa", "the village of
            # Let Yet Kone"
            return None
        if lower in self.lex.titles:
            return None
        prev = toks[i - 1] if i > 0 else None
        if prev is not None and prev.cap and spaced(tok) and self.lex.zipf(prev.text) < 3.0:
            return None  # "DFW Metroplex": the end of a longer name
        j = self._unknown_run_end(i)
        words = sum(t.is_word for t in toks[i:j])
        if words > _UNKNOWN_WORDS or any(t.upper for t in toks[i:j]):
            return None  # "Brant OPP": an organisation's letters
        surface = self.text[tok.start : toks[j - 1].end]
        norm = normalize(surface)
        if norm in self.lex.not_places or self.index.has_name(norm):
            return None
        cue = self._place_cue(i, j)
        if direction and (not cue or self._known_rest(i + 1, j)):
            return None  # "Greater Toronto Area": the known place follows the direction
        if words > 2 and self.lex.zipf(toks[j - 1].text) >= 3.0 and cue not in SMALL_CUES:
            # "the Grand Palm Lodge area": a longer name ending in an English word is
            # read as a proper name that is no place, unless the sentence calls it a
            # village ("Moe Tarr Lay village")
            return None
        if cue is None and shorter is None and words == 1 and (
            self._inside_named_place(i, j)
            or self._apposed_unit(i, j)
            or self._between_places(i, j)
        ):
            cue = ""
        if cue is None and shorter is None and words == 2 and self._inside_named_place(
            i, j, unit_only=True
        ):
            cue = ""  # "in Tungan Magajiya, Rijau local government area"
        if cue is None and shorter is None and self._of_named_unit(i, j):
            cue = ""
        if cue is None and shorter is None and self._community_list(i, j):
            cue = ""
        if cue is None and shorter is None and words == 1 and listed_with_places(
            toks, i, j, self._known_town
        ):
            cue = ""  # "from Sattur, Vembakottai and Sivakasi"
        if cue is None and words >= 2 and tok.text.lower() in name_prefixes():
            cue, shorter = "", None  # "Puerto Jordán": the name says it is a place
        if cue is None and shorter is None and words == 2 and j == i + 3:
            ends = self._road_ends(i, j)
            if ends is not None:
                return ends
        if cue is None and shorter is None and self._hold_for_packs(i, j, surface):
            return None  # "massacred at Seytenga": a place if a shipped pack holds it
        if cue is None or (shorter is not None and shorter.end_tok >= j):
            return None
        if shorter is not None and self._known_rest(shorter.end_tok, j):
            return None  # "Pakistan Khyber Pakhtunkhwa province": two places side by side
        if cue == "" and (tok.text in self.lex.first_names or tok.text in self.lex.surnames):
            return None  # "in Lindsay, Texas" may be a person's address
        if cue in self.lex.facility_cues and (shorter is not None
                                              or not self._facility_place(i, j)):
            # "the Trump camp": a person's followers, not a place; "the Sivakasi East
            # police station": the facility's name, the known town in it the place
            return None
        ptype = self.lex.place_types.get(cue)
        # "Kanpur Dehat district": the span is the whole name; the known place it starts
        # with ("Kanpur") is still the best guess of where it is
        name = shorter.name if shorter is not None else surface
        if len(self.unknown_names) < _MAX_UNKNOWN:  # an article names a few, not thousands
            self.unknown_names[surface] = name
        return Match(i, j, name, qualifier=ptype.qualifier if ptype else None)

    def _facility_place(self, i: int, j: int) -> bool:
        """Whether the facility word after tokens i..j stands in a place of that name:
        not after a person's name, and a bare "camp" only after a locative word ("in
        Zamzam camp"; "the Abu Shouk displacement camp" says its kind; "the Biden camp
        said" is a campaign)."""
        tok = self.tokens[i]
        if (tok.text in self.lex.first_names or tok.text in self.lex.surnames
                or normalize(tok.text) in self.person_names):  # fmt: skip
            return False
        if not _BARE_CAMP.match(self.text, self.tokens[j - 1].end):
            return True
        prev = self.tokens[i - 1] if i > 0 else None
        return prev is not None and prev.text.lower() in _CAMP_LEADS

    def _road_ends(self, i: int, j: int) -> Match | None:
        """ "near Chulling on the Chulling-Tapri road": a road named by the two places it
        joins; both are places (the second found as a repeat of the names the article has
        said are places)."""
        toks = self.tokens
        if toks[i + 1].text not in _HYPHENS or not _ROAD_AFTER.match(self.text, toks[j - 1].end):
            return None
        first, second = toks[i].text, toks[i + 2].text
        if len(self.unknown_names) < _MAX_UNKNOWN - 1:
            self.unknown_names[first] = first
            self.unknown_names[second] = second
        return Match(i, i + 1, first)

    def _known_rest(self, k: int, j: int) -> bool:
        """Whether tokens k..j, the words of a run after the known place it starts with,
        are a known name themselves: then the run names two places, not one."""
        toks = self.tokens
        if j == k + 1 and toks[k].text.lower() in self.lex.directions:
            return False  # "Imphal West district": one district's name, not a region "West"
        return k < j and self.index.has_name(normalize(self.text[toks[k].start : toks[j - 1].end]))

    def _unknown_run_end(self, i: int) -> int:
        """End (exclusive) of the name from ``i``: capitalised words joined by spaces or
        hyphens ("Beu Manyama-Moliso", "Mais al-Jabal", "Maarat al Numan"); never across
        "of" or "the"."""
        toks = self.tokens
        n = min(len(toks), i + 2 * _UNKNOWN_WORDS + 2)  # longer runs are rejected anyway
        j = i + 1
        while j < n:
            t = toks[j]
            if glued(t) and t.text in _HYPHENS and j + 1 < n:
                after = toks[j + 1]
                if not (glued(after) and after.is_word) or (
                    not after.cap and self.lex.zipf(after.text) >= 3.0
                ):
                    break  # "Georgian-controlled": a compound, not a name
                j += 2
                continue
            # "Mais al-Jabal", "Maarat al Numan": Arabic's article inside the name
            article = (
                t.text.lower() in self.lex.arabic_articles
                and j + 1 < n
                and (
                    (toks[j + 1].text in _HYPHENS and glued(toks[j + 1]))
                    or (
                        toks[j + 1].cap
                        and spaced(toks[j + 1])
                        and toks[j + 1].is_word
                        and t.text not in _ENGLISH_PREPOSITIONS  # "Tolokhya at Char"
                    )
                )
            )
            if not (t.is_word and spaced(t) and (t.cap or article)) or self.person[j]:
                break
            if j > i and t.cap and self._cue_word_ends_run(j):
                break  # "Ponnar Village", "Molale District": the type word is no part
            j += 1
        return j

    def _arabic_article_next(self, j: int) -> bool:
        """Whether token ``j`` is Arabic's article joined by a hyphen to a name ("al-"
        in "Wad al-Noura"): the word before it is then a transliteration, not English."""
        toks = self.tokens
        return (
            j + 2 < len(toks)
            and not toks[j].cap
            and toks[j].text.lower() in self.lex.arabic_articles
            and toks[j + 1].text in _HYPHENS
            and glued(toks[j + 1])
            and glued(toks[j + 2])
            and toks[j + 2].is_word
        )

    def _repeat_unknown(self, mentions: list[Mention]) -> list[Match]:
        """Later (and earlier) mentions of the names the article has said are places."""
        if not self.unknown_names:
            return []
        toks = self.tokens
        taken = bytearray(len(self.text))  # 1 where a mention already stands
        for m in mentions:
            taken[m.start : m.end] = b"\x01" * (m.end - m.start)
        by_first: dict[str, list[tuple[str, str]]] = {}
        for surface, name in self.unknown_names.items():
            by_first.setdefault(surface.split()[0].split("-")[0], []).append((surface, name))
            upper = surface.upper()  # "SAADA, HODAIDA, Feb. 28": a dateline in capitals
            if upper != surface:
                by_first.setdefault(upper.split()[0].split("-")[0], []).append((upper, name))
        found = []
        for i, tok in enumerate(toks):
            names = by_first.get(tok.text) if tok.is_word and not self.person[i] else None
            if not names:
                continue
            prev = toks[i - 1] if i > 0 else None
            if prev is not None and prev.cap and spaced(tok) and self.lex.zipf(prev.text) < 3:
                continue  # inside a longer name
            for surface, name in names:
                end = tok.start + len(surface)
                if (
                    not self.text.startswith(surface, tok.start)
                    or taken.find(1, tok.start, end) >= 0
                ):
                    continue
                j = next((k for k in range(i, len(toks)) if toks[k].end >= end), i)
                if toks[j].end != end or (
                    j + 1 < len(toks) and toks[j + 1].cap and joined(toks[j + 1])
                ):
                    continue
                found.append(Match(i, j + 1, name))
                taken[tok.start : end] = b"\x01" * (end - tok.start)
                break
        return found


@cache
def name_prefixes() -> frozenset[str]:
    """The words that begin place names (``data/name_prefixes.txt``)."""
    text = (DATA / "name_prefixes.txt").read_text(encoding="utf-8")
    return frozenset(
        line.strip().lower() for line in text.splitlines() if line.strip() and line[0] != "#"
    )
