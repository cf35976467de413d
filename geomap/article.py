"""Reading an article from a file: plain text or HTML, checked before any work starts.

Every problem with the input becomes a :class:`GeomapError` with one line that
names the file, so the CLI can report it without a traceback.  Every input is
read through :func:`read_bounded`: no file, device, pipe or stream is read past
:data:`MAX_INPUT_BYTES`, so ``/dev/zero`` or an endless pipe ends in one line.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import select
import stat
from pathlib import Path
from typing import IO

import dateparser

from geomap.errors import GeomapError
from geomap.records import EARLIEST_DATE, LATEST_DATE, Article

__all__ = [
    "FIFO_WAIT_SECONDS",
    "MAX_ATTRIBUTE_CHARS",
    "MAX_INPUT_BYTES",
    "article_from_bytes",
    "article_from_text",
    "decode_text",
    "html_article",
    "looks_like_html",
    "read_article",
    "read_bounded",
    "read_file_bytes",
    "stated_date",
]

MAX_INPUT_BYTES = 20_000_000
"""The most geomap reads from one input: a file, a device, a pipe, stdin or a web page.
Larger inputs are not news articles, and reading them whole would let ``/dev/zero``
or an endless stream take all the memory."""
FIFO_WAIT_SECONDS = 10.0
"""How long a named pipe (FIFO) may wait for a writer before geomap gives up on it."""
MAX_ATTRIBUTE_CHARS = 10_000
"""HTML attribute values longer than this are dropped before the main text is extracted:
no attribute that helps find an article is this long, and the extractor's patterns
spend seconds per megabyte on one (a 10 MB attribute took 29 s, now well under 1 s)."""

_HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
_HTML_START = re.compile(rb"^\s*(<!doctype html|<html|<head|<body)", re.IGNORECASE)
_SNIFF_BYTES = 8192
_CHUNK = 1 << 20
# A full date written out in the text ("January 3, 2024", "3 January 2024", "2024-01-03").
_MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_FULL_DATE = re.compile(
    rf"\b(?:{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS},?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2})\b"
)


def read_article(path: str | Path, *, date: dt.date | None = None) -> Article:
    """Load an article file; ``date`` overrides any publication date found in it."""
    p = Path(path)
    raw = read_file_bytes(p)
    return article_from_bytes(raw, label=str(p), article_id=p.stem, path=str(p),
                              html=p.suffix.lower() in _HTML_SUFFIXES, date=date)  # fmt: skip


def article_from_bytes(
    raw: bytes,
    *,
    label: str,
    article_id: str,
    path: str | None = None,
    html: bool = False,
    date: dt.date | None = None,
) -> Article:
    """An article from the bytes of a text or HTML input (HTML when ``html`` or when the
    bytes start like a page); ``label`` names the input in errors."""
    decoded = decode_text(raw, label)
    if html or looks_like_html(raw):
        return html_article(decoded, article_id=article_id, label=label, path=path, date=date)[0]
    return article_from_text(decoded, article_id=article_id, path=path, date=date)


def read_file_bytes(path: Path) -> bytes:
    """The bytes of a file, device or named pipe, never more than :data:`MAX_INPUT_BYTES`.

    A named pipe is opened without blocking, so one that no program writes to ends in
    one line after :data:`FIFO_WAIT_SECONDS` instead of hanging the run; once a writer
    is there, geomap reads as long as it writes, up to the limit.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        raise GeomapError(f"{path}: no such file") from None
    except OSError as e:
        raise GeomapError(f"{path}: cannot read: {e.strerror}") from None
    mode = os.fstat(fd).st_mode
    if stat.S_ISDIR(mode):
        os.close(fd)
        raise GeomapError(f"{path}: is a directory, not an article file")
    with os.fdopen(fd, "rb", buffering=0) as stream:
        head = _wait_for_writer(fd, path) if stat.S_ISFIFO(mode) else b""
        os.set_blocking(fd, True)
        return read_bounded(stream, str(path), head=head)


