"""The shortcuts that make a first batch faster must answer exactly as the long way did:
the shipped data folder found once still gives way to ``$GEOMAP_GAZETTEER_DATA``, the
pack lookups' folders follow the arguments and the environment, the tokenizer's
rewritten abbreviation pattern splits as before, and the ordinary-word memo filled at
once holds each word's own answer, the token pattern that skips white space in C splits
as the one before it, a region's country without a village pack has no village to find,
an "A and B" unit is still asked about whole, the spelling rule with its tests put
cheapest first asks the index about the same runs, a capitalised word is never a
lower-case Arabic article (so unknown names do not ask there), a token, now a
slotted object, compares and prints as the named tuple it was, and a name's skeleton
made by one translation is the one the two substitutions made."""

from __future__ import annotations

import importlib
import re
from pathlib import Path
from typing import Any

import pytest

from geomap.gazetteer import pack_lookup
from geomap.gazetteer.index import GazetteerIndex
from geomap.gazetteer.names import JOINED_KEY_MIN, joined_key, normalize
from geomap.gazetteer.pack_lookup import has_village_pack
from geomap.gazetteer.schema import CACHE_ENV, DATA_ENV, default_data_dir
from geomap.geoparse.lexicon import lexicon
from geomap.geoparse.recognize import find_mentions
from geomap.geoparse.tokens import _SPLIT, tokenize


def test_the_data_folder_follows_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(DATA_ENV, raising=False)
    shipped = default_data_dir()
    assert (shipped / "countries.csv").is_file()
    monkeypatch.setenv(DATA_ENV, str(tmp_path))
    assert default_data_dir() == tmp_path
    monkeypatch.delenv(DATA_ENV)
    assert default_data_dir() == shipped


def test_pack_lookup_folders_follow_arguments_and_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(DATA_ENV, raising=False)
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "one"))
    assert pack_lookup._folders(None, None) == (default_data_dir(), tmp_path / "one")
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "two"))
    assert pack_lookup._folders(None, None) == (default_data_dir(), tmp_path / "two")
    assert pack_lookup._folders(tmp_path / "data", tmp_path / "cache") == (
        tmp_path / "data", tmp_path / "cache")  # fmt: skip
    monkeypatch.setenv(DATA_ENV, str(tmp_path / "elsewhere"))
    assert pack_lookup._folders(None, None)[0] == tmp_path / "elsewhere"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Troops left the U.S.A. today", ["Troops", "left", "the", "U.S.A.", "today"]),
        ("in W.Va. and D.C.", ["in", "W.Va.", "and", "D.C."]),
        ("a Ph.D. at 9 a.m.", ["a", "Ph.D.", "at", "9", "a.m."]),
        # four letters before a period, a single dotted letter, digits: no abbreviation
        ("abcd.ef. U. S 1.2.", ["abcd", ".", "ef", ".", "U", ".", "S", "1", ".", "2", "."]),
        ("Kyiv's O'Hare", ["Kyiv", "'", "s", "O'Hare"]),
    ],
)
def test_dotted_abbreviations_split_as_before(text: str, words: list[str]) -> None:
    assert [t.text for t in tokenize(text)] == words


def test_the_ordinary_word_memo_holds_each_words_own_answer() -> None:
    # the module (``geomap.geoparse.recognize`` is also the name of a function)
    module = importlib.import_module("geomap.geoparse.recognize")
    lex = lexicon()
    module._ORDINARY.clear()  # a memo: filled again at once below
    module._known_ordinary(lex)
    for word, zipf in lex.common.items():
        expected = (word not in lex.abbreviations and word not in lex.arabic_articles
                    and (len(word) < 4 or zipf >= 3.0))  # fmt: skip
        assert module._ORDINARY[word] == expected, word


# the token pattern as it was before it took each token's first character first
_OLD_TOKEN = re.compile(
    r"([^\W\d_]{1,3}+\.(?:[^\W\d_]{1,3}+\.)++"
    r"|[^\W_]++(?:['\u2019](?!s\b)[^\W_]++)*+"
    r"|\S)"
)


