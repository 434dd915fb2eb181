"""SQL that turns a chunk's staging table `_c` (rows.STAGING) into articles, records and event rows.

Per chunk: the articles and their contract JSON are written, and the event reports go to `_batch`
(event_sources columns, plus the lists and spans the child tables need); once each report has its
event id, `_batch` is written out. `_c` and `_batch` are Arrow tables queried in place: a temp table
dropped inside a transaction keeps its memory until the commit.
Lists are handled by list functions, row by row, with no grouping.
"""
from __future__ import annotations

from warehouse.rows import FIELDS

_UNIT = ("name", "type", "province", "code")
_ISO = r"regexp_full_match(left({v}, 10), '\d{{4}}-\d{{2}}-\d{{2}}')"

# stored articles the chunk brings again: same text and extractor version, or not
COMPARE = """
SELECT c.article_id, a.extractor_version = c.extractor_version AND a.text_sha256 = c.text_sha256
FROM _c c JOIN articles a USING (article_id)
"""

# `_c` (rows.STAGING) holds the chunk's articles to write, new or changed, with load_id and loaded_at
ARTICLES = f"""
INSERT INTO articles BY NAME
SELECT article_id, page_id, url, portal_id, title, published,
       CASE WHEN {_ISO.format(v="published")} THEN try_cast(left(published, 10) AS DATE) END AS published_date,
       author, fetched_at, province_hint, unit_hint, text, text_sha256, extractor_version,
       is_event, load_id, loaded_at
FROM _c
"""

# the contract JSON of each record, as EventRecord.to_json() gives it
RECORDS = """
INSERT INTO records (article_id, extractor_version, is_event, error, record)
SELECT article_id, extractor_version, is_event, error,
       CASE WHEN error IS NOT NULL THEN json_object('source', source, 'error', error)
       ELSE to_json(struct_pack(
           source := source, title := r_title, published := r_published, author := r_author,
           is_event := r_is_event, event_types := event_types, event_date := event_date, period := period,
           cluster := cluster, province := province, host := host, venue := venue, members := members,
           cluster_leader := cluster_leader, cluster_deputy := cluster_deputy, officials := officials,
           movements := movements, theme := theme, evidence := evidence::JSON,
           extractor_version := extractor_version)) END
FROM _c
"""


def _named(unit: str, prefix: str) -> str:
    """A unit's four columns, all null when it has no name (as if absent)."""
    return ", ".join(f"CASE WHEN {unit}.name <> '' THEN {unit}.{c} END AS {prefix}_{c}" for c in _UNIT)


_GIVEN = {"event_date": "event_date IS NOT NULL", "period": "period IS NOT NULL", "cluster": "cluster IS NOT NULL",
          "province": "province IS NOT NULL", "host": "host.name <> ''", "venue": "venue IS NOT NULL",
          "cluster_leader": "cluster_leader.name <> ''", "cluster_deputy": "cluster_deputy.name <> ''",
          "theme": "theme IS NOT NULL"}
_EVIDENCE = "json_object(" + ", ".join(
    f"'{f}', CASE WHEN {_GIVEN[f]} THEN json_object('article_id', article_id, 'span', field_spans[{i + 1}]) END"
    for i, f in enumerate(FIELDS)) + ")"

