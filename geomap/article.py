"""Reading an article from a file: plain text or HTML, checked before any work starts.

Every problem with the input becomes a :class:`GeomapError` with one line that
names the file, so the CLI can report it without a traceback.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import dateparser

from geomap.errors import GeomapError
from geomap.records import Article

__all__ = ["article_from_text", "html_article", "looks_like_html", "read_article", "stated_date"]

_HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
_HTML_START = re.compile(rb"^\s*(<!doctype html|<html|<head|<body)", re.IGNORECASE)
_SNIFF_BYTES = 8192
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
    if not p.exists():
        raise GeomapError(f"{p}: no such file")
    if p.is_dir():
        raise GeomapError(f"{p}: is a directory, not an article file")
    try:
        raw = p.read_bytes()
    except OSError as e:
        raise GeomapError(f"{p}: cannot read: {e.strerror}") from None
    if not raw.strip():
        raise GeomapError(f"{p}: the file is empty")
    if b"\x00" in raw[:_SNIFF_BYTES]:
        raise GeomapError(f"{p}: looks like a binary file, not an article (text or HTML)")
    try:
        decoded = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise GeomapError(
            f"{p}: not UTF-8 text (invalid byte 0x{raw[e.start]:02x} at offset {e.start}); "
            "convert it first, e.g. with iconv -t UTF-8"
        ) from None
    if p.suffix.lower() in _HTML_SUFFIXES or looks_like_html(raw):
        label = str(p)
        return html_article(decoded, article_id=p.stem, label=label, path=label, date=date)[0]
    return article_from_text(decoded, article_id=p.stem, path=str(p), date=date)


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
        parsed = dateparser.parse(m.group(0), languages=["en"])
        if parsed is not None:
            found.append(parsed.date())
    today = dt.date.today()
    found = [d for d in found if d <= today]
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

    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False
    )
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        raise GeomapError(f"{label}: no article text found in this HTML page")
    meta_date = None
    if date is None and getattr(doc, "date", None):
        parsed = dateparser.parse(doc.date, languages=["en"])
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
