"""Time the gazetteer: a fresh index build, then name lookups (cold and cached), and how
many incident scenes of the real-report set the gazetteer knows.

Run: ``python benchmarks/gazetteer_lookup.py [--packs]`` (builds into a temporary cache
dir). Scene coverage reads ``benchmarks/real/annotations/*.jsonl`` (committed): a scene
counts as known when some place of its name lies within 25 km of the annotated point;
``--packs`` also installs the packs of the scenes' countries and counts again.
"""

from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
from pathlib import Path

from geomap.distance import equirectangular_km
from geomap.gazetteer.index import GazetteerIndex
from geomap.gazetteer.packs import available, install

ANNOTATIONS = Path(__file__).resolve().parent / "real" / "annotations"
SCENE_KM = 25.0

NAMES = [
    "Kyiv", "Kiev", "Paris", "Georgia", "Belgorod", "Belgorod Oblast", "Snake Island",
    "Black Sea", "New York", "Springfield", "San Jose", "Victoria", "Gaza", "Lagos", "Lima",
    "Sydney", "Donetsk", "Mount Everest", "the", "Wednesday", "Xqzzyville", "United States",
    "Donetska oblast", "Kupianskyi raion", "Konotop Air Base", "Mosul Dam", "Krasna Dolyna",
]  # fmt: skip


def _scenes() -> list[tuple[str, float, float, str]]:
    scenes = []
    for path in sorted(ANNOTATIONS.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            for incident in json.loads(line).get("incidents", []) if line.strip() else []:
                if incident.get("scene") and incident.get("lat") is not None:
                    scenes.append((incident["scene"], incident["lat"], incident["lon"],
                                   incident.get("country_code") or ""))  # fmt: skip
    return scenes


def _coverage(index: GazetteerIndex, scenes: list[tuple[str, float, float, str]]) -> list[str]:
    """The scene names no place within SCENE_KM of the annotated point is called."""
    missed = []
    for name, lat, lon, _ in scenes:
        known = index.lookup(name)
        if not any(equirectangular_km(lat, lon, e.lat, e.lon) <= SCENE_KM for e in known):
            missed.append(name)
    return missed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--packs", action="store_true", help="also count with packs installed")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as cache:
        start = time.perf_counter()
        index = GazetteerIndex.open(cache, progress=False)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        size = (Path(cache) / "gazetteer.sqlite").stat().st_size / 1e6
        print(f"index build: {time.perf_counter() - start:.1f} s, {len(index):,} entries,"
              f" {size:.0f} MB, peak {peak:.0f} MB (this process)")  # fmt: skip

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
        scenes = _scenes()
        if scenes:
            missed = _coverage(index, scenes)
            print(
                f"real-report scenes known within {SCENE_KM:.0f} km:"
                f" {len(scenes) - len(missed)}/{len(scenes)}; missed: {', '.join(missed)}"
            )
        index.close()
        if scenes and args.packs:
            names = {p.name for p in available()}
            for cc in sorted({s[3].lower() for s in scenes}):
                if f"wof-{cc}" in names:
                    install(f"wof-{cc}", cache_dir=cache)
            with GazetteerIndex.open(cache, progress=False) as index:
                missed = _coverage(index, scenes)
            print(
                f"  with the packs of their countries: {len(scenes) - len(missed)}/"
                f"{len(scenes)}; missed: {', '.join(missed)}"
            )


if __name__ == "__main__":
    main()
