"""The command group loads each command's module only when that command is asked for."""

from __future__ import annotations

import subprocess
import sys

import click

from geomap.cli.main import COMMANDS, cli


def test_every_listed_command_loads_under_its_own_name() -> None:
    ctx = click.Context(cli)
    assert cli.list_commands(ctx) == sorted(COMMANDS)
    for name in COMMANDS:
        command = cli.get_command(ctx, name)
        assert command is not None and command.name == name
    assert cli.get_command(ctx, "nope") is None


def test_starting_one_command_imports_no_other() -> None:
    script = (
        "import sys\n"
        "from geomap.cli.main import COMMANDS, cli\n"
        "try:\n"
        "    cli(['list', '--help'], prog_name='geomap')\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(n for n, (m, _) in COMMANDS.items() if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=True)  # fmt: skip
    assert out.stdout.splitlines()[-1] == "['list']"
    assert "Summarise the collection NAME" in out.stdout


def test_unknown_command_is_one_line_and_exit_2() -> None:
    out = subprocess.run([sys.executable, "-m", "geomap.cli", "mapp"], capture_output=True,
                         text=True)  # fmt: skip
    assert out.returncode == 2
    assert out.stderr.strip().splitlines() == [
        "geomap: No such command 'mapp'. (see geomap --help)"
    ]
