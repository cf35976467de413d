"""The network: a total deadline for each fetch, and links in content kept off private addresses.

Every server here is real and listens on 127.0.0.1 (a loopback address, which is what a
hostile feed would point geomap at); each records the requests it saw, so a test can
assert that a refused link never reached it.
"""

from __future__ import annotations

import json
import shutil
import socket
import ssl
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from test_inputs_bounded import assert_one_line_error, run_geomap

from geomap.article import MAX_INPUT_BYTES
from geomap.errors import GeomapError
from geomap.fetch import fetch, is_public_address
from geomap.sources import read_input

BODY = " ".join(
    ["A landslide buried part of a road near Cusco, Peru on 20 February 2024, and about 90",
     "residents were moved to a school while engineers inspected the slope."] * 3
)  # fmt: skip
PAGE = (
    "<!DOCTYPE html><html><head><title>Landslide near Cusco</title></head><body>"
    f"<article><h1>Landslide near Cusco</h1><p>{BODY}</p><p>{BODY}</p></article></body></html>"
).encode()


@dataclass
class Site:
    """What a local server answers (path -> status, headers, body) and what it was asked."""

    base: str = ""
    port: int = 0
    answers: dict[str, tuple[int, dict[str, str], bytes]] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)

    def page(self, path: str, body: bytes = PAGE, content_type: str = "text/html") -> str:
        self.answers[path] = (200, {"Content-Type": content_type}, body)
        return self.base + path

    def redirect(self, path: str, location: str) -> str:
        self.answers[path] = (302, {"Location": location}, b"")
        return self.base + path


