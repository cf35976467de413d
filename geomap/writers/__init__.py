"""Every output format geomap writes, in one registry: a new format is one module here.

A writer module (any module of this package whose name does not start with ``_``)
names its format by its module name and defines ``SUFFIX`` (the file name ending),
``ABOUT`` (one line for ``--help``) and ``write(layers, path) -> Path``.  ``geomap
map`` and ``geomap export`` both go through :func:`get_writer`, so a format added
here is offered by both, with the same checks and the same file rules (written
atomically, mode 0666 less the umask, ``-`` for standard output where the format
is one file).

:class:`Layers` is what every writer gets: the places, areas and incidents of one
article (``geomap map``) or of a collection (``geomap export``), and the
collection's articles when there are any.
"""

from __future__ import annotations

import functools
import importlib
import os
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import geopandas as gpd
    import pandas as pd

    from geomap.collection.store import Store
    from geomap.pipeline import MapData
    from geomap.records import Article

__all__ = ["Layers", "Writer", "format_names", "get_writer"]


@dataclass(frozen=True, slots=True)
class Layers:
    """What a writer writes. Frames are enrichment's (or a collection's merged ones):
    WGS 84, any may be empty."""

    name: str
    """The document's name (a KML document, a collection's title)."""
    places: gpd.GeoDataFrame
    areas: gpd.GeoDataFrame
    incidents: gpd.GeoDataFrame
    articles: pd.DataFrame | None = None
    """A collection's articles (no text); None for one article."""

    @property
    def is_collection(self) -> bool:
        """Whether the frames carry a collection's own columns (``sources``,
        ``n_sources``, ``articles``)."""
        return self.articles is not None

    @classmethod
    def of_collection(cls, collection: Store) -> Layers:
        return cls(
            name=collection.name,
            places=collection.frame("places"),
            areas=collection.frame("areas"),
            incidents=collection.frame("incidents"),
            articles=collection.articles(),
        )

    @classmethod
    def of_article(cls, result: MapData, article: Article) -> Layers:
        return cls(
            name=article.title or article.id,
            places=result.places_frame,
            areas=result.areas_frame,
            incidents=result.incidents_frame,
        )


@dataclass(frozen=True, slots=True)
class Writer:
    name: str
    suffix: str
    about: str
    write: Callable[[Layers, str | os.PathLike[str]], Path]


def format_names() -> list[str]:
    """Every format's name, without importing any writer (for ``--help`` and choices)."""
    return sorted(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_"))


@functools.cache
def get_writer(name: str) -> Writer:
    """The writer of format ``name`` (one of :func:`format_names`)."""
    if name not in format_names():
        raise KeyError(name)
    module = importlib.import_module(f"{__name__}.{name}")
    return Writer(name, module.SUFFIX, module.ABOUT, module.write)
