"""Display: plain lines in a pipe, rich bars on a terminal, nothing when quiet."""
from __future__ import annotations

import io

from scraper.crawl import PortalCounts, ProgressEvent
from thidua.progress import PLAIN_EVERY, Display


def events():
    done = PortalCounts(fetched=5, not_modified=1, failed=0, articles=3, finished=True)
    yield ProgressEvent("kbang", "start", PortalCounts())
    for n in range(PLAIN_EVERY):
        yield ProgressEvent("kbang", "page", PortalCounts(fetched=n + 1), url=f"http://127.0.0.1/{n}", outcome="fetched")
    yield ProgressEvent("kbang", "done", done)


def test_plain_lines_one_per_portal_and_a_heartbeat():
    out = io.StringIO()
    with Display(stream=out, tty=False) as display:
        display.start(1)
        for event in events():
            display.event(event)
        display.message("exported 3 rows")
    assert out.getvalue().splitlines() == [
        "crawling 1 portal", f"... {PLAIN_EVERY} pages so far (0/1 portals done)",
        "[1/1] kbang done: 5 fetched, 1 unchanged, 0 failed, 3 articles", "exported 3 rows"]


def test_terminal_gets_a_progress_display_and_quiet_gets_nothing():
    out = io.StringIO()
    with Display(stream=out, tty=True) as display:
        display.start(1)
        for event in events():
            display.event(event)
        display.message("exported 3 rows")
    assert "portals" in out.getvalue() and "1/1" in out.getvalue() and "exported 3 rows" in out.getvalue()

    silent = io.StringIO()
    with Display(quiet=True, stream=silent) as display:
        display.start(1)
        for event in events():
            display.event(event)
        display.message("exported 3 rows")
    assert silent.getvalue() == ""
