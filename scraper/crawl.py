"""crawl(): many portals in parallel (one request at a time per host), state saved in short batches."""
from __future__ import annotations

import queue
import secrets
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Callable

from schema import Article, Page
from scraper.archive import Archive
from scraper.cms import get_adapter
from scraper.conditional import Validators
from scraper.fetch import Fetcher
from scraper.frontier import Known, PortalFrontier
from scraper.portals import Portal
from scraper.relevance import Relevance
from scraper.settings import CrawlSettings
from scraper.sink import LocalSink, Sink
from scraper.visit import visit
from warehouse import crawl_state as state
from warehouse.crawl_state import FrontierRow, LogRow, patient_session

READ_CHUNK = 8                   # articles handed to the sink together as they are read
OUTCOMES = ("fetched", "not_modified", "robots_skipped", "failed", "skipped")


@dataclass
class PortalCounts:
    fetched: int = 0
    not_modified: int = 0
    robots_skipped: int = 0
    failed: int = 0
    skipped: int = 0             # links judged not relevant, never fetched
    articles: int = 0
    queued: int = 0              # what is left in the portal's queue
    finished: bool = False


@dataclass
class CrawlReport:
    run_id: str
    portals: dict[str, PortalCounts] = field(default_factory=dict)
    events: int = 0
    elapsed_s: float = 0.0
    interrupted: bool = False    # stopped by a signal or --max-pages before every portal was done

    def total(self, name: str) -> int:
        return sum(getattr(c, name) for c in self.portals.values())

    def summary(self) -> dict[str, int]:
        return {**{n: self.total(n) for n in (*OUTCOMES, "articles")}, "events": self.events}


@dataclass(frozen=True, slots=True)
class ProgressEvent:
    portal_id: str
    stage: str                   # start | page | done
    counts: PortalCounts
    url: str | None = None
    outcome: str | None = None


@dataclass
class _Result:
    portal_id: str
    rows: list[FrontierRow]
    page: Page | None = None
    log: LogRow | None = None
    article: Article | None = None
    done_round: int | None = None   # the portal's queue is empty: its round is finished
    stopped: bool = False


class _Budget:
    def __init__(self, limit: int | None):
        self.left, self.lock = limit, threading.Lock()

    def take(self) -> bool:
        with self.lock:
            if self.left is None:
                return True
            if self.left <= 0:
                return False
            self.left -= 1
            return True


def crawl(portals: list[Portal], settings: CrawlSettings, db: str | Path, archive: str | Path, *,
          since: date | None = None, max_pages: int | None = None,
          on_articles: Callable[[list[Article]], "int | None"] | None = None, sink: Sink | None = None,
          progress: Callable[[ProgressEvent], None] | None = None,
          stop: threading.Event | None = None, run_id: str | None = None) -> CrawlReport:
    """Fetch new pages of each portal and hand what was read to the sink: by default LocalSink(db, on_articles),
    which gives each batch of Articles to on_articles (returning the events found) and writes the crawl state here.

    Example: crawl(load_portals(), CrawlSettings(), "thidua.duckdb", "thidua-archive", on_articles=print)
    """
    started = time.monotonic()
    run_id = run_id or f"crawl-{time.strftime('%Y%m%dT%H%M%S')}-{secrets.token_hex(3)}"
    stop = stop or threading.Event()
    report = CrawlReport(run_id, {p.id: PortalCounts() for p in portals})
    ids = [p.id for p in portals]
    with patient_session(db) as con:
        state.save_portals(con, portals)
        state.start_run(con, run_id, len(portals))
        rounds = {p.id: state.open_round(con, p.id, run_id)[0] for p in portals}
        known = Known(state.load_frontier(con, ids))
        validators = {k: Validators(*v) for k, v in state.load_validators(con, ids).items()}
    relevance = Relevance(settings.relevance_cues, settings.fetch_all)
    frontiers = [PortalFrontier(p, get_adapter(p.cms), rounds[p.id], known, relevance, since) for p in portals]
    archive_ = Archive(archive, settings.archive_rotate_bytes)
    fetcher = Fetcher(settings, archive_)
    results: queue.Queue[_Result] = queue.Queue()
    budget = _Budget(max_pages)
    worker = _Worker(fetcher, settings, validators, results, budget, stop, run_id)
    try:
        with ThreadPoolExecutor(max_workers=max(1, min(settings.threads, len(frontiers)))) as pool:
            for frontier in frontiers:
                pool.submit(worker.run, frontier)
            _consume(results, len(frontiers), report, sink or LocalSink(db, on_articles), settings, progress)
    finally:
        fetcher.close()
        archive_.close()
    report.interrupted = not all(c.finished for c in report.portals.values())
    report.elapsed_s = time.monotonic() - started
    with patient_session(db) as con:
        state.finish_run(con, run_id, report.summary())
    return report


