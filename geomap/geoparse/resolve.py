"""Choosing the place each mention refers to (resolution), from the article's context.

Candidates come through the geopy ``Geocoder`` interface, so the offline gazetteer or
any online geocoder can supply them. Each candidate gets named features (see
:mod:`geomap.geoparse.scoring`): how well known it is, whether its type fits the
article's wording ("the port city of"), whether it lies in a place written right after
it ("Paris, Texas"), and how much of the article's other evidence lies in the same
country or region or nearby. Context is computed from the other mentions' candidate
distributions and refined over a few rounds, so "Georgia" beside "Atlanta" is the US
state and beside "Tbilisi" the country.
"""

from __future__ import annotations

import math
import re
import weakref
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, fields

import numpy as np
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from geomap.gazetteer.names import normalize
from geomap.geoparse.lexicon import lexicon
from geomap.geoparse.scoring import Weights, default_weights, linear_score, sigmoid
from geomap.geoparse.source import SourcePrior
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

_EARTH_KM = 6371.0088
_LOG_HALF_EARTH = math.log1p(20_039.0)
_COMMA = re.compile(r"\s*,\s*$")
_ENTRY_FIELDS = {f.name for f in fields(GazetteerEntry)}
_CITY_CODES_SEAT = ("PPLA", "PPLA2")
_LARGE_CODES = frozenset({"CONT", "OCN", "SEA"})  # continents, oceans, seas
_OTHER_TYPES = frozenset({"sea", "lake", "river", "island", "peninsula", "region", "landmark",
                          "airport", "port"})  # fmt: skip
_QUALIFIER_EXTRA = {"port": ("port", "city"), "capital": ("city",)}


@dataclass(slots=True)
class Candidate:
    """One place a mention may refer to, with its features and current score."""

    entry: GazetteerEntry
    rank: int
    features: dict[str, float]
    linear: float = 0.0
    region: tuple[str, str] | None = None
    """(country code, normalised admin1) of a place inside a region, for context."""


# geocoder -> {query: entries}; names repeat across articles, geocoding them is the cost
_CACHES: weakref.WeakKeyDictionary[Geocoder, dict[str, list[GazetteerEntry]]] = (
    weakref.WeakKeyDictionary()
)


def resolve(
    article: Article,
    mentions: Sequence[Mention],
    geocoder: Geocoder,
    *,
    weights: Weights | None = None,
    source: SourcePrior | None = None,
) -> list[Resolution]:
    """One Resolution per mention, in order; ``entry`` is None where nothing fits.

    :param source: What the article's source says about where its places are (see
        :mod:`geomap.geoparse.source`); by default only the country of its URL's domain.
    """
    w = weights or default_weights()
    ranked = score_candidates(article, mentions, geocoder, weights=w, source=source)
    return decide(mentions, ranked, weights=w, geocoder_name=_geocoder_name(geocoder))


def decide(
    mentions: Sequence[Mention],
    ranked: Sequence[Sequence[Candidate]],
    *,
    weights: Weights,
    geocoder_name: str,
) -> list[Resolution]:
    """Each mention's best candidate, or none when it scores below ``min_score``."""
    out = []
    for m, cs in zip(mentions, ranked, strict=True):
        best = max(cs, key=lambda c: c.linear, default=None)
        score = sigmoid(best.linear) if best is not None else 0.0
        entry = best.entry if best is not None and score >= weights.min_score else None
        out.append(Resolution(mention=m, entry=entry, score=score, geocoder=geocoder_name))
    return out


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
    containers = _containers(article.text, mentions)
    cands: list[list[Candidate]] = []
    for m, g in zip(mentions, groups, strict=True):
        entries = candidates_for(m, geocoder)[: w.max_candidates]
        feats = source.features_many(entries, g)
        name = _name_features(len(entries))
        cands.append(
            [
                Candidate(e, r, _prior_features(m, e, r) | name | f, region=_region(e))
                for r, (e, f) in enumerate(zip(entries, feats, strict=True))
            ]
        )
    for k, c in containers.items():
        _add_container(cands[k], cands[c])
    for cs in cands:
        _mark_capital_namesakes(cs)
    for cs in cands:
        for c in cs:
            c.linear = linear_score(c.features, w)
    rounds = int(w.extra.get("context_rounds", 2))
    sharpness = w.extra.get("context_sharpness", 1.0)
    static = [[c.linear for c in cs] for cs in cands]  # before any context feature
    spots = _Spots.of(cands, groups)
    for _ in range(rounds):
        probs = [_softmax([sharpness * c.linear for c in cs]) for cs in cands]
        evidence = _Evidence.collect(cands, probs, groups)
        evidence.apply(cands, groups, spots, static, w)
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


