"""``geomap watch``: rebuild a collection's map whenever new article files land in a folder."""

from __future__ import annotations

import stat
import time
from pathlib import Path

import click

from geomap.cli.collection_options import (
    data_dir_option,
    jobs_option,
    name_argument,
    open_store,
    progress_option,
    show_progress,
    store_option,
    timeout_option,
)
from geomap.cli.options import geocoder_options, out_dir_option
from geomap.errors import GeomapError

__all__ = ["watch_command"]


@click.command("watch")
@click.argument("folder", type=click.Path(exists=True, file_okay=False))
@name_argument
@data_dir_option
@store_option
@out_dir_option
@click.option("--interval", type=click.FloatRange(min=0.05), default=2.0, show_default=True,
              help="Seconds between looks at the folder.")  # fmt: skip
@click.option("--for", "duration", type=click.FloatRange(min=0), default=None,
              help="Stop after this many seconds (default: until interrupted).")  # fmt: skip
@jobs_option
@timeout_option
@geocoder_options
@progress_option
def watch_command(
    folder: str,
    name: str,
    data_dir: str,
    store: str | None,
    out_dir: str,
    interval: float,
    duration: float | None,
    jobs: int,
    fetch_timeout: float,
    geocoder_name: str,
    geocoder_options: tuple[str, ...],
    progress: bool | None,
) -> None:
    """Add every article file in FOLDER to the collection NAME, then keep looking:
    each time new or changed files have settled (same size for one interval), add
    them and rebuild the map and GeoJSON.  A file that cannot be read or parsed is
    reported in one line and skipped until it changes; the others are still added.
    Ctrl-C stops."""
    from geomap.cli.build import check_outputs, run_build
    from geomap.collection.ingest import add_articles
    from geomap.sources import ARTICLE_SUFFIXES, read_input

    warn = lambda message: click.echo(f"geomap: {message}", err=True)  # noqa: E731
    root = Path(folder)
    check_outputs(name=name, data_dir=data_dir, out_dir=out_dir)
    with open_store(name, data_dir=data_dir, store=store) as collection:  # a collection that
        collection.start_writing()  # cannot be written ends the command here, in one line
        label = collection.label
    stop = None if duration is None else time.monotonic() + duration
    done: dict[Path, tuple[int, int]] = {}
    last: dict[Path, tuple[int, int]] = {}
    first = True
    try:
        while True:
            now = _scan(root, ARTICLE_SUFFIXES)
            settled = [p for p, state in now.items()
                       if last.get(p) == state and done.get(p) != state]  # fmt: skip
            if first:  # what is there at the start is complete
                settled = sorted(now)
            if settled:
                items = []
                for file in sorted(settled):
                    done[file] = now[file]  # tried once per version of the file
                    try:
                        items.extend(read_input(str(file), timeout=fetch_timeout, warn=warn))
                    except GeomapError as e:
                        warn(f"skipped: {e}")
                try:
                    with open_store(name, data_dir=data_dir, store=store) as collection:
                        summary = add_articles(collection, items, jobs=jobs,
                                               geocoder_name=geocoder_name,
                                               geocoder_options=geocoder_options,
                                               progress=show_progress(progress),
                                               on_failure=warn)  # fmt: skip
                        if summary.added or summary.reparsed or first:
                            click.echo(f"{label}: {summary.added} articles added")
                            run_build(collection, name=name, data_dir=data_dir,
                                      out_dir=out_dir)  # fmt: skip
                except GeomapError as e:  # e.g. a full disk: said, and tried on the next change
                    warn(str(e))
            first = False
            last = now
            if stop is not None and time.monotonic() >= stop:
                return
            time.sleep(interval if stop is None else max(0.0, min(interval,
                                                                  stop - time.monotonic())))
    except KeyboardInterrupt:
        click.echo("geomap: stopped watching", err=True)


def _scan(root: Path, suffixes: frozenset[str]) -> dict[Path, tuple[int, int]]:
    """Regular files with an article's suffix (not hidden): a FIFO, device or folder
    named like an article is not one."""
    found = {}
    try:
        entries = list(root.iterdir())
    except OSError as e:
        raise GeomapError(f"{root}: cannot list the folder ({e.strerror})") from None
    for p in entries:
        if p.name.startswith(".") or p.suffix.lower() not in suffixes:
            continue
        try:
            st = p.stat()
        except OSError:
            continue  # removed meanwhile
        if stat.S_ISREG(st.st_mode):
            found[p] = (st.st_mtime_ns, st.st_size)
    return found
