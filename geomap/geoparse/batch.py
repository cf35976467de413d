"""Resolving a batch of articles together, so each outlet's home area informs its articles.

A first pass resolves every article on its own (with its domain's country only); the
places it picks confidently, pooled per outlet, become a prior for a second pass over
the articles whose outlet has other articles in the batch (:mod:`geomap.geoparse.source`).
An article alone in the batch, or without a known source, is resolved once, as by
:func:`~geomap.geoparse.resolve.resolve`. With a hybrid geocoder the outlet priors come
from the offline gazetteer, and each article then gets resolution's second pass
(:mod:`geomap.geoparse.second_pass`) with its outlet's prior.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from geopy.geocoders.base import Geocoder

from geomap.geocoders.hybrid import HybridGeocoder
from geomap.geoparse.candidates import Candidate, geocoder_name
from geomap.geoparse.context_batch import ContextBatch, apply_context_batch, context_scores
from geomap.geoparse.prepare import PreparedArticle, PriorCache, prepare_article
from geomap.geoparse.resolve import (
    check_picks,
    picks_of,
    score_candidates,
    scores_without_outlet,
    top_picks,
)
from geomap.geoparse.scoring import Weights, decide, default_weights
from geomap.geoparse.second_pass import resolve_with_service
from geomap.geoparse.source import SourcePrior, domain_of, outlet_key, outlet_priors
from geomap.records import Article, GazetteerEntry, Mention, Resolution

__all__ = ["BatchItem", "resolve_batch", "score_batch", "score_batch_both"]


@dataclass(frozen=True, slots=True)
class BatchItem:
    article: Article
    mentions: Sequence[Mention]
    source: str | None = None
    """The article's URL or domain; ``article.url`` when None."""


def score_batch(
    items: Sequence[BatchItem], geocoder: Geocoder, *, weights: Weights | None = None
) -> list[list[list[Candidate]]]:
    """Every article's candidates, scored with its outlet's prior where the batch gives one."""
    return _passes(items, geocoder, weights or default_weights(), keep_alone=False)[1]


def score_batch_both(
    items: Sequence[BatchItem], geocoder: Geocoder, *, weights: Weights | None = None
) -> tuple[list[list[list[Candidate]]], list[list[list[Candidate]]]]:
    """Every article's candidates scored alone (its domain's country only) and with its
    outlet's prior: a training script fits on both, so the weights serve single articles
    as well as batches."""
    alone, joint, _, _ = _passes(items, geocoder, weights or default_weights(), keep_alone=True)
    return alone, joint


def _passes(
    items: Sequence[BatchItem],
    geocoder: Geocoder,
    w: Weights,
    *,
    keep_alone: bool,
    features: bool = True,
) -> tuple[list[list[list[Candidate]]], list[list[list[Candidate]]], list[SourcePrior],
           list[PreparedArticle]]:
    """Scored alone (when ``keep_alone``), scored with the outlet's prior, the prior each
    article's final scores used, and each article's prepared work; ``features``: False
    for the scores only (what deciding needs), the first pass's features built only
    where they are kept."""
    sources = [it.source or it.article.url for it in items]
    keys = [outlet_key(domain_of(s)) for s in sources]
    counts = Counter(k for k in keys if k is not None)
    finals = [key is None or counts[key] < 2 for key in keys]  # no second pass replaces it
    # what no prior changes is computed once per article, for both passes, and the
    # places the articles share once per batch
    # scores alone: the context of every article of a pass at once (the same scores),
    # the first pass's as numbers only (what its picks need)
    together = not features and not keep_alone
    cache = PriorCache(geocoder, w)
    prepared = [prepare_article(it.article, it.mentions, geocoder, weights=w, cache=cache,
                                tables=not together)
                for it in items]  # fmt: skip
    batch = ContextBatch([p.flat for p in prepared]) if together else None
    first: list[list[list[Candidate]] | None] = [None] * len(items)
    alone = []
    if batch is not None:
        picks = _first_picks(items, sources, prepared, w, batch)
    else:
        picks = []
        for k, (it, src, prep) in enumerate(zip(items, sources, prepared, strict=True)):
            cands = score_candidates(it.article, it.mentions, geocoder, weights=w,
                                     source=SourcePrior.from_url(src), prepared=prep,
                                     features=features and (finals[k] or keep_alone))  # fmt: skip
            picks.append(top_picks(it.mentions, cands))
            first[k] = cands if finals[k] else None
            if keep_alone:
                alone.append(cands)
    priors = outlet_priors(sources, picks)
    joint: list[list[list[Candidate]]] = []
    used = []
    for it, src, final, cands, prior, prep in zip(items, sources, finals, first, priors,
                                                  prepared, strict=True):  # fmt: skip
        source = SourcePrior.from_url(src) if final else prior
        if cands is None:  # the second pass; or, with the context applied together, the
            # first pass's scores as candidates this time
            cands = score_candidates(it.article, it.mentions, geocoder, weights=w,
                                     source=source, prepared=prep, features=features,
                                     context=batch is None)  # fmt: skip
        used.append(source)
        joint.append(cands)
    if batch is not None:
        apply_context_batch(joint, [p.groups for p in prepared], [p.lists for p in prepared], w,
                            batch)  # fmt: skip
    return alone, joint, used, prepared