# ---------------------------------------------------------------------- candidates


def candidates_for(mention: Mention, geocoder: Geocoder) -> list[GazetteerEntry]:
    """The geocoder's places for a mention's name, falling back to shorter forms."""
    queries = [mention.name]
    head, _, _ = mention.name.partition(",")
    if head != mention.name:
        queries.append(head)
    words = mention.name.split()
    ptype = lexicon().place_types.get(words[-1].lower()) if len(words) > 1 else None
    if ptype is not None and ptype.in_span:
        if not ptype.head_lookup:
            return _geocode(geocoder, mention.name)  # "Main Street" is not "Main"
        queries.append(" ".join(words[:-1]))  # "Laurel County" -> "Laurel"
    for q in queries:
        found = _geocode(geocoder, q)
        if found:
            return found
    return []


def _geocode(geocoder: Geocoder, query: str) -> list[GazetteerEntry]:
    cache = _CACHES.setdefault(geocoder, {})
    key = normalize(query)
    if key not in cache:
        if len(cache) > 50_000:
            cache.clear()
        found = geocoder.geocode(query, exactly_one=False) or []
        name = _geocoder_name(geocoder)
        cache[key] = [_entry_from_location(loc, name) for loc in found]
    return cache[key]


def _entry_from_location(loc: Location, source: str) -> GazetteerEntry:
    """The gazetteer's own entry when ``raw`` carries one, else a generic conversion."""
    raw = loc.raw if isinstance(loc.raw, dict) else {}
    if {"id", "name", "lat", "lon", "feature_type"} <= raw.keys():
        data = {k: v for k, v in raw.items() if k in _ENTRY_FIELDS}
        if data.get("bbox") is not None:
            data["bbox"] = tuple(data["bbox"])
        return GazetteerEntry(**data)
    ident = raw.get("place_id") or raw.get("osm_id") or raw.get("id")
    ident = ident or f"{loc.latitude:.5f},{loc.longitude:.5f}"
    kind = str(raw.get("addresstype") or raw.get("type") or raw.get("class") or "").lower()
    feature_type = {
        "country": "country", "state": "admin1", "province": "admin1", "region": "admin1",
        "city": "city", "town": "city", "village": "city", "hamlet": "city",
        "island": "island", "sea": "sea", "lake": "lake", "river": "river",
        "airport": "airport", "aerodrome": "airport",
    }.get(kind, "city")  # fmt: skip
    population = raw.get("population") or (raw.get("extratags") or {}).get("population") or 0
    try:
        population = int(population)
    except (TypeError, ValueError):
        population = 0
    return GazetteerEntry(
        id=f"{source}:{ident}",
        name=str(loc.address).split(",")[0],
        lat=float(loc.latitude),
        lon=float(loc.longitude),
        feature_type=feature_type,
        population=population,
        source=source,
    )


def _geocoder_name(geocoder: Geocoder) -> str:
    name = type(geocoder).__name__
    return "gazetteer" if name == "GazetteerGeocoder" else name.lower()


# ---------------------------------------------------------------------- features


