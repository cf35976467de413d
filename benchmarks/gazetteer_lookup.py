"""Time the gazetteer: a fresh index build, then name lookups (cold and cached).

Run: ``python benchmarks/gazetteer_lookup.py`` (builds into a temporary cache dir).
"""

from __future__ import annotations

import tempfile
import time

from geomap.gazetteer.index import GazetteerIndex

NAMES = [
    "Kyiv", "Kiev", "Paris", "Georgia", "Belgorod", "Belgorod Oblast", "Snake Island",
    "Black Sea", "New York", "Springfield", "San Jose", "Victoria", "Gaza", "Lagos", "Lima",
    "Sydney", "Donetsk", "Mount Everest", "the", "Wednesday", "Xqzzyville", "United States",
]  # fmt: skip


def main() -> None:
    with tempfile.TemporaryDirectory() as cache:
        start = time.perf_counter()
        index = GazetteerIndex.open(cache, progress=False)
        print(f"index build: {time.perf_counter() - start:.1f} s, {len(index):,} entries")

        start = time.perf_counter()
        index = GazetteerIndex.open(cache, progress=False)
        print(
            f"open existing index (staleness check): {1000 * (time.perf_counter() - start):.1f} ms"
        )

        start = time.perf_counter()
        for name in NAMES:
            index.lookup(name)
        cold = (time.perf_counter() - start) / len(NAMES)
        rounds = 200
        start = time.perf_counter()
        for _ in range(rounds):
            for name in NAMES:
                index.lookup(name)
        warm = (time.perf_counter() - start) / (rounds * len(NAMES))
        start = time.perf_counter()
        for _ in range(rounds):
            for name in NAMES:
                index.has_name(name.lower())
        member = (time.perf_counter() - start) / (rounds * len(NAMES))
        print(f"lookup, first call: {1000 * cold:.3f} ms mean over {len(NAMES)} names")
        print(f"lookup, cached:     {1000 * warm:.4f} ms mean")
        print(f"has_name, cached:   {1000 * member:.4f} ms mean")
        index.close()


if __name__ == "__main__":
    main()
