"""Asking an online geocoder politely: cache first, then rate limit, retries, the service.

:class:`ServiceGeocoder` wraps any geopy geocoder. A cached answer costs no request;
otherwise the request waits for its slot in the service's rate limit (geopy's
``RateLimiter``, shared by every wrapper of the same endpoint), and 429s, 5xx answers,
timeouts, dropped connections and garbled answers are retried with exponential
backoff (honouring ``Retry-After``). A service that refuses (bad key, quota, no
rights) stops the run with one line; one that stays unreachable raises
:class:`ServiceUnreachable`, which callers can fall back from.
"""

from __future__ import annotations

import dataclasses
import math
import threading
import time
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from geopy.exc import (
    GeocoderAuthenticationFailure,
    GeocoderInsufficientPrivileges,
    GeocoderParseError,
    GeocoderQuotaExceeded,
    GeocoderRateLimited,
    GeocoderServiceError,
    GeocoderTimedOut,
    GeocoderUnavailable,
)
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders.base import DEFAULT_SENTINEL, Geocoder
from geopy.location import Location

from geomap.errors import GeomapError
from geomap.geocoders.cache import AnswerCache
from geomap.geocoders.http import BoundedAdapter, UnusableAnswer, answers_received

__all__ = [
    "GEOCODER_KEY",
    "POLICIES",
    "Policy",
    "ServiceGeocoder",
    "ServiceUnreachable",
    "UnusableAnswer",
    "option_problem",
]

# geopy warns before it refuses a latitude beyond 90 degrees; the refusal is reported
# (the answer is ignored), so the warning would only be a second, noisier line.
warnings.filterwarnings("ignore", message="Latitude normalization", module="geopy")

GEOCODER_KEY = "geomap_geocoder"
"""Key added to each ``Location.raw``: the name of the geocoder that answered."""


@dataclass(frozen=True, slots=True)
class Policy:
    """How hard geomap may ask a service."""

    min_delay_seconds: float = 0.2
    """At least this long between two requests (1.0 is 1 request per second)."""
    timeout: float = 10.0
    """Seconds to wait for one answer."""
    max_retries: int = 3
    """Further tries after a 429, a 5xx, a timeout or a dropped connection."""
    backoff_seconds: float = 1.0
    """Wait before the first retry; doubled for each further one."""
    max_backoff_seconds: float = 60.0
    cache: bool = True
    """Keep answers in the persistent cache."""
    expire_days: float = 30.0
    """Ask again after this many days."""

    def __post_init__(self) -> None:
        for field in dataclasses.fields(self):
            if problem := option_problem(field.name, getattr(self, field.name)):
                raise ValueError(problem)

    @classmethod
    def fields(cls) -> frozenset[str]:
        return frozenset(f.name for f in dataclasses.fields(cls))


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


_LIMITS: dict[str, tuple[Callable[[Any], bool], str]] = {
    # A timeout of 0 or less made requests wait for minutes; retries = 100000 was obeyed.
    "timeout": (lambda v: _number(v) and 0 < v <= 300, "a number of seconds above 0, at most 300"),
    "min_delay_seconds": (lambda v: _number(v) and 0 <= v <= 60, "a number of seconds, 0 to 60"),
    "max_retries": (
        lambda v: isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= 10,
        "a whole number from 0 to 10",
    ),
    "backoff_seconds": (lambda v: _number(v) and 0 <= v <= 60, "a number of seconds, 0 to 60"),
    "max_backoff_seconds": (
        lambda v: _number(v) and 0 <= v <= 600,
        "a number of seconds, 0 to 600",
    ),
    "cache": (lambda v: isinstance(v, bool), "true or false"),
    "expire_days": (lambda v: _number(v) and 0 <= v <= 3650, "a number of days, 0 to 3650"),
    "confident_score": (lambda v: _number(v) and 0 <= v <= 1, "a number from 0 to 1"),
}


def option_problem(key: str, value: Any) -> str | None:
    """Why ``value`` cannot be geomap's option ``key`` (a Policy field or the hybrid
    geocoder's ``confident_score``), or None when it can (or is a service's own option)."""
    if key not in _LIMITS:
        return None
    valid, expected = _LIMITS[key]
    return None if valid(value) else f"{key} must be {expected}, not {value!r}"


POLICIES: dict[str, Policy] = {
    # https://operations.osmfoundation.org/policies/nominatim/: at most 1 request per second
    "nominatim": Policy(min_delay_seconds=1.0),
    # photon.komoot.io asks for fair use without a hard figure
    "photon": Policy(min_delay_seconds=0.5),
}


class ServiceUnreachable(GeocoderUnavailable):
    """The service did not give a usable answer after every retry."""


_MALFORMED = (AttributeError, IndexError, KeyError, TypeError, ValueError, RecursionError)
"""What geopy's parsers raise on answers of the wrong shape (they trust the service)."""


_RETRYABLE = (GeocoderRateLimited, GeocoderTimedOut, GeocoderUnavailable, GeocoderParseError)
_REFUSED = {
    GeocoderAuthenticationFailure: "authentication failed (is the API key right?)",
    GeocoderInsufficientPrivileges: "this key or account may not use it",
    GeocoderQuotaExceeded: "the quota is used up",
}
_LIMITERS: dict[tuple[str, str], RateLimiter] = {}
_LIMITERS_LOCK = threading.Lock()


