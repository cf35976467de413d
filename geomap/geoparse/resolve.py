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
from dataclasses import replace

from geopy.geocoders.base import Geocoder

from geomap.gazetteer.names import normalize
from geomap.geocoders.hybrid import HybridGeocoder
from geomap.geoparse.acronyms import defined_acronyms
from geomap.geoparse.approximate import place_approximately
from geomap.geoparse.bare_units import units_written_bare
from geomap.geoparse.candidates import Candidate, candidates_for, geocoder_name
from geomap.geoparse.containment import drop_outside_containers
from geomap.geoparse.context import apply_context
from geomap.geoparse.far_namesakes import undo_far_namesakes
from geomap.geoparse.list_peers import HasEntry
from geomap.geoparse.pack_villages import place_pack_villages
from geomap.geoparse.prepare import PreparedArticle, prepare_article
from geomap.geoparse.region_suffixed import place_region_suffixed
from geomap.geoparse.regions_abroad import prefer_near_namesakes
from geomap.geoparse.scoring import Weights, decide, default_weights
from geomap.geoparse.second_pass import resolve_with_service
from geomap.geoparse.source import SourcePrior
from geomap.geoparse.stated_containers import keep_in_stated_towns, region_of_the_towns_country
from geomap.geoparse.structure import Relations
from geomap.geoparse.units_abroad import place_units_at_home
from geomap.records import Article, GazetteerEntry, Mention, Place, Resolution

