"""The first run's gazetteer index build says how far it is, wherever stderr goes.

Each test runs the ``geomap`` console script with an empty cache folder, so it builds
the full index (about 20 s on an idle machine): once with stderr to a pipe, where each
step is one line, and once with stderr on a pseudo-terminal, where the bar must move
while the longest step (GeoNames cities) runs.
"""

from __future__ import annotations

import os
import pty
import re
import select
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from geomap.gazetteer.index import CACHE_ENV, INDEX_FILE

STEPS = ["countries", "admin-1 regions", "seas, islands, rivers...", "GeoNames cities",
         "US counties", "curated places", "places (katottg.tsv.gz)", "places (wof.tsv.gz)",
         "places (airports.tsv.gz)", "demonyms", "writing SQLite"]  # fmt: skip
_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
_FRAME = re.compile(r"Building gazetteer index: (?P<what>[^━╸╺]+?)\s+[━╸╺ ]+\s+(?P<pct>\d+)%")


def geomap_exe() -> str:
    exe = shutil.which("geomap")
    if exe is None:
        pytest.skip("the geomap console script is not installed")
    return exe


def test_off_a_terminal_each_step_is_one_line(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    done = subprocess.run([geomap_exe(), "geocode", "Paris", "--limit", "1", "--json"],
                          env=os.environ | {CACHE_ENV: str(cache)}, capture_output=True,
                          text=True, timeout=600)  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert '"country_code": "FR"' in done.stdout
    lines = done.stderr.splitlines()
    assert lines[0] == (f"geomap: building the gazetteer index in {cache}: once, about 20 s "
                        "on a fast machine")  # fmt: skip
    steps = [re.fullmatch(r"geomap: gazetteer index, step (\d+) of (\d+): (.+) \((\d+) s so far\)",
                          line) for line in lines[1:-1]]  # fmt: skip
    assert all(steps), lines
    assert [(int(m[1]), int(m[2]), m[3]) for m in steps if m] == [
        (n, len(STEPS), label) for n, label in enumerate(STEPS, start=1)]  # fmt: skip
    seconds = [int(m[4]) for m in steps if m]
    assert seconds == sorted(seconds)
    built = re.fullmatch(r"geomap: gazetteer index built in (\d+) s", lines[-1])
    assert built and int(built[1]) >= seconds[-1], lines[-1]
    assert (cache / INDEX_FILE).is_file() and not list(cache.glob(".*.tmp"))
    # Built once: the next run says nothing about the index.
    again = subprocess.run([geomap_exe(), "geocode", "Paris", "--limit", "1"],
                           env=os.environ | {CACHE_ENV: str(cache)}, capture_output=True,
                           text=True, timeout=120)  # fmt: skip
    assert again.returncode == 0 and again.stderr == "", again.stderr


def test_on_a_terminal_the_bar_moves_during_the_longest_step(tmp_path: Path) -> None:
    """stderr is a pseudo-terminal; the bar is read back from it frame by frame."""
    primary, secondary = pty.openpty()
    env = os.environ | {CACHE_ENV: str(tmp_path / "cache"), "COLUMNS": "150", "TERM": "xterm"}
    env.pop("NO_COLOR", None)
    started = time.monotonic()
    child = subprocess.Popen([geomap_exe(), "geocode", "Paris", "--limit", "1"], env=env,
                             stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                             stderr=secondary)  # fmt: skip
    os.close(secondary)
    shown = bytearray()
    try:
        while time.monotonic() - started < 600:
            ready, _, _ = select.select([primary], [], [], 1.0)
            if ready:
                try:
                    chunk = os.read(primary, 65536)
                except OSError:  # the child closed the terminal
                    break
                if not chunk:
                    break
                shown += chunk
            elif child.poll() is not None:
                break
    finally:
        os.close(primary)
        child.wait(timeout=60)
    assert child.returncode == 0, bytes(shown[-2000:])
    text = _ANSI.sub("", shown.decode("utf-8", "replace"))
    frames = [m for m in (_FRAME.search(f) for f in re.split(r"[\r\n]", text)) if m]
    assert frames, text[-2000:]
    in_cities = {int(m["pct"]) for m in frames if m["what"].startswith("GeoNames cities")}
    # Over its ~14 s (on an idle machine) the bar moved, not stood still.
    assert len(in_cities) >= 10, sorted(in_cities)
    assert max(in_cities) - min(in_cities) >= 40, sorted(in_cities)
    described = {m["what"].strip() for m in frames}
    assert {"GeoNames cities: placing in regions", "GeoNames cities: adding",
            "writing SQLite: compacting"} <= described, described  # fmt: skip
    percents = [int(m["pct"]) for m in frames]
    assert percents == sorted(percents) and percents[-1] == 100
    assert "geomap:" not in text  # no line-per-step output on a terminal
