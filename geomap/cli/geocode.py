"""``geomap geocode``: look a place name up in the offline gazetteer."""

from __future__ import annotations

import dataclasses
import json

import click
from rich.console import Console
from rich.table import Table

from geomap.errors import GeomapError
from geomap.gazetteer.index import GazetteerIndex
from geomap.gazetteer.user_places import FEATURE_TYPES

__all__ = ["geocode"]


@click.command()
@click.argument("name")
@click.option(
    "--country", "countries", multiple=True, metavar="CC",
    help="Keep places in this ISO 3166-1 alpha-2 country (repeatable).",
)  # fmt: skip
@click.option(
    "--type", "types", multiple=True, type=click.Choice(FEATURE_TYPES),
    help="Keep places of this feature type (repeatable).",
)  # fmt: skip
@click.option("--limit", type=click.IntRange(min=1), default=10, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per line.")
def geocode(
    name: str, countries: tuple[str, ...], types: tuple[str, ...], limit: int, as_json: bool
) -> None:
    """Show the places the offline gazetteer knows as NAME, best known first."""
    index = GazetteerIndex.open()
    entries = index.lookup(
        name, country_codes=countries or None, feature_types=types or None, limit=limit
    )
    if not entries:
        raise GeomapError(f"no place called {name!r} in the gazetteer")
    if as_json:
        for entry in entries:
            record = dataclasses.asdict(entry) | {"address": index.address(entry.id)}
            click.echo(json.dumps(record, ensure_ascii=False))
        return
    table = Table(title=f"Places called {name!r}")
    for column in ("name", "type", "country", "admin1", "lat", "lon", "population",
                   "geonameid", "source"):  # fmt: skip
        table.add_column(
            column, justify="right" if column in {"lat", "lon", "population"} else "left"
        )
    for e in entries:
        table.add_row(
            e.name, e.feature_type, e.country_code or "", e.admin1 or "", f"{e.lat:.4f}",
            f"{e.lon:.4f}", f"{e.population:,}" if e.population else "",
            str(e.geonameid or ""), e.source,
        )  # fmt: skip
    Console().print(table)
