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

from geopy.geocoders.base import Geocoder

from geomap.geocoders.hybrid import HybridGeocoder
from geomap.geoparse.candidates import Candidate, geocoder_name
from geomap.geoparse.context_batch import ContextBatch, apply_context_batch
from geomap.geoparse.prepare import PreparedArticle, PriorCache, prepare_article
from geomap.geoparse.resolve import check_picks, score_candidates, top_picks
from geomap.geoparse.scoring import Weights, decide, default_weights
from geomap.geoparse.second_pass import resolve_with_service
from geomap.geoparse.source import SourcePrior, domain_of, outlet_key, outlet_priors
from geomap.records import Article, Mention, Resolution

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
    first: list[list[list[Candidate]] | None] = []
    alone = []
    picks = []
    # what no prior changes is computed once per article, for both passes, and the
    # places the articles share once per batch
    cache = PriorCache(geocoder, w)
    prepared = [prepare_article(it.article, it.mentions, geocoder, weights=w, cache=cache)
                for it in items]  # fmt: skip
    # scores alone: the context of every article of a pass at once (the same scores)
    together = not features and not keep_alone
    ranked = []
    for it, src, key, prep in zip(items, sources, keys, prepared, strict=True):
        final = key is None or counts[key] < 2  # no second pass will replace it
        ranked.append(score_candidates(it.article, it.mentions, geocoder, weights=w,
                                       source=SourcePrior.from_url(src), prepared=prep,
                                       features=features and (final or keep_alone),
                                       context=not together))  # fmt: skip
        first.append(ranked[-1] if final else None)
    batch = ContextBatch([prep.flat for prep in prepared]) if together else None
    if batch is not None:
        _batch_context(ranked, prepared, w, batch)
    for it, cands in zip(items, ranked, strict=True):
        picks.append(top_picks(it.mentions, cands))
        if keep_alone:
            alone.append(cands)
    priors = outlet_priors(sources, picks)
    # with the context applied together, an article that needs no second pass is scored
    # again as in the first (the same scores), so the batch's arrays serve both passes
    again = batch is not None and any(cands is None for cands in first)
    joint: list[list[list[Candidate]]] = []
    used = []
    for it, src, cands, prior, prep in zip(items, sources, first, priors, prepared, strict=True):
        if cands is None:
            cands = score_candidates(it.article, it.mentions, geocoder, weights=w, source=prior,
                                     prepared=prep, features=features,
                                     context=batch is None)  # fmt: skip
            used.append(prior)
        else:
            if again:
                cands = score_candidates(it.article, it.mentions, geocoder, weights=w,
                                         source=SourcePrior.from_url(src), prepared=prep,
                                         features=False, context=False)  # fmt: skip
            used.append(SourcePrior.from_url(src))
        joint.append(cands)
    if batch is not None and again:
        _batch_context(joint, prepared, w, batch)
    return alone, joint, used, prepared


def _batch_context(
    ranked: Sequence[list[list[Candidate]]],
    prepared: Sequence[PreparedArticle],
    w: Weights,
    batch: ContextBatch,
) -> None:
    apply_context_batch(ranked, [p.groups for p in prepared], [p.lists for p in prepared], w,
                        batch)  # fmt: skip


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
