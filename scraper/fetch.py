"""Fetcher: one polite GET, the fetch concerns applied in order (robots → politeness → conditional →
retry → size cap → redirects → archive → charset), returning what happened as a FetchResult."""
from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timezone

from urllib.request import getproxies

import requests
import urllib3
from requests.cookies import extract_cookies_to_jar

from schema import Page
from scraper.archive import Archive
from scraper.charset import decode
from scraper.conditional import Validators, conditional_headers
from scraper.politeness import Politeness
from scraper.retry import GiveUp, Retry
from scraper.robots import Robots
from scraper.settings import CrawlSettings
from scraper.sizecap import TooLarge, TooSlow, read_capped
from scraper.urls import absolute, canonical_url, netloc

REDIRECTS = (301, 302, 303, 307, 308)
_PROXIES = {k: v for k, v in getproxies().items() if k in ("http", "https")}
_DEFAULT_HEADERS = dict(requests.utils.default_headers())
_TEXT_TYPES = ("text/", "application/xhtml", "application/xml", "application/rss", "application/atom")


@dataclass(frozen=True, slots=True)
class FetchResult:
    url: str
    canonical_url: str
    outcome: str                 # fetched | not_modified | robots_disallowed | failed | too_large
    status: int | None = None
    error: str | None = None
    elapsed_ms: int = 0
    page: Page | None = None
    body: bytes | None = None
    text: str | None = None      # decoded body of text responses
    final_url: str | None = None


@dataclass(slots=True)
class _Raw:
    url: str
    status: int
    reason: str
    headers: requests.structures.CaseInsensitiveDict
    header_list: list[tuple[str, str]]
    body: bytes
    sent: dict[str, str]
    warc: tuple[str | None, int | None] = (None, None)


