"""Parsing on a Dask ``distributed`` cluster: ``--engine dask [--scheduler ADDRESS]``.

The process that runs ``geomap add`` reads the inputs, skips what the collection
already holds, and cuts the rest into partitions of at most :data:`PARTITION` articles; the
cluster's workers parse them with :func:`geomap.pipeline.run`, the same code as
``--jobs``, and the results stream back, partition by partition in input order, to
this process, which stores them in the collection's transactions (so a Dask run
gives the same collection as ``--jobs 1``, and a killed run resumes like any other).
At most a few partitions per worker are in flight, so memory stays bounded however
large the archive.

**How the gazetteer index reaches the workers.**  A :class:`ParserPlugin` (a Dask
worker plugin) opens the index once per worker, when it joins, and keeps it for
every task.  It first tries the path of this machine's index: on a
:class:`~distributed.LocalCluster`, or on workers that share this file system, that
is the same file.  A worker that cannot see it (another machine) opens or builds its
own, in its ``GEOMAP_CACHE_DIR`` or user cache, once (about 20 s, then cached).
Either way the worker's parser version must equal this one's (the same geomap,
gazetteer data, weights and imported places); a worker that differs is refused in
one line rather than mixed in.

Workers need geomap installed (with the same version).  Only the offline gazetteer
parses on Dask: an online geocoder's rate limit holds per process, and many workers
would break a service's usage policy.
"""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
import os
import warnings
from collections import deque
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from geomap.collection.parse import ArticleResult, Parser, fresh_index_path, parser_version
from geomap.collection.store import SCALE_EXTRA
from geomap.errors import GeomapError, warn
from geomap.records import Article

try:
    import dask
    import distributed
    from distributed import Client, WorkerPlugin
except ImportError as e:  # the scale extra is optional
    raise GeomapError(f"--engine dask needs the scale extra ({SCALE_EXTRA}; "
                      f"{e.name or e} is missing)") from None  # fmt: skip

__all__ = ["PARTITION", "DaskEngine", "ParserPlugin", "partition_sizes"]

PARTITION = 64
"""Most articles per task (about 1.5 s of parsing).  Dask's own cost is per task, some
20 ms of CPU on a worker and the driver together: 16 articles a task spent 0.3 ms an
article more in the driver and 1 ms more in the workers than 48 (a LocalCluster of 2
workers on 2 cores, steady state)."""
_SMALLEST = 8
"""Fewest articles per task, at the end of a run, so no worker waits long for the last."""
_GEOPARSE_PARTITION = 64
"""Records per ``geomap geoparse`` task (whole outlets, so their articles inform each other)."""
_IN_FLIGHT_PER_WORKER = 3
"""Partitions submitted ahead per worker: enough that none waits while this process
writes, few enough that results never pile up in memory."""
_CONNECT_TIMEOUT = 10
"""Seconds to reach a scheduler."""
LOCAL_CLUSTER_CONFIG = {
    "distributed.worker.multiprocessing-method":
        "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn",
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.worker.memory.monitor-interval": "500ms",
    "distributed.scheduler.work-stealing": False,
}
"""Dask's settings for the local cluster geomap starts, and only for it: workers forked
from a server process that imported Dask, NumPy and pandas once (ready 3 to 4 s sooner
than when each starts a new Python; where the system has fork servers), no statistical
profiler sampling each worker's stack 100 times a second, event-loop health checks once
a second rather than 50 times, memory looked at twice a second, no work stealing (tasks
are alike, and wait on the scheduler until a worker is free).  Nobody watches a
dashboard of that cluster: on 2 cores these checks cost about 2 ms of CPU an article,
7 % of the workers' time and over half of the driver's (steady state, no storing).  A
running scheduler and its workers keep their own settings."""


def _no_workers_timeout() -> float:
    """Seconds without any worker before giving up (Dask config ``geomap.no-workers-timeout``,
    or ``DASK_GEOMAP__NO_WORKERS_TIMEOUT``)."""
    return float(dask.config.get("geomap.no-workers-timeout", 60))


