"""Rebuild `events` rows from their reports: the value most sources give, or the most specific one."""
from __future__ import annotations

import duckdb


def _unit(prefix: str) -> str:
    return (f"struct_pack(name := {prefix}_name, type := {prefix}_type, "
            f"province := {prefix}_province, code := {prefix}_code)")


# contract field, value, present, vote key, tie-breakers (larger wins), event columns ← value
FIELDS = (
    ("event_date", "event_date", "event_date IS NOT NULL", "event_date",
     "-coalesce(date_diff('day', DATE '1970-01-01', event_date), 0)", {"event_date": ""}),
    ("period", "period", "period IS NOT NULL", "period", "coalesce(length(period), 0)",
     {"period": ""}),
    # the most specific cluster: with its number and its descriptive name
    ("cluster", "struct_pack(kind := cluster_kind, number := cluster_number, name := cluster_name)",
     "cluster_kind IS NOT NULL", "cluster_kind",
     "(cluster_number IS NOT NULL)::INT, coalesce(length(cluster_name), 0)",
     {"cluster_kind": ".kind", "cluster_number": ".number", "cluster_name": ".name"}),
    ("province", "province", "province IS NOT NULL", "province", "0", {"province": ""}),
    ("host", _unit("host"), "host_name IS NOT NULL", "host_key",
     "(host_code IS NOT NULL)::INT, (host_type IS NOT NULL)::INT",
     {f"host_{k}": f".{k}" for k in ("name", "type", "province", "code")}),
    # the most specific venue: the longest description of the place
    ("venue", "venue", "venue IS NOT NULL", "venue IS NOT NULL", "coalesce(length(venue), 0)",
     {"venue": ""}),
    ("cluster_leader", _unit("leader"), "leader_name IS NOT NULL", "leader_key",
     "(leader_code IS NOT NULL)::INT", {f"leader_{k}": f".{k}" for k in ("name", "type", "province", "code")}),
    ("cluster_deputy", _unit("deputy"), "deputy_name IS NOT NULL", "deputy_key",
     "(deputy_code IS NOT NULL)::INT", {f"deputy_{k}": f".{k}" for k in ("name", "type", "province", "code")}),
    ("theme", "theme", "theme IS NOT NULL", "theme IS NOT NULL", "coalesce(length(theme), 0)",
     {"theme": ""}),
)


def merged_events_sql(touched: str) -> str:
    """SELECT producing one `events` row per event id in the table/view `touched` that has reports."""
    votes = ",\n".join(f"count(*) OVER (PARTITION BY es.event_id, {vote}) AS n_{name}"
                       for name, _, _, vote, _, _ in FIELDS)
    winners = ",\n".join(
        f"arg_max(struct_pack(v := {value}, p := {present}, a := article_id, "
        f"e := json_extract(evidence, '$.{name}')), "
        f"({present}, n_{name}, {tie}, article_id)) AS w_{name}"
        for name, value, present, _, tie, _ in FIELDS)
    columns = ",\n".join(f"w_{name}.v{path} AS {col}"
                         for name, _, _, _, _, cols in FIELDS for col, path in cols.items())
    evidence = ", ".join(
        f"'{name}', CASE WHEN w_{name}.p "
        f"THEN json_object('article_id', w_{name}.a, 'span', w_{name}.e) END"
        for name, *_ in FIELDS)
    return f"""
WITH s AS (
  SELECT es.*, a.published_date,
{votes}
  FROM event_sources es JOIN articles a USING (article_id)
  WHERE es.event_id IN (SELECT event_id FROM {touched})
), w AS (
  SELECT event_id,
{winners},
  list_sort(list_distinct(flatten(list(event_types)))) AS event_types,
  count(*)::INTEGER AS source_count,
  arg_min(struct_pack(a := article_id, d := published_date),
          (published_date IS NULL, coalesce(published_date, DATE '9999-12-31'), article_id)) AS first
  FROM s GROUP BY event_id
)
SELECT event_id, event_types, source_count, first.a AS first_article_id,
coalesce(year(w_event_date.v), try_cast(left(w_period.v, 4) AS INTEGER), year(first.d)) AS year,
{columns},
json_object({evidence}) AS evidence
FROM w
"""


def rebuild_events(con: duckdb.DuckDBPyConnection, touched: str, load_id: str) -> None:
    """Replace the `events` rows of every id in `touched` by their merge; ids left without reports go."""
    con.execute(f"CREATE OR REPLACE TEMP TABLE _merge_old AS "
                f"SELECT event_id, first_load_id FROM events WHERE event_id IN (SELECT event_id FROM {touched})")
    con.execute(f"DELETE FROM events WHERE event_id IN (SELECT event_id FROM {touched})")
    merged = merged_events_sql(touched)
    cols = [c for *_, cols in FIELDS for c in cols]
    names = ", ".join(["event_id", "event_types", "source_count", "first_article_id", "year", *cols, "evidence",
                       "first_load_id", "updated_load_id"])
    con.execute(f"""
        INSERT INTO events ({names})
        SELECT m.*, coalesce(o.first_load_id, $load), $load
        FROM ({merged}) m LEFT JOIN _merge_old o USING (event_id)""", {"load": load_id})
    con.execute("DROP TABLE _merge_old")