@pytest.mark.parametrize(
    "text",
    [
        "  Troops\tleft the U.S.A.\n\ntoday  ",
        "\u00a0Kyiv\u2003and\u3000Lviv\u00a0",  # other white space than the ASCII kind
        "\u24b6 _x_ 2\u00b2 \u0663\u0664 Stra\u00dfe \u0130zmir",  # a capital symbol, digits
        "abcd.ef. a.b.c.d. U. S 1.2. Ph.D. a.m. O'Hare's Kyiv's rock'n'roll",
        "...---''\u2019\u2019 \u201cquote\u201d (x) [y] \u2014 \u2022 |",
        "",
        "   ",
    ],
)
def test_the_token_pattern_splits_as_the_one_it_replaced(text: str) -> None:
    assert _SPLIT.split(text) == _OLD_TOKEN.split(text)


def test_a_country_without_a_village_pack_finds_no_village() -> None:
    """``has_village_pack`` lets region_suffixed skip a region's dozen lookups: it must be
    False only where ``pack_villages`` could find nothing."""
    assert has_village_pack("UA") and has_village_pack("ua")
    assert not has_village_pack("US") and not has_village_pack("")
    assert pack_lookup.pack_villages("springfield", "US") == []
    assert has_village_pack("LB") and pack_lookup.pack_villages("el maaisra", "LB")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Troops were sent to Jammu and Kashmir on Monday.", "Jammu and Kashmir"),
        ("Ships left Saint Vincent and the Grenadines at dawn.",
         "Saint Vincent and the Grenadines"),
    ],
)
def test_a_unit_named_a_and_b_is_still_asked_about_whole(
    text: str, name: str, gazetteer_index: GazetteerIndex
) -> None:
    """Recognition asks about "A and B" only where "and" ends the run from A."""
    assert name in [m.text for m in find_mentions(text, gazetteer_index)]


class _Asks:
    """The real index, noting the joined keys it is asked about."""

    def __init__(self, index: GazetteerIndex) -> None:
        self._index = index
        self.joined: list[str] = []

    def joined_names(self, key: str) -> tuple[str, ...]:
        self.joined.append(key)
        return self._index.joined_names(key)

    def __getattr__(self, name: str) -> object:
        return getattr(self._index, name)


def _old_spelling_filter(rec: Any, i: int, j: int, norm: str) -> bool:
    """The spelling rule's tests in the order they were written before they were put
    cheapest first: whether the run i..j is asked about by its joined key."""
    words = [t for t in rec.tokens[i:j] if t.is_word]
    if (not words or rec._name_goes_on(j) or not words[0].cap
            or any(w.upper for w in words) or any(rec.person[k] for k in range(i, j))
            or norm in rec.lex.not_places):  # fmt: skip
        return False
    articles = rec.lex.arabic_articles
    if any(w.text.lower() not in articles and rec.lex.zipf(w.text) >= 3.0 for w in words):
        return False
    return len(joined_key(norm)) >= JOINED_KEY_MIN


@pytest.mark.parametrize(
    "text",
    [  # written for this test: runs a spelling could join, and runs each test rejects
        "Gunmen raided Elwak and Beled Weyne; PAGASA and the NEW Elwak Hospital said so.",
        "Governor Ahmed Beledweyne Hassan met Al Fashir Rangers in North Field near Elwak.",
        "Shelling near Al-Fashir and Ad Damer hit Wad Medani Road; John Elwak said Tuesday.",
    ],
)
def test_the_spelling_rule_asks_the_runs_it_asked_before(
    text: str, gazetteer_index: GazetteerIndex
) -> None:
    """The spelling rule's tests run cheapest first (a run that goes on, a word of no
    place, a common English word, all caps, a person's word): the same runs reach the
    index as in the order they were written."""
    recognize = importlib.import_module("geomap.geoparse.recognize")
    lex = lexicon()
    index = _Asks(gazetteer_index)
    rec = recognize._Recognizer(text, tokenize(text, abbreviations=lex.keeps_period),
                                index, lex)  # fmt: skip
    rec.run()  # people's words marked
    checked = asked = 0
    for i in rec.name_starts:
        tok = rec.tokens[i]
        if not tok.cap:
            continue
        for j in range(rec._run_end(i), i, -1):
            norm = normalize(text[tok.start : rec.tokens[j - 1].end])
            if not rec.tokens[j - 1].cap or not norm or gazetteer_index.has_name(norm):
                continue
            index.joined.clear()
            rec._spacing_variant(i, j, norm)
            assert bool(index.joined) == _old_spelling_filter(rec, i, j, norm), (i, j, norm)
            checked += 1
            asked += bool(index.joined)
    assert 0 < asked < checked  # runs asked about and runs turned away, in each text


