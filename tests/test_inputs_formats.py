"""Malformed and extreme values in every input format: each is one line and exit 1, or,
where the format is a batch whose other rows are good, a counted skip.

JSON Lines (``add``, ``geoparse``), spans given to ``geoparse --given-spans``, GeoNames
dumps and CSV files for ``gazetteer import`` (plain, zipped, gzipped), and feeds.  Every
hostile file is made here, by the test.
"""

from __future__ import annotations

import gzip
import json
import sqlite3
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_inputs_bounded import assert_one_line_error, run_geomap

from geomap.cli.main import cli
from geomap.gazetteer.dumps import MIN_EXPANDED_BYTES
from geomap.gazetteer.index import CACHE_ENV
from geomap.gazetteer.user_places import USER_PLACES_FILE, UserPlaces
from geomap.sources import read_input

TEXT = "Heavy rain flooded streets in Bergen, Norway."


def invoke(args: list[str], input: bytes | str | None = None) -> tuple[int, str, str]:
    """The geomap group run in-process: (exit code, stdout, stderr)."""
    result = CliRunner().invoke(cli, args, input=input)
    return result.exit_code, result.stdout, result.stderr


def assert_one_line(code: int, out: str, err: str, *parts: str) -> None:
    assert code == 1, (code, err)
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("geomap: "), err
    assert "Traceback" not in err and "internal error" not in err and out == ""
    for part in parts:
        assert part in lines[0], lines[0]


# ---------------------------------------------------------------------- JSON Lines


BAD_RECORDS = [
    ('{"id": "a", "text": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested too deeply"),
    ('{"id": "a", "text": 5}', '"text" should be a string, not a number'),
    ('{"id": {"x": 1}, "text": "Fog in Oslo."}', '"id" should be a string or an integer'),
    ('{"id": true, "text": "Fog in Oslo."}', '"id" should be a string or an integer'),
    ('{"id": "a", "text": "Fog in Oslo.", "date": 1e308}', '"date" should be a string'),
    ('{"id": "a", "text": "Fog in Oslo.", "title": ["x"]}', '"title" should be a string'),
    ('{"id": ' + "9" * 5000 + ', "text": "Fog in Oslo."}', "not a JSON object"),
    ('{"id": "a", "url": "file:///etc/passwd"}', '"url" is not http(s)'),
    ('{"id": "a", "url": "http://[::1"}', "not a valid URL"),
    ('{"id": "a", "text": "Fog.", "date": "' + "9" * 10_000 + '"}', "cannot read the date"),
]


@pytest.mark.parametrize(("line", "message"), BAD_RECORDS)
def test_bad_jsonl_record_for_add_is_one_line(tmp_path: Path, line: str, message: str) -> None:
    batch = tmp_path / "batch.jsonl"
    batch.write_text(json.dumps({"id": "ok", "text": TEXT}) + "\n" + line + "\n", "utf-8")
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(tmp_path)
        assert_one_line(*invoke(["add", "news", str(batch)]), f"{batch}:2", message)
    assert not (tmp_path / "data").exists()  # the good first record was not added either


def test_deeply_nested_jsonl_through_the_console_script(tmp_path: Path) -> None:
    batch = tmp_path / "deep.jsonl"
    batch.write_text('{"id": "a", "text": ' + "[" * 200_000 + "]" * 200_000 + "}\n")
    assert_one_line_error(run_geomap(["add", "news", str(batch)], tmp_path), "nested too deeply")
    done = run_geomap(["geoparse", str(batch)], tmp_path)
    assert_one_line_error(done, "line 1: not valid JSON: nested too deeply")


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ('{"id": "a", "text": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested too deeply"),
        ('{"id": {"x": 1}, "text": "Fog in Oslo."}', '"id" must be a string or an integer'),
        ('{"id": 1.5, "text": "Fog in Oslo."}', '"id" must be a string or an integer'),
        ('{"id": "a", "text": 5}', '"text" must be a string'),
        ('{"id": "a", "text": "Fog in Oslo.", "date": 1e308}', '"date" must be a string'),
        ('{"id": "a", "text": "Fog in Oslo.", "url": 7}', '"url" must be a string'),
        ('{"id": ' + "9" * 5000 + ', "text": "x"}', "not valid JSON"),
        ("[1, 2]", 'a record needs "id" and "text"'),
    ],
)
def test_bad_geoparse_record_is_one_line(tmp_path: Path, record: str, message: str) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(record + "\n", encoding="utf-8")
    assert_one_line(*invoke(["geoparse", str(source)]), "line 1", message)


