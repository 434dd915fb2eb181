-- Core warehouse: articles and their extracted records, events merged across sources, the units
-- gazetteer and the load log. Event-level child rows keep the article that reported them and the
-- [span_start, span_end) offsets into that article's text, so every value traces to its sentence.
-- The child tables (event_units, officials, event_movements) are keyed by (article_id, role, ord)
-- or (article_id, ord); the loader writes each article's rows once, and no index is declared on
-- them because an index over a million child rows would triple the load time.
CREATE TABLE units (
    code          VARCHAR PRIMARY KEY,   -- gazetteer code
    name          VARCHAR NOT NULL,      -- short name without the type word: "Kiên Hải"
    type          VARCHAR,               -- tỉnh | thành phố | thị xã | quận | huyện | phường | xã | thị trấn
    level         VARCHAR,
    province      VARCHAR,               -- pre-2025 province
    province_code VARCHAR,
    district_code VARCHAR,
    valid_from    DATE,
    valid_until   DATE,
    province_2025 VARCHAR,               -- the province after the 2025 reorganisation
    history       JSON
);
COMMENT ON TABLE units IS 'The administrative gazetteer (pre-2025 units): code, name, type, province, validity.';

CREATE TABLE articles (
    article_id        VARCHAR PRIMARY KEY,   -- page_id (canonical URL), else url, else sha256:<text hash>
    page_id           VARCHAR,               -- pages.canonical_url
    url               VARCHAR,
    portal_id         VARCHAR,
    title             VARCHAR,
    published         VARCHAR,               -- as the page states it: YYYY-MM-DD or YYYY-MM-DDTHH:MM
    published_date    DATE,
    author            VARCHAR,
    fetched_at        TIMESTAMP,             -- UTC
    province_hint     VARCHAR,
    unit_hint         VARCHAR,
    text              VARCHAR NOT NULL,      -- every evidence offset points into this
    text_sha256       VARCHAR NOT NULL,
    extractor_version VARCHAR NOT NULL,
    is_event          BOOLEAN NOT NULL,
    load_id           VARCHAR NOT NULL,
    loaded_at         TIMESTAMP NOT NULL
);
COMMENT ON TABLE articles IS 'One row per article read from a page: metadata, clean text, the extractor version that read it.';

CREATE TABLE records (
    article_id        VARCHAR PRIMARY KEY,
    extractor_version VARCHAR NOT NULL,
    is_event          BOOLEAN NOT NULL,
    error             VARCHAR,
    record            JSON NOT NULL          -- the extraction contract record, with evidence
);
COMMENT ON TABLE records IS 'The whole extracted record per article as JSON (contract fields, evidence spans, extractor_version).';

CREATE TABLE events (
    event_id         VARCHAR PRIMARY KEY,    -- stable: ev-<hash of the article that first reported it>
    event_date       DATE,
    year             INTEGER,                -- of event_date, else of period, else of the first report
    event_types      VARCHAR[] NOT NULL,
    period           VARCHAR,
    cluster_kind     VARCHAR,                -- cụm | khối
    cluster_number   INTEGER,
    cluster_name     VARCHAR,
    province         VARCHAR,
    host_name        VARCHAR,
    host_type        VARCHAR,
    host_province    VARCHAR,
    host_code        VARCHAR,
    venue            VARCHAR,
    leader_name      VARCHAR,
    leader_type      VARCHAR,
    leader_province  VARCHAR,
    leader_code      VARCHAR,
    deputy_name      VARCHAR,
    deputy_type      VARCHAR,
    deputy_province  VARCHAR,
    deputy_code      VARCHAR,
    theme            VARCHAR,
    members          VARCHAR[] NOT NULL,     -- "huyện Kiên Hải", …: every source's members, each once
    member_count     INTEGER NOT NULL,
    officials        VARCHAR[] NOT NULL,     -- "Nguyễn Quốc Tuấn (Chủ tịch UBND huyện)", …
    movements        VARCHAR[] NOT NULL,     -- canonical name where known, else as written
    source_count     INTEGER NOT NULL,
    first_article_id VARCHAR NOT NULL,       -- the earliest published source
    evidence         JSON NOT NULL,          -- field → {"article_id", "span"}: where each merged value was read
    first_load_id    VARCHAR NOT NULL,
    updated_load_id  VARCHAR NOT NULL
);
COMMENT ON TABLE events IS 'One row per emulation event, merged across every article that reported it.';

