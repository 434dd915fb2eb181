"""check_portals: robots.txt and home page of each portal, politely (through the Fetcher: one request
at a time per host, many hosts in parallel), to confirm the host, detect its CMS, find its feeds and
sitemaps, and mark hosts that are gone."""
from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Callable, Iterable
from urllib.parse import urlsplit

from scraper.cms.detect import detect_cms
from scraper.cms.page import HtmlPage
from scraper.discovery import is_feed, parse_sitemap
from scraper.fetch import Fetcher
from scraper.portals import Portal, default_registry, load_portals, select
from scraper.registry_file import header_of, write_portals
from scraper.settings import CrawlSettings
from scraper.urls import absolute, same_site

_FEED_TYPES = ("application/rss+xml", "application/atom+xml")
_FEED_HREF = re.compile(r"(?:\.rss|\.atom|/rss/?|/feed/?|/rss\.aspx)(?:$|[?#])|[?&]op=rss(?:[/&]|$)", re.I)
MAX_FEEDS = 3                            # feed candidates verified per portal (each costs a request)
# No HTTP answer at all: the host is gone. A 5xx or a TLS error leaves the verdict to the next check.
_GONE = ("connection failed", "timed out", "robots.txt unreachable (no answer)")


@dataclass(frozen=True, slots=True)
class CheckResult:
    portal_id: str
    verdict: str                         # alive | dead | unsure
    why: str                             # "HTTP 200", "connection failed", "redirects to https://…"
    cms: str | None = None               # detected; None when nothing betrayed the platform
    reasons: tuple[str, ...] = ()
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    base_url: str | None = None          # the home page's address after same-site redirects


def check_portals(portals: Iterable[Portal], settings: CrawlSettings,
                  progress: Callable[[CheckResult], None] | None = None) -> list[CheckResult]:
    """Check every portal, hosts in parallel (settings.threads). Example: check_portals(load_portals(), CrawlSettings())"""
    portals = list(portals)
    fetcher = Fetcher(settings, None)
    try:
        with ThreadPoolExecutor(max_workers=max(1, min(settings.threads, len(portals) or 1))) as pool:
            results = []
            for result in pool.map(lambda p: check_portal(fetcher, p), portals):
                results.append(result)
                if progress:
                    progress(result)
    finally:
        fetcher.close()
    return results


def check_portal(fetcher: Fetcher, portal: Portal) -> CheckResult:
    fetcher.configure_host(portal.base_url, portal.delay, portal.verify_tls)
    home = fetcher.fetch(portal.base_url, portal_id=portal.id, kind="check")
    final = home.final_url or portal.base_url
    if home.outcome == "robots_disallowed":
        return CheckResult(portal.id, "alive", "robots.txt disallows the home page",
                           sitemaps=_robots_sitemaps(fetcher, portal))
    if home.outcome != "fetched":
        why = home.error or home.outcome
        gone = home.status in (404, 410) or (home.status is None and why in _GONE)
        return CheckResult(portal.id, "dead" if gone else "unsure", why)
    if not same_site(final, portal.hosts):
        return CheckResult(portal.id, "dead", f"redirects to {final}")
    guess = detect_cms(home.text or "", final)
    sitemaps = _robots_sitemaps(fetcher, portal) or _probe_sitemap(fetcher, portal, final)
    feeds = _feeds(fetcher, portal, HtmlPage(home.text or "", final))
    return CheckResult(portal.id, "alive", f"HTTP {home.status}", guess.cms if guess.score else None, guess.reasons,
                       feeds, sitemaps, _origin(final))


def apply_check(portal: Portal, result: CheckResult, today: date) -> Portal:
    """The registry row after a check: confirmed (and enriched), marked dead, or left as it was."""
    if result.verdict == "dead":
        return replace(portal, checked=today, dead=True)
    if result.verdict != "alive":
        return portal
    base = result.base_url if result.base_url and result.base_url != _origin(portal.base_url) else portal.base_url
    return replace(portal, checked=today, dead=False, cms=result.cms or portal.cms, base_url=base,
                   feeds=_union(portal.feeds, result.feeds), sitemaps=_union(portal.sitemaps, result.sitemaps))


def _robots_sitemaps(fetcher: Fetcher, portal: Portal) -> tuple[str, ...]:
    return tuple(u for u in fetcher.robots.for_url(portal.base_url).sitemaps() if same_site(u, portal.hosts))


def _probe_sitemap(fetcher: Fetcher, portal: Portal, home: str) -> tuple[str, ...]:
    url = absolute(home, "/sitemap.xml")
    result = fetcher.fetch(url, portal_id=portal.id, kind="check")
    if result.outcome == "fetched" and result.body and same_site(result.final_url or url, portal.hosts):
        found = parse_sitemap(result.body)
        if found.pages or found.sitemaps:
            return (result.final_url or url,)
    return ()


def _feeds(fetcher: Fetcher, portal: Portal, page: HtmlPage) -> tuple[str, ...]:
    """Feeds the home page announces (<link rel=alternate>) or links, each fetched once to confirm it."""
    candidates: list[str] = []
    for node in page.select("link[rel=alternate]"):
        if (node.get("type") or "").lower() in _FEED_TYPES:
            candidates.append(absolute(page.url or "", node.get("href")))
    for a in page.anchors():
        href = absolute(page.url or "", a.get("href"))
        if href and _FEED_HREF.search(href):
            candidates.append(href)
    found = []
    for url in dict.fromkeys(u for u in candidates if u and same_site(u, portal.hosts)):
        if len(found) >= MAX_FEEDS:
            break
        result = fetcher.fetch(url, portal_id=portal.id, kind="check")
        if result.outcome == "fetched" and result.body and is_feed(result.body):
            found.append(url)
    return tuple(found)


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _union(old: tuple[str, ...], new: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys((*old, *new)))


def summary(results: list[CheckResult]) -> str:
    counts = {v: sum(r.verdict == v for r in results) for v in ("alive", "dead", "unsure")}
    return (f"{len(results)} checked: {counts['alive']} alive, {counts['dead']} dead, "
            f"{counts['unsure']} unsure (left unchanged)")


def check_registry(path: Path | None, settings: CrawlSettings, ids: list[str] | None = None, *,
                   out: Path | None = None, today: date | None = None,
                   progress: Callable[[CheckResult], None] | None = None) -> tuple[list[CheckResult], Path | None]:
    """Check the named portals (all when none are named) and, when `out` is given, write the whole registry
    there with the findings applied (the file's header comment kept).

    Example: check_registry(None, CrawlSettings(), ["kienluong"], out=Path("checked.toml"))
    """
    path = Path(path) if path else default_registry()
    portals = load_portals(path)
    chosen = select(portals, ids) if ids else portals
    results = check_portals(chosen, settings, progress)
    if out is None:
        return results, None
    found = {r.portal_id: r for r in results}
    today = today or date.today()
    updated = [apply_check(p, found[p.id], today) if p.id in found else p for p in portals]
    return results, write_portals(out, updated, header_of(path))
