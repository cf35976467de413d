"""Issue 10 §8 (what held, keep it): HTML and JavaScript payloads in article text, titles,
page metadata, feed items, JSON Lines fields and imported place names map fine (exit 0),
never appear as markup in the page source, and run nothing in Chromium: no
``window.__pwned``, no changed title, no request to evil.example, no script element,
inline handler or ``javascript:`` link in any popup or tooltip.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hostile_cli import Ahead, Run, Sandbox, assert_succeeded, decoded_page
from make_inputs import IMPORTED_NAMES, XSS_PAYLOADS

MARKUP = [p for p in XSS_PAYLOADS.values() if "<" in p]
SOURCES = ["text", "page", "feed-and-records", "imported"]


@dataclass
class Outcome:
    runs: list[Run]
    html: Path
    literals: list[str]
    """Payload text the reader must see as text (from sources that keep it verbatim)."""


class Maps:
    """Each source's map, made ahead for the sources the selected tests name."""

    def __init__(self, ahead: Ahead, new_box: Callable[..., Sandbox], inputs: Path,
                 imported_cache: Path) -> None:  # fmt: skip
        self.ahead = ahead
        self.inputs = inputs
        for source in ahead.parameter("source"):
            cache = imported_cache if source == "imported" else None
            box = new_box(f"xss-{source}", cache)
            ahead.start(source, functools.partial(self._make, source, box))

    def __getitem__(self, source: str) -> Outcome:
        return self.ahead.wait(source)

    def _make(self, source: str, box: Sandbox) -> Outcome:
        inputs = self.inputs
        if source == "imported":
            run = box.run("map", inputs / "imported-xss.txt")
            literals = [f"{alias} {p}" for alias, p in
                        zip(IMPORTED_NAMES["xss"], XSS_PAYLOADS.values(), strict=True)]  # fmt: skip
            return Outcome([run], box.work / "maps" / "imported-xss.html", literals)
        if source == "feed-and-records":
            add = box.run("add", "news", inputs / "feed-xss.rss", inputs / "records-xss.jsonl")
            build = box.run("build", "news")
            return Outcome([add, build], box.work / "maps" / "news.html", MARKUP)
        name = {"text": "xss.txt", "page": "page-xss.html"}[source]
        run = box.run("map", inputs / name)
        return Outcome([run], box.work / "maps" / f"{Path(name).stem}.html", MARKUP)


@pytest.fixture(scope="module")
def maps(ahead: Ahead, new_box: Callable[..., Sandbox], hostile_inputs: Path,
         imported_cache: Path) -> Maps:  # fmt: skip
    return Maps(ahead, new_box, hostile_inputs, imported_cache)


@pytest.mark.parametrize("source", SOURCES)
def test_payloads_are_text_in_the_page_source(maps: Maps, source: str) -> None:
    outcome = maps[source]
    for run in outcome.runs:
        assert_succeeded(run)
    source_html = outcome.html.read_text(encoding="utf-8")
    raw = [p for p in MARKUP if p in source_html]
    assert not raw, f"payloads reached the page as markup: {raw}"
    page = decoded_page(source_html)
    missing = [p for p in outcome.literals if p not in page]
    assert not missing, f"payload text lost: {missing}"


@pytest.mark.browser
@pytest.mark.parametrize("source", SOURCES)
def test_nothing_runs_in_chromium(maps: Maps, chromium: Any, source: str) -> None:
    from browser import open_html

    outcome = maps[source]
    for run in outcome.runs:
        assert_succeeded(run)
    with open_html(chromium, outcome.html) as (page, report):
        seen = probe_page_checked(page)
    assert seen["pwned"] is None, f"a payload ran: {seen['pwned']}"
    assert seen["title"] != "PWNED"
    assert (seen["scripts"], seen["handlers"], seen["jsLinks"]) == (0, 0, 0), seen
    assert report.requests == [], report.requests  # evil.example's image was never asked for
    assert report.page_errors == []
    missing = [p for p in outcome.literals if p not in seen["text"]]
    assert not missing, f"payload text not shown as text: {missing}"


def probe_page_checked(page: Any) -> dict[str, Any]:
    from hostile_cli import probe_page

    seen = probe_page(page)
    assert seen["maps"] == 1 and seen["popups"] > 0 and seen["opened"] == seen["listed"], {
        k: v for k, v in seen.items() if k != "text"}
    return seen
