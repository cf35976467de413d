"""Options the collection commands (add, build, watch, list, export) share."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

__all__ = [
    "collection_path",
    "data_dir_option",
    "jobs_option",
    "name_argument",
    "progress_option",
    "show_progress",
    "timeout_option",
]

_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")
MAX_NAME_LENGTH = 100
"""Characters in a collection's name: with ``-export.geojson`` and a temporary file's
affixes, every file named after it stays within the usual 255-byte limit."""


def _check_name(ctx: click.Context, param: click.Parameter, value: str) -> str:
    """The collection's name without ``.gpkg``; a name that could not be a plain file
    name in DATA_DIR (a path, a control character such as a trailing newline, a
    leading dot or dash, non-ASCII letters) is refused rather than quietly changed."""
    name = value[:-5] if value.endswith(".gpkg") else value
    if not _NAME.fullmatch(name):
        raise click.BadParameter(
            f"{value!r}: use letters, digits, '.', '_' or '-', starting with a letter or "
            "digit (it names data/<NAME>.gpkg)"
        )
    if len(name) > MAX_NAME_LENGTH:
        raise click.BadParameter(
            f"{value[:20]!r}...: at most {MAX_NAME_LENGTH} characters"
        )
    return name


name_argument = click.argument("name", callback=_check_name)

data_dir_option = click.option(
    "--data-dir",
    type=click.Path(file_okay=False),  # list and export read a read-only folder too
    default="data",
    show_default=True,
    help="Folder of the collection (<NAME>.gpkg) and its GeoJSON.",
)

jobs_option = click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Articles parsed at once, in separate processes.",
)

timeout_option = click.option(
    "--timeout",
    "fetch_timeout",
    type=click.FloatRange(min=0.1),
    default=20.0,
    show_default=True,
    help="Seconds to wait for a web server when an input is a URL.",
)


def progress_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--progress/--no-progress",
        default=None,
        help="Show progress bars (default: when stderr is a terminal).",
    )(f)


def show_progress(flag: bool | None) -> bool:
    return sys.stderr.isatty() if flag is None else flag


def collection_path(data_dir: str, name: str) -> Path:
    return Path(data_dir) / f"{name}.gpkg"
