"""Word runs: where a name may start in an article, and how far it may go on.

Recognition probes only the words a name may start at (``WordRuns.name_starts``: no
lower-case common word mid-sentence, ``_ORDINARY``), and from each, the longest run of
words that could be one name (``_run_end``): capitalised words joined by spaces, hyphens
or connectors ("Rostov-on-Don", "Bay of Islands"), or lower-case words for a lower-case
start. Every shorter run from the same start is looked up too, longest first; the runs
of a batch of articles are asked of the index at once (``runs_to_ask``) before any is
read. Mixed into the recogniser (``recognize._Recognizer``).
"""

from __future__ import annotations

from itertools import compress, count
from typing import TYPE_CHECKING

from geomap.gazetteer.names import normalize
from geomap.geoparse.lexicon import Lexicon
from geomap.geoparse.matches import RecognizerState
from geomap.geoparse.tokens import Token

__all__ = ["MAX_TOKENS", "WordRuns"]

_APOSTROPHES = frozenset("'\u2019")
MAX_TOKENS = 6
"""Longest n-gram tried; longer gazetteer names are rare in running text."""
_CONNECTORS = frozenset(
    ["of", "de", "del", "la", "le", "les", "des", "du", "da", "do", "dos", "das", "upon", "on",
     "the", "al", "el", "es", "ed", "ez", "ash", "y", "sur", "am", "an", "der", "den", "di",
     "van"]
)  # fmt: skip
_CALENDAR = frozenset(
    ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
     "January", "February", "March", "April", "May", "June", "July", "August", "September",
     "October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug",
     "Sep", "Sept", "Oct", "Nov", "Dec"]
)  # fmt: skip
"""Day and month names: after a connector they end a name ("Azaz on Sunday", "Gaza in
March" are a place and a day, where "Stratford on Avon" is one name)."""
_HYPHENS = frozenset("-\u2010")
_JOINING = (" ", "")
"""The gaps ``matches.joined`` accepts."""
_ORDINARY: dict[str, bool] = {}
"""Memo of ``WordRuns._ordinary_word`` by word, for the process (the lexicon is fixed)."""
_MAX_ORDINARY = 200_000
"""Most words ``_ORDINARY`` holds (it is emptied past that)."""


def _known_ordinary(lex: Lexicon) -> None:
    """Fill ``_ORDINARY`` with every common word's answer at once (the lexicon's words
    are lower case): one comprehension costs a fraction of a memo miss each."""
    if _ORDINARY:
        return
    # every word ordinary, then the few that are not (abbreviations, articles, rare long
    # words) put right: a test per word cost most of the 22,000 words' time
    common = lex.common
    _ORDINARY.update(dict.fromkeys(common, True))
    _ORDINARY.update(dict.fromkeys(
        [w for w in (*lex.abbreviations, *lex.arabic_articles) if w in common], False
    ))  # fmt: skip
    _ORDINARY.update(dict.fromkeys([w for w, z in common.items() if z < 3.0 and len(w) >= 4],
                                   False))  # fmt: skip



