"""Inputs: text and HTML files, URLs on a local server, JSON Lines, RSS/Atom feeds, stdin."""

from __future__ import annotations

import datetime as dt
import functools
import io
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from geomap.errors import GeomapError
from geomap.sources import read_input, read_inputs

QUAKE = (
    "Earthquake shakes Valparaiso\n\n"
    "A magnitude 6.1 earthquake struck near Valparaiso, Chile on March 3, 2024, damaging "
    "about 40 homes. Two people were injured in Valparaiso, the regional emergency office "
    "said.\n"
)
LANDSLIDE_BODY = " ".join(
    [
        "A landslide buried part of a road near Cusco, Peru on February 20, 2024, and about",
        "90 residents were moved to a school. Engineers from Lima arrived to inspect the",
        "slope, which had been soaked by a week of heavy rain.",
    ]
    * 3
)


def page(title: str, body: str, *, date: str, site: str = "Andes Daily") -> str:
    """An HTML news page with navigation and a footer around the article."""
    return (
        f"<!DOCTYPE html><html><head><title>{title} | {site}</title>"
        f'<meta property="og:site_name" content="{site}">'
        f'<meta property="article:published_time" content="{date}"></head><body>'
        "<nav>Home | World | Sport | Weather</nav>"
        f"<article><h1>{title}</h1><p>{body}</p><p>{body}</p></article>"
        "<footer>Copyright Andes Daily. All rights reserved.</footer></body></html>"
    )


def rss(items: list[dict[str, str]], *, title: str = "Andes Daily") -> str:
    entries = "".join(
        "<item>"
        f"<title>{i['title']}</title><link>{i['link']}</link>"
        f"<pubDate>{i['date']}</pubDate>"
        + (f"<description><![CDATA[{i['content']}]]></description>" if "content" in i else "")
        + "</item>"
        for i in items
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>{title}</title><link>http://example.invalid/</link>"
        f"<description>News</description>{entries}</channel></rss>"
    )


