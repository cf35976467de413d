"""Building the SQLite gazetteer index from the data files and GeoNames cities.

Separate from ``index.py`` because it runs once per install (or data change) and pulls
in the 80 MB cities file; lookups never import it. The steps are ``build_steps.py`` (one
per data source), the writing ``index_writer.py``; this module runs them in order and
says how far the build is (:class:`BuildProgress`).
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    SpinnerColumn,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
)

from geomap.errors import GeomapError, warn
from geomap.gazetteer.build_steps import PLACE_FILES, SourceSteps, admin1_label
from geomap.gazetteer.schema import CACHE_ENV

__all__ = ["MIN_FREE_BYTES", "BuildProgress", "admin1_label", "build_index"]

MIN_FREE_BYTES = 20_000_000
"""Below this much free space in the cache folder the build is not started: the full
index takes about 85 MB, and even the smallest (cities of 15,000 people) over 20 MB, so
it would only fail later, after seconds of work."""

_SECONDS = {"countries": 0.1, "admin1": 0.4, "features": 0.6, "cities": 14.0,
            "us_counties": 0.3, "curated": 0.1, "places": 1.5, "demonyms": 0.1,
            "write": 4.0}  # fmt: skip
"""Roughly how long each step takes (the full index on the development machine), so the
bar's length is shared out by time, not by step: GeoNames cities is two thirds of it."""


def build_index(
    path: Path, data_dir: Path, *, key: str, min_city_population: int = 500, progress: bool = True
) -> None:
    """Write a complete index to ``path`` (the caller renames it into place).

    With ``progress``, the build shows a bar on a terminal and writes a line per step
    elsewhere (a log, CI); see :class:`BuildProgress`.
    """
    free = shutil.disk_usage(path.parent).free
    if free < MIN_FREE_BYTES:  # said now, not after seconds of work and a line per step
        raise GeomapError(
            f"cannot build the gazetteer index in {path.parent}: the disk is full"
            f" ({free / 1e6:.1f} MB free); it is built there once and needs a writable folder"
            f" with about 75 MB free ({CACHE_ENV} chooses another)"
        )
    builder = SourceSteps(path, data_dir, min_city_population)
    try:
        _run_steps(builder, key, progress, path.parent)
    finally:
        builder.close()


def _run_steps(builder: SourceSteps, key: str, progress: bool, where: Path) -> None:
    steps: list[tuple[str, float, Callable[[], None]]] = [
        ("countries", _SECONDS["countries"], builder.countries),
        ("admin-1 regions", _SECONDS["admin1"], builder.admin1),
        ("seas, islands, rivers...", _SECONDS["features"], builder.features),
        ("GeoNames cities", _SECONDS["cities"], builder.cities),
        ("US counties", _SECONDS["us_counties"], builder.us_counties),
        ("curated places", _SECONDS["curated"], builder.curated),
        *[
            (f"places ({name})", _SECONDS["places"], partial(builder.places, name))
            for name in PLACE_FILES
        ],
        ("demonyms", _SECONDS["demonyms"], builder.demonym_rows),
        ("writing SQLite", _SECONDS["write"], lambda: builder.write(key)),
    ]
    weights = [(label, weight) for label, weight, _ in steps]
    with BuildProgress(weights, show=progress, where=where) as shown:
        builder.report = shown.within
        for label, _, step in steps:
            shown.start(label)
            step()


class BuildProgress:
    """How far the index build is, for whoever waits for it (the first run takes ~20 s).

    On a terminal, a bar whose length is shared out among the steps by how long each
    takes, moved within a step as the step reports (:meth:`within`), with a spinner
    that turns even while one long call runs.  Elsewhere (a pipe, a log file, CI), one
    ``geomap:`` line on stderr as each step starts and one when the index is built.
    """

    def __init__(
        self, steps: list[tuple[str, float]], *, show: bool = True, where: Path | None = None
    ) -> None:
        self.weights = dict(steps)
        self.total = sum(self.weights.values())
        self.count = len(steps)
        self.number = 0
        self.label = ""
        self.done_before = 0.0
        """The weight of the steps finished before the current one."""
        self.started = time.monotonic()
        console = Console(stderr=True)
        self.lines = show and not console.is_terminal
        self.bar = (
            Progress(
                SpinnerColumn(),
                TextColumn("Building gazetteer index: {task.description}"),
                BarColumn(),
                TaskProgressColumn(),
                TimeElapsedColumn(),
                console=console,
                transient=True,
            )
            if show and console.is_terminal
            else None
        )
        self.task = None
        self.where = where

    def __enter__(self) -> BuildProgress:
        if self.lines:
            place = f" in {self.where}" if self.where else ""
            warn(f"building the gazetteer index{place}: once, about 20 s on a fast machine")
        if self.bar is not None:
            self.bar.start()
            self.task = self.bar.add_task("", total=self.total)
        return self

    def __exit__(self, kind: type[BaseException] | None, *rest: object) -> None:
        if self.bar is not None:
            self.bar.stop()
        if self.lines and kind is None:
            warn(f"gazetteer index built in {time.monotonic() - self.started:.0f} s")

    def start(self, label: str) -> None:
        """The next step, ``label``, begins."""
        if self.number:
            self.done_before += self.weights[self.label]
        self.number += 1
        self.label = label
        if self.lines:
            warn(f"gazetteer index, step {self.number} of {self.count}: {label}"
                 f" ({time.monotonic() - self.started:.0f} s so far)")  # fmt: skip
        self._show(0.0, None)

    def within(self, fraction: float, detail: str | None = None) -> None:
        """The current step is ``fraction`` (0 to 1) done; ``detail`` says at what."""
        self._show(min(max(fraction, 0.0), 1.0), detail)

    def _show(self, fraction: float, detail: str | None) -> None:
        if self.bar is None or self.task is None:
            return
        description = f"{self.label}: {detail}" if detail else self.label
        completed = self.done_before + self.weights[self.label] * fraction
        self.bar.update(self.task, completed=completed, description=description)
