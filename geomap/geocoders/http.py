"""HTTP for geocoders: one total deadline per request and a size limit on every answer.

geopy's adapters give each socket read its own timeout, so a service that sends one
byte a second keeps a request alive as long as it likes, and an answer of any size is
read whole into memory. :class:`BoundedAdapter` is geopy's urllib adapter (proxies,
TLS and error mapping unchanged) whose every read waits only for what is left of the
request's ``timeout``, counted from its start, headers and body included; an answer
over :data:`MAX_ANSWER_BYTES` is not read further and raises
:class:`UnusableAnswer`.
"""

from __future__ import annotations

import http.client
import io
import json
import socket
import ssl
import threading
import time
import urllib.request
from typing import Any

from geopy.adapters import URLLibAdapter
from geopy.exc import (
    GeocoderParseError,
    GeocoderQueryError,
    GeocoderServiceError,
    GeocoderTimedOut,
)

__all__ = ["MAX_ANSWER_BYTES", "BoundedAdapter", "UnusableAnswer", "answers_received"]

MAX_ANSWER_BYTES = 5_000_000
"""A geocoder's answer to one name is a few kilobytes; beyond this it is not an answer."""
_LONGEST = 300.0
"""The deadline when a caller passes no timeout at all."""


class UnusableAnswer(GeocoderQueryError):
    """The service answered one query with something geomap cannot use (a list where
    objects belong, text for coordinates, NaN, a latitude of 1e308, an answer too
    large): that answer is ignored, not retried; other queries may be fine."""


_REQUEST = threading.local()
"""The deadline of the request running on this thread, and how many answers arrived."""


def answers_received() -> int:
    """How many answers (bodies, whatever their content) this thread has been given."""
    return getattr(_REQUEST, "answers", 0)


class BoundedAdapter(URLLibAdapter):
    """geopy's urllib adapter with a total deadline per request and bounded answers."""

    def __init__(self, *, proxies: Any, ssl_context: ssl.SSLContext | None) -> None:
        super().__init__(proxies=proxies, ssl_context=ssl_context)
        proxy_handler = urllib.request.ProxyHandler(_proxies(proxies))
        opener = urllib.request.build_opener(
            _HTTPHandler(), _HTTPSHandler(context=ssl_context or _default_context()), proxy_handler
        )
        self.urlopen = opener.open

    def get_json(self, url: str, *, timeout: float | None, headers: dict[str, str]) -> Any:
        text = self.get_text(url, timeout=timeout, headers=headers)
        try:
            return json.loads(text)
        except ValueError:
            raise GeocoderParseError("the answer is not JSON") from None
        except RecursionError:
            raise UnusableAnswer("JSON nested too deeply to read") from None

    def get_text(self, url: str, *, timeout: float | None, headers: dict[str, str]) -> str:
        seconds = timeout if timeout and timeout > 0 else _LONGEST
        _REQUEST.deadline = time.monotonic() + seconds
        try:
            text = super().get_text(url, timeout=seconds, headers=headers)
        finally:
            _REQUEST.deadline = None
        _REQUEST.answers = answers_received() + 1
        return text

    def _decode_page(self, page: Any) -> str:
        encoding = page.headers.get_content_charset() or "utf-8"
        try:
            with page:
                body = page.read(MAX_ANSWER_BYTES + 1)
        except TimeoutError:
            raise GeocoderTimedOut("no whole answer within the timeout") from None
        except (OSError, http.client.HTTPException):
            raise GeocoderServiceError("the answer could not be read") from None
        if len(body) > MAX_ANSWER_BYTES:
            raise UnusableAnswer(f"an answer larger than {MAX_ANSWER_BYTES // 1_000_000} MB")
        try:
            return body.decode(encoding)
        except (LookupError, ValueError):
            raise GeocoderParseError("the answer's bytes are not text") from None


class _DeadlineReader(io.RawIOBase):
    """A response's socket stream whose every read waits only until the deadline."""

    def __init__(self, raw: Any, sock: socket.socket, deadline: float) -> None:
        super().__init__()
        self._raw, self._sock, self._deadline = raw, sock, deadline

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int | None:
        left = self._deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("the request's deadline has passed")
        self._sock.settimeout(left)
        return self._raw.readinto(buffer)

    def close(self) -> None:
        if not self.closed:
            self._raw.close()  # lets the connection close the socket
        super().close()


class _DeadlineResponse(http.client.HTTPResponse):
    def __init__(self, sock: socket.socket, *args: Any, **kwargs: Any) -> None:
        super().__init__(sock, *args, **kwargs)
        deadline = getattr(_REQUEST, "deadline", None)
        if deadline is not None:  # nothing was read yet: the buffer holds no data to lose
            self.fp = io.BufferedReader(_DeadlineReader(self.fp.detach(), sock, deadline))


class _HTTPConnection(http.client.HTTPConnection):
    response_class = _DeadlineResponse


class _HTTPSConnection(http.client.HTTPSConnection):
    response_class = _DeadlineResponse


class _HTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req: urllib.request.Request) -> Any:
        return self.do_open(_HTTPConnection, req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, req: urllib.request.Request) -> Any:
        options: dict[str, Any] = {"context": self._context}
        if getattr(self, "_check_hostname", None) is not None:  # Python 3.11
            options["check_hostname"] = self._check_hostname
        return self.do_open(_HTTPSConnection, req, **options)


def _proxies(proxies: Any) -> dict[str, str]:
    """geopy's proxy rules: None is the system's, a bare host:port is http://host:port."""
    found = urllib.request.getproxies() if proxies is None else dict(proxies or {})
    return {k: v if "://" in v else f"http://{v}" for k, v in found.items() if v}


def _default_context() -> ssl.SSLContext:
    """Certificates from certifi when installed (as requests, geopy's default, uses)."""
    try:
        import certifi
    except ImportError:
        return ssl.create_default_context()
    return ssl.create_default_context(cafile=certifi.where())
