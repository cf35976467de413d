"""How fast a map of many incidents is built, how big it is and how fast it opens.

For each N, N synthetic incidents (every event type, 90 days, points, "near" points
and admin-1 / country polygons from the gazetteer, a real news sentence of evidence
each, drawn from benchmarks/real/texts where the checkout has it, so that the page's
compression meets text as it is) go through render_map + write_map; the page is then
opened in headless Chromium with the network cut, and the time from navigation to the
map's ready signal (data unpacked, incidents clustered, the panel listed, the view settled) is
read from the page, beside the renderer's main-thread CPU time until then.  A filter
change (one type off), the time slider moved to its middle and a zoom are timed too,
each until the next frame is drawn.  Targets (issue 13): 100,000 incidents ready in
under 2 s, a filter change under 0.5 s, an HTML file under 20 MB.  The machine's load
average is printed beside each line: the timings are only comparable at similar loads.

Run: python benchmarks/render.py [N ...]   (default: 10000 100000)
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
import time
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from geomap.enrich import INCIDENT_COLUMNS
from geomap.event_types import EVENT_TYPES
from geomap.render import render_map, write_map
from geomap.render.snapshot import CHROMIUM_ARGS, chromium_path

LOCAL = ("file:", "data:", "blob:", "about:")
REPO = Path(__file__).resolve().parents[1]
TEXTS = REPO / "benchmarks" / "real" / "texts"
COMMITTED = (REPO / "seeds", REPO / "docs" / "collection-articles")


def text_files() -> tuple[list[Path], str]:
    """News texts to draw evidence from, and where they come from: the real reports of
    benchmarks/real/texts where this checkout has them (they are not committed), else
    the committed seed and docs articles, a far smaller pool whose repeats compress
    better than real text: the HTML size is then optimistic."""
    real = sorted(TEXTS.glob("*.txt"))
    if real:
        return real, f"{len(real)} real reports (benchmarks/real/texts)"
    committed = sorted(path for folder in COMMITTED for path in folder.glob("*.txt"))
    return committed, f"{len(committed)} committed articles (sizes optimistic: few sentences)"


def sentences(files: list[Path]) -> list[str]:
    """Sentences of ``files``, 60 to 400 characters."""
    found = []
    for path in files:
        text = " ".join(path.read_text(encoding="utf-8").split())
        found.extend(s for s in re.split(r"(?<=[.!?])\s+", text) if 60 <= len(s) <= 400)
    return found


def synthetic_incidents(n: int, *, seed: int = 0) -> gpd.GeoDataFrame:
    from geomap.gazetteer import shapes

    rng = np.random.default_rng(seed)
    pool = sentences(text_files()[0])
    admin1 = shapes.admin1().sample(200, random_state=seed).geometry.to_numpy()
    countries = shapes.countries().sample(20, random_state=seed).geometry.to_numpy()
    types = list(EVENT_TYPES)
    kind = rng.choice(["point", "near", "admin1", "country"], n, p=[0.6, 0.2, 0.15, 0.05])
    lon, lat = rng.uniform(-170, 170, n), rng.uniform(-55, 70, n)
    days = pd.Timestamp("2024-01-01") + pd.to_timedelta(rng.integers(0, 90, n), unit="D")
    geometry = gpd.points_from_xy(lon, lat).to_numpy()
    geometry[kind == "admin1"] = rng.choice(admin1, (kind == "admin1").sum())
    geometry[kind == "country"] = rng.choice(countries, (kind == "country").sum())
    rows = []
    for i in range(n):
        event = types[i % len(types)]
        place = f"Town {i}"
        rows.append(
            {
                "incident_id": f"inc:{i:08x}",
                "event_type": event,
                "sub_event_type": EVENT_TYPES[event][i % len(EVENT_TYPES[event])],
                "date_start": days[i].date().isoformat(),
                "date_end": days[i].date().isoformat(),
                "date_precision": 1,
                "temporal_status": "background" if i % 17 == 0 else "new",
                "fatalities": int(rng.integers(0, 30)) if i % 3 == 0 else None,
                "people_affected": int(rng.integers(10, 5000)) if i % 5 == 0 else None,
                "place": place,
                "place_id": f"p{i}",
                "geo_precision": {"point": 1, "near": 2, "admin1": 4, "country": 6}[kind[i]],
                "evidence": pool[int(rng.integers(len(pool)))],
                "qualifiers": {},
                "source_title": f"Report {i % 40}",
                "source_url": f"https://news.example.org/report-{i % 40}",
                "source_date": "2024-04-01",
            }
        )
    frame = pd.DataFrame(rows, columns=INCIDENT_COLUMNS)
    return gpd.GeoDataFrame(frame, geometry=geometry, crs=4326)


_NEXT_FRAME = "() => new Promise(done => requestAnimationFrame(() => setTimeout(done)))"


def _timed(action: str) -> str:
    """A page function that runs ``action`` and returns the milliseconds until the next
    frame is drawn after it."""
    return f"""async () => {{ const start = performance.now(); {action};
                await ({_NEXT_FRAME})(); return performance.now() - start; }}"""


_SLIDE = """const slider = document.querySelector('.geomap-slider');
    slider.value = String(Math.round(+slider.max / 2));
    slider.dispatchEvent(new Event('input'))"""


def open_in_chromium(path: Path) -> dict[str, float]:
    """Seconds to the ready signal (``ready``) and the renderer's main-thread CPU time
    until then (``cpu``, less sensitive to a busy machine than the wall clock), and
    seconds for a type filter (``filter``), the time slider moved to its middle
    (``slide``) and a zoom (``zoom``), and the incidents on the map after the filter
    (``mapped``), in Chromium."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True
        )
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        cdp = page.context.new_cdp_session(page)
        cdp.send("Performance.enable")
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(LOCAL)
                   else r.abort())  # fmt: skip
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(path.as_uri(), wait_until="load")
        page.wait_for_function("() => window.geomapReadyAt !== undefined", polling=50,
                               timeout=120_000)  # fmt: skip
        metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
        found = {"ready": page.evaluate("() => window.geomapReadyAt") / 1000,
                 "cpu": metrics["ThreadTime"]}  # fmt: skip
        found["filter"] = page.evaluate(
            _timed("document.querySelector('.geomap-filter-type input').click()")) / 1000
        found["mapped"] = page.evaluate("() => geomap.views[0].onMap()")
        found["slide"] = page.evaluate(_timed(_SLIDE)) / 1000
        found["zoom"] = page.evaluate(
            _timed("geomap.map.setZoom(geomap.map.getZoom() + 1, {animate: false})")) / 1000
        browser.close()
    if errors:
        raise RuntimeError(f"page errors: {errors}")
    return found


