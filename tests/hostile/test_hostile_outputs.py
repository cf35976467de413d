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
from typing import Any

import pytest
from hostile_cli import (
    Ahead,
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


Case = tuple[Sandbox, str, Path, dict, Run]


@pytest.fixture(scope="module")
def cases(ahead: Ahead, new_box: Callable[..., Sandbox], hostile_inputs: Path) -> Ahead:
    article = hostile_inputs / "good.txt"
    records = hostile_inputs / "geoparse-good.jsonl"

    def against(kind: str, name: str, command: Callable[[Path], list[Any]], *,
                collection: bool = False, maps: bool = False) -> Callable[[], Case]:  # fmt: skip
        box = new_box("output")

        def job() -> Case:
            if collection:  # a small collection c (one article) to export or build
                assert_succeeded(box.run("add", "c", article))
            if maps:
                (box.work / "maps").mkdir()
            target = _target(box, kind, name)  # may skip (mknod not allowed)
            before = snapshot(box.work)
            return box, kind, target, before, box.run(*command(target))

        return job

    ahead.plan(test_map_geojson_output, lambda p: against(
        p["kind"], "out.geojson", lambda t: ["map", article, "--geojson", t, "--out-dir", "maps"]))
    ahead.plan(test_map_html_output, lambda p: against(
        p["kind"], "maps/good.html",
        lambda t: ["map", article, "--out-dir", "maps", "--geojson", "out.geojson"], maps=True))
    ahead.plan(test_map_out_dir_whose_parent_is_a_file, lambda p: against(
        "parent-is-file", "maps",
        lambda t: ["map", article, "--out-dir", t, "--geojson", "out.geojson"]))
    ahead.plan(test_geoparse_output, lambda p: against(
        p["kind"], "out.jsonl", lambda t: ["geoparse", records, "-o", t]))
    ahead.plan(test_export_output, lambda p: against(
        p["kind"], "out.csv", lambda t: ["export", "c", "-f", "csv", "-o", t], collection=True))
    ahead.plan(test_build_geojson_output, lambda p: against(
        p["kind"], "c.geojson", lambda t: ["build", "c", "--geojson", t], collection=True))
    return ahead


@pytest.mark.parametrize("kind", KINDS)
def test_map_geojson_output(cases: Ahead, request: pytest.FixtureRequest, kind: str) -> None:
    _check_refused(*cases.result(request))


@pytest.mark.parametrize("kind", ["fifo", "symlink", "device", "directory"])
def test_map_html_output(cases: Ahead, request: pytest.FixtureRequest, kind: str) -> None:
    """The HTML's name comes from the article: maps/good.html is the hostile thing."""
    _check_refused(*cases.result(request))


def test_map_out_dir_whose_parent_is_a_file(cases: Ahead,
                                            request: pytest.FixtureRequest) -> None:  # fmt: skip
    _check_refused(*cases.result(request))


@pytest.mark.parametrize("kind", KINDS)
def test_geoparse_output(cases: Ahead, request: pytest.FixtureRequest, kind: str) -> None:
    _check_refused(*cases.result(request))


@pytest.mark.parametrize("kind", KINDS)
def test_export_output(cases: Ahead, request: pytest.FixtureRequest, kind: str) -> None:
    _check_refused(*cases.result(request))


@pytest.mark.parametrize("kind", ["fifo", "symlink", "parent-is-file"])
def test_build_geojson_output(cases: Ahead, request: pytest.FixtureRequest, kind: str) -> None:
    _check_refused(*cases.result(request))


def test_stdout_dash_is_a_stream(sandbox: Sandbox, hostile_inputs: Path) -> None:
    run = sandbox.run("geoparse", hostile_inputs / "geoparse-good.jsonl", "-o", "-")
    assert_succeeded(run)
    assert '"toponyms"' in run.stdout and not (sandbox.work / "-").exists()
