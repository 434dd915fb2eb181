"""Rebuild `events` rows from their reports: the value most sources give, or the most specific one."""
from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any, Callable

import duckdb
import orjson
import pyarrow as pa

from warehouse.rows import ARROW
from warehouse.staging import registered

_UNIT = ("name", "type", "province", "code")
Report = dict[str, Any]          # an event_sources row plus the article's published_date


def _unit(prefix: str) -> tuple[str, ...]:
    return tuple(f"{prefix}_{k}" for k in _UNIT)


def _length(column: str) -> Callable[[Report], Any]:
    return lambda r: len(r[column] or "")


# contract field → (events columns, the column whose value is voted on, tie-breaker: larger wins)
FIELDS: dict[str, tuple[tuple[str, ...], str, Callable[[Report], Any]]] = {
    "event_date": (("event_date",), "event_date", lambda r: -r["event_date"].toordinal()),   # earlier
    "period": (("period",), "period", _length("period")),
    # the most specific cluster: with its number and its descriptive name
    "cluster": (("cluster_kind", "cluster_number", "cluster_name"), "cluster_kind",
                lambda r: (r["cluster_number"] is not None, len(r["cluster_name"] or ""))),
    "province": (("province",), "province", lambda r: 0),
    "host": (_unit("host"), "host_key", lambda r: (r["host_code"] is not None, r["host_type"] is not None)),
    # the most specific venue: the longest description of the place
    "venue": (("venue",), "venue", _length("venue")),
    "cluster_leader": (_unit("leader"), "leader_key", lambda r: r["leader_code"] is not None),
    "cluster_deputy": (_unit("deputy"), "deputy_key", lambda r: r["deputy_code"] is not None),
    "theme": (("theme",), "theme", _length("theme")),
}
VOTED = ("event_date", "period", "cluster_kind", "province", "host_key", "leader_key", "deputy_key")
LISTS = (("members", "member_keys"), ("officials", "official_keys"), ("movements", "movement_keys"))
COLUMNS = ("event_id", "event_types", "source_count", "first_article_id", "year",
           *(c for cols, _, _ in FIELDS.values() for c in cols), "members", "member_count", "officials",
           "movements", "evidence")
_YEAR = "coalesce(year({date}), try_cast(left({period}, 4) AS INTEGER), year({published}))"


def single_source_sql(touched: str) -> str:
    """Events with one report: that report's values and evidence as they are."""
    columns = ", ".join(f"es.{c}" for cols, _, _ in FIELDS.values() for c in cols)
    return f"""
SELECT es.event_id, list_sort(list_distinct(es.event_types)), 1, es.article_id,
       {_YEAR.format(date='es.event_date', period='es.period', published='a.published_date')},
       {columns}, es.members, len(es.members), es.officials, es.movements, es.evidence
FROM event_sources es JOIN articles a USING (article_id)
WHERE es.event_id IN (SELECT event_id FROM {touched})
"""


def merge_reports(reports: list[Report]) -> dict[str, Any]:
    """One `events` row from several reports of one event.

    Per field, the value most reports give; ties go to the more specific value, then to the larger
    article id. Lists are every report's items once, in the order of the earliest-published report.
    """
    reports = sorted(reports, key=lambda r: (r["published_date"] or date.max, r["article_id"]))
    first = reports[0]
    row: dict[str, Any] = {"event_id": first["event_id"], "source_count": len(reports),
                           "first_article_id": first["article_id"],
                           "event_types": sorted({t for r in reports for t in r["event_types"]})}
    evidence = {}
    for field, (columns, voted, tie) in FIELDS.items():
        given = [r for r in reports if r[columns[0]] is not None]
        votes = Counter(r[voted] for r in given)
        best = max(given, key=lambda r: (votes[r[voted]], tie(r), r["article_id"]), default=None)
        row.update({c: best[c] if best else None for c in columns})
        evidence[field] = orjson.loads(best["evidence"]).get(field) if best else None
    row["evidence"] = orjson.dumps(evidence)
    period = row["period"] or ""
    row["year"] = (row["event_date"].year if row["event_date"] else int(period[:4]) if period[:4].isdigit()
                   else first["published_date"].year if first["published_date"] else None)
    for name, keys in LISTS:
        items: dict[str, str] = {}
        for r in reports:
            for label, key in zip(r[name], r[keys]):
                kept = items.setdefault(key, label)
                if _better(name, label, kept):
                    items[key] = label
        row[name] = list(items.values())
    row["member_count"] = len(row["members"])
    return row


def _better(kind: str, label: str, kept: str) -> bool:
    """Two spellings of one item: a person keeps the fullest title; a unit or movement, one spelling."""
    if kind == "officials":
        return (len(label), label) > (len(kept), kept)
    return label < kept


def rebuild_events(con: duckdb.DuckDBPyConnection, load_id: str, touched: str) -> None:
    """Replace the `events` rows of every id in `touched` by their merge; ids left without reports go."""
    con.execute(f"""CREATE OR REPLACE TEMP TABLE _merge_old AS
        SELECT event_id, first_load_id FROM events WHERE event_id IN (SELECT event_id FROM {touched})""")
    con.execute(f"DELETE FROM events WHERE event_id IN (SELECT event_id FROM {touched})")
    con.execute(f"""CREATE OR REPLACE TEMP TABLE _merge_n AS SELECT event_id, count(*) AS n
        FROM event_sources WHERE event_id IN (SELECT event_id FROM {touched}) GROUP BY event_id""")
    names = ", ".join([*COLUMNS, "first_load_id", "updated_load_id"])
    insert = f"""INSERT INTO events ({names}) SELECT m.*, coalesce(o.first_load_id, $load), $load
                 FROM ({{rows}}) m LEFT JOIN _merge_old o USING (event_id)"""
    con.execute(insert.format(rows=single_source_sql("(SELECT event_id FROM _merge_n WHERE n = 1)")),
                {"load": load_id})
    cursor = con.execute("""SELECT es.*, a.published_date FROM event_sources es JOIN articles a USING (article_id)
                            WHERE es.event_id IN (SELECT event_id FROM _merge_n WHERE n > 1)""")
    names_in = [d[0] for d in cursor.description]
    groups: dict[str, list[Report]] = {}
    for values in cursor.fetchall():
        report = dict(zip(names_in, values))
        groups.setdefault(report["event_id"], []).append(report)
    if groups:
        rows = [merge_reports(g) for g in groups.values()]
        types = dict(con.execute("SELECT name, type FROM pragma_table_info('events')").fetchall())
        merged = pa.table({c: pa.array([r[c] for r in rows], ARROW[types[c]]) for c in COLUMNS})
        with registered(con, _merged=merged):
            con.execute(insert.format(rows="SELECT * FROM _merged"), {"load": load_id})
    con.execute("DROP TABLE _merge_old")
    con.execute("DROP TABLE _merge_n")
