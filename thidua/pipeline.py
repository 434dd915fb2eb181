"""process(): Articles → extract → load, in batches, the database opened only for one batch at a time."""
from __future__ import annotations

import atexit
import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Iterable

from schema import Article, EventRecord

BATCH = 500
CHUNK = 8                        # articles per task sent to a worker process


@dataclass
class ProcessReport:
    articles: int = 0
    events: int = 0              # articles extracted as reporting an event
    events_new: int = 0          # events the warehouse created (others merged into known events)
    errors: int = 0              # articles whose extraction failed (kept with the error)

    def add(self, other: "ProcessReport") -> None:
        for name in ("articles", "events", "events_new", "errors"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


class ExtractorPool:
    """Extraction in spawned worker processes and loading in a background thread, so both run beside a
    crawl; the processes start only when a batch is large enough to be worth it (small runs work inline).

    The crawling process never imports the extractor (spaCy, underthesea, the gazetteer): its one core
    is the fetching's. This module imports the warehouse only where it loads, so that a crawl can start
    the workers before its own heavier modules load. A batch's extraction is queued to the workers the moment it is submitted, so they
    never wait while the loader thread writes the batch before."""

    def __init__(self, workers: int | None = None, min_batch: int = 50):
        self.workers = workers if workers is not None else max(1, (os.cpu_count() or 2) - 1)   # a core for fetching
        self.min_batch = min_batch
        self._pool: ProcessPoolExecutor | None = None
        self._loader: ThreadPoolExecutor | None = None
        self._units: dict[str, Future] = {}

    def warm(self) -> "ExtractorPool":
        """Start the worker processes now (they load the extractor's models while the crawl begins)."""
        if self.workers >= 1 and self._pool is None:
            self._pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"),
                                             initializer=_quick_exit)
            for _ in range(self.workers):
                self._pool.submit(_extract, Article(text="Cụm thi đua số 1 họp sơ kết."))
        return self

    def submit(self, db: str | Path, articles: list[Article]) -> "Future[ProcessReport]":
        """process(db, articles) in the background; batches are loaded in the order submitted."""
        if self._inline(articles):
            done: Future = Future()
            done.set_result(process(db, articles))
            return done
        if self._loader is None:
            self._loader = ThreadPoolExecutor(1, thread_name_prefix="thidua-load")
        units = self._ensure_units(db)
        chunks = self._queue(articles)
        return self._loader.submit(_load_extracted, db, articles, units, chunks)

    def _inline(self, articles: list[Article]) -> bool:
        # once the workers run, a small batch goes to them too: inline it would load the extractor here
        return self.workers < 1 or (self._pool is None and len(articles) < self.min_batch)

    def _queue(self, articles: list[Article]) -> list["Future[list[EventRecord]]"]:
        pool = self.warm()._pool
        return [pool.submit(_extract_all, articles[i:i + CHUNK]) for i in range(0, len(articles), CHUNK)]

    def _ensure_units(self, db: str | Path) -> Future:
        # in a worker, where the gazetteer is loaded already; the database is opened there for one short session
        from thidua.units import ensure_units
        key = str(Path(db).resolve())
        if key not in self._units:
            self._units[key] = self.warm()._pool.submit(ensure_units, db)
        return self._units[key]

    def close(self) -> None:
        if self._loader is not None:
            self._loader.shutdown()
            self._loader = None
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

    def __enter__(self) -> "ExtractorPool":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def process(db: str | Path, articles: Iterable[Article], batch_size: int = BATCH) -> ProcessReport:
    """Extract each article and load the (article, record) pairs, one short write session per batch.

    Example: process("thidua.duckdb", [article_from_html(html, url)]).events
    """
    from thidua.units import ensure_units
    total = ProcessReport()
    iterator = iter(articles)
    ensure_units(db)                     # the gazetteer (and its 2025 map) beside the events, once per database
    while batch := list(islice(iterator, batch_size)):
        total.add(_load(db, [(a, _extract(a)) for a in batch]))
    return total


def _load_extracted(db: str | Path, articles: list[Article], units: Future, chunks: list[Future]) -> ProcessReport:
    units.result()
    return _load(db, list(zip(articles, (r for chunk in chunks for r in chunk.result()))))


def _load(db: str | Path, items: list[tuple[Article, EventRecord]]) -> ProcessReport:
    from warehouse import load_records
    from warehouse.crawl_state import patient_session
    with patient_session(db) as con:
        loaded = load_records(con, items)
    return ProcessReport(articles=len(items), events=sum(r.is_event for _, r in items),
                         events_new=loaded.events_new, errors=sum(r.error is not None for _, r in items))


def _quick_exit() -> None:
    # a worker has sent every result when it exits: tearing down the extractor's models cost the crawl ~0.5 s
    atexit.register(os._exit, 0)


def _extract_all(articles: list[Article]) -> list[EventRecord]:
    return [_extract(a) for a in articles]


def _extract(article: Article) -> EventRecord:
    from extract import extract_article        # spaCy loads in the process that extracts, not in every caller
    try:
        return extract_article(article, source=article.url)
    except Exception as e:   # noqa: BLE001 - one article's failure is recorded, the batch goes on
        return EventRecord(source=article.url or "", title=article.title, published=article.published,
                           error=f"extraction failed: {e!r}"[:300])
