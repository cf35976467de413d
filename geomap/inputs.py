"""The inputs a command is given, read the one way every command reads them.

``geomap map``, ``geomap incidents`` and ``geomap add`` take the same inputs: text and
HTML files, folders of them, http(s) URLs of pages or feeds, JSON Lines, RSS and Atom
feeds, Parquet archives, and ``-`` for stdin.  :mod:`geomap.sources` reads each kind;
this module decides what a failure means for the run:

- :func:`read_all` (``map``, ``incidents``): every input must be read, or the run stops
  with the first failure's line before any work, so nothing is written.
- :func:`read_each` (``add``): an input that fails is reported in one line and left
  out, the others are still read; an input is taken whole or not at all, so a JSON
  Lines file with one bad record adds none of its records.  A folder that holds no
  article file is said in one line, and is no failure (nor is an empty feed).

:func:`output_stems` names one output per article, the way ``map`` writes them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from geomap.errors import GeomapError, printable
from geomap.errors import warn as warn_line
from geomap.fetch import DEFAULT_TIMEOUT
from geomap.sources import SourcedArticle, read_input

__all__ = ["InputsRead", "output_stems", "read_all", "read_each"]

_MAX_STEM_CHARS = 100
"""Characters of an output name made from an article id (a URL's slug, a record's id):
with a suffix and a temporary file's affixes it stays under the usual 255-byte limit."""
_UNSAFE = re.compile(r"[^\w.-]+")


@dataclass(slots=True)
class InputsRead:
    """What :func:`read_each` got: the articles of the inputs that could be read, and
    one line for each input that could not."""

    items: list[SourcedArticle] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    inputs_read: int = 0


def read_all(
    inputs: Sequence[str],
    *,
    date: dt.date | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    allow_private: bool = False,
) -> list[SourcedArticle]:
    """Every article of every input, in order; the first input that fails stops the run
    (its :class:`GeomapError`), before the caller has written anything.  An input that
    holds no article at all (an empty folder, a feed whose items were all skipped) is
    such a failure too: the user named it to have it read."""
    items: list[SourcedArticle] = []
    for spec in dict.fromkeys(inputs):  # an input given twice is read once
        found = list(_read_one(spec, date=date, timeout=timeout, allow_private=allow_private))
        if not found:
            raise GeomapError(_nothing_in(spec))
        items.extend(found)
    return items


def read_each(
    inputs: Sequence[str],
    *,
    date: dt.date | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    allow_private: bool = False,
    on_failure: Callable[[str], None] = warn_line,
) -> InputsRead:
    """The articles of each input that can be read; each one that cannot is passed to
    ``on_failure`` as one line (printed as ``geomap: ...`` by default) and left out."""
    read = InputsRead()
    for spec in dict.fromkeys(inputs):  # an input given twice is read once
        try:
            found = list(_read_one(spec, date=date, timeout=timeout,
                                   allow_private=allow_private))  # fmt: skip
        except GeomapError as e:
            message = printable(str(e))
            read.failures.append(message)
            on_failure(message)
            continue
        if not found and spec != "-" and Path(spec).is_dir():  # said, but no failure
            warn_line(_nothing_in(spec))
        read.items.extend(found)
        read.inputs_read += 1
    return read


def output_stems(items: Sequence[SourcedArticle]) -> list[str]:
    """One file stem per article, none repeated: a file's own stem (its bytes kept, as
    before), else the article's id made safe for a file name (a record's id is content:
    ``../../x`` must not leave the output folder).  A stem already taken gets ``-2``,
    ``-3``..., so two articles never write over each other's outputs."""
    stems: list[str] = []
    taken: set[str] = set()
    for item in items:
        article = item.article
        stem = Path(article.path).stem if article.path else _safe_stem(article.id)
        unique, n = stem, 1
        while unique in taken:
            n += 1
            unique = f"{stem}-{n}"
        taken.add(unique)
        stems.append(unique)
    return stems


def _read_one(
    spec: str, *, date: dt.date | None, timeout: float, allow_private: bool
) -> Iterator[SourcedArticle]:
    """One input's articles: Parquet through :mod:`geomap.collection.parquet` (imported
    only then: it needs the store's modules), anything else through
    :func:`geomap.sources.read_input`.  Feed items skipped on the way are warned about."""
    if spec.lower().endswith(".parquet") and "://" not in spec:
        from geomap.collection.parquet import read_parquet

        yield from read_parquet(Path(spec), date=date, timeout=timeout,
                                allow_private=allow_private)  # fmt: skip
    else:
        yield from read_input(spec, date=date, timeout=timeout, warn=warn_line,
                              allow_private=allow_private)  # fmt: skip


def _nothing_in(spec: str) -> str:
    if spec != "-" and Path(spec).is_dir():
        return f"{spec}: no article files in this folder (.txt, .html, .md, .jsonl, .rss, ...)"
    return f"{'stdin' if spec == '-' else spec}: no article found in it"


def _safe_stem(article_id: str) -> str:
    stem = _UNSAFE.sub("-", article_id).strip("-.")[:_MAX_STEM_CHARS].rstrip("-.")
    if stem:
        return stem
    return "article-" + hashlib.sha1(article_id.encode("utf-8", "replace")).hexdigest()[:12]
