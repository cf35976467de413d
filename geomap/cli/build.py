"""``geomap build``: a collection's map and GeoJSON, regenerated from its layers."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from geomap.cli.collection_options import (
    data_dir_option,
    jobs_option,
    name_argument,
    open_store,
    progress_option,
    show_progress,
    store_option,
)
from geomap.cli.options import geocoder_options, out_dir_option, plural

if TYPE_CHECKING:
    from geomap.collection.store import Store

__all__ = ["build_command", "check_outputs", "run_build"]


@click.command("build")
@name_argument
@data_dir_option
@store_option
@out_dir_option
@click.option("--geojson", "geojson_path", type=click.Path(),
              help="GeoJSON output file, - for stdout "
              "(default: DATA_DIR/NAME.geojson).")  # fmt: skip
@click.option("--tiles", type=click.Choice(["offline", "osm"]), default="offline",
              show_default=True, help="Base layer shown first.")  # fmt: skip
@click.option("--reparse/--no-reparse", default=True, show_default=True,
              help="First parse again the articles an older parser read.")  # fmt: skip
@click.option("--png", "png_path", type=click.Path(allow_dash=True),
              help="Also save a PNG snapshot of the map (headless Chromium; - for "
              "standard output).")  # fmt: skip
@click.option("--clean", is_flag=True,
              help="With --png: leave the controls out of the snapshot (title, legend "
              "and scale stay).")  # fmt: skip
@jobs_option
@geocoder_options
@progress_option
def build_command(
    name: str,
    data_dir: str,
    store: str | None,
    out_dir: str,
    geojson_path: str | None,
    tiles: str,
    reparse: bool,
    png_path: str | None,
    clean: bool,
    jobs: int,
    geocoder_name: str,
    geocoder_options: tuple[str, ...],
    progress: bool | None,
) -> None:
    """Write OUT_DIR/NAME.html (every incident, by date) and DATA_DIR/NAME.geojson
    from the collection NAME (DATA_DIR/NAME.gpkg, or the --store database's)."""
    from geomap.files import STDOUT

    if clean and not png_path:
        raise click.UsageError("--clean is for the snapshot: give --png too")
    if geojson_path == STDOUT and png_path == STDOUT:
        raise click.UsageError("only one of --geojson and --png can go to standard output")
    check_outputs(name=name, data_dir=data_dir, out_dir=out_dir, geojson_path=geojson_path,
                  png_path=png_path)  # fmt: skip
    with open_store(name, data_dir=data_dir, store=store, create=False) as collection:
        if reparse:
            from geomap.collection.ingest import reparse_stale

            n = reparse_stale(collection, jobs=jobs, geocoder_name=geocoder_name,
                              geocoder_options=geocoder_options,
                              progress=show_progress(progress))  # fmt: skip
            if n:
                click.echo(f"{collection.label}: {n} articles re-parsed by the current parser",
                           err=STDOUT in (geojson_path, png_path))  # stdout may carry data
        run_build(
            collection, name=name, data_dir=data_dir, out_dir=out_dir,
            geojson_path=geojson_path, tiles=None if tiles == "offline" else tiles,
            png_path=png_path, clean=clean,
        )  # fmt: skip


def check_outputs(*, name: str, data_dir: str, out_dir: str,
                  geojson_path: str | None = None,
                  png_path: str | None = None) -> None:  # fmt: skip
    """Refuse, before any work, outputs that cannot be written or must not be replaced
    (a link, a device, a FIFO, a folder, a read-only place)."""
    from geomap.files import check_output_dir, check_output_path

    check_output_dir(out_dir)
    check_output_path(Path(out_dir) / f"{name}.html")
    check_output_path(geojson_path or Path(data_dir) / f"{name}.geojson")
    if png_path:
        check_output_path(png_path)


def run_build(
    collection: Store,
    *,
    name: str,
    data_dir: str,
    out_dir: str,
    geojson_path: str | None = None,
    tiles: str | None = None,
    png_path: str | None = None,
    clean: bool = False,
) -> None:
    """Build (and snapshot the map to ``png_path``) and print one line saying what was
    written (on stderr when the GeoJSON or the PNG goes to stdout)."""
    from geomap.collection.build import build_outputs
    from geomap.files import STDOUT

    result = build_outputs(
        collection,
        html_path=Path(out_dir) / f"{name}.html",
        geojson_path=Path(geojson_path or Path(data_dir) / f"{name}.geojson"),
        title=name,
        tiles=tiles,
    )
    counts = ", ".join(
        plural(n, noun)
        for n, noun in ((result.articles, "article"), (result.incidents, "incident"),
                        (result.places, "place"), (result.areas, "area"))
    )  # fmt: skip
    written = f"{result.html}, {result.geojson}"
    if png_path:
        from geomap.render.snapshot import snapshot_png

        snapshot_png(result.html, png_path, clean=clean)
        written += f", {png_path}"
    click.echo(f"{written}: {counts}", err=STDOUT in (geojson_path, png_path))
