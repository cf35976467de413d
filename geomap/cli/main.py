"""The ``geomap`` command group: each command is its own module, errors are one line.

Exit codes: 0 done; 1 the input or the environment is wrong (the message says
how); 2 the command line is wrong; 3 an internal error (a bug: set
GEOMAP_DEBUG=1 for the traceback); 130 interrupted.
"""

from __future__ import annotations

import importlib
import os
import sys
from typing import Any

import click

from geomap import __version__
from geomap.errors import GeomapError, printable

__all__ = ["COMMANDS", "cli"]

EXIT_INPUT, EXIT_INTERNAL, EXIT_INTERRUPTED = 1, 3, 130


COMMANDS = {
    "add": ("geomap.cli.add", "add_command"),
    "build": ("geomap.cli.build", "build_command"),
    "cache": ("geomap.cli.cache", "cache"),
    "export": ("geomap.cli.export", "export_command"),
    "fix": ("geomap.cli.fix", "fix_command"),
    "gazetteer": ("geomap.cli.gazetteer", "gazetteer"),
    "geocode": ("geomap.cli.geocode", "geocode"),
    "geoparse": ("geomap.cli.geoparse", "geoparse"),
    "incidents": ("geomap.cli.incidents", "incidents_command"),
    "list": ("geomap.cli.list", "list_command"),
    "map": ("geomap.cli.map", "map_command"),
    "watch": ("geomap.cli.watch", "watch_command"),
}
"""Each command's module and attribute: a command's module (and what it imports) is loaded
only when that command runs or the help lists it, not on every start (~0.2 s for all)."""


class _OneLineErrors(click.Group):
    """Turns every failure into one line on stderr and a documented exit code; loads
    each command from ``COMMANDS`` when it is first asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module, attribute = COMMANDS[cmd_name]
        command: click.Command = getattr(importlib.import_module(module), attribute)
        return command

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

