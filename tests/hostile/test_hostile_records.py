"""Issue 10 §7: JSON Lines that are deeply nested, wrongly typed or carry absurd span
offsets are refused in one line (exit 1) by ``add`` and ``geoparse``, writing nothing.

Decided: a record whose only faults are optional fields of the wrong type (an id that
is an object, a title that is a list, a url that is a dict) may be read with those
fields ignored (exit 0) or refused in one line; never an internal error.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile_cli import Sandbox, assert_input_error, assert_succeeded, snapshot

SPANS = ["spans-1e308.jsonl", "spans-1e400.jsonl", "spans-nan.jsonl", "spans-negative.jsonl",
         "spans-wrong-type.jsonl"]  # fmt: skip


def _refused(box: Sandbox, *args: str | Path) -> None:
    run = box.run(*args)
    assert_input_error(run)
    left = sorted(snapshot(box.work))
    assert not left, f"files left behind: {left}"


@pytest.mark.parametrize("name", ["nested-text.jsonl", "nested-extra.jsonl", "wrong-types.jsonl",
                                  "wrong-date-type.jsonl"])  # fmt: skip
def test_add_refuses_bad_records(sandbox: Sandbox, hostile_inputs: Path, name: str) -> None:
    _refused(sandbox, "add", "c", hostile_inputs / name)


@pytest.mark.parametrize("name", ["nested-text.jsonl", "nested-extra.jsonl", "wrong-types.jsonl"])
def test_geoparse_refuses_bad_records(sandbox: Sandbox, hostile_inputs: Path, name: str) -> None:
    _refused(sandbox, "geoparse", hostile_inputs / name, "-o", "out.jsonl")


@pytest.mark.parametrize("name", SPANS)
def test_given_spans_out_of_range(sandbox: Sandbox, hostile_inputs: Path, name: str) -> None:
    _refused(sandbox, "geoparse", hostile_inputs / name, "--given-spans", "-o", "out.jsonl")


def test_nested_records_on_stdin(sandbox: Sandbox, hostile_inputs: Path) -> None:
    run = sandbox.run("add", "c", "-", stdin=hostile_inputs / "nested-extra.jsonl")
    assert_input_error(run)


@pytest.mark.parametrize("command", [("add", "c"), ("geoparse",)])
def test_optional_fields_of_the_wrong_type(sandbox: Sandbox, hostile_inputs: Path,
                                           command: tuple[str, ...]) -> None:  # fmt: skip
    run = sandbox.run(*command, hostile_inputs / "wrong-optional-types.jsonl")
    if run.returncode == 0:
        assert_succeeded(run)
    else:
        assert_input_error(run)
