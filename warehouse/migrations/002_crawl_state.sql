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
    next_try_at   TIMESTAMP,
    round         INTEGER,             -- the portal's crawl round (crawl_rounds) that last settled this row
    title         VARCHAR              -- link text where it was found (relevance is judged on it)
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

-- One row per portal per crawl round. A round that has no finished_at was interrupted (killed, or
-- stopped by --max-pages): the next crawl continues it instead of starting over.
CREATE TABLE crawl_rounds (
    portal_id   VARCHAR NOT NULL,
    round       INTEGER NOT NULL,
    run_id      VARCHAR NOT NULL,      -- the run that started it
    started_at  TIMESTAMP NOT NULL,
    finished_at TIMESTAMP,
    PRIMARY KEY (portal_id, round)
);

-- One row per `thidua crawl` (or `thidua run`) invocation, with its end summary.
CREATE TABLE crawl_runs (
    run_id       VARCHAR PRIMARY KEY,
    started_at   TIMESTAMP NOT NULL,
    finished_at  TIMESTAMP,
    portals      INTEGER NOT NULL,
    fetched      INTEGER,
    not_modified INTEGER,
    robots_skipped INTEGER,
    failed       INTEGER,
    articles     INTEGER,
    events       INTEGER
);
