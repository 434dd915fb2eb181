"""All SQL on the crawl-state tables: portals, pages, frontier, fetch_log, crawl_rounds, crawl_runs."""
from __future__ import annotations

import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable, Iterator

import duckdb
import pyarrow as pa

from schema import Page, ThiduaError
from warehouse.db import connect, transaction


@dataclass(slots=True)
class FrontierRow:
    canonical_url: str
    url: str
    portal_id: str
    kind: str                      # listing | article | sitemap | feed; cdx | capture (Wayback)
    depth: int = 0
    state: str = "pending"         # pending | done | failed | skipped
    attempts: int = 0
    last_error: str | None = None
    next_try_at: datetime | None = None
    round: int | None = None
    title: str | None = None
    discovered_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class LogRow:
    run_id: str
    portal_id: str | None
    url: str
    fetched_at: datetime
    status: int | None
    outcome: str                   # fetched | not_modified | robots_disallowed | failed | too_large | skipped
    error: str | None
    elapsed_ms: int


@dataclass(slots=True)
class CrawlBatch:
    """What the crawl learned since the last write; written in one transaction."""
    frontier: dict[str, FrontierRow] = field(default_factory=dict)   # canonical_url → row (last wins)
    pages: dict[str, Page] = field(default_factory=dict)
    log: list[LogRow] = field(default_factory=list)
    closed_rounds: list[tuple[str, int]] = field(default_factory=list)   # (portal_id, round) finished

    def __len__(self) -> int:
        return len(self.frontier) + len(self.pages) + len(self.log) + len(self.closed_rounds)


