"""thidua run: the scheduled job — crawl, extract, load and export once, under a lock."""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import List, Optional

import typer

from thidua.commands import flags
from thidua.errors import one_line_errors


def run(
    config: Optional[Path] = flags.CONFIG, db: Optional[Path] = flags.DB, portals: Optional[Path] = flags.PORTALS,
    archive: Optional[Path] = flags.ARCHIVE, export_dir: Optional[Path] = flags.EXPORT_DIR,
    exports: Optional[str] = flags.EXPORTS, log_dir: Optional[Path] = flags.LOG_DIR,
    log_keep: Optional[int] = flags.LOG_KEEP, crawl_set: List[str] = flags.CRAWL_SET,
    portal: List[str] = typer.Option([], "--portal", metavar="ID", help="Run only this portal id (repeatable)."),
    max_pages: Optional[int] = typer.Option(None, "--max-pages", metavar="N", help="Stop after this many fetches."),
    since: Optional[str] = typer.Option(None, "--since", metavar="DATE", help="YYYY-MM-DD: skip articles published before."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print nothing unless the run fails (for cron)."),
) -> None:
    """Run the whole job once: crawl every portal, extract, load, export; exit 0 ok, 1 some portals
    failed, 2 bad configuration, 3 another run holds the lock.

    Example: thidua run --db /var/lib/thidua/thidua.duckdb --export-dir /var/lib/thidua/export --quiet
    """
    from thidua.job import run_job
    from thidua.progress import Display

    with one_line_errors():
        settings = flags.effective(config, crawl_set, db=db, portals=portals, archive=archive, export_dir=export_dir,
                                   exports=exports, log_dir=log_dir, log_keep=log_keep).settings
        day = _day(since)
        summary = run_job(settings, portal_ids=portal or None, since=day, max_pages=max_pages,
                          display=Display(quiet=quiet))
    if not quiet or summary.exit_code:
        print("\n".join(summary.lines()))
    raise typer.Exit(summary.exit_code)


def _day(text: Optional[str]) -> Optional[date]:
    from schema import ThiduaError
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        raise ThiduaError(f"--since must be YYYY-MM-DD, not {text!r}", 2) from None
