"""A fake Nominatim and Photon on 127.0.0.1 that answer in those services' real formats.

Nominatim answers ``/search?format=json`` with its JSON list (``place_id``,
``osm_type``, ``lat``/``lon`` as strings, ``class``, ``type``, ``addresstype``,
``place_rank``, ``display_name``, ``boundingbox``, and ``address``/``extratags``
only when asked for with ``addressdetails=1``/``extratags=1``); Photon answers
``/api?q=`` with its GeoJSON FeatureCollection (``properties.osm_value``,
``countrycode``, ``state``, ``extent``). Tests script what the next requests get
(normal, empty, 429, 500, slow, malformed, 401, 403, huge: 50 MB of real-looking
places, trickle: the whole response one byte at a time; or any body of their own with
:meth:`FakeGeocoderServer.answer`) and read back every request with its time.
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from geomap.gazetteer.names import normalize

__all__ = ["BEHAVIOURS", "FakeGeocoderServer", "FakePlace", "Request"]

BEHAVIOURS = ("normal", "empty", "429", "500", "slow", "malformed", "401", "403", "huge",
              "trickle")  # fmt: skip
HUGE_BYTES = 50_000_000
_LICENCE = "Data © OpenStreetMap contributors, ODbL 1.0. http://osm.org/copyright"


@dataclass(frozen=True, slots=True)
class FakePlace:
    """One OpenStreetMap place as both services describe it."""

    name: str
    lat: float
    lon: float
    osm_type: str  # node, way, relation
    osm_id: int
    place: str  # OSM place=* / Nominatim addresstype: city, village, state, country...
    country: str
    country_code: str  # lower case, as Nominatim writes it
    state: str | None = None
    iso3166_2: str | None = None
    population: int | None = None
    place_rank: int = 19


@dataclass(frozen=True, slots=True)
class Request:
    time: float
    path: str
    params: dict[str, list[str]]
    user_agent: str | None


class FakeGeocoderServer:
    """Serves ``/search`` (Nominatim) and ``/api`` (Photon) from a thread."""

    def __init__(
        self, places: list[FakePlace], *, slow_seconds: float = 2.0, trickle_seconds: float = 0.2
    ) -> None:
        self.places = places
        self.slow_seconds = slow_seconds
        self.trickle_seconds = trickle_seconds
        self.requests: list[Request] = []
        self._script: deque[str | bytes] = deque()
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server._handle(self)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def domain(self) -> str:
        return f"127.0.0.1:{self._httpd.server_address[1]}"

    def __enter__(self) -> FakeGeocoderServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def script(self, *behaviours: str) -> None:
        """What the next requests get, in order; after that every request is ``normal``."""
        unknown = set(behaviours) - set(BEHAVIOURS)
        assert not unknown, unknown
        with self._lock:
            self._script.extend(behaviours)

    def answer(self, *bodies: str | bytes) -> None:
        """The next requests get these bodies, as they are, with status 200."""
        with self._lock:
            self._script.extend(b.encode() if isinstance(b, str) else b for b in bodies)

    def queries(self) -> list[str]:
        return [r.params.get("q", [""])[0] for r in self.requests]

    def times(self) -> list[float]:
        return [r.time for r in self.requests]

    # ------------------------------------------------------------------ serving

    def _handle(self, h: BaseHTTPRequestHandler) -> None:
        url = urlsplit(h.path)
        params = parse_qs(url.query)
        with self._lock:
            self.requests.append(
                Request(time.monotonic(), url.path, params, h.headers.get("User-Agent"))
            )
            behaviour = self._script.popleft() if self._script else "normal"
        if url.path not in ("/search", "/api"):
            return self._send(h, 404, b'{"error": "not found"}')
        if isinstance(behaviour, bytes):
            return self._send(h, 200, behaviour)
        if behaviour == "huge":
            return self._send_huge(h, url.path, params)
        if behaviour == "trickle":
            return self._trickle(h, b'[{"place_id": 1, "lat": "50.0", "lon": "30.0"}]')
        if behaviour == "429":
            return self._send(h, 429, b"Too Many Requests", {"Retry-After": "1"})
        if behaviour in ("401", "403"):
            return self._send(h, int(behaviour), b'{"error": "Invalid or missing API key"}')
        if behaviour == "500":
            return self._send(h, 500, b"<html><body>Internal Server Error</body></html>")
        if behaviour == "slow":
            time.sleep(self.slow_seconds)
        if behaviour == "malformed":
            return self._send(h, 200, b'[{"place_id": 1, "lat": "50.0", "lo')
        found = [] if behaviour == "empty" else list(self._matches(params))
        if url.path == "/search":
            body: object = [self._nominatim(p, params) for p in found]
        else:
            body = {"features": [self._photon(p) for p in found], "type": "FeatureCollection"}
        self._send(h, 200, json.dumps(body).encode())

    def _matches(self, params: dict[str, list[str]]) -> Iterator[FakePlace]:
        q = normalize(params.get("q", [""])[0])
        limit = int(params.get("limit", ["10"])[0])
        codes = {c for v in params.get("countrycodes", []) for c in v.lower().split(",")}
        n = 0
        for p in self.places:
            if normalize(p.name) == q and (not codes or p.country_code in codes) and n < limit:
                n += 1
                yield p

    @staticmethod
    def _nominatim(p: FakePlace, params: dict[str, list[str]]) -> dict[str, object]:
        lat_delta = 0.02 if p.place in ("village", "hamlet", "town") else 0.2
        out: dict[str, object] = {
            "place_id": 100_000 + p.osm_id % 100_000,
            "licence": _LICENCE,
            "osm_type": p.osm_type,
            "osm_id": p.osm_id,
            "lat": f"{p.lat:.7f}",
            "lon": f"{p.lon:.7f}",
            "class": "boundary" if p.osm_type == "relation" else "place",
            "type": "administrative" if p.osm_type == "relation" else p.place,
            "place_rank": p.place_rank,
            "importance": 0.25,
            "addresstype": p.place,
            "name": p.name,
            "display_name": ", ".join(x for x in (p.name, p.state, p.country) if x),
            "boundingbox": [
                f"{p.lat - lat_delta:.7f}",
                f"{p.lat + lat_delta:.7f}",
                f"{p.lon - lat_delta:.7f}",
                f"{p.lon + lat_delta:.7f}",
            ],
        }
        if params.get("addressdetails") == ["1"]:
            address: dict[str, str] = {p.place: p.name} if p.place != "country" else {}
            if p.state:
                address["state"] = p.state
            if p.iso3166_2:
                address["ISO3166-2-lvl4"] = p.iso3166_2
            address |= {"country": p.country, "country_code": p.country_code}
            out["address"] = address
        if params.get("extratags") == ["True"] or params.get("extratags") == ["1"]:
            out["extratags"] = {"population": str(p.population)} if p.population else {}
        return out

    @staticmethod
    def _photon(p: FakePlace) -> dict[str, object]:
        props: dict[str, object] = {
            "osm_type": p.osm_type[0].upper(),
            "osm_id": p.osm_id,
            "osm_key": "boundary" if p.osm_type == "relation" else "place",
            "osm_value": "administrative" if p.osm_type == "relation" else p.place,
            "type": "city" if p.place in ("city", "town", "village", "hamlet") else p.place,
            "name": p.name,
            "country": p.country,
            "countrycode": p.country_code.upper(),
        }
        if p.state:
            props["state"] = p.state
        if p.osm_type == "relation":
            props["extent"] = [p.lon - 1, p.lat + 1, p.lon + 1, p.lat - 1]
        return {
            "geometry": {"coordinates": [p.lon, p.lat], "type": "Point"},
            "type": "Feature",
            "properties": props,
        }

    def _send_huge(self, h: BaseHTTPRequestHandler, path: str, params: dict) -> None:
        """A well-formed answer of HUGE_BYTES: the matching places, then filler ones."""
        found = [self._nominatim(p, params) for p in self._matches(params)]
        filler = json.dumps(self._nominatim(self.places[0], params)).encode()
        head = json.dumps(found)[:-1].encode() + (b", " if found else b"")
        count = (HUGE_BYTES - len(head)) // (len(filler) + 2) + 1
        h.send_response(200)
        h.send_header("Content-Type", "application/json; charset=utf-8")
        h.send_header("Content-Length", str(len(head) + count * (len(filler) + 2) - 2 + 1))
        h.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            h.wfile.write(head)
            for i in range(count):
                h.wfile.write(filler + (b", " if i < count - 1 else b"]"))

    def _trickle(self, h: BaseHTTPRequestHandler, body: bytes) -> None:
        """Status line, headers and body one byte every ``trickle_seconds``."""
        response = (
            b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
            + f"Content-Length: {len(body)}\r\n\r\n".encode()
            + body
        )
        h.close_connection = True
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            for i in range(len(response)):
                h.wfile.write(response[i : i + 1])
                h.wfile.flush()
                time.sleep(self.trickle_seconds)

    @staticmethod
    def _send(
        h: BaseHTTPRequestHandler, status: int, body: bytes, headers: dict[str, str] | None = None
    ) -> None:
        h.send_response(status)
        h.send_header("Content-Type", "application/json; charset=utf-8")
        h.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            h.send_header(k, v)
        h.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            h.wfile.write(body)  # the client may have given up waiting (the slow answer)
