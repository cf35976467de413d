"""Options shared by several commands, defined once so they mean the same everywhere."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import click

from geomap.records import EARLIEST_DATE, LATEST_DATE

__all__ = [
    "EARLIEST_DATE",
    "LATEST_DATE",
    "allow_private_option",
    "date_option",
    "geocoder_options",
    "make_geocoder",
    "out_dir_option",
    "plural",
]


"""The publication dates ``--date`` takes: wide enough for any archive, far enough from
year 1 and 9999 that date arithmetic ("the day before", "next year") cannot overflow."""


def _parse_date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        date = dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date like 2024-01-04") from None
    if not EARLIEST_DATE <= date <= LATEST_DATE:
        raise click.BadParameter(
            f"{value} is outside {EARLIEST_DATE.isoformat()} to {LATEST_DATE.isoformat()}"
        )
    return date


date_option = click.option(
    "--date",
    callback=_parse_date,
    metavar="YYYY-MM-DD",
    help="Publication date of the article, for resolving 'Wednesday' or 'since Friday' "
    "(default: from the article's metadata or the latest full date it states).",
)

out_dir_option = click.option(
    "--out-dir",
    # Not checked here (click would call an unreadable folder a command-line error, exit
    # 2): geomap.files.check_output_dir says what is wrong with it in one line, exit 1.
    type=click.Path(readable=False),
    default="maps",
    show_default=True,
    help="Folder for the HTML maps.",
)

allow_private_option = click.option(
    "--allow-private",
    is_flag=True,
    help="Also fetch links found in content (feed items, JSON Lines urls, redirects) "
    "that lead to loopback, private or local-network addresses.",
)


def geocoder_options(f: Callable[..., Any]) -> Callable[..., Any]:
    """``--geocoder NAME`` and ``--geocoder-option KEY=VALUE`` (see geomap.geocoders)."""
    f = click.option(
        "--geocoder-option",
        "geocoder_options",
        multiple=True,
        metavar="KEY=VALUE",
        help="An option of the geocoder (repeatable): api_key=..., domain=..., timeout=5, "
        "min_delay_seconds=1, language=en; also read from GEOMAP_<SERVICE>_<KEY> and the "
        "config file.",
    )(f)
    return click.option(
        "--geocoder",
        "geocoder_name",
        default="gazetteer",
        show_default=True,
        metavar="NAME",
        help="Where places come from: gazetteer (offline), hybrid (online only for names "
        "the gazetteer is unsure of; hybrid:photon picks the service), or any geopy service "
        "(nominatim, photon, arcgis, googlev3, ...), falling back offline when unreachable.",
    )(f)


def plural(n: int, noun: str) -> str:
    """``n`` and ``noun``, with an s unless ``n`` is 1: "1 place", "3 places"."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


def make_geocoder(name: str, options: tuple[str, ...]) -> Any:
    """None (the offline default) or the geopy geocoder ``--geocoder`` names."""
    if name.strip().lower() == "gazetteer" and not options:
        return None
    from geomap.geocoders import build_geocoder

    return build_geocoder(name, options)