def _prior_features(m: Mention, e: GazetteerEntry, rank: int) -> dict[str, float]:
    ftype = e.feature_type
    code = e.feature_code or ""
    f = {
        "rank": 1.0 / (1.0 + rank),
        # countries and regions carry no population in every source: count them as large
        "population": 1.0
        if (ftype in ("country", "admin1") or code in _LARGE_CODES) and not e.population
        else min(1.0, math.log10(e.population + 1) / 7.0),
        "is_country": float(ftype == "country"),
        "is_admin1": float(ftype == "admin1"),
        "is_capital": float(code == "PPLC"),
        "is_admin_seat": float(code in _CITY_CODES_SEAT),
        "is_city": float(ftype == "city"),
        "is_other_type": float(ftype in _OTHER_TYPES),
        "name_exact": float(normalize(e.name) == normalize(m.name)),
        "demonym_country": float(m.demonym and ftype == "country"),
        "qualifier_fit": 0.0,
        "container": 0.0,
    }
    if m.qualifier:
        wanted = _qualifier_types(m.qualifier)
        if wanted:
            f["qualifier_fit"] = 1.0 if ftype in wanted else -1.0
    return f


def _name_features(n_candidates: int) -> dict[str, float]:
    """How distinctive the mention's name is (the scoring module's MENTION_FEATURES)."""
    return {"sole_candidate": float(n_candidates == 1)}


def _mark_capital_namesakes(cands: list[Candidate]) -> None:
    """Flag regions named after their own main city ("Kharkiv", "Belgorod"): written
    without "region" the name usually means the city."""
    cities = {
        (c.entry.country_code, normalize(c.entry.admin1 or ""))
        for c in cands
        if c.entry.feature_type == "city" and c.entry.population >= 100_000
    }
    regions = {
        (c.entry.country_code, normalize(c.entry.name))
        for c in cands
        if c.entry.feature_type == "admin1"
    }
    for c in cands:
        e = c.entry
        key = (e.country_code, normalize(e.admin1 or ""))
        named_after = e.feature_type == "admin1" and (e.country_code, normalize(e.name)) in cities
        c.features["region_named_after_city"] = float(named_after)
        c.features["city_names_its_region"] = float(
            e.feature_type == "city"
            and key in regions
            and key in cities
            and e.population >= 100_000
        )


def _qualifier_types(qualifier: str) -> tuple[str, ...]:
    words = qualifier.lower().split()
    types: list[str] = []
    ptypes = lexicon().place_types
    for word in words:
        if word in ptypes:
            types.extend(ptypes[word].feature_types)
        types.extend(_QUALIFIER_EXTRA.get(word, ()))
    return tuple(types)


def _containers(text: str, mentions: Sequence[Mention]) -> dict[int, int]:
    """Mention index -> index of the mention written right after it, after a comma."""
    out = {}
    for k in range(len(mentions) - 1):
        a, b = mentions[k], mentions[k + 1]
        if b.start - a.end <= 3 and _COMMA.match(text[a.end : b.start]):
            out[k] = k + 1
    return out


def _add_container(inner: list[Candidate], outer: list[Candidate]) -> None:
    """Mark the inner candidates that lie in one of the outer mention's candidates."""
    regions = {(e.country_code, normalize(e.admin1 or e.name)) for e in (c.entry for c in outer)
               if e.feature_type == "admin1"}  # fmt: skip
    countries = {c.entry.country_code for c in outer if c.entry.feature_type == "country"}
    for c in inner:
        e = c.entry
        if (e.country_code, normalize(e.admin1 or "")) in regions and e.feature_type != "admin1":
            c.features["container"] = 1.0
        elif e.country_code in countries and e.feature_type != "country":
            c.features["container"] = 0.7


# ---------------------------------------------------------------------- context


_CONTEXT = ("context_country", "context_admin1", "context_near", "context_local")
_LOCAL_KM = 25.0
_MIN_POINT_P = 0.005
"""A candidate less likely than this is no evidence of where the article is."""


