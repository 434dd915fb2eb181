"""crawl_wayback: portals' news recovered from the Wayback Machine — CDX listing of each portal's captured
article URLs, raw `id_` captures fetched politely (one archive, one request at a time, settings.wayback_delay_s
apart, 429/503 backed off by the fetch stack), stored like live pages with their capture time.

State lives in the frontier, so a killed run resumes: a "cdx" row per portal and year range holds the next
listing page (its resumeKey), a "capture" row per article URL holds the replay address; a URL already stored
by a live crawl or an earlier run is never fetched again.
"""
from __future__ import annotations

import secrets
import threading
import time
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from functools import partial
from typing import Callable

from schema import Article
from scraper.archive import Archive
from scraper.article import article_from_html
from scraper.cms import get_adapter
from scraper.crawl import CrawlReport, PortalCounts, ProgressEvent
from scraper.fetch import Fetcher, FetchResult
from scraper.portals import Portal
from scraper.relevance import Relevance
from scraper.settings import CrawlSettings
from scraper.urls import same_site
from scraper.wayback_cdx import capture_time, cdx_url, from_replay, parse_cdx
from warehouse import crawl_state as state
from warehouse import session
from warehouse.crawl_state import CrawlBatch, FrontierRow, LogRow

NOT_RELEVANT = "not relevant"


def select_for_wayback(portals: list[Portal], ids: list[str] | None = None) -> list[Portal]:
    """Named portals, else every one a check or public material confirms — dead hosts above all."""
    if ids:
        from scraper.portals import select
        return select(portals, ids)
    return [p for p in portals if not (p.evidence == "pattern" and p.checked is None)]


def crawl_wayback(portals: list[Portal], settings: CrawlSettings, db: str | Path, archive: str | Path, *,
                  from_year: int | None = None, to_year: int | None = None, max_pages: int | None = None,
                  on_articles: Callable[[list[Article]], int | None] | None = None,
                  progress: Callable[[ProgressEvent], None] | None = None,
                  stop: threading.Event | None = None, run_id: str | None = None) -> CrawlReport:
    """List and fetch each portal's archived articles; returns the same report as a live crawl.

    Example: crawl_wayback(load_portals(), CrawlSettings(), "thidua.duckdb", "thidua-archive", from_year=2018)
    """
    started = time.monotonic()
    run = _Run(settings, db, Archive(archive, settings.archive_rotate_bytes), on_articles, progress,
               stop or threading.Event(), max_pages, run_id or f"wayback-{time.strftime('%Y%m%dT%H%M%S')}-"
                                                               f"{secrets.token_hex(3)}")
    with session(db) as con:
        state.save_portals(con, portals)
        state.start_run(con, run.run_id, len(portals))
    try:
        for portal in portals:
            if run.stop.is_set() or run.budget == 0:
                break
            run.portal(portal, from_year, to_year)
    finally:
        run.flush(force=True)
        run.fetcher.close()
        run.archive.close()
    run.report.interrupted = not all(c.finished for c in run.report.portals.values()) or \
        len(run.report.portals) < len(portals)
    run.report.elapsed_s = time.monotonic() - started
    with session(db) as con:
        state.finish_run(con, run.run_id, run.report.summary())
    return run.report


