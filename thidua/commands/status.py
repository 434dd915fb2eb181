"""thidua status: the last runs, each portal's health and the database size."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from thidua.commands import flags
from thidua.errors import one_line_errors


def status(
    config: Optional[Path] = flags.CONFIG, db: Optional[Path] = flags.DB,
    runs: int = typer.Option(10, "--runs", metavar="N", help="How many of the last runs to list."),
    portals: int = typer.Option(20, "--portals-shown", metavar="N", help="How many portals to list, least healthy first."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object instead of tables."),
) -> None:
    """Show the last runs (start, end, pages, new articles, new events, failures), per-portal health
    (last success, consecutive failures) and the database size.

    Example: thidua status --db /var/lib/thidua/thidua.duckdb
    """
    from thidua.status import render, status as read_status

    with one_line_errors():
        found = read_status(flags.effective(config, db=db).settings.db, last_runs=runs)
    if as_json:
        data = {"db": str(found.db), "bytes": found.bytes, "tables": found.tables, "runs": found.runs,
                "health": found.health, "running": found.running.__dict__ if found.running else None}
        print(json.dumps(data, ensure_ascii=False, default=str, indent=1))
    else:
        print(render(found, portals))
