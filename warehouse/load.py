"""load_records: articles and their records into the warehouse, in one transaction, idempotently.

Each chunk is prepared in Python (compared with what is stored, turned into Arrow tables) and then
written by DuckDB (write.py). A writer thread overlapping the two gained nothing: DuckDB's Arrow
scans wait for the interpreter lock the preparing thread holds.
"""
from __future__ import annotations

import gc
import secrets
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
    load_id = load_id or f"load-{now:%Y%m%dT%H%M%S%f}-{secrets.token_hex(3)}"   # sorts in load order
    with writable(db) as con, transaction(con), _no_gc():
        if con.execute("SELECT 1 FROM loads WHERE load_id = ?", [load_id]).fetchone():
            raise ThiduaError(f"load id {load_id!r} was already used")
        types = column_types(con)
        versions: set[str] = set()
        totals: Counter = Counter()
        try:
            iterator = iter(items)
            while batch := list(islice(iterator, chunk_size)):
                versions |= {r.extractor_version or "" for _, r in batch}
                write_chunk(con, prepare(con, batch, types, load_id, now), load_id, totals)
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


def prepare(con, batch: list[tuple[Article, EventRecord]], types: dict[str, dict[str, str]],
            load_id: str, now: datetime) -> Prepared:
    """The Python half of a chunk: which articles changed, and their rows as Arrow tables."""
    latest = {article_id(a): (a, r) for a, r in batch}           # a repeated article: the last wins
    unchanged, replaced = _compare(con, latest)
    rows = Rows()
    for aid, (article, record) in latest.items():
        if aid not in unchanged:
            rows.add_article(aid, article, record, load_id, now)
    return Prepared(articles=len(latest), unchanged=len(unchanged), replaced=replaced,
                    tables={t: rows.arrow(types, t) for t in COLUMNS if rows.count(t)},
                    reports=[r[0] for r in rows.rows["event_sources"]])


def _compare(con, latest: dict[str, tuple[Article, EventRecord]]) -> tuple[set[str], list[str]]:
    """Stored articles (earlier chunks included) with the same text and extractor version, and the
    stored ones with another."""
    with registered(con, _incoming=pa.table({"article_id": pa.array(list(latest), pa.string())})):
        stored = con.execute("SELECT article_id, extractor_version, text_sha256 FROM articles "
                             "WHERE article_id IN (SELECT article_id FROM _incoming)").fetchall()
    unchanged, replaced = set(), []
    for aid, version, sha in stored:
        article, record = latest[aid]
        if version == (record.extractor_version or "") and sha == text_sha256(article.text):
            unchanged.add(aid)
        else:
            replaced.append(aid)
    return unchanged, replaced


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
