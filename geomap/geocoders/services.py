"""Any geopy geocoder by name, configured from options, environment and config file.

``build_geocoder("nominatim")`` gives geopy's Nominatim behind geomap's cache, rate
limit and retries, with the offline gazetteer as fallback; ``"hybrid"`` (or
``"hybrid:photon"``) asks the service only where the gazetteer is unsure;
``"gazetteer"`` is the offline gazetteer alone. Options are checked against the
service's own ``__init__`` and ``geocode`` parameters and geomap's
:class:`~geomap.geocoders.polite.Policy`, so a typo is an error, not a silent no-op.
"""

from __future__ import annotations

import dataclasses
import inspect
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from geopy.exc import ConfigurationError, GeocoderNotFound
from geopy.geocoders import get_geocoder_for_service
from geopy.geocoders.base import Geocoder

from geomap import __version__
from geomap.errors import GeomapError
from geomap.gazetteer.geocoder import GazetteerGeocoder
from geomap.gazetteer.index import GazetteerIndex
from geomap.geocoders.cache import AnswerCache
from geomap.geocoders.config import (
    config_path,
    env_options,
    load_config,
    parse_option,
    service_config,
)
from geomap.geocoders.http import BoundedAdapter
from geomap.geocoders.hybrid import HybridGeocoder
from geomap.geocoders.polite import POLICIES, Policy, ServiceGeocoder, first_line, option_problem

__all__ = [
    "DEFAULT_USER_AGENT",
    "OFFLINE_NAMES",
    "build_geocoder",
    "build_service",
    "parse_options",
]

DEFAULT_USER_AGENT = f"geomap/{__version__}"
OFFLINE_NAMES = frozenset({"gazetteer", "offline"})
HYBRID_KEYS = frozenset({"online", "confident_score"})
# What resolution needs in each answer: country codes, regions, types, populations.
_QUERY_DEFAULTS: dict[str, dict[str, Any]] = {
    "nominatim": {"addressdetails": True, "extratags": True, "limit": 10},
    "photon": {"limit": 10},
}
_NOT_OPTIONS = frozenset({"self", "query", "exactly_one", "timeout", "adapter_factory"})


def build_geocoder(
    spec: str,
    options: Mapping[str, Any] | Iterable[str] = (),
    *,
    index: GazetteerIndex | None = None,
    cache: AnswerCache | bool = True,
    config: Mapping[str, Any] | None = None,
    notify: Callable[[str], None] | None = None,
) -> Geocoder:
    """The geocoder ``--geocoder SPEC`` names, with ``--geocoder-option`` ``options``.

    :param spec: ``gazetteer``, ``hybrid``, ``hybrid:SERVICE`` or any geopy service
        name (``nominatim``, ``photon``, ``arcgis``, ``googlev3``, ``opencage``...).
    :param options: ``{"key": value}`` or ``["key=value", ...]``; they override
        ``GEOMAP_<SERVICE>_<KEY>`` variables, which override the config file.
    :param index: The gazetteer index to share with recognition.
    :param cache: The answer cache, True for the default one, False for none.
    :param config: The parsed config file; default :func:`load_config`.
    :param notify: Told once when the service becomes unreachable (default: stderr).
    """
    opts = parse_options(options)
    name = spec.strip().lower()
    offline = GazetteerGeocoder(index=index)
    if name in OFFLINE_NAMES:
        if opts:
            raise GeomapError("the offline gazetteer takes no geocoder options")
        return offline
    config = load_config() if config is None else config
    mode = "online"
    hybrid: dict[str, Any] = {}
    if name == "hybrid" or name.startswith("hybrid:"):
        mode = "hybrid"
        hybrid = (
            {k: v for k, v in service_config("hybrid", config).items() if k in HYBRID_KEYS}
            | env_options("hybrid", HYBRID_KEYS)
            | {k: opts.pop(k) for k in list(opts) if k in HYBRID_KEYS}
        )
        name = name.partition(":")[2] or str(hybrid.get("online") or "nominatim").lower()
        if name in OFFLINE_NAMES or name == "hybrid":
            raise GeomapError(f"hybrid needs an online service, not {name!r}")
    service = build_service(name, opts, cache=cache, config=config)
    confident = hybrid.get("confident_score", 0.6)
    if problem := option_problem("confident_score", confident):
        raise GeomapError(f"hybrid: {problem}")
    return HybridGeocoder(
        service, offline=offline, mode=mode, confident_score=confident, notify=notify
    )


