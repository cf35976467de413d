"""``geomap map``: articles in, an offline HTML map and a GeoJSON file out per article."""

from __future__ import annotations

import dataclasses
import datetime as dt
import webbrowser
from pathlib import Path

import click

from geomap.cli.collection_options import timeout_option
from geomap.cli.fix import apply_file_fixes, fixes_file_option, map_fixes
from geomap.cli.options import (
    allow_private_option,
    date_option,
    geocoder_options,
    make_geocoder,
    out_dir_option,
    plural,
)
from geomap.count_fields import COUNT_FIELDS
from geomap.errors import GeomapError, printable
from geomap.files import STDOUT, check_output_dir, check_output_path
from geomap.inputs import output_stems, read_all
from geomap.records import Article

__all__ = ["map_command"]


@click.command("map")
@click.argument("inputs", nargs=-1, required=True, metavar="ARTICLE...")
@out_dir_option
@click.option(
    "--geojson",
    "geojson_path",
    type=click.Path(allow_dash=True),
    help="GeoJSON output file (default: data/<article stem>.geojson; - for standard "
    "output). One article only.",
)
@click.option(
    "--tiles",
    default="offline",
    show_default=True,
    metavar="NAME",
    help="Base layer shown first: offline (Natural Earth borders, no network), osm, light, "
    "dark, satellite, topo, or any xyzservices provider that needs no API key "
    "(Esri.WorldStreetMap). Every layer stays selectable in the map.",
)
@click.option(
    "--png",
    "png_path",
    type=click.Path(allow_dash=True),
    help="Also save a PNG snapshot of the map (headless Chromium; - for standard output)."
    " One article only.",
)
@click.option(
    "--clean",
    is_flag=True,
    help="With --png: leave the controls (zoom, tools, layer switcher, minimap, incident "
    "panel, time slider) out of the snapshot; title, legend and scale stay.",
)
@click.option(
    "--size-by",
    type=click.Choice(COUNT_FIELDS),
    help="Size incident symbols by this figure (fatalities: bigger for more killed).",
)
@date_option
@timeout_option
@allow_private_option
@geocoder_options
@fixes_file_option
@click.option("--open", "open_browser", is_flag=True, help="Open each map in the web browser.")
def map_command(
    inputs: tuple[str, ...],
    out_dir: str,
    geojson_path: str | None,
    tiles: str,
    png_path: str | None,
    clean: bool,
    size_by: str | None,
    date: dt.date | None,
    fetch_timeout: float,
    allow_private: bool,
    geocoder_name: str,
    geocoder_options: tuple[str, ...],
    fixes_path: str | None,
    open_browser: bool,
) -> None:
    """Map every place named in each ARTICLE: a text or HTML file, a folder of them, an
    http(s) URL of a page or feed, a JSON Lines, RSS, Atom or Parquet file, or - for
    stdin (what geomap add takes).

    Writes one map per article: OUT_DIR/<stem>.html and data/<stem>.geojson, where
    the stem is a file's name without its suffix, a URL's host and last path part, a
    record's id, or article-<hash> for stdin (then -2, -3 if two articles would share
    one).  Prints one
    line per article with the places and areas found (on stderr when an output goes
    to standard output).  Every input is read before any work: one that cannot be
    read stops the run, and nothing is written.  For one map of many articles, add
    them to a collection (geomap add NAME ... --build).  Outputs are only ever
    regular files: a link, folder, device or FIFO in their place stops the run
    before any work.
    """
    if geojson_path and len(inputs) > 1:
        raise click.UsageError("--geojson names one file: give one article, or leave it out")
    if png_path and len(inputs) > 1:
        raise click.UsageError("--png names one file: give one article, or leave it out")
    if geojson_path == STDOUT and png_path == STDOUT:
        raise click.UsageError("only one of --geojson and --png can go to standard output")
    if clean and not png_path:
        raise click.UsageError("--clean is for the snapshot: give --png too")
    from geomap.render.basemaps import OFFLINE, tile_provider

    if tiles != OFFLINE:
        tile_provider(tiles)  # an unknown name stops the run before any work
    # Outputs are checked before any input is read, inputs are all read before any
    # work: a bad path or a bad input stops the run before anything is written.
    check_output_dir(out_dir)
    for given in (geojson_path, png_path):
        if given:
            check_output_path(given)
    items = read_all(inputs, date=date, timeout=fetch_timeout, allow_private=allow_private)
    if len(items) > 1 and (geojson_path or png_path):
        option = "--geojson" if geojson_path else "--png"
        raise click.UsageError(f"{option} names one file, but {printable(inputs[0])} holds "
                               f"{len(items)} articles: leave {option} out to have one "
                               "per article")  # fmt: skip
    fixes = map_fixes(fixes_path, len(items), geocoder_name, geocoder_options)
    outputs = [
        (Path(out_dir) / f"{stem}.html", Path(geojson_path or Path("data") / f"{stem}.geojson"))
        for stem in output_stems(items)
    ]
    for html_path, json_path in outputs:
        check_output_path(html_path)
        check_output_path(json_path)
    geocoder = make_geocoder(geocoder_name, geocoder_options)

    from geomap.gazetteer.index import GazetteerIndex
    from geomap.pipeline import run
    from geomap.render import render_map, write_map
    from geomap.render.snapshot import snapshot_png
    from geomap.writers import Layers, get_writer

    index = GazetteerIndex.open()  # once for every article
    to_stdout = STDOUT in (geojson_path, png_path)
    for item, (html_path, json_path) in zip(items, outputs, strict=True):
        article = _unicode_id(item.article)
        result = apply_file_fixes(run(article, geocoder=geocoder, index=index), fixes,
                                  label=item.origin)  # fmt: skip
        m = render_map(
            result.places_frame,
            result.areas_frame,
            incidents=result.incidents_frame,
            article=article,
            tiles=tiles,
            size_by=size_by,
        )
        write_map(m, html_path)
        get_writer("geojson").write(Layers.of_article(result, article), json_path)
        n_places, n_areas = len(result.places_frame), len(result.areas_frame)
        summary = (
            f"{plural(n_places, 'place')}, {plural(n_areas, 'area')}, "
            f"{plural(len(result.incidents_frame), 'incident')}"
            if n_places
            else "no places found"
        )
        written = f"{html_path}, {json_path}"
        if png_path:
            snapshot_png(html_path, png_path, clean=clean)
            written += f", {png_path}"
        click.echo(printable(f"{item.origin}: {summary} -> {written}"), err=to_stdout)
        if open_browser and not webbrowser.open(html_path.resolve().as_uri()):
            raise GeomapError(f"{html_path}: written, but no web browser could be opened")


def _unicode_id(article: Article) -> Article:
    """The article with an id that is valid Unicode (it is written into every output).

    A file name that is not UTF-8 gives a stem with lone surrogates; its outputs keep
    the file's own bytes in their names, but the id inside them shows U+FFFD.
    """
    try:
        article.id.encode("utf-8")
    except UnicodeEncodeError:
        fixed = article.id.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        return dataclasses.replace(article, id=fixed)
    return article
