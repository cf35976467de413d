"""Read-only and full disks, for real: small tmpfs mounts (root only, skipped otherwise).

Outputs and the cache folder on them fail with one line, exit 1, and leave no file.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from geomap.gazetteer.index import CACHE_ENV, INDEX_FILE

ARTICLE = """Chemical leak forces evacuation in Kawasaki

Firefighters in Kawasaki, in Japan's Kanagawa Prefecture, evacuated about 1,200 residents
living within a 2-kilometre radius of a refinery on Tuesday after a toxic gas leak.
"""


@contextlib.contextmanager
def tmpfs(path: Path, size: str, *, fill: dict[str, bytes] | None = None,
          read_only: bool = False) -> Iterator[Path]:  # fmt: skip
    """A tmpfs of ``size`` at ``path`` holding ``fill``, then made read-only if asked."""
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    path.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
                             capture_output=True, text=True)  # fmt: skip
    if mounted.returncode:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        for name, data in (fill or {}).items():
            (path / name).write_bytes(data)
        if read_only:
            subprocess.run(["mount", "-o", "remount,ro", str(path)], check=True)
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


def geomap(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    exe = shutil.which("geomap")
    if exe is None:
        pytest.skip("the geomap console script is not installed")
    return subprocess.run([exe, *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=300)  # fmt: skip


def one_line_error(done: subprocess.CompletedProcess) -> str:
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("geomap: "), done.stderr
    return lines[0]


def _files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if not p.is_dir())


@pytest.fixture
def workdir(tmp_path: Path, gazetteer_cache: Path) -> Path:
    (tmp_path / "leak.txt").write_text(ARTICLE, encoding="utf-8")
    return tmp_path


def test_outputs_on_a_read_only_disk_stop_the_run_before_any_work(workdir) -> None:
    with tmpfs(workdir / "ro", "1m", read_only=True):
        line = one_line_error(geomap("map", "leak.txt", "--out-dir", "ro/maps", cwd=workdir))
        assert "ro/maps" in line and "read-only file system" in line
        line = one_line_error(geomap("map", "leak.txt", "--geojson", "ro/a.geojson", cwd=workdir))
        assert "ro/a.geojson" in line and "read-only file system" in line
    assert _files(workdir) == ["leak.txt"]  # no maps/ or data/: nothing was written


def test_outputs_on_a_full_disk_fail_in_one_line_and_leave_no_partial_file(workdir) -> None:
    with tmpfs(workdir / "full", "64k") as full:  # a map is a few hundred KB
        done = geomap("map", "leak.txt", "--out-dir", "full/maps",
                      "--geojson", "full/leak.geojson", cwd=workdir)  # fmt: skip
        line = one_line_error(done)
        assert "full/maps/leak.html: cannot write: no space left on the disk" in line
        assert _files(full) == []  # neither a partial map nor a temporary file
    assert not (workdir / "data").exists()


def test_replacing_a_file_on_a_full_disk_keeps_the_old_one(workdir) -> None:
    with tmpfs(workdir / "full", "64k", fill={"leak.html": b"old map"}) as full:
        one_line_error(geomap("map", "leak.txt", "--out-dir", "full",
                              "--geojson", "full/leak.geojson", cwd=workdir))  # fmt: skip
        assert _files(full) == ["leak.html"]
        assert (full / "leak.html").read_bytes() == b"old map"


def test_a_read_only_empty_cache_folder_says_where_the_index_goes(workdir) -> None:
    with tmpfs(workdir / "cache", "1m", read_only=True) as cache:
        done = geomap("geocode", "Paris", cwd=workdir, env=os.environ | {CACHE_ENV: str(cache)})
        line = one_line_error(done)
    assert f"cannot build the gazetteer index in {cache}: the file system is read-only" in line
    assert CACHE_ENV in line and "75 MB" in line


def test_a_cache_folder_too_small_for_the_index_is_one_line(workdir) -> None:
    with tmpfs(workdir / "cache", "1m") as cache:
        done = geomap("geocode", "Paris", cwd=workdir, env=os.environ | {CACHE_ENV: str(cache)})
        line = one_line_error(done)
        assert os.listdir(cache) == []  # the partial index was removed
    assert f"cannot build the gazetteer index in {cache}: " in line and "full" in line


def test_a_damaged_index_on_a_read_only_disk_says_how_to_rebuild(
    workdir, gazetteer_cache: Path
) -> None:
    data = bytearray((gazetteer_cache / INDEX_FILE).read_bytes())
    middle = len(data) // 4
    data[middle : middle * 3] = b"\xff" * (middle * 2)  # the header still names its inputs
    with tmpfs(workdir / "cache", "120m", fill={INDEX_FILE: bytes(data)}, read_only=True) as cache:
        env = os.environ | {CACHE_ENV: str(cache)}
        line = one_line_error(geomap("map", "leak.txt", cwd=workdir, env=env))
        assert os.listdir(cache) == [INDEX_FILE]
    assert f"the gazetteer index {cache}/{INDEX_FILE} is damaged" in line
    assert f"delete it (or set {CACHE_ENV} to another folder) to have it rebuilt" in line
