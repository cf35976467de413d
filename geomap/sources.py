"""Where articles come from: files, folders, URLs, JSON Lines batches, RSS/Atom feeds, stdin.

Every input becomes :class:`SourcedArticle` records: the article with its title,
URL and publication date (which incidents carry as their ``source``), the site's
name, and the input it came from.  Fetching a URL is geomap's one use of the
network for articles; it has a timeout and fails with one line naming the URL.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import sys
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from email.message import Message
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import urlsplit

import dateparser

from geomap.article import article_from_text, html_article, looks_like_html, read_article
from geomap.errors import GeomapError
from geomap.records import Article

__all__ = [
    "ARTICLE_SUFFIXES",
    "DEFAULT_TIMEOUT",
    "SourcedArticle",
    "fetch",
    "read_feed",
    "read_input",
    "read_inputs",
    "read_jsonl",
]

DEFAULT_TIMEOUT = 20.0
"""Seconds to wait for a web server before giving up on a URL."""
MAX_BYTES = 20_000_000
"""Larger answers are not news articles."""
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


def read_inputs(
    inputs: Sequence[str],
    *,
    date: dt.date | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    stdin: TextIO | None = None,
    warn: Warn | None = None,
) -> Iterator[SourcedArticle]:
    """Every article the inputs hold, in order; ``date`` overrides publication dates.

    An input is ``-`` (stdin), an http(s) URL (a page or a feed), a folder (its
    article files, sorted), or a file: text, HTML, JSON Lines, RSS or Atom.
    """
    for spec in inputs:
        yield from read_input(spec, date=date, timeout=timeout, stdin=stdin, warn=warn)


def read_input(
    spec: str,
    *,
    date: dt.date | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    stdin: TextIO | None = None,
    warn: Warn | None = None,
) -> Iterator[SourcedArticle]:
    if spec == "-":
        yield from _read_stdin(stdin or sys.stdin, date=date, timeout=timeout, warn=warn)
        return
    if _is_url(spec):
        yield from _read_url(spec, date=date, timeout=timeout, warn=warn)
        return
    path = Path(spec)
    if path.is_dir():
        files = sorted(
            p for p in path.iterdir()
            if p.is_file() and not p.name.startswith(".") and p.suffix.lower() in ARTICLE_SUFFIXES
        )  # fmt: skip
        for file in files:
            yield from read_input(str(file), date=date, timeout=timeout, warn=warn)
        return
    kind = _file_kind(path)
    if kind == "jsonl":
        yield from read_jsonl(_read_text(path), origin=str(path), date=date, timeout=timeout)
    elif kind == "feed":
        yield from read_feed(path.read_bytes(), origin=str(path), date=date, timeout=timeout,
                             warn=warn)  # fmt: skip
    else:
        article = read_article(path, date=date)
        yield SourcedArticle(article, site=_host(article.url), origin=str(path))


def read_jsonl(
    text: str, *, origin: str, date: dt.date | None = None, timeout: float = DEFAULT_TIMEOUT
) -> Iterator[SourcedArticle]:
    """Records ``{"id", "text", "title", "date", "url"}`` one per line; a record with a
    ``url`` and no ``text`` is fetched."""
    for number, line in enumerate(text.split("\n"), start=1):  # not splitlines: U+2028
        if not line.strip():
            continue
        where = f"{origin}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as e:
            raise GeomapError(f"{where}: not a JSON object ({e.msg})") from None
        if not isinstance(record, dict):
            raise GeomapError(f"{where}: not a JSON object")
        stated = date or _record_date(record.get("date"), where)
        title = _str(record.get("title"))
        url = _str(record.get("url"))
        text_value = record.get("text")
        if isinstance(text_value, str) and text_value.strip():
            article_id = _str(record.get("id")) or _hash_id(text_value)
            article = article_from_text(
                text_value, article_id=article_id, title=title, url=url, date=stated
            )
            site = _str(record.get("site")) or _str(record.get("domain")) or _host(url)
            yield SourcedArticle(article, site=site, origin=where)
        elif url and _is_url(url):
            for item in _read_url(url, date=stated, timeout=timeout, title=title):
                yield SourcedArticle(item.article, item.site, where)
        else:
            raise GeomapError(f'{where}: the record has no "text" (and no "url" to fetch)')


def read_feed(
    data: bytes,
    *,
    origin: str,
    date: dt.date | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    warn: Warn | None = None,
) -> Iterator[SourcedArticle]:
    """The articles of an RSS or Atom feed: an item's own text when it carries the
    article, else the page it links to.  A linked page that cannot be fetched is
    skipped with a warning, so one dead link does not stop a feed."""
    import feedparser

    feed = feedparser.parse(data)
    if feed.bozo and not feed.entries:
        raise GeomapError(f"{origin}: not an RSS or Atom feed ({feed.get('bozo_exception')})")
    site = _str(feed.feed.get("title"))
    for number, entry in enumerate(feed.entries, start=1):
        where = f"{origin}#{number}"
        title = _str(entry.get("title"))
        link = _str(entry.get("link"))
        stated = date or _entry_date(entry)
        content = _entry_text(entry)
        article_id = _slug(link) if link else _hash_id(content or where)
        if len(content.split()) < FEED_CONTENT_WORDS and link and _is_url(link):
            try:
                for item in _read_url(link, date=stated, timeout=timeout, title=title):
                    yield SourcedArticle(item.article, item.site or site, where)
                continue
            except GeomapError as e:
                if not content:
                    if warn:
                        warn(f"skipped: {e}")
                    continue
                if warn:
                    warn(f"{e}; using the feed's summary instead")
        if not content.strip():
            if warn:
                warn(f"{where}: skipped: the item has no text and no link")
            continue
        body = f"{title}\n\n{content}" if title else content
        article = article_from_text(body, article_id=article_id, title=title, url=link,
                                    date=stated)  # fmt: skip
        yield SourcedArticle(article, site=site or _host(link), origin=where)


def fetch(url: str, *, timeout: float = DEFAULT_TIMEOUT) -> tuple[bytes, str, Message]:
    """The body, final URL and headers of ``url``; every failure is one GeomapError line."""
    from geomap import __version__

    request = urllib.request.Request(
        url,
        headers={
            "User-Agent": f"geomap/{__version__} (+news article mapping)",
            "Accept": "text/html,application/xhtml+xml,application/rss+xml,"
            "application/atom+xml,application/xml;q=0.9,*/*;q=0.5",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read(MAX_BYTES + 1)
            final, headers = response.geturl(), response.headers
    except urllib.error.HTTPError as e:
        raise GeomapError(f"{url}: the server answered HTTP {e.code} {e.reason}") from None
    except urllib.error.URLError as e:
        reason = e.reason
        if isinstance(reason, TimeoutError):
            raise GeomapError(f"{url}: no answer within {timeout:g} s") from None
        raise GeomapError(f"{url}: cannot fetch: {reason}") from None
    except TimeoutError:
        raise GeomapError(f"{url}: no answer within {timeout:g} s") from None
    except (OSError, ValueError) as e:
        raise GeomapError(f"{url}: cannot fetch: {e}") from None
    if len(body) > MAX_BYTES:
        raise GeomapError(f"{url}: larger than {MAX_BYTES // 1_000_000} MB, not an article")
    if not body.strip():
        raise GeomapError(f"{url}: the server sent an empty page")
    return body, final, headers


# ---------------------------------------------------------------------- helpers


def _read_url(
    url: str,
    *,
    date: dt.date | None,
    timeout: float,
    title: str | None = None,
    warn: Warn | None = None,
) -> Iterator[SourcedArticle]:
    body, final, headers = fetch(url, timeout=timeout)
    content_type = (headers.get_content_type() or "").lower()
    if _FEED_START.match(body[:4096]) or content_type in {"application/rss+xml",
                                                           "application/atom+xml"}:
        yield from read_feed(body, origin=url, date=date, timeout=timeout, warn=warn)
        return
    text = body.decode(headers.get_content_charset() or "utf-8", errors="replace")
    if content_type == "text/plain":
        article = article_from_text(text, article_id=_slug(final), title=title, url=final,
                                    date=date)  # fmt: skip
        yield SourcedArticle(article, site=_host(final), origin=url)
        return
    article, site = html_article(text, article_id=_slug(final), label=url, url=final,
                                 date=date, title=title)  # fmt: skip
    yield SourcedArticle(article, site=site or _host(article.url or final), origin=url)


def _read_stdin(
    stream: TextIO, *, date: dt.date | None, timeout: float, warn: Warn | None
) -> Iterator[SourcedArticle]:
    text = stream.read()
    if not text.strip():
        raise GeomapError("stdin: nothing to read")
    data = text.encode("utf-8")
    if _FEED_START.match(data[:4096]):
        yield from read_feed(data, origin="stdin", date=date, timeout=timeout, warn=warn)
    elif _looks_like_jsonl(text):
        yield from read_jsonl(text, origin="stdin", date=date, timeout=timeout)
    elif looks_like_html(data):
        article, site = html_article(text, article_id=_hash_id(text), label="stdin", date=date)
        yield SourcedArticle(article, site=site, origin="stdin")
    else:
        yield SourcedArticle(article_from_text(text, article_id=_hash_id(text), date=date),
                             origin="stdin")  # fmt: skip


def _file_kind(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in {".jsonl", ".ndjson"}:
        return "jsonl"
    if suffix in {".rss", ".atom"}:
        return "feed"
    if suffix in {".html", ".htm", ".xhtml", ".txt", ".text", ".md"}:
        return "article"
    try:
        with path.open("rb") as fh:
            head = fh.read(4096)
    except OSError:
        return "article"  # read_article reports what is wrong with it
    if _FEED_START.match(head):
        return "feed"
    if head.lstrip().startswith(b"{") and _looks_like_jsonl(head.decode("utf-8", "replace")):
        return "jsonl"
    return "article"


def _looks_like_jsonl(text: str) -> bool:
    first = text.lstrip().split("\n", 1)[0]
    try:
        return isinstance(json.loads(first), dict)
    except json.JSONDecodeError:
        return False


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise GeomapError(f"{path}: no such file") from None
    except UnicodeDecodeError:
        raise GeomapError(f"{path}: not UTF-8 text") from None
    except OSError as e:
        raise GeomapError(f"{path}: cannot read: {e.strerror}") from None


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
        value = entry.get(name)
        if value:
            return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
    return None


def _record_date(value: Any, where: str) -> dt.date | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise GeomapError(f'{where}: "date" should be a string like 2024-01-04')
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        parsed = dateparser.parse(value, languages=["en"])
        if parsed is None:
            raise GeomapError(f"{where}: cannot read the date {value!r}") from None
        return parsed.date()


def _is_url(text: str) -> bool:
    return text.lower().startswith(("http://", "https://"))


def _host(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return re.sub(r"^www\.", "", host) or None


def _slug(url: str) -> str:
    """A file-name-safe id from a URL: its host and last path part, plus a short hash."""
    parts = urlsplit(url)
    tail = [p for p in parts.path.split("/") if p]
    name = _SLUG.sub("-", f"{parts.hostname or ''}-{tail[-1] if tail else ''}").strip("-.")
    digest = hashlib.sha1(url.encode("utf-8")).hexdigest()[:8]
    return f"{name[:60]}-{digest}" if name else digest


def _hash_id(text: str) -> str:
    return "article-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def _str(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None