@pytest.mark.parametrize(
    "text",
    ["Fighting near al-Bab and Al-Bab, AL-BAB, El-Obeid and el-Obeid; the al-Luweib village",
     "Wad al-Noura, Tell al-Hawa and Al Hasakah"],
)
def test_an_arabic_article_is_never_a_capitalised_word(
    text: str, gazetteer_index: GazetteerIndex
) -> None:
    """Unknown names ask whether a word is a lower-case Arabic article only where the word
    is not capitalised: the answer there is always no."""
    recognize = importlib.import_module("geomap.geoparse.recognize")
    lex = lexicon()
    rec = recognize._Recognizer(text, tokenize(text, abbreviations=lex.keeps_period),
                                gazetteer_index, lex)  # fmt: skip
    found = [rec._arabic_article_next(i) for i in range(len(rec.tokens))]
    assert any(found)  # the lower-case articles
    assert not any(f and rec.tokens[i].cap for i, f in enumerate(found))


def test_a_token_compares_and_prints_as_the_named_tuple_it_replaced() -> None:
    """Tokens are slotted objects (read faster than a named tuple's fields) that compare
    with each other, hash, print and ``_replace`` as the named tuple did (a plain tuple
    of the same fields no longer equals one), and a headline's words, the one place the
    tokenizer changes a token it made, are untrusted as before."""
    first, again = tokenize("In Paris."), tokenize("In Paris.")
    paris = first[1]
    assert paris == again[1] and hash(paris) == hash(again[1]) and paris is not again[1]
    assert first != again[::-1] and paris != (3, 8, "Paris", True, True, False, True, " ")
    assert repr(paris) == ("Token(start=3, end=8, text='Paris', is_word=True, cap=True, "
                           "upper=False, trusted_case=True, gap_before=' ')")  # fmt: skip
    untrusted = paris._replace(trusted_case=False)
    assert untrusted != paris and not untrusted.trusted_case and paris.trusted_case
    tokens = tokenize("Flood Waters Rise Across Northern Town\nThe river rose in Selby today.")
    assert [t.text for t in tokens if t.trusted_case] == ["river", "rose", "in", "Selby",
                                                          "today"]  # fmt: skip


def _old_skeleton(name: str) -> str:
    """``candidates.skeleton`` as it was: the sounds mapped, then two substitutions."""
    text = normalize(name).translate(str.maketrans({"c": "k", "q": "k", "w": "v", "j": "y"}))
    return re.sub(r"(.)\1+", r"\1", re.sub(r"[aeiouyh\W\d_]+", "", text))


@pytest.mark.parametrize(
    "name",
    ["Darnah", "Derna", "Zaporizhzhia", "Zaporozhye", "Mississippi", "Jeddah", "Kyiv",
     "Ivano-Frankivsk", "St. John's", "Al Hudaydah", "Île-de-France", "Dnipró", "Łódź",
     "東京", "Sankt-Peterburg", "Qatar", "Wadi Jizan", "O'Hare 2", "A_B", "", "  ", "hhh"],
)  # fmt: skip
def test_a_names_skeleton_is_the_two_substitutions_one(name: str) -> None:
    """An ASCII key's skeleton is one translation and a walk over its letters, any other
    the substitutions as before: the same consonants either way."""
    from geomap.geoparse.candidates import skeleton

    assert skeleton(name) == _old_skeleton(name)
    assert skeleton(name.upper()) == _old_skeleton(name.upper())
