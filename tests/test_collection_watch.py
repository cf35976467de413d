"""``geomap watch`` goes on when a file in its folder is bad, in a real subprocess.

Binary, empty, non-UTF-8, unreadable and oversized files, a file whose name is not
UTF-8, and things that only look like articles (a FIFO, a folder, links to a
device and to nothing) lie beside good articles.  Each bad file is reported once in
one line and skipped until it changes; good files, present at the start or landing
later, are added and the map rebuilt.  Run as root, the watcher drops the
capabilities that let root read any file, so permissions apply to it as to a user.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from test_collection import FIRE, POKHARA, geojson_incidents
from test_collection_processes import wait_for

from geomap.article import MAX_INPUT_BYTES

BAD_FILES = ("binary.txt", "empty.txt", "latin1.txt", "locked.txt", "huge.txt")


def article_ids(path: Path) -> set[str]:
    try:
        with sqlite3.connect(path, timeout=5) as conn:
            return {i for (i,) in conn.execute("SELECT article_id FROM articles")}
    except sqlite3.OperationalError:  # not created yet
        return set()


def watcher(tmp_path: Path) -> list[str]:
    command = [sys.executable, "-m", "geomap.cli", "watch", "inbox", "news", "--interval",
               "0.2", "--for", "240", "--no-progress"]  # fmt: skip
    if os.geteuid() == 0:
        return ["setpriv", "--bounding-set=-dac_override,-dac_read_search", *command]
    return command


def test_bad_files_are_reported_once_and_skipped_while_good_ones_are_added(
    tmp_path: Path, gazetteer_cache: Path
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "pokhara.txt").write_text(POKHARA, encoding="utf-8")
    (inbox / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (inbox / "empty.txt").write_bytes(b"")
    latin1 = "Un incendie a ravagé Perth, en Australie, le 12 janvier 2024."
    (inbox / "latin1.txt").write_bytes(latin1.encode("latin-1"))
    (inbox / "locked.txt").write_text(FIRE, encoding="utf-8")
    (inbox / "locked.txt").chmod(0)
    with (inbox / "huge.txt").open("w", encoding="utf-8") as fh:
        line = "Floods hit Recife, Brazil on May 3, 2024. " * 100 + "\n"
        fh.write(line * (MAX_INPUT_BYTES // len(line) + 1))
    (inbox / os.fsdecode(b"caf\xe9.txt")).write_text(FIRE.replace("Perth", "Darwin"),
                                                     encoding="utf-8")  # fmt: skip
    os.mkfifo(inbox / "fifo.txt")
    (inbox / "folder.txt").mkdir()
    (inbox / "zero.txt").symlink_to("/dev/zero")
    (inbox / "dangling.txt").symlink_to("nowhere.txt")
    geojson = tmp_path / "data" / "news.geojson"
    gpkg = tmp_path / "data" / "news.gpkg"
    proc = subprocess.Popen(watcher(tmp_path), cwd=tmp_path, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, errors="replace")  # fmt: skip
    try:
        wait_for(lambda: geojson.exists() or proc.poll() is not None, seconds=180,
                 what="the first build")  # fmt: skip
        assert proc.poll() is None, proc.communicate()
        first = geojson_incidents(geojson)
        assert {p["place"] for p in first.values()} >= {"Pokhara"}
        time.sleep(1.5)  # several looks at the folder: nothing is tried again
        # A good file lands, and a bad one is mended (converted to UTF-8).
        (inbox / ".fire.part").write_text(FIRE, encoding="utf-8")
        (inbox / ".fire.part").rename(inbox / "fire.txt")
        (inbox / "latin1.txt").write_text(latin1, encoding="utf-8")
        wait_for(lambda: "Perth" in {p["place"] for p in geojson_incidents(geojson).values()}
                 or proc.poll() is not None, seconds=180, what="the rebuild")  # fmt: skip
        wait_for(lambda: "latin1" in article_ids(gpkg) or proc.poll() is not None,
                 seconds=180, what="the mended file")  # fmt: skip
        time.sleep(1.0)
        assert proc.poll() is None
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, err
    lines = err.strip().splitlines()
    assert lines[-1] == "geomap: stopped watching"
    assert all(line.startswith("geomap: ") for line in lines), err
    assert "Traceback" not in err
    for name in BAD_FILES:
        said = [line for line in lines if f"inbox/{name}" in line]
        assert len(said) == 1 and said[0].startswith("geomap: skipped: "), (name, err)
    # A name that is not UTF-8 is added or, at worst, skipped in one line.
    assert sum("caf" in line for line in lines) <= 1
    for name in ("fifo.txt", "folder.txt", "zero.txt", "dangling.txt"):
        assert name not in err  # not articles: passed over in silence
    assert out.count("data/news.geojson") >= 2
    assert {"pokhara", "fire", "latin1"} <= article_ids(gpkg)
    assert not set(BAD_FILES[:2]) & {f"{i}.txt" for i in article_ids(gpkg)}
