"""The one exception type users see, and the one way a line reaches them on stderr."""

from __future__ import annotations

import sys

__all__ = ["GeomapError", "printable", "warn"]


class GeomapError(Exception):
    """A problem with the user's input or environment, reported without a traceback."""

    exit_code = 1


def printable(text: str) -> str:
    """``text`` as one line that any terminal or pipe can take.

    File names that are not UTF-8 reach Python as lone surrogates (PEP 383); printed
    as they are, they stop the run with UnicodeEncodeError. Their bytes are shown as
    ``\\xNN`` instead, and line breaks become spaces so a message stays one line.
    """
    try:
        safe = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a surrogate that is not an escaped byte
        safe = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return " ".join(safe.split())


def warn(message: str) -> None:
    """Tell the user something on stderr, as one ``geomap:`` line, and go on."""
    print(f"geomap: {printable(message)}", file=sys.stderr, flush=True)
