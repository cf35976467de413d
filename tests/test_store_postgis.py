"""Collections in PostgreSQL/PostGIS, on a real throwaway server (tests/store_servers.py).

* The layers are tables that other tools read: geometry columns in SRID 4326 listed in
  ``geometry_columns`` (what QGIS's provider reads), GiST indexes, primary keys, and
  ``geopandas.read_postgis`` gives back the places and incidents.
* The database enforces one row per content hash.
* Two ``geomap add`` processes at once on one collection, with overlapping inputs,
  store every article once, lose none, and leave merged rows equal to a fold of
  their reports; their merged layers sum up as one process's would.
* Bad input is one line: an unreachable server, wrong credentials, no such database,
  a database without PostGIS, a role that may not write, a schema of other tables,
  a name PostgreSQL cannot take, a bad ``[store]`` config; the password never shows.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import psycopg
import pytest
from click.testing import CliRunner, Result
from store_servers import PASSWORD, PASSWORD_USER, PostgresServer
from test_collection import FIRE, POKHARA, POKHARA_FOLLOW_UP

from geomap.cli.main import cli
from geomap.collection.store import open_collection

pytest_plugins = ["store_fixtures"]

GEOMAP = [sys.executable, "-m", "geomap.cli"]
CITIES = ["Bergen", "Lyon", "Seville", "Krakow", "Gdansk", "Tallinn", "Riga", "Vilnius",
          "Porto", "Turin", "Graz", "Brno", "Varna", "Haifa", "Muscat"]  # fmt: skip


def geomap(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def one_line_error(result: Result, code: int = 1) -> str:
    assert result.exit_code == code, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("geomap: "), result.stderr
    assert "internal error" not in lines[0] and "Traceback" not in result.output
    return lines[0]


def storm_records(days: tuple[int, ...]) -> list[dict]:
    return [
        {"id": f"storm-{day}-{city.lower()}", "title": f"Storm in {city}",
         "text": f"Storm in {city}\n\nA storm damaged about {10 + day} homes in {city} on "
                 f"January {day}, 2024, and {day * 7} residents left for shelters.",
         "url": f"https://news{day % 3}.example.org/{city.lower()}/{day}"}
        for day in days for city in CITIES
    ]  # fmt: skip


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture
def database(postgis_server: PostgresServer, tmp_path: Path,
             monkeypatch: pytest.MonkeyPatch) -> str:  # fmt: skip
    """A fresh PostGIS database's URL, the working directory a temporary one."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GEOMAP_STORE", raising=False)
    return postgis_server.url(postgis_server.new_database())


