"""``geomap gazetteer``: import your own places (GeoNames dumps, CSV) and see what is loaded."""

from __future__ import annotations

import sqlite3

import click

from geomap.cli.options import plural

__all__ = ["gazetteer"]


@click.group()
def gazetteer() -> None:
    """The offline gazetteer: the built-in index plus the places you import."""


@gazetteer.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
def import_command(files: tuple[str, ...]) -> None:
    """Add the places in each FILE to your gazetteer.

    \b
    FILE is a GeoNames dump (allCountries.txt, a country file such as UA.txt,
    or their .zip) or a CSV of your own places with the columns
    name,lat,lon,feature_type,country_code and optionally
    alternate_names (separated by ;), admin1, population.
    Importing a file with the same name again replaces its places.  GeoNames
    rows with impossible values (a point outside the Earth) are rejected and
    counted; a compressed file may expand to 100 times its size (at least 100 MB).
    """
    from geomap.gazetteer.user_places import UserPlaces

    with UserPlaces.open() as places:
        for path in files:
            report = places.import_file(path)
            left_out = "".join([
                f", {plural(report.skipped, 'row')} of unused kinds skipped"
                if report.skipped else "",
                f", {plural(report.rejected, 'row')} with impossible values rejected (a point"
                " outside the Earth, an id past 64 bits or a population past ten billion)"
                if report.rejected else "",
            ])  # fmt: skip
            click.echo(f"{path}: {report.places} places imported as {report.source}{left_out}")
        click.echo(f"{places.path}: {len(places)} imported places in all")


@gazetteer.command("packs")
def packs_command() -> None:
    """List the place packs geomap ships and which are installed.

    \b
    A pack holds places too many for the default index: the villages and
    neighbourhoods of one country (wof-ua: Ukraine, wof-lb: Lebanon...).
    geomap gazetteer install NAME adds one.
    """
    from geomap.gazetteer.packs import available, pack_source
    from geomap.gazetteer.user_places import UserPlaces

    user = UserPlaces.existing()
    installed = {}
    if user is not None:
        with user:
            installed = {s.source: s.places for s in user.sources()}
    for pack in available():
        count = installed.get(pack_source(pack.name))
        state = f"installed ({plural(count, 'place')})" if count is not None else "-"
        click.echo(f"{pack.name}\t{pack.size / 1e6:.1f} MB\t{state}")


@gazetteer.command("install")
@click.argument("names", nargs=-1, required=True)
def install_command(names: tuple[str, ...]) -> None:
    """Add the places of each pack NAME (see geomap gazetteer packs) to your gazetteer.

    Installing a pack again replaces its places.
    """
    from geomap.gazetteer.packs import install

    for name in names:
        report = install(name)
        click.echo(f"{name}: {plural(report.places, 'place')} installed as {report.source}")


@gazetteer.command("info")
def info() -> None:
    """Show the gazetteer's sources and how many places each gives."""
    from geomap.gazetteer.index import GazetteerIndex, default_data_dir
    from geomap.gazetteer.user_places import UserPlaces

    with GazetteerIndex.open() as index:
        click.echo(f"index: {index.path} ({len(index)} places)")
        click.echo(f"data: {default_data_dir()}")
        conn = sqlite3.connect(f"file:{index.path}?mode=ro", uri=True)
        try:
            rows = conn.execute(
                "SELECT source, COUNT(*) FROM entries GROUP BY source ORDER BY COUNT(*) DESC"
            ).fetchall()
        finally:
            conn.close()
        for source, n in rows:
            click.echo(f"  {source}: {n}")
    user = UserPlaces.existing()
    if user is None:
        click.echo("imported: none (geomap gazetteer import FILE adds places)")
        return
    with user:
        click.echo(f"imported: {user.path} ({len(user)} places)")
        for s in user.sources():
            click.echo(f"  {s.source}: {s.places} ({s.path})")
