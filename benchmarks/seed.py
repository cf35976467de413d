"""Wall time and peak memory of the README's main command on the seed article.

Prints the cold index build time (fresh cache directory), then the seed command
run three times with the warm index: each as its own process, as a user runs it.
Targets (issue 2): under 2 s and under 600 MB warm.  The machine is often shared: the
minimum, the CPU time (user + system, which other work inflates much less than the
wall time) and the load average are printed with the median.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_69c49434f5c8b06b.txt"


def _timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """Run ``cmd`` in a fresh process; return (seconds, CPU seconds, peak RSS in MB) of
    that process."""
    wrapper = (
        "import resource, subprocess, sys;"
        "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL);"
        "u = resource.getrusage(resource.RUSAGE_CHILDREN);"
        "print(u.ru_utime + u.ru_stime, u.ru_maxrss)"
    )
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", wrapper, *cmd], env=env, check=True,
                         capture_output=True, text=True)
    seconds = time.perf_counter() - start
    cpu, peak = out.stdout.split()
    return seconds, float(cpu), int(peak) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "GEOMAP_CACHE_DIR": str(Path(tmp) / "cache")}
        build = [sys.executable, "-c",
                 "from geomap.gazetteer.index import GazetteerIndex;"
                 "GazetteerIndex.open(progress=False)"]
        build_s, _, build_mb = _timed(build, env)
        print(f"index build (cold cache): {build_s:.1f} s, peak {build_mb:.0f} MB")
        cmd = [sys.executable, "-m", "geomap.cli", "map", str(SEED), "--out-dir", tmp,
               "--geojson", str(Path(tmp) / "seed.geojson")]
        runs = [_timed(cmd, env) for _ in range(args.runs)]
        wall = [s for s, _, _ in runs]
        cpu = statistics.median(c for _, c, _ in runs)
        peak = max(mb for _, _, mb in runs)
        load = " ".join(f"{n:.1f}" for n in os.getloadavg())
        print(f"seed map, warm index: median {statistics.median(wall):.2f} s, min "
              f"{min(wall):.2f} s, CPU {cpu:.2f} s (median) over {args.runs} runs, peak "
              f"{peak:.0f} MB (targets: < 2 s, < 600 MB); load average {load}")


if __name__ == "__main__":
    main()
