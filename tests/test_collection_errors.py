"""Ordinary mistakes with collections are one line and exit 1 (2 for the command line).

Odd collection names, files that are not collections, a GeoPackage from another
tool, damaged files, read-only files and folders, a data folder under a file: each
is run through the real command group and must give one ``geomap:`` line (or
click's usage error for a bad name), never an internal error.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import geopandas as gpd
import pytest
import shapely
from click.testing import CliRunner, Result

from geomap.cli.main import cli

STORM = "A storm damaged about 20 homes in Bergen, Norway on May 2, 2024."
FLOOD = "Floods forced 300 residents from their homes in Recife, Brazil on May 3, 2024."


def geomap(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def one_line_error(result: Result, code: int = 1) -> str:
    assert result.exit_code == code, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("geomap: "), result.stderr
    assert "internal error" not in lines[0] and "Traceback" not in result.output
    return lines[0]


@pytest.fixture(scope="module")
def stored(gazetteer_cache: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small real collection, made once and copied by each test."""
    root = tmp_path_factory.mktemp("stored")
    (root / "storm.txt").write_text(STORM, encoding="utf-8")
    result = geomap("add", "news", str(root / "storm.txt"), "--data-dir", str(root / "data"))
    assert result.exit_code == 0, result.output
    return root / "data" / "news.gpkg"


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stored: Path) -> Path:
    monkeypatch.chdir(tmp_path)
    Path("data").mkdir()
    shutil.copy(stored, "data/news.gpkg")
    Path("flood.txt").write_text(FLOOD, encoding="utf-8")
    return tmp_path


@contextmanager
def read_only(path: Path) -> Iterator[None]:
    """``path`` (a file or folder) cannot be written, even by root (who ignores modes:
    the immutable attribute stops root too)."""
    if os.geteuid() == 0:
        subprocess.run(["chattr", "+i", str(path)], check=True)
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", str(path)], check=True)
    else:
        mode = path.stat().st_mode
        path.chmod(0o555 if path.is_dir() else 0o444)
        try:
            yield
        finally:
            path.chmod(mode)


@pytest.mark.parametrize("name", ["news\n", "news\r", "ne\tws", "news\x1b[31m", "bad/name",
                                  "../news", ".hidden", "-news", "news.gpkg\n", "séisme",
                                  "x" * 101, "", ".gpkg"])  # fmt: skip
def test_odd_names_are_refused_on_the_command_line(work: Path, name: str) -> None:
    for command in (["add", name, "flood.txt"], ["list", name], ["build", name],
                    ["export", name, "-f", "csv"], ["watch", ".", name, "--for", "0"]):  # fmt: skip
        result = geomap(*command)
        assert result.exit_code == 2, (command, result.output)
        # "-news" is taken for an option: a usage error all the same.
        assert "Invalid value for 'NAME'" in result.stderr or name.startswith("-")
        assert "\n" not in result.stderr.strip().splitlines()[-1]
    assert sorted(p.name for p in Path("data").iterdir()) == ["news.gpkg"]


def test_a_name_may_end_in_gpkg_and_use_dots_dashes_digits(work: Path) -> None:
    assert geomap("list", "news.gpkg").exit_code == 0
    result = geomap("add", "2024_floods-v1.2", "flood.txt")
    assert result.exit_code == 0, result.output
    assert Path("data/2024_floods-v1.2.gpkg").is_file()


def test_files_that_are_not_collections(work: Path) -> None:
    Path("data/text.gpkg").write_text("some other file", encoding="utf-8")
    gpd.GeoDataFrame({"a": [1]}, geometry=[shapely.Point(1, 2)], crs=4326).to_file(
        "data/qgis.gpkg", layer="incidents")  # fmt: skip
    Path("data/folder.gpkg").mkdir()
    for name in ("text", "qgis", "folder"):
        for command in (["list", name], ["export", name, "-f", "csv"], ["build", name],
                        ["add", name, "flood.txt"]):  # fmt: skip
            line = one_line_error(geomap(*command))
            assert f"data/{name}.gpkg: not a geomap collection" in line
    assert Path("data/text.gpkg").read_text(encoding="utf-8") == "some other file"


