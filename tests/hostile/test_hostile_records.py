"""Issue 10 §7: JSON Lines that are deeply nested, wrongly typed or carry absurd span
offsets are refused in one line (exit 1) by ``add`` and ``geoparse``, writing nothing.

Decided: a record whose only faults are optional fields of the wrong type (an id that
is an object, a title that is a list, a url that is a dict) may be read with those
fields ignored (exit 0) or refused in one line; never an internal error.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hostile_cli import Ahead, Sandbox, assert_input_error, assert_succeeded, snapshot

SPANS = ["spans-1e308.jsonl", "spans-1e400.jsonl", "spans-nan.jsonl", "spans-negative.jsonl",
         "spans-wrong-type.jsonl"]  # fmt: skip


@pytest.fixture(scope="module")
def cases(ahead: Ahead, new_box: Callable[..., Sandbox], hostile_inputs: Path) -> Ahead:
    box = lambda: new_box("records")  # noqa: E731
    for test, body in ((test_add_refuses_bad_records, _add_refuses),
                       (test_geoparse_refuses_bad_records, _geoparse_refuses),
                       (test_given_spans_out_of_range, _spans_refused),
                       (test_nested_records_on_stdin, _nested_on_stdin),
                       (test_optional_fields_of_the_wrong_type, _optional_fields)):  # fmt: skip
        ahead.each(test, body, box, inputs=hostile_inputs)
    return ahead


def _refused(box: Sandbox, *args: str | Path, stdin: Path | None = None) -> None:
    run = box.run(*args, stdin=stdin)
    assert_input_error(run)
    left = sorted(snapshot(box.work))
    assert not left, f"files left behind: {left}"


def _add_refuses(box: Sandbox, inputs: Path, name: str) -> None:
    _refused(box, "add", "c", inputs / name)


def _geoparse_refuses(box: Sandbox, inputs: Path, name: str) -> None:
    _refused(box, "geoparse", inputs / name, "-o", "out.jsonl")


def _spans_refused(box: Sandbox, inputs: Path, name: str) -> None:
    _refused(box, "geoparse", inputs / name, "--given-spans", "-o", "out.jsonl")


def _nested_on_stdin(box: Sandbox, inputs: Path) -> None:
    _refused(box, "add", "c", "-", stdin=inputs / "nested-extra.jsonl")


def _optional_fields(box: Sandbox, inputs: Path, command: tuple[str, ...]) -> None:
    run = box.run(*command, inputs / "wrong-optional-types.jsonl")
    if run.returncode == 0:
        assert_succeeded(run)
    else:
        assert_input_error(run)


@pytest.mark.parametrize("name", ["nested-text.jsonl", "nested-extra.jsonl", "wrong-types.jsonl",
                                  "wrong-date-type.jsonl"])  # fmt: skip
def test_add_refuses_bad_records(cases: Ahead, request: pytest.FixtureRequest, name: str) -> None:
    cases.result(request)


@pytest.mark.parametrize("name", ["nested-text.jsonl", "nested-extra.jsonl", "wrong-types.jsonl"])
def test_geoparse_refuses_bad_records(cases: Ahead, request: pytest.FixtureRequest,
                                      name: str) -> None:  # fmt: skip
    cases.result(request)


@pytest.mark.parametrize("name", SPANS)
def test_given_spans_out_of_range(cases: Ahead, request: pytest.FixtureRequest,
                                  name: str) -> None:  # fmt: skip
    cases.result(request)


def test_nested_records_on_stdin(cases: Ahead, request: pytest.FixtureRequest) -> None:
    """Piped JSON Lines nested 100,000 deep: one line, not mapped as prose."""
    cases.result(request)


@pytest.mark.parametrize("command", [("add", "c"), ("geoparse",)], ids=str)
def test_optional_fields_of_the_wrong_type(cases: Ahead, request: pytest.FixtureRequest,
                                           command: tuple[str, ...]) -> None:  # fmt: skip
    cases.result(request)
