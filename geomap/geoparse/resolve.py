"""Choosing the place each mention refers to (resolution), from the article's context.

Candidates come through the geopy ``Geocoder`` interface, so the offline gazetteer or
any online geocoder can supply them (:mod:`geomap.geoparse.candidates`). Each candidate
gets named features (see :mod:`geomap.geoparse.scoring`): how well known it is, whether
its type fits the article's wording ("the port city of"); what the wording between
mentions says (:mod:`geomap.geoparse.structure`): whether it lies in a place written
beside it ("Paris, Texas", "Kherson, Dniprovskyi district"), whether it is of the level
of the names listed with it ("Alberta, Manitoba and Ontario"), whether the sentence
speaks of an area ("across Washington"); and how much of the article's other evidence
lies in the same country or region or nearby, and whether the article names its country
(:mod:`geomap.geoparse.context`). Context is computed from the other mentions'
candidate distributions and refined over a few rounds, so "Georgia" beside "Atlanta" is
the US state and beside "Tbilisi" the country.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from geopy.geocoders.base import Geocoder

from geomap.gazetteer.names import normalize
from geomap.geocoders.hybrid import HybridGeocoder
from geomap.geoparse.candidates import (
    Candidate,
    candidates_for,
    geocoder_name,
    mark_capital_namesakes,
    name_features,
    prior_features,
    spelling_variant,
)
from geomap.geoparse.context import apply_context
from geomap.geoparse.scoring import Weights, decide, default_weights, linear_score
from geomap.geoparse.second_pass import resolve_with_service
from geomap.geoparse.source import SourcePrior
from geomap.geoparse.structure import Relations, add_containers, drop_outside_containers, is_area
from geomap.records import Article, GazetteerEntry, Mention, Place, Resolution

__all__ = [
    "Candidate",
    "candidates_for",
    "decide",
    "group_places",
    "resolve",
    "score_candidates",
    "top_picks",
]


def resolve(
    article: Article,
    mentions: Sequence[Mention],
    geocoder: Geocoder,
    *,
    weights: Weights | None = None,
    source: SourcePrior | None = None,
) -> list[Resolution]:
    """One Resolution per mention, in order; ``entry`` is None where nothing fits.

    :param geocoder: Where candidates come from; a hybrid geocoder is asked online only
        for the mentions the offline ranking leaves unsure (:mod:`geomap.geoparse.
        second_pass`).
    :param source: What the article's source says about where its places are (see
        :mod:`geomap.geoparse.source`); by default only the country of its URL's domain.
    """
    w = weights or default_weights()
    if isinstance(geocoder, HybridGeocoder):
        return resolve_with_service(
            mentions, geocoder, weights=w,
            rank=lambda g: score_candidates(article, mentions, g, weights=w, source=source),
        )  # fmt: skip
    ranked = score_candidates(article, mentions, geocoder, weights=w, source=source)
    chosen = decide(mentions, ranked, weights=w, geocoder_name=geocoder_name(geocoder))
    return drop_outside_containers(chosen, Relations.read(article.text, mentions))


def top_picks(
    mentions: Sequence[Mention], ranked: Sequence[Sequence[Candidate]]
) -> list[tuple[str, GazetteerEntry, float]]:
    """Each mention's (normalised name, best candidate, its softmax probability among the
    candidates): a confidence that needs no calibrated bias."""
    out = []
    for m, cs in zip(mentions, ranked, strict=True):
        if cs:
            probs = _softmax([c.linear for c in cs])
            k = max(range(len(cs)), key=probs.__getitem__)
            out.append((normalize(m.name), cs[k].entry, probs[k]))
    return out


def score_candidates(
    article: Article,
    mentions: Sequence[Mention],
    geocoder: Geocoder,
    *,
    weights: Weights | None = None,
    source: SourcePrior | None = None,
) -> list[list[Candidate]]:
    """Every mention's candidates with their features and final linear scores.

    This is what :func:`resolve` decides from, and what a training script fits the
    weights on (each candidate's ``features`` against whether it is the right place).
    """
    w = weights or default_weights()
    source = source if source is not None else SourcePrior.from_url(article.url)
    groups = _group_keys(mentions)
    relations = Relations.read(article.text, mentions)
    cands: list[list[Candidate]] = []
    for m, g, cue, q in zip(mentions, groups, relations.area_cue, relations.list_qualifier,
                            strict=True):  # fmt: skip
        entries = candidates_for(m, geocoder)[: w.max_candidates]
        feats = source.features_many(entries, g)
        name = name_features(len(entries))
        qualifier = m.qualifier or q
        mention_cands = []
        for r, (e, f) in enumerate(zip(entries, feats, strict=True)):
            c = Candidate(e, r, prior_features(m, e, r, qualifier) | name | f, region=_region(e),
                          variant=spelling_variant(m.name, e.name))  # fmt: skip
            if cue and not qualifier and is_area(e):  # "central Marib city" is a city
                c.features["area_cue"] = cue
            mention_cands.append(c)
        cands.append(mention_cands)
    add_containers(cands, relations)
    for cs in cands:
        mark_capital_namesakes(cs)
    for cs in cands:
        for c in cs:
            c.linear = linear_score(c.features, w)
    apply_context(cands, groups, relations.lists_of_items(cands), w)
    return cands


def group_places(resolutions: Sequence[Resolution]) -> list[Place]:
    """Distinct places in order of first mention, each with all its mentions."""
    by_id: dict[str, list[Resolution]] = {}
    for r in resolutions:
        if r.entry is not None:
            by_id.setdefault(r.entry.id, []).append(r)
    return [
        Place(
            entry=rs[0].entry,  # type: ignore[arg-type]
            mentions=tuple(r.mention for r in rs),
            score=max(r.score for r in rs),
            geocoder=rs[0].geocoder,
        )
        for rs in by_id.values()
    ]


# ---------------------------------------------------------------------- helpers


def _region(e: GazetteerEntry) -> tuple[str, str] | None:
    if e.feature_type != "country" and e.admin1 and e.country_code:
        return (e.country_code, normalize(e.admin1))
    return None


def _group_keys(mentions: Sequence[Mention]) -> list[str]:
    return [normalize(m.name) for m in mentions]


def _softmax(xs: list[float]) -> list[float]:
    if not xs:
        return []
    top = max(xs)
    exps = [math.exp(x - top) for x in xs]
    total = sum(exps)
    return [x / total for x in exps]
