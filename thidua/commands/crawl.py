"""thidua crawl: fetch new portal pages, extract their events and load them into the warehouse."""
from __future__ import annotations

import signal
import sys
import threading
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Iterator, List, Optional

import typer

from thidua.errors import one_line_errors


def crawl(
    portals: Optional[Path] = typer.Option(None, "--portals", help="Portal registry TOML (default: the bundled one)."),
    db: Optional[Path] = typer.Option(None, "--db", help="The warehouse file (default: thidua.duckdb)."),
    archive: Optional[Path] = typer.Option(None, "--archive", help="WARC directory (default: <db>-archive beside the database)."),
    portal: List[str] = typer.Option([], "--portal", help="Crawl only this portal id (repeatable)."),
    since: Optional[str] = typer.Option(None, "--since", help="YYYY-MM-DD: leave out articles published before this day."),
    max_pages: Optional[int] = typer.Option(None, "--max-pages", help="Stop after this many page fetches in this run."),
    all_: bool = typer.Option(False, "--all", help="Fetch every article, not only those with emulation cues."),
    delay: Optional[float] = typer.Option(None, "--delay", help="Seconds between requests to one host (default 1.0)."),
    source: str = typer.Option("live", "--source", help="live: the portals themselves; wayback: their captures in the Wayback Machine."),
    from_: Optional[int] = typer.Option(None, "--from", help="With --source wayback: the first year of captures."),
    to: Optional[int] = typer.Option(None, "--to", help="With --source wayback: the last year of captures."),
) -> None:
    """Crawl the portals politely and incrementally; a killed crawl continues where it stopped.

    Settings come from thidua.toml and THIDUA_* / THIDUA_CRAWL_* variables, then these flags.

    With --source wayback, dark portals' article captures are listed through the Wayback CDX API and fetched
    raw, at most one request a second to the archive; pattern-only portals wait for `portals check` as in a
    live crawl, dead ones are included.

    Example: thidua crawl --portal kienluong --since 2024-01-01 --db thidua.duckdb
    """
    from functools import partial

    from schema import ThiduaError
    from scraper.portals import load_portals, select
    from thidua.config import resolve
    from thidua.pipeline import Writer, process

    with one_line_errors():
        flags = {"db": db, "portals": portals, "archive": archive, "crawl.delay_per_host_s": delay,
                 "crawl.fetch_all": True if all_ else None}
        settings = resolve(flags).settings
        if source not in ("live", "wayback") or (source == "live" and (from_ or to)):
            raise ThiduaError("--source is live or wayback; --from and --to go with --source wayback", 2)
        if source == "wayback":
            from scraper.wayback import select_for_wayback
        chosen = (select_for_wayback if source == "wayback" else select)(load_portals(settings.portals), portal)
        try:
            day = date.fromisoformat(since) if since else None
        except ValueError:
            raise ThiduaError(f"--since must be YYYY-MM-DD, not {since!r}", 2) from None
        with stop_on_signals() as stop, Writer(settings.db) as writer:
            if source == "live" and len(chosen) >= 5:
                writer.warm()      # the workers load the extractor while the crawler's own modules load here
            if source == "wayback":
                from scraper.wayback import crawl_wayback
                run = partial(crawl_wayback, from_year=from_, to_year=to,
                              on_articles=lambda arts: process(settings.db, arts).events)
            else:   # extraction in worker processes, loading and crawl state in a thread, beside the fetching
                from scraper.crawl import crawl as run_crawl
                run = partial(run_crawl, since=day, sink=writer)
            with CrawlDisplay(chosen) as display:
                report = run(chosen, settings.crawl, settings.db, settings.archive_dir,
                             max_pages=max_pages, progress=display.update, stop=stop)
        print(summary_line(report))


def summary_line(report) -> str:
    s = report.summary()
    line = (f"{s['fetched']} pages fetched, {s['not_modified']} not modified, {s['robots_skipped']} skipped by "
            f"robots.txt, {s['failed']} failed, {s['articles']} articles, {s['events']} events "
            f"({report.elapsed_s:.1f} s)")
    return line + ("; stopped early: run it again to continue" if report.interrupted else "")


@contextmanager
def stop_on_signals() -> Iterator[threading.Event]:
    """SIGTERM/SIGINT ask the crawl to stop after the pages in flight and save its state."""
    stop = threading.Event()
    if threading.current_thread() is not threading.main_thread():
        yield stop
        return
    previous = {s: signal.getsignal(s) for s in (signal.SIGTERM, signal.SIGINT)}
    for sig in previous:
        signal.signal(sig, lambda *_: stop.set())
    try:
        yield stop
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


class CrawlDisplay:
    """Progress per portal: a rich live table on a terminal, one plain line per finished portal otherwise."""

    def __init__(self, portals, stream=None):
        self.stream = stream or sys.stderr
        self.live = None
        self.tasks: dict[str, int] = {}
        self.portals = portals

    def __enter__(self) -> "CrawlDisplay":
        if self.stream.isatty():
            from rich.console import Console
            from rich.progress import Progress, SpinnerColumn, TextColumn
            self.live = Progress(SpinnerColumn(), TextColumn("{task.description}"),
                                 console=Console(file=self.stream), transient=False)
            self.live.start()
        return self

    def update(self, event) -> None:
        c = event.counts
        text = (f"{event.portal_id}: {c.fetched} fetched, {c.not_modified} not modified, {c.failed} failed, "
                f"{c.articles} articles")
        if self.live is not None:
            if event.portal_id not in self.tasks:
                self.tasks[event.portal_id] = self.live.add_task(text, total=None)
            self.live.update(self.tasks[event.portal_id], description=text + (" ✓" if event.stage == "done" else ""))
        elif event.stage == "done":
            print(text + ("" if c.finished else " (not finished)"), file=self.stream, flush=True)

    def __exit__(self, *exc) -> None:
        if self.live is not None:
            self.live.stop()
