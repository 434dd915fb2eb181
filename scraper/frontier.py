"""The in-memory frontier of one crawl: which URLs each portal still has to fetch, and which are known."""
from __future__ import annotations

import threading
from collections import deque
from dataclasses import replace
from datetime import date, datetime, timedelta

from scraper.cms import Adapter, Link
from scraper.portals import Portal
from scraper.relevance import Relevance
from scraper.urls import same_site
from warehouse.crawl_state import FrontierRow, now

HUBS = ("sitemap", "feed", "listing")
LIVE_KINDS = (*HUBS, "article")          # "cdx" and "capture" rows belong to `crawl --source wayback`
NOT_RELEVANT = "not relevant"


class Known:
    """Every frontier row of the portals being crawled, shared by the worker threads."""

    def __init__(self, rows: list[FrontierRow]):
        self.rows = {r.canonical_url: r for r in rows}
        self.lock = threading.Lock()


class PortalFrontier:
    """One portal's queue for this run: hubs (sitemaps, feeds, listings) before articles."""

    def __init__(self, portal: Portal, adapter: Adapter, round_: int, known: Known, relevance: Relevance,
                 since: date | None = None):
        self.portal, self.adapter, self.round, self.known = portal, adapter, round_, known
        self.relevance, self.since = relevance, since
        self.hubs: deque[FrontierRow] = deque()
        self.articles: deque[FrontierRow] = deque()
        self.queued: set[str] = set()
        self.changed: list[FrontierRow] = []        # rows to persist with the next result

    def resume(self) -> None:
        """Queue this portal's pending rows whose retry time has come."""
        moment = now()
        with self.known.lock:
            for row in self.known.rows.values():
                if row.portal_id == self.portal.id and row.state == "pending" and (row.next_try_at or moment) <= moment \
                        and row.kind in LIVE_KINDS:
                    self._queue(row)

    def next(self) -> FrontierRow | None:
        queue = self.hubs or self.articles
        if not queue:
            return None
        row = queue.popleft()
        self.queued.discard(row.canonical_url)
        return row

    def offer_hub(self, url: str, kind: str, depth: int) -> None:
        """A sitemap, feed or listing page: fetched once per round."""
        if not same_site(url, self.portal.hosts):
            return
        canonical = self.adapter.canonical(url)
        with self.known.lock:
            row = self.known.rows.get(canonical)
            if row is None:
                row = self.known.rows[canonical] = FrontierRow(canonical, url, self.portal.id, kind, depth)
            elif (row.round == self.round and row.state != "pending") or canonical in self.queued:
                return
            else:
                row.state, row.depth, row.next_try_at = "pending", depth, None
            self._queue(row)
            self.changed.append(replace(row))

    def offer_article(self, link: Link, depth: int) -> bool:
        """True when the link was unknown (a listing that brings no unknown link ends its pagination)."""
        if not same_site(link.url, self.portal.hosts) or self.too_old(link.published):
            return False
        canonical = self.adapter.canonical(link.url)
        with self.known.lock:
            row = self.known.rows.get(canonical)
            if row is not None:
                if row.state == "skipped" and row.last_error == NOT_RELEVANT and self.relevance.fetch_all:
                    row.state, row.last_error = "pending", None
                    self._queue(row)
                    self.changed.append(replace(row))
                return False
            relevant = self.relevance(link.url, link.title, link.snippet)
            row = FrontierRow(canonical, link.url, self.portal.id, "article", depth,
                              state="pending" if relevant else "skipped",
                              last_error=None if relevant else NOT_RELEVANT,
                              round=None if relevant else self.round, title=link.title)
            self.known.rows[canonical] = row
            if relevant:
                self._queue(row)
            self.changed.append(replace(row))
            return True

    def settle(self, row: FrontierRow, state: str, error: str | None = None, retry_later_s: float = 0,
               attempts_limit: int = 3) -> None:
        """Record what happened to a fetched row; failures wait and retry up to attempts_limit runs."""
        with self.known.lock:
            row.round, row.last_error = self.round, error
            if state == "failed":
                row.attempts += 1
                if row.attempts < attempts_limit:
                    state = "pending"
                    row.next_try_at = _later(retry_later_s)
            else:
                row.next_try_at = None
            row.state = state
            self.changed.append(replace(row))

    def take_changes(self) -> list[FrontierRow]:
        changed, self.changed = self.changed, []
        return changed

    def too_old(self, published: str | None) -> bool:
        return bool(self.since and published and published[:10] < self.since.isoformat())

    def _queue(self, row: FrontierRow) -> None:
        if row.canonical_url in self.queued:
            return
        self.queued.add(row.canonical_url)
        (self.hubs if row.kind in HUBS else self.articles).append(row)


def _later(seconds: float) -> datetime:
    return now() + timedelta(seconds=seconds)
