"""Running the real ``geomap`` console script on hostile input, and the checks every case
shares.

Each run is a subprocess in its own session with a wall-clock limit (a case that
hangs is killed and fails), HOME and the XDG folders in the test's own temp dir, a
cache directory that shares the session's built gazetteer index (a symlink, as in
tests/test_geocoders_user_places.py) so no run rebuilds it, and a data-segment
ceiling so that an unbounded read fails inside the child instead of starving the
other work on the machine.  A small launcher forks geomap and reads its own peak RSS
with ``os.wait4``.
"""

from __future__ import annotations

import contextlib
import functools
import html
import json
import os
import re
import signal
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

__all__ = [
    "INDEX_FILE",
    "MEMORY_CEILING_BYTES",
    "RSS_LIMIT_MB",
    "Ahead",
    "Run",
    "Sandbox",
    "assert_failed_cleanly",
    "assert_input_error",
    "assert_succeeded",
    "assert_usage_error",
    "changes",
    "decoded_page",
    "endless_fifo",
    "geomap_command",
    "is_char_device",
    "json_lines",
    "make_device",
    "new_cache",
    "probe_page",
    "snapshot",
    "temp_files",
]

MEMORY_CEILING_BYTES = 3 << 30
"""RLIMIT_DATA of every child: far above a normal run (~200 MB), far below the machine."""
RSS_LIMIT_MB = 1536
"""What a bounded run may peak at, for the cases that test boundedness."""
INDEX_FILE = "gazetteer.sqlite"


def geomap_command() -> list[str]:
    """The installed console script beside this interpreter, else ``python -m geomap.cli``."""
    script = Path(sys.executable).with_name("geomap")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "geomap.cli"]


@dataclass(frozen=True)
class Run:
    """One finished (or killed) run of the console script."""

    args: tuple[str, ...]
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    max_rss_mb: float
    timed_out: bool

    @property
    def stderr_lines(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.strip()]

    def describe(self) -> str:
        """What happened, for assertion messages: exit code, time, memory, stderr head."""
        head = " | ".join(self.stderr_lines[:3])[:600]
        state = f"killed after {self.seconds:.0f} s" if self.timed_out else (
            f"exit {self.returncode} in {self.seconds:.1f} s")  # fmt: skip
        return f"geomap {' '.join(self.args)[:200]}: {state}, {self.max_rss_mb:.0f} MB; {head}"


def new_cache(path: Path, index_file: Path) -> Path:
    """A cache directory of its own (user places, geocoder answers) that shares the built
    gazetteer index."""
    path.mkdir(parents=True, exist_ok=True)
    os.symlink(index_file, path / INDEX_FILE)
    return path


