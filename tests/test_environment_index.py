"""The gazetteer index's cache folder when things go wrong: a damaged index is rebuilt (or
removed so the next run rebuilds it), a cache folder that cannot hold it is one line."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from geomap.errors import GeomapError
from geomap.gazetteer.index import CACHE_ENV, INDEX_FILE, GazetteerIndex

SMALL = {"min_city_population": 15000, "progress": False}
"""A small index (GeoNames cities of 15,000 people or more) builds in seconds."""


@pytest.fixture(scope="module")
def small_index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A small index built once for this module; tests damage copies of it."""
    cache = tmp_path_factory.mktemp("small-index")
    GazetteerIndex.open(cache, **SMALL).close()
    yield cache / INDEX_FILE


def _copy_of(small_index: Path, tmp_path: Path) -> Path:
    cache = tmp_path / "cache"
    cache.mkdir()
    shutil.copy(small_index, cache / INDEX_FILE)
    return cache


def _overwrite_middle(path: Path) -> None:
    """Garbage over the middle half of the file, its header left intact."""
    size = path.stat().st_size
    with path.open("r+b") as fh:
        fh.seek(size // 4)
        fh.write(b"\xff" * (size // 2))


def test_a_truncated_index_is_rebuilt_with_one_line(small_index, tmp_path, capfd) -> None:
    cache = _copy_of(small_index, tmp_path)
    os.truncate(cache / INDEX_FILE, (cache / INDEX_FILE).stat().st_size // 2)
    with GazetteerIndex.open(cache, **SMALL) as index:
        assert [e.country_code for e in index.lookup("Paris", limit=1)] == ["FR"]
    err = capfd.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("geomap: the gazetteer index ")
    assert "malformed" in err[0] and err[0].endswith("rebuilding it")
    assert (cache / INDEX_FILE).stat().st_size == small_index.stat().st_size
    assert not list(cache.glob(".*.tmp"))


def test_garbage_inside_an_index_is_removed_then_rebuilt(small_index, tmp_path, capfd) -> None:
    cache = _copy_of(small_index, tmp_path)
    _overwrite_middle(cache / INDEX_FILE)
    # The header still names the right inputs: the damage shows when pages are read.
    with pytest.raises(GeomapError) as damaged, GazetteerIndex.open(cache, **SMALL) as index:
        for name in ("Paris", "Kyiv", "Tokyo", "Lagos", "Lima", "Oslo", "Perth"):
            index.lookup(name)
    assert "is damaged (database disk image is malformed)" in str(damaged.value)
    assert str(damaged.value).endswith("it was removed and will be rebuilt on the next run")
    assert not (cache / INDEX_FILE).exists()
    with GazetteerIndex.open(cache, **SMALL) as index:  # the next run
        assert [e.country_code for e in index.lookup("Kyiv", limit=1)] == ["UA"]


@pytest.mark.parametrize("where", ["file", "under a file"])
def test_a_cache_folder_that_is_a_file_is_one_line(tmp_path, where) -> None:
    (tmp_path / "cache").write_text("not a folder", encoding="utf-8")
    cache = tmp_path / "cache" if where == "file" else tmp_path / "cache" / "geomap"
    with pytest.raises(GeomapError) as refused:
        GazetteerIndex.open(cache, **SMALL)
    message = str(refused.value)
    assert f"cannot build the gazetteer index in {cache}: " in message
    assert CACHE_ENV in message and "75 MB" in message
    assert (tmp_path / "cache").read_text(encoding="utf-8") == "not a folder"


def test_the_console_script_says_where_the_index_goes(tmp_path) -> None:
    exe = shutil.which("geomap")
    if exe is None:
        pytest.skip("the geomap console script is not installed")
    (tmp_path / "cache").write_text("not a folder", encoding="utf-8")
    env = os.environ | {CACHE_ENV: str(tmp_path / "cache")}
    done = subprocess.run(
        [exe, "geocode", "Paris"], env=env, capture_output=True, text=True, timeout=120
    )
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 1 and len(lines) == 1 and "Traceback" not in done.stderr
    assert lines[0].startswith(f"geomap: cannot build the gazetteer index in {tmp_path}/cache")
    assert CACHE_ENV in lines[0]
