"""Session-wide setup: one private gazetteer cache shared by every test and subprocess."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from geomap.gazetteer.index import CACHE_ENV

pytest_plugins = ["gazetteer_fixtures"]


@pytest.fixture(scope="session", autouse=True)
def geomap_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The index is built once per session here, never in the user's own cache."""
    path = tmp_path_factory.mktemp("geomap-cache")
    before = os.environ.get(CACHE_ENV)
    os.environ[CACHE_ENV] = str(path)
    yield path
    if before is None:
        os.environ.pop(CACHE_ENV, None)
    else:
        os.environ[CACHE_ENV] = before