class Sandbox:
    """A working directory, a home and a cache for running geomap as a user would."""

    def __init__(self, root: Path, cache: Path) -> None:
        self.root = root
        self.cache = cache
        self.work = root / "work"
        self.home = root / "home"
        for folder in (self.work, self.home / ".config", self.home / ".cache",
                       self.home / ".local" / "share", root / "runs"):  # fmt: skip
            folder.mkdir(parents=True, exist_ok=True)
        self.config = self.home / "no-config.toml"
        """GEOMAP_CONFIG: absent unless a case writes it."""
        self._runs = 0

    @classmethod
    def fresh(cls, root: Path, index_file: Path) -> Sandbox:
        """A sandbox with a cache of its own that shares the built index."""
        return cls(root, new_cache(root / "cache", index_file))

    def env(self, extra: Mapping[str, str] | None = None) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("GEOMAP_", "XDG_"))}  # fmt: skip
        env |= {
            "HOME": str(self.home),
            "XDG_CONFIG_HOME": str(self.home / ".config"),
            "XDG_CACHE_HOME": str(self.home / ".cache"),
            "XDG_DATA_HOME": str(self.home / ".local" / "share"),
            "GEOMAP_CACHE_DIR": str(self.cache),
            "GEOMAP_CONFIG": str(self.config),
            "NO_COLOR": "1",
            "COLUMNS": "200",
        }
        return env | dict(extra or {})

    def run(
        self,
        *args: str | os.PathLike[str],
        timeout: float = 60.0,
        stdin: bytes | Path | None = None,
        env: Mapping[str, str] | None = None,
        cwd: Path | None = None,
    ) -> Run:
        """Run ``geomap ARGS`` in the working directory; never raises on failure."""
        self._runs += 1
        base = self.root / "runs" / str(self._runs)
        argv = [os.fsdecode(a) if isinstance(a, os.PathLike) else a for a in args]
        with open(f"{base}.out", "wb") as out, open(f"{base}.err", "wb") as err:
            if isinstance(stdin, bytes):
                Path(f"{base}.in").write_bytes(stdin)
                stdin = Path(f"{base}.in")
            source: IO[bytes] | int = open(stdin, "rb") if stdin else subprocess.DEVNULL  # noqa: SIM115
            try:
                code, seconds, rss, killed = _run(
                    [*geomap_command(), *argv], cwd=cwd or self.work, env=self.env(env),
                    stdin=source, stdout=out, stderr=err, timeout=timeout,
                    report=Path(f"{base}.rss"),
                )  # fmt: skip
            finally:
                if not isinstance(source, int):
                    source.close()
        text = lambda p: Path(p).read_bytes().decode("utf-8", "replace")  # noqa: E731
        return Run(tuple(argv), code, text(f"{base}.out"), text(f"{base}.err"), seconds, rss,
                   killed)  # fmt: skip


# The child is started by this small launcher, which forks and execs geomap and reports
# the child's own peak RSS.  (A process forked from pytest inherits pytest's peak RSS
# into its ru_maxrss; the launcher is small, so geomap's figure is geomap's.)  It also
# sets the data-segment ceiling in the child before exec.
_LAUNCHER = """
import os, resource, sys
report, limit, argv = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
pid = os.fork()
if pid == 0:
    try:
        resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))
    except (ValueError, OSError):
        pass
    try:
        os.execvp(argv[0], argv)
    finally:
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
with open(report, "w") as fh:
    fh.write(str(usage.ru_maxrss))
code = os.waitstatus_to_exitcode(status)
sys.exit(code if code >= 0 else 128 - code)
"""


def _run(
    argv: list[str],
    *,
    cwd: Path,
    env: dict[str, str],
    stdin: IO[bytes] | int,
    stdout: IO[bytes],
    stderr: IO[bytes],
    timeout: float,
    report: Path,
) -> tuple[int, float, float, bool]:
    """(exit code, seconds, peak RSS in MB or -1 if killed, killed) of one run; on timeout
    the run's whole session is killed."""
    start = time.monotonic()
    launcher = [sys.executable, "-c", _LAUNCHER, str(report), str(MEMORY_CEILING_BYTES)]
    proc = subprocess.Popen([*launcher, *argv], cwd=cwd, env=env, stdin=stdin, stdout=stdout,
                            stderr=stderr, start_new_session=True)  # fmt: skip
    killed = False
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        killed = True
        _kill_session(proc.pid)
        proc.wait()
    seconds = time.monotonic() - start
    _kill_session(proc.pid)  # workers it may have left behind
    try:
        rss = int(report.read_text()) / 1024
    except (OSError, ValueError):
        rss = -1.0
    return proc.returncode, seconds, rss, killed


def _kill_session(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)


# ---------------------------------------------------------------------- assertions


def assert_succeeded(run: Run, *, warnings: bool = False) -> None:
    """Exit 0, no traceback; stderr empty, or (where the case allows warnings) only
    ``geomap:`` lines, none of them an internal error."""
    assert not run.timed_out and run.returncode == 0, run.describe()
    assert "Traceback" not in run.stderr, run.describe()
    if warnings:
        bad = [line for line in run.stderr_lines
               if not line.startswith("geomap: ") or "internal error" in line]  # fmt: skip
        assert not bad, f"stderr lines that are not geomap warnings: {bad}; {run.describe()}"
    else:
        assert run.stderr_lines == [], run.describe()


