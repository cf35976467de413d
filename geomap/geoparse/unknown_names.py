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
"""

from __future__ import annotations

import re
from functools import cache

from geomap.gazetteer.names import normalize
from geomap.geoparse.lexicon import DATA
from geomap.geoparse.matches import Match, RecognizerState, glued, joined, spaced
from geomap.geoparse.place_lists import listed_with_places
from geomap.records import Mention

__all__ = ["UnknownNames", "name_prefixes"]

_SMALL_CUES = frozenset(["village", "villages", "hamlet", "hamlets"])
"""Cue words that call even a name ending in an English word a place ("Moe Tarr Lay
village")."""
_CUE_ADJECTIVES = frozenset(["industrial", "residential", "rural", "tribal", "border",
                             "remote", "coastal", "farming", "mountainous", "cattle",
                             "displacement", "refugee", "military", "army", "railway",
                             "railroad", "police"])  # fmt: skip
"""Words news puts between a name and its cue word: "the Al-Taji industrial area", "the
Abu Shouk displacement camp", "Motiganj and Jhilahi railway stations"."""
_CUE_MODIFIES = frozenset(["store", "stores"])
"""Nouns after a cue word that make it describe something else: "the X department store"."""
_CAPITAL_AFTER = re.compile(r" [A-Z]")
_LISTED_TYPES = frozenset(["city", "village", "admin1", "admin2", "admin3", "neighbourhood"])
"""The kinds of known place that make the unknown names listed with them places."""
_BARE_CAMP = re.compile(r" camps?\b")
"""A camp named by its name alone: a campaign's ("the Biden camp") as often as a place's."""
_CAMP_LEADS = frozenset(["in", "at", "near", "outside", "from", "into", "to", "inside"])
"""Words that make such a camp a place ("fled to Zamzam camp")."""
_ROAD_AFTER = re.compile(r" (?:[a-z]+ )?(?:road|highway|motorway)\b")
"""A road named after the places it joins, written in lower case: "the X-Y diversion road"."""
_ENGLISH_PREPOSITIONS = frozenset(["at", "as"])
"""Spellings of Arabic's article that are English words: written apart, not the article."""
_KIND_BEFORE = re.compile(r"\bthe (river|lake|village|town|hamlet) $")
"""The kind of place written before its name without "of": "the river Shitalakhya"."""
_KIND_ENDINGS = ("river ", "lake ", "village ", "town ", "hamlet ")
"""How the text before a name ends where ``_KIND_BEFORE`` may match."""
_LISTING_ENDINGS = ("of ", "the ", ", ", "and ", "or ")
"""How the text before a name ends where ``_plural_cue_before`` may match."""
_UNITS = r"(?:km|kms|kilomet(?:re|er)s|miles)"
_DISTANCE_AFTER = re.compile(
    r",\s+(?:(?:about|some|around|nearly|roughly|approximately|just|only)\s+)?\d[\d.,]*"
    rf"\s*-?\s*{_UNITS}\b"
)
"""A distance in apposition after a name: ", about 25 kilometres northwest of"."""
_DISTANCE_BEFORE = re.compile(
    rf"\d\s*-?\s*{_UNITS}\s+(?:\([^)]{{1,20}}\)\s+)?"
    r"(?:(?:north|south|east|west|northeast|northwest|southeast|southwest)\s+)?(?:of|from)\s+$"
)
"""A distance measured from the name: "25 km northwest of ", "30 kilometers (18 miles) from "."""
_HYPHENS = frozenset("-\u2010")
_INSIDE_LEADS = frozenset(["in", "at", "near", "outside", "from"])
"""Words before "X, Y" that make X a place inside the place Y ("in Masinga, Machakos")."""
_SENTENCE_ENDS = frozenset(".!?")
_CAPITALISED = r"[A-Z][\w'\u2019-]*(?: [A-Z][\w'\u2019-]*){0,2}"
_APPOSED_UNIT = re.compile(rf", in (?:the )?({_CAPITALISED}) ([a-z]+),")
"""A unit set in commas after a name: ", in Oudalan province,"."""
_OF_UNIT = re.compile(
    rf" of (?:the (?:state|country|province|region)['\u2019]s )?({_CAPITALISED}) ([a-z]+)\b"
)
"""A unit a name is said to be part of: " of the state's Thoubal district"."""
_BETWEEN_BEFORE = re.compile(rf"\bbetween ({_CAPITALISED}) and $")
_AND_AFTER = re.compile(rf" and ({_CAPITALISED})\b(?![\w'\u2019-])")
_NAME = r"[A-Z][\w'\u2019-]*(?: [A-Z][\w'\u2019-]*){0,3}"
_COMMUNITY_LIST = re.compile(rf"{_NAME}(?:, {_NAME}){{1,8}},? (?:and|or) {_NAME} communities\b")
"""A list of three names or more before "communities"."""
_LIST_ITEM = re.compile(_NAME)
_UNKNOWN_WORDS = 4
"""Most words of a name the gazetteer does not know ("Beu Manyama-Moliso")."""
_MAX_UNKNOWN = 200
"""Most such names an article's other mentions are looked for (keeps a hostile text linear)."""
_APPOSITION_NEXT = (
    r"(?=\s(?:in|of|near|about|on|some|located|around|outside|close|just|north|south|east"
    r"|west)\b|[,.;:])"
)


class UnknownNames(RecognizerState):
    """Rules mixed into the recogniser for names the gazetteer does not know."""

    unknown_names: dict[str, str]
    """Names the gazetteer does not know that the article has said are places, and the
    name each is looked up by."""

    def _qualifier_before(self, i: int) -> str | None: ...  # provided by unit_names
    def _run_end(self, i: int) -> int: ...  # provided by the recogniser
    def _hold_for_packs(self, i: int, j: int, surface: str) -> bool: ...  # by pack_named
    def _type_phrase(self, k: int) -> tuple[str, int] | None: ...  # by unit_names

    def _unknown_place(self, i: int, shorter: Match | None) -> Match | None:
        """The capitalised run from ``i``, a name the gazetteer does not know, where the
        sentence says it is a place; ``shorter`` is the known name found at its start,
        which it replaces (as the span, not as the name looked up) only when the cue word
        stands right beside the whole run."""
        toks = self.tokens
        tok = toks[i]
        if tok.upper or self.person[i]:
            return None
        article = self._arabic_article_next(i)  # "al-Luweib village": written in lower case
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
            and (self._qualifier_before(i) or "") not in _SMALL_CUES
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
        if words > 2 and self.lex.zipf(toks[j - 1].text) >= 3.0 and cue not in _SMALL_CUES:
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

    def _known_town(self, i: int, j: int) -> bool:
        """Whether tokens i..j name a settlement or a unit the gazetteer knows, and not
        an English word, a person's name or a people."""
        toks = self.tokens
        surface = self.text[toks[i].start : toks[j - 1].end]
        norm = normalize(surface)
        if (norm in self.lex.not_places or norm in self.person_names
                or self.lex.zipf(toks[i].text) >= 3.0
                or (j - i == 1 and (surface in self.lex.first_names
                                    or surface in self.lex.surnames))):  # fmt: skip
            return False
        entry = self._top(norm)
        return entry is not None and entry.feature_type in _LISTED_TYPES

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

    def _cue_word_ends_run(self, j: int) -> bool:
        """Whether the capitalised token ``j`` is a place cue written with a capital
        ("Ponnar Village in Tilin", "Molale District."): a type word that news writes
        outside the name, ending it, and not the head of another name ("Kinnaur
        District Hospital"). "County" and "Township" are the name's own
        (``place_types.tsv``: in span when capitalised)."""
        tok = self.tokens[j]
        word = tok.text.lower()
        if word not in self.lex.place_cues or not self._capital_cue(tok.text, tok.end):
            return False
        # "Pibor Administrative Area", "the Special Economic Zone": the words before
        # are English, the type word is theirs; a village's name may still end in one
        return word in _SMALL_CUES or self.lex.zipf(self.tokens[j - 1].text) < 3.0

    def _capital_cue(self, word: str, end: int) -> bool:
        """Whether a cue ``word`` written with a capital, ending at ``end``, is the type
        word after a name: not one news keeps in the name, no capitalised word after."""
        ptype = self.lex.place_types.get(word.lower())
        if ptype is not None and ptype.in_span:
            return False
        return _CAPITAL_AFTER.match(self.text, end) is None

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

    def _place_cue(self, i: int, j: int) -> str | None:
        """The cue word that says tokens i..j name a place: "X village", "the village of
        X", "X, a locality in"; None when there is none."""
        before = self._qualifier_before(i)
        if before is not None and before.split()[-1] in self.lex.place_cues:
            return before.split()[-1]
        text = self.text
        start = self.tokens[i].start
        # each pattern before the name is searched only where the text right before it
        # ends as the pattern must (most names have none of these words before them)
        found = (
            _KIND_BEFORE.search(text, max(0, start - 20), start)
            if _ends_with(text, start, _KIND_ENDINGS)
            else None
        )
        if found is not None:
            return found.group(1)  # "the river Shitalakhya", "the village Kfar Kila"
        after, apposition, listed = _cue_patterns(self.lex.place_cues)
        found = (
            _plural_cue_before(self.lex.place_cues).search(text, max(0, start - 120), start)
            if _ends_with(text, start, _LISTING_ENDINGS)
            else None
        )
        if found is not None:  # "the villages of Dungur and Kukawa", "the towns of X, Y"
            return found.group(1).removesuffix("s")
        end = self.tokens[j - 1].end
        found = after.match(self.text, end)
        if found is not None:
            word = found.group(1)
            nxt = found.group(2) or ""
            if word[0].isupper() and not self._capital_cue(word, found.end(1)):
                pass  # "Kinnaur District Hospital", "Laurel County"
            elif (
                nxt not in self.lex.role_nouns
                and nxt not in self.lex.org_heads
                and nxt not in _CUE_MODIFIES
            ):
                return word.lower()  # not "Fulton district attorney"
        found = apposition.match(self.text, end)
        if found is not None:
            return found.group(1)
        found = listed.match(self.text, end)  # "the Kawot and Molale districts"
        if found is not None:
            return found.group(1).removesuffix("s")
        # "Apakolu, about 25 kilometres northwest of Eringeti", "25 km north of Apakolu":
        # a distance is measured from or to a place
        if _DISTANCE_AFTER.match(text, end) or (
            _ends_with_word(text, max(0, start - 60), start, ("of", "from"))
            and _DISTANCE_BEFORE.search(text, max(0, start - 60), start)
        ):
            return ""
        return None

    def _inside_named_place(self, i: int, j: int, *, unit_only: bool = False) -> bool:
        """ "in Masinga, Machakos county", "at Pissele, near Bourzanga", "at Bourasso in
        Kossi province", "in Namsiguia, in the Centre-nord region", "from Chimwankhunda
        in Blantyre": after a place preposition, a name followed by a known place (or
        "near" one, or "in" one) is a place in it; so is one followed by a name the type
        word after it says is a unit ("in Juer in the Alabek payam", "in Tungan Magajiya,
        Rijau local government area"), the only reading ``unit_only`` accepts."""
        toks = self.tokens
        prev = toks[i - 1] if i > 0 else None
        if prev is None or not prev.is_word or prev.text.lower() not in _INSIDE_LEADS:
            return False
        if j + 1 >= len(toks) or toks[j].text not in (",", "in"):
            return False
        k = j + 1
        inside = toks[j].text == "in"
        if not inside and toks[k].text == "in" and k + 1 < len(toks):
            k, inside = k + 1, True  # "in Namsiguia, in the Centre-nord region"
        word = toks[k].text.lower() if toks[k].is_word else ""
        if word == ("the" if inside else "near") and k + 1 < len(toks):
            k += 1
        while (inside and k + 1 < len(toks) and not toks[k].cap
               and toks[k].text.lower() in self.lex.directions):  # fmt: skip
            k += 1  # "at Jangebe in northwest Nigeria's Zamfara state"
        nxt = toks[k]
        if not (nxt.is_word and nxt.cap) or self.person[k]:
            return False
        end = self._run_end(k)
        while end > k + 1 and not toks[end - 1].cap:
            end -= 1  # "in North Darfur on the": a connector ends no name
        # "in Blantyre on Tuesday": the known name may be the run's first words only
        runs = (self.text[nxt.start : toks[e - 1].end] for e in range(end, k, -1)
                if toks[e - 1].cap)  # fmt: skip
        if not unit_only and (nxt.text in self.lex.abbreviations
                              or any(self.index.has_name(normalize(r)) for r in runs)):
            return True
        # "in the Alabek payam", ", Rijau local government area": a unit the gazetteer
        # need not know either
        after = toks[end] if end < len(toks) else None
        if after is None or not after.is_word or not (inside or self._type_phrase(end)):
            return False
        return after.text in self.lex.place_cues or self._type_phrase(end) is not None

    def _of_named_unit(self, i: int, j: int) -> bool:
        """ "in Lilong Nungei of the state's Thoubal district", "near Pasarlapudi of
        Mamidikuduru block": after a place preposition, a name written "of" a unit (known,
        or a name no English word opens before a unit word) is a place in it."""
        toks = self.tokens
        prev = toks[i - 1] if i > 0 else None
        if prev is None or not prev.is_word or prev.text.lower() not in _INSIDE_LEADS:
            return False
        found = _OF_UNIT.match(self.text, toks[j - 1].end)
        if found is None or found.group(2) not in self.lex.place_cues:
            return False
        unit, first = found.group(1), found.group(1).split()[0]
        return self.index.has_name(normalize(unit)) or (
            found.group(2) not in self.lex.facility_cues
            and self.lex.zipf(first) < 3.0
            and first not in self.lex.first_names
            and first not in self.lex.surnames
        )

    def _apposed_unit(self, i: int, j: int) -> bool:
        """ "Markoye, in Oudalan province, is ...": a name opening a sentence, with the
        unit it lies in set beside it in commas (a known name and its type word) is a
        place in it."""
        toks = self.tokens
        if i > 0 and toks[i - 1].text not in _SENTENCE_ENDS and "\n" not in self.text[
            toks[i - 1].end : toks[i].start
        ]:
            return False
        found = _APPOSED_UNIT.match(self.text, toks[j - 1].end)
        if found is None or found.group(2).lower() not in self.lex.place_types:
            return False
        return self.index.has_name(normalize(found.group(1)))

    def _between_places(self, i: int, j: int) -> bool:
        """ "a detachment between Markoye and Tokabangou", "a road between Baye and
        Pissa": a name joined by "between ... and" to a name the article or the
        gazetteer knows as a place is a place too."""
        text = self.text
        start, end = self.tokens[i].start, self.tokens[j - 1].end
        other = None
        if text.endswith(" and ", 0, start):
            found = _BETWEEN_BEFORE.search(text, max(0, start - 60), start)
            other = found.group(1) if found else None
        elif text.endswith("between ", 0, start):
            found = _AND_AFTER.match(text, end)
            other = found.group(1) if found else None
        if other is None:
            return False
        if other in self.unknown_names:
            return True
        words = other.split()
        if len(words) == 1 and (other in self.lex.first_names or other in self.lex.surnames):
            return False  # "between Smith and X": people
        norm = normalize(other)
        return (
            norm not in self.lex.not_places
            and norm not in self.person_names
            and self.lex.zipf(words[0]) < 3.0
            and self.index.has_name(norm)
        )

    def _community_list(self, i: int, j: int) -> bool:
        """ "Gunmen stormed Kudodo, Galapai, Dnakpala Makera and Dnalgwa communities": a
        list of three names or more that "communities" ends names places (news in
        Nigeria calls villages so), but not one name ("the Muslim community", "Latino
        communities") nor a list of peoples the gazetteer knows ("Hausa, Tiv and ...")."""
        text = self.text
        start, end = self.tokens[i].start, self.tokens[j - 1].end
        if "communities" not in text[end : end + 300]:
            return False
        for found in _COMMUNITY_LIST.finditer(text, max(0, start - 200), end + 300):
            if found.start() > start:
                break
            if found.end() < end:
                continue
            items = _LIST_ITEM.findall(found.group(0))
            if text[start:end] not in items:
                return False
            return not any(self.index.demonym(normalize(item)) for item in items)
        return False

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


def _ends_with(text: str, end: int, endings: tuple[str, ...]) -> bool:
    """Whether ``text[:end]`` ends with one of ``endings``, or does before a line break
    that ends it (where a pattern's ``$`` also matches)."""
    return text.endswith(endings, 0, end) or (
        end > 0 and text.startswith("\n", end - 1) and text.endswith(endings, 0, end - 1)
    )


def _ends_with_word(text: str, start: int, end: int, words: tuple[str, ...]) -> bool:
    """Whether ``text[start:end]`` ends with one of ``words`` and then white space."""
    k = end
    while k > start and text[k - 1].isspace():
        k -= 1
    return k < end and text.endswith(words, start, k)


@cache
def name_prefixes() -> frozenset[str]:
    """The words that begin place names (``data/name_prefixes.txt``)."""
    text = (DATA / "name_prefixes.txt").read_text(encoding="utf-8")
    return frozenset(
        line.strip().lower() for line in text.splitlines() if line.strip() and line[0] != "#"
    )


@cache
def _plural_cue_before(cues: frozenset[str]) -> re.Pattern[str]:
    """A plural cue word and "of" before a list of names that ends where a name starts:
    "the villages of ", "the towns of Intezayane, Bakorat, ", "villages of Dungur and "."""
    plurals = "|".join(
        re.escape(c) for c in sorted(cues, key=len, reverse=True) if c[:-1] in cues
    )  # "villages" for "village"
    name = r"[A-Z][\w'\u2019-]*(?: [A-Z][\w'\u2019-]*){0,3}"
    return re.compile(rf"\b({plurals}) of (?:the )?(?:{name}, ){{0,6}}(?:{name},? (?:and|or) )?$")


@cache
def _cue_patterns(cues: frozenset[str]) -> tuple[re.Pattern[str], ...]:
    """The cue word right after a name (" village"), in an apposition after it (", a
    remote village in"), and a plural one after the list the name starts (" and Molale
    districts")."""
    words = "|".join(re.escape(c) for c in sorted(cues, key=len, reverse=True))
    capitalised = "|".join(re.escape(c.capitalize()) for c in sorted(cues, key=len, reverse=True))
    adjective = "|".join(sorted(_CUE_ADJECTIVES))
    after = re.compile(rf" (?:(?:{adjective}) )?({words}|{capitalised})\b(?!-)(?: ([a-z]+))?")
    apposition = re.compile(rf",\s(?:a|an)\s(?:[a-z-]+\s){{0,2}}?({words}){_APPOSITION_NEXT}")
    plurals = "|".join(
        re.escape(c) for c in sorted(cues, key=len, reverse=True) if c[:-1] in cues
    )  # "villages" for "village"
    name = r"[A-Z][\w'\u2019-]*(?: [A-Z][\w'\u2019-]*){0,3}"
    listed = re.compile(
        rf"(?:, {name}){{0,6}},? (?:and|or) {name} (?:(?:{adjective}) )?({plurals})\b"
    )
    return after, apposition, listed
