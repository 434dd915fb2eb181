"""DemoSites: the sample portals served on 127.0.0.1, one port per portal (so each is its own host),
with ETag/Last-Modified and 304s like a real server, and a portals.toml that points at them."""
from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

from thidua.demo.site import DemoArticle, DemoPortal, Resource, build_site, load_sample, portal_entry


class _Handler(BaseHTTPRequestHandler):
    server_version = "demo-portal/1.0"
    site: dict[str, Resource] = {}
    hits: list[str]

    def do_GET(self) -> None:   # noqa: N802 - http.server's name
        self.server.hits.append(self.path)
        resource = self.site.get(self.path) or self.site.get(_sorted(self.path))
        if resource is None:
            self._send(404, b"<html><body><h1>404</h1></body></html>", "text/html; charset=utf-8")
            return
        if self.headers.get("If-None-Match") == resource.etag or (
                self.headers.get("If-Modified-Since") == resource.last_modified and not self.headers.get("If-None-Match")):
            self.send_response(304)
            self.send_header("ETag", resource.etag)
            self.end_headers()
            return
        self._send(200, resource.body, resource.content_type, resource)

    def _send(self, status: int, body: bytes, content_type: str, resource: Resource | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        if resource is not None:
            self.send_header("ETag", resource.etag)
            self.send_header("Last-Modified", resource.last_modified)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args) -> None:   # quiet: the crawl reports what it fetched
        pass


def _sorted(path: str) -> str:
    parts = urlsplit(path)
    if not parts.query:
        return path
    return f"{parts.path}?{urlencode(sorted(parse_qsl(parts.query, keep_blank_values=True)))}"


class DemoSites:
    """`with DemoSites() as sites: sites.write_registry(path)`; `only` limits the portals served.

    Example: with DemoSites(only=["kbang"]) as sites: print(sites.bases)
    """

    def __init__(self, only: list[str] | None = None, articles: list[DemoArticle] | None = None,
                 portals: list[DemoPortal] | None = None):
        sample_portals, sample_articles = load_sample()
        self.portals = [p for p in (portals or sample_portals) if not only or p.id in only]
        self.articles = [a for a in (articles if articles is not None else sample_articles)
                         if a.portal in {p.id for p in self.portals}]
        self.bases: dict[str, str] = {}
        self.hits: dict[str, list[str]] = {}
        self._servers: list[ThreadingHTTPServer] = []

    def __enter__(self) -> "DemoSites":
        for portal in self.portals:
            server = ThreadingHTTPServer(("127.0.0.1", 0), type("Handler", (_Handler,), {}))
            server.daemon_threads = True
            base = f"http://127.0.0.1:{server.server_address[1]}"
            server.RequestHandlerClass.site = build_site(portal, self.articles, base)
            server.hits = self.hits.setdefault(portal.id, [])
            self.bases[portal.id] = base
            threading.Thread(target=server.serve_forever, name=f"demo-{portal.id}", daemon=True).start()
            self._servers.append(server)
        return self

    def __exit__(self, *exc) -> None:
        for server in self._servers:
            server.shutdown()
            server.server_close()

    def write_registry(self, path: Path) -> Path:
        """A portals.toml naming the served portals."""
        path.parent.mkdir(parents=True, exist_ok=True)
        rows = []
        for portal in self.portals:
            entry = portal_entry(portal, self.bases[portal.id])
            rows.append("[[portal]]\n" + "".join(f"{k} = {_toml(v)}\n" for k, v in entry.items() if v is not None))
        path.write_text("# the demo's sample portals, served on 127.0.0.1 by `thidua demo`\n\n" + "\n".join(rows),
                        encoding="utf-8")
        return path


def _toml(value) -> str:
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return str(value)
