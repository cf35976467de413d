"""The shortcuts that make a first batch faster must answer exactly as the long way did:
the shipped data folder found once still gives way to ``$GEOMAP_GAZETTEER_DATA``, the
pack lookups' folders follow the arguments and the environment, the tokenizer's
rewritten abbreviation pattern splits as before, and the ordinary-word memo filled at
once holds each word's own answer."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from geomap.gazetteer import pack_lookup
from geomap.gazetteer.schema import CACHE_ENV, DATA_ENV, default_data_dir
from geomap.geoparse.lexicon import lexicon
from geomap.geoparse.tokens import tokenize


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
