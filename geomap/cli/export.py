"""``geomap export``: a collection in any format of :mod:`geomap.writers`."""

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
from geomap.writers import format_names

__all__ = ["export_command"]


@click.command("export")
@name_argument
@click.option("-f", "--format", "fmt", type=click.Choice(format_names()), required=True,
              help="What to write: csv (ACLED's columns), fgb (FlatGeobuf), geojson, gpkg "
              "(GeoPackage), kml, shp (zipped Shapefiles).")  # fmt: skip
@click.option("-o", "--output", type=click.Path(),
              help="Output file, - for stdout (default: DATA_DIR/NAME-export.csv, .fgb, "
              ".geojson, .gpkg, .kml or .shp.zip).")  # fmt: skip
@data_dir_option
@store_option
def export_command(name: str, fmt: str, output: str | None, data_dir: str,
                   store: str | None) -> None:  # fmt: skip
    """Write the collection NAME's incidents, places and areas in another format.

    CSV has one row per incident, ACLED's 31 columns then geomap's own (text that a
    spreadsheet would run as a formula starts with a ' instead). The GeoPackage and
    the Shapefiles have one geometry type per layer: incidents_points,
    incidents_areas, places, areas (and articles). KML styles incidents by type and
    dates them for Google Earth's time slider. FlatGeobuf holds the located
    incidents.
    """
    from geomap.collection.exports import export_collection
    from geomap.collection.geopackage import is_collection_file
    from geomap.errors import GeomapError
    from geomap.files import STDOUT, check_output_path
    from geomap.writers import get_writer

    suffix = get_writer(fmt).suffix
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
        export_collection(collection, fmt, STDOUT if to_stdout else target)
        counts = collection.counts()
    click.echo(f"{output if to_stdout else target}: {counts['incidents']} incidents, "
               f"{counts['places']} places, {counts['areas']} areas", err=to_stdout)  # fmt: skip
