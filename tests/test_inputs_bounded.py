"""Bounded input: files, devices, named pipes and stdin are read up to 20 MB, then one line.

Each case runs the real ``geomap`` console script in a subprocess with a time limit and
a memory limit, so a regression (reading /dev/zero until the memory is gone) fails the
test instead of taking the machine down.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import geomap.article
from geomap.article import MAX_INPUT_BYTES, read_article
from geomap.cli.main import cli
from geomap.errors import GeomapError
from geomap.sources import read_input

MEMORY_LIMIT = 3 * 1024**3
"""Bytes of address space a geomap subprocess may use here: the libraries need about 1 GB
of it; the inputs before the fix took 14-24 GB."""
ARTICLE = (
    "Storm floods Bergen\n\n"
    "Heavy rain flooded streets in Bergen, Norway on 2 January 2024, and two people "
    "were injured.\n"
)


def run_geomap(
    args: list[str],
    cwd: Path,
    *,
    stdin: int | object = subprocess.DEVNULL,
    timeout: float = 120,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """The ``geomap`` console script, run to its end within ``timeout`` seconds; ``env``
    adds to (or replaces some of) the test's environment."""
    geomap = shutil.which("geomap")
    assert geomap, "the geomap console script is not installed"

    def limit_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))

    return subprocess.run([geomap, *args], cwd=cwd, stdin=stdin, capture_output=True, text=True,
                          timeout=timeout, preexec_fn=limit_memory,
                          env={**os.environ, **(env or {})})  # fmt: skip


def assert_one_line_error(done: subprocess.CompletedProcess[str], *parts: str) -> str:
    """Exit 1, one ``geomap:`` line on stderr holding every part, no traceback, no output."""
    assert done.returncode == 1, (done.returncode, done.stderr[-2000:])
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("geomap: "), done.stderr[-2000:]
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr
    for part in parts:
        assert part in lines[0], lines[0]
    assert done.stdout == ""
    return lines[0]


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_endless_device_is_refused_past_the_limit(tmp_path: Path, device: str) -> None:
    done = run_geomap(["map", device], tmp_path)
    assert_one_line_error(done, device, "more than 20 MB")
    assert not (tmp_path / "maps").exists() and not (tmp_path / "data").exists()


def test_file_larger_than_the_limit_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.write(b"Flood in Bergen. ")
        fh.truncate(MAX_INPUT_BYTES + 1)  # sparse: no 20 MB written to the disk
    done = run_geomap(["map", str(big)], tmp_path)
    assert_one_line_error(done, "big.txt", "more than 20 MB")


def test_endless_stdin_is_refused_past_the_limit(tmp_path: Path) -> None:
    with open("/dev/zero", "rb") as zeros:
        done = run_geomap(["add", "inbox", "-"], tmp_path, stdin=zeros)
    assert_one_line_error(done, "stdin", "more than 20 MB")
    assert not (tmp_path / "data").exists()  # nothing written: the collection was not made


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x00\xff\xfe\x00binary\x00", "stdin: looks like binary data"),
        ("Incendie à Marseille, 3 janvier 2024.".encode("latin-1"), "stdin: not UTF-8"),
        (b"  \n\t ", "stdin: nothing to read"),
    ],
)
def test_bad_stdin_is_one_line(tmp_path: Path, data: bytes, message: str) -> None:
    source = tmp_path / "stdin.bin"
    source.write_bytes(data)
    with source.open("rb") as stdin:
        done = run_geomap(["add", "inbox", "-"], tmp_path, stdin=stdin)
    assert_one_line_error(done, message)
    assert not (tmp_path / "data").exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "the file is empty"),
        (b"\x00" * 64, "binary file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        ("Incendie à Marseille".encode("latin-1"), "not UTF-8"),
        ("Flood in Bergen".encode("utf-16"), "binary file"),  # UTF-16 holds NUL bytes
    ],
)
def test_what_held_still_holds_through_the_console_script(
    tmp_path: Path, data: bytes, message: str
) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(data)
    done = run_geomap(["map", str(path)], tmp_path)
    assert_one_line_error(done, str(path), message)


def test_fifo_without_a_writer_gives_up(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    monkeypatch.setattr(geomap.article, "FIFO_WAIT_SECONDS", 0.3)
    result = CliRunner().invoke(cli, ["map", str(fifo)])
    assert result.exit_code == 1, result.output
    assert result.stderr.strip() == (
        f"geomap: {fifo}: a named pipe that no program wrote to within 0.3 s"
    )
    assert "Traceback" not in result.output


def _write_later(fifo: Path, data: bytes) -> threading.Thread:
    def write() -> None:
        time.sleep(0.5)  # the reader has opened the pipe and waits for a writer
        try:
            with fifo.open("wb") as fh:
                fh.write(data)
        except BrokenPipeError:
            pass  # the reader stopped at the limit

    thread = threading.Thread(target=write, daemon=True)
    thread.start()
    return thread


def test_fifo_with_a_writer_is_read(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    writer = _write_later(fifo, ARTICLE.encode())
    [item] = read_input(str(fifo))
    writer.join(5)
    assert item.article.text == ARTICLE and item.article.title == "Storm floods Bergen"


def test_fifo_writing_past_the_limit_is_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    writer = _write_later(fifo, b"x" * (MAX_INPUT_BYTES + 10))
    with pytest.raises(GeomapError, match="more than 20 MB"):
        read_article(fifo)
    writer.join(5)


def test_html_attribute_of_megabytes_is_dropped_before_extraction(tmp_path: Path) -> None:
    """A 5 MB attribute (of '<', the slowest for the extractor's patterns) took 15 s;
    the extractor now never sees it, and the article is read as usual."""
    body = " ".join(["Firefighters in Valparaiso fought the blaze for a third day."] * 6)
    page = tmp_path / "fire.html"
    page.write_text(
        "<!DOCTYPE html><html><head><title>Fires near Valparaiso</title>"
        '<meta property="article:published_time" content="2024-02-04"></head><body>'
        f'<div class="{"<" * 5_000_000}" title="{"x" * 1_000_000}">'
        f"<article><h1>Fires</h1><p>{body}</p><p>{body}</p></article></div></body></html>",
        encoding="utf-8",
    )
    article = read_article(page)
    assert "Firefighters in Valparaiso" in article.text
    assert "<<<" not in article.text and "xxxx" not in article.text
    assert article.title == "Fires"  # the page's headline
    assert str(article.date) == "2024-02-04"