def build_service(
    name: str,
    options: Mapping[str, Any] | None = None,
    *,
    cache: AnswerCache | bool = True,
    config: Mapping[str, Any] | None = None,
) -> ServiceGeocoder:
    """geopy's geocoder for service ``name``, behind the cache, rate limit and retries."""
    try:
        cls = get_geocoder_for_service(name)
    except GeocoderNotFound:
        raise GeomapError(
            f"unknown geocoder {name!r}: use gazetteer, hybrid, hybrid:SERVICE or a geopy"
            " service (nominatim, photon, arcgis, googlev3, opencage, pelias, ...)"
        ) from None
    init_params = _params(cls.__init__)
    query_params = _params(cls.geocode)
    policy_keys = Policy.fields()
    known = set(init_params) | set(query_params) | policy_keys
    config = load_config() if config is None else config
    from_file = service_config(name, config)
    if "user_agent" not in init_params:
        from_file.pop("user_agent", None)
    from_env = env_options(name, known)
    merged = from_file | from_env | dict(options or {})
    unknown = sorted(set(merged) - known)
    if unknown:
        raise GeomapError(
            f"{name} has no option {unknown[0]!r}; it takes: {', '.join(sorted(known))}"
        )
    for key in sorted(policy_keys & merged.keys()):
        if problem := option_problem(key, merged[key]):
            where = (
                "--geocoder-option" if key in (options or {})
                else f"GEOMAP_{name.upper()}_{key.upper()}" if key in from_env
                else str(config_path())
            )  # fmt: skip
            raise GeomapError(f"{name}: {problem} (from {where})")
    policy = dataclasses.replace(
        POLICIES.get(name, Policy()), **{k: merged[k] for k in policy_keys & merged.keys()}
    )
    init = {k: merged[k] for k in init_params if k in merged}
    if "user_agent" in init_params:
        init.setdefault("user_agent", DEFAULT_USER_AGENT)
    if "timeout" in init_params:
        init["timeout"] = policy.timeout
    if "adapter_factory" in inspect.signature(cls.__init__).parameters:
        init["adapter_factory"] = BoundedAdapter  # a total deadline, bounded answers
    missing = [k for k, p in init_params.items() if p.default is p.empty and k not in init]
    if missing:
        raise GeomapError(
            f"{name} needs {missing[0]}: pass --geocoder-option {missing[0]}=..., set "
            f"GEOMAP_{name.upper()}_{missing[0].upper()} or [geocoders.{name}] "
            f"{missing[0]} in {config_path()}"
        )
    try:
        service = cls(**init)
    except (ConfigurationError, TypeError, ValueError) as e:
        raise GeomapError(f"{name}: {first_line(e)}") from None
    query = {k: v for k, v in _QUERY_DEFAULTS.get(name, {}).items() if k in query_params}
    query |= {k: merged[k] for k in query_params if k in merged}
    if cache is True and policy.cache:
        answers: AnswerCache | None = AnswerCache(expire_days=policy.expire_days)
    else:
        answers = cache or None
    return ServiceGeocoder(service, name=name, policy=policy, cache=answers, query_options=query)


def parse_options(options: Mapping[str, Any] | Iterable[str]) -> dict[str, Any]:
    if isinstance(options, Mapping):
        return dict(options)
    return dict(parse_option(text) for text in options)


def _params(func: Callable[..., Any]) -> dict[str, inspect.Parameter]:
    return {
        k: p
        for k, p in inspect.signature(func).parameters.items()
        if k not in _NOT_OPTIONS and p.kind not in (p.VAR_KEYWORD, p.VAR_POSITIONAL)
    }
