"""Lists of places: "Fire tenders from Sattur, Vembakottai and Sivakasi", "the cities of
Yazd, Meybod, and Behabad".

A name the gazetteer does not know, written as one item of a list whose other items
are places it knows, is a place too: reports list the towns an event touched, and a
list of people or firms rarely holds two towns. Two known places at least are asked
for, so "Smith, Jones and Brown" (two of which are towns somewhere) is judged by the
caller's own test of what a known place is.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from geomap.geoparse.tokens import Token

__all__ = ["list_items"]

_JOINERS = frozenset([",", "and", "or"])
_ITEM_WORDS = 3
"""Most words of one item."""
_ITEMS = 8
"""Most items read on either side of the name."""


def list_items(tokens: Sequence[Token], i: int, j: int) -> list[tuple[int, int]]:
    """The other items, as token spans, of the list that tokens i..j are an item of:
    capitalised runs of up to three words joined by commas, "and" or "or" (", and")."""
    items: list[tuple[int, int]] = []
    k = i - 1
    while k >= 0 and len(items) < _ITEMS and tokens[k].text.lower() in _JOINERS:
        k -= 1
        if k >= 0 and tokens[k].text == "," and tokens[k + 1].text.lower() != ",":
            k -= 1  # ", and"
        end = k + 1
        while k >= 0 and end - k <= _ITEM_WORDS and _word(tokens[k]):
            k -= 1
        if k + 1 == end:
            break
        items.append((k + 1, end))
    k = j
    n = len(tokens)
    while k < n and len(items) < 2 * _ITEMS and tokens[k].text.lower() in _JOINERS:
        k += 1
        if k < n and tokens[k - 1].text == "," and tokens[k].text.lower() in ("and", "or"):
            k += 1  # ", and"
        start = k
        while k < n and k - start < _ITEM_WORDS and _word(tokens[k]):
            k += 1
        if k == start:
            break
        items.append((start, k))
    return items


def listed_with_places(
    tokens: Sequence[Token], i: int, j: int, known: Callable[[int, int], bool]
) -> bool:
    """Whether tokens i..j are an item of a list that holds two known places or more
    (``known`` says whether a token span is one)."""
    items = list_items(tokens, i, j)
    return len(items) >= 2 and sum(known(a, b) for a, b in items) >= 2


def _word(tok: Token) -> bool:
    return tok.is_word and tok.cap
