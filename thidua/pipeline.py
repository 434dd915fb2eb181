"""process(): Articles → extract → load, in batches, the database opened only for one batch at a time."""
from __future__ import annotations

from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Iterable

from extract import extract_article
from schema import Article, EventRecord
from warehouse import load_records
from warehouse.crawl_state import patient_session

BATCH = 200


@dataclass
class ProcessReport:
    articles: int = 0
    events: int = 0              # articles extracted as reporting an event
    events_new: int = 0          # events the warehouse created (others merged into known events)
    errors: int = 0              # articles whose extraction failed (kept with the error)

    def add(self, other: "ProcessReport") -> None:
        for name in ("articles", "events", "events_new", "errors"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def process(db: str | Path, articles: Iterable[Article], batch_size: int = BATCH) -> ProcessReport:
    """Extract each article and load the (article, record) pairs, one short write session per batch.

    Example: process("thidua.duckdb", [article_from_html(html, url)]).events
    """
    total = ProcessReport()
    iterator = iter(articles)
    while batch := list(islice(iterator, batch_size)):
        items = [(a, _extract(a)) for a in batch]
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
