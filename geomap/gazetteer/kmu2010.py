# ruff: noqa: RUF001  (the table is Cyrillic letters by design)
"""Ukraine's national romanisation of Ukrainian (Cabinet of Ministers resolution No. 55 of
27 January 2010, "KMU 2010"): "Куп'янськ" -> "Kupiansk", "Запоріжжя" -> "Zaporizhzhia".

It is the system Ukrainian authorities, passports and road signs use, and what English
news copies from them, so the gazetteer gives every Ukrainian name its KMU form. The
table is the resolution's, letter by letter; four letters are written differently at the
start of a word (є ї й ю я), and "зг" is "zgh" so it is not read as "zh".
"""

from __future__ import annotations

import re

__all__ = ["romanize"]

# letter: (inside a word, at the start of a word)
_TABLE: dict[str, tuple[str, str]] = {
    "а": ("a", "a"), "б": ("b", "b"), "в": ("v", "v"), "г": ("h", "h"), "ґ": ("g", "g"),
    "д": ("d", "d"), "е": ("e", "e"), "є": ("ie", "ye"), "ж": ("zh", "zh"), "з": ("z", "z"),
    "и": ("y", "y"), "і": ("i", "i"), "ї": ("i", "yi"), "й": ("i", "y"), "к": ("k", "k"),
    "л": ("l", "l"), "м": ("m", "m"), "н": ("n", "n"), "о": ("o", "o"), "п": ("p", "p"),
    "р": ("r", "r"), "с": ("s", "s"), "т": ("t", "t"), "у": ("u", "u"), "ф": ("f", "f"),
    "х": ("kh", "kh"), "ц": ("ts", "ts"), "ч": ("ch", "ch"), "ш": ("sh", "sh"),
    "щ": ("shch", "shch"), "ь": ("", ""), "ю": ("iu", "yu"), "я": ("ia", "ya"),
}  # fmt: skip
_APOSTROPHES = "'\u2019\u02bc`\u2018"
_CYRILLIC = re.compile("[\u0400-\u04ff]")


def is_cyrillic(text: str) -> bool:
    return bool(_CYRILLIC.search(text))


def romanize(text: str) -> str:
    """The KMU 2010 romanisation of Ukrainian ``text``; other characters are kept."""
    out: list[str] = []
    at_start = True
    lower = text.lower()
    for i, ch in enumerate(text):
        low = lower[i]
        if ch in _APOSTROPHES:
            continue  # the apostrophe and the soft sign are not written
        pair = _TABLE.get(low)
        if pair is None:
            out.append(ch)
            at_start = not ch.isalpha()
            continue
        latin = pair[1] if at_start else pair[0]
        if low == "г" and i > 0 and lower[i - 1] == "з":
            latin = "gh"
        if ch != low and latin:  # an upper-case letter: capitalise its first Latin letter
            upper_word = i + 1 < len(text) and text[i + 1].isupper()
            latin = latin.upper() if upper_word else latin[0].upper() + latin[1:]
        out.append(latin)
        at_start = False
    return "".join(out)
