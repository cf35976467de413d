"""Inputs taken as given: ``map`` and ``incidents`` read what ``add`` reads (files, folders,
URLs, JSON Lines, ``-``), ``add`` goes on past inputs that fail, and output paths that
cannot be written are one line, exit 1.

Every case runs the ``geomap`` console script in a subprocess; URLs are served by a
real HTTP server on 127.0.0.1, and a dead URL is a port nothing listens on.
"""

from __future__ import annotations

import json
import socket
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_inputs_bounded import assert_one_line_error, run_geomap
from test_sources import serve

BERGEN = "Floods in Bergen\n\nHeavy rain flooded streets in Bergen, Norway, on January 3, 2024, " \
         "and 2 people died.\n"  # fmt: skip
LYON = "A storm damaged about 40 homes in Lyon, France, on January 4, 2024.\n"
SEVILLE = "Floods killed 3 people in Seville, Spain, on January 5, 2024.\n"
KHARKIV = "Missiles struck Kharkiv, Ukraine, on January 6, 2024, killing 5 people.\n"
IZMIR = "An earthquake injured 12 people in Izmir, Turkey, on January 7, 2024.\n"
PAGE = ("<html><head><title>Strike on Kharkiv</title></head><body><article><h1>Strike on "
        f"Kharkiv</h1><p>{KHARKIV}</p><p>Rescue teams worked through the night.</p>"
        "</article></body></html>")  # fmt: skip


@pytest.fixture
def work(tmp_path: Path, gazetteer_cache: Path) -> Path:
    """A folder holding bergen.txt and news/ (lyon.txt, seville.txt, a file that is not
    an article, a hidden file); the gazetteer index is built before any subprocess."""
    (tmp_path / "bergen.txt").write_text(BERGEN, encoding="utf-8")
    news = tmp_path / "news"
    news.mkdir()
    (news / "lyon.txt").write_text(LYON, encoding="utf-8")
    (news / "seville.html").write_text(f"<html><body><article><p>{SEVILLE}</p></article>"
                                       "</body></html>", encoding="utf-8")  # fmt: skip
    (news / "notes.csv").write_text("not,an,article\n", encoding="utf-8")
    (news / ".draft.txt").write_text(KHARKIV, encoding="utf-8")
    return tmp_path


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """An HTTP server on 127.0.0.1 serving www/ (strike.html); yields its base URL."""
    www = tmp_path / "www"
    www.mkdir()
    (www / "strike.html").write_text(PAGE, encoding="utf-8")
    with serve(www) as base:
        yield base, www


def dead_url() -> str:
    """A URL on 127.0.0.1 whose port nothing listens on: the connection is refused."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/gone.html"


def places_in(geojson: Path) -> set[str]:
    features = json.loads(geojson.read_text(encoding="utf-8"))["features"]
    return {f["properties"]["place"] for f in features if f["properties"]["kind"] == "incident"}


def succeeded(done: subprocess.CompletedProcess[str]) -> None:
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr


# ---------------------------------------------------------------------- map


def test_map_takes_a_url(work: Path, site: tuple[str, Path]) -> None:
    base, _ = site
    done = run_geomap(["map", f"{base}/strike.html"], work)
    succeeded(done)
    maps = sorted(p.name for p in (work / "maps").iterdir())
    assert len(maps) == 1 and maps[0].startswith("127.0.0.1-strike.html-"), maps
    stem = maps[0].removesuffix(".html")
    assert places_in(work / "data" / f"{stem}.geojson") == {"Kharkiv"}
    assert done.stdout.startswith(f"{base}/strike.html: ") and "1 incident" in done.stdout
    html = (work / "maps" / maps[0]).read_text(encoding="utf-8")
    assert "Strike on Kharkiv" in html  # the page's title names the article


def test_map_takes_a_folder_one_map_per_article(work: Path) -> None:
    done = run_geomap(["map", "news"], work)
    succeeded(done)
    assert sorted(p.name for p in (work / "maps").iterdir()) == ["lyon.html", "seville.html"]
    assert places_in(work / "data" / "lyon.geojson") == {"Lyon"}
    assert places_in(work / "data" / "seville.geojson") == {"Sevilla"}
    assert len(done.stdout.splitlines()) == 2  # one line per article, hidden and .csv left


def test_map_takes_stdin(work: Path) -> None:
    with (work / "bergen.txt").open("rb") as stdin:
        done = run_geomap(["map", "-"], work, stdin=stdin)
    succeeded(done)
    [html] = (work / "maps").iterdir()
    assert html.name.startswith("article-") and done.stdout.startswith("stdin: ")
    assert places_in(work / "data" / f"{html.stem}.geojson") == {"Bergen"}


def test_map_of_several_kinds_at_once_names_no_output_twice(work: Path) -> None:
    """A file, a folder, a JSON Lines batch whose ids try to leave the folder or repeat a
    file's name: one map each, all inside maps/, none written over another."""
    batch = work / "batch.jsonl"
    batch.write_text("\n".join(json.dumps(r) for r in [
        {"id": "../../escape", "text": IZMIR},
        {"id": "bergen", "text": KHARKIV},
    ]) + "\n", encoding="utf-8")  # fmt: skip
    done = run_geomap(["map", "bergen.txt", "news", str(batch)], work)
    succeeded(done)
    assert sorted(p.name for p in (work / "maps").iterdir()) == [
        "bergen-2.html", "bergen.html", "escape.html", "lyon.html", "seville.html"]  # fmt: skip
    assert places_in(work / "data" / "bergen.geojson") == {"Bergen"}
    assert places_in(work / "data" / "bergen-2.geojson") == {"Kharkiv"}
    assert places_in(work / "data" / "escape.geojson") == {"İzmir"}
    assert sorted(p.name for p in work.iterdir()) == ["batch.jsonl", "bergen.txt", "data",
                                                      "maps", "news"]  # fmt: skip