# 7-11 is "Oslo"; the text is 12 characters long.
@pytest.mark.parametrize(
    ("spans", "message"),
    [
        ('[{"start": 1e308, "end": 1e308}]', 'needs integer "start" and "end"'),
        ('[{"start": 1e309, "end": 11}]', 'needs integer "start" and "end"'),  # infinity
        ('[{"start": 7.5, "end": 11}]', 'needs integer "start" and "end"'),
        ('[{"start": true, "end": 11}]', 'needs integer "start" and "end"'),
        ('[{"start": "7", "end": 11}]', 'needs integer "start" and "end"'),
        ('[{"start": 7}]', 'needs integer "start" and "end"'),
        ("[[7, 11]]", 'needs integer "start" and "end"'),
        ('"7-11"', '"toponyms" must be a list'),
        ('[{"start": -3, "end": 11}]', "span -3-11 is not inside the text (12 characters)"),
        ('[{"start": 11, "end": 7}]', "span 11-7 is not inside the text"),
        ('[{"start": 7, "end": 13}]', "span 7-13 is not inside the text"),
        ('[{"start": 7, "end": 1' + "0" * 300 + "}]", "span 7-huge is not inside the text"),
    ],
)
def test_given_spans_out_of_range_are_one_line(tmp_path: Path, spans: str, message: str) -> None:
    source = tmp_path / "spans.jsonl"
    source.write_text(f'{{"id": "a", "text": "Fog in Oslo.", "toponyms": {spans}}}\n', "utf-8")
    code, out, err = invoke(["geoparse", "--given-spans", str(source)])
    assert_one_line(code, out, err, f"{source}: line 1", message)
    assert len(err) < 300  # an absurd offset is not printed in full


def test_geoparse_stdin_binary_and_endless(tmp_path: Path) -> None:
    assert_one_line(*invoke(["geoparse", "-"], input=b"\xff\xfe\x00\x01"), "stdin", "not UTF-8")
    with open("/dev/zero", "rb") as zeros:
        done = run_geomap(["geoparse", "-"], tmp_path, stdin=zeros)
    assert_one_line_error(done, "stdin", "more than 20 MB")


# ---------------------------------------------------------------------- gazetteer import

ROW = ["9900001", "Robotyne", "Robotyne", "", "47.44970", "35.83720", "P", "PPL", "UA", "",
       "26", "", "", "", "480", "", "120", "Europe/Zaporozhye", "2024-01-10"]  # fmt: skip


