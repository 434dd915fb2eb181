"""A crawl killed mid-run resumes: nothing refetched that was stored, nothing stored twice."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import replace

import duckdb

from scraper.crawl import crawl
from scraper.portals import load_portals
from sites import STYLES, portal_toml, stories, with_base
from thidua.pipeline import process


def _stored(db) -> list[str]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return [r[0] for r in con.execute("SELECT p.url FROM pages p JOIN frontier f USING (canonical_url) "
                                          "WHERE f.kind = 'article'").fetchall()]
    finally:
        con.close()


def _stored_while_running(db) -> int:
    """The crawl holds the file only during a batch; a read that meets it just tries again later."""
    try:
        return len(_stored(db))
    except (duckdb.Error, OSError):
        return 0


def test_sigkilled_crawl_resumes_without_refetch_or_duplicates(serve, tmp_path, fast):
    entries, sites = [], []
    for style in ("nukeviet", "liferay"):
        routes, extra = STYLES[style](stories(24), per_page=6)
        site = serve(routes, slow_s=0.1)
        with_base(routes, site.base)
        sites.append(site)
        entries.append((style, site.base, extra))
    portals_file, db = tmp_path / "portals.toml", tmp_path / "t.duckdb"
    portals_file.write_text(portal_toml(entries), encoding="utf-8")

    def article_hits() -> dict[str, int]:
        return {s.url(p): n for s in sites for p, n in s.hits.items() if p.endswith(".html") or "/content/" in p}

    env = {**os.environ, "THIDUA_CRAWL_BATCH_SECONDS": "0.3", "THIDUA_CRAWL_BATCH_SIZE": "8"}
    proc = subprocess.Popen([sys.executable, "-m", "thidua.cli", "crawl", "--portals", str(portals_file), "--db", str(db),
                             "--delay", "0", "--all"], cwd=tmp_path, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None and (
            sum(article_hits().values()) < 8 or _stored_while_running(db) < 4):
        if sum(article_hits().values()) >= 8:
            for site in sites:          # pages count as stored once their articles are loaded: hold the
                site.slow_s = 1.0       # crawl back until the extraction worker (slow to start) catches up
        time.sleep(0.1 if sum(article_hits().values()) < 8 else 0.4)
    proc.send_signal(signal.SIGKILL)
    for site in sites:
        site.slow_s = 0.1
    _, err = proc.communicate(timeout=30)
    stored_before = set(_stored(db))
    hits_before = article_hits()
    assert 0 < len(stored_before) < 48, err

    report = crawl(load_portals(portals_file), replace(fast, fetch_all=True), db, tmp_path / "t-archive",
                   on_articles=lambda articles: process(db, articles).events)
    assert not report.interrupted
    hits_after = article_hits()
    assert all(hits_after[url] == hits_before[url] == 1 for url in stored_before)   # stored pages never refetched
    assert all(n <= 2 for n in hits_after.values())          # only pages fetched but not yet saved come twice
    stored = _stored(db)
    assert len(stored) == len(set(stored)) == 48
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("SELECT count(*), count(DISTINCT article_id) FROM articles").fetchone() == (48, 48)
        assert con.execute("SELECT count(*) FROM crawl_rounds WHERE finished_at IS NULL").fetchone() == (0,)
    finally:
        con.close()