class _Worker:
    def __init__(self, fetcher, settings, validators, results, budget, stop, run_id):
        self.fetcher, self.settings, self.validators = fetcher, settings, validators
        self.results, self.budget, self.stop, self.run_id = results, budget, stop, run_id

    def run(self, frontier: PortalFrontier) -> None:
        portal = frontier.portal
        finished = False
        try:
            self.fetcher.configure_host(portal.base_url, portal.delay, portal.verify_tls)
            self.results.put(_Result(portal.id, []))          # "start"
            frontier.resume()
            self._seed(frontier)
            while not self.stop.is_set():
                row = frontier.next()
                if row is None:
                    finished = True
                    break
                if not self.budget.take():
                    frontier.hubs.appendleft(row) if row.kind != "article" else frontier.articles.appendleft(row)
                    break
                self.results.put(self._visit(frontier, row))
        except Exception as e:   # noqa: BLE001 - one portal's bug must not end the others' crawl
            self.results.put(_Result(portal.id, frontier.take_changes(),
                                     log=LogRow(self.run_id, portal.id, portal.base_url, state.now(), None, "failed",
                                                f"crawler error: {e!r}"[:300], 0)))
        self.results.put(_Result(portal.id, frontier.take_changes(), done_round=frontier.round if finished else None,
                                 stopped=not finished))

    def _seed(self, frontier: PortalFrontier) -> None:
        portal = frontier.portal
        for url in portal.sitemaps:
            frontier.offer_hub(url, "sitemap", 0)
        for url in portal.feeds:
            frontier.offer_hub(url, "feed", 0)
        for url in portal.start_urls or ((portal.base_url,) if not (portal.feeds or portal.sitemaps) else ()):
            frontier.offer_hub(url, "listing", 0)
        if self.settings.obey_robots:
            for url in self.fetcher.robots.for_url(portal.base_url).sitemaps():
                frontier.offer_hub(url, "sitemap", 0)

    def _visit(self, frontier: PortalFrontier, row: FrontierRow) -> _Result:
        checks = self.validators.get(row.canonical_url) if row.kind != "article" else None
        result = self.fetcher.fetch(row.url, portal_id=frontier.portal.id, kind=row.kind, validators=checks,
                                    canonical=row.canonical_url)
        article = None
        try:
            article = visit(frontier, row, result, self.settings, checks)
        except Exception as e:   # noqa: BLE001 - an adapter bug on one page: keep the page, log the error
            frontier.settle(row, "done", f"not read: {e!r}"[:300])
        log = LogRow(self.run_id, frontier.portal.id, row.url, state.now(), result.status, result.outcome,
                     result.error, result.elapsed_ms)
        return _Result(frontier.portal.id, frontier.take_changes(), page=result.page, log=log, article=article)


def _consume(results: queue.Queue, workers: int, report: CrawlReport, sink: Sink, settings: CrawlSettings,
             progress) -> None:
    batch, articles = state.CrawlBatch(), []
    waiting: list = []       # stores under way (events or Futures of them), oldest first
    last_flush = time.monotonic()
    while workers or len(batch) or articles or waiting:
        try:
            item = results.get(timeout=0.2) if workers else None
        except queue.Empty:
            item = None
        if item is not None:
            workers -= _absorb(item, report, batch, articles, progress)
        if len(articles) >= READ_CHUNK:
            sink.read(articles)
            articles = []
        due = time.monotonic() - last_flush >= settings.batch_seconds
        if len(batch) >= settings.batch_size or (due and len(batch)) or (not workers and (len(batch) or articles)):
            if articles:
                sink.read(articles)
            waiting.append(sink.store(batch))
            batch, articles, last_flush = state.CrawlBatch(), [], time.monotonic()
        while waiting and (not isinstance(waiting[0], Future) or waiting[0].done() or len(waiting) > 2 or not workers):
            outcome = waiting.pop(0)
            report.events += _events(outcome.result() if isinstance(outcome, Future) else outcome)


def _absorb(item: _Result, report: CrawlReport, batch: state.CrawlBatch, articles: list, progress) -> int:
    """Add one worker result to the batch; 1 when it ends its portal's work."""
    counts = report.portals[item.portal_id]
    for row in item.rows:
        batch.frontier[row.canonical_url] = row
        if row.state == "skipped" and row.last_error == "not relevant":
            counts.skipped += 1
    if item.page is not None:
        batch.pages[item.page.canonical_url] = item.page
    if item.log is not None:
        batch.log.append(item.log)
        _count(counts, item.log.outcome)
    if item.article is not None and item.article.text:
        articles.append(item.article)
        counts.articles += 1
    stage, ended = ("page" if item.log else "start"), 0
    if item.done_round is not None or item.stopped:
        ended, counts.finished, stage = 1, item.done_round is not None, "done"
        if item.done_round is not None:
            batch.closed_rounds.append((item.portal_id, item.done_round))
    if progress:
        progress(ProgressEvent(item.portal_id, stage, counts, item.log.url if item.log else None,
                               item.log.outcome if item.log else None))
    return ended


def _events(outcome) -> int:
    return outcome if isinstance(outcome, int) else getattr(outcome, "events", 0) or 0


def _count(counts: PortalCounts, outcome: str) -> None:
    if outcome == "fetched":
        counts.fetched += 1
    elif outcome == "not_modified":
        counts.not_modified += 1
    elif outcome == "robots_disallowed":
        counts.robots_skipped += 1
    elif outcome in ("failed", "too_large"):
        counts.failed += 1
