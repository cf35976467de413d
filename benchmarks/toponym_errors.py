"""Per report of a real split: gold toponyms missed, predicted ones that are false, and
resolved ones placed more than 161 km off, paired as ``accuracy.py``'s scorer pairs them.

    python benchmarks/toponym_errors.py --real-split fresh10 [--context 50]

A tool for reading errors, not a score: it prints the report texts' words around each
error, so its output is for the terminal (the texts are copyrighted), never for commits.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import accuracy

from geomap.gazetteer.geocoder import GazetteerGeocoder
from geomap.gazetteer.index import GazetteerIndex
from geomap.geoparse.scoring import default_weights


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--real-split", default="dev", choices=accuracy.REAL_SPLITS)
    ap.add_argument("--eval-dir", type=Path, default=accuracy.DEFAULT_EVAL)
    ap.add_argument("--context", type=int, default=50)
    args = ap.parse_args(argv)
    scorer = accuracy._load_scorer(args.eval_dir)
    with tempfile.TemporaryDirectory(prefix="geomap-errors-") as tmp:
        path = accuracy._build_real(args.real_split, Path(tmp))
        if path is None:
            sys.exit("no texts")
        gold, records = accuracy._load_corpus(args.eval_dir, accuracy.REAL, 0, path)
    index = GazetteerIndex.open()
    system, _ = accuracy._run(records, given=False, index=index,
                              geocoder=GazetteerGeocoder(index=index),
                              weights=default_weights())
    counts = {"missed": 0, "false": 0, "far": 0, "partial": 0}
    for doc_id, g in gold.items():
        text = g["text"]
        sts = system.get(doc_id, {}).get("toponyms", [])
        gts = g["toponyms"]

        def ctx(a: int, b: int, text: str = text) -> str:
            left = text[max(0, a - args.context):a].replace("\n", " ")
            right = text[b:b + args.context].replace("\n", " ")
            return f"...{left}[[{text[a:b]}]]{right}..."

        lines = []
        gold_spans = {(t["start"], t["end"]) for t in gts}
        sys_spans = {(s["start"], s["end"]) for s in sts}
        for t in gts:
            over = [s for s in sts if s["start"] < t["end"] and t["start"] < s["end"]]
            if (t["start"], t["end"]) not in sys_spans:
                kind = "PARTIAL" if over else "MISSED"
                counts["partial" if over else "missed"] += 1
                got = "; ".join(f"{text[s['start']:s['end']]!r}" for s in over)
                lines.append(f"  {kind:7} {t['name']!r} ({t.get('lat')},{t.get('lon')}) "
                             f"{got} | {ctx(t['start'], t['end'])}")
            if t.get("lat") is None or not over:
                continue
            over.sort(key=lambda s: ((s["start"], s["end"]) != (t["start"], t["end"]),
                                     -(min(s["end"], t["end"]) - max(s["start"], t["start"]))))
            res = [s for s in over if s.get("lat") is not None]
            if not res:
                lines.append(f"  UNRES   {t['name']!r} | {ctx(t['start'], t['end'])}")
                counts["far"] += 1
                continue
            s = res[0]
            km = scorer.haversine_km(t["lat"], t["lon"], float(s["lat"]), float(s["lon"]))
            same = s.get("geonameid") is not None and s.get("geonameid") == t.get("geonameid")
            if km > 161 and not same:
                counts["far"] += 1
                lines.append(f"  FAR     {t['name']!r} -> {s.get('place')!r} "
                             f"{s.get('country_code')} {s.get('feature_type')} {km:.0f} km "
                             f"gold gid {t.get('geonameid')} | {ctx(t['start'], t['end'])}")
        for s in sts:
            if (s["start"], s["end"]) in gold_spans:
                continue
            if any(s["start"] < t["end"] and t["start"] < s["end"] for t in gts):
                continue
            counts["false"] += 1
            lines.append(f"  FALSE   {text[s['start']:s['end']]!r} -> {s.get('place')!r} "
                         f"{s.get('country_code')} {s.get('feature_type')} "
                         f"| {ctx(s['start'], s['end'])}")
        if lines:
            print(f"== {doc_id}")
            print("\n".join(lines))
    print(counts)
    return 0


if __name__ == "__main__":
    sys.exit(main())
