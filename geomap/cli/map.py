"""``geomap map``: articles in, an offline HTML map and a GeoJSON file out per article."""

from __future__ import annotations

import datetime as dt
import webbrowser
from pathlib import Path

import click

from geomap.article import read_article
from geomap.cli.options import (
    date_option,
    geocoder_options,
    make_geocoder,
    out_dir_option,
    plural,
)
from geomap.errors import GeomapError

__all__ = ["map_command"]


@click.command("map")
@click.argument("articles", nargs=-1, required=True, type=click.Path(dir_okay=False))
@out_dir_option
@click.option(
    "--geojson",
    "geojson_path",
    type=click.Path(dir_okay=False, writable=True),
    help="GeoJSON output file (default: data/<article stem>.geojson). One article only.",
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
    type=click.Path(dir_okay=False, writable=True),
    help="Also save a PNG snapshot of the map (headless Chromium). One article only.",
)
@date_option
@geocoder_options
@click.option("--open", "open_browser", is_flag=True, help="Open each map in the web browser.")
def map_command(
    articles: tuple[str, ...],
    out_dir: str,
    geojson_path: str | None,
    tiles: str,
    png_path: str | None,
    date: dt.date | None,
    geocoder_name: str,
    geocoder_options: tuple[str, ...],
    open_browser: bool,
) -> None:
    """Map every place named in each ARTICLE (text or HTML file).

    Writes OUT_DIR/<stem>.html and data/<stem>.geojson for each article and
    prints one line per article with the places and areas found.
    """
    if geojson_path and len(articles) > 1:
        raise click.UsageError("--geojson names one file: give one article, or leave it out")
    if png_path and len(articles) > 1:
        raise click.UsageError("--png names one file: give one article, or leave it out")
    from geomap.render.basemaps import OFFLINE, tile_provider

    if tiles != OFFLINE:
        tile_provider(tiles)  # an unknown name stops the run before any work
    # Read every input first, so a bad file stops the run before anything is written.
    loaded = [read_article(path, date=date) for path in articles]
    geocoder = make_geocoder(geocoder_name, geocoder_options)

    from geomap.export import write_geojson
    from geomap.pipeline import run
    from geomap.render import render_map, write_map
    from geomap.render.snapshot import snapshot_png

    for article in loaded:
        result = run(article, geocoder=geocoder)
        html_path = Path(out_dir) / f"{article.id}.html"
        json_path = Path(geojson_path or Path("data") / f"{article.id}.geojson")
        m = render_map(
            result.places_frame,
            result.areas_frame,
            incidents=result.incidents_frame,
            article=article,
            tiles=tiles,
        )
        write_map(m, html_path)
        write_geojson(
            result.places_frame, result.areas_frame, json_path, incidents=result.incidents_frame
        )
        n_places, n_areas = len(result.places_frame), len(result.areas_frame)
        summary = (
            f"{plural(n_places, 'place')}, {plural(n_areas, 'area')}, "
            f"{plural(len(result.incidents_frame), 'incident')}"
            if n_places
            else "no places found"
        )
        outputs = f"{html_path}, {json_path}"
        if png_path:
            snapshot_png(html_path, png_path)
            outputs += f", {png_path}"
        click.echo(f"{article.path}: {summary} -> {outputs}")
        if open_browser and not webbrowser.open(html_path.resolve().as_uri()):
            raise GeomapError(f"{html_path}: written, but no web browser could be opened")
