"""run_job against a loopback site: incremental second run, a SIGKILLed run taken over, a concurrent run refused."""
from __future__ import annotations

import json
import signal
import time
from pathlib import Path

import duckdb

from thidua.job import LOCKED, OK, run_job
from thidua.lock import RunLock
from tests.job.conftest import thidua

DATA_TABLES = ("pages", "articles", "records", "events", "event_sources", "event_units", "officials",
               "event_movements")


def counts(db: Path) -> dict[str, int]:
    with duckdb.connect(str(db), read_only=True) as con:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in DATA_TABLES}


def article_urls(db: Path) -> list[str]:
    with duckdb.connect(str(db), read_only=True) as con:
        return [r[0] for r in con.execute("SELECT url FROM articles ORDER BY url").fetchall()]


def test_second_run_fetches_nothing_unchanged_and_adds_no_rows(settings, sites):
    first = run_job(settings)
    assert first.exit_code == OK and first.counts["articles"] >= 8 and first.events_new >= 5
    before = counts(settings.db)
    served_before = {portal: len(hits) for portal, hits in sites.hits.items()}

    second = run_job(settings)
    assert second.exit_code == OK
    assert second.counts["fetched"] == 0 and second.counts["articles"] == 0 and second.events_new == 0
    assert second.counts["not_modified"] >= 2          # listings asked with If-None-Match, answered 304
    assert counts(settings.db) == before
    asked_again = [p for portal, hits in sites.hits.items() for p in hits[served_before[portal]:]]
    assert asked_again and not [p for p in asked_again if "/content/" in p or "tin-hoat-dong/2" in p]
    assert [p.name for p, _ in second.exports] == ["cluster_conferences.csv", "cluster_conferences.parquet"]
    assert all(rows >= 1 for _, rows in second.exports)


def test_run_log_is_json_lines_and_old_logs_rotate(settings):
    settings = type(settings)(**{**settings.__dict__, "log_keep": 2})
    logs = [run_job(settings).log_file for _ in range(3)]
    assert not logs[0].exists() and logs[1].exists() and logs[2].exists()
    events = [json.loads(line) for line in logs[2].read_text(encoding="utf-8").splitlines()]
    assert events[0]["event"] == "start" and events[-1]["event"] == "summary"
    assert events[-1]["exit_code"] == 0 and {"page", "portal_done", "export"} <= {e["event"] for e in events}


def test_killed_run_is_taken_over_and_nothing_is_lost_or_duplicated(settings, tmp_path):
    reference = type(settings)(**{**settings.__dict__, "db": tmp_path / "reference.duckdb"})
    expected = article_urls(reference.db) if run_job(reference).exit_code == OK else None

    args = ["run", "--portals", str(settings.portals), "--db", str(settings.db),
            "--set", "delay_per_host_s=0.25", "--set", "batch_seconds=0.2"]
    victim = thidua(*args, cwd=tmp_path)
    loaded = _wait_for_log_event(settings.log_path, "loaded", victim)
    victim.send_signal(signal.SIGKILL)
    victim.wait(timeout=30)
    assert loaded and victim.returncode == -signal.SIGKILL
    assert Path(f"{settings.db}.run.json").exists()      # the killed run's note is left behind

    after = run_job(settings)
    assert after.exit_code == OK
    assert after.took_over and f"pid {victim.pid}" in after.took_over
    assert article_urls(settings.db) == expected          # nothing lost, nothing twice
    assert counts(settings.db)["events"] == counts(reference.db)["events"]
    with duckdb.connect(str(settings.db), read_only=True) as con:
        twice = con.execute("""SELECT url FROM fetch_log WHERE outcome = 'fetched' AND url IN
                               (SELECT url FROM articles) GROUP BY url HAVING count(*) > 1""").fetchall()
        stored_before_kill = con.execute("SELECT count(*) FROM articles WHERE load_id IN "
                                         "(SELECT min(load_id) FROM loads)").fetchone()[0]
    assert stored_before_kill >= 1 and not twice     # what the killed run stored was not fetched again


def test_concurrent_second_run_exits_3_and_names_the_holder(settings, tmp_path):
    with RunLock(settings.db, "run-holding"):
        second = thidua("run", "--portals", str(settings.portals), "--db", str(settings.db), cwd=tmp_path)
        out, err = second.communicate(timeout=120)
    assert second.returncode == LOCKED
    assert err.startswith("Error: another thidua run holds ") and "this run stops" in err
    assert "pid " in err and out == ""
    assert not settings.db.exists()                       # it stopped before touching the database


def _wait_for_log_event(log_dir: Path, event: str, process, timeout: float = 90.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        for log in log_dir.glob("run-*.jsonl"):
            if f'"event": "{event}"' in log.read_text(encoding="utf-8"):
                return True
        time.sleep(0.05)
    return False


def test_sigterm_stops_the_run_gracefully_and_the_next_run_finishes(settings, tmp_path):
    slow = tmp_path / "slow.toml"       # a second between requests: the stop lands mid-crawl, not after it
    slow.write_text(settings.portals.read_text(encoding="utf-8").replace("delay = 0\n", "delay = 1.0\n"), encoding="utf-8")
    args = ["run", "--portals", str(slow), "--db", str(settings.db), "--set", "batch_seconds=0.2"]
    stopped = thidua(*args, cwd=tmp_path)
    assert _wait_for_log_event(settings.log_path, "page", stopped)
    stopped.send_signal(signal.SIGTERM)
    out, _ = stopped.communicate(timeout=60)
    assert stopped.returncode == 1
    assert "  stopped  before every portal was done" in out
    assert not Path(f"{settings.db}.run.json").exists()   # a graceful stop leaves no lock note

    after = run_job(settings)
    assert after.exit_code == OK and after.took_over is None and not after.interrupted
    with duckdb.connect(str(settings.db), read_only=True) as con:
        unfinished = con.execute("SELECT count(*) FROM crawl_rounds WHERE finished_at IS NULL").fetchone()[0]
    assert unfinished == 0 and counts(settings.db)["articles"] >= 8
