"""The DuckDB half of a load: one prepared chunk into the tables, events matched and rebuilt."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import duckdb
import pyarrow as pa

from warehouse.dedupe import assign_events
from warehouse.merge import rebuild_events
from warehouse.staging import registered

ARTICLE_TABLES = ("event_movements", "officials", "event_units", "event_sources", "records", "articles")
EVENT_TABLES = ("event_sources", "event_units", "officials", "event_movements")
_BATCH_REPORTS = "(SELECT b.*, j.event_id FROM _batch b JOIN _assign j USING (article_id))"


@dataclass
class Prepared:
    """A chunk converted to Arrow by the Python half: what to delete, what to append."""
    articles: int                                   # distinct articles in the chunk
    unchanged: int
    replaced: list[str]
    tables: dict[str, pa.Table] = field(default_factory=dict)
    reports: list[str] = field(default_factory=list)   # articles reporting an event

    def rows(self, table: str) -> int:
        return self.tables[table].num_rows if table in self.tables else 0


def write_chunk(con: duckdb.DuckDBPyConnection, chunk: Prepared, load_id: str, totals: Counter) -> None:
    """Replace re-extracted articles, append the new rows, give reports their events, rebuild those."""
    old_events, reusable = _forget(con, chunk.replaced)
    _insert(con, chunk, "articles", text_sha256="sha256(r.text)")
    _insert(con, chunk, "records")
    assignment = None
    if chunk.reports:
        published = chunk.tables["articles"].select(["article_id", "published_date"])
        with registered(con, _batch=chunk.tables["event_sources"], _batch_published=published):
            assignment = assign_events(con, "_batch", chunk.reports, reusable)
            _retire(con, assignment.retired)
            touched, fresh = set(old_events) | assignment.touched, assignment.fresh
            with registered(con, _assign=assignment.arrow(), _touched=_ids(touched), _fresh=_ids(fresh)):
                for table in EVENT_TABLES:
                    _insert(con, chunk, table, join="_assign", event_id="j.event_id")
                rebuild_events(con, load_id, "_touched", "_fresh", (_BATCH_REPORTS, "_batch_published"))
    elif old_events:
        with registered(con, _touched=_ids(set(old_events))):
            rebuild_events(con, load_id, "_touched")

    totals["articles"] += chunk.articles
    totals["unchanged"] += chunk.unchanged
    totals["replaced"] += len(chunk.replaced)
    totals["non_events"] += chunk.rows("articles") - len(chunk.reports)
    totals["sources"] += len(chunk.reports)
    if assignment:
        totals["events_new"] += len(assignment.new_events)
        totals["events_merged"] += len(chunk.reports) - len(assignment.new_events) - len(assignment.reused)


def _ids(ids: set[str]) -> pa.Table:
    return pa.table({"event_id": pa.array(sorted(ids), pa.string())})


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


def _insert(con, chunk: Prepared, table: str, join: str | None = None, **computed: str) -> None:
    """Append the chunk's rows of `table`; `computed` columns are SQL over rows `r` (and join `j`)."""
    if not chunk.rows(table):
        return
    data = chunk.tables[table]
    names = ", ".join([*data.column_names, *computed])
    values = ", ".join(["r.*", *computed.values()])
    joined = f" JOIN {join} j USING (article_id)" if join else ""
    con.from_arrow(data).query("r", f"INSERT INTO {table} ({names}) SELECT {values} FROM r{joined}")
