"""Fetching one URL safely: a total deadline, a size cap, and no private addresses for links.

Fetching is geomap's one use of the network for articles, and what it fetches is often
chosen by content rather than by the user, so it is kept apart from reading inputs
(:mod:`geomap.sources`) and bounded in every way a server or a link could abuse:

- a total deadline (:data:`DEFAULT_TIMEOUT`): urllib's timeout bounds each read, so a
  server that trickles a byte a second would never time out; here a timer ends the whole
  exchange (connecting, redirects, headers, body);
- a size cap: no answer is read past :data:`~geomap.article.MAX_INPUT_BYTES`;
- refusal of private addresses: a link found inside content (a feed item's link, a JSON
  Lines record's ``url``, a redirect) is content, not the user's choice, so it is not
  fetched from a loopback, private, link-local or reserved address unless the user allows
  it (``allow_private``); URLs the user types are fetched as given.

Every failure is one :class:`~geomap.errors.GeomapError` line naming the URL.
"""

from __future__ import annotations

import contextlib
import http.client
import ipaddress
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from email.message import Message
from typing import Any
from urllib.parse import urlsplit

from geomap.article import MAX_INPUT_BYTES
from geomap.errors import GeomapError

__all__ = ["DEFAULT_TIMEOUT", "fetch", "is_http_url", "is_public_address"]

DEFAULT_TIMEOUT = 20.0
"""Seconds a whole fetch may take: connecting, the answer's headers and all of its body."""
_PRIVATE_HINT = "a loopback, private, link-local or reserved address; --allow-private fetches it"


def fetch(
    url: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    allow_private: bool = False,
    user_typed: bool = False,
) -> tuple[bytes, str, Message]:
    """The body, final URL and headers of ``url``; every failure is one GeomapError line.

    The whole fetch (connecting, redirects, headers, body) ends within ``timeout``
    seconds and ``MAX_INPUT_BYTES``.  Unless ``allow_private``, it connects only to
    public addresses (checked after resolving the name, and the checked address is the
    one connected to); only ``url`` itself is exempt when the user typed it
    (``user_typed``), never a redirect.
    """
    from geomap import __version__

    try:
        urlsplit(url).port  # noqa: B018  (checks the host and port: "[::1", ":99999")
    except ValueError as e:
        raise GeomapError(f"{url}: not a valid URL ({e})") from None
    request = urllib.request.Request(
        url,
        headers={
            "User-Agent": f"geomap/{__version__} (+news article mapping)",
            "Accept": "text/html,application/xhtml+xml,application/rss+xml,"
            "application/atom+xml,application/xml;q=0.9,*/*;q=0.5",
        },
    )
    late = GeomapError(f"{url}: no complete answer within {timeout:g} s")
    try:
        with _Guard(url, timeout, allow_private=allow_private, user_typed=user_typed) as guard:
            try:
                with guard.open(request) as response:
                    body = response.read(MAX_INPUT_BYTES + 1)
                    final, headers = response.geturl(), response.headers
            except (OSError, http.client.HTTPException):
                if guard.expired:
                    raise late from None
                raise
            if guard.expired:  # the timer cut the body short
                raise late
    except urllib.error.HTTPError as e:
        reason = " ".join(str(e.reason).split())  # a redirect loop's reason has 3 lines
        raise GeomapError(f"{url}: the server answered HTTP {e.code} {reason}") from None
    except urllib.error.URLError as e:
        if isinstance(e.reason, TimeoutError):
            raise late from None
        raise GeomapError(f"{url}: cannot fetch: {_why(e.reason)}") from None
    except TimeoutError:
        raise late from None
    except (OSError, ValueError, http.client.HTTPException) as e:
        raise GeomapError(f"{url}: cannot fetch: {_why(e)}") from None
    if len(body) > MAX_INPUT_BYTES:
        raise GeomapError(f"{url}: larger than {MAX_INPUT_BYTES // 1_000_000} MB, not an article")
    if not body.strip():
        raise GeomapError(f"{url}: the server sent an empty page")
    return body, final, headers


def _why(reason: object) -> str:
    """Why a fetch failed, without Python's ``[Errno 111]``: "Connection refused",
    "Name or service not known"."""
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror
    return str(reason) or type(reason).__name__


