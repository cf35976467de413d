"""The ``geomap`` command group: each command is its own module, errors are one line.

Exit codes: 0 done; 1 the input or the environment is wrong (the message says
how); 2 the command line is wrong; 3 an internal error (a bug: set
GEOMAP_DEBUG=1 for the traceback); 130 interrupted.
"""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from geomap import __version__
from geomap.cli.add import add_command
from geomap.cli.build import build_command
from geomap.cli.cache import cache
from geomap.cli.export import export_command
from geomap.cli.fix import fix_command
from geomap.cli.gazetteer import gazetteer
from geomap.cli.geocode import geocode
from geomap.cli.geoparse import geoparse
from geomap.cli.incidents import incidents_command
from geomap.cli.list import list_command
from geomap.cli.map import map_command
from geomap.cli.watch import watch_command
from geomap.errors import GeomapError, printable

__all__ = ["cli"]

EXIT_INPUT, EXIT_INTERNAL, EXIT_INTERRUPTED = 1, 3, 130


class _OneLineErrors(click.Group):
    """Turns every failure into one line on stderr and a documented exit code."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as e:
            _usage_error(e)
            raise  # not reached

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.UsageError as e:
            _usage_error(e)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except GeomapError as e:
            _fail(str(e), EXIT_INPUT)
        except KeyboardInterrupt:
            _fail("interrupted", EXIT_INTERRUPTED)
        except BrokenPipeError:
            sys.exit(0)
        except Exception as e:
            if os.environ.get("GEOMAP_DEBUG"):
                raise
            _fail(f"internal error: {type(e).__name__}: {e} (GEOMAP_DEBUG=1 shows more)",
                  EXIT_INTERNAL)


def _usage_error(e: click.UsageError) -> None:
    """A wrong command line: one line, exit 2, saying where the help is."""
    command = e.ctx.command_path if e.ctx is not None else "geomap"
    _fail(f"{e.format_message()} (see {command} --help)", e.exit_code)


def _fail(message: str, code: int) -> None:
    click.echo(f"geomap: {printable(message)}", err=True)
    sys.exit(code)


@click.group(cls=_OneLineErrors, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="geomap")
def cli() -> None:
    """Turn news articles about incidents into maps, offline by default.

    \b
    Exit codes: 0 done, 1 bad input (one line says why), 2 bad command line,
    3 internal error (GEOMAP_DEBUG=1 shows the traceback), 130 interrupted.
    """


cli.add_command(map_command)
cli.add_command(geocode)
cli.add_command(geoparse)
cli.add_command(incidents_command)
cli.add_command(cache)
cli.add_command(gazetteer)
cli.add_command(add_command)
cli.add_command(build_command)
cli.add_command(watch_command)
cli.add_command(list_command)
cli.add_command(export_command)
cli.add_command(fix_command)
