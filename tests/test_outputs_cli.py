"""``geomap map``'s outputs through the real console script: never a link, a folder, a
device or a FIFO replaced, ``-`` for standard output, odd names and dates handled."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

ARTICLE = """Chemical leak forces evacuation in Kawasaki

Firefighters in Kawasaki, in Japan's Kanagawa Prefecture, evacuated about 1,200 residents
living within a 2-kilometre radius of a refinery on Tuesday after a toxic gas leak.
"""


def geomap(*args: str | bytes, cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess:
    """The installed console script, as a user runs it (bytes for odd file names)."""
    exe = shutil.which("geomap")
    if exe is None:
        pytest.skip("the geomap console script is not installed")
    return subprocess.run([exe, *args], cwd=cwd, capture_output=True, timeout=timeout)


def one_line_error(done: subprocess.CompletedProcess, code: int = 1) -> str:
    """The single ``geomap:`` line a failed run printed (asserting there is just that)."""
    err = done.stderr.decode("utf-8", "replace")
    assert done.returncode == code, err
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("geomap: "), err
    return lines[0]


@pytest.fixture
def workdir(tmp_path: Path, gazetteer_cache: Path) -> Path:
    """A folder with one article; the session's index is built, so runs take seconds."""
    (tmp_path / "leak.txt").write_text(ARTICLE, encoding="utf-8")
    return tmp_path


def _snapshot(folder: Path) -> dict[str, tuple[int, int, int]]:
    """Every entry's type, inode and size: what must not change when a run is refused."""
    out = {}
    for path in sorted(folder.rglob("*")):
        info = path.lstat()
        out[str(path.relative_to(folder))] = (stat.S_IFMT(info.st_mode), info.st_ino, info.st_size)
    return out


def test_a_link_folder_fifo_or_device_as_geojson_is_refused_before_any_work(workdir) -> None:
    (workdir / "real.geojson").write_text("kept", encoding="utf-8")
    (workdir / "link.geojson").symlink_to(workdir / "real.geojson")
    (workdir / "folder.geojson").mkdir()
    os.mkfifo(workdir / "fifo.geojson")
    refused = {"link.geojson": "symbolic link", "folder.geojson": "folder", "fifo.geojson": "FIFO"}
    if os.geteuid() == 0:  # as root the old writer replaced /dev/full; a private copy here
        os.mknod(workdir / "full.geojson", 0o666 | stat.S_IFCHR, os.makedev(1, 7))
        refused["full.geojson"] = "device"
    before = _snapshot(workdir)
    for name, kind in refused.items():
        line = one_line_error(geomap("map", "leak.txt", "--geojson", name, cwd=workdir))
        assert name in line and kind in line
    assert _snapshot(workdir) == before  # no maps/ or data/ folder: it stopped before work
    assert (workdir / "real.geojson").read_text(encoding="utf-8") == "kept"


def test_an_existing_map_that_is_a_link_is_refused_before_any_work(workdir) -> None:
    (workdir / "maps").mkdir()
    (workdir / "elsewhere.html").write_text("kept", encoding="utf-8")
    (workdir / "maps" / "leak.html").symlink_to(workdir / "elsewhere.html")
    line = one_line_error(geomap("map", "leak.txt", cwd=workdir))
    assert "maps/leak.html" in line and "symbolic link" in line
    assert not (workdir / "data").exists()
    assert (workdir / "maps" / "leak.html").is_symlink()
    assert (workdir / "elsewhere.html").read_text(encoding="utf-8") == "kept"


def test_out_dir_under_a_file_is_one_line_and_nothing_is_written(workdir) -> None:
    (workdir / "notes").write_text("x", encoding="utf-8")
    before = _snapshot(workdir)
    line = one_line_error(geomap("map", "leak.txt", "--out-dir", "notes/maps", cwd=workdir))
    assert "notes/maps" in line and "not a folder" in line
    line = one_line_error(geomap("map", "leak.txt", "--geojson", "notes/a.geojson", cwd=workdir))
    assert "notes/a.geojson" in line and "not a folder" in line
    assert _snapshot(workdir) == before


