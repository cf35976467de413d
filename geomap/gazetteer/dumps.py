"""Reading GeoNames dumps and CSV files of places safely, line by line.

A file given to ``geomap gazetteer import`` may be plain, gzipped or zipped, and may be
anything at all: a decompression bomb, one endless line, text in another encoding, a
corrupt or encrypted archive.  Reading it is kept here, apart from what is done with the
rows (:mod:`geomap.gazetteer.user_places`), so that every read is bounded the same way:

- decompression is bounded: a zipped or gzipped file may expand to :data:`MAX_EXPANSION`
  times its size (at least :data:`MIN_EXPANDED_BYTES`), counted while it inflates, so a
  bomb ends in one line, not in a full memory or disk;
- lines are bounded: none may pass :data:`MAX_LINE_CHARS`;
- text is checked as UTF-8, and the first line that is not is named.

Every failure to read is one :class:`~geomap.errors.GeomapError` line naming the file.
"""

from __future__ import annotations

import gzip
import io
import lzma
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import IO

from geomap.errors import GeomapError

__all__ = ["MAX_EXPANSION", "MAX_LINE_CHARS", "MIN_EXPANDED_BYTES", "text_lines"]

MAX_EXPANSION = 100
"""A compressed file may expand to this many times its own size (text compresses 3 to
10 times; a bomb a thousand times or more)..."""
MIN_EXPANDED_BYTES = 100_000_000
"""...and to this many bytes whatever its size, so small files are never refused."""
MAX_LINE_CHARS = 1_000_000
"""No GeoNames or CSV line of a real place is this long (the longest GeoNames rows, with
hundreds of alternate names, are some tens of kilobytes)."""
# What zipfile, gzip and zlib raise for a corrupt, truncated, encrypted or odd archive.
_ARCHIVE_ERRORS = (OSError, EOFError, zlib.error, lzma.LZMAError, zipfile.BadZipFile,
                   RuntimeError, NotImplementedError, ValueError)  # fmt: skip


def text_lines(path: Path) -> Iterator[str]:
    """Text lines of a plain, gzipped or zipped file (a zip's first .txt or .csv member),
    each at most :data:`MAX_LINE_CHARS`; every failure to read is one GeomapError line."""
    number = 0
    try:
        with _open_text(path) as fh:
            while line := fh.readline(MAX_LINE_CHARS + 1):
                number += 1
                if len(line) > MAX_LINE_CHARS:
                    raise GeomapError(f"{path}: line {number} is longer than"
                                      f" {MAX_LINE_CHARS:,} characters: not a list of places")
                yield line
    except UnicodeDecodeError:
        raise GeomapError(f"{path}: line {number + 1}: not UTF-8 text"
                          " (convert it first, e.g. with iconv -t UTF-8)") from None
    except _ARCHIVE_ERRORS as e:
        why = "it is encrypted" if "encrypted" in str(e) else str(e) or type(e).__name__
        raise GeomapError(f"{path}: cannot read it: {why}") from None


@contextmanager
def _open_text(path: Path) -> Iterator[IO[str]]:
    limit = max(MAX_EXPANSION * path.stat().st_size, MIN_EXPANDED_BYTES)
    with ExitStack() as stack:
        raw: IO[bytes]
        if zipfile.is_zipfile(path):
            zf = stack.enter_context(zipfile.ZipFile(path))
            members = [m for m in zf.infolist() if m.filename.lower().endswith((".txt", ".csv"))]
            members = [m for m in members if "readme" not in m.filename.lower()] or members
            if not members:
                raise GeomapError(f"{path}: the zip file holds no .txt or .csv file")
            if members[0].file_size > limit:
                raise _bomb(path, limit)
            raw = io.BufferedReader(_Capped(stack.enter_context(zf.open(members[0])), limit, path))
        elif path.suffix.lower() == ".gz":
            raw = io.BufferedReader(_Capped(stack.enter_context(gzip.open(path)), limit, path))
        else:
            raw = stack.enter_context(path.open("rb"))
        yield io.TextIOWrapper(raw, encoding="utf-8", newline="")


class _Capped(io.RawIOBase):
    """A decompressing stream that stops with one line once more than ``limit`` bytes
    came out of it: a bomb is caught while it inflates, not after."""

    def __init__(self, stream: IO[bytes], limit: int, path: Path) -> None:
        self._stream, self._limit, self._path, self._total = stream, limit, path, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self._stream.read(len(buffer))
        self._total += len(data)
        if self._total > self._limit:
            raise _bomb(self._path, self._limit)
        buffer[: len(data)] = data
        return len(data)


def _bomb(path: Path, limit: int) -> GeomapError:
    return GeomapError(f"{path}: expands to more than {limit // 1_000_000:,} MB"
                       f" ({MAX_EXPANSION} times its size): refused as a decompression bomb")

