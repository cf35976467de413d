"""Options the collection commands (add, build, watch, list, export) share."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from click.core import ParameterSource

from geomap.errors import GeomapError

if TYPE_CHECKING:
    from geomap.collection.dask_engine import DaskEngine
    from geomap.collection.store import Store

__all__ = [
    "collection_path",
    "data_dir_option",
    "engine_options",
    "jobs_option",
    "make_engine",
    "name_argument",
    "open_store",
    "progress_option",
    "show_progress",
    "store_option",
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
    type=click.Path(file_okay=False, readable=False),  # list and export read a read-only folder too
    default="data",
    show_default=True,
    help="Folder of the collection (<NAME>.gpkg, unless --store) and its GeoJSON.",
)

jobs_option = click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Articles parsed at once, in separate processes (with --engine dask: the local "
    "cluster's workers, default one per core).",
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


store_option = click.option(
    "--store",
    envvar="GEOMAP_STORE",
    metavar="URL",
    help="Keep the collection in PostgreSQL/PostGIS, as the schema NAME of "
    "postgresql://USER@HOST/DATABASE, instead of DATA_DIR/NAME.gpkg ('gpkg'); default: "
    "$GEOMAP_STORE, then url in the config file's [store] table.",
)


def configured_store() -> str | None:
    """The ``[store]`` table's ``url`` in the config file, if any (checked)."""
    from geomap.geocoders.config import config_path, load_config

    section = load_config().get("store")
    if section is None:
        return None
    if not isinstance(section, dict):
        raise GeomapError(f"{config_path()}: store must be a table ([store] with url = ...)")
    unknown = sorted(set(section) - {"url"})
    if unknown:
        raise GeomapError(f"{config_path()}: [store] has no option {unknown[0]!r} (only url)")
    url = section.get("url")
    if not isinstance(url, str) or not url.strip():
        raise GeomapError(f"{config_path()}: [store] url must be a string such as "
                          "\"postgresql://maps@db.example.org/newsroom\" or \"gpkg\"")  # fmt: skip
    return url.strip()


def open_store(name: str, *, data_dir: str, store: str | None, create: bool = True) -> Store:
    """The collection NAME where ``--store`` (or the environment, or the config) says."""
    from geomap.collection.store import open_collection

    return open_collection(name, data_dir=data_dir, store=store or configured_store(),
                           create=create)  # fmt: skip


def engine_options(f: Callable[..., Any]) -> Callable[..., Any]:
    """``--engine local|dask`` and ``--scheduler ADDRESS``."""
    f = click.option(
        "--scheduler",
        metavar="ADDRESS",
        help="With --engine dask: a running Dask scheduler (tcp://host:8786) instead of a "
        "local cluster of --jobs workers.",
    )(f)
    return click.option(
        "--engine",
        type=click.Choice(["local", "dask"]),
        default="local",
        show_default=True,
        help="Where articles are parsed: local processes (--jobs), or a Dask cluster "
        "(needs the scale extra).",
    )(f)


def make_engine(engine: str, scheduler: str | None, jobs: int) -> DaskEngine | None:
    """The Dask engine ``--engine dask`` asks for (None for local processes); with
    --jobs left at its default, a local cluster has one worker per core."""
    if engine != "dask":
        if scheduler:
            raise click.BadParameter("--scheduler needs --engine dask",
                                     param_hint="'--scheduler'")  # fmt: skip
        return None
    from geomap.collection.dask_engine import DaskEngine

    ctx = click.get_current_context()
    default = ctx.get_parameter_source("jobs") in (None, ParameterSource.DEFAULT)
    return DaskEngine(scheduler=scheduler, workers=None if default else jobs)
