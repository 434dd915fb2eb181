"""load_records: articles and their records into the warehouse, in one transaction, idempotently.

Chunk by chunk, articles stored unchanged are skipped, the others are copied into one staging row
each (rows.py), and DuckDB derives and writes their records and event rows (derive.py, write.py);
the events the load touched are rebuilt once at the end. docs/warehouse.md has the measured costs.
"""
from __future__ import annotations

import gc
import secrets
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from itertools import islice
from pathlib import Path
from typing import Iterable, Iterator

import duckdb

from schema import Article, EventRecord, ThiduaError
from warehouse.db import MEMORY_LIMIT, session, transaction, upgrade
from warehouse.rows import article_id
from warehouse.write import Writer

CHUNK = 5_000           # articles staged and written at a time; bounds memory, not atomicity


@dataclass(frozen=True)
class LoadReport:
    load_id: str
    articles: int = 0          # distinct articles received
    unchanged: int = 0         # same text and extractor version as stored: skipped
    replaced: int = 0          # stored before, re-written (new extractor version or new text)
    events_new: int = 0        # events first created by this load
    events_merged: int = 0     # reports that joined an event another article already reports
    sources: int = 0           # event ↔ article links written
    non_events: int = 0        # articles kept with their record but reporting no event


def load_records(db: str | Path | duckdb.DuckDBPyConnection,
                 items: Iterable[tuple[Article, EventRecord]],
                 load_id: str | None = None, chunk_size: int = CHUNK) -> LoadReport:
    """Load (article, record) pairs; all of it commits or none of it does.

    Example: load_records("thidua.duckdb", [(article, extract_article(article))]).events_new
    """
    now = _now()
    load_id = load_id or f"load-{now:%Y%m%dT%H%M%S%f}-{secrets.token_hex(3)}"   # sorts in load order
    with writable(db) as con, transaction(con), _no_gc():
        if con.execute("SELECT 1 FROM loads WHERE load_id = ?", [load_id]).fetchone():
            raise ThiduaError(f"load id {load_id!r} was already used")
        versions: set[str] = set()
        try:
            writer = Writer(con, load_id, now)
            iterator = iter(items)
            while batch := list(islice(iterator, chunk_size)):
                versions |= {r.extractor_version or "" for _, r in batch}
                writer.chunk({article_id(a): (a, r) for a, r in batch})    # a repeated article: the last wins
            totals = writer.finish()
        except duckdb.Error as e:
            if not _out_of_memory(e):
                raise
            raise ThiduaError(f"the load ran out of memory (DuckDB may use {MEMORY_LIMIT}); "
                              f"nothing was written: load fewer articles at a time") from e
        report = LoadReport(load_id, **totals)
        con.execute("INSERT INTO loads VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [load_id, now, _now(), report.articles, report.unchanged, report.replaced,
                     report.non_events, report.events_new, report.events_merged, report.sources,
                     sorted(versions)])
    return report


@contextmanager
def writable(db: str | Path | duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """The caller's connection as it is, or a short read-write session on a path."""
    if isinstance(db, duckdb.DuckDBPyConnection):
        upgrade(db)
        yield db
    else:
        with session(db) as con:
            yield con


def _out_of_memory(error: BaseException | None) -> bool:
    """DuckDB sometimes reports a failed allocation as the aborted transaction that follows it."""
    while error is not None:
        if isinstance(error, duckdb.OutOfMemoryException):
            return True
        error = error.__cause__ or error.__context__
    return False


@contextmanager
def _no_gc() -> Iterator[None]:
    """Bulk row building makes millions of short-lived containers; cyclic GC passes only slow it."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)
