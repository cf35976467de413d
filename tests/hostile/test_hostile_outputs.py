"""Issue 10 §3 and §7: outputs pointed at things that are not plain files are refused in
one line and left exactly as they were; nothing else is written either.

Targets, all made by the test: a FIFO, a symlink to a file holding something precious,
a private copy of /dev/full (a character device node made with mknod; skipped where
that is not allowed), a directory, and a path whose parent is a file.  Commands: map
(--geojson, and the HTML in --out-dir), geoparse -o, export -o, build --geojson.  A
directory may be refused by click as a bad command line (exit 2) or by geomap (exit 1).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from hostile_cli import (
    Run,
    Sandbox,
    assert_failed_cleanly,
    assert_input_error,
    assert_succeeded,
    changes,
    is_char_device,
    make_device,
    snapshot,
)

PRECIOUS = b"precious: must never be replaced\n"
KINDS = ["fifo", "symlink", "device", "directory", "parent-is-file"]


def _target(box: Sandbox, kind: str, name: str) -> Path:
    """Make the hostile output path ``name`` of this kind inside the working directory."""
    path = box.work / name
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "symlink":
        victim = box.root / "victim.txt"
        victim.write_bytes(PRECIOUS)
        path.symlink_to(victim)
    elif kind == "device":
        make_device(path, 1, 7)  # our own /dev/full
    elif kind == "directory":
        path.mkdir()
        (path / "inside.txt").write_bytes(PRECIOUS)
    elif kind == "parent-is-file":
        (box.work / "afile").write_bytes(PRECIOUS)
        path = box.work / "afile" / name
    else:
        raise AssertionError(kind)
    return path


def _check_refused(box: Sandbox, kind: str, target: Path, before: dict, run: Run) -> None:
    if kind == "directory":
        assert_failed_cleanly(run, (1, 2))
    else:
        assert_input_error(run)
    changed = changes(before, snapshot(box.work))
    assert not changed, f"the run changed or left files: {changed}; {run.describe()}"
    if kind == "symlink":
        assert target.is_symlink() and (box.root / "victim.txt").read_bytes() == PRECIOUS
    if kind == "device":
        assert is_char_device(target)


def _run_against(box: Sandbox, kind: str, name: str,
                 command: Callable[[Path], list[str | Path]]) -> None:  # fmt: skip
    target = _target(box, kind, name)
    before = snapshot(box.work)
    run = box.run(*command(target), timeout=60)
    _check_refused(box, kind, target, before, run)


@pytest.mark.parametrize("kind", KINDS)
def test_map_geojson_output(sandbox: Sandbox, hostile_inputs: Path, kind: str) -> None:
    article = hostile_inputs / "good.txt"
    _run_against(sandbox, kind, "out.geojson",
                 lambda t: ["map", article, "--geojson", t, "--out-dir", "maps"])  # fmt: skip


@pytest.mark.parametrize("kind", ["fifo", "symlink", "device", "directory"])
def test_map_html_output(sandbox: Sandbox, hostile_inputs: Path, kind: str) -> None:
    """The HTML's name comes from the article: maps/good.html is the hostile thing."""
    (sandbox.work / "maps").mkdir()
    article = hostile_inputs / "good.txt"
    _run_against(sandbox, kind, "maps/good.html",
                 lambda t: ["map", article, "--out-dir", "maps", "--geojson", "out.geojson"])


def test_map_out_dir_whose_parent_is_a_file(sandbox: Sandbox, hostile_inputs: Path) -> None:
    article = hostile_inputs / "good.txt"
    _run_against(sandbox, "parent-is-file", "maps",
                 lambda t: ["map", article, "--out-dir", t, "--geojson", "out.geojson"])


@pytest.mark.parametrize("kind", KINDS)
def test_geoparse_output(sandbox: Sandbox, hostile_inputs: Path, kind: str) -> None:
    records = hostile_inputs / "geoparse-good.jsonl"
    _run_against(sandbox, kind, "out.jsonl", lambda t: ["geoparse", records, "-o", t])


@pytest.fixture
def collection(sandbox: Sandbox, hostile_inputs: Path) -> Sandbox:
    """The sandbox with a small collection ``c`` (one article)."""
    assert_succeeded(sandbox.run("add", "c", hostile_inputs / "good.txt"))
    return sandbox


@pytest.mark.parametrize("kind", KINDS)
def test_export_output(collection: Sandbox, kind: str) -> None:
    _run_against(collection, kind, "out.csv", lambda t: ["export", "c", "-f", "csv", "-o", t])


@pytest.mark.parametrize("kind", ["fifo", "symlink", "parent-is-file"])
def test_build_geojson_output(collection: Sandbox, kind: str) -> None:
    _run_against(collection, kind, "c.geojson", lambda t: ["build", "c", "--geojson", t])


def test_stdout_dash_is_a_stream(sandbox: Sandbox, hostile_inputs: Path) -> None:
    run = sandbox.run("geoparse", hostile_inputs / "geoparse-good.jsonl", "-o", "-")
    assert_succeeded(run)
    assert '"toponyms"' in run.stdout and not (sandbox.work / "-").exists()
