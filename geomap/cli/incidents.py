"""``geomap incidents``: what happened, where, when and how many, as a table or JSON."""

from __future__ import annotations

import datetime as dt
import json

import click
from rich.console import Console
from rich.table import Table

from geomap.cli.collection_options import timeout_option
from geomap.cli.options import allow_private_option, date_option
from geomap.count_fields import COUNT_FIELDS, COUNT_TABLE, figure_text
from geomap.errors import printable
from geomap.inputs import read_all
from geomap.records import Count, Incident

__all__ = ["incidents_command"]

_SUPPORT_SHOWN = 2


@click.command("incidents")
@click.argument("inputs", nargs=-1, required=True, metavar="ARTICLE...")
@date_option
@timeout_option
@allow_private_option
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per incident.")
def incidents_command(
    inputs: tuple[str, ...],
    date: dt.date | None,
    fetch_timeout: float,
    allow_private: bool,
    as_json: bool,
) -> None:
    """List the incidents each ARTICLE reports: type, date, place, counts and evidence.

    An ARTICLE is what geomap add takes: a text or HTML file, a folder of them, an
    http(s) URL of a page or feed, a JSON Lines, RSS, Atom or Parquet file, or - for
    stdin.  Every input is read before any work: one that cannot be read stops the
    run.  With --json, each object also names its article_id and the input it came
    from (origin).  Counts the article does not state are left empty (not 0); "more
    than" and "about" are kept.  Places only named as context ("Moscow said") are
    not incident locations.
    """
    items = read_all(inputs, date=date, timeout=fetch_timeout, allow_private=allow_private)

    from geomap.export import json_safe
    from geomap.gazetteer.index import GazetteerIndex
    from geomap.pipeline import run

    index = GazetteerIndex.open()  # once for every article
    console = Console()
    for item in items:
        loaded, origin = item.article, printable(item.origin)
        result = run(loaded, index=index)
        if as_json:
            records = result.incidents_frame.drop(columns="geometry").to_dict("records")
            for record in records:
                record.update(article_id=printable(loaded.id), origin=origin)
                click.echo(json.dumps(json_safe(record), ensure_ascii=False))
            if not records:
                click.echo(f"{origin}: no incidents found; places only", err=True)
            continue
        if not result.incidents:
            names = ", ".join(p.entry.name for p in result.places) or "none"
            click.echo(f"{origin}: no incidents found; places only ({names})")
            continue
        console.print(_table(result.incidents, origin, loaded.date))


def _table(incidents: tuple[Incident, ...], name: str, published: dt.date | None) -> Table:
    table = Table(
        title=f"Incidents in {name}" + (f" (published {published})" if published else ""),
        show_lines=True,
    )
    for column in ("type", "when", "status", "where", "prec", "who", "counts", "evidence"):
        table.add_column(column, overflow="fold")
    for incident in incidents:
        table.add_row(
            f"{incident.event_type} / {incident.sub_event_type}",
            _when(incident),
            incident.temporal_status,
            _where(incident),
            "" if incident.geo_precision is None else str(incident.geo_precision),
            _who(incident),
            _counts(incident),
            _evidence(incident),
        )
    return table


def _evidence(incident: Incident) -> str:
    also = [f"also: {_clip(text)}" for text in incident.support[:_SUPPORT_SHOWN]]
    more = len(incident.support) - _SUPPORT_SHOWN
    if more > 0:
        also.append(f"(+{more} more sentence{'s' * (more > 1)})")
    return "\n".join([incident.evidence, *also])


def _clip(text: str, limit: int = 100) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _when(incident: Incident) -> str:
    if incident.date_start is None:
        return "not stated"
    when = incident.date_start.isoformat()
    if incident.date_end and incident.date_end != incident.date_start:
        when += f" to {incident.date_end.isoformat()}"
    return f"{when} (p{incident.date_precision})"


def _where(incident: Incident) -> str:
    if incident.location is None:
        return "not stated"
    entry = incident.location.entry
    country = f", {entry.country_code}" if entry.country_code else ""
    where = f"{entry.name} ({entry.feature_type}{country})"
    if incident.location_note:
        where += f"; {incident.location_note}"
    return where


def _who(incident: Incident) -> str:
    parts = []
    if incident.actors:
        parts.append("actors: " + ", ".join(incident.actors))
    if incident.mediators:
        parts.append("mediators: " + ", ".join(incident.mediators))
    return "\n".join(parts)


def _figure(count: Count) -> str:
    return figure_text(count.value, count.qualifier)


def _counts(incident: Incident) -> str:
    lines = [
        f"{COUNT_TABLE[name].short}: {_figure(count)}"
        for name in COUNT_FIELDS
        if (count := getattr(incident, name)) is not None
    ]
    if incident.radius is not None:
        qualifier = f"{incident.radius_qualifier} " if incident.radius_qualifier else ""
        lines.append(f"radius: {qualifier}{incident.radius.metres:g} m")
    stated = [c.text for c in incident.counts]
    if stated:
        lines.append("stated: " + "; ".join(dict.fromkeys(stated)))
    return "\n".join(lines)
