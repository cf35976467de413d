"""Issue 10 §5 and §7: hostile web servers and links found in content.

* A page trickling one byte a second is cut off by ``add --timeout`` as a total
  deadline: one line, exit 1, within a few seconds of it.
* Links inside content (a feed item's link, a JSON Lines ``url``, a redirect) that
  point at a loopback address are not fetched unless ``--allow-private`` is given;
  the server on 127.0.0.1 sees no request for them.  A feed item whose link is refused
  falls back on its summary with a warning (exit 0); a record with nothing but a
  refused URL is refused in one line.  A URL the user types is fetched as given.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from hostile_cli import Sandbox, assert_input_error, assert_succeeded
from hostile_servers import WebServer
from make_inputs import news_text

PAGE = (f"<!doctype html><html><head><title>Kharkiv</title></head><body><article><p>"
        f"{news_text('Kharkiv')}</p><p>{news_text('Kharkiv', day=5)}</p></article></body>"
        "</html>").encode()  # fmt: skip


@pytest.fixture
def web() -> Iterator[WebServer]:
    with WebServer({"/secret": ("text/html", PAGE), "/page": ("text/html", PAGE)}) as server:
        yield server


def _feed(tmp_path: Path, link: str) -> Path:
    """A feed whose one item has a short summary, so its link would be fetched."""
    path = tmp_path / "feed.rss"
    path.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>'
        f"<item><title>Kharkiv</title><link>{link}</link>"
        f"<description>{news_text('Kharkiv')}</description></item></channel></rss>",
        encoding="utf-8",
    )
    return path


def test_trickling_page_is_cut_off_at_the_timeout(sandbox: Sandbox, web: WebServer) -> None:
    run = sandbox.run("add", "c", f"{web.base}/trickle", "--timeout", "2", timeout=30)
    assert_input_error(run)
    assert run.seconds < 20, run.describe()


def test_typed_loopback_url_is_fetched(sandbox: Sandbox, web: WebServer) -> None:
    assert_succeeded(sandbox.run("add", "c", f"{web.base}/page", "--timeout", "10"))
    assert web.asked("/page") == 1


def test_redirect_to_a_private_address_is_not_followed(sandbox: Sandbox,
                                                       web: WebServer) -> None:  # fmt: skip
    run = sandbox.run("add", "c", f"{web.base}/redirect", "--timeout", "10")
    assert_input_error(run)
    assert web.asked("/secret") == 0


def test_feed_link_to_a_private_address_is_not_fetched(sandbox: Sandbox, web: WebServer,
                                                       tmp_path: Path) -> None:  # fmt: skip
    run = sandbox.run("add", "c", _feed(tmp_path, f"{web.base}/secret"), "--timeout", "10")
    assert_succeeded(run, warnings=True)  # the summary is used instead, with a warning
    assert web.asked("/secret") == 0


def test_record_url_to_a_private_address_is_not_fetched(sandbox: Sandbox, web: WebServer,
                                                        tmp_path: Path) -> None:  # fmt: skip
    records = tmp_path / "records.jsonl"
    records.write_text(json.dumps({"id": "r", "url": f"{web.base}/secret"}) + "\n")
    run = sandbox.run("add", "c", records, "--timeout", "10")
    assert_input_error(run)
    assert web.asked("/secret") == 0


def test_allow_private_fetches_content_links(sandbox: Sandbox, web: WebServer,
                                             tmp_path: Path) -> None:  # fmt: skip
    run = sandbox.run("add", "c", _feed(tmp_path, f"{web.base}/secret"), "--timeout", "10",
                      "--allow-private")  # fmt: skip
    assert_succeeded(run, warnings=True)
    assert web.asked("/secret") == 1
