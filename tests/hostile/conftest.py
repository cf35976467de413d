"""Fixtures of the hostile-input suite: the generated inputs, sandboxes, a browser."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hostile_cli import INDEX_FILE, Ahead, Sandbox, assert_succeeded
from make_inputs import generate


@pytest.fixture(scope="session")
def hostile_inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every hostile input, generated once per session (a few seconds, ~60 MB)."""
    return generate(tmp_path_factory.mktemp("hostile-inputs"))


@pytest.fixture(scope="session")
def index_file(gazetteer_cache: Path) -> Path:
    """The session's built gazetteer index, shared (read-only) by every sandbox."""
    return (gazetteer_cache / INDEX_FILE).resolve()


@pytest.fixture(scope="session")
def new_box(tmp_path_factory: pytest.TempPathFactory, index_file: Path) -> Callable[..., Sandbox]:
    """Makes sandboxes for module-scoped work: ``new_box(label)`` has a cache of its own,
    ``new_box(label, cache)`` shares ``cache``."""

    def make(label: str, cache: Path | None = None) -> Sandbox:
        root = tmp_path_factory.mktemp(label)
        return Sandbox(root, cache) if cache is not None else Sandbox.fresh(root, index_file)

    return make


@pytest.fixture
def sandbox(tmp_path: Path, index_file: Path) -> Sandbox:
    """A fresh working directory, home and cache (nothing imported) for one test."""
    return Sandbox.fresh(tmp_path, index_file)


@pytest.fixture(scope="session")
def imported_cache(
    tmp_path_factory: pytest.TempPathFactory, index_file: Path, hostile_inputs: Path
) -> Path:
    """A cache whose user places hold the hostile imported names (template syntax, HTML
    and formulas); importing them is legitimate and must succeed."""
    root = tmp_path_factory.mktemp("imported")
    box = Sandbox.fresh(root, index_file)
    files = [hostile_inputs / f"places-{label}.csv" for label in ("template", "xss", "formula")]
    run = box.run("gazetteer", "import", *files)
    assert_succeeded(run)
    return box.cache


@pytest.fixture
def imported_sandbox(tmp_path: Path, imported_cache: Path) -> Sandbox:
    return Sandbox(tmp_path, imported_cache)


@pytest.fixture(scope="module")
def ahead(request: pytest.FixtureRequest) -> Iterator[Ahead]:
    """Runs this module's planned cases two at a time (see hostile_cli.Ahead)."""
    items = [item for item in request.session.items if item.module is request.module]
    runner = Ahead(items)
    yield runner
    runner.close()


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    """A headless Chromium for one module: playwright's sync API holds an event loop while
    it is open, so a browser kept for the session would stop every later test (and the
    in-process ``--png`` snapshots) from starting their own."""
    from browser import launch

    with launch() as browser:
        yield browser

