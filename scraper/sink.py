"""Where a crawl's results go: articles as they are read, then each batch of crawl state.

A sink's store(batch) covers the articles read since the previous store: the batch's pages count as
stored only once those articles are loaded, so a crash in between refetches and never loses.
`thidua.pipeline.Writer` is the sink of `thidua crawl` (extraction in worker processes, loading in a
thread); LocalSink, the default, writes in the crawling process and hands articles to a callback."""
from __future__ import annotations

from concurrent.futures import Future
from pathlib import Path
from typing import Callable, Protocol

from schema import Article
from warehouse import crawl_state as state


class Sink(Protocol):
    def read(self, articles: list[Article]) -> None:
        """Articles as the crawl reads them (a sink may start extracting them now)."""

    def store(self, batch: state.CrawlBatch) -> "int | Future":
        """Save the batch and the articles read since the last store; the events found, or a Future of them."""


class LocalSink:
    """Articles to on_articles (which returns the events found), then the batch written here.

    Example: crawl(portals, settings, db, archive, sink=LocalSink(db, lambda arts: process(db, arts).events))
    """

    def __init__(self, db: str | Path, on_articles: Callable[[list[Article]], "int | None"] | None = None):
        self.db, self.on_articles = db, on_articles
        self.articles: list[Article] = []

    def read(self, articles: list[Article]) -> None:
        self.articles.extend(articles)

    def store(self, batch: state.CrawlBatch) -> int:
        articles, self.articles = self.articles, []
        events = self.on_articles(articles) if articles and self.on_articles else 0
        if len(batch):
            with state.patient_session(self.db) as con:
                state.write_batch(con, batch)
        return events