class ParserPlugin(WorkerPlugin):
    """Opens the gazetteer index and the parser once per worker (see the module's notes)."""

    idempotent = True
    """A second run with the same parser on a running cluster reuses the open one."""

    def __init__(self, index_path: str, version: str) -> None:
        self.index_path = index_path
        self.version = version
        self.parser: Parser | None = None

    def setup(self, worker: Any) -> None:
        parser = None
        if Path(self.index_path).is_file():  # the same file system: this machine's index
            try:
                parser = Parser(index_path=Path(self.index_path))
            except Exception:  # unreadable here, or not an index: build our own
                parser = None
        if parser is None or parser.version != self.version:
            parser = Parser()  # this worker's own index, built once if it has none
        if parser.version != self.version:
            raise GeomapError(
                f"the Dask worker {worker.address} parses differently (parser "
                f"{parser.version}, here {self.version}): install the same geomap and "
                "gazetteer there, or import the same places"
            )
        self.parser = parser

    def teardown(self, worker: Any) -> None:
        if self.parser is not None:
            self.parser.index.close()
            self.parser = None


def parse_partition(plugin: str, articles: Sequence[Article],
                    isolate: bool) -> list[ArticleResult | Any]:  # fmt: skip
    """A task: parse ``articles`` with the worker's parser (opened by ``plugin``)."""
    from geomap.collection.ingest import _parse

    return [_parse(_worker_parser(plugin), article, isolate) for article in articles]


def geoparse_partition(plugin: str, records: Sequence[Any], given_spans: bool) -> list[dict]:
    """A task: ``geomap geoparse`` output records for whole outlets' ``records``."""
    from geomap.geoparse.jsonl import geoparse_records

    parser = _worker_parser(plugin)
    return list(geoparse_records(records, given_spans=given_spans, index=parser.index,
                                 geocoder=parser.geocoder))  # fmt: skip


def _worker_parser(plugin: str) -> Parser:
    worker = distributed.get_worker()
    loaded = worker.plugins.get(plugin)
    if loaded is None or loaded.parser is None:
        raise RuntimeError(f"the geomap parser plugin is not set up on {worker.address}")
    return loaded.parser