class ServiceGeocoder(Geocoder):
    """Any geopy geocoder behind a cache, its rate limit, retries and clear errors.

    ``Location.raw`` of every answer gains ``geomap_geocoder``: this wrapper's ``name``.
    """

    def __init__(
        self,
        service: Geocoder,
        *,
        name: str,
        policy: Policy | None = None,
        cache: AnswerCache | None = None,
        query_options: Mapping[str, Any] | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        """

        :param service: The geopy geocoder that sends the requests.
        :param name: Its service name (``nominatim``, ``photon``, ``googlev3``...).
        :param policy: Rate, timeout and retries; default ``POLICIES[name]``.
        :param cache: Where answers are kept; None for no persistent cache.
        :param query_options: Extra keyword arguments for every ``geocode`` call
            (``addressdetails=True``, ``language="en"``...).
        """
        super().__init__(user_agent=service.headers.get("User-Agent"))
        self.service = service
        self.name = name
        self.policy = policy or POLICIES.get(name, Policy())
        self.cache = cache if self.policy.cache else None
        self.query_options = dict(query_options or {})
        self.endpoint = str(getattr(service, "api", None) or getattr(service, "domain", ""))
        self._sleep = sleep
        self._limiter = _limiter(name, self.endpoint, self.policy.min_delay_seconds)

    def geocode(
        self,
        query: Any,
        *,
        exactly_one: bool = True,
        timeout: Any = DEFAULT_SENTINEL,
        **options: Any,
    ) -> Location | list[Location] | None:
        """The service's answer to ``query``; extra options go to the service's ``geocode``."""
        params = self.query_options | options | {"exactly_one": exactly_one}
        return self._answer("geocode", query, params, timeout, exactly_one)

    def reverse(
        self,
        query: Any,
        *,
        exactly_one: bool = True,
        timeout: Any = DEFAULT_SENTINEL,
        **options: Any,
    ) -> Location | list[Location] | None:
        params = dict(options) | {"exactly_one": exactly_one}
        key = query if isinstance(query, str) else [float(x) for x in tuple(query)[:2]]
        return self._answer("reverse", key, params, timeout, exactly_one)

    # ------------------------------------------------------------------ internals

    def _answer(
        self, method: str, query: Any, params: dict[str, Any], timeout: Any, exactly_one: bool
    ) -> Location | list[Location] | None:
        cache_params = params | {"method": method, "endpoint": self.endpoint}
        found = self.cache.get(self.name, query, cache_params) if self.cache else None
        if found is None:
            found = self._ask(method, query, params, timeout)
            for loc in found:
                if isinstance(loc.raw, dict):
                    loc.raw[GEOCODER_KEY] = self.name
            if self.cache is not None:
                self.cache.put(self.name, query, cache_params, found)
        if exactly_one:
            return found[0] if found else None
        return found

    def _ask(self, method: str, query: Any, params: dict[str, Any], timeout: Any) -> list[Location]:
        call = getattr(self.service, method)
        timeout = self.policy.timeout if timeout is DEFAULT_SENTINEL else timeout
        wait = self.policy.backoff_seconds
        for attempt in range(self.policy.max_retries + 1):
            received = answers_received()
            try:
                answer = self._limiter(call, query, timeout=timeout, **params)
            except UnusableAnswer:
                raise
            except _MALFORMED as e:
                if self._asked_nothing(received):  # the request itself could not be made
                    raise GeomapError(
                        f"{self.name} cannot be asked for {query!r}: {first_line(e)}"
                        " (check its options)"
                    ) from None
                raise UnusableAnswer(
                    f"data of the wrong shape ({type(e).__name__}: {first_line(e)})"
                ) from None
            except _RETRYABLE as e:
                error: GeocoderServiceError = e
            except GeocoderServiceError as e:
                if refusal := _refusal(e):
                    raise GeomapError(
                        f"{self.name} refused the request: {refusal}: {first_line(e)}"
                        f" (set its options in the geomap config file or GEOMAP_"
                        f"{self.name.upper()}_API_KEY)"
                    ) from None
                if type(e) is not GeocoderServiceError:
                    raise  # a query the service cannot take (400): not worth retrying
                error = e  # 500 and other server errors
            else:
                if answer is None:
                    return []
                return list(answer) if isinstance(answer, list) else [answer]
            if attempt == self.policy.max_retries:
                raise ServiceUnreachable(
                    f"{self.name} gave no usable answer after {attempt + 1} tries:"
                    f" {first_line(error)}"
                ) from error
            retry_after = getattr(error, "retry_after", None) or 0.0
            self._sleep(min(max(wait, float(retry_after)), self.policy.max_backoff_seconds))
            wait *= 2
        raise AssertionError("unreachable")  # pragma: no cover

    def _asked_nothing(self, received: int) -> bool:
        """Whether no answer arrived since ``received`` (only our adapter can tell)."""
        adapter = getattr(self.service, "adapter", None)
        return isinstance(adapter, BoundedAdapter) and answers_received() == received


def _limiter(name: str, endpoint: str, min_delay: float) -> RateLimiter:
    """One limiter per endpoint and rate, so every wrapper of a service shares its slots."""
    with _LIMITERS_LOCK:
        key = (name, f"{endpoint}|{min_delay}")
        if key not in _LIMITERS:
            _LIMITERS[key] = RateLimiter(
                _call,
                min_delay_seconds=min_delay,
                max_retries=0,
                error_wait_seconds=min_delay,
                swallow_exceptions=False,
            )
        return _LIMITERS[key]


def _call(func: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    return func(*args, **kwargs)


def _refusal(error: GeocoderServiceError) -> str | None:
    # GeocoderRateLimited, a GeocoderQuotaExceeded, never comes here: it is retried
    for cls, reason in _REFUSED.items():
        if isinstance(error, cls):
            return reason
    return None


def first_line(error: BaseException) -> str:
    """The first line of an error's message, or its class name when it has none."""
    text = str(error).strip().splitlines()
    return text[0] if text else type(error).__name__
