"""thidua reextract: rebuild articles and events from the raw archive, with no network."""
from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from thidua.errors import one_line_errors


def reextract(
    db: Optional[Path] = typer.Option(None, "--db", help="The warehouse file (default: thidua.duckdb)."),
    archive: Optional[Path] = typer.Option(None, "--archive", help="WARC directory (default: <db>-archive beside the database)."),
    portals: Optional[Path] = typer.Option(None, "--portals", help="Portal registry TOML (default: the bundled one)."),
    portal: List[str] = typer.Option([], "--portal", help="Only this portal id (repeatable)."),
) -> None:
    """Read every archived article page again and reload it through the extractor.

    Example: thidua reextract --db thidua.duckdb --archive thidua-archive
    """
    from schema import ThiduaError
    from scraper.portals import load_portals
    from scraper.rebuild import archived_articles
    from thidua.config import resolve
    from thidua.pipeline import process
    from warehouse import session
    from warehouse.crawl_state import stored_articles

    with one_line_errors():
        settings = resolve({"db": db, "archive": archive, "portals": portals}).settings
        db, archive = settings.db, settings.archive_dir
        if not archive.is_dir():
            raise ThiduaError(f"no archive at {archive}")
        stored = None
        if db.exists():
            with session(db) as con:
                stored = stored_articles(con, portal or None)
        articles = archived_articles(archive, load_portals(settings.portals), stored, set(portal) or None)
        report = process(db, articles)
        print(f"{report.articles} articles re-read, {report.events} report events")
