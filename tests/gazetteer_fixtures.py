"""Fixtures for tests that need the real gazetteer index, built once per test session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from geomap.gazetteer.index import GazetteerIndex

__all__ = ["gazetteer_cache", "gazetteer_index"]


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
