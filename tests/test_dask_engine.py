"""Parsing on Dask: ``geomap add --engine dask`` and ``geomap geoparse --engine dask``.

Everything runs for real, as a user would run it: ``geomap`` in its own process, a
``LocalCluster`` it starts, or a scheduler and workers started here with Dask's own
``dask scheduler`` / ``dask worker`` commands on 127.0.0.1.

* A local cluster gives the same collection as ``--jobs 1``, row for row, and
  ``geoparse`` the same output as one process.
* ``kill -9`` of a Dask-driven ``add`` in the middle of the run leaves a consistent
  collection (in both stores), its workers exit, and the next run adds the rest,
  with no duplicates.
* On an external cluster each worker opens the index once, for every run; a worker
  killed mid-run is one warning line and its articles are parsed elsewhere; a cluster
  left without workers is one error line, the collection consistent, and the same
  command completes it once a worker is back.
* An unreachable scheduler is one line and touches nothing; without the scale
  extra, ``--engine dask``, a PostgreSQL store and Parquet inputs each say which
  extra is missing in one line, while ``--jobs`` works as before.
* Parquet archives add the same articles as the same records in JSON Lines.
"""

from __future__ import annotations

import json
import math
import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
import pytest
from test_collection_processes import group_alive, wait_for

from geomap.collection.store import open_collection

if TYPE_CHECKING:
    from store_fixtures import StoreUnderTest

pytest_plugins = ["store_fixtures"]

GEOMAP = [sys.executable, "-m", "geomap.cli"]
DASK = str(Path(sys.executable).with_name("dask"))
CITIES = ["Bergen", "Lyon", "Seville", "Krakow", "Gdansk", "Tallinn", "Riga", "Vilnius",
          "Porto", "Turin", "Graz", "Brno", "Varna", "Haifa", "Muscat"]  # fmt: skip


def records(days: tuple[int, ...]) -> list[dict]:
    """Storm reports; the same storm told twice on day 3 (so rows merge across articles),
    two outlets per city, and one id used twice."""
    out = [
        {"id": f"storm-{day}-{city.lower()}", "title": f"Storm in {city}",
         "text": f"Storm in {city}\n\nA storm damaged about {10 + day} homes in {city} on "
                 f"January {day}, 2024, and {day * 7} residents left for shelters.",
         "url": f"https://{'daily' if day % 2 else 'herald'}.example.org/{city}/{day}"}
        for day in days for city in CITIES
    ]  # fmt: skip
    out.append({"id": "storm-3-bergen", "title": "Bergen storm update",
                "text": "Officials said the storm that hit Bergen, Norway on January 3, 2024 "
                        "damaged more than 20 homes.", "url": "https://daily.example.org/b"})
    return out


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def geomap(*args: str, env: dict[str, str] | None = None,
           timeout: float = 900) -> subprocess.CompletedProcess[str]:  # fmt: skip
    return subprocess.run([*GEOMAP, *args, "--no-progress"] if args[0] == "add" else
                          [*GEOMAP, *args], capture_output=True, text=True, timeout=timeout,
                          env=env)  # fmt: skip


def one_line_error(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 1, (done.stdout, done.stderr)
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("geomap: "), done.stderr
    assert "internal error" not in lines[0] and "Traceback" not in done.stderr
    return lines[0]


def everything(store: StoreUnderTest | None, name: str, data_dir: str = "data") -> dict:
    """A collection's content, but the time each article was added."""
    with open_collection(name, data_dir=data_dir, store=store.url if store else "gpkg",
                         create=False) as collection:  # fmt: skip
        assert collection.check() == []
        articles = collection.articles().drop(columns=["added"])
        out = {"articles": [_comparable(row) for row in articles.to_dict("records")]}
        for layer in ("places", "incidents", "areas"):
            frame = collection.frame(layer)
            out[layer] = [_comparable({**row, "geometry": None if row["geometry"] is None
                                       else row["geometry"].wkb_hex})
                          for row in frame.to_dict("records")]  # fmt: skip
    return out


def _comparable(row: dict) -> dict:
    """Missing values as None (NaN equals nothing, not even NaN)."""
    return {k: None if v is pd.NA or (isinstance(v, float) and math.isnan(v)) else v
            for k, v in row.items()}  # fmt: skip


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, gazetteer_cache: Path) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GEOMAP_STORE", "gpkg")
    return tmp_path


