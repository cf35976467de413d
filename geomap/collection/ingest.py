"""Adding articles to a collection: only what is new is parsed, in parallel if asked.

An article is known by the hash of its words; it is parsed again only when the
parser that read it is out of date (a newer geomap, gazetteer or weights).  Workers
(local processes, or a Dask cluster's) parse, this process writes, in input order
and in transactions of whole articles, so a run killed at any point leaves the
collection as of some article and the next run carries on where it stopped.
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
from typing import Protocol

from geomap.collection.parse import (
    ArticleResult,
    Parser,
    article_from_fields,
    content_hash,
    fresh_index_path,
    parser_version,
)
from geomap.collection.store import Outcome, Store, Stored
from geomap.records import Article
from geomap.sources import SourcedArticle

__all__ = ["AddSummary", "Engine", "ParseFailure", "add_articles", "reparse_stale"]

_CHUNK = 4
"""Articles per hand-over to a worker: fewer round trips, still smooth progress."""
_REPARSED_PER_COMMIT = 64
"""Re-parsed articles stored per transaction."""


class Engine(Protocol):
    """Parses articles elsewhere (:class:`geomap.collection.dask_engine.DaskEngine`)."""

    def parse(self, articles: list[Article], *, geocoder_name: str,
              geocoder_options: tuple[str, ...],
              isolate: bool) -> Iterator[ArticleResult | ParseFailure]:  # fmt: skip
        """Results in input order, as they are ready."""
        ...


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
    collection: Store,
    items: Sequence[SourcedArticle],
    *,
    jobs: int = 1,
    geocoder_name: str = "gazetteer",
    geocoder_options: tuple[str, ...] = (),
    progress: bool = False,
    on_failure: Callable[[str], None] | None = None,
    engine: Engine | None = None,
) -> AddSummary:
    """Parse and store the items that are new or were read by an older parser.

    With ``on_failure`` (``watch``), an article the pipeline fails on is reported
    through it in one line and skipped, and the others are still added; without it
    the failure stops the run, as a bug should.  ``engine`` parses somewhere else
    than local processes (a Dask cluster); what is stored is the same.
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
        engine=engine,
    )

    def stored(item: Stored, outcome: Outcome) -> None:
        """Counted as the store says: another writer may have stored it meanwhile."""
        result = item[0]
        if outcome == "unchanged":
            summary.unchanged += 1
            return
        if outcome == "reparsed":
            summary.reparsed += 1
        else:
            summary.added += 1
            summary.added_ids.append(result.article["article_id"])
        summary.incidents += len(result.incidents)
        summary.places += len(result.places)

    with _Writer(collection, stored) as writer:
        for item, result in zip(todo, results, strict=True):
            if isinstance(result, ParseFailure):
                assert on_failure is not None, "only isolated parsing hands back failures"
                on_failure(f"skipped: {item.origin or item.article.id}: geomap failed on "
                           f"this article (internal error: {result.error})")  # fmt: skip
                summary.failed += 1
                continue
            reparsed = result.article["content_hash"] in known
            writer.store((result, item.origin, item.site), reparsed=reparsed)
    return summary


def reparse_stale(
    collection: Store,
    *,
    jobs: int = 1,
    geocoder_name: str = "gazetteer",
    geocoder_options: tuple[str, ...] = (),
    progress: bool = False,
    engine: Engine | None = None,
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
        engine=engine,
    )
    with _Writer(collection) as writer:
        for digest, fields, result in zip(stale, stored, results, strict=True):
            assert isinstance(result, ArticleResult)
            # The stored text may differ from the words first read (a NUL or a lone
            # surrogate became U+FFFD): the article keeps the hash it is known by.
            result.article["content_hash"] = digest
            writer.store((result, fields.get("origin"), fields.get("site")), reparsed=True)
    return len(stale)


class _Writer:
    """Stores parsed articles as they are parsed: new ones
    :attr:`~geomap.collection.store.Store.commit_every` per transaction (one, for a
    GeoPackage); re-parsed ones :data:`_REPARSED_PER_COMMIT` at a time, since each
    replaces reports that may be merged with thousands of others, merged again once
    per commit.  Either way a killed run leaves the collection as of some article."""

    def __init__(self, collection: Store,
                 on_stored: Callable[[Stored, Outcome], None] | None = None) -> None:  # fmt: skip
        self.collection = collection
        self.on_stored = on_stored
        self.pending: list[Stored] = []
        self.reparsing = False

    def store(self, item: Stored, *, reparsed: bool) -> None:
        if self.pending and self.reparsing != reparsed:
            self.flush()
        self.pending.append(item)
        self.reparsing = reparsed
        limit = _REPARSED_PER_COMMIT if reparsed else self.collection.commit_every
        if len(self.pending) >= limit:
            self.flush()

    def flush(self) -> None:
        if self.pending:
            outcomes = self.collection.add_batch(self.pending)
            if self.on_stored is not None:
                for item, outcome in zip(self.pending, outcomes, strict=True):
                    self.on_stored(item, outcome)
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
    engine: Engine | None = None,
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
        if engine is not None:
            for result in engine.parse(articles, geocoder_name=geocoder_name,
                                       geocoder_options=geocoder_options, isolate=isolate):
                yield result
                bar.advance(task)
            return
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
