"""Geoparsing accuracy and speed on the evaluation corpora (LGL, TR-News), both modes.

    python3 benchmarks/accuracy.py [--eval-dir ../shared/eval] [--corpus lgl ...]
                                   [--errors N] [--limit N]

For each corpus it geoparses every article twice: end to end (recognition +
resolution) and with the corpus's own spans (``--given-spans``: resolution only),
scores both with the corpus scorer (``score.py`` beside the corpora) and prints one
table: recognition exact P/R/F1, acc@161 km, e2e@161 and articles per second.
``--errors N`` then lists the N costliest misses of the end-to-end run: gold toponyms
that were not found or were placed more than 161 km away, grouped by name.
"""

from __future__ import annotations

import argparse
import collections
import importlib.util
import json
import math
import sys
import time
from pathlib import Path
from types import ModuleType
from typing import Any

from geomap.gazetteer.geocoder import GazetteerGeocoder
from geomap.gazetteer.index import GazetteerIndex
from geomap.geoparse.jsonl import CorpusRecord, geoparse_records, read_records

REPO = Path(__file__).resolve().parents[1]
DEFAULT_EVAL = REPO.parent / "shared" / "eval"
CORPORA = ("lgl", "trnews")
MODES = ("e2e", "given-spans")


def _load_scorer(eval_dir: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("geomap_eval_score", eval_dir / "score.py")
    if spec is None or spec.loader is None:
        sys.exit(f"{eval_dir / 'score.py'}: scorer not found")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _run(
    records: list[CorpusRecord], *, given: bool, index: GazetteerIndex, geocoder: GazetteerGeocoder
) -> tuple[dict[str, dict[str, Any]], float]:
    start = time.perf_counter()
    out = {r["id"]: r for r in geoparse_records(records, given_spans=given, index=index,
                                                 geocoder=geocoder)}  # fmt: skip
    return out, len(records) / (time.perf_counter() - start)


def _costly_misses(
    gold: dict[str, dict[str, Any]], system: dict[str, dict[str, Any]], scorer: ModuleType, n: int
) -> None:
    misses: dict[str, list[str]] = collections.defaultdict(list)
    for doc_id, g in gold.items():
        text = g["text"]
        sts = system.get(doc_id, {}).get("toponyms", [])
        for t in g["toponyms"]:
            if t.get("lat") is None:
                continue
            over = [s for s in sts if s["start"] < t["end"] and t["start"] < s["end"]]
            exact = [s for s in over if (s["start"], s["end"]) == (t["start"], t["end"])]
            s = (exact or over or [None])[0]
            surface = text[t["start"] : t["end"]]
            ctx = text[max(0, t["start"] - 60) : t["end"] + 60].replace("\n", " ")
            if s is None:
                misses[surface].append(f"not found | ...{ctx}...")
            elif s.get("lat") is None:
                misses[surface].append(
                    f"found {text[s['start'] : s['end']]!r}, unresolved | ...{ctx}..."
                )
            else:
                km = scorer.haversine_km(t["lat"], t["lon"], s["lat"], s["lon"])
                same = s.get("geonameid") is not None and s["geonameid"] == t.get("geonameid")
                if km > 161 and not same:
                    misses[surface].append(
                        f"placed {s.get('place')!r} {s.get('country_code')} {km:.0f} km off "
                        f"| ...{ctx}..."
                    )
    ranked = sorted(misses.items(), key=lambda kv: -len(kv[1]))[:n]
    for surface, examples in ranked:
        print(f"  {len(examples):3d} x {surface!r}: {examples[0]}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL)
    ap.add_argument("--corpus", action="append", choices=CORPORA)
    ap.add_argument("--mode", action="append", choices=MODES)
    ap.add_argument("--errors", type=int, default=0, metavar="N")
    ap.add_argument("--limit", type=int, default=0, help="only the first N articles")
    args = ap.parse_args(argv)
    scorer = _load_scorer(args.eval_dir)
    index = GazetteerIndex.open()
    geocoder = GazetteerGeocoder(index=index)
    rows = []
    runs = {}
    for corpus in args.corpus or CORPORA:
        path = args.eval_dir / f"{corpus}.jsonl"
        lines = path.read_text(encoding="utf-8").split("\n")
        if args.limit:
            lines = lines[: args.limit]
        gold = {str(json.loads(line)["id"]): json.loads(line) for line in lines if line.strip()}
        records = read_records(lines, source=str(path))
        for mode in args.mode or MODES:
            system, speed = _run(records, given=mode == "given-spans", index=index,
                                 geocoder=geocoder)  # fmt: skip
            res = scorer.score(gold, system)
            rows.append((corpus, mode, res, speed))
            runs[(corpus, mode)] = (gold, system)
    header = (
        f"{'corpus':8} {'mode':12} {'P':>6} {'R':>6} {'F1':>6} "
        f"{'acc161':>7} {'e2e161':>7} {'art/s':>7}"
    )
    print(header)
    print("-" * len(header))
    for corpus, mode, res, speed in rows:
        p, r, f = (res["exact_p"], res["exact_r"], res["exact_f1"]) if mode == "e2e" else (
            math.nan, math.nan, math.nan)  # fmt: skip
        print(f"{corpus:8} {mode:12} {p:6.3f} {r:6.3f} {f:6.3f} {res['acc161']:7.3f} "
              f"{res['e2e161']:7.3f} {speed:7.1f}")  # fmt: skip
    if args.errors:
        for (corpus, mode), (gold, system) in runs.items():
            print(f"\ncostliest misses: {corpus} {mode}")
            _costly_misses(gold, system, scorer, args.errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
