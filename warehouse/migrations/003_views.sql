-- Researcher views: each has a COMMENT (SELECT view_name, comment FROM duckdb_views()) and an
-- entry with example queries in docs/warehouse.md.

-- "huyện Kiên Hải" from type and short name; the name alone when the type is unknown
CREATE MACRO unit_label(t, n) AS CASE WHEN n IS NULL THEN NULL WHEN t IS NULL THEN n ELSE t || ' ' || n END;

CREATE VIEW event_summary AS
SELECT e.event_id, e.event_date, e.year, e.event_types, e.period, e.province,
       e.cluster_kind, e.cluster_number, e.cluster_name,
       unit_label(e.host_type, e.host_name) AS host, e.venue,
       unit_label(e.leader_type, e.leader_name) AS cluster_leader,
       unit_label(e.deputy_type, e.deputy_name) AS cluster_deputy,
       e.members, e.member_count, e.officials, e.movements,
       e.theme, e.source_count AS sources, a.url AS first_source_url, a.published AS first_published
FROM events e LEFT JOIN articles a ON a.article_id = e.first_article_id;
COMMENT ON VIEW event_summary IS 'One row per event (merged across its sources): date, types, cluster, host, members, officials, movements, sources, first source URL.';

CREATE VIEW cluster_conferences AS
SELECT * FROM event_summary WHERE cluster_kind IS NOT NULL;
COMMENT ON VIEW cluster_conferences IS 'One row per conference or ceremony of a cụm/khối thi đua: event_summary restricted to events with a cluster.';

CREATE VIEW cluster_membership AS
-- a numbered cluster is one cluster whether or not a source also gives its descriptive name
SELECT e.province, e.cluster_kind, e.cluster_number, max(e.cluster_name) AS cluster_name, e.year,
       min(unit_label(u.type, u.name)) AS unit, min(u.name) AS unit_name, min(u.type) AS unit_type,
       max(u.code) AS unit_code, u.role, count(DISTINCT u.event_id) AS events,
       min(e.event_date) AS first_event_date, max(e.event_date) AS last_event_date
FROM event_units u JOIN events e USING (event_id)
WHERE e.cluster_kind IS NOT NULL AND u.role IN ('member', 'leader', 'deputy')
GROUP BY e.province, e.cluster_kind, e.cluster_number,
         CASE WHEN e.cluster_number IS NULL THEN e.cluster_name END, e.year, u.unit_key, u.role;
COMMENT ON VIEW cluster_membership IS 'Which unit belonged to which cụm/khối in which year, as member, leader (cụm trưởng) or deputy (cụm phó), and at how many of its events.';

CREATE VIEW officials_at_events AS
SELECT o.event_id, e.event_date, e.year, e.event_types, e.province,
       e.cluster_kind, e.cluster_number, e.cluster_name, unit_label(e.host_type, e.host_name) AS host,
       min(o.name) AS name, arg_max(o.title, length(coalesce(o.title, ''))) AS title,
       min(unit_label(o.unit_type, o.unit_name)) AS unit, max(o.unit_code) AS unit_code,
       list_sort(list_distinct(flatten(list(o.roles)))) AS roles,
       count(*) AS sources, min(a.url) AS source_url
FROM officials o JOIN events e USING (event_id) JOIN articles a USING (article_id)
GROUP BY o.event_id, o.official_key, e.event_date, e.year, e.event_types, e.province,
         e.cluster_kind, e.cluster_number, e.cluster_name, e.host_type, e.host_name;
COMMENT ON VIEW officials_at_events IS 'One row per person per event: title and unit as written, roles (chair, sign, cluster_leader, …), how many sources name them.';

CREATE VIEW movements_by_year AS
SELECT e.year, coalesce(max(m.canonical), min(m.name)) AS movement, max(m.canonical) AS canonical,
       count(DISTINCT m.event_id) AS events, count(DISTINCT e.province) AS provinces,
       list_sort(list_distinct(list(m.name))) AS names_as_written
FROM event_movements m JOIN events e USING (event_id)
GROUP BY e.year, m.movement_key;
COMMENT ON VIEW movements_by_year IS 'Emulation movements named at events, per year: how many events and provinces, and the spellings used.';

CREATE VIEW unit_activity AS
SELECT coalesce(u.province, e.province) AS province, min(unit_label(u.type, u.name)) AS unit,
       min(u.name) AS unit_name, min(u.type) AS unit_type, max(u.code) AS unit_code, e.year,
       count(DISTINCT u.event_id) FILTER (WHERE u.role = 'host') AS events_hosted,
       count(DISTINCT u.event_id) AS events_attended,
       count(DISTINCT u.event_id) FILTER (WHERE u.role = 'leader') AS as_leader,
       count(DISTINCT u.event_id) FILTER (WHERE u.role = 'deputy') AS as_deputy
