"""The one exception type users see: its message is printed as a single line."""

from __future__ import annotations

__all__ = ["GeomapError"]


class GeomapError(Exception):
    """A problem with the user's input or environment, reported without a traceback."""

    exit_code = 1
