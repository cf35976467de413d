"""Fixtures for tests that need the real gazetteer index, built once per test session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from geomap.gazetteer.index import GazetteerIndex

__all__ = ["gazetteer_cache", "gazetteer_index"]


@pytest.fixture(scope="session")
def gazetteer_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache directory holding the full index (cities500), private to this session."""
    cache = tmp_path_factory.mktemp("geomap-cache")
    GazetteerIndex.open(cache, progress=False).close()
    return cache


@pytest.fixture(scope="session")
def gazetteer_index(gazetteer_cache: Path) -> Iterator[GazetteerIndex]:
    index = GazetteerIndex.open(gazetteer_cache, progress=False)
    yield index
    index.close()