def assert_input_error(run: Run, *, warnings: bool = False) -> None:
    """Exit 1 with one ``geomap:`` line on stderr (and, where the case allows warnings,
    other ``geomap:`` lines before it), never a traceback or an internal error."""
    assert not run.timed_out, run.describe()
    assert run.returncode == 1, run.describe()
    assert "Traceback" not in run.stderr and "internal error" not in run.stderr, run.describe()
    lines = run.stderr_lines
    if warnings:
        assert lines and all(line.startswith("geomap: ") for line in lines), run.describe()
    else:
        assert len(lines) == 1 and lines[0].startswith("geomap: "), run.describe()


def assert_usage_error(run: Run) -> None:
    """Exit 2: click's usage message (ending in an ``Error:`` line) or one ``geomap:``
    line; never a traceback."""
    assert not run.timed_out and run.returncode == 2, run.describe()
    assert "Traceback" not in run.stderr, run.describe()
    lines = run.stderr_lines
    assert lines and (lines[-1].startswith("Error:") or
                      (len(lines) == 1 and lines[0].startswith("geomap: "))), run.describe()


def assert_failed_cleanly(run: Run, codes: Iterable[int] = (1, 2)) -> None:
    """A refusal whose code may be 1 or 2 (an output path that is a directory is a bad
    command line to click, a bad location to geomap): either form is accepted."""
    codes = tuple(codes)
    assert not run.timed_out and run.returncode in codes, run.describe()
    if run.returncode == 2:
        assert_usage_error(run)
    else:
        assert_input_error(run)


# ---------------------------------------------------------------------- files


def snapshot(root: Path) -> dict[str, tuple[Any, ...]]:
    """Every entry under ``root`` (not following links): kind, and for files size,
    mtime and content, so a test can assert nothing was created, replaced or changed."""
    found: dict[str, tuple[Any, ...]] = {}
    for folder, dirs, files in os.walk(root):
        for name in [*dirs, *files]:
            path = Path(folder, name)
            st = path.lstat()
            key = os.fsdecode(path.relative_to(root))
            if stat.S_ISLNK(st.st_mode):
                found[key] = ("link", os.readlink(path))
            elif stat.S_ISREG(st.st_mode):
                data = path.read_bytes() if st.st_size < 1 << 20 else b""
                found[key] = ("file", st.st_size, st.st_mtime_ns, st.st_ino, data)
            elif stat.S_ISDIR(st.st_mode):
                found[key] = ("dir",)
            else:
                found[key] = ("special", stat.S_IFMT(st.st_mode), st.st_rdev, st.st_ino)
    return found


def changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[str]:
    """What differs between two snapshots, as "+new", "-gone" and "~changed" paths."""
    return sorted(
        [f"+{k}" for k in after.keys() - before.keys()]
        + [f"-{k}" for k in before.keys() - after.keys()]
        + [f"~{k}" for k in before.keys() & after.keys() if before[k] != after[k]]
    )


def temp_files(root: Path) -> list[str]:
    """Leftover temporary files under ``root`` (geomap's writers use ``.NAME.*.tmp``)."""
    return sorted(
        os.fsdecode(Path(folder, name).relative_to(root))
        for folder, _, files in os.walk(root)
        for name in files
        if name.endswith((".tmp", ".part")) or ".tmp" in name
    )


# ---------------------------------------------------------------------- pages

_JSON_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")


def decoded_page(text: str) -> str:
    """An HTML page's text with JSON ``\\uXXXX`` escapes and HTML entities undone (twice:
    geomap escapes article text as HTML, then puts it in JSON), so a payload that reached
    the page as data can be found as the user will read it."""
    for _ in range(2):
        text = _JSON_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)
        text = text.replace("\\/", "/").replace('\\"', '"')
        text = html.unescape(text)
    return text


