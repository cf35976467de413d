"""Online geocoders through geopy: any service by name, polite, cached, falling back offline.

``build_geocoder(name, options)`` is the one entry point; the result is a geopy
``Geocoder`` that :func:`geomap.pipeline.run` and :func:`geomap.geoparse.geoparse`
accept like the offline gazetteer.
"""

from __future__ import annotations

from geomap.geocoders.cache import AnswerCache
from geomap.geocoders.entries import entry_from_location
from geomap.geocoders.http import MAX_ANSWER_BYTES, BoundedAdapter, UnusableAnswer
from geomap.geocoders.hybrid import HybridGeocoder
from geomap.geocoders.polite import POLICIES, Policy, ServiceGeocoder, ServiceUnreachable
from geomap.geocoders.services import build_geocoder, build_service

__all__ = [
    "MAX_ANSWER_BYTES",
    "POLICIES",
    "AnswerCache",
    "BoundedAdapter",
    "HybridGeocoder",
    "Policy",
    "ServiceGeocoder",
    "ServiceUnreachable",
    "UnusableAnswer",
    "build_geocoder",
    "build_service",
    "entry_from_location",
]
