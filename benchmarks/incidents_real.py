"""Incidents on real news reports: geomap's records scored against hand annotations.

Reads every ``benchmarks/real/annotations/*.jsonl`` (the format and the rules are in
``docs/incidents-annotation.md``) and the texts in ``benchmarks/real/texts/`` (git
ignores them: they are copyrighted; a report whose text is missing is skipped and
counted).  Reports annotated in the evaluation corpora beside the project (an
annotation with ``"corpus": "lgl"`` or ``"trnews"``: splits ``corpus-dev`` and
``corpus-test``) take their text from ``../shared/eval/<corpus>.jsonl``, so they are
scored on every machine that has the corpora.  Each text is mapped with its annotated
publication date, as ``--date`` would give it, and its incidents are matched one to one
with the annotated ones: same event family, scenes within 50 km, nearest first.  Then,
over the matched pairs: type, scene within 25 km, UCDP precision, dates, temporal status
and each stated count.  It also counts incidents placed in a country where the report states none.

    python benchmarks/incidents_real.py                 # the dev split
    python benchmarks/incidents_real.py --split test    # the held-out split, once, at the end
    python benchmarks/incidents_real.py --split fresh   # never tuned on: scored once, then dev
    python benchmarks/incidents_real.py --split fresh2  # a later set, scored once at the end
    python benchmarks/incidents_real.py --split fresh3  # held out two sessions, then dev
    python benchmarks/incidents_real.py --split fresh4  # more development reports (tuned on)
    python benchmarks/incidents_real.py --split fresh5  # held out one session, then dev
    python benchmarks/incidents_real.py --split fresh6  # held out one session, then dev
    python benchmarks/incidents_real.py --split fresh7  # held out one session, then dev
    python benchmarks/incidents_real.py --split fresh8  # held out one session, then dev
    python benchmarks/incidents_real.py --split fresh9  # held out one session, then dev
    python benchmarks/incidents_real.py --split fresh10 # held out one session, then dev
    python benchmarks/incidents_real.py --split fresh11 # held out one session, then dev
    python benchmarks/incidents_real.py --split fresh12 # held out one session, then dev
    python benchmarks/incidents_real.py --split fresh13 # held out: summary only, scored once
    python benchmarks/incidents_real.py --split fresh14 # held out, blind (texts from live pages)
    python benchmarks/incidents_real.py --split corpus-dev   # LGL and TR-News articles
    python benchmarks/incidents_real.py --split corpus-test  # held out: summary only
    python benchmarks/incidents_real.py --details       # each report's misses (dev splits)

Targets (issue 11): F1 >= 0.85; scene within 25 km >= 90% of matched; fatalities and
injured exact >= 90% of those stated; dates exact >= 85% of those stated; no incident
in a country the report does not report one in.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import hashlib
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from geomap.distance import haversine_km

ROOT = Path(__file__).resolve().parent / "real"
EVAL_DIR = Path(__file__).resolve().parents[2] / "shared" / "eval"
"""The evaluation corpora (LGL, TR-News) that ``corpus`` annotations take texts from."""
HELD_OUT = ("test", "fresh13", "fresh14", "corpus-test")
"""Splits looked at only as a summary, once, at the end of a session: never ``--details``."""
MATCH_KM = 50.0
SCENE_KM = 25.0
COUNTS = ("fatalities", "injured", "people_affected", "structures_affected")

@dataclass
class Report:
    id: str
    split: str
    published: dt.date | None
    gold: list[dict[str, Any]]
    text: str | None
    text_changed: bool


@dataclass
class Tally:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    fields: Counter = field(default_factory=Counter)
    """field -> right answers among matched pairs where the field is scored."""
    scored: Counter = field(default_factory=Counter)
    """field -> matched pairs where the field is scored."""
    wrong_country: int = 0
    reports: int = 0
    skipped: int = 0


def family(event_type: str) -> str | None:
    """Event types that annotators and extractors may reasonably tell apart differently
    (an attack on a village: battle or violence against civilians?) share a family
    (geomap's event-type table): incidents are matched by family, and the type is then
    scored as a field of its own."""
    from geomap.event_types import FAMILIES

    return FAMILIES.get(event_type)


def annotations() -> list[dict[str, Any]]:
    """Every annotated report, in file order."""
    return [json.loads(line) for path in sorted((ROOT / "annotations").glob("*.jsonl"))
            for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def splits() -> list[str]:
    """The splits the annotations name, in the order they first appear, then ``all``."""
    return [*dict.fromkeys(record["split"] for record in annotations()), "all"]


@functools.cache
def corpus_texts(corpus: str) -> dict[str, str]:
    """id -> text of an evaluation corpus beside the project (empty when it is not there)."""
    path = EVAL_DIR / f"{corpus}.jsonl"
    if not path.is_file():
        return {}
    return {str(r["id"]): r["text"] for r in map(json.loads, path.open(encoding="utf-8"))}


def text_of(record: dict[str, Any]) -> str | None:
    """The report's text: from its corpus, or from ``texts/``; None when not on this machine."""
    if record.get("corpus"):
        return corpus_texts(record["corpus"]).get(record["id"])
    text_path = ROOT / "texts" / f"{record['id']}.txt"
    return text_path.read_text(encoding="utf-8") if text_path.exists() else None


def load_reports(split: str) -> list[Report]:
    reports = []
    for record in annotations():
        if split != "all" and record["split"] != split:
            continue
        text = text_of(record)
        changed = text is not None and (
            hashlib.sha1(text.encode("utf-8")).hexdigest() != record["sha1"]
        )
        published = record.get("published")
        reports.append(Report(
            id=record["id"], split=record["split"],
            published=dt.date.fromisoformat(published) if published else None,
            gold=record["incidents"], text=text, text_changed=changed,
        ))  # fmt: skip
    return reports


def predict(report: Report, index: Any) -> list[dict[str, Any]]:
    """geomap's incidents for the report, as flat dicts like the annotations'."""
    from geomap.article import article_from_text
    from geomap.pipeline import run

    assert report.text is not None
    article = article_from_text(report.text, article_id=report.id, date=report.published)
    out = []
    for incident in run(article, index=index).incidents:
        entry = incident.location.entry if incident.location else None
        point = incident.scene_point if incident.scene_point else (
            (entry.lat, entry.lon) if entry else None)  # fmt: skip
        out.append({
            "event_type": incident.event_type, "sub_event_type": incident.sub_event_type,
            "scene": entry.name if entry else None,
            "lat": point[0] if point else None, "lon": point[1] if point else None,
            "geo_precision": incident.geo_precision,
            "country_code": entry.country_code if entry else None,
            "date_start": incident.date_start.isoformat() if incident.date_start else None,
            "date_end": incident.date_end.isoformat() if incident.date_end else None,
            "temporal_status": incident.temporal_status,
            **{name: (getattr(incident, name).value if getattr(incident, name) else None)
               for name in COUNTS},
            "evidence": incident.evidence[:120],
        })  # fmt: skip
    return out


def match(gold: list[dict], predicted: list[dict]) -> list[tuple[int, int, float]]:
    """One-to-one (gold index, predicted index, km): same family, within MATCH_KM,
    the closest pairs first."""
    pairs = []
    for g, gi in enumerate(gold):
        for p, pi in enumerate(predicted):
            if family(gi["event_type"]) != family(pi["event_type"]):
                continue
            if pi["lat"] is None or gi["lat"] is None:
                continue
            distance = haversine_km(gi["lat"], gi["lon"], pi["lat"], pi["lon"])
            if distance <= MATCH_KM:
                pairs.append((distance, g, p))
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for distance, g, p in sorted(pairs):
        if g not in used_g and p not in used_p:
            used_g.add(g)
            used_p.add(p)
            out.append((g, p, distance))
    return out


def score_fields(tally: Tally, g: dict, p: dict, distance: float) -> list[str]:
    """Add one matched pair to ``tally``; return the fields it got wrong."""
    wrong = []

    def check(name: str, right: bool) -> None:
        tally.scored[name] += 1
        tally.fields[name] += right
        if not right:
            wrong.append(name)

    check("type", (g["event_type"], g["sub_event_type"]) == (p["event_type"],
                                                              p["sub_event_type"]))  # fmt: skip
    check("scene within 25 km", distance <= SCENE_KM)
    check("precision", g["geo_precision"] == p["geo_precision"])
    check("status", g["temporal_status"] == p["temporal_status"])
    if g.get("date_start"):
        check("date", g["date_start"] == p["date_start"])
    for name in COUNTS:
        if g.get(name) is not None:
            check(name, g[name] == p[name])
    return wrong


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", default="dev", choices=splits())
    parser.add_argument("--details", action="store_true",
                        help="print each report's unmatched and wrong incidents "
                             "(development splits only)")  # fmt: skip
    args = parser.parse_args()
    if args.details and args.split in (*HELD_OUT, "all"):
        parser.error(f"--details shows the development splits only: the held-out ones "
                     f"({', '.join(HELD_OUT)}) are looked at once")
    from geomap.gazetteer.index import GazetteerIndex

    reports = load_reports(args.split)
    if not reports:
        sys.exit(f"no annotations under {ROOT / 'annotations'} for split {args.split!r}")
    tally = Tally()
    index = GazetteerIndex.open(progress=False)
    for report in reports:
        if report.text is None:
            tally.skipped += 1
            continue
        if report.text_changed:
            print(f"warning: {report.id}: the text differs from the one annotated",
                  file=sys.stderr)  # fmt: skip
        predicted = predict(report, index)
        pairs = match(report.gold, predicted)
        tally.reports += 1
        tally.gold += len(report.gold)
        tally.predicted += len(predicted)
        tally.matched += len(pairs)
        countries = {g.get("country_code") for g in report.gold} - {None}
        strays = [p for p in predicted if p["country_code"] and countries
                  and p["country_code"] not in countries]  # fmt: skip
        tally.wrong_country += len(strays)
        wrongs = {g: score_fields(tally, report.gold[g], predicted[p], d) for g, p, d in pairs}
        if args.details:
            _details(report, predicted, pairs, wrongs, strays)
    _summary(tally, args.split)


def _details(report: Report, predicted: list[dict], pairs: list, wrongs: dict,
             strays: list) -> None:  # fmt: skip
    matched_g = {g for g, _, _ in pairs}
    matched_p = {p for _, p, _ in pairs}
    lines = []
    for g, gi in enumerate(report.gold):
        if g not in matched_g:
            lines.append(f"  missed   {_show(gi)}")
        elif wrongs[g]:
            p = next(p for gg, p, _ in pairs if gg == g)
            lines.append(f"  wrong {','.join(wrongs[g])}\n    gold   {_show(gi)}\n"
                         f"    geomap {_show(predicted[p])}")  # fmt: skip
    for p, pi in enumerate(predicted):
        if p not in matched_p:
            lines.append(f"  extra    {_show(pi)}")
    for pi in strays:
        lines.append(f"  country  {pi['country_code']} not among the report's: {_show(pi)}")
    if lines:
        print(f"{report.id} (published {report.published}):")
        print("\n".join(lines))


def _show(item: dict) -> str:
    counts = " ".join(f"{name}={item[name]}" for name in COUNTS if item.get(name) is not None)
    where = (f"{item.get('scene')} ({item.get('lat')}, {item.get('lon')}) "
             f"p{item.get('geo_precision')}")  # fmt: skip
    days = item.get("date_start")
    if item.get("date_end") not in (None, days):
        days = f"{days}..{item['date_end']}"
    return (f"{item['event_type']} / {item['sub_event_type']} @ {where} "
            f"{days} {item.get('temporal_status')} {counts} "
            f"| {str(item.get('evidence') or '')[:70]!r}")  # fmt: skip


def _summary(t: Tally, split: str) -> None:
    precision = t.matched / t.predicted if t.predicted else 0.0
    recall = t.matched / t.gold if t.gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(f"split {split}: {t.reports} reports ({t.skipped} without their text), "
          f"{t.gold} incidents annotated, {t.predicted} found, {t.matched} matched")
    print(f"incidents: precision {precision:.2f}  recall {recall:.2f}  F1 {f1:.2f} "
          "(target F1 >= 0.85)")
    targets = {"scene within 25 km": 0.90, "fatalities": 0.90, "injured": 0.90, "date": 0.85}
    for name in ("type", "scene within 25 km", "precision", "status", "date", *COUNTS):
        if t.scored[name]:
            share = t.fields[name] / t.scored[name]
            goal = f" (target >= {targets[name]:.2f})" if name in targets else ""
            print(f"  {name:<20} {t.fields[name]:>3}/{t.scored[name]:<3} {share:.2f}{goal}")
    print(f"incidents in a country the report states none in: {t.wrong_country} (target 0)")


if __name__ == "__main__":
    main()
