"""Output files appear whole or not at all, with the permissions a plain write would give."""

from __future__ import annotations

import os

import pytest

from geomap.files import atomic_write_bytes, atomic_write_text


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
