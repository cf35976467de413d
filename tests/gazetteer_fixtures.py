"""Fixtures for tests that need the real gazetteer index, built once per test session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from geomap.gazetteer.geocoder import GazetteerGeocoder
from geomap.gazetteer.index import GazetteerIndex
from geomap.geoparse import geoparse
from geomap.records import Article, Resolution

__all__ = ["gazetteer_cache", "gazetteer_index", "parse", "resolved"]


@pytest.fixture(scope="session")
def gazetteer_cache(geomap_cache: Path) -> Path:
    """The session's private cache directory (conftest.py), with the full index built."""
    GazetteerIndex.open(geomap_cache, progress=False).close()
    return geomap_cache


@pytest.fixture(scope="session")
def gazetteer_index(gazetteer_cache: Path) -> Iterator[GazetteerIndex]:
    index = GazetteerIndex.open(gazetteer_cache, progress=False)
    yield index
    index.close()


@pytest.fixture(scope="session")
def parse(gazetteer_index: GazetteerIndex):
    """Geoparse a text written for a test with the session's index, optionally on given
    ``spans``: every mention's resolution, in order."""
    geocoder = GazetteerGeocoder(index=gazetteer_index)

    def run(text: str, spans: list[tuple[int, int]] | None = None) -> list[Resolution]:
        return geoparse(Article(id="t", text=text), index=gazetteer_index, geocoder=geocoder,
                        spans=spans)  # fmt: skip

    return run


@pytest.fixture(scope="session")
def resolved(parse):
    """Geoparse a text written for a test: each mention's resolution by its text (the
    first, where a name repeats), optionally on given ``spans``."""

    def run(text: str, spans: list[tuple[int, int]] | None = None) -> dict[str, Resolution]:
        found: dict[str, Resolution] = {}
        for r in parse(text, spans):
            found.setdefault(r.mention.text, r)
        return found

    return run