def main(sizes: list[int]) -> None:
    files, origin = text_files()
    distinct = len(set(sentences(files)))
    print(f"evidence drawn from {origin}: {distinct} distinct sentences, repeated (a real "
          "year's quotes, all different, deflate to about 30% more bytes)", flush=True)
    render_map(None, None)  # load and simplify the borders once, outside the timings
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            incidents = synthetic_incidents(n)
            start = time.perf_counter()
            path = write_map(render_map(None, None, incidents=incidents, title=f"{n} incidents"),
                             Path(tmp) / "m.html")  # fmt: skip
            build = time.perf_counter() - start
            line = f"{n:>6} incidents: build {build:5.2f} s, {path.stat().st_size / 1e6:5.2f} MB"
            if chromium_path() is not None:
                t = open_in_chromium(path)
                line += (f", Chromium ready {t['ready']:5.2f} s ({t['cpu']:4.2f} s CPU), "
                         f"filter {t['filter']:5.2f} s, slider {t['slide']:5.2f} s, "
                         f"zoom {t['zoom']:5.2f} s ({t['mapped']} mapped after the "
                         "filter)")  # fmt: skip
            load = ", ".join(f"{v:.2f}" for v in os.getloadavg())
            print(f"{line}  [load average {load}]", flush=True)


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [10000, 100000])
