"""Options shared by several commands, defined once so they mean the same everywhere."""

from __future__ import annotations

import datetime as dt

import click

__all__ = ["date_option", "out_dir_option"]


def _parse_date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date like 2024-01-04") from None


date_option = click.option(
    "--date",
    callback=_parse_date,
    metavar="YYYY-MM-DD",
    help="Publication date of the article, for resolving 'Wednesday' or 'since Friday' "
    "(default: from the article's metadata or the latest full date it states).",
)

out_dir_option = click.option(
    "--out-dir",
    type=click.Path(file_okay=False, writable=True),
    default="maps",
    show_default=True,
    help="Folder for the HTML maps.",
)
