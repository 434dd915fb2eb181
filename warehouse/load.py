"""load_records: articles and their records into the warehouse, in one transaction, idempotently.

The Python half of a load (comparing with what is stored, building Arrow rows) runs on the calling
thread while a writer thread appends the previous chunk to DuckDB, so both cores work.
"""
from __future__ import annotations

import gc
import queue
import secrets
import threading
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from itertools import islice
from pathlib import Path
from typing import Iterable, Iterator

import duckdb
import pyarrow as pa

from schema import Article, EventRecord, ThiduaError
from warehouse.db import MEMORY_LIMIT, session, transaction, upgrade
from warehouse.rows import COLUMNS, Rows, article_id, column_types, text_sha256
from warehouse.staging import registered
from warehouse.write import Prepared, write_chunk

CHUNK = 5_000           # articles converted and written at a time; bounds memory, not atomicity


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
    load_id = load_id or f"load-{now:%Y%m%dT%H%M%S}-{secrets.token_hex(3)}"
    with writable(db) as con, transaction(con), _no_gc():
        if con.execute("SELECT 1 FROM loads WHERE load_id = ?", [load_id]).fetchone():
            raise ThiduaError(f"load id {load_id!r} was already used")
        types = column_types(con)
        versions: set[str] = set()
        seen: dict[str, tuple[str, int]] = {}
        reader = con.cursor()       # sees the database as committed before this load
        try:
            with Writer(con, load_id) as writer:
                iterator = iter(items)
                while batch := list(islice(iterator, chunk_size)):
                    versions |= {r.extractor_version or "" for _, r in batch}
                    writer.put(prepare(reader, batch, seen, types, load_id, now))
        except duckdb.Error as e:
            if not _out_of_memory(e):
                raise
            raise ThiduaError(f"the load ran out of memory (DuckDB may use {MEMORY_LIMIT}); "
                              f"nothing was written: load fewer articles at a time") from e
        finally:
            reader.close()
        report = LoadReport(load_id, **writer.totals)
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


def prepare(reader, batch: list[tuple[Article, EventRecord]], seen: dict[str, tuple[str, int]],
            types: dict[str, dict[str, str]], load_id: str, now: datetime) -> Prepared:
    """The Python half of a chunk: which articles changed, and their rows as Arrow tables."""
    latest = {article_id(a): (a, r) for a, r in batch}           # a repeated article: the last wins
    unchanged, replaced = _compare(reader, latest, seen)
    rows = Rows()
    for aid, (article, record) in latest.items():
        if aid not in unchanged:
            rows.add_article(aid, article, record, load_id, now)
    return Prepared(articles=len(latest), unchanged=len(unchanged), replaced=replaced,
                    tables={t: rows.arrow(types, t) for t in COLUMNS if rows.count(t)},
                    reports=[r[0] for r in rows.rows["event_sources"]])


def _compare(reader, latest: dict[str, tuple[Article, EventRecord]],
             seen: dict[str, tuple[str, int]]) -> tuple[set[str], list[str]]:
    """Articles stored (or loaded earlier in this call) with the same text and extractor version,
    and those stored with another."""
    fresh = [aid for aid in latest if aid not in seen]
    stored: dict[str, tuple[str, str]] = {}
    if fresh:
        with registered(reader, _incoming=pa.table({"article_id": pa.array(fresh, pa.string())})):
            stored = {aid: (version, sha) for aid, version, sha in reader.execute(
                "SELECT article_id, extractor_version, text_sha256 FROM articles "
                "WHERE article_id IN (SELECT article_id FROM _incoming)").fetchall()}
    unchanged, replaced = set(), []
    for aid, (article, record) in latest.items():
        version = record.extractor_version or ""
        if aid in seen:
            same = seen[aid] == (version, hash(article.text))
        elif aid in stored:
            same = stored[aid] == (version, text_sha256(article.text))
        else:
            same = None
        if same:
            unchanged.add(aid)
        elif same is not None:
            replaced.append(aid)
        seen[aid] = (version, hash(article.text))
    return unchanged, replaced


class Writer:
    """A thread appending prepared chunks on the load's connection, one at a time, in order."""

    def __init__(self, con: duckdb.DuckDBPyConnection, load_id: str):
        self.con, self.load_id = con, load_id
        self.totals: Counter = Counter()
        self.error: BaseException | None = None
        self.queue: queue.Queue = queue.Queue(maxsize=1)
        self.thread = threading.Thread(target=self._run, name="thidua-load-writer", daemon=True)

    def __enter__(self) -> "Writer":
        self.thread.start()
        return self

    def put(self, chunk: Prepared) -> None:
        while True:
            if self.error is not None:
                raise self.error
            try:
                self.queue.put(chunk, timeout=0.05)
                return
            except queue.Full:
                continue

    def _run(self) -> None:
        while (chunk := self.queue.get()) is not None:
            if self.error is None:                # after a failure, drain without writing
                try:
                    write_chunk(self.con, chunk, self.load_id, self.totals)
                except BaseException as e:        # re-raised on the calling thread
                    self.error = e

    def __exit__(self, exc_type, exc, tb) -> None:
        self.queue.put(None)
        self.thread.join()
        if exc_type is None and self.error is not None:
            raise self.error


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
