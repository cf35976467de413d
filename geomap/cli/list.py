"""``geomap list``: what a collection holds."""

from __future__ import annotations

import json
import unicodedata
from typing import Any

import click

from geomap.cli.collection_options import (
    data_dir_option,
    name_argument,
    open_store,
    store_option,
)

__all__ = ["list_command"]


@click.command("list")
@name_argument
@data_dir_option
@store_option
@click.option("--json", "as_json", is_flag=True, help="One JSON object instead of tables.")
@click.option("--check", is_flag=True,
              help="Also check the store's integrity and that merged layers match their "
              "reports (exit 1 if not).")  # fmt: skip
@click.option("--incidents", "show_incidents", is_flag=True,
              help="List the incidents with their ids (what geomap fix takes).")
@click.option("--fixes", "show_fixes", is_flag=True,
              help="List the analyst's corrections (geomap fix) and the rows they apply to.")
def list_command(name: str, data_dir: str, store: str | None, as_json: bool,
                 check: bool, show_incidents: bool, show_fixes: bool) -> None:  # fmt: skip
    """Summarise the collection NAME: its articles, and how many places, incidents and
    areas they add up to."""
    from geomap.collection.parse import parser_version
    from geomap.errors import GeomapError
    from geomap.export import json_safe

    with open_store(name, data_dir=data_dir, store=store, create=False) as collection:
        counts = collection.counts()
        articles = collection.articles()
        incidents = collection.frame("incidents")
        problems = collection.check() if check else []
        fixes = _fix_rows(collection, collection.fixes()) if show_fixes else []
        path = collection.label
    current = parser_version()
    versions = articles["parser_version"].fillna("").astype(str)
    stale = int(((versions != current) & ~versions.str.contains("@", regex=False)).sum())
    dates = incidents["date_start"].dropna()
    summary = {
        "collection": path,
        **counts,
        "incidents_with_several_sources": int((incidents["n_sources"] > 1).sum()),
        "first_incident": min(dates) if len(dates) else None,
        "last_incident": max(dates) if len(dates) else None,
        "stale_articles": stale,
    }
    listed = _incident_rows(incidents) if show_incidents else []
    if as_json:
        rows = [{k: json_safe(v) for k, v in row.items()}
                for row in articles.drop(columns=["content_hash"]).to_dict("records")]  # fmt: skip
        extra: dict[str, Any] = {}
        if show_incidents:
            extra["incident_list"] = listed
        if show_fixes:
            extra["fixes"] = fixes
        click.echo(json.dumps({**summary, "problems": problems, "article_list": rows, **extra},
                              ensure_ascii=False, allow_nan=False, indent=1))  # fmt: skip
    else:
        _print_tables(summary, articles)
        if show_incidents:
            _print_rows("incidents", listed)
        if show_fixes:
            _print_rows("corrections (geomap fix)", fixes)
    if problems:
        raise GeomapError(f"{path}: " + "; ".join(problems))


_INCIDENT_FIELDS = ("incident_id", "date_start", "sub_event_type", "place", "place_id",
                    "fatalities", "n_sources", "corrected")  # fmt: skip
_WHOLE = {"incident_id", "id", "applies_to"}
_HEADERS = {"incident_id": "id", "date_start": "date", "sub_event_type": "type",
            "place_id": "place id", "fatalities": "killed", "n_sources": "sources",
            "applies_to": "applies to"}  # fmt: skip


def _incident_rows(incidents: Any) -> list[dict[str, Any]]:
    """The incidents, by date, with what tells them apart (and their ids)."""
    from geomap.export import json_safe

    ordered = incidents.sort_values(["date_start", "incident_id"], na_position="last")
    return [{n: json_safe(record.get(n)) for n in _INCIDENT_FIELDS}
            for record in ordered.to_dict("records")]  # fmt: skip


def _fix_rows(collection: Any, fixes: list[Any]) -> list[dict[str, Any]]:
    """Each fix: what it changes, on which id, and the rows it applies to now (a fix
    whose incident a re-parse no longer finds applies to none, and says so)."""
    from geomap.collection.fixes import describe
    from geomap.collection.parse import merged_incident_id

    rows = []
    for fix in fixes:
        keys = sorted(fix.keys)
        now = [merged_incident_id(k) for k in keys] if fix.layer == "incidents" else keys
        rows.append({"fix": fix.fix_id, "id": fix.target, "layer": fix.layer,
                     "correction": describe(fix), "applies_to": now or None,
                     "created": fix.created})  # fmt: skip
    return rows


def _print_rows(title: str, rows: list[dict[str, Any]]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    if not rows:
        console.print(_shown(f"no {title}"))
        return
    table = Table(title=title)
    for column in rows[0]:  # ids whole, whatever the terminal's width
        whole = column in _WHOLE
        table.add_column(_HEADERS.get(column, column), no_wrap=whole,
                         min_width=22 if whole else None)  # fmt: skip
    for row in rows:
        table.add_row(*(_shown(_cell_text(k, v)) for k, v in row.items()))
    console.print(table)


def _cell_text(column: str, value: Any) -> Any:
    if column == "applies_to" and not value:
        return "nothing (no such row since a re-parse)"
    return ", ".join(value) if isinstance(value, list) else value


def _shown(value: Any, width: int | None = None) -> Any:
    """A cell as plain text: never rich markup (a title ``[/]`` would stop the table),
    never a terminal control sequence (an article's title is untrusted)."""
    from rich.text import Text

    text = "" if value is None else str(value)
    text = "".join("\ufffd" if unicodedata.category(c) == "Cc" else c for c in text)
    return Text(text[:width] if width else text)


def _print_tables(summary: dict[str, Any], articles: Any) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    console.print(_shown(
        f"{summary['collection']}: {summary['articles']} articles, "
        f"{summary['incidents']} incidents ({summary['incidents_with_several_sources']} "
        f"reported by several), {summary['places']} places, {summary['areas']} areas"
    ))  # fmt: skip
    if summary["first_incident"]:
        console.print(_shown(f"incidents from {summary['first_incident']} to "
                             f"{summary['last_incident']}"))  # fmt: skip
    if summary["stale_articles"]:
        console.print(f"{summary['stale_articles']} articles were read by an older parser "
                      "(geomap build re-parses them)")  # fmt: skip
    table = Table("date", "article", "title", "site", "incidents", "places")
    for row in articles.to_dict("records"):
        table.add_row(_shown(row["date"]), _shown(row["article_id"]),
                      _shown(row["title"], 60), _shown(row["site"]),
                      _shown(row["n_incidents"]), _shown(row["n_places"]))  # fmt: skip
    console.print(table)
