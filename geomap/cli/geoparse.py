"""``geomap geoparse``: JSON Lines articles in, their toponyms with coordinates out (in one
process, or on a Dask cluster with ``--engine dask``)."""

from __future__ import annotations

import json
import sys

import click

from geomap.cli.collection_options import engine_options, make_engine
from geomap.cli.options import geocoder_options, make_geocoder
from geomap.errors import GeomapError
from geomap.files import atomic_write_text

__all__ = ["geoparse"]


@click.command("geoparse")
@click.argument("source", metavar="IN.jsonl", type=click.Path(dir_okay=False, allow_dash=True))
@click.option(
    "-o",
    "--output",
    default="-",
    show_default=True,
    type=click.Path(dir_okay=False, writable=True, allow_dash=True),
    help="Output JSON Lines file ('-' for standard output).",
)
@click.option(
    "--given-spans",
    is_flag=True,
    help='Resolve the spans in each record\'s "toponyms" instead of finding names.',
)
@geocoder_options
@engine_options
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=1,
              help="With --engine dask: the local cluster's workers (default: one per core).")
def geoparse(
    source: str,
    output: str,
    given_spans: bool,
    geocoder_name: str,
    geocoder_options: tuple[str, ...],
    engine: str,
    scheduler: str | None,
    jobs: int,
) -> None:
    """Find and place the toponyms of each article in IN.jsonl ('-' for standard input).

    The file is resolved as one batch: articles from the same site ("url" or
    "domain") tell each other where that site's home is, so a local paper's "Paris"
    is its own town. A site's country-code domain (.co.uk, .ca) counts too.

    \b
    Input, one record a line:  {"id", "text", "title"?, "date"?, "url"?, "domain"?,
                                "toponyms"?}
    Output, one record a line: {"id", "toponyms": [{"start", "end", "name", "lat",
    "lon", "geonameid", "feature_type", "country_code", "place", "score"}]}
    Unresolved toponyms have null coordinates.  With --engine dask the records are
    parsed on a Dask cluster, each outlet's articles together, so the output is the same.
    """
    from geomap.geoparse.jsonl import geoparse_records, read_records

    dask = make_engine(engine, scheduler, jobs)
    if dask is None and jobs != 1:
        raise click.BadParameter("--jobs needs --engine dask", param_hint="'--jobs'")
    label = "stdin" if source == "-" else source
    records = read_records(_read_lines(source, label), source=label)
    if dask is not None:
        with dask:
            out = dask.geoparse(records, given_spans=given_spans, geocoder_name=geocoder_name,
                                geocoder_options=geocoder_options)  # fmt: skip
        lines = (json.dumps(r, ensure_ascii=False) for r in out)
    else:
        geocoder = make_geocoder(geocoder_name, geocoder_options)
        lines = (json.dumps(r, ensure_ascii=False) for r in
                 geoparse_records(records, given_spans=given_spans, geocoder=geocoder))  # fmt: skip
    if output == "-":
        for line in lines:
            click.echo(line)
    else:
        atomic_write_text(output, "".join(f"{line}\n" for line in lines))


def _read_lines(source: str, label: str) -> list[str]:
    """The lines of IN.jsonl, read up to geomap's input limit (20 MB)."""
    from pathlib import Path

    from geomap.article import read_bounded, read_file_bytes

    if source == "-":
        raw = read_bounded(sys.stdin.buffer, "stdin")
    else:
        raw = read_file_bytes(Path(source))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise GeomapError(f"{label}: not UTF-8 text (byte offset {e.start})") from None
    return text.split("\n")  # not splitlines(): U+2028 may sit in a string
