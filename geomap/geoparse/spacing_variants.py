"""A name written with its words joined or split otherwise than the gazetteer writes it.

Conflict reports write one name several ways: "Elwak" for the gazetteer's "El Wak",
"Beled Weyne" for "Beledweyne", "Alfashir" or "Al Fasher" for "El Fasher". Hyphens need
nothing (``normalize`` reads "Bool-Kiiba" as "bool kiiba"), but a space more or less, or
the Arabic article run into the name, leaves the written form a name of no place. The
index holds every name of several words under its joined key (``names.joined_key``:
no spaces, the article in one form), so a capitalised run that names nothing as written
is looked up by that key, and by its words run together.

Such a form is the place's own name, matched as strongly as a primary name, but only
where the article supports it: the sentence says it is a place ("the town of Elwak",
"Beled Weyne district", "near Alfashir in North Darfur": what ``unknown_names`` reads
for a name no place bears), or one of its places lies in the country, or within
``village_context.NEAR_KM``, of a confident place of the article. It never outranks a
name that matches as written: the key is asked about only when the written run names
no place at all, and only for a whole run of capitalised words (not "Elwak" of a
longer "Elwak Hospital", nor "Beled" of "Beled Weyne").
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from geomap.gazetteer.names import JOINED_KEY_MIN, joined_key, normalize
from geomap.geoparse.matches import Match, RecognizerState, glued, spaced
from geomap.geoparse.tokens import Token
from geomap.geoparse.village_context import Support, near
from geomap.records import Mention

__all__ = ["SpacingVariants"]

_HYPHENS = frozenset("-\u2010")


class SpacingVariants(RecognizerState):
    """The rule mixed into the recogniser for names joined or split otherwise."""

    joined_pending: list[Match]
    """Matches by a joined or split form, awaiting the article's support."""

    if TYPE_CHECKING:  # provided by the other rule sets of the recogniser

        def _unknown_place(self, i: int, shorter: Match | None) -> Match | None: ...
        def _cued(self, match: Match) -> bool: ...
        def _support(self, mentions: Iterable[Mention]) -> Support: ...

    def _spacing_variant(self, i: int, j: int, norm: str) -> tuple[bool, Match | None]:
        """Whether the capitalised run i..j (written ``norm``, a name of no place) is
        written so for a gazetteer name that joins or splits its words otherwise, and
        its match where the sentence says it is a place; a match without such a cue is
        held for the article's support (``_admit_spacing_variants``)."""
        # the tests, cheapest and most often failed first (on LGL, of 28,500 runs asked:
        # 12,400 hold a common English word, 7,900 go on, 3,900 are no place's names)
        lex = self.lex
        if self._name_goes_on(j) or norm in lex.not_places:
            return False, None
        articles = lex.arabic_articles
        zipf = lex.zipf
        first: Token | None = None
        for w in self.tokens[i:j]:
            if not w.is_word:
                continue
            if w.upper:
                return False, None  # "PAGASA": an agency's letters, not "Pag-asa"
            if w.text.lower() not in articles and zipf(w.text) >= 3.0:
                return False, None  # "North Field", "Green Wood": English words, no spelling
            if first is None:
                first = w
        if first is None or not first.cap or any(self.person[k] for k in range(i, j)):
            return False, None
        key = joined_key(norm)
        if len(key) < JOINED_KEY_MIN:
            return False, None
        forms = [f for f in self.index.joined_names(key) if f != norm and not self._english(f)]
        run_together = norm.replace(" ", "")
        if run_together != norm and self.index.has_name(run_together):
            forms.append(run_together)  # "Beled Weyne" for "Beledweyne"
        if not forms:
            return False, None
        form = max(forms, key=self._best_prominence)
        match = Match(i, j, form)
        if self._cued(match) or self._unknown_place(i, None) is not None:
            # "the town of Elwak", "Beled Weyne district", "near Alfashir in North
            # Darfur": where the sentence would take the name as a place unknown to
            # the gazetteer, it is the place known under the other form
            return True, match
        self.joined_pending.append(match)
        self.skip_to = max(self.skip_to, j)
        return True, None

    def _english(self, form: str) -> bool:
        """Whether every word of a name of several words (but its article) is an English
        word: "Southridge", "Redbud" or "Pinelake" written as one word name a school, a
        street or an estate far more often than the hamlet "South Ridge"."""
        articles = self.lex.arabic_articles
        words = [w for w in form.split() if w not in articles]
        return all(self.lex.zipf(w) >= 3.0 for w in words)

    def _name_goes_on(self, j: int) -> bool:
        """Whether a capitalised word ("Elwak Hospital") or a hyphen and a word
        ("Beled-Weyne") continues the name that ends before token ``j``."""
        toks = self.tokens
        if j >= len(toks):
            return False
        nxt = toks[j]
        if nxt.is_word:
            return nxt.cap and spaced(nxt)
        return (glued(nxt) and nxt.text in _HYPHENS and j + 1 < len(toks)
                and glued(toks[j + 1]) and toks[j + 1].is_word)  # fmt: skip

    def _best_prominence(self, norm: str) -> float:
        found = self.index.candidates(norm)
        return found[0].prominence if found else float("-inf")

    def _admit_spacing_variants(self, mentions: list[Mention]) -> list[Match]:
        """The held matches whose places lie in a country of the article's confident
        ``mentions`` or near one of them, not overlapping ``mentions``."""
        if not self.joined_pending:
            return []
        support = self._support(mentions)
        countries = support.countries | {country for country, _ in support.regions}
        taken = [(m.start, m.end) for m in mentions]
        admitted = []
        for match in self.joined_pending:
            start = self.tokens[match.start_tok].start
            end = self.tokens[match.end_tok - 1].end
            if any(s < end and start < e for s, e in taken):
                continue
            places = self.index.lookup(normalize(match.name))
            if any(v.country_code in countries or near(v, support.points) for v in places):
                admitted.append(match)
                taken.append((start, end))
        return admitted
