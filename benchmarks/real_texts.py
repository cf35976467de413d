"""Get the real reports' texts again from their URLs, on a machine that reaches the web.

The texts of ``benchmarks/real/`` are copyrighted, so the repository holds only their
annotations and URLs, and ``benchmarks/real/texts/`` (git-ignored) is empty on a new
machine.  This script fills it from the live pages:

    python benchmarks/real_texts.py                  # every report whose text is missing
    python benchmarks/real_texts.py --split fresh13  # one split
    python benchmarks/real_texts.py --timeout 30 --root DIR

For each report it fetches ``url`` the way ``geomap`` fetches a page (a total deadline,
a size cap), takes the page's main text as geomap reads HTML (trafilatura), keeps as
much of it as was annotated (the annotation's ``chars``, to the end of that sentence),
and writes ``texts/<id>.txt``.  A live page is seldom the copy that was annotated
(its text changed, or it was stored with another extractor), so most texts differ from
the annotated ones by SHA-1: ``incidents_real.py`` scores them anyway (annotations name
places and coordinates, not offsets), and ``accuracy.py --corpus real`` moves each
annotated toponym to where its name stands in the new text.  Each report gets one line:
``same`` (the annotated text, SHA-1 equal), ``differs`` (saved; its length beside the
annotated one) or ``failed`` (why; nothing written).  Nothing is ever overwritten.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent / "real"
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]?(?=\s)|\n")


def annotated_reports(root: Path, split: str) -> list[dict[str, Any]]:
    """The annotation records of ``split`` ("all": every split), in file order."""
    records = []
    for path in sorted((root / "annotations").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                if split in ("all", record["split"]):
                    records.append(record)
    return records


def annotated_extent(text: str, chars: int) -> str:
    """The start of ``text`` that was annotated: ``chars`` characters, ended at the end of
    the sentence they stop in, so no incident is cut in half and none told after the
    annotated part is scored as a false one."""
    if len(text) <= chars:
        return text
    end = _SENTENCE_END.search(text, chars)
    return text[: end.end() if end else len(text)].rstrip()


def restore(record: dict[str, Any], texts: Path, *, timeout: float) -> str:
    """Fetch one report's page and save its text; the status line for it."""
    from geomap.errors import GeomapError
    from geomap.sources import read_input

    target = texts / f"{record['id']}.txt"
    try:  # the way `geomap map URL` reads a page
        sourced = next(iter(read_input(record["url"], timeout=timeout)), None)
    except GeomapError as error:
        return f"failed   {record['id']}: {error}"
    if sourced is None:
        return f"failed   {record['id']}: no article at this URL"
    article = sourced.article
    text = annotated_extent(article.text, int(record["chars"]))
    target.write_text(text, encoding="utf-8")
    if hashlib.sha1(text.encode("utf-8")).hexdigest() == record["sha1"]:
        return f"same     {record['id']}"
    return f"differs  {record['id']}: {len(text)} characters, {record['chars']} annotated"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", default="all", help="one split, or all (the default)")
    parser.add_argument("--timeout", type=float, default=20.0,
                        help="seconds one page may take (default 20)")
    parser.add_argument("--root", type=Path, default=ROOT,
                        help="the folder of annotations/ and texts/ (default: benchmarks/real)")
    args = parser.parse_args(argv)
    records = annotated_reports(args.root, args.split)
    if not records:
        print(f"no annotations under {args.root / 'annotations'} for split {args.split!r}",
              file=sys.stderr)  # fmt: skip
        return 1
    texts = args.root / "texts"
    texts.mkdir(exist_ok=True)
    missing = [r for r in records if not (texts / f"{r['id']}.txt").exists()]
    statuses = []
    for record in missing:
        statuses.append(restore(record, texts, timeout=args.timeout))
        print(statuses[-1], flush=True)
    counts = {word: sum(status.startswith(word) for status in statuses)
              for word in ("same", "differs", "failed")}  # fmt: skip
    print(f"{len(records) - len(missing)} of {len(records)} texts were already there; "
          f"fetched {len(missing)}: {counts['same']} the same as annotated, "
          f"{counts['differs']} differing, {counts['failed']} failed")
    return 0 if not counts["failed"] else 2


if __name__ == "__main__":
    sys.exit(main())
