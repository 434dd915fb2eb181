"""run_job: one scheduled run — lock, crawl every portal incrementally, extract, load, export, summary.

Exit statuses (documented in docs/scheduling.md): 0 all good, 1 finished but some portals failed (or
the run stopped early), 2 bad configuration or usage, 3 another run holds the lock.
"""
from __future__ import annotations

import json
import os
import secrets
import signal
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, Iterator

from schema import ThiduaError
from scraper.crawl import CrawlReport, crawl
from scraper.portals import load_portals, select
from thidua.config import USAGE_ERROR, Settings
from thidua.lock import RunLock
from thidua.pipeline import ProcessReport, Writer
from thidua.progress import Display

OK, SOME_FAILED, BAD_USAGE, LOCKED = 0, 1, 2, 3
WARM_WRITER_AT = 20                          # portals: crawls this big start the extractor workers at once
EXPORT_NAME = "cluster_conferences"          # <export dir>/cluster_conferences.csv and .parquet


@dataclass
class RunSummary:
    run_id: str
    started: datetime
    finished: datetime | None = None
    portals: int = 0
    counts: dict[str, int] = field(default_factory=dict)   # fetched, not_modified, robots_skipped, failed, skipped, articles
    events: int = 0                 # articles extracted as reporting an event
    events_new: int = 0             # new rows in `events` (the rest merged into known events)
    failed_portals: list[tuple[str, str]] = field(default_factory=list)   # (portal id, why)
    interrupted: bool = False
    exports: list[tuple[Path, int]] = field(default_factory=list)        # (file, rows)
    took_over: str | None = None    # the killed run whose stale lock this run took over
    log_file: Path | None = None

    @property
    def exit_code(self) -> int:
        return SOME_FAILED if self.failed_portals or self.interrupted else OK

    def lines(self) -> list[str]:
        """The one-screen summary printed at the end of a run."""
        c = self.counts
        took = (self.finished - self.started).total_seconds() if self.finished else 0.0
        out = [f"run {self.run_id}: {self.portals} portals in {took:.1f} s",
               f"  pages    {c.get('fetched', 0)} fetched, {c.get('not_modified', 0)} not modified, "
               f"{c.get('robots_skipped', 0)} skipped by robots.txt, {c.get('failed', 0)} failed",
               f"  articles {c.get('articles', 0)} new; {self.events} report an event, "
               f"{self.events_new} new events in the database"]
        if self.took_over:
            out.append(f"  lock     taken over from a run that did not finish ({self.took_over})")
        if self.interrupted:
            out.append("  stopped  before every portal was done; the next run continues where this one stopped")
        for portal, why in self.failed_portals[:10]:
            out.append(f"  failed   {portal}: {why}")
        if len(self.failed_portals) > 10:
            out.append(f"  failed   … and {len(self.failed_portals) - 10} more portals (see the log)")
        for path, rows in self.exports:
            out.append(f"  export   {path} ({rows} rows)")
        if self.log_file:
            out.append(f"  log      {self.log_file}")
        return out

    def to_json(self) -> dict[str, Any]:
        return {"run_id": self.run_id, "started": self.started.isoformat(),
                "finished": self.finished.isoformat() if self.finished else None, "portals": self.portals,
                **self.counts, "events": self.events, "events_new": self.events_new,
                "failed_portals": [{"portal": p, "why": w} for p, w in self.failed_portals],
                "interrupted": self.interrupted, "took_over": self.took_over,
                "exports": [{"file": str(p), "rows": n} for p, n in self.exports], "exit_code": self.exit_code}


def run_job(settings: Settings, *, portal_ids: list[str] | None = None, since: date | None = None,
            max_pages: int | None = None, display: Display | None = None,
            stop: threading.Event | None = None) -> RunSummary:
    """Crawl, extract, load and export once, under the run lock.

    Example: run_job(resolve({"db": Path("thidua.duckdb")}).settings).exit_code
    """
    display = display or Display(quiet=True)
    portals = _portals(settings, portal_ids)
    started = datetime.now(timezone.utc)
    run_id = f"run-{started:%Y%m%dT%H%M%S%f}-{secrets.token_hex(3)}"     # sorts in start order, as rotation needs
    settings.db.parent.mkdir(parents=True, exist_ok=True)
    with RunLock(settings.db, run_id) as lock, RunLog(settings.log_path, run_id, settings.log_keep) as log:
        summary = RunSummary(run_id, started, portals=len(portals), log_file=log.path)
        if lock.stale:
            summary.took_over = lock.stale.describe()
            log.write("stale_lock", holder=lock.stale.__dict__)
            display.message(f"taking over the lock of a run that did not finish ({summary.took_over})")
        log.write("start", portals=[p.id for p in portals], db=str(settings.db), pid=os.getpid())
        processed, tally_guard = ProcessReport(), threading.Lock()

        def stored(future) -> None:      # as the loader thread stores a batch, or at once for one stored inline
            if future.exception() is None:
                done = future.result()
                with tally_guard:
                    processed.add(done)
                log.write("loaded", articles=done.articles, events=done.events, events_new=done.events_new,
                          errors=done.errors)

        def on_progress(event) -> None:
            display.event(event)
            if event.stage == "page":
                log.write("page", portal=event.portal_id, url=event.url, outcome=event.outcome)
            elif event.stage == "done":
                log.write("portal_done", portal=event.portal_id, finished=event.counts.finished,
                          **{k: v for k, v in vars(event.counts).items() if k != "finished"})

        display.start(len(portals))
        try:
            with _graceful_stop(stop) as stopping, Writer(settings.db, on_stored=stored) as writer:
                if len(portals) >= WARM_WRITER_AT:
                    writer.warm()
                report = crawl(portals, settings.crawl, settings.db, settings.archive_dir, since=since,
                               max_pages=max_pages, sink=writer, progress=on_progress,
                               stop=stopping, run_id=run_id)
        finally:
            display.stop()
        _tally(summary, report, processed)
        summary.exports = export_all(settings, log)
        summary.finished = datetime.now(timezone.utc)
        log.write("summary", **summary.to_json())
    return summary