def _region(e: GazetteerEntry) -> tuple[str, str] | None:
    if e.feature_type != "country" and e.admin1 and e.country_code:
        return (e.country_code, normalize(e.admin1))
    return None


@dataclass(frozen=True, slots=True)
class _Spots:
    """Every candidate's point (radians) and name group, flattened for vectorised distances."""

    lat: np.ndarray
    lon: np.ndarray
    group: np.ndarray
    local: np.ndarray
    """False for countries and regions: nearness means nothing for them."""

    @classmethod
    def of(cls, cands: list[list[Candidate]], groups: list[str]) -> _Spots:
        flat = [(c.entry, g) for cs, g in zip(cands, groups, strict=True) for c in cs]
        ids = {g: k for k, g in enumerate(dict.fromkeys(groups))}
        return cls(
            np.radians(np.array([e.lat for e, _ in flat], dtype=float)),
            np.radians(np.array([e.lon for e, _ in flat], dtype=float)),
            np.array([ids[g] for _, g in flat], dtype=int),
            np.array([e.feature_type not in ("country", "admin1") for e, _ in flat], dtype=bool),
        )


@dataclass(slots=True)
class _Evidence:
    """Where the article's mentions (as candidate distributions) point, per name group."""

    country: dict[str, dict[str, float]]
    admin1: dict[tuple[str, str], dict[str, float]]
    points: dict[str, list[tuple[float, float, float]]]
    """Per group, its likely candidates' (lat, lon, probability), for places, not areas."""
    n_groups: int

    @classmethod
    def collect(
        cls, cands: list[list[Candidate]], probs: list[list[float]], groups: list[str]
    ) -> _Evidence:
        country: dict[str, dict[str, float]] = defaultdict(dict)
        admin1: dict[tuple[str, str], dict[str, float]] = defaultdict(dict)
        points: dict[str, list[tuple[float, float, float]]] = {}
        seen: set[str] = set()
        for cs, ps, g in zip(cands, probs, groups, strict=True):
            if g in seen or not cs:
                continue
            seen.add(g)
            for c, p in zip(cs, ps, strict=True):
                e = c.entry
                if e.country_code:
                    by_group = country[e.country_code]
                    by_group[g] = by_group.get(g, 0.0) + p
                if c.region is not None:
                    by_group = admin1[c.region]
                    by_group[g] = by_group.get(g, 0.0) + p
            points[g] = [
                (c.entry.lat, c.entry.lon, p)
                for c, p in zip(cs, ps, strict=True)
                if p >= _MIN_POINT_P and c.entry.feature_type not in ("country", "admin1")
            ]
        return cls(country, admin1, points, len(seen))

    def apply(
        self,
        cands: list[list[Candidate]],
        groups: list[str],
        spots: _Spots,
        static: list[list[float]],
        w: Weights,
    ) -> None:
        """Set every candidate's context features and its linear score from them."""
        wc, wa, wn, wl = (w.weights.get(n, 0.0) for n in _CONTEXT)
        others = max(1, self.n_groups - 1)
        country_total = {k: sum(v.values()) for k, v in self.country.items()}
        admin1_total = {k: sum(v.values()) for k, v in self.admin1.items()}
        near_all, local_all = self._near(groups, spots)
        near, local = iter(near_all.tolist()), iter(local_all.tolist())
        for cs, base, g in zip(cands, static, groups, strict=True):
            for c, b in zip(cs, base, strict=True):
                e = c.entry
                fc = fa = 0.0
                if e.country_code in country_total:
                    own = self.country[e.country_code].get(g, 0.0)
                    fc = min(1.0, (country_total[e.country_code] - own) / others)
                if c.region is not None and c.region in admin1_total:
                    own = self.admin1[c.region].get(g, 0.0)
                    fa = min(1.0, (admin1_total[c.region] - own) / others)
                fn, fl = next(near), next(local)
                f = c.features
                f["context_country"], f["context_admin1"] = fc, fa
                f["context_near"], f["context_local"] = fn, fl
                c.linear = b + wc * fc + wa * fa + wn * fn + wl * fl

    def _near(self, groups: list[str], spots: _Spots) -> tuple[np.ndarray, np.ndarray]:
        """Per candidate, the best p * (1 - log(1 + km) / log(half the earth)) over the
        other groups' top places, and the best p * exp(-km / 25): a town beside its county
        ("Huntsville" and "Walker County") rather than merely in the same part of a country.

        Only the names first mentioned within ``CONTEXT_WINDOW`` names of a candidate's own
        count: a news article names far fewer (LGL's and TR-News's at most 33), so for it
        this is every name, while a long text costs time linear in its length instead of
        the square of its number of names, and a place named half a book away is no
        evidence anyway.
        """
        n = len(spots.lat)
        best, closest = np.zeros(n), np.zeros(n)
        ids = {g: k for k, g in enumerate(dict.fromkeys(groups))}
        pts = [(g, p) for g, ps in self.points.items() for p in ps]
        if not pts or not n:
            return best, closest
        pgroup = np.array([ids[g] for g, _ in pts])
        order = np.argsort(pgroup, kind="stable")
        pgroup = pgroup[order]
        plat = np.radians(np.array([p[0] for _, p in pts]))[order]
        plon = np.radians(np.array([p[1] for _, p in pts]))[order]
        prob = np.array([p[2] for _, p in pts])[order]
        spot_order = np.argsort(spots.group, kind="stable")
        spot_groups = spots.group[spot_order]
        for first in range(0, len(ids), CONTEXT_WINDOW):
            last = first + CONTEXT_WINDOW
            s0, s1 = np.searchsorted(spot_groups, [first, last])
            p0, p1 = np.searchsorted(pgroup, [first - CONTEXT_WINDOW, last + CONTEXT_WINDOW])
            if s0 == s1 or p0 == p1:
                continue
            rows = spot_order[s0:s1]
            b, c = _near_block(
                spots.lat[rows], spots.lon[rows], spots.group[rows],
                plat[p0:p1], plon[p0:p1], prob[p0:p1], pgroup[p0:p1],
            )  # fmt: skip
            best[rows], closest[rows] = b, c
        best[~spots.local] = 0.0
        closest[~spots.local] = 0.0
        return best, closest