__all__ = [
    "Candidate",
    "candidates_for",
    "check_picks",
    "decide",
    "group_places",
    "picks_of",
    "resolve",
    "score_candidates",
    "scores_without_outlet",
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
    prepared = prepare_article(article, mentions, geocoder, weights=w)
    ranked = score_candidates(article, mentions, geocoder, weights=w, source=source,
                              prepared=prepared)  # fmt: skip
    chosen = decide(mentions, ranked, weights=w, geocoder_name=geocoder_name(geocoder))
    return check_picks(article.text, chosen, prepared.relations, ranked, geocoder)


def check_picks(
    text: str,
    chosen: Sequence[Resolution],
    relations: Relations,
    ranked: Sequence[Sequence[Candidate]],
    geocoder: Geocoder,
) -> list[Resolution]:
    """The ranking's picks checked against what the wording says, in order: a pick
    outside the region the sentence names is dropped (:mod:`geomap.geoparse.containment`),
    an area written around a town of another country is that country's, and a pick far
    from the town or district the sentence puts it in is its namesake there or no place
    (:mod:`geomap.geoparse.stated_containers`),
    a namesake far from every place the wording ties it to is undone
    (:mod:`geomap.geoparse.far_namesakes`), a region on another continent that edged
    out a namesake among the article's places gives way to it
    (:mod:`geomap.geoparse.regions_abroad`), a town abroad picked for a name written with
    a unit word gives way to the unit of the article's country
    (:mod:`geomap.geoparse.units_abroad`), names the gazetteer lacks are looked up in
    the shipped packs (:mod:`geomap.geoparse.pack_villages`), also with a region the
    article names after them (:mod:`geomap.geoparse.region_suffixed`: "Petite Rivière"
    for Petite-Rivière-de-l'Artibonite), and what stays unplaced
    gets the place the wording puts it near (:mod:`geomap.geoparse.approximate`); an
    acronym the article defines ("the Federal Capital Territory (FCT)") is that place
    (:mod:`geomap.geoparse.acronyms`), and a country's name the article also writes as a
    unit ("Niger state") is that unit (:mod:`geomap.geoparse.bare_units`)."""
    placed = drop_outside_containers(text, chosen, relations, ranked)
    placed = prefer_near_namesakes(placed, ranked)
    placed = region_of_the_towns_country(placed, relations, ranked)
    placed, in_towns = keep_in_stated_towns(placed, relations, ranked)
    placed, undone = undo_far_namesakes(text, placed, relations, ranked)
    undone = {**in_towns, **undone}
    placed, abroad = place_units_at_home(text, placed, geocoder)
    lacking = frozenset(undone) | abroad  # looked up as names the gazetteer lacks
    villages = place_pack_villages(text, placed, relations, ranked, geocoder, lacking)
    villages = place_region_suffixed(villages)
    out = place_approximately(text, villages, relations, ranked, lacking)
    for k, anchor in undone.items():  # neither placed it: the anchor the undoing chose
        if out[k].entry is None and out[k].near is None:
            out[k] = replace(out[k], near=anchor)
    return units_written_bare(text, defined_acronyms(text, out))


def top_picks(
    mentions: Sequence[Mention], ranked: Sequence[Sequence[Candidate]]
) -> list[tuple[str, GazetteerEntry, float]]:
    """Each mention's (normalised name, best candidate, its softmax probability among the
    candidates): a confidence that needs no calibrated bias."""
    return picks_of(mentions, ranked, [[c.linear for c in cs] for cs in ranked])


def picks_of(
    mentions: Sequence[Mention],
    places: Sequence[Sequence[HasEntry]],
    scores: Sequence[Sequence[float]],
) -> list[tuple[str, GazetteerEntry, float]]:
    """:func:`top_picks` from each mention's candidates (or their prepared bases) and
    their final scores."""
    out = []
    for m, cs, linear in zip(mentions, places, scores, strict=True):
        if cs:
            probs = _softmax(list(linear))
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
    prepared: PreparedArticle | None = None,
    features: bool = True,
    context: bool = True,
) -> list[list[Candidate]]:
    """Every mention's candidates with their features and final linear scores.

    This is what :func:`resolve` decides from, and what a training script fits the
    weights on (each candidate's ``features`` against whether it is the right place).

    :param prepared: :func:`~geomap.geoparse.prepare.prepare_article`'s work for this
        article, geocoder and weights, when the article is scored more than once (a
        batch scores it alone and then with its outlet's prior): only the source's
        features and the context are computed again.
    :param features: False: only the scores (what deciding needs), each candidate's
        ``features`` left empty.
    :param context: False: the scores before context, for a batch to apply the context
        of all its articles at once (:mod:`geomap.geoparse.context_batch`; features False).
    """
    w = weights or default_weights()
    source = source if source is not None else SourcePrior.from_url(article.url)
    if prepared is None:
        prepared = prepare_article(article, mentions, geocoder, weights=w)
    bias = w.bias
    cands: list[list[Candidate]] = []
    if not features and source.outlet is None:
        for bases, scores in zip(prepared.bases, scores_without_outlet(prepared, source, w),
                                 strict=True):  # fmt: skip
            cands.append([Candidate(b.entry, b.rank, {}, score, b.region, b.variant)
                          for b, score in zip(bases, scores, strict=True)])  # fmt: skip
        if context:
            apply_context(cands, prepared.groups, prepared.lists, w, flat=prepared.flat,
                          features=False)  # fmt: skip
        return cands
    # a name written again has the same places and the same source features
    seen: dict[tuple[str, tuple[str, ...]], tuple[list[dict[str, float]], list[list[float]]]]
    seen = {}
    weight_of = w.weights.get
    for g, bases in zip(prepared.groups, prepared.bases, strict=True):
        entries = [b.entry for b in bases]
        key = (g, tuple(e.id for e in entries))
        found = seen.get(key)
        if found is None:
            feats = source.features_many(entries, g)
            # each dict's non-zero weighted terms, in order (what weighted_sum adds)
            terms = [[weight_of(k, 0.0) * v for k, v in f.items() if v] for f in feats]
            found = seen[key] = (feats, terms)
        feats, terms = found
        mention_cands = []
        for b, f, source_terms in zip(bases, feats, terms, strict=True):
            # the same sum, in the same order, as linear_score over the whole dict
            total = b.base_sum
            for term in source_terms:
                total += term
            for term in b.tail_terms:
                total += term
            mention_cands.append(Candidate(b.entry, b.rank, b.base | f | b.tail if features
                                           else {}, bias + total, b.region, b.variant))  # fmt: skip
        cands.append(mention_cands)
    if context:
        apply_context(cands, prepared.groups, prepared.lists, w, flat=prepared.flat,
                      features=features)  # fmt: skip
    return cands


def scores_without_outlet(
    prepared: PreparedArticle, source: SourcePrior, w: Weights
) -> list[list[float]]:
    """Per mention, its candidates' scores before context for a source without an
    outlet's prior: the source's one feature is then its domain's country (the rest are
    0), and its term is added as the whole feature dict's would be."""
    bias = w.bias
    tld = source.tld_country
    tld_term = w.weights.get("source_tld_country", 0.0) * 1.0
    out = []
    for bases in prepared.bases:
        scores = []
        for b in bases:
            total = b.base_sum
            if tld is not None and b.entry.country_code == tld and tld_term:
                total += tld_term
            for term in b.tail_terms:
                total += term
            scores.append(bias + total)
        out.append(scores)
    return out


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


def _softmax(xs: list[float]) -> list[float]:
    if not xs:
        return []
    top = max(xs)
    exps = [math.exp(x - top) for x in xs]
    total = sum(exps)
    return [x / total for x in exps]