CREATE TABLE event_sources (
    article_id      VARCHAR PRIMARY KEY,     -- one article reports one event
    event_id        VARCHAR NOT NULL,
    event_date      DATE,
    event_types     VARCHAR[] NOT NULL,
    period          VARCHAR,
    cluster_kind    VARCHAR,
    cluster_number  INTEGER,
    cluster_name    VARCHAR,
    province        VARCHAR,
    host_name       VARCHAR,
    host_type       VARCHAR,
    host_province   VARCHAR,
    host_code       VARCHAR,
    venue           VARCHAR,
    leader_name     VARCHAR,
    leader_type     VARCHAR,
    leader_province VARCHAR,
    leader_code     VARCHAR,
    deputy_name     VARCHAR,
    deputy_type     VARCHAR,
    deputy_province VARCHAR,
    deputy_code     VARCHAR,
    theme           VARCHAR,
    host_key        VARCHAR,                 -- normalised unit keys, for votes and matching
    leader_key      VARCHAR,
    deputy_key      VARCHAR,
    members         VARCHAR[] NOT NULL,      -- this source's lists, as labels (see events)
    officials       VARCHAR[] NOT NULL,
    movements       VARCHAR[] NOT NULL,
    member_keys     VARCHAR[] NOT NULL,      -- the same items' keys (event_units.unit_key, …)
    official_keys   VARCHAR[] NOT NULL,
    movement_keys   VARCHAR[] NOT NULL,
    match_keys      VARCHAR[] NOT NULL,      -- province+cluster and host keys this source was matched on
    evidence        JSON NOT NULL,           -- field → {"article_id", "span"} for the fields this report gives
    load_id         VARCHAR NOT NULL
);
COMMENT ON TABLE event_sources IS 'Event ↔ article: each article''s own version of the event it reports.';

CREATE TABLE event_units (
    article_id VARCHAR NOT NULL,
    role       VARCHAR NOT NULL,             -- host | member | leader | deputy
    ord        INTEGER NOT NULL,             -- position in the record list
    event_id   VARCHAR NOT NULL,
    name       VARCHAR NOT NULL,
    type       VARCHAR,
    province   VARCHAR,
    code       VARCHAR,                      -- units.code when the gazetteer knows it
    unit_key   VARCHAR NOT NULL,             -- type|normalised name: the same unit across sources
    span_start INTEGER,
    span_end   INTEGER
);
COMMENT ON TABLE event_units IS 'Units taking part in an event (host, member, leader, deputy), one row per reporting article.';

CREATE TABLE officials (
    article_id    VARCHAR NOT NULL,
    ord           INTEGER NOT NULL,
    event_id      VARCHAR NOT NULL,
    name          VARCHAR NOT NULL,
    title         VARCHAR,                   -- as written: "Phó Chủ tịch UBND huyện"
    unit_name     VARCHAR,
    unit_type     VARCHAR,
    unit_province VARCHAR,
    unit_code     VARCHAR,
    roles         VARCHAR[] NOT NULL,
    official_key  VARCHAR NOT NULL,          -- normalised name: the same person across sources
    span_start    INTEGER,
    span_end      INTEGER
);
COMMENT ON TABLE officials IS 'People who took part in an event, with title and unit as written, one row per reporting article.';

CREATE TABLE event_movements (
    article_id    VARCHAR NOT NULL,
    ord           INTEGER NOT NULL,
    event_id      VARCHAR NOT NULL,
    name          VARCHAR NOT NULL,
    canonical     VARCHAR,                   -- official national movement name, when known
    movement_key  VARCHAR NOT NULL,
    span_start    INTEGER,
    span_end      INTEGER
);
COMMENT ON TABLE event_movements IS 'Emulation movements named at an event, one row per reporting article.';

CREATE TABLE loads (
    load_id            VARCHAR PRIMARY KEY,
    started_at         TIMESTAMP NOT NULL,
    finished_at        TIMESTAMP NOT NULL,
    articles           INTEGER NOT NULL,
    unchanged          INTEGER NOT NULL,
    replaced           INTEGER NOT NULL,
    non_events         INTEGER NOT NULL,
    events_new         INTEGER NOT NULL,
    events_merged      INTEGER NOT NULL,
    sources            INTEGER NOT NULL,
    extractor_versions VARCHAR[] NOT NULL
);
COMMENT ON TABLE loads IS 'One row per load_records call that committed: when, how many articles, events, merges.';