class WordRuns(RecognizerState):
    """The rules mixed into the recogniser that find where names may start and end."""

    ordinary: list[bool]
    """Per token: a lower-case common word mid-sentence, where no name starts."""
    name_starts: list[int]
    """The words a name may start at: the only tokens the matcher looks at."""
    run_ends: dict[int, int] | None
    """``_run_end`` by token, kept once people's names are marked (runs end there)."""

    if TYPE_CHECKING:  # provided by the other rule sets of the recogniser

        def joined_runs(self, i: int) -> list[str]: ...

    def runs_to_ask(self) -> list[str]:
        """Every word run the matcher will look up (a few more: no words are marked as
        people's yet), to ask the index in one query instead of one query each."""
        self.run_ends = {}  # these runs, read before any word is a person's
        toks = self.tokens
        text = self.text
        names = []
        for i in self.name_starts:
            tok = toks[i]
            end = self._run_end(i) if tok.cap else self._lower_run_end(i)
            for j in range(end, i, -1):
                last = toks[j - 1]
                if last.is_word and (last.cap or not tok.cap):
                    names.append(normalize(text[tok.start : last.end]))
            # "A and B" (``joined_runs``) only where "and" ends the run: most runs end
            # otherwise, and the call and its checks cost more than this test
            if tok.cap and end + 1 < len(toks) and toks[end].text == "and":
                names += self.joined_runs(i)
        return names

    # ------------------------------------------------------------------ matching

    def _runs_still_open(self, run_ends: dict[int, int]) -> dict[int, int]:
        """``run_ends`` without the runs a person's word now ends: ``_run_end(i)`` reads
        the marks of the ``MAX_TOKENS + 1`` tokens after ``i`` only."""
        for k in compress(count(), self.person):  # the marked words, at C speed
            for i in range(max(0, k - MAX_TOKENS - 1), k):
                run_ends.pop(i, None)
        return run_ends

    def _ordinary_word(self, tok: Token) -> bool:
        """A lower-case word mid-sentence that is short or common English: no name starts
        here, so ``_match_at`` is not asked (most tokens of an article are such words)."""
        if tok.cap or not tok.trusted_case:
            return False
        word = tok.text
        found = _ORDINARY.get(word)
        if found is None:
            lex = self.lex
            found = (
                word not in lex.abbreviations
                and word.lower() not in lex.arabic_articles  # "al-Bab": the article starts it
                and (len(word) < 4 or lex.zipf(word) >= 3.0)
            )
            if len(_ORDINARY) > _MAX_ORDINARY:
                _ORDINARY.clear()
            _ORDINARY[word] = found
        return found

    def _run_end(self, i: int) -> int:
        """End (exclusive) of the longest token run from ``i`` that could be one name:
        capitalised words joined by spaces, hyphens or connectors ("Rostov-on-Don",
        "Bay of Islands"), or lower-case words for a lower-case start."""
        if self.run_ends is not None and (known := self.run_ends.get(i)) is not None:
            return known
        toks = self.tokens
        lower_mode = not toks[i].cap
        j = i + 1
        limit = min(len(toks), i + MAX_TOKENS + 2)
        while j < limit:
            t = toks[j]
            if t.gap_before == "" and t.text in _HYPHENS:
                if j + 1 < len(toks) and toks[j + 1].gap_before == "" and toks[j + 1].is_word:
                    j += 2
                    continue
                break
            if (not lower_mode and t.gap_before == "" and t.text in _APOSTROPHES
                    and j + 2 < len(toks) and toks[j + 1].gap_before == ""
                    and toks[j + 1].text in ("s", "S") and toks[j + 2].cap
                    and toks[j + 2].gap_before == " "):
                j += 2  # "Cox's Bazar", "Martha's Vineyard": a possessive inside a name
                continue
            if not t.is_word or t.gap_before not in _JOINING or self.person[j]:
                break  # (not joined(t), without the call: runs are read for every word)
            if lower_mode and t.cap:
                break
            if not lower_mode and not t.cap:
                if t.text.lower() not in _CONNECTORS:
                    break
                if j + 1 < len(toks) and toks[j + 1].text.rstrip(".") in _CALENDAR:
                    break  # "Azaz on Sunday": the place ends before its day
            j += 1
        if self.run_ends is not None:
            self.run_ends[i] = j
        return j

    def _lower_run_end(self, i: int) -> int:
        """``_run_end`` for a lower-case start, cut before its first common word: no
        lower-case name of two words or more holds one (``_accept_lowercase``), so the
        longer runs are not looked up at all."""
        end = self._run_end(i)
        zipf = self.lex.zipf
        for k in range(i, end):
            if zipf(self.tokens[k].text) >= 3.0:
                return max(k, i + 1)  # the word alone is still asked about
        return end
