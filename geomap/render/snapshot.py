"""PNG snapshots of a written map, taken in headless Chromium, for reports.

Playwright drives Chromium when it is installed (it waits for the map's own script
to finish); otherwise Chromium's ``--screenshot`` flag does.  A clean snapshot opens
the map as ``map.html#clean``: the page leaves out what only a reader at the screen
needs (zoom and tool buttons, layer switcher, minimap, incident panel, time slider)
and keeps the title, legend and scale.  Either way the browser
is the one on this machine (``$GEOMAP_CHROMIUM`` or ``chromium`` on PATH): nothing is
downloaded.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from geomap.errors import GeomapError
from geomap.files import atomic_write_bytes

__all__ = ["CHROMIUM_ARGS", "chromium_path", "snapshot_png"]

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]
"""Flags for a quiet headless run (as root, in containers, without update checks)."""
SETTLE_MS = 600
"""After the map's script has run: time for tiles, fly animations and fonts."""


def chromium_path() -> str | None:
    """Chromium to drive: $GEOMAP_CHROMIUM, else the first one on PATH."""
    configured = os.environ.get("GEOMAP_CHROMIUM")
    if configured:
        return configured if Path(configured).is_file() else None
    names = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
    return next((found for name in names if (found := shutil.which(name))), None)


def snapshot_png(
    html_path: str | os.PathLike[str],
    png_path: str | os.PathLike[str],
    *,
    width: int = 1200,
    height: int = 800,
    chromium: str | None = None,
    clean: bool = False,
) -> Path:
    """Render ``html_path`` at ``width`` x ``height`` (``clean``: without the controls)
    and write it as a PNG, atomically."""
    executable = chromium or chromium_path()
    if executable is None:
        raise GeomapError(
            "--png needs Chromium: install it (apt-get install chromium) or set GEOMAP_CHROMIUM"
        )
    url = Path(html_path).resolve().as_uri() + ("#clean" if clean else "")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        data = _with_flag(executable, url, width, height)
    else:
        data = _with_playwright(sync_playwright, executable, url, width, height)
    if not data.startswith(b"\x89PNG"):
        raise GeomapError(f"{html_path}: Chromium gave no PNG snapshot")
    return atomic_write_bytes(png_path, data)


def _with_playwright(sync_playwright, executable: str, url: str, width: int, height: int) -> bytes:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, args=CHROMIUM_ARGS, headless=True
        )
        try:
            page = browser.new_page(viewport={"width": width, "height": height})
            page.goto(url, wait_until="load")
            page.wait_for_function("() => window.geomapReadyAt !== undefined", timeout=30_000)
            page.wait_for_timeout(SETTLE_MS)
            return page.screenshot(type="png")
        finally:
            browser.close()


def _with_flag(executable: str, url: str, width: int, height: int) -> bytes:
    with tempfile.TemporaryDirectory(prefix="geomap-chromium-") as tmp:
        out = Path(tmp) / "shot.png"
        command = [
            executable,
            "--headless",
            *CHROMIUM_ARGS,
            f"--user-data-dir={Path(tmp) / 'profile'}",
            f"--window-size={width},{height}",
            "--virtual-time-budget=5000",
            f"--screenshot={out}",
            url,
        ]
        try:
            subprocess.run(command, capture_output=True, timeout=120, check=False)
        except (OSError, subprocess.TimeoutExpired) as error:
            raise GeomapError(f"Chromium ({executable}) failed: {error}") from None
        if not out.is_file():
            raise GeomapError(f"Chromium ({executable}) wrote no screenshot")
        return out.read_bytes()