def test_a_local_cluster_gives_the_same_collection_as_one_process(work: Path) -> None:
    write_jsonl(Path("batch.jsonl"), records((3, 17, 21)))
    one = geomap("add", "one", "batch.jsonl", "--jobs", "1")
    assert one.returncode == 0, one.stderr
    dask = geomap("add", "cluster", "batch.jsonl", "--engine", "dask", "--jobs", "2")
    assert dask.returncode == 0, dask.stderr
    assert dask.stderr == ""  # nothing of Dask's own logging reaches the user
    assert dask.stdout.replace("cluster", "one") == one.stdout
    assert "46 articles added, 0 unchanged" in dask.stdout
    alone, clustered = everything(None, "one"), everything(None, "cluster")
    assert clustered == alone
    assert [a["article_id"] for a in clustered["articles"]][-1] == "storm-3-bergen-" + \
        clustered["articles"][-1]["content_hash"][:8]  # fmt: skip
    again = geomap("add", "cluster", "batch.jsonl", "--engine", "dask")
    assert "0 articles added, 46 unchanged" in again.stdout  # nothing to parse: no cluster


def test_geoparse_on_a_local_cluster_writes_the_same_output(work: Path) -> None:
    rows = records((3, 17, 21, 25))
    write_jsonl(Path("corpus.jsonl"), [{"id": r["id"], "text": r["text"], "url": r["url"]}
                                       for r in rows])  # fmt: skip
    alone = geomap("geoparse", "corpus.jsonl", "-o", "alone.jsonl")
    assert alone.returncode == 0, alone.stderr
    clustered = geomap("geoparse", "corpus.jsonl", "-o", "dask.jsonl", "--engine", "dask",
                       "--jobs", "2")  # fmt: skip
    assert clustered.returncode == 0, clustered.stderr
    assert Path("dask.jsonl").read_text() == Path("alone.jsonl").read_text()
    lines = Path("dask.jsonl").read_text().splitlines()
    assert len(lines) == len(rows) and json.loads(lines[0])["toponyms"][0]["name"] == "Bergen"