class _Run:
    def __init__(self, settings, db, archive, on_articles, progress, stop, budget, run_id):
        self.settings, self.db, self.archive, self.on_articles = settings, db, archive, on_articles
        self.progress, self.stop, self.budget, self.run_id = progress, stop, budget, run_id
        self.fetcher = Fetcher(settings, archive)
        self.fetcher.configure_host(settings.wayback_url, settings.wayback_delay_s)
        self.relevance = Relevance(settings.relevance_cues, settings.fetch_all)
        self.report = CrawlReport(run_id)
        self.batch, self.articles, self.last_flush = CrawlBatch(), [], time.monotonic()

    # -- one portal ------------------------------------------------------------------------------
    def portal(self, portal: Portal, from_year: int | None, to_year: int | None) -> None:
        counts = self.report.portals[portal.id] = PortalCounts()
        self._event(portal, "start", counts)
        with session(self.db) as con:
            known = {r.canonical_url: r for r in state.load_frontier(con, [portal.id])}
        adapter = get_adapter(portal.cms)
        for host in sorted({h.removeprefix("www.") for h in portal.hosts}):
            ask = partial(cdx_url, self.settings.wayback_url, host, from_year=from_year, to_year=to_year)
            first = FrontierRow(ask(limit=None), ask(limit=self.settings.wayback_page_size), portal.id, "cdx")
            listing = known.setdefault(first.canonical_url, first)
            while listing.state == "pending" and _due(listing) and self._may_fetch():
                if not self._list(portal, adapter, listing, known, counts, ask):
                    break
        for row in sorted(known.values(), key=lambda r: r.url):
            if row.kind == "capture" and row.state == "pending" and _due(row) and self._may_fetch():
                self._capture(portal, row, counts)
        waiting = [r for r in known.values() if r.kind in ("cdx", "capture") and r.state == "pending"]
        counts.finished = not self.stop.is_set() and not any(_due(r) for r in waiting)
        counts.queued = len(waiting)
        self.flush(force=True)
        self._event(portal, "done", counts)

    def _list(self, portal, adapter, listing: FrontierRow, known: dict, counts: PortalCounts, ask) -> bool:
        """One CDX page: queue its article captures; False when the listing failed (retried on a later run)."""
        result = self.fetcher.fetch(listing.url, portal_id=portal.id, kind="cdx", canonical=listing.canonical_url)
        self._log(portal, result, counts)
        try:
            page = parse_cdx(result.body or b"") if result.outcome == "fetched" else None
        except ValueError:
            page, result = None, replace(result, error="not a CDX answer")
        if page is None:
            self._settle(listing, "failed", result.error or result.outcome)
            return False
        for capture in page.captures:
            if not same_site(capture.original, portal.hosts) or not adapter.is_article_url(capture.original):
                continue
            canonical = adapter.canonical(capture.original)
            seen = known.get(canonical)
            if seen is not None:           # stored live or earlier, or already queued
                if seen.kind == "capture" and seen.last_error == NOT_RELEVANT and self.relevance.fetch_all:
                    seen.state, seen.last_error = "pending", None
                    self.batch.frontier[canonical] = seen
                continue
            relevant = self.relevance(capture.original)
            row = FrontierRow(canonical, capture.replay_url(self.settings.wayback_url), portal.id, "capture",
                              state="pending" if relevant else "skipped", last_error=None if relevant else NOT_RELEVANT)
            counts.skipped += not relevant
            known[canonical] = self.batch.frontier[canonical] = row
        if page.resume_key:
            listing.url = ask(limit=self.settings.wayback_page_size, resume_key=page.resume_key)
        else:
            listing.state = "done"
        self.batch.frontier[listing.canonical_url] = listing
        self.flush()
        return True

    def _capture(self, portal: Portal, row: FrontierRow, counts: PortalCounts) -> None:
        result = self.fetcher.fetch(row.url, portal_id=portal.id, kind="article", canonical=row.canonical_url)
        self._log(portal, result, counts)
        where = from_replay(result.final_url or row.url) or from_replay(row.url)
        if result.outcome == "robots_disallowed":
            self._settle(row, "skipped", "robots.txt")
            return
        if result.outcome != "fetched" or result.page is None or where is None:
            self._settle(row, "failed", result.error or result.outcome)
            return
        stamp, original = where
        captured = capture_time(stamp)
        self.batch.pages[row.canonical_url] = replace(result.page, url=original, canonical_url=row.canonical_url,
                                                      portal_id=portal.id, source="wayback", captured_at=captured)
        self._settle(row, "done")
        if result.text:
            article = article_from_html(result.text, url=original, cms=portal.cms, fetched_at=captured,
                                        portal=portal, page_id=row.canonical_url)
            if article.text:
                self.articles.append(article)
                counts.articles += 1
        self.flush()

    # -- bookkeeping -----------------------------------------------------------------------------
    def _may_fetch(self) -> bool:
        if self.stop.is_set() or self.budget == 0:
            return False
        if self.budget is not None:
            self.budget -= 1
        return True

    def _settle(self, row: FrontierRow, outcome: str, error: str | None = None) -> None:
        row.last_error = error
        if outcome == "failed":
            row.attempts += 1
            if row.attempts < self.settings.url_attempts:
                row.next_try_at = state.now() + timedelta(seconds=self.settings.retry_later_s)
            else:
                row.state = "failed"
        else:
            row.state, row.next_try_at = outcome, None
        self.batch.frontier[row.canonical_url] = row

    def _log(self, portal: Portal, result: FetchResult, counts: PortalCounts) -> None:
        self.batch.log.append(LogRow(self.run_id, portal.id, result.url, state.now(), result.status, result.outcome,
                                     result.error, result.elapsed_ms))
        if result.outcome == "fetched":
            counts.fetched += 1
        elif result.outcome == "robots_disallowed":
            counts.robots_skipped += 1
        elif result.outcome in ("failed", "too_large"):
            counts.failed += 1
        self._event(portal, "page", counts, result.url, result.outcome)

    def _event(self, portal: Portal, stage: str, counts: PortalCounts, url: str | None = None,
               outcome: str | None = None) -> None:
        if self.progress:
            self.progress(ProgressEvent(portal.id, stage, counts, url, outcome))

    def flush(self, force: bool = False) -> None:
        """Articles are loaded before their pages are marked stored: a crash in between refetches, never loses."""
        due = time.monotonic() - self.last_flush >= self.settings.batch_seconds
        if not (force or due or len(self.batch) >= self.settings.batch_size) or not (len(self.batch) or self.articles):
            return
        if self.articles and self.on_articles:
            self.report.events += self.on_articles(self.articles) or 0
        with state.patient_session(self.db) as con:
            state.write_batch(con, self.batch)
        self.batch, self.articles, self.last_flush = CrawlBatch(), [], time.monotonic()


def _due(row: FrontierRow) -> bool:
    return row.next_try_at is None or row.next_try_at <= state.now()
