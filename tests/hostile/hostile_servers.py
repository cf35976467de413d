"""Hostile servers on 127.0.0.1: a Nominatim whose answers carry payloads, wrong JSON
types or trickle; and a web server with pages, a trickle, a redirect and a "secret".

The Nominatim is tests/fake_geocoders.py's fake, with its answers changed after they
are built, so every answer is still in Nominatim's real format.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from fake_geocoders import FakeGeocoderServer, FakePlace

__all__ = ["KHARKIV", "HostileNominatim", "WebServer", "nominatim_options"]

KHARKIV = FakePlace("Kharkiv", 49.9935, 36.2304, "relation", 3051986, "city", "Ukraine", "ua",
                    "Kharkiv Oblast", "UA-63", 1421125)  # fmt: skip
TRICKLE_SECONDS = 120


def nominatim_options(domain: str, **extra: Any) -> list[str]:
    """``--geocoder nominatim`` pointed at a fake on 127.0.0.1, without its 1 s rate limit."""
    options = {"domain": domain, "scheme": "http", "min_delay_seconds": 0} | extra
    args = ["--geocoder", "nominatim"]
    for key, value in options.items():
        args += ["--geocoder-option", f"{key}={value}"]
    return args


class HostileNominatim(FakeGeocoderServer):
    """The fake Nominatim, with each answer's fields replaced by ``overrides`` (``None``
    drops a field; ``address`` entries are merged into the address), or every answer
    trickled one byte a second when ``trickle`` is set."""

    def __init__(self, places: list[FakePlace], *, overrides: Mapping[str, Any] | None = None,
                 trickle: bool = False) -> None:  # fmt: skip
        super().__init__(places)
        self.overrides = dict(overrides or {})
        self.trickle = trickle

    def _nominatim(self, p: FakePlace, params: dict[str, list[str]]) -> dict[str, object]:  # type: ignore[override]
        out = FakeGeocoderServer._nominatim(p, params)
        for key, value in self.overrides.items():
            if key == "address" and isinstance(value, Mapping) and isinstance(
                    out.get("address"), dict):  # fmt: skip
                out["address"] = {**out["address"], **value}  # type: ignore[dict-item]
            elif value is None:
                out.pop(key, None)
            else:
                out[key] = value
        return out

    def _handle(self, h: BaseHTTPRequestHandler) -> None:
        if not self.trickle:
            return super()._handle(h)
        with self._lock:
            self.requests.append(_request(h))
        _trickle(h)
        return None


def _request(h: BaseHTTPRequestHandler) -> Any:
    from urllib.parse import parse_qs, urlsplit

    from fake_geocoders import Request

    url = urlsplit(h.path)
    return Request(time.monotonic(), url.path, parse_qs(url.query), h.headers.get("User-Agent"))


def _trickle(h: BaseHTTPRequestHandler, body: bytes = b"[" + b" " * 4096 + b"]") -> None:
    """A 200 answer whose body comes one byte a second: each read is quick, the whole
    never is."""
    h.send_response(200)
    h.send_header("Content-Type", "application/json; charset=utf-8")
    h.send_header("Content-Length", str(len(body)))
    h.end_headers()
    with contextlib.suppress(OSError):
        for i in range(min(len(body), TRICKLE_SECONDS)):
            h.wfile.write(body[i : i + 1])
            h.wfile.flush()
            time.sleep(1.0)


class WebServer:
    """Serves ``pages`` by path (any other path under ``/news/`` gets ``pages["/news/"]``),
    ``/trickle`` one byte a second, ``/redirect`` to ``/secret``, and records every path
    asked for."""

    def __init__(self, pages: Mapping[str, tuple[str, bytes]]) -> None:
        self.pages = dict(pages)
        self.paths: list[str] = []
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
    def base(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"

    def __enter__(self) -> WebServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def asked(self, path: str) -> int:
        with self._lock:
            return sum(p == path for p in self.paths)

    def _handle(self, h: BaseHTTPRequestHandler) -> None:
        with self._lock:
            self.paths.append(h.path)
        if h.path == "/trickle":
            return _trickle(h, b"<html><body>" + b"x" * 4096 + b"</body></html>")
        if h.path == "/redirect":
            h.send_response(302)
            h.send_header("Location", f"{self.base}/secret")
            h.send_header("Content-Length", "0")
            h.end_headers()
            return None
        found = self.pages.get(h.path)
        if found is None and h.path.startswith("/news/"):
            found = self.pages.get("/news/")
        if found is None:
            h.send_response(404)
            h.send_header("Content-Length", "0")
            h.end_headers()
            return None
        content_type, body = found
        h.send_response(200)
        h.send_header("Content-Type", content_type)
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        with contextlib.suppress(OSError):
            h.wfile.write(body)
        return None