def test_a_damaged_collection(work: Path) -> None:
    data = Path("data/news.gpkg").read_bytes()
    pages = [4096 * i for i in range(len(data) // 4096)]
    damaged = bytearray(data)
    for start in pages[2:]:  # keep the header and schema, spoil every table page
        damaged[start:start + 4096] = b"\xa5" * 4096
    Path("data/damaged.gpkg").write_bytes(bytes(damaged))
    Path("data/cut.gpkg").write_bytes(data[: len(data) // 3])
    for name in ("damaged", "cut"):
        for command in (["list", name], ["list", name, "--check"], ["export", name, "-f", "kml"],
                        ["build", name], ["add", name, "flood.txt"]):  # fmt: skip
            line = one_line_error(geomap(*command))
            assert f"data/{name}.gpkg: " in line
            assert "damaged" in line or "not a geomap collection" in line


def test_a_read_only_collection_can_be_read_not_added_to(work: Path) -> None:
    before = Path("data/news.gpkg").read_bytes()
    with read_only(Path("data/news.gpkg")):
        assert geomap("list", "news", "--check").exit_code == 0
        assert geomap("export", "news", "-f", "csv", "-o", "out/news.csv").exit_code == 0
        line = one_line_error(geomap("add", "news", "flood.txt"))
        assert "data/news.gpkg: cannot write to the collection" in line and "read-only" in line
    assert Path("data/news.gpkg").read_bytes() == before
    with read_only(Path("data")):
        assert geomap("list", "news").exit_code == 0
        line = one_line_error(geomap("add", "news", "flood.txt"))
        assert "data/news.gpkg: cannot write to the collection" in line
        line = one_line_error(geomap("add", "fresh", "flood.txt"))
        assert "data/fresh.gpkg" in line
    assert Path("data/news.gpkg").read_bytes() == before


def test_a_data_dir_under_a_file(work: Path) -> None:
    Path("afile").write_text("x", encoding="utf-8")
    line = one_line_error(geomap("add", "news", "flood.txt", "--data-dir", "afile/data"))
    assert "afile" in line
    line = one_line_error(geomap("list", "news", "--data-dir", "afile/data"))
    assert "no such collection" in line


def test_export_never_overwrites_a_collection(work: Path) -> None:
    shutil.copy("data/news.gpkg", "data/news-export.gpkg")
    before = Path("data/news-export.gpkg").read_bytes()
    result = geomap("export", "news", "-f", "gpkg")
    assert result.exit_code in (1, 2) and "collection" in result.stderr
    assert Path("data/news-export.gpkg").read_bytes() == before
    result = geomap("export", "news", "-f", "csv", "-o", "data/news.gpkg")
    assert result.exit_code in (1, 2) and "collection" in result.stderr


def test_errors_through_the_console_script(work: Path) -> None:
    """The same one line from the installed command, in its own process."""
    Path("data/text.gpkg").write_text("some other file", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "geomap.cli", "export", "text", "-f", "csv"],
                          capture_output=True, text=True, timeout=120)  # fmt: skip
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        "geomap: data/text.gpkg: not a geomap collection (file is not a database)"]  # fmt: skip


def test_export_and_build_outputs_that_must_not_be_replaced(work: Path) -> None:
    Path("elsewhere.csv").write_text("keep me", encoding="utf-8")
    Path("link.csv").symlink_to("elsewhere.csv")
    Path("folder.kml").mkdir()
    os.mkfifo("fifo.kml")
    for target in ("link.csv", "folder.kml", "fifo.kml", "/dev/full"):
        line = one_line_error(geomap("export", "news", "-f", "kml", "-o", target))
        assert line.startswith(f"geomap: {target}: ")
    assert Path("link.csv").is_symlink() and Path("fifo.kml").is_fifo()
    assert Path("elsewhere.csv").read_text(encoding="utf-8") == "keep me"
    Path("afile").write_text("x", encoding="utf-8")
    line = one_line_error(geomap("build", "news", "--out-dir", "afile/maps"))
    assert "afile" in line and not Path("data/news.geojson").exists()
    one_line_error(geomap("build", "news", "--geojson", "link.csv"))
    assert Path("link.csv").is_symlink()


def test_export_and_build_to_stdout(work: Path) -> None:
    result = geomap("export", "news", "-f", "csv", "-o", "-")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith('"event_id_cnty","event_date"')
    assert result.stderr.startswith("-: 1 incidents") and not Path("-").exists()
    result = geomap("build", "news", "--geojson", "-")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["type"] == "FeatureCollection"
    assert "maps/news.html, -: 1 article" in result.stderr


def test_a_file_name_that_is_not_utf8_is_stored_with_a_replacement_character(
    work: Path,
) -> None:
    name = os.fsdecode(b"caf\xe9.txt")  # a lone surrogate stands for the byte 0xe9
    Path(name).write_text(FLOOD, encoding="utf-8")
    result = geomap("add", "news", name)
    assert result.exit_code == 0, result.output
    listing = json.loads(geomap("list", "news", "--json", "--check").stdout)
    assert listing["problems"] == []
    assert {"caf\ufffd"} <= {a["article_id"] for a in listing["article_list"]}
    assert geomap("export", "news", "-f", "kml", "-o", "news.kml").exit_code == 0
