"""Adding the LGL corpus to a collection, then building its map: the collection's speed.

Runs the commands as a user does, each in its own process in a fresh working
directory (the gazetteer index is the user's, already built): ``geomap add`` with
``--jobs`` (default 2) over the 588 LGL articles, ``geomap add`` again (nothing new
to parse), then ``geomap build``.  Prints articles/s for the first add and seconds for
the build.  Targets (issue 6): add at 50 articles/s or better with --jobs 2, build
under 5 s.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LGL = ROOT.parent / "shared" / "eval" / "lgl.jsonl"


def _run(args: list[str], cwd: Path) -> tuple[float, float]:
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
    parser.add_argument("--corpus", type=Path, default=LGL, help="JSON Lines articles")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    corpus = args.corpus.resolve()
    n = sum(1 for line in corpus.open(encoding="utf-8") if line.strip())
    # The index is built (or found fresh) before any timing starts.
    subprocess.run([sys.executable, "-m", "geomap.cli", "geocode", "Paris"], check=True,
                   stdout=subprocess.DEVNULL)  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="geomap-bench-") as tmp:
        cwd = Path(tmp)
        add, add_cpu = _run(["add", "bench", str(corpus), "--jobs", str(args.jobs),
                             "--no-progress"], cwd)  # fmt: skip
        again, _ = _run(["add", "bench", str(corpus), "--no-progress"], cwd)
        build, _ = _run(["build", "bench", "--no-progress"], cwd)
        size = (cwd / "data" / "bench.gpkg").stat().st_size / 1e6
        html = (cwd / "maps" / "bench.html").stat().st_size / 1e6
    load = os.getloadavg()[0]
    print(f"add:       {n} articles in {add:.1f} s = {n / add:.1f} articles/s "
          f"(--jobs {args.jobs}; target >= 50); {add_cpu:.1f} CPU s in all processes")
    print(f"add again: {again:.1f} s (nothing new to parse)")
    print(f"build:     {build:.2f} s (target < 5 s); collection {size:.1f} MB, map {html:.1f} MB")
    print(f"machine:   {os.cpu_count()} CPUs, load average {load:.1f} at the end "
          "(other work on the machine slows every figure)")


if __name__ == "__main__":
    main()
