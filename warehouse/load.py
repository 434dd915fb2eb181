"""load_records: articles and their records into the warehouse, in one transaction, idempotently."""
from __future__ import annotations

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
from warehouse.db import session, transaction, upgrade
from warehouse.dedupe import assign_events
from warehouse.merge import rebuild_events
from warehouse.rows import Rows, article_id, text_sha256

CHUNK = 20_000          # items converted and written at a time; bounds memory, not atomicity
ARTICLE_TABLES = ("event_movements", "officials", "event_units", "event_sources", "records", "articles")
EVENT_TABLES = ("event_sources", "event_units", "officials", "event_movements")


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
    with writable(db) as con, transaction(con):
        if con.execute("SELECT 1 FROM loads WHERE load_id = ?", [load_id]).fetchone():
            raise ThiduaError(f"load id {load_id!r} was already used")
        totals: Counter = Counter()
        versions: set[str] = set()
        batch: list[tuple[Article, EventRecord]] = []
        iterator = iter(items)
        while batch := list(islice(iterator, chunk_size)):
            versions |= {r.extractor_version or "" for _, r in batch}
            _load_chunk(con, batch, load_id, now, totals)
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


def _load_chunk(con, batch: list[tuple[Article, EventRecord]], load_id: str, now: datetime,
                totals: Counter) -> None:
    latest = {article_id(a): (a, r) for a, r in batch}           # a repeated article: the last wins
    shas = {aid: text_sha256(a.text) for aid, (a, _) in latest.items()}
    incoming = pa.table({"article_id": pa.array(list(latest), pa.string()),
                         "text_sha256": pa.array([shas[a] for a in latest], pa.string()),
                         "extractor_version": pa.array([r.extractor_version or "" for _, r in latest.values()],
                                                       pa.string())})
    with registered(con, _incoming=incoming):
        stored = con.execute("""
            SELECT i.article_id, a.text_sha256 = i.text_sha256 AND a.extractor_version = i.extractor_version
            FROM _incoming i JOIN articles a USING (article_id)""").fetchall()
    unchanged = {aid for aid, same in stored if same}
    replaced = [aid for aid, same in stored if not same]
    old_events, reusable = _forget(con, replaced)

    rows = Rows()
    for aid, (article, record) in latest.items():
        if aid not in unchanged:
            rows.add_article(aid, article, record, shas[aid], load_id, now)
    for table in ("articles", "records"):
        _insert(con, table, rows)
    reports = rows.tables["event_sources"]["article_id"] if rows.count("event_sources") else []
    assignment = None
    if reports:
        with registered(con, _batch=rows.arrow(con, "event_sources")):
            assignment = assign_events(con, "_batch", list(reports), reusable)
    touched = set(old_events)
    if assignment:
        _retire(con, assignment.retired)
        with registered(con, _assign=assignment.arrow()):
            for table in EVENT_TABLES:
                _insert(con, table, rows, join="_assign")
        touched |= set(assignment.event_of.values()) | set(assignment.retired)
    if touched:
        with registered(con, _touched=pa.table({"event_id": pa.array(sorted(touched), pa.string())})):
            rebuild_events(con, "_touched", load_id)

    totals["articles"] += len(latest)
    totals["unchanged"] += len(unchanged)
    totals["replaced"] += len(replaced)
    totals["non_events"] += rows.count("articles") - len(reports)
    totals["sources"] += len(reports)
    if assignment:
        totals["events_new"] += len(assignment.new_events)
        totals["events_merged"] += len(reports) - len(assignment.new_events) - len(assignment.reused)


def _forget(con, replaced: list[str]) -> tuple[list[str], dict[str, str]]:
    """Delete re-extracted articles' rows; return their old events and the ids they may keep."""
    if not replaced:
        return [], {}
    with registered(con, _replaced=pa.table({"article_id": pa.array(replaced, pa.string())})):
        old = con.execute("SELECT article_id, event_id FROM event_sources "
                          "WHERE article_id IN (SELECT article_id FROM _replaced)").fetchall()
        for table in ARTICLE_TABLES:
            con.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT article_id FROM _replaced)")
    events = sorted({e for _, e in old})
    if not events:
        return [], {}
    with registered(con, _old=pa.table({"event_id": pa.array(events, pa.string())})):
        orphaned = {e for (e,) in con.execute(
            "SELECT event_id FROM _old WHERE event_id NOT IN (SELECT event_id FROM event_sources)").fetchall()}
    return events, {a: e for a, e in old if e in orphaned}


def _retire(con, retired: dict[str, str]) -> None:
    """Point the reports of events merged away at the surviving event."""
    if not retired:
        return
    mapping = pa.table({"retired": pa.array(list(retired), pa.string()),
                        "survivor": pa.array(list(retired.values()), pa.string())})
    with registered(con, _retired=mapping):
        for table in EVENT_TABLES:
            con.execute(f"UPDATE {table} SET event_id = m.survivor FROM _retired m "
                        f"WHERE {table}.event_id = m.retired")


def _insert(con, table: str, rows: Rows, join: str | None = None) -> None:
    if not rows.count(table):
        return
    data = rows.arrow(con, table)
    cols = ", ".join(data.column_names)
    with registered(con, _rows=data):
        if join:
            con.execute(f"INSERT INTO {table} ({cols}, event_id) "
                        f"SELECT r.*, j.event_id FROM _rows r JOIN {join} j USING (article_id)")
        else:
            con.execute(f"INSERT INTO {table} ({cols}) SELECT * FROM _rows")


@contextmanager
def registered(con, **tables: pa.Table) -> Iterator[None]:
    """Arrow tables visible to SQL by name for the length of the block."""
    for name, table in tables.items():
        con.register(name, table)
    try:
        yield
    finally:
        for name in tables:
            con.unregister(name)


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)
