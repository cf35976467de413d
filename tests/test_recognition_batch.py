"""Recognition asks the index about an article's word runs in one batch: the same answers,
the same mentions, as asking name by name (real index, articles written for these tests)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from geomap.gazetteer.index import GazetteerIndex
from geomap.gazetteer.names import normalize
from geomap.gazetteer.schema import Candidate
from geomap.geoparse.name_index import BatchNameIndex
from geomap.geoparse.recognize import PREFETCH_ARTICLES, find_mentions, find_mentions_many
from geomap.geoparse.tokens import tokenize
from geomap.records import GazetteerEntry

ARTICLES = [
    "KHARKIV, Ukraine — Russian shelling hit Kupiansk district and the village of Krasna "
    "Dolyna overnight, Oleh Syniehubov said. Donetska, Kharkivska and Sumska oblasts were "
    "under air-raid alerts; in Kherson, Dniprovskyi district lost power.",
    "Syrian rebels fighting the Islamic State near al-Bab said a car bomb killed 12 people "
    "in the village of Sousian. The Syrian Observatory for Human Rights, based in Britain, "
    "gave the toll.",
    "Hurricane Otis slammed into Acapulco on Wednesday. Mayor Abelina Lopez said the "
    "Guerrero coast from Acapulco to Coyuca de Benitez had no power.\n"
    "Sheriff Jones of Laurel County, Ky., said the St. Louis crew arrived in London, Ky., "
    "late on Sunday.",
]


class _OneByOne:
    """The real index behind only the one-name-at-a-time questions of recognition."""

    def __init__(self, index: GazetteerIndex) -> None:
        self._index = index

    def has_name(self, normalized: str) -> bool:
        return self._index.has_name(normalized)

    def name_kinds(self, normalized: str) -> frozenset[str]:
        return self._index.name_kinds(normalized)

    def lookup(self, name: str, *, limit: int | None = None) -> list[GazetteerEntry]:
        return self._index.lookup(name, limit=limit)

    def demonym(self, normalized: str) -> list[GazetteerEntry]:
        return self._index.demonym(normalized)

    def joined_names(self, key: str) -> tuple[str, ...]:
        return self._index.joined_names(key)

    def candidates(self, name: str) -> list[Candidate]:
        return self._index.candidates(name)


def _word_runs(text: str) -> Iterable[str]:
    tokens = [t for t in tokenize(text) if t.is_word]
    for i in range(len(tokens)):
        for j in range(i + 1, min(len(tokens), i + 4) + 1):
            yield normalize(text[tokens[i].start : tokens[j - 1].end])


def test_names_kinds_answers_as_name_kinds_one_by_one(gazetteer_index: GazetteerIndex) -> None:
    names = sorted({n for text in ARTICLES for n in _word_runs(text)})
    batch = gazetteer_index.names_kinds(names)
    assert {"kharkiv", "kupiansk district", "london"} <= batch.keys()
    assert "the village of" not in batch
    for name in names:
        assert batch.get(name, frozenset()) == gazetteer_index.name_kinds(name), name


def test_lists_of_every_length_answer_alike(gazetteer_cache: Path) -> None:
    """A batch's list is padded to a power of two (so few statements are compiled): any
    length, across the sizes, answers as the names asked one by one."""
    names = ["kharkiv", "no such place here", "london", "paris", "the village of", "kyiv",
             "sumy", "nowhere at all", "odesa", "lviv", "dnipro", "texas"]  # fmt: skip
    with GazetteerIndex.open(gazetteer_cache, progress=False) as single:
        for n in range(1, len(names) + 1):
            with GazetteerIndex.open(gazetteer_cache, progress=False) as index:
                kinds = index.names_kinds(names[:n], with_places=True)
                assert set(kinds) == {m for m in names[:n] if single.name_kinds(m)}
                for name in names[:n]:
                    assert kinds.get(name, frozenset()) == single.name_kinds(name), (n, name)
                    assert index.candidates(name) == single.candidates(name), (n, name)


def test_demonym_names_are_the_words_that_have_demonyms(gazetteer_index: GazetteerIndex) -> None:
    known = gazetteer_index.demonym_names()
    assert {"russian", "syrian", "ukrainian"} <= known
    for word in ("russian", "syrian", "kharkiv", "village", "the"):
        assert (word in known) == bool(gazetteer_index.demonym(word)), word


def test_recognition_is_the_same_asked_in_batches_or_name_by_name(
    gazetteer_index: GazetteerIndex,
) -> None:
    one_by_one = _OneByOne(gazetteer_index)
    assert isinstance(gazetteer_index, BatchNameIndex)
    assert not isinstance(one_by_one, BatchNameIndex)
    for text in ARTICLES:
        batched = find_mentions(text, gazetteer_index)
        assert batched == find_mentions(text, one_by_one)
        assert batched  # every article names places


def test_many_texts_asked_together_give_each_text_its_own_mentions(
    gazetteer_cache: Path,
) -> None:
    """find_mentions_many asks the index about the runs of many texts at once (more texts
    than one prefetch takes, so the last ones are a second prefetch): each text gets the
    mentions it gets alone, in order, from an index asked name by name."""
    texts = [f"{text} ({n})" for n in range(PREFETCH_ARTICLES // len(ARTICLES) + 2)
             for text in ARTICLES]  # fmt: skip
    assert len(texts) > PREFETCH_ARTICLES
    with GazetteerIndex.open(gazetteer_cache, progress=False) as fresh:  # nothing asked yet
        together = list(find_mentions_many(iter(texts), fresh))
        alone = [find_mentions(text, _OneByOne(fresh)) for text in texts]
        assert list(find_mentions_many([], fresh)) == []
    assert together == alone
    assert all(together)


def test_tokens_keep_inner_apostrophes_but_not_possessives() -> None:
    words = [t.text for t in tokenize("O'Hare's runway and Côte d'Ivoire's U.S. envoy")]
    assert words[:4] == ["O'Hare", "'", "s", "runway"]
    assert "d'Ivoire" in words and "U.S." in words


def test_case_is_trusted_mid_sentence_but_not_in_a_title_case_headline() -> None:
    tokens = tokenize("Flood Waters Rise Across Northern Town\nThe river rose in Selby today.")
    trusted = {t.text: t.trusted_case for t in tokens if t.is_word}
    assert not trusted["Waters"] and not trusted["Northern"]  # the headline
    assert not trusted["The"]  # a sentence start
    assert trusted["Selby"] and trusted["river"]


def test_the_rule_sets_read_the_recognisers_own_runs_and_acceptance() -> None:
    """Recognition is one object of rule sets; several declare ``_run_end``,
    ``_accept_name`` or ``_prev_word`` as an empty stub for what they read. The word
    runs and the name acceptance, in modules of their own, come first in the
    recogniser's bases, so every rule set reads theirs, never a stub's None."""
    import importlib

    from geomap.geoparse.name_acceptance import NameAcceptance
    from geomap.geoparse.word_runs import WordRuns

    recognizer = importlib.import_module("geomap.geoparse.recognize")._Recognizer
    for name in ("_run_end", "_lower_run_end", "runs_to_ask", "_ordinary_word"):
        assert getattr(recognizer, name) is getattr(WordRuns, name)
    for name in ("_accept_name", "_single_word_ok", "_small_variant", "_prev_word"):
        assert getattr(recognizer, name) is getattr(NameAcceptance, name)