def json_lines(text: str) -> list[Any]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


_PROBE_JS = """
async () => {
    // Build every popup and tooltip (geomap builds them only when opened) into the live
    // page, as opening them would, then give injected handlers time to fire.
    const probe = document.createElement("div");
    probe.id = "hostile-probe";
    document.body.appendChild(probe);
    const seen = new Set();
    const layers = [];
    const collect = layer => {
        if (seen.has(layer)) return;
        seen.add(layer);
        layers.push(layer);
        if (typeof layer.getLayers === "function") layer.getLayers().forEach(collect);
    };
    const maps = Object.keys(window).filter(k => k.startsWith("map_"))
        .map(k => window[k]).filter(v => window.L && v instanceof L.Map);
    maps.forEach(map => map.eachLayer(collect));
    let bound = 0;
    layers.forEach(layer => {
        const parts = [layer.getPopup && layer.getPopup(), layer.getTooltip && layer.getTooltip()];
        parts.forEach(part => {
            if (!part) return;
            let content = part.getContent();
            if (typeof content === "function") content = content(layer);
            const box = document.createElement("div");
            if (typeof content === "string") box.innerHTML = content;
            else if (content instanceof Node) box.appendChild(content.cloneNode(true));
            probe.appendChild(box);
            bound++;
        });
    });
    // Incidents in clusters have no marker until shown: open each one as a reader does,
    // by clicking its entry in the side panel (it flies there and opens the popup).
    const map = (window.geomap && window.geomap.map) || maps[0];
    // Without the fly animation (as with "reduced motion"): the same moves, at once.
    map.flyTo = function (center, zoom) { return this.setView(center, zoom, { animate: false }); };
    map.flyToBounds = function (bounds, options) {
        return this.fitBounds(bounds, { ...(options || {}), animate: false });
    };
    const started = performance.now();
    const entries = Array.from(document.querySelectorAll("li[data-index] button"))
        .filter(b => !b.disabled).slice(0, 60);
    let opened = 0;
    let scripts = 0;
    let handlers = 0;
    const count = root => ({
        scripts: root.querySelectorAll("script, iframe, object, embed").length,
        handlers: Array.from(root.querySelectorAll("*")).filter(el => Array.from(el.attributes)
            .some(a => a.name.toLowerCase().startsWith("on"))).length,
    });
    for (const button of entries) {
        const popup = new Promise(resolve => {
            const done = e => resolve(e.popup);
            map.once("popupopen", done);
            setTimeout(() => { map.off("popupopen", done); resolve(null); }, 3000);
        });
        button.click();
        const shown = await popup;
        if (!shown || !shown.getElement()) continue;
        opened++;
        const copy = document.createElement("div");
        copy.textContent = shown.getElement().textContent;
        probe.appendChild(copy);
        scripts += count(shown.getElement()).scripts;
        handlers += count(shown.getElement()).handlers;
    }
    await new Promise(resolve => setTimeout(resolve, 400));
    scripts += count(probe).scripts;
    handlers += count(probe).handlers;
    return {
        maps: maps.length,
        popups: bound,
        listed: entries.length,
        opened: opened,
        openSeconds: (performance.now() - started) / 1000,
        text: document.body.innerText + "\\n" + probe.textContent,
        title: document.title,
        pwned: window.__pwned === undefined ? null : String(window.__pwned),
        scripts: scripts,
        handlers: handlers,
        jsLinks: document.querySelectorAll('a[href^="javascript:" i], [src^="javascript:" i]')
            .length,
    };
}
"""


def probe_page(page: Any) -> dict[str, Any]:
    """Open every popup and tooltip of a loaded geomap page and report what is on it:
    the text a reader sees, the title, whether any payload ran (``pwned``), and any
    script elements, inline handlers or ``javascript:`` links that reached the DOM.

    Popups of layers on the map are built into the page; incidents (which may sit in
    clusters with no marker yet) are opened one by one from the side panel's list, as
    a reader would (``listed`` entries, ``opened`` popups)."""
    return page.evaluate(_PROBE_JS)