@contextmanager
def patient_session(db: str | Path, waits: tuple[float, ...] = (0.05, 0.1, 0.2, 0.4, 0.8, 1.6, 3, 5, 5, 5)) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-write session that waits while a researcher's read-only session holds the file.

    It is short (a crawl batch, a few hundred articles) and runs beside the crawl's threads and extractor
    processes: DuckDB gets one thread, as its parallel operators cost more than they save on batches this
    small (measured: ~4% of a benchmark crawl's CPU and wall time)."""
    for wait in (*waits, None):
        try:
            con = connect(db, threads=1)
        except ThiduaError as e:
            if wait is None or "another" not in str(e):
                raise
            time.sleep(wait)
            continue
        try:
            yield con
        finally:
            con.close()
        return


def now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


_FRONTIER = pa.schema([("canonical_url", pa.string()), ("url", pa.string()), ("portal_id", pa.string()),
                       ("kind", pa.string()), ("depth", pa.int32()), ("state", pa.string()),
                       ("discovered_at", pa.timestamp("us")), ("attempts", pa.int32()),
                       ("last_error", pa.string()), ("next_try_at", pa.timestamp("us")),
                       ("round", pa.int32()), ("title", pa.string())])
_PAGES = pa.schema([("canonical_url", pa.string()), ("url", pa.string()), ("portal_id", pa.string()),
                    ("fetched_at", pa.timestamp("us")), ("status", pa.int32()), ("content_type", pa.string()),
                    ("charset", pa.string()), ("etag", pa.string()), ("last_modified", pa.string()),
                    ("sha256", pa.string()), ("warc_file", pa.string()), ("warc_offset", pa.int64()),
                    ("source", pa.string()), ("captured_at", pa.timestamp("us"))])
_LOG = pa.schema([("run_id", pa.string()), ("portal_id", pa.string()), ("url", pa.string()),
                  ("fetched_at", pa.timestamp("us")), ("status", pa.int32()), ("outcome", pa.string()),
                  ("error", pa.string()), ("elapsed_ms", pa.int32())])


def _table(schema: pa.Schema, rows: Iterable) -> pa.Table:
    rows = list(rows)
    return pa.table({f.name: [getattr(r, f.name) for r in rows] for f in schema}, schema=schema)


def write_batch(con: duckdb.DuckDBPyConnection, batch: CrawlBatch) -> None:
    """Frontier upserts, page upserts, log rows and finished rounds, all or nothing.

    Example: with warehouse.session(db) as con: write_batch(con, batch)
    """
    stamp = now()
    for row in batch.frontier.values():
        row.discovered_at = row.discovered_at or stamp
    with transaction(con):
        if batch.frontier:
            con.register("batch_frontier", _table(_FRONTIER, batch.frontier.values()))
            con.execute("""
                INSERT INTO frontier SELECT * FROM batch_frontier
                ON CONFLICT (canonical_url) DO UPDATE SET
                    state = excluded.state, depth = excluded.depth, attempts = excluded.attempts,
                    last_error = excluded.last_error, next_try_at = excluded.next_try_at,
                    round = excluded.round, title = coalesce(excluded.title, frontier.title)""")
            con.unregister("batch_frontier")
        if batch.pages:
            con.register("batch_pages", _table(_PAGES, batch.pages.values()))
            con.execute("INSERT OR REPLACE INTO pages SELECT * FROM batch_pages")
            con.unregister("batch_pages")
        if batch.log:
            con.register("batch_log", _table(_LOG, batch.log))
            con.execute("INSERT INTO fetch_log SELECT * FROM batch_log")
            con.unregister("batch_log")
        for portal_id, round_ in batch.closed_rounds:
            close_round(con, portal_id, round_)


def save_portals(con: duckdb.DuckDBPyConnection, portals: Iterable) -> None:
    """The registry rows being crawled, as the warehouse views join them."""
    rows = [(p.id, p.name, p.base_url, p.province, p.unit, p.cms, p.evidence, p.checked, now()) for p in portals]
    with transaction(con):
        con.executemany("INSERT OR REPLACE INTO portals VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)


def load_frontier(con: duckdb.DuckDBPyConnection, portal_ids: list[str]) -> list[FrontierRow]:
    if not portal_ids:
        return []
    rows = con.execute("""
        SELECT canonical_url, url, portal_id, kind, depth, state, attempts, last_error, next_try_at, round, title,
               discovered_at
        FROM frontier WHERE portal_id IN (SELECT unnest(?))""", [portal_ids]).fetchall()
    return [FrontierRow(*r) for r in rows]


def load_validators(con: duckdb.DuckDBPyConnection, portal_ids: list[str]) -> dict[str, tuple]:
    """canonical_url → (etag, last_modified, sha256) for the listing, feed and sitemap pages stored."""
    rows = con.execute("""
        SELECT p.canonical_url, p.etag, p.last_modified, p.sha256 FROM pages p
        JOIN frontier f USING (canonical_url)
        WHERE f.kind <> 'article' AND f.portal_id IN (SELECT unnest(?))""", [portal_ids]).fetchall()
    return {r[0]: r[1:] for r in rows}


def open_round(con: duckdb.DuckDBPyConnection, portal_id: str, run_id: str) -> tuple[int, bool]:
    """(round, resumed): the unfinished round continues, else a new one starts."""
    last = con.execute("SELECT round, finished_at FROM crawl_rounds WHERE portal_id = ? ORDER BY round DESC LIMIT 1",
                       [portal_id]).fetchone()
    if last and last[1] is None:
        return last[0], True
    number = (last[0] + 1) if last else 1
    con.execute("INSERT INTO crawl_rounds VALUES (?, ?, ?, ?, NULL)", [portal_id, number, run_id, now()])
    return number, False


def close_round(con: duckdb.DuckDBPyConnection, portal_id: str, round_: int) -> None:
    con.execute("UPDATE crawl_rounds SET finished_at = ? WHERE portal_id = ? AND round = ?", [now(), portal_id, round_])


def start_run(con: duckdb.DuckDBPyConnection, run_id: str, portals: int) -> None:
    con.execute("INSERT INTO crawl_runs (run_id, started_at, portals) VALUES (?, ?, ?)", [run_id, now(), portals])


def finish_run(con: duckdb.DuckDBPyConnection, run_id: str, counts: dict[str, int]) -> None:
    con.execute("""UPDATE crawl_runs SET finished_at = ?, fetched = ?, not_modified = ?, robots_skipped = ?,
                   failed = ?, articles = ?, events = ? WHERE run_id = ?""",
                [now(), counts.get("fetched", 0), counts.get("not_modified", 0), counts.get("robots_skipped", 0),
                 counts.get("failed", 0), counts.get("articles", 0), counts.get("events", 0), run_id])


def stored_articles(con: duckdb.DuckDBPyConnection, portal_ids: list[str] | None = None) -> list[tuple]:
    """(canonical_url, url, portal_id, fetched_at, warc_file, warc_offset) of every stored article page
    (a Wayback capture's fetched_at is its capture time: the adapter version is chosen by it)."""
    sql = """SELECT p.canonical_url, p.url, coalesce(p.portal_id, f.portal_id), coalesce(p.captured_at, p.fetched_at),
                    p.warc_file, p.warc_offset
             FROM pages p JOIN frontier f USING (canonical_url)
             WHERE f.kind IN ('article', 'capture') AND p.status = 200 AND p.warc_file IS NOT NULL"""
    if portal_ids:
        return con.execute(sql + " AND f.portal_id IN (SELECT unnest(?)) ORDER BY 1", [portal_ids]).fetchall()
    return con.execute(sql + " ORDER BY 1").fetchall()
