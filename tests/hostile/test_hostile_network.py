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
from collections.abc import Callable
from pathlib import Path

import pytest
from hostile_cli import Ahead, Sandbox, assert_input_error, assert_succeeded
from hostile_servers import WebServer
from make_inputs import news_text

PAGE = (f"<!doctype html><html><head><title>Kharkiv</title></head><body><article><p>"
        f"{news_text('Kharkiv')}</p><p>{news_text('Kharkiv', day=5)}</p></article></body>"
        "</html>").encode()  # fmt: skip


def _server() -> WebServer:
    return WebServer({"/secret": ("text/html", PAGE), "/page": ("text/html", PAGE)})


def _feed(folder: Path, link: str) -> Path:
    """A feed whose one item has a short summary, so its link would be fetched."""
    path = folder / "feed.rss"
    path.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>'
        f"<item><title>Kharkiv</title><link>{link}</link>"
        f"<description>{news_text('Kharkiv')}</description></item></channel></rss>",
        encoding="utf-8",
    )
    return path


def _trickle(box: Sandbox) -> None:
    with _server() as web:
        run = box.run("add", "c", f"{web.base}/trickle", "--timeout", "2", timeout=30)
    assert_input_error(run)
    assert run.seconds < 20, run.describe()


def _typed_url(box: Sandbox) -> None:
    with _server() as web:
        assert_succeeded(box.run("add", "c", f"{web.base}/page", "--timeout", "10"))
        assert web.asked("/page") == 1


def _redirect(box: Sandbox) -> None:
    with _server() as web:
        run = box.run("add", "c", f"{web.base}/redirect", "--timeout", "10")
        assert web.asked("/secret") == 0
    assert_input_error(run)


def _feed_link(box: Sandbox) -> None:
    with _server() as web:
        run = box.run("add", "c", _feed(box.root, f"{web.base}/secret"), "--timeout", "10")
        assert web.asked("/secret") == 0
    assert_succeeded(run, warnings=True)  # the summary is used instead, with a warning


def _record_url(box: Sandbox) -> None:
    records = box.root / "records.jsonl"
    with _server() as web:
        records.write_text(json.dumps({"id": "r", "url": f"{web.base}/secret"}) + "\n")
        run = box.run("add", "c", records, "--timeout", "10")
        assert web.asked("/secret") == 0
    assert_input_error(run)


def _allow_private(box: Sandbox) -> None:
    with _server() as web:
        run = box.run("add", "c", _feed(box.root, f"{web.base}/secret"), "--timeout", "10",
                      "--allow-private")  # fmt: skip
        assert web.asked("/secret") == 1
    assert_succeeded(run, warnings=True)


@pytest.fixture(scope="module")
def cases(ahead: Ahead, new_box: Callable[..., Sandbox]) -> Ahead:
    box = lambda: new_box("network")  # noqa: E731
    for test, body in ((test_trickling_page_is_cut_off_at_the_timeout, _trickle),
                       (test_typed_loopback_url_is_fetched, _typed_url),
                       (test_redirect_to_a_private_address_is_not_followed, _redirect),
                       (test_feed_link_to_a_private_address_is_not_fetched, _feed_link),
                       (test_record_url_to_a_private_address_is_not_fetched, _record_url),
                       (test_allow_private_fetches_content_links, _allow_private)):  # fmt: skip
        ahead.each(test, body, box)
    return ahead


def test_trickling_page_is_cut_off_at_the_timeout(
    cases: Ahead, request: pytest.FixtureRequest
) -> None:
    cases.result(request)


def test_typed_loopback_url_is_fetched(cases: Ahead, request: pytest.FixtureRequest) -> None:
    cases.result(request)


def test_redirect_to_a_private_address_is_not_followed(
    cases: Ahead, request: pytest.FixtureRequest
) -> None:
    cases.result(request)


def test_feed_link_to_a_private_address_is_not_fetched(
    cases: Ahead, request: pytest.FixtureRequest
) -> None:
    cases.result(request)


def test_record_url_to_a_private_address_is_not_fetched(
    cases: Ahead, request: pytest.FixtureRequest
) -> None:
    cases.result(request)


def test_allow_private_fetches_content_links(
    cases: Ahead, request: pytest.FixtureRequest
) -> None:
    cases.result(request)
