"""process(): Articles → extract → load, in batches, the database opened only for one batch at a time."""
from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Iterable

from extract import extract_article
from schema import Article, EventRecord
from warehouse import load_records
from warehouse.crawl_state import patient_session

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


class ExtractorPool:
    """Extraction (and loading) in spawned worker processes, so it runs on other cores beside a crawl;
    started only when a batch is large enough to be worth a process start (small runs work inline)."""

    def __init__(self, workers: int | None = None, min_batch: int = 50):
        self.workers = workers if workers is not None else max(1, (os.cpu_count() or 2) - 1)
        self.min_batch = min_batch
        self._pool: ProcessPoolExecutor | None = None

    def extract(self, articles: list[Article]) -> list[EventRecord]:
        if self.workers < 1 or len(articles) < self.min_batch:
            return [_extract(a) for a in articles]
        return list(self._executor().map(_extract, articles, chunksize=16))

    def submit(self, db: str | Path, articles: list[Article]) -> "Future[ProcessReport]":
        """process(db, articles) in a worker process; batches are loaded in the order submitted."""
        if self.workers < 1 or len(articles) < self.min_batch:
            done: Future = Future()
            done.set_result(process(db, articles))
            return done
        return self._executor(single=True).submit(process, db, articles)

    def _executor(self, single: bool = False) -> ProcessPoolExecutor:
        if self._pool is None:
            # one worker when it also loads: the warehouse takes one writer at a time, in order
            workers = 1 if single else self.workers
            self._pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))
        return self._pool

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

    def __enter__(self) -> "ExtractorPool":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def process(db: str | Path, articles: Iterable[Article], batch_size: int = BATCH,
            pool: ExtractorPool | None = None) -> ProcessReport:
    """Extract each article and load the (article, record) pairs, one short write session per batch.

    Example: process("thidua.duckdb", [article_from_html(html, url)]).events
    """
    total = ProcessReport()
    iterator = iter(articles)
    while batch := list(islice(iterator, batch_size)):
        records = pool.extract(batch) if pool is not None else [_extract(a) for a in batch]
        items = list(zip(batch, records))
        with patient_session(db) as con:
            loaded = load_records(con, items)
        total.add(ProcessReport(articles=len(items), events=sum(r.is_event for _, r in items),
                                events_new=loaded.events_new, errors=sum(r.error is not None for _, r in items)))
    return total


def _extract(article: Article) -> EventRecord:
    try:
        return extract_article(article, source=article.url)
    except Exception as e:   # noqa: BLE001 - one article's failure is recorded, the batch goes on
        return EventRecord(source=article.url or "", title=article.title, published=article.published,
                           error=f"extraction failed: {e!r}"[:300])
