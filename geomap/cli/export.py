"""``geomap export``: a collection as GeoJSON, GeoPackage, CSV (ACLED-like) or KML."""

from __future__ import annotations

from pathlib import Path

import click

from geomap.cli.collection_options import (
    collection_path,
    data_dir_option,
    name_argument,
    open_store,
    store_option,
)

__all__ = ["export_command"]


@click.command("export")
@name_argument
@click.option("-f", "--format", "fmt", type=click.Choice(["geojson", "gpkg", "csv", "kml"]),
              required=True, help="What to write.")  # fmt: skip
@click.option("-o", "--output", type=click.Path(),
              help="Output file, - for stdout "
              "(default: DATA_DIR/NAME-export.<format>).")  # fmt: skip
@data_dir_option
@store_option
def export_command(name: str, fmt: str, output: str | None, data_dir: str,
                   store: str | None) -> None:  # fmt: skip
    """Write the collection NAME's incidents, places and areas in another format.

    CSV has one row per incident with ACLED-like columns (text that a spreadsheet
    would run as a formula starts with a ' instead); KML has a folder each for
    incidents (with their dates, for Google Earth's time slider), places and areas;
    the GeoPackage holds the layers without geomap's own bookkeeping.
    """
    from geomap.collection.exports import EXPORTERS
    from geomap.collection.geopackage import is_collection_file
    from geomap.errors import GeomapError
    from geomap.files import STDOUT, check_output_path

    suffix, writer = EXPORTERS[fmt]
    target = Path(output or Path(data_dir) / f"{name}-export{suffix}")
    source = collection_path(data_dir, name)
    to_stdout = output == STDOUT
    if not to_stdout:
        if target.resolve() == source.resolve():
            raise click.BadParameter("the output would overwrite the collection itself")
        if is_collection_file(target):  # "news-export" may name a collection of its own
            raise GeomapError(f"{target}: a geomap collection is there; choose another -o")
        check_output_path(target)  # a link, device, FIFO or folder: said before any work
    with open_store(name, data_dir=data_dir, store=store, create=False) as collection:
        writer(collection, STDOUT if to_stdout else target)
        counts = collection.counts()
    click.echo(f"{output if to_stdout else target}: {counts['incidents']} incidents, "
               f"{counts['places']} places, {counts['areas']} areas", err=to_stdout)  # fmt: skip
