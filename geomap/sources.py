"""Where articles come from: files, folders, URLs, JSON Lines batches, RSS/Atom feeds, stdin.

Every input becomes :class:`SourcedArticle` records: the article with its title,
URL and publication date (which incidents carry as their ``source``), the site's
name, and the input it came from.  No input is read past
:data:`~geomap.article.MAX_INPUT_BYTES`.

URLs, the user's and the links found in feeds and JSON Lines records, are fetched by
:func:`geomap.fetch.fetch`, which bounds each fetch in time and size and keeps links
found in content off private addresses unless ``allow_private``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from email.message import Message
from pathlib import Path
from typing import IO, Any, TextIO
from urllib.parse import urlsplit

import dateparser

from geomap.article import (
    MAX_INPUT_BYTES,
    article_from_bytes,
    article_from_text,
    decode_text,
    html_article,
    looks_like_html,
    read_bounded,
    read_file_bytes,
)
from geomap.errors import GeomapError
from geomap.fetch import DEFAULT_TIMEOUT, fetch, is_http_url
from geomap.records import Article

__all__ = [
    "ARTICLE_SUFFIXES",
    "SourcedArticle",
    "read_feed",
    "read_input",
    "read_inputs",
    "read_jsonl",
]

FEED_CONTENT_WORDS = 60
"""A feed item whose own text is this long is the article; shorter ones link to it."""
ARTICLE_SUFFIXES = frozenset({".txt", ".text", ".md", ".html", ".htm", ".xhtml", ".jsonl",
                              ".ndjson", ".rss", ".atom", ".xml"})  # fmt: skip
"""What a folder's files must end with to be read as articles."""

