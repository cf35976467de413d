"""Place names written with a shortened first word ("St Vincent", "Mt Kenya", "Ft
Worth") that the gazetteer holds only spelled out ("Saint Vincent", "Mount Kenya").

GeoNames keeps "St." forms for many towns ("St. Louis") but not for every place: the
island of Saint Vincent, a Caribbean parish, a volcano written "Mt". A capitalised run
that names nothing as written is asked for again with its first word spelled out
(``data/short_words.tsv``); the match is then the spelled-out name, judged as any name.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

__all__ = ["spelled_out"]

_DATA = Path(__file__).with_name("data") / "short_words.tsv"


@cache
def _table() -> dict[str, str]:
    rows = (line.split("\t") for line in _DATA.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#"))  # fmt: skip
    return {short.strip(): full.strip() for short, full in rows}


def spelled_out(norm: str, surface: str) -> tuple[str, str] | None:
    """(normalised name, name as written) of ``norm`` (written ``surface``) with its
    shortened first word spelled out, or None when its first word is no short word or
    the name has one word only."""
    first, _, rest = norm.partition(" ")
    full = _table().get(first)
    if full is None or not rest:
        return None
    words = surface.split(None, 1)  # "St. Vincent": the dot goes with the short word
    tail = words[1] if len(words) > 1 else rest
    return f"{full} {rest}", f"{full.capitalize()} {tail}"