def _portals(settings: Settings, ids: list[str] | None):
    try:
        portals = select(load_portals(settings.portals), ids)
    except ThiduaError as e:
        raise ThiduaError(str(e), USAGE_ERROR) from None
    if not portals:
        raise ThiduaError("no portal to crawl (the registry is empty or every entry waits for a check)",
                          USAGE_ERROR)
    return portals


def _tally(summary: RunSummary, report: CrawlReport, processed: ProcessReport) -> None:
    summary.counts = {k: v for k, v in report.summary().items() if k != "events"}
    summary.events, summary.events_new = processed.events, processed.events_new
    summary.interrupted = report.interrupted
    for portal, c in report.portals.items():
        # a portal fails when nothing of it could be read in this run: down, blocked, or misconfigured
        if c.failed and not (c.fetched or c.not_modified):
            summary.failed_portals.append((portal, f"all {c.failed} requests failed"))


def export_all(settings: Settings, log: "RunLog | None" = None) -> list[tuple[Path, int]]:
    """The cluster-conferences export in each configured format, into the export directory."""
    import warehouse
    out_dir = settings.export_path
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for fmt in settings.exports:
        path = out_dir / f"{EXPORT_NAME}.{fmt}"
        rows = _retry_locked(lambda: warehouse.export(settings.db, path, "cluster-conferences", fmt))
        written.append((path, rows))
        if log:
            log.write("export", file=str(path), rows=rows)
    return written


def _retry_locked(work, attempts: int = 8):
    """A researcher's session may hold the file for a moment; wait for it rather than fail the run."""
    for attempt in range(attempts):
        try:
            return work()
        except ThiduaError as e:
            if "retry" not in str(e) or attempt == attempts - 1:
                raise
            time.sleep(min(5.0, 0.25 * 2 ** attempt))


@contextmanager
def _graceful_stop(stop: threading.Event | None) -> Iterator[threading.Event]:
    """SIGTERM (systemd stop) or a first Ctrl-C ends the crawl after the pages in flight; state is kept."""
    stop = stop or threading.Event()
    if threading.current_thread() is not threading.main_thread():
        yield stop
        return

    def handler(signum, frame):
        if stop.is_set() and signum == signal.SIGINT:
            raise KeyboardInterrupt
        stop.set()

    previous = {s: signal.signal(s, handler) for s in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield stop
    finally:
        for s, h in previous.items():
            signal.signal(s, h)


class RunLog:
    """One JSON-lines file per run (`run-<id>.jsonl` in the log directory); the newest `keep` are kept."""

    def __init__(self, directory: Path, run_id: str, keep: int = 30):
        self.directory, self.keep = Path(directory), keep
        self.path = self.directory / f"{run_id}.jsonl"
        self._file = None
        self._guard = threading.Lock()

    def __enter__(self) -> "RunLog":
        self.directory.mkdir(parents=True, exist_ok=True)
        self._file = open(self.path, "a", encoding="utf-8")
        self._rotate()
        return self

    def write(self, event: str, **fields: Any) -> None:
        line = json.dumps({"ts": datetime.now(timezone.utc).isoformat(timespec="milliseconds"), "event": event,
                           **fields}, ensure_ascii=False, default=str)
        with self._guard:
            self._file.write(line + "\n")
            self._file.flush()

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc is not None:
            self.write("error", error=f"{type(exc).__name__}: {exc}")
        self._file.close()

    def _rotate(self) -> None:
        logs = sorted(self.directory.glob("run-*.jsonl"), reverse=True)      # names start with the UTC time
        for old in logs[self.keep:]:
            old.unlink(missing_ok=True)