_FEED_START = re.compile(rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(rss|feed|rdf:RDF)\b", re.S)
_SLUG = re.compile(r"[^A-Za-z0-9_.-]+")

Warn = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class SourcedArticle:
    """An article and where it came from."""

    article: Article
    site: str | None = None
    """The publication's name (from the page or feed), else the URL's host."""
    origin: str = ""
    """The input that gave it: a path, a URL, ``stdin``, ``feed.xml#3``."""


@dataclass(frozen=True, slots=True)
class _Options:
    """How every input of one run is read."""

    date: dt.date | None = None
    timeout: float = DEFAULT_TIMEOUT
    warn: Warn | None = None
    allow_private: bool = False


def read_inputs(
    inputs: Sequence[str],
    *,
    date: dt.date | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    stdin: IO[bytes] | TextIO | None = None,
    warn: Warn | None = None,
    allow_private: bool = False,
) -> Iterator[SourcedArticle]:
    """Every article the inputs hold, in order; ``date`` overrides publication dates.

    An input is ``-`` (stdin), an http(s) URL (a page or a feed), a folder (its
    article files, sorted), or a file: text, HTML, JSON Lines, RSS or Atom.
    ``allow_private`` lets links found in content reach private addresses.
    """
    for spec in inputs:
        yield from read_input(spec, date=date, timeout=timeout, stdin=stdin, warn=warn,
                              allow_private=allow_private)  # fmt: skip


def read_input(
    spec: str,
    *,
    date: dt.date | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    stdin: IO[bytes] | TextIO | None = None,
    warn: Warn | None = None,
    allow_private: bool = False,
) -> Iterator[SourcedArticle]:
    how = _Options(date, timeout, warn, allow_private)
    if spec == "-":
        yield from _read_stdin(stdin or sys.stdin, how)
    elif is_http_url(spec):
        yield from _read_url(spec, how, user_typed=True)
    elif Path(spec).is_dir():
        files = sorted(
            p for p in Path(spec).iterdir()
            if p.is_file() and not p.name.startswith(".") and p.suffix.lower() in ARTICLE_SUFFIXES
        )  # fmt: skip
        for file in files:
            yield from _read_file(file, how)
    else:
        yield from _read_file(Path(spec), how)


def read_jsonl(
    text: str,
    *,
    origin: str,
    date: dt.date | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    allow_private: bool = False,
) -> Iterator[SourcedArticle]:
    """Records ``{"id", "text", "title", "date", "url"}`` one per line; a record with a
    ``url`` and no ``text`` is fetched.  A bad record stops the batch with one line."""
    how = _Options(date, timeout, None, allow_private)
    for number, line in enumerate(text.split("\n"), start=1):  # not splitlines: U+2028
        if line.strip():
            yield from _jsonl_record(line, f"{origin}:{number}", how)


def read_feed(
    data: bytes,
    *,
    origin: str,
    date: dt.date | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    warn: Warn | None = None,
    allow_private: bool = False,
) -> Iterator[SourcedArticle]:
    """The articles of an RSS or Atom feed: an item's own text when it carries the
    article, else the page it links to.  A linked page that cannot (or may not) be
    fetched is skipped with a warning, or replaced by the item's summary, so one bad
    link does not stop a feed."""
    import feedparser

    how = _Options(date, timeout, warn, allow_private)
    feed = feedparser.parse(data)
    if feed.bozo and not feed.entries:
        raise GeomapError(f"{origin}: not an RSS or Atom feed ({feed.get('bozo_exception')})")
    site = _str(feed.feed.get("title"))
    for number, entry in enumerate(feed.entries, start=1):
        yield from _feed_item(entry, f"{origin}#{number}", site, how)


# ---------------------------------------------------------------------- readers


def _read_file(path: Path, how: _Options) -> Iterator[SourcedArticle]:
    data = read_file_bytes(path)
    label = str(path)
    kind = _kind(path.suffix.lower(), data)
    if kind == "jsonl":
        yield from _jsonl(decode_text(data, label), label, how)
    elif kind == "feed":
        yield from _feed(data, label, how)
    else:
        html = path.suffix.lower() in {".html", ".htm", ".xhtml"}
        article = article_from_bytes(data, label=label, article_id=path.stem, path=label,
                                     html=html, date=how.date)  # fmt: skip
        yield SourcedArticle(article, site=_host(article.url), origin=label)


def _read_stdin(stream: IO[bytes] | TextIO, how: _Options) -> Iterator[SourcedArticle]:
    source: IO[Any] = getattr(stream, "buffer", stream)
    if isinstance(source, io.TextIOBase):  # a text stream without bytes (tests, notebooks)
        source = io.BytesIO(source.read(MAX_INPUT_BYTES + 1).encode("utf-8", "replace"))
    data = read_bounded(source, "stdin")
    text = decode_text(data, "stdin")
    if _FEED_START.match(data[:4096]):
        yield from _feed(data, "stdin", how)
    elif _looks_like_jsonl(text):
        yield from _jsonl(text, "stdin", how)
    elif looks_like_html(data):
        article, site = html_article(text, article_id=_hash_id(text), label="stdin",
                                     date=how.date)  # fmt: skip
        yield SourcedArticle(article, site=site, origin="stdin")
    else:
        yield SourcedArticle(article_from_text(text, article_id=_hash_id(text), date=how.date),
                             origin="stdin")  # fmt: skip


def _read_url(
    url: str, how: _Options, *, title: str | None = None, user_typed: bool = False
) -> Iterator[SourcedArticle]:
    body, final, headers = fetch(url, timeout=how.timeout, allow_private=how.allow_private,
                                 user_typed=user_typed)  # fmt: skip
    content_type = (headers.get_content_type() or "").lower()
    if _FEED_START.match(body[:4096]) or content_type in {"application/rss+xml",
                                                           "application/atom+xml"}:
        yield from _feed(body, url, how)
        return
    text = body.decode(_charset(headers), errors="replace")
    if content_type == "text/plain":
        article = article_from_text(text, article_id=_slug(final), title=title, url=final,
                                    date=how.date)  # fmt: skip
        yield SourcedArticle(article, site=_host(final), origin=url)
        return
    article, site = html_article(text, article_id=_slug(final), label=url, url=final,
                                 date=how.date, title=title)  # fmt: skip
    yield SourcedArticle(article, site=site or _host(article.url or final), origin=url)


def _jsonl(text: str, origin: str, how: _Options) -> Iterator[SourcedArticle]:
    yield from read_jsonl(text, origin=origin, date=how.date, timeout=how.timeout,
                          allow_private=how.allow_private)  # fmt: skip


def _feed(data: bytes, origin: str, how: _Options) -> Iterator[SourcedArticle]:
    yield from read_feed(data, origin=origin, date=how.date, timeout=how.timeout, warn=how.warn,
                         allow_private=how.allow_private)  # fmt: skip


def _jsonl_record(line: str, where: str, how: _Options) -> Iterator[SourcedArticle]:
    try:
        record = json.loads(line)
    except RecursionError:
        raise GeomapError(f"{where}: not a JSON object (nested too deeply)") from None
    except ValueError as e:  # JSONDecodeError, or an integer of thousands of digits
        raise GeomapError(f"{where}: not a JSON object ({getattr(e, 'msg', e)})") from None
    if not isinstance(record, dict):
        raise GeomapError(f"{where}: not a JSON object")
    for name in ("text", "title", "url", "date", "site", "domain"):
        if record.get(name) is not None and not isinstance(record[name], str):
            raise GeomapError(
                f'{where}: "{name}" should be a string, not {_json_type(record[name])}'
            )
    record_id = record.get("id")
    if record_id is not None and (isinstance(record_id, bool)
                                  or not isinstance(record_id, str | int)):  # fmt: skip
        raise GeomapError(f'{where}: "id" should be a string or an integer, not '
                          f"{_json_type(record_id)}")  # fmt: skip
    stated = how.date or _record_date(record.get("date"), where)
    title, url = _str(record.get("title")), _str(record.get("url"))
    text = record.get("text")
    if text and text.strip():
        article_id = str(record_id).strip() if record_id is not None else _hash_id(text)
        article = article_from_text(text, article_id=article_id or _hash_id(text), title=title,
                                    url=url, date=stated)  # fmt: skip
        site = _str(record.get("site")) or _str(record.get("domain")) or _host(url)
        yield SourcedArticle(article, site=site, origin=where)
    elif url and is_http_url(url):
        try:
            fetched = list(_read_url(url, _with_date(how, stated), title=title))
        except GeomapError as e:
            raise GeomapError(f"{where}: {e}") from None
        for item in fetched:
            yield SourcedArticle(item.article, item.site, where)
    elif url:
        raise GeomapError(f'{where}: the record has no "text", and its "url" is not http(s)')
    else:
        raise GeomapError(f'{where}: the record has no "text" (and no "url" to fetch)')


def _feed_item(entry: Any, where: str, site: str | None, how: _Options) -> Iterator[SourcedArticle]:
    title = _str(entry.get("title"))
    link = _str(entry.get("link"))
    stated = how.date or _entry_date(entry)
    content = _entry_text(entry)
    article_id = _slug(link) if link else _hash_id(content or where)
    if len(content.split()) < FEED_CONTENT_WORDS and link and is_http_url(link):
        try:
            for item in _read_url(link, _with_date(how, stated), title=title):
                yield SourcedArticle(item.article, item.site or site, where)
            return
        except GeomapError as e:
            if how.warn:
                how.warn(f"{where}: {e}; " + ("using the feed's summary instead" if content
                                              else "skipped"))  # fmt: skip
            if not content:
                return
    if not content.strip():
        if how.warn:
            how.warn(f"{where}: skipped: the item has no text and no link")
        return
    body = f"{title}\n\n{content}" if title else content
    article = article_from_text(body, article_id=article_id, title=title, url=link, date=stated)
    yield SourcedArticle(article, site=site or _host(link), origin=where)


# ---------------------------------------------------------------------- helpers


def _with_date(how: _Options, date: dt.date | None) -> _Options:
    return _Options(date, how.timeout, how.warn, how.allow_private)


def _kind(suffix: str, data: bytes) -> str:
    if suffix in {".jsonl", ".ndjson"}:
        return "jsonl"
    if suffix in {".rss", ".atom"}:
        return "feed"
    if suffix in {".html", ".htm", ".xhtml", ".txt", ".text", ".md"}:
        return "article"
    head = data[:4096]
    if _FEED_START.match(head):
        return "feed"
    if head.lstrip().startswith(b"{") and _looks_like_jsonl(head.decode("utf-8", "replace")):
        return "jsonl"
    return "article"


def _looks_like_jsonl(text: str) -> bool:
    """Whether the first line is a JSON object: one nested too deeply to read still is
    one, and the JSON Lines reader says what is wrong with it."""
    first = text.lstrip().split("\n", 1)[0]
    try:
        return isinstance(json.loads(first), dict)
    except RecursionError:
        return first.startswith("{")
    except ValueError:
        return False


def _charset(headers: Message) -> str:
    """The answer's declared charset when Python knows it, else UTF-8."""
    import codecs

    charset = headers.get_content_charset() or "utf-8"
    try:
        codecs.lookup(charset)
    except LookupError:
        return "utf-8"
    return charset


def _entry_text(entry: Any) -> str:
    """The item's own text: its full content if it has one, else its summary, as text."""
    parts = entry.get("content") or []
    html = next((p.get("value") for p in parts if p.get("value")), None)
    html = html or entry.get("summary") or ""
    if "<" not in html:
        return html.strip()
    import lxml.html

    html = re.sub(r"(?i)<br\s*/?>|</(p|div|li|h[1-6])>", "\n\n", html)
    try:
        text = lxml.html.fromstring(f"<div>{html}</div>").text_content()
    except Exception:  # lxml's parser errors vary by version; fall back to no tags
        text = re.sub(r"<[^>]+>", " ", html)
    return re.sub(r"\n\s*\n+", "\n\n", text).strip()


def _entry_date(entry: Any) -> dt.date | None:
    for name in ("published_parsed", "updated_parsed", "created_parsed"):
        value = dict.get(entry, name)  # the stored key, not feedparser's deprecated alias
        if value:
            try:
                return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
            except (ValueError, TypeError, AttributeError):
                continue
    return None


def _record_date(value: str | None, where: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        parsed = dateparser.parse(value[:100], languages=["en"])
        if parsed is None:
            raise GeomapError(f"{where}: cannot read the date {value[:40]!r}") from None
        return parsed.date()


def _json_type(value: Any) -> str:
    return {dict: "an object", list: "a list", bool: "true or false", str: "a string",
            int: "a number", float: "a number"}.get(type(value), type(value).__name__)  # fmt: skip


def _host(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:  # a malformed IPv6 host, from a record or a feed
        return None
    return re.sub(r"^www\.", "", host) or None


def _slug(url: str) -> str:
    """A file-name-safe id from a URL: its host and last path part, plus a short hash."""
    try:
        parts = urlsplit(url)
        tail = [p for p in parts.path.split("/") if p]
        name = _SLUG.sub("-", f"{parts.hostname or ''}-{tail[-1] if tail else ''}").strip("-.")
    except ValueError:  # a malformed IPv6 host, from a record or a feed
        name = ""
    digest = hashlib.sha1(url.encode("utf-8", "replace")).hexdigest()[:8]
    return f"{name[:60]}-{digest}" if name else digest


def _hash_id(text: str) -> str:
    return "article-" + hashlib.sha1(text.encode("utf-8", "replace")).hexdigest()[:12]


def _str(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None
