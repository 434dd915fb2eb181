"""How a run shows itself: rich bars on a terminal, plain lines in a pipe or a log, nothing with --quiet."""
from __future__ import annotations

import sys
from typing import TextIO

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

PLAIN_EVERY = 50        # plain mode: one heartbeat line per this many pages, besides one line per portal


def _counts(c) -> str:
    return (f"{c.fetched} fetched, {c.not_modified} unchanged, {c.failed} failed, "
            f"{c.articles} articles")


class Display:
    """Receives the crawl's ProgressEvents (in the caller's thread) and the job's messages.

    Example: with Display(quiet=False) as d: d.message("crawling 3 portals")
    """

    def __init__(self, quiet: bool = False, stream: TextIO | None = None, tty: bool | None = None):
        self.stream = stream or sys.stderr
        self.quiet = quiet
        self.tty = self.stream.isatty() if tty is None else tty
        self._progress: Progress | None = None
        self._overall = None
        self._tasks: dict[str, int] = {}
        self._done = 0
        self._total = 0
        self._pages = 0

    def __enter__(self) -> "Display":
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def start(self, portals: int) -> None:
        self._total = portals
        if self.quiet:
            return
        if self.tty:
            console = Console(file=self.stream)
            self._progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                      TextColumn("{task.fields[info]}"), TimeElapsedColumn(), console=console,
                                      transient=False)
            self._overall = self._progress.add_task("portals", total=portals, info="")
            self._progress.start()
        else:
            self._line(f"crawling {portals} portal{'s' if portals != 1 else ''}")

    def event(self, event) -> None:
        """One crawl ProgressEvent: a portal started, a page was settled, or a portal is done."""
        if event.stage == "page":
            self._pages += 1
        if self.quiet:
            return
        if self._progress is not None:
            self._rich(event)
        elif event.stage == "done":
            self._done += 1
            state = "done" if event.counts.finished else "stopped"
            self._line(f"[{self._done}/{self._total}] {event.portal_id} {state}: {_counts(event.counts)}")
        elif event.stage == "page" and self._pages % PLAIN_EVERY == 0:
            self._line(f"... {self._pages} pages so far ({self._done}/{self._total} portals done)")

    def _rich(self, event) -> None:
        task = self._tasks.get(event.portal_id)
        if event.stage == "done":
            if task is not None:
                self._progress.remove_task(task)
                del self._tasks[event.portal_id]
            self._done += 1
            self._progress.update(self._overall, completed=self._done, info=f"{self._pages} pages")
            return
        if task is None:
            task = self._tasks[event.portal_id] = self._progress.add_task(f"  {event.portal_id}", total=None, info="")
        self._progress.update(task, info=_counts(event.counts))
        self._progress.update(self._overall, info=f"{self._pages} pages")

    def message(self, text: str) -> None:
        if self.quiet:
            return
        if self._progress is not None:
            self._progress.console.print(text, markup=False, highlight=False)
        else:
            self._line(text)

    def stop(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None

    def _line(self, text: str) -> None:
        print(text, file=self.stream, flush=True)
