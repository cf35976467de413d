"""A throwaway PostgreSQL + PostGIS server on 127.0.0.1, in a temporary folder.

Used by the tests (:mod:`store_fixtures`) and by ``benchmarks/scale.py``.  The
server is Debian's PostgreSQL (``postgresql-15-postgis-3``, which ``.ci/run``
installs): ``initdb`` makes a cluster in a fresh folder and ``pg_ctl`` starts it on a
free port of 127.0.0.1, with its socket in the same folder, so nothing of the
machine's own PostgreSQL is touched.  PostgreSQL refuses to run as root: as root the
cluster belongs to the ``postgres`` user and its programs run under ``runuser``.

Connections from 127.0.0.1 are trusted, except for the role :data:`PASSWORD_USER`,
which must give :data:`PASSWORD` (a test of wrong credentials needs a server that
checks them).
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["PASSWORD", "PASSWORD_USER", "PostgresServer", "find_bindir", "start_postgres"]

PASSWORD_USER = "geomap_pw"
PASSWORD = "right-password"
TEMPLATE = "geomap_template"
"""A database with PostGIS that every test database copies."""


def find_bindir() -> Path | None:
    """The folder of PostgreSQL's server programs, or None when none is installed."""
    candidates = [shutil.which("pg_ctl"), *sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"),
                                                   reverse=True)]  # fmt: skip
    for candidate in candidates:
        if candidate:
            folder = Path(candidate).resolve().parent
            if (folder / "initdb").exists() and (folder / "postgres").exists():
                return folder
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class PostgresServer:
    bindir: Path
    root: Path
    port: int
    as_postgres: bool
    """True when running as root: the server's programs run as the postgres user."""
    databases: int = field(default=0)

    @property
    def data(self) -> Path:
        return self.root / "data"

    def url(self, database: str = "postgres", user: str = "postgres",
            password: str | None = None) -> str:  # fmt: skip
        secret = f":{password}" if password is not None else ""
        return f"postgresql://{user}{secret}@127.0.0.1:{self.port}/{database}"

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        command = [str(self.bindir / args[0]), *args[1:]]
        if self.as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(command, capture_output=True, text=True, check=check, timeout=120)

    def sql(self, statement: str, database: str = "postgres") -> list[tuple]:
        """Run one statement as the superuser, autocommitted; its rows."""
        import psycopg

        with psycopg.connect(self.url(database), autocommit=True) as conn:
            cur = conn.execute(statement)
            return cur.fetchall() if cur.description else []

    def new_database(self, *, postgis: bool = True) -> str:
        """A fresh database (a copy of the PostGIS template, or an empty one); its name."""
        self.databases += 1
        name = f"test_{os.getpid()}_{self.databases}"
        template = TEMPLATE if postgis else "template0"
        self.sql(f'CREATE DATABASE "{name}" TEMPLATE {template}')
        return name

    def stop(self) -> None:
        self.run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop", check=False)
        shutil.rmtree(self.root, ignore_errors=True)


def start_postgres(*, fast: bool = True) -> PostgresServer:
    """Start a server (``fast``: no fsync, for tests) with the template database made.

    Raises RuntimeError saying what is missing when it cannot be done here.
    """
    bindir = find_bindir()
    if bindir is None:
        raise RuntimeError("no PostgreSQL server programs (apt-get install "
                           "postgresql-15-postgis-3)")  # fmt: skip
    as_postgres = os.geteuid() == 0
    root = Path(tempfile.mkdtemp(prefix="geomap-pg-"))
    if as_postgres:
        try:
            owner = pwd.getpwnam("postgres")
        except KeyError:
            raise RuntimeError("running as root and there is no postgres user to run "
                               "PostgreSQL as") from None  # fmt: skip
        if shutil.which("runuser") is None:
            raise RuntimeError("running as root without runuser to start PostgreSQL as postgres")
        os.chown(root, owner.pw_uid, owner.pw_gid)
    root.chmod(0o700)
    server = PostgresServer(bindir, root, _free_port(), as_postgres)
    try:
        server.run("initdb", "-D", str(server.data), "-U", "postgres", "-A", "trust",
                   "-E", "UTF8", "--locale=C")  # fmt: skip
        (server.data / "pg_hba.conf").write_text(
            f"host all {PASSWORD_USER} 127.0.0.1/32 scram-sha-256\n"
            "host all all 127.0.0.1/32 trust\n"
            "local all all trust\n", encoding="utf-8")  # fmt: skip
        settings = f"-c listen_addresses=127.0.0.1 -c unix_socket_directories={root} " \
                   "-c max_connections=60"  # fmt: skip
        if fast:
            settings += " -c fsync=off -c full_page_writes=off -c synchronous_commit=off"
        for attempt in range(3):
            done = server.run("pg_ctl", "-D", str(server.data), "-o",
                              f"{settings} -p {server.port}",
                              "-l", str(root / "server.log"), "-w", "-t", "60", "start",
                              check=False)  # fmt: skip
            if done.returncode == 0:
                break
            if attempt == 2:
                log = (root / "server.log").read_text(errors="replace")[-2000:]
                raise RuntimeError(f"pg_ctl start failed: {done.stderr.strip()} {log}")
            server.port = _free_port()  # taken meanwhile: another port
        server.sql(f"CREATE DATABASE {TEMPLATE}")
        try:
            server.sql("CREATE EXTENSION postgis", database=TEMPLATE)
        except Exception as e:
            raise RuntimeError(f"PostGIS is not installed for this PostgreSQL ({e}); "
                               "apt-get install postgresql-15-postgis-3") from None  # fmt: skip
        server.sql(f"CREATE ROLE {PASSWORD_USER} LOGIN PASSWORD '{PASSWORD}'")
    except BaseException:
        server.stop()
        raise
    return server