FROM event_units u JOIN events e USING (event_id)
GROUP BY coalesce(u.province, e.province), u.unit_key, e.year;
COMMENT ON VIEW unit_activity IS 'Per unit per year: events it hosted, events it took part in (any role, hosting included), as cluster leader or deputy.';

CREATE VIEW event_evidence AS
WITH fields AS (
    SELECT event_id, field, ((evidence -> field) ->> 'article_id') AS article_id,
           CASE field WHEN 'event_date' THEN CAST(event_date AS VARCHAR) WHEN 'period' THEN period
               WHEN 'cluster' THEN concat_ws(' ', cluster_kind, cluster_number, cluster_name)
               WHEN 'province' THEN province WHEN 'host' THEN unit_label(host_type, host_name)
               WHEN 'venue' THEN venue WHEN 'cluster_leader' THEN unit_label(leader_type, leader_name)
               WHEN 'cluster_deputy' THEN unit_label(deputy_type, deputy_name) WHEN 'theme' THEN theme
           END AS value,
           try_cast(((evidence -> field) -> 'span') ->> 0 AS INTEGER) AS span_start,
           try_cast(((evidence -> field) -> 'span') ->> 1 AS INTEGER) AS span_end
    FROM events, unnest(json_keys(evidence)) AS keys(field)
), items AS (
    SELECT event_id, field, value, article_id, span_start, span_end
    FROM fields WHERE article_id IS NOT NULL
    UNION ALL
    SELECT event_id, 'members', unit_label(type, name), article_id, span_start, span_end
    FROM event_units WHERE role = 'member'
    UNION ALL
    SELECT event_id, 'officials', name, article_id, span_start, span_end FROM officials
    UNION ALL
    SELECT event_id, 'movements', name, article_id, span_start, span_end FROM event_movements
)
SELECT i.event_id, i.field, i.value, i.article_id, a.url, coalesce(p.fetched_at, a.fetched_at) AS fetched_at,
       i.span_start, i.span_end,
       CASE WHEN i.span_start IS NOT NULL THEN substr(a.text, i.span_start + 1, i.span_end - i.span_start) END AS quote
FROM items i JOIN articles a USING (article_id) LEFT JOIN pages p ON p.canonical_url = a.page_id;
COMMENT ON VIEW event_evidence IS 'Where each event value was read: field, value, article, URL, fetch time, character span and the quoted sentence.';

CREATE VIEW crawl_health AS
WITH ids AS (
    SELECT id AS portal_id FROM portals
    UNION SELECT portal_id FROM pages WHERE portal_id IS NOT NULL
    UNION SELECT portal_id FROM fetch_log WHERE portal_id IS NOT NULL
), stored AS (
    SELECT portal_id, count(*) AS pages, max(fetched_at) AS last_page_at FROM pages GROUP BY portal_id
), fetched AS (
    SELECT portal_id, count(*) AS fetches, max(fetched_at) AS last_fetch,
           max(fetched_at) FILTER (WHERE outcome IN ('fetched', 'not_modified')) AS last_success,
           count(*) FILTER (WHERE outcome = 'failed') AS failures
    FROM fetch_log GROUP BY portal_id
), streak AS (
    SELECT f.portal_id, count(*) AS consecutive_failures
    FROM fetch_log f JOIN fetched USING (portal_id)
    WHERE f.outcome = 'failed' AND (fetched.last_success IS NULL OR f.fetched_at > fetched.last_success)
    GROUP BY f.portal_id
), read_articles AS (
    SELECT portal_id, count(*) AS articles, count(*) FILTER (WHERE is_event) AS event_articles
    FROM articles GROUP BY portal_id
)
SELECT ids.portal_id, p.name, p.province, p.unit, p.cms,
       coalesce(stored.pages, 0) AS pages,
       greatest(fetched.last_fetch, stored.last_page_at) AS last_fetch, fetched.last_success,
       coalesce(fetched.fetches, 0) AS fetches, coalesce(fetched.failures, 0) AS failures,
       coalesce(streak.consecutive_failures, 0) AS consecutive_failures,
       coalesce(read_articles.articles, 0) AS articles, coalesce(read_articles.event_articles, 0) AS event_articles
FROM ids
LEFT JOIN portals p ON p.id = ids.portal_id
LEFT JOIN stored USING (portal_id)
LEFT JOIN fetched USING (portal_id)
LEFT JOIN streak USING (portal_id)
LEFT JOIN read_articles USING (portal_id);
COMMENT ON VIEW crawl_health IS 'Per portal: pages stored, last fetch and last success, failures (all and since the last success), articles and event articles read.';
