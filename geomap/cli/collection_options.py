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

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


def _check_name(ctx: click.Context, param: click.Parameter, value: str) -> str:
    name = value[:-5] if value.endswith(".gpkg") else value
    if not _NAME.match(name):
        raise click.BadParameter(
            f"{value!r}: use letters, digits, '.', '_' or '-' (it names data/<NAME>.gpkg)"
        )
    return name


name_argument = click.argument("name", callback=_check_name)

data_dir_option = click.option(
    "--data-dir",
    type=click.Path(file_okay=False, writable=True),
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