def test_map_of_one_input_given_twice_reads_it_once(work: Path) -> None:
    done = run_geomap(["map", "bergen.txt", "news", "bergen.txt"], work)
    succeeded(done)
    assert sorted(p.name for p in (work / "maps").iterdir()) == [
        "bergen.html", "lyon.html", "seville.html"]  # fmt: skip
    assert len(done.stdout.splitlines()) == 3


def test_map_with_a_dead_url_stops_before_anything_is_written(work: Path) -> None:
    url = dead_url()
    assert_one_line_error(run_geomap(["map", "bergen.txt", url], work), url,
                          "cannot fetch: Connection refused")  # fmt: skip
    assert not (work / "maps").exists() and not (work / "data").exists()


def test_map_of_an_empty_folder_is_one_line(work: Path) -> None:
    (work / "empty").mkdir()
    assert_one_line_error(run_geomap(["map", "empty"], work), "empty: no article files")


def test_one_output_file_for_a_folder_of_articles_is_a_command_line_error(work: Path) -> None:
    done = run_geomap(["map", "news", "--geojson", "all.geojson"], work)
    assert done.returncode == 2, done.stderr
    assert "--geojson names one file, but news holds 2 articles" in done.stderr
    assert not (work / "all.geojson").exists() and not (work / "maps").exists()


# ---------------------------------------------------------------------- incidents


def incident_places(done: subprocess.CompletedProcess[str]) -> list[tuple[str, str]]:
    succeeded(done)
    records = [json.loads(line) for line in done.stdout.splitlines()]
    return [(r["place"], r["origin"]) for r in records]


def test_incidents_take_every_input_kind(work: Path, site: tuple[str, Path]) -> None:
    base, _ = site
    url = f"{base}/strike.html"
    with (work / "bergen.txt").open("rb") as stdin:
        done = run_geomap(["incidents", "--json", "-", "news", url], work, stdin=stdin)
    assert incident_places(done) == [
        ("Bergen", "stdin"), ("Lyon", "news/lyon.txt"), ("Sevilla", "news/seville.html"),
        ("Kharkiv", url)]  # fmt: skip
    ids = [json.loads(line)["article_id"] for line in done.stdout.splitlines()]
    assert ids[1:3] == ["lyon", "seville"] and ids[0].startswith("article-")


def test_incidents_table_names_each_article(work: Path) -> None:
    done = run_geomap(["incidents", "bergen.txt", "news"], work,
                      env={"COLUMNS": "200"})  # fmt: skip
    succeeded(done)
    for name in ("Incidents in bergen.txt", "Incidents in news/lyon.txt", "news/seville.html"):
        assert name in done.stdout, done.stdout


def test_incidents_with_a_dead_url_is_one_line(work: Path) -> None:
    url = dead_url()
    assert_one_line_error(run_geomap(["incidents", "bergen.txt", url], work), url)


# ---------------------------------------------------------------------- add


def articles_in(gpkg: Path) -> list[str]:
    with sqlite3.connect(gpkg) as db:
        return [row[0] for row in db.execute("SELECT article_id FROM articles ORDER BY 1")]


def test_add_goes_on_past_inputs_that_fail(work: Path, site: tuple[str, Path]) -> None:
    base, _ = site
    url = dead_url()
    (work / "binary.txt").write_bytes(b"\x00\x01binary\x00")
    (work / "latin1.txt").write_bytes("Incendie à Marseille".encode("latin-1"))
    (work / "bad.jsonl").write_text(json.dumps({"id": "ok", "text": IZMIR}) + '\n{"id": 1}\n',
                                    encoding="utf-8")  # fmt: skip
    done = run_geomap(["add", "inbox", "bergen.txt", url, "binary.txt", "news", "missing.txt",
                       "latin1.txt", f"{base}/strike.html", "bad.jsonl"], work)  # fmt: skip
    succeeded(done)
    failures = done.stderr.splitlines()
    assert len(failures) == 5, done.stderr
    for line, part in zip(failures, [f"{url}: cannot fetch: Connection refused",
                                     "binary.txt: looks like a binary file",
                                     "missing.txt: no such file", "latin1.txt: not UTF-8",
                                     "bad.jsonl:2"], strict=True):  # fmt: skip
        assert line.startswith("geomap: ") and part in line, line
    summary = done.stdout.strip()
    assert summary.startswith("data/inbox.gpkg: 4 articles added, 0 unchanged (4 incidents, ")
    assert summary.endswith(" places reported); 5 inputs failed"), summary
    ids = articles_in(work / "data" / "inbox.gpkg")
    assert "bergen" in ids and "lyon" in ids and "seville" in ids and "ok" not in ids
    assert any(i.startswith("127.0.0.1-strike.html-") for i in ids)
    # Again, with the dead URL alone failing: the rest is there already, exit 0.
    again = run_geomap(["add", "inbox", "bergen.txt", url], work)
    succeeded(again)
    assert again.stdout.strip().endswith("1 unchanged (0 incidents, 0 places reported); "
                                         "1 input failed")  # fmt: skip


