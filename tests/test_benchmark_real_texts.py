"""The real-report benchmark on a new machine: texts fetched again from their URLs.

The reports' texts are copyrighted and git-ignored, so a new machine has only their
annotations and URLs.  ``benchmarks/real_texts.py`` fetches each page again (here from a
real HTTP server on 127.0.0.1 serving articles written for these tests), and
``benchmarks/accuracy.py`` moves the annotated toponyms onto a text that differs from
the annotated one instead of dropping the report.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

from test_inputs_network import serve

from geomap.sources import read_input

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"

REPORT = (
    "Floodwaters swept through Kasese in western Uganda on Tuesday after the Nyamwamba "
    "River burst its banks. Two people died in Kasese and 300 families were moved to a "
    "school in Bwera. The district's officials said roads to Fort Portal were cut. "
    "Rain is expected to continue over the Rwenzori Mountains this week."
)


def _module(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCHMARKS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # (its dataclasses look their module up there)
    spec.loader.exec_module(module)
    return module


def _page(title: str, body: str) -> bytes:
    return (f"<!DOCTYPE html><html><head><title>{title}</title></head><body><nav>Home | "
            f"World | Sport</nav><article><h1>{title}</h1><p>{body}</p></article>"
            "</body></html>").encode()  # fmt: skip


def _annotation(ident: str, url: str, text: str) -> dict[str, object]:
    return {"id": ident, "url": url, "split": "dev", "published": "2024-05-07",
            "sha1": hashlib.sha1(text.encode()).hexdigest(), "chars": len(text),
            "language": "en", "incidents": []}  # fmt: skip


def test_restores_missing_texts_from_their_pages_and_says_which_differ(tmp_path: Path) -> None:
    real_texts = _module("real_texts")
    (tmp_path / "annotations").mkdir()
    (tmp_path / "texts").mkdir()
    with serve() as site:
        same_url = site.page("/uganda-floods", _page("Floods in Kasese", REPORT))
        # the text as geomap reads that page: what an annotator stored and annotated
        annotated = next(iter(read_input(same_url))).article.text
        edited = REPORT.replace("Two people died", "Three people died")
        changed_url = site.page("/uganda-floods-updated", _page("Floods in Kasese", edited))
        kept_url = site.page("/kept", _page("Another story", "Nothing to see in Gulu."))
        records = [
            _annotation("ug-flood-same", same_url, annotated),
            _annotation("ug-flood-changed", changed_url, annotated),
            _annotation("ug-flood-gone", site.base + "/removed", annotated),
            _annotation("ug-flood-kept", kept_url, "already here"),
        ]
        (tmp_path / "annotations" / "dev.jsonl").write_text(
            "".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        (tmp_path / "texts" / "ug-flood-kept.txt").write_text("already here", encoding="utf-8")
        code = real_texts.main(["--root", str(tmp_path), "--timeout", "5"])
        asked = list(site.requests)
    texts = tmp_path / "texts"
    assert code == 2  # one page failed
    assert (texts / "ug-flood-same.txt").read_text(encoding="utf-8") == annotated
    changed = (texts / "ug-flood-changed.txt").read_text(encoding="utf-8")
    assert "Three people died in Kasese" in changed and changed != annotated
    assert not (texts / "ug-flood-gone.txt").exists()  # a failed fetch writes nothing
    assert (texts / "ug-flood-kept.txt").read_text(encoding="utf-8") == "already here"
    assert "/kept" not in asked  # a text already there is neither fetched nor overwritten


def test_statuses_name_each_report(tmp_path: Path, capsys: object) -> None:
    real_texts = _module("real_texts")
    (tmp_path / "annotations").mkdir()
    with serve() as site:
        url = site.page("/floods", _page("Floods in Kasese", REPORT))
        record = _annotation("ug-flood", url, "not the text")
        (tmp_path / "annotations" / "dev.jsonl").write_text(json.dumps(record) + "\n",
                                                            encoding="utf-8")  # fmt: skip
        assert real_texts.main(["--root", str(tmp_path)]) == 0
    out = capsys.readouterr().out  # type: ignore[attr-defined]
    assert "differs  ug-flood" in out
    assert "fetched 1: 0 the same as annotated, 1 differing, 0 failed" in out


def test_the_annotated_extent_ends_with_the_sentence_it_stops_in() -> None:
    real_texts = _module("real_texts")
    cut = real_texts.annotated_extent(REPORT, REPORT.index("300 families"))
    assert cut.endswith("moved to a school in Bwera.")
    assert real_texts.annotated_extent(REPORT, len(REPORT) + 50) == REPORT


def _toponyms(text: str, *names: str) -> list[dict[str, object]]:
    out, cursor = [], 0
    for name in names:
        start = text.index(name, cursor)
        out.append({"start": start, "end": start + len(name), "name": name,
                    "lat": 0.0, "lon": 0.0, "geonameid": None, "type": None})  # fmt: skip
        cursor = start + len(name)
    return out


def test_toponyms_move_onto_a_text_fetched_again() -> None:
    accuracy = _module("accuracy")
    gold = _toponyms(REPORT, "Kasese", "Uganda", "Nyamwamba River", "Kasese", "Bwera",
                     "Fort Portal", "Rwenzori Mountains")  # fmt: skip
    # the live page: a dateline on top, one sentence reworded, the last one gone
    fetched = ("KAMPALA, May 7 (Reuters) - " + REPORT.replace(
        "The district's officials said roads to Fort Portal were cut.",
        "Officials said the road from Bwera to Fort Portal was cut.",
    ).split(" Rain is expected")[0])
    moved, lost = accuracy.realign(gold, fetched)
    assert lost == 1  # the Rwenzori Mountains are not in the fetched text
    assert [t["name"] for t in moved] == [t["name"] for t in gold][:-1]
    for toponym in moved:
        assert fetched[toponym["start"]:toponym["end"]] == toponym["name"]
    # "Kasese" twice and "Bwera" twice: each annotated mention goes to its own occurrence
    kasese = [t["start"] for t in moved if t["name"] == "Kasese"]
    assert kasese == [fetched.index("Kasese"), fetched.index("Kasese", kasese[0] + 1)]
    bwera = next(t for t in moved if t["name"] == "Bwera")
    assert bwera["start"] == fetched.index("Bwera")  # the first, where the annotated one was
    assert "Kampala" not in [t["name"] for t in moved]  # nothing is added


def test_a_name_inside_a_longer_word_is_not_a_toponym_moved_there() -> None:
    accuracy = _module("accuracy")
    gold = _toponyms("Clashes in Gao left three dead.", "Gao")
    moved, lost = accuracy.realign(gold, "Gaoua was quiet. Clashes in Gao left three dead.")
    assert lost == 0
    assert moved[0]["start"] == len("Gaoua was quiet. Clashes in ")


def test_reports_annotated_in_a_corpus_take_their_text_from_it(
    tmp_path: Path, monkeypatch: object
) -> None:
    incidents_real = _module("incidents_real")
    eval_dir, root = tmp_path / "eval", tmp_path / "real"
    (root / "annotations").mkdir(parents=True)
    eval_dir.mkdir()
    (eval_dir / "lgl.jsonl").write_text(json.dumps(
        {"id": "lgl-1", "text": REPORT, "title": None, "url": None, "date": "2009-05-07",
         "domain": None, "toponyms": []}) + "\n", encoding="utf-8")  # fmt: skip
    corpus_record = {**_annotation("lgl-1", "http://example.org/1", REPORT),
                     "corpus": "lgl", "split": "corpus-dev"}  # fmt: skip
    own_record = {**_annotation("ug-own", "http://example.org/2", REPORT), "split": "fresh"}
    (root / "annotations" / "a.jsonl").write_text(
        json.dumps(corpus_record) + "\n" + json.dumps(own_record) + "\n", encoding="utf-8")
    monkeypatch.setattr(incidents_real, "ROOT", root)  # type: ignore[attr-defined]
    monkeypatch.setattr(incidents_real, "EVAL_DIR", eval_dir)  # type: ignore[attr-defined]
    incidents_real.corpus_texts.cache_clear()
    assert incidents_real.splits() == ["corpus-dev", "fresh", "all"]
    (report,) = incidents_real.load_reports("corpus-dev")
    assert report.text == REPORT and not report.text_changed
    (own,) = incidents_real.load_reports("fresh")
    assert own.text is None  # its text is not in texts/ on this machine: skipped, counted