# the chunk's written event reports: event_sources columns, then what the child tables need
BATCH = f"""
SELECT article_id, CASE WHEN event_date <> '' THEN left(event_date, 10)::DATE END AS event_date,
       event_types, period, cluster.kind AS cluster_kind, cluster.number::INTEGER AS cluster_number,
       cluster.name AS cluster_name, province, {_named("host", "host")}, venue,
       {_named("cluster_leader", "leader")}, {_named("cluster_deputy", "deputy")}, theme,
       host_key, leader_key, deputy_key,
       member_labels AS members, official_labels AS officials, movement_labels AS movements,
       member_label_keys AS member_keys, official_label_keys AS official_keys, movement_label_keys AS movement_keys,
       list_filter([
           CASE WHEN place_key <> '' AND cluster.number IS NOT NULL
                THEN concat_ws('|', 'cluster', place_key, cluster.kind, cluster.number) END,
           CASE WHEN place_key <> '' AND cluster.name <> ''
                THEN concat_ws('|', 'cluster', place_key, cluster.kind, cluster_name_key) END,
           CASE WHEN host_key IS NOT NULL THEN concat_ws('|', 'host', host_place_key, host_key) END],
           lambda x: x IS NOT NULL) AS match_keys,
       {_EVIDENCE} AS evidence, load_id,
       -- for the child tables
       host AS c_host, cluster_leader AS c_leader, cluster_deputy AS c_deputy, field_spans AS c_field_spans,
       members AS c_members, member_keys AS c_member_keys, member_spans AS c_member_spans,
       officials AS c_officials, official_keys AS c_official_keys, official_spans AS c_official_spans,
       movements AS c_movements, movement_keys AS c_movement_keys, movement_spans AS c_movement_spans
FROM _c WHERE is_event
"""

# the rows of each event table, once `_batch` has its event_id column
_SINGLE = ("SELECT article_id, event_id, '{role}' AS role, 0 AS ord, {unit} AS u, {key} AS key, c_field_spans[{n}] AS span "
           "FROM _batch WHERE {key} IS NOT NULL")
WRITE = {
    "event_sources": """
INSERT INTO event_sources BY NAME
SELECT * EXCLUDE (c_host, c_leader, c_deputy, c_field_spans, c_members, c_member_keys, c_member_spans,
                  c_officials, c_official_keys, c_official_spans, c_movements, c_movement_keys, c_movement_spans)
FROM _batch
""",
    "event_units": f"""
INSERT INTO event_units (article_id, role, ord, event_id, name, type, province, code, unit_key, span_start, span_end)
SELECT article_id, role, ord, event_id, u.name, u.type, u.province, u.code, key, span[1], span[2]
FROM ({_SINGLE.format(role="host", unit="c_host", key="host_key", n=FIELDS.index("host") + 1)}
      UNION ALL {_SINGLE.format(role="leader", unit="c_leader", key="leader_key", n=FIELDS.index("cluster_leader") + 1)}
      UNION ALL {_SINGLE.format(role="deputy", unit="c_deputy", key="deputy_key", n=FIELDS.index("cluster_deputy") + 1)}
      UNION ALL
      SELECT article_id, event_id, 'member', i, c_members[i + 1], c_member_keys[i + 1], c_member_spans[i + 1]
      FROM (SELECT *, unnest(range(len(c_members))) AS i FROM _batch)
      WHERE c_member_keys[i + 1] IS NOT NULL)
""",
    "officials": """
INSERT INTO officials (article_id, ord, event_id, name, title, unit_name, unit_type, unit_province, unit_code,
                       roles, official_key, span_start, span_end)
SELECT article_id, i, event_id, o.name, o.title,
       CASE WHEN o.unit.name <> '' THEN o.unit.name END, CASE WHEN o.unit.name <> '' THEN o.unit.type END,
       CASE WHEN o.unit.name <> '' THEN o.unit.province END, CASE WHEN o.unit.name <> '' THEN o.unit.code END,
       o.roles, key, span[1], span[2]
FROM (SELECT article_id, event_id, i, c_officials[i + 1] AS o, c_official_keys[i + 1] AS key, c_official_spans[i + 1] AS span
      FROM (SELECT *, unnest(range(len(c_officials))) AS i FROM _batch))
""",
    "event_movements": """
INSERT INTO event_movements (article_id, ord, event_id, name, canonical, movement_key, span_start, span_end)
SELECT article_id, i, event_id, m.name, m.canonical, key, span[1], span[2]
FROM (SELECT article_id, event_id, i, c_movements[i + 1] AS m, c_movement_keys[i + 1] AS key, c_movement_spans[i + 1] AS span
      FROM (SELECT *, unnest(range(len(c_movements))) AS i FROM _batch))
""",
}
