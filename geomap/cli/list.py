"""``geomap list``: what a collection holds."""

from __future__ import annotations

import json

import click

from geomap.cli.collection_options import collection_path, data_dir_option, name_argument

__all__ = ["list_command"]


@click.command("list")
@name_argument
@data_dir_option
@click.option("--json", "as_json", is_flag=True, help="One JSON object instead of tables.")
@click.option("--check", is_flag=True,
              help="Also check the file's integrity and that merged layers match their "
              "reports (exit 1 if not).")  # fmt: skip
def list_command(name: str, data_dir: str, as_json: bool, check: bool) -> None:
    """Summarise the collection NAME: its articles, and how many places, incidents and
    areas they add up to."""
    from geomap.collection.parse import parser_version
    from geomap.collection.store import Collection
    from geomap.errors import GeomapError

    with Collection.open(collection_path(data_dir, name), create=False) as collection:
        counts = collection.counts()
        articles = collection.articles()
        incidents = collection.frame("incidents")
        problems = collection.check() if check else []
        path = collection.path
    current = parser_version()
    versions = articles["parser_version"].fillna("")
    stale = int(((versions != current) & ~versions.str.contains("@")).sum())
    dates = incidents["date_start"].dropna()
    summary = {
        "collection": str(path),
        **counts,
        "incidents_with_several_sources": int((incidents["n_sources"] > 1).sum()),
        "first_incident": min(dates) if len(dates) else None,
        "last_incident": max(dates) if len(dates) else None,
        "stale_articles": stale,
    }
    if as_json:
        rows = articles.drop(columns=["content_hash"]).to_dict("records")
        click.echo(json.dumps({**summary, "problems": problems, "article_list": rows},
                              ensure_ascii=False, default=str, indent=1))  # fmt: skip
    else:
        _print_tables(summary, articles)
    if problems:
        raise GeomapError(f"{path}: " + "; ".join(problems))


def _print_tables(summary: dict, articles) -> None:  # type: ignore[no-untyped-def]
    from rich.console import Console
    from rich.table import Table

    console = Console()
    console.print(
        f"[bold]{summary['collection']}[/]: {summary['articles']} articles, "
        f"{summary['incidents']} incidents ({summary['incidents_with_several_sources']} "
        f"reported by several), {summary['places']} places, {summary['areas']} areas"
    )
    if summary["first_incident"]:
        console.print(f"incidents from {summary['first_incident']} to {summary['last_incident']}")
    if summary["stale_articles"]:
        console.print(f"{summary['stale_articles']} articles were read by an older parser "
                      "(geomap build re-parses them)")  # fmt: skip
    table = Table("date", "article", "title", "site", "incidents", "places")
    for row in articles.itertuples():
        table.add_row(row.date or "", row.article_id, (row.title or "")[:60], row.site or "",
                      str(row.n_incidents), str(row.n_places))  # fmt: skip
    console.print(table)
