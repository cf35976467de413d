"""The work geoparsing saves must not change its answers: places read in one query per
article are the places read name by name, and an article scored twice from what it
computed once scores as when computed afresh (real index, articles written here)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from geomap.gazetteer.geocoder import GazetteerGeocoder
from geomap.gazetteer.index import GazetteerIndex
from geomap.gazetteer.names import normalize
from geomap.geoparse import context_arrays, context_batch
from geomap.geoparse.approximate import place_approximately
from geomap.geoparse.batch import BatchItem, resolve_batch, score_batch
from geomap.geoparse.containment import drop_outside_containers
from geomap.geoparse.context_batch import ContextBatch, apply_context_batch
from geomap.geoparse.prepare import prepare_article
from geomap.geoparse.recognize import find_mentions
from geomap.geoparse.resolve import score_candidates
from geomap.geoparse.scoring import decide, default_weights
from geomap.geoparse.source import SourcePrior, outlet_priors
from geomap.geoparse.structure import Relations
from geomap.geoparse.tokens import tokenize
from geomap.records import Article

ARTICLES = [
    "KHARKIV, Ukraine — Russian shelling hit Kupiansk district and the village of Krasna "
    "Dolyna overnight. Donetska, Kharkivska and Sumska oblasts were under air-raid alerts; "
    "in Kherson, Dniprovskyi district lost power.",
    "Flooding closed roads in Paris, Texas, and in Athens, Georgia, while Atlanta and "
    "Savannah stayed dry. The Georgia governor toured Macon on Monday.",
    "Sheriff Jones of Laurel County, Ky., said the St. Louis crew arrived in London, Ky., "
    "late on Sunday; Lexington and Frankfort sent trucks.",
]


def _names(text: str) -> list[str]:
    words = [t for t in tokenize(text) if t.is_word]
    return [
        normalize(text[words[i].start : words[j - 1].end])
        for i in range(len(words))
        for j in range(i + 1, min(len(words), i + 3) + 1)
    ]


def test_places_read_in_one_query_are_the_places_read_one_by_one(gazetteer_cache: Path) -> None:
    names = sorted({n for text in ARTICLES for n in _names(text)})
    with GazetteerIndex.open(gazetteer_cache, progress=False) as batched, GazetteerIndex.open(
        gazetteer_cache, progress=False
    ) as single:
        kinds = batched.names_kinds(names, with_places=True)
        assert kinds == single.names_kinds(names)  # the kinds as the kinds-only query's
        assert {"kharkiv", "paris", "laurel county"} <= kinds.keys()
        for name in names:
            assert batched.candidates(name) == single.candidates(name), name
            assert batched.name_kinds(name) == single.name_kinds(name), name
        # a name known to name nothing answers without a query, and answers nothing
        assert "the village of" not in kinds
        assert batched.lookup("the village of") == single.lookup("the village of") == []


def test_an_article_scored_from_its_prepared_work_scores_as_afresh(
    gazetteer_index: GazetteerIndex,
) -> None:
    geocoder = GazetteerGeocoder(index=gazetteer_index)
    url = "https://www.example-daily.com/news/1"
    articles = [Article(id=str(k), text=t, url=url) for k, t in enumerate(ARTICLES)]
    items = [BatchItem(a, find_mentions(a.text, gazetteer_index)) for a in articles]
    assert all(it.mentions for it in items)
    # an outlet prior from the other articles, as a batch's second pass uses
    picks = []
    for it, cands in zip(items, score_batch(items, geocoder), strict=True):
        pairs = zip(it.mentions, cands, strict=True)
        picks.append([(normalize(m.name), cs[0].entry, 0.9) for m, cs in pairs if cs])
    priors = outlet_priors([url] * len(items), picks)
    assert priors[0].has_outlet
    for it, prior in zip(items, priors, strict=True):
        prepared = prepare_article(it.article, it.mentions, geocoder)
        for source in (SourcePrior.from_url(url), prior):
            afresh = score_candidates(it.article, it.mentions, geocoder, source=source)
            again = score_candidates(it.article, it.mentions, geocoder, source=source,
                                     prepared=prepared)  # fmt: skip
            assert [[(c.entry.id, c.linear, c.features) for c in cs] for cs in again] == [
                [(c.entry.id, c.linear, c.features) for c in cs] for cs in afresh
            ]


@pytest.mark.parametrize("apart", [False, True])
def test_the_context_of_a_whole_batch_at_once_scores_each_article_as_alone(
    gazetteer_index: GazetteerIndex, monkeypatch: pytest.MonkeyPatch, apart: bool
) -> None:
    if apart:  # every article's shares and nearness computed apart, as for huge texts
        monkeypatch.setattr(context_batch, "_DENSE_CELLS", 0)
        monkeypatch.setattr(context_arrays, "CONTEXT_WINDOW", 1)
    geocoder = GazetteerGeocoder(index=gazetteer_index)
    texts = [*ARTICLES, "Nothing here is a place.", "Lagos and Abuja, Nigeria, were calm."]
    items = [BatchItem(Article(id=str(k), text=t), find_mentions(t, gazetteer_index))
             for k, t in enumerate(texts)]  # fmt: skip
    shipped = default_weights()
    # every context column weighed, the named country's and the lists' included
    every = replace(shipped, weights={**shipped.weights, "named_country": 0.8,
                                      "other_country_named": -0.4, "list_peer": 0.9})  # fmt: skip
    for weights in (shipped, every):
        prepared = [prepare_article(it.article, it.mentions, geocoder, weights=weights)
                    for it in items]  # fmt: skip
        assert any(p.lists for p in prepared) and any(p.flat.named for p in prepared)
        alone = [score_candidates(it.article, it.mentions, geocoder, weights=weights,
                                  prepared=p, features=False)
                 for it, p in zip(items, prepared, strict=True)]  # fmt: skip
        together = [score_candidates(it.article, it.mentions, geocoder, weights=weights,
                                     prepared=p, features=False, context=False)
                    for it, p in zip(items, prepared, strict=True)]  # fmt: skip
        before = [[c.linear for cs in cands for c in cs] for cands in together]
        batch = ContextBatch([p.flat for p in prepared])
        assert bool(batch.share_alone) == apart and bool(batch.near_alone) == apart
        for _ in range(2):  # a batch's arrays serve both of its passes
            for cands, scores in zip(together, before, strict=True):
                for c, score in zip((c for cs in cands for c in cs), scores, strict=True):
                    c.linear = score
            apply_context_batch(together, [p.groups for p in prepared],
                                [p.lists for p in prepared], weights, batch)  # fmt: skip
            # every score bit for bit (floats compared with ==)
            assert [[[c.linear for c in cs] for cs in cands] for cands in together] == [
                [[c.linear for c in cs] for cs in cands] for cands in alone
            ]
        assert before != [[c.linear for cs in cands for c in cs] for cands in together]


def test_a_batch_resolved_from_scores_only_resolves_as_from_every_feature(
    gazetteer_index: GazetteerIndex,
) -> None:
    geocoder = GazetteerGeocoder(index=gazetteer_index)
    url = "https://www.example-daily.com/news/1"
    items = [BatchItem(Article(id=str(k), text=t, url=url), find_mentions(t, gazetteer_index))
             for k, t in enumerate(ARTICLES)]  # fmt: skip
    ranked = score_batch(items, geocoder)
    assert all(c.features for cands in ranked for cs in cands for c in cs)
    from_features = [
        place_approximately(it.article.text, drop_outside_containers(
            it.article.text,
            decide(it.mentions, cands, weights=default_weights(), geocoder_name="gazetteer"),
            Relations.read(it.article.text, it.mentions), cands),
            Relations.read(it.article.text, it.mentions), cands)
        for it, cands in zip(items, ranked, strict=True)
    ]  # fmt: skip
    resolved = resolve_batch(items, geocoder)
    assert resolved == from_features
    assert sum(r.entry is not None for rs in resolved for r in rs) >= 10


def test_the_collector_is_paused_only_inside_the_block_and_resumes_as_it_was() -> None:
    import gc

    from geomap.geoparse.collector import collector_paused

    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():  # nested: the outer block resumes it
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()  # paused by someone else: left paused
    finally:
        gc.enable()
    try:
        with collector_paused():
            raise ValueError("bad article")
    except ValueError:
        pass
    assert gc.isenabled()


def test_what_the_pause_leaves_joins_the_oldest_generation_unexamined() -> None:
    """As the pause ends no collection runs: the block's survivors join the oldest
    generation (not the young one, whose collections would walk them again), and a cycle
    the block made is still collected by the next full collection."""
    import gc
    import weakref

    from geomap.geoparse.collector import collector_paused

    class Node:
        def __init__(self) -> None:
            self.me = self

    starts: list[int] = []

    def seen(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            starts.append(info["generation"])

    gc.callbacks.append(seen)
    try:
        gc.collect()
        starts.clear()
        with collector_paused():
            kept = [[n] for n in range(len(gc.get_objects(generation=2)) // 2 + 1000)]
            cycle = weakref.ref(Node())  # garbage only a collection can free
        assert starts == [] and gc.isenabled()
        assert gc.get_freeze_count() == 0
        assert kept[-1] in gc.get_objects(generation=2)
        assert cycle() is not None  # left to the collector's own next full collection
        gc.collect()
        assert cycle() is None
        del kept
    finally:
        gc.callbacks.remove(seen)


def test_objects_the_program_froze_stay_frozen_and_a_due_collection_runs() -> None:
    """Where the program froze objects of its own (``gc.freeze``), the pause does not
    release them: a full collection due as the pause ends runs then, alone (not after a
    young and a middle one); a block that leaves it not due ends with none."""
    import gc

    from geomap.geoparse.collector import collector_paused

    starts: list[int] = []

    def seen(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            starts.append(info["generation"])

    gc.collect()
    frozen = [[n] for n in range(10)]
    gc.freeze()
    n_frozen = gc.get_freeze_count()
    gc.callbacks.append(seen)
    try:
        starts.clear()
        with collector_paused():  # the middle generation never collected yet: not due
            kept = [[n] for n in range(1000)]
        assert 2 not in starts  # (only the young collection the new objects call for)
        for _ in range(gc.get_threshold()[2]):
            gc.collect(1)  # as many middle collections as a full one waits for
        starts.clear()
        with collector_paused():  # and more new objects than a quarter of the old
            kept = [[n] for n in range(len(gc.get_objects(generation=2)) // 2 + 1000)]
        first = starts[0] if starts else None
        assert (first, len(starts)) == (2, 1)
        assert gc.get_count()[2] == 0 and gc.isenabled()
        assert gc.get_freeze_count() == n_frozen
        del kept
    finally:
        gc.callbacks.remove(seen)
        gc.unfreeze()
        del frozen
