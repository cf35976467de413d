"""Building the SQLite gazetteer index from the data files and GeoNames cities.

Separate from ``index.py`` because it runs once per install (or data change) and pulls
in the 80 MB cities file; lookups never import it. The steps are ``build_steps.py`` (one
per data source), the writing ``index_writer.py``; this module runs them in order
with a progress bar.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import nullcontext
from functools import partial
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from geomap.gazetteer.build_steps import PLACE_FILES, SourceSteps, admin1_label

__all__ = ["admin1_label", "build_index"]


def build_index(
    path: Path, data_dir: Path, *, key: str, min_city_population: int = 500, progress: bool = True
) -> None:
    """Write a complete index to ``path`` (the caller renames it into place)."""
    builder = SourceSteps(path, data_dir, min_city_population)
    try:
        _run_steps(builder, key, progress)
    finally:
        builder.close()


def _run_steps(builder: SourceSteps, key: str, progress: bool) -> None:
    steps: list[tuple[str, Callable[[], None]]] = [
        ("countries", builder.countries),
        ("admin-1 regions", builder.admin1),
        ("seas, islands, rivers...", builder.features),
        ("GeoNames cities", builder.cities),
        ("US counties", builder.us_counties),
        ("curated places", builder.curated),
        *[(f"places ({name})", partial(builder.places, name)) for name in PLACE_FILES],
        ("demonyms", builder.demonym_rows),
        ("writing SQLite", lambda: builder.write(key)),
    ]
    console = Console(stderr=True)
    bar = (
        Progress(
            TextColumn("Building gazetteer index: {task.description}"),
            BarColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=True,
        )
        if progress and console.is_terminal  # elsewhere it would leave a blank line
        else None
    )
    with bar or nullcontext():
        task = bar.add_task("", total=len(steps)) if bar else None
        for label, step in steps:
            if bar:
                bar.update(task, description=label)
            step()
            if bar:
                bar.advance(task)