class DaskEngine:
    """A Dask client, connected on first use: to ``scheduler``, or to a new
    :class:`~distributed.LocalCluster` of ``workers`` single-threaded processes."""

    def __init__(self, *, scheduler: str | None = None, workers: int | None = None) -> None:
        self.scheduler = scheduler
        self.workers = workers or os.cpu_count() or 1
        self._client: Client | None = None
        self._cluster: Any = None
        self._plugin: str | None = None
        self._started_with: set[str] = set()
        self._settings: Any = None

    @property
    def where(self) -> str:
        return f"the Dask scheduler at {self.scheduler}" if self.scheduler else \
            "the local Dask cluster"  # fmt: skip

    def reach(self) -> None:
        """Connect now to a given scheduler, so an unreachable one is said before the
        collection is touched (a local cluster starts only when there is work)."""
        if self.scheduler and self._client is None:
            self._client = self._connect()

    def __enter__(self) -> DaskEngine:
        return self

    def __exit__(self, kind: type[BaseException] | None, *rest: object) -> None:
        self.close(report=kind is None)

    def close(self, *, report: bool = True) -> None:
        if self._client is not None:
            if report:
                self._report_departed()
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None
        if self._settings is not None:
            self._settings.__exit__(None, None, None)
            self._settings = None

    # ----------------------------------------------------------------- parsing

    def parse(self, articles: list[Article], *, geocoder_name: str,
              geocoder_options: tuple[str, ...],
              isolate: bool) -> Iterator[ArticleResult | Any]:  # fmt: skip
        """Results in input order, as the partitions come back."""
        _only_gazetteer(geocoder_name, geocoder_options)
        client, plugin = self._ready()
        parts, start = [], 0
        for size in partition_sizes(len(articles), max(1, len(self._started_with))):
            parts.append(articles[start : start + size])
            start += size
        for results in self._run(client, parse_partition, plugin, parts, isolate):
            yield from results

    def geoparse(self, records: Sequence[Any], *, given_spans: bool, geocoder_name: str,
                 geocoder_options: tuple[str, ...]) -> list[dict]:  # fmt: skip
        """``geomap geoparse`` output, in input order.  Articles of one outlet inform
        each other, so each outlet's articles go to one partition, in their order:
        the output is the same as in one process."""
        _only_gazetteer(geocoder_name, geocoder_options)
        if not records:
            return []
        client, plugin = self._ready()
        groups = outlet_partitions([getattr(r, "source", None) for r in records],
                                   _GEOPARSE_PARTITION)  # fmt: skip
        parts = [[records[i] for i in group] for group in groups]
        out: list[dict | None] = [None] * len(records)
        for group, results in zip(groups, self._run(client, geoparse_partition, plugin, parts,
                                                    given_spans), strict=True):  # fmt: skip
            for i, record in zip(group, results, strict=True):
                out[i] = record
        return [r for r in out if r is not None]

    def _run(self, client: Client, task: Any, plugin: str, parts: list[Any],
             option: bool) -> Iterator[list[Any]]:  # fmt: skip
        """Each part's results, in order; a few parts per worker in flight."""
        ahead = max(2, _IN_FLIGHT_PER_WORKER * max(1, len(self._started_with)))
        pending: deque[Any] = deque()
        waiting = iter(parts)
        try:
            for part in waiting:
                pending.append(client.submit(task, plugin, part, option, pure=False))
                if len(pending) >= ahead:
                    break
            while pending:
                future = pending.popleft()
                part = next(waiting, None)
                if part is not None:
                    pending.append(client.submit(task, plugin, part, option, pure=False))
                yield self._result(client, future)
        finally:
            for future in pending:
                future.cancel()

    def _result(self, client: Client, future: Any) -> Any:
        """The task's result; a cluster that lost every worker, or a task that killed its
        workers, is one line."""
        alone_since: float | None = None
        while True:
            try:
                return future.result(timeout=2)
            except distributed.TimeoutError:
                alone_since = self._check_workers(client, alone_since)
            except distributed.KilledWorker as e:
                raise GeomapError(f"{self.where}: workers died while parsing some articles "
                                  f"({e}; are they out of memory?); the articles before them "
                                  "are stored, and the same command carries on") from None
            except distributed.CancelledError:
                raise GeomapError(f"{self.where}: lost the connection to the cluster; the "
                                  "articles parsed so far are stored") from None  # fmt: skip

    def _check_workers(self, client: Client, alone_since: float | None) -> float | None:
        import time

        try:
            workers = client.scheduler_info(n_workers=-1)["workers"]
        except Exception as e:  # the scheduler went away
            raise GeomapError(f"{self.where}: lost the connection to the cluster ({e}); the "
                              "articles parsed so far are stored") from None  # fmt: skip
        if workers:
            return None
        now = time.monotonic()
        if alone_since is None:
            return now
        if now - alone_since > _no_workers_timeout():
            raise GeomapError(f"{self.where}: no worker left for {_no_workers_timeout():.0f} s; "
                              "the articles parsed so far are stored, and the same command "
                              "carries on once workers are back")  # fmt: skip
        return alone_since

    def _report_departed(self) -> None:
        """One line when workers left during the run (their tasks ran elsewhere)."""
        try:
            now = set(self._client.scheduler_info(n_workers=-1)["workers"]) if self._client \
                else set()  # fmt: skip
        except Exception:
            return
        gone = self._started_with - now
        if gone and self._plugin is not None:
            warn(f"{len(gone)} Dask worker(s) left during the run ({', '.join(sorted(gone))}); "
                 "their articles were parsed again on the others")  # fmt: skip

    # ----------------------------------------------------------------- cluster

    def _ready(self) -> tuple[Client, str]:
        if self._client is None:
            self._client = self._connect()
        if self._plugin is None:
            index_path = str(fresh_index_path())
            version = parser_version(index_path=index_path)
            name = "geomap-parser-" + hashlib.sha256(version.encode()).hexdigest()[:12]
            try:
                self._client.register_plugin(ParserPlugin(index_path, version), name=name)
            except GeomapError as e:
                raise GeomapError(f"{self.where}: {e}") from None
            self._plugin = name
            self._started_with = set(self._client.scheduler_info(n_workers=-1)["workers"])
        return self._client, self._plugin

    def _connect(self) -> Client:
        _quiet()
        if self.scheduler is None:
            from distributed import LocalCluster

            # Kept while the cluster runs: the scheduler reads some of them as it goes,
            # and its workers' processes get them when they start.
            self._settings = dask.config.set(LOCAL_CLUSTER_CONFIG)
            try:
                with warnings.catch_warnings():
                    # "Port 8787 is already in use": another cluster on this machine; the
                    # scheduler's HTTP server moves to a free port, nothing for the user
                    warnings.filterwarnings("ignore", message="Port .* is already in use")
                    self._cluster = LocalCluster(
                        n_workers=self.workers, threads_per_worker=1, processes=True,
                        host="127.0.0.1", dashboard_address=None,
                        silence_logs=logging.CRITICAL,
                    )  # fmt: skip
            except Exception as e:
                raise GeomapError(f"cannot start a local Dask cluster ({e})") from None
            return Client(self._cluster)
        try:
            client = Client(self.scheduler, timeout=_CONNECT_TIMEOUT)
        except Exception as e:  # OSError, a malformed address (ValueError, TypeError)
            raise GeomapError(f"{self.where}: cannot reach it ({_short(e)})") from None
        try:
            client.wait_for_workers(1, timeout=_no_workers_timeout())
        except Exception:
            client.close()
            raise GeomapError(f"{self.where}: no worker joined within "
                              f"{_no_workers_timeout():.0f} s") from None  # fmt: skip
        return client


