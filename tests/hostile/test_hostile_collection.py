"""Issue 10 §7 and §8: hostile collection names, a watched folder full of bad files, and
extreme dates.

* A collection name ending in a newline, or one that leaves the data folder, is a bad
  command line (exit 2) and creates nothing.
* ``watch`` goes on past every bad file in the folder, one ``geomap:`` line each, and
  adds the good article (exit 0 when ``--for`` ends).
* ``--date`` 9999-12-31 or 0001-01-01 is mapped or refused in one line (exit 0, 1 or
  2); never an internal error.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from hostile_cli import (
    Sandbox,
    assert_failed_cleanly,
    assert_succeeded,
    assert_usage_error,
    snapshot,
)
from make_inputs import ODD_NAME

NAMES = ["c\n", "c\r", "../escape", "/tmp/absolute", "a/b", ".hidden", "-", "", "x" * 300]


@pytest.mark.parametrize("name", NAMES, ids=repr)
def test_bad_collection_name_creates_nothing(sandbox: Sandbox, hostile_inputs: Path,
                                             name: str) -> None:  # fmt: skip
    run = sandbox.run("add", name, hostile_inputs / "good.txt")
    assert_usage_error(run)
    assert snapshot(sandbox.work) == {}, sorted(snapshot(sandbox.work))
    assert not Path("/tmp/absolute.gpkg").exists()


def test_watch_goes_on_past_bad_files(sandbox: Sandbox, hostile_inputs: Path,
                                      tmp_path: Path) -> None:  # fmt: skip
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for name in ("good.txt", "binary.txt", "empty.txt", "latin1.txt", "utf16.txt",
                 "nested-text.jsonl", "wrong-types.jsonl", "records-xss.jsonl"):  # fmt: skip
        shutil.copy(hostile_inputs / name, inbox / name)
    odd = bytes(hostile_inputs / "odd-names") + b"/" + ODD_NAME
    shutil.copy(os.fsdecode(odd), os.fsdecode(bytes(inbox) + b"/" + ODD_NAME))
    os.mkfifo(inbox / "pipe.txt")
    run = sandbox.run("watch", inbox, "c", "--for", "3", "--interval", "0.5", timeout=120)
    assert_succeeded(run, warnings=True)
    assert len(run.stderr_lines) >= 5, "each bad file should get its line"
    listing = sandbox.run("list", "c", "--json")
    assert_succeeded(listing)
    ids = {a["article_id"] for a in json.loads(listing.stdout)["article_list"]}
    assert "good" in ids and any(i.startswith("xss-") for i in ids), ids


@pytest.mark.parametrize("date", ["9999-12-31", "0001-01-01"])
def test_extreme_date(sandbox: Sandbox, hostile_inputs: Path, date: str) -> None:
    article = sandbox.work / "weekday.txt"
    article.write_text("Shelling hit Kharkiv on Wednesday, killing 3 people, and again "
                       "since Friday, officials said.\n")  # fmt: skip
    for command in (("map",), ("add", "c")):
        run = sandbox.run(*command, article, "--date", date)
        if run.returncode == 0:
            assert_succeeded(run)
        else:
            assert_failed_cleanly(run)
