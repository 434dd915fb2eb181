"""A threaded HTTP server on 127.0.0.1 serving a dict of routes, counting every request it answers."""
from __future__ import annotations

import gzip
import threading
import time
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HTML = "text/html; charset=utf-8"
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


@dataclass
class Reply:
    status: int = 200
    body: bytes | str = b""
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Route:
    body: bytes | str = b""
    status: int = 200
    content_type: str = HTML
    headers: dict[str, str] = field(default_factory=dict)
    replies: list[Reply] = field(default_factory=list)   # answered first, in order, before the plain reply
    etag: str | None = None                               # answers If-None-Match with 304
    last_modified: float | None = None                    # answers If-Modified-Since with 304


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass                                  # a crawler killed mid-request resets its connections


class LoopbackSite:
    def __init__(self, routes: dict[str, Route], host: str = "127.0.0.1", port: int = 0, slow_s: float = 0.0):
        self.routes, self.host, self.slow_s = routes, host, slow_s
        self.hits: Counter[str] = Counter()
        self.times: dict[str, list[float]] = defaultdict(list)
        self.headers: dict[str, dict[str, str]] = {}          # the last request's headers, per path
        self.in_flight = 0
        self.max_in_flight = 0
        self._lock = threading.Lock()
        self.server = _QuietServer((host, port), self._handler())
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.base = f"http://{host}:{self.port}"

    def url(self, path: str) -> str:
        return self.base + path

    def __enter__(self) -> "LoopbackSite":
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    def _handler(self):
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_GET(self):
                with site._lock:
                    site.hits[self.path] += 1
                    site.times[self.path].append(time.monotonic())
                    site.headers[self.path] = dict(self.headers)
                    site.in_flight += 1
                    site.max_in_flight = max(site.max_in_flight, site.in_flight)
                try:
                    if site.slow_s:
                        time.sleep(site.slow_s)
                    # like most portals, a query string the page does not use is ignored
                    self._answer(site.routes.get(self.path) or site.routes.get(self.path.split("?")[0]))
                finally:
                    with site._lock:
                        site.in_flight -= 1

            def _answer(self, route: Route | None):
                if route is None:
                    return self._send(404, b"not found", {"Content-Type": "text/plain"})
                if route.replies:
                    reply = route.replies.pop(0)
                    return self._send(reply.status, reply.body, reply.headers)
                headers = {"Content-Type": route.content_type, **route.headers}
                if route.etag:
                    headers["ETag"] = route.etag
                    if self.headers.get("If-None-Match") == route.etag:
                        return self._send(304, b"", headers)
                if route.last_modified:
                    headers["Last-Modified"] = formatdate(route.last_modified, usegmt=True)
                    if self.headers.get("If-Modified-Since") == headers["Last-Modified"]:
                        return self._send(304, b"", headers)
                self._send(route.status, route.body, headers)

            def _send(self, status: int, body: bytes | str, headers: dict[str, str]):
                body = body.encode("utf-8") if isinstance(body, str) else body
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                if status != 304:
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if status != 304:
                    self.wfile.write(body)

        return Handler


def cp1258(text: str) -> bytes:
    """Vietnamese in windows-1258: base letters precomposed, tone marks as combining characters."""
    out = []
    for ch in text:
        parts = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in parts if c in _TONES)
        out.append(unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES)) + tones)
    return "".join(out).encode("cp1258")


def gz(text: str) -> bytes:
    return gzip.compress(text.encode("utf-8"))