@contextmanager
def serve(tls: ssl.SSLContext | None = None) -> Iterator[Site]:
    site = Site()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            site.requests.append(self.path)
            status, headers, body = site.answers.get(self.path, (404, {}, b"not here"))
            self.send_response(status)
            for name, value in {**headers, "Content-Length": str(len(body))}.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    site.port = server.server_address[1]
    site.base = f"http{'s' * (tls is not None)}://127.0.0.1:{site.port}"
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def trickle(*, headers_too: bool = False, seconds: float = 30) -> Iterator[str]:
    """A server that answers one byte every 0.1 s for ``seconds``: each read is quick,
    the whole answer never is.  ``headers_too`` trickles the status line and headers."""
    listener = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def answer(conn: socket.socket) -> None:
        with conn:
            conn.recv(65536)
            head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
            if not headers_too:
                conn.sendall(head + b"\r\n")
                head = b""
            stream = head + b"X-Slow: " + b"a" * 10_000 if headers_too else b"<p>" + b"a" * 10_000
            deadline = time.monotonic() + seconds
            for byte in stream:
                if stop.is_set() or time.monotonic() > deadline:
                    return
                try:
                    conn.sendall(bytes([byte]))
                except OSError:
                    return  # the client hung up: what the deadline should make it do
                time.sleep(0.1)

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            threading.Thread(target=answer, args=(conn,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/news"
    finally:
        stop.set()
        listener.close()


@pytest.fixture
def site() -> Iterator[Site]:
    with serve() as s:
        yield s


@pytest.fixture
def tls_site(tmp_path: Path) -> Iterator[tuple[Site, Path]]:
    """``serve()`` over TLS with a self-signed certificate for localhost and 127.0.0.1."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-keyout", str(key), "-out", str(cert), "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"],
                   check=True, capture_output=True)  # fmt: skip
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    with serve(context) as s:
        yield s, cert


# ---------------------------------------------------------------------- the total deadline


@pytest.mark.parametrize("headers_too", [False, True])
def test_a_trickling_server_is_cut_off_at_the_total_deadline(headers_too: bool) -> None:
    """Each byte comes within urllib's per-read timeout; before, the fetch lasted as long
    as the server liked (here 30 s, then it returned a half page as if complete)."""
    with trickle(headers_too=headers_too) as url, pytest.raises(GeomapError) as caught:
        fetch(url, timeout=1, user_typed=True)
    assert str(caught.value) == f"{url}: no complete answer within 1 s"


def test_add_timeout_bounds_a_trickling_page(tmp_path: Path) -> None:
    with trickle() as url:
        done = run_geomap(["add", "news", url, "--timeout", "1"], tmp_path, timeout=60)
    assert_one_line_error(done, url, "no complete answer within 1 s")
    assert not (tmp_path / "data").exists()


# ---------------------------------------------------------------------- which addresses


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("8.8.8.8", True), ("2001:4860:4860::8888", True), ("::ffff:8.8.8.8", True),
        ("127.0.0.1", False), ("127.8.9.10", False), ("10.0.0.1", False),
        ("172.16.5.4", False), ("192.168.1.1", False), ("169.254.169.254", False),
        ("100.64.0.1", False), ("0.0.0.0", False), ("224.0.0.1", False),
        ("240.0.0.1", False), ("255.255.255.255", False), ("::1", False), ("::", False),
        ("fe80::1%eth0", False), ("fc00::1", False), ("ff02::1", False),
        ("::ffff:127.0.0.1", False), ("::ffff:10.0.0.1", False), ("2002:7f00:1::", False),
        ("64:ff9b::7f00:1", False),
    ],
)  # fmt: skip
def test_public_addresses(address: str, public: bool) -> None:
    assert is_public_address(address) is public


def _feed(links: list[tuple[str, str]]) -> str:
    items = "".join(
        f"<item><title>Item {n}</title><link>{link}</link>"
        + (f"<description>{summary}</description>" if summary else "")
        + "</item>"
        for n, (link, summary) in enumerate(links, 1)
    )
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
        f"<link>http://example.invalid/</link><description>x</description>{items}"
        "</channel></rss>"
    )


def test_feed_links_to_private_addresses_are_not_fetched(tmp_path: Path, site: Site) -> None:
    """Every spelling of the loopback address, and a name that resolves to it."""
    port = site.port
    links = [
        f"http://127.0.0.1:{port}/plain.html",
        f"http://2130706433:{port}/decimal.html",
        f"http://0x7f.0.0.1:{port}/hex.html",
        f"http://0177.0.0.1:{port}/octal.html",
        f"http://localhost:{port}/name.html",
        f"http://[::ffff:127.0.0.1]:{port}/mapped.html",
        f"http://[::1]:{port}/ipv6.html",
    ]
    for link in links:
        site.page("/" + link.rsplit("/", 1)[1])
    feed = tmp_path / "wire.rss"
    feed.write_text(_feed([(link, "") for link in links]), encoding="utf-8")
    warnings: list[str] = []
    assert list(read_input(str(feed), warn=warnings.append)) == []
    assert site.requests == []
    assert len(warnings) == len(links)
    for link, warning in zip(links, warnings, strict=True):
        assert link in warning and "not fetched" in warning and "--allow-private" in warning
        assert "\n" not in warning and warning.endswith("skipped")


def test_feed_link_refused_falls_back_on_the_summary(tmp_path: Path, site: Site) -> None:
    link = site.page("/quake.html")
    feed = tmp_path / "wire.rss"
    feed.write_text(_feed([(link, "An earthquake shook Valparaiso.")]), encoding="utf-8")
    warnings: list[str] = []
    [item] = read_input(str(feed), warn=warnings.append)
    assert item.article.text == "Item 1\n\nAn earthquake shook Valparaiso."
    assert site.requests == []
    assert len(warnings) == 1 and warnings[0].endswith("using the feed's summary instead")


def test_allow_private_fetches_links_to_private_addresses(tmp_path: Path, site: Site) -> None:
    links = [site.page("/a.html"), f"http://2130706433:{site.port}/b.html"]
    site.page("/b.html")
    feed = tmp_path / "wire.rss"
    feed.write_text(_feed([(link, "") for link in links]), encoding="utf-8")
    items = list(read_input(str(feed), allow_private=True))
    assert [i.article.url for i in items] == links
    assert "buried part of a road near Cusco" in items[0].article.text
    assert site.requests == ["/a.html", "/b.html"]


def test_jsonl_url_to_a_private_address_is_one_line_error(tmp_path: Path, site: Site) -> None:
    url = site.page("/story.html")
    batch = tmp_path / "batch.jsonl"
    batch.write_text(json.dumps({"id": "s", "url": url}) + "\n", encoding="utf-8")
    done = run_geomap(["add", "news", str(batch)], tmp_path)
    assert_one_line_error(done, f"{batch}:1", url, "not fetched", "--allow-private")
    assert site.requests == []
    assert not (tmp_path / "data").exists()


def test_user_typed_url_is_fetched_but_its_redirects_are_content(site: Site) -> None:
    """The URL typed is the user's choice; where its server sends geomap next is not,
    even on the same host (here a loopback address) and under the same name."""
    target = site.page("/page.html")
    typed = site.redirect("/moved", target)
    with pytest.raises(GeomapError) as caught:
        list(read_input(typed))
    message = str(caught.value)
    assert message.startswith(f"{typed}: not fetched: redirected to {target}")
    assert "--allow-private" in message and "\n" not in message
    assert site.requests == ["/moved"]
    [item] = read_input(typed, allow_private=True)
    assert item.article.url == target and site.requests == ["/moved", "/moved", "/page.html"]
    [direct] = read_input(target)  # typed: fetched as given
    assert direct.article.url == target


def test_typed_file_url_is_not_read(tmp_path: Path) -> None:
    with pytest.raises(GeomapError, match="no such file"):
        list(read_input("file:///etc/passwd"))


@pytest.mark.parametrize(
    ("location", "message"),
    [
        ("file:///etc/passwd", "HTTP 302"),  # urllib refuses it before geomap sees it
        ("ftp://127.0.0.1/x.txt", "not an http(s) URL"),
        ("/loop", "HTTP 302"),  # urllib's loop detection
    ],
)
def test_redirects_that_held_still_hold(site: Site, location: str, message: str) -> None:
    url = site.redirect("/loop", location)
    with pytest.raises(GeomapError) as caught:  # allowed: the local server is private
        list(read_input(url, allow_private=True))
    assert message in str(caught.value) and "\n" not in str(caught.value)
    assert str(caught.value).startswith(url)


def test_page_larger_than_the_limit_is_refused(site: Site) -> None:
    url = site.page("/big.html", b"<p>" + b"a" * MAX_INPUT_BYTES)
    with pytest.raises(GeomapError, match="larger than 20 MB, not an article"):
        list(read_input(url))


def test_add_with_and_without_allow_private(
    tmp_path: Path, site: Site, gazetteer_cache: Path
) -> None:
    """Through the console script: a feed's local link is skipped with one warning line,
    the run goes on; --allow-private fetches it and the article is added."""
    link = site.page("/landslide.html")
    feed = tmp_path / "wire.rss"
    feed.write_text(_feed([(link, "")]), encoding="utf-8")
    refused = run_geomap(["add", "news", str(feed)], tmp_path)
    assert refused.returncode == 0, refused.stderr
    [warning] = refused.stderr.splitlines()
    assert warning.startswith(f"geomap: {feed}#1: {link}: not fetched")
    assert "0 articles added" in refused.stdout and site.requests == []
    allowed = run_geomap(["add", "news", str(feed), "--allow-private"], tmp_path)
    assert allowed.returncode == 0, allowed.stderr
    assert "1 article added" in allowed.stdout and site.requests == ["/landslide.html"]