CONTEXT_WINDOW = 100
"""Names (in order of first mention) on each side of a name whose places are its context."""


def _near_block(
    lat: np.ndarray, lon: np.ndarray, group: np.ndarray,
    plat: np.ndarray, plon: np.ndarray, prob: np.ndarray, pgroup: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
    """:meth:`_Evidence._near` for some candidates against the points in their window."""
    dlat = plat[None, :] - lat[:, None]
    dlon = plon[None, :] - lon[:, None]
    a = np.sin(dlat / 2) ** 2 + np.cos(lat)[:, None] * np.cos(plat)[None, :] * np.sin(dlon / 2) ** 2
    km = 2 * _EARTH_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))
    apart = np.abs(group[:, None] - pgroup[None, :])
    ignored = (apart == 0) | (apart > CONTEXT_WINDOW)
    val = prob[None, :] * (1.0 - np.log1p(km) / _LOG_HALF_EARTH)
    val[ignored] = 0.0
    best = np.maximum(val.max(axis=1), 0.0)
    # the square root: a less likely reading of another name still vouches for a
    # place right beside it (both of "Huntsville" and "Walker County" in Texas)
    close = np.sqrt(prob)[None, :] * np.exp(-km / _LOCAL_KM)
    close[ignored] = 0.0
    return best, close.max(axis=1)


def _group_keys(mentions: Sequence[Mention]) -> list[str]:
    return [normalize(m.name) for m in mentions]


def _softmax(xs: list[float]) -> list[float]:
    if not xs:
        return []
    top = max(xs)
    exps = [math.exp(x - top) for x in xs]
    total = sum(exps)
    return [x / total for x in exps]
