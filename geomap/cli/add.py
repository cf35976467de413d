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
from geomap.cli.options import (
    allow_private_option,
    date_option,
    geocoder_options,
    out_dir_option,
    plural,
)
from geomap.errors import GeomapError

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
@allow_private_option
@click.option("--strict", is_flag=True,
              help="Stop at the first input that cannot be read, before anything is added "
              "(default: report it in one line and add the others).")  # fmt: skip
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
    strict: bool,
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

    An input that cannot be read (a dead URL, an unreadable or binary file, a JSON
    Lines file with a bad record) is reported in one line and left out whole; the
    others are still added, and the summary counts the inputs that failed.  Exit
    status: 0 when at least one input was read (its articles added or already
    there), 1 when none could be read or the collection cannot be written.
    With --strict the first input that fails stops the run before anything is added.
    """
    from geomap.collection.ingest import add_articles
    from geomap.inputs import read_all, read_each

    dask = make_engine(engine, scheduler, jobs)  # a missing extra is said first
    if then_build:
        from geomap.cli.build import check_outputs

        check_outputs(name=name, data_dir=data_dir, out_dir=out_dir)
    # Read every input first: fetching and reading are done before anything is written.
    if strict:
        items = read_all(inputs, date=date, timeout=fetch_timeout, allow_private=allow_private)
        failed = 0
    else:
        read = read_each(inputs, date=date, timeout=fetch_timeout, allow_private=allow_private)
        items, failed = read.items, len(read.failures)
        if not read.inputs_read:
            if len(read.failures) > 1:
                raise GeomapError(f"nothing added: none of the {len(read.failures)} inputs could"
                                  " be read")  # fmt: skip
            click.get_current_context().exit(1)  # its one line said why
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
            failures = f"; {plural(failed, 'input')} failed" if failed else ""
            click.echo(
                f"{collection.label}: {', '.join(parts)} "
                f"({plural(summary.incidents, 'incident')}, "
                f"{plural(summary.places, 'place')} reported){failures}"
            )
            if then_build:
                from geomap.cli.build import run_build

                run_build(collection, name=name, data_dir=data_dir, out_dir=out_dir)