class _Handler(SimpleHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path.startswith("/slow"):
            time.sleep(2)  # the client has given up by now: answer nothing
            return
        super().do_GET()

    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 (a free port); yields the base URL."""
    handler = functools.partial(_Handler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    folder = tmp_path / "www"
    folder.mkdir()
    with serve(folder) as base:
        yield folder, base


def test_text_file_keeps_its_title_and_date(tmp_path: Path) -> None:
    path = tmp_path / "quake.txt"
    path.write_text(QUAKE, encoding="utf-8")
    [item] = list(read_input(str(path)))
    assert item.article.id == "quake"
    assert item.article.title == "Earthquake shakes Valparaiso"
    assert item.article.date == dt.date(2024, 3, 3)
    assert item.origin == str(path)


def test_url_gives_main_text_title_date_url_and_site(site: tuple[Path, str]) -> None:
    folder, base = site
    (folder / "landslide.html").write_text(
        page("Landslide near Cusco", LANDSLIDE_BODY, date="2024-02-21"), encoding="utf-8"
    )
    [item] = list(read_input(f"{base}/landslide.html"))
    article = item.article
    assert "buried part of a road near Cusco" in article.text
    assert "Copyright" not in article.text and "Weather" not in article.text
    assert article.title == "Landslide near Cusco"
    assert article.date == dt.date(2024, 2, 21)
    assert article.url == f"{base}/landslide.html"
    assert item.site == "Andes Daily"


def test_unreachable_url_is_one_line_error(site: tuple[Path, str]) -> None:
    _, base = site
    with pytest.raises(GeomapError) as missing:
        list(read_input(f"{base}/nothing-here.html"))
    assert "HTTP 404" in str(missing.value) and "\n" not in str(missing.value)
    with pytest.raises(GeomapError, match=r"no complete answer within 0.3 s"):
        list(read_input(f"{base}/slow.html", timeout=0.3))


def test_jsonl_batch_carries_metadata(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    records = [
        {"id": "q1", "text": QUAKE, "title": "Quake", "date": "2024-03-04",
         "url": "https://news.example.cl/quake"},
        {"id": "q2", "text": "Heavy snow closed roads around Bergen, Norway."},
    ]  # fmt: skip
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n\n", encoding="utf-8")
    first, second = read_input(str(path))
    assert first.article.id == "q1"
    assert first.article.title == "Quake"
    assert first.article.date == dt.date(2024, 3, 4)  # the record's date, not the text's
    assert first.article.url == "https://news.example.cl/quake"
    assert first.site == "news.example.cl"
    assert first.origin == f"{path}:1"
    assert second.article.id == "q2" and second.article.url is None


def test_bad_jsonl_record_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text('{"id": "a", "text": "Fog in Oslo."}\n{"id": "b"}\n', encoding="utf-8")
    with pytest.raises(GeomapError, match=r"batch.jsonl:2: the record has no \"text\""):
        list(read_input(str(path)))


def test_rss_items_with_content_and_with_links(tmp_path: Path, site: tuple[Path, str]) -> None:
    folder, base = site
    (folder / "landslide.html").write_text(
        page("Landslide near Cusco", LANDSLIDE_BODY, date="2024-02-21"), encoding="utf-8"
    )
    feed = tmp_path / "andes.xml"
    feed.write_text(
        rss([
            {"title": "Landslide near Cusco", "link": f"{base}/landslide.html",
             "date": "Wed, 21 Feb 2024 08:00:00 GMT", "content": "Roads closed near Cusco."},
            {"title": "Quake in Valparaiso", "link": "https://example.invalid/quake",
             "date": "Mon, 04 Mar 2024 10:00:00 GMT", "content": QUAKE * 4},
        ]),
        encoding="utf-8",
    )  # fmt: skip
    # The local test server is a private address: links to it are fetched only when allowed.
    linked, carried = read_input(str(feed), allow_private=True)
    # A short summary links to the article: the page is fetched.
    assert "buried part of a road" in linked.article.text
    assert linked.article.date == dt.date(2024, 2, 21)
    assert linked.article.url == f"{base}/landslide.html"
    assert linked.origin == f"{feed}#1"
    # A long item is the article itself: nothing is fetched from example.invalid.
    assert "magnitude 6.1 earthquake" in carried.article.text
    assert carried.article.title == "Quake in Valparaiso"
    assert carried.article.date == dt.date(2024, 3, 4)
    assert carried.article.url == "https://example.invalid/quake"
    assert carried.site == "Andes Daily"


def test_feed_with_dead_link_warns_and_uses_summary(tmp_path: Path, site) -> None:
    _, base = site
    feed = tmp_path / "feed.rss"
    feed.write_text(
        rss([{"title": "Fog in Oslo", "link": f"{base}/gone.html",
              "date": "Tue, 02 Jan 2024 07:00:00 GMT", "content": "Fog closed Oslo airport."}]),
        encoding="utf-8",
    )  # fmt: skip
    warnings: list[str] = []
    [item] = read_input(str(feed), warn=warnings.append, allow_private=True)
    assert "Fog closed Oslo airport." in item.article.text
    assert len(warnings) == 1 and "HTTP 404" in warnings[0]


def test_atom_feed(tmp_path: Path) -> None:
    feed = tmp_path / "feed.atom"
    feed.write_text(
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>Nordic Wire</title><id>urn:x</id><updated>2024-01-02T00:00:00Z</updated>"
        "<entry><title>Storm in Bergen</title><id>urn:1</id>"
        '<link href="https://example.invalid/storm"/><updated>2024-01-02T09:00:00Z</updated>'
        f'<content type="html">&lt;p&gt;{LANDSLIDE_BODY.replace("Cusco", "Bergen")}&lt;/p&gt;'
        "</content></entry></feed>",
        encoding="utf-8",
    )
    [item] = read_input(str(feed))
    assert item.article.title == "Storm in Bergen"
    assert item.article.date == dt.date(2024, 1, 2)
    assert "near Bergen" in item.article.text and "<p>" not in item.article.text
    assert item.site == "Nordic Wire"


def test_stdin_text_and_jsonl() -> None:
    [text] = read_inputs(["-"], stdin=io.StringIO(QUAKE))
    assert text.origin == "stdin" and text.article.title == "Earthquake shakes Valparaiso"
    lines = json.dumps({"id": "a", "text": QUAKE}) + "\n" + json.dumps({"id": "b", "text": "x"})
    assert [i.article.id for i in read_inputs(["-"], stdin=io.StringIO(lines))] == ["a", "b"]
    with pytest.raises(GeomapError, match="stdin: nothing to read"):
        list(read_inputs(["-"], stdin=io.StringIO("  \n")))


def test_folder_reads_its_article_files_in_order(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text(QUAKE, encoding="utf-8")
    (tmp_path / "a.txt").write_text("Fog closed Oslo airport on 2 January 2024.", "utf-8")
    (tmp_path / ".hidden.txt").write_text("Snow in Tromso.", encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    assert [i.article.id for i in read_input(str(tmp_path))] == ["a", "b"]