def test_layers_are_postgis_tables_that_gis_tools_read(database: str, gazetteer_cache: Path,
                                                        postgis_server: PostgresServer) -> None:
    for name, text in (("pokhara.txt", POKHARA), ("follow-up.txt", POKHARA_FOLLOW_UP),
                       ("fire.txt", FIRE)):  # fmt: skip
        Path(name).write_text(text, encoding="utf-8")
    result = geomap("add", "news", "pokhara.txt", "follow-up.txt", "fire.txt",
                    "--store", database)  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"{database}#news: 3 articles added")
    database_name = database.rsplit("/", 1)[1]
    columns = postgis_server.sql(
        "SELECT f_table_name, f_geometry_column, srid, type FROM geometry_columns "
        "WHERE f_table_schema = 'news' ORDER BY f_table_name", database_name)
    assert columns == [("areas", "geom", 4326, "GEOMETRY"),
                       ("incidents", "geom", 4326, "GEOMETRY"),
                       ("places", "geom", 4326, "POINT")]  # fmt: skip
    indexes = {table: definition for table, definition in postgis_server.sql(
        "SELECT tablename, indexdef FROM pg_indexes WHERE schemaname = 'news' "
        "AND indexdef LIKE '%USING gist%'", database_name)}  # fmt: skip
    assert set(indexes) == {"places", "incidents", "areas"}
    keys = postgis_server.sql(
        "SELECT tc.table_name, kcu.column_name FROM information_schema.table_constraints tc "
        "JOIN information_schema.key_column_usage kcu USING (constraint_name, table_schema) "
        "WHERE tc.table_schema = 'news' AND tc.constraint_type = 'PRIMARY KEY'", database_name)
    assert {t for t, c in keys if c == "fid"} >= {"articles", "places", "incidents", "areas"}

    from sqlalchemy import create_engine

    engine = create_engine(database.replace("postgresql://", "postgresql+psycopg://"))
    try:
        places = gpd.read_postgis("SELECT * FROM news.places", engine, geom_col="geom")
        incidents = gpd.read_postgis("SELECT * FROM news.incidents", engine, geom_col="geom")
    finally:
        engine.dispose()
    assert places.crs.to_epsg() == 4326
    perth = places[places["name"] == "Perth"].iloc[0]
    assert perth.geom.x == pytest.approx(115.86, abs=0.1)
    assert perth.geom.y == pytest.approx(-31.95, abs=0.1)
    quake = incidents[incidents["sub_event_type"] == "Earthquake"].iloc[0]
    assert quake["n_sources"] == 2 and quake["structures_affected"] == 55
    assert [s["title"] for s in quake["sources"]] == ["Earthquake shakes Pokhara",
                                                      "Pokhara counts the damage"]  # fmt: skip
    assert str(quake["date_start"]) == "2024-03-03"
    # SQL users query the JSON and the dates as such.
    (titles,) = postgis_server.sql(
        "SELECT sources->1->>'title' FROM news.incidents WHERE date_start = DATE '2024-03-03'",
        database_name)  # fmt: skip
    assert titles == ("Pokhara counts the damage",)


def test_the_database_keeps_one_row_per_content_hash(database: str,
                                                     gazetteer_cache: Path) -> None:  # fmt: skip
    for i, extra in enumerate(("", " Crews stayed overnight.", " Roads reopened later.")):
        Path(f"fire{i}.txt").write_text(FIRE + extra, encoding="utf-8")
    assert geomap("add", "news", "fire0.txt", "fire1.txt", "fire2.txt",
                  "--store", database).exit_code == 0  # fmt: skip
    with psycopg.connect(database, autocommit=True) as conn:
        conn.execute("SET search_path = news, public")
        # geomap copies a batch's articles in with fids it counted; the table's own
        # sequence is moved past them, so another tool's insert gets a free fid.
        conn.execute("INSERT INTO articles (content_hash, article_id) VALUES ('x', 'other')")
        fids = [fid for (fid,) in conn.execute("SELECT fid FROM articles ORDER BY fid")]
        assert len(fids) == 4 and fids[-1] > fids[-2]
        row = conn.execute("SELECT content_hash, article_id FROM articles").fetchone()
        with pytest.raises(psycopg.errors.UniqueViolation):
            conn.execute("INSERT INTO articles (content_hash, article_id) VALUES (%s, 'again')",
                         (row[0],))  # fmt: skip


