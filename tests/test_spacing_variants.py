"""Names written with their words joined or split otherwise than the gazetteer writes
them ("Elwak" for El Wak, "Beled Weyne" for Beledweyne), on the real index. Every
sentence here was written for these tests."""

from __future__ import annotations

from geomap.gazetteer.index import GazetteerIndex
from geomap.gazetteer.names import joined_key


def test_joined_key_runs_words_together_and_folds_the_article() -> None:
    assert joined_key("el wak") == joined_key("elwak") == joined_key("al wak") == "alwak"
    assert joined_key("beled weyne") == joined_key("beledweyne") == "beledweyne"
    assert joined_key("ed damer") == joined_key("addamer")
    assert joined_key("alma") == "alma"  # no article left without a name after it


def test_the_index_holds_names_under_their_joined_key(gazetteer_index: GazetteerIndex) -> None:
    assert "el wak" in gazetteer_index.joined_names("alwak")
    assert "al fashir" in gazetteer_index.joined_names("alfashir")


def test_a_joined_article(resolved) -> None:
    found = resolved(
        "Gunmen attacked a police post in Elwak on Monday, officials in Mandera County, "
        "Kenya, said. Two officers were wounded."
    )
    assert found["Elwak"].entry is not None
    assert (found["Elwak"].entry.name, found["Elwak"].entry.country_code) == ("El Wak", "KE")
    found = resolved("Shelling near Alfashir in North Darfur killed twelve civilians.")
    assert found["Alfashir"].entry is not None and found["Alfashir"].entry.name == "El Fasher"


def test_a_type_word_alone_is_support(resolved) -> None:
    found = resolved("Militants raided the town of Elwak overnight and burned a school.")
    assert found["Elwak"].entry is not None and found["Elwak"].entry.country_code == "KE"


def test_a_hyphenated_name_the_gazetteer_writes_as_one_word(resolved) -> None:
    found = resolved("Troops moved out of Beled-Weyne on Sunday, Somalia's army said.")
    entry = found["Beled-Weyne"].entry
    assert entry is not None and (entry.name, entry.country_code) == ("Beledweyne", "SO")


def test_a_spaced_name_the_gazetteer_writes_as_one_word(resolved) -> None:
    found = resolved(
        "Floods displaced thousands of families in Beled Weyne, Somali officials said."
    )
    entry = found["Beled Weyne"].entry
    assert entry is not None and (entry.name, entry.country_code) == ("Beledweyne", "SO")


def test_no_support_no_place(parse) -> None:
    # no cue and no place of the article: a word like any other name
    assert not parse("Elwak said he would stand again at the next election.")


def test_a_primary_name_as_written_beats_the_joined_one(resolved) -> None:
    # "George Town" is the primary name of towns in Malaysia, the Bahamas and the Cayman
    # Islands; its joined key is Guyana's capital Georgetown, in the country the
    # article names. The name as written wins: the key is asked only of names of nothing.
    found = resolved("The ferry from George Town sank off the coast, Guyana's navy said.")
    assert found["George Town"].mention.name == "George Town"
    entry = found["George Town"].entry
    assert entry is None or entry.name == "George Town"
