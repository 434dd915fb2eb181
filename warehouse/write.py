"""The DuckDB half of a load: chunks of articles and their reports written as they come.

`Writer.chunk` stores each chunk's articles and records, gives the events they report ids
(dedupe.py) and writes their rows; `Writer.finish` rebuilds every event the load touched (merge.py),
once. All of it runs inside the caller's transaction.
"""
from __future__ import annotations

from collections import Counter
from datetime import datetime

import duckdb
import pyarrow as pa

from schema import ThiduaError
from warehouse import derive
from warehouse.dedupe import assign_events
from warehouse.merge import rebuild_events
from warehouse.rows import Staging
from warehouse.staging import registered

ARTICLE_TABLES = ("event_movements", "officials", "event_units", "event_sources", "records", "articles")
EVENT_TABLES = ("event_sources", "event_units", "officials", "event_movements")


class Writer:
    def __init__(self, con: duckdb.DuckDBPyConnection, load_id: str, now: datetime) -> None:
        self.con, self.load_id, self.now = con, load_id, now
        self.totals: Counter = Counter()
        self.touched: set[str] = set()         # events whose rows finish() rebuilds

    def chunk(self, pairs: dict) -> None:
        """Write one chunk of article_id → (Article, EventRecord): new and changed articles only,
        and the events they report, matched to those already stored."""
        con = self.con
        staged = Staging(pairs).arrow()
        bad = _query(con, staged, "_c", derive.BAD_DATE).fetchall()
        if bad:
            raise ThiduaError(f"{bad[0][0]}: event_date {bad[0][1]!r} is not an ISO date")
        stored = dict(_query(con, staged, "_c", derive.COMPARE).fetchall())
        replaced = [a for a, same in stored.items() if not same]
        reusable = self._forget(replaced)
        fresh = staged.filter(pa.array([not stored.get(a) for a in pairs], pa.bool_()))
        fresh = fresh.append_column("load_id", pa.array([self.load_id] * len(fresh), pa.string())) \
                     .append_column("loaded_at", pa.array([self.now] * len(fresh), pa.timestamp("us")))
        _query(con, fresh, "_c", derive.ARTICLES)
        _query(con, fresh, "_c", derive.RECORDS)
        batch = _query(con, fresh, "_c", derive.BATCH).to_arrow_table()
        reports = batch.column("article_id").to_pylist()
        if reports:
            assignment = assign_events(con, batch, reports, reusable)
            self._retire(assignment.retired)
            batch = batch.append_column("event_id", pa.array([assignment.event_of[a] for a in reports], pa.string()))
            for sql in derive.WRITE.values():
                _query(con, batch, "_batch", sql)
            self.touched |= assignment.touched
            self.totals["reused"] += len(assignment.reused)
        self.totals["articles"] += len(pairs)
        self.totals["unchanged"] += len(stored) - len(replaced)
        self.totals["replaced"] += len(replaced)
        self.totals["sources"] += len(reports)
        self.totals["non_events"] += len(fresh) - len(reports)

    def finish(self) -> Counter:
        """Rebuild every event the load touched; count the events it created."""
        if self.touched:
            with registered(self.con, _touched=pa.table({"event_id": pa.array(sorted(self.touched), pa.string())})):
                rebuild_events(self.con, self.load_id, "_touched")
        totals = self.totals
        (totals["events_new"],), = self.con.execute(
            "SELECT count(*) FROM events WHERE first_load_id = ?", [self.load_id]).fetchall()
        totals["events_merged"] = totals["sources"] - totals["events_new"] - totals.pop("reused", 0)
        return totals

    def _forget(self, replaced: list[str]) -> dict[str, str]:
        """Delete re-extracted articles' rows; the events they reported are rebuilt, and an event
        left with no report lends its id back to the article (returned: article → event id)."""
        if not replaced:
            return {}
        con = self.con
        with registered(con, _replaced=pa.table({"article_id": pa.array(replaced, pa.string())})):
            old = dict(con.execute("SELECT article_id, event_id FROM event_sources "
                                   "WHERE article_id IN (SELECT article_id FROM _replaced)").fetchall())
            for table in ARTICLE_TABLES:
                con.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT article_id FROM _replaced)")
        if not old:
            return {}
        self.touched |= set(old.values())
        with registered(con, _old=pa.table({"event_id": pa.array(sorted(set(old.values())), pa.string())})):
            orphaned = {e for (e,) in con.execute(
                "SELECT event_id FROM _old WHERE event_id NOT IN (SELECT event_id FROM event_sources)").fetchall()}
        return {a: e for a, e in old.items() if e in orphaned}

    def _retire(self, retired: dict[str, str]) -> None:
        """Point the reports of events merged away at the surviving event."""
        if not retired:
            return
        mapping = pa.table({"retired": pa.array(list(retired), pa.string()),
                            "survivor": pa.array(list(retired.values()), pa.string())})
        with registered(self.con, _retired=mapping):
            for table in EVENT_TABLES:
                self.con.execute(f"UPDATE {table} SET event_id = m.survivor FROM _retired m "
                                 f"WHERE {table}.event_id = m.retired")


def _query(con: duckdb.DuckDBPyConnection, table: pa.Table, name: str, sql: str) -> duckdb.DuckDBPyRelation:
    """Run `sql` over an Arrow table known to it as `name`, read in place (not copied to a temp table)."""
    return con.from_arrow(table).query(name, sql)
