"""Rebuild `events` rows from their reports: the value most sources give, or the most specific one."""
from __future__ import annotations

import duckdb

_UNIT = ("name", "type", "province", "code")


def _unit(prefix: str) -> str:
    return f"struct_pack({', '.join(f'{k} := {prefix}_{k}' for k in _UNIT)})"


# contract field, value, present, vote key, tie-breakers (larger wins), events columns
FIELDS = (
    ("event_date", "event_date", "event_date IS NOT NULL", "event_date",
     "-coalesce(date_diff('day', DATE '1970-01-01', event_date), 0)", ("event_date",)),
    ("period", "period", "period IS NOT NULL", "period", "coalesce(length(period), 0)", ("period",)),
    # the most specific cluster: with its number and its descriptive name
    ("cluster", "struct_pack(kind := cluster_kind, number := cluster_number, name := cluster_name)",
     "cluster_kind IS NOT NULL", "cluster_kind",
     "(cluster_number IS NOT NULL)::INT, coalesce(length(cluster_name), 0)",
     ("cluster_kind", "cluster_number", "cluster_name")),
    ("province", "province", "province IS NOT NULL", "province", "0", ("province",)),
    ("host", _unit("host"), "host_name IS NOT NULL", "host_key",
     "(host_code IS NOT NULL)::INT, (host_type IS NOT NULL)::INT", tuple(f"host_{k}" for k in _UNIT)),
    # the most specific venue: the longest description of the place
    ("venue", "venue", "venue IS NOT NULL", "venue IS NOT NULL", "coalesce(length(venue), 0)", ("venue",)),
    ("cluster_leader", _unit("leader"), "leader_name IS NOT NULL", "leader_key",
     "(leader_code IS NOT NULL)::INT", tuple(f"leader_{k}" for k in _UNIT)),
    ("cluster_deputy", _unit("deputy"), "deputy_name IS NOT NULL", "deputy_key",
     "(deputy_code IS NOT NULL)::INT", tuple(f"deputy_{k}" for k in _UNIT)),
    ("theme", "theme", "theme IS NOT NULL", "theme IS NOT NULL", "coalesce(length(theme), 0)", ("theme",)),
)
COLUMNS = ("event_id", "event_types", "source_count", "first_article_id", "year",
           *(c for *_, cols in FIELDS for c in cols), "evidence")
_YEAR = "coalesce(year({date}), try_cast(left({period}, 4) AS INTEGER), year({published}))"


def single_source_sql(touched: str) -> str:
    """Events with one report: that report's values and evidence as they are."""
    columns = ", ".join(f"es.{c}" for *_, cols in FIELDS for c in cols)
    return f"""
SELECT es.event_id, list_sort(list_distinct(es.event_types)), 1, es.article_id,
       {_YEAR.format(date='es.event_date', period='es.period', published='a.published_date')},
       {columns}, es.evidence
FROM event_sources es JOIN articles a USING (article_id)
WHERE es.event_id IN (SELECT event_id FROM {touched})
"""


def merged_events_sql(touched: str) -> str:
    """Events with several reports: per field, the value most reports give, ties to the most specific."""
    votes = ",\n".join(f"count(*) OVER (PARTITION BY es.event_id, {vote}) AS n_{name}"
                       for name, _, _, vote, _, _ in FIELDS)
    winners = ",\n".join(
        f"arg_max(struct_pack(v := {value}, e := evidence -> '{name}'), "
        f"({present}, n_{name}, {tie}, article_id)) AS w_{name}"
        for name, value, present, _, tie, _ in FIELDS)
    columns = ",\n".join(f"w_{name}.v{'.' + col.split('_', 1)[1] if len(cols) > 1 else ''} AS {col}"
                         for name, *_, cols in FIELDS for col in cols)
    year = _YEAR.format(date="w_event_date.v", period="w_period.v", published="first.d")
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
SELECT event_id, event_types, source_count, first.a, {year},
{columns},
json_object({", ".join(f"'{name}', w_{name}.e" for name, *_ in FIELDS)}) AS evidence
FROM w
"""


def rebuild_events(con: duckdb.DuckDBPyConnection, touched: str, load_id: str) -> None:
    """Replace the `events` rows of every id in `touched` by their merge; ids left without reports go."""
    con.execute(f"""CREATE OR REPLACE TEMP TABLE _merge_old AS
        SELECT event_id, first_load_id FROM events WHERE event_id IN (SELECT event_id FROM {touched})""")
    con.execute(f"DELETE FROM events WHERE event_id IN (SELECT event_id FROM {touched})")
    con.execute(f"""CREATE OR REPLACE TEMP TABLE _merge_n AS SELECT event_id, count(*) AS n
        FROM event_sources WHERE event_id IN (SELECT event_id FROM {touched}) GROUP BY event_id""")
    names = ", ".join([*COLUMNS, "first_load_id", "updated_load_id"])
    for sql in (single_source_sql("(SELECT event_id FROM _merge_n WHERE n = 1)"),
                merged_events_sql("(SELECT event_id FROM _merge_n WHERE n > 1)")):
        con.execute(f"""
            INSERT INTO events ({names})
            SELECT m.*, coalesce(o.first_load_id, $load), $load
            FROM ({sql}) m LEFT JOIN _merge_old o USING (event_id)""", {"load": load_id})
    con.execute("DROP TABLE _merge_old")
    con.execute("DROP TABLE _merge_n")