def test_add_with_every_input_failing_is_exit_1_and_no_collection(work: Path) -> None:
    url = dead_url()
    done = run_geomap(["add", "inbox", url, "missing.txt", url], work)
    assert done.returncode == 1 and done.stdout == "", done.stderr
    lines = done.stderr.splitlines()
    assert [line.split(":")[0] for line in lines] == ["geomap"] * 3
    assert url in lines[0] and "missing.txt: no such file" in lines[1]
    assert lines[2] == "geomap: nothing added: none of the 2 inputs could be read"
    assert not (work / "data").exists()


def test_add_strict_stops_at_the_first_failure_before_anything_is_added(work: Path) -> None:
    done = run_geomap(["add", "inbox", "bergen.txt", "missing.txt", "--strict"], work)
    assert_one_line_error(done, "missing.txt: no such file")
    assert not (work / "data").exists()


def test_add_of_an_empty_folder_says_so_and_is_no_failure(work: Path) -> None:
    (work / "empty").mkdir()
    done = run_geomap(["add", "inbox", "empty", "bergen.txt"], work)
    succeeded(done)
    assert done.stderr.strip() == "geomap: empty: no article files in this folder " \
                                  "(.txt, .html, .md, .jsonl, .rss, ...)"  # fmt: skip
    assert "1 article added" in done.stdout and "failed" not in done.stdout


# ---------------------------------------------------------------------- outputs


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["map", "bergen.txt", "--out-dir", "bergen.txt/maps"],
         "bergen.txt/maps: cannot write there: bergen.txt is not a folder"),
        (["map", "bergen.txt", "--out-dir", "bergen.txt"],
         "bergen.txt: cannot write there: bergen.txt is not a folder"),
        (["map", "bergen.txt", "--geojson", "news/lyon.txt/x.geojson"],
         "news/lyon.txt/x.geojson: cannot write there: news/lyon.txt is not a folder"),
        (["map", "news", "--out-dir", "/proc/self/maps-here"],
         "/proc/self/maps-here: cannot write there: /proc/self is not writable"),
        (["map", "-", "--out-dir", "/dev/null/maps"],
         "/dev/null/maps: cannot write there: /dev/null is not a folder"),
        (["add", "c", "bergen.txt", "--build", "--out-dir", "bergen.txt/maps"],
         "bergen.txt/maps: cannot write there: bergen.txt is not a folder"),
        (["add", "c", "bergen.txt", "--data-dir", "bergen.txt/data"],
         "bergen.txt/data: cannot make the folder (Not a directory)"),
    ],
    ids=lambda v: " ".join(v) if isinstance(v, list) else "",
)  # fmt: skip
def test_output_paths_that_cannot_be_written_are_one_line_exit_1(
    work: Path, args: list[str], message: str
) -> None:
    with (work / "bergen.txt").open("rb") as stdin:
        assert_one_line_error(run_geomap(args, work, stdin=stdin), message)
    assert not (work / "maps").exists() and not (work / "data").exists()


def test_outputs_on_a_read_only_disk_are_one_line_exit_1(work: Path) -> None:
    """A real read-only file system (a tmpfs remounted read-only; root only)."""
    from test_environment_disks import tmpfs

    with tmpfs(work / "ro", "1m", read_only=True):
        for args, message in [
            (["map", "news", "--out-dir", "ro/maps"], "ro/maps: cannot write there: ro is on "
                                                      "a read-only file system"),
            (["map", "-", "--geojson", "ro/x.geojson"], "ro/x.geojson: cannot write there"),
            (["add", "inbox", "news", "--build", "--out-dir", "ro"],
             "ro: cannot write there: ro is on a read-only file system"),
            (["add", "inbox", "news", "--data-dir", "ro/data"],
             "ro/data: cannot make the folder (Read-only file system)"),
        ]:  # fmt: skip
            with (work / "bergen.txt").open("rb") as stdin:
                assert_one_line_error(run_geomap(args, work, stdin=stdin), message)
    assert not (work / "maps").exists() and not (work / "data").exists()
