"""CSV: one row per incident, ACLED's 31 columns first, then geomap's own.

:mod:`geomap.writers._acled` says how each ACLED column is filled.  Articles are
untrusted, and a spreadsheet runs a cell that starts with ``=`` as a formula, so
text cells are neutralised as OWASP's CSV-injection advice says (see
:func:`spreadsheet_text`) and quoted; numeric columns hold numbers only and are
left as numbers (a longitude of -3.7 stays a number).
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path
from typing import Any

import pandas as pd

from geomap.export import json_safe
from geomap.files import atomic_write_text
from geomap.writers import Layers
from geomap.writers._acled import NUMERIC_COLUMNS, acled_table

SUFFIX = ".csv"
ABOUT = "CSV, one row per incident: ACLED's 31 columns, then geomap's own"
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n", "\0")
"""A text cell starting with one of these is read as a formula by some spreadsheet:
OWASP's list (``= + - @``, tab, carriage return), plus line feed and NUL (ASVS)."""


def spreadsheet_text(value: str) -> str:
    """``value`` as a spreadsheet shows text, never as a formula: OWASP's CSV-injection
    rule, a single quote before a cell that starts with a formula character (the
    spreadsheet shows the quote; the text after it is unchanged)."""
    return f"'{value}" if value.startswith(FORMULA_PREFIXES) else value


def csv_cells(table: pd.DataFrame) -> list[list[Any]]:
    """The table's rows as CSV cells: numbers in numeric columns (None when missing),
    neutralised text everywhere else."""
    numeric = [name in NUMERIC_COLUMNS for name in table.columns]
    rows = []
    for values in table.itertuples(index=False, name=None):
        cells: list[Any] = []
        for is_number, value in zip(numeric, values, strict=True):
            if value is not None and type(value) is not str:
                value = json_safe(value)
            if value is None:
                cells.append(None)
            elif is_number:
                cells.append(value if isinstance(value, int | float) else None)
            else:
                cells.append(spreadsheet_text(str(value)))
        rows.append(cells)
    return rows


def write(layers: Layers, path: str | os.PathLike[str]) -> Path:
    """Text cells are quoted as well as neutralised: a spreadsheet that splits on ``;``
    or tabs then cannot start a new cell inside an article's text."""
    table = acled_table(layers)
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\r\n")
    writer.writerow(table.columns)
    writer.writerows(csv_cells(table))
    return atomic_write_text(path, buffer.getvalue())