# ---------------------------------------------------------------------- endless inputs


@contextlib.contextmanager
def endless_fifo(path: Path, chunk: bytes) -> Iterator[Path]:
    """A named pipe at ``path`` that a thread keeps writing ``chunk`` to, for as long as
    anything reads it (an input with no end, like ``/dev/zero``)."""
    os.mkfifo(path)
    stop = threading.Event()

    def feed() -> None:
        fd = -1
        while fd < 0 and not stop.is_set():
            try:  # non-blocking open: waits for a reader without hanging the thread
                fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK)
            except OSError:
                time.sleep(0.05)
        if fd < 0:
            return
        os.set_blocking(fd, True)
        with contextlib.suppress(OSError), os.fdopen(fd, "wb", buffering=0) as pipe:
            while not stop.is_set():
                pipe.write(chunk)

    thread = threading.Thread(target=feed, daemon=True)
    thread.start()
    try:
        yield path
    finally:
        stop.set()
        with contextlib.suppress(OSError):  # unblock a writer still waiting in open()
            os.close(os.open(path, os.O_RDONLY | os.O_NONBLOCK))
        thread.join(timeout=5)


def make_device(path: Path, major: int, minor: int) -> Path:
    """A character device node of our own (a private /dev/zero, /dev/full...), so no
    test ever points geomap at the system's devices; skips where mknod is not allowed."""
    try:
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(major, minor))
    except (PermissionError, OSError) as e:
        import pytest

        pytest.skip(f"cannot make a device node here: {e}")
    return path


def is_char_device(path: Path) -> bool:
    return stat.S_ISCHR(path.lstat().st_mode)


# ---------------------------------------------------------------------- running ahead


class Ahead:
    """Runs a module's independent cases two at a time in background threads, so their
    geomap processes overlap on two cores; each test then waits for its own case.

    Only the test items pytest selected are run (``-k`` still runs one case).  Planning
    happens in the main thread (sandboxes are made there); the planned work, which only
    runs subprocesses and reads files, runs in the pool.
    """

    def __init__(self, items: Iterable[Any], workers: int = 2) -> None:
        self._items = list(items)
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="hostile")
        self._futures: dict[str, Future[Any]] = {}

    def plan(self, test: Callable[..., Any], make: Callable[[dict[str, Any]], Callable[[], Any]],
             ) -> None:  # fmt: skip
        """For each selected item of ``test``: ``make(its parameters)`` now, in this thread,
        and the function it returns in the pool."""
        for item in self._items:
            if getattr(item, "function", None) is test:
                self.start(item.nodeid, make(_params(item)))

    def start(self, key: str, job: Callable[[], Any]) -> None:
        """Run ``job`` in the pool; :meth:`wait` for it by ``key``."""
        self._futures[key] = self._pool.submit(job)

    def wait(self, key: str) -> Any:
        future = self._futures.get(key)
        assert future is not None, f"nothing was started as {key}"
        return future.result()

    def parameter(self, name: str) -> list[Any]:
        """The values the selected items take for parameter ``name``, in order, once each."""
        values = [_params(item)[name] for item in self._items if name in _params(item)]
        return list(dict.fromkeys(values))

    def each(self, test: Callable[..., Any], body: Callable[..., Any],
             box: Callable[[], Sandbox], **fixed: Any) -> None:  # fmt: skip
        """Plan ``body(sandbox, **fixed, **parameters)`` for each selected item of ``test``,
        each in a new sandbox from ``box()``: the test's body runs ahead, and the test
        reports what it raised."""
        self.plan(test, lambda params: functools.partial(body, box(), **fixed, **params))

    def result(self, request: Any) -> Any:
        """The planned case of the requesting test (``request`` is pytest's)."""
        return self.wait(request.node.nodeid)

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


def _params(item: Any) -> dict[str, Any]:
    return dict(getattr(getattr(item, "callspec", None), "params", {}))
