-- Crawl state: the portal registry as crawled, every fetched page, the frontier and the fetch log.
-- A killed crawl resumes from here: pending frontier rows are fetched, stored pages are not.
CREATE TABLE portals (
    id           VARCHAR PRIMARY KEY,
    name         VARCHAR NOT NULL,
    base_url     VARCHAR NOT NULL,
    province     VARCHAR,            -- pre-2025 province
    unit         VARCHAR,            -- "huyện Kiên Lương"; NULL for a newspaper
    cms          VARCHAR NOT NULL,
    evidence     VARCHAR,
    checked      DATE,
    updated_at   TIMESTAMP NOT NULL
);

CREATE TABLE pages (
    canonical_url VARCHAR PRIMARY KEY,
    url           VARCHAR NOT NULL,
    portal_id     VARCHAR,
    fetched_at    TIMESTAMP NOT NULL,  -- UTC
    status        INTEGER NOT NULL,
    content_type  VARCHAR,
    charset       VARCHAR,
    etag          VARCHAR,
    last_modified VARCHAR,
    sha256        VARCHAR,
    warc_file     VARCHAR,             -- relative to the archive directory
    warc_offset   BIGINT,
    source        VARCHAR NOT NULL DEFAULT 'live',   -- live | wayback
    captured_at   TIMESTAMP            -- Wayback capture time
);

CREATE TABLE frontier (
    canonical_url VARCHAR PRIMARY KEY,
    url           VARCHAR NOT NULL,
    portal_id     VARCHAR NOT NULL,
    kind          VARCHAR NOT NULL,    -- listing | article | sitemap | feed
    depth         INTEGER NOT NULL DEFAULT 0,
    state         VARCHAR NOT NULL DEFAULT 'pending',  -- pending | done | failed | skipped
    discovered_at TIMESTAMP NOT NULL,
    attempts      INTEGER NOT NULL DEFAULT 0,
    last_error    VARCHAR,
    next_try_at   TIMESTAMP
);

CREATE TABLE fetch_log (
    run_id      VARCHAR NOT NULL,
    portal_id   VARCHAR,
    url         VARCHAR NOT NULL,
    fetched_at  TIMESTAMP NOT NULL,
    status      INTEGER,               -- HTTP status; NULL when no response
    outcome     VARCHAR NOT NULL,      -- fetched | not_modified | robots_disallowed | failed | too_large | skipped
    error       VARCHAR,
    elapsed_ms  INTEGER
);