def _first_picks(
    items: Sequence[BatchItem],
    sources: Sequence[str | None],
    prepared: Sequence[PreparedArticle],
    w: Weights,
    batch: ContextBatch,
) -> list[list[tuple[str, GazetteerEntry, float]]]:
    """Each article's picks scored alone (its domain's country only), the context of
    all at once, from the scores alone (no candidate built): what the outlets' priors
    are made of."""
    static = [
        score
        for src, prep in zip(sources, prepared, strict=True)
        for scores in scores_without_outlet(prep, SourcePrior.from_url(src), w)
        for score in scores
    ]
    linear = context_scores(np.array(static, dtype=float), [p.bases for p in prepared],
                            [p.groups for p in prepared], [p.lists for p in prepared], w,
                            batch).tolist()  # fmt: skip
    picks = []
    at = 0
    for it, prep in zip(items, prepared, strict=True):
        scores = []
        for bases in prep.bases:
            scores.append(linear[at : at + len(bases)])
            at += len(bases)
        picks.append(picks_of(it.mentions, prep.bases, scores))
    return picks


def resolve_batch(
    items: Sequence[BatchItem], geocoder: Geocoder, *, weights: Weights | None = None
) -> list[list[Resolution]]:
    """Each article's resolutions (as :func:`~geomap.geoparse.resolve.resolve`), in order."""
    w = weights or default_weights()
    if isinstance(geocoder, HybridGeocoder):
        return _resolve_with_service(items, geocoder, w)
    name = geocoder_name(geocoder)
    _, ranked, _, prepared = _passes(items, geocoder, w, keep_alone=False, features=False)
    return [
        check_picks(it.article.text, decide(it.mentions, cands, weights=w, geocoder_name=name),
                    prep.relations, cands, geocoder)
        for it, cands, prep in zip(items, ranked, prepared, strict=True)
    ]  # fmt: skip


def _resolve_with_service(
    items: Sequence[BatchItem], geocoder: HybridGeocoder, w: Weights
) -> list[list[Resolution]]:
    """The batch on the offline gazetteer (which gives the outlets' priors), then each
    article's second pass through the service with its prior."""
    _, offline, priors, _ = _passes(items, geocoder.offline, w, keep_alone=False)
    out = []
    for it, ranked, prior in zip(items, offline, priors, strict=True):

        def rank(
            g: Geocoder, it: BatchItem = it, prior: SourcePrior = prior
        ) -> list[list[Candidate]]:
            return score_candidates(it.article, it.mentions, g, weights=w, source=prior)

        out.append(resolve_with_service(it.mentions, geocoder, rank, weights=w,
                                        offline_ranked=ranked))  # fmt: skip
    return out