def is_public_address(address: str) -> bool:
    """Whether an IP address is one anybody on the internet could reach: not loopback,
    private, link-local, shared (CGNAT), multicast, reserved or unspecified.  An IPv4
    address inside IPv6 (``::ffff:127.0.0.1``, 6to4) is judged by the IPv4 address."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # no IPv6 zone
    if isinstance(ip, ipaddress.IPv6Address):
        inner = ip.ipv4_mapped or ip.sixtofour
        if inner is not None:
            ip = inner
    return ip.is_global and not ip.is_multicast and not ip.is_reserved


def is_http_url(text: str) -> bool:
    """Whether ``text`` is an http(s) URL, the only kind geomap fetches."""
    return text.lower().startswith(("http://", "https://"))


# ---------------------------------------------------------------------- the guarded connection


class _Guard:
    """One fetch's limits: a deadline for the whole exchange, and the addresses it may reach.

    urllib's timeout bounds each read, so a server that sends a byte a second never
    times out; here a timer shuts the connection down when the fetch's time is up.
    Names are resolved here and the address checked is the address connected to, so a
    name cannot resolve to a public address for the check and a private one after.
    """

    def __init__(self, url: str, timeout: float, *, allow_private: bool, user_typed: bool):
        self.url = url
        self.timeout = timeout
        self.allow_private = allow_private
        self.user_typed = user_typed
        self._first: urllib.request.Request | None = None
        self.deadline = time.monotonic() + timeout
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(timeout, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> _Guard:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()
        with self._lock:
            for sock in self._sockets:
                sock.close()
            self._sockets.clear()

    def open(self, request: urllib.request.Request) -> http.client.HTTPResponse:
        """The answer to ``request``, which the user typed when ``user_typed``: it alone
        may go anywhere; each redirect it leads to is checked like a link in content."""
        self._first = request
        opener = urllib.request.OpenerDirector()
        # No file, ftp or data handlers: only http(s) is ever fetched.
        handlers = (urllib.request.ProxyHandler(), urllib.request.UnknownHandler(),
                    urllib.request.HTTPDefaultErrorHandler(), _Redirects(self),
                    urllib.request.HTTPErrorProcessor(), _HTTP(self), _HTTPS(self))  # fmt: skip
        for handler in handlers:
            opener.add_handler(handler)
        return opener.open(request, timeout=self.timeout)

    def connection(
        self, kind: type[http.client.HTTPConnection], request: urllib.request.Request
    ) -> Callable[..., http.client.HTTPConnection]:
        """A connection class for ``do_open`` whose sockets this guard makes and watches."""

        redirect = request is not self._first
        checked = not self.allow_private and (redirect or not self.user_typed)

        def connect(address: tuple[str, int], *_: object) -> socket.socket:
            return self._connect(request.full_url, address, checked=checked, redirect=redirect)

        def make(host: str, **kwargs: Any) -> http.client.HTTPConnection:
            conn = kind(host, **kwargs)
            conn._create_connection = connect  # type: ignore[attr-defined]
            return conn

        return make

    def _connect(
        self, url: str, address: tuple[str, int], *, checked: bool, redirect: bool
    ) -> socket.socket:
        host, port = address
        target = (urlsplit(url).hostname or "").lower()
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        if checked:
            if host.lower() != target:  # through a proxy: it connects, check where to
                self._public(socket.getaddrinfo(target, port, type=socket.SOCK_STREAM), url,
                             redirect)  # fmt: skip
            else:
                infos = self._public(infos, url, redirect)
        error: OSError = OSError(f"{host}: no address")
        for family, kind, proto, _, sockaddr in infos:
            remaining = self.deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError
            sock = socket.socket(family, kind, proto)
            try:
                sock.settimeout(remaining)
                sock.connect(sockaddr)
            except OSError as e:
                sock.close()
                error = e
                continue
            with self._lock:  # a duplicate: shutting it down stops the TLS socket too
                self._sockets.append(sock.dup())
                if self.expired:
                    self._sockets[-1].shutdown(socket.SHUT_RDWR)
            return sock
        raise error

    def _public(self, infos: list[Any], url: str, redirect: bool) -> list[Any]:
        allowed = [info for info in infos if is_public_address(info[4][0])]
        if not allowed:
            address = infos[0][4][0] if infos else "?"
            via = f"redirected to {url}, " if redirect else ""
            raise GeomapError(f"{self.url}: not fetched: {via}a link found in content that leads"
                              f" to {address}, {_PRIVATE_HINT}")  # fmt: skip
        return allowed

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                with contextlib.suppress(OSError):  # already closed
                    sock.shutdown(socket.SHUT_RDWR)


class _HTTP(urllib.request.HTTPHandler):
    def __init__(self, guard: _Guard) -> None:
        super().__init__()
        self.guard = guard

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(self.guard.connection(http.client.HTTPConnection, req), req)


class _HTTPS(urllib.request.HTTPSHandler):
    def __init__(self, guard: _Guard) -> None:
        super().__init__()
        self.guard = guard

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(self.guard.connection(http.client.HTTPSConnection, req), req,
                            context=self._context)  # type: ignore[attr-defined]  # fmt: skip


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follows http(s) redirects only; the guard checks where each one leads."""

    def __init__(self, guard: _Guard) -> None:
        self.guard = guard

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        if not is_http_url(newurl):
            raise GeomapError(f"{self.guard.url}: not fetched: redirected to {newurl},"
                              " not an http(s) URL")  # fmt: skip
        return super().redirect_request(req, fp, code, msg, headers, newurl)
