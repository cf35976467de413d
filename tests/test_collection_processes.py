"""Collections across processes: kill -9 in the middle of a batch, and watching a folder.

Both run against each store (a GeoPackage file, and a real PostGIS server).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

import geopandas as gpd
import pytest
from click.testing import CliRunner
from test_collection import FIRE, geojson_incidents
from test_sources import QUAKE

from geomap.cli.main import cli

if TYPE_CHECKING:
    from store_fixtures import StoreUnderTest

pytest_plugins = ["store_fixtures"]

CITIES = ["Bergen", "Lyon", "Seville", "Krakow", "Gdansk", "Tallinn", "Riga", "Vilnius",
          "Porto", "Turin", "Graz", "Brno", "Varna", "Haifa", "Muscat", "Karachi", "Lahore",
          "Mandalay", "Cebu", "Darwin", "Hobart", "Dunedin", "Mombasa", "Arusha", "Beira",
          "Accra", "Dakar", "Quito", "Cusco", "Recife"]  # fmt: skip
GEOMAP = [sys.executable, "-m", "geomap.cli"]


def wait_for(condition, *, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"gave up waiting for {what}")
        time.sleep(0.02)


def group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def test_kill_9_mid_batch_leaves_a_collection_the_next_run_completes(
    tmp_path: Path, gazetteer_cache: Path, monkeypatch: pytest.MonkeyPatch,
    store: StoreUnderTest,
) -> None:
    monkeypatch.chdir(tmp_path)
    records = [
        {"id": f"storm-{day}-{city.lower()}", "title": f"Storm in {city}",
         "text": f"Storm in {city}\n\nA storm damaged about {10 + day} homes in {city} on "
                 f"January {day}, 2024, and {day * 7} residents left for shelters."}
        for day in (3, 17) for city in CITIES
    ]  # fmt: skip
    Path("batch.jsonl").write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    gpkg = tmp_path / "data" / "crash.gpkg"
    proc = subprocess.Popen(
        [*GEOMAP, "add", "crash", "batch.jsonl", "--jobs", "2", "--no-progress"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
    )  # fmt: skip
    try:
        wait_for(lambda: store.articles_stored("crash") >= 3 or proc.poll() is not None,
                 seconds=120, what="the first articles")  # fmt: skip
        assert proc.poll() is None, "the batch finished before it could be killed"
        os.kill(proc.pid, signal.SIGKILL)
        assert proc.wait(timeout=30) == -signal.SIGKILL
        # The workers notice their parent is gone and stop on their own.
        wait_for(lambda: not group_alive(proc.pid), seconds=30, what="the workers to exit")
    finally:
        if group_alive(proc.pid):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()

    with store.open("crash") as collection:
        assert collection.check() == []
        done = len(collection.articles())
        n_incidents = collection.counts()["incidents"]
    assert 3 <= done < len(records)
    if store.kind == "gpkg":
        assert len(gpd.read_file(gpkg, layer="incidents")) == n_incidents

    result = CliRunner().invoke(cli, ["add", "crash", "batch.jsonl", "--jobs", "2"])
    assert result.exit_code == 0, result.output
    assert f"{len(records) - done} articles added, {done} unchanged" in result.output
    with store.open("crash") as collection:
        articles = collection.articles()
        assert collection.check() == []
        incidents = collection.frame("incidents")
    assert sorted(articles["article_id"]) == sorted(r["id"] for r in records)
    assert articles["content_hash"].is_unique
    assert incidents["merge_key"].is_unique
    assert {"Bergen", "Recife"} <= set(incidents["place"])


def test_watch_rebuilds_when_a_new_file_lands(
    tmp_path: Path, gazetteer_cache: Path, store: StoreUnderTest
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "quake.txt").write_text(QUAKE, encoding="utf-8")
    geojson = tmp_path / "data" / "news.geojson"
    proc = subprocess.Popen(
        [*GEOMAP, "watch", "inbox", "news", "--interval", "0.2", "--for", "120"],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    # Each build's line is read as it comes, so Ctrl-C is sent only once the second
    # build has said what it wrote (the GeoJSON appears just before that line).
    out: list[str] = []
    reader = threading.Thread(target=lambda: out.extend(proc.stdout), daemon=True)
    reader.start()
    builds = lambda: sum("data/news.geojson" in line for line in out)  # noqa: E731
    try:
        wait_for(lambda: builds() >= 1 or proc.poll() is not None, seconds=120,
                 what="the first build")  # fmt: skip
        assert proc.poll() is None
        first = geojson_incidents(geojson)
        assert first and (tmp_path / "maps" / "news.html").exists()
        # Written under a hidden name, then renamed: watch never sees half a file.
        (inbox / ".fire.txt.part").write_text(FIRE, encoding="utf-8")
        (inbox / ".fire.txt.part").rename(inbox / "fire.txt")
        wait_for(lambda: builds() >= 2 or proc.poll() is not None, seconds=120,
                 what="the rebuild")  # fmt: skip
        after = geojson_incidents(geojson)
        assert set(first) < set(after)
        assert {p["place"] for k, p in after.items() if k not in first} == {"Perth"}
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=60)  # its few stderr lines fit in the pipe
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    reader.join(timeout=10)
    err = proc.stderr.read()
    assert proc.returncode == 0, err
    assert "stopped watching" in err
    assert builds() == 2  # one build per change
