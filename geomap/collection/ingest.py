"""Adding articles to a collection: only what is new is parsed, in parallel if asked.

An article is known by the hash of its words; it is parsed again only when the
parser that read it is out of date (a newer geomap, gazetteer or weights).  Workers
parse, this process writes, one transaction per article in input order, so a run
killed at any point leaves the collection as of some article and the next run
carries on where it stopped.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from geomap.collection.parse import (
    ArticleResult,
    Parser,
    article_from_fields,
    content_hash,
    fresh_index_path,
    parser_version,
)
from geomap.collection.store import Collection, Stored
from geomap.records import Article
from geomap.sources import SourcedArticle

__all__ = ["AddSummary", "ParseFailure", "add_articles", "reparse_stale"]

_CHUNK = 4
"""Articles per hand-over to a worker: fewer round trips, still smooth progress."""
_REPARSED_PER_COMMIT = 64
"""Re-parsed articles stored per transaction."""


@dataclass(slots=True)
class AddSummary:
    added: int = 0
    reparsed: int = 0
    unchanged: int = 0
    failed: int = 0
    incidents: int = 0
    places: int = 0
    added_ids: list[str] = field(default_factory=list)


def add_articles(
    collection: Collection,
    items: Sequence[SourcedArticle],
    *,
    jobs: int = 1,
    geocoder_name: str = "gazetteer",
    geocoder_options: tuple[str, ...] = (),
    progress: bool = False,
    on_failure: Callable[[str], None] | None = None,
) -> AddSummary:
    """Parse and store the items that are new or were read by an older parser.

    With ``on_failure`` (``watch``), an article the pipeline fails on is reported
    through it in one line and skipped, and the others are still added; without it
    the failure stops the run, as a bug should.
    """
    version = parser_version(geocoder_name=geocoder_name, geocoder_options=geocoder_options)
    known = collection.parsed()
    summary = AddSummary()
    todo: list[SourcedArticle] = []
    seen: set[str] = set()
    for item in items:
        digest = content_hash(item.article.text)
        if digest in seen or known.get(digest) == version:
            summary.unchanged += 1
            continue
        seen.add(digest)
        todo.append(item)
    if not todo:
        return summary
    collection.start_writing()  # a read-only collection is said before any parsing
    results = _parse_all(
        [item.article for item in todo],
        jobs=jobs,
        geocoder_name=geocoder_name,
        geocoder_options=geocoder_options,
        progress=progress,
        label="Adding articles",
        isolate=on_failure is not None,
    )
    with _Writer(collection) as writer:
        for item, result in zip(todo, results, strict=True):
            if isinstance(result, ParseFailure):
                assert on_failure is not None, "only isolated parsing hands back failures"
                on_failure(f"skipped: {item.origin or item.article.id}: geomap failed on "
                           f"this article (internal error: {result.error})")  # fmt: skip
                summary.failed += 1
                continue
            reparsed = result.article["content_hash"] in known
            writer.store((result, item.origin, item.site), reparsed=reparsed)
            if reparsed:
                summary.reparsed += 1
            else:
                summary.added += 1
                summary.added_ids.append(result.article["article_id"])
            summary.incidents += len(result.incidents)
            summary.places += len(result.places)
    return summary


def reparse_stale(
    collection: Collection,
    *,
    jobs: int = 1,
    geocoder_name: str = "gazetteer",
    geocoder_options: tuple[str, ...] = (),
    progress: bool = False,
) -> int:
    """Parse again, from their stored text, the articles an older parser read (through
    the same geocoder: articles another geocoder placed are left as they are)."""
    version = parser_version(geocoder_name=geocoder_name, geocoder_options=geocoder_options)
    geocoder = version.partition("@")[2]
    stale = [
        h for h, v in collection.parsed().items()
        if v != version and v.partition("@")[2] == geocoder
    ]  # fmt: skip
    if not stale:
        return 0
    stored = [collection.stored_article(h) for h in stale]
    collection.start_writing()
    results = _parse_all(
        [article_from_fields(fields) for fields in stored],
        jobs=jobs,
        geocoder_name=geocoder_name,
        geocoder_options=geocoder_options,
        progress=progress,
        label="Re-parsing",
        isolate=False,
    )
    with _Writer(collection) as writer:
        for fields, result in zip(stored, results, strict=True):
            assert isinstance(result, ArticleResult)
            writer.store((result, fields.get("origin"), fields.get("site")), reparsed=True)
    return len(stale)


class _Writer:
    """Stores parsed articles: a new one in its own transaction as soon as it is
    parsed; re-parsed ones :data:`_REPARSED_PER_COMMIT` at a time, since each replaces
    reports that may be merged with thousands of others, merged again once per
    commit.  Either way a killed run leaves the collection as of some article."""

    def __init__(self, collection: Collection) -> None:
        self.collection = collection
        self.pending: list[Stored] = []

    def store(self, item: Stored, *, reparsed: bool) -> None:
        if not reparsed:
            self.flush()
            self.collection.add_batch([item])
            return
        self.pending.append(item)
        if len(self.pending) >= _REPARSED_PER_COMMIT:
            self.flush()

    def flush(self) -> None:
        if self.pending:
            self.collection.add_batch(self.pending)
            self.pending = []

    def __enter__(self) -> _Writer:
        return self

    def __exit__(self, kind: type[BaseException] | None, *rest: object) -> None:
        if kind is None:
            self.flush()


def _parse_all(
    articles: list[Article],
    *,
    jobs: int,
    geocoder_name: str,
    geocoder_options: tuple[str, ...],
    progress: bool,
    label: str,
    isolate: bool,
) -> Iterator[ArticleResult | ParseFailure]:
    """Results in input order, as they are ready; with ``isolate``, an article whose
    parsing raises is a :class:`ParseFailure` instead of the end of the run."""
    if not articles:
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    bar = Progress(
        "[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
        TimeRemainingColumn(), console=Console(stderr=True), disable=not progress,
        transient=True,
    )  # fmt: skip
    with bar:
        task = bar.add_task(label, total=len(articles))
        if jobs <= 1 or len(articles) < 2 * _CHUNK:
            parser = Parser(geocoder_name=geocoder_name, geocoder_options=geocoder_options,
                            index_path=fresh_index_path())  # fmt: skip
            for article in articles:
                yield _parse(parser, article, isolate)
                bar.advance(task)
            return
        pool = ProcessPoolExecutor(
            max_workers=jobs,
            initializer=_start_worker,
            initargs=(geocoder_name, geocoder_options, fresh_index_path(), isolate),
        )
        try:
            for result in pool.map(_parse_in_worker, articles, chunksize=_CHUNK):
                yield result
                bar.advance(task)
        except BaseException:
            # Interrupted (or the consumer failed): drop the queued articles rather
            # than parse the rest of the batch before stopping.
            pool.shutdown(wait=False, cancel_futures=True)
            raise
        pool.shutdown()


@dataclass(frozen=True, slots=True)
class ParseFailure:
    """An article the pipeline raised on (a bug), when parsing is isolated."""

    error: str


def _parse(parser: Parser, article: Article, isolate: bool) -> ArticleResult | ParseFailure:
    if not isolate:
        return parser.parse(article)
    try:
        return parser.parse(article)
    except Exception as e:  # any bug in any stage: this article only
        return ParseFailure(f"{type(e).__name__}: {e}")


_WORKER: Parser | None = None
_ISOLATE = False


def _start_worker(
    geocoder_name: str, geocoder_options: tuple[str, ...], index_path: Path, isolate: bool
) -> None:
    global _WORKER, _ISOLATE
    _ISOLATE = isolate
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()
    _WORKER = Parser(geocoder_name=geocoder_name, geocoder_options=geocoder_options,
                     index_path=index_path)  # fmt: skip


def _exit_with_parent(parent: int) -> None:
    """A worker whose parent was killed (kill -9 sends it no signal) stops too, rather
    than wait forever on a queue nobody writes to."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _parse_in_worker(article: Article) -> ArticleResult | ParseFailure:
    assert _WORKER is not None, "the pool's initializer opens the parser"
    return _parse(_WORKER, article, _ISOLATE)
