"""Output files appear whole or not at all, with the permissions a plain write would give."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from geomap.errors import GeomapError
from geomap.files import (
    STDOUT,
    atomic_write_bytes,
    atomic_write_text,
    check_output_dir,
    check_output_path,
)


def test_writes_creates_folders_and_leaves_no_temporary_files(tmp_path) -> None:
    target = tmp_path / "maps" / "a.html"
    atomic_write_text(target, "<p>Valparaíso</p>")
    assert target.read_text(encoding="utf-8") == "<p>Valparaíso</p>"
    assert os.listdir(target.parent) == ["a.html"]


def test_permissions_follow_the_umask_not_mkstemp(tmp_path) -> None:
    old = os.umask(0o022)
    try:
        path = atomic_write_text(tmp_path / "a.geojson", "{}")
    finally:
        os.umask(old)
    assert path.stat().st_mode & 0o777 == 0o644


def test_a_failed_write_keeps_the_old_file_and_no_temporary(tmp_path) -> None:
    target = tmp_path / "a.geojson"
    target.write_text("old", encoding="utf-8")

    with pytest.raises(TypeError):  # fails after the temporary file was opened
        atomic_write_bytes(target, object())  # type: ignore[arg-type]
    assert target.read_text(encoding="utf-8") == "old"
    assert os.listdir(tmp_path) == ["a.geojson"]


# ------------------------------------------------------------------ what is never replaced


@pytest.fixture
def special_files(tmp_path) -> dict[str, object]:
    """A link, a folder and a FIFO (and, as root, a device node) where outputs may go."""
    target = tmp_path / "real.geojson"
    target.write_text("kept", encoding="utf-8")
    (tmp_path / "link.geojson").symlink_to(target)
    (tmp_path / "folder.geojson").mkdir()
    os.mkfifo(tmp_path / "fifo.geojson")
    kinds = {"link.geojson": "symbolic link", "folder.geojson": "folder", "fifo.geojson": "FIFO"}
    if os.geteuid() == 0:  # a private /dev/null: if it were replaced, only this copy would go
        os.mknod(tmp_path / "null.geojson", 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        kinds["null.geojson"] = "device"
    return kinds


def test_links_folders_fifos_and_devices_are_refused_and_left_alone(
    tmp_path, special_files
) -> None:
    before = {name: (tmp_path / name).lstat() for name in special_files}
    for name, kind in special_files.items():
        with pytest.raises(GeomapError, match=kind) as refused:
            atomic_write_text(tmp_path / name, "{}")
        assert str(tmp_path / name) in str(refused.value)
        with pytest.raises(GeomapError, match=kind):
            check_output_path(tmp_path / name)
        after = (tmp_path / name).lstat()
        assert (after.st_mode, after.st_ino, after.st_rdev) == (
            before[name].st_mode, before[name].st_ino, before[name].st_rdev)  # fmt: skip
    assert (tmp_path / "real.geojson").read_text(encoding="utf-8") == "kept"
    assert not list(tmp_path.glob(".*.tmp"))


def test_a_linked_parent_folder_is_fine(tmp_path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "maps").symlink_to(tmp_path / "real")
    atomic_write_text(tmp_path / "maps" / "a.html", "<p>ok</p>")
    assert (tmp_path / "real" / "a.html").read_text(encoding="utf-8") == "<p>ok</p>"


def test_a_parent_that_is_a_file_is_one_error_naming_it(tmp_path) -> None:
    (tmp_path / "notes").write_text("x", encoding="utf-8")
    for check in (lambda p: atomic_write_text(p, "{}"), check_output_path):
        with pytest.raises(GeomapError, match="notes is not a folder"):
            check(tmp_path / "notes" / "maps" / "a.geojson")
    with pytest.raises(GeomapError, match="is not a folder"):
        check_output_dir(tmp_path / "notes" / "maps")
    assert (tmp_path / "notes").read_text(encoding="utf-8") == "x"


def test_dash_is_standard_output_as_a_stream(capfdbinary) -> None:
    print("before", flush=True)
    assert atomic_write_bytes(STDOUT, b'{"type": "FeatureCollection"}\n') == Path("-")
    assert capfdbinary.readouterr().out == b'before\n{"type": "FeatureCollection"}\n'


def test_text_from_a_file_name_that_was_not_utf8_is_written_as_valid_utf8(tmp_path) -> None:
    stem = os.fsdecode(b"caf\xe9")  # how Python hands over such a name: a lone surrogate
    path = atomic_write_text(tmp_path / f"{stem}.html", f"<title>{stem}</title>")
    assert os.fsencode(path.name) == b"caf\xe9.html"  # the file keeps the name's own bytes
    assert path.read_bytes().decode("utf-8") == "<title>caf\ufffd</title>"


def test_a_write_the_kernel_refuses_keeps_the_old_file_and_no_temporary(tmp_path) -> None:
    """A file-size limit (no root needed) makes the write itself fail, like a full disk."""
    target = tmp_path / "a.geojson"
    target.write_text("old", encoding="utf-8")
    script = (
        "import resource, signal, sys\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (1000, 1000))\n"
        "from geomap.files import atomic_write_text\n"
        "from geomap.errors import GeomapError\n"
        "try:\n"
        "    atomic_write_text(sys.argv[1], 'x' * 100_000)\n"
        "except GeomapError as e:\n"
        "    print(e)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(target)], capture_output=True, text=True, timeout=60
    )
    assert done.stdout.strip() == f"{target}: cannot write: File too large", done.stderr
    assert target.read_text(encoding="utf-8") == "old"
    assert os.listdir(tmp_path) == ["a.geojson"]
