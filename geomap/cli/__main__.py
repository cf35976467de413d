"""``python -m geomap.cli`` runs the same CLI as the ``geomap`` script."""

from geomap.cli.main import cli

cli(prog_name="geomap")