class Fetcher:
    """Shared by the crawl's worker threads; requests to one netloc never overlap."""

    def __init__(self, settings: CrawlSettings, archive: Archive | None):
        self.settings = settings
        self.archive = archive
        self.politeness = Politeness(settings.delay_per_host_s)
        self.retry = Retry(settings)
        self.robots = Robots(self._fetch_robots, obey=settings.obey_robots)
        self._sessions: dict[str, requests.Session] = {}
        self._guard = threading.Lock()
        self._insecure: set[str] = set()

    def configure_host(self, url: str, delay_s: float | None = None, verify_tls: bool = True) -> None:
        key = netloc(url)
        if delay_s is not None:
            self.politeness.set_delay(key, delay_s)
        if not verify_tls:
            self._insecure.add(key)

    def fetch(self, url: str, *, portal_id: str | None = None, kind: str | None = None,
              validators: Validators | None = None, canonical: str | None = None) -> FetchResult:
        """GET url politely. Example: Fetcher(CrawlSettings(), None).fetch("http://127.0.0.1:8000/").outcome"""
        canonical = canonical or canonical_url(url)
        started = time.monotonic()

        def result(outcome: str, **kw) -> FetchResult:
            return FetchResult(url, canonical, outcome, elapsed_ms=int((time.monotonic() - started) * 1000), **kw)

        current, seen = url, {canonical_url(url)}
        for _hop in range(self.settings.max_redirects + 1):
            blocked = self._robots_block(current)
            if blocked:
                return result(blocked[0], error=blocked[1])
            try:
                raw = self._get_with_retry(current, validators if current == url else None, canonical, portal_id, kind)
            except TooLarge as e:
                return result("too_large", error=str(e))
            except GiveUp as e:
                return result("failed", error=str(e))
            except (requests.RequestException, TooSlow, urllib3.exceptions.HTTPError) as e:
                return result("failed", error=_reason(e))
            if raw.status in REDIRECTS and raw.headers.get("Location"):
                target = absolute(current, raw.headers["Location"])
                if not target or canonical_url(target) in seen:
                    return result("failed", status=raw.status, error="redirect loop")
                seen.add(canonical_url(target))
                current = target
                continue
            return self._finish(raw, result, canonical, portal_id, kind)
        return result("failed", error=f"more than {self.settings.max_redirects} redirects")

    def _robots_block(self, url: str) -> tuple[str, str | None] | None:
        """(outcome, error) when robots.txt forbids url or could not be read."""
        if not self.settings.obey_robots:
            return None
        why = self.robots.unreachable(url)
        if why:
            return "failed", why
        robots = self.robots.for_url(url)
        delay = robots.crawl_delay()
        if delay:
            self.politeness.set_delay(netloc(url), min(delay, self.settings.max_crawl_delay_s))
        if not robots.allowed(url):
            return "robots_disallowed", None
        return None

    def _finish(self, raw: _Raw, result, canonical: str, portal_id: str | None, kind: str | None) -> FetchResult:
        if raw.status == 304:
            return result("not_modified", status=304, final_url=raw.url)
        if raw.status >= 400 or raw.status < 200:
            return result("failed", status=raw.status, error=f"HTTP {raw.status}", final_url=raw.url)
        content_type = raw.headers.get("Content-Type")
        text, charset = None, None
        if not content_type or content_type.lower().startswith(_TEXT_TYPES):
            text, charset = decode(raw.body, content_type)
        page = Page(url=raw.url, canonical_url=canonical, portal_id=portal_id,
                    fetched_at=datetime.now(timezone.utc).replace(tzinfo=None), status=raw.status,
                    content_type=content_type, charset=charset, etag=raw.headers.get("ETag"),
                    last_modified=raw.headers.get("Last-Modified"), sha256=hashlib.sha256(raw.body).hexdigest(),
                    warc_file=raw.warc[0], warc_offset=raw.warc[1])
        return result("fetched", status=raw.status, page=page, body=raw.body, text=text, final_url=raw.url)

    def _get_with_retry(self, url: str, validators: Validators | None, canonical: str,
                        portal_id: str | None, kind: str | None) -> _Raw:
        key = netloc(url)
        attempt = 0
        while True:
            try:
                raw = self._get(url, conditional_headers(validators))
            except (requests.Timeout, requests.ConnectionError):
                if not self.retry.should_retry(attempt, None):
                    raise
                self.politeness.defer(key, self.retry.wait_s(attempt))
                attempt += 1
                continue
            raw.warc = self._archive(raw, canonical, portal_id, kind)
            if self.retry.should_retry(attempt, raw.status):
                self.politeness.defer(key, self.retry.wait_s(attempt, raw.headers.get("Retry-After")))
                attempt += 1
                continue
            if raw.status in self.settings.retry_on and raw.headers.get("Retry-After"):
                self.retry.wait_s(attempt, raw.headers.get("Retry-After"))   # raises GiveUp past the cap
            return raw

    def _get(self, url: str, extra_headers: dict[str, str]) -> _Raw:
        key = netloc(url)
        headers = {"User-Agent": self.settings.user_agent, "Accept-Encoding": "gzip, deflate", **extra_headers}
        session = self._session(key)
        with self.politeness.slot(key):
            response = session.get_adapter(url).send(_prepared(url, headers, session.cookies), stream=True,
                                                     timeout=self.settings.timeout_s, verify=key not in self._insecure,
                                                     proxies=session.proxies)
            if "Set-Cookie" in response.headers:
                extract_cookies_to_jar(session.cookies, response.request, response.raw)
            try:
                body = read_capped(response, self.settings.max_page_bytes, self.settings.timeout_s * 2)
            finally:
                response.close()
        return _Raw(url, response.status_code, response.reason or "", response.headers,
                    list(response.raw.headers.items()) if response.raw is not None else list(response.headers.items()),
                    body, dict(response.request.headers))

    def _archive(self, raw: _Raw, canonical: str, portal_id: str | None, kind: str | None) -> tuple[str | None, int | None]:
        if self.archive is None:
            return None, None
        return self.archive.write(raw.url, "GET", raw.sent, raw.status, raw.reason, raw.header_list, raw.body,
                                  canonical=canonical, portal_id=portal_id, kind=kind)

    def _fetch_robots(self, url: str) -> tuple[int | None, str]:
        try:
            raw = self._get_with_retry(url, None, canonical_url(url), None, "robots")
        except (requests.RequestException, TooLarge, TooSlow, GiveUp, urllib3.exceptions.HTTPError):
            return None, ""
        if raw.status in REDIRECTS:      # robots.txt on another path or host: follow once, no loop check needed
            target = absolute(url, raw.headers.get("Location"))
            if target and target != url:
                try:
                    raw = self._get_with_retry(target, None, canonical_url(target), None, "robots")
                except (requests.RequestException, TooLarge, TooSlow, GiveUp, urllib3.exceptions.HTTPError):
                    return None, ""
        return raw.status, decode(raw.body, raw.headers.get("Content-Type"))[0] if raw.status == 200 else ""

    def _session(self, key: str) -> requests.Session:
        with self._guard:
            session = self._sessions.get(key)
            if session is None:
                session = self._sessions[key] = requests.Session()
                # environment proxies are read once; per-request lookups (and ~/.netrc) cost a stat each time
                session.trust_env, session.proxies = False, dict(_PROXIES)
                session.mount("http://", requests.adapters.HTTPAdapter(pool_connections=1, pool_maxsize=1, max_retries=0))
                session.mount("https://", requests.adapters.HTTPAdapter(pool_connections=1, pool_maxsize=1, max_retries=0))
            return session

    def close(self) -> None:
        for session in self._sessions.values():
            session.close()


def _prepared(url: str, headers: dict[str, str], cookies) -> requests.PreparedRequest:
    """A GET as Session.get prepares it, without the per-call merging of session settings (environment,
    hooks, auth) that this fetcher never uses: a fifth of the CPU of a loopback request."""
    request = requests.PreparedRequest()
    request.prepare_method("GET")
    request.prepare_url(url, None)
    request.prepare_headers({**_DEFAULT_HEADERS, **headers})
    request.prepare_body(None, None)
    if cookies:
        request.prepare_cookies(cookies)
    return request


def _reason(error: Exception) -> str:
    if isinstance(error, requests.exceptions.SSLError):
        return "TLS certificate not accepted"
    if isinstance(error, requests.Timeout):
        return "timed out"
    if isinstance(error, requests.ConnectionError):
        return "connection failed"
    return str(error).splitlines()[0][:200] or type(error).__name__
