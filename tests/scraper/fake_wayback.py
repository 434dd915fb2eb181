"""A fake Wayback Machine on 127.0.0.1: the CDX API (filters, collapse=urlkey, from/to, limit + resumeKey) and
`id_` replay of captures, counting every request; answers can be queued (429, 503) before the real one."""
from __future__ import annotations

import json
import threading
import time
from collections import Counter
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


@dataclass(frozen=True)
class Snap:
    timestamp: str
    original: str
    html: str = "<html><body>trang</body></html>"
    status: int = 200
    mimetype: str = "text/html"


def urlkey(original: str) -> str:
    """SURT-like key as the archive builds it: host reversed, no scheme, port or www."""
    parts = urlsplit(original)
    host = (parts.hostname or "").removeprefix("www.")
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return ",".join(reversed(host.split("."))) + ")" + path.lower()


class FakeWayback:
    def __init__(self, snaps: list[Snap], slow_s: float = 0.0):
        self.snaps = sorted(snaps, key=lambda s: (urlkey(s.original), s.timestamp))
        self.slow_s = slow_s
        self.hits: Counter[str] = Counter()
        self.log: list[tuple[float, str]] = []
        self.queued: list[tuple[str, int, dict]] = []      # (path prefix, status, headers) answered first
        self.in_flight = self.max_in_flight = 0
        self._lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self) -> "FakeWayback":
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    def replays(self) -> Counter[str]:
        return Counter({p: n for p, n in self.hits.items() if p.startswith("/web/")})

    def cdx_requests(self) -> list[str]:
        return [p for _, p in self.log if p.startswith("/cdx/")]

    def cdx(self, query: dict[str, list[str]]) -> list:
        prefix = query["url"][0].removesuffix("*")
        host, _, path = prefix.partition("/")
        want = ",".join(reversed(host.removeprefix("www.").split("."))) + ")/" + path.lower()
        fields = query["fl"][0].split(",")
        filters = [f.split(":", 1) for f in query.get("filter", [])]
        years = (int(query.get("from", ["0"])[0]), int(query.get("to", ["9999"])[0]))
        rows, last_key = [], None
        for snap in self.snaps:
            key = urlkey(snap.original)
            values = {"urlkey": key, "timestamp": snap.timestamp, "original": snap.original,
                      "mimetype": snap.mimetype, "statuscode": str(snap.status), "digest": "D" + snap.timestamp}
            if not key.startswith(want) or not years[0] <= int(snap.timestamp[:4]) <= years[1]:
                continue
            if any(values[name] != value for name, value in filters):
                continue
            if "collapse" in query and key == last_key:
                continue
            last_key = key
            rows.append([values[f] for f in fields])
        start = 0
        if "resumeKey" in query:
            start = next(i for i, r in enumerate(rows) if f"{r[0]} {r[1]}" == query["resumeKey"][0]) + 1
        limit = int(query.get("limit", ["100000"])[0])
        page, rest = rows[start:start + limit], rows[start + limit:]
        out = [fields, *page]
        if rest and query.get("showResumeKey") == ["true"]:
            out += [[], [f"{page[-1][0]} {page[-1][1]}"]]
        return out

    def replay(self, stamp: str, original: str) -> tuple[int, dict, str]:
        same = [s for s in self.snaps if s.original == original]
        exact = next((s for s in same if s.timestamp == stamp), None)
        if exact:
            return exact.status, {"Content-Type": "text/html; charset=utf-8"}, exact.html
        if same:                     # the archive sends the nearest capture's address
            return 302, {"Location": f"{self.base}/web/{same[0].timestamp}id_/{original}"}, ""
        return 404, {"Content-Type": "text/plain"}, "not archived"

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_GET(self):
                with fake._lock:
                    fake.hits[self.path] += 1
                    fake.log.append((time.monotonic(), self.path))
                    fake.in_flight += 1
                    fake.max_in_flight = max(fake.max_in_flight, fake.in_flight)
                    queued = next((q for q in fake.queued if self.path.startswith(q[0])), None)
                    if queued:
                        fake.queued.remove(queued)
                try:
                    time.sleep(fake.slow_s)
                    if queued:
                        return self._send(queued[1], queued[2], "busy")
                    parts = urlsplit(self.path)
                    if parts.path == "/cdx/search/cdx":
                        body = json.dumps(fake.cdx(parse_qs(parts.query)), ensure_ascii=False)
                        return self._send(200, {"Content-Type": "application/json"}, body)
                    if self.path.startswith("/web/"):
                        stamp, _, original = self.path[len("/web/"):].partition("id_/")
                        return self._send(*fake.replay(stamp, original))
                    self._send(404, {"Content-Type": "text/plain"}, "not found")
                finally:
                    with fake._lock:
                        fake.in_flight -= 1

            def _send(self, status: int, headers: dict, body: str):
                data = body.encode("utf-8")
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        return Handler
