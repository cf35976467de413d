"""Issue 10 §1: template syntax from every source of text maps fine and runs nothing.

Sources: article text and its title (one run per payload), a page's <title> and body,
feed titles/summaries/links, JSON Lines titles/urls/sites, a fetched URL, imported
gazetteer place names and regions, and an online geocoder's answer.  Each must exit 0
with an empty stderr, show every payload literally in the HTML (and GeoJSON), show
``{{ 7*7 }}`` rather than 49, and never create the command payload's marker file.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from hostile_cli import (
    Ahead,
    Run,
    Sandbox,
    assert_input_error,
    assert_succeeded,
    decoded_page,
    json_lines,
    probe_page,
    temp_files,
)
from hostile_servers import KHARKIV, HostileNominatim, WebServer, nominatim_options
from make_inputs import IMPORTED_NAMES, MARKER_NAME, TEMPLATE_PAYLOADS, graffiti

EXPRESSION = TEMPLATE_PAYLOADS["expression"]
EVERY = [graffiti(p) for p in TEMPLATE_PAYLOADS.values()]
URL_PAYLOAD = "{{7*7}}"  # no spaces: it is typed as a URL path
SOURCES = [f"text-{key}" for key in TEMPLATE_PAYLOADS] + [
    "all-in-one", "page", "feed-and-records", "url", "imported", "geocoder",
]  # fmt: skip


@dataclass
class Outcome:
    """The runs that made one map, the map, and the text it must show literally."""

    box: Sandbox
    runs: list[Run]
    html: Path
    literals: list[str]
    geojson: Path | None = None
    evaluated: list[str] = field(default_factory=list)
    """Text that would be there only if a template had evaluated a payload."""


def _evaluated(literals: list[str]) -> list[str]:
    return [text.replace(EXPRESSION, "49") for text in literals if EXPRESSION in text]


class Maps:
    """Each source's map, made ahead (two at a time) for the sources the selected tests
    name, and shared by the static and browser tests."""

    def __init__(self, ahead: Ahead, new_box: Callable[..., Sandbox], inputs: Path,
                 imported_cache: Path) -> None:  # fmt: skip
        self.ahead = ahead
        self.inputs = inputs
        for source in ahead.parameter("source"):
            cache = imported_cache if source == "imported" else None
            box = new_box(f"inject-{source}", cache)
            ahead.start(source, functools.partial(self._make, source, box))

    def __getitem__(self, source: str) -> Outcome:
        return self.ahead.wait(source)

    def _make(self, source: str, box: Sandbox) -> Outcome:
        inputs = self.inputs
        if source.startswith("text-") or source in ("all-in-one", "page"):
            name = {"all-in-one": "template-all.txt", "page": "page-template.html"}.get(
                source, f"template-{source.removeprefix('text-')}.txt")  # fmt: skip
            run = box.run("map", inputs / name, "--geojson", "out.geojson")
            key = source.removeprefix("text-")
            literals = [graffiti(TEMPLATE_PAYLOADS[key])] if key in TEMPLATE_PAYLOADS else EVERY
            return Outcome(box, [run], box.work / "maps" / f"{Path(name).stem}.html", literals,
                           box.work / "out.geojson", _evaluated(literals))  # fmt: skip
        if source == "feed-and-records":
            add = box.run("add", "news", inputs / "feed-template.rss",
                          inputs / "records-template.jsonl")  # fmt: skip
            build = box.run("build", "news")
            return Outcome(box, [add, build], box.work / "maps" / "news.html", EVERY,
                           box.work / "data" / "news.geojson", _evaluated(EVERY))  # fmt: skip
        if source == "url":
            page = (inputs / "page-template.html").read_bytes()
            with WebServer({"/news/": ("text/html; charset=utf-8", page)}) as web:
                add = box.run("add", "web", f"{web.base}/news/{URL_PAYLOAD}/kharkiv",
                              "--timeout", "10")  # fmt: skip
            build = box.run("build", "web")
            evaluated = [*_evaluated(EVERY), "/news/49/kharkiv"]
            return Outcome(box, [add, build], box.work / "maps" / "web.html", EVERY,
                           box.work / "data" / "web.geojson", evaluated)  # fmt: skip
        if source == "imported":
            run = box.run("map", inputs / "imported-template.txt", "--geojson", "out.geojson")
            pairs = zip(IMPORTED_NAMES["template"], TEMPLATE_PAYLOADS.values(), strict=True)
            literals = [f"{alias} {payload}" for alias, payload in pairs]
            return Outcome(box, [run], box.work / "maps" / "imported-template.html", literals,
                           box.work / "out.geojson", _evaluated(literals))  # fmt: skip
        if source == "geocoder":
            name = "Kharkiv " + " ".join(EVERY)
            overrides = {"name": name, "display_name": f"{name}, {EVERY[1]}, Ukraine",
                         "address": {"state": f"Oblast {EVERY[0]}", "city": name}}  # fmt: skip
            with HostileNominatim([KHARKIV], overrides=overrides) as server:
                run = box.run("map", inputs / "good.txt", "--geojson", "out.geojson",
                              *nominatim_options(server.domain))  # fmt: skip
                asked = len(server.requests)
            assert asked, "the fake Nominatim was never asked: the case tests nothing"
            return Outcome(box, [run], box.work / "maps" / "good.html", [name],
                           box.work / "out.geojson", _evaluated([name]))  # fmt: skip
        raise AssertionError(source)


@pytest.fixture(scope="module")
def maps(ahead: Ahead, new_box: Callable[..., Sandbox], hostile_inputs: Path,
         imported_cache: Path) -> Maps:  # fmt: skip
    return Maps(ahead, new_box, hostile_inputs, imported_cache)


def _marker_absent(outcome: Outcome) -> None:
    for folder in (outcome.box.work, outcome.box.root):
        assert not (folder / MARKER_NAME).exists(), "the command in the article ran"


@pytest.mark.parametrize("source", SOURCES)
def test_template_syntax_maps_literally(maps: Maps, source: str) -> None:
    outcome = maps[source]
    for run in outcome.runs:
        assert_succeeded(run)
    _marker_absent(outcome)
    assert temp_files(outcome.box.work) == []
    page = decoded_page(outcome.html.read_text(encoding="utf-8"))
    missing = [literal for literal in outcome.literals if literal not in page]
    assert not missing, f"not in the map literally: {missing}"
    evaluated = [text for text in outcome.evaluated if text in page]
    assert not evaluated, f"payloads were evaluated: {evaluated}"
    if outcome.geojson is not None:
        data = json.dumps(json.loads(outcome.geojson.read_text(encoding="utf-8")),
                          ensure_ascii=False)  # fmt: skip
        assert any(literal in data for literal in outcome.literals)


@pytest.mark.browser
@pytest.mark.parametrize("source", ["text-expression", "text-command", "page",
                                    "feed-and-records", "url", "imported", "geocoder"])  # fmt: skip
def test_template_syntax_shows_literally_in_chromium(maps: Maps, chromium: Any,
                                                      source: str) -> None:  # fmt: skip
    from browser import open_html

    outcome = maps[source]
    for run in outcome.runs:
        assert_succeeded(run)
    with open_html(chromium, outcome.html) as (page, report):
        seen = probe_page(page)
    assert seen["maps"] == 1 and seen["popups"] > 0 and seen["opened"] == seen["listed"], {
        k: v for k, v in seen.items() if k != "text"}
    missing = [literal for literal in outcome.literals if literal not in seen["text"]]
    assert not missing, f"not shown literally: {missing}"
    evaluated = [text for text in outcome.evaluated if text in seen["text"]]
    assert not evaluated, f"payloads were evaluated: {evaluated}"
    assert seen["pwned"] is None and report.page_errors == [] and report.requests == []
    _marker_absent(outcome)


def test_incidents_command_prints_template_text_as_text(sandbox: Sandbox,
                                                        hostile_inputs: Path) -> None:  # fmt: skip
    table = sandbox.run("incidents", hostile_inputs / "template-all.txt")
    assert_succeeded(table)
    as_json = sandbox.run("incidents", hostile_inputs / "template-all.txt", "--json")
    assert_succeeded(as_json)
    evidence = " ".join(record["evidence"] for record in json_lines(as_json.stdout))
    for literal in EVERY:
        assert literal in evidence
    assert not (sandbox.work / MARKER_NAME).exists()


def test_geoparse_and_geocode_take_template_text(imported_sandbox: Sandbox,
                                                 hostile_inputs: Path) -> None:  # fmt: skip
    records = hostile_inputs / "records-template.jsonl"
    run = imported_sandbox.run("geoparse", records, "-o", "out.jsonl")
    assert_succeeded(run)
    ids = [r["id"] for r in json_lines((imported_sandbox.work / "out.jsonl").read_text())]
    assert ids == [f"template-{key}" for key in TEMPLATE_PAYLOADS]
    alias = IMPORTED_NAMES["template"][0]
    found = imported_sandbox.run("geocode", alias, "--json")
    assert_succeeded(found)
    assert json_lines(found.stdout)[0]["name"] == f"{alias} {EXPRESSION}"
    assert_succeeded(imported_sandbox.run("geocode", alias))
    missing = imported_sandbox.run("geocode", EXPRESSION)
    assert_input_error(missing)
    assert EXPRESSION in missing.stderr
    assert not (imported_sandbox.work / MARKER_NAME).exists()
