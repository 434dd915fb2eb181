"""process(): Articles → extract → load, in batches, the database opened only for one batch at a time;
Writer: the same beside a crawl (extraction in worker processes), with the crawl's state in the same session."""
from __future__ import annotations

import atexit
import multiprocessing
import os
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable

from schema import Article, EventRecord

if TYPE_CHECKING:
    from warehouse.crawl_state import CrawlBatch

BATCH = 500


@dataclass
class ProcessReport:
    articles: int = 0
    events: int = 0              # articles extracted as reporting an event
    events_new: int = 0          # events the warehouse created (others merged into known events)
    errors: int = 0              # articles whose extraction failed (kept with the error)

    def add(self, other: "ProcessReport") -> None:
        for name in ("articles", "events", "events_new", "errors"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


class Writer:
    """The sink of `thidua crawl`: articles go to extractor processes the moment the crawl reads them, and a
    loader thread here stores each batch, records and crawl state in one session and transaction, in order.

    The crawling process never imports the extractor (spaCy, underthesea, the gazetteer): the workers do,
    and fill the units table. They start in the background (the crawl holds what it reads meanwhile). A
    small crawl starts none: until `min_articles` articles are read (or warm() is called), batches are
    extracted and stored inline.

    Example: with Writer("thidua.duckdb") as sink: crawl(portals, settings, db, archive, sink=sink)
    """

    def __init__(self, db: str | Path, workers: int | None = None, min_articles: int = 50,
                 on_stored: "Callable[[Future[ProcessReport]], None] | None" = None):
        self.db, self.min_articles, self.on_stored = str(db), min_articles, on_stored
        self.workers = workers if workers is not None else default_workers()
        self._pool: ProcessPoolExecutor | None = None
        self._units: Future | None = None
        self._loader: ThreadPoolExecutor | None = None
        self._started: Future | None = None                         # the workers' start, in the loader thread
        self._held: list[Article] = []                              # read while no worker could take them
        self._read: list[tuple[list[Article], Future]] = []         # read since the last store, being extracted

    def warm(self) -> "Writer":
        """Start the workers, in the background: they load the extractor's models while the crawl begins."""
        if self._started is None:
            self._loader = ThreadPoolExecutor(1, thread_name_prefix="thidua-store")
            self._started = self._loader.submit(self._start_workers)
        return self

    def _start_workers(self) -> None:
        # with a forkserver the first worker is forked only once the server has loaded the extractor (~1.5 s)
        self._pool = ProcessPoolExecutor(self.workers, mp_context=_worker_context(), initializer=_worker_started)
        self._units = self._pool.submit(_ensure_units, self.db)      # in a worker: the gazetteer is loaded there

    def read(self, articles: list[Article]) -> None:
        self._held.extend(articles)
        if self._started is None and len(self._held) >= self.min_articles:
            self.warm()
        if self._started is not None and self._started.done():
            self._started.result()                                  # a failed start is raised here
            self._read.append((self._held, self._pool.submit(_extract_all, self._held)))
            self._held = []

    def store(self, batch: CrawlBatch) -> "Future[ProcessReport]":
        held, self._held = self._held, []
        if self._started is None:
            future: Future = Future()
            if held:
                _ensure_units(self.db)                 # here: this small crawl has no worker
            future.set_result(store(self.db, [(a, _extract(a)) for a in held], batch))
        else:
            read, self._read = self._read, []
            future = self._loader.submit(self._store_read, batch, read, held)
        if self.on_stored:
            future.add_done_callback(self.on_stored)
        return future

    def _store_read(self, batch: CrawlBatch, read: list[tuple[list[Article], Future]], held: list[Article]) -> ProcessReport:
        # in the loader thread, after _start_workers: articles held while the workers started go to them now
        self._started.result()
        if held:
            read = [*read, (held, self._pool.submit(_extract_all, held))]
        self._units.result()
        return store(self.db, [(a, r) for articles, records in read for a, r in zip(articles, records.result())], batch)

    def close(self) -> None:
        if self._loader is not None:
            self._loader.shutdown()
            self._loader = None
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

    def __enter__(self) -> "Writer":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def process(db: str | Path, articles: Iterable[Article], batch_size: int = BATCH) -> ProcessReport:
    """Extract each article and load the (article, record) pairs, one short write session per batch.

    Example: process("thidua.duckdb", [article_from_html(html, url)]).events
    """
    total = ProcessReport()
    iterator = iter(articles)
    _ensure_units(db)                    # the gazetteer (and its 2025 map) beside the events, once per database
    while batch := list(islice(iterator, batch_size)):
        total.add(store(db, [(a, _extract(a)) for a in batch]))
    return total


def store(db: str | Path, items: list[tuple[Article, EventRecord]], batch: CrawlBatch | None = None) -> ProcessReport:
    """Load the (article, record) pairs, and write a crawl's batch of state with them, in one session and
    transaction (the units table is the caller's: ensure_units first)."""
    from warehouse import load_records
    from warehouse.crawl_state import patient_session, write_batch
    from warehouse.db import transaction
    with patient_session(db) as con, transaction(con):
        loaded = load_records(con, items) if items else None
        if batch is not None:
            write_batch(con, batch)
    return ProcessReport(articles=len(items), events=sum(r.is_event for _, r in items),
                         events_new=loaded.events_new if loaded else 0, errors=sum(r.error is not None for _, r in items))


def _ensure_units(db: str | Path) -> int:
    """thidua.units.ensure_units, imported where it runs (it loads the gazetteer)."""
    from thidua.units import ensure_units as ensure
    return ensure(db)


def _extract_all(articles: list[Article]) -> list[EventRecord]:
    return [_extract(a) for a in articles]


def default_workers() -> int:
    """Every core, when workers fork from a forkserver: one more costs a fork, and it extracts on the
    fetching's core once the fetching is done (−8% wall time on the crawl benchmark). Spawned workers each
    start from scratch (1.5 s of CPU): then a core is left to the fetching."""
    cores = os.cpu_count() or 2
    return cores if _FORKSERVER else max(1, cores - 1)


_FORKSERVER = "forkserver" in multiprocessing.get_all_start_methods()


def _worker_context():
    """forkserver where the platform has one: the server imports the extractor once (thidua.forkserver_preload)
    and every worker forks from it with the models loaded; spawn elsewhere."""
    if not _FORKSERVER:
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["thidua.forkserver_preload"])
    return context


def _worker_started() -> None:
    # a worker has sent every result when it exits: tearing down the extractor's models cost the crawl ~0.5 s
    atexit.register(os._exit, 0)
    threading.Thread(target=_exit_with, args=(os.getppid(),), daemon=True, name="thidua-parent-watch").start()


def _exit_with(parent: int) -> None:
    # a crawl killed outright (SIGKILL) leaves its workers waiting for work that never comes: they go too
    # (the parent is the crawl, or the forkserver, which ends with it)
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)


def _extract(article: Article) -> EventRecord:
    from extract import extract_article        # spaCy loads in the process that extracts, not in every caller
    try:
        return extract_article(article, source=article.url)
    except Exception as e:   # noqa: BLE001 - one article's failure is recorded, the batch goes on
        return EventRecord(source=article.url or "", title=article.title, published=article.published,
                           error=f"extraction failed: {e!r}"[:300])
