"""A feed of 10,000 reports of one event added to a collection: does adding slow down?

Every report names the same event (an earthquake), place (Pokhara, Nepal) and day,
in varying words, so all of them merge into one incident and one place.  They are
added as a user adds a feed that grows: ``geomap add`` runs of 1,000 reports each,
in one collection, each run in its own process (the gazetteer index is built first,
outside the timing).  Prints, for each run, articles/s and the CPU time per article
of the run and its workers, then the first and last run's figures and their ratios
(target: near 1, the per-article cost does not depend on how many reports an
incident already has; CPU time is the steadier figure on a machine others share),
the total time, and how long ``geomap list --check`` (which merges every incident
again from its reports) takes and what it finds.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

OPENINGS = ["A strong earthquake", "An earthquake of magnitude 6.1", "A powerful quake",
            "The earthquake", "A shallow earthquake"]  # fmt: skip
VERBS = ["struck", "hit", "shook", "rocked"]
DAMAGE = ["damaging about {n} homes", "destroying {n} houses", "leaving {n} buildings damaged",
          "and {n} homes were damaged"]  # fmt: skip
AFTER = ["Schools stayed closed.", "Rescue teams searched the rubble.",
         "Residents slept outdoors.", "Officials asked people to stay calm.",
         "Aftershocks were felt for hours.", "Roads into the valley were blocked."]  # fmt: skip


def report(i: int, rng: random.Random) -> dict[str, str]:
    """One short report of the same event, worded its own way."""
    n = rng.randint(10, 400)
    text = (f"{rng.choice(OPENINGS)} {rng.choice(VERBS)} Pokhara, Nepal on March 3, 2024, "
            f"{rng.choice(DAMAGE).format(n=n)}. {rng.choice(AFTER)} "
            f"{rng.choice(AFTER)} Update {i}.")  # fmt: skip
    return {"id": f"report-{i:05d}", "title": f"Pokhara earthquake, update {i}",
            "date": "2024-03-03", "url": f"https://news.example.invalid/pokhara/{i}",
            "text": text}  # fmt: skip


def geomap(args: list[str], cwd: Path) -> tuple[float, float]:
    """Wall seconds, and CPU seconds of the command and its workers."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "geomap.cli", *args], cwd=cwd, check=True,
                   stdout=subprocess.DEVNULL)  # fmt: skip
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reports", type=int, default=10_000)
    parser.add_argument("--per-run", type=int, default=1_000)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    rng = random.Random(10)
    subprocess.run([sys.executable, "-m", "geomap.cli", "geocode", "Paris"], check=True,
                   stdout=subprocess.DEVNULL)  # fmt: skip
    runs: list[float] = []
    cpu_per_article: list[float] = []
    with tempfile.TemporaryDirectory(prefix="geomap-feed-") as tmp:
        cwd = Path(tmp)
        for first in range(0, args.reports, args.per_run):
            chunk = cwd / f"feed-{first}.jsonl"
            items = range(first, min(first + args.per_run, args.reports))
            chunk.write_text("".join(json.dumps(report(i, rng)) + "\n" for i in items),
                             encoding="utf-8")  # fmt: skip
            wall, cpu = geomap(["add", "feed", chunk.name, "--jobs", str(args.jobs),
                                "--no-progress"], cwd)  # fmt: skip
            runs.append(wall)
            cpu_per_article.append(cpu / len(items))
            print(f"reports {first + 1:>6}-{items[-1] + 1:<6} {len(items) / wall:7.1f} "
                  f"articles/s {1000 * cpu_per_article[-1]:6.1f} CPU ms/article", flush=True)
        check_start = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "geomap.cli", "list", "feed", "--check",
                               "--json"], cwd=cwd, capture_output=True, text=True)  # fmt: skip
        check = time.perf_counter() - check_start
        listing = json.loads(done.stdout) if done.stdout else {}
        size = (cwd / "data" / "feed.gpkg").stat().st_size / 1e6
    first_rate = args.per_run / runs[0]
    last_rate = min(args.per_run, args.reports - (len(runs) - 1) * args.per_run) / runs[-1]
    print(f"first {args.per_run}: {first_rate:.1f} articles/s; last: {last_rate:.1f} "
          f"articles/s; ratio last/first {last_rate / first_rate:.2f} (target: near 1)")
    print(f"CPU per article: first {1000 * cpu_per_article[0]:.1f} ms, last "
          f"{1000 * cpu_per_article[-1]:.1f} ms; ratio last/first "
          f"{cpu_per_article[-1] / cpu_per_article[0]:.2f} (target: near 1)")
    print(f"total: {args.reports} reports in {sum(runs):.0f} s (--jobs {args.jobs}); "
          f"collection {size:.1f} MB, {listing.get('incidents')} incidents, "
          f"{listing.get('places')} places")
    print(f"list --check: {check:.1f} s, problems: {listing.get('problems', done.stderr)}")
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the end "
          "(other work on the machine slows every figure)")


if __name__ == "__main__":
    main()