def test_two_add_processes_at_once_store_each_article_once(database: str,
                                                           gazetteer_cache: Path) -> None:
    records = storm_records((3, 17, 21, 25))  # 60 articles
    write_jsonl(Path("first.jsonl"), records[:40])
    write_jsonl(Path("second.jsonl"), records[20:])  # 20 in common, met in the same order
    env = {**os.environ, "GEOMAP_STORE": database}
    runs = [subprocess.Popen([*GEOMAP, "add", "shared", name, "--no-progress"], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for name in ("first.jsonl", "second.jsonl")]  # fmt: skip
    outputs = [run.communicate(timeout=900) for run in runs]
    for run, (_, err) in zip(runs, outputs, strict=True):
        assert run.returncode == 0, err
    added = [int(re.search(r"(\d+) articles? added", out).group(1)) for out, _ in outputs]
    unchanged = [int(re.search(r"(\d+) unchanged", out).group(1)) for out, _ in outputs]
    assert sum(added) == len(records)  # each article stored by exactly one of them
    assert sum(added) + sum(unchanged) == 80

    with open_collection("shared", store=database, create=False) as shared:
        assert shared.check() == []  # merged rows are the fold of their reports
        articles = shared.articles()
        incidents = shared.frame("incidents")
        places = shared.frame("places")
    assert len(articles) == len(records)
    assert articles["content_hash"].is_unique and articles["article_id"].is_unique
    assert sorted(articles["article_id"]) == sorted(r["id"] for r in records)

    # The same articles added by one process merge to the same sums.
    write_jsonl(Path("all.jsonl"), records)
    assert geomap("add", "alone", "all.jsonl", "--store", database).exit_code == 0
    with open_collection("alone", store=database, create=False) as alone:
        alone_incidents = alone.frame("incidents")
        alone_places = alone.frame("places")

    def sums(frame: gpd.GeoDataFrame, key: str, columns: list[str]) -> dict:
        return {row[key]: tuple(row[c] for c in columns) for row in frame.to_dict("records")}

    assert sums(incidents, "merge_key", ["n_sources", "structures_affected"]) == \
        sums(alone_incidents, "merge_key", ["n_sources", "structures_affected"])  # fmt: skip
    assert sums(places, "place_id", ["mentions", "n_articles"]) == \
        sums(alone_places, "place_id", ["mentions", "n_articles"])  # fmt: skip


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_database_problems_are_one_line(postgis_server: PostgresServer, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch,
                                        gazetteer_cache: Path) -> None:  # fmt: skip
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GEOMAP_STORE", raising=False)
    Path("fire.txt").write_text(FIRE, encoding="utf-8")
    database = postgis_server.new_database()

    nobody = f"postgresql://postgres@127.0.0.1:{_closed_port()}/maps"
    line = one_line_error(geomap("add", "news", "fire.txt", "--store", nobody))
    assert line.startswith(f"geomap: {nobody}#news: cannot reach the database server")
    assert "Connection refused" in line

    wrong = postgis_server.url(database, user=PASSWORD_USER, password="not-the-password")
    for command in (["add", "news", "fire.txt"], ["list", "news"], ["build", "news"]):
        line = one_line_error(geomap(*command, "--store", wrong))
        assert "wrong user name or password" in line and "not-the-password" not in line
        assert f"{PASSWORD_USER}@127.0.0.1:{postgis_server.port}/{database}#news" in line

    line = one_line_error(geomap("list", "news", "--store", postgis_server.url("nowhere")))
    assert 'database "nowhere" does not exist' in line

    line = one_line_error(geomap("list", "news", "--store", postgis_server.url(database)))
    assert line.endswith("#news: no such collection (create it with geomap add)")

    line = one_line_error(geomap("add", "x" * 64, "fire.txt", "--store",
                                 postgis_server.url(database)))  # fmt: skip
    assert "at most 63 characters" in line
    line = one_line_error(geomap("add", "pg_news", "fire.txt", "--store",
                                 postgis_server.url(database)))  # fmt: skip
    assert "PostgreSQL's own" in line

    postgis_server.sql("CREATE SCHEMA other; CREATE TABLE other.things (x int)", database)
    line = one_line_error(geomap("add", "other", "fire.txt", "--store",
                                 postgis_server.url(database)))  # fmt: skip
    assert line.endswith("#other: not a geomap collection (the schema holds other tables)")
    assert postgis_server.sql("SELECT count(*) FROM other.things", database) == [(0,)]


def test_a_database_without_postgis(postgis_server: PostgresServer, tmp_path: Path,
                                    monkeypatch: pytest.MonkeyPatch,
                                    gazetteer_cache: Path) -> None:  # fmt: skip
    """A role that may not add PostGIS is told so in one line, and nothing is made; a
    role that may (the owner, a superuser) gets it added with the collection."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GEOMAP_STORE", raising=False)
    Path("fire.txt").write_text(FIRE, encoding="utf-8")
    plain = postgis_server.new_database(postgis=False)
    postgis_server.sql(f'GRANT ALL ON DATABASE "{plain}" TO {PASSWORD_USER}')
    as_user = postgis_server.url(plain, user=PASSWORD_USER, password=PASSWORD)
    line = one_line_error(geomap("add", "news", "fire.txt", "--store", as_user))
    assert "the database has no PostGIS extension and geomap could not add it" in line
    assert PASSWORD not in line
    assert postgis_server.sql("SELECT count(*) FROM pg_namespace WHERE nspname = 'news'",
                              plain) == [(0,)]  # fmt: skip
    line = one_line_error(geomap("list", "news", "--store", as_user))
    assert "no such collection (the database has no PostGIS extension)" in line

    result = geomap("add", "news", "fire.txt", "--store", postgis_server.url(plain))
    assert result.exit_code == 0, result.output
    assert postgis_server.sql("SELECT count(*) FROM news.articles", plain) == [(1,)]


def test_a_role_that_may_only_read(database: str, postgis_server: PostgresServer,
                                   gazetteer_cache: Path) -> None:  # fmt: skip
    Path("fire.txt").write_text(FIRE, encoding="utf-8")
    Path("pokhara.txt").write_text(POKHARA, encoding="utf-8")
    assert geomap("add", "news", "fire.txt", "--store", database).exit_code == 0
    name = database.rsplit("/", 1)[1]
    postgis_server.sql(f"GRANT USAGE ON SCHEMA news TO {PASSWORD_USER}; "
                       f"GRANT SELECT ON ALL TABLES IN SCHEMA news TO {PASSWORD_USER}",
                       name)  # fmt: skip
    reader = postgis_server.url(name, user=PASSWORD_USER, password=PASSWORD)
    listing = geomap("list", "news", "--json", "--check", "--store", reader)
    assert listing.exit_code == 0, listing.output
    assert json.loads(listing.stdout)["problems"] == []
    line = one_line_error(geomap("add", "news", "pokhara.txt", "--store", reader))
    assert f"cannot write to the collection (the user {PASSWORD_USER} may not change" in line
    assert postgis_server.sql("SELECT count(*) FROM news.articles", name) == [(1,)]


def test_the_store_from_the_config_file(database: str, gazetteer_cache: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    Path("fire.txt").write_text(FIRE, encoding="utf-8")
    Path("config.toml").write_text(f'[store]\nurl = "{database}"\n', encoding="utf-8")
    monkeypatch.setenv("GEOMAP_CONFIG", str(Path("config.toml").resolve()))
    result = geomap("add", "news", "fire.txt")
    assert result.exit_code == 0, result.output
    assert f"{database}#news: 1 article added" in result.stdout
    assert not Path("data/news.gpkg").exists()
    listing = json.loads(geomap("list", "news", "--json").stdout)
    assert listing["collection"] == f"{database}#news" and listing["articles"] == 1
    # --store gpkg (or GEOMAP_STORE) still picks the file.
    assert geomap("add", "news", "fire.txt", "--store", "gpkg").exit_code == 0
    assert Path("data/news.gpkg").is_file()

    Path("bad.toml").write_text("[store]\nurl = 5\n", encoding="utf-8")
    monkeypatch.setenv("GEOMAP_CONFIG", str(Path("bad.toml").resolve()))
    line = one_line_error(geomap("list", "news"))
    assert "bad.toml: [store] url must be a string" in line
    line = one_line_error(geomap("list", "news", "--store", "mysql://db/maps"))
    assert "give gpkg (files in --data-dir) or a postgresql://" in line