def read_bounded(stream: IO[bytes], label: str, *, head: bytes = b"") -> bytes:
    """Everything ``stream`` holds (after ``head``, already read), or a one-line error
    as soon as it passes :data:`MAX_INPUT_BYTES`: only that much is ever in memory."""
    chunks, size = [head], len(head)
    try:
        while size <= MAX_INPUT_BYTES:
            chunk = stream.read(min(_CHUNK, MAX_INPUT_BYTES + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as e:
        raise GeomapError(f"{label}: cannot read: {e.strerror or e}") from None
    if size > MAX_INPUT_BYTES:
        raise GeomapError(
            f"{label}: more than {MAX_INPUT_BYTES // 1_000_000} MB, the most geomap reads"
            " from one input (it is not a news article)"
        )
    return b"".join(chunks)


def _wait_for_writer(fd: int, path: Path) -> bytes:
    """Wait for a named pipe's writer; what the first read gave, or an error if none came.

    The pipe is open without blocking: reading it gives nothing while no program has it
    open for writing, and "try again" while a writer is there but silent.
    """
    if select.select([fd], [], [], FIFO_WAIT_SECONDS)[0]:
        return b""  # data, or a writer that came and went: the blocking read sees which
    try:
        first = os.read(fd, _CHUNK)
    except BlockingIOError:
        return b""  # a writer is there, just slow: wait for it like any pipe
    if not first:
        raise GeomapError(
            f"{path}: a named pipe that no program wrote to within {FIFO_WAIT_SECONDS:g} s"
        )
    return first


def decode_text(raw: bytes, label: str) -> str:
    """UTF-8 text of an input, or one line saying why it is not an article."""
    if not raw.strip():
        raise GeomapError(f"{label}: " + ("nothing to read" if label == "stdin"
                                          else "the file is empty"))  # fmt: skip
    if b"\x00" in raw[:_SNIFF_BYTES]:
        what = "binary data" if label == "stdin" else "a binary file"
        raise GeomapError(f"{label}: looks like {what}, not an article (text or HTML)")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise GeomapError(
            f"{label}: not UTF-8 text (invalid byte 0x{raw[e.start]:02x} at offset {e.start}); "
            "convert it first, e.g. with iconv -t UTF-8"
        ) from None


def looks_like_html(data: bytes) -> bool:
    """Whether the start of ``data`` is an HTML page's (a doctype, <html>, <head>, <body>)."""
    return _HTML_START.match(data[:_SNIFF_BYTES]) is not None


def article_from_text(
    text: str,
    *,
    article_id: str,
    title: str | None = None,
    url: str | None = None,
    date: dt.date | None = None,
    path: str | None = None,
) -> Article:
    """Make an Article from plain text, taking the title and date from the text if unknown."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if title is None:
        first = next((line.strip() for line in text.split("\n") if line.strip()), "")
        title = first if 0 < len(first) <= 200 else None
    if date is not None and not EARLIEST_DATE <= date <= LATEST_DATE:
        date = None  # metadata claiming year 1 or 9999 is no publication date
    if date is None:
        date = stated_date(text)
    return Article(id=article_id, text=text, title=title, url=url, date=date, path=path)


def stated_date(text: str) -> dt.date | None:
    """The latest full date the article states, as a stand-in for its publication date.

    News reports date their events on or before publication, so the latest full
    date written in the text is the best guess when no metadata says otherwise.
    """
    found: list[dt.date] = []
    for m in _FULL_DATE.finditer(text):
        try:
            parsed = dateparser.parse(m.group(0), languages=["en"])
        except (OverflowError, ValueError):  # "1 January 0001": no date of the news
            continue
        if parsed is not None:
            found.append(parsed.date())
    today = dt.date.today()
    found = [d for d in found if EARLIEST_DATE <= d <= today]
    return max(found) if found else None


def html_article(
    html: str,
    *,
    article_id: str,
    label: str,
    path: str | None = None,
    url: str | None = None,
    date: dt.date | None = None,
    title: str | None = None,
) -> tuple[Article, str | None]:
    """The main text of an HTML page as an Article, and the site's name if the page gives it.

    The page's own metadata (title, publication date, canonical URL) is used where
    the caller does not know better: a feed's title and date, a ``--date`` option.
    ``label`` names the page in errors (its path or URL).
    """
    import trafilatura  # imported here: only HTML input pays its start-up cost
    from lxml import etree
    from trafilatura.utils import load_html

    tree = load_html(html)
    if tree is None:
        raise GeomapError(f"{label}: no article text found in this HTML page")
    for element in tree.iter(etree.Element):  # elements only: not comments
        for name in [k for k, v in element.attrib.items() if len(v) > MAX_ATTRIBUTE_CHARS]:
            del element.attrib[name]
    doc = trafilatura.bare_extraction(tree, url=url, with_metadata=True, include_comments=False)
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        raise GeomapError(f"{label}: no article text found in this HTML page")
    meta_date = None
    if date is None and getattr(doc, "date", None):
        try:
            parsed = dateparser.parse(doc.date, languages=["en"])
        except (OverflowError, ValueError):
            parsed = None
        meta_date = parsed.date() if parsed else None
    title = title or getattr(doc, "title", None)
    body = f"{title}\n\n{text}" if title else text
    article = article_from_text(
        body,
        article_id=article_id,
        title=title,
        url=getattr(doc, "url", None) or url,
        date=date or meta_date,
        path=path,
    )
    return article, getattr(doc, "sitename", None) or None