def geonames_row(gid: int | str, name: str, **changed: str) -> str:
    """A GeoNames dump row; ``changed`` sets columns by name (lat, lon, population)."""
    row = list(ROW)
    row[0], row[1], row[2] = str(gid), name, name
    for column, value in changed.items():
        row[{"lat": 4, "lon": 5, "population": 14}[column]] = value
    return "\t".join(row) + "\n"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache of the test's own, so imports here touch no other test's places."""
    folder = tmp_path / "cache"
    folder.mkdir()
    monkeypatch.setenv(CACHE_ENV, str(folder))
    return folder


def test_impossible_geonames_rows_are_rejected_and_counted(tmp_path: Path, cache: Path) -> None:
    dump = tmp_path / "UA.txt"
    dump.write_text(
        geonames_row(1, "Goodtown")
        + geonames_row(2, "Nanville", lat="nan")
        + geonames_row(3, "Farlat", lat="1e308")
        + geonames_row(4, "Eastend", lon="180.5")
        + geonames_row(5, "Minusinf", lon="-inf")
        + geonames_row(2**64, "Bigid")
        + geonames_row(0, "Zeroid")
        + geonames_row(6, "Crowded", population="9" * 30)
        + geonames_row(7, "Negative", population="-5"),
        encoding="utf-8",
    )
    code, out, err = invoke(["gazetteer", "import", str(dump)])
    assert code == 0, err
    assert "1 places imported as user-geonames:UA.txt" in out
    assert "8 rows with impossible values rejected" in out
    with UserPlaces.open(cache) as places:
        assert [e.name for e in places.lookup("goodtown")] == ["Goodtown"]
        assert len(places) == 1


def test_points_off_the_earth_imported_before_are_never_looked_up(cache: Path) -> None:
    """An older geomap stored latitude 1e308; lookups now pass such rows by."""
    with UserPlaces.open(cache) as places:
        pass
    conn = sqlite3.connect(cache / USER_PLACES_FILE)
    with conn:
        conn.execute("INSERT INTO places VALUES ('gn:3', 'Farlat', 1e308, 10, 'city', 'UA',"
                     " NULL, NULL, 0, 3, 'user-geonames:old.txt', 'PPL', NULL)")  # fmt: skip
        conn.execute("INSERT INTO names VALUES ('farlat', 'gn:3', 'primary', 0, 1)")
    conn.close()
    with UserPlaces.open(cache) as places:
        assert places.has_name("farlat") and places.lookup("farlat") == []


def _zip(path: Path, text: str) -> bytes:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("UA.txt", text)
    return path.read_bytes()


def _flip_zip(data: bytes, *, flags: int = 0, method: int | None = None) -> bytes:
    """The archive with its first member's flags or compression method changed in both
    its local header and its central directory entry."""
    out = bytearray(data)
    central = data.find(b"PK\x01\x02")
    out[6] |= flags
    out[central + 8] |= flags
    if method is not None:
        out[8] = out[central + 10] = method
    return bytes(out)


def _hostile_files(folder: Path) -> dict[str, tuple[Path, str]]:
    """name -> (file, what its one error line says)."""
    good = geonames_row(1, "Goodtown")
    plain = _zip(folder / "plain.zip", good)
    files: dict[str, tuple[bytes, str, str]] = {
        "encrypted": (_flip_zip(plain, flags=1), ".zip", "it is encrypted"),
        "method": (_flip_zip(plain, method=99), ".zip", "compression method"),
        "crc": (b"", ".zip", "cannot read it"),
        "no-member": (b"", ".zip", "holds no .txt or .csv file"),
        "truncated-gz": (gzip.compress(good.encode() * 50)[:-30], ".txt.gz", "cannot read it"),
        "garbage-gz": (b"\x1f\x8b\x08\x00" + b"garbage!" * 20, ".txt.gz", "cannot read it"),
        "latin1": (good.replace("Goodtown", "Café").encode("latin-1"), ".txt",
                   "line 1: not UTF-8"),
        "bad-number": (geonames_row(1, "X", population="1e400").encode(), ".txt",
                       "line 1: not a GeoNames row (bad number)"),
        "columns": (b"just\tthree\tcolumns\n", ".txt", "3 tab-separated columns"),
        "long-field": (("name,lat,lon,feature_type,country_code\n\"" + "x" * 200_000
                        + '",1,2,city,UA\n').encode(), ".csv", "line 2: not a places CSV"),
        "csv-population": (b"name,lat,lon,feature_type,country_code,population\n"
                           b"X,1,2,city,UA,1e400\n", ".csv", "population must be from 0"),
        "csv-nan": (b"name,lat,lon,feature_type,country_code\nX,nan,2,city,UA\n", ".csv",
                    "needs a name and a point on the Earth"),
    }  # fmt: skip
    made = {}
    for name, (data, suffix, message) in files.items():
        path = folder / f"{name}{suffix}"
        if name == "no-member":
            with zipfile.ZipFile(path, "w") as zf:
                zf.writestr("readme.pdf", "x")
        elif name == "crc":  # one byte of the compressed member changed
            member = plain.find(b"UA.txt") + len(b"UA.txt")
            path.write_bytes(plain[:member + 2] + bytes([plain[member + 2] ^ 0xFF])
                             + plain[member + 3:])  # fmt: skip
        else:
            path.write_bytes(data)
        made[name] = (path, message)
    return made


def test_hostile_gazetteer_files_are_one_line_each(tmp_path: Path, cache: Path) -> None:
    for name, (path, message) in _hostile_files(tmp_path).items():
        code, out, err = invoke(["gazetteer", "import", str(path)])
        assert code == 1, (name, out, err)
        [line] = err.splitlines()
        assert line.startswith(f"geomap: {path}") and message in line, (name, line)
        assert "Traceback" not in err and "internal error" not in err, name
    with UserPlaces.open(cache) as places:
        assert len(places) == 0  # no file left any row behind


def test_device_is_not_a_gazetteer_file(tmp_path: Path, cache: Path) -> None:
    code, out, err = invoke(["gazetteer", "import", "/dev/zero"])
    assert_one_line(code, out, err, "/dev/zero: not a regular file")


def test_gzip_bomb_is_refused_while_it_inflates(tmp_path: Path) -> None:
    """120 MB of comment lines, gzipped to about 120 KB: past 100 MB it is a bomb."""
    bomb = tmp_path / "UA.txt.gz"
    line = b"#" + b"x" * 999_998 + b"\n"
    with gzip.open(bomb, "wb", compresslevel=1) as fh:
        for _ in range(MIN_EXPANDED_BYTES // len(line) + 20):
            fh.write(line)
    assert bomb.stat().st_size * 100 < MIN_EXPANDED_BYTES
    done = run_geomap(["gazetteer", "import", str(bomb)], tmp_path,
                      env={CACHE_ENV: str(tmp_path / "cache")})  # fmt: skip
    assert_one_line_error(done, str(bomb), "expands to more than 100 MB",
                          "refused as a decompression bomb")  # fmt: skip


def test_zip_bomb_is_refused_by_its_stated_size(tmp_path: Path, cache: Path) -> None:
    bomb = tmp_path / "UA.zip"
    block = b"\n" * (1 << 20)
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf, \
            zf.open("UA.txt", "w", force_zip64=True) as member:  # fmt: skip
        for _ in range(MIN_EXPANDED_BYTES // len(block) + 2):
            member.write(block)
    assert_one_line(*invoke(["gazetteer", "import", str(bomb)]), "decompression bomb")


def test_line_without_end_is_refused_not_held_in_memory(tmp_path: Path) -> None:
    """50 MB of zeros and no newline: before, the line was read whole (GBs for a bomb)."""
    zeros = tmp_path / "UA.txt.gz"
    with gzip.open(zeros, "wb", compresslevel=1) as fh:
        for _ in range(50):
            fh.write(b"\0" * (1 << 20))
    done = run_geomap(["gazetteer", "import", str(zeros)], tmp_path,
                      env={CACHE_ENV: str(tmp_path / "cache")})  # fmt: skip
    assert_one_line_error(done, "line 1 is longer than 1,000,000 characters")


# ---------------------------------------------------------------------- feeds


def test_feed_with_malformed_entries_keeps_the_good_ones(tmp_path: Path) -> None:
    long_text = " ".join(["Floods closed the main road into Bergen on Tuesday."] * 12)
    feed = tmp_path / "odd.rss"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
        "<item><title>No link, no text</title></item>"
        "<item><title>Bad IPv6</title><link>http://[::1</link></item>"
        "<item><title>Script</title><link>javascript:alert(1)</link>"
        "<description>Rain in Oslo.</description></item>"
        "<item><title>Odd date</title><pubDate>Mon, 99 Foo 99999 99:99:99</pubDate>"
        f"<description>{long_text}</description></item>"
        "<item><link>http://127.0.0.1:9/only-link</link></item>"
        "<item><title>" + "T" * 100_000 + "</title><description>Snow.</description></item>"
        "</channel></rss>",
        encoding="utf-8",
    )
    warnings: list[str] = []
    items = list(read_input(str(feed), warn=warnings.append, timeout=2))
    assert [i.article.text.split("\n")[-1] for i in items] == [
        "Rain in Oslo.", long_text, "Snow."]  # fmt: skip
    assert items[1].article.date is None
    assert all("\n" not in w for w in warnings) and len(warnings) == 3
    assert "no text and no link" in warnings[0] and "not a valid URL" in warnings[1]


def test_xxe_and_billion_laughs_feeds_still_hold(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-LINE", encoding="utf-8")
    xxe = tmp_path / "xxe.rss"
    xxe.write_text(
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file://{secret}">]>'
        '<rss version="2.0"><channel><title>W</title><item><title>Leak</title>'
        "<description>Storm in Bergen &x; today.</description></item></channel></rss>",
        encoding="utf-8",
    )
    texts = [i.article.text for i in read_input(str(xxe), warn=lambda _: None)]
    assert not any("TOP-SECRET" in t for t in texts)
    laughs = tmp_path / "laughs.rss"
    entities = '<!ENTITY a0 "lol">' + "".join(
        f'<!ENTITY a{n} "{f"&a{n - 1};" * 10}">' for n in range(1, 10))
    laughs.write_text(
        f'<?xml version="1.0"?><!DOCTYPE rss [{entities}]><rss version="2.0"><channel>'
        "<title>W</title><item><title>Boom</title><description>&a9;</description></item>"
        "</channel></rss>",
        encoding="utf-8",
    )
    assert all(len(i.article.text) < 100_000
               for i in read_input(str(laughs), warn=lambda _: None))  # fmt: skip