def test_kill_9_of_a_dask_driven_add_then_resume(tmp_path: Path, gazetteer_cache: Path,
                                                  monkeypatch: pytest.MonkeyPatch,
                                                  store: StoreUnderTest) -> None:  # fmt: skip
    monkeypatch.chdir(tmp_path)
    rows = records((3, 5, 9, 13, 17, 21, 25, 29))  # 121 articles: several PostGIS commits
    write_jsonl(Path("batch.jsonl"), rows)
    proc = subprocess.Popen([*GEOMAP, "add", "crash", "batch.jsonl", "--engine", "dask",
                             "--jobs", "2", "--no-progress"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, start_new_session=True)  # fmt: skip
    try:
        wait_for(lambda: store.articles_stored("crash") >= 40 or proc.poll() is not None,
                 seconds=600, what="the first articles")  # fmt: skip
        assert proc.poll() is None, "the run finished before it could be killed"
        os.kill(proc.pid, signal.SIGKILL)
        assert proc.wait(timeout=30) == -signal.SIGKILL
        # The local cluster's workers notice their parent is gone and stop.
        wait_for(lambda: not group_alive(proc.pid), seconds=60, what="the workers to exit")
    finally:
        if group_alive(proc.pid):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
    with store.open("crash") as collection:
        assert collection.check() == []
        done = len(collection.articles())
    assert 40 <= done < len(rows)

    resumed = geomap("add", "crash", "batch.jsonl", "--engine", "dask", "--jobs", "2")
    assert resumed.returncode == 0, resumed.stderr
    assert f"{len(rows) - done} articles added, {done} unchanged" in resumed.stdout
    with store.open("crash") as collection:
        assert collection.check() == []
        articles = collection.articles()
        incidents = collection.frame("incidents")
    assert len(articles) == len(rows) and articles["content_hash"].is_unique
    assert incidents["merge_key"].is_unique


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    """A Dask scheduler and workers in their own processes, on 127.0.0.1."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.address = f"tcp://127.0.0.1:{_free_port()}"
        self.processes: list[subprocess.Popen] = []
        self.scheduler = self._start([DASK, "scheduler", "--host", "127.0.0.1", "--port",
                                      self.address.rsplit(":", 1)[1], "--no-dashboard"],
                                     "scheduler")  # fmt: skip
        self.workers: list[subprocess.Popen] = []

    def _start(self, command: list[str], name: str) -> subprocess.Popen:
        log = (self.root / f"{name}-{len(self.processes)}.log").open("w")
        # The tests' own functions (client.run) are imported from this folder.
        path = os.pathsep.join(p for p in (str(Path(__file__).parent),
                                           os.environ.get("PYTHONPATH")) if p)  # fmt: skip
        proc = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT,
                                start_new_session=True,
                                env={**os.environ, "PYTHONPATH": path})  # fmt: skip
        self.processes.append(proc)
        return proc

    def add_worker(self) -> subprocess.Popen:
        worker = self._start([DASK, "worker", self.address, "--nthreads", "1", "--no-nanny",
                              "--host", "127.0.0.1", "--no-dashboard"], "worker")  # fmt: skip
        self.workers.append(worker)
        return worker

    def client(self) -> Any:
        """A ``distributed.Client`` of this cluster (use it with ``with``)."""
        from distributed import Client

        return Client(self.address, timeout=30)

    def wait_for_workers(self, n: int) -> None:
        with self.client() as client:
            client.wait_for_workers(n, timeout=300)

    def stop(self) -> None:
        for proc in self.processes:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


@contextmanager
def cluster(root: Path) -> Iterator[Cluster]:
    running = Cluster(root)
    try:
        yield running
    finally:
        running.stop()


def test_an_external_cluster_its_workers_and_their_deaths(work: Path) -> None:
    rows = records((3, 5, 9, 13, 17, 21, 25, 29))
    write_jsonl(Path("first.jsonl"), rows[:30])
    write_jsonl(Path("second.jsonl"), rows[30:])
    with cluster(work) as dask:
        dask.add_worker()
        dask.add_worker()
        dask.wait_for_workers(2)
        done = geomap("add", "news", "first.jsonl", "--engine", "dask", "--scheduler",
                      dask.address)  # fmt: skip
        assert done.returncode == 0 and done.stderr == "", done.stderr
        with dask.client() as client:
            opened = client.run(_worker_parsers)
        assert len(opened) == 2
        assert all(len(parsers) == 1 for parsers in opened.values())
        index_files = {p["index"] for parsers in opened.values() for p in parsers.values()}
        assert index_files == {str(_driver_index())}  # shipped by path: one file system

        # A worker killed in the middle of a run: one line, its articles parsed elsewhere.
        proc = subprocess.Popen([*GEOMAP, "add", "news", "second.jsonl", "--engine", "dask",
                                 "--scheduler", dask.address, "--no-progress"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            wait_for(lambda: _stored("news") >= 40 or proc.poll() is not None, seconds=600,
                     what="the second run to store articles")  # fmt: skip
            assert proc.poll() is None
            os.killpg(dask.workers[0].pid, signal.SIGKILL)
            out, err = proc.communicate(timeout=600)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.communicate()
        assert proc.returncode == 0, err
        lines = err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("geomap: 1 Dask worker(s) left during "
                                                       "the run"), err  # fmt: skip
        assert f"{len(rows) - 30} articles added" in out
        with dask.client() as client:  # the survivor kept its parser: opened once, for both runs
            assert client.run(_worker_parsers) == {
                address: parsers for address, parsers in opened.items()
                if address in client.scheduler_info()["workers"]}  # fmt: skip
        assert _stored("news") == len(rows)

        # Every worker gone in the middle of a run: one line, and a consistent collection.
        third = records((2, 4, 6, 8, 10, 12))[:-1]  # 90 more (the update is stored already)
        write_jsonl(Path("third.jsonl"), third)
        env = {**os.environ, "DASK_GEOMAP__NO_WORKERS_TIMEOUT": "5"}
        proc = subprocess.Popen([*GEOMAP, "add", "news", "third.jsonl", "--engine", "dask",
                                 "--scheduler", dask.address, "--no-progress"], env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            wait_for(lambda: _stored("news") > len(rows) or proc.poll() is not None,
                     seconds=600, what="the third run to store articles")  # fmt: skip
            assert proc.poll() is None
            os.killpg(dask.workers[1].pid, signal.SIGKILL)
            out, err = proc.communicate(timeout=300)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.communicate()
        line = one_line_error(subprocess.CompletedProcess(proc.args, proc.returncode, out, err))
        assert "no worker left for 5 s" in line and dask.address in line
        with open_collection("news", store="gpkg", create=False) as collection:
            assert collection.check() == []
            partial = len(collection.articles())
        total = len(rows) + len(third)
        assert len(rows) < partial < total
        dask.add_worker()
        done = geomap("add", "news", "third.jsonl", "--engine", "dask", "--scheduler",
                      dask.address)  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert f"{total - partial} articles added, {partial - len(rows)} unchanged" in done.stdout
        with open_collection("news", store="gpkg", create=False) as collection:
            assert collection.check() == []
            articles = collection.articles()
        assert len(articles) == total and articles["content_hash"].is_unique


def test_partitions_are_large_then_small_at_the_end() -> None:
    from geomap.collection.dask_engine import PARTITION, partition_sizes

    for n, workers in ((20_000, 2), (4_000, 8), (100, 2), (7, 3), (1, 1)):
        sizes = partition_sizes(n, workers)
        assert sum(sizes) == n and all(0 < size <= PARTITION for size in sizes)
        assert sizes == sorted(sizes, reverse=True)
    archive = partition_sizes(20_000, 2)
    assert archive[0] == PARTITION and archive[-2] == 8  # no worker waits long for the last
    assert len(archive) < 20_000 / 50  # few tasks: Dask's cost is per task


def test_the_local_cluster_skips_dask_monitoring_and_leaves_settings_as_they_were(
        work: Path) -> None:  # fmt: skip
    import dask

    from geomap.collection.dask_engine import DaskEngine
    from geomap.collection.parse import article_from_fields

    keys = ("distributed.worker.profile.enabled", "distributed.admin.tick.interval")
    before = [dask.config.get(key) for key in keys]
    article = article_from_fields({"article_id": "a", "text": records((3,))[0]["text"]})
    with DaskEngine(workers=1) as engine:
        (parsed,) = engine.parse([article], geocoder_name="gazetteer", geocoder_options=(),
                                 isolate=False)  # fmt: skip
        assert engine._client is not None
        on_workers = engine._client.run(lambda: [dask.config.get(key) for key in keys])
    assert parsed.incidents and parsed.article["article_id"] == "a"
    assert list(on_workers.values()) == [[False, "1s"]]
    assert [dask.config.get(key) for key in keys] == before


def _worker_parsers(dask_worker: Any) -> dict:
    """Each geomap parser plugin on a worker: the object's id and its index's file."""
    return {name: {"id": id(plugin.parser), "index": str(plugin.parser.index.path)}
            for name, plugin in dask_worker.plugins.items()
            if name.startswith("geomap-parser-") and plugin.parser is not None}  # fmt: skip


def _driver_index() -> Path:
    from geomap.collection.parse import fresh_index_path

    return fresh_index_path()


def _stored(name: str) -> int:
    import sqlite3

    try:
        with sqlite3.connect(f"data/{name}.gpkg", timeout=5) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def test_an_unreachable_scheduler_touches_nothing(work: Path) -> None:
    write_jsonl(Path("batch.jsonl"), records((3,)))
    address = f"tcp://127.0.0.1:{_free_port()}"
    line = one_line_error(geomap("add", "news", "batch.jsonl", "--engine", "dask",
                                 "--scheduler", address))  # fmt: skip
    assert line.startswith(f"geomap: the Dask scheduler at {address}: cannot reach it")
    assert not Path("data").exists()
    done = geomap("add", "news", "batch.jsonl", "--scheduler", address)
    assert done.returncode == 2 and "--scheduler needs --engine dask" in done.stderr


_WITHOUT = ("import sys\nfor name in {names}: sys.modules[name] = None\n"
            "from geomap.cli.main import cli\ncli(prog_name='geomap')\n")


def without(names: tuple[str, ...], *args: str) -> subprocess.CompletedProcess[str]:
    """``geomap ARGS`` in a Python where ``names`` cannot be imported (not installed)."""
    return subprocess.run([sys.executable, "-c", _WITHOUT.format(names=names), *args],
                          capture_output=True, text=True, timeout=600)  # fmt: skip


def test_without_the_scale_extra(work: Path) -> None:
    write_jsonl(Path("batch.jsonl"), records((3,))[:6])
    missing = ("dask", "distributed", "psycopg", "pyarrow")
    line = one_line_error(without(missing, "add", "news", "batch.jsonl", "--engine", "dask"))
    assert "--engine dask needs the scale extra (pip install 'geomap[scale]'" in line
    line = one_line_error(without(missing, "geoparse", "batch.jsonl", "--engine", "dask"))
    assert "needs the scale extra" in line
    line = one_line_error(without(missing, "list", "news", "--store", "postgresql://u@h/db"))
    assert "a PostgreSQL store needs the scale extra (pip install 'geomap[scale]'" in line
    Path("batch.parquet").write_bytes(b"PAR1")
    line = one_line_error(without(missing, "add", "news", "batch.parquet"))
    assert "batch.parquet: reading Parquet needs the scale extra" in line
    assert not Path("data").exists()
    done = without(missing, "add", "news", "batch.jsonl", "--jobs", "2", "--no-progress")
    assert done.returncode == 0 and "6 articles added" in done.stdout, done.stderr


def test_a_parquet_archive_adds_what_json_lines_adds(work: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = records((3, 17))
    write_jsonl(Path("batch.jsonl"), rows)
    table = pa.table({
        "id": [r["id"] for r in rows], "text": [r["text"] for r in rows],
        "title": [r["title"] for r in rows], "url": [r["url"] for r in rows],
        "extra": list(range(len(rows))),
    })  # fmt: skip
    pq.write_table(table, "batch.parquet", row_group_size=7)
    assert geomap("add", "from-jsonl", "batch.jsonl").returncode == 0
    done = geomap("add", "from-parquet", "batch.parquet")
    assert done.returncode == 0 and f"{len(rows)} articles added" in done.stdout
    jsonl, parquet = everything(None, "from-jsonl"), everything(None, "from-parquet")
    for article in jsonl["articles"] + parquet["articles"]:
        article.pop("origin")
    assert parquet == jsonl

    pq.write_table(pa.table({"id": ["a"], "body": ["no text column"]}), "bad.parquet")
    line = one_line_error(geomap("add", "x", "bad.parquet"))
    assert "bad.parquet: a Parquet archive needs the columns id and text (missing: text)" in line
    pq.write_table(pa.table({"id": ["a", "b"], "text": ["Floods hit Recife.", None]}),
                   "gap.parquet")  # fmt: skip
    line = one_line_error(geomap("add", "x", "gap.parquet"))
    assert line.startswith("geomap: gap.parquet: row 2: ") and "no \"text\"" in line
    Path("fake.parquet").write_text("id,text\n1,hello\n", encoding="utf-8")
    line = one_line_error(geomap("add", "x", "fake.parquet"))
    assert "fake.parquet: not a readable Parquet file" in line
    assert not Path("data/x.gpkg").exists()