def test_a_linked_out_dir_is_fine(workdir) -> None:
    (workdir / "real-maps").mkdir()
    (workdir / "maps").symlink_to(workdir / "real-maps")
    done = geomap("map", "leak.txt", cwd=workdir)
    assert done.returncode == 0, done.stderr
    assert (workdir / "real-maps" / "leak.html").stat().st_size > 0


def test_an_out_dir_linked_to_nothing_is_refused_before_any_work(workdir) -> None:
    (workdir / "maps").symlink_to(workdir / "gone")
    before = _snapshot(workdir)
    line = one_line_error(geomap("map", "leak.txt", cwd=workdir))
    assert "link to a folder that does not exist" in line
    assert _snapshot(workdir) == before


def test_dash_writes_the_geojson_to_stdout_and_the_summary_to_stderr(workdir) -> None:
    done = geomap("map", "leak.txt", "--geojson", "-", cwd=workdir)
    assert done.returncode == 0, done.stderr
    collection = json.loads(done.stdout)
    names = {f["properties"].get("name") for f in collection["features"]}
    assert {"Kawasaki", "Japan"} <= names
    assert done.stderr.decode().startswith("leak.txt: ") and "-> maps/leak.html, -" in (
        done.stderr.decode()
    )
    assert not (workdir / "data").exists() and not (workdir / "-").exists()
    assert (workdir / "maps" / "leak.html").is_file()


def test_only_one_output_can_go_to_stdout(workdir) -> None:
    done = geomap("map", "leak.txt", "--geojson", "-", "--png", "-", cwd=workdir)
    assert done.returncode == 2 and b"standard output" in done.stderr
    assert b"Traceback" not in done.stderr


def test_a_file_name_that_is_not_utf8_is_mapped_and_printed(workdir) -> None:
    name = b"caf\xe9.txt"
    (workdir / os.fsdecode(name)).write_text(ARTICLE, encoding="utf-8")
    done = geomap("map", name, cwd=workdir)
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode("ascii").startswith("caf\\xe9.txt: ")  # readable, one line
    assert os.listdir(os.fsencode(workdir / "maps")) == [b"caf\xe9.html"]
    geojson = (workdir / "data" / os.fsdecode(b"caf\xe9.geojson")).read_bytes()
    assert "Kawasaki" in geojson.decode("utf-8")  # the output is valid UTF-8


@pytest.mark.parametrize("date", ["9999-12-31", "0001-01-01", "1799-12-31", "2201-01-01"])
def test_a_date_outside_the_sane_range_is_a_command_line_error(workdir, date) -> None:
    done = geomap("map", "leak.txt", "--date", date, cwd=workdir)
    err = done.stderr.decode()
    assert done.returncode == 2 and "1800-01-01 to 2200-12-31" in err and "Traceback" not in err
    assert not (workdir / "maps").exists()


@pytest.mark.parametrize("date", ["1800-01-01", "2200-12-31"])
def test_dates_at_the_edges_of_the_range_map_end_to_end(workdir, date) -> None:
    done = geomap("map", "leak.txt", "--date", date, "--geojson", "-", cwd=workdir)
    assert done.returncode == 0, done.stderr
    incidents = [
        f for f in json.loads(done.stdout)["features"] if f["properties"]["kind"] == "incident"
    ]
    (leak,) = incidents
    assert leak["properties"]["source_date"] == date
    tuesday = dt.date.fromisoformat(leak["properties"]["date_start"])  # "on Tuesday"
    assert tuesday.weekday() == 1 and 0 <= (dt.date.fromisoformat(date) - tuesday).days < 7


@pytest.mark.browser
def test_dash_writes_the_png_snapshot_to_stdout(workdir) -> None:
    from geomap.render.snapshot import chromium_path

    if chromium_path() is None:
        pytest.skip("no Chromium on this machine")
    done = geomap("map", "leak.txt", "--png", "-", cwd=workdir)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(b"\x89PNG\r\n\x1a\n") and len(done.stdout) > 10_000
    assert done.stderr.decode().endswith("-> maps/leak.html, data/leak.geojson, -\n")