def partition_sizes(n: int, workers: int) -> list[int]:
    """Sizes of consecutive partitions of ``n`` articles ("guided" scheduling): each a
    quarter of what is left per worker, from :data:`PARTITION` down to :data:`_SMALLEST`,
    so tasks are large while there is much to do and small at the end, where a worker
    would otherwise wait for the other's last large task."""
    sizes = []
    left = n
    while left > 0:
        size = min(left, max(_SMALLEST, min(PARTITION, left // (4 * workers))))
        sizes.append(size)
        left -= size
    return sizes


def outlet_partitions(sources: Sequence[str | None], size: int) -> list[list[int]]:
    """Indexes of records cut into partitions of about ``size``, each outlet's records
    together and in order (an outlet larger than ``size`` is one partition)."""
    from geomap.geoparse.source import domain_of, outlet_key

    outlets: dict[str, list[int]] = {}
    alone: list[list[int]] = []
    for i, source in enumerate(sources):
        key = outlet_key(domain_of(source))
        if key is None:
            alone.append([i])
        else:
            outlets.setdefault(key, []).append(i)
    parts: list[list[int]] = []
    current: list[int] = []
    for group in [*outlets.values(), *alone]:
        if current and len(current) + len(group) > size:
            parts.append(current)
            current = []
        current = current + group
    if current:
        parts.append(current)
    return parts


def _quiet() -> None:
    """Dask's own log lines (a rescheduled task, a lost worker) stay off the user's
    stderr: geomap says what matters in its one line."""
    names = [n for n in logging.root.manager.loggerDict if n.split(".")[0] in
             ("distributed", "tornado", "dask")]  # fmt: skip
    for name in ("distributed", "tornado", "dask", *names):
        logging.getLogger(name).setLevel(logging.CRITICAL)


def _only_gazetteer(geocoder_name: str, geocoder_options: tuple[str, ...]) -> None:
    if geocoder_name.strip().lower() != "gazetteer" or geocoder_options:
        raise GeomapError("--engine dask parses with the offline gazetteer only (an online "
                          "service's rate limit holds per process, not per cluster)")  # fmt: skip


def _short(error: BaseException) -> str:
    return " ".join(str(error).split()) or type(error).__name__
