"""Issue 10 §6 and §7: ``geomap gazetteer import`` of bombs, broken archives and rows
off the Earth or past integer limits.

Decided: a places CSV with a bad row is refused whole, in one line, exit 1 (as one
with a point off the Earth already was); a GeoNames dump may instead be imported
without its impossible rows, saying how many it left out.  Either way the row never
gets in (and a later map naming the 1e308 place works).  Bombs (3 GiB of NUL bytes in a
few MB) stop in one line within the time limit, the child's peak RSS under
``RSS_LIMIT_MB``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from hostile_cli import (
    RSS_LIMIT_MB,
    Ahead,
    Sandbox,
    assert_failed_cleanly,
    assert_input_error,
    assert_succeeded,
)
from make_inputs import news_text

BOMBS = ["bomb.csv.gz", "bomb.zip", "bomb-gz.txt.gz"]
BROKEN_ZIPS = ["UA-corrupt.zip", "UA-encrypted.zip", "UA-unsupported.zip", "UA-not-a-zip.zip"]
GEONAMES_BAD_ROWS = {
    "geonames-nan.txt": "Nanivka",
    "geonames-inf.txt": "Infivka",
    "geonames-1e308.txt": "Hugivka",
    "geonames-big-id.txt": "Bigidivka",
    "geonames-big-population.txt": "Qopulonsk",
    "geonames-population-1e400.txt": "Expivka",
}
CSV_BAD_ROWS = {
    "places-population-1e400.csv": "Expograd",
    "places-nan.csv": "Nangrad",
    "places-1e308.csv": "Hugegrad",
    "places-big-field.csv": "Widegrad",
}


def _nothing_imported(box: Sandbox) -> None:
    info = box.run("gazetteer", "info")
    assert_succeeded(info)
    imported = re.findall(r"user-(?:csv|geonames):\S+", info.stdout)
    assert not imported, f"something was imported: {imported}"


@pytest.fixture(scope="module")
def cases(ahead: Ahead, new_box: Callable[..., Sandbox], hostile_inputs: Path) -> Ahead:
    box = lambda: new_box("import")  # noqa: E731
    for test, body in ((test_compressed_bomb_is_stopped, _bomb),
                       (test_broken_zip_is_one_line, _broken_zip),
                       (test_the_same_zip_unbroken_imports, _good_zip),
                       (test_places_csv_row_off_the_earth_or_past_limits, _csv_row),
                       (test_geonames_row_off_the_earth_or_past_limits, _geonames_row),
                       (test_import_of_a_folder_is_refused, _folder)):  # fmt: skip
        ahead.each(test, body, box, inputs=hostile_inputs)
    return ahead


def _bomb(box: Sandbox, inputs: Path, name: str) -> None:
    run = box.run("gazetteer", "import", inputs / name, timeout=60)
    assert_input_error(run)
    assert run.max_rss_mb < RSS_LIMIT_MB, run.describe()
    _nothing_imported(box)


def _broken_zip(box: Sandbox, inputs: Path, name: str) -> None:
    assert_input_error(box.run("gazetteer", "import", inputs / name))
    _nothing_imported(box)


def _good_zip(box: Sandbox, inputs: Path) -> None:
    run = box.run("gazetteer", "import", inputs / "UA-good.zip")
    assert_succeeded(run)
    assert "imported as user-geonames:UA-good.zip" in run.stdout, run.stdout


def _row_kept_out(box: Sandbox, place: str, *, then_map: bool) -> None:
    """The place is not in the gazetteer (and, for the issue's own case of latitude
    1e308, a later map that names it works)."""
    assert_input_error(box.run("geocode", place))  # "no place called ..."
    if then_map:
        article = box.work / "later.txt"
        article.write_text(f"Later report\n\n{news_text(place)} {news_text('Kharkiv')}\n")
        assert_succeeded(box.run("map", article))


def _csv_row(box: Sandbox, inputs: Path, name: str) -> None:
    assert_input_error(box.run("gazetteer", "import", inputs / name))
    _nothing_imported(box)
    _row_kept_out(box, CSV_BAD_ROWS[name], then_map="1e308" in name)


def _geonames_row(box: Sandbox, inputs: Path, name: str) -> None:
    run = box.run("gazetteer", "import", inputs / name)
    if run.returncode == 0:
        assert_succeeded(run)
        assert "0 places imported" in run.stdout, run.stdout
    else:
        assert_input_error(run)
    _row_kept_out(box, GEONAMES_BAD_ROWS[name], then_map="1e308" in name)


def _folder(box: Sandbox, inputs: Path) -> None:
    (box.root / "folder.csv").mkdir()
    assert_failed_cleanly(box.run("gazetteer", "import", box.root / "folder.csv"))


@pytest.mark.parametrize("name", BOMBS)
def test_compressed_bomb_is_stopped(cases: Ahead, request: pytest.FixtureRequest,
                                    name: str) -> None:  # fmt: skip
    cases.result(request)


@pytest.mark.parametrize("name", BROKEN_ZIPS)
def test_broken_zip_is_one_line(cases: Ahead, request: pytest.FixtureRequest, name: str) -> None:
    cases.result(request)


def test_the_same_zip_unbroken_imports(cases: Ahead, request: pytest.FixtureRequest) -> None:
    """The control for the broken zips: their undamaged original is a good import."""
    cases.result(request)


@pytest.mark.parametrize("name", sorted(CSV_BAD_ROWS))
def test_places_csv_row_off_the_earth_or_past_limits(cases: Ahead,
                                                     request: pytest.FixtureRequest,
                                                     name: str) -> None:  # fmt: skip
    cases.result(request)


@pytest.mark.parametrize("name", sorted(GEONAMES_BAD_ROWS))
def test_geonames_row_off_the_earth_or_past_limits(cases: Ahead,
                                                   request: pytest.FixtureRequest,
                                                   name: str) -> None:  # fmt: skip
    """A GeoNames dump may be refused in one line, or imported without its impossible
    rows (a 1.6 GB allCountries.txt should not fail on one row), saying so: "0 places
    imported" here, as the file holds that one row."""
    cases.result(request)


def test_import_of_a_folder_is_refused(cases: Ahead, request: pytest.FixtureRequest) -> None:
    cases.result(request)
