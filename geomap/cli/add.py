"""``geomap add``: articles into a collection, parsing only what is new."""

from __future__ import annotations

import datetime as dt
from contextlib import nullcontext

import click

from geomap.cli.collection_options import (
    data_dir_option,
    engine_options,
    jobs_option,
    make_engine,
    name_argument,
    open_store,
    progress_option,
    show_progress,
    store_option,
    timeout_option,
)
from geomap.cli.options import date_option, geocoder_options, out_dir_option, plural

__all__ = ["add_command"]


@click.command("add")
@name_argument
@click.argument("inputs", nargs=-1, required=True, metavar="ARTICLE...")
@data_dir_option
@store_option
@jobs_option
@engine_options
@date_option
@timeout_option
@geocoder_options
@progress_option
@click.option("--allow-private", is_flag=True,
              help="Also fetch links found in content (feed items, JSON Lines urls, redirects) "
              "that lead to loopback, private or local-network addresses.")  # fmt: skip
@click.option("--build", "then_build", is_flag=True,
              help="Then rebuild the map and GeoJSON, as geomap build does.")  # fmt: skip
@out_dir_option
def add_command(
    name: str,
    inputs: tuple[str, ...],
    data_dir: str,
    store: str | None,
    jobs: int,
    engine: str,
    scheduler: str | None,
    date: dt.date | None,
    fetch_timeout: float,
    geocoder_name: str,
    geocoder_options: tuple[str, ...],
    progress: bool | None,
    allow_private: bool,
    then_build: bool,
    out_dir: str,
) -> None:
    """Add articles to the collection NAME (data/NAME.gpkg, or the schema NAME of
    the --store database; created if missing).

    An ARTICLE is a text or HTML file, a folder of them, a JSON Lines file of
    {"id","text","title","date","url"} records, a Parquet file with "id" and "text"
    columns (and "title", "date", "url"; needs the scale extra), an RSS or Atom feed,
    an http(s) URL of a page or feed, or - for stdin (at most 20 MB each).  An article
    already in the collection (the same words) is skipped, unless a newer parser should
    read it again.  URLs you give are fetched as given; links found in the inputs are
    not fetched from private addresses unless --allow-private.
    """
    from geomap.collection.ingest import add_articles
    from geomap.collection.parquet import read_parquet_or_inputs

    warn = lambda message: click.echo(f"geomap: {message}", err=True)  # noqa: E731
    dask = make_engine(engine, scheduler, jobs)  # a missing extra is said first
    if then_build:
        from geomap.cli.build import check_outputs

        check_outputs(name=name, data_dir=data_dir, out_dir=out_dir)
    # Read every input first, so a bad one stops the run before anything is written.
    items = list(read_parquet_or_inputs(inputs, date=date, timeout=fetch_timeout, warn=warn,
                                        allow_private=allow_private))  # fmt: skip
    with dask or nullcontext():
        if dask is not None:
            dask.reach()
        with open_store(name, data_dir=data_dir, store=store) as collection:
            summary = add_articles(
                collection,
                items,
                jobs=jobs,
                geocoder_name=geocoder_name,
                geocoder_options=geocoder_options,
                progress=show_progress(progress),
                engine=dask,
            )
            parts = [f"{plural(summary.added, 'article')} added"]
            if summary.reparsed:
                parts.append(f"{summary.reparsed} re-parsed")
            parts.append(f"{summary.unchanged} unchanged")
            click.echo(
                f"{collection.label}: {', '.join(parts)} "
                f"({plural(summary.incidents, 'incident')}, "
                f"{plural(summary.places, 'place')} reported)"
            )
            if then_build:
                from geomap.cli.build import run_build

                run_build(collection, name=name, data_dir=data_dir, out_dir=out_dir)
